namespace Neurotag.Core.Rate.Recording;

/// <summary>
/// Retrieval quality of a stored tag, in the terms of associative-memory studies (Willshaw, Buneman &amp;
/// Longuet-Higgins 1969; Palm 1980): a neuron is active when its rate exceeds a threshold; <c>recall</c> is the
/// fraction of the tag's members that are active (hits), <c>spurious</c> the fraction of the other neurons of the
/// population that are active (false alarms). Perfect retrieval is recall 1 with spurious 0; an overloaded memory
/// completes the cue into a mixture of stored tags, which raises spurious while recall stays high.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>Fraction of <paramref name="tag"/>'s members with rate &gt; <paramref name="activeAbove"/>.</summary>
    public static double Recall(RateTag tag, double activeAbove)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Members.Length == 0)
        {
            return double.NaN;
        }

        int active = 0;
        foreach (int m in tag.Members)
        {
            if (tag.Population.Rate[m] > activeAbove)
            {
                active++;
            }
        }

        return (double)active / tag.Members.Length;
    }

    /// <summary>Fraction of the population's neurons outside <paramref name="tag"/> with rate &gt; <paramref name="activeAbove"/>; NaN when the tag is the whole population.</summary>
    public static double Spurious(RateTag tag, double activeAbove)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var rates = tag.Population.Rate;
        int outside = rates.Length - tag.Members.Length;
        if (outside == 0)
        {
            return double.NaN;
        }

        int active = 0;
        foreach (float r in rates)
        {
            if (r > activeAbove)
            {
                active++;
            }
        }

        foreach (int m in tag.Members)
        {
            if (rates[m] > activeAbove)
            {
                active--;
            }
        }

        return (double)active / outside;
    }

    /// <summary>
    /// m = (1/N)·Σ_i ξ_i r_i with ξ_i = +1 on <paramref name="tag"/>'s members and −1 on the rest of its population
    /// (Amit, Gutfreund &amp; Sompolinsky 1985): 1 when the state equals the ±1 pattern, −1 for its mirror image.
    /// </summary>
    public static double Overlap(RateTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var rates = tag.Population.Rate;
        double sum = 0;
        foreach (float r in rates)
        {
            sum -= r;
        }

        foreach (int m in tag.Members)
        {
            sum += 2.0 * rates[m];
        }

        return sum / rates.Length;
    }
}
