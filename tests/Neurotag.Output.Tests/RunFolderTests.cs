namespace Neurotag.Output.Tests;

public sealed class RunFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string[] Siblings() =>
        [.. Directory.GetFileSystemEntries(_temp.Path).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    /// <summary>A folder holding a completed run of this tool: a manifest.json that reads as a <see cref="RunManifest"/>, plus files.</summary>
    private static void FillRun(string directory, params string[] files)
    {
        Fill(directory, files);
        RunManifest.Write(
            new RunManifest
            {
                ToolVersion = "test",
                ScenarioPath = "x.yaml",
                ScenarioSha256 = new string('0', 64),
                Seed = 1,
                DtMs = 1,
                Steps = 1,
                SimulatedSteps = 1,
                StartTimeMs = 0,
                EndTimeMs = 1,
                WallTimeSeconds = 0,
                ExitStatus = "ok",
                StartedUtc = "2026-01-01T00:00:00.0000000Z",
            },
            directory);
    }

    private static void Fill(string directory, params string[] files)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(directory, file), file);
        }
    }

    [Fact]
    public void Prepare_WhenFolderAbsent_CreatesHiddenStagingNextToItAndNotTheFolder()
    {
        var final = _temp.Combine("run");
        using var folder = RunFolder.Prepare(final, force: false);

        Assert.Equal(final, folder.FinalPath);
        Assert.Equal(_temp.Path, Path.GetDirectoryName(folder.StagingPath));
        Assert.StartsWith(".run.tmp-", Path.GetFileName(folder.StagingPath), StringComparison.Ordinal);
        Assert.Matches("^\\.run\\.tmp-[0-9a-f]{32}$", Path.GetFileName(folder.StagingPath));
        Assert.True(Directory.Exists(folder.StagingPath));
        Assert.False(Directory.Exists(final));
    }

    [Fact]
    public void Prepare_WhenParentMissing_CreatesIt()
    {
        var final = _temp.Combine("a", "b", "run");
        using var folder = RunFolder.Prepare(final, force: false);
        Fill(folder.StagingPath, "x.csv");
        folder.Commit();

        Assert.True(File.Exists(Path.Combine(final, "x.csv")));
    }

    [Fact]
    public void Prepare_WithTrailingSeparator_NamesTheFolderItself()
    {
        var final = _temp.Combine("run");
        using var folder = RunFolder.Prepare(final + Path.DirectorySeparatorChar, force: false);

        Assert.Equal(final, folder.FinalPath);
        Assert.StartsWith(".run.tmp-", Path.GetFileName(folder.StagingPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_WhenFolderAbsent_MovesStagingIntoPlaceAndLeavesNoStaging()
    {
        var final = _temp.Combine("run");
        using (var folder = RunFolder.Prepare(final, force: false))
        {
            Fill(folder.StagingPath, "tags.csv", "manifest.json");
            folder.Commit();
            Assert.True(folder.IsCommitted);
        }

        Assert.Equal(["run"], Siblings());
        Assert.Equal(["manifest.json", "tags.csv"], Directory.GetFiles(final).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prepare_WhenFolderHoldsCompletedRunWithoutForce_RefusesWithHint()
    {
        var final = _temp.Combine("run");
        FillRun(final, "tags.csv");

        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(final, force: false));

        Assert.Contains(final, e.Message, StringComparison.Ordinal);
        Assert.Contains("already holds a run", e.Message, StringComparison.Ordinal);
        Assert.Equal("pass --force to replace that run, or choose another --out", e.Hint);
        Assert.Equal(["run"], Siblings());
        Assert.Equal(2, Directory.GetFiles(final).Length);
    }

    [Fact]
    public void Prepare_WhenFolderHoldsOtherFilesWithoutForce_RefusesWithHint()
    {
        var final = _temp.Combine("run");
        Fill(final, "notes.txt");

        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(final, force: false));

        Assert.Contains(final, e.Message, StringComparison.Ordinal);
        Assert.Equal(RunFolder.ForeignFolderHint, e.Hint);
        Assert.DoesNotContain("--force", e.Hint, StringComparison.Ordinal);
        Assert.Equal(["run"], Siblings());
    }

    [Fact]
    public void Prepare_WhenFolderHoldsOnlyASubfolderWithoutForce_Refuses()
    {
        var final = _temp.Combine("run");
        Directory.CreateDirectory(Path.Combine(final, "figures"));

        Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(final, force: false));
    }

    [Fact]
    public void Commit_WhenFolderExistsButEmpty_ReplacesItWithoutForce()
    {
        var final = _temp.Combine("run");
        Directory.CreateDirectory(final);

        using (var folder = RunFolder.Prepare(final, force: false))
        {
            Fill(folder.StagingPath, "tags.csv");
            folder.Commit();
        }

        Assert.Equal(["run"], Siblings());
        Assert.True(File.Exists(Path.Combine(final, "tags.csv")));
    }

    [Fact]
    public void Commit_WhenForceAndFolderExists_ReplacesItWhole()
    {
        var final = _temp.Combine("run");
        FillRun(final, "old.csv");
        Fill(Path.Combine(final, "figures"), "old.svg");

        using (var folder = RunFolder.Prepare(final, force: true))
        {
            Fill(folder.StagingPath, "new.csv");

            // Until the commit, the previous run is still there, untouched.
            Assert.True(File.Exists(Path.Combine(final, "old.csv")));

            folder.Commit();
        }

        Assert.Equal(["run"], Siblings());
        Assert.Equal(["new.csv"], Directory.GetFileSystemEntries(final).Select(Path.GetFileName));
    }

    [Fact]
    public void Commit_WhenFolderFilledMeanwhileWithoutForce_RefusesAndKeepsBoth()
    {
        var final = _temp.Combine("run");
        using (var folder = RunFolder.Prepare(final, force: false))
        {
            Fill(folder.StagingPath, "new.csv");
            FillRun(final);

            var e = Assert.Throws<OutputFolderException>(folder.Commit);
            Assert.Equal(RunFolder.OverwriteHint, e.Hint);
            Assert.False(folder.IsCommitted);
            Assert.True(Directory.Exists(folder.StagingPath));
        }

        Assert.Equal(["run"], Siblings());
        Assert.Equal(["manifest.json"], Directory.GetFileSystemEntries(final).Select(Path.GetFileName));
    }

    [Fact]
    public void Abandon_DeletesStagingAndLeavesExistingFolderUntouched()
    {
        var final = _temp.Combine("run");
        FillRun(final);

        var folder = RunFolder.Prepare(final, force: true);
        Fill(folder.StagingPath, "partial.csv");
        folder.Abandon();
        folder.Abandon();
        folder.Dispose();

        Assert.Equal(["run"], Siblings());
        Assert.Equal(["manifest.json"], Directory.GetFileSystemEntries(final).Select(Path.GetFileName));
    }

    [Fact]
    public void Dispose_WithoutCommit_DeletesStagingAndCreatesNoFolder()
    {
        var final = _temp.Combine("run");
        string staging;
        using (var folder = RunFolder.Prepare(final, force: false))
        {
            staging = folder.StagingPath;
            Fill(staging, "partial.csv");
        }

        Assert.False(Directory.Exists(staging));
        Assert.False(Directory.Exists(final));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Dispose_AfterCommit_KeepsTheRun()
    {
        var final = _temp.Combine("run");
        var folder = RunFolder.Prepare(final, force: false);
        Fill(folder.StagingPath, "tags.csv");
        folder.Commit();
        folder.Dispose();

        Assert.True(File.Exists(Path.Combine(final, "tags.csv")));
    }

    [Fact]
    public void Commit_Twice_Throws()
    {
        using var folder = RunFolder.Prepare(_temp.Combine("run"), force: false);
        folder.Commit();

        Assert.Throws<InvalidOperationException>(folder.Commit);
        Assert.Throws<InvalidOperationException>(folder.Abandon);
    }

    [Fact]
    public void Commit_AfterAbandon_Throws()
    {
        using var folder = RunFolder.Prepare(_temp.Combine("run"), force: false);
        folder.Abandon();

        Assert.Throws<InvalidOperationException>(folder.Commit);
    }

    [Fact]
    public void Commit_WhenStagingDeletedMeanwhile_ThrowsOutputFolderException()
    {
        using var folder = RunFolder.Prepare(_temp.Combine("run"), force: false);
        Directory.Delete(folder.StagingPath);

        var e = Assert.Throws<OutputFolderException>(folder.Commit);
        Assert.NotEmpty(e.Hint);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Prepare_WhenPathIsAnExistingFile_ThrowsOutputFolderException(bool force)
    {
        var path = _temp.Combine("run");
        File.WriteAllText(path, "not a folder");

        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(path, force));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("file", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(e.Hint);
        Assert.Equal(["run"], Siblings());
    }

    [Fact]
    public void Prepare_WhenParentIsAFile_ThrowsOutputFolderExceptionNotIOException()
    {
        var file = _temp.Combine("blocker");
        File.WriteAllText(file, "x");
        var path = Path.Combine(file, "run");

        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(path, force: false));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(e.Hint);
        Assert.NotNull(e.InnerException);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Prepare_WhenPathIsBlank_ThrowsOutputFolderException(string path)
    {
        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(path, force: false));
        Assert.NotEmpty(e.Hint);
    }

    [Fact]
    public void Prepare_WhenPathIsInvalid_ThrowsOutputFolderException()
    {
        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare("bad\0name", force: false));
        Assert.NotEmpty(e.Hint);
    }

    [Fact]
    public void Prepare_WhenPathIsRoot_ThrowsOutputFolderException()
    {
        var root = Path.GetPathRoot(_temp.Path)!;
        Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(root, force: true));
    }

    [Fact]
    public void Prepare_RelativePath_ResolvesAgainstCurrentDirectory()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _temp.Combine("run"));
        using var folder = RunFolder.Prepare(relative, force: false);

        Assert.Equal(_temp.Combine("run"), folder.FinalPath);
    }

    /// <summary>
    /// Regression: <c>cd proj &amp;&amp; neurotag-cli run x.yaml --out . --force</c> deleted everything in proj/,
    /// .git/ and sources included. --force replaces only a run of this tool; anything else is refused and untouched.
    /// </summary>
    [Fact]
    public void Force_NeverReplacesAFolderThatIsNotARun_AndDoesNotSuggestForce()
    {
        var project = _temp.Combine("proj");
        Fill(Path.Combine(project, ".git"), "HEAD");
        Fill(Path.Combine(project, "src"), "Program.cs");
        Fill(project, "README.md");

        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(project, force: true));

        Assert.Contains("not a neurotag-cli run", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--force", e.Hint, StringComparison.Ordinal);
        Assert.Equal(["proj"], Siblings());
        Assert.True(File.Exists(Path.Combine(project, ".git", "HEAD")));
        Assert.True(File.Exists(Path.Combine(project, "src", "Program.cs")));
        Assert.True(File.Exists(Path.Combine(project, "README.md")));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"name\": \"my-npm-package\", \"version\": \"1.0.0\"}")]
    public void Force_RefusesAFolderWhoseManifestIsNotARunManifest(string manifestText)
    {
        var folder = _temp.Combine("web");
        Fill(folder, "index.html");
        File.WriteAllText(Path.Combine(folder, RunManifest.FileName), manifestText);

        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(folder, force: true));

        Assert.DoesNotContain("--force", e.Hint, StringComparison.Ordinal);
        Assert.Equal(manifestText, File.ReadAllText(Path.Combine(folder, RunManifest.FileName)));
        Assert.True(File.Exists(Path.Combine(folder, "index.html")));
    }

    [Fact]
    public void Force_RefusesASweepFolder()
    {
        var sweep = _temp.Combine("sweep");
        new Neurotag.Output.Sweeps.SweepPlanFile("x.yaml", new string('0', 64), ["a"], []).WriteTo(sweep);

        var e = Assert.Throws<OutputFolderException>(() => RunFolder.Prepare(sweep, force: true));

        Assert.Contains("sweep", e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sweep, Neurotag.Output.Sweeps.SweepPlanFile.FileName)));
    }

    /// <summary>A folder that became a user's folder between Prepare and Commit is not replaced either.</summary>
    [Fact]
    public void Force_CommitRefusesWhenTheRunFolderWasReplacedByForeignFilesMeanwhile()
    {
        var final = _temp.Combine("run");
        FillRun(final);
        using var folder = RunFolder.Prepare(final, force: true);
        Fill(folder.StagingPath, "new.csv");
        File.Delete(Path.Combine(final, RunManifest.FileName));
        Fill(final, "thesis.tex");

        Assert.Throws<OutputFolderException>(folder.Commit);

        Assert.True(File.Exists(Path.Combine(final, "thesis.tex")));
    }

    /// <summary>Issue #11, defect 5: a live staging folder is marked by its lock file, which goes with it.</summary>
    [Fact]
    public void Prepare_HoldsALockFileBesideTheStagingFolder_GoneOnCommitAndOnAbandon()
    {
        var committed = RunFolder.Prepare(_temp.Combine("run"), force: false);
        Assert.True(File.Exists(committed.StagingPath + ".lock"));
        Assert.Throws<IOException>(() => new FileStream(committed.StagingPath + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
        committed.Commit();
        committed.Dispose();

        string abandoned;
        using (var folder = RunFolder.Prepare(_temp.Combine("other"), force: false))
        {
            abandoned = folder.StagingPath;
        }

        Assert.False(File.Exists(abandoned + ".lock"));
        Assert.Equal(["run"], Siblings());
    }

    /// <summary>Issue #11, defect 5: <c>.tmp-*</c> folders of killed runs stayed forever, even after a successful rerun.</summary>
    [Fact]
    public void Prepare_RemovesStaleLeftoversOfAKilledRunIntoTheSameOutput_ButNotALiveRunsStaging()
    {
        var final = _temp.Combine("run");
        const string Hex = "00112233445566778899aabbccddeeff";
        string killed = _temp.Combine($".run.tmp-{Hex}");
        Fill(killed, "tags.csv");
        File.WriteAllText(killed + ".lock", "another-node\n17\n0\n");
        Fill(_temp.Combine($".run.old-{Hex}"), "manifest.json");
        using var live = RunFolder.Prepare(final, force: false); // also removes them; its own staging is live

        using var second = RunFolder.Prepare(final, force: false);

        Assert.Equal(2, live.RemovedLeftovers.Count + second.RemovedLeftovers.Count);
        Assert.True(Directory.Exists(live.StagingPath));
        Assert.True(File.Exists(live.StagingPath + ".lock"));
        Assert.False(Directory.Exists(killed));
        Assert.False(File.Exists(killed + ".lock"));
    }
}
