//! The two-dimensional next-generation neural mass of Coombes & Byrne (2019) as The
//! Virtual Brain's `CoombesByrne2D`: the QIF (theta-neuron) mean field of
//! `coombes_byrne` with an instantaneous conductance-based synapse, g = kappa pi r, so
//! that
//!
//! dr/dt = Delta / pi + 2 V r - kappa pi r^2,
//! dV/dt = V^2 - pi^2 r^2 + eta + (v_syn - V) kappa pi r + I.
//!
//! Distinct from `coombes_byrne` (no synaptic filter: two variables, no rhythm of its own)
//! and with its own TVB defaults: Delta = 1, v_syn = -4, kappa = 1, eta = 2, in TVB's time
//! unit taken as 1 ms; r in 1/ms, V and I dimensionless ("1").
//!
//! Rate unit: emits no spikes; its state `r` is the output. The input I (TVB's coupling
//! term) is added to the V equation; a delta-synapse weight w adds w to V at the end of the
//! step. Numerics: RK4 on equal sub-steps of at most 0.01 ms.

use crate::define::*;
use integrate::{rk4_steps, sub_steps};
use std::f64::consts::PI;

crate::model! {
    name: "coombes_byrne_2d",
    class: "CoombesByrne2DNeuron",
    summary: "Rate unit (emits no spikes; its state r is the output): 2D next-generation \
              neural mass with instantaneous conductance synapse g = kappa pi r, dr/dt = \
              Delta/pi + 2 V r - kappa pi r^2, dV/dt = V^2 - pi^2 r^2 + eta + (v_syn - V) \
              kappa pi r + I; TVB's CoombesByrne2D. RK4 sub-steps <= 0.01 ms.",
    citation: "Coombes & Byrne (2019) Next generation neural mass models, in Nonlinear \
               Dynamics in Computational Neuroscience (Corinto & Torcini, eds.), Springer, \
               pp. 1-16; as The Virtual Brain's CoombesByrne2D model",
    input_unit: "1",
    params: {
        delta: param("1", 1.0, Positive, "half-width of the Lorentzian distribution of eta"),
        v_syn: param("1", -4.0, Finite, "synaptic reversal potential"),
        kappa: param("1", 1.0, NonNegative, "local coupling strength (TVB k)"),
        eta: param("1", 2.0, Finite, "centre of the distribution of excitabilities"),
        r_init: param("1/ms", 0.1, NonNegative, "initial rate"),
        v_init: standard::init("1", 0.0, "initial mean membrane potential"),
    },
    state: {
        r: ("1/ms", "population firing rate (the output)"),
        v: ("1", "mean membrane potential"),
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
        }
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let drive = p.eta + input.current;
        let f = |y: Vars| {
            let g = p.kappa * PI * y.r;
            Vars {
                r: p.delta / PI + 2.0 * y.v * y.r - g * y.r,
                v: y.v * y.v - PI * PI * y.r * y.r + drive + (p.v_syn - y.v) * g,
            }
        };
        *s = rk4_steps(*s, input.dt, *n, f);
        s.v += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::super::coombes_byrne::testing::cb_fixed_point;
    use super::*;

    /// With TVB's defaults and with input I = 1 (eta -> 3) the node settles at the fixed
    /// point V = kappa pi r / 2 - Delta / (2 pi r), r the root of V^2 - pi^2 r^2 + eta +
    /// (v_syn - V) kappa pi r = 0, within 1e-6 relative.
    #[test]
    fn settles_at_the_analytic_fixed_point() {
        for input in [0.0, 1.0] {
            let (r_star, v_star) = cb_fixed_point(1.0, -4.0, 1.0, 2.0 + input);
            let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
            run(k.as_mut(), 5_000, input, 0.0);
            let (r, v) = (k.var(0)[0], k.var(1)[0]);
            eprintln!("Coombes-Byrne 2D I = {input}: r = {r} vs {r_star}, V = {v} vs {v_star}");
            assert!((r - r_star).abs() < 1e-6 * r_star, "{r} vs {r_star}");
            assert!((v - v_star).abs() < 1e-6, "{v} vs {v_star}");
        }
    }
}
