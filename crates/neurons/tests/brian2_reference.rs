//! Spike times of catalogue models that NEST does not have, against Brian2 2.9.0's, under
//! the protocol of `nest_reference.rs` (one neuron, three current steps, four resolutions),
//! from the reference data that `scripts/reference/models_brian2.py` writes to
//! `reference/models_brian2/`. The Brian2 models are independent implementations of the
//! published equations with our default parameters, integrated by Brian2's own fixed-step
//! methods (`rk4`, or `exponential_euler` where Brian2's example of the model uses it).
//!
//! Tolerance, as in `nest_reference.rs`, from the reference simulator's own convergence in
//! dt. Brian2 at dt = 0.0125 ms is the reference solution; Brian2's own error at a coarser dt
//! is how far its spikes there lie from it. At each resolution dt, our spike count equals
//! Brian2's (at that dt or at the finest), each of our spikes lies within Brian2's own error
//! for that spike plus one step of the reference, and their mean distance to it is within
//! Brian2's mean own error plus half a step.
//!
//! Protocol alignment: Brian2 sets the current at the start of each step, so the current
//! during [k dt, (k + 1) dt) is the protocol's value at k dt (no delay, unlike NEST's
//! generator); the reference times are Brian2's spike times plus dt, the end of the step in
//! which the threshold was crossed, which is where we report a spike.

use sc_neurocore_neurons::{BuildContext, Params, StepInput, lookup};
use serde_json::Value;

#[path = "common/spike_match.rs"]
mod spike_match;

/// The models compared (the file name in `reference/models_brian2/` is the model's name).
///
/// Left out, with reference data written but failing the rule because Brian2's reference at
/// 0.0125 ms has not converged (ours has: our spike times at dt = 0.0125 and 0.005 ms agree
/// within 0.01 ms): `exp_if` and `izhikevich2007` (rk4 with the reset at the end of Brian2's
/// step, so the state runs past the threshold for up to a step before each reset: mean own
/// error at 0.025 ms still 0.23 ms for exp_if; ours is 0.33 ms from the reference, allowed
/// 0.24; izhikevich2007 0.034 ms, allowed 0.030), `connor_stevens` (exponential Euler, first
/// order: Brian2's counts 105, 112, 116, 117 at dt = 0.1 ... 0.0125 ms, ours 119 at every dt).
const MODELS: &[&str] = &[
    "morris_lecar",
    "fitzhugh_nagumo",
    "hindmarsh_rose",
    "qif",
    "wang_buzsaki",
];

fn reference(model: &str) -> Value {
    let path = format!(
        "{}/../../reference/models_brian2/{model}.json",
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

/// Our spike times (ms, end of the step) under the protocol of `r` at step `dt` (ms), with
/// our default parameters. As in Brian2, the current during [k dt, (k + 1) dt) is the
/// protocol's value at k dt.
fn simulate(model: &str, r: &Value, dt: f64) -> Vec<f64> {
    let m = lookup(model).unwrap();
    let params = Params::defaults(m, 1);
    let mut k = (m.build)(&BuildContext {
        params: &params,
        n: 1,
        dt_ms: dt,
        seed: 1,
        first_id: 0,
    });
    let amps = floats(&r["amps"]);
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
        let t = step as f64 * dt + 1e-9;
        let current = steps
            .iter()
            .zip(&amps)
            .find(|(s, _)| s[0] <= t && t < s[1])
            .map_or(0.0, |(_, &a)| a);
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

/// The resolutions of the reference data (ms, as the JSON keys), coarsest first.
fn resolutions(r: &Value) -> Vec<(String, f64)> {
    let mut res: Vec<(String, f64)> = r["runs"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (k.clone(), k.parse().unwrap()))
        .collect();
    res.sort_by(|a, b| b.1.total_cmp(&a.1));
    res
}

#[test]
fn spike_times_agree_with_brian2_within_its_own_dt_convergence() {
    // Every case is checked and every failure reported, not only the first.
    let mut failures: Vec<String> = Vec::new();
    for &model in MODELS {
        let r = reference(model);
        let res = resolutions(&r);
        let (finest_key, finest_dt) = res.last().unwrap();
        let finest = floats(&r["runs"][finest_key]);
        for (key, dt) in &res[..res.len() - 1] {
            let brian = floats(&r["runs"][key]);
            let mine = simulate(model, &r, *dt);
            let what = format!("{model} vs Brian2 at dt = {dt} ms (reference: {finest_dt} ms)");
            failures.extend(spike_match::compare(
                &what, &mine, &brian, &finest, *dt, 0.0,
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
