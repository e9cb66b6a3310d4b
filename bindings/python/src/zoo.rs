//! The model zoo: the networks' metadata (parameters, small instance, what each reproduces),
//! the generated docstrings of `sc_neurocore.model_zoo.configs`, and building a network by
//! name (as `sc-neurocore run --zoo NAME` does), which `configs.NAME(...)` exports into the
//! package's own objects (`NetworkSpec.export`).

use crate::convert::keywords;
use crate::errors::IntoPyResult;
use crate::network::NetworkSpec;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

fn reproduction<'py>(
    py: Python<'py>,
    name: &str,
    r: &sc_neurocore_zoo::Reproduction,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("paper", r.paper)?;
    d.set_item("settings", settings_dict(py, r.settings)?)?;
    d.set_item("run", r.run)?;
    d.set_item("note", r.note)?;
    d.set_item("window", r.window)?;
    d.set_item("command", r.command(name))?;
    let stats = PyList::empty(py);
    for s in r.statistics {
        let sd = PyDict::new(py);
        sd.set_item("name", s.name)?;
        sd.set_item("unit", s.unit)?;
        sd.set_item("definition", s.definition)?;
        sd.set_item("published", s.published)?;
        sd.set_item("source", s.source)?;
        stats.append(sd)?;
    }
    d.set_item("statistics", stats)?;
    Ok(d)
}

fn settings_dict<'py>(py: Python<'py>, s: &[(&str, f64)]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in s {
        d.set_item(*k, *v)?;
    }
    Ok(d)
}

/// Every zoo network: dicts `name, summary, params (dicts name, unit, default, range, doc,
/// whole), default_run (duration s, dt s), small (settings of a small instance), reproduces
/// (dict paper, settings, run, note, window, command, statistics (dicts name, unit,
/// definition, published, source); or None), outputs (dicts name, definition)`.
#[pyfunction]
fn zoo_entries(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for z in sc_neurocore_zoo::ZOO {
        let d = PyDict::new(py);
        d.set_item("name", z.name)?;
        d.set_item("summary", z.summary)?;
        let ps = PyList::empty(py);
        for (p, whole) in z.params.iter().zip(z.whole) {
            let pd = PyDict::new(py);
            pd.set_item("whole", *whole)?;
            pd.set_item("name", p.name)?;
            pd.set_item("unit", p.unit)?;
            pd.set_item("default", p.default)?;
            pd.set_item("range", p.range.to_string())?;
            pd.set_item("doc", p.doc)?;
            ps.append(pd)?;
        }
        d.set_item("params", ps)?;
        d.set_item("default_run", z.default_run)?;
        d.set_item("small", settings_dict(py, z.small)?)?;
        let outputs = PyList::empty(py);
        for o in z.outputs {
            let od = PyDict::new(py);
            od.set_item("name", o.name)?;
            od.set_item("definition", o.definition)?;
            outputs.append(od)?;
        }
        d.set_item("outputs", outputs)?;
        d.set_item(
            "reproduces",
            z.reproduces
                .map(|r| reproduction(py, z.name, r))
                .transpose()?,
        )?;
        out.append(d)?;
    }
    Ok(out)
}

/// `{function name: docstring}` of every function of `sc_neurocore.model_zoo.configs` made
/// from the zoo (`sc_neurocore_zoo::docs`, the text the `.pyi` stub carries too).
#[pyfunction]
fn zoo_python_docs(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for (name, doc) in sc_neurocore_zoo::docs::python_docs() {
        d.set_item(name, doc)?;
    }
    Ok(d)
}

/// Builds zoo network `name` with `settings` over its defaults and `seed`.
#[pyfunction]
#[pyo3(signature = (name, settings=None, seed=1))]
fn zoo_network(
    py: Python<'_>,
    name: &str,
    settings: Option<&Bound<'_, PyDict>>,
    seed: u64,
) -> PyResult<NetworkSpec> {
    let entry = sc_neurocore_zoo::lookup(name).py(py)?;
    let kw = keywords(py, settings)?;
    let refs: Vec<(&str, f64)> = kw.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let net = (entry.build)(&refs, seed).py(py)?;
    Ok(NetworkSpec { net })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(zoo_entries, m)?)?;
    m.add_function(wrap_pyfunction!(zoo_network, m)?)?;
    m.add_function(wrap_pyfunction!(zoo_python_docs, m)?)?;
    Ok(())
}
