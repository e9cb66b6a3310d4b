//! Compte, Brunel, Goldman-Rakic & Wang (2000) Cereb. Cortex 10:910, "Synaptic mechanisms
//! and network dynamics underlying spatial working memory in a cortical network model": a
//! ring of 2,048 pyramidal cells and 512 interneurons, each with a preferred angle, whose
//! NMDA-mediated recurrent excitation falls off with the angular distance. A brief cue at
//! one angle starts a bump of activity that persists after the cue is removed, at the cued
//! angle: the memory of the cue during the delay.
//!
//! # The model (Compte et al. 2000, Methods)
//!
//! ```text
//! C_m dV/dt = -g_L (V - E_L) - I_syn + I_cue,  V >= V_th -> spike, V = V_reset for t_ref
//!   pyramidal: C_m 0.5 nF, g_L 25 nS, t_ref 2 ms; interneuron: C_m 0.2 nF, g_L 20 nS,
//!   t_ref 1 ms; E_L = -70 mV, V_th = -50 mV, V_reset = -60 mV
//! external: 1.8 kHz Poisson onto every cell, AMPA (tau 2 ms, 0 mV), 3.1 nS (E), 2.38 nS (I)
//! recurrent, all-to-all (no autapses):
//!   E -> E  NMDA  0.381 nS x W(theta_i - theta_j)
//!   E -> I  NMDA  0.292 nS
//!   I -> E  GABA_A 1.336 nS, I -> I GABA_A 1.024 nS (tau 10 ms, -70 mV)
//!   NMDA: tau_rise 2 ms, tau_decay 100 ms, alpha 0.5 /ms, [Mg2+] 1 mM, 0 mV
//! W(d) = J- + (J+ - J-) exp(-d^2 / (2 sigma^2)), d the angular distance in (-180, 180],
//!   J+ = 1.62, sigma = 18 deg, J- such that the mean of W over the ring is 1
//! cells i = 0..N-1 of each population have the preferred angle 360 i / N
//! ```
//!
//! # Mapping onto the engine
//!
//! * Cells are `lif` (`tau_m = C_m / g_L`) driven by the runner's channel currents:
//!   `conductance` synapses for AMPA and GABA_A, the `nmda` kind for NMDA (NEST's
//!   `iaf_bw_2001` approximation of the saturating gating, docs/decisions.md). Weights are
//!   conductances in nS. E -> E has one weight per synapse (an explicit matrix,
//!   4.2 million synapses at the paper's size); the others are uniform.
//! * J- is computed from the continuum normalisation (1/360) ∫ W = 1, which with
//!   erf(180 / (sqrt 2 sigma)) gives J- = (1 - J+ a) / (1 - a), a = sqrt(2 pi) sigma
//!   erf(180 / (sqrt 2 sigma)) / 360, as the paper states it; on the discrete ring the row
//!   means differ from 1 by less than 1e-3.
//! * The cue is a current `cue_amp` into the pyramidal cells whose preferred angle lies
//!   within `cue_width / 2` of `cue_angle`, from `cue_onset` for `cue_duration` (a
//!   `StepCurrent`). The paper's cue is a current of this size and duration to the cells
//!   near the cued direction; its exact angular profile is a choice here.
//! * Delay 0.5 ms for every recurrent synapse; the external input acts at once. Initial
//!   V = E_L.
//!
//! # What it reproduces (crates/zoo/tests/compte_ring.rs)
//!
//! Before the cue the pyramidal cells fire at about 2 Hz everywhere on the ring. The cue
//! (200 pA for 250 ms to the cells within 18 deg) starts a bump that outlasts it: over the
//! last second of a 3 s delay, for cues at 10, 55, ..., 325 deg (seeds 1–8, dt = 0.1 ms), the
//! cells within 18 deg of the bump's centre fire at 36.9–38.7 Hz and those more than 90 deg
//! away at 0.8–0.9 Hz: the persistent activity tuned to the cue that the paper reports. The
//! centre diffuses (drifts of -13.9 to +14.6 deg after 3 s, RMS 8.7 deg, of both signs: the
//! random drift of the memory the paper describes), within sigma = 18 deg in every trial
//! (`cargo test --release -p sc-neurocore-zoo --test compte_ring -- --ignored --nocapture`,
//! 80 s on two loaded cores). CI checks cues at 90 and 270 deg over a 1.5 s delay.

use crate::define::*;
use sc_neurocore_core::{Csr, Error, Result};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{Connectivity, Delay, Network, ProjectionSpec, SynapseKind};
use sc_neurocore_stimuli::{PoissonInput, StepCurrent};
use sc_neurocore_topology::{ConnectOptions, Topology};

crate::zoo_network! {
    /// Parameters of the Compte et al. (2000) ring (units as in [`COMPTE_RING`]'s metadata).
    params: CompteRingParams,
    /// The zoo entry.
    entry: COMPTE_RING,
    name: "compte_ring",
    summary: "Compte, Brunel, Goldman-Rakic & Wang (2000) spatial working memory ring: 2,048 \
              pyramidal + 512 interneurons with preferred angles, all-to-all; NMDA recurrent \
              excitation falling off with angle (J+ = 1.62, sigma = 18 deg), GABA_A \
              inhibition, 1.8 kHz background; a 250 ms cue at 180 deg (from 1 s) starts a \
              bump of activity that persists at the cued angle through the delay.",
    default_run: (4.0, 1e-4),
    build: compte_ring,
    fields: {
        cue_angle: f64 = ("deg", 180.0, Closed(0.0, 360.0), "angle of the cue"),
        cue_width: f64 = ("deg", 36.0, Closed(0.0, 360.0), "the cue drives the pyramidal cells within cue_width / 2 of cue_angle"),
        cue_amp: f64 = ("pA", 200.0, Finite, "cue current"),
        cue_onset: f64 = ("ms", 1000.0, NonNegative, "cue onset"),
        cue_duration: f64 = ("ms", 250.0, NonNegative, "cue duration"),
        n_exc: usize = ("1", 2048.0, Closed(2.0, 1e6), "pyramidal cells"),
        n_inh: usize = ("1", 512.0, Closed(2.0, 1e6), "interneurons"),
        j_plus: f64 = ("1", 1.62, NonNegative, "E -> E weight between cells of the same angle, relative to the mean"),
        sigma: f64 = ("deg", 18.0, Positive, "width of the E -> E weight profile"),
        rate_ext: f64 = ("Hz", 1800.0, NonNegative, "background Poisson rate per cell"),
        g_ext_e: f64 = ("nS", 3.1, NonNegative, "background AMPA conductance onto pyramidal cells"),
        g_ext_i: f64 = ("nS", 2.38, NonNegative, "background AMPA conductance onto interneurons"),
        g_ee: f64 = ("nS", 0.381, NonNegative, "E -> E NMDA conductance (times W)"),
        g_ei: f64 = ("nS", 0.292, NonNegative, "E -> I NMDA conductance"),
        g_ie: f64 = ("nS", 1.336, NonNegative, "I -> E GABA_A conductance"),
        g_ii: f64 = ("nS", 1.024, NonNegative, "I -> I GABA_A conductance"),
        c_m_e: f64 = ("pF", 500.0, Positive, "pyramidal capacitance"),
        g_l_e: f64 = ("nS", 25.0, Positive, "pyramidal leak conductance"),
        c_m_i: f64 = ("pF", 200.0, Positive, "interneuron capacitance"),
        g_l_i: f64 = ("nS", 20.0, Positive, "interneuron leak conductance"),
        e_l: f64 = ("mV", -70.0, Finite, "leak reversal potential (and initial V)"),
        v_th: f64 = ("mV", -50.0, Finite, "threshold"),
        v_reset: f64 = ("mV", -60.0, Finite, "reset potential"),
        t_ref_e: f64 = ("ms", 2.0, NonNegative, "pyramidal refractory period"),
        t_ref_i: f64 = ("ms", 1.0, NonNegative, "interneuron refractory period"),
        tau_ampa: f64 = ("ms", 2.0, Positive, "AMPA decay time"),
        tau_gaba: f64 = ("ms", 10.0, Positive, "GABA_A decay time"),
        tau_nmda_rise: f64 = ("ms", 2.0, Positive, "NMDA gating rise time"),
        tau_nmda_decay: f64 = ("ms", 100.0, Positive, "NMDA decay time (above tau_nmda_rise)"),
        alpha_nmda: f64 = ("1/ms", 0.5, Positive, "NMDA gating coupling alpha"),
        mg: f64 = ("mM", 1.0, NonNegative, "extracellular Mg2+ concentration"),
        e_exc: f64 = ("mV", 0.0, Finite, "AMPA and NMDA reversal potential"),
        e_inh: f64 = ("mV", -70.0, Finite, "GABA_A reversal potential"),
        delay: f64 = ("ms", 0.5, NonNegative, "recurrent synaptic delay (rounded to steps, at least one)"),
    },
    small: { n_exc: 512.0, n_inh: 128.0 },
}

/// Index of each population in the network [`compte_ring`] builds.
pub mod pops {
    /// Pyramidal cells; cell i prefers 360 i / n_exc degrees.
    pub const EXC: usize = 0;
    /// Interneurons.
    pub const INH: usize = 1;
}

/// The error function for x >= 0 (for the weight normalisation): the series of
/// Abramowitz & Stegun 7.1.6, erf(x) = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) /
/// (1 3 5 ... (2n+1)), whose terms are all positive (no cancellation); 1 above x = 6
/// (1 - erf(6) < 3e-17).
fn erf(x: f64) -> f64 {
    if x > 6.0 {
        return 1.0;
    }
    let mut term = x;
    let mut sum = x;
    let mut n = 0.0;
    while term > 1e-17 * sum {
        n += 1.0;
        term *= 2.0 * x * x / (2.0 * n + 1.0);
        sum += term;
    }
    2.0 / std::f64::consts::PI.sqrt() * (-x * x).exp() * sum
}

impl CompteRingParams {
    /// J- from the normalisation (1/360) ∫ W = 1 over the ring (module docs).
    pub fn j_minus(&self) -> f64 {
        let a = (2.0 * std::f64::consts::PI).sqrt()
            * self.sigma
            * erf(180.0 / (std::f64::consts::SQRT_2 * self.sigma))
            / 360.0;
        (1.0 - self.j_plus * a) / (1.0 - a)
    }

    /// The relative E -> E weight between cells `d` degrees apart.
    pub fn weight_profile(&self, d: f64) -> f64 {
        let d = angular_distance(d, 0.0);
        let j_minus = self.j_minus();
        j_minus + (self.j_plus - j_minus) * (-d * d / (2.0 * self.sigma * self.sigma)).exp()
    }

    /// The preferred angle of pyramidal cell `i`, degrees.
    pub fn angle_of(&self, i: usize) -> f64 {
        360.0 * i as f64 / self.n_exc as f64
    }
}

/// The distance between two angles on the circle, degrees in [0, 180].
pub fn angular_distance(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

/// Builds the ring (see the module docs).
pub fn compte_ring(p: &CompteRingParams, seed: u64) -> Result<Network> {
    let object = "zoo 'compte_ring'";
    if p.tau_nmda_rise >= p.tau_nmda_decay {
        return Err(Error::out_of_range(
            object,
            "tau_nmda_rise",
            p.tau_nmda_rise,
            format!("(0, tau_nmda_decay = {}) ms", p.tau_nmda_decay),
        ));
    }
    if p.j_minus() < 0.0 {
        return Err(Error::invalid(
            object,
            format!(
                "j_plus = {} with sigma = {} deg needs J- = {} < 0 to keep the mean weight 1; \
                 lower j_plus or sigma",
                p.j_plus,
                p.sigma,
                p.j_minus()
            ),
        ));
    }
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
    let mut net = Network::new(seed);
    let exc = net.add_population("exc", "lif", p.n_exc, &cell(p.c_m_e, p.g_l_e, p.t_ref_e))?;
    let inh = net.add_population("inh", "lif", p.n_inh, &cell(p.c_m_i, p.g_l_i, p.t_ref_i))?;
    debug_assert_eq!([exc, inh], [pops::EXC, pops::INH]);

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
    // E -> E: the weight depends only on the index distance on the ring.
    let n = p.n_exc;
    let by_distance: Vec<f64> = (0..n)
        .map(|k| p.g_ee * p.weight_profile(p.angle_of(k)))
        .collect();
    let rows = (0..n)
        .map(|i| {
            (0..n)
                .filter(|&j| j != i)
                .map(|j| (j as u32, by_distance[(j + n - i) % n]))
                .collect()
        })
        .collect();
    net.add_projection(
        ProjectionSpec::new(
            "exc->exc nmda",
            exc,
            exc,
            Connectivity::Explicit(Csr::from_rows(n, rows)?),
        )
        .synapse(nmda)
        .delay(delay.clone()),
    )?;
    let no_autapses = ConnectOptions::default().autapses(false);
    let mut all = |label: &str, src, tgt, kind, weight| {
        net.add_projection(
            ProjectionSpec::new(
                label,
                src,
                tgt,
                Connectivity::Generated {
                    topology: Topology::AllToAll,
                    weight,
                    options: no_autapses,
                },
            )
            .synapse(kind)
            .delay(delay.clone()),
        )
        .map(drop)
    };
    all("exc->inh nmda", exc, inh, nmda, p.g_ei)?;
    all("inh->exc gaba", inh, exc, gaba, p.g_ie)?;
    all("inh->inh gaba", inh, inh, gaba, p.g_ii)?;

    for (pop, g) in [(exc, p.g_ext_e), (inh, p.g_ext_i)] {
        let n = net.populations()[pop].n;
        let label = format!("{}_background", net.populations()[pop].label);
        net.add_stimulus(
            &label,
            PoissonInput::new(n, p.rate_ext, g)?.into(),
            Some(pop),
            ampa,
        )?;
    }
    let amplitude: Vec<f64> = (0..n)
        .map(|i| {
            if angular_distance(p.angle_of(i), p.cue_angle) <= p.cue_width / 2.0 {
                p.cue_amp
            } else {
                0.0
            }
        })
        .collect();
    let on = p.cue_onset * 1e-3;
    net.add_stimulus(
        "cue",
        StepCurrent::new(on, on + p.cue_duration * 1e-3, amplitude)?.into(),
        Some(exc),
        SynapseKind::Delta,
    )?;
    Ok(net)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// J- from the paper's normalisation, and the discrete ring's row mean close to 1.
    #[test]
    fn weights_keep_the_mean_at_one() {
        let p = CompteRingParams::default();
        // a = sqrt(2 pi) 18 erf(7.07) / 360 = 0.125331; J- = (1 - 1.62 a) / (1 - a).
        let a = (2.0 * std::f64::consts::PI).sqrt() * 18.0 / 360.0;
        assert!((p.j_minus() - (1.0 - 1.62 * a) / (1.0 - a)).abs() < 1e-12);
        let mean = (0..p.n_exc)
            .map(|k| p.weight_profile(p.angle_of(k)))
            .sum::<f64>()
            / p.n_exc as f64;
        assert!((mean - 1.0).abs() < 1e-3, "{mean}");
        assert!((p.weight_profile(0.0) - 1.62).abs() < 1e-12);
        assert!((erf(0.5) - 0.520_499_877_813_046_5).abs() < 1e-15);
    }
}
