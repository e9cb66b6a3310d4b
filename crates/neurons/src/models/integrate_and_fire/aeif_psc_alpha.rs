//! Adaptive exponential integrate-and-fire neuron with alpha-shaped synaptic currents
//! (Brette & Gerstner 2005; NEST `aeif_psc_alpha`):
//!
//! C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) + I_ex + I_in - w
//!             + I + I_e
//! tau_w dw/dt = a (V - E_L) - w
//! dD_x/dt = -D_x/tau_syn_x,  dI_x/dt = D_x - I_x/tau_syn_x
//!
//! A weight w (pA) adds w e/tau_syn_x to D_x, x = ex if w > 0 and in if w < 0 (NEST
//! splits them by sign; the engine sums the weights arriving in one step before the model
//! sees them): a current transient peaking at w at t = tau_syn_x.
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
    name: "aeif_psc_alpha",
    class: "AeifPscAlphaNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) + I_ex + I_in \
              - w + I + I_e; tau_w dw/dt = a (V - E_L) - w; alpha currents of \
              peak w at tau_syn_x (weights pA, w > 0 -> ex, w < 0 -> in); V >= V_peak -> spike, \
              V = V_reset, w += b, clamped for t_ref. rk45 (NEST aeif_psc_alpha).",
    citation: "Brette & Gerstner (2005) J. Neurophysiol. 94:3637; NEST aeif_psc_alpha \
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
        tau_syn_ex: param("ms", 0.2, Positive, "excitatory alpha-current rise time (peak time)"),
        tau_syn_in: param("ms", 2.0, Positive, "inhibitory alpha-current rise time (peak time)"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.6),
    },
    state: {
        v: ("mV", "membrane potential"),
        w: ("pA", "adaptation current"),
        di_ex: ("pA/ms", "excitatory alpha-current derivative term"),
        i_syn_ex: ("pA", "excitatory synaptic current"),
        di_in: ("pA/ms", "inhibitory alpha-current derivative term"),
        i_syn_in: ("pA", "inhibitory synaptic current (negative)"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w e/tau_syn_ex to di_ex (w > 0) or w e/tau_syn_in to di_in (w < 0): \
                  an alpha current of peak w, pA",
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
                let i = i_ext + y.i_syn_ex + y.i_syn_in;
                let (dv, dw) = m.rates(v, y.w, i, clamped);
                Vars {
                    v: dv,
                    w: dw,
                    di_ex: -y.di_ex / p.tau_syn_ex,
                    i_syn_ex: y.di_ex - y.i_syn_ex / p.tau_syn_ex,
                    di_in: -y.di_in / p.tau_syn_in,
                    i_syn_in: y.di_in - y.i_syn_in / p.tau_syn_in,
                    refractory: 0.0,
                }
            },
        );
        *s = y;
        let e = std::f64::consts::E;
        s.di_ex += input.jump.max(0.0) * e / p.tau_syn_ex;
        s.di_in += input.jump.min(0.0) * e / p.tau_syn_in;
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
}
