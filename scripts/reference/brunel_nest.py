#!/usr/bin/env python3
"""Reference statistics from NEST 3.10 for the Brunel (2000) balanced network.

The network is built the way NEST's own example
``pynest/examples/brunel_delta_nest.py`` (shipped in the nest-simulator 3.10
wheel as ``nest/doc/examples/pynest/brunel_delta_nest.py``) builds it.  The
only changes: every neuron is recorded (the example records 50 per
population), the spikes stay in memory (the example writes ASCII files),
``local_num_threads`` and ``rng_seed`` are set, and g, eta and V_reset can be
overridden.

How to run
----------
    # one-time: make a venv at /tmp/nest-venv, pip install nest-simulator and
    # numpy from PyPI, then re-run this script with that venv's python
    python3 scripts/reference/brunel_nest.py --install --seeds 8
    # Brunel Fig. 8 regimes A-D (V_reset = 10 mV), 3 seeds each:
    python3 scripts/reference/brunel_nest.py --install --regimes --seeds 3
    # Without --install, the current python must already import nest.
    # Other options: --venv PATH, --threads N (default: number of cores),
    # --simtime MS, --g G --eta ETA --v-reset MV (one custom run), --out FILE.

Output: reference/brunel_nest/brunel_delta.json (default network) or
reference/brunel_nest/regimes.json (--regimes), relative to the repo root.

The network (same as the example)
---------------------------------
* NE = 4*order = 10000 excitatory, NI = order = 2500 inhibitory iaf_psc_delta
  neurons, order = 2500.  NEST node IDs: E = 1..10000, I = 10001..12500
  (created in that order); neuron index i = node_id - 1.
* Neuron: C_m = 1 pF, tau_m = 20 ms, t_ref = 2 ms, E_L = 0, V_th = 20 mV,
  V_reset = 0 mV (--v-reset), I_e = 0.  Initial V_m = 0.0 mV for EVERY
  neuron (the example does not randomise V_m).  With C_m = 1 and delta
  synapses a weight w (pA) makes a jump of w mV in V_m.
* Recurrent connections: ``fixed_indegree``, each neuron (E and I alike)
  draws CE = int(0.1*NE) = 1000 presynaptic E neurons and CI = int(0.1*NI) =
  250 presynaptic I neurons, uniformly, with NEST's defaults
  allow_autapses=True and allow_multapses=True (the example sets neither).
  Weights: J = 0.1 mV for E sources, -g*J = -0.5 mV (g = 5) for I sources.
  Delay 1.5 ms for every connection.
* External drive: ONE poisson_generator at p_rate = 1000 * eta * nu_th * CE Hz
  with nu_th = theta / (J * CE * tau_m) = 0.01 /ms (10 Hz), so p_rate = 20 kHz
  for eta = 2,
  connected all_to_all to every neuron with weight J and delay 1.5 ms.  A NEST
  poisson_generator sends an independent Poisson train to each target.
  The generator is active from t = 0, so input first reaches neurons at
  t = 1.5 ms.
* Resolution dt = 0.1 ms, simtime = 1000 ms, no warm-up: nothing is
  discarded, the whole (0, 1000] ms is analysed.

Statistics (per seed; "pop" is E = first 10000, I = last 2500, all = 12500)
--------------------------------------------------------------------------
Spike times are the NEST spike_recorder times, on the 0.1 ms grid, in
(0, simtime].  Every neuron is recorded.
* rate_{E,I,all}_hz: (number of spikes of the pop in (0, simtime]) /
  (n_pop * simtime/1000 s).  Silent neurons count (as 0 Hz).
* cv_{E,I,all}: mean over the neurons of the pop that have >= 3 spikes of
  that neuron's CV, where CV = np.std(isi) / np.mean(isi) (ddof = 0) and
  isi = np.diff(sorted spike times of the neuron) (so >= 2 ISIs).  Neurons
  with < 3 spikes are left out (not counted as 0).  NaN if no neuron
  qualifies.  n_cv_{E,I,all} is how many neurons qualified.
* frac_active_{E,I,all}: fraction of the pop's neurons with >= 1 spike.
* n_spikes_{E,I,all}: total spike counts.
* rate_{E,I,all}_late_hz: as rate_*, but only spikes with t > 200 ms, divided
  by n_pop * 0.8 s (extra: shows the effect of the synchronous start).
* pop_rate_cv_1ms: population activity irregularity (extra, separates the
  Fig. 8 regimes): step index s = round(t / 0.1) of each spike (1..10000),
  1 ms bin b = (s - 1) // 10 (bin b covers (b, b+1] ms); counts of all
  neurons' spikes in bins b = 200..999 (t in (200, 1000] ms);
  value = np.std(counts) / np.mean(counts) (ddof = 0).
* build_s / simulate_s: wall clock seconds (time.time()) from just after ResetKernel to
  end of Connect, and of nest.Simulate(simtime).  Machine-dependent.
* num_connections: number of recurrent + Poisson synapses made (check).

Across seeds: "summary" has, per statistic, mean, std (sample std,
ddof = 1), min and max over the seeds.

Seeds: run k uses nest.rng_seed = k (k = 1..N) with local_num_threads = T.
NEST's random streams depend on T, so the same seed with another thread
count gives another (statistically equivalent) network and Poisson input.
"""

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import time

DEFAULT_VENV = "/tmp/nest-venv"
NEST_PIN = "nest-simulator==3.10.0"

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(REPO_ROOT, "reference", "brunel_nest")

# Brunel (2000) Fig. 8, all with V_reset = 10 mV.
REGIMES = {
    "A": {"g": 3.0, "eta": 2.0, "v_reset": 10.0, "label": "SR: synchronous regular"},
    "B": {"g": 6.0, "eta": 4.0, "v_reset": 10.0, "label": "SI fast: fast global oscillation, irregular neurons"},
    "C": {"g": 5.0, "eta": 2.0, "v_reset": 10.0, "label": "AI: asynchronous irregular"},
    "D": {"g": 4.5, "eta": 0.9, "v_reset": 10.0, "label": "SI slow: slow global oscillation, irregular neurons"},
}

STAT_KEYS = [
    "rate_E_hz", "rate_I_hz", "rate_all_hz",
    "cv_E", "cv_I", "cv_all",
    "n_cv_E", "n_cv_I", "n_cv_all",
    "frac_active_E", "frac_active_I", "frac_active_all",
    "n_spikes_E", "n_spikes_I", "n_spikes_all",
    "rate_E_late_hz", "rate_I_late_hz", "rate_all_late_hz",
    "pop_rate_cv_1ms",
    "build_s", "simulate_s",
    "num_connections",
]


def install_and_reexec(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        print(f"creating venv {venv}", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", NEST_PIN, "numpy"])
    args = [a for a in sys.argv[1:] if a != "--install"]
    # drop "--venv PATH" / "--venv=PATH" too; it is not needed in the child
    clean = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "--venv":
            skip = True
            continue
        if a.startswith("--venv="):
            continue
        clean.append(a)
    os.execv(py, [py, os.path.abspath(__file__)] + clean)


def params_for(g=5.0, eta=2.0, v_reset=0.0, simtime=1000.0):
    order = 2500
    NE, NI = 4 * order, order
    epsilon = 0.1
    CE, CI = int(epsilon * NE), int(epsilon * NI)
    tau_m, theta, J = 20.0, 20.0, 0.1
    nu_th = theta / (J * CE * tau_m)
    p_rate = 1000.0 * eta * nu_th * CE
    return {
        "order": order, "NE": NE, "NI": NI, "epsilon": epsilon, "CE": CE, "CI": CI,
        "neuron_model": "iaf_psc_delta",
        "C_m": 1.0, "tau_m": tau_m, "t_ref": 2.0, "E_L": 0.0,
        "V_reset": v_reset, "V_m_init": 0.0, "V_th": theta, "I_e": 0.0,
        "J": J, "g": g, "J_in": -g * J, "eta": eta, "delay": 1.5,
        "nu_th_per_ms": nu_th, "p_rate_hz": p_rate,
        "dt": 0.1, "simtime": simtime,
        "conn_rule": "fixed_indegree", "allow_autapses": True, "allow_multapses": True,
        "poisson": "one poisson_generator, all_to_all to every neuron, weight J, delay 1.5 ms",
        "V_m_initial_distribution": "all neurons start at V_m = 0.0 (not randomised)",
        "transient_discarded_ms": 0.0,
    }


def run_one(nest, np, p, seed, threads):
    nest.ResetKernel()
    if hasattr(nest, "VerbosityLevel"):
        nest.verbosity = nest.VerbosityLevel.WARNING
    else:
        nest.set_verbosity("M_WARNING")
    t0 = time.time()
    nest.local_num_threads = threads
    nest.rng_seed = seed
    nest.resolution = p["dt"]

    neuron_params = {"C_m": p["C_m"], "tau_m": p["tau_m"], "t_ref": p["t_ref"],
                     "E_L": p["E_L"], "V_reset": p["V_reset"], "V_m": p["V_m_init"],
                     "V_th": p["V_th"]}
    # Same creation and connection order as brunel_delta_nest.py.
    nodes_ex = nest.Create("iaf_psc_delta", p["NE"], params=neuron_params)
    nodes_in = nest.Create("iaf_psc_delta", p["NI"], params=neuron_params)
    noise = nest.Create("poisson_generator", params={"rate": p["p_rate_hz"]})
    espikes = nest.Create("spike_recorder", params={"record_to": "memory"})
    ispikes = nest.Create("spike_recorder", params={"record_to": "memory"})

    nest.CopyModel("static_synapse", "excitatory", {"weight": p["J"], "delay": p["delay"]})
    nest.CopyModel("static_synapse", "inhibitory", {"weight": p["J_in"], "delay": p["delay"]})
    nest.Connect(noise, nodes_ex, syn_spec="excitatory")
    nest.Connect(noise, nodes_in, syn_spec="excitatory")
    # The example records nodes_ex[:50] / nodes_in[:50]; we record all.
    nest.Connect(nodes_ex, espikes, syn_spec="excitatory")
    nest.Connect(nodes_in, ispikes, syn_spec="excitatory")
    nest.Connect(nodes_ex, nodes_ex + nodes_in,
                 {"rule": "fixed_indegree", "indegree": p["CE"]}, "excitatory")
    nest.Connect(nodes_in, nodes_ex + nodes_in,
                 {"rule": "fixed_indegree", "indegree": p["CI"]}, "inhibitory")
    t1 = time.time()
    nest.Simulate(p["simtime"])
    t2 = time.time()

    n_conn = (nest.GetDefaults("excitatory")["num_connections"]
              + nest.GetDefaults("inhibitory")["num_connections"]
              - p["NE"] - p["NI"])  # minus the neuron->recorder connections
    first = nodes_ex[0].global_id
    N = p["NE"] + p["NI"]
    senders, times = [], []
    for rec in (espikes, ispikes):
        ev = rec.get("events")
        senders.append(np.asarray(ev["senders"], dtype=np.int64))
        times.append(np.asarray(ev["times"], dtype=np.float64))
    idx = np.concatenate(senders) - first
    t = np.concatenate(times)
    assert idx.min(initial=0) >= 0 and idx.max(initial=0) < N
    order = np.lexsort((t, idx))
    idx, t = idx[order], t[order]
    steps = np.rint(t / p["dt"]).astype(np.int64)
    nsteps = int(round(p["simtime"] / p["dt"]))
    assert steps.min(initial=1) >= 1 and steps.max(initial=1) <= nsteps

    counts = np.bincount(idx, minlength=N)
    starts = np.concatenate(([0], np.cumsum(counts)))
    cvs = np.full(N, np.nan)
    for i in np.nonzero(counts >= 3)[0]:
        isi = np.diff(t[starts[i]:starts[i + 1]])
        cvs[i] = np.std(isi) / np.mean(isi)

    late_start_step = int(round(200.0 / p["dt"]))
    late = steps > late_start_step
    late_counts = np.bincount(idx[late], minlength=N)
    late_dur_s = (p["simtime"] - 200.0) / 1000.0

    pops = {"E": slice(0, p["NE"]), "I": slice(p["NE"], N), "all": slice(0, N)}
    dur_s = p["simtime"] / 1000.0
    st = {"seed": seed}
    for name, sl in pops.items():
        n = sl.stop - sl.start
        c = counts[sl]
        cv = cvs[sl]
        ok = ~np.isnan(cv)
        st[f"rate_{name}_hz"] = float(c.sum() / (n * dur_s))
        st[f"cv_{name}"] = float(cv[ok].mean()) if ok.any() else float("nan")
        st[f"n_cv_{name}"] = int(ok.sum())
        st[f"frac_active_{name}"] = float((c > 0).mean())
        st[f"n_spikes_{name}"] = int(c.sum())
        st[f"rate_{name}_late_hz"] = float(late_counts[sl].sum() / (n * late_dur_s))
    bins = (steps - 1) // 10
    hist = np.bincount(bins, minlength=nsteps // 10)[200:nsteps // 10]
    st["pop_rate_cv_1ms"] = float(hist.std() / hist.mean()) if hist.size and hist.mean() > 0 else float("nan")
    st["build_s"] = t1 - t0
    st["simulate_s"] = t2 - t1
    st["num_connections"] = int(n_conn)
    return st


def summarize(np, runs):
    out = {}
    for k in STAT_KEYS:
        v = np.array([r[k] for r in runs], dtype=float)
        v = v[~np.isnan(v)]
        if len(v) == 0:
            out[k] = {"mean": None, "std": None, "min": None, "max": None, "n": 0}
            continue
        out[k] = {"mean": float(v.mean()),
                  "std": float(v.std(ddof=1)) if len(v) > 1 else 0.0,
                  "min": float(v.min()), "max": float(v.max()), "n": int(len(v))}
    return out


def clean_nan(o):
    if isinstance(o, float) and math.isnan(o):
        return None
    if isinstance(o, dict):
        return {k: clean_nan(v) for k, v in o.items()}
    if isinstance(o, list):
        return [clean_nan(v) for v in o]
    return o


def fmt_row(r):
    return ("seed %d: rate E %.3f I %.3f all %.3f Hz | CV E %.3f I %.3f | active %.4f | "
            "popCV %.3f | build %.1fs sim %.1fs" % (
                r["seed"], r["rate_E_hz"], r["rate_I_hz"], r["rate_all_hz"],
                r["cv_E"], r["cv_I"], r["frac_active_all"], r["pop_rate_cv_1ms"],
                r["build_s"], r["simulate_s"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--install", action="store_true",
                    help="create the venv, pip install nest-simulator 3.10 + numpy, re-exec in it")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--seeds", type=int, default=None,
                    help="seeds 1..N (default 8, or 3 with --regimes)")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--simtime", type=float, default=1000.0)
    ap.add_argument("--g", type=float, default=5.0)
    ap.add_argument("--eta", type=float, default=2.0)
    ap.add_argument("--v-reset", type=float, default=0.0)
    ap.add_argument("--regimes", action="store_true",
                    help="run Brunel Fig. 8 regimes A-D (V_reset = 10 mV) instead")
    ap.add_argument("--only", nargs="+", default=None, metavar="REGIME",
                    help="with --regimes: run only these (e.g. B C D); the others are kept "
                         "from the existing output file")
    ap.add_argument("--out", default=None, help="output JSON path")
    a = ap.parse_args()

    if a.install:
        install_and_reexec(a.venv)
        return

    import numpy as np
    import nest

    seeds = list(range(1, (a.seeds or (3 if a.regimes else 8)) + 1))
    meta = {
        "generator": "scripts/reference/brunel_nest.py",
        "command": "python3 scripts/reference/brunel_nest.py " + " ".join(sys.argv[1:]),
        "based_on": "NEST 3.10 pynest/examples/brunel_delta_nest.py (all neurons recorded)",
        "nest_version": nest.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "machine": {"cpu_count": os.cpu_count(), "platform": platform.platform(),
                    "processor": _cpu_model()},
        "local_num_threads": a.threads,
        "seeds": seeds,
        "across_seed_std": "sample std, ddof=1",
        "definitions": _definitions(),
    }

    def run_set(p):
        runs = []
        for s in seeds:
            r = run_one(nest, np, p, s, a.threads)
            print(fmt_row(r), flush=True)
            runs.append(r)
        return runs, summarize(np, runs)

    if a.regimes:
        out_path = a.out or os.path.join(OUT_DIR, "regimes.json")
        res = dict(meta)
        res["regimes"] = {}
        if a.only and os.path.exists(out_path):
            with open(out_path) as f:
                res["regimes"] = json.load(f)["regimes"]
        for name, rg in REGIMES.items():
            if a.only and name not in a.only:
                continue
            print(f"regime {name}: g={rg['g']} eta={rg['eta']} V_reset={rg['v_reset']}", flush=True)
            p = params_for(rg["g"], rg["eta"], rg["v_reset"], a.simtime)
            runs, summ = run_set(p)
            res["regimes"][name] = {"label": rg["label"], "params": p,
                                    "per_seed": runs, "summary": summ}
    else:
        default = (a.g, a.eta, a.v_reset, a.simtime) == (5.0, 2.0, 0.0, 1000.0)
        out_path = a.out or os.path.join(
            OUT_DIR, "brunel_delta.json" if default else
            f"brunel_g{a.g}_eta{a.eta}_vr{a.v_reset}.json")
        p = params_for(a.g, a.eta, a.v_reset, a.simtime)
        runs, summ = run_set(p)
        res = dict(meta)
        res.update({"params": p, "per_seed": runs, "summary": summ})

    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w") as f:
        json.dump(clean_nan(res), f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote", out_path)


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _definitions():
    return {
        "spike_times": "NEST spike_recorder times (ms, 0.1 ms grid) in (0, simtime]; all neurons recorded; neuron i = node_id-1, E = 0..NE-1, I = NE..N-1",
        "rate_X_hz": "spikes of pop X in (0, simtime] / (n_X * simtime/1000); silent neurons included",
        "cv_X": "mean over neurons of pop X with >= 3 spikes of std(isi)/mean(isi), numpy ddof=0, isi = diff(sorted spike times); others excluded",
        "n_cv_X": "number of neurons of pop X with >= 3 spikes",
        "frac_active_X": "fraction of pop X with >= 1 spike in (0, simtime]",
        "n_spikes_X": "total spikes of pop X",
        "rate_X_late_hz": "spikes of pop X with t > 200 ms / (n_X * (simtime-200)/1000)",
        "pop_rate_cv_1ms": "s = round(t/0.1); bin = (s-1)//10 (bin b = (b, b+1] ms); all-neuron spike counts in bins 200..simtime-1; std/mean, ddof=0",
        "build_s": "wall clock s from just after ResetKernel (set threads/seed/resolution, Create, Connect) to end of Connect",
        "simulate_s": "wall clock s of nest.Simulate(simtime)",
        "num_connections": "recurrent + poisson_generator synapses (N*(CE+CI) + N)",
        "summary": "per statistic over seeds: mean, std (ddof=1), min, max, n (NaN seeds dropped)",
    }


if __name__ == "__main__":
    main()
