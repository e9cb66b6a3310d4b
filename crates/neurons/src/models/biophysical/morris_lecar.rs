//! Morris–Lecar (1981) barnacle-muscle model in the form and with the parameter sets of
//! Rinzel & Ermentrout (1998): a fast, instantaneous calcium current and a slow potassium
//! recovery variable w.
//!
//! C_m dV/dt = I + I_e - g_L (V - E_L) - g_Ca m_inf(V) (V - E_Ca) - g_K w (V - E_K)
//! dw/dt = phi (w_inf(V) - w) / tau_w(V)
//!   m_inf = (1 + tanh((V - V1)/V2)) / 2,  w_inf = (1 + tanh((V - V3)/V4)) / 2,
//!   tau_w = 1 / cosh((V - V3) / (2 V4))
//! Defaults: the type II (Hopf) set of Rinzel & Ermentrout (1998), Table 7.1 column 1:
//! C = 20 uF/cm^2, g_L = 2, g_Ca = 4.4, g_K = 8 mS/cm^2, E_L = -60, E_Ca = 120, E_K = -84,
//! V1 = -1.2, V2 = 18, V3 = 2, V4 = 30 mV, phi = 0.04 /ms. Preset `type_i`: the SNLC set
//! (g_Ca = 4, V3 = 12, V4 = 17.4 mV, phi = 1/15 /ms), firing from arbitrarily low rates.
//!
//! Spikes: an upward crossing of `v_th` (0 mV) is one spike; no reset. Delta-synapse jumps
//! are added to V at the end of the step. Numerics: Dormand–Prince rk45 with error control
//! (`Tolerance::DEFAULT`, step carried between network steps).

use super::traub_miles::{crossing_step, vg};
use crate::define::*;

crate::model! {
    name: "morris_lecar",
    class: "MorrisLecarNeuron",
    summary: "C_m dV/dt = I + I_e - g_L (V - E_L) - g_Ca m_inf(V) (V - E_Ca) - g_K w (V - E_K); \
              dw/dt = phi (w_inf(V) - w) / tau_w(V), m_inf, w_inf tanh sigmoids, \
              tau_w = 1/cosh((V - V3)/(2 V4)). Defaults: Rinzel & Ermentrout type II (Hopf); \
              preset type_i (SNLC). Spike = upward crossing of v_th (0 mV). rk45.",
    citation: "Morris & Lecar (1981) Biophys. J. 35:193-213; Rinzel & Ermentrout (1998) in \
               Koch & Segev (eds.) Methods in Neuronal Modeling, 2nd ed., MIT Press, ch. 7, \
               pp. 251-291 (Table 7.1 parameter sets)",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 20.0, Positive, "specific membrane capacitance"),
        g_l: param("mS/cm^2", 2.0, NonNegative, "leak conductance"),
        g_ca: param("mS/cm^2", 4.4, NonNegative, "maximal calcium conductance"),
        g_k: param("mS/cm^2", 8.0, NonNegative, "maximal potassium conductance"),
        e_l: param("mV", -60.0, Finite, "leak reversal potential"),
        e_ca: param("mV", 120.0, Finite, "calcium reversal potential"),
        e_k: param("mV", -84.0, Finite, "potassium reversal potential"),
        v1: param("mV", -1.2, Finite, "half-activation voltage of m_inf"),
        v2: param("mV", 18.0, Positive, "slope of m_inf"),
        v3: param("mV", 2.0, Finite, "half-activation voltage of w_inf"),
        v4: param("mV", 30.0, Positive, "slope of w_inf"),
        phi: param("1/ms", 0.04, Positive, "rate scale of the recovery variable w"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", 0.0, Finite,
            "spike detection level: an upward crossing is one spike (no reset)"),
        v_init: param("mV", -60.855, Finite,
            "initial membrane potential (rest of the defaults at I = 0); w starts at w_inf"),
    },
    state: {
        v: ("mV", "membrane potential"),
        w: ("1", "potassium activation (recovery variable)"),
    },
    membrane: v,
    presets: [
        crate::Preset {
            name: "type_ii",
            doc: "Hopf (class II) set, Rinzel & Ermentrout (1998) Table 7.1: the defaults",
            values: &[("g_ca", 4.4), ("v3", 2.0), ("v4", 30.0), ("phi", 0.04)],
        },
        crate::Preset {
            name: "type_i",
            doc: "saddle-node on invariant circle (class I) set, Rinzel & Ermentrout (1998) \
                  Table 7.1: onset of repetitive firing at I ~ 40 uA/cm^2 with zero frequency",
            values: &[
                ("g_ca", 4.0),
                ("v3", 12.0),
                ("v4", 17.4),
                ("phi", 0.066_666_666_666_666_67),
                ("v_init", -59.474),
            ],
        },
    ],
    drive: 120.0,
    build: point,
}

#[inline(always)]
fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let v = vg(y.v);
    let m_inf = 0.5 * (1.0 + ((v - p.v1) / p.v2).tanh());
    let x = (v - p.v3) / p.v4;
    let w_inf = 0.5 * (1.0 + x.tanh());
    let rate = p.phi * (0.5 * x).cosh();
    let i_ion =
        p.g_l * (y.v - p.e_l) + p.g_ca * m_inf * (y.v - p.e_ca) + p.g_k * y.w * (y.v - p.e_k);
    Vars {
        v: (i - i_ion) / p.c_m,
        w: rate * (w_inf - y.w),
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            w: 0.5 * (1.0 + ((vg(p.v_init) - p.v3) / p.v4).tanh()),
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
    use super::super::traub_miles::testing::{rate_hz, spikes, threshold};
    use super::*;

    const TYPE_I: &[(&str, f64)] = &[
        ("g_ca", 4.0),
        ("v3", 12.0),
        ("v4", 17.4),
        ("phi", 0.066_666_666_666_666_67),
        ("v_init", -59.474),
    ];

    /// Rinzel & Ermentrout (1998), Fig. 7.5/7.6: with the type I set repetitive firing
    /// starts at the saddle-node on the invariant circle, I ~ 40 uA/cm^2 (39.96 in
    /// Ermentrout & Terman 2010, sec. 3.4), at arbitrarily low frequency.
    #[test]
    fn type_i_onset_near_40_with_low_rate() {
        let fires = |i: f64| spikes(&MODEL, TYPE_I, i, 0.1, 2000.0).len() >= 2;
        let onset = threshold(30.0, 50.0, 0.05, fires);
        eprintln!("morris_lecar type I onset {onset:.2} uA/cm^2");
        assert!((onset - 39.96).abs() < 0.05 * 39.96, "onset {onset}");
        let s = spikes(&MODEL, TYPE_I, onset + 0.2, 0.1, 4000.0);
        let near = rate_hz(&s, 1000.0, 4000.0);
        eprintln!("rate just above onset: {near:.2} Hz");
        assert!(near > 0.0 && near < 5.0, "rate {near}");
    }

    /// Type II (Hopf) set: the rest loses stability at the subcritical Hopf bifurcation
    /// I = 93.86 uA/cm^2 (Ermentrout & Terman 2010, Foundations of Mathematical
    /// Neuroscience, sec. 3.3, for the Rinzel–Ermentrout set), found here from the Jacobian
    /// at the rest (trace zero); just above it the cell fires at a finite rate (class II).
    #[test]
    fn type_ii_hopf_near_93_86_and_jump_in_rate() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        // Rest at current i: the zero of the steady-state I-V curve (monotone for these
        // parameters), by bisection.
        let i_ss = |v: f64| {
            let y = Vars {
                v,
                w: 0.5 * (1.0 + ((v - p.v3) / p.v4).tanh()),
            };
            -derivs(&p, 0.0, y).v * p.c_m
        };
        let rest = |i: f64| {
            let (mut lo, mut hi) = (-100.0, 50.0);
            for _ in 0..100 {
                let mid = 0.5 * (lo + hi);
                if i_ss(mid) < i { lo = mid } else { hi = mid }
            }
            lo
        };
        let trace = |i: f64| {
            let v = rest(i);
            let e = 1e-6;
            let y = Vars {
                v,
                w: 0.5 * (1.0 + ((v - p.v3) / p.v4).tanh()),
            };
            let dv = (derivs(&p, i, Vars { v: v + e, ..y }).v
                - derivs(&p, i, Vars { v: v - e, ..y }).v)
                / (2.0 * e);
            let dw = (derivs(&p, i, Vars { w: y.w + e, ..y }).w
                - derivs(&p, i, Vars { w: y.w - e, ..y }).w)
                / (2.0 * e);
            dv + dw
        };
        let (mut lo, mut hi) = (50.0, 150.0);
        assert!(trace(lo) < 0.0 && trace(hi) > 0.0);
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if trace(mid) < 0.0 { lo = mid } else { hi = mid }
        }
        eprintln!("morris_lecar type II Hopf at {lo:.2} uA/cm^2");
        assert!((lo - 93.86).abs() < 0.01 * 93.86, "Hopf {lo}");
        let s = spikes(&MODEL, &[], 100.0, 0.1, 2000.0);
        let r = rate_hz(&s, 1000.0, 2000.0);
        eprintln!("rate at 100 uA/cm^2: {r:.1} Hz");
        assert!(r > 5.0, "type II: finite rate at onset, got {r}");
    }
}
