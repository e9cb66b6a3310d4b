//! Chialvo's two-dimensional excitable map (Chialvo 1995):
//!
//! x_{n+1} = x_n^2 exp(y_n - x_n) + k + I_n,   y_{n+1} = a y_n - b x_n + c,
//!
//! x the activation (membrane-potential-like) and y the recovery variable; k is the
//! additive perturbation of the source and the network's input enters as its increment: I_n
//! is the mean of the input current (unit "1") over the n-th map period. Defaults a = 0.89,
//! b = 0.6, c = 0.28 (Chialvo 1995) and k = 0.02, where the map is excitable (a stable fixed
//! point); at k = 0.03 it oscillates (periodic firing about every 75 iterations).
//! The fixed point solves y* = (c - b x*)/(1 - a), x* = x*^2 exp(y* - x*) + k.
//!
//! Time: one iteration per `period` ms (default 1 ms), performed in the network step that
//! contains the instant n period (see `rulkov_map`). A spike is an upward crossing of `x_th`
//! (default 1) by x at an iteration. Delta-synapse jumps are added to x at the end of the
//! step. Initial state: the rest of the map without bias (k + I = 0), x = 0,
//! y = c/(1 - a); from there the default map relaxes to its fixed point. The exponent y - x is
//! clamped at 50 so that huge inputs cannot overflow (the map's attractor stays far below).

use super::rulkov_map::clock;
use crate::define::*;

crate::model! {
    name: "chialvo_map",
    class: "ChialvoMapNeuron",
    summary: "x_{n+1} = x_n^2 exp(y_n - x_n) + k + I_n, y_{n+1} = a y_n - b x_n + c, one \
              iteration per `period` ms (I_n = mean input over the period). Spike = x \
              crossing x_th (1) upward at an iteration. Excitable at k = 0.02, oscillating \
              at k = 0.03.",
    citation: "Chialvo (1995) Chaos Solitons Fractals 5:461-479",
    input_unit: "1",
    params: {
        a: param("1", 0.89, Closed(0.0, 0.999), "recovery time constant (per iteration)"),
        b: param("1", 0.6, Finite, "activation dependence of the recovery"),
        c: param("1", 0.28, Finite, "offset of the recovery"),
        k: param("1", 0.02, Finite, "additive perturbation (bias) of x"),
        period: param("ms", 1.0, Positive, "duration of one map iteration"),
        x_th: param("1", 1.0, Finite, "spike detection level: x crossing it upward is a spike"),
    },
    state: {
        x: ("1", "activation (membrane-potential-like) variable"),
        y: ("1", "recovery variable"),
        elapsed: ("ms", "time since the last iteration"),
        charge: ("ms", "input integrated since the last iteration (input unit x ms)"),
    },
    membrane: x,
    drive: 0.02,
    build: point,
}

/// Largest exponent y - x, so that exp never overflows.
const EXP_MAX: f64 = 50.0;

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            x: 0.0,
            y: p.c / (1.0 - p.a),
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
                let xn = x * x * (y - x).min(EXP_MAX).exp() + p.k + i;
                y = p.a * y - p.b * x + p.c;
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
mod tests {
    use super::super::rulkov_map::tests::{kernel, spikes};
    use super::*;

    /// At k = 0.02 the map rests at its fixed point, found here by bisection of
    /// x = x^2 exp((c - b x)/(1 - a) - x) + k on [0, 0.2] (x* = 0.0290); at k = 0.03 (the
    /// oscillating setting of Chialvo 1995) it fires periodically.
    #[test]
    fn rests_at_the_fixed_point_and_oscillates_at_k_003() {
        let g = |x: f64| x * x * ((0.28 - 0.6 * x) / 0.11 - x).exp() + 0.02 - x;
        let (mut lo, mut hi) = (0.0f64, 0.2f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if g(lo) * g(mid) <= 0.0 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let mut k = kernel(&MODEL, &[], 0.1);
        assert!(spikes(k.as_mut(), 0.0, 0.1, 2000.0).is_empty());
        assert!((k.var(0)[0] - lo).abs() < 1e-9, "{} vs {lo}", k.var(0)[0]);
        assert!((lo - 0.0290).abs() < 1e-3, "{lo}");
        let mut k = kernel(&MODEL, &[("k", 0.03)], 0.1);
        let t = spikes(k.as_mut(), 0.0, 0.1, 2000.0);
        assert!(t.len() >= 20, "{t:?}");
        let isi = t[t.len() - 1] - t[t.len() - 2];
        assert!((70.0..80.0).contains(&isi), "{isi}");
    }
}
