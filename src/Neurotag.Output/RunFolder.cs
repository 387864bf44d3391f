namespace Neurotag.Output;

/// <summary>
/// The atomic run-folder protocol: a run writes into a hidden staging directory next to the
/// requested output folder and <see cref="Commit"/> renames it into place, so the output folder
/// is either absent, the previous complete run, or the new complete run — never half-written.
/// </summary>
/// <remarks>
/// <para>
/// Usage: <c>using var folder = RunFolder.Prepare(out, force);</c> write into
/// <see cref="StagingPath"/>, then <see cref="Commit"/>. Disposing without committing deletes the
/// staging directory (<see cref="Abandon"/>), so a failed run leaves nothing behind.
/// </para>
/// <para>
/// The staging directory is <c>.{name}.tmp-{hex}</c> in the same parent as the output folder, so
/// the final move is a rename on one file system. With <c>--force</c>, an existing output folder
/// is first renamed aside to <c>.{name}.old-{hex}</c>, the staging directory is renamed into
/// place, and only then is the old folder deleted. <c>--force</c> replaces only a folder whose
/// manifest.json shows it is a run of this tool (<see cref="OutputFolderGuard"/>): any other
/// non-empty folder is refused and left untouched.
/// </para>
/// <para>
/// While it exists, the staging directory is marked live by its lock file <c>.{name}.tmp-{hex}.lock</c>
/// (<see cref="StagingLock"/>), and the aside folder shares its hex. A process killed before it could clean up
/// (SIGKILL, a node crash) leaves these behind; <see cref="Prepare"/> removes those of earlier, dead runs into the
/// same output (<see cref="StaleTemporaries"/>) and never those of a run still in progress.
/// </para>
/// <para>Every file-system failure surfaces as an <see cref="OutputFolderException"/> with a hint.</para>
/// </remarks>
public sealed class RunFolder : IDisposable
{
    /// <summary>The hint given when the output folder already holds a run of this tool.</summary>
    public const string OverwriteHint = "pass --force to replace that run, or choose another --out";

    /// <summary>The hint given when the output folder holds something that is not a run: never --force.</summary>
    public const string ForeignFolderHint = "choose another --out: a new or empty folder, or the folder of an earlier run";

    private const string PathHint = "check that --out names a folder whose parent can be created and that you may write there";

    private readonly bool _force;
    private readonly string _hex;
    private StagingLock? _lock;
    private State _state;

    private RunFolder(string finalPath, string stagingPath, string hex, StagingLock stagingLock, bool force, IReadOnlyList<string> removedLeftovers)
    {
        FinalPath = finalPath;
        StagingPath = stagingPath;
        _hex = hex;
        _lock = stagingLock;
        _force = force;
        RemovedLeftovers = removedLeftovers;
    }

    private enum State
    {
        Staging,
        Committed,
        Abandoned,
    }

    /// <summary>The absolute path of the output folder the run ends up in.</summary>
    public string FinalPath { get; }

    /// <summary>The absolute path of the staging directory the run writes into until <see cref="Commit"/>.</summary>
    public string StagingPath { get; }

    /// <summary>Whether <see cref="Commit"/> has moved the staging directory into place.</summary>
    public bool IsCommitted => _state == State.Committed;

    /// <summary>The stale temporary folders of killed earlier runs into the same output that <see cref="Prepare"/> removed.</summary>
    public IReadOnlyList<string> RemovedLeftovers { get; }

    /// <summary>
    /// Checks the output path and creates the staging directory next to it.
    /// </summary>
    /// <param name="outDirectory">The requested output folder (<c>--out</c>), absolute or relative to the current directory.</param>
    /// <param name="force">Whether an existing run folder of this tool may be replaced (<c>--force</c>); other non-empty folders never are.</param>
    /// <param name="removeStaleLeftovers">
    /// Whether to remove stale temporaries of earlier runs into this output first (a sweep does it once for all its
    /// points instead, as listing <c>points/</c> per point would cost quadratic time).
    /// </param>
    /// <returns>The prepared run folder; dispose it.</returns>
    /// <exception cref="OutputFolderException">
    /// The path is empty or invalid, is an existing file, its parent cannot be created or written,
    /// or it is an existing non-empty folder that is not a run of this tool, or a run and <paramref name="force"/> is false.
    /// </exception>
    public static RunFolder Prepare(string outDirectory, bool force, bool removeStaleLeftovers = true)
    {
        if (string.IsNullOrWhiteSpace(outDirectory))
        {
            throw new OutputFolderException("The output folder path is empty.", "pass --out DIR");
        }

        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            throw new OutputFolderException($"The output folder path '{outDirectory}' is not valid: {e.Message}", PathHint, e);
        }

        var name = Path.GetFileName(full);
        var parent = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(parent))
        {
            throw new OutputFolderException($"The output folder '{full}' is a file-system root, which cannot be replaced by a run folder.", "choose another --out");
        }

        if (File.Exists(full))
        {
            throw new OutputFolderException($"The output path '{full}' is an existing file, not a folder.", "choose another --out, or remove the file");
        }

        try
        {
            if (Directory.Exists(full))
            {
                RefuseUnlessReplaceable(full, force);
            }

            Directory.CreateDirectory(parent);
            var removed = removeStaleLeftovers ? StaleTemporaries.RemoveStaleRunFolders(parent, new HashSet<string>(StringComparer.Ordinal) { name }) : [];
            var hex = Guid.NewGuid().ToString("N");
            var staging = Path.Combine(parent, $".{name}.tmp-{hex}");
            var stagingLock = StagingLock.Acquire(staging); // before the folder: a staging folder without its lock file is an orphan
            try
            {
                Directory.CreateDirectory(staging);
            }
            catch
            {
                stagingLock.Dispose();
                throw;
            }

            return new RunFolder(full, staging, hex, stagingLock, force, removed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (StorageFailure.IsDiskFull(e))
            {
                throw StorageFailure.Describe(e, $"into the output folder '{full}'", "nothing was written");
            }

            throw new OutputFolderException($"Cannot prepare the output folder '{full}': {e.Message}", PathHint, e);
        }
    }

    /// <summary>
    /// Moves the staging directory into place as <see cref="FinalPath"/>. An existing output folder
    /// (allowed because it was empty, or because of <c>--force</c>) is renamed aside first and
    /// deleted afterwards; if the move fails it is put back.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder was already committed or abandoned.</exception>
    /// <exception cref="OutputFolderException">
    /// The output folder became non-empty since <see cref="Prepare"/> and <c>--force</c> was not given,
    /// or a rename failed. The staging directory is kept until <see cref="Dispose"/> or <see cref="Abandon"/>.
    /// </exception>
    public void Commit()
    {
        if (_state != State.Staging)
        {
            throw new InvalidOperationException($"The run folder '{FinalPath}' was already {(_state == State.Committed ? "committed" : "abandoned")}.");
        }

        var parent = Path.GetDirectoryName(FinalPath)!;
        var name = Path.GetFileName(FinalPath);
        string? aside = null;
        try
        {
            if (!Directory.Exists(StagingPath))
            {
                throw new OutputFolderException($"The staging folder '{StagingPath}' of '{FinalPath}' disappeared before the run was committed.", "make sure nothing else cleans up the parent of --out while a run is in progress");
            }

            if (Directory.Exists(FinalPath))
            {
                // Checked again: something may have written into the folder since Prepare.
                RefuseUnlessReplaceable(FinalPath, _force);

                aside = Path.Combine(parent, $".{name}.old-{_hex}"); // the staging folder's hex: its lock covers the aside too
                Directory.Move(FinalPath, aside);
            }

            try
            {
                Directory.Move(StagingPath, FinalPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (aside is not null)
                {
                    TryRestore(aside, FinalPath);
                }

                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"Cannot move the finished run into the output folder '{FinalPath}': {e.Message}", PathHint, e);
        }

        _state = State.Committed;
        if (aside is not null)
        {
            // The new run is in place; failing to delete the previous one must not fail the run.
            TryDeleteDirectory(aside);
        }

        ReleaseLock();
    }

    /// <summary>Deletes the staging directory and everything in it. Calling it again, or after a failed <see cref="Commit"/>, is allowed.</summary>
    /// <exception cref="InvalidOperationException">The folder was already committed.</exception>
    /// <exception cref="OutputFolderException">The staging directory cannot be deleted.</exception>
    public void Abandon()
    {
        if (_state == State.Committed)
        {
            throw new InvalidOperationException($"The run folder '{FinalPath}' was already committed.");
        }

        _state = State.Abandoned;
        try
        {
            if (Directory.Exists(StagingPath))
            {
                Directory.Delete(StagingPath, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"Cannot delete the staging folder '{StagingPath}': {e.Message}", "delete it by hand, or let the next run into this output remove it", e);
        }
        finally
        {
            // Released even when the folder could not be deleted: the next run into this output then finds it stale.
            ReleaseLock();
        }
    }

    /// <summary>Abandons the run unless it was committed; never throws.</summary>
    public void Dispose()
    {
        if (_state == State.Committed)
        {
            return;
        }

        try
        {
            Abandon();
        }
        catch (OutputFolderException)
        {
            // Dispose runs on error paths: the original error matters more than leftover staging files.
        }
    }

    /// <summary>
    /// An existing output folder may be replaced only when it is empty, or when it is a run of this tool and
    /// <c>--force</c> was given. Anything else (a project folder, a sweep, a folder with a foreign or broken
    /// manifest.json) is refused whatever the flags, and the hint does not offer <c>--force</c>.
    /// </summary>
    private static void RefuseUnlessReplaceable(string folder, bool force)
    {
        switch (OutputFolderGuard.Classify(folder))
        {
            case OutputFolderKind.Absent or OutputFolderKind.Empty:
                return;
            case OutputFolderKind.Run when force:
                return;
            case OutputFolderKind.Run:
                throw new OutputFolderException($"The output folder '{folder}' already holds a run ({RunManifest.FileName}).", OverwriteHint);
            case OutputFolderKind.Sweep:
                throw new OutputFolderException($"The output folder '{folder}' holds a sweep (plan.json), not a single run; it is left untouched.", ForeignFolderHint);
            default:
                throw new OutputFolderException(
                    $"The output folder '{folder}' is not empty and is not a neurotag-cli run (no valid {RunManifest.FileName}); it is left untouched{(force ? ": --force only replaces run folders" : "")}.",
                    ForeignFolderHint);
        }
    }

    private void ReleaseLock()
    {
        _lock?.Dispose();
        _lock = null;
    }

    private static void TryRestore(string aside, string finalPath)
    {
        try
        {
            if (!Directory.Exists(finalPath))
            {
                Directory.Move(aside, finalPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The previous run stays at the .old- path; the caller reports the original error.
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaves a hidden .old- folder next to the output; harmless.
        }
    }
}
