using System.Globalization;
using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Drives;

/// <summary>
/// <c>kind: patterns</c>: a set of patterns shown one at a time, as in the classic selectivity and memory-storage
/// experiments (Bienenstock, Cooper &amp; Munro 1982; Hopfield 1982). Presentation k covers the drive's own steps
/// [k·hold, (k + 1)·hold) and adds the amplitude to exactly the neurons of one pattern. Order <c>cycle</c> shows
/// pattern k mod P; order <c>random</c> shows every pattern once per block of P presentations, in an order
/// shuffled (Fisher–Yates) from the input's stream, so each pattern gets the same share of time. With a gap, each
/// presentation is followed by that many blank steps (an inter-stimulus interval): presentation k then covers
/// [k·(hold + gap), k·(hold + gap) + hold), so rates of one pattern can decay before the next begins.
/// </summary>
public sealed class PatternsDrive : DriveInput
{
    private readonly int[][] _patterns;
    private readonly long _holdSteps;
    private readonly long _gapSteps;
    private readonly PatternOrder _order;
    private readonly RandomSource _orderRandom;
    private readonly int[] _block;
    private readonly int[] _neurons;
    private long _presentation = -1;
    private int _shown;

    /// <summary>Shows <paramref name="patterns"/> (population indices) with <paramref name="amplitude"/>, each for <paramref name="holdSteps"/> steps.</summary>
    public PatternsDrive(string name, RatePopulation population, int[][] patterns, float amplitude, long holdSteps, PatternOrder order, RandomSource orderRandom, long gapSteps = 0, double sinePeriodSteps = 0)
        : base(name, population)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sinePeriodSteps);
        SinePeriodSteps = sinePeriodSteps;
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(orderRandom);
        ArgumentOutOfRangeException.ThrowIfLessThan(patterns.Length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(holdSteps, 1);
        _patterns = patterns;
        Amplitude = amplitude;
        _holdSteps = holdSteps;
        ArgumentOutOfRangeException.ThrowIfNegative(gapSteps);
        _gapSteps = gapSteps;
        _order = order;
        _orderRandom = orderRandom;
        _block = new int[patterns.Length];
        _neurons = [.. patterns.SelectMany(p => p).Distinct().Order()];
    }

    /// <summary>
    /// ±1 patterns only: the target neurons driven (sorted), each by +amplitude when in the shown pattern and
    /// −amplitude when not (Hopfield 1982); null for 0/1 patterns.
    /// </summary>
    internal int[]? BipolarBits { get; init; }

    private bool[]? _member;

    /// <inheritdoc/>
    public override IReadOnlyList<int> Neurons => BipolarBits ?? (IReadOnlyList<int>)_neurons;

    /// <summary>The patterns (population indices of each).</summary>
    public IReadOnlyList<int[]> Patterns => _patterns;

    /// <summary>Added input on the shown pattern's neurons.</summary>
    public float Amplitude { get; }

    /// <summary>Period in steps of the sinusoidal modulation amplitude·(1 + sin(2π·k/period)), or 0 for a constant amplitude.</summary>
    public double SinePeriodSteps { get; }

    /// <summary>Index of the pattern shown at the last applied step (−1 before the first and during a gap).</summary>
    public int CurrentPattern { get; private set; } = -1;

    /// <inheritdoc/>
    public override string Describe()
    {
        int min = _patterns.Min(p => p.Length), max = _patterns.Max(p => p.Length);
        string sizes = min == max ? min.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{min}–{max}");
        return string.Create(CultureInfo.InvariantCulture, $"patterns ({_patterns.Length} × {sizes} neurons, amplitude {Amplitude}, {_order.ToString().ToLowerInvariant()} order, {_holdSteps} steps each{(_gapSteps > 0 ? string.Create(CultureInfo.InvariantCulture, $" + {_gapSteps} blank") : "")}{(SinePeriodSteps > 0 ? string.Create(CultureInfo.InvariantCulture, $", × (1 + sin) with period {SinePeriodSteps} steps") : "")})");
    }

    /// <inheritdoc/>
    protected override void AddTo(float[] input, long driveStep)
    {
        long period = _holdSteps + _gapSteps;
        long presentation = driveStep / period;
        if (presentation != _presentation)
        {
            _presentation = presentation;
            _shown = Choose(presentation);
        }

        if (driveStep % period >= _holdSteps)
        {
            CurrentPattern = -1; // inter-stimulus gap: no drive
            return;
        }

        CurrentPattern = _shown;

        // Tetzlaff et al. (2015, Sci Rep 5:12866) drive the stimulated units with 100·(sin(0.1·n) + 1) at time step n:
        // an oscillation around the mean amplitude, phase-locked across the pattern's neurons, in the drive's own time.
        float amplitude = SinePeriodSteps > 0
            ? (float)(Amplitude * (1.0 + Math.Sin(2.0 * Math.PI * driveStep / SinePeriodSteps)))
            : Amplitude;
        if (BipolarBits is { } bits)
        {
            _member ??= new bool[Population.Size];
            Array.Clear(_member);
            foreach (int n in _patterns[CurrentPattern])
            {
                _member[n] = true;
            }

            foreach (int n in bits)
            {
                input[n] += _member[n] ? amplitude : -amplitude;
            }

            return;
        }

        foreach (int n in _patterns[CurrentPattern])
        {
            input[n] += amplitude;
        }
    }

    private int Choose(long presentation)
    {
        int count = _patterns.Length;
        int inBlock = (int)(presentation % count);
        if (_order == PatternOrder.Cycle)
        {
            return inBlock;
        }

        if (inBlock == 0)
        {
            for (int i = 0; i < count; i++)
            {
                _block[i] = i;
            }

            for (int i = count - 1; i > 0; i--)
            {
                int j = _orderRandom.NextInt(i + 1);
                (_block[i], _block[j]) = (_block[j], _block[i]);
            }
        }

        return _block[inBlock];
    }
}
