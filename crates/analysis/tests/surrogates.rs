//! Catalogue family 6, "Surrogates & generators" (entries 83–92), checked by properties (the
//! PROPERTY entries of the spec): the invariants each surrogate preserves, exactly or to
//! 1e-9, and the distributions, with tolerances of at least 5 standard errors (stated at each
//! check), so that a correct implementation passes for essentially every seed. Every function
//! is also checked for G9 determinism (same seed → same bits, seed + 1 → different, any
//! thread count), for `seed = None`, and for its parameter errors.

mod common;

use common::err;
use sc_neurocore_analysis as an;

type Surr = Vec<Vec<f64>>;

/// A stochastic function as `seed -> its surrogates (flattened)`.
type Generator = Box<dyn Fn(Option<u64>) -> Surr + Sync>;

/// A deterministic "Poisson-like" train: n sorted uniform points in [a, b) (SplitMix64).
fn uniform_train(seed: u64, n: usize, a: f64, b: f64) -> Vec<f64> {
    let mut s = seed;
    let mut next = || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut x: Vec<f64> = (0..n).map(|_| a + (b - a) * next()).collect();
    x.sort_by(f64::total_cmp);
    x
}

fn is_sorted(x: &[f64]) -> bool {
    x.windows(2).all(|w| w[0] <= w[1])
}

fn mean_sd(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    let v = x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / n;
    (m, v.sqrt())
}

fn cv_of_isis(x: &[f64]) -> f64 {
    let isi: Vec<f64> = x.windows(2).map(|w| w[1] - w[0]).collect();
    let (m, s) = mean_sd(&isi);
    s / m
}

fn bits(s: &[Vec<f64>]) -> Vec<Vec<u64>> {
    s.iter()
        .map(|t| t.iter().map(|v| v.to_bits()).collect())
        .collect()
}

// ------------------------------------------------------------------ G9: determinism

/// Every stochastic function as `seed -> flattened output`.
fn all_functions() -> Vec<(&'static str, Generator)> {
    let x = uniform_train(1, 200, 0.0, 10.0);
    let x1 = x.clone();
    let x2 = x.clone();
    let x3 = x.clone();
    let x4 = x.clone();
    let x5 = x.clone();
    let x6 = x.clone();
    let trials = vec![x.clone(), uniform_train(2, 50, 0.0, 10.0)];
    let rate: Vec<f64> = (0..100).map(|k| 10.0 + k as f64).collect();
    vec![
        (
            "dither_spikes",
            Box::new(move |s| an::dither_spikes(&x1, 0.05, 0.0, 10.0, 3, true, s).unwrap()),
        ),
        (
            "dither_spike_train",
            Box::new(move |s| an::dither_spike_train(&x2, 0.5, 0.0, 10.0, 3, true, s).unwrap()),
        ),
        (
            "randomise_spikes",
            Box::new(move |s| an::randomise_spikes(&x3, 0.0, 10.0, 3, s).unwrap()),
        ),
        (
            "shuffle_isis",
            Box::new(move |s| an::shuffle_isis(&x4, 0.0, 10.0, 3, s).unwrap()),
        ),
        (
            "poisson_process",
            Box::new(|s| vec![an::poisson_process(30.0, 0.0, 10.0, 0.002, s).unwrap()]),
        ),
        (
            "gamma_process",
            Box::new(|s| vec![an::gamma_process(30.0, 3.0, 0.0, 10.0, s).unwrap()]),
        ),
        (
            "inhomogeneous_poisson_process",
            Box::new(move |s| vec![an::inhomogeneous_poisson_process(&rate, 0.1, 0.0, s).unwrap()]),
        ),
        (
            "jitter_spikes",
            Box::new(move |s| an::jitter_spikes(&x5, 0.1, 0.0, 10.0, 3, s).unwrap()),
        ),
        (
            "bin_shuffling",
            Box::new(move |s| an::bin_shuffling(&x6, 0.1, 3, 0.0, 10.0, 3, s).unwrap()),
        ),
        (
            "trial_shifting",
            Box::new(move |s| {
                an::trial_shifting(&trials, 0.5, 0.0, 10.0, 3, s)
                    .unwrap()
                    .into_iter()
                    .flatten()
                    .collect()
            }),
        ),
    ]
}

#[test]
fn same_seed_same_bits_other_seed_other_result_any_thread_count() {
    let pool = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let (one, four) = (pool(1), pool(4));
    for (name, f) in all_functions() {
        let a = one.install(|| f(Some(42)));
        let b = four.install(|| f(Some(42)));
        let c = f(Some(43));
        assert!(a.iter().map(Vec::len).sum::<usize>() > 0, "{name}: empty");
        assert_eq!(bits(&a), bits(&b), "{name}: not reproducible");
        assert_ne!(bits(&a), bits(&c), "{name}: seed + 1 gives the same result");
        // Surrogates of one call differ from each other.
        if a.len() > 1 {
            assert_ne!(
                bits(&a[..1]),
                bits(&a[1..2]),
                "{name}: identical surrogates"
            );
        }
        // seed = None: OS entropy, so two calls differ (2^-64 collision odds).
        assert_ne!(bits(&f(None)), bits(&f(None)), "{name}: None is not random");
    }
}

#[test]
fn every_surrogate_is_sorted_and_n_surrogates_is_honoured() {
    let x = uniform_train(3, 100, 0.0, 5.0);
    for n in [0, 1, 5] {
        let all = [
            an::dither_spikes(&x, 0.1, 0.0, 5.0, n, false, Some(1)).unwrap(),
            an::dither_spike_train(&x, 0.1, 0.0, 5.0, n, false, Some(1)).unwrap(),
            an::randomise_spikes(&x, 0.0, 5.0, n, Some(1)).unwrap(),
            an::shuffle_isis(&x, 0.0, 5.0, n, Some(1)).unwrap(),
            an::jitter_spikes(&x, 0.2, 0.0, 5.0, n, Some(1)).unwrap(),
            an::bin_shuffling(&x, 0.2, 2, 0.0, 5.0, n, Some(1)).unwrap(),
        ];
        for s in &all {
            assert_eq!(s.len(), n);
            assert!(s.iter().all(|t| is_sorted(t)));
        }
        assert_eq!(
            an::trial_shifting(&[&x[..]], 0.1, 0.0, 5.0, n, Some(1))
                .unwrap()
                .len(),
            n
        );
    }
}

// ------------------------------------------------------------------ 83 dither_spikes

#[test]
fn dither_spikes_moves_each_spike_by_at_most_dither() {
    let x = uniform_train(4, 500, 0.0, 10.0);
    let d = 0.05;
    // edges = false: clipped, count kept, within d of the original after sorting (sorting is
    // a contraction in the max norm, clipping too).
    for s in an::dither_spikes(&x, d, 0.0, 10.0, 20, false, Some(5)).unwrap() {
        assert_eq!(s.len(), x.len());
        assert!(s.iter().all(|&t| (0.0..=10.0).contains(&t)));
        assert!(s.iter().zip(&x).all(|(a, b)| (a - b).abs() <= d));
    }
    // edges = true: inside the open window, count <= n, and the check applies when kept.
    let mut kept_all = 0;
    for s in an::dither_spikes(&x, d, 0.0, 10.0, 50, true, Some(6)).unwrap() {
        assert!(s.len() <= x.len());
        assert!(s.iter().all(|&t| 0.0 < t && t < 10.0));
        if s.len() == x.len() {
            kept_all += 1;
            assert!(s.iter().zip(&x).all(|(a, b)| (a - b).abs() <= d));
        }
    }
    assert!(kept_all > 0, "no surrogate kept every spike");
    // Spikes outside the window are ignored first.
    let y = [-1.0, 0.5, 0.7, 12.0];
    for s in an::dither_spikes(&y, 0.01, 0.0, 10.0, 5, false, Some(1)).unwrap() {
        assert_eq!(s.len(), 2);
    }
}

#[test]
fn dither_displacements_are_uniform() {
    // Spikes 1 s apart, dither 0.1: no reordering, so s[i] − x[i] is the displacement.
    // U(−d, d): mean 0 (SE d/√(3n)), variance d²/3 (SE of the variance d²·√(4/(45 n))).
    let x: Vec<f64> = (0..2000).map(|k| 0.5 + k as f64).collect();
    let d = 0.1;
    let s = an::dither_spikes(&x, d, 0.0, 2000.0, 10, false, Some(9)).unwrap();
    let disp: Vec<f64> = s
        .iter()
        .flat_map(|t| t.iter().zip(&x).map(|(a, b)| a - b))
        .collect();
    let n = disp.len() as f64;
    let (m, sd) = mean_sd(&disp);
    assert!(m.abs() < 5.0 * d / (3.0 * n).sqrt(), "mean {m}");
    let var = sd * sd;
    assert!(
        (var - d * d / 3.0).abs() < 5.0 * d * d * (4.0 / (45.0 * n)).sqrt(),
        "var {var}"
    );
    assert!(disp.iter().all(|v| v.abs() <= d));
}

// ------------------------------------------------------------------ 84 dither_spike_train

/// The shift c and first index j with `s[i] = x[j + i] + c` (to 1e-12), if any.
fn rigid_shift(x: &[f64], s: &[f64], max: f64) -> Option<(usize, f64)> {
    if s.is_empty() {
        return Some((0, 0.0));
    }
    (0..x.len()).find_map(|j| {
        let c = s[0] - x[j];
        let fits = c.abs() <= max + 1e-12
            && j + s.len() <= x.len()
            && s.iter()
                .zip(&x[j..])
                .all(|(a, b)| (a - b - c).abs() <= 1e-12);
        fits.then_some((j, c))
    })
}

#[test]
fn dither_spike_train_is_a_rigid_shift_of_a_contiguous_run() {
    let x = uniform_train(7, 300, 0.0, 10.0);
    let shift = 1.5;
    let mut shifts = Vec::new();
    for s in an::dither_spike_train(&x, shift, 0.0, 10.0, 400, true, Some(3)).unwrap() {
        let (_, c) = rigid_shift(&x, &s, shift).expect("a rigid shift of a run");
        assert!(s.iter().all(|&t| (0.0..10.0).contains(&t)));
        shifts.push(c);
    }
    // c ~ U(−shift, shift): mean 0 within 5 SE (SE = shift/√(3n)).
    let (m, _) = mean_sd(&shifts);
    assert!(
        m.abs() < 5.0 * shift / (3.0 * shifts.len() as f64).sqrt(),
        "{m}"
    );
    // edges = false: clipped, count kept; the unclipped part is the rigid shift.
    for s in an::dither_spike_train(&x, shift, 0.0, 10.0, 50, false, Some(4)).unwrap() {
        assert_eq!(s.len(), x.len());
        assert!(s.iter().all(|&t| (0.0..=10.0).contains(&t)));
        let inner: Vec<usize> = (0..s.len())
            .filter(|&i| 0.0 < s[i] && s[i] < 10.0)
            .collect();
        if let (Some(&i0), Some(&i1)) = (inner.first(), inner.last()) {
            let c = s[i0] - x[i0];
            assert!(c.abs() <= shift);
            for i in i0..=i1 {
                assert!((s[i] - x[i] - c).abs() <= 1e-12);
            }
        }
    }
}

// ------------------------------------------------------------------ 85 randomise_spikes

#[test]
fn randomise_spikes_keeps_the_count_and_is_uniform() {
    let x = uniform_train(8, 5000, 2.0, 3.0); // all in one corner
    let s = an::randomise_spikes(&x, 0.0, 10.0, 4, Some(11)).unwrap();
    for t in &s {
        assert_eq!(t.len(), x.len());
        assert!(t.iter().all(|&v| (0.0..10.0).contains(&v)));
        // Mean of U(0, 10): 5, SE 10/√(12 n).
        let (m, _) = mean_sd(t);
        assert!(
            (m - 5.0).abs() < 5.0 * 10.0 / (12.0 * t.len() as f64).sqrt(),
            "{m}"
        );
        // Fraction below 2.5: 1/4, SE √(3/16/n).
        let f = t.iter().filter(|&&v| v < 2.5).count() as f64 / t.len() as f64;
        assert!(
            (f - 0.25).abs() < 5.0 * (3.0 / 16.0 / t.len() as f64).sqrt(),
            "{f}"
        );
    }
    assert!(
        an::randomise_spikes(&[], 0.0, 1.0, 2, Some(1))
            .unwrap()
            .iter()
            .all(Vec::is_empty)
    );
}

// ------------------------------------------------------------------ 86 shuffle_isis

fn intervals_from(a: f64, x: &[f64]) -> Vec<f64> {
    let mut d: Vec<f64> = x
        .iter()
        .enumerate()
        .map(|(k, &t)| t - if k == 0 { a } else { x[k - 1] })
        .collect();
    d.sort_by(f64::total_cmp);
    d
}

#[test]
fn shuffle_isis_permutes_the_interval_multiset() {
    let mut x = uniform_train(10, 300, 1.0, 9.0);
    x.extend_from_slice(&[4.0, 4.0]); // duplicates: zero intervals
    x.sort_by(f64::total_cmp);
    let want = intervals_from(0.5, &x);
    for s in an::shuffle_isis(&x, 0.5, 9.5, 10, Some(2)).unwrap() {
        assert_eq!(s.len(), x.len());
        assert!(s.iter().all(|&t| (0.5..=9.5).contains(&t)));
        let got = intervals_from(0.5, &s);
        assert!(got.iter().zip(&want).all(|(g, w)| (g - w).abs() <= 1e-9));
        assert!((s[s.len() - 1] - x[x.len() - 1]).abs() <= 1e-9);
        assert_ne!(s, x);
    }
}

// ------------------------------------------------------------------ 87 poisson_process

#[test]
fn poisson_process_count_cv_and_dead_time() {
    // rate·T = 10 000: count within 5√(rate·T); the sample CV of 10 000 exponential ISIs
    // has SE ≈ 1/√n = 0.01, so 0.05 is 5 SE (with dead time the SE is smaller).
    let (rate, t0, t1) = (50.0, 3.0, 203.0);
    for (rp, cv) in [
        (0.0, 1.0),
        (0.004, 1.0 - 50.0 * 0.004),
        (0.012, 1.0 - 50.0 * 0.012),
    ] {
        for seed in 0..5 {
            let x = an::poisson_process(rate, t0, t1, rp, Some(seed)).unwrap();
            let expected = rate * (t1 - t0);
            assert!(
                (x.len() as f64 - expected).abs() <= 5.0 * expected.sqrt(),
                "rp {rp}: {} spikes",
                x.len()
            );
            assert!(is_sorted(&x));
            assert!(x.iter().all(|&t| (t0..t1).contains(&t)));
            assert!(
                (cv_of_isis(&x) - cv).abs() < 0.05,
                "rp {rp}: cv {}",
                cv_of_isis(&x)
            );
            let min_isi = x
                .windows(2)
                .map(|w| w[1] - w[0])
                .fold(f64::INFINITY, f64::min);
            assert!(min_isi >= rp * (1.0 - 1e-12), "rp {rp}: min ISI {min_isi}");
        }
    }
    // Stationarity: the mean count over 400 short trains (rate·T = 5 each) equals rate·T
    // within 5 SE (SE = √(5·CV²/400) <= 0.112), also with dead time, i.e. the first spike
    // does not lag.
    for rp in [0.0, 0.015] {
        let counts: Vec<f64> = (0..400)
            .map(|s| {
                an::poisson_process(50.0, 0.0, 0.1, rp, Some(1000 + s))
                    .unwrap()
                    .len() as f64
            })
            .collect();
        let (m, _) = mean_sd(&counts);
        assert!(
            (m - 5.0).abs() < 5.0 * (5.0f64 / 400.0).sqrt(),
            "rp {rp}: {m}"
        );
    }
    assert!(
        an::poisson_process(0.0, 0.0, 1.0, 0.0, Some(1))
            .unwrap()
            .is_empty()
    );
}

// ------------------------------------------------------------------ 88 gamma_process

#[test]
fn gamma_process_count_and_cv() {
    // Renewal count variance ≈ rate·T·CV² = rate·T/shape: 5√(rate·T/shape) as the spec says.
    // CV SE for n ISIs of Gamma(k): ≈ CV·√((κ + 2)/(4n)) with excess kurtosis κ = 6/k; with
    // n >= 10 000 (k = 4) and n >= 100 000 (k = 0.5) the 0.05 tolerance is >= 5 SE.
    for (rate, shape, t1) in [(20.0, 4.0, 500.0), (100.0, 0.5, 1000.0), (40.0, 1.0, 300.0)] {
        let x = an::gamma_process(rate, shape, 0.0, t1, Some(5)).unwrap();
        let expected: f64 = rate * t1;
        assert!(
            (x.len() as f64 - expected).abs() <= 5.0 * (expected / shape).sqrt(),
            "shape {shape}: {} spikes",
            x.len()
        );
        assert!(is_sorted(&x) && x.iter().all(|&t| (0.0..t1).contains(&t)));
        let cv = cv_of_isis(&x);
        assert!(
            (cv - 1.0 / shape.sqrt()).abs() < 0.05,
            "shape {shape}: cv {cv}"
        );
    }
    // The first spike is one ISI after t_start: mean 1/rate over 2000 trains (SE
    // (1/rate)/√(shape·2000)).
    let firsts: Vec<f64> = (0..2000)
        .map(|s| an::gamma_process(10.0, 3.0, 1.0, 3.0, Some(s)).unwrap()[0] - 1.0)
        .collect();
    let (m, _) = mean_sd(&firsts);
    assert!(
        (m - 0.1).abs() < 5.0 * 0.1 / (3.0f64 * 2000.0).sqrt(),
        "{m}"
    );
}

// ------------------------------------------------------------------ 89 inhomogeneous

#[test]
fn inhomogeneous_poisson_follows_the_rate_signal() {
    // 1000 samples of 10 ms: 200 Hz in samples 200..400, 20 Hz elsewhere, 0 in 900..1000.
    let sp = 0.01;
    let rate: Vec<f64> = (0..1000)
        .map(|k| match k {
            200..400 => 200.0,
            900.. => 0.0,
            _ => 20.0,
        })
        .collect();
    let total: f64 = rate.iter().map(|r| r * sp).sum();
    let high: f64 = 200.0 * 200.0 * sp;
    for seed in 0..5 {
        let x = an::inhomogeneous_poisson_process(&rate, sp, -2.0, Some(seed)).unwrap();
        assert!(is_sorted(&x));
        assert!(x.iter().all(|&t| (-2.0..-2.0 + 10.0).contains(&t)));
        // Poisson counts: within 5√mean.
        assert!(
            (x.len() as f64 - total).abs() <= 5.0 * total.sqrt(),
            "{}",
            x.len()
        );
        let in_high = x.iter().filter(|&&t| (0.0..2.0).contains(&t)).count() as f64;
        assert!((in_high - high).abs() <= 5.0 * high.sqrt(), "{in_high}");
        assert!(
            x.iter().all(|&t| t < 7.0 - 1e-9),
            "spikes in the zero-rate tail"
        );
    }
    assert!(
        an::inhomogeneous_poisson_process(&[], 0.1, 0.0, Some(1))
            .unwrap()
            .is_empty()
    );
}

// ------------------------------------------------------------------ 90 jitter_spikes

/// Counts per bin `[a + k b, a + (k+1) b)` (the last bin also holds `t_stop`).
fn bin_counts(x: &[f64], a: f64, b: f64, n: usize) -> Vec<usize> {
    let mut c = vec![0; n];
    for &t in x {
        c[(((t - a) / b).floor() as usize).min(n - 1)] += 1;
    }
    c
}

#[test]
fn jitter_spikes_keeps_every_spike_in_its_bin() {
    // t_start = 0.37 (Elephant's edges are wrong there) and a partial last bin: bins of 0.1
    // over [0.37, 5.42], 51 bins, the last [5.37, 5.42).
    let mut x = uniform_train(12, 400, 0.37, 5.42);
    x.push(5.42); // at t_stop: the last bin
    let want = bin_counts(&x, 0.37, 0.1, 51);
    for s in an::jitter_spikes(&x, 0.1, 0.37, 5.42, 10, Some(3)).unwrap() {
        assert_eq!(s.len(), x.len());
        assert!(s.iter().all(|&t| (0.37..5.42).contains(&t)));
        assert_eq!(bin_counts(&s, 0.37, 0.1, 51), want);
        assert_ne!(s, x);
    }
    // Position inside the bin is uniform: mean offset b/2, SE b/√(12 n).
    let s = an::jitter_spikes(&x[..400], 0.1, 0.37, 5.42, 20, Some(4)).unwrap();
    let offs: Vec<f64> = s
        .iter()
        .flatten()
        .map(|&t| (t - 0.37) - ((t - 0.37) / 0.1).floor() * 0.1)
        .collect();
    let (m, _) = mean_sd(&offs);
    assert!(
        (m - 0.05).abs() < 5.0 * 0.1 / (12.0 * offs.len() as f64).sqrt(),
        "{m}"
    );
}

// ------------------------------------------------------------------ 91 bin_shuffling

#[test]
fn bin_shuffling_keeps_the_counts_per_window() {
    // 103 bins of 0.05 over [1, 6.15], windows of 2·4 = 8 bins (the last has 7).
    let x = uniform_train(13, 600, 1.0, 6.15);
    let (a, b, n_bins, w) = (1.0, 0.05, 103, 8);
    let per_bin = bin_counts(&x, a, b, n_bins);
    let windows = |c: &[usize]| -> Vec<(usize, Vec<usize>)> {
        c.chunks(w)
            .map(|ch| {
                let mut s = ch.to_vec();
                s.sort_unstable();
                (ch.iter().sum(), s)
            })
            .collect()
    };
    let want = windows(&per_bin);
    let mut moved = 0;
    for s in an::bin_shuffling(&x, b, 4, a, 6.15, 10, Some(8)).unwrap() {
        assert_eq!(s.len(), x.len());
        assert!(s.iter().all(|&t| (a..6.15).contains(&t)));
        let got = bin_counts(&s, a, b, n_bins);
        // Per window: the same total, and the same multiset of bin counts (a permutation).
        assert_eq!(windows(&got), want);
        moved += usize::from(got != per_bin);
    }
    assert!(moved >= 9, "bins were not shuffled");
    // A displacement window larger than the window itself: one window of all 103 bins, and
    // no allocation proportional to the displacement.
    for s in an::bin_shuffling(&x, b, usize::MAX / 4, a, 6.15, 3, Some(9)).unwrap() {
        assert_eq!(s.len(), x.len());
        let got = bin_counts(&s, a, b, n_bins);
        let mut g = got.clone();
        let mut w = per_bin.clone();
        g.sort_unstable();
        w.sort_unstable();
        assert_eq!(g, w);
    }
}

// ------------------------------------------------------------------ 92 trial_shifting

fn cyclic_gaps(x: &[f64], period: f64) -> Vec<f64> {
    let mut g: Vec<f64> = x.windows(2).map(|w| w[1] - w[0]).collect();
    if let (Some(f), Some(l)) = (x.first(), x.last()) {
        g.push(f + period - l);
    }
    g.sort_by(f64::total_cmp);
    g
}

/// The c with `s[(k + i) mod n] ≡ x[i] + c (mod period)` for some rotation k, |c| <= max.
fn cyclic_shift(x: &[f64], s: &[f64], period: f64, max: f64) -> Option<f64> {
    let n = x.len();
    let wrap = |d: f64| d - period * (d / period).round();
    (0..n).find_map(|k| {
        let c = wrap(s[k] - x[0]);
        let fits =
            c.abs() <= max + 1e-12 && (0..n).all(|i| wrap(s[(k + i) % n] - x[i] - c).abs() <= 1e-9);
        fits.then_some(c)
    })
}

#[test]
fn trial_shifting_wraps_each_trial_cyclically() {
    let trials = [
        uniform_train(14, 80, 0.0, 2.0),
        uniform_train(15, 40, 0.0, 2.0),
        vec![],
        vec![0.0, 1.0, 2.0],
    ];
    let period = 2.0;
    for sur in an::trial_shifting(&trials, 0.6, 0.0, 2.0, 20, Some(4)).unwrap() {
        assert_eq!(sur.len(), trials.len());
        for (s, x) in sur.iter().zip(&trials) {
            assert_eq!(s.len(), x.len());
            assert!(is_sorted(s) && s.iter().all(|&t| (0.0..2.0).contains(&t)));
            if x.len() > 1 && x[0] > 0.0 {
                let want = cyclic_gaps(x, period);
                let got = cyclic_gaps(s, period);
                assert!(got.iter().zip(&want).all(|(g, w)| (g - w).abs() <= 1e-9));
            }
        }
        // Trial 0 is a cyclic rotation of the original shifted by one c with |c| <= dither.
        assert!(cyclic_shift(&trials[0], &sur[0], period, 0.6).is_some());
    }
    // Trials get their own shifts.
    let sur =
        an::trial_shifting(&[&trials[0][..], &trials[0][..]], 0.6, 0.0, 2.0, 1, Some(1)).unwrap();
    assert_ne!(sur[0][0], sur[0][1]);
}

// ------------------------------------------------------------------ errors

#[test]
fn invalid_arguments_are_errors_naming_function_argument_and_range() {
    let x = [0.1, 0.5];
    let fin = "is out of range; valid range: a finite number";
    let nonneg = "is out of range; valid range: [0, inf)";
    let pos = "is out of range; valid range: (0, inf)";
    assert_eq!(
        err(an::dither_spikes(&[f64::NAN], 0.1, 0.0, 1.0, 1, true, None)),
        format!("dither_spikes: spikes[0] = NaN {fin}")
    );
    assert_eq!(
        err(an::dither_spikes(&x, -0.1, 0.0, 1.0, 1, true, None)),
        format!("dither_spikes: dither = -0.1 {nonneg}")
    );
    assert_eq!(
        err(an::dither_spikes(&x, 0.1, 1.0, 1.0, 1, true, None)),
        "dither_spikes: t_stop = 1 is out of range; valid range: (t_start = 1, inf)"
    );
    assert_eq!(
        err(an::dither_spike_train(
            &x,
            f64::INFINITY,
            0.0,
            1.0,
            1,
            true,
            None
        )),
        format!("dither_spike_train: shift = inf {nonneg}")
    );
    assert_eq!(
        err(an::randomise_spikes(&x, f64::NAN, 1.0, 1, None)),
        format!("randomise_spikes: t_start = NaN {fin}")
    );
    assert_eq!(
        err(an::shuffle_isis(&x, 0.0, f64::INFINITY, 1, None)),
        format!("shuffle_isis: t_stop = inf {fin}")
    );
    assert_eq!(
        err(an::poisson_process(-1.0, 0.0, 1.0, 0.0, None)),
        format!("poisson_process: rate = -1 {nonneg}")
    );
    assert_eq!(
        err(an::poisson_process(10.0, 0.0, 1.0, -0.001, None)),
        format!("poisson_process: refractory_period = -0.001 {nonneg}")
    );
    assert_eq!(
        err(an::poisson_process(10.0, 0.0, 1.0, 0.1, None)),
        "poisson_process: refractory_period = 0.1 is out of range; valid range: \
         [0, 1/rate = 0.1) (rate·refractory_period must be < 1)"
    );
    assert_eq!(
        err(an::poisson_process(1e9, 0.0, 1.0, 0.0, None)),
        "poisson_process: rate = 1000000000 is out of range; valid range: values giving at \
         most 1e8 expected spikes (this gives 1e9)"
    );
    assert_eq!(
        err(an::poisson_process(10.0, 2.0, 1.0, 0.0, None)),
        "poisson_process: t_stop = 1 is out of range; valid range: (t_start = 2, inf)"
    );
    assert_eq!(
        err(an::gamma_process(10.0, 0.0, 0.0, 1.0, None)),
        format!("gamma_process: shape = 0 {pos}")
    );
    assert_eq!(
        err(an::gamma_process(10.0, 1e-300, 0.0, 1.0, Some(1))),
        "gamma_process: the process produced more than 1.01e6 spikes in the window (1e6 + \
         1000 times the expected count): its intervals are too short to simulate"
    );
    assert_eq!(
        err(an::gamma_process(f64::NAN, 1.0, 0.0, 1.0, None)),
        format!("gamma_process: rate = NaN {nonneg}")
    );
    assert_eq!(
        err(an::inhomogeneous_poisson_process(
            &[1.0, -2.0],
            0.1,
            0.0,
            None
        )),
        format!("inhomogeneous_poisson_process: rate_signal[1] = -2 {nonneg}")
    );
    assert_eq!(
        err(an::inhomogeneous_poisson_process(
            &[1.0, f64::NAN],
            0.1,
            0.0,
            None
        )),
        format!("inhomogeneous_poisson_process: rate_signal[1] = NaN {fin}")
    );
    assert_eq!(
        err(an::inhomogeneous_poisson_process(&[1.0], 0.0, 0.0, None)),
        format!("inhomogeneous_poisson_process: sampling_period = 0 {pos}")
    );
    assert_eq!(
        err(an::jitter_spikes(&x, 0.0, 0.0, 1.0, 1, None)),
        format!("jitter_spikes: bin_size = 0 {pos}")
    );
    assert_eq!(
        err(an::bin_shuffling(&x, 0.1, 0, 0.0, 1.0, 1, None)),
        "bin_shuffling: max_displacement = 0 is out of range; valid range: [1, inf) bins"
    );
    assert_eq!(
        err(an::bin_shuffling(&x, -0.1, 1, 0.0, 1.0, 1, None)),
        format!("bin_shuffling: bin_size = -0.1 {pos}")
    );
    assert_eq!(
        err(an::trial_shifting(
            &[&x[..], &[f64::INFINITY][..]],
            0.1,
            0.0,
            1.0,
            1,
            None
        )),
        format!("trial_shifting: trials[1][0] = inf {fin}")
    );
    assert_eq!(
        err(an::trial_shifting(&[&x[..]], -1.0, 0.0, 1.0, 1, None)),
        format!("trial_shifting: dither = -1 {nonneg}")
    );
}
