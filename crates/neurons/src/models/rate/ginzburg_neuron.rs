//! Binary neuron with a sigmoidal gain function (Ginzburg & Sompolinsky 1994), as NEST's
//! `ginzburg_neuron` (`binary_neuron` with `gainfunction_ginzburg`).
//!
//! The state y is 0 or 1. The neuron is updated at its own random times, intervals drawn
//! from an exponential distribution of mean tau_m (Poisson update times; the neuron's random
//! stream). At each update y becomes 1 with probability
//!   g(h) = c_1 h + c_2 (1 + tanh(c_3 (h - theta))) / 2   (compared with a uniform deviate,
//!   so values outside [0, 1] act as 0 or 1),
//! else 0. A transition 0 -> 1 is a spike; 1 -> 0 emits nothing here (NEST signals it to
//! other binary neurons with multiplicity 1, which this catalogue's spike list cannot carry).
//!
//! Input: h = h_syn + I, I = `input.current` (held over the step, NEST's current input);
//! h_syn is NEST's summed input field, changed by delta-synapse weights: a jump w adds w to
//! h_syn permanently (NEST adds +w at a presynaptic 0 -> 1 and -w at a 1 -> 0 transition;
//! a negative weight here plays the second role). Updates whose times fall inside a step
//! use the input of that step; every update time is drawn (several may fall in one step),
//! so the update rate is 1/tau_m whatever dt (NEST performs at most one per step).
//!
//! At h = 0 the default gain is g(0) = 1/2: the unit is active half the time with no input
//! (declared `spontaneous`).

use crate::define::*;

crate::model! {
    name: "ginzburg_neuron",
    class: "GinzburgNeuron",
    summary: "Binary unit y in {0, 1} updated at Poisson times of mean interval tau_m: y = 1 \
              with probability g(h) = c_1 h + c_2 (1 + tanh(c_3 (h - theta)))/2; a 0 -> 1 \
              transition is a spike (NEST ginzburg_neuron).",
    citation: "Ginzburg & Sompolinsky (1994) Phys. Rev. E 50:3171; NEST 3.10 ginzburg_neuron \
               (defaults)",
    input_unit: "1",
    params: {
        tau_m: param("ms", 10.0, Positive, "mean interval between updates"),
        theta: param("1", 0.0, Finite, "threshold of the gain function"),
        c_1: param("1", 0.0, Finite, "linear gain coefficient"),
        c_2: param("1", 1.0, Finite, "amplitude of the sigmoidal gain"),
        c_3: param("1", 1.0, Finite, "slope of the sigmoidal gain"),
    },
    state: {
        y: ("1", "binary state (0 or 1)"),
        h: ("1", "summed synaptic input field h_syn"),
        t_next: ("ms", "time to the next update (negative: not yet drawn)"),
    },
    membrane: y,
    delta_input: "added to the persistent input field h (NEST sends +w at a presynaptic 0 -> 1 \
                  and -w at a 1 -> 0 transition)",
    no_drive: NoDrive::BinaryUnit,
    spontaneous: "binary unit: with no input it becomes active with probability g(0) = 1/2 at \
                  each of its Poisson update times",
    stochastic: true,
    build: point,
}

/// One step of a binary neuron with gain function `gain` and mean update interval `tau_m`:
/// whether it made a 0 -> 1 transition.
pub(crate) fn binary_step(
    tau_m: f64,
    gain: impl Fn(f64) -> f64,
    (y, h, t_next): (&mut f64, &mut f64, &mut f64),
    input: Input,
    aux: &mut Aux<'_>,
) -> bool {
    *h += input.jump;
    let field = *h + input.current;
    if *t_next < 0.0 {
        *t_next = -tau_m * aux.rng().uniform_open0().ln();
    }
    let mut spiked = false;
    let mut left = input.dt;
    // Bounded loop: at most 10^6 updates in one step.
    for _ in 0..1_000_000 {
        if *t_next > left {
            break;
        }
        left -= *t_next;
        let active = aux.rng().uniform() < gain(field);
        spiked |= active && *y < 0.5;
        *y = if active { 1.0 } else { 0.0 };
        *t_next = -tau_m * aux.rng().uniform_open0().ln();
    }
    *t_next -= left;
    spiked
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(_: &Parameters) -> Vars {
        Vars {
            y: 0.0,
            h: 0.0,
            t_next: -1.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let gain = |h: f64| p.c_1 * h + p.c_2 * 0.5 * (1.0 + (p.c_3 * (h - p.theta)).tanh());
        binary_step(
            p.tau_m,
            gain,
            (&mut s.y, &mut s.h, &mut s.t_next),
            input,
            aux,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::lin_rate::testing::{kernel, run};
    use super::*;

    /// Each update sets y = 1 with probability g(h) independently of the past, so the time
    /// average of y is g(h): 0.5 (1 + tanh(0.5)) = 0.73106 at h = 0.5 (the Glauber form
    /// 1 / (1 + e^{-2 c_3 (h - theta)}) of the same number); 0.26894 at h = -0.5. The rate
    /// of 0 -> 1 transitions is g (1 - g) / tau_m.
    #[test]
    fn mean_activity_is_the_gain_function() {
        for &h in &[0.5f64, -0.5] {
            let g = 1.0 / (1.0 + (-2.0 * h).exp());
            let mut k = kernel(&MODEL, &[], 0.2, 5);
            let steps = 1_000_000;
            let (spikes, mean) = run(k.as_mut(), h, steps);
            assert!((mean - g).abs() < 0.02, "h = {h}: mean {mean} vs {g}");
            let rate = spikes as f64 / (steps as f64 * 0.2);
            let expected = g * (1.0 - g) / 10.0;
            assert!((rate / expected - 1.0).abs() < 0.06, "{rate} vs {expected}");
        }
    }
}
