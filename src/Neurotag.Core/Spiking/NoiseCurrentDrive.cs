using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// A current noise input (<see cref="NoiseCurrentInputSpec"/>): each step, one draw per driven neuron, in increasing
/// neuron order from the input's own stream, added to the target's <see cref="SpikingPopulation.InputCurrent"/> for
/// the next step (as Poisson spikes delivered after a step act in the next one).
/// </summary>
public sealed class NoiseCurrentDrive
{
    private readonly float[] _current;
    private readonly RandomSource _rng;
    private readonly double _scale;

    /// <summary>Creates the drive; <paramref name="neurons"/> are sorted so draws follow neuron index order.</summary>
    public NoiseCurrentDrive(NoiseCurrentInputSpec spec, SpikingPopulation population, int[] neurons, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(neurons);
        Spec = spec;
        Population = population;
        Neurons = [.. neurons.Order()];
        _rng = rng;
        _current = population.EnableInputCurrent();
        _scale = population.InputCurrentScale;
    }

    /// <summary>The input's spec.</summary>
    public NoiseCurrentInputSpec Spec { get; }

    /// <summary>Input name.</summary>
    public string Name => Spec.Name;

    /// <summary>Target population.</summary>
    public SpikingPopulation Population { get; }

    /// <summary>Driven neurons (population indices), increasing.</summary>
    public int[] Neurons { get; }

    /// <summary>Draws this step's currents and adds them to the target's input for the next step.</summary>
    public void Deliver()
    {
        var current = _current;
        var neurons = Neurons;
        var distribution = Spec.Current;
        for (int k = 0; k < neurons.Length; k++)
        {
            current[neurons[k]] += (float)(_scale * _rng.Sample(distribution));
        }
    }
}
