//! Linear rate neuron with input noise: NEST's `lin_rate_ipn` (`rate_neuron_ipn` with the
//! linear input function of `lin_rate`; Hahne et al. 2017).
//!
//! tau dX = [-lambda X + mu + phi(h)] dt + sqrt(tau) sigma dW,   phi(h) = g h
//!
//! Rate unit: emits no spikes; its state `x` is the output. h is the summed input of the
//! step (`input.current`, held over the step, plus `input.jump`, which counts for this step
//! only: NEST's rate connections deliver w X_j every step, there is no delta pulse).
//!
//! Numerics, as NEST: the stochastic exponential Euler scheme, exact for h held over the
//! step: X <- P1 X + P2 (mu + phi(h)) + sigma sqrt((1 - e^{-2 lambda dt/tau}) / (2 lambda)) N,
//! P1 = e^{-lambda dt/tau}, P2 = (1 - e^{-lambda dt/tau})/lambda, N a standard normal draw from
//! the neuron's stream (Euler–Maruyama when lambda = 0). NEST's options `mult_coupling`,
//! `linear_summation = false` and `rectify_output` are not modelled (their defaults are).
//! The other NEST rate neurons of this family (`tanh_rate`, `gauss_rate`,
//! `sigmoid_rate_gg_1998`) share this update ([`Ipn`]).

use crate::define::*;

crate::model! {
    name: "lin_rate",
    class: "LinRateNeuron",
    summary: "Rate unit: emits no spikes; its state x is the output. tau dX = [-lambda X + mu + \
              g h] dt + sqrt(tau) sigma dW (NEST lin_rate_ipn); exact stochastic exponential \
              Euler update.",
    citation: "Hahne, Dahmen, Schuecker, Frommer, Bolten, Helias & Diesmann (2017) Front. \
               Neuroinform. 11:34; NEST 3.10 lin_rate / rate_neuron_ipn (defaults)",
    input_unit: "1",
    params: {
        tau: param("ms", 10.0, Positive, "time constant of the rate dynamics"),
        decay: param("1", 1.0, NonNegative, "passive decay rate (NEST's lambda)"),
        sigma: param("1", 1.0, NonNegative, "input noise amplitude"),
        mu: param("1", 0.0, Finite, "mean (constant) input"),
        g: param("1", 1.0, Finite, "gain of the linear input function phi(h) = g h"),
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

/// The propagators of NEST's input-noise rate neurons for steps of `dt`.
#[derive(Debug, Clone, Copy)]
pub struct Ipn {
    p1: f64,
    p2: f64,
    noise: f64,
}

impl Ipn {
    /// Propagators for time constant `tau` (ms), decay `lambda`, noise `sigma`, step `dt`.
    pub fn new(tau: f64, lambda: f64, sigma: f64, dt: f64) -> Ipn {
        if lambda > 0.0 {
            let z = lambda * dt / tau;
            Ipn {
                p1: (-z).exp(),
                p2: -(-z).exp_m1() / lambda,
                noise: sigma * (-0.5 / lambda * (-2.0 * z).exp_m1()).sqrt(),
            }
        } else {
            Ipn {
                p1: 1.0,
                p2: dt / tau,
                noise: sigma * (dt / tau).sqrt(),
            }
        }
    }

    /// One step from `x` with drive `mu + phi(h)`; draws a normal deviate only when the noise
    /// is on.
    pub fn step(&self, x: f64, drive: f64, aux: &mut Aux<'_>) -> f64 {
        let noise = if self.noise > 0.0 {
            self.noise * aux.rng().normal()
        } else {
            0.0
        };
        self.p1 * x + self.p2 * drive + noise
    }
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
        s.x = c.step(s.x, p.mu + p.g * h, aux);
        false
    }
}

/// Test helpers for the rate family.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// A one-neuron kernel of `model` with parameters `given` at step `dt` ms and `seed`.
    pub(crate) fn kernel(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        dt: f64,
        seed: u64,
    ) -> Box<dyn NeuronKernel> {
        let values: Vec<(&str, ParamValue)> = given
            .iter()
            .map(|&(k, v)| (k, ParamValue::Scalar(v)))
            .collect();
        let params = Params::check(model, "test", 1, values.iter().map(|(k, v)| (*k, v)))
            .unwrap_or_else(|e| panic!("{e}"));
        (model.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: dt,
            seed,
            first_id: 0,
        })
    }

    /// Steps `k` `steps` times under constant input `h`; returns the number of spikes and
    /// the time average of state variable 0.
    pub(crate) fn run(k: &mut dyn NeuronKernel, h: f64, steps: usize) -> (usize, f64) {
        let input = StepInput {
            jump: &[0.0],
            current: &[h],
        };
        let (mut spikes, mut sum) = (Vec::new(), 0.0);
        for _ in 0..steps {
            k.step(&input, &mut spikes);
            sum += k.var(0)[0];
        }
        (spikes.len(), sum / steps as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{kernel, run};
    use super::*;

    /// Without noise X relaxes exactly to (mu + g h) / lambda: X(t) = X_inf (1 - e^{-lambda
    /// t / tau}); checked at t = tau (1 - 1/e of the way) and at steady state.
    #[test]
    fn noiseless_relaxation_is_exact() {
        let given = [("sigma", 0.0), ("mu", 0.5), ("g", 2.0)];
        let mut k = kernel(&MODEL, &given, 0.1, 1);
        let (spikes, _) = run(k.as_mut(), 0.75, 100);
        let x_inf = 0.5 + 2.0 * 0.75;
        let expected = x_inf * (1.0 - (-1.0f64).exp());
        assert_eq!(spikes, 0);
        assert!((k.var(0)[0] - expected).abs() < 1e-12, "{}", k.var(0)[0]);
        run(k.as_mut(), 0.75, 2000);
        assert!((k.var(0)[0] - x_inf).abs() < 1e-8);
    }

    /// With noise X is an Ornstein–Uhlenbeck process: stationary mean (mu + g h)/lambda and
    /// variance sigma^2 / (2 lambda) (Gardiner, Handbook of Stochastic Methods, 4.4.4).
    #[test]
    fn noise_gives_the_ornstein_uhlenbeck_variance() {
        let given = [("sigma", 1.0), ("decay", 2.0)];
        let mut k = kernel(&MODEL, &given, 0.5, 3);
        run(k.as_mut(), 1.0, 200);
        let input = crate::StepInput {
            jump: &[0.0],
            current: &[1.0],
        };
        let (n, mut sum, mut sq) = (200_000, 0.0, 0.0);
        let mut spikes = Vec::new();
        for _ in 0..n {
            k.step(&input, &mut spikes);
            let x = k.var(0)[0];
            sum += x;
            sq += x * x;
        }
        let mean = sum / n as f64;
        let var = sq / n as f64 - mean * mean;
        assert!(spikes.is_empty());
        assert!((mean - 0.5).abs() < 0.03, "mean {mean}");
        assert!((var - 0.25).abs() < 0.025, "variance {var}");
    }
}
