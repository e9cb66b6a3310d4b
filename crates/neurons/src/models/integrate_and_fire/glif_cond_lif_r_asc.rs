//! GLIF 4 (LIF_R_ASC: reset rules and after-spike currents) of Teeter et al. (2018) with conductance-based alpha synapses: NEST's
//! `glif_cond` at level 4. Mechanisms beyond GLIF 1: spike-dependent threshold theta_s (jump delta_theta_s, decay b_s) and reset V = E_L + f_v (V_old - E_L) + delta_V; two after-spike currents I_j (jump to delta_I_j + r_j I_j e^{-k_j t_ref}, decay k_j).
//!
//! Equations, receptors, numerics and defaults (NEST's, from the GLIF5 fit of Allen Cell
//! Types cell 490626718) as in [`glif_cond_lif`](super::glif_cond_lif), whose update
//! ([`glif_step`](super::glif_cond_lif::glif_step)) this level shares.
//! While refractory V is held at its reset value (NEST holds V_old of the step).

use super::glif_cond_lif::{GLIF_DELTA_INPUT, GlifParams, glif_dynamics};
use crate::define::*;

crate::model! {
    name: "glif_cond_lif_r_asc",
    class: "GlifCondLifRAscNeuron",
    summary: "GLIF 4 (LIF_R_ASC: reset rules and after-spike currents) with alpha conductance synapses (NEST glif_cond level 4): C_m dV/dt \
              = -g (V - E_L) - sum_k g_k (V - E_rev,k) + I + sum_j I_j; threshold \
              theta_inf + theta_s; spike-dependent threshold theta_s (jump delta_theta_s, decay b_s) and reset V = E_L + f_v (V_old - E_L) + delta_V; two after-spike currents I_j (jump to delta_I_j + r_j I_j e^{-k_j t_ref}, decay k_j). rk45, spikes on the step grid.",
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
        asc_decay_1: param("1/ms", 0.003, Positive, "decay rate k_1 of the first after-spike current"),
        asc_decay_2: param("1/ms", 0.1, Positive, "decay rate k_2 of the second after-spike current"),
        asc_amp_1: param("pA", -9.18, Finite, "increment delta_I_1 of the first after-spike current"),
        asc_amp_2: param("pA", -198.94, Finite, "increment delta_I_2 of the second after-spike current"),
        asc_r_1: param("1", 1.0, Closed(0.0, 1.0), "fraction r_1 of the first current kept at a spike"),
        asc_r_2: param("1", 1.0, Closed(0.0, 1.0), "fraction r_2 of the second current kept at a spike"),
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
    asc: Some([
        (p.asc_decay_1, p.asc_amp_1, p.asc_r_1),
        (p.asc_decay_2, p.asc_amp_2, p.asc_r_2)
    ]),
    ..GlifParams::default()
});

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel};
    use super::*;

    /// Both reset rules at the first spike (Teeter et al. 2018 eqs. 5-7): V = E_L + f_v
    /// (V_old - E_L) + delta_V, theta_s = delta_theta_s, I_j = delta_I_j; first spike at the
    /// GLIF 1 charging time (4.470 ms at 500 pA).
    #[test]
    fn reset_rules_at_the_first_spike() {
        let dt = 0.01;
        let mut k = kernel(&MODEL, &[], dt);
        let mut v_old = k.var(0)[0];
        let mut t = dt;
        while hold(k.as_mut(), 500.0, 1).is_empty() {
            v_old = k.var(0)[0];
            t += dt;
        }
        let t_expected = 58.72 / 9.43 * (500.0f64 / (500.0 - 9.43 * 27.17)).ln();
        assert!((t - t_expected).abs() <= dt + 1e-6, "{t} vs {t_expected}");
        let v = -78.85 + 0.2 * (v_old + 78.85) + 18.51;
        assert!((k.var(0)[0] - v).abs() < 1e-9);
        assert_eq!(
            (k.var(5)[0], k.var(6)[0], k.var(8)[0]),
            (-9.18, -198.94, 0.37)
        );
    }
}
