//! Benchmark 2 of Brette et al. (2007) J Comput Neurosci 23:349, "CUBA": the Vogels & Abbott
//! (2005) J Neurosci 25:10786 network of 4,000 leaky integrate-and-fire neurons (3,200
//! excitatory, 800 inhibitory) with random connectivity p = 0.02 and exponentially decaying
//! synaptic currents, exactly as Brian2's example `examples/CUBA.py` defines it:
//!
//! ```text
//! dv/dt  = (ge + gi - (v - El)) / taum     (unless refractory)
//! dge/dt = -ge / taue,  dgi/dt = -gi / taui          (ge, gi in volts)
//! taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr -60 mV, El -49 mV, refractory 5 ms
//! we = 60 * 0.27 / 10 mV = 1.62 mV,  wi = -20 * 4.5 / 10 mV = -9 mV
//! Ce.connect('i<3200', p=0.02), Ci.connect('i>=3200', p=0.02)   (autapses allowed)
//! P.v = 'Vr + rand() * (Vt - Vr)',  P.ge = P.gi = 0
//! ```
//!
//! Note that the resting potential El = -49 mV lies above the threshold: every neuron fires
//! on its own, and the recurrent inhibition keeps the rate low.
//!
//! NEST's equivalent (`examples/pynest/brette_et_al_2007/cuba.py`, shipped with NEST 3.10)
//! differs from Brian's: `iaf_psc_exp` with C_m 200 pF, fixed in-degree (64 + 16) instead of
//! p = 0.02, an inhibitory weight of -139.5 pA (= -13.95 mV of R I: 4.5 nS times the
//! driving force E_in − E_L = −31 mV, where Brian has -9 mV), V_m(0) = -49 mV for all, and a
//! 300 Hz Poisson kick to 50 neurons during 1–51 ms; it uses the same 0.1 ms delay as we do.
//! We follow Brian's example; `scripts/peers/nest_nets.py` runs Brian's parameters in NEST.
//!
//! # Mapping onto `lif` with exponential current synapses
//!
//! Our `lif` is `tau_m dV/dt = -(V - E_L) + R I` with `R = tau_m / c_m` (GΩ when tau_m is
//! in ms and c_m in pF, so that R I is in mV for I in pA), and an `exponential` synapse adds
//! its weight (pA) to a current I that decays with `tau_syn`. Brian's `ge` is a voltage: it
//! is `R I`. Choosing **c_m = tau_m · 1 pF/ms** makes R = 1 GΩ, so that a weight of
//! 1.62 pA is exactly Brian's 1.62 mV jump of `ge`; c_m follows tau_m when tau_m is set.
//! Excitatory and inhibitory synapses are two exponential channels (tau_syn 5 ms and
//! 10 ms). The refractory clamp of `lif` (V held at V_reset for t_ref, input discarded)
//! is Brian's `(unless refractory)` on v; ge and gi keep decaying meanwhile, as in Brian.
//!
//! # Differences from the Brian2 example (all of them)
//!
//! * **Delay 0.1 ms** (one step) instead of Brian's zero delay: our engine and NEST have a
//!   minimum delay of one step. The peers in `scripts/peers/` use 0.1 ms as well.
//! * Initial potentials are uniform in [V_r, V_th) from the seeded stream
//!   `RngStream(seed, InitialState, 0, global neuron id)` (E first, then I), not Brian's
//!   `rand()`: the same distribution, not the same numbers.
//! * Connectivity `random` (Bernoulli per pair, each target row from its own stream),
//!   autapses allowed, as Brian's `connect(p=0.02)`; the same distribution, other numbers.
//! * The threshold test is `V >= V_th` (Brian: `v > Vt`); V is continuous, so no difference.

use crate::{ZooEntry, ZooSetting, resolve};
use sc_neurocore_core::{ParamSpec, Result, RngStream, StreamKind, ValueRange};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_topology::{ConnectOptions, Topology};

/// The zoo entry.
pub static CUBA: ZooEntry = ZooEntry {
    name: "cuba",
    summary: "Brette et al. (2007) benchmark 2 (CUBA): Vogels & Abbott (2005) network of 3,200 \
              excitatory + 800 inhibitory LIF neurons, p = 0.02, exponential current synapses \
              (1.62 mV / -9 mV, tau 5 / 10 ms), E_L = -49 mV above threshold, as Brian2's \
              examples/CUBA.py; delay 0.1 ms.",
    params: &[
        ParamSpec {
            name: "n_exc",
            unit: "1",
            default: 3200.0,
            range: ValueRange::Closed(1.0, 1e9),
            doc: "excitatory neurons",
        },
        ParamSpec {
            name: "n_inh",
            unit: "1",
            default: 800.0,
            range: ValueRange::Closed(1.0, 1e9),
            doc: "inhibitory neurons",
        },
        ParamSpec {
            name: "p",
            unit: "1",
            default: 0.02,
            range: ValueRange::Closed(0.0, 1.0),
            doc: "connection probability of every (source, target) pair",
        },
        ParamSpec {
            name: "we",
            unit: "mV",
            default: 1.62,
            range: ValueRange::Finite,
            doc: "excitatory weight: jump of ge (= R I, R = 1 GOhm, so also pA)",
        },
        ParamSpec {
            name: "wi",
            unit: "mV",
            default: -9.0,
            range: ValueRange::Finite,
            doc: "inhibitory weight: jump of gi (negative)",
        },
        ParamSpec {
            name: "tau_m",
            unit: "ms",
            default: 20.0,
            range: ValueRange::Positive,
            doc: "membrane time constant (c_m = tau_m pF/ms)",
        },
        ParamSpec {
            name: "tau_e",
            unit: "ms",
            default: 5.0,
            range: ValueRange::Positive,
            doc: "excitatory synaptic time constant",
        },
        ParamSpec {
            name: "tau_i",
            unit: "ms",
            default: 10.0,
            range: ValueRange::Positive,
            doc: "inhibitory synaptic time constant",
        },
        ParamSpec {
            name: "e_l",
            unit: "mV",
            default: -49.0,
            range: ValueRange::Finite,
            doc: "resting potential (above threshold: intrinsic firing)",
        },
        ParamSpec {
            name: "v_th",
            unit: "mV",
            default: -50.0,
            range: ValueRange::Finite,
            doc: "threshold",
        },
        ParamSpec {
            name: "v_reset",
            unit: "mV",
            default: -60.0,
            range: ValueRange::Finite,
            doc: "reset potential",
        },
        ParamSpec {
            name: "t_ref",
            unit: "ms",
            default: 5.0,
            range: ValueRange::NonNegative,
            doc: "refractory period",
        },
        ParamSpec {
            name: "delay",
            unit: "ms",
            default: 0.1,
            range: ValueRange::NonNegative,
            doc: "synaptic delay (rounded to steps, at least one)",
        },
    ],
    default_run: (1.0, 1e-4),
    build: build_entry,
};

/// Parameters of the CUBA network (units as in [`CUBA`]'s metadata).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CubaParams {
    /// Excitatory neurons.
    pub n_exc: usize,
    /// Inhibitory neurons.
    pub n_inh: usize,
    /// Connection probability.
    pub p: f64,
    /// Excitatory weight, mV (= pA at R = 1 GΩ).
    pub we: f64,
    /// Inhibitory weight, mV (negative).
    pub wi: f64,
    /// Membrane time constant, ms.
    pub tau_m: f64,
    /// Excitatory synaptic time constant, ms.
    pub tau_e: f64,
    /// Inhibitory synaptic time constant, ms.
    pub tau_i: f64,
    /// Resting potential, mV.
    pub e_l: f64,
    /// Threshold, mV.
    pub v_th: f64,
    /// Reset, mV.
    pub v_reset: f64,
    /// Refractory period, ms.
    pub t_ref: f64,
    /// Delay, ms.
    pub delay: f64,
}

impl Default for CubaParams {
    fn default() -> Self {
        let d: Vec<f64> = CUBA.params.iter().map(|p| p.default).collect();
        Self::from_values(&d)
    }
}

impl CubaParams {
    fn from_values(v: &[f64]) -> Self {
        CubaParams {
            n_exc: v[0] as usize,
            n_inh: v[1] as usize,
            p: v[2],
            we: v[3],
            wi: v[4],
            tau_m: v[5],
            tau_e: v[6],
            tau_i: v[7],
            e_l: v[8],
            v_th: v[9],
            v_reset: v[10],
            t_ref: v[11],
            delay: v[12],
        }
    }
}

fn build_entry(settings: &[ZooSetting<'_>], seed: u64) -> Result<Network> {
    let v = resolve("zoo 'cuba'", CUBA.params, settings)?;
    cuba(&CubaParams::from_values(&v), seed)
}

/// Initial values drawn per neuron from `RngStream(seed, InitialState, 0, first + i)`.
pub(crate) fn initial_values<T>(
    seed: u64,
    first: usize,
    n: usize,
    draw: impl Fn(&mut RngStream) -> T,
) -> Vec<T> {
    (0..n)
        .map(|i| {
            let mut rng = RngStream::new(seed, StreamKind::InitialState, 0, (first + i) as u64);
            draw(&mut rng)
        })
        .collect()
}

/// The E/I layout both Brette et al. (2007) benchmarks share: an excitatory and an
/// inhibitory population of `lif` neurons with the given parameters (each with its own
/// `v_init` array), every source population projecting onto both with Bernoulli `p`
/// (autapses allowed, as Brian's `connect(p=...)`), excitatory and inhibitory synapses of
/// their own kind, one delay.
#[allow(clippy::too_many_arguments)]
pub(crate) fn ei_network(
    seed: u64,
    sizes: (usize, usize),
    lif: &[(&'static str, ParamValue)],
    v_init: (Vec<f64>, Vec<f64>),
    p: f64,
    (w_exc, syn_exc): (f64, SynapseKind),
    (w_inh, syn_inh): (f64, SynapseKind),
    delay_ms: f64,
) -> Result<Network> {
    let mut net = Network::new(seed);
    let with_v = |v: Vec<f64>| {
        let mut ps = lif.to_vec();
        ps.push(("v_init", ParamValue::PerNeuron(v)));
        ps
    };
    let exc = net.add_population("exc", "lif", sizes.0, &with_v(v_init.0))?;
    let inh = net.add_population("inh", "lif", sizes.1, &with_v(v_init.1))?;
    for (src, w, kind, name) in [(exc, w_exc, syn_exc, "e"), (inh, w_inh, syn_inh, "i")] {
        for (tgt, tname) in [(exc, "e"), (inh, "i")] {
            let options = if src == tgt {
                ConnectOptions::recurrent()
            } else {
                ConnectOptions::default()
            };
            net.add_projection(
                ProjectionSpec::new(
                    format!("{name}->{tname}"),
                    src,
                    tgt,
                    Connectivity::Generated {
                        topology: Topology::Random { probability: p },
                        weight: w,
                        options,
                    },
                )
                .synapse(kind)
                .delay(Delay::Uniform(delay_ms * 1e-3)),
            )?;
        }
    }
    Ok(net)
}

/// Builds the CUBA network.
pub fn cuba(p: &CubaParams, seed: u64) -> Result<Network> {
    let lif = [
        ("tau_m", p.tau_m.into()),
        // R = tau_m / c_m = 1 GΩ: a weight in pA is Brian's jump of ge in mV.
        ("c_m", p.tau_m.into()),
        ("e_l", p.e_l.into()),
        ("v_th", p.v_th.into()),
        ("v_reset", p.v_reset.into()),
        ("t_ref", p.t_ref.into()),
    ];
    let uniform = |rng: &mut RngStream| p.v_reset + rng.uniform() * (p.v_th - p.v_reset);
    let v_init = (
        initial_values(seed, 0, p.n_exc, uniform),
        initial_values(seed, p.n_exc, p.n_inh, uniform),
    );
    ei_network(
        seed,
        (p.n_exc, p.n_inh),
        &lif,
        v_init,
        p.p,
        (
            p.we,
            SynapseKind::Exponential {
                tau_syn: p.tau_e * 1e-3,
            },
        ),
        (
            p.wi,
            SynapseKind::Exponential {
                tau_syn: p.tau_i * 1e-3,
            },
        ),
        p.delay,
    )
}
