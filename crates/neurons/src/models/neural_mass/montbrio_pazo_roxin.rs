//! Exact mean-field model of a population of quadratic integrate-and-fire neurons with
//! Lorentzian-distributed excitabilities (Montbrió, Pazó & Roxin 2015): the firing rate r
//! and mean membrane potential v of the infinite population obey
//!
//! tau dr/dt = Delta / (pi tau) + 2 r v,
//! tau dv/dt = v^2 + eta + J tau r - (pi tau r)^2 + I,
//!
//! with eta the centre and Delta the half-width of the excitability distribution, J the
//! synaptic weight and I the input (eta, Delta, J, v and I dimensionless as in the source;
//! input unit "1"). r is integrated in 1/ms and reported in Hz (state `r`). Rate unit: emits
//! no spikes; its state `r` is the output. A delta-synapse weight w adds w to v.
//!
//! Defaults: the parameters of Montbrió et al. (2015), Fig. 2 (Delta = 1, eta = -5, J = 15,
//! tau = 10 ms): the bistable regime (a low-activity focus and a high-activity node),
//! starting in the low-activity state.
//!
//! Numerics: RK4 on equal sub-steps of at most 0.01 ms.

use crate::define::*;
use integrate::{rk4_steps, sub_steps};
use std::f64::consts::PI;

crate::model! {
    name: "montbrio_pazo_roxin",
    class: "MontbrioPazoRoxinNeuron",
    summary: "Rate unit (emits no spikes; its state r, Hz, is the output): exact QIF mean \
              field, tau dr/dt = Delta/(pi tau) + 2 r v, tau dv/dt = v^2 + eta + J tau r - \
              (pi tau r)^2 + I. RK4 sub-steps <= 0.01 ms.",
    citation: "Montbrió, Pazó & Roxin (2015) Phys. Rev. X 5:021028",
    input_unit: "1",
    params: {
        tau: param("ms", 10.0, Positive, "membrane time constant"),
        delta: param("1", 1.0, Positive, "half-width of the Lorentzian distribution of eta"),
        eta: param("1", -5.0, Finite, "centre of the distribution of excitabilities"),
        j: param("1", 15.0, Finite, "synaptic weight"),
        r_init: param("Hz", 0.0, NonNegative, "initial rate"),
        v_init: standard::init("1", -2.0, "initial mean membrane potential"),
    },
    state: {
        r: ("Hz", "population firing rate (the output)"),
        v: ("1", "mean membrane potential"),
    },
    membrane: v,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.01;

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        Vars {
            r: p.r_init,
            v: p.v_init,
        }
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let tau = p.tau;
        let drive = p.eta + input.current;
        // r in 1/ms inside the integration.
        let f = |y: Vars| Vars {
            r: (p.delta / (PI * tau) + 2.0 * y.r * y.v) / tau,
            v: (y.v * y.v + drive + p.j * tau * y.r - (PI * tau * y.r).powi(2)) / tau,
        };
        let y = rk4_steps(
            Vars {
                r: s.r * 1e-3,
                v: s.v,
            },
            input.dt,
            *n,
            f,
        );
        s.r = y.r * 1e3;
        s.v = y.v + input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// Fixed points: with R = tau r, v* = -Delta / (2 pi R) and
    /// Delta^2 / (4 pi^2 R^2) + eta + J R - pi^2 R^2 = 0. Without coupling (J = 0) the
    /// closed form is R = sqrt((eta + sqrt(eta^2 + Delta^2)) / 2) / pi; with the paper's
    /// J = 15, eta = -5 the low state (smallest root, by bisection) is reached from r = 0.
    /// Both within 1e-6 relative.
    #[test]
    fn settles_at_the_analytic_fixed_points() {
        let (tau, delta) = (10.0, 1.0);
        let g = |r_big: f64, eta: f64, j: f64| {
            delta * delta / (4.0 * PI * PI * r_big * r_big) + eta + j * r_big - (PI * r_big).powi(2)
        };
        for (eta, j, input) in [(-1.0, 0.0, 3.0), (-5.0, 15.0, 0.0)] {
            let r_big = if j == 0.0 {
                let e: f64 = eta + input;
                ((e + (e * e + delta * delta).sqrt()) / 2.0).sqrt() / PI
            } else {
                // g > 0 for small R (the Delta^2 term); the first sign change from below.
                let mut lo = 1e-4;
                while g(lo + 1e-4, eta, j) > 0.0 {
                    lo += 1e-4;
                }
                let mut hi = lo + 1e-4;
                for _ in 0..100 {
                    let mid = 0.5 * (lo + hi);
                    if g(mid, eta, j) > 0.0 {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                lo
            };
            let mut k = kernel(&MODEL, &[("eta", eta), ("j", j)], 1, 0.1, 0);
            run(k.as_mut(), 20_000, input, 0.0);
            let (r, v) = (k.var(0)[0], k.var(1)[0]);
            let expected = r_big / tau * 1e3;
            eprintln!("MPR eta {eta}, J {j}: r = {r} Hz vs {expected}, v = {v}");
            assert!((r - expected).abs() < 1e-6 * expected, "{r} vs {expected}");
            assert!((v + delta / (2.0 * PI * r_big)).abs() < 1e-6);
        }
    }
}
