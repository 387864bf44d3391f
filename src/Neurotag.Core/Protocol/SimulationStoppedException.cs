namespace Neurotag.Core.Protocol;

/// <summary>
/// Raised by a checker (Auryn habit) when the state became non-finite or exploded; the CLI maps it to exit code 3.
/// </summary>
public sealed class SimulationStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationStoppedException(string population, double timeMs, string message)
        : base(message)
    {
        Population = population;
        TimeMs = timeMs;
    }

    /// <summary>Creates the exception without details.</summary>
    public SimulationStoppedException()
    {
        Population = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public SimulationStoppedException(string message)
        : base(message)
    {
        Population = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SimulationStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Population = string.Empty;
    }

    /// <summary>The population whose state failed the check.</summary>
    public string Population { get; }

    /// <summary>Simulated time of the failed check, ms.</summary>
    public double TimeMs { get; }
}
