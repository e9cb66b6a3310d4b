//! The excitatory–inhibitory QIF mean field of Dumont & Gutkin (2019): two exact
//! (Montbrió–Pazó–Roxin) populations of quadratic integrate-and-fire neurons, E and I,
//! coupled through first-order synapses s_xy (from population y to x, time constant tau_s):
//!
//! tau_e dr_e/dt = Delta_e / (pi tau_e) + 2 r_e V_e,
//! tau_e dV_e/dt = V_e^2 + eta_e - (pi tau_e r_e)^2 + tau_e s_ee - tau_e s_ei + I_e,
//! tau_s ds_ee/dt = -s_ee + J_ee r_e + I,          tau_s ds_ei/dt = -s_ei + J_ei r_i,
//! tau_i dr_i/dt = Delta_i / (pi tau_i) + 2 r_i V_i,
//! tau_i dV_i/dt = V_i^2 + eta_i - (pi tau_i r_i)^2 + tau_i s_ie - tau_i s_ii + I_i,
//! tau_s ds_ie/dt = -s_ie + J_ie r_e + Gamma I,    tau_s ds_ii/dt = -s_ii + J_ii r_i,
//!
//! as The Virtual Brain's `DumontGutkin` implements it: the node's input I (unit 1/ms, a
//! rate, TVB's coupling term: the excitatory rates of other nodes) drives the synapses onto
//! E and, scaled by Gamma, onto I. Defaults: TVB's (Delta = 1, eta = -5, tau = 10 for
//! both populations, tau_s = 1, J_ee = 0, J_ei = 10, J_ie = 0, J_ii = 15, Gamma = 5,
//! I_e = I_i = 0), in TVB's time unit taken as 1 ms; r in 1/ms, s in 1/ms, V dimensionless.
//!
//! Rate unit: emits no spikes; its state `r_e` is the output. A delta-synapse weight w adds
//! w to V_e at the end of the step. Numerics: RK4 on equal sub-steps of at most 0.01 ms.

use crate::define::*;
use integrate::{rk4_steps, sub_steps};
use std::f64::consts::PI;

crate::model! {
    name: "dumont_gutkin",
    class: "DumontGutkinNeuron",
    summary: "Rate unit (emits no spikes; its state r_e is the output): E-I QIF mean field \
              with first-order synapses, tau dr/dt = Delta/(pi tau) + 2 r V, tau dV/dt = V^2 \
              + eta - (pi tau r)^2 + tau (s_xe - s_xi) + I_x, tau_s ds_xy/dt = -s_xy + J_xy \
              r_y (+ I onto E, Gamma I onto I); TVB's DumontGutkin. RK4 sub-steps <= 0.01 ms.",
    citation: "Dumont & Gutkin (2019) PLoS Comput. Biol. 15:e1007019; as The Virtual Brain's \
               DumontGutkin model",
    input_unit: "1/ms",
    params: {
        i_e: param("1", 0.0, Finite, "external current onto E"),
        delta_e: param("1", 1.0, Positive, "half-width of the excitability distribution (E)"),
        eta_e: param("1", -5.0, Finite, "centre of the excitability distribution (E)"),
        tau_e: param("ms", 10.0, Positive, "membrane time constant (E)"),
        i_i: param("1", 0.0, Finite, "external current onto I"),
        delta_i: param("1", 1.0, Positive, "half-width of the excitability distribution (I)"),
        eta_i: param("1", -5.0, Finite, "centre of the excitability distribution (I)"),
        tau_i: param("ms", 10.0, Positive, "membrane time constant (I)"),
        tau_s: param("ms", 1.0, Positive, "synaptic time constant"),
        j_ee: param("1", 0.0, NonNegative, "synaptic weight E -> E"),
        j_ei: param("1", 10.0, NonNegative, "synaptic weight I -> E"),
        j_ie: param("1", 0.0, NonNegative, "synaptic weight E -> I"),
        j_ii: param("1", 15.0, NonNegative, "synaptic weight I -> I"),
        gamma: param("1", 5.0, NonNegative, "ratio of the node input onto I to that onto E"),
    },
    state: {
        r_e: ("1/ms", "excitatory firing rate (the output)"),
        v_e: ("1", "excitatory mean membrane potential"),
        s_ee: ("1/ms", "synaptic activation E -> E (with the input)"),
        s_ei: ("1/ms", "synaptic activation I -> E"),
        r_i: ("1/ms", "inhibitory firing rate"),
        v_i: ("1", "inhibitory mean membrane potential"),
        s_ie: ("1/ms", "synaptic activation E -> I (with Gamma times the input)"),
        s_ii: ("1/ms", "synaptic activation I -> I"),
    },
    membrane: v_e,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.01;

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init(_: &(Parameters, usize)) -> Vars {
        Vars {
            v_e: -2.0,
            v_i: -2.0,
            ..Vars::default()
        }
    }

    // Not `#[inline(always)]`: the AVX2 copy of the population loop packed the eight
    // variables of the inlined RK4 badly and ran 1.4 times slower (docs/performance.md).
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let c = input.current;
        let (te, ti) = (p.tau_e, p.tau_i);
        let f = |y: Vars| Vars {
            r_e: (p.delta_e / (PI * te) + 2.0 * y.v_e * y.r_e) / te,
            v_e: (y.v_e * y.v_e + p.eta_e - (PI * te * y.r_e).powi(2)
                + te * (y.s_ee - y.s_ei)
                + p.i_e)
                / te,
            s_ee: (-y.s_ee + p.j_ee * y.r_e + c) / p.tau_s,
            s_ei: (-y.s_ei + p.j_ei * y.r_i) / p.tau_s,
            r_i: (p.delta_i / (PI * ti) + 2.0 * y.v_i * y.r_i) / ti,
            v_i: (y.v_i * y.v_i + p.eta_i - (PI * ti * y.r_i).powi(2)
                + ti * (y.s_ie - y.s_ii)
                + p.i_i)
                / ti,
            s_ie: (-y.s_ie + p.j_ie * y.r_e + p.gamma * c) / p.tau_s,
            s_ii: (-y.s_ii + p.j_ii * y.r_i) / p.tau_s,
        };
        *s = rk4_steps(*s, input.dt, *n, f);
        s.v_e += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::super::coombes_byrne::testing::first_root;
    use super::*;

    /// With TVB's defaults (J_ee = J_ie = 0) the fixed point is in closed form up to one
    /// root: I is a Montbrió population with self-inhibition, R_i = tau r_i the first root
    /// of Delta^2/(4 pi^2 R^2) + eta_i + Gamma tau c - J_ii R - pi^2 R^2; E is uncoupled
    /// from itself with the effective excitability e = eta_e + tau c - J_ei R_i, so
    /// R_e = sqrt((e + sqrt(e^2 + Delta^2)) / 2) / pi. For inputs c = 0 and 0.1 /ms, within
    /// 1e-6 relative.
    #[test]
    fn settles_at_the_analytic_fixed_point() {
        let (tau, delta) = (10.0, 1.0);
        for c in [0.0, 0.1] {
            let g = |rr: f64| {
                delta * delta / (4.0 * PI * PI * rr * rr) - 5.0 + 5.0 * tau * c
                    - 15.0 * rr
                    - (PI * rr).powi(2)
            };
            let r_i = first_root(g, 1e-4, 1e-4);
            let e: f64 = -5.0 + tau * c - 10.0 * r_i;
            let r_e = ((e + (e * e + delta * delta).sqrt()) / 2.0).sqrt() / PI;
            let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
            run(k.as_mut(), 20_000, c, 0.0);
            let (got_e, got_i) = (k.var(0)[0], k.var(4)[0]);
            eprintln!(
                "Dumont-Gutkin c = {c}: r_e {got_e} vs {}, r_i {got_i} vs {}",
                r_e / tau,
                r_i / tau
            );
            assert!((got_i - r_i / tau).abs() < 1e-6 * r_i / tau, "{got_i}");
            assert!((got_e - r_e / tau).abs() < 1e-6 * r_e / tau, "{got_e}");
        }
    }
}
