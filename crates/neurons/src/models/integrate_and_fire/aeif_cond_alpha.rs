//! Adaptive exponential integrate-and-fire neuron with alpha-shaped synaptic conductances
//! (Brette & Gerstner 2005; NEST `aeif_cond_alpha`):
//!
//! C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - g_ex (V - E_ex)
//!             - g_in (V - E_in) - w + I + I_e
//! tau_w dw/dt = a (V - E_L) - w
//! dD_x/dt = -D_x/tau_syn_x,  dg_x/dt = D_x - g_x/tau_syn_x
//!
//! A weight w (nS) adds |w| e/tau_syn_x to D_x, x = ex if w > 0 and in if w < 0 (NEST
//! splits them by sign; the engine sums the weights arriving in one step before the model
//! sees them): a conductance transient peaking at |w| at t = tau_syn_x.
//! Spike when V reaches V_peak (V_th if Delta_T = 0, where the exponential term vanishes
//! and the model is a LIF with adaptation, as in NEST): V = V_reset, w += b, and V is
//! clamped at V_reset for t_ref while w evolves with V = V_reset. As in NEST the right-hand
//! side reads min(V, V_peak); its exponent is further capped at 500 so that no parameter
//! choice overflows (NEST instead rejects (V_peak - V_th)/Delta_T above ~709).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (NEST: GSL RKF45), the
//! crossing of V_peak located by linear interpolation within the integrator's last step;
//! the integration restarts from the reset there.

use super::aeif_cond_exp::Adex;
use super::iaf_cond_exp::if_rk45;
use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "aeif_cond_alpha",
    class: "AeifCondAlphaNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - g_ex (V - E_ex) \
              - g_in (V - E_in) - w + I + I_e; tau_w dw/dt = a (V - E_L) - w; alpha \
              conductances of peak |w| at tau_syn_x (weights nS, w > 0 -> ex, w < 0 -> in); \
              V >= V_peak -> spike, V = V_reset, w += b, clamped for t_ref. rk45 (NEST aeif_cond_alpha).",
    citation: "Brette & Gerstner (2005) J. Neurophysiol. 94:3637; NEST aeif_cond_alpha \
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
        tau_syn_ex: param("ms", 0.2, Positive, "excitatory conductance rise time (peak time)"),
        tau_syn_in: param("ms", 2.0, Positive, "inhibitory conductance rise time (peak time)"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.6),
    },
    state: {
        v: ("mV", "membrane potential"),
        w: ("pA", "adaptation current"),
        dg_ex: ("nS/ms", "excitatory alpha-conductance derivative term"),
        g_ex: ("nS", "excitatory synaptic conductance"),
        dg_in: ("nS/ms", "inhibitory alpha-conductance derivative term"),
        g_in: ("nS", "inhibitory synaptic conductance"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w e/tau_syn_ex to dg_ex (w > 0) or -w e/tau_syn_in to dg_in (w < 0): \
                  an alpha conductance of peak |w|, nS",
    require: [v_reset < v_peak, v_th < v_peak],
    drive: 1000.0,
    build: point,
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
                    dg_ex: -y.dg_ex / p.tau_syn_ex,
                    g_ex: y.dg_ex - y.g_ex / p.tau_syn_ex,
                    dg_in: -y.dg_in / p.tau_syn_in,
                    g_in: y.dg_in - y.g_in / p.tau_syn_in,
                    refractory: 0.0,
                }
            },
        );
        *s = y;
        let e = std::f64::consts::E;
        s.dg_ex += input.jump.max(0.0) * e / p.tau_syn_ex;
        s.dg_in -= input.jump.min(0.0) * e / p.tau_syn_in;
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
mod tests {
    use super::super::aeif_cond_exp::tests::check_closed_forms;
    use super::*;

    /// The closed forms of `aeif_cond_exp::tests::check_closed_forms` (exponential IF
    /// rheobase 546 pA, the Delta_T = 0 LIF interval, the 2-D saddle-node current 627.3 pA).
    #[test]
    fn closed_forms_hold() {
        check_closed_forms(&MODEL);
    }

    /// A weight of 2 nS gives g_ex peaking at 2 nS at tau_syn_ex = 0.2 ms.
    #[test]
    fn conductance_peaks_at_w_at_tau() {
        use super::super::iaf_cond_exp::tests::conductance_peak;
        let (t, g) = conductance_peak(&MODEL, &[], 2.0, 3, 0.001);
        assert!(
            (g - 2.0).abs() < 1e-4 && (t - 0.2).abs() < 0.0015,
            "{t} {g}"
        );
    }
}
