//! Family 1 of the catalogue: rates and inter-spike-interval (ISI) statistics
//! (entries 1–24 of `crate::catalogue`).
//!
//! Every function works on an ascending copy of its train (G3), rejects NaN/inf spikes (G4),
//! returns NaN for an undefined statistic (G8) and an error naming the function, the argument,
//! the value and the valid range for an invalid parameter. Notation as in the spec: `x` is the
//! sorted train, `I = diff(x)` the ISIs, `m = |I|`.

mod bandwidth;
mod instantaneous;
mod special;

pub use bandwidth::optimal_kernel_bandwidth;
pub use instantaneous::{RateKernel, instantaneous_rate};

use rayon::prelude::*;
use sc_neurocore_core::{Error, Result};

use crate::conventions::{
    Binning, check_finite, count_in, in_window, mean_var, positive, sorted_train, window,
};

/// Histograms (and sampled rates) larger than this are refused rather than allocated.
pub(crate) const MAX_BINS: usize = 100_000_000;

/// The ISIs of a sorted train.
fn diffs(x: &[f64]) -> Vec<f64> {
    x.windows(2).map(|w| w[1] - w[0]).collect()
}

/// G3 + G4, then the ISIs.
fn intervals(object: &str, spikes: &[f64]) -> Result<Vec<f64>> {
    Ok(diffs(&sorted_train(object, "spikes", spikes)?))
}

/// A parameter that must be a finite number.
fn finite(object: &str, field: &str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::out_of_range(object, field, value, "a finite number"))
    }
}

/// A parameter that must be finite and >= 0 (refractory periods).
fn non_negative(object: &str, field: &str, value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::out_of_range(object, field, value, "[0, inf)"))
    }
}

/// Optional bounds (`None` = unbounded on that side): both finite, and `t_stop > t_start`
/// when both are given (G5).
fn optional_bounds(object: &str, t_start: Option<f64>, t_stop: Option<f64>) -> Result<(f64, f64)> {
    let lo = match t_start {
        Some(t) => finite(object, "t_start", t)?,
        None => f64::NEG_INFINITY,
    };
    let hi = match t_stop {
        Some(t) => finite(object, "t_stop", t)?,
        None => f64::INFINITY,
    };
    if t_start.is_some() && t_stop.is_some() && hi <= lo {
        return Err(Error::out_of_range(
            object,
            "t_stop",
            hi,
            format!("(t_start = {lo}, inf)"),
        ));
    }
    Ok((lo, hi))
}

/// The mean, NaN for no values.
fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// G6 counts of one train in its window, with the bin-count guard.
fn g6_counts(
    object: &str,
    x: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<(Binning, Vec<i64>)> {
    let (a, b) = window(object, t_start, t_stop, &[x])?;
    let binning = Binning::new(object, a, b, bin_size)?;
    check_bins(object, "bin_size", bin_size, binning.n_bins)?;
    Ok((binning, binning.counts(x)))
}

/// Refuses histograms with more than [`MAX_BINS`] bins (they would not fit in memory).
pub(crate) fn check_bins(object: &str, field: &str, value: f64, n_bins: usize) -> Result<()> {
    if n_bins > MAX_BINS {
        Err(Error::out_of_range(
            object,
            field,
            value,
            format!("values giving at most {MAX_BINS} bins (this gives {n_bins})"),
        ))
    } else {
        Ok(())
    }
}

/// `numpy.histogram(values, edges)` for ascending `edges` (at least two): bin k counts
/// `edges[k] <= v < edges[k+1]`, the last bin is closed, values outside are ignored.
/// `sorted` must be ascending.
pub(crate) fn histogram_with_edges(sorted: &[f64], edges: &[f64]) -> Vec<i64> {
    let nb = edges.len() - 1;
    let cum = |k: usize| -> usize {
        if k == nb {
            sorted.partition_point(|&v| v <= edges[k])
        } else {
            sorted.partition_point(|&v| v < edges[k])
        }
    };
    let mut prev = cum(0);
    (1..=nb)
        .map(|k| {
            let c = cum(k);
            let n = (c - prev) as i64;
            prev = c;
            n
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 1–4: counts and rates
// ---------------------------------------------------------------------------------------------

/// #1 `spike_count(spikes, t_start=None, t_stop=None)`: the number of spikes with
/// `t >= t_start` (when given) and `t <= t_stop` (when given).
pub fn spike_count(spikes: &[f64], t_start: Option<f64>, t_stop: Option<f64>) -> Result<usize> {
    const F: &str = "spike_count";
    check_finite(F, "spikes", spikes)?;
    let (lo, hi) = optional_bounds(F, t_start, t_stop)?;
    Ok(count_in(spikes, lo, hi))
}

/// #2 `firing_rate(spikes, t_start=0.0, t_stop=None, duration=None)`: spikes in
/// `[t_start, t_stop]` per second. `duration` sets `t_stop = t_start + duration`; giving both
/// is an error. An empty train with an explicit window gives 0.0.
pub fn firing_rate(
    spikes: &[f64],
    t_start: f64,
    t_stop: Option<f64>,
    duration: Option<f64>,
) -> Result<f64> {
    const F: &str = "firing_rate";
    check_finite(F, "spikes", spikes)?;
    let t_stop = match (t_stop, duration) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid(
                F,
                "t_stop and duration both given; give one of them (duration sets t_stop = t_start + duration)",
            ));
        }
        (None, Some(d)) => {
            finite(F, "t_start", t_start)?;
            Some(t_start + positive(F, "duration", d)?)
        }
        (t, None) => t,
    };
    // The window's end defaults to the largest spike; the count needs no sorting.
    let last = spikes.iter().copied().reduce(f64::max);
    let (a, b) = window(F, t_start, t_stop, &[last.as_slice()])?;
    Ok(count_in(spikes, a, b) as f64 / (b - a))
}

/// #3 `firing_rates(trains, t_start=0.0, t_stop=None)`: [`firing_rate`] per train over one
/// shared window (`t_stop = None`: the largest spike over all trains).
pub fn firing_rates<T: AsRef<[f64]> + Sync>(
    trains: &[T],
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<Vec<f64>> {
    const F: &str = "firing_rates";
    // Counts need no sorted copies: check each train and take its largest spike (for the
    // default window end) in one pass.
    let lasts: Vec<Option<f64>> = trains
        .par_iter()
        .enumerate()
        .map(|(k, t)| {
            check_finite(F, &format!("trains[{k}]"), t.as_ref())?;
            Ok(t.as_ref().iter().copied().reduce(f64::max))
        })
        .collect::<Result<_>>()?;
    let refs: Vec<&[f64]> = lasts.iter().map(|l| l.as_slice()).collect();
    let (a, b) = window(F, t_start, t_stop, &refs)?;
    Ok(trains
        .par_iter()
        .map(|x| count_in(x.as_ref(), a, b) as f64 / (b - a))
        .collect())
}

/// #4 `binned_firing_rate(spikes, bin_size, t_start=0.0, t_stop=None)`: the G6 bin counts
/// divided by `bin_size` (Hz).
pub fn binned_firing_rate(
    spikes: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<Vec<f64>> {
    const F: &str = "binned_firing_rate";
    let x = sorted_train(F, "spikes", spikes)?;
    let (_, counts) = g6_counts(F, &x, bin_size, t_start, t_stop)?;
    Ok(counts.iter().map(|&c| c as f64 / bin_size).collect())
}

/// #7 `optimal_bin_size(spikes, t_start=0.0, t_stop=None, min_bins=2, max_bins=200)`:
/// Shimazaki & Shinomoto (2007). For `N` in `[min_bins, max_bins]`, `Δ = (t_stop-t_start)/N`,
/// `k` = the G6 counts with bin size `Δ`, `C(Δ) = (2 mean(k) - var(k)) / Δ²` (ddof 0); returns
/// the `Δ` of the smallest `C`, the smallest `N` on a tie (the costs are compared exactly, as
/// the integers `(2 S N - N Q + S²)`, `S = Σk`, `Q = Σk²`, which equal `C·T²`).
pub fn optimal_bin_size(
    spikes: &[f64],
    t_start: f64,
    t_stop: Option<f64>,
    min_bins: usize,
    max_bins: usize,
) -> Result<f64> {
    const F: &str = "optimal_bin_size";
    let x = sorted_train(F, "spikes", spikes)?;
    if min_bins < 1 {
        return Err(Error::out_of_range(F, "min_bins", min_bins, "[1, inf)"));
    }
    if max_bins < min_bins {
        return Err(Error::out_of_range(
            F,
            "max_bins",
            max_bins,
            format!("[min_bins = {min_bins}, inf)"),
        ));
    }
    check_bins(F, "max_bins", max_bins as f64, max_bins)?;
    let (a, b) = window(F, t_start, t_stop, &[&x])?;
    // C(Δ) = (2 mean(k) - var(k)) / Δ² with Δ = T/N is (2 S N - N Q + S²) / T², S = Σk and
    // Q = Σk²: compared exactly in integers, so that mathematical ties (e.g. every spike in
    // one bin, where C = S²/T² for every N) go to the smallest N, not to rounding noise.
    let costs: Vec<i128> = (min_bins..=max_bins)
        .into_par_iter()
        .map(|n| {
            let binning = Binning::new(F, a, b, (b - a) / n as f64)?;
            let (s, q) = binning
                .counts(&x)
                .iter()
                .fold((0i128, 0i128), |(s, q), &c| {
                    (s + c as i128, q + (c as i128) * (c as i128))
                });
            let n = n as i128;
            Ok(2 * s * n - n * q + s * s)
        })
        .collect::<Result<_>>()?;
    let mut best = 0;
    for (i, &c) in costs.iter().enumerate() {
        if c < costs[best] {
            best = i;
        }
    }
    Ok((b - a) / (min_bins + best) as f64)
}

// ---------------------------------------------------------------------------------------------
// 8–15: ISI statistics
// ---------------------------------------------------------------------------------------------

/// #8 `isi(spikes)`: `diff(sort(x))`; empty for fewer than two spikes.
pub fn isi(spikes: &[f64]) -> Result<Vec<f64>> {
    intervals("isi", spikes)
}

/// #9 `isi_mean(spikes)`: `mean(I)`, NaN if `m < 1`.
pub fn isi_mean(spikes: &[f64]) -> Result<f64> {
    Ok(mean(&intervals("isi_mean", spikes)?))
}

/// #10 `isi_median(spikes)`: `median(I)` (the mean of the two middle ISIs for even `m`),
/// NaN if `m < 1`.
pub fn isi_median(spikes: &[f64]) -> Result<f64> {
    let mut d = intervals("isi_median", spikes)?;
    if d.is_empty() {
        return Ok(f64::NAN);
    }
    d.sort_by(f64::total_cmp);
    let m = d.len();
    Ok(if m % 2 == 1 {
        d[m / 2]
    } else {
        (d[m / 2 - 1] + d[m / 2]) / 2.0
    })
}

/// #11 `isi_std(spikes)`: `std(I)` (ddof 0), NaN if `m < 2`.
pub fn isi_std(spikes: &[f64]) -> Result<f64> {
    let d = intervals("isi_std", spikes)?;
    if d.len() < 2 {
        return Ok(f64::NAN);
    }
    Ok(mean_var(&d).1.sqrt())
}

/// #12 `coefficient_of_variation(spikes)`: `std(I) / mean(I)` (ddof 0), NaN if `m < 2`
/// (and NaN for all-zero ISIs, 0/0).
pub fn coefficient_of_variation(spikes: &[f64]) -> Result<f64> {
    let d = intervals("coefficient_of_variation", spikes)?;
    if d.len() < 2 {
        return Ok(f64::NAN);
    }
    let (m, v) = mean_var(&d);
    Ok(v.sqrt() / m)
}

/// `(I_{k+1} - I_k) / (I_{k+1} + I_k)` for consecutive ISI pairs.
fn pair_ratios(d: &[f64]) -> impl Iterator<Item = f64> + '_ {
    d.windows(2).map(|w| (w[1] - w[0]) / (w[0] + w[1]))
}

/// #13 `cv2(spikes)`: Holt et al. (1996),
/// `(2/(m-1)) Σ |I_{k+1} - I_k| / (I_{k+1} + I_k)`, NaN if `m < 2`; two consecutive zero
/// ISIs give NaN (IEEE 0/0).
pub fn cv2(spikes: &[f64]) -> Result<f64> {
    let d = intervals("cv2", spikes)?;
    if d.len() < 2 {
        return Ok(f64::NAN);
    }
    let r: Vec<f64> = pair_ratios(&d).map(f64::abs).collect();
    Ok(2.0 * mean(&r))
}

/// #14 `local_variation(spikes)`: Shinomoto et al. (2003) Lv,
/// `(3/(m-1)) Σ (I_k - I_{k+1})² / (I_k + I_{k+1})²`, NaN if `m < 2`.
pub fn local_variation(spikes: &[f64]) -> Result<f64> {
    let d = intervals("local_variation", spikes)?;
    if d.len() < 2 {
        return Ok(f64::NAN);
    }
    let r: Vec<f64> = pair_ratios(&d).map(|r| r * r).collect();
    Ok(3.0 * mean(&r))
}

/// #15 `revised_local_variation(spikes, refractory_period=0.005)`: Shinomoto et al. (2009)
/// LvR, `(3/(m-1)) Σ (1 - 4 I_k I_{k+1}/(I_k+I_{k+1})²)(1 + 4R/(I_k+I_{k+1}))` with
/// `R = refractory_period` (s, >= 0); NaN if `m < 2`.
pub fn revised_local_variation(spikes: &[f64], refractory_period: f64) -> Result<f64> {
    const F: &str = "revised_local_variation";
    let d = intervals(F, spikes)?;
    let r = non_negative(F, "refractory_period", refractory_period)?;
    if d.len() < 2 {
        return Ok(f64::NAN);
    }
    let s: f64 = d
        .windows(2)
        .map(|w| {
            let t = w[0] + w[1];
            let frac1 = 4.0 * w[0] * w[1] / (t * t);
            let frac2 = 4.0 * r / t;
            (1.0 - frac1) * (1.0 + frac2)
        })
        .sum();
    Ok(3.0 / (d.len() - 1) as f64 * s)
}

// ---------------------------------------------------------------------------------------------
// 16–17: Fano factors
// ---------------------------------------------------------------------------------------------

/// #16 `fano_factor(trains, t_start=None, t_stop=None)`: `var(counts) / mean(counts)`
/// (ddof 0) of the per-train spike counts in the window (bounds as in [`spike_count`]:
/// `None` = unbounded). An empty list or all-zero counts give NaN.
pub fn fano_factor<T: AsRef<[f64]> + Sync>(
    trains: &[T],
    t_start: Option<f64>,
    t_stop: Option<f64>,
) -> Result<f64> {
    const F: &str = "fano_factor";
    let (lo, hi) = optional_bounds(F, t_start, t_stop)?;
    let counts: Vec<f64> = trains
        .par_iter()
        .enumerate()
        .map(|(k, t)| {
            let x = sorted_train(F, &format!("trains[{k}]"), t.as_ref())?;
            Ok(in_window(&x, lo, hi).len() as f64)
        })
        .collect::<Result<_>>()?;
    if counts.iter().all(|&c| c == 0.0) {
        return Ok(f64::NAN);
    }
    let (m, v) = mean_var(&counts);
    Ok(v / m)
}

/// #17 `fano_factor_binned(spikes, bin_size, t_start=0.0, t_stop=None)`: `var(k)/mean(k)`
/// (ddof 0) over the G6 bin counts of one train; NaN when the mean is 0.
pub fn fano_factor_binned(
    spikes: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    const F: &str = "fano_factor_binned";
    let x = sorted_train(F, "spikes", spikes)?;
    let (_, counts) = g6_counts(F, &x, bin_size, t_start, t_stop)?;
    let k: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
    let (m, v) = mean_var(&k);
    Ok(if m == 0.0 { f64::NAN } else { v / m })
}

// ---------------------------------------------------------------------------------------------
// 18–19: ISI histograms
// ---------------------------------------------------------------------------------------------

/// #18 `isi_histogram(spikes, bin_size, max_isi) -> (edges, counts)`:
/// `nb = round(max_isi / bin_size)` (half to even, as Python), `edges = arange(nb+1) * bin_size`,
/// counts as `numpy.histogram(I, edges)` (last bin closed, ISIs beyond the last edge ignored).
/// `nb == 0` is an error.
pub fn isi_histogram(spikes: &[f64], bin_size: f64, max_isi: f64) -> Result<(Vec<f64>, Vec<i64>)> {
    const F: &str = "isi_histogram";
    let mut d = intervals(F, spikes)?;
    positive(F, "bin_size", bin_size)?;
    positive(F, "max_isi", max_isi)?;
    let nb = (max_isi / bin_size).round_ties_even();
    if nb < 1.0 {
        return Err(Error::out_of_range(
            F,
            "max_isi",
            max_isi,
            format!(
                "[bin_size / 2 = {}, inf) (at least one bin)",
                bin_size / 2.0
            ),
        ));
    }
    if nb > MAX_BINS as f64 {
        return Err(Error::out_of_range(
            F,
            "bin_size",
            bin_size,
            format!("values giving at most {MAX_BINS} bins (max_isi / bin_size = {nb})"),
        ));
    }
    let nb = nb as usize;
    let edges: Vec<f64> = (0..=nb).map(|i| i as f64 * bin_size).collect();
    d.sort_by(f64::total_cmp);
    let counts = histogram_with_edges(&d, &edges);
    Ok((edges, counts))
}

/// #19 `log_isi_histogram(spikes, bins_per_decade=10, min_isi=1e-4, max_isi=10.0)`:
/// `nb = round(bins_per_decade · log10(max_isi/min_isi))`,
/// `edges = numpy.logspace(log10(min_isi), log10(max_isi), nb+1)`, counts as
/// `numpy.histogram(I, edges)`. `nb == 0` is an error.
pub fn log_isi_histogram(
    spikes: &[f64],
    bins_per_decade: usize,
    min_isi: f64,
    max_isi: f64,
) -> Result<(Vec<f64>, Vec<i64>)> {
    const F: &str = "log_isi_histogram";
    let mut d = intervals(F, spikes)?;
    if bins_per_decade < 1 {
        return Err(Error::out_of_range(
            F,
            "bins_per_decade",
            bins_per_decade,
            "[1, inf)",
        ));
    }
    positive(F, "min_isi", min_isi)?;
    if !(max_isi.is_finite() && max_isi > min_isi) {
        return Err(Error::out_of_range(
            F,
            "max_isi",
            max_isi,
            format!("(min_isi = {min_isi}, inf)"),
        ));
    }
    let nb = (bins_per_decade as f64 * (max_isi / min_isi).log10()).round_ties_even();
    if nb < 1.0 {
        return Err(Error::out_of_range(
            F,
            "max_isi",
            max_isi,
            format!(
                "values with round(bins_per_decade * log10(max_isi / min_isi)) >= 1 (min_isi = {min_isi}, bins_per_decade = {bins_per_decade})"
            ),
        ));
    }
    if nb > MAX_BINS as f64 {
        return Err(Error::out_of_range(
            F,
            "bins_per_decade",
            bins_per_decade,
            format!("values giving at most {MAX_BINS} bins (this gives {nb})"),
        ));
    }
    let nb = nb as usize;
    let edges: Vec<f64> = crate::conventions::linspace(min_isi.log10(), max_isi.log10(), nb + 1)
        .into_iter()
        .map(|e| 10f64.powf(e))
        .collect();
    d.sort_by(f64::total_cmp);
    let counts = histogram_with_edges(&d, &edges);
    Ok((edges, counts))
}

// ---------------------------------------------------------------------------------------------
// 20–24: other ISI measures
// ---------------------------------------------------------------------------------------------

/// #20 `instantaneous_frequency(spikes)`: `1 / I` (Hz); a zero ISI gives `inf`.
pub fn instantaneous_frequency(spikes: &[f64]) -> Result<Vec<f64>> {
    Ok(intervals("instantaneous_frequency", spikes)?
        .into_iter()
        .map(|i| 1.0 / i)
        .collect())
}

/// #21 `isi_serial_correlation(spikes, lag=1)`: the Pearson correlation of
/// `(I[:-lag], I[lag:])` as `numpy.corrcoef` computes it (clipped to [-1, 1]); NaN if
/// `m < lag + 2` or either side has zero variance. `lag >= 1`.
pub fn isi_serial_correlation(spikes: &[f64], lag: usize) -> Result<f64> {
    const F: &str = "isi_serial_correlation";
    let d = intervals(F, spikes)?;
    if lag < 1 {
        return Err(Error::out_of_range(F, "lag", lag, "[1, inf)"));
    }
    let m = d.len();
    if m < lag + 2 {
        return Ok(f64::NAN);
    }
    let (x, y) = (&d[..m - lag], &d[lag..]);
    let n = x.len();
    let (mx, my) = (mean(x), mean(y));
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        return Ok(f64::NAN);
    }
    let f = 1.0 / (n - 1) as f64;
    let r = sxy * f / (sxx * f).sqrt() / (syy * f).sqrt();
    Ok(r.clamp(-1.0, 1.0))
}

/// #22 `adaptation_index(spikes)`: `mean_k (I_{k+1} - I_k) / (I_{k+1} + I_k)`; NaN if
/// `m < 2`, and 0/0 terms propagate NaN.
pub fn adaptation_index(spikes: &[f64]) -> Result<f64> {
    let d = intervals("adaptation_index", spikes)?;
    if d.len() < 2 {
        return Ok(f64::NAN);
    }
    let r: Vec<f64> = pair_ratios(&d).collect();
    Ok(mean(&r))
}

/// #23 `refractory_violations(spikes, refractory_period=0.002)`: `#{I_k < refractory_period}`
/// (zero ISIs from duplicate spikes count). `refractory_period >= 0`.
pub fn refractory_violations(spikes: &[f64], refractory_period: f64) -> Result<usize> {
    const F: &str = "refractory_violations";
    let d = intervals(F, spikes)?;
    let r = non_negative(F, "refractory_period", refractory_period)?;
    Ok(d.iter().filter(|&&i| i < r).count())
}

/// #24 `time_to_first_spike(spikes, t_start=0.0)`: `min{t >= t_start} - t_start`; NaN when
/// no spike is at or after `t_start`.
pub fn time_to_first_spike(spikes: &[f64], t_start: f64) -> Result<f64> {
    const F: &str = "time_to_first_spike";
    let x = sorted_train(F, "spikes", spikes)?;
    finite(F, "t_start", t_start)?;
    let k = x.partition_point(|&t| t < t_start);
    Ok(x.get(k).map_or(f64::NAN, |&t| t - t_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cv_matches_a_hand_computation() {
        // ISIs 1, 2, 3: mean 2, population std sqrt(2/3).
        let cv = coefficient_of_variation(&[6.0, 0.0, 3.0, 1.0]).unwrap();
        assert!((cv - (2.0f64 / 3.0).sqrt() / 2.0).abs() < 1e-15);
        assert!(coefficient_of_variation(&[]).unwrap().is_nan());
    }

    #[test]
    fn numpy_histogram_semantics() {
        let edges = [0.0, 1.0, 2.0, 3.0];
        let v = [-1.0, 0.0, 0.5, 1.0, 2.5, 3.0, 3.5];
        assert_eq!(histogram_with_edges(&v, &edges), vec![2, 1, 2]);
    }
}
