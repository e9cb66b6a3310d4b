//! Pinsky–Rinzel (1994) two-compartment reduction of Traub's CA3 pyramidal cell: a soma
//! with fast Na and delayed-rectifier K currents coupled to a dendrite with Ca, Ca-activated
//! K (C) and AHP currents and a calcium pool. Voltages in absolute mV (the paper's,
//! measured from rest, shifted by -60 mV as in Ermentrout's/Booth's XPP files).
//!
//! C_m dV_s/dt = -g_L (V_s - E_L) - g_Na m_inf(V_s)^2 h (V_s - E_Na) - g_Kdr n (V_s - E_K)
//!               + (g_c/p) (V_d - V_s) + (I + I_e)/p
//! C_m dV_d/dt = -g_L (V_d - E_L) - g_Ca s^2 (V_d - E_Ca) - g_Kahp q (V_d - E_K)
//!               - g_KC c chi(Ca) (V_d - E_K) + (g_c (V_s - V_d) + I_d)/(1 - p)
//! dCa/dt = -0.13 g_Ca s^2 (V_d - E_Ca) - 0.075 Ca, chi = min(Ca/250, 1)
//! dx/dt = alpha_x (1 - x) - beta_x x (x = h, n on V_s; s, c on V_d; q on Ca), rates (1/ms):
//!   alpha_m = 0.32 (-46.9 - V)/(exp((-46.9 - V)/4) - 1), beta_m = 0.28 (V + 19.9)/(exp((V + 19.9)/5) - 1)
//!   alpha_n = 0.016 (-24.9 - V)/(exp((-24.9 - V)/5) - 1), beta_n = 0.25 exp(-1 - 0.025 V)
//!   alpha_h = 0.128 exp((-43 - V)/18),                     beta_h = 4/(1 + exp((-20 - V)/5))
//!   alpha_s = 1.6/(1 + exp(-0.072 (V - 5))),               beta_s = 0.02 (V + 8.9)/(exp((V + 8.9)/5) - 1)
//!   alpha_c = exp((V + 50)/11 - (V + 53.5)/27)/18.975 (V <= -10), 2 exp((-53.5 - V)/27) (V > -10)
//!   beta_c = 2 exp((-53.5 - V)/27) - alpha_c (V <= -10), 0 (V > -10)
//!   alpha_q = min(0.00002 Ca, 0.01), beta_q = 0.001 (chi and alpha_q read max(Ca, 0): Ca
//!   only turns negative if V_d is driven above E_Ca, where the Ca current reverses)
//! Defaults: Pinsky & Rinzel (1994) Table/Fig. 3: C_m = 3 uF/cm^2, g_L = 0.1, g_Na = 30,
//! g_Kdr = 15, g_Ca = 10, g_Kahp = 0.8, g_KC = 15, g_c = 2.1 mS/cm^2, p = 0.5,
//! E_Na = 60, E_Ca = 80, E_K = -75, E_L = -60 mV. The input current I (uA/cm^2 of the whole
//! cell) is injected into the soma (I/p per unit somatic area), as the paper's I_s.
//!
//! Without input the published parameter set bursts slowly (one burst every ~1.3 s; the
//! rate rises with I), so the model is declared spontaneous.
//!
//! Spikes: an upward crossing of `v_th` (0 mV) by the somatic potential is one spike; no
//! reset. At 0 mV only the full somatic spike that opens each burst counts; a level near
//! -22 mV also counts the partial spikes riding on the dendritic Ca spike. Delta-synapse jumps are added to V_s at the end of the step. Initial state: V_s =
//! V_d = v_init, every gate at its steady state there and the calcium pool at its steady
//! state (Ca = -0.13 I_Ca / 0.075). Numerics: Dormand–Prince rk45 (`Tolerance::DEFAULT`,
//! carried step).

use super::traub_miles::{crossing_step, vg};
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "pinsky_rinzel",
    class: "PinskyRinzelNeuron",
    summary: "Two compartments: C_m dV_s/dt = -I_L - g_Na m_inf^2 h (V_s - E_Na) - g_Kdr n (V_s - E_K) \
              + (g_c/p)(V_d - V_s) + I/p; C_m dV_d/dt = -I_L - g_Ca s^2 (V_d - E_Ca) - g_Kahp q \
              (V_d - E_K) - g_KC c chi(Ca) (V_d - E_K) + (g_c (V_s - V_d) + I_d)/(1 - p); \
              dCa/dt = -0.13 I_Ca - 0.075 Ca. Spike = upward crossing of v_th (0 mV) by V_s. \
              rk45.",
    citation: "Pinsky & Rinzel (1994) J. Comput. Neurosci. 1:39-60",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 3.0, Positive, "specific membrane capacitance (both compartments)"),
        g_l: param("mS/cm^2", 0.1, NonNegative, "leak conductance (both compartments)"),
        g_na: param("mS/cm^2", 30.0, NonNegative, "somatic sodium conductance"),
        g_kdr: param("mS/cm^2", 15.0, NonNegative, "somatic delayed-rectifier conductance"),
        g_ca: param("mS/cm^2", 10.0, NonNegative, "dendritic calcium conductance"),
        g_kahp: param("mS/cm^2", 0.8, NonNegative, "dendritic AHP potassium conductance"),
        g_kc: param("mS/cm^2", 15.0, NonNegative,
            "dendritic Ca- and voltage-dependent (C) potassium conductance"),
        g_c: param("mS/cm^2", 2.1, Positive, "soma-dendrite coupling conductance"),
        p: param("1", 0.5, Closed(0.01, 0.99), "fraction of the cell's area in the soma"),
        e_na: param("mV", 60.0, Finite, "sodium reversal potential"),
        e_ca: param("mV", 80.0, Finite, "calcium reversal potential"),
        e_k: param("mV", -75.0, Finite, "potassium reversal potential"),
        e_l: param("mV", -60.0, Finite, "leak reversal potential"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant current injected into the soma (I_s)"),
        i_d: param("uA/cm^2", 0.0, Finite, "constant current injected into the dendrite (I_d)"),
        v_th: param("mV", 0.0, Finite,
            "spike detection level on V_s: an upward crossing is one spike (no reset)"),
        v_init: param("mV", -64.6, Finite,
            "initial potential of both compartments; gates and Ca start at steady state"),
    },
    state: {
        vs: ("mV", "somatic membrane potential"),
        vd: ("mV", "dendritic membrane potential"),
        h: ("1", "somatic sodium inactivation"),
        n: ("1", "somatic delayed-rectifier activation"),
        s: ("1", "dendritic calcium activation"),
        c: ("1", "dendritic C-current activation"),
        q: ("1", "dendritic AHP-current activation"),
        ca: ("1", "dendritic calcium (the paper's arbitrary units)"),
    },
    membrane: vs,
    drive: 2.0,
    spontaneous: "the published parameter set (g_c = 2.1 mS/cm^2, E_L = -60 mV) is a slow \
                  burster without input: one Ca-spike burst every ~1.3 s at I = 0",
    build: point,
}

/// (alpha_h, beta_h, alpha_n, beta_n, m_inf) at the soma potential `v`.
#[inline(always)]
fn soma_rates(v: f64) -> [f64; 5] {
    let v = vg(v);
    let am = 0.32 * 4.0 * exprel_inv((-46.9 - v) / 4.0);
    let bm = 0.28 * 5.0 * exprel_inv((v + 19.9) / 5.0);
    [
        0.128 * ((-43.0 - v) / 18.0).exp(),
        4.0 / (1.0 + ((-20.0 - v) / 5.0).exp()),
        0.016 * 5.0 * exprel_inv((-24.9 - v) / 5.0),
        0.25 * (-1.0 - 0.025 * v).exp(),
        am / (am + bm),
    ]
}

/// (alpha_s, beta_s, alpha_c, beta_c) at the dendrite potential `v`.
#[inline(always)]
fn dend_rates(v: f64) -> [f64; 4] {
    let v = vg(v);
    let e = 2.0 * ((-53.5 - v) / 27.0).exp();
    let (ac, bc) = if v <= -10.0 {
        let ac = ((v + 50.0) / 11.0 - (v + 53.5) / 27.0).exp() / 18.975;
        (ac, e - ac)
    } else {
        (e, 0.0)
    };
    [
        1.6 / (1.0 + (-0.072 * (v - 5.0)).exp()),
        0.02 * 5.0 * exprel_inv((v + 8.9) / 5.0),
        ac,
        bc,
    ]
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let r = soma_rates(y.vs);
    let d = dend_rates(y.vd);
    let i_ca = p.g_ca * y.s * y.s * (y.vd - p.e_ca);
    // Ca can only fall below 0 when V_d is driven above E_Ca (the Ca current reverses);
    // chi and alpha_q read it clamped at 0 so that they stay in their ranges.
    let ca = y.ca.max(0.0);
    let chi = (ca / 250.0).min(1.0);
    let aq = (0.00002 * ca).min(0.01);
    Vars {
        vs: (-p.g_l * (y.vs - p.e_l)
            - p.g_na * r[4] * r[4] * y.h * (y.vs - p.e_na)
            - p.g_kdr * y.n * (y.vs - p.e_k)
            + (p.g_c * (y.vd - y.vs) + i) / p.p)
            / p.c_m,
        vd: (-p.g_l * (y.vd - p.e_l)
            - i_ca
            - (p.g_kahp * y.q + p.g_kc * y.c * chi) * (y.vd - p.e_k)
            + (p.g_c * (y.vs - y.vd) + p.i_d) / (1.0 - p.p))
            / p.c_m,
        h: r[0] * (1.0 - y.h) - r[1] * y.h,
        n: r[2] * (1.0 - y.n) - r[3] * y.n,
        s: d[0] * (1.0 - y.s) - d[1] * y.s,
        c: d[2] * (1.0 - y.c) - d[3] * y.c,
        q: aq * (1.0 - y.q) - 0.001 * y.q,
        ca: -0.13 * i_ca - 0.075 * y.ca,
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let v = p.v_init;
        let r = soma_rates(v);
        let d = dend_rates(v);
        let s = d[0] / (d[0] + d[1]);
        let ca = (-0.13 * p.g_ca * s * s * (v - p.e_ca) / 0.075).max(0.0);
        let aq = (0.00002 * ca).min(0.01);
        Vars {
            vs: v,
            vd: v,
            h: r[0] / (r[0] + r[1]),
            n: r[2] / (r[2] + r[3]),
            s,
            c: d[2] / (d[2] + d[3]),
            q: aq / (aq + 0.001),
            ca,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let (y, fired) = crossing_step(*s, input.dt, aux.h, |y| derivs(p, i, y), |y| y.vs, p.v_th);
        *s = y;
        let before = s.vs;
        s.vs += input.jump;
        fired || (before < p.v_th && s.vs >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::spikes;
    use super::*;

    /// Pinsky & Rinzel (1994) Fig. 3 (g_c = 2.1 mS/cm^2, I_s = 0.75 uA/cm^2): the cell
    /// bursts; each burst is a dendritic Ca spike carrying one full somatic spike followed by
    /// partial ones, the first intervals ~3.5 and ~6 ms (92.77, 96.3, 102.3 ms in the
    /// OpenSourceBrain reproduction of Fig. 3, which counts the partial spikes); the bursts
    /// recur after long silent intervals (the AHP). Counted here with a detection level of
    /// -22 mV so that the partial spikes count too; each interval within 10 %.
    #[test]
    fn fig_3_burst_structure() {
        let s = spikes(&MODEL, &[("v_th", -22.0)], 0.75, 0.05, 2000.0);
        eprintln!("pinsky_rinzel spikes: {:?}", &s[..s.len().min(12)]);
        // Bursts: groups separated by > 50 ms.
        let mut bursts: Vec<Vec<f64>> = Vec::new();
        for &t in &s {
            match bursts.last_mut() {
                Some(b) if t - b.last().unwrap() < 50.0 => b.push(t),
                _ => bursts.push(vec![t]),
            }
        }
        assert!(bursts.len() >= 3, "{} bursts", bursts.len());
        let b = &bursts[2];
        eprintln!(
            "bursts: {}, period {:.1} ms, burst {b:?}",
            bursts.len(),
            bursts[2][0] - bursts[1][0]
        );
        assert!(b.len() >= 3, "burst {b:?}");
        let (i1, i2) = (b[1] - b[0], b[2] - b[1]);
        assert!((i1 - 3.53).abs() < 0.1 * 3.53, "first interval {i1}");
        assert!((i2 - 6.0).abs() < 0.1 * 6.0, "second interval {i2}");
        // The default level (0 mV) counts one (full) spike per burst.
        let full = spikes(&MODEL, &[], 0.75, 0.05, 2000.0);
        assert_eq!(full.len(), bursts.len());
    }
}
