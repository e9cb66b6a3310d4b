//! Inhomogeneous Poisson spike source: a rate unit driving a Poisson spike generator. The
//! instantaneous rate is
//!
//! lambda(t) = [rate + I(t)]_+   (Hz),
//!
//! the base rate plus the input current read as a rate in Hz (input unit "Hz": a current
//! stimulus of 30 adds 30 Hz; negative input lowers the rate, clipped at 0). Spikes form an
//! inhomogeneous Poisson process with intensity lambda (Dayan & Abbott 2001, sec. 1.4; the
//! time-rescaling theorem of Brown et al. 2002).
//!
//! # Algorithm
//!
//! Time rescaling: the neuron draws an Exp(1) variate `z` and fires when the integrated rate
//! int lambda dt exhausts it, then draws again. With lambda held over each step this fires
//! in a step with probability 1 - exp(-lambda dt) given the past, i.e. at most one spike per
//! step (events beyond the first in one step are merged, a relative rate loss of about
//! lambda dt / 2: 0.05 % at 10 Hz and 0.1 ms). Draws come only from the neuron's own stream
//! (`aux.rng()`), so spikes depend only on the seed, the neuron's id, its input and dt.
//! `z <= 0` means "draw at the next step" (the initial state). Delta-synapse input is
//! ignored.

use crate::define::*;
use sc_neurocore_core::RngStream;

crate::model! {
    name: "inhomogeneous_poisson",
    class: "InhomogeneousPoissonNeuron",
    summary: "Inhomogeneous Poisson spike source: rate lambda = [rate + I]_+ Hz, the input \
              current read as a rate in Hz; at most one spike per step, with probability \
              1 - exp(-lambda dt) (time rescaling on the neuron's own random stream).",
    citation: "Dayan & Abbott (2001) Theoretical Neuroscience, MIT Press, sec. 1.4; Brown, \
               Barbieri, Ventura, Kass & Frank (2002) Neural Comput. 14:325-346 (time \
               rescaling)",
    input_unit: "Hz",
    params: {
        rate: param("Hz", 0.0, NonNegative, "base rate, to which the input (Hz) is added"),
    },
    state: {
        rate_now: ("Hz", "rate in the last step, [rate + I]_+"),
        z: ("1", "integrated rate left until the next spike (Exp(1) draw; <= 0: draw anew)"),
    },
    membrane: rate_now,
    delta_input: "ignored",
    drive: 200.0,
    stochastic: true,
    build: point,
}

/// One step of a hazard clock: `z` is the integrated hazard left until the next event, an
/// Exp(1) draw (made at each event, and at the first call when `z <= 0`); a step of
/// integrated hazard `big_h` (dimensionless, may be infinite) fires when it exhausts `z`.
/// The step fires with probability 1 - exp(-big_h) whatever the past (a Bernoulli trial per
/// step, one draw per spike); the rest of the step after an event is not used (at most one
/// spike per step).
#[inline]
pub(crate) fn hazard_step(z: &mut f64, big_h: f64, rng: &mut RngStream) -> bool {
    if *z <= 0.0 {
        *z = -rng.uniform_open0().ln();
    }
    if big_h > 0.0 && big_h >= *z {
        *z = -rng.uniform_open0().ln();
        true
    } else {
        *z -= big_h.max(0.0);
        false
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(_: &Parameters) -> Vars {
        Vars::default()
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        s.rate_now = (p.rate + input.current).max(0.0);
        hazard_step(&mut s.z, s.rate_now * input.dt * 1e-3, aux.rng())
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{intervals, kernel, mean_cv, run};
    use super::*;

    /// The count of n neurons over T is binomial with p = 1 - exp(-(rate + I) dt) per step:
    /// within 4 standard deviations (0.9 % of the mean here; a 10 % rate error is 40 sd).
    /// Intervals are geometric (CV sqrt(1 - p) ~ 1).
    #[test]
    fn rate_is_base_plus_input() {
        let (n, dt, steps) = (400, 0.1, 10_000);
        for (base, input) in [(20.0, 30.0), (50.0, -20.0), (0.0, -5.0)] {
            let mut k = kernel(&MODEL, &[("rate", base)], n, dt, 9);
            let trains = run(k.as_mut(), steps, input, 0.0);
            let total: usize = trains.iter().map(Vec::len).sum();
            let lambda: f64 = f64::max(base + input, 0.0);
            let p = -(-lambda * dt * 1e-3f64).exp_m1();
            let trials = (n * steps) as f64;
            let (mean, sd) = (trials * p, (trials * p * (1.0 - p)).sqrt());
            assert!(
                (total as f64 - mean).abs() <= 4.0 * sd,
                "{base} + {input} Hz: {total} vs {mean} +- {sd}"
            );
            if lambda > 0.0 {
                let (_, cv) = mean_cv(&intervals(&trains));
                assert!((cv - (1.0 - p).sqrt()).abs() < 0.03, "CV {cv}");
            }
        }
    }
}
