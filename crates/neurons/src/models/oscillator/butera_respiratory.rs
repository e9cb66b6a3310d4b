//! Butera–Rinzel–Smith (1999) model 1 of a pre-Bötzinger complex inspiratory neuron: a
//! single compartment whose persistent sodium current, slowly inactivating, makes it burst.
//!
//! C dV/dt = -I_NaP - I_Na - I_K - I_L - I_ton + I + I_e
//! I_NaP = g_NaP m_P,inf(V) h (V - E_Na),  I_Na = g_Na m_inf(V)^3 (1 - n)(V - E_Na),
//! I_K = g_K n^4 (V - E_K),  I_L = g_L (V - E_L),  I_ton = g_ton (V - E_syn),
//! dn/dt = (n_inf(V) - n)/tau_n(V),  dh/dt = (h_inf(V) - h)/tau_h(V),
//! x_inf(V) = 1/(1 + exp((V - theta_x)/sigma_x)),
//! tau_x(V) = tau_x,max / cosh((V - theta_x)/(2 sigma_x)),
//!
//! with the parameters of Butera, Rinzel & Smith (1999a), Table 1 (model 1): C = 21 pF,
//! g_NaP = 2.8, g_Na = 28, g_K = 11.2, g_L = 2.8 nS, E_Na = 50, E_K = -85, E_L = -65,
//! E_syn = 0 mV; theta_m = -34, sigma_m = -5; theta_mP = -40, sigma_mP = -6; theta_n = -29,
//! sigma_n = -4, tau_n,max = 10 ms; theta_h = -48, sigma_h = 6, tau_h,max = 10 s. The tonic
//! excitatory conductance g_ton is the source's control parameter: the cell is silent at
//! g_ton = 0, bursts at intermediate g_ton (preset `bursting`, 0.3 nS) and beats tonically
//! at high g_ton (preset `beating`, 1 nS). Input: current in pA. Model 2 of the source
//! (bursting by a slow potassium current instead of I_NaP inactivation) is not included.
//!
//! Spikes: an upward crossing of `v_th` (default -20 mV) between accepted integrator steps,
//! or by a delta-synapse jump (added to V at the end of the step); no reset. Initial state:
//! V = v_init, n and h at their steady state there.
//!
//! Numerics: Dormand–Prince 5(4) with error control (`Tolerance::DEFAULT`), step carried
//! between network steps. The exponents are clamped at +-700 and the gating time constants
//! bounded below by 1 us (reached only above E_Na, under inputs far beyond the physiological
//! range) so that no input can overflow the integration.

use super::hindmarsh_rose::jump_crosses;
use crate::define::*;

crate::model! {
    name: "butera_respiratory",
    class: "ButeraRespiratoryNeuron",
    summary: "C dV/dt = -g_NaP m_P,inf h (V - E_Na) - g_Na m_inf^3 (1 - n)(V - E_Na) - g_K n^4 \
              (V - E_K) - g_L (V - E_L) - g_ton (V - E_syn) + I + I_e; n, h relax to \
              1/(1 + exp((V - theta)/sigma)) with tau_max/cosh((V - theta)/(2 sigma)) \
              (pre-Botzinger model 1). Spike = upward crossing of v_th (-20 mV). Adaptive RK45.",
    citation: "Butera, Rinzel & Smith (1999) J. Neurophysiol. 82:382-397 (model 1, Table 1)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(21.0),
        g_nap: param("nS", 2.8, NonNegative, "persistent sodium conductance"),
        g_na: param("nS", 28.0, NonNegative, "fast sodium conductance"),
        g_k: param("nS", 11.2, NonNegative, "delayed-rectifier potassium conductance"),
        g_l: param("nS", 2.8, NonNegative, "leak conductance"),
        g_ton: param("nS", 0.0, NonNegative, "tonic excitatory synaptic conductance (the source's control parameter)"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -85.0, Finite, "potassium reversal potential"),
        e_l: param("mV", -65.0, Finite, "leak reversal potential"),
        e_syn: param("mV", 0.0, Finite, "reversal potential of the tonic excitation"),
        theta_m: param("mV", -34.0, Finite, "half-activation of I_Na"),
        sigma_m: param("mV", -5.0, Finite, "slope of I_Na activation (negative: activating)"),
        theta_mp: param("mV", -40.0, Finite, "half-activation of I_NaP"),
        sigma_mp: param("mV", -6.0, Finite, "slope of I_NaP activation"),
        theta_n: param("mV", -29.0, Finite, "half-activation of n"),
        sigma_n: param("mV", -4.0, Finite, "slope of n"),
        tau_n_max: param("ms", 10.0, Positive, "maximal time constant of n"),
        theta_h: param("mV", -48.0, Finite, "half-inactivation of I_NaP"),
        sigma_h: param("mV", 6.0, Finite, "slope of h (positive: inactivating)"),
        tau_h_max: param("ms", 10000.0, Positive, "maximal time constant of h"),
        i_e: standard::i_e(0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: standard::v_init(-60.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        n: ("1", "potassium activation (also I_Na inactivation, 1 - n)"),
        h: ("1", "persistent sodium inactivation"),
    },
    membrane: v,
    presets: [
        crate::Preset {
            name: "bursting",
            doc: "bursting at an intermediate tonic drive, g_ton = 0.3 nS",
            values: &[("g_ton", 0.3)],
        },
        crate::Preset {
            name: "beating",
            doc: "tonic beating at a high tonic drive, g_ton = 1 nS",
            values: &[("g_ton", 1.0)],
        },
    ],
    drive: 30.0,
    build: point,
}

/// Steady-state (in)activation 1/(1 + exp((v - theta)/sigma)), exponent clamped.
#[inline(always)]
fn x_inf(v: f64, theta: f64, sigma: f64) -> f64 {
    1.0 / (1.0 + ((v - theta) / sigma).clamp(-700.0, 700.0).exp())
}

/// Smallest gating time constant, ms: reached only far above E_Na (tau_n is 1 us at +50 mV),
/// it keeps the system from becoming arbitrarily stiff under absurd inputs.
const TAU_MIN: f64 = 1e-3;

/// Time constant tau_max / cosh((v - theta)/(2 sigma)), argument clamped, at least TAU_MIN.
#[inline(always)]
fn tau(v: f64, tau_max: f64, theta: f64, sigma: f64) -> f64 {
    (tau_max / ((v - theta) / (2.0 * sigma)).clamp(-700.0, 700.0).cosh()).max(TAU_MIN)
}

/// Total ionic current (pA) at `s`, without the input.
#[inline(always)]
fn ionic(p: &Parameters, s: &Vars) -> f64 {
    let v = s.v;
    let m = x_inf(v, p.theta_m, p.sigma_m);
    p.g_nap * x_inf(v, p.theta_mp, p.sigma_mp) * s.h * (v - p.e_na)
        + p.g_na * m * m * m * (1.0 - s.n) * (v - p.e_na)
        + p.g_k * s.n.powi(4) * (v - p.e_k)
        + p.g_l * (v - p.e_l)
        + p.g_ton * (v - p.e_syn)
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            n: x_inf(p.v_init, p.theta_n, p.sigma_n),
            h: x_inf(p.v_init, p.theta_h, p.sigma_h),
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| Vars {
            v: (i - ionic(p, &y)) / p.c_m,
            n: (x_inf(y.v, p.theta_n, p.sigma_n) - y.n)
                / tau(y.v, p.tau_n_max, p.theta_n, p.sigma_n),
            h: (x_inf(y.v, p.theta_h, p.sigma_h) - y.h)
                / tau(y.v, p.tau_h_max, p.theta_h, p.sigma_h),
        };
        let mut fired = false;
        *s = integrate::rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            f,
            |before, after| {
                fired |= before.v < p.v_th && after.v >= p.v_th;
                None
            },
        );
        jump_crosses(&mut s.v, input.jump, p.v_th) | fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::hindmarsh_rose::tests::{kernel, spikes};
    use super::*;

    /// Without tonic drive the cell rests where the steady-state current vanishes
    /// (bisection of I_ss(V) = 0 here: -62.69 mV).
    #[test]
    fn rests_where_the_steady_state_current_vanishes() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let i_ss = |v: f64| {
            let s = Vars {
                v,
                n: x_inf(v, -29.0, -4.0),
                h: x_inf(v, -48.0, 6.0),
            };
            ionic(&p, &s)
        };
        let (mut lo, mut hi) = (-80.0f64, -50.0f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if i_ss(lo) * i_ss(mid) <= 0.0 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        assert!((lo + 62.69).abs() < 0.01, "{lo}");
        let mut k = kernel(&MODEL, &[], 1.0);
        assert!(spikes(k.as_mut(), 0.0, 1.0, 60000.0).is_empty());
        assert!((k.var(0)[0] - lo).abs() < 0.01, "{} vs {lo}", k.var(0)[0]);
    }

    /// The source's control parameter g_ton: silent at 0, bursts (spikes grouped, separated
    /// by quiet phases of seconds) at 0.3 nS, beats (no long pauses) at 1 nS.
    #[test]
    fn silent_bursting_beating_with_tonic_drive() {
        let run = |g: f64| {
            let mut k = kernel(&MODEL, &[("g_ton", g)], 0.1);
            spikes(k.as_mut(), 0.0, 0.1, 15000.0)
        };
        let isis = |t: &[f64]| t.windows(2).map(|w| w[1] - w[0]).collect::<Vec<f64>>();
        let burst = run(0.3);
        let isi = isis(&burst);
        let pauses = isi.iter().filter(|&&i| i > 1000.0).count();
        assert!(pauses >= 2 && burst.len() >= 10 * pauses, "{isi:?}");
        let beat = run(1.0);
        assert!(beat.len() > 100 && isis(&beat).iter().all(|&i| i < 100.0));
    }
}
