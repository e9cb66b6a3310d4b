//! Loihi 2 adaptive-threshold-and-refractoriness LIF neuron (ATRLIF), bit-accurate with
//! Lava's `PyATRLIFModelFixed` ("bit-by-bit mimicking the fixed-point computation behavior of
//! Loihi 2"); Loihi 2 itself: Orchard et al. (2021).
//!
//! Per time step (integers; `>> 12` of the magnitude, i.e. rounding toward zero; the decay
//! factors are Lava's: k_i = 4096 - (delta_i 4096 + 1) applied in floating point and the
//! product truncated, k_v = trunc(4096 - delta_v 4096), likewise k_theta, k_r):
//! - i = sgn(x)(|x| >> 12), x = trunc(i k_i); i += a_in 64; 24-bit wrap;
//! - v = sgn(y)(|y| >> 12) + i + bias, y = v k_v, bias = bias_mant << bias_exp; clipped to
//!   24 bits;
//! - theta = sgn(z)(|z| >> 12) + theta_0, z = (theta - theta_0) k_theta;
//! - r = sgn(w)(|w| >> 12), w = r k_r;
//! - v - r >= theta -> spike: r += 2 theta, theta += theta_step. v is not reset: the
//!   refractory state r (decaying) and the raised threshold do it.
//!
//! theta_0 and theta_step are given in threshold units and scaled by 64 (truncated), as in
//! Lava. Defaults: Lava's ATRLIF process defaults (delta_i = delta_v = 0.4, delta_theta =
//! delta_r = 0.2, theta_0 = 5, theta_step = 3.75). Time: one iterate per `t_step` ms of
//! network time, at the first network step of each period, with a_in = the network current
//! of that step plus the delta-synapse weights since the last iterate, rounded to the
//! nearest integer and saturated to 16 bits.

use super::loihi_cuba::{int16, ticks};
use crate::define::*;

crate::model! {
    name: "loihi2",
    class: "Loihi2Neuron",
    summary: "Loihi 2 ATRLIF (Lava PyATRLIFModelFixed): i = decay(i) + a_in*64; v = decay(v) + \
              i + bias; theta -> theta_0 and r -> 0 decay; v - r >= theta -> spike, r += \
              2 theta, theta += theta_step (no reset of v). 12-bit decays, 24-bit states.",
    citation: "Orchard et al. (2021) Efficient neuromorphic signal processing with Loihi 2, \
               Proc. IEEE SiPS 2021, pp. 254-259; Lava lava.proc.atrlif \
               (PyATRLIFModelFixed, Loihi 2 bit-accurate; process defaults)",
    input_unit: "1",
    params: {
        delta_i: param("1", 0.4, Closed(0.0, 1.0), "current decay fraction per step"),
        delta_v: param("1", 0.4, Closed(0.0, 1.0), "voltage decay fraction per step"),
        delta_theta: param("1", 0.2, Closed(0.0, 1.0), "threshold decay fraction per step"),
        delta_r: param("1", 0.2, Closed(0.0, 1.0), "refractory-state decay fraction per step"),
        theta_0: param("1", 5.0, Closed(0.0, 4095.0), "baseline threshold (x 64)"),
        theta_step: param("1", 3.75, Closed(0.0, 4095.0), "threshold increase per spike (x 64)"),
        bias_mant: param("1", 0.0, Closed(-4096.0, 4095.0), "bias mantissa"),
        bias_exp: param("1", 0.0, Closed(0.0, 7.0), "bias exponent"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one chip time step"),
    },
    state: {
        v: ("1", "membrane voltage (24-bit integer)"),
        i: ("1", "current (24-bit integer)"),
        theta: ("1", "threshold (integer)"),
        r: ("1", "refractory state (integer)"),
        a_in: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: v,
    delta_input: "w is added to the next iterate's synaptic input a_in (rounded, x 64 into i)",
    drive: 1.0,
    build: point,
}

const MAX: i64 = 1 << 23;

/// `sgn(x) (|x| >> 12)`.
fn shr12(x: i64) -> i64 {
    x.signum() * (x.abs() >> 12)
}

/// Integer constants of one neuron.
#[derive(Clone, Copy)]
pub struct Consts {
    k_i: f64,
    k_v: i64,
    k_theta: i64,
    k_r: i64,
    theta_0: i64,
    theta_step: i64,
    bias: i64,
    t_step: f64,
}

/// The neuron's integer state during an iterate.
struct Ints {
    v: i64,
    i: i64,
    theta: i64,
    r: i64,
}

/// One ATRLIF iterate with input `a` (an int16); whether it spiked.
fn iterate(c: &Consts, s: &mut Ints, a: i64) -> bool {
    let mut cur = shr12((s.i as f64 * c.k_i).trunc() as i64) + a * 64;
    if cur > MAX {
        cur -= 2 * MAX;
    } else if cur <= -MAX {
        cur += 2 * MAX;
    }
    s.i = cur;
    s.v = (shr12(s.v * c.k_v) + s.i + c.bias).clamp(-MAX + 1, MAX - 1);
    s.theta = shr12((s.theta - c.theta_0) * c.k_theta) + c.theta_0;
    s.r = shr12(s.r * c.k_r);
    if s.v - s.r >= s.theta {
        s.r += 2 * s.theta;
        s.theta += c.theta_step;
        return true;
    }
    false
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, _: f64) -> Consts {
        let k = |d: f64| (4096.0 - d * 4096.0).trunc() as i64;
        Consts {
            k_i: 4096.0 - (p.delta_i * 4096.0 + 1.0),
            k_v: k(p.delta_v),
            k_theta: k(p.delta_theta),
            k_r: k(p.delta_r),
            theta_0: (p.theta_0 * 64.0).trunc() as i64,
            theta_step: (p.theta_step * 64.0).trunc() as i64,
            bias: (p.bias_mant.round() as i64) << (p.bias_exp.round() as i64),
            t_step: p.t_step,
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            theta: c.theta_0 as f64,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        s.a_in += input.jump;
        let mut n = Ints {
            v: s.v as i64,
            i: s.i as i64,
            theta: s.theta as i64,
            r: s.r as i64,
        };
        let mut fired = false;
        for _ in 0..ticks(&mut s.clock, c.t_step, input.dt) {
            let a = int16(input.current + s.a_in);
            s.a_in = 0.0;
            fired |= iterate(c, &mut n, a);
        }
        (s.v, s.i, s.theta, s.r) = (n.v as f64, n.i as f64, n.theta as f64, n.r as f64);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::loihi_cuba::testing::{hold, kernel};
    use super::*;

    /// Defaults, a_in = 1: the fixed-point iterates worked by hand from Lava's arithmetic
    /// (k_i = 2456.6, k_v = 2457): i = 64, 102, 125, 138, 146, 151 and v = 64, 140, 208,
    /// 262, 303, 332; 332 >= theta_0 64 * 5 = 320, so the sixth iterate spikes, after which
    /// r = 640 and theta = 320 + 240 = 560.
    #[test]
    fn iterates_match_lavas_fixed_point_arithmetic() {
        let c = <Model as Dynamics>::prepare(
            &Parameters::of(&crate::Params::defaults(&MODEL, 1), 0),
            1.0,
        );
        let mut s = Ints {
            v: 0,
            i: 0,
            theta: c.theta_0,
            r: 0,
        };
        let mut vs = Vec::new();
        let mut is = Vec::new();
        let mut spikes = Vec::new();
        for _ in 0..6 {
            spikes.push(iterate(&c, &mut s, 1));
            vs.push(s.v);
            is.push(s.i);
        }
        assert_eq!(is, [64, 102, 125, 138, 146, 151]);
        assert_eq!(vs, [64, 140, 208, 262, 303, 332]);
        assert_eq!(spikes, [false, false, false, false, false, true]);
        assert_eq!((s.r, s.theta), (640, 560));
    }

    /// The kernel iterates once per t_step: at dt = 0.25 ms the first spike is in network
    /// step 4 * 5 = 20.
    #[test]
    fn kernel_iterates_on_its_own_step() {
        let mut k = kernel(&MODEL, &[], 0.25);
        assert_eq!(hold(k.as_mut(), 1.0, 24)[0], 20);
    }
}
