//! Leaky integrate-and-fire neuron driven by white noise (diffusion approximation; Brunel &
//! Hakim 1999, Brunel 2000).
//!
//! tau_m dV/dt = -(V - E_L) + mu + sigma sqrt(tau_m) xi(t) (xi: unit Gaussian white noise);
//! V >= theta -> spike, V = V_reset, clamped for t_ref. mu (mV) is the network's held input
//! plus the constant mean input mu_ext; delta-synapse jumps are added to V after the step.
//! Without a threshold V is an Ornstein-Uhlenbeck process with stationary standard deviation
//! sigma / sqrt(2).
//! Defaults: Brunel (2000) model parameters: tau_m = 20 ms, theta = 20 mV, V_reset = 10 mV,
//! t_ref = 2 ms, potentials from rest (E_L = 0); sigma = 5 mV.
//!
//! Numerics: the exact Ornstein-Uhlenbeck update over each step (Gillespie 1996):
//! V' = V_inf + (V - V_inf) e^{-h/tau} + sigma sqrt((1 - e^{-2h/tau})/2) N(0, 1),
//! with one normal draw per step from the neuron's stream; the threshold is checked at the
//! end of the step (crossings between steps are missed, a bias that vanishes as dt -> 0).

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "stochastic_lif",
    class: "StochasticLIFNeuron",
    summary: "tau_m dV/dt = -(V - E_L) + mu + sigma sqrt(tau_m) xi(t); V >= theta -> spike, \
              V = V_reset, clamped for t_ref. Exact Ornstein-Uhlenbeck update per step.",
    citation: "Brunel & Hakim (1999) Neural Comput. 11:1621-1671; Brunel (2000) J. Comput. \
               Neurosci. 8:183-208 (model and parameters); Gillespie (1996) Phys. Rev. E \
               54:2084 (exact OU update)",
    input_unit: "mV",
    params: {
        tau_m: standard::tau_m(20.0),
        e_l: standard::e_l(0.0),
        theta: standard::v_th(20.0),
        v_reset: standard::v_reset(10.0),
        t_ref: standard::t_ref(2.0),
        mu_ext: param("mV", 0.0, Finite, "constant mean input"),
        sigma: param("mV", 5.0, NonNegative, "noise amplitude (stationary s.d. sigma/sqrt 2)"),
        v_init: standard::v_init(0.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        refractory: ("ms", "refractory time left"),
        noise: ("mV", "noise term of the last step"),
    },
    membrane: v,
    require: [v_reset < theta, v_init < theta],
    drive: 30.0,
    spontaneous: "white-noise input can carry V over threshold with no mean input",
    stochastic: true,
    build: point,
}

/// Constants: parameters, decay, noise scale per step and refractory time.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    decay: f64,
    noise: f64,
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            decay: (-dt / p.tau_m).exp(),
            noise: p.sigma * (-(-2.0 * dt / p.tau_m).exp_m1() / 2.0).sqrt(),
            t_ref: whole_steps(p.t_ref, dt),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            refractory: 0.0,
            noise: 0.0,
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        s.noise = c.noise * aux.rng().normal();
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        let v_inf = c.p.e_l + c.p.mu_ext + input.current;
        s.v = v_inf + (s.v - v_inf) * c.decay + s.noise + input.jump;
        if s.v >= c.p.theta {
            s.v = c.p.v_reset;
            s.refractory = c.t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel};
    use super::*;

    /// With the threshold out of reach, V is an OU process: its stationary mean is
    /// E_L + mu and its variance sigma^2 / 2 = 12.5 mV^2 (exact at any dt; sampled every 20 ms over 200 s).
    #[test]
    fn stationary_variance_is_sigma_squared_over_two() {
        let dt = 0.5;
        let mut k = kernel(&MODEL, &[("theta", 1000.0)], dt);
        let (mut sum, mut sum2, mut n) = (0.0, 0.0, 0.0);
        hold(k.as_mut(), 3.0, 200);
        for _ in 0..10_000 {
            hold(k.as_mut(), 3.0, 40);
            let v = k.var(0)[0];
            sum += v;
            sum2 += v * v;
            n += 1.0;
        }
        let mean = sum / n;
        let var = sum2 / n - mean * mean;
        assert!((mean - 3.0).abs() < 0.2, "{mean}");
        assert!((var - 12.5).abs() < 1.0, "{var}");
    }
}
