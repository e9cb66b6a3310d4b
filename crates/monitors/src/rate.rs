//! Population rate in fixed bins.
//!
//! Bin `b` covers the steps `start + b·bin_steps .. start + (b+1)·bin_steps` (absolute step
//! numbers; `start` is the step the recording began at), i.e. the spikes with times in
//! `(start·dt + b·bin, start·dt + (b+1)·bin]` (a spike of step `k` has time `(k+1)·dt`). Its
//! time is the bin's start, and its rate is `spikes / (n × width)` Hz, where the width is
//! `bin` except for a last bin cut short by the end of the recording, whose width is the part
//! actually recorded.

use sc_neurocore_core::{Error, Result, TimeGrid};

use crate::steps::whole_steps;

const OBJ: &str = "RateMonitor";

/// Counts a population's spikes in bins of a whole number of steps.
#[derive(Debug, Clone, PartialEq)]
pub struct RateRecorder {
    n: usize,
    bin_steps: u64,
    start: u64,
    counts: Vec<u64>,
}

impl RateRecorder {
    /// For a population of `n >= 1` neurons, bins of `bin` seconds (a whole number `>= 1` of
    /// steps of `grid`), starting at step `start`.
    pub fn new(n: usize, bin: f64, grid: &TimeGrid, start: u64) -> Result<Self> {
        if n == 0 {
            return Err(Error::out_of_range(OBJ, "n", n, "[1, inf)"));
        }
        Ok(RateRecorder {
            n,
            bin_steps: whole_steps(OBJ, "bin", bin, grid)?,
            start,
            counts: Vec::new(),
        })
    }

    /// Steps per bin.
    pub fn bin_steps(&self) -> u64 {
        self.bin_steps
    }

    /// Adds `count` spikes emitted in step `step` (may be called several times per step,
    /// e.g. once per block). Steps before the start are ignored. Never fails.
    #[inline]
    pub fn record(&mut self, step: u64, count: usize) {
        if step < self.start {
            return;
        }
        let b = ((step - self.start) / self.bin_steps) as usize;
        if b >= self.counts.len() {
            self.counts.resize(b + 1, 0);
        }
        self.counts[b] += count as u64;
    }

    /// The rates of the recording that ended at step `end` (exclusive) on `grid`.
    pub fn finish(self, grid: &TimeGrid, end: u64) -> RateData {
        let span = end.saturating_sub(self.start);
        let n_bins = span.div_ceil(self.bin_steps) as usize;
        let mut counts = self.counts;
        counts.resize(n_bins.max(counts.len()), 0);
        let mut times = Vec::with_capacity(counts.len());
        let mut rates_hz = Vec::with_capacity(counts.len());
        for (b, &c) in counts.iter().enumerate() {
            let first = self.start + b as u64 * self.bin_steps;
            let last = (first + self.bin_steps).min(end.max(first + 1));
            let width = (last - first) as f64 * grid.dt();
            times.push(grid.time_of(first));
            rates_hz.push(c as f64 / (self.n as f64 * width));
        }
        RateData {
            bin: self.bin_steps as f64 * grid.dt(),
            times,
            rates_hz,
            counts,
        }
    }
}

/// A population rate: one value per bin.
#[derive(Debug, Clone, PartialEq)]
pub struct RateData {
    bin: f64,
    times: Vec<f64>,
    rates_hz: Vec<f64>,
    counts: Vec<u64>,
}

impl RateData {
    /// Nominal bin width in seconds.
    pub fn bin(&self) -> f64 {
        self.bin
    }

    /// Start time of each bin in seconds.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Rate in Hz per bin (spikes / (n × bin width)).
    pub fn rates_hz(&self) -> &[f64] {
        &self.rates_hz
    }

    /// Spike count per bin.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn rates_are_spikes_over_n_times_width() {
        let g = TimeGrid::new(1e-3).unwrap();
        // 10 neurons, 5 ms bins, recording steps 0..12 (last bin 2 ms wide).
        let mut r = RateRecorder::new(10, 5e-3, &g, 0).unwrap();
        assert_eq!(r.bin_steps(), 5);
        for k in 0..12u64 {
            r.record(k, 1); // one spike per step
            r.record(k, if k == 4 { 2 } else { 0 }); // a second block
        }
        let d = r.finish(&g, 12);
        assert_eq!(d.counts(), &[7, 5, 2]);
        assert_relative_eq!(d.times()[1], 5e-3);
        assert_relative_eq!(d.rates_hz()[0], 7.0 / (10.0 * 5e-3), max_relative = 1e-12);
        assert_relative_eq!(d.rates_hz()[1], 100.0, max_relative = 1e-12);
        // Last bin covers 2 ms: 2 spikes / (10 × 2 ms) = 100 Hz.
        assert_relative_eq!(d.rates_hz()[2], 100.0, max_relative = 1e-12);
        assert_relative_eq!(d.bin(), 5e-3);
    }

    #[test]
    fn silent_bins_are_zero_and_bins_start_at_the_recording_start() {
        let g = TimeGrid::new(1e-4).unwrap();
        let mut r = RateRecorder::new(4, 1e-3, &g, 100).unwrap();
        r.record(50, 9); // before the start: ignored
        r.record(125, 4);
        let d = r.finish(&g, 400); // 300 steps: 30 bins
        assert_eq!(d.counts().len(), 30);
        assert_eq!(&d.counts()[..3], &[0, 0, 4]);
        assert_eq!(d.counts().iter().sum::<u64>(), 4);
        assert_relative_eq!(d.times()[0], 0.01, max_relative = 1e-12);
        assert_relative_eq!(d.times()[2], 0.012, max_relative = 1e-12);
        assert_relative_eq!(d.rates_hz()[2], 1000.0, max_relative = 1e-12);
        assert_eq!(d.rates_hz()[0], 0.0);
    }

    #[test]
    fn bad_inputs_name_object_field_value_and_range() {
        let g = TimeGrid::new(1e-3).unwrap();
        assert_eq!(
            RateRecorder::new(0, 1e-3, &g, 0).unwrap_err().to_string(),
            "RateMonitor: n = 0 is out of range; valid range: [1, inf)"
        );
        assert_eq!(
            RateRecorder::new(3, 1.5e-3, &g, 0).unwrap_err().to_string(),
            "RateMonitor: bin = 0.0015 is out of range; valid range: a whole number (>= 1) of \
             steps of dt = 0.001 s"
        );
        assert!(
            RateRecorder::new(3, f64::NAN, &g, 0)
                .unwrap_err()
                .to_string()
                .contains("bin = NaN")
        );
    }
}
