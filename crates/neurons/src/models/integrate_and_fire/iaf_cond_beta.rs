//! Conductance-based leaky integrate-and-fire neuron with beta-shaped (difference of
//! exponentials) synaptic conductances (NEST `iaf_cond_beta`; Rotter & Diesmann 1999,
//! Roth & van Rossum 2009):
//!
//! C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I + I_e
//! dD_x/dt = -D_x / tau_rise_x,  dg_x/dt = D_x - g_x / tau_decay_x   (x = ex, in)
//!
//! A weight w (nS) adds |w| k_x to D_x, x = ex if w > 0 and in if w < 0 (NEST splits them
//! by sign; the engine sums the weights arriving in one step before the model sees them),
//! with k = (1/tau_r - 1/tau_d) / (exp(-t_p/tau_d) - exp(-t_p/tau_r)),
//! t_p = tau_r tau_d ln(tau_d/tau_r) / (tau_d - tau_r), so that a single transient
//! |w| (exp(-t/tau_d) - exp(-t/tau_r)) k / (1/tau_r - 1/tau_d) peaks at |w| at t_p; for
//! tau_r = tau_d = tau it is the alpha function (k = e/tau, NEST's defaults).
//!
//! Spike, reset and refractoriness as `iaf_cond_exp`; numerics the same
//! (`rk45`, crossing located by linear interpolation, V clamped after it when t_ref > 0).

use super::iaf_cond_exp::if_rk45;
use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "iaf_cond_beta",
    class: "IafCondBetaNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I + I_e; beta \
              conductances dD_x/dt = -D_x/tau_rise_x, dg_x/dt = D_x - g_x/tau_decay_x, a weight \
              giving a transient of peak |w| (nS; w > 0 -> ex, w < 0 -> in); V >= V_th -> \
              spike, V = V_reset, clamped for t_ref. rk45 (NEST iaf_cond_beta).",
    citation: "Rotter & Diesmann (1999) Biol. Cybern. 81:381; Roth & van Rossum (2009) in \
               Computational Modeling Methods for Neuroscientists, MIT Press, ch. 6; NEST \
               iaf_cond_beta (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(250.0),
        g_l: standard::g_l(16.6667),
        e_l: standard::e_l(-70.0),
        e_ex: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_in: param("mV", -85.0, Finite, "inhibitory reversal potential"),
        tau_rise_ex: param("ms", 0.2, Positive, "excitatory conductance rise time"),
        tau_decay_ex: param("ms", 0.2, Positive, "excitatory conductance decay time"),
        tau_rise_in: param("ms", 2.0, Positive, "inhibitory conductance rise time"),
        tau_decay_in: param("ms", 2.0, Positive, "inhibitory conductance decay time"),
        v_th: standard::v_th(-55.0),
        v_reset: standard::v_reset(-60.0),
        t_ref: standard::t_ref(2.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        dg_ex: ("nS/ms", "excitatory beta-conductance rise term"),
        g_ex: ("nS", "excitatory synaptic conductance"),
        dg_in: ("nS/ms", "inhibitory beta-conductance rise term"),
        g_in: ("nS", "inhibitory synaptic conductance"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w k_ex to dg_ex (w > 0) or -w k_in to dg_in (w < 0): a beta \
                  conductance of peak |w|, nS",
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

/// The weight-to-D factor k of a beta conductance with rise `tr` and decay `td` (ms) that
/// makes its peak 1 (e/tau when the two are equal).
pub(crate) fn beta_norm(tr: f64, td: f64) -> f64 {
    if (td - tr).abs() <= 1e-6 * td.max(tr) {
        return std::f64::consts::E / (0.5 * (tr + td));
    }
    let tp = tr * td * (td / tr).ln() / (td - tr);
    (1.0 / tr - 1.0 / td) / ((-tp / td).exp() - (-tp / tr).exp())
}

/// Per-neuron constants: the parameters, t_ref on the step grid, the weight factors.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    t_ref: f64,
    k_ex: f64,
    k_in: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            t_ref: whole_steps(p.t_ref, dt),
            k_ex: beta_norm(p.tau_rise_ex, p.tau_decay_ex),
            k_in: beta_norm(p.tau_rise_in, p.tau_decay_in),
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
                    dg_ex: -y.dg_ex / p.tau_rise_ex,
                    g_ex: y.dg_ex - y.g_ex / p.tau_decay_ex,
                    dg_in: -y.dg_in / p.tau_rise_in,
                    g_in: y.dg_in - y.g_in / p.tau_decay_in,
                    refractory: 0.0,
                }
            },
        );
        *s = y;
        s.dg_ex += input.jump.max(0.0) * c.k_ex;
        s.dg_in -= input.jump.min(0.0) * c.k_in;
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

    /// A weight of 2 nS with tau_rise = 0.5, tau_decay = 3 ms peaks at 2 nS at
    /// t_p = tau_r tau_d ln(tau_d/tau_r)/(tau_d - tau_r) = 1.0751 ms; with the (equal)
    /// defaults, -3 nS gives an inhibitory alpha conductance of 3 nS at 2 ms.
    #[test]
    fn conductance_peaks_at_w_at_the_closed_form_time() {
        let given = [("tau_rise_ex", 0.5), ("tau_decay_ex", 3.0)];
        let (t, g) = conductance_peak(&MODEL, &given, 2.0, 2, 0.001);
        let tp = 0.5 * 3.0 * 6f64.ln() / 2.5;
        assert!((tp - 1.0751).abs() < 1e-4);
        assert!((g - 2.0).abs() < 1e-4 && (t - tp).abs() < 0.0015, "{t} {g}");
        let (t, g) = conductance_peak(&MODEL, &[], -3.0, 4, 0.001);
        assert!(
            (g - 3.0).abs() < 1e-4 && (t - 2.0).abs() < 0.0015,
            "{t} {g}"
        );
    }
}
