//! Fenton & Karma (1998): the three-variable minimal model of the cardiac action potential
//! (dimensionless potential u, time in ms), fitted to the restitution of more complex ionic
//! models:
//!
//! du/dt = -(J_fi + J_so + J_si) + I
//! J_fi = -v p (1 - u)(u - u_c) / tau_d,   J_so = u (1 - p) / tau_0 + p / tau_r,
//! J_si = -w (1 + tanh(k (u - u_csi))) / (2 tau_si),
//! dv/dt = (1 - p)(1 - v) / tau_v^-(u) - p v / tau_v^+,
//! dw/dt = (1 - p)(1 - w) / tau_w^- - p w / tau_w^+,
//! p = H(u - u_c), tau_v^-(u) = tau_v1^- for u >= u_v, tau_v2^- for u < u_v,
//! tau_d = C_m / g_fi. Potential in mV: V = V_0 + u (V_fi - V_0) = -85 + 100 u.
//!
//! Defaults: the paper's Table 1 set fitted to Beeler–Reuter ("BR": g_fi = 4, tau_r = 33.33,
//! tau_si = 29, tau_0 = 12.5, tau_v^+ = 3.33, tau_v1^- = 1250, tau_v2^- = 19.6,
//! tau_w^+ = 870, tau_w^- = 41 ms, u_c = 0.13, u_v = 0.04, u_csi = 0.85, k = 10); presets
//! `modified_beeler_reuter`, `modified_luo_rudy` and `guinea_pig` (Girouard et al. data) are
//! the table's other sets. Values checked against the pigreads model `fenton1998vortex` and
//! the MLR-I set as printed on ibiblio.org/e-notes/html5/fk.html.
//!
//! Input: a stimulus I in 1/ms (dimensionless potential per ms) added to du/dt; a
//! delta-synapse jump is added to u at the end of the step. An action potential is an
//! upward crossing of `u_th` (default 0.5), no reset. Rest is u = 0, v = w = 1.
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`); the
//! Heaviside switches are handled by the step-size control.

use crate::Preset;
use crate::define::*;

crate::model! {
    name: "fenton_karma",
    class: "FentonKarmaNeuron",
    summary: "Fenton-Karma 1998 three-variable cardiac model (dimensionless u, ms): du/dt = \
              -(J_fi + J_so + J_si) + I with fast inward J_fi = -v H(u-u_c)(1-u)(u-u_c)/tau_d, \
              slow outward J_so, slow inward J_si = -w (1 + tanh(k(u-u_csi)))/(2 tau_si); \
              gates v, w. Default: Beeler-Reuter fit (Table 1). AP = upward crossing of u_th \
              (no reset). Dormand-Prince rk45.",
    citation: "Fenton & Karma (1998) Chaos 8:20-47",
    input_unit: "1/ms",
    params: {
        tau_d: param("ms", 0.25, Positive, "fast inward time constant C_m / g_fi"),
        tau_r: param("ms", 33.33, Positive, "slow outward time constant when excited"),
        tau_si: param("ms", 29.0, Positive, "slow inward time constant"),
        tau_0: param("ms", 12.5, Positive, "slow outward time constant at rest"),
        tau_v_plus: param("ms", 3.33, Positive, "fast gate closing time constant"),
        tau_v1_minus: param("ms", 1250.0, Positive, "fast gate opening time constant, u >= u_v"),
        tau_v2_minus: param("ms", 19.6, Positive, "fast gate opening time constant, u < u_v"),
        tau_w_plus: param("ms", 870.0, Positive, "slow gate closing time constant"),
        tau_w_minus: param("ms", 41.0, Positive, "slow gate opening time constant"),
        u_c: param("1", 0.13, Closed(0.0, 1.0), "excitation threshold"),
        u_v: param("1", 0.04, Closed(0.0, 1.0), "switch between tau_v1^- and tau_v2^-"),
        u_csi: param("1", 0.85, Finite, "half-activation of the slow inward current"),
        k: param("1", 10.0, Positive, "steepness of the slow inward activation"),
        i_e: standard::i_e_in("1/ms", 0.0),
        u_th: param("1", 0.5, Finite, "AP detection level: an upward crossing of u is one AP"),
        u_init: standard::init("1", 0.0, "initial potential u (v = w = 1)"),
    },
    state: {
        u: ("1", "dimensionless membrane potential (V = -85 + 100 u mV)"),
        v: ("1", "fast inward gate"),
        w: ("1", "slow inward gate"),
    },
    membrane: u,
    presets: [
        Preset {
            name: "modified_beeler_reuter",
            doc: "Table 1, modified Beeler-Reuter (MBR) set",
            values: &[("tau_r", 50.0), ("tau_si", 44.84), ("tau_0", 8.3),
                ("tau_v1_minus", 1000.0), ("tau_v2_minus", 19.2), ("tau_w_plus", 667.0),
                ("tau_w_minus", 11.0), ("u_v", 0.055)],
        },
        Preset {
            name: "modified_luo_rudy",
            doc: "Table 1, modified Luo-Rudy I (MLR-I) set",
            values: &[("tau_d", 1.0 / 5.8), ("tau_r", 130.0), ("tau_si", 127.0),
                ("tau_v_plus", 10.0), ("tau_v1_minus", 18.2), ("tau_v2_minus", 18.2),
                ("tau_w_plus", 1020.0), ("tau_w_minus", 80.0), ("u_v", 0.0)],
        },
        Preset {
            name: "guinea_pig",
            doc: "Table 1, guinea-pig ventricle (GP, Girouard et al.) set",
            values: &[("tau_d", 1.0 / 8.7), ("tau_r", 25.0), ("tau_si", 22.22),
                ("tau_v_plus", 10.0), ("tau_v1_minus", 333.0), ("tau_v2_minus", 40.0),
                ("tau_w_plus", 1000.0), ("tau_w_minus", 65.0), ("u_v", 0.025)],
        },
    ],
    drive: 0.1,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            u: p.u_init,
            v: 1.0,
            w: 1.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let excited = y.u >= p.u_c;
            let (j_fi, j_so, dv, dw) = if excited {
                (
                    -y.v * (1.0 - y.u) * (y.u - p.u_c) / p.tau_d,
                    1.0 / p.tau_r,
                    -y.v / p.tau_v_plus,
                    -y.w / p.tau_w_plus,
                )
            } else {
                let tau_v = if y.u >= p.u_v {
                    p.tau_v1_minus
                } else {
                    p.tau_v2_minus
                };
                (
                    0.0,
                    y.u / p.tau_0,
                    (1.0 - y.v) / tau_v,
                    (1.0 - y.w) / p.tau_w_minus,
                )
            };
            let j_si = -y.w * (1.0 + (p.k * (y.u - p.u_csi)).tanh()) / (2.0 * p.tau_si);
            Vars {
                u: -(j_fi + j_so + j_si) + i,
                v: dv,
                w: dw,
            }
        };
        let (y, fired) = super::super::biophysical::traub_miles::crossing_step(
            *s,
            input.dt,
            aux.h,
            f,
            |y| y.u,
            p.u_th,
        );
        *s = y;
        let before = s.u;
        s.u += input.jump;
        fired | (before < p.u_th && s.u >= p.u_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::ion_channel::persistent_na::testing::run;
    use super::*;

    /// Below u_c the only current is J_so = u / tau_0 (J_si is e^{-2 k (u_csi - u)} small):
    /// u decays as exp(-t / tau_0), tau_0 = 12.5 ms, within 2 %.
    #[test]
    fn subthreshold_decay_is_tau_0() {
        let (_, u) = run(&MODEL, &[("u_init", 0.1)], 0.05, 12.5, |_| 0.0);
        let want = 0.1 * (-1.0f64).exp();
        let got = *u.last().unwrap();
        assert!((got - want).abs() < 0.02 * want, "{got} vs {want}");
    }

    /// One AP from rest for each published set: the upstroke overshoots to u ~ 1 (V ~ +15 mV)
    /// (the slow inward current lifts it a little above 1) and the cell repolarises; the APD (u > u_c) is a plateau of a few hundred ms (printed).
    #[test]
    fn each_published_set_fires_one_action_potential() {
        let dt = 0.05;
        for preset in std::iter::once(&[][..]).chain(MODEL.presets.iter().map(|p| p.values)) {
            let (spikes, u) = run(
                &MODEL,
                preset,
                dt,
                1000.0,
                |t| if t < 1.0 { 0.5 } else { 0.0 },
            );
            assert_eq!(spikes.len(), 1, "{preset:?}");
            let peak = u.iter().cloned().fold(f64::MIN, f64::max);
            let apd = u.iter().filter(|&&x| x > 0.13).count() as f64 * dt;
            eprintln!("Fenton-Karma {preset:?}: peak u {peak:.3}, APD {apd:.1} ms");
            assert!((0.9..1.3).contains(&peak), "{peak}");
            assert!((100.0..400.0).contains(&apd), "{apd}");
            assert!(u.last().unwrap().abs() < 0.05);
        }
    }
}
