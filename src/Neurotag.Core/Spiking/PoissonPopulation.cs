using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking.Inputs;

namespace Neurotag.Core.Spiking;

/// <summary>Poisson spike sources (<see cref="PoissonNeuronSpec"/>).</summary>
public sealed class PoissonPopulation : SpikingPopulation
{
    private readonly ISpikeTrains _trains;

    /// <summary>Creates the sources; their spikes come from <paramref name="rng"/>.</summary>
    public PoissonPopulation(PopulationSpec spec, int index, double dtMs, RandomSource rng)
        : base(spec, index)
    {
        var neuron = (PoissonNeuronSpec)spec.Neuron;
        _trains = SpikeTrains.Create(spec.Size, neuron.RateHz, neuron.Correlation, dtMs, rng, firstStep: 1);
    }

    /// <summary>Current rate in Hz.</summary>
    public double RateHz => _trains.RateHz;

    /// <inheritdoc />
    public override void SetParameter(string parameter, double value, long currentStep)
    {
        if (parameter != PoissonNeuronSpec.Settable[0].Name)
        {
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "a Poisson population only has a settable rate");
        }

        _trains.Restart(value, currentStep + 1);
    }

    /// <inheritdoc />
    public override void Quiesce(long currentStep)
    {
        base.Quiesce(currentStep);
        _trains.Restart(_trains.RateHz, currentStep + 1);
    }

    /// <inheritdoc />
    protected override int Integrate(long stepIndex, Span<int> spikes) => _trains.Emit(stepIndex, spikes);
}
