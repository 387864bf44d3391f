using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// The explicit ranges of one population, sorted by first and by last neuron with running sums of their names'
/// lengths, so that the ranges intersecting one are counted by two binary searches (no pair is listed).
/// </summary>
internal sealed class RangeIndex
{
    private readonly int[] _firsts;
    private readonly double[] _namesByFirst;
    private readonly int[] _lasts;
    private readonly double[] _namesByLast;

    public RangeIndex(IEnumerable<TagSpec> tags)
    {
        var all = tags.ToArray();
        var byFirst = all.OrderBy(t => t.Range!.Value.First).ToArray();
        var byLast = all.OrderBy(t => t.Range!.Value.Last).ToArray();
        _firsts = byFirst.Select(t => t.Range!.Value.First).ToArray();
        _lasts = byLast.Select(t => t.Range!.Value.Last).ToArray();
        _namesByFirst = RunningSums(byFirst);
        _namesByLast = RunningSums(byLast);
    }

    /// <summary>Ranges that share a neuron with <paramref name="range"/> (itself included if it is one): those starting at or before its last neuron, less those ending before its first.</summary>
    public (double Count, double Names) Intersecting(IndexRange range)
    {
        int startBefore = CountAtMost(_firsts, range.Last);
        int endBefore = CountAtMost(_lasts, range.First - 1);
        return (startBefore - endBefore, _namesByFirst[startBefore] - _namesByLast[endBefore]);
    }

    private static double[] RunningSums(TagSpec[] tags)
    {
        var sums = new double[tags.Length + 1];
        for (int k = 0; k < tags.Length; k++)
        {
            sums[k + 1] = sums[k] + tags[k].Name.Length;
        }

        return sums;
    }

    /// <summary>How many of the sorted <paramref name="values"/> are at most <paramref name="bound"/>.</summary>
    private static int CountAtMost(int[] values, int bound)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (values[mid] <= bound)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
