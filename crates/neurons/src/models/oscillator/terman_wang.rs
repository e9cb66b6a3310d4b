//! Terman–Wang relaxation oscillator, the unit of LEGION networks (Terman & Wang 1995):
//!
//! dx/dt' = 3 x - x^3 + 2 - y + I + I_e,  dy/dt' = eps (gamma (1 + tanh(x / beta)) - y),
//!
//! dimensionless, t' = t / time_scale (t in ms; default 1 ms per model time unit). The
//! x-nullcline is a cubic with knees at x = -1 (y = I) and x = 1 (y = 4 + I); the y-nullcline
//! is a sigmoid, near 0 for x < 0 and near 2 gamma for x > 0. For I > 0 the unit oscillates
//! (active phase on the right branch, silent phase on the left), for I < 0 it is excitable;
//! at I = 0 the rest sits at the left knee. In the singular limit eps -> 0, beta -> 0 the
//! period is
//!   T = [ln((4 + I)/I) + ln((2 gamma - I)/(2 gamma - 4 - I))] / eps
//! (the times spent on the left and right branches). Defaults eps = 0.02, gamma = 6,
//! beta = 0.1 (Terman & Wang 1995; Wang & Terman 1997). Input unit "1".
//!
//! Spikes: the jump to the active phase, an upward crossing of `x_th` (default 0) between
//! integrator steps or by a delta-synapse jump (added to x at the end of the step); no reset.
//! Initial state: the rest on the left branch at I = 0, x = -1, y = 0 (the left knee).
//!
//! Numerics: Dormand–Prince 5(4) with error control (`Tolerance::DEFAULT`) in model time,
//! its step carried between network steps; spikes are detected between accepted steps. (A
//! fixed RK4 step would diverge under large inputs, where the cubic makes the system stiff.)
//! Inside the right-hand side the fast variable is bounded by 1e6 in magnitude (far outside
//! any trajectory) so that the trial stages of a rejected step cannot overflow.

use super::hindmarsh_rose::{STAGE_BOUND, advance, jump_crosses};
use crate::define::*;

crate::model! {
    name: "terman_wang",
    class: "TermanWangNeuron",
    summary: "dx/dt' = 3x - x^3 + 2 - y + I + I_e, dy/dt' = eps (gamma (1 + tanh(x/beta)) - \
              y) (dimensionless; t' = t / time_scale, t in ms). Oscillates for I > 0, \
              excitable for I < 0. Spike = upward crossing of x_th (0); no reset. \
              Adaptive RK45.",
    citation: "Terman & Wang (1995) Physica D 81:148-176; Wang & Terman (1997) Neural Comput. \
               9:805-836",
    input_unit: "1",
    params: {
        eps: param("1", 0.02, Positive, "rate of the slow variable y (per model time unit)"),
        gamma: param("1", 6.0, Positive, "height of the y-nullcline (y -> 2 gamma in the active phase)"),
        beta: param("1", 0.1, Positive, "steepness scale of the y-nullcline sigmoid"),
        i_e: standard::i_e_in("1", 0.0),
        time_scale: param("ms", 1.0, Positive, "milliseconds per model time unit"),
        x_th: param("1", 0.0, Finite, "spike detection level on x: an upward crossing is one spike"),
    },
    state: {
        x: ("1", "fast excitatory variable"),
        y: ("1", "slow inhibitory variable"),
    },
    membrane: x,
    drive: 0.5,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(_: &Parameters) -> Vars {
        Vars { x: -1.0, y: 0.0 }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |u: Vars| Vars {
            x: {
                let x = u.x.clamp(-STAGE_BOUND, STAGE_BOUND);
                3.0 * x - x * x * x + 2.0 - u.y + i
            },
            y: p.eps * (p.gamma * (1.0 + (u.x / p.beta).tanh()) - u.y),
        };
        let fired = advance(s, input.dt / p.time_scale, aux.h, f, |u| u.x - p.x_th);
        jump_crosses(&mut s.x, input.jump, p.x_th) | fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::hindmarsh_rose::tests::{kernel, spikes};
    use super::*;

    /// Near the singular limit (eps = 0.002, beta = 0.01) the period at I = 1 is within 4 %
    /// of the closed form [ln(5) + ln(11/7)] / eps = 1030.7 units (measured 1060).
    #[test]
    fn period_approaches_the_singular_limit() {
        let (eps, i): (f64, f64) = (0.002, 1.0);
        let closed = ((4.0 + i) / i).ln() + ((12.0 - i) / (8.0 - i)).ln();
        let closed = closed / eps;
        let mut k = kernel(&MODEL, &[("eps", eps), ("beta", 0.01), ("i_e", i)], 0.1);
        let t = spikes(k.as_mut(), 0.0, 0.1, 6000.0);
        assert!(t.len() >= 4, "{t:?}");
        let period = t[t.len() - 1] - t[t.len() - 2];
        assert!(
            period > closed && period < 1.04 * closed,
            "{period} vs {closed}"
        );
    }

    /// Excitable for I < 0: silent after the initial relaxation; oscillates for I > 0.
    #[test]
    fn oscillates_only_for_positive_input() {
        let mut k = kernel(&MODEL, &[], 0.1);
        assert!(spikes(k.as_mut(), -0.05, 0.1, 2000.0).is_empty());
        let mut k = kernel(&MODEL, &[], 0.1);
        assert!(spikes(k.as_mut(), 0.2, 0.1, 2000.0).len() >= 8);
    }
}
