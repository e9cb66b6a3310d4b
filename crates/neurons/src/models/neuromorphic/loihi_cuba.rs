//! Loihi current-based (CUBA) leaky integrate-and-fire neuron, bit-accurate with Lava's
//! `PyLifModelBitAcc` (the fixed-point LIF process model that mimics Loihi bit by bit;
//! Davies et al. 2018, IEEE Micro 38(1):82-99, eqs. 1-2; Lava `lava.proc.lif`).
//!
//! Per time step (all integers; `>>` an arithmetic shift of the magnitude, i.e. rounding
//! toward zero):
//! - u[t] = sgn(x) (|x| >> 12) with x = u[t-1] (4096 - (du + 1)), then u += a_in << 6 and u
//!   wraps into the 24-bit signed range;
//! - v[t] = sgn(y) (|y| >> 12) + u[t] + bias, y = v[t-1] (4096 - dv), bias =
//!   bias_mant << bias_exp, clipped to [-(2^23 - 1), 2^23 - 1];
//! - v > vth << 6 -> spike, v = 0 (Lava's bit-accurate model has no refractory period).
//!
//! Time: the chip's time step is a parameter `t_step` (ms). The model iterates once per
//! `t_step` of accumulated network time, at the first network step of each period, with
//! a_in = the network current of that step plus the delta-synapse weights received since
//! the previous iterate, rounded to the nearest integer and saturated to 16 bits (Lava's
//! `a_in` is int16). A spike is reported in the network step whose iterate produced it.
//! Parameters du, dv, bias_mant, bias_exp, vth are integers (rounded to the nearest).

use crate::define::*;

crate::model! {
    name: "loihi_cuba",
    class: "LoihiCUBANeuron",
    summary: "Loihi fixed-point CUBA LIF (Lava PyLifModelBitAcc): u = sgn(x)(|x|>>12), \
              x = u (4096 - du - 1), u += a_in << 6 (24-bit wrap); v = sgn(y)(|y|>>12) + u + \
              bias_mant << bias_exp, y = v (4096 - dv) (24-bit clip); v > vth << 6 -> spike, \
              v = 0. One iterate per t_step ms of network time.",
    citation: "Davies et al. (2018) IEEE Micro 38(1):82-99 (Loihi neuron, eqs. 1-2); Lava \
               software framework, lava.proc.lif PyLifModelBitAcc (bit-accurate Loihi LIF; \
               process defaults du = dv = 0, vth = 10)",
    input_unit: "1",
    params: {
        du: param("1", 0.0, Closed(0.0, 4095.0), "current decay (12-bit; effective du + 1)"),
        dv: param("1", 0.0, Closed(0.0, 4095.0), "voltage decay (12-bit)"),
        bias_mant: param("1", 0.0, Closed(-4096.0, 4095.0), "bias mantissa (13-bit signed)"),
        bias_exp: param("1", 0.0, Closed(0.0, 7.0), "bias exponent (3-bit)"),
        vth: param("1", 10.0, Closed(0.0, 131071.0), "threshold mantissa (17-bit; << 6)"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one chip time step"),
    },
    state: {
        v: ("1", "membrane voltage (24-bit integer)"),
        u: ("1", "synaptic current (24-bit integer)"),
        a_in: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: v,
    delta_input: "w is added to the next iterate's synaptic input a_in (rounded, << 6 into u)",
    drive: 1.0,
    build: point,
}

/// Numerical slack of the iterate clock, ms (sums of network steps).
const CLOCK_EPS: f64 = 1e-9;

/// Advances a map clock (`clock`: network time until the next iterate, ms) over one network
/// step of `dt` ms for a map of period `period` ms; returns how many iterates fall at the
/// start of this step (iterates happen at the first network step of each period).
pub(crate) fn ticks(clock: &mut f64, period: f64, dt: f64) -> u32 {
    let mut n = 0;
    while *clock <= CLOCK_EPS {
        n += 1;
        *clock += period;
    }
    *clock -= dt;
    n
}

/// `sgn(x) (|x| >> 12)`: Loihi's decay rounding (toward zero).
pub(crate) fn decay12(x: i64, keep: i64) -> i64 {
    let y = x * keep;
    y.signum() * (y.abs() >> 12)
}

const MAX_UV: i64 = 1 << 23;

/// One Loihi iterate of (u, v) with input `a_in` (already an int16); whether it spiked.
fn iterate(c: &Consts, u: &mut i64, v: &mut i64, a_in: i64) -> bool {
    let mut cur = decay12(*u, 4096 - (c.du + 1)) + (a_in << 6);
    if cur > MAX_UV {
        cur -= 2 * MAX_UV;
    } else if cur <= -MAX_UV {
        cur += 2 * MAX_UV;
    }
    *u = cur;
    *v = (decay12(*v, 4096 - c.dv) + *u + c.bias).clamp(-MAX_UV + 1, MAX_UV - 1);
    if *v > c.vth {
        *v = 0;
        return true;
    }
    false
}

/// Integer constants of one neuron.
#[derive(Clone, Copy)]
pub struct Consts {
    du: i64,
    dv: i64,
    bias: i64,
    vth: i64,
    t_step: f64,
}

/// Nearest integer saturated to int16 (Lava's `a_in` type).
pub(crate) fn int16(x: f64) -> i64 {
    x.round().clamp(-32768.0, 32767.0) as i64
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, _: f64) -> Consts {
        Consts {
            du: p.du.round() as i64,
            dv: p.dv.round() as i64,
            bias: (p.bias_mant.round() as i64) << (p.bias_exp.round() as i64),
            vth: (p.vth.round() as i64) << 6,
            t_step: p.t_step,
        }
    }

    fn init(_: &Consts) -> Vars {
        Vars::default()
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        s.a_in += input.jump;
        let mut fired = false;
        let (mut u, mut v) = (s.u as i64, s.v as i64);
        for _ in 0..ticks(&mut s.clock, c.t_step, input.dt) {
            let a = int16(input.current + s.a_in);
            s.a_in = 0.0;
            fired |= iterate(c, &mut u, &mut v, a);
        }
        (s.u, s.v) = (u as f64, v as f64);
        fired
    }
}

/// Helpers for the family's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// A one-neuron kernel of `model` with parameters `given` at step `dt` ms.
    pub(crate) fn kernel(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        dt: f64,
    ) -> Box<dyn NeuronKernel> {
        let values: Vec<(&str, ParamValue)> = given
            .iter()
            .map(|&(k, v)| (k, ParamValue::Scalar(v)))
            .collect();
        let params = Params::check(model, "test", 1, values.iter().map(|(k, v)| (*k, v)))
            .unwrap_or_else(|e| panic!("{e}"));
        (model.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: dt,
            seed: 0,
            first_id: 0,
        })
    }

    /// Steps `k` `steps` times with constant `current`; the indices of the spiking steps.
    pub(crate) fn hold(k: &mut dyn NeuronKernel, current: f64, steps: usize) -> Vec<usize> {
        let input = StepInput {
            jump: &[0.0],
            current: &[current],
        };
        let mut spikes = Vec::new();
        (0..steps)
            .filter(|_| {
                spikes.clear();
                k.step(&input, &mut spikes);
                !spikes.is_empty()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{hold, kernel};
    use super::*;

    /// Lava's decay arithmetic rounds the magnitude down: u = 1000, du = 410 ->
    /// 1000 * 3685 / 4096 = 899.66 -> 899, and -1000 -> -899.
    #[test]
    fn decay_rounds_toward_zero() {
        assert_eq!(decay12(1000, 4096 - 411), 899);
        assert_eq!(decay12(-1000, 4096 - 411), -899);
    }

    /// du = 4095 (u = a_in << 6 each step), dv = 0, a_in = 1, vth = 10: v grows by 64 per
    /// step and first exceeds 640 at the 11th step (v = 704); the period is 11 steps.
    #[test]
    fn perfect_integration_period_is_eleven_steps() {
        let mut k = kernel(&MODEL, &[("du", 4095.0)], 0.25);
        let spikes = hold(k.as_mut(), 1.0, 4 * 60);
        // Iterate j (0-based) happens in network step 4 j.
        assert_eq!(spikes[..3], [4 * 10, 4 * 21, 4 * 32]);
    }

    /// Bias only: bias = 5 << 3 = 40 per step, dv = 0: v = 40 k > 640 first at k = 17.
    #[test]
    fn bias_mantissa_and_exponent() {
        let mut k = kernel(&MODEL, &[("bias_mant", 5.0), ("bias_exp", 3.0)], 1.0);
        assert_eq!(hold(k.as_mut(), 0.0, 40), [16, 33]);
    }
}
