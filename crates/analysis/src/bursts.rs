//! Family 9 of the catalogue: bursts (entries 110–120 of `crate::catalogue`).
//!
//! An *ISI burst* is a maximal run of consecutive spikes of the sorted train (G3, duplicates
//! kept) in which every ISI is `<= max_isi`, with at least `min_spikes` spikes; it has a start
//! (first spike), an end (last spike) and a spike count. Undefined statistics are NaN (G8);
//! invalid parameters are errors naming the function, the argument, the value and the range.

use sc_neurocore_core::{Error, Result};

use crate::conventions::{Binning, in_window, mean_var, sorted_train, sorted_trains, window};
use crate::rates::check_bins;

/// A run of the sorted train: spikes `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    first: usize,
    last: usize,
}

impl Run {
    fn count(self) -> usize {
        self.last - self.first + 1
    }
    fn duration(self, x: &[f64]) -> f64 {
        x[self.last] - x[self.first]
    }
}

/// A parameter that must be finite and `>= 0` (ISI thresholds, durations).
fn non_negative(object: &str, field: &str, value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::out_of_range(object, field, value, "[0, inf)"))
    }
}

/// A count parameter that must be `>= 1` (`min_spikes`, `min_bins`).
fn at_least_one(object: &str, field: &str, value: usize) -> Result<usize> {
    if value >= 1 {
        Ok(value)
    } else {
        Err(Error::out_of_range(object, field, value, "[1, inf)"))
    }
}

/// The ISI bursts of a sorted train: maximal runs with every ISI `<= max_isi`, of at least
/// `min_spikes` spikes.
fn isi_bursts(x: &[f64], max_isi: f64, min_spikes: usize) -> Vec<Run> {
    let mut out = Vec::new();
    let mut first = 0;
    for k in 0..x.len() {
        let ends = k + 1 == x.len() || x[k + 1] - x[k] > max_isi;
        if ends {
            let run = Run { first, last: k };
            if run.count() >= min_spikes {
                out.push(run);
            }
            first = k + 1;
        }
    }
    out
}

/// Checks the common arguments, sorts the train and finds its ISI bursts.
fn bursts_of(
    object: &str,
    spikes: &[f64],
    max_isi: f64,
    min_spikes: usize,
) -> Result<(Vec<f64>, Vec<Run>)> {
    let x = sorted_train(object, "spikes", spikes)?;
    let max_isi = non_negative(object, "max_isi", max_isi)?;
    let min_spikes = at_least_one(object, "min_spikes", min_spikes)?;
    let runs = isi_bursts(&x, max_isi, min_spikes);
    Ok((x, runs))
}

/// `(start_times, end_times, n_spikes)` of runs of a sorted train.
fn describe(x: &[f64], runs: &[Run]) -> (Vec<f64>, Vec<f64>, Vec<i64>) {
    (
        runs.iter().map(|r| x[r.first]).collect(),
        runs.iter().map(|r| x[r.last]).collect(),
        runs.iter().map(|r| r.count() as i64).collect(),
    )
}

/// #110 `detect_bursts_isi(spikes, max_isi, min_spikes=3) -> (start_times, end_times,
/// n_spikes)`: the ISI bursts (maximal runs with every ISI `<= max_isi`, at least
/// `min_spikes` spikes), in time order; an empty train gives three empty arrays.
/// Errors: non-finite spikes, `max_isi` not in [0, inf), `min_spikes < 1`.
pub fn detect_bursts_isi(
    spikes: &[f64],
    max_isi: f64,
    min_spikes: usize,
) -> Result<(Vec<f64>, Vec<f64>, Vec<i64>)> {
    let (x, runs) = bursts_of("detect_bursts_isi", spikes, max_isi, min_spikes)?;
    Ok(describe(&x, &runs))
}

/// #111 `detect_bursts_max_interval(spikes, max_begin_isi, max_end_isi,
/// min_interburst_interval, min_burst_duration, min_spikes=3) -> (start_times, end_times,
/// n_spikes)`: NeuroExplorer's MaxInterval method on the sorted train, in three phases:
///
/// 1. Scan left to right: a burst starts at spike i when `x[i+1] − x[i] <= max_begin_isi`
///    (so it holds spikes i and i+1), extends while the next ISI is `<= max_end_isi`, and the
///    scan resumes after its last spike.
/// 2. Consecutive bursts merge when `start_next − end_prev < min_interburst_interval`
///    (repeatedly, against the merged burst's end); a merged burst is the contiguous run of
///    the train from the first burst's first spike to the last burst's last spike, so its
///    count includes any spikes between the bursts.
/// 3. Bursts with `end − start < min_burst_duration` or fewer than `min_spikes` spikes are
///    dropped.
///
/// Errors: non-finite spikes, a threshold not in [0, inf), `min_spikes < 1`.
pub fn detect_bursts_max_interval(
    spikes: &[f64],
    max_begin_isi: f64,
    max_end_isi: f64,
    min_interburst_interval: f64,
    min_burst_duration: f64,
    min_spikes: usize,
) -> Result<(Vec<f64>, Vec<f64>, Vec<i64>)> {
    const F: &str = "detect_bursts_max_interval";
    let x = sorted_train(F, "spikes", spikes)?;
    let begin = non_negative(F, "max_begin_isi", max_begin_isi)?;
    let end = non_negative(F, "max_end_isi", max_end_isi)?;
    let ibi = non_negative(F, "min_interburst_interval", min_interburst_interval)?;
    let min_duration = non_negative(F, "min_burst_duration", min_burst_duration)?;
    let min_spikes = at_least_one(F, "min_spikes", min_spikes)?;
    // Phase 1.
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < x.len() {
        if x[i + 1] - x[i] <= begin {
            let mut j = i + 1;
            while j + 1 < x.len() && x[j + 1] - x[j] <= end {
                j += 1;
            }
            found.push(Run { first: i, last: j });
            i = j + 1;
        } else {
            i += 1;
        }
    }
    // Phase 2.
    let mut merged: Vec<Run> = Vec::with_capacity(found.len());
    for run in found {
        match merged.last_mut() {
            Some(prev) if x[run.first] - x[prev.last] < ibi => prev.last = run.last,
            _ => merged.push(run),
        }
    }
    // Phase 3.
    merged.retain(|r| r.duration(&x) >= min_duration && r.count() >= min_spikes);
    Ok(describe(&x, &merged))
}

/// `ln(k!)` for an integer `k >= 0`: the sum of logarithms below 30, Stirling's series
/// (error below 1e-17 relative) above.
fn ln_factorial(k: f64) -> f64 {
    if k < 30.0 {
        return (2..=k as u64).map(|i| (i as f64).ln()).sum();
    }
    let z = k + 1.0;
    let z2 = z * z;
    (z - 0.5) * z.ln() - z
        + 0.5 * std::f64::consts::TAU.ln()
        + (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * z2)) / z2) / z2) / z
}

/// `ln P(N >= n)` for `N ~ Poisson(mu)`, `n >= 1`, `mu > 0`, accurate far into the tail
/// (no underflow): for `mu < n + 1` the series
/// `P = e^{−mu} mu^n/n! · Σ_j mu^j n!/(n+j)!`; otherwise `ln(1 − Q)` with the finite sum
/// `Q = P(N <= n−1) = pmf(n−1)·(1 + (n−1)/mu + (n−1)(n−2)/mu² + …)`.
fn poisson_log_sf(n: f64, mu: f64) -> f64 {
    if mu < n + 1.0 {
        let mut term = 1.0f64;
        let mut sum = 1.0f64;
        let mut j = 1.0;
        loop {
            term *= mu / (n + j);
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
            j += 1.0;
        }
        n * mu.ln() - mu - ln_factorial(n) + sum.ln()
    } else {
        let k = n - 1.0;
        let log_pmf = k * mu.ln() - mu - ln_factorial(k);
        let mut term = 1.0f64;
        let mut sum = 1.0f64;
        let mut i = k;
        while i >= 1.0 {
            term *= i / mu;
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
            i -= 1.0;
        }
        (-(log_pmf + sum.ln()).exp()).ln_1p()
    }
}

/// The largest count and expected count `poisson_surprise` accepts: the series take
/// `O(√n)` terms, and `n ln μ − μ − ln n!` keeps ~1e-7 absolute accuracy up to here.
const MAX_COUNT: f64 = 1e9;

/// #112 `poisson_surprise(n_spikes, duration, rate) -> float`: Legendy & Salcman (1985),
/// `S = −log10 P(N >= n)` with `N ~ Poisson(rate·duration)`; `n <= 0` gives 0.0, and
/// `rate·duration = 0` with `n >= 1` gives inf. Computed in log space, so large surprises
/// stay finite and accurate (SciPy's `logsf` underflows to −inf once `P < 1e-308`).
/// Errors: `duration` or `rate` not in [0, inf), `n_spikes` or `rate·duration` above 1e9.
/// Reference: `-scipy.stats.poisson.logsf(n − 1, rate·duration) / ln 10`.
pub fn poisson_surprise(n_spikes: i64, duration: f64, rate: f64) -> Result<f64> {
    const F: &str = "poisson_surprise";
    let duration = non_negative(F, "duration", duration)?;
    let rate = non_negative(F, "rate", rate)?;
    if n_spikes <= 0 {
        return Ok(0.0);
    }
    if n_spikes as f64 > MAX_COUNT {
        return Err(Error::out_of_range(
            F,
            "n_spikes",
            n_spikes,
            format!("(-inf, {MAX_COUNT:e}]"),
        ));
    }
    let mu = rate * duration;
    if mu == 0.0 {
        return Ok(f64::INFINITY);
    }
    if mu > MAX_COUNT {
        return Err(Error::out_of_range(
            F,
            "rate·duration",
            mu,
            format!("[0, {MAX_COUNT:e}] (the expected count)"),
        ));
    }
    Ok(-poisson_log_sf(n_spikes as f64, mu) / std::f64::consts::LN_10)
}

/// #113 `burst_rate(spikes, max_isi, min_spikes=3, t_start=0.0, t_stop=None) -> float`: the
/// number of ISI bursts among the spikes in the window `[t_start, t_stop]` (G5; `t_stop =
/// None` is the last spike), divided by `t_stop − t_start` (Hz).
/// Errors: non-finite spikes, a bad window, `max_isi` not in [0, inf), `min_spikes < 1`.
pub fn burst_rate(
    spikes: &[f64],
    max_isi: f64,
    min_spikes: usize,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<f64> {
    const F: &str = "burst_rate";
    let x = sorted_train(F, "spikes", spikes)?;
    let max_isi = non_negative(F, "max_isi", max_isi)?;
    let min_spikes = at_least_one(F, "min_spikes", min_spikes)?;
    let (a, b) = window(F, t_start, t_stop, &[&x])?;
    let n = isi_bursts(in_window(&x, a, b), max_isi, min_spikes).len();
    Ok(n as f64 / (b - a))
}

/// #114 `burst_spike_fraction(spikes, max_isi, min_spikes=3) -> float`: spikes in ISI bursts
/// divided by all spikes; NaN for an empty train.
pub fn burst_spike_fraction(spikes: &[f64], max_isi: f64, min_spikes: usize) -> Result<f64> {
    let (x, runs) = bursts_of("burst_spike_fraction", spikes, max_isi, min_spikes)?;
    if x.is_empty() {
        return Ok(f64::NAN);
    }
    let inside: usize = runs.iter().map(|r| r.count()).sum();
    Ok(inside as f64 / x.len() as f64)
}

/// The mean of `f(burst)` over the bursts; NaN without bursts.
fn mean_over(runs: &[Run], f: impl Fn(Run) -> f64) -> f64 {
    if runs.is_empty() {
        return f64::NAN;
    }
    runs.iter().map(|&r| f(r)).sum::<f64>() / runs.len() as f64
}

/// #115 `mean_burst_duration(spikes, max_isi, min_spikes=3) -> float`: the mean of
/// `end − start` over the ISI bursts (s); NaN without bursts.
pub fn mean_burst_duration(spikes: &[f64], max_isi: f64, min_spikes: usize) -> Result<f64> {
    let (x, runs) = bursts_of("mean_burst_duration", spikes, max_isi, min_spikes)?;
    Ok(mean_over(&runs, |r| r.duration(&x)))
}

/// #116 `mean_spikes_per_burst(spikes, max_isi, min_spikes=3) -> float`: the mean spike
/// count of the ISI bursts; NaN without bursts.
pub fn mean_spikes_per_burst(spikes: &[f64], max_isi: f64, min_spikes: usize) -> Result<f64> {
    let (_, runs) = bursts_of("mean_spikes_per_burst", spikes, max_isi, min_spikes)?;
    Ok(mean_over(&runs, |r| r.count() as f64))
}

/// #117 `intra_burst_frequency(spikes, max_isi, min_spikes=3) -> float`:
/// `mean_b (n_b − 1)/(end_b − start_b)` (Hz); NaN without bursts, inf (IEEE) when a burst has
/// zero duration (duplicate spikes).
pub fn intra_burst_frequency(spikes: &[f64], max_isi: f64, min_spikes: usize) -> Result<f64> {
    let (x, runs) = bursts_of("intra_burst_frequency", spikes, max_isi, min_spikes)?;
    Ok(mean_over(&runs, |r| {
        (r.count() - 1) as f64 / r.duration(&x)
    }))
}

/// #118 `inter_burst_intervals(spikes, max_isi, min_spikes=3) -> ndarray`:
/// `start[k+1] − end[k]` over consecutive ISI bursts; empty for fewer than 2 bursts.
pub fn inter_burst_intervals(spikes: &[f64], max_isi: f64, min_spikes: usize) -> Result<Vec<f64>> {
    let (x, runs) = bursts_of("inter_burst_intervals", spikes, max_isi, min_spikes)?;
    Ok(runs
        .windows(2)
        .map(|w| x[w[1].first] - x[w[0].last])
        .collect())
}

/// #119 `burstiness_parameter(spikes) -> float`: Goh & Barabási (2008)
/// `B = (σ_I − μ_I)/(σ_I + μ_I)` over the ISIs (population σ, ddof = 0); NaN for fewer than
/// 2 ISIs or `σ + μ = 0`.
pub fn burstiness_parameter(spikes: &[f64]) -> Result<f64> {
    let x = sorted_train("burstiness_parameter", "spikes", spikes)?;
    let isis: Vec<f64> = x.windows(2).map(|w| w[1] - w[0]).collect();
    if isis.len() < 2 {
        return Ok(f64::NAN);
    }
    let (mu, var) = mean_var(&isis);
    let sigma = var.sqrt();
    if sigma + mu == 0.0 {
        return Ok(f64::NAN);
    }
    Ok((sigma - mu) / (sigma + mu))
}

/// #120 `network_bursts(trains, bin_size, threshold, t_start=0.0, t_stop=None, min_bins=1)
/// -> (start_times, end_times, peak_counts)`: the population counts (the G6 counts of every
/// train, summed; `t_stop = None` is the last spike over all trains) are scanned for maximal
/// runs of bins with `count >= threshold` at least `min_bins` bins long. A burst starts at
/// the left edge of its first bin and ends at the right edge of its last bin (the G6 edges,
/// `linspace`); `peak_counts` is the largest count in the run.
/// Errors: non-finite spikes or `threshold`, a bad window or bin size, `min_bins < 1`.
pub fn network_bursts<T: AsRef<[f64]>>(
    trains: &[T],
    bin_size: f64,
    threshold: f64,
    t_start: f64,
    t_stop: Option<f64>,
    min_bins: usize,
) -> Result<(Vec<f64>, Vec<f64>, Vec<i64>)> {
    const F: &str = "network_bursts";
    let xs = sorted_trains(F, "trains", trains)?;
    if !threshold.is_finite() {
        return Err(Error::out_of_range(
            F,
            "threshold",
            threshold,
            "a finite number",
        ));
    }
    let min_bins = at_least_one(F, "min_bins", min_bins)?;
    let refs: Vec<&[f64]> = xs.iter().map(Vec::as_slice).collect();
    let (a, b) = window(F, t_start, t_stop, &refs)?;
    let binning = Binning::new(F, a, b, bin_size)?;
    check_bins(F, "bin_size", bin_size, binning.n_bins)?;
    let mut pop = vec![0i64; binning.n_bins];
    for x in &xs {
        for (p, c) in pop.iter_mut().zip(binning.counts(x)) {
            *p += c;
        }
    }
    let edges = binning.edges();
    let (mut starts, mut ends, mut peaks) = (Vec::new(), Vec::new(), Vec::new());
    let mut k = 0;
    while k < pop.len() {
        if (pop[k] as f64) < threshold {
            k += 1;
            continue;
        }
        let first = k;
        let mut peak = pop[k];
        while k < pop.len() && pop[k] as f64 >= threshold {
            peak = peak.max(pop[k]);
            k += 1;
        }
        if k - first >= min_bins {
            starts.push(edges[first]);
            ends.push(edges[k]);
            peaks.push(peak);
        }
    }
    Ok((starts, ends, peaks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_factorial_is_continuous_across_the_switch() {
        // ln(30!) by summation vs Stirling.
        let sum: f64 = (2..=30u64).map(|i| (i as f64).ln()).sum();
        assert!((ln_factorial(30.0) - sum).abs() < 1e-13 * sum);
        let sum: f64 = (2..=200u64).map(|i| (i as f64).ln()).sum();
        assert!((ln_factorial(200.0) - sum).abs() < 1e-13 * sum);
    }

    #[test]
    fn poisson_tail_agrees_between_the_branches() {
        // Direct sum of the pmf for moderate values.
        for (n, mu) in [
            (3.0f64, 2.0f64),
            (10.0, 9.5),
            (10.0, 11.5),
            (25.0, 5.0),
            (4.0, 30.0),
        ] {
            // P(N >= n) = sum of the pmf from n up (no cancellation).
            let mut pmf = (-mu).exp();
            let mut upper = 0.0;
            for k in 1..(n as usize + 400) {
                pmf *= mu / k as f64;
                if k >= n as usize {
                    upper += pmf;
                }
            }
            let want = upper.ln();
            let got = poisson_log_sf(n, mu);
            assert!((got - want).abs() < 1e-11 * want.abs().max(1.0), "{n} {mu}");
        }
    }
}
