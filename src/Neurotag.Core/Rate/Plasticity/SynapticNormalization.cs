using System.Numerics.Tensors;
using Neurotag.Core.Kernels;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Competition for shared neurons by multiplicative synaptic normalization (von der Malsburg 1973; Miller &amp;
/// MacKay 1994): every <c>every</c> steps a summed weight is rescaled to a fixed total. <c>per: post</c> conserves
/// each postsynaptic neuron's incoming total (inputs compete for a neuron); <c>per: pre</c> each presynaptic neuron's
/// outgoing total (targets compete for a neuron's output); <c>per: both</c> alternates the two (Sinkhorn 1964;
/// Sinkhorn &amp; Knopp 1967), ending with a post pass. Weights are clipped to their bounds after scaling, so a total
/// is exact unless a bound binds. Absent and pruned synapses stay exactly 0.
/// </summary>
internal sealed class SynapticNormalization
{
    /// <summary>Relative tolerance on the pre (column) sums at which <c>per: both</c> stops iterating early.</summary>
    public const double BothTolerance = 1e-5;

    private readonly DenseProjection _projection;
    private readonly NormalizationSpec _spec;
    private readonly double[] _columnSums;
    private readonly float[] _columnFactors;

    public SynapticNormalization(DenseProjection projection, NormalizationSpec spec)
    {
        _projection = projection;
        _spec = spec;
        _columnSums = spec.Per == NormalizePer.Post ? [] : new double[projection.PreCount];
        _columnFactors = spec.Per == NormalizePer.Post ? [] : new float[projection.PreCount];

        // Every pre's outgoing total. For `both`, Σ rows = Σ columns forces the column target total·N_post/N_pre
        // (the same mean weight per synapse; equal to total for a square projection).
        PreTotal = spec.Per == NormalizePer.Both ? spec.Total * projection.PostCount / projection.PreCount : spec.Total;
    }

    public long EverySteps => _spec.EverySteps;

    /// <summary>The total each presynaptic neuron's outgoing weights are scaled to (pre and both).</summary>
    public double PreTotal { get; }

    /// <summary>Rounds of the last <c>per: both</c> event (for tests and documentation).</summary>
    public int LastIterations { get; private set; }

    public void Apply()
    {
        switch (_spec.Per)
        {
            case NormalizePer.Post:
                ScaleRows();
                break;
            case NormalizePer.Pre:
                ScaleColumns();
                break;
            case NormalizePer.Both:
                // Sinkhorn–Knopp: each round fixes the columns, then the rows. Converges linearly when the mask has
                // total support; events come every few ms, so each starts close to the fixed point and a few
                // rounds suffice. A fixed cap keeps the cost bounded and the result deterministic.
                int round = 0;
                while (round < _spec.Iterations)
                {
                    round++;
                    ScaleColumns();
                    ScaleRows();
                    if (MaxColumnError() <= BothTolerance)
                    {
                        break;
                    }
                }

                LastIterations = round;
                break;
            default:
                throw new InvalidOperationException($"unknown normalization side {_spec.Per}");
        }
    }

    private void ScaleRows()
    {
        var projection = _projection;
        float total = (float)_spec.Total;
        float min = (float)projection.Spec.Weight.Min;
        float max = (float)projection.Spec.Weight.Max;
        for (int j = 0; j < projection.PostCount; j++)
        {
            var row = projection.Row(j);
            float sum = VectorKernels.Sum(row);
            if (sum > 0f)
            {
                TensorPrimitives.Multiply(row, total / sum, row);
                ClampAndMask(row, projection.MaskRow(j), min, max);
            }
        }
    }

    private void ScaleColumns()
    {
        var projection = _projection;
        float min = (float)projection.Spec.Weight.Min;
        float max = (float)projection.Spec.Weight.Max;
        ColumnSums();
        for (int i = 0; i < _columnFactors.Length; i++)
        {
            // Columns with sum 0 are left alone (factor 1), like empty rows.
            _columnFactors[i] = _columnSums[i] > 0 ? (float)(PreTotal / _columnSums[i]) : 1f;
        }

        for (int j = 0; j < projection.PostCount; j++)
        {
            var row = projection.Row(j);
            TensorPrimitives.Multiply(row, _columnFactors, row);
            ClampAndMask(row, projection.MaskRow(j), min, max);
        }
    }

    /// <summary>Per presynaptic neuron, its summed outgoing weight, accumulated in double in row order (deterministic).</summary>
    private void ColumnSums()
    {
        Array.Clear(_columnSums);
        for (int j = 0; j < _projection.PostCount; j++)
        {
            var row = _projection.Row(j);
            for (int i = 0; i < row.Length; i++)
            {
                _columnSums[i] += row[i];
            }
        }
    }

    private double MaxColumnError()
    {
        ColumnSums();
        double worst = 0;
        foreach (double sum in _columnSums)
        {
            if (sum > 0)
            {
                worst = Math.Max(worst, Math.Abs(sum - PreTotal) / PreTotal);
            }
        }

        return worst;
    }

    private static void ClampAndMask(Span<float> row, ReadOnlySpan<float> mask, float min, float max)
    {
        TensorPrimitives.Clamp(row, min, max, row);
        if (!mask.IsEmpty)
        {
            // The clamp lifts absent (and pruned) synapses to a positive min: they must stay exactly 0.
            TensorPrimitives.Multiply(row, mask, row);
        }
    }
}
