//! Luo & Rudy (1991), "LR1": the guinea-pig ventricular myocyte, Beeler–Reuter's structure
//! with updated sodium kinetics and potassium currents that depend on [K]_o:
//!
//! C dV/dt = I + I_e - i_Na - i_si - i_K - i_K1 - i_Kp - i_b     (uA/cm^2, uF/cm^2, mV, ms)
//! i_Na = g_Na m^3 h j (V - E_Na),  i_si = g_si d f (V - E_si),  E_si = 7.7 - 13.0287 ln([Ca]_i/1 mM),
//! i_K = g_K sqrt([K]_o/5.4) X X_i (V - E_K),  E_K = (RT/F) ln(([K]_o + PR_NaK [Na]_o)/([K]_i + PR_NaK [Na]_i)),
//! X_i = 2.837 (exp(0.04 (V + 77)) - 1) / ((V + 77) exp(0.04 (V + 35))) for V > -100, else 1,
//! i_K1 = g_K1 sqrt([K]_o/5.4) K1_inf(V) (V - E_K1),  K1_inf = alpha_K1 / (alpha_K1 + beta_K1),
//!   alpha_K1 = 1.02 / (1 + exp(0.2385 (V - E_K1 - 59.215))),
//!   beta_K1 = [0.49124 exp(0.08032 (V - E_K1 + 5.476)) + exp(0.06175 (V - E_K1 - 594.31))]
//!             / (1 + exp(-0.5143 (V - E_K1 + 4.753))),  E_K1 = (RT/F) ln([K]_o/[K]_i),
//! i_Kp = g_Kp (V - E_K1) / (1 + exp((7.488 - V)/5.98)),  i_b = g_b (V - E_b),
//! d[Ca]_i/dt = -1e-4 i_si + 0.07 (1e-4 - [Ca]_i)  (mM/ms),
//! dy/dt = alpha_y (1 - y) - beta_y y for y in {m, h, j, d, f, X}, the paper's rates (1/ms):
//!   alpha_m = 0.32 (V + 47.13) / (1 - exp(-0.1 (V + 47.13))),  beta_m = 0.08 exp(-V/11);
//!   V >= -40: alpha_h = alpha_j = 0, beta_h = 1 / (0.13 (1 + exp(-(V + 10.66)/11.1))),
//!             beta_j = 0.3 exp(-2.535e-7 V) / (1 + exp(-0.1 (V + 32)));
//!   V < -40:  alpha_h = 0.135 exp(-(80 + V)/6.8), beta_h = 3.56 exp(0.079 V) + 3.1e5 exp(0.35 V),
//!             alpha_j = (-1.2714e5 exp(0.2444 V) - 3.474e-5 exp(-0.04391 V)) (V + 37.78)
//!                       / (1 + exp(0.311 (V + 79.23))),
//!             beta_j = 0.1212 exp(-0.01052 V) / (1 + exp(-0.1378 (V + 40.14)));
//!   d, f as Beeler–Reuter; alpha_X = 0.0005 exp(0.083 (V + 50)) / (1 + exp(0.057 (V + 50))),
//!   beta_X = 0.0013 exp(-0.06 (V + 20)) / (1 + exp(-0.04 (V + 20))).
//! Defaults (the paper's): g_Na = 23, g_si = 0.09, g_K = 0.282, g_K1 = 0.6047,
//! g_Kp = 0.0183, g_b = 0.03921 mS/cm^2, E_b = -59.87 mV, PR_NaK = 0.01833, [K]_o = 5.4,
//! [K]_i = 145, [Na]_o = 140, [Na]_i = 18 mM, T = 310 K (R = 8314 mJ/(mol K),
//! F = 96484.6 C/mol), C = 1 uF/cm^2. Checked against the CellML version (Lloyd,
//! models.cellml.org luo_rudy_1991, as the pigreads model `luo1991model`).
//!
//! The cell is quiescent at rest (about -84.4 mV); a stimulus fires one action potential.
//! Spikes: an upward crossing of `v_th` (default -20 mV), no reset; delta-synapse jumps are
//! added to V at the end of the step. Numerics: Dormand–Prince `rk45` with
//! `Tolerance::DEFAULT` (step carried in `aux.h`); the rate functions read V clamped to
//! +-150 mV and [Ca]_i is read at >= 1e-12 mM in the logarithm.

use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "luo_rudy_1991",
    class: "LuoRudy1991Neuron",
    summary: "Luo-Rudy 1991 (LR1) guinea-pig ventricular myocyte: C dV/dt = I + I_e - i_Na - \
              i_si - i_K - i_K1 - i_Kp - i_b with the paper's kinetics (m, h, j, d, f, X) and \
              [Ca]_i; potassium currents scale with sqrt([K]_o/5.4). AP = upward crossing of \
              v_th (no reset). Dormand-Prince rk45.",
    citation: "Luo & Rudy (1991) Circ. Res. 68:1501-1526",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 23.0, NonNegative, "maximal fast sodium conductance"),
        g_si: param("mS/cm^2", 0.09, NonNegative, "maximal slow inward conductance"),
        g_k: param("mS/cm^2", 0.282, NonNegative, "time-dependent K conductance at [K]_o = 5.4"),
        g_k1: param("mS/cm^2", 0.6047, NonNegative, "inward rectifier conductance at [K]_o = 5.4"),
        g_kp: param("mS/cm^2", 0.0183, NonNegative, "plateau potassium conductance"),
        g_b: param("mS/cm^2", 0.03921, NonNegative, "background conductance"),
        e_b: param("mV", -59.87, Finite, "background reversal potential"),
        pr_nak: param("1", 0.01833, NonNegative, "Na/K permeability ratio of i_K"),
        k_o: param("mM", 5.4, Positive, "extracellular potassium"),
        k_i: param("mM", 145.0, Positive, "intracellular potassium"),
        na_o: param("mM", 140.0, Positive, "extracellular sodium"),
        na_i: param("mM", 18.0, Positive, "intracellular sodium"),
        temperature: param("K", 310.0, Positive, "absolute temperature"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "AP detection level: an upward crossing is one AP"),
        v_init: param("mV", -84.4, Finite,
            "initial membrane potential; gates start at steady state, [Ca]_i at 2e-4 mM"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium fast inactivation"),
        j: ("1", "sodium slow inactivation"),
        d: ("1", "slow inward activation"),
        f: ("1", "slow inward inactivation"),
        x: ("1", "time-dependent potassium activation"),
        ca: ("mM", "intracellular calcium concentration"),
    },
    membrane: v,
    drive: 10.0,
    build: point,
}

/// Per-neuron constants: parameters and the derived reversal potentials and conductances.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    e_na: f64,
    e_k: f64,
    e_k1: f64,
    g_k: f64,
    g_k1: f64,
}

/// (alpha, beta) of m, h, j, d, f, X at `v` (mV), 1/ms.
#[inline(always)]
fn rates(v: f64) -> [(f64, f64); 6] {
    let v = super::super::biophysical::traub_miles::vg(v);
    let e = f64::exp;
    let (hj_a, hj_b) = if v >= -40.0 {
        (
            (0.0, 1.0 / (0.13 * (1.0 + e(-(v + 10.66) / 11.1)))),
            (0.0, 0.3 * e(-2.535e-7 * v) / (1.0 + e(-0.1 * (v + 32.0)))),
        )
    } else {
        (
            (
                0.135 * e(-(80.0 + v) / 6.8),
                3.56 * e(0.079 * v) + 3.1e5 * e(0.35 * v),
            ),
            (
                (-1.2714e5 * e(0.2444 * v) - 3.474e-5 * e(-0.04391 * v)) * (v + 37.78)
                    / (1.0 + e(0.311 * (v + 79.23))),
                0.1212 * e(-0.01052 * v) / (1.0 + e(-0.1378 * (v + 40.14))),
            ),
        )
    };
    [
        (3.2 * exprel_inv(-0.1 * (v + 47.13)), 0.08 * e(-v / 11.0)),
        hj_a,
        hj_b,
        (
            0.095 * e(-0.01 * (v - 5.0)) / (1.0 + e(-0.072 * (v - 5.0))),
            0.07 * e(-0.017 * (v + 44.0)) / (1.0 + e(0.05 * (v + 44.0))),
        ),
        (
            0.012 * e(-0.008 * (v + 28.0)) / (1.0 + e(0.15 * (v + 28.0))),
            0.0065 * e(-0.02 * (v + 30.0)) / (1.0 + e(-0.2 * (v + 30.0))),
        ),
        (
            0.0005 * e(0.083 * (v + 50.0)) / (1.0 + e(0.057 * (v + 50.0))),
            0.0013 * e(-0.06 * (v + 20.0)) / (1.0 + e(-0.04 * (v + 20.0))),
        ),
    ]
}

#[inline(always)]
fn gate(x: f64, (a, b): (f64, f64)) -> f64 {
    a * (1.0 - x) - b * x
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, _: f64) -> Consts {
        let rt_f = 8314.0 * p.temperature / 96484.6;
        let scale = (p.k_o / 5.4).sqrt();
        Consts {
            p: *p,
            e_na: rt_f * (p.na_o / p.na_i).ln(),
            e_k: rt_f * ((p.k_o + p.pr_nak * p.na_o) / (p.k_i + p.pr_nak * p.na_i)).ln(),
            e_k1: rt_f * (p.k_o / p.k_i).ln(),
            g_k: p.g_k * scale,
            g_k1: p.g_k1 * scale,
        }
    }

    fn init(c: &Consts) -> Vars {
        let ss = rates(c.p.v_init).map(|(a, b)| a / (a + b));
        Vars {
            v: c.p.v_init,
            m: ss[0],
            h: ss[1],
            j: ss[2],
            d: ss[3],
            f: ss[4],
            x: ss[5],
            ca: 2e-4,
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let r = rates(y.v);
            let v = super::super::biophysical::traub_miles::vg(y.v);
            let i_na = p.g_na * y.m * y.m * y.m * y.h * y.j * (y.v - c.e_na);
            let e_si = 7.7 - 13.0287 * y.ca.max(1e-12).ln();
            let i_si = p.g_si * y.d * y.f * (y.v - e_si);
            let x_i = if v > -100.0 {
                2.837 * 0.04 / exprel_inv(0.04 * (v + 77.0)) / (0.04 * (v + 35.0)).exp()
            } else {
                1.0
            };
            let i_k = c.g_k * y.x * x_i * (y.v - c.e_k);
            let u = v - c.e_k1;
            let a_k1 = 1.02 / (1.0 + (0.2385 * (u - 59.215)).exp());
            let b_k1 = (0.49124 * (0.08032 * (u + 5.476)).exp() + (0.06175 * (u - 594.31)).exp())
                / (1.0 + (-0.5143 * (u + 4.753)).exp());
            let i_k1 = c.g_k1 * a_k1 / (a_k1 + b_k1) * (y.v - c.e_k1);
            let i_kp = p.g_kp * (y.v - c.e_k1) / (1.0 + ((7.488 - v) / 5.98).exp());
            let i_b = p.g_b * (y.v - p.e_b);
            Vars {
                v: (i - i_na - i_si - i_k - i_k1 - i_kp - i_b) / p.c_m,
                m: gate(y.m, r[0]),
                h: gate(y.h, r[1]),
                j: gate(y.j, r[2]),
                d: gate(y.d, r[3]),
                f: gate(y.f, r[4]),
                x: gate(y.x, r[5]),
                ca: -1e-4 * i_si + 0.07 * (1e-4 - y.ca),
            }
        };
        let (y, fired) = super::super::biophysical::traub_miles::crossing_step(
            *s,
            input.dt,
            aux.h,
            f,
            |y| y.v,
            p.v_th,
        );
        *s = y;
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::ion_channel::persistent_na::testing::run;
    use super::*;

    /// The paper's resting potential, -84 mV (CellML initial state -84.38 mV): within 0.7 mV
    /// after 2 s without input from -80 mV. Then a 2 ms, 40 uA/cm^2 stimulus fires one AP:
    /// overshoot above +20 mV and an APD90 of a few hundred ms (printed).
    #[test]
    fn rest_and_action_potential() {
        let dt = 0.05;
        let (spikes, v) = run(&MODEL, &[("v_init", -80.0)], dt, 2000.0, |_| 0.0);
        assert!(spikes.is_empty());
        let rest = *v.last().unwrap();
        assert!((rest + 84.2).abs() < 0.7, "rest {rest}");
        let stim = |t: f64| if (10.0..12.0).contains(&t) { 40.0 } else { 0.0 };
        let (spikes, v) = run(&MODEL, &[], dt, 800.0, stim);
        assert_eq!(spikes.len(), 1);
        let (lo, hi) = (v[0], v.iter().cloned().fold(f64::MIN, f64::max));
        let level = hi - 0.9 * (hi - lo);
        let apd90 = v.iter().filter(|&&x| x > level).count() as f64 * dt;
        eprintln!("Luo-Rudy 1991: rest {rest:.2} mV, peak {hi:.1} mV, APD90 {apd90:.1} ms");
        assert!(hi > 20.0 && (200.0..500.0).contains(&apd90));
    }
}
