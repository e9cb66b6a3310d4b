//! Frankenhaeuser & Huxley (1964): the node of Ranvier of the Xenopus myelinated fibre, the
//! first model with constant-field (GHK) sodium and potassium currents, at 20 °C.
//!
//! C dV/dt = I + I_e - I_Na - I_K - I_P - g_L (V - E_L)
//! I_Na = P_Na m^2 h G(V, [Na]_o, [Na]_i),  I_K = P_K n^2 G(V, [K]_o, [K]_i),
//! I_P = P_P p^2 G(V, [Na]_o, [Na]_i) (the delayed non-specific current, carried by Na),
//! G(V, c_o, c_i) = F u (c_o - c_i e^u) / (1 - e^u) with u = V F / (R T), in uA/cm^2 for P in
//! cm/s and concentrations in mM (1 mM = 1e-6 mol/cm^3), T = 293.15 K.
//! dx/dt = alpha_x (1 - x) - beta_x x for x in {m, h, n, p}, with E = V + 70 mV (the
//! displacement from the resting potential -70 mV) and rates in 1/ms:
//!   alpha_m = 0.36 (E - 22) / (1 - exp((22 - E)/3)),   beta_m = 0.4 (13 - E) / (1 - exp((E - 13)/20))
//!   alpha_h = 0.1 (-10 - E) / (1 - exp((E + 10)/6)),   beta_h = 4.5 / (1 + exp((45 - E)/10))
//!   alpha_n = 0.02 (E - 35) / (1 - exp((35 - E)/10)), beta_n = 0.05 (10 - E) / (1 - exp((E - 10)/10))
//!   alpha_p = 0.006 (E - 40) / (1 - exp((40 - E)/10)), beta_p = 0.09 (-25 - E) / (1 - exp((E + 25)/20))
//! (removable singularities evaluated by their limits).
//!
//! Defaults: FH 1964 (as in ModelDB 3507, fh.mod): P_Na = 8e-3, P_K = 1.2e-3,
//! P_P = 0.54e-3 cm/s, g_L = 30.3 mS/cm^2, [Na]_o = 114.5, [Na]_i = 13.74, [K]_o = 2.5,
//! [K]_i = 120 mM, C = 2 uF/cm^2; leak reversal V_L = 0.026 mV above the -70 mV rest
//! (E_L = -69.974 mV; this is the value that makes the resting ionic currents balance at
//! -70 mV, see the test).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Spikes: an upward crossing of `v_th` (default -20 mV) inside the step or by a
//! delta-synapse jump; no reset. Delta-synapse jumps are added to V at the end of the step.

use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "frankenhaeuser_huxley",
    class: "FrankenhaeuserHuxleyNeuron",
    summary: "Xenopus node of Ranvier: C dV/dt = I + I_e - P_Na m^2 h G_Na(V) - P_K n^2 G_K(V) \
              - P_P p^2 G_Na(V) - g_L (V - E_L), G = constant-field (GHK) flux at 20 C; \
              dx/dt = alpha_x(1 - x) - beta_x x, x = m, h, n, p (FH 1964 rates, E = V + 70). \
              Spike = upward crossing of v_th (no reset). Dormand-Prince rk45.",
    citation: "Frankenhaeuser & Huxley (1964) J. Physiol. 171:302-315; parameters as in \
               ModelDB 3507 (fh.mod)",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 2.0, Positive, "specific membrane capacitance of the node"),
        p_na: param("cm/s", 8e-3, NonNegative, "maximal sodium permeability"),
        p_k: param("cm/s", 1.2e-3, NonNegative, "maximal potassium permeability"),
        p_p: param("cm/s", 0.54e-3, NonNegative, "maximal non-specific (delayed, Na) permeability"),
        g_l: param("mS/cm^2", 30.3, NonNegative, "leak conductance"),
        e_l: param("mV", -69.974, Finite, "leak reversal potential (V_L = 0.026 mV above rest)"),
        na_o: param("mM", 114.5, Positive, "external sodium concentration"),
        na_i: param("mM", 13.74, Positive, "internal sodium concentration"),
        k_o: param("mM", 2.5, Positive, "external potassium concentration"),
        k_i: param("mM", 120.0, Positive, "internal potassium concentration"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -70.0, Finite, "initial membrane potential; gates start at steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "potassium activation"),
        p: ("1", "non-specific current activation"),
    },
    membrane: v,
    drive: 600.0,
    build: point,
}

/// Faraday constant, C/mol.
const FARADAY: f64 = 96485.332;
/// F / (R T) at 20 °C, 1/mV.
const F_RT: f64 = FARADAY / (8.314462618 * 293.15) * 1e-3;

/// Constant-field flux F u (c_o - c_i e^u) / (1 - e^u), u = V F/(RT): uA/cm^2 per cm/s of
/// permeability for concentrations in mM. The exponent is clamped at +-700.
#[inline(always)]
fn ghk(v: f64, c_o: f64, c_i: f64) -> f64 {
    let u = (v * F_RT).clamp(-700.0, 700.0);
    -FARADAY * exprel_inv(u) * (c_o - c_i * u.exp())
}

/// (alpha, beta) of m, h, n, p at `v` (mV), 1/ms.
#[inline(always)]
fn rates(v: f64) -> [(f64, f64); 4] {
    let e = v + 70.0;
    [
        (
            1.08 * exprel_inv((22.0 - e) / 3.0),
            8.0 * exprel_inv((e - 13.0) / 20.0),
        ),
        (
            0.6 * exprel_inv((e + 10.0) / 6.0),
            4.5 / (1.0 + ((45.0 - e) / 10.0).min(700.0).exp()),
        ),
        (
            0.2 * exprel_inv((35.0 - e) / 10.0),
            0.5 * exprel_inv((e - 10.0) / 10.0),
        ),
        (
            0.06 * exprel_inv((40.0 - e) / 10.0),
            1.8 * exprel_inv((e + 25.0) / 20.0),
        ),
    ]
}

impl Model {
    /// The ionic current (outward positive) at state `y`, uA/cm^2.
    #[inline(always)]
    fn ionic(p: &Parameters, y: &Vars) -> f64 {
        let g_na = ghk(y.v, p.na_o, p.na_i);
        p.p_na * y.m * y.m * y.h * g_na
            + p.p_k * y.n * y.n * ghk(y.v, p.k_o, p.k_i)
            + p.p_p * y.p * y.p * g_na
            + p.g_l * (y.v - p.e_l)
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
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let [m, h, n, q] = rates(y.v);
            Vars {
                v: (i - Self::ionic(p, &y)) / p.c_m,
                m: m.0 * (1.0 - y.m) - m.1 * y.m,
                h: h.0 * (1.0 - y.h) - h.1 * y.h,
                n: n.0 * (1.0 - y.n) - n.1 * y.n,
                p: q.0 * (1.0 - y.p) - q.1 * y.p,
            }
        };
        let mut fired = false;
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, |a, b| {
            fired |= a.v < p.v_th && b.v >= p.v_th;
            None
        });
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::ion_channel::persistent_na::testing::run;
    use super::*;

    /// V_L = 0.026 mV (FH 1964) is the leak reversal that balances the resting ionic
    /// currents at -70 mV: the model rests at -70 mV to within 0.01 mV.
    #[test]
    fn rests_at_minus_seventy() {
        let (spikes, v) = run(&MODEL, &[], 0.05, 20.0, |_| 0.0);
        assert!(spikes.is_empty());
        let last = *v.last().unwrap();
        assert!((last + 70.0).abs() < 0.01, "{last}");
    }

    /// A 0.12 ms, 1 mA/cm^2 pulse evokes one action potential peaking at +45.1 mV (an
    /// amplitude of 115.1 mV from rest): the value of an independent fixed-step RK4
    /// (0.5 us) integration of the same equations, tolerance 1 %.
    #[test]
    fn action_potential_amplitude() {
        let (spikes, v) = run(
            &MODEL,
            &[],
            0.005,
            3.0,
            |t| if t < 0.12 { 1000.0 } else { 0.0 },
        );
        assert_eq!(spikes.len(), 1);
        let amplitude = v.iter().cloned().fold(f64::MIN, f64::max) + 70.0;
        eprintln!("FH action potential amplitude: {amplitude:.1} mV");
        assert!((amplitude - 115.1).abs() < 0.01 * 115.1, "{amplitude}");
    }
}
