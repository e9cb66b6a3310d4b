//! The QIF mean field with synaptic depression of Gast, Schmidt & Knösche (2020): the exact
//! (Montbrió–Pazó–Roxin) mean field of quadratic integrate-and-fire neurons whose recurrent
//! synapses are depressed by a second-order (alpha-kernel) filter A of the rate,
//!
//! tau dr/dt = Delta / (pi tau) + 2 r V,
//! tau dV/dt = V^2 - (pi tau r)^2 + eta + J tau r (1 - A) + I,
//! tau_A dA/dt = B,
//! tau_A dB/dt = -2 B - A + alpha r,
//!
//! as The Virtual Brain's `GastSchmidtKnosche_SD` implements it. Defaults: TVB's (tau = 1,
//! tau_A = 10, alpha = 0.5, Delta = 2, J = 21.2132 = 15 sqrt 2, eta = -6), in TVB's time
//! unit taken as 1 ms; r in 1/ms, V, A, B, I dimensionless ("1"). TVB's coupling weights
//! cr, cv (of the network terms on r and V) are not node parameters here: the node's input
//! I enters the V equation as TVB's I does. With alpha = 0 the node is the Montbrió et al.
//! (2015) model, whose fixed points are known in closed form up to one root.
//!
//! Rate unit: emits no spikes; its state `r` is the output. A delta-synapse weight w adds w
//! to V at the end of the step. Numerics: RK4 on equal sub-steps of at most 0.005 ms.

use crate::define::*;
use integrate::{rk4_steps, sub_steps};
use std::f64::consts::PI;

crate::model! {
    name: "gast_schmidt_knosche_sd",
    class: "GastSchmidtKnoscheSDNeuron",
    summary: "Rate unit (emits no spikes; its state r is the output): QIF mean field with \
              synaptic depression, tau dr/dt = Delta/(pi tau) + 2 r V, tau dV/dt = V^2 - (pi \
              tau r)^2 + eta + J tau r (1 - A) + I, tau_A dA/dt = B, tau_A dB/dt = -2 B - A + \
              alpha r; TVB's GastSchmidtKnosche_SD. RK4 sub-steps <= 0.005 ms.",
    citation: "Gast, Schmidt & Knösche (2020) Neural Comput. 32:1615-1634; as The Virtual \
               Brain's GastSchmidtKnosche_SD model",
    input_unit: "1",
    params: {
        tau: param("ms", 1.0, Positive, "membrane time constant"),
        tau_a: param("ms", 10.0, Positive, "adaptation time constant"),
        alpha: param("ms", 0.5, NonNegative, "depression strength (A = alpha r at rest)"),
        delta: param("1", 2.0, Positive, "half-width of the Lorentzian distribution of eta"),
        j: param("1", 21.2132, Finite, "synaptic weight"),
        eta: param("1", -6.0, Finite, "centre of the distribution of excitabilities"),
        i_e: standard::i_e_in("1", 0.0),
        r_init: param("1/ms", 0.0, NonNegative, "initial rate"),
        v_init: standard::init("1", -2.0, "initial mean membrane potential; A = B = 0"),
    },
    state: {
        r: ("1/ms", "population firing rate (the output)"),
        v: ("1", "mean membrane potential"),
        a: ("1", "synaptic depression"),
        b: ("1", "derivative of the depression (times tau_A)"),
    },
    membrane: v,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.005;

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        Vars {
            r: p.r_init,
            v: p.v_init,
            a: 0.0,
            b: 0.0,
        }
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let (tau, drive) = (p.tau, p.eta + p.i_e + input.current);
        let f = |y: Vars| Vars {
            r: (p.delta / (PI * tau) + 2.0 * y.v * y.r) / tau,
            v: (y.v * y.v - (PI * tau * y.r).powi(2) + drive + p.j * tau * y.r * (1.0 - y.a)) / tau,
            a: y.b / p.tau_a,
            b: (-2.0 * y.b - y.a + p.alpha * y.r) / p.tau_a,
        };
        *s = rk4_steps(*s, input.dt, *n, f);
        s.v += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::super::coombes_byrne::testing::first_root;
    use super::*;

    /// Fixed points, with R = tau r: V = -Delta / (2 pi R), A = alpha r, B = 0, and R the
    /// first root of Delta^2/(4 pi^2 R^2) + eta + I + J R (1 - alpha r) - pi^2 R^2. With the
    /// depression off (alpha = 0, the Montbrió et al. 2015 fixed point) and uncoupled (J = 0)
    /// R = sqrt((e + sqrt(e^2 + Delta^2)) / 2) / pi, e = eta + I; with TVB's J and eta and
    /// with the depression on (alpha = 0.5) the low-activity state. Within 1e-6 relative.
    #[test]
    fn settles_at_the_montbrio_fixed_points() {
        let (tau, delta) = (1.0, 2.0);
        for (alpha, j, eta, input) in [
            (0.0, 0.0, -1.0, 2.0),
            (0.0, 21.2132, -6.0, 0.0),
            (0.5, 21.2132, -6.0, 0.0),
        ] {
            let e: f64 = eta + input;
            let g = |rr: f64| {
                delta * delta / (4.0 * PI * PI * rr * rr) + e + j * rr * (1.0 - alpha * rr / tau)
                    - (PI * rr).powi(2)
            };
            let r_big = if j == 0.0 {
                ((e + (e * e + delta * delta).sqrt()) / 2.0).sqrt() / PI
            } else {
                first_root(g, 1e-4, 1e-4)
            };
            let given = [("alpha", alpha), ("j", j), ("eta", eta)];
            let mut k = kernel(&MODEL, &given, 1, 0.1, 0);
            run(k.as_mut(), 5_000, input, 0.0);
            let (r, v) = (k.var(0)[0], k.var(1)[0]);
            let expected = r_big / tau;
            eprintln!("Gast SD alpha {alpha}, J {j}: r = {r} vs {expected}, v = {v}");
            assert!((r - expected).abs() < 1e-6 * expected, "{r} vs {expected}");
            assert!((v + delta / (2.0 * PI * r_big)).abs() < 1e-6);
            assert!((k.var(2)[0] - alpha * r).abs() < 1e-6);
        }
    }
}
