//! Schreiber et al. (2003) and Hunter & Milton (2003) similarities (catalogue entries 61–63).

use sc_neurocore_core::Result;

use super::pair_values;
use crate::conventions::{positive, sorted_train, sorted_trains};

/// Pairs further apart than this many sigmas are dropped (their terms are below e^−100).
const CUTOFF_SIGMAS: f64 = 20.0;

/// `G(x, y) = Σ_ij exp(−(x_i − y_j)²/(4σ²))` for ascending trains, pairs with
/// `|Δ| > 20σ` dropped: `O(n + m + pairs kept)`.
fn gauss_sum(x: &[f64], y: &[f64], sigma: f64) -> f64 {
    let reach = CUTOFF_SIGMAS * sigma;
    let two_sigma = 2.0 * sigma;
    let mut lo = 0;
    let mut total = 0.0;
    for &t in x {
        while lo < y.len() && y[lo] < t - reach {
            lo += 1;
        }
        for &u in &y[lo..] {
            if u > t + reach {
                break;
            }
            let q = (t - u) / two_sigma;
            total += (-q * q).exp();
        }
    }
    total
}

/// Schreiber similarity of ascending trains: NaN when either is empty.
fn schreiber_sorted(a: &[f64], b: &[f64], sigma: f64) -> f64 {
    if a.is_empty() || b.is_empty() {
        return f64::NAN;
    }
    gauss_sum(a, b, sigma) / (gauss_sum(a, a, sigma) * gauss_sum(b, b, sigma)).sqrt()
}

/// Schreiber similarity (catalogue #61): the cosine of the two trains convolved with a Gaussian
/// of s.d. `sigma` (s) on an infinite time axis,
/// `S = G(a,b)/sqrt(G(a,a)·G(b,b))`, `G(x,y) = Σ_ij exp(−(x_i−y_j)²/(4σ²))`.
/// Pairs more than 20σ apart are dropped (error below 1e-40). Either train empty: NaN.
/// Errors: a non-finite spike; `sigma` not finite and > 0.
pub fn schreiber_similarity(spikes_a: &[f64], spikes_b: &[f64], sigma: f64) -> Result<f64> {
    const F: &str = "schreiber_similarity";
    let a = sorted_train(F, "spikes_a", spikes_a)?;
    let b = sorted_train(F, "spikes_b", spikes_b)?;
    let sigma = positive(F, "sigma", sigma)?;
    Ok(schreiber_sorted(&a, &b, sigma))
}

/// Schreiber reliability (catalogue #62): the mean of [`schreiber_similarity`] over all pairs
/// `i < j`, NaN pairs (empty trains) left out; NaN when no pair is valid. Pairs are computed in
/// parallel and summed in pair order.
pub fn schreiber_reliability<T: AsRef<[f64]>>(trains: &[T], sigma: f64) -> Result<f64> {
    const F: &str = "schreiber_reliability";
    let trains = sorted_trains(F, "trains", trains)?;
    let sigma = positive(F, "sigma", sigma)?;
    let g_self: Vec<f64> = trains.iter().map(|x| gauss_sum(x, x, sigma)).collect();
    let values = pair_values(trains.len(), |i, j| {
        if trains[i].is_empty() || trains[j].is_empty() {
            f64::NAN
        } else {
            gauss_sum(&trains[i], &trains[j], sigma) / (g_self[i] * g_self[j]).sqrt()
        }
    });
    let (mut sum, mut n) = (0.0, 0usize);
    for v in values.into_iter().filter(|v| !v.is_nan()) {
        sum += v;
        n += 1;
    }
    Ok(if n == 0 { f64::NAN } else { sum / n as f64 })
}

/// `Σ_i exp(−|x_i − y(x_i)|/τ)`, `y(t)` the spike of `y` nearest to `t` (both ascending,
/// `y` non-empty): one merge pass.
fn nearest_sum(x: &[f64], y: &[f64], tau: f64) -> f64 {
    let mut k = 0;
    let mut total = 0.0;
    for &t in x {
        // k: the first spike of y at or after t (or the last spike).
        while k + 1 < y.len() && y[k] < t {
            k += 1;
        }
        let mut d = (y[k] - t).abs();
        if k > 0 {
            d = d.min((t - y[k - 1]).abs());
        }
        total += (-d / tau).exp();
    }
    total
}

/// Hunter–Milton similarity (catalogue #63):
/// `½[mean_i exp(−|a_i − b(a_i)|/τ) + mean_j exp(−|b_j − a(b_j)|/τ)]`, `b(t)` the spike of b
/// nearest to `t`. Either train empty: NaN. Errors: a non-finite spike; `tau` not finite
/// and > 0.
pub fn hunter_milton_similarity(spikes_a: &[f64], spikes_b: &[f64], tau: f64) -> Result<f64> {
    const F: &str = "hunter_milton_similarity";
    let a = sorted_train(F, "spikes_a", spikes_a)?;
    let b = sorted_train(F, "spikes_b", spikes_b)?;
    let tau = positive(F, "tau", tau)?;
    if a.is_empty() || b.is_empty() {
        return Ok(f64::NAN);
    }
    let ma = nearest_sum(&a, &b, tau) / a.len() as f64;
    let mb = nearest_sum(&b, &a, tau) / b.len() as f64;
    Ok(0.5 * (ma + mb))
}
