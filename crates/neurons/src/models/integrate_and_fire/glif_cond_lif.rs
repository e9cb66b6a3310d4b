//! GLIF model 1 (traditional leaky integrate-and-fire, "LIF"; Teeter et al. 2018) with
//! conductance-based alpha synapses: NEST's `glif_cond` with all three mechanism flags off.
//! The other levels are `glif_cond_lif_r`, `glif_cond_lif_asc`, `glif_cond_lif_r_asc` and
//! `glif_cond_lif_r_asc_a`; all five share the update below ([`glif_step`]).
//!
//! The GLIF family as NEST's `glif_cond` defines it (V relative to E_L in the equations):
//!   C_m dV/dt = -g V - sum_k g_k (V + E_L - E_rev,k) + I + sum_j I_j
//!   alpha conductances: dg'_k/dt = -g'_k / tau_k, dg_k/dt = g'_k - g_k / tau_k
//!   (a weight w raises g'_k by w e / tau_k: peak w nS at t = tau_k)
//!   after-spike currents (ASC, levels 3-5): dI_j/dt = -k_j I_j; in each step the ODE uses
//!     their step mean from the previous step, (1 - e^{-k_j h}) / (k_j h) I_j (NEST)
//!   spike component of the threshold (R, levels 2, 4, 5): d theta_s/dt = -b_s theta_s
//!   voltage component (A, level 5): d theta_v/dt = a_v V - b_v theta_v, updated exactly
//!     for V relaxing from its value at the start of the step (NEST's formula)
//!   threshold = theta_inf + theta_s + theta_v.
//! At the end of a step V > threshold emits a spike and, for t_ref, V is held and the ASC
//! and threshold components are frozen. Reset (Teeter et al. 2018, eqs. 5-7):
//!   without R: V = V_reset; with R: V = f_v V_old + delta_V (V_old: V at the start of the
//!   step, NEST), theta_s = theta_s e^{-b_s t_ref} + delta_theta_s;
//!   with ASC: I_j = delta_I_j + r_j I_j e^{-k_j t_ref}.
//!
//! Receptors: NEST's `glif_cond` has a list of receptor ports (default two: tau 0.2 ms,
//! E_rev 0 mV and tau 2 ms, E_rev -85 mV); here the two default ports are fixed: a
//! delta-synapse weight w > 0 (nS) goes to the excitatory port, w < 0 to the inhibitory one
//! (as -w). NEST's `glif_cond` has no I_e; `input.current` is the external current.
//!
//! Numerics: V and the conductances by Dormand–Prince `rk45` (`Tolerance::DEFAULT`, step in
//! `aux.h`; NEST uses GSL's RKF45); ASC and threshold components exactly, as NEST; spikes on
//! the step grid (NEST's update). Defaults: NEST's, from the GLIF5 fit of Allen Cell Types
//! Database cell 490626718 (NEST's conversion to mV, nS, pF, ms, pA).

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "glif_cond_lif",
    class: "GlifCondLifNeuron",
    summary: "GLIF 1 (LIF) with alpha conductance synapses (NEST glif_cond): C_m dV/dt = \
              -g (V - E_L) - sum_k g_k (V - E_rev,k) + I; V > V_th -> spike, V = V_reset, \
              held for t_ref. rk45, spikes on the step grid.",
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
        v_reset: standard::v_reset(-78.85),
        tau_syn_ex: param("ms", 0.2, Positive, "time constant of the excitatory alpha conductance"),
        tau_syn_in: param("ms", 2.0, Positive, "time constant of the inhibitory alpha conductance"),
        e_ex: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_in: param("mV", -85.0, Finite, "inhibitory reversal potential"),
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
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

/// What a delta-synapse weight does in every `glif_cond` level.
pub(crate) const GLIF_DELTA_INPUT: &str = "w > 0 -> the excitatory alpha conductance rises by \
     w nS at its peak (g' += w e / tau_syn_ex); w < 0 -> the inhibitory one by -w";

/// A GLIF level's parameters, with the mechanisms it lacks switched off.
#[derive(Debug, Clone, Copy, Default)]
pub struct GlifParams {
    /// Membrane conductance, nS.
    pub g: f64,
    /// Resting potential, mV.
    pub e_l: f64,
    /// Instantaneous threshold, mV (absolute).
    pub th_inf: f64,
    /// Capacitance, pF.
    pub c_m: f64,
    /// Refractory period, ms.
    pub t_ref: f64,
    /// Reset potential without R, mV (absolute).
    pub v_reset: f64,
    /// Synaptic time constants (excitatory, inhibitory), ms.
    pub tau_syn: [f64; 2],
    /// Reversal potentials (excitatory, inhibitory), mV.
    pub e_rev: [f64; 2],
    /// Initial V, mV.
    pub v_init: f64,
    /// Spike-dependent threshold and reset rule (R): (delta_theta_s mV, b_s 1/ms, f_v,
    /// delta_V mV).
    pub spike: Option<(f64, f64, f64, f64)>,
    /// After-spike currents (ASC): (k_j 1/ms, delta_I_j pA, r_j) for j = 1, 2.
    pub asc: Option<[(f64, f64, f64); 2]>,
    /// Voltage-dependent threshold (A): (a_v 1/ms, b_v 1/ms).
    pub voltage: Option<(f64, f64)>,
}

/// A GLIF neuron's constants for steps of `h` (NEST's `pre_run_hook`).
#[derive(Debug, Clone, Copy)]
pub struct Glif {
    p: GlifParams,
    t_ref_whole: f64,
    spike_decay: f64,
    spike_ref_decay: f64,
    asc_decay: [f64; 2],
    asc_coeff: [f64; 2],
    asc_ref: [f64; 2],
    v_decay: f64,
    thv_decay: f64,
    phi: f64,
    ab: f64,
}

impl Glif {
    /// The constants of `p` for steps of `h` ms.
    pub fn new(p: GlifParams, h: f64) -> Glif {
        let mut c = Glif {
            p,
            t_ref_whole: whole_steps(p.t_ref, h),
            spike_decay: 1.0,
            spike_ref_decay: 1.0,
            asc_decay: [1.0; 2],
            asc_coeff: [0.0; 2],
            asc_ref: [0.0; 2],
            v_decay: 1.0,
            thv_decay: 1.0,
            phi: 0.0,
            ab: 0.0,
        };
        if let Some((_, b_s, _, _)) = p.spike {
            c.spike_decay = (-b_s * h).exp();
            c.spike_ref_decay = (-b_s * p.t_ref).exp();
        }
        if let Some(asc) = p.asc {
            for (j, &(k, _, r)) in asc.iter().enumerate() {
                c.asc_decay[j] = (-k * h).exp();
                c.asc_coeff[j] = -(-k * h).exp_m1() / (k * h);
                c.asc_ref[j] = r * (-k * p.t_ref).exp();
            }
        }
        if let Some((a_v, b_v)) = p.voltage {
            let rate = p.g / p.c_m;
            c.v_decay = (-rate * h).exp();
            c.thv_decay = (-b_v * h).exp();
            // a_v / (b_v - g/C), its pole nudged off b_v = g/C so that it stays finite.
            let d = b_v - rate;
            c.phi = a_v / if d.abs() < 1e-12 { 1e-12 } else { d };
            c.ab = a_v / b_v;
        }
        c
    }
}

/// One GLIF neuron's state (the same variables in every level).
#[derive(Debug, Clone, Copy, Default)]
pub struct GlifState {
    /// V, mV (absolute).
    pub v: f64,
    /// Excitatory conductance, nS, and its derivative, nS/ms.
    pub g_ex: f64,
    /// d g_ex / dt.
    pub dg_ex: f64,
    /// Inhibitory conductance, nS.
    pub g_in: f64,
    /// d g_in / dt.
    pub dg_in: f64,
    /// After-spike currents, pA.
    pub asc_1: f64,
    /// Second after-spike current, pA.
    pub asc_2: f64,
    /// Step mean of the summed ASC used by the ODE, pA.
    pub i_asc: f64,
    /// Spike component of the threshold, mV.
    pub th_spike: f64,
    /// Voltage component of the threshold, mV.
    pub th_voltage: f64,
    /// Refractory time left, ms.
    pub refractory: f64,
}

/// (V - E_L, g_ex, g'_ex, g_in, g'_in): the integrated part of the state.
#[derive(Debug, Clone, Copy)]
struct Ode([f64; 5]);

impl std::ops::Add for Ode {
    type Output = Ode;
    fn add(self, o: Ode) -> Ode {
        Ode(std::array::from_fn(|k| self.0[k] + o.0[k]))
    }
}

impl std::ops::Mul<f64> for Ode {
    type Output = Ode;
    fn mul(self, x: f64) -> Ode {
        Ode(self.0.map(|y| y * x))
    }
}

impl Vector for Ode {
    fn error_norm(self, s: Ode, atol: f64, rtol: f64) -> f64 {
        (0..5).fold(0.0, |m, k| {
            m.max(self.0[k].abs() / (atol + rtol * s.0[k].abs()))
        })
    }
    fn is_finite(self) -> bool {
        self.0.iter().all(|y| y.is_finite())
    }
}

/// One NEST `glif_cond` step; whether the neuron spiked.
pub fn glif_step(c: &Glif, s: &mut GlifState, input: Input, aux: &mut Aux<'_>) -> bool {
    let p = &c.p;
    let v_old = s.v - p.e_l;
    let refractory = refractory_step(&mut s.refractory, input.dt);
    let i_ext = input.current + s.i_asc;
    let v_held = p.v_reset - p.e_l;
    let f = |y: Ode| {
        let v = if refractory { v_held } else { y.0[0] };
        let i_syn = y.0[1] * (v + p.e_l - p.e_rev[0]) + y.0[3] * (v + p.e_l - p.e_rev[1]);
        Ode([
            if refractory {
                0.0
            } else {
                (-p.g * v - i_syn + i_ext) / p.c_m
            },
            y.0[2] - y.0[1] / p.tau_syn[0],
            -y.0[2] / p.tau_syn[0],
            y.0[4] - y.0[3] / p.tau_syn[1],
            -y.0[4] / p.tau_syn[1],
        ])
    };
    let y0 = Ode([v_old, s.g_ex, s.dg_ex, s.g_in, s.dg_in]);
    let y = integrate::rk45(y0, input.dt, aux.h, Tolerance::DEFAULT, f, |_, _| None);
    let mut v = y.0[0];
    [s.g_ex, s.dg_ex, s.g_in, s.dg_in] = [y.0[1], y.0[2], y.0[3], y.0[4]];
    let mut spiked = false;
    if refractory {
        v = v_old;
    } else {
        s.th_spike *= c.spike_decay;
        s.i_asc = 0.0;
        if p.asc.is_some() {
            s.i_asc = c.asc_coeff[0] * s.asc_1 + c.asc_coeff[1] * s.asc_2;
            s.asc_1 *= c.asc_decay[0];
            s.asc_2 *= c.asc_decay[1];
        }
        if p.voltage.is_some() {
            let beta = (input.current + s.i_asc) / p.g;
            let u = c.phi * (v_old - beta);
            s.th_voltage =
                u * c.v_decay + c.thv_decay * (s.th_voltage - u - c.ab * beta) + c.ab * beta;
        }
        if v > p.th_inf - p.e_l + s.th_spike + s.th_voltage {
            spiked = true;
            s.refractory = c.t_ref_whole;
            if let Some(asc) = p.asc {
                s.asc_1 = asc[0].1 + s.asc_1 * c.asc_ref[0];
                s.asc_2 = asc[1].1 + s.asc_2 * c.asc_ref[1];
            }
            match p.spike {
                None => v = p.v_reset - p.e_l,
                Some((add, _, f_v, delta_v)) => {
                    v = f_v * v_old + delta_v;
                    s.th_spike = s.th_spike * c.spike_ref_decay + add;
                }
            }
        }
    }
    s.v = v + p.e_l;
    if input.jump > 0.0 {
        s.dg_ex += input.jump * std::f64::consts::E / p.tau_syn[0];
    } else {
        s.dg_in -= input.jump * std::f64::consts::E / p.tau_syn[1];
    }
    spiked
}

/// Implements `Dynamics` for a `glif_cond` level whose `model!` declares the GLIF state
/// variables; `$params` maps its `Parameters` to [`GlifParams`].
macro_rules! glif_dynamics {
    ($params:expr) => {
        impl Dynamics for Model {
            type Consts = super::glif_cond_lif::Glif;

            fn prepare(p: &Parameters, dt: f64) -> Self::Consts {
                let f: fn(&Parameters) -> super::glif_cond_lif::GlifParams = $params;
                super::glif_cond_lif::Glif::new(f(p), dt)
            }

            fn init(c: &Self::Consts) -> Vars {
                Vars {
                    v: c.v_init(),
                    ..Vars::default()
                }
            }

            #[inline(always)]
            fn step(c: &Self::Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
                let mut g = super::glif_cond_lif::GlifState {
                    v: s.v,
                    g_ex: s.g_ex,
                    dg_ex: s.dg_ex,
                    g_in: s.g_in,
                    dg_in: s.dg_in,
                    asc_1: s.asc_1,
                    asc_2: s.asc_2,
                    i_asc: s.i_asc,
                    th_spike: s.th_spike,
                    th_voltage: s.th_voltage,
                    refractory: s.refractory,
                };
                let spiked = super::glif_cond_lif::glif_step(c, &mut g, input, aux);
                *s = Vars {
                    v: g.v,
                    g_ex: g.g_ex,
                    dg_ex: g.dg_ex,
                    g_in: g.g_in,
                    dg_in: g.dg_in,
                    asc_1: g.asc_1,
                    asc_2: g.asc_2,
                    i_asc: g.i_asc,
                    th_spike: g.th_spike,
                    th_voltage: g.th_voltage,
                    refractory: g.refractory,
                };
                spiked
            }
        }
    };
}
pub(crate) use glif_dynamics;

impl Glif {
    /// Initial V, mV.
    pub fn v_init(&self) -> f64 {
        self.p.v_init
    }
}

glif_dynamics!(|p| GlifParams {
    g: p.g_l,
    e_l: p.e_l,
    th_inf: p.v_th,
    c_m: p.c_m,
    t_ref: p.t_ref,
    v_reset: p.v_reset,
    tau_syn: [p.tau_syn_ex, p.tau_syn_in],
    e_rev: [p.e_ex, p.e_in],
    v_init: p.v_init,
    ..GlifParams::default()
});

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// GLIF 1 under a constant current I: first spike at T = tau ln(I / (I - g (theta_inf -
    /// E_L))), tau = C_m / g = 6.227 ms; later intervals t_ref + T (V held at V_reset = E_L).
    /// Rheobase g (theta_inf - E_L) = 256.2 pA; I = 500 pA gives T = 4.470 ms.
    #[test]
    fn intervals_are_the_charging_time() {
        let dt = 0.01;
        let (g, c, i): (f64, f64, f64) = (9.43, 58.72, 500.0);
        let t = c / g * (i / (i - g * 27.17)).ln();
        let times = spike_times(&MODEL, &[], i, dt, 200.0);
        assert!((times[0] - t).abs() <= dt + 1e-6, "{} vs {t}", times[0]);
        for isi in times.windows(2).map(|w| w[1] - w[0]) {
            assert!((isi - (3.75 + t)).abs() <= 2.0 * dt + 1e-6, "{isi}");
        }
    }
}
