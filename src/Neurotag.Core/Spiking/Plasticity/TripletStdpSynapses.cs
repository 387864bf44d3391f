using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// Triplet STDP on sparse synapses, all-to-all interactions (Pfister &amp; Gerstner 2006, eqs. 3–4), laid out like
/// <see cref="StdpSynapses"/>: per-neuron traces r₁, r₂ (presynaptic) and o₁, o₂ (postsynaptic) decay by the exact
/// factors e^{−dt/τ} once per step (<see cref="DecayTraces"/>) and are snapped to 0 below <see cref="StdpSynapses.SnapBelow"/>.
/// Event-driven, no sweep over synapses: a presynaptic arrival touches its CSR row, Δw = −o₁·(A₂⁻ + A₃⁻·r₂), then
/// r₁, r₂ += 1; a postsynaptic spike touches its column, Δw = +r₁·(A₂⁺ + A₃⁺·o₂), then o₁, o₂ += 1 — r₂ and o₂ are
/// read before the spike's own increment (the paper's t − ε), which is what makes the rule a triplet rule.
/// Within a step arrivals come before postsynaptic spikes (Brian2's order, as pair STDP): a pre and a post spike in
/// the same step potentiate by A₂⁺ + A₃⁺·o₂ and the arrival sees only o₁ of earlier steps. Weights are clipped to
/// [w_min, w_max] after each update. With per-synapse delays r₁ and r₂ are kept per synapse, charged at arrival and
/// decayed lazily over the steps since (as NEST's Kplus and Kplus_triplet).
/// </summary>
public sealed class TripletStdpSynapses : ITracedSynapses
{
    private readonly SparseSynapses _syn;
    private readonly float _r1Decay;
    private readonly float _r2Decay;
    private readonly float _o1Decay;
    private readonly float _o2Decay;
    private readonly float _a2Plus;
    private readonly float _a3Plus;
    private readonly float _a2Minus;
    private readonly float _a3Minus;
    private readonly float _min;
    private readonly float _max;
    private readonly TripletStdpSpec _spec;
    private readonly double _dtMs;
    private readonly long[]? _lastArrivalStep;
    private readonly int[] _colPre;
    private long _step;

    /// <summary>Triplet STDP on <paramref name="synapses"/> with bounds [<paramref name="wMin"/>, <paramref name="wMax"/>].</summary>
    /// <param name="synapses">The synapses; weights are updated in place.</param>
    /// <param name="spec">Time constants and amplitudes (amplitudes in units of <paramref name="wMax"/>).</param>
    /// <param name="wMin">Lower weight bound.</param>
    /// <param name="wMax">Upper weight bound (w_max).</param>
    /// <param name="dtMs">Step in ms.</param>
    /// <param name="alive">Optional per-synapse mask (0 = pruned, never changed), shared with pruning.</param>
    /// <param name="perSynapsePreTrace">Keep r₁ and r₂ per synapse (per-synapse delays, <see cref="OnSynapseArrivals"/>).</param>
    public TripletStdpSynapses(SparseSynapses synapses, TripletStdpSpec spec, float wMin, float wMax, double dtMs, byte[]? alive = null, bool perSynapsePreTrace = false)
    {
        ArgumentNullException.ThrowIfNull(synapses);
        ArgumentNullException.ThrowIfNull(spec);
        if (!(spec.TauPlusMs > 0) || !(spec.TauMinusMs > 0) || !(spec.TauXMs > 0) || !(spec.TauYMs > 0) || !(dtMs > 0) || !(wMax > wMin))
        {
            throw new ArgumentException("triplet STDP needs positive time constants and step, and w_max above w_min", nameof(spec));
        }

        _syn = synapses;
        _spec = spec;
        _dtMs = dtMs;
        _r1Decay = (float)Math.Exp(-dtMs / spec.TauPlusMs);
        _r2Decay = (float)Math.Exp(-dtMs / spec.TauXMs);
        _o1Decay = (float)Math.Exp(-dtMs / spec.TauMinusMs);
        _o2Decay = (float)Math.Exp(-dtMs / spec.TauYMs);
        _a2Plus = (float)(spec.A2Plus * wMax);
        _a3Plus = (float)(spec.A3Plus * wMax);
        _a2Minus = (float)(spec.A2Minus * wMax);
        _a3Minus = (float)(spec.A3Minus * wMax);
        _min = wMin;
        _max = wMax;
        Alive = alive;
        PreTrace1 = new float[synapses.PreCount];
        PreTrace2 = new float[synapses.PreCount];
        PostTrace1 = new float[synapses.PostCount];
        PostTrace2 = new float[synapses.PostCount];
        _colPre = synapses.PreInColumnOrder();

        if (perSynapsePreTrace)
        {
            SynapsePreTrace1 = new float[synapses.Count];
            SynapsePreTrace2 = new float[synapses.Count];
            _lastArrivalStep = new long[synapses.Count];
        }
    }

    /// <summary>r₁ per presynaptic neuron (τ₊).</summary>
    public float[] PreTrace1 { get; }

    /// <summary>r₂ per presynaptic neuron (τ_x).</summary>
    public float[] PreTrace2 { get; }

    /// <summary>o₁ per postsynaptic neuron (τ₋).</summary>
    public float[] PostTrace1 { get; }

    /// <summary>o₂ per postsynaptic neuron (τ_y).</summary>
    public float[] PostTrace2 { get; }

    /// <summary>r₁ per synapse at its last arrival (per-synapse delays), or null.</summary>
    public float[]? SynapsePreTrace1 { get; }

    /// <summary>r₂ per synapse at its last arrival (per-synapse delays), or null.</summary>
    public float[]? SynapsePreTrace2 { get; }

    /// <summary>Per-synapse pruning mask (0 = removed), or null.</summary>
    public byte[]? Alive { get; }

    /// <summary>One step of exact trace decay. Call once per step, after the step's events.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void DecayTraces()
    {
        _step++;
        StdpSynapses.DecayAndSnap(PreTrace1, _r1Decay);
        StdpSynapses.DecayAndSnap(PostTrace1, _o1Decay);
        StdpSynapses.DecayAndSnap(PostTrace2, _o2Decay);
        if (_a3Minus != 0f)
        {
            StdpSynapses.DecayAndSnap(PreTrace2, _r2Decay); // r₂ only acts through A₃⁻: the minimal model skips it
        }
    }

    /// <summary>
    /// Presynaptic spikes of <paramref name="pre"/> arrive: each synapse of the row is depressed by
    /// <paramref name="scale"/>·o₁·(A₂⁻ + A₃⁻·r₂), then r₁ and r₂ grow by 1.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnPreArrivals(ReadOnlySpan<int> pre, float scale)
    {
        var rowStart = _syn.RowStart;
        var post = _syn.Post;
        var w = _syn.Weight;
        var o1 = PostTrace1;
        var alive = Alive;
        foreach (int j in pre)
        {
            float a = scale * (_a2Minus + (_a3Minus * PreTrace2[j]));
            PreTrace1[j] += 1f;
            if (_a3Minus != 0f)
            {
                PreTrace2[j] += 1f;
            }

            if (a == 0f)
            {
                continue; // plasticity off: the traces still follow the spikes
            }

            int end = rowStart[j + 1];
            for (int s = rowStart[j]; s < end; s++)
            {
                float trace = o1[post[s]];
                if (trace != 0f && (alive is null || alive[s] != 0))
                {
                    w[s] = Math.Clamp(w[s] - (a * trace), _min, _max);
                }
            }
        }
    }

    /// <summary>
    /// Per-synapse delays: spikes arrive at <paramref name="synapses"/>; each is depressed by
    /// <paramref name="scale"/>·o₁·(A₂⁻ + A₃⁻·r₂,s) with r₂,s decayed to now, then its r₁,s and r₂,s grow by 1.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnSynapseArrivals(ReadOnlySpan<int> synapses, float scale)
    {
        var r1 = SynapsePreTrace1 ?? throw new InvalidOperationException("this projection keeps its presynaptic traces per neuron");
        var r2 = SynapsePreTrace2!;
        var last = _lastArrivalStep!;
        var post = _syn.Post;
        var w = _syn.Weight;
        foreach (int s in synapses)
        {
            float r2Before = Lazy(r2[s], s, _spec.TauXMs);
            r1[s] = Lazy(r1[s], s, _spec.TauPlusMs) + 1f;
            r2[s] = r2Before + 1f;
            last[s] = _step;
            float a = scale * (_a2Minus + (_a3Minus * r2Before));
            float o1 = PostTrace1[post[s]];
            if (a != 0f && o1 != 0f && (Alive is null || Alive[s] != 0))
            {
                w[s] = Math.Clamp(w[s] - (a * o1), _min, _max);
            }
        }
    }

    /// <summary>
    /// Postsynaptic neurons <paramref name="post"/> spike: each synapse of the column is potentiated by
    /// <paramref name="scale"/>·r₁·(A₂⁺ + A₃⁺·o₂), o₂ before this spike, then o₁ and o₂ grow by 1.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnPostSpikes(ReadOnlySpan<int> post, float scale)
    {
        var colStart = _syn.ColStart;
        var colSynapse = _syn.ColSynapse;
        var colPre = _colPre;
        var w = _syn.Weight;
        var r1 = PreTrace1;
        var synapseR1 = SynapsePreTrace1;
        var alive = Alive;
        foreach (int i in post)
        {
            float a = scale * (_a2Plus + (_a3Plus * PostTrace2[i]));
            PostTrace1[i] += 1f;
            PostTrace2[i] += 1f;
            if (a == 0f)
            {
                continue;
            }

            int end = colStart[i + 1];
            for (int k = colStart[i]; k < end; k++)
            {
                int s = colSynapse[k];
                float trace = synapseR1 is null ? r1[colPre[k]] : Lazy(synapseR1[s], s, _spec.TauPlusMs);
                if (trace != 0f && (alive is null || alive[s] != 0))
                {
                    w[s] = Math.Clamp(w[s] + (a * trace), _min, _max);
                }
            }
        }
    }

    /// <summary>An offline interval: the traces decay in closed form (no spikes).</summary>
    public void FastForward(double durationMs)
    {
        _step += (long)Math.Round(durationMs / _dtMs); // per-synapse traces decay lazily over the elapsed steps
        StdpSynapses.DecayAndSnap(PreTrace1, (float)Math.Exp(-durationMs / _spec.TauPlusMs));
        StdpSynapses.DecayAndSnap(PreTrace2, (float)Math.Exp(-durationMs / _spec.TauXMs));
        StdpSynapses.DecayAndSnap(PostTrace1, (float)Math.Exp(-durationMs / _spec.TauMinusMs));
        StdpSynapses.DecayAndSnap(PostTrace2, (float)Math.Exp(-durationMs / _spec.TauYMs));
    }

    /// <summary>A per-synapse trace <paramref name="value"/> decayed with τ from synapse s's last arrival to now.</summary>
    private float Lazy(float value, int s, double tauMs)
    {
        long elapsed = _step - _lastArrivalStep![s];
        if (value == 0f || elapsed == 0)
        {
            return value;
        }

        float decayed = (float)(value * Math.Exp(-elapsed * _dtMs / tauMs));
        return Math.Abs(decayed) >= StdpSynapses.SnapBelow ? decayed : 0f;
    }
}
