//! Catalogue family 9, "Bursts" (entries 110–120): the reference cases of
//! `reference/analysis/bursts.json` (SciPy for `poisson_surprise`, Elephant's G6 binning for
//! the network counts, Python transcriptions of the spec formulas for the rest; regenerate
//! with `scripts/reference/analysis/bursts.py`), then the conventions: G3 order and
//! duplicates, G4 non-finite input, windows, parameter errors with their messages, NaN for
//! undefined values, and the far tail of the Poisson surprise.

mod common;

use common::{Reference, err, num, nums, opt, usize_of};
use sc_neurocore_analysis as an;
use serde_json::Value;

// ------------------------------------------------------------------ reference data

fn data() -> Reference {
    Reference::load("bursts", Some("BURSTS_REFERENCE_JSON"))
}

/// `"@k"`: train k of the table.
fn train(v: &Value) -> Vec<f64> {
    data().train(v)
}

fn trains(v: &Value) -> Vec<Vec<f64>> {
    data().trains(v)
}

/// Any expected value as rows: a scalar is `[[x]]`, a list `[list]`, a tuple its items.
fn rows(v: &Value) -> Vec<Vec<f64>> {
    match v {
        Value::Array(a) if a.is_empty() || !a.iter().all(Value::is_array) => vec![nums(v)],
        _ => common::rows(v),
    }
}

/// Runs every case of `name` through `f` and compares with `rtol`/`atol`; returns the count.
fn run(name: &str, rtol: f64, atol: f64, f: impl Fn(&Value) -> Vec<Vec<f64>>) -> usize {
    data().run_rows(name, rtol, atol, rows, f)
}

/// Closed-form and counting results (G11): rtol 1e-9; atol 1e-12 only for expected zeros.
const RTOL: f64 = 1e-9;
const ATOL: f64 = 1e-12;

fn scalar(x: sc_neurocore_core::Result<f64>) -> Vec<Vec<f64>> {
    vec![vec![x.unwrap()]]
}

type Bursts = (Vec<f64>, Vec<f64>, Vec<i64>);

fn triple(r: sc_neurocore_core::Result<Bursts>) -> Vec<Vec<f64>> {
    let (s, e, n) = r.unwrap();
    vec![s, e, n.into_iter().map(|c| c as f64).collect()]
}

/// `(spikes, max_isi, min_spikes)`.
fn isi_args(a: &Value) -> (Vec<f64>, f64, usize) {
    (
        train(&a["spikes"]),
        num(&a["max_isi"]),
        usize_of(&a["min_spikes"]),
    )
}

// ------------------------------------------------------------------ reference cases

#[test]
fn isi_bursts_match_the_formulas() {
    // Counts and spike times are exact (no arithmetic): compared exactly.
    run("detect_bursts_isi", 0.0, 0.0, |a| {
        let (x, m, k) = isi_args(a);
        triple(an::detect_bursts_isi(&x, m, k))
    });
    run("burst_spike_fraction", RTOL, ATOL, |a| {
        let (x, m, k) = isi_args(a);
        scalar(an::burst_spike_fraction(&x, m, k))
    });
    run("mean_burst_duration", RTOL, ATOL, |a| {
        let (x, m, k) = isi_args(a);
        scalar(an::mean_burst_duration(&x, m, k))
    });
    run("mean_spikes_per_burst", RTOL, ATOL, |a| {
        let (x, m, k) = isi_args(a);
        scalar(an::mean_spikes_per_burst(&x, m, k))
    });
    run("intra_burst_frequency", RTOL, ATOL, |a| {
        let (x, m, k) = isi_args(a);
        scalar(an::intra_burst_frequency(&x, m, k))
    });
    run("inter_burst_intervals", RTOL, ATOL, |a| {
        let (x, m, k) = isi_args(a);
        vec![an::inter_burst_intervals(&x, m, k).unwrap()]
    });
    run("burst_rate", RTOL, ATOL, |a| {
        let (x, m, k) = isi_args(a);
        scalar(an::burst_rate(
            &x,
            m,
            k,
            num(&a["t_start"]),
            opt(&a["t_stop"]),
        ))
    });
}

#[test]
fn max_interval_bursts_match_the_formula() {
    run("detect_bursts_max_interval", 0.0, 0.0, |a| {
        triple(an::detect_bursts_max_interval(
            &train(&a["spikes"]),
            num(&a["max_begin_isi"]),
            num(&a["max_end_isi"]),
            num(&a["min_interburst_interval"]),
            num(&a["min_burst_duration"]),
            usize_of(&a["min_spikes"]),
        ))
    });
}

#[test]
fn poisson_surprise_matches_scipy() {
    // Log-space series vs SciPy's pdtrc: rtol 1e-9 (G11); atol 1e-12 for S ≈ 0 (P ≈ 1).
    run("poisson_surprise", RTOL, ATOL, |a| {
        scalar(an::poisson_surprise(
            a["n_spikes"].as_i64().unwrap(),
            num(&a["duration"]),
            num(&a["rate"]),
        ))
    });
}

#[test]
fn burstiness_matches_the_formula() {
    run("burstiness_parameter", RTOL, ATOL, |a| {
        scalar(an::burstiness_parameter(&train(&a["spikes"])))
    });
}

#[test]
fn network_bursts_match_the_formula_on_elephant_counts() {
    // Edges are linspace values, counts integers: compared exactly.
    run("network_bursts", 0.0, 0.0, |a| {
        triple(an::network_bursts(
            &trains(&a["trains"]),
            num(&a["bin_size"]),
            num(&a["threshold"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            usize_of(&a["min_bins"]),
        ))
    });
}

// ------------------------------------------------------------------ hand-computed values

#[test]
fn hand_computed_bursts() {
    let x = [0.0, 0.01, 0.02, 0.5, 0.505, 1.0, 1.003, 1.006, 1.009];
    let (s, e, n) = an::detect_bursts_isi(&x, 0.01, 3).unwrap();
    assert_eq!((s, e, n), (vec![0.0, 1.0], vec![0.02, 1.009], vec![3, 4]));
    assert_eq!(an::burst_spike_fraction(&x, 0.01, 3).unwrap(), 7.0 / 9.0);
    assert_eq!(an::mean_spikes_per_burst(&x, 0.01, 3).unwrap(), 3.5);
    let d = an::mean_burst_duration(&x, 0.01, 3).unwrap();
    assert!((d - (0.02 + 0.009) / 2.0).abs() < 1e-15);
    let f = an::intra_burst_frequency(&x, 0.01, 3).unwrap();
    assert!((f - (2.0 / 0.02 + 3.0 / 0.009) / 2.0).abs() < 1e-9);
    assert_eq!(
        an::inter_burst_intervals(&x, 0.01, 3).unwrap(),
        vec![1.0 - 0.02]
    );
    // Two bursts in [0, 2]: 1 Hz; only the first inside [0, 0.6].
    assert_eq!(an::burst_rate(&x, 0.01, 3, 0.0, Some(2.0)).unwrap(), 1.0);
    assert_eq!(
        an::burst_rate(&x, 0.01, 3, 0.0, Some(0.6)).unwrap(),
        1.0 / 0.6
    );
    // A window cutting a burst keeps only its spikes inside: [1.0, 1.003] has 2 < 3.
    assert_eq!(an::burst_rate(&x, 0.01, 3, 0.9, Some(1.004)).unwrap(), 0.0);
    // Regular ISIs: σ = 0, B = −1; Poisson-like B ≈ 0 is not tested here.
    let b = an::burstiness_parameter(&[0.1, 0.2, 0.3, 0.4]).unwrap();
    assert!((b + 1.0).abs() < 1e-12, "{b}");
}

#[test]
fn max_interval_phases() {
    // Phase 1: burst A = 0..2 (begin 0.005 <= 0.006, ends at 0.010 -> 0.05 > 0.012),
    // burst B = 0.05, 0.055; burst C = 0.2..0.21. Phase 2 with ibi 0.05: A-B gap 0.04 merge.
    let x = [0.0, 0.005, 0.010, 0.05, 0.055, 0.2, 0.205, 0.21, 0.4];
    let r = an::detect_bursts_max_interval(&x, 0.006, 0.012, 0.05, 0.0, 2).unwrap();
    assert_eq!(r, (vec![0.0, 0.2], vec![0.055, 0.21], vec![5, 3]));
    // Without merging, and dropping bursts shorter than 0.008 s.
    let r = an::detect_bursts_max_interval(&x, 0.006, 0.012, 0.0, 0.008, 2).unwrap();
    assert_eq!(r, (vec![0.0, 0.2], vec![0.010, 0.21], vec![3, 3]));
    // A merge across an isolated spike counts it: bursts [0, 0.001] and [0.03, 0.031]
    // around the isolated 0.015.
    let y = [0.0, 0.001, 0.015, 0.03, 0.031];
    let r = an::detect_bursts_max_interval(&y, 0.002, 0.002, 0.1, 0.0, 1).unwrap();
    assert_eq!(r, (vec![0.0], vec![0.031], vec![5]));
}

#[test]
fn network_bursts_hand_computed() {
    // Bins of 0.1 s over [0, 1]: counts 0,3,3,0,1,0,0,0,2,0 with three trains.
    let a = [0.15, 0.25, 0.85];
    let b = [0.12, 0.22, 0.45];
    let c = [0.18, 0.28, 0.88, 1.0];
    let r = an::network_bursts(&[&a[..], &b[..], &c[..]], 0.1, 2.0, 0.0, Some(1.0), 1).unwrap();
    assert_eq!(r.2, vec![3, 2]);
    assert_eq!(r.0, vec![0.1, 0.8]);
    assert!((r.1[0] - 0.3).abs() < 1e-15 && (r.1[1] - 0.9).abs() < 1e-15);
    let r = an::network_bursts(&[&a[..], &b[..], &c[..]], 0.1, 2.0, 0.0, Some(1.0), 2).unwrap();
    assert_eq!(r.2, vec![3]);
}

#[test]
fn poisson_surprise_far_tail_stays_finite_and_accurate() {
    // P(N >= n) ≈ pmf(n)·(1 + mu/(n+1) + …) for n >> mu: S ≈ −log10 pmf(n) − log10(1 + ε).
    // n = 400, mu = 1: ln pmf = −1 − ln 400! (ln 400! = 1998.2853...), far below SciPy's range.
    let s = an::poisson_surprise(400, 1.0, 1.0).unwrap();
    let ln_fact: f64 = (2..=400u32).map(|k| f64::from(k).ln()).sum();
    let want = (1.0 + ln_fact - (1.0f64 + 1.0 / 401.0 + 1.0 / (401.0 * 402.0)).ln())
        / std::f64::consts::LN_10;
    assert!(
        s.is_finite() && (s - want).abs() < 1e-10 * want,
        "{s} vs {want}"
    );
    // Monotone in n, 0 for n <= 0, inf for mu = 0.
    let mut prev = 0.0;
    for n in 1..60 {
        let s = an::poisson_surprise(n, 2.0, 3.0).unwrap();
        assert!(s > prev, "{n}");
        prev = s;
    }
    assert_eq!(an::poisson_surprise(0, 1.0, 1.0).unwrap(), 0.0);
    assert_eq!(an::poisson_surprise(-5, 1.0, 1.0).unwrap(), 0.0);
    assert_eq!(an::poisson_surprise(3, 0.0, 1.0).unwrap(), f64::INFINITY);
}

// ------------------------------------------------------------------ G3, G8

#[test]
fn shuffled_input_gives_exactly_the_sorted_answer_and_duplicates_count() {
    let shuffled = [0.5, 0.101, 0.9, 0.1, 0.102, 0.905, 0.3, 0.3, 0.903];
    let mut sorted = shuffled.to_vec();
    sorted.sort_by(f64::total_cmp);
    assert_eq!(
        an::detect_bursts_isi(&shuffled, 0.01, 2).unwrap(),
        an::detect_bursts_isi(&sorted, 0.01, 2).unwrap()
    );
    assert_eq!(
        an::detect_bursts_max_interval(&shuffled, 0.01, 0.01, 0.0, 0.0, 2).unwrap(),
        an::detect_bursts_max_interval(&sorted, 0.01, 0.01, 0.0, 0.0, 2).unwrap()
    );
    type F = fn(&[f64]) -> f64;
    let fs: [F; 7] = [
        |x| an::burst_spike_fraction(x, 0.01, 2).unwrap(),
        |x| an::mean_burst_duration(x, 0.01, 2).unwrap(),
        |x| an::mean_spikes_per_burst(x, 0.01, 2).unwrap(),
        |x| an::intra_burst_frequency(x, 0.01, 2).unwrap(),
        |x| an::burst_rate(x, 0.01, 2, 0.0, None).unwrap(),
        |x| an::burstiness_parameter(x).unwrap(),
        |x| an::inter_burst_intervals(x, 0.01, 2).unwrap().iter().sum(),
    ];
    for (k, f) in fs.iter().enumerate() {
        assert_eq!(f(&shuffled).to_bits(), f(&sorted).to_bits(), "{k}");
    }
    // The duplicate pair at 0.3 is a zero-duration burst: intra-burst frequency inf.
    let (_, _, n) = an::detect_bursts_isi(&shuffled, 0.01, 2).unwrap();
    assert_eq!(n, vec![3, 2, 3]);
    assert_eq!(
        an::intra_burst_frequency(&[0.3, 0.3], 0.01, 2).unwrap(),
        f64::INFINITY
    );
    let t = [shuffled.to_vec(), vec![0.2]];
    let u = [sorted.clone(), vec![0.2]];
    assert_eq!(
        an::network_bursts(&t, 0.05, 1.0, 0.0, None, 1).unwrap(),
        an::network_bursts(&u, 0.05, 1.0, 0.0, None, 1).unwrap()
    );
}

#[test]
fn undefined_values_are_nan() {
    let e: [f64; 0] = [];
    let (s, en, n) = an::detect_bursts_isi(&e, 0.01, 3).unwrap();
    assert!(s.is_empty() && en.is_empty() && n.is_empty());
    assert!(an::burst_spike_fraction(&e, 0.01, 3).unwrap().is_nan());
    let lonely = [0.1, 0.5, 0.9];
    assert_eq!(an::burst_spike_fraction(&lonely, 0.01, 3).unwrap(), 0.0);
    assert!(an::mean_burst_duration(&lonely, 0.01, 3).unwrap().is_nan());
    assert!(
        an::mean_spikes_per_burst(&lonely, 0.01, 3)
            .unwrap()
            .is_nan()
    );
    assert!(
        an::intra_burst_frequency(&lonely, 0.01, 3)
            .unwrap()
            .is_nan()
    );
    assert!(
        an::inter_burst_intervals(&lonely, 0.01, 3)
            .unwrap()
            .is_empty()
    );
    assert!(an::burstiness_parameter(&[0.1, 0.2]).unwrap().is_nan());
    assert!(an::burstiness_parameter(&[0.1, 0.1, 0.1]).unwrap().is_nan());
    assert_eq!(an::burst_rate(&e, 0.01, 3, 0.0, Some(1.0)).unwrap(), 0.0);
    let r = an::network_bursts(&[&e[..]], 0.1, 1.0, 0.0, Some(1.0), 1).unwrap();
    assert!(r.0.is_empty() && r.1.is_empty() && r.2.is_empty());
}

// ------------------------------------------------------------------ errors

#[test]
fn invalid_arguments_are_errors_naming_function_argument_and_range() {
    let x = [0.1, 0.2];
    let fin = "is out of range; valid range: a finite number";
    let nonneg = "is out of range; valid range: [0, inf)";
    let one = "is out of range; valid range: [1, inf)";
    assert_eq!(
        err(an::detect_bursts_isi(&[0.1, f64::NAN], 0.01, 3)),
        format!("detect_bursts_isi: spikes[1] = NaN {fin}")
    );
    assert_eq!(
        err(an::detect_bursts_isi(&x, -0.01, 3)),
        format!("detect_bursts_isi: max_isi = -0.01 {nonneg}")
    );
    assert_eq!(
        err(an::detect_bursts_isi(&x, f64::INFINITY, 3)),
        format!("detect_bursts_isi: max_isi = inf {nonneg}")
    );
    assert_eq!(
        err(an::detect_bursts_isi(&x, 0.01, 0)),
        format!("detect_bursts_isi: min_spikes = 0 {one}")
    );
    assert_eq!(
        err(an::detect_bursts_max_interval(&x, 0.01, -1.0, 0.0, 0.0, 3)),
        format!("detect_bursts_max_interval: max_end_isi = -1 {nonneg}")
    );
    assert_eq!(
        err(an::detect_bursts_max_interval(
            &x,
            f64::NAN,
            0.1,
            0.0,
            0.0,
            3
        )),
        format!("detect_bursts_max_interval: max_begin_isi = NaN {nonneg}")
    );
    assert_eq!(
        err(an::detect_bursts_max_interval(&x, 0.01, 0.1, -2.0, 0.0, 3)),
        format!("detect_bursts_max_interval: min_interburst_interval = -2 {nonneg}")
    );
    assert_eq!(
        err(an::detect_bursts_max_interval(&x, 0.01, 0.1, 0.0, -0.5, 3)),
        format!("detect_bursts_max_interval: min_burst_duration = -0.5 {nonneg}")
    );
    assert_eq!(
        err(an::detect_bursts_max_interval(&x, 0.01, 0.1, 0.0, 0.0, 0)),
        format!("detect_bursts_max_interval: min_spikes = 0 {one}")
    );
    assert_eq!(
        err(an::poisson_surprise(3, -1.0, 1.0)),
        format!("poisson_surprise: duration = -1 {nonneg}")
    );
    assert_eq!(
        err(an::poisson_surprise(2_000_000_000, 1.0, 1.0)),
        "poisson_surprise: n_spikes = 2000000000 is out of range; valid range: (-inf, 1e9]"
    );
    assert_eq!(
        err(an::poisson_surprise(3, 1e6, 1e4)),
        "poisson_surprise: rate·duration = 10000000000 is out of range; valid range: \
         [0, 1e9] (the expected count)"
    );
    assert_eq!(
        err(an::poisson_surprise(3, 1.0, f64::NAN)),
        format!("poisson_surprise: rate = NaN {nonneg}")
    );
    assert_eq!(
        err(an::burst_rate(&x, 0.01, 3, 1.0, Some(0.5))),
        "burst_rate: t_stop = 0.5 is out of range; valid range: (t_start = 1, inf)"
    );
    assert_eq!(
        err(an::burst_rate(&[], 0.01, 3, 0.0, None)),
        "burst_rate: t_stop = None needs at least one spike to take the window's end from"
    );
    assert_eq!(
        err(an::burst_spike_fraction(&x, -1.0, 3)),
        format!("burst_spike_fraction: max_isi = -1 {nonneg}")
    );
    assert_eq!(
        err(an::mean_burst_duration(&[f64::INFINITY], 0.1, 3)),
        format!("mean_burst_duration: spikes[0] = inf {fin}")
    );
    assert_eq!(
        err(an::mean_spikes_per_burst(&x, 0.1, 0)),
        format!("mean_spikes_per_burst: min_spikes = 0 {one}")
    );
    assert_eq!(
        err(an::intra_burst_frequency(&x, f64::NAN, 3)),
        format!("intra_burst_frequency: max_isi = NaN {nonneg}")
    );
    assert_eq!(
        err(an::inter_burst_intervals(&x, 0.1, 0)),
        format!("inter_burst_intervals: min_spikes = 0 {one}")
    );
    assert_eq!(
        err(an::burstiness_parameter(&[f64::NAN])),
        format!("burstiness_parameter: spikes[0] = NaN {fin}")
    );
    let t = [&x[..], &[0.3][..]];
    assert_eq!(
        err(an::network_bursts(&t, 0.0, 1.0, 0.0, None, 1)),
        "network_bursts: bin_size = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(an::network_bursts(&t, 0.1, f64::NAN, 0.0, None, 1)),
        format!("network_bursts: threshold = NaN {fin}")
    );
    assert_eq!(
        err(an::network_bursts(&t, 0.1, 1.0, 0.0, None, 0)),
        format!("network_bursts: min_bins = 0 {one}")
    );
    assert_eq!(
        err(an::network_bursts(
            &[&x[..], &[f64::NAN][..]],
            0.1,
            1.0,
            0.0,
            None,
            1
        )),
        format!("network_bursts: trains[1][0] = NaN {fin}")
    );
    assert_eq!(
        err(an::network_bursts(&t, 0.1, 1.0, 0.5, Some(0.5), 1)),
        "network_bursts: t_stop = 0.5 is out of range; valid range: (t_start = 0.5, inf)"
    );
}
