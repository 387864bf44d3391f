using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Events;

/// <summary>
/// The <c>delay:</c> of a closed-loop action (modulator pulse or trigger): a duration ≥ dt or
/// <c>{ uniform: [lo, hi] }</c> / <c>{ normal: [mean, std] }</c> of durations (lo, mean ≥ dt), returned in steps.
/// </summary>
internal sealed class EventDelayReader(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly DistributionReader _distributions = new(ctx);

    /// <summary>The delay in steps (a distribution of steps); below dt is an error (an action cannot precede its cause's next step).</summary>
    internal Distribution? Read(YamlNodeBase node, string path, string what)
    {
        var ms = _distributions.ReadQuantityDistribution(node, path, Dimension.Time);
        if (ms is null || _ctx.DtRejected)
        {
            return null;
        }

        double dt = _ctx.DtMs;
        double least = ms switch
        {
            ConstantDistribution c => c.Value,
            UniformDistribution u => u.Low,
            NormalDistribution n => n.Mu,
            _ => 0,
        };
        if (least < dt * (1 - 1e-9))
        {
            _r.Error(node, path, SchemaReader.Inv($"a {what} delay below the step dt = {dt} ms"), $"give a delay of at least dt (the lower end of a uniform, the mean of a normal), or omit 'delay:' for a {what} at the end of the triggering step");
            return null;
        }

        return ms switch
        {
            ConstantDistribution c => new ConstantDistribution(c.Value / dt),
            UniformDistribution u => new UniformDistribution(u.Low / dt, u.High / dt),
            NormalDistribution n => new NormalDistribution(n.Mu / dt, n.Sigma / dt),
            _ => null,
        };
    }
}
