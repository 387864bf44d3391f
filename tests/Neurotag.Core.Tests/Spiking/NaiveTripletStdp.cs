using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// An independent, deliberately naive triplet STDP (Pfister &amp; Gerstner 2006, eqs. 3–4) for cross-checking
/// <c>TripletStdpSynapses</c>: every synapse keeps its own four traces in double precision and integrates them every
/// step (τ dr/dt = −r solved exactly over dt), with no sharing between synapses, no CSR and no lazy decay. Event order
/// within a step as the rule's: presynaptic arrivals (w −= o₁·(A₂⁻ + A₃⁻·r₂), then r₁, r₂ += 1), then postsynaptic
/// spikes (w += r₁·(A₂⁺ + A₃⁺·o₂), then o₁, o₂ += 1), then the decay; amplitudes × w_max; clipped to the bounds.
/// </summary>
internal static class NaiveTripletStdp
{
    /// <summary>
    /// Final weights of <paramref name="synapses"/> given, per synapse, the steps its presynaptic spikes arrive
    /// (<paramref name="arrivalSteps"/>) and, per postsynaptic neuron, its spike steps. <paramref name="updateMagnitude"/>
    /// returns Σ|Δw| per synapse (the scale a relative comparison uses).
    /// </summary>
    public static double[] Run(
        (int Pre, int Post)[] synapses, double[] initial, HashSet<int>[] arrivalSteps, HashSet<int>[] postSteps, int steps,
        double dtMs, TripletStdpSpec spec, double wMin, double wMax, out double[] updateMagnitude)
    {
        int n = synapses.Length;
        var w = (double[])initial.Clone();
        var r1 = new double[n];
        var r2 = new double[n];
        var o1 = new double[n];
        var o2 = new double[n];
        updateMagnitude = new double[n];
        for (int t = 0; t < steps; t++)
        {
            for (int s = 0; s < n; s++)
            {
                if (arrivalSteps[s].Contains(t))
                {
                    double dw = -wMax * o1[s] * (spec.A2Minus + (spec.A3Minus * r2[s]));
                    updateMagnitude[s] += Math.Abs(dw);
                    w[s] = Math.Clamp(w[s] + dw, wMin, wMax);
                    r1[s] += 1;
                    r2[s] += 1;
                }
            }

            for (int s = 0; s < n; s++)
            {
                if (postSteps[synapses[s].Post].Contains(t))
                {
                    double dw = wMax * r1[s] * (spec.A2Plus + (spec.A3Plus * o2[s]));
                    updateMagnitude[s] += Math.Abs(dw);
                    w[s] = Math.Clamp(w[s] + dw, wMin, wMax);
                    o1[s] += 1;
                    o2[s] += 1;
                }
            }

            for (int s = 0; s < n; s++)
            {
                r1[s] *= Math.Exp(-dtMs / spec.TauPlusMs);
                r2[s] *= Math.Exp(-dtMs / spec.TauXMs);
                o1[s] *= Math.Exp(-dtMs / spec.TauMinusMs);
                o2[s] *= Math.Exp(-dtMs / spec.TauYMs);
            }
        }

        return w;
    }
}
