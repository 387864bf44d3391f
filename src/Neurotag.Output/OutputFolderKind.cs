using Neurotag.Output.Sweeps;

namespace Neurotag.Output;

/// <summary>What an output path holds, as far as replacing or writing into it is concerned.</summary>
public enum OutputFolderKind
{
    /// <summary>Nothing exists at the path.</summary>
    Absent,

    /// <summary>An empty folder.</summary>
    Empty,

    /// <summary>A run folder of this tool: its manifest.json reads as a <see cref="RunManifest"/>.</summary>
    Run,

    /// <summary>A sweep folder of this tool: its plan.json reads as a <see cref="SweepPlanFile"/>.</summary>
    Sweep,

    /// <summary>Anything else: a user's own folder, which this tool must never delete or write into.</summary>
    Foreign,
}

/// <summary>
/// Decides whether a folder may be replaced or written into. <c>--force</c> once deleted whatever folder <c>--out</c>
/// named (<c>--out . --force</c> in a project folder removed its <c>.git/</c> and sources), so replacement is allowed
/// only where the tool's own marker file shows the folder is one of its runs or sweeps.
/// </summary>
public static class OutputFolderGuard
{
    /// <summary>Classifies <paramref name="path"/> (absolute or relative to the current directory).</summary>
    /// <exception cref="IOException">The folder's entries cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be read.</exception>
    public static OutputFolderKind Classify(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Directory.Exists(path))
        {
            return OutputFolderKind.Absent;
        }

        if (!Directory.EnumerateFileSystemEntries(path).Any())
        {
            return OutputFolderKind.Empty;
        }

        if (RunManifest.TryRead(path) is not null)
        {
            return OutputFolderKind.Run;
        }

        return SweepPlanFile.TryRead(path) is not null ? OutputFolderKind.Sweep : OutputFolderKind.Foreign;
    }

    /// <summary>
    /// Refuses a sweep (or merge) output folder that is neither absent, empty nor a sweep folder: a sweep writes
    /// plan.json, points/, index.csv and summary.csv into it and would overwrite a user's own files of those names.
    /// </summary>
    /// <param name="path">The sweep folder (<c>--out</c>).</param>
    /// <exception cref="OutputFolderException">The folder holds something else.</exception>
    public static void RequireSweepFolder(string path)
    {
        OutputFolderKind kind;
        try
        {
            kind = Classify(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"Cannot read the output folder '{path}': {e.Message}", "check that you may read and write there", e);
        }

        if (kind == OutputFolderKind.Run)
        {
            throw new OutputFolderException(
                $"The output folder '{path}' holds a single run (manifest.json), not a sweep; a sweep would write its points and index.csv into it.",
                "choose another --out for the sweep (a new or empty folder)");
        }

        if (File.Exists(path))
        {
            throw new OutputFolderException($"The output path '{path}' is an existing file, not a folder.", "choose another --out, or remove the file");
        }

        if (kind == OutputFolderKind.Foreign)
        {
            throw new OutputFolderException(
                $"The output folder '{path}' is not empty and is not a neurotag-cli sweep folder (it has no valid {SweepPlanFile.FileName}); it is left untouched.",
                "choose another --out: a new or empty folder, or the folder of an earlier sweep");
        }
    }
}
