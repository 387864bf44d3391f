using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>
/// Imprecision of a tag's drive ("neighbouring neurons join the tag"): the population is treated as a ring (a
/// topographic map, e.g. somatotopy), and the k = round(imprecision·|tag|) non-members nearest to any member receive
/// the tag's inputs too. Nearest by ring distance to the closest member; ties are broken by a draw from the stream
/// <c>imprecision:TAG</c>, so the spill set depends only on the seed, the tag and its membership.
/// </summary>
public static class TagImprecision
{
    /// <summary>The spill set of a tag with members <paramref name="members"/> in a population of <paramref name="size"/>.</summary>
    public static int[] Spill(int[] members, int size, double imprecision, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(random);
        int k = (int)Math.Round(imprecision * members.Length, MidpointRounding.AwayFromZero);
        if (k == 0)
        {
            return [];
        }

        // Multi-source breadth-first distance on the ring from every member (O(size)).
        var distance = new int[size];
        Array.Fill(distance, int.MaxValue);
        var queue = new Queue<int>();
        foreach (int m in members)
        {
            distance[m] = 0;
            queue.Enqueue(m);
        }

        while (queue.Count > 0)
        {
            int n = queue.Dequeue();
            foreach (int next in new[] { (n + 1) % size, (n + size - 1) % size })
            {
                if (distance[next] == int.MaxValue)
                {
                    distance[next] = distance[n] + 1;
                    queue.Enqueue(next);
                }
            }
        }

        var candidates = Enumerable.Range(0, size)
            .Where(n => distance[n] > 0)
            .Select(n => (Neuron: n, Distance: distance[n], Tie: random.NextDouble()))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Tie)
            .ThenBy(c => c.Neuron)
            .Take(k)
            .Select(c => c.Neuron)
            .Order()
            .ToArray();
        if (candidates.Length < k)
        {
            throw new InvalidOperationException($"imprecision needs {k} non-members, {candidates.Length} exist");
        }

        return candidates;
    }

    /// <summary>The tags with their spill sets drawn (tags without imprecision unchanged).</summary>
    internal static IReadOnlyList<RateTag> Apply(IReadOnlyList<RateTag> tags, IReadOnlyList<TagSpec> specs, ulong seed) =>
        tags.Select((t, i) => specs[i].Imprecision > 0
            ? t with { Spill = Spill(t.Members, t.Population.Size, specs[i].Imprecision, RandomSource.ForName(seed, "imprecision:" + t.Name)) }
            : t).ToList();
}
