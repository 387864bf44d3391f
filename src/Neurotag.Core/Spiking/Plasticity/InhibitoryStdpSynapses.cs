using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// Inhibitory STDP with a target rate (Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner 2011, Science 334:1569) on
/// sparse synapses, laid out like <see cref="StdpSynapses"/>: a presynaptic trace x_pre per presynaptic neuron and a
/// postsynaptic trace x_post per postsynaptic neuron, both with τ_STDP, decayed by the exact factor e^{−dt/τ} once per
/// step (<see cref="DecayTraces"/>) and snapped to 0 below <see cref="StdpSynapses.SnapBelow"/>. Event-driven, no sweep
/// over synapses: a presynaptic arrival touches its CSR row, x_pre += 1 and Δw = η·(x_post − α); a postsynaptic spike
/// touches its column, x_post += 1 and Δw = η·x_pre. Weights are clipped to [w_min, w_max] after each update.
/// Within a step arrivals come before postsynaptic spikes (Brian2's order, as pair STDP): an arrival reads x_post of
/// earlier steps, a postsynaptic spike reads x_pre including this step's arrivals. With per-synapse delays x_pre is
/// kept per synapse, charged at arrival and decayed lazily over the steps since (as NEST's Kplus).
/// </summary>
public sealed class InhibitoryStdpSynapses : ITracedSynapses
{
    private readonly SparseSynapses _syn;
    private readonly float _decay;
    private readonly float _eta;
    private readonly float _etaAlpha;
    private readonly float _min;
    private readonly float _max;
    private readonly double _tauMs;
    private readonly double _dtMs;
    private readonly long[]? _lastArrivalStep;
    private readonly int[] _colPre;
    private long _step;

    /// <summary>Inhibitory STDP on <paramref name="synapses"/> with bounds [<paramref name="wMin"/>, <paramref name="wMax"/>].</summary>
    /// <param name="synapses">The synapses; weights are updated in place.</param>
    /// <param name="spec">η (in weight units), ρ₀ and τ_STDP.</param>
    /// <param name="wMin">Lower weight bound (0 in the paper).</param>
    /// <param name="wMax">Upper weight bound.</param>
    /// <param name="dtMs">Step in ms.</param>
    /// <param name="alive">Optional per-synapse mask (0 = pruned, never changed), shared with pruning.</param>
    /// <param name="perSynapsePreTrace">Keep x_pre per synapse (per-synapse delays, <see cref="OnSynapseArrivals"/>).</param>
    public InhibitoryStdpSynapses(SparseSynapses synapses, InhibitoryStdpSpec spec, float wMin, float wMax, double dtMs, byte[]? alive = null, bool perSynapsePreTrace = false)
    {
        ArgumentNullException.ThrowIfNull(synapses);
        ArgumentNullException.ThrowIfNull(spec);
        if (!(spec.TauMs > 0) || !(spec.TargetRateHz > 0) || !(spec.Eta >= 0) || !(dtMs > 0) || !(wMax > wMin))
        {
            throw new ArgumentException("inhibitory STDP needs a positive τ, target rate and step, η ≥ 0, and w_max above w_min", nameof(spec));
        }

        _syn = synapses;
        _tauMs = spec.TauMs;
        _dtMs = dtMs;
        _decay = (float)Math.Exp(-dtMs / spec.TauMs);
        _eta = (float)spec.Eta;
        _etaAlpha = (float)(spec.Eta * spec.Alpha);
        _min = wMin;
        _max = wMax;
        Alive = alive;
        PreTrace = new float[synapses.PreCount];
        PostTrace = new float[synapses.PostCount];
        _colPre = synapses.PreInColumnOrder();

        if (perSynapsePreTrace)
        {
            SynapsePreTrace = new float[synapses.Count];
            _lastArrivalStep = new long[synapses.Count];
        }
    }

    /// <summary>x_pre per presynaptic neuron.</summary>
    public float[] PreTrace { get; }

    /// <summary>x_post per postsynaptic neuron.</summary>
    public float[] PostTrace { get; }

    /// <summary>x_pre per synapse at its last arrival (per-synapse delays), or null.</summary>
    public float[]? SynapsePreTrace { get; }

    /// <summary>Per-synapse pruning mask (0 = removed), or null.</summary>
    public byte[]? Alive { get; }

    /// <summary>One step of exact trace decay. Call once per step, after the step's events.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void DecayTraces()
    {
        _step++;
        StdpSynapses.DecayAndSnap(PreTrace, _decay);
        StdpSynapses.DecayAndSnap(PostTrace, _decay);
    }

    /// <summary>
    /// Presynaptic spikes of <paramref name="pre"/> arrive: x_pre += 1, then each synapse of the row changes by
    /// <paramref name="scale"/>·η·(x_post − α).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnPreArrivals(ReadOnlySpan<int> pre, float scale)
    {
        var rowStart = _syn.RowStart;
        var post = _syn.Post;
        var w = _syn.Weight;
        var xPost = PostTrace;
        var alive = Alive;
        float eta = scale * _eta, etaAlpha = scale * _etaAlpha;
        foreach (int j in pre)
        {
            PreTrace[j] += 1f;
            if (eta == 0f)
            {
                continue; // plasticity off: the traces still follow the spikes
            }

            int end = rowStart[j + 1];
            for (int s = rowStart[j]; s < end; s++)
            {
                if (alive is null || alive[s] != 0)
                {
                    w[s] = Math.Clamp(w[s] + ((eta * xPost[post[s]]) - etaAlpha), _min, _max);
                }
            }
        }
    }

    /// <summary>
    /// Per-synapse delays: spikes arrive at <paramref name="synapses"/>; each one's x_pre,s is decayed to now and
    /// grows by 1, and its weight changes by <paramref name="scale"/>·η·(x_post − α).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnSynapseArrivals(ReadOnlySpan<int> synapses, float scale)
    {
        var x = SynapsePreTrace ?? throw new InvalidOperationException("this projection keeps its presynaptic traces per neuron");
        var last = _lastArrivalStep!;
        var post = _syn.Post;
        var w = _syn.Weight;
        float eta = scale * _eta, etaAlpha = scale * _etaAlpha;
        foreach (int s in synapses)
        {
            x[s] = Lazy(x[s], s) + 1f;
            last[s] = _step;
            if (eta != 0f && (Alive is null || Alive[s] != 0))
            {
                w[s] = Math.Clamp(w[s] + ((eta * PostTrace[post[s]]) - etaAlpha), _min, _max);
            }
        }
    }

    /// <summary>
    /// Postsynaptic neurons <paramref name="post"/> spike: x_post += 1, then each synapse of the column changes by
    /// <paramref name="scale"/>·η·x_pre.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnPostSpikes(ReadOnlySpan<int> post, float scale)
    {
        var colStart = _syn.ColStart;
        var colSynapse = _syn.ColSynapse;
        var colPre = _colPre;
        var w = _syn.Weight;
        var xPre = PreTrace;
        var synapseX = SynapsePreTrace;
        var alive = Alive;
        float eta = scale * _eta;
        foreach (int i in post)
        {
            PostTrace[i] += 1f;
            if (eta == 0f)
            {
                continue;
            }

            int end = colStart[i + 1];
            for (int k = colStart[i]; k < end; k++)
            {
                int s = colSynapse[k];
                float trace = synapseX is null ? xPre[colPre[k]] : Lazy(synapseX[s], s);
                if (trace != 0f && (alive is null || alive[s] != 0))
                {
                    w[s] = Math.Clamp(w[s] + (eta * trace), _min, _max);
                }
            }
        }
    }

    /// <summary>An offline interval: the traces decay in closed form (no spikes).</summary>
    public void FastForward(double durationMs)
    {
        _step += (long)Math.Round(durationMs / _dtMs); // per-synapse traces decay lazily over the elapsed steps
        float factor = (float)Math.Exp(-durationMs / _tauMs);
        StdpSynapses.DecayAndSnap(PreTrace, factor);
        StdpSynapses.DecayAndSnap(PostTrace, factor);
    }

    /// <summary>Synapse s's x_pre <paramref name="value"/> decayed from its last arrival to now.</summary>
    private float Lazy(float value, int s)
    {
        long elapsed = _step - _lastArrivalStep![s];
        if (value == 0f || elapsed == 0)
        {
            return value;
        }

        float decayed = (float)(value * Math.Exp(-elapsed * _dtMs / _tauMs));
        return decayed >= StdpSynapses.SnapBelow ? decayed : 0f;
    }
}
