//! Bertram, Previte, Sherman, Kinard & Satin (2000) phantom burster: a pancreatic
//! beta-cell model whose bursting is driven by two slow K currents with different time
//! scales (s1 ~ 1 s, s2 ~ 2 min); the burst period lies between theirs and is set by g_s1.
//!
//! C_m dV/dt = I + I_e - g_Ca m_inf(V) (V - V_Ca) - g_K n (V - V_K) - g_L (V - V_L)
//!             - g_s1 s1 (V - V_K) - g_s2 s2 (V - V_K)
//! dn/dt = lambda (n_inf(V) - n)/tau_n(V),  tau_n = tau_nbar / (1 + exp((V - v_n)/s_n))
//! ds1/dt = (s1_inf(V) - s1)/tau_s1,  ds2/dt = (s2_inf(V) - s2)/tau_s2
//! x_inf(V) = 1/(1 + exp((v_x - V)/s_x)) for x = m, n, s1, s2.
//! Defaults: Bertram et al. (2000), as in the authors' published MATLAB code
//! (BJ_00, A. Sherman's model page): C_m = 4524 fF, g_Ca = 280, g_K = 1300, g_L = 25,
//! g_s2 = 32 pS, V_Ca = 100, V_K = -80, V_L = -40 mV; v_m = -22, s_m = 7.5, v_n = -9,
//! s_n = 10, v_s1 = -40, s_s1 = 0.5, v_s2 = -42, s_s2 = 0.4 mV; tau_nbar = 9.09,
//! tau_s1 = 1000, tau_s2 = 120000 ms; lambda = 1.1; g_s1 = 20 pS (Fig. 2, fast bursting;
//! 7 pS gives the medium bursting of Fig. 3, 3 pS the slow bursting of Fig. 4). Here in
//! point-neuron units: pF, nS, pA (1 pA = 1000 fA). Initial state as that code:
//! V = -50 mV, n = 0, s1 = 0, s2 = 0.6.
//!
//! Spikes: an upward crossing of `v_th` (-30 mV; the spikes of the active phase peak near
//! -20 mV, the plateau lies near -50 mV) is one spike; no reset. Delta-synapse jumps are
//! added to V at the end of the step. Numerics: Dormand–Prince rk45 (`Tolerance::DEFAULT`,
//! carried step); sigmoids read V clamped to +-150 mV.

use super::traub_miles::{crossing_step, vg};
use crate::define::*;

crate::model! {
    name: "bertram_phantom",
    class: "BertramPhantomNeuron",
    summary: "C_m dV/dt = I + I_e - g_Ca m_inf (V - V_Ca) - g_K n (V - V_K) - g_L (V - V_L) - \
              (g_s1 s1 + g_s2 s2)(V - V_K); dn/dt = lambda (n_inf - n)/tau_n(V), \
              ds1/dt = (s1_inf - s1)/tau_s1, ds2/dt = (s2_inf - s2)/tau_s2 (tau_s1 = 1 s, \
              tau_s2 = 120 s): phantom bursting of pancreatic beta-cells. Spike = upward \
              crossing of v_th. rk45.",
    citation: "Bertram, Previte, Sherman, Kinard & Satin (2000) Biophys. J. 79:2880-2892",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(4.524),
        g_ca: param("nS", 0.28, NonNegative, "maximal Ca conductance"),
        g_k: param("nS", 1.3, NonNegative, "maximal delayed-rectifier K conductance"),
        g_l: param("nS", 0.025, NonNegative, "leak conductance"),
        g_s1: param("nS", 0.02, NonNegative, "fast slow-K conductance (0.02 fast, 0.007 medium, 0.003 slow bursting)"),
        g_s2: param("nS", 0.032, NonNegative, "slow slow-K conductance"),
        v_ca: param("mV", 100.0, Finite, "Ca reversal potential"),
        v_k: param("mV", -80.0, Finite, "K reversal potential"),
        v_l: param("mV", -40.0, Finite, "leak reversal potential"),
        v_m: param("mV", -22.0, Finite, "half-activation of m_inf"),
        s_m: param("mV", 7.5, Positive, "slope of m_inf"),
        v_n: param("mV", -9.0, Finite, "half-activation of n_inf"),
        s_n: param("mV", 10.0, Positive, "slope of n_inf"),
        v_s1: param("mV", -40.0, Finite, "half-activation of s1_inf"),
        s_s1: param("mV", 0.5, Positive, "slope of s1_inf"),
        v_s2: param("mV", -42.0, Finite, "half-activation of s2_inf"),
        s_s2: param("mV", 0.4, Positive, "slope of s2_inf"),
        tau_nbar: param("ms", 9.09, Positive, "maximal time constant of n"),
        lambda_n: param("1", 1.1, Positive, "rate factor of n (lambda)"),
        tau_s1: param("ms", 1000.0, Positive, "time constant of s1"),
        tau_s2: param("ms", 120000.0, Positive, "time constant of s2"),
        i_e: standard::i_e(0.0),
        v_th: param("mV", -30.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: standard::v_init(-50.0),
        s2_init: param("1", 0.6, Closed(0.0, 1.0), "initial s2 (n and s1 start at 0)"),
    },
    state: {
        v: ("mV", "membrane potential"),
        n: ("1", "delayed-rectifier activation"),
        s1: ("1", "activation of the faster slow K current"),
        s2: ("1", "activation of the slower slow K current"),
    },
    membrane: v,
    presets: [
        crate::Preset {
            name: "medium",
            doc: "medium bursting (Bertram et al. 2000 Fig. 3, g_s1 = 7 pS)",
            values: &[("g_s1", 0.007)],
        },
        crate::Preset {
            name: "slow",
            doc: "slow bursting (Bertram et al. 2000 Fig. 4, g_s1 = 3 pS)",
            values: &[("g_s1", 0.003)],
        },
    ],
    drive: 2.0,
    spontaneous: "a beta-cell burster: with the published parameters (as at stimulatory \
                  glucose) it bursts without input",
    build: point,
}

#[inline(always)]
fn inf(v: f64, vx: f64, sx: f64) -> f64 {
    1.0 / (1.0 + ((vx - vg(v)) / sx).exp())
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let i_ion = p.g_ca * inf(y.v, p.v_m, p.s_m) * (y.v - p.v_ca)
        + (p.g_k * y.n + p.g_s1 * y.s1 + p.g_s2 * y.s2) * (y.v - p.v_k)
        + p.g_l * (y.v - p.v_l);
    let tau_n = p.tau_nbar / (1.0 + ((vg(y.v) - p.v_n) / p.s_n).exp());
    Vars {
        v: (i - i_ion) / p.c_m,
        n: p.lambda_n * (inf(y.v, p.v_n, p.s_n) - y.n) / tau_n,
        s1: (inf(y.v, p.v_s1, p.s_s1) - y.s1) / p.tau_s1,
        s2: (inf(y.v, p.v_s2, p.s_s2) - y.s2) / p.tau_s2,
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            n: 0.0,
            s1: 0.0,
            s2: p.s2_init,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let (y, fired) = crossing_step(*s, input.dt, aux.h, |y| derivs(p, i, y), |y| y.v, p.v_th);
        *s = y;
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::{kernel, run};
    use super::*;

    /// Closed form: without active currents (g_Ca = g_K = g_s1 = g_s2 = 0) the membrane
    /// relaxes to V_L with the published passive time constant C_m / g_L = 4524 fF / 25 pS
    /// = 180.96 ms: V(t) = V_L + (V_0 - V_L) exp(-t / 180.96) (to 1e-6 mV over 500 ms).
    #[test]
    fn passive_time_constant_is_published() {
        let given = [("g_ca", 0.0), ("g_k", 0.0), ("g_s1", 0.0), ("g_s2", 0.0)];
        let dt = 0.1;
        let mut k = kernel(&MODEL, &given, dt);
        let (_, trace) = run(k.as_mut(), 0, dt, 500.0, |_| 0.0);
        for (j, v) in trace.iter().enumerate().step_by(500) {
            let t = (j + 1) as f64 * dt;
            let want = -40.0 - 10.0 * (-t / 180.96).exp();
            assert!((v - want).abs() < 1e-6, "t {t}: {v} vs {want}");
        }
    }

    /// Fig. 2 (g_s1 = 20 pS): fast bursting. Over 60 s the spikes come in bursts separated
    /// by silent phases longer than 1 s (phantom bursting, not tonic spiking); the burst
    /// period is reported.
    #[test]
    fn fast_bursting_has_silent_phases() {
        let dt = 0.5;
        let mut k = kernel(&MODEL, &[], dt);
        let (times, trace) = run(k.as_mut(), 0, dt, 60_000.0, |_| 0.0);
        let lo = trace.iter().cloned().fold(f64::INFINITY, f64::min);
        let hi = trace.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let starts: Vec<f64> = times
            .windows(2)
            .filter(|w| w[1] - w[0] > 1000.0)
            .map(|w| w[1])
            .collect();
        eprintln!(
            "phantom fast: {} spikes, V in [{lo:.1}, {hi:.1}] mV, burst starts {starts:?}",
            times.len()
        );
        assert!(times.len() > 20);
        assert!(starts.len() >= 3, "{starts:?}");
    }
}
