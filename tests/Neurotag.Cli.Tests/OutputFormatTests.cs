using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Neurotag.Cli.Tests;

/// <summary>
/// Every CSV of every bundled scenario's run, read with a strict typed reader built from the README's "Outputs"
/// table (not from the writer): exact header; integers where the table says count, rep, instance, steps, neuron;
/// every other number a finite decimal (no NaN, no Infinity, no blank); units from the documented vocabulary and
/// equal to manifest.json's; each row's phase and rep those of the phases.csv instance holding its time; a t = 0
/// sample in tags.csv, populations.csv and weights.csv. No NaN is documented anywhere, so none is allowed.
/// </summary>
[Collection(BundledRunsGroup.Name)]
public sealed partial class OutputFormatTests(BundledRunsFixture runs)
{
    /// <summary>The documented columns of each file: <c>s</c> text, <c>i</c> integer, <c>d</c> finite decimal number.</summary>
    private static readonly Dictionary<string, (string Name, char Type)[]> Schemas = new(StringComparer.Ordinal)
    {
        ["phases.csv"] = [("phase", 's'), ("rep", 'i'), ("instance", 'i'), ("start_ms", 'd'), ("end_ms", 'd'), ("kind", 's'), ("steps", 'i')],
        ["tags.csv"] = [("t_ms", 'd'), ("phase", 's'), ("rep", 'i'), ("tag", 's'), ("metric", 's'), ("other", 's'), ("value", 'd'), ("unit", 's')],
        ["populations.csv"] = [("t_ms", 'd'), ("phase", 's'), ("rep", 'i'), ("population", 's'), ("metric", 's'), ("value", 'd'), ("unit", 's')],
        ["weights.csv"] = [("t_ms", 'd'), ("phase", 's'), ("rep", 'i'), ("projection", 's'), ("from", 's'), ("to", 's'), ("mean", 'd'), ("std", 'd'), ("min", 'd'), ("max", 'd'), ("count", 'i')],
        ["weight_hist.csv"] = [("t_ms", 'd'), ("phase", 's'), ("rep", 'i'), ("projection", 's'), ("bin_lo", 'd'), ("bin_hi", 'd'), ("count", 'i')],
        ["summary.csv"] = [("phase", 's'), ("rep", 'i'), ("instance", 'i'), ("kind", 's'), ("name", 's'), ("metric", 's'), ("other", 's'), ("value", 'd'), ("unit", 's')],
        ["spikes.csv"] = [("t_ms", 'd'), ("phase", 's'), ("rep", 'i'), ("population", 's'), ("neuron", 'i')],
        ["state.csv"] = [("t_ms", 'd'), ("phase", 's'), ("rep", 'i'), ("population", 's'), ("neuron", 'i'), ("variable", 's'), ("value", 'd'), ("unit", 's')],
    };

    private static readonly HashSet<string> UnitSymbols = new(StringComparer.Ordinal) { "1", "Hz", "mV", "nS", "mV/ms", "pA" };

    private static readonly Dictionary<string, HashSet<string>> Metrics = new(StringComparer.Ordinal)
    {
        ["tag"] = ["activation", "strength", "coupling", "ownership", "recall", "spurious"],
        ["population"] = ["rate", "threshold", "gain"],
        ["weights"] = ["mean", "frac_high", "frac_low"],
        ["projection"] = ["synapses", "pruned", "regrown"],
        ["state"] = ["v", "ge", "gi", "u", "w"],
    };

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryCsvOfTheBundledRun_ReadsWithTheStrictTypedReader(string scenario)
    {
        var run = runs.Runs.Single(r => r.Name == scenario);
        Assert.True(run.Exit == 0, run.Err);
        var csvs = Directory.GetFiles(run.Folder, "*.csv").Select(Path.GetFileName).OfType<string>().ToList();
        Assert.Contains("phases.csv", csvs);
        Assert.All(csvs, f => Assert.True(Schemas.ContainsKey(f), $"{f} is not a documented output file"));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "manifest.json")));
        var tables = csvs.ToDictionary(f => f, f => Read(Path.Combine(run.Folder, f), Schemas[f]), StringComparer.Ordinal);

        var phases = tables["phases.csv"];
        AssertPhasesTileTheRun(phases, manifest.RootElement.GetProperty("end_time_ms").GetDouble());
        foreach (var (file, rows) in tables.Where(t => t.Key != "phases.csv"))
        {
            foreach (var row in rows)
            {
                var instance = row.TryGetValue("instance", out string? index)
                    ? phases[int.Parse(index, CultureInfo.InvariantCulture)]
                    : InstanceAt(phases, Number(row["t_ms"]));
                Assert.True(instance["phase"] == row["phase"] && instance["rep"] == row["rep"], $"{file}: {string.Join(',', row.Values)} is not in the phase instance holding it");
            }
        }

        foreach (string file in new[] { "tags.csv", "populations.csv", "weights.csv" }.Where(tables.ContainsKey))
        {
            Assert.True(tables[file].Count == 0 || tables[file][0]["t_ms"] == "0", $"{file} has no sample at t = 0");
        }

        AssertUnitsAgreeWithTheManifest(tables, manifest.RootElement);
    }

    /// <summary>The strict reader itself: it must refuse what the old files held, so the test above can fail.</summary>
    [Theory]
    [InlineData("t_ms,phase,rep,population,metric,value,unit\n0,run,0,p,rate,NaN,1\n")]
    [InlineData("t_ms,phase,rep,population,metric,value,unit\n0,run,0,p,rate,,1\n")]
    [InlineData("t_ms,phase,rep,population,metric,value,unit\n0,run,0,p,rate,Infinity,1\n")]
    [InlineData("t_ms,phase,rep,population,metric,value,unit\n0,run,x,p,rate,1,1\n")]
    [InlineData("t_ms,phase,rep,population,metric,value,unit\n0,run,0,p,rate,1,furlong\n")]
    [InlineData("t_ms,phase,rep,population,metric,value\n0,run,0,p,rate,1\n")]
    public void StrictReader_RefusesNaNBlanksTextInNumberColumnsUnknownUnitsAndOldHeaders(string text)
    {
        using var temp = new TempFolder();
        string path = temp.Sub("populations.csv");
        File.WriteAllText(path, text);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Read(path, Schemas["populations.csv"]));
    }

    /// <summary>Rows as column → text, after checking the header and every field's type.</summary>
    private static List<Dictionary<string, string>> Read(string path, (string Name, char Type)[] schema)
    {
        string text = File.ReadAllText(path);
        Assert.DoesNotContain('"', text); // bundled names need no quoting: a quote would mean a broken row
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        Assert.Equal(string.Join(',', schema.Select(c => c.Name)), lines[0]);
        var rows = new List<Dictionary<string, string>>();
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split(',');
            Assert.True(fields.Length == schema.Length, $"{Path.GetFileName(path)}: '{line}' has {fields.Length} fields");
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 0; c < schema.Length; c++)
            {
                var (name, type) = schema[c];
                string field = fields[c];
                bool ok = type switch
                {
                    'i' => IntegerPattern().IsMatch(field),
                    'd' => DecimalPattern().IsMatch(field) && double.IsFinite(Number(field)),
                    _ => !string.IsNullOrEmpty(field) || name == "other",
                };
                Assert.True(ok, $"{Path.GetFileName(path)}: column {name} = '{field}' in '{line}'");
                if (name == "unit")
                {
                    Assert.Contains(field, UnitSymbols);
                }

                row[name] = field;
            }

            rows.Add(row);
        }

        return rows;
    }

    private static void AssertPhasesTileTheRun(List<Dictionary<string, string>> phases, double endTimeMs)
    {
        Assert.NotEmpty(phases);
        double start = 0;
        for (int k = 0; k < phases.Count; k++)
        {
            var p = phases[k];
            Assert.Equal(k.ToString(CultureInfo.InvariantCulture), p["instance"]);
            Assert.Contains(p["kind"], new[] { "online", "offline" });
            Assert.Equal(start, Number(p["start_ms"]));
            Assert.True(Number(p["end_ms"]) > start, $"phase instance {k} is empty");
            start = Number(p["end_ms"]);
        }

        Assert.Equal(endTimeMs, start);
    }

    /// <summary>The instance whose interval (start, end] holds <paramref name="t"/>; t = 0 belongs to the first.</summary>
    private static Dictionary<string, string> InstanceAt(List<Dictionary<string, string>> phases, double t) =>
        t == 0 ? phases[0] : phases.Single(p => Number(p["start_ms"]) < t && t <= Number(p["end_ms"]));

    private static void AssertUnitsAgreeWithTheManifest(Dictionary<string, List<Dictionary<string, string>>> tables, JsonElement manifest)
    {
        var written = new HashSet<(string Kind, string Metric, string Unit)>();
        void Add(string file, string kind, Func<Dictionary<string, string>, string> kindOf, string metricColumn)
        {
            foreach (var row in tables.GetValueOrDefault(file) ?? [])
            {
                written.Add((kindOf(row), row[metricColumn], row["unit"]));
            }
        }

        Add("tags.csv", "tag", _ => "tag", "metric");
        Add("populations.csv", "population", _ => "population", "metric");
        Add("summary.csv", "", r => r["kind"], "metric");
        Add("state.csv", "state", _ => "state", "variable");
        if (written.Count == 0)
        {
            Assert.False(manifest.TryGetProperty("units", out _));
            return;
        }

        var units = manifest.GetProperty("units");
        foreach (var (kind, metric, unit) in written)
        {
            Assert.Contains(metric, Metrics[kind]);
            Assert.Contains(unit, units.GetProperty(kind).GetProperty(metric).GetString()!.Split('|'));
        }

        Assert.Equal(written.Count, units.EnumerateObject().Sum(k => k.Value.EnumerateObject().Sum(m => m.Value.GetString()!.Split('|').Length)));
        foreach (var projection in (tables.GetValueOrDefault("weights.csv") ?? []).Select(r => r["projection"]).Distinct())
        {
            Assert.Contains(manifest.GetProperty("weight_units").GetProperty(projection).GetString()!, UnitSymbols);
        }
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?(E[-+][0-9]+)?$")]
    private static partial Regex DecimalPattern();
}
