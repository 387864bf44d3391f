using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tags;

/// <summary>
/// Draws tag membership deterministically from the seed. Explicit ranges are placed first; then tags in an order
/// where every shared tag precedes the tags sharing it (file order otherwise). A tag's shared members are drawn
/// uniformly from the shared tag's members; its other members from neurons that belong to no tag placed so far.
/// So a tag's exclusive members never overlap another tag by accident; overlaps come only from <c>shares</c>, and
/// they chain: if bend shares pain and safe shares bend, safe's neurons taken from bend may include bend's pain
/// neurons (as in the contract's pain/bend/safe example). Members of a tag family (<c>count:</c>) are drawn last,
/// each from its own stream, uniformly from the whole population: independent of each other and of the other tags.
/// </summary>
public static class TagMembership
{
    /// <summary>Every tag's members (sorted population indices) by tag name, for populations of the given sizes (rate or spiking).</summary>
    /// <exception cref="InvalidOperationException">When shares are cyclic or there are too few free neurons (the validator rules both out).</exception>
    public static Dictionary<string, int[]> DrawMembers(IReadOnlyList<TagSpec> tags, IReadOnlyDictionary<string, int> populationSizes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(populationSizes);
        var placed = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var used = populationSizes.ToDictionary(p => p.Key, p => new bool[p.Value], StringComparer.Ordinal);

        foreach (var spec in tags.Where(t => t.Range is not null))
        {
            var range = spec.Range!.Value;
            var members = Enumerable.Range(range.First, range.Count).ToArray();
            foreach (int m in members)
            {
                used[spec.Population][m] = true;
            }

            placed[spec.Name] = members;
        }

        foreach (var spec in OrderByShares(tags.Where(t => t.Range is null && t.Family is null).ToList()))
        {
            var rng = RandomSource.ForName(seed, "tag:" + spec.Name);
            var taken = new HashSet<int>();
            foreach (var share in spec.Shares)
            {
                var pool = placed[share.Tag].Where(m => !taken.Contains(m)).ToArray();
                if (pool.Length < share.Count)
                {
                    throw new InvalidOperationException($"tag '{spec.Name}' cannot take {share.Count} members of '{share.Tag}'");
                }

                Span<int> pick = new int[share.Count];
                rng.SampleWithoutReplacement(pool.Length, pick);
                foreach (int k in pick)
                {
                    taken.Add(pool[k]);
                }
            }

            var free = used[spec.Population];
            var freePool = Enumerable.Range(0, free.Length).Where(i => !free[i] && !taken.Contains(i)).ToArray();
            int rest = spec.Size - taken.Count;
            if (freePool.Length < rest)
            {
                throw new InvalidOperationException($"tag '{spec.Name}' needs {rest} free neurons, {freePool.Length} left");
            }

            Span<int> restPick = new int[rest];
            rng.SampleWithoutReplacement(freePool.Length, restPick);
            foreach (int k in restPick)
            {
                taken.Add(freePool[k]);
            }

            var sorted = taken.Order().ToArray();
            foreach (int m in sorted)
            {
                free[m] = true;
            }

            placed[spec.Name] = sorted;
        }

        foreach (var spec in tags.Where(t => t.Family is not null))
        {
            placed[spec.Name] = DrawIndependent(spec, populationSizes[spec.Population], seed);
        }

        return placed;
    }

    /// <summary>A family member: <c>Size</c> distinct neurons uniformly from the whole population, from stream <c>tag:NAME</c>.</summary>
    public static int[] DrawIndependent(TagSpec spec, int populationSize, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var pick = new int[spec.Size];
        RandomSource.ForName(seed, "tag:" + spec.Name).SampleWithoutReplacement(populationSize, pick);
        Array.Sort(pick);
        return pick;
    }

    /// <summary>Tags whose shares are satisfied first; stable in file order (a topological sort, Kahn 1962).</summary>
    /// <exception cref="InvalidOperationException">When shares form a cycle.</exception>
    public static List<TagSpec> OrderByShares(IReadOnlyList<TagSpec> tags)
    {
        var ordered = new List<TagSpec>(tags.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var drawn = tags.Select(t => t.Name).ToHashSet(StringComparer.Ordinal); // others are explicit ranges, already placed
        var pending = new List<TagSpec>(tags);
        while (pending.Count > 0)
        {
            int index = pending.FindIndex(t => t.Shares.All(s => done.Contains(s.Tag) || !drawn.Contains(s.Tag)));
            if (index < 0)
            {
                throw new InvalidOperationException("tag shares form a cycle: " + string.Join(", ", pending.Select(p => p.Name)));
            }

            var next = pending[index];
            pending.RemoveAt(index);
            ordered.Add(next);
            done.Add(next.Name);
        }

        return ordered;
    }
}
