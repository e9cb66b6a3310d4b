//! A current switched on at `onset` and off at `offset`.
//!
//! `onset` and `offset` round to the network's grid as every stimulus window does (see
//! [`Window`]): the current is added in the steps `round(onset/dt) <= k < round(offset/dt)`,
//! held constant over each step it covers; a pulse that covers no step is rejected when the
//! network is built.

use std::ops::Range;

use sc_neurocore_core::{Error, Result, TimeGrid, ValueRange};

use crate::values::{PerBlock, ScalarOrVec};
use crate::window::Window;

const OBJ: &str = "StepCurrent";

/// A validated step-current specification (user-facing).
///
/// ```
/// use sc_neurocore_core::TimeGrid;
/// use sc_neurocore_stimuli::StepCurrent;
///
/// let step = StepCurrent::new(0.1, 0.4, 5.0).unwrap();
/// let grid = TimeGrid::new(1e-3).unwrap();
/// assert_eq!(step.steps(&grid), (100, Some(400)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StepCurrent {
    window: Window,
    amplitude: ScalarOrVec,
    n: Option<usize>,
}

impl StepCurrent {
    /// A current of `amplitude` (finite; one value, or one per neuron) from `onset` to
    /// `offset` seconds (`0 <= onset < offset`; `offset = f64::INFINITY` keeps it on for
    /// ever). A per-neuron amplitude fixes the size `n`; a scalar one fits any population.
    pub fn new(onset: f64, offset: f64, amplitude: impl Into<ScalarOrVec>) -> Result<Self> {
        let window = Window::new(OBJ, onset, offset)?;
        let amplitude = amplitude.into();
        amplitude.check(OBJ, "amplitude", ValueRange::Finite, None)?;
        Ok(StepCurrent {
            window,
            n: amplitude.len(),
            amplitude,
        })
    }

    /// Fixes the number of neurons this current is for (`n >= 1`; must equal the length
    /// of a per-neuron amplitude).
    pub fn with_n(mut self, n: usize) -> Result<Self> {
        if n == 0 {
            return Err(Error::out_of_range(OBJ, "n", n, "[1, inf)"));
        }
        self.amplitude
            .check(OBJ, "amplitude", ValueRange::Finite, Some(n))?;
        self.n = Some(n);
        Ok(self)
    }

    /// Onset in seconds.
    pub fn onset(&self) -> f64 {
        self.window.onset()
    }

    /// Offset in seconds (`inf` = never off).
    pub fn offset(&self) -> f64 {
        self.window.offset()
    }

    /// The amplitude(s).
    pub fn amplitude(&self) -> &ScalarOrVec {
        &self.amplitude
    }

    /// Number of neurons, or `None` when it fits any population.
    pub fn n(&self) -> Option<usize> {
        self.n
    }

    /// The first step on and the first step off again (`None`: never off) on `grid`.
    pub fn steps(&self, grid: &TimeGrid) -> (u64, Option<u64>) {
        self.window.steps(grid)
    }

    /// Rejects a pulse too short to cover one step of `grid`.
    pub fn check_grid(&self, grid: &TimeGrid) -> Result<()> {
        self.window.check_grid(OBJ, grid)
    }

    /// The runtime block for `neurons` of the target population.
    ///
    /// # Panics
    /// If `neurons` is outside a per-neuron amplitude (a caller bug: the engine checks `n`
    /// against the target size first).
    pub fn block(&self, neurons: Range<usize>, grid: &TimeGrid) -> StepCurrentBlock {
        let on = self.window.step_range(grid);
        StepCurrentBlock {
            neurons: neurons.clone(),
            on: on.start,
            off: on.end,
            amplitude: self.amplitude.slice(neurons),
        }
    }
}

/// The runtime part of a [`StepCurrent`] for one contiguous block of neurons.
#[derive(Debug, Clone)]
pub struct StepCurrentBlock {
    neurons: Range<usize>,
    on: u64,
    off: u64,
    amplitude: PerBlock,
}

impl StepCurrentBlock {
    /// The neurons of this block.
    pub fn neurons(&self) -> Range<usize> {
        self.neurons.clone()
    }

    /// Whether the current is on in step `step`.
    #[inline]
    pub fn is_on(&self, step: u64) -> bool {
        self.on <= step && step < self.off
    }

    /// Adds the amplitude to `out` (one entry per neuron of the block) if the current is on
    /// in step `step`.
    #[inline]
    pub fn add(&mut self, step: u64, out: &mut [f64]) {
        if self.is_on(step) {
            self.amplitude.add_to(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_steps(s: &StepCurrent, dt: f64, steps: u64) -> Vec<u64> {
        let g = TimeGrid::new(dt).unwrap();
        let mut b = s.block(0..1, &g);
        (0..steps)
            .filter(|&k| {
                let mut out = [0.0];
                b.add(k, &mut out);
                out[0] != 0.0
            })
            .collect()
    }

    #[test]
    fn on_from_onset_inclusive_to_offset_exclusive() {
        let s = StepCurrent::new(0.1, 0.4, 5.0).unwrap();
        let on = on_steps(&s, 1e-3, 1000);
        assert_eq!(on.first(), Some(&100));
        assert_eq!(on.last(), Some(&399));
        assert_eq!(on.len(), 300);
        // Same pulse at dt = 0.1 ms: steps 1000..4000.
        let on = on_steps(&s, 1e-4, 5000);
        assert_eq!((on[0], *on.last().unwrap(), on.len()), (1000, 3999, 3000));
    }

    #[test]
    fn onset_and_offset_round_to_the_nearest_step() {
        // 0.1004 s -> step 100; 0.1006 s -> step 101 at dt = 1 ms.
        let s = StepCurrent::new(0.1004, 0.1026, 1.0).unwrap();
        assert_eq!(on_steps(&s, 1e-3, 200), vec![100, 101, 102]);
        let s = StepCurrent::new(0.1006, 0.1034, 1.0).unwrap();
        assert_eq!(on_steps(&s, 1e-3, 200), vec![101, 102]);
    }

    #[test]
    fn infinite_offset_stays_on_and_amplitudes_per_neuron_are_added() {
        let s = StepCurrent::new(0.0, f64::INFINITY, vec![1.0, -2.0, 3.0]).unwrap();
        assert_eq!(s.n(), Some(3));
        let g = TimeGrid::new(1e-3).unwrap();
        let mut b = s.block(1..3, &g);
        let mut out = [10.0, 10.0];
        b.add(0, &mut out);
        b.add(u64::MAX - 1, &mut out);
        assert_eq!(out, [6.0, 16.0]);
        assert_eq!(StepCurrent::new(0.0, 1.0, 1.0).unwrap().n(), None);
    }

    #[test]
    fn bad_inputs_name_object_field_value_and_range() {
        let msg = |r: Result<StepCurrent>| r.unwrap_err().to_string();
        assert_eq!(
            msg(StepCurrent::new(-0.1, 0.4, 1.0)),
            "StepCurrent: onset = -0.1 is out of range; valid range: [0, inf)"
        );
        assert_eq!(
            msg(StepCurrent::new(0.4, 0.1, 1.0)),
            "StepCurrent: offset = 0.1 is out of range; valid range: (0.4, inf] s \
             (after onset = 0.4 s; inf = for ever)"
        );
        assert!(msg(StepCurrent::new(0.1, f64::NAN, 1.0)).contains("offset = NaN"));
        assert_eq!(
            msg(StepCurrent::new(0.1, 0.4, f64::INFINITY)),
            "StepCurrent: amplitude = inf is out of range; valid range: any finite number"
        );
        assert_eq!(
            msg(StepCurrent::new(0.1, 0.4, vec![1.0, 2.0])
                .unwrap()
                .with_n(3)),
            "StepCurrent: amplitude has size 2, expected 3 (one per neuron, n = 3)"
        );
        assert_eq!(
            msg(StepCurrent::new(0.1, 0.4, 1.0).unwrap().with_n(0)),
            "StepCurrent: n = 0 is out of range; valid range: [1, inf)"
        );
        let short = StepCurrent::new(0.1, 0.1003, 1.0).unwrap();
        let g = TimeGrid::new(1e-3).unwrap();
        assert_eq!(
            short.check_grid(&g).unwrap_err().to_string(),
            "StepCurrent: offset = 0.1003 is out of range; valid range: [0.1005, inf] s at \
             dt = 0.001 s (onset = 0.1 s rounds to step 100, and the stimulus must cover at \
             least one step)"
        );
        assert!(short.check_grid(&TimeGrid::new(1e-4).unwrap()).is_ok());
    }
}
