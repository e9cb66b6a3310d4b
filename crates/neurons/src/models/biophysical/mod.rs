//! Conductance-based (Hodgkin–Huxley-type) models.
//!
//! Shared numerics: the gating variables and the membrane equation are all of the form
//! dx/dt = A(y) - B(y) x with B > 0 ("conditionally linear"). Each sub-step uses the
//! exponential midpoint rule: coefficients frozen at the state, an exact exponential
//! half-step to the midpoint, then an exact exponential full step with the midpoint
//! coefficients. The scheme is second order, keeps the gates in [0, 1] and is stable at
//! any voltage (no blow-up after a large synaptic jump), which explicit Runge–Kutta is not
//! once the rate functions become large (e.g. beta_m at strongly hyperpolarised voltages).

pub(crate) use crate::integrate::{exprel_inv, relax, sub_steps};

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
