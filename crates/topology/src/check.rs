//! Validation helpers shared by the generators, so that every message names the object
//! (`Topology '<name>'`), the field, the value and the valid range in the same words.

use sc_neurocore_core::{Error, Result, ValueRange, check_value};

/// Largest population size: neuron indices are stored as `u32` in a [`Csr`](sc_neurocore_core::Csr).
pub(crate) const MAX_SIZE: usize = u32::MAX as usize;

/// The object named in every error of topology `name`.
pub(crate) fn object(name: &str) -> String {
    format!("Topology '{name}'")
}

/// A population size (`n`, `n_src`, `n_tgt`) that fits the `u32` indices of a CSR.
pub(crate) fn size(obj: &str, field: &str, n: usize) -> Result<()> {
    if n > MAX_SIZE {
        return Err(Error::out_of_range(
            obj,
            field,
            n,
            format!("[0, {MAX_SIZE}]"),
        ));
    }
    Ok(())
}

/// A synaptic weight: any finite number.
pub(crate) fn weight(obj: &str, w: f64) -> Result<f64> {
    check_value(obj, "weight", w, ValueRange::Finite)
}

/// A probability in `[0, 1]`.
pub(crate) fn probability(obj: &str, field: &str, p: f64) -> Result<f64> {
    check_value(obj, field, p, ValueRange::Closed(0.0, 1.0))
}

/// A whole number given as `f64` (the Python/TOML route), in `[lo, MAX_SIZE]`.
pub(crate) fn whole(obj: &str, field: &str, v: f64, lo: usize) -> Result<usize> {
    if v.is_finite() && v.fract() == 0.0 && v >= lo as f64 && v <= MAX_SIZE as f64 {
        Ok(v as usize)
    } else {
        Err(Error::out_of_range(
            obj,
            field,
            v,
            format!("integers in [{lo}, {MAX_SIZE}]"),
        ))
    }
}

/// The neighbour count `k` of the ring-based topologies: even and at least 2; with
/// `n = Some(n)` also at most `n - 1`.
pub(crate) fn even_k(obj: &str, k: usize, n: Option<usize>) -> Result<()> {
    let hi = n.map_or(MAX_SIZE - 1, |n| n.saturating_sub(1));
    if k >= 2 && k.is_multiple_of(2) && k <= hi {
        return Ok(());
    }
    let range = match n {
        None => format!("even integers in [2, {}]", MAX_SIZE - 1),
        Some(n) if n >= 3 => format!("even integers in [2, {}] for n = {n}", hi & !1),
        Some(n) => format!("even integers in [2, n - 1], none for n = {n}"),
    };
    Err(Error::out_of_range(obj, "k", k, range))
}

/// A topology that describes a graph on one index set needs `n_src == n_tgt`.
pub(crate) fn one_population(obj: &str, name: &str, n_src: usize, n_tgt: usize) -> Result<()> {
    if n_src != n_tgt {
        return Err(Error::shape(
            obj,
            "n_tgt",
            n_tgt,
            format!("{n_src} (= n_src: '{name}' connects a population to itself)"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_reject_fractions_negatives_and_nan() {
        assert_eq!(whole("T", "m", 3.0, 1).unwrap(), 3);
        for v in [2.5, -1.0, f64::NAN, f64::INFINITY, 0.0, 1e12] {
            let e = whole("T", "m", v, 1).unwrap_err().to_string();
            assert_eq!(
                e,
                format!("T: m = {v} is out of range; valid range: integers in [1, 4294967295]")
            );
        }
    }

    #[test]
    fn even_k_names_the_largest_valid_k() {
        assert!(even_k("T", 4, Some(10)).is_ok());
        assert!(even_k("T", 8, Some(9)).is_ok());
        let e = even_k("T", 10, Some(10)).unwrap_err().to_string();
        assert_eq!(
            e,
            "T: k = 10 is out of range; valid range: even integers in [2, 8] for n = 10"
        );
        let e = even_k("T", 2, Some(2)).unwrap_err().to_string();
        assert_eq!(
            e,
            "T: k = 2 is out of range; valid range: even integers in [2, n - 1], none for n = 2"
        );
    }
}
