//! The time window in which a stimulus acts: on from `onset`, off from `offset` (seconds),
//! shared by [`StepCurrent`](crate::StepCurrent) and [`PoissonInput`](crate::PoissonInput)
//! so that both round to the grid the same way.
//!
//! # Grid rounding
//!
//! `onset` and `offset` are rounded to the nearest step of the network's grid:
//! `on = round(onset / dt)`, `off = round(offset / dt)` (`off = ∞` for `offset = +inf`). The
//! stimulus acts in the steps `k` with `on <= k < off`, i.e. for the network times
//! `onset <= k·dt < offset` after rounding: on from `onset` (inclusive), off from `offset`
//! (exclusive). A window that rounds to no step at all (`off <= on`) would drop the stimulus
//! silently, so [`Window::check_grid`] rejects it when the network is built.

use sc_neurocore_core::{Error, Result, TimeGrid, ValueRange, check_value};

/// A validated `[onset, offset)` window in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    onset: f64,
    offset: f64,
}

impl Window {
    /// Always on: `[0, inf)`.
    pub const ALWAYS: Window = Window {
        onset: 0.0,
        offset: f64::INFINITY,
    };

    /// `0 <= onset < offset` (`offset = f64::INFINITY`: on for ever); `object` names the
    /// stimulus in messages.
    pub fn new(object: &str, onset: f64, offset: f64) -> Result<Self> {
        check_value(object, "onset", onset, ValueRange::NonNegative)?;
        if offset.is_nan() || offset <= onset {
            return Err(Error::out_of_range(
                object,
                "offset",
                offset,
                format!("({onset}, inf] s (after onset = {onset} s; inf = for ever)"),
            ));
        }
        Ok(Window { onset, offset })
    }

    /// Onset in seconds.
    pub fn onset(&self) -> f64 {
        self.onset
    }

    /// Offset in seconds (`inf` = never off).
    pub fn offset(&self) -> f64 {
        self.offset
    }

    /// The first step on and the first step off again (`None`: never off) on `grid`.
    pub fn steps(&self, grid: &TimeGrid) -> (u64, Option<u64>) {
        let round = |s: f64| (s / grid.dt()).round() as u64;
        let off = self.offset.is_finite().then(|| round(self.offset));
        (round(self.onset), off)
    }

    /// The steps `on..off` (`off = u64::MAX` when never off) on `grid`.
    pub fn step_range(&self, grid: &TimeGrid) -> std::ops::Range<u64> {
        let (on, off) = self.steps(grid);
        on..off.unwrap_or(u64::MAX)
    }

    /// Rejects a window too short to cover one step of `grid` (`object` names the stimulus).
    pub fn check_grid(&self, object: &str, grid: &TimeGrid) -> Result<()> {
        let (on, off) = self.steps(grid);
        match off {
            Some(off) if off <= on => Err(Error::out_of_range(
                object,
                "offset",
                self.offset,
                format!(
                    "[{}, inf] s at dt = {} s (onset = {} s rounds to step {on}, and the \
                     stimulus must cover at least one step)",
                    (on as f64 + 0.5) * grid.dt(),
                    grid.dt(),
                    self.onset
                ),
            )),
            _ => Ok(()),
        }
    }
}
