using Neurotag.Core.Randomness;
using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using static Neurotag.Core.Tests.Rate.Plasticity.RuleTestKit;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Oja's rule, dw_i/dt = η·(x_i·y − y²·w_i) (Oja 1982), integrated per step exactly for rates held over the step:
/// w ← e^{−k}·w + (1 − e^{−k})/k·(η·dt·y·x + (dt/τ)·w_rest), k = η·dt·y² + dt/τ.
/// </summary>
public sealed class OjaTests
{
    private const double DtMs = 1;

    /// <summary>
    /// A linear unit y = w·x fed zero-mean Gaussian inputs x = L·z (L the Cholesky factor of C, z ~ N(0, I) from a
    /// fixed seed) learns the unit-norm leading eigenvector of C. η·dt = 10⁻³, 20 000 samples (≈ 45 convergence time
    /// constants 1/(η·(λ1 − λ2)) for the closest eigenvalues below). Tolerances: the weight vector fluctuates around its
    /// fixed point with variance O(η·dt·λ) (stochastic approximation), and the sample covariance of 20 000 draws
    /// differs from C by O(1/√20 000) ≈ 0.7 %; both move the direction by a few hundredths of a radian at most
    /// (cos ≥ 0.999 in practice), and the norm by a few tenths of a percent. cos &gt; 0.99 and |‖w‖ − 1| &lt; 0.05 leave
    /// a wide margin while still excluding every other direction and any unnormalised (Hebbian) growth.
    /// </summary>
    [Theory]
    [InlineData(new[] { 3.0, 1.0, 1.0, 2.0 }, 11UL)]                          // λ = 3.618, 1.382
    [InlineData(new[] { 2.0, -1.5, -1.5, 2.5 }, 12UL)]                         // λ = 3.766, 0.734; mixed-sign eigenvector
    [InlineData(new[] { 1.0, 0.3, 0.3, 4.0 }, 13UL)]                           // λ = 4.030, 0.970; nearly the second axis
    [InlineData(new[] { 4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 1.0 }, 14UL)] // 3-D
    public void Oja_WithZeroMeanInputsOfKnownCovariance_ConvergesToTheUnitNormLeadingEigenvector(double[] covariance, ulong seed)
    {
        int n = (int)Math.Round(Math.Sqrt(covariance.Length));
        var c = new double[n, n];
        for (int k = 0; k < covariance.Length; k++)
        {
            c[k / n, k % n] = covariance[k];
        }

        var leading = n == 2 ? LeadingEigenvector2(c) : LeadingEigenvectorByPowerIteration(c);
        var chol = Cholesky(c);
        var drive = new DirectDrive(n, 1, Rule(PlasticityRule.Oja, eta: 1.0), new WeightSpec(new UniformDistribution(-0.3, 0.3), -10, 10), seed);
        var rng = new RandomSource(seed);
        var z = new double[n];
        var x = new double[n];
        for (int t = 0; t < 20_000; t++)
        {
            for (int i = 0; i < n; i++)
            {
                z[i] = rng.NextNormal();
            }

            for (int i = 0; i < n; i++)
            {
                x[i] = 0;
                for (int k = 0; k <= i; k++)
                {
                    x[i] += chol[i, k] * z[k];
                }
            }

            drive.Step(x, [drive.LinearReadout(0, x)]);
        }

        var w = drive.Weights.Select(v => (double)v).ToArray();
        double norm = Math.Sqrt(w.Sum(v => v * v));
        double cosine = Math.Abs(Cosine(w, leading)); // ±e1 are both fixed points
        Assert.True(cosine > 0.99, $"|cos(w, e1)| = {cosine:R}, w = [{string.Join(", ", w)}], e1 = [{string.Join(", ", leading)}]");
        Assert.True(Math.Abs(norm - 1) < 0.05, $"‖w‖ = {norm:R}");
    }

    /// <summary>
    /// With x and y held (post rate ½), dw/dt = η·y·x − η·y²·w − (w − w_rest)/τ is linear with constant coefficients:
    /// w(t) = w∞ + (w0 − w∞)·e^{−k·t}, k = η·y² + 1/τ, w∞ = (η·y·x + w_rest/τ)/k. The per-step update is this solution
    /// over one step, so the only error is float rounding: a few ulps per step, bounded by 4·steps·u·max|w|.
    /// </summary>
    [Theory]
    [InlineData(0.8, 4.0, null, 500)]   // w∞ = x/y = 1.6, k = 1 /s
    [InlineData(0.3, 2.0, null, 1000)]  // w∞ = 0.6, k = 0.5 /s
    [InlineData(0.8, 4.0, 250.0, 500)]  // with decay toward 0.2: k = 5 /s, w∞ = (1.6 + 0.8)/5 = 0.48
    public void Oja_WithRatesHeldConstant_RelaxesToItsFixedPointInClosedForm(double x, double eta, double? decayTauMs, long steps)
    {
        const double w0 = 0.2, rest = 0.2, y = HeldY;
        var spec = ConstantRatesSpec(x, Rule(PlasticityRule.Oja, eta, decayTauMs), rest).Phase("learn", steps, inputs: ["x"]).Build();

        var simulator = RunHeld(spec, x);

        double inverseTau = decayTauMs is { } tau ? 1000 / tau : 0; // per second
        double k = (eta * y * y) + inverseTau;
        double wInf = ((eta * y * x) + (rest * inverseTau)) / k;
        double t = steps * DtMs / 1000;
        double expected = wInf + ((w0 - wInf) * Math.Exp(-k * t));
        double w = simulator.Network.Projections[0].Weights[0];
        double tolerance = 4 * steps * U * Math.Max(Math.Abs(wInf), w0);
        Assert.True(Math.Abs(w - expected) <= tolerance, $"w = {w:R}, closed form {expected:R}, tolerance {tolerance:R}");
        Assert.True(Math.Abs(w - w0) > 0.1, "the weight must have moved");
    }

    /// <summary>
    /// η·y²·dt = 3: forward Euler (w ← w + η·dt·(y·x − y²·w)) would multiply the distance to x/y by 1 − 3 = −2 per step
    /// and diverge; the exact step contracts it by e^{−3}, so w reaches x/y = 1.6 monotonically.
    /// </summary>
    [Fact]
    public void Oja_WhenEtaYSquaredDtIsLarge_StillConvergesMonotonically()
    {
        const double x = 0.8;
        var spec = ConstantRatesSpec(x, Rule(PlasticityRule.Oja, 12_000), rest: 0.2)
            .Phase("learn", 20, inputs: ["x"])
            .Record(1, weights: new WeightRecordSpec("plastic", 1, 0))
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, x);
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        var path = sink.WeightBlocks.Where(b => b.From == "*").Select(b => b.Mean).ToList();
        Assert.Equal(21, path.Count); // t = 0 and each of the 20 steps
        for (int s = 1; s < path.Count; s++)
        {
            Assert.True(path[s] >= path[s - 1] && path[s] <= 1.6 + 1e-6, $"step {s}: {path[s - 1]} → {path[s]}");
        }

        Assert.Equal(1.6, simulator.Network.Projections[0].Weights[0], 1e-6);
    }

    [Fact]
    public void Oja_InAPhaseWithPlasticityOff_LeavesWeightsUnchanged() => AssertPlasticityOffFreezesWeights(PlasticityRule.Oja);

    [Fact]
    public void Oja_Offline_AppliesOnlyTheClosedFormDecay() => AssertOfflineAppliesOnlyDecay(PlasticityRule.Oja);

    /// <summary>The fixed point x/y = ±1.6 lies beyond the bounds [0, 1]: the weight stops exactly at the bound it heads to.</summary>
    [Theory]
    [InlineData(0.8, 1f)]
    [InlineData(-0.8, 0f)]
    public void Oja_WhenTheFixedPointLiesOutsideTheBounds_StopsExactlyAtTheBound(double x, float bound)
    {
        var spec = ConstantRatesSpec(x, Rule(PlasticityRule.Oja, 8.0), rest: 0.5, min: 0, max: 1)
            .Phase("learn", 1000, inputs: ["x"])
            .Record(1, weights: new WeightRecordSpec("plastic", 10, 0))
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, x);
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        Assert.All(sink.WeightBlocks, b => Assert.True(b.Min >= 0.0 && b.Max <= 1.0, $"w outside [0, 1] at t = {b.TimeMs}: [{b.Min}, {b.Max}]"));
        Assert.Equal(bound, simulator.Network.Projections[0].Weights[0]);
    }

    /// <summary>
    /// Modulation scales η: with a held factor 1 + g·m = 3 the relaxation rate is 3·η·y², i.e. the same trajectory as
    /// η' = 3η without a modulator (to float rounding).
    /// </summary>
    [Fact]
    public void Oja_ModulatedByAHeldModulator_LearnsAsWithEtaTimesOnePlusGainTimesLevel()
    {
        const double x = 0.8;
        var modulated = ConstantRatesSpec(x, new PlasticitySpec(PlasticityRule.Oja, 1.0, null, "da", 0.5))
            .Modulator("da", 0.0, null)
            .Phase("learn", 300, inputs: ["x"], modulators: [new ModulatorLevel("da", 4.0)])
            .Build();
        var plain = ConstantRatesSpec(x, Rule(PlasticityRule.Oja, 3.0)).Phase("learn", 300, inputs: ["x"]).Build();

        double wModulated = RunHeld(modulated, x).Network.Projections[0].Weights[0];
        double wPlain = RunHeld(plain, x).Network.Projections[0].Weights[0];

        Assert.True(Math.Abs(wModulated - wPlain) <= 1e-6, $"modulated {wModulated:R}, η' = 3η {wPlain:R}");
        Assert.True(wPlain > 0.3, "the weight must have moved");
    }

    /// <summary>Leading eigenvector of a symmetric 2×2 matrix in closed form: λ1 = tr/2 + √(tr²/4 − det), e1 ∝ (b, λ1 − a).</summary>
    private static double[] LeadingEigenvector2(double[,] c)
    {
        double a = c[0, 0], b = c[0, 1], d = c[1, 1];
        double tr = a + d, det = (a * d) - (b * b);
        double lambda = (tr / 2) + Math.Sqrt((tr * tr / 4) - det);
        double[] e = Math.Abs(b) > 1e-12 ? [b, lambda - a] : (a >= d ? [1.0, 0.0] : [0.0, 1.0]);
        double norm = Math.Sqrt((e[0] * e[0]) + (e[1] * e[1]));
        return [e[0] / norm, e[1] / norm];
    }

    /// <summary>Power iteration in double precision (an independent method: no learning rule involved).</summary>
    private static double[] LeadingEigenvectorByPowerIteration(double[,] c)
    {
        int n = c.GetLength(0);
        var v = Enumerable.Repeat(1.0, n).ToArray();
        for (int it = 0; it < 1000; it++)
        {
            var next = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < n; k++)
                {
                    next[i] += c[i, k] * v[k];
                }
            }

            double norm = Math.Sqrt(next.Sum(e => e * e));
            v = next.Select(e => e / norm).ToArray();
        }

        return v;
    }

    /// <summary>Lower-triangular L with L·Lᵀ = C.</summary>
    private static double[,] Cholesky(double[,] c)
    {
        int n = c.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = c[i, j];
                for (int k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(s) : s / l[j, j];
            }
        }

        return l;
    }
}
