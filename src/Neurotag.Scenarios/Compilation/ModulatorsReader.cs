using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>The <c>modulators:</c> section.</summary>
internal sealed class ModulatorsReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    public void Read(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "modulators", "{ threat: { baseline: 0.0 } }");
        if (map is null)
        {
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            string path = "modulators." + key.Value;
            string? name = _r.Identifier(key, path, "modulator name");
            var mod = _r.Mapping(value, path, "{ baseline: 0.0, tau: 200 ms }");
            if (name is null || mod is null)
            {
                continue;
            }

            _r.CheckKeys(mod, path, ScenarioKeys.Modulator);
            double? baseline = mod["baseline"] is { } b ? _r.Number(b, path + ".baseline") : 0.0;
            double? tau = mod["tau"] is { } t ? _r.Quantity(t, path + ".tau", Dimension.Time, 0, minExclusive: true) : null;
            string? unit = mod["unit"] is { } u ? _r.Text(u, path + ".unit") : "1";
            if (unit is not null && (unit.Length == 0 || unit.Any(char.IsWhiteSpace) || unit.Contains(',', StringComparison.Ordinal)))
            {
                _r.Error(mod["unit"]!, path + ".unit", $"'{unit}' is not a unit symbol", "a symbol without spaces or commas, e.g. uM");
                unit = null;
            }

            if (mod["pulses"] is { } pulses)
            {
                _defs.ModulatorPulseNodes[name] = pulses; // read after the projections: a pairing may name a synapse
            }

            if (baseline is not null && unit is not null && (mod["tau"] is null || tau is not null))
            {
                _defs.Modulators[name] = new ModulatorSpec(name, baseline.Value, tau) { Unit = unit };
            }
        }

        _defs.NoteRejected(map, _defs.Modulators, "modulator");
    }
}
