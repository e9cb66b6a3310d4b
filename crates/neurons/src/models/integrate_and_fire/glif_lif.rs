//! GLIF level 1, leaky integrate-and-fire (LIF)
//! (Teeter et al. 2018), with an alpha-shaped synaptic current, as NEST's `glif_psc` at
//! level 1:
//!
//! C_m dV/dt = -g (V - E_L) + I_syn + I + I_e; V > V_th -> spike, V = V_reset, frozen for t_ref.
//!
//! Everything else (spike detection at the end of a step, the frozen refractory period,
//! the alpha current of peak w for a weight w of either sign, I_e kept though NEST's
//! glif_psc has none, exact integration) is as in `glif_lif_r_asc_a`, whose dynamics this
//! level uses with its other parts removed.

use super::glif_lif_r_asc_a::{Glif, GlifConsts, GlifState};
use crate::define::*;

crate::model! {
    name: "glif_lif",
    class: "GlifLifNeuron",
    summary: "GLIF 1: C_m dV/dt = -g (V - E_L) + I_syn + I + I_e; V > V_th -> spike, V = V_reset, \
              frozen for t_ref. Alpha PSCs. Exact integration (NEST glif_psc level 1).",
    citation: "Teeter et al. (2018) Nat. Commun. 9:709; NEST glif_psc (defaults)",
    input_unit: "pA",
    params: {
        g: standard::g_l(9.43),
        e_l: standard::e_l(-78.85),
        v_th: param("mV", -51.68, Finite, "instantaneous threshold th_inf (absolute)"),
        c_m: standard::c_m(58.72),
        t_ref: standard::t_ref(3.75),
        v_reset: standard::v_reset(-78.85),
        tau_syn: param("ms", 2.0, Positive, "alpha synaptic current rise time (peak time)"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-78.85),
    },
    state: {
        v: ("mV", "membrane potential"),
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
            amp: [0.0; 2],
            k: [1.0; 2],
            r: [0.0; 2],
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
            asc: [0.0; 2],
            di_syn: s.di_syn,
            i_syn: s.i_syn,
            refractory: s.refractory,
        };
        let fired = c.step(&mut g, input);
        *s = Vars {
            v: g.v,
            di_syn: g.di_syn,
            i_syn: g.i_syn,
            refractory: g.refractory,
        };
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::glif_lif_r_asc_a::tests::{TAU, TH_INF};
    use super::super::testing::spike_times;
    use super::*;

    /// Level 1 is a LIF: under a constant current the interval is
    /// t_ref + tau ln(U_inf / (U_inf - th_inf)) (V_reset = E_L), tau = C_m/g = 6.23 ms;
    /// 27.17 mV above rest, rheobase g th_inf = 256.2 pA.
    #[test]
    fn interval_matches_the_lif_closed_form() {
        let dt = 0.01;
        assert!(spike_times(&MODEL, &[], 0.99 * 9.43 * TH_INF, 0.1, 500.0).is_empty());
        for &i in &[300.0, 500.0] {
            let u_inf = i / 9.43;
            let period = 3.75 + TAU * (u_inf / (u_inf - TH_INF)).ln();
            let times = spike_times(&MODEL, &[], i, dt, 300.0);
            assert!(times.len() > 5);
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    (isi - period).abs() <= dt + 1e-9,
                    "{i} pA: {isi} vs {period}"
                );
            }
        }
    }
}
