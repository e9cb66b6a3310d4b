//! Rate neuron with input noise and input function phi(h) = (g h)^4 / (0.1^4 + (g h)^4): NEST's
//! `sigmoid_rate_gg_1998_ipn` (`rate_neuron_ipn`; Hahne et al. 2017).
//!
//! tau dX = [-lambda X + mu + phi(h)] dt + sqrt(tau) sigma dW
//!
//! Rate unit: emits no spikes; its state `x` is the output. h is the summed input of the
//! step (`input.current` plus `input.jump`, the latter for this step only). The update is
//! NEST's exact stochastic exponential Euler scheme, shared with `lin_rate`
//! ([`Ipn`](super::lin_rate)); NEST's `mult_coupling`, `linear_summation = false` and
//! `rectify_output` options are not modelled (their defaults are).
//!
//! The input function is Gancarz & Grossberg's (1998) sigmoid signal function f(w) =
//! w^4 / (0.1^4 + w^4), half-maximal at g h = 0.1.

use super::lin_rate::Ipn;
use crate::define::*;

crate::model! {
    name: "sigmoid_rate_gg_1998",
    class: "SigmoidRateGg1998Neuron",
    summary: "Rate unit: emits no spikes; its state x is the output. tau dX = [-lambda X + mu + \
              phi(h)] dt + sqrt(tau) sigma dW, phi(h) = (g h)^4 / (0.1^4 + (g h)^4) (NEST \
              sigmoid_rate_gg_1998_ipn); exact stochastic exponential Euler update.",
    citation: "Hahne, Dahmen, Schuecker, Frommer, Bolten, Helias & Diesmann (2017) Front. \
               Neuroinform. 11:34; NEST 3.10 sigmoid_rate_gg_1998 / rate_neuron_ipn (defaults); Gancarz & Grossberg (1998) Neural Netw. 11:1159 (signal function)",
    input_unit: "1",
    params: {
        tau: param("ms", 10.0, Positive, "time constant of the rate dynamics"),
        decay: param("1", 1.0, NonNegative, "passive decay rate (NEST's lambda)"),
        sigma: param("1", 1.0, NonNegative, "input noise amplitude"),
        mu: param("1", 0.0, Finite, "mean (constant) input"),
        g: param("1", 1.0, Finite, "gain of the input function"),
        x_init: standard::init("1", 0.0, "initial rate"),
    },
    state: {
        x: ("1", "rate (the output)"),
    },
    membrane: x,
    delta_input: "added to the input h of this step only (NEST rate connections deliver w X_j \
                  each step)",
    no_drive: NoDrive::EmitsNoSpikes,
    stochastic: true,
    build: point,
}

impl Dynamics for Model {
    type Consts = (Parameters, Ipn);

    fn prepare(p: &Parameters, dt: f64) -> Self::Consts {
        (*p, Ipn::new(p.tau, p.decay, p.sigma, dt))
    }

    fn init((p, _): &Self::Consts) -> Vars {
        Vars { x: p.x_init }
    }

    #[inline(always)]
    fn step((p, c): &Self::Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let h = input.current + input.jump;
        let phi = {
            let u = (p.g * h).powi(4);
            u / (1e-4 + u)
        };
        s.x = c.step(s.x, p.mu + phi, aux);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::lin_rate::testing::{kernel, run};
    use super::*;

    /// Without noise X settles at (mu + (g h)^4 / (0.1^4 + (g h)^4)) / lambda: half-maximal
    /// (0.5) at h = 0.1, and 16/17 = 0.94118 at h = 0.2 (Gancarz & Grossberg 1998's signal
    /// function).
    #[test]
    fn steady_state_is_the_gain_function() {
        for &(h, expected) in &[(0.1, 0.5), (0.2, 16.0 / 17.0), (-0.05, 1.0 / 17.0)] {
            let mut k = kernel(&MODEL, &[("sigma", 0.0)], 0.1, 1);
            let (spikes, _) = run(k.as_mut(), h, 3000);
            assert_eq!(spikes, 0);
            assert!(
                (k.var(0)[0] - expected).abs() < 1e-5,
                "{h}: {}",
                k.var(0)[0]
            );
        }
    }
}
