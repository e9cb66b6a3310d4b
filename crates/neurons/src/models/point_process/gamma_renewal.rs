//! Gamma-renewal spike source, one process per neuron (NEST's `gamma_sup_generator` with
//! `n_proc = 1` per neuron): inter-spike intervals are independent and Gamma distributed with
//! integer shape k and mean 1/rate,
//!
//! ISI ~ Gamma(k, scale 1/(k rate)),   mean 1/rate,   CV = 1/sqrt(k).
//!
//! k = 1 is the Poisson process; larger k gives more regular trains.
//!
//! # Algorithm
//!
//! Each ISI is drawn exactly (an Erlang variate, the sum of k exponentials of rate k rate)
//! from the neuron's own stream (`aux.rng()`); `wait` counts down the time to the next event
//! and the neuron spikes in the step that contains it (events closer than one step merge into
//! one spike). The process starts in equilibrium, as a renewal process that has been running
//! for ever: the initial wait is Erlang(j, k rate) with the stage j uniform in 1..=k (the
//! stationary forward-recurrence time of an Erlang renewal process). `wait < 0` (the initial
//! state) means "draw the equilibrium wait at the next step". NEST's defaults (rate 0, k = 1)
//! give a silent Poisson source; the defaults here are 10 Hz, k = 2. Input is ignored.

use crate::define::*;
use sc_neurocore_core::{Error, RngStream};

crate::model! {
    name: "gamma_renewal",
    class: "GammaRenewalNeuron",
    summary: "Gamma-renewal spike source (NEST gamma_sup_generator, one process per neuron): \
              ISIs ~ Gamma(shape k, mean 1/rate), CV = 1/sqrt(k), started in equilibrium; \
              input ignored.",
    citation: "Cox (1962) Renewal Theory, Methuen; Deger, Helias, Boucsein & Rotter (2012) \
               J. Comput. Neurosci. 32:443-463 (NEST gamma_sup_generator)",
    input_unit: "pA (ignored)",
    params: {
        rate: param("Hz", 10.0, NonNegative, "mean firing rate"),
        gamma_shape: param("1", 2.0, AtLeast(1.0), "integer shape k of the ISI distribution"),
    },
    state: {
        wait: ("ms", "time to the next spike (< 0: draw the equilibrium wait at the next step)"),
    },
    membrane: wait,
    delta_input: "ignored",
    validate: integer_shape,
    no_drive: NoDrive::IgnoresCurrent,
    spontaneous: "a spike source: fires at `rate` (default 10 Hz) whatever its input",
    stochastic: true,
    build: point,
}

fn integer_shape(p: &crate::Params, object: &str) -> sc_neurocore_core::Result<()> {
    let k = p.get("gamma_shape");
    for i in 0..p.len() {
        let v = k.at(i);
        if v.fract() != 0.0 || v > 1e6 {
            let field = if k.uniform().is_some() {
                "gamma_shape".to_string()
            } else {
                format!("gamma_shape[{i}]")
            };
            return Err(Error::out_of_range(
                object,
                field,
                v,
                "an integer in [1, 1e6]".to_string(),
            ));
        }
    }
    Ok(())
}

/// An Erlang(`stages`, rate `per_ms`) variate in ms; `f64::MAX` for rate 0.
pub(crate) fn erlang(rng: &mut RngStream, stages: u32, per_ms: f64) -> f64 {
    if per_ms <= 0.0 {
        return f64::MAX;
    }
    let sum: f64 = (0..stages).map(|_| -rng.uniform_open0().ln()).sum();
    (sum / per_ms).min(f64::MAX)
}

impl Dynamics for Model {
    type Consts = (u32, f64);

    fn prepare(p: &Parameters, _: f64) -> (u32, f64) {
        let k = p.gamma_shape as u32;
        (k, k as f64 * p.rate * 1e-3)
    }

    fn init(_: &(u32, f64)) -> Vars {
        Vars { wait: -1.0 }
    }

    #[inline(always)]
    fn step(&(k, per_ms): &(u32, f64), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let rng = aux.rng();
        if s.wait < 0.0 {
            let j = 1 + rng.below(k as u64) as u32;
            s.wait = erlang(rng, j, per_ms);
        }
        if s.wait == f64::MAX {
            return false;
        }
        s.wait -= input.dt;
        let fired = s.wait <= 0.0;
        while s.wait <= 0.0 {
            s.wait += erlang(rng, k, per_ms);
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{intervals, kernel, mean_cv, run};
    use super::*;

    /// ISI CV = 1/sqrt(k) and the rate (the equilibrium start makes it stationary from t = 0)
    /// within 4 standard errors; both would fail a 10 % error.
    #[test]
    fn cv_is_one_over_sqrt_k_and_rate_is_rate() {
        let (n, dt, steps) = (500, 0.1, 10_000);
        for (rate, k) in [(20.0, 1.0), (20.0, 4.0), (40.0, 9.0)] {
            let mut kern = kernel(&MODEL, &[("rate", rate), ("gamma_shape", k)], n, dt, 4);
            let trains = run(kern.as_mut(), steps, 0.0, 0.0);
            let total: usize = trains.iter().map(Vec::len).sum();
            let expected = n as f64 * rate * steps as f64 * dt * 1e-3;
            // Counts of a renewal process: variance ~ CV^2 times the mean.
            let sd = (expected / k).sqrt();
            assert!(
                (total as f64 - expected).abs() < 4.0 * sd + 0.01 * expected,
                "rate {rate}, k {k}: {total} vs {expected}"
            );
            let (_, cv) = mean_cv(&intervals(&trains));
            assert!(
                (cv - 1.0 / k.sqrt()).abs() < 0.03 / k.sqrt(),
                "k {k}: CV {cv}"
            );
        }
    }

    #[test]
    fn shape_must_be_an_integer() {
        let e = crate::Params::check(&MODEL, "p", 1, [("gamma_shape", &2.5.into())])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "p: gamma_shape = 2.5 is out of range; valid range: an integer in [1, 1e6]"
        );
    }
}
