namespace Neurotag.Core.Kernels;

/// <summary>
/// The closed-form offline outcome of "use it or lose it" pruning (Chechik, Meilijson &amp; Ruppin 1998) for one
/// synapse relaxing exponentially toward its rest weight: a leaf both cores use (dense rate projections and sparse
/// spiking ones), so neither core depends on the other.
/// </summary>
public static class OfflinePruning
{
    /// <summary>
    /// The closed-form offline outcome for one synapse of weight <paramref name="w0"/> that has been below the threshold
    /// for <paramref name="accumulatedMs"/>: whether it is pruned during the interval, and otherwise how long it has been
    /// below at the end (0 when above). Shared by dense and sparse (spiking) projections.
    /// </summary>
    public static bool Outcome(double w0, double rest, double below, double? decayTauMs, double accumulatedMs, double durationMs, double forMs, out double belowAtEndMs)
    {
        bool prune;
        if (decayTauMs is not { } tau || w0 == rest)
        {
            prune = w0 < below && accumulatedMs + durationMs >= forMs;
            belowAtEndMs = w0 < below ? accumulatedMs + durationMs : 0;
        }
        else
        {
            double cross = (w0 - rest) / (below - rest) >= 1.0 ? tau * Math.Log((w0 - rest) / (below - rest)) : double.PositiveInfinity;
            if (w0 < below)
            {
                // Below now; rising toward rest ≥ below crosses at `cross`, otherwise stays below.
                double stay = rest >= below ? Math.Min(cross, durationMs) : durationMs;
                prune = accumulatedMs + stay >= forMs;
                bool endsBelow = rest < below || cross > durationMs;
                belowAtEndMs = endsBelow ? accumulatedMs + durationMs : 0;
            }
            else
            {
                // Above (or at) the threshold now; falling toward rest < below crosses at `cross`.
                double stay = rest < below && cross < durationMs ? durationMs - cross : 0;
                prune = stay > 0 && stay >= forMs;
                belowAtEndMs = stay;
            }
        }

        return prune;
    }
}
