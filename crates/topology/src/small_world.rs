//! `small_world`: the Watts–Strogatz (1998) model.
//!
//! Start from the ring lattice of `n` neurons with `k` neighbours (`k/2` on each side).
//! Then, lap by lap as in the paper (first every edge to the nearest clockwise neighbour
//! `(u, u + 1)` for `u = 0..n`, then `(u, u + 2)`, ... up to `(u, u + k/2)`), rewire each
//! edge with probability `p_rewire`: keep `u` and replace the other end by a neuron drawn
//! uniformly among those that are neither `u` nor already adjacent to `u` (no self-loops,
//! no duplicate edges; a neuron adjacent to all others keeps its edge). This is the
//! algorithm of NetworkX's `watts_strogatz_graph`.
//!
//! The graph is **undirected**, stored as both directions: the CSR is symmetric, with
//! exactly `n * k` synapses, and `p_rewire = 0` gives exactly [`ring_topology`](crate::ring_topology).
//! The whole graph depends on one stream, `RngStream::new(seed, StreamKind::Connectivity,
//! object, 0)`, consumed in the order above (one uniform per lattice edge, plus the draws
//! of the new end when it is rewired).

use sc_neurocore_core::{Csr, RngStream, StreamKind};

use crate::lattice::symmetric_csr;
use crate::{ConnectOptions, Result, TargetRows, Topology};

/// Rewires the ring lattice (sizes checked).
pub(crate) fn small_world_csr(
    n: usize,
    k: usize,
    p_rewire: f64,
    weight: f64,
    seed: u64,
    object: u32,
) -> Result<Csr> {
    let mut adj: Vec<Vec<u32>> = (0..n)
        .map(|i| {
            (1..=k / 2)
                .flat_map(|d| [((i + n - d) % n) as u32, ((i + d) % n) as u32])
                .collect()
        })
        .collect();
    if p_rewire > 0.0 {
        let mut rng = RngStream::new(seed, StreamKind::Connectivity, object, 0);
        for d in 1..=k / 2 {
            for u in 0..n {
                if rng.uniform() >= p_rewire {
                    continue;
                }
                let v = ((u + d) % n) as u32;
                if adj[u].len() >= n - 1 {
                    continue;
                }
                // Each lattice edge is visited once (d + d' < n for d, d' <= k/2), and
                // rewiring keeps the visiting end, so (u, u + d) is still present here.
                let Some(pos) = adj[u].iter().position(|&x| x == v) else {
                    continue;
                };
                let w = loop {
                    let w = rng.below(n as u64) as u32;
                    if w as usize != u && !adj[u].contains(&w) {
                        break w;
                    }
                };
                adj[u][pos] = w;
                let back = adj[v as usize].iter().position(|&x| x as usize == u);
                if let Some(q) = back {
                    adj[v as usize].swap_remove(q);
                }
                adj[w as usize].push(u as u32);
            }
        }
    }
    let rows = TargetRows::generate(n, n, 0..n, |i, row| {
        row.extend_from_slice(&adj[i]);
        row.sort_unstable();
    });
    symmetric_csr(rows, weight)
}

/// Watts–Strogatz small-world graph on `n` neurons: ring lattice with `k` neighbours
/// (`k` even, `2 <= k <= n - 1`), each edge rewired with probability `p_rewire` in `[0, 1]`.
/// Undirected, stored as both directions (`n * k` synapses); projection index 0.
///
/// ```
/// let csr = sc_neurocore_topology::small_world(80, 4, 0.1, 0.05, 42).unwrap();
/// assert_eq!(csr.nnz(), 80 * 4);
/// ```
pub fn small_world(n: usize, k: usize, p_rewire: f64, weight: f64, seed: u64) -> Result<Csr> {
    Topology::SmallWorld { k, p_rewire }.generate(
        n,
        n,
        weight,
        seed,
        0,
        ConnectOptions::recurrent(),
    )
}
