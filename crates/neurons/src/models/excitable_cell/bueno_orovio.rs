//! Bueno-Orovio, Cherry & Fenton (2008): the four-variable minimal model of the human
//! ventricular action potential (dimensionless u, time in ms; V = 85.7 u - 84 mV):
//!
//! du/dt = -(J_fi + J_so + J_si) + I
//! J_fi = -v H(u - th_v)(u - th_v)(u_u - u) / tau_fi
//! J_so = (u - u_o)(1 - H(u - th_w)) / tau_o + H(u - th_w) / tau_so
//! J_si = -H(u - th_w) w s / tau_si
//! dv/dt = (1 - H(u - th_v))(v_inf - v) / tau_v^- - H(u - th_v) v / tau_v^+
//! dw/dt = (1 - H(u - th_w))(w_inf - w) / tau_w^- - H(u - th_w) w / tau_w^+
//! ds/dt = ((1 + tanh(k_s (u - u_s))) / 2 - s) / tau_s
//! tau_v^- = tau_v1^- below th_v^-, tau_v2^- above; tau_o = tau_o1 below th_o, tau_o2 above;
//! tau_s = tau_s1 below th_w, tau_s2 above;
//! tau_w^- = tau_w1^- + (tau_w2^- - tau_w1^-)(1 + tanh(k_w^- (u - u_w^-))) / 2,
//! tau_so = tau_so1 + (tau_so2 - tau_so1)(1 + tanh(k_so (u - u_so))) / 2,
//! v_inf = 1 below th_v^-, 0 above; w_inf = 1 - u / tau_winf below th_o, w_inf* above.
//!
//! Defaults: the paper's Table 1 epicardial (EPI) set; presets `endocardial` (ENDO),
//! `midmyocardial` (M cells), and the fits to Priebe–Beuckelmann (`priebe_beuckelmann`)
//! and ten Tusscher–Noble–Noble–Panfilov (`ten_tusscher`) of the same table. Values checked
//! against the pigreads model `bueno2008minimal`.
//!
//! Input: a stimulus I in 1/ms (dimensionless potential per ms) added to du/dt; a
//! delta-synapse jump is added to u at the end of the step. An action potential is an
//! upward crossing of `u_th` (default 0.5, i.e. -41 mV), no reset. Rest is u = 0, v = w = 1,
//! s = 0. Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in
//! `aux.h`); the Heaviside switches are handled by the step-size control.

use crate::Preset;
use crate::define::*;

crate::model! {
    name: "bueno_orovio",
    class: "BuenoOrovioNeuron",
    summary: "Bueno-Orovio-Cherry-Fenton 2008 minimal human ventricular model (dimensionless u, \
              ms; V = 85.7 u - 84 mV): du/dt = -(J_fi + J_so + J_si) + I with gates v, w, s \
              (four variables). Default: epicardial set (Table 1); endo, M and PB/TNNP fits as \
              presets. AP = upward crossing of u_th (no reset). Dormand-Prince rk45.",
    citation: "Bueno-Orovio, Cherry & Fenton (2008) J. Theor. Biol. 253:544-560",
    input_unit: "1/ms",
    params: {
        u_o: param("1", 0.0, Finite, "resting potential u_o"),
        u_u: param("1", 1.55, Finite, "upper potential u_u of the fast inward current"),
        theta_v: param("1", 0.3, Finite, "fast inward threshold theta_v"),
        theta_w: param("1", 0.13, Finite, "slow currents threshold theta_w"),
        theta_v_minus: param("1", 0.006, Finite, "switch of tau_v^- and v_inf"),
        theta_o: param("1", 0.006, Finite, "switch of tau_o and w_inf"),
        tau_v1_minus: param("ms", 60.0, Positive, "v opening time constant below theta_v^-"),
        tau_v2_minus: param("ms", 1150.0, Positive, "v opening time constant above theta_v^-"),
        tau_v_plus: param("ms", 1.4506, Positive, "v closing time constant"),
        tau_w1_minus: param("ms", 60.0, Positive, "w opening time constant, low u"),
        tau_w2_minus: param("ms", 15.0, Positive, "w opening time constant, high u"),
        k_w_minus: param("1", 65.0, Positive, "steepness of tau_w^-"),
        u_w_minus: param("1", 0.03, Finite, "midpoint of tau_w^-"),
        tau_w_plus: param("ms", 200.0, Positive, "w closing time constant"),
        tau_fi: param("ms", 0.11, Positive, "fast inward time constant"),
        tau_o1: param("ms", 400.0, Positive, "outward time constant below theta_o"),
        tau_o2: param("ms", 6.0, Positive, "outward time constant above theta_o"),
        tau_so1: param("ms", 30.0181, Positive, "slow outward time constant, low u"),
        tau_so2: param("ms", 0.9957, Positive, "slow outward time constant, high u"),
        k_so: param("1", 2.0458, Positive, "steepness of tau_so"),
        u_so: param("1", 0.65, Finite, "midpoint of tau_so"),
        tau_s1: param("ms", 2.7342, Positive, "s time constant below theta_w"),
        tau_s2: param("ms", 16.0, Positive, "s time constant above theta_w"),
        k_s: param("1", 2.0994, Positive, "steepness of s_inf"),
        u_s: param("1", 0.9087, Finite, "midpoint of s_inf"),
        tau_si: param("ms", 1.8875, Positive, "slow inward time constant"),
        tau_winf: param("1", 0.07, Positive, "slope scale of w_inf below theta_o"),
        w_inf_star: param("1", 0.94, Closed(0.0, 1.0), "w_inf above theta_o"),
        i_e: standard::i_e_in("1/ms", 0.0),
        u_th: param("1", 0.5, Finite, "AP detection level: an upward crossing of u is one AP"),
        u_init: standard::init("1", 0.0, "initial potential u (v = w = 1, s = 0)"),
    },
    state: {
        u: ("1", "dimensionless membrane potential (V = 85.7 u - 84 mV)"),
        v: ("1", "fast inward gate"),
        w: ("1", "slow inward gate"),
        s: ("1", "slow inward activation"),
    },
    membrane: u,
    presets: [
        Preset {
            name: "endocardial",
            doc: "Table 1, ENDO set",
            values: &[("u_u", 1.56), ("theta_v_minus", 0.2), ("tau_v1_minus", 75.0),
                ("tau_v2_minus", 10.0), ("tau_w1_minus", 6.0), ("tau_w2_minus", 140.0),
                ("k_w_minus", 200.0), ("u_w_minus", 0.016), ("tau_w_plus", 280.0),
                ("tau_fi", 0.1), ("tau_o1", 470.0), ("tau_so1", 40.0), ("tau_so2", 1.2),
                ("k_so", 2.0), ("tau_s2", 2.0), ("tau_si", 2.9013), ("tau_winf", 0.0273),
                ("w_inf_star", 0.78)],
        },
        Preset {
            name: "midmyocardial",
            doc: "Table 1, M-cell set",
            values: &[("u_u", 1.61), ("theta_v_minus", 0.1), ("theta_o", 0.005),
                ("tau_v1_minus", 80.0), ("tau_v2_minus", 1.4506), ("tau_w1_minus", 70.0),
                ("tau_w2_minus", 8.0), ("k_w_minus", 200.0), ("u_w_minus", 0.016),
                ("tau_w_plus", 280.0), ("tau_fi", 0.078), ("tau_o1", 410.0), ("tau_o2", 7.0),
                ("tau_so1", 91.0), ("tau_so2", 0.8), ("k_so", 2.1), ("u_so", 0.6),
                ("tau_s2", 4.0), ("tau_si", 3.3849), ("tau_winf", 0.01), ("w_inf_star", 0.5)],
        },
        Preset {
            name: "priebe_beuckelmann",
            doc: "Table 1, fit to the Priebe-Beuckelmann (1998) model",
            values: &[("u_u", 1.45), ("theta_v", 0.35), ("theta_v_minus", 0.175),
                ("tau_v1_minus", 10.0), ("tau_w1_minus", 140.0), ("tau_w2_minus", 6.25),
                ("u_w_minus", 0.015), ("tau_w_plus", 326.0), ("tau_fi", 0.105),
                ("tau_winf", 0.175), ("w_inf_star", 0.9)],
        },
        Preset {
            name: "ten_tusscher",
            doc: "Table 1, fit to the ten Tusscher-Noble-Noble-Panfilov (2004) model",
            values: &[("u_u", 1.58), ("theta_w", 0.015), ("theta_v_minus", 0.015),
                ("tau_w1_minus", 70.0), ("tau_w2_minus", 20.0), ("tau_w_plus", 280.0),
                ("tau_o1", 6.0), ("tau_so1", 43.0), ("tau_so2", 0.2), ("k_so", 2.0),
                ("tau_s2", 3.0), ("tau_si", 2.8723)],
        },
    ],
    drive: 0.2,
    build: point,
}

/// `(1 + tanh(x)) / 2`.
#[inline(always)]
fn sig(x: f64) -> f64 {
    0.5 * (1.0 + x.tanh())
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
            s: 0.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let u = y.u;
            let above_v = u >= p.theta_v;
            let above_w = u >= p.theta_w;
            let above_vm = u >= p.theta_v_minus;
            let above_o = u >= p.theta_o;
            let j_fi = if above_v {
                -y.v * (u - p.theta_v) * (p.u_u - u) / p.tau_fi
            } else {
                0.0
            };
            let (j_so, j_si) = if above_w {
                let tau_so = p.tau_so1 + (p.tau_so2 - p.tau_so1) * sig(p.k_so * (u - p.u_so));
                (1.0 / tau_so, -y.w * y.s / p.tau_si)
            } else {
                let tau_o = if above_o { p.tau_o2 } else { p.tau_o1 };
                ((u - p.u_o) / tau_o, 0.0)
            };
            let dv = if above_v {
                -y.v / p.tau_v_plus
            } else if above_vm {
                -y.v / p.tau_v2_minus
            } else {
                (1.0 - y.v) / p.tau_v1_minus
            };
            let dw = if above_w {
                -y.w / p.tau_w_plus
            } else {
                let tau_w = p.tau_w1_minus
                    + (p.tau_w2_minus - p.tau_w1_minus) * sig(p.k_w_minus * (u - p.u_w_minus));
                let w_inf = if above_o {
                    p.w_inf_star
                } else {
                    1.0 - u / p.tau_winf
                };
                (w_inf - y.w) / tau_w
            };
            let tau_s = if above_w { p.tau_s2 } else { p.tau_s1 };
            Vars {
                u: -(j_fi + j_so + j_si) + i,
                v: dv,
                w: dw,
                s: (sig(p.k_s * (u - p.u_s)) - y.s) / tau_s,
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

    /// Below theta_o the only current is J_so = u / tau_o1: u = 0.005 decays as
    /// exp(-t / tau_o1), tau_o1 = 400 ms (EPI), within 2 % after 400 ms.
    #[test]
    fn subthreshold_decay_is_tau_o1() {
        let (_, u) = run(&MODEL, &[("u_init", 0.005)], 0.1, 400.0, |_| 0.0);
        let want = 0.005 * (-1.0f64).exp();
        let got = *u.last().unwrap();
        assert!((got - want).abs() < 0.02 * want, "{got} vs {want}");
    }

    /// One AP from rest for each set of Table 1: upstroke to u ~ u_u - ish (V > +20 mV) and
    /// full repolarisation; APD90 (printed) a plateau of a few hundred ms.
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
            let apd90 = u.iter().filter(|&&x| x > 0.1 * peak).count() as f64 * dt;
            eprintln!("Bueno-Orovio {preset:?}: peak u {peak:.3}, APD90 {apd90:.1} ms");
            assert!(85.7 * peak - 84.0 > 20.0, "{peak}");
            assert!((150.0..500.0).contains(&apd90), "{apd90}");
            assert!(u.last().unwrap().abs() < 0.05);
        }
    }
}
