//! Stimuli: validated specifications (the objects the network adds) and runtime blocks that
//! the Python backend asks for each step's input, so that Poisson counts come from the same
//! streams as in the runner.

use crate::convert::{f64_vec, number};
use crate::errors::IntoPyResult;
use numpy::PyReadwriteArray1;
use pyo3::prelude::*;
use sc_neurocore_core::{Error, TimeGrid};
use sc_neurocore_stimuli::{
    PoissonInput, StepCurrent, StimulusBlock as Block, StimulusSpec, TimedArray,
};

/// A validated stimulus specification.
#[pyclass(module = "sc_neurocore._native", frozen)]
pub struct Stimulus {
    pub spec: StimulusSpec,
}

#[pymethods]
impl Stimulus {
    /// Poisson input: `n` channels of `rate_hz` (number or per-channel array), `weight` per
    /// input spike, own `seed` (None = the network's), acting from `onset` to `offset` s.
    #[staticmethod]
    #[pyo3(signature = (n, rate_hz, weight, seed=None, onset=0.0, offset=f64::INFINITY))]
    fn poisson(
        py: Python<'_>,
        n: usize,
        rate_hz: &Bound<'_, PyAny>,
        weight: f64,
        seed: Option<u64>,
        onset: f64,
        offset: f64,
    ) -> PyResult<Self> {
        let rate = number(py, rate_hz, "rate_hz")?;
        let mut p = PoissonInput::new(n, rate, weight)
            .and_then(|p| p.with_window(onset, offset))
            .py(py)?;
        if let Some(s) = seed {
            p = p.with_seed(s);
        }
        Ok(Stimulus { spec: p.into() })
    }

    /// A current of `amplitude` (number or per-neuron array) from `onset` to `offset` s.
    #[staticmethod]
    fn step_current(
        py: Python<'_>,
        onset: f64,
        offset: f64,
        amplitude: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let a = number(py, amplitude, "amplitude")?;
        Ok(Stimulus {
            spec: StepCurrent::new(onset, offset, a).py(py)?.into(),
        })
    }

    /// Samples `values` (T values, or T × n row-major with `n` given) every `dt` seconds.
    #[staticmethod]
    #[pyo3(signature = (values, dt, n=None))]
    fn timed_array(
        py: Python<'_>,
        values: &Bound<'_, PyAny>,
        dt: f64,
        n: Option<usize>,
    ) -> PyResult<Self> {
        let v = f64_vec(py, values, "values")?;
        let t = match n {
            None => TimedArray::new(v, dt),
            Some(n) => TimedArray::per_neuron(v, n, dt),
        }
        .py(py)?;
        Ok(Stimulus { spec: t.into() })
    }

    /// `PoissonInput`, `StepCurrent` or `TimedArray`.
    #[getter]
    fn kind_name(&self) -> &'static str {
        self.spec.kind_name()
    }

    /// The number of neurons it is for (None: fits any population).
    #[getter]
    fn n(&self) -> Option<usize> {
        self.spec.n()
    }

    /// Whether it adds delta jumps (Poisson) rather than a current.
    #[getter]
    fn is_jump(&self) -> bool {
        self.spec.input_kind() == sc_neurocore_stimuli::InputKind::Jump
    }

    /// Checks it against a target population of `target_n` neurons called `target` on a grid
    /// of step `dt`.
    fn check(&self, py: Python<'_>, target: &str, target_n: usize, dt: f64) -> PyResult<()> {
        let grid = TimeGrid::new(dt).py(py)?;
        self.spec.check(target, target_n, &grid).py(py)
    }

    /// The runtime block for all `target_n` neurons of its target (checked first), keyed by
    /// the network `seed` and the stimulus's index `object` among the network's stimuli.
    fn block(
        &self,
        py: Python<'_>,
        target: &str,
        target_n: usize,
        seed: u64,
        object: u32,
        dt: f64,
    ) -> PyResult<StimulusBlock> {
        let grid = TimeGrid::new(dt).py(py)?;
        self.spec.check(target, target_n, &grid).py(py)?;
        Ok(StimulusBlock {
            block: self.spec.block(seed, object, 0..target_n, &grid),
            n: target_n,
        })
    }
}

/// The runtime part of a stimulus for one population.
#[pyclass(module = "sc_neurocore._native")]
pub struct StimulusBlock {
    block: Block,
    n: usize,
}

#[pymethods]
impl StimulusBlock {
    /// Adds the input of step `step` to `out` in place (float64, length n).
    fn add(
        &mut self,
        py: Python<'_>,
        step: u64,
        mut out: PyReadwriteArray1<'_, f64>,
    ) -> PyResult<()> {
        let mut view = out.as_array_mut();
        if view.len() != self.n {
            return Err(Error::shape("StimulusBlock", "out", view.len(), self.n)).py(py);
        }
        match view.as_slice_mut() {
            Some(s) => self.block.add(step, s),
            None => {
                let mut tmp: Vec<f64> = view.iter().copied().collect();
                self.block.add(step, &mut tmp);
                view.iter_mut().zip(tmp).for_each(|(o, v)| *o = v);
            }
        }
        Ok(())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Stimulus>()?;
    m.add_class::<StimulusBlock>()?;
    Ok(())
}
