//! Recording of one state variable of chosen neurons at a fixed interval.
//!
//! # Convention (Brian2's `StateMonitor`)
//!
//! A sample labelled with step `k` holds the values **at the start of step `k`**, i.e. at time
//! `t = k·dt`, before step `k` integrates. Samples are taken at the steps with
//! `k % interval_steps == 0` (absolute step numbers, continuing across repeated runs). A run
//! over the steps `a..b` records the samples of `a..b`: the initial state at `t = a·dt` is
//! recorded, the final state at `b·dt` is not (it is the first sample of the next run).
//!
//! The engine can take a sample either before integrating step `k` or, equivalently, after
//! integrating step `k − 1` (nothing changes the state in between), as long as it passes the
//! step number `k` and only for steps `k` inside the run.

use sc_neurocore_core::{Error, Result, TimeGrid};

use crate::steps::whole_steps;

/// Checks that `variable` is one of the model's recordable variables `known`.
pub fn check_variable(object: &str, variable: &str, known: &[&str]) -> Result<()> {
    if known.contains(&variable) {
        Ok(())
    } else {
        Err(Error::unknown(object, "variable", variable, known))
    }
}

/// Records one variable of a subset of a population's neurons every `interval_steps` steps.
#[derive(Debug, Clone, PartialEq)]
pub struct StateRecorder {
    variable: String,
    indices: Vec<usize>,
    interval_steps: u64,
    steps: Vec<u64>,
    values: Vec<f64>,
}

impl StateRecorder {
    /// Records `variable` of the neurons `indices` (every neuron when `None`; each index
    /// below `n`) of a population of `n`, every `interval` seconds (a whole number `>= 1` of
    /// steps of `grid`; every step when `None`).
    pub fn new(
        variable: impl Into<String>,
        indices: Option<Vec<usize>>,
        n: usize,
        interval: Option<f64>,
        grid: &TimeGrid,
    ) -> Result<Self> {
        let variable = variable.into();
        let object = format!("StateMonitor '{variable}'");
        let indices = match indices {
            None => (0..n).collect(),
            Some(ix) => {
                if let Some(k) = ix.iter().position(|&i| i >= n) {
                    return Err(Error::out_of_range(
                        &object,
                        format!("record[{k}]"),
                        ix[k],
                        format!("[0, {n}) (neurons of the population)"),
                    ));
                }
                ix
            }
        };
        let interval_steps = match interval {
            None => 1,
            Some(s) => whole_steps(&object, "interval", s, grid)?,
        };
        Ok(StateRecorder {
            variable,
            indices,
            interval_steps,
            steps: Vec::new(),
            values: Vec::new(),
        })
    }

    /// The recorded variable.
    pub fn variable(&self) -> &str {
        &self.variable
    }

    /// The recorded neurons (population indices), in column order.
    pub fn indices(&self) -> &[usize] {
        &self.indices
    }

    /// Steps between samples.
    pub fn interval_steps(&self) -> u64 {
        self.interval_steps
    }

    /// Whether step `step` is sampled.
    #[inline]
    pub fn wants(&self, step: u64) -> bool {
        step.is_multiple_of(self.interval_steps)
    }

    /// Records the sample of step `step` if it is due, from the variable of the whole
    /// population (`values[i]` is neuron `i`, at time `step·dt`). Never fails.
    pub fn record(&mut self, step: u64, values: &[f64]) {
        self.record_with(step, |i| values[i]);
    }

    /// As [`StateRecorder::record`], reading neuron `i`'s value as `value_of(i)` (for state
    /// that lives in several blocks).
    pub fn record_with(&mut self, step: u64, mut value_of: impl FnMut(usize) -> f64) {
        if !self.wants(step) {
            return;
        }
        debug_assert!(self.steps.last().is_none_or(|&s| s < step));
        self.steps.push(step);
        self.values
            .extend(self.indices.iter().map(|&i| value_of(i)));
    }

    /// Number of samples taken.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether no sample was taken.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The samples, with times on `grid`.
    pub fn finish(self, grid: &TimeGrid) -> StateData {
        StateData {
            times: self.steps.iter().map(|&s| grid.time_of(s)).collect(),
            variable: self.variable,
            indices: self.indices,
            values: self.values,
        }
    }
}

/// The recorded samples of one variable: `T` times and a `T × k` row-major matrix (row =
/// sample, column = recorded neuron).
#[derive(Debug, Clone, PartialEq)]
pub struct StateData {
    variable: String,
    indices: Vec<usize>,
    times: Vec<f64>,
    values: Vec<f64>,
}

impl StateData {
    /// The variable.
    pub fn variable(&self) -> &str {
        &self.variable
    }

    /// The recorded neurons, in column order.
    pub fn indices(&self) -> &[usize] {
        &self.indices
    }

    /// Sample times in seconds (`step·dt`).
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// All values, `T × k` row-major.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// `(T, k)`: number of samples and of recorded neurons.
    pub fn shape(&self) -> (usize, usize) {
        (self.times.len(), self.indices.len())
    }

    /// The trace of population neuron `neuron` (its first column if recorded twice), or
    /// `None` if it was not recorded.
    pub fn trace(&self, neuron: usize) -> Option<Vec<f64>> {
        let j = self.indices.iter().position(|&i| i == neuron)?;
        Some(self.column(j))
    }

    /// Column `j` (the `j`-th recorded neuron) as a trace over time.
    ///
    /// # Panics
    /// If `j >= k`.
    pub fn column(&self, j: usize) -> Vec<f64> {
        let k = self.indices.len();
        assert!(j < k, "StateData::column: column {j} of {k}");
        self.values.iter().skip(j).step_by(k).copied().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    fn grid() -> TimeGrid {
        TimeGrid::new(1e-4).unwrap()
    }

    #[test]
    fn samples_every_interval_at_the_start_of_the_step() {
        let g = grid();
        let mut r = StateRecorder::new("v", Some(vec![3, 1]), 5, Some(3e-4), &g).unwrap();
        assert_eq!(r.interval_steps(), 3);
        // Population state at the start of step k: v_i = 100 k + i.
        for k in 0..10u64 {
            let v: Vec<f64> = (0..5).map(|i| 100.0 * k as f64 + i as f64).collect();
            r.record(k, &v);
        }
        assert_eq!(r.len(), 4);
        let d = r.finish(&g);
        assert_eq!(d.shape(), (4, 2));
        for (t, want) in d.times().iter().zip([0.0, 3e-4, 6e-4, 9e-4]) {
            assert_relative_eq!(*t, want, max_relative = 1e-12);
        }
        assert_eq!(
            d.values(),
            &[3.0, 1.0, 303.0, 301.0, 603.0, 601.0, 903.0, 901.0]
        );
        assert_eq!(d.trace(1).unwrap(), vec![1.0, 301.0, 601.0, 901.0]);
        assert_eq!(d.column(0), vec![3.0, 303.0, 603.0, 903.0]);
        assert_eq!(d.trace(0), None);
        assert_eq!(d.variable(), "v");
    }

    #[test]
    fn default_records_every_neuron_every_step_and_continues_across_runs() {
        let g = grid();
        let mut r = StateRecorder::new("w", None, 2, None, &g).unwrap();
        assert_eq!(r.indices(), &[0, 1]);
        for k in 0..3 {
            r.record_with(k, |i| (k * 10 + i as u64) as f64);
        }
        // Second run continues at step 3.
        for k in 3..5 {
            r.record_with(k, |i| (k * 10 + i as u64) as f64);
        }
        let d = r.finish(&g);
        assert_eq!(d.shape(), (5, 2));
        assert_relative_eq!(d.times()[4], 4e-4, max_relative = 1e-12);
        assert_eq!(d.trace(1).unwrap(), vec![1.0, 11.0, 21.0, 31.0, 41.0]);
    }

    #[test]
    fn bad_inputs_name_object_field_value_and_range() {
        let g = grid();
        let e = StateRecorder::new("v", Some(vec![0, 7]), 5, None, &g).unwrap_err();
        assert_eq!(
            e.to_string(),
            "StateMonitor 'v': record[1] = 7 is out of range; valid range: [0, 5) (neurons of \
             the population)"
        );
        let e = StateRecorder::new("v", None, 5, Some(2.5e-4), &g).unwrap_err();
        assert_eq!(
            e.to_string(),
            "StateMonitor 'v': interval = 0.00025 is out of range; valid range: a whole number \
             (>= 1) of steps of dt = 0.0001 s"
        );
        let e = StateRecorder::new("v", None, 5, Some(-1.0), &g).unwrap_err();
        assert_eq!(
            e.to_string(),
            "StateMonitor 'v': interval = -1 is out of range; valid range: (0, inf)"
        );
        let e = check_variable(
            "StateMonitor on Population 'exc' (lif)",
            "x",
            &["v", "i_syn"],
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "StateMonitor on Population 'exc' (lif): unknown variable 'x'; known: v, i_syn"
        );
        assert!(check_variable("M", "v", &["v"]).is_ok());
    }
}
