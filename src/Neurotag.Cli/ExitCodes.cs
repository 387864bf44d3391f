namespace Neurotag.Cli;

/// <summary>Process exit codes (scenario format v1, "Command line"); documented in the README and in --help.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A bug: an unexpected exception.</summary>
    public const int InternalError = 1;

    /// <summary>Invalid input: scenario file, command-line arguments or output folder, or the output cannot be written (disk full).</summary>
    public const int InvalidInput = 2;

    /// <summary>A checker stopped the run (non-finite or runaway state).</summary>
    public const int RunStopped = 3;

    /// <summary>Expectations failed, or a metric moved beyond noise against the baseline (<c>check</c>, <c>check --baseline</c>).</summary>
    public const int ExpectationsFailed = 4;

    /// <summary>Interrupted (Ctrl-C): 128 + SIGINT, the shell convention.</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM (Slurm's time limit, <c>timeout</c>, <c>docker stop</c>): 128 + 15, the shell convention.</summary>
    public const int Terminated = 143;

    /// <summary>The table shown in --help.</summary>
    public const string Help = "Exit codes: 0 success, 1 internal error, 2 invalid input (scenario, arguments, output folder, disk full), 3 run stopped by a checker, 4 expectations failed or a metric moved against the baseline, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).";
}
