namespace Neurotag.Plotting.Data;

/// <summary>
/// Rebuilds the phase timeline of a run folder written before runs wrote phases.csv: from the scenario's protocol
/// when the scenario file is at hand (exact), else from the phase and rep columns of the sample files (each run of
/// equal labels is one instance, ending at its last sample; an instance is taken as offline when it is a repeat
/// block's gap or holds a single sample an hour or more after the previous one). Delete once every run folder in use
/// has phases.csv.
/// </summary>
internal static class LegacyPhaseTimeline
{
    private const double OfflineGuessMs = 3_600_000;

    /// <summary>The timeline of a compiled protocol: each entry's steps × dt, in order.</summary>
    public static PhaseTimeline FromProtocol(IReadOnlyList<(string Name, int Rep, long Steps, bool Offline)> protocol, double dtMs)
    {
        var list = new List<PhaseInstance>(protocol.Count);
        long step = 0;
        foreach (var (name, rep, steps, offline) in protocol)
        {
            list.Add(new PhaseInstance(list.Count, name, rep, step * dtMs, (step + steps) * dtMs, offline));
            step += steps;
        }

        return new PhaseTimeline(list, "scenario");
    }

    /// <summary>The timeline implied by labelled samples (time, phase, rep), given in time order.</summary>
    public static PhaseTimeline FromSamples(IEnumerable<(double TimeMs, string Phase, int Rep)> samples)
    {
        var runs = new List<(string Phase, int Rep, double Last, int Count)>();
        foreach (var (t, phase, rep) in samples)
        {
            if (runs.Count > 0 && runs[^1].Phase == phase && runs[^1].Rep == rep)
            {
                // Count sample times, not rows: every series writes a row at each sample time.
                runs[^1] = (phase, rep, Math.Max(runs[^1].Last, t), runs[^1].Count + (t > runs[^1].Last ? 1 : 0));
            }
            else
            {
                runs.Add((phase, rep, t, 1));
            }
        }

        var list = new List<PhaseInstance>(runs.Count);
        double start = 0;
        foreach (var (phase, rep, last, count) in runs)
        {
            bool offline = phase.EndsWith(".gap", StringComparison.Ordinal) || (count == 1 && last - start >= OfflineGuessMs);
            list.Add(new PhaseInstance(list.Count, phase, rep, start, last, offline));
            start = last;
        }

        return new PhaseTimeline(list, "samples");
    }
}
