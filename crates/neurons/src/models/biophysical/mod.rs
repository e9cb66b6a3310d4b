//! Conductance-based (Hodgkin–Huxley-type) models.
//!
//! Shared numerics. [`detect`]: the error-controlled Dormand–Prince integrator
//! ([`rk45`](crate::integrate::rk45), `Tolerance::DEFAULT`, its step carried between network
//! steps) with an upward crossing of the detection level looked for between every two of its
//! accepted steps, so that spike times converge with the tolerance and with dt
//! (`hodgkin_huxley`, `wang_buzsaki`).
//!
//! [`advance`] (exponential midpoint): the gating variables and the membrane equation are all of the form
//! dx/dt = A(y) - B(y) x with B > 0 ("conditionally linear"). Each sub-step uses the
//! exponential midpoint rule: coefficients frozen at the state, an exact exponential
//! half-step to the midpoint, then an exact exponential full step with the midpoint
//! coefficients. The scheme is second order, keeps the gates in [0, 1] and is stable at
//! any voltage (no blow-up after a large synaptic jump), which explicit Runge–Kutta is not
//! once the rate functions become large (e.g. beta_m at strongly hyperpolarised voltages).

// Kept for the family's model files (new ones use them from here).
use crate::integrate::{Tolerance, Vector, rk45};
#[allow(unused_imports)]
pub(crate) use crate::integrate::{exprel_inv, relax, sub_steps};

/// Integrates `y` over one network step `dt` with [`rk45`] at `tol` (`Tolerance::DEFAULT` in
/// the models; `h`: the step carried between calls, `aux.h`); returns the new state and whether the membrane
/// potential `v(y)` crossed `v_th` upwards between two accepted steps (once per step).
#[inline]
pub(crate) fn detect<V: Vector>(
    y: V,
    dt: f64,
    h: &mut f64,
    tol: Tolerance,
    v_th: f64,
    v: impl Fn(&V) -> f64,
    f: impl Fn(V) -> V,
) -> (V, bool) {
    let mut fired = false;
    let y = rk45(y, dt, h, tol, f, |before, after| {
        fired |= v(&before) < v_th && v(&after) >= v_th;
        None
    });
    (y, fired)
}
