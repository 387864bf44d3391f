using Neurotag.Core.Kernels;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// The rate core's competition and structural options on sparse weights, with the same semantics
/// (the rate core's <c>SynapticNormalization</c> and <c>Pruning</c>): multiplicative normalization of each postsynaptic
/// neuron's summed incoming weight (von der Malsburg 1973; Miller &amp; MacKay 1994), walking the column index; and
/// "use it or lose it" pruning (Chechik, Meilijson &amp; Ruppin 1998) with a per-synapse alive mask, consecutive online
/// checks, and the closed-form offline outcome shared with the dense implementation.
/// </summary>
internal sealed class SparseCompetition : IStructuralCounts
{
    private readonly SparseSynapses _syn;
    private readonly NormalizationSpec? _normalize;
    private readonly PruningSpec? _pruning;
    private readonly float _min;
    private readonly float _max;
    private readonly double _checkMs;
    private readonly int _checksToPrune;
    private readonly int[]? _belowCount;

    public SparseCompetition(SparseSynapses synapses, NormalizationSpec? normalize, PruningSpec? pruning, float wMin, float wMax, double dtMs)
    {
        _syn = synapses;
        _normalize = normalize;
        _pruning = pruning;
        _min = wMin;
        _max = wMax;
        if (pruning is not null)
        {
            _checkMs = pruning.CheckEverySteps * dtMs;
            _checksToPrune = (int)Math.Max(1, Math.Ceiling((pruning.ForMs / _checkMs) - 1e-9));
            Alive = new byte[synapses.Count];
            Array.Fill(Alive, (byte)1);
            _belowCount = new int[synapses.Count];
        }
    }

    /// <summary>Per-synapse mask (0 = pruned), or null without pruning.</summary>
    public byte[]? Alive { get; }

    /// <summary>Synapses removed so far.</summary>
    public long Pruned { get; private set; }

    /// <inheritdoc />
    public long Synapses => _syn.Count - Pruned;

    /// <summary>Always 0: regrowth is implemented on dense weights only (the compiler rejects it on spiking projections).</summary>
    public long Regrown => 0;

    /// <summary>Runs whatever is due after global learning step <paramref name="step"/> (1-based count of learning steps).</summary>
    public void AfterStep(long step)
    {
        if (_normalize is { } n && step % n.EverySteps == 0)
        {
            Normalize(n.Total);
        }

        if (_pruning is { } p && step % p.CheckEverySteps == 0)
        {
            CheckPruning((float)p.Below);
        }
    }

    /// <summary>Scales each postsynaptic neuron's incoming weights to sum to <paramref name="total"/>, then clips to the bounds.</summary>
    public void Normalize(double total)
    {
        var w = _syn.Weight;
        var colStart = _syn.ColStart;
        var colSynapse = _syn.ColSynapse;
        for (int i = 0; i < _syn.PostCount; i++)
        {
            // Sum in double in column order: deterministic and independent of SIMD.
            double sum = 0;
            for (int k = colStart[i]; k < colStart[i + 1]; k++)
            {
                sum += w[colSynapse[k]];
            }

            if (sum > 0)
            {
                float scale = (float)(total / sum);
                for (int k = colStart[i]; k < colStart[i + 1]; k++)
                {
                    int s = colSynapse[k];
                    if (Alive is null || Alive[s] != 0)
                    {
                        w[s] = Math.Clamp(w[s] * scale, _min, _max);
                    }
                }
            }
        }
    }

    /// <summary>One online pruning check: synapses below threshold for the required number of consecutive checks are removed.</summary>
    public void CheckPruning(float below)
    {
        var w = _syn.Weight;
        var alive = Alive!;
        var count = _belowCount!;
        for (int s = 0; s < w.Length; s++)
        {
            if (alive[s] == 0)
            {
                continue;
            }

            if (w[s] < below)
            {
                if (++count[s] >= _checksToPrune)
                {
                    Remove(s);
                }
            }
            else
            {
                count[s] = 0;
            }
        }
    }

    /// <summary>Offline interval: closed-form pruning outcome under passive decay toward <paramref name="rest"/> (call before decaying the weights).</summary>
    public void FastForward(double durationMs, double? decayTauMs, double rest)
    {
        if (_pruning is not { } p)
        {
            return;
        }

        var w = _syn.Weight;
        for (int s = 0; s < w.Length; s++)
        {
            if (Alive![s] == 0)
            {
                continue;
            }

            if (OfflinePruning.Outcome(w[s], rest, p.Below, decayTauMs, _belowCount![s] * _checkMs, durationMs, p.ForMs, out double belowAtEndMs))
            {
                Remove(s);
            }
            else
            {
                _belowCount![s] = (int)Math.Min(int.MaxValue, Math.Floor((belowAtEndMs / _checkMs) + 1e-9));
            }
        }
    }

    private void Remove(int s)
    {
        _syn.Weight[s] = 0f;
        Alive![s] = 0;
        _belowCount![s] = 0;
        Pruned++;
    }
}
