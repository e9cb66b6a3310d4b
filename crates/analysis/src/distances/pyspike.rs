//! What the PySpike family shares: argument checks, `reconcile_spike_trains`, the auxiliary
//! spikes of empty trains, and the coincidence window `get_tau`.

use sc_neurocore_core::{Error, Result};

use crate::conventions::{sorted_train, window};

/// PySpike's tolerance for spikes just outside the window (`reconcile_spike_trains`).
const EPS: f64 = 1e-6;

/// The required window `[t_start, t_stop]`: both finite, `t_stop > t_start`.
pub(super) fn check_window(object: &str, t_start: f64, t_stop: f64) -> Result<()> {
    window(object, t_start, Some(t_stop), &[]).map(|_| ())
}

/// `mrts` (PySpike's `MRTS`): finite and `>= 0`; 0 is the non-adaptive measure.
pub(super) fn check_mrts(object: &str, mrts: f64) -> Result<f64> {
    if mrts.is_finite() && mrts >= 0.0 {
        Ok(mrts)
    } else {
        Err(Error::out_of_range(object, "mrts", mrts, "[0, inf)"))
    }
}

/// `max_tau`: `None` (no cap) or finite and `>= 0`; 0 means no cap, as in PySpike.
pub(super) fn check_max_tau(object: &str, max_tau: Option<f64>) -> Result<f64> {
    match max_tau {
        None => Ok(0.0),
        Some(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Some(v) => Err(Error::out_of_range(
            object,
            "max_tau",
            v,
            "None or [0, inf) (0 = no cap)",
        )),
    }
}

/// G4 + PySpike's `reconcile_spike_trains` for one train: checked finite, sorted,
/// deduplicated, and cut to `t_start − 1e-6 < t < t_stop + 1e-6`.
pub(super) fn reconcile(
    object: &str,
    field: &str,
    spikes: &[f64],
    t_start: f64,
    t_stop: f64,
) -> Result<Vec<f64>> {
    let mut x = sorted_train(object, field, spikes)?;
    x.dedup();
    let (lo, hi) = (t_start - EPS, t_stop + EPS);
    x.retain(|&t| t > lo && t < hi);
    Ok(x)
}

/// [`reconcile`] for every train of a sequence (`trains[k]` in errors).
pub(super) fn reconcile_all<T: AsRef<[f64]>>(
    object: &str,
    trains: &[T],
    t_start: f64,
    t_stop: f64,
) -> Result<Vec<Vec<f64>>> {
    trains
        .iter()
        .enumerate()
        .map(|(k, s)| reconcile(object, &format!("trains[{k}]"), s.as_ref(), t_start, t_stop))
        .collect()
}

/// `SpikeTrain.get_spikes_non_empty`: an empty train becomes `{t_start, t_stop}`.
pub(super) fn non_empty(x: Vec<f64>, t_start: f64, t_stop: f64) -> Vec<f64> {
    if x.is_empty() {
        vec![t_start, t_stop]
    } else {
        x
    }
}

/// `Interpolate` of `cython_get_tau.pyx` (a thresholded interpolation).
#[inline]
fn interpolate(a: f64, b: f64, t: f64) -> f64 {
    if t < a && a < b {
        a
    } else if (t < b && b <= a) || t > b {
        b
    } else {
        t
    }
}

/// `get_tau` of `cython_get_tau.pyx`: the coincidence window of spike `i` of `s1` and spike `j`
/// of `s2` (indices may be −1), `max_tau` being the window cap passed in by the callers.
pub(super) fn get_tau(s1: &[f64], s2: &[f64], i: isize, j: isize, max_tau: f64, mrts: f64) -> f64 {
    let (n1, n2) = (s1.len() as isize, s2.len() as isize);
    let at = |s: &[f64], k: isize| s[k as usize];
    let (mut mf1, mut mp1, mut mf2, mut mp2) = (max_tau, max_tau, max_tau, max_tau);
    if i < n1 - 1 && i > -1 {
        mf1 = at(s1, i + 1) - at(s1, i);
    }
    if j < n2 - 1 && j > -1 {
        mf2 = at(s2, j + 1) - at(s2, j);
    }
    if i > 0 {
        mp1 = at(s1, i) - at(s1, i - 1);
    }
    if j > 0 {
        mp2 = at(s2, j) - at(s2, j - 1);
    }
    let (mf1, mf2, mp1, mp2) = (mf1 / 2.0, mf2 / 2.0, mp1 / 2.0, mp2 / 2.0);
    let mrts = mrts / 4.0;
    if i < 0 || j < 0 || at(s1, i) <= at(s2, j) {
        interpolate(mp1, mf1, mrts).min(interpolate(mf2, mp2, mrts))
    } else {
        interpolate(mf1, mp1, mrts).min(interpolate(mp2, mf2, mrts))
    }
}
