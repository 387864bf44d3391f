using System.Runtime.CompilerServices;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Protocol;

/// <summary>
/// Runs a protocol on either core: phases in order (repeats are already unrolled into protocol entries), the phase
/// start (<c>set:</c> actions, the core's own phase-start work, modulator levels), the sample at t = 0, online steps
/// with the recording cadence (every <see cref="RecordSpec.EverySteps"/> steps and at a phase's last step, checkers
/// at each sample), weight samples, offline phases in closed form, cancellation and progress every 1024 steps, and
/// the run result. The step cycle itself belongs to the core (<see cref="ICoreStepper"/>): the rate and spiking
/// cycles differ and stay separate. Pure: no I/O, no clock, no ambient randomness.
/// </summary>
internal static class ProtocolRunner
{
    /// <summary>Runs the whole protocol of <paramref name="spec"/> on <paramref name="core"/>.</summary>
    /// <exception cref="SimulationStoppedException">A checker stopped the run.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RunResult Run(SimulationSpec spec, ICoreStepper core, IRunRecorder recorder, IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        var modulators = core.Modulators;
        long step = 0;
        long done = 0;
        long total = spec.SimulatedSteps;
        long every = spec.Record.EverySteps;
        for (int instance = 0; instance < spec.Protocol.Count; instance++)
        {
            var phase = spec.Protocol[instance];
            cancellation.ThrowIfCancellationRequested();
            foreach (var set in phase.Sets)
            {
                core.Set(set, step);
            }

            core.EnterPhase(phase, step);
            modulators.EnterPhase(phase);
            recorder.BeginPhase(phase, instance, step);
            if (instance == 0)
            {
                recorder.SampleInitial(phase);
            }

            progress?.Report(new RunProgress(done, total, phase.Name, phase.Rep));
            if (phase.Offline)
            {
                double durationMs = phase.Steps * spec.Clock.DtMs;
                step += phase.Steps;
                // The core first: rules read the modulator levels at the interval's start to fast-forward in closed form.
                core.FastForward(durationMs, step);
                modulators.FastForward(durationMs);
                recorder.Sample(step, phase);
                recorder.SampleWeights(step, phase);
            }
            else
            {
                bool learning = phase.Plasticity;
                for (long s = 1; s <= phase.Steps; s++)
                {
                    core.Step(learning);
                    step++;
                    done++;
                    recorder.SampleStep(step, phase);
                    bool last = s == phase.Steps;
                    if (s % every == 0 || last)
                    {
                        core.Check(step);
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
        foreach (var (projection, counts) in core.StructuralCounts())
        {
            pruned[projection] = counts?.Pruned ?? 0;
            regrown[projection] = counts?.Regrown ?? 0;
        }

        return new RunResult(step, done, spec.Clock.TimeMs(step), pruned) { RegrownSynapses = regrown };
    }
}
