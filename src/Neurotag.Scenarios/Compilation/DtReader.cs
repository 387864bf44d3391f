using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>'dt:', read first: every duration is converted to whole steps of it.</summary>
internal static class DtReader
{
    /// <summary>The default step, 0.1 ms.</summary>
    public const long DefaultDtNs = 100_000;

    /// <summary>dt in ns, and whether 'dt:' was rejected (then the default stands in, and durations are not converted).</summary>
    public static (long DtNs, bool Rejected) Read(SchemaReader r, YamlNodeBase? node)
    {
        if (node is null)
        {
            return (DefaultDtNs, false);
        }

        if (r.Quantity(node, "dt", Dimension.Time, 0, minExclusive: true, max: 1000) is { } dtMs)
        {
            double ns = dtMs * 1e6;
            if (Math.Abs(ns - Math.Round(ns)) > 1e-6 * Math.Max(1, ns) || Math.Round(ns) < 1)
            {
                r.Error(node, "dt", "dt must be a whole number of nanoseconds", "for example 'dt: 0.1 ms'");
                return (DefaultDtNs, true);
            }

            return ((long)Math.Round(ns), false);
        }

        return (DefaultDtNs, true);
    }
}
