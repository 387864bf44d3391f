namespace Neurotag.Core.Specs;

/// <summary>
/// Inhibitory spike-timing-dependent plasticity (Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner 2011, Science
/// 334:1569, eqs. in the Supporting Online Material): a symmetric window. Each synapse sees a presynaptic trace x_pre
/// and a postsynaptic trace x_post (both jump by 1 at their neuron's spike, decay with τ_STDP). A presynaptic spike
/// changes the weight by η·(x_post − α), a postsynaptic spike by η·x_pre, with α = 2·ρ₀·τ_STDP. For independent
/// Poisson trains the mean drift is η·ρ_pre·(2·ρ_post·τ_STDP − α): inhibition grows while the postsynaptic rate is
/// above ρ₀ and shrinks below it, so ρ₀ is the target rate of the excitatory cell.
/// </summary>
/// <param name="Eta">η, the learning rate in the projection's weight unit (nS onto conductance-based synapses).</param>
/// <param name="TargetRateHz">ρ₀ in Hz (&gt; 0).</param>
/// <param name="TauMs">τ_STDP in ms (&gt; 0), both traces.</param>
public sealed record InhibitoryStdpSpec(double Eta, double TargetRateHz, double TauMs)
{
    /// <summary>The paper's τ_STDP = 20 ms.</summary>
    public const double DefaultTauMs = 20;

    /// <summary>α = 2·ρ₀·τ_STDP, the depression per presynaptic spike in units of η (dimensionless).</summary>
    public double Alpha => 2 * TargetRateHz * TauMs / 1000.0;
}
