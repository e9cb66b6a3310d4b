//! Gated leaky integrate-and-fire neuron (GLIF; Yao et al. 2022), a discrete-time unit
//! whose gates mix leak, integration and reset variants.
//!
//! Per time step, with gates alpha, beta, gamma in (0, 1) (sigmoids of learnable values)
//! and the previous step's spike S[t-1] (Yao et al. 2022, Sec. 3; the update of
//! SpikingJelly's `gated_lif_step`, the authors' code):
//! - input: I[t] = X[t] (1 - beta (1 - g)) (g: the membrane conductance gate),
//! - leak: U = (1 - alpha (1 - tau)) V[t-1] - (1 - alpha) l (exponential and linear leak),
//! - reset (of the previous spike): U -= (1 - alpha (1 - tau)) V[t-1] gamma S[t-1]
//!   plus (1 - gamma) V_sr S[t-1] (hard and soft reset mixed),
//! - V[t] = U + I[t]; S[t] = Theta(V[t] - V_th).
//!
//! Defaults: the initial values of the paper and the authors' code: tau = 0.25 (decay
//! factor), V_th = 0.5, conductance g = 0.5, gates 0.5 (sigmoid of ~0), V_sr = V_th and
//! linear decay l = V_th / (2 T) for T = 4 time steps (0.0625).
//!
//! The paper defines the unit per time step only, so the map is iterated on its own step
//! period `t_step` (ms): once per `t_step` of accumulated network time, at the first
//! network step of each period, with X = the network input of that step plus the
//! delta-synapse weights received since the previous iterate.

use super::super::neuromorphic::loihi_cuba::ticks;
use crate::define::*;

crate::model! {
    name: "gated_lif",
    class: "GatedLIFNeuron",
    summary: "GLIF map: V = (1 - a(1-tau)) V (1 - c S_prev) - (1-a) l - (1-c) V_sr S_prev + \
              X (1 - b (1 - g)); S = [V >= V_th] (gates a, b, c). One iterate per t_step ms.",
    citation: "Yao, Li, Mo & Cheng (2022) GLIF: a unified gated leaky integrate-and-fire \
               neuron for spiking neural networks, Advances in Neural Information Processing \
               Systems 35 (NeurIPS 2022) (gated update, Sec. 3; initial values); \
               SpikingJelly GatedLIFNode",
    input_unit: "1",
    params: {
        alpha: param("1", 0.5, Closed(0.0, 1.0), "leak gate (exponential vs linear leak)"),
        beta: param("1", 0.5, Closed(0.0, 1.0), "integration gate (conductance-scaled input)"),
        gamma: param("1", 0.5, Closed(0.0, 1.0), "reset gate (hard vs soft reset)"),
        tau: param("1", 0.25, Closed(0.0, 1.0), "exponential decay factor per step"),
        l: param("1", 0.0625, NonNegative, "linear decay per step"),
        g: param("1", 0.5, Closed(0.0, 1.0), "membrane conductance gate"),
        v_th: param("1", 0.5, Positive, "firing threshold"),
        v_sr: param("1", 0.5, NonNegative, "soft-reset decrement"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one time step"),
    },
    state: {
        v: ("1", "membrane potential after the last iterate"),
        s: ("1", "spike of the last iterate (0 or 1)"),
        x: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: v,
    delta_input: "w is added to the input X of the next iterate",
    drive: 1.0,
    build: point,
}

/// One GLIF iterate with input `x`.
fn iterate(p: &Parameters, s: &mut Vars, x: f64) -> bool {
    let keep = 1.0 - p.alpha * (1.0 - p.tau);
    let input = x * (1.0 - p.beta * (1.0 - p.g));
    s.v = keep * s.v - (1.0 - p.alpha) * p.l + input
        - keep * s.v * p.gamma * s.s
        - (1.0 - p.gamma) * p.v_sr * s.s;
    s.s = f64::from(s.v >= p.v_th);
    s.s > 0.0
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(_: &Parameters) -> Vars {
        Vars::default()
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        s.x += input.jump;
        let mut fired = false;
        for _ in 0..ticks(&mut s.clock, p.t_step, input.dt) {
            let x = input.current + s.x;
            s.x = 0.0;
            fired |= iterate(p, s, x);
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// Defaults, X = 1: keep = 0.625, input 0.75, linear leak 0.03125.
    /// V1 = 0.71875 (spike); V2 = 0.625 V1 (1 - 0.5) - 0.03125 - 0.25 + 0.75 = 0.693359
    /// (spike); every iterate spikes, and V follows the map exactly.
    #[test]
    fn iterates_follow_the_published_update() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let mut s = Vars::default();
        assert!(iterate(&p, &mut s, 1.0));
        assert!((s.v - 0.71875).abs() < 1e-12);
        assert!(iterate(&p, &mut s, 1.0));
        assert!((s.v - 0.693359375).abs() < 1e-12);
        let times = spike_times(&MODEL, &[], 1.0, 0.5, 4.0);
        assert_eq!(times, [0.5, 1.5, 2.5, 3.5]);
    }

    /// Zero input: V relaxes to the linear-leak fixed point -(1 - alpha) l / (alpha (1 -
    /// tau)) = -0.03125 / 0.375 = -1/12.
    #[test]
    fn linear_leak_fixed_point() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let mut s = Vars::default();
        for _ in 0..200 {
            iterate(&p, &mut s, 0.0);
        }
        assert!((s.v + 1.0 / 12.0).abs() < 1e-12, "{}", s.v);
    }
}
