//! Aihara's chaotic neuron (Aihara, Takabe & Toyoda 1990), the one-variable form:
//!
//! y(t+1) = k y(t) - alpha f(y(t)) + a + I(t),   x(t+1) = f(y(t+1)),
//! f(y) = 1 / (1 + exp(-y / eps)),
//!
//! y the internal state, x in (0, 1) the output; k the decay of refractoriness, alpha its
//! scaling, a the bias (stimulus minus threshold); the network's input enters as an
//! increment of a: I(t) is the mean of the input current (unit "1") over the map period.
//! Defaults k = 0.7, alpha = 1.0, eps = 0.02 (the values of Aihara et al. 1990 for the
//! response characteristics against a) and a = 0, where the neuron rests at its stable fixed
//! point y* = (a - alpha f(y*))/(1 - k) = -0.0753. Firing: the source's average firing rate
//! counts h(x) = 1 for x >= 1/2, so every iteration with x(t+1) >= 1/2 (y >= 0) is a spike;
//! as a grows the rate climbs a devil's staircase with chaotic intervals.
//!
//! Time: one iteration per `period` ms (default 1 ms), performed in the network step that
//! contains the instant t period (see `rulkov_map`). Delta-synapse jumps are added to y at
//! the end of the step. The exponent of f is clamped to +-700 (f is then 0 or 1 to machine
//! precision). Initial state: y = y_init (default -0.0753, the rest at a = 0 to four
//! digits; a start exactly on an unstable fixed point would never leave it).

use super::rulkov_map::clock;
use crate::define::*;

crate::model! {
    name: "aihara_map",
    class: "AiharaMapNeuron",
    summary: "y(t+1) = k y(t) - alpha f(y(t)) + a + I(t), x = f(y) = 1/(1 + exp(-y/eps)); \
              one iteration per `period` ms (I = mean input over the period). Spike = an \
              iteration with x >= 1/2 (the source's firing count).",
    citation: "Aihara, Takabe & Toyoda (1990) Phys. Lett. A 144:333-340",
    input_unit: "1",
    params: {
        k: param("1", 0.7, Closed(0.0, 0.999), "decay factor of the refractoriness"),
        alpha: param("1", 1.0, NonNegative, "scaling of the refractoriness"),
        a: param("1", 0.0, Finite, "bias (external stimulus minus threshold)"),
        eps: param("1", 0.02, Positive, "steepness parameter of the output function"),
        period: param("ms", 1.0, Positive, "duration of one map iteration"),
        y_init: param("1", -0.0753, Finite, "initial internal state (default: near the fixed point at a = 0)"),
    },
    state: {
        y: ("1", "internal state"),
        x: ("1", "output f(y), in (0, 1)"),
        elapsed: ("ms", "time since the last iteration"),
        charge: ("ms", "input integrated since the last iteration (input unit x ms)"),
    },
    membrane: y,
    drive: 0.3,
    build: point,
}

/// The output function, with its exponent clamped.
#[inline(always)]
fn out(y: f64, eps: f64) -> f64 {
    1.0 / (1.0 + (-y / eps).clamp(-700.0, 700.0).exp())
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            y: p.y_init,
            x: out(p.y_init, p.eps),
            elapsed: 0.0,
            charge: 0.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let mut y = s.y;
        let fired = clock(
            &mut s.elapsed,
            &mut s.charge,
            input.dt,
            p.period,
            input.current,
            |i| {
                y = p.k * y - p.alpha * out(y, p.eps) + p.a + i;
                out(y, p.eps) >= 0.5
            },
        );
        s.y = y + input.jump;
        s.x = out(s.y, p.eps);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::rulkov_map::tests::{kernel, spikes};
    use super::*;

    /// At a = 0 the map converges to its fixed point y* = -alpha f(y*)/(1 - k) = -0.0753
    /// (a stable one: |k - alpha f'(y*)| < 1) and never fires.
    #[test]
    fn converges_to_the_fixed_point() {
        let g = |y: f64| -1.0 / (1.0 + (-y / 0.02).exp()) / 0.3 - y;
        let (mut lo, mut hi) = (-1.0f64, 0.0f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if g(lo) * g(mid) <= 0.0 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assert!((lo + 0.0753).abs() < 1e-3, "{lo}");
        let mut k = kernel(&MODEL, &[], 0.1);
        // Start away from it: a jump moves y, the map returns.
        let mut s = Vec::new();
        k.step(
            &crate::StepInput {
                jump: &[-0.5],
                current: &[0.0],
            },
            &mut s,
        );
        assert!(spikes(k.as_mut(), 0.0, 0.1, 500.0).is_empty());
        assert!((k.var(0)[0] - lo).abs() < 1e-9, "{} vs {lo}", k.var(0)[0]);
    }

    /// Two windows of the firing-rate staircase against a: 1/3 at a = 0.3 (a period-3
    /// orbit firing once) and 2/3 at a = 0.7 (its mirror image).
    #[test]
    fn firing_rate_plateaus() {
        for (a, rate) in [(0.3, 1.0 / 3.0), (0.7, 2.0 / 3.0)] {
            let mut k = kernel(&MODEL, &[("a", a)], 0.5);
            let t = spikes(k.as_mut(), 0.0, 0.5, 3000.0);
            let late = t.iter().filter(|&&s| s > 1000.0).count() as f64 / 2000.0;
            assert!((late - rate).abs() < 0.01, "a = {a}: {late}");
        }
    }
}
