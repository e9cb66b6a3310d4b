//! Izhikevich (2003) simple model of spiking neurons.
//!
//! dv/dt = 0.04 v^2 + f v + g - u + I + I_e,  du/dt = a (b v - u)   (v in mV, t in ms)
//! v >= v_peak (30 mV) -> spike, v = c, u = u + d.
//! `f` = 5 and `g` = 140 are the paper's constants (named as in the ModelDB/NEURON
//! `Izhi2003a` mechanism); figure1.m of Izhikevich (2004) uses f = 4.1, g = 108 for its
//! class-1 excitable and integrator panels. The input is in the model's own unit (mV/ms;
//! NEST's `izhikevich` calls it pA with R = 1). u starts at b v_init, as in the published code.
//!
//! Numerics: the published code takes two 0.5 ms forward-Euler half-steps for v and one 1 ms
//! step for u using the new v (NEST's `consistent_integration = false`); that scheme does not
//! converge to the ODE as the step shrinks in any controlled way and its spike times depend on
//! the step. Here each network step is split into equal RK4 sub-steps of at most 0.025 ms; the
//! crossing of v_peak is located inside the sub-step by cubic Hermite interpolation and the
//! reset is applied there (see the family module), so spike times converge as dt shrinks. Firing
//! patterns agree qualitatively with the published figures; exact spike times differ from the
//! coarse Euler traces. Delta-synapse jumps are added to v at the end of the step and a jump
//! that takes v to v_peak fires (and resets) immediately.
//!
//! Presets: the seven cell classes of Fig. 2 of the 2003 paper, and the 20 features of Fig. 1
//! of Izhikevich (2004) as produced by the published `figure1.m` (a, b, c, d, initial v and,
//! where the panel uses them, the other constants and the baseline current). Each preset's doc
//! gives the stimulus of the panel; stimuli are not part of a preset. Panel (R) accommodation
//! is left out: it uses a different recovery equation (du/dt = a b (v + 65)).

use super::{reset_step, sub_steps};
use crate::Preset;
use crate::define::*;

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.025;

crate::model! {
    name: "izhikevich",
    class: "IzhikevichNeuron",
    summary: "dv/dt = 0.04 v^2 + f v + g - u + I + I_e, du/dt = a (b v - u) (f = 5, g = 140); \
              v >= v_peak -> spike, v = c, u += d. RK4 sub-steps <= 0.025 ms with the reset \
              located inside the sub-step (the paper's 0.5 ms Euler half-steps do not converge).",
    citation: "Izhikevich (2003) IEEE Trans. Neural Netw. 14:1569-1572; presets from Fig. 2 there \
               and from Izhikevich (2004) IEEE Trans. Neural Netw. 15:1063-1070, Fig. 1 \
               (figure1.m, www.izhikevich.org)",
    input_unit: "mV/ms",
    params: {
        a: param("1/ms", 0.02, Finite,
            "time scale of the recovery variable u (negative in the inhibition-induced presets)"),
        b: param("1/ms", 0.2, Finite, "sensitivity of u to the subthreshold fluctuations of v"),
        c: param("mV", -65.0, Finite, "after-spike reset value of v"),
        d: param("mV/ms", 8.0, Finite, "after-spike increment of u"),
        v_peak: param("mV", 30.0, Finite, "spike cut-off: v >= v_peak is a spike"),
        f: param("1/ms", 5.0, Finite, "linear coefficient of dv/dt (5 in the paper)"),
        g: param("mV/ms", 140.0, Finite, "constant term of dv/dt (140 in the paper)"),
        i_e: param("mV/ms", 0.0, Finite, "constant external current (baseline of some presets)"),
        v_init: param("mV", -65.0, Finite, "initial membrane potential; u starts at b * v_init"),
    },
    state: {
        v: ("mV", "membrane potential"),
        u: ("mV/ms", "membrane recovery variable"),
    },
    membrane: v,
    presets: [
        // Izhikevich (2003), Fig. 2 (cell classes); stimulus in the published code: a step.
        Preset {
            name: "regular_spiking",
            doc: "RS excitatory cortical cell, adapting tonic spiking (2003 Fig. 2; step I = 10-14)",
            values: &[("a", 0.02), ("b", 0.2), ("c", -65.0), ("d", 8.0)],
        },
        Preset {
            name: "intrinsically_bursting",
            doc: "IB cell: initial burst, then tonic spikes (2003 Fig. 2; step I = 10-11)",
            values: &[("a", 0.02), ("b", 0.2), ("c", -55.0), ("d", 4.0)],
        },
        Preset {
            name: "chattering",
            doc: "CH cell: repetitive high-frequency bursts (2003 Fig. 2; step I = 10)",
            values: &[("a", 0.02), ("b", 0.2), ("c", -50.0), ("d", 2.0)],
        },
        Preset {
            name: "fast_spiking",
            doc: "FS inhibitory cell: high-frequency tonic spiking without adaptation (2003 Fig. 2; step I = 10)",
            values: &[("a", 0.1), ("b", 0.2), ("c", -65.0), ("d", 2.0)],
        },
        Preset {
            name: "low_threshold_spiking",
            doc: "LTS inhibitory cell: high-frequency adapting trains, rebound spikes (2003 Fig. 2; step I = 10)",
            values: &[("a", 0.02), ("b", 0.25), ("c", -65.0), ("d", 2.0)],
        },
        Preset {
            name: "thalamo_cortical",
            doc: "TC cell: tonic firing from rest (step I = 1.5 from v = -63), rebound burst after \
                  hyperpolarisation (I = -25, then 0, from v = -87) (2003 Fig. 2)",
            values: &[("a", 0.02), ("b", 0.25), ("c", -65.0), ("d", 0.05)],
        },
        Preset {
            name: "resonator",
            doc: "RZ cell: damped subthreshold oscillations, fires to resonant input (2003 Fig. 2)",
            values: &[("a", 0.1), ("b", 0.26), ("c", -65.0), ("d", 2.0)],
        },
        // Izhikevich (2004), Fig. 1 (figure1.m): panel letter, stimulus (t in ms).
        Preset {
            name: "tonic_spiking",
            doc: "(A) step I = 14 at t = 10",
            values: &[
                ("a", 0.02),
                ("b", 0.2),
                ("c", -65.0),
                ("d", 6.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "phasic_spiking",
            doc: "(B) step I = 0.5 at t = 20: one spike at onset",
            values: &[
                ("a", 0.02),
                ("b", 0.25),
                ("c", -65.0),
                ("d", 6.0),
                ("v_init", -64.0),
            ],
        },
        Preset {
            name: "tonic_bursting",
            doc: "(C) step I = 15 at t = 22",
            values: &[
                ("a", 0.02),
                ("b", 0.2),
                ("c", -50.0),
                ("d", 2.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "phasic_bursting",
            doc: "(D) step I = 0.6 at t = 20: one burst at onset",
            values: &[
                ("a", 0.02),
                ("b", 0.25),
                ("c", -55.0),
                ("d", 0.05),
                ("v_init", -64.0),
            ],
        },
        Preset {
            name: "mixed_mode",
            doc: "(E) step I = 10 at t = 16: burst, then tonic spikes",
            values: &[
                ("a", 0.02),
                ("b", 0.2),
                ("c", -55.0),
                ("d", 4.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "spike_frequency_adaptation",
            doc: "(F) step I = 30 at t = 8.5",
            values: &[
                ("a", 0.01),
                ("b", 0.2),
                ("c", -65.0),
                ("d", 8.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "class_1_excitable",
            doc: "(G) ramp I = 0.075 (t - 30) from t = 30; uses f = 4.1, g = 108",
            values: &[
                ("a", 0.02),
                ("b", -0.1),
                ("c", -55.0),
                ("d", 6.0),
                ("v_init", -60.0),
                ("f", 4.1),
                ("g", 108.0),
            ],
        },
        Preset {
            name: "class_2_excitable",
            doc: "(H) I = -0.5 (i_e), plus a ramp 0.015 (t - 30) from t = 30",
            values: &[
                ("a", 0.2),
                ("b", 0.26),
                ("c", -65.0),
                ("d", 0.0),
                ("v_init", -64.0),
                ("i_e", -0.5),
            ],
        },
        Preset {
            name: "spike_latency",
            doc: "(I) pulse I = 7.04 for 3 ms at t = 10: one delayed spike",
            values: &[
                ("a", 0.02),
                ("b", 0.2),
                ("c", -65.0),
                ("d", 6.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "subthreshold_oscillations",
            doc: "(J) pulse I = 2 for 5 ms at t = 20",
            values: &[
                ("a", 0.05),
                ("b", 0.26),
                ("c", -60.0),
                ("d", 0.0),
                ("v_init", -62.0),
            ],
        },
        Preset {
            name: "resonator_2004",
            doc: "(K) pulses I = 0.65 for 4 ms at t = 40 and 60 (resonant doublet: spike) and at \
                  280 and 320 (no spike)",
            values: &[
                ("a", 0.1),
                ("b", 0.26),
                ("c", -60.0),
                ("d", -1.0),
                ("v_init", -62.0),
            ],
        },
        Preset {
            name: "integrator",
            doc: "(L) pulses I = 9 for 2 ms at t = 9.09 and 14.09 (close pair: spike) and at 70 \
                  and 80 (no spike); uses f = 4.1, g = 108",
            values: &[
                ("a", 0.02),
                ("b", -0.1),
                ("c", -55.0),
                ("d", 6.0),
                ("v_init", -60.0),
                ("f", 4.1),
                ("g", 108.0),
            ],
        },
        Preset {
            name: "rebound_spike",
            doc: "(M) pulse I = -15 for 5 ms at t = 20",
            values: &[
                ("a", 0.03),
                ("b", 0.25),
                ("c", -60.0),
                ("d", 4.0),
                ("v_init", -64.0),
            ],
        },
        Preset {
            name: "rebound_burst",
            doc: "(N) pulse I = -15 for 5 ms at t = 20",
            values: &[
                ("a", 0.03),
                ("b", 0.25),
                ("c", -52.0),
                ("d", 0.0),
                ("v_init", -64.0),
            ],
        },
        Preset {
            name: "threshold_variability",
            doc: "(O) pulses I = 1 for 5 ms at t = 10 and 80, I = -6 for 5 ms at t = 70",
            values: &[
                ("a", 0.03),
                ("b", 0.25),
                ("c", -60.0),
                ("d", 4.0),
                ("v_init", -64.0),
            ],
        },
        Preset {
            name: "bistability",
            doc: "(P) I = 0.24 (i_e), plus pulses of 1 for 5 ms at t = 37.5 (switches on) and 216 \
                  (switches off)",
            values: &[
                ("a", 0.1),
                ("b", 0.26),
                ("c", -60.0),
                ("d", 0.0),
                ("v_init", -61.0),
                ("i_e", 0.24),
            ],
        },
        Preset {
            name: "depolarizing_after_potential",
            doc: "(Q) DAP: pulse I = 20 for 2 ms at t = 9",
            values: &[
                ("a", 1.0),
                ("b", 0.2),
                ("c", -60.0),
                ("d", -21.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "inhibition_induced_spiking",
            doc: "(S) I = 80 (i_e), lowered by 5 for 50 <= t <= 250: spikes while inhibited",
            values: &[
                ("a", -0.02),
                ("b", -1.0),
                ("c", -60.0),
                ("d", 8.0),
                ("v_init", -63.8),
                ("i_e", 80.0),
            ],
        },
        Preset {
            name: "inhibition_induced_bursting",
            doc: "(T) I = 80 (i_e), lowered by 5 for 50 <= t <= 250: bursts while inhibited",
            values: &[
                ("a", -0.026),
                ("b", -1.0),
                ("c", -45.0),
                ("d", -2.0),
                ("v_init", -63.8),
                ("i_e", 80.0),
            ],
        },],
    require: [c < v_peak, v_init < v_peak],
    // Izhikevich (2003) Fig. 2: the cell classes under a step of I = 10 (the RS defaults
    // fire tonically at 23 Hz; the saddle-node rheobase of the defaults is I = 4).
    drive: 10.0,
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
            u: p.b * p.v_init,
        }
    }

    #[inline(always)]
    fn step((p, n_sub): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let (a, b) = (p.a, p.b);
        let (lin, cst) = (p.f, p.g + input.current + p.i_e);
        let rhs = |v: f64, u: f64| (0.04 * v * v + lin * v + cst - u, a * (b * v - u));
        let h = input.dt / *n_sub as f64;
        let (v, u, fired) = reset_step(rhs, (s.v, s.u), *n_sub, h, p.v_peak, p.c, p.d, input.jump);
        (s.v, s.u) = (v, u);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::simple::test_util::{isis, kernel, preset, rate_hz, run};
    use crate::{Params, StepInput};

    /// Spike times of `name` under a step `amp` from t = `t0`, for `t_ms` at dt = 0.1 ms.
    fn step(name: &str, extra: &[(&'static str, f64)], amp: f64, t0: f64, t_ms: f64) -> Vec<f64> {
        let mut k = kernel(&MODEL, &preset(&MODEL, name, extra), 1, 0.1);
        run(
            k.as_mut(),
            0.1,
            t_ms,
            |t, _| if t >= t0 { amp } else { 0.0 },
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

    /// RS: tonic spiking whose ISIs lengthen (spike-frequency adaptation).
    #[test]
    fn regular_spiking_adapts() {
        let s = step("regular_spiking", &[], 10.0, 0.0, 300.0);
        let isi = isis(&s);
        eprintln!("RS ISIs: {isi:?}");
        assert!(isi.len() >= 4);
        assert!(isi[isi.len() - 1] > 1.5 * isi[0], "no adaptation: {isi:?}");
        assert!(
            isi.windows(2).all(|w| w[1] >= w[0] - 0.2),
            "ISIs not lengthening: {isi:?}"
        );
    }

    /// FS: high rate (> 100 Hz, > 3x RS at the same input) without progressive slowing: the
    /// ISIs settle within three spikes and then stay constant (RS keeps a long ISI ~2x its
    /// first one).
    #[test]
    fn fast_spiking_is_fast_and_non_adapting() {
        let s = step("fast_spiking", &[], 10.0, 0.0, 300.0);
        let isi = isis(&s);
        let rate = rate_hz(&s, 0.0, 300.0);
        let rs = rate_hz(&step("regular_spiking", &[], 10.0, 0.0, 300.0), 0.0, 300.0);
        eprintln!("FS rate {rate:.1} Hz (RS {rs:.1} Hz), ISIs {:?}", &isi[..6]);
        assert!(rate > 100.0 && rate > 3.0 * rs);
        let settled = isi[3];
        assert!(
            isi[3..]
                .iter()
                .all(|&x| (x - settled).abs() < 0.05 * settled),
            "adapting: {isi:?}"
        );
        assert!(isi[isi.len() - 1] < 2.0 * isi[0]);
    }

    /// True when the ISIs split into two well-separated groups (a gap of more than 3x between
    /// consecutive sorted ISIs), each with at least `min_each` members: bursts.
    fn bimodal(isi: &[f64], min_each: usize) -> bool {
        let mut sorted = isi.to_vec();
        sorted.sort_by(f64::total_cmp);
        (1..sorted.len()).any(|k| {
            sorted[k] > 3.0 * sorted[k - 1] && k >= min_each && sorted.len() - k >= min_each
        })
    }

    /// CH: repetitive bursts, i.e. a bimodal ISI distribution (short intra-burst and long
    /// inter-burst intervals, both repeated).
    #[test]
    fn chattering_bursts() {
        let s = step("chattering", &[], 10.0, 0.0, 300.0);
        let isi = isis(&s);
        eprintln!("CH ISIs: {isi:?}");
        assert!(bimodal(&isi, 3), "not bursting: {isi:?}");
        // RS at the same input is not bursting.
        assert!(!bimodal(
            &isis(&step("regular_spiking", &[], 10.0, 0.0, 300.0)),
            1
        ));
    }

    /// IB: an initial burst (first ISI much shorter than the later ones), then tonic spikes.
    #[test]
    fn intrinsically_bursting_starts_with_a_burst() {
        let s = step("intrinsically_bursting", &[], 10.0, 0.0, 300.0);
        let isi = isis(&s);
        eprintln!("IB ISIs: {isi:?}");
        assert!(isi.len() >= 4);
        let later = isi[isi.len() - 1];
        assert!(isi[0] < 0.3 * later, "no initial burst: {isi:?}");
        // Tonic afterwards: the late ISIs are similar.
        let n = isi.len();
        assert!(
            (isi[n - 1] - isi[n - 2]).abs() < 0.2 * isi[n - 1],
            "{isi:?}"
        );
    }

    /// LTS: high-frequency train with adaptation, faster than RS at the same input.
    #[test]
    fn low_threshold_spiking_is_fast_and_adapting() {
        let s = step("low_threshold_spiking", &[], 10.0, 0.0, 300.0);
        let isi = isis(&s);
        let rs = step("regular_spiking", &[], 10.0, 0.0, 300.0);
        eprintln!("LTS ISIs: {:?}", &isi[..5]);
        assert!(s.len() > rs.len());
        assert!(isi[isi.len() - 1] > 1.2 * isi[0], "no adaptation: {isi:?}");
    }

    /// TC: tonic firing from rest for I = 1.5, and a rebound burst when released from a
    /// hyperpolarising current (the two panels of the 2003 figure).
    #[test]
    fn thalamo_cortical_has_two_modes() {
        let tonic = step("thalamo_cortical", &[("v_init", -63.0)], 1.5, 30.0, 300.0);
        let isi = isis(&tonic);
        eprintln!("TC tonic ISIs: {isi:?}");
        assert!(tonic.len() >= 4);
        assert!(
            isi.iter().all(|&x| x > 10.0),
            "tonic mode should not burst: {isi:?}"
        );
        let mut k = kernel(
            &MODEL,
            &preset(&MODEL, "thalamo_cortical", &[("v_init", -87.0)]),
            1,
            0.1,
        );
        let burst = run(
            k.as_mut(),
            0.1,
            150.0,
            |t, _| if t < 45.0 { -25.0 } else { 0.0 },
        )
        .remove(0);
        eprintln!("TC rebound: {burst:?}");
        assert!(burst.len() >= 2 && burst[0] > 45.0);
        assert!(
            burst[1] - burst[0] < 10.0,
            "rebound is not a burst: {burst:?}"
        );
    }

    /// RZ: from a perturbation, v returns to rest through a damped oscillation (it overshoots
    /// rest), unlike RS which relaxes monotonically.
    #[test]
    fn resonator_rings() {
        let undershoot = |name: &str| {
            let mut k = kernel(&MODEL, &preset(&MODEL, name, &[]), 1, 0.1);
            run(k.as_mut(), 0.1, 300.0, |_, _| 0.0); // settle at rest
            let rest = k.var(0)[0];
            let mut min: f64 = f64::MAX;
            let mut spikes = Vec::new();
            k.step(
                &StepInput {
                    jump: &[1.0],
                    current: &[0.0],
                },
                &mut spikes,
            );
            for _ in 0..2000 {
                k.step(
                    &StepInput {
                        jump: &[0.0],
                        current: &[0.0],
                    },
                    &mut spikes,
                );
                min = min.min(k.var(0)[0]);
            }
            assert!(spikes.is_empty());
            rest - min
        };
        let rz = undershoot("resonator");
        let rs = undershoot("regular_spiking");
        eprintln!("undershoot below rest after +1 mV: RZ {rz:.3} mV, RS {rs:.3} mV");
        assert!(rz > 0.1 && rz > 10.0 * rs.max(1e-6));
    }

    /// 2004 features with a crisp signature.
    #[test]
    fn figure1_features() {
        // (B) phasic spiking: one spike at onset.
        let s = step("phasic_spiking", &[], 0.5, 20.0, 200.0);
        assert_eq!(s.len(), 1, "phasic spiking: {s:?}");
        // (D) phasic bursting: a single burst at onset (>= 3 spikes within 40 ms), then silence.
        let s = step("phasic_bursting", &[], 0.6, 20.0, 200.0);
        assert!(
            s.len() >= 3 && s[s.len() - 1] - s[0] < 40.0,
            "phasic bursting: {s:?}"
        );
        // (M) rebound spike after a -15 pulse; nothing without it.
        let mut k = kernel(&MODEL, &preset(&MODEL, "rebound_spike", &[]), 1, 0.1);
        let s = run(k.as_mut(), 0.1, 200.0, |t, _| {
            if (20.0..25.0).contains(&t) {
                -15.0
            } else {
                0.0
            }
        })
        .remove(0);
        assert!(!s.is_empty() && s[0] > 25.0, "rebound spike: {s:?}");
        // (S) inhibition-induced spiking: silent at I = 80, spikes while lowered to 75.
        let mut k = kernel(
            &MODEL,
            &preset(&MODEL, "inhibition_induced_spiking", &[]),
            1,
            0.1,
        );
        let s = run(k.as_mut(), 0.1, 350.0, |t, _| {
            if (50.0..250.0).contains(&t) {
                -5.0
            } else {
                0.0
            }
        })
        .remove(0);
        eprintln!("inhibition-induced spiking: {s:?}");
        assert!(
            s.len() >= 3 && s.iter().all(|&t| t > 50.0 && t < 260.0),
            "{s:?}"
        );
        // (G) class 1: ramp; the rate starts low and rises.
        let mut k = kernel(&MODEL, &preset(&MODEL, "class_1_excitable", &[]), 1, 0.1);
        let s = run(k.as_mut(), 0.1, 300.0, |t, _| {
            if t > 30.0 { 0.075 * (t - 30.0) } else { 0.0 }
        })
        .remove(0);
        let isi = isis(&s);
        eprintln!("class 1 ISIs: {isi:?}");
        assert!(isi.len() >= 3 && isi[0] > 2.0 * isi[isi.len() - 1]);
    }

    /// dt convergence of the first spike time (RS, step I = 10): within one step of a fine
    /// reference at dt = 0.1, 0.05, 0.025 ms; and dt = 1 ms stays close.
    #[test]
    fn first_spike_time_converges() {
        let first = |dt: f64| {
            let mut k = kernel(&MODEL, &[], 1, dt);
            run(k.as_mut(), dt, 60.0, |_, _| 10.0)[0].clone()
        };
        let reference = first(0.001);
        for &dt in &[0.1, 0.05, 0.025] {
            let s = first(dt);
            assert!(
                s[0] >= reference[0] - 1e-9 && s[0] - reference[0] <= dt + 1e-9,
                "dt {dt}: {} vs {}",
                s[0],
                reference[0]
            );
            assert_eq!(s.len(), reference.len());
        }
        let coarse = first(1.0);
        assert_eq!(coarse.len(), reference.len());
        assert!((coarse[0] - reference[0]).abs() <= 1.0);
    }

    #[test]
    fn a_jump_to_the_peak_fires_and_resets() {
        let mut k = kernel(&MODEL, &[], 2, 0.1);
        let mut spikes = Vec::new();
        k.step(
            &StepInput {
                jump: &[0.0, 200.0],
                current: &[0.0, 0.0],
            },
            &mut spikes,
        );
        assert_eq!(spikes, vec![1]);
        assert_eq!(k.var(0)[1], -65.0);
        assert!((k.var(1)[1] - (k.var(1)[0] + 8.0)).abs() < 1e-9);
    }
}
