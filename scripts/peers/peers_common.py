"""What the peer scripts share: the three benchmark networks' parameters (one definition for
NEST and Brian2, the same numbers as the zoo's Rust definitions), memory probes, spike
statistics and the JSON line every run prints.

The networks (sources in crates/zoo/src/{brunel,cuba,coba}.rs):

* ``brunel``: NEST's ``brunel_delta_nest.py`` (Brunel 2000, model A), 12,500 neurons; the
  parameters come from ``scripts/reference/brunel_nest.py`` (``params_for``), which builds the
  network exactly as that example does.
* ``cuba``: Brette et al. (2007) benchmark 2 as Brian2's ``examples/CUBA.py``.
* ``coba``: Brette et al. (2007) benchmark 1 as Brette's Brian ``examples/COBA.py``.
* ``stdp``: Song, Miller & Abbott (2000) as Brian2's ``examples/synapses/STDP.py``: Poisson
  input neurons onto ``n_post`` conductance-based LIF neurons (every input onto every post
  neuron) through additive all-to-all STDP synapses (source in crates/zoo/src/stdp.rs).

Every network uses a 0.1 ms delay where the Brian examples have none (the minimum delay of
NEST and of our engine is one step).
"""

import json
import os
import platform
import resource
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO_ROOT, "scripts", "reference"))

DT_MS = 0.1


def brunel_params():
    """NEST's brunel_delta_nest.py, as scripts/reference/brunel_nest.py builds it."""
    from brunel_nest import params_for  # noqa: E402  (the one definition)

    return params_for()


CUBA = {
    "n_exc": 3200, "n_inh": 800, "p": 0.02,
    "tau_m": 20.0, "tau_e": 5.0, "tau_i": 10.0,          # ms
    "e_l": -49.0, "v_th": -50.0, "v_reset": -60.0,        # mV
    "t_ref": 5.0,                                         # ms
    "we": 60 * 0.27 / 10, "wi": -20 * 4.5 / 10,           # mV jumps of ge, gi (1.62, -9)
    "delay": 0.1,                                         # ms
    # v(0) uniform in [v_reset, v_th); ge(0) = gi(0) = 0
}

COBA = {
    "n_exc": 3200, "n_inh": 800, "p": 0.02,
    "tau_m": 20.0, "tau_e": 5.0, "tau_i": 10.0,           # ms
    "g_l": 10.0, "c_m": 200.0,                            # nS, pF
    "e_l": -60.0, "v_th": -50.0, "v_reset": -60.0,        # mV
    "e_exc": 0.0, "e_inh": -80.0,                         # mV
    "t_ref": 5.0,                                         # ms
    "we": 6.0, "wi": 67.0,                                # nS (0.6 and 6.7 g_L)
    "v0_mean": -65.0, "v0_sd": 5.0,                       # mV
    "ge0_mean": 40.0, "ge0_sd": 15.0,                     # nS (4 and 1.5 g_L)
    "gi0_mean": 200.0, "gi0_sd": 120.0,                   # nS (20 and 12 g_L)
    "delay": 0.1,                                         # ms
}

STDP = {
    "n_inputs": 1000, "n_post": 1, "rate_hz": 15.0,
    "tau_m": 10.0, "tau_e": 5.0,                          # ms
    "g_l": 10.0,                                          # nS (c_m = tau_m g_l = 100 pF)
    "e_l": -74.0, "v_th": -54.0, "v_reset": -60.0,        # mV (v(0) = v_reset)
    "e_exc": 0.0,                                         # mV
    "gmax": 0.01,                                         # in units of g_l (0.1 nS)
    "tau_pre": 20.0, "tau_post": 20.0,                    # ms
    "a_pre": 0.01, "b": 1.05,                             # dApre / gmax; |dApost| / dApre
    "delay": 0.1,                                         # ms (Brian: the example's 0)
    # initial weights uniform in [0, gmax); no refractory period
}

NETS = ("brunel", "cuba", "coba", "stdp")

#: ``--set`` options our CLI gets per network (the sizes of the peers' networks).
ZOO_SETTINGS = {"stdp": {"n_inputs": STDP["n_inputs"], "n_post": STDP["n_post"]}}

#: The populations whose spikes the comparison counts (ours: zoo population labels).
COUNTED = {"stdp": ("inputs", "post")}



def rss_bytes():
    """Current resident set size of this process (VmRSS), bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def peak_rss_bytes():
    """Peak resident set size of this process (ru_maxrss, kB on Linux), bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def spike_stats(np, idx, t_ms, n_exc, n_total, duration_s):
    """Rates and mean ISI CV (neurons with >= 3 spikes, ddof 0) of E, I and all.

    ``idx`` are neuron indices 0..n_total-1 (E first), ``t_ms`` spike times in ms.
    """
    idx = np.asarray(idx, dtype=np.int64)
    t = np.asarray(t_ms, dtype=np.float64)
    order = np.lexsort((t, idx))
    idx, t = idx[order], t[order]
    counts = np.bincount(idx, minlength=n_total)
    starts = np.concatenate(([0], np.cumsum(counts)))
    cvs = np.full(n_total, np.nan)
    for i in np.nonzero(counts >= 3)[0]:
        isi = np.diff(t[starts[i]:starts[i + 1]])
        cvs[i] = np.std(isi) / np.mean(isi)
    out = {"spikes": int(counts.sum())}
    for name, sl in (("exc", slice(0, n_exc)), ("inh", slice(n_exc, n_total)),
                     ("all", slice(0, n_total))):
        n = sl.stop - sl.start
        cv = cvs[sl]
        ok = ~np.isnan(cv)
        out[f"rate_{name}_hz"] = float(counts[sl].sum() / (n * duration_s))
        out[f"cv_{name}"] = float(cv[ok].mean()) if ok.any() else None
    return out


def machine():
    model = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": model, "platform": platform.platform(),
            "python": platform.python_version()}


def emit(record):
    """Prints one JSON line (the driver reads lines starting with '{')."""
    print(json.dumps(record, sort_keys=True), flush=True)
