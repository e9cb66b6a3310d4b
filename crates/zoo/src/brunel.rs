//! Brunel (2000) J Comput Neurosci 8:183, model A: a sparse network of excitatory and
//! inhibitory leaky integrate-and-fire neurons with delta synapses and independent Poisson
//! drive, built exactly as NEST's `brunel_delta_nest.py` example builds it:
//! N_E = 4·order, N_I = order, fixed in-degree C_E = ε N_E, C_I = ε N_I (autapses and
//! multapses allowed, as NEST's `fixed_indegree` default), J = 0.1 mV, inhibitory weight
//! −g J, one delay D for every connection, and a Poisson rate ν_ext = η ν_th per external
//! synapse with ν_th = θ / (J C_E τ_m), i.e. a Poisson input of rate C_E ν_ext per neuron
//! with weight J. Brunel's Fig. 8 regimes use V_r = 10 mV: A (g 3, η 2), B (g 6, η 4),
//! C (g 5, η 2), D (g 4.5, η 0.9).

use crate::{ZooEntry, ZooSetting, resolve};
use sc_neurocore_core::{ParamSpec, Result, ValueRange};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_stimuli::{PoissonInput, StimulusSpec};
use sc_neurocore_topology::{ConnectOptions, Topology};

/// The zoo entry.
pub static BRUNEL: ZooEntry = ZooEntry {
    name: "brunel",
    summary: "Brunel (2000) sparse balanced E/I network of LIF neurons with delta synapses, \
              as NEST's brunel_delta_nest.py (order 2500: 10,000 + 2,500 neurons, C_E = 1000, \
              C_I = 250, J = 0.1 mV, g = 5, eta = 2, D = 1.5 ms).",
    params: &[
        ParamSpec {
            name: "order",
            unit: "1",
            default: 2500.0,
            range: ValueRange::Closed(1.0, 1e8),
            doc: "N_E = 4 order, N_I = order",
        },
        ParamSpec {
            name: "epsilon",
            unit: "1",
            default: 0.1,
            range: ValueRange::Closed(0.0, 1.0),
            doc: "connection probability (C_E = epsilon N_E)",
        },
        ParamSpec {
            name: "g",
            unit: "1",
            default: 5.0,
            range: ValueRange::NonNegative,
            doc: "relative inhibitory strength",
        },
        ParamSpec {
            name: "eta",
            unit: "1",
            default: 2.0,
            range: ValueRange::NonNegative,
            doc: "external rate relative to threshold rate",
        },
        ParamSpec {
            name: "j",
            unit: "mV",
            default: 0.1,
            range: ValueRange::Finite,
            doc: "excitatory PSP amplitude",
        },
        ParamSpec {
            name: "delay",
            unit: "ms",
            default: 1.5,
            range: ValueRange::NonNegative,
            doc: "synaptic delay D",
        },
        ParamSpec {
            name: "tau_m",
            unit: "ms",
            default: 20.0,
            range: ValueRange::Positive,
            doc: "membrane time constant",
        },
        ParamSpec {
            name: "theta",
            unit: "mV",
            default: 20.0,
            range: ValueRange::Finite,
            doc: "threshold (rest 0 mV)",
        },
        ParamSpec {
            name: "v_reset",
            unit: "mV",
            default: 0.0,
            range: ValueRange::Finite,
            doc: "reset potential V_r",
        },
        ParamSpec {
            name: "t_ref",
            unit: "ms",
            default: 2.0,
            range: ValueRange::NonNegative,
            doc: "refractory period",
        },
    ],
    default_run: (1.0, 1e-4),
    build: build_entry,
};

/// Parameters of the Brunel network (units as in [`BRUNEL`]'s metadata).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BrunelParams {
    /// N_E = 4·order, N_I = order.
    pub order: usize,
    /// Connection probability.
    pub epsilon: f64,
    /// Relative inhibition.
    pub g: f64,
    /// External drive relative to threshold.
    pub eta: f64,
    /// PSP amplitude, mV.
    pub j: f64,
    /// Delay, ms.
    pub delay: f64,
    /// Membrane time constant, ms.
    pub tau_m: f64,
    /// Threshold, mV.
    pub theta: f64,
    /// Reset, mV.
    pub v_reset: f64,
    /// Refractory period, ms.
    pub t_ref: f64,
}

impl Default for BrunelParams {
    fn default() -> Self {
        let d: Vec<f64> = BRUNEL.params.iter().map(|p| p.default).collect();
        Self::from_values(&d)
    }
}

impl BrunelParams {
    fn from_values(v: &[f64]) -> Self {
        BrunelParams {
            order: v[0] as usize,
            epsilon: v[1],
            g: v[2],
            eta: v[3],
            j: v[4],
            delay: v[5],
            tau_m: v[6],
            theta: v[7],
            v_reset: v[8],
            t_ref: v[9],
        }
    }

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

fn build_entry(settings: &[ZooSetting<'_>], seed: u64) -> Result<Network> {
    let v = resolve("zoo 'brunel'", BRUNEL.params, settings)?;
    brunel(&BrunelParams::from_values(&v), seed)
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
        let input = PoissonInput::new(n, rate, p.j)?;
        net.add_stimulus(
            name,
            StimulusSpec::Poisson(input),
            Some(pop),
            SynapseKind::Delta,
        )?;
    }
    Ok(net)
}
