//! van Rossum (2001) distance with Elephant's normalisation (catalogue entries 44 and 45),
//! computed in `O(n + m)` with the Houghton & Kreuz (2012) recursions.

use rayon::prelude::*;
use sc_neurocore_core::{Error, Result};

use super::symmetric_matrix;
use crate::conventions::{sorted_train, sorted_trains};

/// `tau` must be `>= 0` (`inf` allowed); NaN and negative values are errors.
fn check_tau(object: &str, tau: f64) -> Result<f64> {
    if tau >= 0.0 {
        Ok(tau)
    } else {
        Err(Error::out_of_range(object, "tau", tau, "[0, inf]"))
    }
}

/// `Σ_ij exp(−|x_i − x_j|/τ)` over all ordered pairs of an ascending train (`0 < τ < inf`):
/// `n + 2 Σ_k m_k` with the "markage" `m_0 = 0`, `m_k = (m_{k−1} + 1)·exp(−(x_k − x_{k−1})/τ)`.
fn self_sum(x: &[f64], tau: f64) -> f64 {
    let mut m = 0.0;
    let mut s = 0.0;
    for w in x.windows(2) {
        m = (m + 1.0) * (-(w[1] - w[0]) / tau).exp();
        s += m;
    }
    x.len() as f64 + 2.0 * s
}

/// `Σ_ij exp(−|a_i − b_j|/τ)` for ascending trains, one merge pass (`0 < τ < inf`). At equal
/// times the `a` spike is taken first, so every pair is counted exactly once.
fn cross_sum(a: &[f64], b: &[f64], tau: f64) -> f64 {
    // sa = Σ_{a_i seen} exp(−(ta − a_i)/τ), anchored at the last a spike ta; same for b.
    let (mut sa, mut ta) = (0.0, 0.0);
    let (mut sb, mut tb) = (0.0, 0.0);
    let (mut i, mut j) = (0, 0);
    let mut total = 0.0;
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i] <= b[j]) {
            let t = a[i];
            if j > 0 {
                total += sb * (-(t - tb) / tau).exp();
            }
            sa = if i > 0 {
                sa * (-(t - ta) / tau).exp() + 1.0
            } else {
                1.0
            };
            ta = t;
            i += 1;
        } else {
            let t = b[j];
            if i > 0 {
                total += sa * (-(t - ta) / tau).exp();
            }
            sb = if j > 0 {
                sb * (-(t - tb) / tau).exp() + 1.0
            } else {
                1.0
            };
            tb = t;
            j += 1;
        }
    }
    total
}

/// `D = sqrt(max(0, S_aa + S_bb − 2 S_ab))` for `0 < τ < inf`, from precomputed self sums.
fn from_sums(saa: f64, sbb: f64, a: &[f64], b: &[f64], tau: f64) -> f64 {
    (saa + sbb - 2.0 * cross_sum(a, b, tau)).max(0.0).sqrt()
}

/// The limits of Elephant: `tau = 0` gives `sqrt(n_a + n_b)`, `tau = inf` gives `|n_a − n_b|`.
fn limit(na: usize, nb: usize, tau: f64) -> Option<f64> {
    if tau == 0.0 {
        Some(((na + nb) as f64).sqrt())
    } else if tau == f64::INFINITY {
        Some((na as f64 - nb as f64).abs())
    } else {
        None
    }
}

/// van Rossum distance (catalogue #44) with Elephant's normalisation:
/// `D² = Σ_ij e^{−|a_i−a_j|/τ} + Σ_ij e^{−|b_i−b_j|/τ} − 2 Σ_ij e^{−|a_i−b_j|/τ}`
/// (one spike against an empty train gives 1). Negative round-off in `D²` is clipped to 0.
///
/// `tau = inf` gives `|n_a − n_b|`; `tau = 0` gives `sqrt(n_a + n_b)` (as Elephant, even for
/// equal trains). Errors: a non-finite spike time, `tau < 0` or NaN.
/// Reference: `elephant.spike_train_dissimilarity.van_rossum_distance`.
pub fn van_rossum_distance(spikes_a: &[f64], spikes_b: &[f64], tau: f64) -> Result<f64> {
    const F: &str = "van_rossum_distance";
    let a = sorted_train(F, "spikes_a", spikes_a)?;
    let b = sorted_train(F, "spikes_b", spikes_b)?;
    let tau = check_tau(F, tau)?;
    if let Some(d) = limit(a.len(), b.len(), tau) {
        return Ok(d);
    }
    Ok(from_sums(self_sum(&a, tau), self_sum(&b, tau), &a, &b, tau))
}

/// van Rossum distances of all pairs (catalogue #45): symmetric with a zero diagonal (also for
/// `tau = 0`, where Elephant's diagonal is not zero). Pairs are computed in parallel.
pub fn van_rossum_distance_matrix<T: AsRef<[f64]>>(
    trains: &[T],
    tau: f64,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "van_rossum_distance_matrix";
    let trains = sorted_trains(F, "trains", trains)?;
    let tau = check_tau(F, tau)?;
    let selfs: Vec<f64> = if limit(0, 0, tau).is_some() {
        Vec::new()
    } else {
        trains.par_iter().map(|x| self_sum(x, tau)).collect()
    };
    Ok(symmetric_matrix(trains.len(), 0.0, |i, j| {
        let (a, b) = (&trains[i], &trains[j]);
        limit(a.len(), b.len(), tau).unwrap_or_else(|| from_sums(selfs[i], selfs[j], a, b, tau))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(a: &[f64], b: &[f64], tau: f64) -> f64 {
        let s = |x: &[f64], y: &[f64]| {
            x.iter()
                .flat_map(|p| y.iter().map(move |q| (-(p - q).abs() / tau).exp()))
                .sum::<f64>()
        };
        (s(a, a) + s(b, b) - 2.0 * s(a, b)).max(0.0).sqrt()
    }

    #[test]
    fn recursions_equal_the_double_sums() {
        let a = [0.1, 0.2, 0.2, 0.7, 1.5];
        let b = [0.05, 0.2, 0.9, 1.0];
        for tau in [0.01, 0.3, 1.0, 20.0] {
            let d = from_sums(self_sum(&a, tau), self_sum(&b, tau), &a, &b, tau);
            assert!((d - brute(&a, &b, tau)).abs() < 1e-12, "{tau}");
            assert!((cross_sum(&a, &b, tau) - cross_sum(&b, &a, tau)).abs() < 1e-12);
        }
    }
}
