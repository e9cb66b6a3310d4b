//! Conductance-based leaky integrate-and-fire neuron with spike-frequency adaptation and
//! relative refractoriness (Dayan & Abbott 2001, sec. 5.4 p. 166), as NEST's
//! `iaf_cond_exp_sfa_rr`:
//!
//! C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) - g_sfa (V - E_sfa)
//!             - g_rr (V - E_rr) + I_e + I
//! dg_X/dt = -g_X / tau_X   (X = ex, in, sfa, rr)
//!
//! V >= V_th emits a spike: V = V_reset, g_sfa += q_sfa, g_rr += q_rr, and V is held at
//! V_reset for t_ref while the conductances keep decaying. As in NEST the right-hand side
//! reads min(V, V_th).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`); the
//! threshold crossing is located inside the step by linear interpolation between the
//! integrator's accepted points (the `rk45` event), where the reset and the conductance
//! jumps happen, and V stays clamped for the rest of that step (if t_ref > 0) and for
//! round(t_ref / dt) further steps (NEST's step counting; NEST itself tests the threshold
//! at the end of the step). A delta-synapse weight w (nS) is added at the end of the step to
//! g_ex (w > 0) or g_in (w < 0, as -w), as NEST's spike input with weights in nS.

use crate::define::*;
use integrate::{refractory_step, whole_steps};
use std::cell::Cell;

crate::model! {
    name: "iaf_cond_exp_sfa_rr",
    class: "IafCondExpSfaRrNeuron",
    summary: "C_m dV/dt = -g_L(V - E_L) - g_ex(V - E_ex) - g_in(V - E_in) - g_sfa(V - E_sfa) \
              - g_rr(V - E_rr) + I_e + I; conductances decay exponentially; V >= V_th -> \
              spike, V = V_reset held for t_ref, g_sfa += q_sfa, g_rr += q_rr (NEST \
              iaf_cond_exp_sfa_rr). rk45 with the crossing located in the step.",
    citation: "Dayan & Abbott (2001) Theoretical Neuroscience, MIT Press, sec. 5.4 p. 166; \
               Meffin, Burkitt & Grayden (2004) J. Comput. Neurosci. 16:159; NEST 3.10 \
               iaf_cond_exp_sfa_rr (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(289.5),
        g_l: standard::g_l(28.95),
        e_l: standard::e_l(-70.0),
        v_th: standard::v_th(-57.0),
        v_reset: standard::v_reset(-70.0),
        t_ref: standard::t_ref(0.5),
        e_ex: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_in: param("mV", -75.0, Finite, "inhibitory reversal potential"),
        tau_syn_ex: param("ms", 1.5, Positive, "decay time of the excitatory conductance"),
        tau_syn_in: param("ms", 10.0, Positive, "decay time of the inhibitory conductance"),
        q_sfa: param("nS", 14.48, NonNegative, "adaptation conductance increment per spike"),
        tau_sfa: param("ms", 110.0, Positive, "decay time of the adaptation conductance"),
        e_sfa: param("mV", -70.0, Finite, "reversal potential of the adaptation conductance"),
        q_rr: param("nS", 3214.0, NonNegative, "relative refractory conductance increment"),
        tau_rr: param("ms", 1.97, Positive, "decay time of the relative refractory conductance"),
        e_rr: param("mV", -70.0, Finite, "reversal potential of the relative refractory conductance"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        g_ex: ("nS", "excitatory synaptic conductance"),
        g_in: ("nS", "inhibitory synaptic conductance"),
        g_sfa: ("nS", "spike-frequency adaptation conductance"),
        g_rr: ("nS", "relative refractory conductance"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "w > 0 -> g_ex += w, w < 0 -> g_in += -w (nS), at the end of the step",
    require: [v_reset < v_th],
    drive: 1000.0,
    build: point,
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
        let i = p.i_e + input.current;
        let f = |y: Vars| {
            let clamp = clamped.get();
            let v = if clamp { p.v_reset } else { y.v.min(p.v_th) };
            let current = -p.g_l * (v - p.e_l)
                - y.g_ex * (v - p.e_ex)
                - y.g_in * (v - p.e_in)
                - y.g_sfa * (v - p.e_sfa)
                - y.g_rr * (v - p.e_rr)
                + i;
            Vars {
                v: if clamp { 0.0 } else { current / p.c_m },
                g_ex: -y.g_ex / p.tau_syn_ex,
                g_in: -y.g_in / p.tau_syn_in,
                g_sfa: -y.g_sfa / p.tau_sfa,
                g_rr: -y.g_rr / p.tau_rr,
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
            r.g_sfa += p.q_sfa;
            r.g_rr += p.q_rr;
            Some((theta, r))
        };
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, event);
        if clamped.get() {
            s.v = p.v_reset;
        }
        if spiked && *t_ref > 0.0 {
            s.refractory = *t_ref;
        }
        if input.jump > 0.0 {
            s.g_ex += input.jump;
        } else {
            s.g_in -= input.jump;
        }
        spiked
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// From rest with g_sfa = g_rr = 0 the first spike comes at the charging time of the
    /// passive membrane: T = tau ln(R I / (R I - (V_th - E_L))), tau = C_m/g_L = 10 ms,
    /// R = 1/g_L; with I = 1000 pA, T = 10 ln(34.542 / 21.542) = 4.722 ms.
    #[test]
    fn first_spike_at_the_passive_charging_time() {
        let ri: f64 = 1000.0 / 28.95;
        let t = 10.0 * (ri / (ri - 13.0)).ln();
        let dt = 0.01;
        let times = spike_times(&MODEL, &[], 1000.0, dt, 20.0);
        assert!(
            times[0] >= t - 1e-6 && times[0] <= t + dt + 1e-6,
            "{times:?} vs {t}"
        );
    }

    /// Adaptation: the intervals lengthen and in the steady state g_sfa just after each spike
    /// is the fixed point of "jump by q_sfa, decay over one interval": G = q_sfa / (1 -
    /// e^{-ISI/tau_sfa}) (Dayan & Abbott 2001, sec. 5.4).
    #[test]
    fn adaptation_conductance_reaches_its_fixed_point() {
        let dt = 0.01;
        let mut k = kernel(&MODEL, &[], dt);
        let mut after = Vec::new();
        let mut times = Vec::new();
        for step in 0..(2000.0 / dt) as usize {
            if !hold(k.as_mut(), 1000.0, 1).is_empty() {
                times.push(step as f64 * dt);
                after.push(k.var(3)[0]);
            }
        }
        let isi: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
        let last = isi[isi.len() - 1];
        assert!(last > 1.5 * isi[0], "{isi:?}");
        let fixed = 14.48 / (1.0 - (-last / 110.0).exp());
        let g = after[after.len() - 1];
        assert!((g / fixed - 1.0).abs() < 0.01, "{g} vs {fixed}");
    }
}
