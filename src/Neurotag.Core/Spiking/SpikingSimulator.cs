using Neurotag.Core.Protocol;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// A spiking network and its step cycle; <see cref="ProtocolRunner"/> runs the protocol around it, as for the rate
/// core (phases, inputs on/off, modulators, <c>set:</c>, offline phases fast-forwarding plasticity in closed form,
/// cancellation, progress).
/// The step cycle, in order (docs/models.md, "Spiking core"): 1. every population integrates over dt with the
/// synaptic state at the step's start and thresholds/resets (spikes stamped at the step's end), then homeostatic
/// thresholds follow the step's spikes (learning steps only); 2. per projection:
/// queue the new spikes, deliver those arriving now (<c>g += w</c>) and call the rule's on-pre hook (per-synapse
/// delays: the arriving synapses); 3. Poisson
/// inputs add their spikes; 4. rules' on-post hooks with the postsynaptic spikes, then their end-of-step hook;
/// 5. closed-loop events schedule modulator pulses, modulators relax and take the pulses due, triggered actions due
/// now are applied (stimulus windows deliver with the inputs in 3.); 6. recording;
/// 7. checkers at each sample. A first sample at t = 0 (rates 0 Hz: no spike precedes the first step) records the weights as built. Pure: no I/O, no clock, no ambient randomness.
/// </summary>
public sealed class SpikingSimulator : ISimulation, ICoreStepper
{
    /// <summary>A population rate above this over a sampling window is taken as runaway excitation and stops the run.</summary>
    public const double RunawayRateHz = 1000;

    private readonly SimulationSpec _spec;
    private PoissonDrive[] _activeInputs = [];
    private NoiseCurrentDrive[] _activeNoise = [];
    private SpikingRecorder? _recorder;

    /// <summary>Builds the network of <paramref name="spec"/>.</summary>
    public SpikingSimulator(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        Network = SpikingNetwork.Build(spec);
    }

    /// <summary>The network (for inspection and tests).</summary>
    public SpikingNetwork Network { get; }

    /// <summary>The current global step.</summary>
    public long CurrentStep { get; private set; }

    /// <inheritdoc />
    public RunResult Run(IRecordSink sink, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _recorder = new SpikingRecorder(Network, _spec.Record, _spec.Clock, sink);
        return ProtocolRunner.Run(_spec, this, _recorder, progress, cancellation);
    }

    /// <inheritdoc />
    ModulatorState ICoreStepper.Modulators => Network.Modulators;

    /// <inheritdoc />
    void ICoreStepper.Set(ParameterSet set, long step) =>
        Network.Populations.First(p => p.Name == set.Population).SetParameter(set.Parameter, set.Value, step);

    /// <inheritdoc />
    void ICoreStepper.Step(bool learning) => Step(learning);

    /// <inheritdoc />
    IEnumerable<(string Projection, IStructuralCounts? Counts)> ICoreStepper.StructuralCounts() =>
        Network.Rules.Select(r => (r.Projection.Name, r.StructuralCounts));

    /// <summary>Advances <see cref="CurrentStep"/> by one step of the cycle documented on the class.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Step(bool learning)
    {
        long step = ++CurrentStep;
        var populations = Network.Populations;
        for (int k = 0; k < populations.Count; k++)
        {
            populations[k].Step(step);
        }

        foreach (var threshold in Network.AdaptiveThresholds)
        {
            threshold.Step(learning);
        }

        var projections = Network.Projections;
        var rules = Network.Rules;
        for (int k = 0; k < projections.Count; k++)
        {
            var projection = projections[k];
            if (projection.HasSynapseDelays)
            {
                rules[k].OnSynapseArrivals(projection.TransmitPerSynapse(step, projection.PrePopulation.Spikes), learning);
            }
            else
            {
                var arriving = projection.Transmit(step, projection.PrePopulation.Spikes);
                projection.Deliver(arriving);
                rules[k].OnPreSpikes(arriving, learning);
            }
        }

        foreach (var input in _activeInputs)
        {
            input.Deliver(step);
        }

        foreach (var noise in _activeNoise)
        {
            noise.Deliver();
        }

        var actions = Network.Actions;
        if (actions.Any)
        {
            actions.DeliverStimuli(step);
        }

        for (int k = 0; k < rules.Count; k++)
        {
            rules[k].OnPostSpikes(projections[k].PostPopulation.Spikes, learning);
            rules[k].EndStep(learning);
        }

        // Closed loop: this step's events schedule their pulses (a pulse without delay arrives in this step's relaxation).
        if (Network.Pulses.Any)
        {
            Network.Pulses.AfterStep(step);
        }

        // Triggered actions: due at the end of this step, they act from the next step on (as a phase starting there).
        if (actions.Any)
        {
            actions.AfterStep(step);
        }

        Network.Modulators.Step();
    }

    /// <inheritdoc />
    void ICoreStepper.EnterPhase(PhaseSpec phase, long step)
    {
        var active = Network.Inputs.Where(i => phase.Inputs.Contains(i.Name)).ToArray();
        foreach (var input in active.Except(_activeInputs))
        {
            input.Resume(step);
        }

        _activeInputs = active;
        _activeNoise = [.. Network.NoiseInputs.Where(i => phase.Inputs.Contains(i.Name))];
        foreach (var d in phase.Disinhibitions)
        {
            Network.Projections.First(p => p.Name == d.Projection).Scale(d.Factor);
        }

        Network.Pulses.EnterPhase();
        Network.Actions.EnterPhase(phase, step);
    }

    /// <inheritdoc />
    void ICoreStepper.FastForward(double durationMs, long stepAfter)
    {
        foreach (var rule in Network.Rules)
        {
            rule.FastForward(durationMs);
        }

        foreach (var projection in Network.Projections)
        {
            projection.ClearInFlight();
        }

        CurrentStep = stepAfter;
        foreach (var population in Network.Populations)
        {
            population.Quiesce(stepAfter);
        }

        Network.Actions.FastForward(stepAfter);
    }

    /// <inheritdoc />
    void ICoreStepper.Check(long step)
    {
        // The rate window is the recorder's: the spikes since its previous sample.
        double windowMs = _recorder!.WindowMs(step);
        double t = _spec.Clock.TimeMs(step);
        foreach (var population in Network.Populations)
        {
            int bad = population.FirstNonFinite();
            if (bad >= 0)
            {
                throw new SimulationStoppedException(population.Name, t,
                    $"population '{population.Name}' at t = {t} ms: the state of neuron {bad} became non-finite (dt too large for the time constants, or runaway excitation)");
            }

            double rate = windowMs > 0 ? population.WindowSpikes / (population.Size * windowMs / 1000.0) : 0;
            if (rate > RunawayRateHz)
            {
                throw new SimulationStoppedException(population.Name, t, FormattableString.Invariant(
                    $"population '{population.Name}' at t = {t} ms: mean rate {rate:F0} Hz over the last {windowMs} ms exceeds {RunawayRateHz} Hz (runaway excitation: excitatory weights or drive too strong, inhibition too weak, or a refractory period shorter than dt)"));
            }
        }
    }
}
