using System.Globalization;

namespace Neurotag.Core.Rate.Drives;

/// <summary><c>kind: current</c>: a constant value added to the input of a fixed set of neurons.</summary>
public sealed class CurrentDrive : DriveInput
{
    private readonly int[] _neurons;

    /// <summary>Drives <paramref name="neurons"/> of <paramref name="population"/> with <paramref name="amplitude"/>.</summary>
    public CurrentDrive(string name, RatePopulation population, int[] neurons, float amplitude)
        : base(name, population)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        _neurons = neurons;
        Amplitude = amplitude;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> Neurons => _neurons;

    /// <summary>Added input (rate units).</summary>
    public float Amplitude { get; }

    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"current {Amplitude} onto {_neurons.Length} neurons");

    /// <inheritdoc/>
    protected override void AddTo(float[] input, long driveStep)
    {
        float amplitude = Amplitude;
        foreach (int n in _neurons)
        {
            input[n] += amplitude;
        }
    }
}
