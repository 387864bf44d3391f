namespace Neurotag.Core.Specs;

/// <summary>
/// The physical kind of a settable parameter's value, so the compiler reads it with the right unit. Core holds values
/// in fixed internal units (ms, mV, nS, pA, pF, MΩ, Hz); unit parsing itself stays in the compiler.
/// </summary>
public enum QuantityKind
{
    /// <summary>A plain number.</summary>
    Dimensionless,

    /// <summary>Time (ms).</summary>
    Time,

    /// <summary>Potential (mV).</summary>
    Voltage,

    /// <summary>Conductance (nS).</summary>
    Conductance,

    /// <summary>Current (pA).</summary>
    Current,

    /// <summary>Capacitance (pF).</summary>
    Capacitance,

    /// <summary>Resistance (MΩ).</summary>
    Resistance,

    /// <summary>Frequency (Hz).</summary>
    Frequency,
}
