//! Statistics of our spike sources against NEST 3.10's generators, from the reference data
//! that `scripts/reference/generators_nest.py` writes to `reference/generators_nest/`:
//! `poisson` vs `poisson_generator`, `gamma_renewal` vs `gamma_sup_generator`,
//! `poisson_dead_time` vs `ppd_sup_generator`, `sinusoidal_poisson` vs
//! `sinusoidal_poisson_generator` (each through `parrot_neuron`s), and `parrot` vs
//! `parrot_neuron` driven by a `spike_generator` with known times.
//!
//! For each source, NEST simulated N independent trains for T ms at dt with several seeds and
//! recorded, per seed, the rate, the pooled ISI CV, the Fano factor of the counts in windows
//! (and, for the sinusoidal source, the modulation's amplitude and phase estimated from the
//! spike phases). We run the same N, T, dt and parameters with our own seeds and compute the
//! same statistics the same way (spike times at the end of the step, as NEST's generators
//! stamp them). Tolerance from NEST's seed-to-seed spread: our seed mean lies within 3
//! standard errors of the difference of the two means, s sqrt(1/n_NEST + 1/n_ours), with s
//! NEST's standard deviation over seeds. The parrot's spikes equal NEST's exactly.

use sc_neurocore_neurons::{BuildContext, ParamValue, Params, StepInput, lookup};
use serde_json::Value;

/// Our seeds for each source.
const SEEDS: [u64; 3] = [11, 12, 13];

fn reference(model: &str) -> Value {
    let path = format!(
        "{}/../../reference/generators_nest/{model}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Spike trains (ms, end of the step) of `n` neurons of `model` with parameters `params`,
/// for `t_ms` at `dt`, seed `seed`; no input.
fn trains(model: &str, params: &Value, n: usize, t_ms: f64, dt: f64, seed: u64) -> Vec<Vec<f64>> {
    let m = lookup(model).unwrap();
    let values: Vec<(String, ParamValue)> = params
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_f64().unwrap().into()))
        .collect();
    let params = Params::check(m, "test", n, values.iter().map(|(k, v)| (k.as_str(), v))).unwrap();
    let mut k = (m.build)(&BuildContext {
        params: &params,
        n,
        dt_ms: dt,
        seed,
        first_id: 0,
    });
    let zeros = vec![0.0; n];
    let mut spikes = Vec::new();
    let mut out = vec![Vec::new(); n];
    let steps = (t_ms / dt).round() as usize;
    for step in 0..steps {
        spikes.clear();
        k.step(
            &StepInput {
                jump: &zeros,
                current: &zeros,
            },
            &mut spikes,
        );
        let t = (step + 1) as f64 * dt;
        for &i in &spikes {
            out[i as usize].push(t);
        }
    }
    out
}

/// (name, value) statistics of spike trains, as `generators_nest.py` computes them.
fn statistics(
    trains: &[Vec<f64>],
    t_ms: f64,
    window: f64,
    frequency: Option<f64>,
) -> Vec<(&'static str, f64)> {
    let n = trains.len();
    let total: usize = trains.iter().map(Vec::len).sum();
    let rate = total as f64 / (n as f64 * t_ms * 1e-3);
    let isis: Vec<f64> = trains
        .iter()
        .flat_map(|s| s.windows(2).map(|w| w[1] - w[0]))
        .collect();
    let mean = isis.iter().sum::<f64>() / isis.len() as f64;
    let var = isis.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / isis.len() as f64;
    let cv = var.sqrt() / mean;
    let n_win = (t_ms / window).round() as usize;
    let mut counts = vec![0.0; n * n_win];
    for (i, s) in trains.iter().enumerate() {
        for &t in s {
            let w = ((t / window).floor() as usize).min(n_win - 1);
            counts[i * n_win + w] += 1.0;
        }
    }
    let cm = counts.iter().sum::<f64>() / counts.len() as f64;
    let cvar = counts.iter().map(|x| (x - cm).powi(2)).sum::<f64>() / counts.len() as f64;
    let mut out = vec![("rate_hz", rate), ("isi_cv", cv), ("fano", cvar / cm)];
    if let Some(f) = frequency {
        // A e^{i phi} = 2 i sum_k e^{-i 2 pi f t_k} / (N T).
        let (mut re, mut im) = (0.0, 0.0);
        for &t in trains.iter().flatten() {
            let a = std::f64::consts::TAU * f * t * 1e-3;
            re += a.cos();
            im -= a.sin();
        }
        let norm = 2.0 / (n as f64 * t_ms * 1e-3);
        // 2 i (re + i im) = -2 im + 2 i re
        let (zr, zi) = (-im * norm, re * norm);
        out.push(("amplitude_hz", zr.hypot(zi)));
        out.push(("phase_deg", zi.atan2(zr).to_degrees()));
    }
    out
}

fn mean_sd(x: &[f64]) -> (f64, f64) {
    let m = x.iter().sum::<f64>() / x.len() as f64;
    let v = x.iter().map(|y| (y - m).powi(2)).sum::<f64>() / (x.len() - 1).max(1) as f64;
    (m, v.sqrt())
}

#[test]
fn spike_sources_match_nest_generator_statistics() {
    let mut failures: Vec<String> = Vec::new();
    for model in [
        "poisson",
        "gamma_renewal",
        "poisson_dead_time",
        "sinusoidal_poisson",
    ] {
        let r = reference(model);
        let (n, t_ms, dt) = (
            r["n"].as_u64().unwrap() as usize,
            r["t_ms"].as_f64().unwrap(),
            r["dt_ms"].as_f64().unwrap(),
        );
        let window = r["count_window_ms"].as_f64().unwrap();
        let frequency = r["params"].get("frequency").map(|f| f.as_f64().unwrap());
        let ours: Vec<Vec<(&str, f64)>> = SEEDS
            .iter()
            .map(|&seed| {
                statistics(
                    &trains(model, &r["params"], n, t_ms, dt, seed),
                    t_ms,
                    window,
                    frequency,
                )
            })
            .collect();
        let nest = r["per_seed"].as_array().unwrap();
        for (j, &(name, _)) in ours[0].iter().enumerate() {
            let theirs: Vec<f64> = nest.iter().map(|s| s[name].as_f64().unwrap()).collect();
            let mine: Vec<f64> = ours.iter().map(|s| s[j].1).collect();
            let (m_nest, sd_nest) = mean_sd(&theirs);
            let (m_ours, sd_ours) = mean_sd(&mine);
            let se = sd_nest * (1.0 / theirs.len() as f64 + 1.0 / mine.len() as f64).sqrt();
            let line = format!(
                "{model} vs NEST {}: {name}: ours {m_ours:.5} (sd {sd_ours:.2e}, {} seeds), NEST \
                 {m_nest:.5} (sd {sd_nest:.2e}, {} seeds), |difference| {:.2e}, 3 SE {:.2e}",
                r["nest_model"].as_str().unwrap(),
                mine.len(),
                theirs.len(),
                (m_ours - m_nest).abs(),
                3.0 * se
            );
            eprintln!("{line}");
            if (m_ours - m_nest).abs() > 3.0 * se {
                failures.push(line);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// NEST's parrot_neuron, driven by a spike_generator through a connection with delay d,
/// repeats each input spike at t + d: the step in which it arrives. Ours, given the input as
/// a delta jump in that step, fires in it, at the same time.
#[test]
fn parrot_repeats_spikes_as_nest_does() {
    let r = reference("parrot");
    let (dt, delay) = (
        r["dt_ms"].as_f64().unwrap(),
        r["delay_ms"].as_f64().unwrap(),
    );
    let inputs = floats(&r["input_ms"]);
    let expected = floats(&r["parrot_ms"]);
    let m = lookup("parrot").unwrap();
    let params = Params::defaults(m, 1);
    let mut k = (m.build)(&BuildContext {
        params: &params,
        n: 1,
        dt_ms: dt,
        seed: 1,
        first_id: 0,
    });
    // The input spike at t arrives in the step that ends at t + delay.
    let arrive: Vec<usize> = inputs
        .iter()
        .map(|t| ((t + delay) / dt).round() as usize - 1)
        .collect();
    let steps = arrive.last().unwrap() + 10;
    let mut spikes = Vec::new();
    let mut times = Vec::new();
    for step in 0..steps {
        let jump = if arrive.contains(&step) { 1.0 } else { 0.0 };
        spikes.clear();
        k.step(
            &StepInput {
                jump: &[jump],
                current: &[0.0],
            },
            &mut spikes,
        );
        if !spikes.is_empty() {
            times.push((step + 1) as f64 * dt);
        }
    }
    assert_eq!(times.len(), expected.len());
    for (a, b) in times.iter().zip(&expected) {
        assert!((a - b).abs() < 1e-9, "ours {a} ms, NEST {b} ms");
    }
}
