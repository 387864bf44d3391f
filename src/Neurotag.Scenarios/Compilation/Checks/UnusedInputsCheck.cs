namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>Inputs that no phase switches on: rate inputs (unless the protocol was unreadable), then spiking (Poisson, current noise) inputs.</summary>
internal static class UnusedInputsCheck
{
    public static void Run(SchemaReader r, Definitions defs, bool protocolRejected)
    {
        foreach (var (inputName, (_, node)) in defs.Inputs)
        {
            if (!defs.InputsUsed.Contains(inputName) && !protocolRejected)
            {
                r.Error(node, "inputs." + inputName, $"input '{inputName}' is switched on in no phase", "add it to a phase's 'inputs:' list, or remove it");
            }
        }

        foreach (var (inputName, node) in defs.PoissonInputs.Select(p => (p.Key, p.Value.Node)).Concat(defs.NoiseCurrentInputs.Select(p => (p.Key, p.Value.Node))))
        {
            if (!defs.InputsUsed.Contains(inputName))
            {
                r.Error(node, "inputs." + inputName, $"input '{inputName}' is switched on in no phase", "add it to a phase's 'inputs:' list, or remove it");
            }
        }
    }
}
