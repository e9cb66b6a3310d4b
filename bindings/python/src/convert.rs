//! Conversions at the boundary: whole NumPy buffers in and out, Python scalars, dicts of
//! parameters, CSR triples.

use crate::errors::{IntoPyResult, type_error};
use numpy::{PyArray1, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sc_neurocore_core::Csr;
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_stimuli::ScalarOrVec;

/// A 1-D float64 array as a `Vec` (one copy of the buffer). The Python layer passes
/// C-contiguous float64 arrays; anything else is a type error naming `what`.
pub fn f64_vec(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<f64>> {
    let arr: PyReadonlyArray1<'_, f64> = obj.extract().map_err(|_| {
        type_error(
            py,
            format!(
                "{what}: expected a 1-D float64 NumPy array, got {}",
                type_name(obj)
            ),
        )
    })?;
    Ok(match arr.as_slice() {
        Ok(s) => s.to_vec(),
        Err(_) => arr.as_array().iter().copied().collect(),
    })
}

/// A 1-D int64 array as a `Vec<i64>`.
pub fn i64_vec(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<i64>> {
    let arr: PyReadonlyArray1<'_, i64> = obj.extract().map_err(|_| {
        type_error(
            py,
            format!(
                "{what}: expected a 1-D int64 NumPy array, got {}",
                type_name(obj)
            ),
        )
    })?;
    Ok(match arr.as_slice() {
        Ok(s) => s.to_vec(),
        Err(_) => arr.as_array().iter().copied().collect(),
    })
}

/// The Python type name of `obj`, for messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// A float (Python number or NumPy scalar) or a 1-D float64 array.
pub enum Number {
    Scalar(f64),
    Array(Vec<f64>),
}

/// Reads a scalar or a 1-D float64 array.
pub fn number(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Number> {
    if obj.is_instance_of::<numpy::PyUntypedArray>() {
        let arr = obj.cast::<numpy::PyUntypedArray>()?;
        if arr.ndim() == 0 {
            return Ok(Number::Scalar(obj.extract::<f64>()?));
        }
        return Ok(Number::Array(f64_vec(py, obj, what)?));
    }
    match obj.extract::<f64>() {
        Ok(v) => Ok(Number::Scalar(v)),
        Err(_) => Err(type_error(
            py,
            format!(
                "{what}: expected a number or a 1-D float64 NumPy array, got {}",
                type_name(obj)
            ),
        )),
    }
}

impl From<Number> for ParamValue {
    fn from(n: Number) -> Self {
        match n {
            Number::Scalar(v) => ParamValue::Scalar(v),
            Number::Array(v) => ParamValue::PerNeuron(v),
        }
    }
}

impl From<Number> for ScalarOrVec {
    fn from(n: Number) -> Self {
        match n {
            Number::Scalar(v) => ScalarOrVec::Scalar(v),
            Number::Array(v) => ScalarOrVec::PerNeuron(v),
        }
    }
}

/// `{name: number or array}` as (name, value) pairs, in the dict's order.
pub fn params(
    py: Python<'_>,
    d: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<(String, ParamValue)>> {
    let mut out = Vec::new();
    if let Some(d) = d {
        for (k, v) in d.iter() {
            let name: String = k.extract().map_err(|_| {
                type_error(
                    py,
                    format!("parameter names must be strings, got {}", type_name(&k)),
                )
            })?;
            let value = number(py, &v, &format!("parameter '{name}'"))?;
            out.push((name, value.into()));
        }
    }
    Ok(out)
}

/// `{name: number}` as (name, value) pairs.
pub fn keywords(py: Python<'_>, d: Option<&Bound<'_, PyDict>>) -> PyResult<Vec<(String, f64)>> {
    let mut out = Vec::new();
    if let Some(d) = d {
        for (k, v) in d.iter() {
            let name: String = k.extract().map_err(|_| {
                type_error(
                    py,
                    format!("keyword names must be strings, got {}", type_name(&k)),
                )
            })?;
            let value: f64 = v.extract().map_err(|_| {
                type_error(
                    py,
                    format!("keyword '{name}': expected a number, got {}", type_name(&v)),
                )
            })?;
            out.push((name, value));
        }
    }
    Ok(out)
}

/// Builds a checked CSR of `n_rows × n_cols` from NumPy `indptr` (int64), `indices` (int64)
/// and `data` (float64). Negative or too large entries are reported with the engine's
/// messages (as out-of-range values of `Csr`).
pub fn csr(
    py: Python<'_>,
    n_rows: usize,
    n_cols: usize,
    indptr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
) -> PyResult<Csr> {
    let ip = i64_vec(py, indptr, "indptr")?;
    let ix = i64_vec(py, indices, "indices")?;
    let w = f64_vec(py, data, "data")?;
    csr_from_vecs(py, n_rows, n_cols, ip, ix, w)
}

/// As [`csr`], from vectors.
pub fn csr_from_vecs(
    py: Python<'_>,
    n_rows: usize,
    n_cols: usize,
    ip: Vec<i64>,
    ix: Vec<i64>,
    w: Vec<f64>,
) -> PyResult<Csr> {
    use sc_neurocore_core::Error;
    if let Some((k, &v)) = ip.iter().enumerate().find(|(_, v)| **v < 0) {
        return Err(Error::out_of_range(
            "Csr",
            format!("indptr[{k}]"),
            v,
            "[0, inf)",
        ))
        .py(py);
    }
    if let Some((k, &v)) = ix
        .iter()
        .enumerate()
        .find(|(_, v)| **v < 0 || **v as u64 >= n_cols as u64 || **v > u32::MAX as i64)
    {
        return Err(Error::out_of_range(
            "Csr",
            format!("indices[{k}]"),
            v,
            format!("[0, {n_cols})"),
        ))
        .py(py);
    }
    if ip.is_empty() {
        return Err(Error::shape("Csr", "indptr", 0, n_rows + 1)).py(py);
    }
    let ip: Vec<usize> = ip.into_iter().map(|v| v as usize).collect();
    let ix: Vec<u32> = ix.into_iter().map(|v| v as u32).collect();
    Csr::new(n_rows, n_cols, ip, ix, w).py(py)
}

/// A CSR as NumPy `(indptr int64, indices uint32, data float64)`.
pub type CsrArrays<'py> = (
    Bound<'py, PyArray1<i64>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<f64>>,
);

/// Converts a CSR into NumPy arrays (one copy of each buffer).
pub fn csr_arrays(py: Python<'_>, c: Csr) -> CsrArrays<'_> {
    let (_, _, indptr, indices, weights) = c.into_parts();
    let indptr: Vec<i64> = indptr.into_iter().map(|v| v as i64).collect();
    (
        PyArray1::from_vec(py, indptr),
        PyArray1::from_vec(py, indices),
        PyArray1::from_vec(py, weights),
    )
}
