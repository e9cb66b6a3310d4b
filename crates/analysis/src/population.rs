//! Catalogue family 5, "Population measures" (entries 70–82 of `crate::catalogue`):
//! the population time histogram and rates (binned and kernel-smoothed), the PSTH, the
//! complexity distribution and synchronous events, Golomb's synchrony index, the mean pairwise
//! correlation, the population Fano factor, the active fraction, the population sparseness and
//! the participation ratio.
//!
//! Conventions: `trains` / `trials` is a slice of spike trains (`AsRef<[f64]>`, seconds, any
//! order, empty trains allowed); NaN/±inf spikes are errors (G4); windows follow G5 and binning
//! G6 (`B` is the N × L matrix of bin counts); undefined statistics are NaN (G8), and in
//! particular divisions by the number of trains with no train give NaN (IEEE 0/0).
//!
//! Private stand-ins, to be unified with the other families once they land:
//! * [`SmoothingKernel`] (the 7 kernels of family 8, their minimum cutoffs and medians) and the
//!   `instantaneous_rate` algorithm of family 1 #5 (without trim and border correction), used
//!   by [`population_rate_smoothed`];
//! * `firing_rates` (family 1 #3), used by [`population_sparseness`].

use rayon::prelude::*;
use sc_neurocore_core::{Error, Result};

use crate::conventions::{in_window, positive, sorted_trains, window};
use crate::correlation::{Binned, try_filled};

// ------------------------------------------------------------------- 70–73: histograms

/// The `output` option of [`time_histogram`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistogramOutput {
    /// `"counts"`: spikes per bin (int64).
    Counts,
    /// `"mean"`: spikes per bin and train.
    Mean,
    /// `"rate"`: spikes per bin and train, divided by the bin size (Hz).
    Rate,
}

impl HistogramOutput {
    /// The accepted names, in the order of the variants.
    pub const NAMES: [&'static str; 3] = ["counts", "mean", "rate"];

    /// Parses `"counts"`, `"mean"` or `"rate"`; any other name is an error.
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "counts" => Ok(Self::Counts),
            "mean" => Ok(Self::Mean),
            "rate" => Ok(Self::Rate),
            _ => Err(Error::unknown(
                "time_histogram",
                "output",
                name,
                Self::NAMES,
            )),
        }
    }

    /// The option's name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// The result of [`time_histogram`]: int64 counts for `"counts"`, float64 otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeHistogram {
    /// Spikes per bin.
    Counts(Vec<i64>),
    /// Normalised values (`"mean"` or `"rate"`).
    Values(Vec<f64>),
}

impl TimeHistogram {
    /// The values as float64 (counts converted).
    pub fn to_f64(&self) -> Vec<f64> {
        match self {
            TimeHistogram::Counts(c) => c.iter().map(|&v| v as f64).collect(),
            TimeHistogram::Values(v) => v.clone(),
        }
    }
}

/// Column sums of B (per-bin totals over the trains).
fn column_sums(object: &str, b: &Binned) -> Result<Vec<i64>> {
    let mut s = try_filled(object, "bins", b.n_bins(), 0i64)?;
    for t in &b.trains {
        for (&k, &c) in t.bins.iter().zip(&t.counts) {
            s[k] += c;
        }
    }
    Ok(s)
}

/// `counts / (N · bin_size)` as Elephant's `time_histogram(output="rate")`.
fn rate_of(counts: &[i64], n_trains: usize, bin_size: f64) -> Vec<f64> {
    let d = n_trains as f64 * bin_size;
    counts.iter().map(|&c| c as f64 / d).collect()
}

/// #70 ★ `time_histogram(trains, bin_size, t_start=0.0, t_stop=None, output="counts",
/// binary=False) -> ndarray[L]`: column sums of B (clipped to 0/1 per train when `binary`);
/// `Mean` divides by N, `Rate` by N·bin_size.
///
/// Reference: `elephant.statistics.time_histogram`.
pub fn time_histogram<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    output: HistogramOutput,
    binary: bool,
) -> Result<TimeHistogram> {
    let object = "time_histogram";
    let b = Binned::new(object, "trains", trains, bin_size, t_start, t_stop, binary)?;
    let counts = column_sums(object, &b)?;
    let n = trains.len();
    Ok(match output {
        HistogramOutput::Counts => TimeHistogram::Counts(counts),
        HistogramOutput::Mean => {
            TimeHistogram::Values(counts.iter().map(|&c| c as f64 / n as f64).collect())
        }
        HistogramOutput::Rate => TimeHistogram::Values(rate_of(&counts, n, bin_size)),
    })
}

/// #71 ★ `population_rate(trains, bin_size, t_start=0.0, t_stop=None) -> ndarray[L]`: the
/// mean rate per train in each bin (Hz), i.e. `time_histogram(output="rate")`.
pub fn population_rate<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<Vec<f64>> {
    let object = "population_rate";
    let b = Binned::new(object, "trains", trains, bin_size, t_start, t_stop, false)?;
    Ok(rate_of(&column_sums(object, &b)?, trains.len(), bin_size))
}

/// #73 ★ `psth(trials, bin_size, t_start=0.0, t_stop=None) -> (bin_left_edges, rate_hz)`: the
/// trial-averaged rate (`time_histogram(output="rate")`) with the left bin edges
/// (`linspace(t_start, t_start + L·bin_size, L + 1)[:-1]`).
pub fn psth<T: AsRef<[f64]>>(
    trials: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let b = Binned::new("psth", "trials", trials, bin_size, t_start, t_stop, false)?;
    let rate = rate_of(&column_sums("psth", &b)?, trials.len(), bin_size);
    let mut edges = b.binning.edges();
    edges.pop();
    Ok((edges, rate))
}

// ----------------------------------------------------------- 72: smoothed population rate

/// The rate kernels of family 8 (σ is the standard deviation, in s; values in 1/s), as
/// Elephant's `elephant.kernels.<Name>Kernel(sigma)` (not inverted).
///
/// Private stand-in for the family-8 kernels, used by [`population_rate_smoothed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmoothingKernel {
    /// `"rectangular"`: `1/(2τ)` for `|t| < τ = √3σ`.
    Rectangular,
    /// `"triangular"`: `(1/τ)(1 − |t|/τ)` for `|t| < τ = √6σ`.
    Triangular,
    /// `"epanechnikov_like"`: `3/(4d)(1 − t²/d²)` for `|t| < d = √5σ`.
    EpanechnikovLike,
    /// `"gaussian"`: `exp(−t²/(2σ²))/(σ√(2π))`.
    Gaussian,
    /// `"laplacian"`: `exp(−|t|/τ)/(2τ)`, `τ = σ/√2`.
    Laplacian,
    /// `"exponential"`: `exp(−t/τ)/τ` for `t >= 0`, `τ = σ`.
    Exponential,
    /// `"alpha"`: `(t/τ²) exp(−t/τ)` for `t >= 0`, `τ = σ/√2`.
    Alpha,
}

impl SmoothingKernel {
    /// The accepted names, in the order of the variants.
    pub const NAMES: [&'static str; 7] = [
        "rectangular",
        "triangular",
        "epanechnikov_like",
        "gaussian",
        "laplacian",
        "exponential",
        "alpha",
    ];

    /// Parses a kernel name; an unknown name is an error.
    pub fn from_name(name: &str) -> Result<Self> {
        use SmoothingKernel::*;
        Ok(match name {
            "rectangular" => Rectangular,
            "triangular" => Triangular,
            "epanechnikov_like" => EpanechnikovLike,
            "gaussian" => Gaussian,
            "laplacian" => Laplacian,
            "exponential" => Exponential,
            "alpha" => Alpha,
            _ => {
                return Err(Error::unknown(
                    "population_rate_smoothed",
                    "kernel",
                    name,
                    Self::NAMES,
                ));
            }
        })
    }

    /// The kernel's name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The kernel at `t` seconds, in 1/s (the same float operations as Elephant / SciPy).
    pub fn eval(self, t: f64, sigma: f64) -> f64 {
        use SmoothingKernel::*;
        match self {
            Rectangular => {
                let tau = 3f64.sqrt() * sigma;
                if t.abs() < tau {
                    1.0 / (2.0 * tau)
                } else {
                    0.0
                }
            }
            Triangular => {
                // scipy.stats.triang.pdf(t, c=0.5, loc=-tau, scale=2 tau)
                let tau = 6f64.sqrt() * sigma;
                let scale = 2.0 * tau;
                let x = (t - -tau) / scale;
                if !(0.0..=1.0).contains(&x) {
                    0.0
                } else if x < 0.5 {
                    2.0 * x / 0.5 / scale
                } else {
                    2.0 * (1.0 - x) / 0.5 / scale
                }
            }
            EpanechnikovLike => {
                let tau = 5f64.sqrt() * sigma;
                let r = (t / tau).clamp(-1.0, 1.0);
                3.0 / (4.0 * tau) * (1.0 - r * r).max(0.0)
            }
            Gaussian => {
                let x = t / sigma;
                (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() / sigma
            }
            Laplacian => {
                let tau = sigma / 2f64.sqrt();
                0.5 * (-(t / tau).abs()).exp() / tau
            }
            Exponential => {
                let x = t / sigma;
                if x < 0.0 { 0.0 } else { (-x).exp() / sigma }
            }
            Alpha => {
                let tau = sigma / 2f64.sqrt();
                if t >= 0.0 {
                    1.0 / (tau * tau) * t * (-t / tau).exp()
                } else {
                    0.0
                }
            }
        }
    }

    /// Elephant's `min_cutoff`: the smallest allowed half-width in units of σ.
    pub fn min_cutoff(self) -> f64 {
        use SmoothingKernel::*;
        match self {
            Rectangular => 3f64.sqrt(),
            Triangular => 6f64.sqrt(),
            EpanechnikovLike => 5f64.sqrt(),
            Gaussian | Laplacian | Exponential | Alpha => 3.0,
        }
    }

    /// The kernel's median (s): 0 for the symmetric kernels, `σ ln 2` for the exponential and
    /// the exact root of CDF = ½ for the alpha kernel.
    pub fn median(self, sigma: f64) -> f64 {
        match self {
            SmoothingKernel::Exponential => -sigma * (1.0f64 - 0.5).ln(),
            SmoothingKernel::Alpha => sigma / 2f64.sqrt() * alpha_median_units(),
            _ => 0.0,
        }
    }
}

/// The root z of `1 − e^{−z}(1 + z) = ½` (the alpha kernel's median in units of τ), by Newton.
fn alpha_median_units() -> f64 {
    let mut z = 1.7f64;
    for _ in 0..60 {
        let f = 0.5 - (-z).exp() * (1.0 + z);
        let step = f / (z * (-z).exp());
        z -= step;
        if step.abs() <= 1e-17 * z {
            break;
        }
    }
    z
}

/// #72 `population_rate_smoothed(trains, sampling_period, sigma, kernel="gaussian",
/// t_start=0.0, t_stop=None, cutoff=5.0) -> (times, rate)`: the mean over the trains of
/// `instantaneous_rate` (centred kernel, no trim, no border correction), as Elephant's
/// `instantaneous_rate(list, ..., pool_spike_trains=True)`:
///
/// * `n = int((t_stop − t_start)/sampling_period)` samples (>= 1), histogram with
///   `numpy.histogram(x, n, range=(t_start, t_start + n·sampling_period))` semantics;
/// * `cutoff` is raised to the kernel's minimum cutoff; `hh = ceil(cutoff·σ/sp)`;
/// * kernel samples `K(u·sp)` at `u = linspace(−cutoff·σ/sp + m, cutoff·σ/sp + m, 2hh + 1)`,
///   m the kernel median in units of sp;
/// * `rate = convolve(h, k, "same") / N` (Hz), `times = t_start + k·sp` (left edges).
///
/// The convolution is computed directly from the non-empty histogram bins (no FFT), so it is
/// exact up to rounding and never negative. With no train the rate is NaN (0/0).
/// `sampling_period > 0`, `sigma > 0`, `cutoff` finite.
#[allow(clippy::too_many_arguments)]
pub fn population_rate_smoothed<T: AsRef<[f64]>>(
    trains: &[T],
    sampling_period: f64,
    sigma: f64,
    kernel: SmoothingKernel,
    t_start: f64,
    t_stop: Option<f64>,
    cutoff: f64,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let object = "population_rate_smoothed";
    let sorted = sorted_trains(object, "trains", trains)?;
    let sp = positive(object, "sampling_period", sampling_period)?;
    positive(object, "sigma", sigma)?;
    if !cutoff.is_finite() {
        return Err(Error::out_of_range(
            object,
            "cutoff",
            cutoff,
            "a finite number",
        ));
    }
    let refs: Vec<&[f64]> = sorted.iter().map(Vec::as_slice).collect();
    let (t0, t1) = window(object, t_start, t_stop, &refs)?;
    let n = ((t1 - t0) / sp).trunc();
    if n < 1.0 {
        return Err(Error::out_of_range(
            object,
            "sampling_period",
            sampling_period,
            format!("(0, {}] (the window must hold one sample)", t1 - t0),
        ));
    }
    let n = n as usize;

    // numpy.histogram(x, bins=n, range=(t0, t0 + n sp)): bins [e_k, e_k+1), the last closed,
    // e = linspace(t0, t0 + n sp, n + 1) (evaluated lazily; only non-empty bins are stored).
    let end = t0 + n as f64 * sp;
    let step = (end - t0) / n as f64;
    let edge = |i: usize| if i == n { end } else { t0 + i as f64 * step };
    let mut bins: Vec<usize> = Vec::new();
    for x in &refs {
        for &t in in_window(x, t0, end.min(t1)) {
            let (mut lo, mut hi) = (1, n);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if edge(mid) <= t {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            bins.push(lo - 1);
        }
    }
    bins.sort_unstable();

    let cutoff = if cutoff < kernel.min_cutoff() {
        kernel.min_cutoff()
    } else {
        cutoff
    };
    let half = cutoff * (sigma / sp);
    let hh = half.ceil() as usize; // saturating
    let len = hh
        .checked_mul(2)
        .and_then(|v| v.checked_add(1))
        .unwrap_or(usize::MAX);
    // Kernel samples K(u sp), u = linspace(−half + m, half + m, 2 hh + 1) (NumPy's formula).
    let m = kernel.median(sigma) / sp;
    let (a, z) = (-half + m, half + m);
    let du = (z - a) / (len - 1) as f64;
    let mut k = try_filled(object, "kernel samples", len, 0.0f64)?;
    for (i, v) in k.iter_mut().enumerate() {
        let u = if i == len - 1 { z } else { a + i as f64 * du };
        *v = kernel.eval(u * sp, sigma);
    }

    // "same" convolution: rate[i] = Σ_j h[j] k[i − j + hh], over the non-empty bins j.
    let mut rate = try_filled(object, "samples", n, 0.0f64)?;
    let mut p = 0;
    while p < bins.len() {
        let j = bins[p];
        let q = p + bins[p..].partition_point(|&b| b == j);
        let c = (q - p) as f64;
        p = q;
        let lo = j.saturating_sub(hh);
        let hi = j.saturating_add(hh).saturating_add(1).min(n);
        for (i, r) in rate.iter_mut().enumerate().take(hi).skip(lo) {
            *r += c * k[i + hh - j];
        }
    }
    let n_trains = trains.len() as f64;
    rate.iter_mut().for_each(|r| *r /= n_trains);
    let mut times = try_filled(object, "samples", n, 0.0f64)?;
    for (i, t) in times.iter_mut().enumerate() {
        *t = t0 + i as f64 * sp;
    }
    Ok((times, rate))
}

// ---------------------------------------------------------------- 74–76: complexity

fn complexities<T: AsRef<[f64]>>(
    object: &str,
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<(Binned, Vec<i64>)> {
    let b = Binned::new(object, "trains", trains, bin_size, t_start, t_stop, binary)?;
    let c = column_sums(object, &b)?;
    Ok((b, c))
}

fn bincount(values: &[i64]) -> Vec<i64> {
    let max = values.iter().copied().max().unwrap_or(0).max(0) as usize;
    let mut h = vec![0i64; max + 1];
    for &v in values {
        h[v as usize] += 1;
    }
    h
}

/// #74 `complexity_histogram(trains, bin_size, t_start=0.0, t_stop=None, binary=True) ->
/// ndarray[int64]`: `bincount` of the per-bin complexity (active trains per bin when
/// `binary`, spikes per bin otherwise); entry 0 counts the empty bins, the length is the
/// largest complexity + 1.
///
/// Reference: `elephant.statistics.Complexity(..., spread=0).complexity_histogram`.
pub fn complexity_histogram<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<Vec<i64>> {
    let (_, c) = complexities(
        "complexity_histogram",
        trains,
        bin_size,
        t_start,
        t_stop,
        binary,
    )?;
    Ok(bincount(&c))
}

/// #75 `complexity_pdf(trains, bin_size, t_start=0.0, t_stop=None, binary=True)`:
/// `complexity_histogram` divided by its sum (the number of bins).
pub fn complexity_pdf<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<Vec<f64>> {
    let (_, c) = complexities("complexity_pdf", trains, bin_size, t_start, t_stop, binary)?;
    let h = bincount(&c);
    let total: i64 = h.iter().sum();
    Ok(h.iter().map(|&v| v as f64 / total as f64).collect())
}

/// #76 `synchronous_event_times(trains, bin_size, t_start=0.0, t_stop=None,
/// min_complexity=2, binary=True)`: the left edges of the bins whose complexity is
/// `>= min_complexity` (`min_complexity >= 0`; 0 gives every bin).
pub fn synchronous_event_times<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    min_complexity: i64,
    binary: bool,
) -> Result<Vec<f64>> {
    let object = "synchronous_event_times";
    if min_complexity < 0 {
        return Err(Error::out_of_range(
            object,
            "min_complexity",
            min_complexity,
            "[0, inf)",
        ));
    }
    let (b, c) = complexities(object, trains, bin_size, t_start, t_stop, binary)?;
    let edges = b.binning.edges();
    Ok(c.iter()
        .zip(&edges)
        .filter(|&(&k, _)| k >= min_complexity)
        .map(|(_, &e)| e)
        .collect())
}

// -------------------------------------------------------------- 77–82: scalar measures

/// #77 `synchrony_index(trains, bin_size, t_start=0.0, t_stop=None)`: Golomb's χ on the bin
/// counts, `sqrt(var_k(mean_i B[i,k]) / mean_i var_k(B[i,k]))` with ddof = 0. No train, or a
/// zero denominator, gives NaN. Computed from exact integer sums.
pub fn synchrony_index<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    let object = "synchrony_index";
    let b = Binned::new(object, "trains", trains, bin_size, t_start, t_stop, false)?;
    let n = trains.len();
    if n == 0 {
        return Ok(f64::NAN);
    }
    let l = b.n_bins() as i128;
    // Σ_i var_i = Σ_i (L Σ b² − N_i²) / L².
    let den: i128 = (0..n).map(|i| b.centered_dot(i, i)).sum();
    if den == 0 {
        return Ok(f64::NAN);
    }
    // var_k(c_k / N) = (L Σ c² − (Σ c)²) / (L² N²).
    let cols = column_sums(object, &b)?;
    let (s1, s2) = cols.iter().fold((0i128, 0i128), |(s1, s2), &c| {
        (s1 + c as i128, s2 + c as i128 * c as i128)
    });
    let num = l * s2 - s1 * s1;
    // ratio = [num / (L² N²)] / [den / (L² N)] = num / (den N)
    Ok((num as f64 / (den as f64 * n as f64)).sqrt())
}

/// #78 ★ `mean_pairwise_correlation(trains, bin_size, t_start=0.0, t_stop=None,
/// binary=False)`: the mean of the finite entries of the upper triangle (i < j) of
/// `correlation_matrix`; no finite entry (e.g. fewer than 2 trains) gives NaN. Pairs are
/// computed in parallel and summed in a fixed order.
pub fn mean_pairwise_correlation<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    binary: bool,
) -> Result<f64> {
    let b = Binned::new(
        "mean_pairwise_correlation",
        "trains",
        trains,
        bin_size,
        t_start,
        t_stop,
        binary,
    )?;
    let n = trains.len();
    let rows: Vec<Vec<f64>> = (0..n)
        .into_par_iter()
        .map(|i| {
            (i + 1..n)
                .map(|j| b.correlation(i, j))
                .filter(|r| r.is_finite())
                .collect()
        })
        .collect();
    let count: usize = rows.iter().map(Vec::len).sum();
    if count == 0 {
        return Ok(f64::NAN);
    }
    let sum: f64 = rows.iter().flatten().sum();
    Ok(sum / count as f64)
}

/// #79 `population_fano_factor(trains, bin_size, t_start=0.0, t_stop=None)`: `var/mean`
/// (ddof = 0) of the summed counts per bin `B.sum(0)`; a mean of 0 gives NaN.
pub fn population_fano_factor<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    let object = "population_fano_factor";
    let b = Binned::new(object, "trains", trains, bin_size, t_start, t_stop, false)?;
    let cols = column_sums(object, &b)?;
    let l = cols.len() as i128;
    let (s1, s2) = cols.iter().fold((0i128, 0i128), |(s1, s2), &c| {
        (s1 + c as i128, s2 + c as i128 * c as i128)
    });
    if s1 == 0 {
        return Ok(f64::NAN);
    }
    // var / mean = [(L Σc² − (Σc)²)/L²] / [Σc/L] = (L Σc² − (Σc)²) / (L Σc)
    Ok((l * s2 - s1 * s1) as f64 / (l * s1) as f64)
}

/// #80 `active_fraction(trains, t_start=None, t_stop=None)`: the fraction of trains with at
/// least one spike `>= t_start` (when given) and `<= t_stop` (when given). No train gives NaN.
/// Both bounds given with `t_stop <= t_start` is an error.
pub fn active_fraction<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: Option<f64>,
    t_stop: Option<f64>,
) -> Result<f64> {
    let object = "active_fraction";
    let sorted = sorted_trains(object, "trains", trains)?;
    for (field, v) in [("t_start", t_start), ("t_stop", t_stop)] {
        if let Some(v) = v.filter(|v| !v.is_finite()) {
            return Err(Error::out_of_range(object, field, v, "a finite number"));
        }
    }
    if let (Some(a), Some(b)) = (t_start, t_stop)
        && b <= a
    {
        return Err(Error::out_of_range(
            object,
            "t_stop",
            b,
            format!("(t_start = {a}, inf)"),
        ));
    }
    if sorted.is_empty() {
        return Ok(f64::NAN);
    }
    let lo = t_start.unwrap_or(f64::NEG_INFINITY);
    let hi = t_stop.unwrap_or(f64::INFINITY);
    let active = sorted
        .iter()
        .filter(|x| !in_window(x, lo, hi).is_empty())
        .count();
    Ok(active as f64 / sorted.len() as f64)
}

/// Family 1 #3 `firing_rates` (private stand-in): spikes in `[t_start, t_stop]` per train
/// divided by the window length, one shared G5 window.
fn firing_rates(
    object: &str,
    sorted: &[Vec<f64>],
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<Vec<f64>> {
    let refs: Vec<&[f64]> = sorted.iter().map(Vec::as_slice).collect();
    let (t0, t1) = window(object, t_start, t_stop, &refs)?;
    Ok(refs
        .iter()
        .map(|x| in_window(x, t0, t1).len() as f64 / (t1 - t0))
        .collect())
}

/// #81 `population_sparseness(trains, t_start=0.0, t_stop=None)`: Vinje & Gallant (2000) on
/// the firing rates r: `a = mean(r)²/mean(r²)`, `S = (1 − a)/(1 − 1/N)`. N < 2 or all rates
/// 0 gives NaN.
pub fn population_sparseness<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    let object = "population_sparseness";
    let sorted = sorted_trains(object, "trains", trains)?;
    let r = firing_rates(object, &sorted, t_start, t_stop)?;
    let n = r.len() as f64;
    if r.len() < 2 || r.iter().all(|&v| v == 0.0) {
        return Ok(f64::NAN);
    }
    let mean = r.iter().sum::<f64>() / n;
    let mean_sq = r.iter().map(|v| v * v).sum::<f64>() / n;
    let a = mean * mean / mean_sq;
    Ok((1.0 - a) / (1.0 - 1.0 / n))
}

/// #82 `participation_ratio(trains, bin_size, t_start=0.0, t_stop=None)`:
/// `(tr C)² / ||C||_F²` (= `(Σλ)²/Σλ²`), C the covariance matrix (ddof = 1) of the bin counts.
/// `tr C == 0` (or no train) gives NaN. Pairs are computed in parallel and summed in a fixed
/// order.
pub fn participation_ratio<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    let b = Binned::new(
        "participation_ratio",
        "trains",
        trains,
        bin_size,
        t_start,
        t_stop,
        false,
    )?;
    let n = trains.len();
    // Row i: (C_ii, C_ii² + 2 Σ_{j>i} C_ij²).
    let rows: Vec<(f64, f64)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let d = b.covariance(i, i);
            let off: f64 = (i + 1..n).map(|j| b.covariance(i, j).powi(2)).sum();
            (d, d * d + 2.0 * off)
        })
        .collect();
    let trace: f64 = rows.iter().map(|r| r.0).sum();
    let frob: f64 = rows.iter().map(|r| r.1).sum();
    if trace == 0.0 || n == 0 {
        return Ok(f64::NAN);
    }
    Ok(trace * trace / frob)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha_median_solves_the_cdf() {
        let z = alpha_median_units();
        assert!((1.0 - (-z).exp() * (1.0 + z) - 0.5).abs() < 1e-15);
        assert!((z - 1.678_346_990_016_66).abs() < 1e-13);
    }

    #[test]
    fn kernels_integrate_to_one() {
        for name in SmoothingKernel::NAMES {
            let k = SmoothingKernel::from_name(name).unwrap();
            let h = 1e-4;
            let s: f64 = (-100_000..=100_000)
                .map(|i| k.eval(i as f64 * h, 0.5))
                .sum::<f64>()
                * h;
            assert!((s - 1.0).abs() < 1e-3, "{name}: {s}");
            assert_eq!(k.name(), name);
        }
    }

    #[test]
    fn bincount_has_the_largest_value_plus_one_entries() {
        assert_eq!(bincount(&[0, 2, 2, 0, 1]), vec![2, 1, 2]);
        assert_eq!(bincount(&[]), vec![0]);
    }
}
