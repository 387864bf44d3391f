#!/usr/bin/python3
"""Brian2 2.5.1 reference spike trains for neurotag's AdEx neuron (model: adex), issue "AdEx + COBA".

Usage: /usr/bin/python3 benchmarks/brian2/adex_reference.py OUT_DIR [--dt-ms 0.1 0.01] [--check]

Writes into OUT_DIR (normally tests/Neurotag.Core.Tests/Fixtures/adex/):
  brian2-naud-<class>-dt<dt>.csv   spike trains of the eight Naud et al. (2008) Table 1 sets under their step current
  brian2-coba-dt<dt>.csv           Brette & Gerstner (2005) set with COBA synapses driven by a scripted input
  brian2-coba-input.csv            that scripted input (source, kind, t_ms, weight_nS)
  rheobase.csv                     closed-form rheobase per set and its bifurcation type (see README.md there)
and prints, per train, the firing-class figures of README.md ("Firing-class criteria").
--check also runs every set again with I scaled by (1 + 1e-12) and the rheobase bracket runs (slow: ~1 min).

Semantics (Brian2's, which neurotag must match; README.md spells them out):
- method='euler', float64, numpy code generation (no compiled code, so the run is reproducible bit for bit).
- one time step, in Brian2's schedule order: groups (Euler update of every state variable from the OLD state),
  thresholds (v > v_cut, tested on the NEW v), synapses (on_pre of spikes emitted this step: g += w),
  resets (v = v_r; w += b). A spike is stamped with the time at the START of the step, t_n = n*dt.
- no refractory period; v is not clipped, so v may overshoot v_cut before it is reset.
- v(0) = E_L, w(0) = 0, g_e(0) = g_i(0) = 0; the step current is on from t = 0 for the whole run.
"""
import argparse
import math
import os
import sys

import numpy as np
from brian2 import (Equations, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, Synapses, defaultclock, ms, mV,
                    nS, pA, pF, prefs, run, start_scope, second)

prefs.codegen.target = 'numpy'

# Naud, Marcille, Clopath & Gerstner (2008), Biol Cybern 99:335, Table 1. Units: pF, nS, mV, mV, mV, nS, ms, pA, mV, pA.
# Values as in Brian2's examples/frompapers/Naud_et_al_2008_adex_firing_patterns.py and in EPFL-LCN's course
# script; the README lists where the sources agree and where they do not.
NAUD = {
    #                       C    gL   EL     VT     DT   a      tauw   b      Vr     I
    'tonic':               (200, 10, -70.0, -50.0, 2.0, 2.0, 30.0, 0.0, -58.0, 500.0),
    'adapting':            (200, 12, -70.0, -50.0, 2.0, 2.0, 300.0, 60.0, -58.0, 500.0),
    'initial-burst':       (130, 18, -58.0, -50.0, 2.0, 4.0, 150.0, 120.0, -50.0, 400.0),
    'regular-bursting':    (200, 10, -58.0, -50.0, 2.0, 2.0, 120.0, 100.0, -46.0, 210.0),
    'delayed-accelerating': (200, 12, -70.0, -50.0, 2.0, -10.0, 300.0, 0.0, -58.0, 300.0),
    'delayed-regular-bursting': (100, 10, -65.0, -50.0, 2.0, -10.0, 90.0, 30.0, -47.0, 110.0),
    'transient':           (100, 10, -65.0, -50.0, 2.0, 10.0, 90.0, 100.0, -47.0, 180.0),
    'irregular':           (100, 12, -60.0, -50.0, 2.0, -11.0, 130.0, 30.0, -48.0, 160.0),
}
# Brette & Gerstner (2005), J Neurophysiol 94:3637, regular spiking set (Brian2 examples/frompapers/Brette_Gerstner_2005.py).
BG2005 = (281, 30, -70.6, -50.4, 2.0, 4.0, 144.0, 80.5, -70.6, 0.0)
NAMES = ('C', 'gL', 'EL', 'VT', 'DT', 'a', 'tauw', 'b', 'Vr', 'I')

NAUD_DURATION_MS = 500.0
COBA_DURATION_MS = 1000.0
CUT_DELTAS = 5.0  # v_cut = V_T + 5 Delta_T (Brian2's Brette_Gerstner_2005 and Touboul_Brette_2008 examples)

# COBA: Brette & Gerstner (2005) neuron, tau_e 5 ms, tau_i 10 ms, E_e 0 mV, E_i -80 mV.
COBA_TAU_E, COBA_TAU_I, COBA_E_E, COBA_E_I = 5.0, 10.0, 0.0, -80.0
COBA_BIAS_PA = 500.0
COBA_W_E_NS, COBA_W_I_NS = 6.0, 8.0
COBA_SEED = 2005


def rheobase(p):
    """Closed-form rheobase of AdEx under constant current (README.md, "Rheobase"); returns (I_pA, kind, v_pA)."""
    C, gL, EL, VT, DT, a, tauw = p[:7]
    if gL + a <= 0:
        return (0.0 if gL + a == 0 else float('nan')), 'degenerate', float('nan')
    if a < C / tauw:  # trace < 0 at the saddle-node point: the rest state dies in a saddle-node bifurcation
        v = VT + DT * math.log(1.0 + a / gL)
        return (gL + a) * (VT - EL - DT + DT * math.log(1.0 + a / gL)), 'saddle-node', v
    # otherwise the trace vanishes first: Andronov-Hopf (subcritical for AdEx; Touboul & Brette 2008)
    tau_m = C / gL
    v = VT + DT * math.log(1.0 + tau_m / tauw)
    return (gL + a) * (v - EL) - gL * DT * (1.0 + tau_m / tauw), 'hopf', v


def isis(times):
    return np.diff(np.asarray(times))


def class_figures(times):
    """Figures of the firing-class criteria (README.md, "Firing-class criteria"). d = ISIs in ms."""
    t = np.asarray(times, dtype=float)
    d = isis(t)
    f = {'n': len(t), 'latency_ms': float(t[0]) if len(t) else float('nan')}
    if len(d) < 4:
        return f
    r = d[1:] / d[:-1]                       # successive ISI ratios
    tail = d[len(d) // 2:]                   # steady state: the second half of the ISIs
    long_ = tail > 0.5 * tail.max()          # "long" = pause; "short" = within a burst
    f['A'] = float(np.mean((d[1:] - d[:-1]) / (d[1:] + d[:-1])))   # adaptation index
    f['last_over_first'] = float(d[-1] / d[0])
    f['r_max'] = float(r.max())
    f['r_max_at'] = int(r.argmax()) + 1      # jump from ISI r_max_at to ISI r_max_at+1 (1-based)
    f['r_min'] = float(r.min())
    f['tail_cv'] = float(tail.std() / tail.mean())
    f['tail_n_long'] = int(long_.sum())
    f['tail_long_cv'] = float(tail[long_].std() / tail[long_].mean())
    f['tail_long_over_short'] = float(tail[long_].min() / tail[~long_].max()) if (~long_).any() else 1.0
    f['tail_r_max'] = float((tail[1:] / tail[:-1]).max())
    return f


def classify(f):
    """Operational firing class (README.md, "Firing-class criteria"); first rule that holds wins."""
    if f['n'] == 0:
        return 'silent'
    if f['n'] < 5:
        return 'transient'
    if f['tail_n_long'] >= 2 and f['tail_long_over_short'] > 3.0:
        return 'regular-bursting' if f['tail_long_cv'] < 0.05 else 'irregular'
    if f['tail_cv'] > 0.2:
        return 'irregular'
    if f['r_max'] >= 3.0 and f['r_max_at'] <= 4 and f['tail_cv'] < 0.05:
        return 'initial-burst'
    if f['r_max'] < 2.0 and f['r_min'] > 0.95 and f['A'] > 0.05 and f['last_over_first'] > 2.0:
        return 'adapting'
    if f['r_max'] < 1.05 and f['A'] < -0.005 and f['last_over_first'] < 0.8:
        return 'accelerating'
    if f['r_max'] < 1.25 and f['r_min'] > 0.8 and abs(f['A']) < 0.01 and f['last_over_first'] < 1.2:
        return 'tonic'
    return 'unclassified'


def naud_run(dt_ms, scale_i=1.0):
    start_scope()
    defaultclock.dt = dt_ms * ms
    names = list(NAUD)
    P = np.array([NAUD[k] for k in names], dtype=float)
    eqs = Equations('''
    dv/dt = (gL*(EL - v) + gL*DT*exp((v - VT)/DT) + I - w)/C : volt
    dw/dt = (a*(v - EL) - w)/tauw : amp
    C : farad (constant)
    gL : siemens (constant)
    EL : volt (constant)
    VT : volt (constant)
    DT : volt (constant)
    a : siemens (constant)
    tauw : second (constant)
    b : amp (constant)
    Vr : volt (constant)
    I : amp (constant)
    vcut : volt (constant)
    ''')
    g = NeuronGroup(len(names), eqs, threshold='v > vcut', reset='v = Vr; w += b', method='euler')
    g.C, g.gL, g.EL, g.VT, g.DT = P[:, 0] * pF, P[:, 1] * nS, P[:, 2] * mV, P[:, 3] * mV, P[:, 4] * mV
    g.a, g.tauw, g.b, g.Vr, g.I = P[:, 5] * nS, P[:, 6] * ms, P[:, 7] * pA, P[:, 8] * mV, P[:, 9] * scale_i * pA
    g.vcut = (P[:, 3] + CUT_DELTAS * P[:, 4]) * mV
    g.v = P[:, 2] * mV
    g.w = 0 * pA
    mon = SpikeMonitor(g)
    run(NAUD_DURATION_MS * ms)
    trains = mon.spike_trains()
    return {k: np.asarray(trains[i] / ms) for i, k in enumerate(names)}


def coba_input():
    """Scripted input: per 1 ms bin, one excitatory spike with probability 0.3 and one inhibitory with 0.1 (drawn once
    from numpy's MT19937 with seed 2005 and written to brian2-coba-input.csv, which is the input's definition)."""
    rng = np.random.RandomState(COBA_SEED)
    bins = np.arange(0, int(COBA_DURATION_MS) - 1) + 1.0  # 1..999 ms
    exc = bins[rng.random_sample(len(bins)) < 0.3]
    inh = bins[rng.random_sample(len(bins)) < 0.1]
    return exc, inh


def coba_run(dt_ms, scale_i=1.0):
    start_scope()
    defaultclock.dt = dt_ms * ms
    C, gL, EL, VT, DT, a, tauw, b, Vr, _ = BG2005
    C, gL, EL, VT, DT = C * pF, gL * nS, EL * mV, VT * mV, DT * mV
    a, tauw, b, Vr = a * nS, tauw * ms, b * pA, Vr * mV
    I = COBA_BIAS_PA * scale_i * pA
    tau_e, tau_i, E_e, E_i = COBA_TAU_E * ms, COBA_TAU_I * ms, COBA_E_E * mV, COBA_E_I * mV
    vcut = VT + CUT_DELTAS * DT
    eqs = '''
    dv/dt = (gL*(EL - v) + gL*DT*exp((v - VT)/DT) - w + I + ge*(E_e - v) + gi*(E_i - v))/C : volt
    dw/dt = (a*(v - EL) - w)/tauw : amp
    dge/dt = -ge/tau_e : siemens
    dgi/dt = -gi/tau_i : siemens
    '''
    n = NeuronGroup(1, eqs, threshold='v > vcut', reset='v = Vr; w += b', method='euler')
    n.v = EL
    exc, inh = coba_input()
    src = SpikeGeneratorGroup(2, np.r_[np.zeros(len(exc), int), np.ones(len(inh), int)], np.r_[exc, inh] * ms)
    se = Synapses(src, n, on_pre='ge_post += %r*nS' % COBA_W_E_NS)
    se.connect(i=0, j=0)
    si = Synapses(src, n, on_pre='gi_post += %r*nS' % COBA_W_I_NS)
    si.connect(i=1, j=0)
    mon = SpikeMonitor(n)
    run(COBA_DURATION_MS * ms)
    return np.asarray(mon.t / ms)


def fixed_point(p, I):
    """Stable (left) fixed point of the I-V curve F(v) = gL(v-EL) - gL DT exp((v-VT)/DT) + a(v-EL) = I, by bisection."""
    C, gL, EL, VT, DT, a = p[:6]
    F = lambda v: (gL + a) * (v - EL) - gL * DT * math.exp((v - VT) / DT)
    vmax = VT + DT * math.log(1.0 + a / gL) if gL + a > 0 else VT
    lo, hi = EL - 200.0, vmax
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if F(mid) < I:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def rheobase_bracket(p, factor, dt_ms=0.01, dur_ms=3000.0):
    """Spike count in dur_ms from the rest state of I = factor*I_rh (started at the fixed point of 0.9 I_rh + kick-free
    ramp: we start at the fixed point of I itself when it exists, else at that of 0.999 I_rh)."""
    start_scope()
    defaultclock.dt = dt_ms * ms
    C, gL, EL, VT, DT, a, tauw, b, Vr, _ = p
    I_rh = rheobase(p)[0]
    I = factor * I_rh
    v0 = fixed_point(p, min(I, 0.999 * I_rh) if rheobase(p)[1] == 'saddle-node' else I)
    eqs = '''
    dv/dt = (gL*(EL - v) + gL*DT*exp((v - VT)/DT) + I - w)/C : volt
    dw/dt = (a*(v - EL) - w)/tauw : amp
    '''
    ns = dict(C=C * pF, gL=gL * nS, EL=EL * mV, VT=VT * mV, DT=DT * mV, a=a * nS, tauw=tauw * ms, b=b * pA,
              Vr=Vr * mV, I=I * pA, vcut=(VT + CUT_DELTAS * DT) * mV)
    n = NeuronGroup(1, eqs, threshold='v > vcut', reset='v = Vr; w += b', method='euler', namespace=ns)
    n.v = v0 * mV
    n.w = a * (v0 - EL) * pA
    mon = SpikeMonitor(n)
    run(dur_ms * ms, namespace=ns)
    return mon.num_spikes, (float(mon.t[0] / ms) if mon.num_spikes else float('nan'))


def write_train(path, times, dt_ms):
    with open(path, 'w') as f:
        f.write('spike_index,step,t_ms\n')
        for k, t in enumerate(times):
            step = int(round(t / dt_ms))
            f.write('%d,%d,%s\n' % (k, step, repr(round(step * dt_ms, 6))))


def dt_tag(dt_ms):
    return ('%g' % dt_ms)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--dt-ms', type=float, nargs='+', default=[0.1, 0.01])
    ap.add_argument('--check', action='store_true')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    with open(os.path.join(args.out, 'rheobase.csv'), 'w') as f:
        f.write('set,C_pF,gL_nS,EL_mV,VT_mV,DT_mV,a_nS,tauw_ms,b_pA,Vr_mV,I_pA,bifurcation,v_rh_mV,I_rh_pA\n')
        for name, p in list(NAUD.items()) + [('brette-gerstner-2005', BG2005)]:
            I_rh, kind, v = rheobase(p)
            f.write('%s,%s,%s,%.6f,%.6f\n' % (name, ','.join('%g' % x for x in p), kind, v, I_rh))
            print('rheobase %-26s %-11s I_rh = %10.4f pA  (v = %.4f mV)  step I = %g pA' % (name, kind, I_rh, v, p[9]))

    exc, inh = coba_input()
    with open(os.path.join(args.out, 'brian2-coba-input.csv'), 'w') as f:
        f.write('source,kind,t_ms,weight_nS\n')
        rows = sorted([(t, 0, 'exc', COBA_W_E_NS) for t in exc] + [(t, 1, 'inh', COBA_W_I_NS) for t in inh])
        for t, s, k, w in rows:
            f.write('%d,%s,%g,%g\n' % (s, k, t, w))

    for dt in args.dt_ms:
        trains = naud_run(dt)
        for name, t in trains.items():
            write_train(os.path.join(args.out, 'brian2-naud-%s-dt%s.csv' % (name, dt_tag(dt))), t, dt)
            f = class_figures(t)
            print('dt=%s %-26s class=%-16s %s' % (dt, name, classify(f), ' '.join(
                '%s=%.4g' % (k, v) for k, v in f.items())))
        tc = coba_run(dt)
        write_train(os.path.join(args.out, 'brian2-coba-dt%s.csv' % dt_tag(dt)), tc, dt)
        print('dt=%s coba: %d spikes, rate %.2f Hz, first %s' % (dt, len(tc), len(tc) / (COBA_DURATION_MS / 1000),
                                                                 tc[:5]))
        if args.check:
            pert = naud_run(dt, 1.0 + 1e-12)
            for name in trains:
                a, b = trains[name], pert[name]
                same = len(a) == len(b) and np.array_equal(a, b)
                first = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
                print('  perturb I*(1+1e-12) dt=%s %-26s identical=%s first_diff_index=%d n=%d/%d' % (
                    dt, name, same, first, len(a), len(b)))
            tp = coba_run(dt, 1.0 + 1e-12)
            print('  perturb coba identical=%s n=%d/%d' % (len(tp) == len(tc) and np.array_equal(tp, tc), len(tc),
                                                           len(tp)))

    if args.check:
        for name, p in list(NAUD.items()) + [('brette-gerstner-2005', BG2005)]:
            if rheobase(p)[1] == 'degenerate':
                continue
            lo = rheobase_bracket(p, 0.98)
            hi = rheobase_bracket(p, 1.02)
            print('bracket %-26s 0.98 I_rh: %d spikes; 1.02 I_rh: %d spikes (first at %.1f ms)' % (
                name, lo[0], hi[0], hi[1]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
