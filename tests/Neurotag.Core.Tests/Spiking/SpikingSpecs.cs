using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>Small spiking specs for tests, built without the scenario compiler.</summary>
internal static class SpikingSpecs
{
    public static LifNeuronSpec Lif(double bias = 0, double tRefMs = 0, SynapseKind synapse = SynapseKind.Conductance, double vInit = -60, double tauMs = 20) =>
        new(synapse, tauMs, VRest: -60, VThresh: -50, VReset: -60, TRefMs: tRefMs, TauEMs: 5, TauIMs: 10, EExc: 0, EInh: -80, GLeak: 10, Bias: bias,
            new ConstantDistribution(vInit), new ConstantDistribution(0), new ConstantDistribution(0));

    public static PhaseSpec Phase(string name, long steps, params string[] inputs) => new(name, 0, steps, false, inputs, [], false, []);

    public static SimulationSpec Spec(
        IReadOnlyList<PopulationSpec> populations,
        IReadOnlyList<ProjectionSpec> projections,
        IReadOnlyList<PhaseSpec> protocol,
        long dtNanoseconds = 100_000,
        RecordSpec? record = null,
        IReadOnlyList<PoissonInputSpec>? inputs = null,
        ulong seed = 1,
        IReadOnlyList<TagSpec>? tags = null) =>
        new("test", null, seed, new Clock(dtNanoseconds), populations, tags ?? [], [], [], projections, protocol, record ?? new RecordSpec(100, [], true, null))
        {
            PoissonInputs = inputs ?? [],
        };

    public static ProjectionSpec Projection(string name, string from, string to, ConnectivitySpec connectivity, double weight, int delaySteps = 0, bool inhibitory = false) =>
        new(name, from, false, to, false, connectivity, new WeightSpec(new ConstantDistribution(weight), 0, weight), inhibitory, null, null, null)
        {
            DelaySteps = delaySteps,
        };
}
