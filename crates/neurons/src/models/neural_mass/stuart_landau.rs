//! Stuart–Landau oscillator, the normal form of a supercritical Andronov–Hopf bifurcation,
//! as the local dynamics of Deco et al. (2017) and The Virtual Brain's `SupHopf` model
//! (TVB defaults a = -0.5, omega = 1 rad/ms).
//!
//! dx/dt = (a - x^2 - y^2) x - omega y + I + I_e
//! dy/dt = (a - x^2 - y^2) y + omega x
//!
//! In polar form r' = (a - r^2) r, phi' = omega: for a < 0 the origin is a stable focus
//! (noise-driven fluctuations only); at a = 0 a supercritical Hopf bifurcation; for a > 0 a
//! stable limit cycle of radius sqrt(a) and angular frequency omega (period 2 pi / omega).
//! x is the output (Deco et al. 2017 take it as the simulated BOLD/region signal); the input
//! I (held over the step; the coupling G sum_j C_ij (x_j - x_i) in a network) enters the
//! x equation.
//!
//! Rate unit: emits no spikes; its state `x` (with `y`) is the output. Delta-synapse jumps
//! are added to x at the end of the step. Numerics: Dormand–Prince `rk45` with
//! `Tolerance::DEFAULT` (step carried in `aux.h`).

use crate::define::*;

crate::model! {
    name: "stuart_landau",
    class: "StuartLandauNeuron",
    summary: "Supercritical Hopf normal form (TVB SupHopf): dx/dt = (a - x^2 - y^2) x - omega y \
              + I + I_e, dy/dt = (a - x^2 - y^2) y + omega x; limit cycle of radius sqrt(a) \
              and angular frequency omega for a > 0, stable focus for a < 0. Rate unit: emits \
              no spikes; its state x is the output. Dormand-Prince rk45.",
    citation: "Deco, Kringelbach, Jirsa & Ritter (2017) Sci. Rep. 7:3095; as The Virtual \
               Brain's SupHopf model (Sanz-Leon et al. 2015 NeuroImage 111:385-430), \
               defaults a = -0.5, omega = 1 rad/ms",
    input_unit: "1",
    params: {
        a: param("1", -0.5, Finite, "bifurcation parameter: limit cycle of radius sqrt(a) for a > 0"),
        omega: param("rad/ms", 1.0, Finite, "angular frequency of the oscillation"),
        i_e: standard::i_e_in("1", 0.0),
        x_init: standard::init("1", 0.0, "initial x"),
        y_init: standard::init("1", 0.0, "initial y"),
    },
    state: {
        x: ("1", "first coordinate: the output"),
        y: ("1", "second coordinate"),
    },
    membrane: x,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            x: p.x_init,
            y: p.y_init,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |v: Vars| {
            let g = p.a - v.x * v.x - v.y * v.y;
            Vars {
                x: g * v.x - p.omega * v.y + i,
                y: g * v.y + p.omega * v.x,
            }
        };
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, |_, _| None);
        s.x += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StepInput;
    use crate::models::ion_channel::persistent_na::testing::kernel;

    /// Runs one unit for `t_ms`; returns the (x, y) trace, one point per step.
    fn trace(given: &[(&str, f64)], dt: f64, t_ms: f64) -> Vec<(f64, f64)> {
        let mut k = kernel(&MODEL, given, dt);
        let mut spikes = Vec::new();
        (0..(t_ms / dt).round() as usize)
            .map(|_| {
                k.step(
                    &StepInput {
                        jump: &[0.0],
                        current: &[0.0],
                    },
                    &mut spikes,
                );
                assert!(spikes.is_empty());
                (k.var(0)[0], k.var(1)[0])
            })
            .collect()
    }

    /// For a > 0 the orbit settles on the circle of radius sqrt(a) and turns at omega: the
    /// radius after 100 ms and the period between upward zero crossings of y (linearly
    /// interpolated) match sqrt(a) and 2 pi / omega within 1 %.
    #[test]
    fn limit_cycle_radius_and_frequency() {
        for &(a, omega) in &[(1.0, 1.0), (0.25, 0.5), (4.0, 0.2)] {
            let dt = 0.01;
            let tr = trace(&[("a", a), ("omega", omega), ("x_init", 0.1)], dt, 200.0);
            let (x, y) = tr[tr.len() - 1];
            let r = (x * x + y * y).sqrt();
            assert!(
                (r - f64::sqrt(a)).abs() < 0.01 * f64::sqrt(a),
                "a {a}: r {r}"
            );
            let crossings: Vec<f64> = tr
                .windows(2)
                .enumerate()
                .skip(tr.len() / 2)
                .filter(|(_, w)| w[0].1 < 0.0 && w[1].1 >= 0.0)
                .map(|(k, w)| (k as f64 + w[0].1 / (w[0].1 - w[1].1)) * dt)
                .collect();
            assert!(crossings.len() >= 2, "a {a}: {crossings:?}");
            let period =
                (crossings[crossings.len() - 1] - crossings[0]) / (crossings.len() - 1) as f64;
            let exact = std::f64::consts::TAU / omega;
            assert!((period - exact).abs() < 0.01 * exact, "{period} vs {exact}");
        }
    }

    /// For a < 0 (the TVB default, a = -0.5) the origin is a stable focus: a perturbation
    /// decays as exp(a t) (r' = a r near 0).
    #[test]
    fn focus_decays_at_rate_a() {
        let tr = trace(&[("x_init", 1e-3)], 0.1, 4.0);
        let (x, y) = tr[tr.len() - 1];
        let r = (x * x + y * y).sqrt();
        let exact = 1e-3 * (-0.5f64 * 4.0).exp();
        assert!((r - exact).abs() < 0.01 * exact, "{r} vs {exact}");
    }
}
