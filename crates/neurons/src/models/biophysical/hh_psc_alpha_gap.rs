//! NEST's `hh_psc_alpha_gap`: a Hodgkin–Huxley-type fast-spiking neuron with the channel
//! set of Mancilla, Lewis, Pinto, Rinzel & Connors (2007) — transient Na, slow Kv1.3-like
//! (n^4) and fast Kv3-like (p^2) potassium — and alpha-shaped postsynaptic currents
//! (point-neuron units: pF, nS, pA):
//!
//! C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - (g_Kv1 n^4 + g_Kv3 p^2)(V - E_K)
//!             - g_L (V - E_L) + I_ex + I_in
//! dx/dt = alpha_x (1 - x) - beta_x x, x in {m, h, n, p}, V in mV, rates in 1/ms:
//!   alpha_m = 40 (V - 75.5) / (1 - exp(-(V - 75.5)/13.5)),  beta_m = 1.2262 exp(-V/42.248)
//!   alpha_h = 0.0035 exp(-V/24.186),  beta_h = 0.017 (V + 51.25) / (1 - exp(-(V + 51.25)/5.2))
//!   alpha_p = (V - 95) / (1 - exp(-(V - 95)/11.8)),          beta_p = 0.025 exp(-V/22.222)
//!   alpha_n = 0.014 (V + 44) / (1 - exp(-(V + 44)/2.3)),     beta_n = 0.0043 exp(-(V + 44)/34)
//! (removable singularities by their limits). I_ex, I_in are alpha functions of time constants
//! tau_syn_ex, tau_syn_in: dI/dt = dI' - I/tau, d(dI')/dt = -dI'/tau.
//! Defaults are NEST's: C_m = 40 pF, g_Na = 4500, g_Kv1 = 9, g_Kv3 = 9000, g_L = 10 nS,
//! E_Na = 74, E_K = -90, E_L = -70 mV, tau_syn_ex = 0.2, tau_syn_in = 2 ms; V starts at
//! NEST's resting value -69.60401191631222 mV, the gates at their steady states (read
//! from nest-simulator models/hh_psc_alpha_gap.cpp).
//!
//! Gap junctions (NEST's g_ij (V_i - V_j) coupling, exchanged by waveform relaxation) need a
//! partner neuron and are out of scope here: this is the model's single-cell dynamics.
//!
//! Delta-synapse input: a weight w > 0 (pA) starts an excitatory alpha current of peak w
//! (dI_ex' += w e / tau_syn_ex), w < 0 an inhibitory one of peak w (NEST's normalisation),
//! at the end of the step. Spikes: an upward crossing of `v_th` (0 mV) is one spike, no
//! reset; NEST reports the following local maximum above 0 mV and then ignores t_ref = 2 ms,
//! the same event a fraction of a ms later. Numerics: Dormand–Prince `rk45` with
//! `Tolerance::DEFAULT` (step carried in `aux.h`); the rate functions read V clamped to
//! +-150 mV.

use super::traub_miles::{crossing_step, vg};
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "hh_psc_alpha_gap",
    class: "HhPscAlphaGapNeuron",
    summary: "NEST hh_psc_alpha_gap without its gap junctions: C_m dV/dt = I + I_e - g_Na m^3 h \
              (V - E_Na) - (g_Kv1 n^4 + g_Kv3 p^2)(V - E_K) - g_L (V - E_L) + I_ex + I_in, \
              Mancilla et al. 2007 fast-spiking channel kinetics, alpha PSCs. Spike = upward \
              crossing of 0 mV, no reset. Dormand-Prince rk45.",
    citation: "Mancilla, Lewis, Pinto, Rinzel & Connors (2007) J. Neurosci. 27:2058-2073; \
               Hahne et al. (2015) Front. Neuroinform. 9:22; NEST hh_psc_alpha_gap",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(40.0),
        g_na: param("nS", 4500.0, NonNegative, "maximal sodium conductance"),
        g_kv1: param("nS", 9.0, NonNegative, "maximal Kv1 (n^4) potassium conductance"),
        g_kv3: param("nS", 9000.0, NonNegative, "maximal Kv3 (p^2) potassium conductance"),
        g_l: param("nS", 10.0, NonNegative, "leak conductance"),
        e_na: param("mV", 74.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -90.0, Finite, "potassium reversal potential"),
        e_l: standard::e_l(-70.0),
        tau_syn_ex: param("ms", 0.2, Positive, "excitatory alpha-current time constant"),
        tau_syn_in: param("ms", 2.0, Positive, "inhibitory alpha-current time constant"),
        i_e: standard::i_e(0.0),
        v_th: param("mV", 0.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -69.60401191631222, Finite,
            "initial membrane potential (NEST's rest); gates start at steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "Kv1 activation"),
        p: ("1", "Kv3 activation"),
        di_ex: ("pA/ms", "derivative term of the excitatory alpha current"),
        i_ex: ("pA", "excitatory synaptic current"),
        di_in: ("pA/ms", "derivative term of the inhibitory alpha current"),
        i_in: ("pA", "inhibitory synaptic current"),
    },
    membrane: v,
    delta_input: "w > 0: excitatory alpha current of peak w pA; w < 0: inhibitory one of peak \
                  w pA (dI' += w e / tau_syn), at the end of the step",
    drive: 300.0,
    build: point,
}

/// (alpha, beta) of m, h, n, p at `v` (mV), 1/ms.
#[inline(always)]
fn rates(v: f64) -> [(f64, f64); 4] {
    let v = vg(v);
    [
        (
            540.0 * exprel_inv(-(v - 75.5) / 13.5),
            1.2262 * (-v / 42.248).exp(),
        ),
        (
            0.0035 * (-v / 24.186).exp(),
            0.017 * 5.2 * exprel_inv(-(v + 51.25) / 5.2),
        ),
        (
            0.014 * 2.3 * exprel_inv(-(v + 44.0) / 2.3),
            0.0043 * (-(v + 44.0) / 34.0).exp(),
        ),
        (
            11.8 * exprel_inv(-(v - 95.0) / 11.8),
            0.025 * (-v / 22.222).exp(),
        ),
    ]
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let r = rates(y.v);
    let n2 = y.n * y.n;
    let i_ion = p.g_na * y.m * y.m * y.m * y.h * (y.v - p.e_na)
        + (p.g_kv1 * n2 * n2 + p.g_kv3 * y.p * y.p) * (y.v - p.e_k)
        + p.g_l * (y.v - p.e_l);
    let g = |x: f64, (a, b): (f64, f64)| a * (1.0 - x) - b * x;
    Vars {
        v: (i - i_ion + y.i_ex + y.i_in) / p.c_m,
        m: g(y.m, r[0]),
        h: g(y.h, r[1]),
        n: g(y.n, r[2]),
        p: g(y.p, r[3]),
        di_ex: -y.di_ex / p.tau_syn_ex,
        i_ex: y.di_ex - y.i_ex / p.tau_syn_ex,
        di_in: -y.di_in / p.tau_syn_in,
        i_in: y.di_in - y.i_in / p.tau_syn_in,
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let ss = rates(p.v_init).map(|(a, b)| a / (a + b));
        Vars {
            v: p.v_init,
            m: ss[0],
            h: ss[1],
            n: ss[2],
            p: ss[3],
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let (y, fired) = crossing_step(*s, input.dt, aux.h, |y| derivs(p, i, y), |y| y.v, p.v_th);
        *s = y;
        let e = std::f64::consts::E;
        if input.jump > 0.0 {
            s.di_ex += input.jump * e / p.tau_syn_ex;
        } else {
            s.di_in += input.jump * e / p.tau_syn_in;
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::{kernel, run, spikes};
    use super::*;

    /// NEST starts V at -69.60401191631222 mV, the resting potential of the default cell:
    /// without input V stays there within 1e-3 mV for 1 s, and from -60 mV it returns there
    /// within 0.01 mV.
    #[test]
    fn rests_at_nests_resting_potential() {
        let dt = 0.1;
        for (v0, tol) in [(-69.60401191631222, 1e-3), (-60.0, 1e-2)] {
            let mut k = kernel(&MODEL, &[("v_init", v0)], dt);
            let (times, v) = run(k.as_mut(), 0, dt, 1000.0, |_| 0.0);
            assert!(times.is_empty());
            let last = *v.last().unwrap();
            assert!((last + 69.60401191631222).abs() < tol, "from {v0}: {last}");
        }
    }

    /// A fast-spiking cell: tonic firing under a steady current, the rate rising with it
    /// (printed), and no spike below rheobase.
    #[test]
    fn fires_tonically_above_rheobase() {
        let dt = 0.05;
        let mut last = 0.0;
        for i in [200.0, 400.0, 800.0] {
            let t = spikes(&MODEL, &[], i, dt, 1000.0);
            let rate = t.iter().filter(|&&x| x >= 500.0).count() as f64 * 2.0;
            eprintln!("hh_psc_alpha_gap at {i} pA: {rate} Hz");
            assert!(rate > last);
            last = rate;
        }
        assert!(spikes(&MODEL, &[], 20.0, dt, 500.0).is_empty());
    }
}
