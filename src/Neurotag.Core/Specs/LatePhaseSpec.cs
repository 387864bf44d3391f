namespace Neurotag.Core.Specs;

/// <summary>
/// Early and late phase of synaptic plasticity with tagging, protein synthesis and capture, as published by Clopath,
/// Ziegler, Vasilaki, Büsing &amp; Gerstner (2008, PLoS Comput Biol 4:e1000248) and used by Li, Kulvicius &amp; Tetzlaff
/// (2016, PLoS ONE 11:e0161679) and Luboeinski &amp; Tetzlaff (2021, Commun Biol 4:275). Each synapse has an early weight
/// h with rest h0 and a late weight z; the total weight is <c>w = h + h0·z</c>:
/// <code>
/// τ_h dh/dt = 0.1·(h0 − h) + τ_h·η·(1 + g·m)·x·y                  (the Hebbian drive replaces the calcium drive)
/// τ_p dp/dt = −p + α·Θ(Σ_i |h_i − h0| − θ_pro)                    (one p per postsynaptic neuron)
/// τ_z dz/dt = p·(1 − z)·Θ((h − h0) − θ_tag) − p·(z + 0.5)·Θ((h0 − h) − θ_tag)
/// </code>
/// so z stays in [−0.5, 1]. Defaults are the published values (docs/models.md, "Late phase").
/// </summary>
/// <param name="Rest">h0, the early weight's rest, or null for the projection's resting weight (mean initial weight).</param>
/// <param name="TauEarlyMs">τ_h in ms (&gt; 0); the early weight relaxes to h0 with τ_h/0.1.</param>
/// <param name="TauProteinMs">τ_p in ms (&gt; 0).</param>
/// <param name="TauLateMs">τ_z in ms (&gt; 0).</param>
/// <param name="TagThreshold">θ_tag in units of h0 (&gt; 0).</param>
/// <param name="ProteinThreshold">θ_pro in units of h0 (&gt; 0): summed |h − h0| onto one neuron.</param>
/// <param name="ProteinSynthesis">α (&gt; 0), the protein amount approached while synthesis is on.</param>
public sealed record LatePhaseSpec(
    double? Rest,
    double TauEarlyMs,
    double TauProteinMs,
    double TauLateMs,
    double TagThreshold,
    double ProteinThreshold,
    double ProteinSynthesis)
{
    /// <summary>τ_h = 688.4 s (Graupner &amp; Brunel 2012, via Luboeinski &amp; Tetzlaff 2021).</summary>
    public const double PublishedTauEarlyMs = 688_400;

    /// <summary>τ_p = 60 min (Li et al. 2016; Luboeinski &amp; Tetzlaff 2021).</summary>
    public const double PublishedTauProteinMs = 3_600_000;

    /// <summary>τ_z = 60 min (Li et al. 2016; Luboeinski &amp; Tetzlaff 2021).</summary>
    public const double PublishedTauLateMs = 3_600_000;

    /// <summary>θ_tag = 0.2·h0 (0.0840149 nC with h0 = 0.420075 nC; Luboeinski &amp; Tetzlaff 2021).</summary>
    public const double PublishedTagThreshold = 0.2;

    /// <summary>θ_pro = 0.5·h0 (0.210037 nC; Luboeinski &amp; Tetzlaff 2021).</summary>
    public const double PublishedProteinThreshold = 0.5;

    /// <summary>α = 1 (Li et al. 2016; Luboeinski &amp; Tetzlaff 2021).</summary>
    public const double PublishedProteinSynthesis = 1;

    /// <summary>The relaxation factor 0.1 of the early weight toward h0: τ_h dh/dt = 0.1·(h0 − h) + ….</summary>
    public const double EarlyRelaxation = 0.1;

    /// <summary>The lower bound of z (late depression saturates at −0.5).</summary>
    public const double LateMin = -0.5;

    /// <summary>The published model: every value from the table, h0 the projection's resting weight.</summary>
    public static LatePhaseSpec Published { get; } = new(null, PublishedTauEarlyMs, PublishedTauProteinMs, PublishedTauLateMs,
        PublishedTagThreshold, PublishedProteinThreshold, PublishedProteinSynthesis);

    /// <summary>The early weight's decay time constant τ_h/0.1 in ms (6884 s with the published τ_h).</summary>
    public double EarlyDecayMs => TauEarlyMs / EarlyRelaxation;
}
