//! Izhikevich (2007) simple model in dimensional form (Dynamical Systems in Neuroscience,
//! ch. 8).
//!
//! C dv/dt = k (v - v_r)(v - v_t) - u + I + I_e,  du/dt = a (b (v - v_r) - u)
//! v >= v_peak -> spike, v = c, u = u + d.
//! Defaults: the book's layer-5 regular-spiking pyramidal neuron (Fig. 8.12; C = 100 pF,
//! k = 0.7 nS/mV, v_r = -60, v_t = -40, v_peak = 35 mV, a = 0.03 /ms, b = -2 nS, c = -50 mV,
//! d = 100 pA). u starts at b (v_init - v_r) (0 for the defaults, as in the book's code).
//!
//! Numerics: the book's code uses forward Euler with a 1 ms step (0.25 ms for some figures).
//! Here each network step is split into equal RK4 sub-steps of at most 0.025 ms and the
//! crossing of v_peak is located inside the sub-step (see the family module), so results
//! converge as dt shrinks. Delta-synapse jumps are added to v at the end of the step; a jump
//! that takes v to v_peak fires (and resets) immediately.
//!
//! Presets: the cell types of ch. 8 that the plain model reproduces with the book's values
//! (RS, IB, CH; values as tabulated from the book in the ModelDB/NetPyNE `Izhi2007`
//! mechanism). The book's LTS (Fig. 8.25: v_peak and reset depend on u), FS (Fig. 8.27:
//! nonlinear u-nullcline), TC and RTN (Figs. 8.31-8.32: b switches with v) change the
//! equations and are not presets of this model.

use super::{reset_step, sub_steps};
use crate::Preset;
use crate::define::*;

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.025;

crate::model! {
    name: "izhikevich2007",
    class: "Izhikevich2007Neuron",
    summary: "C dv/dt = k (v - v_r)(v - v_t) - u + I + I_e, du/dt = a (b (v - v_r) - u); \
              v >= v_peak -> spike, v = c, u += d. Defaults: regular-spiking pyramidal cell. \
              RK4 sub-steps <= 0.025 ms with the reset located inside the sub-step.",
    citation: "Izhikevich (2007) Dynamical Systems in Neuroscience, MIT Press, ch. 8 \
               (eq. 8.5-8.6; RS Fig. 8.12, IB Fig. 8.19, CH Fig. 8.23)",
    input_unit: "pA",
    params: {
        c_m: param("pF", 100.0, Positive, "membrane capacitance (C in the book)"),
        k: param("nS/mV", 0.7, Positive,
            "gain of the quadratic term (sets the rheobase and input resistance)"),
        v_r: param("mV", -60.0, Finite, "resting membrane potential"),
        v_t: param("mV", -40.0, Finite, "instantaneous threshold potential"),
        v_peak: param("mV", 35.0, Finite, "spike cut-off: v >= v_peak is a spike"),
        a: param("1/ms", 0.03, Finite, "rate of the recovery current u"),
        b: param("nS", -2.0, Finite, "sensitivity of u to v - v_r (negative: amplifying)"),
        c: param("mV", -50.0, Finite, "after-spike reset value of v"),
        d: param("pA", 100.0, Finite, "after-spike increment of u"),
        i_e: standard::i_e(0.0),
        v_init: param("mV", -60.0, Finite,
            "initial membrane potential; u starts at b (v_init - v_r)"),
    },
    state: {
        v: ("mV", "membrane potential"),
        u: ("pA", "recovery current"),
    },
    membrane: v,
    presets: [
        Preset {
            name: "regular_spiking",
            doc: "layer-5 RS pyramidal neuron (Fig. 8.12; the defaults; 70 pA step in the book's code)",
            values: &[
                ("c_m", 100.0),
                ("k", 0.7),
                ("v_r", -60.0),
                ("v_t", -40.0),
                ("v_peak", 35.0),
                ("a", 0.03),
                ("b", -2.0),
                ("c", -50.0),
                ("d", 100.0),
            ],
        },
        Preset {
            name: "intrinsically_bursting",
            doc: "layer-5 IB pyramidal neuron: initial burst, then tonic spikes (Fig. 8.19)",
            values: &[
                ("c_m", 150.0),
                ("k", 1.2),
                ("v_r", -75.0),
                ("v_t", -45.0),
                ("v_peak", 50.0),
                ("a", 0.01),
                ("b", 5.0),
                ("c", -56.0),
                ("d", 130.0),
                ("v_init", -75.0),
            ],
        },
        Preset {
            name: "chattering",
            doc: "cat visual-cortex chattering (fast rhythmic bursting) neuron (Fig. 8.23)",
            values: &[
                ("c_m", 50.0),
                ("k", 1.5),
                ("v_r", -60.0),
                ("v_t", -40.0),
                ("v_peak", 25.0),
                ("a", 0.03),
                ("b", 1.0),
                ("c", -40.0),
                ("d", 150.0),
            ],
        },
    ],
    require: [c < v_peak, v_init < v_peak],
    // The book's RS code (Fig. 8.12) steps to 70 pA, 1.36 times the rheobase of 51.4 pA
    // (k (v - v_r)(v - v_t) - b (v - v_r) + I = 0 loses its roots): the first spike then comes
    // after ~100 ms. 100 pA (twice the rheobase) fires within 50 ms, then tonically at 13 Hz.
    drive: 100.0,
    build: point,
}

impl Dynamics for Model {
    /// The parameters and the number of RK4 sub-steps per network step.
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        Vars {
            v: p.v_init,
            u: p.b * (p.v_init - p.v_r),
        }
    }

    #[inline(always)]
    fn step((p, n_sub): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let inv_c = 1.0 / p.c_m;
        let (k, v_r, v_t, a, b) = (p.k, p.v_r, p.v_t, p.a, p.b);
        let cur = input.current + p.i_e;
        let rhs = |v: f64, u: f64| {
            (
                (k * (v - v_r) * (v - v_t) - u + cur) * inv_c,
                a * (b * (v - v_r) - u),
            )
        };
        let h = input.dt / *n_sub as f64;
        let (v, u, fired) = reset_step(rhs, (s.v, s.u), *n_sub, h, p.v_peak, p.c, p.d, input.jump);
        (s.v, s.u) = (v, u);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Params;
    use crate::models::simple::test_util::{isis, kernel, preset, run};

    fn step(given: &[(&str, f64)], amp: f64, dt: f64, t_ms: f64) -> Vec<f64> {
        let mut k = kernel(&MODEL, given, 1, dt);
        run(
            k.as_mut(),
            dt,
            t_ms,
            |t, _| if t >= 100.0 { amp } else { 0.0 },
        )
        .remove(0)
    }

    #[test]
    fn every_preset_is_valid() {
        for p in MODEL.presets {
            let given: Vec<(&str, crate::ParamValue)> =
                p.values.iter().map(|&(k, v)| (k, v.into())).collect();
            Params::check(&MODEL, "test", 1, given.iter().map(|(k, v)| (*k, v)))
                .unwrap_or_else(|e| panic!("{}: {e}", p.name));
        }
    }

    /// The RS neuron: silent below rheobase (~51 pA: k (v_t - v_r)^2 / 4 shifted by b; 40 pA
    /// here), regular spiking under the book's 70 pA step (code of Fig. 8.12; low rate, ISIs
    /// ~150 ms so u recovers between spikes; at 100 pA the first ISI is only 3 % shorter), and
    /// clear spike-frequency adaptation (ISIs lengthening by ~40 %) under a 200 pA step.
    #[test]
    fn regular_spiking_adapts() {
        assert!(step(&[], 40.0, 0.1, 500.0).is_empty());
        let s = step(&[], 70.0, 0.1, 1000.0);
        eprintln!("Izh2007 RS 70 pA: ISIs {:?}", isis(&s));
        assert!(s[0] > 100.0 && s.len() >= 4);
        let s = step(&[], 200.0, 0.1, 600.0);
        let isi = isis(&s);
        eprintln!("Izh2007 RS 200 pA: ISIs {isi:?}");
        assert!(isi.len() >= 5);
        assert!(isi[isi.len() - 1] > 1.3 * isi[0], "no adaptation: {isi:?}");
        assert!(
            isi.windows(2).all(|w| w[1] >= w[0] - 0.2),
            "ISIs not lengthening: {isi:?}"
        );
    }

    /// IB: initial burst (first ISI much shorter than the later ones).
    #[test]
    fn intrinsically_bursting_starts_with_a_burst() {
        let s = step(
            &preset(&MODEL, "intrinsically_bursting", &[]),
            500.0,
            0.1,
            600.0,
        );
        let isi = isis(&s);
        eprintln!("Izh2007 IB 500 pA: ISIs {isi:?}");
        assert!(isi.len() >= 3);
        assert!(isi[0] < 0.3 * isi[isi.len() - 1], "{isi:?}");
    }

    /// CH: repetitive bursts, i.e. bimodal ISIs.
    #[test]
    fn chattering_bursts() {
        let s = step(&preset(&MODEL, "chattering", &[]), 400.0, 0.1, 600.0);
        let isi = isis(&s);
        eprintln!("Izh2007 CH 400 pA: ISIs {isi:?}");
        let (min, max) = isi
            .iter()
            .fold((f64::MAX, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
        assert!(max > 3.0 * min, "{isi:?}");
        assert!(
            isi.iter().filter(|&&x| x > 0.5 * max).count() >= 2,
            "{isi:?}"
        );
        assert!(
            isi.iter().filter(|&&x| x < 2.0 * min).count() >= 2,
            "{isi:?}"
        );
    }

    /// dt convergence of the first spike time.
    #[test]
    fn first_spike_time_converges() {
        let reference = step(&[], 100.0, 0.001, 200.0);
        for &dt in &[0.1, 0.05, 0.025] {
            let s = step(&[], 100.0, dt, 200.0);
            assert!(
                s[0] >= reference[0] - 1e-9 && s[0] - reference[0] <= dt + 1e-9,
                "dt {dt}: {} vs {}",
                s[0],
                reference[0]
            );
            assert_eq!(s.len(), reference.len());
        }
        let coarse = step(&[], 100.0, 1.0, 200.0);
        assert_eq!(coarse.len(), reference.len());
    }
}
