//! §3 of the catalogue: spike-train distances (entries 42–63).
//!
//! * Victor–Purpura and van Rossum (Elephant 1.2.1 semantics): every spike counts, duplicates
//!   included (G3), no window.
//! * The PySpike family (ISI-distance, SPIKE-distance, SPIKE-synchronization, directionality,
//!   spike train order): PySpike 0.9.0 (Cython backend, `MRTS = 0`, `RI = False` unless `mrts`
//!   is given), transcribed operation by operation so that results agree to the last bits.
//!   Each train is deduplicated and cut to `(t_start - 1e-6, t_stop + 1e-6)` first, as
//!   PySpike's `reconcile_spike_trains` does.
//! * Schreiber and Hunter–Milton similarities (closed forms of the catalogue).
//!
//! Matrices are filled in parallel (rayon), one independent computation per pair, so the result
//! does not depend on the number of threads. `_multi` values are reduced in the pair order
//! `(0,1), (0,2), …, (1,2), …` as PySpike does.

mod isi;
mod pyspike;
mod similarity;
mod spike;
mod sync;
mod van_rossum;
mod victor_purpura;

pub use isi::{isi_distance, isi_distance_matrix, isi_distance_multi, isi_profile};
pub use similarity::{hunter_milton_similarity, schreiber_reliability, schreiber_similarity};
pub use spike::{spike_distance, spike_distance_matrix, spike_distance_multi, spike_profile};
pub use sync::{
    spike_directionality, spike_sync, spike_sync_matrix, spike_sync_multi, spike_sync_profile,
    spike_train_order, spike_train_order_multi,
};
pub use van_rossum::{van_rossum_distance, van_rossum_distance_matrix};
pub use victor_purpura::{victor_purpura_distance, victor_purpura_distance_matrix};

use rayon::prelude::*;

/// The pairs `(i, j)`, `i < j`, in PySpike's order: `(0,1), (0,2), …, (0,n-1), (1,2), …`.
fn pairs(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect()
}

/// `f(i, j)` for every pair `i < j`, computed in parallel, returned in [`pairs`] order.
fn pair_values<R: Send, F: Fn(usize, usize) -> R + Sync>(n: usize, f: F) -> Vec<R> {
    pairs(n).into_par_iter().map(|(i, j)| f(i, j)).collect()
}

/// A symmetric `n × n` matrix with `diagonal` on the diagonal and `f(i, j)` at `[i][j]` and
/// `[j][i]`, the pairs computed in parallel.
fn symmetric_matrix<F: Fn(usize, usize) -> f64 + Sync>(
    n: usize,
    diagonal: f64,
    f: F,
) -> Vec<Vec<f64>> {
    let values = pair_values(n, f);
    let mut m = vec![vec![0.0; n]; n];
    for (k, (i, j)) in pairs(n).into_iter().enumerate() {
        m[i][j] = values[k];
        m[j][i] = values[k];
    }
    for (i, row) in m.iter_mut().enumerate() {
        row[i] = diagonal;
    }
    m
}
