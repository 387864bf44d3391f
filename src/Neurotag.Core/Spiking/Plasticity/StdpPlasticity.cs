using Neurotag.Core.Protocol;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// Everything an STDP projection does per step, in the spiking core's hook order (arrivals, postsynaptic spikes,
/// end of step): <see cref="StdpSynapses"/> for the pair updates, three-factor modulation as in the rate rules —
/// without an eligibility trace the amplitudes are scaled by 1 + g·m(t); with one (Izhikevich 2007) STDP charges the
/// trace and <c>dw/dt = η·g·m(t)·e</c> converts it — optional passive decay toward the resting weight
/// (<c>decay: { tau }</c>, exact, applied in batches of steps when τ is long, and in closed form offline), and <see cref="SparseCompetition"/>.
/// <c>plasticity: off</c> keeps the traces running (they are neuron state) but changes no weight and no eligibility.
/// </summary>
public sealed class StdpPlasticity
{
    private readonly SparseSynapses _syn;
    private readonly PlasticitySpec _spec;
    private readonly ModulatorState _modulators;
    private readonly int _modulator;
    private readonly double _etaPerStep;
    private readonly float _decay;
    private readonly float _decayOffset;
    private readonly long _decayBatchSteps;
    private readonly double _dtMs;
    private long _pendingDecaySteps;
    private readonly float _min;
    private readonly float _max;
    private readonly float _rest;
    private readonly SparseCompetition _competition;
    private long _learningSteps;

    /// <summary>STDP on <paramref name="synapses"/> for <paramref name="projection"/> (which must have rule stdp).</summary>
    /// <param name="synapses">The synapses (weights updated in place).</param>
    /// <param name="projection">The projection's spec.</param>
    /// <param name="modulators">Modulator levels (three-factor learning).</param>
    /// <param name="dtMs">Step in ms.</param>
    /// <param name="perSynapsePreTrace">Per-synapse delays: keep the presynaptic trace per synapse, charged at arrival.</param>
    public StdpPlasticity(SparseSynapses synapses, ProjectionSpec projection, ModulatorState modulators, double dtMs, bool perSynapsePreTrace = false)
    {
        ArgumentNullException.ThrowIfNull(synapses);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(modulators);
        _spec = projection.Plasticity is { Rule: PlasticityRule.Stdp, Stdp: not null } p
            ? p
            : throw new ArgumentException($"projection '{projection.Name}' has no STDP parameters", nameof(projection));
        _syn = synapses;
        _modulators = modulators;
        _modulator = _spec.ModulatedBy is { } m ? modulators.IndexOf(m) : -1;
        if (_spec.ModulatedBy is not null && _modulator < 0)
        {
            throw new ArgumentException($"projection '{projection.Name}': unknown modulator '{_spec.ModulatedBy}'", nameof(projection));
        }

        _etaPerStep = _spec.Rate * dtMs / 1000.0;
        _min = (float)projection.Weight.Min;
        _max = (float)projection.Weight.Max;
        _rest = (float)Math.Clamp(projection.Weight.Init.Mean, projection.Weight.Min, projection.Weight.Max);
        double a = _spec.DecayTauMs is { } tau ? Math.Exp(-dtMs / tau) : 1.0;
        _decay = (float)a;
        _decayOffset = (float)(_rest * (1.0 - a));
        _dtMs = dtMs;
        _decayBatchSteps = DecayBatchSteps(dtMs, _spec.DecayTauMs);
        _competition = new SparseCompetition(synapses, projection.Normalization, projection.Pruning, _min, _max, dtMs);
        Synapses = new StdpSynapses(synapses, _spec.Stdp!, _min, _max, dtMs, _spec.EligibilityTauMs, _competition.Alive, perSynapsePreTrace);
    }

    /// <summary>The pair-based core (traces, eligibility).</summary>
    public StdpSynapses Synapses { get; }

    /// <summary>Synapses pruned so far.</summary>
    public long Pruned => _competition.Pruned;

    /// <summary>The structural counts of the competition (pruning).</summary>
    public IStructuralCounts StructuralCounts => _competition;

    /// <summary>Presynaptic spikes arriving this step.</summary>
    public void OnPreSpikes(ReadOnlySpan<int> arrivingPre, bool learning) => Synapses.OnPreArrivals(arrivingPre, learning ? AmplitudeScale() : 0f);

    /// <summary>Synapses whose (per-synapse delayed) spikes arrive this step.</summary>
    public void OnSynapseArrivals(ReadOnlySpan<int> arrivingSynapses, bool learning) => Synapses.OnSynapseArrivals(arrivingSynapses, learning ? AmplitudeScale() : 0f);

    /// <summary>Postsynaptic spikes of this step.</summary>
    public void OnPostSpikes(ReadOnlySpan<int> postSpikes, bool learning) => Synapses.OnPostSpikes(postSpikes, learning ? AmplitudeScale() : 0f);

    /// <summary>End of step: trace decay, then (learning only) eligibility conversion, passive decay and competition.</summary>
    public void EndStep(bool learning)
    {
        Synapses.DecayTraces();
        if (!learning)
        {
            return;
        }

        if (Synapses.Eligibility is not null && _modulator >= 0)
        {
            Synapses.ConvertEligibility((float)(_etaPerStep * _spec.ModulationGain * _modulators.Levels[_modulator]));
        }

        if (_spec.DecayTauMs is not null && ++_pendingDecaySteps >= _decayBatchSteps)
        {
            ApplyPendingDecay();
        }

        _competition.AfterStep(++_learningSteps);
    }

    /// <summary>Offline interval: closed-form pruning, then closed-form decay of weights, traces and eligibility.</summary>
    public void FastForward(double durationMs)
    {
        ApplyPendingDecay();
        _competition.FastForward(durationMs, _spec.DecayTauMs, _rest);
        if (_spec.DecayTauMs is { } tau)
        {
            float a = (float)Math.Exp(-durationMs / tau);
            var w = _syn.Weight;
            var alive = _competition.Alive;
            for (int s = 0; s < w.Length; s++)
            {
                if (alive is null || alive[s] != 0)
                {
                    w[s] = Math.Clamp(_rest + ((w[s] - _rest) * a), _min, _max);
                }
            }
        }

        Synapses.FastForward(durationMs);
    }

    /// <summary>
    /// Steps per application of the online passive decay. With τ_decay of days and dt of 0.1 ms the per-step factor
    /// e^(−dt/τ) is 1 − 10⁻¹⁰, which rounds to 1 in float32: a per-step pass would cost a sweep over every synapse and
    /// change nothing. So the decay is applied every K = ⌊10⁻⁴·τ/dt⌋ steps (K ≥ 1) with the exact factor e^(−K·dt/τ),
    /// computed in double: the weights lag the exact decay by at most 10⁻⁴ of (w − w_rest), and K = 1 (τ ≤ 10⁴·dt)
    /// is the per-step update.
    /// </summary>
    internal static long DecayBatchSteps(double dtMs, double? decayTauMs) =>
        decayTauMs is { } tau ? Math.Max(1L, (long)Math.Floor(1e-4 * tau / dtMs)) : 1L;

    /// <summary>Applies the decay of the steps since the last application (exactly the per-step update when K = 1).</summary>
    private void ApplyPendingDecay()
    {
        if (_spec.DecayTauMs is not { } tau || _pendingDecaySteps == 0)
        {
            return;
        }

        var w = _syn.Weight;
        var alive = _competition.Alive;
        if (_pendingDecaySteps == 1)
        {
            for (int s = 0; s < w.Length; s++)
            {
                if (alive is null || alive[s] != 0)
                {
                    w[s] = Math.Clamp((_decay * w[s]) + _decayOffset, _min, _max);
                }
            }
        }
        else
        {
            double a = Math.Exp(-_pendingDecaySteps * _dtMs / tau);
            for (int s = 0; s < w.Length; s++)
            {
                if (alive is null || alive[s] != 0)
                {
                    w[s] = Math.Clamp((float)(_rest + ((w[s] - (double)_rest) * a)), _min, _max);
                }
            }
        }

        _pendingDecaySteps = 0;
    }

    /// <summary>1 + g·m without an eligibility trace (the rate rules' three-factor factor); 1 with one (the modulator acts on conversion).</summary>
    private float AmplitudeScale() =>
        _modulator >= 0 && Synapses.Eligibility is null ? (float)(1.0 + (_spec.ModulationGain * _modulators.Levels[_modulator])) : 1f;
}
