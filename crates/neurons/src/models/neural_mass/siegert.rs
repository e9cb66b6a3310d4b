//! Siegert (1951) / Brunel (2000) transfer function as a rate unit: the stationary firing
//! rate of a leaky integrate-and-fire neuron driven by white noise of mean mu and amplitude
//! sigma (the mean first-passage rate from V_r to theta, Siegert 1951; in the form of
//! Amit & Brunel 1997, Brunel 2000 eq. 21):
//!
//! Phi(mu, sigma) = 1 / (tau_rp + tau_m sqrt(pi) int_{(V_r - mu)/sigma}^{(theta - mu)/sigma}
//!                   exp(u^2) (1 + erf u) du),
//! mu = E_L + (tau_m / C_m)(I + I_e),
//!
//! and the unit's rate relaxes to it: tau dnu/dt = -nu + Phi(mu, sigma). The input current
//! (pA, held over the step) sets mu; sigma (mV) is a parameter. Rate unit: emits no spikes;
//! its state `nu` (Hz) is the output. A delta-synapse weight w adds w to nu (Hz).
//!
//! Numerics: exp(u^2)(1 + erf u) = erfcx(-u) for u <= 0 and 2 exp(u^2) - erfcx(u) for u > 0,
//! with erfcx from the Chebyshev fit of Press et al. (Numerical Recipes, erfcc: relative
//! error < 1.2e-7 everywhere), so that no cancellation or overflow occurs for u << 0; the
//! integral by composite Simpson on steps of at most 0.02 in u (at least 64, at most 200000
//! intervals). For (theta - mu)/sigma > 26 the rate is below 1e-290 Hz and is returned as 0.
//! Phi is recomputed only when mu changes (the last mu and Phi are state). nu relaxes
//! exactly (Phi held over the step).
//!
//! Defaults: Brunel (2000) (tau_m = 20 ms, theta = 20 mV, V_r = 10 mV, tau_rp = 2 ms,
//! potentials relative to rest, E_L = 0), C_m = 250 pF; sigma = 5 mV and tau = 5 ms are
//! illustrative.

use crate::define::*;
use std::f64::consts::PI;

crate::model! {
    name: "siegert",
    class: "SiegertNeuron",
    summary: "Rate unit (emits no spikes; its state nu, Hz, is the output): tau dnu/dt = -nu \
              + Phi(mu, sigma), Phi the LIF mean first-passage rate 1/(tau_rp + tau_m \
              sqrt(pi) int exp(u^2)(1 + erf u) du) from (V_r - mu)/sigma to (theta - \
              mu)/sigma, mu = E_L + (tau_m/C_m)(I + I_e).",
    citation: "Siegert (1951) Phys. Rev. 81:617-623; Amit & Brunel (1997) Cereb. Cortex \
               7:237-252; Brunel (2000) J. Comput. Neurosci. 8:183-208",
    input_unit: "pA",
    params: {
        tau_m: standard::tau_m(20.0),
        c_m: standard::c_m(250.0),
        e_l: param("mV", 0.0, Finite, "resting potential (potentials relative to rest)"),
        theta: param("mV", 20.0, Finite, "firing threshold"),
        v_r: param("mV", 10.0, Finite, "reset potential"),
        tau_rp: param("ms", 2.0, NonNegative, "refractory period"),
        sigma: param("mV", 5.0, Positive, "amplitude of the input fluctuations"),
        tau: param("ms", 5.0, Positive, "relaxation time constant of the rate"),
        i_e: standard::i_e(0.0),
        nu_init: param("Hz", 0.0, NonNegative, "initial rate"),
    },
    state: {
        nu: ("Hz", "firing rate (the output)"),
        mu: ("mV", "mean input of the last step"),
        phi: ("Hz", "Siegert rate Phi(mu, sigma) of the last step"),
    },
    membrane: nu,
    require: [v_r < theta],
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// exp(x^2) erfc(x) for x >= 0 (Press et al., Numerical Recipes, erfcc without its
/// exp(-x^2) factor; relative error < 1.2e-7).
#[inline]
fn erfcx(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    t * (-1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398
                                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
        .exp()
}

/// exp(u^2) (1 + erf u).
#[inline]
fn integrand(u: f64) -> f64 {
    if u <= 0.0 {
        erfcx(-u)
    } else {
        2.0 * (u * u).exp() - erfcx(u)
    }
}

/// The Siegert rate Phi(mu, sigma), Hz.
pub(crate) fn siegert_rate(p: &Parameters, mu: f64) -> f64 {
    let (lo, hi) = ((p.v_r - mu) / p.sigma, (p.theta - mu) / p.sigma);
    if hi > 26.0 {
        return 0.0;
    }
    let n = (((hi - lo) / 0.02).ceil() as usize).clamp(64, 200_000) & !1;
    let h = (hi - lo) / n as f64;
    let mut sum = integrand(lo) + integrand(hi);
    for k in 1..n {
        sum += if k % 2 == 1 { 4.0 } else { 2.0 } * integrand(lo + k as f64 * h);
    }
    let integral = sum * h / 3.0;
    1000.0 / (p.tau_rp + p.tau_m * PI.sqrt() * integral)
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64) {
        (*p, (-dt / p.tau).exp())
    }

    fn init((p, _): &(Parameters, f64)) -> Vars {
        let mu = p.e_l + p.tau_m / p.c_m * p.i_e;
        Vars {
            nu: p.nu_init,
            mu,
            phi: siegert_rate(p, mu),
        }
    }

    #[inline(always)]
    fn step((p, decay): &(Parameters, f64), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let mu = p.e_l + p.tau_m / p.c_m * (input.current + p.i_e);
        if mu.to_bits() != s.mu.to_bits() {
            s.mu = mu;
            s.phi = siegert_rate(p, mu);
        }
        s.nu = s.phi + (s.nu - s.phi) * decay + input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    fn params(given: &[(&str, f64)]) -> Parameters {
        let values: Vec<(&str, crate::ParamValue)> =
            given.iter().map(|&(k, v)| (k, v.into())).collect();
        let p = crate::Params::check(&MODEL, "t", 1, values.iter().map(|(k, v)| (*k, v))).unwrap();
        Parameters::of(&p, 0)
    }

    /// Against an independent numerical integral (erf by its Taylor series, midpoint rule
    /// on 200000 points) at Brunel's parameters: relative error < 1e-5.
    #[test]
    fn matches_a_numerical_integral() {
        let erf = |x: f64| {
            let (mut term, mut sum) = (x, x);
            for n in 1..200 {
                term *= -x * x / n as f64;
                sum += term / (2 * n + 1) as f64;
            }
            2.0 / PI.sqrt() * sum
        };
        let p = params(&[]);
        for mu in [5.0, 15.0, 22.0] {
            let (lo, hi) = ((10.0 - mu) / 5.0, (20.0 - mu) / 5.0);
            let m = 200_000;
            let h = (hi - lo) / m as f64;
            let integral: f64 = (0..m)
                .map(|k| {
                    let u = lo + (k as f64 + 0.5) * h;
                    (u * u).exp() * (1.0 + erf(u)) * h
                })
                .sum();
            let exact = 1000.0 / (2.0 + 20.0 * PI.sqrt() * integral);
            let got = siegert_rate(&p, mu);
            eprintln!("Siegert mu = {mu} mV: {got} Hz vs {exact}");
            assert!((got - exact).abs() < 1e-5 * exact);
        }
    }

    /// Without noise (sigma -> 0) and mu above threshold, Phi is the deterministic LIF rate
    /// 1 / (tau_rp + tau_m ln((mu - V_r)/(mu - theta))): 63.05 Hz at mu = 30 mV (within
    /// 0.5 % at sigma = 0.1 mV).
    #[test]
    fn small_noise_limit_is_the_lif_rate() {
        let p = params(&[("sigma", 0.1)]);
        let lif = 1000.0 / (2.0 + 20.0 * 2f64.ln());
        let got = siegert_rate(&p, 30.0);
        assert!((got - lif).abs() < 0.005 * lif, "{got} vs {lif}");
        assert!(siegert_rate(&p, 15.0) < 1e-100);
    }

    /// The unit's rate relaxes exponentially to Phi of the input (mu = R I = 20 mV at
    /// 250 pA).
    #[test]
    fn rate_relaxes_to_the_transfer_function() {
        let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
        let phi = siegert_rate(&params(&[]), 20.0);
        for step in 1..=200 {
            run(k.as_mut(), 1, 250.0, 0.0);
            let exact = phi * (1.0 - (-(step as f64) * 0.1 / 5.0f64).exp());
            assert!((k.var(0)[0] - exact).abs() < 1e-9 * phi);
        }
    }
}
