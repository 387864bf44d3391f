namespace Neurotag.Core.Specs;

/// <summary>
/// Base of every neuron model's parameters. Each model also describes itself — its name and describe line, what a
/// scenario may record and set at run time, the unit of synaptic quantities onto it, its memory per neuron — so the
/// compiler (record.state, protocol set:), Core (recorders, output projection, footprint) and the CLI (describe) ask
/// the model rather than switch on its type. These are methods, not properties, so that records print and compare as before.
/// </summary>
public abstract record NeuronSpec
{
    /// <summary>The state variables <c>record.state</c> may sample, in the order messages list them (none for a model without state, e.g. a Poisson source).</summary>
    public virtual IReadOnlyList<StateVariableInfo> RecordableState() => [];

    /// <summary>The intrinsic parameters a phase's <c>set:</c> may change.</summary>
    public virtual IReadOnlyList<ParameterInfo> SettableParameters() => [];

    /// <summary>The value of <c>neuron.model</c> that makes this spec.</summary>
    public abstract string ModelName();

    /// <summary>The model and its main parameters on one line, as <c>describe</c> prints them (by default the model name).</summary>
    public virtual string Summary(IFormatProvider? provider) => ModelName();

    /// <summary>
    /// Unit symbol of synaptic quantities onto this neuron (its incoming weights and g_e, g_i in the CSVs), e.g. nS
    /// onto conductance-based synapses.
    /// </summary>
    public abstract string SynapticUnit();

    /// <summary>The fixed rate in Hz of a spike source whose output does not depend on the network, or null for a neuron that integrates input.</summary>
    public virtual double? SourceRateHz() => null;

    /// <summary>The spike threshold in mV that plots draw on the membrane trace, or null when the model has none.</summary>
    public virtual double? SpikeThresholdMv() => null;

    /// <summary>
    /// Bytes of state per neuron for the memory estimate (the one memory estimate in Core's root): 48 for a spiking neuron (its
    /// state arrays, spike list and counts, and the delay rings' share), the figure validation has always used.
    /// </summary>
    public virtual long BytesPerNeuron() => 48;
}
