//! Multi-timescale adaptive threshold neuron (MAT2; Kobayashi, Tsubo & Shinomoto 2009) with
//! exponential synaptic currents, as NEST's `mat2_psc_exp`:
//!
//! C_m dV/dt = -C_m (V - E_L)/tau_m + I_ex + I_in + I + I_e   (V is never reset)
//! theta(t) = E_L + omega + H_1 + H_2,  dH_j/dt = -H_j / tau_j
//!
//! V >= theta at the end of a step (outside the refractory period) emits a spike and raises
//! the threshold: H_1 += alpha_1, H_2 += alpha_2; for t_ref no spike can be emitted (V keeps
//! integrating). Delta-synapse weights w (pA) go to I_ex if w > 0 and to I_in if w < 0
//! (NEST's split by sign; the engine sums the weights arriving in one step before the model
//! sees them); dI_x/dt = -I_x / tau_syn_x.
//!
//! Numerics: exact integration (Rotter & Diesmann 1999) of the linear system with I held
//! over the step, as NEST (propagator from `iaf_psc_exp::propagator`).

use super::iaf_psc_exp::{apply, propagator};
use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "mat2_psc_exp",
    class: "Mat2PscExpNeuron",
    summary: "C_m dV/dt = -C_m (V - E_L)/tau_m + I_ex + I_in + I + I_e (no reset); threshold \
              E_L + omega + H_1 + H_2, dH_j/dt = -H_j/tau_j; V >= threshold -> spike, \
              H_j += alpha_j, no spike for t_ref. Exponential PSCs split by sign. Exact \
              integration (NEST mat2_psc_exp).",
    citation: "Kobayashi, Tsubo & Shinomoto (2009) Front. Comput. Neurosci. 3:9; NEST \
               mat2_psc_exp (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(100.0),
        tau_m: standard::tau_m(5.0),
        tau_syn_ex: param("ms", 1.0, Positive, "excitatory synaptic current time constant"),
        tau_syn_in: param("ms", 3.0, Positive, "inhibitory synaptic current time constant"),
        t_ref: param("ms", 2.0, NonNegative, "refractory period (no spike; V not clamped)"),
        e_l: standard::e_l(-70.0),
        omega: param("mV", 19.0, Finite, "resting threshold, relative to E_L"),
        alpha_1: param("mV", 37.0, Finite, "short-time-scale threshold jump"),
        alpha_2: param("mV", 2.0, Finite, "long-time-scale threshold jump"),
        tau_1: param("ms", 10.0, Positive, "short threshold time constant"),
        tau_2: param("ms", 200.0, Positive, "long threshold time constant"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        i_syn_ex: ("pA", "excitatory synaptic current"),
        i_syn_in: ("pA", "inhibitory synaptic current (negative)"),
        h_1: ("mV", "short-time-scale threshold component"),
        h_2: ("mV", "long-time-scale threshold component"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w to I_syn_ex (w > 0) or to I_syn_in (w < 0), pA",
    drive: 600.0,
    build: point,
}

/// Per-neuron constants: the propagator of (V - E_L, I_ex, I_in, I_const), the threshold
/// decays and t_ref on the step grid.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    prop: [[f64; 4]; 4],
    decay_1: f64,
    decay_2: f64,
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let a = [
            [-1.0 / p.tau_m, 1.0 / p.c_m, 1.0 / p.c_m, 1.0 / p.c_m],
            [0.0, -1.0 / p.tau_syn_ex, 0.0, 0.0],
            [0.0, 0.0, -1.0 / p.tau_syn_in, 0.0],
            [0.0; 4],
        ];
        Consts {
            p: *p,
            prop: propagator(a, dt),
            decay_1: (-dt / p.tau_1).exp(),
            decay_2: (-dt / p.tau_2).exp(),
            t_ref: whole_steps(p.t_ref, dt),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let y = [s.v - p.e_l, s.i_syn_ex, s.i_syn_in, input.current + p.i_e];
        let y = apply(&c.prop, y);
        s.v = p.e_l + y[0];
        s.i_syn_ex = y[1] + input.jump.max(0.0);
        s.i_syn_in = y[2] + input.jump.min(0.0);
        s.h_1 *= c.decay_1;
        s.h_2 *= c.decay_2;
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        if y[0] >= p.omega + s.h_1 + s.h_2 {
            s.h_1 += p.alpha_1;
            s.h_2 += p.alpha_2;
            s.refractory = c.t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::testing::spike_times;

    /// The regular interval T of a MAT neuron whose potential is held at V (relative to
    /// E_L) by a constant current: just after each spike the threshold components are at
    /// their periodic values alpha_j / (1 - exp(-T/tau_j)), and the next spike is when
    /// omega + sum_j alpha_j exp(-T/tau_j) / (1 - exp(-T/tau_j)) falls to V (Kobayashi et
    /// al. 2009, eq. 2-3 with constant V). Solved by bisection on [t_ref, 1000] ms.
    pub(crate) fn mat_interval(v: f64, omega: f64, a: [(f64, f64); 2], t_ref: f64) -> f64 {
        let theta = |t: f64| {
            omega
                + a.iter()
                    .map(|&(alpha, tau)| alpha * (-t / tau).exp() / -(-t / tau).exp_m1())
                    .sum::<f64>()
        };
        let (mut lo, mut hi) = (t_ref.max(1e-6), 1000.0);
        if theta(lo) <= v {
            return lo;
        }
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if theta(mid) > v { lo = mid } else { hi = mid }
        }
        lo
    }

    /// Mean interval (ms) of the spikes after `t0` ms under a constant current.
    pub(crate) fn late_interval(
        model: &'static crate::ModelInfo,
        given: &[(&str, f64)],
        i: f64,
        dt: f64,
        t0: f64,
        t1: f64,
    ) -> f64 {
        let times: Vec<f64> = spike_times(model, given, i, dt, t1)
            .into_iter()
            .filter(|&t| t > t0)
            .collect();
        assert!(times.len() > 3, "{} spikes", times.len());
        (times[times.len() - 1] - times[0]) / (times.len() - 1) as f64
    }

    /// With the NEST defaults (R = tau_m/C_m = 0.05 GOhm) a 600 pA current holds V at
    /// E_L + 30 mV; the MAT2 closed form gives the regular interval (36.44 ms) and the
    /// simulated intervals after 2 s match it to within one step.
    #[test]
    fn regular_interval_matches_the_closed_form() {
        let t = mat_interval(30.0, 19.0, [(37.0, 10.0), (2.0, 200.0)], 2.0);
        let dt = 0.01;
        let isi = late_interval(&super::MODEL, &[], 600.0, dt, 2000.0, 4000.0);
        assert!((isi - t).abs() < 1.5 * dt, "{isi} vs {t}");
        assert!((t - 36.44).abs() < 0.01, "{t}");
    }
}
