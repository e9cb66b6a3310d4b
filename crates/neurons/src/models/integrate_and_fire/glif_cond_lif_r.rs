//! GLIF 2 (LIF_R: biologically defined reset rules) of Teeter et al. (2018) with conductance-based alpha synapses: NEST's
//! `glif_cond` at level 2. Mechanisms beyond GLIF 1: spike-dependent threshold theta_s (jump delta_theta_s, decay b_s) and reset V = E_L + f_v (V_old - E_L) + delta_V.
//!
//! Equations, receptors, numerics and defaults (NEST's, from the GLIF5 fit of Allen Cell
//! Types cell 490626718) as in [`glif_cond_lif`](super::glif_cond_lif), whose update
//! ([`glif_step`](super::glif_cond_lif::glif_step)) this level shares.
//! While refractory V is held at its reset value (NEST holds V_old of the step).

use super::glif_cond_lif::{GLIF_DELTA_INPUT, GlifParams, glif_dynamics};
use crate::define::*;

crate::model! {
    name: "glif_cond_lif_r",
    class: "GlifCondLifRNeuron",
    summary: "GLIF 2 (LIF_R: biologically defined reset rules) with alpha conductance synapses (NEST glif_cond level 2): C_m dV/dt \
              = -g (V - E_L) - sum_k g_k (V - E_rev,k) + I; threshold \
              theta_inf + theta_s; spike-dependent threshold theta_s (jump delta_theta_s, decay b_s) and reset V = E_L + f_v (V_old - E_L) + delta_V. rk45, spikes on the step grid.",
    citation: "Teeter, Iyer, Menon, Gouwens, Feng, Berg, Szafer, Cain, Zeng, Hawrylycz, Koch \
               & Mihalas (2018) Nat. Commun. 9:709; NEST 3.10 glif_cond (defaults: Allen Cell \
               Types cell 490626718)",
    input_unit: "pA",
    params: {
        g_l: param("nS", 9.43, Positive, "membrane (leak) conductance (NEST g)"),
        e_l: standard::e_l(-78.85),
        v_th: param("mV", -51.68, Finite, "instantaneous threshold theta_inf"),
        c_m: standard::c_m(58.72),
        t_ref: standard::t_ref(3.75),
        tau_syn_ex: param("ms", 0.2, Positive, "time constant of the excitatory alpha conductance"),
        tau_syn_in: param("ms", 2.0, Positive, "time constant of the inhibitory alpha conductance"),
        e_ex: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_in: param("mV", -85.0, Finite, "inhibitory reversal potential"),
        th_spike_add: param("mV", 0.37, Finite, "threshold increment at a spike (delta_theta_s)"),
        th_spike_decay: param("1/ms", 0.009, Positive, "decay rate of the spike component of the threshold (b_s)"),
        voltage_reset_fraction: param("1", 0.2, Closed(0.0, 1.0), "fraction of V - E_L kept at reset (f_v)"),
        voltage_reset_add: param("mV", 18.51, Finite, "voltage added at reset (-delta_V)"),
        v_init: standard::v_init(-78.85),
    },
    state: {
        v: ("mV", "membrane potential"),
        g_ex: ("nS", "excitatory alpha conductance"),
        dg_ex: ("nS/ms", "derivative of the excitatory conductance"),
        g_in: ("nS", "inhibitory alpha conductance"),
        dg_in: ("nS/ms", "derivative of the inhibitory conductance"),
        asc_1: ("pA", "first after-spike current (0 at levels without ASC)"),
        asc_2: ("pA", "second after-spike current (0 at levels without ASC)"),
        i_asc: ("pA", "step mean of the after-spike currents the ODE uses (NEST)"),
        th_spike: ("mV", "spike component of the threshold (0 at levels without R)"),
        th_voltage: ("mV", "voltage component of the threshold (0 at levels without A)"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: GLIF_DELTA_INPUT,
    drive: 500.0,
    build: point,
}

glif_dynamics!(|p| GlifParams {
    g: p.g_l,
    e_l: p.e_l,
    th_inf: p.v_th,
    c_m: p.c_m,
    t_ref: p.t_ref,
    v_reset: p.e_l,
    tau_syn: [p.tau_syn_ex, p.tau_syn_in],
    e_rev: [p.e_ex, p.e_in],
    v_init: p.v_init,
    spike: Some((
        p.th_spike_add,
        p.th_spike_decay,
        p.voltage_reset_fraction,
        p.voltage_reset_add
    )),
    ..GlifParams::default()
});

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel};
    use super::*;

    /// Teeter et al. (2018) eqs. 5-6 as NEST applies them: at the first spike (I = 500 pA,
    /// from rest: T = 4.470 ms as GLIF 1) V becomes E_L + f_v (V_old - E_L) + delta_V with
    /// V_old the potential at the start of the spike step, and theta_s = delta_theta_s.
    #[test]
    fn reset_rule_and_threshold_jump() {
        let dt = 0.01;
        let mut k = kernel(&MODEL, &[], dt);
        let mut v_old = k.var(0)[0];
        let mut t = 0.0;
        while hold(k.as_mut(), 500.0, 1).is_empty() {
            v_old = k.var(0)[0];
            t += dt;
        }
        let t_expected = 58.72 / 9.43 * (500.0f64 / (500.0 - 9.43 * 27.17)).ln();
        assert!(
            (t + dt - t_expected).abs() <= dt + 1e-6,
            "{t} vs {t_expected}"
        );
        let v = -78.85 + 0.2 * (v_old + 78.85) + 18.51;
        assert!((k.var(0)[0] - v).abs() < 1e-9, "{} vs {v}", k.var(0)[0]);
        assert!((k.var(8)[0] - 0.37).abs() < 1e-12);
    }
}
