//! Brunel (2000) Fig. 8: the four named regimes `brunel_sr`, `brunel_ai`, `brunel_si_fast`
//! and `brunel_si_slow`, each recognisable by its rate, ISI CV and synchrony, at half the
//! size.
//!
//! Reduced size: order 1250 (5,000 + 1,250 neurons) with epsilon 0.2 keeps the in-degrees
//! of the full network (C_E = 1000, C_I = 250), on which Brunel's mean-field phase diagram
//! depends (Fig. 2). J = 0.1 mV as the `brunel` network (NEST's example). 0.6 s per regime,
//! statistics over 0.1–0.6 s (the initial transient from V = 0 dropped).
//!
//! Statistics: rate = spikes per excitatory neuron per second; CV = mean over excitatory
//! neurons with at least 3 spikes of std(ISI) / mean(ISI); synchrony = the Fano factor of
//! the excitatory population's spike count in 1 ms bins (1 for independent Poisson neurons,
//! large for synchrony or a global oscillation); frequency = the peak of the population
//! count's power spectrum above 5 Hz.
//!
//! Reference values: NEST 3.10 runs of the same four parameter sets at full size
//! (`reference/brunel_nest/regimes.json`, 3 seeds, 1 s): rates 329, 59, 37, 5.4 Hz and CVs
//! 0.01, 0.79, 0.42, 0.52 for A–D (SR, SI fast, AI, SI slow, as Brunel's Fig. 8 caption
//! names them); ours at this size (seed 1): 333, 60, 36, 6.1 Hz and CVs 0.001, 0.87, 0.44,
//! 0.38, Fano factors 840, 280, 83, 180, peak frequencies 334, 176, 116, 20 Hz. The bounds
//! below separate the regimes as the paper characterises them (Fig. 8), each well away from
//! the neighbouring regime's value:
//! * SR (Fig. 8A, g 3, eta 2): regular firing near saturation, in synchrony: rate > 150 Hz,
//!   CV < 0.1, Fano > 300 (the largest);
//! * SI fast (8B, g 6, eta 4): irregular neurons (CV > 0.7, the most irregular of the four;
//!   30–120 Hz) firing below the frequency of a fast global oscillation (peak > 80 Hz and
//!   above the rate, Fano > 20);
//! * AI (8C, g 5, eta 2): stationary global activity, irregular neurons: 15–60 Hz,
//!   CV > 0.25, and the least synchronous of the four (the smallest Fano factor);
//! * SI slow (8D, g 4.5, eta 0.9): sparse firing (< 15 Hz, CV > 0.25) on a slow global
//!   oscillation (peak < 60 Hz, Fano > 20).
//!
//! Runs in about 20 s in release on 2 cores (`cargo test --release`).

use sc_neurocore_analysis::coefficient_of_variation;
use sc_neurocore_runner::{MonitorSpec, NetworkRunner, RunConfig};

const T_S: f64 = 0.6;
const SKIP_S: f64 = 0.1;
const ORDER: f64 = 1250.0;

#[derive(Debug)]
struct Stats {
    rate: f64,
    cv: f64,
    fano: f64,
    freq: f64,
}

fn simulate(name: &str, seed: u64) -> Stats {
    let entry = sc_neurocore_zoo::lookup(name).unwrap();
    let mut net = (entry.build)(&[("order", ORDER), ("epsilon", 250.0 / ORDER)], seed).unwrap();
    assert_eq!(net.n_neurons(), 5 * ORDER as usize);
    let m = net
        .add_monitor(MonitorSpec::Spikes { population: 0 })
        .unwrap();
    let mut r = NetworkRunner::new(
        &net,
        RunConfig {
            dt: 1e-4,
            threads: 2,
        },
    )
    .unwrap();
    r.run(T_S).unwrap();
    let d = r.spike_data(m).unwrap();
    let trains: Vec<Vec<f64>> = d
        .spike_trains()
        .into_iter()
        .map(|t| t.into_iter().filter(|&x| x >= SKIP_S).collect())
        .collect();
    let count: usize = trains.iter().map(Vec::len).sum();
    let rate = count as f64 / (d.n() as f64 * (T_S - SKIP_S));
    let cvs: Vec<f64> = trains
        .iter()
        .filter(|t| t.len() >= 3)
        .filter_map(|t| coefficient_of_variation(t).ok())
        .filter(|cv| !cv.is_nan())
        .collect();
    let cv = cvs.iter().sum::<f64>() / cvs.len().max(1) as f64;
    let bins = ((T_S - SKIP_S) * 1e3).round() as usize;
    let mut counts = vec![0.0f64; bins];
    for t in trains.iter().flatten() {
        counts[(((t - SKIP_S) * 1e3) as usize).min(bins - 1)] += 1.0;
    }
    let mean = counts.iter().sum::<f64>() / bins as f64;
    let var = counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / bins as f64;
    let fano = var / mean.max(1e-12);
    // Power spectrum by a direct DFT of the mean-free counts (500 bins: cheap), 5-500 Hz.
    let df = 1.0 / (T_S - SKIP_S);
    let mut best = (0.0, 0.0);
    let kmin = (5.0 / df).ceil() as usize;
    for k in kmin..bins / 2 {
        let w = 2.0 * std::f64::consts::PI * k as f64 / bins as f64;
        let (mut re, mut im) = (0.0, 0.0);
        for (i, c) in counts.iter().enumerate() {
            re += (c - mean) * (w * i as f64).cos();
            im += (c - mean) * (w * i as f64).sin();
        }
        let p = re * re + im * im;
        if p > best.1 {
            best = (k as f64 * df, p);
        }
    }
    Stats {
        rate,
        cv,
        fano,
        freq: best.0,
    }
}

#[test]
fn fig8_regimes_are_recognisable_by_name() {
    let sr = simulate("brunel_sr", 1);
    let ai = simulate("brunel_ai", 1);
    let fast = simulate("brunel_si_fast", 1);
    let slow = simulate("brunel_si_slow", 1);
    eprintln!("SR {sr:?}\nAI {ai:?}\nSI fast {fast:?}\nSI slow {slow:?}");
    assert!(
        sr.rate > 150.0 && sr.cv < 0.1 && sr.fano > 300.0,
        "SR: {sr:?}"
    );
    assert!(
        [&ai, &fast, &slow].iter().all(|o| o.fano < sr.fano),
        "SR is the most synchronous"
    );
    assert!(
        (30.0..120.0).contains(&fast.rate)
            && fast.cv > 0.7
            && fast.freq > 80.0
            && fast.freq > fast.rate
            && fast.fano > 20.0,
        "SI fast: {fast:?}"
    );
    assert!(
        [&sr, &ai, &slow].iter().all(|o| o.cv < fast.cv),
        "SI fast has the most irregular neurons"
    );
    assert!(
        (15.0..60.0).contains(&ai.rate) && ai.cv > 0.25,
        "AI: {ai:?}"
    );
    assert!(
        [&sr, &fast, &slow].iter().all(|o| o.fano > ai.fano),
        "AI is the least synchronous"
    );
    assert!(
        slow.rate < 15.0 && slow.cv > 0.25 && slow.freq < 60.0 && slow.fano > 20.0,
        "SI slow: {slow:?}"
    );
}

#[test]
fn regime_entries_differ_only_in_their_defaults() {
    let base = sc_neurocore_zoo::BRUNEL.params;
    for (name, g, eta) in [
        ("brunel_sr", 3.0, 2.0),
        ("brunel_ai", 5.0, 2.0),
        ("brunel_si_fast", 6.0, 4.0),
        ("brunel_si_slow", 4.5, 0.9),
    ] {
        let e = sc_neurocore_zoo::lookup(name).unwrap();
        assert_eq!(e.params.len(), base.len());
        for (a, b) in e.params.iter().zip(base) {
            assert_eq!(
                (a.name, a.unit, a.range, a.doc),
                (b.name, b.unit, b.range, b.doc)
            );
            let want = match a.name {
                "g" => g,
                "eta" => eta,
                "v_reset" => 10.0,
                _ => b.default,
            };
            assert_eq!(a.default, want, "{name} {}", a.name);
        }
        // A regime is the base network with its settings: the same description.
        let p = sc_neurocore_zoo::BrunelParams::resolve(e, &[("order", 50.0)]).unwrap();
        let q = sc_neurocore_zoo::BrunelParams::resolve(
            &sc_neurocore_zoo::BRUNEL,
            &[("order", 50.0), ("g", g), ("eta", eta), ("v_reset", 10.0)],
        )
        .unwrap();
        assert_eq!(p, q);
        // --set still overrides a regime's defaults, and errors name the regime.
        let net = (e.build)(&[("order", 20.0)], 1).unwrap();
        assert_eq!(net.n_neurons(), 100);
        let err = (e.build)(&[("regime", 1.0)], 1).unwrap_err().to_string();
        assert!(
            err.contains(&format!("zoo '{name}'")) && err.contains("unknown parameter 'regime'"),
            "{err}"
        );
    }
}
