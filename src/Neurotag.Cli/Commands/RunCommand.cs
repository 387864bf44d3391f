using System.CommandLine;
using System.Globalization;
using Neurotag.Output;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary><c>run SCENARIO [--out DIR] [--seed N] [--set PATH=VALUE]... [--force] [--quiet] [--allow-large] [--plot]</c>.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file (YAML), e.g. scenarios/chronic-pain.yaml." };
        var outDir = new Option<string?>("--out", "-o") { Description = "Output folder for this run [default: runs/<scenario name>]." };
        var seed = NumberOptions.Seed("Master seed; replaces the scenario's 'seed:' [default: the scenario's, else 1].");
        var set = new Option<string[]>("--set") { Description = "Set a parameter for this run: PATH=VALUE, e.g. --set projections.cue-to-pain.plasticity.rate=0.01 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var force = new Option<bool>("--force") { Description = "Replace an output folder that holds an earlier run of this tool (its manifest.json); no other folder is ever replaced." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var allowLarge = AllowLargeOption.Create();
        var plot = new Option<bool>("--plot") { Description = "Then draw the run's figures into DIR/figures (PNG; see 'plot')." };
        var command = new Command("run", "Run one scenario and write its CSV trajectories, summary and manifest to one folder.") { scenario, outDir, seed, set, force, quiet, allowLarge, plot };
        command.SetAction(parse => Execute(
            context,
            parse.GetValue(scenario)!,
            parse.GetValue(outDir),
            parse.GetValue(seed),
            parse.GetValue(set) ?? [],
            parse.GetValue(force),
            parse.GetValue(quiet),
            parse.GetValue(allowLarge),
            parse.GetValue(plot)));
        return command;
    }

    private static int Execute(CliContext context, string scenarioPath, string? outDir, ulong? seed, string[] sets, bool force, bool quiet, bool allowLarge, bool plot)
    {
        var (document, readErrors) = ScenarioLoader.ReadDocument(scenarioPath);
        var errors = new List<Diagnostic>(readErrors);
        var overrides = sets.Select(s => ParameterOverride.Parse(s, "--set", errors)).OfType<ParameterOverride>().ToList();
        if (document is null || errors.Count > 0)
        {
            return ScenarioInput.Report(context, scenarioPath, errors);
        }

        var loaded = ScenarioLoader.Compile(document, overrides, new ScenarioOptions(Seed: seed) { AllowLargeOutput = allowLarge });
        if (loaded.Spec is not { } spec)
        {
            return ScenarioInput.Report(context, scenarioPath, loaded.Errors);
        }

        string output = outDir ?? Path.Combine("runs", spec.Name);
        RunFolder folder;
        try
        {
            folder = RunFolder.Prepare(output, force);
        }
        catch (OutputFolderException e)
        {
            context.Error.WriteLine($"{output}: {e.Message} (hint: {e.Hint})");
            return ExitCodes.InvalidInput;
        }

        using (folder)
        {
            if (!quiet && folder.RemovedLeftovers.Count > 0)
            {
                context.Error.WriteLine($"{output}: removed {folder.RemovedLeftovers.Count} stale temporary folder(s) left by a killed earlier run");
            }

            RunOutcome outcome;
            try
            {
                using var progress = ProgressDisplay.Create(context, quiet, spec.Name);

                // --set values are overrides of a single run, not a sweep point (manifest.json: "overrides").
                var provenance = new RunProvenance(context.Arguments, overrides, SweepPoint: null, context.OpenOutputFile);
                outcome = RunExecutor.Execute(document, spec, folder, progress, provenance, context.Cancellation);
            }
            catch (OutputFolderException e)
            {
                // One line naming the folder; the staging folder is abandoned (using), so nothing half-written stays.
                context.Error.WriteLine($"{output}: {e.Message} (hint: {e.Hint})");
                return ExitCodes.InvalidInput;
            }

            if (outcome.Status == RunExecutor.Invalid)
            {
                context.Error.WriteLine(outcome.Message);
                return ExitCodes.InvalidInput;
            }

            if (outcome.Status == RunExecutor.Stopped)
            {
                context.Error.WriteLine($"{scenarioPath}: run stopped: {outcome.Message}");
                context.Error.WriteLine($"{folder.FinalPath}: holds what was recorded up to the stop, scenario.yaml, and manifest.json with exit_status \"stopped\"");
                if (plot)
                {
                    PlotCommand.Execute(context, folder.FinalPath, new Plotting.PlotOptions(), pathsToStdout: false);
                }

                return ExitCodes.RunStopped;
            }

            if (!quiet)
            {
                var r = outcome.Result!;
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done: {r.SimulatedSteps:N0} steps simulated, {DescribeCommand.Duration(r.EndTimeMs)} of model time, {outcome.WallSeconds:0.00} s wall"));
            }

            context.Out.WriteLine(folder.FinalPath);
            return plot ? PlotCommand.Execute(context, folder.FinalPath, new Plotting.PlotOptions(), pathsToStdout: false) : ExitCodes.Ok;
        }
    }
}
