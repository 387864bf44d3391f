using System.Globalization;
using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Drives;

/// <summary>
/// <c>kind: gaussian</c>: correlated Ornstein–Uhlenbeck noise (Uhlenbeck &amp; Ornstein 1930), one channel per
/// driven neuron. Channel i receives <c>μ + σ·(√c·S + √(1 − c)·X_i)</c> with S (shared) and X_i (own) independent
/// unit OU processes of correlation time τ, so every channel has mean μ, standard deviation σ and autocorrelation
/// e^(−Δ/τ), and two channels have correlation c (the shared-factor construction; e.g. de la Rocha et al. 2007).
/// Each unit process is advanced with the exact update of Gillespie (1996), x ← a·x + √(1 − a²)·ξ with
/// a = e^(−dt/τ) and ξ ~ N(0, 1), and starts from its stationary distribution N(0, 1), so the statistics hold
/// from the first step. The processes are kept in double precision; their time runs only while the input is on.
/// </summary>
public sealed class GaussianDrive : DriveInput
{
    private readonly int[] _neurons;
    private readonly GaussianDriveSpec _spec;
    private readonly RandomSource _random;
    private readonly double _decay;
    private readonly double _kick;
    private readonly double _sharedWeight;
    private readonly double _ownWeight;
    private readonly double[] _own;
    private double _shared;

    /// <summary>Drives <paramref name="neurons"/> of <paramref name="population"/>; <paramref name="random"/> is the input's own stream.</summary>
    public GaussianDrive(string name, RatePopulation population, int[] neurons, GaussianDriveSpec spec, double dtMs, RandomSource random)
        : base(name, population)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        _neurons = neurons;
        _spec = spec;
        _random = random;
        _decay = Math.Exp(-dtMs / spec.TauMs);
        _kick = Math.Sqrt(1.0 - (_decay * _decay));
        _sharedWeight = spec.Std * Math.Sqrt(spec.Correlation);
        _ownWeight = spec.Std * Math.Sqrt(1.0 - spec.Correlation);
        _shared = random.NextNormal();
        _own = new double[neurons.Length];
        for (int i = 0; i < _own.Length; i++)
        {
            _own[i] = random.NextNormal();
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> Neurons => _neurons;

    /// <inheritdoc/>
    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"gaussian mean {_spec.Mean}, std {_spec.Std}, correlation {_spec.Correlation}, tau {_spec.TauMs} ms onto {_neurons.Length} neurons");

    /// <inheritdoc/>
    protected override void AddTo(float[] input, long driveStep)
    {
        double common = _spec.Mean + (_sharedWeight * _shared);
        for (int i = 0; i < _neurons.Length; i++)
        {
            input[_neurons[i]] += (float)(common + (_ownWeight * _own[i]));
            _own[i] = (_decay * _own[i]) + (_kick * _random.NextNormal());
        }

        _shared = (_decay * _shared) + (_kick * _random.NextNormal());
    }
}
