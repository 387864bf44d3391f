namespace Neurotag.Core.Rate.Drives;

/// <summary>
/// An external drive onto neurons of one population (an input of the scenario). The simulator calls
/// <see cref="Apply"/> once per online step of every phase that switches the input on, after clearing the input
/// buffers and before the projections propagate; the drive adds this step's values to <see cref="RatePopulation.Input"/>
/// and advances its own state (pattern clock, noise process). A drive's time therefore runs only while it is on:
/// a pattern set resumes where it stopped, and an Ornstein–Uhlenbeck drive continues its trajectory.
/// One virtual call per input and step, never per neuron (architecture habit 3).
/// </summary>
public abstract class DriveInput
{
    /// <summary>Creates a drive named <paramref name="name"/> onto <paramref name="population"/>.</summary>
    protected DriveInput(string name, RatePopulation population)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(population);
        Name = name;
        Population = population;
    }

    /// <summary>Input name.</summary>
    public string Name { get; }

    /// <summary>Target population.</summary>
    public RatePopulation Population { get; }

    /// <summary>Every neuron the drive can reach (population indices, sorted, distinct).</summary>
    public abstract IReadOnlyList<int> Neurons { get; }

    /// <summary>Steps this drive has been applied so far (its own clock).</summary>
    public long StepsApplied { get; private set; }

    /// <summary>One line for <c>describe</c>: the kind and its parameters.</summary>
    public abstract string Describe();

    /// <summary>Adds this step's drive to the population's input buffer and advances the drive by one step.</summary>
    internal void Apply()
    {
        AddTo(Population.Input, StepsApplied);
        StepsApplied++;
    }

    /// <summary>Adds the drive of the drive's own step <paramref name="driveStep"/> (0 at its first application) to <paramref name="input"/>.</summary>
    protected abstract void AddTo(float[] input, long driveStep);
}
