using System.Globalization;
using System.Text;
using Neurotag.Core.Recording;

namespace Neurotag.Output.Tests;

public sealed class CsvRunSinkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // Expected texts below are written by hand from docs/scenario-format.md ("Outputs"):
    // header row, invariant numbers in shortest round-trip form, '\n' line ends.
    private const string ExpectedTags =
        "t_ms,phase,rep,tag,metric,other,value\n" +
        "0.5,learn,0,A,activation,,0.25\n" +
        "1.5,learn,2,A,coupling,B,-3.75\n" +
        "2,learn,2,B,ownership,A,1E-07\n" +
        "2.5,recall,0,B,strength,,0.30000000000000004\n";

    private const string ExpectedPopulations =
        "t_ms,phase,rep,population,metric,value\n" +
        "0.5,learn,0,E,rate,12.5\n" +
        "1000,recall,3,I,rate,NaN\n";

    private const string ExpectedWeights =
        "t_ms,phase,rep,projection,from,to,mean,std,min,max,count\n" +
        "10,learn,0,rec,A,B,0.5,0.125,0,1,400\n" +
        "10,learn,0,rec,*,*,0.0625,NaN,-0.5,1.5,9000000000\n";

    private const string ExpectedHistogram =
        "t_ms,phase,rep,projection,bin_lo,bin_hi,count\n" +
        "10,learn,0,rec,0,0.25,12\n" +
        "10,learn,0,rec,0.25,0.5,0\n";

    private const string ExpectedSummary =
        "phase,rep,kind,name,metric,other,value\n" +
        "learn,1,tag,A,coupling,B,0.125\n" +
        "recall,0,population,E,rate,,7\n";

    private static void WriteHandWrittenSamples(IRecordSink sink)
    {
        sink.Write(new TagSample(0.5, "learn", 0, "A", "activation", "", 0.25));
        sink.Write(new TagSample(1.5, "learn", 2, "A", "coupling", "B", -3.75));
        sink.Write(new TagSample(2.0, "learn", 2, "B", "ownership", "A", 1e-7));
        sink.Write(new TagSample(2.5, "recall", 0, "B", "strength", "", 0.1 + 0.2));

        sink.Write(new PopulationSample(0.5, "learn", 0, "E", "rate", 12.5));
        sink.Write(new PopulationSample(1000, "recall", 3, "I", "rate", double.NaN));

        sink.Write(new WeightBlockSample(10, "learn", 0, "rec", "A", "B", 0.5, 0.125, 0, 1, 400));
        sink.Write(new WeightBlockSample(10, "learn", 0, "rec", "*", "*", 0.0625, double.NaN, -0.5, 1.5, 9_000_000_000L));

        sink.Write(new WeightHistogramSample(10, "learn", 0, "rec", 0, 0.25, 12));
        sink.Write(new WeightHistogramSample(10, "learn", 0, "rec", 0.25, 0.5, 0));

        sink.Write(new SummaryRow("learn", 1, "tag", "A", "coupling", "B", 0.125));
        sink.Write(new SummaryRow("recall", 0, "population", "E", "rate", "", 7.0));
    }

    private string Read(string fileName) => File.ReadAllText(_temp.Combine(fileName), Encoding.UTF8);

    private void AssertHandWrittenFiles()
    {
        Assert.Equal(ExpectedTags, Read("tags.csv"));
        Assert.Equal(ExpectedPopulations, Read("populations.csv"));
        Assert.Equal(ExpectedWeights, Read("weights.csv"));
        Assert.Equal(ExpectedHistogram, Read("weight_hist.csv"));
        Assert.Equal(ExpectedSummary, Read("summary.csv"));
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
            Assert.Contains("\n0.5,learn,0,A,activation,,0.25\n", Read("tags.csv"), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    [Fact]
    public void Write_NaNAndInfinities_AreWrittenAsInvariantNames()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            sink.Write(new PopulationSample(0, "p", 0, "E", "rate", double.NaN));
            sink.Write(new PopulationSample(0, "p", 0, "E", "rate", double.PositiveInfinity));
            sink.Write(new PopulationSample(0, "p", 0, "E", "rate", double.NegativeInfinity));
        }

        Assert.Equal(
            "t_ms,phase,rep,population,metric,value\n" +
            "0,p,0,E,rate,NaN\n" +
            "0,p,0,E,rate,Infinity\n" +
            "0,p,0,E,rate,-Infinity\n",
            Read("populations.csv"));
    }

    [Fact]
    public void Files_AreUtf8WithoutBomWithLfLineEnds()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            sink.Write(new TagSample(0.5, "Lernphase-ä", 0, "A", "activation", "", 0.25));
        }

        var bytes = File.ReadAllBytes(_temp.Combine("tags.csv"));
        Assert.Equal((byte)'t', bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal(
            "t_ms,phase,rep,tag,metric,other,value\n0.5,Lernphase-ä,0,A,activation,,0.25\n",
            new UTF8Encoding(false, true).GetString(bytes));
    }

    [Fact]
    public void Constructor_WithRequestedFiles_WritesHeadersEvenWithoutRows()
    {
        new CsvRunSink(_temp.Path, OutputFiles.Tags | OutputFiles.Summary).Dispose();

        Assert.Equal("t_ms,phase,rep,tag,metric,other,value\n", Read("tags.csv"));
        Assert.Equal("phase,rep,kind,name,metric,other,value\n", Read("summary.csv"));
    }

    [Fact]
    public void Constructor_WithEveryFileRequested_WritesEveryHeader()
    {
        const OutputFiles all = OutputFiles.Tags | OutputFiles.Populations | OutputFiles.Weights | OutputFiles.WeightHistogram | OutputFiles.Summary;
        new CsvRunSink(_temp.Path, all).Dispose();

        Assert.Equal("t_ms,phase,rep,tag,metric,other,value\n", Read("tags.csv"));
        Assert.Equal("t_ms,phase,rep,population,metric,value\n", Read("populations.csv"));
        Assert.Equal("t_ms,phase,rep,projection,from,to,mean,std,min,max,count\n", Read("weights.csv"));
        Assert.Equal("t_ms,phase,rep,projection,bin_lo,bin_hi,count\n", Read("weight_hist.csv"));
        Assert.Equal("phase,rep,kind,name,metric,other,value\n", Read("summary.csv"));
    }

    [Fact]
    public void File_NotRequestedAndNotWritten_DoesNotExist()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.Tags))
        {
            sink.Write(new PopulationSample(0.5, "learn", 0, "E", "rate", 1));
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
            sink.Write(new PopulationSample(0.5, "learn", 0, "E", "rate", 1));
        }

        Assert.Equal("t_ms,phase,rep,population,metric,value\n0.5,learn,0,E,rate,1\n", Read("populations.csv"));
    }

    [Fact]
    public void Write_NameWithCommaOrQuote_IsQuotedPerRfc4180()
    {
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            sink.Write(new SummaryRow("a,b", 0, "tag", "say \"hi\"", "activation", "", 1));
        }

        Assert.Equal(
            "phase,rep,kind,name,metric,other,value\n" +
            "\"a,b\",0,tag,\"say \"\"hi\"\"\",activation,,1\n",
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

        Assert.Throws<ObjectDisposedException>(() => sink.Write(new SummaryRow("p", 0, "tag", "A", "activation", "", 1)));
    }

    [Fact]
    public void Write_ManyRows_KeepsEveryRowInOrder()
    {
        const int rows = 100_000;
        using (var sink = new CsvRunSink(_temp.Path, OutputFiles.None))
        {
            for (var i = 0; i < rows; i++)
            {
                sink.Write(new TagSample(i * 0.1, "learn", 0, "A", "activation", "", i));
            }
        }

        var lines = File.ReadAllLines(_temp.Combine("tags.csv"));
        Assert.Equal(rows + 1, lines.Length);
        Assert.Equal("0.1,learn,0,A,activation,,1", lines[2]);
        Assert.Equal((99_999 * 0.1).ToString("R", CultureInfo.InvariantCulture) + ",learn,0,A,activation,,99999", lines[^1]);
    }

    [Theory]
    [InlineData(OutputFiles.Tags, "tags.csv")]
    [InlineData(OutputFiles.Populations, "populations.csv")]
    [InlineData(OutputFiles.Weights, "weights.csv")]
    [InlineData(OutputFiles.WeightHistogram, "weight_hist.csv")]
    [InlineData(OutputFiles.Summary, "summary.csv")]
    public void FileName_OfEachFlag_IsTheDocumentedName(OutputFiles file, string expected) =>
        Assert.Equal(expected, CsvRunSink.FileName(file));

    [Fact]
    public void FileName_OfCombinedFlags_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvRunSink.FileName(OutputFiles.Tags | OutputFiles.Weights));
}
