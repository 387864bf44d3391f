using Neurotag.Core.Specs;

namespace Neurotag.Core.Protocol;

/// <summary>
/// A core's recorder as <see cref="ProtocolRunner"/> drives it: phase boundaries, the sample at t = 0, the per-step
/// hook, the samples at the recording cadence and the weight samples.
/// </summary>
internal interface IRunRecorder
{
    /// <summary>Writes the phases.csv row of protocol entry <paramref name="instance"/> and resets the per-phase means.</summary>
    void BeginPhase(PhaseSpec phase, int instance, long startStep);

    /// <summary>The sample at t = 0, after the first phase's settings apply and before its first step.</summary>
    void SampleInitial(PhaseSpec firstPhase);

    /// <summary>Called after every online step (spike raster, sliding windows, state traces); may do nothing.</summary>
    void SampleStep(long step, PhaseSpec phase);

    /// <summary>Samples every series at global step <paramref name="step"/>.</summary>
    void Sample(long step, PhaseSpec phase);

    /// <summary>Whether weights are recorded at phase-relative step count <paramref name="stepsIntoPhase"/>.</summary>
    bool WeightsDue(long stepsIntoPhase);

    /// <summary>Writes the weight samples of the recorded projection.</summary>
    void SampleWeights(long step, PhaseSpec phase);

    /// <summary>Writes the per-phase summary rows of protocol entry <paramref name="instance"/>.</summary>
    void EndPhase(PhaseSpec phase, int instance);
}
