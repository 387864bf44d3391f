using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Neurotag.Scenarios.Tests.Fuzzing;

/// <summary>What a mutation does to a scenario file.</summary>
internal enum MutationKind
{
    DeleteLine,
    DeleteBlock,
    DuplicateLine,
    DuplicateBlock,
    SwapLines,
    Reindent,
    SwapValue,
    ReplaceUnit,
    ExtremeNumber,
    InsertToken,
    Truncate,
    RandomBytes,
}

/// <summary>
/// One edit of a scenario file. Positions are drawn as plain numbers and taken modulo what the file has (lines,
/// values, numbers, bytes), so any mutation applies to any file and a case replays from its seed alone.
/// </summary>
internal sealed record Mutation(MutationKind Kind, uint Where, uint Other, int Pick, byte[] Bytes)
{
    public override string ToString() => $"{Kind}({Where % 100_000}, {Other % 100_000}, {Pick}{(Kind == MutationKind.RandomBytes ? ", " + Convert.ToHexString(Bytes) : "")})";
}

/// <summary>Mutations of scenario files for fuzzing the validator: structure, types, units, numbers, bytes.</summary>
internal static partial class ScenarioMutator
{
    /// <summary>Values that replace a scalar: other types, empty and null, YAML specials, huge and tiny numbers.</summary>
    private static readonly string[] Values =
    [
        "[]", "{}", "~", "null", "true", "off", "\"text\"", "''", "[1, 2]", "[a, [b]]", "{ a: 1 }", "{ uniform: [0, 1] }", "{ normal: [1] }",
        "0", "-0", "1", "-1", "0.5", "1.5", "-1e-300", "1e308", "-1e308", "1e309", "4.9e-324", ".nan", ".inf", "-.inf", "NaN",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "18446744073709551616", "1100000000", "1e15",
        "1e12 s", "110000 day", "1e-30 ms", "0 ms", "-5 ms", "1e300 day", "0.1 ms", "10 Hz", "-65 mV", "6 nS", "200 pA", "1 furlong",
        "cortex", "pain", "all_to_all", "hebbian", "stdp", "lif", "poisson", "rate", "memory.0", "x.y.z", "a b", "*a", "&a 1", "!!binary AAAA",
        "\"\\u0000\"", "\"\u00e9\u4e2d\ud83d\ude00\"", "|\n  block", ">-", "- a", "? k", "<<: *a",
    ];

    private static readonly string[] Units = ["ms", "s", "min", "h", "day", "week", "ns", "fs", "Ms", "Hz", "kHz", "mV", "V", "nS", "pA", "pF", "MOhm", "Ω", "µs", "furlong", "", " ", "m s", "ms ms", "1"];

    private static readonly string[] Numbers = ["0", "-0", "1e308", "-1e308", "1e309", "4.9e-324", "1e-320", "2147483648", "9223372036854775808", "1.1e9", "1100000000", "2000000000", "99999999", "1000000", "1e15", "1e20", "123456789012345678901234567890", ".5", "5.", "1_000", "0x10", "1,5"];

    private static readonly string[] Tokens = [":", ": ", "- ", "{", "}", "[", "]", ",", "&a ", "*a", "*b", "!!str ", "!tag ", "\t", "---\n", "...\n", "%YAML 1.2\n", "\"", "'", "#", "|", ">", "? ", "\uFEFF", "\0", "\r", "\n", "  ", "<<: *a\n", "@", "`"];

    private static readonly Gen<Mutation> OneMutation = Gen.Select(Gen.Enum<MutationKind>(), Gen.UInt, Gen.UInt, Gen.Int[0, 1 << 20], Gen.Byte.Array[1, 8], (kind, where, other, pick, bytes) => new Mutation(kind, where, other, pick, bytes));

    /// <summary>One to four mutations.</summary>
    public static readonly Gen<Mutation[]> Mutations = OneMutation.Array[1, 4];

    /// <summary>Applies <paramref name="mutations"/> to a file: text edits in order, then byte edits (truncation, random bytes).</summary>
    public static byte[] Apply(string text, IReadOnlyList<Mutation> mutations)
    {
        foreach (var m in mutations.Where(m => m.Kind is not (MutationKind.Truncate or MutationKind.RandomBytes)))
        {
            text = ApplyText(text, m);
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        foreach (var m in mutations.Where(m => m.Kind is MutationKind.Truncate or MutationKind.RandomBytes))
        {
            int at = bytes.Length == 0 ? 0 : (int)(m.Where % (uint)bytes.Length);
            bytes = m.Kind == MutationKind.Truncate
                ? bytes[..at]
                : m.Other % 2 == 0 ? [.. bytes[..at], .. m.Bytes, .. bytes[at..]] // insert
                : [.. bytes[..at], .. m.Bytes, .. bytes[Math.Min(bytes.Length, at + m.Bytes.Length)..]]; // overwrite
        }

        return bytes;
    }

    private static string ApplyText(string text, Mutation m)
    {
        var lines = text.Split('\n').ToList();
        int line = (int)(m.Where % (uint)lines.Count);
        switch (m.Kind)
        {
            case MutationKind.DeleteLine:
                lines.RemoveAt(line);
                return string.Join('\n', lines);
            case MutationKind.DeleteBlock:
                lines.RemoveRange(line, BlockLength(lines, line));
                return string.Join('\n', lines);
            case MutationKind.DuplicateLine:
                lines.Insert(line, lines[line]);
                return string.Join('\n', lines);
            case MutationKind.DuplicateBlock:
                int length = BlockLength(lines, line);
                lines.InsertRange(line + length, lines.GetRange(line, length));
                return string.Join('\n', lines);
            case MutationKind.SwapLines:
                int other = (int)(m.Other % (uint)lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return string.Join('\n', lines);
            case MutationKind.Reindent:
                lines[line] = m.Other % 2 == 0 ? "  " + lines[line] : lines[line].TrimStart();
                return string.Join('\n', lines);
            case MutationKind.SwapValue:
                return ReplaceMatch(text, ValuePattern(), m, Values[m.Pick % Values.Length]);
            case MutationKind.ReplaceUnit:
                return ReplaceMatch(text, UnitPattern(), m, Units[m.Pick % Units.Length]);
            case MutationKind.ExtremeNumber:
                return ReplaceMatch(text, NumberPattern(), m, Numbers[m.Pick % Numbers.Length]);
            case MutationKind.InsertToken:
                int at = text.Length == 0 ? 0 : (int)(m.Other % (uint)text.Length);
                return text.Insert(at, Tokens[m.Pick % Tokens.Length]);
            default:
                throw new InvalidOperationException(m.Kind.ToString());
        }
    }

    /// <summary>The line and the following lines indented deeper than it (a key with its whole value).</summary>
    private static int BlockLength(List<string> lines, int start)
    {
        int indent = Indent(lines[start]);
        int end = start + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > indent))
        {
            end++;
        }

        return end - start;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ', '-').Length;

    private static string ReplaceMatch(string text, Regex pattern, Mutation m, string replacement)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var match = matches[(int)(m.Where % (uint)matches.Count)];
        return string.Concat(text.AsSpan(0, match.Index), replacement, text.AsSpan(match.Index + match.Length));
    }

    /// <summary>A scalar value after 'key: ' (block or flow), up to a comment, comma or bracket.</summary>
    [GeneratedRegex(@"(?<=[\w""]:[ ]+)[^\s,{}\[\]#][^,{}\[\]\n#]*", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();

    /// <summary>The unit of a quantity (letters after a number).</summary>
    [GeneratedRegex(@"(?<=\d[ ]?)[A-Za-zµΩ]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>For messages: the mutations, one per line.</summary>
    public static string Describe(IEnumerable<Mutation> mutations) => string.Join(", ", mutations.Select(m => m.ToString()));

    /// <summary>Formats a seed the way FUZZ_SEED takes it.</summary>
    public static string SeedText(ulong seed) => seed.ToString(CultureInfo.InvariantCulture);
}
