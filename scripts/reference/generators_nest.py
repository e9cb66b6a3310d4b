#!/usr/bin/env python3
"""Reference statistics from NEST 3.10 for the spike sources NEST also has.

For each of our spike-source models and the NEST generator it mirrors,

    poisson            poisson_generator
    gamma_renewal      gamma_sup_generator           (n_proc = 1)
    poisson_dead_time  ppd_sup_generator             (n_proc = 1, no modulation)
    sinusoidal_poisson sinusoidal_poisson_generator  (individual_spike_trains = True, its default)

NEST drives ``N`` parrot_neurons (one independent train each) for ``T`` ms at dt = 0.1 ms,
with several seeds, and the script writes per-seed statistics of the recorded spikes
(small; no spike trains) to ``reference/generators_nest/<our model>.json``:

* ``rate_hz``: spikes / (N T);
* ``isi_cv``: the CV of all inter-spike intervals, pooled over neurons;
* ``fano``: the Fano factor (variance / mean) of the spike counts in windows of
  ``count_window_ms``, pooled over neurons and windows;
* sinusoidal only: the modulation's amplitude (Hz) and phase (degrees) estimated from the
  spike phases, A e^{i phi} = 2 i sum_k e^{-i 2 pi f t_k} / (N T) for
  lambda(t) = r + A sin(2 pi f t + phi) over a whole number of periods.

Spike times: a NEST generator's spike has the stamp of the end of the step it was drawn in;
the parrot repeats it ``delay`` (one step) later, so the script subtracts the delay: the
times analysed are the generators' stamps, which is what our sources report (the end of the
step in which they fire). A parrot_neuron repeats a spike of multiplicity m (poisson_generator
draws a Poisson count per step) as m spikes at one time: the zero intervals enter the ISIs.

``parrot.json``: a spike_generator with known times (on the 0.1 ms grid) drives a
parrot_neuron with delay 0.1 ms; the input times, the delay and the parrot's recorded times.

``crates/neurons/tests/generator_statistics.rs`` runs our sources with the same parameters,
N, T, dt and its own seeds, and compares the seed means within a tolerance from NEST's
seed-to-seed spread (standard error of the difference of the two means); parrot exactly.

How to run
----------
    python3 scripts/reference/generators_nest.py --install     # venv at /tmp/nest-venv
"""

import argparse
import json
import math
import os
import subprocess
import sys

NEST_PIN = "nest-simulator==3.10.0"
DEFAULT_VENV = "/tmp/nest-venv"
DT = 0.1
N = 1000
T = 5000.0
COUNT_WINDOW = 500.0
SEEDS = [1, 2, 3, 4, 5, 6, 7, 8]

# our model -> (NEST generator, NEST parameters, our parameters)
CASES = {
    "poisson": ("poisson_generator", {"rate": 20.0}, {"rate": 20.0}),
    "gamma_renewal": (
        "gamma_sup_generator",
        {"rate": 20.0, "gamma_shape": 3, "n_proc": 1},
        {"rate": 20.0, "gamma_shape": 3.0},
    ),
    "poisson_dead_time": (
        "ppd_sup_generator",
        {"rate": 50.0, "dead_time": 5.0, "n_proc": 1},
        {"rate": 50.0, "dead_time": 5.0},
    ),
    "sinusoidal_poisson": (
        "sinusoidal_poisson_generator",
        {"rate": 20.0, "amplitude": 10.0, "frequency": 5.0, "phase": 30.0},
        {"rate": 20.0, "amplitude": 10.0, "frequency": 5.0, "phase": 30.0},
    ),
}


def install_and_reexec(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", NEST_PIN, "numpy"])
    args = [a for a in sys.argv[1:] if a != "--install"]
    os.execv(py, [py, os.path.abspath(__file__)] + args)


def statistics(np, senders, times, n, t_ms, frequency=None):
    """The statistics of spike trains given as (sender index 0..n-1, time ms) pairs."""
    order = np.lexsort((times, senders))
    senders, times = senders[order], times[order]
    rate = len(times) / (n * t_ms * 1e-3)
    same = senders[1:] == senders[:-1]
    isis = np.diff(times)[same]
    cv = float(np.std(isis) / np.mean(isis))
    n_win = int(round(t_ms / COUNT_WINDOW))
    win = np.minimum((times // COUNT_WINDOW).astype(int), n_win - 1)
    counts = np.bincount(senders * n_win + win, minlength=n * n_win)
    fano = float(np.var(counts) / np.mean(counts))
    out = {"rate_hz": rate, "isi_cv": cv, "fano": fano, "spikes": int(len(times))}
    if frequency is not None:
        s = np.sum(np.exp(-2j * math.pi * frequency * times * 1e-3))
        z = 2j * s / (n * t_ms * 1e-3)
        out["amplitude_hz"] = float(abs(z))
        out["phase_deg"] = float(math.degrees(math.atan2(z.imag, z.real)))
    return out


def run_generator(nest, np, model, params, seed):
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"resolution": DT, "rng_seed": seed})
    if model == "sinusoidal_poisson_generator":
        # One independent train per target (NEST's default; a model default only).
        nest.SetDefaults(model, {"individual_spike_trains": True})
    gen = nest.Create(model, params=params)
    parrots = nest.Create("parrot_neuron", N)
    rec = nest.Create("spike_recorder")
    nest.Connect(gen, parrots, syn_spec={"delay": DT})
    nest.Connect(parrots, rec)
    # One delay more, so that the generator's spikes of [0, T) all reach the recorder.
    nest.Simulate(T + DT)
    ev = rec.get("events")
    senders = np.asarray(ev["senders"]) - parrots[0].global_id
    times = np.asarray(ev["times"]) - DT
    keep = times <= T + 1e-9
    return senders[keep], times[keep]


def parrot(nest, np):
    rng = np.random.default_rng(12345)
    steps = np.sort(rng.choice(np.arange(1, 2000), size=150, replace=False))
    inputs = [round(float(k) * DT, 10) for k in steps]
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"resolution": DT})
    sg = nest.Create("spike_generator", params={"spike_times": inputs})
    p = nest.Create("parrot_neuron")
    rec = nest.Create("spike_recorder")
    nest.Connect(sg, p, syn_spec={"delay": DT, "weight": 1.0})
    nest.Connect(p, rec)
    nest.Simulate(210.0)
    out = sorted(round(float(t), 10) for t in rec.get("events")["times"])
    return {"dt_ms": DT, "delay_ms": DT, "input_ms": inputs, "parrot_ms": out}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--install", action="store_true", help="pip install nest-simulator 3.10 into --venv and re-exec there")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--only", nargs="*", help="our models to run (default: all, and parrot)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "reference", "generators_nest"))
    a = ap.parse_args()
    if a.install:
        install_and_reexec(a.venv)
    import nest
    import numpy as np

    os.makedirs(a.out, exist_ok=True)
    for ours in a.only or list(CASES) + ["parrot"]:
        if ours == "parrot":
            out = {"nest": nest.__version__, "model": "parrot", "nest_model": "parrot_neuron"}
            out.update(parrot(nest, np))
        else:
            model, params, our_params = CASES[ours]
            per_seed = []
            for seed in SEEDS:
                senders, times = run_generator(nest, np, model, params, seed)
                st = statistics(np, senders, times, N, T, params.get("frequency"))
                st["seed"] = seed
                per_seed.append(st)
            out = {
                "nest": nest.__version__,
                "model": ours,
                "nest_model": model,
                "nest_params": params,
                "params": our_params,
                "dt_ms": DT,
                "n": N,
                "t_ms": T,
                "count_window_ms": COUNT_WINDOW,
                "per_seed": per_seed,
            }
        path = os.path.join(a.out, f"{ours}.json")
        with open(path, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")
        print(f"{ours}: -> {os.path.relpath(path)}", flush=True)
        if ours != "parrot":
            for k in per_seed[0]:
                if k != "seed":
                    vals = [s[k] for s in per_seed]
                    print(f"  {k}: mean {np.mean(vals):.5g} sd {np.std(vals, ddof=1):.3g}")


if __name__ == "__main__":
    main()
