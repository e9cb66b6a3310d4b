//! Plant's model of the Aplysia R15 parabolic burster (Plant & Kim 1976; Plant 1981) in the
//! form analysed by Rinzel & Lee (1987) and given in Ermentrout & Terman (2010) ch. 5:
//! HH-type Na and K spike currents (rates read a rescaled voltage), a slowly activating
//! Ca current and a Ca-activated K current whose two slow variables (x, Ca) oscillate and
//! carry the fast subsystem back and forth through a SNIC: parabolic bursting (spike rate
//! lowest at the start and end of each burst).
//!
//! C_m dV/dt = I + I_e - g_Na m_inf(V_s)^3 h (V - V_Na) - g_Ca x (V - V_Ca)
//!             - (g_K n^4 + g_KCa Ca/(0.5 + Ca)) (V - V_K) - g_L (V - V_L)
//! dh/dt = (h_inf(V_s) - h)/tau_h(V_s), dn/dt = (n_inf(V_s) - n)/tau_n(V_s),
//! tau_y = 12.5/(alpha_y + beta_y), y_inf = alpha_y/(alpha_y + beta_y),
//! dx/dt = (x_inf(V) - x)/tau_x, x_inf = 1/(1 + exp(-0.15 (V + 50))),
//! dCa/dt = rho (K_c x (V_Ca - V) - Ca),
//! V_s = (127 V + 8265)/105 (mV), rates (1/ms):
//!   alpha_m = 0.1 (50 - V_s)/(exp((50 - V_s)/10) - 1), beta_m = 4 exp((25 - V_s)/18)
//!   alpha_h = 0.07 exp((25 - V_s)/20),                  beta_h = 1/(1 + exp((55 - V_s)/10))
//!   alpha_n = 0.01 (55 - V_s)/(exp((55 - V_s)/10) - 1), beta_n = 0.125 exp((45 - V_s)/80)
//! Defaults (Rinzel & Lee 1987; Ermentrout & Terman 2010; checked against the public C
//! reproduction drakeknapper/plantmodel): C_m = 1 uF/cm^2; g_Na = 4, g_Ca = 0.004,
//! g_K = 0.3, g_KCa = 0.03, g_L = 0.003 mS/cm^2; V_Na = 30, V_Ca = 140, V_K = -75,
//! V_L = -40 mV; tau_x = 235 ms, rho = 0.0003 /ms, K_c = 0.0085 /mV.
//!
//! Spikes: an upward crossing of `v_th` (-20 mV) is one spike; no reset. Delta-synapse
//! jumps are added to V at the end of the step. Initial state: V = v_init with every gate
//! and Ca at their steady state there. Numerics: Dormand–Prince rk45 (`Tolerance::DEFAULT`,
//! carried step); rates read V clamped to +-150 mV.

use super::traub_miles::{crossing_step, vg};
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "plant_r15",
    class: "PlantR15Neuron",
    summary: "C_m dV/dt = I + I_e - g_Na m_inf^3 h (V - V_Na) - g_Ca x (V - V_Ca) - (g_K n^4 + \
              g_KCa Ca/(0.5 + Ca))(V - V_K) - g_L (V - V_L); HH-type h, n on V_s = (127 V + \
              8265)/105 (tau x 12.5); dx/dt = (x_inf - x)/tau_x; dCa/dt = rho (K_c x (V_Ca - V) \
              - Ca). Parabolic bursting (Aplysia R15). Spike = upward crossing of v_th. rk45.",
    citation: "Plant & Kim (1976) Biophys. J. 16:227-244; Plant (1981) J. Math. Biol. 11:15-32; \
               Rinzel & Lee (1987) J. Math. Biol. 25:653-675; Ermentrout & Terman (2010) \
               Mathematical Foundations of Neuroscience, Springer, ch. 5",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 4.0, NonNegative, "maximal sodium conductance"),
        g_ca: param("mS/cm^2", 0.004, NonNegative, "maximal slow calcium conductance"),
        g_k: param("mS/cm^2", 0.3, NonNegative, "maximal delayed-rectifier conductance"),
        g_kca: param("mS/cm^2", 0.03, NonNegative, "maximal Ca-activated K conductance"),
        g_l: param("mS/cm^2", 0.003, NonNegative, "leak conductance"),
        v_na: param("mV", 30.0, Finite, "sodium reversal potential"),
        v_ca: param("mV", 140.0, Finite, "calcium reversal potential"),
        v_k: param("mV", -75.0, Finite, "potassium reversal potential"),
        v_l: param("mV", -40.0, Finite, "leak reversal potential"),
        tau_x: param("ms", 235.0, Positive, "time constant of the Ca-current activation x"),
        rho: param("1/ms", 0.0003, Positive, "rate of the calcium pool"),
        k_c: param("1/mV", 0.0085, NonNegative, "calcium influx per unit x and driving force"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -55.0, Finite,
            "initial membrane potential; gates and Ca start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        h: ("1", "sodium inactivation"),
        n: ("1", "potassium activation"),
        x: ("1", "slow calcium-current activation"),
        ca: ("1", "intracellular calcium (dimensionless, as the source)"),
    },
    membrane: v,
    drive: 1.0,
    spontaneous: "R15 is an endogenous burster: with the published parameters the slow Ca \
                  oscillation makes it burst without input",
    build: point,
}

/// (m_inf, h_inf, tau_h, n_inf, tau_n) at `v` (mV).
#[inline(always)]
fn fast(v: f64) -> [f64; 5] {
    let vs = (127.0 * vg(v) + 8265.0) / 105.0;
    let am = exprel_inv((50.0 - vs) / 10.0);
    let bm = 4.0 * ((25.0 - vs) / 18.0).exp();
    let ah = 0.07 * ((25.0 - vs) / 20.0).exp();
    let bh = 1.0 / (1.0 + ((55.0 - vs) / 10.0).exp());
    let an = 0.1 * exprel_inv((55.0 - vs) / 10.0);
    let bn = 0.125 * ((45.0 - vs) / 80.0).exp();
    [
        am / (am + bm),
        ah / (ah + bh),
        12.5 / (ah + bh),
        an / (an + bn),
        12.5 / (an + bn),
    ]
}

#[inline(always)]
fn x_inf(v: f64) -> f64 {
    1.0 / (1.0 + (-0.15 * (vg(v) + 50.0)).exp())
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let f = fast(y.v);
    let i_ion = p.g_na * f[0].powi(3) * y.h * (y.v - p.v_na)
        + p.g_ca * y.x * (y.v - p.v_ca)
        + (p.g_k * y.n.powi(4) + p.g_kca * y.ca / (0.5 + y.ca)) * (y.v - p.v_k)
        + p.g_l * (y.v - p.v_l);
    Vars {
        v: (i - i_ion) / p.c_m,
        h: (f[1] - y.h) / f[2],
        n: (f[3] - y.n) / f[4],
        x: (x_inf(y.v) - y.x) / p.tau_x,
        ca: p.rho * (p.k_c * y.x * (p.v_ca - y.v) - y.ca),
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let f = fast(p.v_init);
        let x = x_inf(p.v_init);
        Vars {
            v: p.v_init,
            h: f[1],
            n: f[3],
            x,
            ca: (p.k_c * x * (p.v_ca - p.v_init)).max(0.0),
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

    /// Closed form: with the active conductances off the membrane relaxes to V_L with the
    /// published passive time constant C_m / g_L = 1 / 0.003 = 333.3 ms.
    #[test]
    fn passive_time_constant_is_published() {
        let given = [("g_na", 0.0), ("g_ca", 0.0), ("g_k", 0.0), ("g_kca", 0.0)];
        let dt = 0.1;
        let mut k = kernel(&MODEL, &given, dt);
        let (_, trace) = run(k.as_mut(), 0, dt, 1000.0, |_| 0.0);
        for (j, v) in trace.iter().enumerate().step_by(1000) {
            let t = (j + 1) as f64 * dt;
            let want = -40.0 - 15.0 * (-t / (1.0 / 0.003)).exp();
            assert!((v - want).abs() < 1e-6, "t {t}: {v} vs {want}");
        }
    }

    /// Without input the published parameters burst: over 60 s the spikes come in bursts
    /// of at least 4 spikes separated by silent phases (> 10 x the shortest interval), and
    /// in each complete burst the last interval, where the fast subsystem leaves the
    /// active phase through the saddle-node on the invariant circle of parabolic bursting
    /// (Rinzel & Lee 1987), exceeds the shortest by half. The burst period (about 10.8 s
    /// here) is reported, not asserted: no figure value of it was checked.
    #[test]
    fn bursts_end_with_lengthening_intervals() {
        let dt = 0.2;
        let mut k = kernel(&MODEL, &[], dt);
        let (times, trace) = run(k.as_mut(), 0, dt, 60_000.0, |_| 0.0);
        let lo = trace.iter().cloned().fold(f64::INFINITY, f64::min);
        let hi = trace.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let isi: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
        let gap = 10.0 * isi.iter().cloned().fold(f64::INFINITY, f64::min);
        let mut bursts: Vec<Vec<f64>> = vec![Vec::new()];
        for &d in &isi {
            if d > gap {
                bursts.push(Vec::new());
            } else {
                bursts.last_mut().unwrap().push(d);
            }
        }
        let starts: Vec<f64> = times
            .windows(2)
            .filter(|w| w[1] - w[0] > gap)
            .map(|w| w[1])
            .collect();
        eprintln!(
            "plant_r15: {} spikes, V in [{lo:.1}, {hi:.1}] mV, burst starts {starts:?}",
            times.len()
        );
        let inner = &bursts[1..bursts.len().saturating_sub(1)];
        assert!(inner.len() >= 2, "{bursts:?}");
        assert!(inner.iter().all(|b| b.len() >= 3), "{bursts:?}");
        for b in inner {
            let min = b.iter().cloned().fold(f64::INFINITY, f64::min);
            eprintln!("burst ISIs {b:?}");
            assert!(b[b.len() - 1] > 1.5 * min, "{b:?}");
        }
    }
}

#[cfg(test)]
mod robustness {
    use crate::StepInput;

    /// The models added with this one stay finite under absurd but finite input: currents
    /// of +-1e4 (input unit) and membrane jumps of +-200 mV at dt = 1 ms.
    #[test]
    fn extreme_inputs_stay_finite() {
        let names = [
            "plant_r15",
            "bertram_phantom",
            "huber_braun",
            "hodgkin_huxley_fox",
            "destexhe_point_conductance",
        ];
        for name in names {
            let m = crate::lookup(name).unwrap();
            for (current, jump) in [(1e4, 0.0), (-1e4, 0.0), (0.0, 200.0), (0.0, -200.0)] {
                let mut k = super::super::traub_miles::testing::kernel(m, &[], 1.0);
                let mut s = Vec::new();
                for step in 0..50 {
                    let j = if step % 10 == 0 { jump } else { 0.0 };
                    k.step(
                        &StepInput {
                            jump: &[j],
                            current: &[current],
                        },
                        &mut s,
                    );
                    for v in 0..m.state.len() {
                        let x = k.var(v)[0];
                        assert!(
                            x.is_finite(),
                            "{name}: {} = {x} (I {current}, jump {jump})",
                            m.state[v].name
                        );
                    }
                }
            }
        }
    }
}
