//! STDP: parameter metadata and checks for online rules, and the tutorial's manual update.

use crate::convert::{csr_from_vecs, f64_vec, i64_vec, type_name};
use crate::errors::{IntoPyResult, type_error};
use numpy::{PyArray1, PyReadwriteArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use sc_neurocore_plasticity::{ManualStdp as Manual, STDP_PARAMS, StdpParams, WeightSign};

/// The STDP parameters' metadata: dicts `name, unit, default, range, doc`.
#[pyfunction]
fn stdp_params(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for p in STDP_PARAMS {
        let d = PyDict::new(py);
        d.set_item("name", p.name)?;
        d.set_item("unit", p.unit)?;
        d.set_item("default", p.default)?;
        d.set_item("range", p.range.to_string())?;
        d.set_item("doc", p.doc)?;
        out.append(d)?;
    }
    Ok(out)
}

/// Reads the parameters of [`STDP_PARAMS`] and `mode` (missing = default) and
/// checks it.
pub fn stdp_from_dict(py: Python<'_>, d: &Bound<'_, PyDict>) -> PyResult<StdpParams> {
    let mut p = StdpParams::default();
    for (k, v) in d.iter() {
        let key: String = k.extract()?;
        if key == "mode" {
            let mode: String = v.extract().map_err(|_| {
                type_error(
                    py,
                    format!("StdpParams: mode must be a string, got {}", type_name(&v)),
                )
            })?;
            p.set_mode("StdpParams", &mode).py(py)?;
            continue;
        }
        let x: f64 = v.extract().map_err(|_| {
            type_error(
                py,
                format!("StdpParams: {key} must be a number, got {}", type_name(&v)),
            )
        })?;
        p.set("StdpParams", &key, x).py(py)?;
    }
    p.check().py(py)?;
    Ok(p)
}

/// Checks an STDP parameter dict (see `stdp_from_dict`).
#[pyfunction]
fn check_stdp(py: Python<'_>, params: &Bound<'_, PyDict>) -> PyResult<()> {
    stdp_from_dict(py, params).map(drop)
}

/// The manual STDP update of one projection (traces persist between calls).
#[pyclass(module = "sc_neurocore._native")]
struct ManualStdp {
    inner: Manual,
    n_src: usize,
    n_tgt: usize,
}

#[pymethods]
impl ManualStdp {
    /// Zero traces for `object` (e.g. `Projection 'exc->exc'`) with `n_src` sources and
    /// `n_tgt` targets whose weights are `weights` (their sign is kept), bounds `[w_min,
    /// w_max]` on the magnitude.
    #[new]
    #[pyo3(signature = (object, n_src, n_tgt, weights, w_min=0.0, w_max=f64::INFINITY))]
    fn new(
        py: Python<'_>,
        object: &str,
        n_src: usize,
        n_tgt: usize,
        weights: &Bound<'_, PyAny>,
        w_min: f64,
        w_max: f64,
    ) -> PyResult<Self> {
        let w = f64_vec(py, weights, "weights")?;
        let sign = WeightSign::of(object, &w).py(py)?;
        let inner = Manual::new(object, n_src, n_tgt, sign)
            .with_bounds(w_min, w_max)
            .py(py)?;
        Ok(ManualStdp {
            inner,
            n_src,
            n_tgt,
        })
    }

    /// One step: updates `data` (float64, in place) of the CSR `(indptr, indices, data)`
    /// with binary float64 spike vectors; `tau` in steps. Nothing changes on error.
    #[allow(clippy::too_many_arguments)]
    fn update(
        &mut self,
        py: Python<'_>,
        indptr: &Bound<'_, PyAny>,
        indices: &Bound<'_, PyAny>,
        mut data: PyReadwriteArray1<'_, f64>,
        src_spikes: &Bound<'_, PyAny>,
        tgt_spikes: &Bound<'_, PyAny>,
        a_plus: f64,
        a_minus: f64,
        tau: f64,
    ) -> PyResult<()> {
        let weights: Vec<f64> = data.as_array().iter().copied().collect();
        let ip = i64_vec(py, indptr, "indptr")?;
        let ix = i64_vec(py, indices, "indices")?;
        let mut c = csr_from_vecs(py, self.n_src, self.n_tgt, ip, ix, weights)?;
        let src = f64_vec(py, src_spikes, "src_spikes")?;
        let tgt = f64_vec(py, tgt_spikes, "tgt_spikes")?;
        self.inner
            .update(&mut c, &src, &tgt, a_plus, a_minus, tau)
            .py(py)?;
        let mut out = data.as_array_mut();
        out.iter_mut().zip(c.weights()).for_each(|(o, &w)| *o = w);
        Ok(())
    }

    /// Source traces x.
    #[getter]
    fn pre_traces<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, self.inner.pre_traces())
    }

    /// Target traces y.
    #[getter]
    fn post_traces<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, self.inner.post_traces())
    }

    /// Sets every trace to zero.
    fn reset(&mut self) {
        self.inner.reset();
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(stdp_params, m)?)?;
    m.add_function(wrap_pyfunction!(check_stdp, m)?)?;
    m.add_class::<ManualStdp>()?;
    Ok(())
}
