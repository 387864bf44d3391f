using Neurotag.Core.Randomness;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>kind: noise_current</c>: the draws follow their distribution (closed-form mean and variance), an Izhikevich
/// neuron under Izhikevich (2007)'s thalamic noise 13·(U − 0.5) spikes exactly where a naive loop over the same
/// stream does, the same seed gives the same run, and bad input is an error at file:line:col.
/// </summary>
public sealed class NoiseCurrentInputTests
{
    private const string File = "noise.yaml";

    // Izhikevich (2003) regular spiking, dt 1 ms as in the 2007 network; line 9 holds the input.
    private const string Izhikevich = """
        name: noise
        dt: 1 ms
        seed: 7
        populations:
          cell:
            size: NEURONS
            neuron: { model: izhikevich, a: 0.02, b: 0.2, c: -65 mV, d: 8 }
        inputs:
          thal: { target: cell, kind: noise_current, uniform: [-6.5, 6.5] }
        protocol:
          - { phase: run, duration: 2000 ms, inputs: [thal] }
        record:
          spikes: { population: cell }
        """;

    private static SimulationSpec Compile(string text)
    {
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    private static Diagnostic SingleError(string text)
    {
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.True(result.Errors.Count == 1, string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    /// <summary>
    /// Uniform [a, b): mean (a+b)/2, variance (b−a)²/12; normal: μ, σ². Per neuron over n = 20 000 draws the standard
    /// error of the mean is σ/√n (≤ 0.03 here), so 5 standard errors bound the mean; the variance's relative standard
    /// error is about √(2/n) (normal) or less (uniform), so 5 % bounds it.
    /// </summary>
    [Theory]
    [InlineData("uniform: [-6.5, 6.5]", 0.0, 169.0 / 12)]
    [InlineData("normal: [2.0, 3.0]", 2.0, 9.0)]
    public void Draws_PerNeuron_HaveTheClosedFormMeanAndVariance(string distribution, double mean, double variance)
    {
        var spec = Compile(Izhikevich.Replace("NEURONS", "4", StringComparison.Ordinal).Replace("uniform: [-6.5, 6.5]", distribution, StringComparison.Ordinal));
        var network = SpikingNetwork.Build(spec);
        var drive = Assert.Single(network.NoiseInputs);
        var current = drive.Population.InputCurrent!;
        const int n = 20_000;
        var sum = new double[current.Length];
        var sumSq = new double[current.Length];
        for (int s = 0; s < n; s++)
        {
            Array.Clear(current);
            drive.Deliver();
            for (int i = 0; i < current.Length; i++)
            {
                sum[i] += current[i];
                sumSq[i] += (double)current[i] * current[i];
            }
        }

        for (int i = 0; i < current.Length; i++)
        {
            double m = sum[i] / n;
            double v = (sumSq[i] / n) - (m * m);
            Assert.InRange(m, mean - (5 * Math.Sqrt(variance / n)), mean + (5 * Math.Sqrt(variance / n)));
            Assert.InRange(v, variance * 0.95, variance * 1.05);
        }
    }

    /// <summary>
    /// One Izhikevich neuron driven only by uniform noise of the published amplitude (13·(U − 0.5) each ms), against a
    /// naive forward-Euler loop (Izhikevich 2003) drawing U from the input's stream ("noise:thal"): the noise drawn
    /// after step s acts in step s + 1, the initial state is the model's default (v = c = −65, u = b·v).
    /// </summary>
    [Fact]
    public void IzhikevichUnderThalamicNoise_SpikesAtTheStepsOfANaiveReference()
    {
        // 20 s: at this amplitude a regular-spiking cell fires about once a second.
        var spec = Compile(Izhikevich.Replace("NEURONS", "1", StringComparison.Ordinal).Replace("2000 ms", "20000 ms", StringComparison.Ordinal));
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);
        var simulated = sink.Spikes.Select(s => s.TimeMs).ToList();

        var rng = RandomSource.ForName(spec.Seed, "noise:thal");
        float v = -65f, u = 0.2f * -65f, noise = 0f;
        var reference = new List<double>();
        for (long step = 1; step <= 20_000; step++)
        {
            float dv = ((((0.04f * v * v) + (5f * v)) + 140f) - u) + ((0f + 0f) - 0f);
            dv += noise;
            float du = 0.02f * ((0.2f * v) - u);
            v += 1f * dv;
            u += 1f * du;
            if (v >= 30f)
            {
                v = -65f;
                u += 8f;
                reference.Add(step);
            }

            noise = (float)(13 * (rng.NextDouble() - 0.5));
        }

        Assert.True(reference.Count > 5, $"the published amplitude should make the neuron fire; got {reference.Count} spikes");
        Assert.Equal(reference, simulated.Select(t => Math.Round(t / spec.Clock.DtMs)));
    }

    /// <summary>
    /// The same under <c>method: izhikevich</c>: a naive copy of the loop of Izhikevich's spnet.cpp (2006) — fire first
    /// if v ≥ 30 (the spike belongs to this step), then I = thalamic noise, v += 0.5·((0.04v + 5)v + 140 − u + I) twice
    /// with the old u, then u += a(bv − u) with the new v; double arithmetic, float storage as in his float arrays —
    /// drawing U from the input's stream. The noise drawn after step s is the I of step s + 1. Identical spike steps.
    /// </summary>
    [Fact]
    public void IzhikevichPublishedMethodUnderThalamicNoise_SpikesAtTheStepsOfSpnetsLoop()
    {
        string text = Izhikevich.Replace("NEURONS", "1", StringComparison.Ordinal).Replace("2000 ms", "20000 ms", StringComparison.Ordinal)
            .Replace("d: 8 }", "d: 8, method: izhikevich }", StringComparison.Ordinal);
        var spec = Compile(text);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);
        var simulated = sink.Spikes.Select(s => Math.Round(s.TimeMs / spec.Clock.DtMs)).ToList();

        var rng = RandomSource.ForName(spec.Seed, "noise:thal");
        float v = -65f, u = 0.2f * -65f, current = 0f;
        var reference = new List<double>();
        for (long step = 1; step <= 20_000; step++)
        {
            if (v >= 30f)
            {
                v = -65f;
                u += 8f;
                reference.Add(step);
            }

            v = (float)(v + (0.5 * ((((0.04 * v) + 5) * v) + 140 - u + current)));
            v = (float)(v + (0.5 * ((((0.04 * v) + 5) * v) + 140 - u + current)));
            u = (float)(u + (0.02 * ((0.2 * v) - u)));
            current = (float)(13 * (rng.NextDouble() - 0.5));
        }

        Assert.True(reference.Count > 5, $"the published amplitude should make the neuron fire; got {reference.Count} spikes");
        Assert.Equal(reference, simulated);
    }

    /// <summary>The same seed gives the same spikes; another seed other spikes.</summary>
    [Fact]
    public void SameSeed_SameSpikes()
    {
        string text = Izhikevich.Replace("NEURONS", "50", StringComparison.Ordinal);
        List<(double, int)> Spikes(string t)
        {
            var sink = new MemoryRecordSink();
            new SpikingSimulator(Compile(t)).Run(sink);
            return [.. sink.Spikes.Select(s => (s.TimeMs, s.Neuron))];
        }

        var a = Spikes(text);
        Assert.NotEmpty(a);
        Assert.Equal(a, Spikes(text));
        Assert.NotEqual(a, Spikes(text.Replace("seed: 7", "seed: 8", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("uniform: [6.5, -6.5]", "thal.uniform", "low < high")]
    [InlineData("uniform: [1, 1]", "thal.uniform", "low < high")]
    [InlineData("normal: [0, -1]", "thal.normal[1]", "standard deviation")]
    [InlineData("uniform: [-6.5 pA, 6.5]", "thal.uniform[0]", "number")]
    public void BadDistribution_IsAnErrorAtItsValue(string distribution, string path, string message)
    {
        string text = Izhikevich.Replace("NEURONS", "1", StringComparison.Ordinal).Replace("uniform: [-6.5, 6.5]", distribution, StringComparison.Ordinal);
        var error = SingleError(text);

        Assert.Equal((File, 9, "inputs." + path), (error.File, error.Line, error.Path));
        string line = text.Split('\n')[8];
        int expected = path.EndsWith(']') ? line.IndexOf('[', StringComparison.Ordinal) + 2 + (path.EndsWith("[1]", StringComparison.Ordinal) ? distribution.IndexOf(',', StringComparison.Ordinal) - distribution.IndexOf('[', StringComparison.Ordinal) + 1 : 0)
            : line.IndexOf('[', StringComparison.Ordinal) + 1;
        Assert.Equal(expected, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A CUBA LIF takes its noise in mV (its bias's unit); pA there is a dimension error at the value.</summary>
    [Fact]
    public void CurrentInPicoamperes_OntoCubaLif_IsAnErrorAtTheValue()
    {
        string text = Izhikevich.Replace("NEURONS", "1", StringComparison.Ordinal)
            .Replace("{ model: izhikevich, a: 0.02, b: 0.2, c: -65 mV, d: 8 }", "{ model: lif, synapse: current }", StringComparison.Ordinal)
            .Replace("uniform: [-6.5, 6.5]", "normal: [0 pA, 5 mV]", StringComparison.Ordinal);
        var error = SingleError(text);

        Assert.Equal((9, "inputs.thal.normal[0]"), (error.Line, error.Path));
        Assert.Equal(text.Split('\n')[8].IndexOf("0 pA", StringComparison.Ordinal) + 1, error.Column);
    }

    /// <summary>Both or neither of uniform and normal: one error at the input's mapping.</summary>
    [Theory]
    [InlineData("uniform: [-1, 1], normal: [0, 1]")]
    [InlineData("fraction: 1")]
    public void NotExactlyOneDistribution_IsAnErrorAtTheInput(string keys)
    {
        string text = Izhikevich.Replace("NEURONS", "1", StringComparison.Ordinal).Replace("uniform: [-6.5, 6.5]", keys, StringComparison.Ordinal);
        var error = SingleError(text);

        Assert.Equal((9, "inputs.thal"), (error.Line, error.Path));
        Assert.Contains("exactly one of", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Noise in pA onto a COBA LIF and an AdEx population compiles and runs to finite state.</summary>
    [Theory]
    [InlineData("{ model: lif }", "normal: [0 pA, 100 pA]")]
    [InlineData("{ model: adex }", "normal: [0 pA, 100 pA]")]
    [InlineData("{ model: lif, synapse: current }", "uniform: [-2 mV, 2 mV]")]
    public void NoiseOntoLifAndAdEx_RunsInItsUnit(string neuron, string distribution)
    {
        string text = Izhikevich.Replace("NEURONS", "3", StringComparison.Ordinal).Replace("dt: 1 ms", "dt: 0.1 ms", StringComparison.Ordinal)
            .Replace("{ model: izhikevich, a: 0.02, b: 0.2, c: -65 mV, d: 8 }", neuron, StringComparison.Ordinal)
            .Replace("uniform: [-6.5, 6.5]", distribution, StringComparison.Ordinal).Replace("2000 ms", "50 ms", StringComparison.Ordinal);
        var simulator = new SpikingSimulator(Compile(text));
        simulator.Run(new MemoryRecordSink());
        Assert.Equal(-1, simulator.Network.Populations[0].FirstNonFinite());
        Assert.NotEqual(-65f, simulator.Network.Populations[0].V![0]);
    }
}
