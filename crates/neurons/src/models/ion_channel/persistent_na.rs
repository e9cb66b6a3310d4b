//! The I_Na,p + I_K model of Izhikevich (2007), Dynamical Systems in Neuroscience, ch. 4
//! (eqs. 4.1-4.2, Fig. 4.1): a persistent (instantaneous) sodium current and a delayed
//! potassium current, the book's minimal spiking model.
//!
//! C dV/dt = I + I_e - g_L (V - E_L) - g_Na m_inf(V) (V - E_Na) - g_K n (V - E_K)
//! dn/dt = (n_inf(V) - n) / tau_n
//! m_inf(V) = 1 / (1 + exp((V_1/2,m - V) / k_m)),  n_inf(V) = 1 / (1 + exp((V_1/2,n - V) / k_n))
//!
//! Defaults: Fig. 4.1 (high-threshold K current: C = 1, E_L = -80, g_L = 8, g_Na = 20,
//! g_K = 10, V_1/2,m = -20, k_m = 15, V_1/2,n = -25, k_n = 5, tau_n = 1 ms, E_Na = 60,
//! E_K = -90). At rest the model has a saddle-node on invariant circle bifurcation at
//! I = 4.51 uA/cm^2 (ch. 6): class-1 excitability. Presets: `slow_k` (the defaults) and
//! `fast_k` (tau_n = 0.152 ms: the same saddle-node is off the invariant circle, and below
//! it the rest state coexists with a spiking limit cycle, ch. 6); `low_threshold_k`: E_L = -78 mV,
//! V_1/2,n = -45 mV (the book's low-threshold K variant of ch. 4; its rest, -60.9 mV at
//! I = 0, loses stability through an Andronov–Hopf bifurcation, class 2).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Spikes: an upward crossing of `v_th` (default -20 mV, half-way up the spike) inside the
//! step or by a delta-synapse jump is one spike; no reset (the model has its own
//! repolarisation). Delta-synapse jumps are added to V at the end of the step.

use crate::Preset;
use crate::define::*;

crate::model! {
    name: "persistent_na",
    class: "PersistentNaNeuron",
    summary: "I_Na,p + I_K model: C dV/dt = I + I_e - g_L (V - E_L) - g_Na m_inf(V)(V - E_Na) \
              - g_K n (V - E_K); dn/dt = (n_inf(V) - n)/tau_n; Boltzmann m_inf, n_inf. Spike = \
              upward crossing of v_th (no reset). Dormand-Prince rk45.",
    citation: "Izhikevich (2007) Dynamical Systems in Neuroscience: The Geometry of \
               Excitability and Bursting, MIT Press, ch. 4 (eqs. 4.1-4.2, Fig. 4.1)",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_l: param("mS/cm^2", 8.0, NonNegative, "leak conductance"),
        e_l: param("mV", -80.0, Finite, "leak reversal potential"),
        g_na: param("mS/cm^2", 20.0, NonNegative, "persistent sodium conductance"),
        e_na: param("mV", 60.0, Finite, "sodium reversal potential"),
        g_k: param("mS/cm^2", 10.0, NonNegative, "potassium conductance"),
        e_k: param("mV", -90.0, Finite, "potassium reversal potential"),
        m_v_half: param("mV", -20.0, Finite, "half-activation voltage of m_inf"),
        m_k: param("mV", 15.0, Positive, "slope factor of m_inf"),
        n_v_half: param("mV", -25.0, Finite, "half-activation voltage of n_inf"),
        n_k: param("mV", 5.0, Positive, "slope factor of n_inf"),
        tau_n: param("ms", 1.0, Positive, "time constant of the K activation n"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -66.0, Finite, "initial membrane potential; n starts at n_inf(v_init)"),
    },
    state: {
        v: ("mV", "membrane potential"),
        n: ("1", "potassium activation"),
    },
    membrane: v,
    presets: [
        Preset {
            name: "slow_k",
            doc: "Fig. 4.1 (the defaults, tau_n = 1 ms): saddle-node on invariant circle at \
                  I = 4.51, class 1",
            values: &[("tau_n", 1.0)],
        },
        Preset {
            name: "fast_k",
            doc: "fast K current (tau_n = 0.152 ms): saddle-node off invariant circle at \
                  I = 4.51, rest coexists with a spiking limit cycle below it (bistable)",
            values: &[("tau_n", 0.152)],
        },
        Preset {
            name: "low_threshold_k",
            doc: "low-threshold K current (E_L = -78 mV, V_1/2,n = -45 mV): Andronov-Hopf, \
                  class 2",
            values: &[("e_l", -78.0), ("n_v_half", -45.0), ("v_init", -61.0)],
        },
    ],
    drive: 10.0,
    build: point,
}

/// Boltzmann function 1 / (1 + exp((v_half - v) / k)), exponent clamped to avoid overflow.
#[inline(always)]
pub(crate) fn boltzmann(v: f64, v_half: f64, k: f64) -> f64 {
    1.0 / (1.0 + ((v_half - v) / k).min(700.0).exp())
}

/// The steady-state current I_inf(V) that holds the membrane at `v` (uA/cm^2).
#[cfg(test)]
fn i_inf(p: &Parameters, v: f64) -> f64 {
    p.g_l * (v - p.e_l)
        + p.g_na * boltzmann(v, p.m_v_half, p.m_k) * (v - p.e_na)
        + p.g_k * boltzmann(v, p.n_v_half, p.n_k) * (v - p.e_k)
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            n: boltzmann(p.v_init, p.n_v_half, p.n_k),
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| Vars {
            v: (i
                - p.g_l * (y.v - p.e_l)
                - p.g_na * boltzmann(y.v, p.m_v_half, p.m_k) * (y.v - p.e_na)
                - p.g_k * y.n * (y.v - p.e_k))
                / p.c_m,
            n: (boltzmann(y.v, p.n_v_half, p.n_k) - y.n) / p.tau_n,
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

/// Test helpers shared by the `ion_channel` and `excitable_cell` families.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// A one-neuron kernel of `model` with parameters `given` at step `dt` ms.
    pub(crate) fn kernel(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        dt: f64,
    ) -> Box<dyn NeuronKernel> {
        let values: Vec<(&str, ParamValue)> = given
            .iter()
            .map(|&(k, v)| (k, ParamValue::Scalar(v)))
            .collect();
        let params = Params::check(model, "test", 1, values.iter().map(|(k, v)| (*k, v)))
            .unwrap_or_else(|e| panic!("{e}"));
        (model.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: dt,
            seed: 0,
            first_id: 0,
        })
    }

    /// Runs one neuron for `t_ms` with `current(t)` (t = start of the step, ms); returns
    /// the spike times (end of the step, ms) and the membrane trace (one value per step).
    pub(crate) fn run(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        dt: f64,
        t_ms: f64,
        current: impl Fn(f64) -> f64,
    ) -> (Vec<f64>, Vec<f64>) {
        let mut k = kernel(model, given, dt);
        let (mut times, mut trace, mut spikes) = (Vec::new(), Vec::new(), Vec::new());
        for step in 0..(t_ms / dt).round() as usize {
            spikes.clear();
            let c = [current(step as f64 * dt)];
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &c,
                },
                &mut spikes,
            );
            if !spikes.is_empty() {
                times.push((step + 1) as f64 * dt);
            }
            trace.push(k.var(model.membrane)[0]);
        }
        (times, trace)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{self, run};
    use super::*;

    fn defaults() -> Parameters {
        Parameters::of(&crate::Params::defaults(&MODEL, 1), 0)
    }

    /// The saddle-node current is the local maximum of the steady-state I-V curve I_inf(V)
    /// on its lower branch: 4.51 uA/cm^2 in Izhikevich (2007), ch. 6.
    #[test]
    fn saddle_node_current_is_the_books() {
        let p = defaults();
        let mut best = f64::MIN;
        let mut v = -80.0;
        while v < -40.0 {
            best = best.max(i_inf(&p, v));
            v += 0.001;
        }
        eprintln!("I_Na,p + I_K saddle-node current: {best:.3} uA/cm^2");
        assert!((best - 4.51).abs() < 0.05 * 4.51, "{best}");
    }

    /// With the fast K preset (tau_n = 0.152 ms) the model is bistable just below the
    /// saddle-node (I = 4.0 uA/cm^2, ch. 6): it stays at rest, but a 20 mV kick switches it
    /// to sustained spiking; with the slow K default the same kick gives at most one spike.
    #[test]
    fn fast_k_is_bistable_below_the_saddle_node() {
        use crate::StepInput;
        let spikes_after_kick = |tau_n: f64| {
            let mut k = testing::kernel(&MODEL, &[("tau_n", tau_n), ("v_init", -62.6)], 0.01);
            let mut spikes = Vec::new();
            for step in 0..30_000 {
                let jump = [if step == 10_000 { 20.0 } else { 0.0 }];
                k.step(
                    &StepInput {
                        jump: &jump,
                        current: &[4.0],
                    },
                    &mut spikes,
                );
                if step == 9_999 {
                    assert!(spikes.is_empty(), "tau_n {tau_n}: fired before the kick");
                }
            }
            spikes.len()
        };
        let fast = spikes_after_kick(0.152);
        let slow = spikes_after_kick(1.0);
        eprintln!("I_Na,p + I_K at I = 4: {fast} spikes after a kick (fast K), {slow} (slow K)");
        assert!(fast >= 10, "{fast}");
        assert!(slow <= 1, "{slow}");
    }

    /// Class 1 onset at that current: silent just below it (from the resting state), firing
    /// repetitively just above, at a low rate that grows with I.
    #[test]
    fn firing_starts_at_the_bifurcation() {
        let rest = -66.0;
        let below = run(&MODEL, &[("v_init", rest)], 0.05, 300.0, |_| 4.51 * 0.95).0;
        assert!(below.is_empty(), "{below:?}");
        let above = run(&MODEL, &[("v_init", rest)], 0.05, 300.0, |_| 4.51 * 1.05).0;
        assert!(above.len() >= 3, "{above:?}");
        let fast = run(&MODEL, &[("v_init", rest)], 0.05, 300.0, |_| 10.0).0;
        assert!(fast.len() > above.len());
    }
}
