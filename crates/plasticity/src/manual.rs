//! The tutorial's manual STDP step: `proj.update_plasticity(src_spikes, tgt_spikes, a_plus,
//! a_minus, tau)` applies one step of binary spike vectors to a projection.
//!
//! # Exactly what one call does
//!
//! With `s_i` the source spikes, `t_j` the target spikes (each 0 or 1), `tau` in **steps**:
//!
//! 1. every argument is checked first; on any error nothing changes;
//! 2. the traces decay and take this step's spikes: `x_i ← x_i·exp(−1/tau) + s_i`,
//!    `y_j ← y_j·exp(−1/tau) + t_j`;
//! 3. every synapse `i → j` changes by `dw = a_plus·x_i·t_j − a_minus·y_j·s_i`, using the
//!    traces of step 2 (which already hold this step's spikes, so a source and a target that
//!    spike in the same call give `a_plus − a_minus` — unlike the online rule, whose
//!    same-step pairs do not interact);
//! 4. the sign is kept: `dw` applies to the magnitude `m = |w|` (`w = −m` for an inhibitory
//!    projection, so potentiation makes it more negative), and `m` is clipped to the bounds
//!    `[w_min, w_max]` (default `[0, inf)`: a weight never changes sign).
//!
//! The traces persist between calls (one `ManualStdp` per projection).

use std::fmt::Display;

use sc_neurocore_core::{Csr, Error, Result, ValueRange, check_value};

use crate::WeightSign;

/// A spike flag as users pass it: `bool`, or a number that must be 0 or 1 (NumPy arrays of
/// integers or floats arrive as such).
pub trait SpikeFlag: Copy + Display {
    /// `Some(spiked)` for 0/1 (or `false`/`true`), `None` for any other value.
    fn flag(self) -> Option<bool>;
}

impl SpikeFlag for bool {
    fn flag(self) -> Option<bool> {
        Some(self)
    }
}

macro_rules! int_flag {
    ($($t:ty),*) => {$(
        impl SpikeFlag for $t {
            fn flag(self) -> Option<bool> {
                match self {
                    0 => Some(false),
                    1 => Some(true),
                    _ => None,
                }
            }
        }
    )*};
}
int_flag!(u8, i8, u16, i16, u32, i32, u64, i64, usize);

macro_rules! float_flag {
    ($($t:ty),*) => {$(
        impl SpikeFlag for $t {
            fn flag(self) -> Option<bool> {
                if self == 0.0 {
                    Some(false)
                } else if self == 1.0 {
                    Some(true)
                } else {
                    None
                }
            }
        }
    )*};
}
float_flag!(f32, f64);

/// Traces and bounds of the manual STDP update of one projection.
#[derive(Debug, Clone, PartialEq)]
pub struct ManualStdp {
    object: String,
    sign: f64,
    w_min: f64,
    w_max: f64,
    pre: Vec<f64>,
    post: Vec<f64>,
}

impl ManualStdp {
    /// Zero traces for a projection of `n_src` sources and `n_tgt` targets whose weights have
    /// `sign`; `object` names it in error messages (e.g. `Projection 'exc->exc'`).
    pub fn new(object: impl Into<String>, n_src: usize, n_tgt: usize, sign: WeightSign) -> Self {
        ManualStdp {
            object: format!("{}.update_plasticity", object.into()),
            sign: sign.factor(),
            w_min: 0.0,
            w_max: f64::INFINITY,
            pre: vec![0.0; n_src],
            post: vec![0.0; n_tgt],
        }
    }

    /// Bounds of the weight magnitude: `0 <= w_min <= w_max` (`w_max` may be `inf`).
    pub fn with_bounds(mut self, w_min: f64, w_max: f64) -> Result<Self> {
        check_value(&self.object, "w_min", w_min, ValueRange::NonNegative)?;
        if w_max.is_nan() || w_max < w_min {
            return Err(Error::out_of_range(
                &self.object,
                "w_max",
                w_max,
                format!("[w_min = {w_min}, inf]"),
            ));
        }
        self.w_min = w_min;
        self.w_max = w_max;
        Ok(self)
    }

    /// Source traces `x`.
    pub fn pre_traces(&self) -> &[f64] {
        &self.pre
    }

    /// Target traces `y`.
    pub fn post_traces(&self) -> &[f64] {
        &self.post
    }

    /// Sets every trace to zero.
    pub fn reset(&mut self) {
        self.pre.iter_mut().for_each(|x| *x = 0.0);
        self.post.iter_mut().for_each(|y| *y = 0.0);
    }

    /// One step on the projection's source-major CSR (see the module docs).
    pub fn update<S: SpikeFlag>(
        &mut self,
        csr: &mut Csr,
        src_spikes: &[S],
        tgt_spikes: &[S],
        a_plus: f64,
        a_minus: f64,
        tau: f64,
    ) -> Result<()> {
        let obj = self.object.as_str();
        if csr.n_rows() != self.pre.len() {
            return Err(Error::shape(obj, "csr rows", csr.n_rows(), self.pre.len()));
        }
        if csr.n_cols() != self.post.len() {
            return Err(Error::shape(
                obj,
                "csr columns",
                csr.n_cols(),
                self.post.len(),
            ));
        }
        let src = flags(obj, "src_spikes", src_spikes, self.pre.len())?;
        let tgt = flags(obj, "tgt_spikes", tgt_spikes, self.post.len())?;
        check_value(obj, "a_plus", a_plus, ValueRange::NonNegative)?;
        check_value(obj, "a_minus", a_minus, ValueRange::NonNegative)?;
        check_value(obj, "tau", tau, ValueRange::Positive)?;

        let d = (-1.0 / tau).exp();
        for (x, &s) in self.pre.iter_mut().zip(&src) {
            *x = *x * d + f64::from(u8::from(s));
        }
        for (y, &t) in self.post.iter_mut().zip(&tgt) {
            *y = *y * d + f64::from(u8::from(t));
        }
        let indptr = csr.indptr().to_vec();
        let indices = csr.indices().to_vec();
        let weights = csr.weights_mut();
        let (sign, lo, hi) = (self.sign, self.w_min, self.w_max);
        for i in 0..self.pre.len() {
            let (x, s) = (self.pre[i], src[i]);
            for k in indptr[i]..indptr[i + 1] {
                let j = indices[k] as usize;
                let mut dw = 0.0;
                if tgt[j] {
                    dw += a_plus * x;
                }
                if s {
                    dw -= a_minus * self.post[j];
                }
                if dw != 0.0 {
                    weights[k] = (weights[k] * sign + dw).clamp(lo, hi) * sign;
                }
            }
        }
        Ok(())
    }
}

/// Checks a spike vector's length and values, naming the first bad element.
fn flags<S: SpikeFlag>(object: &str, field: &str, v: &[S], n: usize) -> Result<Vec<bool>> {
    if v.len() != n {
        return Err(Error::shape(object, field, v.len(), n));
    }
    v.iter()
        .enumerate()
        .map(|(i, &s)| {
            s.flag()
                .ok_or_else(|| Error::out_of_range(object, format!("{field}[{i}]"), s, "{0, 1}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    /// 3 sources, 2 targets: 0 -> 0 (0.5), 0 -> 1 (0.2), 2 -> 1 (0.4); source 1 has none.
    fn csr() -> Csr {
        Csr::new(3, 2, vec![0, 2, 2, 3], vec![0, 1, 1], vec![0.5, 0.2, 0.4]).unwrap()
    }

    #[test]
    fn one_update_matches_a_hand_computation() {
        let mut m = ManualStdp::new("Projection 'p'", 3, 2, WeightSign::Excitatory);
        let mut c = csr();
        let (ap, am, tau) = (0.01, 0.012, 20.0);
        // Step 1: source 0 and target 1 spike.
        m.update(&mut c, &[1u8, 0, 0], &[0u8, 1], ap, am, tau)
            .unwrap();
        // x = [1, 0, 0], y = [0, 1].
        // 0->0: a_plus·x0·t0 − a_minus·y0·s0 = 0 − 0 = 0
        // 0->1: a_plus·1·1 − a_minus·1·1 = 0.01 − 0.012
        // 2->1: a_plus·x2·t1 − a_minus·y1·s2 = 0 − 0 = 0
        assert_relative_eq!(c.weights()[0], 0.5);
        assert_relative_eq!(c.weights()[1], 0.2 + 0.01 - 0.012, max_relative = 1e-12);
        assert_relative_eq!(c.weights()[2], 0.4);
        // Step 2: target 0 and source 2 spike.
        let d = (-1.0f64 / tau).exp();
        m.update(&mut c, &[false, false, true], &[true, false], ap, am, tau)
            .unwrap();
        // x = [d, 0, 1], y = [1, d].
        assert_relative_eq!(m.pre_traces()[0], d);
        assert_relative_eq!(m.post_traces()[1], d);
        // 0->0: a_plus·x0·t0 = 0.01·d ; 0->1: 0 ; 2->1: −a_minus·y1·s2 = −0.012·d
        assert_relative_eq!(c.weights()[0], 0.5 + 0.01 * d, max_relative = 1e-12);
        assert_relative_eq!(c.weights()[1], 0.2 + 0.01 - 0.012, max_relative = 1e-12);
        assert_relative_eq!(c.weights()[2], 0.4 - 0.012 * d, max_relative = 1e-12);
    }

    #[test]
    fn signs_and_bounds_are_kept() {
        // Inhibitory: potentiation makes the weight more negative, depression stops at 0.
        let mut c = Csr::new(1, 1, vec![0, 1], vec![0], vec![-0.005]).unwrap();
        let mut m = ManualStdp::new("P", 1, 1, WeightSign::Inhibitory);
        m.update(&mut c, &[1i64], &[0i64], 0.01, 0.012, 20.0)
            .unwrap();
        m.update(&mut c, &[0i64], &[1i64], 0.01, 0.012, 20.0)
            .unwrap();
        let d = (-1.0f64 / 20.0).exp();
        assert_relative_eq!(c.weights()[0], -0.005 - 0.01 * d, max_relative = 1e-12);
        m.reset();
        m.update(&mut c, &[1.0f64], &[1.0], 0.0, 1.0, 20.0).unwrap();
        assert_eq!(c.weights()[0], 0.0);
        // Excitatory with an upper bound.
        let mut c = Csr::new(1, 1, vec![0, 1], vec![0], vec![0.95]).unwrap();
        let mut m = ManualStdp::new("P", 1, 1, WeightSign::Excitatory)
            .with_bounds(0.1, 1.0)
            .unwrap();
        m.update(&mut c, &[1u8], &[1u8], 0.5, 0.0, 20.0).unwrap();
        assert_eq!(c.weights()[0], 1.0);
        m.update(&mut c, &[1u8], &[1u8], 0.0, 5.0, 20.0).unwrap();
        assert_eq!(c.weights()[0], 0.1);
    }

    #[test]
    fn bad_inputs_name_the_field_and_change_nothing() {
        let mut m = ManualStdp::new("Projection 'exc->exc'", 3, 2, WeightSign::Excitatory);
        let mut c = csr();
        let before = (c.clone(), m.clone());
        let msg = |r: Result<()>| r.unwrap_err().to_string();
        assert_eq!(
            msg(m.update(&mut c, &[0u8, 2, 0], &[0, 1], 0.01, 0.012, 20.0)),
            "Projection 'exc->exc'.update_plasticity: src_spikes[1] = 2 is out of range; \
             valid range: {0, 1}"
        );
        assert_eq!(
            msg(m.update(&mut c, &[0.0, 1.0, 0.0], &[0.5, 1.0], 0.01, 0.012, 20.0)),
            "Projection 'exc->exc'.update_plasticity: tgt_spikes[0] = 0.5 is out of range; \
             valid range: {0, 1}"
        );
        assert_eq!(
            msg(m.update(&mut c, &[0u8, 1], &[0, 1], 0.01, 0.012, 20.0)),
            "Projection 'exc->exc'.update_plasticity: src_spikes has size 2, expected 3"
        );
        assert_eq!(
            msg(m.update(&mut c, &[0u8, 1, 0], &[0, 1], -0.01, 0.012, 20.0)),
            "Projection 'exc->exc'.update_plasticity: a_plus = -0.01 is out of range; valid \
             range: [0, inf)"
        );
        assert_eq!(
            msg(m.update(&mut c, &[0u8, 1, 0], &[0, 1], 0.01, f64::NAN, 20.0)),
            "Projection 'exc->exc'.update_plasticity: a_minus = NaN is out of range; valid \
             range: [0, inf)"
        );
        assert_eq!(
            msg(m.update(&mut c, &[0u8, 1, 0], &[0, 1], 0.01, 0.012, 0.0)),
            "Projection 'exc->exc'.update_plasticity: tau = 0 is out of range; valid range: \
             (0, inf)"
        );
        let mut wrong = Csr::new(2, 2, vec![0, 0, 0], vec![], vec![]).unwrap();
        assert_eq!(
            msg(m.update(&mut wrong, &[0u8, 1, 0], &[0, 1], 0.01, 0.012, 20.0)),
            "Projection 'exc->exc'.update_plasticity: csr rows has size 2, expected 3"
        );
        assert_eq!((c, m.clone()), before);
        assert_eq!(
            ManualStdp::new("P", 1, 1, WeightSign::Excitatory)
                .with_bounds(1.0, 0.5)
                .unwrap_err()
                .to_string(),
            "P.update_plasticity: w_max = 0.5 is out of range; valid range: [w_min = 1, inf]"
        );
    }
}
