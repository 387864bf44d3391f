using System.Runtime.InteropServices;

namespace Neurotag.Cli;

/// <summary>
/// A request to stop cleanly, and the signal that made it: Ctrl-C (SIGINT) or SIGTERM, which Slurm sends at a job's
/// time limit and <c>timeout</c> and <c>docker stop</c> send too. Commands watch <see cref="Token"/>; what they were
/// writing is abandoned (nothing half-written), finished sweep points stay, and the exit code names the signal.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source;
    private volatile bool _terminated;

    /// <summary>A stop that also follows <paramref name="external"/> (its cancellation counts as an interrupt).</summary>
    public StopSignal(CancellationToken external = default) => _source = CancellationTokenSource.CreateLinkedTokenSource(external);

    /// <summary>Cancelled when a stop is requested.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>130 (128 + SIGINT) after Ctrl-C or a cancelled token; 143 (128 + SIGTERM) after SIGTERM.</summary>
    public int ExitCode => _terminated ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <summary>How the stop is reported: <c>interrupted</c> or <c>terminated (SIGTERM)</c>.</summary>
    public string Description => _terminated ? "terminated (SIGTERM)" : "interrupted";

    /// <summary>
    /// Requests a clean stop for <paramref name="signal"/>. Returns true the first time; false when a stop was already
    /// requested, so that a second signal can take its default action and end the process at once.
    /// </summary>
    public bool Request(PosixSignal signal)
    {
        if (_source.IsCancellationRequested)
        {
            return false;
        }

        _terminated = signal == PosixSignal.SIGTERM;
        _source.Cancel();
        return true;
    }

    public void Dispose() => _source.Dispose();
}
