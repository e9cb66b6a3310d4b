//! Pair-based STDP with all-to-all pair interaction, in the trace formulation of Morrison,
//! Diesmann & Gerstner (2008, Biol Cybern 98:459, §4.1.1): the building blocks the engines
//! call inside their step loops.
//!
//! # The rule
//!
//! Each presynaptic neuron has a trace `x` that decays with `tau_plus`, each postsynaptic
//! neuron a trace `y` that decays with `tau_minus`; every spike adds 1 to its neuron's trace.
//! On a presynaptic spike the synapse is depressed by `a_minus·y` ([`StdpRule::on_pre`]); on
//! a postsynaptic spike it is potentiated by `a_plus·x` ([`StdpRule::on_post`]) (scaled by
//! the distance to the bound in multiplicative mode). With the traces summing over all
//! earlier spikes this is the all-to-all interaction: the total change is the sum of
//! [`stdp_pair_weight_change`] over every (pre, post) pair, until a bound is reached.
//!
//! # Step order and the same-step convention
//!
//! For step `k`, with the spikes emitted in step `k` (times `(k+1)·dt`):
//!
//! 1. every trace decays by its per-step factor `exp(−dt/tau)` ([`StdpRule::decay`]);
//! 2. every synapse of a presynaptic spike is depressed with the postsynaptic trace;
//! 3. every synapse of a postsynaptic spike is potentiated with the presynaptic trace;
//! 4. the traces of the neurons that spiked increase by 1.
//!
//! The traces read in 2 and 3 do not yet hold this step's spikes, so a pre and a post spike in
//! the same step do not interact: **`Δw = 0` for `Δt = 0`**, matching
//! `stdp_pair_weight_change(0) = 0`. (Each still interacts with all earlier spikes.) Spike
//! times lie on the grid and the per-step factor is the exact exponential, so the rule
//! reproduces the pair function exactly, up to rounding.
//!
//! # Sign
//!
//! Plasticity keeps a projection's sign. Parameters and bounds are **magnitudes**; the rule
//! works on `m = |w|`. For an excitatory projection (`w >= 0`) the weight lies in
//! `[w_min, w_max]`; for an inhibitory one (`w <= 0`) in `[−w_max, −w_min]`, and potentiation
//! makes it more negative (a stronger inhibitory synapse), depression moves it towards
//! `−w_min`.

use sc_neurocore_core::{Error, Result, TimeGrid};

use crate::{StdpMode, StdpParams};

/// The sign a projection's weights keep under plasticity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeightSign {
    /// Weights `>= 0`.
    #[default]
    Excitatory,
    /// Weights `<= 0`.
    Inhibitory,
}

impl WeightSign {
    /// The sign of `weights`: inhibitory if any is negative, else excitatory; an error
    /// (naming `object`) if they mix signs.
    pub fn of(object: &str, weights: &[f64]) -> Result<Self> {
        let pos = weights.iter().position(|&w| w > 0.0);
        let neg = weights.iter().position(|&w| w < 0.0);
        match (pos, neg) {
            (Some(p), Some(n)) => Err(Error::invalid(
                object,
                format!(
                    "weights mix signs (weights[{p}] = {} and weights[{n}] = {}); plasticity \
                     keeps a projection's sign, so its weights must be all >= 0 or all <= 0",
                    weights[p], weights[n]
                ),
            )),
            (None, Some(_)) => Ok(WeightSign::Inhibitory),
            _ => Ok(WeightSign::Excitatory),
        }
    }

    /// `+1` or `−1`.
    pub fn factor(self) -> f64 {
        match self {
            WeightSign::Excitatory => 1.0,
            WeightSign::Inhibitory => -1.0,
        }
    }
}

/// The analytic pair rule, the reference the trace rule reproduces: for `Δt = t_post − t_pre`
/// (seconds), `a_plus·exp(−Δt/tau_plus)` if `Δt > 0`, `−a_minus·exp(Δt/tau_minus)` if
/// `Δt < 0`, and 0 for `Δt = 0` (the same-step convention). Additive, without bounds, for an
/// excitatory synapse.
pub fn stdp_pair_weight_change(dt_post_minus_pre: f64, params: &StdpParams) -> f64 {
    let d = dt_post_minus_pre;
    if d > 0.0 {
        params.a_plus * (-d / params.tau_plus).exp()
    } else if d < 0.0 {
        -params.a_minus * (d / params.tau_minus).exp()
    } else {
        0.0
    }
}

/// Checked STDP for one projection on one time grid: per-step decay factors computed once,
/// and the weight updates. Never fails once built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StdpRule {
    params: StdpParams,
    a_plus: f64,
    a_minus: f64,
    w_min: f64,
    w_max: f64,
    mode: StdpMode,
    sign: f64,
    decay_pre: f64,
    decay_post: f64,
}

impl StdpRule {
    /// Checks `params` and prepares the rule for weights of `sign` on `grid`.
    pub fn new(params: &StdpParams, sign: WeightSign, grid: &TimeGrid) -> Result<Self> {
        params.check()?;
        let (decay_pre, decay_post) = Self::decay_factors(params, grid.dt());
        Ok(StdpRule {
            params: *params,
            a_plus: params.a_plus,
            a_minus: params.a_minus,
            w_min: params.w_min,
            w_max: params.w_max,
            mode: params.mode,
            sign: sign.factor(),
            decay_pre,
            decay_post,
        })
    }

    /// The checked parameters.
    pub fn params(&self) -> &StdpParams {
        &self.params
    }

    /// The sign the weights keep.
    pub fn sign(&self) -> WeightSign {
        if self.sign > 0.0 {
            WeightSign::Excitatory
        } else {
            WeightSign::Inhibitory
        }
    }

    /// Per-step decay factors `(exp(−dt/tau_plus), exp(−dt/tau_minus))` for a step of `dt`
    /// seconds.
    pub fn decay_factors(params: &StdpParams, dt: f64) -> (f64, f64) {
        (
            (-dt / params.tau_plus).exp(),
            (-dt / params.tau_minus).exp(),
        )
    }

    /// This rule's `(pre, post)` per-step decay factors.
    pub fn decay(&self) -> (f64, f64) {
        (self.decay_pre, self.decay_post)
    }

    /// Decays presynaptic traces `x` and postsynaptic traces `y` by one step.
    pub fn decay_traces(&self, pre: &mut [f64], post: &mut [f64]) {
        pre.iter_mut().for_each(|x| *x *= self.decay_pre);
        post.iter_mut().for_each(|y| *y *= self.decay_post);
    }

    /// The signed bounds of the weight: `[w_min, w_max]`, or `[−w_max, −w_min]` if
    /// inhibitory.
    pub fn bounds(&self) -> (f64, f64) {
        if self.sign > 0.0 {
            (self.w_min, self.w_max)
        } else {
            // `0.0 - x` rather than `-x`: a bound of 0 stays 0, not -0 (which prints as "-0").
            (0.0 - self.w_max, 0.0 - self.w_min)
        }
    }

    /// Checks that initial weights lie within [`StdpRule::bounds`].
    pub fn check_weights(&self, object: &str, weights: &[f64]) -> Result<()> {
        let (lo, hi) = self.bounds();
        match weights.iter().position(|w| !(lo..=hi).contains(w)) {
            None => Ok(()),
            Some(k) => Err(Error::out_of_range(
                object,
                format!("weights[{k}]"),
                weights[k],
                format!("[{lo}, {hi}] (the STDP bounds)"),
            )),
        }
    }

    /// The weight after a presynaptic spike meets the postsynaptic trace `post_trace`
    /// (depression), clipped to the bounds.
    #[inline]
    pub fn on_pre(&self, w: f64, post_trace: f64) -> f64 {
        let m = w * self.sign;
        let dm = match self.mode {
            StdpMode::Additive => self.a_minus * post_trace,
            StdpMode::Multiplicative => self.a_minus * post_trace * (m - self.w_min),
        };
        (m - dm).clamp(self.w_min, self.w_max) * self.sign
    }

    /// The weight after a postsynaptic spike meets the presynaptic trace `pre_trace`
    /// (potentiation), clipped to the bounds.
    #[inline]
    pub fn on_post(&self, w: f64, pre_trace: f64) -> f64 {
        let m = w * self.sign;
        let dm = match self.mode {
            StdpMode::Additive => self.a_plus * pre_trace,
            StdpMode::Multiplicative => self.a_plus * pre_trace * (self.w_max - m),
        };
        (m + dm).clamp(self.w_min, self.w_max) * self.sign
    }
}
