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
starts at t + resolution (the generator's connection has a delay of one step), so each change
is scheduled one resolution early: at every resolution the current is ``amps[k]`` exactly on
the protocol's intervals, and the current during the step [t, t + dt) is the protocol's value
at t, as the Rust test drives our models. (With the changes at the protocol's times the
onset would come one step late, 0.0875 ms later at 0.1 ms than at 0.0125 ms: a difference
of protocol, not of integration, that NEST's own dt spread would then mix in; a slow spike of
ht_neuron after a long interval moves by 0.1 ms with it.)

Output JSON: ``{"nest": version, "model": name, "params": {...}, "amps_pa": [...],
"steps_ms": [[start, stop], ...], "runs": {"0.1": [spike times ms], ...}}``.

Several references of one NEST model with other parameters are named ``<NEST model>_<what>``:
``aeif_psc_delta_eif`` (exp_if: no adaptation), ``aeif_psc_delta_<preset>`` (the AdEx
firing patterns of Naud et al. 2008, Table 1, and Brette & Gerstner 2005) and
``izhikevich_<preset>`` (Izhikevich 2003 / 2004 cells); the mapping of every parameter is
given where they are defined below. The ``izhikevich_<preset>`` runs go down to 0.00078125
ms and say ``"first_order": true`` (NEST's izhikevich is forward Euler; see below).

Two models need another protocol (``--only parrot_neuron gif_psc_exp gif_cond_exp``):

* ``parrot_neuron``: a spike_generator with a fixed list of spike times on the 0.1 ms grid
  (some repeated: several spikes in one step), connected with delay ``resolution``; the
  JSON holds the input times and the parrot's output times at each resolution.
* ``gif_psc_exp``, ``gif_cond_exp`` (escape noise): a population of ``GIF_N`` independent
  neurons with the Mensi et al. (2012) fit of NEST's gif_population example, under the
  three current steps (``GIF_AMPS``), at resolutions 0.1 and 0.025 ms. Each neuron draws from
  its own stream, so the neurons are independent samples (seed ``GIF_SEED``). The JSON holds,
  per resolution and current step, the mean and the standard error over neurons of the rate,
  of each neuron's mean inter-spike interval and of the first-spike latency after the step's
  onset, and the number of neurons that contributed; the Rust test computes the same
  statistics from its own population and compares them within the combined standard errors.
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

# Reference name -> (parameter overrides, the three step amplitudes in pA[, NEST model]).
# The reference name is the NEST model unless a third entry names it (one NEST model with
# several settings). Defaults are NEST's.
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
    # ht_neuron divides its input by tau_m, as a potential: "pA" here are mV.
    "ht_neuron": ({}, [10.0, 20.0, 50.0]),
}

# The GLIF levels of Teeter et al. (2018): NEST's glif_psc and glif_cond select them with
# three switches (spike-dependent threshold "R", after-spike currents "ASC", adapting
# threshold "A"); the other parameters keep NEST's defaults (the Allen Institute cell that
# NEST documents), which are also ours. Rheobase of level 1 is th_inf g = 27.17 mV x 9.43 nS
# = 256 pA; the amplitudes go from just above it to about 2.7 times it.
GLIF_LEVELS = {
    "lif": (False, False, False),
    "lif_r": (True, False, False),
    "lif_asc": (False, True, False),
    "lif_r_asc": (True, True, False),
    "lif_r_asc_a": (True, True, True),
}
for _base in ["glif_psc", "glif_cond"]:
    for _level, (_r, _asc, _a) in GLIF_LEVELS.items():
        MODELS[f"{_base}_{_level}"] = (
            {"spike_dependent_threshold": _r, "after_spike_currents": _asc, "adapting_threshold": _a},
            [300.0, 450.0, 700.0],
            _base,
        )


# exp_if (exponential integrate-and-fire, Fourcaud-Trocme et al. 2003) is NEST's
# aeif_psc_delta without adaptation: a = 0 and b = 0 make w stay at its initial 0 (tau_w then
# does not matter). The other parameters map one to one and NEST's defaults are ours: C_m =
# c_m 281 pF, g_L = g_l 30 nS, E_L = e_l -70.6 mV, V_th = v_t -50.4 mV (the exponential's
# threshold), Delta_T = delta_t 2 mV, V_peak = v_peak 0 mV (spike and reset at V >= V_peak),
# V_reset = v_reset -60 mV, t_ref = t_ref 0 ms (V clamped at V_reset for t_ref), I_e = i_e 0,
# V_m = v_init -70.6 mV. Input: a current in pA, added to C_m dV/dt, in both.
MODELS["aeif_psc_delta_eif"] = ({"a": 0.0, "b": 0.0}, [600.0, 800.0, 1200.0], "aeif_psc_delta")

# The AdEx firing patterns of Naud, Marcille, Clopath & Gerstner (2008) Biol. Cybern. 99:335,
# Table 1 (our adex presets), in NEST's aeif_psc_delta (our adex is NEST's aeif_psc_delta;
# same units: C_m pF, g_L nS, E_L, V_th (the paper's V_T), Delta_T, V_reset (V_r) mV, tau_w
# ms, a nS, b pA), V_m starting at E_L, V_peak and t_ref at NEST's (and our) defaults, 0 mV
# and 0 ms: Table 1 gives no cut-off. Each row: (C, g_L, E_L, V_T, Delta_T, tau_w, a, b, V_r,
# I), I the step of the paper's figure; the protocol's three steps are I, 0 (recovery) and
# 1.5 I, so that the pattern is seen from rest, and again from a partly adapted state.
NAUD_2008 = {
    "tonic": (200.0, 10.0, -70.0, -50.0, 2.0, 30.0, 2.0, 0.0, -58.0, 500.0),
    "adapting": (200.0, 12.0, -70.0, -50.0, 2.0, 300.0, 2.0, 60.0, -58.0, 500.0),
    "initial_burst": (130.0, 18.0, -58.0, -50.0, 2.0, 150.0, 4.0, 120.0, -50.0, 400.0),
    "regular_bursting": (200.0, 10.0, -58.0, -50.0, 2.0, 120.0, 2.0, 100.0, -46.0, 210.0),
    "delayed_accelerating": (200.0, 12.0, -70.0, -50.0, 2.0, 300.0, -10.0, 0.0, -58.0, 300.0),
    "delayed_regular_bursting": (100.0, 10.0, -65.0, -50.0, 2.0, 90.0, -10.0, 30.0, -47.0, 110.0),
    "transient": (100.0, 10.0, -65.0, -50.0, 2.0, 90.0, 10.0, 100.0, -47.0, 180.0),
    "irregular": (100.0, 12.0, -60.0, -50.0, 2.0, 130.0, -11.0, 30.0, -48.0, 160.0),
}
for _name, (_c, _gl, _el, _vt, _dt, _tw, _a, _b, _vr, _i) in NAUD_2008.items():
    MODELS[f"aeif_psc_delta_{_name}"] = (
        {"C_m": _c, "g_L": _gl, "E_L": _el, "V_th": _vt, "Delta_T": _dt, "tau_w": _tw,
         "a": _a, "b": _b, "V_reset": _vr, "V_m": _el},
        [_i, 0.0, 1.5 * _i],
        "aeif_psc_delta",
    )
# Brette & Gerstner (2005): NEST's defaults with V_reset = E_L (our preset brette_gerstner_2005).
MODELS["aeif_psc_delta_brette_gerstner_2005"] = ({"V_reset": -70.6}, [600.0, 800.0, 1200.0], "aeif_psc_delta")

# The Izhikevich (2003) cell classes of Fig. 2 (our izhikevich presets), and the step-driven
# panels of Izhikevich (2004) Fig. 1 that keep the 2003 equation (0.04 v^2 + 5 v + 140, no
# baseline current), in NEST's izhikevich (same equation; NEST's V_th = our v_peak 30 mV,
# input "pA" = our mV/ms). NEST's U_m does not follow b: it is set to b V_m, as our u starts.
# Each: (a, b, c, d, V_m at the start); the protocol's steps 5, 10, 15 as for the defaults.
IZHIKEVICH_PRESETS = {
    "intrinsically_bursting": (0.02, 0.2, -55.0, 4.0, -65.0),
    "chattering": (0.02, 0.2, -50.0, 2.0, -65.0),
    "fast_spiking": (0.1, 0.2, -65.0, 2.0, -65.0),
    "low_threshold_spiking": (0.02, 0.25, -65.0, 2.0, -65.0),
    "thalamo_cortical": (0.02, 0.25, -65.0, 0.05, -65.0),
    "resonator": (0.1, 0.26, -65.0, 2.0, -65.0),
    "tonic_spiking": (0.02, 0.2, -65.0, 6.0, -70.0),
    "tonic_bursting": (0.02, 0.2, -50.0, 2.0, -70.0),
    "mixed_mode": (0.02, 0.2, -55.0, 4.0, -70.0),
    "spike_frequency_adaptation": (0.01, 0.2, -65.0, 8.0, -70.0),
}
# NEST integrates izhikevich by forward Euler with the reset at the end of the step, and it
# uses the current it received for the previous step (izhikevich.cpp sets S_.I_ after the
# update), so the protocol acts one more step late: all first order in the step, and with
# bursts and fast trains its spike counts still change between 0.025 and
# 0.0125 ms (thalamo_cortical: 230, 237, 241, 244 spikes at 0.1 ... 0.0125 ms). These
# references therefore go on halving the step to 0.00078125 ms (the finest run is the
# reference solution; the Rust test compares at 0.1, 0.05 and 0.025 ms as for every model).
FINE_RESOLUTIONS = RESOLUTIONS + [0.00625, 0.003125, 0.0015625, 0.00078125]
RESOLUTIONS_OF = {}
# The bursting cells (c = -50 mV, d = 2) at 15 mV/ms are inside a burst when the current
# stops at 950 ms, and whether one more spike follows then depends on the burst's timing to
# a few hundredths of a ms (a fine RK4 puts one at 953.6 ms; NEST's Euler has none even at
# 0.0002 ms): a test point no simulator at these steps resolves. At 14 mV/ms the last burst
# ends at 925.6 ms and the current stops between bursts.
IZHIKEVICH_AMPS = {"chattering": [5.0, 10.0, 14.0], "tonic_bursting": [5.0, 10.0, 14.0]}
for _name, (_a, _b, _c, _d, _v) in IZHIKEVICH_PRESETS.items():
    MODELS[f"izhikevich_{_name}"] = (
        {"a": _a, "b": _b, "c": _c, "d": _d, "V_m": _v, "U_m": _b * _v},
        IZHIKEVICH_AMPS.get(_name, [5.0, 10.0, 15.0]),
        "izhikevich",
    )
    RESOLUTIONS_OF[f"izhikevich_{_name}"] = FINE_RESOLUTIONS

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
    # 0.0125 ms is not a whole number of the default 1 us tics: 0.1 us, halved until the
    # resolution is a whole number of tics (the finer Izhikevich runs).
    tics = 10000
    while not round(resolution * tics, 6).is_integer():
        tics *= 2
    nest.SetKernelStatus({"tics_per_ms": tics, "resolution": resolution})
    n = nest.Create(model, params=overrides)
    # The steps are contiguous: a change at each start, and back to 0 at the last stop, each
    # scheduled one step early (see the module doc).
    times = [start - resolution for start, _ in STEPS] + [STEPS[-1][1] - resolution]
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


# The parrot's input: spike times (ms) on the 0.1 ms grid, repeats meaning several spikes in
# one step; weights are ignored by the parrot.
PARROT_INPUT = [1.0, 2.5, 2.5, 2.6, 10.0, 10.1, 10.2, 33.3, 33.3, 33.3, 50.0, 77.7, 99.9]
PARROT_SIMTIME = 120.0

# The GIF fit of NEST's gif_population example (Mensi et al. 2012); lambda_0 in 1/s, as NEST
# takes it (0.001 /ms).
GIF_PARAMS = {
    "C_m": 83.1, "g_L": 3.7, "E_L": -67.0, "Delta_V": 1.4, "V_T_star": -39.6, "t_ref": 4.0,
    "V_reset": -36.7, "lambda_0": 1.0, "q_stc": [56.7, -6.9], "tau_stc": [57.8, 218.2],
    "q_sfa": [11.7, 1.8], "tau_sfa": [53.8, 640.0], "tau_syn_ex": 10.0,
}
# Rheobase of the deterministic part g_L (V_T* - E_L) = 101 pA; 150 pA gives ~10 Hz.
GIF_AMPS = [150.0, 250.0, 400.0]
GIF_N = 2000
GIF_SEED = 12345
GIF_RESOLUTIONS = [0.1, 0.025]


def run_parrot(nest, resolution):
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"tics_per_ms": 10000, "resolution": resolution})
    gen = nest.Create("spike_generator", params={"spike_times": PARROT_INPUT})
    parrot = nest.Create("parrot_neuron")
    rec = nest.Create("spike_recorder")
    nest.Connect(gen, parrot, syn_spec={"delay": resolution, "weight": 1.0})
    nest.Connect(parrot, rec)
    nest.Simulate(PARROT_SIMTIME)
    return sorted(float(t) for t in rec.get("events")["times"])


def gif_statistics(times_by_neuron, n):
    """Per current step: mean and standard error over neurons of the rate (Hz), of each
    neuron's mean inter-spike interval within the step (ms; neurons with >= 2 spikes there),
    and of the latency of the first spike after the step's onset (ms; neurons that fired)."""
    import numpy as np

    def mean_se(x):
        x = np.asarray(x, dtype=float)
        if len(x) < 2:
            return {"mean": float("nan"), "se": float("nan"), "n": int(len(x))}
        return {"mean": float(x.mean()), "se": float(x.std(ddof=1) / np.sqrt(len(x))), "n": int(len(x))}

    out = []
    for start, stop in STEPS:
        rate, isi, latency = [], [], []
        for i in range(n):
            t = times_by_neuron[i]
            t = t[(t > start) & (t <= stop)]
            rate.append(len(t) / (stop - start) * 1000.0)
            if len(t) >= 2:
                isi.append(float(np.diff(t).mean()))
            if len(t) >= 1:
                latency.append(float(t[0] - start))
        out.append({"rate_hz": mean_se(rate), "mean_isi_ms": mean_se(isi), "latency_ms": mean_se(latency)})
    return out


def run_gif(nest, model, resolution):
    import numpy as np

    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"tics_per_ms": 10000, "resolution": resolution, "rng_seed": GIF_SEED})
    pop = nest.Create(model, GIF_N, params=GIF_PARAMS)
    times = [start for start, _ in STEPS] + [STEPS[-1][1]]
    gen = nest.Create(
        "step_current_generator",
        params={"amplitude_times": times, "amplitude_values": list(GIF_AMPS) + [0.0]},
    )
    rec = nest.Create("spike_recorder")
    nest.Connect(gen, pop, syn_spec={"delay": resolution})
    nest.Connect(pop, rec)
    nest.Simulate(SIMTIME)
    ev = rec.get("events")
    first = pop.tolist()[0]
    senders, t = np.asarray(ev["senders"]) - first, np.asarray(ev["times"])
    by_neuron = [np.sort(t[senders == i]) for i in range(GIF_N)]
    return gif_statistics(by_neuron, GIF_N)


def write(path, out):
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


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
    special = ["parrot_neuron", "gif_psc_exp", "gif_cond_exp"]
    for model in a.only or list(MODELS) + special:
        if model == "parrot_neuron":
            runs = {repr(res): run_parrot(nest, res) for res in RESOLUTIONS}
            path = os.path.join(a.out, f"{model}.json")
            write(path, {"nest": nest.__version__, "model": model, "input_ms": PARROT_INPUT,
                         "delay": "one step (the resolution)", "simtime_ms": PARROT_SIMTIME,
                         "runs": runs})
            print(f"{model}: {({k: len(v) for k, v in runs.items()})} -> {os.path.relpath(path)}")
            continue
        if model in ("gif_psc_exp", "gif_cond_exp"):
            stats = {repr(res): run_gif(nest, model, res) for res in GIF_RESOLUTIONS}
            path = os.path.join(a.out, f"{model}.json")
            write(path, {"nest": nest.__version__, "model": model, "params": GIF_PARAMS,
                         "amps_pa": GIF_AMPS, "steps_ms": STEPS, "simtime_ms": SIMTIME,
                         "neurons": GIF_N, "rng_seed": GIF_SEED, "statistics": stats})
            rates = {k: [round(w["rate_hz"]["mean"], 2) for w in v] for k, v in stats.items()}
            print(f"{model}: rates (Hz) per step {rates} -> {os.path.relpath(path)}", flush=True)
            continue
        overrides, amps, *nest_model = MODELS[model]
        nest_model = nest_model[0] if nest_model else model
        runs, params = {}, None
        for res in RESOLUTIONS_OF.get(model, RESOLUTIONS):
            spikes, params = run(nest, nest_model, overrides, amps, res)
            runs[repr(res)] = spikes
        out = {
            "nest": nest.__version__,
            "model": nest_model,
            "overrides": overrides,
            "params": params,
            "amps_pa": amps,
            "steps_ms": STEPS,
            "current_onset": "exact: the current during [t, t + dt) is the protocol's value at t",
            "simtime_ms": SIMTIME,
            "runs": runs,
        }
        if model in RESOLUTIONS_OF:
            # Read by the Rust test: the finest run's own error is estimated by its change
            # from the run at twice its step (see nest_reference.rs).
            out["first_order"] = True
        path = os.path.join(a.out, f"{model}.json")
        with open(path, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")
        counts = {k: len(v) for k, v in runs.items()}
        print(f"{model}: spikes per resolution {counts} -> {os.path.relpath(path)}", flush=True)


if __name__ == "__main__":
    main()
