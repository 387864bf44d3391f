using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>Delays of spiking projections: homogeneous, or drawn per synapse.</summary>
internal sealed class DelayReader(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly DistributionReader _distributionReader = new(ctx);

    /// <summary>The longest homogeneous delay, in steps (the ring buffer holds one spike list per step).</summary>
    private const long MaxDelaySteps = 100_000;

    /// <summary>
    /// A projection's delay: a time (homogeneous, whole steps) or <c>{ uniform: [a, b] }</c> / <c>{ normal: [mean, std] }</c>
    /// of times (per synapse, each draw rounded to the nearest whole step; normal draws clipped to [0, mean + 5 std]: a draw below 0 becomes delay 0, it is not redrawn).
    /// 0 when absent.
    /// </summary>
    internal DelayReading? ReadDelay(YamlNodeBase? node, string path)
    {
        if (node is null)
        {
            return new DelayReading(0, null, 0);
        }

        if (node is YamlMappingNode map)
        {
            return ReadSynapseDelays(map, path);
        }

        long? steps = _ctx.Steps(node, path, allowZero: true);
        if (steps > MaxDelaySteps)
        {
            _r.Error(node, path, SchemaReader.Inv($"a delay of {steps} steps is longer than the {MaxDelaySteps} the ring buffer allows"), "use a shorter delay or a larger dt");
            return null;
        }

        return steps is null ? null : new DelayReading((int)steps.Value, null, 0);
    }

    /// <summary>Per-synapse delays: the distribution in steps and the longest delay it can draw.</summary>
    private DelayReading? ReadSynapseDelays(YamlMappingNode map, string path)
    {
        if (_distributionReader.ReadQuantityDistribution(map, path, Dimension.Time) is not { } distribution)
        {
            return null;
        }

        // ReadQuantityDistribution has checked the shape: one entry holding a two-item sequence.
        var (kind, value) = map.Entries[0];
        var items = ((YamlSequenceNode)value).Items;
        string kp = path + "." + kind.Value;
        double dt = _ctx.DtMs;
        (double lowMs, double highMs, YamlNodeBase lowNode, YamlNodeBase highNode) = distribution switch
        {
            UniformDistribution u => (u.Low, u.High, items[0], items[1]),
            NormalDistribution n => (n.Mu, n.Mu + (5 * n.Sigma), items[0], items[1]),
            _ => throw new InvalidOperationException("a delay distribution is uniform or normal"),
        };
        if (lowMs < 0)
        {
            _r.Error(lowNode, kp + "[0]", SchemaReader.Inv($"a delay cannot be negative ({QuantityParser.Format(lowMs, Dimension.Time)})"),
                "spikes arrive at or after their emission: use 0 ms or more");
            return null;
        }

        if (_ctx.DtRejected)
        {
            return null; // the delays' steps depend on dt
        }

        double maxSteps = Math.Round(highMs / dt, MidpointRounding.AwayFromZero);
        if (maxSteps > MaxDelaySteps)
        {
            string what = distribution is NormalDistribution ? "mean + 5 std" : "the upper bound";
            _r.Error(highNode, kp + "[1]", SchemaReader.Inv($"{what} is a delay of {maxSteps} steps of dt = {dt} ms, longer than the {MaxDelaySteps} the ring buffer allows"),
                "use shorter delays or a larger dt");
            return null;
        }

        var inSteps = distribution switch
        {
            UniformDistribution u => (Distribution)new UniformDistribution(u.Low / dt, u.High / dt),
            NormalDistribution n => new NormalDistribution(n.Mu / dt, n.Sigma / dt),
            _ => distribution,
        };
        return new DelayReading(0, inSteps, (int)maxSteps);
    }
}
