//! Globus pallidus (GPe, and with another bias GPi) cell of Rubin & Terman (2004), the
//! single-compartment model of Terman et al. (2002) with the 2004 parameters, as in the
//! authors' XPP file (`rubin_terman_pd.ode`, ModelDB 116867).
//!
//! C dV/dt = I + I_e - I_L - I_K - I_Na - I_T - I_Ca - I_AHP
//! I_L = g_L (V - E_L),  I_K = g_K n^4 (V - E_K),  I_Na = g_Na m_inf^3 h (V - E_Na)
//! I_T = g_T a_inf^3 r (V - E_Ca),  I_Ca = g_Ca s_inf^2 (V - E_Ca)
//! I_AHP = g_AHP (V - E_K) Ca / (Ca + k1)
//! dn/dt = phi_n (n_inf - n)/tau_n,  dh/dt = phi_h (h_inf - h)/tau_h,  dr/dt = phi_r (r_inf - r)/tau_r
//! dCa/dt = eps (-I_Ca - I_T - k_Ca Ca)
//! x_inf = 1/(1 + exp(-(V - theta_x)/sigma_x)) with (theta, sigma) = m (-37, 10), h (-58, -12),
//!   n (-50, 14), r (-70, -2), a (-57, 2), s (-35, 2);
//! tau_n = tau_h = 0.05 + 0.27/(1 + exp((V + 40)/12)) ms, tau_r = 30 ms.
//! Defaults (Rubin & Terman 2004, Appendix; the XPP file): C = 1 uF/cm^2, g_L = 0.1,
//! g_K = 30, g_Na = 120, g_T = 0.5, g_Ca = 0.1, g_AHP = 30 mS/cm^2, E_L = -55, E_K = -80,
//! E_Na = 55, E_Ca = 120 mV, phi_n = 0.1, phi_h = 0.05, phi_r = 1, eps = 1e-4 /ms,
//! k_Ca = 15, k1 = 30. The paper's network biases the GPe cells with 2 uA/cm^2 (normal
//! state; `iapp` in the XPP file) and the GPi cells with 5 (`iappi`): presets `gpe_normal`
//! and `gpi`; the default `i_e` = 0 is the intrinsic cell.
//!
//! The intrinsic cell fires by itself; with the GPe bias of 2 uA/cm^2 it fires tonically
//! with an inter-spike interval of 17.77 ms (56 Hz).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Spikes: an upward crossing of `v_th` (-20 mV) inside the step or by a delta-synapse jump
//! is one spike; no reset. Jumps are added to V at the end of the step. Exponents are
//! clamped to +-700.

use super::rubin_terman_stn::logistic;
use crate::Preset;
use crate::define::*;

crate::model! {
    name: "rubin_terman_gpe",
    class: "RubinTermanGpeNeuron",
    summary: "Rubin-Terman pallidal (GPe/GPi) cell: C dV/dt = I + I_e - g_L(V - E_L) - g_K n^4 \
              (V - E_K) - g_Na m_inf^3 h (V - E_Na) - g_T a_inf^3 r (V - E_Ca) - g_Ca s_inf^2 \
              (V - E_Ca) - g_AHP (V - E_K) Ca/(Ca + k1); first-order n, h, r; dCa/dt = eps \
              (-I_Ca - I_T - k_Ca Ca). Spontaneously active. Spike = upward crossing of v_th \
              (no reset). Dormand-Prince rk45.",
    citation: "Rubin & Terman (2004) J. Comput. Neurosci. 16:211-235 (Appendix; XPP file \
               rubin_terman_pd.ode, ModelDB 116867); model of Terman, Rubin, Yew & Wilson \
               (2002) J. Neurosci. 22:2963-2976",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_l: param("mS/cm^2", 0.1, NonNegative, "leak conductance"),
        g_k: param("mS/cm^2", 30.0, NonNegative, "delayed-rectifier K conductance"),
        g_na: param("mS/cm^2", 120.0, NonNegative, "Na conductance"),
        g_t: param("mS/cm^2", 0.5, NonNegative, "low-threshold (T-type) Ca conductance"),
        g_ca: param("mS/cm^2", 0.1, NonNegative, "high-threshold Ca conductance"),
        g_ahp: param("mS/cm^2", 30.0, NonNegative, "Ca-activated (AHP) K conductance"),
        e_l: param("mV", -55.0, Finite, "leak reversal potential"),
        e_k: param("mV", -80.0, Finite, "K reversal potential"),
        e_na: param("mV", 55.0, Finite, "Na reversal potential"),
        e_ca: param("mV", 120.0, Finite, "Ca reversal potential"),
        phi_n: param("1", 0.1, Positive, "rate factor of n"),
        phi_h: param("1", 0.05, Positive, "rate factor of h"),
        phi_r: param("1", 1.0, Positive, "rate factor of r"),
        tau_r: param("ms", 30.0, Positive, "time constant of r"),
        eps: param("1/ms", 1e-4, Positive, "Ca buffering rate (uA/cm^2 of Ca current to Ca)"),
        k_ca: param("1", 15.0, Positive, "Ca pump rate"),
        k1: param("1", 30.0, Positive, "Ca dissociation constant of the AHP current"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -65.0, Finite, "initial V; gates and Ca start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        n: ("1", "K activation"),
        h: ("1", "Na inactivation"),
        r: ("1", "T-current inactivation"),
        ca: ("1", "intracellular Ca concentration (dimensionless, as in the paper)"),
    },
    membrane: v,
    presets: [
        Preset {
            name: "gpe_normal",
            doc: "GPe cell of the paper's normal state (bias iapp = 2 uA/cm^2)",
            values: &[("i_e", 2.0)],
        },
        Preset {
            name: "gpi",
            doc: "GPi cell of the paper (same equations, bias iappi = 5 uA/cm^2)",
            values: &[("i_e", 5.0)],
        },
    ],
    // The paper's GPe bias (normal state, `iapp` in the XPP file): tonic firing at 56 Hz.
    drive: 2.0,
    spontaneous: "the published pallidal cell is autonomously active: with no input it fires \
                  by itself",
    build: point,
}

/// Steady states (n, h, r) and the common time constant of n and h at `v`.
#[inline(always)]
fn gates(v: f64) -> ([f64; 3], f64) {
    (
        [
            logistic((v + 50.0) / 14.0),
            logistic(-(v + 58.0) / 12.0),
            logistic(-(v + 70.0) / 2.0),
        ],
        0.05 + 0.27 * logistic(-(v + 40.0) / 12.0),
    )
}

/// (I_T, I_Ca) at (v, r).
#[inline(always)]
fn ca_currents(p: &Parameters, v: f64, r: f64) -> (f64, f64) {
    let a = logistic((v + 57.0) / 2.0);
    let s = logistic((v + 35.0) / 2.0);
    (
        p.g_t * a * a * a * r * (v - p.e_ca),
        p.g_ca * s * s * (v - p.e_ca),
    )
}

fn rhs(p: &Parameters, y: Vars, i: f64) -> Vars {
    let v = y.v;
    let ([n_inf, h_inf, r_inf], tau) = gates(v);
    let m = logistic((v + 37.0) / 10.0);
    let (i_t, i_ca) = ca_currents(p, v, y.r);
    let n2 = y.n * y.n;
    let i_ion = p.g_l * (v - p.e_l)
        + p.g_k * n2 * n2 * (v - p.e_k)
        + p.g_na * m * m * m * y.h * (v - p.e_na)
        + i_t
        + i_ca
        + p.g_ahp * (v - p.e_k) * y.ca / (y.ca + p.k1);
    Vars {
        v: (i - i_ion) / p.c_m,
        n: p.phi_n * (n_inf - y.n) / tau,
        h: p.phi_h * (h_inf - y.h) / tau,
        r: p.phi_r * (r_inf - y.r) / p.tau_r,
        ca: p.eps * (-i_ca - i_t - p.k_ca * y.ca),
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let v = p.v_init;
        let ([n, h, r], _) = gates(v);
        let (i_t, i_ca) = ca_currents(p, v, r);
        Vars {
            v,
            n,
            h,
            r,
            ca: ((-i_t - i_ca) / p.k_ca).max(0.0),
        }
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

    /// With the GPe bias of the paper's normal state (2 uA/cm^2) the cell fires tonically
    /// with an inter-spike interval of 17.77 ms (56 Hz), the value of an independent RK4
    /// integration (0.01 ms) of the same equations from the authors' XPP file.
    #[test]
    fn tonic_rate_with_the_normal_state_bias() {
        let (times, _) = run(&MODEL, &[("i_e", 2.0)], 0.05, 2000.0, |_| 0.0);
        let n = times.len();
        let isi = (times[n - 1] - times[n - 11]) / 10.0;
        eprintln!("RT GPe at 2 uA/cm^2: ISI {isi:.2} ms");
        assert!((isi - 17.77).abs() < 0.05 * 17.77, "{isi}");
    }
}
