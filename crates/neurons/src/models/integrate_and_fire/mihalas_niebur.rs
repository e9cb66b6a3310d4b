//! Mihalas–Niebur neuron (Mihalas & Niebur 2009): a generalized linear integrate-and-fire
//! model with two internal currents and an adaptive threshold that reproduces the firing
//! patterns of the Izhikevich catalogue:
//!
//! C dV/dt = I_e + I + I_1 + I_2 - G (V - E_L)
//! dTheta/dt = a (V - E_L) - b (Theta - Theta_inf),   dI_j/dt = -k_j I_j
//!
//! V >= Theta is a spike: I_j = R_j I_j + A_j, V = V_r, Theta = max(Theta_r, Theta). There is
//! no refractory period. Units: the paper's (V in V, time in s) become mV and ms, with C
//! = 1 pF so that its I/C (V/s) is the input in pA and G/C = 50 /s is G = 0.05 nS. Defaults:
//! the parameters common to all patterns (Table 1: G/C = 50 /s, b = 10 /s, k_1 = 200 /s,
//! k_2 = 20 /s, R_1 = 0, R_2 = 1, E_L = V_r = -70 mV, Theta_r = -60 mV, Theta_inf = -50
//! mV) with a = A_1 = A_2 = 0 (tonic spiking); the presets are the twenty patterns of
//! Fig. 1 (a, A_1/C, A_2/C of Table 1, as tabulated by the ReScience reproduction,
//! Detorakis 2017); the stimulus of each pattern (named in its doc) is not part of the
//! preset.
//!
//! Numerics: between spikes the system is linear; with I held over the step it is
//! propagated exactly (propagator from `iaf_psc_exp::propagator`), and V >= Theta is tested
//! at the end of each step. Delta-synapse jumps are added to V at the end of the step.

use super::iaf_psc_exp::{apply, propagator};
use crate::Preset;
use crate::define::*;

crate::model! {
    name: "mihalas_niebur",
    class: "MihalasNieburNeuron",
    summary: "C dV/dt = I_e + I + I_1 + I_2 - G (V - E_L); dTheta/dt = a (V - E_L) - b (Theta - \
              Theta_inf); dI_j/dt = -k_j I_j; V >= Theta -> spike, I_j = R_j I_j + A_j, \
              V = V_r, Theta = max(Theta_r, Theta). Exact integration; 20 firing-pattern \
              presets (Fig. 1).",
    citation: "Mihalas & Niebur (2009) Neural Comput. 21:704-718 (Table 1, Fig. 1); Detorakis \
               (2017) ReScience (tabulated parameters)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(1.0),
        g: param("nS", 0.05, Positive, "membrane conductance G"),
        e_l: standard::e_l(-70.0),
        v_reset: standard::v_reset(-70.0),
        theta_inf: param("mV", -50.0, Finite, "threshold equilibrium Theta_inf"),
        theta_reset: param("mV", -60.0, Finite, "threshold floor after a spike Theta_r"),
        a: param("1/ms", 0.0, Finite, "threshold dependence on V"),
        b: param("1/ms", 0.01, Positive, "threshold relaxation rate"),
        k_1: param("1/ms", 0.2, Positive, "internal current 1 decay rate"),
        k_2: param("1/ms", 0.02, Positive, "internal current 2 decay rate"),
        r_1: param("1", 0.0, Finite, "internal current 1 carry-over at a spike R_1"),
        r_2: param("1", 1.0, Finite, "internal current 2 carry-over at a spike R_2"),
        a_1: param("pA", 0.0, Finite, "internal current 1 jump at a spike A_1"),
        a_2: param("pA", 0.0, Finite, "internal current 2 jump at a spike A_2"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
        theta_init: standard::init("mV", -50.0, "initial threshold"),
    },
    state: {
        v: ("mV", "membrane potential"),
        theta: ("mV", "instantaneous threshold"),
        i_1: ("pA", "internal current 1"),
        i_2: ("pA", "internal current 2"),
    },
    membrane: v,
    presets: [
    Preset {
        name: "tonic_spiking",
        doc: "tonic spiking, Fig. 1A (I_e/C = 1.5 pA/pF)",
        values: &[("a", 0.0), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "class_1",
        doc: "class 1 excitability, Fig. 1B (I_e/C = 1 + 1e-6 pA/pF)",
        values: &[("a", 0.0), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "spike_frequency_adaptation",
        doc: "spike frequency adaptation, Fig. 1C (I_e/C = 2 pA/pF)",
        values: &[("a", 0.005), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "phasic_spiking",
        doc: "phasic spiking, Fig. 1D (I_e/C = 1.5 pA/pF)",
        values: &[("a", 0.005), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "accommodation",
        doc: "accommodation, Fig. 1E (I_e/C = pulses pA/pF)",
        values: &[("a", 0.005), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "threshold_variability",
        doc: "threshold variability, Fig. 1F (I_e/C = pulses pA/pF)",
        values: &[("a", 0.005), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "rebound_spike",
        doc: "rebound spike, Fig. 1G (I_e/C = -3.5 pulse pA/pF)",
        values: &[("a", 0.005), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "class_2",
        doc: "class 2 excitability, Fig. 1H (I_e/C = 2 (1 + 1e-6) pA/pF), starting at \
              V = Theta = -30 mV as in the reproduction",
        values: &[
            ("a", 0.005),
            ("a_1", 0.0),
            ("a_2", 0.0),
            ("v_init", -30.0),
            ("theta_init", -30.0),
        ],
    },
    Preset {
        name: "integrator",
        doc: "integrator, Fig. 1I (I_e/C = pulse pairs pA/pF)",
        values: &[("a", 0.005), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "input_bistability",
        doc: "input bistability, Fig. 1J (I_e/C = 1.5 / 1.7 steps pA/pF)",
        values: &[("a", 0.005), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "hyperpolarization_induced_spiking",
        doc: "hyperpolarization-induced spiking, Fig. 1K (I_e/C = -1 pA/pF)",
        values: &[("a", 0.03), ("a_1", 0.0), ("a_2", 0.0)],
    },
    Preset {
        name: "hyperpolarization_induced_bursting",
        doc: "hyperpolarization-induced bursting, Fig. 1L (I_e/C = -1 pA/pF)",
        values: &[("a", 0.03), ("a_1", 10.0), ("a_2", -0.6)],
    },
    Preset {
        name: "tonic_bursting",
        doc: "tonic bursting, Fig. 1M (I_e/C = 2 pA/pF)",
        values: &[("a", 0.005), ("a_1", 10.0), ("a_2", -0.6)],
    },
    Preset {
        name: "phasic_bursting",
        doc: "phasic bursting, Fig. 1N (I_e/C = 1.5 pA/pF)",
        values: &[("a", 0.005), ("a_1", 10.0), ("a_2", -0.6)],
    },
    Preset {
        name: "rebound_burst",
        doc: "rebound burst, Fig. 1O (I_e/C = -3.5 pulse pA/pF)",
        values: &[("a", 0.005), ("a_1", 10.0), ("a_2", -0.6)],
    },
    Preset {
        name: "mixed_mode",
        doc: "mixed mode, Fig. 1P (I_e/C = 2 pA/pF)",
        values: &[("a", 0.005), ("a_1", 5.0), ("a_2", -0.3)],
    },
    Preset {
        name: "afterpotentials",
        doc: "afterpotentials, Fig. 1Q (I_e/C = 2 pulse pA/pF)",
        values: &[("a", 0.005), ("a_1", 5.0), ("a_2", -0.3)],
    },
    Preset {
        name: "basal_bistability",
        doc: "basal bistability, Fig. 1R (I_e/C = 5 pulses pA/pF)",
        values: &[("a", 0.0), ("a_1", 8.0), ("a_2", -0.1)],
    },
    Preset {
        name: "preferred_frequency",
        doc: "preferred frequency, Fig. 1S (I_e/C = 5 / 4 pulses pA/pF)",
        values: &[("a", 0.005), ("a_1", -3.0), ("a_2", 0.5)],
    },
    Preset {
        name: "spike_latency",
        doc: "spike latency, Fig. 1T (I_e/C = 8 pulse pA/pF)",
        values: &[("a", -0.08), ("a_1", 0.0), ("a_2", 0.0)],
    },
    ],
    require: [v_reset < theta_reset],
    drive: 1.5,
    build: point,
}

/// Per-neuron constants: the propagator of (V - E_L, Theta - Theta_inf, I_1, I_2, I_const).
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    prop: [[f64; 5]; 5],
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let c = 1.0 / p.c_m;
        let a = [
            [-p.g * c, 0.0, c, c, c],
            [p.a, -p.b, 0.0, 0.0, 0.0],
            [0.0, 0.0, -p.k_1, 0.0, 0.0],
            [0.0, 0.0, 0.0, -p.k_2, 0.0],
            [0.0; 5],
        ];
        Consts {
            p: *p,
            prop: propagator(a, dt),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            theta: c.p.theta_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let y = apply(
            &c.prop,
            [
                s.v - p.e_l,
                s.theta - p.theta_inf,
                s.i_1,
                s.i_2,
                input.current + p.i_e,
            ],
        );
        s.v = p.e_l + y[0] + input.jump;
        s.theta = p.theta_inf + y[1];
        s.i_1 = y[2];
        s.i_2 = y[3];
        if s.v < s.theta {
            return false;
        }
        s.i_1 = p.r_1 * s.i_1 + p.a_1;
        s.i_2 = p.r_2 * s.i_2 + p.a_2;
        s.v = p.v_reset;
        s.theta = s.theta.max(p.theta_reset);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    fn preset(name: &str) -> Vec<(&'static str, f64)> {
        MODEL
            .presets
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .values
            .to_vec()
    }

    /// Tonic spiking (Fig. 1A, I/C = 1.5 V/s): with a = 0 the threshold stays at Theta_inf
    /// and the interval is (C/G) ln((V_inf - V_r)/(V_inf - Theta_inf)), V_inf = E_L + I/G =
    /// -40 mV: 20 ln 3 = 21.97 ms; class 1 (Fig. 1B, I/C = 1 + 1e-6) fires at the long
    /// interval 20 ln(1e6) = 276.3 ms.
    #[test]
    fn tonic_and_class_1_intervals_match_the_closed_form() {
        let dt = 0.01;
        for &(i, period) in &[(1.5, 20.0 * 3f64.ln()), (1.0 + 1e-6, 20.0 * 1e6f64.ln())] {
            let times = spike_times(&MODEL, &preset("tonic_spiking"), i, dt, 4.0 * period);
            assert!(times.len() >= 3);
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    (isi - period).abs() <= dt + 1e-9,
                    "I {i}: {isi} vs {period}"
                );
            }
        }
    }

    /// Phasic spiking (Fig. 1D): with a = 5 /s the threshold follows V; its steady state
    /// Theta_inf + a (V_inf - E_L)/b = -35 mV lies above V_inf = -40 mV, so a step of 1.5
    /// evokes spikes only at its onset, while the threshold catches up.
    #[test]
    fn phasic_spiking_stops() {
        let times = spike_times(&MODEL, &preset("phasic_spiking"), 1.5, 0.1, 500.0);
        assert!(
            !times.is_empty() && times[times.len() - 1] < 200.0,
            "{times:?}"
        );
    }
}
