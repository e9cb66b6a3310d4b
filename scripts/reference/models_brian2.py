#!/usr/bin/env python3
"""Reference spike times from Brian2 2.9.0 for catalogue models that NEST does not have.

Each model is written here in Brian2 from the published equations (the same paper as our
model file cites), with OUR default parameters (or one of our presets) and units, as an
independent implementation: Brian2's own fixed-step integrator (``rk4``) and Brian2's
runtime (numpy) code generation, no C++ compilation, except for the Izhikevich (2007) runs,
which go to very small steps and use Brian2's Cython target (the same generated code,
compiled; needs Cython and a C compiler). One neuron per model (and preset), driven through
three current steps, at four or more resolutions; the spike times go to
``reference/models_brian2/<name>.json``, and
``crates/neurons/tests/brian2_reference.rs`` runs the same protocol on our models with a
tolerance taken from Brian2's own convergence in dt (as ``nest_reference.rs`` does with NEST).

How to run
----------
    python3 scripts/reference/models_brian2.py --install     # venv at /tmp/brian2-venv
    python3 scripts/reference/models_brian2.py --install --only qif exp_if

Without --install the current python must already import brian2.

Protocol (all models)
---------------------
* one neuron, at our model's initial state (``v_init`` and gates at their steady state, or
  the rest, as our model file defines it);
* a stimulus current ``I``, in our model's input unit: 0 until 50 ms, then ``amps[0]`` on
  [50, 350) ms, ``amps[1]`` on [350, 650) ms, ``amps[2]`` on [650, 950) ms, 0 after, with
  amplitudes per model chosen from near rheobase to strong repetitive firing;
* simulated 1000 ms at resolutions 0.1, 0.05, 0.025 and 0.0125 ms, unless the model says
  otherwise (``resolutions``: connor_stevens from 0.05 ms, the Izhikevich (2007) runs down to
  0.00078125 ms); the finest run is the reference solution. A model whose Brian2 solution
  converges at first order only says ``first_order`` (written to the JSON; see the Rust test).

How the protocol lines up with ours: ``I`` is a parameter of the group, set at the start of
every step (``run_regularly(..., when="start")``) from a TimedArray of the protocol, so
Brian2 integrates the step [k dt, (k + 1) dt) with the protocol's value at k dt: the
current during [k dt, (k + 1) dt) is the value at k dt, with no delay. That is also how our
kernel is driven (``StepInput::current`` held over the step), so the Rust test passes the
protocol's value at k dt to step k. (NEST's step_current_generator instead acts one step
late; see ``models_nest.py``.)

Spike times: Brian2 checks the threshold after the state update of [t, t + dt) and records
the spike at t, the step's start; we report a spike at the end of the step in which it
happened, (k + 1) dt. ``runs`` holds Brian2's times plus dt (end of the step), so that both
sides use the same convention; ``runs_brian2_t`` holds the times as Brian2 recorded them.

Spike = threshold crossing as our model defines it: reset models (exp_if, qif,
izhikevich2007) use Brian2's threshold and reset; models without reset use an upward
crossing gated by a refractory condition, ``threshold='v > v_th', refractory='v > v_th'``
(one spike per crossing, no effect on the dynamics).

Output JSON: ``{"brian2": version, "model": name, "equations": str, "method": str,
"params": {...}, "input_unit": str, "amps": [...], "steps_ms": [[start, stop], ...],
"simtime_ms": 1000, "protocol": str, "runs": {"0.1": [spike times ms, end of step], ...},
"runs_brian2_t": {...}}``.
"""

import argparse
import json
import math
import os
import subprocess
import sys

BRIAN2_PIN = "brian2==2.9.0"
CYTHON_PIN = "cython==3.3.2"
DEFAULT_VENV = "/tmp/brian2-venv"
RESOLUTIONS = [0.1, 0.05, 0.025, 0.0125]
STEPS = [[50.0, 350.0], [350.0, 650.0], [650.0, 950.0]]
SIMTIME = 1000.0

PROTOCOL = (
    "I is set at the start of every step from the protocol (run_regularly, when='start'): "
    "the current during [k dt, (k+1) dt) is the protocol's value at k dt (no delay). Brian2 records a spike "
    "at the start t of the step whose update crossed the threshold; 'runs' = Brian2's "
    "times + dt (end of that step, our convention), 'runs_brian2_t' = as recorded."
)

# Every model: (equations, method, threshold, reset, refractory, params, initial state
# (expressions in the params), input unit, amplitudes). Time is in ms (every derivative is
# divided by `ms`), all quantities are plain numbers in our units.
MODELS = {}

# Wang & Buzsaki (1996) J. Neurosci. 16:6402, eqs. 1-3 and the rate functions; instantaneous
# m. Brian2's example frompapers/Wang_Buzsaki_1996 integrates it with exponential_euler, which
# is first order (its spike times would still move by the step at 0.0125 ms); rk4 is stable
# here at 0.1 ms (no fast m gate) and converges: 0.1 vs 0.0125 ms within 0.1 ms per spike.
MODELS["wang_buzsaki"] = dict(
    eqs="""
    dv/dt = (I - g_na*m_inf**3*h*(v - e_na) - g_k*n**4*(v - e_k) - g_l*(v - e_l))/c_m/ms : 1
    m_inf = alpha_m/(alpha_m + beta_m) : 1
    alpha_m = 1/exprel(-(v + 35)/10) : 1
    beta_m = 4*exp(-(v + 60)/18) : 1
    dh/dt = phi*(alpha_h*(1 - h) - beta_h*h)/ms : 1
    alpha_h = 0.07*exp(-(v + 58)/20) : 1
    beta_h = 1/(1 + exp(-(v + 28)/10)) : 1
    dn/dt = phi*(alpha_n*(1 - n) - beta_n*n)/ms : 1
    alpha_n = 0.1/exprel(-(v + 34)/10) : 1
    beta_n = 0.125*exp(-(v + 44)/80) : 1
    I : 1
    """,
    method="rk4",
    threshold="v > v_th",
    reset=None,
    refractory="v > v_th",
    params=dict(c_m=1.0, g_na=35.0, g_k=9.0, g_l=0.1, e_na=55.0, e_k=-90.0, e_l=-65.0,
                phi=5.0, v_th=0.0, v_init=-65.0),
    init="wang_buzsaki_rest",
    unit="uA/cm^2",
    amps=[0.5, 1.0, 2.0],
)

# Morris & Lecar (1981), in the form and with the type II parameter set of Rinzel &
# Ermentrout (1998) Table 7.1.
MODELS["morris_lecar"] = dict(
    eqs="""
    dv/dt = (I - g_l*(v - e_l) - g_ca*m_inf*(v - e_ca) - g_k*w*(v - e_k))/c_m/ms : 1
    m_inf = 0.5*(1 + tanh((v - v1)/v2)) : 1
    dw/dt = phi*cosh((v - v3)/(2*v4))*(0.5*(1 + tanh((v - v3)/v4)) - w)/ms : 1
    I : 1
    """,
    method="rk4",
    threshold="v > v_th",
    reset=None,
    refractory="v > v_th",
    params=dict(c_m=20.0, g_l=2.0, g_ca=4.4, g_k=8.0, e_l=-60.0, e_ca=120.0, e_k=-84.0,
                v1=-1.2, v2=18.0, v3=2.0, v4=30.0, phi=0.04, v_th=0.0, v_init=-60.855),
    init=lambda p: dict(v=p["v_init"], w=0.5 * (1 + math.tanh((p["v_init"] - p["v3"]) / p["v4"]))),
    unit="uA/cm^2",
    amps=[90.0, 130.0, 200.0],
)

# FitzHugh (1961), Nagumo et al. (1962), dimensionless form of Izhikevich & FitzHugh (2006)
# with model time t' = t / time_scale.
MODELS["fitzhugh_nagumo"] = dict(
    eqs="""
    dv/dt = (v - v**3/3 - w + I)/time_scale/ms : 1
    dw/dt = (v + a - b*w)/tau/time_scale/ms : 1
    I : 1
    """,
    method="rk4",
    threshold="v > v_th",
    reset=None,
    refractory="v > v_th",
    params=dict(a=0.7, b=0.8, tau=12.5, time_scale=1.0, v_th=1.0, v_init=-1.1994),
    init=lambda p: dict(v=p["v_init"], w=(p["v_init"] + p["a"]) / p["b"]),
    unit="1",
    amps=[0.35, 0.5, 1.0],
)

# Hindmarsh & Rose (1984) Proc. R. Soc. Lond. B 221:87, dimensionless, t' = t / time_scale.
# Initial state: the equilibrium at I = 0 (computed below, as our model does).
MODELS["hindmarsh_rose"] = dict(
    eqs="""
    dx/dt = (y - a*x**3 + b*x**2 - z + I)/time_scale/ms : 1
    dy/dt = (c - d*x**2 - y)/time_scale/ms : 1
    dz/dt = r*(s*(x - x_r) - z)/time_scale/ms : 1
    I : 1
    """,
    method="rk4",
    threshold="x > x_th",
    reset=None,
    refractory="x > x_th",
    params=dict(a=1.0, b=3.0, c=1.0, d=5.0, r=0.001, s=4.0, x_r=-1.6, time_scale=1.0,
                x_th=1.0),
    init="hindmarsh_rose_rest",
    unit="1",
    amps=[1.5, 2.0, 3.0],
)

# Fourcaud-Trocme et al. (2003) exponential integrate-and-fire, NEST aeif names and defaults
# without adaptation. The exponential reads min(v, v_peak), as ours (and NEST's) does, so
# that the rk4 stages of the step that crosses v_peak stay finite.
# Not compared any more (brian2_reference.rs says why): Brian2 resets at the end of its step,
# so these data converge at first order and had not at 0.0125 ms; exp_if is compared with
# NEST's aeif_psc_delta with a = b = 0 instead (models_nest.py, "aeif_psc_delta_eif").
MODELS["exp_if"] = dict(
    eqs="""
    dv/dt = (-g_l*(v - e_l) + g_l*delta_t*exp((clip(v, -1e9, v_peak) - v_t)/delta_t) + I)/c_m/ms : 1
    I : 1
    """,
    method="rk4",
    threshold="v >= v_peak",
    reset="v = v_reset",
    refractory=None,
    params=dict(c_m=281.0, g_l=30.0, e_l=-70.6, v_t=-50.4, delta_t=2.0, v_peak=0.0,
                v_reset=-60.0, v_init=-70.6),
    init=lambda p: dict(v=p["v_init"]),
    unit="pA",
    amps=[600.0, 800.0, 1200.0],
)

# Quadratic integrate-and-fire, Latham et al. (2000), Gerstner et al. (2014) sec. 5.3:
# tau_m dV/dt = a (V - V_rest)(V - V_c) + R I, R I in mV = r_m (MOhm) I (pA) / 1000.
MODELS["qif"] = dict(
    eqs="""
    dv/dt = (a*(v - v_rest)*(v - v_c) + r_m*I/1000)/tau_m/ms : 1
    I : 1
    """,
    method="rk4",
    threshold="v >= v_peak",
    reset="v = v_reset",
    refractory=None,
    params=dict(tau_m=10.0, a=0.07, v_rest=-65.0, v_c=-50.0, r_m=10.0, v_peak=-30.0,
                v_reset=-68.0, v_init=-65.0),
    init=lambda p: dict(v=p["v_init"]),
    unit="pA",
    amps=[450.0, 1000.0, 2000.0],
)

# Connor & Stevens (1971) / Connor, Walter & McKown (1977) in the form and with the
# parameters of Dayan & Abbott (2001) sec. 6.2 and appendix A (per cm^2). rk4 at 0.05 ms and
# finer. Why not Brian2's exponential_euler, as its Hodgkin-Huxley-type examples: it is
# first order here, and its spike count had not converged at 0.0125 ms (105, 112, 116, 117
# spikes at 0.1 ... 0.0125 ms; rk4 at 0.05 ... 0.00625 ms gives 119 at every step, with the
# spike times within 0.03 ms of each other). Why not 0.1 ms: rk4 is unstable there (the m
# gate's time constant near the spike is a few hundredths of a ms) and the run goes to NaN.
_CS_RATES = """
    alpha_m = 3.8/exprel(-0.1*(v + 29.7)) : 1
    beta_m = 15.2*exp(-0.0556*(v + 54.7)) : 1
    alpha_h = 0.266*exp(-0.05*(v + 48)) : 1
    beta_h = 3.8/(1 + exp(-0.1*(v + 18))) : 1
    alpha_n = 0.2/exprel(-0.1*(v + 45.7)) : 1
    beta_n = 0.25*exp(-0.0125*(v + 55.7)) : 1
    a_inf = (0.0761*exp(0.0314*(v + 94.22))/(1 + exp(0.0346*(v + 1.17))))**(1.0/3.0) : 1
    tau_a = 0.3632 + 1.158/(1 + exp(0.0497*(v + 55.96))) : 1
    b_inf = (1 + exp(0.0688*(v + 53.3)))**(-4) : 1
    tau_b = 1.24 + 2.678/(1 + exp(0.0624*(v + 50))) : 1
"""
MODELS["connor_stevens"] = dict(
    eqs="""
    dv/dt = (I - g_l*(v - e_l) - g_na*m**3*h*(v - e_na) - g_k*n**4*(v - e_k)
             - g_a*a**3*b*(v - e_a))/c_m/ms : 1
    dm/dt = (alpha_m*(1 - m) - beta_m*m)/ms : 1
    dh/dt = (alpha_h*(1 - h) - beta_h*h)/ms : 1
    dn/dt = (alpha_n*(1 - n) - beta_n*n)/ms : 1
    da/dt = (a_inf - a)/tau_a/ms : 1
    db/dt = (b_inf - b)/tau_b/ms : 1
    I : 1
    """ + _CS_RATES,
    method="rk4",
    resolutions=[0.05, 0.025, 0.0125, 0.00625],
    threshold="v > v_th",
    reset=None,
    refractory="v > v_th",
    params=dict(c_m=1.0, g_na=120.0, g_k=20.0, g_a=47.7, g_l=0.3, e_na=55.0, e_k=-72.0,
                e_a=-75.0, e_l=-17.0, v_th=0.0, v_init=-68.0),
    init="connor_stevens_rest",
    unit="uA/cm^2",
    amps=[10.0, 20.0, 40.0],
)

# Izhikevich (2007) Dynamical Systems in Neuroscience, eqs. 8.5-8.6 as the book writes them
# (C dv/dt = k (v - v_r)(v - v_t) - u + I, du/dt = a (b (v - v_r) - u); v >= v_peak: v = c,
# u += d), the RS cell of Fig. 8.12 (our defaults), and the IB (Fig. 8.19) and CH (Fig. 8.23)
# cells (our presets intrinsically_bursting and chattering; the values as in our model file,
# which the Rust test checks against these). u starts at b (v_init - v_r), as ours.
# Brian2 resets at the end of the step in which v crossed v_peak: its spike times converge at
# first order only (the RS train at 0.025 ms is still 0.03 ms from the one at 0.0125 ms, and
# more for the bursts), so these go on halving the step to 0.00078125 ms and say so
# ("first_order": the Rust test adds the finest run's change from the run at twice its step
# to each spike's allowance). They run in Brian2's Cython target (the same generated
# integration code, compiled: the numpy target would take hours for 1.3 million steps on
# these machines).
IZHIKEVICH2007_EQS = """
    dv/dt = (k*(v - v_r)*(v - v_t) - u + I)/c_m/ms : 1
    du/dt = a*(b*(v - v_r) - u)/ms : 1
    I : 1
    """
IZHIKEVICH2007_RESOLUTIONS = RESOLUTIONS + [0.00625, 0.003125, 0.0015625, 0.00078125]
for _name, _params, _amps in [
    ("izhikevich2007", dict(c_m=100.0, k=0.7, v_r=-60.0, v_t=-40.0, v_peak=35.0, a=0.03, b=-2.0,
                            c=-50.0, d=100.0, v_init=-60.0), [70.0, 150.0, 300.0]),
    ("izhikevich2007_intrinsically_bursting",
     dict(c_m=150.0, k=1.2, v_r=-75.0, v_t=-45.0, v_peak=50.0, a=0.01, b=5.0, c=-56.0, d=130.0,
          v_init=-75.0), [300.0, 500.0, 700.0]),
    ("izhikevich2007_chattering",
     dict(c_m=50.0, k=1.5, v_r=-60.0, v_t=-40.0, v_peak=25.0, a=0.03, b=1.0, c=-40.0, d=150.0,
          v_init=-60.0), [200.0, 400.0, 600.0]),
]:
    MODELS[_name] = dict(
        eqs=IZHIKEVICH2007_EQS,
        method="rk4",
        resolutions=IZHIKEVICH2007_RESOLUTIONS,
        first_order=True,
        target="cython",
        threshold="v >= v_peak",
        reset="v = c; u += d",
        refractory=None,
        params=_params,
        init=lambda p: dict(v=p["v_init"], u=p["b"] * (p["v_init"] - p["v_r"])),
        unit="pA",
        amps=_amps,
    )


def install_and_reexec(venv):
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    # Brian2 2.9.0 uses ndarray.ptp, which numpy 2.4 removed. Cython: the Izhikevich (2007)
    # runs' code generation target.
    subprocess.check_call([py, "-m", "pip", "install", "-q", BRIAN2_PIN, "numpy<2", CYTHON_PIN])
    args = [a for a in sys.argv[1:] if a != "--install"]
    os.execv(py, [py, os.path.abspath(__file__)] + args)


def initial_state(name, spec):
    """Initial values of the state variables, as our model file defines them."""
    import numpy as np

    p = spec["params"]
    if spec["init"] == "hindmarsh_rose_rest":
        # Equilibrium at I = 0: root of -a x^3 + (b - d) x^2 - s x + c + s x_r (Newton from x_r).
        g = lambda x: -p["a"] * x**3 + (p["b"] - p["d"]) * x**2 - p["s"] * x + p["c"] + p["s"] * p["x_r"]
        dg = lambda x: -3 * p["a"] * x**2 + 2 * (p["b"] - p["d"]) * x - p["s"]
        x = p["x_r"]
        for _ in range(100):
            x -= g(x) / dg(x)
        return dict(x=x, y=p["c"] - p["d"] * x**2, z=p["s"] * (x - p["x_r"]))
    if spec["init"] == "connor_stevens_rest":
        v = p["v_init"]
        ex = lambda x: x / np.expm1(x)
        am, bm = 3.8 * ex(-0.1 * (v + 29.7)), 15.2 * np.exp(-0.0556 * (v + 54.7))
        ah, bh = 0.266 * np.exp(-0.05 * (v + 48)), 3.8 / (1 + np.exp(-0.1 * (v + 18)))
        an, bn = 0.2 * ex(-0.1 * (v + 45.7)), 0.25 * np.exp(-0.0125 * (v + 55.7))
        a_inf = (0.0761 * np.exp(0.0314 * (v + 94.22)) / (1 + np.exp(0.0346 * (v + 1.17)))) ** (1 / 3)
        b_inf = (1 + np.exp(0.0688 * (v + 53.3))) ** -4
        return dict(v=v, m=am / (am + bm), h=ah / (ah + bh), n=an / (an + bn), a=a_inf, b=b_inf)
    if spec["init"] == "wang_buzsaki_rest":
        v = p["v_init"]
        ah, bh = 0.07 * math.exp(-(v + 58) / 20), 1 / (1 + math.exp(-(v + 28) / 10))
        an, bn = 0.1 * (-(v + 34) / 10) / math.expm1(-(v + 34) / 10), 0.125 * math.exp(-(v + 44) / 80)
        return dict(v=v, h=ah / (ah + bh), n=an / (an + bn))
    return spec["init"](p)


def run(b2, name, spec, resolution):
    b2.start_scope()
    b2.prefs.codegen.target = spec.get("target", "numpy")
    b2.defaultclock.dt = resolution * b2.ms
    ns = dict(spec["params"])
    kwargs = dict(method=spec["method"], namespace=ns)
    if spec["threshold"]:
        kwargs["threshold"] = spec["threshold"]
    if spec["reset"]:
        kwargs["reset"] = spec["reset"]
    if spec["refractory"]:
        kwargs["refractory"] = spec["refractory"]
    g = b2.NeuronGroup(1, spec["eqs"], **kwargs)
    for var, value in initial_state(name, spec).items():
        setattr(g, var, value)
    mon = b2.SpikeMonitor(g)
    # The protocol as a TimedArray on a 50 ms grid (every change is at a multiple of 50 ms),
    # read into the parameter I at the start of every step: I is constant over the step and
    # the current during [k dt, (k + 1) dt) is the protocol's value at k dt. (Reading the
    # TimedArray inside the equations instead would let rk4's later stages, at t + dt/2 and
    # t + dt, see a change one step early.)
    grid = 50.0
    values = [0.0] * int(round(SIMTIME / grid))
    for (start, stop), amp in zip(STEPS, spec["amps"]):
        for j in range(int(round(start / grid)), int(round(stop / grid))):
            values[j] = amp
    ns["stimulus"] = b2.TimedArray(values, dt=grid * b2.ms)
    g.run_regularly("I = stimulus(t)", when="start")
    net = b2.Network(g, mon)
    net.run(SIMTIME * b2.ms, namespace=ns)
    recorded = sorted(float(x / b2.ms) for x in mon.t)
    return recorded


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--install", action="store_true", help="pip install brian2 2.9.0 into --venv and re-exec there")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--only", nargs="*", help="models to run (default: all)")
    ap.add_argument("--resolutions", nargs="*", type=float, default=RESOLUTIONS,
                    help="for models that do not set their own")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "reference", "models_brian2"))
    a = ap.parse_args()
    if a.install:
        install_and_reexec(a.venv)
    import brian2 as b2

    b2.prefs.codegen.target = "numpy"
    b2.BrianLogger.log_level_error()
    os.makedirs(a.out, exist_ok=True)
    for name in a.only or MODELS:
        spec = MODELS[name]
        runs, raw = {}, {}
        for res in spec.get("resolutions", a.resolutions):
            recorded = run(b2, name, spec, res)
            raw[repr(res)] = recorded
            runs[repr(res)] = [round(x + res, 10) for x in recorded]
        out = {
            "brian2": b2.__version__,
            "model": name,
            "equations": " ".join(spec["eqs"].split()),
            "method": spec["method"],
            "codegen_target": spec.get("target", "numpy"),
            "threshold": spec["threshold"],
            "reset": spec["reset"],
            "refractory": spec["refractory"],
            "params": spec["params"],
            "initial_state": {k: (v if isinstance(v, str) else float(v)) for k, v in initial_state(name, spec).items()},
            "input_unit": spec["unit"],
            "amps": spec["amps"],
            "steps_ms": STEPS,
            "simtime_ms": SIMTIME,
            "protocol": PROTOCOL,
            "runs": runs,
            "runs_brian2_t": raw,
        }
        if spec.get("first_order"):
            out["first_order"] = True
        path = os.path.join(a.out, f"{name}.json")
        with open(path, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")
        counts = {k: len(v) for k, v in runs.items()}
        print(f"{name}: spikes per resolution {counts} -> {os.path.relpath(path)}", flush=True)


if __name__ == "__main__":
    main()
