//! Wendling neural mass (Wendling, Bartolomei, Bellanger & Chauvel 2002): the Jansen–Rit
//! column with a second, fast (somatic, GABA_A,fast) inhibitory interneuron population,
//!
//! y0'' = A a S(y1 - y2 - y3) - 2 a y0' - a^2 y0,
//! y1'' = A a (p + u + C2 S(C1 y0)) - 2 a y1' - a^2 y1,
//! y2'' = B b C4 S(C3 y0) - 2 b y2' - b^2 y2,
//! y3'' = G g C7 S(C5 y0 - C6 y4) - 2 g y3' - g^2 y3,
//! y4'' = B b S(C3 y0) - 2 b y4' - b^2 y4,
//! S(v) = 2 e0 / (1 + exp(r (v0 - v))),
//!
//! C1 = C, C2 = 0.8 C, C3 = C4 = 0.25 C, C5 = 0.3 C, C6 = 0.1 C, C7 = 0.8 C. The output is
//! the pyramidal potential y1 - y2 - y3 (mV, the LFP), the state `out`. With G = 0 the
//! model is Jansen–Rit. The input u (input unit "Hz", a pulse density) adds to p. Rate unit:
//! emits no spikes; all its state is recordable. A delta-synapse weight w adds w to y1 (mV).
//!
//! Defaults: the standard values of Wendling et al. (2002), Table 1 (A = 3.25 mV,
//! B = 22 mV, G = 10 mV, a = 100 /s, b = 50 /s, g = 500 /s, C = 135, e0 = 2.5 /s,
//! v0 = 6 mV, r = 0.56 /mV); p = 90 Hz, the mean of the paper's Gaussian input, held
//! constant (the paper's noise is not included: a stochastic input is a stimulus).
//!
//! Numerics: RK4 on equal sub-steps of at most 0.05 ms (g = 0.5 /ms).

use super::jansen_rit::sigmoid;
use crate::define::*;
use integrate::{rk4_steps, sub_steps};

crate::model! {
    name: "wendling",
    class: "WendlingNeuron",
    summary: "Rate unit (emits no spikes; its state out = y1 - y2 - y3, mV, is the output): \
              Jansen-Rit column plus fast somatic inhibition, y3'' = G g 0.8C S(0.3C y0 - \
              0.1C y4) - 2g y3' - g^2 y3, y4'' = B b S(0.25C y0) - 2b y4' - b^2 y4. RK4 \
              sub-steps <= 0.05 ms.",
    citation: "Wendling, Bartolomei, Bellanger & Chauvel (2002) Eur. J. Neurosci. \
               15:1499-1508; Jansen & Rit (1995) Biol. Cybern. 73:357-366",
    input_unit: "Hz",
    params: {
        a_amp: param("mV", 3.25, Positive, "maximal excitatory PSP A"),
        b_amp: param("mV", 22.0, Positive, "maximal slow inhibitory PSP B"),
        g_amp: param("mV", 10.0, NonNegative, "maximal fast inhibitory PSP G"),
        a_rate: param("1/s", 100.0, Positive, "excitatory synaptic rate constant a"),
        b_rate: param("1/s", 50.0, Positive, "slow inhibitory synaptic rate constant b"),
        g_rate: param("1/s", 500.0, Positive, "fast inhibitory synaptic rate constant g"),
        c: param("1", 135.0, NonNegative, "connectivity constant C"),
        e0: param("1/s", 2.5, Positive, "half the maximal firing rate of the sigmoid"),
        v0: param("mV", 6.0, Finite, "potential at half the maximal firing rate"),
        r: param("1/mV", 0.56, Positive, "slope of the sigmoid"),
        p: param("Hz", 90.0, Finite, "external input (pulse density)"),
    },
    state: {
        out: ("mV", "pyramidal membrane potential y1 - y2 - y3 (the output)"),
        y0: ("mV", "PSP of the pyramidal output on the interneurons"),
        y1: ("mV", "excitatory PSP on the pyramidal cells"),
        y2: ("mV", "slow inhibitory PSP on the pyramidal cells"),
        y3: ("mV", "fast inhibitory PSP on the pyramidal cells"),
        y4: ("mV", "slow inhibitory PSP on the fast interneurons"),
        y5: ("mV/s", "dy0/dt"),
        y6: ("mV/s", "dy1/dt"),
        y7: ("mV/s", "dy2/dt"),
        y8: ("mV/s", "dy3/dt"),
        y9: ("mV/s", "dy4/dt"),
    },
    membrane: y1,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.05;

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
        let (a, b, g, c) = (p.a_rate, p.b_rate, p.g_rate, p.c);
        let sig = |v: f64| sigmoid(v, p.e0, p.v0, p.r);
        let ext = p.p + input.current;
        let f = |y: Vars| Vars {
            out: 0.0,
            y0: y.y5,
            y1: y.y6,
            y2: y.y7,
            y3: y.y8,
            y4: y.y9,
            y5: p.a_amp * a * sig(y.y1 - y.y2 - y.y3) - 2.0 * a * y.y5 - a * a * y.y0,
            y6: p.a_amp * a * (ext + 0.8 * c * sig(c * y.y0)) - 2.0 * a * y.y6 - a * a * y.y1,
            y7: p.b_amp * b * 0.25 * c * sig(0.25 * c * y.y0) - 2.0 * b * y.y7 - b * b * y.y2,
            y8: p.g_amp * g * 0.8 * c * sig(0.3 * c * y.y0 - 0.1 * c * y.y4)
                - 2.0 * g * y.y8
                - g * g * y.y3,
            y9: p.b_amp * b * sig(0.25 * c * y.y0) - 2.0 * b * y.y9 - b * b * y.y4,
        };
        *s = rk4_steps(*s, input.dt * 1e-3, *n, f);
        s.y1 += input.jump;
        s.out = s.y1 - s.y2 - s.y3;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::super::jansen_rit::testing::frequency;
    use super::*;

    /// At the defaults (p = 90 Hz) the column settles at its fixed point, which solves the
    /// scalar equation y0 = (A/a) S(y1 - y2 - y3) with y1 = (A/a)(p + C2 S(C1 y0)),
    /// y2 = (B/b) C4 S(C3 y0), y4 = (B/b) S(C3 y0), y3 = (G/g) C7 S(C5 y0 - C6 y4) (closed
    /// form up to a bisection; two roots, out = 0.875 and 6.71 mV); from rest the simulated
    /// output reaches the low one, to 1e-6 mV.
    #[test]
    fn settles_at_the_fixed_point_of_the_steady_state_equations() {
        let sig = |v: f64| sigmoid(v, 2.5, 6.0, 0.56);
        let c = 135.0;
        let parts = |y0: f64| {
            let y1 = 3.25 / 100.0 * (90.0 + 0.8 * c * sig(c * y0));
            let y2 = 22.0 / 50.0 * 0.25 * c * sig(0.25 * c * y0);
            let y4 = 22.0 / 50.0 * sig(0.25 * c * y0);
            let y3 = 10.0 / 500.0 * 0.8 * c * sig(0.3 * c * y0 - 0.1 * c * y4);
            (y1, y2, y3)
        };
        let residual = |y0: f64| {
            let (y1, y2, y3) = parts(y0);
            3.25 / 100.0 * sig(y1 - y2 - y3) - y0
        };
        let mut roots = Vec::new();
        for j in 0..2000 {
            let (mut lo, mut hi) = (j as f64 * 1e-4, (j + 1) as f64 * 1e-4);
            if residual(lo) > 0.0 && residual(hi) <= 0.0 {
                for _ in 0..100 {
                    let mid = 0.5 * (lo + hi);
                    if residual(mid) > 0.0 {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                let (y1, y2, y3) = parts(lo);
                roots.push((lo, y1 - y2 - y3));
            }
        }
        let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
        run(k.as_mut(), 20_000, 0.0, 0.0);
        let out = k.var(0)[0];
        eprintln!(
            "Wendling: out = {out} mV, y0 = {}, fixed points {roots:?}",
            k.var(1)[0]
        );
        // Two fixed points (y0 = 0.0087 and 0.097 mV); from rest the column reaches the low one.
        assert_eq!(roots.len(), 2);
        assert!((out - roots[0].1).abs() < 1e-6);
    }

    /// With G = 0 the model is Jansen–Rit: the same alpha oscillation at p = 220 Hz.
    #[test]
    fn without_fast_inhibition_it_is_jansen_rit() {
        let mut w = kernel(&MODEL, &[("g_amp", 0.0), ("p", 220.0)], 1, 0.1, 0);
        let mut j = kernel(&super::super::jansen_rit::MODEL, &[], 1, 0.1, 0);
        let mut out = Vec::new();
        for _ in 0..20_000 {
            run(w.as_mut(), 1, 0.0, 0.0);
            run(j.as_mut(), 1, 0.0, 0.0);
            assert!((w.var(0)[0] - j.var(0)[0]).abs() < 1e-5);
            out.push(w.var(0)[0]);
        }
        let f = frequency(&out[5000..], 0.1);
        assert!((f - 10.0).abs() < 1.0, "{f} Hz");
    }
}
