//! Catalogue family 8, "Kernels & smoothing" (entries 101–109): the reference cases of
//! `reference/analysis/kernels.json` (Elephant 1.2.1 kernel classes, summed for
//! `kernel_density_rate`; a NumPy transcription for `exponential_trace`; regenerate with
//! `scripts/reference/analysis/kernels.py`), then the conventions: G3 order, G4 non-finite
//! input, parameter errors with their messages, the `Kernel` enum, and independence of the
//! thread count.

mod common;

use common::{Reference, close, err, num, nums};
use sc_neurocore_analysis as an;
use serde_json::Value;

// ------------------------------------------------------------------ reference data

fn data() -> Reference {
    Reference::load("kernels", Some("KERNELS_REFERENCE_JSON"))
}

/// `"@k"`: array k of the table.
fn train(v: &Value) -> Vec<f64> {
    data().train(v)
}

/// Runs every case of `name` through `f` and compares with `rtol`/`atol`; returns the count.
fn run(name: &str, rtol: f64, atol: f64, f: impl Fn(&Value) -> Vec<f64>) -> usize {
    let cases = data().cases(name);
    let mut worst = 0.0f64;
    for (k, case) in cases.iter().enumerate() {
        let args = &case["args"];
        let want = nums(&case["expected"]);
        let got = f(args);
        assert_eq!(
            got.len(),
            want.len(),
            "{name} case {k}: length; args {args}"
        );
        for (i, (&g, &w)) in got.iter().zip(&want).enumerate() {
            assert!(
                close(g, w, rtol, atol),
                "{name} case {k} [{i}]: got {g}, expected {w}; args {args}"
            );
            if w.is_finite() && w != 0.0 {
                worst = worst.max(((g - w) / w).abs());
            }
        }
    }
    eprintln!(
        "{name}: {} cases, max relative difference {worst:e}",
        cases.len()
    );
    cases.len()
}

/// Closed-form results (G11): rtol 1e-9, atol 0 (expected zeros must be exact zeros, e.g. at
/// the edge of the rectangular kernel).
const RTOL: f64 = 1e-9;

fn invert(a: &Value) -> bool {
    a["invert"].as_bool().unwrap_or(false)
}

// ------------------------------------------------------------------ reference cases

#[test]
fn kernels_match_elephant() {
    type K = fn(&[f64], f64) -> sc_neurocore_core::Result<Vec<f64>>;
    let symmetric: [(&str, K); 5] = [
        ("rectangular_kernel", an::rectangular_kernel),
        ("triangular_kernel", an::triangular_kernel),
        ("epanechnikov_like_kernel", an::epanechnikov_like_kernel),
        ("gaussian_kernel", an::gaussian_kernel),
        ("laplacian_kernel", an::laplacian_kernel),
    ];
    let mut n = 0;
    for (name, f) in symmetric {
        n += run(name, RTOL, 0.0, |a| {
            f(&train(&a["t"]), num(&a["sigma"])).unwrap()
        });
    }
    n += run("exponential_kernel", RTOL, 0.0, |a| {
        an::exponential_kernel(&train(&a["t"]), num(&a["sigma"]), invert(a)).unwrap()
    });
    n += run("alpha_kernel", RTOL, 0.0, |a| {
        an::alpha_kernel(&train(&a["t"]), num(&a["sigma"]), invert(a)).unwrap()
    });
    assert!(n >= 90, "{n}");
}

#[test]
fn kernel_density_rate_matches_summed_elephant_kernels() {
    // Sums of non-negative terms in a different order than NumPy: rtol 1e-9 (G11); exact
    // zeros where no spike is in reach.
    run("kernel_density_rate", RTOL, 0.0, |a| {
        let kernel = an::Kernel::from_name(a["kernel"].as_str().unwrap()).unwrap();
        an::kernel_density_rate(
            &train(&a["spikes"]),
            &train(&a["times"]),
            num(&a["sigma"]),
            kernel,
        )
        .unwrap()
    });
}

#[test]
fn exponential_trace_matches_the_formula() {
    // The recursion differs from the direct sum by a few ulp per spike (damped); values below
    // 1e-290 are near the subnormal range, where relative accuracy is not meaningful.
    run("exponential_trace", RTOL, 1e-290, |a| {
        an::exponential_trace(&train(&a["spikes"]), num(&a["tau"]), &train(&a["times"])).unwrap()
    });
}

// ------------------------------------------------------------------ the Kernel enum

#[test]
fn kernel_names_round_trip_and_unknown_names_are_errors() {
    for (k, name) in an::Kernel::ALL.iter().zip(an::Kernel::NAMES) {
        assert_eq!(k.name(), name);
        assert_eq!(an::Kernel::from_name(name).unwrap(), *k);
    }
    assert_eq!(
        an::Kernel::from_name("box").unwrap_err().to_string(),
        "kernel: unknown kernel 'box'; known: rectangular, triangular, epanechnikov_like, \
         gaussian, laplacian, exponential, alpha"
    );
    assert_eq!(
        an::Kernel::parse("kernel_density_rate", "Gaussian")
            .unwrap_err()
            .to_string(),
        "kernel_density_rate: unknown kernel 'Gaussian'; known: rectangular, triangular, \
         epanechnikov_like, gaussian, laplacian, exponential, alpha"
    );
}

#[test]
fn kernels_are_densities_with_standard_deviation_sigma() {
    // Midpoint rule on a fine grid (h = 2e-6 s) over ±40σ: the jumps of the rectangular
    // kernel cost up to h·max K ≈ 3e-5 of mass each, the tails beyond 40σ < 1e-15.
    let sigma = 0.02;
    let h = sigma * 1e-4;
    let t: Vec<f64> = (-400_000..400_000).map(|k| (k as f64 + 0.5) * h).collect();
    for k in an::Kernel::ALL {
        let v = an::kernel_density_rate(&[0.0], &t, sigma, k).unwrap();
        let mass: f64 = v.iter().sum::<f64>() * h;
        let mean: f64 = v.iter().zip(&t).map(|(p, x)| p * x).sum::<f64>() * h;
        let var: f64 = v
            .iter()
            .zip(&t)
            .map(|(p, x)| p * (x - mean) * (x - mean))
            .sum::<f64>()
            * h;
        assert!((mass - 1.0).abs() < 1e-4, "{k:?}: mass {mass}");
        assert!(
            (var.sqrt() / sigma - 1.0).abs() < 1e-4,
            "{k:?}: sd {}",
            var.sqrt()
        );
        if k.is_symmetric() {
            assert!(mean.abs() < 1e-12, "{k:?}: mean {mean}");
        }
    }
}

#[test]
fn inverted_kernels_are_mirrored() {
    let t = [-0.3, -0.01, 0.0, 0.02, 0.4];
    let m: Vec<f64> = t.iter().map(|x| -x).collect();
    assert_eq!(
        an::exponential_kernel(&t, 0.1, true).unwrap(),
        an::exponential_kernel(&m, 0.1, false).unwrap()
    );
    assert_eq!(
        an::alpha_kernel(&t, 0.1, true).unwrap(),
        an::alpha_kernel(&m, 0.1, false).unwrap()
    );
    // Exactly at the edges: rectangular is 0 at |t| = τ, exponential is 1/τ at 0.
    let tau = 3f64.sqrt() * 0.1;
    assert_eq!(
        an::rectangular_kernel(&[tau, -tau, 0.0], 0.1).unwrap(),
        vec![0.0, 0.0, 1.0 / (2.0 * tau)]
    );
    assert_eq!(
        an::exponential_kernel(&[0.0, -1e-12], 0.5, false).unwrap(),
        vec![2.0, 0.0]
    );
    assert_eq!(
        an::exponential_kernel(&[0.0, 1e-12], 0.5, true).unwrap(),
        vec![2.0, 0.0]
    );
}

#[test]
fn exponential_trace_jumps_by_one_at_each_spike() {
    let x = [0.1, 0.3, 0.3];
    let v = an::exponential_trace(&x, 0.1, &[0.0, 0.1, 0.2, 0.3, 0.4]).unwrap();
    let e = (-1f64).exp();
    let want = [0.0, 1.0, e, 2.0 + (-2f64).exp(), (2.0 + (-2f64).exp()) * e];
    for (g, w) in v.iter().zip(want) {
        assert!((g - w).abs() < 1e-14, "{v:?}");
    }
    assert!(
        an::exponential_trace(&[], 0.1, &[0.5])
            .unwrap()
            .iter()
            .all(|&v| v == 0.0)
    );
}

// ------------------------------------------------------------------ G3, threads

#[test]
fn shuffled_input_gives_exactly_the_sorted_answer() {
    let shuffled = [0.61, 0.05, 0.33, 0.9, 0.33, 0.12, 0.48];
    let mut sorted = shuffled.to_vec();
    sorted.sort_by(f64::total_cmp);
    let times: Vec<f64> = (0..50).map(|k| k as f64 * 0.02).collect();
    for k in an::Kernel::ALL {
        assert_eq!(
            an::kernel_density_rate(&shuffled, &times, 0.03, k).unwrap(),
            an::kernel_density_rate(&sorted, &times, 0.03, k).unwrap(),
            "{k:?}"
        );
    }
    assert_eq!(
        an::exponential_trace(&shuffled, 0.05, &times).unwrap(),
        an::exponential_trace(&sorted, 0.05, &times).unwrap()
    );
    // Times in any order: each output belongs to its time.
    let rev: Vec<f64> = times.iter().rev().copied().collect();
    let mut back = an::exponential_trace(&sorted, 0.05, &rev).unwrap();
    back.reverse();
    assert_eq!(back, an::exponential_trace(&sorted, 0.05, &times).unwrap());
}

#[test]
fn kernel_density_rate_does_not_depend_on_the_thread_count() {
    let spikes: Vec<f64> = (0..500).map(|k| (k as f64 * 0.618_034) % 10.0).collect();
    let times: Vec<f64> = (0..3000).map(|k| k as f64 * 0.0035).collect();
    let at = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                an::kernel_density_rate(&spikes, &times, 0.01, an::Kernel::Gaussian).unwrap()
            })
    };
    let one: Vec<u64> = at(1).iter().map(|v| v.to_bits()).collect();
    let three: Vec<u64> = at(3).iter().map(|v| v.to_bits()).collect();
    assert_eq!(one, three);
}

// ------------------------------------------------------------------ errors

#[test]
fn invalid_arguments_are_errors_naming_function_argument_and_range() {
    let pos = "is out of range; valid range: (0, inf)";
    let fin = "is out of range; valid range: a finite number";
    assert_eq!(
        err(an::rectangular_kernel(&[0.0], 0.0)),
        format!("rectangular_kernel: sigma = 0 {pos}")
    );
    assert_eq!(
        err(an::triangular_kernel(&[0.0], -1.0)),
        format!("triangular_kernel: sigma = -1 {pos}")
    );
    assert_eq!(
        err(an::epanechnikov_like_kernel(&[0.0], f64::NAN)),
        format!("epanechnikov_like_kernel: sigma = NaN {pos}")
    );
    assert_eq!(
        err(an::gaussian_kernel(&[0.0], f64::INFINITY)),
        format!("gaussian_kernel: sigma = inf {pos}")
    );
    assert_eq!(
        err(an::laplacian_kernel(&[0.0, f64::NAN], 1.0)),
        format!("laplacian_kernel: t[1] = NaN {fin}")
    );
    assert_eq!(
        err(an::exponential_kernel(&[f64::INFINITY], 1.0, false)),
        format!("exponential_kernel: t[0] = inf {fin}")
    );
    assert_eq!(
        err(an::alpha_kernel(&[0.0], 0.0, true)),
        format!("alpha_kernel: sigma = 0 {pos}")
    );
    assert_eq!(
        err(an::kernel_density_rate(
            &[0.1, f64::NAN],
            &[0.0],
            0.1,
            an::Kernel::Gaussian
        )),
        format!("kernel_density_rate: spikes[1] = NaN {fin}")
    );
    assert_eq!(
        err(an::kernel_density_rate(
            &[0.1],
            &[f64::NEG_INFINITY],
            0.1,
            an::Kernel::Alpha
        )),
        format!("kernel_density_rate: times[0] = -inf {fin}")
    );
    assert_eq!(
        err(an::kernel_density_rate(
            &[0.1],
            &[0.0],
            -0.1,
            an::Kernel::Alpha
        )),
        format!("kernel_density_rate: sigma = -0.1 {pos}")
    );
    assert_eq!(
        err(an::exponential_trace(&[0.1], 0.0, &[0.0])),
        format!("exponential_trace: tau = 0 {pos}")
    );
    assert_eq!(
        err(an::exponential_trace(&[f64::INFINITY], 1.0, &[0.0])),
        format!("exponential_trace: spikes[0] = inf {fin}")
    );
    assert_eq!(
        err(an::exponential_trace(&[0.1], 1.0, &[f64::NAN])),
        format!("exponential_trace: times[0] = NaN {fin}")
    );
}
