using Neurotag.Core.Protocol;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Rate.Recording;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>
/// A rate network and its step cycle; <see cref="ProtocolRunner"/> runs the protocol around it. The step cycle, in order (documented in docs/models.md):
/// 1. clear each population's input buffer; 2. add the external drives of the phase's inputs;
/// 3. per projection: gather presynaptic rates, then propagate (and, when learning, update weights in the same
///    pass, using the rates of this step, then heterosynaptic depression and synaptic scaling; neuron-scope
///    heterosynaptic depression after the last projection); 4. when learning: neuron-scope normalization, then per
///    projection normalization and pruning at their intervals;
/// 5. integrate every population (exponential Euler); 6. relax the modulators; 7. checkers; 8. record. A first sample
/// at t = 0, after the first phase's settings apply and before its first step, records the network as built.
/// All projections therefore see the rates of the same instant. Offline phases replace the loop with closed-form
/// decay and pruning and leave the network at rest. Pure: no I/O, no clock, no ambient randomness.
/// </summary>
public sealed class RateSimulator : ISimulation, ICoreStepper
{
    /// <summary>A rate beyond this magnitude is taken as runaway excitation and stops the run.</summary>
    public const double RunawayRate = 1e6;

    private readonly SimulationSpec _spec;
    private long _learningSteps;
    private DriveInput[] _activeInputs = [];

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
        var result = ProtocolRunner.Run(_spec, this, new RateRecorder(Network, _spec.Record, _spec.Clock, sink), progress, cancellation);
        if (_spec.Record.SaveWeights)
        {
            foreach (var projection in Network.Projections)
            {
                sink.Write(new WeightMatrixSample(projection.Name, projection.PostCount, projection.PreCount, projection.Weights));
            }
        }

        return result;
    }

    /// <inheritdoc />
    ModulatorState ICoreStepper.Modulators => Network.Modulators;

    /// <inheritdoc />
    void ICoreStepper.Set(ParameterSet set, long step)
    {
        Network.Populations.First(p => p.Name == set.Population).SetParameter(set.Parameter, set.Value);
    }

    /// <inheritdoc />
    void ICoreStepper.EnterPhase(PhaseSpec phase, long step)
    {
        IntrinsicActions.Apply(Network, phase);
        foreach (var storage in Network.Storages)
        {
            storage.EnterPhase(phase.Name); // stored first: pruning by rank in the same phase acts on the stored matrix
        }

        foreach (var pruning in Network.Prunings)
        {
            pruning?.EnterPhase(phase.Name); // pruning by rank, at the start of its phase
        }

        _activeInputs = Network.Inputs.Where(i => phase.Inputs.Contains(i.Name)).ToArray();
    }

    /// <inheritdoc />
    void ICoreStepper.Step(bool learning) => Step(_activeInputs, learning);

    /// <inheritdoc />
    IEnumerable<(string Projection, IStructuralCounts? Counts)> ICoreStepper.StructuralCounts() =>
        Network.Projections.Select((p, k) => (p.Name, (IStructuralCounts?)Network.Prunings[k]));

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

        var pools = learning ? Network.NeuronHeterosynaptics : [];
        foreach (var pool in pools)
        {
            pool.Snapshot();
        }

        for (int k = 0; k < Network.Projections.Count; k++)
        {
            Network.Projections[k].GatherPreRates();
            var heterosynaptic = learning ? Network.Heterosynaptics[k] : null;
            heterosynaptic?.Snapshot();
            Network.Rules[k].Advance(learning);
            heterosynaptic?.Apply();
            if (learning)
            {
                Network.Scalings[k]?.Apply();
            }
        }

        foreach (var pool in pools)
        {
            pool.Apply();
        }

        if (learning)
        {
            _learningSteps++;
            foreach (var pool in Network.NeuronNormalizations)
            {
                if (_learningSteps % pool.EverySteps == 0)
                {
                    pool.Apply();
                }
            }

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

    /// <inheritdoc />
    void ICoreStepper.FastForward(double durationMs, long stepAfter)
    {
        for (int k = 0; k < Network.Projections.Count; k++)
        {
            // Pruning first: it needs the trajectory from the weights at the interval's start.
            Network.Prunings[k]?.FastForward(durationMs, Network.Projections[k].Spec.Plasticity?.DecayTauMs);
            Network.Rules[k].FastForward(durationMs);
            Network.Prunings[k]?.RegrowAfterOffline(durationMs);
        }

        foreach (var population in Network.Populations)
        {
            population.Quiesce();
        }
    }

    /// <inheritdoc />
    void ICoreStepper.Check(long step)
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
