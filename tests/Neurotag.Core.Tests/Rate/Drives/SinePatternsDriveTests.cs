using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Drives;

/// <summary>
/// <c>sine_period</c> on a patterns input (Tetzlaff et al. 2015, Sci Rep 5:12866: stimulus 100·(sin(0.1·n) + 1)):
/// the shown pattern receives amplitude·(1 + sin(2π·k/P)) at the drive's own step k. Expected values are computed
/// here with Math.Sin in double; the drive adds a float32, so the tolerance is 1e-6 relative to the amplitude 2.
/// </summary>
public sealed class SinePatternsDriveTests
{
    private static SimulationSpec Spec(double periodSteps, long hold, long gap) =>
        new SpecBuilder()
            .Population("sensory", 4)
            .TagRange("a", "sensory", 0, 1)
            .TagRange("b", "sensory", 2, 3)
            .Input("stimuli", "sensory", 2.0)
            .Phase("show", 100, inputs: ["stimuli"])
            .Build() is var spec
            ? spec with { Inputs = [spec.Inputs[0] with { Kind = InputKind.Patterns, Patterns = new PatternSetSpec(0, ["a", "b"], 0, hold, PatternOrder.Cycle) { GapSteps = gap, SinePeriodSteps = periodSteps } }] }
            : throw new InvalidOperationException();

    [Fact]
    public void ShownPattern_GetsAmplitudeTimesOnePlusSine_OfTheDrivesOwnStep()
    {
        // Period 37.7 steps (18.85 ms at dt = 0.5 ms, the scenario's value): not a whole number of steps.
        var simulator = new RateSimulator(Spec(37.7, hold: 5, gap: 3));
        var drive = (PatternsDrive)simulator.Network.Inputs[0];
        var input = simulator.Network.Populations[0].Input;
        for (int k = 0; k < 40; k++)
        {
            simulator.Step([drive], learning: false);
            int slot = k % 8; // hold 5 + gap 3
            int pattern = k / 8 % 2;
            double expected = slot < 5 ? 2.0 * (1.0 + Math.Sin(2.0 * Math.PI * k / 37.7)) : 0.0;
            for (int i = 0; i < 4; i++)
            {
                bool member = slot < 5 && i / 2 == pattern;
                Assert.Equal(member ? expected : 0.0, input[i], 1e-6);
            }
        }
    }

    [Fact]
    public void QuarterPeriods_HitTheClosedFormValues()
    {
        // Period 8 steps: k = 0, 2, 4, 6 give 2·(1 + 0), 2·(1 + 1), 2·(1 + 0), 2·(1 − 1) = 2, 4, 2, 0.
        var simulator = new RateSimulator(Spec(8, hold: 100, gap: 0));
        var drive = (PatternsDrive)simulator.Network.Inputs[0];
        var input = simulator.Network.Populations[0].Input;
        double[] expected = [2, 2 + Math.Sqrt(2), 4, 2 + Math.Sqrt(2), 2, 2 - Math.Sqrt(2), 0, 2 - Math.Sqrt(2)];
        for (int k = 0; k < 8; k++)
        {
            simulator.Step([drive], learning: false);
            Assert.Equal(expected[k], input[0], 1e-6);
            Assert.Equal(0.0, input[2]);
        }
    }

    [Fact]
    public void WithoutAPeriod_TheAmplitudeIsConstant()
    {
        var simulator = new RateSimulator(Spec(0, hold: 100, gap: 0));
        var drive = (PatternsDrive)simulator.Network.Inputs[0];
        for (int k = 0; k < 10; k++)
        {
            simulator.Step([drive], learning: false);
            Assert.Equal(2f, simulator.Network.Populations[0].Input[1]);
        }
    }
}
