//! snnTorch's `Leaky` neuron (first-order LIF), as snnTorch 0.9 computes it (Eshraghian et
//! al. 2023, Proc. IEEE 111:1016; `snntorch/_neurons/leaky.py`).
//!
//! Per iterate t, with R[t] = (U[t-1] > U_thr) (snnTorch's `mem_reset`, on the previous
//! membrane) and input X[t]:
//! - reset_mechanism = 0 ("subtract", default): U[t] = beta U[t-1] + X[t] - R[t] U_thr;
//! - reset_mechanism = 1 ("zero"): U[t] = beta (1 - R[t]) U[t-1] + X[t];
//! - reset_mechanism = 2 ("none"): U[t] = beta U[t-1] + X[t];
//! - spike S[t] = (U[t] > U_thr) (snnTorch's Heaviside `fire`; S = 1 is a spike).
//!
//! reset_delay = 1 (snnTorch's default `True`) applies the reset one iterate later, as
//! above; reset_delay = 0 then also applies `do_reset = S[t] - R[t]` at once: U[t] -=
//! do_reset U_thr (subtract) or U[t] -= do_reset U[t] (zero). U[0] = 0. The options
//! `inhibition`, `state_quant` and graded spikes are not modelled (their defaults are).
//!
//! Time: snnTorch is a discrete-time network; the model iterates on its own period
//! `t_step` (ms): once per `t_step` of accumulated network time, at the first network step
//! of each period, with X[t] = the network input current of that step (the value at the
//! iterate, not a mean over the period) plus the delta-synapse weights received since the
//! previous iterate. A spike is reported in the network step of the iterate that produced
//! it. Defaults: beta = 0.5 (the class docstring's example), threshold = 1 (snnTorch's).

use super::super::neuromorphic::loihi_cuba::ticks;
use crate::define::*;

crate::model! {
    name: "snntorch_leaky",
    class: "SnnTorchLeakyNeuron",
    summary: "snnTorch Leaky: R = [U > thr] (previous iterate); U = beta U + X - R thr \
              (subtract) / beta (1 - R) U + X (zero) / beta U + X (none); S = [U > thr]; \
              reset_delay = 0 resets at once. One iterate per t_step ms of network time.",
    citation: "Eshraghian, Ward, Neftci, Wang, Lenz, Dwivedi, Bennamoun, Jeong & Lu (2023) \
               Training spiking neural networks using lessons from deep learning, Proc. \
               IEEE 111(9):1016-1054; snnTorch 0.9 snntorch.Leaky (docstring example \
               beta = 0.5)",
    input_unit: "1",
    params: {
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
        x: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: v,
    delta_input: "w is added to the input X of the next iterate",
    drive: 1.0,
    build: point,
}

/// snnTorch's reset mechanism (`reset_mechanism_val`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reset {
    /// "subtract" (0).
    Subtract,
    /// "zero" (1).
    Zero,
    /// "none" (2).
    Off,
}

impl Reset {
    /// From the parameter value 0, 1, 2 (rounded).
    pub(crate) fn of(x: f64) -> Reset {
        match x.round() as i64 {
            0 => Reset::Subtract,
            1 => Reset::Zero,
            _ => Reset::Off,
        }
    }
}

/// snnTorch's Heaviside (`mem_reset` and `fire`): 1 if u > threshold, else 0.
pub(crate) fn heaviside(u: f64, threshold: f64) -> f64 {
    if u > threshold { 1.0 } else { 0.0 }
}

/// The immediate reset of `reset_delay = False`: do_reset = S - R applied to `u`.
pub(crate) fn reset_now(u: f64, spk: f64, r: f64, threshold: f64, mech: Reset) -> f64 {
    let d = spk - r;
    match mech {
        Reset::Subtract => u - d * threshold,
        Reset::Zero => u - d * u,
        Reset::Off => u,
    }
}

/// Per-neuron constants.
#[derive(Clone, Copy)]
pub struct Consts {
    beta: f64,
    threshold: f64,
    mech: Reset,
    delay: bool,
    t_step: f64,
}

/// One snnTorch Leaky iterate with input `x`; whether S = 1.
fn iterate(c: &Consts, u: &mut f64, x: f64) -> bool {
    let r = heaviside(*u, c.threshold);
    let mut v = match c.mech {
        Reset::Subtract => c.beta * *u + x - r * c.threshold,
        Reset::Zero => c.beta * ((1.0 - r) * *u) + x,
        Reset::Off => c.beta * *u + x,
    };
    let spk = heaviside(v, c.threshold);
    if !c.delay {
        v = reset_now(v, spk, r, c.threshold, c.mech);
    }
    *u = v;
    spk > 0.0
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, _: f64) -> Consts {
        Consts {
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
            fired |= iterate(c, &mut s.v, input.current + s.x);
            s.x = 0.0;
        }
        fired
    }
}

/// Helpers for the family's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    pub(crate) use super::super::super::neuromorphic::loihi_cuba::testing::kernel;
    use crate::{NeuronKernel, StepInput};

    /// Steps `k` once per input value (dt = t_step); the membrane (state variable `m`) after
    /// each step and the indices of the spiking steps.
    pub(crate) fn run(k: &mut dyn NeuronKernel, m: usize, xs: &[f64]) -> (Vec<f64>, Vec<usize>) {
        let mut spikes = Vec::new();
        let mut out = Vec::new();
        let mut fired = Vec::new();
        for (t, &x) in xs.iter().enumerate() {
            spikes.clear();
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[x],
                },
                &mut spikes,
            );
            if !spikes.is_empty() {
                fired.push(t);
            }
            out.push(k.var(m)[0]);
        }
        (out, fired)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{kernel, run};
    use super::*;

    /// beta = 0.5, thr = 1, X = 0.75 (subtract, delayed reset), iterates by hand (exact in
    /// binary): U = 0.75, 1.125 (S), 0.5625 + 0.75 - 1 = 0.3125, 0.90625, 1.203125 (S),
    /// 0.6015625 + 0.75 - 1 = 0.3515625.
    #[test]
    fn subtract_reset_iterates_by_hand() {
        let mut k = kernel(&MODEL, &[], 1.0);
        let (u, s) = run(k.as_mut(), 0, &[0.75; 6]);
        assert_eq!(u, [0.75, 1.125, 0.3125, 0.90625, 1.203125, 0.3515625]);
        assert_eq!(s, [1, 4]);
    }

    /// Zero reset: U = 0.75, 1.125 (S), 0 + 0.75, 1.125 (S); reset_delay = 0 resets at
    /// once: U = 0.75, 0 (S), 0.75, 0 (S).
    #[test]
    fn zero_reset_and_reset_delay() {
        let mut k = kernel(&MODEL, &[("reset_mechanism", 1.0)], 1.0);
        let (u, s) = run(k.as_mut(), 0, &[0.75; 4]);
        assert_eq!((u, s), (vec![0.75, 1.125, 0.75, 1.125], vec![1, 3]));
        let mut k = kernel(
            &MODEL,
            &[("reset_mechanism", 1.0), ("reset_delay", 0.0)],
            1.0,
        );
        let (u, s) = run(k.as_mut(), 0, &[0.75; 4]);
        assert_eq!((u, s), (vec![0.75, 0.0, 0.75, 0.0], vec![1, 3]));
    }

    /// t_step = 1 ms at dt = 0.25 ms: one iterate per 4 network steps (at steps 0, 4, ...).
    #[test]
    fn iterates_on_its_own_period() {
        let mut k = kernel(&MODEL, &[], 0.25);
        let (_, s) = run(k.as_mut(), 0, &[0.75; 20]);
        assert_eq!(s, [4, 16]);
    }
}
