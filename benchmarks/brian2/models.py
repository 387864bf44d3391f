#!/usr/bin/python3
"""Brian2 2.5.1 reference models for benchmarks/compare-brian2.sh (C++ standalone, single thread).

Usage: /usr/bin/python3 models.py MODEL PROJECT_DIR [--duration SECONDS] [--method exponential_euler|euler]
MODEL: coba | coba-stdp | coba-20k | sma

Builds the model as a C++ standalone project in PROJECT_DIR, compiles and runs it once, and prints one line
`loop_s=<float> rate_hz=<float> [more figures]` (coba*: rate_hz is the excitatory mean rate, all_hz
every neuron's; sma: the output rate, the rates of the first and last 10 s, final weight fractions). The loop time is Brian2's own measurement of the
simulation loop (results/last_run_info.txt), so code generation and compilation are excluded. The compiled binary
can be run again without recompiling: `cd PROJECT_DIR && ./main` rewrites results/last_run_info.txt
(`<loop seconds> <completed fraction>`), which is how the comparison script repeats it.

The models mirror neurotag's scenarios (see benchmarks/README.md, "Brian2 comparison"):
- coba: Vogels & Abbott (2005) / Brette et al. (2007) COBA network, the timing variant of Brian2, ANNarchy and
  BrainPy (issue #3, item 6): 4000 LIF, 3200 excitatory, p = 0.02, conductances in units of g_leak.
- coba-stdp: coba with additive all-to-all STDP on E->E (Song, Miller & Abbott 2000).
- coba-20k: coba with 20 000 neurons, p = 0.02, weights scaled by 4000/N.
- sma: Song, Miller & Abbott (2000) with the parameters of Brian2's examples/synapses/STDP.py: 1000 Poisson inputs at
  15 Hz onto one LIF neuron, 100 s.
Every model integrates with method='exponential_euler' by default, neurotag's LIF scheme (docs/models.md,
"Spiking core"): v relaxes exactly toward its conductance-weighted target with the conductances held over the step.
"""
import argparse
import sys

from brian2 import (NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, defaultclock, device, ms, mV, Hz, second,
                    prefs, run, seed, set_device)


def coba(n, duration_s, stdp, method):
    # Parameters of issue #3 item 6; conductances are dimensionless, in units of g_leak (10 nS).
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    vt, vr, el = -50 * mV, -60 * mV, -60 * mV
    e_exc, e_inh, drive = 0 * mV, -80 * mV, 20 * mV
    scale = 4000.0 / n
    we, wi = 0.6 * scale, 6.7 * scale
    eqs = '''
    dv/dt = (ge*(e_exc-v) + gi*(e_inh-v) + (el-v) + drive) / taum : volt (unless refractory)
    dge/dt = -ge/taue : 1
    dgi/dt = -gi/taui : 1
    '''
    # exponential_euler: neurotag's LIF integration (v relaxes exactly toward its conductance-weighted target with the
    # conductances held over the step; g decays by the exact factor), so both tools integrate the same equations.
    group = NeuronGroup(n, eqs, threshold='v>vt', reset='v = vr', refractory=5 * ms, method=method,
                        namespace=locals())
    group.v = 'randn()*5*mV - 55*mV'
    group.ge = 'clip(randn()*1.5 + 4, 0, inf)'
    group.gi = 'clip(randn()*12 + 20, 0, inf)'
    n_exc = n * 4 // 5
    exc, inh = group[:n_exc], group[n_exc:]
    if stdp:
        # Additive all-to-all STDP on E->E, as scenario benchmarks/scenarios/coba-stdp.yaml: tau+- 20 ms,
        # w_max = 2 w_e, a_plus = 0.01 w_e, a_minus = 1.05 a_plus, initial weight w_e.
        wmax = 2 * we
        a_plus = 0.01 * we
        a_minus = 1.05 * a_plus
        ee = Synapses(exc, exc, '''w : 1
                      dapre/dt = -apre/(20*ms) : 1 (event-driven)
                      dapost/dt = -apost/(20*ms) : 1 (event-driven)''',
                      on_pre='''ge_post += w
                      apre += a_plus
                      w = clip(w - apost, 0, wmax)''',
                      on_post='''apost += a_minus
                      w = clip(w + apre, 0, wmax)''', namespace=locals())
        ee.connect(p=0.02)
        ee.w = we
        ei = Synapses(exc, inh, on_pre='ge_post += we', namespace=locals())
        ei.connect(p=0.02)
    else:
        ce = Synapses(exc, group, on_pre='ge_post += we', namespace=locals())
        ce.connect(p=0.02)
    ci = Synapses(inh, group, on_pre='gi_post += wi', namespace=locals())
    ci.connect(p=0.02)
    mon_e = SpikeMonitor(exc, record=False)
    mon_all = SpikeMonitor(group, record=False)
    run(duration_s * second)
    # Spike counts exist only once the standalone binary has run: return how to read them.
    return lambda: [mon_e.num_spikes / n_exc / duration_s, mon_all.num_spikes / n / duration_s]


def sma(duration_s, method):
    # Brian2 examples/synapses/STDP.py (Song, Miller & Abbott 2000); conductance in units of g_leak.
    n = 1000
    taum, taupre, taupost = 10 * ms, 20 * ms, 20 * ms
    e_exc, vt, vr, el, taue = 0 * mV, -54 * mV, -60 * mV, -74 * mV, 5 * ms
    gmax = 0.01
    dapre = 0.01 * gmax
    dapost = -dapre * taupre / taupost * 1.05
    eqs = '''
    dv/dt = (ge * (e_exc-v) + el - v) / taum : volt
    dge/dt = -ge / taue : 1
    '''
    inputs = PoissonGroup(n, rates=15 * Hz)
    neuron = NeuronGroup(1, eqs, threshold='v>vt', reset='v = vr', method=method, namespace=locals())
    neuron.v = el
    syn = Synapses(inputs, neuron, '''w : 1
                   dapre/dt = -apre / taupre : 1 (event-driven)
                   dapost/dt = -apost / taupost : 1 (event-driven)''',
                   on_pre='''ge += w
                   apre += dapre
                   w = clip(w + apost, 0, gmax)''',
                   on_post='''apost += dapost
                   w = clip(w + apre, 0, gmax)''', namespace=locals())
    syn.connect()
    syn.w = 'rand() * gmax'
    mon = SpikeMonitor(neuron, record=True)
    run(duration_s * second)

    def rates():
        # Output rate over the whole run, the first and the last 10 s, and the final fractions of weights above
        # 0.9 w_max and below 0.1 w_max (neurotag's weights.*.frac_high / frac_low).
        t = mon.t[:] / second
        w = syn.w[:] / gmax
        return [mon.num_spikes / duration_s, (t < 10).sum() / 10.0, (t >= duration_s - 10).sum() / 10.0,
                (w > 0.9).mean(), (w < 0.1).mean()]
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('model', choices=['coba', 'coba-stdp', 'coba-20k', 'sma'])
    parser.add_argument('directory')
    parser.add_argument('--duration', type=float, default=None, help='biological seconds (default 10, sma 100)')
    parser.add_argument('--method', default='exponential_euler',
                        help="Brian2 integration method (default exponential_euler, neurotag's scheme; 'euler' is "
                             "cheaper and integrates differently, for comparison with the issue #3 table)")
    args = parser.parse_args()
    set_device('cpp_standalone', directory=args.directory, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0  # single-threaded, like neurotag's loop
    defaultclock.dt = 0.1 * ms
    seed(1)
    if args.model == 'sma':
        read_rates = sma(args.duration or 100.0, args.method)
    else:
        n = 20000 if args.model == 'coba-20k' else 4000
        read_rates = coba(n, args.duration or 10.0, args.model == 'coba-stdp', args.method)
    device.build(directory=args.directory, compile=True, run=True)
    rates = read_rates()
    names = ['first10_hz', 'last10_hz', 'frac_high', 'frac_low'] if args.model == 'sma' else ['all_hz']
    extra = ''.join(f' {name}={r:.4f}' for name, r in zip(names, rates[1:]))
    print(f'loop_s={device._last_run_time:.4f} rate_hz={rates[0]:.4f}{extra}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
