using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Neurotag.Output;

/// <summary>
/// The mark a live run keeps on its staging folder <c>.NAME.tmp-HEX</c>: the file <c>.NAME.tmp-HEX.lock</c> next to
/// it, created before the folder and held open with an exclusive lock (<c>flock</c> on Unix, a sharing lock on
/// Windows) until the folder is committed or abandoned. The operating system drops the lock when the process dies,
/// however it dies (SIGKILL, an out-of-memory kill, a node crash on NFS once its lease expires), so a lock file that
/// can be locked again belongs to a dead run: see <see cref="StaleTemporaries"/>. The file also records the host,
/// process id and process start time, for file systems that do not enforce locks.
/// </summary>
internal sealed class StagingLock : IDisposable
{
    /// <summary>Suffix of a lock file after its staging folder's name.</summary>
    public const string Suffix = ".lock";

    /// <summary>
    /// Lock files held by this process. A cleaner in this process never opens them: where locks are per process
    /// (POSIX record locks, which NFS uses for <c>flock</c>), opening and closing the file would drop the owner's lock.
    /// </summary>
    private static readonly ConcurrentDictionary<string, byte> HeldHere = new(StringComparer.Ordinal);

    private readonly FileStream _file;

    private StagingLock(string path, FileStream file)
    {
        Path = path;
        _file = file;
    }

    /// <summary>The lock file's path.</summary>
    public string Path { get; }

    /// <summary>Creates and locks the lock file of <paramref name="stagingPath"/> (which must not exist yet).</summary>
    /// <exception cref="IOException">The file cannot be created or written (e.g. the disk is full).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static StagingLock Acquire(string stagingPath)
    {
        string path = stagingPath + Suffix;
        HeldHere[path] = 0; // before the file exists, so no cleaner in this process can race its creation
        FileStream? file = null;
        try
        {
            // DeleteOnClose removes the file while the lock is still held, so no cleaner can take a finished run's lock.
            file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose);
            file.Write(Encoding.UTF8.GetBytes(OwnerRecord.Current().ToText()));
            return new StagingLock(path, file);
        }
        catch
        {
            file?.Dispose();
            HeldHere.TryRemove(path, out _);
            throw;
        }
    }

    /// <summary>Whether this process holds the lock file <paramref name="lockPath"/>.</summary>
    public static bool IsHeldHere(string lockPath) => HeldHere.ContainsKey(lockPath);

    /// <summary>Releases the lock and deletes the file.</summary>
    public void Dispose()
    {
        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
            // Deleting the file failed; the lock is released regardless, and a later run removes the file.
        }
        finally
        {
            HeldHere.TryRemove(Path, out _);
        }
    }
}

/// <summary>Who created a lock file: host name, process id and process start time (UTC ticks).</summary>
/// <param name="Host">The machine name.</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="StartTicks">The process's start time in UTC ticks; 0 when unknown.</param>
internal sealed record OwnerRecord(string Host, int ProcessId, long StartTicks)
{
    /// <summary>This process.</summary>
    public static OwnerRecord Current()
    {
        using var self = Process.GetCurrentProcess();
        return new OwnerRecord(Environment.MachineName, Environment.ProcessId, StartTicksOf(self));
    }

    /// <summary>Parses what <see cref="ToText"/> wrote; null when the text is not an owner record.</summary>
    public static OwnerRecord? Parse(string text)
    {
        string[] lines = text.Split('\n');
        return lines.Length >= 3
            && int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            && long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            ? new OwnerRecord(lines[0], pid, ticks)
            : null;
    }

    /// <summary>Three lines: host, pid, start ticks.</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"{Host}\n{ProcessId}\n{StartTicks}\n");

    /// <summary>
    /// Whether the owner may still be running: it is on this host, is not this process, and a process with its id
    /// and start time exists. On another host it cannot be told, and the lock alone decides.
    /// </summary>
    public bool MayBeAliveOnThisHost()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal) || ProcessId == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            long ticks = StartTicksOf(process);
            return StartTicks == 0 || ticks == 0 || Math.Abs(ticks - StartTicks) < TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // it exited meanwhile
        }
    }

    private static long StartTicksOf(Process process)
    {
        try
        {
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return 0;
        }
    }
}
