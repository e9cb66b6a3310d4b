//! Theta neuron (Ermentrout & Kopell 1986): the canonical model of a neuron near a
//! saddle-node on invariant circle bifurcation (class 1 excitability), a phase on the
//! circle:
//!
//! tau dtheta/dt = (1 - cos theta) + (1 + cos theta)(I + I_e)
//!
//! A spike is theta crossing pi (upwards); theta is then continued at -pi (the same point of
//! the circle), so the spike is not a reset. For I > 0 the neuron fires periodically with
//! period pi tau / sqrt(I); for I < 0 it rests at theta = -arccos((1 + I)/(1 - I)); I = 0 is
//! the bifurcation (theta = 0 is then a half-stable rest). The input is dimensionless; tau
//! converts the canonical model's time to ms (its unit time, default 1 ms). With
//! V = tan(theta/2) the model is the quadratic integrate-and-fire dV/dt = (V^2 + I)/tau.
//! Delta-synapse weights are added to theta at the end of the step (a jump across pi is a
//! spike).
//!
//! Numerics: classical RK4 on equal sub-steps of at most min(dt, 0.05 tau / (1 + |I|)) (the
//! right-hand side is bounded by 2 max(1, |I|)/tau, so each sub-step moves theta by at most
//! 0.1 rad); a crossing of pi is detected after each sub-step. The wrap does not change the
//! trajectory, so spike times converge with the sub-step.

use crate::define::*;
use std::f64::consts::PI;

crate::model! {
    name: "theta_neuron",
    class: "ThetaNeuron",
    summary: "tau dtheta/dt = (1 - cos theta) + (1 + cos theta)(I + I_e); theta crossing pi is a \
              spike (theta continues at -pi). Period pi tau/sqrt(I) for I > 0. RK4 on \
              sub-steps <= 0.05 tau/(1 + |I|).",
    citation: "Ermentrout & Kopell (1986) SIAM J. Appl. Math. 46:233; Ermentrout (1996) \
               Neural Comput. 8:979",
    input_unit: "1",
    params: {
        tau: param("ms", 1.0, Positive, "time unit of the canonical model"),
        i_e: standard::i_e_in("1", 0.0),
        theta_init: param("rad", 0.0, Closed(-PI, PI), "initial phase"),
    },
    state: {
        theta: ("rad", "phase (spike at pi)"),
    },
    membrane: theta,
    drive: 1.0,
    build: point,
}

/// Wraps a phase that reached pi; whether it did.
fn wrap(theta: &mut f64) -> bool {
    if *theta >= PI {
        *theta -= 2.0 * PI;
        true
    } else {
        if *theta < -PI {
            *theta += 2.0 * PI;
        }
        false
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            theta: p.theta_init,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let n = integrate::sub_steps(input.dt, 0.05 * p.tau / (1.0 + i.abs()));
        let h = input.dt / n as f64;
        let f = |y: Vars| {
            let c = y.theta.cos();
            Vars {
                theta: ((1.0 - c) + (1.0 + c) * i) / p.tau,
            }
        };
        let mut spiked = false;
        for _ in 0..n {
            *s = integrate::rk4(*s, h, f);
            spiked |= wrap(&mut s.theta);
        }
        s.theta += input.jump;
        spiked |= wrap(&mut s.theta);
        spiked
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// Period pi tau / sqrt(I) (Ermentrout & Kopell 1986): 2 pi ms for I = 0.25, tau = 1 ms,
    /// pi/3 ms for I = 9; and the first spike from theta = 0 after half a period.
    #[test]
    fn period_matches_the_closed_form() {
        let dt = 0.01;
        for &(i, tau) in &[(0.25, 1.0), (9.0, 1.0), (1.0, 10.0)] {
            let period = PI * tau / f64::sqrt(i);
            let times = spike_times(&MODEL, &[("tau", tau)], i, dt, 40.0 * period);
            assert!(times.len() > 20);
            assert!((times[0] - period / 2.0).abs() <= dt + 1e-9, "{}", times[0]);
            let mean = (times[times.len() - 1] - times[0]) / (times.len() - 1) as f64;
            assert!(
                (mean - period).abs() < 1e-3 * period,
                "I = {i}: {mean} vs {period}"
            );
        }
    }

    /// Below the bifurcation the phase settles at -arccos((1 + I)/(1 - I)) without firing.
    #[test]
    fn rests_below_the_bifurcation() {
        let mut k = super::super::testing::kernel(&MODEL, &[], 0.1);
        assert!(super::super::testing::hold(k.as_mut(), -0.5, 1000).is_empty());
        let rest = -f64::acos(0.5 / 1.5);
        assert!((k.var(0)[0] - rest).abs() < 1e-9, "{}", k.var(0)[0]);
    }
}
