//! The catalogue's global conventions (`crate::catalogue::GLOBAL_CONVENTIONS`), implemented
//! once: G3 (sorted copies, duplicates kept), G4 (non-finite input is an error), G5 (the
//! observation window), G6 (the Elephant binning rule), G8 (undefined -> NaN, invalid
//! parameter -> error). Every family module builds on these helpers.

use sc_neurocore_core::{Error, Result};

/// G3 + G4: an ascending copy of `spikes`, after checking that every value is finite.
/// `object` is the function's name and `field` the argument's, for the error message.
pub fn sorted_train(object: &str, field: &str, spikes: &[f64]) -> Result<Vec<f64>> {
    check_finite(object, field, spikes)?;
    let mut x = spikes.to_vec();
    x.sort_by(f64::total_cmp);
    Ok(x)
}

/// G3 + G4 for a sequence of trains (`field[k]` names train k in errors).
pub fn sorted_trains<T: AsRef<[f64]>>(
    object: &str,
    field: &str,
    trains: &[T],
) -> Result<Vec<Vec<f64>>> {
    trains
        .iter()
        .enumerate()
        .map(|(k, t)| sorted_train(object, &format!("{field}[{k}]"), t.as_ref()))
        .collect()
}

/// The number of spikes of a (checked, possibly unsorted) train in the closed window
/// `[lo, hi]`, in one pass: a count does not depend on the order, so no sorted copy is needed.
pub fn count_in(spikes: &[f64], lo: f64, hi: f64) -> usize {
    spikes.iter().filter(|&&t| t >= lo && t <= hi).count()
}

/// G4: every value finite (signals, phases, spike trains).
pub fn check_finite(object: &str, field: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(k) => Err(Error::out_of_range(
            object,
            format!("{field}[{k}]"),
            values[k],
            "a finite number",
        )),
    }
}

/// A parameter that must be finite and > 0 (bin sizes, sigmas, taus, ...).
pub fn positive(object: &str, field: &str, value: f64) -> Result<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(Error::out_of_range(object, field, value, "(0, inf)"))
    }
}

/// G5: the observation window `[t_start, t_stop]`. `t_stop = None` is the largest spike over
/// all (sorted) trains, an error when there is no spike at all; `t_stop <= t_start` is an
/// error; both must be finite.
pub fn window(
    object: &str,
    t_start: f64,
    t_stop: Option<f64>,
    sorted: &[&[f64]],
) -> Result<(f64, f64)> {
    if !t_start.is_finite() {
        return Err(Error::out_of_range(
            object,
            "t_start",
            t_start,
            "a finite number",
        ));
    }
    let t_stop = match t_stop {
        Some(t) if !t.is_finite() => {
            return Err(Error::out_of_range(object, "t_stop", t, "a finite number"));
        }
        Some(t) => t,
        None => sorted
            .iter()
            .filter_map(|x| x.last().copied())
            .reduce(f64::max)
            .ok_or_else(|| {
                Error::invalid(
                    object,
                    "t_stop = None needs at least one spike to take the window's end from",
                )
            })?,
    };
    if t_stop <= t_start {
        return Err(Error::out_of_range(
            object,
            "t_stop",
            t_stop,
            format!("(t_start = {t_start}, inf)"),
        ));
    }
    Ok((t_start, t_stop))
}

/// G5: the spikes of a sorted train inside the closed window `[t_start, t_stop]`.
pub fn in_window(sorted: &[f64], t_start: f64, t_stop: f64) -> &[f64] {
    let a = sorted.partition_point(|&t| t < t_start);
    let b = sorted.partition_point(|&t| t <= t_stop);
    &sorted[a..b.max(a)]
}

/// G6: `floor(x)`, except that values within 1e-8 below the next integer round up.
pub fn floor_tol(x: f64) -> f64 {
    let f = x.floor();
    if x - f >= 1.0 - 1e-8 { f + 1.0 } else { f }
}

/// G6: the Elephant binning rule (`BinnedSpikeTrain(tolerance=1e-8)`): bins
/// `[t_start + k b, t_start + (k+1) b)`, `n_bins = floor_tol((t_stop - t_start) / b)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Binning {
    /// Window start, s.
    pub t_start: f64,
    /// Window end, s.
    pub t_stop: f64,
    /// Bin width, s.
    pub bin_size: f64,
    /// Number of bins (>= 1).
    pub n_bins: usize,
}

impl Binning {
    /// Checks `bin_size > 0` and that the window holds at least one bin.
    pub fn new(object: &str, t_start: f64, t_stop: f64, bin_size: f64) -> Result<Self> {
        positive(object, "bin_size", bin_size)?;
        let n = floor_tol((t_stop - t_start) / bin_size);
        if n < 1.0 {
            return Err(Error::out_of_range(
                object,
                "bin_size",
                bin_size,
                format!(
                    "(0, {}] (the window must hold at least one bin)",
                    t_stop - t_start
                ),
            ));
        }
        Ok(Binning {
            t_start,
            t_stop,
            bin_size,
            n_bins: n as usize,
        })
    }

    /// The bin of a spike at `t` (inside the window), or None when it falls past the last bin.
    /// Multiplies by the reciprocal, as Elephant does.
    #[inline]
    pub fn index(&self, t: f64) -> Option<usize> {
        let k = floor_tol((t - self.t_start) * (1.0 / self.bin_size));
        (k >= 0.0 && (k as usize) < self.n_bins).then_some(k as usize)
    }

    /// Counts per bin of a sorted train (spikes outside the window ignored).
    pub fn counts(&self, sorted: &[f64]) -> Vec<i64> {
        let mut c = vec![0i64; self.n_bins];
        for &t in in_window(sorted, self.t_start, self.t_stop) {
            if let Some(k) = self.index(t) {
                c[k] += 1;
            }
        }
        c
    }

    /// `n_bins + 1` edges: `linspace(t_start, t_start + n_bins * bin_size, n_bins + 1)`.
    pub fn edges(&self) -> Vec<f64> {
        let end = self.t_start + self.n_bins as f64 * self.bin_size;
        linspace(self.t_start, end, self.n_bins + 1)
    }
}

/// `numpy.linspace(a, b, n)` (endpoint included), with NumPy's formula so results match.
pub fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    match n {
        0 => Vec::new(),
        1 => vec![a],
        _ => {
            let step = (b - a) / (n - 1) as f64;
            let mut v: Vec<f64> = (0..n).map(|i| a + i as f64 * step).collect();
            v[n - 1] = b;
            v
        }
    }
}

/// G10: mean and population variance (ddof = 0); NaN for empty input (G8).
pub fn mean_var(x: &[f64]) -> (f64, f64) {
    if x.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elephant_binning_examples_from_the_spec() {
        // "0.3 s with 0.1 s bins goes to bin 3, and 10 s with 0.3 s bins gives 33 bins."
        let b = Binning::new("t", 0.0, 1.0, 0.1).unwrap();
        assert_eq!(b.index(0.3), Some(3));
        assert_eq!(Binning::new("t", 0.0, 10.0, 0.3).unwrap().n_bins, 33);
        // A spike exactly at t_stop is dropped when the window holds whole bins.
        assert_eq!(b.index(1.0), None);
        assert_eq!(b.edges().len(), 11);
        assert!(Binning::new("t", 0.0, 1.0, 0.0).is_err());
        assert!(Binning::new("t", 0.0, 1.0, 2.0).is_err());
    }

    #[test]
    fn trains_are_sorted_copies_and_non_finite_values_are_named() {
        assert_eq!(
            sorted_train("isi", "spikes", &[3.0, 1.0, 2.0, 2.0]).unwrap(),
            vec![1.0, 2.0, 2.0, 3.0]
        );
        let e = sorted_train("isi", "spikes", &[1.0, f64::NAN])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "isi: spikes[1] = NaN is out of range; valid range: a finite number"
        );
    }

    #[test]
    fn windows_follow_g5() {
        let a = [0.1, 0.5];
        let b: [f64; 0] = [];
        assert_eq!(window("f", 0.0, None, &[&a, &b]).unwrap(), (0.0, 0.5));
        assert!(window("f", 0.0, None, &[&b]).is_err());
        assert!(window("f", 1.0, Some(1.0), &[&a]).is_err());
        assert_eq!(in_window(&[0.0, 0.2, 0.5, 0.9], 0.2, 0.5), &[0.2, 0.5]);
    }
}
