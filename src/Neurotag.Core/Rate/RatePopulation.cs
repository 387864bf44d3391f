using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>
/// State of one rate population, one array per variable (Auryn habit). Integrated with the exponential Euler
/// scheme, exact for input held constant over a step:
/// <c>r ← r∞ + (r − r∞)·e^{−dt/τ} + σ·√(1 − e^{−2dt/τ})·ξ</c>, with <c>r∞ = f(gain·(I − θ))</c>; the noise term is the exact
/// discretisation of an Ornstein–Uhlenbeck process with stationary standard deviation σ (Gillespie 1996).
/// Rates of sigmoid and ReLU units are firing rates and are kept ≥ 0 after noise.
/// </summary>
public sealed class RatePopulation
{
    private readonly float _decay;
    private readonly float _noiseScale;
    private readonly RandomSource _noise;
    private readonly bool _nonNegative;

    internal RatePopulation(PopulationSpec spec, int index, double dtMs, RandomSource noise, RandomSource? updateOrder = null)
    {
        var neuron = (RateNeuronSpec)spec.Neuron;
        Name = spec.Name;
        Index = index;
        Size = spec.Size;
        Activation = neuron.Activation;
        Gain = neuron.Gain;
        Rate = new float[Size];
        Input = new float[Size];
        Threshold = new float[Size];
        Array.Fill(Threshold, (float)neuron.Threshold);
        double decay = Math.Exp(-dtMs / neuron.TauMs);
        _decay = (float)decay;
        _noiseScale = (float)(neuron.Noise * Math.Sqrt(1.0 - (decay * decay)));
        _noise = noise;
        _nonNegative = neuron.Activation is Activation.Sigmoid or Activation.Relu;
        Kwta = spec.Kwta is { } k ? new KWinnersTakeAll(k, Size) : null;
        if (neuron.AsyncUpdate)
        {
            _async = new AsyncUpdate(this, updateOrder ?? throw new ArgumentNullException(nameof(updateOrder)));
        }
    }

    private readonly AsyncUpdate? _async;

    /// <summary>Asynchronous updates only: the projections from this population onto itself, whose input each unit's update refreshes.</summary>
    internal void SetRecurrent(DenseProjection[] recurrent) => _async?.SetRecurrent(recurrent);

    /// <summary>Applies a phase's <c>set:</c> of one of <see cref="RateNeuronSpec.Settable"/>: every threshold, or the gain.</summary>
    public void SetParameter(string parameter, double value)
    {
        switch (parameter)
        {
            case "threshold":
                Array.Fill(Threshold, (float)value);
                break;
            case "gain":
                Gain = value;
                break;
            default:
                throw new InvalidOperationException($"unknown parameter {parameter}");
        }
    }

    /// <summary>k-winners-take-all selection, or null when every neuron integrates.</summary>
    internal KWinnersTakeAll? Kwta { get; }

    /// <summary>Population name.</summary>
    public string Name { get; }

    /// <summary>Position in the network's population list.</summary>
    public int Index { get; }

    /// <summary>Number of neurons.</summary>
    public int Size { get; }

    /// <summary>Transfer function.</summary>
    public Activation Activation { get; }

    /// <summary>Gain of the transfer function (sensitization raises it).</summary>
    public double Gain { get; set; }

    /// <summary>Current rates.</summary>
    public float[] Rate { get; }

    /// <summary>Summed input of the current step (synaptic + external); cleared at each step start.</summary>
    public float[] Input { get; }

    /// <summary>Per-neuron thresholds θ.</summary>
    public float[] Threshold { get; }

    /// <summary>The transfer function f.</summary>
    public static double Transfer(Activation activation, double u) => activation switch
    {
        Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-u)),
        Activation.Relu => Math.Max(0.0, u),
        Activation.Tanh => Math.Tanh(u),
        Activation.Linear => u,
        Activation.Sign => Math.Sign(u),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>Advances every rate by one step using the accumulated <see cref="Input"/>.</summary>
    internal void Integrate()
    {
        if (_async is not null)
        {
            _async.Sweep();
            return;
        }

        float decay = _decay;
        double gain = Gain;
        Kwta?.Select(Input, Threshold);
        var winners = Kwta?.Winners;
        for (int i = 0; i < Size; i++)
        {
            if (winners is not null && !winners[i])
            {
                Rate[i] = 0f;
                continue;
            }

            float target = (float)Transfer(Activation, gain * (Input[i] - Threshold[i]));
            float r = target + ((Rate[i] - target) * decay);
            if (_noiseScale != 0f)
            {
                r += _noiseScale * (float)_noise.NextNormal();
            }

            Rate[i] = _nonNegative && r < 0f ? 0f : r;
        }
    }

    /// <summary>Sets every rate to 0: the network at rest after an offline phase.</summary>
    internal void Quiesce() => Array.Clear(Rate);
}
