//! Our `snntorch_leaky`, `snntorch_synaptic` and `snntorch_alpha` against snnTorch's own
//! `Leaky`, `Synaptic` and `Alpha` (the iterates that `scripts/reference/snntorch_neurons.py`
//! writes to `reference/snntorch/`): one neuron per case, one iterate per network step
//! (dt = t_step = 1 ms), and again at dt = 0.25 ms with each input held over the four
//! network steps of its period.
//!
//! The spike trains must be identical. The membrane traces must agree to snnTorch's
//! float32 rounding (we compute in f64 from the same float32 parameters and inputs): each
//! iterate rounds at most 5 float32 operations on numbers of magnitude at most M (the
//! largest |state| of the case, + 1) with unit roundoff u = 2^-24, and an error made at one
//! iterate decays by at least the largest decay factor d per later iterate, so the
//! accumulated difference is at most 5 u M / (1 - d), times tau_alpha for `Alpha` (whose
//! membrane is tau_alpha times the current sum). The bound is applied with a factor 2 of
//! slack; a 10 % (or 1e-3) error fails it by orders of magnitude.

use sc_neurocore_neurons::{BuildContext, ParamValue, Params, StepInput, lookup};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!(
        "{}/../../reference/snntorch/{name}.json",
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

/// Runs `model` with `params` on `input` (one value per iterate) at step `dt` ms (t_step =
/// 1 ms); the iterates that spiked and the membrane after each iterate.
fn simulate(
    model: &str,
    params: &[(String, f64)],
    input: &[f64],
    dt: f64,
) -> (Vec<usize>, Vec<f64>) {
    let m = lookup(model).unwrap();
    let values: Vec<(&str, ParamValue)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), (*v).into()))
        .collect();
    let p = Params::check(m, "test", 1, values.iter().map(|(k, v)| (*k, v))).unwrap();
    let mut k = (m.build)(&BuildContext {
        params: &p,
        n: 1,
        dt_ms: dt,
        seed: 1,
        first_id: 0,
    });
    let per = (1.0 / dt).round() as usize;
    let mut spikes = Vec::new();
    let (mut fired, mut mem) = (Vec::new(), Vec::new());
    for (t, &x) in input.iter().enumerate() {
        for _ in 0..per {
            spikes.clear();
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[x],
                },
                &mut spikes,
            );
            if !spikes.is_empty() {
                fired.push(t);
            }
        }
        mem.push(k.var(0)[0]);
    }
    (fired, mem)
}

fn check(name: &str) {
    let r = load(name);
    for (c, case) in r["cases"].as_array().unwrap().iter().enumerate() {
        let params: Vec<(String, f64)> = case["params"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
            .collect();
        let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|p| p.1);
        let input = floats(&case["input"]);
        let want_mem = floats(&case["mem"]);
        let want_spikes: Vec<usize> = case["spikes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as usize)
            .collect();
        let decay = get("alpha").unwrap_or(0.0).max(get("beta").unwrap());
        let tau_alpha = if name == "snntorch_alpha" {
            let (a, b) = (get("alpha").unwrap().ln(), get("beta").unwrap().ln());
            a / (b - a) + 1.0
        } else {
            1.0
        };
        let big = want_mem.iter().fold(0.0f64, |m, x| m.max(x.abs())) + 1.0;
        // 5 u M / (1 - d) (times tau_alpha), with a factor 2 of slack; u = 2^-24.
        let u = f32::EPSILON as f64 / 2.0;
        let tol = 2.0 * 5.0 * u * big * tau_alpha.max(1.0) / (1.0 - decay);
        for dt in [1.0, 0.25] {
            let (spikes, mem) = simulate(name, &params, &input, dt);
            assert_eq!(
                spikes, want_spikes,
                "{name} case {c} dt {dt}: spike trains differ"
            );
            let worst = mem
                .iter()
                .zip(&want_mem)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            eprintln!(
                "{name} case {c} dt {dt}: {} spikes, max |dU| = {worst:.2e} (tol {tol:.2e})",
                spikes.len()
            );
            assert!(
                worst <= tol,
                "{name} case {c} dt {dt}: max |dU| = {worst} > {tol}"
            );
        }
    }
}

#[test]
fn leaky_matches_snntorch() {
    check("snntorch_leaky");
}

#[test]
fn synaptic_matches_snntorch() {
    check("snntorch_synaptic");
}

#[test]
fn alpha_matches_snntorch() {
    check("snntorch_alpha");
}
