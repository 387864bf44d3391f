using System.Globalization;

namespace Neurotag.Scenarios.Units;

/// <summary>
/// Parses scenario quantities written with a unit (<c>"20 ms"</c>, <c>"-65 mV"</c>, <c>"30 day"</c>) into the core's
/// internal unit of an expected <see cref="Dimension"/>, and formats internal values back into readable strings.
/// Parsing and formatting use the invariant culture only; units are case-sensitive.
/// </summary>
public static class QuantityParser
{
    /// <summary>A unit symbol: a value <c>x</c> in this unit is <c>x * Multiply / Divide</c> in the internal unit.</summary>
    private sealed record UnitDef(string Symbol, Dimension Dimension, double Multiply, double Divide);

    /// <summary>Per-dimension text: name for messages, internal unit, example, units used by Format (ascending), accepted-units hint.</summary>
    private sealed record Info(string Name, string Internal, string Example, string[] Readable, string Accepted);

    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Generic SI prefixes and their powers of ten. u, µ (U+00B5) and μ (U+03BC) all mean micro.</summary>
    private static readonly (string Prefix, int Exponent)[] Prefixes =
    [
        ("f", -15), ("p", -12), ("n", -9), ("u", -6), ("\u00B5", -6), ("\u03BC", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9),
    ];

    private static readonly Dictionary<Dimension, Info> Infos = new()
    {
        [Dimension.Time] = new("time", "ms", "20 ms", ["ms", "s", "min", "h", "day"],
            "ms, s, min, h, day, days, week, weeks, us (or \u00B5s), ns, ps, fs"),
        [Dimension.Voltage] = Si("voltage", "mV", "-65 mV", "V", ["uV", "mV", "V"]),
        [Dimension.Conductance] = Si("conductance", "nS", "0.6 nS", "S", ["pS", "nS", "uS", "mS", "S"]),
        [Dimension.Current] = Si("current", "pA", "200 pA", "A", ["fA", "pA", "nA", "uA", "mA", "A"]),
        [Dimension.Capacitance] = Si("capacitance", "pF", "250 pF", "F", ["fF", "pF", "nF", "uF", "mF", "F"]),
        [Dimension.Resistance] = Si("resistance", "MOhm", "100 MOhm", "Ohm (or ohm, \u03A9)", ["Ohm", "kOhm", "MOhm", "GOhm"]),
        [Dimension.Frequency] = Si("frequency", "Hz", "40 Hz", "Hz", ["mHz", "Hz", "kHz"]),
    };

    /// <summary>Every accepted unit symbol of every dimension (ordinal, case-sensitive; symbols are unique across dimensions).</summary>
    private static readonly Dictionary<string, UnitDef> Units = BuildUnits();

    /// <summary>The internal unit of a dimension: "ms", "mV", "nS", "pA", "pF", "MOhm" or "Hz".</summary>
    /// <param name="d">The dimension.</param>
    /// <returns>The symbol of the unit in which the core stores values of <paramref name="d"/>.</returns>
    public static string InternalUnit(Dimension d) => GetInfo(d).Internal;

    /// <summary>The name of a dimension in messages, e.g. "conductance".</summary>
    /// <param name="d">The dimension.</param>
    /// <returns>The lower-case name of <paramref name="d"/>.</returns>
    public static string Name(Dimension d) => GetInfo(d).Name;

    /// <summary>An example quantity of a dimension for messages and hints, e.g. "20 ms".</summary>
    /// <param name="d">The dimension.</param>
    /// <returns>A valid quantity string of dimension <paramref name="d"/>.</returns>
    public static string Example(Dimension d) => GetInfo(d).Example;

    /// <summary>Parses a quantity such as <c>"1.5 s"</c> that must have dimension <paramref name="expected"/>.</summary>
    /// <param name="text">Number (invariant culture), optional whitespace, unit. Surrounding whitespace is ignored.</param>
    /// <param name="expected">The dimension the quantity must have.</param>
    /// <param name="value">On success the value in the internal unit of <paramref name="expected"/>; otherwise 0.</param>
    /// <param name="message">On failure what was wrong and what was expected; otherwise empty.</param>
    /// <param name="hint">On failure how to fix it (may be empty); otherwise empty.</param>
    /// <returns>True when <paramref name="text"/> is a finite quantity of the expected dimension.</returns>
    public static bool TryParse(string text, Dimension expected, out double value, out string message, out string hint)
    {
        Info info = GetInfo(expected);
        value = 0;
        string s = (text ?? string.Empty).Trim();
        string expectation = $"expected a {info.Name} (e.g. '{info.Example}')";
        if (s.Length == 0)
        {
            return Fail($"empty quantity: {expectation}", $"write a number and a unit, e.g. '{info.Example}'", out message, out hint);
        }

        int end = ScanNumber(s);
        string number = s[..end], after = s[end..], unit = after.TrimStart();
        if ((end == 0 ? after.TrimStart('+', '-') : after).StartsWith(','))
        {
            return Fail($"'{s}' uses a comma as decimal separator", $"use a dot as decimal separator, e.g. '0.5 {info.Internal}'; no thousands separators", out message, out hint);
        }

        if (end == 0)
        {
            return IsNonFinite(s.Split(' ', '\t')[0])
                ? Fail($"'{s}' is not a finite number: {expectation}", $"non-finite numbers (NaN, infinities) are not allowed: write a finite one, e.g. '{info.Example}'", out message, out hint)
                : Fail($"missing number in '{s}': {expectation}", $"write a number before the unit, e.g. '{info.Example}'", out message, out hint);
        }

        if (unit.Length > 0 && (char.IsAsciiDigit(unit[0]) || unit[0] is '.' or '+' or '-' || (unit.Length == after.Length && unit[0] is 'e' or 'E')))
        {
            return Fail($"malformed number in '{s}': {expectation}", "write one number in invariant format, e.g. '1.5', '-65', '1e-3'", out message, out hint);
        }

        if (!double.TryParse(number, NumberStyle, Invariant, out double x) || !double.IsFinite(x))
        {
            return Fail($"number '{number}' is out of range (too large for a double)", "use a smaller number", out message, out hint);
        }

        if (unit.Length == 0)
        {
            return Fail($"missing unit in '{s}': a unit is required, e.g. '{number} {info.Internal}'", $"accepted {info.Name} units: {info.Accepted}", out message, out hint);
        }

        string caseHint = CaseHint(unit, expected);
        if (Units.TryGetValue(unit, out UnitDef? def))
        {
            if (def.Dimension != expected)
            {
                return Fail($"{expectation} but '{unit}' is a {GetInfo(def.Dimension).Name}",
                    caseHint.Length > 0 ? caseHint : $"use a {info.Name} unit: {info.Accepted}", out message, out hint);
            }

            double converted = x * def.Multiply / def.Divide;
            if (!double.IsFinite(converted))
            {
                return Fail($"'{s}' is out of range: it overflows when converted to {info.Internal}", "use a smaller value", out message, out hint);
            }

            value = converted;
            message = hint = string.Empty;
            return true;
        }

        return Fail($"unknown {info.Name} unit '{unit}' in '{s}'",
            caseHint.Length > 0 ? caseHint : $"accepted {info.Name} units: {info.Accepted}", out message, out hint);
    }

    /// <summary>
    /// Whether <paramref name="text"/> spells a non-finite number: NaN or an infinity, as YAML writes them (<c>.nan</c>,
    /// <c>-.inf</c>, <c>.Inf</c>) or as .NET and C do (<c>NaN</c>, <c>inf</c>, <c>Infinity</c>, <c>∞</c>).
    /// </summary>
    /// <param name="text">A scalar as written.</param>
    /// <returns>True for those spellings, in any case, with an optional sign.</returns>
    public static bool IsNonFinite(string text)
    {
        string s = (text ?? string.Empty).Trim().TrimStart('+', '-');
        s = s.StartsWith('.') ? s[1..] : s;
        return s is "\u221E" || s.Equals("nan", StringComparison.OrdinalIgnoreCase) || s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Formats a value given in the internal unit of <paramref name="d"/> in the largest readable unit in which its
    /// magnitude is at least 1 (the smallest readable unit otherwise), e.g. 1500 ms → "1.5 s", 2592000000 ms → "30 day".
    /// The number is rounded to 12 significant digits, then written in shortest round-trip form, invariant culture.
    /// </summary>
    /// <param name="value">A finite value in the internal unit.</param>
    /// <param name="d">The dimension of the value.</param>
    /// <returns>A string that <see cref="TryParse"/> accepts for <paramref name="d"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static string Format(double value, Dimension d)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite quantities can be formatted.");
        }

        Info info = GetInfo(d);
        UnitDef unit = Units[info.Readable[0]];
        double shown = InUnit(value, unit);
        foreach (string symbol in info.Readable.Skip(1))
        {
            UnitDef candidate = Units[symbol];
            double inCandidate = InUnit(value, candidate);
            if (Math.Abs(inCandidate) >= 1)
            {
                (unit, shown) = (candidate, inCandidate);
            }
        }

        return (shown == 0 ? 0.0 : shown).ToString("R", Invariant) + " " + unit.Symbol; // no "-0"
    }

    private static double InUnit(double value, UnitDef unit)
    {
        double raw = value / unit.Multiply * unit.Divide;
        return double.Parse(raw.ToString("G12", Invariant), NumberStyle, Invariant);
    }

    private static Info GetInfo(Dimension d) =>
        Infos.TryGetValue(d, out Info? info) ? info : throw new ArgumentOutOfRangeException(nameof(d), d, "Unknown dimension.");

    private static Info Si(string name, string internalUnit, string example, string baseText, string[] readable) =>
        new(name, internalUnit, example, readable,
            $"{baseText} with an optional SI prefix (f, p, n, u, \u00B5, \u03BC, m, k, M, G), e.g. {string.Join(", ", readable)}");

    private static Dictionary<string, UnitDef> BuildUnits()
    {
        var units = new Dictionary<string, UnitDef>(StringComparer.Ordinal);
        // Time takes only sub-unit prefixes: 'Ms' (megasecond) would silently accept a one-letter typo of 'ms'.
        AddSi(units, Dimension.Time, ["s"], internalExponent: -3, maxExponent: 0);
        AddSi(units, Dimension.Voltage, ["V"], internalExponent: -3);
        AddSi(units, Dimension.Conductance, ["S"], internalExponent: -9);
        AddSi(units, Dimension.Current, ["A"], internalExponent: -12);
        AddSi(units, Dimension.Capacitance, ["F"], internalExponent: -12);
        AddSi(units, Dimension.Resistance, ["Ohm", "ohm", "\u03A9", "\u2126"], internalExponent: 6);
        AddSi(units, Dimension.Frequency, ["Hz"], internalExponent: 0);
        (string Symbol, double Ms)[] timeUnits =
            [("min", 60_000), ("h", 3_600_000), ("day", 86_400_000), ("days", 86_400_000), ("week", 604_800_000), ("weeks", 604_800_000)];
        timeUnits.ToList().ForEach(t => units.Add(t.Symbol, new UnitDef(t.Symbol, Dimension.Time, t.Ms, 1)));
        return units;
    }

    /// <summary>Adds prefix+base for every prefix; the scale is an exact power of ten (|exponent| ≤ 22), applied by
    /// multiplication when it grows the value and by division when it shrinks it, so "1 us" gives exactly 0.001.</summary>
    private static void AddSi(Dictionary<string, UnitDef> units, Dimension d, string[] bases, int internalExponent, int maxExponent = 9)
    {
        foreach (string b in bases)
        {
            foreach ((string prefix, int exponent) in Prefixes.Where(p => p.Exponent <= maxExponent))
            {
                int e = exponent - internalExponent;
                double scale = 1;
                for (int i = 0; i < Math.Abs(e); i++)
                {
                    scale *= 10;
                }

                units.Add(prefix + b, new UnitDef(prefix + b, d, e >= 0 ? scale : 1, e >= 0 ? 1 : scale));
            }
        }
    }

    /// <summary>Length of the leading number: [+-] (digits [. digits] | . digits) [(e|E) [+-] digits]; 0 if none.</summary>
    private static int ScanNumber(string s)
    {
        int i = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
        int digits = CountDigits(s, i);
        i += digits;
        if (i < s.Length && s[i] == '.')
        {
            int fraction = CountDigits(s, i + 1);
            if (digits + fraction > 0)
            {
                i += 1 + fraction;
            }

            digits += fraction;
        }

        if (digits == 0)
        {
            return 0;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            int j = i + 1 < s.Length && s[i + 1] is '+' or '-' ? i + 2 : i + 1;
            int exponentDigits = CountDigits(s, j);
            if (exponentDigits > 0)
            {
                i = j + exponentDigits;
            }
        }

        return i;
    }

    private static int CountDigits(string s, int start) =>
        s.AsSpan(start).IndexOfAnyExceptInRange('0', '9') is var n && n >= 0 ? n : s.Length - start;

    /// <summary>"did you mean ...?" for units of the expected dimension that differ only in letter case, readable ones first.</summary>
    private static string CaseHint(string unit, Dimension expected)
    {
        string[] matches = Units.Values
            .Where(u => u.Dimension == expected && u.Symbol != unit && string.Equals(u.Symbol, unit, StringComparison.OrdinalIgnoreCase))
            .OrderBy(u => Array.IndexOf(GetInfo(expected).Readable, u.Symbol) is var k && k >= 0 ? k : int.MaxValue)
            .Select(u => $"'{u.Symbol}'")
            .ToArray();
        return matches.Length == 0 ? string.Empty : $"units are case-sensitive: did you mean {string.Join(" or ", matches)}?";
    }

    private static bool Fail(string why, string fix, out string message, out string hint)
    {
        message = why;
        hint = fix;
        return false;
    }
}
