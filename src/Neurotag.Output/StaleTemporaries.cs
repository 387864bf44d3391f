using System.Text;

namespace Neurotag.Output;

/// <summary>
/// Removes the hidden temporaries a killed earlier process left next to an output it was writing, and nothing else:
/// <list type="bullet">
/// <item>staging folders <c>.NAME.tmp-HEX</c> and their lock files <c>.NAME.tmp-HEX.lock</c>
/// (<see cref="RunFolder"/>, <see cref="StagingLock"/>);</item>
/// <item>previous runs renamed aside by <c>--force</c>, <c>.NAME.old-HEX</c>, whose deletion was cut short;</item>
/// <item>temp files <c>FILE.tmp-HEX</c> of plan.json, index.csv and summary.csv.</item>
/// </list>
/// Only entries named for the given outputs, with a 32-digit lowercase hex suffix, are candidates. A staging folder
/// (and the <c>.old-</c> folder of the same HEX) is removed only when its run is provably gone: its lock file is
/// missing or can be locked, it is not held by this process, and its owner record does not name a live process on
/// this host. So several processes may share a folder — Slurm shards writing one sweep's <c>points/</c>, a rerun of
/// a shard while the first attempt still runs — and none deletes another's live staging folder.
/// </summary>
public static class StaleTemporaries
{
    /// <summary>
    /// How long a temp file must have gone unmodified to count as abandoned. Temp files hold no lock: they are
    /// written in one go (plan.json in milliseconds; a merge's CSVs stream and so keep being modified).
    /// </summary>
    public static readonly TimeSpan TempFileStaleAfter = TimeSpan.FromMinutes(10);

    private const string StagingMarker = ".tmp-";
    private const string AsideMarker = ".old-";
    private const int HexLength = 32;

    /// <summary>
    /// Removes stale staging and aside folders of the run folders named <paramref name="names"/> inside
    /// <paramref name="parent"/>. Never throws for an entry it cannot remove (it stays for a later run).
    /// </summary>
    /// <param name="parent">The folder holding the run folders (for a sweep: its <c>points/</c>).</param>
    /// <param name="names">The run folders' names; entries for other names are never touched.</param>
    /// <returns>The folders removed (their lock files go with them, unlisted).</returns>
    public static IReadOnlyList<string> RemoveStaleRunFolders(string parent, IReadOnlySet<string> names)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parent);
        ArgumentNullException.ThrowIfNull(names);
        var removed = new List<string>();
        if (names.Count == 0 || !Directory.Exists(parent))
        {
            return removed;
        }

        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parent));
        var runs = new Dictionary<(string Name, string Hex), List<string>>();
        foreach (string entry in SafeEnumerate(full))
        {
            string fileName = Path.GetFileName(entry);
            if (TryParseRunTemporary(fileName, out string name, out string hex) && names.Contains(name))
            {
                if (!runs.TryGetValue((name, hex), out var entries))
                {
                    runs[(name, hex)] = entries = [];
                }

                entries.Add(entry);
            }
        }

        foreach (var ((name, hex), entries) in runs)
        {
            string lockPath = Path.Combine(full, $".{name}{StagingMarker}{hex}{StagingLock.Suffix}");
            RemoveIfOwnerGone(lockPath, entries.Where(e => e != lockPath).ToList(), removed);
        }

        return removed;
    }

    /// <summary>
    /// Removes temp files <c>FILE.tmp-HEX</c> of the files <paramref name="fileNames"/> in <paramref name="directory"/>
    /// that have not been modified for <see cref="TempFileStaleAfter"/>.
    /// </summary>
    /// <returns>The paths removed.</returns>
    public static IReadOnlyList<string> RemoveStaleTempFiles(string directory, IEnumerable<string> fileNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(fileNames);
        var removed = new List<string>();
        if (!Directory.Exists(directory))
        {
            return removed;
        }

        var names = fileNames.ToHashSet(StringComparer.Ordinal);
        DateTime cutoff = DateTime.UtcNow - TempFileStaleAfter;
        foreach (string entry in SafeEnumerate(directory))
        {
            string fileName = Path.GetFileName(entry);
            int marker = fileName.LastIndexOf(StagingMarker, StringComparison.Ordinal);
            if (marker <= 0 || !names.Contains(fileName[..marker]) || !IsHex(fileName.AsSpan(marker + StagingMarker.Length)))
            {
                continue;
            }

            try
            {
                if (File.Exists(entry) && File.GetLastWriteTimeUtc(entry) < cutoff)
                {
                    File.Delete(entry);
                    removed.Add(entry);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for a later run.
            }
        }

        return removed;
    }

    /// <summary>
    /// Parses <c>.NAME.tmp-HEX</c>, <c>.NAME.tmp-HEX.lock</c> or <c>.NAME.old-HEX</c>. NAME may itself contain dots
    /// and the markers, so the marker is the last one before a 32-digit hex tail.
    /// </summary>
    internal static bool TryParseRunTemporary(string fileName, out string name, out string hex)
    {
        name = hex = "";
        string core = fileName.EndsWith(StagingLock.Suffix, StringComparison.Ordinal) ? fileName[..^StagingLock.Suffix.Length] : fileName;
        bool isLock = core.Length != fileName.Length;
        if (core.Length < 1 + 1 + StagingMarker.Length + HexLength || core[0] != '.')
        {
            return false;
        }

        string marker = core.Substring(core.Length - HexLength - StagingMarker.Length, StagingMarker.Length);
        if ((marker != StagingMarker && (marker != AsideMarker || isLock)) || !IsHex(core.AsSpan(core.Length - HexLength)))
        {
            return false;
        }

        name = core[1..(core.Length - HexLength - StagingMarker.Length)];
        hex = core[^HexLength..];
        return name.Length > 0;
    }

    private static void RemoveIfOwnerGone(string lockPath, List<string> folders, List<string> removed)
    {
        if (StagingLock.IsHeldHere(lockPath))
        {
            return;
        }

        FileStream? held = null;
        try
        {
            if (File.Exists(lockPath))
            {
                // Fails while the owner holds its lock: the run is alive.
                held = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
                var owner = OwnerRecord.Parse(ReadAll(held));
                if (owner is not null && owner.MayBeAliveOnThisHost())
                {
                    return; // a file system that does not enforce locks, and the owner still runs
                }
            }

            foreach (string folder in folders)
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                    removed.Add(folder);
                }
            }

            if (held is not null)
            {
                held.Dispose();
                held = null;
                File.Delete(lockPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Locked by a live run, or not removable now: left alone.
        }
        finally
        {
            held?.Dispose();
        }
    }

    private static string ReadAll(FileStream file)
    {
        var buffer = new byte[1024];
        int length = 0, read;
        while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        if (text.Length != HexLength)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> SafeEnumerate(string directory)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(directory)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
