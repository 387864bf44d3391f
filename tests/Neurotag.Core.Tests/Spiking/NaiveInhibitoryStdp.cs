using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// An independent, deliberately naive inhibitory STDP (Vogels et al. 2011) for cross-checking
/// <c>InhibitoryStdpSynapses</c>: every synapse keeps its own two traces in double precision and decays them every step
/// (τ dx/dt = −x solved exactly over dt), with no sharing between synapses, no CSR and no lazy decay. Event order
/// within a step as Brian2's Vogels example: presynaptic arrivals (A_pre += 1, w += η·(A_post − α)), then
/// postsynaptic spikes (A_post += 1, w += η·A_pre), then the decay; clipped to the bounds after each update.
/// </summary>
internal static class NaiveInhibitoryStdp
{
    /// <summary>
    /// Final weights of <paramref name="synapses"/> given, per synapse, the steps its presynaptic spikes arrive and,
    /// per postsynaptic neuron, its spike steps. <paramref name="updateMagnitude"/> returns Σ|Δw| per synapse.
    /// </summary>
    public static double[] Run(
        (int Pre, int Post)[] synapses, double[] initial, HashSet<int>[] arrivalSteps, HashSet<int>[] postSteps, int steps,
        double dtMs, InhibitoryStdpSpec spec, double wMin, double wMax, out double[] updateMagnitude)
    {
        int n = synapses.Length;
        var w = (double[])initial.Clone();
        var aPre = new double[n];
        var aPost = new double[n];
        updateMagnitude = new double[n];
        double decay = Math.Exp(-dtMs / spec.TauMs);
        double alpha = 2 * spec.TargetRateHz * spec.TauMs / 1000;
        for (int t = 0; t < steps; t++)
        {
            for (int s = 0; s < n; s++)
            {
                if (arrivalSteps[s].Contains(t))
                {
                    aPre[s] += 1;
                    double dw = spec.Eta * (aPost[s] - alpha);
                    updateMagnitude[s] += Math.Abs(dw);
                    w[s] = Math.Clamp(w[s] + dw, wMin, wMax);
                }
            }

            for (int s = 0; s < n; s++)
            {
                if (postSteps[synapses[s].Post].Contains(t))
                {
                    aPost[s] += 1;
                    double dw = spec.Eta * aPre[s];
                    updateMagnitude[s] += Math.Abs(dw);
                    w[s] = Math.Clamp(w[s] + dw, wMin, wMax);
                }
            }

            for (int s = 0; s < n; s++)
            {
                aPre[s] *= decay;
                aPost[s] *= decay;
            }
        }

        return w;
    }
}
