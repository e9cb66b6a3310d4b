//! The one time base: the user's `dt` in seconds and the step grid derived from it.

use crate::{Error, Result, ValueRange, check_value};

/// A simulation time grid of fixed step `dt` (seconds). Step `k` covers `[k*dt, (k+1)*dt)`;
/// a spike emitted while integrating step `k` carries the time `(k+1)*dt`, as in NEST.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeGrid {
    dt: f64,
}

/// Relative tolerance used when a duration is not an exact multiple of `dt`
/// (floating point makes 1.5e-3 / 1e-4 = 15.000000000000002).
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

    /// Number of whole steps in `seconds` (rounded to the nearest step).
    pub fn steps_for(&self, seconds: f64) -> Result<u64> {
        check_value("TimeGrid", "duration", seconds, ValueRange::NonNegative)?;
        Ok(self.round_steps(seconds))
    }

    /// A synaptic delay in whole steps: rounded to the nearest step, and at least one step
    /// (a spike cannot act within the step that emitted it).
    pub fn delay_steps(&self, seconds: f64) -> Result<usize> {
        check_value("TimeGrid", "delay", seconds, ValueRange::NonNegative)?;
        Ok((self.round_steps(seconds) as usize).max(1))
    }

    fn round_steps(&self, seconds: f64) -> u64 {
        let x = seconds / self.dt;
        let r = x.round();
        // Values within GRID_TOL of a whole step are that step; others round to nearest.
        if (x - r).abs() <= GRID_TOL * r.max(1.0) {
            r as u64
        } else {
            x.round() as u64
        }
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
        assert!(g.delay_steps(f64::INFINITY).is_err());
    }
}
