//! Sherman–Rinzel–Keizer (1988) pancreatic beta-cell, the single-cell bursting model: a
//! Ca current, a delayed-rectifier K current and a Ca-activated K current whose slow Ca
//! drive terminates each burst.
//!
//! C dV/dt = -I_Ca - g_K n (V - V_K) - g_KCa Ca/(K_d + Ca) (V - V_K) + I + I_e
//! I_Ca = g_Ca m_inf(V) h_inf(V) (V - V_Ca),
//! m_inf = 1/(1 + exp((V_m - V)/s_m)),  h_inf = 1/(1 + exp((V - V_h)/s_h)),
//! dn/dt = lambda (n_inf(V) - n)/tau_n(V),  n_inf = 1/(1 + exp((V_n - V)/s_n)),
//! tau_n = c/(exp((V - V_bar)/a) + exp((V_bar - V)/b)),
//! dCa/dt = f (-alpha I_Ca - k_Ca Ca),
//!
//! with the parameters of the single-cell burster (Sherman, Rinzel & Keizer 1988, Fig. 5;
//! values as in the Sherman lab's transcription srk.ode, converted from pS, fF and fA to nS,
//! pF and pA): C = 5.3093 pF, g_Ca = 1.4, g_K = 2.5, g_KCa = 30 nS, V_Ca = 110, V_K = -75 mV,
//! V_m = 4, s_m = 14, V_h = -10, s_h = 10, V_n = -15, s_n = 5.6, V_bar = -75 mV, a = 65,
//! b = 20 mV, c = 60 ms, lambda = 1.6, f = 0.001, alpha = 4.506e-3 uM/(pA ms),
//! k_Ca = 0.03 /ms, K_d = 100 uM. At these values the cell bursts without input: active
//! phases of slow spikes (V between about -47 and -25 mV) lasting seconds alternate with
//! silent phases near -65 mV while Ca is pumped out. Input: current in pA.
//!
//! Spikes: an upward crossing of `v_th` (default -40 mV) between accepted integrator steps or
//! by a delta-synapse jump (added to V at the end of the step); no reset. Initial state:
//! V = -65 mV, n = 0.001, Ca = 0.5 uM (the transcription's).
//!
//! Numerics: Dormand–Prince 5(4) with error control (`Tolerance::DEFAULT`), step carried
//! between network steps. The gating functions see V bounded to +-200 mV (beyond any
//! trajectory under physiological input) so that absurd inputs cannot make them overflow.

use super::hindmarsh_rose::jump_crosses;
use crate::define::*;

crate::model! {
    name: "sherman_rinzel_keizer",
    class: "ShermanRinzelKeizerNeuron",
    summary: "C dV/dt = -g_Ca m_inf h_inf (V - V_Ca) - g_K n (V - V_K) - g_KCa Ca/(K_d + Ca) \
              (V - V_K) + I + I_e; dn/dt = lambda (n_inf - n)/tau_n; dCa/dt = f (-alpha \
              I_Ca - k_Ca Ca) (beta-cell burster, bursts without input). Spike = upward \
              crossing of v_th (-40 mV). Adaptive RK45.",
    citation: "Sherman, Rinzel & Keizer (1988) Biophys. J. 54:411-425 (single-cell model, \
               Fig. 5)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(5.3093),
        g_ca: param("nS", 1.4, NonNegative, "Ca conductance"),
        g_k: param("nS", 2.5, NonNegative, "delayed-rectifier K conductance"),
        g_kca: param("nS", 30.0, NonNegative, "maximal Ca-activated K conductance"),
        v_ca: param("mV", 110.0, Finite, "Ca reversal potential"),
        v_k: param("mV", -75.0, Finite, "K reversal potential"),
        v_m: param("mV", 4.0, Finite, "half-activation of the Ca current"),
        s_m: param("mV", 14.0, Positive, "slope of Ca activation"),
        v_h: param("mV", -10.0, Finite, "half-inactivation of the Ca current"),
        s_h: param("mV", 10.0, Positive, "slope of Ca inactivation"),
        v_n: param("mV", -15.0, Finite, "half-activation of n"),
        s_n: param("mV", 5.6, Positive, "slope of n"),
        v_bar: param("mV", -75.0, Finite, "centre of the time constant of n"),
        a: param("mV", 65.0, Positive, "rising scale of tau_n"),
        b: param("mV", 20.0, Positive, "falling scale of tau_n"),
        c: param("ms", 60.0, Positive, "scale of tau_n"),
        lambda_n: param("1", 1.6, Positive, "rate factor of n (lambda)"),
        f: param("1", 0.001, Positive, "fraction of free Ca"),
        alpha: param("uM/(pA ms)", 4.506e-3, NonNegative, "conversion of Ca current to Ca influx"),
        k_ca: param("1/ms", 0.03, NonNegative, "Ca removal rate"),
        k_d: param("uM", 100.0, Positive, "Ca dissociation constant of the K(Ca) channel"),
        i_e: standard::i_e(0.0),
        v_th: param("mV", -40.0, Finite, "spike detection level: an upward crossing is one spike"),
    },
    state: {
        v: ("mV", "membrane potential"),
        n: ("1", "delayed-rectifier K activation"),
        ca: ("uM", "free intracellular Ca concentration"),
    },
    membrane: v,
    drive: 5.0,
    spontaneous: "the single-cell model of Sherman, Rinzel & Keizer (1988, Fig. 5) bursts \
                  without input",
    build: point,
}

/// Bound on V inside the gating functions, mV.
const V_GATE: f64 = 200.0;

/// The Ca current (pA) at `v`.
#[inline(always)]
pub(crate) fn i_ca(p: &Parameters, v: f64) -> f64 {
    let g = v.clamp(-V_GATE, V_GATE);
    let m = 1.0 / (1.0 + ((p.v_m - g) / p.s_m).exp());
    let h = 1.0 / (1.0 + ((g - p.v_h) / p.s_h).exp());
    p.g_ca * m * h * (v - p.v_ca)
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(_: &Parameters) -> Vars {
        Vars {
            v: -65.0,
            n: 0.001,
            ca: 0.5,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let g = y.v.clamp(-V_GATE, V_GATE);
            let ica = i_ca(p, y.v);
            let n_inf = 1.0 / (1.0 + ((p.v_n - g) / p.s_n).exp());
            let tau_n = p.c / (((g - p.v_bar) / p.a).exp() + ((p.v_bar - g) / p.b).exp());
            let g_kca = p.g_kca * y.ca / (p.k_d + y.ca);
            Vars {
                v: (-ica - (p.g_k * y.n + g_kca) * (y.v - p.v_k) + i) / p.c_m,
                n: p.lambda_n * (n_inf - y.n) / tau_n,
                ca: p.f * (-p.alpha * ica - p.k_ca * y.ca),
            }
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
    use super::super::hindmarsh_rose::tests::kernel;
    use super::*;
    use crate::StepInput;

    /// Without input the cell bursts (Fig. 5 of the source): spikes grouped in active phases
    /// separated by silent phases of seconds. Over whole burst cycles Ca returns to its
    /// value, so the mean Ca influx -alpha I_Ca equals k_Ca times the mean Ca (the Ca balance,
    /// a closed-form identity of the model), here within 2 %.
    #[test]
    fn bursts_and_balances_calcium_over_cycles() {
        let dt = 0.5;
        let mut k = kernel(&MODEL, &[], dt);
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let mut spikes = Vec::new();
        let mut s = Vec::new();
        let mut trace = Vec::new();
        for step in 0..(80_000.0 / dt) as usize {
            s.clear();
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[0.0],
                },
                &mut s,
            );
            if !s.is_empty() {
                spikes.push((step + 1) as f64 * dt);
            }
            trace.push((k.var(0)[0], k.var(2)[0]));
        }
        let isi: Vec<f64> = spikes.windows(2).map(|w| w[1] - w[0]).collect();
        let pauses: Vec<usize> = (0..isi.len()).filter(|&i| isi[i] > 2000.0).collect();
        assert!(pauses.len() >= 3, "{isi:?}");
        for w in pauses.windows(2) {
            assert!(w[1] - w[0] >= 10, "{isi:?}");
        }
        // Whole cycles: from the first spike after the first pause to the first spike after
        // the last pause.
        let (t0, t1) = (spikes[pauses[0] + 1], spikes[*pauses.last().unwrap() + 1]);
        let (i0, i1) = ((t0 / dt) as usize, (t1 / dt) as usize);
        let n = (i1 - i0) as f64;
        let influx = trace[i0..i1]
            .iter()
            .map(|&(v, _)| -p.alpha * i_ca(&p, v))
            .sum::<f64>()
            / n;
        let removal = p.k_ca * trace[i0..i1].iter().map(|&(_, c)| c).sum::<f64>() / n;
        assert!(
            (influx / removal - 1.0).abs() < 0.02,
            "{influx} vs {removal}"
        );
    }
}
