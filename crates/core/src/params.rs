//! Parameter metadata (name, unit, default, valid range, doc) and the one range check that
//! every crate uses, so that all "out of range" messages read the same.

use crate::{Error, Result};
use std::fmt;

/// The set of values a parameter accepts. NaN is never accepted; infinities only where the
/// range says so.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRange {
    /// Any finite number.
    Finite,
    /// Strictly positive and finite: `(0, inf)`.
    Positive,
    /// Zero or more, finite: `[0, inf)`.
    NonNegative,
    /// `[lo, hi]`, both finite.
    Closed(f64, f64),
    /// `[lo, inf)`.
    AtLeast(f64),
    /// `(lo, inf)`.
    Above(f64),
}

impl ValueRange {
    /// Whether `v` lies in the range.
    pub fn contains(&self, v: f64) -> bool {
        if !v.is_finite() {
            return false;
        }
        match *self {
            ValueRange::Finite => true,
            ValueRange::Positive => v > 0.0,
            ValueRange::NonNegative => v >= 0.0,
            ValueRange::Closed(lo, hi) => (lo..=hi).contains(&v),
            ValueRange::AtLeast(lo) => v >= lo,
            ValueRange::Above(lo) => v > lo,
        }
    }
}

impl fmt::Display for ValueRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ValueRange::Finite => write!(f, "any finite number"),
            ValueRange::Positive => write!(f, "(0, inf)"),
            ValueRange::NonNegative => write!(f, "[0, inf)"),
            ValueRange::Closed(lo, hi) => write!(f, "[{lo}, {hi}]"),
            ValueRange::AtLeast(lo) => write!(f, "[{lo}, inf)"),
            ValueRange::Above(lo) => write!(f, "({lo}, inf)"),
        }
    }
}

/// Metadata of one named numeric parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Name as the literature spells it (`tau_m`, `v_th`, ...).
    pub name: &'static str,
    /// Unit (`ms`, `mV`, `pF`, `pA`, `nS`, `1`, ...).
    pub unit: &'static str,
    /// Default value.
    pub default: f64,
    /// Valid values.
    pub range: ValueRange,
    /// One line on what it means.
    pub doc: &'static str,
}

impl ParamSpec {
    /// Checks `value` against this spec, naming `object` in the error.
    pub fn check(&self, object: &str, value: f64) -> Result<f64> {
        check_value(object, self.name, value, self.range)
    }
}

/// Checks one value against a range; the error names object, field, value and range.
pub fn check_value(object: &str, field: &str, value: f64, range: ValueRange) -> Result<f64> {
    if range.contains(value) {
        Ok(value)
    } else {
        Err(Error::out_of_range(object, field, value, range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_and_infinities_are_rejected_with_a_full_message() {
        let e = check_value(
            "Population 'exc' (lif)",
            "tau_m",
            f64::NAN,
            ValueRange::Positive,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Population 'exc' (lif): tau_m = NaN is out of range; valid range: (0, inf)"
        );
        assert!(check_value("x", "y", f64::INFINITY, ValueRange::Finite).is_err());
        assert!(check_value("x", "p", 1.5, ValueRange::Closed(0.0, 1.0)).is_err());
        assert!(check_value("x", "p", 1.0, ValueRange::Closed(0.0, 1.0)).is_ok());
        assert!(check_value("x", "r", 0.0, ValueRange::Positive).is_err());
        assert!(check_value("x", "r", 0.0, ValueRange::NonNegative).is_ok());
    }
}
