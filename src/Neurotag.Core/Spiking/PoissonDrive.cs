using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking.Inputs;

namespace Neurotag.Core.Spiking;

/// <summary>Independent Poisson trains onto a fixed subset of a spiking population (<see cref="PoissonInputSpec"/>).</summary>
public sealed class PoissonDrive
{
    private readonly int[] _fired;

    /// <summary>Creates the drive; trains start at step 1.</summary>
    public PoissonDrive(PoissonInputSpec spec, SpikingPopulation population, int[] neurons, double dtMs, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(neurons);
        Spec = spec;
        Population = population;
        Neurons = neurons;
        Trains = SpikeTrains.Create(neurons.Length, spec.RateHz, spec.Correlation, dtMs, rng, firstStep: 1);
        _fired = new int[neurons.Length];
    }

    /// <summary>The input's spec.</summary>
    public PoissonInputSpec Spec { get; }

    /// <summary>Input name.</summary>
    public string Name => Spec.Name;

    /// <summary>Target population.</summary>
    public SpikingPopulation Population { get; }

    /// <summary>Driven neurons (population indices); train k drives neuron Neurons[k].</summary>
    public int[] Neurons { get; }

    /// <summary>The trains.</summary>
    public ISpikeTrains Trains { get; }

    /// <summary>Adds this step's input spikes to the target's synaptic state.</summary>
    public void Deliver(long step)
    {
        int count = Trains.Emit(step, _fired);
        var target = Spec.Inhibitory ? Population.Gi : Population.Ge;
        float w = (float)Spec.Weight;
        for (int k = 0; k < count; k++)
        {
            target[Neurons[_fired[k]]] += w;
        }
    }

    /// <summary>Called when a phase switches the input on: the trains resume from the next step.</summary>
    public void Resume(long step) => Trains.Restart(Spec.RateHz, step + 1);
}
