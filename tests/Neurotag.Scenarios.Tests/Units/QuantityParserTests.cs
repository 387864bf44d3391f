using System.Globalization;
using Neurotag.Scenarios.Units;

namespace Neurotag.Scenarios.Tests.Units;

public class QuantityParserTests
{
    // Definitions: 1 s = 1000 ms, 1 min = 60 s, 1 h = 3600 s, 1 day = 86 400 s, 1 week = 7 day.
    private const double Second = 1000;
    private const double Minute = 60 * Second;
    private const double Hour = 3600 * Second;
    private const double Day = 86_400 * Second;
    private const double Week = 7 * Day;

    private static double ParseOk(string text, Dimension d)
    {
        bool ok = QuantityParser.TryParse(text, d, out double value, out string message, out string hint);
        Assert.True(ok, $"'{text}' as {d}: {message} / {hint}");
        Assert.Equal(string.Empty, message);
        Assert.Equal(string.Empty, hint);
        return value;
    }

    private static (string Message, string Hint) ParseFails(string text, Dimension d)
    {
        bool ok = QuantityParser.TryParse(text, d, out double value, out string message, out string hint);
        Assert.False(ok, $"'{text}' as {d} unexpectedly parsed to {value}");
        Assert.Equal(0.0, value);
        Assert.False(string.IsNullOrWhiteSpace(message));
        return (message, hint);
    }

    [Theory]
    [InlineData(Dimension.Time, "ms")]
    [InlineData(Dimension.Voltage, "mV")]
    [InlineData(Dimension.Conductance, "nS")]
    [InlineData(Dimension.Current, "pA")]
    [InlineData(Dimension.Capacitance, "pF")]
    [InlineData(Dimension.Resistance, "MOhm")]
    [InlineData(Dimension.Frequency, "Hz")]
    public void InternalUnit_ForEachDimension_IsTheCoreUnit(Dimension d, string unit) =>
        Assert.Equal(unit, QuantityParser.InternalUnit(d));

    [Theory]
    [InlineData(Dimension.Time)]
    [InlineData(Dimension.Voltage)]
    [InlineData(Dimension.Conductance)]
    [InlineData(Dimension.Current)]
    [InlineData(Dimension.Capacitance)]
    [InlineData(Dimension.Resistance)]
    [InlineData(Dimension.Frequency)]
    public void Example_ForEachDimension_ParsesInItsOwnDimensionAndEndsWithTheInternalUnit(Dimension d)
    {
        string example = QuantityParser.Example(d);
        Assert.EndsWith(" " + QuantityParser.InternalUnit(d), example, StringComparison.Ordinal);
        ParseOk(example, d);
    }

    [Theory]
    [InlineData("20 ms", 20.0)]
    [InlineData("0.1 ms", 0.1)]
    [InlineData("1.5 s", 1.5 * Second)]
    [InlineData("1 s", Second)]
    [InlineData("1 us", 0.001)]
    [InlineData("1 \u00B5s", 0.001)]
    [InlineData("1 \u03BCs", 0.001)]
    [InlineData("500 us", 0.5)]
    [InlineData("1 ns", 1e-6)]
    [InlineData("1 ps", 1e-9)]
    [InlineData("1 fs", 1e-12)]
    [InlineData("10 min", 10 * Minute)]
    [InlineData("2 h", 2 * Hour)]
    [InlineData("1 day", Day)]
    [InlineData("30 day", 30 * Day)]
    [InlineData("30 days", 30 * Day)]
    [InlineData("1 week", Week)]
    [InlineData("2 weeks", 2 * Week)]
    public void TryParse_Time_ConvertsEveryUnitToMilliseconds(string text, double expectedMs) =>
        Assert.Equal(expectedMs, ParseOk(text, Dimension.Time));

    [Fact]
    public void TryParse_ThirtyDays_IsExactlyTwoPointFiveNineTwoBillionMilliseconds() =>
        Assert.Equal(2_592_000_000.0, ParseOk("30 day", Dimension.Time));

    [Theory]
    [InlineData("-65 mV", Dimension.Voltage, -65.0)]
    [InlineData("1 V", Dimension.Voltage, 1e3)]
    [InlineData("1 uV", Dimension.Voltage, 1e-3)]
    [InlineData("1 \u00B5V", Dimension.Voltage, 1e-3)]
    [InlineData("1 \u03BCV", Dimension.Voltage, 1e-3)]
    [InlineData("1 nV", Dimension.Voltage, 1e-6)]
    [InlineData("1 kV", Dimension.Voltage, 1e6)]
    [InlineData("0.6 nS", Dimension.Conductance, 0.6)]
    [InlineData("1 pS", Dimension.Conductance, 1e-3)]
    [InlineData("1 uS", Dimension.Conductance, 1e3)]
    [InlineData("1 \u00B5S", Dimension.Conductance, 1e3)]
    [InlineData("1 mS", Dimension.Conductance, 1e6)]
    [InlineData("1 S", Dimension.Conductance, 1e9)]
    [InlineData("200 pA", Dimension.Current, 200.0)]
    [InlineData("1 fA", Dimension.Current, 1e-3)]
    [InlineData("1 nA", Dimension.Current, 1e3)]
    [InlineData("1 uA", Dimension.Current, 1e6)]
    [InlineData("1 \u00B5A", Dimension.Current, 1e6)]
    [InlineData("1 mA", Dimension.Current, 1e9)]
    [InlineData("1 A", Dimension.Current, 1e12)]
    [InlineData("250 pF", Dimension.Capacitance, 250.0)]
    [InlineData("250 fF", Dimension.Capacitance, 0.25)]
    [InlineData("1 nF", Dimension.Capacitance, 1e3)]
    [InlineData("1 uF", Dimension.Capacitance, 1e6)]
    [InlineData("1 \u00B5F", Dimension.Capacitance, 1e6)]
    [InlineData("1 F", Dimension.Capacitance, 1e12)]
    [InlineData("100 MOhm", Dimension.Resistance, 100.0)]
    [InlineData("1 Ohm", Dimension.Resistance, 1e-6)]
    [InlineData("1 ohm", Dimension.Resistance, 1e-6)]
    [InlineData("1 \u03A9", Dimension.Resistance, 1e-6)]
    [InlineData("1 k\u03A9", Dimension.Resistance, 1e-3)]
    [InlineData("1 kOhm", Dimension.Resistance, 1e-3)]
    [InlineData("1 GOhm", Dimension.Resistance, 1e3)]
    [InlineData("1 mOhm", Dimension.Resistance, 1e-9)]
    [InlineData("40 Hz", Dimension.Frequency, 40.0)]
    [InlineData("1 kHz", Dimension.Frequency, 1e3)]
    [InlineData("1 mHz", Dimension.Frequency, 1e-3)]
    public void TryParse_ElectricalAndRateUnits_ConvertToTheInternalUnit(string text, Dimension d, double expected) =>
        Assert.Equal(expected, ParseOk(text, d));

    [Theory]
    [InlineData("-65 mV", -65.0)]
    [InlineData("+3 mV", 3.0)]
    [InlineData("0.6 mV", 0.6)]
    [InlineData(".5 mV", 0.5)]
    [InlineData("5. mV", 5.0)]
    [InlineData("1e-3 mV", 0.001)]
    [InlineData("1.5E+2 mV", 150.0)]
    [InlineData("2e3mV", 2000.0)]
    public void TryParse_InvariantNumberForms_AreAccepted(string text, double expected) =>
        Assert.Equal(expected, ParseOk(text, Dimension.Voltage));

    [Theory]
    [InlineData("20ms")]
    [InlineData("20 ms")]
    [InlineData("20   ms")]
    [InlineData("  20 ms  ")]
    [InlineData("\t20\tms\n")]
    [InlineData("20\u00A0ms")]
    public void TryParse_WhitespaceAroundAndBetween_IsOptional(string text) =>
        Assert.Equal(20.0, ParseOk(text, Dimension.Time));

    [Theory]
    [InlineData("20 mV", Dimension.Time, "a time", "voltage")]
    [InlineData("1.5 s", Dimension.Voltage, "a voltage", "time")]
    [InlineData("40 Hz", Dimension.Time, "a time", "frequency")]
    [InlineData("20 ms", Dimension.Frequency, "a frequency", "time")]
    [InlineData("0.6 nS", Dimension.Current, "a current", "conductance")]
    [InlineData("200 pA", Dimension.Conductance, "a conductance", "current")]
    [InlineData("250 pF", Dimension.Resistance, "a resistance", "capacitance")]
    [InlineData("100 MOhm", Dimension.Capacitance, "a capacitance", "resistance")]
    [InlineData("30 day", Dimension.Voltage, "a voltage", "time")]
    public void TryParse_WhenUnitHasWrongDimension_NamesBothDimensions(string text, Dimension expected, string expectedName, string actualName)
    {
        (string message, string hint) = ParseFails(text, expected);
        string unit = text.Split(' ')[1];
        Assert.Contains($"expected {expectedName} (e.g. '{QuantityParser.Example(expected)}')", message, StringComparison.Ordinal);
        Assert.Contains($"but '{unit}' is a {actualName}", message, StringComparison.Ordinal);
        Assert.Contains(QuantityParser.InternalUnit(expected), hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WhenTimeGetsMillivolts_ReportsTheExactMessage()
    {
        (string message, _) = ParseFails("20 mV", Dimension.Time);
        Assert.Equal("expected a time (e.g. '20 ms') but 'mV' is a voltage", message);
    }

    [Theory]
    [InlineData("20 MS", Dimension.Time, "'ms'")]
    [InlineData("20 Ms", Dimension.Time, "'ms'")]
    [InlineData("20 MIN", Dimension.Time, "'min'")]
    [InlineData("1 Day", Dimension.Time, "'day'")]
    [InlineData("40 hz", Dimension.Frequency, "'Hz'")]
    [InlineData("40 HZ", Dimension.Frequency, "'Hz'")]
    [InlineData("-65 mv", Dimension.Voltage, "'mV'")]
    [InlineData("0.6 ns", Dimension.Conductance, "'nS'")]
    [InlineData("200 PA", Dimension.Current, "'pA'")]
    [InlineData("250 PF", Dimension.Capacitance, "'pF'")]
    public void TryParse_WhenUnitHasWrongCase_FailsAndSuggestsTheRightSpelling(string text, Dimension d, string suggestion)
    {
        (_, string hint) = ParseFails(text, d);
        Assert.Contains("did you mean " + suggestion, hint, StringComparison.Ordinal);
        Assert.Contains("case-sensitive", hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20 m", Dimension.Time)]
    [InlineData("20 sec", Dimension.Time)]
    [InlineData("20 hours", Dimension.Time)]
    [InlineData("20 Ks", Dimension.Time)]
    [InlineData("20 m s", Dimension.Time)]
    [InlineData("20 ms extra", Dimension.Time)]
    [InlineData("-65 volts", Dimension.Voltage)]
    [InlineData("40 rpm", Dimension.Frequency)]
    public void TryParse_WhenUnitIsUnknown_ListsTheAcceptedUnitsOfTheDimension(string text, Dimension d)
    {
        (string message, string hint) = ParseFails(text, d);
        Assert.Contains("unknown", message, StringComparison.Ordinal);
        Assert.Contains("accepted", hint, StringComparison.Ordinal);
        Assert.Contains(QuantityParser.InternalUnit(d), hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WhenUnitIsMetreLikeM_IsAnUnknownTimeUnitListingMin()
    {
        (string message, string hint) = ParseFails("20 m", Dimension.Time);
        Assert.Contains("'m'", message, StringComparison.Ordinal);
        Assert.Contains("min", hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20 ks")]
    [InlineData("20 Gs")]
    public void TryParse_TimeWithMultiplePrefix_IsRejectedSinceMinHourDayCoverLongSpans(string text) =>
        ParseFails(text, Dimension.Time);

    [Theory]
    [InlineData("0,5 ms")]
    [InlineData("0,5ms")]
    [InlineData("1,000 ms")]
    [InlineData(",5 ms")]
    public void TryParse_WhenNumberUsesCommaDecimal_HintsToUseADot(string text)
    {
        (_, string hint) = ParseFails(text, Dimension.Time);
        Assert.Contains("use a dot as decimal separator", hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20", "20 ms")]
    [InlineData("  1.5  ", "1.5 ms")]
    [InlineData("-3", "-3 ms")]
    public void TryParse_WhenUnitIsMissing_SaysAUnitIsRequired(string text, string example)
    {
        (string message, _) = ParseFails(text, Dimension.Time);
        Assert.Contains($"a unit is required, e.g. '{example}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ms")]
    [InlineData(" ms")]
    [InlineData("-ms")]
    [InlineData(". ms")]
    [InlineData("e3 ms")]
    public void TryParse_WhenNumberIsMissing_SaysSoAndGivesAnExample(string text)
    {
        (string message, string hint) = ParseFails(text, Dimension.Time);
        Assert.Contains("missing number", message, StringComparison.Ordinal);
        Assert.Contains("'20 ms'", hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_WhenTextIsEmpty_FailsWithAnExample(string text)
    {
        (string message, _) = ParseFails(text, Dimension.Time);
        Assert.Contains("'20 ms'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2.3 ms")]
    [InlineData("1e ms")]
    [InlineData("1e+ ms")]
    [InlineData("1 2 ms")]
    [InlineData("--1 ms")]
    [InlineData("1-2 ms")]
    [InlineData("0x10 ms")]
    [InlineData("1_000 ms")]
    public void TryParse_WhenNumberIsMalformed_Fails(string text) =>
        ParseFails(text, Dimension.Time);

    [Theory]
    [InlineData("NaN ms")]
    [InlineData("nan ms")]
    [InlineData("Infinity ms")]
    [InlineData("-Infinity ms")]
    [InlineData("inf ms")]
    [InlineData("+inf ms")]
    [InlineData("\u221E ms")]
    public void TryParse_WhenNumberIsNotFinite_SaysSo(string text)
    {
        (string message, _) = ParseFails(text, Dimension.Time);
        Assert.Contains("not a finite number", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e309 ms")]
    [InlineData("-1e400 ms")]
    public void TryParse_WhenNumberOverflowsDouble_FailsAsOutOfRange(string text)
    {
        (string message, _) = ParseFails(text, Dimension.Time);
        Assert.Contains("out of range", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e308 day", Dimension.Time)]
    [InlineData("-1e308 week", Dimension.Time)]
    [InlineData("1e300 A", Dimension.Current)]
    public void TryParse_WhenConversionToInternalUnitOverflows_FailsAsOutOfRange(string text, Dimension d)
    {
        (string message, _) = ParseFails(text, d);
        Assert.Contains("overflows when converted to " + QuantityParser.InternalUnit(d), message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnderGermanCulture_GivesIdenticalResults()
    {
        (string Text, Dimension Dimension)[] inputs =
            [("1.5 s", Dimension.Time), ("0.1 ms", Dimension.Time), ("1e-3 s", Dimension.Time), ("30 day", Dimension.Time),
             ("-65 mV", Dimension.Voltage), ("0.6 nS", Dimension.Conductance)];
        double[] expected = [1.5 * Second, 0.1, 1.0, 30 * Day, -65.0, 0.6];
        double[] invariant = inputs.Select(i => ParseOk(i.Text, i.Dimension)).ToArray();
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);
            double[] german = inputs.Select(i => ParseOk(i.Text, i.Dimension)).ToArray();
            Assert.Equal(expected, german);
            Assert.Equal(invariant, german);
            (_, string hint) = ParseFails("0,5 ms", Dimension.Time);
            Assert.Contains("use a dot as decimal separator", hint, StringComparison.Ordinal);
            Assert.Equal("1.5 s", QuantityParser.Format(1.5 * Second, Dimension.Time));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(30 * Day, Dimension.Time, "30 day")]
    [InlineData(1.5 * Second, Dimension.Time, "1.5 s")]
    [InlineData(0.1, Dimension.Time, "0.1 ms")]
    [InlineData(20.0, Dimension.Time, "20 ms")]
    [InlineData(0.0, Dimension.Time, "0 ms")]
    [InlineData(1.5 * Minute, Dimension.Time, "1.5 min")]
    [InlineData(2 * Hour, Dimension.Time, "2 h")]
    [InlineData(Week, Dimension.Time, "7 day")]
    [InlineData(-65.0, Dimension.Voltage, "-65 mV")]
    [InlineData(0.5, Dimension.Voltage, "500 uV")]
    [InlineData(0.6, Dimension.Conductance, "600 pS")]
    [InlineData(1500.0, Dimension.Conductance, "1.5 uS")]
    [InlineData(200.0, Dimension.Current, "200 pA")]
    [InlineData(250.0, Dimension.Capacitance, "250 pF")]
    [InlineData(100.0, Dimension.Resistance, "100 MOhm")]
    [InlineData(0.5, Dimension.Resistance, "500 kOhm")]
    [InlineData(40.0, Dimension.Frequency, "40 Hz")]
    [InlineData(2500.0, Dimension.Frequency, "2.5 kHz")]
    public void Format_PicksTheLargestReadableUnitWithMagnitudeAtLeastOne(double value, Dimension d, string expected) =>
        Assert.Equal(expected, QuantityParser.Format(value, d));

    [Fact]
    public void Format_NegativeZero_IsWrittenWithoutSign() =>
        Assert.Equal("0 ms", QuantityParser.Format(-0.0, Dimension.Time));

    [Fact]
    public void Format_RoundsToTwelveSignificantDigits_SoConversionNoiseDisappears() =>
        Assert.Equal("1.5 s", QuantityParser.Format(1499.9999999999998, Dimension.Time));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Format_WhenValueIsNotFinite_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantityParser.Format(value, Dimension.Time));

    [Theory]
    [InlineData(30 * Day, Dimension.Time)]
    [InlineData(1.5 * Second, Dimension.Time)]
    [InlineData(0.1, Dimension.Time)]
    [InlineData(0.25, Dimension.Time)]
    [InlineData(-2 * Hour, Dimension.Time)]
    [InlineData(-65.0, Dimension.Voltage)]
    [InlineData(0.6, Dimension.Conductance)]
    [InlineData(200.0, Dimension.Current)]
    [InlineData(250.0, Dimension.Capacitance)]
    [InlineData(100.0, Dimension.Resistance)]
    [InlineData(40.0, Dimension.Frequency)]
    public void Format_ThenTryParse_RoundTripsToTheSameValue(double value, Dimension d) =>
        Assert.Equal(value, ParseOk(QuantityParser.Format(value, d), d));
}
