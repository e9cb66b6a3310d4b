//! The `stdp` zoo network (Song, Miller & Abbott 2000, as Brian2's `examples/synapses/STDP.py`)
//! against Brian2 2.9 running the example.
//!
//! Reference: `reference/stdp/brian2.json`, written by `scripts/reference/stdp_brian2.py`
//! (Brian2 2.9.0, Cython runtime, seeds 1–5, 100 s at dt = 0.1 ms, one post neuron, the
//! weights read at 5, 10, 20, 30, 50 and 100 s). Statistics as the script computes them:
//! `frac_low` / `frac_high` = fraction of the weights with w/gmax < 0.1 / > 0.9, `mean_w` =
//! mean w/gmax, the histogram of w/gmax in 10 bins, `post_rate_hz` = post spikes between the
//! previous checkpoint and T over that window.
//!
//! At T = 100 s (the example's duration) Brian's weights are clearly U-shaped (about 24 %
//! below 0.1 gmax, 19 % above 0.9 gmax, 5–7 % in each middle bin, from 10 % each at the
//! start); at 20–30 s they have only begun to move (16 % / 12 %). So the comparison runs the
//! full 100 s (10^6 steps of 1,000 inputs: about 1.7 s per seed in release).
//!
//! Two comparisons (see `crates/zoo/src/stdp.rs` on the same-step pair):
//! * with `b = 1.05 exp(-dt/tau_pre)`, the rule Brian's discretisation amounts to, every
//!   statistic (fractions, mean weight, post rate) must agree with Brian's (seeds 1–3);
//! * with the default, published `b = 1.05`, the weight statistics must agree and the post
//!   rate must be lower than Brian's (seeds 4–5).
//!
//! Tolerance: our mean over k seeds must lie within 5 standard errors of Brian's mean over
//! seeds 1–5, the standard error being Brian's seed-to-seed standard deviation times
//! sqrt(1/k + 1/5), floored at 2 % of the mean (five seeds give an uncertain standard
//! deviation). The histogram must be bimodal: both edge bins above 15 %, the six middle bins
//! below 8.5 % (Brian: 5.3–6.7 %; uniform: 10 %).

use sc_neurocore_runner::{MonitorSpec, NetworkRunner, RunConfig};
use sc_neurocore_zoo::{STDP, StdpNetParams};
use serde_json::Value;

const T_S: f64 = 100.0;

#[derive(Debug, Default, Clone)]
struct Stats {
    frac_low: f64,
    frac_high: f64,
    mean_w: f64,
    post_rate_hz: f64,
    hist: [f64; 10],
}

/// Runs the network for `t_s` seconds with `settings`; returns the weight statistics at the
/// end and the post rate over the last `window_s` seconds, plus the final weights (nS).
fn simulate(
    settings: &[(&str, f64)],
    seed: u64,
    threads: usize,
    t_s: f64,
    window_s: f64,
) -> (Stats, Vec<f64>) {
    let mut net = (STDP.build)(settings, seed).unwrap();
    let m = net
        .add_monitor(MonitorSpec::Spikes { population: 1 })
        .unwrap();
    let mut r = NetworkRunner::new(&net, RunConfig { dt: 1e-4, threads }).unwrap();
    r.run(t_s).unwrap();
    let mut p = StdpNetParams::default();
    for &(k, v) in settings {
        match k {
            "gmax" => p.gmax = v,
            "g_l" => p.g_l = v,
            _ => {}
        }
    }
    let w = r.weights(0).unwrap();
    let x: Vec<f64> = w.iter().map(|w| w / p.w_max_ns()).collect();
    let n = x.len() as f64;
    let mut hist = [0.0; 10];
    for &v in &x {
        hist[((v * 10.0) as usize).min(9)] += 1.0;
    }
    let d = r.spike_data(m).unwrap();
    let late = d
        .spike_trains()
        .iter()
        .flat_map(|t| t.iter().copied())
        .filter(|&t| t > t_s - window_s + 1e-9)
        .count();
    let stats = Stats {
        frac_low: x.iter().filter(|&&v| v < 0.1).count() as f64 / n,
        frac_high: x.iter().filter(|&&v| v > 0.9).count() as f64 / n,
        mean_w: x.iter().sum::<f64>() / n,
        post_rate_hz: late as f64 / (d.n() as f64 * window_s),
        hist,
    };
    (stats, w)
}

fn reference() -> Value {
    let path = format!(
        "{}/../../reference/stdp/brian2.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

/// Our mean over `seeds` of `simulate(settings, ..)` for [`T_S`] seconds.
fn mean_over_seeds(settings: &[(&str, f64)], seeds: &[u64]) -> Stats {
    // The rate window: the last piece of Brian's run (50 -> 100 s).
    let runs: Vec<Stats> = seeds
        .iter()
        .map(|&s| simulate(settings, s, 1, T_S, T_S - 50.0).0)
        .collect();
    let k = runs.len() as f64;
    let mean = |f: fn(&Stats) -> f64| runs.iter().map(f).sum::<f64>() / k;
    Stats {
        frac_low: mean(|s| s.frac_low),
        frac_high: mean(|s| s.frac_high),
        mean_w: mean(|s| s.mean_w),
        post_rate_hz: mean(|s| s.post_rate_hz),
        hist: std::array::from_fn(|b| runs.iter().map(|s| s.hist[b]).sum::<f64>() / k),
    }
}

/// Checks the statistics `keys` of `ours` (a mean over `k` seeds) against Brian's.
fn check(ours: &Stats, k: usize, keys: &[&str], what: &str) {
    let r = reference();
    let n_ref = r["seeds"].as_array().unwrap().len() as f64;
    let summary = &r["summary"][format!("{T_S}")];
    eprintln!("{what}: ours {ours:?}");
    for &key in keys {
        let value = match key {
            "frac_low" => ours.frac_low,
            "frac_high" => ours.frac_high,
            "mean_w" => ours.mean_w,
            "post_rate_hz" => ours.post_rate_hz,
            _ => unreachable!("{key}"),
        };
        let m = summary[key]["mean"].as_f64().unwrap();
        let sd = summary[key]["std"].as_f64().unwrap();
        let se = (sd * (1.0 / k as f64 + 1.0 / n_ref).sqrt()).max(0.02 * m.abs());
        eprintln!(
            "{what} {key}: ours {value:.4}, Brian2 {m:.4} (sd {sd:.4}), 5 se = {:.4}",
            5.0 * se
        );
        assert!(
            (value - m).abs() <= 5.0 * se,
            "{what} {key}: ours {value:.4} (mean of {k} seeds), Brian2 {m:.4} (sd {sd:.4} over \
             {n_ref} seeds; 5 standard errors = {:.4})",
            5.0 * se
        );
    }
    // Bimodal: both edge bins hold well over their initial 10 %, every middle bin well under.
    let h: Vec<f64> = ours.hist.iter().map(|c| c / 1000.0).collect();
    assert!(h[0] > 0.15 && h[9] > 0.15, "{what}: edges {h:?}");
    assert!(h[2..8].iter().all(|&x| x < 0.085), "{what}: middle {h:?}");
}

/// Brian's same-step pairing makes its example behave like our rule with
/// b = 1.05 exp(-dt / tau_pre) (see `crates/zoo/src/stdp.rs`): with that setting the weight
/// distribution, the mean weight and the post rate all agree with Brian's.
#[test]
fn brian_equivalent_rule_reproduces_brian2() {
    let b = 1.05 * (-1e-4f64 / 0.02).exp();
    let ours = mean_over_seeds(&[("b", b)], &[1, 2, 3]);
    check(
        &ours,
        3,
        &["frac_low", "frac_high", "mean_w", "post_rate_hz"],
        "b = 1.0448",
    );
}

/// With the published b = 1.05 (the default) depression is 0.5 % stronger than in Brian's
/// discretisation: the weights still split as Brian's, the post rate settles lower (about
/// 18.5–19 Hz instead of 23 Hz at 100 s, as STDP regulates the rate through b - 1).
#[test]
fn default_rule_splits_the_weights_as_brian2() {
    let ours = mean_over_seeds(&[], &[4, 5]);
    check(&ours, 2, &["frac_low", "frac_high", "mean_w"], "b = 1.05");
    let brian = reference()["summary"][format!("{T_S}")]["post_rate_hz"]["mean"]
        .as_f64()
        .unwrap();
    assert!(
        ours.post_rate_hz < brian && ours.post_rate_hz > 0.6 * brian,
        "post rate {} Hz vs Brian2 {brian} Hz",
        ours.post_rate_hz
    );
}

#[test]
fn plastic_weights_do_not_depend_on_threads_and_n_post_scales() {
    let settings = [("n_post", 3.0)];
    let (a, wa) = simulate(&settings, 9, 1, 2.0, 1.0);
    let (b, wb) = simulate(&settings, 9, 2, 2.0, 1.0);
    assert_eq!(wa.len(), 3000);
    assert_eq!(wa, wb);
    assert_eq!(a.post_rate_hz, b.post_rate_hz);
    // The weights moved, stayed in [0, gmax] and differ between post neurons.
    let w_max = StdpNetParams::default().w_max_ns();
    assert!(wa.iter().all(|&w| (0.0..=w_max).contains(&w)));
    let net = (STDP.build)(&settings, 9).unwrap();
    let w0 = net.connectivity(0).unwrap().weights().to_vec();
    assert!(w0.iter().zip(&wa).filter(|(x, y)| x != y).count() > 1500);
    assert!(a.post_rate_hz > 0.0);
}

#[test]
fn settings_reach_the_network_and_bad_ones_are_named() {
    let net = (STDP.build)(&[("n_inputs", 50.0), ("n_post", 3.0), ("rate_hz", 7.0)], 1).unwrap();
    assert_eq!(net.n_neurons(), 53);
    assert_eq!(net.populations()[0].model.name, "poisson");
    assert_eq!(net.populations()[0].params.get("rate").at(0), 7.0);
    assert_eq!(net.connectivity(0).unwrap().nnz(), 150);
    let stdp = net.projections()[0].stdp.unwrap();
    let p = StdpNetParams::default();
    assert_eq!(stdp.w_max, 0.1);
    assert!((stdp.a_plus - 0.001).abs() < 1e-15);
    assert!((stdp.a_minus - 0.00105).abs() < 1e-15);
    assert_eq!((stdp.tau_plus, stdp.tau_minus), (0.02, 0.02));
    assert_eq!(p.stdp_params(), stdp);
    let e = (STDP.build)(&[("rate", 1.0)], 1).unwrap_err().to_string();
    assert!(
        e.contains("zoo 'stdp'") && e.contains("unknown parameter 'rate'"),
        "{e}"
    );
    let e = (STDP.build)(&[("rate_hz", -1.0)], 1)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("zoo 'stdp'") && e.contains("rate_hz = -1"),
        "{e}"
    );
    assert!(sc_neurocore_zoo::lookup("stdp").is_ok());
}
