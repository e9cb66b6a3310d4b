//! Catalogue family 7, "Spike-triggered & spike–signal" (entries 93–100): the reference cases
//! of `reference/analysis/spike_triggered.json` (Elephant 1.2.1 and SciPy; NumPy
//! transcriptions for the STC and the Rayleigh test; regenerate with
//! `scripts/reference/analysis/spike_triggered.py`), then the conventions: G3 order, G4
//! non-finite input, parameter errors with their messages, spikes outside the signal, and
//! NaN for undefined values.
//!
//! Tolerances (G11): closed forms (STA, STC, phase statistics) rtol 1e-9 with atol 1e-12
//! (phases: the wrapped difference, 1e-9 rad); FFT-based results (spike-field coherence,
//! spike-triggered phase) rtol 1e-7 and 1e-7 rad.

mod common;

use std::f64::consts::{PI, TAU};

use common::{Reference, angle_close, close, err, num, opts};
use sc_neurocore_analysis as an;
use serde_json::Value;

// ------------------------------------------------------------------ reference data

fn data() -> Reference {
    Reference::load("spike_triggered", Some("SPIKE_TRIGGERED_REFERENCE_JSON"))
}

/// `"@k"`: array k of the table.
fn arr(v: &Value) -> Vec<f64> {
    data().train(v)
}

fn check(
    name: &str,
    k: usize,
    what: &str,
    got: &[f64],
    want: &[Option<f64>],
    ok: impl Fn(f64, f64) -> bool,
) {
    assert_eq!(got.len(), want.len(), "{name} case {k}: {what} length");
    for (i, (&g, w)) in got.iter().zip(want).enumerate() {
        if let Some(w) = *w {
            assert!(ok(g, w), "{name} case {k}: {what}[{i}] = {g}, expected {w}");
        }
    }
}

/// `(signal, sampling_rate, spikes, signal_t_start)`.
fn signal_args(a: &Value) -> (Vec<f64>, f64, Vec<f64>, f64) {
    (
        arr(&a["signal"]),
        num(&a["sampling_rate"]),
        arr(&a["spikes"]),
        num(&a["signal_t_start"]),
    )
}

fn win(a: &Value) -> (f64, f64) {
    let w = a["window"].as_array().unwrap();
    (num(&w[0]), num(&w[1]))
}

const RTOL: f64 = 1e-9;
const ATOL: f64 = 1e-12;

// ------------------------------------------------------------------ reference cases

#[test]
fn sta_matches_elephant_and_stc_the_formula() {
    for (k, c) in data().cases("spike_triggered_average").iter().enumerate() {
        let a = &c["args"];
        let (s, fs, x, t0) = signal_args(a);
        let (lags, sta) = an::spike_triggered_average(&s, fs, &x, win(a), t0).unwrap();
        let e = c["expected"].as_array().unwrap();
        let ok = |g, w| close(g, w, RTOL, ATOL);
        check(
            "spike_triggered_average",
            k,
            "lags",
            &lags,
            &opts(&e[0]),
            ok,
        );
        check("spike_triggered_average", k, "sta", &sta, &opts(&e[1]), ok);
    }
    for (k, c) in data()
        .cases("spike_triggered_covariance")
        .iter()
        .enumerate()
    {
        let a = &c["args"];
        let (s, fs, x, t0) = signal_args(a);
        let cov = an::spike_triggered_covariance(&s, fs, &x, win(a), t0).unwrap();
        let rows = c["expected"].as_array().unwrap();
        assert_eq!(cov.len(), rows.len(), "case {k}");
        for (g, w) in cov.iter().zip(rows) {
            check(
                "spike_triggered_covariance",
                k,
                "row",
                g,
                &opts(w),
                |g, w| close(g, w, RTOL, ATOL),
            );
        }
    }
}

#[test]
fn spike_field_coherence_matches_elephant() {
    for (k, c) in data().cases("spike_field_coherence").iter().enumerate() {
        let a = &c["args"];
        let (s, fs, x, t0) = signal_args(a);
        let window = an::SpectralWindow::from_name(a["window"].as_str().unwrap()).unwrap();
        let nperseg = a["nperseg"].as_u64().unwrap() as usize;
        let (f, coh) = an::spike_field_coherence(&s, fs, &x, t0, nperseg, window).unwrap();
        let e = &c["expected"];
        assert_eq!(f.len(), e["n"].as_u64().unwrap() as usize, "case {k}");
        let df = num(&e["df"]);
        for (i, &v) in f.iter().enumerate() {
            assert!(
                (v - i as f64 * df).abs() <= 1e-9 * v.abs().max(df),
                "case {k}: f[{i}]"
            );
        }
        check(
            "spike_field_coherence",
            k,
            "coherence",
            &coh,
            &opts(&e["coherence"]),
            |g, w| close(g, w, 1e-7, 0.0),
        );
    }
}

#[test]
fn spike_triggered_phase_matches_elephant() {
    for (k, c) in data().cases("spike_triggered_phase").iter().enumerate() {
        let a = &c["args"];
        let (s, fs, x, t0) = signal_args(a);
        let interp = a["interpolate"].as_bool().unwrap();
        let ph = an::spike_triggered_phase(&s, fs, &x, t0, interp).unwrap();
        check(
            "spike_triggered_phase",
            k,
            "phase",
            &ph,
            &opts(&c["expected"]),
            |g, w| angle_close(g, w, 1e-7),
        );
    }
}

#[test]
fn phase_statistics_match_elephant_scipy_and_the_formula() {
    for (k, c) in data().cases("phase_locking_value").iter().enumerate() {
        let a = &c["args"];
        let v = an::phase_locking_value(&arr(&a["phases_a"]), &arr(&a["phases_b"])).unwrap();
        assert!(
            close(v, num(&c["expected"]), RTOL, ATOL),
            "plv case {k}: {v}"
        );
    }
    for (k, c) in data().cases("mean_phase_vector").iter().enumerate() {
        let (th, r) = an::mean_phase_vector(&arr(&c["args"]["phases"])).unwrap();
        let e = opts(&c["expected"]);
        assert!(
            close(r, e[1].unwrap(), RTOL, ATOL),
            "mpv case {k}: length {r}"
        );
        // The angle of a short resultant is ill-conditioned: 1e-9 rad relative to the
        // length, and not compared below a length of 1e-6 (e.g. two opposite phases).
        let len = e[1].unwrap();
        if len.is_nan() || len > 1e-6 {
            assert!(
                angle_close(th, e[0].unwrap(), 1e-9 / len.max(1e-3)),
                "mpv case {k}: angle {th}"
            );
        }
    }
    for (k, c) in data().cases("rayleigh_test").iter().enumerate() {
        let (z, p) = an::rayleigh_test(&arr(&c["args"]["phases"])).unwrap();
        let e = opts(&c["expected"]);
        assert!(
            close(z, e[0].unwrap(), RTOL, ATOL),
            "rayleigh case {k}: z {z}"
        );
        assert!(
            close(p, e[1].unwrap(), RTOL, ATOL),
            "rayleigh case {k}: p {p}"
        );
    }
    for (k, c) in data().cases("vector_strength").iter().enumerate() {
        let a = &c["args"];
        let (s, ph) = an::vector_strength(&arr(&a["spikes"]), num(&a["period"])).unwrap();
        let e = opts(&c["expected"]);
        assert!(close(s, e[0].unwrap(), RTOL, ATOL), "vs case {k}: {s}");
        let len = e[0].unwrap();
        if len.is_nan() || len > 1e-6 {
            assert!(
                angle_close(ph, e[1].unwrap(), 1e-9 / len.max(1e-3)),
                "vs case {k}: phase {ph}"
            );
        }
    }
}

// ------------------------------------------------------------------ properties

fn signal() -> Vec<f64> {
    (0..500)
        .map(|k| (k as f64 * 0.07).sin() + 0.1 * ((k * 37 % 11) as f64))
        .collect()
}

#[test]
fn shuffled_spikes_give_exactly_the_sorted_answer() {
    let s = signal();
    let x = [0.31, 0.05, 0.2, 0.44, 0.2, 0.12];
    let mut y = x.to_vec();
    y.sort_by(f64::total_cmp);
    let w = (-0.01, 0.02);
    assert_eq!(
        an::spike_triggered_average(&s, 1000.0, &x, w, 0.0).unwrap(),
        an::spike_triggered_average(&s, 1000.0, &y, w, 0.0).unwrap()
    );
    assert_eq!(
        an::spike_triggered_covariance(&s, 1000.0, &x, w, 0.0).unwrap(),
        an::spike_triggered_covariance(&s, 1000.0, &y, w, 0.0).unwrap()
    );
    assert_eq!(
        an::spike_triggered_phase(&s, 1000.0, &x, 0.0, true).unwrap(),
        an::spike_triggered_phase(&s, 1000.0, &y, 0.0, true).unwrap()
    );
    let hann = an::SpectralWindow::Hann;
    assert_eq!(
        format!(
            "{:?}",
            an::spike_field_coherence(&s, 1000.0, &x, 0.0, 64, hann).unwrap()
        ),
        format!(
            "{:?}",
            an::spike_field_coherence(&s, 1000.0, &y, 0.0, 64, hann).unwrap()
        )
    );
    assert_eq!(
        an::vector_strength(&x, 0.1).unwrap(),
        an::vector_strength(&y, 0.1).unwrap()
    );
}

#[test]
fn sta_uses_exactly_the_spikes_with_a_full_window() {
    // Signal k at t = 1 + k/100 with value k: the STA of spikes on samples is their index.
    let s: Vec<f64> = (0..100).map(f64::from).collect();
    let (fs, t0) = (100.0, 1.0);
    // Spikes before the signal count when s + w0 >= t0 (here w0 = 0.05 > 0).
    let (lags, sta) = an::spike_triggered_average(&s, fs, &[0.97], (0.05, 0.08), t0).unwrap();
    assert_eq!(lags.len(), 3);
    assert!((lags[0] - 0.05).abs() < 1e-15 && (lags[2] - 0.07).abs() < 1e-15);
    assert_eq!(sta, vec![2.0, 3.0, 4.0]);
    // A spike whose window ends past the signal (t_end = 2.0) is not used; all NaN.
    let (_, sta) = an::spike_triggered_average(&s, fs, &[1.99], (-0.02, 0.02), t0).unwrap();
    assert!(sta.iter().all(|v| v.is_nan()));
    // Two spikes: the mean; the STC of two identical-shape segments is 0.5·(a − b)² per entry.
    let (_, sta) = an::spike_triggered_average(&s, fs, &[1.1, 1.3], (0.0, 0.02), t0).unwrap();
    assert_eq!(sta, vec![20.0, 21.0]);
    let cov = an::spike_triggered_covariance(&s, fs, &[1.1, 1.3], (0.0, 0.02), t0).unwrap();
    assert_eq!(cov, vec![vec![200.0, 200.0], vec![200.0, 200.0]]);
    let cov = an::spike_triggered_covariance(&s, fs, &[1.1], (0.0, 0.02), t0).unwrap();
    assert!(cov.iter().flatten().all(|v| v.is_nan()));
}

#[test]
fn phases_of_a_pure_oscillation() {
    // cos(2π·8 t) sampled at 1024 Hz for 1 s (8 whole cycles, no padding): the analytic
    // signal is exactly exp(2πi·8t), so the phase at a spike at time t is 2π·8t (wrapped),
    // up to the chord error of the interpolation (< 3e-4 rad at 49 mrad per sample).
    let fs = 1024.0;
    let s: Vec<f64> = (0..1024)
        .map(|k| (TAU * 8.0 * k as f64 / fs).cos())
        .collect();
    let spikes = [0.1, 0.2033, 0.5005, 0.9];
    let ph = an::spike_triggered_phase(&s, fs, &spikes, 0.0, true).unwrap();
    for (&t, &p) in spikes.iter().zip(&ph) {
        assert!(angle_close(p, TAU * 8.0 * t, 3e-4), "{t}: {p}");
    }
    let on_samples = [100.0 / fs, 517.0 / fs];
    let ph = an::spike_triggered_phase(&s, fs, &on_samples, 0.0, false).unwrap();
    for (&t, &p) in on_samples.iter().zip(&ph) {
        assert!(angle_close(p, TAU * 8.0 * t, 1e-12), "{t}: {p}");
    }
    // Spikes outside [t0, t_end) are ignored.
    let ph = an::spike_triggered_phase(&s, fs, &[-0.1, 0.5, 1.0, 2.0], 0.0, false).unwrap();
    assert_eq!(ph.len(), 1);
    assert!(
        an::spike_triggered_phase(&s, fs, &[], 0.0, true)
            .unwrap()
            .is_empty()
    );
    // Locked spikes: vector strength 1 at the period, Rayleigh p tiny.
    let locked: Vec<f64> = (0..50).map(|k| 0.03 + k as f64 * 0.2).collect();
    let (vs, phase) = an::vector_strength(&locked, 0.2).unwrap();
    assert!((vs - 1.0).abs() < 1e-12 && angle_close(phase, TAU * 0.03 / 0.2, 1e-9));
    let phases: Vec<f64> = locked.iter().map(|t| TAU * t / 0.2).collect();
    let (z, p) = an::rayleigh_test(&phases).unwrap();
    assert!((z - 50.0).abs() < 1e-9 && p < 1e-15, "{z} {p}");
    let (th, r) = an::mean_phase_vector(&[0.0, PI / 2.0]).unwrap();
    assert!((th - PI / 4.0).abs() < 1e-15 && (r - 0.5f64.sqrt()).abs() < 1e-15);
    assert!((an::phase_locking_value(&[0.3, 1.0], &[0.1, 0.8]).unwrap() - 1.0).abs() < 1e-15);
}

#[test]
fn undefined_values_are_nan() {
    let e: [f64; 0] = [];
    assert!(an::phase_locking_value(&e, &e).unwrap().is_nan());
    let (a, b) = an::mean_phase_vector(&e).unwrap();
    assert!(a.is_nan() && b.is_nan());
    let (a, b) = an::vector_strength(&e, 0.1).unwrap();
    assert!(a.is_nan() && b.is_nan());
    let (a, b) = an::rayleigh_test(&e).unwrap();
    assert!(a.is_nan() && b.is_nan());
    let s = signal();
    let (_, c) =
        an::spike_field_coherence(&s, 1000.0, &e, 0.0, 64, an::SpectralWindow::Hann).unwrap();
    assert!(c.iter().all(|v| v.is_nan()));
}

// ------------------------------------------------------------------ errors

#[test]
fn invalid_arguments_are_errors_naming_function_argument_and_range() {
    let s = signal();
    let x = [0.1, 0.2];
    let fin = "is out of range; valid range: a finite number";
    assert_eq!(
        err(an::spike_triggered_average(
            &[1.0, f64::NAN],
            100.0,
            &x,
            (0.0, 0.01),
            0.0
        )),
        format!("spike_triggered_average: signal[1] = NaN {fin}")
    );
    assert_eq!(
        err(an::spike_triggered_average(
            &s,
            100.0,
            &[f64::INFINITY],
            (0.0, 0.01),
            0.0
        )),
        format!("spike_triggered_average: spikes[0] = inf {fin}")
    );
    assert_eq!(
        err(an::spike_triggered_average(&s, 0.0, &x, (0.0, 0.01), 0.0)),
        "spike_triggered_average: sampling_rate = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(an::spike_triggered_average(
            &s,
            100.0,
            &x,
            (0.01, 0.01),
            0.0
        )),
        "spike_triggered_average: window = (0.01, 0.01) is out of range; valid range: \
         (w0, w1) with finite w0 < w1"
    );
    assert_eq!(
        err(an::spike_triggered_average(&s, 100.0, &x, (-3.0, 3.0), 0.0)),
        "spike_triggered_average: window = (-3, 3) is out of range; valid range: a window no \
         longer than the signal (5 s)"
    );
    assert_eq!(
        err(an::spike_triggered_average(
            &[],
            100.0,
            &x,
            (0.0, 0.01),
            0.0
        )),
        "spike_triggered_average: signal has size 0, expected at least 1 sample"
    );
    assert_eq!(
        err(an::spike_triggered_covariance(
            &s,
            100.0,
            &x,
            (0.0, 0.01),
            f64::NAN
        )),
        format!("spike_triggered_covariance: signal_t_start = NaN {fin}")
    );
    assert_eq!(
        err(an::spike_field_coherence(
            &s,
            100.0,
            &x,
            0.0,
            0,
            an::SpectralWindow::Hann
        )),
        "spike_field_coherence: nperseg = 0 is out of range; valid range: [1, inf)"
    );
    assert_eq!(
        err(an::spike_triggered_phase(&s, -1.0, &x, 0.0, true)),
        "spike_triggered_phase: sampling_rate = -1 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(an::phase_locking_value(&[0.1, 0.2], &[0.3])),
        "phase_locking_value: phases_b has size 1, expected 2 (the length of phases_a)"
    );
    assert_eq!(
        err(an::phase_locking_value(&[f64::NAN], &[0.3])),
        format!("phase_locking_value: phases_a[0] = NaN {fin}")
    );
    assert_eq!(
        err(an::mean_phase_vector(&[0.1, f64::INFINITY])),
        format!("mean_phase_vector: phases[1] = inf {fin}")
    );
    assert_eq!(
        err(an::vector_strength(&x, 0.0)),
        "vector_strength: period = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(an::rayleigh_test(&[f64::NAN])),
        format!("rayleigh_test: phases[0] = NaN {fin}")
    );
}
