//! Catalogue family 2, "Correlation & synchrony" (entries 25–41 of `crate::catalogue`):
//! binned Pearson correlation and covariance (pairs and all-pairs matrices), the
//! cross-correlation histogram and its coefficient, unbinned correlograms, the spike time
//! tiling coefficient, the autocorrelation timescale, coincidence counts and factor, event
//! synchronization and Spike-contrast.
//!
//! Conventions: spike trains are `&[f64]` in seconds, in any order (G3); a NaN or ±inf spike
//! is an error (G4); windowed functions take `t_start` (Python default `0.0`) and
//! `t_stop: Option<f64>` (`None` = the largest spike over the trains passed, G5); binning is
//! the Elephant rule (G6, [`Binning`]); undefined statistics are NaN (G8).
//!
//! Matrices are returned as a [`SquareMatrix`] (`n × n`, row-major `data`). All-pairs matrices
//! are computed in parallel with rayon; every entry is computed independently, so the result
//! does not depend on the number of threads.
//!
//! Exactness: the binned correlation and covariance are computed from integer sums
//! (`L·Σ b_a b_b − N_a N_b`, exact in `i128`) and rounded once, so they agree with
//! `numpy.corrcoef` / `numpy.cov` to a few ulps, a zero correlation is exactly 0, and a
//! zero-variance train is detected exactly.

use rayon::prelude::*;
use sc_neurocore_core::{Error, Result};

use crate::conventions::{Binning, in_window, positive, sorted_train, sorted_trains, window};

// ------------------------------------------------------------------------------ shared types

/// An `n × n` matrix of `f64`, row-major: entry `(i, j)` is `data[i * n + j]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SquareMatrix {
    /// Number of rows (= number of columns).
    pub n: usize,
    /// The `n * n` entries, row after row.
    pub data: Vec<f64>,
}

impl SquareMatrix {
    /// Entry `(i, j)`. Panics when `i` or `j` is `>= n`.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        assert!(
            i < self.n && j < self.n,
            "index ({i}, {j}) out of {0}x{0}",
            self.n
        );
        self.data[i * self.n + j]
    }

    /// Row `i` as a slice. Panics when `i >= n`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.n..(i + 1) * self.n]
    }

    /// Builds a symmetric matrix in parallel: `diag(i)` on the diagonal, `off(i, j)` (i < j)
    /// mirrored below it.
    pub(crate) fn symmetric(
        object: &str,
        n: usize,
        diag: impl Fn(usize) -> f64 + Sync,
        off: impl Fn(usize, usize) -> f64 + Sync,
    ) -> Result<Self> {
        let mut data = try_filled(object, "matrix entries", n.saturating_mul(n), 0.0)?;
        let rows: Vec<Vec<f64>> = (0..n)
            .into_par_iter()
            .map(|i| {
                (i..n)
                    .map(|j| if i == j { diag(i) } else { off(i, j) })
                    .collect()
            })
            .collect();
        for (i, row) in rows.into_iter().enumerate() {
            for (k, v) in row.into_iter().enumerate() {
                let j = i + k;
                data[i * n + j] = v;
                data[j * n + i] = v;
            }
        }
        Ok(SquareMatrix { n, data })
    }
}

/// G6 bin counts of one train, stored sparsely: the non-empty bins in ascending order.
#[derive(Debug, Clone, Default)]
pub(crate) struct SparseCounts {
    /// Indices of the non-empty bins, ascending.
    pub bins: Vec<usize>,
    /// Counts of those bins (1 everywhere when binarized).
    pub counts: Vec<i64>,
    /// Σ counts.
    pub total: i64,
    /// Σ counts².
    pub sum_sq: i64,
}

impl SparseCounts {
    /// Bins a sorted train (spikes outside the window, or past the last bin, are dropped).
    pub fn new(b: &Binning, sorted: &[f64], binary: bool) -> Self {
        let mut s = SparseCounts::default();
        for &t in in_window(sorted, b.t_start, b.t_stop) {
            let Some(k) = b.index(t) else { continue };
            // Sorted times give non-decreasing bin indices (floor_tol is monotone).
            match s.bins.last() {
                Some(&last) if last == k => *s.counts.last_mut().expect("same length") += 1,
                _ => {
                    s.bins.push(k);
                    s.counts.push(1);
                }
            }
        }
        if binary {
            s.counts.iter_mut().for_each(|c| *c = 1);
        }
        s.total = s.counts.iter().sum();
        s.sum_sq = s.counts.iter().map(|c| c * c).sum();
        s
    }

    /// Σ_k a[k]·b[k].
    pub fn dot(&self, other: &SparseCounts) -> i64 {
        let (mut i, mut j, mut acc) = (0, 0, 0i64);
        while i < self.bins.len() && j < other.bins.len() {
            match self.bins[i].cmp(&other.bins[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    acc += self.counts[i] * other.counts[j];
                    i += 1;
                    j += 1;
                }
            }
        }
        acc
    }
}

/// Trains binned with one shared G6 binning.
#[derive(Debug, Clone)]
pub(crate) struct Binned {
    /// The binning (window and bin size).
    pub binning: Binning,
    /// One sparse count vector per train, in input order.
    pub trains: Vec<SparseCounts>,
}

impl Binned {
    /// G3/G4 (sorted, finite), G5 (window over all trains), G6 (bin_size > 0, >= 1 bin).
    pub fn new<T: AsRef<[f64]>>(
        object: &str,
        field: &str,
        trains: &[T],
        bin_size: f64,
        t_start: f64,
        t_stop: Option<f64>,
        binary: bool,
    ) -> Result<Self> {
        let sorted = sorted_trains(object, field, trains)?;
        Self::from_sorted(object, &sorted, bin_size, t_start, t_stop, binary)
    }

    /// As [`Binned::new`], for trains that are already sorted and checked.
    pub fn from_sorted(
        object: &str,
        sorted: &[Vec<f64>],
        bin_size: f64,
        t_start: f64,
        t_stop: Option<f64>,
        binary: bool,
    ) -> Result<Self> {
        let refs: Vec<&[f64]> = sorted.iter().map(Vec::as_slice).collect();
        let (t0, t1) = window(object, t_start, t_stop, &refs)?;
        let binning = Binning::new(object, t0, t1, bin_size)?;
        let trains = sorted
            .par_iter()
            .map(|x| SparseCounts::new(&binning, x, binary))
            .collect();
        Ok(Binned { binning, trains })
    }

    /// Number of bins L.
    pub fn n_bins(&self) -> usize {
        self.binning.n_bins
    }

    /// `L·Σ b_i b_j − N_i N_j`, exact: `L(L−1)` times the covariance.
    pub fn centered_dot(&self, i: usize, j: usize) -> i128 {
        let (a, b) = (&self.trains[i], &self.trains[j]);
        let dot = if i == j { a.sum_sq } else { a.dot(b) };
        self.n_bins() as i128 * dot as i128 - a.total as i128 * b.total as i128
    }

    /// Pearson correlation of trains i and j (NaN when either has zero variance), clipped to
    /// [-1, 1] as `numpy.corrcoef` does.
    pub fn correlation(&self, i: usize, j: usize) -> f64 {
        let vi = self.centered_dot(i, i);
        let vj = self.centered_dot(j, j);
        if vi == 0 || vj == 0 {
            return f64::NAN;
        }
        let r = self.centered_dot(i, j) as f64 / ((vi as f64).sqrt() * (vj as f64).sqrt());
        r.clamp(-1.0, 1.0)
    }

    /// Covariance (ddof = 1) of trains i and j.
    pub fn covariance(&self, i: usize, j: usize) -> f64 {
        let l = self.n_bins() as f64;
        self.centered_dot(i, j) as f64 / (l * (l - 1.0))
    }
}

/// `round()` of Python 3 (ties to even).
pub(crate) fn py_round(x: f64) -> f64 {
    x.round_ties_even()
}

/// A parameter that must be finite and >= 0.
fn non_negative(object: &str, field: &str, value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::out_of_range(object, field, value, "[0, inf)"))
    }
}

/// `vec![value; n]`, but an allocation that cannot be made is an error instead of an abort
/// (sizes such as the number of bins come from user parameters).
pub(crate) fn try_filled<T: Clone>(object: &str, what: &str, n: usize, value: T) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| {
        Error::invalid(
            object,
            format!("cannot allocate {n} {what}; use a coarser bin size or a shorter window"),
        )
    })?;
    v.resize(n, value);
    Ok(v)
}

// ------------------------------------------------------------------------- 25–28: Pearson

fn pair_binned(
    object: &str,
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<Binned> {
    let a = sorted_train(object, "spikes_a", spikes_a)?;
    let b = sorted_train(object, "spikes_b", spikes_b)?;
    Binned::from_sorted(object, &[a, b], bin_size, t_start, t_stop, binary)
}

/// #25 ★ `spike_train_correlation(spikes_a, spikes_b, bin_size, t_start=0.0, t_stop=None,
/// binary=False)`: the Pearson correlation of the G6 bin counts (clipped to 0/1 when
/// `binary`). Zero variance in either train (e.g. an empty train) gives NaN.
///
/// Reference: `elephant.spike_train_correlation.correlation_coefficient(BinnedSpikeTrain([a, b]))[0, 1]`.
pub fn spike_train_correlation(
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<f64> {
    let b = pair_binned(
        "spike_train_correlation",
        spikes_a,
        spikes_b,
        bin_size,
        t_start,
        t_stop,
        binary,
    )?;
    Ok(b.correlation(0, 1))
}

/// #26 ★ `correlation_matrix(trains, bin_size, t_start=0.0, t_stop=None, binary=False)`: all
/// pairwise Pearson correlations. A train with zero variance gets its whole row and column set
/// to NaN, diagonal included.
pub fn correlation_matrix<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<SquareMatrix> {
    let b = Binned::new(
        "correlation_matrix",
        "trains",
        trains,
        bin_size,
        t_start,
        t_stop,
        binary,
    )?;
    SquareMatrix::symmetric(
        "correlation_matrix",
        trains.len(),
        |i| b.correlation(i, i),
        |i, j| b.correlation(i, j),
    )
}

/// #27 `spike_train_covariance(spikes_a, spikes_b, bin_size, t_start=0.0, t_stop=None,
/// binary=False)`: `<b_a − μ_a, b_b − μ_b>/(L − 1)` (NaN when L = 1).
pub fn spike_train_covariance(
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<f64> {
    let b = pair_binned(
        "spike_train_covariance",
        spikes_a,
        spikes_b,
        bin_size,
        t_start,
        t_stop,
        binary,
    )?;
    Ok(b.covariance(0, 1))
}

/// #28 `covariance_matrix(trains, bin_size, t_start=0.0, t_stop=None, binary=False)`: all
/// pairwise covariances, ddof = 1 (G10).
pub fn covariance_matrix<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<SquareMatrix> {
    let b = Binned::new(
        "covariance_matrix",
        "trains",
        trains,
        bin_size,
        t_start,
        t_stop,
        binary,
    )?;
    SquareMatrix::symmetric(
        "covariance_matrix",
        trains.len(),
        |i| b.covariance(i, i),
        |i, j| b.covariance(i, j),
    )
}

// ---------------------------------------------------------------------------- 29–31: CCH

/// Checks `0 <= max_lag_bins < n_bins` and returns it as usize.
fn lag_window(object: &str, max_lag_bins: i64, n_bins: usize) -> Result<usize> {
    if max_lag_bins < 0 || max_lag_bins as u64 >= n_bins as u64 {
        return Err(Error::out_of_range(
            object,
            "max_lag_bins",
            max_lag_bins,
            format!("[0, {}] (the window holds {} bins)", n_bins - 1, n_bins),
        ));
    }
    Ok(max_lag_bins as usize)
}

/// Raw CCH counts `Σ_i a[i]·b[i+lag]` for lag = −W..W (index lag + W).
fn cch_counts(object: &str, a: &SparseCounts, b: &SparseCounts, w: usize) -> Result<Vec<i64>> {
    let mut c = try_filled(object, "lags", 2 * w + 1, 0i64)?;
    for (&i, &ca) in a.bins.iter().zip(&a.counts) {
        let lo = b.bins.partition_point(|&j| j + w < i);
        let hi = b.bins.partition_point(|&j| j <= i + w);
        for k in lo..hi {
            c[b.bins[k] + w - i] += ca * b.counts[k];
        }
    }
    Ok(c)
}

fn lags(w: usize) -> Vec<i64> {
    (-(w as i64)..=w as i64).collect()
}

/// #29 ★ `cross_correlation_histogram(spikes_a, spikes_b, bin_size, max_lag_bins,
/// t_start=0.0, t_stop=None, binary=False, border_correction=False) -> (lags, counts)`.
///
/// `lags = −W..=W` (W = `max_lag_bins`), `counts[lag] = Σ_i b_a[i]·b_b[i+lag]` over the bins
/// where both exist (a positive lag means b follows a). `border_correction` multiplies each
/// count by `L/(L − |lag|)`. `max_lag_bins` must be in `[0, L − 1]`.
///
/// Elephant rejects `W = 0` (its window must have left < right); here `W = 0` is allowed and
/// gives the single zero-lag count.
#[allow(clippy::too_many_arguments)]
pub fn cross_correlation_histogram(
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    max_lag_bins: i64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
    border_correction: bool,
) -> Result<(Vec<i64>, Vec<f64>)> {
    let object = "cross_correlation_histogram";
    let b = pair_binned(
        object, spikes_a, spikes_b, bin_size, t_start, t_stop, binary,
    )?;
    let w = lag_window(object, max_lag_bins, b.n_bins())?;
    let counts = cch_counts(object, &b.trains[0], &b.trains[1], w)?;
    let l = b.n_bins();
    let values = counts
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let c = c as f64;
            if border_correction {
                let lag = k.abs_diff(w);
                c * (l as f64 / (l - lag) as f64)
            } else {
                c
            }
        })
        .collect();
    Ok((lags(w), values))
}

/// The Eggermont (2010) eq. 5.10 normalisation, computed as Elephant does.
fn cch_coefficient(
    object: &str,
    a: &SparseCounts,
    b: &SparseCounts,
    l: usize,
    w: usize,
) -> Result<Vec<f64>> {
    let l = l as f64;
    let (n1, n2) = (a.total as f64, b.total as f64);
    let cov_mean = (a.total as i128 * b.total as i128) as f64 / l;
    let std_xy = ((a.sum_sq as f64 - n1 * n1 / l) * (b.sum_sq as f64 - n2 * n2 / l)).sqrt();
    Ok(cch_counts(object, a, b, w)?
        .into_iter()
        .map(|c| (c as f64 - cov_mean) / std_xy)
        .collect())
}

/// #30 `cross_correlation_coefficient(spikes_a, spikes_b, bin_size, max_lag_bins, t_start=0.0,
/// t_stop=None, binary=False) -> (lags, values)`: the CCH normalised as
/// `(cch − N_a N_b/L) / sqrt((Σb_a² − N_a²/L)(Σb_b² − N_b²/L))` (IEEE: 0/0 is NaN, x/0 is ±inf).
pub fn cross_correlation_coefficient(
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    max_lag_bins: i64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<(Vec<i64>, Vec<f64>)> {
    let object = "cross_correlation_coefficient";
    let b = pair_binned(
        object, spikes_a, spikes_b, bin_size, t_start, t_stop, binary,
    )?;
    let w = lag_window(object, max_lag_bins, b.n_bins())?;
    Ok((
        lags(w),
        cch_coefficient(object, &b.trains[0], &b.trains[1], b.n_bins(), w)?,
    ))
}

/// #31 `autocorrelation_histogram(spikes, bin_size, max_lag_bins, t_start=0.0, t_stop=None,
/// binary=False) -> (lags, counts)`: `cross_correlation_histogram(x, x, ...)`, zero-lag peak
/// included.
pub fn autocorrelation_histogram(
    spikes: &[f64],
    bin_size: f64,
    max_lag_bins: i64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<(Vec<i64>, Vec<f64>)> {
    let object = "autocorrelation_histogram";
    let x = sorted_train(object, "spikes", spikes)?;
    let b = Binned::from_sorted(object, &[x], bin_size, t_start, t_stop, binary)?;
    let w = lag_window(object, max_lag_bins, b.n_bins())?;
    let c = cch_counts(object, &b.trains[0], &b.trains[0], w)?;
    Ok((lags(w), c.into_iter().map(|v| v as f64).collect()))
}

// --------------------------------------------------------------------- 32–33: correlograms

/// Correlograms refuse more bins than this (the histogram would not fit in memory).
const MAX_CORRELOGRAM_BINS: f64 = 1.0e8;

/// `(nh, edges)` of the correlogram; validates the parameters.
fn correlogram_edges(object: &str, bin_size: f64, max_lag: f64) -> Result<(usize, Vec<f64>)> {
    positive(object, "bin_size", bin_size)?;
    non_negative(object, "max_lag", max_lag)?;
    let nh = py_round(max_lag / bin_size);
    if 2.0 * nh + 1.0 > MAX_CORRELOGRAM_BINS {
        return Err(Error::out_of_range(
            object,
            "max_lag",
            max_lag,
            format!(
                "[0, {}] (at most {MAX_CORRELOGRAM_BINS:e} bins of bin_size = {bin_size})",
                (MAX_CORRELOGRAM_BINS - 1.0) / 2.0 * bin_size
            ),
        ));
    }
    let nh = nh as usize;
    let edges = (0..2 * nh + 2)
        .map(|k| (k as f64 - nh as f64 - 0.5) * bin_size)
        .collect();
    Ok((nh, edges))
}

/// Histogram of all `b_j − a_i` on `edges` (numpy.histogram: half-open bins, last closed).
/// `skip_self` leaves out the pairs i == j (a and b must then be the same train).
fn correlogram_counts(a: &[f64], b: &[f64], edges: &[f64], skip_self: bool) -> Vec<i64> {
    let m = edges.len() - 1;
    let (first, last) = (edges[0], edges[m]);
    let inner = &edges[1..m];
    let mut counts = vec![0i64; m];
    for &x in a {
        // b_j − x is non-decreasing in b_j, so the pairs in range are a contiguous run.
        let lo = b.partition_point(|&y| y - x < first);
        let hi = b.partition_point(|&y| y - x <= last);
        for &y in &b[lo..hi] {
            let d = y - x;
            counts[inner.partition_point(|&e| e <= d)] += 1;
        }
    }
    if skip_self {
        // Every i == j pair has d = 0, which is in the centre bin [-b/2, b/2).
        counts[m / 2] -= a.len() as i64;
    }
    counts
}

fn centers(nh: usize, bin_size: f64) -> Vec<f64> {
    (0..2 * nh + 1)
        .map(|k| (k as f64 - nh as f64) * bin_size)
        .collect()
}

/// #32 ★ `cross_correlogram(spikes_a, spikes_b, bin_size, max_lag) -> (lag_centers, counts)`:
/// the histogram of all pairwise differences `d = b_j − a_i` (every spike, no window) on the
/// edges `(k − nh − 0.5)·bin_size`, `k = 0..=2nh+1`, `nh = round(max_lag/bin_size)` (ties to
/// even, as Python's `round`); `numpy.histogram` semantics (half-open bins, last one closed).
/// Centres are `(k − nh)·bin_size`. `bin_size > 0`, `max_lag >= 0`.
pub fn cross_correlogram(
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    max_lag: f64,
) -> Result<(Vec<f64>, Vec<i64>)> {
    let object = "cross_correlogram";
    let a = sorted_train(object, "spikes_a", spikes_a)?;
    let b = sorted_train(object, "spikes_b", spikes_b)?;
    let (nh, edges) = correlogram_edges(object, bin_size, max_lag)?;
    Ok((
        centers(nh, bin_size),
        correlogram_counts(&a, &b, &edges, false),
    ))
}

/// #33 `autocorrelogram(spikes, bin_size, max_lag) -> (lag_centers, counts)`: as
/// `cross_correlogram(x, x)` without the pairs i == j; duplicate spikes count at lag 0.
pub fn autocorrelogram(
    spikes: &[f64],
    bin_size: f64,
    max_lag: f64,
) -> Result<(Vec<f64>, Vec<i64>)> {
    let object = "autocorrelogram";
    let x = sorted_train(object, "spikes", spikes)?;
    let (nh, edges) = correlogram_edges(object, bin_size, max_lag)?;
    Ok((
        centers(nh, bin_size),
        correlogram_counts(&x, &x, &edges, true),
    ))
}

// ------------------------------------------------------------------------------ 34–35: STTC

/// Fraction of the spikes of the sorted `x` that have a spike of the sorted `y` within `dt`
/// (exact test `|x_i − y_j| <= dt`), by one merge pass.
fn sttc_p(x: &[f64], y: &[f64], dt: f64) -> f64 {
    let mut k = 0; // first index of y with y[k] >= t (t non-decreasing)
    let mut hits = 0usize;
    for &t in x {
        while k < y.len() && y[k] < t {
            k += 1;
        }
        if (k < y.len() && y[k] - t <= dt) || (k > 0 && t - y[k - 1] <= dt) {
            hits += 1;
        }
    }
    hits as f64 / x.len() as f64
}

/// Fraction of `[t0, t1]` covered by the union of `[t − dt, t + dt]` (clipped), computed as
/// Elephant 1.2.1 does. `x` is sorted, non-empty and inside the window.
fn sttc_t(x: &[f64], dt: f64, t0: f64, t1: f64) -> f64 {
    let mut overlap = 0.0;
    let mut n_apart = 0usize;
    for w in x.windows(2) {
        let d = w[1] - w[0];
        if d <= 2.0 * dt {
            overlap += d;
        } else {
            n_apart += 1;
        }
    }
    let mut apart = (n_apart * 2) as f64 * dt;
    let (first, last) = (x[0], x[x.len() - 1]);
    if first - t0 < dt {
        overlap += first - t0;
    } else {
        apart += dt;
    }
    if t1 - last < dt {
        overlap += t1 - last;
    } else {
        apart += dt;
    }
    (overlap + apart) / (t1 - t0)
}

/// STTC of two sorted, windowed trains, given their tiling fractions `t_a = T(a)` and
/// `t_b = T(b)` (Elephant's T_B and T_A).
fn sttc_sorted(a: &[f64], b: &[f64], dt: f64, t_a: f64, t_b: f64) -> f64 {
    if a.is_empty() || b.is_empty() {
        return f64::NAN;
    }
    // Elephant's naming: T_A tiles with b, P_A is the fraction of b near a.
    let (ta, tb) = (t_b, t_a);
    let pa = sttc_p(b, a, dt);
    let pb = sttc_p(a, b, dt);
    let h1 = if pa * tb == 1.0 {
        0.5
    } else {
        0.5 * (pa - tb) / (1.0 - pa * tb)
    };
    let h2 = if pb * ta == 1.0 {
        0.5
    } else {
        0.5 * (pb - ta) / (1.0 - pb * ta)
    };
    if pa * tb == 1.0 && pb * ta == 1.0 {
        1.0
    } else {
        h1 + h2
    }
}

/// Tiling fraction of a windowed train (NaN for an empty one, never used then).
fn tiling(x: &[f64], dt: f64, t0: f64, t1: f64) -> f64 {
    if x.is_empty() {
        f64::NAN
    } else {
        sttc_t(x, dt, t0, t1)
    }
}

/// #34 ★ `spike_time_tiling_coefficient(spikes_a, spikes_b, dt=0.005, t_start=0.0,
/// t_stop=None)`: Cutts & Ellis (2014)
/// `½[(P_A − T_B)/(1 − P_A T_B) + (P_B − T_A)/(1 − P_B T_A)]`, a half with `P·T == 1`
/// replaced by ½. P uses the exact test `|t_b − t_a| <= dt` (Elephant's `np.isclose` adds a
/// relative tolerance, Appendix B). Either train empty (in the window) gives NaN; `dt > 0`.
pub fn spike_time_tiling_coefficient(
    spikes_a: &[f64],
    spikes_b: &[f64],
    dt: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    let object = "spike_time_tiling_coefficient";
    let a = sorted_train(object, "spikes_a", spikes_a)?;
    let b = sorted_train(object, "spikes_b", spikes_b)?;
    positive(object, "dt", dt)?;
    let (t0, t1) = window(object, t_start, t_stop, &[&a, &b])?;
    let (a, b) = (in_window(&a, t0, t1), in_window(&b, t0, t1));
    Ok(sttc_sorted(
        a,
        b,
        dt,
        tiling(a, dt, t0, t1),
        tiling(b, dt, t0, t1),
    ))
}

/// #35 `sttc_matrix(trains, dt=0.005, t_start=0.0, t_stop=None)`: pairwise STTC; the
/// diagonal is 1 for a train with spikes in the window and NaN for one without.
pub fn sttc_matrix<T: AsRef<[f64]>>(
    trains: &[T],
    dt: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<SquareMatrix> {
    let object = "sttc_matrix";
    let sorted = sorted_trains(object, "trains", trains)?;
    positive(object, "dt", dt)?;
    let refs: Vec<&[f64]> = sorted.iter().map(Vec::as_slice).collect();
    let (t0, t1) = window(object, t_start, t_stop, &refs)?;
    let win: Vec<&[f64]> = refs.iter().map(|x| in_window(x, t0, t1)).collect();
    let tiles: Vec<f64> = win.iter().map(|x| tiling(x, dt, t0, t1)).collect();
    SquareMatrix::symmetric(
        object,
        win.len(),
        |i| if win[i].is_empty() { f64::NAN } else { 1.0 },
        |i, j| sttc_sorted(win[i], win[j], dt, tiles[i], tiles[j]),
    )
}

// -------------------------------------------------------------------------- 36: timescale

/// #36 `spike_train_timescale(spikes, bin_size, max_tau, t_start=0.0, t_stop=None)`: Wieland
/// et al. (2015) `τ = 2·trapz((c[1:]/c[1])², dx=bin_size)`, c the
/// `cross_correlation_coefficient` of the train with itself at lags `1..=max_tau/bin_size`.
///
/// * Fewer than 2 binned spikes gives NaN.
/// * `max_tau` must be > 0 and a multiple of `bin_size` (Elephant's test:
///   `isclose(max_tau, round(max_tau/bin_size)·bin_size)`, rtol 1e-5, atol 1e-8), and
///   `max_tau/bin_size` must be `<= n_bins − 1`.
pub fn spike_train_timescale(
    spikes: &[f64],
    bin_size: f64,
    max_tau: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    let object = "spike_train_timescale";
    let x = sorted_train(object, "spikes", spikes)?;
    positive(object, "bin_size", bin_size)?;
    positive(object, "max_tau", max_tau)?;
    let w = py_round(max_tau / bin_size);
    let multiple = (max_tau - w * bin_size).abs() <= 1e-8 + 1e-5 * (w * bin_size).abs();
    if !multiple || w < 1.0 {
        return Err(Error::out_of_range(
            object,
            "max_tau",
            max_tau,
            format!("a positive multiple of bin_size = {bin_size}"),
        ));
    }
    let b = Binned::from_sorted(object, &[x], bin_size, t_start, t_stop, false)?;
    let l = b.n_bins();
    let w = if w >= l as f64 {
        return Err(Error::out_of_range(
            object,
            "max_tau",
            max_tau,
            format!(
                "(0, {}] ((n_bins - 1) * bin_size for {l} bins)",
                (l - 1) as f64 * bin_size
            ),
        ));
    } else {
        w as usize
    };
    let t = &b.trains[0];
    if t.total < 2 {
        return Ok(f64::NAN);
    }
    let c = cch_coefficient(object, t, t, l, w)?;
    let pos = &c[w + 1..];
    let y: Vec<f64> = pos.iter().map(|v| (v / pos[0]).powi(2)).collect();
    let integral: f64 = y.windows(2).map(|p| bin_size * (p[1] + p[0]) / 2.0).sum();
    Ok(2.0 * integral)
}

// --------------------------------------------------------------------- 37–38: coincidences

/// Number of spikes of the sorted `b` with `|x − b_j| <= window`.
fn count_within(b: &[f64], x: f64, window: f64) -> usize {
    let lo = b.partition_point(|&y| y < x && x - y > window);
    let hi = b.partition_point(|&y| y <= x || y - x <= window);
    hi - lo
}

/// #37 `coincidence_count(spikes_a, spikes_b, window) -> int`: the number of pairs (i, j)
/// with `|a_i − b_j| <= window` (float64, every spike). `window >= 0`.
pub fn coincidence_count(spikes_a: &[f64], spikes_b: &[f64], window: f64) -> Result<i64> {
    let object = "coincidence_count";
    let a = sorted_train(object, "spikes_a", spikes_a)?;
    let b = sorted_train(object, "spikes_b", spikes_b)?;
    non_negative(object, "window", window)?;
    Ok(a.iter().map(|&x| count_within(&b, x, window) as i64).sum())
}

/// #38 `coincidence_factor(spikes_a, spikes_b, window, t_start=0.0, t_stop=None)`:
/// Kistler/Jolivet Γ with a the reference and b the model, on the spikes in the window:
/// `(N_c − 2 ν_b window n_a) / (½(n_a + n_b)) / (1 − 2 ν_b window)`,
/// `N_c` = spikes of a with a spike of b within ±window, `ν_b = n_b/(t_stop − t_start)`.
/// `n_a + n_b == 0` or a zero denominator gives NaN. `window >= 0`.
pub fn coincidence_factor(
    spikes_a: &[f64],
    spikes_b: &[f64],
    window: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    let object = "coincidence_factor";
    let a = sorted_train(object, "spikes_a", spikes_a)?;
    let b = sorted_train(object, "spikes_b", spikes_b)?;
    non_negative(object, "window", window)?;
    let (t0, t1) = crate::conventions::window(object, t_start, t_stop, &[&a, &b])?;
    let (a, b) = (in_window(&a, t0, t1), in_window(&b, t0, t1));
    let (na, nb) = (a.len() as f64, b.len() as f64);
    if a.is_empty() && b.is_empty() {
        return Ok(f64::NAN);
    }
    let nc = a
        .iter()
        .filter(|&&x| count_within(b, x, window) > 0)
        .count() as f64;
    let nu_b = nb / (t1 - t0);
    let num = (nc - 2.0 * nu_b * window * na) / (0.5 * (na + nb));
    let den = 1.0 - 2.0 * nu_b * window;
    Ok(if den == 0.0 { f64::NAN } else { num / den })
}

// ------------------------------------------------------------ 39–40: event synchronization

/// `c(x|y) = Σ_i Σ_j J_ij`, `J = 1` if `0 < x_i − y_j <= tau`, ½ if `x_i == y_j`.
fn es_c(x: &[f64], y: &[f64], tau: f64) -> f64 {
    let (mut ones, mut ties) = (0usize, 0usize);
    for &t in x {
        let lo = y.partition_point(|&v| v < t && t - v > tau);
        let below = y.partition_point(|&v| v < t);
        let upto = y.partition_point(|&v| v <= t);
        ones += below - lo;
        ties += upto - below;
    }
    ones as f64 + 0.5 * ties as f64
}

fn event_sync(object: &str, a: &[f64], b: &[f64], tau: f64) -> Result<Option<(f64, f64, f64)>> {
    let a = sorted_train(object, "spikes_a", a)?;
    let b = sorted_train(object, "spikes_b", b)?;
    positive(object, "tau", tau)?;
    if a.is_empty() || b.is_empty() {
        return Ok(None);
    }
    let norm = ((a.len() * b.len()) as f64).sqrt();
    Ok(Some((es_c(&a, &b, tau), es_c(&b, &a, tau), norm)))
}

/// #39 `event_synchronization(spikes_a, spikes_b, tau)`: Quian Quiroga et al. (2002) with a
/// fixed τ: `Q = (c(a|b) + c(b|a))/sqrt(n_a n_b)`, with `c(a|b) = Σ_ij J_ij`, `J_ij = 1` if
/// `0 < a_i − b_j <= tau`, ½ if `a_i == b_j`. Q can exceed 1. Either train empty gives NaN;
/// `tau > 0`.
pub fn event_synchronization(spikes_a: &[f64], spikes_b: &[f64], tau: f64) -> Result<f64> {
    Ok(
        match event_sync("event_synchronization", spikes_a, spikes_b, tau)? {
            Some((cab, cba, n)) => (cab + cba) / n,
            None => f64::NAN,
        },
    )
}

/// #40 `event_synchronization_delay(spikes_a, spikes_b, tau)`:
/// `q = (c(b|a) − c(a|b))/sqrt(n_a n_b)` with the c of [`event_synchronization`]. Either train
/// empty gives NaN; `tau > 0`.
pub fn event_synchronization_delay(spikes_a: &[f64], spikes_b: &[f64], tau: f64) -> Result<f64> {
    Ok(
        match event_sync("event_synchronization_delay", spikes_a, spikes_b, tau)? {
            Some((cab, cba, n)) => (cba - cab) / n,
            None => f64::NAN,
        },
    )
}

// ------------------------------------------------------------------- 41: Spike-contrast

/// `numpy.arange(start, stop, step)` for floats, bit for bit, evaluated lazily: length
/// `ceil((stop − start)/step)`, values `start`, `start + step`, then
/// `start + i·((start + step) − start)` (NumPy's `fill`).
#[derive(Debug, Clone, Copy)]
struct Arange {
    start: f64,
    second: f64,
    delta: f64,
    len: usize,
}

impl Arange {
    fn new(start: f64, stop: f64, step: f64) -> Self {
        let len = ((stop - start) / step).ceil();
        // `as usize` saturates (and maps NaN / negative values to 0).
        let len = if len > 0.0 { len as usize } else { 0 };
        let second = start + step;
        Arange {
            start,
            second,
            delta: second - start,
            len,
        }
    }

    fn get(&self, i: usize) -> f64 {
        match i {
            0 => self.start,
            1 => self.second,
            _ => self.start + i as f64 * self.delta,
        }
    }

    /// The numpy.histogram bin (half-open, last one closed) of `t`, if inside the edges.
    fn bin(&self, t: f64) -> Option<usize> {
        if self.len < 2 || t < self.get(0) || t > self.get(self.len - 1) {
            return None;
        }
        let last_bin = self.len - 2;
        // Guess from the spacing, then step to the exact bin (edges are non-decreasing).
        let guess = (t - self.start) / self.delta;
        if guess.is_finite() && guess >= 0.0 {
            let mut j = (guess as usize).min(last_bin);
            for _ in 0..4 {
                if j > 0 && self.get(j) > t {
                    j -= 1;
                } else if j < last_bin && self.get(j + 1) <= t {
                    j += 1;
                } else {
                    return Some(j);
                }
            }
        }
        // First index in [1, len − 1) whose edge is > t, minus one.
        let (mut lo, mut hi) = (1, self.len - 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid) <= t {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Some(lo - 1)
    }
}

/// #41 ★ `spike_contrast(trains, t_start=None, t_stop=None, min_bin=0.01,
/// bin_shrink_factor=0.9)`: Ciba et al. (2018) Spike-contrast synchrony, exactly as
/// `elephant.spike_train_synchrony.spike_contrast`.
///
/// * `None` window ends are the smallest / largest spike over all trains.
/// * Spikes outside `[t_start, t_stop]` are ignored; the histogram window is padded by the
///   smallest ISI on each side; bins overlap by half; the bin size shrinks from
///   `(t_stop − t_start)/2` by `bin_shrink_factor` while it is `>= max(isi_min/2, min_bin)`.
/// * The result is the maximum over bin sizes of contrast × active-trains (Python's `max`:
///   the first of equal values, NaN only if the first value is NaN).
///
/// Errors: fewer than 2 trains; no train with at least 2 spikes in the window;
/// `bin_shrink_factor` outside (0, 1); `min_bin <= 0`; `min_bin > (t_stop − t_start)/2`
/// (no bin size to try; Elephant fails on `max()` of an empty list).
pub fn spike_contrast<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: Option<f64>,
    t_stop: Option<f64>,
    min_bin: f64,
    bin_shrink_factor: f64,
) -> Result<f64> {
    let object = "spike_contrast";
    let sorted = sorted_trains(object, "trains", trains)?;
    if !(bin_shrink_factor > 0.0 && bin_shrink_factor < 1.0) {
        return Err(Error::out_of_range(
            object,
            "bin_shrink_factor",
            bin_shrink_factor,
            "(0, 1)",
        ));
    }
    positive(object, "min_bin", min_bin)?;
    if sorted.len() < 2 {
        return Err(Error::shape(
            object,
            "trains",
            sorted.len(),
            "at least 2 trains",
        ));
    }
    let no_spike = || Error::invalid(object, "no spike in any train to take the window from");
    let t0 = match t_start {
        Some(t) => t,
        None => sorted
            .iter()
            .filter_map(|x| x.first().copied())
            .reduce(f64::min)
            .ok_or_else(no_spike)?,
    };
    let (t0, t1) = window(
        object,
        t0,
        t_stop,
        &sorted.iter().map(Vec::as_slice).collect::<Vec<_>>(),
    )?;
    let win: Vec<&[f64]> = sorted.iter().map(|x| in_window(x, t0, t1)).collect();
    let n_trains = win.len();
    let n_spikes: usize = win.iter().map(|x| x.len()).sum();
    let isi_min = win
        .iter()
        .filter(|x| x.len() > 1)
        .map(|x| {
            x.windows(2)
                .map(|w| w[1] - w[0])
                .fold(f64::INFINITY, f64::min)
        })
        .reduce(f64::min)
        .ok_or_else(|| {
            Error::invalid(
                object,
                "needs at least one train with 2 or more spikes in the window",
            )
        })?;
    let duration = t1 - t0;
    let bin_min = if isi_min / 2.0 >= min_bin {
        isi_min / 2.0
    } else {
        min_bin
    };
    let (p0, p1) = (t0 - isi_min, t1 + isi_min);

    let mut best: Option<f64> = None;
    let mut bin_size = duration / 2.0;
    while bin_size >= bin_min {
        let step = bin_size / 2.0;
        let edges = Arange::new(p0, p1 + step, step);
        let s = contrast_at(&win, edges, n_trains, n_spikes);
        // Python's max(): keep the first value unless a later one is strictly greater.
        best = Some(match best {
            Some(b) if s.partial_cmp(&b) != Some(std::cmp::Ordering::Greater) => b,
            _ => s,
        });
        bin_size *= bin_shrink_factor;
    }
    best.ok_or_else(|| {
        Error::out_of_range(
            object,
            "min_bin",
            min_bin,
            format!("(0, {}] (half the window)", duration / 2.0),
        )
    })
}

/// Synchrony (contrast × active trains) for one set of histogram edges, as Elephant's
/// `_get_theta_and_n_per_bin` + `spike_contrast` compute it. The per-bin arrays are dense
/// when the bins are few and sparse (only bins with spikes) otherwise, so memory stays
/// O(spikes) however small the bins; all sums are exact integers.
fn contrast_at(win: &[&[f64]], edges: Arange, n_trains: usize, n_spikes: usize) -> f64 {
    // numpy.histogram on the edges has len − 1 bins h_j; the half-overlapping bins are
    // theta_k = h_k + h_{k+1}, k = 0..len − 2.
    let n_over = edges.len.saturating_sub(2);
    let dense = n_over <= 8 * n_spikes + 4096;
    let (mut theta, mut active) = if dense {
        (vec![0i64; n_over], vec![0i64; n_over])
    } else {
        (Vec::new(), Vec::new())
    };
    // Sparse: (k, spikes of one train in overlapping bin k), one entry per train and k.
    let mut entries: Vec<(usize, i64)> = Vec::new();
    let mut runs: Vec<(usize, i64)> = Vec::new();
    let mut per_train: Vec<(usize, i64)> = Vec::new();
    for x in win {
        // Sorted spikes give non-decreasing histogram bins j: count h_j per distinct j, then
        // bin j feeds k = j − 1 and j (so the k stay non-decreasing within the train).
        runs.clear();
        for j in x.iter().filter_map(|&t| edges.bin(t)) {
            match runs.last_mut() {
                Some(r) if r.0 == j => r.1 += 1,
                _ => runs.push((j, 1)),
            }
        }
        per_train.clear();
        for &(j, c) in &runs {
            for k in [j.checked_sub(1), Some(j)].into_iter().flatten() {
                if k >= n_over {
                    continue;
                }
                match per_train.last_mut() {
                    Some(e) if e.0 == k => e.1 += c,
                    _ => per_train.push((k, c)),
                }
            }
        }
        if dense {
            for &(k, c) in &per_train {
                theta[k] += c;
                active[k] += 1;
            }
        } else {
            entries.extend_from_slice(&per_train);
        }
    }
    let (sum_theta, sum_n_theta, sum_diff) = if dense {
        (
            theta.iter().sum::<i64>(),
            theta.iter().zip(&active).map(|(t, n)| t * n).sum::<i64>(),
            theta.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<i64>(),
        )
    } else {
        sparse_sums(entries, n_over)
    };
    let active_st = (sum_n_theta as f64 / sum_theta as f64 - 1.0) / (n_trains - 1) as f64;
    let contrast = sum_diff as f64 / (2 * n_spikes) as f64;
    contrast * active_st
}

/// (Σθ, Σ n·θ, Σ|θ_{k+1} − θ_k|) of the dense vectors described by per-train entries
/// `(k, spikes)` (zeros between the stored bins).
fn sparse_sums(mut entries: Vec<(usize, i64)>, n_over: usize) -> (i64, i64, i64) {
    entries.sort_unstable_by_key(|e| e.0);
    // Per overlapping bin: theta (spikes of all trains) and n (trains with spikes).
    let mut bins: Vec<(usize, i64, i64)> = Vec::new();
    for (k, c) in entries {
        match bins.last_mut() {
            Some(b) if b.0 == k => {
                b.1 += c;
                b.2 += 1;
            }
            _ => bins.push((k, c, 1)),
        }
    }
    let sum_theta: i64 = bins.iter().map(|b| b.1).sum();
    let sum_n_theta: i64 = bins.iter().map(|b| b.1 * b.2).sum();
    let mut sum_diff: i64 = 0;
    if let (Some(first), Some(last)) = (bins.first(), bins.last()) {
        if first.0 > 0 {
            sum_diff += first.1;
        }
        if last.0 + 1 < n_over {
            sum_diff += last.1;
        }
    }
    for w in bins.windows(2) {
        sum_diff += if w[1].0 == w[0].0 + 1 {
            (w[1].1 - w[0].1).abs()
        } else {
            w[0].1 + w[1].1
        };
    }
    (sum_theta, sum_n_theta, sum_diff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arange_matches_numpy() {
        let a = Arange::new(0.0, 1.0, 0.25);
        assert_eq!(a.len, 4);
        assert_eq!(
            (0..4).map(|i| a.get(i)).collect::<Vec<_>>(),
            vec![0.0, 0.25, 0.5, 0.75]
        );
        assert_eq!(Arange::new(0.0, 1.01, 0.25).len, 5);
        assert_eq!(Arange::new(1.0, 0.0, 0.5).len, 0);
        // numpy.histogram bins: [0, .25) [.25, .5) [.5, .75], the last one closed.
        assert_eq!(a.bin(0.0), Some(0));
        assert_eq!(a.bin(0.25), Some(1));
        assert_eq!(a.bin(0.75), Some(2));
        assert_eq!(a.bin(0.7501), None);
        assert_eq!(a.bin(-0.1), None);
    }

    #[test]
    fn sparse_and_dense_contrast_sums_agree() {
        // theta over 8 bins from two trains: [0, 2, 1, 0, 0, 3, 0, 0], n = [0, 1, 2, 0, 0, 1, 0, 0]
        let entries = vec![(1, 2), (2, 1), (5, 3), (2, 0)];
        let (t, nt, d) = sparse_sums(entries, 8);
        assert_eq!(t, 6);
        assert_eq!(nt, 2 + 2 + 3);
        assert_eq!(d, 2 + 1 + 1 + 3 + 3);
    }

    #[test]
    fn symmetric_matrix_fills_both_triangles() {
        let m = SquareMatrix::symmetric("t", 3, |i| i as f64, |i, j| (10 * i + j) as f64).unwrap();
        assert_eq!(m.row(0), &[0.0, 1.0, 2.0]);
        assert_eq!(m.row(2), &[2.0, 12.0, 2.0]);
        assert_eq!(m.get(1, 2), 12.0);
    }

    #[test]
    fn sparse_counts_merge_runs_and_binarize() {
        let b = Binning::new("t", 0.0, 1.0, 0.1).unwrap();
        let s = SparseCounts::new(&b, &[0.05, 0.05, 0.31, 0.39, 1.0], false);
        assert_eq!(s.bins, vec![0, 3]);
        assert_eq!(s.counts, vec![2, 2]);
        assert_eq!((s.total, s.sum_sq), (4, 8));
        let s = SparseCounts::new(&b, &[0.05, 0.05, 0.31], true);
        assert_eq!((s.total, s.sum_sq), (2, 2));
        assert_eq!(s.bins, vec![0, 3]);
    }
}
