//! Quadratic integrate-and-fire neuron: the normal form of a saddle-node on invariant circle
//! bifurcation (Ermentrout & Kopell 1986), in the form of Latham et al. (2000) and Gerstner,
//! Kistler, Naud & Paninski (2014) Neuronal Dynamics §5.3:
//!
//! tau_m dV/dt = a (V - V_rest)(V - V_c) + R I(t),  R I in mV = r_m (MOhm) · I (pA) / 1000.
//!
//! With no input, V_rest is the stable and V_c the unstable fixed point. V >= V_peak emits a
//! spike and sets V = V_reset, clamped for t_ref. Writing x = V - V_m, V_m = (V_rest + V_c)/2,
//! s = a / tau_m and D = ((V_c - V_rest)/2)^2 - R (I + I_e)/a, the equation is
//! dx/dt = s (x^2 - D): the rheobase is R I_rh = a (V_c - V_rest)^2 / 4 (D = 0); above it
//! (D = -beta^2 < 0) x(t) = beta tan(s beta t + atan(x_0/beta)), so the period from reset to
//! peak is T = (atan(x_peak/beta) - atan(x_reset/beta)) / (s beta), which tends to
//! pi / (s beta) as V_peak -> inf and V_reset -> -inf.
//!
//! Integration is exact for input held over the step: the closed-form solution (tan for
//! D < 0, a ratio of exponentials for D > 0, x_0/(1 - s x_0 t) for D = 0) advances each
//! neuron by one step; if the solution reaches V_peak within the step, the neuron spikes
//! and is reset at the end of the step (as `lif` does for its threshold). Delta-synapse jumps
//! are added after the propagation, then V >= V_peak is checked.
//!
//! Defaults: tau_m = 10 ms, a = 0.07 /mV, V_c = -50 mV (the values attributed to Latham
//! et al. 2000 by BrainPy's QuaIF), V_rest = -65 mV, V_reset = -68 mV, V_peak = -30 mV; with
//! R = 10 MOhm the rheobase is 394 pA.

use crate::define::*;
use integrate::{refractory_step, whole_steps};

/// |D| (mV^2) below which the D = 0 solution is used; its error per step is at most
/// s * 1e-9 mV^2 * dt, far below the resolution of V.
const D_ZERO: f64 = 1e-9;

crate::model! {
    name: "qif",
    class: "QIFNeuron",
    summary: "tau_m dV/dt = a (V - V_rest)(V - V_c) + R (I + I_e); V >= V_peak -> spike, \
              V = V_reset, clamped for t_ref. Exact integration over each step.",
    citation: "Ermentrout & Kopell (1986) SIAM J. Appl. Math. 46:233; Latham, Richmond, Nelson \
               & Nirenberg (2000) J. Neurophysiol. 83:808; Gerstner, Kistler, Naud & Paninski \
               (2014) Neuronal Dynamics, Sec. 5.3",
    input_unit: "pA",
    params: {
        tau_m: standard::tau_m(10.0),
        a: param("1/mV", 0.07, Positive, "curvature of the quadratic term (a_0)"),
        v_rest: param("mV", -65.0, Finite, "resting potential (stable fixed point without input)"),
        v_c: param("mV", -50.0, Finite, "critical potential (unstable fixed point without input)"),
        r_m: param("MOhm", 10.0, Positive, "membrane resistance R"),
        v_peak: param("mV", -30.0, Finite, "spike cut-off potential"),
        v_reset: standard::v_reset(-68.0),
        t_ref: standard::t_ref(0.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-65.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_rest < v_c, v_reset < v_peak],
    drive: 600.0,
    build: point,
}

/// One neuron's constants.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    /// a / tau_m, 1/(mV ms).
    s: f64,
    /// Midpoint (V_rest + V_c)/2, mV.
    v_m: f64,
    /// ((V_c - V_rest)/2)^2, mV^2: D without input.
    d0: f64,
    /// R / a in mV^2 per pA.
    r_over_a: f64,
    /// Refractory time set at a spike (`t_ref` rounded to whole steps), ms.
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, h: f64) -> Consts {
        Consts {
            p: *p,
            s: p.a / p.tau_m,
            v_m: 0.5 * (p.v_rest + p.v_c),
            d0: (0.5 * (p.v_c - p.v_rest)).powi(2),
            r_over_a: 1e-3 * p.r_m / p.a,
            t_ref: whole_steps(p.t_ref, h),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            refractory: 0.0,
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        let (v_m, v_peak) = (c.v_m, c.p.v_peak);
        let d = c.d0 - c.r_over_a * (input.current + c.p.i_e);
        let next = advance(s.v - v_m, v_peak - v_m, c.s, d, input.dt)
            .map(|x| x + v_m + input.jump)
            .filter(|&v| v < v_peak);
        match next {
            Some(v) => {
                s.v = v;
                false
            }
            None => {
                s.refractory = c.t_ref;
                s.v = c.p.v_reset;
                true
            }
        }
    }
}

/// Solves dx/dt = s (x^2 - d) from `x0` for `h` ms: `None` if x reaches `xp` within the
/// step, else x(h).
#[inline(always)]
fn advance(x0: f64, xp: f64, s: f64, d: f64, h: f64) -> Option<f64> {
    if x0 >= xp {
        return None;
    }
    if d < -D_ZERO {
        // x = beta tan(phase), the phase advancing at s beta.
        let beta = (-d).sqrt();
        let phase = (x0 / beta).atan() + s * beta * h;
        (phase < (xp / beta).atan()).then(|| beta * phase.tan())
    } else if d > D_ZERO {
        // Fixed points -delta (stable) and delta (unstable); above delta x escapes to xp.
        let delta = d.sqrt();
        if x0 > delta {
            let t_peak = (((xp - delta) * (x0 + delta)) / ((xp + delta) * (x0 - delta))).ln()
                / (2.0 * s * delta);
            if h >= t_peak {
                return None;
            }
        }
        let e = (-2.0 * s * delta * h).exp_m1();
        Some(delta * (2.0 * x0 + (x0 + delta) * e) / (2.0 * delta + (x0 + delta) * e))
    } else {
        if x0 > 0.0 && h >= (1.0 / x0 - 1.0 / xp) / s {
            return None;
        }
        Some(x0 / (1.0 - s * x0 * h))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// Defaults: s = 0.007 /(mV ms), V_m = -57.5 mV, ((V_c - V_rest)/2)^2 = 56.25 mV^2, and
    /// R/a = 0.01/0.07 mV^2 per pA.
    fn beta(current: f64) -> f64 {
        (0.01 / 0.07 * current - 56.25f64).sqrt()
    }

    /// Above rheobase the QIF fires periodically with the analytic period
    /// T = (atan(x_peak/beta) - atan(x_reset/beta)) / (s beta) + t_ref; spikes are reported
    /// on the step grid, so every interval lies within one step above it.
    #[test]
    fn firing_period_matches_the_analytic_formula() {
        let dt = 0.01;
        for &(current, t_ref) in &[(420.0, 0.0), (500.0, 0.0), (1500.0, 2.0)] {
            let b = beta(current);
            let period =
                t_ref + (((-30.0 - -57.5) / b).atan() - ((-68.0 - -57.5) / b).atan()) / (0.007 * b);
            let times = spike_times(&MODEL, &[("t_ref", t_ref)], current, dt, 2000.0);
            assert!(times.len() > 3, "{current} pA: {times:?}");
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    isi >= period - 1e-9 && isi <= period + dt + 1e-9,
                    "{current} pA: ISI {isi} vs analytic {period}"
                );
            }
        }
    }

    /// The rheobase is R I_rh = a (V_c - V_rest)^2 / 4, i.e. 393.75 pA for the defaults: just
    /// 1 % below it the neuron is silent and V settles at the stable fixed point V_m - sqrt(D);
    /// 1 % above it fires repetitively.
    #[test]
    fn rheobase_and_fixed_point_match_the_analytic_values() {
        let i_rh = 0.07 * 15.0 * 15.0 / 4.0 / 0.01;
        assert!(spike_times(&MODEL, &[], 1.01 * i_rh, 0.1, 2000.0).len() >= 2);
        assert!(spike_times(&MODEL, &[], 0.99 * i_rh, 0.1, 2000.0).is_empty());
        let current = 0.9 * i_rh;
        let mut k = kernel(&MODEL, &[], 1.0);
        assert!(hold(k.as_mut(), current, 2000).is_empty());
        let fixed = -57.5 - (56.25 - 0.01 / 0.07 * current).sqrt();
        approx::assert_abs_diff_eq!(k.var(0)[0], fixed, epsilon = 1e-9);
    }

    /// The integration is exact: the trajectory at the end of 10 ms does not depend on dt,
    /// below (D > 0), at (D = 0) and above (D < 0) the rheobase.
    #[test]
    fn trajectory_does_not_depend_on_dt() {
        for &current in &[200.0, 393.75, 420.0] {
            let v_at = |dt: f64| {
                let mut k = kernel(&MODEL, &[("v_init", -56.0)], dt);
                let steps = (10.0 / dt).round() as usize;
                assert!(
                    hold(k.as_mut(), current, steps).is_empty(),
                    "{current} pA spiked"
                );
                k.var(0)[0]
            };
            let coarse = v_at(1.0);
            approx::assert_abs_diff_eq!(coarse, v_at(0.01), epsilon = 1e-9);
            approx::assert_abs_diff_eq!(coarse, v_at(0.1), epsilon = 1e-9);
        }
    }
}
