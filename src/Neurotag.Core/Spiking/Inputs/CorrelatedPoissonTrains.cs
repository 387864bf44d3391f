using Neurotag.Core.Randomness;

namespace Neurotag.Core.Spiking.Inputs;

/// <summary>
/// N Poisson spike trains of rate r with pairwise correlation c, by the mixture method (Kuhn, Aertsen &amp; Rotter 2003;
/// Brette 2009, "Generation of correlated spike trains", Neural Comput. 21): one shared parent train of rate r; each
/// channel copies each parent spike independently with probability p = √c, and adds its own independent spikes at
/// rate (1 − p)·r, so every channel keeps rate r. Two channels share a parent spike with probability p², so the
/// covariance of their counts is p²·r·T and the correlation coefficient is p² = c, for any counting window.
/// (Copying with probability c itself would give c²; p = 1 is Kuhn's SIP process, c = 0 plain independent trains.)
/// <para>
/// Drawn as inter-spike intervals in continuous time, never one random number per channel per step: the parent's
/// intervals are exponential with rate r; the copies of one parent spike are found by geometric skipping over the
/// channels (O(copies)); the independent spikes of all channels are one superposed Poisson process of rate
/// N·(1 − p)·r whose events pick a channel uniformly. A spike at time t belongs to step ⌊t/dt⌋; a channel emits at
/// most one spike per step (a second one in the same step is dropped, as with a Poisson neuron in a clocked
/// simulator; the rate loss is about r·dt, 0.15 % at 15 Hz and dt 0.1 ms). Deterministic given the two streams.
/// </para>
/// </summary>
public sealed class CorrelatedPoissonTrains : ISpikeTrains
{
    private readonly RandomSource _parentRandom;
    private readonly RandomSource _independentRandom;
    private readonly double _dtMs;
    private readonly double _copyProbability;
    private readonly double _logOneMinusP;
    private readonly long[] _lastStep;
    private readonly int[] _fired;
    private int _firedCount;
    private double _rateHz;
    private double _nextParentMs = double.PositiveInfinity;
    private double _nextIndependentMs = double.PositiveInfinity;

    /// <summary>Trains over <paramref name="channels"/> channels, silent until <see cref="Restart"/>.</summary>
    /// <param name="channels">Number of channels N.</param>
    /// <param name="correlation">Pairwise correlation c in [0, 1].</param>
    /// <param name="dtMs">Step in ms.</param>
    /// <param name="parentRandom">Stream of the shared parent train and of the copy decisions.</param>
    /// <param name="independentRandom">Stream of the independent spikes.</param>
    public CorrelatedPoissonTrains(int channels, double correlation, double dtMs, RandomSource parentRandom, RandomSource independentRandom)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channels);
        if (!(correlation >= 0 && correlation <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "must be in [0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dtMs);
        Channels = channels;
        Correlation = correlation;
        _dtMs = dtMs;
        _parentRandom = parentRandom ?? throw new ArgumentNullException(nameof(parentRandom));
        _independentRandom = independentRandom ?? throw new ArgumentNullException(nameof(independentRandom));
        _copyProbability = Math.Sqrt(correlation);
        _logOneMinusP = Math.Log(1 - _copyProbability); // −∞ at p = 1: every channel copies
        _lastStep = new long[channels];
        Array.Fill(_lastStep, -1);
        _fired = new int[channels];
    }

    /// <summary>Number of channels.</summary>
    public int Channels { get; }

    /// <summary>Pairwise correlation c.</summary>
    public double Correlation { get; }

    /// <summary>
    /// Sets the rate from the start of step <paramref name="firstStep"/> on (0 silences the trains). Pending events are
    /// redrawn: Poisson processes are memoryless, so this is exact.
    /// </summary>
    public void Restart(double rateHz, long firstStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rateHz);
        _rateHz = rateHz;
        double now = firstStep * _dtMs;
        double parentRate = rateHz;
        double independentRate = Channels * (1 - _copyProbability) * rateHz;
        _nextParentMs = parentRate > 0 && _copyProbability > 0 ? now + Exponential(_parentRandom, parentRate) : double.PositiveInfinity;
        _nextIndependentMs = independentRate > 0 ? now + Exponential(_independentRandom, independentRate) : double.PositiveInfinity;
    }

    /// <summary>The current rate in Hz.</summary>
    public double RateHz => _rateHz;

    /// <summary>Writes the channels that spike in step <paramref name="stepIndex"/>, increasing, into <paramref name="spikes"/>; returns their number.</summary>
    public int Emit(long stepIndex, Span<int> spikes)
    {
        var fired = Step(stepIndex);
        fired.CopyTo(spikes);
        spikes[..fired.Length].Sort();
        return fired.Length;
    }

    /// <summary>The channels that spike in step <paramref name="step"/> (steps must be visited in increasing order).</summary>
    public ReadOnlySpan<int> Step(long step)
    {
        _firedCount = 0;
        double end = (step + 1) * _dtMs;
        while (_nextParentMs < end)
        {
            CopyParentSpike(step);
            _nextParentMs += Exponential(_parentRandom, _rateHz);
        }

        double independentRate = Channels * (1 - _copyProbability) * _rateHz;
        while (_nextIndependentMs < end)
        {
            Emit(_independentRandom.NextInt(Channels), step);
            _nextIndependentMs += Exponential(_independentRandom, independentRate);
        }

        return _fired.AsSpan(0, _firedCount);
    }

    /// <summary>Each channel copies the parent spike with probability p: geometric skips between copying channels.</summary>
    private void CopyParentSpike(long step)
    {
        if (_copyProbability >= 1)
        {
            for (int k = 0; k < Channels; k++)
            {
                Emit(k, step);
            }

            return;
        }

        long channel = -1;
        while (true)
        {
            // Number of channels skipped before the next copy ~ Geometric(p): ⌊ln U / ln(1 − p)⌋, U in (0, 1].
            double u = 1.0 - _parentRandom.NextDouble();
            channel += 1 + (long)Math.Floor(Math.Log(u) / _logOneMinusP);
            if (channel >= Channels)
            {
                return;
            }

            Emit((int)channel, step);
        }
    }

    private void Emit(int channel, long step)
    {
        if (_lastStep[channel] != step)
        {
            _lastStep[channel] = step;
            _fired[_firedCount++] = channel;
        }
    }

    /// <summary>An exponential interval in ms for a rate in Hz (U in (0, 1], so the interval is finite).</summary>
    private static double Exponential(RandomSource random, double rateHz) => -Math.Log(1.0 - random.NextDouble()) * 1000.0 / rateHz;
}
