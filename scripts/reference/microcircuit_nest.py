#!/usr/bin/env python3
"""Reference rates from NEST 3.10 for the Potjans & Diesmann (2014) microcircuit.

Runs NEST's own microcircuit example, unmodified, at N_scaling = K_scaling = 0.1
with Poisson background, for several seeds, and writes the per-population rates
(mean and standard deviation over seeds) to reference/microcircuit_nest/rates_0.1.json.

Which example
-------------
NEST 3.10 no longer ships ``pynest/examples/Potjans_2014`` (removed from
nest-simulator in commit 09c1a3ccf, "remove Potjans from examples"; the 3.10 wheel
has no copy).  NEST's documentation now points to the model's own repository,
https://github.com/INM-6/microcircuit-PD14-model, package ``PyNEST/src/microcircuit``
(``network.py``, ``helpers.py``, ``network_params.py``, ``sim_params.py``,
``stimulus_params.py``), used here at commit PD14_COMMIT below.  With
``bg_input_type = 'poisson'`` it builds the same network as the last copy in
nest-simulator (09c1a3ccf^, ``poisson_input = True``): the differences are the
renamed switch, the optional dc transient's key names, metadata storage and a
warning.  NEST's code is not part of this repository: ``--install`` clones it (or
pass ``--example-dir`` pointing at a checkout's ``PyNEST/src``).

How to run
----------
    python3 scripts/reference/microcircuit_nest.py --install --seeds 10
    # --install: make the venv /tmp/nest-venv (nest-simulator 3.10, numpy, matplotlib,
    # which the example's helpers import) and clone the example to /tmp/pd14-microcircuit,
    # then re-run in that venv.  Without --install the current python must import nest.
    # Other options: --venv PATH, --example-dir PATH, --threads N, --out FILE.

What is changed from the example's defaults (only parameters, through its dicts)
-------------------------------------------------------------------------------
* net_dict: N_scaling = 0.1, K_scaling = 0.1, bg_input_type = 'poisson' (the PD14
  repository's default is 'dc'; NEST's former example used Poisson input).
* sim_dict: rng_seed = k (k = 1..N), local_num_threads = --threads, print_time = False,
  data_path = a temporary directory.
* The spike recorders record to memory (the example writes ASCII files) - the same spikes.
Everything else is the example's: V0_type 'optimized', full_mean_rates of its
network_params.py, t_presim = 500 ms, t_sim = 1000 ms, resolution 0.1 ms.

Rate (as the example's ``helpers.firing_rates`` and ``run_microcircuit.py``)
--------------------------------------------------------------------------
Per population: the spikes with t in [t_presim, t_presim + t_sim] = [500, 1500] ms
(both ends included, as the example), divided by (n_pop * 1 s), silent neurons
included.  Also stored: rate_all_0_1000 = spikes in (0, 1000] ms / (n_pop * 1 s)
(the first second, warm-up included).
Across seeds: mean and sample standard deviation (ddof = 1).
"""

import argparse
import copy
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

DEFAULT_VENV = "/tmp/nest-venv"
DEFAULT_EXAMPLE = "/tmp/pd14-microcircuit"
NEST_PIN = "nest-simulator==3.10.0"
PD14_REPO = "https://github.com/INM-6/microcircuit-PD14-model"
PD14_COMMIT = "fd40046ec53c6799dd385f96294db27893aadf0a"

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(REPO_ROOT, "reference", "microcircuit_nest", "rates_0.1.json")
POPS = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"]


def install_and_reexec(venv, example):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        print(f"creating venv {venv}", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", NEST_PIN, "numpy", "matplotlib"])
    src = os.path.join(example, "PyNEST", "src")
    if not os.path.isdir(os.path.join(src, "microcircuit")):
        subprocess.check_call(["git", "clone", "-q", PD14_REPO, example])
        subprocess.check_call(["git", "-C", example, "checkout", "-q", PD14_COMMIT])
    args, skip = [], False
    for a in sys.argv[1:]:
        if skip:
            skip = False
            continue
        if a in ("--venv", "--example-dir"):
            skip = True
            continue
        if a == "--install" or a.startswith("--venv=") or a.startswith("--example-dir="):
            continue
        args.append(a)
    os.execv(py, [py, os.path.abspath(__file__), "--example-dir", src] + args)


def run_one(nest, np, mc, seed, threads):
    from microcircuit import network
    from microcircuit.network_params import default_net_dict
    from microcircuit.sim_params import default_sim_dict
    from microcircuit.stimulus_params import default_stim_dict

    net_dict = copy.deepcopy(default_net_dict)
    sim_dict = copy.deepcopy(default_sim_dict)
    stim_dict = copy.deepcopy(default_stim_dict)
    net_dict.update({"N_scaling": 0.1, "K_scaling": 0.1, "bg_input_type": "poisson"})
    tmp = tempfile.mkdtemp(prefix="microcircuit_nest_")
    sim_dict.update({"rng_seed": seed, "local_num_threads": threads, "print_time": False,
                     "data_path": tmp + "/"})
    t0 = time.time()
    net = network.Network(sim_dict, net_dict, stim_dict)
    net.create()
    net.spike_recorders.set(record_to="memory")
    net.connect()
    t1 = time.time()
    net.simulate(sim_dict["t_presim"])
    net.simulate(sim_dict["t_sim"])
    t2 = time.time()
    begin, end = sim_dict["t_presim"], sim_dict["t_presim"] + sim_dict["t_sim"]
    st = {"seed": seed, "rate": {}, "rate_all_0_1000": {}, "n": {},
          "build_s": t1 - t0, "simulate_s": t2 - t1}
    for i, name in enumerate(POPS):
        t = np.asarray(net.spike_recorders[i].get("events")["times"], dtype=float)
        n = len(net.pops[i])
        st["n"][name] = n
        st["rate"][name] = float(((t >= begin) & (t <= end)).sum() * 1000.0 / (end - begin) / n)
        st["rate_all_0_1000"][name] = float((t <= 1000.0).sum() / n)
    derived = {
        "num_neurons": net.num_neurons.tolist(),
        "num_synapses": net.num_synapses.tolist(),
        "ext_indegrees": net.ext_indegrees.tolist(),
        "weight_matrix_mean_pA": net.weight_matrix_mean.tolist(),
        "weight_ext_pA": float(net.weight_ext),
        "DC_amp_pA": net.DC_amp.tolist(),
        "poisson_rates_hz": (net.net_dict["bg_rate"] * net.ext_indegrees).tolist(),
        "V0_mean": net_dict["neuron_params"]["V0_mean"]["optimized"],
        "V0_std": net_dict["neuron_params"]["V0_std"]["optimized"],
        "full_mean_rates": net_dict["full_mean_rates"].tolist(),
    }
    return st, derived, sim_dict


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--install", action="store_true")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--example-dir", default=os.path.join(DEFAULT_EXAMPLE, "PyNEST", "src"),
                    help="directory holding the example's 'microcircuit' package")
    ap.add_argument("--seeds", type=int, default=10, help="seeds 1..N")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    if a.install:
        install_and_reexec(a.venv, DEFAULT_EXAMPLE)
        return

    sys.path.insert(0, a.example_dir)
    import numpy as np
    import nest

    runs, derived, sim = [], None, None
    for seed in range(1, a.seeds + 1):
        st, derived, sim = run_one(nest, np, None, seed, a.threads)
        print("seed %d: %s (build %.0f s, sim %.0f s)" % (
            seed, " ".join("%s %.3f" % (k, v) for k, v in st["rate"].items()),
            st["build_s"], st["simulate_s"]), flush=True)
        runs.append(st)
        write(a, nest, np, runs, derived, sim)  # after every seed: a partial run keeps its seeds


def write(a, nest, np, runs, derived, sim):
    def summary(key):
        out = {}
        for p in POPS:
            v = np.array([r[key][p] for r in runs])
            out[p] = {"mean": float(v.mean()), "sd": float(v.std(ddof=1)) if len(v) > 1 else 0.0}
        return out

    res = {
        "generator": "scripts/reference/microcircuit_nest.py",
        "command": "python3 scripts/reference/microcircuit_nest.py "
                   + " ".join(x for x in sys.argv[1:] if not x.startswith("/")),
        "example": f"{PD14_REPO} PyNEST/src/microcircuit at {PD14_COMMIT}",
        "nest_version": nest.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "local_num_threads": a.threads,
        "seeds": [r["seed"] for r in runs],
        "settings": {"N_scaling": 0.1, "K_scaling": 0.1, "bg_input_type": "poisson",
                     "V0_type": "optimized", "t_presim_ms": sim["t_presim"],
                     "t_sim_ms": sim["t_sim"], "resolution_ms": sim["sim_resolution"]},
        "rate_definition": "spikes with t in [t_presim, t_presim + t_sim] = [500, 1500] ms "
                           "(ends included) / (n_pop * 1 s), silent neurons included",
        "across_seeds": "mean and sample sd (ddof = 1) over the seeds",
        "populations": POPS,
        "rates_hz": summary("rate"),
        "rates_first_second_hz": summary("rate_all_0_1000"),
        "derived": derived,
        "per_seed": [{"seed": r["seed"], "rate": r["rate"],
                      "rate_all_0_1000": r["rate_all_0_1000"],
                      "build_s": round(r["build_s"], 2), "simulate_s": round(r["simulate_s"], 2)}
                     for r in runs],
    }
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
        f.write("\n")
    print("wrote", a.out)


if __name__ == "__main__":
    main()
