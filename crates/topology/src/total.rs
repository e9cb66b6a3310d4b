//! `fixed_total_number` (NEST's rule of the same name, its `N`): exactly `total` synapses,
//! each with a source and a target drawn uniformly and independently (multapses, and with
//! one population autapses unless excluded, as NEST allows them).
//!
//! Generated per target row, so that a block of targets (a thread's, an MPI rank's) builds
//! only its own rows:
//!
//! 1. The in-degrees: the number of synapses of each target is multinomial (`total`
//!    trials, probability `1 / n_tgt` each; every target has the same candidates, so
//!    excluding autapses changes nothing here). They are drawn from one stream for the
//!    whole projection, `RngStream::new(seed, StreamKind::Connectivity, object, u64::MAX)`,
//!    as sequential conditional binomials: target `t` gets `Binomial(rest, 1 / (n_tgt -
//!    t))` of the `rest` synapses the targets before it left (the last gets the rest).
//!    That costs one binomial draw per target (O(`n_tgt`) time and memory, whatever
//!    `total`), and every block computes the same degrees up to its last target.
//! 2. The sources: target `t` draws its `k_t` sources uniformly with replacement from its
//!    own stream `RngStream::new(seed, StreamKind::Connectivity, object, t)`, exactly as
//!    `fixed_indegree` with multapses does; the row keeps the draw order.
//!
//! Together this is the distribution of `total` independent uniform (source, target)
//! draws, and the rows of any sub-range of targets are those of the whole projection.
//!
//! Without multapses (which NEST does not offer for this rule) the synapses are a uniform
//! random set of `total` distinct pairs among the `n_tgt × c` candidates (`c` per target:
//! `n_src`, or `n_src - 1` without autapses). The in-degrees are then multivariate
//! hypergeometric, drawn the same way as sequential conditional hypergeometrics (target `t`
//! gets `Hypergeometric(c (n_tgt - t) pairs, c of them its own, rest drawn)`), and each row
//! is a uniform subset of its `k_t` candidates (Floyd's algorithm, as `fixed_indegree`
//! without multapses), ascending.

use std::ops::Range;

use sc_neurocore_core::{RngStream, StreamKind};

use crate::degree::{Scratch, draw};
use crate::{ConnectOptions, TargetRows};

/// The stream entity of the in-degree draws (row streams use the target index, < 2^32).
const DEGREE_ENTITY: u64 = u64::MAX;

/// In-degrees of targets `0..end` of a projection with `total` synapses on `n_tgt` targets;
/// `distinct = Some(c)`: without multapses, `c` candidates per target.
pub(crate) fn indegrees(
    n_tgt: usize,
    end: usize,
    total: usize,
    distinct: Option<usize>,
    seed: u64,
    object: u32,
) -> Vec<u64> {
    let mut rng = RngStream::new(seed, StreamKind::Connectivity, object, DEGREE_ENTITY);
    let mut rest = total as u64;
    let mut weights = Vec::new();
    (0..end)
        .map(|t| {
            let left = (n_tgt - t) as u64;
            let k = match distinct {
                None => rng.binomial(rest, 1.0 / left as f64),
                Some(c) => {
                    let c = c as u64;
                    hypergeometric(&mut rng, c * left, c, rest, &mut weights)
                }
            };
            rest -= k;
            k
        })
        .collect()
}

/// Relative probability below which the tails of [`hypergeometric`] are cut (far below
/// what a double-precision uniform resolves).
const TAIL: f64 = 1e-22;

/// Successes among `draws` drawn without replacement from `pop` items of which `succ` are
/// successes. Inversion over the probabilities relative to the mode, built outwards from
/// the mode with the ratio `P(k + 1) / P(k) = (succ - k)(draws - k) / ((k + 1)(pop - succ -
/// draws + k + 1))` until they fall below [`TAIL`]: no factorial is evaluated, so the
/// probabilities keep double precision for any population; the cost is a few standard
/// deviations of work per draw. `weights` is scratch space.
fn hypergeometric(
    rng: &mut RngStream,
    pop: u64,
    succ: u64,
    draws: u64,
    weights: &mut Vec<f64>,
) -> u64 {
    let lo = draws.saturating_sub(pop - succ);
    let hi = draws.min(succ);
    if lo >= hi {
        return lo;
    }
    let ratio = |k: u64| {
        ((succ - k) as f64 * (draws - k) as f64)
            / ((k + 1) as f64 * ((pop - succ) + k + 1 - draws) as f64)
    };
    let mode =
        (((draws + 1) as f64 * (succ + 1) as f64 / (pop + 2) as f64).floor() as u64).clamp(lo, hi);
    // weights[i] is the relative probability of k = first + i.
    weights.clear();
    let mut w = 1.0;
    let mut k = mode;
    while k > lo {
        w /= ratio(k - 1);
        if w < TAIL {
            break;
        }
        weights.push(w);
        k -= 1;
    }
    let first = k;
    weights.reverse();
    weights.push(1.0);
    let (mut w, mut k) = (1.0, mode);
    while k < hi {
        w *= ratio(k);
        if w < TAIL {
            break;
        }
        weights.push(w);
        k += 1;
    }
    let total: f64 = weights.iter().sum();
    loop {
        let mut u = rng.uniform() * total;
        for (i, &w) in weights.iter().enumerate() {
            if u < w {
                return first + i as u64;
            }
            u -= w;
        }
        // Rounding left u past the last weight: draw again.
    }
}

/// The sources of each target in `targets` for `fixed_total_number` (sizes and options
/// already checked).
pub(crate) fn rows(
    n_src: usize,
    n_tgt: usize,
    targets: Range<usize>,
    total: usize,
    seed: u64,
    object: u32,
    opts: ConnectOptions,
) -> TargetRows {
    let exclude_self = opts.exclude_self();
    let multapses = opts.allow_multapses;
    let candidates = n_src - usize::from(exclude_self && n_src > 0);
    let distinct = (!multapses).then_some(candidates);
    let degrees = indegrees(n_tgt, targets.end, total, distinct, seed, object);
    TargetRows::generate(n_src, n_tgt, targets, |t, row| {
        let k = degrees[t] as usize;
        if k == 0 {
            return;
        }
        row.resize(k, 0);
        let mut rng = RngStream::new(seed, StreamKind::Connectivity, object, t as u64);
        let own = exclude_self.then_some(t);
        draw(
            &mut rng,
            n_src,
            own,
            multapses,
            row,
            &mut Scratch::default(),
        );
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_add_up_and_prefixes_agree() {
        for &(n_tgt, total) in &[(1usize, 17usize), (7, 0), (50, 3), (1000, 123_456)] {
            for distinct in [None, Some(200)] {
                let d = indegrees(n_tgt, n_tgt, total, distinct, 9, 4);
                assert_eq!(d.iter().sum::<u64>(), total as u64);
                if let Some(c) = distinct {
                    assert!(d.iter().all(|&k| k <= c as u64));
                }
                let part = indegrees(n_tgt, n_tgt / 2, total, distinct, 9, 4);
                assert_eq!(part[..], d[..n_tgt / 2]);
            }
        }
    }

    #[test]
    fn hypergeometric_matches_its_probabilities() {
        // Chi-square against the exact probabilities.
        for &(pop, succ, draws) in &[(50u64, 20u64, 10u64), (2000, 300, 900), (60, 50, 40)] {
            let mut rng = RngStream::new(3, StreamKind::Connectivity, 0, pop);
            let trials = 100_000usize;
            let lo = draws.saturating_sub(pop - succ);
            let hi = draws.min(succ);
            let mut counts = vec![0usize; (hi - lo + 1) as usize];
            let mut buf = Vec::new();
            for _ in 0..trials {
                counts[(hypergeometric(&mut rng, pop, succ, draws, &mut buf) - lo) as usize] += 1;
            }
            // ln P(k) = ln C(succ, k) + ln C(pop - succ, draws - k) - ln C(pop, draws).
            let ln_c = |n: u64, k: u64| -> f64 {
                (0..k)
                    .map(|i| ((n - i) as f64).ln() - ((i + 1) as f64).ln())
                    .sum()
            };
            let (mut chi2, mut dof) = (0.0, 0);
            for k in lo..=hi {
                let p = (ln_c(succ, k) + ln_c(pop - succ, draws - k) - ln_c(pop, draws)).exp();
                let e = trials as f64 * p;
                if e >= 5.0 {
                    let c = counts[(k - lo) as usize] as f64;
                    chi2 += (c - e).powi(2) / e;
                    dof += 1;
                }
            }
            let lim = dof as f64 + 5.0 * (2.0 * dof as f64).sqrt();
            assert!(
                chi2 < lim,
                "{pop} {succ} {draws}: chi2 {chi2} over {dof} cells"
            );
        }
        // Degenerate: everything or nothing is a success, or every item is drawn.
        let mut rng = RngStream::new(3, StreamKind::Connectivity, 0, 0);
        let mut buf = Vec::new();
        assert_eq!(hypergeometric(&mut rng, 10, 10, 4, &mut buf), 4);
        assert_eq!(hypergeometric(&mut rng, 10, 0, 4, &mut buf), 0);
        assert_eq!(hypergeometric(&mut rng, 10, 3, 10, &mut buf), 3);
    }
}
