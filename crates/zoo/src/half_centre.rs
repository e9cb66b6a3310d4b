//! A half-centre oscillator, the central pattern generator of Brown (1911, Proc. R. Soc. B
//! 84:308) in the form Wang & Rinzel (1992) Neural Comput. 4:84 analyse ("Alternating and
//! synchronous rhythms in reciprocally inhibitory model neurons"): two populations, each
//! driven tonically, inhibit each other; only one fires at a time, and a slow process in the
//! active side ends its burst. Here that process is spike-frequency adaptation (Wang &
//! Rinzel's "escape" mechanism, with adaptation where their cells have a slow inactivating
//! current): while the left side fires, its adaptation current grows and its rate falls, the
//! inhibition it exerts falls with it, and the right side, whose adaptation has decayed
//! meanwhile, escapes and takes over. The two sides alternate in anti-phase, each burst
//! lasting about half the period; the period is set by the adaptation time constant and the
//! balance of drive, adaptation and inhibition.
//!
//! Cells: `adex` with Brette & Gerstner's (2005) parameters (C 281 pF, g_L 30 nS, E_L
//! -70.6 mV, V_T -50.4 mV, Δ_T 2 mV, τ_w 144 ms, a 4 nS, b 80.5 pA, V_reset -70.6 mV),
//! `n` per side, driven by `drive` ± `drive_sd` pA (normal across cells; the rheobase is
//! about 550 pA). Each side inhibits every cell of the other through exponential current
//! synapses (`w_inh` pA per spike, `tau_inh` 10 ms, delay 1 ms); no connections within a
//! side. The symmetry is broken by the initial adaptation: the right side starts with
//! w = `w0_right` (the left side starts at rest, w = 0), so the left side fires first.
//!
//! What is reproduced: the alternation (each side silent while the other fires) and
//! anti-phase (the right side's bursts start about half a period after the left side's),
//! with a period of a few adaptation time constants (0.37–0.50 s over seeds 1–4 at the
//! defaults; `tests/half_centre.rs`). Not reproduced: a period from a published source (the
//! parameters are ours, not those of a published half-centre model).
//!
//! Populations: 0 `left`, 1 `right`.

use crate::define::*;
use sc_neurocore_core::{Result, RngStream};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_topology::{ConnectOptions, Topology};

crate::zoo_network! {
    /// Parameters of the half-centre oscillator (units as in [`HALF_CENTRE`]'s metadata).
    params: HalfCentreParams,
    /// The zoo entry.
    entry: HALF_CENTRE,
    name: "half_centre",
    summary: "Half-centre central pattern generator (Brown 1911; the escape mechanism of \
              Wang & Rinzel 1992 with spike-frequency adaptation): two populations of 20 \
              tonically driven AdEx cells (Brette & Gerstner 2005 parameters) inhibiting \
              each other; adaptation ends each side's burst, and the sides alternate in \
              anti-phase.",
    default_run: (5.0, 1e-4),
    build: half_centre,
    fields: {
        n: usize = ("1", 20.0, Closed(1.0, 1e8), "cells per side"),
        drive: f64 = ("pA", 800.0, Finite, "mean tonic drive of every cell (rheobase about 550 pA)"),
        drive_sd: f64 = ("pA", 20.0, NonNegative, "standard deviation of the drives across cells"),
        w_inh: f64 = ("pA", 60.0, NonNegative, "inhibitory current per spike onto every cell of the other side (total: n w_inh)"),
        tau_inh: f64 = ("ms", 10.0, Positive, "decay time of the inhibitory current"),
        delay: f64 = ("ms", 1.0, NonNegative, "synaptic delay (rounded to steps, at least one)"),
        tau_w: f64 = ("ms", 144.0, Positive, "adaptation time constant"),
        a: f64 = ("nS", 4.0, Finite, "subthreshold adaptation"),
        b: f64 = ("pA", 80.5, Finite, "spike-triggered adaptation"),
        w0_right: f64 = ("pA", 300.0, Finite, "initial adaptation current of the right side (breaks the symmetry)"),
    },
    small: { n: 5.0 },
    reproduces: Reproduction {
        paper: "Brown (1911) Proc R Soc B 84:308 (the half-centre); Wang & Rinzel (1992) Neural \
                Comput 4:84 (alternation by escape)",
        settings: &[],
        run: (5.0, 1e-4),
        note: "",
        window: (1.0, 5.0),
        statistics: &[
            Statistic {
                name: "phase of the right side",
                unit: "cycles",
                definition: "mean onset of a right burst after the preceding left burst's onset, \
                             over the period (10 ms bins from 1 s on, each owned by the side \
                             firing more)",
                published: Some(0.5),
                source: "anti-phase alternation (Brown 1911; Wang & Rinzel 1992)",
                measure: |o| alternation(o).map(|a| a.1),
            },
            Statistic {
                name: "period",
                unit: "s",
                definition: "mean left burst + mean right burst (bursts: runs of bins one side \
                             owns, the first and last dropped)",
                published: None,
                source: "no published value: the parameters are ours; of the order of a few \
                         adaptation time constants (tau_w = 144 ms)",
                measure: |o| alternation(o).map(|a| a.0),
            },
        ],
    },
}

/// (period s, phase of the right side in cycles) of the alternation after 1 s (see
/// [`HALF_CENTRE`]'s statistics; `tests/half_centre.rs` measures the same).
fn alternation(o: &Outcome<'_>) -> Option<(f64, f64)> {
    let (t0, t1, bin) = (1.0, o.duration(), 10e-3);
    if t1 <= t0 + bin {
        return None;
    }
    let n = ((t1 - t0) / bin).round() as usize;
    let count = |side: &str| -> Option<Vec<f64>> {
        let mut c = vec![0.0; n];
        for &t in o.spikes(side)?.times() {
            if t >= t0 {
                c[(((t - t0) / bin) as usize).min(n - 1)] += 1.0;
            }
        }
        Some(c)
    };
    let (l, r) = (count("left")?, count("right")?);
    let mut owner = Vec::with_capacity(n);
    let mut cur = usize::from(l[0] < r[0]);
    for k in 0..n {
        if l[k] > r[k] {
            cur = 0;
        } else if r[k] > l[k] {
            cur = 1;
        }
        owner.push(cur);
    }
    // Bursts: (side, onset bin, length); the first and last are cut by the window.
    let mut bursts: Vec<(usize, usize, usize)> = Vec::new();
    for (k, &side) in owner.iter().enumerate() {
        match bursts.last_mut() {
            Some(b) if b.0 == side => b.2 += 1,
            _ => bursts.push((side, k, 1)),
        }
    }
    if bursts.len() < 4 {
        return None;
    }
    let inner = &bursts[1..bursts.len() - 1];
    let mean_len = |side: usize| -> Option<f64> {
        let v: Vec<f64> = inner
            .iter()
            .filter(|b| b.0 == side)
            .map(|b| b.2 as f64)
            .collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64 * bin)
    };
    let period = mean_len(0)? + mean_len(1)?;
    let phases: Vec<f64> = inner
        .windows(2)
        .filter(|w| w[0].0 == 0 && w[1].0 == 1)
        .map(|w| (w[1].1 - w[0].1) as f64 * bin / period)
        .collect();
    (!phases.is_empty()).then(|| (period, phases.iter().sum::<f64>() / phases.len() as f64))
}

/// Builds the half-centre: population 0 `left`, 1 `right`; projections `left->right`,
/// `right->left`.
pub fn half_centre(p: &HalfCentreParams, seed: u64) -> Result<Network> {
    let mut net = Network::new(seed);
    let mut pops = [0usize; 2];
    for (side, (label, w0)) in [("left", 0.0), ("right", p.w0_right)].iter().enumerate() {
        let drives = crate::cuba::initial_values(seed, side * p.n, p.n, |rng: &mut RngStream| {
            p.drive + p.drive_sd * rng.normal()
        });
        pops[side] = net.add_population(
            label,
            "adex",
            p.n,
            &[
                ("c_m", 281.0.into()),
                ("g_l", 30.0.into()),
                ("e_l", (-70.6).into()),
                ("v_t", (-50.4).into()),
                ("delta_t", 2.0.into()),
                ("tau_w", p.tau_w.into()),
                ("a", p.a.into()),
                ("b", p.b.into()),
                ("v_reset", (-70.6).into()),
                ("i_e", ParamValue::PerNeuron(drives)),
                ("v_init", (-70.6).into()),
                ("w_init", (*w0).into()),
            ],
        )?;
    }
    for (name, src, tgt) in [
        ("left->right", pops[0], pops[1]),
        ("right->left", pops[1], pops[0]),
    ] {
        net.add_projection(
            ProjectionSpec::new(
                name,
                src,
                tgt,
                Connectivity::Generated {
                    topology: Topology::AllToAll,
                    weight: -p.w_inh,
                    options: ConnectOptions::default(),
                },
            )
            .synapse(SynapseKind::Exponential {
                tau_syn: p.tau_inh * 1e-3,
            })
            .delay(Delay::Uniform(p.delay * 1e-3)),
        )?;
    }
    Ok(net)
}
