using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Recording;

/// <summary>
/// Retrieval metrics (recall, spurious) and tag families. A family's members are recorded like any tag (rows
/// <c>memory.0</c> … in tags.csv); in addition every per-tag metric (activation, strength, recall, spurious) gets a
/// row named after the family holding the mean over its members. Pairs of one family are not compared: no coupling
/// between members of the same family (P² series for P members), and no ownership involving a family member (its
/// overlaps are chance overlaps, not declared shares).
/// </summary>
internal sealed partial class RateRecorder
{
    private static readonly TagMetric[] PerTagMetrics = [TagMetric.Activation, TagMetric.Strength, TagMetric.Recall, TagMetric.Spurious, TagMetric.Overlap];

    private static bool SameFamily(RateTag a, RateTag b) => a.Family is not null && a.Family == b.Family;

    private void AddRetrievalSeries(RateTag tag)
    {
        double activeAbove = _spec.ActiveAbove;
        if (_spec.TagMetrics.Contains(TagMetric.Recall))
        {
            _series.Add(new Series(SeriesKind.Tag, tag.Name, "recall", "", ValueUnit.Dimensionless, () => RetrievalMetrics.Recall(tag, activeAbove)));
        }

        // Spurious counts the population's neurons outside the tag: it does not apply to a tag that is the whole population.
        if (_spec.TagMetrics.Contains(TagMetric.Spurious) && tag.Members.Length < tag.Population.Size)
        {
            _series.Add(new Series(SeriesKind.Tag, tag.Name, "spurious", "", ValueUnit.Dimensionless, () => RetrievalMetrics.Spurious(tag, activeAbove)));
        }

        AddOverlapSeries(tag);
    }

    private void AddOverlapSeries(RateTag tag)
    {
        if (_spec.TagMetrics.Contains(TagMetric.Overlap))
        {
            _series.Add(new Series(SeriesKind.Tag, tag.Name, "overlap", "", ValueUnit.Dimensionless, () => RetrievalMetrics.Overlap(tag)));
        }
    }

    /// <summary>After every member series exists: one mean-over-members series per family and per-tag metric.</summary>
    private void AddFamilySeries()
    {
        foreach (var family in _network.Tags.Where(t => t.Family is not null).GroupBy(t => t.Family!))
        {
            var members = family.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var metric in PerTagMetrics.Where(_spec.TagMetrics.Contains))
            {
                string name = metric.ToString().ToLowerInvariant();
                var parts = _series.Where(s => s.Kind == SeriesKind.Tag && s.Metric == name && s.Other.Length == 0 && members.Contains(s.Name)).ToArray();
                if (parts.Length > 0)
                {
                    _series.Add(new Series(SeriesKind.Tag, family.Key, name, "", parts[0].Unit, () => parts.Average(p => p.Last)));
                }
            }
        }
    }
}
