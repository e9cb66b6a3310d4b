//! Engine errors as Python exceptions.
//!
//! Each `Error` variant maps to one class of `sc_neurocore.errors` (defined in Python, where
//! multiple inheritance from `ValueError`/`OSError` is natural); the message is the engine's,
//! and the fields become attributes (`object`, `field`, `value`, `range`, ...).

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sc_neurocore_core::Error;

/// Converts an engine error into the matching `sc_neurocore.errors` exception.
pub fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let message = e.to_string();
    let details = PyDict::new(py);
    let class = match &e {
        Error::OutOfRange {
            object,
            field,
            value,
            range,
        } => {
            let _ = details.set_item("object", object);
            let _ = details.set_item("field", field);
            let _ = details.set_item("value", value);
            let _ = details.set_item("range", range);
            "OutOfRangeError"
        }
        Error::Unknown {
            object,
            what,
            name,
            known,
        } => {
            let _ = details.set_item("object", object);
            let _ = details.set_item("what", what);
            let _ = details.set_item("name", name);
            let _ = details.set_item("known", known);
            "UnknownNameError"
        }
        Error::ShapeMismatch {
            object,
            field,
            got,
            expected,
        } => {
            let _ = details.set_item("object", object);
            let _ = details.set_item("field", field);
            let _ = details.set_item("got", got);
            let _ = details.set_item("expected", expected);
            "ShapeMismatchError"
        }
        Error::Invalid { object, .. } => {
            let _ = details.set_item("object", object);
            "InvalidConfigurationError"
        }
        Error::Io { path, .. } => {
            let _ = details.set_item("path", path);
            "SimulationIOError"
        }
        _ => "SCNeuroCoreError",
    };
    match py
        .import("sc_neurocore.errors")
        .and_then(|m| m.getattr(class))
        .and_then(|cls| cls.call((message.clone(),), Some(&details)))
    {
        Ok(exc) => PyErr::from_value(exc),
        // The package is not importable (the module used on its own): a plain ValueError.
        Err(_) => PyValueError::new_err(message),
    }
}

/// `Result<T, Error>` to `PyResult<T>`.
pub trait IntoPyResult<T> {
    /// Maps the error with [`to_py`].
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}

/// A wrong Python type: `sc_neurocore.errors.ArgumentTypeError` (a `TypeError`).
pub fn type_error(py: Python<'_>, message: String) -> PyErr {
    match py
        .import("sc_neurocore.errors")
        .and_then(|m| m.getattr("ArgumentTypeError"))
        .and_then(|cls| cls.call1((message.clone(),)))
    {
        Ok(exc) => PyErr::from_value(exc),
        Err(_) => PyTypeError::new_err(message),
    }
}
