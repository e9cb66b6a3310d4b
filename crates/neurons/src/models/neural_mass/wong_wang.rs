//! Reduced two-variable decision-making model of Wong & Wang (2006): two selective
//! populations, each described by its NMDA gating variable S_k, competing through
//! recurrent excitation and effective inhibition. This unit is the whole two-population
//! model (both S_1 and S_2 are its state):
//!
//! dS_k/dt = -S_k / tau_S + (1 - S_k) gamma H(x_k),
//! x_1 = J_11 S_1 - J_12 S_2 + I_0 + I_1 + u,   x_2 = J_22 S_2 - J_21 S_1 + I_0 + I_2,
//! H(x) = (a x - b) / (1 - exp(-d (a x - b)))   (Hz),
//!
//! with H the population rate (r_k = H(x_k), recordable) and u the input current (input
//! unit "nA"), added to the stimulus I_1 of population 1 (population 2's stimulus is the
//! parameter I_2). The source's noise (an Ornstein–Uhlenbeck current of 0.02 nA) is not
//! included: noise is a stimulus. Rate unit: emits no spikes; its state `s1` is the output.
//! A delta-synapse weight w adds w to S_1.
//!
//! Defaults: Wong & Wang (2006) (a = 270 Hz/nA, b = 108 Hz, d = 0.154 s, gamma = 0.641,
//! tau_S = 100 ms, J_11 = J_22 = 0.2609 nA, J_12 = J_21 = 0.0497 nA, I_0 = 0.3255 nA);
//! stimuli I_1 = I_2 = J_A,ext mu_0 = 5.2e-4 nA/Hz x 30 Hz = 0.0156 nA (zero coherence).
//!
//! Numerics: RK4 on equal sub-steps of at most 0.1 ms; H's removable singularity at
//! a x = b is handled (`exprel_inv`).

use crate::define::*;
use integrate::{exprel_inv, rk4_steps, sub_steps};

crate::model! {
    name: "wong_wang",
    class: "WongWangNeuron",
    summary: "Rate unit (emits no spikes; its state s1 is the output): two-population \
              decision model, dS_k/dt = -S_k/tau_S + (1 - S_k) gamma H(x_k), x_1 = J_11 S_1 - \
              J_12 S_2 + I_0 + I_1 + u, x_2 = J_22 S_2 - J_21 S_1 + I_0 + I_2, H(x) = (a x - b) \
              / (1 - exp(-d (a x - b))). RK4 sub-steps <= 0.1 ms.",
    citation: "Wong & Wang (2006) J. Neurosci. 26:1314-1328",
    input_unit: "nA",
    params: {
        a: param("Hz/nA", 270.0, Positive, "gain of the input-output function"),
        b: param("Hz", 108.0, Finite, "offset of the input-output function"),
        d: param("s", 0.154, Positive, "curvature of the input-output function"),
        gamma: param("1", 0.641, Positive, "kinetic parameter of the NMDA gating"),
        tau_s: param("ms", 100.0, Positive, "NMDA decay time constant"),
        j11: param("nA", 0.2609, Finite, "self-excitation of population 1"),
        j22: param("nA", 0.2609, Finite, "self-excitation of population 2"),
        j12: param("nA", 0.0497, Finite, "inhibition of population 1 by population 2"),
        j21: param("nA", 0.0497, Finite, "inhibition of population 2 by population 1"),
        i0: param("nA", 0.3255, Finite, "background current to both populations"),
        i1: param("nA", 0.0156, Finite, "stimulus current to population 1"),
        i2: param("nA", 0.0156, Finite, "stimulus current to population 2"),
        s1_init: standard::init("1", 0.1, "initial S_1"),
        s2_init: standard::init("1", 0.1, "initial S_2"),
    },
    state: {
        s1: ("1", "NMDA gating variable of population 1 (the output)"),
        s2: ("1", "NMDA gating variable of population 2"),
        r1: ("Hz", "rate H(x_1) of population 1"),
        r2: ("Hz", "rate H(x_2) of population 2"),
    },
    membrane: s1,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.1;

/// H(x) = (a x - b) / (1 - exp(-d (a x - b))), Hz.
#[inline]
fn rate(p: &Parameters, x: f64) -> f64 {
    let y = p.a * x - p.b;
    // y / (1 - exp(-d y)) = exprel_inv(-d y) / d; the exponent is bounded by the
    // saturation of S (x stays within a few nA).
    exprel_inv((-p.d * y).min(700.0)) / p.d
}

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        Vars {
            s1: p.s1_init,
            s2: p.s2_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let i1 = p.i0 + p.i1 + input.current;
        let i2 = p.i0 + p.i2;
        let g = p.gamma * 1e-3; // H in Hz -> per ms
        let f = |y: Vars| {
            let h1 = rate(p, p.j11 * y.s1 - p.j12 * y.s2 + i1);
            let h2 = rate(p, p.j22 * y.s2 - p.j21 * y.s1 + i2);
            Vars {
                s1: -y.s1 / p.tau_s + (1.0 - y.s1) * g * h1,
                s2: -y.s2 / p.tau_s + (1.0 - y.s2) * g * h2,
                r1: 0.0,
                r2: 0.0,
            }
        };
        *s = rk4_steps(*s, input.dt, *n, f);
        s.s1 += input.jump;
        s.r1 = rate(p, p.j11 * s.s1 - p.j12 * s.s2 + i1);
        s.r2 = rate(p, p.j22 * s.s2 - p.j21 * s.s1 + i2);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// Uncoupled (J = 0) each S relaxes to S* = gamma H tau_S / (1 + gamma H tau_S) with
    /// rate 1/tau_S + gamma H, H = H(I_0 + I_k): the closed form, to 1e-7.
    #[test]
    fn uncoupled_gating_follows_the_closed_form() {
        let given = [
            ("j11", 0.0),
            ("j22", 0.0),
            ("j12", 0.0),
            ("j21", 0.0),
            ("s1_init", 0.0),
        ];
        let mut k = kernel(&MODEL, &given, 1, 0.1, 0);
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let u = 0.05;
        let h = rate(&p, 0.3255 + 0.0156 + u);
        let (g, tau) = (0.641e-3, 100.0);
        let s_inf = g * h * tau / (1.0 + g * h * tau);
        for step in 1..=3000 {
            run(k.as_mut(), 1, u, 0.0);
            let t = step as f64 * 0.1;
            let exact = s_inf * (1.0 - (-(1.0 / tau + g * h) * t).exp());
            assert!((k.var(0)[0] - exact).abs() < 1e-7, "t {t}");
        }
        // H at the singular point a x = b is 1/d.
        assert!((rate(&p, 108.0 / 270.0) - 1.0 / 0.154).abs() < 1e-9);
    }

    /// Winner-take-all (Wong & Wang 2006, Fig. 2-3): with a biased stimulus (coherence
    /// 51.2 %, I_k = J_A,ext mu_0 (1 +- c')) population 1 wins: S_1 high, its rate some
    /// tens of Hz, population 2 suppressed.
    #[test]
    fn biased_stimulus_selects_population_one() {
        let (j, mu0, c) = (5.2e-4, 30.0, 0.512);
        let given = [("i1", j * mu0 * (1.0 + c)), ("i2", j * mu0 * (1.0 - c))];
        let mut k = kernel(&MODEL, &given, 1, 0.1, 0);
        run(k.as_mut(), 20_000, 0.0, 0.0);
        let (s1, s2, r1, r2) = (k.var(0)[0], k.var(1)[0], k.var(2)[0], k.var(3)[0]);
        eprintln!("Wong-Wang: S = ({s1}, {s2}), r = ({r1}, {r2}) Hz");
        assert!(s1 > 0.5 && s2 < 0.2 && r1 > 20.0 && r2 < 5.0);
    }
}
