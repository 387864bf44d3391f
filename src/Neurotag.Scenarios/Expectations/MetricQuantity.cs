namespace Neurotag.Scenarios.Expectations;

/// <summary>
/// What kind of quantity a metric is, with its unit, so that an effect compares like with like: a difference or ratio
/// of an activity and a weight means nothing even where both are dimensionless (rate networks).
/// </summary>
public static class MetricQuantity
{
    /// <summary>e.g. <c>activity (1)</c>, <c>rate (Hz)</c>, <c>weight (synaptic unit)</c>, <c>fraction (1)</c>, <c>count</c>.</summary>
    public static string Of(string kind, string metric, bool spiking) => (kind, metric) switch
    {
        ("tag", "activation") or ("population", "rate") => spiking ? "rate (Hz)" : "activity (1)",
        ("tag", "strength" or "coupling") or ("weights", "mean") => spiking ? "weight (synaptic unit)" : "weight (1)",
        ("tag", "recall" or "spurious" or "ownership" or "size") or ("weights", "frac_high" or "frac_low") => "fraction (1)",
        ("population", "threshold") => spiking ? "threshold (Hz)" : "threshold (1)",
        ("population", "gain") => "gain (1)",
        ("projection", _) => "count",
        _ => kind + "." + metric,
    };
}
