using System.Text.RegularExpressions;

namespace Neurotag.Core.Tests.Architecture;

/// <summary>
/// The layout of Neurotag.Core (issue #12), read from the source files: which area may use which, and one type per
/// file named for it. An area is the namespace segment after <c>Neurotag.Core</c> (<c>Neurotag.Core.Rate.Plasticity</c>
/// is in <c>Rate</c>); the root namespace <c>Neurotag.Core</c> is its own area (the factory that picks a core).
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private const string Root = "(root)";

    private static readonly string[] Bottom = ["Specs", "Kernels", "Randomness"];

    private static readonly string[] Leaves = [.. Bottom, "Tags", "Recording", "Protocol"];

    /// <summary>
    /// The allowed edges. Leaves use only leaves below them; the two cores use leaves and never each other; only the
    /// root may use both cores. The table is layered (each area only names areas listed before it), so no cycle.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Specs"] = [],
        ["Kernels"] = [],
        ["Randomness"] = [],
        ["Tags"] = ["Specs", "Randomness"],
        ["Recording"] = [.. Bottom],
        ["Protocol"] = [.. Bottom, "Recording"],
        ["Rate"] = Leaves,
        ["Spiking"] = Leaves,
        [Root] = [.. Leaves, "Rate", "Spiking"],
    };

    [Fact]
    public void EveryArea_UsesOnlyTheAreasItsLayerAllows()
    {
        var edges = Edges();
        var forbidden = edges
            .Where(e => !Allowed.TryGetValue(e.From, out var to) || !to.Contains(e.To))
            .Select(e => $"{e.File}: area '{e.From}' uses '{e.To}' ({e.Evidence}); allowed for '{e.From}': [{string.Join(", ", Allowed.GetValueOrDefault(e.From) ?? [])}]")
            .ToList();

        Assert.True(forbidden.Count == 0, "Neurotag.Core namespace edges outside the allowed table:\n" + string.Join("\n", forbidden));
    }

    [Fact]
    public void AreaGraph_HasNoCycle()
    {
        var graph = Edges().GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().ToList());
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();
        string? cycle = null;

        void Visit(string area)
        {
            if (cycle is not null || state.GetValueOrDefault(area) == 2)
            {
                return;
            }

            if (state.GetValueOrDefault(area) == 1)
            {
                cycle = string.Join(" → ", path.Skip(path.IndexOf(area)).Append(area));
                return;
            }

            state[area] = 1;
            path.Add(area);
            foreach (var next in graph.GetValueOrDefault(area) ?? [])
            {
                Visit(next);
            }

            path.RemoveAt(path.Count - 1);
            state[area] = 2;
        }

        foreach (var area in graph.Keys)
        {
            Visit(area);
        }

        Assert.True(cycle is null, $"namespace cycle in Neurotag.Core: {cycle}");
    }

    [Fact]
    public void EveryFile_HoldsOneTopLevelTypeNamedForIt()
    {
        var problems = new List<string>();
        foreach (var (relative, text) in SourceFiles())
        {
            string stem = Path.GetFileNameWithoutExtension(relative);
            var names = TopLevelType().Matches(text).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count != 1)
            {
                problems.Add($"{relative}: {names.Count} top-level types ({string.Join(", ", names)}); one type per file");
            }
            else if (stem != names[0] && !stem.StartsWith(names[0] + ".", StringComparison.Ordinal))
            {
                // A partial class may be split as Name.Part.cs.
                problems.Add($"{relative}: holds '{names[0]}', so the file should be {names[0]}.cs");
            }
        }

        Assert.True(problems.Count == 0, "files of Neurotag.Core:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheTable_IsLayered()
    {
        // Guards the table itself: an area may name only areas declared before it, which makes it acyclic.
        var order = Allowed.Keys.ToList();
        foreach (var (area, uses) in Allowed)
        {
            Assert.All(uses, u => Assert.True(order.IndexOf(u) >= 0 && order.IndexOf(u) < order.IndexOf(area), $"'{area}' may use '{u}', declared after it"));
        }

        Assert.DoesNotContain("Spiking", Allowed["Rate"]);
        Assert.DoesNotContain("Rate", Allowed["Spiking"]);
    }

    /// <summary>Every area → area reference: using directives and fully-qualified names, plus root types named from below.</summary>
    private static List<(string File, string From, string To, string Evidence)> Edges()
    {
        var files = SourceFiles().Select(f => (f.Relative, f.Text, Area: AreaOf(Namespace().Match(f.Text).Groups["ns"].Value))).ToList();
        Assert.NotEmpty(files);
        // Types of the root namespace are visible in every Neurotag.Core.* namespace without a using: find them by name.
        var rootTypes = files.Where(f => f.Area == Root).SelectMany(f => TopLevelType().Matches(f.Text).Select(m => m.Groups["name"].Value)).ToList();
        var edges = new List<(string File, string From, string To, string Evidence)>();
        foreach (var (relative, text, area) in files)
        {
            string body = Namespace().Replace(text, "");
            foreach (Match m in QualifiedReference().Matches(body))
            {
                string to = m.Groups["area"].Success ? m.Groups["area"].Value : Root;
                if (to != area)
                {
                    edges.Add((relative, area, to, m.Value.Trim()));
                }
            }

            if (area != Root)
            {
                foreach (var type in rootTypes.Where(t => Regex.IsMatch(body, $@"(?<![.\w]){t}\b")))
                {
                    edges.Add((relative, area, Root, type));
                }
            }
        }

        return edges;
    }

    private static string AreaOf(string ns)
    {
        Assert.StartsWith("Neurotag.Core", ns, StringComparison.Ordinal);
        var parts = ns.Split('.');
        return parts.Length > 2 ? parts[2] : Root;
    }

    private static IEnumerable<(string Relative, string Text)> SourceFiles()
    {
        string core = Path.Combine(RepositoryRoot(), "src", "Neurotag.Core");
        return Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(core, f).Replace('\\', '/'))
            .Where(r => !r.StartsWith("bin/", StringComparison.Ordinal) && !r.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(r => (r, File.ReadAllText(Path.Combine(core, r))));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "neurotag-cli.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no neurotag-cli.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    /// <summary><c>using Neurotag.Core.X…;</c>, <c>using Neurotag.Core;</c> and <c>Neurotag.Core.X.Name</c> anywhere in the text.</summary>
    [GeneratedRegex(@"(?<![\w.])Neurotag\.Core(?:\.(?<area>(?!Tests\b)\w+))?(?=[.;])")]
    private static partial Regex QualifiedReference();

    /// <summary>A top-level declaration: at column 0 (file-scoped namespaces), public or internal.</summary>
    [GeneratedRegex(@"^(?:public|internal)\b[^(\n{]*?\b(?:record\s+struct|record\s+class|class|struct|interface|record|enum)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();
}
