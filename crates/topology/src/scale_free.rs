//! `scale_free`: the Barabási–Albert (1999) preferential-attachment model.
//!
//! Neurons `0..m` start without edges; neuron `m` joins and connects to all of them (a
//! star); then each new neuron `t = m + 1, ..., n - 1` connects to `m` distinct earlier
//! neurons, each chosen with probability proportional to its current degree (drawn
//! uniformly from the list in which every neuron appears once per edge end, repeating the
//! draw until `m` distinct neurons are found). This is the algorithm of NetworkX's
//! `barabasi_albert_graph`, and its degree distribution tends to `P(k) ~ k^-3`.
//!
//! The graph is **undirected**, stored as both directions: the CSR is symmetric, with
//! `2 m (n - m)` synapses, no self-loops and no duplicate edges; every neuron from `m` on has
//! degree at least `m`, the first `m` at least 1. The whole graph depends on one stream,
//! `RngStream::new(seed, StreamKind::Connectivity, object, 0)`, consumed neuron by neuron.

use sc_neurocore_core::{Csr, RngStream, StreamKind};

use crate::lattice::symmetric_csr;
use crate::{ConnectOptions, Result, TargetRows, Topology};

/// Grows the graph (sizes checked: `1 <= m < n`).
pub(crate) fn scale_free_csr(
    n: usize,
    m: usize,
    weight: f64,
    seed: u64,
    object: u32,
) -> Result<Csr> {
    let mut rng = RngStream::new(seed, StreamKind::Connectivity, object, 0);
    let n_edges = m * (n - m);
    // Every edge end, in order of creation: the degree-weighted urn.
    let mut ends: Vec<u32> = Vec::with_capacity(2 * n_edges);
    let mut targets: Vec<u32> = (0..m as u32).collect();
    for t in m..n {
        for &s in &targets {
            ends.push(t as u32);
            ends.push(s);
        }
        if t + 1 == n {
            break;
        }
        targets.clear();
        while targets.len() < m {
            let x = ends[rng.below(ends.len() as u64) as usize];
            if !targets.contains(&x) {
                targets.push(x);
            }
        }
    }
    let mut indptr = vec![0usize; n + 1];
    for &x in &ends {
        indptr[x as usize + 1] += 1;
    }
    for i in 0..n {
        indptr[i + 1] += indptr[i];
    }
    let mut next = indptr[..n].to_vec();
    let mut neighbours = vec![0u32; ends.len()];
    for e in ends.chunks_exact(2) {
        for (a, b) in [(e[0], e[1]), (e[1], e[0])] {
            neighbours[next[a as usize]] = b;
            next[a as usize] += 1;
        }
    }
    let rows = TargetRows::generate(n, n, 0..n, |i, row| {
        row.extend_from_slice(&neighbours[indptr[i]..indptr[i + 1]]);
        row.sort_unstable();
    });
    symmetric_csr(rows, weight)
}

/// Barabási–Albert scale-free graph on `n` neurons, `m` edges per new neuron
/// (`1 <= m <= n - 1`). Undirected, stored as both directions (`2 m (n - m)` synapses);
/// projection index 0.
///
/// ```
/// let csr = sc_neurocore_topology::scale_free(80, 3, 0.05, 42).unwrap();
/// assert_eq!(csr.nnz(), 2 * 3 * (80 - 3));
/// ```
pub fn scale_free(n: usize, m: usize, weight: f64, seed: u64) -> Result<Csr> {
    Topology::ScaleFree { m }.generate(n, n, weight, seed, 0, ConnectOptions::recurrent())
}
