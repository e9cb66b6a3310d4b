//! Leaky integrate-and-fire neuron with AMPA, GABA and NMDA conductances (Brunel & Wang
//! 2001; Wang 1999, 2002) as NEST's `iaf_bw_2001` defines it (exponential gating variables,
//! the maximal conductances absorbed into the weights, in nS):
//!
//! C_m dV/dt = -g_L (V - E_L) - I_AMPA - I_NMDA - I_GABA + I
//! I_AMPA = (V - E_ex) s_AMPA,   I_GABA = (V - E_in) s_GABA,
//! I_NMDA = (V - E_ex) s_NMDA / (1 + [Mg2+] exp(-0.062 V) / 3.57)   (Jahr & Stevens 1990)
//! ds_X/dt = -s_X / tau_X   (X = AMPA, GABA; NMDA with tau_decay_NMDA)
//!
//! V >= V_th emits a spike: V = V_reset, held for t_ref.
//!
//! Receptor routing: NEST routes spikes by receptor port (AMPA, GABA, NMDA, all with
//! positive weights). Here the one delta-synapse channel does this: a weight w > 0 adds w
//! (nS) to s_AMPA, w < 0 adds -w to s_GABA, at the end of the step; NMDA input cannot be
//! reached through it (NEST sends each NMDA spike with the presynaptic increment k_0 + k_1
//! s_pre as an offset, which the catalogue's spike list does not carry), so s_NMDA only
//! decays unless set through the state. For the same reason NEST's presynaptic NMDA
//! parameters (tau_rise_NMDA, alpha, which give k_0 and k_1) are not parameters here.
//! NEST's model has no I_e.
//!
//! Numerics: Dormand–Prince `rk45` (`Tolerance::DEFAULT`, step in `aux.h`; NEST: GSL RKF45)
//! with the threshold crossing located in the step (`rk45` event, linear interpolation),
//! where V is reset and clamped for the rest of the step and round(t_ref / dt) further
//! steps (NEST tests the threshold at the end of the step).

use crate::define::*;
use integrate::{refractory_step, whole_steps};
use std::cell::Cell;

crate::model! {
    name: "iaf_bw_2001",
    class: "IafBw2001Neuron",
    summary: "C_m dV/dt = -g_L(V - E_L) - (V - E_ex) s_AMPA - (V - E_ex) s_NMDA / (1 + [Mg] \
              exp(-0.062 V)/3.57) - (V - E_in) s_GABA + I; ds/dt = -s/tau per receptor; V >= \
              V_th -> spike, V = V_reset held for t_ref (NEST iaf_bw_2001). rk45 with the \
              crossing located in the step.",
    citation: "Brunel & Wang (2001) J. Comput. Neurosci. 11:63; Wang (1999) J. Neurosci. \
               19:9587; Wang (2002) Neuron 36:955; Jahr & Stevens (1990) J. Neurosci. 10:3178 \
               (Mg2+ block); NEST 3.10 iaf_bw_2001 (defaults)",
    input_unit: "pA",
    params: {
        e_l: standard::e_l(-70.0),
        e_ex: param("mV", 0.0, Finite, "excitatory (AMPA, NMDA) reversal potential"),
        e_in: param("mV", -70.0, Finite, "inhibitory (GABA) reversal potential"),
        v_th: standard::v_th(-55.0),
        v_reset: standard::v_reset(-60.0),
        c_m: standard::c_m(250.0),
        g_l: standard::g_l(25.0),
        t_ref: standard::t_ref(2.0),
        tau_ampa: param("ms", 2.0, Positive, "decay time of the AMPA gating variable"),
        tau_gaba: param("ms", 5.0, Positive, "decay time of the GABA gating variable"),
        tau_decay_nmda: param("ms", 100.0, Positive, "decay time of the NMDA gating variable"),
        conc_mg2: param("mM", 1.0, NonNegative, "extracellular magnesium concentration"),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        s_ampa: ("nS", "AMPA conductance (gating variable times weight)"),
        s_gaba: ("nS", "GABA conductance (gating variable times weight)"),
        s_nmda: ("nS", "NMDA conductance before the Mg2+ block"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "w > 0 -> s_AMPA += w, w < 0 -> s_GABA += -w (nS), at the end of the step; \
                  NMDA is not reachable (NEST's NMDA spikes carry a presynaptic offset)",
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

/// The Mg2+ block factor of the NMDA conductance at `v` mV (Jahr & Stevens 1990, as NEST).
pub fn mg_block(v: f64, conc_mg2: f64) -> f64 {
    1.0 / (1.0 + conc_mg2 * (-0.062 * v).min(700.0).exp() / 3.57)
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> Self::Consts {
        (*p, whole_steps(p.t_ref, dt))
    }

    fn init((p, _): &Self::Consts) -> Vars {
        Vars {
            v: p.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step((p, t_ref): &Self::Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let clamped = Cell::new(refractory_step(&mut s.refractory, input.dt));
        let f = |y: Vars| {
            let v = y.v;
            let i_syn = (v - p.e_ex) * y.s_ampa
                + (v - p.e_in) * y.s_gaba
                + (v - p.e_ex) * mg_block(v, p.conc_mg2) * y.s_nmda;
            Vars {
                v: if clamped.get() {
                    0.0
                } else {
                    (-p.g_l * (v - p.e_l) - i_syn + input.current) / p.c_m
                },
                s_ampa: -y.s_ampa / p.tau_ampa,
                s_gaba: -y.s_gaba / p.tau_gaba,
                s_nmda: -y.s_nmda / p.tau_decay_nmda,
                refractory: 0.0,
            }
        };
        let mut spiked = false;
        let event = |a: Vars, b: Vars| {
            if clamped.get() || b.v < p.v_th {
                return None;
            }
            spiked = true;
            clamped.set(*t_ref > 0.0);
            let theta = ((p.v_th - a.v) / (b.v - a.v)).clamp(0.0, 1.0);
            let mut r = a + (b + a * -1.0) * theta;
            r.v = p.v_reset;
            Some((theta, r))
        };
        if clamped.get() {
            s.v = p.v_reset;
        }
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, event);
        if spiked && *t_ref > 0.0 {
            s.refractory = *t_ref;
        }
        if input.jump > 0.0 {
            s.s_ampa += input.jump;
        } else {
            s.s_gaba -= input.jump;
        }
        spiked
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// Without synaptic input the first spike comes at T = tau ln(R I / (R I - (V_th -
    /// E_L))), tau = C_m/g_L = 10 ms, R = 1/g_L: I = 500 pA gives T = 10 ln 4 = 13.863 ms;
    /// later intervals t_ref + tau ln((R I - (V_reset - E_L)) / (R I - (V_th - E_L))) =
    /// 2 + 10 ln 2 = 8.931 ms.
    #[test]
    fn intervals_are_the_charging_times() {
        let dt = 0.01;
        let times = spike_times(&MODEL, &[], 500.0, dt, 100.0);
        let t = 10.0 * 4f64.ln();
        assert!(
            times[0] >= t - 1e-6 && times[0] <= t + dt + 1e-6,
            "{times:?}"
        );
        let isi = 2.0 + 10.0 * 2f64.ln();
        for d in times.windows(2).map(|w| w[1] - w[0]) {
            assert!((d - isi).abs() <= 2.0 * dt + 1e-6, "{d} vs {isi}");
        }
    }

    /// The NMDA current carries the Jahr & Stevens (1990) block: at rest (-70 mV, 1 mM Mg2+)
    /// 1 / (1 + e^{4.34} / 3.57) = 0.044468 of the unblocked conductance, so s_NMDA = 10 nS
    /// starts V rising at 70 * 10 * 0.044468 / 250 = 0.124510 mV/ms.
    #[test]
    fn nmda_current_is_magnesium_blocked() {
        assert!((mg_block(-70.0, 1.0) - 0.044_468).abs() < 1e-5);
        let dt = 0.001;
        let mut k = kernel(&MODEL, &[], dt);
        k.var_mut(3)[0] = 10.0;
        hold(k.as_mut(), 0.0, 1);
        let slope = (k.var(0)[0] + 70.0) / dt;
        assert!((slope / 0.124_510 - 1.0).abs() < 0.01, "{slope}");
    }
}
