//! Leaky integrate-and-fire neuron with exact integration (NEST `iaf_psc_delta`).
//!
//! tau_m dV/dt = -(V - E_L) + R I(t),  R = tau_m / C_m.
//! Over one step of length h with I held constant, the exact solution is
//! V(t+h) = V_inf + (V(t) - V_inf) exp(-h/tau_m), V_inf = E_L + R (I + I_e).
//! Delta-synapse jumps are added after the propagation; V >= V_th emits a spike, sets
//! V = V_reset and holds it there for t_ref, during which input is discarded (as NEST).

use super::{per_neuron, refractory_step, refractory_time};
use crate::{BuildContext, ModelInfo, NeuronKernel, ParamArray, Params, StateSpec, StepInput};
use sc_neurocore_core::{ParamSpec, Result, ValueRange};

/// Registry entry.
pub static LIF: ModelInfo = ModelInfo {
    name: "lif",
    class_name: "LIFNeuron",
    family: "integrate_and_fire",
    summary: "tau_m dV/dt = -(V - E_L) + (tau_m/C_m)(I + I_e); V >= V_th -> spike, V = V_reset, \
              clamped for t_ref. Exact integration over each step (iaf_psc_delta).",
    citation: "Lapicque (1907); Tuckwell (1988) Introduction to Theoretical Neurobiology; \
               Rotter & Diesmann (1999) Biol. Cybern. 81:381 (exact integration)",
    params: &[
        ParamSpec {
            name: "tau_m",
            unit: "ms",
            default: 10.0,
            range: ValueRange::Positive,
            doc: "membrane time constant",
        },
        ParamSpec {
            name: "c_m",
            unit: "pF",
            default: 250.0,
            range: ValueRange::Positive,
            doc: "membrane capacitance",
        },
        ParamSpec {
            name: "e_l",
            unit: "mV",
            default: -70.0,
            range: ValueRange::Finite,
            doc: "resting potential",
        },
        ParamSpec {
            name: "v_th",
            unit: "mV",
            default: -55.0,
            range: ValueRange::Finite,
            doc: "spike threshold",
        },
        ParamSpec {
            name: "v_reset",
            unit: "mV",
            default: -70.0,
            range: ValueRange::Finite,
            doc: "reset potential",
        },
        ParamSpec {
            name: "t_ref",
            unit: "ms",
            default: 2.0,
            range: ValueRange::NonNegative,
            doc: "absolute refractory period",
        },
        ParamSpec {
            name: "i_e",
            unit: "pA",
            default: 0.0,
            range: ValueRange::Finite,
            doc: "constant external current",
        },
        ParamSpec {
            name: "v_init",
            unit: "mV",
            default: -70.0,
            range: ValueRange::Finite,
            doc: "initial membrane potential",
        },
    ],
    state: &[
        StateSpec {
            name: "v",
            unit: "mV",
            doc: "membrane potential",
        },
        StateSpec {
            name: "refractory",
            unit: "ms",
            doc: "refractory time left",
        },
    ],
    membrane: 0,
    input_unit: "pA",
    presets: &[],
    validate,
    build,
};

fn validate(p: &Params, object: &str) -> Result<()> {
    p.require_less(object, "v_reset", "v_th")
}

fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    let p = ctx.params;
    let h = ctx.dt_ms;
    let n = ctx.n;
    let tau_m = p.get("tau_m");
    Box::new(Lif {
        decay: tau_m.map(|tau| (-h / tau).exp()),
        r: per_neuron(n, |i| tau_m.at(i) / p.get("c_m").at(i)),
        e_l: p.get("e_l").clone(),
        v_th: p.get("v_th").clone(),
        v_reset: p.get("v_reset").clone(),
        i_e: p.get("i_e").clone(),
        t_ref: refractory_time(p.get("t_ref"), h),
        h,
        v: p.get("v_init").to_vec(n),
        ref_ms: vec![0.0; n],
    })
}

/// Struct-of-arrays state of a LIF population.
struct Lif {
    decay: ParamArray,
    r: ParamArray,
    e_l: ParamArray,
    v_th: ParamArray,
    v_reset: ParamArray,
    i_e: ParamArray,
    /// Refractory time set at a spike (`t_ref` rounded to whole steps), ms.
    t_ref: ParamArray,
    h: f64,
    v: Vec<f64>,
    /// Refractory time left, ms.
    ref_ms: Vec<f64>,
}

impl NeuronKernel for Lif {
    fn len(&self) -> usize {
        self.v.len()
    }

    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        for i in 0..self.v.len() {
            if refractory_step(&mut self.ref_ms[i], self.h) {
                continue;
            }
            let v_inf = self.e_l.at(i) + self.r.at(i) * (input.current[i] + self.i_e.at(i));
            let mut v = v_inf + (self.v[i] - v_inf) * self.decay.at(i) + input.jump[i];
            if v >= self.v_th.at(i) {
                v = self.v_reset.at(i);
                self.ref_ms[i] = self.t_ref.at(i);
                spikes.push(i as u32);
            }
            self.v[i] = v;
        }
    }

    fn var(&self, index: usize) -> &[f64] {
        match index {
            0 => &self.v,
            _ => &self.ref_ms,
        }
    }

    fn var_mut(&mut self, index: usize) -> &mut [f64] {
        match index {
            0 => &mut self.v,
            _ => &mut self.ref_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// Below threshold with a constant current, V follows the analytic trajectory
    /// V(t) = V_inf + (V0 - V_inf) exp(-t/tau_m) to machine precision, at any dt.
    #[test]
    fn membrane_follows_the_analytic_trajectory() {
        for &dt in &[0.01, 0.1, 0.5] {
            let mut k = kernel(&LIF, &[], dt);
            // 200 pA: V_inf = -70 + 40 * 0.2 = -62 mV < v_th
            let steps = (50.0 / dt).round() as usize;
            assert!(hold(k.as_mut(), 200.0, steps).is_empty());
            let t = steps as f64 * dt;
            let expected = -62.0 + (-70.0 - -62.0) * (-t / 10.0f64).exp();
            approx::assert_abs_diff_eq!(k.var(0)[0], expected, epsilon = 1e-9);
        }
    }

    /// Under a constant suprathreshold current the LIF fires periodically with
    /// 1/f = t_ref + tau_m ln((V_inf - V_reset)/(V_inf - V_th)), V_inf = E_L + R I
    /// (for V_reset = E_L: t_ref + tau ln(R I / (R I - (V_th - E_L)))). Spikes are reported
    /// on the step grid, so every interval lies within one step above the analytic one.
    #[test]
    fn firing_rate_matches_the_analytic_rate() {
        let dt = 0.01;
        for &(current, t_ref) in &[(500.0, 2.0), (1000.0, 0.0), (2000.0, 5.0)] {
            let times = spike_times(&LIF, &[("t_ref", t_ref)], current, dt, 500.0);
            let r_i = 10.0 / 250.0 * current; // R I in mV (R = tau_m / C_m)
            let period = t_ref + 10.0 * (r_i / (r_i - (-55.0 - -70.0))).ln();
            assert!(times.len() > 10, "{current} pA: {} spikes", times.len());
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    isi >= period - 1e-9 && isi <= period + dt + 1e-9,
                    "{current} pA, t_ref {t_ref}: ISI {isi} vs analytic {period}"
                );
            }
        }
    }
}
