//! A stimulus parameter given either once for every neuron or once per neuron (channel).

use sc_neurocore_core::{Error, Result, ValueRange, check_value};

/// A value shared by every neuron, or one value per neuron.
///
/// `From` conversions let users write `50.0` or `vec![10.0, 20.0]` wherever a stimulus takes
/// one.
#[derive(Debug, Clone, PartialEq)]
pub enum ScalarOrVec {
    /// The same value for every neuron.
    Scalar(f64),
    /// One value per neuron, in neuron order.
    PerNeuron(Vec<f64>),
}

impl From<f64> for ScalarOrVec {
    fn from(v: f64) -> Self {
        ScalarOrVec::Scalar(v)
    }
}

impl From<Vec<f64>> for ScalarOrVec {
    fn from(v: Vec<f64>) -> Self {
        ScalarOrVec::PerNeuron(v)
    }
}

impl From<&[f64]> for ScalarOrVec {
    fn from(v: &[f64]) -> Self {
        ScalarOrVec::PerNeuron(v.to_vec())
    }
}

impl<const N: usize> From<[f64; N]> for ScalarOrVec {
    fn from(v: [f64; N]) -> Self {
        ScalarOrVec::PerNeuron(v.to_vec())
    }
}

impl ScalarOrVec {
    /// The number of values of a per-neuron array; `None` for a scalar.
    pub fn len(&self) -> Option<usize> {
        match self {
            ScalarOrVec::Scalar(_) => None,
            ScalarOrVec::PerNeuron(v) => Some(v.len()),
        }
    }

    /// Whether this is a per-neuron array without values.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The value of neuron `i` (the scalar for every `i`). Panics if `i` is past a per-neuron
    /// array; stimuli only call it for checked indices.
    pub fn get(&self, i: usize) -> f64 {
        match self {
            ScalarOrVec::Scalar(v) => *v,
            ScalarOrVec::PerNeuron(v) => v[i],
        }
    }

    /// The scalar, if this is one.
    pub fn as_scalar(&self) -> Option<f64> {
        match self {
            ScalarOrVec::Scalar(v) => Some(*v),
            ScalarOrVec::PerNeuron(_) => None,
        }
    }

    /// Checks every value against `range` (the field of element `i` is reported as
    /// `field[i]`) and, when `n` is given, the length of a per-neuron array against it.
    pub(crate) fn check(
        &self,
        object: &str,
        field: &str,
        range: ValueRange,
        n: Option<usize>,
    ) -> Result<()> {
        match self {
            ScalarOrVec::Scalar(v) => check_value(object, field, *v, range).map(|_| ()),
            ScalarOrVec::PerNeuron(vs) => {
                if let Some(n) = n
                    && vs.len() != n
                {
                    return Err(Error::shape(
                        object,
                        field,
                        vs.len(),
                        format!("{n} (one per neuron, n = {n})"),
                    ));
                }
                if vs.is_empty() {
                    return Err(Error::shape(object, field, 0, "at least 1"));
                }
                for (i, &v) in vs.iter().enumerate() {
                    check_value(object, &format!("{field}[{i}]"), v, range)?;
                }
                Ok(())
            }
        }
    }

    /// The values of neurons `range`: one scalar, or a copy of that part of the array.
    pub(crate) fn slice(&self, range: std::ops::Range<usize>) -> PerBlock {
        match self {
            ScalarOrVec::Scalar(v) => PerBlock::Uniform(*v),
            ScalarOrVec::PerNeuron(v) => PerBlock::PerNeuron(v[range].to_vec()),
        }
    }
}

/// The values a runtime block holds for its own neurons.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PerBlock {
    Uniform(f64),
    PerNeuron(Vec<f64>),
}

impl PerBlock {
    /// `out[j] += value of neuron j` for every neuron of the block.
    #[inline]
    pub(crate) fn add_to(&self, out: &mut [f64]) {
        match self {
            PerBlock::Uniform(v) => out.iter_mut().for_each(|o| *o += v),
            PerBlock::PerNeuron(vs) => out.iter_mut().zip(vs).for_each(|(o, v)| *o += v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_neuron_values_are_checked_element_by_element() {
        let v = ScalarOrVec::from(vec![1.0, f64::NAN]);
        let e = v
            .check("StepCurrent", "amplitude", ValueRange::Finite, Some(2))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "StepCurrent: amplitude[1] = NaN is out of range; valid range: any finite number"
        );
        let e = v
            .check("StepCurrent", "amplitude", ValueRange::Finite, Some(3))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "StepCurrent: amplitude has size 2, expected 3 (one per neuron, n = 3)"
        );
        assert_eq!(ScalarOrVec::from(2.0).get(7), 2.0);
        assert_eq!(ScalarOrVec::from([1.0, 2.0]).len(), Some(2));
    }
}
