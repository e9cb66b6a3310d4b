//! A network description (`NetworkSpec`) exported as plain Python values: dicts, floats,
//! tuples and float64 / int64 NumPy arrays, exactly the values it holds (every float
//! crosses unchanged). `sc_neurocore.network._from_native` rebuilds the network from them
//! out of the package's own objects (`Population`, `Projection`, the stimuli, monitors), so
//! that a network built in Rust (a zoo network) becomes an ordinary Python `Network` that
//! describes itself back to the engine as the same network.
//!
//! ```text
//! {"seed": int,
//!  "populations": [{"label", "model", "n", "params": {name: float | float64[n]}}],
//!  "projections": [{"label", "source", "target", "synapse", "tau_syn", "e_rev",
//!                   "topology": name | None, "topology_kwargs": {name: float},
//!                   "weight": float | None, "weight_normal": (mean, sd, min, max) | None,
//!                   "allow_autapses", "allow_multapses",
//!                   "indptr", "indices": int64[] | None, "data": float64[] | None,
//!                   "delay": float | float64[] | None,
//!                   "delay_normal": (mean, sd, min, max) | None,
//!                   "stdp": {tau_plus, tau_minus, a_plus, a_minus, w_min, w_max, mode} | None}],
//!  "stimuli": [{"label", "kind", "target", "synapse", "tau_syn", "e_rev", ...kind's fields}],
//!  "initial_synaptic_states": [{"population", "synapse", "tau_syn", "e_rev", "values"}],
//!  "monitors": [{"kind": "spikes" | "state" | "rate", "population", ...}]}
//! ```
//!
//! Poisson inputs add `n`, `rate_hz` (float or float64[n]), `weight`, `seed` (None: the
//! network's), `onset`, `offset` (s); step currents `onset`, `offset` (s), `amplitude` (float or float64[n]);
//! timed arrays `values` (float64[T] or float64[T, n]) and `dt` (s).

use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use sc_neurocore_neurons::ParamArray;
use sc_neurocore_plasticity::{StdpMode, StdpParams};
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, SynapseKind, TruncatedNormal,
};
use sc_neurocore_stimuli::{ScalarOrVec, StimulusSpec};

/// `(name, tau_syn, e_rev)` of a synapse kind (seconds, mV; None where it has none).
fn synapse_fields(k: &SynapseKind) -> (&'static str, Option<f64>, Option<f64>) {
    match *k {
        SynapseKind::Delta => ("delta", None, None),
        SynapseKind::Exponential { tau_syn } | SynapseKind::Alpha { tau_syn } => {
            (k.name(), Some(tau_syn), None)
        }
        SynapseKind::Conductance { tau_syn, e_rev }
        | SynapseKind::Nmda {
            tau_decay: tau_syn,
            e_rev,
            ..
        } => (
            k.name(),
            Some(tau_syn).filter(|_| !matches!(k, SynapseKind::Nmda { .. })),
            Some(e_rev),
        ),
    }
}

/// Sets `synapse`, `tau_syn`, `e_rev` and, for NMDA, `tau_rise`, `tau_decay`, `alpha`, `mg`
/// (None for the other kinds).
fn set_synapse(d: &Bound<'_, PyDict>, k: &SynapseKind) -> PyResult<()> {
    let (name, tau, e_rev) = synapse_fields(k);
    d.set_item("synapse", name)?;
    d.set_item("tau_syn", tau)?;
    d.set_item("e_rev", e_rev)?;
    let nmda = match *k {
        SynapseKind::Nmda {
            tau_rise,
            tau_decay,
            alpha,
            mg,
            ..
        } => Some((tau_rise, tau_decay, alpha, mg)),
        _ => None,
    };
    d.set_item("tau_rise", nmda.map(|n| n.0))?;
    d.set_item("tau_decay", nmda.map(|n| n.1))?;
    d.set_item("alpha", nmda.map(|n| n.2))?;
    d.set_item("mg", nmda.map(|n| n.3))
}

fn normal(t: &TruncatedNormal) -> (f64, f64, f64, f64) {
    (t.mean, t.sd, t.min, t.max)
}

fn scalar_or_array<'py>(py: Python<'py>, v: &ScalarOrVec) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        ScalarOrVec::Scalar(x) => x.into_pyobject(py)?.into_any(),
        ScalarOrVec::PerNeuron(a) => PyArray1::from_slice(py, a).into_any(),
    })
}

fn stdp_dict<'py>(py: Python<'py>, p: &StdpParams) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("tau_plus", p.tau_plus)?;
    d.set_item("tau_minus", p.tau_minus)?;
    d.set_item("a_plus", p.a_plus)?;
    d.set_item("a_minus", p.a_minus)?;
    d.set_item("w_min", p.w_min)?;
    d.set_item("w_max", p.w_max)?;
    d.set_item(
        "mode",
        match p.mode {
            StdpMode::Additive => "additive",
            StdpMode::Multiplicative => "multiplicative",
        },
    )?;
    Ok(d)
}

/// One stimulus as plain Python values: `label`, `kind`, the synapse fields and the kind's
/// own (see the module docs); the caller adds `target`.
pub fn stimulus_dict<'py>(
    py: Python<'py>,
    label: &str,
    spec: &StimulusSpec,
    synapse: &SynapseKind,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("label", label)?;
    d.set_item("kind", spec.kind_name())?;
    set_synapse(&d, synapse)?;
    match spec {
        StimulusSpec::Poisson(p) => {
            d.set_item("n", p.n())?;
            d.set_item("rate_hz", scalar_or_array(py, p.rate_hz())?)?;
            d.set_item("weight", p.weight())?;
            d.set_item("seed", p.seed())?;
            d.set_item("onset", p.window().onset())?;
            d.set_item("offset", p.window().offset())?;
        }
        StimulusSpec::Step(s) => {
            d.set_item("onset", s.onset())?;
            d.set_item("offset", s.offset())?;
            d.set_item("amplitude", scalar_or_array(py, s.amplitude())?)?;
        }
        StimulusSpec::Timed(t) => {
            let values = PyArray1::from_slice(py, t.values());
            match t.n() {
                None => d.set_item("values", values)?,
                Some(n) => d.set_item("values", values.reshape([t.len_t(), n])?)?,
            }
            d.set_item("dt", t.dt())?;
        }
    }
    Ok(d)
}

/// The description of `net` as plain Python values (see the module docs).
pub fn export_network<'py>(py: Python<'py>, net: &Network) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("seed", net.seed())?;

    let pops = PyList::empty(py);
    for p in net.populations() {
        let d = PyDict::new(py);
        d.set_item("label", &p.label)?;
        d.set_item("model", p.model.name)?;
        d.set_item("n", p.n)?;
        let params = PyDict::new(py);
        for (k, spec) in p.model.params.iter().enumerate() {
            match p.params.value(k) {
                ParamArray::Uniform(v) => params.set_item(spec.name, *v)?,
                a => params.set_item(spec.name, PyArray1::from_vec(py, a.to_vec(p.n)))?,
            }
        }
        d.set_item("params", params)?;
        pops.append(d)?;
    }
    out.set_item("populations", pops)?;

    let projs = PyList::empty(py);
    for pr in net.projections() {
        let d = PyDict::new(py);
        d.set_item("label", &pr.label)?;
        d.set_item("source", pr.source)?;
        d.set_item("target", pr.target)?;
        set_synapse(&d, &pr.synapse)?;
        let (mut topology, mut weight, mut weight_normal) = (None, None, None);
        let kwargs = PyDict::new(py);
        let (mut autapses, mut multapses) = (true, true);
        let (mut indptr, mut indices, mut data) = (None, None, None);
        match &pr.connectivity {
            Connectivity::Generated {
                topology: t,
                weight: w,
                options,
            } => {
                topology = Some(t.name());
                for (k, v) in t.params() {
                    kwargs.set_item(k, v)?;
                }
                weight = Some(*w);
                (autapses, multapses) = (options.allow_autapses, options.allow_multapses);
            }
            Connectivity::GeneratedNormal {
                topology: t,
                weight: w,
                options,
            } => {
                topology = Some(t.name());
                for (k, v) in t.params() {
                    kwargs.set_item(k, v)?;
                }
                weight_normal = Some(normal(w));
                (autapses, multapses) = (options.allow_autapses, options.allow_multapses);
            }
            Connectivity::Explicit(c) => {
                let ip: Vec<i64> = c.indptr().iter().map(|&x| x as i64).collect();
                let ix: Vec<i64> = c.indices().iter().map(|&x| i64::from(x)).collect();
                indptr = Some(PyArray1::from_vec(py, ip));
                indices = Some(PyArray1::from_vec(py, ix));
                data = Some(PyArray1::from_slice(py, c.weights()));
            }
        }
        d.set_item("topology", topology)?;
        d.set_item("topology_kwargs", kwargs)?;
        d.set_item("weight", weight)?;
        d.set_item("weight_normal", weight_normal)?;
        d.set_item("allow_autapses", autapses)?;
        d.set_item("allow_multapses", multapses)?;
        d.set_item("indptr", indptr)?;
        d.set_item("indices", indices)?;
        d.set_item("data", data)?;
        let (delay, delay_normal): (Option<Bound<'py, PyAny>>, _) = match &pr.delay {
            Delay::Uniform(v) => (Some(v.into_pyobject(py)?.into_any()), None),
            Delay::PerSynapse(v) => (Some(PyArray1::from_slice(py, v).into_any()), None),
            Delay::Normal(t) => (None, Some(normal(t))),
        };
        d.set_item("delay", delay)?;
        d.set_item("delay_normal", delay_normal)?;
        d.set_item(
            "stdp",
            pr.stdp.as_ref().map(|p| stdp_dict(py, p)).transpose()?,
        )?;
        projs.append(d)?;
    }
    out.set_item("projections", projs)?;

    let stims = PyList::empty(py);
    for st in net.stimuli() {
        let d = stimulus_dict(py, &st.label, &st.spec, &st.synapse)?;
        d.set_item("target", st.target)?;
        stims.append(d)?;
    }
    out.set_item("stimuli", stims)?;

    let states = PyList::empty(py);
    for s in net.initial_synaptic_states() {
        let d = PyDict::new(py);
        d.set_item("population", s.population)?;
        set_synapse(&d, &s.synapse)?;
        d.set_item("values", PyArray1::from_slice(py, &s.values))?;
        states.append(d)?;
    }
    out.set_item("initial_synaptic_states", states)?;

    let monitors = PyList::empty(py);
    for m in net.monitors() {
        let d = PyDict::new(py);
        match m {
            MonitorSpec::Spikes { population } => {
                d.set_item("kind", "spikes")?;
                d.set_item("population", population)?;
            }
            MonitorSpec::State {
                population,
                variable,
                indices,
                interval,
            } => {
                d.set_item("kind", "state")?;
                d.set_item("population", population)?;
                d.set_item("variable", variable)?;
                d.set_item("indices", indices.clone())?;
                d.set_item("interval", interval)?;
            }
            MonitorSpec::Rate { population, bin } => {
                d.set_item("kind", "rate")?;
                d.set_item("population", population)?;
                d.set_item("bin", bin)?;
            }
            MonitorSpec::Weights {
                projection,
                synapses,
                interval,
            } => {
                d.set_item("kind", "weights")?;
                d.set_item("projection", projection)?;
                d.set_item("synapses", synapses.clone())?;
                d.set_item("interval", interval)?;
            }
        }
        monitors.append(d)?;
    }
    out.set_item("monitors", monitors)?;
    Ok(out)
}
