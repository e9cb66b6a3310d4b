//! Nagumo–Sato model (Nagumo & Sato 1972): Caianiello's neuron with exponentially decaying
//! refractoriness, reduced to a one-dimensional piecewise-linear map
//!
//! y(n+1) = k y(n) - alpha H(y(n)) + a + I(n),   x(n) = H(y(n)) (H(u) = 1 for u >= 0),
//!
//! y the internal state (the stimulus minus threshold minus decaying refractoriness),
//! x in {0, 1} the firing; the network's input enters as an increment of the bias a: I(n) is
//! the mean of the input current (unit "1") over the map period. The firing rate against a
//! is a complete devil's staircase. Closed form: the period-2 orbit firing every other
//! iteration (y_0 = (a (1 + k) - k alpha)/(1 - k^2) >= 0, y_1 = (a (1 + k) - alpha)/(1 - k^2)
//! < 0) exists exactly for k alpha/(1 + k) <= a < alpha/(1 + k), and there the rate is 1/2.
//! The source fixes the form; the defaults k = 0.5, alpha = 1, a = 0 (silent) are chosen
//! here (the rate-1/2 plateau is then 1/3 <= a < 2/3).
//!
//! Time: one iteration per `period` ms (default 1 ms), performed in the network step that
//! contains the instant n period (see `rulkov_map`). A spike is an iteration with x = 1.
//! Delta-synapse jumps are added to y at the end of the step. Initial state y = `y_init`.

use super::rulkov_map::clock;
use crate::define::*;

crate::model! {
    name: "nagumo_sato_map",
    class: "NagumoSatoMapNeuron",
    summary: "y(n+1) = k y(n) - alpha H(y(n)) + a + I(n), x = H(y); one iteration per \
              `period` ms (I = mean input over the period). Spike = an iteration with \
              y >= 0. Rate 1/2 exactly for k alpha/(1+k) <= a < alpha/(1+k).",
    citation: "Nagumo & Sato (1972) Kybernetik 10:155-164",
    input_unit: "1",
    params: {
        k: param("1", 0.5, Closed(0.0, 0.999), "decay factor of the refractoriness per iteration"),
        alpha: param("1", 1.0, NonNegative, "refractory decrement after a firing"),
        a: param("1", 0.0, Finite, "bias (stimulus minus threshold)"),
        period: param("ms", 1.0, Positive, "duration of one map iteration"),
        y_init: param("1", -1.0, Finite, "initial internal state"),
    },
    state: {
        y: ("1", "internal state"),
        elapsed: ("ms", "time since the last iteration"),
        charge: ("ms", "input integrated since the last iteration (input unit x ms)"),
    },
    membrane: y,
    drive: 0.5,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            y: p.y_init,
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
                let fire = if y >= 0.0 { 1.0 } else { 0.0 };
                y = p.k * y - p.alpha * fire + p.a + i;
                y >= 0.0
            },
        );
        s.y = y + input.jump;
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::rulkov_map::tests::{kernel, spikes};
    use super::*;

    /// The rate-1/2 plateau is [k alpha/(1 + k), alpha/(1 + k)) = [1/3, 2/3) at the defaults:
    /// rate 1/2 inside it, below 1/2 under it, above 1/2 over it (late spikes per iteration).
    #[test]
    fn rate_one_half_on_the_closed_form_plateau() {
        let rate = |a: f64| {
            let mut k = kernel(&MODEL, &[("a", a)], 0.25);
            let t = spikes(k.as_mut(), 0.0, 0.25, 1000.0);
            t.iter().filter(|&&s| s > 200.0).count() as f64 / 800.0
        };
        for a in [0.34, 0.5, 0.66] {
            assert!((rate(a) - 0.5).abs() < 0.003, "a = {a}: {}", rate(a));
        }
        assert!(rate(0.30) < 0.45, "{}", rate(0.30));
        assert!(rate(0.70) > 0.55, "{}", rate(0.70));
    }
}
