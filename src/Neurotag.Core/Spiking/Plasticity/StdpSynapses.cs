using System.Numerics;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// Pair-based STDP on sparse synapses with one trace per neuron (Song, Miller &amp; Abbott 2000; Morrison, Diesmann &amp;
/// Gerstner 2008): the presynaptic trace x_j (τ₊) and the postsynaptic trace y_i (τ₋) decay by the exact factors
/// e^{−dt/τ} once per step (<see cref="DecayTraces"/>) and are snapped to 0 before they turn subnormal.
/// Event-driven: a presynaptic spike arriving at its synapses (<see cref="OnPreArrivals"/>) touches only its CSR row —
/// x_j ← x_j + 1 (all-to-all) or 1 (nearest), then Δw = −a₋·w_max·y_i·F₋(w) on each synapse; a postsynaptic spike
/// (<see cref="OnPostSpikes"/>) touches only its column — y_i ← y_i + 1 or 1, then Δw = +a₊·w_max·x_j·F₊(w). F = 1 (additive)
/// or the soft-bound factors of <see cref="StdpWeightDependence.Multiplicative"/>; weights are clipped to [w_min, w_max].
/// Within a step arrivals are processed before postsynaptic spikes (Brian2's order), so a pair in the same step
/// potentiates by a₊. With an eligibility trace (Izhikevich 2007) the changes charge e_s instead of w_s (no clipping),
/// e decays with τ_e and <see cref="ConvertEligibility"/> turns it into weight change.
/// With per-synapse delays the presynaptic spike reaches each synapse at its own time, so the presynaptic trace is
/// kept per synapse (x_s, as NEST's Kplus and Brian2's per-synapse apre) and charged at arrival
/// (<see cref="OnSynapseArrivals"/>); it decays lazily, x_s·e^{−n·dt/τ₊} over the n steps since its last arrival.
/// The per-step methods are compiled fully optimised at their first call (as the spiking step loop), so a run does
/// not spend its first hundreds of milliseconds in tier-0 code.
/// </summary>
public sealed class StdpSynapses
{
    /// <summary>Traces and eligibility below this magnitude are set to 0 (far above float's subnormal range, 1.2e-38).</summary>
    public const float SnapBelow = 1e-30f;

    private readonly SparseSynapses _syn;
    private readonly float _preDecay;
    private readonly float _postDecay;
    private readonly float _eligibilityDecay;
    private readonly float _aPlus;
    private readonly float _aMinus;
    private readonly float _min;
    private readonly float _max;
    private readonly float _invRange;
    private readonly bool _nearest;
    private readonly bool _multiplicative;
    private readonly double _tauPlusMs;
    private readonly double _tauMinusMs;
    private readonly double? _eligibilityTauMs;
    private readonly double _dtMs;
    private readonly double _preLogDecay;
    private readonly long[]? _lastArrivalStep;
    private readonly int[] _colPre;
    private long _step;

    /// <summary>STDP on <paramref name="synapses"/> with bounds [<paramref name="wMin"/>, <paramref name="wMax"/>].</summary>
    /// <param name="synapses">The synapses; weights are updated in place.</param>
    /// <param name="spec">STDP parameters.</param>
    /// <param name="wMin">Lower weight bound.</param>
    /// <param name="wMax">Upper weight bound (w_max).</param>
    /// <param name="dtMs">Step in ms.</param>
    /// <param name="eligibilityTauMs">τ_e in ms for three-factor learning, or null to change the weights directly.</param>
    /// <param name="alive">Optional per-synapse mask (0 = pruned, never changed), shared with pruning.</param>
    /// <param name="perSynapsePreTrace">Keep the presynaptic trace per synapse (per-synapse delays, <see cref="OnSynapseArrivals"/>).</param>
    public StdpSynapses(SparseSynapses synapses, StdpSpec spec, float wMin, float wMax, double dtMs, double? eligibilityTauMs = null, byte[]? alive = null, bool perSynapsePreTrace = false)
    {
        ArgumentNullException.ThrowIfNull(synapses);
        ArgumentNullException.ThrowIfNull(spec);
        if (!(spec.TauPlusMs > 0) || !(spec.TauMinusMs > 0) || !(dtMs > 0) || !(wMax > wMin))
        {
            throw new ArgumentException("STDP needs positive time constants and step, and w_max above w_min", nameof(spec));
        }

        _syn = synapses;
        _tauPlusMs = spec.TauPlusMs;
        _tauMinusMs = spec.TauMinusMs;
        _preDecay = (float)Math.Exp(-dtMs / spec.TauPlusMs);
        _postDecay = (float)Math.Exp(-dtMs / spec.TauMinusMs);
        _aPlus = (float)(spec.APlus * wMax); // amplitudes are in units of w_max
        _aMinus = (float)(spec.AMinus * wMax);
        _min = wMin;
        _max = wMax;
        _invRange = 1f / (wMax - wMin);
        _nearest = spec.Pairing == StdpPairing.Nearest;
        _multiplicative = spec.Mode == StdpWeightDependence.Multiplicative;
        PreTrace = new float[synapses.PreCount];
        // The presynaptic neuron of each column entry, in column order: a postsynaptic spike then reads its x_j
        // sequentially instead of through a second random access (Pre[ColSynapse[k]]) per synapse.
        _colPre = synapses.PreInColumnOrder();
        _dtMs = dtMs;
        _preLogDecay = -dtMs / spec.TauPlusMs;
        if (perSynapsePreTrace)
        {
            SynapsePreTrace = new float[synapses.Count];
            _lastArrivalStep = new long[synapses.Count];
        }

        PostTrace = new float[synapses.PostCount];
        Alive = alive;
        if (eligibilityTauMs is { } tauE)
        {
            _eligibilityTauMs = tauE;
            _eligibilityDecay = (float)Math.Exp(-dtMs / tauE);
            Eligibility = new float[synapses.Count];
        }
    }

    /// <summary>x_j, one per presynaptic neuron (dimensionless: a spike adds 1).</summary>
    public float[] PreTrace { get; }

    /// <summary>x_s at its synapse's last arrival (per-synapse delays), or null.</summary>
    public float[]? SynapsePreTrace { get; }

    /// <summary>y_i, one per postsynaptic neuron.</summary>
    public float[] PostTrace { get; }

    /// <summary>Per-synapse eligibility e_s (weight unit), or null without a trace.</summary>
    public float[]? Eligibility { get; }

    /// <summary>Per-synapse pruning mask (0 = removed), or null.</summary>
    public byte[]? Alive { get; }

    /// <summary>One step of exact trace decay (and of the eligibility trace). Call once per step before the events.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void DecayTraces()
    {
        _step++;
        DecayAndSnap(PreTrace, _preDecay);
        DecayAndSnap(PostTrace, _postDecay);
        if (Eligibility is { } e)
        {
            DecayAndSnap(e, _eligibilityDecay);
        }
    }

    /// <summary>
    /// Presynaptic spikes of neurons <paramref name="pre"/> arrive at their synapses: update x_j, then depress each
    /// synapse of the row by <paramref name="scale"/>·a₋·y_i (times F₋(w) when multiplicative).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnPreArrivals(ReadOnlySpan<int> pre, float scale)
    {
        var rowStart = _syn.RowStart;
        var post = _syn.Post;
        var w = _syn.Weight;
        var y = PostTrace;
        var x = PreTrace;
        var alive = Alive;
        float a = _aMinus * scale;
        bool simple = !_multiplicative && Eligibility is null && alive is null;
        foreach (int j in pre)
        {
            x[j] = _nearest ? 1f : x[j] + 1f;
            if (a == 0f)
            {
                continue; // scale 0: plasticity off, the traces still follow the spikes
            }

            int end = rowStart[j + 1];
            if (simple)
            {
                // Additive, no eligibility, no pruning: the common case, without per-synapse branches.
                for (int s = rowStart[j]; s < end; s++)
                {
                    float trace = y[post[s]];
                    if (trace != 0f)
                    {
                        w[s] = Math.Clamp(w[s] - (a * trace), _min, _max);
                    }
                }

                continue;
            }

            for (int s = rowStart[j]; s < end; s++)
            {
                float trace = y[post[s]];
                if (trace != 0f && (alive is null || alive[s] != 0))
                {
                    float dw = -a * trace;
                    Apply(s, _multiplicative ? dw * (w[s] - _min) * _invRange : dw, w);
                }
            }
        }
    }

    /// <summary>
    /// Per-synapse delays: spikes arrive at synapses <paramref name="synapses"/>: x_s decays to now and grows by 1
    /// (all-to-all) or is set to 1 (nearest), then the synapse is depressed by <paramref name="scale"/>·a₋·y_i
    /// (times F₋(w) when multiplicative).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnSynapseArrivals(ReadOnlySpan<int> synapses, float scale)
    {
        var trace = SynapsePreTrace ?? throw new InvalidOperationException("this projection keeps its presynaptic trace per neuron");
        var last = _lastArrivalStep!;
        var post = _syn.Post;
        var w = _syn.Weight;
        var y = PostTrace;
        float a = _aMinus * scale;
        foreach (int s in synapses)
        {
            trace[s] = _nearest ? 1f : SynapseTraceNow(s) + 1f;
            last[s] = _step;
            float yi = y[post[s]];
            if (a != 0f && yi != 0f && (Alive is null || Alive[s] != 0))
            {
                float dw = -a * yi;
                Apply(s, _multiplicative ? dw * (w[s] - _min) * _invRange : dw, w);
            }
        }
    }

    /// <summary>
    /// Postsynaptic neurons <paramref name="post"/> spike: update y_i, then potentiate each synapse of the column by
    /// <paramref name="scale"/>·a₊·x_j (times F₊(w) when multiplicative).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnPostSpikes(ReadOnlySpan<int> post, float scale)
    {
        var colStart = _syn.ColStart;
        var colSynapse = _syn.ColSynapse;
        var colPre = _colPre;
        var w = _syn.Weight;
        var x = PreTrace;
        var postTrace = PostTrace;
        var synapseTrace = SynapsePreTrace;
        var alive = Alive;
        float a = _aPlus * scale;
        bool simple = !_multiplicative && Eligibility is null && alive is null && synapseTrace is null;
        foreach (int i in post)
        {
            postTrace[i] = _nearest ? 1f : postTrace[i] + 1f;
            if (a == 0f)
            {
                continue;
            }

            int end = colStart[i + 1];
            if (simple)
            {
                // Additive, no eligibility, no pruning: the common case, without per-synapse branches.
                for (int k = colStart[i]; k < end; k++)
                {
                    float trace = x[colPre[k]];
                    if (trace != 0f)
                    {
                        int s = colSynapse[k];
                        w[s] = Math.Clamp(w[s] + (a * trace), _min, _max);
                    }
                }

                continue;
            }

            for (int k = colStart[i]; k < end; k++)
            {
                int s = colSynapse[k];
                float trace = synapseTrace is null ? x[colPre[k]] : SynapseTraceNow(s);
                if (trace != 0f && (alive is null || alive[s] != 0))
                {
                    float dw = a * trace;
                    Apply(s, _multiplicative ? dw * (_max - w[s]) * _invRange : dw, w);
                }
            }
        }
    }

    /// <summary>Three-factor conversion for one step: w ← clip(w + <paramref name="factor"/>·e), factor = η·g·m·dt.</summary>
    public void ConvertEligibility(float factor)
    {
        if (Eligibility is not { } e || factor == 0f)
        {
            return;
        }

        var w = _syn.Weight;
        for (int s = 0; s < e.Length; s++)
        {
            if (e[s] != 0f && (Alive is null || Alive[s] != 0))
            {
                w[s] = Math.Clamp(w[s] + (factor * e[s]), _min, _max);
            }
        }
    }

    /// <summary>An offline interval: traces and eligibility decay in closed form (no spikes, no conversion).</summary>
    public void FastForward(double durationMs)
    {
        _step += (long)Math.Round(durationMs / _dtMs); // per-synapse traces decay lazily over the elapsed steps
        DecayAndSnap(PreTrace, (float)Math.Exp(-durationMs / _tauPlusMs));
        DecayAndSnap(PostTrace, (float)Math.Exp(-durationMs / _tauMinusMs));
        if (Eligibility is { } e && _eligibilityTauMs is { } tauE)
        {
            DecayAndSnap(e, (float)Math.Exp(-durationMs / tauE));
        }
    }

    /// <summary>x_s decayed from its last arrival to the current step (0 once below <see cref="SnapBelow"/>).</summary>
    private float SynapseTraceNow(int s)
    {
        float x = SynapsePreTrace![s];
        long elapsed = _step - _lastArrivalStep![s];
        if (x == 0f || elapsed == 0)
        {
            return x;
        }

        float decayed = (float)(x * Math.Exp(elapsed * _preLogDecay));
        return Math.Abs(decayed) >= SnapBelow ? decayed : 0f;
    }

    private void Apply(int s, float dw, float[] w)
    {
        if (Eligibility is { } e)
        {
            e[s] += dw;
        }
        else
        {
            w[s] = Math.Clamp(w[s] + dw, _min, _max);
        }
    }

    /// <summary>v ← a·v, then |v| &lt; <see cref="SnapBelow"/> → 0 (.NET does not flush subnormals; they are slow).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void DecayAndSnap(Span<float> values, float factor)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            var a = new Vector<float>(factor);
            var floor = new Vector<float>(SnapBelow);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values[i..]) * a;
                Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.Abs(v), floor), v, Vector<float>.Zero).CopyTo(values[i..]);
            }
        }

        for (; i < values.Length; i++)
        {
            float v = values[i] * factor;
            values[i] = Math.Abs(v) >= SnapBelow ? v : 0f;
        }
    }
}
