//! Jansen–Rit cortical column (Jansen & Rit 1995): pyramidal cells with excitatory and
//! inhibitory interneuron feedback, each synapse a second-order linear filter of a sigmoid
//! firing rate,
//!
//! y0'' = A a S(y1 - y2) - 2 a y0' - a^2 y0,
//! y1'' = A a (p + u + C2 S(C1 y0)) - 2 a y1' - a^2 y1,
//! y2'' = B b C4 S(C3 y0) - 2 b y2' - b^2 y2,
//! S(v) = 2 e0 / (1 + exp(r (v0 - v))),
//!
//! C1 = C, C2 = 0.8 C, C3 = C4 = 0.25 C (as the paper fixes them). The output is the
//! pyramidal membrane potential y1 - y2 (mV; the EEG-like signal), the state `out`. Time
//! constants are per second in the source (a = 100 /s, b = 50 /s), integrated here in ms.
//! The input u (input unit "Hz", a pulse density) adds to the external input p. Rate unit:
//! emits no spikes; all its state is recordable. A delta-synapse weight w adds w to y1 (mV).
//!
//! Defaults: Jansen & Rit (1995) (A = 3.25 mV, B = 22 mV, a = 100 /s, b = 50 /s, C = 135,
//! e0 = 2.5 /s, v0 = 6 mV, r = 0.56 /mV); p = 220 Hz, the mean of the paper's 120-320 Hz
//! input, held constant: the column then oscillates in the alpha band (a limit cycle near
//! 10 Hz, 10.9 Hz here; Grimbert & Faugeras 2006).
//!
//! Numerics: RK4 on equal sub-steps of at most 0.1 ms.

use crate::define::*;
use integrate::{rk4_steps, sub_steps};

crate::model! {
    name: "jansen_rit",
    class: "JansenRitNeuron",
    summary: "Rate unit (emits no spikes; its state out = y1 - y2, mV, is the output): \
              Jansen-Rit column, y0'' = A a S(y1 - y2) - 2a y0' - a^2 y0, y1'' = A a (p + u + \
              0.8 C S(C y0)) - 2a y1' - a^2 y1, y2'' = B b 0.25 C S(0.25 C y0) - 2b y2' - \
              b^2 y2, S(v) = 2 e0 / (1 + exp(r (v0 - v))). RK4 sub-steps <= 0.1 ms.",
    citation: "Jansen & Rit (1995) Biol. Cybern. 73:357-366; Grimbert & Faugeras (2006) \
               Neural Comput. 18:3052-3068",
    input_unit: "Hz",
    params: {
        a_amp: param("mV", 3.25, Positive, "maximal excitatory PSP A"),
        b_amp: param("mV", 22.0, Positive, "maximal inhibitory PSP B"),
        a_rate: param("1/s", 100.0, Positive, "excitatory synaptic rate constant a"),
        b_rate: param("1/s", 50.0, Positive, "inhibitory synaptic rate constant b"),
        c: param("1", 135.0, NonNegative, "connectivity constant C"),
        e0: param("1/s", 2.5, Positive, "half the maximal firing rate of the sigmoid"),
        v0: param("mV", 6.0, Finite, "potential at half the maximal firing rate"),
        r: param("1/mV", 0.56, Positive, "slope of the sigmoid"),
        p: param("Hz", 220.0, Finite, "external input (pulse density)"),
    },
    state: {
        out: ("mV", "pyramidal membrane potential y1 - y2 (the output)"),
        y0: ("mV", "PSP of the pyramidal output on the interneurons"),
        y1: ("mV", "excitatory PSP on the pyramidal cells"),
        y2: ("mV", "inhibitory PSP on the pyramidal cells"),
        y3: ("mV/s", "dy0/dt"),
        y4: ("mV/s", "dy1/dt"),
        y5: ("mV/s", "dy2/dt"),
    },
    membrane: y1,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.1;

/// The sigmoid of Jansen & Rit, 1/s.
#[inline]
pub(crate) fn sigmoid(v: f64, e0: f64, v0: f64, r: f64) -> f64 {
    2.0 * e0 / (1.0 + (r * (v0 - v)).exp())
}

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init(_: &(Parameters, usize)) -> Vars {
        Vars::default()
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let (a, b) = (p.a_rate, p.b_rate);
        let sig = |v: f64| sigmoid(v, p.e0, p.v0, p.r);
        let ext = p.p + input.current;
        // Derivatives per second; the step is converted to seconds.
        let f = |y: Vars| Vars {
            out: 0.0,
            y0: y.y3,
            y1: y.y4,
            y2: y.y5,
            y3: p.a_amp * a * sig(y.y1 - y.y2) - 2.0 * a * y.y3 - a * a * y.y0,
            y4: p.a_amp * a * (ext + 0.8 * p.c * sig(p.c * y.y0)) - 2.0 * a * y.y4 - a * a * y.y1,
            y5: p.b_amp * b * 0.25 * p.c * sig(0.25 * p.c * y.y0) - 2.0 * b * y.y5 - b * b * y.y2,
        };
        *s = rk4_steps(*s, input.dt * 1e-3, *n, f);
        s.y1 += input.jump;
        s.out = s.y1 - s.y2;
        false
    }
}

/// Helpers for the tests of the Jansen–Rit-type models.
#[cfg(test)]
pub(crate) mod testing {
    /// Mean frequency (Hz) of a signal sampled every `dt` ms, from its upward crossings of
    /// the mid-level between its extremes.
    pub(crate) fn frequency(x: &[f64], dt: f64) -> f64 {
        let (lo, hi) = x
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
        let mid = 0.5 * (lo + hi);
        let ups: Vec<usize> = (1..x.len())
            .filter(|&j| x[j - 1] < mid && x[j] >= mid)
            .collect();
        assert!(ups.len() > 2, "no oscillation: [{lo}, {hi}]");
        1000.0 * (ups.len() - 1) as f64 / ((ups[ups.len() - 1] - ups[0]) as f64 * dt)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::testing::frequency;
    use super::*;

    /// With the paper's parameters and a constant input in the 120-320 Hz band the output
    /// y1 - y2 oscillates in the alpha band (Jansen & Rit 1995; the limit cycle of Grimbert &
    /// Faugeras 2006): 10.5, 10.9 and 11.1 Hz at p = 150, 220, 280 Hz; each within the alpha
    /// band (8-13 Hz), and at the default p = 220 Hz within 10 % of 10 Hz.
    #[test]
    fn output_oscillates_at_the_alpha_frequency() {
        for p in [150.0, 220.0, 280.0] {
            let mut k = kernel(&MODEL, &[("p", p)], 1, 0.1, 0);
            run(k.as_mut(), 10_000, 0.0, 0.0);
            let mut out = Vec::new();
            for _ in 0..30_000 {
                run(k.as_mut(), 1, 0.0, 0.0);
                out.push(k.var(0)[0]);
            }
            let f = frequency(&out, 0.1);
            eprintln!("Jansen-Rit p = {p} Hz: {f} Hz");
            assert!((8.0..13.0).contains(&f), "p = {p}: {f} Hz");
            if p == 220.0 {
                assert!((f - 10.0).abs() < 1.0, "p = {p}: {f} Hz");
            }
        }
    }
}
