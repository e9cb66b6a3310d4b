//! Family 2 "Correlation & synchrony" (catalogue §2, functions 25–41).
//!
//! * Oracle: `reference/analysis/correlation.json`, written by
//!   `scripts/reference/analysis/correlation.py` (Elephant 1.2.1 for the LIB entries, a NumPy
//!   transcription of the spec for the FORMULA entries), compared with the G11 tolerances.
//! * Conventions: shuffled input gives the sorted answer (G3), non-finite spikes and bad
//!   parameters are errors whose messages are asserted (G4, G5, G8), undefined is NaN.

mod common;

use common::{
    Reference, all_close, close, err, ints, lcg_uniform, num, nums, opt, same_or_nan, shuffled,
};
use sc_neurocore_analysis::*;
use serde_json::Value;

// ------------------------------------------------------------------------------ oracle I/O

fn oracle() -> Reference {
    Reference::load("correlation", None)
}

fn is_error(v: &Value) -> bool {
    v.get("error").is_some()
}

const RTOL: f64 = 1e-9;
const ATOL: f64 = 1e-12;

fn scalar_check<E: std::fmt::Display>(got: Result<f64, E>, exp: &Value) -> Result<(), String> {
    match (got, is_error(exp)) {
        (Err(_), true) => Ok(()),
        (Err(e), false) => Err(format!("unexpected error {e}")),
        (Ok(g), true) => Err(format!("expected an error, got {g}")),
        (Ok(g), false) if close(g, num(exp), RTOL, ATOL) => Ok(()),
        (Ok(g), false) => Err(format!("got {g:e}, expected {:e}", num(exp))),
    }
}

fn matrix_check<E: std::fmt::Display>(
    got: Result<SquareMatrix, E>,
    exp: &Value,
    rtol: f64,
    atol: f64,
) -> Result<(), String> {
    let m = got.map_err(|e| format!("unexpected error {e}"))?;
    let rows = exp.as_array().expect("matrix");
    if rows.len() != m.n {
        return Err(format!("n = {}, expected {}", m.n, rows.len()));
    }
    for (i, r) in rows.iter().enumerate() {
        let e = nums(r);
        if !all_close(m.row(i), &e, rtol, atol) {
            return Err(format!("row {i}: got {:?}, expected {e:?}", m.row(i)));
        }
    }
    Ok(())
}

fn lags_values_check<E: std::fmt::Display>(
    got: Result<(Vec<i64>, Vec<f64>), E>,
    exp: &Value,
    key: &str,
) -> Result<(), String> {
    match (got, is_error(exp)) {
        (Err(_), true) => Ok(()),
        (Err(e), false) => Err(format!("unexpected error {e}")),
        (Ok(_), true) => Err("expected an error".into()),
        (Ok((lags, v)), false) => {
            if lags != ints(&exp["lags"]) {
                return Err(format!("lags {lags:?}"));
            }
            let e = nums(&exp[key]);
            if all_close(&v, &e, RTOL, ATOL) {
                Ok(())
            } else {
                Err(format!("got {v:?}\nexpected {e:?}"))
            }
        }
    }
}

// -------------------------------------------------------------------- oracle comparisons

#[test]
fn oracle_pearson_pairs_and_matrices() {
    let o = oracle();
    let mut n = 0;
    for name in ["spike_train_correlation", "spike_train_covariance"] {
        n += o.each(name, |a, e| {
            let f = if name == "spike_train_correlation" {
                spike_train_correlation
            } else {
                spike_train_covariance
            };
            scalar_check(
                f(
                    &o.train(&a["spikes_a"]),
                    &o.train(&a["spikes_b"]),
                    num(&a["bin_size"]),
                    num(&a["t_start"]),
                    opt(&a["t_stop"]),
                    a["binary"].as_bool().unwrap(),
                ),
                e,
            )
        });
    }
    n += o.each("correlation_matrix", |a, e| {
        matrix_check(
            correlation_matrix(
                &o.trains(&a["trains"]),
                num(&a["bin_size"]),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
                a["binary"].as_bool().unwrap(),
            ),
            e,
            RTOL,
            ATOL,
        )
    });
    n += o.each("covariance_matrix", |a, e| {
        matrix_check(
            covariance_matrix(
                &o.trains(&a["trains"]),
                num(&a["bin_size"]),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
                a["binary"].as_bool().unwrap(),
            ),
            e,
            RTOL,
            ATOL,
        )
    });
    assert!(n >= 60, "{n} cases");
}

#[test]
fn oracle_cross_correlation_histograms() {
    let o = oracle();
    o.each("cross_correlation_histogram", |a, e| {
        lags_values_check(
            cross_correlation_histogram(
                &o.train(&a["spikes_a"]),
                &o.train(&a["spikes_b"]),
                num(&a["bin_size"]),
                a["max_lag_bins"].as_i64().unwrap(),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
                a["binary"].as_bool().unwrap(),
                a["border_correction"].as_bool().unwrap(),
            ),
            e,
            "counts",
        )
    });
    o.each("cross_correlation_coefficient", |a, e| {
        lags_values_check(
            cross_correlation_coefficient(
                &o.train(&a["spikes_a"]),
                &o.train(&a["spikes_b"]),
                num(&a["bin_size"]),
                a["max_lag_bins"].as_i64().unwrap(),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
                a["binary"].as_bool().unwrap(),
            ),
            e,
            "values",
        )
    });
    o.each("autocorrelation_histogram", |a, e| {
        lags_values_check(
            autocorrelation_histogram(
                &o.train(&a["spikes"]),
                num(&a["bin_size"]),
                a["max_lag_bins"].as_i64().unwrap(),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
                a["binary"].as_bool().unwrap(),
            ),
            e,
            "counts",
        )
    });
}

fn correlogram_check(
    got: Result<(Vec<f64>, Vec<i64>), sc_neurocore_core::Error>,
    e: &Value,
) -> Result<(), String> {
    let (c, k) = got.map_err(|e| e.to_string())?;
    if k != ints(&e["counts"]) {
        return Err(format!("counts {k:?}\nexpected {:?}", ints(&e["counts"])));
    }
    if !all_close(&c, &nums(&e["lag_centers"]), RTOL, ATOL) {
        return Err(format!("centers {c:?}"));
    }
    Ok(())
}

#[test]
fn oracle_correlograms() {
    let o = oracle();
    o.each("cross_correlogram", |a, e| {
        correlogram_check(
            cross_correlogram(
                &o.train(&a["spikes_a"]),
                &o.train(&a["spikes_b"]),
                num(&a["bin_size"]),
                num(&a["max_lag"]),
            ),
            e,
        )
    });
    o.each("autocorrelogram", |a, e| {
        correlogram_check(
            autocorrelogram(
                &o.train(&a["spikes"]),
                num(&a["bin_size"]),
                num(&a["max_lag"]),
            ),
            e,
        )
    });
}

#[test]
fn oracle_sttc_and_timescale() {
    let o = oracle();
    o.each("spike_time_tiling_coefficient", |a, e| {
        scalar_check(
            spike_time_tiling_coefficient(
                &o.train(&a["spikes_a"]),
                &o.train(&a["spikes_b"]),
                num(&a["dt"]),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
            ),
            e,
        )
    });
    o.each("sttc_matrix", |a, e| {
        matrix_check(
            sttc_matrix(
                &o.trains(&a["trains"]),
                num(&a["dt"]),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
            ),
            e,
            RTOL,
            ATOL,
        )
    });
    o.each("spike_train_timescale", |a, e| {
        scalar_check(
            spike_train_timescale(
                &o.train(&a["spikes"]),
                num(&a["bin_size"]),
                num(&a["max_tau"]),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
            ),
            e,
        )
    });
}

#[test]
fn oracle_coincidences_and_event_synchronization() {
    let o = oracle();
    o.each("coincidence_count", |a, e| {
        let got = coincidence_count(
            &o.train(&a["spikes_a"]),
            &o.train(&a["spikes_b"]),
            num(&a["window"]),
        )
        .map_err(|e| e.to_string())?;
        let exp = e.as_i64().unwrap();
        if got == exp {
            Ok(())
        } else {
            Err(format!("got {got}, expected {exp}"))
        }
    });
    o.each("coincidence_factor", |a, e| {
        scalar_check(
            coincidence_factor(
                &o.train(&a["spikes_a"]),
                &o.train(&a["spikes_b"]),
                num(&a["window"]),
                num(&a["t_start"]),
                opt(&a["t_stop"]),
            ),
            e,
        )
    });
    o.each("event_synchronization", |a, e| {
        scalar_check(
            event_synchronization(
                &o.train(&a["spikes_a"]),
                &o.train(&a["spikes_b"]),
                num(&a["tau"]),
            ),
            e,
        )
    });
    o.each("event_synchronization_delay", |a, e| {
        scalar_check(
            event_synchronization_delay(
                &o.train(&a["spikes_a"]),
                &o.train(&a["spikes_b"]),
                num(&a["tau"]),
            ),
            e,
        )
    });
}

#[test]
fn oracle_spike_contrast() {
    let o = oracle();
    o.each("spike_contrast", |a, e| {
        scalar_check(
            spike_contrast(
                &o.trains(&a["trains"]),
                opt(&a["t_start"]),
                opt(&a["t_stop"]),
                num(&a["min_bin"]),
                num(&a["bin_shrink_factor"]),
            ),
            e,
        )
    });
}

// ------------------------------------------------------------------- G3: order is irrelevant

/// A deterministic pseudo-random train (LCG), ascending, with a duplicate.
fn train(seed: u64, n: usize, t: f64) -> Vec<f64> {
    let mut x: Vec<f64> = lcg_uniform(seed, n)
        .into_iter()
        .map(|u| (u * t * 1e4).round() / 1e4)
        .collect();
    x.sort_by(f64::total_cmp);
    if n > 3 {
        x.push(x[n / 2]);
        x.sort_by(f64::total_cmp);
    }
    x
}

#[test]
fn shuffled_trains_give_the_sorted_answers() {
    let a = train(1, 80, 2.0);
    let b = train(2, 60, 2.0);
    let (sa, sb) = (shuffled(&a), shuffled(&b));
    assert_ne!(sa, a);
    let t = Some(2.0);
    for binary in [false, true] {
        assert!(same_or_nan(
            spike_train_correlation(&sa, &sb, 0.01, 0.0, t, binary).unwrap(),
            spike_train_correlation(&a, &b, 0.01, 0.0, t, binary).unwrap()
        ));
        assert!(same_or_nan(
            spike_train_covariance(&sa, &sb, 0.01, 0.0, t, binary).unwrap(),
            spike_train_covariance(&a, &b, 0.01, 0.0, t, binary).unwrap()
        ));
    }
    assert_eq!(
        correlation_matrix(&[sa.clone(), sb.clone()], 0.01, 0.0, t, false).unwrap(),
        correlation_matrix(&[a.clone(), b.clone()], 0.01, 0.0, t, false).unwrap()
    );
    assert_eq!(
        covariance_matrix(&[sa.clone(), sb.clone()], 0.01, 0.0, t, true).unwrap(),
        covariance_matrix(&[a.clone(), b.clone()], 0.01, 0.0, t, true).unwrap()
    );
    assert_eq!(
        cross_correlation_histogram(&sa, &sb, 0.005, 10, 0.0, t, false, true).unwrap(),
        cross_correlation_histogram(&a, &b, 0.005, 10, 0.0, t, false, true).unwrap()
    );
    assert_eq!(
        cross_correlation_coefficient(&sa, &sb, 0.005, 10, 0.0, t, false).unwrap(),
        cross_correlation_coefficient(&a, &b, 0.005, 10, 0.0, t, false).unwrap()
    );
    assert_eq!(
        autocorrelation_histogram(&sa, 0.005, 10, 0.0, t, false).unwrap(),
        autocorrelation_histogram(&a, 0.005, 10, 0.0, t, false).unwrap()
    );
    assert_eq!(
        cross_correlogram(&sa, &sb, 0.001, 0.02).unwrap(),
        cross_correlogram(&a, &b, 0.001, 0.02).unwrap()
    );
    assert_eq!(
        autocorrelogram(&sa, 0.001, 0.02).unwrap(),
        autocorrelogram(&a, 0.001, 0.02).unwrap()
    );
    assert!(same_or_nan(
        spike_time_tiling_coefficient(&sa, &sb, 0.005, 0.0, None).unwrap(),
        spike_time_tiling_coefficient(&a, &b, 0.005, 0.0, None).unwrap()
    ));
    assert_eq!(
        sttc_matrix(&[sa.clone(), sb.clone()], 0.005, 0.0, None).unwrap(),
        sttc_matrix(&[a.clone(), b.clone()], 0.005, 0.0, None).unwrap()
    );
    assert!(same_or_nan(
        spike_train_timescale(&sa, 0.001, 0.01, 0.0, t).unwrap(),
        spike_train_timescale(&a, 0.001, 0.01, 0.0, t).unwrap()
    ));
    assert_eq!(
        coincidence_count(&sa, &sb, 0.003).unwrap(),
        coincidence_count(&a, &b, 0.003).unwrap()
    );
    assert!(same_or_nan(
        coincidence_factor(&sa, &sb, 0.003, 0.0, t).unwrap(),
        coincidence_factor(&a, &b, 0.003, 0.0, t).unwrap()
    ));
    assert!(same_or_nan(
        event_synchronization(&sa, &sb, 0.004).unwrap(),
        event_synchronization(&a, &b, 0.004).unwrap()
    ));
    assert!(same_or_nan(
        event_synchronization_delay(&sa, &sb, 0.004).unwrap(),
        event_synchronization_delay(&a, &b, 0.004).unwrap()
    ));
    assert!(same_or_nan(
        spike_contrast(&[sa, sb], None, None, 0.01, 0.9).unwrap(),
        spike_contrast(&[a, b], None, None, 0.01, 0.9).unwrap()
    ));
}

#[test]
fn matrices_do_not_depend_on_the_thread_count() {
    let trains: Vec<Vec<f64>> = (0..12).map(|k| train(k + 10, 50, 1.0)).collect();
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let one = pool(1).install(|| {
        (
            correlation_matrix(&trains, 0.01, 0.0, Some(1.0), false).unwrap(),
            covariance_matrix(&trains, 0.01, 0.0, Some(1.0), false).unwrap(),
            sttc_matrix(&trains, 0.01, 0.0, Some(1.0)).unwrap(),
        )
    });
    let four = pool(4).install(|| {
        (
            correlation_matrix(&trains, 0.01, 0.0, Some(1.0), false).unwrap(),
            covariance_matrix(&trains, 0.01, 0.0, Some(1.0), false).unwrap(),
            sttc_matrix(&trains, 0.01, 0.0, Some(1.0)).unwrap(),
        )
    });
    assert_eq!(one, four);
    // ... and the entries are the pairwise functions.
    let (c, v, s) = one;
    assert_eq!(c.n, 12);
    for (i, j) in [(0, 1), (3, 7), (11, 2)] {
        let (a, b) = (&trains[i], &trains[j]);
        assert_eq!(
            c.get(i, j),
            spike_train_correlation(a, b, 0.01, 0.0, Some(1.0), false).unwrap()
        );
        assert_eq!(
            v.get(i, j),
            spike_train_covariance(a, b, 0.01, 0.0, Some(1.0), false).unwrap()
        );
        assert_eq!(
            s.get(i, j),
            spike_time_tiling_coefficient(a, b, 0.01, 0.0, Some(1.0)).unwrap()
        );
        assert_eq!(c.get(i, j), c.get(j, i));
    }
}

// ------------------------------------------------------------------ hand-computed values

#[test]
fn hand_computed_values() {
    // Bins of 0.1 s over [0, 0.4): a = [1, 0, 1, 0], b = [0, 1, 0, 1] -> r = -1.
    let a = [0.05, 0.25];
    let b = [0.15, 0.35];
    let r = spike_train_correlation(&a, &b, 0.1, 0.0, Some(0.4), false).unwrap();
    assert_eq!(r, -1.0);
    // cov = <[.5,-.5,.5,-.5], [-.5,.5,-.5,.5]> / 3 = -1/3
    let c = spike_train_covariance(&a, &b, 0.1, 0.0, Some(0.4), false).unwrap();
    assert!((c + 1.0 / 3.0).abs() < 1e-15);
    // CCH: b follows a by one bin twice, precedes it once.
    let (lags, counts) =
        cross_correlation_histogram(&a, &b, 0.1, 2, 0.0, Some(0.4), false, false).unwrap();
    assert_eq!(lags, vec![-2, -1, 0, 1, 2]);
    assert_eq!(counts, vec![0.0, 1.0, 0.0, 2.0, 0.0]);
    let (_, bc) = cross_correlation_histogram(&a, &b, 0.1, 2, 0.0, Some(0.4), false, true).unwrap();
    assert_eq!(bc, vec![0.0, 4.0 / 3.0, 0.0, 2.0 * 4.0 / 3.0, 0.0]);
    // W = 0 is allowed (Elephant refuses it): the zero-lag product.
    let (l0, c0) =
        cross_correlation_histogram(&a, &a, 0.1, 0, 0.0, Some(0.4), false, false).unwrap();
    assert_eq!((l0, c0), (vec![0], vec![2.0]));
    // Correlogram: d = b - a = {0.1, 0.3, -0.1, 0.1} (up to rounding) with 0.1-s bins.
    let (centres, k) = cross_correlogram(&a, &b, 0.1, 0.2).unwrap();
    assert_eq!(centres.len(), 5);
    assert_eq!(k, vec![0, 1, 0, 2, 0]);
    // Autocorrelogram: duplicates count at lag 0, i == j does not.
    let (_, k) = autocorrelogram(&[1.0, 1.0, 1.002], 0.001, 0.003).unwrap();
    assert_eq!(k, vec![0, 2, 0, 2, 0, 2, 0]);
    // Coincidences.
    assert_eq!(
        coincidence_count(&[1.0, 2.0], &[1.0, 1.001, 5.0], 0.001).unwrap(),
        2
    );
    // Event synchronization: one exact tie (1/2 each way), one lead of b within tau.
    let q = event_synchronization(&[1.0, 2.0], &[1.0, 1.999], 0.002).unwrap();
    assert!((q - (1.5 + 0.5) / 2.0).abs() < 1e-15);
    let d = event_synchronization_delay(&[1.0, 2.0], &[1.0, 1.999], 0.002).unwrap();
    assert!((d - (0.5 - 1.5) / 2.0).abs() < 1e-15);
    // STTC of identical trains is 1.
    let x = [0.1, 0.5, 0.9];
    assert_eq!(
        spike_time_tiling_coefficient(&x, &x, 0.01, 0.0, Some(1.0)).unwrap(),
        1.0
    );
    // Coincidence factor of identical trains with a tiny window is ~1.
    let g = coincidence_factor(&x, &x, 1e-6, 0.0, Some(1.0)).unwrap();
    assert!((g - 1.0).abs() < 1e-4, "{g}");
}

// ---------------------------------------------------------------------- G8: undefined = NaN

#[test]
fn undefined_statistics_are_nan() {
    let x = [0.1, 0.2, 0.5];
    let e: [f64; 0] = [];
    assert!(
        spike_train_correlation(&x, &e, 0.1, 0.0, None, false)
            .unwrap()
            .is_nan()
    );
    // A constant count vector has zero variance.
    let flat = [0.05, 0.15, 0.25, 0.35];
    assert!(
        spike_train_correlation(&flat, &x, 0.1, 0.0, Some(0.4), false)
            .unwrap()
            .is_nan()
    );
    let m = correlation_matrix(&[x.to_vec(), vec![]], 0.1, 0.0, None, false).unwrap();
    assert!(m.row(1).iter().all(|v| v.is_nan()) && m.get(0, 1).is_nan());
    assert_eq!(m.get(0, 0), 1.0);
    // L = 1: ddof = 1 covariance is 0/0.
    assert!(
        spike_train_covariance(&x, &x, 1.0, 0.0, Some(1.0), false)
            .unwrap()
            .is_nan()
    );
    let (_, c) = cross_correlation_coefficient(&e, &x, 0.1, 2, 0.0, Some(1.0), false).unwrap();
    assert!(c.iter().all(|v| v.is_nan()));
    assert!(
        spike_time_tiling_coefficient(&e, &x, 0.01, 0.0, None)
            .unwrap()
            .is_nan()
    );
    let s = sttc_matrix(&[x.to_vec(), vec![]], 0.01, 0.0, None).unwrap();
    assert!(s.get(1, 1).is_nan() && s.get(0, 1).is_nan() && s.get(0, 0) == 1.0);
    assert!(
        spike_train_timescale(&[0.5], 0.01, 0.05, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(
        coincidence_factor(&e, &e, 0.01, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(event_synchronization(&e, &x, 0.01).unwrap().is_nan());
    assert!(event_synchronization_delay(&x, &e, 0.01).unwrap().is_nan());
    // An empty list of trains gives empty matrices.
    let none: [Vec<f64>; 0] = [];
    assert_eq!(
        correlation_matrix(&none, 0.1, 0.0, Some(1.0), false)
            .unwrap()
            .n,
        0
    );
}

// ------------------------------------------------------------------------ errors (G4, G5)

#[test]
fn non_finite_spikes_are_errors() {
    let x = [0.1, 0.2];
    let bad = [0.1, f64::NAN];
    let inf = [f64::INFINITY];
    assert_eq!(
        err(spike_train_correlation(&bad, &x, 0.1, 0.0, None, false)),
        "spike_train_correlation: spikes_a[1] = NaN is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(spike_train_covariance(&x, &inf, 0.1, 0.0, None, false)),
        "spike_train_covariance: spikes_b[0] = inf is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(correlation_matrix(
            &[x.to_vec(), bad.to_vec()],
            0.1,
            0.0,
            None,
            false
        )),
        "correlation_matrix: trains[1][1] = NaN is out of range; valid range: a finite number"
    );
    assert!(
        err(covariance_matrix(&[inf.to_vec()], 0.1, 0.0, None, false))
            .contains("trains[0][0] = inf")
    );
    assert!(
        err(cross_correlation_histogram(
            &bad, &x, 0.1, 1, 0.0, None, false, false
        ))
        .contains("spikes_a[1] = NaN")
    );
    assert!(
        err(cross_correlation_coefficient(
            &x, &bad, 0.1, 1, 0.0, None, false
        ))
        .contains("spikes_b[1] = NaN")
    );
    assert!(
        err(autocorrelation_histogram(&bad, 0.1, 1, 0.0, None, false))
            .contains("autocorrelation_histogram: spikes[1] = NaN")
    );
    assert!(
        err(cross_correlogram(&x, &inf, 0.1, 0.2)).contains("cross_correlogram: spikes_b[0] = inf")
    );
    assert!(err(autocorrelogram(&inf, 0.1, 0.2)).contains("autocorrelogram: spikes[0] = inf"));
    assert!(
        err(spike_time_tiling_coefficient(&bad, &x, 0.01, 0.0, None)).contains("spikes_a[1] = NaN")
    );
    assert!(
        err(sttc_matrix(&[bad.to_vec()], 0.01, 0.0, None))
            .contains("sttc_matrix: trains[0][1] = NaN")
    );
    assert!(err(spike_train_timescale(&bad, 0.01, 0.02, 0.0, None)).contains("spikes[1] = NaN"));
    assert!(
        err(coincidence_count(&x, &bad, 0.01)).contains("coincidence_count: spikes_b[1] = NaN")
    );
    assert!(
        err(coincidence_factor(&bad, &x, 0.01, 0.0, None))
            .contains("coincidence_factor: spikes_a[1]")
    );
    assert!(
        err(event_synchronization(&inf, &x, 0.01))
            .contains("event_synchronization: spikes_a[0] = inf")
    );
    assert!(
        err(event_synchronization_delay(&x, &inf, 0.01))
            .contains("event_synchronization_delay: spikes_b[0] = inf")
    );
    assert!(
        err(spike_contrast(
            &[x.to_vec(), bad.to_vec()],
            None,
            None,
            0.01,
            0.9
        ))
        .contains("spike_contrast: trains[1][1] = NaN")
    );
}

#[test]
fn window_errors() {
    let x = [0.1, 0.2, 0.5];
    let e: [f64; 0] = [];
    assert_eq!(
        err(spike_train_correlation(&e, &e, 0.1, 0.0, None, false)),
        "spike_train_correlation: t_stop = None needs at least one spike to take the window's end from"
    );
    assert_eq!(
        err(spike_train_covariance(&x, &x, 0.1, 1.0, Some(1.0), false)),
        "spike_train_covariance: t_stop = 1 is out of range; valid range: (t_start = 1, inf)"
    );
    assert!(
        err(correlation_matrix(&[x], 0.1, 0.6, None, false))
            .contains("t_stop = 0.5 is out of range")
    );
    assert!(
        err(cross_correlation_histogram(
            &x,
            &x,
            0.1,
            1,
            f64::NAN,
            None,
            false,
            false
        ))
        .contains("t_start = NaN")
    );
    assert!(
        err(spike_time_tiling_coefficient(&e, &e, 0.01, 0.0, None)).contains("t_stop = None needs")
    );
    assert!(err(sttc_matrix(&[x], 0.01, 0.0, Some(f64::INFINITY))).contains("t_stop = inf"));
    assert!(err(coincidence_factor(&x, &x, 0.01, 0.5, Some(0.2))).contains("t_stop = 0.2"));
    assert!(err(spike_train_timescale(&x, 0.01, 0.02, 0.7, None)).contains("t_stop = 0.5"));
    assert!(
        err(spike_contrast(
            &[x.to_vec(), x.to_vec()],
            Some(0.6),
            None,
            0.01,
            0.9
        ))
        .contains("t_stop = 0.5")
    );
    assert_eq!(
        err(spike_contrast(
            &[e.to_vec(), e.to_vec()],
            None,
            None,
            0.01,
            0.9
        )),
        "spike_contrast: no spike in any train to take the window from"
    );
}

#[test]
fn invalid_parameters_are_errors() {
    let x = [0.1, 0.2, 0.5];
    let y = [0.15, 0.3];
    // bin_size
    assert_eq!(
        err(spike_train_correlation(&x, &y, 0.0, 0.0, None, false)),
        "spike_train_correlation: bin_size = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(covariance_matrix(&[x], 1.0, 0.0, None, false)),
        "covariance_matrix: bin_size = 1 is out of range; valid range: (0, 0.5] (the window must hold at least one bin)"
    );
    assert!(err(cross_correlogram(&x, &y, -1.0, 0.1)).contains("cross_correlogram: bin_size = -1"));
    assert!(err(autocorrelogram(&x, f64::NAN, 0.1)).contains("bin_size = NaN"));
    // max_lag_bins in [0, L - 1]
    assert_eq!(
        err(cross_correlation_histogram(
            &x, &y, 0.1, 5, 0.0, None, false, false
        )),
        "cross_correlation_histogram: max_lag_bins = 5 is out of range; valid range: [0, 4] (the window holds 5 bins)"
    );
    assert!(
        err(cross_correlation_histogram(
            &x, &y, 0.1, -1, 0.0, None, false, false
        ))
        .contains("max_lag_bins = -1")
    );
    assert!(
        err(cross_correlation_coefficient(
            &x, &y, 0.1, 9, 0.0, None, false
        ))
        .contains("cross_correlation_coefficient: max_lag_bins = 9")
    );
    assert!(
        err(autocorrelation_histogram(&x, 0.1, 5, 0.0, None, false))
            .contains("autocorrelation_histogram: max_lag_bins = 5")
    );
    // max_lag >= 0
    assert_eq!(
        err(cross_correlogram(&x, &y, 0.01, -0.1)),
        "cross_correlogram: max_lag = -0.1 is out of range; valid range: [0, inf)"
    );
    assert!(
        err(autocorrelogram(&x, 1e-12, 1.0))
            .contains("autocorrelogram: max_lag = 1 is out of range")
    );
    // dt > 0
    assert_eq!(
        err(spike_time_tiling_coefficient(&x, &y, 0.0, 0.0, None)),
        "spike_time_tiling_coefficient: dt = 0 is out of range; valid range: (0, inf)"
    );
    assert!(err(sttc_matrix(&[x], -0.1, 0.0, None)).contains("sttc_matrix: dt = -0.1"));
    // max_tau: positive multiple of bin_size, within the window
    assert_eq!(
        err(spike_train_timescale(&x, 0.01, 0.025, 0.0, Some(1.0))),
        "spike_train_timescale: max_tau = 0.025 is out of range; valid range: a positive multiple of bin_size = 0.01"
    );
    assert!(
        err(spike_train_timescale(&x, 0.01, 0.0, 0.0, Some(1.0)))
            .contains("max_tau = 0 is out of range; valid range: (0, inf)")
    );
    assert!(
        err(spike_train_timescale(&x, 0.1, 1.0, 0.0, Some(1.0)))
            .contains("max_tau = 1 is out of range; valid range: (0, 0.9")
    );
    // window >= 0, tau > 0
    assert_eq!(
        err(coincidence_count(&x, &y, -0.001)),
        "coincidence_count: window = -0.001 is out of range; valid range: [0, inf)"
    );
    assert!(err(coincidence_factor(&x, &y, f64::INFINITY, 0.0, None)).contains("window = inf"));
    assert_eq!(
        err(event_synchronization(&x, &y, 0.0)),
        "event_synchronization: tau = 0 is out of range; valid range: (0, inf)"
    );
    assert!(
        err(event_synchronization_delay(&x, &y, -1.0))
            .contains("event_synchronization_delay: tau = -1")
    );
    // spike_contrast
    let two = [x.to_vec(), y.to_vec()];
    assert_eq!(
        err(spike_contrast(&two, None, None, 0.01, 1.0)),
        "spike_contrast: bin_shrink_factor = 1 is out of range; valid range: (0, 1)"
    );
    assert!(err(spike_contrast(&two, None, None, 0.01, 0.0)).contains("bin_shrink_factor = 0"));
    assert_eq!(
        err(spike_contrast(&two, None, None, 0.0, 0.9)),
        "spike_contrast: min_bin = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(spike_contrast(&[x.to_vec()], None, None, 0.01, 0.9)),
        "spike_contrast: trains has size 1, expected at least 2 trains"
    );
    assert_eq!(
        err(spike_contrast(
            &[vec![0.1], vec![0.3]],
            None,
            None,
            0.01,
            0.9
        )),
        "spike_contrast: needs at least one train with 2 or more spikes in the window"
    );
    assert!(
        err(spike_contrast(&two, None, None, 1.0, 0.9))
            .contains("spike_contrast: min_bin = 1 is out of range; valid range: (0, 0.2")
    );
}

#[test]
fn tiny_bins_stay_cheap() {
    // Duplicates make the smallest ISI 0, so Spike-contrast shrinks the bins down to min_bin:
    // ~6500 bin sizes, the smallest with ~1e300 bins; memory stays O(spikes).
    let a = vec![0.1, 0.1, 0.4, 0.9];
    let b = vec![0.1, 0.5, 0.9];
    let s = spike_contrast(&[a.clone(), b.clone()], None, None, 1e-300, 0.9).unwrap();
    assert!(s.is_finite() && s > 0.0, "{s}");
    // Correlations on 1e12 bins (sparse).
    let r = spike_train_correlation(&a, &b, 1e-12, 0.0, Some(1.0), false).unwrap();
    assert!(r > 0.0 && r <= 1.0, "{r}");
    let e = err(cross_correlogram(&a, &b, 1e-300, 1.0));
    assert!(
        e.starts_with("cross_correlogram: max_lag = 1 is out of range"),
        "{e}"
    );
}
