//! The model zoo: the networks' metadata, and building one by name (as `sc-neurocore run
//! --zoo NAME` does) for tests that compare it with the Python configurations.

use crate::convert::keywords;
use crate::errors::IntoPyResult;
use crate::network::NetworkSpec;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Every zoo network: dicts `name, summary, params (dicts name, unit, default, range, doc),
/// default_run (duration s, dt s)`.
#[pyfunction]
fn zoo_entries(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for z in sc_neurocore_zoo::ZOO {
        let d = PyDict::new(py);
        d.set_item("name", z.name)?;
        d.set_item("summary", z.summary)?;
        let ps = PyList::empty(py);
        for p in z.params {
            let pd = PyDict::new(py);
            pd.set_item("name", p.name)?;
            pd.set_item("unit", p.unit)?;
            pd.set_item("default", p.default)?;
            pd.set_item("range", p.range.to_string())?;
            pd.set_item("doc", p.doc)?;
            ps.append(pd)?;
        }
        d.set_item("params", ps)?;
        d.set_item("default_run", z.default_run)?;
        out.append(d)?;
    }
    Ok(out)
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
    Ok(())
}
