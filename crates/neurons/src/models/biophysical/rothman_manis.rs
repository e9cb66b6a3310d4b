//! Rothman & Manis (2003): the ventral cochlear nucleus neuron (guinea pig, 22 °C), one
//! compartment with fast Na, high-threshold K (KHT), low-threshold K (KLT), transient K
//! (KA), hyperpolarisation-activated cation current (Ih) and leak; the cell types differ
//! only by their maximal conductances (point-neuron units: pF, nS, pA):
//!
//! C dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_KHT (0.85 n^2 + 0.15 p)(V - E_K)
//!           - g_KLT w^4 z (V - E_K) - g_KA a^4 b c (V - E_K) - g_h r (V - E_h) - g_lk (V - E_lk)
//! dx/dt = q10 (x_inf - x) / tau_x, q10 = 3^((T - 22)/10), V in mV, tau in ms (the paper's
//! Appendix):
//!   m_inf = 1/(1 + exp(-(V + 38)/7)),   tau_m = 10/(5 exp((V + 60)/18) + 36 exp(-(V + 60)/25)) + 0.04
//!   h_inf = 1/(1 + exp((V + 65)/6)),    tau_h = 100/(7 exp((V + 60)/11) + 10 exp(-(V + 60)/25)) + 0.6
//!   n_inf = (1 + exp(-(V + 15)/5))^-1/2, tau_n = 100/(11 exp((V + 60)/24) + 21 exp(-(V + 60)/23)) + 0.7
//!   p_inf = 1/(1 + exp(-(V + 23)/6)),   tau_p = 100/(4 exp((V + 60)/32) + 5 exp(-(V + 60)/22)) + 5
//!   w_inf = (1 + exp(-(V + 48)/6))^-1/4, tau_w = 100/(6 exp((V + 60)/6) + 16 exp(-(V + 60)/45)) + 1.5
//!   z_inf = 0.5 + 0.5/(1 + exp((V + 71)/10)), tau_z = 1000/(exp((V + 60)/20) + exp(-(V + 60)/8)) + 50
//!   a_inf = (1 + exp(-(V + 31)/6))^-1/4, tau_a = 100/(7 exp((V + 60)/14) + 29 exp(-(V + 60)/24)) + 0.1
//!   b_inf = c_inf = (1 + exp((V + 66)/7))^-1/2,
//!   tau_b = 1000/(14 exp((V + 60)/27) + 29 exp(-(V + 60)/24)) + 1, tau_c = 90/(1 + exp(-(V + 66)/17)) + 10
//!   r_inf = 1/(1 + exp((V + 76)/7)),    tau_r = 1e5/(237 exp((V + 60)/12) + 17 exp(-(V + 60)/14)) + 25
//! Defaults: the type I-c (classic stellate) cell: g_Na = 1000,
//! g_KHT = 150, g_KLT = 0, g_KA = 0, g_h = 0.5, g_lk = 2 nS, C = 12 pF, E_Na = 50,
//! E_K = -70, E_h = -43, E_lk = -65 mV, T = 22 °C (the paper's conductance table). Presets: `type_ii` (bushy: g_KLT = 200,
//! g_h = 20), `type_i_t` (transient stellate: g_KHT = 80, g_KA = 65), `type_i_ii`
//! (g_KLT = 20, g_h = 2), `type_ii_i` (g_KLT = 35, g_h = 3.5). Checked against Brian2's
//! example `frompapers/Rothman_Manis_2003` (R. Brette, from the authors' NEURON code); that
//! example integrates z with tau_w, a typo: z uses tau_z here, as in the paper and klt.mod.
//!
//! Spikes: an upward crossing of `v_th` (default -20 mV), no reset; delta-synapse jumps are
//! added to V at the end of the step. Numerics: Dormand–Prince `rk45` with
//! `Tolerance::DEFAULT` (step carried in `aux.h`); the rate functions read V clamped to
//! +-150 mV.

use super::traub_miles::{crossing_step, vg};
use crate::Preset;
use crate::define::*;

crate::model! {
    name: "rothman_manis",
    class: "RothmanManisNeuron",
    summary: "Rothman-Manis 2003 VCN neuron: C dV/dt = I + I_e - I_Na - I_KHT - I_KLT - I_KA - \
              I_h - I_lk with the paper's kinetics at 22 C; cell types by maximal \
              conductances (default type I-c stellate; type II bushy, I-t, I-II, II-I presets). \
              Spike = upward crossing of v_th, no reset. Dormand-Prince rk45.",
    citation: "Rothman & Manis (2003) J. Neurophysiol. 89:3097-3113",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(12.0),
        g_na: param("nS", 1000.0, NonNegative, "maximal fast sodium conductance"),
        g_kht: param("nS", 150.0, NonNegative, "maximal high-threshold K conductance"),
        g_klt: param("nS", 0.0, NonNegative, "maximal low-threshold K conductance"),
        g_ka: param("nS", 0.0, NonNegative, "maximal transient (A-type) K conductance"),
        g_h: param("nS", 0.5, NonNegative, "maximal hyperpolarisation-activated conductance"),
        g_lk: param("nS", 2.0, NonNegative, "leak conductance"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -70.0, Finite, "potassium reversal potential"),
        e_h: param("mV", -43.0, Finite, "Ih reversal potential"),
        e_lk: param("mV", -65.0, Finite, "leak reversal potential"),
        temperature: param("degC", 22.0, Finite, "temperature (rates scale with Q10 = 3 from 22 C)"),
        i_e: standard::i_e(0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -64.0, Finite, "initial membrane potential; gates at steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "Na activation"),
        h: ("1", "Na inactivation"),
        n: ("1", "KHT activation (n^2 part)"),
        p: ("1", "KHT activation (p part)"),
        w: ("1", "KLT activation"),
        z: ("1", "KLT inactivation"),
        a: ("1", "KA activation"),
        b: ("1", "KA inactivation (b)"),
        c: ("1", "KA inactivation (c)"),
        r: ("1", "Ih activation"),
    },
    membrane: v,
    presets: [
        Preset { name: "type_ii", doc: "the paper's type II (bushy cell): onset spiking",
            values: &[("g_klt", 200.0), ("g_h", 20.0)] },
        Preset { name: "type_i_t", doc: "the paper's type I-t (transient stellate, with KA)",
            values: &[("g_kht", 80.0), ("g_ka", 65.0)] },
        Preset { name: "type_i_ii", doc: "the paper's type I-II (intermediate)",
            values: &[("g_klt", 20.0), ("g_h", 2.0)] },
        Preset { name: "type_ii_i", doc: "the paper's type II-I (intermediate)",
            values: &[("g_klt", 35.0), ("g_h", 3.5)] },
    ],
    drive: 100.0,
    build: point,
}

/// Steady states and time constants (ms) of m, h, n, p, w, z, a, b, c, r at `v` (mV).
#[inline(always)]
fn kinetics(v: f64) -> [(f64, f64); 10] {
    let v = vg(v);
    let e = f64::exp;
    let u = v + 60.0;
    let bc = 1.0 / (1.0 + e((v + 66.0) / 7.0)).sqrt();
    [
        (
            1.0 / (1.0 + e(-(v + 38.0) / 7.0)),
            10.0 / (5.0 * e(u / 18.0) + 36.0 * e(-u / 25.0)) + 0.04,
        ),
        (
            1.0 / (1.0 + e((v + 65.0) / 6.0)),
            100.0 / (7.0 * e(u / 11.0) + 10.0 * e(-u / 25.0)) + 0.6,
        ),
        (
            1.0 / (1.0 + e(-(v + 15.0) / 5.0)).sqrt(),
            100.0 / (11.0 * e(u / 24.0) + 21.0 * e(-u / 23.0)) + 0.7,
        ),
        (
            1.0 / (1.0 + e(-(v + 23.0) / 6.0)),
            100.0 / (4.0 * e(u / 32.0) + 5.0 * e(-u / 22.0)) + 5.0,
        ),
        (
            (1.0 / (1.0 + e(-(v + 48.0) / 6.0))).powf(0.25),
            100.0 / (6.0 * e(u / 6.0) + 16.0 * e(-u / 45.0)) + 1.5,
        ),
        (
            0.5 + 0.5 / (1.0 + e((v + 71.0) / 10.0)),
            1000.0 / (e(u / 20.0) + e(-u / 8.0)) + 50.0,
        ),
        (
            (1.0 / (1.0 + e(-(v + 31.0) / 6.0))).powf(0.25),
            100.0 / (7.0 * e(u / 14.0) + 29.0 * e(-u / 24.0)) + 0.1,
        ),
        (
            bc,
            1000.0 / (14.0 * e(u / 27.0) + 29.0 * e(-u / 24.0)) + 1.0,
        ),
        (bc, 90.0 / (1.0 + e((-66.0 - v) / 17.0)) + 10.0),
        (
            1.0 / (1.0 + e((v + 76.0) / 7.0)),
            1e5 / (237.0 * e(u / 12.0) + 17.0 * e(-u / 14.0)) + 25.0,
        ),
    ]
}

fn derivs(p: &Parameters, q10: f64, i: f64, y: Vars) -> Vars {
    let k = kinetics(y.v);
    let g = |x: f64, (inf, tau): (f64, f64)| q10 * (inf - x) / tau;
    let w2 = y.w * y.w;
    let a2 = y.a * y.a;
    let i_ion = p.g_na * y.m * y.m * y.m * y.h * (y.v - p.e_na)
        + (p.g_kht * (0.85 * y.n * y.n + 0.15 * y.p)
            + p.g_klt * w2 * w2 * y.z
            + p.g_ka * a2 * a2 * y.b * y.c)
            * (y.v - p.e_k)
        + p.g_h * y.r * (y.v - p.e_h)
        + p.g_lk * (y.v - p.e_lk);
    Vars {
        v: (i - i_ion) / p.c_m,
        m: g(y.m, k[0]),
        h: g(y.h, k[1]),
        n: g(y.n, k[2]),
        p: g(y.p, k[3]),
        w: g(y.w, k[4]),
        z: g(y.z, k[5]),
        a: g(y.a, k[6]),
        b: g(y.b, k[7]),
        c: g(y.c, k[8]),
        r: g(y.r, k[9]),
    }
}

impl Dynamics for Model {
    /// (parameters, q10 rate factor)
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, _: f64) -> (Parameters, f64) {
        (*p, 3f64.powf((p.temperature - 22.0) / 10.0))
    }

    fn init((p, _): &(Parameters, f64)) -> Vars {
        let k = kinetics(p.v_init).map(|x| x.0);
        Vars {
            v: p.v_init,
            m: k[0],
            h: k[1],
            n: k[2],
            p: k[3],
            w: k[4],
            z: k[5],
            a: k[6],
            b: k[7],
            c: k[8],
            r: k[9],
        }
    }

    #[inline(always)]
    fn step((p, q10): &(Parameters, f64), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y| derivs(p, *q10, i, y);
        let (y, fired) = crossing_step(*s, input.dt, aux.h, f, |y| y.v, p.v_th);
        *s = y;
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::spikes;
    use super::*;

    fn preset(name: &str) -> &'static [(&'static str, f64)] {
        MODEL
            .presets
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .values
    }

    /// The paper's cell-type classification (and Brian2's example): to a 100 ms depolarising step the type II
    /// (bushy) cell answers with one onset spike, the type I-c (stellate) cell with regular
    /// firing. Type II: exactly 1 spike at 300 and 600 pA; type I-c at 100 pA: at least 8
    /// spikes in the 100 ms with ISI CV below 0.1 after the first. (At 300 pA the type I-c
    /// cell fires a few spikes and settles in depolarisation block near -31 mV.)
    #[test]
    fn type_ii_fires_once_type_ic_regularly() {
        let dt = 0.025;
        let count = |given: &[(&str, f64)], i: f64| {
            let mut k = super::super::traub_miles::testing::kernel(&MODEL, given, dt);
            let step = |t: f64| if t >= 100.0 { i } else { 0.0 };
            super::super::traub_miles::testing::run(k.as_mut(), 0, dt, 200.0, step).0
        };
        for i in [300.0, 600.0] {
            let ii = count(preset("type_ii"), i);
            assert_eq!(ii.len(), 1, "type II at {i} pA: {ii:?}");
        }
        let ic = count(&[], 100.0);
        eprintln!(
            "Rothman-Manis type I-c at 100 pA: {} spikes {ic:?}",
            ic.len()
        );
        assert!(ic.len() >= 8, "{ic:?}");
        let isi: Vec<f64> = ic.windows(2).skip(1).map(|w| w[1] - w[0]).collect();
        let m = isi.iter().sum::<f64>() / isi.len() as f64;
        let sd = (isi.iter().map(|x| (x - m).powi(2)).sum::<f64>() / isi.len() as f64).sqrt();
        assert!(sd / m < 0.1, "CV {}", sd / m);
        // All types are silent at rest.
        for p in MODEL.presets {
            assert!(
                spikes(&MODEL, p.values, 0.0, 0.1, 300.0).is_empty(),
                "{}",
                p.name
            );
        }
    }
}
