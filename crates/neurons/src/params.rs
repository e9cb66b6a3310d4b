//! Checked parameter values: a population's parameters after validation against the model's
//! metadata, as one value for all neurons or one per neuron.

use crate::ModelInfo;
use sc_neurocore_core::{Error, Result};
use std::ops::Range;
use std::sync::Arc;

/// A value as the user gives it: one for the population, or one per neuron.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    /// The same value for every neuron.
    Scalar(f64),
    /// One value per neuron.
    PerNeuron(Vec<f64>),
}

impl From<f64> for ParamValue {
    fn from(v: f64) -> Self {
        ParamValue::Scalar(v)
    }
}

impl From<Vec<f64>> for ParamValue {
    fn from(v: Vec<f64>) -> Self {
        ParamValue::PerNeuron(v)
    }
}

/// A checked parameter: uniform, or per neuron.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamArray {
    /// Same value for every neuron.
    Uniform(f64),
    /// One value per neuron (shared, sliced without copying the whole array).
    PerNeuron(Arc<[f64]>, Range<usize>),
}

impl ParamArray {
    /// The value for neuron `i` (local index).
    #[inline(always)]
    pub fn at(&self, i: usize) -> f64 {
        match self {
            ParamArray::Uniform(v) => *v,
            ParamArray::PerNeuron(a, r) => a[r.start + i],
        }
    }

    /// The value when uniform.
    pub fn uniform(&self) -> Option<f64> {
        match self {
            ParamArray::Uniform(v) => Some(*v),
            ParamArray::PerNeuron(..) => None,
        }
    }

    /// One value per neuron, for `n` neurons.
    pub fn to_vec(&self, n: usize) -> Vec<f64> {
        (0..n).map(|i| self.at(i)).collect()
    }

    fn slice(&self, r: Range<usize>) -> ParamArray {
        match self {
            ParamArray::Uniform(v) => ParamArray::Uniform(*v),
            ParamArray::PerNeuron(a, own) => {
                ParamArray::PerNeuron(a.clone(), own.start + r.start..own.start + r.end)
            }
        }
    }

    /// Applies `f` element-wise (used to derive propagators once per kernel).
    pub fn map(&self, f: impl Fn(f64) -> f64) -> ParamArray {
        match self {
            ParamArray::Uniform(v) => ParamArray::Uniform(f(*v)),
            ParamArray::PerNeuron(a, r) => {
                let v: Vec<f64> = a[r.clone()].iter().map(|&x| f(x)).collect();
                let n = v.len();
                ParamArray::PerNeuron(v.into(), 0..n)
            }
        }
    }
}

/// The checked parameters of one population (or a slice of it), in the order of the model's
/// `params` metadata.
#[derive(Debug, Clone)]
pub struct Params {
    model: &'static ModelInfo,
    values: Vec<ParamArray>,
    n: usize,
}

impl Params {
    /// Checks `given` (name, value) pairs against `model` for a population of `n` neurons;
    /// parameters not given take their defaults. `object` names the population in errors.
    pub fn check<'a>(
        model: &'static ModelInfo,
        object: &str,
        n: usize,
        given: impl IntoIterator<Item = (&'a str, &'a ParamValue)>,
    ) -> Result<Self> {
        let mut values: Vec<ParamArray> = model
            .params
            .iter()
            .map(|p| ParamArray::Uniform(p.default))
            .collect();
        for (name, value) in given {
            let Some(k) = model.params.iter().position(|p| p.name == name) else {
                return Err(Error::unknown(
                    object,
                    "parameter",
                    name,
                    model.params.iter().map(|p| p.name),
                ));
            };
            let spec = &model.params[k];
            values[k] = match value {
                ParamValue::Scalar(v) => ParamArray::Uniform(spec.check(object, *v)?),
                ParamValue::PerNeuron(vs) => {
                    if vs.len() != n {
                        return Err(Error::shape(object, name, vs.len(), n));
                    }
                    for (i, &v) in vs.iter().enumerate() {
                        if !spec.range.contains(v) {
                            return Err(Error::out_of_range(
                                object,
                                format!("{name}[{i}]"),
                                v,
                                spec.range,
                            ));
                        }
                    }
                    ParamArray::PerNeuron(vs.clone().into(), 0..n)
                }
            };
        }
        let params = Params { model, values, n };
        (model.validate)(&params, object)?;
        Ok(params)
    }

    /// Defaults of `model` for `n` neurons.
    pub fn defaults(model: &'static ModelInfo, n: usize) -> Self {
        Params {
            model,
            values: model
                .params
                .iter()
                .map(|p| ParamArray::Uniform(p.default))
                .collect(),
            n,
        }
    }

    /// The model these parameters belong to.
    pub fn model(&self) -> &'static ModelInfo {
        self.model
    }

    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether there is no neuron.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Parameter number `k` (in the order of the model's `params`), as the typed structs
    /// generated by `model!` read them.
    #[inline]
    pub fn value(&self, k: usize) -> &ParamArray {
        &self.values[k]
    }

    /// Parameter `name`. Panics on a name the model does not have: model code asks only for
    /// its own parameters, and the catalogue tests build every model.
    pub fn get(&self, name: &str) -> &ParamArray {
        let k = self
            .model
            .params
            .iter()
            .position(|p| p.name == name)
            .unwrap_or_else(|| panic!("model '{}' has no parameter '{name}'", self.model.name));
        &self.values[k]
    }

    /// The parameters of neurons `r` (local indices).
    pub fn slice(&self, r: Range<usize>) -> Params {
        Params {
            model: self.model,
            n: r.len(),
            values: self.values.iter().map(|v| v.slice(r.clone())).collect(),
        }
    }

    /// Checks that `a < b` for every neuron (a common cross-parameter rule).
    pub fn require_less(&self, object: &str, a: &str, b: &str) -> Result<()> {
        let (pa, pb) = (self.get(a), self.get(b));
        for i in 0..self.n {
            if pa.at(i) >= pb.at(i) {
                let field = match (pa, pb) {
                    (ParamArray::Uniform(_), ParamArray::Uniform(_)) => a.to_string(),
                    _ => format!("{a}[{i}]"),
                };
                return Err(Error::out_of_range(
                    object,
                    field,
                    pa.at(i),
                    format!("below {b} = {}", pb.at(i)),
                ));
            }
        }
        Ok(())
    }
}

/// A `validate` function for models without cross-parameter rules.
pub fn no_cross_checks(_: &Params, _: &str) -> Result<()> {
    Ok(())
}
