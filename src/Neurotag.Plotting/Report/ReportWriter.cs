using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Neurotag.Plotting.Data;
using Neurotag.Plotting.Figures;

namespace Neurotag.Plotting.Report;

/// <summary>What <see cref="ReportWriter.Write"/> did.</summary>
/// <param name="Path">The report file written.</param>
/// <param name="Notes">Remarks for the user (a stopped run, a missing scenario file, thinning).</param>
public sealed record ReportResult(string Path, IReadOnlyList<string> Notes);

/// <summary>
/// The <c>report</c> command's work: one self-contained HTML page for a run folder (figures, scenario header and text,
/// protocol timeline, summary table, expectations with PASS/FAIL, provenance) or a sweep folder (sweep figures and
/// index.csv). Everything is inside the file: figures are SVG data: URIs, the style sheet is inline, there is no
/// script and no external reference, so the page opens offline and sends no request.
/// </summary>
public static class ReportWriter
{
    /// <summary>The report's file name in the folder when no other is given.</summary>
    public const string DefaultFileName = "report.html";

    /// <summary>Writes the report of <paramref name="directory"/> to <paramref name="outFile"/> (default DIR/report.html).</summary>
    /// <exception cref="PlotInputException">The folder is not a run or sweep folder, or one of its files is malformed.</exception>
    /// <exception cref="IOException">The report cannot be written.</exception>
    public static ReportResult Write(string directory, string? outFile = null)
    {
        var notes = new List<string>();
        string html = Build(directory, notes);
        string path = Path.GetFullPath(outFile ?? Path.Combine(directory, DefaultFileName));
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(path)}.tmp-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return new ReportResult(path, notes);
    }

    /// <summary>The report page of <paramref name="directory"/> as HTML text; remarks for the user go to <paramref name="notes"/>.</summary>
    /// <exception cref="PlotInputException">The folder is not a run or sweep folder, or one of its files is malformed.</exception>
    public static string Build(string directory, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (!Directory.Exists(directory))
        {
            throw Plotter.NoSuchFolder(directory);
        }

        if (RunReader.IsRunFolder(directory))
        {
            return BuildRun(directory, notes);
        }

        if (SweepData.IsSweepFolder(directory))
        {
            return BuildSweep(directory, notes);
        }

        throw Plotter.NotRunOrSweepFolder(directory);
    }

    private static string BuildRun(string directory, List<string> notes)
    {
        // SVG: the raster is thinned to what an SVG can hold, as for plot --format svg.
        var context = Plotter.LoadRun(directory, notes) with { MaxRasterPoints = 30_000 };
        var data = context.Data;
        if (data.Manifest.Stopped)
        {
            notes.Add($"the run was stopped by a checker ({data.Manifest.Message.Trim()}): the report shows what it wrote before it stopped");
        }

        var figures = Plotter.BuildRunFigures(context);
        foreach (var figure in figures)
        {
            notes.AddRange(figure.Notes.Where(n => !notes.Contains(n)).Select(n => $"{figure.Name}: {n}"));
        }

        string scenarioCopy = Path.Combine(directory, "scenario.yaml");
        string? scenarioText = File.Exists(scenarioCopy) ? File.ReadAllText(scenarioCopy) : null;
        string original = context.Facts?.Path is { } p && File.Exists(p) ? File.ReadAllText(p) : "";
        string header = HeaderComment(original.Length > 0 ? original : scenarioText ?? "");

        var page = new StringBuilder();
        Begin(page, $"neurotag-cli report: {context.Title}");
        page.Append("<h1>").Append(E(context.Title)).Append("</h1>\n");
        page.Append("<p class=\"folder\">").Append(E(data.Directory)).Append("</p>\n");
        Notes(page, notes);
        if (header.Length > 0)
        {
            page.Append("<section id=\"header\"><h2>About this scenario</h2><pre class=\"header\">").Append(E(header)).Append("</pre></section>\n");
        }

        Expectations(page, context);
        Figures(page, figures);
        Timeline(page, data.Timeline);
        Summary(page, data.Summary);
        page.Append("<section id=\"scenario\"><h2>Scenario as run (scenario.yaml)</h2>\n");
        page.Append(scenarioText is null ? "<p>The run folder has no scenario.yaml.</p>\n" : $"<pre class=\"scenario\">{E(scenarioText)}</pre>\n");
        page.Append("</section>\n");
        Provenance(page, Path.Combine(directory, "manifest.json"));
        End(page);
        return page.ToString();
    }

    private static string BuildSweep(string directory, List<string> notes)
    {
        var sweep = SweepData.Read(directory);
        var facts = ScenarioFacts.TryLoad(sweep.ScenarioPath, sweep.ScenarioSha256, 0, new Dictionary<string, string>(), directory, out string note);
        if (facts is null)
        {
            notes.Add($"{note}: panels show every metric of the last phase instead of the scenario's expect: entries");
        }

        var figures = SweepFigure.Build(sweep, facts);
        string title = facts?.Spec.Name is { } name ? $"sweep of {name}" : Path.GetFileName(Path.TrimEndingDirectorySeparator(sweep.Directory));
        var page = new StringBuilder();
        Begin(page, $"neurotag-cli report: {title}");
        page.Append("<h1>").Append(E(title)).Append("</h1>\n");
        page.Append("<p class=\"folder\">").Append(E(sweep.Directory)).Append("</p>\n");
        page.Append("<p>Swept: ").Append(E(string.Join(", ", sweep.Paths))).Append("</p>\n");
        Notes(page, notes);
        Figures(page, figures);
        string index = Path.Combine(directory, "index.csv");
        page.Append("<section id=\"index\"><h2>Sweep points (index.csv)</h2>\n");
        if (File.Exists(index))
        {
            CsvTable(page, ReadCsv(index));
        }
        else
        {
            page.Append("<p>The sweep folder has no index.csv.</p>\n");
        }

        page.Append("</section>\n");
        End(page);
        return page.ToString();
    }

    /// <summary>The leading comment block of a scenario file (the file's own description), without the '#' marks.</summary>
    internal static string HeaderComment(string yaml)
    {
        var lines = new List<string>();
        foreach (string line in yaml.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            if (!trimmed.StartsWith('#'))
            {
                break;
            }

            lines.Add(trimmed.Length > 1 && trimmed[1] == ' ' ? trimmed[2..] : trimmed[1..]);
        }

        return string.Join('\n', lines).Trim();
    }

    private static void Expectations(StringBuilder page, RunContext context)
    {
        page.Append("<section id=\"expectations\"><h2>Expectations</h2>\n");
        if (context.Facts is null)
        {
            page.Append("<p>Not evaluated: the scenario file could not be loaded (see the notes above).</p>\n</section>\n");
            return;
        }

        var results = context.Facts.Evaluate(context.Data.Summary);
        if (results.Count == 0)
        {
            page.Append("<p>The scenario has no <code>expect:</code> entries.</p>\n</section>\n");
            return;
        }

        int passed = results.Count(r => r.Passed);
        page.Append(CultureInfo.InvariantCulture, $"<p>{passed} passed, {results.Count - passed} failed (seed {context.Data.Manifest.Seed}).</p>\n");
        page.Append("<table class=\"expectations\"><thead><tr><th>result</th><th>expectation</th><th>measured</th></tr></thead><tbody>\n");
        foreach (var r in results)
        {
            string verdict = r.Passed ? "PASS" : "FAIL";
            page.Append("<tr class=\"").Append(verdict.ToLowerInvariant()).Append("\"><td class=\"verdict\">").Append(verdict)
                .Append("</td><td class=\"label\">").Append(E(r.Expectation.Label))
                .Append("</td><td class=\"detail\">").Append(E(r.Detail)).Append("</td></tr>\n");
        }

        page.Append("</tbody></table>\n</section>\n");
    }

    private static void Figures(StringBuilder page, IReadOnlyList<Figure> figures)
    {
        page.Append("<section id=\"figures\"><h2>Figures</h2>\n");
        if (figures.Count == 0)
        {
            page.Append("<p>The folder holds no data for figures.</p>\n");
        }

        foreach (var figure in figures)
        {
            string svg = FigureWriter.Svg(figure);
            string uri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
            page.Append(CultureInfo.InvariantCulture, $"<figure id=\"figure-{E(figure.Name)}\"><img class=\"figure\" alt=\"{E(figure.Name)}\" width=\"{figure.Width}\" height=\"{figure.Height}\" src=\"{uri}\"><figcaption>{E(figure.Name)}</figcaption></figure>\n");
        }

        page.Append("</section>\n");
    }

    private static void Timeline(StringBuilder page, PhaseTimeline timeline)
    {
        page.Append("<section id=\"timeline\"><h2>Protocol timeline</h2>\n");
        page.Append(CultureInfo.InvariantCulture, $"<p>From {E(timeline.Source)}.</p>\n");
        page.Append("<table class=\"timeline\"><thead><tr><th>#</th><th>phase</th><th>rep</th><th>start</th><th>end</th><th>duration</th><th>kind</th></tr></thead><tbody>\n");
        foreach (var p in timeline.Instances)
        {
            page.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(p.Offline ? "offline" : "online")}\"><td>{p.Instance}</td><td class=\"phase\">{E(p.Name)}</td><td>{p.Rep}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Number(p.StartMs)} ms</td><td>{Number(p.EndMs)} ms</td><td>{E(PhaseTimeline.DurationText(p.DurationMs))}</td><td>{(p.Offline ? "offline" : "online")}</td></tr>\n");
        }

        page.Append("</tbody></table>\n</section>\n");
    }

    private static void Summary(StringBuilder page, IReadOnlyList<SummaryEntry> summary)
    {
        page.Append("<section id=\"summary\"><h2>Summary (summary.csv: per-phase means)</h2>\n");
        if (summary.Count == 0)
        {
            page.Append("<p>The run wrote no summary.csv.</p>\n</section>\n");
            return;
        }

        page.Append("<table class=\"summary\"><thead><tr><th>phase</th><th>rep</th><th>kind</th><th>name</th><th>metric</th><th>other</th><th>value</th><th>unit</th></tr></thead><tbody>\n");
        foreach (var s in summary)
        {
            page.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Phase)}</td><td>{s.Rep}</td><td>{E(s.Kind)}</td><td>{E(s.Name)}</td><td>{E(s.Metric)}</td><td>{E(s.Other)}</td><td class=\"num\">{Number(s.Value)}</td><td>{E(s.Unit ?? "")}</td></tr>\n");
        }

        page.Append("</tbody></table>\n</section>\n");
    }

    private static void Provenance(StringBuilder page, string manifestPath)
    {
        page.Append("<section id=\"provenance\"><h2>Provenance (manifest.json)</h2>\n<table class=\"provenance\"><tbody>\n");
        using var json = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var root = json.RootElement;
        (string Key, string Label)[] fields =
        [
            ("tool_version", "tool version"), ("tool_commit", "commit"), ("command_line", "command line"), ("working_directory", "working directory"),
            ("scenario_path", "scenario"), ("scenario_sha256", "scenario SHA-256"), ("seed", "seed"), ("sweep_point", "sweep point"),
            ("exit_status", "exit status"), ("message", "message"), ("started_utc", "started (UTC)"), ("wall_time_seconds", "wall time (s)"),
            ("os", "os"), ("dotnet_version", "dotnet"),
        ];
        foreach (var (key, label) in fields)
        {
            if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            string text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Array => string.Join(' ', value.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? ShellWord(a.GetString()!) : a.GetRawText())),
                _ => value.GetRawText(),
            };
            page.Append("<tr><th>").Append(E(label)).Append("</th><td><code>").Append(E(text)).Append("</code></td></tr>\n");
        }

        page.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>Every record of a CSV file, header first (CsvHelper's parser: quoted fields may hold commas and line breaks).</summary>
    internal static List<string[]> ReadCsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var parser = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record ?? []);
        }

        return rows;
    }

    private static void CsvTable(StringBuilder page, List<string[]> rows)
    {
        if (rows.Count == 0)
        {
            page.Append("<p>index.csv is empty.</p>\n");
            return;
        }

        page.Append("<table class=\"index\"><thead><tr>");
        foreach (string h in rows[0])
        {
            page.Append("<th>").Append(E(h)).Append("</th>");
        }

        page.Append("</tr></thead><tbody>\n");
        foreach (var row in rows.Skip(1))
        {
            page.Append("<tr>");
            foreach (string cell in row)
            {
                page.Append("<td>").Append(E(cell)).Append("</td>");
            }

            page.Append("</tr>\n");
        }

        page.Append("</tbody></table>\n");
    }

    private static void Notes(StringBuilder page, List<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        page.Append("<ul class=\"notes\">\n");
        foreach (string n in notes)
        {
            page.Append("<li>").Append(E(n)).Append("</li>\n");
        }

        page.Append("</ul>\n");
    }

    private static void Begin(StringBuilder page, string title)
    {
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n");
        page.Append("""
            <style>
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 1.5em auto; max-width: 1450px; padding: 0 1em; color: #222; }
            h1 { margin-bottom: 0.2em; } .folder { color: #666; margin-top: 0; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.pass td.verdict { color: #176f2c; font-weight: bold; } tr.fail td.verdict { color: #b3261e; font-weight: bold; }
            tr.offline { background: #f2f2f2; font-style: italic; }
            pre { background: #f7f7f7; border: 1px solid #ddd; padding: 0.8em; overflow-x: auto; white-space: pre-wrap; }
            figure { margin: 1em 0; } img.figure { max-width: 100%; height: auto; border: 1px solid #eee; }
            ul.notes { background: #fff8e1; border: 1px solid #f0d98c; padding: 0.6em 2em; }
            </style>
            </head>
            <body>

            """);
    }

    private static void End(StringBuilder page) => page.Append("</body>\n</html>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
