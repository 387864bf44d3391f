namespace Neurotag.Core.Recording;

/// <summary>
/// The unit of a recorded value and the precision the core holds it at. <see cref="SinglePrecision"/> values are float32
/// state (rates of rate neurons, weights, membrane state) or statistics of it (means of rates or weights, accumulated
/// in double); they are written as the shortest text that reads back to the same float32 (0.1, not
/// 0.10000000149011612). Other values (rates in Hz from spike counts, fractions, gains, counts) are doubles and are
/// written as the shortest text that reads back to the same double.
/// </summary>
/// <param name="Symbol">Unit symbol written in the <c>unit</c> column and the manifest: <c>Hz</c>, <c>mV</c>,
/// <c>nS</c>, <c>mV/ms</c> (Izhikevich synaptic input), or <c>1</c> for dimensionless values (rate-neuron activity
/// and thresholds, rate-network weights, fractions, gains, counts).</param>
/// <param name="SinglePrecision">Whether the value carries float32 precision.</param>
public sealed record ValueUnit(string Symbol, bool SinglePrecision)
{
    /// <summary>Dimensionless double: fractions (recall, spurious, ownership, frac_high, frac_low), gains, synapse counts.</summary>
    public static readonly ValueUnit Dimensionless = new("1", SinglePrecision: false);

    /// <summary>Activity of rate neurons (rate units, 0..1 for a sigmoid) and their thresholds: float32 state.</summary>
    public static readonly ValueUnit RateUnits = new("1", SinglePrecision: true);

    /// <summary>Firing rates of spiking neurons, from spike counts over a window.</summary>
    public static readonly ValueUnit Hertz = new("Hz", SinglePrecision: false);

    /// <summary>Float32 state (weights, membrane variables) in <paramref name="symbol"/>.</summary>
    public static ValueUnit OfFloat32State(string symbol) => new(symbol, SinglePrecision: true);
}
