using System.Runtime.ExceptionServices;

namespace Neurotag.Scenarios.Tests.Fuzzing;

/// <summary>How one fuzz case ended.</summary>
internal enum FuzzOutcome
{
    Valid,
    Rejected,
}

/// <summary>
/// Runs one scenario file through the path <c>neurotag-cli validate</c> takes (a file on disk,
/// <see cref="ScenarioLoader.LoadFile"/>: read, decode, YAML, validator, compiler, memory check) and judges the
/// outcome: valid, or rejected with diagnostics that each carry file:line:col. An exception (exit 1, "internal
/// error") or a load running past <see cref="CaseTimeout"/> is a failure.
/// </summary>
internal static class FuzzHarness
{
    /// <summary>A fixed memory limit, so outcomes do not depend on the machine.</summary>
    public static readonly ScenarioOptions Options = new(MemoryLimitBytes: 1L << 30);

    /// <summary>The most one load may take; honest loads take milliseconds.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> and loads it; the failure, or null with the outcome.</summary>
    public static (FuzzOutcome Outcome, string? Failure) Check(byte[] bytes, string path)
    {
        File.WriteAllBytes(path, bytes);
        ScenarioLoadResult? result = null;
        ExceptionDispatchInfo? thrown = null;

        // A thread of its own, not the pool: a hung load must not starve the other cases, and is abandoned (background).
        var thread = new Thread(() =>
        {
            try
            {
                result = ScenarioLoader.LoadFile(path, Options);
            }
#pragma warning disable CA1031 // any exception is the finding
            catch (Exception e)
#pragma warning restore CA1031
            {
                thrown = ExceptionDispatchInfo.Capture(e);
            }
        })
        { IsBackground = true, Name = "fuzz case" };
        thread.Start();
        if (!thread.Join(CaseTimeout))
        {
            return (FuzzOutcome.Rejected, $"hang: the load took more than {CaseTimeout.TotalSeconds} s");
        }

        if (thrown is not null)
        {
            return (FuzzOutcome.Rejected, "internal error: " + thrown.SourceException);
        }

        if (result!.IsValid)
        {
            return (FuzzOutcome.Valid, null);
        }

        if (result.Errors.Count == 0)
        {
            return (FuzzOutcome.Rejected, "invalid, but without a diagnostic");
        }

        foreach (var error in result.Errors)
        {
            if (string.IsNullOrEmpty(error.File) || error.Line < 1 || error.Column < 1 || string.IsNullOrWhiteSpace(error.Message))
            {
                return (FuzzOutcome.Rejected, "a diagnostic without file:line:col or message: " + error);
            }
        }

        return (FuzzOutcome.Rejected, null);
    }
}
