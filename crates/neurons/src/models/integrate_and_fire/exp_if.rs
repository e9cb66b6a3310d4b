//! Exponential integrate-and-fire neuron (Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel
//! 2003), with the parameter names and defaults of NEST's aeif models without adaptation.
//!
//! C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) + I(t) + I_e
//!
//! V >= V_peak emits a spike, V = V_reset, clamped for t_ref. Under a constant current the
//! model fires repetitively above the rheobase I_rh = g_L (V_T - E_L - Delta_T), where the
//! stable and unstable fixed points merge at V = V_T.
//!
//! Integration: the AdEx kernel (`adex`) with a = b = 0 and no w, i.e. RK4 on fixed
//! sub-steps of at most min(0.05 ms, tau_m / 4) with the right-hand side reading
//! min(V, V_peak); see `adex` for the spike and refractory handling.

use super::adex;
use crate::{BuildContext, ModelInfo, NeuronKernel, StateSpec, StepInput};
use sc_neurocore_core::{ParamSpec, ValueRange};

/// Registry entry.
pub static MODEL: ModelInfo = ModelInfo {
    name: "exp_if",
    class_name: "ExpIFNeuron",
    family: super::FAMILY,
    summary: "C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) + I + I_e; \
              V >= V_peak -> spike, V = V_reset, clamped for t_ref. RK4 on fixed sub-steps \
              <= 0.05 ms.",
    citation: "Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel (2003) J. Neurosci. 23:11628; \
               parameters as NEST aeif_psc_delta without adaptation",
    params: &[
        ParamSpec {
            name: "c_m",
            unit: "pF",
            default: 281.0,
            range: ValueRange::Positive,
            doc: "membrane capacitance",
        },
        ParamSpec {
            name: "g_l",
            unit: "nS",
            default: 30.0,
            range: ValueRange::Positive,
            doc: "leak conductance",
        },
        ParamSpec {
            name: "e_l",
            unit: "mV",
            default: -70.6,
            range: ValueRange::Finite,
            doc: "leak reversal (resting) potential",
        },
        ParamSpec {
            name: "v_t",
            unit: "mV",
            default: -50.4,
            range: ValueRange::Finite,
            doc: "threshold of the exponential term (NEST V_th), where dV/dt is smallest",
        },
        ParamSpec {
            name: "delta_t",
            unit: "mV",
            default: 2.0,
            range: ValueRange::Positive,
            doc: "slope factor (sharpness of spike initiation)",
        },
        ParamSpec {
            name: "v_peak",
            unit: "mV",
            default: 0.0,
            range: ValueRange::Finite,
            doc: "spike detection potential",
        },
        ParamSpec {
            name: "v_reset",
            unit: "mV",
            default: -60.0,
            range: ValueRange::Finite,
            doc: "reset potential",
        },
        ParamSpec {
            name: "t_ref",
            unit: "ms",
            default: 0.0,
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
            default: -70.6,
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
    validate: adex::validate,
    build,
    delta_input: None,
    less_than: &[],
    drive: Some(1000.0),
    spontaneous: None,
    stochastic: false,
    module: module_path!(),
};

fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    Box::new(ExpIf(adex::kernel(ctx, false)))
}

/// The AdEx kernel without adaptation, exposing `v` and `refractory`.
struct ExpIf(adex::AdEx);

/// Index in the AdEx kernel of this model's state variable `index`.
fn adex_index(index: usize) -> usize {
    if index == 0 { 0 } else { 2 }
}

impl NeuronKernel for ExpIf {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        self.0.step(input, spikes);
    }

    fn var(&self, index: usize) -> &[f64] {
        self.0.var(adex_index(index))
    }

    fn var_mut(&mut self, index: usize) -> &mut [f64] {
        self.0.var_mut(adex_index(index))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// The rheobase of the EIF is I_rh = g_L (V_T - E_L - Delta_T) (the current at which the
    /// two fixed points merge at V = V_T): 1 % below it the neuron never fires, 1 % above it
    /// it fires repetitively. Checked for the defaults and a second parameter set.
    #[test]
    fn rheobase_matches_the_analytic_value() {
        let sets: [&[(&str, f64)]; 2] = [
            &[],
            &[
                ("c_m", 200.0),
                ("g_l", 10.0),
                ("e_l", -65.0),
                ("v_t", -52.0),
                ("delta_t", 3.5),
            ],
        ];
        for given in sets {
            let get = |name: &str| {
                given
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map_or_else(|| MODEL.param(name).unwrap().default, |&(_, v)| v)
            };
            let i_rh = get("g_l") * (get("v_t") - get("e_l") - get("delta_t"));
            let below = spike_times(&MODEL, given, 0.99 * i_rh, 0.1, 2000.0);
            assert!(
                below.is_empty(),
                "{given:?}: fired below rheobase at {below:?}"
            );
            let above = spike_times(&MODEL, given, 1.01 * i_rh, 0.1, 2000.0);
            assert!(above.len() >= 3, "{given:?}: {above:?} above rheobase");
        }
    }

    /// Below rheobase V settles at the stable fixed point of the I-V curve, the root V* < V_T
    /// of -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) + I = 0 (found here by bisection).
    #[test]
    fn settles_at_the_stable_fixed_point_below_rheobase() {
        let current = 400.0; // pA, below I_rh = 30 * 18.2 = 546 pA
        let f = |v: f64| -30.0 * (v + 70.6) + 60.0 * ((v + 50.4) / 2.0).exp() + current;
        let (mut lo, mut hi) = (-70.6, -50.4); // f(lo) > 0 > f(hi)
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if f(mid) > 0.0 { lo = mid } else { hi = mid }
        }
        let mut k = kernel(&MODEL, &[], 0.5);
        assert!(hold(k.as_mut(), current, 1000).is_empty());
        approx::assert_abs_diff_eq!(k.var(0)[0], lo, epsilon = 1e-9);
    }

    /// Repetitive firing converges in dt: the mean interval at dt = 0.1 ms (two 0.05 ms
    /// sub-steps) is within 0.01 ms of the one at dt = 0.005 ms. This needs the reset at the
    /// crossing time inside the sub-step: resetting at the end of the sub-step lengthens each
    /// interval by half a sub-step on average (0.025 ms).
    #[test]
    fn firing_period_converges_in_dt() {
        for current in [700.0, 1000.0] {
            let mean_isi = |dt: f64| {
                let t = spike_times(&MODEL, &[], current, dt, 2000.0);
                (t[t.len() - 1] - t[0]) / (t.len() - 1) as f64
            };
            let (coarse, fine) = (mean_isi(0.1), mean_isi(0.005));
            assert!(
                (coarse - fine).abs() < 0.01,
                "{current} pA: {coarse} vs {fine} ms"
            );
        }
    }
}
