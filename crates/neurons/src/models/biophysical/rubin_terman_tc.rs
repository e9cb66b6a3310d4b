//! Thalamocortical (TC) relay cell of Rubin & Terman (2004), a reduction of the model of
//! Sohal et al. (2000) as in the authors' XPP file (`rubin_terman_pd.ode`, ModelDB 116867).
//!
//! C dV/dt = I + I_e - I_L - I_Na - I_K - I_T
//! I_L = g_L (V - E_L),  I_Na = g_Na m_inf^3 h (V - E_Na),  I_K = g_K (0.75 (1 - h))^4 (V - E_K)
//! I_T = g_T p_inf^2 w (V - E_T)
//! dh/dt = (h_inf - h)/tau_h,  dw/dt = phi_w (w_inf - w)/tau_w
//! m_inf = 1/(1 + exp(-(V + 37)/7)),  p_inf = 1/(1 + exp(-(V + 60)/6.2))
//! h_inf = 1/(1 + exp((V + 41)/4)),  w_inf = 1/(1 + exp((V + 84)/4))
//! tau_h = 1/(a_h + b_h), a_h = 0.128 exp(-(V + 46)/18), b_h = 4/(1 + exp(-(V + 23)/5))
//! tau_w = 28 + exp(-(V + 25)/10.5) ms
//! Defaults (the XPP file): C = 1 uF/cm^2, g_L = 0.05, g_Na = 3, g_K = 5, g_T = 5 mS/cm^2,
//! E_L = -70, E_Na = 50, E_K = -90, E_T = 0 mV, phi_w = 2.5 (the figure's parameter set
//! `rubin_terman_pd.ode.setnorm` uses 5.5: preset `fig5_set`). Rest: -64.71 mV.
//!
//! In the paper's normal state the TC cell relays each sensorimotor pulse (5 uA/cm^2 for
//! 5 ms every 25 ms) with exactly one spike (error index 0); the T-current gives rebound
//! spikes after release from hyperpolarisation.
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Spikes: an upward crossing of `v_th` (-20 mV) inside the step or by a delta-synapse jump
//! is one spike; no reset. Jumps are added to V at the end of the step. Exponents are
//! clamped to +-700.

use super::rubin_terman_stn::logistic;
use crate::Preset;
use crate::define::*;

crate::model! {
    name: "rubin_terman_tc",
    class: "RubinTermanTcNeuron",
    summary: "Rubin-Terman thalamocortical relay cell: C dV/dt = I + I_e - g_L(V - E_L) - g_Na \
              m_inf^3 h (V - E_Na) - g_K (0.75 (1 - h))^4 (V - E_K) - g_T p_inf^2 w (V - E_T); \
              dh/dt = (h_inf - h)/tau_h, dw/dt = phi_w (w_inf - w)/tau_w. Spike = upward \
              crossing of v_th (no reset). Dormand-Prince rk45.",
    citation: "Rubin & Terman (2004) J. Comput. Neurosci. 16:211-235 (Appendix; XPP file \
               rubin_terman_pd.ode, ModelDB 116867)",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_l: param("mS/cm^2", 0.05, NonNegative, "leak conductance"),
        g_na: param("mS/cm^2", 3.0, NonNegative, "Na conductance"),
        g_k: param("mS/cm^2", 5.0, NonNegative, "K conductance"),
        g_t: param("mS/cm^2", 5.0, NonNegative, "low-threshold (T-type) Ca conductance"),
        e_l: param("mV", -70.0, Finite, "leak reversal potential"),
        e_na: param("mV", 50.0, Finite, "Na reversal potential"),
        e_k: param("mV", -90.0, Finite, "K reversal potential"),
        e_t: param("mV", 0.0, Finite, "T-current reversal potential"),
        phi_w: param("1", 2.5, Positive, "rate factor of the T-current inactivation w"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -64.71, Finite, "initial V (default: rest); h, w start at their steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        h: ("1", "Na inactivation (K activation is 0.75 (1 - h))"),
        w: ("1", "T-current inactivation"),
    },
    membrane: v,
    presets: [
        Preset {
            name: "fig5_set",
            doc: "phi_w = 5.5 as in the parameter file of the paper's Fig. 5 (setnorm)",
            values: &[("phi_w", 5.5)],
        },
    ],
    drive: 5.0,
    build: point,
}

/// (h_inf, tau_h, w_inf, tau_w) at `v`.
#[inline(always)]
fn gates(v: f64) -> [f64; 4] {
    let a_h = 0.128 * (-(v + 46.0) / 18.0).min(700.0).exp();
    let b_h = 4.0 * logistic((v + 23.0) / 5.0);
    [
        logistic(-(v + 41.0) / 4.0),
        1.0 / (a_h + b_h),
        logistic(-(v + 84.0) / 4.0),
        28.0 + (-(v + 25.0) / 10.5).min(700.0).exp(),
    ]
}

fn rhs(p: &Parameters, y: Vars, i: f64) -> Vars {
    let v = y.v;
    let [h_inf, tau_h, w_inf, tau_w] = gates(v);
    let m = logistic((v + 37.0) / 7.0);
    let pt = logistic((v + 60.0) / 6.2);
    let nk = 0.75 * (1.0 - y.h);
    let nk2 = nk * nk;
    let i_ion = p.g_l * (v - p.e_l)
        + p.g_na * m * m * m * y.h * (v - p.e_na)
        + p.g_k * nk2 * nk2 * (v - p.e_k)
        + p.g_t * pt * pt * y.w * (v - p.e_t);
    Vars {
        v: (i - i_ion) / p.c_m,
        h: (h_inf - y.h) / tau_h,
        w: p.phi_w * (w_inf - y.w) / tau_w,
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let [h, _, w, _] = gates(p.v_init);
        Vars { v: p.v_init, h, w }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let mut fired = false;
        *s = integrate::rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            |y| rhs(p, y, i),
            |a, b| {
                fired |= a.v < p.v_th && b.v >= p.v_th;
                None
            },
        );
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ion_channel::persistent_na::testing::run;

    /// The paper's normal state: sensorimotor pulses of 5 uA/cm^2 for 5 ms every 25 ms are
    /// relayed one to one (20 pulses in 500 ms, 20 spikes, each within the first 10 ms of
    /// its pulse), with both parameter sets.
    #[test]
    fn relays_each_sensorimotor_pulse() {
        for phi_w in [2.5, 5.5] {
            let (times, _) = run(&MODEL, &[("phi_w", phi_w)], 0.05, 500.0, |t| {
                if t % 25.0 < 5.0 { 5.0 } else { 0.0 }
            });
            assert_eq!(times.len(), 20, "phi_w {phi_w}: {times:?}");
            for t in &times {
                assert!(t % 25.0 < 10.0, "phi_w {phi_w}: spike at {t}");
            }
        }
    }

    /// Rest at -64.71 mV, and a constant 5 uA/cm^2 drives tonic firing with the inter-spike
    /// interval (8.2 ms at the 4th spike) of an independent RK4 integration of the XPP file's
    /// equations; release from a 200 ms hyperpolarisation (-3 uA/cm^2) gives a rebound spike.
    #[test]
    fn rest_tonic_and_rebound() {
        let (none, trace) = run(&MODEL, &[], 0.1, 1000.0, |_| 0.0);
        assert!(none.is_empty());
        assert!((trace[trace.len() - 1] + 64.71).abs() < 0.01);
        let (tonic, _) = run(&MODEL, &[], 0.01, 60.0, |_| 5.0);
        let isi = tonic[4] - tonic[3];
        assert!((isi - 8.28).abs() < 0.05 * 8.28, "{tonic:?}");
        let (rebound, _) = run(
            &MODEL,
            &[],
            0.05,
            400.0,
            |t| if t < 200.0 { -3.0 } else { 0.0 },
        );
        assert!(!rebound.is_empty() && rebound[0] > 200.0, "{rebound:?}");
    }
}
