using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate;

/// <summary>
/// τ dr/dt = −r + f(gain·(I − θ)) with constant I has the solution r(t) = r∞ + (r0 − r∞)·e^{−t/τ}, r∞ = f(gain·(I − θ)).
/// The exponential Euler scheme is exact for constant input, so the only error is float32 rounding: the factor
/// e^{−dt/τ} is rounded once (relative error ≤ 2^-24, amplified to ≤ n·2^-24·e^{−n dt/τ}, ≤ 0.4·(τ/dt)·2^-24) and each
/// step rounds r (≤ 2·2^-24·|r∞| per step, damped geometrically, so ≤ 2·(τ/dt)·2^-24·|r∞| in total). With τ/dt = 10
/// both are below 2e-6·|r∞|; the tolerance is 1e-5·|r∞|.
/// </summary>
public sealed class RateRelaxationTests
{
    private const double TauMs = 10;
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    [InlineData(25.0)]
    public void LinearRate_UnderConstantInput_RelaxesExponentiallyToTheInput(double input)
    {
        var (_, sink) = new SpecBuilder()
            .Population("p", 1, tauMs: TauMs, activation: Activation.Linear)
            .TagRange("t", "p", 0, 0)
            .Input("drive", "p", input)
            .Phase("on", 60, inputs: ["drive"])
            .Record(1, [TagMetric.Activation])
            .Run();

        foreach (double t in new[] { 1.0, 5.0, 10.0, 20.0, 60.0 })
        {
            double expected = input * (1 - Math.Exp(-t / TauMs));
            AssertClose(expected, TagActivation(sink, t), Math.Abs(input), t);
        }
    }

    [Fact]
    public void LinearRate_WhenTheInputIsSwitchedOff_DecaysFromWhereItWas()
    {
        const double input = 2.0;
        var (_, sink) = new SpecBuilder()
            .Population("p", 1, tauMs: TauMs)
            .TagRange("t", "p", 0, 0)
            .Input("drive", "p", input)
            .Phase("on", 15, inputs: ["drive"])
            .Phase("off", 30)
            .Record(1, [TagMetric.Activation])
            .Run();

        double atSwitch = input * (1 - Math.Exp(-15 / TauMs));
        foreach (double t in new[] { 16.0, 20.0, 25.0, 45.0 })
        {
            // r0 = r(15 ms), r∞ = 0.
            double expected = atSwitch * Math.Exp(-(t - 15) / TauMs);
            AssertClose(expected, TagActivation(sink, t), input, t);
        }
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.5)]
    [InlineData(4.0, 0.25, 1.0)]
    [InlineData(0.5, 1.0, -2.0)]
    public void SigmoidRate_UnderConstantInput_RelaxesToTheLogisticOfGainTimesInputMinusThreshold(double gain, double threshold, double input)
    {
        var (_, sink) = new SpecBuilder()
            .Population("p", 3, tauMs: TauMs, activation: Activation.Sigmoid, gain: gain, threshold: threshold)
            .Input("drive", "p", input)
            .Phase("on", 60, inputs: ["drive"])
            .Record(1, populationRate: true)
            .Run();

        double steady = 1 / (1 + Math.Exp(-gain * (input - threshold)));
        foreach (double t in new[] { 1.0, 5.0, 10.0, 20.0, 60.0 })
        {
            double expected = steady * (1 - Math.Exp(-t / TauMs));
            var sample = Assert.Single(sink.Populations, s => s.TimeMs == t && s.Metric == "rate");
            AssertClose(expected, sample.Value, steady, t);
        }
    }

    [Theory]
    [InlineData(Activation.Relu, 1.5, 0.2, 1.0)]
    [InlineData(Activation.Relu, 1.5, 0.2, -1.0)]
    [InlineData(Activation.Tanh, 0.8, -0.5, 1.0)]
    [InlineData(Activation.Tanh, 2.0, 0.5, -1.0)]
    public void Rate_WithReluOrTanh_RelaxesToTheTransferOfGainTimesInputMinusThreshold(Activation activation, double gain, double threshold, double input)
    {
        var (_, sink) = new SpecBuilder()
            .Population("p", 1, tauMs: TauMs, activation: activation, gain: gain, threshold: threshold)
            .Input("drive", "p", input)
            .Phase("on", 30, inputs: ["drive"])
            .Record(10, populationRate: true)
            .Run();

        double u = gain * (input - threshold);
        double steady = activation == Activation.Relu ? Math.Max(0, u) : Math.Tanh(u);
        foreach (double t in new[] { 10.0, 20.0, 30.0 })
        {
            double expected = steady * (1 - Math.Exp(-t / TauMs));
            var sample = Assert.Single(sink.Populations, s => s.TimeMs == t);
            AssertClose(expected, sample.Value, Math.Max(Math.Abs(steady), 1e-30), t);
        }
    }

    [Fact]
    public void Noise_HasTheDeclaredStationaryStandardDeviationAroundTheNoiselessRate()
    {
        // The OU update is exact: Var r(t) = σ²·(1 − e^{−2t/τ}) about the noiseless mean. 4000 independent neurons at
        // one time (t = 10τ, transient e^{-20} negligible); tolerance 4 standard errors: σ/√n for the mean and
        // σ²·√(2/n) for the variance.
        const int n = 4000;
        const double sigma = 0.3;
        var (simulator, _) = new SpecBuilder()
            .Seed(77)
            .Population("p", n, tauMs: TauMs, noise: sigma)
            .Input("drive", "p", 1.0)
            .Phase("on", 100, inputs: ["drive"])
            .Run();

        var rates = simulator.Network.Populations[0].Rate;
        double mean = rates.Average(r => (double)r);
        double variance = rates.Sum(r => (r - mean) * (r - mean)) / (n - 1);
        Assert.True(Math.Abs(mean - 1.0) < 4 * sigma / Math.Sqrt(n), $"mean {mean}");
        Assert.True(Math.Abs(variance - (sigma * sigma)) < 4 * sigma * sigma * Math.Sqrt(2.0 / n), $"variance {variance}");
    }

    [Fact]
    public void Rate_IsSampledAtEveryRecordIntervalAndAtThePhaseEnd()
    {
        var (_, sink) = new SpecBuilder()
            .Population("p", 1)
            .TagRange("t", "p", 0, 0)
            .Phase("a", 7)
            .Phase("b", 5)
            .Record(3, [TagMetric.Activation])
            .Run();

        // t = 0 (labelled with the first phase), then phase-relative multiples of 3 steps plus each phase's last step; dt = 1 ms.
        Assert.Equal(new[] { 0.0, 3.0, 6.0, 7.0, 10.0, 12.0 }, sink.Tags.Select(s => s.TimeMs));
        Assert.Equal(new[] { "a", "a", "a", "a", "b", "b" }, sink.Tags.Select(s => s.Phase));
    }

    private static double TagActivation(MemoryRecordSink sink, double timeMs) =>
        Assert.Single(sink.Tags, s => s.TimeMs == timeMs && s.Metric == "activation").Value;

    private static void AssertClose(double expected, double actual, double scale, double timeMs) =>
        Assert.True(
            Math.Abs(actual - expected) <= Tolerance * scale,
            $"t = {timeMs} ms: rate {actual:R}, closed form {expected:R}, tolerance {Tolerance * scale:R}");
}
