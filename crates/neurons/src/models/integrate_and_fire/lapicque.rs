//! Lapicque's integrate-and-fire neuron (1907) in the formulation of Abbott (1999).
//!
//! Abbott (1999) describes Lapicque's model as a capacitor C in parallel with a leak
//! resistance R, the potential measured from rest, threshold V_th and reset to rest:
//! the perfect form I(t) = C dV/dt, with rate f = I / (C V_th + t_ref I) under a constant
//! current, and the leaky form I(t) - V/R = C dV/dt, with rate
//! f = 1 / (t_ref - R C ln(1 - V_th / (I R))). This file implements both with absolute
//! potentials and the leak written as a conductance g_L = 1/R (g_L = 0 is the perfect
//! capacitor, which a resistance cannot express):
//!
//! C_m dV/dt = -g_L (V - E_L) + I(t) + I_e.
//!
//! V >= V_th emits a spike and sets V = V_reset (Abbott: the resting potential, V_reset =
//! E_L) for t_ref. Integration is exact for input held over the step:
//! V(t+h) = E_L + (V - E_L) e^{-h g_L/C_m} + (I + I_e) (1 - e^{-h g_L/C_m}) / g_L, whose
//! g_L -> 0 limit, V + h (I + I_e)/C_m, is the perfect capacitor. Delta-synapse jumps are
//! added after the propagation, then the threshold is checked (as `lif`).

use super::{per_neuron, refractory_step, refractory_time};
use crate::{BuildContext, ModelInfo, NeuronKernel, ParamArray, Params, StateSpec, StepInput};
use sc_neurocore_core::{ParamSpec, Result, ValueRange};

/// Registry entry.
pub static MODEL: ModelInfo = ModelInfo {
    name: "lapicque",
    class_name: "LapicqueNeuron",
    family: super::FAMILY,
    summary: "C_m dV/dt = -g_L (V - E_L) + I + I_e (g_L = 0: Lapicque's perfect capacitor \
              C dV/dt = I); V >= V_th -> spike, V = V_reset, clamped for t_ref. Exact \
              integration over each step.",
    citation: "Lapicque (1907) J. Physiol. Pathol. Gen. 9:620; Abbott (1999) Brain Res. Bull. \
               50:303 (formulation and firing rates)",
    params: &[
        ParamSpec {
            name: "c_m",
            unit: "pF",
            default: 250.0,
            range: ValueRange::Positive,
            doc: "membrane capacitance C",
        },
        ParamSpec {
            name: "g_l",
            unit: "nS",
            default: 25.0,
            range: ValueRange::NonNegative,
            doc: "leak conductance 1/R (0: perfect capacitor without leak)",
        },
        ParamSpec {
            name: "e_l",
            unit: "mV",
            default: -70.0,
            range: ValueRange::Finite,
            doc: "resting potential",
        },
        ParamSpec {
            name: "v_th",
            unit: "mV",
            default: -55.0,
            range: ValueRange::Finite,
            doc: "spike threshold",
        },
        ParamSpec {
            name: "v_reset",
            unit: "mV",
            default: -70.0,
            range: ValueRange::Finite,
            doc: "reset potential (Abbott: the resting potential)",
        },
        ParamSpec {
            name: "t_ref",
            unit: "ms",
            default: 2.0,
            range: ValueRange::NonNegative,
            doc: "absolute refractory period",
        },
        ParamSpec {
            name: "i_e",
            unit: "pA",
            default: 0.0,
            range: ValueRange::Finite,
            doc: "constant external current",
        },
        ParamSpec {
            name: "v_init",
            unit: "mV",
            default: -70.0,
            range: ValueRange::Finite,
            doc: "initial membrane potential",
        },
    ],
    state: &[
        StateSpec {
            name: "v",
            unit: "mV",
            doc: "membrane potential",
        },
        StateSpec {
            name: "refractory",
            unit: "ms",
            doc: "refractory time left",
        },
    ],
    membrane: 0,
    input_unit: "pA",
    presets: &[],
    validate,
    build,
    delta_input: None,
    less_than: &[("v_reset", "v_th")],
    drive: Some(500.0),
    spontaneous: None,
    stochastic: false,
    module: module_path!(),
};

fn validate(p: &Params, object: &str) -> Result<()> {
    p.require_less(object, "v_reset", "v_th")
}

fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    let p = ctx.params;
    let (h, n) = (ctx.dt_ms, ctx.n);
    let (c_m, g_l) = (p.get("c_m"), p.get("g_l"));
    let rate = |i: usize| g_l.at(i) / c_m.at(i); // 1/ms
    Box::new(Lapicque {
        decay: per_neuron(n, |i| (-h * rate(i)).exp()),
        gain: per_neuron(n, |i| {
            if g_l.at(i) > 0.0 {
                -(-h * rate(i)).exp_m1() / g_l.at(i)
            } else {
                h / c_m.at(i)
            }
        }),
        e_l: p.get("e_l").clone(),
        v_th: p.get("v_th").clone(),
        v_reset: p.get("v_reset").clone(),
        i_e: p.get("i_e").clone(),
        t_ref: refractory_time(p.get("t_ref"), h),
        h,
        v: p.get("v_init").to_vec(n),
        ref_ms: vec![0.0; n],
    })
}

/// Struct-of-arrays state of a Lapicque population.
struct Lapicque {
    /// e^{-h g_L / C_m}.
    decay: ParamArray,
    /// mV per pA of current held over one step: (1 - decay)/g_L, or h/C_m when g_L = 0.
    gain: ParamArray,
    e_l: ParamArray,
    v_th: ParamArray,
    v_reset: ParamArray,
    i_e: ParamArray,
    /// Refractory time set at a spike (`t_ref` rounded to whole steps), ms.
    t_ref: ParamArray,
    h: f64,
    v: Vec<f64>,
    /// Refractory time left, ms.
    ref_ms: Vec<f64>,
}

impl NeuronKernel for Lapicque {
    fn len(&self) -> usize {
        self.v.len()
    }

    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        for i in 0..self.v.len() {
            if refractory_step(&mut self.ref_ms[i], self.h) {
                continue;
            }
            let e_l = self.e_l.at(i);
            let mut v = e_l
                + (self.v[i] - e_l) * self.decay.at(i)
                + self.gain.at(i) * (input.current[i] + self.i_e.at(i))
                + input.jump[i];
            if v >= self.v_th.at(i) {
                v = self.v_reset.at(i);
                self.ref_ms[i] = self.t_ref.at(i);
                spikes.push(i as u32);
            }
            self.v[i] = v;
        }
    }

    fn var(&self, index: usize) -> &[f64] {
        match index {
            0 => &self.v,
            _ => &self.ref_ms,
        }
    }

    fn var_mut(&mut self, index: usize) -> &mut [f64] {
        match index {
            0 => &mut self.v,
            _ => &mut self.ref_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// Below threshold, V follows the analytic RC charging curve
    /// V(t) = E_L + (I/g_L)(1 - e^{-t g_L/C}) from rest, and the straight line
    /// V(t) = E_L + I t / C of the perfect capacitor, at any dt.
    #[test]
    fn membrane_follows_the_analytic_trajectory() {
        for &dt in &[0.01f64, 0.1, 1.0] {
            let steps = (30.0 / dt).round() as usize;
            let t = steps as f64 * dt;
            let mut leaky = kernel(&MODEL, &[], dt);
            assert!(hold(leaky.as_mut(), 300.0, steps).is_empty());
            let expected = -70.0 + 300.0 / 25.0 * (1.0 - (-t * 25.0 / 250.0f64).exp());
            approx::assert_abs_diff_eq!(leaky.var(0)[0], expected, epsilon = 1e-9);

            let mut perfect = kernel(&MODEL, &[("g_l", 0.0)], dt);
            assert!(hold(perfect.as_mut(), 100.0, steps).is_empty());
            approx::assert_abs_diff_eq!(
                perfect.var(0)[0],
                -70.0 + 100.0 * t / 250.0,
                epsilon = 1e-9
            );
        }
    }

    /// Abbott (1999): under a constant current the leaky model fires at
    /// f = 1/(t_ref + tau ln(R I/(R I - (V_th - E_L)))), tau = R C, and the perfect capacitor at
    /// f = I / (C (V_th - V_reset) + t_ref I). Spikes are reported on the step grid, so every
    /// interval lies within one step above the analytic period.
    #[test]
    fn firing_rates_match_abbott() {
        let dt = 0.01;
        let cases = [
            // (g_l nS, I pA, t_ref ms, analytic period ms)
            (
                25.0,
                500.0,
                2.0,
                2.0 + 10.0 * (20.0f64 / (20.0 - 15.0)).ln(),
            ),
            (10.0, 400.0, 0.0, 25.0 * (40.0f64 / (40.0 - 15.0)).ln()),
            (
                0.0,
                300.0,
                2.0,
                1.0 / (300.0 / (250.0 * 15.0 + 2.0 * 300.0)),
            ),
            (0.0, 1000.0, 0.0, 250.0 * 15.0 / 1000.0),
        ];
        for (g_l, current, t_ref, period) in cases {
            let times = spike_times(
                &MODEL,
                &[("g_l", g_l), ("t_ref", t_ref)],
                current,
                dt,
                300.0,
            );
            assert!(times.len() > 5, "g_l {g_l}: {} spikes", times.len());
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    isi >= period - 1e-9 && isi <= period + dt + 1e-9,
                    "g_l {g_l}, {current} pA, t_ref {t_ref}: ISI {isi} vs analytic {period}"
                );
            }
        }
    }

    /// Jumps are discarded during the refractory period and applied otherwise.
    #[test]
    fn jumps_are_ignored_while_refractory() {
        let mut k = kernel(&MODEL, &[("t_ref", 1.0), ("g_l", 0.0)], 0.1);
        let mut spikes = Vec::new();
        let mut step = |k: &mut Box<dyn NeuronKernel>, jump: f64| {
            k.step(
                &StepInput {
                    jump: &[jump],
                    current: &[0.0],
                },
                &mut spikes,
            );
        };
        step(&mut k, 20.0); // -70 + 20 >= -55: spike, reset to -70, refractory for 10 steps
        assert_eq!(k.var(1)[0], 1.0);
        for _ in 0..10 {
            step(&mut k, 5.0);
            assert_eq!(k.var(0)[0], -70.0);
        }
        assert_eq!(k.var(1)[0], 0.0);
        step(&mut k, 5.0);
        assert_eq!(k.var(0)[0], -65.0);
        assert_eq!(spikes, vec![0]);
    }
}
