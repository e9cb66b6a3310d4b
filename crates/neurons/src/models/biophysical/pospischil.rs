//! Pospischil et al. (2008) minimal Hodgkin–Huxley-type models of cortical neurons: one
//! compartment with Traub-type I_Na and I_Kd for spikes, a slow M current for adaptation,
//! and (for bursting and LTS cells) an L-type or T-type calcium current. The four classes
//! are presets of one model: regular spiking (RS, the defaults), fast spiking (FS),
//! intrinsically bursting (IB) and low-threshold spiking (LTS).
//!
//! C_m dV/dt = I + I_e - g_leak (V - E_leak) - I_Na - I_Kd - I_M - I_L - I_T
//!   I_Na = g_Na m^3 h (V - E_Na), I_Kd = g_Kd n^4 (V - E_K), I_M = g_M p (V - E_K),
//!   I_L = g_CaL q^2 r (V - E_Ca), I_T = g_CaT s_inf(V)^2 u (V - E_Ca)
//! with u' = V - V_T (mV, rates 1/ms):
//!   alpha_m = 0.32 (13 - u') / (exp((13 - u')/4) - 1),  beta_m = 0.28 (u' - 40) / (exp((u' - 40)/5) - 1)
//!   alpha_h = 0.128 exp((17 - u')/18),                  beta_h = 4 / (1 + exp((40 - u')/5))
//!   alpha_n = 0.032 (15 - u') / (exp((15 - u')/5) - 1), beta_n = 0.5 exp((10 - u')/40)
//!   p_inf = 1 / (1 + exp(-(V + 35)/10)),  tau_p = tau_max / (3.3 exp((V + 35)/20) + exp(-(V + 35)/20))
//!   alpha_q = 0.055 (-27 - V) / (exp((-27 - V)/3.8) - 1), beta_q = 0.94 exp((-75 - V)/17)
//!   alpha_r = 0.000457 exp((-13 - V)/50),                 beta_r = 0.0065 / (exp((-15 - V)/28) + 1)
//!   s_inf = 1 / (1 + exp(-(V + V_x + 57)/6.2)),  u_inf = 1 / (1 + exp((V + V_x + 81)/4)),
//!   tau_u = (30.8 + (211.4 + exp((V + V_x + 113.2)/5)) / (1 + exp((V + V_x + 84)/3.2))) / 3^1.2
//! (36 degC). E_Ca is fixed at 120 mV as in the paper (the ModelDB code adds an intracellular
//! calcium pool and a Nernst E_Ca, not modelled here).
//!
//! Parameters: the paper's generic cells as distributed with it (ModelDB 123623:
//! sPY/sIN/sPYb/sPYr templates and demos): E_Na = 50, E_K = -100, V_T = -55 mV,
//! g_Na = 50 mS/cm^2, C = 1 uF/cm^2. RS: g_Kd = 5, g_M = 0.07, g_leak = 0.1 mS/cm^2,
//! E_leak = -70 mV, tau_max = 1000 ms (cell of 96 x 96 um, 29000 um^2: 1 nA = 3.45
//! uA/cm^2). FS: g_Kd = 10, g_M = 0, g_leak = 0.15 (67 x 67 um, 14000 um^2). IB: g_M = 0.03,
//! g_CaL = 0.17, g_leak = 0.01, E_leak = -85 (one burst, then regular spiking). LTS: g_M =
//! 0.03, g_CaT = 0.4, g_leak = 0.01, E_leak = -85.
//!
//! Spikes: upward crossing of `v_th` (0 mV), no reset; delta-synapse jumps are added to V at
//! the end of the step. Numerics: Dormand–Prince rk45 (`Tolerance::DEFAULT`, carried step).

use super::traub_miles::{crossing_step, rates as traub_rates, vg};
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "pospischil",
    class: "PospischilNeuron",
    summary: "C_m dV/dt = I + I_e - g_leak (V - E_leak) - g_Na m^3 h (V - E_Na) - g_Kd n^4 (V - E_K) \
              - g_M p (V - E_K) - g_CaL q^2 r (V - E_Ca) - g_CaT s_inf^2 u (V - E_Ca): Traub \
              Na/K kinetics offset by V_T, slow M current, L- and T-type calcium. Presets \
              regular_spiking (defaults), fast_spiking, intrinsically_bursting, \
              low_threshold_spiking. Spike = upward crossing of v_th (0 mV). rk45.",
    citation: "Pospischil, Toledo-Rodriguez, Monier, Piwkowska, Bal, Fregnac, Markram & \
               Destexhe (2008) Biol. Cybern. 99:427-441; parameters of the cells distributed \
               with it (ModelDB 123623)",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 50.0, NonNegative, "maximal sodium conductance"),
        g_kd: param("mS/cm^2", 5.0, NonNegative, "maximal delayed-rectifier conductance"),
        g_m: param("mS/cm^2", 0.07, NonNegative, "maximal slow (M) potassium conductance"),
        g_cal: param("mS/cm^2", 0.0, NonNegative, "maximal L-type calcium conductance"),
        g_cat: param("mS/cm^2", 0.0, NonNegative, "maximal T-type calcium conductance"),
        g_leak: param("mS/cm^2", 0.1, NonNegative, "leak conductance"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -100.0, Finite, "potassium reversal potential"),
        e_ca: param("mV", 120.0, Finite, "calcium reversal potential"),
        e_leak: param("mV", -70.0, Finite, "leak reversal potential"),
        v_t: param("mV", -55.0, Finite, "offset of the Na/K rate functions (sets the threshold)"),
        tau_max: param("ms", 1000.0, Positive, "largest time constant of the M current"),
        v_x: param("mV", 2.0, Finite, "shift of the T-current voltage dependence"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", 0.0, Finite,
            "spike detection level: an upward crossing is one spike (no reset)"),
        v_init: param("mV", -70.6, Finite,
            "initial membrane potential; the gates start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "delayed-rectifier activation"),
        p: ("1", "M-current activation"),
        q: ("1", "L-type calcium activation"),
        r: ("1", "L-type calcium inactivation"),
        u: ("1", "T-type calcium inactivation"),
    },
    membrane: v,
    presets: [
        crate::Preset {
            name: "regular_spiking",
            doc: "RS pyramidal cell (sPY template, demo_PY_RS): the defaults",
            values: &[("g_kd", 5.0), ("g_m", 0.07), ("g_leak", 0.1)],
        },
        crate::Preset {
            name: "fast_spiking",
            doc: "FS interneuron without adaptation (sIN template, demo_IN_FS)",
            values: &[
                ("g_kd", 10.0),
                ("g_m", 0.0),
                ("g_leak", 0.15),
                ("e_leak", -70.0),
                ("v_init", -70.0),
            ],
        },
        crate::Preset {
            name: "intrinsically_bursting",
            doc: "IB pyramidal cell: one burst, then regular spiking (sPYb template, \
                  demo_PY_IB, g_CaL = 0.17 mS/cm^2)",
            values: &[
                ("g_m", 0.03),
                ("g_cal", 0.17),
                ("g_leak", 0.01),
                ("e_leak", -85.0),
                ("v_init", -85.3),
            ],
        },
        crate::Preset {
            name: "low_threshold_spiking",
            doc: "LTS pyramidal cell with a T-current (sPYr template, demo_PY_LTS)",
            values: &[
                ("g_m", 0.03),
                ("g_cat", 0.4),
                ("g_leak", 0.01),
                ("e_leak", -85.0),
                ("v_init", -84.0),
            ],
        },
    ],
    drive: 10.0,
    build: point,
}

/// Steady states and rates of the slow gates at `v`: (p_inf, 1/tau_p at tau_max = 1,
/// alpha_q, beta_q, alpha_r, beta_r, s_inf, u_inf, tau_u).
#[inline(always)]
fn slow(v: f64, v_x: f64) -> [f64; 9] {
    let v = vg(v);
    let w = v + v_x;
    [
        1.0 / (1.0 + (-(v + 35.0) / 10.0).exp()),
        3.3 * ((v + 35.0) / 20.0).exp() + (-(v + 35.0) / 20.0).exp(),
        0.055 * 3.8 * exprel_inv((-27.0 - v) / 3.8),
        0.94 * ((-75.0 - v) / 17.0).exp(),
        0.000457 * ((-13.0 - v) / 50.0).exp(),
        0.0065 / (((-15.0 - v) / 28.0).exp() + 1.0),
        1.0 / (1.0 + (-(w + 57.0) / 6.2).exp()),
        1.0 / (1.0 + ((w + 81.0) / 4.0).exp()),
        (30.8 + (211.4 + ((w + 113.2) / 5.0).exp()) / (1.0 + ((w + 84.0) / 3.2).exp()))
            / 3f64.powf(1.2),
    ]
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let r = traub_rates(y.v, p.v_t);
    let s = slow(y.v, p.v_x);
    let i_ion = p.g_leak * (y.v - p.e_leak)
        + p.g_na * y.m.powi(3) * y.h * (y.v - p.e_na)
        + (p.g_kd * y.n.powi(4) + p.g_m * y.p) * (y.v - p.e_k)
        + (p.g_cal * y.q * y.q * y.r + p.g_cat * s[6] * s[6] * y.u) * (y.v - p.e_ca);
    Vars {
        v: (i - i_ion) / p.c_m,
        m: r[0] * (1.0 - y.m) - r[1] * y.m,
        h: r[2] * (1.0 - y.h) - r[3] * y.h,
        n: r[4] * (1.0 - y.n) - r[5] * y.n,
        p: (s[0] - y.p) * s[1] / p.tau_max,
        q: s[2] * (1.0 - y.q) - s[3] * y.q,
        r: s[4] * (1.0 - y.r) - s[5] * y.r,
        u: (s[7] - y.u) / s[8],
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let r = traub_rates(p.v_init, p.v_t);
        let s = slow(p.v_init, p.v_x);
        Vars {
            v: p.v_init,
            m: r[0] / (r[0] + r[1]),
            h: r[2] / (r[2] + r[3]),
            n: r[4] / (r[4] + r[5]),
            p: s[0],
            q: s[2] / (s[2] + s[3]),
            r: s[4] / (s[4] + s[5]),
            u: s[7],
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let (y, fired) = crossing_step(*s, input.dt, aux.h, |y| derivs(p, i, y), |y| y.v, p.v_th);
        *s = y;
        let before = s.v;
        s.v += input.jump;
        fired || (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::{kernel, run, spikes};
    use super::*;

    const FS: &[(&str, f64)] = &[
        ("g_kd", 10.0),
        ("g_m", 0.0),
        ("g_leak", 0.15),
        ("v_init", -70.0),
    ];

    /// Input resistance (MOhm) at rest of a cell of `area_cm2`: the steady response to a
    /// -0.01 nA step.
    fn r_in(given: &[(&str, f64)], area_cm2: f64) -> f64 {
        let di = -0.01e-3 / area_cm2; // uA/cm^2
        let settle = |i: f64| {
            let mut k = kernel(&MODEL, given, 0.1);
            *run(k.as_mut(), 0, 0.1, 6000.0, |_| i).1.last().unwrap()
        };
        let dv = settle(di) - settle(0.0); // mV
        dv / -0.01 // mV / nA = MOhm
    }

    /// The published cells' input resistances (ModelDB 123623 templates: "Rin = 34 Meg" for
    /// the RS cell of 96 x 96 um, "Rin = 48Meg" for the FS cell of 67 x 67 um), within 10 %.
    #[test]
    fn input_resistance_of_the_published_cells() {
        let area = |d_um: f64| std::f64::consts::PI * d_um * d_um * 1e-8;
        let rs = r_in(&[], area(96.0));
        let fs = r_in(FS, area(67.0));
        eprintln!("pospischil R_in: RS {rs:.1} MOhm, FS {fs:.1} MOhm");
        assert!((rs - 34.0).abs() < 0.1 * 34.0, "RS {rs}");
        assert!((fs - 48.0).abs() < 0.1 * 48.0, "FS {fs}");
    }

    /// Pospischil et al. (2008) Figs. 2-3 and the demos: under the demo steps (RS 0.75 nA,
    /// FS 0.5 nA) the RS cell adapts (its late interspike intervals are more than 1.5 x its
    /// first), the FS cell does not (within 10 %).
    #[test]
    fn rs_adapts_fs_does_not() {
        let area = |d_um: f64| std::f64::consts::PI * d_um * d_um * 1e-8;
        let isi_ratio = |given: &[(&str, f64)], i: f64| {
            let s = spikes(&MODEL, given, i, 0.05, 400.0);
            assert!(s.len() >= 4, "{} spikes", s.len());
            let n = s.len();
            ((s[n - 1] - s[n - 2]) / (s[1] - s[0]), n)
        };
        let (rs, n_rs) = isi_ratio(&[], 0.75e-3 / area(96.0));
        let (fs, n_fs) = isi_ratio(FS, 0.5e-3 / area(67.0));
        eprintln!("pospischil last/first ISI: RS {rs:.2} ({n_rs} spikes), FS {fs:.2} ({n_fs})");
        assert!(rs > 1.5, "RS {rs}");
        assert!((fs - 1.0).abs() < 0.1, "FS {fs}");
    }
}
