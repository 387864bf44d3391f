using System.Globalization;
using System.Text;
using Neurotag.Core.Recording;

namespace Neurotag.Output.Tests;

public sealed class CsvRunSinkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly ValueUnit Nanosiemens = ValueUnit.OfFloat32State("nS");
    private static readonly ValueUnit Millivolts = ValueUnit.OfFloat32State("mV");

    // Expected texts below are written by hand from the README's "Outputs" table: header row, invariant numbers,
    // '\n' line ends; float32 values (a ValueUnit with SinglePrecision) as the shortest text of the float32, doubles
    // as the shortest text of the double; rows whose value is NaN left out.
    private const string ExpectedPhases =
        "phase,rep,instance,start_ms,end_ms,kind,steps\n" +
        "learn,0,0,0,1000,online,10000\n" +
        "healing,0,1,1000,5184001000,offline,5184000000\n";

    private const string ExpectedTags =
        "t_ms,phase,rep,tag,metric,other,value,unit\n" +
        "0.5,learn,0,A,activation,,0.25,1\n" +
        "1.5,learn,2,A,coupling,B,-3.75,nS\n" +
        "2,learn,2,B,ownership,A,1E-07,1\n" +
        "2.5,recall,0,B,strength,,0.30000000000000004,1\n" +
        "3,recall,0,B,strength,,0.1,mV\n";

    private const string ExpectedPopulations =
        "t_ms,phase,rep,population,metric,value,unit\n" +
        "0.5,learn,0,E,rate,12.5,Hz\n";

    private const string ExpectedWeights =
        "t_ms,phase,rep,projection,from,to,mean,std,min,max,count\n" +
        "10,learn,0,rec,A,B,0.5,0.125,0,1,400\n" +
        "10,learn,0,rec,*,*,0.1,0.05,-0.5,1.5,9000000000\n";

    private const string ExpectedHistogram =
        "t_ms,phase,rep,projection,bin_lo,bin_hi,count\n" +
        "10,learn,0,rec,0,0.25,12\n" +
        "10,learn,0,rec,0.25,0.5,0\n";

    private const string ExpectedSummary =
        "phase,rep,instance,kind,name,metric,other,value,unit\n" +
        "learn,1,3,tag,A,coupling,B,0.125,nS\n" +
        "recall,0,4,population,E,rate,,7,Hz\n";

    private const string ExpectedSpikes =
        "t_ms,phase,rep,population,neuron\n" +
        "0.1,learn,0,E,7\n";

    private const string ExpectedState =
        "t_ms,phase,rep,population,neuron,variable,value,unit\n" +
        "0,learn,0,E,0,v,-65.1,mV\n";

    private static void WriteHandWrittenSamples(IRecordSink sink)
    {
        sink.Write(new PhaseSample("learn", 0, 0, 0, 1000, false, 10_000));
        sink.Write(new PhaseSample("healing", 0, 1, 1000, 5_184_001_000, true, 5_184_000_000));

        sink.Write(new TagSample(0.5, "learn", 0, "A", "activation", "", 0.25, ValueUnit.RateUnits));
        sink.Write(new TagSample(1.5, "learn", 2, "A", "coupling", "B", -3.75, Nanosiemens));
        sink.Write(new TagSample(2.0, "learn", 2, "B", "ownership", "A", 1e-7, ValueUnit.Dimensionless));
        sink.Write(new TagSample(2.5, "recall", 0, "B", "strength", "", 0.1 + 0.2, ValueUnit.Dimensionless));
        sink.Write(new TagSample(3.0, "recall", 0, "B", "strength", "", 0.1f, Millivolts)); // 0.10000000149011612 as a double
        sink.Write(new TagSample(3.5, "recall", 0, "B", "strength", "", double.NaN, Millivolts));

        sink.Write(new PopulationSample(0.5, "learn", 0, "E", "rate", 12.5, ValueUnit.Hertz));
        sink.Write(new PopulationSample(1000, "recall", 3, "I", "rate", double.NaN, ValueUnit.Hertz));

        sink.Write(new WeightBlockSample(10, "learn", 0, "rec", "A", "B", 0.5, 0.125, 0, 1, 400, Nanosiemens));
        sink.Write(new WeightBlockSample(10, "learn", 0, "rec", "*", "*", 0.1f, 0.05f, -0.5f, 1.5f, 9_000_000_000L, Nanosiemens));

        sink.Write(new WeightHistogramSample(10, "learn", 0, "rec", 0, 0.25, 12));
        sink.Write(new WeightHistogramSample(10, "learn", 0, "rec", 0.25, 0.5, 0));

        sink.Write(new SummaryRow("learn", 1, 3, "tag", "A", "coupling", "B", 0.125, Nanosiemens));
        sink.Write(new SummaryRow("recall", 0, 4, "population", "E", "rate", "", 7.0, ValueUnit.Hertz));
        sink.Write(new SummaryRow("recall", 0, 4, "tag", "A", "strength", "", double.NaN, Nanosiemens));

        sink.Write(new SpikeSample(0.1, "learn", 0, "E", 7));
        sink.Write(new StateSample(0, "learn", 0, "E", 0, "v", -65.1f, Millivolts)); // -65.0999984741211 as a double
        sink.Write(new StateSample(0.1, "learn", 0, "E", 0, "v", double.NaN, Millivolts));
    }

    private string Read(string fileName) => File.ReadAllText(_temp.Combine(fileName), Encoding.UTF8);

    private void AssertHandWrittenFiles()
    {
        Assert.Equal(ExpectedPhases, Read("phases.csv"));
        Assert.Equal(ExpectedTags, Read("tags.csv"));
        Assert.Equal(ExpectedPopulations, Read("populations.csv"));
        Assert.Equal(ExpectedWeights, Read("weights.csv"));
        Assert.Equal(ExpectedHistogram, Read("weight_hist.csv"));
        Assert.Equal(ExpectedSummary, Read("summary.csv"));
        Assert.Equal(ExpectedSpikes, Read("spikes.csv"));
        Assert.Equal(ExpectedState, Read("state.csv"));
    }

    [Fact]
    public void Write_EachSampleKind_ProducesExactHeaderAndRows()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            WriteHandWrittenSamples(sink);
        }

        AssertHandWrittenFiles();
    }

    [Fact]
    public void Write_UnderCommaDecimalCulture_WritesSameInvariantNumbers()
    {
        var previous = CultureInfo.CurrentCulture;
        var previousUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");

            // Guard: the culture really is comma-decimal here, so the test can fail.
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture));

            using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
            {
                WriteHandWrittenSamples(sink);
            }

            AssertHandWrittenFiles();
            Assert.Contains("\n0.5,learn,0,A,activation,,0.25,1\n", Read("tags.csv"), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    [Fact]
    public void Write_NaNValue_LeavesOutTheRowAndInfinitiesAreInvariantNames()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            sink.Write(new PopulationSample(0, "p", 0, "E", "rate", double.NaN, ValueUnit.Hertz));
            sink.Write(new PopulationSample(0, "p", 0, "E", "rate", double.PositiveInfinity, ValueUnit.Hertz));
            sink.Write(new PopulationSample(0, "p", 0, "E", "rate", double.NegativeInfinity, ValueUnit.RateUnits));
        }

        Assert.Equal(
            "t_ms,phase,rep,population,metric,value,unit\n" +
            "0,p,0,E,rate,Infinity,Hz\n" +
            "0,p,0,E,rate,-Infinity,1\n",
            Read("populations.csv"));
    }

    /// <summary>
    /// The regression the issue names: a float32 weight of 0.1 read into a double is 0.10000000149011612, and that is
    /// what the files used to show. Every float32 value must read back (as float32) to the same bits and be no longer
    /// than the float32's shortest text; a double must read back (as double) to the same bits.
    /// </summary>
    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(0.002f, "0.002")]
    [InlineData(-65.1f, "-65.1")]
    [InlineData(1.4893002E-08f, "1.4893002E-08")]
    [InlineData(16_777_217f, "16777216")]
    public void Write_Float32Value_IsTheShortestTextOfTheFloat32(float value, string expected)
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            sink.Write(new TagSample(0, "p", 0, "A", "strength", "", value, Nanosiemens));
            sink.Write(new TagSample(0, "p", 0, "A", "recall", "", value, ValueUnit.Dimensionless));
        }

        var lines = Read("tags.csv").Split('\n');
        string asFloat = lines[1].Split(',')[6];
        string asDouble = lines[2].Split(',')[6];
        Assert.Equal(expected, asFloat);
        Assert.Equal(value, float.Parse(asFloat, CultureInfo.InvariantCulture));
        Assert.Equal((double)value, double.Parse(asDouble, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Units_ListEachMetricsUnitByKindAndJoinDifferingOnes()
    {
        using var sink = new CsvRunSink(_temp.Path, OutputFiles.None);
        sink.Write(new TagSample(0, "p", 0, "A", "strength", "", 1, Nanosiemens));
        sink.Write(new TagSample(0, "p", 0, "B", "strength", "", 1, Millivolts));
        sink.Write(new TagSample(0, "p", 0, "C", "strength", "", 1, Nanosiemens));
        sink.Write(new TagSample(0, "p", 0, "D", "recall", "", double.NaN, ValueUnit.Dimensionless));
        sink.Write(new PopulationSample(0, "p", 0, "E", "rate", 3, ValueUnit.Hertz));
        sink.Write(new SummaryRow("p", 0, 0, "weights", "rec", "frac_high", "", 0.5, ValueUnit.Dimensionless));
        sink.Write(new StateSample(0, "p", 0, "E", 0, "ge", 2, Nanosiemens));
        sink.Write(new WeightBlockSample(0, "p", 0, "rec", "*", "*", 1, 0, 1, 1, 1, Millivolts));

        Assert.Equal(["population", "state", "tag", "weights"], sink.Units.Keys);
        Assert.Equal(new Dictionary<string, string> { ["strength"] = "nS|mV" }, sink.Units["tag"]); // recall: only NaN, not written
        Assert.Equal("Hz", sink.Units["population"]["rate"]);
        Assert.Equal("1", sink.Units["weights"]["frac_high"]);
        Assert.Equal("nS", sink.Units["state"]["ge"]);
        Assert.Equal(new Dictionary<string, string> { ["rec"] = "mV" }, sink.WeightUnits);
    }

    [Fact]
    public void Files_AreUtf8WithoutBomWithLfLineEnds()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            sink.Write(new TagSample(0.5, "Lernphase-ä", 0, "A", "activation", "", 0.25, ValueUnit.RateUnits));
        }

        var bytes = File.ReadAllBytes(_temp.Combine("tags.csv"));
        Assert.Equal((byte)'t', bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal(
            "t_ms,phase,rep,tag,metric,other,value,unit\n0.5,Lernphase-ä,0,A,activation,,0.25,1\n",
            new UTF8Encoding(false, true).GetString(bytes));
    }

    [Fact]
    public void Constructor_WithRequestedFiles_WritesHeadersEvenWithoutRows()
    {
        new CsvRunSink(_temp.Path, OutputFiles.Tags | OutputFiles.Summary).Dispose();

        Assert.Equal("t_ms,phase,rep,tag,metric,other,value,unit\n", Read("tags.csv"));
        Assert.Equal("phase,rep,instance,kind,name,metric,other,value,unit\n", Read("summary.csv"));
    }

    [Fact]
    public void Constructor_WithEveryFileRequested_WritesEveryHeader()
    {
        const OutputFiles all = OutputFiles.Phases | OutputFiles.Tags | OutputFiles.Populations | OutputFiles.Weights | OutputFiles.WeightHistogram
            | OutputFiles.Summary | OutputFiles.Spikes | OutputFiles.State;
        new CsvRunSink(_temp.Path, all).Dispose();

        Assert.Equal("phase,rep,instance,start_ms,end_ms,kind,steps\n", Read("phases.csv"));
        Assert.Equal("t_ms,phase,rep,tag,metric,other,value,unit\n", Read("tags.csv"));
        Assert.Equal("t_ms,phase,rep,population,metric,value,unit\n", Read("populations.csv"));
        Assert.Equal("t_ms,phase,rep,projection,from,to,mean,std,min,max,count\n", Read("weights.csv"));
        Assert.Equal("t_ms,phase,rep,projection,bin_lo,bin_hi,count\n", Read("weight_hist.csv"));
        Assert.Equal("phase,rep,instance,kind,name,metric,other,value,unit\n", Read("summary.csv"));
        Assert.Equal("t_ms,phase,rep,population,neuron\n", Read("spikes.csv"));
        Assert.Equal("t_ms,phase,rep,population,neuron,variable,value,unit\n", Read("state.csv"));
    }

    [Fact]
    public void File_NotRequestedAndNotWritten_DoesNotExist()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.Tags))
        {
            sink.Write(new PopulationSample(0.5, "learn", 0, "E", "rate", 1, ValueUnit.RateUnits));
        }

        Assert.True(File.Exists(_temp.Combine("tags.csv")));
        Assert.True(File.Exists(_temp.Combine("populations.csv")));
        Assert.False(File.Exists(_temp.Combine("weights.csv")));
        Assert.False(File.Exists(_temp.Combine("weight_hist.csv")));
        Assert.False(File.Exists(_temp.Combine("summary.csv")));
        Assert.Equal(["populations.csv", "tags.csv"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void File_RequestedAndAlsoWritten_HasOneHeader()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.Populations))
        {
            sink.Write(new PopulationSample(0.5, "learn", 0, "E", "rate", 1, ValueUnit.RateUnits));
        }

        Assert.Equal("t_ms,phase,rep,population,metric,value,unit\n0.5,learn,0,E,rate,1,1\n", Read("populations.csv"));
    }

    [Fact]
    public void Write_NameWithCommaOrQuote_IsQuotedPerRfc4180()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            sink.Write(new SummaryRow("a,b", 0, 0, "tag", "say \"hi\"", "activation", "", 1, ValueUnit.RateUnits));
        }

        Assert.Equal(
            "phase,rep,instance,kind,name,metric,other,value,unit\n" +
            "\"a,b\",0,0,tag,\"say \"\"hi\"\"\",activation,,1,1\n",
            Read("summary.csv"));
    }

    [Fact]
    public void Constructor_WhenDirectoryMissing_CreatesIt()
    {
        var dir = _temp.Combine("nested", "staging");
        new CsvRunSink(dir, OutputFiles.Weights).Dispose();

        Assert.True(File.Exists(Path.Combine(dir, "weights.csv")));
    }

    [Fact]
    public void Write_AfterDispose_Throws()
    {
        var sink = new CsvRunSink(_temp.Path, OutputFiles.None);
        sink.Dispose();
        sink.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sink.Write(new SummaryRow("p", 0, 0, "tag", "A", "activation", "", 1, ValueUnit.RateUnits)));
    }

    [Fact]
    public void Write_ManyRows_KeepsEveryRowInOrder()
    {
        const int rows = 100_000;
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            for (var i = 0; i < rows; i++)
            {
                sink.Write(new TagSample(i * 0.1, "learn", 0, "A", "activation", "", i, ValueUnit.Dimensionless));
            }
        }

        var lines = File.ReadAllLines(_temp.Combine("tags.csv"));
        Assert.Equal(rows + 1, lines.Length);
        Assert.Equal("0.1,learn,0,A,activation,,1,1", lines[2]);
        Assert.Equal((99_999 * 0.1).ToString("R", CultureInfo.InvariantCulture) + ",learn,0,A,activation,,99999,1", lines[^1]);
    }

    [Theory]
    [InlineData(OutputFiles.Tags, "tags.csv")]
    [InlineData(OutputFiles.Populations, "populations.csv")]
    [InlineData(OutputFiles.Weights, "weights.csv")]
    [InlineData(OutputFiles.WeightHistogram, "weight_hist.csv")]
    [InlineData(OutputFiles.Summary, "summary.csv")]
    [InlineData(OutputFiles.Spikes, "spikes.csv")]
    [InlineData(OutputFiles.State, "state.csv")]
    [InlineData(OutputFiles.Phases, "phases.csv")]
    public void FileName_OfEachFlag_IsTheDocumentedName(OutputFiles file, string expected) =>
        Assert.Equal(expected, CsvRunSink.FileName(file));

    [Fact]
    public void FileName_OfCombinedFlags_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvRunSink.FileName(OutputFiles.Tags | OutputFiles.Weights));
}
