namespace Neurotag.Core.Specs;

/// <summary>Plasticity rules (equations, discretisation and citations: docs/models.md).</summary>
public enum PlasticityRule
{
    /// <summary>dw/dt = η · x · y (Hebb 1949; Dayan &amp; Abbott 2001, eq. 8.3).</summary>
    Hebbian,

    /// <summary>dw_i/dt = η · (x_i·y − y²·w_i) (Oja 1982): converges to the unit-norm leading eigenvector of ⟨x xᵀ⟩.</summary>
    Oja,

    /// <summary>
    /// dw_i/dt = η · x_i · y · (y − θ), τ_θ dθ/dt = y² − θ per postsynaptic neuron (Bienenstock, Cooper &amp; Munro 1982,
    /// in the form of Intrator &amp; Cooper 1992).
    /// </summary>
    Bcm,

    /// <summary>
    /// dw_i/dt = η · (x_i − ⟨x_i⟩) · (y − ⟨y⟩), running means with time constant τ_mean (Sejnowski 1977; Dayan &amp;
    /// Abbott 2001, §8.2).
    /// </summary>
    Covariance,

    /// <summary>
    /// Spike-timing-dependent plasticity with pre/post traces, spiking projections only (Song, Miller &amp; Abbott 2000;
    /// nomenclature of Morrison, Diesmann &amp; Gerstner 2008). Parameters in <see cref="PlasticitySpec.Stdp"/>.
    /// </summary>
    Stdp,

    /// <summary>Triplet STDP (Pfister &amp; Gerstner 2006), spiking only; parameters in <see cref="PlasticitySpec.Triplet"/>.</summary>
    StdpTriplet,

    /// <summary>
    /// Inhibitory STDP with a target rate (rule <c>istdp</c>; Vogels et al. 2011), spiking only; parameters in
    /// <see cref="PlasticitySpec.InhibitoryStdp"/>.
    /// </summary>
    Istdp,
}
