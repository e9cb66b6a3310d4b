//! Destexhe, Bal, McCormick & Sejnowski (1996) thalamocortical relay (TC) cell: one
//! compartment with Traub-type I_Na/I_K (high threshold), the T-type calcium current of
//! Huguenard & McCormick, an h-current upregulated by intracellular calcium through a
//! calcium-binding protein, a K leak and a calcium pool.
//!
//! C_m dV/dt = I + I_e - g_L (V - E_L) - g_KL (V - E_K) - g_Na m^3 h (V - E_Na)
//!             - g_K n^4 (V - E_K) - g_T m_T,inf^2 h_T (V - E_Ca) - g_h (o1 + g_inc o2) (V - E_h)
//!   m, h, n: Traub rates in u = V - V_traub (as `traub_miles`), V_traub = -25 mV;
//!   I_T (V' = V + 2 mV): m_T,inf = 1/(1 + exp(-(V' + 57)/6.2)), h_T,inf = 1/(1 + exp((V' + 81)/4)),
//!     tau_hT = (30.8 + (211.4 + exp((V' + 113.2)/5))/(1 + exp((V' + 84)/3.2))) / 3^1.2;
//!   E_Ca = (R T / 2F) ln(Ca_o / Ca_i), T = 36 degC, Ca_o = 2 mM;
//!   dCa_i/dt = max(-10^4 I_T / (2 F d), 0) + (Ca_inf - Ca_i)/tau_Ca (mM, ms; d = 1 um);
//!   I_h: C <-> O1 (alpha = h_inf/tau_s, beta = (1 - h_inf)/tau_s), P0 <-> P1
//!     (k2 (Ca_i/c_ac)^4, k2), O1 <-> O2 (k4 P1/P_c, k4): h_inf = 1/(1 + exp((V + 75)/5.5)),
//!     tau_s = 20 + 1000/(exp((V + 71.5)/14.2) + exp(-(V + 89)/11.6)).
//! Parameters: the sTC template of the paper's code (ModelDB 3343), per unit area (cell of
//! 29000 um^2): g_L = 0.01, g_KL = 0.0138 (0.004 uS), g_Na = 90, g_K = 10, g_T = 2,
//! g_h = 0.02 mS/cm^2 ("low I_h for slow oscillations"), E_L = -70, E_K = -100, E_Na = 50,
//! E_h = -40 mV, Ca_inf = 2.4e-4 mM, tau_Ca = 5 ms, k2 = 0.0004/ms, c_ac = 0.002 mM,
//! k4 = 0.001/ms, P_c = 0.01, g_inc = 2. 36 degC (all temperature factors 1).
//!
//! Without input the cell is an intrinsic slow oscillator (I_h depolarises it until I_T fires
//! a rebound burst; declared `spontaneous`); at I = 0.5 uA/cm^2 it rests near -58 mV.
//!
//! Initial state: every gate, the Ih kinetic states and Ca_i at their steady state for
//! v_init (the ModelDB code starts I_h and h_T closed instead).
//!
//! Spikes: upward crossing of `v_th` (0 mV), no reset; delta-synapse jumps are added to V at
//! the end of the step. Numerics: Dormand–Prince rk45 (`Tolerance::DEFAULT`, carried step).

use super::traub_miles::{crossing_step, rates as traub_rates, vg};
use crate::define::*;

crate::model! {
    name: "destexhe_thalamic",
    class: "DestexheThalamicNeuron",
    summary: "Thalamocortical relay cell: C_m dV/dt = I - I_L - I_KL - I_Na - I_K - I_T - I_h; \
              Traub I_Na/I_K (V_traub = -25 mV), Huguenard-McCormick I_T with Nernst E_Ca, \
              I_h upregulated by Ca_i through a binding protein, Ca pool (tau 5 ms). \
              Spike = upward crossing of v_th (0 mV). rk45.",
    citation: "Destexhe, Bal, McCormick & Sejnowski (1996) J. Neurophysiol. 76:2049-2070 \
               (sTC cell, ModelDB 3343); Huguenard & McCormick (1992) J. Neurophysiol. \
               68:1373-1383 (I_T); Destexhe, Babloyantz & Sejnowski (1993) Biophys. J. \
               65:1538-1552 (Ca-regulated I_h)",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_l: param("mS/cm^2", 0.01, NonNegative, "leak conductance"),
        e_l: param("mV", -70.0, Finite, "leak reversal potential"),
        g_kl: param("mS/cm^2", 0.0138, NonNegative, "potassium leak conductance"),
        g_na: param("mS/cm^2", 90.0, NonNegative, "maximal sodium conductance"),
        g_k: param("mS/cm^2", 10.0, NonNegative, "maximal delayed-rectifier conductance"),
        v_traub: param("mV", -25.0, Finite, "offset of the Na/K rates (high threshold)"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -100.0, Finite, "potassium reversal potential"),
        g_t: param("mS/cm^2", 2.0, NonNegative, "maximal T-type calcium conductance"),
        t_shift: param("mV", 2.0, Finite, "shift of the I_T voltage dependence"),
        ca_o: param("mM", 2.0, Positive, "extracellular calcium"),
        ca_inf: param("mM", 2.4e-4, Positive, "resting intracellular calcium"),
        tau_ca: param("ms", 5.0, Positive, "calcium removal time constant"),
        depth: param("um", 1.0, Positive, "depth of the submembrane calcium shell"),
        g_h: param("mS/cm^2", 0.02, NonNegative, "maximal h conductance"),
        e_h: param("mV", -40.0, Finite, "h-current reversal potential"),
        k2: param("1/ms", 0.0004, Positive, "unbinding rate of calcium from the protein"),
        c_ac: param("mM", 0.002, Positive, "half-activation calcium of the protein"),
        k4: param("1/ms", 0.001, Positive, "unbinding rate of the protein from I_h"),
        p_c: param("1", 0.01, Positive, "half-activation of protein binding on I_h"),
        g_inc: param("1", 2.0, NonNegative, "conductance factor of protein-bound I_h"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", 0.0, Finite,
            "spike detection level: an upward crossing is one spike (no reset)"),
        v_init: param("mV", -70.0, Finite,
            "initial membrane potential; gates, I_h states and Ca_i at steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "potassium activation"),
        h_t: ("1", "T-current inactivation"),
        o1: ("1", "I_h open state"),
        o2: ("1", "I_h open, protein-bound state"),
        p1: ("1", "calcium-bound fraction of the binding protein"),
        ca: ("mM", "intracellular calcium"),
    },
    membrane: v,
    drive: 5.0,
    spontaneous: "the sTC cell is an intrinsic slow oscillator: from rest it drifts into \
                  I_h/I_T-driven rebound bursts (first after ~1.8 s, then every ~0.2-0.25 s) \
                  without input, the delta oscillation of the paper's code (Fdelta)",
    build: point,
}

/// R T / (2 F) at 36 degC, mV.
const RT_2F: f64 = 1e3 * 8.31441 * (36.0 + 273.15) / (2.0 * 96485.309);

/// Nernst potential of calcium, mV.
#[inline(always)]
fn e_ca(p: &Parameters, ca: f64) -> f64 {
    RT_2F * (p.ca_o / ca.max(1e-12)).ln()
}

/// (m_T,inf, h_T,inf, tau_hT, alpha_h, beta_h) at `v`: the T-current and I_h voltage
/// dependences.
#[inline(always)]
fn slow(p: &Parameters, v: f64) -> [f64; 5] {
    let v = vg(v);
    let w = v + p.t_shift;
    let h_inf = 1.0 / (1.0 + ((v + 75.0) / 5.5).exp());
    let tau_s = 20.0 + 1000.0 / (((v + 71.5) / 14.2).exp() + (-(v + 89.0) / 11.6).exp());
    [
        1.0 / (1.0 + (-(w + 57.0) / 6.2).exp()),
        1.0 / (1.0 + ((w + 81.0) / 4.0).exp()),
        (30.8 + (211.4 + ((w + 113.2) / 5.0).exp()) / (1.0 + ((w + 84.0) / 3.2).exp()))
            / 3f64.powf(1.2),
        h_inf / tau_s,
        (1.0 - h_inf) / tau_s,
    ]
}

fn i_t(p: &Parameters, s: &[f64; 5], y: &Vars) -> f64 {
    p.g_t * s[0] * s[0] * y.h_t * (y.v - e_ca(p, y.ca))
}

fn ca_drive(p: &Parameters, i_t: f64) -> f64 {
    // The currents here are in uA/cm^2; the pool equation takes mA/cm^2 (1e-3 of them).
    (-1e4 * 1e-3 * i_t / (2.0 * 96485.309 * p.depth)).max(0.0)
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let r = traub_rates(y.v, p.v_traub);
    let s = slow(p, y.v);
    let it = i_t(p, &s, &y);
    let k1ca = p.k2 * (y.ca / p.c_ac).powi(4);
    let k3p = p.k4 * (y.p1 / p.p_c);
    let c1 = 1.0 - y.o1 - y.o2;
    let i_ion = p.g_l * (y.v - p.e_l)
        + p.g_kl * (y.v - p.e_k)
        + p.g_na * y.m.powi(3) * y.h * (y.v - p.e_na)
        + p.g_k * y.n.powi(4) * (y.v - p.e_k)
        + it
        + p.g_h * (y.o1 + p.g_inc * y.o2) * (y.v - p.e_h);
    Vars {
        v: (i - i_ion) / p.c_m,
        m: r[0] * (1.0 - y.m) - r[1] * y.m,
        h: r[2] * (1.0 - y.h) - r[3] * y.h,
        n: r[4] * (1.0 - y.n) - r[5] * y.n,
        h_t: (s[1] - y.h_t) / s[2],
        o1: s[3] * c1 - s[4] * y.o1 - k3p * y.o1 + p.k4 * y.o2,
        o2: k3p * y.o1 - p.k4 * y.o2,
        p1: k1ca * (1.0 - y.p1) - p.k2 * y.p1,
        ca: ca_drive(p, it) + (p.ca_inf - y.ca) / p.tau_ca,
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let v = p.v_init;
        let r = traub_rates(v, p.v_traub);
        let s = slow(p, v);
        let mut y = Vars {
            v,
            m: r[0] / (r[0] + r[1]),
            h: r[2] / (r[2] + r[3]),
            n: r[4] / (r[4] + r[5]),
            h_t: s[1],
            ca: p.ca_inf,
            ..Vars::default()
        };
        // Ca_i at steady state with the T-current at v (a fixed point, found by iteration).
        for _ in 0..50 {
            y.ca = p.ca_inf + p.tau_ca * ca_drive(p, i_t(p, &s, &y));
        }
        let k1ca = p.k2 * (y.ca / p.c_ac).powi(4);
        y.p1 = k1ca / (k1ca + p.k2);
        let ratio = p.k4 * (y.p1 / p.p_c) / p.k4; // o2 / o1 at steady state
        y.o1 = s[3] / (s[3] + s[4] + s[3] * ratio);
        y.o2 = ratio * y.o1;
        y
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
    use super::super::traub_miles::testing::{kernel, run};
    use super::*;

    /// The paper's code sets the resting calcium "adjusted for eca = 120 mV" (2.4e-4 mM
    /// inside, 2 mM outside, 36 degC): the Nernst potential here is 120 mV within 1 mV.
    #[test]
    fn calcium_reversal_at_rest_is_120_mv() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let e = e_ca(&p, p.ca_inf);
        eprintln!("E_Ca at rest {e:.2} mV");
        assert!((e - 120.0).abs() < 1.0, "{e}");
    }

    /// Rebound burst (Destexhe et al. 1996; McCormick & Huguenard 1992): for the first second
    /// the cell is silent; after 500 ms of hyperpolarisation (-1 uA/cm^2) de-inactivates I_T, its
    /// release evokes a low-threshold calcium spike crowned by a burst of at least two fast
    /// spikes less than 10 ms apart.
    #[test]
    fn rebound_burst_after_hyperpolarisation() {
        let mut k = kernel(&MODEL, &[], 0.05);
        let (s, trace) = run(k.as_mut(), 0, 0.05, 1500.0, |t| {
            if (500.0..1000.0).contains(&t) {
                -1.0
            } else {
                0.0
            }
        });
        eprintln!(
            "spikes {s:?}, v at 499 ms {:.2}, at 999 ms {:.2}",
            trace[9979], trace[19979]
        );
        assert!(
            s.iter().all(|&t| t > 1000.0),
            "spikes before release: {s:?}"
        );
        assert!(s.len() >= 2, "burst {s:?}");
        assert!(s[1] - s[0] < 10.0 && s[0] < 1100.0, "burst {s:?}");
    }
}
