using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>Rate-only features in a spiking scenario, found in the YAML tree after every section was read.</summary>
internal sealed class RateOnlyFeatureCheck(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;

    /// <summary>
    /// Features defined on rates (tag imprecision, phase sensitize, threshold/gain records) have no
    /// spiking counterpart yet: reported rather than silently ignored. recall/spurious need an explicit rate in Hz.
    /// </summary>
    public void Run(YamlMappingNode top)
    {
        if (!_ctx.IsSpiking)
        {
            return;
        }

        const string Hint = "this applies to rate networks; the spiking core does not implement it";
        if (top["tags"] is YamlMappingNode tags)
        {
            foreach (var (key, value) in tags.Entries)
            {
                if (value is YamlMappingNode tag && tag.Entries.FirstOrDefault(e => e.Key.Value == "imprecision").Key is { } node)
                {
                    _r.Error(node, "tags." + key.Value + ".imprecision", "tag imprecision is not available in spiking scenarios", Hint);
                }
            }
        }

        if (top["protocol"] is { } protocol)
        {
            FindPhaseActions(protocol, "protocol", Hint);
        }

        if (top["record"] is YamlMappingNode record)
        {
            if (record["populations"] is YamlSequenceNode populations)
            {
                for (int i = 0; i < populations.Items.Count; i++)
                {
                    if (populations.Items[i] is YamlScalarNode s && s.Value is "threshold" or "gain")
                    {
                        _r.Error(s, SchemaReader.Inv($"record.populations[{i}]"), $"'{s.Value}' is not recorded for spiking networks", Hint);
                    }
                }
            }

            if (record["tags"] is YamlSequenceNode sizeMetrics)
            {
                for (int i = 0; i < sizeMetrics.Items.Count; i++)
                {
                    if (sizeMetrics.Items[i] is YamlScalarNode { Value: "size" } s)
                    {
                        _r.Error(s, SchemaReader.Inv($"record.tags[{i}]"), "'size' (assembly size) is not available in spiking scenarios", Hint);
                    }
                }
            }

            // recall/spurious count neurons above a rate; a spiking scenario must say which rate, in Hz.
            if (record["tags"] is YamlSequenceNode tagMetrics && record["active_above"] is null)
            {
                for (int i = 0; i < tagMetrics.Items.Count; i++)
                {
                    if (tagMetrics.Items[i] is YamlScalarNode s && s.Value is "recall" or "spurious")
                    {
                        _r.Error(s, SchemaReader.Inv($"record.tags[{i}]"), $"'{s.Value}' in a spiking scenario needs 'record.active_above', the rate in Hz above which a neuron counts as active",
                            "add for example 'active_above: 5 Hz' to record:");
                    }
                }
            }
        }
    }

    private void FindPhaseActions(YamlNodeBase node, string path, string hint)
    {
        switch (node)
        {
            case YamlSequenceNode seq:
                for (int i = 0; i < seq.Items.Count; i++)
                {
                    FindPhaseActions(seq.Items[i], SchemaReader.Inv($"{path}[{i}]"), hint);
                }

                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Entries)
                {
                    if (key.Value is "sensitize") // disinhibit scales sparse weights as well (SparseProjection.Scale)
                    {
                        _r.Error(key, path + "." + key.Value, $"'{key.Value}:' is not available in spiking scenarios", hint);
                    }
                    else
                    {
                        FindPhaseActions(value, path + "." + key.Value, hint);
                    }
                }

                break;
            default:
                break;
        }
    }
}
