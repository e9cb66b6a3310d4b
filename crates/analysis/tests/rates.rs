//! Catalogue family 1, "Rates & ISI statistics" (entries 1–24): the reference cases of
//! `reference/analysis/rates.json` (Elephant 1.2.1 and NumPy transcriptions; regenerate with
//! `scripts/reference/analysis/rates.py`), then the conventions: G3 order, G4 non-finite
//! input, G5 windows, parameter errors with their messages, NaN for undefined values.

mod common;

use common::{Reference, all_close, close, err, ints, num, nums, opt, usize_of};
use sc_neurocore_analysis as an;
use serde_json::Value;

fn data() -> Reference {
    Reference::load("rates", None)
}

/// `"@k"`: train k of the table.
fn train(v: &Value) -> Vec<f64> {
    data().train(v)
}

fn trains(v: &Value) -> Vec<Vec<f64>> {
    data().trains(v)
}

/// A scalar function of the args, compared at `rtol` (1e-9 for closed forms, G11).
fn scalar(name: &str, rtol: f64, f: impl Fn(&Value) -> f64) -> usize {
    data().each(name, |a, e| {
        let (got, want) = (f(a), num(e));
        (!close(got, want, rtol, 0.0)).then(|| format!("got {got:e}, want {want:e}"))
    })
}

fn vector(name: &str, rtol: f64, f: impl Fn(&Value) -> Vec<f64>) -> usize {
    data().each(name, |a, e| {
        let (got, want) = (f(a), nums(e));
        (!all_close(&got, &want, rtol, 0.0)).then(|| format!("got {got:?}, want {want:?}"))
    })
}

fn integer(name: &str, f: impl Fn(&Value) -> i64) -> usize {
    data().each(name, |a, e| {
        let (got, want) = (f(a), e.as_i64().unwrap());
        (got != want).then(|| format!("got {got}, want {want}"))
    })
}

const RTOL: f64 = 1e-9;

// ------------------------------------------------------------------ 1–7

#[test]
fn reference_spike_count() {
    integer("spike_count", |a| {
        an::spike_count(&train(&a["spikes"]), opt(&a["t_start"]), opt(&a["t_stop"])).unwrap() as i64
    });
}

#[test]
fn reference_firing_rate() {
    scalar("firing_rate", RTOL, |a| {
        an::firing_rate(
            &train(&a["spikes"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            opt(&a["duration"]),
        )
        .unwrap()
    });
}

#[test]
fn reference_firing_rates() {
    vector("firing_rates", RTOL, |a| {
        an::firing_rates(&trains(&a["trains"]), num(&a["t_start"]), opt(&a["t_stop"])).unwrap()
    });
}

#[test]
fn reference_binned_firing_rate() {
    vector("binned_firing_rate", RTOL, |a| {
        an::binned_firing_rate(
            &train(&a["spikes"]),
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
        )
        .unwrap()
    });
}

#[test]
fn reference_instantaneous_rate() {
    // The reference convolves by FFT: rtol 1e-9 plus an absolute 1e-9 of the largest rate.
    data().each("instantaneous_rate", |a, e| {
        let sp = num(&a["sampling_period"]);
        let (times, rate) = an::instantaneous_rate(
            &train(&a["spikes"]),
            sp,
            num(&a["sigma"]),
            an::RateKernel::from_name(a["kernel"].as_str().unwrap()).unwrap(),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            num(&a["cutoff"]),
            a["center_kernel"].as_bool().unwrap(),
            a["trim"].as_bool().unwrap(),
            a["border_correction"].as_bool().unwrap(),
        )
        .unwrap();
        let want = nums(&e["rate"]);
        let n = usize_of(&e["n"]);
        let t0 = num(&e["t0"]);
        let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if rate.len() != n || !all_close(&rate, &want, RTOL, 1e-9 * scale) {
            let worst = rate
                .iter()
                .zip(&want)
                .map(|(g, w)| (g - w).abs())
                .fold(0.0, f64::max);
            return Some(format!(
                "rate: len {} (want {n}), max |diff| {worst:e}, scale {scale:e}",
                rate.len()
            ));
        }
        let want_times: Vec<f64> = match e.get("times") {
            Some(t) => nums(t),
            None => (0..n).map(|k| t0 + k as f64 * sp).collect(),
        };
        (!all_close(&times, &want_times, RTOL, 1e-12))
            .then(|| format!("times {:?}.. want {:?}..", &times[..2], &want_times[..2]))
    });
}

#[test]
fn reference_optimal_kernel_bandwidth() {
    // An optimiser over FFT-smoothed costs: rtol 1e-7 (G11).
    scalar("optimal_kernel_bandwidth", 1e-7, |a| {
        an::optimal_kernel_bandwidth(&train(&a["spikes"])).unwrap()
    });
}

#[test]
fn reference_optimal_bin_size() {
    scalar("optimal_bin_size", RTOL, |a| {
        an::optimal_bin_size(
            &train(&a["spikes"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            usize_of(&a["min_bins"]),
            usize_of(&a["max_bins"]),
        )
        .unwrap()
    });
}

// ------------------------------------------------------------------ 8–15

#[test]
fn reference_isi_statistics() {
    let sp = |a: &Value| train(&a["spikes"]);
    vector("isi", RTOL, |a| an::isi(&sp(a)).unwrap());
    scalar("isi_mean", RTOL, |a| an::isi_mean(&sp(a)).unwrap());
    scalar("isi_median", RTOL, |a| an::isi_median(&sp(a)).unwrap());
    scalar("isi_std", RTOL, |a| an::isi_std(&sp(a)).unwrap());
    scalar("coefficient_of_variation", RTOL, |a| {
        an::coefficient_of_variation(&sp(a)).unwrap()
    });
    scalar("cv2", RTOL, |a| an::cv2(&sp(a)).unwrap());
    scalar("local_variation", RTOL, |a| {
        an::local_variation(&sp(a)).unwrap()
    });
    scalar("revised_local_variation", RTOL, |a| {
        an::revised_local_variation(&sp(a), num(&a["refractory_period"])).unwrap()
    });
}

// ------------------------------------------------------------------ 16–19

#[test]
fn reference_fano_factors() {
    scalar("fano_factor", RTOL, |a| {
        an::fano_factor(&trains(&a["trains"]), opt(&a["t_start"]), opt(&a["t_stop"])).unwrap()
    });
    scalar("fano_factor_binned", RTOL, |a| {
        an::fano_factor_binned(
            &train(&a["spikes"]),
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
        )
        .unwrap()
    });
}

fn check_histogram(got: (Vec<f64>, Vec<i64>), e: &Value) -> Option<String> {
    let (edges, counts) = got;
    let (want_edges, want_counts) = (nums(&e[0]), ints(&e[1]));
    (!all_close(&edges, &want_edges, RTOL, 0.0) || counts != want_counts)
        .then(|| format!("got {edges:?} {counts:?}, want {want_edges:?} {want_counts:?}"))
}

#[test]
fn reference_isi_histograms() {
    data().each("isi_histogram", |a, e| {
        check_histogram(
            an::isi_histogram(
                &train(&a["spikes"]),
                num(&a["bin_size"]),
                num(&a["max_isi"]),
            )
            .unwrap(),
            e,
        )
    });
    data().each("log_isi_histogram", |a, e| {
        check_histogram(
            an::log_isi_histogram(
                &train(&a["spikes"]),
                usize_of(&a["bins_per_decade"]),
                num(&a["min_isi"]),
                num(&a["max_isi"]),
            )
            .unwrap(),
            e,
        )
    });
}

// ------------------------------------------------------------------ 20–24

#[test]
fn reference_other_isi_measures() {
    let sp = |a: &Value| train(&a["spikes"]);
    vector("instantaneous_frequency", RTOL, |a| {
        an::instantaneous_frequency(&sp(a)).unwrap()
    });
    scalar("isi_serial_correlation", RTOL, |a| {
        an::isi_serial_correlation(&sp(a), usize_of(&a["lag"])).unwrap()
    });
    scalar("adaptation_index", RTOL, |a| {
        an::adaptation_index(&sp(a)).unwrap()
    });
    integer("refractory_violations", |a| {
        an::refractory_violations(&sp(a), num(&a["refractory_period"])).unwrap() as i64
    });
    scalar("time_to_first_spike", RTOL, |a| {
        an::time_to_first_spike(&sp(a), num(&a["t_start"])).unwrap()
    });
}

// ------------------------------------------------------------------ G3: order is irrelevant

/// A deterministic shuffle (xorshift) of a train.
fn shuffled(x: &[f64], seed: u64) -> Vec<f64> {
    let mut v = x.to_vec();
    let mut s = seed | 1;
    for i in (1..v.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        v.swap(i, (s % (i as u64 + 1)) as usize);
    }
    v
}

fn sample_train() -> Vec<f64> {
    // Sorted, with a duplicate, irregular.
    vec![
        0.011, 0.042, 0.05, 0.05, 0.093, 0.17, 0.2, 0.26, 0.31, 0.315, 0.48, 0.51, 0.66, 0.7, 0.74,
        0.9, 0.93, 0.99,
    ]
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn shuffled_input_gives_the_sorted_answer() {
    let x = sample_train();
    let y = shuffled(&x, 7);
    assert_ne!(x, y);
    let sc = |f: &dyn Fn(&[f64]) -> f64| assert_eq!(f(&x).to_bits(), f(&y).to_bits());
    sc(&|t| an::spike_count(t, Some(0.1), Some(0.7)).unwrap() as f64);
    sc(&|t| an::firing_rate(t, 0.0, None, None).unwrap());
    sc(&|t| an::isi_mean(t).unwrap());
    sc(&|t| an::isi_median(t).unwrap());
    sc(&|t| an::isi_std(t).unwrap());
    sc(&|t| an::coefficient_of_variation(t).unwrap());
    sc(&|t| an::cv2(t).unwrap());
    sc(&|t| an::local_variation(t).unwrap());
    sc(&|t| an::revised_local_variation(t, 0.005).unwrap());
    sc(&|t| an::fano_factor_binned(t, 0.1, 0.0, None).unwrap());
    sc(&|t| an::isi_serial_correlation(t, 1).unwrap());
    sc(&|t| an::adaptation_index(t).unwrap());
    sc(&|t| an::refractory_violations(t, 0.01).unwrap() as f64);
    sc(&|t| an::time_to_first_spike(t, 0.3).unwrap());
    sc(&|t| an::optimal_kernel_bandwidth(t).unwrap());
    sc(&|t| an::optimal_bin_size(t, 0.0, Some(1.0), 2, 50).unwrap());
    let vc = |f: &dyn Fn(&[f64]) -> Vec<f64>| assert_eq!(bits(&f(&x)), bits(&f(&y)));
    vc(&|t| an::isi(t).unwrap());
    vc(&|t| an::instantaneous_frequency(t).unwrap());
    vc(&|t| an::binned_firing_rate(t, 0.1, 0.0, None).unwrap());
    vc(&|t| {
        an::instantaneous_rate(
            t,
            0.01,
            0.02,
            an::RateKernel::Gaussian,
            0.0,
            None,
            5.0,
            true,
            false,
            true,
        )
        .unwrap()
        .1
    });
    assert_eq!(
        an::isi_histogram(&x, 0.01, 0.2).unwrap(),
        an::isi_histogram(&y, 0.01, 0.2).unwrap()
    );
    assert_eq!(
        an::log_isi_histogram(&x, 10, 1e-3, 1.0).unwrap(),
        an::log_isi_histogram(&y, 10, 1e-3, 1.0).unwrap()
    );
    let (tx, ty) = (
        vec![x.clone(), x[..5].to_vec()],
        vec![y.clone(), shuffled(&x[..5], 3)],
    );
    assert_eq!(
        bits(&an::firing_rates(&tx, 0.0, None).unwrap()),
        bits(&an::firing_rates(&ty, 0.0, None).unwrap())
    );
    assert_eq!(
        an::fano_factor(&tx, None, None).unwrap().to_bits(),
        an::fano_factor(&ty, None, None).unwrap().to_bits()
    );
    assert_eq!(an::isi(&[3.0, 1.0, 2.0]).unwrap(), vec![1.0, 1.0]);
}

// ------------------------------------------------------------------ G4: non-finite input

#[test]
fn non_finite_spikes_are_errors_naming_the_function() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let x = [0.1, bad, 0.3];
        let shown = format!("{bad}");
        let want = |f: &str| {
            format!("{f}: spikes[1] = {shown} is out of range; valid range: a finite number")
        };
        assert_eq!(err(an::spike_count(&x, None, None)), want("spike_count"));
        assert_eq!(
            err(an::firing_rate(&x, 0.0, Some(1.0), None)),
            want("firing_rate")
        );
        assert_eq!(
            err(an::binned_firing_rate(&x, 0.1, 0.0, Some(1.0))),
            want("binned_firing_rate")
        );
        assert_eq!(
            err(an::instantaneous_rate(
                &x,
                0.01,
                0.02,
                an::RateKernel::Gaussian,
                0.0,
                Some(1.0),
                5.0,
                true,
                false,
                false
            )),
            want("instantaneous_rate")
        );
        assert_eq!(
            err(an::optimal_kernel_bandwidth(&x)),
            want("optimal_kernel_bandwidth")
        );
        assert_eq!(
            err(an::optimal_bin_size(&x, 0.0, Some(1.0), 2, 10)),
            want("optimal_bin_size")
        );
        assert_eq!(err(an::isi(&x)), want("isi"));
        assert_eq!(err(an::isi_mean(&x)), want("isi_mean"));
        assert_eq!(err(an::isi_median(&x)), want("isi_median"));
        assert_eq!(err(an::isi_std(&x)), want("isi_std"));
        assert_eq!(
            err(an::coefficient_of_variation(&x)),
            want("coefficient_of_variation")
        );
        assert_eq!(err(an::cv2(&x)), want("cv2"));
        assert_eq!(err(an::local_variation(&x)), want("local_variation"));
        assert_eq!(
            err(an::revised_local_variation(&x, 0.005)),
            want("revised_local_variation")
        );
        assert_eq!(
            err(an::fano_factor_binned(&x, 0.1, 0.0, Some(1.0))),
            want("fano_factor_binned")
        );
        assert_eq!(err(an::isi_histogram(&x, 0.01, 0.1)), want("isi_histogram"));
        assert_eq!(
            err(an::log_isi_histogram(&x, 10, 1e-4, 10.0)),
            want("log_isi_histogram")
        );
        assert_eq!(
            err(an::instantaneous_frequency(&x)),
            want("instantaneous_frequency")
        );
        assert_eq!(
            err(an::isi_serial_correlation(&x, 1)),
            want("isi_serial_correlation")
        );
        assert_eq!(err(an::adaptation_index(&x)), want("adaptation_index"));
        assert_eq!(
            err(an::refractory_violations(&x, 0.002)),
            want("refractory_violations")
        );
        assert_eq!(
            err(an::time_to_first_spike(&x, 0.0)),
            want("time_to_first_spike")
        );
        // Sequences name the train.
        let ts = vec![vec![0.1], x.to_vec()];
        assert_eq!(
            err(an::firing_rates(&ts, 0.0, Some(1.0))),
            format!(
                "firing_rates: trains[1][1] = {shown} is out of range; valid range: a finite number"
            )
        );
        assert_eq!(
            err(an::fano_factor(&ts, None, None)),
            format!(
                "fano_factor: trains[1][1] = {shown} is out of range; valid range: a finite number"
            )
        );
    }
}

// ------------------------------------------------------------------ G5: windows

#[test]
fn window_errors() {
    let x = [0.1, 0.5];
    let empty: [f64; 0] = [];
    let no_spike = "t_stop = None needs at least one spike to take the window's end from";
    assert_eq!(
        err(an::firing_rate(&empty, 0.0, None, None)),
        format!("firing_rate: {no_spike}")
    );
    assert_eq!(
        err(an::firing_rate(&x, 0.5, Some(0.5), None)),
        "firing_rate: t_stop = 0.5 is out of range; valid range: (t_start = 0.5, inf)"
    );
    assert_eq!(
        err(an::firing_rate(&x, 0.6, None, None)),
        "firing_rate: t_stop = 0.5 is out of range; valid range: (t_start = 0.6, inf)"
    );
    assert_eq!(
        err(an::firing_rate(&x, f64::NAN, Some(1.0), None)),
        "firing_rate: t_start = NaN is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(an::firing_rate(&x, 0.0, Some(f64::INFINITY), None)),
        "firing_rate: t_stop = inf is out of range; valid range: a finite number"
    );
    let none: Vec<Vec<f64>> = vec![vec![], vec![]];
    assert_eq!(
        err(an::firing_rates(&none, 0.0, None)),
        format!("firing_rates: {no_spike}")
    );
    assert_eq!(
        err(an::binned_firing_rate(&empty, 0.1, 0.0, None)),
        format!("binned_firing_rate: {no_spike}")
    );
    assert_eq!(
        err(an::binned_firing_rate(&x, 0.1, 1.0, Some(0.2))),
        "binned_firing_rate: t_stop = 0.2 is out of range; valid range: (t_start = 1, inf)"
    );
    assert_eq!(
        err(an::fano_factor_binned(&x, 0.1, 0.7, None)),
        "fano_factor_binned: t_stop = 0.5 is out of range; valid range: (t_start = 0.7, inf)"
    );
    assert_eq!(
        err(an::optimal_bin_size(&empty, 0.0, None, 2, 200)),
        format!("optimal_bin_size: {no_spike}")
    );
    assert_eq!(
        err(an::instantaneous_rate(
            &empty,
            0.01,
            0.02,
            an::RateKernel::Gaussian,
            0.0,
            None,
            5.0,
            true,
            false,
            false
        )),
        format!("instantaneous_rate: {no_spike}")
    );
    assert_eq!(
        err(an::instantaneous_rate(
            &x,
            0.01,
            0.02,
            an::RateKernel::Gaussian,
            1.0,
            Some(0.5),
            5.0,
            true,
            false,
            false
        )),
        "instantaneous_rate: t_stop = 0.5 is out of range; valid range: (t_start = 1, inf)"
    );
    // spike_count and fano_factor: optional bounds, checked when both are given.
    assert_eq!(
        err(an::spike_count(&x, Some(0.5), Some(0.2))),
        "spike_count: t_stop = 0.2 is out of range; valid range: (t_start = 0.5, inf)"
    );
    assert_eq!(
        err(an::spike_count(&x, Some(f64::NAN), None)),
        "spike_count: t_start = NaN is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(an::fano_factor(&[x.to_vec()], Some(1.0), Some(1.0))),
        "fano_factor: t_stop = 1 is out of range; valid range: (t_start = 1, inf)"
    );
    assert_eq!(
        err(an::time_to_first_spike(&x, f64::INFINITY)),
        "time_to_first_spike: t_start = inf is out of range; valid range: a finite number"
    );
    // Spikes outside the window are ignored; the window is closed.
    let y = [-1.0, 0.0, 0.2, 1.0, 1.5];
    assert_eq!(an::firing_rate(&y, 0.0, Some(1.0), None).unwrap(), 3.0);
    assert_eq!(an::spike_count(&y, Some(0.0), Some(1.0)).unwrap(), 3);
    assert_eq!(an::spike_count(&y, None, None).unwrap(), 5);
    assert_eq!(an::spike_count(&y, Some(0.1), None).unwrap(), 3);
}

// ------------------------------------------------------------------ invalid parameters

#[test]
fn invalid_parameters_are_errors_with_their_messages() {
    let x = sample_train();
    assert_eq!(
        err(an::firing_rate(&x, 0.0, Some(1.0), Some(1.0))),
        "firing_rate: t_stop and duration both given; give one of them (duration sets t_stop = t_start + duration)"
    );
    assert_eq!(
        err(an::firing_rate(&x, 0.0, None, Some(0.0))),
        "firing_rate: duration = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(an::firing_rate(&x, 0.0, None, Some(-1.0))),
        "firing_rate: duration = -1 is out of range; valid range: (0, inf)"
    );
    for b in [0.0, -0.1, f64::NAN] {
        assert_eq!(
            err(an::binned_firing_rate(&x, b, 0.0, None)),
            format!("binned_firing_rate: bin_size = {b} is out of range; valid range: (0, inf)")
        );
        assert_eq!(
            err(an::fano_factor_binned(&x, b, 0.0, None)),
            format!("fano_factor_binned: bin_size = {b} is out of range; valid range: (0, inf)")
        );
        assert_eq!(
            err(an::isi_histogram(&x, b, 0.1)),
            format!("isi_histogram: bin_size = {b} is out of range; valid range: (0, inf)")
        );
    }
    assert_eq!(
        err(an::binned_firing_rate(&x, 2.0, 0.0, Some(1.0))),
        "binned_firing_rate: bin_size = 2 is out of range; valid range: (0, 1] (the window must hold at least one bin)"
    );
    // instantaneous_rate
    let ir = |sp: f64, sigma: f64, k: an::RateKernel, cutoff: f64, trim: bool, border: bool| {
        err(an::instantaneous_rate(
            &x,
            sp,
            sigma,
            k,
            0.0,
            Some(1.0),
            cutoff,
            true,
            trim,
            border,
        ))
    };
    use an::RateKernel::*;
    assert_eq!(
        ir(0.0, 0.02, Gaussian, 5.0, false, false),
        "instantaneous_rate: sampling_period = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        ir(0.01, -0.02, Gaussian, 5.0, false, false),
        "instantaneous_rate: sigma = -0.02 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        ir(0.01, 0.02, Gaussian, f64::NAN, false, false),
        "instantaneous_rate: cutoff = NaN is out of range; valid range: a finite number"
    );
    assert_eq!(
        ir(2.0, 0.02, Gaussian, 5.0, false, false),
        "instantaneous_rate: sampling_period = 2 is out of range; valid range: (0, t_stop - t_start = 1]"
    );
    assert_eq!(
        ir(0.01, 0.02, Laplacian, 5.0, false, true),
        "instantaneous_rate: border_correction = true is implemented for the gaussian kernel only (kernel = 'laplacian')"
    );
    assert_eq!(
        ir(0.01, 0.2, Gaussian, 5.0, true, false),
        "instantaneous_rate: trim = true needs the kernel (201 samples) to be no longer than the signal (100 samples); use a smaller sigma or cutoff, a larger window or sampling_period, or trim = false"
    );
    assert_eq!(
        err(an::RateKernel::from_name("boxcar")),
        "instantaneous_rate: unknown kernel 'boxcar'; known: rectangular, triangular, epanechnikov_like, gaussian, laplacian, exponential, alpha"
    );
    for name in an::RateKernel::NAMES {
        assert_eq!(an::RateKernel::from_name(name).unwrap().name(), name);
    }
    // optimal_bin_size
    assert_eq!(
        err(an::optimal_bin_size(&x, 0.0, None, 0, 10)),
        "optimal_bin_size: min_bins = 0 is out of range; valid range: [1, inf)"
    );
    assert_eq!(
        err(an::optimal_bin_size(&x, 0.0, None, 10, 9)),
        "optimal_bin_size: max_bins = 9 is out of range; valid range: [min_bins = 10, inf)"
    );
    // refractory periods
    for r in [-0.001, f64::NAN, f64::INFINITY] {
        assert_eq!(
            err(an::revised_local_variation(&x, r)),
            format!(
                "revised_local_variation: refractory_period = {r} is out of range; valid range: [0, inf)"
            )
        );
        assert_eq!(
            err(an::refractory_violations(&x, r)),
            format!(
                "refractory_violations: refractory_period = {r} is out of range; valid range: [0, inf)"
            )
        );
    }
    // histograms
    assert_eq!(
        err(an::isi_histogram(&x, 0.1, 0.0)),
        "isi_histogram: max_isi = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(an::isi_histogram(&x, 0.1, 0.04)),
        "isi_histogram: max_isi = 0.04 is out of range; valid range: [bin_size / 2 = 0.05, inf) (at least one bin)"
    );
    assert_eq!(
        err(an::isi_histogram(&x, 1e-12, 1.0)),
        "isi_histogram: bin_size = 0.000000000001 is out of range; valid range: values giving at most 100000000 bins (max_isi / bin_size = 1000000000000)"
    );
    assert_eq!(
        err(an::log_isi_histogram(&x, 0, 1e-4, 10.0)),
        "log_isi_histogram: bins_per_decade = 0 is out of range; valid range: [1, inf)"
    );
    assert_eq!(
        err(an::log_isi_histogram(&x, 10, 0.0, 10.0)),
        "log_isi_histogram: min_isi = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(an::log_isi_histogram(&x, 10, 1e-3, 1e-3)),
        "log_isi_histogram: max_isi = 0.001 is out of range; valid range: (min_isi = 0.001, inf)"
    );
    assert_eq!(
        err(an::log_isi_histogram(&x, 1, 1.0, 1.2)),
        "log_isi_histogram: max_isi = 1.2 is out of range; valid range: values with round(bins_per_decade * log10(max_isi / min_isi)) >= 1 (min_isi = 1, bins_per_decade = 1)"
    );
    assert_eq!(
        err(an::isi_serial_correlation(&x, 0)),
        "isi_serial_correlation: lag = 0 is out of range; valid range: [1, inf)"
    );
}

// ------------------------------------------------------------------ G8: undefined -> NaN

#[test]
fn undefined_statistics_are_nan() {
    let empty: [f64; 0] = [];
    let one = [0.3];
    let two = [0.3, 0.5];
    for x in [&empty[..], &one[..]] {
        assert!(an::isi(x).unwrap().is_empty());
        assert!(an::instantaneous_frequency(x).unwrap().is_empty());
        assert!(an::isi_mean(x).unwrap().is_nan());
        assert!(an::isi_median(x).unwrap().is_nan());
        assert_eq!(an::refractory_violations(x, 0.1).unwrap(), 0);
    }
    assert!((an::isi_mean(&two).unwrap() - 0.2).abs() < 1e-15);
    for x in [&empty[..], &one[..], &two[..]] {
        assert!(an::isi_std(x).unwrap().is_nan());
        assert!(an::coefficient_of_variation(x).unwrap().is_nan());
        assert!(an::cv2(x).unwrap().is_nan());
        assert!(an::local_variation(x).unwrap().is_nan());
        assert!(an::revised_local_variation(x, 0.005).unwrap().is_nan());
        assert!(an::adaptation_index(x).unwrap().is_nan());
        assert!(an::isi_serial_correlation(x, 1).unwrap().is_nan());
        assert!(an::optimal_kernel_bandwidth(x).unwrap().is_nan());
    }
    // Consecutive zero ISIs: 0/0 (IEEE).
    let z = [0.1, 0.2, 0.2, 0.2];
    assert!(an::cv2(&z).unwrap().is_nan());
    assert!(an::local_variation(&z).unwrap().is_nan());
    assert!(an::adaptation_index(&z).unwrap().is_nan());
    assert!(
        an::coefficient_of_variation(&[0.4, 0.4, 0.4])
            .unwrap()
            .is_nan()
    );
    assert_eq!(
        an::instantaneous_frequency(&z).unwrap(),
        vec![10.0, f64::INFINITY, f64::INFINITY]
    );
    assert_eq!(an::refractory_violations(&z, 0.0).unwrap(), 0);
    assert_eq!(an::refractory_violations(&z, 1e-9).unwrap(), 2);
    // Serial correlation: too few ISIs for the lag, or a constant side.
    let reg = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    assert!(an::isi_serial_correlation(&reg, 1).unwrap().is_nan());
    assert!(
        an::isi_serial_correlation(&[0.0, 1.0, 3.0, 4.0], 2)
            .unwrap()
            .is_nan()
    );
    // Two distinct spike times: no bandwidth.
    assert!(
        an::optimal_kernel_bandwidth(&[0.1, 0.1, 0.5, 0.5])
            .unwrap()
            .is_nan()
    );
    // Fano factors.
    let none: Vec<Vec<f64>> = vec![];
    assert!(an::fano_factor(&none, None, None).unwrap().is_nan());
    assert!(
        an::fano_factor(&[vec![], vec![5.0]], Some(0.0), Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(
        an::fano_factor_binned(&empty, 0.1, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(an::time_to_first_spike(&two, 0.6).unwrap().is_nan());
    assert!(an::time_to_first_spike(&empty, 0.0).unwrap().is_nan());
    // Empty trains with an explicit window: rate 0, zero counts, a zero instantaneous rate.
    assert_eq!(an::firing_rate(&empty, 0.0, Some(2.0), None).unwrap(), 0.0);
    assert_eq!(an::firing_rate(&empty, 0.0, None, Some(2.0)).unwrap(), 0.0);
    assert_eq!(
        an::binned_firing_rate(&empty, 0.5, 0.0, Some(1.0)).unwrap(),
        vec![0.0, 0.0]
    );
    let (t, r) = an::instantaneous_rate(
        &empty,
        0.1,
        0.05,
        an::RateKernel::Alpha,
        0.0,
        Some(1.0),
        5.0,
        true,
        false,
        false,
    )
    .unwrap();
    assert_eq!(t.len(), 10);
    assert!(r.iter().all(|&v| v == 0.0));
}

// ------------------------------------------------------------------ properties

#[test]
fn instantaneous_rate_integrates_to_the_spike_count() {
    // A kernel well inside the window integrates to one spike per spike.
    // (Elephant samples the kernel on a grid and cuts it at cutoff·σ, from the median for the
    // asymmetric kernels: the exponential keeps 1 - e^{-5 - ln 2}, 99.7 %, of its mass.)
    let x = [0.8, 0.95, 1.0, 1.21];
    for k in an::RateKernel::NAMES {
        let kern = an::RateKernel::from_name(k).unwrap();
        let (_, r) = an::instantaneous_rate(
            &x,
            0.001,
            0.05,
            kern,
            0.0,
            Some(2.0),
            5.0,
            true,
            false,
            false,
        )
        .unwrap();
        let integral: f64 = r.iter().sum::<f64>() * 0.001;
        assert!((integral - 4.0).abs() < 4e-2, "{k}: {integral}");
    }
    // The border correction rescales to exactly n_spikes.
    let (_, r) = an::instantaneous_rate(
        &[0.0, 0.01, 0.99],
        0.01,
        0.05,
        an::RateKernel::Gaussian,
        0.0,
        Some(1.0),
        5.0,
        true,
        false,
        true,
    )
    .unwrap();
    let mean = r.iter().sum::<f64>() / r.len() as f64;
    assert!((mean * 1.0 - 3.0).abs() < 1e-12);
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let trains: Vec<Vec<f64>> = (0..64)
        .map(|k| shuffled(&sample_train(), k as u64 + 1)[..(k % 18)].to_vec())
        .collect();
    let run = || {
        (
            bits(&an::firing_rates(&trains, 0.0, None).unwrap()),
            an::fano_factor(&trains, None, Some(0.5)).unwrap().to_bits(),
            an::optimal_bin_size(&trains[17], 0.0, None, 1, 300)
                .unwrap()
                .to_bits(),
        )
    };
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
}
