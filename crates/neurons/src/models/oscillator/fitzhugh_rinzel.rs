//! FitzHugh–Rinzel model: the FitzHugh–Nagumo oscillator with a slow variable that moves it
//! through its Hopf bifurcation, an elliptic burster (Rinzel 1987; form and parameters of
//! Izhikevich 2000, the FitzHugh–Rinzel example):
//!
//! dv/dt' = v - v^3/3 - w + y + I + I_e,  dw/dt' = delta (a + v - b w),
//! dy/dt' = mu (c - v - d y),
//!
//! dimensionless, t' = t / time_scale (t in ms; default 1 ms per model time unit). Defaults
//! a = 0.7, b = 0.8, c = -0.775, d = 1, delta = 0.08, mu = 0.0001; at the published
//! I = 0.3125 the model bursts (spikes ~48 units apart, bursts separated by hundreds of
//! units); at I = 0 it rests. Input unit "1".
//!
//! Spikes: upward crossing of `v_th` (default 1.0) between integrator steps or by a delta-synapse
//! jump (added to v at the end of the step); no reset. Initial state: the rest without input, the
//! equilibrium at I = 0 (w = (a + v)/b, y = (c - v)/d, v by Newton's method).
//!
//! Numerics: Dormand–Prince 5(4) with error control (`Tolerance::DEFAULT`) in model time,
//! its step carried between network steps; spikes are detected between accepted steps. (A
//! fixed RK4 step would diverge under large inputs, where the cubic makes the system stiff.)
//! Inside the right-hand side the fast variable is bounded by 1e6 in magnitude (far outside
//! any trajectory) so that the trial stages of a rejected step cannot overflow.

use super::hindmarsh_rose::{STAGE_BOUND, advance, jump_crosses};
use crate::define::*;

crate::model! {
    name: "fitzhugh_rinzel",
    class: "FitzHughRinzelNeuron",
    summary: "dv/dt' = v - v^3/3 - w + y + I + I_e, dw/dt' = delta (a + v - b w), dy/dt' = \
              mu (c - v - d y) (dimensionless; t' = t / time_scale, t in ms). Elliptic \
              burster at I = 0.3125. Spike = upward crossing of v_th (1.0); no reset. \
              Adaptive RK45.",
    citation: "Rinzel (1987) in Mathematical Topics in Population Biology, Morphogenesis and \
               Neurosciences, Lecture Notes in Biomathematics 71:267-281, Springer; \
               Izhikevich (2000) Int. J. Bifurcation Chaos 10:1171-1266 (FitzHugh-Rinzel \
               parameters)",
    input_unit: "1",
    params: {
        a: param("1", 0.7, Finite, "offset of the w-nullcline"),
        b: param("1", 0.8, Positive, "slope parameter of the w-nullcline"),
        c: param("1", -0.775, Finite, "offset of the slow y-nullcline"),
        d: param("1", 1.0, Positive, "self-coupling of the slow variable y"),
        delta: param("1", 0.08, Positive, "rate of the recovery variable w (per model time unit)"),
        mu: param("1", 0.0001, NonNegative, "rate of the slow variable y (per model time unit)"),
        i_e: standard::i_e_in("1", 0.0),
        time_scale: param("ms", 1.0, Positive, "milliseconds per model time unit"),
        v_th: param("1", 1.0, Finite, "spike detection level on v: an upward crossing is one spike"),
    },
    state: {
        v: ("1", "fast, voltage-like variable"),
        w: ("1", "recovery variable"),
        y: ("1", "slow bursting variable"),
    },
    membrane: v,
    presets: [
        crate::Preset {
            name: "elliptic_bursting",
            doc: "elliptic bursting at the published I = 0.3125 (Izhikevich 2000)",
            values: &[("i_e", 0.3125)],
        },
    ],
    drive: 1.0,
    build: point,
}

/// Equilibrium v at input `i`: v - v^3/3 - (a + v)/b + (c - v)/d + i = 0 (Newton from -1).
fn rest(p: &Parameters, i: f64) -> f64 {
    let g = |v: f64| v - v * v * v / 3.0 - (p.a + v) / p.b + (p.c - v) / p.d + i;
    let dg = |v: f64| 1.0 - v * v - 1.0 / p.b - 1.0 / p.d;
    let mut v = -1.0;
    for _ in 0..100 {
        let next = v - g(v) / dg(v);
        if !next.is_finite() {
            break;
        }
        let done = (next - v).abs() < 1e-14;
        v = next;
        if done {
            break;
        }
    }
    if v.is_finite() { v } else { -1.0 }
}

impl Dynamics for Model {
    type Consts = (Parameters, Vars);

    fn prepare(p: &Parameters, _dt: f64) -> (Parameters, Vars) {
        let v = rest(p, 0.0);
        let init = Vars {
            v,
            w: (p.a + v) / p.b,
            y: (p.c - v) / p.d,
        };
        (*p, init)
    }

    fn init((_, init): &(Parameters, Vars)) -> Vars {
        *init
    }

    #[inline(always)]
    fn step((p, _): &(Parameters, Vars), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |u: Vars| Vars {
            v: {
                let v = u.v.clamp(-STAGE_BOUND, STAGE_BOUND);
                v - v * v * v / 3.0 - u.w + u.y + i
            },
            w: p.delta * (p.a + u.v - p.b * u.w),
            y: p.mu * (p.c - u.v - p.d * u.y),
        };
        let fired = advance(s, input.dt / p.time_scale, aux.h, f, |u| u.v - p.v_th);
        jump_crosses(&mut s.v, input.jump, p.v_th) | fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::hindmarsh_rose::tests::{kernel, spikes};
    use super::*;

    /// At I = 0 the model rests at the root of v - v^3/3 - (0.7 + v)/0.8 - 0.775 - v = 0,
    /// v* = -1.0293 (bisection here, independent of the kernel's Newton start).
    #[test]
    fn rests_at_its_equilibrium() {
        let g = |v: f64| v - v * v * v / 3.0 - (0.7 + v) / 0.8 - 0.775 - v;
        let (mut lo, mut hi) = (-3.0f64, 0.0f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if g(lo) * g(mid) <= 0.0 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let mut k = kernel(&MODEL, &[], 0.1);
        assert!(spikes(k.as_mut(), 0.0, 0.1, 3000.0).is_empty());
        assert!((k.var(0)[0] - lo).abs() < 1e-6, "{} vs {lo}", k.var(0)[0]);
        assert!((lo + 1.0293).abs() < 1e-3, "{lo}");
    }

    /// At the published I = 0.3125 the model is an elliptic burster: spikes come in bursts
    /// (intra-burst intervals near the FitzHugh–Nagumo period, < 60 units) separated by
    /// quiescent phases longer than 300 units.
    #[test]
    fn bursts_at_the_published_current() {
        let mut k = kernel(&MODEL, &[("i_e", 0.3125)], 0.5);
        let t = spikes(k.as_mut(), 0.0, 0.5, 40000.0);
        let isi: Vec<f64> = t.windows(2).map(|w| w[1] - w[0]).collect();
        let short = isi.iter().filter(|&&i| i < 60.0).count();
        let long = isi.iter().filter(|&&i| i > 300.0).count();
        assert!(long >= 3 && short >= 5 * long, "{isi:?}");
        let fast: Vec<f64> = isi.iter().copied().filter(|&i| i < 60.0).collect();
        let mean = fast.iter().sum::<f64>() / fast.len() as f64;
        assert!((45.0..55.0).contains(&mean), "{mean}");
    }
}
