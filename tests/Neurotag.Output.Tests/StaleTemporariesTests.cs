using System.Diagnostics;
using System.Globalization;

namespace Neurotag.Output.Tests;

/// <summary>
/// Issue #11, defect 5: every run removes the stale temporaries that killed earlier runs into the same output left —
/// and only those: never another output's, never a user's file of a similar name, never a staging folder whose run
/// is still in progress (its lock is held, or, where locks are not enforced, its owner process is alive).
/// </summary>
public sealed class StaleTemporariesTests : IDisposable
{
    private const string Hex = "0123456789abcdef0123456789abcdef";
    private const string OtherHex = "fedcba9876543210fedcba9876543210";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly HashSet<string> Run = new(StringComparer.Ordinal) { "run" };

    private string[] Entries() => [.. Directory.GetFileSystemEntries(_temp.Path).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    /// <summary>A staging folder with a file in it, and its lock file holding <paramref name="owner"/> (none: no lock file).</summary>
    private string Staging(string name, string hex, string? owner)
    {
        string staging = _temp.Combine($".{name}.tmp-{hex}");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "tags.csv"), "t_ms\n");
        if (owner is not null)
        {
            File.WriteAllText(staging + ".lock", owner);
        }

        return staging;
    }

    private static string OwnerOnAnotherHost() => "some-other-node\n4242\n0\n";

    [Fact]
    public void RemoveStaleRunFolders_RemovesStagingLockAndAsideOfARunWhoseLockIsFree()
    {
        Staging("run", Hex, OwnerOnAnotherHost());
        Directory.CreateDirectory(_temp.Combine($".run.old-{Hex}"));

        var removed = StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run);

        Assert.Equal(2, removed.Count);
        Assert.Empty(Entries());
    }

    [Fact]
    public void RemoveStaleRunFolders_RemovesAStagingFolderWithoutLockFile()
    {
        Staging("run", Hex, owner: null); // the lock file is created before the folder, so this folder is an orphan

        Assert.Single(StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run));
        Assert.Empty(Entries());
    }

    [Fact]
    public void RemoveStaleRunFolders_KeepsAStagingFolderWhoseLockIsHeld()
    {
        string staging = Staging("run", Hex, OwnerOnAnotherHost());
        Directory.CreateDirectory(_temp.Combine($".run.old-{Hex}"));
        using (new FileStream(staging + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Empty(StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run));
            Assert.Equal([$".run.old-{Hex}", $".run.tmp-{Hex}", $".run.tmp-{Hex}.lock"], Entries());
        }

        // Released (its owner died): now it goes.
        Assert.Equal(2, StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run).Count);
        Assert.Empty(Entries());
    }

    [Fact]
    public void RemoveStaleRunFolders_KeepsTheFolderOfALiveProcessOnThisHost_WhereLocksAreNotEnforced()
    {
        // The lock file is free (as on a file system that ignores locks), but it names a running process here.
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            long started = sleeper.StartTime.ToUniversalTime().Ticks;
            Staging("run", Hex, string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}\n{sleeper.Id}\n{started}\n"));

            Assert.Empty(StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run));
            Assert.Equal(2, Entries().Length);
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }

        Assert.Single(StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run));
        Assert.Empty(Entries());
    }

    [Fact]
    public void RemoveStaleRunFolders_TreatsAReusedProcessIdAsDead()
    {
        // The pid runs on this host, but a process started at another time: not the owner, which is gone.
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            long otherStart = sleeper.StartTime.ToUniversalTime().Ticks - TimeSpan.TicksPerHour;
            Staging("run", Hex, string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}\n{sleeper.Id}\n{otherStart}\n"));

            Assert.Single(StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Fact]
    public void RemoveStaleRunFolders_TreatsThisProcessIdAsDead_WhenThisProcessDoesNotHoldTheLock()
    {
        // An earlier process with this pid (pid 1 in every container, say): this process knows its own live folders.
        Staging("run", Hex, string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}\n{Environment.ProcessId}\n0\n"));

        Assert.Single(StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run));
    }

    [Fact]
    public void RemoveStaleRunFolders_NeverTouchesOtherOutputsOrLookalikes()
    {
        Staging("other", Hex, OwnerOnAnotherHost());             // another output's staging folder
        Staging("run.tmp-x", OtherHex, OwnerOnAnotherHost());     // an output named "run.tmp-x", not "run"
        Directory.CreateDirectory(_temp.Combine(".run.tmp-ABCDEF0123456789ABCDEF0123456789")); // not lowercase hex
        Directory.CreateDirectory(_temp.Combine(".run.tmp-0123"));                              // too short
        Directory.CreateDirectory(_temp.Combine($"run.tmp-{Hex}"));                             // not hidden
        File.WriteAllText(_temp.Combine($".run.tmp-{Hex}.txt"), "a user's file");
        Directory.CreateDirectory(_temp.Combine("run"));
        var before = Entries();

        Assert.Empty(StaleTemporaries.RemoveStaleRunFolders(_temp.Path, Run));
        Assert.Equal(before, Entries());
    }

    [Theory]
    [InlineData($".run.tmp-{Hex}", "run", false)]
    [InlineData($".run.tmp-{Hex}.lock", "run", false)]
    [InlineData($".run.old-{Hex}", "run", false)]
    [InlineData($".a.b.tmp-c.tmp-{Hex}", "a.b.tmp-c", false)]
    [InlineData($".rate~0.1_seed~3.tmp-{Hex}", "rate~0.1_seed~3", false)]
    [InlineData($".run.old-{Hex}.lock", "", true)]
    [InlineData($"run.tmp-{Hex}", "", true)]
    [InlineData($"..tmp-{Hex}", "", true)]
    public void TryParseRunTemporary_FindsTheOutputName(string entry, string name, bool rejected)
    {
        bool parsed = StaleTemporaries.TryParseRunTemporary(entry, out string found, out string hex);

        Assert.Equal(!rejected, parsed);
        if (parsed)
        {
            Assert.Equal(name, found);
            Assert.Equal(Hex, hex);
        }
    }

    [Fact]
    public void RemoveStaleTempFiles_RemovesOnlyAbandonedTempFilesOfTheNamedFiles()
    {
        string old = _temp.Combine($"plan.json.tmp-{Hex}");
        string fresh = _temp.Combine($"plan.json.tmp-{OtherHex}");
        string otherFile = _temp.Combine($"notes.txt.tmp-{Hex}");
        string lookalike = _temp.Combine("index.csv.tmp-backup");
        foreach (string f in new[] { old, fresh, otherFile, lookalike })
        {
            File.WriteAllText(f, "{}");
        }

        var longAgo = DateTime.UtcNow - StaleTemporaries.TempFileStaleAfter - TimeSpan.FromMinutes(1);
        foreach (string f in new[] { old, otherFile, lookalike })
        {
            File.SetLastWriteTimeUtc(f, longAgo);
        }

        var removed = StaleTemporaries.RemoveStaleTempFiles(_temp.Path, ["plan.json", "index.csv"]);

        Assert.Equal([old], removed);
        Assert.Equal([$"index.csv.tmp-backup", $"notes.txt.tmp-{Hex}", $"plan.json.tmp-{OtherHex}"], Entries());
    }
}
