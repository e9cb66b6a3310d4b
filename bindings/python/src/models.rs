//! The model registry as Python sees it: metadata (from which the Python classes are
//! generated), parameter checks, and kernel handles that the Python backend steps.

use crate::convert::{f64_vec, params};
use crate::errors::IntoPyResult;
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use sc_neurocore_core::{Error, TimeGrid};
use sc_neurocore_neurons::{
    BuildContext, MODELS, ModelInfo, NeuronKernel, ParamValue, Params, StepInput, lookup,
};

/// Every registered model's metadata, in registry order: a list of dicts with `name`,
/// `class_name`, `family`, `summary`, `citation`, `params` (dicts `name, unit, default,
/// range, doc`), `state` (dicts `name, unit, doc`), `membrane` (name), `input_unit`,
/// `presets` (dicts `name, doc, values`), `delta_input` (text or None), `stochastic`,
/// `drive` (a suprathreshold input in `input_unit`, or None),
/// `spontaneous` (text or None), `less_than` (pairs of parameter names), `docstring` (the
/// class's numpydoc text, as its generated stub has it).
#[pyfunction]
fn models(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for m in MODELS {
        out.append(model_dict(py, m)?)?;
    }
    Ok(out)
}

fn model_dict<'py>(py: Python<'py>, m: &ModelInfo) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", m.name)?;
    d.set_item("class_name", m.class_name)?;
    d.set_item("family", m.family)?;
    d.set_item("summary", m.summary)?;
    d.set_item("citation", m.citation)?;
    let ps = PyList::empty(py);
    for p in m.params {
        let pd = PyDict::new(py);
        pd.set_item("name", p.name)?;
        pd.set_item("unit", p.unit)?;
        pd.set_item("default", p.default)?;
        pd.set_item("range", p.range.to_string())?;
        pd.set_item("doc", p.doc)?;
        ps.append(pd)?;
    }
    d.set_item("params", ps)?;
    let ss = PyList::empty(py);
    for s in m.state {
        let sd = PyDict::new(py);
        sd.set_item("name", s.name)?;
        sd.set_item("unit", s.unit)?;
        sd.set_item("doc", s.doc)?;
        ss.append(sd)?;
    }
    d.set_item("state", ss)?;
    d.set_item("membrane", m.state[m.membrane].name)?;
    d.set_item("input_unit", m.input_unit)?;
    let pr = PyList::empty(py);
    for p in m.presets {
        let pd = PyDict::new(py);
        pd.set_item("name", p.name)?;
        pd.set_item("doc", p.doc)?;
        let vals = PyDict::new(py);
        for (k, v) in p.values {
            vals.set_item(*k, *v)?;
        }
        pd.set_item("values", vals)?;
        pr.append(pd)?;
    }
    d.set_item("presets", pr)?;
    d.set_item("delta_input", m.delta_input)?;
    d.set_item("stochastic", m.stochastic)?;
    d.set_item("drive", m.drive)?;
    d.set_item("spontaneous", m.spontaneous)?;
    d.set_item("less_than", m.less_than.to_vec())?;
    d.set_item("docstring", m.numpydoc())?;
    Ok(d)
}

/// Checks `params` for a population `label` of `n` neurons of `model` (registry or class
/// name): unknown names, ranges, per-neuron sizes and the model's cross-parameter rules.
#[pyfunction]
#[pyo3(signature = (model, label, n, params=None))]
fn check_params(
    py: Python<'_>,
    model: &str,
    label: &str,
    n: usize,
    params: Option<&Bound<'_, PyDict>>,
) -> PyResult<()> {
    checked(py, model, label, n, params).map(drop)
}

fn checked(
    py: Python<'_>,
    model: &str,
    label: &str,
    n: usize,
    given: Option<&Bound<'_, PyDict>>,
) -> PyResult<Params> {
    let info = lookup(model)
        .map_err(|e| match e {
            Error::Unknown {
                what, name, known, ..
            } => Error::Unknown {
                object: format!("Population '{label}'"),
                what,
                name,
                known,
            },
            e => e,
        })
        .py(py)?;
    let object = format!("Population '{label}' ({})", info.name);
    if n == 0 || n > u32::MAX as usize {
        return Err(Error::out_of_range(
            &object,
            "n",
            n,
            format!("[1, {}]", u32::MAX),
        ))
        .py(py);
    }
    let given = params(py, given)?;
    let given: Vec<(&str, &ParamValue)> = given.iter().map(|(k, v)| (k.as_str(), v)).collect();
    sc_neurocore_runner::check_params(info, &object, n, &given).py(py)
}

/// A compiled model kernel for `n` neurons (the state of one population), stepped by the
/// Python backend exactly as the runner steps its blocks.
#[pyclass(module = "sc_neurocore._native")]
struct Kernel {
    info: &'static ModelInfo,
    kernel: Box<dyn NeuronKernel>,
    n: usize,
    spikes: Vec<u32>,
}

#[pymethods]
impl Kernel {
    /// Builds the kernel of `model` for `n` neurons with `params`, network step `dt`
    /// (seconds), `seed` and the global id of the first neuron (noise streams).
    #[new]
    #[pyo3(signature = (model, label, n, params, dt, seed, first_id))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        model: &str,
        label: &str,
        n: usize,
        params: Option<&Bound<'_, PyDict>>,
        dt: f64,
        seed: u64,
        first_id: u64,
    ) -> PyResult<Self> {
        let p = checked(py, model, label, n, params)?;
        let grid = TimeGrid::new(dt).py(py)?;
        let info = p.model();
        let kernel = (info.build)(&BuildContext {
            params: &p,
            n,
            dt_ms: grid.dt_ms(),
            seed,
            first_id,
        });
        Ok(Kernel {
            info,
            kernel,
            n,
            spikes: Vec::new(),
        })
    }

    /// Number of neurons.
    #[getter]
    fn n(&self) -> usize {
        self.n
    }

    /// Advances every neuron by one step with delta jumps `jump` and the held current
    /// `current` (float64 arrays of length n); returns the indices that spiked, ascending.
    fn step<'py>(
        &mut self,
        py: Python<'py>,
        jump: PyReadonlyArray1<'py, f64>,
        current: PyReadonlyArray1<'py, f64>,
    ) -> PyResult<Bound<'py, PyArray1<u32>>> {
        let (j, c) = (jump.as_array(), current.as_array());
        if j.len() != self.n {
            return Err(Error::shape(self.object(), "jump", j.len(), self.n)).py(py);
        }
        if c.len() != self.n {
            return Err(Error::shape(self.object(), "current", c.len(), self.n)).py(py);
        }
        let jv: Vec<f64>;
        let cv: Vec<f64>;
        let js = match jump.as_slice() {
            Ok(s) => s,
            Err(_) => {
                jv = j.iter().copied().collect();
                &jv
            }
        };
        let cs = match current.as_slice() {
            Ok(s) => s,
            Err(_) => {
                cv = c.iter().copied().collect();
                &cv
            }
        };
        self.spikes.clear();
        self.kernel.step(
            &StepInput {
                jump: js,
                current: cs,
            },
            &mut self.spikes,
        );
        Ok(PyArray1::from_slice(py, &self.spikes))
    }

    /// A copy of state variable `name`.
    fn get<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let k = self.var(py, name)?;
        Ok(PyArray1::from_slice(py, self.kernel.var(k)))
    }

    /// Sets state variable `name` from a float64 array of length n.
    fn set(&mut self, py: Python<'_>, name: &str, values: &Bound<'_, PyAny>) -> PyResult<()> {
        let k = self.var(py, name)?;
        let v = f64_vec(py, values, name)?;
        if v.len() != self.n {
            return Err(Error::shape(self.object(), name, v.len(), self.n)).py(py);
        }
        self.kernel.var_mut(k).copy_from_slice(&v);
        Ok(())
    }
}

impl Kernel {
    fn object(&self) -> String {
        format!("{} kernel", self.info.class_name)
    }

    fn var(&self, py: Python<'_>, name: &str) -> PyResult<usize> {
        self.info
            .state_index(name)
            .ok_or_else(|| {
                Error::unknown(
                    self.object(),
                    "variable",
                    name,
                    self.info.state.iter().map(|s| s.name),
                )
            })
            .py(py)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(models, m)?)?;
    m.add_function(wrap_pyfunction!(check_params, m)?)?;
    m.add_class::<Kernel>()?;
    Ok(())
}
