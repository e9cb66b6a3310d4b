//! `fixed_indegree` and `fixed_outdegree` (NEST's rules of the same names).
//!
//! - `fixed_indegree`: every target draws exactly `indegree` sources, uniformly, from its
//!   own stream `RngStream::new(seed, StreamKind::Connectivity, object, target)`; so it is
//!   generated per target row, in parallel and per MPI rank. With multapses the draws are
//!   independent and a row keeps their order; without, the row is a uniform random subset
//!   (Floyd's algorithm, exactly `indegree` draws) in ascending order.
//! - `fixed_outdegree`: every source draws exactly `outdegree` targets the same way from the
//!   stream of the *source* (`entity = source`); it is generated per source row and each
//!   row's targets are sorted ascending.
//!
//! Without autapses (one population), candidate `c` is neuron `c`, or `c + 1` past the
//! neuron itself, so the mapping stays monotone and rows stay sorted.

use std::ops::Range;

use rayon::prelude::*;
use sc_neurocore_core::{Csr, RngStream, StreamKind};

use crate::{ConnectOptions, Result, TargetRows};

/// Membership test for Floyd's algorithm: a linear scan of the chosen values for small
/// degrees, a bitset over the candidates for larger ones. Both give the same set for the
/// same draws, so the choice never changes the result.
#[derive(Default)]
pub(crate) struct Scratch {
    bits: Vec<u64>,
}

/// Largest degree for which a linear scan of the chosen values beats the bitset.
const LINEAR_MAX: usize = 48;

/// Up to this many bitset words per chosen value, the sorted subset is read off the bitset
/// instead of sorting the chosen values.
const DENSE_WORDS_PER_PICK: usize = 4;

/// Fills `out` with `out.len()` of the neurons `0..n` drawn from `rng`, leaving out `own`
/// when given. With `multapses`, independent uniform draws in draw order; otherwise a
/// uniform subset in ascending order (the caller guarantees `out.len()` <= candidates).
pub(crate) fn draw(
    rng: &mut RngStream,
    n: usize,
    own: Option<usize>,
    multapses: bool,
    out: &mut [u32],
    scratch: &mut Scratch,
) {
    let skip = own.filter(|&o| o < n);
    let m = (n - usize::from(skip.is_some())) as u64;
    let own = skip.map_or(u64::MAX, |o| o as u64);
    let map = |c: u64| (c + u64::from(c >= own)) as u32;
    if out.is_empty() {
        return;
    }
    if multapses {
        for o in out.iter_mut() {
            *o = map(rng.below(m));
        }
        return;
    }
    let k = out.len() as u64;
    debug_assert!(k <= m);
    // Floyd: for j in m-k..m, draw t in 0..=j; take t, or j if t was taken already.
    if out.len() <= LINEAR_MAX {
        for (i, j) in (m - k..m).enumerate() {
            let t = rng.below(j + 1) as u32;
            out[i] = if out[..i].contains(&t) { j as u32 } else { t };
        }
        out.sort_unstable();
    } else {
        let words = (m as usize).div_ceil(64);
        if scratch.bits.len() < words {
            scratch.bits.resize(words, 0);
        }
        let bits = &mut scratch.bits[..words];
        for (i, j) in (m - k..m).enumerate() {
            let t = rng.below(j + 1);
            let (w, b) = ((t / 64) as usize, 1u64 << (t % 64));
            let pick = if bits[w] & b != 0 { j } else { t };
            bits[(pick / 64) as usize] |= 1u64 << (pick % 64);
            out[i] = pick as u32;
        }
        if words <= DENSE_WORDS_PER_PICK * out.len() {
            // Dense: reading the set off the bitset is cheaper than sorting.
            let mut i = 0;
            for (w, word) in bits.iter_mut().enumerate() {
                let mut x = std::mem::take(word);
                while x != 0 {
                    out[i] = (w * 64) as u32 + x.trailing_zeros();
                    i += 1;
                    x &= x - 1;
                }
            }
        } else {
            for &c in out.iter() {
                bits[c as usize / 64] = 0;
            }
            out.sort_unstable();
        }
    }
    for o in out.iter_mut() {
        *o = map(*o as u64);
    }
}

/// The sources of each target in `targets` for `fixed_indegree` (sizes already checked).
pub(crate) fn indegree_rows(
    n_src: usize,
    n_tgt: usize,
    targets: Range<usize>,
    indegree: usize,
    seed: u64,
    object: u32,
    opts: ConnectOptions,
) -> TargetRows {
    let n_rows = targets.len();
    let mut sources = vec![0u32; n_rows * indegree];
    if indegree > 0 {
        let start = targets.start;
        let exclude_self = opts.exclude_self();
        sources.par_chunks_mut(indegree).enumerate().for_each_init(
            Scratch::default,
            |scratch, (r, out)| {
                let t = start + r;
                let mut rng = RngStream::new(seed, StreamKind::Connectivity, object, t as u64);
                let own = exclude_self.then_some(t);
                draw(&mut rng, n_src, own, opts.allow_multapses, out, scratch);
            },
        );
    }
    let indptr = (0..=n_rows).map(|r| r * indegree).collect();
    TargetRows::from_parts(n_src, n_tgt, targets, indptr, sources)
}

/// The source-major CSR of `fixed_outdegree` (sizes already checked).
pub(crate) fn outdegree_csr(
    n_src: usize,
    n_tgt: usize,
    outdegree: usize,
    weight: f64,
    seed: u64,
    object: u32,
    opts: ConnectOptions,
) -> Result<Csr> {
    let mut indices = vec![0u32; n_src * outdegree];
    if outdegree > 0 {
        let exclude_self = opts.exclude_self();
        indices.par_chunks_mut(outdegree).enumerate().for_each_init(
            Scratch::default,
            |scratch, (s, out)| {
                let mut rng = RngStream::new(seed, StreamKind::Connectivity, object, s as u64);
                let own = exclude_self.then_some(s);
                draw(&mut rng, n_tgt, own, opts.allow_multapses, out, scratch);
                if opts.allow_multapses {
                    out.sort_unstable();
                }
            },
        );
    }
    let indptr = (0..=n_src).map(|s| s * outdegree).collect();
    let nnz = indices.len();
    Csr::new(n_src, n_tgt, indptr, indices, vec![weight; nnz])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subset(n: usize, own: Option<usize>, k: usize, entity: u64) -> Vec<u32> {
        let mut rng = RngStream::new(5, StreamKind::Connectivity, 1, entity);
        let mut out = vec![0; k];
        draw(&mut rng, n, own, false, &mut out, &mut Scratch::default());
        out
    }

    #[test]
    fn subsets_are_sorted_distinct_and_skip_own() {
        for &(n, k) in &[
            (10, 10),
            (10, 9),
            (1000, 40),
            (1000, 500),
            (1000, 999),
            (100_000, 60),
        ] {
            for e in 0..5 {
                let out = subset(n, Some(3), k.min(n - 1), e);
                assert!(out.windows(2).all(|w| w[0] < w[1]), "{out:?}");
                assert!(!out.contains(&3));
                assert!(out.iter().all(|&s| (s as usize) < n));
                let out = subset(n, None, k, e);
                assert!(out.windows(2).all(|w| w[0] < w[1]));
                assert_eq!(out.len(), k);
            }
        }
        assert_eq!(subset(5, Some(2), 4, 0), [0, 1, 3, 4]);
    }

    #[test]
    fn floyd_is_uniform_over_elements() {
        // Each of 20 elements should be chosen with probability 60/20 / ... = k/n = 0.5
        // (a linear-scan case) and 0.3 (a bitset case).
        for &(n, k) in &[(20usize, 10usize), (200, 60)] {
            let mut counts = vec![0u32; n];
            let trials = 4000;
            for e in 0..trials {
                for s in subset(n, None, k, e) {
                    counts[s as usize] += 1;
                }
            }
            let p = k as f64 / n as f64;
            let mean = trials as f64 * p;
            let sd = (trials as f64 * p * (1.0 - p)).sqrt();
            for (s, &c) in counts.iter().enumerate() {
                assert!(
                    (c as f64 - mean).abs() < 5.0 * sd,
                    "n {n} k {k}: element {s} chosen {c} times, expected {mean}"
                );
            }
        }
    }

    #[test]
    fn scratch_is_left_clean_between_rows() {
        // A dense subset (read off the bitset) and a sparse one (sorted).
        for n in [300, 100_000] {
            let mut scratch = Scratch::default();
            let mut rng = RngStream::new(1, StreamKind::Connectivity, 0, 0);
            let mut a = vec![0u32; 100];
            draw(&mut rng, n, None, false, &mut a, &mut scratch);
            assert!(a.windows(2).all(|w| w[0] < w[1]));
            assert!(scratch.bits.iter().all(|&w| w == 0));
        }
    }
}
