//! Catalogue family 3, "Spike-train distances" (entries 42–63): the reference cases of
//! `reference/analysis/distances.json` (Elephant 1.2.1, PySpike 0.9.0, NumPy transcriptions;
//! regenerate with `scripts/reference/analysis/distances.py`), then the conventions: G3 order,
//! G4 non-finite input, windows, parameter errors with their messages, NaN for undefined
//! values, the `inf` limits, and matrices independent of the thread count.

mod common;

use common::{Reference, err, lcg_uniform, num, opt};
use sc_neurocore_analysis as an;
use serde_json::Value;

// ------------------------------------------------------------------ reference data

/// DISTANCES_REFERENCE_JSON: another case file, e.g. from `distances.py --fuzz N`.
fn data() -> Reference {
    Reference::load("distances", Some("DISTANCES_REFERENCE_JSON"))
}

/// `"@k"`: train k of the table.
fn train(v: &Value) -> Vec<f64> {
    data().train(v)
}

fn trains(v: &Value) -> Vec<Vec<f64>> {
    data().trains(v)
}

/// Runs every case of `name` through `f` and compares with `rtol`/`atol` its rows, or
/// `[[x]]` for a scalar; returns the count.
fn run(name: &str, rtol: f64, atol: f64, f: impl Fn(&Value) -> Vec<Vec<f64>>) -> usize {
    data().run_rows(name, rtol, atol, common::rows, f)
}

/// Closed-form and counting results (G11): rtol 1e-9; atol 1e-12 only for expected zeros.
const RTOL: f64 = 1e-9;
const ATOL: f64 = 1e-12;

fn scalar(x: sc_neurocore_core::Result<f64>) -> Vec<Vec<f64>> {
    vec![vec![x.unwrap()]]
}

fn pair(a: &Value) -> (Vec<f64>, Vec<f64>) {
    (train(&a["spikes_a"]), train(&a["spikes_b"]))
}

fn window(a: &Value) -> (f64, f64) {
    (num(&a["t_start"]), num(&a["t_stop"]))
}

// ------------------------------------------------------------------ reference cases

#[test]
fn victor_purpura_matches_elephant() {
    run("victor_purpura_distance", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        scalar(an::victor_purpura_distance(&x, &y, num(&a["cost"])))
    });
    run("victor_purpura_distance_matrix", RTOL, ATOL, |a| {
        an::victor_purpura_distance_matrix(&trains(&a["trains"]), num(&a["cost"])).unwrap()
    });
}

#[test]
fn van_rossum_matches_elephant() {
    // The spec: cancellation limits D to ~sqrt(n·1e-16) absolute; the check allows atol 1e-5.
    run("van_rossum_distance", RTOL, 1e-5, |a| {
        let (x, y) = pair(a);
        scalar(an::van_rossum_distance(&x, &y, num(&a["tau"])))
    });
    run("van_rossum_distance_matrix", RTOL, 1e-5, |a| {
        an::van_rossum_distance_matrix(&trains(&a["trains"]), num(&a["tau"])).unwrap()
    });
}

#[test]
fn isi_distance_matches_pyspike() {
    run("isi_distance", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        let (t0, t1) = window(a);
        scalar(an::isi_distance(&x, &y, t0, t1, num(&a["mrts"])))
    });
    run("isi_distance_multi", RTOL, ATOL, |a| {
        let (t0, t1) = window(a);
        scalar(an::isi_distance_multi(
            &trains(&a["trains"]),
            t0,
            t1,
            num(&a["mrts"]),
        ))
    });
    run("isi_distance_matrix", RTOL, ATOL, |a| {
        let (t0, t1) = window(a);
        an::isi_distance_matrix(&trains(&a["trains"]), t0, t1, num(&a["mrts"])).unwrap()
    });
    run("isi_profile", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        let (t0, t1) = window(a);
        let (px, py) = an::isi_profile(&x, &y, t0, t1, num(&a["mrts"])).unwrap();
        vec![px, py]
    });
}

#[test]
fn spike_distance_matches_pyspike() {
    run("spike_distance", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        let (t0, t1) = window(a);
        scalar(an::spike_distance(&x, &y, t0, t1, num(&a["mrts"])))
    });
    run("spike_distance_multi", RTOL, ATOL, |a| {
        let (t0, t1) = window(a);
        scalar(an::spike_distance_multi(
            &trains(&a["trains"]),
            t0,
            t1,
            num(&a["mrts"]),
        ))
    });
    run("spike_distance_matrix", RTOL, ATOL, |a| {
        let (t0, t1) = window(a);
        an::spike_distance_matrix(&trains(&a["trains"]), t0, t1, num(&a["mrts"])).unwrap()
    });
    run("spike_profile", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        let (t0, t1) = window(a);
        let (px, y1, y2) = an::spike_profile(&x, &y, t0, t1, num(&a["mrts"])).unwrap();
        vec![px, y1, y2]
    });
}

#[test]
fn spike_sync_family_matches_pyspike() {
    run("spike_sync", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        let (t0, t1) = window(a);
        scalar(an::spike_sync(&x, &y, t0, t1, opt(&a["max_tau"])))
    });
    run("spike_sync_multi", RTOL, ATOL, |a| {
        let (t0, t1) = window(a);
        scalar(an::spike_sync_multi(
            &trains(&a["trains"]),
            t0,
            t1,
            opt(&a["max_tau"]),
        ))
    });
    run("spike_sync_matrix", RTOL, ATOL, |a| {
        let (t0, t1) = window(a);
        an::spike_sync_matrix(&trains(&a["trains"]), t0, t1, opt(&a["max_tau"])).unwrap()
    });
    run("spike_sync_profile", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        let (t0, t1) = window(a);
        let (px, py, mp) = an::spike_sync_profile(&x, &y, t0, t1, opt(&a["max_tau"])).unwrap();
        vec![px, py, mp]
    });
    run("spike_directionality", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        let (t0, t1) = window(a);
        scalar(an::spike_directionality(&x, &y, t0, t1, opt(&a["max_tau"])))
    });
    run("spike_train_order", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        let (t0, t1) = window(a);
        scalar(an::spike_train_order(&x, &y, t0, t1, opt(&a["max_tau"])))
    });
    run("spike_train_order_multi", RTOL, ATOL, |a| {
        let (t0, t1) = window(a);
        scalar(an::spike_train_order_multi(
            &trains(&a["trains"]),
            t0,
            t1,
            opt(&a["max_tau"]),
        ))
    });
}

#[test]
fn similarities_match_the_formulas() {
    run("schreiber_similarity", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        scalar(an::schreiber_similarity(&x, &y, num(&a["sigma"])))
    });
    run("schreiber_reliability", RTOL, ATOL, |a| {
        scalar(an::schreiber_reliability(
            &trains(&a["trains"]),
            num(&a["sigma"]),
        ))
    });
    run("hunter_milton_similarity", RTOL, ATOL, |a| {
        let (x, y) = pair(a);
        scalar(an::hunter_milton_similarity(&x, &y, num(&a["tau"])))
    });
}

// ------------------------------------------------------------------ G3: order, duplicates

const A: [f64; 7] = [0.61, 0.05, 0.33, 0.9, 0.33, 0.12, 0.48];
const B: [f64; 6] = [0.5, 0.07, 0.95, 0.3, 0.71, 0.2];

fn sorted(x: &[f64]) -> Vec<f64> {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

#[test]
fn shuffled_input_gives_exactly_the_sorted_answer() {
    let (a, b) = (sorted(&A), sorted(&B));
    type Pair = fn(&[f64], &[f64]) -> f64;
    let fs: [(&str, Pair); 11] = [
        ("vp", |x, y| an::victor_purpura_distance(x, y, 3.0).unwrap()),
        ("vr", |x, y| an::van_rossum_distance(x, y, 0.1).unwrap()),
        ("isi", |x, y| an::isi_distance(x, y, 0.0, 1.0, 0.0).unwrap()),
        ("spike", |x, y| {
            an::spike_distance(x, y, 0.0, 1.0, 0.0).unwrap()
        }),
        ("sync", |x, y| an::spike_sync(x, y, 0.0, 1.0, None).unwrap()),
        ("dir", |x, y| {
            an::spike_directionality(x, y, 0.0, 1.0, None).unwrap()
        }),
        ("order", |x, y| {
            an::spike_train_order(x, y, 0.0, 1.0, None).unwrap()
        }),
        ("schreiber", |x, y| {
            an::schreiber_similarity(x, y, 0.02).unwrap()
        }),
        ("hm", |x, y| {
            an::hunter_milton_similarity(x, y, 0.05).unwrap()
        }),
        ("isi_multi", |x, y| {
            an::isi_distance_multi(&[x, y, &[0.4]], 0.0, 1.0, 0.0).unwrap()
        }),
        ("sync_multi", |x, y| {
            an::spike_sync_multi(&[x, y, &[0.4]], 0.0, 1.0, Some(0.05)).unwrap()
        }),
    ];
    for (name, f) in fs {
        assert_eq!(f(&A, &B).to_bits(), f(&a, &b).to_bits(), "{name}");
    }
    assert_eq!(
        an::isi_profile(&A, &B, 0.0, 1.0, 0.0).unwrap(),
        an::isi_profile(&a, &b, 0.0, 1.0, 0.0).unwrap()
    );
    assert_eq!(
        an::spike_profile(&A, &B, 0.0, 1.0, 0.0).unwrap(),
        an::spike_profile(&a, &b, 0.0, 1.0, 0.0).unwrap()
    );
    assert_eq!(
        an::spike_sync_profile(&A, &B, 0.0, 1.0, None).unwrap(),
        an::spike_sync_profile(&a, &b, 0.0, 1.0, None).unwrap()
    );
    let shuffled = [A.to_vec(), B.to_vec()];
    let ordered = [a.clone(), b.clone()];
    assert_eq!(
        an::victor_purpura_distance_matrix(&shuffled, 2.0).unwrap(),
        an::victor_purpura_distance_matrix(&ordered, 2.0).unwrap()
    );
    assert_eq!(
        an::van_rossum_distance_matrix(&shuffled, 0.3).unwrap(),
        an::van_rossum_distance_matrix(&ordered, 0.3).unwrap()
    );
}

#[test]
fn duplicates_count_for_elephant_measures_and_are_dropped_by_pyspike() {
    // VP / van Rossum: a train is a multiset.
    assert_eq!(
        an::victor_purpura_distance(&[0.5, 0.5], &[0.5], 1.0).unwrap(),
        1.0
    );
    let d = an::van_rossum_distance(&[0.5, 0.5], &[0.5], 1.0).unwrap();
    assert!((d - 1.0).abs() < 1e-12, "{d}");
    // The PySpike family deduplicates first.
    let a = [0.2, 0.2, 0.6];
    let u = [0.2, 0.6];
    let b = [0.25, 0.7];
    assert_eq!(
        an::isi_distance(&a, &b, 0.0, 1.0, 0.0).unwrap(),
        an::isi_distance(&u, &b, 0.0, 1.0, 0.0).unwrap()
    );
    assert_eq!(
        an::spike_sync(&a, &b, 0.0, 1.0, None).unwrap(),
        an::spike_sync(&u, &b, 0.0, 1.0, None).unwrap()
    );
    assert_eq!(
        an::spike_train_order(&a, &b, 0.0, 1.0, None).unwrap(),
        an::spike_train_order(&u, &b, 0.0, 1.0, None).unwrap()
    );
    // ... and drops spikes outside [t_start - 1e-6, t_stop + 1e-6].
    assert_eq!(
        an::spike_distance(&[0.01, 0.3, 0.5, 2.0], &b, 0.1, 1.0, 0.0).unwrap(),
        an::spike_distance(&[0.3, 0.5], &b, 0.1, 1.0, 0.0).unwrap()
    );
}

// ------------------------------------------------------------------ G4: non-finite input

#[test]
fn non_finite_spikes_are_errors_naming_function_and_argument() {
    let bad = [0.1, f64::NAN];
    let inf = [f64::INFINITY];
    let ok = [0.2];
    let range = "is out of range; valid range: a finite number";
    assert_eq!(
        err(an::victor_purpura_distance(&bad, &ok, 1.0)),
        format!("victor_purpura_distance: spikes_a[1] = NaN {range}")
    );
    assert_eq!(
        err(an::van_rossum_distance(&ok, &inf, 1.0)),
        format!("van_rossum_distance: spikes_b[0] = inf {range}")
    );
    assert_eq!(
        err(an::victor_purpura_distance_matrix(
            &[&ok[..], &bad[..]],
            1.0
        )),
        format!("victor_purpura_distance_matrix: trains[1][1] = NaN {range}")
    );
    assert_eq!(
        err(an::van_rossum_distance_matrix(&[&inf[..]], 1.0)),
        format!("van_rossum_distance_matrix: trains[0][0] = inf {range}")
    );
    assert_eq!(
        err(an::isi_distance(&bad, &ok, 0.0, 1.0, 0.0)),
        format!("isi_distance: spikes_a[1] = NaN {range}")
    );
    assert_eq!(
        err(an::spike_distance(&ok, &[-f64::INFINITY], 0.0, 1.0, 0.0)),
        format!("spike_distance: spikes_b[0] = -inf {range}")
    );
    assert_eq!(
        err(an::isi_profile(&bad, &ok, 0.0, 1.0, 0.0)),
        format!("isi_profile: spikes_a[1] = NaN {range}")
    );
    assert_eq!(
        err(an::spike_profile(&ok, &bad, 0.0, 1.0, 0.0)),
        format!("spike_profile: spikes_b[1] = NaN {range}")
    );
    assert_eq!(
        err(an::spike_sync(&inf, &ok, 0.0, 1.0, None)),
        format!("spike_sync: spikes_a[0] = inf {range}")
    );
    assert_eq!(
        err(an::spike_sync_profile(&ok, &inf, 0.0, 1.0, None)),
        format!("spike_sync_profile: spikes_b[0] = inf {range}")
    );
    assert_eq!(
        err(an::spike_directionality(&bad, &ok, 0.0, 1.0, None)),
        format!("spike_directionality: spikes_a[1] = NaN {range}")
    );
    assert_eq!(
        err(an::spike_train_order(&ok, &bad, 0.0, 1.0, None)),
        format!("spike_train_order: spikes_b[1] = NaN {range}")
    );
    let many = [&ok[..], &ok[..], &bad[..]];
    for (name, e) in [
        (
            "isi_distance_multi",
            err(an::isi_distance_multi(&many, 0.0, 1.0, 0.0)),
        ),
        (
            "isi_distance_matrix",
            err(an::isi_distance_matrix(&many, 0.0, 1.0, 0.0)),
        ),
        (
            "spike_distance_multi",
            err(an::spike_distance_multi(&many, 0.0, 1.0, 0.0)),
        ),
        (
            "spike_distance_matrix",
            err(an::spike_distance_matrix(&many, 0.0, 1.0, 0.0)),
        ),
        (
            "spike_sync_multi",
            err(an::spike_sync_multi(&many, 0.0, 1.0, None)),
        ),
        (
            "spike_sync_matrix",
            err(an::spike_sync_matrix(&many, 0.0, 1.0, None)),
        ),
        (
            "spike_train_order_multi",
            err(an::spike_train_order_multi(&many, 0.0, 1.0, None)),
        ),
        (
            "schreiber_reliability",
            err(an::schreiber_reliability(&many, 0.1)),
        ),
    ] {
        assert_eq!(e, format!("{name}: trains[2][1] = NaN {range}"));
    }
    assert_eq!(
        err(an::schreiber_similarity(&ok, &bad, 0.1)),
        format!("schreiber_similarity: spikes_b[1] = NaN {range}")
    );
    assert_eq!(
        err(an::hunter_milton_similarity(&inf, &ok, 0.1)),
        format!("hunter_milton_similarity: spikes_a[0] = inf {range}")
    );
}

// ------------------------------------------------------------------ windows

#[test]
fn pyspike_windows_must_be_finite_and_increasing() {
    let a = [0.2, 0.5];
    let b = [0.3];
    assert_eq!(
        err(an::isi_distance(&a, &b, 1.0, 1.0, 0.0)),
        "isi_distance: t_stop = 1 is out of range; valid range: (t_start = 1, inf)"
    );
    assert_eq!(
        err(an::spike_distance(&a, &b, 1.0, 0.5, 0.0)),
        "spike_distance: t_stop = 0.5 is out of range; valid range: (t_start = 1, inf)"
    );
    assert_eq!(
        err(an::spike_sync(&a, &b, f64::NAN, 1.0, None)),
        "spike_sync: t_start = NaN is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(an::spike_sync_profile(&a, &b, 0.0, f64::INFINITY, None)),
        "spike_sync_profile: t_stop = inf is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(an::isi_profile(&a, &b, 0.0, -1.0, 0.0)),
        "isi_profile: t_stop = -1 is out of range; valid range: (t_start = 0, inf)"
    );
    assert_eq!(
        err(an::spike_profile(&a, &b, f64::NEG_INFINITY, 1.0, 0.0)),
        "spike_profile: t_start = -inf is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(an::spike_directionality(&a, &b, 2.0, 1.0, None)),
        "spike_directionality: t_stop = 1 is out of range; valid range: (t_start = 2, inf)"
    );
    assert_eq!(
        err(an::spike_train_order(&a, &b, 0.0, 0.0, None)),
        "spike_train_order: t_stop = 0 is out of range; valid range: (t_start = 0, inf)"
    );
    let t = [&a[..], &b[..]];
    for (name, e) in [
        (
            "isi_distance_multi",
            err(an::isi_distance_multi(&t, 1.0, 0.0, 0.0)),
        ),
        (
            "isi_distance_matrix",
            err(an::isi_distance_matrix(&t, 1.0, 0.0, 0.0)),
        ),
        (
            "spike_distance_multi",
            err(an::spike_distance_multi(&t, 1.0, 0.0, 0.0)),
        ),
        (
            "spike_distance_matrix",
            err(an::spike_distance_matrix(&t, 1.0, 0.0, 0.0)),
        ),
        (
            "spike_sync_multi",
            err(an::spike_sync_multi(&t, 1.0, 0.0, None)),
        ),
        (
            "spike_sync_matrix",
            err(an::spike_sync_matrix(&t, 1.0, 0.0, None)),
        ),
        (
            "spike_train_order_multi",
            err(an::spike_train_order_multi(&t, 1.0, 0.0, None)),
        ),
    ] {
        assert_eq!(
            e,
            format!("{name}: t_stop = 0 is out of range; valid range: (t_start = 1, inf)")
        );
    }
}

// ------------------------------------------------------------------ invalid parameters

#[test]
fn invalid_parameters_are_errors_with_their_valid_range() {
    let a = [0.2, 0.5];
    let b = [0.3];
    let t = [&a[..], &b[..]];
    assert_eq!(
        err(an::victor_purpura_distance(&a, &b, -1.0)),
        "victor_purpura_distance: cost = -1 is out of range; valid range: [0, inf]"
    );
    assert_eq!(
        err(an::victor_purpura_distance(&a, &b, f64::NAN)),
        "victor_purpura_distance: cost = NaN is out of range; valid range: [0, inf]"
    );
    assert_eq!(
        err(an::victor_purpura_distance_matrix(&t, -0.5)),
        "victor_purpura_distance_matrix: cost = -0.5 is out of range; valid range: [0, inf]"
    );
    assert_eq!(
        err(an::van_rossum_distance(&a, &b, -1.0)),
        "van_rossum_distance: tau = -1 is out of range; valid range: [0, inf]"
    );
    assert_eq!(
        err(an::van_rossum_distance(&a, &b, f64::NAN)),
        "van_rossum_distance: tau = NaN is out of range; valid range: [0, inf]"
    );
    assert_eq!(
        err(an::van_rossum_distance_matrix(&t, -2.0)),
        "van_rossum_distance_matrix: tau = -2 is out of range; valid range: [0, inf]"
    );
    let mrts = "is out of range; valid range: [0, inf)";
    assert_eq!(
        err(an::isi_distance(&a, &b, 0.0, 1.0, -0.1)),
        format!("isi_distance: mrts = -0.1 {mrts}")
    );
    assert_eq!(
        err(an::isi_distance_multi(&t, 0.0, 1.0, f64::NAN)),
        format!("isi_distance_multi: mrts = NaN {mrts}")
    );
    assert_eq!(
        err(an::isi_distance_matrix(&t, 0.0, 1.0, f64::INFINITY)),
        format!("isi_distance_matrix: mrts = inf {mrts}")
    );
    assert_eq!(
        err(an::isi_profile(&a, &b, 0.0, 1.0, -1.0)),
        format!("isi_profile: mrts = -1 {mrts}")
    );
    assert_eq!(
        err(an::spike_distance(&a, &b, 0.0, 1.0, -1.0)),
        format!("spike_distance: mrts = -1 {mrts}")
    );
    assert_eq!(
        err(an::spike_distance_multi(&t, 0.0, 1.0, -1.0)),
        format!("spike_distance_multi: mrts = -1 {mrts}")
    );
    assert_eq!(
        err(an::spike_distance_matrix(&t, 0.0, 1.0, -1.0)),
        format!("spike_distance_matrix: mrts = -1 {mrts}")
    );
    assert_eq!(
        err(an::spike_profile(&a, &b, 0.0, 1.0, f64::NAN)),
        format!("spike_profile: mrts = NaN {mrts}")
    );
    let tau = "is out of range; valid range: None or [0, inf) (0 = no cap)";
    assert_eq!(
        err(an::spike_sync(&a, &b, 0.0, 1.0, Some(-0.01))),
        format!("spike_sync: max_tau = -0.01 {tau}")
    );
    assert_eq!(
        err(an::spike_sync_multi(&t, 0.0, 1.0, Some(f64::NAN))),
        format!("spike_sync_multi: max_tau = NaN {tau}")
    );
    assert_eq!(
        err(an::spike_sync_matrix(&t, 0.0, 1.0, Some(f64::INFINITY))),
        format!("spike_sync_matrix: max_tau = inf {tau}")
    );
    assert_eq!(
        err(an::spike_sync_profile(&a, &b, 0.0, 1.0, Some(-1.0))),
        format!("spike_sync_profile: max_tau = -1 {tau}")
    );
    assert_eq!(
        err(an::spike_directionality(&a, &b, 0.0, 1.0, Some(-1.0))),
        format!("spike_directionality: max_tau = -1 {tau}")
    );
    assert_eq!(
        err(an::spike_train_order(&a, &b, 0.0, 1.0, Some(-1.0))),
        format!("spike_train_order: max_tau = -1 {tau}")
    );
    assert_eq!(
        err(an::spike_train_order_multi(&t, 0.0, 1.0, Some(-1.0))),
        format!("spike_train_order_multi: max_tau = -1 {tau}")
    );
    let pos = "is out of range; valid range: (0, inf)";
    assert_eq!(
        err(an::schreiber_similarity(&a, &b, 0.0)),
        format!("schreiber_similarity: sigma = 0 {pos}")
    );
    assert_eq!(
        err(an::schreiber_similarity(&a, &b, f64::INFINITY)),
        format!("schreiber_similarity: sigma = inf {pos}")
    );
    assert_eq!(
        err(an::schreiber_reliability(&t, -1.0)),
        format!("schreiber_reliability: sigma = -1 {pos}")
    );
    assert_eq!(
        err(an::hunter_milton_similarity(&a, &b, 0.0)),
        format!("hunter_milton_similarity: tau = 0 {pos}")
    );
    assert_eq!(
        err(an::hunter_milton_similarity(&a, &b, f64::NAN)),
        format!("hunter_milton_similarity: tau = NaN {pos}")
    );
}

// ------------------------------------------------------------------ limits and undefined

#[test]
fn cost_and_tau_limits() {
    let a = [0.1, 0.4, 0.8];
    let b = [0.1, 0.5];
    assert_eq!(an::victor_purpura_distance(&a, &b, 0.0).unwrap(), 1.0);
    assert_eq!(
        an::victor_purpura_distance(&a, &b, f64::INFINITY).unwrap(),
        5.0
    );
    assert_eq!(
        an::victor_purpura_distance(&a, &a, f64::INFINITY).unwrap(),
        6.0
    );
    assert_eq!(an::victor_purpura_distance(&a, &[], 7.0).unwrap(), 3.0);
    assert_eq!(an::victor_purpura_distance(&[], &[], 7.0).unwrap(), 0.0);
    // One shift of 0.1 s at cost 2/s (0.2) plus one deletion.
    let d = an::victor_purpura_distance(&a, &b, 2.0).unwrap();
    assert!((d - 1.2).abs() < 1e-12, "{d}");
    let m = an::victor_purpura_distance_matrix(&[&a[..], &b[..]], f64::INFINITY).unwrap();
    assert_eq!(m, vec![vec![0.0, 5.0], vec![5.0, 0.0]]);

    assert_eq!(an::van_rossum_distance(&a, &b, f64::INFINITY).unwrap(), 1.0);
    assert_eq!(an::van_rossum_distance(&a, &b, 0.0).unwrap(), 5f64.sqrt());
    assert_eq!(an::van_rossum_distance(&[0.3], &[], 0.01).unwrap(), 1.0);
    assert_eq!(an::van_rossum_distance(&[], &[], 0.01).unwrap(), 0.0);
    let m = an::van_rossum_distance_matrix(&[&a[..], &b[..]], 0.0).unwrap();
    assert_eq!(m, vec![vec![0.0, 5f64.sqrt()], vec![5f64.sqrt(), 0.0]]);
    // tau -> 0+: no overlap, D^2 = n_a + n_b - 2 (one shared spike).
    let d = an::van_rossum_distance(&a, &b, 1e-300).unwrap();
    assert!((d - 3f64.sqrt()).abs() < 1e-12, "{d}");
    let d = an::van_rossum_distance(&a, &a, 1e300).unwrap();
    assert!(d.abs() < 1e-5, "{d}");
}

#[test]
fn undefined_values_are_nan_and_edge_values_follow_the_spec() {
    let a = [0.2, 0.5];
    let e: [f64; 0] = [];
    assert!(
        an::spike_directionality(&e, &a, 0.0, 1.0, None)
            .unwrap()
            .is_nan()
    );
    assert!(an::schreiber_similarity(&e, &a, 0.1).unwrap().is_nan());
    assert!(an::schreiber_similarity(&a, &e, 0.1).unwrap().is_nan());
    assert!(
        an::schreiber_reliability(&[&e[..], &a[..]], 0.1)
            .unwrap()
            .is_nan()
    );
    assert!(an::schreiber_reliability(&[&a[..]], 0.1).unwrap().is_nan());
    assert!(an::hunter_milton_similarity(&a, &e, 0.1).unwrap().is_nan());
    // No pair: NaN for the distances, PySpike's 0/0 = 1 for the pooled counts.
    assert!(
        an::isi_distance_multi(&[&a[..]], 0.0, 1.0, 0.0)
            .unwrap()
            .is_nan()
    );
    assert!(
        an::spike_distance_multi::<&[f64]>(&[], 0.0, 1.0, 0.0)
            .unwrap()
            .is_nan()
    );
    assert_eq!(
        an::spike_sync_multi(&[&a[..]], 0.0, 1.0, None).unwrap(),
        1.0
    );
    assert_eq!(
        an::spike_train_order_multi(&[&a[..]], 0.0, 1.0, None).unwrap(),
        1.0
    );
    assert!(
        an::isi_distance_matrix::<&[f64]>(&[], 0.0, 1.0, 0.0)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        an::spike_sync_matrix(&[&a[..]], 0.0, 1.0, None).unwrap(),
        vec![vec![1.0]]
    );
    // Sync: both empty 1, one empty 0; order the same.
    assert_eq!(an::spike_sync(&e, &e, 0.0, 1.0, None).unwrap(), 1.0);
    assert_eq!(an::spike_sync(&e, &a, 0.0, 1.0, None).unwrap(), 0.0);
    assert_eq!(an::spike_train_order(&e, &e, 0.0, 1.0, None).unwrap(), 1.0);
    assert_eq!(an::spike_train_order(&a, &e, 0.0, 1.0, None).unwrap(), 0.0);
    // Identical trains: distance 0, sync 1, similarities 1.
    assert_eq!(an::isi_distance(&a, &a, 0.0, 1.0, 0.0).unwrap(), 0.0);
    assert_eq!(an::spike_distance(&a, &a, 0.0, 1.0, 0.0).unwrap(), 0.0);
    assert_eq!(an::spike_sync(&a, &a, 0.0, 1.0, None).unwrap(), 1.0);
    assert!((an::schreiber_similarity(&a, &a, 0.1).unwrap() - 1.0).abs() < 1e-15);
    assert_eq!(an::hunter_milton_similarity(&a, &a, 0.1).unwrap(), 1.0);
    // Both empty for the profile-based distances: the auxiliary spikes make them equal.
    assert_eq!(an::isi_distance(&e, &e, 0.0, 1.0, 0.0).unwrap(), 0.0);
    assert_eq!(
        an::spike_sync_profile(&e, &e, 0.0, 1.0, None).unwrap(),
        (vec![0.0, 1.0], vec![1.0, 1.0], vec![1.0, 1.0])
    );
}

#[test]
fn hand_computed_values() {
    // Leader a at 0.1, follower b at 0.11: one coincidence, a leads.
    let a = [0.1, 0.5];
    let b = [0.11, 0.9];
    assert_eq!(
        an::spike_directionality(&a, &b, 0.0, 1.0, None).unwrap(),
        0.5
    );
    assert_eq!(
        an::spike_directionality(&b, &a, 0.0, 1.0, None).unwrap(),
        -0.5
    );
    assert_eq!(an::spike_sync(&a, &b, 0.0, 1.0, None).unwrap(), 0.5);
    assert_eq!(an::spike_train_order(&a, &b, 0.0, 1.0, None).unwrap(), 0.5);
    // max_tau = 0.004 caps the window below the 0.01 lag.
    assert_eq!(an::spike_sync(&a, &b, 0.0, 1.0, Some(0.004)).unwrap(), 0.0);
    // Hunter–Milton of [0], [0.1] with tau 0.1: exp(-1).
    let h = an::hunter_milton_similarity(&[0.0], &[0.1], 0.1).unwrap();
    assert!((h - (-1f64).exp()).abs() < 1e-15);
    // Schreiber of single spikes d apart: exp(-d²/(4σ²)).
    let s = an::schreiber_similarity(&[0.0], &[0.2], 0.1).unwrap();
    assert!((s - (-1f64).exp()).abs() < 1e-15);
    // ISI: regular trains with ISIs 0.1 and 0.2 over [0, 1] (edge ISIs equal the interior
    // ones): I = |0.1 - 0.2| / 0.2 = 0.5 everywhere.
    let r1: Vec<f64> = (0..=10).map(|k| k as f64 * 0.1).collect();
    let r2: Vec<f64> = (0..=5).map(|k| k as f64 * 0.2).collect();
    let d = an::isi_distance(&r1, &r2, 0.0, 1.0, 0.0).unwrap();
    assert!((d - 0.5).abs() < 1e-12, "{d}");
    // With mrts = 1 the denominator is 1: 0.1.
    let d = an::isi_distance(&r1, &r2, 0.0, 1.0, 1.0).unwrap();
    assert!((d - 0.1).abs() < 1e-12, "{d}");
}

// ------------------------------------------------------------------ parallel matrices, size

fn poisson(seed: u64, n: usize, t: f64) -> Vec<f64> {
    let mut x: Vec<f64> = lcg_uniform(seed, n).into_iter().map(|u| u * t).collect();
    x.sort_by(f64::total_cmp);
    x
}

#[test]
fn matrices_do_not_depend_on_the_thread_count() {
    let trains: Vec<Vec<f64>> = (0..9)
        .map(|k| poisson(k, 20 + 7 * k as usize, 2.0))
        .collect();
    let all = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            vec![
                an::victor_purpura_distance_matrix(&trains, 5.0).unwrap(),
                an::van_rossum_distance_matrix(&trains, 0.05).unwrap(),
                an::isi_distance_matrix(&trains, 0.0, 2.0, 0.0).unwrap(),
                an::spike_distance_matrix(&trains, 0.0, 2.0, 0.0).unwrap(),
                an::spike_sync_matrix(&trains, 0.0, 2.0, None).unwrap(),
                vec![vec![
                    an::isi_distance_multi(&trains, 0.0, 2.0, 0.0).unwrap(),
                    an::spike_distance_multi(&trains, 0.0, 2.0, 0.0).unwrap(),
                    an::spike_sync_multi(&trains, 0.0, 2.0, None).unwrap(),
                    an::spike_train_order_multi(&trains, 0.0, 2.0, None).unwrap(),
                    an::schreiber_reliability(&trains, 0.01).unwrap(),
                ]],
            ]
        })
    };
    let one = all(1);
    let two = all(2);
    let four = all(4);
    let bits = |m: &Vec<Vec<Vec<f64>>>| -> Vec<u64> {
        m.iter().flatten().flatten().map(|x| x.to_bits()).collect()
    };
    assert_eq!(bits(&one), bits(&two));
    assert_eq!(bits(&one), bits(&four));
    // Pairwise entries equal the pair functions.
    let vp = &one[0];
    assert_eq!(
        vp[2][5],
        an::victor_purpura_distance(&trains[2], &trains[5], 5.0).unwrap()
    );
    assert_eq!(
        one[3][1][7],
        an::spike_distance(&trains[1], &trains[7], 0.0, 2.0, 0.0).unwrap()
    );
}

#[test]
fn long_trains_are_handled_in_linear_memory() {
    // 20 000 spikes each: the profile measures are linear, VP is O(n·m) in time only.
    let a = poisson(1, 20_000, 1000.0);
    let b = poisson(2, 20_000, 1000.0);
    let d = an::isi_distance(&a, &b, 0.0, 1000.0, 0.0).unwrap();
    assert!(d > 0.0 && d < 1.0);
    let d = an::spike_distance(&a, &b, 0.0, 1000.0, 0.0).unwrap();
    assert!(d > 0.0 && d < 1.0);
    let (x, y1, y2) = an::spike_profile(&a, &b, 0.0, 1000.0, 0.0).unwrap();
    assert_eq!(x.len(), y1.len() + 1);
    assert_eq!(y1.len(), y2.len());
    let s = an::spike_sync(&a, &b, 0.0, 1000.0, None).unwrap();
    assert!(s > 0.0 && s < 1.0);
    let v = an::van_rossum_distance(&a, &b, 0.1).unwrap();
    assert!(v > 0.0);
    let s = an::schreiber_similarity(&a, &b, 0.01).unwrap();
    assert!(s > 0.0 && s < 1.0);
    let vp = an::victor_purpura_distance(&a[..5000], &b[..5000], 10.0).unwrap();
    assert!(vp > 0.0 && vp <= 10_000.0);
}
