using Neurotag.Core.Protocol;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Rate.Recording;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>
/// Runs a protocol on a rate network. The step cycle, in order (documented in docs/models.md):
/// 1. clear each population's input buffer; 2. add the external drives of the phase's inputs;
/// 3. per projection: gather presynaptic rates, then propagate (and, when learning, update weights in the same
///    pass, using the rates of this step); 4. when learning: normalization and pruning at their intervals;
/// 5. integrate every population (exponential Euler); 6. relax the modulators; 7. checkers; 8. record. A first sample
/// at t = 0, after the first phase's settings apply and before its first step, records the network as built.
/// All projections therefore see the rates of the same instant. Offline phases replace the loop with closed-form
/// decay and pruning and leave the network at rest. Pure: no I/O, no clock, no ambient randomness.
/// </summary>
public sealed class RateSimulator : ISimulation
{
    /// <summary>A rate beyond this magnitude is taken as runaway excitation and stops the run.</summary>
    public const double RunawayRate = 1e6;

    private readonly SimulationSpec _spec;
    private long _learningSteps;

    /// <summary>Builds the network of <paramref name="spec"/>.</summary>
    public RateSimulator(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        Network = RateNetwork.Build(spec);
    }

    /// <summary>The network (for inspection and tests).</summary>
    public RateNetwork Network { get; }

    /// <summary>Runs the whole protocol, sending samples to <paramref name="sink"/>.</summary>
    /// <exception cref="SimulationStoppedException">A checker stopped the run.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public RunResult Run(IRecordSink sink, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var recorder = new RateRecorder(Network, _spec.Record, _spec.Clock, sink);
        long step = 0;
        long done = 0;
        long total = _spec.SimulatedSteps;
        for (int instance = 0; instance < _spec.Protocol.Count; instance++)
        {
            var phase = _spec.Protocol[instance];
            cancellation.ThrowIfCancellationRequested();
            EnterPhase(phase);
            recorder.BeginPhase(phase, instance, step);
            if (instance == 0)
            {
                recorder.SampleInitial(phase);
            }

            progress?.Report(new RunProgress(done, total, phase.Name, phase.Rep));
            if (phase.Offline)
            {
                FastForward(phase.Steps * _spec.Clock.DtMs);
                step += phase.Steps;
                recorder.Sample(step, phase);
                recorder.SampleWeights(step, phase);
            }
            else
            {
                var inputs = Network.Inputs.Where(i => phase.Inputs.Contains(i.Name)).ToArray();
                for (long s = 1; s <= phase.Steps; s++)
                {
                    Step(inputs, phase.Plasticity);
                    step++;
                    done++;
                    bool last = s == phase.Steps;
                    if (s % _spec.Record.EverySteps == 0 || last)
                    {
                        Check(step);
                        recorder.Sample(step, phase);
                    }

                    if (recorder.WeightsDue(s) || last)
                    {
                        recorder.SampleWeights(step, phase);
                    }

                    if ((s & 1023) == 0)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        progress?.Report(new RunProgress(done, total, phase.Name, phase.Rep));
                    }
                }
            }

            recorder.EndPhase(phase, instance);
        }

        progress?.Report(new RunProgress(done, total, "done", 0));
        var pruned = new Dictionary<string, long>(StringComparer.Ordinal);
        var regrown = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int k = 0; k < Network.Projections.Count; k++)
        {
            pruned[Network.Projections[k].Name] = Network.Prunings[k]?.Pruned ?? 0;
            regrown[Network.Projections[k].Name] = Network.Prunings[k]?.Regrown ?? 0;
        }

        return new RunResult(step, done, _spec.Clock.TimeMs(step), pruned) { RegrownSynapses = regrown };
    }

    /// <summary>One step of the cycle documented on the class.</summary>
    internal void Step(DriveInput[] inputs, bool learning)
    {
        // Index loops, not foreach over IReadOnlyList: its boxed enumerators allocate when PGO does not devirtualise them.
        var populations = Network.Populations;
        for (int k = 0; k < populations.Count; k++)
        {
            Array.Clear(populations[k].Input);
        }

        foreach (var input in inputs)
        {
            input.Apply();
        }

        for (int k = 0; k < Network.Projections.Count; k++)
        {
            Network.Projections[k].GatherPreRates();
            var heterosynaptic = learning ? Network.Heterosynaptics[k] : null;
            heterosynaptic?.Snapshot();
            Network.Rules[k].Advance(learning);
            heterosynaptic?.Apply();
        }

        if (learning)
        {
            _learningSteps++;
            for (int k = 0; k < Network.Projections.Count; k++)
            {
                if (Network.Normalizations[k] is { } normalization && _learningSteps % normalization.EverySteps == 0)
                {
                    normalization.Apply();
                }

                if (Network.Prunings[k] is { } pruning && _learningSteps % pruning.EverySteps == 0)
                {
                    pruning.Check();
                }
            }
        }

        for (int k = 0; k < populations.Count; k++)
        {
            populations[k].Integrate();
        }

        if (learning)
        {
            foreach (var homeostasis in Network.Homeostases)
            {
                homeostasis.Step();
            }
        }

        Network.Modulators.Step();
    }

    private void EnterPhase(PhaseSpec phase)
    {
        foreach (var set in phase.Sets)
        {
            var population = Network.Populations.First(p => p.Name == set.Population);
            switch (set.Parameter)
            {
                case IntrinsicParameter.Threshold:
                    Array.Fill(population.Threshold, (float)set.Value);
                    break;
                case IntrinsicParameter.Gain:
                    population.Gain = set.Value;
                    break;
                default:
                    throw new InvalidOperationException($"unknown parameter {set.Parameter}");
            }
        }

        IntrinsicActions.Apply(Network, phase);
        Network.Modulators.EnterPhase(phase);
    }

    private void FastForward(double durationMs)
    {
        for (int k = 0; k < Network.Projections.Count; k++)
        {
            // Pruning first: it needs the trajectory from the weights at the interval's start.
            Network.Prunings[k]?.FastForward(durationMs, Network.Projections[k].Spec.Plasticity?.DecayTauMs);
            Network.Rules[k].FastForward(durationMs);
            Network.Prunings[k]?.RegrowAfterOffline(durationMs);
        }

        Network.Modulators.FastForward(durationMs);
        foreach (var population in Network.Populations)
        {
            population.Quiesce();
        }
    }

    private void Check(long step)
    {
        foreach (var population in Network.Populations)
        {
            foreach (float r in population.Rate)
            {
                if (!float.IsFinite(r) || Math.Abs(r) > RunawayRate)
                {
                    double t = _spec.Clock.TimeMs(step);
                    string cause = float.IsFinite(r)
                        ? $"a rate exceeded {RunawayRate:0e0} (runaway excitation: excitatory weights or gain too high for linear/ReLU units; add inhibition or normalization)"
                        : "a rate became non-finite (dt too large for the time constants, or runaway excitation)";
                    throw new SimulationStoppedException(population.Name, t, $"population '{population.Name}' at t = {t} ms: {cause}");
                }
            }
        }
    }
}
