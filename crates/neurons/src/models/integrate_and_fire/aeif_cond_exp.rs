//! Adaptive exponential integrate-and-fire neuron with exponentially decaying synaptic
//! conductances (Brette & Gerstner 2005; NEST `aeif_cond_exp`):
//!
//! C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - g_ex (V - E_ex)
//!             - g_in (V - E_in) - w + I + I_e
//! tau_w dw/dt = a (V - E_L) - w,   dg_x/dt = -g_x / tau_syn_x
//!
//! A weight w (nS) adds w to g_ex if w > 0 and -w to g_in if w < 0 (NEST splits them by
//! sign; the engine sums the weights arriving in one step before the model sees them).
//! Spike when V reaches V_peak (V_th if Delta_T = 0, where the exponential term vanishes
//! and the model is a LIF with adaptation, as in NEST): V = V_reset, w += b, and V is
//! clamped at V_reset for t_ref while w evolves with V = V_reset. As in NEST the right-hand
//! side reads min(V, V_peak); its exponent is further capped at 500 so that no parameter
//! choice overflows (NEST instead rejects (V_peak - V_th)/Delta_T above ~709).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (NEST: GSL RKF45), the
//! crossing of V_peak located by linear interpolation within the integrator's last step;
//! the integration restarts from the reset there.

use super::iaf_cond_exp::if_rk45;
use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "aeif_cond_exp",
    class: "AeifCondExpNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - g_ex (V - E_ex) \
              - g_in (V - E_in) - w + I + I_e; tau_w dw/dt = a (V - E_L) - w; dg_x/dt = \
              -g_x/tau_syn_x (weights nS, w > 0 -> ex, w < 0 -> in); V >= V_peak -> spike, \
              V = V_reset, w += b, clamped for t_ref. rk45 (NEST aeif_cond_exp).",
    citation: "Brette & Gerstner (2005) J. Neurophysiol. 94:3637; NEST aeif_cond_exp \
               (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(281.0),
        g_l: standard::g_l(30.0),
        e_l: standard::e_l(-70.6),
        v_th: param("mV", -50.4, Finite, "spike initiation threshold (exponential term's V_T)"),
        delta_t: param("mV", 2.0, NonNegative, "slope factor (0: LIF with threshold V_th)"),
        tau_w: param("ms", 144.0, Positive, "adaptation time constant"),
        a: param("nS", 4.0, Finite, "subthreshold adaptation conductance"),
        b: param("pA", 80.5, Finite, "spike-triggered adaptation increment"),
        v_peak: param("mV", 0.0, Finite, "spike detection potential (used if Delta_T > 0)"),
        v_reset: standard::v_reset(-60.0),
        t_ref: standard::t_ref(0.0),
        e_ex: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_in: param("mV", -85.0, Finite, "inhibitory reversal potential"),
        tau_syn_ex: param("ms", 0.2, Positive, "excitatory conductance decay time"),
        tau_syn_in: param("ms", 2.0, Positive, "inhibitory conductance decay time"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.6),
    },
    state: {
        v: ("mV", "membrane potential"),
        w: ("pA", "adaptation current"),
        g_ex: ("nS", "excitatory synaptic conductance"),
        g_in: ("nS", "inhibitory synaptic conductance"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w to g_ex (w > 0) or -w to g_in (w < 0), nS",
    require: [v_reset < v_peak, v_th < v_peak],
    drive: 1000.0,
    build: point,
}

/// Largest exponent of the spike current.
const MAX_EXP_ARG: f64 = 500.0;

/// The AdEx membrane of NEST's aeif models: what the four variants share.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Adex {
    pub c_m: f64,
    pub g_l: f64,
    pub e_l: f64,
    pub v_th: f64,
    pub delta_t: f64,
    pub tau_w: f64,
    pub a: f64,
    pub b: f64,
    pub v_peak: f64,
    pub v_reset: f64,
    /// t_ref on the step grid, ms.
    pub t_ref: f64,
}

impl Adex {
    /// Spike detection level: V_peak, or V_th when Delta_T = 0 (NEST).
    pub fn threshold(&self) -> f64 {
        if self.delta_t > 0.0 {
            self.v_peak
        } else {
            self.v_th
        }
    }

    /// The potential the currents see: V_reset while clamped, else min(V, V_peak).
    #[inline(always)]
    pub fn v_eff(&self, v: f64, clamped: bool) -> f64 {
        if clamped {
            self.v_reset
        } else {
            v.min(self.v_peak)
        }
    }

    /// (dV/dt, dw/dt) at effective potential `v` with adaptation `w` and the other currents
    /// (synaptic, external) summing to `i`.
    #[inline(always)]
    pub fn rates(&self, v: f64, w: f64, i: f64, clamped: bool) -> (f64, f64) {
        let spike = if self.delta_t > 0.0 {
            let x = ((v - self.v_th) / self.delta_t).min(MAX_EXP_ARG);
            self.g_l * self.delta_t * x.exp()
        } else {
            0.0
        };
        let dv = (-self.g_l * (v - self.e_l) + spike - w + i) / self.c_m;
        (
            if clamped { 0.0 } else { dv },
            (self.a * (v - self.e_l) - w) / self.tau_w,
        )
    }
}

/// Per-neuron constants.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    m: Adex,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let m = Adex {
            c_m: p.c_m,
            g_l: p.g_l,
            e_l: p.e_l,
            v_th: p.v_th,
            delta_t: p.delta_t,
            tau_w: p.tau_w,
            a: p.a,
            b: p.b,
            v_peak: p.v_peak,
            v_reset: p.v_reset,
            t_ref: whole_steps(p.t_ref, dt),
        };
        Consts { p: *p, m }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let (p, m) = (&c.p, &c.m);
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let i_ext = input.current + p.i_e;
        let (y, spiked) = if_rk45(
            *s,
            input.dt,
            aux.h,
            refractory,
            m.t_ref > 0.0,
            m.threshold(),
            |y| y.v,
            |y| Vars {
                v: m.v_reset,
                w: y.w + m.b,
                ..y
            },
            |y, clamped| {
                let v = m.v_eff(y.v, clamped);
                let i = i_ext - y.g_ex * (v - p.e_ex) - y.g_in * (v - p.e_in);
                let (dv, dw) = m.rates(v, y.w, i, clamped);
                Vars {
                    v: dv,
                    w: dw,
                    g_ex: -y.g_ex / p.tau_syn_ex,
                    g_in: -y.g_in / p.tau_syn_in,
                    refractory: 0.0,
                }
            },
        );
        *s = y;
        s.g_ex += input.jump.max(0.0);
        s.g_in -= input.jump.min(0.0);
        if refractory {
            s.v = m.v_reset;
        }
        if spiked {
            s.refractory = m.t_ref;
        }
        spiked
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// Closed forms every aeif variant meets without synaptic input (NEST defaults
    /// C_m = 281 pF, g_L = 30 nS, E_L = -70.6, V_th = -50.4, Delta_T = 2 mV, V_reset = -60):
    /// - with a = b = 0 the model is the exponential IF, whose rheobase is the saddle-node
    ///   current g_L (V_th - E_L - Delta_T) = 546 pA (Fourcaud-Trocmé et al. 2003);
    /// - with Delta_T = 0 (NEST's switch to LIF dynamics, threshold V_th) and a = b = 0, the
    ///   interval is tau ln((V_inf - V_reset)/(V_inf - V_th)), tau = C_m/g_L,
    ///   V_inf = E_L + I/g_L;
    /// - with the defaults (a = 4 nS), the rheobase of sustained firing lies above the
    ///   exponential IF's, at most the saddle-node current of the 2-D system
    ///   (g_L + a)(V* - E_L - Delta_T), V* = V_th + Delta_T ln(1 + a/g_L): 627.3 pA.
    pub(crate) fn check_closed_forms(model: &'static crate::ModelInfo) {
        let no_adapt = [("a", 0.0), ("b", 0.0)];
        let rheobase = 30.0 * (-50.4 + 70.6 - 2.0);
        assert!((rheobase - 546.0f64).abs() < 1e-9);
        assert!(spike_times(model, &no_adapt, 0.99 * rheobase, 0.1, 1000.0).is_empty());
        assert!(!spike_times(model, &no_adapt, 1.01 * rheobase, 0.1, 1000.0).is_empty());
        let lif = [("a", 0.0), ("b", 0.0), ("delta_t", 0.0)];
        let i = 1000.0;
        let v_inf: f64 = -70.6 + i / 30.0;
        let period = 281.0 / 30.0 * ((v_inf + 60.0) / (v_inf + 50.4)).ln();
        let dt = 0.01;
        let times = spike_times(model, &lif, i, dt, 200.0);
        assert!(times.len() > 5);
        for isi in times.windows(2).map(|w| w[1] - w[0]) {
            assert!((isi - period).abs() <= dt + 1e-4, "{isi} vs {period}");
        }
        let v_star = -50.4 + 2.0 * (34.0f64 / 30.0).ln();
        let sn = 34.0 * (v_star + 70.6 - 2.0);
        assert!((sn - 627.3).abs() < 0.1, "{sn}");
        let late = |i: f64| {
            spike_times(model, &[], i, 0.1, 3000.0)
                .iter()
                .filter(|&&t| t > 2000.0)
                .count()
        };
        assert_eq!(late(0.99 * rheobase), 0);
        assert!(late(1.01 * sn) > 0);
    }

    #[test]
    fn closed_forms_hold() {
        check_closed_forms(&MODEL);
    }

    /// A weight w > 0 raises g_ex by w, w < 0 raises g_in by -w.
    #[test]
    fn weights_are_split_by_sign() {
        use super::super::iaf_cond_exp::tests::conductance_peak;
        let (_, g) = conductance_peak(&MODEL, &[], 2.0, 2, 0.01);
        assert!((g - 2.0).abs() < 1e-12);
        let (_, g) = conductance_peak(&MODEL, &[], -3.0, 3, 0.01);
        assert!((g - 3.0).abs() < 1e-12);
    }
}
