//! The Virtual Brain's generic two-dimensional oscillator (Sanz-Leon et al. 2015), a
//! FitzHugh–Nagumo-like planar system whose polynomial nullclines place it, by parameter
//! choice, in excitable, bistable or oscillatory regimes. TVB defaults.
//!
//! dV/dt = d tau (alpha W - f V^3 + e V^2 + g V + gamma (I + I_e))
//! dW/dt = (d / tau) (a + b V + c V^2 - beta W)
//!
//! t in ms; V, W, I dimensionless; I (held over the step) is the input (in a network, the
//! long-range coupling term). At the defaults (a = -2, b = -10, c = 0, d = 0.02, e = 3,
//! f = 1, g = 0, alpha = beta = gamma = tau = 1) the only equilibrium, V* = -0.1887,
//! W* = a + b V*, is a stable focus whose linearisation rotates at 0.0632 rad/ms: a kicked
//! unit rings down at ~10 Hz (the alpha-like damped oscillation of TVB's default).
//!
//! Rate unit: emits no spikes; its state `v` is the output. Delta-synapse jumps are added
//! to V at the end of the step. Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT`.

use crate::define::*;

crate::model! {
    name: "generic_2d_oscillator",
    class: "Generic2dOscillatorNeuron",
    summary: "TVB Generic2dOscillator: dV/dt = d tau (alpha W - f V^3 + e V^2 + g V + gamma \
              (I + I_e)), dW/dt = (d/tau)(a + b V + c V^2 - beta W); t in ms, V, W, I \
              dimensionless. Defaults (TVB): a stable focus ringing at ~10 Hz. Rate unit: \
              emits no spikes; its state v is the output. Dormand-Prince rk45.",
    citation: "Sanz-Leon, Knock, Spiegler & Jirsa (2015) NeuroImage 111:385-430 (the generic \
               2D oscillator of The Virtual Brain, with TVB's default parameters)",
    input_unit: "1",
    params: {
        tau: param("1", 1.0, Positive, "time-scale ratio between V and W"),
        a: param("1", -2.0, Finite, "constant term of the W-nullcline"),
        b: param("1", -10.0, Finite, "linear coefficient of the W-nullcline"),
        c: param("1", 0.0, Finite, "quadratic coefficient of the W-nullcline"),
        d: param("1/ms", 0.02, Positive, "temporal scale factor of both equations"),
        e: param("1", 3.0, Finite, "quadratic coefficient of the V-nullcline"),
        f: param("1", 1.0, Finite, "cubic coefficient of the V-nullcline"),
        g: param("1", 0.0, Finite, "linear coefficient of the V-nullcline"),
        alpha: param("1", 1.0, Finite, "coupling of W into the V equation"),
        beta: param("1", 1.0, Finite, "self-decay of W"),
        gamma: param("1", 1.0, Finite, "gain of the input I"),
        i_e: standard::i_e_in("1", 0.0),
        v_init: standard::init("1", -0.1887, "initial V (default: the equilibrium at the defaults)"),
        w_init: standard::init("1", -0.113, "initial W (default: the equilibrium at the defaults)"),
    },
    state: {
        v: ("1", "fast variable: the output"),
        w: ("1", "slow recovery variable"),
    },
    membrane: v,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// The right-hand side at (v, w) with input `i`.
#[inline(always)]
fn rhs(p: &Parameters, s: Vars, i: f64) -> Vars {
    let v = s.v;
    Vars {
        v: p.d * p.tau * (p.alpha * s.w - p.f * v * v * v + p.e * v * v + p.g * v + p.gamma * i),
        w: p.d / p.tau * (p.a + p.b * v + p.c * v * v - p.beta * s.w),
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            w: p.w_init,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| rhs(p, y, i);
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, |_, _| None);
        s.v += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StepInput;
    use crate::models::ion_channel::persistent_na::testing::kernel;

    fn defaults() -> Parameters {
        Parameters::of(&crate::Params::defaults(&MODEL, 1), 0)
    }

    /// The equilibrium at the defaults (root of alpha (a + b V)/beta - f V^3 + e V^2 = 0 by
    /// bisection) and the damped frequency of its linearisation, sqrt(det - tr^2 / 4).
    fn focus(p: &Parameters) -> (f64, f64) {
        let g = |v: f64| p.alpha * (p.a + p.b * v) / p.beta - p.f * v * v * v + p.e * v * v;
        let (mut lo, mut hi) = (-1.0, 0.0);
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if g(mid) > 0.0 { lo = mid } else { hi = mid }
        }
        let v = 0.5 * (lo + hi);
        let j11 = p.d * p.tau * (-3.0 * p.f * v * v + 2.0 * p.e * v + p.g);
        let j12 = p.d * p.tau * p.alpha;
        let j21 = p.d / p.tau * (p.b + 2.0 * p.c * v);
        let j22 = -p.d / p.tau * p.beta;
        let (tr, det) = (j11 + j22, j11 * j22 - j12 * j21);
        (v, (det - tr * tr / 4.0).sqrt())
    }

    /// The equilibrium is the default initial state (V* = -0.1887), it does not move, and a
    /// kick rings down at the linearisation's frequency (0.0632 rad/ms, 10.06 Hz): the
    /// simulated period between upward crossings of V* matches 2 pi / omega_d within 2 %.
    #[test]
    fn rings_down_at_the_linear_frequency() {
        let p = defaults();
        let (v_star, omega) = focus(&p);
        assert!((v_star - p.v_init).abs() < 1e-3, "{v_star}");
        assert!((omega - 0.0632).abs() < 0.001, "{omega}");
        let dt = 0.1;
        let mut k = kernel(
            &MODEL,
            &[("v_init", v_star), ("w_init", p.a + p.b * v_star)],
            dt,
        );
        let mut spikes = Vec::new();
        let mut tr = Vec::new();
        for step in 0..2500 {
            let jump = [if step == 0 { 0.05 } else { 0.0 }];
            k.step(
                &StepInput {
                    jump: &jump,
                    current: &[0.0],
                },
                &mut spikes,
            );
            tr.push(k.var(0)[0] - v_star);
        }
        assert!(spikes.is_empty());
        let ups: Vec<f64> = tr
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w[0] < 0.0 && w[1] >= 0.0)
            .map(|(k, w)| (k as f64 + w[0] / (w[0] - w[1])) * dt)
            .collect();
        assert!(ups.len() >= 2, "{ups:?}");
        let period = (ups[ups.len() - 1] - ups[0]) / (ups.len() - 1) as f64;
        let exact = std::f64::consts::TAU / omega;
        eprintln!("generic 2D oscillator: period {period:.2} ms, linear {exact:.2} ms");
        assert!((period - exact).abs() < 0.02 * exact, "{period} vs {exact}");
    }
}
