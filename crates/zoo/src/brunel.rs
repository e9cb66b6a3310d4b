//! Brunel (2000) J Comput Neurosci 8:183, model A: a sparse network of excitatory and
//! inhibitory leaky integrate-and-fire neurons with delta synapses and independent Poisson
//! drive, built exactly as NEST's `brunel_delta_nest.py` example builds it:
//! N_E = 4·order, N_I = order, fixed in-degree C_E = ε N_E, C_I = ε N_I (autapses and
//! multapses allowed, as NEST's `fixed_indegree` default), J = 0.1 mV, inhibitory weight
//! −g J, one delay D for every connection, and a Poisson rate ν_ext = η ν_th per external
//! synapse with ν_th = θ / (J C_E τ_m), i.e. a Poisson input of rate C_E ν_ext per neuron
//! with weight J, reaching the neurons from t = D on (NEST's generator is connected with the
//! delay D). `n_exc` / `n_inh` (0: 4·order / order) set the population sizes directly,
//! for sizes not in Brunel's 4:1 ratio (C_E = int(ε N_E), C_I = int(ε N_I) as NEST's
//! example computes them). Brunel's Fig. 8 regimes use V_r = 10 mV: A (g 3, η 2), B (g 6,
//! η 4), C (g 5, η 2), D (g 4.5, η 0.9); his caption names them: A synchronous regular, B
//! fast oscillation of the global activity with irregular neurons (synchronous irregular,
//! fast), C stationary global activity with irregular neurons (asynchronous irregular),
//! D slow oscillation with irregular neurons at low rates (synchronous irregular, slow), as
//! `scripts/reference/brunel_nest.py` labels the NEST reference runs.
//!
//! The statistics the entries declare (`reproduces`) are those of the NEST reference runs at
//! full size (`reference/brunel_nest`): the excitatory rate and ISI CV over the whole second,
//! and the CV of the population's spike count in 1 ms bins after 0.2 s (synchrony).

use crate::define::*;
use crate::reproduce::{count_cv, mean_cv, rate_hz, times_of};
use sc_neurocore_core::Result;
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_stimuli::{PoissonInput, StimulusSpec};
use sc_neurocore_topology::{ConnectOptions, Topology};

crate::zoo_network! {
    /// Parameters of the Brunel network (units as in [`BRUNEL`]'s metadata).
    params: BrunelParams,
    /// The zoo entry.
    entry: BRUNEL,
    name: "brunel",
    summary: "Brunel (2000) sparse balanced E/I network of LIF neurons with delta synapses, \
              as NEST's brunel_delta_nest.py (order 2500: 10,000 + 2,500 neurons, C_E = 1000, \
              C_I = 250, J = 0.1 mV, g = 5, eta = 2, D = 1.5 ms).",
    default_run: (1.0, 1e-4),
    build: brunel,
    fields: {
        order: usize = ("1", 2500.0, Closed(1.0, 1e8), "N_E = 4 order, N_I = order (unless n_exc / n_inh are set)"),
        n_exc: usize = ("1", 0.0, Closed(0.0, 1e9), "excitatory neurons N_E; 0: 4 order"),
        n_inh: usize = ("1", 0.0, Closed(0.0, 1e9), "inhibitory neurons N_I; 0: order"),
        epsilon: f64 = ("1", 0.1, Closed(0.0, 1.0), "connection probability (C_E = epsilon N_E)"),
        g: f64 = ("1", 5.0, NonNegative, "relative inhibitory strength"),
        eta: f64 = ("1", 2.0, NonNegative, "external rate relative to threshold rate"),
        j: f64 = ("mV", 0.1, Finite, "excitatory PSP amplitude"),
        delay: f64 = ("ms", 1.5, NonNegative, "synaptic delay D"),
        tau_m: f64 = ("ms", 20.0, Positive, "membrane time constant"),
        theta: f64 = ("mV", 20.0, Finite, "threshold (rest 0 mV)"),
        v_reset: f64 = ("mV", 0.0, Finite, "reset potential V_r"),
        t_ref: f64 = ("ms", 2.0, NonNegative, "refractory period"),
    },
    small: { order: 40.0 },
    reproduces: Reproduction {
        paper: "Brunel (2000) J Comput Neurosci 8:183, model A, as NEST's brunel_delta_nest.py",
        statistics: &[
            exc_rate(31.95, "NEST 3.10 running brunel_delta_nest.py, 8 seeds: 31.95 ± 0.07 Hz \
                             (reference/brunel_nest/brunel_delta.json)"),
            exc_cv(0.1766, "NEST 3.10, 8 seeds: 0.1766 ± 0.0009"),
            synchrony(0.412, "NEST 3.10, 8 seeds: 0.412 ± 0.019"),
        ],
        ..FULL_SIZE
    },
    variants: {
        /// Brunel (2000) Fig. 8A: synchronous regular.
        BRUNEL_SR = "brunel_sr" {
            summary: "Brunel (2000) Fig. 8A, synchronous regular (SR) state: the brunel network \
                      with g = 3, eta = 2, V_r = 10 mV; neurons fire almost regularly near \
                      saturation (about 330 Hz), in synchrony.",
            set: { g: 3.0, eta: 2.0, v_reset: 10.0 },
            reproduces: Reproduction {
                paper: "Brunel (2000) J Comput Neurosci 8:183, Fig. 8A (g = 3, eta = 2): almost \
                        fully synchronised network, neurons firing regularly at high rates",
                statistics: &[
                    exc_rate(328.79, "NEST 3.10, full size, 3 seeds: 328.79 ± 0.12 Hz \
                                      (reference/brunel_nest/regimes.json, A)"),
                    exc_cv(0.0142, "NEST 3.10, 3 seeds: 0.0142 ± 0.0015"),
                    synchrony(0.713, "NEST 3.10, 3 seeds: 0.713 ± 0.008"),
                ],
                window: (0.95, 1.0),
                ..FULL_SIZE
            },
        },
        /// Brunel (2000) Fig. 8B: synchronous irregular, fast oscillation.
        BRUNEL_SI_FAST = "brunel_si_fast" {
            summary: "Brunel (2000) Fig. 8B, synchronous irregular state with a fast global \
                      oscillation: the brunel network with g = 6, eta = 4, V_r = 10 mV; \
                      neurons fire irregularly (ISI CV about 0.8, about 60 Hz) at rates below \
                      the frequency of the population rate's fast oscillation.",
            set: { g: 6.0, eta: 4.0, v_reset: 10.0 },
            reproduces: Reproduction {
                paper: "Brunel (2000) J Comput Neurosci 8:183, Fig. 8B (g = 6, eta = 4): fast \
                        oscillation of the global activity, irregular neurons",
                statistics: &[
                    exc_rate(58.62, "NEST 3.10, full size, 3 seeds: 58.62 ± 0.23 Hz \
                                     (reference/brunel_nest/regimes.json, B)"),
                    exc_cv(0.792, "NEST 3.10, 3 seeds: 0.792 ± 0.029"),
                    synchrony(0.832, "NEST 3.10, 3 seeds: 0.832 ± 0.017"),
                ],
                window: (0.9, 1.0),
                ..FULL_SIZE
            },
        },
        /// Brunel (2000) Fig. 8C: asynchronous irregular.
        BRUNEL_AI = "brunel_ai" {
            summary: "Brunel (2000) Fig. 8C, asynchronous irregular (AI) state: the brunel \
                      network with g = 5, eta = 2, V_r = 10 mV; stationary global activity, \
                      irregularly firing neurons (ISI CV about 0.4, about 37 Hz).",
            set: { g: 5.0, eta: 2.0, v_reset: 10.0 },
            reproduces: Reproduction {
                paper: "Brunel (2000) J Comput Neurosci 8:183, Fig. 8C (g = 5, eta = 2): \
                        stationary global activity, irregularly firing neurons",
                statistics: &[
                    exc_rate(37.49, "NEST 3.10, full size, 3 seeds: 37.49 ± 0.06 Hz \
                                     (reference/brunel_nest/regimes.json, C)"),
                    exc_cv(0.424, "NEST 3.10, 3 seeds: 0.4243 ± 0.0004"),
                    synchrony(0.518, "NEST 3.10, 3 seeds: 0.518 ± 0.009"),
                ],
                window: (0.9, 1.0),
                ..FULL_SIZE
            },
        },
        /// Brunel (2000) Fig. 8D: synchronous irregular, slow oscillation.
        BRUNEL_SI_SLOW = "brunel_si_slow" {
            summary: "Brunel (2000) Fig. 8D, synchronous irregular state with a slow global \
                      oscillation: the brunel network with g = 4.5, eta = 0.9, V_r = 10 mV; \
                      sparse irregular firing (about 5 Hz) on a slowly oscillating population \
                      rate.",
            set: { g: 4.5, eta: 0.9, v_reset: 10.0 },
            reproduces: Reproduction {
                paper: "Brunel (2000) J Comput Neurosci 8:183, Fig. 8D (g = 4.5, eta = 0.9): slow \
                        oscillation of the global activity, neurons firing irregularly at very \
                        low rates",
                statistics: &[
                    exc_rate(5.379, "NEST 3.10, full size, 3 seeds: 5.38 ± 0.06 Hz \
                                     (reference/brunel_nest/regimes.json, D)"),
                    exc_cv(0.517, "NEST 3.10, 3 seeds: 0.517 ± 0.003"),
                    synchrony(1.644, "NEST 3.10, 3 seeds: 1.64 ± 0.18"),
                ],
                ..FULL_SIZE
            },
        },
    },
}

/// The run every entry's statistics are measured on: NEST's reference runs (full size,
/// 1 s at 0.1 ms).
const FULL_SIZE: Reproduction = Reproduction {
    paper: "",
    settings: &[],
    run: (1.0, 1e-4),
    note: "",
    window: (0.8, 1.0),
    statistics: &[],
};

/// The excitatory rate over the whole run (spikes / (N_E T)), as the NEST reference.
const fn exc_rate(published: f64, source: &'static str) -> Statistic {
    Statistic {
        name: "rate of exc",
        unit: "Hz",
        definition: "spikes of the excitatory neurons / (N_E × duration), silent ones included",
        published: Some(published),
        source,
        measure: |o| rate_hz(o, o.spikes("exc")?, None, 0.0, f64::INFINITY),
    }
}

/// The excitatory neurons' mean ISI CV over the whole run.
const fn exc_cv(published: f64, source: &'static str) -> Statistic {
    Statistic {
        name: "ISI CV of exc",
        unit: "1",
        definition: "mean over excitatory neurons with at least 3 spikes of std(ISI) / mean(ISI)",
        published: Some(published),
        source,
        measure: |o| mean_cv(o, o.spikes("exc")?, 0.0, f64::INFINITY),
    }
}

/// Synchrony: CV of the whole network's spike count in 1 ms bins after 0.2 s.
const fn synchrony(published: f64, source: &'static str) -> Statistic {
    Statistic {
        name: "population-count CV",
        unit: "1",
        definition: "std / mean of the spike count of all neurons in 1 ms bins from 0.2 s on \
                     (synchrony; NEST reference's pop_rate_cv_1ms)",
        published: Some(published),
        source,
        measure: |o| count_cv(o, &times_of(o, &["exc", "inh"])?, 0.2, f64::INFINITY, 1e-3),
    }
}

impl BrunelParams {
    /// External Poisson rate per neuron, Hz: C_E ν_ext with ν_ext = η θ / (J C_E τ_m).
    pub fn poisson_rate_hz(&self) -> f64 {
        let c_e = self.c_e() as f64;
        let nu_th = self.theta / (self.j * c_e * self.tau_m) * 1e3;
        self.eta * nu_th * c_e
    }

    /// N_E: `n_exc`, or 4 order when `n_exc` is 0.
    pub fn n_e(&self) -> usize {
        if self.n_exc > 0 {
            self.n_exc
        } else {
            4 * self.order
        }
    }

    /// N_I: `n_inh`, or order when `n_inh` is 0.
    pub fn n_i(&self) -> usize {
        if self.n_inh > 0 {
            self.n_inh
        } else {
            self.order
        }
    }

    /// C_E = ε N_E (rounded as NEST's example: int(epsilon * NE); with N_E from `order`,
    /// computed as `epsilon * 4 * order`, the network's original expression).
    pub fn c_e(&self) -> usize {
        if self.n_exc > 0 {
            (self.epsilon * self.n_exc as f64) as usize
        } else {
            (self.epsilon * 4.0 * self.order as f64) as usize
        }
    }

    /// C_I = ε N_I.
    pub fn c_i(&self) -> usize {
        (self.epsilon * self.n_i() as f64) as usize
    }
}

/// Builds the Brunel network.
pub fn brunel(p: &BrunelParams, seed: u64) -> Result<Network> {
    let mut net = Network::new(seed);
    let lif = |v_init: f64| -> Vec<(&'static str, ParamValue)> {
        vec![
            ("tau_m", p.tau_m.into()),
            ("c_m", 1.0.into()),
            ("e_l", 0.0.into()),
            ("v_th", p.theta.into()),
            ("v_reset", p.v_reset.into()),
            ("t_ref", p.t_ref.into()),
            ("v_init", v_init.into()),
        ]
    };
    let exc = net.add_population("exc", "lif", p.n_e(), &lif(0.0))?;
    let inh = net.add_population("inh", "lif", p.n_i(), &lif(0.0))?;
    let delay = Delay::Uniform(p.delay * 1e-3);
    let opts = ConnectOptions::default();
    for (src, k, w, name) in [(exc, p.c_e(), p.j, "e"), (inh, p.c_i(), -p.g * p.j, "i")] {
        for (tgt, tname) in [(exc, "e"), (inh, "i")] {
            net.add_projection(
                ProjectionSpec::new(
                    format!("{name}->{tname}"),
                    src,
                    tgt,
                    Connectivity::Generated {
                        topology: Topology::FixedIndegree { indegree: k },
                        weight: w,
                        options: opts,
                    },
                )
                .synapse(SynapseKind::Delta)
                .delay(delay.clone()),
            )?;
        }
    }
    let rate = p.poisson_rate_hz();
    for (pop, n, name) in [(exc, p.n_e(), "drive_e"), (inh, p.n_i(), "drive_i")] {
        // NEST's example connects its generator with the synaptic delay D, so the first
        // external spikes reach the neurons at t = D (in regime A, starting 1.5 ms early
        // adds half a spike per neuron, 0.4 Hz).
        let input = PoissonInput::new(n, rate, p.j)?.with_window(p.delay * 1e-3, f64::INFINITY)?;
        net.add_stimulus(
            name,
            StimulusSpec::Poisson(input),
            Some(pop),
            SynapseKind::Delta,
        )?;
    }
    Ok(net)
}
