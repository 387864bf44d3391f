using System.Globalization;
using Neurotag.Core.Rate;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;

namespace Neurotag.Cli.Commands;

/// <summary>The <c>describe</c> texts of the memory mechanisms (consolidation, homeostasis, imprecision, phase actions); empty when absent.</summary>
internal static class MemoryDescriptions
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>", homeostasis to 0.1 over 1 h" or "".</summary>
    public static string Homeostasis(RateNeuronSpec neuron) => neuron.Homeostasis is { } h
        ? string.Create(C, $", homeostasis to {h.TargetRate} over {QuantityParser.Format(h.TauMs, Dimension.Time)}")
        : "";

    /// <summary>"; imprecision spills onto 15 neighbours" or "".</summary>
    public static string Spill(RateTag tag) => tag.Spill.Length > 0 ? string.Create(C, $"; imprecision spills onto {tag.Spill.Length} neighbours") : "";

    /// <summary>", tagging and capture (tau_early 2 h, ...)" or "".</summary>
    public static string Consolidation(PlasticitySpec plasticity)
    {
        if (plasticity.Consolidation is not { } k)
        {
            return "";
        }

        var triggers = new List<string>();
        if (k.Threshold is { } t)
        {
            triggers.Add(string.Create(C, $"early sum > {t}"));
        }

        if (k.TriggeredBy is { } m)
        {
            triggers.Add(string.Create(C, $"{m} >= {k.TriggerLevel}"));
        }

        return string.Create(C, $", tagging and capture (tau_early {QuantityParser.Format(k.TauEarlyMs, Dimension.Time)}, tau_resource {QuantityParser.Format(k.TauResourceMs, Dimension.Time)}, tau_capture {QuantityParser.Format(k.TauCaptureMs, Dimension.Time)}{(k.EarlyMax is { } u ? $", early_max {u}" : "")}; resource when {string.Join(" or ", triggers)})");
    }

    /// <summary>", late phase (h0 0.42, tau_early 688.4 s, ...)" or "".</summary>
    public static string LatePhase(PlasticitySpec plasticity) => plasticity.LatePhase is { } l
        ? string.Create(C, $", late phase (h0 {(l.Rest is { } r ? r.ToString(C) : "mean initial weight")}, tau_early {l.TauEarlyMs / 1000:0.###} s, tau_protein {QuantityParser.Format(l.TauProteinMs, Dimension.Time)}, tau_late {QuantityParser.Format(l.TauLateMs, Dimension.Time)}; tag at |h - h0| > {l.TagThreshold} h0, proteins at sum > {l.ProteinThreshold} h0, alpha {l.ProteinSynthesis})")
        : "";

    /// <summary>"; sensitize painarea threshold -0.25 gain x1.5; disinhibit lateral x0.3" or "".</summary>
    public static string PhaseActions(PhaseSpec phase)
    {
        var parts = phase.Sensitizations.Select(s => string.Create(C, $"sensitize {s.Population} threshold {s.ThresholdShift:+0.###;-0.###;0} gain x{s.GainFactor}"))
            .Concat(phase.Disinhibitions.Select(d => string.Create(C, $"disinhibit {d.Projection} x{d.Factor}")));
        string text = string.Join("; ", parts);
        return text.Length > 0 ? "; " + text : "";
    }
}
