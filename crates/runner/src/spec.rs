//! The description of a network: populations, projections, stimuli and monitors, each
//! validated when it is added, so that building and running never meet a bad value.

use sc_neurocore_core::{Csr, Error, Result, RngStream, ValueRange, check_value};
use sc_neurocore_neurons::{ModelInfo, ParamValue, Params, lookup};
use sc_neurocore_plasticity::{StdpParams, StdpRule, WeightSign};
use sc_neurocore_stimuli::StimulusSpec;
use sc_neurocore_topology::{ConnectOptions, Topology};

/// Index of a population in its network (in the order added).
pub type PopulationId = usize;

/// A group of neurons of one model.
#[derive(Debug, Clone)]
pub struct PopulationSpec {
    /// Label (unique in the network).
    pub label: String,
    /// The model.
    pub model: &'static ModelInfo,
    /// Number of neurons.
    pub n: usize,
    /// Checked parameters.
    pub params: Params,
}

/// How a presynaptic spike acts on its target (DESIGN.md §2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SynapseKind {
    /// The target's membrane variable jumps by `weight` (membrane units, e.g. mV).
    Delta,
    /// `weight` (the model's input-current unit) is added to a current decaying with `tau_syn`
    /// (seconds).
    Exponential {
        /// Decay time constant, seconds.
        tau_syn: f64,
    },
    /// Alpha-shaped current peaking at `weight` after `tau_syn` seconds.
    Alpha {
        /// Time to peak, seconds.
        tau_syn: f64,
    },
    /// `weight` (nS for pA models) is added to a conductance decaying with `tau_syn`; the
    /// current held over a step is g (e_rev - V), with g the conductance's mean over the step
    /// and V the target's membrane variable at its start.
    Conductance {
        /// Decay time constant, seconds.
        tau_syn: f64,
        /// Reversal potential, mV.
        e_rev: f64,
    },
    /// NMDA receptor synapse (Wang 1999, 2002; Brunel & Wang 2001), saturating per
    /// presynaptic neuron and blocked by Mg2+, as NEST's `iaf_bw_2001` approximates it
    /// (see [`crate::nmda`]). Each presynaptic neuron carries a gating variable s in
    /// [0, 1) that decays with `tau_decay`; at each of its spikes s jumps by
    /// `k0 + k1 s` (from `tau_rise` and `alpha`; the jump shrinks as s saturates), and the
    /// spike adds `weight` (nS) times that jump to the target's NMDA conductance g, which
    /// decays with `tau_decay`. The current is g (e_rev - V) / (1 + mg exp(-0.062 V) / 3.57)
    /// (Jahr & Stevens 1990), with V (mV) the target's membrane variable.
    Nmda {
        /// Rise time of the gating (its x variable), seconds (Wang 2002: 2 ms).
        tau_rise: f64,
        /// Decay time of the gating and of the conductance, seconds (Wang 2002: 100 ms);
        /// larger than `tau_rise`.
        tau_decay: f64,
        /// Coupling of x into s, per second (Wang 2002: 0.5 /ms = 500 /s).
        alpha: f64,
        /// Reversal potential, mV (Wang 2002: 0 mV).
        e_rev: f64,
        /// Extracellular Mg2+ concentration, mM (Wang 2002: 1 mM; 0: no block).
        mg: f64,
    },
}

/// The options a synapse kind may be built with, as the front ends (Python, TOML) pass them:
/// each `None` unless given. `tau_syn` and `e_rev` serve the exponential, alpha and
/// conductance kinds; `tau_rise`, `tau_decay`, `alpha`, `mg` and `e_rev` the NMDA kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SynapseOptions {
    /// Time constant of exponential, alpha and conductance synapses, seconds.
    pub tau_syn: Option<f64>,
    /// Reversal potential, mV (conductance: required; NMDA: default 0).
    pub e_rev: Option<f64>,
    /// NMDA rise time, seconds (default 2 ms).
    pub tau_rise: Option<f64>,
    /// NMDA decay time, seconds (default 100 ms).
    pub tau_decay: Option<f64>,
    /// NMDA coupling, 1/s (default 500 /s).
    pub alpha: Option<f64>,
    /// NMDA Mg2+ concentration, mM (default 1 mM).
    pub mg: Option<f64>,
}

/// [`Params::check`] for the parameters a front end was given, with a cross-parameter error
/// blamed on what the user wrote: a rule `a < b` reports `a` (`v_reset = -70 is out of range;
/// valid range: below v_th = -1000000000`), which misleads when only `b` was given; then the
/// error names `b` and the relation (`v_th = -1000000000 is out of range; valid range: above
/// v_reset = -70 (the model requires v_reset < v_th)`).
pub fn check_params(
    model: &'static ModelInfo,
    object: &str,
    n: usize,
    given: &[(&str, &ParamValue)],
) -> Result<Params> {
    Params::check(model, object, n, given.iter().copied()).map_err(|e| blame_given(e, given))
}

fn blame_given(e: Error, given: &[(&str, &ParamValue)]) -> Error {
    let Error::OutOfRange {
        object,
        field,
        value,
        range,
    } = &e
    else {
        return e;
    };
    let Some((other, other_value)) = range
        .strip_prefix("below ")
        .and_then(|rest| rest.split_once(" = "))
    else {
        return e;
    };
    let base = field.split('[').next().unwrap_or(field);
    let gave = |name: &str| given.iter().any(|(k, _)| *k == name);
    if gave(base) || !gave(other) {
        return e;
    }
    let index = &field[base.len()..];
    Error::out_of_range(
        object.as_str(),
        format!("{other}{index}"),
        other_value,
        format!("above {base} = {value} (the model requires {base} < {other})"),
    )
}

/// A conductance (nS) is never negative: NEST writes inhibition as a negative weight, but a
/// conductance synapse's sign is its reversal potential's. Names the field and says how to
/// write inhibition.
fn negative_conductance(object: &str, field: &str, w: f64) -> Error {
    Error::out_of_range(
        object,
        field,
        w,
        "[0, inf) nS (a conductance is never negative: write inhibition as a positive \
         conductance with an inhibitory reversal potential, e.g. weight = 2 nS with e_rev = \
         -80 mV)",
    )
}

/// Conductance and NMDA synapses inject g (e_rev - V), nS times mV: a current in pA, with V
/// the target's membrane in mV. A model that takes its input in another unit (uA/cm^2 for
/// the Hodgkin-Huxley family, a dimensionless drive for maps and rate models) would read that
/// number in its own unit: wrong science without a sound, so it is refused.
fn check_conductance_target(
    object: &str,
    kind: SynapseKind,
    target: &PopulationSpec,
) -> Result<()> {
    if !kind.is_conductance() || target.model.input_unit == "pA" {
        return Ok(());
    }
    let name = if matches!(kind, SynapseKind::Nmda { .. }) {
        "an nmda"
    } else {
        "a conductance"
    };
    Err(Error::invalid(
        object,
        format!(
            "{name} synapse injects g (e_rev - V) in pA, but model '{}' of target population \
             '{}' takes its input in {}; use an exponential or alpha (current) synapse with \
             weights in {}, or a target model whose input is in pA",
            target.model.name, target.label, target.model.input_unit, target.model.input_unit
        ),
    ))
}

/// The weights of conductance and NMDA synapses are conductances: checks that none is (or
/// can be drawn) negative.
fn check_conductance_sign(object: &str, kind: SynapseKind, c: &Connectivity) -> Result<()> {
    if !kind.is_conductance() {
        return Ok(());
    }
    match c {
        Connectivity::Generated { weight, .. } if *weight < 0.0 => {
            Err(negative_conductance(object, "weight", *weight))
        }
        Connectivity::GeneratedNormal { weight, .. } if weight.min < 0.0 => {
            Err(negative_conductance(object, "weight.min", weight.min))
        }
        Connectivity::Explicit(csr) => match csr.weights().iter().position(|&w| w < 0.0) {
            Some(k) => Err(negative_conductance(
                object,
                &format!("weights[{k}]"),
                csr.weights()[k],
            )),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

impl SynapseKind {
    /// Whether a weight of this kind is a conductance (nS): conductance and NMDA synapses.
    pub fn is_conductance(&self) -> bool {
        matches!(
            self,
            SynapseKind::Conductance { .. } | SynapseKind::Nmda { .. }
        )
    }

    /// The names accepted by [`SynapseKind::from_name`].
    pub const NAMES: [&'static str; 5] = ["delta", "exponential", "alpha", "conductance", "nmda"];

    /// The NMDA synapse of Wang (2002) (Table 1 and Methods; Brunel & Wang 2001): rise
    /// 2 ms, decay 100 ms, alpha 0.5 /ms, reversal 0 mV, 1 mM Mg2+. The defaults of
    /// `nmda` when built by name.
    pub const NMDA_WANG_2002: SynapseKind = SynapseKind::Nmda {
        tau_rise: 2e-3,
        tau_decay: 100e-3,
        alpha: 500.0,
        e_rev: 0.0,
        mg: 1.0,
    };

    /// Builds a kind from its name and options (`tau_syn` in seconds, default 5 ms; `e_rev` in
    /// mV, required for conductance synapses).
    pub fn from_name(
        object: &str,
        name: &str,
        tau_syn: Option<f64>,
        e_rev: Option<f64>,
    ) -> Result<Self> {
        Self::from_options(
            object,
            name,
            &SynapseOptions {
                tau_syn,
                e_rev,
                ..SynapseOptions::default()
            },
        )
    }

    /// Builds a kind from its name and options: `delta`, `exponential` / `exp` and `alpha`
    /// (`tau_syn`, s, default 5 ms), `conductance` / `cond` (`tau_syn`; `e_rev`, mV,
    /// required), `nmda` (`tau_rise`, `tau_decay`, s, `alpha`, 1/s, `e_rev`, mV, `mg`, mM;
    /// defaults [`SynapseKind::NMDA_WANG_2002`]). An NMDA option given to another kind, or
    /// `tau_syn` given to `nmda`, is an error (it would have no effect).
    pub fn from_options(object: &str, name: &str, o: &SynapseOptions) -> Result<Self> {
        let tau = || -> Result<f64> {
            let t = o.tau_syn.unwrap_or(5e-3);
            check_value(object, "tau_syn", t, ValueRange::Positive)
        };
        let canonical = match name {
            "delta" => "delta",
            "exponential" | "exp" => "exponential",
            "alpha" => "alpha",
            "conductance" | "cond" => "conductance",
            "nmda" => "nmda",
            other => return Err(Error::unknown(object, "synapse kind", other, Self::NAMES)),
        };
        let given = |opts: &[(&'static str, Option<f64>)]| -> Vec<&'static str> {
            opts.iter()
                .filter(|(_, v)| v.is_some())
                .map(|(k, _)| *k)
                .collect()
        };
        let (unused, takes) = if canonical == "nmda" {
            (
                given(&[("tau_syn", o.tau_syn)]),
                "tau_rise, tau_decay, alpha, e_rev, mg (tau_syn is for exponential, alpha and \
                 conductance synapses)",
            )
        } else {
            (
                given(&[
                    ("tau_rise", o.tau_rise),
                    ("tau_decay", o.tau_decay),
                    ("alpha", o.alpha),
                    ("mg", o.mg),
                ]),
                "tau_syn, e_rev (tau_rise, tau_decay, alpha and mg are for nmda synapses)",
            )
        };
        if !unused.is_empty() {
            return Err(Error::invalid(
                object,
                format!(
                    "synapse '{canonical}' takes no {}; its options: {takes}",
                    unused.join(", ")
                ),
            ));
        }
        let kind = match canonical {
            "delta" => SynapseKind::Delta,
            "exponential" => SynapseKind::Exponential { tau_syn: tau()? },
            "alpha" => SynapseKind::Alpha { tau_syn: tau()? },
            "conductance" => {
                let Some(e) = o.e_rev else {
                    return Err(Error::invalid(
                        object,
                        "synapse 'conductance' needs e_rev (reversal potential, mV)",
                    ));
                };
                SynapseKind::Conductance {
                    tau_syn: tau()?,
                    e_rev: check_value(object, "e_rev", e, ValueRange::Finite)?,
                }
            }
            _ => {
                let SynapseKind::Nmda {
                    tau_rise,
                    tau_decay,
                    alpha,
                    e_rev,
                    mg,
                } = Self::NMDA_WANG_2002
                else {
                    unreachable!("NMDA_WANG_2002 is an NMDA kind")
                };
                let kind = SynapseKind::Nmda {
                    tau_rise: o.tau_rise.unwrap_or(tau_rise),
                    tau_decay: o.tau_decay.unwrap_or(tau_decay),
                    alpha: o.alpha.unwrap_or(alpha),
                    e_rev: o.e_rev.unwrap_or(e_rev),
                    mg: o.mg.unwrap_or(mg),
                };
                kind.check(object)?;
                kind
            }
        };
        Ok(kind)
    }

    /// Checks the numbers of a kind built directly.
    pub fn check(&self, object: &str) -> Result<()> {
        match *self {
            SynapseKind::Delta => Ok(()),
            SynapseKind::Exponential { tau_syn } | SynapseKind::Alpha { tau_syn } => {
                check_value(object, "tau_syn", tau_syn, ValueRange::Positive).map(drop)
            }
            SynapseKind::Conductance { tau_syn, e_rev } => {
                check_value(object, "tau_syn", tau_syn, ValueRange::Positive)?;
                check_value(object, "e_rev", e_rev, ValueRange::Finite).map(drop)
            }
            SynapseKind::Nmda {
                tau_rise,
                tau_decay,
                alpha,
                e_rev,
                mg,
            } => {
                check_value(object, "tau_rise", tau_rise, ValueRange::Positive)?;
                check_value(object, "tau_decay", tau_decay, ValueRange::Positive)?;
                // The gating's jump k0 integrates over the rise with exponent
                // 1 - tau_rise / tau_decay, which must be positive (crate::nmda).
                if tau_rise >= tau_decay {
                    return Err(Error::out_of_range(
                        object,
                        "tau_rise",
                        tau_rise,
                        format!("(0, tau_decay = {tau_decay}) s"),
                    ));
                }
                check_value(object, "alpha", alpha, ValueRange::Positive)?;
                check_value(object, "e_rev", e_rev, ValueRange::Finite)?;
                check_value(object, "mg", mg, ValueRange::NonNegative).map(drop)
            }
        }
    }

    /// Checks that a stimulus's input spikes can act through this kind: all but NMDA, whose
    /// gating jump depends on its source's own spike history, which input spikes (not
    /// anybody's spikes) do not have.
    pub fn check_for_stimulus(&self, object: &str) -> Result<()> {
        match self {
            SynapseKind::Nmda { .. } => Err(Error::invalid(
                object,
                "NMDA synapses need presynaptic neurons (each spike's gating jump depends on \
                 its source's earlier spikes); drive the target from a 'poisson' population \
                 through an nmda projection instead",
            )),
            _ => Ok(()),
        }
    }

    /// Name, as `from_name` takes it.
    pub fn name(&self) -> &'static str {
        match self {
            SynapseKind::Delta => "delta",
            SynapseKind::Exponential { .. } => "exponential",
            SynapseKind::Alpha { .. } => "alpha",
            SynapseKind::Conductance { .. } => "conductance",
            SynapseKind::Nmda { .. } => "nmda",
        }
    }
}

impl std::fmt::Display for SynapseKind {
    /// As a front end names it: `delta`, `exponential(tau_syn=0.002)`,
    /// `conductance(tau_syn=0.005, e_rev=0)`, `nmda(tau_rise=0.002, tau_decay=0.1,
    /// alpha=500, e_rev=0, mg=1)` (seconds, 1/s, mV and mM).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            SynapseKind::Delta => write!(f, "delta"),
            SynapseKind::Exponential { tau_syn } | SynapseKind::Alpha { tau_syn } => {
                write!(f, "{}(tau_syn={tau_syn})", self.name())
            }
            SynapseKind::Conductance { tau_syn, e_rev } => {
                write!(f, "conductance(tau_syn={tau_syn}, e_rev={e_rev})")
            }
            SynapseKind::Nmda {
                tau_rise,
                tau_decay,
                alpha,
                e_rev,
                mg,
            } => write!(
                f,
                "nmda(tau_rise={tau_rise}, tau_decay={tau_decay}, alpha={alpha}, \
                 e_rev={e_rev}, mg={mg})"
            ),
        }
    }
}

/// The reversal potential (mV) above which a conductance synapse counts as excitatory in
/// the synaptic variables `gsyn_exc` / `gsyn_inh`: excitatory (AMPA, nicotinic) synapses
/// reverse near 0 mV, inhibitory ones (GABA-A, GABA-B, glycine, shunting) at or below rest.
pub const EXCITATORY_E_REV_MIN: f64 = -40.0;

/// A synaptic variable a state monitor can record besides the model's own state: the state
/// of the population's input channels (DESIGN.md §2), summed over the channels it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynapticVariable {
    /// Name, as a state monitor takes it (chosen not to clash with any model's state).
    pub name: &'static str,
    /// Unit (`input` = the model's input-current unit, e.g. pA).
    pub unit: &'static str,
    /// What it is.
    pub doc: &'static str,
}

/// The synaptic variables, in the order they are listed (PyNN's `gsyn_exc` / `gsyn_inh`,
/// NEST's `g_ex` / `g_in`, Brian2's `ge` / `gi`). Each sample is the channel state at the
/// sample's time `k dt` (arrivals due by then included), summed over the population's
/// channels of that variable.
pub const SYNAPTIC_VARIABLES: [SynapticVariable; 4] = [
    SynapticVariable {
        name: "gsyn_exc",
        unit: "nS",
        doc: "conductance of the `conductance` synapses with e_rev > -40 mV (excitatory)",
    },
    SynapticVariable {
        name: "gsyn_inh",
        unit: "nS",
        doc: "conductance of the `conductance` synapses with e_rev <= -40 mV (inhibitory)",
    },
    SynapticVariable {
        name: "gsyn_nmda",
        unit: "nS",
        doc: "conductance of the `nmda` synapses, before the Mg2+ block",
    },
    SynapticVariable {
        name: "isyn",
        unit: "input",
        doc: "current of the `exponential` and `alpha` synapses (the model's input unit)",
    },
];

impl SynapseKind {
    /// The synaptic variable ([`SYNAPTIC_VARIABLES`]) this kind's channel adds to; `None`
    /// for delta synapses (a jump has no state).
    pub fn synaptic_variable(&self) -> Option<&'static str> {
        match *self {
            SynapseKind::Delta => None,
            SynapseKind::Exponential { .. } | SynapseKind::Alpha { .. } => Some("isyn"),
            SynapseKind::Conductance { e_rev, .. } => Some(if e_rev > EXCITATORY_E_REV_MIN {
                "gsyn_exc"
            } else {
                "gsyn_inh"
            }),
            SynapseKind::Nmda { .. } => Some("gsyn_nmda"),
        }
    }
}

/// Most draws of one value that [`TruncatedNormal`] makes before it gives up (NEST's
/// `redraw` gives up after 1000 as well).
pub const MAX_REDRAWS: usize = 1000;

/// A per-synapse random value: `normal(mean, sd)` redrawn until it lies in `[min, max]`, a
/// normal truncated to `[min, max]` (NEST's `nest.math.redraw(nest.random.normal(mean,
/// std), min, max)`). `min` and `max` may be infinite.
///
/// Valid: `mean` and `sd` finite, `sd >= 0`, `min <= mean <= max`, and `min < max` when
/// `sd > 0`. A value that needs more than [`MAX_REDRAWS`] draws fails the build.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TruncatedNormal {
    /// Mean of the normal before truncation.
    pub mean: f64,
    /// Standard deviation of the normal before truncation (`>= 0`).
    pub sd: f64,
    /// Smallest value kept (may be `-inf`).
    pub min: f64,
    /// Largest value kept (may be `inf`).
    pub max: f64,
}

impl TruncatedNormal {
    /// `normal(mean, sd)` redrawn outside `[min, max]`.
    pub const fn new(mean: f64, sd: f64, min: f64, max: f64) -> Self {
        TruncatedNormal { mean, sd, min, max }
    }

    /// `normal(mean, sd)` redrawn until it has the sign of `mean` (`[0, inf)` for a mean
    /// `>= 0`, `(-inf, 0]` below): NEST's microcircuit weights.
    pub fn keeping_sign(mean: f64, sd: f64) -> Self {
        if mean >= 0.0 {
            TruncatedNormal::new(mean, sd, 0.0, f64::INFINITY)
        } else {
            TruncatedNormal::new(mean, sd, f64::NEG_INFINITY, 0.0)
        }
    }

    /// Checks the numbers; `field` names the value (`weight`, `delay`) in messages.
    pub fn check(&self, object: &str, field: &str) -> Result<()> {
        check_value(
            object,
            &format!("{field}.mean"),
            self.mean,
            ValueRange::Finite,
        )?;
        check_value(
            object,
            &format!("{field}.sd"),
            self.sd,
            ValueRange::NonNegative,
        )?;
        for (name, v) in [("min", self.min), ("max", self.max)] {
            if v.is_nan() {
                return Err(Error::out_of_range(
                    object,
                    format!("{field}.{name}"),
                    v,
                    "[-inf, inf]",
                ));
            }
        }
        if !(self.min <= self.mean && self.mean <= self.max) {
            return Err(Error::out_of_range(
                object,
                format!("{field}.mean"),
                self.mean,
                format!("[{field}.min, {field}.max] = [{}, {}]", self.min, self.max),
            ));
        }
        if self.sd > 0.0 && self.min == self.max {
            return Err(Error::invalid(
                object,
                format!(
                    "{field}: min = max = {} leaves nothing to draw for sd = {} > 0; \
                     use sd = 0 for a constant",
                    self.min, self.sd
                ),
            ));
        }
        Ok(())
    }

    /// One value from `rng`, or `None` after [`MAX_REDRAWS`] draws outside `[min, max]`.
    pub(crate) fn draw(&self, rng: &mut Normals) -> Option<f64> {
        for _ in 0..MAX_REDRAWS {
            let v = self.mean + self.sd * rng.next();
            if self.min <= v && v <= self.max {
                return Some(v);
            }
        }
        None
    }

    /// The error for a value that could not be drawn.
    pub(crate) fn exhausted(&self, object: &str, field: &str) -> Error {
        Error::invalid(
            object,
            format!(
                "{field}: {MAX_REDRAWS} draws of normal({}, {}) in a row fell outside [{}, {}]; \
                 widen the interval or lower the sd",
                self.mean, self.sd, self.min, self.max
            ),
        )
    }
}

/// Standard normal numbers from one stream, two at a time by Marsaglia's polar method
/// (Marsaglia & Bray 1964: no trigonometric function, one logarithm per pair), for the
/// per-synapse draws of a row.
pub(crate) struct Normals {
    rng: RngStream,
    spare: Option<f64>,
}

impl Normals {
    /// Normals from `rng`.
    pub(crate) fn new(rng: RngStream) -> Self {
        Normals { rng, spare: None }
    }

    /// The next standard normal number.
    #[inline]
    pub(crate) fn next(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.rng.uniform() - 1.0;
            let v = 2.0 * self.rng.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let f = (-2.0 * s.ln() / s).sqrt();
                self.spare = Some(v * f);
                return u * f;
            }
        }
    }
}

impl std::fmt::Display for TruncatedNormal {
    /// `normal(mean=…, sd=…, min=…, max=…)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "normal(mean={}, sd={}, min={}, max={})",
            self.mean, self.sd, self.min, self.max
        )
    }
}

/// Which synapses a projection has.
#[derive(Debug, Clone)]
pub enum Connectivity {
    /// Generated by a topology, every synapse with `weight`.
    Generated {
        /// The generator.
        topology: Topology,
        /// Weight of every synapse.
        weight: f64,
        /// Autapses / multapses.
        options: ConnectOptions,
    },
    /// Generated by a topology, each synapse's weight drawn from `weight`: the synapses of
    /// target `t`'s row (in the order [`Topology::generate_in_rows`] gives) take, in turn,
    /// the values drawn from the normals (Marsaglia's polar method, redrawn outside
    /// `[min, max]`) of `RngStream::new(seed, StreamKind::SynapseParams, projection, t)`.
    /// Row-local topologies thus draw their weights where they generate their rows (per
    /// block, per MPI rank), identically for any split. Weights are stored per synapse
    /// (8 bytes each in the engine).
    GeneratedNormal {
        /// The generator.
        topology: Topology,
        /// The distribution of the weights.
        weight: TruncatedNormal,
        /// Autapses / multapses.
        options: ConnectOptions,
    },
    /// Given explicitly (rows = sources of the projection's source population).
    Explicit(Csr),
}

/// Synaptic delays, in seconds.
#[derive(Debug, Clone, PartialEq)]
pub enum Delay {
    /// One delay for every synapse.
    Uniform(f64),
    /// One delay per synapse, in the order of the connectivity's CSR.
    PerSynapse(Vec<f64>),
    /// One delay per synapse drawn from a (truncated) normal, in seconds, when the network
    /// is built: the synapses of target `t`'s row take, in turn, the values drawn from
    /// `RngStream::new(seed, StreamKind::SynapseParams, projection, 2^32 + t)` (rows as
    /// [`Topology::generate_in_rows`] gives them for row-local topologies, else sources
    /// ascending as in the CSR). Each delay then rounds to whole steps (at least one), as
    /// any delay does; NEST's microcircuit redraws below half a step (`min = dt / 2`), so
    /// that no delay rounds up to the one-step minimum. `min` must be `>= 0`.
    Normal(TruncatedNormal),
}

impl Connectivity {
    /// The topology, the weight distribution (a constant is `sd = 0`) and the options of a
    /// generated projection; `None` for an explicit CSR.
    pub fn generated(&self) -> Option<(Topology, TruncatedNormal, ConnectOptions)> {
        match *self {
            Connectivity::Generated {
                topology,
                weight,
                options,
            } => Some((
                topology,
                TruncatedNormal::new(weight, 0.0, weight, weight),
                options,
            )),
            Connectivity::GeneratedNormal {
                topology,
                weight,
                options,
            } => Some((topology, weight, options)),
            Connectivity::Explicit(_) => None,
        }
    }
}

/// A projection between two populations.
#[derive(Debug, Clone)]
pub struct ProjectionSpec {
    /// Label, for messages.
    pub label: String,
    /// Presynaptic population.
    pub source: PopulationId,
    /// Postsynaptic population.
    pub target: PopulationId,
    /// The synapses.
    pub connectivity: Connectivity,
    /// How a spike acts.
    pub synapse: SynapseKind,
    /// Delays (seconds); rounded to whole steps, at least one step.
    pub delay: Delay,
    /// Online STDP, if any.
    pub stdp: Option<StdpParams>,
}

impl ProjectionSpec {
    /// A projection with delta synapses, a 1 ms delay and no plasticity.
    pub fn new(
        label: impl Into<String>,
        source: PopulationId,
        target: PopulationId,
        connectivity: Connectivity,
    ) -> Self {
        ProjectionSpec {
            label: label.into(),
            source,
            target,
            connectivity,
            synapse: SynapseKind::Delta,
            delay: Delay::Uniform(1e-3),
            stdp: None,
        }
    }

    /// Sets the synapse kind.
    pub fn synapse(mut self, kind: SynapseKind) -> Self {
        self.synapse = kind;
        self
    }

    /// Sets the delay.
    pub fn delay(mut self, delay: Delay) -> Self {
        self.delay = delay;
        self
    }

    /// Sets online STDP.
    pub fn stdp(mut self, params: StdpParams) -> Self {
        self.stdp = Some(params);
        self
    }
}

/// A stimulus and the population it drives.
#[derive(Debug, Clone)]
pub struct StimulusEntry {
    /// Label, for messages.
    pub label: String,
    /// What it injects.
    pub spec: StimulusSpec,
    /// The driven population (DESIGN.md §2: default is the first population).
    pub target: PopulationId,
    /// How Poisson input spikes act (default delta); currents ignore it.
    pub synapse: SynapseKind,
}

/// What a monitor records.
#[derive(Debug, Clone, PartialEq)]
pub enum MonitorSpec {
    /// Every spike of a population.
    Spikes {
        /// The population.
        population: PopulationId,
    },
    /// A state variable of some neurons, every `interval` seconds.
    State {
        /// The population.
        population: PopulationId,
        /// Variable name (see the model's state variables).
        variable: String,
        /// Neuron indices within the population (None = all).
        indices: Option<Vec<usize>>,
        /// Recording interval, seconds (None = every step).
        interval: Option<f64>,
    },
    /// Population rate in bins of `bin` seconds.
    Rate {
        /// The population.
        population: PopulationId,
        /// Bin width, seconds.
        bin: f64,
    },
    /// The weights of some synapses of a projection, every `interval` seconds, during the
    /// run. The sample of step `k` holds the weights at `k dt`: after the plasticity of
    /// every spike emitted before (a spike of step `k - 1` carries the time `k dt`).
    Weights {
        /// The projection.
        projection: usize,
        /// Synapse indices in the order of the projection's CSR (see
        /// [`Network::connectivity`]); None = every synapse.
        synapses: Option<Vec<usize>>,
        /// Recording interval, seconds (None = every step).
        interval: Option<f64>,
    },
}

/// The state of one population's synapse channel at t = 0, set with
/// [`Network::set_initial_synaptic_state`] (Brian2's `group.ge = ...`, NEST's
/// `SetStatus(..., {"g_ex": ...})`).
#[derive(Debug, Clone, PartialEq)]
pub struct InitialSynapticState {
    /// The population.
    pub population: PopulationId,
    /// The channel: the synapses of this kind onto the population.
    pub synapse: SynapseKind,
    /// One value per neuron: the conductance (nS) of a conductance or NMDA channel, the
    /// current (pA) of an exponential or alpha channel.
    pub values: Vec<f64>,
}

/// A network description.
#[derive(Debug, Clone, Default)]
pub struct Network {
    pub(crate) populations: Vec<PopulationSpec>,
    pub(crate) projections: Vec<ProjectionSpec>,
    pub(crate) stimuli: Vec<StimulusEntry>,
    pub(crate) monitors: Vec<MonitorSpec>,
    pub(crate) initial_synaptic: Vec<InitialSynapticState>,
    pub(crate) seed: u64,
}

impl Network {
    /// An empty network with the given seed.
    pub fn new(seed: u64) -> Self {
        Network {
            seed,
            ..Default::default()
        }
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Sets the seed (for the next build).
    pub fn set_seed(&mut self, seed: u64) {
        self.seed = seed;
    }

    /// Populations, in the order added.
    pub fn populations(&self) -> &[PopulationSpec] {
        &self.populations
    }

    /// Projections, in the order added.
    pub fn projections(&self) -> &[ProjectionSpec] {
        &self.projections
    }

    /// Stimuli, in the order added.
    pub fn stimuli(&self) -> &[StimulusEntry] {
        &self.stimuli
    }

    /// Monitors, in the order added.
    pub fn monitors(&self) -> &[MonitorSpec] {
        &self.monitors
    }

    /// Checks that every initial synaptic state set has its channel: synapses of its kind (a
    /// projection or a spike stimulus) onto its population. The runner checks this when it
    /// is built; front ends that run the description otherwise call it themselves.
    pub fn check_initial_synaptic_states(&self) -> Result<()> {
        for init in &self.initial_synaptic {
            let kinds = crate::build::channel_kinds(self, init.population);
            if !kinds.contains(&init.synapse) {
                let pop = &self.populations[init.population];
                let have: Vec<String> = kinds.iter().map(ToString::to_string).collect();
                return Err(Error::invalid(
                    format!("Initial {} state of '{}'", init.synapse.name(), pop.label),
                    format!(
                        "no {} synapses reach '{}' (no projection or spike stimulus of that \
                         kind); its synapse kinds: [{}]",
                        init.synapse,
                        pop.label,
                        have.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The synapse channels' states at t = 0 that were set (the others start at zero).
    pub fn initial_synaptic_states(&self) -> &[InitialSynapticState] {
        &self.initial_synaptic
    }

    /// Sets the state at t = 0 of the channel of `synapse` synapses onto `population`: one
    /// value per neuron, the conductance (nS) of a conductance or NMDA channel (for NMDA,
    /// before the Mg2+ block; the presynaptic gating variables still start at zero), the
    /// current (pA) of an exponential or alpha channel (an alpha channel's derivative starts
    /// at zero). The
    /// state acts from the first step on, as Brian2's initial `ge` or NEST's initial `g_ex`
    /// do; setting the same channel again replaces the values. The population must receive
    /// synapses of that kind (a projection or a spike stimulus) by the time the network is
    /// built.
    ///
    /// # Errors
    /// An unknown population, a delta synapse (a jump has no state), `values` not one per
    /// neuron, a value that is not finite, a synapse kind with bad parameters.
    ///
    /// ```
    /// use sc_neurocore_runner::{Network, SynapseKind};
    /// let mut net = Network::new(1);
    /// let p = net.add_population("exc", "lif", 3, &[]).unwrap();
    /// let g = SynapseKind::Conductance { tau_syn: 5e-3, e_rev: 0.0 };
    /// net.set_initial_synaptic_state(p, g, vec![1.0, 2.0, 3.0]).unwrap();
    /// let e = net.set_initial_synaptic_state(p, g, vec![1.0]).unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "Initial conductance state of 'exc': values = 1 is out of range; \
    ///      valid range: one value per neuron, 3"
    /// );
    /// ```
    pub fn set_initial_synaptic_state(
        &mut self,
        population: PopulationId,
        synapse: SynapseKind,
        values: Vec<f64>,
    ) -> Result<()> {
        let pop = self.check_population("InitialSynapticState", "population", population)?;
        let object = format!("Initial {} state of '{}'", synapse.name(), pop.label);
        synapse.check(&object)?;
        if synapse == SynapseKind::Delta {
            return Err(Error::invalid(
                &object,
                "delta synapses have no state (a spike's jump acts at once); \
                 use an exponential, alpha, conductance or nmda synapse",
            ));
        }
        if values.len() != pop.n {
            return Err(Error::out_of_range(
                &object,
                "values",
                values.len(),
                format!("one value per neuron, {}", pop.n),
            ));
        }
        if let Some((i, v)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(Error::out_of_range(
                &object,
                format!("values[{i}]"),
                v,
                "finite numbers",
            ));
        }
        self.initial_synaptic
            .retain(|s| !(s.population == population && s.synapse == synapse));
        self.initial_synaptic.push(InitialSynapticState {
            population,
            synapse,
            values,
        });
        Ok(())
    }

    /// The channels (indices in the population's order of synapse kinds: projections, then
    /// spike stimuli, each kind at its first use) whose state the synaptic variable `name`
    /// ([`SYNAPTIC_VARIABLES`]) of population `p` sums. An error names the population and
    /// lists what it can record when `name` is not a synaptic variable or no synapse of
    /// `p` makes it.
    pub fn synaptic_channels(&self, p: PopulationId, name: &str) -> Result<Vec<usize>> {
        let pop = self.check_population("Network", "population", p)?;
        let kinds = crate::build::channel_kinds(self, p);
        let channels: Vec<usize> = kinds
            .iter()
            .enumerate()
            .filter(|(_, k)| k.synaptic_variable() == Some(name))
            .map(|(c, _)| c)
            .collect();
        if channels.is_empty() {
            let object = format!("Population '{}'", pop.label);
            let Some(var) = SYNAPTIC_VARIABLES.iter().find(|v| v.name == name) else {
                return Err(Error::unknown(
                    object,
                    "variable",
                    name,
                    recordable_names(pop),
                ));
            };
            let mut made: Vec<&str> = Vec::new();
            for v in kinds.iter().filter_map(|k| k.synaptic_variable()) {
                if !made.contains(&v) {
                    made.push(v);
                }
            }
            return Err(Error::invalid(
                object,
                format!(
                    "no synapses onto it make '{name}' ({}); its synaptic variables: [{}]",
                    var.doc,
                    made.join(", ")
                ),
            ));
        }
        Ok(channels)
    }

    /// Total number of neurons.
    pub fn n_neurons(&self) -> usize {
        self.populations.iter().map(|p| p.n).sum()
    }

    /// Adds a population of `n` neurons of `model` (registry name or Python class name),
    /// with parameters by name (scalar, or one value per neuron).
    pub fn add_population(
        &mut self,
        label: &str,
        model: &str,
        n: usize,
        params: &[(&str, ParamValue)],
    ) -> Result<PopulationId> {
        let object = format!("Population '{label}' ({model})");
        let model = lookup(model).map_err(|e| match e {
            Error::Unknown {
                what, name, known, ..
            } => Error::Unknown {
                object: format!("Population '{label}'"),
                what,
                name,
                known,
            },
            e => e,
        })?;
        if n == 0 || n > u32::MAX as usize {
            return Err(Error::out_of_range(
                &object,
                "n",
                n,
                format!("[1, {}]", u32::MAX),
            ));
        }
        if self.populations.iter().any(|p| p.label == label) {
            return Err(Error::invalid(
                &object,
                format!("label '{label}' is already used"),
            ));
        }
        let given: Vec<(&str, &ParamValue)> = params.iter().map(|(k, v)| (*k, v)).collect();
        let params = check_params(model, &object, n, &given)?;
        self.populations.push(PopulationSpec {
            label: label.to_string(),
            model,
            n,
            params,
        });
        Ok(self.populations.len() - 1)
    }

    /// The id of the population labelled `label`.
    pub fn population_id(&self, label: &str) -> Result<PopulationId> {
        self.populations
            .iter()
            .position(|p| p.label == label)
            .ok_or_else(|| {
                Error::unknown(
                    "Network",
                    "population",
                    label,
                    self.populations.iter().map(|p| &p.label),
                )
            })
    }

    fn check_population(
        &self,
        object: &str,
        field: &str,
        id: PopulationId,
    ) -> Result<&PopulationSpec> {
        self.populations.get(id).ok_or_else(|| {
            Error::out_of_range(
                object,
                field,
                id,
                format!("[0, {})", self.populations.len()),
            )
        })
    }

    /// The connectivity of projection `j` as the engine builds it: the explicit CSR, or the
    /// one its topology generates from the network's seed (the projection's own streams),
    /// with the drawn weights of a `Connectivity::GeneratedNormal` (the engine's tables hold
    /// exactly these values).
    pub fn connectivity(&self, j: usize) -> Result<Csr> {
        if j >= self.projections.len() {
            return Err(Error::out_of_range(
                "Network",
                "projection",
                j,
                format!("[0, {})", self.projections.len()),
            ));
        }
        crate::build::connectivity(self, j)
    }

    /// The delays (seconds, before rounding to steps) that projection `j`'s `Delay::Normal`
    /// draws when the network is built, in the order of [`Network::connectivity`]'s CSR;
    /// `None` for a delay that is not drawn.
    pub fn drawn_delays(&self, j: usize) -> Result<Option<Vec<f64>>> {
        let Some(pr) = self.projections.get(j) else {
            return Err(Error::out_of_range(
                "Network",
                "projection",
                j,
                format!("[0, {})", self.projections.len()),
            ));
        };
        match &pr.delay {
            Delay::Normal(dist) => crate::build::drawn_delays(self, j, dist).map(Some),
            _ => Ok(None),
        }
    }

    /// Uniform values in `[low, high)`, one per synapse of projection `j` in the order of
    /// [`Network::connectivity`], drawn as a [`Connectivity::GeneratedNormal`] weight or a
    /// [`Delay::Normal`] delay is (`delay = false`: the streams of the weights; `true`: of
    /// the delays): target `t`'s synapses take, in turn, uniform numbers of
    /// `RngStream::new(seed, StreamKind::SynapseParams, j, t)` (delays: `2^32 + t`). The
    /// same values for any split into threads, ranks or backends.
    pub fn draw_uniform(&self, j: usize, low: f64, high: f64, delay: bool) -> Result<Vec<f64>> {
        let Some(pr) = self.projections.get(j) else {
            return Err(Error::out_of_range(
                "Network",
                "projection",
                j,
                format!("[0, {})", self.projections.len()),
            ));
        };
        let object = format!("Projection '{}'", pr.label);
        let field = if delay { "delay" } else { "weight" };
        check_value(&object, &format!("{field}.low"), low, ValueRange::Finite)?;
        check_value(&object, &format!("{field}.high"), high, ValueRange::Finite)?;
        if low > high {
            return Err(Error::out_of_range(
                &object,
                format!("{field}.low"),
                low,
                format!("(-inf, {field}.high = {high}]"),
            ));
        }
        crate::build::drawn_uniform(self, j, low, high, delay)
    }

    /// Values of `dist` (a truncated normal), one per synapse of projection `j` in the order
    /// of [`Network::connectivity`], drawn from the streams of its weights (`delay =
    /// false`) or delays, target row by target row, as [`Network::draw_uniform`] draws: the
    /// weights of a [`Connectivity::Explicit`] projection drawn as a generated one's are.
    pub fn draw_normal(&self, j: usize, dist: &TruncatedNormal, delay: bool) -> Result<Vec<f64>> {
        let Some(pr) = self.projections.get(j) else {
            return Err(Error::out_of_range(
                "Network",
                "projection",
                j,
                format!("[0, {})", self.projections.len()),
            ));
        };
        let object = format!("Projection '{}'", pr.label);
        dist.check(&object, if delay { "delay" } else { "weight" })?;
        crate::build::drawn_normal(self, j, dist, delay)
    }

    /// The delay of every synapse of projection `j` in seconds (before rounding to whole
    /// steps), in the order of [`Network::connectivity`]: the one delay repeated, the
    /// per-synapse delays, or the drawn ones.
    pub fn delays(&self, j: usize) -> Result<Vec<f64>> {
        if let Some(d) = self.drawn_delays(j)? {
            return Ok(d);
        }
        Ok(match &self.projections[j].delay {
            Delay::Uniform(d) => vec![*d; self.connectivity(j)?.nnz()],
            Delay::PerSynapse(ds) => ds.clone(),
            Delay::Normal(_) => unreachable!("drawn above"),
        })
    }

    /// Gives projection `j` one weight per synapse, in the order of
    /// [`Network::connectivity`] (a front end's per-synapse weights: an array, a function
    /// of source and target, a drawn distribution). The projection becomes explicit: its
    /// synapses as built, with these weights; drawn delays become the per-synapse delays
    /// they were drawn as. Checked as any explicit weights are (finite, and for a plastic
    /// projection one sign within its STDP bounds). Nothing changes on error.
    pub fn set_projection_weights(&mut self, j: usize, weights: &[f64]) -> Result<()> {
        let (mut csr, object) = self.explicit_csr(j, "weights", weights.len())?;
        if let Some((k, &w)) = weights.iter().enumerate().find(|(_, w)| !w.is_finite()) {
            return Err(Error::out_of_range(
                &object,
                format!("weights[{k}]"),
                w,
                ValueRange::Finite,
            ));
        }
        if let Some(stdp) = &self.projections[j].stdp {
            let sign = WeightSign::of(&object, weights)?;
            let grid = sc_neurocore_core::TimeGrid::new(1e-4).expect("a valid grid");
            StdpRule::new(stdp, sign, &grid)
                .map_err(|e| relabel(e, &object))?
                .check_weights(&object, weights)?;
        }
        let drawn = self.drawn_delays(j)?;
        csr.weights_mut().copy_from_slice(weights);
        let pr = &mut self.projections[j];
        pr.connectivity = Connectivity::Explicit(csr);
        if let Some(ds) = drawn {
            pr.delay = Delay::PerSynapse(ds);
        }
        Ok(())
    }

    /// Gives projection `j` one delay per synapse (seconds, `>= 0`), in the order of
    /// [`Network::connectivity`]. The projection becomes explicit: its synapses as built,
    /// with their weights (drawn ones as drawn). Nothing changes on error.
    pub fn set_projection_delays(&mut self, j: usize, delays: &[f64]) -> Result<()> {
        let (csr, object) = self.explicit_csr(j, "delays", delays.len())?;
        for (k, &d) in delays.iter().enumerate() {
            check_value(&object, &format!("delays[{k}]"), d, ValueRange::NonNegative)?;
        }
        let pr = &mut self.projections[j];
        pr.connectivity = Connectivity::Explicit(csr);
        pr.delay = Delay::PerSynapse(delays.to_vec());
        Ok(())
    }

    /// Projection `j`'s connectivity as built and its object name, after checking that
    /// `given` per-synapse `field` values are one per synapse.
    fn explicit_csr(&self, j: usize, field: &str, given: usize) -> Result<(Csr, String)> {
        let csr = self.connectivity(j)?;
        let object = format!("Projection '{}'", self.projections[j].label);
        if given != csr.nnz() {
            return Err(Error::shape(
                &object,
                field,
                given,
                format!("{} (one per synapse, in the order of its CSR)", csr.nnz()),
            ));
        }
        Ok((csr, object))
    }

    /// Adds a projection after checking it against its populations.
    pub fn add_projection(&mut self, p: ProjectionSpec) -> Result<usize> {
        let object = format!("Projection '{}'", p.label);
        let n_src = self.check_population(&object, "source", p.source)?.n;
        let target = self.check_population(&object, "target", p.target)?;
        let n_tgt = target.n;
        p.synapse.check(&object)?;
        check_conductance_target(&object, p.synapse, target)?;
        match &p.connectivity {
            Connectivity::Generated { weight, .. } => {
                check_value(&object, "weight", *weight, ValueRange::Finite)?;
            }
            Connectivity::GeneratedNormal { weight, .. } => {
                weight.check(&object, "weight")?;
                if p.stdp.is_some() {
                    return Err(Error::invalid(
                        &object,
                        "online STDP needs one initial weight or explicit weights, \
                         not a weight distribution",
                    ));
                }
            }
            Connectivity::Explicit(csr) => {
                if csr.n_rows() != n_src {
                    return Err(Error::shape(
                        &object,
                        "csr rows (sources)",
                        csr.n_rows(),
                        n_src,
                    ));
                }
                if csr.n_cols() != n_tgt {
                    return Err(Error::shape(
                        &object,
                        "csr columns (targets)",
                        csr.n_cols(),
                        n_tgt,
                    ));
                }
                // Csr::new checks its weights, but weights_mut can change them afterwards.
                if let Some((k, &w)) = csr
                    .weights()
                    .iter()
                    .enumerate()
                    .find(|(_, w)| !w.is_finite())
                {
                    return Err(Error::out_of_range(
                        &object,
                        format!("weights[{k}]"),
                        w,
                        ValueRange::Finite,
                    ));
                }
            }
        }
        match &p.delay {
            Delay::Uniform(d) => {
                check_value(&object, "delay", *d, ValueRange::NonNegative)?;
            }
            Delay::PerSynapse(ds) => {
                if let Connectivity::Explicit(csr) = &p.connectivity {
                    if ds.len() != csr.nnz() {
                        return Err(Error::shape(&object, "delay", ds.len(), csr.nnz()));
                    }
                } else {
                    return Err(Error::invalid(
                        &object,
                        "per-synapse delays need explicit connectivity (a CSR); \
                         a generated topology takes one delay or a delay distribution",
                    ));
                }
                for (k, &d) in ds.iter().enumerate() {
                    check_value(&object, &format!("delay[{k}]"), d, ValueRange::NonNegative)?;
                }
            }
            Delay::Normal(dist) => {
                dist.check(&object, "delay")?;
                check_value(&object, "delay.min", dist.min, ValueRange::NonNegative)?;
            }
        }
        check_conductance_sign(&object, p.synapse, &p.connectivity)?;
        if let Some(stdp) = &p.stdp {
            // Checked here so that the error comes when the projection is added: the
            // parameters, then the initial weights against the bounds.
            stdp.check().map_err(|e| relabel(e, &object))?;
            let single;
            let weights = match &p.connectivity {
                Connectivity::Explicit(csr) => csr.weights(),
                Connectivity::Generated { weight, .. } => {
                    single = [*weight];
                    &single[..]
                }
                Connectivity::GeneratedNormal { .. } => &[],
            };
            let sign = WeightSign::of(&object, weights)?;
            let grid = sc_neurocore_core::TimeGrid::new(1e-4).expect("a valid grid");
            let checked = StdpRule::new(stdp, sign, &grid)?.check_weights(&object, weights);
            match (checked, &p.connectivity) {
                // One weight for every synapse: named as the user wrote it.
                (
                    Err(Error::OutOfRange {
                        object,
                        value,
                        range,
                        ..
                    }),
                    Connectivity::Generated { .. },
                ) => {
                    return Err(Error::OutOfRange {
                        object,
                        field: "weight".into(),
                        value,
                        range,
                    });
                }
                (checked, _) => checked?,
            }
        }
        self.projections.push(p);
        Ok(self.projections.len() - 1)
    }

    /// Adds a stimulus driving `target` (None = the first population).
    pub fn add_stimulus(
        &mut self,
        label: &str,
        spec: StimulusSpec,
        target: Option<PopulationId>,
        synapse: SynapseKind,
    ) -> Result<usize> {
        let object = format!("{} '{label}'", spec.kind_name());
        let target = match target {
            Some(t) => t,
            None if self.populations.is_empty() => {
                return Err(Error::invalid(
                    &object,
                    "no target given and the network has no population",
                ));
            }
            None => 0,
        };
        let pop = self.check_population(&object, "target", target)?;
        if let Some(n) = spec.n()
            && n != pop.n
        {
            return Err(Error::shape(
                &object,
                "n",
                n,
                format!("{} (the size of target population '{}')", pop.n, pop.label),
            ));
        }
        synapse.check(&object)?;
        synapse.check_for_stimulus(&object)?;
        check_conductance_target(&object, synapse, pop)?;
        if let StimulusSpec::Poisson(p) = &spec
            && synapse.is_conductance()
            && p.weight() < 0.0
        {
            return Err(negative_conductance(&object, "weight", p.weight()));
        }
        self.stimuli.push(StimulusEntry {
            label: label.to_string(),
            spec,
            target,
            synapse,
        });
        Ok(self.stimuli.len() - 1)
    }

    /// Adds a monitor.
    pub fn add_monitor(&mut self, m: MonitorSpec) -> Result<usize> {
        match &m {
            MonitorSpec::Spikes { population } => {
                self.check_population("SpikeMonitor", "population", *population)?;
            }
            MonitorSpec::State {
                population,
                variable,
                indices,
                interval,
            } => {
                let pop = self.check_population("StateMonitor", "population", *population)?;
                let object = format!("StateMonitor of '{}'", pop.label);
                if pop.model.state_index(variable).is_none()
                    && !SYNAPTIC_VARIABLES.iter().any(|v| v.name == variable)
                {
                    return Err(Error::unknown(
                        &object,
                        "variable",
                        variable,
                        recordable_names(pop),
                    ));
                }
                if let Some(ix) = indices
                    && let Some((k, &i)) = ix.iter().enumerate().find(|&(_, &i)| i >= pop.n)
                {
                    return Err(Error::out_of_range(
                        &object,
                        format!("indices[{k}]"),
                        i,
                        format!("[0, {})", pop.n),
                    ));
                }
                if let Some(iv) = interval {
                    check_value(&object, "interval", *iv, ValueRange::Positive)?;
                }
            }
            MonitorSpec::Rate { population, bin } => {
                let pop = self.check_population("RateMonitor", "population", *population)?;
                check_value(
                    &format!("RateMonitor of '{}'", pop.label),
                    "bin",
                    *bin,
                    ValueRange::Positive,
                )?;
            }
            MonitorSpec::Weights {
                projection,
                interval,
                ..
            } => {
                let Some(pr) = self.projections.get(*projection) else {
                    return Err(Error::out_of_range(
                        "WeightMonitor",
                        "projection",
                        projection,
                        format!("[0, {})", self.projections.len()),
                    ));
                };
                // Synapse indices are checked when the network is built (a generated
                // topology's synapses exist from then on).
                if let Some(iv) = interval {
                    check_value(
                        &format!("WeightMonitor of '{}'", pr.label),
                        "interval",
                        *iv,
                        ValueRange::Positive,
                    )?;
                }
            }
        }
        self.monitors.push(m);
        Ok(self.monitors.len() - 1)
    }
}

/// What a state monitor of `pop` can record: the model's state, then the synaptic variables.
pub(crate) fn recordable_names(pop: &PopulationSpec) -> Vec<&'static str> {
    pop.model
        .state
        .iter()
        .map(|s| s.name)
        .chain(SYNAPTIC_VARIABLES.iter().map(|v| v.name))
        .collect()
}

/// Puts `object` on an out-of-range error raised by a lower layer.
pub(crate) fn relabel(e: Error, object: &str) -> Error {
    match e {
        Error::OutOfRange {
            field,
            value,
            range,
            ..
        } => Error::OutOfRange {
            object: object.into(),
            field,
            value,
            range,
        },
        Error::Invalid { message, .. } => Error::Invalid {
            object: object.into(),
            message,
        },
        e => e,
    }
}
