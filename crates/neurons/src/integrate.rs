//! Numerics the models share: fixed-step and error-controlled Runge–Kutta integrators over a
//! model's state vector, the exponential (conditionally linear) update, sub-step counts,
//! branch-free selection, and the refractory clock.
//!
//! Every function here is deterministic and depends only on its arguments, so a neuron's
//! trajectory never depends on which other neurons share its kernel (blocks, threads, ranks).

use std::ops::{Add, Mul};

/// A model's state as a vector: what the Runge–Kutta integrators need. `model!` implements
/// it for every model's generated `Vars`.
pub trait Vector: Copy + Add<Output = Self> + Mul<f64, Output = Self> {
    /// The largest of `|self_k| / (atol + rtol |scale_k|)` over the components: the error
    /// norm of an embedded Runge–Kutta pair.
    fn error_norm(self, scale: Self, atol: f64, rtol: f64) -> f64;
    /// Whether every component is finite.
    fn is_finite(self) -> bool;
}

/// Number of equal sub-steps of length at most `h_max` that make up one step `dt` (ms).
pub fn sub_steps(dt: f64, h_max: f64) -> usize {
    ((dt / h_max) * (1.0 - 1e-12)).ceil().max(1.0) as usize
}

/// One classical Runge–Kutta (RK4) step of length `h` of dy/dt = f(y).
#[inline(always)]
pub fn rk4<V: Vector>(y: V, h: f64, f: impl Fn(V) -> V) -> V {
    let k1 = f(y);
    let k2 = f(y + k1 * (0.5 * h));
    let k3 = f(y + k2 * (0.5 * h));
    let k4 = f(y + k3 * h);
    y + (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (h / 6.0)
}

/// `n` equal RK4 steps over `dt`.
#[inline(always)]
pub fn rk4_steps<V: Vector>(mut y: V, dt: f64, n: usize, f: impl Fn(V) -> V) -> V {
    let h = dt / n as f64;
    for _ in 0..n {
        y = rk4(y, h, &f);
    }
    y
}

/// Tolerances of the error-controlled integrator ([`rk45`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    /// Absolute tolerance, in each state variable's unit.
    pub atol: f64,
    /// Relative tolerance.
    pub rtol: f64,
    /// Smallest step the integrator takes (ms); below it steps are accepted whatever their
    /// error, so that a step always ends.
    pub h_min: f64,
}

impl Tolerance {
    /// NEST's GSL defaults for its adaptive models (absolute and relative 1e-3, as
    /// `aeif_cond_exp` and `hh_psc_alpha`) tightened to 1e-6 so that spike times converge to
    /// well under 0.01 ms.
    pub const DEFAULT: Tolerance = Tolerance {
        atol: 1e-6,
        rtol: 1e-6,
        h_min: 1e-6,
    };
}

/// Integrates dy/dt = f(y) over `dt` with the Dormand–Prince 5(4) embedded pair and step-size
/// control (the scheme of NEST's GSL-based models and of SciPy's `RK45`): each step's local
/// error, estimated by the embedded fourth-order solution, is kept below `tol`.
///
/// `h` carries the step size from one call to the next (0 or anything above `dt` starts
/// with `dt`). `event(before, after)` is called after every accepted step and may return
/// `(theta, reset)`: the event (a spike) happened at the fraction `theta` in [0, 1] of the
/// step (e.g. the linearly interpolated threshold crossing), where the state becomes `reset`
/// (the caller interpolates the variables it does not reset); the integration restarts from
/// there, so the rest of the step is integrated from the reset state and spike times are
/// not quantised to the integrator's steps. Returns the state at the end of `dt`.
#[inline]
pub fn rk45<V: Vector>(
    mut y: V,
    dt: f64,
    h: &mut f64,
    tol: Tolerance,
    f: impl Fn(V) -> V,
    mut event: impl FnMut(V, V) -> Option<(f64, V)>,
) -> V {
    // Dormand & Prince (1980) coefficients.
    const A21: f64 = 1.0 / 5.0;
    const A31: f64 = 3.0 / 40.0;
    const A32: f64 = 9.0 / 40.0;
    const A41: f64 = 44.0 / 45.0;
    const A42: f64 = -56.0 / 15.0;
    const A43: f64 = 32.0 / 9.0;
    const A51: f64 = 19372.0 / 6561.0;
    const A52: f64 = -25360.0 / 2187.0;
    const A53: f64 = 64448.0 / 6561.0;
    const A54: f64 = -212.0 / 729.0;
    const A61: f64 = 9017.0 / 3168.0;
    const A62: f64 = -355.0 / 33.0;
    const A63: f64 = 46732.0 / 5247.0;
    const A64: f64 = 49.0 / 176.0;
    const A65: f64 = -5103.0 / 18656.0;
    const B1: f64 = 35.0 / 384.0;
    const B3: f64 = 500.0 / 1113.0;
    const B4: f64 = 125.0 / 192.0;
    const B5: f64 = -2187.0 / 6784.0;
    const B6: f64 = 11.0 / 84.0;
    // Fifth minus fourth order weights (the error estimate).
    const E1: f64 = 71.0 / 57600.0;
    const E3: f64 = -71.0 / 16695.0;
    const E4: f64 = 71.0 / 1920.0;
    const E5: f64 = -17253.0 / 339200.0;
    const E6: f64 = 22.0 / 525.0;
    const E7: f64 = -1.0 / 40.0;
    if *h <= 0.0 || h.is_nan() || *h > dt {
        *h = dt;
    }
    let mut t = 0.0;
    let mut k1 = f(y);
    // Bounded so that a step always ends (h_min steps are accepted unconditionally).
    for _ in 0..1_000_000 {
        if t >= dt * (1.0 - 1e-12) {
            break;
        }
        let step = h.min(dt - t);
        let k2 = f(y + k1 * (A21 * step));
        let k3 = f(y + (k1 * A31 + k2 * A32) * step);
        let k4 = f(y + (k1 * A41 + k2 * A42 + k3 * A43) * step);
        let k5 = f(y + (k1 * A51 + k2 * A52 + k3 * A53 + k4 * A54) * step);
        let k6 = f(y + (k1 * A61 + k2 * A62 + k3 * A63 + k4 * A64 + k5 * A65) * step);
        let y5 = y + (k1 * B1 + k3 * B3 + k4 * B4 + k5 * B5 + k6 * B6) * step;
        let k7 = f(y5);
        let err = (k1 * E1 + k3 * E3 + k4 * E4 + k5 * E5 + k6 * E6 + k7 * E7) * step;
        // A non-finite trial (a stiff model's stages overflowing at too long a step) is
        // rejected: `error_norm` is a running f64::max, which drops NaN.
        let norm = if y5.is_finite() && err.is_finite() {
            err.error_norm(y5, tol.atol, tol.rtol)
        } else {
            f64::INFINITY
        };
        let accept = norm <= 1.0 || step <= tol.h_min;
        // Standard controller: safety 0.9, growth at most 5x, shrink at most 10x.
        let factor = if norm == 0.0 {
            5.0
        } else if norm.is_finite() {
            (0.9 * norm.powf(-0.2)).clamp(0.1, 5.0)
        } else {
            0.1
        };
        if accept {
            match event(y, y5) {
                Some((theta, reset)) => {
                    // At least a sliver of progress, so that a state that is still above
                    // threshold after its reset cannot stall the loop.
                    t += (theta.clamp(0.0, 1.0) * step).max(tol.h_min.min(step));
                    y = reset;
                    k1 = f(y);
                }
                None => {
                    t += step;
                    y = y5;
                    k1 = k7;
                }
            }
            // Keep the controller's step, not the truncated last one.
            // (h_min capped at dt: a step below h_min must not make the bounds cross.)
            if step == *h {
                *h = (step * factor).clamp(tol.h_min.min(dt), dt);
            }
        } else {
            *h = (step * factor).max(tol.h_min);
        }
    }
    y
}

/// `x / (exp(x) - 1)` with its removable singularity at `x = 0` (limit 1) handled: rate
/// functions of the form `c (V - V0) / (1 - exp(-(V - V0)/k))` are `c k` times this at
/// `x = -(V - V0)/k`.
#[inline(always)]
pub fn exprel_inv(x: f64) -> f64 {
    if x.abs() < 1e-6 {
        1.0 - 0.5 * x
    } else {
        x / x.exp_m1()
    }
}

/// Exact solution after `tau` of dx/dt = a - b x with `a`, `b` frozen (`b >= 0`).
#[inline(always)]
pub fn relax(x: f64, a: f64, b: f64, tau: f64) -> f64 {
    let z = b * tau;
    if z < 1e-9 {
        x + (a - b * x) * tau
    } else {
        // x e^{-z} + (a/b)(1 - e^{-z})
        let one_minus_e = -(-z).exp_m1();
        x + (a / b - x) * one_minus_e
    }
}

/// `if m { a } else { b }` as bit operations, so that the compiler emits a vector blend
/// rather than a branch.
#[inline(always)]
pub fn select(m: bool, a: f64, b: f64) -> f64 {
    let mask = (m as u64).wrapping_neg();
    f64::from_bits((a.to_bits() & mask) | (b.to_bits() & !mask))
}

/// One step of a neuron's refractory clock (`left_ms`, ms) for a step of `h` ms, without
/// branches: whether the neuron is refractory during this step, and the time left after it.
/// A neuron that spikes in step k with refractory time `t_ref` (set `left_ms = t_ref` rounded
/// to whole steps, see [`whole_steps`]) is refractory during the next `round(t_ref / h)`
/// steps (NEST's step counting).
#[inline(always)]
pub fn refractory_clock(left_ms: f64, h: f64) -> (bool, f64) {
    let refractory = left_ms > 0.5 * h;
    let counting = refractory & (left_ms > 1.5 * h);
    (refractory, select(counting, left_ms - h, 0.0))
}

/// Advances a refractory clock by one step of `h` ms; whether the neuron is refractory
/// during this step.
#[inline(always)]
pub fn refractory_step(left_ms: &mut f64, h: f64) -> bool {
    let (refractory, left) = refractory_clock(*left_ms, h);
    *left_ms = left;
    refractory
}

/// `t` (ms) rounded to whole steps of `h` ms.
#[inline(always)]
pub fn whole_steps(t: f64, h: f64) -> f64 {
    (t / h).round() * h
}

/// Test helpers that measure a model's spike times against an independent reference.
#[cfg(test)]
pub(crate) mod accuracy {
    use super::{Vector, rk4};

    /// Spike times (ms) of `step` (one network step of `dt` from a state, with the
    /// integrator's carried step `h`; whether it spiked), run from `y0` for `t_end` ms at
    /// steps of `dt`, each located inside its step: the shortest step from the state at the
    /// start of the step that spikes, by bisection to dt / 2^40 (each probe integrates from
    /// that state with a fresh `h`). One spike per step at most (regular firing, ISI >> dt).
    pub(crate) fn located_spike_times<V: Copy>(
        y0: V,
        dt: f64,
        t_end: f64,
        step: impl Fn(&mut V, f64, &mut f64) -> bool,
    ) -> Vec<f64> {
        let (mut y, mut h) = (y0, 0.0);
        let mut times = Vec::new();
        for k in 0..(t_end / dt).round() as usize {
            let start = y;
            if step(&mut y, dt, &mut h) {
                let (mut lo, mut hi) = (0.0, dt);
                for _ in 0..40 {
                    let mid = 0.5 * (lo + hi);
                    let (mut z, mut h) = (start, 0.0);
                    if step(&mut z, mid, &mut h) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                times.push(k as f64 * dt + hi);
            }
        }
        times
    }

    /// Reference spike times (ms) of dy/dt = f(y) from `y0` over `t_end` ms: classical RK4
    /// with the step `h(y)` (a fixed step, or one that resolves a model's fastest rate), a spike where `v(y)` crosses `v_th` upwards (the time and state
    /// linearly interpolated inside the RK4 step); `reset` maps the state at the crossing to
    /// the state the integration continues from (`None`: no reset, the crossing is only
    /// detected).
    pub(crate) fn reference_spike_times<V: Vector>(
        y0: V,
        t_end: f64,
        h: impl Fn(&V) -> f64,
        f: impl Fn(V) -> V,
        v: impl Fn(&V) -> f64,
        v_th: f64,
        reset: impl Fn(V) -> Option<V>,
    ) -> Vec<f64> {
        let (mut y, mut t) = (y0, 0.0);
        let mut times = Vec::new();
        while t < t_end {
            let h = h(&y);
            let next = rk4(y, h, &f);
            let (a, b) = (v(&y), v(&next));
            if a < v_th && b >= v_th {
                let theta = (v_th - a) / (b - a);
                let at = y * (1.0 - theta) + next * theta;
                times.push(t + theta * h);
                if let Some(r) = reset(at) {
                    y = r;
                    t += theta * h;
                    continue;
                }
            }
            y = next;
            t += h;
        }
        times
    }

    /// The largest difference between two spike trains of the same length (ms); panics if
    /// their lengths differ.
    pub(crate) fn max_gap(a: &[f64], b: &[f64]) -> f64 {
        assert_eq!(a.len(), b.len(), "spike counts differ:\n{a:?}\n{b:?}");
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    struct P(f64, f64);
    impl Add for P {
        type Output = P;
        fn add(self, o: P) -> P {
            P(self.0 + o.0, self.1 + o.1)
        }
    }
    impl Mul<f64> for P {
        type Output = P;
        fn mul(self, k: f64) -> P {
            P(self.0 * k, self.1 * k)
        }
    }
    impl Vector for P {
        fn error_norm(self, s: P, atol: f64, rtol: f64) -> f64 {
            (self.0.abs() / (atol + rtol * s.0.abs())).max(self.1.abs() / (atol + rtol * s.1.abs()))
        }
        fn is_finite(self) -> bool {
            self.0.is_finite() && self.1.is_finite()
        }
    }

    /// The harmonic oscillator x'' = -x from (1, 0): x(t) = cos t, a closed form.
    #[test]
    fn rk45_meets_its_tolerance_on_a_closed_form() {
        let f = |y: P| P(y.1, -y.0);
        for &rtol in &[1e-4, 1e-7, 1e-10] {
            let tol = Tolerance {
                atol: rtol,
                rtol,
                h_min: 1e-9,
            };
            let mut y = P(1.0, 0.0);
            let mut h = 1.0;
            for _ in 0..10 {
                y = rk45(y, 1.0, &mut h, tol, f, |_, _| None);
            }
            let err = (y.0 - 10f64.cos()).abs().max((y.1 + 10f64.sin()).abs());
            assert!(err < 100.0 * rtol, "rtol {rtol}: error {err}");
            assert!(err > 0.0);
        }
    }

    /// A network step below the controller's least step (h_min) integrates instead of
    /// panicking (`clamp` with crossed bounds).
    #[test]
    fn rk45_takes_a_step_below_h_min() {
        let f = |y: P| P(y.1, -y.0);
        let tol = Tolerance {
            atol: 1e-8,
            rtol: 1e-8,
            h_min: 1e-6,
        };
        let (dt, mut h) = (1e-7, 1e-7);
        let mut y = P(1.0, 0.0);
        for _ in 0..10 {
            y = rk45(y, dt, &mut h, tol, f, |_, _| None);
        }
        assert!((y.1 + (1e-6f64).sin()).abs() < 1e-15, "{}", y.1);
    }

    #[test]
    fn rk4_is_fourth_order() {
        let f = |y: P| P(y.1, -y.0);
        let err = |n: usize| {
            let y = rk4_steps(P(1.0, 0.0), 1.0, n, f);
            (y.0 - 1f64.cos()).abs()
        };
        let ratio = err(10) / err(20);
        assert!((ratio - 16.0).abs() < 1.0, "error ratio {ratio}");
    }

    #[test]
    fn rk45_restarts_from_an_event_state() {
        // dv/dt = 1 from 0 with a reset to 0 at v >= 0.3: three resets in one unit of time.
        let mut resets = 0;
        let mut h = 1.0;
        let y = rk45(
            P(0.0, 0.0),
            1.0,
            &mut h,
            Tolerance::DEFAULT,
            |_| P(1.0, 0.0),
            |before, after| {
                (after.0 >= 0.3).then(|| {
                    resets += 1;
                    ((0.3 - before.0) / (after.0 - before.0), P(0.0, 0.0))
                })
            },
        );
        assert_eq!(resets, 3);
        assert!((y.0 - 0.1).abs() < 1e-9, "{y:?}");
    }

    #[test]
    fn exprel_inv_is_continuous_at_its_removable_singularity() {
        for &x in &[-1e-3f64, -1e-6, -1e-7, 0.0, 1e-7, 1e-6, 1e-3] {
            let exact = if x == 0.0 { 1.0 } else { x / x.exp_m1() };
            assert!((exprel_inv(x) - exact).abs() < 1e-9, "x = {x}");
        }
        assert!((exprel_inv(0.0) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn relax_is_exact_for_frozen_coefficients() {
        let (x0, a, b, t): (f64, f64, f64, f64) = (0.2, 3.0, 4.0, 0.3);
        let exact = a / b + (x0 - a / b) * (-b * t).exp();
        assert!((relax(x0, a, b, t) - exact).abs() < 1e-14);
        assert!((relax(x0, a, 0.0, t) - (x0 + a * t)).abs() < 1e-14);
    }

    #[test]
    fn sub_steps_respect_the_bound() {
        assert_eq!(sub_steps(1.0, 0.025), 40);
        assert_eq!(sub_steps(0.1, 0.025), 4);
        assert_eq!(sub_steps(0.025, 0.025), 1);
        assert_eq!(sub_steps(0.01, 0.025), 1);
        assert_eq!(sub_steps(0.03, 0.025), 2);
    }
}
