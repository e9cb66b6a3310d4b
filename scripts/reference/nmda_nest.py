#!/usr/bin/env python3
"""Reference for the ``nmda`` synapse kind: NEST 3.10's ``iaf_bw_2001`` (Brunel & Wang 2001,
Wang 2002, with NEST's approximation of the NMDA gating) receiving NMDA input from neurons
that fire at known times.

Three presynaptic ``iaf_bw_2001`` neurons fire at the times listed in ``PRE_TIMES`` (a
100 Hz burst, a regular 20 Hz train and an irregular train: saturating and unsaturated
gating). Each is made to fire by a ``spike_generator`` whose spike arrives, through a very
strong and fast AMPA synapse (weight ``500 / dt`` nS, ``tau_AMPA`` 0.1 ms), one step before
the wanted time, so that it crosses threshold in the step that ends at that time, at every
resolution (the script checks the recorded times). They project with NMDA synapses
(weights ``WEIGHTS``, nS; delay ``DELAY`` ms) onto one postsynaptic ``iaf_bw_2001`` with
Wang's (2002) excitatory-cell parameters (``POST``), which has no other input.

The network runs at dt = 0.1, 0.05, 0.025 and 0.01 ms (the presynaptic spike times are the
same in every run). Written to ``reference/nmda/iaf_bw_2001.json``:

* the setup (times, weights, delay, parameters, NMDA parameters);
* per dt: the postsynaptic spike times (ms);
* the membrane potential of the dt = 0.01 ms run on the 0.1 ms grid (the value at
  t = 0.1 k ms after the step ending there, as a voltmeter records it; rounded to 1e-5 mV);
* NEST's own dt convergence, per dt: the largest and the mean absolute difference of each
  postsynaptic spike time from the dt = 0.01 ms run, the RMS difference of V on the
  0.1 ms grid, and the largest difference of V before the first postsynaptic spike (less
  1 ms: ``subthreshold_samples`` samples);
* for comparison, the spike times of ``iaf_bw_2001_exact`` (which integrates the full
  gating, rise included) at dt = 0.01 ms: the error of the approximation itself.

``crates/runner/tests/nmda_nest.rs`` runs the same network with the ``nmda`` synapse kind
(presynaptic ``lif`` neurons made to fire at the same times, postsynaptic ``lif`` with the
same membrane) and compares.

How to run
----------
    python3 scripts/reference/nmda_nest.py --install     # venv at /tmp/nest-venv
    /tmp/nest-venv/bin/python scripts/reference/nmda_nest.py
"""

import argparse
import json
import math
import os
import subprocess
import sys

NEST_PIN = "nest-simulator==3.10.0"
DEFAULT_VENV = "/tmp/nest-venv"
DTS = [0.1, 0.05, 0.025, 0.01]
T = 600.0
DELAY = 1.0
WEIGHTS = [60.0, 40.0, 50.0]
# A 100 Hz burst, a 20 Hz train, an irregular train (exponential intervals, mean 25 ms,
# from numpy's default_rng(1), on the 0.1 ms grid, none shorter than 3 ms).
PRE_TIMES = [
    [round(50.0 + 10.0 * k, 1) for k in range(20)],
    [round(5.0 + 50.0 * k, 1) for k in range(12)],
    None,
]
POST = {
    "E_L": -70.0,
    "V_th": -50.0,
    "V_reset": -55.0,
    "t_ref": 2.0,
    "C_m": 500.0,
    "g_L": 25.0,
}
NMDA = {"tau_rise_NMDA": 2.0, "tau_decay_NMDA": 100.0, "alpha": 0.5, "conc_Mg2": 1.0, "E_ex": 0.0}
PRE = {"E_L": -70.0, "V_reset": -70.0, "V_th": -50.0, "t_ref": 1.5, "tau_AMPA": 0.1, "C_m": 500.0, "g_L": 25.0}
DRIVE_DELAY = 1.0


def install_and_reexec(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", NEST_PIN, "numpy"])
    args = [a for a in sys.argv[1:] if a != "--install"]
    os.execv(py, [py, os.path.abspath(__file__)] + args)


def pre_times(np):
    rng = np.random.default_rng(1)
    irregular = []
    for t in np.round(np.cumsum(rng.exponential(25.0, 30)) + 20.0, 1).tolist():
        # At least 3 ms apart: the presynaptic neurons are refractory for 1.5 ms.
        if not irregular or t - irregular[-1] >= 3.0:
            irregular.append(t)
    out = [list(PRE_TIMES[0]), list(PRE_TIMES[1]), irregular]
    return [[t for t in ts if t < T - 40.0] for ts in out]


def run(nest, np, dt, times, model="iaf_bw_2001"):
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"resolution": dt})
    pre = nest.Create("iaf_bw_2001", len(times), params={**PRE, **NMDA})
    post = nest.Create(model, params={**POST, **NMDA})
    rec_pre = nest.Create("spike_recorder", {"time_in_steps": True})
    rec_post = nest.Create("spike_recorder", {"time_in_steps": True})
    vm = nest.Create("voltmeter", {"interval": dt})
    ampa = nest.GetDefaults("iaf_bw_2001")["receptor_types"]["AMPA"]
    nmda = nest.GetDefaults(model)["receptor_types"]["NMDA"]
    for i, ts in enumerate(times):
        # Arrives at the end of the step before t; the neuron crosses in the step ending at t.
        sg = nest.Create("spike_generator", {"spike_times": [round(t - DRIVE_DELAY - dt, 6) for t in ts]})
        nest.Connect(sg, pre[i], syn_spec={"weight": 500.0 / dt, "delay": DRIVE_DELAY, "receptor_type": ampa})
        nest.Connect(pre[i], post, syn_spec={"weight": WEIGHTS[i], "delay": DELAY, "receptor_type": nmda})
    nest.Connect(pre, rec_pre)
    nest.Connect(post, rec_post)
    nest.Connect(vm, post)
    nest.Simulate(T)
    ev = rec_pre.events
    senders, steps = np.asarray(ev["senders"]), np.asarray(ev["times"])
    got = [sorted(round(float(s) * dt, 6) for s in steps[senders == pre[i].global_id]) for i in range(len(times))]
    for i, (want, have) in enumerate(zip(times, got)):
        if len(want) != len(have) or any(abs(a - b) > 1e-9 for a, b in zip(want, have)):
            raise SystemExit(f"dt {dt}: presynaptic neuron {i} fired at {have}, wanted {want}")
    post_ms = sorted(round(float(s) * dt, 6) for s in rec_post.events["times"])
    v = vm.events
    return post_ms, np.asarray(v["times"]), np.asarray(v["V_m"])


def on_grid(np, t, v, grid_ms):
    """V at the times t = grid_ms * k (k >= 1) of a trace recorded every step."""
    k = np.rint(t / grid_ms)
    keep = np.abs(t - k * grid_ms) < 1e-9
    return v[keep]


def subthreshold_samples(post_spikes):
    """Samples of the 0.1 ms grid (from t = 0.1 ms) before the first postsynaptic spike,
    less 1 ms: the trace before any threshold crossing."""
    return int(round(post_spikes[0] / 0.1)) - 10


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--install", action="store_true", help="pip install nest-simulator 3.10 into --venv and re-exec there")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "reference", "nmda", "iaf_bw_2001.json"))
    a = ap.parse_args()
    if a.install:
        install_and_reexec(a.venv)
    import nest
    import numpy as np

    times = pre_times(np)
    runs = {dt: run(nest, np, dt, times) for dt in DTS}
    fine = DTS[-1]
    post_fine, t_fine, v_fine = runs[fine]
    v_ref = on_grid(np, t_fine, v_fine, 0.1)
    convergence = []
    for dt in DTS[:-1]:
        post, t, v = runs[dt]
        if len(post) != len(post_fine):
            raise SystemExit(f"dt {dt}: {len(post)} spikes, dt {fine}: {len(post_fine)}")
        d = np.abs(np.asarray(post) - np.asarray(post_fine))
        dv = on_grid(np, t, v, 0.1) - v_ref
        sub = subthreshold_samples(post_fine)
        convergence.append(
            {
                "dt_ms": dt,
                "max_abs_spike_shift_ms": float(d.max()),
                "mean_abs_spike_shift_ms": float(d.mean()),
                "rms_v_mv": float(math.sqrt(np.mean(dv**2))),
                "subthreshold_max_abs_v_mv": float(np.abs(dv[:sub]).max()),
            }
        )
    exact, _, _ = run(nest, np, fine, times, "iaf_bw_2001_exact")
    out = {
        "nest": nest.__version__,
        "nest_model": "iaf_bw_2001",
        "t_ms": T,
        "delay_ms": DELAY,
        "weights_ns": WEIGHTS,
        "pre_times_ms": times,
        "post_params": POST,
        "nmda_params": NMDA,
        "post_spikes_ms": {str(dt): runs[dt][0] for dt in DTS},
        "v_grid_ms": 0.1,
        "v_fine_mv": [round(float(x), 5) for x in v_ref],
        "subthreshold_samples": subthreshold_samples(post_fine),
        "fine_dt_ms": fine,
        "nest_dt_convergence": convergence,
        "exact_model_post_spikes_ms": exact,
    }
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        # One line per key: the lists stay on one line each.
        f.write("{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in out.items()) + "\n}\n")
    print(f"-> {os.path.relpath(a.out)}: {len(post_fine)} postsynaptic spikes at dt {fine} ms")
    for c in convergence:
        print(f"  dt {c['dt_ms']}: spike shift max {c['max_abs_spike_shift_ms']:.3f} mean "
              f"{c['mean_abs_spike_shift_ms']:.3f} ms, RMS V {c['rms_v_mv']:.4f} mV, subthreshold "
              f"max |dV| {c['subthreshold_max_abs_v_mv']:.2e} mV")
    d = np.asarray(exact[: len(post_fine)]) - np.asarray(post_fine[: len(exact)])
    print(f"  iaf_bw_2001_exact: {len(exact)} spikes, first {min(len(exact), len(post_fine))} shifted by "
          f"{d.mean():.2f} ms on average")


if __name__ == "__main__":
    main()
