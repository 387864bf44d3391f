using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Drives;

/// <summary>
/// Builds the drive of each input spec: dispatch on <see cref="InputSpec.Kind"/>. Random streams, all derived from
/// the master seed by name: <c>input:NAME</c> picks the driven fraction (as before this class existed, so
/// <c>current</c> inputs draw the same neurons), <c>input:NAME:patterns</c> draws random patterns,
/// <c>input:NAME:order</c> shuffles a random presentation order, <c>input:NAME:noise</c> drives the OU processes.
/// </summary>
internal static class DriveFactory
{
    /// <summary>
    /// The drive of <paramref name="input"/>; <paramref name="resolve"/> maps a tag or population name to its
    /// population and members; <paramref name="spills"/> gives each imprecise tag's spill set (TagImprecision).
    /// </summary>
    public static DriveInput Create(InputSpec input, Func<string, bool, (RatePopulation Population, int[] Neurons)> resolve, IReadOnlyDictionary<string, int[]> spills, ulong seed, double dtMs) =>
        input.Kind switch
        {
            InputKind.Current => CreateCurrent(input, resolve, spills, seed),
            InputKind.Patterns => CreatePatterns(input, resolve, seed),
            InputKind.Gaussian => CreateGaussian(input, resolve, spills, seed, dtMs),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.Kind, "unknown input kind"),
        };

    /// <summary><c>round(fraction·n)</c> of <paramref name="neurons"/>, drawn without replacement from <paramref name="random"/> (sorted).</summary>
    public static int[] Subset(int[] neurons, double fraction, RandomSource random)
    {
        int count = (int)Math.Round(fraction * neurons.Length);
        var pick = new int[count];
        random.SampleWithoutReplacement(neurons.Length, pick);
        return pick.Select(k => neurons[k]).ToArray();
    }

    /// <summary>
    /// The driven neurons of a current or gaussian input: the fraction of the target's members, plus (imprecision)
    /// the same fraction of an imprecise tag's spill set, drawn from a stream of its own (<c>spill:NAME</c>) so the
    /// member draw does not change. Patterns inputs name their own neuron sets and get no spill.
    /// </summary>
    private static int[] Driven(InputSpec input, int[] neurons, IReadOnlyDictionary<string, int[]> spills, ulong seed)
    {
        var driven = Subset(neurons, input.Fraction, RandomSource.ForName(seed, "input:" + input.Name));
        return input.TargetIsTag && spills.TryGetValue(input.Target, out var spill)
            ? [.. driven, .. Subset(spill, input.Fraction, RandomSource.ForName(seed, "spill:" + input.Name))]
            : driven;
    }

    private static CurrentDrive CreateCurrent(InputSpec input, Func<string, bool, (RatePopulation, int[])> resolve, IReadOnlyDictionary<string, int[]> spills, ulong seed)
    {
        var (population, neurons) = resolve(input.Target, input.TargetIsTag);
        var driven = Driven(input, neurons, spills, seed);
        return new CurrentDrive(input.Name, population, driven, (float)input.Amplitude);
    }

    private static PatternsDrive CreatePatterns(InputSpec input, Func<string, bool, (RatePopulation, int[])> resolve, ulong seed)
    {
        var set = input.Patterns ?? throw new ArgumentException("a patterns input needs a pattern set", nameof(input));
        var (population, target) = resolve(input.Target, input.TargetIsTag);
        int[][] patterns;
        if (set.Tags.Count > 0)
        {
            patterns = set.Tags.Select(t => resolve(t, true).Item2).ToArray();
        }
        else
        {
            // Each random pattern is an independent draw of round(sparsity·n) target neurons.
            var random = RandomSource.ForName(seed, "input:" + input.Name + ":patterns");
            patterns = new int[set.RandomCount][];
            for (int k = 0; k < patterns.Length; k++)
            {
                patterns[k] = Subset(target, set.Sparsity, random);
            }
        }

        if (set.Bipolar)
        {
            // ±1: the cue is a fraction of the target's bits, the same for every pattern; the patterns stay whole.
            var bits = input.Fraction < 1.0 ? Subset(target, input.Fraction, RandomSource.ForName(seed, "input:" + input.Name)) : target;
            return new PatternsDrive(input.Name, population, patterns, (float)input.Amplitude, set.HoldSteps, set.Order, RandomSource.ForName(seed, "input:" + input.Name + ":order"), set.GapSteps)
            {
                BipolarBits = [.. bits.Order()],
            };
        }

        if (input.Fraction < 1.0)
        {
            var cue = RandomSource.ForName(seed, "input:" + input.Name);
            patterns = patterns.Select(p => Subset(p, input.Fraction, cue)).ToArray();
        }

        return new PatternsDrive(input.Name, population, patterns, (float)input.Amplitude, set.HoldSteps, set.Order, RandomSource.ForName(seed, "input:" + input.Name + ":order"), set.GapSteps, set.SinePeriodSteps);
    }

    private static GaussianDrive CreateGaussian(InputSpec input, Func<string, bool, (RatePopulation, int[])> resolve, IReadOnlyDictionary<string, int[]> spills, ulong seed, double dtMs)
    {
        var noise = input.Gaussian ?? throw new ArgumentException("a gaussian input needs its parameters", nameof(input));
        var (population, neurons) = resolve(input.Target, input.TargetIsTag);
        var driven = Driven(input, neurons, spills, seed);
        return new GaussianDrive(input.Name, population, driven, noise, dtMs, RandomSource.ForName(seed, "input:" + input.Name + ":noise"));
    }
}
