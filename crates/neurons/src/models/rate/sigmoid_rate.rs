//! Sigmoidal firing-rate unit (Dayan & Abbott 2001, ch. 7, sec. 7.2: the firing-rate model
//! tau_r dr/dt = -r + F(I_s) with the sigmoidal activation
//! F(I) = r_max / (1 + exp(g (I_half - I)))).
//!
//! tau_r dr/dt = -r + r_max / (1 + exp(-g (I + I_e - I_half)))
//!
//! with the input I dimensionless (the synaptic input I_s of Dayan & Abbott, a weighted sum
//! of presynaptic rates; input unit "1") and r in Hz.
//!
//! Rate unit: emits no spikes; its state `r` (Hz) is the output and is recordable. A
//! delta-synapse weight w adds w to r (Hz) at the end of the step.
//!
//! Numerics: F depends only on the input held over the step, so the exponential update
//! r(t + h) = F + (r(t) - F) exp(-h / tau_r) is exact.

use crate::define::*;

crate::model! {
    name: "sigmoid_rate",
    class: "SigmoidRateNeuron",
    summary: "Rate unit (emits no spikes; its state r, Hz, is the output): \
              tau_r dr/dt = -r + r_max / (1 + exp(-g (I + I_e - I_half))). Exact exponential \
              update.",
    citation: "Dayan & Abbott (2001) Theoretical Neuroscience, MIT Press, ch. 7, sec. 7.2 \
               (firing-rate models, sigmoidal activation function); Wilson & Cowan (1972) \
               Biophys. J. 12:1-24",
    input_unit: "1",
    params: {
        tau_r: param("ms", 10.0, Positive, "time constant of the rate (illustrative value)"),
        r_max: param("Hz", 100.0, NonNegative, "maximal rate"),
        g: param("1", 1.0, NonNegative, "slope of the sigmoid per unit input"),
        i_half: param("1", 5.0, Finite, "input at which the rate is r_max / 2"),
        i_e: standard::i_e_in("1", 0.0),
        r_init: standard::init("Hz", 0.0, "initial rate"),
    },
    state: {
        r: ("Hz", "firing rate (the output)"),
    },
    membrane: r,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64) {
        (*p, (-dt / p.tau_r).exp())
    }

    fn init((p, _): &(Parameters, f64)) -> Vars {
        Vars { r: p.r_init }
    }

    #[inline(always)]
    fn step((p, decay): &(Parameters, f64), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        // exp of a large positive argument gives inf and F = 0: no NaN.
        let f = p.r_max / (1.0 + (-p.g * (input.current + p.i_e - p.i_half)).exp());
        s.r = f + (s.r - f) * decay + input.jump;
        false
    }
}

/// Helpers for the unit tests of the rate, neural-mass and point-process families.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// An `n`-neuron kernel of `model` with parameters `given` (checked) at step `dt` ms.
    pub(crate) fn kernel(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        n: usize,
        dt: f64,
        seed: u64,
    ) -> Box<dyn NeuronKernel> {
        let values: Vec<(&str, ParamValue)> = given
            .iter()
            .map(|&(k, v)| (k, ParamValue::Scalar(v)))
            .collect();
        let params = Params::check(model, "test", n, values.iter().map(|(k, v)| (*k, v)))
            .unwrap_or_else(|e| panic!("{e}"));
        (model.build)(&BuildContext {
            params: &params,
            n,
            dt_ms: dt,
            seed,
            first_id: 0,
        })
    }

    /// Steps a kernel `steps` times with the same `current` and `jump` for every neuron;
    /// returns each neuron's spike steps.
    pub(crate) fn run(
        k: &mut dyn NeuronKernel,
        steps: usize,
        current: f64,
        jump: f64,
    ) -> Vec<Vec<usize>> {
        let n = k.len();
        let (current, jump) = (vec![current; n], vec![jump; n]);
        let input = StepInput {
            jump: &jump,
            current: &current,
        };
        let mut out = vec![Vec::new(); n];
        let mut spikes = Vec::new();
        for step in 0..steps {
            spikes.clear();
            k.step(&input, &mut spikes);
            for &i in &spikes {
                out[i as usize].push(step);
            }
        }
        out
    }

    /// Inter-spike intervals (in steps) of all trains, pooled.
    pub(crate) fn intervals(trains: &[Vec<usize>]) -> Vec<f64> {
        trains
            .iter()
            .flat_map(|t| t.windows(2).map(|w| (w[1] - w[0]) as f64))
            .collect()
    }

    /// Mean and coefficient of variation of `x`.
    pub(crate) fn mean_cv(x: &[f64]) -> (f64, f64) {
        let m = x.iter().sum::<f64>() / x.len() as f64;
        let v = x.iter().map(|y| (y - m).powi(2)).sum::<f64>() / (x.len() - 1) as f64;
        (m, v.sqrt() / m)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{kernel, run};
    use super::*;

    /// At I = I_half the rate relaxes to r_max / 2, at I_half + ln(3)/g to 3 r_max / 4, as
    /// (1 - exp(-t/tau_r)) from 0.
    #[test]
    fn relaxes_to_the_sigmoid() {
        for (i, target) in [(5.0, 50.0), (5.0 + 3f64.ln(), 75.0)] {
            let mut k = kernel(&MODEL, &[], 1, 0.25, 0);
            for step in 1..=200 {
                assert!(run(k.as_mut(), 1, i, 0.0)[0].is_empty());
                let exact = target * (1.0 - (-(step as f64) * 0.025f64).exp());
                assert!((k.var(0)[0] - exact).abs() < 1e-9);
            }
        }
    }
}
