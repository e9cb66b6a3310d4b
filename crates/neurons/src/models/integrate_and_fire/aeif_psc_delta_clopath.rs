//! Adaptive exponential integrate-and-fire neuron with an adaptive threshold and a
//! depolarising spike afterpotential, as used by Clopath et al. (2010) for voltage-based
//! STDP: NEST's `aeif_psc_delta_clopath`.
//!
//! C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) - w + z + I_e + I
//! tau_w dw/dt = a (V - E_L) - w
//! tau_z dz/dt = -z                                   (spike afterpotential current)
//! tau_VT dV_T/dt = -(V_T - V_T,rest)                 (adaptive threshold)
//! tau_+ du+/dt = V - u+,  tau_- du-/dt = V - u-,  tau_bar du_bar/dt = u- - u_bar
//!   (the low-pass filtered potentials the Clopath synapse reads)
//!
//! V >= V_peak emits a spike: V = V_clamp, w += b, z = I_sp, V_T = V_T,max. V is then
//! clamped at V_clamp for t_clamp (w frozen; dV/dt = 0, the filters see V_clamp: the
//! "spike" of Clopath's reference implementation, Torben-Nielsen 2010 ModelDB), then set to
//! V_reset and held there for t_ref (w evolving with V = V_reset). The right-hand side reads
//! min(V, V_peak); the exponent is capped at 500 so that it stays finite.
//!
//! Numerics: Dormand–Prince `rk45` (`Tolerance::DEFAULT`, step in `aux.h`). The threshold
//! crossing (linear interpolation between accepted points), the end of the clamp and the
//! end of t_ref are located inside the step (`rk45` events; the clamp and refractory
//! clocks run continuously, where NEST counts whole steps), so spike times are not
//! quantised to the integrator's steps. Delta-synapse jumps (mV) are added to V at the end
//! of the step unless clamped or refractory, then V >= V_peak is tested again.

use crate::define::*;
use std::cell::Cell;

crate::model! {
    name: "aeif_psc_delta_clopath",
    class: "AeifPscDeltaClopathNeuron",
    summary: "AdEx with adaptive threshold and spike afterpotential (NEST \
              aeif_psc_delta_clopath): C_m dV/dt = -g_L(V - E_L) + g_L Delta_T exp((V - \
              V_T)/Delta_T) - w + z + I_e + I; tau_w dw/dt = a(V - E_L) - w; tau_z dz/dt = -z; \
              tau_VT dV_T/dt = V_T,rest - V_T; low-pass filters u+, u-, u_bar of V; V >= \
              V_peak -> spike, V = V_clamp for t_clamp, w += b, z = I_sp, V_T = V_T,max, then \
              V = V_reset held for t_ref. rk45 with located events.",
    citation: "Clopath, Buesing, Vasilaki & Gerstner (2010) Nat. Neurosci. 13:344; Clopath & \
               Gerstner (2010) Front. Synaptic Neurosci. 2:25; NEST 3.10 \
               aeif_psc_delta_clopath (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(281.0),
        g_l: standard::g_l(30.0),
        e_l: standard::e_l(-70.6),
        delta_t: param("mV", 2.0, Positive, "slope factor of the exponential term"),
        v_th_rest: param("mV", -50.4, Finite, "resting value of the adaptive threshold V_T"),
        v_th_max: param("mV", 30.4, Finite, "value of V_T after a spike"),
        tau_v_th: param("ms", 50.0, Positive, "relaxation time of the adaptive threshold"),
        a: param("nS", 4.0, Finite, "subthreshold adaptation conductance"),
        b: param("pA", 80.5, Finite, "spike-triggered adaptation increment"),
        tau_w: param("ms", 144.0, Positive, "adaptation time constant"),
        i_sp: param("pA", 400.0, Finite, "spike afterpotential current set at a spike"),
        tau_z: param("ms", 40.0, Positive, "decay time of the afterpotential current"),
        tau_u_bar_plus: param("ms", 7.0, Positive, "time constant of the filtered potential u+"),
        tau_u_bar_minus: param("ms", 10.0, Positive, "time constant of the filtered potential u-"),
        tau_u_bar_bar: param("ms", 500.0, Positive, "time constant of the filtered potential u_bar"),
        v_peak: param("mV", 33.0, Finite, "spike detection potential"),
        v_clamp: param("mV", 33.0, Finite, "potential V is clamped at after a spike"),
        t_clamp: param("ms", 2.0, NonNegative, "duration of the clamp after a spike"),
        v_reset: standard::v_reset(-60.0),
        t_ref: standard::t_ref(0.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.6),
    },
    state: {
        v: ("mV", "membrane potential"),
        w: ("pA", "adaptation current"),
        z: ("pA", "spike afterpotential current"),
        v_th: ("mV", "adaptive threshold V_T"),
        u_bar_plus: ("mV", "low-pass filtered potential u+"),
        u_bar_minus: ("mV", "low-pass filtered potential u-"),
        u_bar_bar: ("mV", "low-pass filtered u-"),
        clamp: ("ms", "clamp time left"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_reset < v_peak, v_th_rest < v_peak],
    drive: 1000.0,
    build: point,
}

/// Integration mode: free, clamped at V_clamp, or refractory at V_reset.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Free,
    Clamped,
    Refractory,
}

/// A spike's effect on the state `r`: V = V_clamp, w += b, z = I_sp, V_T = V_T,max, and the
/// clamp (or, without one, the reset and refractory period) starts; the new mode.
fn fire(p: &Parameters, r: &mut Vars) -> Mode {
    r.w += p.b;
    r.z = p.i_sp;
    r.v_th = p.v_th_max;
    if p.t_clamp > 0.0 {
        r.v = p.v_clamp;
        r.clamp = p.t_clamp;
        Mode::Clamped
    } else {
        release(p, r)
    }
}

/// The end of the clamp: V = V_reset and the refractory period starts (if any).
fn release(p: &Parameters, r: &mut Vars) -> Mode {
    r.v = p.v_reset;
    r.clamp = 0.0;
    if p.t_ref > 0.0 {
        r.refractory = p.t_ref;
        Mode::Refractory
    } else {
        Mode::Free
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            v_th: p.v_th_rest,
            u_bar_plus: p.e_l,
            u_bar_minus: p.e_l,
            u_bar_bar: p.e_l,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let mode = Cell::new(if s.clamp > 0.0 {
            Mode::Clamped
        } else if s.refractory > 0.0 {
            Mode::Refractory
        } else {
            Mode::Free
        });
        let i = p.i_e + input.current;
        let f = |y: Vars| {
            let m = mode.get();
            let v = match m {
                Mode::Clamped => p.v_clamp,
                Mode::Refractory => p.v_reset,
                Mode::Free => y.v.min(p.v_peak),
            };
            let spike = p.g_l * p.delta_t * ((v - y.v_th) / p.delta_t).min(500.0).exp();
            Vars {
                v: if m == Mode::Free {
                    (-p.g_l * (v - p.e_l) + spike - y.w + y.z + i) / p.c_m
                } else {
                    0.0
                },
                w: if m == Mode::Clamped {
                    0.0
                } else {
                    (p.a * (v - p.e_l) - y.w) / p.tau_w
                },
                z: -y.z / p.tau_z,
                v_th: -(y.v_th - p.v_th_rest) / p.tau_v_th,
                u_bar_plus: (v - y.u_bar_plus) / p.tau_u_bar_plus,
                u_bar_minus: (v - y.u_bar_minus) / p.tau_u_bar_minus,
                u_bar_bar: (y.u_bar_minus - y.u_bar_bar) / p.tau_u_bar_bar,
                clamp: if m == Mode::Clamped { -1.0 } else { 0.0 },
                refractory: if m == Mode::Refractory { -1.0 } else { 0.0 },
            }
        };
        let mut spiked = false;
        let event = |a: Vars, b: Vars| {
            let at = |theta: f64| a + (b + a * -1.0) * theta;
            match mode.get() {
                Mode::Free if b.v >= p.v_peak => {
                    let theta = ((p.v_peak - a.v) / (b.v - a.v)).clamp(0.0, 1.0);
                    let mut r = at(theta);
                    spiked = true;
                    mode.set(fire(p, &mut r));
                    Some((theta, r))
                }
                Mode::Clamped if b.clamp <= 0.0 => {
                    let theta = (a.clamp / (a.clamp - b.clamp)).clamp(0.0, 1.0);
                    let mut r = at(theta);
                    mode.set(release(p, &mut r));
                    Some((theta, r))
                }
                Mode::Refractory if b.refractory <= 0.0 => {
                    let theta = (a.refractory / (a.refractory - b.refractory)).clamp(0.0, 1.0);
                    let mut r = at(theta);
                    r.refractory = 0.0;
                    mode.set(Mode::Free);
                    Some((theta, r))
                }
                _ => None,
            }
        };
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, event);
        match mode.get() {
            Mode::Free => {
                s.v += input.jump;
                if s.v >= p.v_peak {
                    spiked = true;
                    fire(p, s);
                }
            }
            Mode::Clamped => s.v = p.v_clamp,
            Mode::Refractory => s.v = p.v_reset,
        }
        spiked
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel};
    use super::*;

    /// After the first spike V is clamped at V_clamp = 33 mV for t_clamp = 2 ms, then reset
    /// to V_reset; z = I_sp e^{-t/tau_z} and V_T - V_T,rest = (V_T,max - V_T,rest)
    /// e^{-t/tau_VT}: 20 ms after the spike z = 400 e^{-1/2} = 242.61 pA and V_T = -50.4 + 80.8
    /// e^{-2/5} = 3.7623 mV (closed forms of the linear equations).
    #[test]
    fn afterpotential_and_threshold_relax_exactly() {
        let dt = 0.01;
        let mut k = kernel(&MODEL, &[], dt);
        let mut n = 0;
        while hold(k.as_mut(), 1000.0, 1).is_empty() {
            n += 1;
            assert!(n < 100_000);
        }
        // The spike happened inside the last step: time since it, from z.
        let since = -40.0 * (k.var(2)[0] / 400.0).ln();
        assert!((0.0..=dt + 1e-9).contains(&since), "{since}");
        assert_eq!(k.var(0)[0], 33.0);
        hold(k.as_mut(), 0.0, 190);
        assert_eq!(k.var(0)[0], 33.0);
        hold(k.as_mut(), 0.0, 20);
        assert!(k.var(0)[0] < -55.0, "{}", k.var(0)[0]);
        hold(k.as_mut(), 0.0, 1790);
        let t = 20.0 + since;
        let z = 400.0 * (-t / 40.0f64).exp();
        assert!(
            (k.var(2)[0] / z - 1.0).abs() < 1e-5,
            "{} vs {z}",
            k.var(2)[0]
        );
        let v_th = -50.4 + 80.8 * (-t / 50.0f64).exp();
        assert!(
            (k.var(3)[0] - v_th).abs() < 1e-3,
            "{} vs {v_th}",
            k.var(3)[0]
        );
    }
}
