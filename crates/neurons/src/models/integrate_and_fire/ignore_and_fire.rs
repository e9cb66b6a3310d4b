//! NEST's `ignore_and_fire` benchmarking neuron: it fires at a fixed rate with a fixed
//! phase, ignoring all input (NEST's model for verifying and benchmarking network
//! construction and spike communication; no published dynamics beyond NEST's own docs).
//!
//! The state is the time to the next spike. It starts at phase / rate (0 < phase <= 1); in
//! each step, when it is below half a step the neuron spikes and it is set to one period
//! less one step, otherwise it decreases by one step: NEST's step counter, so the first
//! spike is reported at phase / rate + dt and the following ones every 1 / rate (periods
//! rounded to whole steps). `input.current` and delta-synapse jumps are ignored.

use crate::define::*;
use integrate::whole_steps;

crate::model! {
    name: "ignore_and_fire",
    class: "IgnoreAndFireNeuron",
    summary: "Fires every 1/rate, first after phase/rate, ignoring all input (NEST \
              ignore_and_fire); periods counted in whole steps as NEST.",
    citation: "NEST 3.10 ignore_and_fire (model documentation and defaults; NEST's \
               benchmarking neuron)",
    input_unit: "pA",
    params: {
        rate: param("1/s", 10.0, Positive, "firing rate"),
        phase: param("1", 1.0, Closed(1e-9, 1.0), "initial time to the first spike, in periods"),
    },
    state: {
        t_next: ("ms", "time to the next spike"),
    },
    membrane: t_next,
    delta_input: "ignored (the model ignores all input)",
    no_drive: NoDrive::IgnoresCurrent,
    spontaneous: "fires at its fixed rate whatever its input",
    build: point,
}

impl Dynamics for Model {
    /// (first spike's time, period), both in whole steps, ms.
    type Consts = (f64, f64);

    fn prepare(p: &Parameters, dt: f64) -> (f64, f64) {
        let period = whole_steps(1000.0 / p.rate, dt).max(dt);
        (whole_steps(p.phase * 1000.0 / p.rate, dt), period)
    }

    fn init(&(first, _): &(f64, f64)) -> Vars {
        Vars { t_next: first }
    }

    #[inline(always)]
    fn step(&(_, period): &(f64, f64), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        if s.t_next < 0.5 * input.dt {
            s.t_next = period - input.dt;
            true
        } else {
            s.t_next -= input.dt;
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// NEST's documented behaviour: a constant interval 1/rate whatever the input, first
    /// spike at phase/rate (+ one step, NEST's counter): rate 40/s, phase 0.5 -> 12.5 ms
    /// then every 25 ms, with or without a large current.
    #[test]
    fn fires_at_its_rate_and_phase_ignoring_input() {
        let dt = 0.1;
        for &current in &[0.0, 1e6, -1e6] {
            let times = spike_times(
                &MODEL,
                &[("rate", 40.0), ("phase", 0.5)],
                current,
                dt,
                200.0,
            );
            assert_eq!(times.len(), 8, "{times:?}");
            for (k, &t) in times.iter().enumerate() {
                let expected = 12.5 + dt + 25.0 * k as f64;
                assert!((t - expected).abs() < 1e-6, "{times:?}");
            }
        }
    }
}
