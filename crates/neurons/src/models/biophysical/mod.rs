//! Conductance-based (Hodgkin–Huxley-type) models.
//!
//! Shared numerics: the gating variables and the membrane equation are all of the form
//! dx/dt = A(y) - B(y) x with B > 0 ("conditionally linear"). Each sub-step uses the
//! exponential midpoint rule: coefficients frozen at the state, an exact exponential
//! half-step to the midpoint, then an exact exponential full step with the midpoint
//! coefficients. The scheme is second order, keeps the gates in [0, 1] and is stable at
//! any voltage (no blow-up after a large synaptic jump), which explicit Runge–Kutta is not
//! once the rate functions become large (e.g. beta_m at strongly hyperpolarised voltages).

pub mod hodgkin_huxley;
pub mod wang_buzsaki;

/// `x / (exp(x) - 1)` with its removable singularity at `x = 0` (limit 1) handled: the
/// rate functions of the form `c (V - V0) / (1 - exp(-(V - V0)/k))` are `c k` times this at
/// `x = -(V - V0)/k`.
#[inline(always)]
pub(crate) fn exprel_inv(x: f64) -> f64 {
    if x.abs() < 1e-6 {
        1.0 - 0.5 * x
    } else {
        x / x.exp_m1()
    }
}

/// Exact solution after `tau` of dx/dt = a - b x with `a`, `b` frozen (`b >= 0`).
#[inline(always)]
pub(crate) fn relax(x: f64, a: f64, b: f64, tau: f64) -> f64 {
    let z = b * tau;
    if z < 1e-9 {
        x + (a - b * x) * tau
    } else {
        // x e^{-z} + (a/b)(1 - e^{-z})
        let one_minus_e = -(-z).exp_m1();
        x + (a / b - x) * one_minus_e
    }
}

/// Advances one neuron's state `y` (membrane first) over one network step: `n_sub` equal
/// sub-steps of `sub_step`, then the delta-synapse `jump` on the membrane. Returns the new
/// state and whether the membrane crossed `v_th` upwards during the step (once per step,
/// whichever sub-step or the jump crossed it).
#[inline(always)]
pub(crate) fn advance<const N: usize>(
    mut y: [f64; N],
    n_sub: u32,
    dt: f64,
    v_th: f64,
    jump: f64,
    sub_step: impl Fn([f64; N], f64) -> [f64; N],
) -> ([f64; N], bool) {
    let h = dt / n_sub as f64;
    let mut fired = false;
    for _ in 0..n_sub {
        let next = sub_step(y, h);
        fired |= y[0] < v_th && next[0] >= v_th;
        y = next;
    }
    let before = y[0];
    y[0] += jump;
    fired |= before < v_th && y[0] >= v_th;
    (y, fired)
}

/// Number of equal sub-steps of length at most `h_max` that make up one step `dt` (ms).
pub(crate) fn sub_steps(dt: f64, h_max: f64) -> usize {
    ((dt / h_max) * (1.0 - 1e-12)).ceil().max(1.0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

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
