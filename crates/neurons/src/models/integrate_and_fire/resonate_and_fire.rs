//! Resonate-and-fire neuron (Izhikevich 2001): a damped oscillator with a firing threshold,
//! the linearisation of a neuron near an Andronov–Hopf bifurcation (class 2 excitability):
//!
//! dz/dt = (b + i omega) z + I + I_e,   z = x + i y
//! (dx/dt = b x - omega y + I + I_e,  dy/dt = omega x + b y)
//!
//! x is current-like, y voltage-like. An upward crossing of y = a_thresh is a spike, after
//! which z is reset to z_0 = x_reset + i y_reset (the paper's z_0 = i). The input I (real,
//! dimensionless) drives x; delta-synapse weights are added to x at the end of the step
//! (Izhikevich's pulses). The paper's equations are dimensionless; here time is in ms, with
//! the defaults b = -1 /ms, omega = 10 rad/ms, a_thresh = 1, z_0 = i of BrainPy's
//! implementation of the model.
//!
//! Numerics: with I held over the step the solution is exact, z(t) = z* + (z(0) - z*)
//! exp((b + i omega) t), z* = -(I + I_e)/(b + i omega); it is evaluated on sub-steps of at most
//! min(dt, 0.05 / |b + i omega|) to find upward crossings, which are located by bisection
//! on the exact solution; the rest of the sub-step is propagated exactly from z_0.

use crate::define::*;

crate::model! {
    name: "resonate_and_fire",
    class: "ResonateAndFireNeuron",
    summary: "dz/dt = (b + i omega) z + I + I_e, z = x + i y; an upward crossing of \
              y = a_thresh is a spike, then z = x_reset + i y_reset. Exact solution, crossings \
              located by bisection.",
    citation: "Izhikevich (2001) Neural Networks 14:883-894; defaults as BrainPy's \
               ResonateandFire",
    input_unit: "1",
    params: {
        b: param("1/ms", -1.0, Finite, "damping rate (negative: damped oscillations)"),
        omega: param("rad/ms", 10.0, Positive, "angular frequency of the subthreshold oscillation"),
        a_thresh: param("1", 1.0, Finite, "firing threshold of y"),
        x_reset: param("1", 0.0, Finite, "x after a spike (Re z_0)"),
        y_reset: param("1", 1.0, Finite, "y after a spike (Im z_0)"),
        i_e: standard::i_e_in("1", 0.0),
        x_init: standard::init("1", 0.0, "initial x"),
        y_init: standard::init("1", 0.0, "initial y"),
    },
    state: {
        y: ("1", "voltage-like variable (Im z)"),
        x: ("1", "current-like variable (Re z)"),
    },
    membrane: y,
    delta_input: "adds w to x (Re z), the current-like variable",
    drive: 20.0,
    build: point,
}

/// z* + (z - z*) exp(lambda t) as (x, y), lambda = b + i omega, z* = (sx, sy).
#[inline(always)]
fn flow(p: &Parameters, (x, y): (f64, f64), (sx, sy): (f64, f64), t: f64) -> (f64, f64) {
    let r = (p.b * t).exp();
    let (c, s) = ((p.omega * t).cos() * r, (p.omega * t).sin() * r);
    let (dx, dy) = (x - sx, y - sy);
    (sx + dx * c - dy * s, sy + dx * s + dy * c)
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            y: p.y_init,
            x: p.x_init,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        // z* = -I / (b + i omega) = -I (b - i omega) / (b^2 + omega^2)
        let m = p.b * p.b + p.omega * p.omega;
        let fixed = (-i * p.b / m, i * p.omega / m);
        let n = integrate::sub_steps(input.dt, 0.05 / m.sqrt());
        let h = input.dt / n as f64;
        let mut z = (s.x, s.y);
        let mut spiked = false;
        for _ in 0..n {
            let next = flow(p, z, fixed, h);
            if z.1 < p.a_thresh && next.1 >= p.a_thresh {
                let (mut lo, mut hi) = (0.0, h);
                for _ in 0..50 {
                    let mid = 0.5 * (lo + hi);
                    if flow(p, z, fixed, mid).1 >= p.a_thresh {
                        hi = mid
                    } else {
                        lo = mid
                    }
                }
                z = flow(p, (p.x_reset, p.y_reset), fixed, h - hi);
                spiked = true;
            } else {
                z = next;
            }
        }
        s.x = z.0 + input.jump;
        s.y = z.1;
        spiked
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kernel, spike_times};
    use super::*;
    use crate::StepInput;

    /// A pulse A on x at rest rings as the closed form x = A e^(bt) cos(omega t),
    /// y = A e^(bt) sin(omega t) (Izhikevich 2001, the damped subthreshold oscillation).
    #[test]
    fn pulse_response_is_the_damped_oscillation() {
        let (a, dt) = (0.5, 0.01);
        let mut k = kernel(&MODEL, &[], dt);
        let mut spikes = Vec::new();
        for n in 0..300 {
            let jump = if n == 0 { a } else { 0.0 };
            k.step(
                &StepInput {
                    jump: &[jump],
                    current: &[0.0],
                },
                &mut spikes,
            );
            let t = n as f64 * dt;
            let (x, y) = (k.var(1)[0], k.var(0)[0]);
            assert!(
                (x - a * (-t).exp() * (10.0 * t).cos()).abs() < 1e-12,
                "t {t}"
            );
            assert!(
                (y - a * (-t).exp() * (10.0 * t).sin()).abs() < 1e-12,
                "t {t}"
            );
        }
        assert!(spikes.is_empty());
    }

    /// The rheobase of a constant input from rest is 1 / max_t Im[(1 - e^(lambda t))(-1/lambda)]
    /// (the overshoot of the damped approach to z* = -I/lambda reaching a_thresh = 1):
    /// 5.84 for b = -1, omega = 10.
    #[test]
    fn rheobase_matches_the_closed_form() {
        let overshoot = (1..20_000)
            .map(|k| {
                let t = k as f64 * 1e-4;
                let r = (-t).exp();
                // Im[(1 - e^(lambda t)) * (1 + 10 i)/101]
                ((1.0 - r * (10.0 * t).cos()) * 10.0 - r * (10.0 * t).sin()) / 101.0
            })
            .fold(0.0, f64::max);
        let rheobase = 1.0 / overshoot;
        assert!((rheobase - 5.84).abs() < 0.01, "{rheobase}");
        assert!(spike_times(&MODEL, &[], 0.995 * rheobase, 0.1, 100.0).is_empty());
        assert_eq!(
            spike_times(&MODEL, &[], 1.005 * rheobase, 0.1, 100.0).len(),
            1
        );
    }
}
