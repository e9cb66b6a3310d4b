//! Spike times of the catalogue models that NEST 3.10 also has, against NEST's, under the
//! same protocol (one neuron, three current steps, four resolutions), from the reference data
//! that `scripts/reference/models_nest.py` writes to `reference/models_nest/`.
//!
//! Tolerance, from NEST's own convergence in dt. NEST at dt = 0.0125 ms is the reference
//! solution; NEST's own error at a coarser dt is how far its spikes there lie from it. At each
//! resolution dt, our spike count equals NEST's (at that dt or at the finest), and each of
//! our spikes lies within NEST's own error for that spike plus one step (both report a spike
//! at the end of the step in which it happened) of the reference, and their mean distance to
//! it is within NEST's mean own error plus half a step (the mean lateness of a spike reported
//! at the end of its step). A model that NEST integrates exactly, as we do (`iaf_psc_*`),
//! must give NEST's spike times at every dt to rounding.

use sc_neurocore_neurons::{BuildContext, ParamValue, Params, StepInput, lookup};
use serde_json::Value;

/// How to compare a model's spikes with NEST's.
#[derive(Clone, Copy, PartialEq)]
enum Compare {
    /// Spike times equal to NEST's to rounding: both integrate the model exactly.
    Exact,
    /// Spike times.
    Times,
    /// Spike times less their mean offset from NEST's, which must be under `max_ms`: for
    /// models whose spike detection differs from NEST's by a fixed phase of the action
    /// potential (NEST's `hh_psc_alpha` reports the peak, ours the upward crossing of 0 mV).
    Offset { max_ms: f64 },
}

/// (NEST model, our model, our parameter values, factor from NEST's pA to our input unit,
/// comparison).
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, f64)],
    f64,
    Compare,
);

const CASES: &[Case] = &[
    ("iaf_psc_delta", "lif", &[], 1.0, Compare::Exact),
    ("iaf_psc_exp", "iaf_psc_exp", &[], 1.0, Compare::Exact),
    ("iaf_psc_alpha", "iaf_psc_alpha", &[], 1.0, Compare::Exact),
    ("iaf_cond_exp", "iaf_cond_exp", &[], 1.0, Compare::Times),
    ("iaf_cond_alpha", "iaf_cond_alpha", &[], 1.0, Compare::Times),
    ("iaf_cond_beta", "iaf_cond_beta", &[], 1.0, Compare::Times),
    ("aeif_psc_exp", "aeif_psc_exp", &[], 1.0, Compare::Times),
    ("aeif_psc_alpha", "aeif_psc_alpha", &[], 1.0, Compare::Times),
    ("aeif_cond_exp", "aeif_cond_exp", &[], 1.0, Compare::Times),
    (
        "aeif_cond_alpha",
        "aeif_cond_alpha",
        &[],
        1.0,
        Compare::Times,
    ),
    ("mat2_psc_exp", "mat2_psc_exp", &[], 1.0, Compare::Times),
    ("amat2_psc_exp", "amat2_psc_exp", &[], 1.0, Compare::Times),
    // Ours reports the upward crossing of V_T + 30 mV, NEST the peak above it.
    (
        "hh_cond_exp_traub",
        "traub_miles",
        &[],
        1.0,
        Compare::Offset { max_ms: 0.5 },
    ),
    ("aeif_psc_delta", "adex", &[], 1.0, Compare::Times),
    // NEST's hh_psc_alpha is the same axon as 100 pF of membrane (C_m = 100 pF, g in nS =
    // 100 x our mS/cm^2 values), so 100 pA is 1 uA/cm^2; NEST's E_L is -54.402 mV.
    (
        "hh_psc_alpha",
        "hodgkin_huxley",
        &[("e_l", -54.402)],
        0.01,
        Compare::Offset { max_ms: 0.5 },
    ),
    ("izhikevich", "izhikevich", &[], 1.0, Compare::Times),
];

const RESOLUTIONS: [&str; 4] = ["0.1", "0.05", "0.025", "0.0125"];

fn reference(model: &str) -> Value {
    let path = format!(
        "{}/../../reference/models_nest/{model}.json",
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

/// Our spike times (ms) under the protocol of `r` at step `dt` (ms). As in NEST, a change of
/// the generator's current at time t acts from the step that starts at t + dt.
fn simulate(model: &str, given: &[(&str, f64)], scale: f64, r: &Value, dt: f64) -> Vec<f64> {
    let m = lookup(model).unwrap();
    let values: Vec<(&str, ParamValue)> = given.iter().map(|&(k, v)| (k, v.into())).collect();
    let params = Params::check(m, "test", 1, values.iter().map(|(k, v)| (*k, v))).unwrap();
    let mut k = (m.build)(&BuildContext {
        params: &params,
        n: 1,
        dt_ms: dt,
        seed: 1,
        first_id: 0,
    });
    let amps = floats(&r["amps_pa"]);
    let steps: Vec<Vec<f64>> = r["steps_ms"]
        .as_array()
        .unwrap()
        .iter()
        .map(floats)
        .collect();
    let n_steps = (r["simtime_ms"].as_f64().unwrap() / dt).round() as usize;
    let mut spikes = Vec::new();
    let mut times = Vec::new();
    for step in 0..n_steps {
        // The current during [step dt, (step + 1) dt) is the generator's at (step - 1) dt.
        let t = (step as f64 - 1.0) * dt + 1e-9;
        let current = steps
            .iter()
            .zip(&amps)
            .find(|(s, _)| s[0] <= t && t < s[1])
            .map_or(0.0, |(_, &a)| a * scale);
        spikes.clear();
        k.step(
            &StepInput {
                jump: &[0.0],
                current: &[current],
            },
            &mut spikes,
        );
        if !spikes.is_empty() {
            times.push((step + 1) as f64 * dt);
        }
    }
    times
}

#[test]
fn spike_times_agree_with_nest_within_its_own_dt_convergence() {
    // Every case is checked and every failure reported, not only the first.
    let mut failures: Vec<String> = Vec::new();
    for &(nest_model, ours, given, scale, compare) in CASES {
        let r = reference(nest_model);
        let finest = floats(&r["runs"][RESOLUTIONS[3]]);
        for res in &RESOLUTIONS[..3] {
            let dt: f64 = res.parse().unwrap();
            let nest = floats(&r["runs"][res]);
            let mine = simulate(ours, given, scale, &r, dt);
            let what = format!("{ours} vs NEST {nest_model} at dt = {dt} ms");
            if mine.len() != nest.len() && mine.len() != finest.len() {
                failures.push(format!(
                    "{what}: {} spikes, NEST {} (at dt = 0.0125 ms: {})\nours {mine:?}\nNEST {nest:?}",
                    mine.len(),
                    nest.len(),
                    finest.len()
                ));
                continue;
            }
            if compare == Compare::Exact {
                let differs = mine.len() != nest.len()
                    || mine.iter().zip(&nest).any(|(x, y)| (x - y).abs() > 1e-9);
                if differs {
                    failures.push(format!(
                        "{what}: not NEST's times\nours {mine:?}\nNEST {nest:?}"
                    ));
                }
                continue;
            }
            let pairs = mine.len().min(nest.len()).min(finest.len());
            let offset = match compare {
                Compare::Offset { .. } => {
                    (0..pairs).map(|k| mine[k] - finest[k]).sum::<f64>() / pairs.max(1) as f64
                }
                _ => 0.0,
            };
            if let Compare::Offset { max_ms } = compare
                && offset.abs() > max_ms
            {
                failures.push(format!(
                    "{what}: mean offset {offset:.4} ms over {max_ms} ms"
                ));
            }
            let (mut ours_sum, mut own_sum) = (0.0, 0.0);
            for k in 0..pairs {
                let ours = (mine[k] - offset - finest[k]).abs();
                let own = (nest[k] - finest[k]).abs();
                ours_sum += ours;
                own_sum += own;
                if ours > own + dt + 1e-9 {
                    failures.push(format!(
                        "{what}: spike {k}: ours {:.4} ms (less offset {offset:.4}), NEST {:.4} ms, \
                         reference (NEST at 0.0125 ms) {:.4} ms",
                        mine[k], nest[k], finest[k]
                    ));
                    break;
                }
            }
            let n = pairs.max(1) as f64;
            if ours_sum / n > own_sum / n + 0.5 * dt + 1e-9 {
                failures.push(format!(
                    "{what}: mean distance to the reference {:.4} ms, NEST's own {:.4} ms",
                    ours_sum / n,
                    own_sum / n
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
