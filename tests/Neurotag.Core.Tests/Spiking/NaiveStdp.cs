using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// An independent, deliberately naive pair-based STDP for cross-checking <c>StdpSynapses</c>: no recursive traces —
/// at every event the trace is recomputed in double precision from the whole spike history as an explicit sum of
/// exponentials (all-to-all: Σ e^{−(t − t_k)/τ} over earlier spikes; nearest: e^{−(t − t_last)/τ} of the latest one),
/// following Morrison, Diesmann &amp; Gerstner (2008), eqs. 3–6. Same event order as the rule under test: within a step,
/// presynaptic arrivals (LTD) before postsynaptic spikes (LTP), and a spike counts in its own trace.
/// </summary>
internal static class NaiveStdp
{
    /// <summary>Final weights of synapses (pre, post) after the spike steps of each neuron.</summary>
    public static double[] Run(
        (int Pre, int Post)[] synapses, double[] initial, List<int>[] preSteps, List<int>[] postSteps, int steps,
        double dtMs, StdpSpec spec, double wMin, double wMax)
    {
        var w = (double[])initial.Clone();
        for (int t = 0; t < steps; t++)
        {
            for (int s = 0; s < synapses.Length; s++)
            {
                var (pre, post) = synapses[s];
                if (preSteps[pre].Contains(t))
                {
                    double y = Trace(postSteps[post], t, excludeCurrent: true, spec.TauMinusMs, dtMs, spec.Pairing);
                    double f = spec.Mode == StdpWeightDependence.Multiplicative ? (w[s] - wMin) / (wMax - wMin) : 1.0;
                    w[s] = Math.Clamp(w[s] - (spec.AMinus * y * f), wMin, wMax);
                }
            }

            for (int s = 0; s < synapses.Length; s++)
            {
                var (pre, post) = synapses[s];
                if (postSteps[post].Contains(t))
                {
                    double x = Trace(preSteps[pre], t, excludeCurrent: false, spec.TauPlusMs, dtMs, spec.Pairing);
                    double f = spec.Mode == StdpWeightDependence.Multiplicative ? (wMax - w[s]) / (wMax - wMin) : 1.0;
                    w[s] = Math.Clamp(w[s] + (spec.APlus * x * f), wMin, wMax);
                }
            }
        }

        return w;
    }

    /// <summary>
    /// The trace at step t from spikes at earlier steps (and at t itself unless <paramref name="excludeCurrent"/>:
    /// a postsynaptic spike in the same step comes after the arrival).
    /// </summary>
    private static double Trace(List<int> spikes, int t, bool excludeCurrent, double tauMs, double dtMs, StdpPairing pairing)
    {
        var past = spikes.Where(k => excludeCurrent ? k < t : k <= t).ToList();
        if (past.Count == 0)
        {
            return 0;
        }

        return pairing == StdpPairing.Nearest
            ? Math.Exp(-(t - past.Max()) * dtMs / tauMs)
            : past.Sum(k => Math.Exp(-(t - k) * dtMs / tauMs));
    }
}
