using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace Neurotag.Core.Tests.Kernels;

/// <summary>
/// Runs the <c>Kernels</c> category (every vector kernel at every length 0..256 against its scalar reference, bit for
/// bit) again in child test processes with the JIT's SIMD support switched off: once without any hardware intrinsics
/// (the scalar fallbacks alone) and once without AVX-512 (the 8-lane bodies alone). In-process, only the widest path
/// the machine has is exercised; this is what proves the results do not depend on SIMD support. The launcher itself
/// is outside the category, so the children do not recurse.
/// </summary>
public sealed class KernelsWithoutSimdTests
{
    [Theory]
    [InlineData("DOTNET_EnableHWIntrinsic")]
    [InlineData("DOTNET_EnableAVX512")]
    public async Task KernelCategory_PassesWithSimdSwitchedOff(string switchName)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "test", typeof(KernelsWithoutSimdTests).Assembly.Location, "--filter", "Category=Kernels", "--nologo" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[switchName] = "0";
        info.Environment[SimdSwitchCheck.ExpectedOffVariable] = switchName;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the child test run did not finish in 5 minutes");
        }

        string log = await output + await error;
        Assert.True(process.ExitCode == 0, $"Kernels category failed with {switchName}=0:\n{log}");
        Assert.Contains("Passed!", log, StringComparison.Ordinal); // it ran tests, not an empty filter
    }
}

/// <summary>
/// In a child run started by <see cref="KernelsWithoutSimdTests"/>, checks that the switch really took effect (a
/// misspelt variable would otherwise leave the SIMD paths on and the child run would prove nothing). In a normal run
/// it has nothing to check.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class SimdSwitchCheck
{
    /// <summary>Names the switch the parent turned off.</summary>
    public const string ExpectedOffVariable = "NEUROTAG_TEST_SIMD_SWITCHED_OFF";

    [Fact]
    public void SwitchedOffSimd_IsNotAccelerated()
    {
        switch (Environment.GetEnvironmentVariable(ExpectedOffVariable))
        {
            case "DOTNET_EnableHWIntrinsic":
                Assert.False(Vector128.IsHardwareAccelerated);
                Assert.False(Vector256.IsHardwareAccelerated);
                break;
            case "DOTNET_EnableAVX512":
                Assert.False(Vector512.IsHardwareAccelerated);
                break;
            default:
                break;
        }
    }
}
