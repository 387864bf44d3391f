using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>The phases.csv row of a phase instance, sent by both recorders when the instance starts.</summary>
internal static class PhaseRows
{
    public static void Write(IRecordSink sink, Clock clock, PhaseSpec phase, int instance, long startStep) =>
        sink.Write(new PhaseSample(phase.Name, phase.Rep, instance, clock.TimeMs(startStep), clock.TimeMs(startStep + phase.Steps), phase.Offline, phase.Steps));
}
