//! An arbitrary time-varying current given as samples with its own sampling step.
//!
//! # Sampling
//!
//! The current in network step `k` (network time `t = k·dt`) is sample
//! `i = floor(t / own_dt + 1e-6)` (the small tolerance keeps `t / own_dt` that floating
//! point computes as `2.9999999999999996` on sample 3), held for the whole step. Past the
//! last sample the **last value is held** for ever, as Brian2's `TimedArray` does (it clips
//! the index to the last sample). So a `TimedArray` whose `dt` is twice the network's repeats
//! each sample for two steps, and one whose `dt` is half the network's uses every other
//! sample.
//!
//! A 1-D array (`T` values) gives every neuron the same current and fits any population; a
//! 2-D array (`T × n`, row-major: row = time, column = neuron) gives one current per neuron.

use std::ops::Range;
use std::sync::Arc;

use sc_neurocore_core::{Error, Result, TimeGrid, ValueRange, check_value};

const OBJ: &str = "TimedArray";

/// Tolerance (in samples) when mapping network time to a sample index.
const INDEX_TOL: f64 = 1e-6;

/// A validated time-varying current (user-facing).
///
/// ```
/// use sc_neurocore_stimuli::TimedArray;
///
/// let values: Vec<f64> = (0..500).map(|i| (i as f64 * 0.025).sin() * 3.0).collect();
/// let timed = TimedArray::new(values, 1e-3).unwrap();
/// assert_eq!((timed.len_t(), timed.n()), (500, None));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TimedArray {
    values: Arc<[f64]>,
    len_t: usize,
    n: Option<usize>,
    dt: f64,
}

impl TimedArray {
    /// One current for every neuron: `values[i]` holds from `i·dt` to `(i+1)·dt` seconds
    /// (at least one value, all finite; `dt > 0` seconds).
    pub fn new(values: Vec<f64>, dt: f64) -> Result<Self> {
        check_value(OBJ, "dt", dt, ValueRange::Positive)?;
        if values.is_empty() {
            return Err(Error::shape(OBJ, "values", 0, "at least 1"));
        }
        check_finite(&values, |i| format!("values[{i}]"))?;
        Ok(TimedArray {
            len_t: values.len(),
            values: values.into(),
            n: None,
            dt,
        })
    }

    /// One current per neuron: `values` is `T × n` row-major (`values[i * n + j]` is neuron
    /// `j` at sample `i`), `n >= 1`, `T >= 1`, all finite, `dt > 0` seconds.
    pub fn per_neuron(values: Vec<f64>, n: usize, dt: f64) -> Result<Self> {
        check_value(OBJ, "dt", dt, ValueRange::Positive)?;
        if n == 0 {
            return Err(Error::out_of_range(OBJ, "n", n, "[1, inf)"));
        }
        if values.is_empty() || !values.len().is_multiple_of(n) {
            return Err(Error::shape(
                OBJ,
                "values",
                values.len(),
                format!("a positive multiple of n = {n} (T × n, row-major)"),
            ));
        }
        check_finite(&values, |i| format!("values[{}, {}]", i / n, i % n))?;
        Ok(TimedArray {
            len_t: values.len() / n,
            values: values.into(),
            n: Some(n),
            dt,
        })
    }

    /// Number of samples `T`.
    pub fn len_t(&self) -> usize {
        self.len_t
    }

    /// Number of neurons of a 2-D array; `None` for a 1-D one (fits any population).
    pub fn n(&self) -> Option<usize> {
        self.n
    }

    /// Own sampling step in seconds.
    pub fn dt(&self) -> f64 {
        self.dt
    }

    /// The samples (`T` or `T × n` row-major).
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The sample index used at network time `t` seconds (see the module docs).
    pub fn index_at(&self, t: f64) -> usize {
        let x = (t / self.dt + INDEX_TOL).floor();
        if x <= 0.0 {
            0
        } else {
            (x as usize).min(self.len_t - 1)
        }
    }

    /// The runtime block for `neurons` of the target population on `grid`.
    ///
    /// # Panics
    /// If `neurons` is outside `0..n` of a 2-D array (a caller bug: the engine checks `n`
    /// against the target size first).
    pub fn block(&self, neurons: Range<usize>, grid: &TimeGrid) -> TimedArrayBlock {
        if let Some(n) = self.n {
            assert!(
                neurons.end <= n,
                "TimedArray::block: neurons {neurons:?} outside 0..{n}"
            );
        }
        TimedArrayBlock {
            array: self.clone(),
            neurons,
            net_dt: grid.dt(),
        }
    }
}

fn check_finite(values: &[f64], field: impl Fn(usize) -> String) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(Error::out_of_range(
            OBJ,
            field(i),
            values[i],
            ValueRange::Finite,
        )),
        None => Ok(()),
    }
}

/// The runtime part of a [`TimedArray`] for one contiguous block of neurons (shares the
/// samples, does not copy them).
#[derive(Debug, Clone)]
pub struct TimedArrayBlock {
    array: TimedArray,
    neurons: Range<usize>,
    net_dt: f64,
}

impl TimedArrayBlock {
    /// The neurons of this block.
    pub fn neurons(&self) -> Range<usize> {
        self.neurons.clone()
    }

    /// Adds the current of network step `step` to `out` (one entry per neuron of the block).
    #[inline]
    pub fn add(&mut self, step: u64, out: &mut [f64]) {
        let i = self.array.index_at(step as f64 * self.net_dt);
        match self.array.n {
            None => {
                let v = self.array.values[i];
                out.iter_mut().for_each(|o| *o += v);
            }
            Some(n) => {
                let row = &self.array.values[i * n..(i + 1) * n][self.neurons.clone()];
                out.iter_mut().zip(row).for_each(|(o, v)| *o += v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sampled(a: &TimedArray, net_dt: f64, steps: u64) -> Vec<f64> {
        let g = TimeGrid::new(net_dt).unwrap();
        let mut b = a.block(0..1, &g);
        (0..steps)
            .map(|k| {
                let mut out = [0.0];
                b.add(k, &mut out);
                out[0]
            })
            .collect()
    }

    #[test]
    fn own_dt_twice_the_network_dt_repeats_each_sample() {
        let a = TimedArray::new(vec![0.0, 1.0, 2.0, 3.0], 2e-4).unwrap();
        assert_eq!(
            sampled(&a, 1e-4, 10),
            [0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0]
        );
    }

    #[test]
    fn own_dt_half_the_network_dt_takes_every_other_sample() {
        let a = TimedArray::new((0..8).map(f64::from).collect(), 0.5e-4).unwrap();
        assert_eq!(sampled(&a, 1e-4, 6), [0.0, 2.0, 4.0, 6.0, 7.0, 7.0]);
    }

    #[test]
    fn awkward_ratios_do_not_fall_one_sample_short() {
        // 3·(0.1 ms) / 0.3 ms is 1 - 1 ulp in floating point.
        let a = TimedArray::new((0..100).map(f64::from).collect(), 0.3e-3).unwrap();
        let s = sampled(&a, 0.1e-3, 300);
        for (k, v) in s.iter().enumerate() {
            assert_eq!(*v, ((k / 3) as f64).min(99.0), "step {k}");
        }
        let a = TimedArray::new((0..1000).map(f64::from).collect(), 0.7e-4).unwrap();
        let s = sampled(&a, 0.1e-4, 7000);
        for (k, v) in s.iter().enumerate() {
            assert_eq!(*v, (k / 7) as f64, "step {k}");
        }
    }

    #[test]
    fn per_neuron_array_gives_each_neuron_its_column() {
        // T = 2, n = 3.
        let a = TimedArray::per_neuron(vec![1.0, 2.0, 3.0, 10.0, 20.0, 30.0], 3, 1e-3).unwrap();
        assert_eq!((a.len_t(), a.n()), (2, Some(3)));
        let g = TimeGrid::new(1e-3).unwrap();
        let mut b = a.block(1..3, &g);
        let mut out = [0.0; 2];
        b.add(0, &mut out);
        assert_eq!(out, [2.0, 3.0]);
        let mut out = [0.0; 2];
        b.add(5, &mut out);
        assert_eq!(out, [20.0, 30.0]);
    }

    #[test]
    fn bad_inputs_name_object_field_value_and_range() {
        let msg = |r: Result<TimedArray>| r.unwrap_err().to_string();
        assert_eq!(
            msg(TimedArray::new(vec![1.0], 0.0)),
            "TimedArray: dt = 0 is out of range; valid range: (0, inf)"
        );
        assert_eq!(
            msg(TimedArray::new(vec![], 1e-3)),
            "TimedArray: values has size 0, expected at least 1"
        );
        assert_eq!(
            msg(TimedArray::new(vec![0.0, f64::NAN], 1e-3)),
            "TimedArray: values[1] = NaN is out of range; valid range: any finite number"
        );
        assert_eq!(
            msg(TimedArray::per_neuron(vec![0.0; 5], 2, 1e-3)),
            "TimedArray: values has size 5, expected a positive multiple of n = 2 (T × n, \
             row-major)"
        );
        assert_eq!(
            msg(TimedArray::per_neuron(
                vec![0.0, 1.0, 2.0, f64::INFINITY],
                2,
                1e-3
            )),
            "TimedArray: values[1, 1] = inf is out of range; valid range: any finite number"
        );
        assert_eq!(
            msg(TimedArray::per_neuron(vec![0.0], 0, 1e-3)),
            "TimedArray: n = 0 is out of range; valid range: [1, inf)"
        );
        assert!(msg(TimedArray::new(vec![1.0], f64::NAN)).contains("dt = NaN"));
    }
}
