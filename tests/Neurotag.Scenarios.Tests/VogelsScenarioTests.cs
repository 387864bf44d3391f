using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// scenarios/papers/vogels-2011-inhibitory-balance.yaml is not run by the suite (papers scenarios take minutes of
/// simulated time), but it must validate and compile to the Brian2 example's parameters, scaled (Vogels et al. 2011).
/// </summary>
public class VogelsScenarioTests
{
    private static string PaperScenario(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "neurotag-cli.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "scenarios", "papers", name);
    }

    [Fact]
    public void Validates_WithThePapersParameters()
    {
        var result = ScenarioLoader.LoadFile(PaperScenario("vogels-2011-inhibitory-balance.yaml"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var spec = result.Spec!;
        Assert.Equal(1250, Assert.Single(spec.Populations).Size);
        var ie = spec.Projections.Single(p => p.Name == "i-e");
        Assert.True(ie.Inhibitory);
        Assert.Equal(new InhibitoryStdpSpec(0.01, 3, 20), ie.Plasticity!.InhibitoryStdp); // η 1e-2 nS, ρ0 3 Hz, τ 20 ms
        Assert.Equal((0.0, 100.0), (ie.Weight.Min, ie.Weight.Max));
        Assert.All(spec.Projections, p => Assert.Equal(0.16, p.Connectivity.Probability, 12));
        var phases = spec.Protocol;
        Assert.Equal(["runaway", "learning", "learned", "disinhibited"], phases.Select(p => p.Name));
        Assert.Equal([false, true, true, false], phases.Select(p => p.Plasticity));
        Assert.Equal(new Disinhibition("i-e", 0.5), Assert.Single(phases[^1].Disinhibitions));
    }
}
