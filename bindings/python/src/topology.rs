//! Connectivity generators: the tutorial's six functions, any topology by name, and CSR
//! validation. Every result is `(indptr int64, indices uint32, data float64)`.

use crate::convert::{CsrArrays, csr, csr_arrays, keywords};
use crate::errors::IntoPyResult;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sc_neurocore_topology::{ConnectOptions, Topology};

fn topology(py: Python<'_>, name: &str, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Topology> {
    let kw = keywords(py, kwargs)?;
    let refs: Vec<(&str, f64)> = kw.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    Topology::from_name(name, &refs).py(py)
}

/// Checks a topology name and its keyword arguments (ranges that need no sizes).
#[pyfunction]
#[pyo3(signature = (name, kwargs=None))]
fn check_topology(py: Python<'_>, name: &str, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    topology(py, name, kwargs).map(drop)
}

/// The names `Projection(topology=...)` accepts.
#[pyfunction]
fn topology_names() -> Vec<&'static str> {
    Topology::NAMES.to_vec()
}

/// Generates topology `name` with `kwargs` between `n_src` sources and `n_tgt` targets, every
/// synapse with `weight`, from the streams of (`seed`, `object`), as a projection of a
/// network does.
#[pyfunction]
#[pyo3(signature = (name, kwargs, n_src, n_tgt, weight, seed, object, allow_autapses, allow_multapses, same_population))]
#[allow(clippy::too_many_arguments)]
fn generate<'py>(
    py: Python<'py>,
    name: &str,
    kwargs: Option<&Bound<'py, PyDict>>,
    n_src: usize,
    n_tgt: usize,
    weight: f64,
    seed: u64,
    object: u32,
    allow_autapses: bool,
    allow_multapses: bool,
    same_population: bool,
) -> PyResult<CsrArrays<'py>> {
    let t = topology(py, name, kwargs)?;
    let opts = ConnectOptions {
        allow_autapses,
        allow_multapses,
        same_population,
    };
    let c = py
        .detach(|| t.generate(n_src, n_tgt, weight, seed, object, opts))
        .py(py)?;
    Ok(csr_arrays(py, c))
}

/// Erdős–Rényi: each (source, target) pair independently with `probability`.
#[pyfunction]
fn random_connectivity(
    py: Python<'_>,
    n_src: usize,
    n_tgt: usize,
    probability: f64,
    weight: f64,
    seed: u64,
) -> PyResult<CsrArrays<'_>> {
    let c = sc_neurocore_topology::random_connectivity(n_src, n_tgt, probability, weight, seed)
        .py(py)?;
    Ok(csr_arrays(py, c))
}

/// Watts–Strogatz small world (undirected, stored both ways).
#[pyfunction]
fn small_world(
    py: Python<'_>,
    n: usize,
    k: usize,
    p_rewire: f64,
    weight: f64,
    seed: u64,
) -> PyResult<CsrArrays<'_>> {
    let c = sc_neurocore_topology::small_world(n, k, p_rewire, weight, seed).py(py)?;
    Ok(csr_arrays(py, c))
}

/// Barabási–Albert scale-free graph (undirected, stored both ways).
#[pyfunction]
fn scale_free(
    py: Python<'_>,
    n: usize,
    m: usize,
    weight: f64,
    seed: u64,
) -> PyResult<CsrArrays<'_>> {
    let c = sc_neurocore_topology::scale_free(n, m, weight, seed).py(py)?;
    Ok(csr_arrays(py, c))
}

/// Ring: each neuron to its `k` nearest neighbours.
#[pyfunction]
fn ring_topology(py: Python<'_>, n: usize, k: usize, weight: f64) -> PyResult<CsrArrays<'_>> {
    let c = sc_neurocore_topology::ring_topology(n, k, weight).py(py)?;
    Ok(csr_arrays(py, c))
}

/// 2-D lattice, neighbours within `radius`.
#[pyfunction]
fn grid_topology(
    py: Python<'_>,
    rows_count: usize,
    cols_count: usize,
    radius: f64,
    weight: f64,
) -> PyResult<CsrArrays<'_>> {
    let c = sc_neurocore_topology::grid_topology(rows_count, cols_count, radius, weight).py(py)?;
    Ok(csr_arrays(py, c))
}

/// Every source to every target.
#[pyfunction]
fn all_to_all(
    py: Python<'_>,
    n_src: usize,
    n_tgt: usize,
    weight: f64,
    allow_autapses: bool,
) -> PyResult<CsrArrays<'_>> {
    let c = sc_neurocore_topology::all_to_all(n_src, n_tgt, weight, allow_autapses).py(py)?;
    Ok(csr_arrays(py, c))
}

/// Validates a CSR of `n_rows × n_cols` (raises on the first problem).
#[pyfunction]
fn check_csr(
    py: Python<'_>,
    n_rows: usize,
    n_cols: usize,
    indptr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
) -> PyResult<()> {
    csr(py, n_rows, n_cols, indptr, indices, data).map(drop)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_topology, m)?)?;
    m.add_function(wrap_pyfunction!(topology_names, m)?)?;
    m.add_function(wrap_pyfunction!(generate, m)?)?;
    m.add_function(wrap_pyfunction!(random_connectivity, m)?)?;
    m.add_function(wrap_pyfunction!(small_world, m)?)?;
    m.add_function(wrap_pyfunction!(scale_free, m)?)?;
    m.add_function(wrap_pyfunction!(ring_topology, m)?)?;
    m.add_function(wrap_pyfunction!(grid_topology, m)?)?;
    m.add_function(wrap_pyfunction!(all_to_all, m)?)?;
    m.add_function(wrap_pyfunction!(check_csr, m)?)?;
    Ok(())
}
