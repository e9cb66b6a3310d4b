//! Golomb et al. (2007) fast-spiking cortical interneuron: a single compartment with
//! transient sodium (instantaneous activation), a delayed rectifier and the slowly
//! inactivating D-type (Kv1) potassium current that delays the first spike and makes the
//! cell stutter.
//!
//! C_m dV/dt = I + I_e - g_Na m_inf^3 h (V - E_Na) - g_Kdr n^2 (V - E_K)
//!             - g_Kd a^3 b (V - E_K) - g_L (V - E_L)
//! dx/dt = (x_inf - x) / tau_x for x = h, n, a, b; x_inf = 1 / (1 + exp(-(V - theta_x)/sigma_x))
//!   m: theta -24, sigma 11.5 (instantaneous); h: theta -58.3, sigma -6.7,
//!      tau_h = 0.5 + 14 / (1 + exp(-(V + 60)/(-12)))
//!   n: theta -12.4, sigma 6.8,
//!      tau_n = (0.087 + 11.4 / (1 + exp((V + 14.6)/8.6))) (0.087 + 11.4 / (1 + exp(-(V - 1.3)/18.7)))
//!   a: theta -50, sigma 20, tau_a = 2 ms; b: theta -70, sigma -6, tau_b = 150 ms
//! Defaults: Golomb et al. (2007) Table / Fig. 2A: C = 1 uF/cm^2, g_Na = 112.5, g_Kdr = 225,
//! g_Kd = 0.39, g_L = 0.25 mS/cm^2, E_Na = 50, E_K = -90, E_L = -70 mV; rest -70.038 mV.
//! Preset `stuttering`: g_Kd = 1.8 mS/cm^2 (Fig. 2B, stimulated at 4.2 uA/cm^2).
//!
//! Spikes: upward crossing of `v_th` (0 mV), no reset; delta-synapse jumps are added to V at
//! the end of the step. Numerics: Dormand–Prince rk45 (`Tolerance::DEFAULT`, carried step).

use super::traub_miles::{crossing_step, vg};
use crate::define::*;

crate::model! {
    name: "golomb_fs",
    class: "GolombFSNeuron",
    summary: "C_m dV/dt = I + I_e - g_Na m_inf^3 h (V - E_Na) - g_Kdr n^2 (V - E_K) \
              - g_Kd a^3 b (V - E_K) - g_L (V - E_L); sigmoidal x_inf, tau_x of Golomb et al. \
              (2007); the slowly inactivating D-current delays firing (Fig. 2A) or makes it \
              stutter (preset, Fig. 2B). Spike = upward crossing of v_th (0 mV). rk45.",
    citation: "Golomb, Donner, Shacham, Shlosberg, Amitai & Hansel (2007) PLoS Comput. Biol. \
               3(8):e156",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 112.5, NonNegative, "maximal sodium conductance"),
        g_kdr: param("mS/cm^2", 225.0, NonNegative, "maximal delayed-rectifier conductance"),
        g_kd: param("mS/cm^2", 0.39, NonNegative, "maximal D-type (Kv1) potassium conductance"),
        g_l: param("mS/cm^2", 0.25, NonNegative, "leak conductance"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -90.0, Finite, "potassium reversal potential"),
        e_l: param("mV", -70.0, Finite, "leak reversal potential"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", 0.0, Finite,
            "spike detection level: an upward crossing is one spike (no reset)"),
        v_init: param("mV", -70.038, Finite,
            "initial membrane potential (the rest); gates start at their steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        h: ("1", "sodium inactivation"),
        n: ("1", "delayed-rectifier activation"),
        a: ("1", "D-current activation"),
        b: ("1", "D-current inactivation"),
    },
    membrane: v,
    presets: [
        crate::Preset {
            name: "delayed_tonic",
            doc: "delayed tonic firing, Golomb et al. (2007) Fig. 2A (g_Kd = 0.39 mS/cm^2, \
                  I = 3.35 uA/cm^2): the defaults",
            values: &[("g_kd", 0.39)],
        },
        crate::Preset {
            name: "stuttering",
            doc: "delayed stuttering, Golomb et al. (2007) Fig. 2B (g_Kd = 1.8 mS/cm^2, \
                  I = 4.2 uA/cm^2)",
            values: &[("g_kd", 1.8)],
        },
    ],
    drive: 10.0,
    build: point,
}

#[inline(always)]
fn sig(v: f64, theta: f64, sigma: f64) -> f64 {
    1.0 / (1.0 + (-(v - theta) / sigma).exp())
}

/// (m_inf, h_inf, tau_h, n_inf, tau_n, a_inf, b_inf) at `v` (mV).
#[inline(always)]
fn gates(v: f64) -> [f64; 7] {
    let v = vg(v);
    [
        sig(v, -24.0, 11.5),
        sig(v, -58.3, -6.7),
        0.5 + 14.0 * sig(v, -60.0, -12.0),
        sig(v, -12.4, 6.8),
        (0.087 + 11.4 / (1.0 + ((v + 14.6) / 8.6).exp()))
            * (0.087 + 11.4 / (1.0 + (-(v - 1.3) / 18.7).exp())),
        sig(v, -50.0, 20.0),
        sig(v, -70.0, -6.0),
    ]
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let g = gates(y.v);
    let i_ion = p.g_na * g[0].powi(3) * y.h * (y.v - p.e_na)
        + p.g_kdr * y.n * y.n * (y.v - p.e_k)
        + p.g_kd * y.a.powi(3) * y.b * (y.v - p.e_k)
        + p.g_l * (y.v - p.e_l);
    Vars {
        v: (i - i_ion) / p.c_m,
        h: (g[1] - y.h) / g[2],
        n: (g[3] - y.n) / g[4],
        a: (g[5] - y.a) / 2.0,
        b: (g[6] - y.b) / 150.0,
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let g = gates(p.v_init);
        Vars {
            v: p.v_init,
            h: g[1],
            n: g[3],
            a: g[5],
            b: g[6],
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let (y, fired) = crossing_step(*s, input.dt, aux.h, |y| derivs(p, i, y), |y| y.v, p.v_th);
        *s = y;
        let before = s.v;
        s.v += input.jump;
        fired || (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::{spikes, threshold};
    use super::*;

    /// Golomb et al. (2007) Fig. 2A: with g_Kd = 0.39 mS/cm^2, I = 3.35 uA/cm^2 is just above
    /// the threshold for sustained firing, which sets in only after a pause of hundreds of
    /// ms (the D-current inactivating with tau_b = 150 ms) following the onset spike. The
    /// threshold measured here (3 s steps) lies within 10 % below 3.35, and at 3.35 the
    /// second spike comes more than 150 ms after the first.
    #[test]
    fn fig_2a_threshold_and_delayed_firing() {
        let fires = |i: f64| spikes(&MODEL, &[], i, 0.1, 3000.0).len() >= 3;
        let i_th = threshold(2.0, 3.35, 0.01, fires);
        eprintln!("golomb_fs threshold {i_th:.3} uA/cm^2");
        assert!(i_th > 0.9 * 3.35 && i_th <= 3.35, "threshold {i_th}");
        let s = spikes(&MODEL, &[], 3.35, 0.1, 3000.0);
        eprintln!("spikes at 3.35: {:?}", &s[..4]);
        assert!(s[1] - s[0] > 150.0, "pause {}", s[1] - s[0]);
        let isi = s[3] - s[2];
        assert!(isi < 50.0, "tonic ISI {isi}");
    }
}
