#!/usr/bin/env python3
"""Reference weight distributions from Brian2 2.9 for the `stdp` zoo network.

The network is Brian2's example ``examples/synapses/STDP.py`` (2.9.0; adapted from Song,
Miller & Abbott 2000, Nat Neurosci 3:919, and Song & Abbott 2001), run as written: the
model, the parameters, the integration method ('euler') and dt = 0.1 ms are the example's.
The only changes: the seed is set (``seed(k)``), the run is split into pieces so that the
weights can be read at several times, the post neuron's spikes are recorded (the example
records the inputs' spikes), ``--n-post`` can give more post neurons (the example has one;
each gets its own synapse from every input, ``S.connect()``), and the plots are left out.

How to run
----------
    # one-time: make a venv at /tmp/peers-venv, pip install brian2 2.9.0 + numpy, re-exec
    python3 scripts/reference/stdp_brian2.py --install
    # Without --install, the current python must already import brian2 (and have a C++
    # compiler for Cython code generation). Options: --seeds N (default 5), --duration S
    # (default 100, as the example), --n-post N (default 1), --out FILE, --venv PATH.

Output: reference/stdp/brian2.json (relative to the repository root).

The network (as the example)
----------------------------
* N = 1000 ``PoissonGroup`` inputs at F = 15 Hz (Brian: a spike in a step when
  ``rand() < F dt``).
* One neuron: ``dv/dt = (ge (Ee - v) + El - v) / taum``, ``dge/dt = -ge / taue`` (ge in
  units of the leak conductance), taum 10 ms, taue 5 ms, Ee 0 mV, El -74 mV, threshold
  ``v > vt`` = -54 mV, reset ``v = vr`` = -60 mV, no refractory period, method 'euler';
  v starts at 0 (the NeuronGroup default), so the neuron fires in the first step.
* Synapses from every input (``S.connect()``), zero delay, ``w = rand() gmax`` with
  gmax = 0.01; additive STDP with all-to-all traces: on_pre ``ge += w; Apre += dApre;
  w = clip(w + Apost, 0, gmax)``, on_post ``Apost += dApost; w = clip(w + Apre, 0, gmax)``,
  taupre = taupost = 20 ms, dApre = 0.01 gmax, dApost = -1.05 dApre taupre / taupost.

Statistics (per seed, at each checkpoint time T in --checkpoints that is <= duration)
------------------------------------------------------------------------------------
* ``frac_low``: fraction of the weights with w / gmax < 0.1; ``frac_high``: with
  w / gmax > 0.9; ``mean_w``: mean of w / gmax; ``hist``: counts of w / gmax in the 10 bins
  of [0, 1] (numpy.histogram, the last bin closed).
* ``post_rate_hz``: post spikes in (T - window, T] / (n_post * window), window = the
  checkpoint spacing (the rate over the last piece of the run).
* ``sim_s``: wall-clock seconds of the run (machine-dependent, for information).

Across seeds, ``summary`` has per checkpoint and statistic (not the histograms): mean,
std (ddof = 1), min and max.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

DEFAULT_VENV = "/tmp/peers-venv"
PACKAGES = ["brian2==2.9.0", "numpy==2.3.5"]

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(REPO_ROOT, "reference", "stdp", "brian2.json")

STATS = ["frac_low", "frac_high", "mean_w", "post_rate_hz"]


def install_and_reexec(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        print(f"creating venv {venv}", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", *PACKAGES])
    clean, skip = [], False
    for a in sys.argv[1:]:
        if skip:
            skip = False
            continue
        if a == "--venv":
            skip = True
            continue
        if a == "--install" or a.startswith("--venv="):
            continue
        clean.append(a)
    os.execv(py, [py, os.path.abspath(__file__)] + clean)


def run_one(b2, np, seed, duration_s, checkpoints, n_post, n_inputs):
    """One run of the example; returns {"seed", "checkpoints": {T: stats}, "sim_s"}."""
    from brian2 import (
        Hz, NeuronGroup, Network, PoissonGroup, SpikeMonitor, Synapses, defaultclock, ms,
        mV, second,
    )

    b2.start_scope()
    b2.seed(seed)
    defaultclock.dt = 0.1 * ms
    N = n_inputs
    taum = 10 * ms
    taupre = 20 * ms
    taupost = taupre
    Ee = 0 * mV
    vt = -54 * mV
    vr = -60 * mV
    El = -74 * mV
    taue = 5 * ms
    F = 15 * Hz
    gmax = .01
    dApre = .01
    dApost = -dApre * taupre / taupost * 1.05
    dApost *= gmax
    dApre *= gmax

    eqs_neurons = '''
    dv/dt = (ge * (Ee-v) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    '''
    poisson_input = PoissonGroup(N, rates=F)
    neurons = NeuronGroup(n_post, eqs_neurons, threshold='v>vt', reset='v = vr',
                          method='euler')
    S = Synapses(poisson_input, neurons,
                 '''w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                         w = clip(w + Apre, 0, gmax)''',
                 )
    S.connect()
    S.w = 'rand() * gmax'
    post_mon = SpikeMonitor(neurons)
    net = Network(poisson_input, neurons, S, post_mon)
    if seed == 1 and n_post == 1:
        print(net.scheduling_summary(), flush=True)

    namespace = dict(taum=taum, taupre=taupre, taupost=taupost, Ee=Ee, vt=vt, vr=vr, El=El,
                     taue=taue, gmax=gmax, dApre=dApre, dApost=dApost)
    out = {}
    t_prev = 0.0
    t0 = time.time()
    for T in checkpoints:
        net.run((T - t_prev) * second, namespace=namespace)
        w = np.asarray(S.w[:]) / gmax
        t = np.asarray(post_mon.t / second)
        window = T - t_prev
        n_last = int(np.count_nonzero((t > t_prev + 1e-9) & (t <= T + 1e-9)))
        hist, _ = np.histogram(w, bins=10, range=(0.0, 1.0))
        out[f"{T:g}"] = {
            "frac_low": float(np.mean(w < 0.1)),
            "frac_high": float(np.mean(w > 0.9)),
            "mean_w": float(np.mean(w)),
            "hist": [int(h) for h in hist],
            "post_rate_hz": n_last / (n_post * window),
        }
        t_prev = T
    return {"seed": seed, "checkpoints": out, "sim_s": time.time() - t0}


def summarize(np, runs, checkpoints):
    summary = {}
    for T in checkpoints:
        key = f"{T:g}"
        s = {}
        for stat in STATS:
            x = np.array([r["checkpoints"][key][stat] for r in runs], dtype=float)
            s[stat] = {
                "mean": float(x.mean()),
                "std": float(x.std(ddof=1)) if len(x) > 1 else 0.0,
                "min": float(x.min()),
                "max": float(x.max()),
            }
        s["hist_mean"] = [
            float(np.mean([r["checkpoints"][key]["hist"][b] for r in runs])) for b in range(10)
        ]
        summary[key] = s
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--install", action="store_true",
                    help="create the venv, pip install brian2 2.9.0 + numpy, re-exec in it")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--seeds", type=int, default=5, help="seeds 1..N")
    ap.add_argument("--duration", type=float, default=100.0, help="seconds (example: 100)")
    ap.add_argument("--checkpoints", default="5,10,20,30,50,100",
                    help="comma-separated times (s) at which the weights are read")
    ap.add_argument("--n-post", type=int, default=1)
    ap.add_argument("--n-inputs", type=int, default=1000)
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    if a.install:
        install_and_reexec(a.venv)
        return

    import numpy as np
    import brian2 as b2

    b2.prefs.codegen.target = "cython"
    checkpoints = sorted({float(x) for x in a.checkpoints.split(",") if float(x) < a.duration}
                         | {a.duration})
    runs = []
    for s in range(1, a.seeds + 1):
        r = run_one(b2, np, s, a.duration, checkpoints, a.n_post, a.n_inputs)
        last = r["checkpoints"][f"{checkpoints[-1]:g}"]
        print(f"seed {s}: " + ", ".join(
            f"T={k}: low {v['frac_low']:.3f} high {v['frac_high']:.3f} "
            f"rate {v['post_rate_hz']:.1f}" for k, v in r["checkpoints"].items())
            + f"; {r['sim_s']:.0f} s; hist {last['hist']}", flush=True)
        runs.append(r)
    res = {
        "generator": "scripts/reference/stdp_brian2.py",
        "command": "python3 scripts/reference/stdp_brian2.py " + " ".join(sys.argv[1:]),
        "based_on": "Brian2 2.9.0 examples/synapses/STDP.py (seeded, read at checkpoints)",
        "brian2_version": b2.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "codegen_target": "cython",
        "dt_s": 1e-4,
        "n_inputs": a.n_inputs,
        "n_post": a.n_post,
        "rate_hz": 15.0,
        "duration_s": a.duration,
        "checkpoints_s": checkpoints,
        "seeds": list(range(1, a.seeds + 1)),
        "definitions": {
            "frac_low": "fraction of weights with w/gmax < 0.1",
            "frac_high": "fraction of weights with w/gmax > 0.9",
            "mean_w": "mean of w/gmax",
            "hist": "numpy.histogram(w/gmax, bins=10, range=(0, 1)) counts",
            "post_rate_hz": "post spikes in (previous checkpoint, T] / (n_post * that window)",
            "summary": "per checkpoint and statistic over seeds: mean, std (ddof=1), min, max;"
                       " hist_mean = mean histogram",
        },
        "per_seed": runs,
        "summary": summarize(np, runs, checkpoints),
    }
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
        f.write("\n")
    print("wrote", a.out)


if __name__ == "__main__":
    main()
