//! SpiNNaker leaky integrate-and-fire neuron: the fixed-point LIF of sPyNNaker's
//! `IF_curr_exp` (neuron_model_lif_impl.h), in s16.15 arithmetic (ISO/IEC TR 18037
//! `accum`: 32-bit values in units of 2^-15).
//!
//! Per machine time step ts (all values s16.15, `*r` the round-to-nearest fixed-point
//! product (a b + 2^14) >> 15 of sPyNNaker's MULT_ROUND_NEAREST_ACCUM):
//! - not refractory: alpha = (I *r R) + V_rest, V = alpha - (exp_TC *r (alpha - V)),
//!   with R = tau_m / C_m (MOhm), exp_TC = exp(-ts / tau_m) and I the step's input in nA;
//! - refractory (timer > 0): the timer counts down and V is held;
//! - V >= V_thresh -> spike, V = V_reset, timer = ceil(tau_refrac / ts) steps.
//!
//! Parameters are given in the catalogue's units (pF, pA) and converted to sPyNNaker's
//! (nF, nA) and quantised to s16.15 by rounding to nearest, as the host does when it writes
//! them. exp_TC is computed here in f64 and rounded to s16.15 (the on-chip `expk` may
//! differ in its last bit); R is the truncated fixed-point quotient. The synaptic shaping of
//! IF_curr_exp (exponential current synapses) is outside the neuron model: the network's
//! current is the step's input. Time: one update per `t_step` ms (sPyNNaker's machine time
//! step) of network time, at the first network step of each period, using that network
//! step's current; delta-synapse weights (mV) are added to V at that update.

use super::loihi_cuba::ticks;
use crate::define::*;

crate::model! {
    name: "spinnaker_lif",
    class: "SpiNNakerLIFNeuron",
    summary: "sPyNNaker IF_curr_exp LIF in s16.15 fixed point: alpha = I*R + V_rest, \
              V = alpha - exp(-ts/tau_m)*(alpha - V) (round-to-nearest products); \
              V >= V_thresh -> spike, V = V_reset, held ceil(tau_refrac/ts) steps.",
    citation: "Furber et al. (2014) Proc. IEEE 102:652 (SpiNNaker); Rhodes et al. (2018) \
               Front. Neurosci. 12:816 (sPyNNaker); sPyNNaker neuron_model_lif_impl.h; PyNN \
               IF_curr_exp defaults (Davison et al. 2009 Front. Neuroinform. 2:11)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(1000.0),
        tau_m: standard::tau_m(20.0),
        v_rest: param("mV", -65.0, Closed(-65536.0, 65535.0), "resting potential"),
        v_reset: param("mV", -65.0, Closed(-65536.0, 65535.0), "reset potential"),
        v_thresh: param("mV", -50.0, Closed(-65536.0, 65535.0), "spike threshold"),
        tau_refrac: param("ms", 0.1, NonNegative, "refractory period"),
        i_offset: standard::i_e(0.0),
        t_step: param("ms", 1.0, AtLeast(1e-3), "machine time step"),
        v_init: param("mV", -65.0, Closed(-65536.0, 65535.0), "initial potential"),
    },
    state: {
        v: ("mV", "membrane potential (an s16.15 value)"),
        refract_timer: ("1", "refractory time steps left"),
        clock: ("ms", "network time until the next update"),
    },
    membrane: v,
    require: [v_reset < v_thresh],
    drive: 1000.0,
    build: point,
}

const ONE: f64 = 32768.0;

/// `x` in s16.15 units, rounded to nearest and saturated.
fn fix(x: f64) -> i64 {
    (x * ONE).round().clamp(i32::MIN as f64, i32::MAX as f64) as i64
}

/// s16.15 product rounded to nearest, saturated.
pub(crate) fn mul_rn(a: i64, b: i64) -> i64 {
    ((a * b + (1 << 14)) >> 15).clamp(i32::MIN as i64, i32::MAX as i64)
}

/// Fixed-point constants of one neuron.
#[derive(Clone, Copy)]
pub struct Consts {
    r: i64,
    exp_tc: i64,
    v_rest: i64,
    v_reset: i64,
    v_thresh: i64,
    i_offset: i64,
    t_refract: f64,
    t_step: f64,
    v_init: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, _: f64) -> Consts {
        let (tau, c) = (fix(p.tau_m), fix(p.c_m / 1000.0).max(1));
        let ts = fix(p.t_step);
        Consts {
            r: (tau << 15) / c,
            exp_tc: fix((-(ts as f64) / tau.max(1) as f64).exp()),
            v_rest: fix(p.v_rest),
            v_reset: fix(p.v_reset),
            v_thresh: fix(p.v_thresh),
            i_offset: fix(p.i_offset / 1000.0),
            t_refract: (fix(p.tau_refrac) as f64 / ts as f64).ceil(),
            t_step: p.t_step,
            v_init: fix(p.v_init) as f64 / ONE,
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let mut fired = false;
        let mut v = (s.v * ONE) as i64;
        for k in 0..ticks(&mut s.clock, c.t_step, input.dt) {
            if s.refract_timer <= 0.0 {
                let i = fix(input.current / 1000.0) + c.i_offset;
                let alpha = mul_rn(i, c.r) + c.v_rest;
                v = alpha - mul_rn(c.exp_tc, alpha - v);
                if k == 0 {
                    v += fix(input.jump);
                }
            } else {
                s.refract_timer -= 1.0;
            }
            v = v.clamp(i32::MIN as i64, i32::MAX as i64);
            if v >= c.v_thresh {
                v = c.v_reset;
                s.refract_timer = c.t_refract;
                fired = true;
            }
        }
        s.v = v as f64 / ONE;
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::loihi_cuba::testing::{hold, kernel};
    use super::*;

    /// PyNN defaults (tau_m 20 ms, C_m 1 nF, R = 20 MOhm, threshold 15 mV above rest),
    /// 1 nA: the continuous LIF's interval is 20 ln(20 / 5) = 27.73 ms; on the 1 ms grid
    /// with one held step after each spike, the fixed-point neuron fires every 29 steps
    /// (28 steps of charging: V after 27 steps is just below threshold).
    #[test]
    fn interval_matches_the_closed_form_on_the_step_grid() {
        let mut k = kernel(&MODEL, &[], 1.0);
        let spikes = hold(k.as_mut(), 1000.0, 200);
        let exact = 20.0 * (20.0f64 / 5.0).ln();
        assert!((27.0..28.0).contains(&exact));
        assert_eq!(spikes[0], 27, "first crossing at the 28th update");
        for w in spikes.windows(2) {
            assert_eq!(w[1] - w[0], 29);
        }
    }

    /// Round-to-nearest fixed-point product: 1.5 * 0.5 = 0.75 exactly; 2^-15 * 0.5 rounds up.
    #[test]
    fn fixed_point_product_rounds_to_nearest() {
        assert_eq!(mul_rn(fix(1.5), fix(0.5)), fix(0.75));
        assert_eq!(mul_rn(1, fix(0.5)), 1);
        assert_eq!(mul_rn(1, fix(0.25)), 0);
    }
}
