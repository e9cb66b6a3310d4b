//! ISI-distance (Kreuz et al. 2007), catalogue entries 46–49: a transcription of PySpike
//! 0.9.0's `isi_distance_cython` / `isi_profile_cython`.

use sc_neurocore_core::Result;

use super::pyspike::{check_mrts, check_window, non_empty, reconcile, reconcile_all};
use super::{pair_values, symmetric_matrix};

/// The ISI length after spike `i` (`i >= 0`) of `s`, with PySpike's edge correction at the end.
#[inline]
fn isi_after(s: &[f64], i: usize, t_end: f64, previous: f64) -> f64 {
    let n = s.len();
    if i + 1 < n {
        s[i + 1] - s[i]
    } else if n > 1 {
        (t_end - s[i]).max(previous)
    } else {
        t_end - s[i]
    }
}

/// The ISI containing `t_start` and the index of the last spike at or before it (−1 if none).
#[inline]
fn first_isi(s: &[f64], t_start: f64, t_end: f64) -> (f64, isize) {
    let n = s.len();
    if s[0] > t_start {
        let nu = if n > 1 {
            (s[0] - t_start).max(s[1] - s[0])
        } else {
            s[0] - t_start
        };
        (nu, -1)
    } else {
        let nu = if n > 1 { s[1] - s[0] } else { t_end - s[0] };
        (nu, 0)
    }
}

/// Walks the merged events of two non-empty trains and calls `emit(t, I)` for `t = t_start`
/// and then for every event (one per distinct spike time), `I` being the profile value on the
/// interval that starts at `t`.
fn isi_walk(
    s1: &[f64],
    s2: &[f64],
    t_start: f64,
    t_end: f64,
    mrts: f64,
    mut emit: impl FnMut(f64, f64),
) {
    let (n1, n2) = (s1.len() as isize, s2.len() as isize);
    let (mut nu1, mut i1) = first_isi(s1, t_start, t_end);
    let (mut nu2, mut i2) = first_isi(s2, t_start, t_end);
    let value = |nu1: f64, nu2: f64| (nu1 - nu2).abs() / mrts.max(nu1.max(nu2));
    emit(t_start, value(nu1, nu2));
    while i1 + i2 < n1 + n2 - 2 {
        let next1 = |i1: isize| s1[(i1 + 1) as usize];
        let next2 = |i2: isize| s2[(i2 + 1) as usize];
        let t;
        if i1 < n1 - 1 && (i2 == n2 - 1 || next1(i1) < next2(i2)) {
            i1 += 1;
            t = s1[i1 as usize];
            nu1 = isi_after(s1, i1 as usize, t_end, nu1);
        } else if i2 < n2 - 1 && (i1 == n1 - 1 || next1(i1) > next2(i2)) {
            i2 += 1;
            t = s2[i2 as usize];
            nu2 = isi_after(s2, i2 as usize, t_end, nu2);
        } else {
            i1 += 1;
            i2 += 1;
            t = s1[i1 as usize];
            nu1 = isi_after(s1, i1 as usize, t_end, nu1);
            nu2 = isi_after(s2, i2 as usize, t_end, nu2);
        }
        emit(t, value(nu1, nu2));
    }
}

/// `isi_distance_cython` on reconciled, non-empty trains.
fn isi_value(s1: &[f64], s2: &[f64], t_start: f64, t_end: f64, mrts: f64) -> f64 {
    let mut acc = 0.0;
    let mut last_t = t_start;
    let mut curr = 0.0;
    let mut first = true;
    isi_walk(s1, s2, t_start, t_end, mrts, |t, v| {
        if !first {
            acc += curr * (t - last_t);
        }
        first = false;
        curr = v;
        last_t = t;
    });
    acc += curr * (t_end - last_t);
    acc / (t_end - t_start)
}

/// Checks and reconciles a pair; empty trains become `{t_start, t_stop}`.
fn prepare_pair(
    object: &str,
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<(Vec<f64>, Vec<f64>, f64)> {
    check_window(object, t_start, t_stop)?;
    let mrts = check_mrts(object, mrts)?;
    let a = reconcile(object, "spikes_a", spikes_a, t_start, t_stop)?;
    let b = reconcile(object, "spikes_b", spikes_b, t_start, t_stop)?;
    Ok((
        non_empty(a, t_start, t_stop),
        non_empty(b, t_start, t_stop),
        mrts,
    ))
}

/// Checks and reconciles a sequence of trains; empty trains become `{t_start, t_stop}`.
fn prepare_many<T: AsRef<[f64]>>(
    object: &str,
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<(Vec<Vec<f64>>, f64)> {
    check_window(object, t_start, t_stop)?;
    let mrts = check_mrts(object, mrts)?;
    let trains = reconcile_all(object, trains, t_start, t_stop)?
        .into_iter()
        .map(|x| non_empty(x, t_start, t_stop))
        .collect();
    Ok((trains, mrts))
}

/// ISI-distance of two trains (catalogue #46):
/// `D_I = (1/(t_stop − t_start)) ∫ |ν_a − ν_b| / max(ν_a, ν_b, mrts) dt`, `ν(t)` the length of
/// the ISI containing `t`, with PySpike's edge ISIs. Trains are deduplicated and cut to the
/// window (±1e-6); an empty train is replaced by `{t_start, t_stop}`.
///
/// Errors: a non-finite spike, a non-finite window or `t_stop <= t_start`, `mrts < 0` or
/// non-finite. Reference: `pyspike.isi_distance`.
pub fn isi_distance(
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<f64> {
    let (a, b, mrts) = prepare_pair("isi_distance", spikes_a, spikes_b, t_start, t_stop, mrts)?;
    Ok(isi_value(&a, &b, t_start, t_stop, mrts))
}

/// Multivariate ISI-distance (catalogue #47): the ISI-profile averaged over all pairs `i < j`
/// and integrated, i.e. the mean of the pairwise distances (PySpike's
/// `isi_distance_multi`). Fewer than two trains: NaN (no pair; PySpike divides by zero).
pub fn isi_distance_multi<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<f64> {
    let (trains, mrts) = prepare_many("isi_distance_multi", trains, t_start, t_stop, mrts)?;
    let values = pair_values(trains.len(), |i, j| {
        isi_value(&trains[i], &trains[j], t_start, t_stop, mrts)
    });
    if values.is_empty() {
        return Ok(f64::NAN);
    }
    Ok(values.iter().sum::<f64>() / values.len() as f64)
}

/// Pairwise ISI-distances (catalogue #48): symmetric, zero diagonal, computed in parallel.
pub fn isi_distance_matrix<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<Vec<Vec<f64>>> {
    let (trains, mrts) = prepare_many("isi_distance_matrix", trains, t_start, t_stop, mrts)?;
    Ok(symmetric_matrix(trains.len(), 0.0, |i, j| {
        isi_value(&trains[i], &trains[j], t_start, t_stop, mrts)
    }))
}

/// ISI-profile of two trains (catalogue #49): a piecewise-constant function with breakpoints
/// `x` (`k + 1` of them: `t_start`, one per distinct spike time, `t_stop`) and values `y`
/// (`k`), exactly PySpike's `PieceWiseConstFunc.x` and `.y`.
pub fn isi_profile(
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let (a, b, mrts) = prepare_pair("isi_profile", spikes_a, spikes_b, t_start, t_stop, mrts)?;
    let mut x = Vec::with_capacity(a.len() + b.len() + 2);
    let mut y = Vec::with_capacity(a.len() + b.len() + 1);
    isi_walk(&a, &b, t_start, t_stop, mrts, |t, v| {
        x.push(t);
        y.push(v);
    });
    if x.last() == Some(&t_stop) {
        y.pop();
    } else {
        x.push(t_stop);
    }
    Ok((x, y))
}
