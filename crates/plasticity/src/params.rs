//! STDP parameters: metadata for every parameter and the one validation.

use sc_neurocore_core::{Error, ParamSpec, Result, ValueRange};

/// How the weight change depends on the weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StdpMode {
    /// Weight-independent: potentiation adds `a_plus·x`, depression subtracts `a_minus·y`;
    /// the result is clipped to `[w_min, w_max]` (hard bounds).
    #[default]
    Additive,
    /// Weight-dependent with exponent `mu = 1` (van Rossum, Bi & Turrigiano 2000, J Neurosci
    /// 20:8812; Gütig et al. 2003, J Neurosci 23:3697): potentiation adds
    /// `a_plus·x·(w_max − w)`, depression subtracts `a_minus·y·(w − w_min)` (soft bounds;
    /// still clipped, for a step with `a·trace > 1`).
    Multiplicative,
}

/// Parameters of pair-based STDP (time constants in seconds). Weights and bounds are
/// magnitudes: for an inhibitory projection the rule works on `|w|` (see `StdpRule`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StdpParams {
    /// Decay time constant of the presynaptic trace (potentiation window), seconds.
    pub tau_plus: f64,
    /// Decay time constant of the postsynaptic trace (depression window), seconds.
    pub tau_minus: f64,
    /// Potentiation amplitude (weight units; a fraction of `w_max − w` if multiplicative).
    pub a_plus: f64,
    /// Depression amplitude (weight units; a fraction of `w − w_min` if multiplicative).
    pub a_minus: f64,
    /// Lower bound of the weight magnitude.
    pub w_min: f64,
    /// Upper bound of the weight magnitude.
    pub w_max: f64,
    /// Additive or multiplicative.
    pub mode: StdpMode,
}

/// Metadata of the numeric STDP parameters, in the order of [`StdpParams`]'s fields.
pub const STDP_PARAMS: [ParamSpec; 6] = [
    ParamSpec {
        name: "tau_plus",
        unit: "s",
        default: 0.02,
        range: ValueRange::Positive,
        doc: "decay time constant of the presynaptic trace (potentiation window)",
    },
    ParamSpec {
        name: "tau_minus",
        unit: "s",
        default: 0.02,
        range: ValueRange::Positive,
        doc: "decay time constant of the postsynaptic trace (depression window)",
    },
    ParamSpec {
        name: "a_plus",
        unit: "weight",
        default: 0.01,
        range: ValueRange::NonNegative,
        doc: "potentiation amplitude per pair",
    },
    ParamSpec {
        name: "a_minus",
        unit: "weight",
        default: 0.012,
        range: ValueRange::NonNegative,
        doc: "depression amplitude per pair",
    },
    ParamSpec {
        name: "w_min",
        unit: "weight",
        default: 0.0,
        range: ValueRange::NonNegative,
        doc: "lower bound of the weight magnitude",
    },
    ParamSpec {
        name: "w_max",
        unit: "weight",
        default: 1.0,
        range: ValueRange::NonNegative,
        doc: "upper bound of the weight magnitude (>= w_min)",
    },
];

impl Default for StdpParams {
    fn default() -> Self {
        StdpParams {
            tau_plus: STDP_PARAMS[0].default,
            tau_minus: STDP_PARAMS[1].default,
            a_plus: STDP_PARAMS[2].default,
            a_minus: STDP_PARAMS[3].default,
            w_min: STDP_PARAMS[4].default,
            w_max: STDP_PARAMS[5].default,
            mode: StdpMode::Additive,
        }
    }
}

impl StdpParams {
    /// The numeric values in the order of [`STDP_PARAMS`].
    fn values(&self) -> [f64; 6] {
        [
            self.tau_plus,
            self.tau_minus,
            self.a_plus,
            self.a_minus,
            self.w_min,
            self.w_max,
        ]
    }

    /// Checks every value against [`STDP_PARAMS`] and `w_min <= w_max`; errors name
    /// `StdpParams`, the field, the value and the valid range.
    pub fn check(&self) -> Result<()> {
        const OBJ: &str = "StdpParams";
        for (spec, v) in STDP_PARAMS.iter().zip(self.values()) {
            spec.check(OBJ, v)?;
        }
        if self.w_max < self.w_min {
            return Err(Error::out_of_range(
                OBJ,
                "w_max",
                self.w_max,
                format!("[w_min = {}, inf)", self.w_min),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_bad_values_are_named() {
        assert!(StdpParams::default().check().is_ok());
        let bad = |f: fn(&mut StdpParams)| {
            let mut p = StdpParams::default();
            f(&mut p);
            p.check().unwrap_err().to_string()
        };
        assert_eq!(
            bad(|p| p.tau_plus = 0.0),
            "StdpParams: tau_plus = 0 is out of range; valid range: (0, inf)"
        );
        assert_eq!(
            bad(|p| p.tau_minus = f64::NAN),
            "StdpParams: tau_minus = NaN is out of range; valid range: (0, inf)"
        );
        assert_eq!(
            bad(|p| p.a_plus = -0.1),
            "StdpParams: a_plus = -0.1 is out of range; valid range: [0, inf)"
        );
        assert_eq!(
            bad(|p| p.a_minus = f64::INFINITY),
            "StdpParams: a_minus = inf is out of range; valid range: [0, inf)"
        );
        assert_eq!(
            bad(|p| p.w_min = -1.0),
            "StdpParams: w_min = -1 is out of range; valid range: [0, inf)"
        );
        assert_eq!(
            bad(|p| {
                p.w_min = 2.0;
                p.w_max = 1.0
            }),
            "StdpParams: w_max = 1 is out of range; valid range: [w_min = 2, inf)"
        );
    }
}
