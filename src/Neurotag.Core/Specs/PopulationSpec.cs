namespace Neurotag.Core.Specs;

/// <summary>A group of identical neurons.</summary>
/// <param name="Name">Identifier.</param>
/// <param name="Size">Number of neurons (≥ 1).</param>
/// <param name="Neuron">The neuron model and its parameters.</param>
public sealed record PopulationSpec(string Name, int Size, NeuronSpec Neuron)
{
    /// <summary>
    /// k-winners-take-all (rate populations): each step only the k neurons with the largest drive
    /// <c>I − θ</c> integrate; the others are silenced (rate 0). Null for no kWTA.
    /// </summary>
    public int? Kwta { get; init; }
}

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

/// <summary>Activation (transfer) function of a rate neuron.</summary>
public enum Activation
{
    /// <summary>f(u) = 1 / (1 + e^{−u}).</summary>
    Sigmoid,
    /// <summary>f(u) = max(0, u).</summary>
    Relu,
    /// <summary>f(u) = tanh(u).</summary>
    Tanh,
    /// <summary>f(u) = u.</summary>
    Linear,
}

/// <summary>
/// Firing-rate unit (Wilson &amp; Cowan 1972; Dayan &amp; Abbott 2001, ch. 7):
/// <c>τ dr/dt = −r + f(gain · (I − threshold))</c>, plus Ornstein–Uhlenbeck noise whose stationary
/// standard deviation is <see cref="Noise"/>.
/// </summary>
/// <param name="TauMs">Time constant τ in ms (&gt; 0).</param>
/// <param name="Activation">Transfer function f.</param>
/// <param name="Gain">Slope of f (sensitization raises it).</param>
/// <param name="Threshold">Input at which f is centred (facilitation lowers it).</param>
/// <param name="Noise">Stationary std of the additive noise, rate units (≥ 0).</param>
public sealed record RateNeuronSpec(double TauMs, Activation Activation, double Gain, double Threshold, double Noise) : NeuronSpec
{
    /// <summary>Threshold and gain: what facilitation and sensitization change (Woolf 2011).</summary>
    public static IReadOnlyList<ParameterInfo> Settable { get; } = [new("threshold", QuantityKind.Dimensionless), new("gain", QuantityKind.Dimensionless, 0, MinimumExclusive: true)];

    /// <summary>Homeostatic threshold adaptation toward a target rate, or null for fixed thresholds.</summary>
    public HomeostasisSpec? Homeostasis { get; init; }

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterInfo> SettableParameters() => Settable;

    /// <inheritdoc/>
    public override string ModelName() => "rate";

    /// <summary>Rate-network weights are dimensionless.</summary>
    public override string SynapticUnit() => "1";

    /// <summary>The rate, input and threshold: three floats per neuron.</summary>
    public override long BytesPerNeuron() => 3 * sizeof(float);
}
