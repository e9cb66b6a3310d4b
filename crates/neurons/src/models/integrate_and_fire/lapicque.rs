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

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "lapicque",
    class: "LapicqueNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) + I + I_e (g_L = 0: Lapicque's perfect capacitor \
              C dV/dt = I); V >= V_th -> spike, V = V_reset, clamped for t_ref. Exact \
              integration over each step.",
    citation: "Lapicque (1907) J. Physiol. Pathol. Gen. 9:620; Abbott (1999) Brain Res. Bull. \
               50:303 (formulation and firing rates)",
    input_unit: "pA",
    params: {
        c_m: param("pF", 250.0, Positive, "membrane capacitance C"),
        g_l: param("nS", 25.0, NonNegative, "leak conductance 1/R (0: perfect capacitor without leak)"),
        e_l: param("mV", -70.0, Finite, "resting potential"),
        v_th: standard::v_th(-55.0),
        v_reset: param("mV", -70.0, Finite, "reset potential (Abbott: the resting potential)"),
        t_ref: standard::t_ref(2.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

/// One neuron's constants for steps of h.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    /// e^{-h g_L / C_m}.
    decay: f64,
    /// mV per pA of current held over one step: (1 - decay)/g_L, or h/C_m when g_L = 0.
    gain: f64,
    /// Refractory time set at a spike (`t_ref` rounded to whole steps), ms.
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, h: f64) -> Consts {
        let rate = p.g_l / p.c_m; // 1/ms
        Consts {
            p: *p,
            decay: (-h * rate).exp(),
            gain: if p.g_l > 0.0 {
                -(-h * rate).exp_m1() / p.g_l
            } else {
                h / p.c_m
            },
            t_ref: whole_steps(p.t_ref, h),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            refractory: 0.0,
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        let e_l = c.p.e_l;
        s.v = e_l + (s.v - e_l) * c.decay + c.gain * (input.current + c.p.i_e) + input.jump;
        if s.v >= c.p.v_th {
            s.v = c.p.v_reset;
            s.refractory = c.t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;
    use crate::{NeuronKernel, StepInput};

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
