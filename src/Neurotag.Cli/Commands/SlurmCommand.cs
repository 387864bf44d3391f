using System.CommandLine;
using System.Globalization;
using System.Text;
using Neurotag.Output;
using Neurotag.Scenarios;
using Neurotag.Output.Sweeps;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>slurm SCENARIO --out DIR --shards N [--partition P] [--time T] [--mem M] [--cpus C] [sweep options]</c>: copies
/// the scenario into <c>DIR/slurm/</c> and writes there <c>sweep.sbatch</c> (an array job, task I runs
/// <c>sweep --shard I/N</c> into DIR from that copy), <c>merge.sbatch</c> (<c>merge DIR</c>) and <c>submit.sh</c>
/// (submits the array, then the merge with <c>afterany</c> so the merge always runs and reports missing or failed
/// points itself). The scripts hold no absolute path: they run from the sweep folder (submit.sh submits from it) and
/// find neurotag-cli on PATH or in <c>NEUROTAG_CLI</c>, so the folder can be moved or mounted elsewhere, and editing
/// the original scenario does not change a sweep under way. Nothing is submitted and no point runs here; each
/// shard writes the plan itself.
/// </summary>
internal static class SlurmCommand
{
    /// <summary>The folder inside the sweep folder that holds the scripts, the scenario copy and the Slurm logs.</summary>
    public const string Folder = "slurm";

    /// <summary>The array job script.</summary>
    public const string SweepScript = "sweep.sbatch";

    /// <summary>The merge job script.</summary>
    public const string MergeScript = "merge.sbatch";

    /// <summary>The script that submits both.</summary>
    public const string SubmitScript = "submit.sh";

    /// <summary>The variable that names the command the jobs run, when neurotag-cli is not on the nodes' PATH.</summary>
    public const string CliVariable = "NEUROTAG_CLI";

    /// <summary>Memory for the .NET runtime, the recorders and the CSV writers of a task, beyond the network state (MiB).</summary>
    internal const long RuntimeMiB = 256;

    /// <summary>The merge job's memory: it reads summaries, not networks.</summary>
    internal const string MergeMemory = "512M";

    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file (YAML); a copy goes into DIR/slurm/ and the jobs run from it." };
        var outDir = new Option<string>("--out", "-o") { Description = "The sweep folder shared by every shard; the scripts go into DIR/slurm/.", Required = true };
        var shards = NumberOptions.Count("--shards", "Array tasks: task I runs the points with index ≡ I (mod N).", "16");
        shards.Required = true;
        var partition = new Option<string?>("--partition") { Description = "The Slurm partition [default: the cluster's default]." };
        var time = new Option<string?>("--time") { Description = "Time limit of each task, as Slurm writes it (e.g. 01:00:00) [default: the partition's]." };
        var mem = new Option<string?>("--mem") { Description = "Memory of each task, as Slurm writes it (e.g. 4G, 500M) [default: from the largest point's memory estimate (describe), times --cpus, with headroom]." };
        var cpus = NumberOptions.Count("--cpus", "CPUs per task; each task runs that many points at once [default: 1].", "4");
        var grid = new Option<string[]>("--grid") { Description = "Passed to sweep: PATH=V1,V2,... (repeatable)." };
        var set = new Option<string[]>("--set") { Description = "Passed to sweep: PATH=VALUE (repeatable)." };
        var seeds = NumberOptions.Count("--seeds", "Passed to sweep: replicates per point.", "10");
        var seed = NumberOptions.Seed("Passed to sweep: the first seed.");
        var allowLarge = AllowLargeOption.Create();
        var command = new Command("slurm", "Write a Slurm array job (one task per shard) and a merge job that runs after it; print the submit script.")
        {
            scenario, outDir, shards, partition, time, mem, cpus, grid, set, seeds, seed, allowLarge,
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
                parse.GetValue(seed))
            {
                Mem = parse.GetValue(mem),
                AllowLarge = parse.GetValue(allowLarge),
            }));
        return command;
    }

    internal sealed record SlurmArguments(int Shards, string? Partition, string? Time, int Cpus, string[] Grid, string[] Set, int? Seeds, ulong? Seed)
    {
        /// <summary>Passed to sweep: lift the projected-output limit (<c>--allow-large</c>).</summary>
        public bool AllowLarge { get; init; }

        /// <summary>--mem as given; null to size it from the memory estimate.</summary>
        public string? Mem { get; init; }
    }

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
        if (args.Mem is { } m && !IsSlurmMemory(m))
        {
            errors.Add(new Diagnostic("--mem", 1, 1, "", $"expected a size as Slurm writes it (a whole number with an optional K, M, G or T; M when none), found '{m}'", "for example --mem 4G or --mem 500M"));
        }

        string dir = Path.GetFullPath(outDir);

        // The same checks the shards make first, so bad input fails here rather than in N queued tasks.
        var setup = SweepSetup.Prepare(scenarioPath, args.Set, args.Grid, args.Seeds, args.Seed, errors, args.AllowLarge);
        if (setup is null || errors.Count > 0)
        {
            return ScenarioInput.Report(context, scenarioPath, errors);
        }

        var points = setup.Expand();
        string copyName = ScenarioCopyName(scenarioPath);
        string copyPath = Path.Combine(Folder, copyName);
        if (SweepPlanFile.TryRead(dir) is { } existing && !existing.SameSweepAs(setup.Plan(copyPath, points)))
        {
            context.Error.WriteLine($"{outDir}: already holds a different sweep (its plan.json has another scenario content or other points); its shards would refuse to run (hint: use another --out)");
            return ExitCodes.InvalidInput;
        }

        // Each task runs --cpus points at once; the largest point sets the figure (sweeps may vary sizes).
        long? estimate = SweepValidation.Check(setup.Document, setup.Sweep, setup.FixedOverrides, new ScenarioOptions { AllowLargeOutput = args.AllowLarge }).MaxMemoryBytes;
        string memory = args.Mem ?? DefaultMemory(estimate ?? 0, args.Cpus);

        string slurmDir = Path.Combine(dir, Folder);
        try
        {
            // The sweep folder must be new, empty or an earlier sweep; plan.json marks it as a sweep for the shards.
            OutputFolderGuard.RequireSweepFolder(dir);
            setup.Plan(copyPath, points).WriteTo(dir);
            Directory.CreateDirectory(slurmDir);
            WriteAtomically(Path.Combine(slurmDir, copyName), setup.Document.Bytes, executable: false);
            foreach (var (name, text) in Scripts(copyName, args, memory))
            {
                WriteAtomically(Path.Combine(slurmDir, name), new UTF8Encoding(false).GetBytes(text), executable: true);
            }
        }
        catch (OutputFolderException e)
        {
            context.Error.WriteLine($"{outDir}: {e.Message} (hint: {e.Hint})");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{outDir}: cannot write {slurmDir}: {e.Message} (hint: check the folder's permissions and free space)");
            return ExitCodes.InvalidInput;
        }

        if (args.Shards > points.Count)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {args.Shards} shards for {points.Count} points: array tasks {points.Count}..{args.Shards - 1} will have nothing to run"));
        }

        if (args.Mem is null)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: --mem={memory} per task ({args.Cpus} point{(args.Cpus == 1 ? "" : "s")} at once x ~{(estimate ?? 0) / 1048576.0:0.0} MiB of network state, the largest point's estimate, doubled, + {RuntimeMiB} MiB for the runtime); set --mem to change it"));
        }

        if (Environment.GetEnvironmentVariable(CliVariable) is null && !OnPath("neurotag-cli"))
        {
            context.Error.WriteLine($"warning: the jobs run 'neurotag-cli' from PATH, and it is not on PATH here: install it where the jobs run (dotnet tool install --global neurotag-cli), or export {CliVariable}=\"{CliInvocation()}\" before submit.sh");
        }

        string submit = Path.Combine(slurmDir, SubmitScript);
        context.Out.WriteLine(submit);
        context.Error.WriteLine("submit with: bash " + QuoteIfNeeded(submit));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The default --mem: each of the task's points needs its network state (the compiler's estimate, which describe
    /// shows) twice over for what the estimate leaves out (recorders, buffers, the GC's slack), plus the runtime;
    /// rounded up to whole MiB.
    /// </summary>
    internal static string DefaultMemory(long networkBytes, int cpus)
    {
        double mib = RuntimeMiB + (cpus * 2.0 * networkBytes / 1048576.0);
        return string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(mib)}M");
    }

    /// <summary>Slurm's memory syntax: a whole number with an optional unit K, M, G or T (MB when none).</summary>
    internal static bool IsSlurmMemory(string text) =>
        text.Length > 0 && text.Length <= 20
        && char.IsAsciiDigit(text[0])
        && text.TrimEnd('K', 'M', 'G', 'T').All(char.IsAsciiDigit)
        && text.Length - text.TrimEnd('K', 'M', 'G', 'T').Length <= 1;

    /// <summary>The three scripts' names and texts; <paramref name="scenario"/> is the copy's name inside slurm/.</summary>
    internal static IReadOnlyList<(string Name, string Text)> Scripts(string scenario, SlurmArguments args, string memory)
    {
        string name = JobName(scenario);
        string n = args.Shards.ToString(CultureInfo.InvariantCulture);
        string copy = Quote(Folder + "/" + scenario);

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

        if (args.AllowLarge)
        {
            sweepOptions.Add("--allow-large");
        }

        var sweep = new StringBuilder();
        sweep.Append("#!/bin/bash\n");
        sweep.Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --job-name={name}\n"));
        sweep.Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{args.Shards - 1}\n"));
        sweep.Append(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={args.Cpus}\n"));
        sweep.Append("#SBATCH --mem=").Append(memory).Append('\n');
        AppendCommonDirectives(sweep, args);
        sweep.Append("#SBATCH --output=").Append(Folder).Append("/shard-%a.log\n");
        sweep.Append(string.Create(CultureInfo.InvariantCulture, $"# Generated by 'neurotag-cli slurm': task I of {n} runs the sweep points with index ≡ I (mod {n}) into\n"));
        sweep.Append("# the sweep folder; merge.sbatch then checks that every point is there. Paths are relative to the sweep\n");
        sweep.Append("# folder, which submit.sh submits from; the scenario is the copy in slurm/. Run a shard by hand with\n");
        sweep.Append("# SLURM_ARRAY_TASK_ID=I bash slurm/sweep.sbatch (the #SBATCH lines are comments to bash).\n");
        AppendPreamble(sweep);
        sweep.Append(": \"${SLURM_ARRAY_TASK_ID:?is not set: submit this script as an array job (submit.sh), or set SLURM_ARRAY_TASK_ID=I to run shard I}\"\n");
        sweep.Append("exec \"${cli[@]}\" sweep ").Append(copy).Append(" --out \"$PWD\" \\\n");
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
        merge.Append("#SBATCH --mem=").Append(MergeMemory).Append('\n');
        AppendCommonDirectives(merge, args);
        merge.Append("#SBATCH --output=").Append(Folder).Append("/merge.log\n");
        merge.Append("# Generated by 'neurotag-cli slurm': builds index.csv and summary.csv from the shards' run folders.\n");
        merge.Append("# Exit 0: every point ok; 3: some failed; 2: points missing or duplicated (named in merge.log).\n");
        AppendPreamble(merge);
        merge.Append("exec \"${cli[@]}\" merge \"$PWD\"\n");

        var submit = new StringBuilder();
        submit.Append("#!/bin/bash\n");
        submit.Append("# Generated by 'neurotag-cli slurm': submits the shard array, then the merge with afterany, so the merge\n");
        submit.Append("# runs even when shards fail and reports missing or failed points itself (never trust the exit codes).\n");
        submit.Append("# Both are submitted from the sweep folder, where they run. Arguments are passed to both sbatch calls\n");
        submit.Append(string.Create(CultureInfo.InvariantCulture, $"# (e.g. --account=NAME). The jobs get this environment: export {CliVariable} here if neurotag-cli is not on PATH.\n"));
        submit.Append("set -euo pipefail\n");
        submit.Append("cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\"\n");
        submit.Append("array=$(sbatch --parsable \"$@\" ").Append(Folder).Append('/').Append(SweepScript).Append(")\n");
        submit.Append("array=${array%%;*}\n");
        submit.Append("merge=$(sbatch --parsable --dependency=afterany:\"${array}\" \"$@\" ").Append(Folder).Append('/').Append(MergeScript).Append(")\n");
        submit.Append("merge=${merge%%;*}\n");
        submit.Append("echo \"array job: ${array}\"\n");
        submit.Append("echo \"merge job: ${merge}\"\n");
        submit.Append("echo \"logs: $PWD/").Append(Folder).Append("/shard-<task>.log and merge.log\" >&2\n");

        return [(SweepScript, sweep.ToString()), (MergeScript, merge.ToString()), (SubmitScript, submit.ToString())];
    }

    /// <summary>
    /// The jobs' common start: strict mode, into the sweep folder (by hand: the folder above the script; under Slurm,
    /// which runs a copy of the script, the folder it was submitted from), and the command to run.
    /// </summary>
    private static void AppendPreamble(StringBuilder script)
    {
        script.Append("set -euo pipefail\n");
        script.Append("sweep_dir=$(cd \"$(dirname \"$0\")/..\" && pwd)\n");
        script.Append("[ -f \"$sweep_dir/").Append(Folder).Append("/sweep.sbatch\" ] || sweep_dir=${SLURM_SUBMIT_DIR:-$PWD}\n");
        script.Append("cd \"$sweep_dir\"\n");
        script.Append("[ -f ").Append(Folder).Append("/sweep.sbatch ] || { echo \"error: $PWD is not the sweep folder: submit with its slurm/submit.sh\" >&2; exit 2; }\n");
        script.Append("# neurotag-cli from PATH, or the command in ").Append(CliVariable).Append(" (words split on spaces), e.g. \"dotnet /opt/neurotag/neurotag-cli.dll\".\n");
        script.Append("read -r -a cli <<< \"${").Append(CliVariable).Append(":-neurotag-cli}\"\n");
        script.Append("command -v \"${cli[0]}\" >/dev/null || { echo \"error: '${cli[0]}' not found: install neurotag-cli on the nodes (dotnet tool install --global neurotag-cli) or set ").Append(CliVariable).Append("\" >&2; exit 127; }\n");
    }

    /// <summary>
    /// The command that runs this same neurotag-cli here: <c>dotnet neurotag-cli.dll</c> under the dotnet host, else
    /// the apphost itself. Printed as a suggestion for <see cref="CliVariable"/>, never written into the scripts.
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
            ? process + " " + Path.Combine(AppContext.BaseDirectory, "neurotag-cli.dll")
            : process;
    }

    /// <summary>The copy's file name: the scenario's, made of characters every file system and #SBATCH line takes.</summary>
    private static string ScenarioCopyName(string scenario)
    {
        var b = new StringBuilder();
        foreach (char c in Path.GetFileName(scenario))
        {
            b.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        string name = b.ToString().TrimStart('.', '-');
        return name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) ? name : name + ".yaml";
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, command)));

    /// <summary>Writes under a temporary name, then renames: a job never reads a half-written script or scenario.</summary>
    private static void WriteAtomically(string path, byte[] bytes, bool executable)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(temp, bytes);
        if (!OperatingSystem.IsWindows())
        {
            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(temp, executable ? mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute : mode);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Quotes <paramref name="text"/> as one bash word: single quotes, each embedded one written <c>'\''</c>.</summary>
    internal static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string QuoteIfNeeded(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:@,=".Contains(c, StringComparison.Ordinal)) ? text : Quote(text);

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
