namespace Neurotag.Scenarios.Units;

/// <summary>
/// The physical dimension of a scenario quantity. Each dimension has one internal unit in which the core
/// stores values (see <see cref="QuantityParser.InternalUnit(Dimension)"/>).
/// </summary>
public enum Dimension
{
    /// <summary>Time; internal unit ms.</summary>
    Time,

    /// <summary>Electric potential; internal unit mV.</summary>
    Voltage,

    /// <summary>Electric conductance; internal unit nS.</summary>
    Conductance,

    /// <summary>Electric current; internal unit pA.</summary>
    Current,

    /// <summary>Capacitance; internal unit pF.</summary>
    Capacitance,

    /// <summary>Electric resistance; internal unit MOhm.</summary>
    Resistance,

    /// <summary>Frequency (rates); internal unit Hz.</summary>
    Frequency,
}
