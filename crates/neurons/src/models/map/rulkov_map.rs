//! Rulkov's two-dimensional map (Rulkov 2002), chaotic spiking–bursting:
//!
//! x_{n+1} = alpha / (1 + x_n^2) + y_n,   y_{n+1} = y_n - mu (x_n - sigma_n),
//! sigma_n = sigma + I_n,
//!
//! x fast (membrane-potential-like), y slow (mu << 1); sigma is the dc input of the source,
//! and the network's input enters as its increment: I_n is the mean of the input current
//! (unit "1") over the n-th map period. Defaults alpha = 4.5 (alpha > 4: the spiking–bursting
//! range of Rulkov 2002), mu = 0.001, sigma = -1.8 (a stable fixed point: silent).
//! The fixed point is x* = sigma_n, y* = sigma_n - alpha/(1 + sigma_n^2); its multipliers
//! leave the unit circle (Neimark–Sacker) where -2 alpha sigma / (1 + sigma^2)^2 = 1 - mu,
//! sigma = -1.711 at the defaults: below it the map rests, above it it fires (bursts, then
//! tonic chaotic spiking as sigma grows).
//!
//! Time: the map iterates on its own period (`period`, default 1 ms): the model accumulates
//! network time and performs iteration n at t = n period, in the network step [t, t + dt)
//! that contains that instant; results do not depend on dt except through the step in which
//! an iteration is reported. A spike is an upward crossing of `x_th` (default 0) by x at an
//! iteration (x jumps from its silent level near -1.5 to the spike peak). Delta-synapse jumps
//! are added to x at the end of the step (they do not by themselves count as spikes).
//! Initial state: x_init, y_init (defaults: the fixed point at the default sigma and I = 0;
//! a start exactly on an unstable fixed point would never leave it).

use crate::define::*;

crate::model! {
    name: "rulkov_map",
    class: "RulkovMapNeuron",
    summary: "x_{n+1} = alpha/(1 + x_n^2) + y_n, y_{n+1} = y_n - mu (x_n - sigma - I_n), one \
              iteration per `period` ms (I_n = mean input over the period). Spike = x \
              crossing x_th (0) upward at an iteration. Silent below the Neimark-Sacker \
              point -2 alpha sigma/(1 + sigma^2)^2 = 1 - mu.",
    citation: "Rulkov (2002) Phys. Rev. E 65:041922; Shilnikov & Rulkov (2003) Int. J. \
               Bifurcation Chaos 13:3325-3340",
    input_unit: "1",
    params: {
        alpha: param("1", 4.5, Finite, "nonlinearity parameter (alpha > 4: spiking-bursting)"),
        mu: param("1", 0.001, NonNegative, "rate of the slow variable y per iteration"),
        sigma: param("1", -1.8, Finite, "dc input level (the fixed point x* = sigma)"),
        period: param("ms", 1.0, Positive, "duration of one map iteration"),
        x_th: param("1", 0.0, Finite, "spike detection level: x crossing it upward is a spike"),
        x_init: param("1", -1.8, Finite, "initial x (default: the fixed point at the default sigma)"),
        y_init: param("1", -2.861_320_754_716_981, Finite, "initial y (default: the fixed point at the default sigma)"),
    },
    state: {
        x: ("1", "fast, membrane-potential-like variable"),
        y: ("1", "slow variable"),
        elapsed: ("ms", "time since the last iteration"),
        charge: ("ms", "input integrated since the last iteration (input unit x ms)"),
    },
    membrane: x,
    drive: 1.3,
    build: point,
}

/// Advances a map's clock by one network step of `dt` ms with `current` held over it:
/// performs `iterate(mean input over the period)` once for each whole `period` completed
/// (iteration n at t = n period happens in the step [t, t + dt) containing that instant);
/// whether any iteration spiked. `elapsed` and `charge` are the clock's state (time and
/// integrated input since the last iteration).
#[inline(always)]
pub(crate) fn clock(
    elapsed: &mut f64,
    charge: &mut f64,
    dt: f64,
    period: f64,
    current: f64,
    mut iterate: impl FnMut(f64) -> bool,
) -> bool {
    *elapsed += dt;
    *charge += current * dt;
    let mut fired = false;
    // Strictly past the boundary (with a tolerance for the rounding of summed steps), so the
    // instant n period belongs to the step that starts at it. Bounded for safety.
    for _ in 0..1_000_000 {
        if *elapsed <= period * (1.0 + 1e-9) {
            break;
        }
        let over = *elapsed - period;
        let input = (*charge - current * over) / period;
        fired |= iterate(input);
        *elapsed = over;
        *charge = current * over;
    }
    fired
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            x: p.x_init,
            y: p.y_init,
            elapsed: 0.0,
            charge: 0.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let (mut x, mut y) = (s.x, s.y);
        let fired = clock(
            &mut s.elapsed,
            &mut s.charge,
            input.dt,
            p.period,
            input.current,
            |i| {
                let xn = p.alpha / (1.0 + x * x) + y;
                y -= p.mu * (x - p.sigma - i);
                let spike = x < p.x_th && xn >= p.x_th;
                x = xn;
                spike
            },
        );
        s.x = x + input.jump;
        s.y = y;
        fired
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// Builds `model` for one neuron with `given` parameters at step `dt` (ms).
    pub(crate) fn kernel(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        dt: f64,
    ) -> Box<dyn NeuronKernel> {
        let values: Vec<(&str, ParamValue)> = given
            .iter()
            .map(|&(k, v)| (k, ParamValue::Scalar(v)))
            .collect();
        let params = Params::check(model, "test", 1, values.iter().map(|(k, v)| (*k, v)))
            .expect("valid test parameters");
        (model.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: dt,
            seed: 0,
            first_id: 0,
        })
    }

    /// Spike times (end of the step, ms) of one neuron under a constant `current` for `t_ms`.
    pub(crate) fn spikes(k: &mut dyn NeuronKernel, current: f64, dt: f64, t_ms: f64) -> Vec<f64> {
        let mut out = Vec::new();
        let mut s = Vec::new();
        for step in 0..(t_ms / dt).round() as usize {
            s.clear();
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[current],
                },
                &mut s,
            );
            if !s.is_empty() {
                out.push((step + 1) as f64 * dt);
            }
        }
        out
    }

    /// The Neimark–Sacker point: -2 alpha s / (1 + s^2)^2 = 1 - mu, solved by bisection
    /// (s = -1.711 at alpha = 4.5): the map rests 3 % below it and fires 3 % above it.
    #[test]
    fn fires_only_past_the_neimark_sacker_point() {
        let g = |s: f64| -2.0 * 4.5 * s / (1.0 + s * s).powi(2) - 0.999;
        let (mut lo, mut hi) = (-3.0f64, -1.2f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if g(lo) * g(mid) <= 0.0 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assert!((lo + 1.711).abs() < 1e-3, "{lo}");
        for (sigma, fires) in [(1.03 * lo, false), (0.97 * lo, true)] {
            let mut k = kernel(&MODEL, &[("sigma", sigma)], 0.1);
            let t = spikes(k.as_mut(), 0.0, 0.1, 20000.0);
            assert_eq!(!t.is_empty(), fires, "sigma {sigma}: {} spikes", t.len());
        }
        // Below the point the state converges to the fixed point (sigma, sigma - alpha/(1 +
        // sigma^2)).
        let sigma = 1.03 * lo;
        let mut k = kernel(&MODEL, &[], 0.1);
        spikes(k.as_mut(), sigma + 1.8, 0.1, 20000.0);
        assert!((k.var(0)[0] - sigma).abs() < 1e-6, "{}", k.var(0)[0]);
        let y = sigma - 4.5 / (1.0 + sigma * sigma);
        assert!((k.var(1)[0] - y).abs() < 1e-6);
    }

    /// One iteration per period whatever dt: the same spike iterations at dt = 0.1, 0.25 and
    /// 1 ms (iteration n reported in the step containing n ms).
    #[test]
    fn iterations_do_not_depend_on_dt() {
        let at = |dt: f64| {
            let mut k = kernel(&MODEL, &[], dt);
            spikes(k.as_mut(), 1.3, dt, 500.0)
                .iter()
                .map(|t| (t - 1e-9).floor() as i64)
                .collect::<Vec<_>>()
        };
        let reference = at(1.0);
        assert!(reference.len() > 10);
        assert_eq!(at(0.1), reference);
        assert_eq!(at(0.25), reference);
    }

    /// Every map of the family stays finite under inputs far beyond their ranges.
    #[test]
    fn family_stays_finite_under_huge_inputs() {
        use crate::models::map as m;
        for model in [
            &MODEL,
            &m::chialvo_map::MODEL,
            &m::aihara_map::MODEL,
            &m::nagumo_sato_map::MODEL,
            &m::courbage_nekorkin_map::MODEL,
        ] {
            for (current, jump) in [(1e6, 0.0), (-1e6, 0.0), (0.0, 1e3), (1e2, -1e3)] {
                let mut k = kernel(model, &[], 0.5);
                let mut s = Vec::new();
                for _ in 0..400 {
                    k.step(
                        &StepInput {
                            jump: &[jump],
                            current: &[current],
                        },
                        &mut s,
                    );
                }
                for (i, spec) in model.state.iter().enumerate() {
                    let x = k.var(i)[0];
                    assert!(
                        x.is_finite(),
                        "{}: {} = {x} at I = {current}",
                        model.name,
                        spec.name
                    );
                }
            }
        }
    }
}
