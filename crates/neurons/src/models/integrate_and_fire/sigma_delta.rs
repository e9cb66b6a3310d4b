//! Sigma-delta neuron (Lava `SigmaDelta` process, floating-point model): it decodes delta
//! messages by summation (sigma), applies a rectifier and re-encodes the change of its
//! activation as a graded spike (delta) when the change reaches a threshold.
//!
//! Per time step: sigma += a_in; act = ReLU(sigma + bias);
//! delta = act - act_prev + residue; s_out = delta if |delta| >= vth else 0;
//! residue = delta - s_out; act_prev = act. A non-zero s_out is a spike (its graded payload
//! is the state variable `s_out`; the network's spikes carry no payload, so a receiving
//! synapse sees only the spike and its own weight).
//! Defaults: Lava's process defaults (bias = 0, ReLU activation, no cumulative error); Lava
//! requires vth, set to 1 here.
//!
//! The unit is defined per time step only, so it is iterated on its own step period `t_step`
//! (ms): once per `t_step` of accumulated network time, at the first network step of each
//! period, with a_in = the network input of that step plus the delta-synapse weights
//! received since the previous iterate. Zero input leaves it silent; a constant input
//! ramps sigma, so the unit emits one graded spike per vth of accumulated change.

use super::super::neuromorphic::loihi_cuba::ticks;
use crate::define::*;

crate::model! {
    name: "sigma_delta",
    class: "SigmaDeltaNeuron",
    summary: "Sigma-delta unit (Lava SigmaDelta): sigma += a_in; act = ReLU(sigma + bias); \
              delta = act - act_prev + residue; |delta| >= vth -> graded spike s_out = \
              delta, else residue = delta. One iterate per t_step ms.",
    citation: "O'Connor & Welling (2016) Sigma delta quantized networks, arXiv:1611.02024; \
               Zambrano, Nusselder, Scholte & Bohte (2019) Front. Neurosci. 12:987; \
               Shrestha et al. (2024) Proc. IEEE ICASSP 2024 (sigma-delta networks on \
               Loihi 2); Lava lava.proc.sdn SigmaDelta (PySigmaDeltaModelFloat)",
    input_unit: "1",
    params: {
        vth: param("1", 1.0, Positive, "delta threshold (smallest change sent)"),
        bias: param("1", 0.0, Finite, "activation bias"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one time step"),
    },
    state: {
        act: ("1", "activation ReLU(sigma + bias)"),
        sigma: ("1", "decoded (summed) input"),
        residue: ("1", "change not yet sent"),
        s_out: ("1", "graded spike of the last iterate (0: none)"),
        a_in: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: act,
    delta_input: "w is added to the next iterate's input a_in (summed into sigma)",
    drive: 1.0,
    build: point,
}

/// One iterate with input `a`; whether a (graded) spike was sent.
fn iterate(p: &Parameters, s: &mut Vars, a: f64) -> bool {
    s.sigma += a;
    let act = (s.sigma + p.bias).max(0.0);
    let delta = act - s.act + s.residue;
    s.s_out = if delta.abs() >= p.vth { delta } else { 0.0 };
    s.residue = delta - s.s_out;
    s.act = act;
    s.s_out != 0.0
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
        s.a_in += input.jump;
        let mut fired = false;
        for _ in 0..ticks(&mut s.clock, p.t_step, input.dt) {
            let a = input.current + s.a_in;
            s.a_in = 0.0;
            fired |= iterate(p, s, a);
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// a_in = 0.3 per step, vth = 1: the change accumulates 0.3, 0.6, 0.9, 1.2 -> a spike of
    /// payload 1.2 at every fourth iterate (iterates at t = 0, 1, 2, ... ms).
    #[test]
    fn sends_one_graded_spike_per_threshold_of_change() {
        let dt = 0.5;
        let times = spike_times(&MODEL, &[], 0.3, dt, 12.0);
        assert_eq!(times, [3.5, 7.5, 11.5]);
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let mut s = Vars::default();
        let sent: Vec<f64> = (0..4)
            .map(|_| {
                iterate(&p, &mut s, 0.3);
                s.s_out
            })
            .collect();
        assert!(sent[..3].iter().all(|&x| x == 0.0));
        assert!((sent[3] - 1.2).abs() < 1e-12);
    }

    /// The rectifier: a negative input drives sigma below zero, act stays 0 and nothing is
    /// sent; the way back up is sent once act rises by vth.
    #[test]
    fn rectified_activation_sends_nothing_below_zero() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let mut s = Vars::default();
        assert!(!iterate(&p, &mut s, -5.0));
        assert_eq!(s.act, 0.0);
        assert!(!iterate(&p, &mut s, 5.5));
        assert!(iterate(&p, &mut s, 1.0));
        assert!((s.s_out - 1.5).abs() < 1e-12);
    }
}
