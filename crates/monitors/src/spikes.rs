//! Spike recording: a growable record per population (or per block of one), and the
//! [`SpikeData`] users read after a run.
//!
//! # Time convention
//!
//! The recorder stores **absolute step numbers**: the network's step counter keeps counting
//! across repeated `run` calls, so a second run continues in time where the first ended. A
//! spike emitted while integrating step `k` has the time `(k + 1)·dt` (the end of the step, as
//! in NEST and as `TimeGrid` documents). A recording that covers the steps `a..b` spans the
//! times `[a·dt, b·dt]`, and every spike in it lies in `(a·dt, b·dt]`. Should a later run use
//! a different `dt`, finish the recorder of the first and [`SpikeData::append`] the next.

use std::ops::Range;

use sc_neurocore_core::{Error, Result, TimeGrid};

/// One step's spikes: `ids[previous end..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    step: u64,
    end: usize,
}

/// Records the spikes of one population, or of one block of its neurons.
///
/// Memory grows with the number of spikes (4 bytes per spike plus 16 per step with spikes).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpikeRecorder {
    offset: u32,
    ids: Vec<u32>,
    runs: Vec<Run>,
}

impl SpikeRecorder {
    /// A recorder for a whole population (ids are the population's local ids).
    pub fn new() -> Self {
        Self::default()
    }

    /// A recorder for the block of a population that starts at neuron `offset`: `record`
    /// takes ids local to the block and stores `offset + id`.
    pub fn with_offset(offset: u32) -> Self {
        SpikeRecorder {
            offset,
            ..Self::default()
        }
    }

    /// The block's first neuron.
    pub fn offset(&self) -> u32 {
        self.offset
    }

    /// Appends the spikes of step `step`: `ids` are the block-local ids that spiked, in
    /// ascending order. Steps are expected in non-decreasing order; anything else is sorted
    /// out when the record is finished or merged. Never fails.
    pub fn record(&mut self, step: u64, ids: &[u32]) {
        if ids.is_empty() {
            return;
        }
        let off = self.offset;
        self.ids.extend(ids.iter().map(|&i| i + off));
        let end = self.ids.len();
        match self.runs.last_mut() {
            Some(r) if r.step == step => r.end = end,
            _ => self.runs.push(Run { step, end }),
        }
    }

    /// Number of spikes recorded.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no spike was recorded.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Forgets every spike (keeps the offset and the allocation).
    pub fn clear(&mut self) {
        self.ids.clear();
        self.runs.clear();
    }

    /// `(step, ids)` of every step with spikes, in recording order.
    pub fn steps(&self) -> impl Iterator<Item = (u64, &[u32])> + '_ {
        let mut start = 0;
        self.runs.iter().map(move |r| {
            let s = &self.ids[start..r.end];
            start = r.end;
            (r.step, s)
        })
    }

    fn is_normalised(&self) -> bool {
        self.runs.windows(2).all(|w| w[0].step < w[1].step)
            && self
                .steps()
                .all(|(_, ids)| ids.windows(2).all(|w| w[0] <= w[1]))
    }

    /// Merges the records of several blocks of one population (or of any pieces of one
    /// record) into one record with offset 0, ordered by (step, id).
    pub fn merge(parts: impl IntoIterator<Item = SpikeRecorder>) -> SpikeRecorder {
        let parts: Vec<SpikeRecorder> = parts.into_iter().collect();
        // (step, first id, part, start, end) of every run.
        let mut runs: Vec<(u64, u32, usize, usize, usize)> = Vec::new();
        for (p, part) in parts.iter().enumerate() {
            let mut start = 0;
            for r in &part.runs {
                runs.push((r.step, part.ids[start], p, start, r.end));
                start = r.end;
            }
        }
        runs.sort_unstable();
        let mut out = SpikeRecorder::new();
        out.ids.reserve(parts.iter().map(SpikeRecorder::len).sum());
        let mut i = 0;
        while i < runs.len() {
            let step = runs[i].0;
            let begin = out.ids.len();
            let mut pieces = 0;
            while i < runs.len() && runs[i].0 == step {
                let (_, _, p, a, b) = runs[i];
                out.ids.extend_from_slice(&parts[p].ids[a..b]);
                pieces += 1;
                i += 1;
            }
            let group = &mut out.ids[begin..];
            if pieces > 1 || !group.is_sorted() {
                group.sort_unstable();
            }
            out.runs.push(Run {
                step,
                end: out.ids.len(),
            });
        }
        out
    }

    /// The spikes of a population of `n` neurons over the recorded steps `steps` on `grid`
    /// (see the module docs for the times).
    pub fn finish(self, grid: &TimeGrid, n: usize, steps: Range<u64>) -> SpikeData {
        let rec = if self.offset == 0 && self.is_normalised() {
            self
        } else {
            SpikeRecorder::merge([self])
        };
        let mut times = Vec::with_capacity(rec.ids.len());
        for (step, ids) in rec.steps() {
            let t = grid.time_of(step + 1);
            times.extend(std::iter::repeat_n(t, ids.len()));
        }
        debug_assert!(rec.ids.iter().all(|&i| (i as usize) < n));
        SpikeData {
            times,
            ids: rec.ids,
            n,
            t_start: grid.time_of(steps.start),
            t_end: grid.time_of(steps.end),
        }
    }
}

/// The spikes of one population: times in seconds and population-local ids, ordered by
/// (time, id), over the span `[t_start, t_end]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SpikeData {
    times: Vec<f64>,
    ids: Vec<u32>,
    n: usize,
    t_start: f64,
    t_end: f64,
}

impl SpikeData {
    /// Builds from parts (e.g. gathered from MPI ranks): `times` and `ids` of equal length,
    /// finite times inside `[t_start, t_end]`, ids below `n`. Sorts by (time, id).
    pub fn from_parts(
        times: Vec<f64>,
        ids: Vec<u32>,
        n: usize,
        t_start: f64,
        t_end: f64,
    ) -> Result<Self> {
        const OBJ: &str = "SpikeData";
        if !(t_start.is_finite() && t_end.is_finite() && t_start <= t_end) {
            return Err(Error::out_of_range(
                OBJ,
                "t_end",
                t_end,
                format!("[t_start = {t_start}, inf) and finite"),
            ));
        }
        if ids.len() != times.len() {
            return Err(Error::shape(
                OBJ,
                "ids",
                ids.len(),
                format!("{} (one per spike time)", times.len()),
            ));
        }
        if let Some(k) = ids.iter().position(|&i| i as usize >= n) {
            return Err(Error::out_of_range(
                OBJ,
                format!("ids[{k}]"),
                ids[k],
                format!("[0, {n})"),
            ));
        }
        if let Some(k) = times
            .iter()
            .position(|t| !(t.is_finite() && (t_start..=t_end).contains(t)))
        {
            return Err(Error::out_of_range(
                OBJ,
                format!("times[{k}]"),
                times[k],
                format!("[{t_start}, {t_end}] s"),
            ));
        }
        let mut pairs: Vec<(f64, u32)> = times.into_iter().zip(ids).collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let (times, ids) = pairs.into_iter().unzip();
        Ok(SpikeData {
            times,
            ids,
            n,
            t_start,
            t_end,
        })
    }

    /// Number of spikes.
    pub fn count(&self) -> usize {
        self.ids.len()
    }

    /// Spike times in seconds, ascending.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Population-local neuron ids, one per spike (ascending within equal times).
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// Number of neurons of the population.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Start of the recorded span in seconds.
    pub fn t_start(&self) -> f64 {
        self.t_start
    }

    /// End of the recorded span in seconds.
    pub fn t_end(&self) -> f64 {
        self.t_end
    }

    /// Length of the recorded span in seconds.
    pub fn duration(&self) -> f64 {
        self.t_end - self.t_start
    }

    /// One ascending list of spike times per neuron (`n` lists).
    pub fn spike_trains(&self) -> Vec<Vec<f64>> {
        let counts = self.counts();
        let mut trains: Vec<Vec<f64>> = counts
            .iter()
            .map(|&c| Vec::with_capacity(c as usize))
            .collect();
        for (&t, &i) in self.times.iter().zip(&self.ids) {
            trains[i as usize].push(t);
        }
        trains
    }

    /// `(times, ids)` for a raster plot (copies, ordered by (time, id)).
    pub fn raster(&self) -> (Vec<f64>, Vec<u32>) {
        (self.times.clone(), self.ids.clone())
    }

    /// Number of spikes of each neuron.
    pub fn counts(&self) -> Vec<u64> {
        let mut c = vec![0u64; self.n];
        for &i in &self.ids {
            c[i as usize] += 1;
        }
        c
    }

    /// Firing rate of each neuron in Hz over the recorded span (zeros for an empty span).
    pub fn rates_hz(&self) -> Vec<f64> {
        let d = self.duration();
        self.counts()
            .into_iter()
            .map(|c| if d > 0.0 { c as f64 / d } else { 0.0 })
            .collect()
    }

    /// Mean firing rate of the population in Hz over the recorded span (0 for an empty span
    /// or population).
    pub fn mean_rate_hz(&self) -> f64 {
        let d = self.duration();
        if d > 0.0 && self.n > 0 {
            self.count() as f64 / (self.n as f64 * d)
        } else {
            0.0
        }
    }

    /// Appends a later recording of the same population (e.g. a run with another `dt`):
    /// its span must start where this one ends (or later); the span becomes
    /// `[self.t_start, later.t_end]`.
    pub fn append(&mut self, later: SpikeData) -> Result<()> {
        const OBJ: &str = "SpikeData::append";
        if later.n != self.n {
            return Err(Error::shape(OBJ, "n", later.n, self.n));
        }
        let tol = 1e-9 * self.t_end.abs().max(1.0);
        if later.t_start < self.t_end - tol {
            return Err(Error::out_of_range(
                OBJ,
                "t_start",
                later.t_start,
                format!("[{}, inf) s (the end of the earlier recording)", self.t_end),
            ));
        }
        self.times.extend(later.times);
        self.ids.extend(later.ids);
        self.t_end = later.t_end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    fn grid() -> TimeGrid {
        TimeGrid::new(1e-3).unwrap()
    }

    #[test]
    fn times_are_end_of_step_and_ordered_by_time_then_id() {
        let mut r = SpikeRecorder::new();
        r.record(0, &[2, 5]);
        r.record(1, &[]);
        r.record(3, &[1]);
        r.record(3, &[4]); // a second call for the same step extends it
        let d = r.finish(&grid(), 6, 0..10);
        assert_eq!(d.count(), 4);
        assert_eq!(d.ids(), &[2, 5, 1, 4]);
        assert_relative_eq!(d.times()[0], 1e-3);
        assert_relative_eq!(d.times()[1], 1e-3);
        assert_relative_eq!(d.times()[2], 4e-3);
        assert_relative_eq!(d.times()[3], 4e-3);
        assert_relative_eq!(d.duration(), 10e-3);
    }

    #[test]
    fn blocks_merge_into_one_record_ordered_by_time_and_id() {
        // Population of 10 in blocks 0..4, 4..7, 7..10 (recorded in any order).
        let mut a = SpikeRecorder::with_offset(0);
        let mut b = SpikeRecorder::with_offset(4);
        let mut c = SpikeRecorder::with_offset(7);
        a.record(5, &[3]);
        b.record(2, &[0, 2]); // neurons 4, 6
        c.record(2, &[1]); // neuron 8
        a.record(2, &[1]);
        c.record(7, &[0, 2]); // neurons 7, 9
        b.record(5, &[1]); // neuron 5
        let merged = SpikeRecorder::merge([c, a, b]);
        let got: Vec<(u64, Vec<u32>)> = merged.steps().map(|(s, i)| (s, i.to_vec())).collect();
        assert_eq!(
            got,
            vec![(2, vec![1, 4, 6, 8]), (5, vec![3, 5]), (7, vec![7, 9])]
        );
        let d = merged.finish(&grid(), 10, 0..8);
        assert_eq!(d.ids(), &[1, 4, 6, 8, 3, 5, 7, 9]);
        assert!(d.times().is_sorted());
    }

    #[test]
    fn out_of_order_steps_are_sorted_when_finished() {
        let mut r = SpikeRecorder::with_offset(2);
        r.record(9, &[0]);
        r.record(4, &[1, 0]);
        let d = r.finish(&grid(), 4, 0..10);
        assert_eq!(d.ids(), &[2, 3, 2]);
        assert_relative_eq!(d.times()[2], 10e-3);
    }

    #[test]
    fn trains_counts_and_rates() {
        let mut r = SpikeRecorder::new();
        for step in 0..100u64 {
            if step % 10 == 9 {
                r.record(step, &[0, 2]); // neurons 0 and 2: 10 spikes each
            }
            if step == 49 {
                r.record(step, &[1]);
            }
        }
        // Recorded steps 0..100 at dt = 1 ms: 0.1 s.
        let d = r.finish(&grid(), 4, 0..100);
        let trains = d.spike_trains();
        assert_eq!(trains.len(), 4);
        assert_eq!(trains[0].len(), 10);
        assert_relative_eq!(trains[0][0], 0.010);
        assert_relative_eq!(trains[0][9], 0.100);
        assert!(trains[0].is_sorted());
        assert_eq!(trains[1], vec![0.05]);
        assert!(trains[3].is_empty());
        assert_eq!(d.counts(), vec![10, 1, 10, 0]);
        let rates = d.rates_hz();
        assert_relative_eq!(rates[0], 100.0, max_relative = 1e-12);
        assert_relative_eq!(rates[1], 10.0, max_relative = 1e-12);
        assert_eq!(rates[3], 0.0);
        assert_relative_eq!(d.mean_rate_hz(), 21.0 / 4.0 / 0.1, max_relative = 1e-12);
        let (t, i) = d.raster();
        assert_eq!((t.len(), i.len()), (21, 21));
    }

    #[test]
    fn continued_runs_continue_in_time() {
        // First run: steps 0..50; second run: steps 50..100 on the same recorder.
        let mut r = SpikeRecorder::new();
        r.record(10, &[0]);
        r.record(60, &[0]);
        let d = r.finish(&grid(), 1, 0..100);
        assert_relative_eq!(d.times()[1], 0.061);
        // A later recording with another dt is appended.
        let mut first = d.clone();
        let mut later = SpikeRecorder::new();
        later.record(1000, &[0]); // at dt = 0.1 ms, step 1000 is 0.1 s
        let g2 = TimeGrid::new(1e-4).unwrap();
        first.append(later.finish(&g2, 1, 1000..2000)).unwrap();
        assert_eq!(first.count(), 3);
        assert_relative_eq!(first.t_end(), 0.2);
        assert_relative_eq!(first.times()[2], 0.1001);
        assert!(first.times().is_sorted());
    }

    #[test]
    fn empty_records_and_spans() {
        let d = SpikeRecorder::new().finish(&grid(), 3, 5..5);
        assert_eq!(d.count(), 0);
        assert_eq!(d.rates_hz(), vec![0.0; 3]);
        assert_eq!(d.mean_rate_hz(), 0.0);
        assert_eq!(d.spike_trains(), vec![Vec::<f64>::new(); 3]);
    }

    #[test]
    fn bad_parts_are_rejected_with_full_messages() {
        let e = SpikeData::from_parts(vec![0.1], vec![3], 3, 0.0, 1.0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "SpikeData: ids[0] = 3 is out of range; valid range: [0, 3)"
        );
        let e = SpikeData::from_parts(vec![0.1, 2.0], vec![0, 1], 3, 0.0, 1.0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "SpikeData: times[1] = 2 is out of range; valid range: [0, 1] s"
        );
        let e = SpikeData::from_parts(vec![0.1], vec![], 3, 0.0, 1.0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "SpikeData: ids has size 0, expected 1 (one per spike time)"
        );
        let d = SpikeData::from_parts(vec![0.5, 0.2, 0.2], vec![0, 2, 1], 3, 0.0, 1.0).unwrap();
        assert_eq!(d.ids(), &[1, 2, 0]);
        let mut a = d.clone();
        let e = a.append(d.clone()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "SpikeData::append: t_start = 0 is out of range; valid range: [1, inf) s (the end \
             of the earlier recording)"
        );
        let other = SpikeData::from_parts(vec![], vec![], 4, 1.0, 2.0).unwrap();
        assert_eq!(
            a.append(other).unwrap_err().to_string(),
            "SpikeData::append: n has size 4, expected 3"
        );
    }
}
