using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Protocol;

/// <summary>
/// The name a phase's <c>set:</c> gives each intrinsic parameter, and how its value is read. Which parameters a
/// population has is its model's (<see cref="NeuronSpec.SettableParameters"/>); this table only spells them.
/// </summary>
internal static class SettableParameters
{
    public static string Name(IntrinsicParameter parameter) => parameter switch
    {
        IntrinsicParameter.Threshold => "threshold",
        IntrinsicParameter.Gain => "gain",
        IntrinsicParameter.Rate => "rate",
        IntrinsicParameter.VThresh => "v_thresh",
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "no name for this parameter"),
    };

    /// <summary>The value of <paramref name="parameter"/> in its unit and range; null after an error.</summary>
    public static double? Read(SchemaReader r, IntrinsicParameter parameter, YamlNodeBase value, string path) => parameter switch
    {
        IntrinsicParameter.Gain => r.Number(value, path, 0, minExclusive: true),
        IntrinsicParameter.Rate => r.Quantity(value, path, Dimension.Frequency, 0),
        IntrinsicParameter.VThresh => r.Quantity(value, path, Dimension.Voltage),
        _ => r.Number(value, path),
    };

    /// <summary>The hint that lists every model's settable parameters, e.g. "threshold, gain (rate); v_thresh (lif); rate (poisson)".</summary>
    public static string Hint() => "settable parameters: " + string.Join("; ",
        NeuronModels.All.Where(m => m.Settable.Count > 0).Select(m => $"{string.Join(", ", m.Settable.Select(Name))} ({m.Model})"));
}
