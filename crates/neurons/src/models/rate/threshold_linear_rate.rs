//! Threshold-linear firing-rate unit (Dayan & Abbott 2001, ch. 7, sec. 7.2: the firing-rate
//! model tau_r dr/dt = -r + F(I_s) with the threshold-linear activation F(I) = [I - gamma]_+).
//!
//! tau_r dr/dt = -r + gain [I + I_e - theta]_+
//!
//! with the input I dimensionless (the synaptic input I_s of Dayan & Abbott, a weighted sum
//! of presynaptic rates in whatever unit the weights give; input unit "1") and r in Hz.
//!
//! Rate unit: emits no spikes; its state `r` (Hz) is the output and is recordable. A
//! delta-synapse weight w adds w to r (Hz) at the end of the step.
//!
//! Numerics: F depends only on the input held over the step, so the exponential update
//! r(t + h) = F + (r(t) - F) exp(-h / tau_r) is exact.

use crate::define::*;

crate::model! {
    name: "threshold_linear_rate",
    class: "ThresholdLinearRateNeuron",
    summary: "Rate unit (emits no spikes; its state r, Hz, is the output): \
              tau_r dr/dt = -r + gain [I + I_e - theta]_+. Exact exponential update.",
    citation: "Dayan & Abbott (2001) Theoretical Neuroscience, MIT Press, ch. 7, sec. 7.2 \
               (firing-rate models, threshold-linear activation function)",
    input_unit: "1",
    params: {
        tau_r: param("ms", 10.0, Positive, "time constant of the rate (illustrative value)"),
        gain: param("Hz", 1.0, NonNegative, "slope of the activation: Hz per unit input"),
        theta: param("1", 0.0, Finite, "threshold of the activation (gamma of Dayan & Abbott)"),
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
        let f = p.gain * (input.current + p.i_e - p.theta).max(0.0);
        s.r = f + (s.r - f) * decay + input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// From r = 0 under a constant input the rate is gain [I - theta]_+ (1 - exp(-t/tau_r));
    /// below threshold it stays 0.
    #[test]
    fn relaxes_exponentially_to_the_threshold_linear_rate() {
        let given = [("gain", 20.0), ("theta", 1.0)];
        for (i, target) in [(3.5, 50.0), (0.5, 0.0)] {
            let mut k = kernel(&MODEL, &given, 1, 0.1, 0);
            for step in 1..=300 {
                assert!(run(k.as_mut(), 1, i, 0.0)[0].is_empty());
                let t = step as f64 * 0.1;
                let exact = target * (1.0 - (-t / 10.0f64).exp());
                assert!((k.var(0)[0] - exact).abs() < 1e-9, "t {t}: {}", k.var(0)[0]);
            }
        }
    }
}
