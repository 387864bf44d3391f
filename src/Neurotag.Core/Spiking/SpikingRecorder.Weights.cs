using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>The weight side of <see cref="SpikingRecorder"/>: weight blocks between tags and histograms of the recorded projection.</summary>
internal sealed partial class SpikingRecorder
{
    /// <summary>Whether weights are recorded at phase-relative step count <paramref name="stepsIntoPhase"/>.</summary>
    public bool WeightsDue(long stepsIntoPhase) => _spec.Weights is { } w && stepsIntoPhase % w.EverySteps == 0;

    /// <summary>Writes weight-block statistics and the histogram of the recorded projection, and adds them to the phase's weight summary.</summary>
    public void SampleWeights(long step, PhaseSpec phase)
    {
        foreach (var (p, _, _, summary) in _weightProjections)
        {
            summary.Add(p.Weight, ExistingMask(p), p.Spec.Weight.Min, p.Spec.Weight.Max);
        }

        WriteWeights(step, phase);
    }

    /// <summary>Writes weight-block statistics and the histogram of the recorded projection.</summary>
    private void WriteWeights(long step, PhaseSpec phase)
    {
        if (_spec.Weights is not { } spec)
        {
            return;
        }

        double t = _clock.TimeMs(step);
        foreach (var (p, weightFrom, weightTo, _) in _weightProjections)
        {
            WriteWeights(t, phase, p, weightFrom, weightTo, spec.HistogramBins);
        }
    }

    /// <summary>Writes the blocks and histogram of one recorded projection.</summary>
    private void WriteWeights(double t, PhaseSpec phase, SparseProjection p, List<(string Name, bool[] Members)> weightFrom, List<(string Name, bool[] Members)> weightTo, int bins)
    {
        WriteBlock(t, phase, p, "*", null, "*", null);
        foreach (var (fromName, fromMembers) in weightFrom)
        {
            foreach (var (toName, toMembers) in weightTo)
            {
                WriteBlock(t, phase, p, fromName, fromMembers, toName, toMembers);
            }
        }

        if (bins > 0)
        {
            var histogram = new WeightHistogram(p.Spec.Weight.Min, p.Spec.Weight.Max, bins);
            for (int s = 0; s < p.Count; s++)
            {
                if (p.Exists(s))
                {
                    histogram.Add(p.Weight[s]);
                }
            }

            histogram.Write(_sink, t, phase, p.Name);
        }
    }

    /// <summary>The WeightSummary mask of existing synapses (1/0), or empty when the projection prunes nothing.</summary>
    private float[] ExistingMask(SparseProjection p)
    {
        if (p.Alive is not { } alive)
        {
            return [];
        }

        if (_existingMask is null || _existingMask.Length != alive.Length)
        {
            _existingMask = new float[alive.Length];
        }

        for (int s = 0; s < alive.Length; s++)
        {
            _existingMask[s] = alive[s];
        }

        return _existingMask;
    }

    /// <summary>Mean, std, min, max and count of the existing synapses from <paramref name="from"/> to <paramref name="to"/> (null: every neuron).</summary>
    private void WriteBlock(double t, PhaseSpec phase, SparseProjection p, string fromName, bool[]? from, string toName, bool[]? to)
    {
        var block = new WeightBlockStatistics();
        for (int s = 0; s < p.Count; s++)
        {
            if ((from is not null && !from[p.Pre[s]]) || (to is not null && !to[p.Post[s]]) || !p.Exists(s))
            {
                continue;
            }

            block.Add(p.Weight[s]);
        }

        if (block.ToSample(t, phase, p.Name, fromName, toName, SynapticUnit(p.PostPopulation)) is { } sample)
        {
            _sink.Write(sample);
        }
    }
}
