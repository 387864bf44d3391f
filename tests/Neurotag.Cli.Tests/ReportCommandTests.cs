using System.Net;
using System.Text.RegularExpressions;

namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>report</c> on small real runs: the page holds every phase, the expectations exactly as <c>check</c> prints them
/// for the same scenario and seed, and nothing that would make the page reach outside the file.
/// </summary>
public sealed partial class ReportCommandTests
{
    /// <summary>The tiny scenario with one expectation that holds (activation is a sigmoid, below 2) and one that cannot (above 2).</summary>
    internal static string ScenarioWithExpectations(TempFolder temp)
    {
        string path = TinyScenario.Write(temp.Path);
        File.AppendAllText(path, "expect:\n  - { phase: probe, metric: tag.group.activation, below: 2 }\n  - { phase: probe, metric: tag.group.activation, above: 2 }\n");
        return path;
    }

    /// <summary>Runs the scenario and writes its report; returns (scenario, run folder, report path).</summary>
    internal static (string Scenario, string Run, string Report) RunAndReport(TempFolder temp)
    {
        string scenario = ScenarioWithExpectations(temp);
        string run = temp.Sub("run");
        var r = CliHarness.Run("run", scenario, "--out", run, "--quiet");
        Assert.True(r.Exit is 0 or 4, r.Err);
        var report = CliHarness.Run("report", run);
        Assert.True(report.Exit == 0, report.Err);
        string path = report.Out.Trim();
        Assert.Equal(Path.Combine(run, "report.html"), path);
        return (scenario, run, path);
    }

    /// <summary>(verdict, label, detail) of each line <c>check</c> prints for <paramref name="scenario"/>.</summary>
    internal static List<(string Verdict, string Label, string Detail)> CheckRows(string scenario)
    {
        var check = CliHarness.Run("check", scenario);
        Assert.Equal(4, check.Exit); // one expectation is built to fail
        return check.Out.Split('\n').Select(l => CheckLine().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
    }

    [GeneratedRegex(@"^(PASS|FAIL)  \S+  seed \d+  (.*)  \((.*)\)$")]
    private static partial Regex CheckLine();

    [GeneratedRegex("""<tr class="(?:pass|fail)"><td class="verdict">(PASS|FAIL)</td><td class="label">(.*?)</td><td class="detail">(.*?)</td></tr>""")]
    private static partial Regex ExpectationRow();

    [GeneratedRegex("""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [Fact]
    public void Report_ExpectationRows_EqualWhatCheckPrints()
    {
        using var temp = new TempFolder();
        var (scenario, _, report) = RunAndReport(temp);
        string html = File.ReadAllText(report);
        var rows = ExpectationRow().Matches(html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value), WebUtility.HtmlDecode(m.Groups[3].Value))).ToList();
        var expected = CheckRows(scenario);
        Assert.Equal(2, expected.Count);
        Assert.Equal(["PASS", "FAIL"], expected.Select(e => e.Verdict));
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Report_ContainsEveryPhaseTheScenarioTextAndProvenance_AndNoExternalReference()
    {
        using var temp = new TempFolder();
        var (_, run, report) = RunAndReport(temp);
        string html = File.ReadAllText(report);
        var phases = File.ReadAllLines(Path.Combine(run, "phases.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        Assert.Equal(["practice", "probe"], phases);
        foreach (string phase in phases)
        {
            Assert.Contains($"<td class=\"phase\">{phase}</td>", html, StringComparison.Ordinal);
        }

        // The scenario as run, HTML-escaped (its text has '{' and ':' but no markup; the header line has '(' and ')').
        string copy = File.ReadAllText(Path.Combine(run, "scenario.yaml"));
        Assert.Contains(WebUtility.HtmlEncode(copy), html, StringComparison.Ordinal);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")));
        foreach (string key in new[] { "tool_version", "tool_commit", "os", "dotnet_version" })
        {
            Assert.Contains(WebUtility.HtmlEncode(manifest.RootElement.GetProperty(key).GetString()!), html, StringComparison.Ordinal);
        }

        Assert.Contains($"<td><code>{manifest.RootElement.GetProperty("seed").GetRawText()}</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<img class=\"figure\" alt=\"trajectories\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.Empty(TinyScenario.Temporaries(temp.Path));
    }

    [Fact]
    public void Report_ScenarioTextWithMarkup_IsEscaped()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path);
        File.WriteAllText(scenario, "# <b>bold</b> & <script>alert(1)</script>\n" + File.ReadAllText(scenario));
        string run = temp.Sub("run");
        Assert.Equal(0, CliHarness.Run("run", scenario, "--out", run, "--quiet").Exit);
        string out2 = temp.Sub("elsewhere/page.html");
        var r = CliHarness.Run("report", run, "--out", out2);
        Assert.True(r.Exit == 0, r.Err);
        string html = File.ReadAllText(out2);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Report_FolderThatIsNotARun_Exits2NamingWhatIsMissing()
    {
        using var temp = new TempFolder();
        var r = CliHarness.Run("report", temp.Path);
        Assert.Equal(2, r.Exit);
        Assert.Contains("manifest.json", r.Err, StringComparison.Ordinal);
        Assert.Contains("plan.json", r.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, "report.html")));
        var missing = CliHarness.Run("report", temp.Sub("nope"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no such folder", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Sweep_ShowsTheSweepFigureAndIndexAsATable()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path, sweep: $"  grid:\n    {TinyScenario.Rate}: [0.006, 0.03]");
        string sweep = temp.Sub("sweep");
        var s = CliHarness.Run("sweep", scenario, "--out", sweep, "--quiet");
        Assert.True(s.Exit == 0, s.Err);
        var r = CliHarness.Run("report", sweep);
        Assert.True(r.Exit == 0, r.Err);
        string html = File.ReadAllText(r.Out.Trim());
        Assert.Contains("<img class=\"figure\" alt=\"sweep\"", html, StringComparison.Ordinal);
        var index = File.ReadAllLines(Path.Combine(sweep, "index.csv")).Where(l => l.Length > 0).ToList();
        Assert.Equal(3, index.Count); // header + two points
        foreach (string line in index)
        {
            string row = string.Concat(line.Split(',').Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>"));
            string header = string.Concat(line.Split(',').Select(c => $"<th>{WebUtility.HtmlEncode(c)}</th>"));
            Assert.True(html.Contains(row, StringComparison.Ordinal) || html.Contains(header, StringComparison.Ordinal), $"index.csv line not in the table: {line}");
        }

        Assert.DoesNotMatch(ExternalReference(), html);
    }
}
