//! Adaptive exponential integrate-and-fire neuron (Brette & Gerstner 2005), with the
//! parameters and spike handling of NEST's `aeif_psc_delta`.
//!
//! C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I(t) + I_e
//! tau_w dw/dt = a (V - E_L) - w
//!
//! V >= V_peak emits a spike: V = V_reset, w += b, and V is clamped at V_reset for t_ref
//! while w keeps evolving (with V = V_reset). As in NEST the right-hand side reads
//! min(V, V_peak), so the exponential never overflows.
//!
//! Integration: the Dormand–Prince 5(4) pair with error control (`Tolerance::DEFAULT`: 1e-6
//! absolute and relative, tighter than NEST's GSL default of 1e-3), its step carried from one
//! network step to the next. After each accepted step that ends at or above V_peak, the
//! crossing is located inside that step by linear interpolation (the error control has made
//! the step short where V accelerates); V is reset and w jumps by b there, and the rest of
//! the network step is integrated from the reset state (with dV/dt = 0 if t_ref > 0), so
//! reset times are quantised neither to the integrator's steps nor to dt. A spike during the
//! step is reported for the step. Delta-synapse jumps are added at the end of the step, then
//! the spike condition is checked again. Over 1 s of regular firing the reset times agree
//! with a fine fixed-step RK4 reference to well under 0.01 ms (see the tests).
//!
//! The exponential integrate-and-fire model (`exp_if`) is this kernel with a = b = 0 and no
//! w state.

use crate::define::*;
use crate::{ParamArray, Params, Preset};
use integrate::{refractory_step, rk45, whole_steps};
use sc_neurocore_core::{Error, Result};
use std::cell::Cell;

/// Largest (V_peak - V_T) / Delta_T accepted: the exponential term stays below e^500.
const MAX_EXP_ARG: f64 = 500.0;

crate::model! {
    name: "adex",
    class: "AdExNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + I + I_e; \
              tau_w dw/dt = a (V - E_L) - w; V >= V_peak -> spike, V = V_reset, w += b, V \
              clamped for t_ref (NEST aeif_psc_delta). Dormand-Prince RK45 with error control \
              (tolerance 1e-6), resets located inside the step.",
    citation: "Brette & Gerstner (2005) J. Neurophysiol. 94:3637; NEST aeif_psc_delta \
               (defaults); Naud, Marcille, Clopath & Gerstner (2008) Biol. Cybern. 99:335 \
               (firing-pattern presets)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(281.0),
        g_l: standard::g_l(30.0),
        e_l: param("mV", -70.6, Finite, "leak reversal (resting) potential"),
        v_t: param("mV", -50.4, Finite,
            "rheobase threshold, where the exponential term takes over (NEST V_th)"),
        delta_t: param("mV", 2.0, Positive, "slope factor (sharpness of spike initiation)"),
        tau_w: param("ms", 144.0, Positive, "adaptation time constant"),
        a: param("nS", 4.0, Finite, "subthreshold adaptation conductance"),
        b: param("pA", 80.5, Finite, "spike-triggered adaptation increment"),
        v_reset: param("mV", -60.0, Finite,
            "reset potential (NEST default; Brette & Gerstner 2005 use E_L)"),
        v_peak: param("mV", 0.0, Finite, "spike detection potential"),
        t_ref: standard::t_ref(0.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.6),
        w_init: param("pA", 0.0, Finite, "initial adaptation current"),
    },
    state: {
        v: ("mV", "membrane potential"),
        w: ("pA", "adaptation current"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
// Naud et al. (2008) Table 1 (the step current I of each pattern is in the doc; the stimulus
// is not part of the preset), plus the regular-spiking fit of Brette & Gerstner (2005).
// Every Naud preset starts at rest (`v_init` = `e_l`) and keeps V_peak = 0 mV, t_ref = 0.
    presets: [
        Preset {
            name: "brette_gerstner_2005",
            doc: "regular spiking as fitted by Brette & Gerstner (2005): the defaults with \
                  V_reset = E_L",
            values: &[("v_reset", -70.6)],
        },
        Preset {
            name: "tonic",
            doc: "tonic spiking, Naud et al. (2008) Fig. 4a (step I = 500 pA)",
            values: &[
                ("c_m", 200.0),
                ("g_l", 10.0),
                ("e_l", -70.0),
                ("v_t", -50.0),
                ("delta_t", 2.0),
                ("tau_w", 30.0),
                ("a", 2.0),
                ("b", 0.0),
                ("v_reset", -58.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "adapting",
            doc: "spike-frequency adaptation, Naud et al. (2008) Fig. 4b (step I = 500 pA)",
            values: &[
                ("c_m", 200.0),
                ("g_l", 12.0),
                ("e_l", -70.0),
                ("v_t", -50.0),
                ("delta_t", 2.0),
                ("tau_w", 300.0),
                ("a", 2.0),
                ("b", 60.0),
                ("v_reset", -58.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "initial_burst",
            doc: "initial burst then tonic spiking, Naud et al. (2008) Fig. 4c (step I = 400 pA)",
            values: &[
                ("c_m", 130.0),
                ("g_l", 18.0),
                ("e_l", -58.0),
                ("v_t", -50.0),
                ("delta_t", 2.0),
                ("tau_w", 150.0),
                ("a", 4.0),
                ("b", 120.0),
                ("v_reset", -50.0),
                ("v_init", -58.0),
            ],
        },
        Preset {
            name: "regular_bursting",
            doc: "regular bursting, Naud et al. (2008) Fig. 4d (step I = 210 pA)",
            values: &[
                ("c_m", 200.0),
                ("g_l", 10.0),
                ("e_l", -58.0),
                ("v_t", -50.0),
                ("delta_t", 2.0),
                ("tau_w", 120.0),
                ("a", 2.0),
                ("b", 100.0),
                ("v_reset", -46.0),
                ("v_init", -58.0),
            ],
        },
        Preset {
            name: "delayed_accelerating",
            doc: "delayed, accelerating spiking, Naud et al. (2008) Fig. 4e (step I = 300 pA)",
            values: &[
                ("c_m", 200.0),
                ("g_l", 12.0),
                ("e_l", -70.0),
                ("v_t", -50.0),
                ("delta_t", 2.0),
                ("tau_w", 300.0),
                ("a", -10.0),
                ("b", 0.0),
                ("v_reset", -58.0),
                ("v_init", -70.0),
            ],
        },
        Preset {
            name: "delayed_regular_bursting",
            doc: "delayed regular bursting, Naud et al. (2008) Fig. 4f (step I = 110 pA)",
            values: &[
                ("c_m", 100.0),
                ("g_l", 10.0),
                ("e_l", -65.0),
                ("v_t", -50.0),
                ("delta_t", 2.0),
                ("tau_w", 90.0),
                ("a", -10.0),
                ("b", 30.0),
                ("v_reset", -47.0),
                ("v_init", -65.0),
            ],
        },
        Preset {
            name: "transient",
            doc: "transient spiking, Naud et al. (2008) Fig. 4g (step I = 180 pA in the Brian2 \
                  reproduction)",
            values: &[
                ("c_m", 100.0),
                ("g_l", 10.0),
                ("e_l", -65.0),
                ("v_t", -50.0),
                ("delta_t", 2.0),
                ("tau_w", 90.0),
                ("a", 10.0),
                ("b", 100.0),
                ("v_reset", -47.0),
                ("v_init", -65.0),
            ],
        },
        Preset {
            name: "irregular",
            doc: "irregular (chaotic) spiking, Naud et al. (2008) Fig. 4h (step I = 160 pA)",
            values: &[
                ("c_m", 100.0),
                ("g_l", 12.0),
                ("e_l", -60.0),
                ("v_t", -50.0),
                ("delta_t", 2.0),
                ("tau_w", 130.0),
                ("a", -11.0),
                ("b", 30.0),
                ("v_reset", -48.0),
                ("v_init", -60.0),
            ],
        },
],
    require: [v_reset < v_peak, v_t < v_peak],
    validate: exp_limit,
    drive: 1000.0,
    build: point,
}

/// (V_peak - V_T)/Delta_T <= 500 so that the exponential stays finite (as NEST's aeif
/// models).
fn exp_limit(p: &Params, object: &str) -> Result<()> {
    let q = ParamArrays::of(p);
    check_exp_limit(p.len(), object, q.v_peak, q.v_t, q.delta_t)
}

/// The rule of [`exp_limit`] on the arrays of a model with `v_peak`, `v_t` and `delta_t`
/// (shared with `exp_if`).
pub(crate) fn check_exp_limit(
    n: usize,
    object: &str,
    v_peak: &ParamArray,
    v_t: &ParamArray,
    delta_t: &ParamArray,
) -> Result<()> {
    for i in 0..n {
        let limit = v_t.at(i) + MAX_EXP_ARG * delta_t.at(i);
        if v_peak.at(i) > limit {
            let field = match (v_peak, v_t, delta_t) {
                (ParamArray::Uniform(_), ParamArray::Uniform(_), ParamArray::Uniform(_)) => {
                    "v_peak".to_string()
                }
                _ => format!("v_peak[{i}]"),
            };
            return Err(Error::out_of_range(
                object,
                field,
                v_peak.at(i),
                format!("at most v_t + {MAX_EXP_ARG} delta_t = {limit}"),
            ));
        }
    }
    Ok(())
}

/// One neuron's constants (also those of `exp_if`: a = b = 0, 1/tau_w = 0).
#[derive(Clone, Copy)]
pub struct Consts {
    /// The coefficients, with `current` = I_e.
    n: Neuron,
    /// Refractory time set at a spike (`t_ref` rounded to whole steps), ms.
    t_ref: f64,
    w_init: f64,
    v_init: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, h: f64) -> Consts {
        Consts {
            n: Neuron {
                inv_c_m: 1.0 / p.c_m,
                g_l: p.g_l,
                e_l: p.e_l,
                v_t: p.v_t,
                delta_t: p.delta_t,
                a: p.a,
                b: p.b,
                inv_tau_w: 1.0 / p.tau_w,
                v_reset: p.v_reset,
                v_peak: p.v_peak,
                current: p.i_e,
            },
            t_ref: whole_steps(p.t_ref, h),
            w_init: p.w_init,
            v_init: p.v_init,
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.v_init,
            w: c.w_init,
            refractory: 0.0,
        }
    }

    #[inline(always)]
    fn step(k: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        advance(k, s, input, aux.h, Tolerance::DEFAULT)
    }
}

/// One network step at tolerance `tol` (`h`: the integrator's carried step); whether the
/// neuron spiked in it.
fn advance(k: &Consts, s: &mut Vars, input: Input, h: &mut f64, tol: Tolerance) -> bool {
    let c = Neuron {
        current: input.current + k.n.current,
        ..k.n
    };
    if refractory_step(&mut s.refractory, input.dt) {
        s.w = c.relax_w(s.w, input.dt);
        return false;
    }
    let t_ref = k.t_ref;
    // Set at a spike when t_ref > 0: V stays at V_reset for the rest of the step.
    let clamped = Cell::new(false);
    let mut spiked = false;
    let rhs = |y: Vars| {
        let (dv, dw) = c.rhs(y.v, y.w);
        Vars {
            v: if clamped.get() { 0.0 } else { dv },
            w: dw,
            refractory: 0.0,
        }
    };
    let event = |before: Vars, after: Vars| {
        if clamped.get() || after.v < c.v_peak {
            return None;
        }
        spiked = true;
        clamped.set(t_ref > 0.0);
        let theta = if after.v > before.v {
            (c.v_peak - before.v) / (after.v - before.v)
        } else {
            0.0
        };
        let w = before.w + theta * (after.w - before.w) + c.b;
        Some((
            theta,
            Vars {
                v: c.v_reset,
                w,
                ..before
            },
        ))
    };
    let y = rk45(*s, input.dt, h, tol, rhs, event);
    let (mut v, mut w, mut clamped) = (y.v, y.w, clamped.get());
    if !clamped {
        v += input.jump;
        if v >= c.v_peak {
            spiked = true;
            v = c.v_reset;
            w += c.b;
            clamped = t_ref > 0.0;
        }
    }
    if clamped {
        s.refractory = t_ref;
    }
    (s.v, s.w) = (v, w);
    spiked
}

/// One neuron's coefficients for one step.
#[derive(Clone, Copy)]
struct Neuron {
    inv_c_m: f64,
    g_l: f64,
    e_l: f64,
    v_t: f64,
    delta_t: f64,
    a: f64,
    b: f64,
    inv_tau_w: f64,
    v_reset: f64,
    v_peak: f64,
    /// Total current over the step, pA.
    current: f64,
}

impl Neuron {
    /// (dV/dt, dw/dt) with V read as min(V, V_peak).
    #[inline(always)]
    fn rhs(&self, v: f64, w: f64) -> (f64, f64) {
        let v = v.min(self.v_peak);
        let spike = self.g_l * self.delta_t * ((v - self.v_t) / self.delta_t).exp();
        let dv = (-self.g_l * (v - self.e_l) + spike - w + self.current) * self.inv_c_m;
        let dw = (self.a * (v - self.e_l) - w) * self.inv_tau_w;
        (dv, dw)
    }

    /// w after `t` ms with V clamped at V_reset (exact).
    #[inline(always)]
    fn relax_w(&self, w: f64, t: f64) -> f64 {
        let w_inf = self.a * (self.v_reset - self.e_l);
        w_inf + (w - w_inf) * (-t * self.inv_tau_w).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;
    use crate::StepInput;

    /// Spike times of preset `name` under its Naud et al. (2008) step current for `t_end` ms.
    fn preset_spikes(name: &str, current: f64, t_end: f64) -> Vec<f64> {
        let preset = MODEL.preset(name).expect("preset exists");
        spike_times(&MODEL, preset.values, current, 0.1, t_end)
    }

    fn isis(times: &[f64]) -> Vec<f64> {
        times.windows(2).map(|w| w[1] - w[0]).collect()
    }

    /// Naud et al. (2008) Fig. 4a: tonic spiking: regular intervals from the start (b = 0;
    /// the weak subthreshold coupling a = 2 nS lengthens them by a few percent over the first
    /// spikes), then constant to within one step.
    #[test]
    fn tonic_preset_fires_at_a_constant_rate() {
        let isi = isis(&preset_spikes("tonic", 500.0, 500.0));
        assert!(isi.len() > 20, "{isi:?}");
        let last = isi[isi.len() - 1];
        assert!(
            isi.iter().all(|&x| (x - last).abs() <= 0.1 * last),
            "{isi:?}"
        );
        let tail = &isi[isi.len() - 20..];
        assert!(
            tail.iter().all(|&x| (x - last).abs() <= 0.1 + 1e-9),
            "{isi:?}"
        );
    }

    /// Naud et al. (2008) Fig. 4b: spike-frequency adaptation: the ISIs grow monotonically
    /// and the steady-state ISI is several times the first.
    #[test]
    fn adapting_preset_lengthens_its_intervals() {
        let isi = isis(&preset_spikes("adapting", 500.0, 1000.0));
        assert!(isi.len() > 5, "{isi:?}");
        for pair in isi.windows(2) {
            assert!(pair[1] >= pair[0] - 0.1 - 1e-9, "{isi:?}");
        }
        assert!(isi[isi.len() - 1] > 3.0 * isi[0], "{isi:?}");
    }

    /// Naud et al. (2008) Fig. 4c: an initial burst of short intervals, then long regular ones.
    #[test]
    fn initial_burst_preset_bursts_once() {
        let isi = isis(&preset_spikes("initial_burst", 400.0, 600.0));
        assert!(isi.len() > 4, "{isi:?}");
        let short = isi.iter().take_while(|&&x| x < 10.0).count();
        assert!((1..=4).contains(&short), "{isi:?}");
        assert!(isi[short..].iter().all(|&x| x > 3.0 * isi[0]), "{isi:?}");
    }

    /// Naud et al. (2008) Fig. 4d: regular bursting: short intra-burst intervals alternate
    /// with long inter-burst intervals, repeatedly.
    #[test]
    fn regular_bursting_preset_repeats_bursts() {
        let isi = isis(&preset_spikes("regular_bursting", 210.0, 1000.0));
        let long = isi.iter().filter(|&&x| x > 50.0).count();
        let short = isi.iter().filter(|&&x| x < 15.0).count();
        assert!(long >= 3 && short >= long, "{isi:?}");
    }

    /// Naud et al. (2008) Fig. 4e: delayed accelerating: a delayed first spike, then
    /// intervals that shrink (a < 0: w turns depolarising).
    #[test]
    fn delayed_accelerating_preset_accelerates() {
        let times = preset_spikes("delayed_accelerating", 300.0, 1000.0);
        let isi = isis(&times);
        assert!(times[0] > 20.0 && isi.len() > 3, "{times:?}");
        for pair in isi.windows(2) {
            assert!(pair[1] <= pair[0] + 0.1 + 1e-9, "{isi:?}");
        }
        assert!(isi[isi.len() - 1] < isi[0], "{isi:?}");
    }

    /// Naud et al. (2008) Fig. 4f: delayed regular bursting: a delayed first spike, then
    /// bursts separated by long intervals.
    #[test]
    fn delayed_regular_bursting_preset_bursts_after_a_delay() {
        let times = preset_spikes("delayed_regular_bursting", 110.0, 600.0);
        let isi = isis(&times);
        let long = isi.iter().filter(|&&x| x > 40.0).count();
        let short = isi.iter().filter(|&&x| x < 10.0).count();
        assert!(
            times[0] > 40.0 && long >= 3 && short >= 2 * long,
            "{times:?}"
        );
    }

    /// Naud et al. (2008) Fig. 4g: transient spiking: a few spikes at the onset, then silence
    /// (strong subthreshold adaptation a = 10 nS).
    #[test]
    fn transient_preset_stops_firing() {
        let times = preset_spikes("transient", 180.0, 600.0);
        assert!(
            (1..=3).contains(&times.len()) && times[0] < 100.0,
            "{times:?}"
        );
    }

    /// Naud et al. (2008) Fig. 4h: irregular spiking under a constant current: the intervals
    /// keep varying (coefficient of variation above 0.3 after the first 200 ms).
    #[test]
    fn irregular_preset_is_aperiodic() {
        let times = preset_spikes("irregular", 160.0, 1000.0);
        let isi: Vec<f64> = isis(&times[times.iter().position(|&t| t > 200.0).unwrap()..]);
        let mean = isi.iter().sum::<f64>() / isi.len() as f64;
        let var = isi.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / isi.len() as f64;
        assert!(isi.len() > 10 && var.sqrt() / mean > 0.3, "{isi:?}");
    }

    /// Adaptation is what separates the presets: with b = a = 0 the adapting preset becomes
    /// tonic, so the test above would fail without the w dynamics.
    #[test]
    fn without_adaptation_the_intervals_stay_constant() {
        let mut values = MODEL.preset("adapting").unwrap().values.to_vec();
        values.extend([("a", 0.0), ("b", 0.0)]);
        let isi = isis(&spike_times(&MODEL, &values, 500.0, 0.1, 300.0));
        assert!((isi[isi.len() - 1] - isi[0]).abs() <= 0.1 + 1e-9, "{isi:?}");
    }

    /// During t_ref, V stays at V_reset and w relaxes towards a (V_reset - E_L).
    #[test]
    fn refractory_period_clamps_v_and_w_keeps_evolving() {
        let mut k = kernel(&MODEL, &[("t_ref", 2.0), ("i_e", 1000.0)], 0.1);
        while hold(k.as_mut(), 0.0, 1).is_empty() {}
        let w0 = k.var(1)[0];
        assert_eq!((k.var(0)[0], k.var(2)[0]), (-60.0, 2.0));
        let mut spikes = Vec::new();
        for _ in 0..20 {
            k.step(
                &StepInput {
                    jump: &[50.0],
                    current: &[0.0],
                },
                &mut spikes,
            );
            assert_eq!(k.var(0)[0], -60.0);
        }
        let w_inf = 4.0 * (-60.0 - -70.6);
        let expected = w_inf + (w0 - w_inf) * (-2.0f64 / 144.0).exp();
        approx::assert_relative_eq!(k.var(1)[0], expected, max_relative = 1e-12);
        assert!(spikes.is_empty());
        hold(k.as_mut(), 0.0, 1);
        assert!(k.var(0)[0] > -60.0);
    }

    /// Reset times over 1 s of regular firing, located inside the step, against an
    /// independent reference (RK4 on the same equations with steps of min(1e-4 ms, 0.02 / r),
    /// r = (g_L/C_m)(1 + exp((V - V_T)/Delta_T)) the rate of the V equation, so that the
    /// upstroke is resolved; reset at the interpolated crossing): within 0.01 ms at dt = 0.1 ms
    /// for the defaults (1000 pA) and Naud et al.'s tonic preset (500 pA); they converge as the
    /// tolerance shrinks and do not depend on dt (0.2, 0.1, 0.05 ms).
    #[test]
    fn spike_times_match_a_fine_reference() {
        use crate::integrate::accuracy::{located_spike_times, max_gap, reference_spike_times};
        for (preset, current) in [(None, 1000.0), (Some("tonic"), 500.0)] {
            let given = preset.map_or(&[][..], |name| MODEL.preset(name).unwrap().values);
            let values: Vec<(&str, crate::ParamValue)> =
                given.iter().map(|&(k, v)| (k, v.into())).collect();
            let params =
                crate::Params::check(&MODEL, "t", 1, values.iter().map(|(k, v)| (*k, v))).unwrap();
            let p = Parameters::of(&params, 0);
            let k = <Model as Dynamics>::prepare(&p, 0.1);
            let y0 = <Model as Dynamics>::init(&k);
            let c = Neuron {
                current: current + k.n.current,
                ..k.n
            };
            let reference = reference_spike_times(
                y0,
                1000.0,
                |y| {
                    let x = (y.v.min(c.v_peak) - c.v_t) / c.delta_t;
                    1e-4f64.min(0.02 / (c.g_l * c.inv_c_m * (1.0 + x.exp())))
                },
                |y| {
                    let (v, w) = c.rhs(y.v, y.w);
                    Vars {
                        v,
                        w,
                        refractory: 0.0,
                    }
                },
                |y| y.v,
                c.v_peak,
                |y| {
                    Some(Vars {
                        v: c.v_reset,
                        w: y.w + c.b,
                        ..y
                    })
                },
            );
            let located = |dt: f64, tol: Tolerance| {
                located_spike_times(y0, dt, 1000.0, |s, dt, h| {
                    let input = Input {
                        jump: 0.0,
                        current,
                        dt,
                    };
                    advance(&k, s, input, h, tol)
                })
            };
            let tol = |t: f64| Tolerance {
                atol: t,
                rtol: t,
                h_min: 1e-6,
            };
            let by_tol: Vec<f64> = [1e-3, 1e-4, 1e-5, 1e-6, 1e-8]
                .iter()
                .map(|&t| max_gap(&located(0.1, tol(t)), &reference))
                .collect();
            let by_dt: Vec<f64> = [0.2, 0.1, 0.05]
                .iter()
                .map(|&dt| max_gap(&located(dt, Tolerance::DEFAULT), &reference))
                .collect();
            eprintln!(
                "adex {preset:?} at {current} pA: {} spikes in 1 s; max error (ms) at \
                 tolerance 1e-3..1e-8: {by_tol:?}; at dt 0.2, 0.1, 0.05 ms: {by_dt:?}",
                reference.len()
            );
            assert!(by_dt.iter().all(|&e| e < 0.01), "{by_dt:?}");
            assert!(
                by_tol[3] < 0.01 && by_tol[4] < 0.1 * by_tol[0],
                "{by_tol:?}"
            );
        }
    }
}
