//! `random`: Erdős–Rényi connectivity, each (source, target) pair connected independently
//! with `probability` (NEST's `pairwise_bernoulli`, Brian2's `p=`).
//!
//! Generated per target row from the row's own stream
//! `RngStream::new(seed, StreamKind::Connectivity, object, target)` by geometric skipping:
//! the gap to the next connected source is drawn as `floor(ln u / ln(1 - p))`, so a row
//! costs time proportional to its synapses, not to `n_src`. Sources come out ascending.

use std::ops::Range;

use sc_neurocore_core::{Csr, RngStream, StreamKind};

use crate::{ConnectOptions, Result, TargetRows, Topology};

/// Appends the sources of target `t` to `row`: each of the `n_src` sources (`n_src - 1`
/// without `t` itself when `exclude_self`) with probability `p`, ascending.
pub(crate) fn fill_row(
    rng: &mut RngStream,
    n_src: usize,
    t: usize,
    exclude_self: bool,
    p: f64,
    row: &mut Vec<u32>,
) {
    // Candidates are numbered 0..m; candidate c is source c, or c + 1 past the left-out t.
    let skip_self = exclude_self && t < n_src;
    let m = (n_src - usize::from(skip_self)) as u64;
    let map = |c: u64| (c + u64::from(skip_self && c >= t as u64)) as u32;
    if p <= 0.0 || m == 0 {
        return;
    }
    if p >= 1.0 {
        row.extend((0..m).map(map));
        return;
    }
    let log_q = (-p).ln_1p();
    let mut c = 0u64;
    loop {
        // P(gap >= g) = (1 - p)^g; u is in (0, 1] and ln(1 - p) < 0, so gap is never NaN
        // (it may be +inf for tiny p, which ends the row).
        let gap = (rng.uniform_open0().ln() / log_q).floor();
        if gap >= (m - c) as f64 {
            break;
        }
        c += gap as u64;
        row.push(map(c));
        c += 1;
        if c >= m {
            break;
        }
    }
}

/// The sources of each target in `targets` for `random` with `probability`.
pub(crate) fn rows(
    n_src: usize,
    n_tgt: usize,
    targets: Range<usize>,
    probability: f64,
    seed: u64,
    object: u32,
    opts: ConnectOptions,
) -> TargetRows {
    let exclude_self = opts.exclude_self();
    TargetRows::generate(n_src, n_tgt, targets, |t, row| {
        let mut rng = RngStream::new(seed, StreamKind::Connectivity, object, t as u64);
        fill_row(&mut rng, n_src, t, exclude_self, probability, row);
    })
}

/// Erdős–Rényi connectivity: each of the `n_src × n_tgt` pairs is a synapse with
/// `probability`, independently (autapses possible when sources and targets are one
/// population; use [`Topology::generate`] with [`ConnectOptions`] to leave them out).
///
/// Rows of the result are sources; projection index (`object`) 0.
///
/// ```
/// let csr = sc_neurocore_topology::random_connectivity(80, 20, 0.2, 0.1, 42).unwrap();
/// assert_eq!((csr.n_rows(), csr.n_cols()), (80, 20));
/// ```
pub fn random_connectivity(
    n_src: usize,
    n_tgt: usize,
    probability: f64,
    weight: f64,
    seed: u64,
) -> Result<Csr> {
    Topology::Random { probability }.generate(
        n_src,
        n_tgt,
        weight,
        seed,
        0,
        ConnectOptions::default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_probabilities_give_empty_and_full_rows() {
        let mut rng = RngStream::new(1, StreamKind::Connectivity, 0, 0);
        let mut row = Vec::new();
        fill_row(&mut rng, 10, 3, false, 0.0, &mut row);
        assert!(row.is_empty());
        fill_row(&mut rng, 10, 3, true, 1.0, &mut row);
        assert_eq!(row, [0, 1, 2, 4, 5, 6, 7, 8, 9]);
        row.clear();
        fill_row(&mut rng, 1, 0, true, 1.0, &mut row);
        assert!(row.is_empty());
    }

    #[test]
    fn rows_are_ascending_and_skip_self() {
        for p in [1e-3, 0.3, 0.9, 1.0 - 1e-12] {
            for t in [0usize, 5, 99] {
                let mut rng = RngStream::new(7, StreamKind::Connectivity, 2, t as u64);
                let mut row = Vec::new();
                fill_row(&mut rng, 100, t, true, p, &mut row);
                assert!(row.windows(2).all(|w| w[0] < w[1]), "p {p}: {row:?}");
                assert!(!row.contains(&(t as u32)));
                assert!(row.iter().all(|&s| s < 100));
            }
        }
    }

    #[test]
    fn tiny_probabilities_do_not_overflow() {
        let mut rng = RngStream::new(1, StreamKind::Connectivity, 0, 0);
        let mut row = Vec::new();
        for _ in 0..1000 {
            fill_row(&mut rng, u32::MAX as usize, 0, false, 1e-300, &mut row);
        }
        assert!(row.is_empty());
    }
}
