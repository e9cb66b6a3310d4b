//! Helpers shared by the integration tests: graph measures on a `Csr`.

#![allow(dead_code)]

use sc_neurocore_topology::Csr;

/// In-degree of every target.
pub fn indegrees(csr: &Csr) -> Vec<usize> {
    let mut d = vec![0; csr.n_cols()];
    for &j in csr.indices() {
        d[j as usize] += 1;
    }
    d
}

/// Out-degree of every source.
pub fn outdegrees(csr: &Csr) -> Vec<usize> {
    csr.indptr().windows(2).map(|w| w[1] - w[0]).collect()
}

/// Number of synapses `i -> i`.
pub fn autapses(csr: &Csr) -> usize {
    (0..csr.n_rows())
        .map(|i| csr.row(i).0.iter().filter(|&&j| j as usize == i).count())
        .sum()
}

/// Number of synapses that repeat an earlier (source, target) pair.
pub fn multapses(csr: &Csr) -> usize {
    (0..csr.n_rows())
        .map(|i| csr.row(i).0.windows(2).filter(|w| w[0] == w[1]).count())
        .sum()
}

/// Whether every row's targets are ascending (non-decreasing).
pub fn rows_sorted(csr: &Csr) -> bool {
    (0..csr.n_rows()).all(|i| csr.row(i).0.windows(2).all(|w| w[0] <= w[1]))
}

/// Whether `i -> j` exists exactly when `j -> i` does.
pub fn symmetric(csr: &Csr) -> bool {
    (0..csr.n_rows()).all(|i| {
        csr.row(i)
            .0
            .iter()
            .all(|&j| csr.row(j as usize).0.binary_search(&(i as u32)).is_ok())
    })
}

/// Mean local clustering coefficient of an undirected graph stored both ways.
pub fn clustering(csr: &Csr) -> f64 {
    let n = csr.n_rows();
    let mut total = 0.0;
    for i in 0..n {
        let nb = csr.row(i).0;
        let k = nb.len();
        if k < 2 {
            continue;
        }
        let mut links = 0usize;
        for (a, &u) in nb.iter().enumerate() {
            for &v in &nb[a + 1..] {
                if csr.row(u as usize).0.binary_search(&v).is_ok() {
                    links += 1;
                }
            }
        }
        total += 2.0 * links as f64 / (k * (k - 1)) as f64;
    }
    total / n as f64
}

/// Mean shortest-path length over all connected ordered pairs (breadth-first search).
pub fn path_length(csr: &Csr) -> f64 {
    let n = csr.n_rows();
    let (mut sum, mut pairs) = (0usize, 0usize);
    let mut dist = vec![usize::MAX; n];
    let mut queue = Vec::with_capacity(n);
    for s in 0..n {
        dist.iter_mut().for_each(|d| *d = usize::MAX);
        dist[s] = 0;
        queue.clear();
        queue.push(s);
        let mut head = 0;
        while head < queue.len() {
            let u = queue[head];
            head += 1;
            for &v in csr.row(u).0 {
                if dist[v as usize] == usize::MAX {
                    dist[v as usize] = dist[u] + 1;
                    sum += dist[u] + 1;
                    pairs += 1;
                    queue.push(v as usize);
                }
            }
        }
    }
    sum as f64 / pairs as f64
}
