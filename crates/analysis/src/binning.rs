//! Family 10 of the catalogue: binning and utilities (entries 121–127 of `crate::catalogue`).
//! The binning is G6 (`conventions::Binning`, Elephant's `BinnedSpikeTrain(tolerance=1e-8)`).

use rayon::prelude::*;
use sc_neurocore_core::{Error, Result};

use crate::conventions::{Binning, in_window, positive, sorted_train, window};
use crate::rates::check_bins;

/// The window (G5) and the G6 binning, with the bin-count guard.
fn binning(
    object: &str,
    sorted: &[&[f64]],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<Binning> {
    let (a, b) = window(object, t_start, t_stop, sorted)?;
    let binning = Binning::new(object, a, b, bin_size)?;
    check_bins(object, "bin_size", bin_size, binning.n_bins)?;
    Ok(binning)
}

/// #121 `binned_spike_counts(spikes, bin_size, t_start=0.0, t_stop=None) -> int64[n_bins]`:
/// the G6 counts (bins `[t_start + k b, t_start + (k+1) b)`, spikes outside the window or
/// past the last bin dropped).
pub fn binned_spike_counts(
    spikes: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<Vec<i64>> {
    const F: &str = "binned_spike_counts";
    let x = sorted_train(F, "spikes", spikes)?;
    Ok(binning(F, &[&x], bin_size, t_start, t_stop)?.counts(&x))
}

/// #122 `binned_spike_matrix(trains, bin_size, t_start=0.0, t_stop=None) -> int64[N, n_bins]`:
/// [`binned_spike_counts`] per train over one shared window (`t_stop = None`: the largest
/// spike over all trains), one row per train.
pub fn binned_spike_matrix<T: AsRef<[f64]> + Sync>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<Vec<Vec<i64>>> {
    const F: &str = "binned_spike_matrix";
    let xs: Vec<Vec<f64>> = trains
        .par_iter()
        .enumerate()
        .map(|(k, t)| sorted_train(F, &format!("trains[{k}]"), t.as_ref()))
        .collect::<Result<_>>()?;
    let refs: Vec<&[f64]> = xs.iter().map(|x| x.as_slice()).collect();
    let b = binning(F, &refs, bin_size, t_start, t_stop)?;
    Ok(xs.par_iter().map(|x| b.counts(x)).collect())
}

/// #123 `binarize(spikes, bin_size, t_start=0.0, t_stop=None) -> bool[n_bins]`:
/// `binned_spike_counts > 0`.
pub fn binarize(
    spikes: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<Vec<bool>> {
    const F: &str = "binarize";
    let x = sorted_train(F, "spikes", spikes)?;
    let counts = binning(F, &[&x], bin_size, t_start, t_stop)?.counts(&x);
    Ok(counts.into_iter().map(|c| c > 0).collect())
}

/// #124 `bin_edges(t_start, t_stop, bin_size) -> float[n_bins + 1]`:
/// `linspace(t_start, t_start + n_bins·bin_size, n_bins + 1)` with the G6 `n_bins`.
pub fn bin_edges(t_start: f64, t_stop: f64, bin_size: f64) -> Result<Vec<f64>> {
    Ok(binning("bin_edges", &[], bin_size, t_start, Some(t_stop))?.edges())
}

/// #125 `time_slice(spikes, t_start, t_stop)`: the sorted spikes with
/// `t_start <= t <= t_stop` (Neo's `SpikeTrain.time_slice`); `t_stop <= t_start` is an
/// error (G5).
pub fn time_slice(spikes: &[f64], t_start: f64, t_stop: f64) -> Result<Vec<f64>> {
    const F: &str = "time_slice";
    let x = sorted_train(F, "spikes", spikes)?;
    let (a, b) = window(F, t_start, Some(t_stop), &[])?;
    Ok(in_window(&x, a, b).to_vec())
}

/// #126 `merge_spike_trains(trains)`: the sorted concatenation, duplicates kept (empty for
/// an empty list).
pub fn merge_spike_trains<T: AsRef<[f64]>>(trains: &[T]) -> Result<Vec<f64>> {
    const F: &str = "merge_spike_trains";
    let mut all = Vec::with_capacity(trains.iter().map(|t| t.as_ref().len()).sum());
    for (k, t) in trains.iter().enumerate() {
        let t = t.as_ref();
        if let Some(i) = t.iter().position(|v| !v.is_finite()) {
            return Err(Error::out_of_range(
                F,
                format!("trains[{k}][{i}]"),
                t[i],
                "a finite number",
            ));
        }
        all.extend_from_slice(t);
    }
    all.sort_by(f64::total_cmp);
    Ok(all)
}

/// #127 `discretise_spike_times(spikes, sampling_rate, t_start=0.0)`:
/// `floor(t·fs + 1e-8) / fs`, sorted, values below `t_start` set to `t_start`
/// (Elephant's `discretise_spiketimes` without its `t // (1/fs)` artefact).
pub fn discretise_spike_times(
    spikes: &[f64],
    sampling_rate: f64,
    t_start: f64,
) -> Result<Vec<f64>> {
    const F: &str = "discretise_spike_times";
    let x = sorted_train(F, "spikes", spikes)?;
    let fs = positive(F, "sampling_rate", sampling_rate)?;
    if !t_start.is_finite() {
        return Err(Error::out_of_range(
            F,
            "t_start",
            t_start,
            "a finite number",
        ));
    }
    // floor and the clamp are monotone, so the output stays sorted.
    Ok(x.into_iter()
        .map(|t| {
            let d = (t * fs + 1e-8).floor() / fs;
            if d < t_start { t_start } else { d }
        })
        .collect())
}
