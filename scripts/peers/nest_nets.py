#!/usr/bin/env python3
"""The benchmark networks in NEST 3.10: one run, one JSON line.

    python scripts/peers/nest_nets.py --net brunel|cuba|coba|stdp [--threads N] [--seed S]
                                       [--duration SECONDS]

Needs a python that imports nest (``cargo xtask bench --peers`` makes /tmp/peers-venv).

The networks (parameters in peers_common.py):

* brunel: iaf_psc_delta, built in the order of NEST's brunel_delta_nest.py (as
  scripts/reference/brunel_nest.py does): fixed in-degree 1000 + 250 (autapses and multapses
  allowed), one poisson_generator (20 kHz) to every neuron, delay 1.5 ms, V_m(0) = 0.
* cuba: iaf_psc_exp with C_m = tau_m * 1 pF/ms = 20 pF, so that R = tau_m / C_m = 1 GOhm and a
  weight of w pA is Brian's jump of w mV in ge; E_L -49 mV (above V_th -50 mV), V_reset
  -60 mV, t_ref 5 ms, tau_syn 5 / 10 ms, weights 1.62 pA / -9 pA, pairwise_bernoulli
  p = 0.02 (autapses allowed), delay 0.1 ms, V_m(0) uniform in [-60, -50).
* coba: iaf_cond_exp with C_m 200 pF, g_L 10 nS, E_L = V_reset = -60 mV, V_th -50 mV, t_ref
  5 ms, E_ex 0 mV, E_in -80 mV, tau_syn 5 / 10 ms, weights 6 nS / -67 nS (NEST's sign
  convention for inhibition), pairwise_bernoulli p = 0.02, delay 0.1 ms, V_m(0) ~ N(-65, 5)
  mV, g_ex(0) ~ N(40, 15) nS, g_in(0) ~ N(200, 120) nS (Brette's initial state).
* stdp: n_inputs parrot_neurons, each repeating its own train of one poisson_generator
  (15 Hz; a generator sends an independent train to each target), onto n_post iaf_cond_exp
  (C_m = tau_m g_L = 100 pF, g_L 10 nS, E_L -74 mV, V_th -54 mV, V_reset = V_m(0) = -60 mV,
  t_ref 0, E_ex 0 mV, tau_syn_ex 5 ms) all to all through stdp_synapse made additive
  (mu_plus = mu_minus = 0): lambda = dApre / gmax = 0.01, alpha = 1.05 tau_pre / tau_post,
  tau_plus 20 ms, tau_minus (a neuron parameter) 20 ms, Wmax = gmax g_L = 0.1 nS, initial
  weights uniform in [0, Wmax), delay 0.1 ms. The spikes counted are the parrots' and the
  post neurons'; ``synapses`` counts the plastic ones.

Every neuron's spikes are recorded (spike_recorder to memory), as our CLI records them all.

Timing: ``build_s`` is from ResetKernel to the end of nest.Prepare() (Create, Connect and the
connection infrastructure NEST builds before the first update), ``sim_s`` is nest.Run()
alone. Memory: ``peak_rss_bytes`` is the process's ru_maxrss (Python + NEST);
``synapse_rss_bytes`` is VmRSS after Prepare() minus VmRSS just before the recurrent Connect
calls, an estimate of the memory the recurrent synapses cost (NEST's connection objects,
source and target tables); ``bytes_per_synapse`` divides it by the recurrent synapse count.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers_common as pc  # noqa: E402


def build_brunel(nest, p):
    b = pc.brunel_params()
    neuron = {"C_m": b["C_m"], "tau_m": b["tau_m"], "t_ref": b["t_ref"], "E_L": b["E_L"],
              "V_reset": b["V_reset"], "V_m": b["V_m_init"], "V_th": b["V_th"]}
    ex = nest.Create("iaf_psc_delta", b["NE"], params=neuron)
    inh = nest.Create("iaf_psc_delta", b["NI"], params=neuron)
    noise = nest.Create("poisson_generator", params={"rate": b["p_rate_hz"]})
    rec = nest.Create("spike_recorder", params={"record_to": "memory"})
    nest.CopyModel("static_synapse", "excitatory", {"weight": b["J"], "delay": b["delay"]})
    nest.CopyModel("static_synapse", "inhibitory", {"weight": b["J_in"], "delay": b["delay"]})
    nest.Connect(noise, ex, syn_spec="excitatory")
    nest.Connect(noise, inh, syn_spec="excitatory")
    nest.Connect(ex + inh, rec)
    rss0 = pc.rss_bytes()
    nest.Connect(ex, ex + inh, {"rule": "fixed_indegree", "indegree": b["CE"]}, "excitatory")
    nest.Connect(inh, ex + inh, {"rule": "fixed_indegree", "indegree": b["CI"]}, "inhibitory")
    n_syn = (b["NE"] + b["NI"]) * (b["CE"] + b["CI"])
    return ex, inh, rec, rss0, n_syn


def build_cuba(nest, p):
    c = pc.CUBA
    neuron = {"C_m": c["tau_m"], "tau_m": c["tau_m"], "E_L": c["e_l"], "V_th": c["v_th"],
              "V_reset": c["v_reset"], "t_ref": c["t_ref"], "tau_syn_ex": c["tau_e"],
              "tau_syn_in": c["tau_i"], "I_e": 0.0}
    ex = nest.Create("iaf_psc_exp", c["n_exc"], params=neuron)
    inh = nest.Create("iaf_psc_exp", c["n_inh"], params=neuron)
    (ex + inh).V_m = nest.random.uniform(min=c["v_reset"], max=c["v_th"])
    rec = nest.Create("spike_recorder", params={"record_to": "memory"})
    nest.Connect(ex + inh, rec)
    rss0 = pc.rss_bytes()
    conn = {"rule": "pairwise_bernoulli", "p": c["p"], "allow_autapses": True}
    nest.Connect(ex, ex + inh, conn, {"weight": c["we"], "delay": c["delay"]})
    nest.Connect(inh, ex + inh, conn, {"weight": c["wi"], "delay": c["delay"]})
    return ex, inh, rec, rss0, None


def build_coba(nest, p):
    c = pc.COBA
    neuron = {"C_m": c["c_m"], "g_L": c["g_l"], "E_L": c["e_l"], "V_th": c["v_th"],
              "V_reset": c["v_reset"], "t_ref": c["t_ref"], "E_ex": c["e_exc"],
              "E_in": c["e_inh"], "tau_syn_ex": c["tau_e"], "tau_syn_in": c["tau_i"],
              "I_e": 0.0}
    ex = nest.Create("iaf_cond_exp", c["n_exc"], params=neuron)
    inh = nest.Create("iaf_cond_exp", c["n_inh"], params=neuron)
    allp = ex + inh
    allp.V_m = nest.random.normal(mean=c["v0_mean"], std=c["v0_sd"])
    allp.g_ex = nest.random.normal(mean=c["ge0_mean"], std=c["ge0_sd"])
    allp.g_in = nest.random.normal(mean=c["gi0_mean"], std=c["gi0_sd"])
    rec = nest.Create("spike_recorder", params={"record_to": "memory"})
    nest.Connect(allp, rec)
    rss0 = pc.rss_bytes()
    conn = {"rule": "pairwise_bernoulli", "p": c["p"], "allow_autapses": True}
    nest.Connect(ex, allp, conn, {"weight": c["we"], "delay": c["delay"]})
    nest.Connect(inh, allp, conn, {"weight": -c["wi"], "delay": c["delay"]})
    return ex, inh, rec, rss0, None


def build_stdp(nest, p):
    c = pc.STDP
    n_in, n_post = c["n_inputs"], c["n_post"]
    # Parrots first, post neurons next: consecutive node ids (the statistics need that).
    parrots = nest.Create("parrot_neuron", n_in)
    post = nest.Create("iaf_cond_exp", n_post, params={
        "C_m": c["tau_m"] * c["g_l"], "g_L": c["g_l"], "E_L": c["e_l"], "V_th": c["v_th"],
        "V_reset": c["v_reset"], "V_m": c["v_reset"], "t_ref": 0.0, "E_ex": c["e_exc"],
        "tau_syn_ex": c["tau_e"], "I_e": 0.0, "tau_minus": c["tau_post"]})
    gen = nest.Create("poisson_generator", params={"rate": c["rate_hz"]})
    nest.Connect(gen, parrots)
    rec = nest.Create("spike_recorder", params={"record_to": "memory"})
    nest.Connect(parrots + post, rec)
    w_max = c["gmax"] * c["g_l"]
    nest.CopyModel("stdp_synapse", "stdp_song", {
        "tau_plus": c["tau_pre"], "lambda": c["a_pre"],
        "alpha": c["b"] * c["tau_pre"] / c["tau_post"], "mu_plus": 0.0, "mu_minus": 0.0,
        "Wmax": w_max})
    rss0 = pc.rss_bytes()
    nest.Connect(parrots, post, "all_to_all",
                 {"synapse_model": "stdp_song", "delay": c["delay"],
                  "weight": nest.random.uniform(min=0.0, max=w_max)})
    return parrots, post, rec, rss0, n_in * n_post


BUILD = {"brunel": build_brunel, "cuba": build_cuba, "coba": build_coba, "stdp": build_stdp}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--net", choices=pc.NETS, required=True)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--duration", type=float, default=1.0, help="simulated seconds")
    a = ap.parse_args()

    import numpy as np
    import nest

    nest.ResetKernel()
    if hasattr(nest, "VerbosityLevel"):
        nest.verbosity = nest.VerbosityLevel.WARNING
    else:
        nest.set_verbosity("M_WARNING")
    t0 = time.time()
    nest.local_num_threads = a.threads
    nest.rng_seed = a.seed
    nest.resolution = pc.DT_MS
    ex, inh, rec, rss0, n_syn = BUILD[a.net](nest, a)
    if n_syn is None:
        # Recurrent synapses only (not the recorder's or the Poisson generator's).
        n_syn = nest.GetKernelStatus("num_connections") - len(ex) - len(inh)
    nest.Prepare()
    t1 = time.time()
    syn_rss = pc.rss_bytes() - rss0
    nest.Run(a.duration * 1000.0)
    t2 = time.time()
    nest.Cleanup()

    ev = rec.get("events")
    first = ex[0].global_id
    n_exc, n = len(ex), len(ex) + len(inh)
    stats = pc.spike_stats(np, np.asarray(ev["senders"]) - first, ev["times"], n_exc, n,
                           a.duration)
    rec_out = {
        "simulator": "nest", "version": nest.__version__, "net": a.net, "seed": a.seed,
        "threads": a.threads, "duration_s": a.duration, "dt_ms": pc.DT_MS,
        "neurons": n, "synapses": int(n_syn),
        "build_s": t1 - t0, "compile_s": 0.0, "sim_s": t2 - t1,
        "peak_rss_bytes": pc.peak_rss_bytes(), "synapse_rss_bytes": syn_rss,
        "bytes_per_synapse": syn_rss / n_syn if n_syn else None,
    }
    rec_out.update(stats)
    pc.emit(rec_out)


if __name__ == "__main__":
    main()
