//! SPIKE-synchronization (Kreuz et al. 2015), SPIKE-order directionality and the spike train
//! order (Kreuz et al. 2017), catalogue entries 54–60: transcriptions of PySpike 0.9.0's
//! `coincidence_value_cython`, `coincidence_profile_cython`, `spike_directionality_cython` and
//! `spike_train_order_cython` (`MRTS = 0`).

use sc_neurocore_core::Result;

use super::pyspike::{check_max_tau, check_window, get_tau, reconcile, reconcile_all};
use super::{pair_values, symmetric_matrix};

/// One step of the merged walk over two trains.
#[derive(Clone, Copy)]
enum Step {
    /// The next spike (at `t`) is of the first train; `coincident` with the last spike of the
    /// second train.
    First { t: f64, coincident: bool },
    /// The next spike (at `t`) is of the second train.
    Second { t: f64, coincident: bool },
    /// Both trains fire at `t`.
    Both { t: f64 },
}

/// The merged walk shared by PySpike's coincidence functions. `max_tau = 0` means no cap.
fn sync_walk(
    s1: &[f64],
    s2: &[f64],
    t_start: f64,
    t_end: f64,
    max_tau: f64,
    mut f: impl FnMut(Step),
) {
    const MRTS: f64 = 0.0;
    let (n1, n2) = (s1.len() as isize, s2.len() as isize);
    let mut true_max = t_end - t_start;
    if max_tau > 0.0 {
        true_max = true_max.min(2.0 * max_tau);
    }
    let at = |s: &[f64], k: isize| s[k as usize];
    let (mut i, mut j) = (-1isize, -1isize);
    while i + j < n1 + n2 - 2 {
        if i < n1 - 1 && (j == n2 - 1 || at(s1, i + 1) < at(s2, j + 1)) {
            i += 1;
            let t = at(s1, i);
            let coincident = j > -1 && t - at(s2, j) < get_tau(s1, s2, i, j, true_max, MRTS);
            f(Step::First { t, coincident });
        } else if j < n2 - 1 && (i == n1 - 1 || at(s1, i + 1) > at(s2, j + 1)) {
            j += 1;
            let t = at(s2, j);
            let coincident = i > -1 && t - at(s1, i) < get_tau(s1, s2, i, j, true_max, MRTS);
            f(Step::Second { t, coincident });
        } else {
            i += 1;
            j += 1;
            f(Step::Both { t: at(s1, i) });
        }
    }
}

/// `coincidence_value_cython`: (coincidences, multiplicity).
fn coincidences(s1: &[f64], s2: &[f64], t_start: f64, t_end: f64, max_tau: f64) -> (f64, f64) {
    let (mut c, mut mp) = (0.0, 0.0);
    sync_walk(s1, s2, t_start, t_end, max_tau, |step| match step {
        Step::First { coincident, .. } | Step::Second { coincident, .. } => {
            mp += 1.0;
            if coincident {
                c += 2.0;
            }
        }
        Step::Both { .. } => {
            mp += 2.0;
            c += 2.0;
        }
    });
    (c, mp)
}

/// `spike_sync_bi`: `c / mp`, 1 when there is no spike at all.
fn sync_value(s1: &[f64], s2: &[f64], t_start: f64, t_end: f64, max_tau: f64) -> f64 {
    let (c, mp) = coincidences(s1, s2, t_start, t_end, max_tau);
    if mp == 0.0 { 1.0 } else { c / mp }
}

/// `spike_train_order_cython`: (order, multiplicity); both trains empty gives (1, 1).
fn order_counts(s1: &[f64], s2: &[f64], t_start: f64, t_end: f64, max_tau: f64) -> (i64, i64) {
    let (mut d, mut mp) = (0i64, 0i64);
    sync_walk(s1, s2, t_start, t_end, max_tau, |step| match step {
        Step::First { coincident, .. } => {
            mp += 1;
            if coincident {
                d -= 2;
            }
        }
        Step::Second { coincident, .. } => {
            mp += 1;
            if coincident {
                d += 2;
            }
        }
        Step::Both { .. } => mp += 2,
    });
    if d == 0 && mp == 0 { (1, 1) } else { (d, mp) }
}

/// Checks the window and `max_tau`, reconciles a pair.
fn prepare_pair(
    object: &str,
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<(Vec<f64>, Vec<f64>, f64)> {
    check_window(object, t_start, t_stop)?;
    let max_tau = check_max_tau(object, max_tau)?;
    let a = reconcile(object, "spikes_a", spikes_a, t_start, t_stop)?;
    let b = reconcile(object, "spikes_b", spikes_b, t_start, t_stop)?;
    Ok((a, b, max_tau))
}

/// Checks the window and `max_tau`, reconciles every train.
fn prepare_many<T: AsRef<[f64]>>(
    object: &str,
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<(Vec<Vec<f64>>, f64)> {
    check_window(object, t_start, t_stop)?;
    let max_tau = check_max_tau(object, max_tau)?;
    Ok((reconcile_all(object, trains, t_start, t_stop)?, max_tau))
}

/// SPIKE-synchronization of two trains (catalogue #54): the fraction of spikes that have a
/// coincident spike in the other train, within PySpike's adaptive window (`get_tau`), capped at
/// `max_tau` when it is given and > 0 (`None` or 0: no cap). Both trains empty: 1.0; one
/// empty: 0.0. Trains are deduplicated and cut to the window (±1e-6).
///
/// Errors: a non-finite spike, a non-finite window or `t_stop <= t_start`, `max_tau < 0` or
/// non-finite. Reference: `pyspike.spike_sync`.
pub fn spike_sync(
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<f64> {
    let (a, b, max_tau) = prepare_pair("spike_sync", spikes_a, spikes_b, t_start, t_stop, max_tau)?;
    Ok(sync_value(&a, &b, t_start, t_stop, max_tau))
}

/// Multivariate SPIKE-synchronization (catalogue #55): coincidences and spike counts pooled
/// over all pairs `i < j` (not the mean of the pairwise values), 1.0 when the pairs hold no
/// spike, and so also for fewer than two trains (PySpike gives 1.0 for one train).
pub fn spike_sync_multi<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<f64> {
    let (trains, max_tau) = prepare_many("spike_sync_multi", trains, t_start, t_stop, max_tau)?;
    let values = pair_values(trains.len(), |i, j| {
        coincidences(&trains[i], &trains[j], t_start, t_stop, max_tau)
    });
    let (mut c, mut mp) = (0.0, 0.0);
    for (ci, mi) in values {
        c += ci;
        mp += mi;
    }
    Ok(if mp == 0.0 { 1.0 } else { c / mp })
}

/// Pairwise SPIKE-synchronization (catalogue #56): symmetric, diagonal 1, computed in parallel.
pub fn spike_sync_matrix<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<Vec<Vec<f64>>> {
    let (trains, max_tau) = prepare_many("spike_sync_matrix", trains, t_start, t_stop, max_tau)?;
    Ok(symmetric_matrix(trains.len(), 1.0, |i, j| {
        sync_value(&trains[i], &trains[j], t_start, t_stop, max_tau)
    }))
}

/// SPIKE-synchronization profile (catalogue #57): PySpike's `DiscreteFunc` `x` (`t_start`, one
/// entry per distinct spike time, `t_stop`), `y` (coincidences: 0 or 1 per spike, 2 for a
/// shared spike time) and `mp` (multiplicities: 1, or 2 for a shared time). The edge entries
/// copy their neighbours; with no spike at all `x = [t_start, t_stop]`, `y = mp = [1, 1]`.
pub fn spike_sync_profile(
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let (a, b, max_tau) = prepare_pair(
        "spike_sync_profile",
        spikes_a,
        spikes_b,
        t_start,
        t_stop,
        max_tau,
    )?;
    let len = a.len() + b.len() + 2;
    let (mut x, mut c, mut mp) = (vec![0.0; len], vec![0.0; len], vec![1.0; len]);
    let mut n = 0;
    sync_walk(&a, &b, t_start, t_stop, max_tau, |step| {
        n += 1;
        match step {
            Step::First { t, coincident } | Step::Second { t, coincident } => {
                x[n] = t;
                if coincident {
                    c[n] = 1.0;
                    c[n - 1] = 1.0;
                }
            }
            Step::Both { t } => {
                x[n] = t;
                c[n] = 2.0;
                mp[n] = 2.0;
            }
        }
    });
    for v in [&mut x, &mut c, &mut mp] {
        v.truncate(n + 2);
    }
    let last = n + 1;
    x[0] = t_start;
    x[last] = t_stop;
    if a.len() + b.len() > 0 {
        c[0] = c[1];
        c[last] = c[last - 1];
        mp[0] = mp[1];
        mp[last] = mp[last - 1];
    } else {
        c[0] = 1.0;
        c[1] = 1.0;
    }
    Ok((x, c, mp))
}

/// SPIKE-order directionality of `spikes_a` relative to `spikes_b` (catalogue #58): each
/// coincident spike of a scores +1 when it leads and −1 when it follows, normalised by `n_a`
/// (after deduplication and the window cut). An empty a gives NaN (PySpike raises
/// `ZeroDivisionError`). Reference: `pyspike.spike_directionality(normalize=True)`.
pub fn spike_directionality(
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<f64> {
    let (a, b, max_tau) = prepare_pair(
        "spike_directionality",
        spikes_a,
        spikes_b,
        t_start,
        t_stop,
        max_tau,
    )?;
    if a.is_empty() {
        return Ok(f64::NAN);
    }
    let mut d = 0i64;
    sync_walk(&a, &b, t_start, t_stop, max_tau, |step| match step {
        Step::First {
            coincident: true, ..
        } => d -= 1,
        Step::Second {
            coincident: true, ..
        } => d += 1,
        _ => {}
    });
    Ok(d as f64 / a.len() as f64)
}

/// Spike train order (synfire indicator F) of two trains, normalised (catalogue #59): as
/// PySpike 0.9.0, both trains empty gives 1.0 and one empty gives 0.0. Trains are deduplicated
/// and cut to the window (±1e-6) first, as for the rest of the family (PySpike's
/// `spike_train_order` itself skips that step). Reference: `pyspike.spike_train_order`.
pub fn spike_train_order(
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<f64> {
    let (a, b, max_tau) = prepare_pair(
        "spike_train_order",
        spikes_a,
        spikes_b,
        t_start,
        t_stop,
        max_tau,
    )?;
    let (d, mp) = order_counts(&a, &b, t_start, t_stop, max_tau);
    Ok(d as f64 / mp as f64)
}

/// Spike train order of many trains (catalogue #60): order values and multiplicities summed
/// over all pairs `i < j` (a pair of empty trains adds 1 and 1, as in PySpike), then divided.
/// Fewer than two trains: 1.0, the 0/0 convention of the pooled counts (PySpike 0.9.0 raises
/// `UnboundLocalError` there; its intended `m == 0` guard returns 1.0).
pub fn spike_train_order_multi<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    max_tau: Option<f64>,
) -> Result<f64> {
    let (trains, max_tau) =
        prepare_many("spike_train_order_multi", trains, t_start, t_stop, max_tau)?;
    let values = pair_values(trains.len(), |i, j| {
        order_counts(&trains[i], &trains[j], t_start, t_stop, max_tau)
    });
    let (mut e, mut m) = (0.0, 0.0);
    for (d, mp) in values {
        e += d as f64;
        m += mp as f64;
    }
    // No pair: PySpike's 0/0 convention (its `m == 0` guard) gives 1.
    Ok(if m == 0.0 { 1.0 } else { e / m })
}
