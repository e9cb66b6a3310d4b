//! Family 6 of the catalogue: surrogates and generators (entries 83–92 of `crate::catalogue`).
//!
//! Every function is stochastic (G9): it takes `seed: Option<u64>` and draws from
//! [`RngStream`]`::new(seed, StreamKind::Analysis, <catalogue number>, <entity>)`, one stream
//! per surrogate (entity = surrogate index; for `trial_shifting` one per surrogate and trial),
//! so results are bit-identical for a seed whatever the thread count, and `None` takes the
//! seed from OS entropy. Spikes are first restricted to `[t_start, t_stop]` (G5, closed) and
//! sorted (G3); every surrogate is returned sorted.
//!
//! Only invariants and distributions are specified (the Elephant random stream is not
//! reproduced); each function documents what it preserves.

use std::collections::HashMap;
use std::hash::BuildHasher;

use rayon::prelude::*;
use sc_neurocore_core::{Error, Result, RngStream, StreamKind};

use crate::conventions::{check_finite, floor_tol, in_window, positive, sorted_train, window};

/// Generators refuse to produce more than this many expected spikes (memory guard).
const MAX_EXPECTED_SPIKES: f64 = 1e8;

/// The seed: the caller's, or one from OS entropy (`RandomState` is randomly keyed per
/// process and per instance).
fn seed_or_entropy(seed: Option<u64>) -> u64 {
    seed.unwrap_or_else(|| std::collections::hash_map::RandomState::new().hash_one(0x5EED_u64))
}

/// The stream of (seed, catalogue entry `object`, `entity`).
fn stream(seed: u64, object: u32, entity: u64) -> RngStream {
    RngStream::new(seed, StreamKind::Analysis, object, entity)
}

/// `n` surrogates made in parallel, surrogate k from its own stream.
fn surrogates<F>(seed: Option<u64>, object: u32, n: usize, make: F) -> Vec<Vec<f64>>
where
    F: Fn(&mut RngStream) -> Vec<f64> + Sync,
{
    let seed = seed_or_entropy(seed);
    (0..n)
        .into_par_iter()
        .map(|k| make(&mut stream(seed, object, k as u64)))
        .collect()
}

/// A parameter that must be finite and `>= 0`.
fn non_negative(object: &str, field: &str, value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::out_of_range(object, field, value, "[0, inf)"))
    }
}

/// G4 + G3 + G5 with a required window: the sorted spikes inside `[t_start, t_stop]`.
fn windowed(
    object: &str,
    spikes: &[f64],
    t_start: f64,
    t_stop: f64,
) -> Result<(Vec<f64>, f64, f64)> {
    let x = sorted_train(object, "spikes", spikes)?;
    let (a, b) = window(object, t_start, Some(t_stop), &[])?;
    Ok((in_window(&x, a, b).to_vec(), a, b))
}

/// Exp(1).
#[inline]
fn exponential(r: &mut RngStream) -> f64 {
    -r.uniform_open0().ln()
}

/// Gamma(shape, 1): Marsaglia & Tsang (2000); for `shape < 1` boosted with `U^(1/shape)`.
fn gamma(r: &mut RngStream, shape: f64) -> f64 {
    if shape < 1.0 {
        return gamma(r, shape + 1.0) * r.uniform_open0().powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = r.normal();
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = r.uniform_open0();
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// A random permutation of `0..n` (Fisher–Yates).
fn permutation(r: &mut RngStream, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = r.below(i as u64 + 1) as usize;
        p.swap(i, j);
    }
    p
}

/// Fisher–Yates over `0..n` drawn one entry at a time, storing only the displaced entries
/// (so a window of many bins costs memory only for the bins that are drawn).
struct SparseShuffle {
    n: usize,
    k: usize,
    moved: HashMap<usize, usize>,
}

impl SparseShuffle {
    fn new(n: usize) -> Self {
        SparseShuffle {
            n,
            k: 0,
            moved: HashMap::new(),
        }
    }

    /// Entry k of the shuffled sequence (k = 0, 1, … on successive calls; k < n).
    fn next(&mut self, r: &mut RngStream) -> usize {
        let k = self.k;
        let j = k + r.below((self.n - k) as u64) as usize;
        let at_j = self.moved.get(&j).copied().unwrap_or(j);
        let at_k = self.moved.get(&k).copied().unwrap_or(k);
        self.moved.insert(j, at_k);
        self.k += 1;
        at_j
    }
}

/// Sorts a surrogate (total order; values are finite).
fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

// ------------------------------------------------------------------ 83–86: spike surrogates

/// #83 `dither_spikes(spikes, dither, t_start, t_stop, n_surrogates=1, edges=True,
/// seed=None)`: every spike of the window moves independently by U(−dither, dither).
/// With `edges = true`, spikes landing outside the open window `(t_start, t_stop)` are
/// removed; with `edges = false` they are clipped to `[t_start, t_stop]` (the count is kept).
/// Errors: non-finite spikes, a bad window, `dither` not in [0, inf).
/// Mirrors `elephant.spike_train_surrogates.dither_spikes`.
pub fn dither_spikes(
    spikes: &[f64],
    dither: f64,
    t_start: f64,
    t_stop: f64,
    n_surrogates: usize,
    edges: bool,
    seed: Option<u64>,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "dither_spikes";
    let (x, a, b) = windowed(F, spikes, t_start, t_stop)?;
    let dither = non_negative(F, "dither", dither)?;
    Ok(surrogates(seed, 83, n_surrogates, |r| {
        let moved = x.iter().map(|&t| t + (2.0 * r.uniform() - 1.0) * dither);
        sorted(if edges {
            moved.filter(|&t| a < t && t < b).collect()
        } else {
            moved.map(|t| t.clamp(a, b)).collect()
        })
    }))
}

/// #84 `dither_spike_train(spikes, shift, t_start, t_stop, n_surrogates=1, edges=True,
/// seed=None)`: the whole train (of the window) moves rigidly by one U(−shift, shift) per
/// surrogate. With `edges = true`, spikes outside `[t_start, t_stop)` are dropped; with
/// `edges = false` they are clipped to `[t_start, t_stop]`.
/// Errors: non-finite spikes, a bad window, `shift` not in [0, inf).
/// Mirrors `elephant.spike_train_surrogates.dither_spike_train`.
pub fn dither_spike_train(
    spikes: &[f64],
    shift: f64,
    t_start: f64,
    t_stop: f64,
    n_surrogates: usize,
    edges: bool,
    seed: Option<u64>,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "dither_spike_train";
    let (x, a, b) = windowed(F, spikes, t_start, t_stop)?;
    let shift = non_negative(F, "shift", shift)?;
    Ok(surrogates(seed, 84, n_surrogates, |r| {
        let c = (2.0 * r.uniform() - 1.0) * shift;
        let moved = x.iter().map(|&t| t + c);
        // A shift keeps the order (rounding is monotone); clipping too.
        if edges {
            moved.filter(|&t| a <= t && t < b).collect()
        } else {
            moved.map(|t| t.clamp(a, b)).collect()
        }
    }))
}

/// #85 `randomise_spikes(spikes, t_start, t_stop, n_surrogates=1, seed=None)`: as many spikes
/// as the window holds, drawn i.i.d. uniformly in `[t_start, t_stop)` and sorted.
/// Errors: non-finite spikes, a bad window.
/// Mirrors `elephant.spike_train_surrogates.randomise_spikes`.
pub fn randomise_spikes(
    spikes: &[f64],
    t_start: f64,
    t_stop: f64,
    n_surrogates: usize,
    seed: Option<u64>,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "randomise_spikes";
    let (x, a, b) = windowed(F, spikes, t_start, t_stop)?;
    let n = x.len();
    Ok(surrogates(seed, 85, n_surrogates, |r| {
        sorted((0..n).map(|_| uniform_in(r, a, b)).collect())
    }))
}

/// U[a, b) (never b, also after rounding).
#[inline]
fn uniform_in(r: &mut RngStream, a: f64, b: f64) -> f64 {
    let t = a + (b - a) * r.uniform();
    if t < b { t } else { a }
}

/// #86 `shuffle_isis(spikes, t_start, t_stop, n_surrogates=1, seed=None)`: the interval
/// multiset `{x_1 − t_start, x_2 − x_1, …}` of the window's spikes is permuted at random and
/// summed cumulatively from `t_start` (so the last spike stays where it was, up to rounding;
/// results are clipped to `[t_start, t_stop]` against that rounding).
/// Errors: non-finite spikes, a bad window.
/// Mirrors `elephant.spike_train_surrogates.shuffle_isis`.
pub fn shuffle_isis(
    spikes: &[f64],
    t_start: f64,
    t_stop: f64,
    n_surrogates: usize,
    seed: Option<u64>,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "shuffle_isis";
    let (x, a, b) = windowed(F, spikes, t_start, t_stop)?;
    let intervals: Vec<f64> = x
        .iter()
        .enumerate()
        .map(|(k, &t)| t - if k == 0 { a } else { x[k - 1] })
        .collect();
    Ok(surrogates(seed, 86, n_surrogates, |r| {
        let mut s = 0.0;
        // Intervals are >= 0, so the cumulative sums ascend.
        permutation(r, intervals.len())
            .into_iter()
            .map(|k| {
                s += intervals[k];
                (a + s).clamp(a, b)
            })
            .collect()
    }))
}

// ------------------------------------------------------------------ 87–89: generators

/// Checks a rate (finite, `>= 0`) and the expected spike count against the memory guard.
fn expected_count(object: &str, field: &str, rate: f64, duration: f64) -> Result<f64> {
    let rate = non_negative(object, field, rate)?;
    let n = rate * duration;
    if n > MAX_EXPECTED_SPIKES {
        return Err(Error::out_of_range(
            object,
            field,
            rate,
            format!(
                "values giving at most {MAX_EXPECTED_SPIKES:e} expected spikes (this gives {n:e})"
            ),
        ));
    }
    Ok(rate)
}

/// #87 `poisson_process(rate, t_start, t_stop, refractory_period=0.0, seed=None) -> ndarray`:
/// a stationary Poisson process on `[t_start, t_stop)`, or one with dead time when
/// `refractory_period = d > 0`: the ISIs are `d + Exp(mean 1/rate − d)`, so `rate` is the
/// actual mean rate and the ISI CV is `1 − rate·d`.
///
/// The first spike is drawn from the equilibrium (stationary) distribution, as Elephant's
/// default `equilibrium=True` does: `t_start + Exp(1/rate)` without dead time; with dead time,
/// `t_start + U/rate` when `U <= rate·d`, else
/// `t_start + d + (ln(1 − rate·d) − ln(1 − U))/r_eff` with `r_eff = rate/(1 − rate·d)` (Elephant
/// forgets the `t_start` in this last branch; not copied). So the expected count is exactly
/// `rate·(t_stop − t_start)`. `rate = 0` gives an empty train.
///
/// Errors: a bad window, `rate` or `refractory_period` not in [0, inf), `rate·d >= 1`, more
/// than 1e8 expected spikes. Mirrors `elephant.spike_train_generation.StationaryPoissonProcess`.
pub fn poisson_process(
    rate: f64,
    t_start: f64,
    t_stop: f64,
    refractory_period: f64,
    seed: Option<u64>,
) -> Result<Vec<f64>> {
    const F: &str = "poisson_process";
    let (a, b) = window(F, t_start, Some(t_stop), &[])?;
    let rate = expected_count(F, "rate", rate, b - a)?;
    let d = non_negative(F, "refractory_period", refractory_period)?;
    if rate * d >= 1.0 {
        return Err(Error::out_of_range(
            F,
            "refractory_period",
            d,
            format!(
                "[0, 1/rate = {}) (rate·refractory_period must be < 1)",
                1.0 / rate
            ),
        ));
    }
    if rate == 0.0 {
        return Ok(Vec::new());
    }
    let mut r = stream(seed_or_entropy(seed), 87, 0);
    let mean_exp = 1.0 / rate - d; // mean of the exponential part
    let first = if d == 0.0 {
        exponential(&mut r) * mean_exp
    } else {
        let u = r.uniform();
        if u <= rate * d {
            u / rate
        } else {
            d + ((1.0 - rate * d).ln() - (1.0 - u).ln()) * mean_exp
        }
    };
    renewal(F, a, b, rate, first, || d + exponential(&mut r) * mean_exp)
}

/// The spikes `t_start + u` of a renewal process for the offsets `u = first, first + isi(),
/// …` below `t_stop − t_start` (offsets, so that the ISIs accumulate without the rounding of
/// large absolute times), stopping at the first time `>= t_stop`. More than
/// `min(1e8, 1e6 + 1000·rate·T)` spikes is an error: a process whose intervals are mostly 0
/// in floating point (a gamma shape near 0) would never end.
fn renewal(
    object: &str,
    a: f64,
    b: f64,
    rate: f64,
    first: f64,
    mut isi: impl FnMut() -> f64,
) -> Result<Vec<f64>> {
    let span = b - a;
    let cap = MAX_EXPECTED_SPIKES.min(1e6 + 1000.0 * rate * span);
    let mut out = Vec::with_capacity((rate * span * 1.1) as usize + 8);
    let mut u = first;
    while u < span {
        let t = a + u;
        if t >= b {
            break;
        }
        if out.len() as f64 >= cap {
            return Err(Error::invalid(
                object,
                format!(
                    "the process produced more than {cap:e} spikes in the window (1e6 + 1000 \
                     times the expected count): its intervals are too short to simulate"
                ),
            ));
        }
        out.push(t);
        u += isi();
    }
    Ok(out)
}

/// #88 `gamma_process(rate, shape, t_start, t_stop, seed=None) -> ndarray`: a gamma renewal
/// process on `[t_start, t_stop)`; the ISIs are Gamma(shape, scale = 1/(rate·shape)) (mean
/// 1/rate, CV 1/√shape) and the first spike is one ISI after `t_start` (ordinary renewal
/// process). `rate = 0` gives an empty train.
/// Errors: a bad window, `rate` not in [0, inf), `shape` not in (0, inf), more than 1e8
/// expected spikes, or a run-away count (a tiny `shape` makes most intervals 0).
/// Mirrors `elephant.spike_train_generation.StationaryGammaProcess`.
pub fn gamma_process(
    rate: f64,
    shape: f64,
    t_start: f64,
    t_stop: f64,
    seed: Option<u64>,
) -> Result<Vec<f64>> {
    const F: &str = "gamma_process";
    let (a, b) = window(F, t_start, Some(t_stop), &[])?;
    let rate = expected_count(F, "rate", rate, b - a)?;
    let shape = positive(F, "shape", shape)?;
    if rate == 0.0 {
        return Ok(Vec::new());
    }
    let mut r = stream(seed_or_entropy(seed), 88, 0);
    let scale = 1.0 / (rate * shape);
    let first = gamma(&mut r, shape) * scale;
    renewal(F, a, b, rate, first, || gamma(&mut r, shape) * scale)
}

/// #89 `inhomogeneous_poisson_process(rate_signal, sampling_period, t_start=0.0, seed=None)
/// -> ndarray`: a Poisson process with the piecewise-constant rate `rate_signal[k]` (Hz) on
/// `[t_start + k·sp, t_start + (k+1)·sp)`: each sample draws a Poisson(rate·sp) count and
/// places its spikes uniformly in its interval. The result is sorted.
/// Errors: a non-finite or negative rate, `sampling_period` not in (0, inf), a non-finite
/// `t_start`, more than 1e8 expected spikes.
/// Mirrors `elephant.spike_train_generation.NonStationaryPoissonProcess`.
pub fn inhomogeneous_poisson_process(
    rate_signal: &[f64],
    sampling_period: f64,
    t_start: f64,
    seed: Option<u64>,
) -> Result<Vec<f64>> {
    const F: &str = "inhomogeneous_poisson_process";
    check_finite(F, "rate_signal", rate_signal)?;
    if let Some(k) = rate_signal.iter().position(|&v| v < 0.0) {
        return Err(Error::out_of_range(
            F,
            format!("rate_signal[{k}]"),
            rate_signal[k],
            "[0, inf)",
        ));
    }
    let sp = positive(F, "sampling_period", sampling_period)?;
    if !t_start.is_finite() {
        return Err(Error::out_of_range(
            F,
            "t_start",
            t_start,
            "a finite number",
        ));
    }
    let total: f64 = rate_signal.iter().map(|&v| v * sp).sum();
    if total > MAX_EXPECTED_SPIKES {
        return Err(Error::out_of_range(
            F,
            "rate_signal",
            format!("(sum·sampling_period = {total:e} expected spikes)"),
            format!("at most {MAX_EXPECTED_SPIKES:e} expected spikes"),
        ));
    }
    let mut r = stream(seed_or_entropy(seed), 89, 0);
    let mut out = Vec::with_capacity((total * 1.1) as usize + 8);
    for (k, &rate) in rate_signal.iter().enumerate() {
        if rate == 0.0 {
            continue;
        }
        let lo = t_start + k as f64 * sp;
        let hi = t_start + (k + 1) as f64 * sp;
        let n = r.poisson(rate * sp);
        for _ in 0..n {
            out.push(uniform_in(&mut r, lo, hi));
        }
    }
    Ok(sorted(out))
}

// ------------------------------------------------------------------ 90–92: binned surrogates

/// The bins of the surrogate functions: `[t_start + k·b, min(t_start + (k+1)·b, t_stop))`,
/// enough of them to cover the window (the G6 count, plus a last partial bin when the window
/// is not a whole number of bins up to G6's 1e-8 tolerance). A spike's bin is the G6 index
/// `floor_tol((t − t_start)·(1/b))`, capped at the last bin (so `t_stop` belongs to it).
struct CoverBins {
    t_start: f64,
    t_stop: f64,
    bin_size: f64,
    n: usize,
}

impl CoverBins {
    fn new(object: &str, t_start: f64, t_stop: f64, bin_size: f64) -> Result<Self> {
        let b = positive(object, "bin_size", bin_size)?;
        let ratio = (t_stop - t_start) / b;
        let whole = floor_tol(ratio);
        let n = if (ratio - whole).abs() <= 1e-8 {
            whole
        } else {
            whole + 1.0
        }
        .max(1.0);
        if n > crate::rates::MAX_BINS as f64 {
            return Err(Error::out_of_range(
                object,
                "bin_size",
                bin_size,
                format!("values giving at most {} bins", crate::rates::MAX_BINS),
            ));
        }
        Ok(CoverBins {
            t_start,
            t_stop,
            bin_size: b,
            n: n as usize,
        })
    }

    fn index(&self, t: f64) -> usize {
        let k = floor_tol((t - self.t_start) * (1.0 / self.bin_size)).max(0.0) as usize;
        k.min(self.n - 1)
    }

    /// `[lo, hi)` of bin k.
    fn bounds(&self, k: usize) -> (f64, f64) {
        let lo = self.t_start + k as f64 * self.bin_size;
        let hi = (self.t_start + (k + 1) as f64 * self.bin_size).min(self.t_stop);
        (lo, hi)
    }
}

/// #90 `jitter_spikes(spikes, bin_size, t_start, t_stop, n_surrogates=1, seed=None)`: window
/// jitter: every spike of the window is redrawn uniformly inside its own bin
/// `[t_start + k·bin_size, min(t_start + (k+1)·bin_size, t_stop))` (bin index by the G6
/// rule; a spike at `t_stop` belongs to the last bin). Per-bin counts are preserved. Bin
/// edges start at `t_start` (Elephant 1.2.1's are wrong for `t_start ≠ 0`; not copied).
/// Errors: non-finite spikes, a bad window, `bin_size` not in (0, inf).
/// Mirrors `elephant.spike_train_surrogates.jitter_spikes`.
pub fn jitter_spikes(
    spikes: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: f64,
    n_surrogates: usize,
    seed: Option<u64>,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "jitter_spikes";
    let (x, a, b) = windowed(F, spikes, t_start, t_stop)?;
    let bins = CoverBins::new(F, a, b, bin_size)?;
    let idx: Vec<usize> = x.iter().map(|&t| bins.index(t)).collect();
    Ok(surrogates(seed, 90, n_surrogates, |r| {
        sorted(
            idx.iter()
                .map(|&k| {
                    let (lo, hi) = bins.bounds(k);
                    uniform_in(r, lo, hi)
                })
                .collect(),
        )
    }))
}

/// #91 `bin_shuffling(spikes, bin_size, max_displacement, t_start, t_stop, n_surrogates=1,
/// seed=None)`: continuous-time bin shuffling. The window's bins (as in [`jitter_spikes`]) are
/// grouped into consecutive windows of `2·max_displacement` bins (the last one possibly
/// shorter); within each window the bins are permuted at random (one permutation per window
/// and surrogate, over that window's own bins), and every spike goes to its bin's new bin at
/// a uniform position. The count and the counts per window (and per bin, up to the
/// permutation) are preserved; no spike leaves the window.
/// Errors: non-finite spikes, a bad window, `bin_size` not in (0, inf),
/// `max_displacement < 1`. Mirrors Elephant's `bin_shuffling` for a `neo.SpikeTrain`.
pub fn bin_shuffling(
    spikes: &[f64],
    bin_size: f64,
    max_displacement: usize,
    t_start: f64,
    t_stop: f64,
    n_surrogates: usize,
    seed: Option<u64>,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "bin_shuffling";
    let (x, a, b) = windowed(F, spikes, t_start, t_stop)?;
    let bins = CoverBins::new(F, a, b, bin_size)?;
    if max_displacement < 1 {
        return Err(Error::out_of_range(
            F,
            "max_displacement",
            max_displacement,
            "[1, inf) bins",
        ));
    }
    let w = max_displacement.saturating_mul(2);
    let idx: Vec<usize> = x.iter().map(|&t| bins.index(t)).collect();
    Ok(surrogates(seed, 91, n_surrogates, |r| {
        // The spikes ascend, so their windows do: draw each occupied window's permutation
        // when its first spike comes, then the spikes' positions.
        let mut out = Vec::with_capacity(idx.len());
        let mut current = usize::MAX;
        let mut shuffle = SparseShuffle::new(0);
        let mut images: HashMap<usize, usize> = HashMap::new();
        for &k in &idx {
            let (win, off) = (k / w, k % w);
            if win != current {
                current = win;
                shuffle = SparseShuffle::new(w.min(bins.n - win * w));
                images.clear();
            }
            // The occupied bins take the first entries of a uniform random permutation of the
            // window's bins, in order of first occupation: a uniform random injection.
            let image = *images.entry(off).or_insert_with(|| shuffle.next(r));
            let (lo, hi) = bins.bounds(win * w + image);
            out.push(uniform_in(r, lo, hi));
        }
        sorted(out)
    }))
}

/// #92 `trial_shifting(trials, dither, t_start, t_stop, n_surrogates=1, seed=None) ->
/// list[list[ndarray]]`: every trial (its spikes in `[t_start, t_stop]`) is shifted by its own
/// U(−dither, dither) and wrapped cyclically into `[t_start, t_stop)`. The result is indexed
/// `[surrogate][trial]`. Per-trial counts and the cyclic gap multiset are preserved.
/// Errors: non-finite spikes, a bad window, `dither` not in [0, inf).
/// Mirrors `elephant.spike_train_surrogates.trial_shifting`.
pub fn trial_shifting<T: AsRef<[f64]>>(
    trials: &[T],
    dither: f64,
    t_start: f64,
    t_stop: f64,
    n_surrogates: usize,
    seed: Option<u64>,
) -> Result<Vec<Vec<Vec<f64>>>> {
    const F: &str = "trial_shifting";
    let (a, b) = window(F, t_start, Some(t_stop), &[])?;
    let xs: Vec<Vec<f64>> = trials
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let x = sorted_train(F, &format!("trials[{k}]"), t.as_ref())?;
            Ok(in_window(&x, a, b).to_vec())
        })
        .collect::<Result<_>>()?;
    let dither = non_negative(F, "dither", dither)?;
    let seed = seed_or_entropy(seed);
    let period = b - a;
    let n_trials = xs.len() as u64;
    Ok((0..n_surrogates)
        .into_par_iter()
        .map(|s| {
            xs.iter()
                .enumerate()
                .map(|(k, x)| {
                    let mut r = stream(seed, 92, s as u64 * n_trials + k as u64);
                    let c = (2.0 * r.uniform() - 1.0) * dither;
                    sorted(
                        x.iter()
                            .map(|&t| {
                                let mut u = (t + c - a).rem_euclid(period);
                                if u >= period {
                                    u = 0.0; // rem_euclid of a tiny negative rounds to period
                                }
                                a + u
                            })
                            .collect(),
                    )
                })
                .collect()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_variates_have_the_right_moments() {
        // Gamma(k, 1): mean k, variance k. 200 000 draws: 6 standard errors.
        for shape in [0.3, 1.0, 2.5, 9.0] {
            let mut r = stream(7, 88, 0);
            let n = 200_000;
            let xs: Vec<f64> = (0..n).map(|_| gamma(&mut r, shape)).collect();
            let mean = xs.iter().sum::<f64>() / n as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
            let se_mean = (shape / n as f64).sqrt();
            assert!((mean - shape).abs() < 6.0 * se_mean, "{shape}: {mean}");
            // Var of the sample variance of a gamma: (μ4 − σ⁴)/n with μ4 = 3k² + 6k.
            let se_var = ((3.0 * shape * shape + 6.0 * shape - shape * shape) / n as f64).sqrt();
            assert!((var - shape).abs() < 6.0 * se_var, "{shape}: {var}");
        }
    }

    #[test]
    fn permutations_are_permutations() {
        let mut r = stream(1, 91, 0);
        for n in [0, 1, 2, 7, 100] {
            let mut p = permutation(&mut r, n);
            p.sort_unstable();
            assert_eq!(p, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn sparse_shuffles_are_uniform_permutations() {
        let mut r = stream(2, 91, 0);
        for n in [1, 2, 9, 50] {
            let mut s = SparseShuffle::new(n);
            let mut p: Vec<usize> = (0..n).map(|_| s.next(&mut r)).collect();
            p.sort_unstable();
            assert_eq!(p, (0..n).collect::<Vec<_>>());
        }
        // The first entry is uniform over 0..4: 40 000 draws, each count within 5 SE.
        let mut counts = [0.0f64; 4];
        for _ in 0..40_000 {
            counts[SparseShuffle::new(4).next(&mut r)] += 1.0;
        }
        let se = (40_000.0f64 * 0.25 * 0.75).sqrt();
        assert!(
            counts.iter().all(|c| (c - 10_000.0).abs() < 5.0 * se),
            "{counts:?}"
        );
    }

    #[test]
    fn cover_bins_include_a_partial_last_bin() {
        let b = CoverBins::new("t", 0.0, 1.05, 0.1).unwrap();
        assert_eq!(b.n, 11);
        assert_eq!(b.bounds(10), (1.0, 1.05));
        assert_eq!(b.index(1.05), 10);
        let b = CoverBins::new("t", 0.0, 1.0, 0.1).unwrap();
        assert_eq!(b.n, 10);
        assert_eq!(b.index(1.0), 9);
        assert_eq!(b.index(0.3), 3);
        let b = CoverBins::new("t", 0.0, 0.05, 0.1).unwrap();
        assert_eq!((b.n, b.bounds(0)), (1, (0.0, 0.05)));
    }
}
