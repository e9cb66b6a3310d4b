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

use crate::define::*;
use crate::reproduce::{mean_cv, rate_hz};
use sc_neurocore_core::{Result, RngStream, StreamKind};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_topology::{ConnectOptions, Topology};

crate::zoo_network! {
    /// Parameters of the CUBA network (units as in [`CUBA`]'s metadata).
    params: CubaParams,
    /// The zoo entry.
    entry: CUBA,
    name: "cuba",
    summary: "Brette et al. (2007) benchmark 2 (CUBA): Vogels & Abbott (2005) network of 3,200 \
              excitatory + 800 inhibitory LIF neurons, p = 0.02, exponential current synapses \
              (1.62 mV / -9 mV, tau 5 / 10 ms), E_L = -49 mV above threshold, as Brian2's \
              examples/CUBA.py; delay 0.1 ms.",
    default_run: (1.0, 1e-4),
    build: cuba,
    fields: {
        n_exc: usize = ("1", 3200.0, Closed(1.0, 1e9), "excitatory neurons"),
        n_inh: usize = ("1", 800.0, Closed(1.0, 1e9), "inhibitory neurons"),
        p: f64 = ("1", 0.02, Closed(0.0, 1.0), "connection probability of every (source, target) pair"),
        we: f64 = ("mV", 1.62, Finite, "excitatory weight: jump of ge (= R I, R = 1 GOhm, so also pA)"),
        wi: f64 = ("mV", -9.0, Finite, "inhibitory weight: jump of gi (negative)"),
        tau_m: f64 = ("ms", 20.0, Positive, "membrane time constant (c_m = tau_m pF/ms)"),
        tau_e: f64 = ("ms", 5.0, Positive, "excitatory synaptic time constant"),
        tau_i: f64 = ("ms", 10.0, Positive, "inhibitory synaptic time constant"),
        e_l: f64 = ("mV", -49.0, Finite, "resting potential (above threshold: intrinsic firing)"),
        v_th: f64 = ("mV", -50.0, Finite, "threshold"),
        v_reset: f64 = ("mV", -60.0, Finite, "reset potential"),
        t_ref: f64 = ("ms", 5.0, NonNegative, "refractory period"),
        delay: f64 = ("ms", 0.1, NonNegative, "synaptic delay (rounded to steps, at least one)"),
    },
    small: { n_exc: 160.0, n_inh: 40.0, p: 0.1 },
    reproduces: Reproduction {
        paper: "Brette et al. (2007) J Comput Neurosci 23:349, benchmark 2 (Vogels & Abbott 2005 \
                J Neurosci 25:10786), as Brian2's examples/CUBA.py",
        settings: &[],
        run: (1.0, 1e-4),
        note: "",
        window: (0.5, 1.0),
        statistics: &[
            Statistic {
                name: "rate of exc",
                unit: "Hz",
                definition: "spikes of the excitatory neurons / (n × duration)",
                published: Some(5.61),
                source: "Brian2 2.9 running the same network, seeds 1-3: 5.61 ± 0.11 Hz (NEST \
                         3.10: 5.56 ± 0.31 Hz; reference/peers/cuba.json; the papers give no \
                         rate)",
                measure: |o| rate_hz(o, o.spikes("exc")?, None, 0.0, f64::INFINITY),
            },
            Statistic {
                name: "ISI CV of exc",
                unit: "1",
                definition: "mean over excitatory neurons with at least 3 spikes of std(ISI) / \
                             mean(ISI)",
                published: Some(0.516),
                source: "Brian2 2.9, seeds 1-3: 0.516 ± 0.006 (NEST 3.10: 0.527 ± 0.007)",
                measure: |o| mean_cv(o, o.spikes("exc")?, 0.0, f64::INFINITY),
            },
        ],
    },
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
