using System.Globalization;
using System.Xml.Linq;
using Neurotag.Scenarios;

namespace Neurotag.Cli.Commands;

/// <summary>One JUnit test case of <c>check</c>: a seed's expectation, an expectation over seeds, or a baseline metric.</summary>
/// <param name="Suite">The scenario file (one suite per file).</param>
/// <param name="ClassName">The scenario's name.</param>
/// <param name="Name">The case's name.</param>
/// <param name="Seconds">Run time to report, or null.</param>
/// <param name="Failure">The failure message, or null when it passed.</param>
/// <param name="Error">An error (run stopped, crashed), or null.</param>
/// <param name="Properties">Name/value pairs (statistic, CI, test, p, n), carried as &lt;properties&gt; of the case.</param>
internal sealed record JUnitCase(string Suite, string ClassName, string Name, double? Seconds, string? Failure, string? Error, IReadOnlyList<(string Name, string Value)> Properties);

/// <summary>
/// JUnit XML (the Ant schema CI systems read): one suite per scenario, one case per expectation and seed, per
/// expectation over seeds and per baseline metric. An invalid scenario is a suite with one failing case, "valid
/// scenario", that lists its errors: left out, a broken file would look like one with nothing to check.
/// </summary>
internal static class CheckJUnit
{
    public static void Write(string path, IEnumerable<JUnitCase> cases, IEnumerable<(string File, IReadOnlyList<Diagnostic> Errors)> invalid)
    {
        var invalidSuites = invalid.Select(i => new XElement(
            "testsuite",
            new XAttribute("name", i.File),
            new XAttribute("tests", 1),
            new XAttribute("failures", 1),
            new XAttribute("errors", 0),
            new XElement(
                "testcase",
                new XAttribute("classname", Path.GetFileNameWithoutExtension(i.File)),
                new XAttribute("name", "valid scenario"),
                new XElement(
                    "failure",
                    new XAttribute("message", string.Create(CultureInfo.InvariantCulture, $"invalid scenario: {i.Errors.Count:N0} error{(i.Errors.Count == 1 ? "" : "s")}")),
                    XmlSafe(Diagnostic.Text(i.Errors))))));
        var suites = cases.GroupBy(c => c.Suite).Select(group =>
        {
            var elements = group.Select(c => new XElement(
                "testcase",
                new XAttribute("classname", c.ClassName),
                new XAttribute("name", c.Name),
                c.Seconds is { } s ? new XAttribute("time", s.ToString("0.###", CultureInfo.InvariantCulture)) : null,
                c.Properties.Count > 0 ? new XElement("properties", c.Properties.Select(p => new XElement("property", new XAttribute("name", p.Name), new XAttribute("value", p.Value)))) : null,
                c.Error is { } error ? new XElement("error", new XAttribute("message", error)) : null,
                c.Failure is { } failure ? new XElement("failure", new XAttribute("message", failure)) : null)).ToList();
            return new XElement(
                "testsuite",
                new XAttribute("name", group.Key),
                new XAttribute("tests", elements.Count),
                new XAttribute("failures", elements.Count(c => c.Element("failure") is not null)),
                new XAttribute("errors", elements.Count(c => c.Element("error") is not null)),
                elements);
        });
        var document = new XDocument(new XElement("testsuites", invalidSuites, suites));
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var writer = System.Xml.XmlWriter.Create(temp, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }

        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The text with characters XML cannot hold (control characters a scenario's escapes can produce) shown as '?'.</summary>
    private static string XmlSafe(string text) => string.Concat(text.Select(c => System.Xml.XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '?'));
}
