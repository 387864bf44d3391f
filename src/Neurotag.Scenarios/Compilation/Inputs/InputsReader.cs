using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>
/// The <c>inputs:</c> section. Each kind is read by its reader in <see cref="InputKinds"/>; the network kind it
/// drives is checked here, once, for every kind.
/// </summary>
internal sealed class InputsReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;

    public void Read(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "inputs", "{ cue: { target: bend, kind: current, amplitude: 1.0 } }");
        if (map is null)
        {
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            string path = "inputs." + key.Value;
            string? name = _r.Identifier(key, path, "input name");
            var input = _r.Mapping(value, path, "{ target: bend, kind: current, amplitude: 1.0 }");
            if (name is null || input is null)
            {
                continue;
            }

            var kindNode = _r.Scalar(_r.Required(input, "kind", path, "current"), path + ".kind", "an input kind", "current");
            if (kindNode is null)
            {
                continue;
            }

            if (InputKinds.Find(kindNode.Value) is not { } kind)
            {
                _r.Error(kindNode, path + ".kind", $"unknown input kind '{kindNode.Value}'",
                    $"use {InputKinds.Names(NetworkKind.Rate, first: true)} (drives onto rate neurons), or {InputKinds.Names(NetworkKind.Spiking, first: false)} (spiking)");
                continue;
            }

            if (kind.Network != ctx.Kind)
            {
                ReportWrongNetwork(kindNode, path);
                continue;
            }

            _r.CheckKeys(input, path, kind.Keys);
            kind.Read(ctx, defs, name, key, input, path);
        }

        defs.NoteRejected(map, defs.Inputs, "input");
        defs.Rejected.ExceptWith(defs.PoissonInputs.Keys.Concat(defs.NoiseCurrentInputs.Keys).Select(k => ("input", k)));
    }

    /// <summary>An input kind of the other network kind than the scenario's.</summary>
    private void ReportWrongNetwork(YamlScalarNode kindNode, string path)
    {
        if (ctx.IsSpiking)
        {
            _r.Error(kindNode, path + ".kind", $"'kind: {kindNode.Value}' drives rate populations, but this scenario is spiking", "use 'kind: poisson' with a rate and a weight, or a neuron 'bias:'");
        }
        else
        {
            _r.Error(kindNode, path + ".kind", $"'kind: {kindNode.Value}' drives spiking populations, but this scenario is a rate network", "use 'kind: current'");
        }
    }
}
