#!/usr/bin/env python3
"""The benchmark networks in Brian2 (runtime or C++ standalone): one run, one JSON line.

    python scripts/peers/brian2_nets.py --net brunel|cuba|coba|stdp --mode runtime|standalone
                                         [--threads N] [--seed S] [--duration SECONDS]
                                         [--workdir DIR]

Needs a python that imports brian2 (``cargo xtask bench --peers`` makes /tmp/peers-venv with
brian2 2.9.0 and numpy 2.3.5) and a C++ compiler.

The networks (parameters in peers_common.py; all with dt = 0.1 ms):

* brunel: ``dv/dt = -v/tau_m (unless refractory)``, threshold ``v >= theta``, reset V_r,
  refractory 2 ms, exact integration (NEST's iaf_psc_delta); synapses ``v_post += w`` unless
  the target is refractory (NEST discards input during refractoriness), delay 1.5 ms; fixed
  in-degree through Brian's generator syntax ``i = 'k for k in sample(N_pre, size=C)'``
  (no multapses: NEST allows them, a 5 % difference in the pairs drawn, none in the
  in-degree); the Poisson drive is a PoissonInput of C_E = 1000 channels at nu_ext = 20 Hz
  each (NEST: one 20 kHz generator per neuron; the same process), weight J unless refractory.
* cuba: Brian2's examples/CUBA.py (method 'exact'), plus ``delay=0.1*ms``.
* coba: Brette's Brian COBA.py ported to Brian2 (conductances in units of g_L, method
  'euler' as there, initial v, ge, gi as there), plus ``delay=0.1*ms``.
* stdp: Brian2's examples/synapses/STDP.py (method 'euler', zero delay as there: a pre
  pathway delay would also delay the STDP update) with ``n_post`` neurons (``S.connect()``:
  every input onto every post neuron) and v(0) = v_reset (the example's v(0) = 0 fires once
  at the start). The spikes counted are the inputs' and the post neurons'.

Every neuron's spikes are recorded (SpikeMonitor), as our CLI records them all.

Timing and memory
* runtime (Cython code generation): ``build_s`` = creating the objects and connect() (which
  generates and compiles the synapse-creation code the first time: Brian caches compiled
  code in ~/.cython, so repeated runs are faster); ``compile_s`` = ``run(0 ms)``: code
  generation / compilation of every object and the spike queues; ``sim_s`` = the main loop of
  ``run(duration)`` (Brian's ``device._last_run_time``). ``peak_rss_bytes`` = ru_maxrss of the
  process; ``synapse_rss_bytes`` = VmRSS after run(0 ms) minus VmRSS before connect().
  Runtime mode is single-threaded (``threads`` is reported as 1).
* standalone (``set_device('cpp_standalone', build_on_run=False)``, OpenMP with
  ``--threads``): ``compile_s`` = Python code generation plus ``make`` (``device.build(...,
  compile=True, run=False)``, after a clean); the binary's wall time minus its own
  main-loop time (``last_run_info.txt``) is ``build_s`` (reading arrays, creating synapses,
  initial values, spike queues, writing results); ``sim_s`` is that main-loop time.
  ``peak_rss_bytes`` is the binary's ru_maxrss (it runs under a small wrapper that waits for
  it with os.wait4); ``synapse_rss_bytes`` = the binary's VmRSS at the end of the run minus
  its VmRSS just before the first connect (measured by code inserted into main.cpp; it
  includes the spike monitor's few MB).
"""

import argparse
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers_common as pc  # noqa: E402

RSS_PROBE = r"""
{
    FILE* _scn_f = fopen("/proc/self/status", "r");
    char _scn_line[256];
    while (_scn_f && fgets(_scn_line, sizeof(_scn_line), _scn_f)) {
        if (_scn_line[0] == 'V' && _scn_line[1] == 'm' && _scn_line[2] == 'R'
            && _scn_line[3] == 'S' && _scn_line[4] == 'S' && _scn_line[5] == ':') {
            long _scn_kb = 0;
            sscanf(_scn_line + 6, "%%ld", &_scn_kb);
            FILE* _scn_o = fopen("%s", "a");
            if (_scn_o) { fprintf(_scn_o, "%s %%ld\n", _scn_kb); fclose(_scn_o); }
        }
    }
    if (_scn_f) fclose(_scn_f);
}
"""


def rss_probe(b2, path, tag):
    b2.device.insert_code("main", RSS_PROBE % (path, tag))


def build_brunel(b2, a, probe):
    from brian2 import (NeuronGroup, PoissonInput, SpikeMonitor, Synapses, ms, mV)

    b = pc.brunel_params()
    n = b["NE"] + b["NI"]
    tau_m, theta, v_r = b["tau_m"] * ms, b["V_th"] * mV, b["V_reset"] * mV
    J, g = b["J"] * mV, b["g"]
    G = NeuronGroup(n, "dv/dt = -v / tau_m : volt (unless refractory)",
                    threshold="v >= theta", reset="v = v_r",
                    refractory=b["t_ref"] * ms, method="exact",
                    namespace={"tau_m": tau_m, "theta": theta, "v_r": v_r})
    G.v = b["V_m_init"] * mV
    mon = SpikeMonitor(G)
    probe("before_connect")
    ns = {"J": J, "gJ": -g * J}
    Ce = Synapses(G[:b["NE"]], G, on_pre="v_post += J * int(not_refractory_post)",
                  delay=b["delay"] * ms, namespace=ns)
    Ce.connect(i="k for k in sample(N_pre, size=C)", namespace={"C": b["CE"]})
    Ci = Synapses(G[b["NE"]:], G, on_pre="v_post += gJ * int(not_refractory_post)",
                  delay=b["delay"] * ms, namespace=ns)
    Ci.connect(i="k for k in sample(N_pre, size=C)", namespace={"C": b["CI"]})
    nu_ext = b["p_rate_hz"] / b["CE"]
    from brian2 import Hz
    P = PoissonInput(G, "v", b["CE"], nu_ext * Hz,
                     weight=f"{b['J']}*mV * int(not_refractory)")
    return [G, mon, Ce, Ci, P], mon, b["NE"], n, n * (b["CE"] + b["CI"])


def build_cuba(b2, a, probe):
    from brian2 import NeuronGroup, SpikeMonitor, Synapses, ms, mV

    c = pc.CUBA
    ns = {"taum": c["tau_m"] * ms, "taue": c["tau_e"] * ms, "taui": c["tau_i"] * ms,
          "Vt": c["v_th"] * mV, "Vr": c["v_reset"] * mV, "El": c["e_l"] * mV,
          "we": c["we"] * mV, "wi": c["wi"] * mV}
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    n = c["n_exc"] + c["n_inh"]
    P = NeuronGroup(n, eqs, threshold="v>Vt", reset="v = Vr", refractory=c["t_ref"] * ms,
                    method="exact", namespace=ns)
    P.v = "Vr + rand() * (Vt - Vr)"
    P.ge = 0 * mV
    P.gi = 0 * mV
    mon = SpikeMonitor(P)
    probe("before_connect")
    Ce = Synapses(P, P, on_pre="ge += we", delay=c["delay"] * ms, namespace=ns)
    Ci = Synapses(P, P, on_pre="gi += wi", delay=c["delay"] * ms, namespace=ns)
    Ce.connect(f"i<{c['n_exc']}", p=c["p"])
    Ci.connect(f"i>={c['n_exc']}", p=c["p"])
    return [P, mon, Ce, Ci], mon, c["n_exc"], n, None


def build_coba(b2, a, probe):
    from brian2 import NeuronGroup, SpikeMonitor, Synapses, ms, mV

    c = pc.COBA
    g_l = c["g_l"]
    ns = {"taum": c["tau_m"] * ms, "taue": c["tau_e"] * ms, "taui": c["tau_i"] * ms,
          "Vt": c["v_th"] * mV, "Vr": c["v_reset"] * mV, "El": c["e_l"] * mV,
          "Ee": c["e_exc"] * mV, "Ei": c["e_inh"] * mV,
          "we": c["we"] / g_l, "wi": c["wi"] / g_l}
    eqs = """
    dv/dt = (-(v-El)+ge*(Ee-v)+gi*(Ei-v))/taum : volt (unless refractory)
    dge/dt = -ge/taue : 1
    dgi/dt = -gi/taui : 1
    """
    n = c["n_exc"] + c["n_inh"]
    P = NeuronGroup(n, eqs, threshold="v>Vt", reset="v = Vr", refractory=c["t_ref"] * ms,
                    method="euler", namespace=ns)
    P.v = f"{c['v0_mean']}*mV + randn() * {c['v0_sd']}*mV"
    P.ge = f"{c['ge0_mean'] / g_l} + randn() * {c['ge0_sd'] / g_l}"
    P.gi = f"{c['gi0_mean'] / g_l} + randn() * {c['gi0_sd'] / g_l}"
    mon = SpikeMonitor(P)
    probe("before_connect")
    Ce = Synapses(P, P, on_pre="ge += we", delay=c["delay"] * ms, namespace=ns)
    Ci = Synapses(P, P, on_pre="gi += wi", delay=c["delay"] * ms, namespace=ns)
    Ce.connect(f"i<{c['n_exc']}", p=c["p"])
    Ci.connect(f"i>={c['n_exc']}", p=c["p"])
    return [P, mon, Ce, Ci], mon, c["n_exc"], n, None


class _Both:
    """Two spike monitors read as one (indices of the second shifted by ``offset``)."""

    def __init__(self, first, second, offset):
        self.first, self.second, self.offset = first, second, offset

    @property
    def i(self):
        import numpy as np
        return np.concatenate([np.asarray(self.first.i[:]),
                               np.asarray(self.second.i[:]) + self.offset])

    @property
    def t(self):
        import numpy as np
        from brian2 import ms
        return np.concatenate([np.asarray(self.first.t[:] / ms),
                               np.asarray(self.second.t[:] / ms)]) * ms


def build_stdp(b2, a, probe):
    from brian2 import Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, ms, mV

    c = pc.STDP
    gmax = c["gmax"]
    dApre = c["a_pre"] * gmax
    ns = {"taum": c["tau_m"] * ms, "taue": c["tau_e"] * ms, "Ee": c["e_exc"] * mV,
          "El": c["e_l"] * mV, "vt": c["v_th"] * mV, "vr": c["v_reset"] * mV,
          "taupre": c["tau_pre"] * ms, "taupost": c["tau_post"] * ms, "gmax": gmax,
          "dApre": dApre, "dApost": -dApre * c["tau_pre"] / c["tau_post"] * c["b"]}
    eqs = '''
    dv/dt = (ge * (Ee-v) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    '''
    inp = PoissonGroup(c["n_inputs"], rates=c["rate_hz"] * Hz)
    G = NeuronGroup(c["n_post"], eqs, threshold="v>vt", reset="v = vr", method="euler",
                    namespace=ns)
    G.v = c["v_reset"] * mV
    m_in, m_post = SpikeMonitor(inp), SpikeMonitor(G)
    probe("before_connect")
    S = Synapses(inp, G,
                 '''w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                         w = clip(w + Apre, 0, gmax)''',
                 namespace=ns)
    S.connect()
    S.w = "rand() * gmax"
    n = c["n_inputs"] + c["n_post"]
    return ([inp, G, m_in, m_post, S], _Both(m_in, m_post, c["n_inputs"]), c["n_inputs"], n,
            c["n_inputs"] * c["n_post"])


BUILD = {"brunel": build_brunel, "cuba": build_cuba, "coba": build_coba, "stdp": build_stdp}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--net", choices=pc.NETS, required=True)
    ap.add_argument("--mode", choices=("runtime", "standalone"), required=True)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--duration", type=float, default=1.0, help="simulated seconds")
    ap.add_argument("--workdir", default="/tmp/scn-peers-brian2",
                    help="standalone project directories go here")
    a = ap.parse_args()

    import numpy as np
    import brian2 as b2
    from brian2 import Network, defaultclock, ms, prefs, second, seed, set_device

    b2.BrianLogger.log_level_error()
    standalone = a.mode == "standalone"
    project = os.path.join(a.workdir, f"{a.net}")
    rss_file = os.path.join(project, "rss.txt")
    if standalone:
        shutil.rmtree(project, ignore_errors=True)
        os.makedirs(project)
        set_device("cpp_standalone", directory=None, build_on_run=False)
        prefs.devices.cpp_standalone.openmp_threads = a.threads
        # Run the binary under a wrapper that reports its own peak RSS.
        wrapper = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rusage_wrap.py")
        prefs.devices.cpp_standalone.run_cmd_unix = [sys.executable, wrapper,
                                                     os.path.join(project, "rusage.txt"),
                                                     "./main"]
    else:
        prefs.codegen.target = "cython"
    defaultclock.dt = pc.DT_MS * ms
    seed(a.seed)

    rss = {}

    def probe(tag):
        if standalone:
            rss_probe(b2, rss_file, tag)
        else:
            rss[tag] = pc.rss_bytes()

    t0 = time.time()
    objs, mon, n_exc, n, n_syn = BUILD[a.net](b2, a, probe)
    net = Network(*objs)
    t1 = time.time()
    if standalone:
        net.run(a.duration * second)
        probe("end_of_run")
        b2.device.build(directory=project, compile=True, run=False, clean=True,
                        with_output=False)
        t2 = time.time()
        b2.device.run(directory=project, with_output=False)
        t3 = time.time()
        sim_s = b2.device._last_run_time
        compile_s = t2 - t1
        build_s = (t3 - t2) - sim_s
        with open(os.path.join(project, "rusage.txt")) as f:
            peak = int(f.read().split()[0])
        tags = {}
        with open(rss_file) as f:
            for line in f:
                tag, kb = line.split()
                tags[tag] = int(kb) * 1024
        syn_rss = tags["end_of_run"] - tags["before_connect"]
        threads = a.threads
    else:
        net.run(0 * ms)
        t2 = time.time()
        syn_rss = pc.rss_bytes() - rss["before_connect"]
        net.run(a.duration * second)
        sim_s = b2.device._last_run_time
        build_s = t1 - t0
        compile_s = t2 - t1
        peak = pc.peak_rss_bytes()
        threads = 1
    if n_syn is None:
        n_syn = sum(len(o) for o in objs if isinstance(o, b2.Synapses))
    stats = pc.spike_stats(np, np.asarray(mon.i[:]), np.asarray(mon.t[:] / ms), n_exc, n,
                           a.duration)
    out = {
        "simulator": f"brian2-{a.mode}", "version": b2.__version__, "net": a.net,
        "seed": a.seed, "threads": threads, "duration_s": a.duration, "dt_ms": pc.DT_MS,
        "neurons": n, "synapses": int(n_syn),
        "build_s": build_s, "compile_s": compile_s, "sim_s": sim_s,
        "peak_rss_bytes": peak, "synapse_rss_bytes": syn_rss,
        "bytes_per_synapse": syn_rss / n_syn if n_syn else None,
    }
    out.update(stats)
    pc.emit(out)


if __name__ == "__main__":
    main()
