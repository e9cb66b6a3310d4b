//! Spike-frequency adaptation by a small-conductance (SK-type) calcium-activated potassium
//! current, I_AHP: Traub's Na/K model with a high-threshold calcium current, a calcium pool
//! and I_AHP, as used by Ermentrout (1998) and Ermentrout, Pascal & Gutkin (2001).
//!
//! C dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L)
//!           - g_AHP [Ca]/([Ca] + 1) (V - E_K) - g_Ca m_Ca(V) (V - E_Ca)
//! d[Ca]/dt = -0.002 g_Ca m_Ca(V) (V - E_Ca) - [Ca]/tau_Ca,  m_Ca(V) = 1/(1 + exp(-(V + 25)/2.5))
//! dx/dt = alpha_x (1 - x) - beta_x x, x in {m, h, n} (Traub's rates, 1/ms, V in mV):
//!   alpha_m = 0.32 (V + 54)/(1 - exp(-(V + 54)/4)),  beta_m = 0.28 (V + 27)/(exp((V + 27)/5) - 1)
//!   alpha_h = 0.128 exp(-(V + 50)/18),               beta_h = 4/(1 + exp(-(V + 27)/5))
//!   alpha_n = 0.032 (V + 52)/(1 - exp(-(V + 52)/5)), beta_n = 0.5 exp(-(V + 57)/40)
//! [Ca] is in the paper's arbitrary units (half-activation of I_AHP at [Ca] = 1). The Na
//! activation m is a dynamic gate, as in Traub & Miles (reduced versions of this model
//! sometimes set m = m_inf(V); the difference is confined to the spike upstroke).
//!
//! Defaults (Ermentrout, Pascal & Gutkin 2001): C = 1, g_Na = 100, g_K = 80, g_L = 0.1,
//! g_Ca = 1, g_AHP = 1 mS/cm^2 (the paper varies g_AHP), E_Na = 50, E_K = -100,
//! E_L = -67, E_Ca = 120 mV, tau_Ca = 80 ms. Each spike adds calcium, which activates
//! I_AHP; the afterhyperpolarisation lengthens successive intervals (adaptation) and
//! linearises the f-I curve (Ermentrout 1998).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`);
//! exponents clamped at 700. Spikes: an upward crossing of `v_th` (default 0 mV) inside the
//! step or by a delta-synapse jump; no reset. Delta-synapse jumps are added to V at the end
//! of the step.

use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "sk",
    class: "SKNeuron",
    summary: "Traub Na/K neuron with SK-type I_AHP: C dV/dt = I + I_e - I_Na - I_K - I_L - \
              g_AHP [Ca]/([Ca] + 1)(V - E_K) - g_Ca m_Ca(V)(V - E_Ca); d[Ca]/dt = -0.002 I_Ca - \
              [Ca]/tau_Ca. Spike-frequency adaptation. Spike = upward crossing of v_th (no \
              reset). Dormand-Prince rk45.",
    citation: "Ermentrout (1998) Neural Comput. 10:1721-1729; Ermentrout, Pascal & Gutkin (2001) \
               Neural Comput. 13:1285-1310; Traub & Miles (1991) Neuronal Networks of the \
               Hippocampus, Cambridge University Press",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 100.0, NonNegative, "maximal sodium conductance"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        g_k: param("mS/cm^2", 80.0, NonNegative, "maximal delayed-rectifier conductance"),
        e_k: param("mV", -100.0, Finite, "potassium reversal potential"),
        g_l: param("mS/cm^2", 0.1, NonNegative, "leak conductance"),
        e_l: param("mV", -67.0, Finite, "leak reversal potential"),
        g_ca: param("mS/cm^2", 1.0, NonNegative, "high-threshold calcium conductance"),
        e_ca: param("mV", 120.0, Finite, "calcium reversal potential"),
        g_ahp: param("mS/cm^2", 1.0, NonNegative, "maximal SK (AHP) conductance"),
        tau_ca: param("ms", 80.0, Positive, "calcium removal time constant"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", 0.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -67.0, Finite, "initial membrane potential; gates at steady state, [Ca] = 0"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "potassium activation"),
        ca: ("1", "intracellular calcium (arbitrary units; I_AHP half-active at 1)"),
    },
    membrane: v,
    drive: 5.0,
    build: point,
}

/// Traub's (alpha, beta) of m, h, n at `v` (mV), 1/ms (shared with other models).
#[inline(always)]
pub(crate) fn traub_rates(v: f64) -> [(f64, f64); 3] {
    let x = |z: f64| z.min(700.0).exp();
    [
        (
            1.28 * exprel_inv(-(v + 54.0) / 4.0),
            1.4 * exprel_inv((v + 27.0) / 5.0),
        ),
        (
            0.128 * x(-(v + 50.0) / 18.0),
            4.0 / (1.0 + x(-(v + 27.0) / 5.0)),
        ),
        (
            0.16 * exprel_inv(-(v + 52.0) / 5.0),
            0.5 * x(-(v + 57.0) / 40.0),
        ),
    ]
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let ss = traub_rates(p.v_init).map(|(a, b)| a / (a + b));
        Vars {
            v: p.v_init,
            m: ss[0],
            h: ss[1],
            n: ss[2],
            ca: 0.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let [m, h, n] = traub_rates(y.v);
            let m_ca = 1.0 / (1.0 + (-(y.v + 25.0) / 2.5).min(700.0).exp());
            let i_ca = p.g_ca * m_ca * (y.v - p.e_ca);
            let n2 = y.n * y.n;
            let i_ion = p.g_na * y.m * y.m * y.m * y.h * (y.v - p.e_na)
                + (p.g_k * n2 * n2 + p.g_ahp * y.ca / (y.ca + 1.0)) * (y.v - p.e_k)
                + p.g_l * (y.v - p.e_l)
                + i_ca;
            Vars {
                v: (i - i_ion) / p.c_m,
                m: m.0 * (1.0 - y.m) - m.1 * y.m,
                h: h.0 * (1.0 - y.h) - h.1 * y.h,
                n: n.0 * (1.0 - y.n) - n.1 * y.n,
                ca: -0.002 * i_ca - y.ca / p.tau_ca,
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
    use super::super::persistent_na::testing::{kernel, run};
    use super::*;
    use crate::StepInput;

    /// After a spike train, back at rest (where the calcium current is off), [Ca] decays
    /// as exp(-t/tau_Ca) with the published tau_Ca = 80 ms: the fitted time constant over
    /// 100-300 ms after the stimulus is within 5 % of it.
    #[test]
    fn calcium_decays_with_tau_ca() {
        let dt = 0.05;
        let mut k = kernel(&MODEL, &[], dt);
        let mut spikes = Vec::new();
        let mut ca = Vec::new();
        for step in 0..(500.0 / dt) as usize {
            let t = step as f64 * dt;
            let c = [if t < 100.0 { 5.0 } else { 0.0 }];
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &c,
                },
                &mut spikes,
            );
            ca.push(k.var(4)[0]);
        }
        assert!(spikes.len() >= 3);
        let at = |t: f64| ca[(t / dt) as usize - 1];
        let tau = 200.0 / (at(200.0) / at(400.0)).ln();
        eprintln!("SK: [Ca] decay time constant {tau:.2} ms");
        assert!((tau - 80.0).abs() < 0.05 * 80.0, "{tau}");
    }

    /// I_AHP adapts the rate: with g_AHP the last interval of a 300 ms step is clearly
    /// longer than the first; without it the train is nearly regular.
    #[test]
    fn ahp_adapts_the_rate() {
        let isi = |g: f64| {
            let (s, _) = run(&MODEL, &[("g_ahp", g)], 0.05, 300.0, |_| 5.0);
            assert!(s.len() >= 4, "{s:?}");
            (s[1] - s[0], s[s.len() - 1] - s[s.len() - 2])
        };
        let (first, last) = isi(1.0);
        let (first0, last0) = isi(0.0);
        eprintln!(
            "SK ISIs: with AHP {first:.1} -> {last:.1} ms, without {first0:.1} -> {last0:.1} ms"
        );
        assert!(last > 1.3 * first);
        assert!((last0 - first0).abs() < 0.1 * first0);
    }
}
