//! Noble (1962): the Hodgkin–Huxley equations modified for the action and pacemaker
//! potentials of cardiac Purkinje fibres, the first model of a cardiac cell. Two K
//! currents (the instantaneous inward rectifier g_K1 and the slow delayed g_K2 = 1.2 n^4)
//! replace Hodgkin and Huxley's, so the plateau lasts hundreds of ms and the cell is a
//! pacemaker.
//!
//! C dV/dt = I + I_e - (400 m^3 h + g_Na,b)(V - E_Na) - (g_K1(V) + 1.2 n^4)(V - E_K)
//!           - g_an (V - E_an)
//! g_K1(V) = 1.2 exp((-V - 90)/50) + 0.015 exp((V + 90)/60)  (mS/cm^2)
//! dx/dt = alpha_x (1 - x) - beta_x x, x in {m, h, n}, rates in 1/ms, V in mV:
//!   alpha_m = 0.1 (-V - 48) / (exp((-V - 48)/15) - 1),  beta_m = 0.12 (V + 8) / (exp((V + 8)/5) - 1)
//!   alpha_h = 0.17 exp((-V - 90)/20),                   beta_h = 1 / (1 + exp((-V - 42)/10))
//!   alpha_n = 1e-4 (-V - 50) / (exp((-V - 50)/10) - 1), beta_n = 0.002 exp((-V - 90)/80)
//! (removable singularities by their limits). Defaults: C = 12 uF/cm^2, g_Na = 400,
//! background g_Na,b = 0.14 mS/cm^2, E_Na = 40, E_K = -100 mV; the anion (chloride) leak
//! g_an = 0.075 mS/cm^2, E_an = -60 mV as in the CellML version (Lloyd, models.cellml.org
//! workspace noble_1962), preset `no_anion_current` (g_an = 0) for the paper's runs
//! without it.
//!
//! The model is spontaneously active (declared `spontaneous`): with no input it fires
//! every ~0.56 s (g_an = 0.075) or ~0.84 s (g_an = 0).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Spikes: an upward crossing of `v_th` (default -20 mV) inside the step or by a
//! delta-synapse jump; no reset. Delta-synapse jumps are added to V at the end of the step.

use crate::Preset;
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "cardiac_purkinje_fibre",
    class: "CardiacPurkinjeFibreNeuron",
    summary: "Noble 1962 Purkinje fibre: C dV/dt = I + I_e - (400 m^3 h + 0.14)(V - E_Na) - \
              (g_K1(V) + 1.2 n^4)(V - E_K) - g_an (V - E_an), g_K1 = 1.2 exp((-V-90)/50) + \
              0.015 exp((V+90)/60); HH-type m, h, n with Noble's rates. Pacemaker. Spike = \
              upward crossing of v_th (no reset). Dormand-Prince rk45.",
    citation: "Noble (1962) J. Physiol. 160:317-352; anion leak as in the CellML version \
               (Lloyd, models.cellml.org/workspace/noble_1962)",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 12.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 400.0, NonNegative, "maximal sodium conductance"),
        g_na_b: param("mS/cm^2", 0.14, NonNegative, "background sodium conductance"),
        e_na: param("mV", 40.0, Finite, "sodium reversal potential"),
        g_k2: param("mS/cm^2", 1.2, NonNegative, "maximal delayed potassium conductance (n^4)"),
        e_k: param("mV", -100.0, Finite, "potassium reversal potential"),
        g_an: param("mS/cm^2", 0.075, NonNegative, "anion (chloride) leak conductance"),
        e_an: param("mV", -60.0, Finite, "anion reversal potential"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -80.0, Finite, "initial membrane potential; gates start at steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "delayed potassium activation"),
    },
    membrane: v,
    presets: [
        Preset {
            name: "no_anion_current",
            doc: "without the anion leak (g_an = 0)",
            values: &[("g_an", 0.0)],
        },
    ],
    drive: 2.0,
    spontaneous: "a pacemaker: Noble's Purkinje fibre fires rhythmically without input",
    build: point,
}

/// (alpha, beta) of m, h, n at `v` (mV), 1/ms.
#[inline(always)]
fn rates(v: f64) -> [(f64, f64); 3] {
    [
        (
            1.5 * exprel_inv((-v - 48.0) / 15.0),
            0.6 * exprel_inv((v + 8.0) / 5.0),
        ),
        (
            0.17 * ((-v - 90.0) / 20.0).min(700.0).exp(),
            1.0 / (1.0 + ((-v - 42.0) / 10.0).min(700.0).exp()),
        ),
        (
            1e-3 * exprel_inv((-v - 50.0) / 10.0),
            0.002 * ((-v - 90.0) / 80.0).min(700.0).exp(),
        ),
    ]
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
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let [m, h, n] = rates(y.v);
            // Exponents clamped: g_K1 stays finite for any V.
            let g_k1 = 1.2 * ((-y.v - 90.0) / 50.0).min(700.0).exp()
                + 0.015 * ((y.v + 90.0) / 60.0).min(700.0).exp();
            let n2 = y.n * y.n;
            let i_ion = (p.g_na * y.m * y.m * y.m * y.h + p.g_na_b) * (y.v - p.e_na)
                + (g_k1 + p.g_k2 * n2 * n2) * (y.v - p.e_k)
                + p.g_an * (y.v - p.e_an);
            Vars {
                v: (i - i_ion) / p.c_m,
                m: m.0 * (1.0 - y.m) - m.1 * y.m,
                h: h.0 * (1.0 - y.h) - h.1 * y.h,
                n: n.0 * (1.0 - y.n) - n.1 * y.n,
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

    /// Steady pacemaker period (ms) and the trace's extremes after the first beats.
    fn pacemaker(given: &[(&str, f64)]) -> (f64, f64, f64) {
        let dt = 0.1;
        let (spikes, v) = run(&MODEL, given, dt, 4000.0, |_| 0.0);
        assert!(spikes.len() >= 4, "{spikes:?}");
        let n = spikes.len();
        let period = spikes[n - 1] - spikes[n - 2];
        let tail = &v[(2000.0 / dt) as usize..];
        let lo = tail.iter().cloned().fold(f64::MAX, f64::min);
        let hi = tail.iter().cloned().fold(f64::MIN, f64::max);
        (period, lo, hi)
    }

    /// Spontaneous rhythm without input. Reference values from an independent fixed-step
    /// (RK4, 0.01 ms) integration of the same equations: period 564.2 ms with the anion leak,
    /// 839.5 ms without; maximum diastolic potential about -82 / -85 mV, overshoot about
    /// +23 / +28 mV. Tolerance 2 %.
    #[test]
    fn pacemaker_rhythm() {
        for (given, want) in [(&[][..], 564.2), (&[("g_an", 0.0)][..], 839.5)] {
            let (period, lo, hi) = pacemaker(given);
            eprintln!("Noble 1962 {given:?}: period {period:.1} ms, V in [{lo:.1}, {hi:.1}]");
            assert!((period - want).abs() < 0.02 * want, "{period} vs {want}");
            assert!((-90.0..-78.0).contains(&lo) && (15.0..35.0).contains(&hi));
        }
    }
}
