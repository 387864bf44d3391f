using System.CommandLine;
using System.Globalization;
using Neurotag.Core;
using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Units;

namespace Neurotag.Cli.Commands;

/// <summary><c>describe SCENARIO</c>: the network as built (tags with overlaps, synapse counts), the expanded protocol timeline and the memory estimate.</summary>
internal static class DescribeCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file (YAML)." };
        var command = new Command("describe", "Show what a scenario builds: populations, tags and their overlaps, projections with synapse counts, the protocol timeline, memory.") { scenario };
        command.SetAction(parse =>
        {
            // The output limit is lifted here: describe is where a user sees the projected output that run would refuse.
            var loaded = ScenarioInput.Load(context, parse.GetValue(scenario)!, new ScenarioOptions { AllowLargeOutput = true });
            if (loaded.Spec is not { } spec)
            {
                return ExitCodes.InvalidInput;
            }

            Write(context.Out, spec);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Write(TextWriter o, SimulationSpec spec)
    {
        if (spec.IsSpiking)
        {
            DescribeSpiking.Write(o, spec);
            WriteProtocol(o, spec);
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var network = RateNetwork.Build(spec);
        long bytes = NetworkFootprint.Of(spec).Bytes;
        o.WriteLine($"scenario    {spec.Name}");
        if (spec.Description is { } d)
        {
            o.WriteLine($"            {d.Trim().ReplaceLineEndings(" ")}");
        }

        o.WriteLine(string.Create(c, $"seed        {spec.Seed}"));
        o.WriteLine($"dt          {QuantityParser.Format(spec.Clock.DtMs, Dimension.Time)}");
        o.WriteLine(string.Create(c, $"time        {Duration(spec.Clock.TimeMs(spec.TotalSteps))} in {spec.Protocol.Count} phases; {spec.SimulatedSteps:N0} steps simulated"));
        o.WriteLine(string.Create(c, $"memory      ~{bytes / 1048576.0:0.0} MiB of network state"));
        WriteOutput(o, spec);

        o.WriteLine();
        o.WriteLine("populations");
        foreach (var p in spec.Populations)
        {
            var n = (RateNeuronSpec)p.Neuron;
            o.WriteLine(string.Create(c, $"  {p.Name,-14} {p.Size,7} rate  tau {QuantityParser.Format(n.TauMs, Dimension.Time)}, {n.Activation.ToString().ToLowerInvariant()}, gain {n.Gain}, threshold {n.Threshold}, noise {n.Noise}{(p.Kwta is { } k ? $", {k} winners (kwta)" : "")}{MemoryDescriptions.Homeostasis(n)}"));
        }

        o.WriteLine();
        o.WriteLine("tags");
        foreach (var tag in network.Tags)
        {
            var overlaps = network.Tags.Where(t => t != tag && t.Population == tag.Population)
                .Select(t => (t.Name, Shared: t.Members.Intersect(tag.Members).Count()))
                .Where(x => x.Shared > 0)
                .Select(x => string.Create(c, $"{x.Shared} with {x.Name}"));
            string overlapText = string.Join(", ", overlaps);
            o.WriteLine(string.Create(c, $"  {tag.Name,-14} {tag.Members.Length,7} of {tag.Population.Name}{(overlapText.Length > 0 ? "; shares " + overlapText : "")}{MemoryDescriptions.Spill(tag)}"));
        }

        o.WriteLine();
        o.WriteLine("inputs");
        foreach (var input in network.Inputs)
        {
            var spec0 = spec.Inputs.First(i => i.Name == input.Name);
            o.WriteLine(string.Create(c, $"  {input.Name,-14} {input.Describe()} of {spec0.Target}"));
        }

        o.WriteLine();
        o.WriteLine("projections");
        foreach (var p in network.Projections)
        {
            var s = p.Spec;
            string plastic = s.Plasticity is { } pl
                ? string.Create(c, $"{pl.Rule.ToString().ToLowerInvariant()} rate {pl.Rate}/s{(pl.DecayTauMs is { } tau ? ", decay " + QuantityParser.Format(tau, Dimension.Time) : "")}{(pl.ModulatedBy is { } m ? $", modulated by {m} (gain {pl.ModulationGain})" : "")}{(pl.EligibilityTauMs is { } te ? ", eligibility trace " + QuantityParser.Format(te, Dimension.Time) : "")}{MemoryDescriptions.Consolidation(pl)}{MemoryDescriptions.LatePhase(pl)}")
                : "fixed";
            // Issue #14 additions print only when used, so the lines of existing scenarios are unchanged.
            string acrossNeuron = " across the neuron's projections";
            string competition = (s.Normalization is { } nm ? string.Create(c, $"; normalize per {nm.Per.ToString().ToLowerInvariant()} to {nm.Total}{(nm.Scope == CompetitionScope.Neuron ? acrossNeuron : "")}") : "")
                + (s.Heterosynaptic is { } h ? string.Create(c, $"; heterosynaptic depression h = {h.Rate}{(h.Scope == CompetitionScope.Neuron ? acrossNeuron : "")}") : "")
                + (s.Scaling is { } sc ? string.Create(c, $"; {sc.Form.ToString().ToLowerInvariant()} scaling to {sc.TargetRate}, tau {QuantityParser.Format(sc.TauMs, Dimension.Time)}") : "");
            string pruning = s.Pruning is { By: not PruneBy.Level } ranked
                ? string.Create(c, $"; prune {ranked.Fraction} by {ranked.By.ToString().ToLowerInvariant()} at {ranked.AtPhase}")
                : s.Pruning is { } pr ? string.Create(c, $"; prune below {pr.Below} for {QuantityParser.Format(pr.ForMs, Dimension.Time)}") : "";
            pruning += s.Pruning?.Regrow is { } rg ? string.Create(c, $", regrow (tau {QuantityParser.Format(rg.TauMs, Dimension.Time)}, weight {rg.Weight})") : "";
            string kind = s.Inhibitory ? "inhibitory" : "excitatory";
            o.WriteLine(string.Create(c, $"  {p.Name,-14} {s.From} -> {s.To} {kind}, {RuleName(s.Connectivity.Rule)}, {p.SynapseCount():N0} synapses; {plastic}{competition}{pruning}"));
        }

        WriteProtocol(o, spec);
    }

    /// <summary>
    /// The <c>output</c> line: the projected CSV output (OutputProjection), its largest files, and whether it exceeds
    /// the limit that <c>run</c>, <c>sweep</c> and <c>check</c> apply without <c>--allow-large</c>.
    /// </summary>
    internal static void WriteOutput(TextWriter o, SimulationSpec spec)
    {
        var projection = OutputProjection.Of(spec);
        string files = string.Join(", ", projection.BytesByFile.Where(f => f.Value > 0).OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key} {OutputProjection.Format(f.Value)}"));
        string spikes = spec.Record.Spikes is { } sp && spec.Populations.First(p => p.Name == sp.Population).Neuron.SourceRateHz() is null
            ? string.Create(CultureInfo.InvariantCulture, $"; spikes at {OutputProjection.NominalSpikeRateHz} Hz per recorded neuron")
            : "";
        string limit = projection.TotalBytes > ScenarioLimits.OutputLimitBytes
            ? $"; over the {OutputProjection.Format(ScenarioLimits.OutputLimitBytes)} limit: run, sweep and check need --allow-large"
            : "";
        o.WriteLine($"output      ~{OutputProjection.Format(projection.TotalBytes)} of CSV projected ({files}{spikes}){limit}");
    }

    /// <summary>The protocol section: one line per phase instance.</summary>
    internal static void WriteProtocol(TextWriter o, SimulationSpec spec)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine("protocol");
        long step = 0;
        foreach (var phase in spec.Protocol)
        {
            string start = Duration(spec.Clock.TimeMs(step));
            string duration = Duration(spec.Clock.TimeMs(phase.Steps));
            string what = phase.Offline
                ? "offline (closed-form decay and pruning)"
                : string.Join("; ", new[]
                {
                    phase.Inputs.Count > 0 ? "inputs " + string.Join(", ", phase.Inputs) : "no input",
                    phase.Modulators.Count > 0 ? string.Join(", ", phase.Modulators.Select(m => string.Create(c, $"{m.Modulator} {m.Level}"))) : "",
                    phase.Plasticity ? "" : "plasticity off",
                    phase.Sets.Count > 0 ? "set " + string.Join(", ", phase.Sets.Select(x => string.Create(c, $"{x.Population}.{x.Parameter} = {x.Value}"))) : "",
                }.Where(x => x.Length > 0));
            o.WriteLine(string.Create(c, $"  {start,16}  {phase.Name,-20} rep {phase.Rep,-3} {duration,9}  {what}{MemoryDescriptions.PhaseActions(phase)}"));
            step += phase.Steps;
        }
    }

    /// <summary>A time as the scenario would write it; spans of days keep their seconds readable ("60 day + 10 s").</summary>
    internal static string Duration(double ms)
    {
        const double Day = 86_400_000;
        double days = Math.Floor(ms / Day);
        double rest = ms - (days * Day);
        if (days == 0 || rest == 0)
        {
            return QuantityParser.Format(ms, Dimension.Time);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{days} day + {QuantityParser.Format(rest, Dimension.Time)}");
    }

    private static string RuleName(ConnectivityRule rule) => rule switch
    {
        ConnectivityRule.AllToAll => "all_to_all",
        ConnectivityRule.OneToOne => "one_to_one",
        ConnectivityRule.FixedProbability => "fixed_probability",
        ConnectivityRule.FixedIndegree => "fixed_indegree",
        _ => rule.ToString(),
    };
}
