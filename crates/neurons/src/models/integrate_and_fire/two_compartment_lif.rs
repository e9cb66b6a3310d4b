//! Two-compartment (soma and dendrite) leaky integrator with stochastic spiking: the neuron
//! of Urbanczik & Senn (2014) in the form of NEST's `pp_cond_exp_mc_urbanczik`.
//!
//! C_s dV/dt = -g_L,s (V - E_L,s) + g_sp (V_d - V) + I + I_e,
//! C_d dV_d/dt = -g_L,d (V_d - E_L,d) + I_ex + I_in + g_ps (V - V_d),
//! tau_ex dI_ex/dt = -I_ex,  tau_in dI_in/dt = -I_in.
//! The soma emits spikes as an inhomogeneous Poisson process of rate
//! phi(V) = phi_max / (1 + k exp(beta (theta - V))): in each step of length h a spike with
//! probability 1 - exp(-phi(V) h), followed by a dead time t_ref; there is no reset of V
//! (the dendrite predicts the somatic potential). The network's current I goes to the soma;
//! delta-synapse weights (pA) go to the dendritic synaptic currents (w > 0 -> I_ex += w,
//! w < 0 -> I_in += w). The somatic nudging conductances of the paper (teacher input) are
//! not modelled: the network has one synaptic input per neuron.
//! Defaults: NEST's (C = 300 pF, g_L = 30 nS, E_L = -70 mV in both compartments, g_sp =
//! 600 nS, g_ps = 0, tau_ex = tau_in = 3 ms, phi_max = 0.15 /ms, k = 0.5, beta = 1/3 /mV,
//! theta = -55 mV, t_ref = 3 ms), the paper's model in millivolt units.
//!
//! Numerics: Dormand-Prince RK45 with error control (the step carried in `aux.h`); the spike
//! is drawn at the end of the step from the potential there (as NEST); one uniform draw per
//! step from the neuron's stream, recorded in `draw`.

use crate::define::*;
use integrate::{refractory_step, rk45, whole_steps};

crate::model! {
    name: "two_compartment_lif",
    class: "TwoCompartmentLIFNeuron",
    summary: "Urbanczik-Senn two-compartment neuron: C_s dV/dt = -g_L(V - E_L) + g_sp (V_d - V) \
              + I; C_d dV_d/dt = -g_L(V_d - E_L) + I_ex + I_in + g_ps (V - V_d); spikes Poisson \
              with rate phi_max/(1 + k exp(beta (theta - V))), dead time t_ref, no reset. RK45.",
    citation: "Urbanczik & Senn (2014) Learning by the dendritic prediction of somatic \
               spiking, Neuron 81:521-528; NEST pp_cond_exp_mc_urbanczik (parameters in mV, \
               pF, nS)",
    input_unit: "pA",
    params: {
        c_s: param("pF", 300.0, Positive, "somatic capacitance"),
        g_l_s: param("nS", 30.0, Positive, "somatic leak conductance"),
        e_l_s: param("mV", -70.0, Finite, "somatic leak reversal potential"),
        c_d: param("pF", 300.0, Positive, "dendritic capacitance"),
        g_l_d: param("nS", 30.0, Positive, "dendritic leak conductance"),
        e_l_d: param("mV", -70.0, Finite, "dendritic leak reversal potential"),
        g_sp: param("nS", 600.0, NonNegative, "coupling conductance, dendrite to soma"),
        g_ps: param("nS", 0.0, NonNegative, "coupling conductance, soma to dendrite"),
        tau_ex: param("ms", 3.0, Positive, "excitatory dendritic current time constant"),
        tau_in: param("ms", 3.0, Positive, "inhibitory dendritic current time constant"),
        phi_max: param("1/ms", 0.15, NonNegative, "maximal firing rate"),
        k: param("1", 0.5, NonNegative, "rate slope factor (NEST rate_slope)"),
        beta: param("1/mV", 1.0 / 3.0, Positive, "steepness of the rate function"),
        theta: param("mV", -55.0, Finite, "midpoint of the rate function"),
        t_ref: standard::t_ref(3.0),
        i_e: standard::i_e(0.0),
    },
    state: {
        v: ("mV", "somatic potential"),
        v_d: ("mV", "dendritic potential"),
        i_ex: ("pA", "excitatory dendritic synaptic current"),
        i_in: ("pA", "inhibitory dendritic synaptic current"),
        refractory: ("ms", "dead time left"),
        draw: ("1", "the step's uniform random number"),
    },
    membrane: v,
    delta_input: "w (pA) goes to the dendritic synaptic currents: w > 0 -> I_ex += w, \
                  w < 0 -> I_in += w",
    drive: 10000.0,
    spontaneous: "Poisson (escape) spiking: phi(E_L) = 2 Hz at rest with the defaults",
    stochastic: true,
    build: point,
}

/// Rate of the escape noise, 1/ms.
fn phi(p: &Parameters, v: f64) -> f64 {
    p.phi_max / (1.0 + p.k * (p.beta * (p.theta - v)).min(700.0).exp())
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64) {
        (*p, whole_steps(p.t_ref, dt))
    }

    fn init((p, _): &(Parameters, f64)) -> Vars {
        Vars {
            v: p.e_l_s,
            v_d: p.e_l_d,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step((p, t_ref): &(Parameters, f64), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let y = rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            |y: Vars| Vars {
                v: (-p.g_l_s * (y.v - p.e_l_s) + p.g_sp * (y.v_d - y.v) + i) / p.c_s,
                v_d: (-p.g_l_d * (y.v_d - p.e_l_d) + y.i_ex + y.i_in + p.g_ps * (y.v - y.v_d))
                    / p.c_d,
                i_ex: -y.i_ex / p.tau_ex,
                i_in: -y.i_in / p.tau_in,
                ..Vars::default()
            },
            |_, _| None,
        );
        (s.v, s.v_d) = (y.v, y.v_d);
        s.i_ex = y.i_ex + input.jump.max(0.0);
        s.i_in = y.i_in + input.jump.min(0.0);
        s.draw = aux.rng().uniform();
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        if s.draw < -(-phi(p, s.v) * input.dt).exp_m1() {
            s.refractory = *t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kernel, spike_times};
    use super::*;

    /// The somatic steady state is (g_L E_L + g_sp V_d + I)/(g_L + g_sp) = -70 + I/630 mV.
    #[test]
    fn somatic_steady_state() {
        let mut k = kernel(&MODEL, &[("phi_max", 0.0)], 0.1);
        super::super::testing::hold(k.as_mut(), 6300.0, 2000);
        assert!((k.var(0)[0] - -60.0).abs() < 1e-6, "{}", k.var(0)[0]);
    }

    /// At V = theta the rate is phi_max / (1 + k) = 0.1 /ms: with the dead time the mean
    /// interval is t_ref + h / (1 - e^{-phi h}) = 3 + 10.05 ms (I = 630 * 15 pA).
    #[test]
    fn mean_interval_at_threshold() {
        let dt = 0.1;
        let times = spike_times(&MODEL, &[], 9450.0, dt, 40_000.0);
        let isi: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).skip(5).collect();
        let mean = isi.iter().sum::<f64>() / isi.len() as f64;
        let expected = 3.0 + dt / (1.0 - (-0.1 * dt).exp());
        assert!(
            (mean - expected).abs() < 0.05 * expected,
            "{mean} vs {expected}"
        );
    }
}
