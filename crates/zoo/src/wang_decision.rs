//! Wang (2002) Neuron 36:955, "Probabilistic decision making by slow reverberation in
//! cortical circuits": 1,600 excitatory and 400 inhibitory conductance-based LIF neurons,
//! all-to-all, with AMPA, NMDA and GABA_A synapses. Two selective pools (A and B, a fraction
//! f = 0.15 of the excitatory cells each) are strongly coupled within (w+ = 1.7) and receive
//! Poisson stimuli at mu_A = mu0 (1 + c/100) and mu_B = mu0 (1 - c/100), c the motion
//! coherence in %; slow NMDA reverberation and shared inhibition make one pool win: the
//! network chooses, and chooses the stronger stimulus more often as c grows (the
//! psychometric function of Wang's Figs. 2 and 3).
//!
//! # The model (Wang 2002, Experimental Procedures; as NEST 3.10's
//! `pynest/examples/wang_decision_making.py` sets it up)
//!
//! ```text
//! C_m dV/dt = -g_L (V - E_L) - I_syn,  V >= V_th -> spike, V = V_reset for t_ref
//!   E: C_m 0.5 nF, g_L 25 nS, t_ref 2 ms;  I: C_m 0.2 nF, g_L 20 nS, t_ref 1 ms
//!   E_L = -70 mV, V_th = -50 mV, V_reset = -55 mV
//! I_syn = g_ext s_ext (V - 0) + g_AMPA sum_j w_j s_j (V - 0)
//!       + g_NMDA sum_j w_j s_j^NMDA (V - 0) / (1 + [Mg2+] exp(-0.062 V) / 3.57)
//!       + g_GABA sum_j s_j (V + 70 mV)
//! AMPA: tau 2 ms; NMDA: tau_rise 2 ms, tau_decay 100 ms, alpha 0.5 /ms, [Mg2+] 1 mM;
//! GABA: tau 5 ms
//! E cells: g_ext 2.1, g_AMPA 0.05, g_NMDA 0.165, g_GABA 1.3 nS
//! I cells: g_ext 1.62, g_AMPA 0.04, g_NMDA 0.13, g_GABA 1.0 nS
//! w = w+ within a selective pool, w- = 1 - f (w+ - 1) / (1 - f) from the other selective
//! pool and from the non-selective cells onto a selective pool, 1 otherwise
//! external input: 2.4 kHz Poisson onto every cell (800 inputs at 3 Hz), AMPA
//! stimulus: Poisson onto each cell of pool A (B) at a rate drawn every 50 ms from
//! N(mu_A, sigma) (N(mu_B, sigma)), mu0 = 40 Hz, sigma = 4 Hz, AMPA with g_ext
//! delay 0.5 ms (recurrent)
//! ```
//!
//! # Mapping onto the engine
//!
//! * Cells are `lif` (`tau_m = C_m / g_L`, so `R = 1 / g_L`) driven by the runner's channel
//!   currents: `conductance` synapses for AMPA (external, stimulus and recurrent share the
//!   channel; tau 2 ms, 0 mV) and GABA (5 ms, -70 mV), the `nmda` kind for NMDA (NEST's
//!   `iaf_bw_2001` approximation of the saturating gating, docs/decisions.md). Weights are
//!   the conductances in nS (w x g, as NEST folds g into the weights). Each current is
//!   taken with V at the start of the step (NEST integrates it with RK45; Wang with
//!   second-order Runge–Kutta at 0.02 ms).
//! * Populations, in order: `sel_a`, `sel_b` (f N_E each, NEST's `int(f N_E)`), `nonsel`
//!   (the rest of N_E), `inh`, and the stimulus sources `stim_a`, `stim_b`:
//!   `inhomogeneous_poisson` neurons, one per selective cell (one-to-one, delay 0.1 ms, as
//!   NEST's generator sends each target its own train), whose rate is a `TimedArray` of the
//!   drawn rates (0 outside the stimulus, sampled every 0.1 ms: onset and duration resolve
//!   to 0.1 ms; negative draws give rate 0). The draws of pool A (B) come from
//!   `RngStream(seed, Stimulus, 2^32 - 1 (2^32 - 2), window)`.
//! * Background: a `PoissonInput` of 2,400 Hz per cell with `g_ext` into the AMPA channel
//!   (delay-free, NEST's is 0.1 ms).
//! * All projections are `all_to_all` with one weight (autapses included, as NEST's), delay
//!   0.5 ms. Initial V = E_L for every cell (NEST's default), so the spontaneous state
//!   settles during the time before the stimulus onset (default 1 s, as NEST's example).
//!
//! # What it reproduces (crates/zoo/tests/wang_decision.rs)
//!
//! Winner-take-all choice and the psychometric function. Trials of the full network at
//! dt = 0.1 ms, seeds 1–24 per coherence, the default 1 s before and 2 s of stimulus; the
//! pool with the higher rate over the last 300 ms chose, clearly when above 15 Hz and at
//! least 3 times the other's; decision time: the first 50 ms bin in which a pool reaches
//! 15 Hz (`cargo test --release -p sc-neurocore-zoo --test wang_decision -- --ignored
//! psychometric --nocapture`, 25 minutes with 2 threads on a loaded 2-core machine):
//!
//! | c (%) | pool A chose | binomial se | clear choices | mean decision time |
//! |---|---|---|---|---|
//! | 0 | 13 / 24 = 0.54 | 0.10 | 23 / 24 | 846 ms |
//! | 3.2 | 15 / 24 = 0.63 | 0.10 | 24 / 24 | 879 ms |
//! | 6.4 | 17 / 24 = 0.71 | 0.09 | 24 / 24 | 885 ms |
//! | 12.8 | 23 / 24 = 0.96 | 0.04 | 24 / 24 | 740 ms |
//! | 25.6 | 23 / 24 = 0.96 | 0.04 | 24 / 24 | 558 ms |
//! | 51.2 | 24 / 24 = 1.00 | — | 24 / 24 | 410 ms |
//!
//! Chance at c = 0, near 100 % from 12.8 % on, and decisions that come sooner as c grows
//! (about 0.85 s at low coherence, 0.41 s at 51.2 %):
//! Wang's psychometric and chronometric functions (Figs. 2, 3). CI runs four 1 s stimuli at
//! c = ±51.2 %.
//!
//! The spontaneous state (no stimulus) against NEST 3.10 running this network with
//! `iaf_bw_2001` (`reference/wang_decision/spontaneous_nest.json`, rates over [1, 2) s,
//! mean ± sd over seeds): NEST (seeds 1–6) non-selective 2.49 ± 0.18 Hz, inhibitory
//! 8.41 ± 0.34 Hz; ours at dt = 0.1 ms (seeds 1–4) 2.55 ± 0.14 and 8.55 ± 0.22 Hz, within
//! one standard error of the difference (`spontaneous_state_matches_nest`, CI). (Before the
//! conductance channels held their mean conductance over each step, ours were 11–13 %
//! higher: docs/decisions.md.)

use crate::define::*;
use sc_neurocore_core::{Csr, Error, Result, RngStream, StreamKind};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_stimuli::{PoissonInput, TimedArray};
use sc_neurocore_topology::{ConnectOptions, Topology};

crate::zoo_network! {
    /// Parameters of Wang's (2002) decision network (units as in [`WANG_DECISION`]'s
    /// metadata).
    params: WangDecisionParams,
    /// The zoo entry.
    entry: WANG_DECISION,
    name: "wang_decision",
    summary: "Wang (2002) decision-making circuit: 1,600 excitatory + 400 inhibitory \
              conductance-based LIF neurons, all-to-all, AMPA / NMDA (saturating, Mg2+ \
              block) / GABA synapses, 2.4 kHz background; two selective pools (15 % of the \
              excitatory cells each, w+ = 1.7) get Poisson stimuli at 40 Hz (1 +- c/100) \
              (resampled every 50 ms, sd 4 Hz) from 1 s for 2 s; one pool wins, the one \
              with the stronger stimulus more often as the coherence c grows.",
    default_run: (3.0, 1e-4),
    build: wang_decision,
    fields: {
        coherence: f64 = ("%", 0.0, Closed(-100.0, 100.0), "motion coherence c: pool A's stimulus mu0 (1 + c/100), pool B's mu0 (1 - c/100)"),
        mu0: f64 = ("Hz", 40.0, NonNegative, "stimulus rate per selective cell at c = 0"),
        sigma: f64 = ("Hz", 4.0, NonNegative, "standard deviation of the stimulus rates, drawn anew every stim_update"),
        stim_update: f64 = ("ms", 50.0, Positive, "interval between the stimulus rate draws"),
        stim_onset: f64 = ("ms", 1000.0, NonNegative, "stimulus onset (resolved to 0.1 ms; the spontaneous state settles within about 1 s)"),
        stim_duration: f64 = ("ms", 2000.0, NonNegative, "stimulus duration (resolved to 0.1 ms; at c = 0 a pool wins 1-2 s after the onset)"),
        n_exc: usize = ("1", 1600.0, Closed(4.0, 1e7), "excitatory cells N_E"),
        n_inh: usize = ("1", 400.0, Closed(1.0, 1e7), "inhibitory cells N_I"),
        f: f64 = ("1", 0.15, Closed(0.0, 0.5), "fraction of N_E in each selective pool (NEST: int(f N_E) cells)"),
        w_plus: f64 = ("1", 1.7, NonNegative, "relative weight within a selective pool (w- follows: 1 - f (w+ - 1) / (1 - f))"),
        rate_ext: f64 = ("Hz", 2400.0, NonNegative, "background Poisson rate per cell (800 inputs at 3 Hz)"),
        g_ext_e: f64 = ("nS", 2.1, NonNegative, "external (and stimulus) AMPA conductance onto E cells"),
        g_ext_i: f64 = ("nS", 1.62, NonNegative, "external AMPA conductance onto I cells"),
        g_ampa_e: f64 = ("nS", 0.05, NonNegative, "recurrent AMPA conductance onto E cells"),
        g_ampa_i: f64 = ("nS", 0.04, NonNegative, "recurrent AMPA conductance onto I cells"),
        g_nmda_e: f64 = ("nS", 0.165, NonNegative, "NMDA conductance onto E cells (per unit gating)"),
        g_nmda_i: f64 = ("nS", 0.13, NonNegative, "NMDA conductance onto I cells (per unit gating)"),
        g_gaba_e: f64 = ("nS", 1.3, NonNegative, "GABA conductance onto E cells"),
        g_gaba_i: f64 = ("nS", 1.0, NonNegative, "GABA conductance onto I cells"),
        c_m_e: f64 = ("pF", 500.0, Positive, "E cell capacitance"),
        g_l_e: f64 = ("nS", 25.0, Positive, "E cell leak conductance"),
        c_m_i: f64 = ("pF", 200.0, Positive, "I cell capacitance"),
        g_l_i: f64 = ("nS", 20.0, Positive, "I cell leak conductance"),
        e_l: f64 = ("mV", -70.0, Finite, "leak reversal potential (and initial V)"),
        v_th: f64 = ("mV", -50.0, Finite, "threshold"),
        v_reset: f64 = ("mV", -55.0, Finite, "reset potential"),
        t_ref_e: f64 = ("ms", 2.0, NonNegative, "E cell refractory period"),
        t_ref_i: f64 = ("ms", 1.0, NonNegative, "I cell refractory period"),
        tau_ampa: f64 = ("ms", 2.0, Positive, "AMPA decay time"),
        tau_gaba: f64 = ("ms", 5.0, Positive, "GABA decay time"),
        tau_nmda_rise: f64 = ("ms", 2.0, Positive, "NMDA gating rise time"),
        tau_nmda_decay: f64 = ("ms", 100.0, Positive, "NMDA decay time (above tau_nmda_rise)"),
        alpha_nmda: f64 = ("1/ms", 0.5, Positive, "NMDA gating coupling alpha"),
        mg: f64 = ("mM", 1.0, NonNegative, "extracellular Mg2+ concentration"),
        e_exc: f64 = ("mV", 0.0, Finite, "AMPA and NMDA reversal potential"),
        e_inh: f64 = ("mV", -70.0, Finite, "GABA reversal potential"),
        delay: f64 = ("ms", 0.5, NonNegative, "recurrent synaptic delay (rounded to steps, at least one)"),
    },
    small: { n_exc: 400.0, n_inh: 100.0 },
}

/// Index of each population in the network [`wang_decision`] builds.
pub mod pops {
    /// Selective pool A (favoured by c > 0).
    pub const SEL_A: usize = 0;
    /// Selective pool B.
    pub const SEL_B: usize = 1;
    /// Non-selective excitatory cells.
    pub const NONSEL: usize = 2;
    /// Inhibitory cells.
    pub const INH: usize = 3;
    /// Stimulus sources of pool A.
    pub const STIM_A: usize = 4;
    /// Stimulus sources of pool B.
    pub const STIM_B: usize = 5;
}

/// Step of the stimulus rate samples, seconds.
const STIM_SAMPLE: f64 = 1e-4;

impl WangDecisionParams {
    /// Cells per selective pool: NEST's `int(f N_E)`.
    pub fn n_selective(&self) -> usize {
        (self.f * self.n_exc as f64) as usize
    }

    /// Wang's w- = 1 - f (w+ - 1) / (1 - f): the weight that keeps the mean input of a
    /// selective cell unchanged by the structure.
    pub fn w_minus(&self) -> f64 {
        1.0 - self.f * (self.w_plus - 1.0) / (1.0 - self.f)
    }

    /// The mean stimulus rates (mu_A, mu_B), Hz.
    pub fn stimulus_means(&self) -> (f64, f64) {
        let d = self.mu0 * self.coherence / 100.0;
        (self.mu0 + d, self.mu0 - d)
    }
}

/// The stimulus rate of one pool over time (Hz, one sample per [`STIM_SAMPLE`]): 0 before
/// the onset and from the end on, in between a draw of N(`mean`, `sigma`) per update
/// window from the pool's own stream.
fn stimulus_rates(p: &WangDecisionParams, mean: f64, seed: u64, pool: u32) -> Vec<f64> {
    let samples = |ms: f64| (ms * 1e-3 / STIM_SAMPLE).round() as usize;
    let (on, len) = (samples(p.stim_onset), samples(p.stim_duration));
    let per_window = samples(p.stim_update).max(1);
    let mut rng = RngStream::new(seed, StreamKind::Stimulus, u32::MAX - pool, 0);
    let mut rates = vec![0.0; on + len + 1];
    for chunk in rates[on..on + len].chunks_mut(per_window) {
        let r = mean + p.sigma * rng.normal();
        chunk.iter_mut().for_each(|x| *x = r);
    }
    rates
}

/// Builds Wang's (2002) network with the given coherence (see the module docs).
pub fn wang_decision(p: &WangDecisionParams, seed: u64) -> Result<Network> {
    let object = "zoo 'wang_decision'";
    let n_sel = p.n_selective();
    if n_sel == 0 || 2 * n_sel >= p.n_exc {
        return Err(Error::invalid(
            object,
            format!(
                "f = {} of n_exc = {} gives {n_sel} cells per selective pool; each pool needs \
                 at least one cell and the non-selective cells at least one",
                p.f, p.n_exc
            ),
        ));
    }
    if p.tau_nmda_rise >= p.tau_nmda_decay {
        return Err(Error::out_of_range(
            object,
            "tau_nmda_rise",
            p.tau_nmda_rise,
            format!("(0, tau_nmda_decay = {}) ms", p.tau_nmda_decay),
        ));
    }
    let n_non = p.n_exc - 2 * n_sel;
    let cell = |c_m: f64, g_l: f64, t_ref: f64| -> Vec<(&'static str, ParamValue)> {
        vec![
            ("tau_m", (c_m / g_l).into()),
            ("c_m", c_m.into()),
            ("e_l", p.e_l.into()),
            ("v_th", p.v_th.into()),
            ("v_reset", p.v_reset.into()),
            ("t_ref", t_ref.into()),
            ("v_init", p.e_l.into()),
        ]
    };
    let exc = cell(p.c_m_e, p.g_l_e, p.t_ref_e);
    let inh = cell(p.c_m_i, p.g_l_i, p.t_ref_i);
    let mut net = Network::new(seed);
    let sel_a = net.add_population("sel_a", "lif", n_sel, &exc)?;
    let sel_b = net.add_population("sel_b", "lif", n_sel, &exc)?;
    let nonsel = net.add_population("nonsel", "lif", n_non, &exc)?;
    let inh_pop = net.add_population("inh", "lif", p.n_inh, &inh)?;
    let stim_a = net.add_population("stim_a", "inhomogeneous_poisson", n_sel, &[])?;
    let stim_b = net.add_population("stim_b", "inhomogeneous_poisson", n_sel, &[])?;
    debug_assert_eq!(
        [sel_a, sel_b, nonsel, inh_pop, stim_a, stim_b],
        [
            pops::SEL_A,
            pops::SEL_B,
            pops::NONSEL,
            pops::INH,
            pops::STIM_A,
            pops::STIM_B
        ]
    );

    let ampa = SynapseKind::Conductance {
        tau_syn: p.tau_ampa * 1e-3,
        e_rev: p.e_exc,
    };
    let gaba = SynapseKind::Conductance {
        tau_syn: p.tau_gaba * 1e-3,
        e_rev: p.e_inh,
    };
    let nmda = SynapseKind::Nmda {
        tau_rise: p.tau_nmda_rise * 1e-3,
        tau_decay: p.tau_nmda_decay * 1e-3,
        alpha: p.alpha_nmda * 1e3,
        e_rev: p.e_exc,
        mg: p.mg,
    };
    let delay = Delay::Uniform(p.delay * 1e-3);
    let mut connect = |src: usize, tgt: usize, kind: SynapseKind, weight: f64| {
        let label = format!(
            "{}->{} {}",
            net.populations()[src].label,
            net.populations()[tgt].label,
            kind.name()
        );
        let conn = Connectivity::Generated {
            topology: Topology::AllToAll,
            weight,
            options: ConnectOptions::default(),
        };
        net.add_projection(
            ProjectionSpec::new(label, src, tgt, conn)
                .synapse(kind)
                .delay(delay.clone()),
        )
        .map(drop)
    };
    // Excitatory -> excitatory: w+ within a selective pool, w- onto a selective pool from
    // the other one and from the non-selective cells, 1 otherwise.
    let w_minus = p.w_minus();
    for src in [sel_a, sel_b, nonsel] {
        for tgt in [sel_a, sel_b, nonsel] {
            let w = if tgt == nonsel {
                1.0
            } else if src == tgt {
                p.w_plus
            } else {
                w_minus
            };
            connect(src, tgt, ampa, w * p.g_ampa_e)?;
            connect(src, tgt, nmda, w * p.g_nmda_e)?;
        }
        connect(src, inh_pop, ampa, p.g_ampa_i)?;
        connect(src, inh_pop, nmda, p.g_nmda_i)?;
    }
    for tgt in [sel_a, sel_b, nonsel] {
        connect(inh_pop, tgt, gaba, p.g_gaba_e)?;
    }
    connect(inh_pop, inh_pop, gaba, p.g_gaba_i)?;

    // Stimulus: each selective cell its own Poisson source, at the pool's drawn rates.
    let (mu_a, mu_b) = p.stimulus_means();
    for (pool, (src, tgt, mean)) in [(stim_a, sel_a, mu_a), (stim_b, sel_b, mu_b)]
        .into_iter()
        .enumerate()
    {
        let rates = stimulus_rates(p, mean, seed, pool as u32);
        let label = format!("{}_rate", net.populations()[src].label);
        net.add_stimulus(
            &label,
            TimedArray::new(rates, STIM_SAMPLE)?.into(),
            Some(src),
            SynapseKind::Delta,
        )?;
        let one_to_one = Csr::from_rows(
            n_sel,
            (0..n_sel as u32).map(|i| vec![(i, p.g_ext_e)]).collect(),
        )?;
        let label = format!(
            "{}->{} ampa",
            net.populations()[src].label,
            net.populations()[tgt].label
        );
        net.add_projection(
            ProjectionSpec::new(label, src, tgt, Connectivity::Explicit(one_to_one))
                .synapse(ampa)
                .delay(Delay::Uniform(1e-4)),
        )?;
    }
    // Background.
    for (pop, g) in [
        (sel_a, p.g_ext_e),
        (sel_b, p.g_ext_e),
        (nonsel, p.g_ext_e),
        (inh_pop, p.g_ext_i),
    ] {
        let n = net.populations()[pop].n;
        let label = format!("{}_background", net.populations()[pop].label);
        net.add_stimulus(
            &label,
            PoissonInput::new(n, p.rate_ext, g)?.into(),
            Some(pop),
            ampa,
        )?;
    }
    Ok(net)
}
