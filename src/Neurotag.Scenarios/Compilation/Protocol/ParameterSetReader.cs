using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Protocol;

/// <summary>A phase's <c>set:</c>: intrinsic parameters changed from this phase on; which ones a population has is its neuron model's (<see cref="NeuronSpec.SettableParameters"/>).</summary>
internal sealed class ParameterSetReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    internal List<ParameterSet>? ReadSets(YamlNodeBase? node, string path)
    {
        if (node is null)
        {
            return [];
        }

        var map = _r.Mapping(node, path, "{ cortex.threshold: 0.4 }");
        if (map is null)
        {
            return null;
        }

        var sets = new List<ParameterSet>();
        bool ok = true;
        foreach (var (key, value) in map.Entries)
        {
            string sp = path + "." + key.Value;
            string[] parts = key.Value.Split('.');
            if (parts.Length == 2 && !_defs.Populations.ContainsKey(parts[0]) && _defs.IsRejected("population", parts[0]) && _defs.NeuronOf(parts[0]) is null)
            {
                ok = false; // a rejected population whose neuron is unknown: which parameters it has is unknown too
                continue;
            }

            if (parts.Length != 2 || _defs.NeuronOf(parts[0]) is null)
            {
                ok = false;
                var known = _defs.Neurons.Keys.Concat(_defs.Rejected.Where(r => r.Kind == "population").Select(r => r.Name)).Distinct(StringComparer.Ordinal);
                _r.Error(key, sp, $"'{key.Value}' is not POPULATION.PARAMETER", "for example 'cortex.threshold: 0.4' or 'cortex.gain: 6'" + (parts.Length == 2 ? $"; known populations: {string.Join(", ", known)}" : ""));
                continue;
            }

            var neuron = _defs.NeuronOf(parts[0]);
            var parameter = neuron!.SettableParameters().FirstOrDefault(p => p.Name == parts[1]);
            if (parameter is null)
            {
                ok = false;
                _r.Error(key, sp, $"'{parts[1]}' cannot be set at run time", SettableParameters.Hint());
                continue;
            }

            double? v = SettableParameters.Read(_r, parameter, value, sp);
            if (v is null)
            {
                ok = false;
                continue;
            }

            sets.Add(new ParameterSet(parts[0], parameter.Name, v.Value));
        }

        return ok ? sets : null;
    }
}
