//! Benchmark 1 of Brette et al. (2007) J Comput Neurosci 23:349, "COBA": the Vogels & Abbott
//! (2005) J Neurosci 25:10786 network of 4,000 leaky integrate-and-fire neurons (3,200
//! excitatory, 800 inhibitory) with random connectivity p = 0.02 and exponentially decaying
//! synaptic conductances.
//!
//! Brian2's examples hold no LIF COBA script (only CUBA.py and COBAHH.py, benchmark 3); the
//! Brian implementation of benchmark 1 is R. Brette's `examples/COBA.py` of Brian 1 (the
//! reference implementation of the review), which `scripts/peers/` ports to Brian2:
//!
//! ```text
//! dv/dt   = (-(v - El) + ge (Ee - v) + gi (Ei - v)) / taum   (conductances in units of g_L)
//! dge/dt  = -ge / taue,  dgi/dt = -gi / taui
//! taum 20 ms, taue 5 ms, taui 10 ms, El = Vr = -60 mV, Vt = -50 mV, Ee = 0 mV, Ei = -80 mV,
//! refractory 5 ms, we = 6/10, wi = 67/10 (of g_L), p = 0.02 (autapses allowed)
//! P.v = El + (randn() * 5 - 5) mV, i.e. normal with mean -65 mV and sd 5 mV
//! ```
//!
//! With g_L = 10 nS (C_m = 200 pF, tau_m = 20 ms) the weights are the review's
//! Δg_e = 6 nS and Δg_i = 67 nS, the values of NEST's own version
//! (`examples/pynest/brette_et_al_2007/coba.py`, shipped with NEST 3.10: `iaf_cond_exp`,
//! the same neuron parameters, delay 0.1 ms) and of brian2cuda's benchmarks. There is no
//! external input: the activity sustains itself. (NEST's version differs in two points: a
//! fixed in-degree of 64 + 16 instead of p = 0.02, and it ignites the activity with a 300 Hz
//! Poisson input to 50 neurons during 1–51 ms instead of random initial conductances.)
//!
//! # Mapping onto `lif` with conductance synapses
//!
//! `lif` is `tau_m dV/dt = -(V - E_L) + R I` with `R = tau_m / c_m`; a `conductance` synapse
//! adds its weight (nS) to g, which decays with `tau_syn`, and injects `I = g (e_rev - V)`
//! (pA). With **c_m = tau_m · g_L** (200 pF), `R = 1 / g_L` and the equation is Brian's with
//! ge = g / g_L. The current of a step is taken from g's mean over the step and V at its
//! start (Brian integrates this model with forward Euler at the same dt, from g at the start
//! of the step; NEST's `iaf_cond_exp` with an adaptive RK45).
//!
//! # Differences from Brette's script (all of them)
//!
//! * **Initial conductances** as Brette sets them: ge ~ N(4, 1.5) g_L and gi ~ N(20, 12) g_L
//!   at t = 0 (`Network::set_initial_synaptic_state`, in nS: g_L times Brette's numbers;
//!   about 5 % of the gi values are negative: those neurons are driven hard at the start,
//!   and it is they that reliably ignite the self-sustained activity; from zero
//!   conductances it dies out within milliseconds in about a third of the runs: seeds 1–12
//!   with a 0.1 ms delay, Brian2 3 of 12, ours 5 of 12). `--set ge0_mean=0 --set ge0_sd=0
//!   --set gi0_mean=0 --set gi0_sd=0` starts from zero conductances.
//! * **Delay 0.1 ms** (one step) instead of Brian's zero delay (our minimum is one step, as
//!   NEST's); the peers use 0.1 ms.
//! * Initial potentials come from `RngStream(seed, InitialState, 0, global neuron id)` (Box–
//!   Muller normals; per neuron: v, then ge, then gi), connectivity from the `random` topology's per-row streams: the same
//!   distributions as Brian's, other numbers.
//! * `i_e` (default 0) is settable: `--set i_e=200` gives the variant with a 20 mV drive that
//!   ANNarchy's and BrainPy's COBA use.

use crate::cuba::{ei_network, initial_values};
use crate::define::*;
use crate::reproduce::{mean_cv, rate_hz};
use sc_neurocore_core::{Result, RngStream};
use sc_neurocore_runner::{Network, SynapseKind};

crate::zoo_network! {
    /// Parameters of the COBA network (units as in [`COBA`]'s metadata).
    params: CobaParams,
    /// The zoo entry.
    entry: COBA,
    name: "coba",
    summary: "Brette et al. (2007) benchmark 1 (COBA): Vogels & Abbott (2005) network of 3,200 \
              excitatory + 800 inhibitory LIF neurons, p = 0.02, exponential conductance \
              synapses (6 nS to 0 mV / 67 nS to -80 mV, tau 5 / 10 ms), self-sustained, as \
              Brette's Brian COBA.py with its random initial potentials and conductances; \
              delay 0.1 ms.",
    default_run: (1.0, 1e-4),
    build: coba,
    fields: {
        n_exc: usize = ("1", 3200.0, Closed(1.0, 1e9), "excitatory neurons"),
        n_inh: usize = ("1", 800.0, Closed(1.0, 1e9), "inhibitory neurons"),
        p: f64 = ("1", 0.02, Closed(0.0, 1.0), "connection probability of every (source, target) pair"),
        we: f64 = ("nS", 6.0, NonNegative, "excitatory conductance jump (0.6 g_L)"),
        wi: f64 = ("nS", 67.0, NonNegative, "inhibitory conductance jump (6.7 g_L)"),
        g_l: f64 = ("nS", 10.0, Positive, "leak conductance (c_m = tau_m g_l)"),
        tau_m: f64 = ("ms", 20.0, Positive, "membrane time constant"),
        tau_e: f64 = ("ms", 5.0, Positive, "excitatory synaptic time constant"),
        tau_i: f64 = ("ms", 10.0, Positive, "inhibitory synaptic time constant"),
        e_exc: f64 = ("mV", 0.0, Finite, "excitatory reversal potential"),
        e_inh: f64 = ("mV", -80.0, Finite, "inhibitory reversal potential"),
        e_l: f64 = ("mV", -60.0, Finite, "resting potential"),
        v_th: f64 = ("mV", -50.0, Finite, "threshold"),
        v_reset: f64 = ("mV", -60.0, Finite, "reset potential"),
        t_ref: f64 = ("ms", 5.0, NonNegative, "refractory period"),
        i_e: f64 = ("pA", 0.0, Finite, "constant external current (200 pA: ANNarchy's/BrainPy's driven variant)"),
        v0_mean: f64 = ("mV", -65.0, Finite, "mean of the normal initial potentials"),
        v0_sd: f64 = ("mV", 5.0, NonNegative, "standard deviation of the initial potentials"),
        ge0_mean: f64 = ("nS", 40.0, Finite, "mean initial excitatory conductance (4 g_L)"),
        ge0_sd: f64 = ("nS", 15.0, NonNegative, "sd of the initial excitatory conductance (1.5 g_L)"),
        gi0_mean: f64 = ("nS", 200.0, Finite, "mean initial inhibitory conductance (20 g_L)"),
        gi0_sd: f64 = ("nS", 120.0, NonNegative, "sd of the initial inhibitory conductance (12 g_L); all four 0: zero conductances"),
        delay: f64 = ("ms", 0.1, NonNegative, "synaptic delay (rounded to steps, at least one)"),
    },
    small: { n_exc: 160.0, n_inh: 40.0, p: 0.1 },
    reproduces: Reproduction {
        paper: "Brette et al. (2007) J Comput Neurosci 23:349, benchmark 1 (Vogels & Abbott 2005 \
                J Neurosci 25:10786), as Brette's Brian COBA.py",
        settings: &[],
        run: (1.0, 1e-4),
        note: "",
        window: (0.5, 1.0),
        statistics: &[
            Statistic {
                name: "rate of exc",
                unit: "Hz",
                definition: "spikes of the excitatory neurons / (n × duration)",
                published: Some(18.81),
                source: "Brian2 2.9 running the same network, seeds 1-3: 18.8 ± 1.4 Hz (NEST \
                         3.10: 18.6 ± 1.1 Hz; reference/peers/coba.json; the papers give no \
                         rate)",
                measure: |o| rate_hz(o, o.spikes("exc")?, None, 0.0, f64::INFINITY),
            },
            Statistic {
                name: "ISI CV of exc",
                unit: "1",
                definition: "mean over excitatory neurons with at least 3 spikes of std(ISI) / \
                             mean(ISI)",
                published: Some(1.52),
                source: "Brian2 2.9, seeds 1-3: 1.52 ± 0.07 (NEST 3.10: 1.50 ± 0.04)",
                measure: |o| mean_cv(o, o.spikes("exc")?, 0.0, f64::INFINITY),
            },
        ],
    },
}

/// Builds the COBA network.
pub fn coba(p: &CobaParams, seed: u64) -> Result<Network> {
    let lif = [
        ("tau_m", p.tau_m.into()),
        // R = tau_m / c_m = 1 / g_L: Brian's ge (in units of g_L) is g / g_L.
        ("c_m", (p.tau_m * p.g_l).into()),
        ("e_l", p.e_l.into()),
        ("v_th", p.v_th.into()),
        ("v_reset", p.v_reset.into()),
        ("t_ref", p.t_ref.into()),
        ("i_e", p.i_e.into()),
    ];
    // Per neuron, one stream: v, then ge, then gi.
    let draw = |rng: &mut RngStream| {
        let v = p.v0_mean + p.v0_sd * rng.normal();
        let ge = p.ge0_mean + p.ge0_sd * rng.normal();
        let gi = p.gi0_mean + p.gi0_sd * rng.normal();
        (v, ge, gi)
    };
    let init_e = initial_values(seed, 0, p.n_exc, draw);
    let init_i = initial_values(seed, p.n_exc, p.n_inh, draw);
    let v_of = |x: &[(f64, f64, f64)]| x.iter().map(|t| t.0).collect::<Vec<_>>();
    let exc_kind = SynapseKind::Conductance {
        tau_syn: p.tau_e * 1e-3,
        e_rev: p.e_exc,
    };
    let inh_kind = SynapseKind::Conductance {
        tau_syn: p.tau_i * 1e-3,
        e_rev: p.e_inh,
    };
    let mut net = ei_network(
        seed,
        (p.n_exc, p.n_inh),
        &lif,
        (v_of(&init_e), v_of(&init_i)),
        p.p,
        (p.we, exc_kind),
        (p.wi, inh_kind),
        p.delay,
    )?;
    if [p.ge0_mean, p.ge0_sd, p.gi0_mean, p.gi0_sd]
        .iter()
        .any(|&x| x != 0.0)
    {
        for (pop, values) in [(0, &init_e), (1, &init_i)] {
            let ge = values.iter().map(|t| t.1).collect();
            let gi = values.iter().map(|t| t.2).collect();
            net.set_initial_synaptic_state(pop, exc_kind, ge)?;
            net.set_initial_synaptic_state(pop, inh_kind, gi)?;
        }
    }
    Ok(net)
}
