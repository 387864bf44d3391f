using Neurotag.Core.Recording;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// The documented limits (<see cref="ScenarioLimits"/>; docs/scenario-reference.md, "Limits"): sizes, step counts and
/// projected output beyond them are refused at the key that exceeds them, as errors, never as an exception. Expected
/// positions are read off the inline texts (line 1 is the <c>name:</c> line).
/// </summary>
public class LimitsCompilerTests
{
    /// <summary>A fixed memory limit, so that the results do not depend on the machine.</summary>
    private static readonly ScenarioOptions OneGiB = new(MemoryLimitBytes: 1L << 30);

    private static ScenarioLoadResult Load(string text, ScenarioOptions? options = null) => ScenarioLoader.LoadText(text, "limits.yaml", options ?? OneGiB);

    private static string Rate(string size = "100", string protocol = "  - { phase: run, duration: 1 s, inputs: [cue] }", string dt = "1 ms", string projections = "  {}") => $"""
        name: limits
        dt: {dt}
        populations:
          big: {"{"} size: {size}, neuron: {"{"} model: rate, tau: 10 ms {"}"} {"}"}
        tags:
          a: {"{"} population: big, neurons: [0, 9] {"}"}
        inputs:
          cue: {"{"} kind: current, target: a, amplitude: 1 {"}"}
        projections:
        {projections}
        protocol:
        {protocol}
        """;

    [Fact]
    public void PopulationOf1_1e9NeuronsWithAllToAll_IsRefusedAtTheSizeKey_NotWithAnOverflow()
    {
        // The case: 1.1e9 x 1.1e9 slots of 8 bytes overflowed a long in MemoryEstimate.
        var result = Load(Rate("1100000000", projections: "  rec: { from: big, to: big, connectivity: { rule: all_to_all }, weight: 0.1 }"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, 16, "populations.big.size"), (error.Line, error.Column, error.Path));
        Assert.Contains("1,100,000,000 neurons exceed the limit of 1,000,000,000", error.Message, StringComparison.Ordinal);
        Assert.Contains("Limits", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void PopulationAtTheSizeLimitWithAllToAll_IsRefusedAtTheProjectionKey_WhateverTheMemoryLimit()
    {
        // 1e9 x 1e9 = 1e18 slots of 8 bytes: 8e18 bytes is just under long.MaxValue, 1e9 x 1e9 x 12 (with an
        // eligibility trace) is over it; neither may throw.
        var result = Load(
            Rate("1000000000", projections: "  rec: { from: big, to: big, connectivity: { rule: all_to_all }, weight: { init: 0.1, min: 0, max: 1 }, plasticity: { rule: hebbian, rate: 0.1, modulated_by: da, eligibility: { tau: 1 s } } }")
                .Replace("projections:", "modulators:\n  da: { baseline: 0 }\nprojections:", StringComparison.Ordinal),
            new ScenarioOptions(MemoryLimitBytes: long.MaxValue));

        var error = Assert.Single(result.Errors);
        Assert.Equal((12, 3, "projections.rec"), (error.Line, error.Column, error.Path));
        Assert.Contains("exceed the largest array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_OverTheStepLimit_IsRefusedAtTheDuration()
    {
        // 1e12 s at dt = 0.1 ms is 1e16 steps, more than 1e15.
        var result = Load(Rate(dt: "0.1 ms", protocol: "  - { phase: run, duration: 1e12 s, inputs: [cue] }"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((12, 29, "protocol[0].duration"), (error.Line, error.Column, error.Path));
        Assert.Contains("1.00E+016 steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("1,000,000,000,000,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProtocolWhoseRepetitionsSumPastTheStepLimit_IsRefusedAtTheRepeatCount_NotWithAnOverflow()
    {
        // Each offline phase is 1e11 s = 1e14 steps of 1 ms (within the limit); 20 repetitions make 2e15. After the
        // 1000 steps of 'run', the sum passes 1e15 in repetition 10 (1000 + 10 x 1e14).
        const string Protocol = """
              - { phase: run, duration: 1 s, inputs: [cue] }
              - repeat: 20
                phases: [ { phase: rest, duration: 1e11 s, offline: true } ]
            """;
        var result = Load(Rate(protocol: Protocol));

        var error = Assert.Single(result.Errors);
        Assert.Equal((13, 13, "protocol[1].repeat"), (error.Line, error.Column, error.Path));
        Assert.Contains("in repetition 10 of this block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OfflinePhaseOf110000Days_CompilesWithAPositiveExactEndTime()
    {
        // 110 000 days at dt = 0.1 ms: 9.504e19 ns, past long.MaxValue (9.22e18); the 64-bit product went negative.
        var result = Load(Rate(dt: "0.1 ms", protocol: "  - { phase: run, duration: 1 s, inputs: [cue] }\n  - { phase: rest, duration: 110000 day, offline: true }\n  - { phase: probe, duration: 1 s, inputs: [cue] }"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var spec = result.Spec!;
        Assert.Equal(1000.0 + (110_000 * 86_400_000.0) + 1000.0, spec.Clock.TimeMs(spec.TotalSteps));
    }

    [Fact]
    public void OnlinePhaseOf1e11Seconds_IsRefusedAtTheDurationForItsOutput_WithAHintNamingAllowLarge()
    {
        // 1e11 s at dt = 1 ms: 1e14 steps (within the step limit), 1e12 samples of 3 rows: petabytes.
        var result = Load(Rate(protocol: "  - { phase: run, duration: 1e11 s, inputs: [cue] }"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((12, 29, "protocol[0].duration"), (error.Line, error.Column, error.Path));
        Assert.Contains("of CSV", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than the limit of 2.0 GiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-large", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowLargeOutput_LiftsTheOutputLimitOnly()
    {
        var options = OneGiB with { AllowLargeOutput = true };

        var large = Load(Rate(protocol: "  - { phase: run, duration: 1e11 s, inputs: [cue] }"), options);
        var tooManySteps = Load(Rate(dt: "0.1 ms", protocol: "  - { phase: run, duration: 1e12 s, inputs: [cue] }"), options);
        var tooManyNeurons = Load(Rate("1100000000"), options);

        Assert.True(large.IsValid, string.Join("\n", large.Errors));
        Assert.Equal("protocol[0].duration", Assert.Single(tooManySteps.Errors).Path);
        Assert.Equal("populations.big.size", Assert.Single(tooManyNeurons.Errors).Path);
    }

    [Fact]
    public void OutputOverTheLimit_IsReportedAtThePhaseThatWritesMost()
    {
        // Sampling every 10 ms (the default), 2 rows per sample (a.activation, big.rate; no strength without a
        // recurrent projection), ~51 bytes each: 'long' (1e9 ms, 1e8 samples) writes ~1e10 bytes, 'short' (1e8 ms) a tenth of that.
        const string Protocol = """
              - { phase: short, duration: 1e5 s, inputs: [cue] }
              - { phase: long, duration: 1e6 s, inputs: [cue] }
            """;
        var result = Load(Rate(protocol: Protocol));

        var error = Assert.Single(result.Errors);
        Assert.Equal((13, 30, "protocol[1].duration"), (error.Line, error.Column, error.Path));
    }

    [Fact]
    public void OutputJustUnderTheLimit_IsAccepted_AndTheProjectionAgreesWithACountByHand()
    {
        // dt = 1 ms, every 10 ms (the default): 'run' of D ms gives D / 10 samples plus one at t = 0; per sample one
        // tags.csv row ("T,run,0,a,activation,,V,1\n"; no strength without a recurrent projection) and one
        // populations.csv row ("T,run,0,big,rate,V,1\n"). With V counted at 20 characters and T at the width of the
        // phase's end time, the 2 GiB limit falls at about 2^31 / 102 bytes per sample ≈ 2.1e7 samples (2.1e8 ms).
        var accepted = Load(Rate(protocol: "  - { phase: run, duration: 1e5 s, inputs: [cue] }"));
        Assert.True(accepted.IsValid, string.Join("\n", accepted.Errors));

        // 1e8 ms / 10 ms = 1e7 samples; t_ms has 9 digits at the end ("100000000"), 1 at t = 0 ("0").
        double Sample(int timeWidth) => (timeWidth + ",run,0,a,activation,,".Length + 20 + ",1\n".Length) + (timeWidth + ",run,0,big,rate,".Length + 20 + ",1\n".Length);
        var projection = OutputProjection.Of(accepted.Spec!);
        Assert.Equal(1e7 + 1, projection.RowsByFile["tags.csv"]);
        Assert.Equal(1e7 + 1, projection.RowsByFile["populations.csv"]);
        double headers = "t_ms,phase,rep,tag,metric,other,value,unit\n".Length + "t_ms,phase,rep,population,metric,value,unit\n".Length
            + "phase,rep,instance,kind,name,metric,other,value,unit\n".Length + "phase,rep,instance,start_ms,end_ms,kind,steps\n".Length;
        double summary = ("run,0,0,tag,a,activation,,".Length + 20 + ",1\n".Length) + ("run,0,0,population,big,rate,,".Length + 20 + ",1\n".Length);
        double phases = "run,0,0,0,100000000,online,100000000\n".Length;
        Assert.Equal((1e7 * Sample(9)) + Sample(1) + headers + summary + phases, projection.TotalBytes, 6);

        var refused = Load(Rate(protocol: "  - { phase: run, duration: 3e5 s, inputs: [cue] }"));
        Assert.Equal("protocol[0].duration", Assert.Single(refused.Errors).Path);
    }
}
