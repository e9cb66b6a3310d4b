//! Comparison of our spike times with a reference simulator's, shared by
//! `nest_reference.rs` and `brian2_reference.rs`: the pairing of spikes by time (not by
//! index, so that one missing or extra spike early does not shift every later pair) and the
//! tolerance rule taken from the reference's own convergence in dt.

use serde_json::Value;

/// The numbers of a JSON array (a reference file's spike times).
pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// The resolutions of a reference file's `runs` (keyed by dt in ms), coarsest first.
pub fn resolutions(r: &Value) -> Vec<(String, f64)> {
    let mut res: Vec<(String, f64)> = r["runs"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (k.clone(), k.parse().unwrap()))
        .collect();
    res.sort_by(|a, b| b.1.total_cmp(&a.1));
    res
}

/// A one-to-one pairing of reference spikes with ours, in time order.
#[derive(Debug, PartialEq)]
pub struct Matching {
    /// (index of the reference spike, index of ours), increasing in both.
    pub pairs: Vec<(usize, usize)>,
    /// Indices of the reference spikes that have no partner among ours.
    pub missing: Vec<usize>,
    /// Indices of our spikes that have no partner among the reference's.
    pub extra: Vec<usize>,
}

/// Pairs the sorted `reference` spike times with the sorted `ours`, one to one and in time
/// order, a pair (k, j) being allowed only if |ours[j] - reference[k]| <= `window(k)`: the
/// most pairs possible, and among those the least total distance. (An alignment by dynamic
/// programming, as for edit distance: a spike left unpaired costs more than any sum of
/// distances, a pair costs its distance.) A spike that one side misses is then reported as
/// exactly that, whatever comes after it.
pub fn match_spikes(reference: &[f64], ours: &[f64], window: impl Fn(usize) -> f64) -> Matching {
    let (n, m) = (reference.len(), ours.len());
    // Larger than any total distance of pairs (times in ms within a run of at most ~1e4 ms).
    const UNPAIRED: f64 = 1e12;
    // cost[k][j]: the best alignment of reference[..k] with ours[..j].
    let mut cost = vec![vec![0.0; m + 1]; n + 1];
    for k in 0..=n {
        for j in 0..=m {
            if k == 0 && j == 0 {
                continue;
            }
            let mut best = f64::INFINITY;
            if k > 0 {
                best = best.min(cost[k - 1][j] + UNPAIRED);
            }
            if j > 0 {
                best = best.min(cost[k][j - 1] + UNPAIRED);
            }
            if k > 0 && j > 0 {
                let d = (ours[j - 1] - reference[k - 1]).abs();
                if d <= window(k - 1) {
                    best = best.min(cost[k - 1][j - 1] + d);
                }
            }
            cost[k][j] = best;
        }
    }
    let (mut pairs, mut missing, mut extra) = (Vec::new(), Vec::new(), Vec::new());
    let (mut k, mut j) = (n, m);
    while k > 0 || j > 0 {
        if k > 0 && j > 0 {
            let d = (ours[j - 1] - reference[k - 1]).abs();
            if d <= window(k - 1) && cost[k][j] == cost[k - 1][j - 1] + d {
                pairs.push((k - 1, j - 1));
                (k, j) = (k - 1, j - 1);
                continue;
            }
        }
        if k > 0 && cost[k][j] == cost[k - 1][j] + UNPAIRED {
            missing.push(k - 1);
            k -= 1;
        } else {
            extra.push(j - 1);
            j -= 1;
        }
    }
    pairs.reverse();
    missing.reverse();
    extra.reverse();
    Matching {
        pairs,
        missing,
        extra,
    }
}

/// A reference simulator's finest run, `finest`, the reference solution, and for a
/// reference that converges only at first order in dt (a reset at the end of the step,
/// forward Euler), `next`, its run at twice that step. The error of a first-order run at step
/// h is about its change from 2h to h, so the distance of each finest spike to its partner in
/// `next` (paired by time without a window) is added to that spike's allowance; a spike that
/// `next` lacks gets none. (For the higher-order references this would overestimate the
/// finest run's error many times over, and they have converged: `next` is `None`.)
pub struct Runs {
    pub finest: Vec<f64>,
    pub next: Option<Vec<f64>>,
}

impl Runs {
    /// The finest run of reference file `r` (resolutions `res`, coarsest first) and, when
    /// the file says the reference converges at first order only, the run at twice its step.
    pub fn of_reference(r: &Value, res: &[(String, f64)]) -> Runs {
        Runs {
            finest: floats(&r["runs"][&res[res.len() - 1].0]),
            next: r["first_order"]
                .as_bool()
                .unwrap_or(false)
                .then(|| floats(&r["runs"][&res[res.len() - 2].0])),
        }
    }

    fn finest_error(&self) -> Vec<f64> {
        let mut e = vec![0.0; self.finest.len()];
        if let Some(next) = &self.next {
            let m = match_spikes(&self.finest, next, |_| f64::INFINITY);
            for (k, j) in m.pairs {
                e[k] = (next[j] - self.finest[k]).abs();
            }
        }
        e
    }
}

/// Compares `ours` (spike times at step `dt`, ms) with a reference simulator's run at the same
/// `dt` (`coarse`) and at its two finest resolutions (`runs`), and
/// returns the failures (empty if none). `offset` is subtracted from our times first (models
/// whose spike detection differs from the reference's by a fixed phase).
///
/// The rule. The reference's own error for each finest spike is its distance to the partner
/// in the reference's run at `dt` (the two runs paired by time as above, without a window),
/// plus the error estimate of the finest run itself (see [`Runs`]).
/// Then: our spike count equals the reference's at `dt` or at the finest resolution; each
/// finest spike has a partner among ours within its own error plus one step (both sides
/// report a spike at the end of the step in which it happened), except a finest spike that
/// the reference's own run at `dt` lacks too; we have no spike without a partner, except as
/// many as the reference's run at `dt` has itself; and the mean distance of our spikes to
/// their partners is within the reference's mean own error (over the same finest spikes) plus
/// half a step (the mean lateness of a spike reported at the end of its step).
pub fn compare(
    what: &str,
    ours: &[f64],
    coarse: &[f64],
    runs: &Runs,
    dt: f64,
    offset: f64,
) -> Vec<String> {
    let finest = &runs.finest[..];
    let mut failures = Vec::new();
    let listed = |t: &[f64]| format!("{t:?}");
    if ours.len() != coarse.len() && ours.len() != finest.len() {
        failures.push(format!(
            "{what}: {} spikes, reference {} (at its finest resolution: {})",
            ours.len(),
            coarse.len(),
            finest.len()
        ));
    }
    let own = match_spikes(finest, coarse, |_| f64::INFINITY);
    let mut own_error: Vec<Option<f64>> = vec![None; finest.len()];
    for &(k, j) in &own.pairs {
        own_error[k] = Some((coarse[j] - finest[k]).abs());
    }
    let shifted: Vec<f64> = ours.iter().map(|t| t - offset).collect();
    let finest_error = runs.finest_error();
    let window = |k: usize| own_error[k].unwrap_or(0.0) + finest_error[k] + dt + 1e-9;
    let matching = match_spikes(finest, &shifted, window);
    let missing: Vec<f64> = matching
        .missing
        .iter()
        .filter(|&&k| own_error[k].is_some())
        .map(|&k| finest[k])
        .collect();
    if !missing.is_empty() {
        failures.push(format!(
            "{what}: reference spikes (at its finest resolution) without one of ours within \
             the reference's own error + dt: {}",
            listed(&missing)
        ));
    }
    if matching.extra.len() > own.extra.len() {
        let extra: Vec<f64> = matching.extra.iter().map(|&j| ours[j]).collect();
        failures.push(format!(
            "{what}: spikes of ours without a reference spike within its own error + dt: {} \
             (the reference's own run at this dt has {} spikes more than its finest)",
            listed(&extra),
            own.extra.len()
        ));
    }
    let (mut ours_sum, mut own_sum, mut n) = (0.0, 0.0, 0usize);
    for &(k, j) in &matching.pairs {
        if let Some(e) = own_error[k] {
            ours_sum += (shifted[j] - finest[k]).abs();
            own_sum += e + finest_error[k];
            n += 1;
        }
    }
    let n = n.max(1) as f64;
    eprintln!(
        "{what}: {} spikes ({} paired), mean distance to the reference {:.4} ms, its own {:.4} ms",
        ours.len(),
        matching.pairs.len(),
        ours_sum / n,
        own_sum / n
    );
    if ours_sum / n > own_sum / n + 0.5 * dt + 1e-9 {
        failures.push(format!(
            "{what}: mean distance to the reference {:.4} ms, its own {:.4} ms",
            ours_sum / n,
            own_sum / n
        ));
    }
    if !failures.is_empty() {
        failures.push(format!(
            "  ours {}\n  reference at this dt {}\n  reference at its finest resolution {}",
            listed(ours),
            listed(coarse),
            listed(finest)
        ));
    }
    failures
}

/// The mean of `ours[j] - finest[k]` over the pairs of a windowless time matching: the fixed
/// offset of a model whose spike detection is a different phase of the spike.
#[allow(dead_code)] // used by nest_reference.rs only
pub fn mean_offset(ours: &[f64], finest: &[f64]) -> f64 {
    let m = match_spikes(finest, ours, |_| f64::INFINITY);
    let sum: f64 = m.pairs.iter().map(|&(k, j)| ours[j] - finest[k]).sum();
    sum / m.pairs.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFERENCE: [f64; 6] = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0];

    /// One spike missing early: exactly that spike is reported, every other one is paired
    /// with its own counterpart (an index pairing would pair 20 with 30, 30 with 40, ...).
    #[test]
    fn a_missing_early_spike_is_reported_as_exactly_that() {
        let ours = [10.01, 30.02, 40.0, 49.99, 60.01];
        let m = match_spikes(&REFERENCE, &ours, |_| 0.05);
        assert_eq!(m.missing, vec![1]);
        assert!(m.extra.is_empty());
        assert_eq!(m.pairs, vec![(0, 0), (2, 1), (3, 2), (4, 3), (5, 4)]);
    }

    /// An extra spike of ours is reported as extra, by its index in ours.
    #[test]
    fn an_extra_spike_is_reported_as_exactly_that() {
        let ours = [10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0];
        let m = match_spikes(&REFERENCE, &ours, |_| 0.05);
        assert_eq!(m.extra, vec![1]);
        assert!(m.missing.is_empty());
        assert_eq!(m.pairs.len(), 6);
    }

    /// A spike outside its window is both missing (the reference's) and extra (ours); the
    /// window is per reference spike.
    #[test]
    fn a_spike_outside_its_window_is_unpaired_on_both_sides() {
        let ours = [10.0, 20.0, 30.3, 40.0, 50.0, 60.0];
        let m = match_spikes(&REFERENCE, &ours, |_| 0.2);
        assert_eq!((m.missing.clone(), m.extra.clone()), (vec![2], vec![2]));
        let wider = match_spikes(&REFERENCE, &ours, |k| if k == 2 { 0.5 } else { 0.2 });
        assert!(wider.missing.is_empty() && wider.extra.is_empty());
    }

    /// Two candidates within the window: the nearer one is paired, the other is extra.
    #[test]
    fn the_nearest_candidate_is_paired() {
        let m = match_spikes(&[10.0], &[9.7, 10.1], |_| 0.5);
        assert_eq!((m.pairs, m.extra), (vec![(0, 1)], vec![0]));
    }

    /// `compare` passes a copy of the reference's finest run and reports a missing early
    /// spike by its time, not as a shift of every later pair.
    #[test]
    fn compare_reports_a_missing_spike_by_time() {
        let coarse = [10.05, 20.05, 30.05, 40.05, 50.05, 60.05];
        let runs = Runs {
            finest: REFERENCE.to_vec(),
            next: None,
        };
        assert!(compare("same", &REFERENCE, &coarse, &runs, 0.1, 0.0).is_empty());
        let ours = [10.0, 30.0, 40.0, 50.0, 60.0];
        let failures = compare("one missing", &ours, &coarse, &runs, 0.1, 0.0);
        assert!(
            failures[0].contains("5 spikes, reference 6"),
            "{failures:?}"
        );
        assert!(
            failures[1].contains("own error + dt: [20.0]"),
            "{failures:?}"
        );
        assert!(
            !failures.iter().any(|f| f.contains("mean distance")),
            "{failures:?}"
        );
    }

    /// A first-order reference's finest run's own error estimate (its change from the run at
    /// twice its step) widens the window of each spike by exactly that much.
    #[test]
    fn the_finest_runs_own_error_widens_its_window() {
        let ours = [10.0, 20.0, 30.3, 40.0, 50.0, 60.0];
        let with_next = |next: Option<Vec<f64>>| Runs {
            finest: REFERENCE.to_vec(),
            next,
        };
        let check = |runs: &Runs| compare("case", &ours, &REFERENCE, runs, 0.1, 0.0);
        // Converged (or a first-order run that did not move): the window is dt, 0.3 is out.
        assert!(!check(&with_next(None)).is_empty());
        assert!(!check(&with_next(Some(REFERENCE.to_vec()))).is_empty());
        // The finest run moved by 0.25 ms from the run at twice its step: 0.3 is within
        // 0.25 + dt; by 0.15 ms: it is not.
        let mut next = REFERENCE.to_vec();
        next[2] = 30.25;
        assert_eq!(check(&with_next(Some(next.clone()))), Vec::<String>::new());
        next[2] = 30.15;
        assert!(!check(&with_next(Some(next))).is_empty());
    }
}
