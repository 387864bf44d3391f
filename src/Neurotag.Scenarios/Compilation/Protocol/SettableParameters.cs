using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Protocol;

/// <summary>
/// How a phase's <c>set:</c> reads a value. Which parameters a population has, their names, kinds and ranges are its
/// model's (<see cref="NeuronSpec.SettableParameters"/>); this class only turns a kind into a unit.
/// </summary>
internal static class SettableParameters
{
    /// <summary>The value of <paramref name="parameter"/> in its unit and range; null after an error.</summary>
    public static double? Read(SchemaReader r, ParameterInfo parameter, YamlNodeBase value, string path)
    {
        double min = parameter.Minimum ?? double.MinValue;
        return Dimension(parameter.Kind) is { } dimension
            ? r.Quantity(value, path, dimension, min, parameter.MinimumExclusive)
            : r.Number(value, path, min, minExclusive: parameter.MinimumExclusive);
    }

    /// <summary>The hint that lists every model's settable parameters, e.g. "threshold, gain (rate); v_thresh (lif); rate (poisson)".</summary>
    public static string Hint() => "settable parameters: " + string.Join("; ",
        NeuronModels.All.Where(m => m.Settable.Count > 0).Select(m => $"{string.Join(", ", m.Settable.Select(p => p.Name))} ({m.Model})"));

    /// <summary>The unit dimension of a kind of value; null for a plain number.</summary>
    private static Dimension? Dimension(QuantityKind kind) => kind switch
    {
        QuantityKind.Dimensionless => null,
        QuantityKind.Time => Units.Dimension.Time,
        QuantityKind.Voltage => Units.Dimension.Voltage,
        QuantityKind.Conductance => Units.Dimension.Conductance,
        QuantityKind.Current => Units.Dimension.Current,
        QuantityKind.Capacitance => Units.Dimension.Capacitance,
        QuantityKind.Resistance => Units.Dimension.Resistance,
        QuantityKind.Frequency => Units.Dimension.Frequency,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no dimension for this kind"),
    };
}
