//! The next-generation neural mass of Coombes & Byrne (2019): the exact (Ott–Antonsen)
//! mean field of a large population of quadratic integrate-and-fire (theta) neurons with
//! Lorentzian-distributed excitabilities (centre eta, half-width Delta) and a
//! conductance-based synapse (reversal v_syn) whose conductance g follows the rate through
//! an alpha-function filter:
//!
//! dr/dt = Delta / pi + 2 V r - g r,
//! dV/dt = V^2 - pi^2 r^2 + eta + (v_syn - V) g + I,
//! dg/dt = alpha q,
//! dq/dt = alpha (kappa pi r - g - 2 q),
//!
//! as The Virtual Brain's `CoombesByrne` implements it (TVB's docstring writes g r^2 in the
//! r equation, its code and the reduction of the QIF's -g V term give g r, used here).
//! Defaults: TVB's (Delta = 0.5, alpha = 0.95, v_syn = -10, kappa = 1, eta = 20), in
//! TVB's time unit taken as 1 ms; r in 1/ms, V, g, q and I dimensionless ("1"). With these
//! defaults the node oscillates (its fixed point is unstable: see the tests); for fast
//! synapses (large alpha) it rests at the fixed point of the 2D reduction
//! (`coombes_byrne_2d`, g = kappa pi r).
//!
//! Rate unit: emits no spikes; its state `r` is the output. The input I (TVB's coupling
//! term) is added to the V equation; a delta-synapse weight w adds w to V at the end of the
//! step. Numerics: RK4 on equal sub-steps of at most 0.01 ms.

use crate::define::*;
use integrate::{rk4_steps, sub_steps};
use std::f64::consts::PI;

crate::model! {
    name: "coombes_byrne",
    class: "CoombesByrneNeuron",
    summary: "Rate unit (emits no spikes; its state r is the output): next-generation neural \
              mass (QIF mean field with alpha-filtered conductance synapse), dr/dt = Delta/pi \
              + 2 V r - g r, dV/dt = V^2 - pi^2 r^2 + eta + (v_syn - V) g + I, dg/dt = alpha q, \
              dq/dt = alpha (kappa pi r - g - 2 q); TVB's CoombesByrne. RK4 sub-steps <= \
              0.01 ms.",
    citation: "Coombes & Byrne (2019) Next generation neural mass models, in Nonlinear \
               Dynamics in Computational Neuroscience (Corinto & Torcini, eds.), Springer, \
               pp. 1-16; as The Virtual Brain's CoombesByrne model",
    input_unit: "1",
    params: {
        delta: param("1", 0.5, Positive, "half-width of the Lorentzian distribution of eta"),
        alpha: param("1/ms", 0.95, Positive, "rate of the alpha-function synapse"),
        v_syn: param("1", -10.0, Finite, "synaptic reversal potential"),
        kappa: param("1", 1.0, NonNegative, "local coupling strength (TVB k)"),
        eta: param("1", 20.0, Finite, "centre of the distribution of excitabilities"),
        r_init: param("1/ms", 0.1, NonNegative, "initial rate"),
        v_init: standard::init("1", 0.0, "initial mean membrane potential; g = q = 0"),
    },
    state: {
        r: ("1/ms", "population firing rate (the output)"),
        v: ("1", "mean membrane potential"),
        g: ("1", "synaptic conductance"),
        q: ("1", "derivative of the conductance (divided by alpha)"),
    },
    membrane: v,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.01;

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        Vars {
            r: p.r_init,
            v: p.v_init,
            g: 0.0,
            q: 0.0,
        }
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let drive = p.eta + input.current;
        let f = |y: Vars| Vars {
            r: p.delta / PI + 2.0 * y.v * y.r - y.g * y.r,
            v: y.v * y.v - PI * PI * y.r * y.r + drive + (p.v_syn - y.v) * y.g,
            g: p.alpha * y.q,
            q: p.alpha * (p.kappa * PI * y.r - y.g - 2.0 * y.q),
        };
        *s = rk4_steps(*s, input.dt, *n, f);
        s.v += input.jump;
        false
    }
}

/// Helpers for the tests of the QIF mean-field models.
#[cfg(test)]
pub(crate) mod testing {
    /// The smallest root above `lo` of `g` (positive just above `lo`): scan by `step` for
    /// the first sign change, then bisect.
    pub(crate) fn first_root(g: impl Fn(f64) -> f64, lo: f64, step: f64) -> f64 {
        let mut a = lo;
        while g(a + step) > 0.0 {
            a += step;
            assert!(a < 1e6, "no root");
        }
        let mut b = a + step;
        for _ in 0..200 {
            let m = 0.5 * (a + b);
            if g(m) > 0.0 { a = m } else { b = m }
        }
        0.5 * (a + b)
    }

    /// The fixed point (r, V) of the QIF mean field with instantaneous conductance
    /// g = kappa pi r: from the r equation V = kappa pi r / 2 - Delta / (2 pi r), and r the
    /// first root of V^2 - pi^2 r^2 + eta + (v_syn - V) kappa pi r.
    pub(crate) fn cb_fixed_point(delta: f64, v_syn: f64, kappa: f64, eta: f64) -> (f64, f64) {
        use std::f64::consts::PI;
        let v_of = |r: f64| kappa * PI * r / 2.0 - delta / (2.0 * PI * r);
        let g = |r: f64| {
            let v = v_of(r);
            v * v - PI * PI * r * r + eta + (v_syn - v) * kappa * PI * r
        };
        let r = first_root(g, 1e-6, 1e-4);
        (r, v_of(r))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::testing::cb_fixed_point;
    use super::*;

    /// At the fixed point q = 0, g = kappa pi r and (r, V) solve the 2D reduction's
    /// equations (closed form up to one root). With a fast synapse (alpha = 20) and
    /// eta = 2, Delta = 1, v_syn = -4 (TVB's CoombesByrne2D defaults) the node settles
    /// there; with kappa = 0 (uncoupled) r = sqrt((eta + sqrt(eta^2 + Delta^2)) / 2) / pi.
    /// Both within 1e-6 relative.
    #[test]
    fn settles_at_the_analytic_fixed_point() {
        let e: f64 = 2.0;
        let uncoupled = ((e + (e * e + 1.0).sqrt()) / 2.0).sqrt() / PI;
        for (kappa, expected) in [
            (1.0, cb_fixed_point(1.0, -4.0, 1.0, 2.0).0),
            (0.0, uncoupled),
        ] {
            let given = [
                ("alpha", 20.0),
                ("eta", 2.0),
                ("delta", 1.0),
                ("v_syn", -4.0),
                ("kappa", kappa),
            ];
            let mut k = kernel(&MODEL, &given, 1, 0.1, 0);
            run(k.as_mut(), 5_000, 0.0, 0.0);
            let (r, g) = (k.var(0)[0], k.var(2)[0]);
            eprintln!("Coombes-Byrne kappa {kappa}: r = {r} vs {expected}, g = {g}");
            assert!((r - expected).abs() < 1e-6 * expected, "{r} vs {expected}");
            assert!((g - kappa * PI * r).abs() < 1e-6);
        }
    }

    /// With TVB's defaults (slow synapse alpha = 0.95) that fixed point is unstable and the
    /// node oscillates: r keeps swinging by more than 10 % of its fixed-point value.
    #[test]
    fn oscillates_with_the_default_slow_synapse() {
        let (r_star, _) = cb_fixed_point(0.5, -10.0, 1.0, 20.0);
        let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
        run(k.as_mut(), 2_000, 0.0, 0.0);
        let (mut lo, mut hi) = (f64::MAX, f64::MIN);
        for _ in 0..2_000 {
            run(k.as_mut(), 1, 0.0, 0.0);
            let r = k.var(0)[0];
            assert!(r.is_finite());
            (lo, hi) = (lo.min(r), hi.max(r));
        }
        eprintln!("Coombes-Byrne defaults: r* = {r_star}, r in [{lo}, {hi}]");
        assert!(hi - lo > 0.1 * r_star, "[{lo}, {hi}] around {r_star}");
    }
}
