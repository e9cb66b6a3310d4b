//! GLIF level 3, leaky integrate-and-fire with after-spike currents (LIF-ASC)
//! (Teeter et al. 2018), with an alpha-shaped synaptic current, as NEST's `glif_psc` at
//! level 3:
//!
//! C_m dV/dt = -g (V - E_L) + I_1 + I_2 + I_syn + I + I_e, dI_j/dt = -k_j I_j; V > V_th ->
//! spike, V = V_reset, I_j = A_j + r_j I_j e^(-k_j t_ref), frozen for t_ref.
//!
//! Everything else (spike detection at the end of a step, the frozen refractory period,
//! the alpha current of peak w for a weight w of either sign, I_e kept though NEST's
//! glif_psc has none, exact integration) is as in `glif_lif_r_asc_a`, whose dynamics this
//! level uses with its other parts removed.

use super::glif_lif_r_asc_a::{Glif, GlifConsts, GlifState};
use crate::define::*;

crate::model! {
    name: "glif_lif_asc",
    class: "GlifLifAscNeuron",
    summary: "GLIF 3: C_m dV/dt = -g (V - E_L) + I_1 + I_2 + I_syn + I + I_e; dI_j/dt = -k_j I_j; \
              V > V_th -> spike, V = V_reset, I_j = A_j + r_j I_j e^(-k_j t_ref), frozen for \
              t_ref. Alpha PSCs. Exact integration (NEST glif_psc level 3).",
    citation: "Teeter et al. (2018) Nat. Commun. 9:709; NEST glif_psc (defaults)",
    input_unit: "pA",
    params: {
        g: standard::g_l(9.43),
        e_l: standard::e_l(-78.85),
        v_th: param("mV", -51.68, Finite, "instantaneous threshold th_inf (absolute)"),
        c_m: standard::c_m(58.72),
        t_ref: standard::t_ref(3.75),
        v_reset: standard::v_reset(-78.85),
        asc_amp_1: param("pA", -9.18, Finite, "after-spike current 1 jump A_1"),
        asc_amp_2: param("pA", -198.94, Finite, "after-spike current 2 jump A_2"),
        asc_decay_1: param("1/ms", 0.003, Positive, "after-spike current 1 decay rate k_1"),
        asc_decay_2: param("1/ms", 0.1, Positive, "after-spike current 2 decay rate k_2"),
        asc_r_1: param("1", 1.0, Closed(0.0, 1.0), "after-spike current 1 carry-over r_1"),
        asc_r_2: param("1", 1.0, Closed(0.0, 1.0), "after-spike current 2 carry-over r_2"),
        tau_syn: param("ms", 2.0, Positive, "alpha synaptic current rise time (peak time)"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-78.85),
    },
    state: {
        v: ("mV", "membrane potential"),
        asc_1: ("pA", "after-spike current 1"),
        asc_2: ("pA", "after-spike current 2"),
        di_syn: ("pA/ms", "alpha synaptic current derivative term"),
        i_syn: ("pA", "synaptic current"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w e/tau_syn to di_syn: an alpha current of peak w (either sign), pA",
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

impl Dynamics for Model {
    type Consts = (GlifConsts, f64);

    fn prepare(p: &Parameters, dt: f64) -> (GlifConsts, f64) {
        let m = Glif {
            g: p.g,
            e_l: p.e_l,
            v_th: p.v_th,
            c_m: p.c_m,
            t_ref: p.t_ref,
            v_reset: Some(p.v_reset),
            a_s: 0.0,
            b_s: 1.0,
            f_v: 0.0,
            delta_v: 0.0,
            amp: [p.asc_amp_1, p.asc_amp_2],
            k: [p.asc_decay_1, p.asc_decay_2],
            r: [p.asc_r_1, p.asc_r_2],
            a_v: 0.0,
            b_v: 1.0,
            tau_syn: p.tau_syn,
            i_e: p.i_e,
        };
        (m.prepare(dt), p.v_init)
    }

    fn init(&(_, v): &(GlifConsts, f64)) -> Vars {
        Vars {
            v,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step((c, _): &(GlifConsts, f64), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let mut g = GlifState {
            v: s.v,
            th_s: 0.0,
            th_v: 0.0,
            asc: [s.asc_1, s.asc_2],
            di_syn: s.di_syn,
            i_syn: s.i_syn,
            refractory: s.refractory,
        };
        let fired = c.step(&mut g, input);
        *s = Vars {
            v: g.v,
            asc_1: g.asc[0],
            asc_2: g.asc[1],
            di_syn: g.di_syn,
            i_syn: g.i_syn,
            refractory: g.refractory,
        };
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::glif_lif_r_asc_a::tests::{first_two, second_interval};
    use super::*;

    /// The second interval under 500 pA from rest matches the level's closed form (see
    /// `glif_lif_r_asc_a::tests::second_interval`): reset to u_r = 0 mV above E_L (V_reset =
    /// E_L), spike threshold component 0 mV, after-spike currents [-9.18, -198.94] pA at the
    /// end of the first spike.
    #[test]
    fn second_interval_matches_the_closed_form() {
        let (s1, s2) = first_two(&MODEL, &[], 500.0);
        let expected = second_interval(500.0, 0.0, 0.0, [-9.18, -198.94]);
        assert!(
            (s2 - s1 - expected).abs() < 0.01,
            "{} vs {expected}",
            s2 - s1
        );
    }
}
