//! Catalogue family 10, "Binning & utilities" (entries 121–127): the reference cases of
//! `reference/analysis/binning.json` (Elephant 1.2.1 BinnedSpikeTrain, Neo time_slice,
//! PySpike merge_spike_trains, the discretisation formula; regenerate with
//! `scripts/reference/analysis/binning.py`), then the conventions: G3 order, G4 non-finite
//! input, G5 windows, G6 examples, parameter errors with their messages.

mod common;

use common::{Reference, all_close, err, ints, num, nums, opt};
use sc_neurocore_analysis as an;
use serde_json::Value;

fn data() -> Reference {
    Reference::load("binning", None)
}

/// `"@k"`: train k of the table.
fn train(v: &Value) -> Vec<f64> {
    data().train(v)
}

fn trains(v: &Value) -> Vec<Vec<f64>> {
    data().trains(v)
}

fn windowed(a: &Value) -> (f64, f64, Option<f64>) {
    (num(&a["bin_size"]), num(&a["t_start"]), opt(&a["t_stop"]))
}

#[test]
fn reference_binned_spike_counts() {
    data().each("binned_spike_counts", |a, e| {
        let (b, t0, t1) = windowed(a);
        let got = an::binned_spike_counts(&train(&a["spikes"]), b, t0, t1).unwrap();
        (got != ints(e)).then(|| format!("got {got:?}"))
    });
}

#[test]
fn reference_binned_spike_matrix() {
    data().each("binned_spike_matrix", |a, e| {
        let (b, t0, t1) = windowed(a);
        let got = an::binned_spike_matrix(&trains(&a["trains"]), b, t0, t1).unwrap();
        let want: Vec<Vec<i64>> = e.as_array().unwrap().iter().map(ints).collect();
        (got != want).then(|| format!("got {got:?}"))
    });
}

#[test]
fn reference_binarize() {
    data().each("binarize", |a, e| {
        let (b, t0, t1) = windowed(a);
        let got = an::binarize(&train(&a["spikes"]), b, t0, t1).unwrap();
        let want: Vec<bool> = e
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_bool().unwrap())
            .collect();
        (got != want).then(|| format!("got {got:?}"))
    });
}

#[test]
fn reference_bin_edges() {
    data().each("bin_edges", |a, e| {
        let got =
            an::bin_edges(num(&a["t_start"]), num(&a["t_stop"]), num(&a["bin_size"])).unwrap();
        (!all_close(&got, &nums(e), 1e-9, 0.0)).then(|| format!("got {got:?}"))
    });
}

#[test]
fn reference_time_slice() {
    data().each("time_slice", |a, e| {
        let got =
            an::time_slice(&train(&a["spikes"]), num(&a["t_start"]), num(&a["t_stop"])).unwrap();
        (got != nums(e)).then(|| format!("got {got:?}"))
    });
}

#[test]
fn reference_merge_spike_trains() {
    data().each("merge_spike_trains", |a, e| {
        let got = an::merge_spike_trains(&trains(&a["trains"])).unwrap();
        (got != nums(e)).then(|| format!("got {got:?}"))
    });
}

#[test]
fn reference_discretise_spike_times() {
    // Exact: the formula's floor must land on the same grid point.
    data().each("discretise_spike_times", |a, e| {
        let got = an::discretise_spike_times(
            &train(&a["spikes"]),
            num(&a["sampling_rate"]),
            num(&a["t_start"]),
        )
        .unwrap();
        (got != nums(e)).then(|| format!("got {got:?}"))
    });
}

// ------------------------------------------------------------------ conventions

#[test]
fn g6_examples_from_the_spec() {
    // 0.3 s with 0.1 s bins goes to bin 3; 10 s with 0.3 s bins gives 33 bins; a spike at
    // t_stop is dropped when the window holds whole bins.
    assert_eq!(
        an::binned_spike_counts(&[0.3, 1.0], 0.1, 0.0, Some(1.0)).unwrap(),
        vec![0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(an::bin_edges(0.0, 10.0, 0.3).unwrap().len(), 34);
    assert_eq!(
        an::binned_spike_counts(&[], 0.3, 0.0, Some(10.0))
            .unwrap()
            .len(),
        33
    );
    // Not a whole number of bins: a spike in the partial last bin is dropped too.
    assert_eq!(
        an::binned_spike_counts(&[0.95], 0.3, 0.0, Some(1.0)).unwrap(),
        vec![0, 0, 0]
    );
    // Duplicates count twice.
    assert_eq!(
        an::binned_spike_counts(&[0.15, 0.15, 0.05], 0.1, 0.0, Some(0.2)).unwrap(),
        vec![1, 2]
    );
    assert_eq!(
        an::binarize(&[0.15, 0.15], 0.1, 0.0, Some(0.3)).unwrap(),
        vec![false, true, false]
    );
}

#[test]
fn shuffled_input_gives_the_sorted_answer() {
    let x = [0.05, 0.12, 0.12, 0.33, 0.4, 0.71, 0.9];
    let y = [0.71, 0.12, 0.9, 0.05, 0.4, 0.12, 0.33];
    assert_eq!(
        an::binned_spike_counts(&x, 0.1, 0.0, None).unwrap(),
        an::binned_spike_counts(&y, 0.1, 0.0, None).unwrap()
    );
    assert_eq!(
        an::binarize(&x, 0.1, 0.0, None).unwrap(),
        an::binarize(&y, 0.1, 0.0, None).unwrap()
    );
    assert_eq!(
        an::binned_spike_matrix(&[x, x], 0.2, 0.0, None).unwrap(),
        an::binned_spike_matrix(&[y, x], 0.2, 0.0, None).unwrap()
    );
    assert_eq!(
        an::time_slice(&y, 0.1, 0.5).unwrap(),
        vec![0.12, 0.12, 0.33, 0.4]
    );
    assert_eq!(
        an::merge_spike_trains(&[&y[..3], &y[3..]]).unwrap(),
        x.to_vec()
    );
    assert_eq!(
        an::discretise_spike_times(&y, 10.0, 0.0).unwrap(),
        vec![0.0, 0.1, 0.1, 0.3, 0.4, 0.7, 0.9]
    );
}

#[test]
fn non_finite_spikes_are_errors() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let x = [0.1, 0.2, bad];
        let want = |f: &str| {
            format!("{f}: spikes[2] = {bad} is out of range; valid range: a finite number")
        };
        assert_eq!(
            err(an::binned_spike_counts(&x, 0.1, 0.0, Some(1.0))),
            want("binned_spike_counts")
        );
        assert_eq!(err(an::binarize(&x, 0.1, 0.0, Some(1.0))), want("binarize"));
        assert_eq!(err(an::time_slice(&x, 0.0, 1.0)), want("time_slice"));
        assert_eq!(
            err(an::discretise_spike_times(&x, 1000.0, 0.0)),
            want("discretise_spike_times")
        );
        let ts = vec![vec![0.5], x.to_vec()];
        assert_eq!(
            err(an::binned_spike_matrix(&ts, 0.1, 0.0, Some(1.0))),
            format!(
                "binned_spike_matrix: trains[1][2] = {bad} is out of range; valid range: a finite number"
            )
        );
        assert_eq!(
            err(an::merge_spike_trains(&ts)),
            format!(
                "merge_spike_trains: trains[1][2] = {bad} is out of range; valid range: a finite number"
            )
        );
    }
}

#[test]
fn window_and_parameter_errors() {
    let x = [0.1, 0.5];
    let empty: [f64; 0] = [];
    let no_spike = "t_stop = None needs at least one spike to take the window's end from";
    assert_eq!(
        err(an::binned_spike_counts(&empty, 0.1, 0.0, None)),
        format!("binned_spike_counts: {no_spike}")
    );
    let none: Vec<Vec<f64>> = vec![vec![], vec![]];
    assert_eq!(
        err(an::binned_spike_matrix(&none, 0.1, 0.0, None)),
        format!("binned_spike_matrix: {no_spike}")
    );
    assert_eq!(
        err(an::binarize(&x, 0.1, 0.5, None)),
        "binarize: t_stop = 0.5 is out of range; valid range: (t_start = 0.5, inf)"
    );
    assert_eq!(
        err(an::bin_edges(1.0, 0.0, 0.1)),
        "bin_edges: t_stop = 0 is out of range; valid range: (t_start = 1, inf)"
    );
    assert_eq!(
        err(an::bin_edges(f64::NAN, 1.0, 0.1)),
        "bin_edges: t_start = NaN is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(an::time_slice(&x, 0.3, 0.3)),
        "time_slice: t_stop = 0.3 is out of range; valid range: (t_start = 0.3, inf)"
    );
    assert_eq!(
        err(an::time_slice(&x, 0.0, f64::INFINITY)),
        "time_slice: t_stop = inf is out of range; valid range: a finite number"
    );
    for b in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert_eq!(
            err(an::binned_spike_counts(&x, b, 0.0, Some(1.0))),
            format!("binned_spike_counts: bin_size = {b} is out of range; valid range: (0, inf)")
        );
        assert_eq!(
            err(an::bin_edges(0.0, 1.0, b)),
            format!("bin_edges: bin_size = {b} is out of range; valid range: (0, inf)")
        );
        assert_eq!(
            err(an::discretise_spike_times(&x, b, 0.0)),
            format!(
                "discretise_spike_times: sampling_rate = {b} is out of range; valid range: (0, inf)"
            )
        );
    }
    // n_bins == 0
    assert_eq!(
        err(an::binned_spike_counts(&x, 0.6, 0.0, Some(0.5))),
        "binned_spike_counts: bin_size = 0.6 is out of range; valid range: (0, 0.5] (the window must hold at least one bin)"
    );
    assert_eq!(
        err(an::binned_spike_matrix(&[x], 2.0, 0.0, Some(1.0))),
        "binned_spike_matrix: bin_size = 2 is out of range; valid range: (0, 1] (the window must hold at least one bin)"
    );
    // Too many bins to allocate.
    assert_eq!(
        err(an::binned_spike_counts(&x, 1e-9, 0.0, Some(1.0))),
        "binned_spike_counts: bin_size = 0.000000001 is out of range; valid range: values giving at most 100000000 bins (this gives 999999999)"
    );
    assert_eq!(
        err(an::discretise_spike_times(&x, 10.0, f64::NAN)),
        "discretise_spike_times: t_start = NaN is out of range; valid range: a finite number"
    );
}

#[test]
fn utilities_edge_cases() {
    let none: Vec<Vec<f64>> = vec![];
    assert!(an::merge_spike_trains(&none).unwrap().is_empty());
    assert!(
        an::binned_spike_matrix(&none, 0.1, 0.0, Some(1.0))
            .unwrap()
            .is_empty()
    );
    assert!(an::time_slice(&[], 0.0, 1.0).unwrap().is_empty());
    // The closed window of Neo's time_slice, duplicates kept.
    assert_eq!(
        an::time_slice(&[0.0, 0.5, 0.5, 1.0, 1.5], 0.5, 1.0).unwrap(),
        vec![0.5, 0.5, 1.0]
    );
    // Elephant maps 0.5 s at 1 kHz to 0.499 s; the spec keeps 0.5. Below t_start -> t_start.
    assert_eq!(
        an::discretise_spike_times(&[0.5, 0.0004, -1.0], 1000.0, 0.0).unwrap(),
        vec![0.0, 0.0, 0.5]
    );
    // Empty train with an explicit window: all zeros, all false.
    assert_eq!(
        an::binned_spike_counts(&[], 0.25, 0.0, Some(1.0)).unwrap(),
        vec![0; 4]
    );
    assert_eq!(
        an::binarize(&[], 0.25, 0.0, Some(1.0)).unwrap(),
        vec![false; 4]
    );
}

#[test]
fn matrix_does_not_depend_on_the_thread_count() {
    let trains: Vec<Vec<f64>> = (0..200)
        .map(|k| {
            (0..(k % 37))
                .map(|i| ((i * 7919 + k * 104729) % 1000) as f64 / 500.0)
                .collect()
        })
        .collect();
    let run = || an::binned_spike_matrix(&trains, 0.01, 0.0, None).unwrap();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(run);
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap()
        .install(run);
    assert_eq!(one, two);
    assert_eq!(one.len(), 200);
}
