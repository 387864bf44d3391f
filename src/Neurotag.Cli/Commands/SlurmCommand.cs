using System.CommandLine;
using System.Globalization;
using System.Text;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>slurm SCENARIO --out DIR --shards N [--partition P] [--time T] [--cpus C] [sweep options]</c>: writes
/// <c>DIR/slurm/sweep.sbatch</c> (an array job, task I runs <c>sweep --shard I/N</c> into DIR), <c>merge.sbatch</c>
/// (<c>merge DIR</c>) and <c>submit.sh</c> (submits the array, then the merge with <c>afterany</c> so the merge always
/// runs and reports missing or failed points itself). Nothing is submitted and no point runs here; each shard writes
/// the plan itself.
/// </summary>
internal static class SlurmCommand
{
    /// <summary>The folder inside the sweep folder that holds the scripts and the Slurm logs.</summary>
    public const string Folder = "slurm";

    /// <summary>The array job script.</summary>
    public const string SweepScript = "sweep.sbatch";

    /// <summary>The merge job script.</summary>
    public const string MergeScript = "merge.sbatch";

    /// <summary>The script that submits both.</summary>
    public const string SubmitScript = "submit.sh";

    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file (YAML)." };
        var outDir = new Option<string>("--out", "-o") { Description = "The sweep folder shared by every shard; the scripts go into DIR/slurm/.", Required = true };
        var shards = NumberOptions.Count("--shards", "Array tasks: task I runs the points with index ≡ I (mod N).", "16");
        shards.Required = true;
        var partition = new Option<string?>("--partition") { Description = "The Slurm partition [default: the cluster's default]." };
        var time = new Option<string?>("--time") { Description = "Time limit of each task, as Slurm writes it (e.g. 01:00:00) [default: the partition's]." };
        var cpus = NumberOptions.Count("--cpus", "CPUs per task; each task runs that many points at once [default: 1].", "4");
        var grid = new Option<string[]>("--grid") { Description = "Passed to sweep: PATH=V1,V2,... (repeatable)." };
        var set = new Option<string[]>("--set") { Description = "Passed to sweep: PATH=VALUE (repeatable)." };
        var seeds = NumberOptions.Count("--seeds", "Passed to sweep: replicates per point.", "10");
        var seed = NumberOptions.Seed("Passed to sweep: the first seed.");
        var command = new Command("slurm", "Write a Slurm array job (one task per shard) and a merge job that runs after it; print the submit script.")
        {
            scenario, outDir, shards, partition, time, cpus, grid, set, seeds, seed,
        };
        command.SetAction(parse => Execute(
            context,
            parse.GetValue(scenario)!,
            parse.GetValue(outDir)!,
            new SlurmArguments(
                parse.GetValue(shards) ?? 0,
                parse.GetValue(partition),
                parse.GetValue(time),
                parse.GetValue(cpus) ?? 1,
                parse.GetValue(grid) ?? [],
                parse.GetValue(set) ?? [],
                parse.GetValue(seeds),
                parse.GetValue(seed))));
        return command;
    }

    internal sealed record SlurmArguments(int Shards, string? Partition, string? Time, int Cpus, string[] Grid, string[] Set, int? Seeds, ulong? Seed);

    internal static int Execute(CliContext context, string scenarioPath, string outDir, SlurmArguments args)
    {
        var errors = new List<Diagnostic>();
        if (args.Shards < 1)
        {
            errors.Add(new Diagnostic("--shards", 1, 1, "", "expected at least 1 shard", "for example --shards 16"));
        }

        if (args.Cpus < 1)
        {
            errors.Add(new Diagnostic("--cpus", 1, 1, "", "expected at least 1 CPU per task", "for example --cpus 4"));
        }

        CheckWord(args.Partition, "--partition", "for example --partition short", errors);
        CheckWord(args.Time, "--time", "for example --time 01:00:00", errors);
        string dir = Path.GetFullPath(outDir);
        if (dir.IndexOfAny(['"', '\\', '\n', '\r']) >= 0)
        {
            // The log paths go into #SBATCH directives, which have no way to escape these.
            errors.Add(new Diagnostic("--out", 1, 1, "", $"'{outDir}' contains a double quote, backslash or line break, which #SBATCH lines cannot hold", "choose a plainer folder name"));
        }

        // The same checks the shards make first, so bad input fails here rather than in N queued tasks.
        var setup = SweepSetup.Prepare(scenarioPath, args.Set, args.Grid, args.Seeds, args.Seed, errors);
        if (setup is null || errors.Count > 0)
        {
            return ScenarioInput.Report(context, scenarioPath, errors);
        }

        int points = setup.Expand().Count;

        string slurmDir = Path.Combine(dir, Folder);
        var scripts = Scripts(Path.GetFullPath(scenarioPath), dir, args);
        try
        {
            Directory.CreateDirectory(slurmDir);
            foreach (var (name, text) in scripts)
            {
                string path = Path.Combine(slurmDir, name);
                File.WriteAllText(path, text, new UTF8Encoding(false));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{outDir}: cannot write {slurmDir}: {e.Message} (hint: check the folder's permissions and free space)");
            return ExitCodes.InvalidInput;
        }

        if (args.Shards > points)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {args.Shards} shards for {points} points: array tasks {points}..{args.Shards - 1} will have nothing to run"));
        }

        string submit = Path.Combine(slurmDir, SubmitScript);
        context.Out.WriteLine(submit);
        context.Error.WriteLine("submit with: bash " + QuoteIfNeeded(submit));
        return ExitCodes.Ok;
    }

    /// <summary>The three scripts' names and texts.</summary>
    internal static IReadOnlyList<(string Name, string Text)> Scripts(string scenario, string dir, SlurmArguments args)
    {
        string slurmDir = Path.Combine(dir, Folder);
        string cli = CliInvocation();
        string name = JobName(scenario);
        string n = args.Shards.ToString(CultureInfo.InvariantCulture);

        var sweepOptions = new List<string>();
        foreach (string g in args.Grid)
        {
            sweepOptions.Add("--grid " + Quote(g));
        }

        foreach (string s in args.Set)
        {
            sweepOptions.Add("--set " + Quote(s));
        }

        if (args.Seeds is { } seeds)
        {
            sweepOptions.Add("--seeds " + seeds.ToString(CultureInfo.InvariantCulture));
        }

        if (args.Seed is { } seed)
        {
            sweepOptions.Add("--seed " + seed.ToString(CultureInfo.InvariantCulture));
        }

        var sweep = new StringBuilder();
        sweep.Append("#!/bin/bash\n");
        sweep.Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --job-name={name}\n"));
        sweep.Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{args.Shards - 1}\n"));
        sweep.Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={args.Cpus}\n"));
        AppendCommonDirectives(sweep, args);
        sweep.Append("#SBATCH --output=").Append(DirectivePath(slurmDir, "shard-%a.log")).Append('\n');
        sweep.Append(string.Create(CultureInfo.InvariantCulture, $"# Generated by 'neurotag-cli slurm': task I of {n} runs the sweep points with index ≡ I (mod {n}) into\n"));
        sweep.Append("# the shared sweep folder; merge.sbatch then checks that every point is there. Run by hand with\n");
        sweep.Append("# SLURM_ARRAY_TASK_ID=I bash sweep.sbatch (the #SBATCH lines are comments to bash).\n");
        sweep.Append("set -euo pipefail\n");
        sweep.Append(": \"${SLURM_ARRAY_TASK_ID:?is not set: submit this script as an array job (submit.sh), or set SLURM_ARRAY_TASK_ID=I to run shard I}\"\n");
        sweep.Append("exec ").Append(cli).Append(" sweep ").Append(Quote(scenario)).Append(" --out ").Append(Quote(dir)).Append(" \\\n");
        sweep.Append("  --shard \"${SLURM_ARRAY_TASK_ID}/").Append(n).Append("\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --quiet");
        foreach (string option in sweepOptions)
        {
            sweep.Append(" \\\n  ").Append(option);
        }

        sweep.Append('\n');

        var merge = new StringBuilder();
        merge.Append("#!/bin/bash\n");
        merge.Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --job-name={name}-merge\n"));
        merge.Append("#SBATCH --cpus-per-task=1\n");
        AppendCommonDirectives(merge, args);
        merge.Append("#SBATCH --output=").Append(DirectivePath(slurmDir, "merge.log")).Append('\n');
        merge.Append("# Generated by 'neurotag-cli slurm': builds index.csv and summary.csv from the shards' run folders.\n");
        merge.Append("# Exit 0: every point ok; 3: some failed; 2: points missing or duplicated (named in merge.log).\n");
        merge.Append("set -euo pipefail\n");
        merge.Append("exec ").Append(cli).Append(" merge ").Append(Quote(dir)).Append('\n');

        string sweepPath = Quote(Path.Combine(slurmDir, SweepScript));
        string mergePath = Quote(Path.Combine(slurmDir, MergeScript));
        var submit = new StringBuilder();
        submit.Append("#!/bin/bash\n");
        submit.Append("# Generated by 'neurotag-cli slurm': submits the shard array, then the merge with afterany, so the merge\n");
        submit.Append("# runs even when shards fail and reports missing or failed points itself (never trust the exit codes).\n");
        submit.Append("# Arguments are passed to both sbatch calls (e.g. --account=NAME).\n");
        submit.Append("set -euo pipefail\n");
        submit.Append("array=$(sbatch --parsable \"$@\" ").Append(sweepPath).Append(")\n");
        submit.Append("array=${array%%;*}\n");
        submit.Append("merge=$(sbatch --parsable --dependency=afterany:\"${array}\" \"$@\" ").Append(mergePath).Append(")\n");
        submit.Append("merge=${merge%%;*}\n");
        submit.Append("echo \"array job: ${array}\"\n");
        submit.Append("echo \"merge job: ${merge}\"\n");
        submit.Append("echo \"logs: ").Append(DoubleQuoteBody(slurmDir)).Append("/shard-<task>.log and merge.log\" >&2\n");

        return [(SweepScript, sweep.ToString()), (MergeScript, merge.ToString()), (SubmitScript, submit.ToString())];
    }

    /// <summary>
    /// The command that runs this same neurotag-cli: <c>dotnet neurotag-cli.dll</c> when running under the dotnet
    /// host, else the apphost itself. Both quoted for bash.
    /// </summary>
    internal static string CliInvocation()
    {
        string? process = Environment.ProcessPath;
        if (process is null)
        {
            return "neurotag-cli";
        }

        string file = Path.GetFileName(process);
        return file is "dotnet" or "dotnet.exe"
            ? Quote(process) + " " + Quote(Path.Combine(AppContext.BaseDirectory, "neurotag-cli.dll"))
            : Quote(process);
    }

    /// <summary>Quotes <paramref name="text"/> as one bash word: single quotes, each embedded one written <c>'\''</c>.</summary>
    internal static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string QuoteIfNeeded(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:@,=".Contains(c, StringComparison.Ordinal)) ? text : Quote(text);

    private static string DoubleQuoteBody(string text)
    {
        var b = new StringBuilder();
        foreach (char c in text)
        {
            if (c is '"' or '\\' or '$' or '`')
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        return b.ToString();
    }

    private static void AppendCommonDirectives(StringBuilder script, SlurmArguments args)
    {
        if (args.Partition is { } partition)
        {
            script.Append("#SBATCH --partition=").Append(partition).Append('\n');
        }

        if (args.Time is { } time)
        {
            script.Append("#SBATCH --time=").Append(time).Append('\n');
        }
    }

    /// <summary>A log path for an #SBATCH line: the folder's '%' doubled (Slurm's filename patterns), quoted when it has spaces.</summary>
    private static string DirectivePath(string folder, string pattern)
    {
        string path = folder.Replace("%", "%%", StringComparison.Ordinal) + "/" + pattern;
        return path.Any(char.IsWhiteSpace) ? "\"" + path + "\"" : path;
    }

    private static string JobName(string scenario)
    {
        string stem = Path.GetFileNameWithoutExtension(scenario);
        var b = new StringBuilder("neurotag-");
        foreach (char c in stem)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return b.ToString();
    }

    private static void CheckWord(string? value, string flag, string hint, List<Diagnostic> errors)
    {
        if (value is not null && (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '\\')))
        {
            errors.Add(new Diagnostic(flag, 1, 1, "", $"expected one word, found '{value}'", hint));
        }
    }

}
