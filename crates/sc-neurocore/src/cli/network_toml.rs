//! The TOML network format of `sc-neurocore run NET.toml` (documented in docs/network-toml.md,
//! examples in examples/). Every table maps onto the runner's `Network` API; unknown keys are
//! errors, not ignored.

use sc_neurocore_core::{Csr, Error, Result};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_plasticity::{STDP_PARAMS, StdpParams};
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, ProjectionSpec, SynapseKind, SynapseOptions,
    TruncatedNormal,
};
use sc_neurocore_stimuli::{PoissonInput, StepCurrent, StimulusSpec, TimedArray};
use sc_neurocore_topology::{ConnectOptions, Topology};
use toml::{Table, Value};

/// Run settings a TOML file may carry (command-line flags override them).
#[derive(Debug, Clone, Default)]
pub struct RunSettings {
    /// Seconds.
    pub duration: Option<f64>,
    /// Seconds.
    pub dt: Option<f64>,
    /// Seed.
    pub seed: Option<u64>,
}

fn num(object: &str, key: &str, v: &Value) -> Result<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Integer(i) => Ok(*i as f64),
        other => Err(Error::invalid(
            object,
            format!("{key} must be a number, got {}", other.type_str()),
        )),
    }
}

fn text<'a>(object: &str, key: &str, v: &'a Value) -> Result<&'a str> {
    v.as_str().ok_or_else(|| {
        Error::invalid(
            object,
            format!("{key} must be a string, got {}", v.type_str()),
        )
    })
}

fn nums(object: &str, key: &str, v: &Value) -> Result<Vec<f64>> {
    match v {
        Value::Array(a) => a.iter().map(|x| num(object, key, x)).collect(),
        other => Ok(vec![num(object, key, other)?]),
    }
}

fn scalar_or_array(object: &str, key: &str, v: &Value) -> Result<ParamValue> {
    Ok(match v {
        Value::Array(_) => ParamValue::PerNeuron(nums(object, key, v)?),
        other => ParamValue::Scalar(num(object, key, other)?),
    })
}

/// Takes `key` out of `t` (so that leftovers can be reported as unknown).
/// A distribution table `{ mean, sd, min, max }`: normal(mean, sd) redrawn outside
/// `[min, max]` (`min` defaults to `min_default`, `max` to `inf`).
fn normal_table(object: &str, key: &str, v: Value, min_default: f64) -> Result<TruncatedNormal> {
    let Value::Table(mut t) = v else {
        unreachable!("called with a table")
    };
    let o = format!("{object} {key}");
    let vals: Vec<Option<Value>> = ["mean", "sd", "min", "max"]
        .iter()
        .map(|k| take(&mut t, k))
        .collect();
    no_leftovers(&o, &t, &["mean", "sd", "min", "max"])?;
    let get = |i: usize, k: &str| vals[i].as_ref().map(|v| num(&o, k, v)).transpose();
    let mean = get(0, "mean")?
        .ok_or_else(|| Error::invalid(&o, "missing key 'mean' (with sd, min, max)"))?;
    let sd = get(1, "sd")?
        .ok_or_else(|| Error::invalid(&o, "missing key 'sd' (with mean, min, max)"))?;
    let min = get(2, "min")?.unwrap_or(min_default);
    let max = get(3, "max")?.unwrap_or(f64::INFINITY);
    Ok(TruncatedNormal::new(mean, sd, min, max))
}

fn take(t: &mut Table, key: &str) -> Option<Value> {
    t.remove(key)
}

fn require(object: &str, t: &mut Table, key: &str) -> Result<Value> {
    take(t, key).ok_or_else(|| Error::invalid(object, format!("missing key '{key}'")))
}

fn no_leftovers(object: &str, t: &Table, known: &[&str]) -> Result<()> {
    match t.keys().next() {
        Some(k) => Err(Error::unknown(object, "key", k, known)),
        None => Ok(()),
    }
}

fn tables(root: &mut Table, key: &str) -> Result<Vec<Table>> {
    match root.remove(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .into_iter()
            .map(|v| match v {
                Value::Table(t) => Ok(t),
                other => Err(Error::invalid(
                    "network TOML",
                    format!("[[{key}]] entries must be tables, got {}", other.type_str()),
                )),
            })
            .collect(),
        Some(other) => Err(Error::invalid(
            "network TOML",
            format!(
                "'{key}' must be an array of tables ([[{key}]]), got {}",
                other.type_str()
            ),
        )),
    }
}

fn synapse(object: &str, t: &mut Table) -> Result<SynapseKind> {
    let name = match take(t, "synapse") {
        Some(v) => text(object, "synapse", &v)?.to_string(),
        None => "delta".to_string(),
    };
    let mut option = |key: &str| take(t, key).map(|v| num(object, key, &v)).transpose();
    let options = SynapseOptions {
        tau_syn: option("tau_syn")?,
        e_rev: option("e_rev")?,
        tau_rise: option("tau_rise")?,
        tau_decay: option("tau_decay")?,
        alpha: option("alpha")?,
        mg: option("mg")?,
    };
    SynapseKind::from_options(object, &name, &options)
}

/// Parses a TOML network description.
pub fn parse(source: &str, seed_override: Option<u64>) -> Result<(Network, RunSettings)> {
    let mut root: Table = source
        .parse()
        .map_err(|e: toml::de::Error| Error::invalid("network TOML", e.to_string()))?;
    let mut settings = RunSettings::default();
    if let Some(v) = root.remove("run") {
        let Value::Table(mut run) = v else {
            return Err(Error::invalid("network TOML", "[run] must be a table"));
        };
        settings.duration = take(&mut run, "duration")
            .map(|v| num("[run]", "duration", &v))
            .transpose()?;
        settings.dt = take(&mut run, "dt")
            .map(|v| num("[run]", "dt", &v))
            .transpose()?;
        settings.seed = match take(&mut run, "seed") {
            Some(Value::Integer(i)) if i >= 0 => Some(i as u64),
            Some(other) => {
                return Err(Error::out_of_range(
                    "[run]",
                    "seed",
                    other,
                    "an integer >= 0",
                ));
            }
            None => None,
        };
        no_leftovers("[run]", &run, &["duration", "dt", "seed"])?;
    }
    let mut net = Network::new(seed_override.or(settings.seed).unwrap_or(0));

    for mut t in tables(&mut root, "population")? {
        let object = "[[population]]";
        let label = text(object, "label", &require(object, &mut t, "label")?)?.to_string();
        let object = &format!("[[population]] '{label}'");
        let model = text(object, "model", &require(object, &mut t, "model")?)?.to_string();
        let n = num(object, "n", &require(object, &mut t, "n")?)?;
        if n < 1.0 || n.fract() != 0.0 {
            return Err(Error::out_of_range(
                object.as_str(),
                "n",
                n,
                "a whole number >= 1",
            ));
        }
        let mut params = Vec::new();
        if let Some(v) = take(&mut t, "params") {
            let Value::Table(p) = v else {
                return Err(Error::invalid(object.as_str(), "params must be a table"));
            };
            for (k, v) in p {
                let pv = scalar_or_array(object, &k, &v)?;
                params.push((k, pv));
            }
        }
        no_leftovers(object, &t, &["label", "model", "n", "params"])?;
        let refs: Vec<(&str, ParamValue)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        net.add_population(&label, &model, n as usize, &refs)?;
    }

    for (idx, mut t) in tables(&mut root, "projection")?.into_iter().enumerate() {
        let object = format!("[[projection]] #{idx}");
        let src = text(&object, "source", &require(&object, &mut t, "source")?)?.to_string();
        let tgt = text(&object, "target", &require(&object, &mut t, "target")?)?.to_string();
        let label = match take(&mut t, "label") {
            Some(v) => text(&object, "label", &v)?.to_string(),
            None => format!("{src}->{tgt}"),
        };
        let (s, g) = (net.population_id(&src)?, net.population_id(&tgt)?);
        let syn = synapse(&object, &mut t)?;
        let delay = match take(&mut t, "delay") {
            Some(v @ Value::Array(_)) => Delay::PerSynapse(nums(&object, "delay", &v)?),
            Some(v @ Value::Table(_)) => Delay::Normal(normal_table(&object, "delay", v, 0.0)?),
            Some(v) => Delay::Uniform(num(&object, "delay", &v)?),
            None => Delay::Uniform(1e-3),
        };
        let connectivity = if let Some(csr) = take(&mut t, "csr") {
            let Value::Table(mut c) = csr else {
                return Err(Error::invalid(
                    &object,
                    "csr must be a table {indptr, indices, data}",
                ));
            };
            let indptr: Vec<usize> = nums(&object, "indptr", &require(&object, &mut c, "indptr")?)?
                .iter()
                .map(|&x| x as usize)
                .collect();
            let indices: Vec<u32> =
                nums(&object, "indices", &require(&object, &mut c, "indices")?)?
                    .iter()
                    .map(|&x| x as u32)
                    .collect();
            let data = nums(&object, "data", &require(&object, &mut c, "data")?)?;
            let (ns, nt) = (net.populations()[s].n, net.populations()[g].n);
            Connectivity::Explicit(Csr::new(ns, nt, indptr, indices, data)?)
        } else {
            let topo =
                text(&object, "topology", &require(&object, &mut t, "topology")?)?.to_string();
            // A number, or a distribution table.
            let weight = match require(&object, &mut t, "weight")? {
                v @ Value::Table(_) => (
                    0.0,
                    Some(normal_table(&object, "weight", v, f64::NEG_INFINITY)?),
                ),
                v => (num(&object, "weight", &v)?, None),
            };
            let mut options = ConnectOptions::default();
            if let Some(v) = take(&mut t, "allow_autapses") {
                options.allow_autapses = v.as_bool().ok_or_else(|| {
                    Error::invalid(&object, "allow_autapses must be true or false")
                })?;
            }
            if let Some(v) = take(&mut t, "allow_multapses") {
                options.allow_multapses = v.as_bool().ok_or_else(|| {
                    Error::invalid(&object, "allow_multapses must be true or false")
                })?;
            }
            let stdp_table = take(&mut t, "stdp");
            // What is left are the topology's keyword arguments.
            let kwargs: Vec<(String, f64)> = t
                .iter()
                .map(|(k, v)| Ok((k.clone(), num(&object, k, v)?)))
                .collect::<Result<_>>()?;
            t.clear();
            if let Some(st) = stdp_table {
                t.insert("stdp".into(), st);
            }
            let kw: Vec<(&str, f64)> = kwargs.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let topology = Topology::from_name(&topo, &kw)?;
            match weight {
                (weight, None) => Connectivity::Generated {
                    topology,
                    weight,
                    options,
                },
                (_, Some(weight)) => Connectivity::GeneratedNormal {
                    topology,
                    weight,
                    options,
                },
            }
        };
        let stdp = match take(&mut t, "stdp") {
            None => None,
            Some(Value::Table(mut st)) => {
                let o = format!("{object} stdp");
                let mut p = StdpParams::default();
                for spec in STDP_PARAMS {
                    if let Some(v) = take(&mut st, spec.name) {
                        p.set(&o, spec.name, num(&o, spec.name, &v)?)?;
                    }
                }
                if let Some(v) = take(&mut st, "mode") {
                    p.set_mode(&o, text(&o, "mode", &v)?)?;
                }
                let known: Vec<&str> = STDP_PARAMS.iter().map(|s| s.name).chain(["mode"]).collect();
                no_leftovers(&o, &st, &known)?;
                p.check().map_err(|e| match e {
                    Error::OutOfRange {
                        field,
                        value,
                        range,
                        ..
                    } => Error::OutOfRange {
                        object: o.clone(),
                        field,
                        value,
                        range,
                    },
                    e => e,
                })?;
                Some(p)
            }
            Some(_) => return Err(Error::invalid(&object, "stdp must be a table")),
        };
        no_leftovers(
            &object,
            &t,
            &[
                "source",
                "target",
                "label",
                "topology",
                "weight",
                "csr",
                "synapse",
                "tau_syn",
                "e_rev",
                "tau_rise",
                "tau_decay",
                "alpha",
                "mg",
                "delay",
                "stdp",
                "allow_autapses",
                "allow_multapses",
            ],
        )?;
        let mut spec = ProjectionSpec::new(label, s, g, connectivity)
            .synapse(syn)
            .delay(delay);
        if let Some(p) = stdp {
            spec = spec.stdp(p);
        }
        net.add_projection(spec)?;
    }

    for (idx, mut t) in tables(&mut root, "stimulus")?.into_iter().enumerate() {
        let object = format!("[[stimulus]] #{idx}");
        let kind = text(&object, "kind", &require(&object, &mut t, "kind")?)?.to_string();
        let target = match take(&mut t, "target") {
            Some(v) => Some(net.population_id(text(&object, "target", &v)?)?),
            None => None,
        };
        let target_n = net.populations()[target.unwrap_or(0)].n;
        let syn = synapse(&object, &mut t)?;
        let spec = match kind.as_str() {
            "poisson" => {
                let rate =
                    scalar_or_array(&object, "rate_hz", &require(&object, &mut t, "rate_hz")?)?;
                let weight = num(&object, "weight", &require(&object, &mut t, "weight")?)?;
                let n = match take(&mut t, "n") {
                    Some(v) => num(&object, "n", &v)? as usize,
                    None => target_n,
                };
                let mut p = match rate {
                    ParamValue::Scalar(r) => PoissonInput::new(n, r, weight)?,
                    ParamValue::PerNeuron(r) => PoissonInput::new(n, r, weight)?,
                };
                if let Some(v) = take(&mut t, "seed") {
                    p = p.with_seed(num(&object, "seed", &v)? as u64);
                }
                let onset = match take(&mut t, "onset") {
                    Some(v) => num(&object, "onset", &v)?,
                    None => 0.0,
                };
                let offset = match take(&mut t, "offset") {
                    Some(v) => num(&object, "offset", &v)?,
                    None => f64::INFINITY,
                };
                p = p.with_window(onset, offset)?;
                no_leftovers(
                    &object,
                    &t,
                    &[
                        "kind", "target", "rate_hz", "weight", "n", "seed", "synapse", "tau_syn",
                        "e_rev", "onset", "offset",
                    ],
                )?;
                StimulusSpec::Poisson(p)
            }
            "step_current" => {
                let onset = num(&object, "onset", &require(&object, &mut t, "onset")?)?;
                let offset = match take(&mut t, "offset") {
                    Some(v) => num(&object, "offset", &v)?,
                    None => f64::INFINITY,
                };
                let amp = scalar_or_array(
                    &object,
                    "amplitude",
                    &require(&object, &mut t, "amplitude")?,
                )?;
                no_leftovers(
                    &object,
                    &t,
                    &["kind", "target", "onset", "offset", "amplitude"],
                )?;
                StimulusSpec::Step(match amp {
                    ParamValue::Scalar(a) => StepCurrent::new(onset, offset, a)?,
                    ParamValue::PerNeuron(a) => StepCurrent::new(onset, offset, a)?,
                })
            }
            "timed_array" => {
                let values = nums(&object, "values", &require(&object, &mut t, "values")?)?;
                let dt = num(&object, "dt", &require(&object, &mut t, "dt")?)?;
                no_leftovers(&object, &t, &["kind", "target", "values", "dt"])?;
                StimulusSpec::Timed(TimedArray::new(values, dt)?)
            }
            other => {
                return Err(Error::unknown(
                    &object,
                    "stimulus kind",
                    other,
                    ["poisson", "step_current", "timed_array"],
                ));
            }
        };
        net.add_stimulus(&format!("{kind}#{idx}"), spec, target, syn)?;
    }

    for (idx, mut t) in tables(&mut root, "monitor")?.into_iter().enumerate() {
        let object = format!("[[monitor]] #{idx}");
        let kind = text(&object, "kind", &require(&object, &mut t, "kind")?)?.to_string();
        if kind == "weights" {
            // The weights of a projection (by label) during the run.
            let label = text(
                &object,
                "projection",
                &require(&object, &mut t, "projection")?,
            )?
            .to_string();
            let projection = net
                .projections()
                .iter()
                .position(|p| p.label == label)
                .ok_or_else(|| {
                    Error::unknown(
                        &object,
                        "projection",
                        &label,
                        net.projections().iter().map(|p| &p.label),
                    )
                })?;
            let synapses = take(&mut t, "synapses")
                .map(|v| {
                    nums(&object, "synapses", &v).map(|x| x.iter().map(|&i| i as usize).collect())
                })
                .transpose()?;
            let interval = take(&mut t, "interval")
                .map(|v| num(&object, "interval", &v))
                .transpose()?;
            no_leftovers(&object, &t, &["kind", "projection", "synapses", "interval"])?;
            net.add_monitor(MonitorSpec::Weights {
                projection,
                synapses,
                interval,
            })?;
            continue;
        }
        let population = net.population_id(text(
            &object,
            "population",
            &require(&object, &mut t, "population")?,
        )?)?;
        let spec = match kind.as_str() {
            "spikes" => MonitorSpec::Spikes { population },
            "state" => MonitorSpec::State {
                population,
                variable: text(&object, "variable", &require(&object, &mut t, "variable")?)?
                    .to_string(),
                indices: take(&mut t, "indices")
                    .map(|v| {
                        nums(&object, "indices", &v)
                            .map(|x| x.iter().map(|&i| i as usize).collect())
                    })
                    .transpose()?,
                interval: take(&mut t, "interval")
                    .map(|v| num(&object, "interval", &v))
                    .transpose()?,
            },
            "rate" => MonitorSpec::Rate {
                population,
                bin: num(&object, "bin", &require(&object, &mut t, "bin")?)?,
            },
            other => {
                return Err(Error::unknown(
                    &object,
                    "monitor kind",
                    other,
                    ["spikes", "state", "rate", "weights"],
                ));
            }
        };
        no_leftovers(
            &object,
            &t,
            &[
                "kind",
                "population",
                "variable",
                "indices",
                "interval",
                "bin",
            ],
        )?;
        net.add_monitor(spec)?;
    }
    no_leftovers(
        "network TOML",
        &root,
        &["run", "population", "projection", "stimulus", "monitor"],
    )?;
    if net.populations().is_empty() {
        return Err(Error::invalid("network TOML", "no [[population]] given"));
    }
    Ok((net, settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POP: &str = "[[population]]\nlabel = \"a\"\nmodel = \"lif\"\nn = 50\n";

    fn projection(body: &str) -> String {
        format!("{POP}[[projection]]\nsource = \"a\"\ntarget = \"a\"\n{body}")
    }

    #[test]
    fn fixed_total_number_and_distributions_parse() {
        let text = projection(
            "topology = \"fixed_total_number\"\ntotal = 400\n\
             weight = { mean = 2.0, sd = 0.2, min = 0.0 }\n\
             delay = { mean = 1.5e-3, sd = 0.75e-3, min = 0.05e-3 }\n",
        );
        let (net, _) = parse(&text, None).unwrap();
        let pr = &net.projections()[0];
        match &pr.connectivity {
            Connectivity::GeneratedNormal {
                topology, weight, ..
            } => {
                assert_eq!(*topology, Topology::FixedTotalNumber { total: 400 });
                assert_eq!(*weight, TruncatedNormal::new(2.0, 0.2, 0.0, f64::INFINITY));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            pr.delay,
            Delay::Normal(TruncatedNormal::new(
                1.5e-3,
                0.75e-3,
                0.05e-3,
                f64::INFINITY
            ))
        );
        let csr = net.connectivity(0).unwrap();
        assert_eq!(csr.nnz(), 400);
        assert!(csr.weights().iter().all(|&w| w >= 0.0));
        // A plain number is still one weight for every synapse.
        let text = projection("topology = \"fixed_total_number\"\ntotal = 10\nweight = 1.5\n");
        let (net, _) = parse(&text, None).unwrap();
        assert!(matches!(
            net.projections()[0].connectivity,
            Connectivity::Generated { weight: 1.5, .. }
        ));
    }

    #[test]
    fn nmda_synapses_parse_with_their_options() {
        let text = projection(
            "topology = \"random\"\nprobability = 0.1\nweight = 0.165\nsynapse = \"nmda\"\n",
        );
        let (net, _) = parse(&text, None).unwrap();
        assert_eq!(net.projections()[0].synapse, SynapseKind::NMDA_WANG_2002);
        let text = projection(
            "topology = \"random\"\nprobability = 0.1\nweight = 0.165\nsynapse = \"nmda\"\n\
             tau_rise = 1e-3\ntau_decay = 0.08\nalpha = 300.0\ne_rev = -5.0\nmg = 2.0\n",
        );
        let (net, _) = parse(&text, None).unwrap();
        assert_eq!(
            net.projections()[0].synapse,
            SynapseKind::Nmda {
                tau_rise: 1e-3,
                tau_decay: 0.08,
                alpha: 300.0,
                e_rev: -5.0,
                mg: 2.0
            }
        );
        let cases = [
            (
                "synapse = \"nmda\"\ntau_decay = -0.1\n",
                "[[projection]] #0: tau_decay = -0.1 is out of range; valid range: (0, inf)",
            ),
            (
                "synapse = \"nmda\"\ntau_syn = 0.1\n",
                "[[projection]] #0: synapse 'nmda' takes no tau_syn; its options: tau_rise, \
                 tau_decay, alpha, e_rev, mg (tau_syn is for exponential, alpha and \
                 conductance synapses)",
            ),
            (
                "synapse = \"exponential\"\nmg = 1.0\n",
                "[[projection]] #0: synapse 'exponential' takes no mg; its options: tau_syn, \
                 e_rev (tau_rise, tau_decay, alpha and mg are for nmda synapses)",
            ),
        ];
        for (body, want) in cases {
            let body = format!("topology = \"random\"\nprobability = 0.1\nweight = 1.0\n{body}");
            let e = parse(&projection(&body), None).unwrap_err();
            assert_eq!(e.to_string(), want, "{body}");
        }
    }

    #[test]
    fn weight_monitors_parse_and_name_their_projection() {
        let base = projection("topology = \"random\"\nprobability = 0.1\nweight = 1.0\n");
        let text = format!(
            "{base}[[monitor]]\nkind = \"weights\"\nprojection = \"a->a\"\n\
             synapses = [3, 1]\ninterval = 1e-3\n"
        );
        let (net, _) = parse(&text, None).unwrap();
        assert_eq!(
            net.monitors()[0],
            MonitorSpec::Weights {
                projection: 0,
                synapses: Some(vec![3, 1]),
                interval: Some(1e-3),
            }
        );
        let bad = text.replace("\"a->a\"\nsyn", "\"a->b\"\nsyn");
        assert_eq!(
            parse(&bad, None).unwrap_err().to_string(),
            "[[monitor]] #0: unknown projection 'a->b'; known: a->a"
        );
        let bad = text.replace("interval", "bin");
        assert_eq!(
            parse(&bad, None).unwrap_err().to_string(),
            "[[monitor]] #0: unknown key 'bin'; known: kind, projection, synapses, interval"
        );
    }

    #[test]
    fn distribution_errors_name_the_table_and_key() {
        let cases = [
            (
                "topology = \"random\"\nprobability = 0.1\nweight = { mean = 1.0 }\n",
                "[[projection]] #0 weight: missing key 'sd' (with mean, min, max)",
            ),
            (
                "topology = \"random\"\nprobability = 0.1\nweight = { mean = 1.0, std = 0.1 }\n",
                "[[projection]] #0 weight: unknown key 'std'; known: mean, sd, min, max",
            ),
            (
                "topology = \"random\"\nprobability = 0.1\n\
                 weight = { mean = 3.0, sd = 0.1, min = 0.0, max = 1.0 }\n",
                "Projection 'a->a': weight.mean = 3 is out of range; valid range: \
                 [weight.min, weight.max] = [0, 1]",
            ),
            (
                "topology = \"random\"\nprobability = 0.1\nweight = 1.0\n\
                 delay = { mean = 1e-3, sd = \"wide\" }\n",
                "[[projection]] #0 delay: sd must be a number, got string",
            ),
            (
                "topology = \"fixed_total_number\"\ntotal = 2501\nweight = 1.0\n\
                 allow_multapses = false\n",
                "Projection 'a->a': total = 2501 is out of range; valid range: [0, 2500] \
                 without multapses (n_src = 50, n_tgt = 50)",
            ),
        ];
        for (body, want) in cases {
            let e = parse(&projection(body), None).and_then(|(net, _)| {
                net.connectivity(0)?;
                Ok(())
            });
            assert_eq!(e.unwrap_err().to_string(), want, "{body}");
        }
    }
}
