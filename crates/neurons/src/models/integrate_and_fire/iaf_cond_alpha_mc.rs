//! Three-compartment conductance-based integrate-and-fire neuron (soma, proximal and distal
//! dendrite) with alpha-function synapses: NEST's `iaf_cond_alpha_mc` (a prototype NEST
//! marks deprecated in favour of `cm_default`; Meffin et al. 2004; Bernander et al. 1991).
//! Each compartment's voltage is a state variable of the one point kernel.
//!
//! For each compartment n (s, p, d), with the passive couplings g_sp (soma-proximal) and
//! g_pd (proximal-distal):
//!   C_n dV_n/dt = -g_L,n (V_n - E_L,n) - g_ex,n (V_n - E_ex,n) - g_in,n (V_n - E_in,n)
//!                 - I_conn,n + I_e,n (+ I at the soma)
//!   I_conn,s = g_sp (V_s - V_p), I_conn,p = g_sp (V_p - V_s) + g_pd (V_p - V_d),
//!   I_conn,d = g_pd (V_d - V_p)
//!   alpha conductances: dg'/dt = -g'/tau, dg/dt = g' - g/tau (a weight w raises g' by
//!   w e / tau: peak w nS at t = tau).
//! V_s >= V_th emits a spike: V_s = V_reset, held for t_ref. As in NEST's code (its doc says
//! the dendrites are "not manipulated"), during t_ref dV/dt = 0 in all three compartments
//! (the refractory flag set for the soma stays set for the dendrites), the soma's V reads
//! V_reset, and the conductances keep evolving; the right-hand side reads min(V_s, V_th).
//!
//! Input: `input.current` (pA) is injected into the soma (NEST receptor `soma_curr`); a
//! delta-synapse weight w > 0 (nS) goes to the soma's excitatory synapse, w < 0 to its
//! inhibitory one (as -w) (NEST receptors `soma_exc`, `soma_inh`, whose weights are
//! positive); the dendritic synapses and currents are reachable through the state and
//! `i_e_prox`, `i_e_dist` only.
//!
//! Numerics: Dormand–Prince `rk45` (`Tolerance::DEFAULT`, step in `aux.h`; NEST: GSL RKF45)
//! with the somatic threshold crossing located in the step (`rk45` event, linear
//! interpolation), where V_s is reset and all compartments clamped for the rest of the step
//! and round(t_ref / dt) further steps (NEST tests the threshold at the end of the step).
//! Defaults: NEST's.

use crate::define::*;
use integrate::{refractory_step, whole_steps};
use std::cell::Cell;

crate::model! {
    name: "iaf_cond_alpha_mc",
    class: "IafCondAlphaMcNeuron",
    summary: "Soma, proximal and distal dendrite, each C_n dV_n/dt = -g_L,n(V_n - E_L,n) - \
              g_ex,n(V_n - E_ex,n) - g_in,n(V_n - E_in,n) - I_conn,n + I_e,n, coupled by g_sp \
              and g_pd, alpha conductances; V_s >= V_th -> spike, V_s = V_reset, all \
              compartments frozen for t_ref (NEST iaf_cond_alpha_mc). rk45 with the crossing \
              located in the step.",
    citation: "Meffin, Burkitt & Grayden (2004) J. Comput. Neurosci. 16:159; Bernander, \
               Douglas, Martin & Koch (1991) PNAS 88:11569; NEST 3.10 iaf_cond_alpha_mc \
               (defaults)",
    input_unit: "pA",
    params: {
        v_th: standard::v_th(-55.0),
        v_reset: standard::v_reset(-60.0),
        t_ref: standard::t_ref(2.0),
        g_sp: param("nS", 2.5, NonNegative, "coupling conductance soma - proximal dendrite"),
        g_pd: param("nS", 1.0, NonNegative, "coupling conductance proximal - distal dendrite"),
        g_l_soma: param("nS", 10.0, Positive, "leak conductance of the soma"),
        c_m_soma: param("pF", 150.0, Positive, "capacitance of the soma"),
        e_l_soma: param("mV", -70.0, Finite, "leak reversal potential of the soma"),
        e_ex_soma: param("mV", 0.0, Finite, "excitatory reversal potential of the soma"),
        e_in_soma: param("mV", -85.0, Finite, "inhibitory reversal potential of the soma"),
        tau_syn_ex_soma: param("ms", 0.5, Positive, "excitatory alpha time constant of the soma"),
        tau_syn_in_soma: param("ms", 2.0, Positive, "inhibitory alpha time constant of the soma"),
        i_e_soma: param("pA", 0.0, Finite, "constant current into the soma"),
        g_l_prox: param("nS", 5.0, Positive, "leak conductance of the proximal dendrite"),
        c_m_prox: param("pF", 75.0, Positive, "capacitance of the proximal dendrite"),
        e_l_prox: param("mV", -70.0, Finite, "leak reversal potential of the proximal dendrite"),
        e_ex_prox: param("mV", 0.0, Finite, "excitatory reversal potential of the proximal dendrite"),
        e_in_prox: param("mV", -85.0, Finite, "inhibitory reversal potential of the proximal dendrite"),
        tau_syn_ex_prox: param("ms", 0.5, Positive, "excitatory alpha time constant of the proximal dendrite"),
        tau_syn_in_prox: param("ms", 2.0, Positive, "inhibitory alpha time constant of the proximal dendrite"),
        i_e_prox: param("pA", 0.0, Finite, "constant current into the proximal dendrite"),
        g_l_dist: param("nS", 10.0, Positive, "leak conductance of the distal dendrite"),
        c_m_dist: param("pF", 150.0, Positive, "capacitance of the distal dendrite"),
        e_l_dist: param("mV", -70.0, Finite, "leak reversal potential of the distal dendrite"),
        e_ex_dist: param("mV", 0.0, Finite, "excitatory reversal potential of the distal dendrite"),
        e_in_dist: param("mV", -85.0, Finite, "inhibitory reversal potential of the distal dendrite"),
        tau_syn_ex_dist: param("ms", 0.5, Positive, "excitatory alpha time constant of the distal dendrite"),
        tau_syn_in_dist: param("ms", 2.0, Positive, "inhibitory alpha time constant of the distal dendrite"),
        i_e_dist: param("pA", 0.0, Finite, "constant current into the distal dendrite"),
    },
    state: {
        v_soma: ("mV", "membrane potential of the soma"),
        g_ex_soma: ("nS", "excitatory conductance of the soma"),
        dg_ex_soma: ("nS/ms", "derivative of the excitatory conductance of the soma"),
        g_in_soma: ("nS", "inhibitory conductance of the soma"),
        dg_in_soma: ("nS/ms", "derivative of the inhibitory conductance of the soma"),
        v_prox: ("mV", "membrane potential of the proximal dendrite"),
        g_ex_prox: ("nS", "excitatory conductance of the proximal dendrite"),
        dg_ex_prox: ("nS/ms", "derivative of the excitatory conductance of the proximal dendrite"),
        g_in_prox: ("nS", "inhibitory conductance of the proximal dendrite"),
        dg_in_prox: ("nS/ms", "derivative of the inhibitory conductance of the proximal dendrite"),
        v_dist: ("mV", "membrane potential of the distal dendrite"),
        g_ex_dist: ("nS", "excitatory conductance of the distal dendrite"),
        dg_ex_dist: ("nS/ms", "derivative of the excitatory conductance of the distal dendrite"),
        g_in_dist: ("nS", "inhibitory conductance of the distal dendrite"),
        dg_in_dist: ("nS/ms", "derivative of the inhibitory conductance of the distal dendrite"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v_soma,
    delta_input: "w > 0 -> the soma's excitatory alpha conductance peaks at w nS (g' += w e / \
                  tau), w < 0 -> its inhibitory one at -w; at the end of the step",
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

/// (dg/dt, dg'/dt) of an alpha conductance.
fn alpha(g: f64, dg: f64, tau: f64) -> (f64, f64) {
    (dg - g / tau, -dg / tau)
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> Self::Consts {
        (*p, whole_steps(p.t_ref, dt))
    }

    fn init((p, _): &Self::Consts) -> Vars {
        Vars {
            v_soma: p.e_l_soma,
            v_prox: p.e_l_prox,
            v_dist: p.e_l_dist,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step((p, t_ref): &Self::Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let clamped = Cell::new(refractory_step(&mut s.refractory, input.dt));
        let f = |y: Vars| {
            let frozen = clamped.get();
            let vs = if frozen {
                p.v_reset
            } else {
                y.v_soma.min(p.v_th)
            };
            let (vp, vd) = (y.v_prox, y.v_dist);
            let dv = |v: f64,
                      g_l: f64,
                      e_l: f64,
                      gx: f64,
                      ex: f64,
                      gi: f64,
                      ei: f64,
                      conn: f64,
                      i: f64,
                      c: f64| {
                if frozen {
                    0.0
                } else {
                    (-g_l * (v - e_l) - gx * (v - ex) - gi * (v - ei) - conn + i) / c
                }
            };
            let (g_ex_soma, dg_ex_soma) = alpha(y.g_ex_soma, y.dg_ex_soma, p.tau_syn_ex_soma);
            let (g_in_soma, dg_in_soma) = alpha(y.g_in_soma, y.dg_in_soma, p.tau_syn_in_soma);
            let (g_ex_prox, dg_ex_prox) = alpha(y.g_ex_prox, y.dg_ex_prox, p.tau_syn_ex_prox);
            let (g_in_prox, dg_in_prox) = alpha(y.g_in_prox, y.dg_in_prox, p.tau_syn_in_prox);
            let (g_ex_dist, dg_ex_dist) = alpha(y.g_ex_dist, y.dg_ex_dist, p.tau_syn_ex_dist);
            let (g_in_dist, dg_in_dist) = alpha(y.g_in_dist, y.dg_in_dist, p.tau_syn_in_dist);
            Vars {
                v_soma: dv(
                    vs,
                    p.g_l_soma,
                    p.e_l_soma,
                    y.g_ex_soma,
                    p.e_ex_soma,
                    y.g_in_soma,
                    p.e_in_soma,
                    p.g_sp * (vs - vp),
                    p.i_e_soma + input.current,
                    p.c_m_soma,
                ),
                v_prox: dv(
                    vp,
                    p.g_l_prox,
                    p.e_l_prox,
                    y.g_ex_prox,
                    p.e_ex_prox,
                    y.g_in_prox,
                    p.e_in_prox,
                    p.g_sp * (vp - vs) + p.g_pd * (vp - vd),
                    p.i_e_prox,
                    p.c_m_prox,
                ),
                v_dist: dv(
                    vd,
                    p.g_l_dist,
                    p.e_l_dist,
                    y.g_ex_dist,
                    p.e_ex_dist,
                    y.g_in_dist,
                    p.e_in_dist,
                    p.g_pd * (vd - vp),
                    p.i_e_dist,
                    p.c_m_dist,
                ),
                g_ex_soma,
                dg_ex_soma,
                g_in_soma,
                dg_in_soma,
                g_ex_prox,
                dg_ex_prox,
                g_in_prox,
                dg_in_prox,
                g_ex_dist,
                dg_ex_dist,
                g_in_dist,
                dg_in_dist,
                refractory: 0.0,
            }
        };
        let mut spiked = false;
        let event = |a: Vars, b: Vars| {
            if clamped.get() || b.v_soma < p.v_th {
                return None;
            }
            spiked = true;
            clamped.set(*t_ref > 0.0);
            let theta = ((p.v_th - a.v_soma) / (b.v_soma - a.v_soma)).clamp(0.0, 1.0);
            let mut r = a + (b + a * -1.0) * theta;
            r.v_soma = p.v_reset;
            Some((theta, r))
        };
        if clamped.get() {
            s.v_soma = p.v_reset;
        }
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, event);
        if spiked && *t_ref > 0.0 {
            s.refractory = *t_ref;
        }
        if input.jump > 0.0 {
            s.dg_ex_soma += input.jump * std::f64::consts::E / p.tau_syn_ex_soma;
        } else {
            s.dg_in_soma -= input.jump * std::f64::consts::E / p.tau_syn_in_soma;
        }
        spiked
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// The passive chain's steady state under a somatic current I (Kirchhoff, relative to
    /// E_L): V_d = g_pd V_p / (g_L,d + g_pd), V_p = g_sp V_s / (g_L,p + g_sp + g_pd - g_pd^2 /
    /// (g_L,d + g_pd)), V_s = I / (g_L,s + g_sp - g_sp^2 / (...)): with the defaults the input
    /// conductance is 11.7568 nS (85.06 MOhm), so I = 100 pA gives V_s - E_L = 8.5057 mV,
    /// V_p - E_L = 2.5287 mV, V_d - E_L = 0.22988 mV; the rheobase is 15 mV x 11.7568 nS =
    /// 176.35 pA.
    #[test]
    fn passive_chain_reaches_its_steady_state() {
        let mut k = kernel(&MODEL, &[], 0.1);
        assert!(hold(k.as_mut(), 100.0, 20_000).is_empty());
        let dp: f64 = 5.0 + 2.5 + 1.0 - 1.0 / 11.0;
        let g_in = 10.0 + 2.5 - 2.5 * 2.5 / dp;
        let vs = 100.0 / g_in;
        let vp = 2.5 * vs / dp;
        let vd = vp / 11.0;
        for (k_var, v) in [(0, vs), (5, vp), (10, vd)] {
            let got = k.var(k_var)[0] + 70.0;
            assert!((got - v).abs() < 1e-4, "{k_var}: {got} vs {v}");
        }
        assert!(spike_times(&MODEL, &[], 15.0 * g_in * 0.99, 0.1, 3000.0).is_empty());
        assert!(!spike_times(&MODEL, &[], 15.0 * g_in * 1.01, 0.1, 3000.0).is_empty());
    }
}
