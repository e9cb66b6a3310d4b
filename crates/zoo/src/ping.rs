//! Pyramidal–interneuron network gamma (PING), the mechanism Börgers & Kopell (2003) Neural
//! Comput. 15:509 analyse: excitatory cells (E) driven above threshold, inhibitory cells (I)
//! without drive, excited by E. A volley of E spikes makes every I cell fire once; the I
//! volley inhibits the E cells, which fire again when the inhibition has decayed enough for
//! their drive to bring them to threshold. The period is thus set by the decay time of
//! inhibition and the strengths of drive and inhibition (Börgers & Kopell: about
//! τ_I ln(ḡ_IE / (drive above threshold)) for strong inhibition), in the gamma band for
//! GABA_A decay times; sparse random connectivity only loosens the synchrony as long as the
//! expected number of inputs per cell is large (their main result).
//!
//! Here with leaky integrate-and-fire cells (`lif`, c_m = tau_m · 1 pF/ms so that R = 1 GΩ
//! and every current and weight below is in mV of R I) and exponential current synapses:
//!
//! ```text
//! E: tau_m 10 ms, E_L = V_reset = -65 mV, V_th -50 mV, t_ref 2 ms,
//!    drive R I_E = drive_e ± drive_sd (normal, per cell: 20 ± 1 mV, i.e. 5 mV above threshold)
//! I: the same, no drive
//! E -> I: p 0.5, weight w_ei (2 mV of current per spike, tau_e 2 ms): enough for the E
//!         cells' asynchronous firing at the start to fire the I cells
//! I -> E: p 0.5, weight -w_ie (0.5 mV per spike, tau_i 10 ms): a full I volley gives E
//!         cells an inhibitory current of about n_inh p w_ie = 12.5 mV decaying with tau_i
//! delay 0.5 ms, no E -> E or I -> I synapses; V(0) uniform in [V_reset, V_th)
//! ```
//!
//! These values are ours (Börgers & Kopell's cells are theta neurons and their currents are
//! in their model's units); what is reproduced is their analysis: the rhythm's period is
//! that of the synchronous solution of the network (every E cell firing at once, then every
//! I cell), which `PingParams::synchronous_period_ms` computes for the given parameters by
//! integrating one E cell and one I cell that stand for the synchronous populations, each
//! receiving the mean total input (n p w) of its population. For the defaults that period is
//! 25.3 ms (39.6 Hz; 31.6 Hz with w_ie = 1 mV); `tests/ping.rs` checks that the network's
//! population rhythm has that frequency (measured: 40.0 and 31.25 Hz, at the spectrum's
//! 1.25 Hz resolution, for each of 4 seeds) and lies in the gamma band (30–80 Hz), and that
//! every I cell fires once per cycle. (Without inhibition the E cells would fire at 72 Hz.
//! Too weak or too brief inhibition loses the rhythm, as Börgers & Kopell describe: with
//! tau_i = 5 ms the I cells fire only every other E cycle.)
//!
//! Populations: 0 `exc` (E), 1 `inh` (I).

use crate::define::*;
use crate::reproduce::{peak_frequency, rate_hz};
use sc_neurocore_core::{Result, RngStream};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_topology::{ConnectOptions, Topology};

crate::zoo_network! {
    /// Parameters of the PING network (units as in [`PING`]'s metadata).
    params: PingParams,
    /// The zoo entry.
    entry: PING,
    name: "ping",
    summary: "Pyramidal-interneuron gamma (PING) as analysed by Borgers & Kopell (2003): 200 \
              driven excitatory and 50 undriven inhibitory LIF cells, E -> I and I -> E random \
              (p = 0.5) with exponential current synapses (tau 2 / 10 ms); E volleys fire the \
              I cells, whose inhibition paces the E cells: a population rhythm near 40 Hz, \
              the period of the network's synchronous solution.",
    default_run: (1.0, 1e-4),
    build: ping,
    fields: {
        n_exc: usize = ("1", 200.0, Closed(1.0, 1e9), "excitatory (E) cells"),
        n_inh: usize = ("1", 50.0, Closed(1.0, 1e9), "inhibitory (I) cells"),
        tau_m: f64 = ("ms", 10.0, Positive, "membrane time constant of E and I (c_m = tau_m pF/ms)"),
        e_l: f64 = ("mV", -65.0, Finite, "resting potential"),
        v_th: f64 = ("mV", -50.0, Finite, "threshold"),
        v_reset: f64 = ("mV", -65.0, Finite, "reset potential"),
        t_ref: f64 = ("ms", 2.0, NonNegative, "refractory period"),
        drive_e: f64 = ("mV", 20.0, Finite, "mean drive of the E cells (R I_E; threshold is 15)"),
        drive_sd: f64 = ("mV", 1.0, NonNegative, "standard deviation of the E drives across cells"),
        drive_i: f64 = ("mV", 0.0, Finite, "drive of the I cells (R I_I)"),
        p_ei: f64 = ("1", 0.5, Closed(0.0, 1.0), "connection probability E -> I"),
        p_ie: f64 = ("1", 0.5, Closed(0.0, 1.0), "connection probability I -> E"),
        w_ei: f64 = ("mV", 2.0, NonNegative, "E -> I weight (jump of the I cell's R I)"),
        w_ie: f64 = ("mV", 0.5, NonNegative, "I -> E weight (jump of the E cell's inhibitory R I)"),
        tau_e: f64 = ("ms", 2.0, Positive, "decay time of excitation (AMPA)"),
        tau_i: f64 = ("ms", 10.0, Positive, "decay time of inhibition (GABA_A)"),
        delay: f64 = ("ms", 0.5, NonNegative, "synaptic delay (rounded to steps, at least one)"),
    },
    small: { n_exc: 40.0, n_inh: 10.0 },
    reproduces: Reproduction {
        paper: "Börgers & Kopell (2003) Neural Comput 15:509 (the PING rhythm's period is that \
                of the network's synchronous E-I solution)",
        settings: &[],
        run: (1.0, 1e-4),
        note: "",
        window: (0.8, 1.0),
        statistics: &[
            Statistic {
                name: "frequency of the E rhythm",
                unit: "Hz",
                definition: "highest peak above 10 Hz of the power spectrum of the E cells' \
                             spike count in 1 ms bins from 0.2 s on",
                published: Some(39.6),
                source: "Börgers & Kopell's analysis for these parameters: the period of the \
                         synchronous E-I solution, 25.3 ms (PingParams::synchronous_period_ms)",
                measure: |o| e_rhythm_hz(o),
            },
            Statistic {
                name: "I spikes per I cell per cycle",
                unit: "1",
                definition: "I spikes from 0.2 s on / (n_inh × cycles in that time at the E \
                             rhythm's frequency)",
                published: Some(1.0),
                source: "Börgers & Kopell: each E volley fires every I cell once",
                measure: |o| {
                    let f = e_rhythm_hz(o)?;
                    Some(rate_hz(o, o.spikes("inh")?, None, 0.2, f64::INFINITY)? / f)
                },
            },
        ],
    },
}

/// The frequency of the E cells' population rhythm (see [`PING`]'s statistics).
fn e_rhythm_hz(o: &Outcome<'_>) -> Option<f64> {
    let e = o.spikes("exc")?.times();
    peak_frequency(o, e, (0.2, f64::INFINITY), 1e-3, (10.0, 500.0))
}

impl PingParams {
    /// The period (ms) of the network's synchronous solution: one E cell with the mean drive
    /// and one I cell, the I cell receiving `n_exc p_ei w_ei` per E spike, the E cell
    /// `n_inh p_ie w_ie` of inhibition per I spike, integrated with forward Euler at 1 µs
    /// (exact enough: the error is far below the tolerance of the test); the mean of the
    /// E cell's interspike intervals after the first 200 ms of `t_ms`.
    pub fn synchronous_period_ms(&self, t_ms: f64) -> f64 {
        let h = 1e-3;
        let d = ((self.delay / h).round() as usize).max(1);
        let (w_e, w_i) = (
            self.n_exc as f64 * self.p_ei * self.w_ei,
            self.n_inh as f64 * self.p_ie * self.w_ie,
        );
        let (mut ve, mut vi, mut ie, mut ii) = (self.v_reset, self.v_reset, 0.0, 0.0);
        let (mut ref_e, mut ref_i) = (0.0, 0.0);
        let steps = (t_ms / h) as usize;
        let mut e_spike = vec![false; steps + d + 1];
        let mut i_spike = vec![false; steps + d + 1];
        let mut spikes = Vec::new();
        for k in 0..steps {
            if k >= d && e_spike[k - d] {
                ie += w_e;
            }
            if k >= d && i_spike[k - d] {
                ii += w_i;
            }
            let t = k as f64 * h;
            if ref_e > 0.0 {
                ref_e -= h;
            } else {
                ve += h / self.tau_m * (-(ve - self.e_l) + self.drive_e - ii);
                if ve >= self.v_th {
                    ve = self.v_reset;
                    ref_e = self.t_ref;
                    e_spike[k] = true;
                    spikes.push(t);
                }
            }
            if ref_i > 0.0 {
                ref_i -= h;
            } else {
                vi += h / self.tau_m * (-(vi - self.e_l) + self.drive_i + ie);
                if vi >= self.v_th {
                    vi = self.v_reset;
                    ref_i = self.t_ref;
                    i_spike[k] = true;
                }
            }
            ie -= h / self.tau_e * ie;
            ii -= h / self.tau_i * ii;
        }
        let late: Vec<f64> = spikes.into_iter().filter(|&t| t > 200.0).collect();
        if late.len() < 2 {
            return f64::INFINITY;
        }
        (late[late.len() - 1] - late[0]) / (late.len() - 1) as f64
    }
}

/// Builds the PING network: population 0 `exc`, 1 `inh`; projections `e->i`, `i->e`.
pub fn ping(p: &PingParams, seed: u64) -> Result<Network> {
    let mut net = Network::new(seed);
    let uniform = |rng: &mut RngStream| p.v_reset + rng.uniform() * (p.v_th - p.v_reset);
    // Per E cell, one stream: V(0), then its drive.
    let init_e = crate::cuba::initial_values(seed, 0, p.n_exc, |rng| {
        let v = uniform(rng);
        (v, p.drive_e + p.drive_sd * rng.normal())
    });
    let init_i = crate::cuba::initial_values(seed, p.n_exc, p.n_inh, uniform);
    let cell = |v0: Vec<f64>, drive: ParamValue| -> Vec<(&'static str, ParamValue)> {
        vec![
            ("tau_m", p.tau_m.into()),
            ("c_m", p.tau_m.into()),
            ("e_l", p.e_l.into()),
            ("v_th", p.v_th.into()),
            ("v_reset", p.v_reset.into()),
            ("t_ref", p.t_ref.into()),
            ("i_e", drive),
            ("v_init", ParamValue::PerNeuron(v0)),
        ]
    };
    let exc = net.add_population(
        "exc",
        "lif",
        p.n_exc,
        &cell(
            init_e.iter().map(|x| x.0).collect(),
            ParamValue::PerNeuron(init_e.iter().map(|x| x.1).collect()),
        ),
    )?;
    let inh = net.add_population("inh", "lif", p.n_inh, &cell(init_i, p.drive_i.into()))?;
    let delay = Delay::Uniform(p.delay * 1e-3);
    for (name, src, tgt, prob, w, tau) in [
        ("e->i", exc, inh, p.p_ei, p.w_ei, p.tau_e),
        ("i->e", inh, exc, p.p_ie, -p.w_ie, p.tau_i),
    ] {
        net.add_projection(
            ProjectionSpec::new(
                name,
                src,
                tgt,
                Connectivity::Generated {
                    topology: Topology::Random { probability: prob },
                    weight: w,
                    options: ConnectOptions::default(),
                },
            )
            .synapse(SynapseKind::Exponential {
                tau_syn: tau * 1e-3,
            })
            .delay(delay.clone()),
        )?;
    }
    Ok(net)
}
