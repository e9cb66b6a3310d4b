//! Wilson–Cowan excitatory–inhibitory population unit (Wilson & Cowan 1972): the fractions
//! E and I of excitatory and inhibitory cells firing per unit time,
//!
//! tau_e dE/dt = -E + (k_e - r_e E) S_e(c1 E - c2 I + P + u),
//! tau_i dI/dt = -I + (k_i - r_i I) S_i(c3 E - c4 I + Q),
//! S_x(v) = 1 / (1 + exp(-a_x (v - theta_x))) - 1 / (1 + exp(a_x theta_x)),
//!
//! with k_x = 1 - 1/(1 + exp(a_x theta_x)) the maximum of S_x (so that S_x(0) = 0), r_x the
//! refractory parameter (the absolute refractory period in units of tau), and u the input (input unit "1": the external
//! excitatory input, added to P). Rate unit: emits no spikes; its state `e` (and `i`) is the
//! output and is recordable. A delta-synapse weight w adds w to E.
//!
//! Defaults: the limit-cycle parameter set of Wilson & Cowan (1972) (c1 = 16, c2 = 12,
//! c3 = 15, c4 = 3, a_e = 1.3, theta_e = 4, a_i = 2, theta_i = 3.7, r_e = r_i = 1, P = 1.25,
//! Q = 0); the source measures time in units of tau, here tau_e = tau_i = 10 ms.
//!
//! Numerics: RK4 on equal sub-steps of at most 0.1 ms (tau / 100 at the defaults).

use crate::define::*;
use integrate::{rk4_steps, sub_steps};

crate::model! {
    name: "wilson_cowan",
    class: "WilsonCowanNeuron",
    summary: "Rate unit (emits no spikes; its state e is the output): tau_e dE/dt = -E + \
              (k_e - r_e E) S_e(c1 E - c2 I + P + u), tau_i dI/dt = -I + (k_i - r_i I) \
              S_i(c3 E - c4 I + Q), S_x logistic shifted to S_x(0) = 0. RK4 sub-steps <= \
              0.1 ms.",
    citation: "Wilson & Cowan (1972) Biophys. J. 12:1-24",
    input_unit: "1",
    params: {
        tau_e: param("ms", 10.0, Positive, "excitatory time constant (the source's time unit)"),
        tau_i: param("ms", 10.0, Positive, "inhibitory time constant"),
        c1: param("1", 16.0, NonNegative, "excitatory-to-excitatory coupling"),
        c2: param("1", 12.0, NonNegative, "inhibitory-to-excitatory coupling"),
        c3: param("1", 15.0, NonNegative, "excitatory-to-inhibitory coupling"),
        c4: param("1", 3.0, NonNegative, "inhibitory-to-inhibitory coupling"),
        a_e: param("1", 1.3, Positive, "slope of the excitatory response function"),
        theta_e: param("1", 4.0, Finite, "threshold of the excitatory response function"),
        a_i: param("1", 2.0, Positive, "slope of the inhibitory response function"),
        theta_i: param("1", 3.7, Finite, "threshold of the inhibitory response function"),
        r_e: param("1", 1.0, NonNegative, "excitatory refractory period, in units of tau_e"),
        r_i: param("1", 1.0, NonNegative, "inhibitory refractory period, in units of tau_i"),
        p: param("1", 1.25, Finite, "external input to the excitatory population"),
        q: param("1", 0.0, Finite, "external input to the inhibitory population"),
        e_init: standard::init("1", 0.0, "initial E"),
        i_init: standard::init("1", 0.0, "initial I"),
    },
    state: {
        e: ("1", "excitatory activity E (the output)"),
        i: ("1", "inhibitory activity I"),
    },
    membrane: e,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.1;

/// Wilson & Cowan's response function, shifted so that S(0) = 0.
#[inline]
fn response(v: f64, a: f64, theta: f64) -> f64 {
    1.0 / (1.0 + (-a * (v - theta)).exp()) - 1.0 / (1.0 + (a * theta).exp())
}

impl Dynamics for Model {
    /// (parameters, k_e, k_i, sub-steps)
    type Consts = (Parameters, f64, f64, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64, f64, usize) {
        let k = |a: f64, theta: f64| 1.0 - 1.0 / (1.0 + (a * theta).exp());
        (
            *p,
            k(p.a_e, p.theta_e),
            k(p.a_i, p.theta_i),
            sub_steps(dt, H_MAX),
        )
    }

    fn init((p, ..): &(Parameters, f64, f64, usize)) -> Vars {
        Vars {
            e: p.e_init,
            i: p.i_init,
        }
    }

    #[inline(always)]
    fn step(
        c: &(Parameters, f64, f64, usize),
        s: &mut Vars,
        input: Input,
        _: &mut Aux<'_>,
    ) -> bool {
        let (p, k_e, k_i, n) = c;
        let u = input.current + p.p;
        let f = |y: Vars| Vars {
            e: (-y.e
                + (k_e - p.r_e * y.e) * response(p.c1 * y.e - p.c2 * y.i + u, p.a_e, p.theta_e))
                / p.tau_e,
            i: (-y.i
                + (k_i - p.r_i * y.i) * response(p.c3 * y.e - p.c4 * y.i + p.q, p.a_i, p.theta_i))
                / p.tau_i,
        };
        *s = rk4_steps(*s, input.dt, *n, f);
        s.e += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// Uncoupled (c1..c4 = 0) the excitatory equation is linear with a constant drive:
    /// E(t) = E_inf (1 - exp(-(1 + r_e S) t / tau_e)), E_inf = k_e S / (1 + r_e S), S =
    /// S_e(P + u), a closed form (checked to 1e-7).
    #[test]
    fn uncoupled_population_relaxes_as_the_closed_form() {
        let given = [
            ("c1", 0.0),
            ("c2", 0.0),
            ("c3", 0.0),
            ("c4", 0.0),
            ("p", 3.0),
        ];
        let mut k = kernel(&MODEL, &given, 1, 0.1, 0);
        let k_e = 1.0 - 1.0 / (1.0 + (1.3f64 * 4.0).exp());
        let s = response(3.0 + 2.0, 1.3, 4.0);
        let e_inf = k_e * s / (1.0 + s);
        for step in 1..=500 {
            run(k.as_mut(), 1, 2.0, 0.0);
            let t = step as f64 * 0.1;
            let exact = e_inf * (1.0 - (-(1.0 + s) * t / 10.0).exp());
            assert!((k.var(0)[0] - exact).abs() < 1e-7, "t {t}");
        }
        assert!(response(0.0, 1.3, 4.0).abs() < 1e-15);
    }

    /// With the paper's limit-cycle parameters (P = 1.25) the unit oscillates; without
    /// input (P = 0) it stays at rest (E = I = 0 is a fixed point since S(0) = 0).
    #[test]
    fn paper_parameters_give_a_limit_cycle() {
        let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
        let mut e = Vec::new();
        for _ in 0..20_000 {
            run(k.as_mut(), 1, 0.0, 0.0);
            e.push(k.var(0)[0]);
        }
        let late = &e[10_000..];
        let range = |x: &[f64]| {
            x.iter()
                .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)))
        };
        let (lo, hi) = range(late);
        // A limit cycle, not a damped oscillation: the same extremes in both halves.
        let (lo2, hi2) = range(&late[5000..]);
        assert!((lo2 - lo).abs() < 1e-6 && (hi2 - hi).abs() < 1e-6);
        let ups: Vec<usize> = (1..late.len())
            .filter(|&j| late[j - 1] < 0.5 * (lo + hi) && late[j] >= 0.5 * (lo + hi))
            .collect();
        let period = (ups[ups.len() - 1] - ups[0]) as f64 * 0.1 / (ups.len() - 1) as f64;
        eprintln!("Wilson-Cowan: E in [{lo}, {hi}], period {period} ms");
        assert!(hi - lo > 0.1, "[{lo}, {hi}]");
        let mut k = kernel(&MODEL, &[("p", 0.0)], 1, 0.1, 0);
        run(k.as_mut(), 5000, 0.0, 0.0);
        assert!(k.var(0)[0].abs() < 1e-12);
    }
}
