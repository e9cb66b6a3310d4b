//! Subthalamic nucleus (STN) cell of Rubin & Terman (2004), the single-compartment model of
//! Terman et al. (2002) with the 2004 parameters, as in the authors' XPP file
//! (`rubin_terman_pd.ode`, ModelDB 116867).
//!
//! C dV/dt = I + I_e - I_L - I_K - I_Na - I_T - I_Ca - I_AHP
//! I_L = g_L (V - E_L),  I_K = g_K n^4 (V - E_K),  I_Na = g_Na m_inf^3 h (V - E_Na)
//! I_T = g_T a_inf^3 b_inf(r)^2 (V - E_Ca),  I_Ca = g_Ca s_inf^2 (V - E_Ca)
//! I_AHP = g_AHP (V - E_K) Ca / (Ca + k1)
//! dh/dt = phi (h_inf - h)/tau_h,  dn/dt = phi (n_inf - n)/tau_n,  dr/dt = phi_r (r_inf - r)/tau_r
//! dCa/dt = phi eps (-I_Ca - I_T - k_Ca Ca)
//! x_inf = 1/(1 + exp(-(V - theta_x)/sigma_x)) with (theta, sigma) = m (-30, 15), h (-39, -3.1),
//!   n (-32, 8), r (-67, -2), a (-63, 7.8), s (-39, 8);
//! b_inf(r) = 1/(1 + exp(-(r - 0.25)/0.07)) - 1/(1 + exp(0.25/0.07));
//! tau_h = 1 + 500/(1 + exp((V + 57)/3)), tau_n = 1 + 100/(1 + exp((V + 80)/26)),
//! tau_r = 7.1 + 17.5/(1 + exp((V - 68)/2.2)) (ms).
//! Defaults (Rubin & Terman 2004, Appendix; the XPP file): C = 1 uF/cm^2, g_L = 2.25,
//! g_K = 45, g_Na = 37.5, g_T = 0.5, g_Ca = 0.5, g_AHP = 9 mS/cm^2, E_L = -60, E_K = -80,
//! E_Na = 55, E_Ca = 140 mV, phi = 0.75, phi_r = 0.5, eps = 5e-5 /ms, k_Ca = 22.5, k1 = 15.
//! The paper's network runs the STN cells with a bias of 25 uA/cm^2 (`inp` in the XPP
//! file), given here through `i_e` (default 0: the intrinsic cell).
//!
//! The intrinsic cell (I = 0) fires slowly and regularly by itself (STN cells are
//! spontaneously active; ~2.6 Hz here); with the network's bias of 25 uA/cm^2 it fires
//! tonically at 33.6 Hz.
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Spikes: an upward crossing of `v_th` (-20 mV) inside the step or by a delta-synapse jump
//! is one spike; no reset (the cell repolarises by itself). Jumps are added to V at the end
//! of the step. Exponents are clamped to +-700 so that the rates stay finite for any V.

use crate::define::*;

crate::model! {
    name: "rubin_terman_stn",
    class: "RubinTermanStnNeuron",
    summary: "Rubin-Terman STN cell: C dV/dt = I + I_e - g_L(V - E_L) - g_K n^4 (V - E_K) - g_Na \
              m_inf^3 h (V - E_Na) - g_T a_inf^3 b_inf(r)^2 (V - E_Ca) - g_Ca s_inf^2 (V - E_Ca) - \
              g_AHP (V - E_K) Ca/(Ca + k1); first-order h, n, r; dCa/dt = phi eps (-I_Ca - I_T \
              - k_Ca Ca). Spontaneously active. Spike = upward crossing of v_th (no reset). \
              Dormand-Prince rk45.",
    citation: "Rubin & Terman (2004) J. Comput. Neurosci. 16:211-235 (Appendix; XPP file \
               rubin_terman_pd.ode, ModelDB 116867); model of Terman, Rubin, Yew & Wilson \
               (2002) J. Neurosci. 22:2963-2976",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_l: param("mS/cm^2", 2.25, NonNegative, "leak conductance"),
        g_k: param("mS/cm^2", 45.0, NonNegative, "delayed-rectifier K conductance"),
        g_na: param("mS/cm^2", 37.5, NonNegative, "Na conductance"),
        g_t: param("mS/cm^2", 0.5, NonNegative, "low-threshold (T-type) Ca conductance"),
        g_ca: param("mS/cm^2", 0.5, NonNegative, "high-threshold Ca conductance"),
        g_ahp: param("mS/cm^2", 9.0, NonNegative, "Ca-activated (AHP) K conductance"),
        e_l: param("mV", -60.0, Finite, "leak reversal potential"),
        e_k: param("mV", -80.0, Finite, "K reversal potential"),
        e_na: param("mV", 55.0, Finite, "Na reversal potential"),
        e_ca: param("mV", 140.0, Finite, "Ca reversal potential"),
        phi: param("1", 0.75, Positive, "rate factor of h, n and Ca"),
        phi_r: param("1", 0.5, Positive, "rate factor of r"),
        eps: param("1/ms", 5e-5, Positive, "Ca buffering rate (uA/cm^2 of Ca current to Ca)"),
        k_ca: param("1", 22.5, Positive, "Ca pump rate"),
        k1: param("1", 15.0, Positive, "Ca dissociation constant of the AHP current"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -65.0, Finite, "initial V; gates and Ca start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        h: ("1", "Na inactivation"),
        n: ("1", "K activation"),
        r: ("1", "T-current inactivation variable"),
        ca: ("1", "intracellular Ca concentration (dimensionless, as in the paper)"),
    },
    membrane: v,
    // The paper's STN bias (`inp` in the XPP file): tonic firing at 33.6 Hz.
    drive: 25.0,
    spontaneous: "the published STN cell is a pacemaker: with no input it fires slowly and \
                  regularly (~2.6 Hz at the defaults)",
    build: point,
}

/// Logistic 1 / (1 + exp(-x)) with the exponent clamped.
#[inline(always)]
pub(crate) fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).clamp(-700.0, 700.0).exp())
}

/// Steady states (h, n, r) and time constants (tau_h, tau_n, tau_r) at `v`.
#[inline(always)]
fn gates(v: f64) -> ([f64; 3], [f64; 3]) {
    (
        [
            logistic(-(v + 39.0) / 3.1),
            logistic((v + 32.0) / 8.0),
            logistic(-(v + 67.0) / 2.0),
        ],
        [
            1.0 + 500.0 * logistic(-(v + 57.0) / 3.0),
            1.0 + 100.0 * logistic(-(v + 80.0) / 26.0),
            7.1 + 17.5 * logistic(-(v - 68.0) / 2.2),
        ],
    )
}

/// (I_T, I_Ca) at (v, r).
#[inline(always)]
fn ca_currents(p: &Parameters, v: f64, r: f64) -> (f64, f64) {
    let a = logistic((v + 63.0) / 7.8);
    let b = logistic((r - 0.25) / 0.07) - logistic(-0.25 / 0.07);
    let s = logistic((v + 39.0) / 8.0);
    (
        p.g_t * a * a * a * b * b * (v - p.e_ca),
        p.g_ca * s * s * (v - p.e_ca),
    )
}

fn rhs(p: &Parameters, y: Vars, i: f64) -> Vars {
    let v = y.v;
    let ([h_inf, n_inf, r_inf], [tau_h, tau_n, tau_r]) = gates(v);
    let m = logistic((v + 30.0) / 15.0);
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
        h: p.phi * (h_inf - y.h) / tau_h,
        n: p.phi * (n_inf - y.n) / tau_n,
        r: p.phi_r * (r_inf - y.r) / tau_r,
        ca: p.phi * p.eps * (-i_ca - i_t - p.k_ca * y.ca),
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let v = p.v_init;
        let ([h, n, r], _) = gates(v);
        let (i_t, i_ca) = ca_currents(p, v, r);
        Vars {
            v,
            h,
            n,
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

    /// Mean inter-spike interval (ms) of the last `k` intervals.
    pub(crate) fn last_isi(times: &[f64], k: usize) -> f64 {
        let n = times.len();
        (times[n - 1] - times[n - 1 - k]) / k as f64
    }

    /// With the network's bias of the authors' XPP file (inp = 25 uA/cm^2) the cell fires
    /// tonically with an inter-spike interval of 29.78 ms (33.6 Hz), the value of an
    /// independent RK4 integration (0.01 ms) of the same equations from the XPP file.
    #[test]
    fn tonic_rate_with_the_papers_bias() {
        let (times, _) = run(&MODEL, &[("i_e", 25.0)], 0.05, 2000.0, |_| 0.0);
        let isi = last_isi(&times, 10);
        eprintln!("RT STN at 25 uA/cm^2: ISI {isi:.2} ms");
        assert!((isi - 29.78).abs() < 0.05 * 29.78, "{isi}");
    }

    /// The intrinsic cell is a slow pacemaker: it keeps firing without input, at a few Hz
    /// (ISI 380 ms after 3 s in the reference integration).
    #[test]
    fn fires_spontaneously() {
        let (times, _) = run(&MODEL, &[], 0.1, 4000.0, |_| 0.0);
        assert!(times.len() >= 8, "{times:?}");
        let isi = last_isi(&times, 3);
        eprintln!("RT STN intrinsic: ISI {isi:.1} ms");
        assert!((250.0..500.0).contains(&isi), "{isi}");
    }
}
