//! TrueNorth digital neuron (Cassidy et al. 2013), deterministic configuration.
//!
//! Per tick (integers): synaptic integration V += a_in (the sum of the tick's weighted
//! inputs); leak V += Omega lambda with Omega = (1 - epsilon) + epsilon sgn(V) (epsilon = 1:
//! leak reversal, the leak drives V toward 0); then
//! - V >= alpha: spike and reset by mode gamma: 0 -> V = R, 1 -> V = V - alpha (linear
//!   reset), 2 -> V unchanged (non-reset);
//! - V < -beta (kappa = 1): V = -beta (saturation); (kappa = 0): V = -R, V + beta or V by
//!   the same gamma (negative reset).
//!
//! The stochastic modes of the paper (stochastic synapses, leak and threshold: rho and the
//! threshold mask M, c_lambda) are not included: this is its deterministic configuration
//! (M = 0, so eta = 0). Time: one tick per `t_step` ms (1 ms on the chip) of network time,
//! at the first network step of each period; a_in = network current of that step plus the
//! delta-synapse weights since the last tick, rounded to the nearest integer.

use super::loihi_cuba::ticks;
use crate::define::*;

crate::model! {
    name: "truenorth",
    class: "TrueNorthNeuron",
    summary: "TrueNorth neuron (deterministic): V += a_in; V += ((1-eps) + eps sgn V) lambda; \
              V >= alpha -> spike, reset by gamma (0: V = R, 1: V -= alpha, 2: none); \
              V < -beta -> kappa ? V = -beta : negative reset. One tick per t_step ms.",
    citation: "Cassidy et al. (2013) Cognitive computing building block: a versatile and \
               efficient digital neuron model for neurosynaptic cores, Proc. IJCNN 2013, \
               (neuron equations, deterministic modes); Merolla et al. (2014) Science \
               345:668",
    input_unit: "1",
    params: {
        alpha: param("1", 20.0, Closed(1.0, 524287.0), "positive threshold"),
        beta: param("1", 0.0, Closed(0.0, 524287.0), "negative threshold (magnitude)"),
        leak: param("1", 0.0, Closed(-255.0, 255.0), "leak per tick, lambda (signed)"),
        reset: param("1", 0.0, Closed(-524288.0, 524287.0), "reset value R"),
        gamma: param("1", 0.0, Closed(0.0, 2.0), "reset mode: 0 normal, 1 linear, 2 none"),
        kappa: param("1", 1.0, Closed(0.0, 1.0), "1: saturate at -beta; 0: negative reset"),
        epsilon: param("1", 0.0, Closed(0.0, 1.0), "1: leak reversal (leak toward 0)"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one tick"),
    },
    state: {
        v: ("1", "membrane potential (integer)"),
        a_in: ("1", "delta-synapse input received since the last tick"),
        clock: ("ms", "network time until the next tick"),
    },
    membrane: v,
    delta_input: "w is added to the next tick's synaptic input (rounded to an integer)",
    drive: 5.0,
    build: point,
}

/// Integer configuration of one neuron.
#[derive(Clone, Copy)]
pub struct Consts {
    alpha: i64,
    beta: i64,
    leak: i64,
    reset: i64,
    gamma: i64,
    kappa: bool,
    epsilon: bool,
    t_step: f64,
}

/// One tick with input `a`; whether it spiked.
fn tick(c: &Consts, v: &mut i64, a: i64) -> bool {
    *v += a;
    let omega = if c.epsilon { v.signum() } else { 1 };
    *v += omega * c.leak;
    if *v >= c.alpha {
        *v = match c.gamma {
            0 => c.reset,
            1 => *v - c.alpha,
            _ => *v,
        };
        return true;
    }
    if *v < -c.beta {
        *v = if c.kappa {
            -c.beta
        } else {
            match c.gamma {
                0 => -c.reset,
                1 => *v + c.beta,
                _ => *v,
            }
        };
    }
    false
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, _: f64) -> Consts {
        let i = |x: f64| x.round() as i64;
        Consts {
            alpha: i(p.alpha),
            beta: i(p.beta),
            leak: i(p.leak),
            reset: i(p.reset),
            gamma: i(p.gamma),
            kappa: p.kappa >= 0.5,
            epsilon: p.epsilon >= 0.5,
            t_step: p.t_step,
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.reset.clamp(-c.beta, c.alpha - 1) as f64,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        s.a_in += input.jump;
        let mut v = s.v as i64;
        let mut fired = false;
        for _ in 0..ticks(&mut s.clock, c.t_step, input.dt) {
            let a = (input.current + s.a_in).round().clamp(-1e12, 1e12) as i64;
            s.a_in = 0.0;
            fired |= tick(c, &mut v, a);
        }
        s.v = v as f64;
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::loihi_cuba::testing::{hold, kernel};
    use super::*;

    /// Normal reset: V = k (a + lambda) reaches alpha = 20 with a = 5, lambda = -1 after
    /// ceil(20 / 4) = 5 ticks: the period is 5 ticks.
    #[test]
    fn normal_reset_period() {
        let mut k = kernel(&MODEL, &[("leak", -1.0)], 1.0);
        assert_eq!(hold(k.as_mut(), 5.0, 16), [4, 9, 14]);
    }

    /// Linear reset keeps the remainder: input 7 per tick against alpha = 20 gives exactly
    /// floor(7 N / 20) spikes in N ticks (linear reset: a rate divider).
    #[test]
    fn linear_reset_divides_the_rate() {
        let mut k = kernel(&MODEL, &[("gamma", 1.0)], 0.5);
        let n_ticks = 200;
        assert_eq!(hold(k.as_mut(), 7.0, 2 * n_ticks).len(), 7 * n_ticks / 20);
    }

    /// Negative input saturates at -beta (kappa = 1), and leak reversal (epsilon = 1)
    /// with lambda = -1 drives V from -beta back toward 0 by one unit per tick.
    #[test]
    fn saturation_and_leak_reversal() {
        let mut k = kernel(
            &MODEL,
            &[("beta", 10.0), ("epsilon", 1.0), ("leak", -1.0)],
            1.0,
        );
        hold(k.as_mut(), -50.0, 1);
        assert_eq!(k.var(0)[0], -10.0);
        hold(k.as_mut(), 0.0, 4);
        assert_eq!(k.var(0)[0], -6.0);
    }
}
