//! snnTorch's `Alpha` neuron (alpha-shaped synaptic current as the difference of two
//! exponentials), as snnTorch 0.9 computes it (Eshraghian et al. 2023, Proc. IEEE
//! 111:1016; `snntorch/_neurons/alpha.py`).
//!
//! Per iterate t, with R[t] = (U[t-1] > U_thr), input X[t] and
//! tau_alpha = ln(alpha) / (ln(beta) - ln(alpha)) + 1:
//! - base: E = alpha I_exc[t-1] + X[t], H = beta I_inh[t-1] - X[t],
//!   B = tau_alpha (E + H);
//! - reset_mechanism = 1 ("zero", snnTorch's default for Alpha): I_exc[t] = (1 - R) E,
//!   I_inh[t] = (1 - R) H, U[t] = (1 - R) B;
//! - reset_mechanism = 0 ("subtract"): I_exc[t] = E - R U_thr, I_inh[t] = (1 - R) H,
//!   U[t] = B + R I_inh[t-1] (snnTorch's `_base_state_reset_sub_function`, literally);
//! - reset_mechanism = 2 ("none"): I_exc = E, I_inh = H, U = B;
//! - spike S[t] = (U[t] > U_thr). snnTorch's Alpha has no `reset_delay` option.
//!
//! For an impulse X[0] = 1 the membrane is U[n] = tau_alpha (alpha^n - beta^n): the
//! discrete alpha-like kernel. snnTorch requires alpha > beta (so tau_alpha > 0); here
//! `beta < alpha` is checked. States start at 0. Time and input as `snntorch_leaky`: one
//! iterate per `t_step` ms of network time, at the first network step of each period, with
//! X = that step's input current plus the delta-synapse weights received since the
//! previous iterate; a spike is reported in the network step of its iterate. Defaults:
//! alpha = 0.9, beta = 0.8 (the class docstring's example), threshold = 1.

use super::super::neuromorphic::loihi_cuba::ticks;
use super::snntorch_leaky::{Reset, heaviside};
use crate::define::*;

crate::model! {
    name: "snntorch_alpha",
    class: "SnnTorchAlphaNeuron",
    summary: "snnTorch Alpha: E = alpha I_exc + X, H = beta I_inh - X, U = tau_alpha (E + H), \
              tau_alpha = ln(alpha)/(ln(beta) - ln(alpha)) + 1; R = [U > thr] (previous \
              iterate) resets all to 0 (zero, default) or I_exc -= thr, I_inh = 0, U += \
              I_inh_prev (subtract); S = [U > thr]. One iterate per t_step ms.",
    citation: "Eshraghian, Ward, Neftci, Wang, Lenz, Dwivedi, Bennamoun, Jeong & Lu (2023) \
               Training spiking neural networks using lessons from deep learning, Proc. \
               IEEE 111(9):1016-1054; snnTorch 0.9 snntorch.Alpha (docstring example \
               alpha = 0.9, beta = 0.8)",
    input_unit: "1",
    params: {
        alpha: param("1", 0.9, Closed(0.0, 1.0), "excitatory current decay per iterate"),
        beta: param("1", 0.8, Closed(0.0, 1.0), "inhibitory current decay per iterate"),
        threshold: param("1", 1.0, Positive, "firing threshold U_thr"),
        reset_mechanism: param("1", 1.0, Closed(0.0, 2.0),
                               "0 subtract, 1 zero (default), 2 none (reset_mechanism_val)"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one snnTorch time step"),
    },
    state: {
        v: ("1", "membrane potential U after the last iterate"),
        syn_exc: ("1", "excitatory current I_exc after the last iterate"),
        syn_inh: ("1", "inhibitory current I_inh after the last iterate"),
        x: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: v,
    delta_input: "w is added to the input X of the next iterate",
    require: [beta < alpha],
    drive: 0.5,
    build: point,
}

/// Per-neuron constants.
#[derive(Clone, Copy)]
pub struct Consts {
    alpha: f64,
    beta: f64,
    tau_alpha: f64,
    threshold: f64,
    mech: Reset,
    t_step: f64,
}

/// One snnTorch Alpha iterate with input `x`; whether S = 1.
fn iterate(c: &Consts, s: &mut Vars, x: f64) -> bool {
    let r = heaviside(s.v, c.threshold);
    let e = c.alpha * s.syn_exc + x;
    let h = c.beta * s.syn_inh - x;
    let b = c.tau_alpha * (e + h);
    let (e, hn, u) = match c.mech {
        Reset::Zero => (e - e * r, h - h * r, b - b * r),
        Reset::Subtract => (e - c.threshold * r, h - h * r, b - (-s.syn_inh) * r),
        Reset::Off => (e, h, b),
    };
    (s.syn_exc, s.syn_inh, s.v) = (e, hn, u);
    heaviside(u, c.threshold) > 0.0
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, _: f64) -> Consts {
        let (la, lb) = (p.alpha.ln(), p.beta.ln());
        Consts {
            alpha: p.alpha,
            beta: p.beta,
            tau_alpha: la / (lb - la) + 1.0,
            threshold: p.threshold,
            mech: Reset::of(p.reset_mechanism),
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

    fn tau_alpha(a: f64, b: f64) -> f64 {
        a.ln() / (b.ln() - a.ln()) + 1.0
    }

    /// An impulse X[0] = 1 gives U[n] = tau_alpha (0.9^n - 0.8^n): 0, 0.1 tau, 0.17 tau,
    /// 0.217 tau, ... with tau_alpha = 1.89454 (alpha = 0.9, beta = 0.8).
    #[test]
    fn impulse_response_is_the_two_exponential_kernel() {
        let t = tau_alpha(0.9, 0.8);
        assert!((t - 1.894_54).abs() < 1e-5, "{t}");
        let mut k = kernel(&MODEL, &[], 1.0);
        let mut xs = vec![0.0; 30];
        xs[0] = 1.0;
        let (u, s) = run(k.as_mut(), 0, &xs);
        assert!(s.is_empty());
        for (n, un) in u.iter().enumerate() {
            let want = t * (0.9f64.powi(n as i32) - 0.8f64.powi(n as i32));
            assert!((un - want).abs() < 1e-12, "n = {n}: {un} vs {want}");
        }
    }

    /// Constant X = 1: U = tau (sum of 0.9^k - 0.8^k) = 0, 0.18945, 0.51153, 0.92264,
    /// 1.38964 (S at iterate 4); zero reset then clears all three states; subtract gives
    /// I_exc = 0.9 * 4.0951 + 1 - 1, I_inh = 0, U = tau (E + H) + I_inh[4].
    #[test]
    fn resets_by_hand() {
        let t = tau_alpha(0.9, 0.8);
        let mut k = kernel(&MODEL, &[], 1.0);
        let (u, s) = run(k.as_mut(), 0, &[1.0; 6]);
        assert_eq!(s, [4]);
        assert!((u[4] - 1.389_638).abs() < 1e-5, "{u:?}");
        assert_eq!((u[5], k.var(1)[0], k.var(2)[0]), (0.0, 0.0, 0.0));
        let mut k = kernel(&MODEL, &[("reset_mechanism", 0.0)], 1.0);
        let (u, _) = run(k.as_mut(), 0, &[1.0; 6]);
        let (e4, h4) = (4.0951, -3.3616);
        let (e, h) = (0.9 * e4 + 1.0, 0.8 * h4 - 1.0);
        assert!((k.var(1)[0] - (e - 1.0)).abs() < 1e-12);
        assert!(k.var(2)[0].abs() < 1e-12);
        assert!((u[5] - (t * (e + h) + h4)).abs() < 1e-12, "{u:?}");
    }
}
