//! The one time base: the user's `dt` in seconds and the step grid derived from it.

use crate::{Error, Result, ValueRange, check_value};

/// A simulation time grid of fixed step `dt` (seconds). Step `k` covers `[k*dt, (k+1)*dt)`;
/// a spike emitted while integrating step `k` carries the time `(k+1)*dt`, as in NEST.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeGrid {
    dt: f64,
}

/// Steps: a millionth of a step absorbs the binary representation error of decimal times
/// (1.5e-3 / 1e-4 = 15.000000000000002, 1.5e-4 / 1e-4 = 1.4999999999999998).
const GRID_TOL: f64 = 1e-6;

impl TimeGrid {
    /// A grid with step `dt` seconds; `dt` must lie in `(0, 1]` seconds.
    pub fn new(dt: f64) -> Result<Self> {
        check_value("TimeGrid", "dt", dt, ValueRange::Positive)?;
        if dt > 1.0 {
            return Err(Error::out_of_range("TimeGrid", "dt", dt, "(0, 1] s"));
        }
        Ok(TimeGrid { dt })
    }

    /// Step in seconds.
    pub fn dt(&self) -> f64 {
        self.dt
    }

    /// Step in milliseconds (the unit neuron models integrate in).
    pub fn dt_ms(&self) -> f64 {
        self.dt * 1e3
    }

    /// The time at the start of step `k`, in seconds.
    pub fn time_of(&self, step: u64) -> f64 {
        step as f64 * self.dt
    }

    /// Number of steps in a duration of `seconds`, which must be a whole number of steps (as
    /// NEST requires): rounding 0.1 s at dt = 0.03 s to 3 steps would simulate 0.09 s and
    /// report 0.1. Decimal durations that are whole steps up to their binary representation
    /// (1.0 s / 1e-4 s = 10000.000000000002) are.
    pub fn steps_for(&self, seconds: f64) -> Result<u64> {
        check_value("TimeGrid", "duration", seconds, ValueRange::NonNegative)?;
        let steps = self.round_steps(seconds);
        if (seconds / self.dt - steps as f64).abs() > GRID_TOL * (1.0 + steps as f64) {
            let below = steps.min((seconds / self.dt).floor() as u64);
            return Err(Error::out_of_range(
                "TimeGrid",
                "duration",
                seconds,
                format!(
                    "whole multiples of dt = {} s (e.g. {} or {} s)",
                    self.dt,
                    self.time_of(below),
                    self.time_of(below + 1)
                ),
            ));
        }
        Ok(steps)
    }

    /// A synaptic delay in whole steps: rounded to the nearest step, and at least one step
    /// (a spike cannot act within the step that emitted it).
    pub fn delay_steps(&self, seconds: f64) -> Result<usize> {
        check_value("TimeGrid", "delay", seconds, ValueRange::NonNegative)?;
        Ok((self.round_steps(seconds) as usize).max(1))
    }

    fn round_steps(&self, seconds: f64) -> u64 {
        // Nearest step, halves up. The small offset makes values that are a half-step in
        // decimal (0.15 ms at dt = 0.1 ms, 1.4999999999999998 steps in binary) round the same
        // way as those that happen to be exact (2.05 ms = 20.5 steps).
        (seconds / self.dt + GRID_TOL).round() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_and_steps() {
        let g = TimeGrid::new(1e-4).unwrap();
        assert_eq!(g.steps_for(0.5).unwrap(), 5000);
        assert_eq!(g.delay_steps(1.5e-3).unwrap(), 15);
        assert_eq!(g.delay_steps(0.0).unwrap(), 1);
        assert_eq!(g.delay_steps(0.04e-3).unwrap(), 1);
        // Half steps round up however the decimal value is represented in binary.
        assert_eq!(g.delay_steps(0.15e-3).unwrap(), 2);
        assert_eq!(g.delay_steps(1.55e-3).unwrap(), 16);
        assert_eq!(g.delay_steps(2.05e-3).unwrap(), 21);
        assert!((g.time_of(15) - 1.5e-3).abs() < 1e-15);
        assert!((g.dt_ms() - 0.1).abs() < 1e-15);
    }

    #[test]
    fn bad_dt_and_durations_name_the_field() {
        let e = TimeGrid::new(0.0).unwrap_err().to_string();
        assert!(e.contains("dt = 0") && e.contains("(0, inf)"), "{e}");
        assert!(TimeGrid::new(f64::NAN).is_err());
        assert!(
            TimeGrid::new(2.0)
                .unwrap_err()
                .to_string()
                .contains("(0, 1] s")
        );
        let g = TimeGrid::new(1e-3).unwrap();
        let e = g.steps_for(-1.0).unwrap_err().to_string();
        assert!(e.contains("duration = -1"), "{e}");
        assert_eq!(
            TimeGrid::new(0.03)
                .unwrap()
                .steps_for(0.1)
                .unwrap_err()
                .to_string(),
            "TimeGrid: duration = 0.1 is out of range; valid range: whole multiples of dt = \
             0.03 s (e.g. 0.09 or 0.12 s)"
        );
        assert!(TimeGrid::new(0.5).unwrap().steps_for(0.1).is_err());
        let g = TimeGrid::new(1e-4).unwrap();
        assert_eq!(g.steps_for(1.0).unwrap(), 10_000);
        assert_eq!(g.steps_for(0.3).unwrap(), 3_000);
        assert_eq!(g.steps_for(1000.0).unwrap(), 10_000_000);
        assert!(g.delay_steps(f64::INFINITY).is_err());
    }
}
