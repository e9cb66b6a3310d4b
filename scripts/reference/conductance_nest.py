#!/usr/bin/env python3
"""Reference for the ``conductance`` synapse kind under fluctuating input: NEST 3.10's
``iaf_bw_2001`` (Wang's (2002) excitatory cell: C_m 500 pF, g_L 25 nS, E_L -70 mV,
V_th -50 mV, V_reset -55 mV, t_ref 2 ms; AMPA tau 2 ms to 0 mV, GABA tau 5 ms to -70 mV,
the conductances integrated by RK45 within each step) driven by independent Poisson trains:
``RATE_E`` Hz of ``W_E`` nS AMPA input and ``RATE_I`` Hz of ``W_I`` nS GABA input per neuron,
``N`` neurons, ``T`` ms, dt = 0.1 ms, several seeds. Written to
``reference/conductance/fluctuation_driven_nest.json``: the mean rate of each seed.

The neurons sit below threshold on average and fire from the fluctuations (about 7.6 Hz),
where the rate is most sensitive to the synaptic charge: ``crates/runner/tests/
conductance_nest.rs`` runs ``lif`` cells with the same membrane and ``conductance``
``PoissonInput`` s and compares the rates.

How to run
----------
    python3 scripts/reference/conductance_nest.py --install     # venv at /tmp/nest-venv
    /tmp/nest-venv/bin/python scripts/reference/conductance_nest.py
"""

import argparse
import json
import os
import subprocess
import sys

NEST_PIN = "nest-simulator==3.10.0"
DEFAULT_VENV = "/tmp/nest-venv"
DT = 0.1
N = 2000
T = 5000.0
RATE_E, W_E = 3000.0, 2.1
RATE_I, W_I = 2000.0, 1.3
SEEDS = [1, 2, 3, 4]
CELL = {"C_m": 500.0, "g_L": 25.0, "E_L": -70.0, "V_th": -50.0, "V_reset": -55.0, "t_ref": 2.0,
        "tau_AMPA": 2.0, "tau_GABA": 5.0, "E_ex": 0.0, "E_in": -70.0}


def install_and_reexec(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", NEST_PIN, "numpy"])
    args = [a for a in sys.argv[1:] if a != "--install"]
    os.execv(py, [py, os.path.abspath(__file__)] + args)


def run(nest, seed):
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"resolution": DT, "rng_seed": seed})
    pop = nest.Create("iaf_bw_2001", N, params=CELL)
    rt = pop[0].receptor_types
    for rate, w, receptor in ((RATE_E, W_E, "AMPA"), (RATE_I, W_I, "GABA")):
        g = nest.Create("poisson_generator", params={"rate": rate})
        nest.Connect(g, pop, "all_to_all", {"weight": w, "delay": DT, "receptor_type": rt[receptor]})
    rec = nest.Create("spike_recorder")
    nest.Connect(pop, rec)
    nest.Simulate(T)
    return rec.n_events / (N * T * 1e-3)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--install", action="store_true", help="pip install nest-simulator 3.10 into --venv and re-exec there")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "reference", "conductance", "fluctuation_driven_nest.json"))
    a = ap.parse_args()
    if a.install:
        install_and_reexec(a.venv)
    import nest

    rates = []
    for seed in SEEDS:
        rates.append(run(nest, seed))
        print(f"seed {seed}: {rates[-1]:.4f} Hz", flush=True)
    out = {
        "nest": nest.__version__,
        "nest_model": "iaf_bw_2001",
        "cell": CELL,
        "dt_ms": DT,
        "n": N,
        "t_ms": T,
        "ampa": {"rate_hz": RATE_E, "weight_ns": W_E},
        "gaba": {"rate_hz": RATE_I, "weight_ns": W_I},
        "seeds": SEEDS,
        "rate_hz_per_seed": rates,
    }
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
