//! Kuramoto phase oscillator: the local unit of The Virtual Brain's `Kuramoto` model
//! (Kuramoto 1975; Sanz-Leon et al. 2015, sec. "Kuramoto"), with TVB's default.
//!
//! dtheta/dt = omega + I + I_e
//!
//! theta is a phase (rad), omega the natural angular frequency (rad/ms, TVB default 1.0),
//! I the input held over the step (rad/ms: in a network it is the coupling term
//! K/N sum_j sin(theta_j - theta_i) or any other drive). The step is integrated exactly
//! (the right-hand side is constant over a step).
//!
//! Spikes: the phase wraps. When theta reaches 2 pi it is reduced by 2 pi and the unit emits
//! one spike (a network step reports at most one, however many cycles it contains); a phase
//! pushed below 0 is raised by 2 pi without a spike. So with zero input the unit fires
//! regularly at omega / (2 pi) per ms (spontaneous: the oscillator runs by itself).
//! Delta-synapse jumps are phase kicks (rad), added to theta at the end of the step; a kick
//! across 2 pi is a spike.

use crate::define::*;

crate::model! {
    name: "kuramoto",
    class: "KuramotoNeuron",
    summary: "Phase oscillator: dtheta/dt = omega + I + I_e (rad/ms), integrated exactly. \
              Spike = the phase reaching 2 pi (then theta -= 2 pi); with zero input it \
              fires at omega / 2 pi per ms. Jumps are phase kicks (rad).",
    citation: "Kuramoto (1975) Lecture Notes in Physics 39:420-422; as The Virtual Brain's \
               Kuramoto model, Sanz-Leon, Knock, Spiegler & Jirsa (2015) NeuroImage \
               111:385-430 (default omega = 1 rad/ms)",
    input_unit: "rad/ms",
    params: {
        omega: param("rad/ms", 1.0, Finite, "natural angular frequency (TVB default 1.0)"),
        i_e: standard::i_e_in("rad/ms", 0.0),
        theta_init: param("rad", 0.0, Closed(0.0, std::f64::consts::TAU), "initial phase"),
    },
    state: {
        theta: ("rad", "phase, kept in [0, 2 pi)"),
    },
    membrane: theta,
    delta_input: "a jump is a phase kick (rad) added to theta at the end of the step; a kick \
                  across 2 pi is a spike",
    drive: 1.0,
    spontaneous: "a phase oscillator: with zero input the phase advances at omega and wraps \
                  (one spike per cycle)",
    build: point,
}

/// Wraps `theta` into [0, 2 pi); whether it wrapped upwards (a spike).
#[inline(always)]
fn wrap(theta: f64) -> (f64, bool) {
    use std::f64::consts::TAU;
    if theta >= TAU {
        (theta.rem_euclid(TAU), true)
    } else if theta < 0.0 {
        (theta.rem_euclid(TAU), false)
    } else {
        (theta, false)
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            theta: wrap(p.theta_init).0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let rate = p.omega + p.i_e + input.current;
        let (theta, a) = wrap(s.theta + rate * input.dt);
        let (theta, b) = wrap(theta + input.jump);
        s.theta = if theta.is_finite() { theta } else { 0.0 };
        a | b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ion_channel::persistent_na::testing::{kernel, run};
    use std::f64::consts::TAU;

    /// Phase advance 2 pi f t: after t = 1000 ms at omega = 1 rad/ms (f = 1/2 pi per ms) the
    /// unit has fired floor(1000 / 2 pi) = 159 times, at the multiples of 2 pi / omega, and
    /// its phase is 1000 mod 2 pi.
    #[test]
    fn phase_advances_at_omega() {
        let dt = 0.01;
        let (times, _) = run(&MODEL, &[], dt, 1000.0, |_| 0.0);
        assert_eq!(times.len(), (1000.0 / TAU).floor() as usize);
        for (k, t) in times.iter().enumerate() {
            let exact = (k + 1) as f64 * TAU;
            assert!(
                t - exact >= -1e-9 && t - exact < dt + 1e-9,
                "{t} vs {exact}"
            );
        }
        let mut k = kernel(&MODEL, &[], dt);
        let mut spikes = Vec::new();
        for _ in 0..100_000 {
            k.step(
                &crate::StepInput {
                    jump: &[0.0],
                    current: &[0.0],
                },
                &mut spikes,
            );
        }
        let theta = k.var(0)[0];
        assert!((theta - 1000f64.rem_euclid(TAU)).abs() < 1e-6, "{theta}");
    }

    /// Input adds to the angular frequency: omega + I = 2 rad/ms doubles the rate (318 Hz).
    #[test]
    fn input_shifts_the_frequency() {
        let (times, _) = run(&MODEL, &[], 0.01, 1000.0, |_| 1.0);
        let rate = times.len() as f64;
        let expected = 2.0 * 1000.0 / TAU;
        assert!((rate - expected).abs() <= 1.0, "{rate} vs {expected}");
    }
}
