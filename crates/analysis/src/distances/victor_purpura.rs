//! Victor & Purpura (1996) spike-time distance (catalogue entries 42 and 43).

use sc_neurocore_core::{Error, Result};

use super::symmetric_matrix;
use crate::conventions::{sorted_train, sorted_trains};

/// `cost` must be `>= 0` (`inf` allowed); NaN and negative values are errors.
fn check_cost(object: &str, cost: f64) -> Result<f64> {
    if cost >= 0.0 {
        Ok(cost)
    } else {
        Err(Error::out_of_range(object, "cost", cost, "[0, inf]"))
    }
}

/// The distance of two ascending trains. `O(n·m)` time, `O(min(n, m))` memory.
fn vp_sorted(a: &[f64], b: &[f64], cost: f64) -> f64 {
    let (na, nb) = (a.len() as f64, b.len() as f64);
    if cost == 0.0 {
        return (na - nb).abs();
    }
    if cost == f64::INFINITY {
        return na + nb;
    }
    if a.is_empty() || b.is_empty() {
        return na.max(nb);
    }
    // One row of the edit-distance table, over the shorter train.
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut row: Vec<f64> = (0..=short.len()).map(|j| j as f64).collect();
    for (i, &t) in long.iter().enumerate() {
        let mut diag = row[0]; // D[i-1][j-1]
        row[0] = (i + 1) as f64;
        for j in 1..=short.len() {
            // A shift never costs more than deleting and inserting (2).
            let shift = diag + (cost * (t - short[j - 1]).abs()).min(2.0);
            let v = (row[j] + 1.0).min(row[j - 1] + 1.0).min(shift);
            diag = row[j];
            row[j] = v;
        }
    }
    row[short.len()]
}

/// Victor–Purpura distance (catalogue #42): the minimal cost of turning `spikes_a` into
/// `spikes_b`, where inserting or deleting a spike costs 1 and shifting one by `Δt` seconds
/// costs `cost·|Δt|` (`cost` in 1/s).
///
/// `cost = 0` gives `|n_a − n_b|` and `cost = inf` gives `n_a + n_b` (as Elephant). An empty
/// train gives the other train's spike count. Errors: a non-finite spike time, `cost < 0` or
/// NaN. Reference: `elephant.spike_train_dissimilarity.victor_purpura_distance`.
pub fn victor_purpura_distance(spikes_a: &[f64], spikes_b: &[f64], cost: f64) -> Result<f64> {
    const F: &str = "victor_purpura_distance";
    let a = sorted_train(F, "spikes_a", spikes_a)?;
    let b = sorted_train(F, "spikes_b", spikes_b)?;
    let cost = check_cost(F, cost)?;
    Ok(vp_sorted(&a, &b, cost))
}

/// Victor–Purpura distances of all pairs (catalogue #43): symmetric, zero diagonal (also for
/// `cost = inf`), rows in the order of `trains`. Pairs are computed in parallel.
pub fn victor_purpura_distance_matrix<T: AsRef<[f64]>>(
    trains: &[T],
    cost: f64,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "victor_purpura_distance_matrix";
    let trains = sorted_trains(F, "trains", trains)?;
    let cost = check_cost(F, cost)?;
    Ok(symmetric_matrix(trains.len(), 0.0, |i, j| {
        vp_sorted(&trains[i], &trains[j], cost)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook O(n·m) table, uncapped shift cost (Elephant's "intuitive" algorithm).
    fn intuitive(a: &[f64], b: &[f64], cost: f64) -> f64 {
        let mut d = vec![vec![0.0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i as f64;
        }
        for (j, v) in d[0].iter_mut().enumerate() {
            *v = j as f64;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                d[i][j] = (d[i - 1][j] + 1.0)
                    .min(d[i][j - 1] + 1.0)
                    .min(d[i - 1][j - 1] + cost * (a[i - 1] - b[j - 1]).abs());
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn rolling_row_equals_the_full_table() {
        let a = [0.1, 0.35, 0.4, 0.9, 1.3, 2.0];
        let b = [0.12, 0.5, 0.52, 1.0, 2.9];
        for cost in [0.1, 1.0, 3.0, 10.0, 100.0] {
            let x = vp_sorted(&a, &b, cost);
            assert!((x - intuitive(&a, &b, cost)).abs() < 1e-12, "{cost}");
            assert_eq!(x, vp_sorted(&b, &a, cost));
        }
    }
}
