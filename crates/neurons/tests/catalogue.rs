//! Catalogue-wide tests: every model in `MODELS`, whoever added it (NEST's testsuite
//! approach). The loops are generic; the few per-model entries below are tables, and a
//! table entry that exempts a model from a check carries its reason.

use sc_neurocore_neurons::{
    BuildContext, MODELS, ModelInfo, NeuronKernel, NoDrive, ParamValue, Params, StepInput, lookup,
};

/// Constant currents, in the model's input unit, with which the claim of a model that declares
/// `no_drive` is checked (both signs).
const LADDER: [f64; 13] = [
    0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0,
];

/// A model's declared `drive` must make it fire within this time (ms).
const PROBE_MS: f64 = 100.0;

fn object(model: &ModelInfo) -> String {
    format!("Population 'p' ({})", model.name)
}

fn kernel(params: &Params, dt_ms: f64, seed: u64, first_id: u64) -> Box<dyn NeuronKernel> {
    (params.model().build)(&BuildContext {
        params,
        n: params.len(),
        dt_ms,
        seed,
        first_id,
    })
}

/// Runs `steps` steps with constant `current` per neuron and no jumps; returns the step
/// index of each neuron's first spike.
fn first_spikes(k: &mut dyn NeuronKernel, current: &[f64], steps: usize) -> Vec<Option<usize>> {
    let jump = vec![0.0; current.len()];
    let input = StepInput {
        jump: &jump,
        current,
    };
    let mut first = vec![None; current.len()];
    let mut spikes = Vec::new();
    for step in 0..steps {
        spikes.clear();
        k.step(&input, &mut spikes);
        for &i in &spikes {
            first[i as usize].get_or_insert(step);
        }
        if first.iter().all(Option::is_some) {
            break;
        }
    }
    first
}

fn is_snake_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

fn state_bits(k: &dyn NeuronKernel, model: &ModelInfo) -> Vec<u64> {
    (0..model.state.len())
        .flat_map(|s| k.var(s).iter().map(|x| x.to_bits()))
        .collect()
}

/// Spike steps of `n` neurons of `model` (defaults) held at `current` for `ms` at step `dt`,
/// no jumps: for each step, the neurons that fired.
fn spike_train(
    model: &'static ModelInfo,
    n: usize,
    current: f64,
    dt: f64,
    ms: f64,
) -> Vec<Vec<u32>> {
    let params = Params::defaults(model, n);
    let mut k = kernel(&params, dt, 1, 0);
    let current = vec![current; n];
    let jump = vec![0.0; n];
    let input = StepInput {
        jump: &jump,
        current: &current,
    };
    (0..(ms / dt).round() as usize)
        .map(|_| {
            let mut spikes = Vec::new();
            k.step(&input, &mut spikes);
            spikes
        })
        .collect()
}

/// Every model declares either the constant input that makes it fire (`drive`) or why there
/// is none (`no_drive`), never both (`model!` enforces it at compile time; this covers models
/// written out by hand).
#[test]
fn every_model_declares_a_drive_or_why_not() {
    for m in MODELS {
        assert!(
            m.drive.is_some() != m.no_drive.is_some(),
            "{}: declare its `drive` (a constant input that makes it fire) or, if no input \
             does, `no_drive` (why); drive = {:?}, no_drive = {:?}",
            m.name,
            m.drive,
            m.no_drive
        );
        if let Some(i) = m.drive {
            assert!(i.is_finite(), "{}: drive {i}", m.name);
        }
    }
}

/// A declared `drive` makes the model (defaults, seed 1) fire within `PROBE_MS`.
#[test]
fn declared_drive_makes_the_model_fire() {
    for m in MODELS {
        let Some(i) = m.drive else { continue };
        let fired = spike_train(m, 1, i, 0.05, PROBE_MS)
            .iter()
            .any(|s| !s.is_empty());
        assert!(
            fired,
            "{}: no spike within {PROBE_MS} ms at its drive {i} {}",
            m.name, m.input_unit
        );
    }
}

/// What a model without a `drive` declares is true for every constant current of the ladder
/// (both signs):
/// - `EmitsNoSpikes`: it never fires (and is not declared `spontaneous`);
/// - `IgnoresCurrent`: its spike train (same seed) is the one it has at zero input;
/// - `BinaryUnit`: it fires at zero input and no current makes it fire more (100 neurons over
///   1 s, same seed, so that the counts differ only through the current; a margin of four
///   Poisson standard deviations of the count at zero input).
#[test]
fn models_without_a_drive_behave_as_declared() {
    let currents = || LADDER.into_iter().flat_map(|i| [i, -i]);
    for m in MODELS {
        let Some(why) = m.no_drive else { continue };
        match why {
            NoDrive::EmitsNoSpikes => {
                assert!(
                    m.spontaneous.is_none(),
                    "{}: declared spontaneous but emits no spikes",
                    m.name
                );
                for i in currents().chain([0.0]) {
                    let spikes: usize = spike_train(m, 1, i, 0.05, PROBE_MS)
                        .iter()
                        .map(Vec::len)
                        .sum();
                    assert_eq!(spikes, 0, "{}: {spikes} spikes at input {i}", m.name);
                }
            }
            NoDrive::IgnoresCurrent => {
                let rest = spike_train(m, 4, 0.0, 0.05, PROBE_MS);
                for i in currents() {
                    assert!(
                        spike_train(m, 4, i, 0.05, PROBE_MS) == rest,
                        "{}: input {i} changes its spikes",
                        m.name
                    );
                }
            }
            NoDrive::BinaryUnit => {
                let count = |i: f64| -> f64 {
                    spike_train(m, 100, i, 0.1, 1000.0)
                        .iter()
                        .map(Vec::len)
                        .sum::<usize>() as f64
                };
                let rest = count(0.0);
                assert!(rest > 0.0, "{}: silent at zero input", m.name);
                for i in currents() {
                    let c = count(i);
                    assert!(
                        c <= rest + 4.0 * rest.sqrt(),
                        "{}: {c} spikes at input {i}, {rest} at zero input",
                        m.name
                    );
                }
            }
        }
    }
}

#[test]
fn registry_is_alphabetical_with_unique_names() {
    assert!(!MODELS.is_empty());
    for pair in MODELS.windows(2) {
        assert!(
            pair[0].name < pair[1].name,
            "MODELS must be sorted by key without duplicates: '{}' before '{}'",
            pair[0].name,
            pair[1].name
        );
    }
    for (i, m) in MODELS.iter().enumerate() {
        assert!(
            is_snake_case(m.name),
            "model key '{}' is not snake_case",
            m.name
        );
        assert!(
            m.class_name.starts_with(|c: char| c.is_ascii_uppercase())
                && m.class_name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{}: class name '{}' is not CamelCase",
            m.name,
            m.class_name
        );
        assert!(
            MODELS[..i].iter().all(|o| o.class_name != m.class_name),
            "class name '{}' used twice",
            m.class_name
        );
        assert!(std::ptr::eq(lookup(m.name).unwrap(), *m));
        assert!(
            m.module
                .ends_with(&format!("::models::{}::{}", m.family, m.name)),
            "model '{}' is defined in {}: a model's file is src/models/<family>/<name>.rs",
            m.name,
            m.module
        );
        assert!(std::ptr::eq(lookup(m.class_name).unwrap(), *m));
    }
}

#[test]
fn metadata_is_complete() {
    for m in MODELS {
        let name = m.name;
        for (what, text) in [
            ("family", m.family),
            ("summary", m.summary),
            ("citation", m.citation),
            ("input_unit", m.input_unit),
        ] {
            assert!(!text.trim().is_empty(), "{name}: empty {what}");
        }
        assert!(!m.state.is_empty(), "{name}: no state variable");
        assert!(
            m.membrane < m.state.len(),
            "{name}: membrane index out of bounds"
        );
        let params = m.params.iter().map(|p| (p.name, p.unit, p.doc));
        let state = m.state.iter().map(|s| (s.name, s.unit, s.doc));
        for (kind, list) in [
            ("parameter", params.collect::<Vec<_>>()),
            ("state variable", state.collect()),
        ] {
            for (i, &(var, unit, doc)) in list.iter().enumerate() {
                assert!(
                    is_snake_case(var),
                    "{name}: {kind} '{var}' is not snake_case"
                );
                assert!(
                    !unit.trim().is_empty(),
                    "{name}: {kind} '{var}' has no unit"
                );
                assert!(!doc.trim().is_empty(), "{name}: {kind} '{var}' has no doc");
                assert!(
                    list[..i].iter().all(|o| o.0 != var),
                    "{name}: {kind} '{var}' listed twice"
                );
            }
        }
        for p in m.params {
            assert!(
                p.range.contains(p.default),
                "{name}: default {} = {} outside its range {}",
                p.name,
                p.default,
                p.range
            );
        }
    }
}

#[test]
fn defaults_and_presets_pass_check() {
    for m in MODELS {
        Params::check(m, &object(m), 3, []).unwrap_or_else(|e| panic!("defaults: {e}"));
        for (i, preset) in m.presets.iter().enumerate() {
            let what = format!("{}: preset '{}'", m.name, preset.name);
            assert!(is_snake_case(preset.name), "{what}: name not snake_case");
            assert!(!preset.doc.trim().is_empty(), "{what}: no doc");
            assert!(
                m.presets[..i].iter().all(|o| o.name != preset.name),
                "{what}: listed twice"
            );
            let values: Vec<(&str, ParamValue)> = preset
                .values
                .iter()
                .map(|&(k, v)| (k, ParamValue::Scalar(v)))
                .collect();
            for (k, (name, _)) in values.iter().enumerate() {
                assert!(
                    values[..k].iter().all(|o| o.0 != *name),
                    "{what}: '{name}' given twice"
                );
            }
            Params::check(m, &object(m), 2, values.iter().map(|(k, v)| (*k, v)))
                .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
    }
}

/// Defaults, zero input, 1 s at dt = 0.1 ms and at dt = 1 ms: every state variable stays
/// finite at every step, and only the models that declare why they are `spontaneous` fire.
#[test]
fn zero_input_stays_finite_and_silent() {
    for m in MODELS {
        let params = Params::defaults(m, 1);
        let spontaneous = m.spontaneous.is_some();
        for dt in [0.1, 1.0] {
            let mut k = kernel(&params, dt, 1, 0);
            let input = StepInput {
                jump: &[0.0],
                current: &[0.0],
            };
            let mut spikes = Vec::new();
            for step in 0..(1000.0 / dt) as usize {
                k.step(&input, &mut spikes);
                for (s, spec) in m.state.iter().enumerate() {
                    let x = k.var(s)[0];
                    assert!(
                        x.is_finite(),
                        "{}: {} = {x} after {} ms at dt = {dt} ms",
                        m.name,
                        spec.name,
                        (step + 1) as f64 * dt
                    );
                }
            }
            assert!(
                spontaneous || spikes.is_empty(),
                "{}: {} spikes with zero input at dt = {dt} ms (declare `spontaneous` \
                 with the reason if that is the model's published behaviour)",
                m.name,
                spikes.len()
            );
        }
    }
}

/// Two kernels built alike and fed the same varying input (currents around the drive
/// current, jumps of both signs) end in bit-identical states with identical spikes.
#[test]
fn kernels_are_deterministic() {
    let n = 4;
    for m in MODELS {
        let i0 = m.drive.unwrap_or(1.0);
        let params = Params::defaults(m, n);
        let mut a = kernel(&params, 0.1, 7, 100);
        let mut b = kernel(&params, 0.1, 7, 100);
        let (mut sa, mut sb) = (Vec::new(), Vec::new());
        let mut lcg = 12345u64;
        for step in 0..2000 {
            let mut next = || {
                lcg = lcg
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (lcg >> 11) as f64 / (1u64 << 53) as f64
            };
            let current: Vec<f64> = (0..n).map(|_| i0 * 2.0 * next()).collect();
            let jump: Vec<f64> = (0..n)
                .map(|_| if step % 50 == 0 { next() - 0.5 } else { 0.0 })
                .collect();
            let input = StepInput {
                jump: &jump,
                current: &current,
            };
            a.step(&input, &mut sa);
            b.step(&input, &mut sb);
        }
        assert_eq!(sa, sb, "{}: spikes differ", m.name);
        assert_eq!(
            state_bits(a.as_ref(), m),
            state_bits(b.as_ref(), m),
            "{}: states differ",
            m.name
        );
    }
}

/// Parameters of `n` neurons of `model`: the even ones at the defaults, the odd ones with
/// each parameter 3 % off its default (0.01 for a zero default) where the model accepts it.
fn alternating_parameters(model: &'static ModelInfo, n: usize) -> Params {
    let o = object(model);
    let given = |second: &[f64]| -> Vec<(&str, ParamValue)> {
        model
            .params
            .iter()
            .zip(second)
            .map(|(p, &v)| {
                let values = (0..n).map(|i| if i % 2 == 1 { v } else { p.default });
                (p.name, ParamValue::PerNeuron(values.collect()))
            })
            .collect()
    };
    let mut second: Vec<f64> = model.params.iter().map(|p| p.default).collect();
    for k in 0..second.len() {
        let old = second[k];
        second[k] = if old == 0.0 { 0.01 } else { old * 1.03 };
        let g = given(&second);
        if Params::check(model, &o, n, g.iter().map(|(k, v)| (*k, v))).is_err() {
            second[k] = old;
        }
    }
    let g = given(&second);
    Params::check(model, &o, n, g.iter().map(|(k, v)| (*k, v))).unwrap()
}

/// A population's kernel, whose loop runs several neurons per instruction where the model's
/// step allows it, gives each neuron exactly the spikes and the state bits of a kernel of that
/// neuron alone (a one-neuron loop runs one neuron at a time): with uniform and with
/// per-neuron parameters, under currents around the drive and jumps of both signs that vary
/// by neuron and step. 37 neurons: not a multiple of a vector width.
#[test]
fn population_kernels_equal_neurons_one_at_a_time() {
    const N: usize = 37;
    const STEPS: usize = 500;
    const DT: f64 = 0.1;
    for m in MODELS {
        let i0 = m.drive.unwrap_or(1.0);
        let current = |i: usize, step: usize| i0 * (0.5 + ((i * 7 + step * 3) % 11) as f64 / 10.0);
        let jump = |i: usize, step: usize| {
            if (i + step).is_multiple_of(23) {
                ((i * 5 + step) % 7) as f64 / 6.0 - 0.5
            } else {
                0.0
            }
        };
        for per_neuron in [false, true] {
            let params = if per_neuron {
                alternating_parameters(m, N)
            } else {
                Params::defaults(m, N)
            };
            let what = if per_neuron { "per-neuron" } else { "uniform" };
            let mut whole = kernel(&params, DT, 5, 1000);
            let mut alone: Vec<_> = (0..N)
                .map(|i| kernel(&params.slice(i..i + 1), DT, 5, 1000 + i as u64))
                .collect();
            let mut fired = 0;
            for step in 0..STEPS {
                let c: Vec<f64> = (0..N).map(|i| current(i, step)).collect();
                let j: Vec<f64> = (0..N).map(|i| jump(i, step)).collect();
                let mut spikes = Vec::new();
                whole.step(
                    &StepInput {
                        jump: &j,
                        current: &c,
                    },
                    &mut spikes,
                );
                fired += spikes.len();
                for (i, k) in alone.iter_mut().enumerate() {
                    let mut one = Vec::new();
                    k.step(
                        &StepInput {
                            jump: &j[i..i + 1],
                            current: &c[i..i + 1],
                        },
                        &mut one,
                    );
                    assert_eq!(
                        spikes.contains(&(i as u32)),
                        !one.is_empty(),
                        "{} ({what}): neuron {i} spikes differently alone at step {step}",
                        m.name
                    );
                }
            }
            for (i, k) in alone.iter().enumerate() {
                for s in 0..m.state.len() {
                    assert_eq!(
                        whole.var(s)[i].to_bits(),
                        k.var(s)[0].to_bits(),
                        "{} ({what}): state '{}' of neuron {i} differs from the neuron alone",
                        m.name,
                        m.state[s].name
                    );
                }
            }
            if m.drive.is_some() && !m.stochastic && fired == 0 {
                eprintln!("{} ({what}): no spike in the comparison", m.name);
            }
        }
    }
}

/// A population with per-neuron parameters behaves, neuron by neuron, exactly like kernels
/// built for its slices (as when a population is split across threads or ranks): derived
/// constants are per neuron and nothing depends on the other neurons of the kernel.
#[test]
fn per_neuron_parameters_match_slices() {
    for m in MODELS {
        let params = alternating_parameters(m, 2);
        let i0 = m.drive.unwrap_or(1.0);
        let run = |k: &mut dyn NeuronKernel, current: &[f64]| -> Vec<Vec<u32>> {
            let jump = vec![0.0; current.len()];
            let input = StepInput {
                jump: &jump,
                current,
            };
            (0..1000)
                .map(|_| {
                    let mut s = Vec::new();
                    k.step(&input, &mut s);
                    s
                })
                .collect()
        };
        let mut whole = kernel(&params, 0.1, 3, 10);
        let both = run(whole.as_mut(), &[i0, i0]);
        for i in 0..2 {
            let mut part = kernel(&params.slice(i..i + 1), 0.1, 3, 10 + i as u64);
            let alone = run(part.as_mut(), &[i0]);
            for (step, (b, a)) in both.iter().zip(&alone).enumerate() {
                assert_eq!(
                    b.contains(&(i as u32)),
                    a.contains(&0),
                    "{}: neuron {i} spikes differently alone at step {step}",
                    m.name
                );
            }
            for s in 0..m.state.len() {
                assert_eq!(
                    whole.var(s)[i].to_bits(),
                    part.var(s)[0].to_bits(),
                    "{}: state '{}' of neuron {i} differs from its slice",
                    m.name,
                    m.state[s].name
                );
            }
        }
    }
}

/// First-spike times under a constant suprathreshold current converge as dt shrinks.
///
/// Spikes are reported at the end of the step in which the threshold is crossed, so a first
/// spike time at step dt is the converged time plus a quantisation error in [0, dt) plus the
/// integration error. 128 neurons get currents spread over [I, 1.3 I], which spreads their
/// quantisation errors over [0, dt); t(dt) is each neuron's first spike at step dt.
/// - Successive discrepancies shrink: mean |t(0.05) - t(0.025)| < mean |t(0.1) - t(0.05)|.
/// - The error against a reference run at dt = 0.00625 ms, mean |t(dt) - t_ref|, about
///   dt/2 from quantisation plus an integration error that does not grow as dt shrinks,
///   falls to at most 0.7 of its value at each halving of dt (0.5 expected; 0.7 leaves four
///   standard deviations of the quantisation noise of a 128-neuron mean).
/// - Each neuron's first spikes at dt = 0.05 and 0.025 ms agree within one coarse step
///   (0.05 ms, the quantisation) plus 1 % of its latency (integration error).
///
/// Models declared `stochastic` are skipped: their first spike is random; so are the models
/// without a `drive`.
#[test]
fn first_spike_time_converges_as_dt_shrinks() {
    const N: usize = 128;
    const T_MAX: f64 = 300.0;
    const DTS: [f64; 4] = [0.1, 0.05, 0.025, 0.00625];
    for m in MODELS {
        let Some(i0) = m.drive else {
            eprintln!("{}: skipped (no drive: {:?})", m.name, m.no_drive);
            continue;
        };
        if m.stochastic {
            eprintln!(
                "{}: skipped (stochastic: its first spike is random)",
                m.name
            );
            continue;
        }
        let params = Params::defaults(m, N);
        let current: Vec<f64> = (0..N)
            .map(|i| i0 * (1.0 + 0.3 * i as f64 / (N - 1) as f64))
            .collect();
        let times: Vec<Vec<f64>> = DTS
            .iter()
            .map(|&dt| {
                let mut k = kernel(&params, dt, 1, 0);
                first_spikes(k.as_mut(), &current, (T_MAX / dt) as usize)
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let s = s.unwrap_or_else(|| {
                            panic!(
                                "{}: neuron {i} ({} input) silent at dt = {dt}",
                                m.name, current[i]
                            )
                        });
                        (s + 1) as f64 * dt
                    })
                    .collect()
            })
            .collect();
        let mean_gap = |a: &[f64], b: &[f64]| {
            a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f64>() / N as f64
        };
        let (d1, d2) = (
            mean_gap(&times[0], &times[1]),
            mean_gap(&times[1], &times[2]),
        );
        // Models that spike on their own clock (maps, discrete-time units) give the same
        // first spikes at every dt: nothing to converge.
        if d1 == 0.0 && d2 == 0.0 {
            continue;
        }
        assert!(
            d2 < d1,
            "{}: mean first-spike discrepancy does not shrink: {d1} ms (0.1 vs 0.05) then \
             {d2} ms (0.05 vs 0.025)",
            m.name
        );
        let error: Vec<f64> = times[..3].iter().map(|t| mean_gap(t, &times[3])).collect();
        assert!(
            error[1] <= 0.7 * error[0] && error[2] <= 0.7 * error[1],
            "{}: mean first-spike error against dt = 0.00625 ms does not halve with dt: \
             {error:?} ms at dt = 0.1, 0.05, 0.025 ms",
            m.name
        );
        for (i, (&t1, &t2)) in times[1].iter().zip(&times[2]).enumerate() {
            assert!(
                (t1 - t2).abs() <= 0.05 + 0.01 * t2 + 1e-9,
                "{}: neuron {i}: first spike at {t1} ms (dt 0.05) vs {t2} ms (dt 0.025)",
                m.name
            );
        }
    }
}

/// Params::check rejects an unknown name, NaN, a per-neuron array of the wrong length and
/// (table below) a cross-parameter violation, naming object, field, value and range.
#[test]
fn check_rejects_bad_parameters_with_full_messages() {
    for m in MODELS {
        let o = object(m);
        let err = |given: &[(&str, ParamValue)]| {
            Params::check(m, &o, 2, given.iter().map(|(k, v)| (*k, v)))
                .expect_err("must be rejected")
                .to_string()
        };
        let e = err(&[("no_such_param", 1.0.into())]);
        assert!(e.starts_with(&format!("{o}: unknown parameter 'no_such_param'; known: ")));
        assert!(m.params.iter().all(|p| e.contains(p.name)), "{e}");
        for p in m.params {
            let e = err(&[(p.name, f64::NAN.into())]);
            assert_eq!(
                e,
                format!(
                    "{o}: {} = NaN is out of range; valid range: {}",
                    p.name, p.range
                )
            );
            let e = err(&[(p.name, vec![f64::NAN, p.default].into())]);
            assert!(
                e.starts_with(&format!("{o}: {}[0] = NaN is out of range", p.name)),
                "{e}"
            );
            let e = err(&[(p.name, vec![p.default; 3].into())]);
            assert_eq!(e, format!("{o}: {} has size 3, expected 2", p.name));
        }
    }
}

/// Cross-parameter rules: (model, parameter, violating value, valid range text).
const CROSS_RULES: &[(&str, &str, f64, &str)] = &[
    ("adex", "v_reset", 5.0, "below v_peak = 0"),
    ("adex", "v_t", 0.0, "below v_peak = 0"),
    (
        "adex",
        "v_peak",
        1500.0,
        "at most v_t + 500 delta_t = 949.6",
    ),
    ("exp_if", "v_reset", 0.0, "below v_peak = 0"),
    ("exp_if", "v_t", 10.0, "below v_peak = 0"),
    ("lapicque", "v_reset", -50.0, "below v_th = -55"),
    ("lif", "v_reset", -55.0, "below v_th = -55"),
    ("qif", "v_rest", -40.0, "below v_c = -50"),
    ("qif", "v_reset", -20.0, "below v_peak = -30"),
];

/// Every declared `a < b` rule rejects `a = b` (at b's default), by name, for the population
/// and for one neuron of it.
#[test]
fn declared_ordering_rules_are_enforced() {
    for m in MODELS {
        let o = object(m);
        for &(a, b) in m.less_than {
            let bound = m
                .param(b)
                .unwrap_or_else(|| panic!("{}: no parameter {b}", m.name));
            assert!(m.param(a).is_some(), "{}: no parameter {a}", m.name);
            let value = bound.default;
            let e = Params::check(m, &o, 2, [(a, &ParamValue::Scalar(value))]).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("{o}: {a} = {value} is out of range; valid range: below {b} = {value}")
            );
            let default = m.param(a).unwrap().default;
            let per_neuron = ParamValue::PerNeuron(vec![default, value]);
            let e = Params::check(m, &o, 2, [(a, &per_neuron)]).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with(&format!("{o}: {a}[1] = {value} is out of range")),
                "{e}"
            );
        }
    }
}

#[test]
fn check_rejects_cross_parameter_violations() {
    for &(model, param, value, range) in CROSS_RULES {
        let m = lookup(model).unwrap();
        let o = object(m);
        let scalar = ParamValue::Scalar(value);
        let e = Params::check(m, &o, 2, [(param, &scalar)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{o}: {param} = {value} is out of range; valid range: {range}")
        );
        let default = m.param(param).unwrap().default;
        let per_neuron = ParamValue::PerNeuron(vec![default, value]);
        let e = Params::check(m, &o, 2, [(param, &per_neuron)]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(&format!("{o}: {param}[1] = {value} is out of range")),
            "{e}"
        );
    }
    // One message in full.
    let lif = lookup("lif").unwrap();
    let e = Params::check(
        lif,
        "Population 'exc' (lif)",
        1,
        [("v_reset", &(-50.0).into())],
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Population 'exc' (lif): v_reset = -50 is out of range; valid range: below v_th = -55"
    );
}

/// A name the catalogue page lists as left out is not registered after all (as a registry
/// key in snake_case or as a class name).
#[test]
fn names_left_out_are_not_registered() {
    for &(name, why) in sc_neurocore_neurons::OMITTED {
        assert!(!why.is_empty(), "{name}: no reason given");
        let mut snake = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                snake.push('_');
            }
            snake.push(c.to_ascii_lowercase());
        }
        let class = format!("{name}Neuron");
        assert!(
            MODELS
                .iter()
                .all(|m| m.name != snake && m.class_name != class),
            "{name} is listed as left out but is registered"
        );
    }
}

/// A model not declared `stochastic` does not depend on the seed: driven alike for 100 ms,
/// kernels built with two seeds have the same state bit for bit.
#[test]
fn only_declared_stochastic_models_depend_on_the_seed() {
    for m in MODELS.iter().filter(|m| !m.stochastic) {
        let params = Params::defaults(m, 1);
        let i0 = m.drive.unwrap_or(0.0);
        let trajectory = |seed| {
            let mut k = kernel(&params, 0.1, seed, 0);
            first_spikes(k.as_mut(), &[i0], 1000);
            state_bits(k.as_ref(), m)
        };
        assert_eq!(
            trajectory(1),
            trajectory(2),
            "{}: depends on the seed but is not declared `stochastic`",
            m.name
        );
    }
}

/// Python's keywords: a parameter or state variable named like one could not be a keyword
/// argument or attribute of the model's Python class.
const PYTHON_KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Parameter and state-variable names are identifiers in Python too (keyword arguments and
/// attributes of the generated classes), unique within their model.
#[test]
fn names_are_python_identifiers() {
    for m in MODELS {
        let names: Vec<&str> = m
            .params
            .iter()
            .map(|p| p.name)
            .chain(m.state.iter().map(|s| s.name))
            .collect();
        for (i, n) in names.iter().enumerate() {
            assert!(
                n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !PYTHON_KEYWORDS.contains(n),
                "{}: '{n}' is not a Python identifier",
                m.name
            );
            assert!(
                m.params.iter().filter(|p| p.name == *n).count() <= 1
                    && m.state.iter().filter(|s| s.name == *n).count() <= 1,
                "{}: '{n}' declared twice",
                m.name
            );
            let _ = i;
        }
    }
}
