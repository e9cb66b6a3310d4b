//! SPIKE-distance (Kreuz et al. 2013), catalogue entries 50–53: a transcription of PySpike
//! 0.9.0's `spike_distance_cython` / `spike_profile_cython` (`RI = False`).

use sc_neurocore_core::Result;

use super::pyspike::{check_mrts, check_window, non_empty, reconcile, reconcile_all};
use super::{pair_values, symmetric_matrix};

/// `get_min_dist_cython`: the distance from `t` to the nearest of `lo`, `train[start..]` and
/// `hi`, scanning forward from `start` while the distance does not grow (PySpike's rule).
#[inline]
fn min_dist(t: f64, train: &[f64], start: isize, lo: f64, hi: f64) -> f64 {
    let mut d = (t - lo).abs();
    let mut k = start.max(0) as usize;
    while k < train.len() {
        let dk = (t - train[k]).abs();
        if dk > d {
            return d;
        }
        d = dk;
        k += 1;
    }
    let dk = (hi - t).abs();
    if dk > d { d } else { dk }
}

/// `dist_at_t` with `RI = False`.
#[inline]
fn dist_at_t(isi1: f64, isi2: f64, s1: f64, s2: f64, mrts: f64) -> f64 {
    let mean = 0.5 * (isi1 + isi2);
    let limited = mrts.max(mean);
    0.5 * (s1 * isi2 + s2 * isi1) / (mean * limited)
}

/// Receives the piecewise-linear SPIKE-profile as the walk produces it.
trait Sink {
    /// The value just after `t_start`.
    fn start(&mut self, y_start: f64);
    /// An event at `t`: the previous piece ends at `y_end`, the next starts at `y_start`.
    fn event(&mut self, t: f64, y_end: f64, y_start: f64);
    /// The end value of the last piece (at `t_stop`).
    fn finish(&mut self, y_end: f64);
}

/// The state of one train during the walk (PySpike's `t_p`, `t_f`, `dt_p`, `dt_f`, `isi`).
struct Side {
    t_p: f64,
    t_f: f64,
    dt_p: f64,
    dt_f: f64,
    isi: f64,
    s: f64,
    i: isize,
    aux: [f64; 2],
}

impl Side {
    /// This train (spikes `own`) fires alone: its following spike becomes the current one.
    /// Returns the time of the event.
    fn advance(&mut self, own: &[f64]) -> f64 {
        let n = own.len() as isize;
        self.i += 1;
        self.s = self.dt_f * (self.t_f - self.t_p) / self.isi;
        self.dt_p = self.dt_f;
        self.t_p = self.t_f;
        self.t_f = if self.i < n - 1 {
            own[(self.i + 1) as usize]
        } else {
            self.aux[1]
        };
        self.t_p
    }

    /// After [`Side::advance`]: the next interval, against the `other` train whose current
    /// index is `other_i` and auxiliary spikes `other_aux`.
    fn next_interval(
        &mut self,
        own: &[f64],
        other: &[f64],
        other_i: isize,
        other_aux: [f64; 2],
        t_end: f64,
    ) {
        if self.i < own.len() as isize - 1 {
            self.dt_f = min_dist(self.t_f, other, other_i, other_aux[0], other_aux[1]);
            self.isi = self.t_f - self.t_p;
        } else {
            self.dt_f = self.dt_p;
            self.isi = last_isi(own, t_end);
        }
        self.s = self.dt_p;
    }
}

/// The auxiliary edge spikes `min(t_start, 2 t_1 − t_2)` and `max(t_end, 2 t_N − t_{N−1})`.
fn aux(t: &[f64], t_start: f64, t_end: f64) -> [f64; 2] {
    let n = t.len();
    if n > 1 {
        [
            t_start.min(2.0 * t[0] - t[1]),
            t_end.max(2.0 * t[n - 1] - t[n - 2]),
        ]
    } else {
        [t_start, t_end]
    }
}

/// The last ISI of `t` with PySpike's edge correction.
#[inline]
fn last_isi(t: &[f64], t_end: f64) -> f64 {
    let n = t.len();
    if n > 1 {
        (t_end - t[n - 1]).max(t[n - 1] - t[n - 2])
    } else {
        t_end - t[n - 1]
    }
}

/// The initial state of train `t` against the `other` train (with aux spikes `other_aux`).
fn start_side(t: &[f64], other: &[f64], other_aux: [f64; 2], t_start: f64, t_end: f64) -> Side {
    let n = t.len();
    let aux = aux(t, t_start, t_end);
    let t_p = if t[0] == t_start { t_start } else { aux[0] };
    if t[0] > t_start {
        let t_f = t[0];
        let dt_f = min_dist(t_f, other, 0, other_aux[0], other_aux[1]);
        let isi = if n > 1 {
            (t_f - t_start).max(t[1] - t[0])
        } else {
            t_f - t_start
        };
        Side {
            t_p,
            t_f,
            dt_p: dt_f,
            dt_f,
            isi,
            s: dt_f,
            i: -1,
            aux,
        }
    } else {
        let t_f = if n > 1 { t[1] } else { t_end };
        let dt_f = min_dist(t_f, other, 0, other_aux[0], other_aux[1]);
        let dt_p = min_dist(t_p, other, 0, other_aux[0], other_aux[1]);
        Side {
            t_p,
            t_f,
            dt_p,
            dt_f,
            isi: t_f - t[0],
            s: dt_p,
            i: 0,
            aux,
        }
    }
}

/// The walk of `spike_profile_cython` over two non-empty, reconciled trains.
fn spike_walk(t1: &[f64], t2: &[f64], t_start: f64, t_end: f64, mrts: f64, sink: &mut impl Sink) {
    let (n1, n2) = (t1.len() as isize, t2.len() as isize);
    let aux1 = aux(t1, t_start, t_end);
    let aux2 = aux(t2, t_start, t_end);
    let mut a = start_side(t1, t2, aux2, t_start, t_end);
    let mut b = start_side(t2, t1, aux1, t_start, t_end);
    sink.start(dist_at_t(a.isi, b.isi, a.s, b.s, mrts));

    while a.i + b.i < n1 + n2 - 2 {
        if a.i < n1 - 1 && (a.t_f < b.t_f || b.i == n2 - 1) {
            let t = a.advance(t1);
            b.s = (b.dt_p * (b.t_f - t) + b.dt_f * (t - b.t_p)) / b.isi;
            let y_end = dist_at_t(a.isi, b.isi, a.s, b.s, mrts);
            a.next_interval(t1, t2, b.i, b.aux, t_end);
            sink.event(t, y_end, dist_at_t(a.isi, b.isi, a.s, b.s, mrts));
        } else if b.i < n2 - 1 && (a.t_f > b.t_f || a.i == n1 - 1) {
            let t = b.advance(t2);
            a.s = (a.dt_p * (a.t_f - t) + a.dt_f * (t - a.t_p)) / a.isi;
            let y_end = dist_at_t(a.isi, b.isi, a.s, b.s, mrts);
            b.next_interval(t2, t1, a.i, a.aux, t_end);
            sink.event(t, y_end, dist_at_t(a.isi, b.isi, a.s, b.s, mrts));
        } else {
            // Both trains fire at the same time: one event, the profile is 0 there.
            a.i += 1;
            b.i += 1;
            a.t_p = a.t_f;
            b.t_p = b.t_f;
            a.dt_p = 0.0;
            b.dt_p = 0.0;
            let t = a.t_f;
            if a.i < n1 - 1 {
                a.t_f = t1[(a.i + 1) as usize];
                a.dt_f = min_dist(a.t_f, t2, b.i, aux2[0], aux2[1]);
                a.isi = a.t_f - a.t_p;
            } else {
                a.t_f = aux1[1];
                a.dt_f = a.dt_p;
                a.isi = last_isi(t1, t_end);
            }
            if b.i < n2 - 1 {
                b.t_f = t2[(b.i + 1) as usize];
                b.dt_f = min_dist(b.t_f, t1, a.i, aux1[0], aux1[1]);
                b.isi = b.t_f - b.t_p;
            } else {
                b.t_f = aux2[1];
                b.dt_f = b.dt_p;
                b.isi = last_isi(t2, t_end);
            }
            sink.event(t, 0.0, 0.0);
        }
    }
    sink.finish(dist_at_t(a.isi, b.isi, a.dt_f, b.dt_f, mrts));
}

/// Integrates the profile exactly as `spike_distance_cython` does.
struct Integral {
    acc: f64,
    t_last: f64,
    y_start: f64,
    t_end: f64,
}

impl Sink for Integral {
    fn start(&mut self, y_start: f64) {
        self.y_start = y_start;
    }
    fn event(&mut self, t: f64, y_end: f64, y_start: f64) {
        self.acc += 0.5 * (self.y_start + y_end) * (t - self.t_last);
        self.t_last = t;
        self.y_start = y_start;
    }
    fn finish(&mut self, y_end: f64) {
        self.acc += 0.5 * (self.y_start + y_end) * (self.t_end - self.t_last);
    }
}

/// Collects `x`, `y1`, `y2` as `spike_profile_cython` returns them.
struct Profile {
    x: Vec<f64>,
    y1: Vec<f64>,
    y2: Vec<f64>,
    t_end: f64,
}

impl Sink for Profile {
    fn start(&mut self, y_start: f64) {
        self.y1.push(y_start);
    }
    fn event(&mut self, t: f64, y_end: f64, y_start: f64) {
        self.x.push(t);
        self.y2.push(y_end);
        self.y1.push(y_start);
    }
    fn finish(&mut self, y_end: f64) {
        if self.x.last() == Some(&self.t_end) {
            self.y1.pop();
        } else {
            self.x.push(self.t_end);
            self.y2.push(y_end);
        }
    }
}

/// `spike_distance_cython` on reconciled, non-empty trains.
fn spike_value(t1: &[f64], t2: &[f64], t_start: f64, t_end: f64, mrts: f64) -> f64 {
    let mut s = Integral {
        acc: 0.0,
        t_last: t_start,
        y_start: 0.0,
        t_end,
    };
    spike_walk(t1, t2, t_start, t_end, mrts, &mut s);
    s.acc / (t_end - t_start)
}

/// Checks a window and `mrts`, reconciles the trains; empty trains become `{t_start, t_stop}`.
fn prepare<T: AsRef<[f64]>>(
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

/// The two trains of a pair, checked and reconciled (`spikes_a` / `spikes_b` in errors).
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

/// SPIKE-distance of two trains (catalogue #50): the time average of
/// `S(t) = (s_a ν_b + s_b ν_a) / (2 ⟨ν⟩ max(⟨ν⟩, mrts))` with PySpike's auxiliary edge spikes.
/// Trains are deduplicated and cut to the window (±1e-6); an empty train is replaced by
/// `{t_start, t_stop}`.
///
/// Errors: a non-finite spike, a non-finite window or `t_stop <= t_start`, `mrts < 0` or
/// non-finite. Reference: `pyspike.spike_distance`.
pub fn spike_distance(
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<f64> {
    let (a, b, mrts) = prepare_pair("spike_distance", spikes_a, spikes_b, t_start, t_stop, mrts)?;
    Ok(spike_value(&a, &b, t_start, t_stop, mrts))
}

/// Multivariate SPIKE-distance (catalogue #51): the pair-averaged profile, integrated, i.e. the
/// mean of the pairwise distances (PySpike's `spike_distance_multi`). Fewer than two trains:
/// NaN.
pub fn spike_distance_multi<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<f64> {
    let (trains, mrts) = prepare("spike_distance_multi", trains, t_start, t_stop, mrts)?;
    let values = pair_values(trains.len(), |i, j| {
        spike_value(&trains[i], &trains[j], t_start, t_stop, mrts)
    });
    if values.is_empty() {
        return Ok(f64::NAN);
    }
    Ok(values.iter().sum::<f64>() / values.len() as f64)
}

/// Pairwise SPIKE-distances (catalogue #52): symmetric, zero diagonal, computed in parallel.
pub fn spike_distance_matrix<T: AsRef<[f64]>>(
    trains: &[T],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<Vec<Vec<f64>>> {
    let (trains, mrts) = prepare("spike_distance_matrix", trains, t_start, t_stop, mrts)?;
    Ok(symmetric_matrix(trains.len(), 0.0, |i, j| {
        spike_value(&trains[i], &trains[j], t_start, t_stop, mrts)
    }))
}

/// SPIKE-profile of two trains (catalogue #53): piecewise linear, running from `y1[k]` to
/// `y2[k]` on `(x[k], x[k+1])`; exactly PySpike's `PieceWiseLinFunc` `x`, `y1`, `y2`.
pub fn spike_profile(
    spikes_a: &[f64],
    spikes_b: &[f64],
    t_start: f64,
    t_stop: f64,
    mrts: f64,
) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let (a, b, mrts) = prepare_pair("spike_profile", spikes_a, spikes_b, t_start, t_stop, mrts)?;
    let cap = a.len() + b.len() + 2;
    let mut p = Profile {
        x: Vec::with_capacity(cap),
        y1: Vec::with_capacity(cap),
        y2: Vec::with_capacity(cap),
        t_end: t_stop,
    };
    p.x.push(t_start);
    spike_walk(&a, &b, t_start, t_stop, mrts, &mut p);
    Ok((p.x, p.y1, p.y2))
}
