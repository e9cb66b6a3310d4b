//! Rate neuron with input noise and input function phi(h) = g exp(-(h - centre)^2 / (2 width^2)): NEST's
//! `gauss_rate_ipn` (`rate_neuron_ipn`; Hahne et al. 2017).
//!
//! tau dX = [-lambda X + mu + phi(h)] dt + sqrt(tau) sigma dW
//!
//! Rate unit: emits no spikes; its state `x` is the output. h is the summed input of the
//! step (`input.current` plus `input.jump`, the latter for this step only). The update is
//! NEST's exact stochastic exponential Euler scheme, shared with `lin_rate`
//! ([`Ipn`](super::lin_rate)); NEST's `mult_coupling`, `linear_summation = false` and
//! `rectify_output` options are not modelled (their defaults are).
//!
//! NEST names the Gaussian's centre and width `mu` and `sigma`, the same keys as the rate
//! neuron's own mean input and noise amplitude (one key sets both); here they are separate
//! parameters, `centre` and `width`. NEST's width default is 0 (a 0/0 at h = centre); the
//! default here is 1.

use super::lin_rate::Ipn;
use crate::define::*;

crate::model! {
    name: "gauss_rate",
    class: "GaussRateNeuron",
    summary: "Rate unit: emits no spikes; its state x is the output. tau dX = [-lambda X + mu + \
              phi(h)] dt + sqrt(tau) sigma dW, phi(h) = g exp(-(h - centre)^2 / (2 width^2)) (NEST \
              gauss_rate_ipn); exact stochastic exponential Euler update.",
    citation: "Hahne, Dahmen, Schuecker, Frommer, Bolten, Helias & Diesmann (2017) Front. \
               Neuroinform. 11:34; NEST 3.10 gauss_rate / rate_neuron_ipn (defaults)",
    input_unit: "1",
    params: {
        tau: param("ms", 10.0, Positive, "time constant of the rate dynamics"),
        decay: param("1", 1.0, NonNegative, "passive decay rate (NEST's lambda)"),
        sigma: param("1", 1.0, NonNegative, "input noise amplitude"),
        mu: param("1", 0.0, Finite, "mean (constant) input"),
        g: param("1", 1.0, Finite, "gain (peak) of the input function"),
        centre: param("1", 0.0, Finite, "centre of the Gaussian input function (NEST mu)"),
        width: param("1", 1.0, Positive, "width of the Gaussian input function (NEST sigma)"),
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
        let phi = p.g * (-(h - p.centre).powi(2) / (2.0 * p.width * p.width)).exp();
        s.x = c.step(s.x, p.mu + phi, aux);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::lin_rate::testing::{kernel, run};
    use super::*;

    /// Without noise X settles at (mu + g exp(-(h - c)^2 / (2 w^2))) / lambda: h = 1 with
    /// the defaults gives e^{-1/2} = 0.60653; h = 3, c = 1, w = 2 gives the same.
    #[test]
    fn steady_state_is_the_gain_function() {
        let mut k = kernel(&MODEL, &[("sigma", 0.0)], 0.1, 1);
        let (spikes, _) = run(k.as_mut(), 1.0, 3000);
        assert_eq!(spikes, 0);
        assert!((k.var(0)[0] - 0.606_531).abs() < 1e-5, "{}", k.var(0)[0]);
        let given = [("sigma", 0.0), ("centre", 1.0), ("width", 2.0)];
        let mut k = kernel(&MODEL, &given, 0.1, 1);
        run(k.as_mut(), 3.0, 3000);
        assert!((k.var(0)[0] - 0.606_531).abs() < 1e-5, "{}", k.var(0)[0]);
    }
}
