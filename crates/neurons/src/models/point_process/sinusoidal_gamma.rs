//! Sinusoidally modulated gamma spike source, one independent train per neuron (NEST's
//! `sinusoidal_gamma_generator` with `individual_spike_trains = true`): an inhomogeneous
//! gamma process of order k (Barbieri et al. 2001) with instantaneous rate
//!
//! lambda(t) = rate + amplitude sin(2 pi frequency t + phase)   (Hz, 0 <= amplitude <= rate),
//!
//! t from the start of the run (ms), phase in degrees. In the rescaled time
//! Lambda(t) = k int_{t_last}^{t} lambda(s) ds the intervals are Gamma(k, 1) distributed, so
//! NEST's hazard per step is h k lambda(t) Lambda^(k-1) e^(-Lambda) / Gamma(k, Lambda). For
//! constant rate (amplitude 0) the ISIs are Gamma with mean 1/rate and CV = 1/sqrt(k);
//! k = 1 is the Poisson process.
//!
//! # Algorithm
//!
//! Time rescaling, exactly: after each spike a Gamma(k, 1) variate (Marsaglia & Tsang 2000,
//! real k >= 1) is drawn from the neuron's own stream; the state `left` is the rescaled time
//! still to run, decreased each step by the exact integral
//! k [rate dt + amplitude (cos a0 - cos a1) / omega]; the neuron spikes in the step where it
//! reaches 0 (at most one spike per step, as NEST's per-step hazard). As in NEST, the process
//! starts at t = 0 as if a spike had just occurred (Lambda = 0). NEST's defaults are all 0
//! (a silent generator); here rate 10 Hz, amplitude 5 Hz, frequency 10 Hz, order 2. Input
//! is ignored.

use crate::define::*;
use sc_neurocore_core::{Error, RngStream};
use std::f64::consts::TAU;

crate::model! {
    name: "sinusoidal_gamma",
    class: "SinusoidalGammaNeuron",
    summary: "Inhomogeneous gamma spike source of order k with rate rate + amplitude \
              sin(2 pi f t + phase) Hz (NEST sinusoidal_gamma_generator, individual trains): \
              Gamma(k, 1) intervals in the rescaled time k int lambda dt; at most one spike \
              per step; input ignored.",
    citation: "Barbieri, Quirk, Frank, Wilson & Brown (2001) J. Neurosci. Methods 105:25-37; \
               NEST sinusoidal_gamma_generator",
    input_unit: "pA (ignored)",
    params: {
        rate: param("Hz", 10.0, NonNegative, "mean rate"),
        amplitude: param("Hz", 5.0, NonNegative, "amplitude of the rate modulation (<= rate)"),
        frequency: param("Hz", 10.0, NonNegative, "modulation frequency"),
        phase: param("deg", 0.0, Finite, "modulation phase at t = 0"),
        order: param("1", 2.0, Closed(1.0, 1e6), "gamma order k (>= 1; real values allowed)"),
    },
    state: {
        angle: ("rad", "modulation angle 2 pi f t + phase, modulo 2 pi"),
        left: ("1", "rescaled time left until the next spike (< 0: draw anew)"),
    },
    membrane: angle,
    delta_input: "ignored",
    validate: amplitude_at_most_rate,
    no_drive: NoDrive::IgnoresCurrent,
    spontaneous: "a spike source: fires at the modulated rate (default 10 +- 5 Hz) whatever \
                  its input",
    stochastic: true,
    build: point,
}

fn amplitude_at_most_rate(p: &crate::Params, object: &str) -> sc_neurocore_core::Result<()> {
    let (a, r) = (p.get("amplitude"), p.get("rate"));
    for i in 0..p.len() {
        if a.at(i) > r.at(i) {
            let field = if a.uniform().is_some() {
                "amplitude".to_string()
            } else {
                format!("amplitude[{i}]")
            };
            return Err(Error::out_of_range(
                object,
                field,
                a.at(i),
                format!("at most rate = {}", r.at(i)),
            ));
        }
    }
    Ok(())
}

/// A Gamma(`k`, 1) variate, `k >= 1` (Marsaglia & Tsang 2000).
pub(crate) fn gamma_variate(rng: &mut RngStream, k: f64) -> f64 {
    let d = k - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = rng.normal();
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = rng.uniform_open0();
        if u < 1.0 - 0.0331 * x.powi(4) || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
            return d * v;
        }
    }
}

impl Dynamics for Model {
    /// (parameters, angle advance per step, rad)
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64) {
        (*p, TAU * p.frequency * dt * 1e-3)
    }

    fn init((p, _): &(Parameters, f64)) -> Vars {
        Vars {
            angle: p.phase.to_radians().rem_euclid(TAU),
            left: -1.0,
        }
    }

    #[inline(always)]
    fn step((p, da): &(Parameters, f64), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let rng = aux.rng();
        if s.left < 0.0 {
            s.left = gamma_variate(rng, p.order);
        }
        let (a0, a1) = (s.angle, s.angle + da);
        let h = input.dt * 1e-3;
        let mean = if *da > 0.0 {
            p.rate * h + p.amplitude * (a0.cos() - a1.cos()) * h / da
        } else {
            (p.rate + p.amplitude * a0.sin()) * h
        };
        s.angle = a1.rem_euclid(TAU);
        s.left -= p.order * mean.max(0.0);
        let fired = s.left <= 0.0;
        if fired {
            s.left = gamma_variate(rng, p.order);
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{intervals, kernel, mean_cv, run};
    use super::*;

    /// Unmodulated (amplitude 0): ISI CV = 1/sqrt(k) and the rate; modulated (5 Hz on
    /// 20 Hz at 10 Hz, whole periods): the rate. Counts within 4 standard errors plus the
    /// start transient, CV within 3 %; each would fail a 10 % error.
    #[test]
    fn rate_and_cv() {
        let (n, dt, steps) = (400, 0.1, 20_000);
        for (amp, k) in [(0.0, 1.0), (0.0, 4.0), (0.0, 2.5), (5.0, 4.0)] {
            let rate = 20.0;
            let given = [("rate", rate), ("amplitude", amp), ("order", k)];
            let mut kern = kernel(&MODEL, &given, n, dt, 9);
            let trains = run(kern.as_mut(), steps, 0.0, 0.0);
            let total: usize = trains.iter().map(Vec::len).sum();
            let expected = n as f64 * rate * steps as f64 * dt * 1e-3;
            let sd = (expected / k).sqrt();
            assert!(
                (total as f64 - expected).abs() < 4.0 * sd + 0.5 * n as f64,
                "amplitude {amp}, k {k}: {total} vs {expected}"
            );
            if amp == 0.0 {
                let (_, cv) = mean_cv(&intervals(&trains));
                assert!(
                    (cv - 1.0 / k.sqrt()).abs() < 0.03 / k.sqrt(),
                    "k {k}: CV {cv}"
                );
            }
        }
    }

    #[test]
    fn amplitude_above_rate_is_rejected() {
        let e = crate::Params::check(&MODEL, "p", 1, [("amplitude", &20.0.into())])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "p: amplitude = 20 is out of range; valid range: at most rate = 10"
        );
    }
}
