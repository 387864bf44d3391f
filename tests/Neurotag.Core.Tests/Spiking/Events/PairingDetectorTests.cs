using Neurotag.Core.Randomness;
using Neurotag.Core.Spiking.Events;

namespace Neurotag.Core.Tests.Spiking.Events;

/// <summary>
/// The pairing detector ("post fires within Δ after pre", Izhikevich 2007) against a naive definition written here:
/// a post spike at step t triggers once when some pre spike p satisfies 0 &lt; t − p &lt; Δ. Random Bernoulli trains
/// of 20 000 steps at several rates and windows; the trigger steps must be identical.
/// </summary>
public sealed class PairingDetectorTests
{
    [Theory]
    [InlineData(0.02, 0.02, 20, 1ul)]
    [InlineData(0.2, 0.1, 20, 2ul)]
    [InlineData(0.05, 0.3, 3, 3ul)]
    [InlineData(0.5, 0.5, 2, 4ul)]
    [InlineData(0.001, 0.05, 200, 5ul)]
    public void Triggers_EqualTheNaiveDefinition(double preP, double postP, long window, ulong seed)
    {
        const int steps = 20_000;
        var rng = RandomSource.ForName(seed, "pairing-test");
        var pre = new bool[steps + 1];
        var post = new bool[steps + 1];
        for (int t = 1; t <= steps; t++)
        {
            pre[t] = rng.NextDouble() < preP;
            post[t] = rng.NextDouble() < postP;
        }

        var detector = new PairingDetector(window);
        var fired = new List<int>();
        for (int t = 1; t <= steps; t++)
        {
            if (detector.Observe(t, pre[t], post[t]) == 1)
            {
                fired.Add(t);
            }
        }

        var naive = new List<int>();
        for (int t = 1; t <= steps; t++)
        {
            if (!post[t])
            {
                continue;
            }

            for (int p = 1; p < t; p++)
            {
                if (pre[p] && t - p < window)
                {
                    naive.Add(t);
                    break;
                }
            }
        }

        Assert.NotEmpty(naive); // the case exercises pairings
        Assert.Equal(naive, fired);
    }

    [Fact]
    public void WindowBelowOneStep_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairingDetector(0));
}
