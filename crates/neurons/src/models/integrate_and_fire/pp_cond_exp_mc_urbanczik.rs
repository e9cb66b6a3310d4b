//! Two-compartment (soma, dendrite) point-process neuron of Urbanczik & Senn (2014), as
//! NEST's `pp_cond_exp_mc_urbanczik`: a passive dendrite coupled to a conductance-based
//! soma whose spikes are drawn from an escape rate (no reset of V).
//!
//! C_s dV_s/dt = -g_L,s (V_s - E_L,s) - g_ex (V_s - E_ex) - g_in (V_s - E_in)
//!               + g_sd (V_d - V_s) + I_e,s + I
//! C_d dV_d/dt = -g_L,d (V_d - E_L,d) + I_d,ex + I_d,in + g_ds (V_s - V_d)
//! dg_X/dt = -g_X / tau_syn,X,s ;  dI_d,X/dt = -I_d,X / tau_syn,X,d
//! rate phi(V_s) = phi_max / (1 + k exp(beta (theta - V_s)))   (per ms)
//!
//! Spikes: outside the dead time t_ref a spike is emitted at the end of a step with
//! probability 1 - exp(-phi(V_s) dt) (the neuron's random stream); V is not reset, and a
//! spike starts a dead time of round(t_ref / dt) steps (NEST's update). With t_ref = 0 NEST
//! draws a Poisson number of spikes per step; here a step reports at most one spike (the
//! probability of at least one, 1 - exp(-phi dt)). The rate at rest (-70 mV) is 1.99 /s,
//! hence `spontaneous`.
//!
//! Input: `input.current` (pA) into the soma; a delta-synapse weight w > 0 (nS) adds to the
//! soma's g_ex, w < 0 adds -w to g_in, at the end of the step (NEST receptors `soma_exc`,
//! `soma_inh`); the dendritic current synapses are reachable through the state only. The
//! dendrite's E_ex, E_in and I_e, which NEST's dynamics do not use, are not parameters.
//! NEST's `h(u)` serves only the Urbanczik synapse and is not modelled.
//!
//! Numerics: Dormand–Prince `rk45` (`Tolerance::DEFAULT`, step in `aux.h`; NEST: GSL RKF45).
//! Defaults: NEST's (Urbanczik & Senn 2014 in NEST units).

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "pp_cond_exp_mc_urbanczik",
    class: "PpCondExpMcUrbanczikNeuron",
    summary: "Soma C_s dV_s/dt = -g_L,s(V_s - E_L,s) - g_ex(V_s - E_ex) - g_in(V_s - E_in) + \
              g_sd(V_d - V_s) + I_e + I, dendrite C_d dV_d/dt = -g_L,d(V_d - E_L,d) + I_d + \
              g_ds(V_s - V_d); spikes with probability 1 - exp(-phi(V_s) dt), phi = phi_max / \
              (1 + k exp(beta(theta - V_s))), dead time t_ref, no reset (NEST \
              pp_cond_exp_mc_urbanczik). rk45.",
    citation: "Urbanczik & Senn (2014) Neuron 81:521; NEST 3.10 pp_cond_exp_mc_urbanczik \
               (defaults)",
    input_unit: "pA",
    params: {
        t_ref: param("ms", 3.0, NonNegative, "dead time after a spike"),
        phi_max: param("1/ms", 0.15, Positive, "maximal firing rate"),
        rate_slope: param("1", 0.5, Positive, "factor k of the rate function"),
        beta: param("1/mV", 1.0 / 3.0, Positive, "slope of the rate function"),
        theta: param("mV", -55.0, Finite, "midpoint parameter of the rate function"),
        g_sd: param("nS", 600.0, NonNegative, "coupling conductance dendrite -> soma"),
        g_ds: param("nS", 0.0, NonNegative, "coupling conductance soma -> dendrite"),
        g_l_soma: param("nS", 30.0, Positive, "leak conductance of the soma"),
        c_m_soma: param("pF", 300.0, Positive, "capacitance of the soma"),
        e_l_soma: param("mV", -70.0, Finite, "leak reversal potential of the soma"),
        e_ex: param("mV", 0.0, Finite, "excitatory reversal potential (soma)"),
        e_in: param("mV", -75.0, Finite, "inhibitory reversal potential (soma)"),
        tau_syn_ex_soma: param("ms", 3.0, Positive, "decay time of the soma's excitatory conductance"),
        tau_syn_in_soma: param("ms", 3.0, Positive, "decay time of the soma's inhibitory conductance"),
        i_e: param("pA", 0.0, Finite, "constant current into the soma"),
        g_l_dend: param("nS", 30.0, Positive, "leak conductance of the dendrite"),
        c_m_dend: param("pF", 300.0, Positive, "capacitance of the dendrite"),
        e_l_dend: param("mV", -70.0, Finite, "leak reversal potential of the dendrite"),
        tau_syn_ex_dend: param("ms", 3.0, Positive, "decay time of the dendrite's excitatory current"),
        tau_syn_in_dend: param("ms", 3.0, Positive, "decay time of the dendrite's inhibitory current"),
    },
    state: {
        v_soma: ("mV", "somatic membrane potential"),
        g_ex: ("nS", "somatic excitatory conductance"),
        g_in: ("nS", "somatic inhibitory conductance"),
        v_dend: ("mV", "dendritic membrane potential"),
        i_ex_dend: ("pA", "dendritic excitatory synaptic current"),
        i_in_dend: ("pA", "dendritic inhibitory synaptic current"),
        refractory: ("ms", "dead time left"),
    },
    membrane: v_soma,
    delta_input: "w > 0 -> soma g_ex += w, w < 0 -> soma g_in += -w (nS), at the end of the step",
    drive: 9450.0,
    spontaneous: "escape-rate neuron: at rest (-70 mV) its rate phi is 1.99 spikes/s",
    stochastic: true,
    build: point,
}

/// The escape rate phi(V) (1/ms), its exponent capped at 700 so that it stays finite.
pub fn phi(p: &Parameters, v: f64) -> f64 {
    p.phi_max / (1.0 + p.rate_slope * (p.beta * (p.theta - v)).min(700.0).exp())
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> Self::Consts {
        (*p, whole_steps(p.t_ref, dt))
    }

    fn init((p, _): &Self::Consts) -> Vars {
        Vars {
            v_soma: p.e_l_soma,
            v_dend: p.e_l_dend,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step((p, t_ref): &Self::Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = p.i_e + input.current;
        let f = |y: Vars| {
            let (vs, vd) = (y.v_soma, y.v_dend);
            Vars {
                v_soma: (-p.g_l_soma * (vs - p.e_l_soma)
                    - y.g_ex * (vs - p.e_ex)
                    - y.g_in * (vs - p.e_in)
                    + p.g_sd * (vd - vs)
                    + i)
                    / p.c_m_soma,
                g_ex: -y.g_ex / p.tau_syn_ex_soma,
                g_in: -y.g_in / p.tau_syn_in_soma,
                v_dend: (-p.g_l_dend * (vd - p.e_l_dend)
                    + y.i_ex_dend
                    + y.i_in_dend
                    + p.g_ds * (vs - vd))
                    / p.c_m_dend,
                i_ex_dend: -y.i_ex_dend / p.tau_syn_ex_dend,
                i_in_dend: -y.i_in_dend / p.tau_syn_in_dend,
                refractory: 0.0,
            }
        };
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, |_, _| None);
        if input.jump > 0.0 {
            s.g_ex += input.jump;
        } else {
            s.g_in -= input.jump;
        }
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        let rate = phi(p, s.v_soma);
        if aux.rng().uniform() < -(-rate * input.dt).exp_m1() {
            s.refractory = *t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::kernel;
    use super::*;

    /// With g_ds = 0 the dendrite stays at rest and a somatic current I holds V_s at E_L +
    /// I / (g_L,s + g_sd): I = 9450 pA gives V_s = theta = -55 mV, phi = phi_max / 1.5 =
    /// 0.1 /ms. Each step spikes with p = 1 - e^{-phi dt} and a spike is followed by
    /// round(t_ref/dt) dead steps, so the rate is 1 / (t_ref + dt / p) = 76.63 /s at dt =
    /// 0.1 ms (1 / (t_ref + 1/phi) = 76.92 /s as dt -> 0: the dead-time renewal rate).
    #[test]
    fn rate_is_the_dead_time_renewal_rate() {
        let dt = 0.1;
        let mut k = kernel(&MODEL, &[], dt);
        let input = crate::StepInput {
            jump: &[0.0],
            current: &[9450.0],
        };
        let mut spikes = Vec::new();
        for _ in 0..1000 {
            k.step(&input, &mut spikes);
        }
        assert!((k.var(0)[0] + 55.0).abs() < 1e-6, "{}", k.var(0)[0]);
        spikes.clear();
        let steps = 1_000_000;
        for _ in 0..steps {
            k.step(&input, &mut spikes);
        }
        let rate = spikes.len() as f64 / (steps as f64 * dt * 1e-3);
        let p = -(-0.1f64 * dt).exp_m1();
        let expected = 1000.0 / (3.0 + dt / p);
        assert!((rate / expected - 1.0).abs() < 0.03, "{rate} vs {expected}");
    }
}
