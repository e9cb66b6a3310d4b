//! [`TargetRows`]: connectivity stored target-major (the sources of each target), as the
//! row-local generators produce it, and the counting-sort transpose to the source-major
//! [`Csr`] of the API.
//!
//! Target-major generation is what lets an MPI rank build only its own targets: each
//! target row is drawn from its own stream, so any range of rows can be generated alone
//! and gives the same rows as the whole network.

use std::ops::Range;

use rayon::prelude::*;
use sc_neurocore_core::{Csr, Result};

/// Rows per parallel task when row lengths are not known in advance. The result does not
/// depend on it (each row is a pure function of its own stream).
const BLOCK_ROWS: usize = 256;

/// The sources of each target in a range of targets of one projection.
///
/// `sources` is laid out target by target: the sources of target `targets.start + r` are
/// `sources[indptr[r]..indptr[r + 1]]`. Within a row, sources are ascending, except for a
/// `fixed_indegree` projection with multapses and `fixed_total_number`, whose rows keep the
/// draw order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRows {
    n_src: usize,
    n_tgt: usize,
    targets: Range<usize>,
    indptr: Vec<usize>,
    sources: Vec<u32>,
}

impl TargetRows {
    /// Assembles target rows; `indptr` has `targets.len() + 1` non-decreasing entries from 0
    /// to `sources.len()`. Crate-internal: the generators uphold the invariants.
    pub(crate) fn from_parts(
        n_src: usize,
        n_tgt: usize,
        targets: Range<usize>,
        indptr: Vec<usize>,
        sources: Vec<u32>,
    ) -> Self {
        debug_assert_eq!(indptr.len(), targets.len() + 1);
        debug_assert_eq!(indptr.last().copied(), Some(sources.len()));
        TargetRows {
            n_src,
            n_tgt,
            targets,
            indptr,
            sources,
        }
    }

    /// Generates the rows of `targets` in parallel: `fill(target, &mut row)` appends the
    /// sources of one target to `row` (which it receives empty).
    pub(crate) fn generate<F>(n_src: usize, n_tgt: usize, targets: Range<usize>, fill: F) -> Self
    where
        F: Fn(usize, &mut Vec<u32>) + Sync,
    {
        let start = targets.start;
        let n_rows = targets.len();
        let blocks: Vec<(Vec<usize>, Vec<u32>)> = (0..n_rows.div_ceil(BLOCK_ROWS))
            .into_par_iter()
            .map(|b| {
                let rows = start + b * BLOCK_ROWS..start + ((b + 1) * BLOCK_ROWS).min(n_rows);
                let mut lens = Vec::with_capacity(rows.len());
                let mut data = Vec::new();
                let mut row = Vec::new();
                for t in rows {
                    row.clear();
                    fill(t, &mut row);
                    lens.push(row.len());
                    data.extend_from_slice(&row);
                }
                (lens, data)
            })
            .collect();
        let nnz = blocks.iter().map(|(_, d)| d.len()).sum();
        let mut indptr = Vec::with_capacity(n_rows + 1);
        let mut sources = Vec::with_capacity(nnz);
        indptr.push(0);
        for (lens, data) in blocks {
            for len in lens {
                indptr.push(indptr.last().copied().unwrap_or(0) + len);
            }
            sources.extend_from_slice(&data);
        }
        TargetRows::from_parts(n_src, n_tgt, targets, indptr, sources)
    }

    /// The target rows `targets` of a source-major CSR (sources ascending in each row).
    pub fn from_csr(csr: &Csr, targets: Range<usize>) -> Self {
        let (n_src, n_tgt) = (csr.n_rows(), csr.n_cols());
        let targets = targets.start.min(n_tgt)..targets.end.min(n_tgt);
        let (lo, n_rows) = (targets.start, targets.len());
        let mut indptr = vec![0usize; n_rows + 1];
        for &j in csr.indices() {
            if targets.contains(&(j as usize)) {
                indptr[j as usize - lo + 1] += 1;
            }
        }
        for r in 0..n_rows {
            indptr[r + 1] += indptr[r];
        }
        let mut next = indptr[..n_rows].to_vec();
        let mut sources = vec![0u32; indptr[n_rows]];
        for s in 0..n_src {
            for &j in csr.row(s).0 {
                if targets.contains(&(j as usize)) {
                    let r = j as usize - lo;
                    sources[next[r]] = s as u32;
                    next[r] += 1;
                }
            }
        }
        TargetRows::from_parts(n_src, n_tgt, targets, indptr, sources)
    }

    /// Number of sources of the projection.
    pub fn n_src(&self) -> usize {
        self.n_src
    }
    /// Number of targets of the whole projection (not only of this range).
    pub fn n_tgt(&self) -> usize {
        self.n_tgt
    }
    /// The targets whose rows are held (indices within the target population).
    pub fn targets(&self) -> Range<usize> {
        self.targets.clone()
    }
    /// Row pointer: `targets().len() + 1` entries.
    pub fn indptr(&self) -> &[usize] {
        &self.indptr
    }
    /// Sources of every synapse, target by target.
    pub fn sources(&self) -> &[u32] {
        &self.sources
    }
    /// Number of synapses held.
    pub fn nnz(&self) -> usize {
        self.sources.len()
    }
    /// The sources of `target` (an index within the target population, inside
    /// [`targets`](Self::targets)).
    ///
    /// # Panics
    /// If `target` is outside `targets()`.
    pub fn row(&self, target: usize) -> &[u32] {
        assert!(
            self.targets.contains(&target),
            "target {target} is outside {:?}",
            self.targets
        );
        let r = target - self.targets.start;
        &self.sources[self.indptr[r]..self.indptr[r + 1]]
    }
    /// Decomposes into `(n_src, n_tgt, targets, indptr, sources)`.
    pub fn into_parts(self) -> (usize, usize, Range<usize>, Vec<usize>, Vec<u32>) {
        (
            self.n_src,
            self.n_tgt,
            self.targets,
            self.indptr,
            self.sources,
        )
    }

    /// The source-major [`Csr`] of these rows (`n_src` rows, `n_tgt` columns; targets
    /// outside [`targets`](Self::targets) have no synapse), every synapse with `weight`.
    ///
    /// A counting sort: each source's targets come out ascending, and the synapses of one
    /// (source, target) pair (multapses) stay adjacent in the order of the target row.
    /// With several threads, consecutive blocks of target rows are transposed in parallel
    /// and each source's pieces concatenated in block order, which gives the same result.
    pub fn to_csr(&self, weight: f64) -> Result<Csr> {
        let (n_src, nnz) = (self.n_src, self.sources.len());
        let n_rows = self.targets.len();
        // Each block costs an `n_src` row pointer: keep that small next to the synapses.
        let blocks = rayon::current_num_threads()
            .min(nnz / (MIN_SYNAPSES_PER_SOURCE * n_src.max(1)))
            .min(n_rows)
            .max(1);
        let (indptr, indices) = if blocks == 1 {
            self.transpose_rows(0..n_rows)
        } else {
            self.transpose_parallel(blocks)
        };
        let mut weights = vec![0.0; nnz];
        if weight != 0.0 {
            weights.par_iter_mut().for_each(|w| *w = weight);
        }
        Csr::new(n_src, self.n_tgt, indptr, indices, weights)
    }

    /// Counting-sort transpose of the rows `rows` (offsets into `targets`): a source-major
    /// `(indptr, indices)` over all `n_src` sources.
    fn transpose_rows(&self, rows: Range<usize>) -> (Vec<usize>, Vec<u32>) {
        let n_src = self.n_src;
        let (lo, hi) = (self.indptr[rows.start], self.indptr[rows.end]);
        let mut indptr = vec![0usize; n_src + 1];
        for &s in &self.sources[lo..hi] {
            indptr[s as usize + 1] += 1;
        }
        for i in 0..n_src {
            indptr[i + 1] += indptr[i];
        }
        let mut next = indptr[..n_src].to_vec();
        let mut indices = vec![0u32; hi - lo];
        for r in rows {
            let t = (self.targets.start + r) as u32;
            for &s in &self.sources[self.indptr[r]..self.indptr[r + 1]] {
                let slot = &mut next[s as usize];
                indices[*slot] = t;
                *slot += 1;
            }
        }
        (indptr, indices)
    }

    /// The transpose with `blocks` blocks of target rows of about equal synapse counts.
    fn transpose_parallel(&self, blocks: usize) -> (Vec<usize>, Vec<u32>) {
        let (n_src, nnz, n_rows) = (self.n_src, self.sources.len(), self.targets.len());
        let bounds: Vec<usize> = (0..=blocks)
            .map(|b| match b {
                0 => 0,
                b if b == blocks => n_rows,
                b => self
                    .indptr
                    .partition_point(|&p| p < b * nnz / blocks)
                    .min(n_rows),
            })
            .collect();
        let parts: Vec<(Vec<usize>, Vec<u32>)> = bounds
            .par_windows(2)
            .map(|w| self.transpose_rows(w[0]..w[1]))
            .collect();
        let mut indptr = vec![0usize; n_src + 1];
        for i in 0..n_src {
            let len: usize = parts.iter().map(|(p, _)| p[i + 1] - p[i]).sum();
            indptr[i + 1] = indptr[i] + len;
        }
        // Split the output into source ranges of about equal size, one task each.
        let mut indices = vec![0u32; nnz];
        let mut chunks = Vec::with_capacity(blocks);
        let mut rest: &mut [u32] = &mut indices;
        let mut first = 0;
        for b in 1..=blocks {
            let last = if b == blocks {
                n_src
            } else {
                indptr
                    .partition_point(|&p| p < b * nnz / blocks)
                    .min(n_src)
                    .max(first)
            };
            let (chunk, tail) = rest.split_at_mut(indptr[last] - indptr[first]);
            chunks.push((first..last, chunk));
            rest = tail;
            first = last;
        }
        chunks.into_par_iter().for_each(|(sources, out)| {
            let mut at = 0;
            for s in sources {
                for (p, data) in &parts {
                    let piece = &data[p[s]..p[s + 1]];
                    out[at..at + piece.len()].copy_from_slice(piece);
                    at += piece.len();
                }
            }
        });
        (indptr, indices)
    }
}

/// Parallel transposes only pay off (and their per-block row pointers stay small) when
/// sources have at least this many synapses per block on average.
const MIN_SYNAPSES_PER_SOURCE: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transpose_keeps_targets_ascending_and_multapses_adjacent() {
        // 3 sources, targets 1..3 of 4: target 1 <- [2, 0, 2], target 2 <- [1, 0].
        let rows = TargetRows::from_parts(3, 4, 1..3, vec![0, 3, 5], vec![2, 0, 2, 1, 0]);
        let csr = rows.to_csr(0.5).unwrap();
        assert_eq!(csr.indptr(), &[0, 2, 3, 5]);
        assert_eq!(csr.indices(), &[1, 2, 2, 1, 1]);
        assert!(csr.weights().iter().all(|&w| w == 0.5));
        let back = TargetRows::from_csr(&csr, 1..3);
        assert_eq!(back.row(1), &[0, 2, 2]);
        assert_eq!(back.row(2), &[0, 1]);
        let part = TargetRows::from_csr(&csr, 2..4);
        assert_eq!(part.row(2), &[0, 1]);
        assert!(part.row(3).is_empty());
    }

    #[test]
    fn parallel_transpose_equals_sequential() {
        let rows = TargetRows::generate(50, 3000, 100..2900, |t, row| {
            row.extend((0..(t % 97) as u32).map(|s| (s * 7 + t as u32) % 50))
        });
        let (indptr, indices) = rows.transpose_rows(0..rows.targets().len());
        for blocks in [2, 3, 8] {
            assert_eq!(
                rows.transpose_parallel(blocks),
                (indptr.clone(), indices.clone())
            );
        }
    }

    #[test]
    fn parallel_generation_concatenates_rows_in_order() {
        let rows = TargetRows::generate(10, 1000, 3..700, |t, row| {
            row.extend((0..(t % 4) as u32).map(|s| s + (t % 3) as u32))
        });
        for t in 3..700 {
            let want: Vec<u32> = (0..(t % 4) as u32).map(|s| s + (t % 3) as u32).collect();
            assert_eq!(rows.row(t), &want[..]);
        }
    }
}
