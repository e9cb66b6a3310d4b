//! Family 5 "Population measures" (catalogue §5, functions 70–82).
//!
//! * Oracle: `reference/analysis/population.json`, written by
//!   `scripts/reference/analysis/population.py` (Elephant 1.2.1 for the LIB entries, a NumPy
//!   transcription of the spec for the FORMULA entries), compared with the G11 tolerances
//!   (rtol 1e-9 for counting / closed-form results, rtol 1e-7 with an atol scaled to the
//!   output for the kernel-smoothed rate, which Elephant computes by FFT).
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
    Reference::load("population", None)
}

const RTOL: f64 = 1e-9;
const ATOL: f64 = 1e-12;

fn vec_check(got: &[f64], exp: &Value, rtol: f64, atol: f64) -> Result<(), String> {
    let e = nums(exp);
    if all_close(got, &e, rtol, atol) {
        Ok(())
    } else {
        Err(format!("got {got:?}\nexpected {e:?}"))
    }
}

fn scalar_check(got: f64, exp: &Value) -> Result<(), String> {
    if close(got, num(exp), RTOL, ATOL) {
        Ok(())
    } else {
        Err(format!("got {got:e}, expected {:e}", num(exp)))
    }
}

/// (trains, bin_size, t_start, t_stop) of a binned case.
fn binned_args(o: &Reference, a: &Value) -> (Vec<Vec<f64>>, f64, f64, Option<f64>) {
    (
        o.trains(&a["trains"]),
        num(&a["bin_size"]),
        num(&a["t_start"]),
        opt(&a["t_stop"]),
    )
}

fn s<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

// -------------------------------------------------------------------- oracle comparisons

#[test]
fn oracle_time_histograms_rates_and_psth() {
    let o = oracle();
    o.each("time_histogram", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        let output = HistogramOutput::from_name(a["output"].as_str().unwrap()).map_err(s)?;
        match time_histogram(&t, b, t0, t1, output, a["binary"].as_bool().unwrap()).map_err(s)? {
            TimeHistogram::Counts(c) if output == HistogramOutput::Counts => {
                if c == ints(e) {
                    Ok(())
                } else {
                    Err(format!("got {c:?}"))
                }
            }
            TimeHistogram::Values(v) if output != HistogramOutput::Counts => {
                vec_check(&v, e, RTOL, ATOL)
            }
            other => Err(format!("wrong variant {other:?}")),
        }
    });
    o.each("population_rate", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        vec_check(&population_rate(&t, b, t0, t1).map_err(s)?, e, RTOL, ATOL)
    });
    o.each("psth", |a, e| {
        let (edges, rate) = psth(
            &o.trains(&a["trials"]),
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
        )
        .map_err(s)?;
        vec_check(&edges, &e["bin_left_edges"], RTOL, ATOL)?;
        vec_check(&rate, &e["rate_hz"], RTOL, ATOL)
    });
}

#[test]
fn oracle_smoothed_population_rate() {
    let o = oracle();
    o.each("population_rate_smoothed", |a, e| {
        let kernel = SmoothingKernel::from_name(a["kernel"].as_str().unwrap()).map_err(s)?;
        let (times, rate) = population_rate_smoothed(
            &o.trains(&a["trains"]),
            num(&a["sampling_period"]),
            num(&a["sigma"]),
            kernel,
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            num(&a["cutoff"]),
        )
        .map_err(s)?;
        vec_check(&times, &e["times"], RTOL, ATOL)?;
        let exp = nums(&e["rate"]);
        let scale = exp.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        vec_check(&rate, &e["rate"], 1e-7, 1e-9 * scale.max(1.0))
    });
}

#[test]
fn oracle_complexity() {
    let o = oracle();
    o.each("complexity_histogram", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        let h = complexity_histogram(&t, b, t0, t1, a["binary"].as_bool().unwrap()).map_err(s)?;
        if h == ints(e) {
            Ok(())
        } else {
            Err(format!("got {h:?}, expected {e}"))
        }
    });
    o.each("complexity_pdf", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        vec_check(
            &complexity_pdf(&t, b, t0, t1, a["binary"].as_bool().unwrap()).map_err(s)?,
            e,
            RTOL,
            ATOL,
        )
    });
    o.each("synchronous_event_times", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        vec_check(
            &synchronous_event_times(
                &t,
                b,
                t0,
                t1,
                a["min_complexity"].as_i64().unwrap(),
                a["binary"].as_bool().unwrap(),
            )
            .map_err(s)?,
            e,
            RTOL,
            ATOL,
        )
    });
}

#[test]
fn oracle_scalar_population_measures() {
    let o = oracle();
    o.each("synchrony_index", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        scalar_check(synchrony_index(&t, b, t0, t1).map_err(s)?, e)
    });
    o.each("mean_pairwise_correlation", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        let binary = a["binary"].as_bool().unwrap();
        scalar_check(
            mean_pairwise_correlation(&t, b, t0, t1, binary).map_err(s)?,
            e,
        )
    });
    o.each("population_fano_factor", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        scalar_check(population_fano_factor(&t, b, t0, t1).map_err(s)?, e)
    });
    o.each("participation_ratio", |a, e| {
        let (t, b, t0, t1) = binned_args(&o, a);
        scalar_check(participation_ratio(&t, b, t0, t1).map_err(s)?, e)
    });
    o.each("active_fraction", |a, e| {
        let f = active_fraction(
            &o.trains(&a["trains"]),
            opt(&a["t_start"]),
            opt(&a["t_stop"]),
        );
        scalar_check(f.map_err(s)?, e)
    });
    o.each("population_sparseness", |a, e| {
        let f = population_sparseness(
            &o.trains(&a["trains"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
        );
        scalar_check(f.map_err(s)?, e)
    });
}

// ------------------------------------------------------------------ hand-computed values

/// Elephant's `time_histogram` docstring example.
fn docstring_trains() -> Vec<Vec<f64>> {
    vec![vec![0.3, 4.5, 6.7, 9.3], vec![0.7, 4.3, 8.2]]
}

#[test]
fn hand_computed_values() {
    let t = docstring_trains();
    let counts = vec![2, 0, 0, 0, 2, 0, 1, 0, 1, 1];
    assert_eq!(
        time_histogram(&t, 1.0, 0.0, Some(10.0), HistogramOutput::Counts, false).unwrap(),
        TimeHistogram::Counts(counts.clone())
    );
    let mean = time_histogram(&t, 1.0, 0.0, Some(10.0), HistogramOutput::Mean, false).unwrap();
    assert_eq!(
        mean.to_f64(),
        counts.iter().map(|&c| c as f64 / 2.0).collect::<Vec<_>>()
    );
    let rate = population_rate(&t, 0.5, 0.0, Some(10.0)).unwrap();
    assert_eq!(rate.len(), 20);
    assert_eq!(rate[0], 1.0); // 0.3 s: 1 spike / (2 trains * 0.5 s)
    let (edges, r) = psth(&t, 1.0, 0.0, Some(10.0)).unwrap();
    assert_eq!(edges, (0..10).map(|k| k as f64).collect::<Vec<_>>());
    assert_eq!(r[4], 1.0);
    // Complexity: bins hold 2,0,0,0,2,0,1,0,1,1 active trains.
    assert_eq!(
        complexity_histogram(&t, 1.0, 0.0, Some(10.0), true).unwrap(),
        vec![5, 3, 2]
    );
    assert_eq!(
        complexity_pdf(&t, 1.0, 0.0, Some(10.0), true).unwrap(),
        vec![0.5, 0.3, 0.2]
    );
    assert_eq!(
        synchronous_event_times(&t, 1.0, 0.0, Some(10.0), 2, true).unwrap(),
        vec![0.0, 4.0]
    );
    assert_eq!(
        synchronous_event_times(&t, 1.0, 0.0, Some(10.0), 0, true)
            .unwrap()
            .len(),
        10
    );
    // Binary clips a train's duplicate spikes; counts do not.
    let dup = vec![vec![0.1, 0.1, 0.1], vec![0.2]];
    assert_eq!(
        complexity_histogram(&dup, 1.0, 0.0, Some(1.0), true).unwrap(),
        vec![0, 0, 1]
    );
    assert_eq!(
        complexity_histogram(&dup, 1.0, 0.0, Some(1.0), false).unwrap(),
        vec![0, 0, 0, 0, 1]
    );
    // Identical trains are perfectly synchronous.
    let same = vec![vec![0.1, 0.35, 0.8], vec![0.1, 0.35, 0.8]];
    assert!((synchrony_index(&same, 0.1, 0.0, Some(1.0)).unwrap() - 1.0).abs() < 1e-15);
    assert_eq!(
        mean_pairwise_correlation(&same, 0.1, 0.0, Some(1.0), false).unwrap(),
        1.0
    );
    // Summed counts per bin [2,0,0,2,0,0,0,0,2,0]: mean 0.6, var 0.84.
    let f = population_fano_factor(&same, 0.1, 0.0, Some(1.0)).unwrap();
    assert!((f - 0.84 / 0.6).abs() < 1e-14, "{f}");
    // Two identical trains: C = [[v, v], [v, v]] -> (2v)^2 / 4v^2 = 1.
    assert!((participation_ratio(&same, 0.1, 0.0, Some(1.0)).unwrap() - 1.0).abs() < 1e-14);
    assert_eq!(active_fraction(&t, Some(5.0), Some(7.0)).unwrap(), 0.5);
    assert_eq!(active_fraction(&t, None, None).unwrap(), 1.0);
    // Rates [2, 0] Hz: a = 1/2, S = (1 - 1/2)/(1 - 1/2) = 1.
    let sp = population_sparseness(&[vec![0.1, 0.2], vec![]], 0.0, Some(1.0)).unwrap();
    assert!((sp - 1.0).abs() < 1e-15);
    // Smoothed rate of one spike: a sampled Gaussian with unit area (Hz · s = 1 spike).
    let (times, rate) = population_rate_smoothed(
        &[vec![0.5]],
        0.001,
        0.02,
        SmoothingKernel::Gaussian,
        0.0,
        Some(1.0),
        5.0,
    )
    .unwrap();
    assert_eq!(times.len(), 1000);
    let area: f64 = rate.iter().sum::<f64>() * 0.001;
    assert!((area - 1.0).abs() < 1e-6, "{area}");
    let peak = rate.iter().cloned().fold(0.0, f64::max);
    assert_eq!(rate[500], peak);
}

// ---------------------------------------------------------------------- G8: undefined = NaN

#[test]
fn undefined_statistics_are_nan() {
    let none: Vec<Vec<f64>> = vec![];
    let empty = vec![vec![], vec![]];
    let one = vec![vec![0.1, 0.5]];
    assert!(
        synchrony_index(&none, 0.1, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(
        synchrony_index(&empty, 0.1, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(
        mean_pairwise_correlation(&one, 0.1, 0.0, Some(1.0), false)
            .unwrap()
            .is_nan()
    );
    assert!(
        mean_pairwise_correlation(&empty, 0.1, 0.0, Some(1.0), false)
            .unwrap()
            .is_nan()
    );
    assert!(
        population_fano_factor(&empty, 0.1, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(
        participation_ratio(&empty, 0.1, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(
        participation_ratio(&none, 0.1, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(active_fraction(&none, None, None).unwrap().is_nan());
    assert!(
        population_sparseness(&one, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    assert!(
        population_sparseness(&empty, 0.0, Some(1.0))
            .unwrap()
            .is_nan()
    );
    // Dividing by zero trains: NaN rates; counts stay zero.
    let r = population_rate(&none, 0.1, 0.0, Some(1.0)).unwrap();
    assert!(r.len() == 10 && r.iter().all(|v| v.is_nan()));
    assert_eq!(
        time_histogram(&none, 0.1, 0.0, Some(1.0), HistogramOutput::Counts, false).unwrap(),
        TimeHistogram::Counts(vec![0; 10])
    );
    let (_, r) = population_rate_smoothed(
        &none,
        0.1,
        0.05,
        SmoothingKernel::Gaussian,
        0.0,
        Some(1.0),
        5.0,
    )
    .unwrap();
    assert!(r.iter().all(|v| v.is_nan()));
    // Empty trains: zero rate, complexity all in bin 0.
    let (_, r) = population_rate_smoothed(
        &empty,
        0.1,
        0.05,
        SmoothingKernel::Alpha,
        0.0,
        Some(1.0),
        5.0,
    )
    .unwrap();
    assert!(r.iter().all(|&v| v == 0.0));
    assert_eq!(
        complexity_histogram(&empty, 0.1, 0.0, Some(1.0), true).unwrap(),
        vec![10]
    );
}

// ------------------------------------------------------------------- G3 and thread counts

fn train(seed: u64, n: usize, t: f64) -> Vec<f64> {
    let mut x: Vec<f64> = lcg_uniform(seed, n)
        .into_iter()
        .map(|u| (u * t * 1e4).round() / 1e4)
        .collect();
    x.push(x[0]);
    x.sort_by(f64::total_cmp);
    x
}

#[test]
fn shuffled_trains_give_the_sorted_answers() {
    let sorted: Vec<Vec<f64>> = (0..4).map(|k| train(k, 40, 2.0)).collect();
    let sh: Vec<Vec<f64>> = sorted.iter().map(|x| shuffled(x)).collect();
    assert_ne!(sh, sorted);
    let t = Some(2.0);
    for output in [
        HistogramOutput::Counts,
        HistogramOutput::Mean,
        HistogramOutput::Rate,
    ] {
        assert_eq!(
            time_histogram(&sh, 0.01, 0.0, t, output, true).unwrap(),
            time_histogram(&sorted, 0.01, 0.0, t, output, true).unwrap()
        );
    }
    assert_eq!(
        population_rate(&sh, 0.01, 0.0, t).unwrap(),
        population_rate(&sorted, 0.01, 0.0, t).unwrap()
    );
    assert_eq!(
        psth(&sh, 0.01, 0.0, None).unwrap(),
        psth(&sorted, 0.01, 0.0, None).unwrap()
    );
    for name in SmoothingKernel::NAMES {
        let k = SmoothingKernel::from_name(name).unwrap();
        assert_eq!(
            population_rate_smoothed(&sh, 0.002, 0.01, k, 0.0, None, 5.0).unwrap(),
            population_rate_smoothed(&sorted, 0.002, 0.01, k, 0.0, None, 5.0).unwrap()
        );
    }
    assert_eq!(
        complexity_histogram(&sh, 0.01, 0.0, t, false).unwrap(),
        complexity_histogram(&sorted, 0.01, 0.0, t, false).unwrap()
    );
    assert_eq!(
        complexity_pdf(&sh, 0.01, 0.0, t, true).unwrap(),
        complexity_pdf(&sorted, 0.01, 0.0, t, true).unwrap()
    );
    assert_eq!(
        synchronous_event_times(&sh, 0.01, 0.0, t, 2, true).unwrap(),
        synchronous_event_times(&sorted, 0.01, 0.0, t, 2, true).unwrap()
    );
    assert!(same_or_nan(
        synchrony_index(&sh, 0.01, 0.0, t).unwrap(),
        synchrony_index(&sorted, 0.01, 0.0, t).unwrap()
    ));
    assert!(same_or_nan(
        mean_pairwise_correlation(&sh, 0.01, 0.0, t, false).unwrap(),
        mean_pairwise_correlation(&sorted, 0.01, 0.0, t, false).unwrap()
    ));
    assert!(same_or_nan(
        population_fano_factor(&sh, 0.01, 0.0, t).unwrap(),
        population_fano_factor(&sorted, 0.01, 0.0, t).unwrap()
    ));
    assert_eq!(
        active_fraction(&sh, Some(0.5), Some(0.6)).unwrap(),
        active_fraction(&sorted, Some(0.5), Some(0.6)).unwrap()
    );
    assert!(same_or_nan(
        population_sparseness(&sh, 0.0, Some(0.3)).unwrap(),
        population_sparseness(&sorted, 0.0, Some(0.3)).unwrap()
    ));
    assert!(same_or_nan(
        participation_ratio(&sh, 0.01, 0.0, t).unwrap(),
        participation_ratio(&sorted, 0.01, 0.0, t).unwrap()
    ));
}

#[test]
fn pairwise_measures_do_not_depend_on_the_thread_count() {
    let trains: Vec<Vec<f64>> = (0..15).map(|k| train(k + 100, 60, 1.0)).collect();
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let run = || {
        (
            mean_pairwise_correlation(&trains, 0.01, 0.0, Some(1.0), false).unwrap(),
            participation_ratio(&trains, 0.01, 0.0, Some(1.0)).unwrap(),
        )
    };
    let one = pool(1).install(run);
    let three = pool(3).install(run);
    assert_eq!(one.0.to_bits(), three.0.to_bits());
    assert_eq!(one.1.to_bits(), three.1.to_bits());
    assert!(one.1 > 1.0 && one.1 <= 15.0);
}

// ------------------------------------------------------------------------ errors (G4, G5)

#[test]
fn non_finite_spikes_are_errors() {
    let bad = vec![vec![0.1], vec![0.2, f64::NAN]];
    let inf = vec![vec![f64::NEG_INFINITY]];
    let c = HistogramOutput::Counts;
    assert_eq!(
        err(time_histogram(&bad, 0.1, 0.0, None, c, false)),
        "time_histogram: trains[1][1] = NaN is out of range; valid range: a finite number"
    );
    assert!(
        err(population_rate(&inf, 0.1, 0.0, Some(1.0)))
            .contains("population_rate: trains[0][0] = -inf")
    );
    assert_eq!(
        err(psth(&bad, 0.1, 0.0, Some(1.0))),
        "psth: trials[1][1] = NaN is out of range; valid range: a finite number"
    );
    let g = SmoothingKernel::Gaussian;
    assert!(
        err(population_rate_smoothed(&bad, 0.01, 0.1, g, 0.0, None, 5.0))
            .contains("population_rate_smoothed: trains[1][1] = NaN")
    );
    assert!(
        err(complexity_histogram(&bad, 0.1, 0.0, None, true))
            .contains("complexity_histogram: trains[1][1]")
    );
    assert!(
        err(complexity_pdf(&inf, 0.1, 0.0, None, true))
            .contains("complexity_pdf: trains[0][0] = -inf")
    );
    assert!(
        err(synchronous_event_times(&bad, 0.1, 0.0, None, 2, true))
            .contains("synchronous_event_times: trains[1][1]")
    );
    assert!(err(synchrony_index(&bad, 0.1, 0.0, None)).contains("synchrony_index: trains[1][1]"));
    assert!(
        err(mean_pairwise_correlation(&bad, 0.1, 0.0, None, false))
            .contains("mean_pairwise_correlation: trains[1][1]")
    );
    assert!(
        err(population_fano_factor(&inf, 0.1, 0.0, None))
            .contains("population_fano_factor: trains[0][0]")
    );
    assert!(err(active_fraction(&bad, None, None)).contains("active_fraction: trains[1][1] = NaN"));
    assert!(
        err(population_sparseness(&bad, 0.0, None)).contains("population_sparseness: trains[1][1]")
    );
    assert!(
        err(participation_ratio(&inf, 0.1, 0.0, None))
            .contains("participation_ratio: trains[0][0]")
    );
}

#[test]
fn window_errors() {
    let empty = vec![vec![], vec![]];
    let t = docstring_trains();
    let c = HistogramOutput::Counts;
    assert_eq!(
        err(time_histogram(&empty, 0.1, 0.0, None, c, false)),
        "time_histogram: t_stop = None needs at least one spike to take the window's end from"
    );
    assert_eq!(
        err(population_rate(&t, 0.1, 5.0, Some(5.0))),
        "population_rate: t_stop = 5 is out of range; valid range: (t_start = 5, inf)"
    );
    assert!(err(psth(&t, 0.1, 10.0, None)).contains("psth: t_stop = 9.3 is out of range"));
    let g = SmoothingKernel::Gaussian;
    assert!(
        err(population_rate_smoothed(
            &empty, 0.01, 0.1, g, 0.0, None, 5.0
        ))
        .contains("t_stop = None needs")
    );
    assert!(
        err(population_rate_smoothed(
            &t,
            0.01,
            0.1,
            g,
            f64::INFINITY,
            None,
            5.0
        ))
        .contains("t_start = inf")
    );
    assert!(err(complexity_histogram(&t, 0.1, 0.0, Some(f64::NAN), true)).contains("t_stop = NaN"));
    assert!(
        err(synchrony_index(&empty, 0.1, 0.0, None)).contains("synchrony_index: t_stop = None")
    );
    assert!(
        err(population_sparseness(&empty, 0.0, None))
            .contains("population_sparseness: t_stop = None")
    );
    assert!(err(population_sparseness(&t, 1.0, Some(0.5))).contains("t_stop = 0.5"));
    assert_eq!(
        err(active_fraction(&t, Some(2.0), Some(1.0))),
        "active_fraction: t_stop = 1 is out of range; valid range: (t_start = 2, inf)"
    );
    assert!(
        err(active_fraction(&t, Some(f64::NAN), None)).contains("active_fraction: t_start = NaN")
    );
    assert!(err(active_fraction(&t, None, Some(f64::INFINITY))).contains("t_stop = inf"));
}

#[test]
fn invalid_parameters_are_errors() {
    let t = docstring_trains();
    assert_eq!(
        err(HistogramOutput::from_name("density")),
        "time_histogram: unknown output 'density'; known: counts, mean, rate"
    );
    assert_eq!(HistogramOutput::from_name("rate").unwrap().name(), "rate");
    assert_eq!(
        err(SmoothingKernel::from_name("box")),
        "population_rate_smoothed: unknown kernel 'box'; known: rectangular, triangular, \
         epanechnikov_like, gaussian, laplacian, exponential, alpha"
    );
    let c = HistogramOutput::Counts;
    assert_eq!(
        err(time_histogram(&t, 0.0, 0.0, None, c, false)),
        "time_histogram: bin_size = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(population_rate(&t, 20.0, 0.0, Some(10.0))),
        "population_rate: bin_size = 20 is out of range; valid range: (0, 10] (the window must hold at least one bin)"
    );
    assert!(err(psth(&t, -1.0, 0.0, None)).contains("psth: bin_size = -1"));
    assert!(err(complexity_histogram(&t, f64::NAN, 0.0, None, true)).contains("bin_size = NaN"));
    assert!(err(complexity_pdf(&t, 0.0, 0.0, None, true)).contains("complexity_pdf: bin_size = 0"));
    assert!(err(synchrony_index(&t, 0.0, 0.0, None)).contains("synchrony_index: bin_size = 0"));
    assert!(
        err(mean_pairwise_correlation(&t, 0.0, 0.0, None, true))
            .contains("mean_pairwise_correlation: bin_size = 0")
    );
    assert!(
        err(population_fano_factor(&t, 0.0, 0.0, None))
            .contains("population_fano_factor: bin_size = 0")
    );
    assert!(
        err(participation_ratio(&t, 0.0, 0.0, None)).contains("participation_ratio: bin_size = 0")
    );
    assert_eq!(
        err(synchronous_event_times(&t, 1.0, 0.0, None, -1, true)),
        "synchronous_event_times: min_complexity = -1 is out of range; valid range: [0, inf)"
    );
    let g = SmoothingKernel::Gaussian;
    assert_eq!(
        err(population_rate_smoothed(&t, 0.0, 0.1, g, 0.0, None, 5.0)),
        "population_rate_smoothed: sampling_period = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(population_rate_smoothed(&t, 0.01, -0.1, g, 0.0, None, 5.0)),
        "population_rate_smoothed: sigma = -0.1 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(population_rate_smoothed(
            &t,
            0.01,
            0.1,
            g,
            0.0,
            None,
            f64::NAN
        )),
        "population_rate_smoothed: cutoff = NaN is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(population_rate_smoothed(
            &t,
            20.0,
            0.1,
            g,
            0.0,
            Some(10.0),
            5.0
        )),
        "population_rate_smoothed: sampling_period = 20 is out of range; valid range: (0, 10] (the window must hold one sample)"
    );
}

#[test]
fn absurd_sizes_are_errors_not_aborts() {
    let t = docstring_trains();
    let g = SmoothingKernel::Gaussian;
    let e = err(population_rate_smoothed(
        &t,
        1e-300,
        0.1,
        g,
        0.0,
        Some(10.0),
        5.0,
    ));
    assert!(
        e.starts_with("population_rate_smoothed: cannot allocate"),
        "{e}"
    );
    let c = HistogramOutput::Counts;
    let e = err(time_histogram(&t, 1e-300, 0.0, Some(10.0), c, false));
    assert!(e.starts_with("time_histogram: cannot allocate"), "{e}");
    assert!(err(psth(&t, 1e-300, 0.0, Some(10.0))).starts_with("psth: cannot allocate"));
    // Pairwise measures keep the bins sparse and still work.
    let r = mean_pairwise_correlation(&t, 1e-12, 0.0, Some(10.0), false).unwrap();
    assert!(r.is_finite());
}
