#!/usr/bin/env python3
"""Reference spike times from NEST 3.10 for the catalogue models NEST also has.

Each NEST model is simulated as one neuron with NEST's default parameters (plus the few
overrides listed below), driven by a step_current_generator through three current steps,
at four resolutions. The spike times are written to ``reference/models_nest/<model>.json``;
``crates/neurons/tests/nest_reference.rs`` runs the same protocol on our models and takes its
tolerance from NEST's own convergence in dt (the spread between the resolutions).

How to run
----------
    python3 scripts/reference/models_nest.py --install     # venv at /tmp/nest-venv
    python3 scripts/reference/models_nest.py --install --only iaf_psc_exp

Without --install the current python must already import nest.

Protocol (all models)
---------------------
* one neuron, ``V_m`` at NEST's default initial value, recorded by a spike_recorder;
* a step_current_generator: 0 until 50 ms, then ``amps[0]`` on [50, 350) ms, ``amps[1]``
  on [350, 650) ms, ``amps[2]`` on [650, 950) ms, 0 after, with amplitudes per model (pA)
  chosen to go from near rheobase to strong repetitive firing;
* simulated 1000 ms at resolutions 0.1, 0.05, 0.025 and 0.0125 ms.

NEST delivers a step_current_generator's change at time t to the neuron from the step that
starts at t + resolution (the generator's connection has a delay of one step); the JSON
records that, and the Rust test applies the same one-step delay.

Output JSON: ``{"nest": version, "model": name, "params": {...}, "amps_pa": [...],
"steps_ms": [[start, stop], ...], "runs": {"0.1": [spike times ms], ...}}``.
"""

import argparse
import json
import math
import os
import subprocess
import sys

NEST_PIN = "nest-simulator==3.10.0"
DEFAULT_VENV = "/tmp/nest-venv"
RESOLUTIONS = [0.1, 0.05, 0.025, 0.0125]
STEPS = [[50.0, 350.0], [350.0, 650.0], [650.0, 950.0]]
SIMTIME = 1000.0

# NEST model -> (parameter overrides, the three step amplitudes in pA). Defaults are NEST's.
MODELS = {
    "iaf_psc_delta": ({}, [400.0, 600.0, 1000.0]),
    "iaf_psc_exp": ({}, [400.0, 600.0, 1000.0]),
    "iaf_psc_alpha": ({}, [400.0, 600.0, 1000.0]),
    "iaf_cond_exp": ({}, [400.0, 600.0, 1000.0]),
    "iaf_cond_alpha": ({}, [400.0, 600.0, 1000.0]),
    "iaf_cond_beta": ({}, [400.0, 600.0, 1000.0]),
    "aeif_psc_delta": ({}, [600.0, 800.0, 1200.0]),
    "aeif_psc_exp": ({}, [600.0, 800.0, 1200.0]),
    "aeif_psc_alpha": ({}, [600.0, 800.0, 1200.0]),
    "aeif_cond_exp": ({}, [600.0, 800.0, 1200.0]),
    "aeif_cond_alpha": ({}, [600.0, 800.0, 1200.0]),
    "mat2_psc_exp": ({}, [400.0, 600.0, 1000.0]),
    "amat2_psc_exp": ({}, [200.0, 400.0, 800.0]),
    "iaf_chxk_2008": ({}, [1600.0, 2500.0, 4000.0]),
    "hh_psc_alpha": ({}, [700.0, 1000.0, 1500.0]),
    "hh_cond_exp_traub": ({}, [100.0, 300.0, 600.0]),
    "izhikevich": ({}, [5.0, 10.0, 15.0]),
}


def install_and_reexec(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", NEST_PIN, "numpy"])
    args = [a for a in sys.argv[1:] if a != "--install"]
    os.execv(py, [py, os.path.abspath(__file__)] + args)


def run(nest, model, overrides, amps, resolution):
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    # 0.0125 ms is not a whole number of the default 1 us tics.
    nest.SetKernelStatus({"tics_per_ms": 10000, "resolution": resolution})
    n = nest.Create(model, params=overrides)
    # The steps are contiguous: a change at each start, and back to 0 at the last stop.
    times = [start for start, _ in STEPS] + [STEPS[-1][1]]
    values = list(amps) + [0.0]
    gen = nest.Create(
        "step_current_generator",
        params={"amplitude_times": times, "amplitude_values": values},
    )
    rec = nest.Create("spike_recorder")
    # The generator's connection has the smallest delay, one step (the default, 1 ms,
    # would shift the protocol by 1 ms - dt).
    nest.Connect(gen, n, syn_spec={"delay": resolution})
    nest.Connect(n, rec)
    # The numeric parameters and initial state, before the run.
    # (finite ones: JSON has no infinities)
    params = {
        k: v
        for k, v in n.get().items()
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    }
    nest.Simulate(SIMTIME)
    spikes = sorted(float(t) for t in rec.get("events")["times"])
    return spikes, params


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--install", action="store_true", help="pip install nest-simulator 3.10 into --venv and re-exec there")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--only", nargs="*", help="models to run (default: all)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "reference", "models_nest"))
    a = ap.parse_args()
    if a.install:
        install_and_reexec(a.venv)
    import nest

    os.makedirs(a.out, exist_ok=True)
    for model in a.only or MODELS:
        overrides, amps = MODELS[model]
        runs, params = {}, None
        for res in RESOLUTIONS:
            spikes, params = run(nest, model, overrides, amps, res)
            runs[repr(res)] = spikes
        out = {
            "nest": nest.__version__,
            "model": model,
            "overrides": overrides,
            "params": params,
            "amps_pa": amps,
            "steps_ms": STEPS,
            "simtime_ms": SIMTIME,
            "runs": runs,
        }
        path = os.path.join(a.out, f"{model}.json")
        with open(path, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")
        counts = {k: len(v) for k, v in runs.items()}
        print(f"{model}: spikes per resolution {counts} -> {os.path.relpath(path)}", flush=True)


if __name__ == "__main__":
    main()
