//! Recording intervals and bins given in seconds, turned into whole steps of the grid.

use sc_neurocore_core::{Error, Result, TimeGrid, ValueRange, check_value};

/// Relative tolerance for "a whole number of steps" (as in `TimeGrid`).
const TOL: f64 = 1e-6;

/// `seconds` as a whole number (>= 1) of steps of `grid`, or an error naming `field`.
pub(crate) fn whole_steps(object: &str, field: &str, seconds: f64, grid: &TimeGrid) -> Result<u64> {
    check_value(object, field, seconds, ValueRange::Positive)?;
    let x = seconds / grid.dt();
    let r = x.round();
    if r >= 1.0 && (x - r).abs() <= TOL * r {
        Ok(r as u64)
    } else {
        Err(Error::out_of_range(
            object,
            field,
            seconds,
            format!("a whole number (>= 1) of steps of dt = {} s", grid.dt()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_multiples_only() {
        let g = TimeGrid::new(1e-4).unwrap();
        assert_eq!(whole_steps("M", "interval", 1e-4, &g).unwrap(), 1);
        assert_eq!(whole_steps("M", "interval", 1.5e-3, &g).unwrap(), 15);
        assert_eq!(
            whole_steps("M", "interval", 1.55e-4, &g)
                .unwrap_err()
                .to_string(),
            "M: interval = 0.000155 is out of range; valid range: a whole number (>= 1) of \
             steps of dt = 0.0001 s"
        );
        assert!(whole_steps("M", "bin", 0.4e-4, &g).is_err());
        assert_eq!(
            whole_steps("M", "bin", 0.0, &g).unwrap_err().to_string(),
            "M: bin = 0 is out of range; valid range: (0, inf)"
        );
    }
}
