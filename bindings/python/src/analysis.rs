//! The spike-train analysis toolkit (`crates/analysis`, the 127 functions of its catalogue,
//! `sc_neurocore_analysis::catalogue`) as the submodule `sc_neurocore._native.analysis`.
//!
//! One function per catalogue entry, with the catalogue's name and parameter names (checked
//! by `tests/test_analysis.py`); every argument is passed positionally by the Python layer
//! (`sc_neurocore/analysis/__init__.py`, generated from the catalogue by `cargo xtask
//! codegen`, which holds the defaults and docstrings). The list of registered functions is
//! checked against the catalogue when this crate compiles (`functions!` below).
//!
//! This module converts at the boundary and nothing else: spike trains, signals and phases
//! arrive as any 1-D array-like (a float64 NumPy array is read as one buffer; anything else
//! goes through one `numpy.asarray` call), `trains` as any sequence of them (or a mapping,
//! whose values are used, e.g. `SpikeMonitor.spike_trains`); the computation runs in Rust
//! with the GIL released.
//!
//! Errors (catalogue G12): the only exception a caller sees is a `ValueError`.
//! * The crate's own errors become the `sc_neurocore.errors` classes (`OutOfRangeError`,
//!   `UnknownNameError`, ... all `ValueError`s), with the crate's message.
//! * An argument that cannot be converted (a string for a bin size, a list of strings for a
//!   train) is `AnalysisArgumentError`, which is both a `ValueError` and the package's
//!   `ArgumentTypeError` (a `TypeError`); an array with the wrong number of dimensions is a
//!   `ShapeMismatchError`; a negative count or seed an `OutOfRangeError`.
//! * A panic never crosses: every computation runs under `catch_unwind`, and a panic (a bug
//!   of the crate) would arrive as a `ValueError` whose message says so.

use crate::convert::type_name;
use crate::errors;
use numpy::{Complex64, IntoPyArray, PyArray1, PyArray2, PyArrayMethods, PyUntypedArray};
use numpy::{PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString};
use sc_neurocore_analysis as an;
use sc_neurocore_core::Error;

type Obj<'py> = Bound<'py, PyAny>;
type F64s<'py> = Bound<'py, PyArray1<f64>>;
type I64s<'py> = Bound<'py, PyArray1<i64>>;
type Mat<'py> = Bound<'py, PyArray2<f64>>;

// ---------------------------------------------------------------------------- errors

/// An instance of `module.class(message, **details)`; a plain `ValueError` when the package
/// is not importable.
fn py_error(
    py: Python<'_>,
    module: &str,
    class: &str,
    message: String,
    details: &[(&str, String)],
) -> PyErr {
    let kwargs = PyDict::new(py);
    for (k, v) in details {
        let _ = kwargs.set_item(*k, v);
    }
    match py
        .import(module)
        .and_then(|m| m.getattr(class))
        .and_then(|cls| cls.call((message.clone(),), Some(&kwargs)))
    {
        Ok(exc) => PyErr::from_value(exc),
        Err(_) => PyValueError::new_err(message),
    }
}

/// An argument of a type that cannot be converted: `AnalysisArgumentError` (a `ValueError`
/// and a `TypeError`).
fn arg_error(py: Python<'_>, f: &str, message: String) -> PyErr {
    py_error(
        py,
        "sc_neurocore.analysis._errors",
        "AnalysisArgumentError",
        format!("{f}: {message}"),
        &[("object", f.to_string())],
    )
}

/// A crate error as the matching `sc_neurocore.errors` class, always a `ValueError`.
fn crate_error(py: Python<'_>, e: Error) -> PyErr {
    let e = match e {
        Error::Io { path, message } => Error::invalid(path, message),
        e => e,
    };
    let message = e.to_string();
    let err = errors::to_py(py, e);
    if err.is_instance_of::<PyValueError>(py) {
        err
    } else {
        PyValueError::new_err(message)
    }
}

/// Runs `op` without the GIL and under `catch_unwind`; crate errors and panics become
/// `ValueError`s (G12).
fn run<T: Send>(
    py: Python<'_>,
    f: &str,
    op: impl FnOnce() -> sc_neurocore_core::Result<T> + Send,
) -> PyResult<T> {
    let r = py.detach(move || std::panic::catch_unwind(std::panic::AssertUnwindSafe(op)));
    match r {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(crate_error(py, e)),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(PyValueError::new_err(format!(
                "{f}: internal error of the analysis toolkit (please report it): {what}"
            )))
        }
    }
}

// ---------------------------------------------------------------------------- inputs

fn is_bool(obj: &Obj<'_>) -> bool {
    obj.is_instance_of::<PyBool>() || type_name(obj) == "bool" || type_name(obj) == "bool_"
}

fn ndim(obj: &Obj<'_>) -> Option<usize> {
    obj.cast::<PyUntypedArray>().ok().map(|a| a.ndim())
}

/// A 1-D array-like of numbers (spike train, signal, phases, times) as a `Vec<f64>`.
fn arr(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<Vec<f64>> {
    if let Ok(a) = obj.cast::<PyArray1<f64>>() {
        let r: PyReadonlyArray1<'_, f64> = a.readonly();
        return Ok(match r.as_slice() {
            Ok(s) => s.to_vec(),
            Err(_) => r.as_array().iter().copied().collect(),
        });
    }
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() || obj.is_none() {
        return Err(arg_error(
            py,
            f,
            format!(
                "{field} must be a 1-D array of numbers, got {}",
                type_name(obj)
            ),
        ));
    }
    let np = py.import("numpy")?;
    let converted = np
        .getattr("asarray")
        .and_then(|asarray| asarray.call1((obj, np.getattr("float64")?)))
        .map_err(|e| {
            arg_error(
                py,
                f,
                format!(
                    "{field} must be a 1-D array of numbers, got {} ({})",
                    type_name(obj),
                    e.value(py)
                ),
            )
        })?;
    let nd = ndim(&converted).unwrap_or(0);
    if nd != 1 {
        let got = if nd == 0 {
            "a scalar".to_string()
        } else {
            format!("a {nd}-D array")
        };
        return Err(py_error(
            py,
            "sc_neurocore.errors",
            "ShapeMismatchError",
            format!("{f}: {field} must be a 1-D array of numbers, got {got}"),
            &[
                ("object", f.to_string()),
                ("field", field.to_string()),
                ("got", nd.to_string()),
                ("expected", "1".to_string()),
            ],
        ));
    }
    let a = converted.cast::<PyArray1<f64>>()?;
    let r = a.readonly();
    Ok(match r.as_slice() {
        Ok(s) => s.to_vec(),
        Err(_) => r.as_array().iter().copied().collect(),
    })
}

/// A sequence of spike trains (a mapping: its values, in order).
fn arrs(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<Vec<Vec<f64>>> {
    let not_a_sequence = |what: String| {
        arg_error(
            py,
            f,
            format!("{field} must be a sequence of spike trains (1-D arrays), got {what}"),
        )
    };
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() || obj.is_none() {
        return Err(not_a_sequence(type_name(obj)));
    }
    if ndim(obj) == Some(1) || ndim(obj) == Some(0) {
        return Err(not_a_sequence(format!(
            "a {}-D array (wrap a single train in a list)",
            ndim(obj).unwrap_or(0)
        )));
    }
    let mapping = py.import("collections.abc")?.getattr("Mapping")?;
    let seq = if obj.is_instance(&mapping)? {
        obj.call_method0("values")?
    } else {
        obj.clone()
    };
    let it = seq.try_iter().map_err(|_| not_a_sequence(type_name(obj)))?;
    let mut out = Vec::new();
    for (k, item) in it.enumerate() {
        out.push(arr(py, f, &format!("{field}[{k}]"), &item?)?);
    }
    Ok(out)
}

/// A real number (Python or NumPy scalar; not a bool).
fn real(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<f64> {
    let bad = || {
        arg_error(
            py,
            f,
            format!("{field} must be a number, got {}", type_name(obj)),
        )
    };
    if is_bool(obj) || obj.is_instance_of::<PyString>() || ndim(obj).is_some_and(|n| n > 0) {
        return Err(bad());
    }
    obj.extract::<f64>().map_err(|_| bad())
}

/// `None` or a real number.
fn opt_real(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<Option<f64>> {
    if obj.is_none() {
        Ok(None)
    } else {
        real(py, f, field, obj).map(Some)
    }
}

/// An integer (Python or NumPy; an integral float is accepted; not a bool).
fn int(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<i64> {
    let bad = || {
        arg_error(
            py,
            f,
            format!(
                "{field} must be an integer, got {} {}",
                type_name(obj),
                obj.repr().map(|r| r.to_string()).unwrap_or_default()
            ),
        )
    };
    if is_bool(obj) || obj.is_instance_of::<PyString>() || ndim(obj).is_some_and(|n| n > 0) {
        return Err(bad());
    }
    if let Ok(v) = obj.extract::<i64>() {
        return Ok(v);
    }
    match obj.extract::<f64>() {
        Ok(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.2e18 => Ok(x as i64),
        _ => Err(bad()),
    }
}

fn out_of_range(py: Python<'_>, f: &str, field: &str, value: String, range: &str) -> PyErr {
    crate_error(py, Error::out_of_range(f, field, value, range))
}

/// A non-negative integer.
fn count(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<usize> {
    let v = int(py, f, field, obj)?;
    usize::try_from(v).map_err(|_| out_of_range(py, f, field, v.to_string(), "[0, inf)"))
}

/// `None` or a non-negative integer.
fn opt_count(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<Option<usize>> {
    if obj.is_none() {
        Ok(None)
    } else {
        count(py, f, field, obj).map(Some)
    }
}

/// `seed: int | None` (G9), an integer in [0, 2^64).
fn opt_seed(py: Python<'_>, f: &str, obj: &Obj<'_>) -> PyResult<Option<u64>> {
    if obj.is_none() {
        return Ok(None);
    }
    if !is_bool(obj)
        && let Ok(v) = obj.extract::<u64>()
    {
        return Ok(Some(v));
    }
    let v = int(py, f, "seed", obj)?; // a type error, or a negative value
    Err(out_of_range(py, f, "seed", v.to_string(), "[0, 2^64)"))
}

/// `True` or `False` (Python or NumPy bool).
fn flag(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<bool> {
    if is_bool(obj)
        && let Ok(b) = obj.extract::<bool>()
    {
        return Ok(b);
    }
    Err(arg_error(
        py,
        f,
        format!("{field} must be True or False, got {}", type_name(obj)),
    ))
}

/// A string (kernel, window and output names).
fn text(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<String> {
    obj.extract::<String>().map_err(|_| {
        arg_error(
            py,
            f,
            format!("{field} must be a string, got {}", type_name(obj)),
        )
    })
}

/// A pair of numbers, e.g. the STA `window = (w0, w1)`.
fn pair(py: Python<'_>, f: &str, field: &str, obj: &Obj<'_>) -> PyResult<(f64, f64)> {
    let bad = || {
        arg_error(
            py,
            f,
            format!(
                "{field} must be a pair of numbers (start, stop), got {}",
                type_name(obj)
            ),
        )
    };
    if obj.is_instance_of::<PyString>() {
        return Err(bad());
    }
    let it = obj.try_iter().map_err(|_| bad())?;
    let mut v = Vec::new();
    for (k, item) in it.enumerate() {
        v.push(real(py, f, &format!("{field}[{k}]"), &item?)?);
    }
    match v[..] {
        [a, b] => Ok((a, b)),
        _ => Err(bad()),
    }
}

// ---------------------------------------------------------------------------- outputs

fn f64s(py: Python<'_>, v: Vec<f64>) -> F64s<'_> {
    v.into_pyarray(py)
}

fn i64s(py: Python<'_>, v: Vec<i64>) -> I64s<'_> {
    v.into_pyarray(py)
}

/// Rows of equal length as a 2-D array (`cols` columns when there are no rows).
fn rows<'py, T: numpy::Element + Copy>(
    py: Python<'py>,
    f: &str,
    rows: Vec<Vec<T>>,
    cols: usize,
) -> PyResult<Bound<'py, PyArray2<T>>> {
    let n = rows.len();
    let m = rows.first().map_or(cols, Vec::len);
    if rows.iter().any(|r| r.len() != m) {
        return Err(PyValueError::new_err(format!(
            "{f}: internal error of the analysis toolkit (please report it): ragged matrix"
        )));
    }
    // One contiguous buffer for NumPy; an allocation failure is an error, not an abort.
    let mut flat: Vec<T> = Vec::new();
    if flat.try_reserve_exact(n.saturating_mul(m)).is_err() {
        return Err(PyValueError::new_err(format!(
            "{f}: cannot allocate the {n} x {m} result"
        )));
    }
    for r in rows {
        flat.extend_from_slice(&r);
    }
    flat.into_pyarray(py).reshape([n, m])
}

fn square(py: Python<'_>, m: an::SquareMatrix) -> PyResult<Mat<'_>> {
    let n = m.n;
    m.data.into_pyarray(py).reshape([n, n])
}

/// Surrogates (G7): a `list` of 1-D float64 arrays.
fn list_of(py: Python<'_>, v: Vec<Vec<f64>>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, v.into_iter().map(|s| s.into_pyarray(py)))
}

// ============================================================================ 1. rates & ISI

#[pyfunction]
fn spike_count(
    py: Python<'_>,
    spikes: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<usize> {
    const F: &str = "spike_count";
    let x = arr(py, F, "spikes", spikes)?;
    let (a, b) = (
        opt_real(py, F, "t_start", t_start)?,
        opt_real(py, F, "t_stop", t_stop)?,
    );
    run(py, F, || an::spike_count(&x, a, b))
}

#[pyfunction]
fn firing_rate(
    py: Python<'_>,
    spikes: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
    duration: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "firing_rate";
    let x = arr(py, F, "spikes", spikes)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    let d = opt_real(py, F, "duration", duration)?;
    run(py, F, || an::firing_rate(&x, a, b, d))
}

#[pyfunction]
fn firing_rates<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "firing_rates";
    let t = arrs(py, F, "trains", trains)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    Ok(f64s(py, run(py, F, || an::firing_rates(&t, a, b))?))
}

/// `(spikes, bin_size, t_start, t_stop)`, the shape of every binned single-train function.
fn binned_args(
    py: Python<'_>,
    f: &str,
    spikes: &Obj<'_>,
    bin_size: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<(Vec<f64>, f64, f64, Option<f64>)> {
    Ok((
        arr(py, f, "spikes", spikes)?,
        real(py, f, "bin_size", bin_size)?,
        real(py, f, "t_start", t_start)?,
        opt_real(py, f, "t_stop", t_stop)?,
    ))
}

/// Trains, bin size, `t_start`, `t_stop`.
type PopArgs = (Vec<Vec<f64>>, f64, f64, Option<f64>);

/// `(trains, bin_size, t_start, t_stop)`, the shape of the binned population functions.
fn pop_args(
    py: Python<'_>,
    f: &str,
    trains: &Obj<'_>,
    bin_size: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<PopArgs> {
    Ok((
        arrs(py, f, "trains", trains)?,
        real(py, f, "bin_size", bin_size)?,
        real(py, f, "t_start", t_start)?,
        opt_real(py, f, "t_stop", t_stop)?,
    ))
}

#[pyfunction]
fn binned_firing_rate<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "binned_firing_rate";
    let (x, bs, a, b) = binned_args(py, F, spikes, bin_size, t_start, t_stop)?;
    Ok(f64s(
        py,
        run(py, F, || an::binned_firing_rate(&x, bs, a, b))?,
    ))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn instantaneous_rate<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    sampling_period: &Obj<'py>,
    sigma: &Obj<'py>,
    kernel: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    cutoff: &Obj<'py>,
    center_kernel: &Obj<'py>,
    trim: &Obj<'py>,
    border_correction: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "instantaneous_rate";
    let x = arr(py, F, "spikes", spikes)?;
    let sp = real(py, F, "sampling_period", sampling_period)?;
    let s = real(py, F, "sigma", sigma)?;
    let k = text(py, F, "kernel", kernel)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    let c = real(py, F, "cutoff", cutoff)?;
    let ck = flag(py, F, "center_kernel", center_kernel)?;
    let tr = flag(py, F, "trim", trim)?;
    let bc = flag(py, F, "border_correction", border_correction)?;
    let (t, r) = run(py, F, || {
        let k = an::RateKernel::from_name(&k)?;
        an::instantaneous_rate(&x, sp, s, k, a, b, c, ck, tr, bc)
    })?;
    Ok((f64s(py, t), f64s(py, r)))
}

/// A scalar statistic of one train.
macro_rules! train_scalar {
    ($name:ident) => {
        #[pyfunction]
        fn $name(py: Python<'_>, spikes: &Obj<'_>) -> PyResult<f64> {
            const F: &str = stringify!($name);
            let x = arr(py, F, "spikes", spikes)?;
            run(py, F, || an::$name(&x))
        }
    };
}

/// An array of one train.
macro_rules! train_vector {
    ($name:ident) => {
        #[pyfunction]
        fn $name<'py>(py: Python<'py>, spikes: &Obj<'py>) -> PyResult<F64s<'py>> {
            const F: &str = stringify!($name);
            let x = arr(py, F, "spikes", spikes)?;
            Ok(f64s(py, run(py, F, || an::$name(&x))?))
        }
    };
}

train_scalar!(optimal_kernel_bandwidth);

#[pyfunction]
fn optimal_bin_size(
    py: Python<'_>,
    spikes: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
    min_bins: &Obj<'_>,
    max_bins: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "optimal_bin_size";
    let x = arr(py, F, "spikes", spikes)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    let lo = count(py, F, "min_bins", min_bins)?;
    let hi = count(py, F, "max_bins", max_bins)?;
    run(py, F, || an::optimal_bin_size(&x, a, b, lo, hi))
}

train_vector!(isi);
train_scalar!(isi_mean);
train_scalar!(isi_median);
train_scalar!(isi_std);
train_scalar!(coefficient_of_variation);
train_scalar!(cv2);
train_scalar!(local_variation);

#[pyfunction]
fn revised_local_variation(
    py: Python<'_>,
    spikes: &Obj<'_>,
    refractory_period: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "revised_local_variation";
    let x = arr(py, F, "spikes", spikes)?;
    let r = real(py, F, "refractory_period", refractory_period)?;
    run(py, F, || an::revised_local_variation(&x, r))
}

#[pyfunction]
fn fano_factor(
    py: Python<'_>,
    trains: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "fano_factor";
    let t = arrs(py, F, "trains", trains)?;
    let a = opt_real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    run(py, F, || an::fano_factor(&t, a, b))
}

#[pyfunction]
fn fano_factor_binned(
    py: Python<'_>,
    spikes: &Obj<'_>,
    bin_size: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "fano_factor_binned";
    let (x, bs, a, b) = binned_args(py, F, spikes, bin_size, t_start, t_stop)?;
    run(py, F, || an::fano_factor_binned(&x, bs, a, b))
}

#[pyfunction]
fn isi_histogram<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    max_isi: &Obj<'py>,
) -> PyResult<(F64s<'py>, I64s<'py>)> {
    const F: &str = "isi_histogram";
    let x = arr(py, F, "spikes", spikes)?;
    let bs = real(py, F, "bin_size", bin_size)?;
    let m = real(py, F, "max_isi", max_isi)?;
    let (e, c) = run(py, F, || an::isi_histogram(&x, bs, m))?;
    Ok((f64s(py, e), i64s(py, c)))
}

#[pyfunction]
fn log_isi_histogram<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bins_per_decade: &Obj<'py>,
    min_isi: &Obj<'py>,
    max_isi: &Obj<'py>,
) -> PyResult<(F64s<'py>, I64s<'py>)> {
    const F: &str = "log_isi_histogram";
    let x = arr(py, F, "spikes", spikes)?;
    let n = count(py, F, "bins_per_decade", bins_per_decade)?;
    let lo = real(py, F, "min_isi", min_isi)?;
    let hi = real(py, F, "max_isi", max_isi)?;
    let (e, c) = run(py, F, || an::log_isi_histogram(&x, n, lo, hi))?;
    Ok((f64s(py, e), i64s(py, c)))
}

train_vector!(instantaneous_frequency);

#[pyfunction]
fn isi_serial_correlation(py: Python<'_>, spikes: &Obj<'_>, lag: &Obj<'_>) -> PyResult<f64> {
    const F: &str = "isi_serial_correlation";
    let x = arr(py, F, "spikes", spikes)?;
    let l = count(py, F, "lag", lag)?;
    run(py, F, || an::isi_serial_correlation(&x, l))
}

train_scalar!(adaptation_index);

#[pyfunction]
fn refractory_violations(
    py: Python<'_>,
    spikes: &Obj<'_>,
    refractory_period: &Obj<'_>,
) -> PyResult<usize> {
    const F: &str = "refractory_violations";
    let x = arr(py, F, "spikes", spikes)?;
    let r = real(py, F, "refractory_period", refractory_period)?;
    run(py, F, || an::refractory_violations(&x, r))
}

#[pyfunction]
fn time_to_first_spike(py: Python<'_>, spikes: &Obj<'_>, t_start: &Obj<'_>) -> PyResult<f64> {
    const F: &str = "time_to_first_spike";
    let x = arr(py, F, "spikes", spikes)?;
    let a = real(py, F, "t_start", t_start)?;
    run(py, F, || an::time_to_first_spike(&x, a))
}

// ============================================================================ 2. correlation

/// `(spikes_a, spikes_b, bin_size, t_start, t_stop, binary)`.
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn pair_binned(
    py: Python<'_>,
    f: &str,
    spikes_a: &Obj<'_>,
    spikes_b: &Obj<'_>,
    bin_size: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
    binary: &Obj<'_>,
) -> PyResult<(Vec<f64>, Vec<f64>, f64, f64, Option<f64>, bool)> {
    Ok((
        arr(py, f, "spikes_a", spikes_a)?,
        arr(py, f, "spikes_b", spikes_b)?,
        real(py, f, "bin_size", bin_size)?,
        real(py, f, "t_start", t_start)?,
        opt_real(py, f, "t_stop", t_stop)?,
        flag(py, f, "binary", binary)?,
    ))
}

#[pyfunction]
fn spike_train_correlation(
    py: Python<'_>,
    spikes_a: &Obj<'_>,
    spikes_b: &Obj<'_>,
    bin_size: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
    binary: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "spike_train_correlation";
    let (x, y, bs, a, b, bin) =
        pair_binned(py, F, spikes_a, spikes_b, bin_size, t_start, t_stop, binary)?;
    run(py, F, || an::spike_train_correlation(&x, &y, bs, a, b, bin))
}

#[pyfunction]
fn spike_train_covariance(
    py: Python<'_>,
    spikes_a: &Obj<'_>,
    spikes_b: &Obj<'_>,
    bin_size: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
    binary: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "spike_train_covariance";
    let (x, y, bs, a, b, bin) =
        pair_binned(py, F, spikes_a, spikes_b, bin_size, t_start, t_stop, binary)?;
    run(py, F, || an::spike_train_covariance(&x, &y, bs, a, b, bin))
}

#[pyfunction]
fn correlation_matrix<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    binary: &Obj<'py>,
) -> PyResult<Mat<'py>> {
    const F: &str = "correlation_matrix";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let bin = flag(py, F, "binary", binary)?;
    square(
        py,
        run(py, F, || an::correlation_matrix(&t, bs, a, b, bin))?,
    )
}

#[pyfunction]
fn covariance_matrix<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    binary: &Obj<'py>,
) -> PyResult<Mat<'py>> {
    const F: &str = "covariance_matrix";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let bin = flag(py, F, "binary", binary)?;
    square(py, run(py, F, || an::covariance_matrix(&t, bs, a, b, bin))?)
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn cross_correlation_histogram<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    bin_size: &Obj<'py>,
    max_lag_bins: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    binary: &Obj<'py>,
    border_correction: &Obj<'py>,
) -> PyResult<(I64s<'py>, F64s<'py>)> {
    const F: &str = "cross_correlation_histogram";
    let (x, y, bs, a, b, bin) =
        pair_binned(py, F, spikes_a, spikes_b, bin_size, t_start, t_stop, binary)?;
    let w = int(py, F, "max_lag_bins", max_lag_bins)?;
    let bc = flag(py, F, "border_correction", border_correction)?;
    let (l, c) = run(py, F, || {
        an::cross_correlation_histogram(&x, &y, bs, w, a, b, bin, bc)
    })?;
    Ok((i64s(py, l), f64s(py, c)))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn cross_correlation_coefficient<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    bin_size: &Obj<'py>,
    max_lag_bins: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    binary: &Obj<'py>,
) -> PyResult<(I64s<'py>, F64s<'py>)> {
    const F: &str = "cross_correlation_coefficient";
    let (x, y, bs, a, b, bin) =
        pair_binned(py, F, spikes_a, spikes_b, bin_size, t_start, t_stop, binary)?;
    let w = int(py, F, "max_lag_bins", max_lag_bins)?;
    let (l, c) = run(py, F, || {
        an::cross_correlation_coefficient(&x, &y, bs, w, a, b, bin)
    })?;
    Ok((i64s(py, l), f64s(py, c)))
}

#[pyfunction]
fn autocorrelation_histogram<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    max_lag_bins: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    binary: &Obj<'py>,
) -> PyResult<(I64s<'py>, F64s<'py>)> {
    const F: &str = "autocorrelation_histogram";
    let (x, bs, a, b) = binned_args(py, F, spikes, bin_size, t_start, t_stop)?;
    let w = int(py, F, "max_lag_bins", max_lag_bins)?;
    let bin = flag(py, F, "binary", binary)?;
    let (l, c) = run(py, F, || {
        an::autocorrelation_histogram(&x, bs, w, a, b, bin)
    })?;
    Ok((i64s(py, l), f64s(py, c)))
}

#[pyfunction]
fn cross_correlogram<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    bin_size: &Obj<'py>,
    max_lag: &Obj<'py>,
) -> PyResult<(F64s<'py>, I64s<'py>)> {
    const F: &str = "cross_correlogram";
    let x = arr(py, F, "spikes_a", spikes_a)?;
    let y = arr(py, F, "spikes_b", spikes_b)?;
    let bs = real(py, F, "bin_size", bin_size)?;
    let m = real(py, F, "max_lag", max_lag)?;
    let (c, k) = run(py, F, || an::cross_correlogram(&x, &y, bs, m))?;
    Ok((f64s(py, c), i64s(py, k)))
}

#[pyfunction]
fn autocorrelogram<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    max_lag: &Obj<'py>,
) -> PyResult<(F64s<'py>, I64s<'py>)> {
    const F: &str = "autocorrelogram";
    let x = arr(py, F, "spikes", spikes)?;
    let bs = real(py, F, "bin_size", bin_size)?;
    let m = real(py, F, "max_lag", max_lag)?;
    let (c, k) = run(py, F, || an::autocorrelogram(&x, bs, m))?;
    Ok((f64s(py, c), i64s(py, k)))
}

#[pyfunction]
fn spike_time_tiling_coefficient(
    py: Python<'_>,
    spikes_a: &Obj<'_>,
    spikes_b: &Obj<'_>,
    dt: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "spike_time_tiling_coefficient";
    let x = arr(py, F, "spikes_a", spikes_a)?;
    let y = arr(py, F, "spikes_b", spikes_b)?;
    let d = real(py, F, "dt", dt)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    run(py, F, || an::spike_time_tiling_coefficient(&x, &y, d, a, b))
}

#[pyfunction]
fn sttc_matrix<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    dt: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<Mat<'py>> {
    const F: &str = "sttc_matrix";
    let t = arrs(py, F, "trains", trains)?;
    let d = real(py, F, "dt", dt)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    square(py, run(py, F, || an::sttc_matrix(&t, d, a, b))?)
}

#[pyfunction]
fn spike_train_timescale(
    py: Python<'_>,
    spikes: &Obj<'_>,
    bin_size: &Obj<'_>,
    max_tau: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "spike_train_timescale";
    let (x, bs, a, b) = binned_args(py, F, spikes, bin_size, t_start, t_stop)?;
    let m = real(py, F, "max_tau", max_tau)?;
    run(py, F, || an::spike_train_timescale(&x, bs, m, a, b))
}

#[pyfunction]
fn coincidence_count(
    py: Python<'_>,
    spikes_a: &Obj<'_>,
    spikes_b: &Obj<'_>,
    window: &Obj<'_>,
) -> PyResult<i64> {
    const F: &str = "coincidence_count";
    let x = arr(py, F, "spikes_a", spikes_a)?;
    let y = arr(py, F, "spikes_b", spikes_b)?;
    let w = real(py, F, "window", window)?;
    run(py, F, || an::coincidence_count(&x, &y, w))
}

#[pyfunction]
fn coincidence_factor(
    py: Python<'_>,
    spikes_a: &Obj<'_>,
    spikes_b: &Obj<'_>,
    window: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "coincidence_factor";
    let x = arr(py, F, "spikes_a", spikes_a)?;
    let y = arr(py, F, "spikes_b", spikes_b)?;
    let w = real(py, F, "window", window)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    run(py, F, || an::coincidence_factor(&x, &y, w, a, b))
}

/// A scalar of two trains and one parameter.
macro_rules! pair_scalar {
    ($name:ident, $param:ident) => {
        #[pyfunction]
        fn $name(
            py: Python<'_>,
            spikes_a: &Obj<'_>,
            spikes_b: &Obj<'_>,
            $param: &Obj<'_>,
        ) -> PyResult<f64> {
            const F: &str = stringify!($name);
            let x = arr(py, F, "spikes_a", spikes_a)?;
            let y = arr(py, F, "spikes_b", spikes_b)?;
            let p = real(py, F, stringify!($param), $param)?;
            run(py, F, || an::$name(&x, &y, p))
        }
    };
}

pair_scalar!(event_synchronization, tau);
pair_scalar!(event_synchronization_delay, tau);

#[pyfunction]
fn spike_contrast(
    py: Python<'_>,
    trains: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
    min_bin: &Obj<'_>,
    bin_shrink_factor: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "spike_contrast";
    let t = arrs(py, F, "trains", trains)?;
    let a = opt_real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    let m = real(py, F, "min_bin", min_bin)?;
    let s = real(py, F, "bin_shrink_factor", bin_shrink_factor)?;
    run(py, F, || an::spike_contrast(&t, a, b, m, s))
}

// ============================================================================ 3. distances

pair_scalar!(victor_purpura_distance, cost);
pair_scalar!(van_rossum_distance, tau);
pair_scalar!(schreiber_similarity, sigma);
pair_scalar!(hunter_milton_similarity, tau);

/// A matrix of all pairs with one parameter.
macro_rules! trains_matrix {
    ($name:ident, $param:ident) => {
        #[pyfunction]
        fn $name<'py>(py: Python<'py>, trains: &Obj<'py>, $param: &Obj<'py>) -> PyResult<Mat<'py>> {
            const F: &str = stringify!($name);
            let t = arrs(py, F, "trains", trains)?;
            let p = real(py, F, stringify!($param), $param)?;
            let n = t.len();
            rows(py, F, run(py, F, || an::$name(&t, p))?, n)
        }
    };
}

trains_matrix!(victor_purpura_distance_matrix, cost);
trains_matrix!(van_rossum_distance_matrix, tau);

#[pyfunction]
fn schreiber_reliability(py: Python<'_>, trains: &Obj<'_>, sigma: &Obj<'_>) -> PyResult<f64> {
    const F: &str = "schreiber_reliability";
    let t = arrs(py, F, "trains", trains)?;
    let s = real(py, F, "sigma", sigma)?;
    run(py, F, || an::schreiber_reliability(&t, s))
}

/// PySpike arguments `(a, b, t_start, t_stop)` plus `mrts` (a number) or `max_tau` (optional).
fn pyspike_pair(
    py: Python<'_>,
    f: &str,
    spikes_a: &Obj<'_>,
    spikes_b: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<(Vec<f64>, Vec<f64>, f64, f64)> {
    Ok((
        arr(py, f, "spikes_a", spikes_a)?,
        arr(py, f, "spikes_b", spikes_b)?,
        real(py, f, "t_start", t_start)?,
        real(py, f, "t_stop", t_stop)?,
    ))
}

/// Pairwise PySpike scalar (`$param` is `mrts` or `max_tau`, read by `$read`).
macro_rules! pyspike_pair_fn {
    ($name:ident, $param:ident, $read:ident) => {
        #[pyfunction]
        fn $name(
            py: Python<'_>,
            spikes_a: &Obj<'_>,
            spikes_b: &Obj<'_>,
            t_start: &Obj<'_>,
            t_stop: &Obj<'_>,
            $param: &Obj<'_>,
        ) -> PyResult<f64> {
            const F: &str = stringify!($name);
            let (x, y, a, b) = pyspike_pair(py, F, spikes_a, spikes_b, t_start, t_stop)?;
            let m = $read(py, F, stringify!($param), $param)?;
            run(py, F, || an::$name(&x, &y, a, b, m))
        }
    };
}

/// Multi-train PySpike scalar (`$param` is `mrts` or `max_tau`, read by `$read`).
macro_rules! pyspike_multi {
    ($name:ident, $param:ident, $read:ident) => {
        #[pyfunction]
        fn $name(
            py: Python<'_>,
            trains: &Obj<'_>,
            t_start: &Obj<'_>,
            t_stop: &Obj<'_>,
            $param: &Obj<'_>,
        ) -> PyResult<f64> {
            const F: &str = stringify!($name);
            let t = arrs(py, F, "trains", trains)?;
            let a = real(py, F, "t_start", t_start)?;
            let b = real(py, F, "t_stop", t_stop)?;
            let m = $read(py, F, stringify!($param), $param)?;
            run(py, F, || an::$name(&t, a, b, m))
        }
    };
}

/// PySpike matrix.
macro_rules! pyspike_matrix {
    ($name:ident, $param:ident, $read:ident) => {
        #[pyfunction]
        fn $name<'py>(
            py: Python<'py>,
            trains: &Obj<'py>,
            t_start: &Obj<'py>,
            t_stop: &Obj<'py>,
            $param: &Obj<'py>,
        ) -> PyResult<Mat<'py>> {
            const F: &str = stringify!($name);
            let t = arrs(py, F, "trains", trains)?;
            let a = real(py, F, "t_start", t_start)?;
            let b = real(py, F, "t_stop", t_stop)?;
            let m = $read(py, F, stringify!($param), $param)?;
            let n = t.len();
            rows(py, F, run(py, F, || an::$name(&t, a, b, m))?, n)
        }
    };
}

pyspike_pair_fn!(isi_distance, mrts, real);
pyspike_multi!(isi_distance_multi, mrts, real);
pyspike_matrix!(isi_distance_matrix, mrts, real);

#[pyfunction]
fn isi_profile<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    mrts: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "isi_profile";
    let (x, y, a, b) = pyspike_pair(py, F, spikes_a, spikes_b, t_start, t_stop)?;
    let m = real(py, F, "mrts", mrts)?;
    let (px, pv) = run(py, F, || an::isi_profile(&x, &y, a, b, m))?;
    Ok((f64s(py, px), f64s(py, pv)))
}

pyspike_pair_fn!(spike_distance, mrts, real);
pyspike_multi!(spike_distance_multi, mrts, real);
pyspike_matrix!(spike_distance_matrix, mrts, real);

#[pyfunction]
fn spike_profile<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    mrts: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>, F64s<'py>)> {
    const F: &str = "spike_profile";
    let (x, y, a, b) = pyspike_pair(py, F, spikes_a, spikes_b, t_start, t_stop)?;
    let m = real(py, F, "mrts", mrts)?;
    let (px, y1, y2) = run(py, F, || an::spike_profile(&x, &y, a, b, m))?;
    Ok((f64s(py, px), f64s(py, y1), f64s(py, y2)))
}

pyspike_pair_fn!(spike_sync, max_tau, opt_real);
pyspike_multi!(spike_sync_multi, max_tau, opt_real);
pyspike_matrix!(spike_sync_matrix, max_tau, opt_real);

#[pyfunction]
fn spike_sync_profile<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    max_tau: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>, F64s<'py>)> {
    const F: &str = "spike_sync_profile";
    let (x, y, a, b) = pyspike_pair(py, F, spikes_a, spikes_b, t_start, t_stop)?;
    let m = opt_real(py, F, "max_tau", max_tau)?;
    let (px, pv, mp) = run(py, F, || an::spike_sync_profile(&x, &y, a, b, m))?;
    Ok((f64s(py, px), f64s(py, pv), f64s(py, mp)))
}

pyspike_pair_fn!(spike_directionality, max_tau, opt_real);
pyspike_pair_fn!(spike_train_order, max_tau, opt_real);
pyspike_multi!(spike_train_order_multi, max_tau, opt_real);

// ============================================================================ 4. spectral

/// Welch arguments after the trains: `(bin_size, t_start, t_stop, n_segments, overlap, window)`.
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn welch_args(
    py: Python<'_>,
    f: &'static str,
    bin_size: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
    n_segments: &Obj<'_>,
    overlap: &Obj<'_>,
    window: &Obj<'_>,
) -> PyResult<(f64, f64, Option<f64>, usize, f64, String)> {
    Ok((
        real(py, f, "bin_size", bin_size)?,
        real(py, f, "t_start", t_start)?,
        opt_real(py, f, "t_stop", t_stop)?,
        count(py, f, "n_segments", n_segments)?,
        real(py, f, "overlap", overlap)?,
        text(py, f, "window", window)?,
    ))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn spike_train_psd<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    n_segments: &Obj<'py>,
    overlap: &Obj<'py>,
    window: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "spike_train_psd";
    let x = arr(py, F, "spikes", spikes)?;
    let (bs, a, b, ns, ov, w) = welch_args(
        py, F, bin_size, t_start, t_stop, n_segments, overlap, window,
    )?;
    let (fr, p) = run(py, F, || {
        let w = an::SpectralWindow::parse(F, &w)?;
        an::spike_train_psd(&x, bs, a, b, ns, ov, w)
    })?;
    Ok((f64s(py, fr), f64s(py, p)))
}

#[pyfunction]
fn spike_train_periodogram<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    window: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "spike_train_periodogram";
    let (x, bs, a, b) = binned_args(py, F, spikes, bin_size, t_start, t_stop)?;
    let w = text(py, F, "window", window)?;
    let (fr, p) = run(py, F, || {
        let w = an::SpectralWindow::parse(F, &w)?;
        an::spike_train_periodogram(&x, bs, a, b, w)
    })?;
    Ok((f64s(py, fr), f64s(py, p)))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn spike_train_coherence<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    n_segments: &Obj<'py>,
    overlap: &Obj<'py>,
    window: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>, F64s<'py>)> {
    const F: &str = "spike_train_coherence";
    let x = arr(py, F, "spikes_a", spikes_a)?;
    let y = arr(py, F, "spikes_b", spikes_b)?;
    let (bs, a, b, ns, ov, w) = welch_args(
        py, F, bin_size, t_start, t_stop, n_segments, overlap, window,
    )?;
    let (fr, c, ph) = run(py, F, || {
        let w = an::SpectralWindow::parse(F, &w)?;
        an::spike_train_coherence(&x, &y, bs, a, b, ns, ov, w)
    })?;
    Ok((f64s(py, fr), f64s(py, c), f64s(py, ph)))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn spike_train_csd<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    n_segments: &Obj<'py>,
    overlap: &Obj<'py>,
    window: &Obj<'py>,
) -> PyResult<(F64s<'py>, Bound<'py, PyArray1<Complex64>>)> {
    const F: &str = "spike_train_csd";
    let x = arr(py, F, "spikes_a", spikes_a)?;
    let y = arr(py, F, "spikes_b", spikes_b)?;
    let (bs, a, b, ns, ov, w) = welch_args(
        py, F, bin_size, t_start, t_stop, n_segments, overlap, window,
    )?;
    let (fr, s) = run(py, F, || {
        let w = an::SpectralWindow::parse(F, &w)?;
        an::spike_train_csd(&x, &y, bs, a, b, ns, ov, w)
    })?;
    Ok((f64s(py, fr), s.into_pyarray(py)))
}

#[pyfunction]
fn multitaper_psd<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    nw: &Obj<'py>,
    num_tapers: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "multitaper_psd";
    let (x, bs, a, b) = binned_args(py, F, spikes, bin_size, t_start, t_stop)?;
    let w = real(py, F, "nw", nw)?;
    let k = opt_count(py, F, "num_tapers", num_tapers)?;
    let (fr, p) = run(py, F, || an::multitaper_psd(&x, bs, a, b, w, k))?;
    Ok((f64s(py, fr), f64s(py, p)))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn multitaper_coherence<'py>(
    py: Python<'py>,
    spikes_a: &Obj<'py>,
    spikes_b: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    nw: &Obj<'py>,
    num_tapers: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>, F64s<'py>)> {
    const F: &str = "multitaper_coherence";
    let x = arr(py, F, "spikes_a", spikes_a)?;
    let y = arr(py, F, "spikes_b", spikes_b)?;
    let bs = real(py, F, "bin_size", bin_size)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    let w = real(py, F, "nw", nw)?;
    let k = opt_count(py, F, "num_tapers", num_tapers)?;
    let (fr, c, ph) = run(py, F, || an::multitaper_coherence(&x, &y, bs, a, b, w, k))?;
    Ok((f64s(py, fr), f64s(py, c), f64s(py, ph)))
}

// ============================================================================ 5. population

#[pyfunction]
fn time_histogram<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    output: &Obj<'py>,
    binary: &Obj<'py>,
) -> PyResult<Obj<'py>> {
    const F: &str = "time_histogram";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let o = text(py, F, "output", output)?;
    let bin = flag(py, F, "binary", binary)?;
    let h = run(py, F, || {
        let o = an::HistogramOutput::from_name(&o)?;
        an::time_histogram(&t, bs, a, b, o, bin)
    })?;
    Ok(match h {
        an::TimeHistogram::Counts(c) => i64s(py, c).into_any(),
        an::TimeHistogram::Values(v) => f64s(py, v).into_any(),
    })
}

#[pyfunction]
fn population_rate<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "population_rate";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    Ok(f64s(py, run(py, F, || an::population_rate(&t, bs, a, b))?))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn population_rate_smoothed<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    sampling_period: &Obj<'py>,
    sigma: &Obj<'py>,
    kernel: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    cutoff: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "population_rate_smoothed";
    let t = arrs(py, F, "trains", trains)?;
    let sp = real(py, F, "sampling_period", sampling_period)?;
    let s = real(py, F, "sigma", sigma)?;
    let k = text(py, F, "kernel", kernel)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    let c = real(py, F, "cutoff", cutoff)?;
    let (tt, r) = run(py, F, || {
        let k = an::SmoothingKernel::from_name(&k)?;
        an::population_rate_smoothed(&t, sp, s, k, a, b, c)
    })?;
    Ok((f64s(py, tt), f64s(py, r)))
}

#[pyfunction]
fn psth<'py>(
    py: Python<'py>,
    trials: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "psth";
    let t = arrs(py, F, "trials", trials)?;
    let bs = real(py, F, "bin_size", bin_size)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    let (e, r) = run(py, F, || an::psth(&t, bs, a, b))?;
    Ok((f64s(py, e), f64s(py, r)))
}

#[pyfunction]
fn complexity_histogram<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    binary: &Obj<'py>,
) -> PyResult<I64s<'py>> {
    const F: &str = "complexity_histogram";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let bin = flag(py, F, "binary", binary)?;
    Ok(i64s(
        py,
        run(py, F, || an::complexity_histogram(&t, bs, a, b, bin))?,
    ))
}

#[pyfunction]
fn complexity_pdf<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    binary: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "complexity_pdf";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let bin = flag(py, F, "binary", binary)?;
    Ok(f64s(
        py,
        run(py, F, || an::complexity_pdf(&t, bs, a, b, bin))?,
    ))
}

#[pyfunction]
fn synchronous_event_times<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    min_complexity: &Obj<'py>,
    binary: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "synchronous_event_times";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let m = int(py, F, "min_complexity", min_complexity)?;
    let bin = flag(py, F, "binary", binary)?;
    Ok(f64s(
        py,
        run(py, F, || an::synchronous_event_times(&t, bs, a, b, m, bin))?,
    ))
}

/// A scalar of binned trains.
macro_rules! pop_scalar {
    ($name:ident) => {
        #[pyfunction]
        fn $name(
            py: Python<'_>,
            trains: &Obj<'_>,
            bin_size: &Obj<'_>,
            t_start: &Obj<'_>,
            t_stop: &Obj<'_>,
        ) -> PyResult<f64> {
            const F: &str = stringify!($name);
            let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
            run(py, F, || an::$name(&t, bs, a, b))
        }
    };
}

pop_scalar!(synchrony_index);
pop_scalar!(population_fano_factor);
pop_scalar!(participation_ratio);

#[pyfunction]
fn mean_pairwise_correlation(
    py: Python<'_>,
    trains: &Obj<'_>,
    bin_size: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
    binary: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "mean_pairwise_correlation";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let bin = flag(py, F, "binary", binary)?;
    run(py, F, || an::mean_pairwise_correlation(&t, bs, a, b, bin))
}

#[pyfunction]
fn active_fraction(
    py: Python<'_>,
    trains: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "active_fraction";
    let t = arrs(py, F, "trains", trains)?;
    let a = opt_real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    run(py, F, || an::active_fraction(&t, a, b))
}

#[pyfunction]
fn population_sparseness(
    py: Python<'_>,
    trains: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "population_sparseness";
    let t = arrs(py, F, "trains", trains)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    run(py, F, || an::population_sparseness(&t, a, b))
}

// ============================================================================ 6. surrogates

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn dither_spikes<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    dither: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    n_surrogates: &Obj<'py>,
    edges: &Obj<'py>,
    seed: &Obj<'py>,
) -> PyResult<Bound<'py, PyList>> {
    const F: &str = "dither_spikes";
    let x = arr(py, F, "spikes", spikes)?;
    let d = real(py, F, "dither", dither)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    let n = count(py, F, "n_surrogates", n_surrogates)?;
    let e = flag(py, F, "edges", edges)?;
    let s = opt_seed(py, F, seed)?;
    list_of(py, run(py, F, || an::dither_spikes(&x, d, a, b, n, e, s))?)
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn dither_spike_train<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    shift: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    n_surrogates: &Obj<'py>,
    edges: &Obj<'py>,
    seed: &Obj<'py>,
) -> PyResult<Bound<'py, PyList>> {
    const F: &str = "dither_spike_train";
    let x = arr(py, F, "spikes", spikes)?;
    let d = real(py, F, "shift", shift)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    let n = count(py, F, "n_surrogates", n_surrogates)?;
    let e = flag(py, F, "edges", edges)?;
    let s = opt_seed(py, F, seed)?;
    list_of(
        py,
        run(py, F, || an::dither_spike_train(&x, d, a, b, n, e, s))?,
    )
}

/// `(spikes, t_start, t_stop, n_surrogates, seed)` surrogates.
macro_rules! window_surrogate {
    ($name:ident) => {
        #[pyfunction]
        fn $name<'py>(
            py: Python<'py>,
            spikes: &Obj<'py>,
            t_start: &Obj<'py>,
            t_stop: &Obj<'py>,
            n_surrogates: &Obj<'py>,
            seed: &Obj<'py>,
        ) -> PyResult<Bound<'py, PyList>> {
            const F: &str = stringify!($name);
            let x = arr(py, F, "spikes", spikes)?;
            let a = real(py, F, "t_start", t_start)?;
            let b = real(py, F, "t_stop", t_stop)?;
            let n = count(py, F, "n_surrogates", n_surrogates)?;
            let s = opt_seed(py, F, seed)?;
            list_of(py, run(py, F, || an::$name(&x, a, b, n, s))?)
        }
    };
}

window_surrogate!(randomise_spikes);
window_surrogate!(shuffle_isis);

#[pyfunction]
fn poisson_process<'py>(
    py: Python<'py>,
    rate: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    refractory_period: &Obj<'py>,
    seed: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "poisson_process";
    let r = real(py, F, "rate", rate)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    let d = real(py, F, "refractory_period", refractory_period)?;
    let s = opt_seed(py, F, seed)?;
    Ok(f64s(py, run(py, F, || an::poisson_process(r, a, b, d, s))?))
}

#[pyfunction]
fn gamma_process<'py>(
    py: Python<'py>,
    rate: &Obj<'py>,
    shape: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    seed: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "gamma_process";
    let r = real(py, F, "rate", rate)?;
    let k = real(py, F, "shape", shape)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    let s = opt_seed(py, F, seed)?;
    Ok(f64s(py, run(py, F, || an::gamma_process(r, k, a, b, s))?))
}

#[pyfunction]
fn inhomogeneous_poisson_process<'py>(
    py: Python<'py>,
    rate_signal: &Obj<'py>,
    sampling_period: &Obj<'py>,
    t_start: &Obj<'py>,
    seed: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "inhomogeneous_poisson_process";
    let r = arr(py, F, "rate_signal", rate_signal)?;
    let sp = real(py, F, "sampling_period", sampling_period)?;
    let a = real(py, F, "t_start", t_start)?;
    let s = opt_seed(py, F, seed)?;
    Ok(f64s(
        py,
        run(py, F, || an::inhomogeneous_poisson_process(&r, sp, a, s))?,
    ))
}

#[pyfunction]
fn jitter_spikes<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    n_surrogates: &Obj<'py>,
    seed: &Obj<'py>,
) -> PyResult<Bound<'py, PyList>> {
    const F: &str = "jitter_spikes";
    let x = arr(py, F, "spikes", spikes)?;
    let bs = real(py, F, "bin_size", bin_size)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    let n = count(py, F, "n_surrogates", n_surrogates)?;
    let s = opt_seed(py, F, seed)?;
    list_of(py, run(py, F, || an::jitter_spikes(&x, bs, a, b, n, s))?)
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn bin_shuffling<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    max_displacement: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    n_surrogates: &Obj<'py>,
    seed: &Obj<'py>,
) -> PyResult<Bound<'py, PyList>> {
    const F: &str = "bin_shuffling";
    let x = arr(py, F, "spikes", spikes)?;
    let bs = real(py, F, "bin_size", bin_size)?;
    let md = count(py, F, "max_displacement", max_displacement)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    let n = count(py, F, "n_surrogates", n_surrogates)?;
    let s = opt_seed(py, F, seed)?;
    list_of(
        py,
        run(py, F, || an::bin_shuffling(&x, bs, md, a, b, n, s))?,
    )
}

#[pyfunction]
fn trial_shifting<'py>(
    py: Python<'py>,
    trials: &Obj<'py>,
    dither: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    n_surrogates: &Obj<'py>,
    seed: &Obj<'py>,
) -> PyResult<Bound<'py, PyList>> {
    const F: &str = "trial_shifting";
    let t = arrs(py, F, "trials", trials)?;
    let d = real(py, F, "dither", dither)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    let n = count(py, F, "n_surrogates", n_surrogates)?;
    let s = opt_seed(py, F, seed)?;
    let out = run(py, F, || an::trial_shifting(&t, d, a, b, n, s))?;
    let lists = out
        .into_iter()
        .map(|sur| list_of(py, sur))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, lists)
}

// ============================================================================ 7. spike-triggered

/// `(signal, sampling_rate, spikes)`.
fn signal_args(
    py: Python<'_>,
    f: &str,
    signal: &Obj<'_>,
    sampling_rate: &Obj<'_>,
    spikes: &Obj<'_>,
) -> PyResult<(Vec<f64>, f64, Vec<f64>)> {
    Ok((
        arr(py, f, "signal", signal)?,
        real(py, f, "sampling_rate", sampling_rate)?,
        arr(py, f, "spikes", spikes)?,
    ))
}

#[pyfunction]
fn spike_triggered_average<'py>(
    py: Python<'py>,
    signal: &Obj<'py>,
    sampling_rate: &Obj<'py>,
    spikes: &Obj<'py>,
    window: &Obj<'py>,
    signal_t_start: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "spike_triggered_average";
    let (s, fs, x) = signal_args(py, F, signal, sampling_rate, spikes)?;
    let w = pair(py, F, "window", window)?;
    let t0 = real(py, F, "signal_t_start", signal_t_start)?;
    let (l, v) = run(py, F, || an::spike_triggered_average(&s, fs, &x, w, t0))?;
    Ok((f64s(py, l), f64s(py, v)))
}

#[pyfunction]
fn spike_triggered_covariance<'py>(
    py: Python<'py>,
    signal: &Obj<'py>,
    sampling_rate: &Obj<'py>,
    spikes: &Obj<'py>,
    window: &Obj<'py>,
    signal_t_start: &Obj<'py>,
) -> PyResult<Mat<'py>> {
    const F: &str = "spike_triggered_covariance";
    let (s, fs, x) = signal_args(py, F, signal, sampling_rate, spikes)?;
    let w = pair(py, F, "window", window)?;
    let t0 = real(py, F, "signal_t_start", signal_t_start)?;
    rows(
        py,
        F,
        run(py, F, || an::spike_triggered_covariance(&s, fs, &x, w, t0))?,
        0,
    )
}

#[pyfunction]
fn spike_field_coherence<'py>(
    py: Python<'py>,
    signal: &Obj<'py>,
    sampling_rate: &Obj<'py>,
    spikes: &Obj<'py>,
    signal_t_start: &Obj<'py>,
    nperseg: &Obj<'py>,
    window: &Obj<'py>,
) -> PyResult<(F64s<'py>, F64s<'py>)> {
    const F: &str = "spike_field_coherence";
    let (s, fs, x) = signal_args(py, F, signal, sampling_rate, spikes)?;
    let t0 = real(py, F, "signal_t_start", signal_t_start)?;
    let n = count(py, F, "nperseg", nperseg)?;
    let w = text(py, F, "window", window)?;
    let (fr, c) = run(py, F, || {
        let w = an::SpectralWindow::parse(F, &w)?;
        an::spike_field_coherence(&s, fs, &x, t0, n, w)
    })?;
    Ok((f64s(py, fr), f64s(py, c)))
}

#[pyfunction]
fn spike_triggered_phase<'py>(
    py: Python<'py>,
    signal: &Obj<'py>,
    sampling_rate: &Obj<'py>,
    spikes: &Obj<'py>,
    signal_t_start: &Obj<'py>,
    interpolate: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "spike_triggered_phase";
    let (s, fs, x) = signal_args(py, F, signal, sampling_rate, spikes)?;
    let t0 = real(py, F, "signal_t_start", signal_t_start)?;
    let i = flag(py, F, "interpolate", interpolate)?;
    Ok(f64s(
        py,
        run(py, F, || an::spike_triggered_phase(&s, fs, &x, t0, i))?,
    ))
}

#[pyfunction]
fn phase_locking_value(py: Python<'_>, phases_a: &Obj<'_>, phases_b: &Obj<'_>) -> PyResult<f64> {
    const F: &str = "phase_locking_value";
    let a = arr(py, F, "phases_a", phases_a)?;
    let b = arr(py, F, "phases_b", phases_b)?;
    run(py, F, || an::phase_locking_value(&a, &b))
}

#[pyfunction]
fn mean_phase_vector(py: Python<'_>, phases: &Obj<'_>) -> PyResult<(f64, f64)> {
    const F: &str = "mean_phase_vector";
    let p = arr(py, F, "phases", phases)?;
    run(py, F, || an::mean_phase_vector(&p))
}

#[pyfunction]
fn vector_strength(py: Python<'_>, spikes: &Obj<'_>, period: &Obj<'_>) -> PyResult<(f64, f64)> {
    const F: &str = "vector_strength";
    let x = arr(py, F, "spikes", spikes)?;
    let p = real(py, F, "period", period)?;
    run(py, F, || an::vector_strength(&x, p))
}

#[pyfunction]
fn rayleigh_test(py: Python<'_>, phases: &Obj<'_>) -> PyResult<(f64, f64)> {
    const F: &str = "rayleigh_test";
    let p = arr(py, F, "phases", phases)?;
    run(py, F, || an::rayleigh_test(&p))
}

// ============================================================================ 8. kernels

/// A symmetric kernel at times `t`.
macro_rules! kernel {
    ($name:ident) => {
        #[pyfunction]
        fn $name<'py>(py: Python<'py>, t: &Obj<'py>, sigma: &Obj<'py>) -> PyResult<F64s<'py>> {
            const F: &str = stringify!($name);
            let x = arr(py, F, "t", t)?;
            let s = real(py, F, "sigma", sigma)?;
            Ok(f64s(py, run(py, F, || an::$name(&x, s))?))
        }
    };
}

/// A one-sided kernel at times `t` (mirrored with `invert`).
macro_rules! kernel_inv {
    ($name:ident) => {
        #[pyfunction]
        fn $name<'py>(
            py: Python<'py>,
            t: &Obj<'py>,
            sigma: &Obj<'py>,
            invert: &Obj<'py>,
        ) -> PyResult<F64s<'py>> {
            const F: &str = stringify!($name);
            let x = arr(py, F, "t", t)?;
            let s = real(py, F, "sigma", sigma)?;
            let i = flag(py, F, "invert", invert)?;
            Ok(f64s(py, run(py, F, || an::$name(&x, s, i))?))
        }
    };
}

kernel!(rectangular_kernel);
kernel!(triangular_kernel);
kernel!(epanechnikov_like_kernel);
kernel!(gaussian_kernel);
kernel!(laplacian_kernel);
kernel_inv!(exponential_kernel);
kernel_inv!(alpha_kernel);

#[pyfunction]
fn kernel_density_rate<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    times: &Obj<'py>,
    sigma: &Obj<'py>,
    kernel: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "kernel_density_rate";
    let x = arr(py, F, "spikes", spikes)?;
    let t = arr(py, F, "times", times)?;
    let s = real(py, F, "sigma", sigma)?;
    let k = text(py, F, "kernel", kernel)?;
    Ok(f64s(
        py,
        run(py, F, || {
            let k = an::Kernel::parse(F, &k)?;
            an::kernel_density_rate(&x, &t, s, k)
        })?,
    ))
}

#[pyfunction]
fn exponential_trace<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    tau: &Obj<'py>,
    times: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "exponential_trace";
    let x = arr(py, F, "spikes", spikes)?;
    let tau = real(py, F, "tau", tau)?;
    let t = arr(py, F, "times", times)?;
    Ok(f64s(py, run(py, F, || an::exponential_trace(&x, tau, &t))?))
}

// ============================================================================ 9. bursts

type Bursts<'py> = (F64s<'py>, F64s<'py>, I64s<'py>);

fn bursts(py: Python<'_>, b: (Vec<f64>, Vec<f64>, Vec<i64>)) -> Bursts<'_> {
    (f64s(py, b.0), f64s(py, b.1), i64s(py, b.2))
}

/// `(spikes, max_isi, min_spikes)`.
fn burst_args(
    py: Python<'_>,
    f: &str,
    spikes: &Obj<'_>,
    max_isi: &Obj<'_>,
    min_spikes: &Obj<'_>,
) -> PyResult<(Vec<f64>, f64, usize)> {
    Ok((
        arr(py, f, "spikes", spikes)?,
        real(py, f, "max_isi", max_isi)?,
        count(py, f, "min_spikes", min_spikes)?,
    ))
}

#[pyfunction]
fn detect_bursts_isi<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    max_isi: &Obj<'py>,
    min_spikes: &Obj<'py>,
) -> PyResult<Bursts<'py>> {
    const F: &str = "detect_bursts_isi";
    let (x, m, n) = burst_args(py, F, spikes, max_isi, min_spikes)?;
    Ok(bursts(py, run(py, F, || an::detect_bursts_isi(&x, m, n))?))
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn detect_bursts_max_interval<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    max_begin_isi: &Obj<'py>,
    max_end_isi: &Obj<'py>,
    min_interburst_interval: &Obj<'py>,
    min_burst_duration: &Obj<'py>,
    min_spikes: &Obj<'py>,
) -> PyResult<Bursts<'py>> {
    const F: &str = "detect_bursts_max_interval";
    let x = arr(py, F, "spikes", spikes)?;
    let b0 = real(py, F, "max_begin_isi", max_begin_isi)?;
    let b1 = real(py, F, "max_end_isi", max_end_isi)?;
    let ibi = real(py, F, "min_interburst_interval", min_interburst_interval)?;
    let d = real(py, F, "min_burst_duration", min_burst_duration)?;
    let n = count(py, F, "min_spikes", min_spikes)?;
    Ok(bursts(
        py,
        run(py, F, || {
            an::detect_bursts_max_interval(&x, b0, b1, ibi, d, n)
        })?,
    ))
}

#[pyfunction]
fn poisson_surprise(
    py: Python<'_>,
    n_spikes: &Obj<'_>,
    duration: &Obj<'_>,
    rate: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "poisson_surprise";
    let n = int(py, F, "n_spikes", n_spikes)?;
    let d = real(py, F, "duration", duration)?;
    let r = real(py, F, "rate", rate)?;
    run(py, F, || an::poisson_surprise(n, d, r))
}

#[pyfunction]
fn burst_rate(
    py: Python<'_>,
    spikes: &Obj<'_>,
    max_isi: &Obj<'_>,
    min_spikes: &Obj<'_>,
    t_start: &Obj<'_>,
    t_stop: &Obj<'_>,
) -> PyResult<f64> {
    const F: &str = "burst_rate";
    let (x, m, n) = burst_args(py, F, spikes, max_isi, min_spikes)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = opt_real(py, F, "t_stop", t_stop)?;
    run(py, F, || an::burst_rate(&x, m, n, a, b))
}

/// A scalar of the ISI bursts of one train.
macro_rules! burst_scalar {
    ($name:ident) => {
        #[pyfunction]
        fn $name(
            py: Python<'_>,
            spikes: &Obj<'_>,
            max_isi: &Obj<'_>,
            min_spikes: &Obj<'_>,
        ) -> PyResult<f64> {
            const F: &str = stringify!($name);
            let (x, m, n) = burst_args(py, F, spikes, max_isi, min_spikes)?;
            run(py, F, || an::$name(&x, m, n))
        }
    };
}

burst_scalar!(burst_spike_fraction);
burst_scalar!(mean_burst_duration);
burst_scalar!(mean_spikes_per_burst);
burst_scalar!(intra_burst_frequency);

#[pyfunction]
fn inter_burst_intervals<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    max_isi: &Obj<'py>,
    min_spikes: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "inter_burst_intervals";
    let (x, m, n) = burst_args(py, F, spikes, max_isi, min_spikes)?;
    Ok(f64s(
        py,
        run(py, F, || an::inter_burst_intervals(&x, m, n))?,
    ))
}

train_scalar!(burstiness_parameter);

#[pyfunction]
fn network_bursts<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    threshold: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    min_bins: &Obj<'py>,
) -> PyResult<Bursts<'py>> {
    const F: &str = "network_bursts";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let th = real(py, F, "threshold", threshold)?;
    let m = count(py, F, "min_bins", min_bins)?;
    Ok(bursts(
        py,
        run(py, F, || an::network_bursts(&t, bs, th, a, b, m))?,
    ))
}

// ============================================================================ 10. binning

#[pyfunction]
fn binned_spike_counts<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<I64s<'py>> {
    const F: &str = "binned_spike_counts";
    let (x, bs, a, b) = binned_args(py, F, spikes, bin_size, t_start, t_stop)?;
    Ok(i64s(
        py,
        run(py, F, || an::binned_spike_counts(&x, bs, a, b))?,
    ))
}

#[pyfunction]
fn binned_spike_matrix<'py>(
    py: Python<'py>,
    trains: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<Bound<'py, PyArray2<i64>>> {
    const F: &str = "binned_spike_matrix";
    let (t, bs, a, b) = pop_args(py, F, trains, bin_size, t_start, t_stop)?;
    let (m, cols) = run(py, F, || {
        let m = an::binned_spike_matrix(&t, bs, a, b)?;
        // No trains: the number of bins of an explicit window (0 when it has none).
        let cols = match (m.is_empty(), b) {
            (true, Some(b)) => an::bin_edges(a, b, bs).map_or(0, |e| e.len().saturating_sub(1)),
            _ => 0,
        };
        Ok((m, cols))
    })?;
    rows(py, F, m, cols)
}

#[pyfunction]
fn binarize<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    bin_size: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<Bound<'py, PyArray1<bool>>> {
    const F: &str = "binarize";
    let (x, bs, a, b) = binned_args(py, F, spikes, bin_size, t_start, t_stop)?;
    Ok(run(py, F, || an::binarize(&x, bs, a, b))?.into_pyarray(py))
}

#[pyfunction]
fn bin_edges<'py>(
    py: Python<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
    bin_size: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "bin_edges";
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    let bs = real(py, F, "bin_size", bin_size)?;
    Ok(f64s(py, run(py, F, || an::bin_edges(a, b, bs))?))
}

#[pyfunction]
fn time_slice<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    t_start: &Obj<'py>,
    t_stop: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "time_slice";
    let x = arr(py, F, "spikes", spikes)?;
    let a = real(py, F, "t_start", t_start)?;
    let b = real(py, F, "t_stop", t_stop)?;
    Ok(f64s(py, run(py, F, || an::time_slice(&x, a, b))?))
}

#[pyfunction]
fn merge_spike_trains<'py>(py: Python<'py>, trains: &Obj<'py>) -> PyResult<F64s<'py>> {
    const F: &str = "merge_spike_trains";
    let t = arrs(py, F, "trains", trains)?;
    Ok(f64s(py, run(py, F, || an::merge_spike_trains(&t))?))
}

#[pyfunction]
fn discretise_spike_times<'py>(
    py: Python<'py>,
    spikes: &Obj<'py>,
    sampling_rate: &Obj<'py>,
    t_start: &Obj<'py>,
) -> PyResult<F64s<'py>> {
    const F: &str = "discretise_spike_times";
    let x = arr(py, F, "spikes", spikes)?;
    let fs = real(py, F, "sampling_rate", sampling_rate)?;
    let a = real(py, F, "t_start", t_start)?;
    Ok(f64s(
        py,
        run(py, F, || an::discretise_spike_times(&x, fs, a))?,
    ))
}

// ============================================================================ registration

/// The functions of the submodule. `add_functions` registers them; the constants check, when
/// this crate compiles, that they are exactly the functions the catalogue declares
/// (`sc_neurocore_analysis::catalogue`, from which the Python layer is generated), so the
/// declaration and the binding cannot drift apart.
macro_rules! functions {
    ($($f:ident),* $(,)?) => {
        $(
            const _: () = assert!(
                an::catalogue::is_declared(stringify!($f)),
                concat!(
                    "`", stringify!($f), "` is registered in sc_neurocore._native.analysis ",
                    "but not declared in crates/analysis/src/catalogue"
                )
            );
        )*
        // A function the catalogue declares and this list does not register: the panic
        // message is its name.
        const _: () = if let Some(name) = an::catalogue::first_missing(&[$(stringify!($f)),*]) {
            panic!("{}", name)
        };

        fn add_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( m.add_function(wrap_pyfunction!($f, m)?)?; )*
            Ok(())
        }
    };
}

functions!(
    // 1. rates & ISI statistics
    spike_count,
    firing_rate,
    firing_rates,
    binned_firing_rate,
    instantaneous_rate,
    optimal_kernel_bandwidth,
    optimal_bin_size,
    isi,
    isi_mean,
    isi_median,
    isi_std,
    coefficient_of_variation,
    cv2,
    local_variation,
    revised_local_variation,
    fano_factor,
    fano_factor_binned,
    isi_histogram,
    log_isi_histogram,
    instantaneous_frequency,
    isi_serial_correlation,
    adaptation_index,
    refractory_violations,
    time_to_first_spike,
    // 2. correlation & synchrony
    spike_train_correlation,
    correlation_matrix,
    spike_train_covariance,
    covariance_matrix,
    cross_correlation_histogram,
    cross_correlation_coefficient,
    autocorrelation_histogram,
    cross_correlogram,
    autocorrelogram,
    spike_time_tiling_coefficient,
    sttc_matrix,
    spike_train_timescale,
    coincidence_count,
    coincidence_factor,
    event_synchronization,
    event_synchronization_delay,
    spike_contrast,
    // 3. distances
    victor_purpura_distance,
    victor_purpura_distance_matrix,
    van_rossum_distance,
    van_rossum_distance_matrix,
    isi_distance,
    isi_distance_multi,
    isi_distance_matrix,
    isi_profile,
    spike_distance,
    spike_distance_multi,
    spike_distance_matrix,
    spike_profile,
    spike_sync,
    spike_sync_multi,
    spike_sync_matrix,
    spike_sync_profile,
    spike_directionality,
    spike_train_order,
    spike_train_order_multi,
    schreiber_similarity,
    schreiber_reliability,
    hunter_milton_similarity,
    // 4. spectral
    spike_train_psd,
    spike_train_periodogram,
    spike_train_coherence,
    spike_train_csd,
    multitaper_psd,
    multitaper_coherence,
    // 5. population
    time_histogram,
    population_rate,
    population_rate_smoothed,
    psth,
    complexity_histogram,
    complexity_pdf,
    synchronous_event_times,
    synchrony_index,
    mean_pairwise_correlation,
    population_fano_factor,
    active_fraction,
    population_sparseness,
    participation_ratio,
    // 6. surrogates & generators
    dither_spikes,
    dither_spike_train,
    randomise_spikes,
    shuffle_isis,
    poisson_process,
    gamma_process,
    inhomogeneous_poisson_process,
    jitter_spikes,
    bin_shuffling,
    trial_shifting,
    // 7. spike-triggered & spike-signal
    spike_triggered_average,
    spike_triggered_covariance,
    spike_field_coherence,
    spike_triggered_phase,
    phase_locking_value,
    mean_phase_vector,
    vector_strength,
    rayleigh_test,
    // 8. kernels & smoothing
    rectangular_kernel,
    triangular_kernel,
    epanechnikov_like_kernel,
    gaussian_kernel,
    laplacian_kernel,
    exponential_kernel,
    alpha_kernel,
    kernel_density_rate,
    exponential_trace,
    // 9. bursts
    detect_bursts_isi,
    detect_bursts_max_interval,
    poisson_surprise,
    burst_rate,
    burst_spike_fraction,
    mean_burst_duration,
    mean_spikes_per_burst,
    intra_burst_frequency,
    inter_burst_intervals,
    burstiness_parameter,
    network_bursts,
    // 10. binning & utilities
    binned_spike_counts,
    binned_spike_matrix,
    binarize,
    bin_edges,
    time_slice,
    merge_spike_trains,
    discretise_spike_times,
);

/// Adds the submodule `analysis` to `_native`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let a = PyModule::new(py, "analysis")?;
    a.add(
        "__doc__",
        "The analysis toolkit (crates/analysis); the public API is sc_neurocore.analysis.",
    )?;
    // The names in catalogue order (the Python layer checks that it binds them all).
    a.add("NAMES", an::catalogue::names().collect::<Vec<_>>())?;
    add_functions(&a)?;
    m.add_submodule(&a)?;
    Ok(())
}
