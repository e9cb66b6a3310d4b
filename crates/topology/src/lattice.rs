//! The deterministic topologies: `ring`, `grid` and `all_to_all`.
//!
//! - `ring`: neuron `i` connects to its `k` nearest neighbours on a ring, `k/2` on each side
//!   (`i ± 1, ..., i ± k/2` modulo `n`); both directions exist, so the graph is symmetric.
//! - `grid`: `rows_count × cols_count` neurons on a square lattice, neuron `r * cols_count + c`
//!   at row `r`, column `c` (row-major), unit spacing. Neuron `a` connects to every other
//!   neuron `b` with Euclidean distance `sqrt(dr² + dc²) <= radius`. No wrap-around: the
//!   lattice has edges, and neurons near them have fewer neighbours. Symmetric.
//! - `all_to_all`: every source to every target, optionally without `i -> i`.
//!
//! None of them draws random numbers. Every row's targets are ascending.

use rayon::prelude::*;
use sc_neurocore_core::Csr;

use crate::check::{self, object};
use crate::{ConnectOptions, Result, TargetRows, Topology};

/// A CSR of a symmetric graph from its rows (sources of each target = targets of each
/// source), every synapse with `weight`.
pub(crate) fn symmetric_csr(rows: TargetRows, weight: f64) -> Result<Csr> {
    let (n, _, _, indptr, indices) = rows.into_parts();
    let nnz = indices.len();
    Csr::new(n, n, indptr, indices, vec![weight; nnz])
}

/// Appends the ring neighbours of `i` (ascending) to `row`.
pub(crate) fn ring_row(n: usize, k: usize, i: usize, row: &mut Vec<u32>) {
    let half = k / 2;
    row.extend((1..=half).map(|d| ((i + n - d) % n) as u32));
    row.extend((1..=half).map(|d| ((i + d) % n) as u32));
    row.sort_unstable();
}

/// The in-range offsets `(dr, dc)` of a grid, in row-major order (so that neighbours come
/// out with ascending index), with `0 < dr² + dc² <= radius²`.
pub(crate) fn grid_offsets(rows_count: usize, cols_count: usize, radius: f64) -> Vec<(i64, i64)> {
    let r2 = radius * radius;
    let reach_r = (radius.floor() as usize).min(rows_count.saturating_sub(1)) as i64;
    let reach_c = (radius.floor() as usize).min(cols_count.saturating_sub(1)) as i64;
    (-reach_r..=reach_r)
        .flat_map(|dr| (-reach_c..=reach_c).map(move |dc| (dr, dc)))
        .filter(|&(dr, dc)| (dr, dc) != (0, 0) && ((dr * dr + dc * dc) as f64) <= r2)
        .collect()
}

/// Appends the grid neighbours of `i` (ascending) to `row`.
pub(crate) fn grid_row(
    rows_count: usize,
    cols_count: usize,
    offsets: &[(i64, i64)],
    i: usize,
    row: &mut Vec<u32>,
) {
    let (nr, nc) = (rows_count as i64, cols_count as i64);
    let (r, c) = ((i / cols_count) as i64, (i % cols_count) as i64);
    row.extend(offsets.iter().filter_map(|&(dr, dc)| {
        let (r2, c2) = (r + dr, c + dc);
        ((0..nr).contains(&r2) && (0..nc).contains(&c2)).then_some((r2 * nc + c2) as u32)
    }));
}

/// Appends the sources of target `t` of all-to-all (ascending) to `row`.
pub(crate) fn all_to_all_row(n_src: usize, exclude_self: bool, t: usize, row: &mut Vec<u32>) {
    row.extend((0..n_src as u32).filter(|&s| !exclude_self || s as usize != t));
}

/// All-to-all (sizes checked); without `i -> i` when `exclude_self`.
pub(crate) fn all_to_all_csr(
    n_src: usize,
    n_tgt: usize,
    weight: f64,
    exclude_self: bool,
) -> Result<Csr> {
    let len = n_tgt - usize::from(exclude_self && n_tgt > 0);
    let mut indices = vec![0u32; n_src * len];
    if len > 0 {
        indices
            .par_chunks_mut(len)
            .enumerate()
            .for_each(|(s, out)| {
                let targets = (0..n_tgt as u32).filter(|&t| !exclude_self || t as usize != s);
                for (o, t) in out.iter_mut().zip(targets) {
                    *o = t;
                }
            });
    }
    let indptr = (0..=n_src).map(|s| s * len).collect();
    let nnz = indices.len();
    Csr::new(n_src, n_tgt, indptr, indices, vec![weight; nnz])
}

/// Ring lattice: each of `n` neurons connects to its `k` nearest neighbours, `k/2` on each
/// side (`k` even, `2 <= k <= n - 1`). Symmetric: `n * k` synapses.
///
/// ```
/// let csr = sc_neurocore_topology::ring_topology(80, 4, 0.05).unwrap();
/// assert_eq!(csr.row(0).0, &[1, 2, 78, 79]);
/// ```
pub fn ring_topology(n: usize, k: usize, weight: f64) -> Result<Csr> {
    Topology::Ring { k }.generate(n, n, weight, 0, 0, ConnectOptions::recurrent())
}

/// 2-D grid of `rows_count × cols_count` neurons (row-major: neuron `r * cols_count + c`),
/// each connected to every other neuron within Euclidean distance `radius` (lattice units,
/// `radius >= 0`), without wrap-around at the edges. Symmetric.
///
/// ```
/// let csr = sc_neurocore_topology::grid_topology(10, 8, 2.0, 0.05).unwrap();
/// assert_eq!(csr.n_rows(), 80);
/// assert_eq!(csr.row(0).0.len(), 5); // a corner at radius 2
/// ```
pub fn grid_topology(
    rows_count: usize,
    cols_count: usize,
    radius: f64,
    weight: f64,
) -> Result<Csr> {
    let n = rows_count.checked_mul(cols_count).ok_or_else(|| {
        sc_neurocore_core::Error::out_of_range(
            object("grid"),
            "rows_count * cols_count",
            format!("{rows_count} * {cols_count}"),
            format!("[1, {}]", check::MAX_SIZE),
        )
    })?;
    Topology::Grid {
        rows_count,
        cols_count,
        radius,
    }
    .generate(n, n, weight, 0, 0, ConnectOptions::recurrent())
}

/// Every source to every target: `n_src * n_tgt` synapses. With `allow_autapses = false`
/// sources and targets are taken to be one population (`n_src == n_tgt` is required) and
/// `i -> i` is left out: `n * (n - 1)` synapses.
///
/// ```
/// let csr = sc_neurocore_topology::all_to_all(3, 3, 0.01, false).unwrap();
/// assert_eq!(csr.indices(), &[1, 2, 0, 2, 0, 1]);
/// ```
pub fn all_to_all(n_src: usize, n_tgt: usize, weight: f64, allow_autapses: bool) -> Result<Csr> {
    if !allow_autapses && n_src != n_tgt {
        return Err(sc_neurocore_core::Error::shape(
            object("all_to_all"),
            "n_tgt",
            n_tgt,
            format!("{n_src} (= n_src: allow_autapses = false means one population)"),
        ));
    }
    let opts = ConnectOptions {
        allow_autapses,
        allow_multapses: true,
        same_population: !allow_autapses,
    };
    Topology::AllToAll.generate(n_src, n_tgt, weight, 0, 0, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring_csr(n: usize, k: usize, weight: f64) -> Result<Csr> {
        symmetric_csr(
            TargetRows::generate(n, n, 0..n, |i, row| ring_row(n, k, i, row)),
            weight,
        )
    }

    fn grid_csr(rows_count: usize, cols_count: usize, radius: f64, weight: f64) -> Result<Csr> {
        let n = rows_count * cols_count;
        let offsets = grid_offsets(rows_count, cols_count, radius);
        let rows = TargetRows::generate(n, n, 0..n, |i, row| {
            grid_row(rows_count, cols_count, &offsets, i, row)
        });
        symmetric_csr(rows, weight)
    }

    #[test]
    fn tiny_grids_and_rings() {
        let g = grid_csr(1, 1, 5.0, 1.0).unwrap();
        assert_eq!(g.nnz(), 0);
        let g = grid_csr(2, 3, 1.0, 1.0).unwrap();
        // 0 1 2
        // 3 4 5
        assert_eq!(g.row(0).0, &[1, 3]);
        assert_eq!(g.row(4).0, &[1, 3, 5]);
        let g = grid_csr(2, 3, 0.5, 1.0).unwrap();
        assert_eq!(g.nnz(), 0);
        let r = ring_csr(3, 2, 1.0).unwrap();
        assert_eq!(r.row(0).0, &[1, 2]);
        assert_eq!(r.row(2).0, &[0, 1]);
    }

    #[test]
    fn all_to_all_without_self_skips_the_diagonal() {
        let c = all_to_all_csr(1, 1, 1.0, true).unwrap();
        assert_eq!(c.nnz(), 0);
        let c = all_to_all_csr(2, 3, 1.0, false).unwrap();
        assert_eq!(c.indices(), &[0, 1, 2, 0, 1, 2]);
        let c = all_to_all_csr(0, 3, 1.0, false).unwrap();
        assert_eq!(c.nnz(), 0);
    }
}
