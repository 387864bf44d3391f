using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// A group of spiking neurons in structure-of-arrays form. Each step the population integrates its state and lists
/// the neurons that spiked (in increasing index order); projections add into <see cref="Ge"/> and <see cref="Gi"/>.
/// </summary>
public abstract class SpikingPopulation
{
    private readonly int[] _spikes;

    /// <summary>Allocates the shared state.</summary>
    protected SpikingPopulation(PopulationSpec spec, int index)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        Index = index;
        _spikes = new int[spec.Size];
        Ge = new float[spec.Size];
        Gi = new float[spec.Size];
        SpikeCounts = new int[spec.Size];
    }

    /// <summary>The population's spec.</summary>
    public PopulationSpec Spec { get; }

    /// <summary>Name.</summary>
    public string Name => Spec.Name;

    /// <summary>Position in the spec.</summary>
    public int Index { get; }

    /// <summary>Number of neurons.</summary>
    public int Size => Spec.Size;

    /// <summary>Excitatory synaptic state: conductance in nS (COBA) or current in mV (CUBA, Izhikevich model units).</summary>
    public float[] Ge { get; }

    /// <summary>Inhibitory synaptic state, as <see cref="Ge"/> (always ≥ 0; its sign is in the equation).</summary>
    public float[] Gi { get; }

    /// <summary>
    /// Extra input current for the next step only (current noise inputs, <see cref="NoiseCurrentDrive"/>), in the unit
    /// of the model's bias after <see cref="InputCurrentScale"/>; null until an input needs it, so a population without
    /// one integrates exactly as before. Cleared after every step.
    /// </summary>
    public float[]? InputCurrent { get; private set; }

    /// <summary>
    /// Factor from the input's current unit to what <see cref="Integrate"/> adds: 1 where the bias is the current
    /// (Izhikevich model units, AdEx pA, CUBA LIF mV); a COBA LIF overrides it with 1/g_leak (pA → mV).
    /// </summary>
    public virtual double InputCurrentScale => 1.0;

    /// <summary>Membrane potential in mV, or null for spike sources.</summary>
    public virtual float[]? V => null;

    /// <summary>Spikes per neuron since the recorder last cleared them.</summary>
    public int[] SpikeCounts { get; }

    /// <summary>Total spikes since the recorder last cleared <see cref="SpikeCounts"/>.</summary>
    public long WindowSpikes { get; private set; }

    /// <summary>Total spikes of the run.</summary>
    public long TotalSpikes { get; private set; }

    /// <summary>The neurons that spiked in the last step, increasing.</summary>
    public ReadOnlySpan<int> Spikes => _spikes.AsSpan(0, SpikeCount);

    /// <summary>Number of neurons that spiked in the last step.</summary>
    public int SpikeCount { get; private set; }

    /// <summary>Advances the state by one step, ending at step <paramref name="step"/>, and lists the spikes.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Step(long step)
    {
        int count = Integrate(step, _spikes);
        if (InputCurrent is { } current)
        {
            Array.Clear(current);
        }

        SpikeCount = count;
        WindowSpikes += count;
        TotalSpikes += count;
        var counts = SpikeCounts;
        for (int k = 0; k < count; k++)
        {
            counts[_spikes[k]]++;
        }
    }

    /// <summary>Allocates <see cref="InputCurrent"/> (once; when the network is built), or returns it.</summary>
    public float[] EnableInputCurrent() => InputCurrent ??= new float[Size];

    /// <summary>Clears the per-neuron spike counts (the recorder's window).</summary>
    public void ClearWindow()
    {
        Array.Clear(SpikeCounts);
        WindowSpikes = 0;
    }

    /// <summary>
    /// The values of the state variable <paramref name="name"/> (one of the model's
    /// <see cref="NeuronSpec.RecordableState"/>), or null when the population has none of that name. The base knows v,
    /// ge and gi; a model with more state adds its own names.
    /// </summary>
    public virtual float[]? State(string name) => name switch
    {
        "v" => V,
        "ge" => Ge,
        "gi" => Gi,
        _ => null,
    };

    /// <summary>Applies a parameter change of a phase's <c>set:</c>: <paramref name="parameter"/> is one of the model's <see cref="NeuronSpec.SettableParameters"/>.</summary>
    public abstract void SetParameter(string parameter, double value, long currentStep);

    /// <summary>Brings the population to rest (after an offline phase): no pending input, no refractoriness.</summary>
    public virtual void Quiesce(long currentStep)
    {
        Array.Clear(Ge);
        Array.Clear(Gi);
        if (InputCurrent is { } current)
        {
            Array.Clear(current);
        }

        SpikeCount = 0;
    }

    /// <summary>Index of a neuron whose state is not finite, or −1.</summary>
    public virtual int FirstNonFinite() => -1;

    /// <summary>Integrates one step and writes the spiking neurons into <paramref name="spikes"/>; returns their number.</summary>
    protected abstract int Integrate(long stepIndex, Span<int> spikes);

    /// <summary>Fills <paramref name="values"/> with draws from <paramref name="distribution"/>.</summary>
    protected static void Fill(float[] values, Distribution distribution, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)rng.Sample(distribution);
        }
    }

    /// <summary>Index of the first non-finite value of any array, or −1.</summary>
    protected static int FirstNonFinite(params float[][] arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        foreach (var array in arrays)
        {
            for (int i = 0; i < array.Length; i++)
            {
                if (!float.IsFinite(array[i]))
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
