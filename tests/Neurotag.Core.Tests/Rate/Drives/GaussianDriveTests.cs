using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Drives;

/// <summary>
/// Statistics of the shared-factor Ornstein–Uhlenbeck drive against their closed forms. Tolerances come from the
/// sampling error of T = 200 000 steps with τ = 5 steps: the effective number of independent samples is about
/// T / (2τ) = 20 000, so a mean has standard error σ/√20 000 ≈ 0.007σ and a correlation ≈ 0.007; bounds are
/// 4–5 standard errors. (With per-neuron means over 8 channels, the shared factor limits the mean's error.)
/// </summary>
public class GaussianDriveTests
{
    private const int Steps = 200_000;
    private const int Channels = 8;

    private static (RateSimulator RateSimulator, DriveInput Drive) Build(double mean, double std, double correlation, double tauMs, ulong seed = 1)
    {
        var spec = new SpecBuilder()
            .Seed(seed)
            .Population("sensory", Channels)
            .Input("noise", "sensory", 0)
            .Phase("run", Steps, inputs: ["noise"])
            .Build();
        spec = spec with { Inputs = [spec.Inputs[0] with { Kind = InputKind.Gaussian, Gaussian = new GaussianDriveSpec(mean, std, correlation, tauMs) }] };
        var simulator = new RateSimulator(spec);
        return (simulator, simulator.Network.Inputs[0]);
    }

    /// <summary>The drive's values, [step, channel].</summary>
    private static double[,] Sample(double mean, double std, double correlation, double tauMs, ulong seed = 1)
    {
        var (simulator, drive) = Build(mean, std, correlation, tauMs, seed);
        var input = simulator.Network.Populations[0].Input;
        var x = new double[Steps, Channels];
        for (int t = 0; t < Steps; t++)
        {
            simulator.Step([drive], learning: false);
            for (int c = 0; c < Channels; c++)
            {
                x[t, c] = input[c];
            }
        }

        return x;
    }

    /// <summary>
    /// The one sample the three autocorrelation lags read (μ 0, σ 1, no shared factor, τ 5 ms, seed 1): built once per
    /// test process instead of once per lag. Read only.
    /// </summary>
    private static readonly Lazy<double[,]> UnitSample = new(() => Sample(mean: 0, std: 1, correlation: 0, tauMs: 5));

    private static double Mean(double[,] x, int c) => Enumerable.Range(0, Steps).Average(t => x[t, c]);

    private static double Covariance(double[,] x, int a, int b, int lag)
    {
        double ma = Mean(x, a), mb = Mean(x, b), sum = 0;
        for (int t = 0; t + lag < Steps; t++)
        {
            sum += (x[t, a] - ma) * (x[t + lag, b] - mb);
        }

        return sum / (Steps - lag);
    }

    [Fact]
    public void Stationary_MeanAndStd_MatchTheParameters_FromTheFirstStep()
    {
        var x = Sample(mean: 0.3, std: 0.5, correlation: 0.0, tauMs: 5);
        for (int c = 0; c < Channels; c++)
        {
            Assert.InRange(Mean(x, c), 0.3 - 0.02, 0.3 + 0.02);                   // ≈ 6 standard errors
            Assert.InRange(Math.Sqrt(Covariance(x, c, c, 0)), 0.5 * 0.97, 0.5 * 1.03);
        }

        // Started in the stationary distribution: the first-step values across many seeds have std σ, not 0.
        var first = Enumerable.Range(1, 400).SelectMany(seed =>
        {
            var (simulator, drive) = Build(0, 1, 0, 5, (ulong)seed);
            simulator.Step([drive], learning: false);
            return simulator.Network.Populations[0].Input.Select(v => (double)v);
        }).ToArray();
        double sd = Math.Sqrt(first.Average(v => v * v));
        Assert.InRange(sd, 0.95, 1.05); // 3 200 samples: standard error of σ ≈ 1.3 %
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    public void Autocorrelation_AtLagDelta_IsExpMinusDeltaOverTau(int lag)
    {
        const double Tau = 5; // ms, dt = 1 ms: the τ of UnitSample
        var x = UnitSample.Value;
        for (int c = 0; c < Channels; c++)
        {
            double rho = Covariance(x, c, c, lag) / Covariance(x, c, c, 0);
            Assert.InRange(rho, Math.Exp(-lag / Tau) - 0.03, Math.Exp(-lag / Tau) + 0.03);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.8)]
    public void PairwiseCorrelation_IsC(double c)
    {
        var x = Sample(mean: 1, std: 2, correlation: c, tauMs: 5);
        var rhos = new List<double>();
        for (int a = 0; a < Channels; a++)
        {
            for (int b = a + 1; b < Channels; b++)
            {
                rhos.Add(Covariance(x, a, b, 0) / Math.Sqrt(Covariance(x, a, a, 0) * Covariance(x, b, b, 0)));
            }
        }

        Assert.InRange(rhos.Average(), c - 0.03, c + 0.03);
        Assert.All(rhos, r => Assert.InRange(r, c - 0.06, c + 0.06));
    }

    [Fact]
    public void SameSeed_SameValues_OtherSeed_Differs()
    {
        var a = Sample(0, 1, 0.3, 5, seed: 9);
        var b = Sample(0, 1, 0.3, 5, seed: 9);
        var c = Sample(0, 1, 0.3, 5, seed: 10);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
