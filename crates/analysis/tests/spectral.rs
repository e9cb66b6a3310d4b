//! Catalogue family 4, "Spectral" (entries 64–69): the reference cases of
//! `reference/analysis/spectral.json` (Elephant 1.2.1 `welch_psd`, `welch_coherence`,
//! `multitaper_psd`, `multitaper_coherence`; SciPy `periodogram` and `csd`; regenerate with
//! `scripts/reference/analysis/spectral.py`), then the conventions: G3 order, G4 non-finite
//! input, windows, parameter errors with their messages, the empty-train values, and
//! Parseval-type sanity checks.
//!
//! Tolerances (G11, FFT-based): spectra rtol 1e-7 with atol 1e-10 × the largest expected
//! value of the case (FFT rounding is relative to the whole spectrum, not to each bin);
//! Welch coherence rtol 1e-7 and phase 1e-7 rad. Elephant averages the multitaper
//! cross-spectra in complex64 (rounding ~6e-8 per value), so the multitaper coherence gets
//! rtol 1e-5 and its phase 1e-4 rad.

mod common;

use common::{Reference, angle_diff, close, err, num, nums, opt, opts};
use sc_neurocore_analysis as an;
use serde_json::Value;

// ------------------------------------------------------------------ reference data

fn data() -> Reference {
    Reference::load("spectral", Some("SPECTRAL_REFERENCE_JSON"))
}

/// `"@k"`: train k of the table.
fn train(v: &Value) -> Vec<f64> {
    data().train(v)
}

fn window(a: &Value) -> an::SpectralWindow {
    an::SpectralWindow::from_name(a["window"].as_str().unwrap()).unwrap()
}

/// How two arrays are compared.
#[derive(Clone, Copy)]
enum Cmp {
    /// `|g − w| <= rtol·|w| + atol_rel·max|w|`.
    Values { rtol: f64, atol_rel: f64 },
    /// Angles: the wrapped difference within `atol`.
    Angles { atol: f64 },
}

/// Compares `got` with the expected array `want` (nulls skipped); returns the worst error.
fn compare(name: &str, k: usize, what: &str, got: &[f64], want: &Value, cmp: Cmp) -> f64 {
    let want = opts(want);
    assert_eq!(got.len(), want.len(), "{name} case {k}: {what} length");
    let scale = want
        .iter()
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let mut worst = 0.0f64;
    for (i, (&g, w)) in got.iter().zip(&want).enumerate() {
        let Some(w) = *w else { continue };
        if w.is_nan() {
            assert!(
                g.is_nan(),
                "{name} case {k}: {what}[{i}] = {g}, expected NaN"
            );
            continue;
        }
        let (err, ok) = match cmp {
            Cmp::Values { rtol, atol_rel } => {
                let e = (g - w).abs();
                (
                    e / scale.max(f64::MIN_POSITIVE),
                    close(g, w, rtol, atol_rel * scale),
                )
            }
            Cmp::Angles { atol } => {
                let e = angle_diff(g, w);
                (e, e <= atol)
            }
        };
        assert!(ok, "{name} case {k}: {what}[{i}] = {g}, expected {w}");
        worst = worst.max(err);
    }
    worst
}

/// Checks the frequencies: `n` values `k·df` (and the stored array, when present).
fn check_freqs(name: &str, k: usize, freqs: &[f64], exp: &Value) {
    let n = exp["n"].as_u64().unwrap() as usize;
    let df = num(&exp["df"]);
    assert_eq!(freqs.len(), n, "{name} case {k}: number of frequencies");
    for (i, &f) in freqs.iter().enumerate() {
        assert!(
            (f - i as f64 * df).abs() <= 1e-9 * f.abs().max(df),
            "{name} case {k}: freqs[{i}] = {f}"
        );
    }
    if !exp["freqs"].is_null() {
        compare(
            name,
            k,
            "freqs",
            freqs,
            &exp["freqs"],
            Cmp::Values {
                rtol: 1e-9,
                atol_rel: 0.0,
            },
        );
    }
}

const SPECTRUM: Cmp = Cmp::Values {
    rtol: 1e-7,
    atol_rel: 1e-10,
};

// ------------------------------------------------------------------ reference cases

#[test]
fn welch_psd_matches_elephant() {
    let mut worst = 0.0f64;
    for (k, c) in data().cases("spike_train_psd").iter().enumerate() {
        let a = &c["args"];
        let (f, p) = an::spike_train_psd(
            &train(&a["spikes"]),
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            a["n_segments"].as_u64().unwrap() as usize,
            num(&a["overlap"]),
            window(a),
        )
        .unwrap();
        check_freqs("spike_train_psd", k, &f, &c["expected"]);
        worst = worst.max(compare(
            "spike_train_psd",
            k,
            "psd",
            &p,
            &c["expected"]["psd"],
            SPECTRUM,
        ));
    }
    eprintln!("spike_train_psd: worst error / max = {worst:e}");
}

#[test]
fn periodogram_matches_scipy() {
    let mut worst = 0.0f64;
    for (k, c) in data().cases("spike_train_periodogram").iter().enumerate() {
        let a = &c["args"];
        let (f, p) = an::spike_train_periodogram(
            &train(&a["spikes"]),
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            window(a),
        )
        .unwrap();
        check_freqs("spike_train_periodogram", k, &f, &c["expected"]);
        worst = worst.max(compare(
            "spike_train_periodogram",
            k,
            "psd",
            &p,
            &c["expected"]["psd"],
            SPECTRUM,
        ));
    }
    eprintln!("spike_train_periodogram: worst error / max = {worst:e}");
}

type Pair = (Vec<f64>, Vec<f64>);

fn pair(a: &Value) -> Pair {
    (train(&a["spikes_a"]), train(&a["spikes_b"]))
}

#[test]
fn welch_coherence_matches_elephant() {
    let (mut wc, mut wp) = (0.0f64, 0.0f64);
    for (k, c) in data().cases("spike_train_coherence").iter().enumerate() {
        let a = &c["args"];
        let (x, y) = pair(a);
        let (f, coh, ph) = an::spike_train_coherence(
            &x,
            &y,
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            a["n_segments"].as_u64().unwrap() as usize,
            num(&a["overlap"]),
            window(a),
        )
        .unwrap();
        let e = &c["expected"];
        check_freqs("spike_train_coherence", k, &f, e);
        let cmp = Cmp::Values {
            rtol: 1e-7,
            atol_rel: 0.0,
        };
        wc = wc.max(compare(
            "spike_train_coherence",
            k,
            "coherence",
            &coh,
            &e["coherence"],
            cmp,
        ));
        wp = wp.max(compare(
            "spike_train_coherence",
            k,
            "phase_lag",
            &ph,
            &e["phase_lag"],
            Cmp::Angles { atol: 1e-7 },
        ));
    }
    eprintln!("spike_train_coherence: worst coherence {wc:e}, phase {wp:e}");
}

#[test]
fn csd_matches_scipy() {
    for (k, c) in data().cases("spike_train_csd").iter().enumerate() {
        let a = &c["args"];
        let (x, y) = pair(a);
        let (f, s) = an::spike_train_csd(
            &x,
            &y,
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            a["n_segments"].as_u64().unwrap() as usize,
            num(&a["overlap"]),
            window(a),
        )
        .unwrap();
        let e = &c["expected"];
        check_freqs("spike_train_csd", k, &f, e);
        // Real and imaginary parts share the scale of the largest |Pxy|.
        let re: Vec<f64> = s.iter().map(|z| z.re).collect();
        let im: Vec<f64> = s.iter().map(|z| z.im).collect();
        let scale = s.iter().fold(0.0f64, |m, z| m.max(z.norm()));
        for (what, got, want) in [("re", &re, &e["re"]), ("im", &im, &e["im"])] {
            let w = nums(want);
            for (i, (g, w)) in got.iter().zip(&w).enumerate() {
                assert!(
                    (g - w).abs() <= 1e-7 * w.abs() + 1e-10 * scale,
                    "spike_train_csd case {k}: {what}[{i}] = {g}, expected {w}"
                );
            }
        }
    }
}

#[test]
fn multitaper_psd_matches_elephant() {
    let mut worst = 0.0f64;
    for (k, c) in data().cases("multitaper_psd").iter().enumerate() {
        let a = &c["args"];
        let (f, p) = an::multitaper_psd(
            &train(&a["spikes"]),
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            num(&a["nw"]),
            a["num_tapers"].as_u64().map(|v| v as usize),
        )
        .unwrap();
        check_freqs("multitaper_psd", k, &f, &c["expected"]);
        worst = worst.max(compare(
            "multitaper_psd",
            k,
            "psd",
            &p,
            &c["expected"]["psd"],
            SPECTRUM,
        ));
    }
    eprintln!("multitaper_psd: worst error / max = {worst:e}");
}

#[test]
fn multitaper_coherence_matches_elephant() {
    let (mut wc, mut wp) = (0.0f64, 0.0f64);
    for (k, c) in data().cases("multitaper_coherence").iter().enumerate() {
        let a = &c["args"];
        let (x, y) = pair(a);
        let (f, coh, ph) = an::multitaper_coherence(
            &x,
            &y,
            num(&a["bin_size"]),
            num(&a["t_start"]),
            opt(&a["t_stop"]),
            num(&a["nw"]),
            a["num_tapers"].as_u64().map(|v| v as usize),
        )
        .unwrap();
        let e = &c["expected"];
        check_freqs("multitaper_coherence", k, &f, e);
        let cmp = Cmp::Values {
            rtol: 1e-5,
            atol_rel: 0.0,
        };
        wc = wc.max(compare(
            "multitaper_coherence",
            k,
            "coherence",
            &coh,
            &e["coherence"],
            cmp,
        ));
        wp = wp.max(compare(
            "multitaper_coherence",
            k,
            "phase_lag",
            &ph,
            &e["phase_lag"],
            Cmp::Angles { atol: 1e-4 },
        ));
    }
    eprintln!("multitaper_coherence: worst coherence {wc:e}, phase {wp:e}");
}

// ------------------------------------------------------------------ properties

fn train_a() -> Vec<f64> {
    (0..300)
        .map(|k| (k as f64 * 0.618_034 * 7.0) % 3.0)
        .collect()
}

#[test]
fn shuffled_input_gives_exactly_the_sorted_answer() {
    let x = train_a();
    let mut s = x.clone();
    s.sort_by(f64::total_cmp);
    let y: Vec<f64> = s.iter().map(|t| (t + 0.013) % 3.0).collect();
    let hann = an::SpectralWindow::Hann;
    assert_eq!(
        an::spike_train_psd(&x, 0.01, 0.0, Some(3.0), 8, 0.5, hann).unwrap(),
        an::spike_train_psd(&s, 0.01, 0.0, Some(3.0), 8, 0.5, hann).unwrap()
    );
    assert_eq!(
        an::multitaper_psd(&x, 0.01, 0.0, Some(3.0), 4.0, None).unwrap(),
        an::multitaper_psd(&s, 0.01, 0.0, Some(3.0), 4.0, None).unwrap()
    );
    let a = an::spike_train_coherence(&x, &y, 0.01, 0.0, Some(3.0), 8, 0.5, hann).unwrap();
    let b = an::spike_train_coherence(&s, &y, 0.01, 0.0, Some(3.0), 8, 0.5, hann).unwrap();
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn periodogram_obeys_parseval_and_empty_trains_give_zero_psd() {
    // Boxcar periodogram: Σ psd·df = var(r) (one-sided, DC removed), exactly up to rounding.
    let x = train_a();
    let bs = 0.01;
    let (f, p) =
        an::spike_train_periodogram(&x, bs, 0.0, Some(3.0), an::SpectralWindow::Boxcar).unwrap();
    let counts = an::binned_spike_counts(&x, bs, 0.0, Some(3.0)).unwrap();
    let r: Vec<f64> = counts.iter().map(|&c| c as f64 / bs).collect();
    let mean = r.iter().sum::<f64>() / r.len() as f64;
    let var = r.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / r.len() as f64;
    let df = f[1] - f[0];
    let total: f64 = p.iter().sum::<f64>() * df;
    assert!((total - var).abs() < 1e-9 * var, "{total} vs {var}");
    // Empty train: zero PSD, NaN coherence (spec).
    let (_, p) =
        an::spike_train_psd(&[], 0.01, 0.0, Some(1.0), 4, 0.5, an::SpectralWindow::Hann).unwrap();
    assert!(p.iter().all(|&v| v == 0.0));
    let (_, p) = an::multitaper_psd(&[], 0.01, 0.0, Some(1.0), 4.0, None).unwrap();
    assert!(p.iter().all(|&v| v == 0.0));
    let (_, c, _) = an::spike_train_coherence(
        &x,
        &[],
        0.01,
        0.0,
        Some(3.0),
        4,
        0.5,
        an::SpectralWindow::Hann,
    )
    .unwrap();
    assert!(c.iter().all(|v| v.is_nan()));
    let (_, c, _) = an::multitaper_coherence(&[], &x, 0.01, 0.0, Some(3.0), 4.0, None).unwrap();
    assert!(c.iter().all(|v| v.is_nan()));
}

#[test]
fn identical_trains_are_fully_coherent_in_phase() {
    let x = train_a();
    let (_, c, ph) = an::spike_train_coherence(
        &x,
        &x,
        0.01,
        0.0,
        Some(3.0),
        6,
        0.5,
        an::SpectralWindow::Hann,
    )
    .unwrap();
    for (v, p) in c.iter().zip(&ph).skip(1) {
        assert!((v - 1.0).abs() < 1e-12 && p.abs() < 1e-12, "{v} {p}");
    }
    let (_, c, ph) = an::multitaper_coherence(&x, &x, 0.01, 0.0, Some(3.0), 3.0, None).unwrap();
    for (v, p) in c.iter().zip(&ph) {
        assert!((v - 1.0).abs() < 1e-12 && p.abs() < 1e-12, "{v} {p}");
    }
}

// ------------------------------------------------------------------ errors

#[test]
fn invalid_arguments_are_errors_naming_function_argument_and_range() {
    let x = [0.1, 0.5, 0.9];
    let hann = an::SpectralWindow::Hann;
    assert_eq!(
        err(an::SpectralWindow::from_name("hanning")),
        "window: unknown window 'hanning'; known: boxcar, hann, hamming, blackman, bartlett, \
         flattop"
    );
    assert_eq!(
        err(an::spike_train_psd(
            &[f64::NAN],
            0.1,
            0.0,
            Some(1.0),
            2,
            0.5,
            hann
        )),
        "spike_train_psd: spikes[0] = NaN is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(an::spike_train_psd(&x, 0.0, 0.0, Some(1.0), 2, 0.5, hann)),
        "spike_train_psd: bin_size = 0 is out of range; valid range: (0, inf)"
    );
    assert_eq!(
        err(an::spike_train_psd(&x, 0.1, 0.0, Some(1.0), 2, 1.0, hann)),
        "spike_train_psd: overlap = 1 is out of range; valid range: [0, 1)"
    );
    assert_eq!(
        err(an::spike_train_psd(&x, 0.1, 0.0, Some(1.0), 11, 0.5, hann)),
        "spike_train_psd: n_segments = 11 is out of range; valid range: [1, 10] (at most the \
         number of bins)"
    );
    assert_eq!(
        err(an::spike_train_psd(&[], 0.1, 0.0, None, 2, 0.5, hann)),
        "spike_train_psd: t_stop = None needs at least one spike to take the window's end from"
    );
    assert_eq!(
        err(an::spike_train_periodogram(&x, 0.1, 1.0, Some(0.5), hann)),
        "spike_train_periodogram: t_stop = 0.5 is out of range; valid range: (t_start = 1, inf)"
    );
    assert_eq!(
        err(an::spike_train_coherence(
            &x,
            &[f64::INFINITY],
            0.1,
            0.0,
            None,
            2,
            0.5,
            hann
        )),
        "spike_train_coherence: spikes_b[0] = inf is out of range; valid range: a finite number"
    );
    assert_eq!(
        err(an::spike_train_csd(
            &x,
            &x,
            0.1,
            0.0,
            Some(1.0),
            0,
            0.5,
            hann
        )),
        "spike_train_csd: n_segments = 0 is out of range; valid range: [1, 10] (at most the \
         number of bins)"
    );
    assert_eq!(
        err(an::multitaper_psd(&x, 0.1, 0.0, Some(1.0), 5.0, None)),
        "multitaper_psd: nw = 5 is out of range; valid range: (0, n_bins/2 = 5)"
    );
    assert_eq!(
        err(an::multitaper_psd(&x, 0.1, 0.0, Some(1.0), 0.7, None)),
        "multitaper_psd: nw = 0.7 is out of range; valid range: [1, n_bins/2) when \
         num_tapers = None (floor(2 nw) - 1 tapers)"
    );
    assert_eq!(
        err(an::multitaper_coherence(
            &x,
            &x,
            0.1,
            0.0,
            Some(1.0),
            2.0,
            Some(0)
        )),
        "multitaper_coherence: num_tapers = 0 is out of range; valid range: [1, n_bins = 10]"
    );
    assert_eq!(
        err(an::multitaper_coherence(
            &x,
            &x,
            0.1,
            0.0,
            Some(1.0),
            f64::NAN,
            None
        )),
        "multitaper_coherence: nw = NaN is out of range; valid range: (0, n_bins/2 = 5)"
    );
}
