//! Sinusoidally modulated Poisson spike source, one independent train per neuron (NEST's
//! `sinusoidal_poisson_generator` with `individual_spike_trains = true`):
//!
//! lambda(t) = [rate + amplitude sin(2 pi frequency t + phase)]_+   (Hz),
//!
//! t from the start of the run (ms), phase in degrees. Input is ignored.
//!
//! # Algorithm
//!
//! The modulation's angle is the state `angle` (rad, kept in [0, 2 pi)), advanced by
//! 2 pi frequency dt each step from the network's dt. The integrated rate over a step is
//! exact when rate >= |amplitude| (no clipping): rate dt + amplitude (cos a0 - cos a1) / omega;
//! otherwise the clipped rate is taken at the step's midpoint. Spikes by time rescaling on
//! the neuron's own stream, as `inhomogeneous_poisson`: at most one spike per step, with
//! probability 1 - exp(-int lambda dt) (NEST draws a Poisson count per step and emits it as
//! one spike of that multiplicity; the two agree to O((lambda dt)^2)). NEST's defaults are
//! all 0 (a silent generator); here rate 10 Hz, amplitude 5 Hz, frequency 10 Hz, phase 0.

use super::inhomogeneous_poisson::hazard_step;
use crate::define::*;
use std::f64::consts::TAU;

crate::model! {
    name: "sinusoidal_poisson",
    class: "SinusoidalPoissonNeuron",
    summary: "Poisson spike source with rate [rate + amplitude sin(2 pi f t + phase)]_+ Hz \
              (NEST sinusoidal_poisson_generator, individual trains); at most one spike per \
              step with probability 1 - exp(-int lambda dt); input ignored.",
    citation: "NEST sinusoidal_poisson_generator (Gewaltig & Diesmann 2007, Scholarpedia \
               2(4):1430); Dayan & Abbott (2001) Theoretical Neuroscience, sec. 1.4",
    input_unit: "pA (ignored)",
    params: {
        rate: param("Hz", 10.0, NonNegative, "mean rate"),
        amplitude: param("Hz", 5.0, NonNegative, "amplitude of the rate modulation"),
        frequency: param("Hz", 10.0, NonNegative, "modulation frequency"),
        phase: param("deg", 0.0, Finite, "modulation phase at t = 0"),
    },
    state: {
        angle: ("rad", "modulation angle 2 pi f t + phase, modulo 2 pi"),
        z: ("1", "integrated rate left until the next spike (Exp(1) draw; <= 0: draw anew)"),
    },
    membrane: angle,
    delta_input: "ignored",
    no_drive: NoDrive::IgnoresCurrent,
    spontaneous: "a spike source: fires at the modulated rate (default 10 +- 5 Hz) whatever \
                  its input",
    stochastic: true,
    build: point,
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
            z: 0.0,
        }
    }

    #[inline(always)]
    fn step((p, da): &(Parameters, f64), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let (a0, a1) = (s.angle, s.angle + da);
        let h = input.dt * 1e-3;
        let big_h = if p.rate >= p.amplitude && *da > 0.0 {
            p.rate * h + p.amplitude * (a0.cos() - a1.cos()) * h / da
        } else {
            (p.rate + p.amplitude * (0.5 * (a0 + a1)).sin()).max(0.0) * h
        };
        s.angle = a1.rem_euclid(TAU);
        hazard_step(&mut s.z, big_h, aux.rng())
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// Counts in the rising and falling halves of each period over 20000 neurons against the
    /// closed form: expected sum over steps of 1 - exp(-int lambda dt), with
    /// int lambda = rate dt + amplitude (cos a0 - cos a1) / omega. A 10 % error in the
    /// amplitude moves the first-half count by ~9 standard deviations; the bound is 4.
    #[test]
    fn counts_follow_the_sinusoidal_rate() {
        let (n, dt, steps) = (20_000, 1.0, 1000);
        let (rate, amp, f) = (10.0, 5.0, 10.0);
        let mut k = kernel(&MODEL, &[("rate", rate), ("amplitude", amp)], n, dt, 5);
        let trains = run(k.as_mut(), steps, 0.0, 0.0);
        let half = |step: usize| (step % 100) < 50;
        let mut observed = [0.0f64; 2];
        for t in &trains {
            for &s in t {
                observed[half(s) as usize] += 1.0;
            }
        }
        let mut expected = [0.0f64; 2];
        let omega = TAU * f * 1e-3;
        for s in 0..steps {
            let (a0, a1) = (omega * s as f64, omega * (s + 1) as f64);
            let big_h = rate * 1e-3 + amp * 1e-3 * (a0.cos() - a1.cos()) / omega;
            expected[half(s) as usize] += n as f64 * -(-big_h).exp_m1();
        }
        for h in 0..2 {
            assert!(
                (observed[h] - expected[h]).abs() < 4.0 * expected[h].sqrt(),
                "half {h}: {} vs {}",
                observed[h],
                expected[h]
            );
        }
        // The modulation itself: rising half ~ rate/2f + amplitude/(pi f) spikes per period.
        let per_period = expected[1] / (n as f64 * 10.0);
        assert!((per_period - (0.5 + 5.0 / (std::f64::consts::PI * 10.0))).abs() < 0.005);
    }
}
