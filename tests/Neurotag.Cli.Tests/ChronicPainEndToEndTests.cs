using System.Globalization;

namespace Neurotag.Cli.Tests;

/// <summary>
/// The README's first command, run in-process: `neurotag-cli run scenarios/chronic-pain.yaml` (the runs are
/// <see cref="SharedRuns.ChronicPain"/>, which other classes compare against). The margins are the
/// ones documented in the scenario and the README: after 60 days of healing, the bend cue alone drives the pain tag
/// at least 0.5 (rate units, sigmoid range 0..1) above the same probe before the injury, and an unpaired touch cue
/// leaves it below 0.2; the no-injury control sub-network (same bending under threat, same 60 days, no nociception)
/// stays below 0.2 and at least 0.5 under the injured network.
/// </summary>
public sealed class ChronicPainEndToEndTests
{
    private const double DocumentedMargin = 0.5;
    private const double UnpairedCueCeiling = 0.2;

    [Theory]
    [InlineData("42")]
    [InlineData("7")]
    [InlineData("2026")]
    public void Run_ChronicPain_BendCueFiresPainTagAfterHealingButNotBefore(string seed)
    {
        // The run is shared with the other tests that read a chronic-pain run of this seed (SharedRuns).
        var run = SharedRuns.ChronicPain(seed);
        string output = run.AssertOk();
        Assert.Equal(Path.GetFullPath(output), run.Result.Out.Trim());

        var summary = ReadSummary(Path.Combine(output, "summary.csv"));
        double before = summary[("probe-before", "pain", "activation", "")];
        double chronic = summary[("probe-chronic", "pain", "activation", "")];
        double touch = summary[("probe-touch", "pain", "activation", "")];
        Assert.True(chronic - before > DocumentedMargin, $"chronic {chronic} vs before {before}");
        Assert.True(touch < UnpairedCueCeiling, $"touch probe drove pain to {touch}");
        double control = summary[("probe-chronic", "pain-ctl", "activation", "")];
        Assert.True(control < UnpairedCueCeiling, $"the no-injury control's bend cue drove its pain tag to {control}");
        Assert.True(chronic - control > DocumentedMargin, $"chronic {chronic} vs no-injury control {control}");

        // The association itself is visible: bend->pain coupling grew through the injury and survived healing.
        double couplingBefore = summary[("probe-before", "bend", "coupling", "pain")];
        double couplingChronic = summary[("probe-chronic", "bend", "coupling", "pain")];
        Assert.True(couplingChronic > 2 * couplingBefore, $"coupling {couplingBefore} -> {couplingChronic}");
    }

    [Fact]
    public void Run_ChronicPain_WritesTheContractFilesWithTheirHeaders()
    {
        var run = SharedRuns.ChronicPain();
        string output = run.AssertOk();
        var expected = new Dictionary<string, string>
        {
            ["phases.csv"] = "phase,rep,instance,start_ms,end_ms,kind,steps",
            ["tags.csv"] = "t_ms,phase,rep,tag,metric,other,value,unit",
            ["populations.csv"] = "t_ms,phase,rep,population,metric,value,unit",
            ["weights.csv"] = "t_ms,phase,rep,projection,from,to,mean,std,min,max,count",
            ["weight_hist.csv"] = "t_ms,phase,rep,projection,bin_lo,bin_hi,count",
            ["summary.csv"] = "phase,rep,instance,kind,name,metric,other,value,unit",
        };
        foreach (var (file, header) in expected)
        {
            Assert.Equal(header, File.ReadLines(Path.Combine(output, file)).First());
        }

        string manifest = File.ReadAllText(Path.Combine(output, "manifest.json"));
        Assert.Contains("\"scenario_sha256\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"exit_status\": \"ok\"", manifest, StringComparison.Ordinal);
        Assert.Equal([output], Directory.GetFileSystemEntries(run.Parent)); // no temporary folder left beside it
    }

    internal static Dictionary<(string Phase, string Name, string Metric, string Other), double> ReadSummary(string path)
    {
        var rows = new Dictionary<(string, string, string, string), double>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(','); // phase,rep,instance,kind,name,metric,other,value,unit
            rows[(f[0], f[4], f[5], f[6])] = double.Parse(f[7], CultureInfo.InvariantCulture);
        }

        return rows;
    }
}
