//! Diesmann, Gewaltig & Aertsen (1999) Nature 402:529, "Stable propagation of synchronous
//! spiking in cortical neural networks": a synfire chain of 10 groups of 100
//! integrate-and-fire neurons, each group projecting all-to-all onto the next, with
//! background noise. A pulse packet (a spikes with temporal spread σ) injected into the
//! first group either propagates, converging to an attractor of about 100 spikes (every
//! neuron of a group fires once) with a spread of a fraction of a millisecond, or, when it
//! is too weak or too dispersed, dies out within a few groups (the paper's (a, σ) state
//! space, Fig. 3: a stable fixed point at about 100 spikes with a sub-millisecond spread,
//! and a separatrix below which packets decay to the background).
//!
//! Reproduced (`tests/synfire.rs`, 8 seeds): from (a, σ) = (85, 1 ms) and (100, 3 ms) the
//! packet in groups 8–10 holds 100 ± 3 spikes with σ between 0.2 and 0.7 ms (mean about
//! 0.45 ms); from (30, 3 ms) it is gone (background only) by group 3; (60, 2 ms) lies near
//! the separatrix and survives in 2 of 8 seeds.
//!
//! Defined as Brian2's `examples/frompapers/Diesmann_et_al_1999.py` defines the paper's
//! model:
//!
//! ```text
//! dV/dt = (-(V - Vr) + x) / taum                       Vr -70 mV, Vt -55 mV, taum 10 ms
//! dx/dt = (-x + y) / taupsp                            taupsp 0.325 ms (alpha current)
//! dy/dt = -y / taupsp + 25.27 mV/ms + 39.24 mV/ms^0.5 xi      (background)
//! threshold V > Vt, reset V = Vr, refractory 1 ms
//! on_pre: y += 4.86 mV   (an EPSP of about 0.14 mV rising in 1.7 ms, the paper's)
//! group k -> group k+1 all-to-all, no delay; input: a pulse packet of 85 spikes,
//! spread 1 ms, at 50 ms onto every neuron of group 1; V(0) uniform in [Vr, Vt)
//! ```
//!
//! # Mapping onto the engine
//!
//! * `lif` with **c_m = tau_m · 1 pF/ms** (R = 1 GΩ), so that a current of x pA is Brian's
//!   x mV, and `alpha` synapses of `tau_syn` = taupsp: our alpha current peaks at its
//!   weight, Brian's at y/e, so a weight of 4.86 mV (Brian's jump of y) is
//!   4.86/e = 1.788 pA here; the current is held at its value at the start of each step
//!   (0.9 % less charge per PSC than the exact integral at dt = 0.1 ms).
//! * Background: the drift of y is a constant current `i_e = 25.27 · taupsp` = 8.21 pA (the
//!   mean of x it produces); the white noise of y is two Poisson inputs through the same
//!   alpha synapse, jumps of ±`bg_jump` (Brian's y units, default 2 mV) each at the rate
//!   `bg_sd² / (2 bg_jump²)` (192 kHz), which gives y the same mean and variance (near the
//!   diffusion limit: a jump is 1/6 of the noise's standard deviation over one 0.1 ms
//!   step, and moves V by 0.065 mV).
//! * The pulse packet is population `packet` of `packet_n` spike sources: `lif` neurons that
//!   a `TimedArray` current of 10⁶ pA makes fire in the 0.1 ms bin of their spike time,
//!   drawn normal(`packet_t`, `packet_sigma`) from `RngStream(seed, Stimulus, 0, i)`
//!   (rounded to the 0.1 ms grid). It projects all-to-all onto group 1 with the chain's
//!   weight.
//!
//! # Differences from the Brian2 example (all of them)
//!
//! * **Delay 0.1 ms** (one step, our minimum) instead of Brian's zero delay.
//! * The noise of y is Poisson shot noise of the same mean and variance instead of white
//!   noise (see above), and V, x, y are integrated exactly over each step (Brian: Euler).
//! * Initial potentials from `RngStream(seed, InitialState, 0, global neuron id)`, the
//!   packet's spike times from our streams: the same distributions, other numbers.
//!
//! Populations: 0 `packet`, then `group1` … `group10` (each `group_size`).

use crate::define::*;
use sc_neurocore_core::{Result, RngStream, StreamKind};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_stimuli::{PoissonInput, StimulusSpec, TimedArray};
use sc_neurocore_topology::{ConnectOptions, Topology};

/// The packet's time grid (s): each source fires in the bin of its spike time.
const PACKET_BIN_S: f64 = 1e-4;

crate::zoo_network! {
    /// Parameters of the synfire chain (units as in [`SYNFIRE`]'s metadata).
    params: SynfireParams,
    /// The zoo entry.
    entry: SYNFIRE,
    name: "synfire",
    summary: "Diesmann, Gewaltig & Aertsen (1999) synfire chain: 10 groups of 100 LIF neurons \
              (alpha currents, tau 0.325 ms, EPSP 0.14 mV), each group all-to-all onto the \
              next, background noise; a pulse packet (85 spikes, sd 1 ms, at 50 ms) into \
              group 1 propagates and converges to about 100 spikes with a sub-millisecond \
              spread, a weak one dies out; as Brian2's frompapers/Diesmann_et_al_1999.py; \
              delay 0.1 ms.",
    default_run: (0.1, 1e-4),
    build: synfire,
    fields: {
        n_groups: usize = ("1", 10.0, Closed(1.0, 1e6), "groups in the chain"),
        group_size: usize = ("1", 100.0, Closed(1.0, 1e6), "neurons per group"),
        tau_m: f64 = ("ms", 10.0, Positive, "membrane time constant (c_m = tau_m pF/ms)"),
        v_rest: f64 = ("mV", -70.0, Finite, "resting potential"),
        v_th: f64 = ("mV", -55.0, Finite, "threshold"),
        v_reset: f64 = ("mV", -70.0, Finite, "reset potential"),
        t_ref: f64 = ("ms", 1.0, NonNegative, "refractory period"),
        tau_syn: f64 = ("ms", 0.325, Positive, "alpha-current time constant (time to peak)"),
        weight: f64 = ("mV", 4.86, Finite, "jump of Brian's y per spike (peak current weight/e)"),
        bg_mean: f64 = ("mV/ms", 25.27, Finite, "background drift of y (i_e = bg_mean tau_syn)"),
        bg_sd: f64 = ("mV/ms^0.5", 39.24, NonNegative, "background noise amplitude of y"),
        bg_jump: f64 = ("mV", 2.0, Positive, "jump of y of each background shot-noise spike"),
        delay: f64 = ("ms", 0.1, NonNegative, "synaptic delay (rounded to steps, at least one)"),
        packet_n: usize = ("1", 85.0, Closed(0.0, 1e6), "spikes in the initial pulse packet (a)"),
        packet_sigma: f64 = ("ms", 1.0, NonNegative, "temporal spread (sd) of the packet (sigma)"),
        packet_t: f64 = ("ms", 50.0, NonNegative, "mean time of the packet"),
    },
    small: { n_groups: 3.0, group_size: 20.0 },
    reproduces: Reproduction {
        paper: "Diesmann, Gewaltig & Aertsen (1999) Nature 402:529, Fig. 3 (the pulse packet's \
                attractor), as Brian2's frompapers/Diesmann_et_al_1999.py",
        settings: &[],
        run: (0.1, 1e-4),
        note: "",
        window: (0.0, 0.1),
        statistics: &[
            Statistic {
                name: "packet size in the last group",
                unit: "spikes",
                definition: "spikes of the last group within ±5 ms of their median time after \
                             the packet's onset (a, as the paper's Fig. 3)",
                published: Some(100.0),
                source: "Fig. 3, read from the figure: the stable fixed point, every one of the \
                         group's 100 neurons firing once",
                measure: |o| last_packet(o).map(|p| p.0),
            },
            Statistic {
                name: "packet spread in the last group",
                unit: "ms",
                definition: "standard deviation of those spike times (sigma, as Fig. 3)",
                published: None,
                source: "Fig. 3: a fraction of a millisecond at the fixed point (no number given)",
                measure: |o| last_packet(o).and_then(|p| p.1),
            },
        ],
    },
}

/// The pulse packet in the last group, as Diesmann et al. measure it (Fig. 3): the spikes
/// after the packet's onset (its mean time minus 3 spreads, at least 3 ms) within ±5 ms of
/// their median time: (their number, their standard deviation in ms; none without spikes).
fn last_packet(o: &Outcome<'_>) -> Option<(f64, Option<f64>)> {
    let group = format!("group{}", o.param("n_groups")?);
    let d = o.spikes(&group)?;
    let onset = (o.param("packet_t")? - 3.0 * o.param("packet_sigma")?.max(1.0)) * 1e-3;
    let mut t: Vec<f64> = d.times().iter().copied().filter(|&t| t > onset).collect();
    if t.is_empty() {
        return Some((0.0, None));
    }
    t.sort_by(f64::total_cmp);
    let median = t[t.len() / 2];
    let w: Vec<f64> = t
        .into_iter()
        .filter(|x| (x - median).abs() <= 5e-3)
        .collect();
    let n = w.len() as f64;
    let mean = w.iter().sum::<f64>() / n;
    let sd = (w.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    Some((n, Some(sd * 1e3)))
}

impl SynfireParams {
    /// Rate of each of the two background Poisson inputs, Hz.
    pub fn bg_rate_hz(&self) -> f64 {
        self.bg_sd * self.bg_sd / (2.0 * self.bg_jump * self.bg_jump) * 1e3
    }

    /// The packet's spike times (s), one per source, on the 0.1 ms grid (bin starts).
    pub fn packet_times(&self, seed: u64) -> Vec<f64> {
        (0..self.packet_n)
            .map(|i| {
                let mut rng = RngStream::new(seed, StreamKind::Stimulus, 0, i as u64);
                let t = (self.packet_t + self.packet_sigma * rng.normal()) * 1e-3;
                (t.max(0.0) / PACKET_BIN_S).floor() * PACKET_BIN_S
            })
            .collect()
    }
}

/// Builds the synfire chain: population 0 `packet` (when `packet_n > 0`), then the groups.
pub fn synfire(p: &SynfireParams, seed: u64) -> Result<Network> {
    let mut net = Network::new(seed);
    let e = std::f64::consts::E;
    let syn = SynapseKind::Alpha {
        tau_syn: p.tau_syn * 1e-3,
    };
    let delay = Delay::Uniform(p.delay * 1e-3);
    let all = |label: String, src, tgt| {
        ProjectionSpec::new(
            label,
            src,
            tgt,
            Connectivity::Generated {
                topology: Topology::AllToAll,
                weight: p.weight / e,
                options: ConnectOptions::default(),
            },
        )
        .synapse(syn)
        .delay(delay.clone())
    };
    let mut first = 0usize;
    let packet = if p.packet_n > 0 {
        let pk = net.add_population(
            "packet",
            "lif",
            p.packet_n,
            &[
                ("tau_m", 1.0.into()),
                ("c_m", 1.0.into()),
                ("e_l", 0.0.into()),
                ("v_th", 1.0.into()),
                ("v_reset", 0.0.into()),
                ("t_ref", 1.0.into()),
                ("v_init", 0.0.into()),
            ],
        )?;
        let times = p.packet_times(seed);
        let bins = times
            .iter()
            .map(|t| (t / PACKET_BIN_S).round() as usize)
            .max()
            .unwrap_or(0)
            + 2;
        let mut values = vec![0.0; bins * p.packet_n];
        for (j, t) in times.iter().enumerate() {
            values[(t / PACKET_BIN_S).round() as usize * p.packet_n + j] = 1e6;
        }
        net.add_stimulus(
            "packet",
            StimulusSpec::Timed(TimedArray::per_neuron(values, p.packet_n, PACKET_BIN_S)?),
            Some(pk),
            SynapseKind::Delta,
        )?;
        first = p.packet_n;
        Some(pk)
    } else {
        None
    };
    let uniform = |rng: &mut RngStream| p.v_reset + rng.uniform() * (p.v_th - p.v_reset);
    let rate = p.bg_rate_hz();
    let mut groups = Vec::with_capacity(p.n_groups);
    for k in 0..p.n_groups {
        let v0 = crate::cuba::initial_values(seed, first, p.group_size, uniform);
        first += p.group_size;
        let g = net.add_population(
            &format!("group{}", k + 1),
            "lif",
            p.group_size,
            &[
                ("tau_m", p.tau_m.into()),
                ("c_m", p.tau_m.into()),
                ("e_l", p.v_rest.into()),
                ("v_th", p.v_th.into()),
                ("v_reset", p.v_reset.into()),
                ("t_ref", p.t_ref.into()),
                ("i_e", (p.bg_mean * p.tau_syn).into()),
                ("v_init", ParamValue::PerNeuron(v0)),
            ],
        )?;
        if rate > 0.0 {
            for (name, sign) in [("bg+", 1.0), ("bg-", -1.0)] {
                net.add_stimulus(
                    &format!("{name} group{}", k + 1),
                    StimulusSpec::Poisson(PoissonInput::new(
                        p.group_size,
                        rate,
                        sign * p.bg_jump / e,
                    )?),
                    Some(g),
                    syn,
                )?;
            }
        }
        groups.push(g);
    }
    if let (Some(pk), Some(&g1)) = (packet, groups.first()) {
        net.add_projection(all("packet->group1".into(), pk, g1))?;
    }
    for k in 1..groups.len() {
        net.add_projection(all(
            format!("group{}->group{}", k, k + 1),
            groups[k - 1],
            groups[k],
        ))?;
    }
    Ok(net)
}
