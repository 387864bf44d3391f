namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// The key and value-shape helpers every key table uses (<see cref="ScenarioKeys"/> and the model and rule readers,
/// which own their keys). They depend on nothing else, so any reader's keys can be built before the whole table.
/// </summary>
internal static class KeyShapes
{
    /// <summary>A plain number, or a quantity in a synaptic unit (spiking weights: nS, mV, pA; Izhikevich takes numbers).</summary>
    public static readonly ValueShape NumberOrQuantity = ValueShape.AnyOf(ValueShape.Number, ValueShape.Quantity);

    public static readonly KeySet Distribution = new("distribution", "A random distribution: exactly one of uniform or normal.",
        Key("uniform", ValueShape.ListOf(NumberOrQuantity), "[low, high]"),
        Key("normal", ValueShape.ListOf(NumberOrQuantity), "[mean, std]"));

    /// <summary>A constant value (number or quantity) or a distribution.</summary>
    public static readonly ValueShape ValueOrDistribution = ValueShape.AnyOf(ValueShape.Number, ValueShape.Quantity, ValueShape.Object(Distribution));

    public static KeyDefinition Key(string name, ValueShape value, string description) => new(name, value, description, Required: false);

    public static KeyDefinition Must(string name, ValueShape value, string description) => new(name, value, description, Required: true);
}
