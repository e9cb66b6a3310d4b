//! Courbage–Nekorkin–Vdovin map (Courbage, Nekorkin & Vdovin 2007), a piecewise-smooth
//! two-dimensional map with chaotic spiking and subthreshold oscillations:
//!
//! x_{n+1} = x_n + F(x_n) - y_n - beta H(x_n - d),   y_{n+1} = y_n + eps (x_n - J_n),
//! F(x) = x (x - a)(1 - x),  H the unit step, J_n = J + I_n,
//!
//! x the membrane potential, y the recovery variable; J is the external stimulus of the
//! source and the network's input enters as its increment: I_n is the mean of the input
//! current (unit "1") over the n-th map period. Closed form: the fixed point is x* = J_n,
//! y* = F(J_n) - beta H(J_n - d); for J_n < d its multipliers leave the unit circle
//! (Neimark–Sacker) where F'(J_n) = -eps, i.e. at
//!   J_th = [(1 + a) - sqrt((1 + a)^2 - 3 (a - eps))]/3
//! (0.0461 at the defaults): below it the map rests; above it the fixed point is unstable
//! (subthreshold oscillations first, spikes further above, e.g. at 1.1 J_th). Defaults
//! a = 0.1, beta = 0.3, d = 0.45, eps = 0.005, J = 0.03 (silent); these are of the order the
//! source uses and were not checked against its figures.
//!
//! Time: one iteration per `period` ms (default 1 ms), performed in the network step that
//! contains the instant n period (see `rulkov_map`). A spike is an upward crossing of the
//! threshold d by x at an iteration. Delta-synapse jumps are added to x at the end of the
//! step. Initial state: x_init, y_init (defaults: the fixed point x = J, y = F(J) at the
//! default J and I = 0; a start exactly on an unstable fixed point would never leave it).

use super::rulkov_map::clock;
use crate::define::*;

crate::model! {
    name: "courbage_nekorkin_map",
    class: "CourbageNekorkinMapNeuron",
    summary: "x_{n+1} = x_n + x_n (x_n - a)(1 - x_n) - y_n - beta H(x_n - d), y_{n+1} = y_n + \
              eps (x_n - J - I_n); one iteration per `period` ms (I_n = mean input over the \
              period). Spike = x crossing d upward at an iteration. Silent below the \
              Neimark-Sacker point F'(J) = -eps.",
    citation: "Courbage, Nekorkin & Vdovin (2007) Chaos 17:043109",
    input_unit: "1",
    params: {
        a: param("1", 0.1, Closed(0.0, 1.0), "zero of the cubic F between 0 and 1"),
        beta: param("1", 0.3, NonNegative, "size of the drop of x above the threshold d"),
        d: param("1", 0.45, Finite, "threshold of the discontinuity (spike level)"),
        eps: param("1", 0.005, NonNegative, "rate of the recovery variable per iteration"),
        j: param("1", 0.03, Finite, "external stimulus (the fixed point x* = J)"),
        period: param("ms", 1.0, Positive, "duration of one map iteration"),
        x_init: param("1", 0.03, Finite, "initial x (default: the fixed point at the default J)"),
        y_init: param("1", -0.002_037, Finite, "initial y (default: the fixed point at the default J)"),
    },
    state: {
        x: ("1", "membrane-potential-like variable"),
        y: ("1", "recovery variable"),
        elapsed: ("ms", "time since the last iteration"),
        charge: ("ms", "input integrated since the last iteration (input unit x ms)"),
    },
    membrane: x,
    drive: 0.07,
    build: point,
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
                let step = if x >= p.d { 1.0 } else { 0.0 };
                let xn = x + x * (x - p.a) * (1.0 - x) - y - p.beta * step;
                y += p.eps * (x - p.j - i);
                let spike = x < p.d && xn >= p.d;
                // The cubic runs away for |x| >> 1 (only reachable by huge jumps or inputs):
                // bounded so that the state stays finite.
                x = xn.clamp(-1e6, 1e6);
                y = y.clamp(-1e6, 1e6);
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

    /// The Neimark–Sacker point J_th = [(1 + a) - sqrt((1 + a)^2 - 3 (a - eps))]/3 = 0.0461:
    /// 3 % below it the orbit converges to the fixed point (J, F(J)), 3 % above it it does
    /// not (subthreshold oscillations); well above it (1.1 J_th) the map fires.
    #[test]
    fn fixed_point_loses_stability_at_the_closed_form_threshold() {
        let (a, eps) = (0.1f64, 0.005f64);
        let j_th = ((1.0 + a) - ((1.0 + a).powi(2) - 3.0 * (a - eps)).sqrt()) / 3.0;
        assert!((j_th - 0.0461).abs() < 1e-4, "{j_th}");
        // The input shifts J from its default 0.03; the orbit starts off the new fixed point.
        let distance = |factor: f64| {
            let j = factor * j_th;
            let mut k = kernel(&MODEL, &[], 0.1);
            let t = spikes(k.as_mut(), j - 0.03, 0.1, 20000.0);
            let dx = k.var(0)[0] - j;
            let dy = k.var(1)[0] - j * (j - a) * (1.0 - j);
            (t.len(), dx.hypot(dy))
        };
        let (n, d) = distance(0.97);
        assert!(n == 0 && d < 1e-8, "{n} spikes, distance {d}");
        let (_, d) = distance(1.03);
        assert!(d > 1e-3, "distance {d}");
        assert!(distance(1.1).0 >= 10);
    }
}
