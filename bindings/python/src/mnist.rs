//! The pretrained MNIST classifier of the zoo (`sc_neurocore_zoo::mnist_classifier`) for
//! `sc_neurocore.model_zoo.mnist`: its definition, the network with the shipped (or a given)
//! readout, the stimuli that show images, and the committed held-out digits. The readout and
//! the digits are the bytes the zoo crate ships; Python keeps no copy of them.

use crate::errors::IntoPyResult;
use crate::export::stimulus_dict;
use crate::network::NetworkSpec;
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1, PyReadonlyArray2};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use sc_neurocore_core::Error;
use sc_neurocore_runner::SynapseKind;
use sc_neurocore_zoo::mnist_classifier::{
    DEFINITION, HeldOut, MnistDefinition, Readout, classifier, connectivity_digest, input_synapses,
    stimuli,
};

/// The definition: every field (int for counts, float otherwise), `period` (s),
/// `period_steps`, `fingerprint` (its SHA-256) and `input_synapses_sha256` (of the
/// `input -> hidden` synapses the engine draws from its seed).
#[pyfunction]
fn mnist_definition(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for ((name, v), whole) in DEFINITION.fields().into_iter().zip(MnistDefinition::WHOLE) {
        if *whole {
            d.set_item(name, v as u64)?;
        } else {
            d.set_item(name, v)?;
        }
    }
    d.set_item("period", DEFINITION.period())?;
    d.set_item("period_steps", DEFINITION.period_steps())?;
    d.set_item("fingerprint", DEFINITION.fingerprint())?;
    let synapses = input_synapses().py(py)?;
    d.set_item("input_synapses_sha256", connectivity_digest(&synapses))?;
    Ok(d)
}

/// `(network, weights (n_classes, n_hidden), bias (n_classes,), training record JSON)` of the
/// classifier without stimuli: with `weights` and `bias` when given (a readout being
/// trained: nothing to check it against), else the readout in `readout_dir` (the files
/// `cargo xtask train mnist` writes), else the shipped one; those two are checked against the
/// definition and the synapses the engine draws.
#[pyfunction]
#[pyo3(signature = (weights=None, bias=None, readout_dir=None, seed=1))]
#[allow(clippy::type_complexity)]
fn mnist_classifier_network<'py>(
    py: Python<'py>,
    weights: Option<PyReadonlyArray2<'py, f64>>,
    bias: Option<PyReadonlyArray1<'py, f64>>,
    readout_dir: Option<std::path::PathBuf>,
    seed: u64,
) -> PyResult<(
    NetworkSpec,
    Bound<'py, PyAny>,
    Bound<'py, PyArray1<f64>>,
    String,
)> {
    let object = "MnistClassifier";
    let readout = match (weights, bias) {
        (Some(w), Some(b)) => {
            let (w, b) = (w.as_array(), b.as_array());
            let (rows, cols) = w.dim();
            let want = (DEFINITION.n_classes, DEFINITION.n_hidden);
            if (rows, cols) != want || b.len() != want.0 {
                return Err(Error::invalid(
                    object,
                    format!(
                        "readout_weights has shape ({rows}, {cols}) and readout_bias ({},), \
                         expected {want:?} and ({},)",
                        b.len(),
                        want.0
                    ),
                ))
                .py(py);
            }
            Readout::new(w.iter().copied().collect(), b.iter().copied().collect()).py(py)?
        }
        (None, None) => match readout_dir {
            Some(dir) => Readout::from_dir(&dir).py(py)?,
            None => Readout::shipped().py(py)?.clone(),
        },
        _ => {
            return Err(Error::invalid(
                object,
                "give readout_weights and readout_bias together, or neither (the shipped \
                 readout)",
            ))
            .py(py);
        }
    };
    let net = classifier(&readout, &[], seed).py(py)?;
    let w = PyArray1::from_slice(py, &readout.weights)
        .reshape([DEFINITION.n_classes, DEFINITION.n_hidden])?
        .into_any();
    let b = PyArray1::from_slice(py, &readout.bias);
    Ok((NetworkSpec { net }, w, b, readout.training))
}

/// The stimuli that show `images` ((n, n_input) in [0, 1]) one per period from t = 0:
/// dicts `label, target` (population label) and the `TimedArray` fields `values`, `dt`.
#[pyfunction]
fn mnist_stimuli<'py>(
    py: Python<'py>,
    images: PyReadonlyArray2<'py, f64>,
) -> PyResult<Bound<'py, PyList>> {
    let flat: Vec<f64> = images.as_array().iter().copied().collect();
    let out = PyList::empty(py);
    for (label, spec, target) in stimuli(&flat).py(py)? {
        let d = stimulus_dict(py, label, &spec, &SynapseKind::Delta)?;
        d.set_item("target", target)?;
        out.append(d)?;
    }
    Ok(out)
}

/// The committed held-out digits: `(pixels (200, n_input) float64 in [0, 1], labels
/// (200,) int64)`.
#[pyfunction]
fn mnist_heldout(py: Python<'_>) -> PyResult<(Bound<'_, PyAny>, Bound<'_, PyArray1<i64>>)> {
    let h = HeldOut::shipped().py(py)?;
    let pixels = PyArray1::from_slice(py, &h.pixels)
        .reshape([h.labels.len(), DEFINITION.n_input])?
        .into_any();
    let labels: Vec<i64> = h.labels.iter().map(|&l| i64::from(l)).collect();
    Ok((pixels, PyArray1::from_vec(py, labels)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mnist_definition, m)?)?;
    m.add_function(wrap_pyfunction!(mnist_classifier_network, m)?)?;
    m.add_function(wrap_pyfunction!(mnist_stimuli, m)?)?;
    m.add_function(wrap_pyfunction!(mnist_heldout, m)?)?;
    Ok(())
}
