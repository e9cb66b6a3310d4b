//! Perfect integrate-and-fire neuron with white-noise input: the random-walk (Wiener process
//! with drift) model of Gerstein & Mandelbrot (1964).
//!
//! dV/dt = (I + I_e)/C_m + sigma xi(t) (xi: unit Gaussian white noise, sigma in
//! mV/sqrt(ms)); V >= V_th -> spike, V = V_reset. The interspike intervals are inverse
//! Gaussian (Gerstein & Mandelbrot 1964): mean (V_th - V_reset)/mu and variance
//! (V_th - V_reset) sigma^2 / mu^3 for the drift mu = (I + I_e)/C_m.
//! Defaults: the membrane of `perfect_if` (C_m = 250 pF, V_th = -55 mV, V_reset = -70 mV)
//! and sigma = 1 mV/sqrt(ms) (the paper's model is dimensionless; its drift and diffusion
//! are fitted per cell).
//!
//! Numerics: the exact update V += h mu + sigma sqrt(h) N(0, 1) per step (one normal draw
//! from the neuron's stream); the threshold is checked at the end of the step. Delta-synapse
//! jumps are added to V after the step. No refractory period.

use crate::define::*;

crate::model! {
    name: "stochastic_if",
    class: "StochasticIFNeuron",
    summary: "dV/dt = (I + I_e)/C_m + sigma xi(t) (random walk with drift); V >= V_th -> spike, \
              V = V_reset. Inverse-Gaussian intervals. Exact update per step.",
    citation: "Gerstein & Mandelbrot (1964) Random walk models for the spike activity of a \
               single neuron, Biophys. J. 4:41-68",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(250.0),
        v_th: standard::v_th(-55.0),
        v_reset: standard::v_reset(-70.0),
        sigma: param("mV/sqrt(ms)", 1.0, NonNegative, "noise amplitude"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        noise: ("mV", "noise increment of the last step, sigma sqrt(h) N(0, 1)"),
    },
    membrane: v,
    require: [v_reset < v_th, v_init < v_th],
    drive: 500.0,
    spontaneous: "the unbiased random walk crosses any threshold eventually",
    stochastic: true,
    build: point,
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64) {
        (*p, p.sigma * dt.sqrt())
    }

    fn init((p, _): &(Parameters, f64)) -> Vars {
        Vars {
            v: p.v_init,
            noise: 0.0,
        }
    }

    #[inline(always)]
    fn step((p, noise): &(Parameters, f64), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        s.noise = noise * aux.rng().normal();
        s.v += input.dt * (input.current + p.i_e) / p.c_m + s.noise + input.jump;
        if s.v >= p.v_th {
            s.v = p.v_reset;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// 500 pA: drift 2 mV/ms, distance 15 mV: mean interval 7.5 ms and variance
    /// 15 * 1 / 8 = 1.875 ms^2 (inverse Gaussian), over 10 s.
    #[test]
    fn intervals_are_inverse_gaussian() {
        let dt = 0.01;
        let times = spike_times(&MODEL, &[], 500.0, dt, 10_000.0);
        let isi: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
        let n = isi.len() as f64;
        let mean = isi.iter().sum::<f64>() / n;
        let var = isi.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        assert!((mean - 7.5).abs() < 0.15, "{mean}");
        assert!((var - 1.875).abs() < 0.19, "{var}");
    }
}
