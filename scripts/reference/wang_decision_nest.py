#!/usr/bin/env python3
"""Reference for the ``wang_decision`` zoo network: the spontaneous state of Wang's (2002)
network as NEST 3.10 simulates it with ``iaf_bw_2001`` (the network of NEST's
``pynest/examples/wang_decision_making.py``, without its stimulus).

1,600 excitatory cells in three groups (two selective pools of ``int(0.15 N_E)`` cells and
the non-selective rest) and 400 inhibitory cells, all-to-all with AMPA, NMDA and GABA
synapses (w+ = 1.7 within a pool, w- from the other pool and the non-selective cells onto a
pool, 1 otherwise; conductances folded into the weights as NEST does), a 2.4 kHz Poisson
background (AMPA), delay 0.5 ms (0.1 ms from the background), dt = 0.1 ms, every cell
starting at E_L. No stimulus. Each seed runs ``T`` ms; the script writes, per seed, the rate
of each group over ``[WINDOW_START, T)`` ms (the network has settled by 1 s) to
``reference/wang_decision/spontaneous_nest.json``.

``crates/zoo/tests/wang_decision.rs`` runs the zoo network with ``mu0 = 0`` over the same
window and compares its seed mean with NEST's.

How to run
----------
    python3 scripts/reference/wang_decision_nest.py --install     # venv at /tmp/nest-venv
    /tmp/nest-venv/bin/python scripts/reference/wang_decision_nest.py
"""

import argparse
import json
import os
import subprocess
import sys
import time

NEST_PIN = "nest-simulator==3.10.0"
DEFAULT_VENV = "/tmp/nest-venv"
DT = 0.1
T = 2000.0
WINDOW_START = 1000.0
SEEDS = [1, 2, 3, 4, 5, 6]
N_E, N_I, F = 1600, 400, 0.15
W_PLUS = 1.7
DELAY = 0.5
NMDA = {"tau_rise_NMDA": 2.0, "tau_decay_NMDA": 100.0, "alpha": 0.5, "conc_Mg2": 1.0}
CELL = {"tau_GABA": 5.0, "tau_AMPA": 2.0, "E_L": -70.0, "E_ex": 0.0, "E_in": -70.0, "V_reset": -55.0, "V_th": -50.0}
EXC = {**CELL, **NMDA, "g_L": 25.0, "C_m": 500.0, "t_ref": 2.0}
INH = {**CELL, **NMDA, "g_L": 20.0, "C_m": 200.0, "t_ref": 1.0}
# nS, as (onto E, onto I)
G_EXT = (2.1, 1.62)
G_AMPA = (0.05, 0.04)
G_NMDA = (0.165, 0.13)
G_GABA = (1.3, 1.0)
RATE_EXT = 2400.0


def install_and_reexec(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", NEST_PIN, "numpy"])
    args = [a for a in sys.argv[1:] if a != "--install"]
    os.execv(py, [py, os.path.abspath(__file__)] + args)


def run(nest, np, seed):
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"resolution": DT, "rng_seed": seed, "local_num_threads": 1})
    n_sel = int(F * N_E)
    groups = {
        "sel_a": nest.Create("iaf_bw_2001", n_sel, params=EXC),
        "sel_b": nest.Create("iaf_bw_2001", n_sel, params=EXC),
        "nonsel": nest.Create("iaf_bw_2001", N_E - 2 * n_sel, params=EXC),
        "inh": nest.Create("iaf_bw_2001", N_I, params=INH),
    }
    rt = groups["sel_a"][0].receptor_types
    w_minus = 1.0 - F * (W_PLUS - 1.0) / (1.0 - F)

    def connect(src, tgt, weight, receptor, delay=DELAY):
        nest.Connect(src, tgt, "all_to_all", {"weight": weight, "delay": delay, "receptor_type": rt[receptor]})

    exc = ["sel_a", "sel_b", "nonsel"]
    for s in exc:
        for t in exc:
            w = 1.0 if t == "nonsel" else (W_PLUS if s == t else w_minus)
            connect(groups[s], groups[t], w * G_AMPA[0], "AMPA")
            connect(groups[s], groups[t], w * G_NMDA[0], "NMDA")
        connect(groups[s], groups["inh"], G_AMPA[1], "AMPA")
        connect(groups[s], groups["inh"], G_NMDA[1], "NMDA")
    for t in exc:
        connect(groups["inh"], groups[t], G_GABA[0], "GABA")
    connect(groups["inh"], groups["inh"], G_GABA[1], "GABA")
    bg = nest.Create("poisson_generator", params={"rate": RATE_EXT})
    for t in exc:
        connect(bg, groups[t], G_EXT[0], "AMPA", 0.1)
    connect(bg, groups["inh"], G_EXT[1], "AMPA", 0.1)
    recs = {}
    for k, g in groups.items():
        recs[k] = nest.Create("spike_recorder", {"time_in_steps": True, "start": WINDOW_START})
        nest.Connect(g, recs[k])
    nest.Simulate(T)
    return {k: r.n_events / (len(groups[k]) * (T - WINDOW_START) * 1e-3) for k, r in recs.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--install", action="store_true", help="pip install nest-simulator 3.10 into --venv and re-exec there")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "reference", "wang_decision", "spontaneous_nest.json"))
    a = ap.parse_args()
    if a.install:
        install_and_reexec(a.venv)
    import nest
    import numpy as np

    per_seed = []
    for seed in SEEDS:
        t0 = time.time()
        rates = run(nest, np, seed)
        per_seed.append({"seed": seed, **rates})
        print(f"seed {seed}: " + ", ".join(f"{k} {v:.3f} Hz" for k, v in rates.items()) + f" ({time.time() - t0:.0f} s)", flush=True)
    out = {
        "nest": nest.__version__,
        "nest_model": "iaf_bw_2001",
        "dt_ms": DT,
        "t_ms": T,
        "window_ms": [WINDOW_START, T],
        "rates_hz_per_seed": per_seed,
    }
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for k in ["sel_a", "sel_b", "nonsel", "inh"]:
        v = np.array([s[k] for s in per_seed])
        print(f"{k}: mean {v.mean():.3f} sd {v.std(ddof=1):.3f} Hz")


if __name__ == "__main__":
    main()
