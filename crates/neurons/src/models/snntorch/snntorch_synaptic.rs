//! snnTorch's `Synaptic` neuron (second-order LIF: exponential synaptic current), as
//! snnTorch 0.9 computes it (Eshraghian et al. 2023, Proc. IEEE 111:1016;
//! `snntorch/_neurons/synaptic.py`).
//!
//! Per iterate t, with R[t] = (U[t-1] > U_thr) and input X[t]:
//! - I_syn[t] = alpha I_syn[t-1] + X[t];
//! - reset_mechanism = 0 ("subtract", default): U[t] = beta U[t-1] + I_syn[t] - R[t] U_thr;
//! - reset_mechanism = 1 ("zero"): U[t] = (1 - R[t]) (beta U[t-1] + I_syn[t]) (I_syn is not
//!   reset: snnTorch subtracts 0 from it);
//! - reset_mechanism = 2 ("none"): U[t] = beta U[t-1] + I_syn[t];
//! - spike S[t] = (U[t] > U_thr); reset_delay = 0 (snnTorch `reset_delay=False`) also
//!   applies do_reset = S[t] - R[t] to U[t] at once, as `snntorch_leaky`.
//!
//! I_syn[0] = U[0] = 0. Time and input as `snntorch_leaky`: one iterate per `t_step` ms of
//! network time, at the first network step of each period, with X = that step's input
//! current plus the delta-synapse weights received since the previous iterate; a spike is
//! reported in the network step of its iterate. Defaults: alpha = 0.9, beta = 0.5 (the
//! class docstring's example), threshold = 1.

use super::super::neuromorphic::loihi_cuba::ticks;
use super::snntorch_leaky::{Reset, heaviside, reset_now};
use crate::define::*;

crate::model! {
    name: "snntorch_synaptic",
    class: "SnnTorchSynapticNeuron",
    summary: "snnTorch Synaptic: I_syn = alpha I_syn + X; R = [U > thr] (previous iterate); \
              U = beta U + I_syn - R thr (subtract) / (1 - R)(beta U + I_syn) (zero) / \
              beta U + I_syn (none); S = [U > thr]. One iterate per t_step ms.",
    citation: "Eshraghian, Ward, Neftci, Wang, Lenz, Dwivedi, Bennamoun, Jeong & Lu (2023) \
               Training spiking neural networks using lessons from deep learning, Proc. \
               IEEE 111(9):1016-1054; snnTorch 0.9 snntorch.Synaptic (docstring example \
               alpha = 0.9, beta = 0.5)",
    input_unit: "1",
    params: {
        alpha: param("1", 0.9, Closed(0.0, 1.0), "synaptic current decay per iterate"),
        beta: param("1", 0.5, Closed(0.0, 1.0), "membrane decay per iterate"),
        threshold: param("1", 1.0, Positive, "firing threshold U_thr"),
        reset_mechanism: param("1", 0.0, Closed(0.0, 2.0),
                               "0 subtract, 1 zero, 2 none (snnTorch's reset_mechanism_val)"),
        reset_delay: param("1", 1.0, Closed(0.0, 1.0),
                           "1: reset at the next iterate (snnTorch default); 0: at once"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one snnTorch time step"),
    },
    state: {
        v: ("1", "membrane potential U after the last iterate"),
        syn: ("1", "synaptic current I_syn after the last iterate"),
        x: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: v,
    delta_input: "w is added to the input X of the next iterate",
    drive: 0.2,
    build: point,
}

/// Per-neuron constants.
#[derive(Clone, Copy)]
pub struct Consts {
    alpha: f64,
    beta: f64,
    threshold: f64,
    mech: Reset,
    delay: bool,
    t_step: f64,
}

/// One snnTorch Synaptic iterate with input `x`; whether S = 1.
fn iterate(c: &Consts, s: &mut Vars, x: f64) -> bool {
    let r = heaviside(s.v, c.threshold);
    let syn = c.alpha * s.syn + x;
    let base = c.beta * s.v + syn;
    let mut v = match c.mech {
        Reset::Subtract => base - r * c.threshold,
        Reset::Zero => base - base * r,
        Reset::Off => base,
    };
    let spk = heaviside(v, c.threshold);
    if !c.delay {
        v = reset_now(v, spk, r, c.threshold, c.mech);
    }
    (s.syn, s.v) = (syn, v);
    spk > 0.0
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, _: f64) -> Consts {
        Consts {
            alpha: p.alpha,
            beta: p.beta,
            threshold: p.threshold,
            mech: Reset::of(p.reset_mechanism),
            delay: p.reset_delay >= 0.5,
            t_step: p.t_step,
        }
    }

    fn init(_: &Consts) -> Vars {
        Vars::default()
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        s.x += input.jump;
        let mut fired = false;
        for _ in 0..ticks(&mut s.clock, c.t_step, input.dt) {
            let x = input.current + s.x;
            s.x = 0.0;
            fired |= iterate(c, s, x);
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::snntorch_leaky::testing::{kernel, run};
    use super::*;

    /// alpha = 0.9, beta = 0.5, X = 0.3 by hand: I_syn = 0.3, 0.57, 0.813, 1.0317;
    /// U = 0.3, 0.72, 1.173 (S), then 0.5865 + 1.0317 - 1 = 0.6182 (subtract) or 0 (zero,
    /// with I_syn not reset).
    #[test]
    fn iterates_by_hand() {
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        let mut k = kernel(&MODEL, &[], 1.0);
        let (u, s) = run(k.as_mut(), 0, &[0.3; 4]);
        assert!(close(&u, &[0.3, 0.72, 1.173, 0.6182]), "{u:?}");
        assert_eq!(s, [2]);
        assert!((k.var(1)[0] - 1.0317).abs() < 1e-12);
        let mut k = kernel(&MODEL, &[("reset_mechanism", 1.0)], 1.0);
        let (u, _) = run(k.as_mut(), 0, &[0.3; 4]);
        assert!(close(&u, &[0.3, 0.72, 1.173, 0.0]), "{u:?}");
        assert!((k.var(1)[0] - 1.0317).abs() < 1e-12);
    }
}
