//! Integrate-and-fire family.
//!
//! Shared conventions: potentials in mV, time in ms, currents in pA. The refractory state
//! variable is the time left in ms and is the only refractory clock (setting it through
//! `var_mut` starts a refractory period). A neuron that spikes during step k with
//! `t_ref` is clamped during the next `round(t_ref / dt)` steps (NEST's step counting);
//! delta-synapse jumps arriving then are discarded.

use crate::ParamArray;

// Kept for the family's model files (new ones use them from here).
#[allow(unused_imports)]
pub(crate) use crate::integrate::{refractory_clock, refractory_step, select};

/// `t_ref` rounded to whole steps of `h` ms: the refractory time set at a spike.
pub(crate) fn refractory_time(t_ref: &ParamArray, h: f64) -> ParamArray {
    t_ref.map(|t| (t / h).round() * h)
}

/// A derived constant `f(i)` for each of `n` neurons, kept uniform when all values agree.
pub(crate) fn per_neuron(n: usize, f: impl Fn(usize) -> f64) -> ParamArray {
    let v: Vec<f64> = (0..n).map(f).collect();
    match v.first() {
        Some(&x) if v.iter().all(|y| y.to_bits() == x.to_bits()) => ParamArray::Uniform(x),
        _ => ParamArray::PerNeuron(v.into(), 0..n),
    }
}

/// Helpers for the family's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// A one-neuron kernel of `model` with parameters `given` (checked) at step `dt` ms.
    pub(crate) fn kernel(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        dt: f64,
    ) -> Box<dyn NeuronKernel> {
        let values: Vec<(&str, ParamValue)> = given
            .iter()
            .map(|&(k, v)| (k, ParamValue::Scalar(v)))
            .collect();
        let params = Params::check(model, "test", 1, values.iter().map(|(k, v)| (*k, v)))
            .unwrap_or_else(|e| panic!("{e}"));
        (model.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: dt,
            seed: 0,
            first_id: 0,
        })
    }

    /// Steps a one-neuron kernel `steps` times with a constant `current` and no jumps;
    /// returns the indices of the steps in which it spiked.
    pub(crate) fn hold(k: &mut dyn NeuronKernel, current: f64, steps: usize) -> Vec<usize> {
        let input = StepInput {
            jump: &[0.0],
            current: &[current],
        };
        let mut spikes = Vec::new();
        (0..steps)
            .filter(|_| {
                spikes.clear();
                k.step(&input, &mut spikes);
                !spikes.is_empty()
            })
            .collect()
    }

    /// Spike times (ms; the end of the step in which each spike was emitted) of one neuron of
    /// `model` with parameters `given`, driven by a constant `current` for `t_end` ms at step
    /// `dt` ms.
    pub(crate) fn spike_times(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        current: f64,
        dt: f64,
        t_end: f64,
    ) -> Vec<f64> {
        let mut k = kernel(model, given, dt);
        hold(k.as_mut(), current, (t_end / dt).round() as usize)
            .into_iter()
            .map(|step| (step + 1) as f64 * dt)
            .collect()
    }
}
