//! Brunel (2000) J Comput Neurosci 8:183, model A: a sparse network of excitatory and
//! inhibitory leaky integrate-and-fire neurons with delta synapses and independent Poisson
//! drive, built exactly as NEST's `brunel_delta_nest.py` example builds it:
//! N_E = 4·order, N_I = order, fixed in-degree C_E = ε N_E, C_I = ε N_I (autapses and
//! multapses allowed, as NEST's `fixed_indegree` default), J = 0.1 mV, inhibitory weight
//! −g J, one delay D for every connection, and a Poisson rate ν_ext = η ν_th per external
//! synapse with ν_th = θ / (J C_E τ_m), i.e. a Poisson input of rate C_E ν_ext per neuron
//! with weight J, reaching the neurons from t = D on (NEST's generator is connected with the
//! delay D). Brunel's Fig. 8 regimes use V_r = 10 mV: A (g 3, η 2), B (g 6, η 4),
//! C (g 5, η 2), D (g 4.5, η 0.9).

use crate::define::*;
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
        order: usize = ("1", 2500.0, Closed(1.0, 1e8), "N_E = 4 order, N_I = order"),
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
    variants: {
        /// Brunel (2000) Fig. 8A: synchronous regular.
        BRUNEL_SR = "brunel_sr" {
            summary: "Brunel (2000) Fig. 8A, synchronous regular (SR) state: the brunel network \
                      with g = 3, eta = 2, V_r = 10 mV; neurons fire almost regularly near \
                      saturation (about 330 Hz), in synchrony.",
            set: { g: 3.0, eta: 2.0, v_reset: 10.0 },
        },
        /// Brunel (2000) Fig. 8B: asynchronous irregular.
        BRUNEL_AI = "brunel_ai" {
            summary: "Brunel (2000) Fig. 8B, asynchronous irregular (AI) state: the brunel \
                      network with g = 6, eta = 4, V_r = 10 mV; irregular firing (ISI CV about \
                      0.8) at about 60 Hz, a stationary population rate.",
            set: { g: 6.0, eta: 4.0, v_reset: 10.0 },
        },
        /// Brunel (2000) Fig. 8C: synchronous irregular, fast oscillation.
        BRUNEL_SI_FAST = "brunel_si_fast" {
            summary: "Brunel (2000) Fig. 8C, synchronous irregular state with a fast global \
                      oscillation: the brunel network with g = 5, eta = 2, V_r = 10 mV; \
                      irregular single neurons (about 40 Hz), the population rate oscillating \
                      near 1 / (4 D) to 1 / (2 D) (well above 100 Hz for D = 1.5 ms).",
            set: { g: 5.0, eta: 2.0, v_reset: 10.0 },
        },
        /// Brunel (2000) Fig. 8D: synchronous irregular, slow oscillation.
        BRUNEL_SI_SLOW = "brunel_si_slow" {
            summary: "Brunel (2000) Fig. 8D, synchronous irregular state with a slow global \
                      oscillation: the brunel network with g = 4.5, eta = 0.9, V_r = 10 mV; \
                      sparse irregular firing (about 5 Hz) on a slowly oscillating population \
                      rate.",
            set: { g: 4.5, eta: 0.9, v_reset: 10.0 },
        },
    },
}

impl BrunelParams {
    /// External Poisson rate per neuron, Hz: C_E ν_ext with ν_ext = η θ / (J C_E τ_m).
    pub fn poisson_rate_hz(&self) -> f64 {
        let c_e = self.c_e() as f64;
        let nu_th = self.theta / (self.j * c_e * self.tau_m) * 1e3;
        self.eta * nu_th * c_e
    }

    /// C_E = ε N_E (rounded as NEST's example: int(epsilon * NE)).
    pub fn c_e(&self) -> usize {
        (self.epsilon * 4.0 * self.order as f64) as usize
    }

    /// C_I = ε N_I.
    pub fn c_i(&self) -> usize {
        (self.epsilon * self.order as f64) as usize
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
    let exc = net.add_population("exc", "lif", 4 * p.order, &lif(0.0))?;
    let inh = net.add_population("inh", "lif", p.order, &lif(0.0))?;
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
    for (pop, n, name) in [(exc, 4 * p.order, "drive_e"), (inh, p.order, "drive_i")] {
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
