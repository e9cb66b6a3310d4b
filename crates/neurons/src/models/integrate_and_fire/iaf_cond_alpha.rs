//! Conductance-based leaky integrate-and-fire neuron with alpha-shaped synaptic
//! conductances (NEST `iaf_cond_alpha`; Kuhn, Aertsen & Rotter 2004):
//!
//! C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I + I_e
//! dD_x/dt = -D_x / tau_syn_x,  dg_x/dt = D_x - g_x / tau_syn_x   (x = ex, in)
//!
//! A weight w (nS) adds |w| e/tau_syn_x to D_x, x = ex if w > 0 and in if w < 0 (NEST
//! splits them by sign; the engine sums the weights arriving in one step before the model
//! sees them): a single conductance transient w (t/tau) e^(1 - t/tau), peaking at w at
//! t = tau_syn_x. Spike, reset and refractoriness as `iaf_cond_exp`; numerics the same
//! (`rk45`, crossing located by linear interpolation, V clamped after it when t_ref > 0).

use super::iaf_cond_exp::if_rk45;
use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "iaf_cond_alpha",
    class: "IafCondAlphaNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I + I_e; alpha \
              conductances g_x = w (t/tau_syn_x) e^(1 - t/tau_syn_x) (peak w, nS; w > 0 -> ex, \
              w < 0 -> in); V >= V_th -> spike, V = V_reset, clamped for t_ref. rk45 (NEST \
              iaf_cond_alpha).",
    citation: "Kuhn, Aertsen & Rotter (2004) J. Neurosci. 24:2345; NEST iaf_cond_alpha \
               (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(250.0),
        g_l: standard::g_l(16.6667),
        e_l: standard::e_l(-70.0),
        e_ex: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_in: param("mV", -85.0, Finite, "inhibitory reversal potential"),
        tau_syn_ex: param("ms", 0.2, Positive, "excitatory conductance rise time (peak time)"),
        tau_syn_in: param("ms", 2.0, Positive, "inhibitory conductance rise time (peak time)"),
        v_th: standard::v_th(-55.0),
        v_reset: standard::v_reset(-60.0),
        t_ref: standard::t_ref(2.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        dg_ex: ("nS/ms", "excitatory alpha-conductance derivative term"),
        g_ex: ("nS", "excitatory synaptic conductance"),
        dg_in: ("nS/ms", "inhibitory alpha-conductance derivative term"),
        g_in: ("nS", "inhibitory synaptic conductance"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w e/tau_syn_ex to dg_ex (w > 0) or -w e/tau_syn_in to dg_in (w < 0): \
                  an alpha conductance of peak |w|, nS",
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

/// Per-neuron constants: the parameters and t_ref on the step grid.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            t_ref: whole_steps(p.t_ref, dt),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let i_ext = input.current + p.i_e;
        let (y, spiked) = if_rk45(
            *s,
            input.dt,
            aux.h,
            refractory,
            c.t_ref > 0.0,
            p.v_th,
            |y| y.v,
            |y| Vars { v: p.v_reset, ..y },
            |y, clamped| {
                let v = if clamped { p.v_reset } else { y.v };
                let i =
                    -p.g_l * (v - p.e_l) - y.g_ex * (v - p.e_ex) - y.g_in * (v - p.e_in) + i_ext;
                Vars {
                    v: if clamped { 0.0 } else { i / p.c_m },
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
        if spiked {
            s.v = p.v_reset;
            s.refractory = c.t_ref;
        }
        spiked
    }
}

#[cfg(test)]
mod tests {
    use super::super::iaf_cond_exp::tests::{check_lif_limit, conductance_peak};
    use super::*;

    #[test]
    fn lif_limit_matches_the_closed_form() {
        check_lif_limit(&MODEL);
    }

    /// A weight of 2 nS gives an excitatory conductance peaking at 2 nS at t = tau_syn_ex
    /// (0.2 ms), and -3 nS an inhibitory one of 3 nS at tau_syn_in (2 ms).
    #[test]
    fn conductance_peaks_at_w_at_tau() {
        let (t, g) = conductance_peak(&MODEL, &[], 2.0, 2, 0.001);
        assert!(
            (g - 2.0).abs() < 1e-4 && (t - 0.2).abs() < 0.0015,
            "{t} {g}"
        );
        let (t, g) = conductance_peak(&MODEL, &[], -3.0, 4, 0.001);
        assert!(
            (g - 3.0).abs() < 1e-4 && (t - 2.0).abs() < 0.0015,
            "{t} {g}"
        );
    }
}
