//! Poisson process with dead time, one process per neuron (NEST's `ppd_sup_generator` with
//! `n_proc = 1` and no rate modulation): after each spike the neuron is silent for the dead
//! time d, then fires with a constant hazard lambda, chosen so that the mean rate is `rate`:
//!
//! ISI = d + Exp(lambda),   lambda = rate / (1 - rate d),   mean ISI 1/rate,
//! CV = 1 - rate d.
//!
//! # Algorithm
//!
//! Each ISI is drawn exactly from the neuron's own stream (`aux.rng()`); `wait` counts down
//! the time to the next event and the neuron spikes in the step that contains it. The process
//! starts in equilibrium: with probability rate d it is inside a dead time (the time left of
//! it uniform in [0, d]) followed by an Exp(lambda) wait, else in the exponential phase
//! (memoryless: an Exp(lambda) wait). `wait < 0` (the initial state) means "draw the
//! equilibrium wait at the next step". NEST's ppd_sup_generator also offers a sinusoidal rate
//! modulation (`frequency`, `relative_amplitude`), not included here. NEST's defaults (rate 0)
//! give a silent source; here rate = 10 Hz, d = 2 ms. Input is ignored.

use crate::define::*;
use sc_neurocore_core::Error;

crate::model! {
    name: "poisson_dead_time",
    class: "PoissonDeadTimeNeuron",
    summary: "Poisson process with dead time (NEST ppd_sup_generator, one process per \
              neuron): ISI = d + Exp(lambda), lambda = rate / (1 - rate d), so the mean rate \
              is `rate` and the ISI CV is 1 - rate d; started in equilibrium; input ignored.",
    citation: "Deger, Helias, Boucsein & Rotter (2012) J. Comput. Neurosci. 32:443-463 \
               (NEST ppd_sup_generator); Johnson (1996) J. Comput. Neurosci. 3:275-299",
    input_unit: "pA (ignored)",
    params: {
        rate: param("Hz", 10.0, NonNegative, "mean firing rate (below 1/dead_time)"),
        dead_time: param("ms", 2.0, NonNegative, "dead time after each spike"),
    },
    state: {
        wait: ("ms", "time to the next spike (< 0: draw the equilibrium wait at the next step)"),
    },
    membrane: wait,
    delta_input: "ignored",
    validate: rate_below_inverse_dead_time,
    no_drive: NoDrive::IgnoresCurrent,
    spontaneous: "a spike source: fires at `rate` (default 10 Hz) whatever its input",
    stochastic: true,
    build: point,
}

fn rate_below_inverse_dead_time(p: &crate::Params, object: &str) -> sc_neurocore_core::Result<()> {
    let (rate, d) = (p.get("rate"), p.get("dead_time"));
    for i in 0..p.len() {
        if rate.at(i) * d.at(i) * 1e-3 >= 1.0 {
            let field = if rate.uniform().is_some() && d.uniform().is_some() {
                "rate".to_string()
            } else {
                format!("rate[{i}]")
            };
            return Err(Error::out_of_range(
                object,
                field,
                rate.at(i),
                format!("below 1000 / dead_time = {}", 1000.0 / d.at(i)),
            ));
        }
    }
    Ok(())
}

impl Dynamics for Model {
    /// (dead time ms, hazard per ms, rate d)
    type Consts = (f64, f64, f64);

    fn prepare(p: &Parameters, _: f64) -> (f64, f64, f64) {
        let nu_d = p.rate * p.dead_time * 1e-3;
        (p.dead_time, p.rate * 1e-3 / (1.0 - nu_d), nu_d)
    }

    fn init(_: &(f64, f64, f64)) -> Vars {
        Vars { wait: -1.0 }
    }

    #[inline(always)]
    fn step(c: &(f64, f64, f64), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let &(d, lambda, nu_d) = c;
        if lambda <= 0.0 {
            s.wait = f64::MAX;
            return false;
        }
        let rng = aux.rng();
        let exp = |rng: &mut sc_neurocore_core::RngStream| -rng.uniform_open0().ln() / lambda;
        if s.wait < 0.0 {
            let dead = if rng.uniform() < nu_d {
                d * rng.uniform()
            } else {
                0.0
            };
            s.wait = dead + exp(rng);
        }
        s.wait -= input.dt;
        let fired = s.wait <= 0.0;
        while s.wait <= 0.0 {
            s.wait += d + exp(rng);
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{intervals, kernel, mean_cv, run};
    use super::*;

    /// Mean rate = rate (the dead-time compensation) and ISI CV = 1 - rate d, the closed
    /// forms; a dead time ignored would give CV 1 and rate lambda.
    #[test]
    fn rate_and_cv_follow_the_dead_time_formulas() {
        let (n, dt, steps) = (400, 0.05, 20_000);
        for (rate, d) in [(50.0, 5.0), (100.0, 6.0)] {
            let mut k = kernel(&MODEL, &[("rate", rate), ("dead_time", d)], n, dt, 2);
            let trains = run(k.as_mut(), steps, 0.0, 0.0);
            let total: usize = trains.iter().map(Vec::len).sum();
            let expected = n as f64 * rate * steps as f64 * dt * 1e-3;
            let cv_th = 1.0 - rate * d * 1e-3;
            let sd = cv_th * expected.sqrt();
            assert!(
                (total as f64 - expected).abs() < 4.0 * sd + 0.005 * expected,
                "{rate} Hz, d {d}: {total} vs {expected}"
            );
            let (_, cv) = mean_cv(&intervals(&trains));
            assert!((cv - cv_th).abs() < 0.03 * cv_th, "CV {cv} vs {cv_th}");
            assert!(intervals(&trains).iter().all(|&i| i * dt >= d - dt - 1e-9));
        }
    }

    #[test]
    fn rate_times_dead_time_must_be_below_one() {
        let e = crate::Params::check(&MODEL, "p", 1, [("rate", &500.0.into())])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "p: rate = 500 is out of range; valid range: below 1000 / dead_time = 500"
        );
    }
}
