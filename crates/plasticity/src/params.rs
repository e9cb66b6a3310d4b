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
    /// Which part of a synapse's transmission delay lies on the dendrite, in `[0, 1]` (as
    /// PyNN's `dendritic_delay_fraction`): the synapse sees a presynaptic spike
    /// `(1 − f)·delay` after its emission and a postsynaptic spike `f·delay` after it, so a
    /// pair changes the weight by its time difference at the synapse,
    /// `Δt = t_post − t_pre + (2f − 1)·delay`. 1 (the default) is NEST's convention (the
    /// whole delay dendritic: `Δt = t_post + delay − t_pre`); 0 is Brian2's and Izhikevich's
    /// (`on_pre` at the spike's arrival: `Δt = t_post − t_pre − delay`). The two parts are
    /// whole steps: the dendritic part is `f·delay` rounded to the nearest step.
    pub dendritic_delay_fraction: f64,
    /// Additive or multiplicative.
    pub mode: StdpMode,
}

/// Metadata of the numeric STDP parameters, in the order of [`StdpParams`]'s fields.
pub const STDP_PARAMS: [ParamSpec; 7] = [
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
    ParamSpec {
        name: "dendritic_delay_fraction",
        unit: "1",
        default: 1.0,
        range: ValueRange::Closed(0.0, 1.0),
        doc: "part of the delay on the dendrite: 1 times pairs as NEST (post spike seen \
              delay after it), 0 as Brian2 (pre spike seen at its arrival)",
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
            dendritic_delay_fraction: STDP_PARAMS[6].default,
            mode: StdpMode::Additive,
        }
    }
}

impl StdpParams {
    /// The numeric values in the order of [`STDP_PARAMS`].
    fn values(&self) -> [f64; 7] {
        [
            self.tau_plus,
            self.tau_minus,
            self.a_plus,
            self.a_minus,
            self.w_min,
            self.w_max,
            self.dendritic_delay_fraction,
        ]
    }

    /// Sets the numeric parameter `name` (one of [`STDP_PARAMS`]); an unknown name is an
    /// error naming `object` and listing the known ones (`mode` included). The value is
    /// checked by [`StdpParams::check`].
    pub fn set(&mut self, object: &str, name: &str, value: f64) -> Result<()> {
        let field = match name {
            "tau_plus" => &mut self.tau_plus,
            "tau_minus" => &mut self.tau_minus,
            "a_plus" => &mut self.a_plus,
            "a_minus" => &mut self.a_minus,
            "w_min" => &mut self.w_min,
            "w_max" => &mut self.w_max,
            "dendritic_delay_fraction" => &mut self.dendritic_delay_fraction,
            other => {
                return Err(Error::unknown(
                    object,
                    "parameter",
                    other,
                    STDP_PARAMS.iter().map(|s| s.name).chain(["mode"]),
                ));
            }
        };
        *field = value;
        Ok(())
    }

    /// Parses `mode` (`"additive"` or `"multiplicative"`); an unknown one is an error naming
    /// `object` and the known modes.
    pub fn set_mode(&mut self, object: &str, mode: &str) -> Result<()> {
        self.mode = match mode {
            "additive" => StdpMode::Additive,
            "multiplicative" => StdpMode::Multiplicative,
            other => {
                return Err(Error::unknown(
                    object,
                    "mode",
                    other,
                    ["additive", "multiplicative"],
                ));
            }
        };
        Ok(())
    }

    /// The dendritic and axonal parts of a delay of `steps` steps, in steps (see
    /// [`StdpParams::dendritic_delay_fraction`]; halves round up).
    pub fn split_delay(&self, steps: u64) -> (u64, u64) {
        let dendritic = (self.dendritic_delay_fraction * steps as f64).round() as u64;
        (dendritic.min(steps), steps - dendritic.min(steps))
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
        assert_eq!(
            bad(|p| p.dendritic_delay_fraction = 1.5),
            "StdpParams: dendritic_delay_fraction = 1.5 is out of range; valid range: [0, 1]"
        );
    }

    #[test]
    fn parameters_set_by_name_and_delays_split() {
        let mut p = StdpParams::default();
        p.set("S", "dendritic_delay_fraction", 0.5).unwrap();
        assert_eq!(p.dendritic_delay_fraction, 0.5);
        assert_eq!(p.split_delay(3), (2, 1));
        assert_eq!(p.split_delay(4), (2, 2));
        p.dendritic_delay_fraction = 1.0;
        assert_eq!(p.split_delay(15), (15, 0));
        p.dendritic_delay_fraction = 0.0;
        assert_eq!(p.split_delay(15), (0, 15));
        assert_eq!(
            p.set("S", "tau", 1.0).unwrap_err().to_string(),
            "S: unknown parameter 'tau'; known: tau_plus, tau_minus, a_plus, a_minus, w_min, \
             w_max, dendritic_delay_fraction, mode"
        );
        assert_eq!(
            p.set_mode("S", "soft").unwrap_err().to_string(),
            "S: unknown mode 'soft'; known: additive, multiplicative"
        );
    }
}
