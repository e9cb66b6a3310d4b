//! Spike times of the catalogue models that NEST 3.10 also has, against NEST's, under the
//! same protocol (one neuron, three current steps, four resolutions), from the reference data
//! that `scripts/reference/models_nest.py` writes to `reference/models_nest/`.
//!
//! Tolerance, from NEST's own convergence in dt. NEST at dt = 0.0125 ms (or finer, where the
//! data go finer) is the reference solution; NEST's own error at a coarser dt is how far its
//! spikes there lie from it. At each resolution dt from 0.1 to 0.025 ms, our spike count
//! equals NEST's (at that dt or at the finest), each of NEST's spikes at the finest dt has
//! one of ours within NEST's own error for that spike plus one step (both report a spike at
//! the end of the step in which it happened), paired by nearest time, one to one (`common/spike_match.rs`: a missing or extra spike is reported as
//! such, by its time, and does not shift the later pairs), and the mean distance of the pairs
//! is within NEST's mean own error plus half a step (the mean lateness of a spike reported at
//! the end of its step). A model that NEST integrates exactly, as we do (`iaf_psc_*`),
//! must give NEST's spike times at every dt to rounding. NEST's `izhikevich` is forward
//! Euler, first order: its preset data go to 0.00078125 ms and say `first_order`, and each
//! spike's allowance then also holds the finest run's change from the run at twice its step
//! (its own first-order error estimate; see `common/spike_match.rs`).
//!
//! Presets (`presets_agree_with_nest_within_its_own_dt_convergence`): the AdEx firing
//! patterns of Naud et al. (2008) and Brette & Gerstner (2005) in NEST's `aeif_psc_delta`, and
//! the Izhikevich (2003, 2004) cells in NEST's `izhikevich`, each with NEST's parameters set
//! to the preset's (`nest_preset_references_use_our_preset_values` checks every one).
//!
//! The current steps act from exactly the protocol's times at every resolution (the data
//! schedule NEST's generator one step early; see `models_nest.py`), so NEST's own dt spread
//! is integration error, not a later onset at coarser steps.
//!
//! Two models have their own protocol: `parrot` (NEST's parrot_neuron fed by a spike
//! generator) and the escape-noise `gif_psc_exp` / `gif_cond_exp` (population statistics
//! within standard errors, see `gif_statistics_agree_with_nest_within_standard_errors`).

use sc_neurocore_neurons::{BuildContext, ParamValue, Params, StepInput, lookup};
use serde_json::Value;

#[path = "common/spike_match.rs"]
mod spike_match;
use spike_match::{floats, resolutions};

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

/// (reference file: the NEST model, or a name for one of its settings; our model, our
/// parameter values, factor from NEST's pA to our input unit, comparison).
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
    // exp_if is aeif_psc_delta with a = b = 0 (see `models_nest.py`).
    ("aeif_psc_delta_eif", "exp_if", &[], 1.0, Compare::Times),
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
    // NEST's ht_neuron adds its input current to tau_m dV/dt, as ours (input unit mV).
    ("ht_neuron", "hill_tononi", &[], 1.0, Compare::Times),
    // The GLIF levels: NEST's glif_psc / glif_cond with the level's switches and NEST's
    // defaults, which are ours. Both propagate V exactly, but NEST with the after-spike
    // currents' mean over the step (ours exactly) and glif_cond with GSL's RKF45.
    ("glif_psc_lif", "glif_lif", &[], 1.0, Compare::Exact),
    ("glif_psc_lif_r", "glif_lif_r", &[], 1.0, Compare::Exact),
    ("glif_psc_lif_asc", "glif_lif_asc", &[], 1.0, Compare::Times),
    (
        "glif_psc_lif_r_asc",
        "glif_lif_r_asc",
        &[],
        1.0,
        Compare::Times,
    ),
    (
        "glif_psc_lif_r_asc_a",
        "glif_lif_r_asc_a",
        &[],
        1.0,
        Compare::Times,
    ),
    ("glif_cond_lif", "glif_cond_lif", &[], 1.0, Compare::Times),
    (
        "glif_cond_lif_r",
        "glif_cond_lif_r",
        &[],
        1.0,
        Compare::Times,
    ),
    (
        "glif_cond_lif_asc",
        "glif_cond_lif_asc",
        &[],
        1.0,
        Compare::Times,
    ),
    (
        "glif_cond_lif_r_asc",
        "glif_cond_lif_r_asc",
        &[],
        1.0,
        Compare::Times,
    ),
    (
        "glif_cond_lif_r_asc_a",
        "glif_cond_lif_r_asc_a",
        &[],
        1.0,
        Compare::Times,
    ),
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

/// Our spike times (ms) under the protocol of `r` at step `dt` (ms). The reference data
/// schedule NEST's generator one step early, so that in NEST too the current during
/// [t, t + dt) is the protocol's value at t (see `models_nest.py`).
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
        let t = step as f64 * dt + 1e-9;
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

/// Our models are compared at the resolutions of the data down to this one (0.1, 0.05 and
/// 0.025 ms); the data may go finer, to a converged reference solution (its finest run).
const COARSEST_COMPARED: f64 = 0.025;

/// The failures of one case at every resolution of its reference data but the finest.
fn check_case(
    nest_model: &str,
    ours: &str,
    given: &[(&str, f64)],
    scale: f64,
    compare: Compare,
) -> Vec<String> {
    let mut failures = Vec::new();
    let r = reference(nest_model);
    let res = resolutions(&r);
    let finest_dt = res.last().unwrap().1;
    let runs = spike_match::Runs::of_reference(&r, &res);
    for (key, dt) in res[..res.len() - 1]
        .iter()
        .filter(|(_, dt)| *dt >= COARSEST_COMPARED)
    {
        let dt = *dt;
        let nest = floats(&r["runs"][key]);
        let mine = simulate(ours, given, scale, &r, dt);
        let what =
            format!("{ours} vs NEST {nest_model} at dt = {dt} ms (reference: {finest_dt} ms)");
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
        let offset = match compare {
            Compare::Offset { .. } => spike_match::mean_offset(&mine, &runs.finest),
            _ => 0.0,
        };
        if let Compare::Offset { max_ms } = compare
            && offset.abs() > max_ms
        {
            failures.push(format!(
                "{what}: mean offset {offset:.4} ms over {max_ms} ms"
            ));
        }
        failures.extend(spike_match::compare(&what, &mine, &nest, &runs, dt, offset));
    }
    failures
}

#[test]
fn spike_times_agree_with_nest_within_its_own_dt_convergence() {
    // Every case is checked and every failure reported, not only the first.
    let mut failures: Vec<String> = Vec::new();
    for &(nest_model, ours, given, scale, compare) in CASES {
        failures.extend(check_case(nest_model, ours, given, scale, compare));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Presets compared with NEST: (our model, the preset, the reference file, NEST's name of
/// each of our parameters). The reference file is `<NEST model>_<preset>` with NEST's
/// parameters set to the preset's (see `models_nest.py`).
type PresetCase = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// Our `adex` parameters in NEST's `aeif_psc_delta` (same units).
const ADEX_NAMES: &[(&str, &str)] = &[
    ("c_m", "C_m"),
    ("g_l", "g_L"),
    ("e_l", "E_L"),
    ("v_t", "V_th"),
    ("delta_t", "Delta_T"),
    ("tau_w", "tau_w"),
    ("a", "a"),
    ("b", "b"),
    ("v_reset", "V_reset"),
    ("v_peak", "V_peak"),
    ("t_ref", "t_ref"),
    ("i_e", "I_e"),
    ("v_init", "V_m"),
];

/// Our `izhikevich` parameters in NEST's `izhikevich` (NEST has f = 5 and g = 140 built in,
/// and its U_m must be b V_m, where ours starts; both checked in the mapping test).
const IZHIKEVICH_NAMES: &[(&str, &str)] = &[
    ("a", "a"),
    ("b", "b"),
    ("c", "c"),
    ("d", "d"),
    ("v_peak", "V_th"),
    ("i_e", "I_e"),
    ("v_init", "V_m"),
];

/// Left out, with data written: the Izhikevich `thalamo_cortical` and `resonator` cells, whose
/// fast trains (246 and 177 spikes) NEST's forward Euler has not resolved even at 0.00078125
/// ms: against a fine RK4 of the same equations (0.002 ms, agreeing with 0.001 ms to 1e-3 ms)
/// its finest run is up to 0.49 and 0.32 ms off, more than its first-order self-estimate (the
/// change from 0.0015625 ms) at one spike each (TC near 622.4 ms: 0.389 ms off, estimate
/// 0.346), while every spike of ours at dt = 0.025 ms lies within [0, dt] after that fine
/// solution's (checked when these cases were added).
const PRESET_CASES: &[PresetCase] = &[
    (
        "adex",
        "brette_gerstner_2005",
        "aeif_psc_delta_brette_gerstner_2005",
        ADEX_NAMES,
    ),
    ("adex", "tonic", "aeif_psc_delta_tonic", ADEX_NAMES),
    ("adex", "adapting", "aeif_psc_delta_adapting", ADEX_NAMES),
    (
        "adex",
        "initial_burst",
        "aeif_psc_delta_initial_burst",
        ADEX_NAMES,
    ),
    (
        "adex",
        "regular_bursting",
        "aeif_psc_delta_regular_bursting",
        ADEX_NAMES,
    ),
    (
        "adex",
        "delayed_accelerating",
        "aeif_psc_delta_delayed_accelerating",
        ADEX_NAMES,
    ),
    (
        "adex",
        "delayed_regular_bursting",
        "aeif_psc_delta_delayed_regular_bursting",
        ADEX_NAMES,
    ),
    ("adex", "transient", "aeif_psc_delta_transient", ADEX_NAMES),
    ("adex", "irregular", "aeif_psc_delta_irregular", ADEX_NAMES),
    (
        "izhikevich",
        "intrinsically_bursting",
        "izhikevich_intrinsically_bursting",
        IZHIKEVICH_NAMES,
    ),
    (
        "izhikevich",
        "chattering",
        "izhikevich_chattering",
        IZHIKEVICH_NAMES,
    ),
    (
        "izhikevich",
        "fast_spiking",
        "izhikevich_fast_spiking",
        IZHIKEVICH_NAMES,
    ),
    (
        "izhikevich",
        "low_threshold_spiking",
        "izhikevich_low_threshold_spiking",
        IZHIKEVICH_NAMES,
    ),
    (
        "izhikevich",
        "tonic_spiking",
        "izhikevich_tonic_spiking",
        IZHIKEVICH_NAMES,
    ),
    (
        "izhikevich",
        "tonic_bursting",
        "izhikevich_tonic_bursting",
        IZHIKEVICH_NAMES,
    ),
    (
        "izhikevich",
        "mixed_mode",
        "izhikevich_mixed_mode",
        IZHIKEVICH_NAMES,
    ),
    (
        "izhikevich",
        "spike_frequency_adaptation",
        "izhikevich_spike_frequency_adaptation",
        IZHIKEVICH_NAMES,
    ),
];

/// Our value of `name` under `preset` (its value, else the model's default).
fn preset_value(model: &str, preset: &str, name: &str) -> f64 {
    let m = lookup(model).unwrap();
    let p = m
        .preset(preset)
        .unwrap_or_else(|| panic!("{model}: no preset {preset}"));
    p.values
        .iter()
        .find(|(k, _)| *k == name)
        .map_or_else(|| m.param(name).unwrap().default, |&(_, v)| v)
}

/// The reference data were made with our preset's parameters: every parameter of ours that
/// NEST has equals NEST's value in the data (set by the script, or NEST's default), and the
/// parameters NEST does not have are at the values NEST builds in. (This also checks the
/// script's transcription of the published tables against our presets.)
#[test]
fn nest_preset_references_use_our_preset_values() {
    for &(model, preset, file, names) in PRESET_CASES {
        let r = reference(file);
        for &(ours, nest) in names {
            let nest_value = r["params"][nest]
                .as_f64()
                .unwrap_or_else(|| panic!("{file}: no {nest}"));
            assert_eq!(
                preset_value(model, preset, ours),
                nest_value,
                "{model} preset {preset}: {ours} vs NEST {nest}"
            );
        }
        if model == "izhikevich" {
            assert_eq!(preset_value(model, preset, "f"), 5.0, "{preset}");
            assert_eq!(preset_value(model, preset, "g"), 140.0, "{preset}");
            let u = preset_value(model, preset, "b") * preset_value(model, preset, "v_init");
            assert_eq!(r["params"]["U_m"].as_f64().unwrap(), u, "{preset}: U_m");
        }
    }
    // exp_if is aeif_psc_delta with a = b = 0 (w stays 0) and our defaults.
    let r = reference("aeif_psc_delta_eif");
    let m = lookup("exp_if").unwrap();
    for &(ours, nest) in ADEX_NAMES {
        let nest_value = r["params"][nest].as_f64().unwrap();
        match m.param(ours) {
            Some(p) => assert_eq!(p.default, nest_value, "exp_if {ours} vs NEST {nest}"),
            None => assert!(["tau_w", "a", "b"].contains(&ours), "{ours}"),
        }
    }
    assert_eq!(
        (r["params"]["a"].as_f64(), r["params"]["b"].as_f64()),
        (Some(0.0), Some(0.0))
    );
}

#[test]
fn presets_agree_with_nest_within_its_own_dt_convergence() {
    let mut failures: Vec<String> = Vec::new();
    for &(model, preset, file, _) in PRESET_CASES {
        let values = lookup(model).unwrap().preset(preset).unwrap().values;
        failures.extend(check_case(file, model, values, 1.0, Compare::Times));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// NEST's `parrot_neuron` fed by a spike_generator through a connection of one step's delay:
/// it repeats each input spike at its arrival, input time + one step. Ours, fed the same
/// spikes as delta input at the step they arrive in, reports a spike at the end of that
/// step, which is NEST's time. NEST sends several spikes arriving in one step as one event
/// of that multiplicity, which its spike recorder lists once per spike; our engine has no
/// multiplicity (one spike per neuron and step, see `parrot.rs`), so ours fires once in each
/// such step: our times are NEST's distinct times.
#[test]
fn parrot_repeats_its_input_as_nest_parrot_neuron() {
    let r = reference("parrot_neuron");
    let input = floats(&r["input_ms"]);
    let simtime = r["simtime_ms"].as_f64().unwrap();
    for res in RESOLUTIONS {
        let dt: f64 = res.parse().unwrap();
        let nest = floats(&r["runs"][res]);
        let m = lookup("parrot").unwrap();
        let params = Params::defaults(m, 1);
        let mut k = (m.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: dt,
            seed: 1,
            first_id: 0,
        });
        let (mut spikes, mut mine) = (Vec::new(), Vec::new());
        for step in 0..(simtime / dt).round() as usize {
            // An input spike at t arrives one step later, in the step [t, t + dt).
            let arriving = input
                .iter()
                .filter(|&&t| (t / dt).round() as usize == step)
                .count();
            spikes.clear();
            k.step(
                &StepInput {
                    jump: &[arriving as f64],
                    current: &[0.0],
                },
                &mut spikes,
            );
            if !spikes.is_empty() {
                mine.push((step + 1) as f64 * dt);
            }
        }
        let mut distinct = nest.clone();
        distinct.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        assert!(
            distinct.len() < nest.len(),
            "the reference has steps with several spikes"
        );
        assert_eq!(
            mine.len(),
            distinct.len(),
            "dt = {dt}: ours {mine:?}, NEST {nest:?}"
        );
        for (a, b) in mine.iter().zip(&distinct) {
            assert!(
                (a - b).abs() < 1e-9,
                "dt = {dt}: ours {mine:?}, NEST {nest:?}"
            );
        }
    }
}

/// The three statistics of `scripts/reference/models_nest.py` (`gif_statistics`), for each
/// current step: (mean, standard error over neurons) of the rate (Hz), of each neuron's mean
/// interval (ms; neurons with at least two spikes in the step) and of the first-spike latency
/// after the step's onset (ms; neurons that fired in it).
fn gif_statistics(times: &[Vec<f64>], steps: &[Vec<f64>]) -> Vec<[(f64, f64); 3]> {
    let mean_se = |x: &[f64]| {
        let n = x.len() as f64;
        let mean = x.iter().sum::<f64>() / n;
        let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, (var / n).sqrt())
    };
    steps
        .iter()
        .map(|s| {
            let (mut rate, mut isi, mut latency) = (vec![], vec![], vec![]);
            for t in times {
                let t: Vec<f64> = t
                    .iter()
                    .copied()
                    .filter(|&t| t > s[0] && t <= s[1])
                    .collect();
                rate.push(t.len() as f64 / (s[1] - s[0]) * 1000.0);
                if t.len() >= 2 {
                    isi.push((t[t.len() - 1] - t[0]) / (t.len() - 1) as f64);
                }
                if let Some(first) = t.first() {
                    latency.push(first - s[0]);
                }
            }
            [mean_se(&rate), mean_se(&isi), mean_se(&latency)]
        })
        .collect()
}

/// NEST's `gif_psc_exp` and `gif_cond_exp` (escape noise) against ours, as populations of
/// independent neurons (each with its own random stream) with the Mensi et al. (2012) fit of
/// NEST's gif_population example (our preset `mensi_2012`), under NEST's three current steps
/// at dt = 0.1 ms: the mean rate, mean interval and first-spike latency of each step agree
/// within Z = 3.5 combined standard errors (ours and NEST's, over neurons). Z is fixed for
/// the whole family of 18 comparisons: a two-sided 3.5-sigma bound fails by chance with
/// probability 4.7e-4 each, under 1 % for all of them, while with 2000 neurons on each side
/// it rejects a rate 2-6 % off. NEST's own statistics at dt = 0.025 ms, also in the data, lie
/// within the same bound of its 0.1 ms ones (the reference has converged in dt).
#[test]
fn gif_statistics_agree_with_nest_within_standard_errors() {
    const Z: f64 = 3.5;
    // NEST name -> ours; NEST takes lambda_0 in 1/s, ours in 1/ms.
    let names = [
        ("C_m", "c_m"),
        ("g_L", "g_l"),
        ("E_L", "e_l"),
        ("Delta_V", "delta_v"),
        ("V_T_star", "v_t_star"),
        ("t_ref", "t_ref"),
        ("V_reset", "v_reset"),
        ("tau_syn_ex", "tau_syn_ex"),
    ];
    let mut failures = Vec::new();
    for model in ["gif_psc_exp", "gif_cond_exp"] {
        let r = reference(model);
        let m = lookup(model).unwrap();
        let preset = m.preset("mensi_2012").unwrap();
        let ours = |name: &str| {
            preset
                .values
                .iter()
                .find(|(k, _)| *k == name)
                .unwrap_or_else(|| panic!("{model}: preset without {name}"))
                .1
        };
        // The preset is NEST's parameter set.
        let nest_params = &r["params"];
        for (nest_name, name) in names {
            assert_eq!(
                ours(name),
                nest_params[nest_name].as_f64().unwrap(),
                "{name}"
            );
        }
        assert_eq!(
            ours("lambda_0"),
            nest_params["lambda_0"].as_f64().unwrap() / 1000.0
        );
        for (list, base) in [
            ("q_stc", "q_stc"),
            ("tau_stc", "tau_stc"),
            ("q_sfa", "q_sfa"),
            ("tau_sfa", "tau_sfa"),
        ] {
            let v = floats(&nest_params[list]);
            for (j, x) in v.iter().enumerate() {
                assert_eq!(ours(&format!("{base}_{}", j + 1)), *x, "{list}[{j}]");
            }
        }
        let n = r["neurons"].as_u64().unwrap() as usize;
        let values: Vec<(&str, ParamValue)> =
            preset.values.iter().map(|&(k, v)| (k, v.into())).collect();
        let params = Params::check(m, "test", n, values.iter().map(|(k, v)| (*k, v))).unwrap();
        let dt = 0.1;
        let mut k = (m.build)(&BuildContext {
            params: &params,
            n,
            dt_ms: dt,
            seed: 7,
            first_id: 0,
        });
        let amps = floats(&r["amps_pa"]);
        let steps: Vec<Vec<f64>> = r["steps_ms"]
            .as_array()
            .unwrap()
            .iter()
            .map(floats)
            .collect();
        let mut times = vec![Vec::new(); n];
        let (jump, mut spikes) = (vec![0.0; n], Vec::new());
        for step in 0..(r["simtime_ms"].as_f64().unwrap() / dt).round() as usize {
            // NEST's generator acts one step late (see `simulate`).
            let t = (step as f64 - 1.0) * dt + 1e-9;
            let current = steps
                .iter()
                .zip(&amps)
                .find(|(s, _)| s[0] <= t && t < s[1])
                .map_or(0.0, |(_, &a)| a);
            spikes.clear();
            k.step(
                &StepInput {
                    jump: &jump,
                    current: &vec![current; n],
                },
                &mut spikes,
            );
            for &i in &spikes {
                times[i as usize].push((step + 1) as f64 * dt);
            }
        }
        let mine = gif_statistics(&times, &steps);
        let stat = |res: &str, w: usize, s: usize| {
            let key = ["rate_hz", "mean_isi_ms", "latency_ms"][s];
            let v = &r["statistics"][res][w][key];
            (v["mean"].as_f64().unwrap(), v["se"].as_f64().unwrap())
        };
        for (w, window) in mine.iter().enumerate() {
            for (s, &(ours, se_ours)) in window.iter().enumerate() {
                let what = ["rate (Hz)", "mean interval (ms)", "latency (ms)"][s];
                let (nest, se_nest) = stat("0.1", w, s);
                let (nest_fine, se_fine) = stat("0.025", w, s);
                let bound = Z * (se_ours * se_ours + se_nest * se_nest).sqrt();
                eprintln!(
                    "{model} step {w} {what}: ours {ours:.3} +- {se_ours:.3}, NEST {nest:.3} \
                     +- {se_nest:.3} (dt 0.025: {nest_fine:.3}), bound {bound:.3}"
                );
                if (ours - nest).abs() > bound {
                    failures.push(format!(
                        "{model}, current step {w}, {what}: ours {ours:.4} +- {se_ours:.4}, \
                         NEST {nest:.4} +- {se_nest:.4}, over {Z} combined standard errors"
                    ));
                }
                let own = Z * (se_fine * se_fine + se_nest * se_nest).sqrt();
                assert!(
                    (nest_fine - nest).abs() <= own,
                    "{model} step {w} {what}: NEST at dt 0.1 and 0.025 ms differ"
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
