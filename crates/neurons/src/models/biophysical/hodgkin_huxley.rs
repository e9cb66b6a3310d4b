//! Hodgkin–Huxley (1952) squid giant axon, in the modern convention (rest at -65 mV,
//! depolarisation positive, 6.3 °C rates).
//!
//! C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L)
//! dx/dt = alpha_x(V) (1 - x) - beta_x(V) x, x in {m, h, n}, with (V in mV, rates in 1/ms)
//!   alpha_m = 0.1 (V + 40) / (1 - exp(-(V + 40)/10)),  beta_m = 4 exp(-(V + 65)/18)
//!   alpha_h = 0.07 exp(-(V + 65)/20),                   beta_h = 1 / (1 + exp(-(V + 35)/10))
//!   alpha_n = 0.01 (V + 55) / (1 - exp(-(V + 55)/10)), beta_n = 0.125 exp(-(V + 65)/80)
//! The removable singularities of alpha_m (V = -40) and alpha_n (V = -55) are evaluated by
//! their limits (1 and 0.1 /ms).
//!
//! Numerics: each network step is split into the fewest equal sub-steps not longer than
//! min(0.025 ms, 4 C_m / (g_Na + g_K + g_L)) (0.025 ms at the standard parameters), each
//! advanced by the exponential midpoint rule (see the family module): second order, gates
//! kept in [0, 1], stable at any dt. Results therefore converge as dt shrinks and stay finite
//! and accurate at dt = 1 ms.
//!
//! Spikes: an upward crossing of `v_th` (0 mV by default) between consecutive sub-steps (or by
//! a delta-synapse jump) is one spike; V has to fall below `v_th` before the next one counts.
//! There is no reset and no imposed refractory period. Delta-synapse jumps are added to V at
//! the end of the step (as for `lif`).

use super::{advance, exprel_inv, relax, sub_steps};
use crate::{BuildContext, ModelInfo, NeuronKernel, ParamArray, StateSpec, StepInput};
use sc_neurocore_core::{ParamSpec, ValueRange};

/// Registry entry.
pub static MODEL: ModelInfo = ModelInfo {
    name: "hodgkin_huxley",
    class_name: "HodgkinHuxleyNeuron",
    family: super::FAMILY,
    summary: "C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L); \
              dx/dt = alpha_x(V)(1 - x) - beta_x(V) x for x = m, h, n with the 1952 rate \
              functions (modern convention: rest -65 mV, 6.3 C). Spike = upward crossing of \
              v_th (0 mV). Exponential-midpoint sub-steps <= 0.025 ms.",
    citation: "Hodgkin & Huxley (1952) J. Physiol. 117:500-544; modern-convention parameters as \
               in Dayan & Abbott (2001) Theoretical Neuroscience, ch. 5, and NEST hh_psc_alpha",
    params: &[
        ParamSpec {
            name: "c_m",
            unit: "uF/cm^2",
            default: 1.0,
            range: ValueRange::Positive,
            doc: "specific membrane capacitance",
        },
        ParamSpec {
            name: "g_na",
            unit: "mS/cm^2",
            default: 120.0,
            range: ValueRange::NonNegative,
            doc: "maximal sodium conductance",
        },
        ParamSpec {
            name: "g_k",
            unit: "mS/cm^2",
            default: 36.0,
            range: ValueRange::NonNegative,
            doc: "maximal (delayed-rectifier) potassium conductance",
        },
        ParamSpec {
            name: "g_l",
            unit: "mS/cm^2",
            default: 0.3,
            range: ValueRange::NonNegative,
            doc: "leak conductance",
        },
        ParamSpec {
            name: "e_na",
            unit: "mV",
            default: 50.0,
            range: ValueRange::Finite,
            doc: "sodium reversal potential",
        },
        ParamSpec {
            name: "e_k",
            unit: "mV",
            default: -77.0,
            range: ValueRange::Finite,
            doc: "potassium reversal potential",
        },
        ParamSpec {
            name: "e_l",
            unit: "mV",
            default: -54.387,
            range: ValueRange::Finite,
            doc: "leak reversal potential (sets the rest at -65 mV)",
        },
        ParamSpec {
            name: "i_e",
            unit: "uA/cm^2",
            default: 0.0,
            range: ValueRange::Finite,
            doc: "constant external current density",
        },
        ParamSpec {
            name: "v_th",
            unit: "mV",
            default: 0.0,
            range: ValueRange::Finite,
            doc: "spike detection level: an upward crossing is one spike (no reset)",
        },
        ParamSpec {
            name: "v_init",
            unit: "mV",
            default: -65.0,
            range: ValueRange::Finite,
            doc: "initial membrane potential; m, h, n start at their steady state for it",
        },
    ],
    state: &[
        StateSpec {
            name: "v",
            unit: "mV",
            doc: "membrane potential",
        },
        StateSpec {
            name: "m",
            unit: "1",
            doc: "sodium activation",
        },
        StateSpec {
            name: "h",
            unit: "1",
            doc: "sodium inactivation",
        },
        StateSpec {
            name: "n",
            unit: "1",
            doc: "potassium activation",
        },
    ],
    membrane: 0,
    input_unit: "uA/cm^2",
    presets: &[],
    validate: crate::no_cross_checks,
    build,
    delta_input: None,
    less_than: &[],
    drive: None,
    spontaneous: None,
    stochastic: false,
    module: module_path!(),
};

/// Largest sub-step at the standard parameters, ms.
const H_MAX: f64 = 0.025;

/// Rate functions (1/ms) at `v` (mV): (alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n).
#[inline(always)]
fn rates(v: f64) -> [f64; 6] {
    [
        exprel_inv(-(v + 40.0) / 10.0),
        4.0 * (-(v + 65.0) / 18.0).exp(),
        0.07 * (-(v + 65.0) / 20.0).exp(),
        1.0 / (1.0 + (-(v + 35.0) / 10.0).exp()),
        0.1 * exprel_inv(-(v + 55.0) / 10.0),
        0.125 * (-(v + 65.0) / 80.0).exp(),
    ]
}

/// Steady state alpha / (alpha + beta) of the three gates at `v`.
fn steady_state(v: f64) -> [f64; 3] {
    let r = rates(v);
    [
        r[0] / (r[0] + r[1]),
        r[2] / (r[2] + r[3]),
        r[4] / (r[4] + r[5]),
    ]
}

fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    let p = ctx.params;
    let n = ctx.n;
    let g = |name: &str| p.get(name).clone();
    // One sub-step count per neuron, from that neuron's own parameters: a neuron's result
    // must not depend on which neurons share its kernel (blocks, threads, ranks).
    let n_sub: Vec<u32> = (0..n)
        .map(|i| {
            let g_tot = p.get("g_na").at(i) + p.get("g_k").at(i) + p.get("g_l").at(i);
            H_MAX.min(4.0 * p.get("c_m").at(i) / g_tot)
        })
        .map(|h_max| sub_steps(ctx.dt_ms, h_max) as u32)
        .collect();
    let v = p.get("v_init").to_vec(n);
    let ss: Vec<[f64; 3]> = v.iter().map(|&v| steady_state(v)).collect();
    Box::new(HodgkinHuxley {
        c_m: g("c_m"),
        g_na: g("g_na"),
        g_k: g("g_k"),
        g_l: g("g_l"),
        e_na: g("e_na"),
        e_k: g("e_k"),
        e_l: g("e_l"),
        i_e: g("i_e"),
        v_th: g("v_th"),
        n_sub,
        dt: ctx.dt_ms,
        m: ss.iter().map(|s| s[0]).collect(),
        hh: ss.iter().map(|s| s[1]).collect(),
        nn: ss.iter().map(|s| s[2]).collect(),
        v,
    })
}

/// Struct-of-arrays state of a Hodgkin–Huxley population.
struct HodgkinHuxley {
    c_m: ParamArray,
    g_na: ParamArray,
    g_k: ParamArray,
    g_l: ParamArray,
    e_na: ParamArray,
    e_k: ParamArray,
    e_l: ParamArray,
    i_e: ParamArray,
    v_th: ParamArray,
    /// Sub-steps per step, per neuron.
    n_sub: Vec<u32>,
    /// Step, ms.
    dt: f64,
    v: Vec<f64>,
    m: Vec<f64>,
    hh: Vec<f64>,
    nn: Vec<f64>,
}

/// Per-neuron constants of one step.
struct Cell {
    c_m: f64,
    g_na: f64,
    g_k: f64,
    g_l: f64,
    e_na: f64,
    e_k: f64,
    e_l: f64,
    i: f64,
}

impl Cell {
    /// Advances (v, m, h, n) by `tau` with the coefficients frozen at `at`.
    #[inline(always)]
    fn advance(&self, y: [f64; 4], at: [f64; 4], tau: f64) -> [f64; 4] {
        let [v, m, h, n] = at;
        let r = rates(v);
        let gna = self.g_na * m * m * m * h;
        let gk = self.g_k * n * n * n * n;
        let b_v = (gna + gk + self.g_l) / self.c_m;
        let a_v = (gna * self.e_na + gk * self.e_k + self.g_l * self.e_l + self.i) / self.c_m;
        [
            relax(y[0], a_v, b_v, tau),
            relax(y[1], r[0], r[0] + r[1], tau),
            relax(y[2], r[2], r[2] + r[3], tau),
            relax(y[3], r[4], r[4] + r[5], tau),
        ]
    }

    /// One exponential-midpoint sub-step.
    #[inline(always)]
    fn sub_step(&self, y: [f64; 4], h: f64) -> [f64; 4] {
        let mid = self.advance(y, y, 0.5 * h);
        self.advance(y, mid, h)
    }
}

impl NeuronKernel for HodgkinHuxley {
    fn len(&self) -> usize {
        self.v.len()
    }

    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        for i in 0..self.v.len() {
            let cell = Cell {
                c_m: self.c_m.at(i),
                g_na: self.g_na.at(i),
                g_k: self.g_k.at(i),
                g_l: self.g_l.at(i),
                e_na: self.e_na.at(i),
                e_k: self.e_k.at(i),
                e_l: self.e_l.at(i),
                i: input.current[i] + self.i_e.at(i),
            };
            let (y, fired) = advance(
                [self.v[i], self.m[i], self.hh[i], self.nn[i]],
                self.n_sub[i],
                self.dt,
                self.v_th.at(i),
                input.jump[i],
                |y, h| cell.sub_step(y, h),
            );
            self.v[i] = y[0];
            self.m[i] = y[1];
            self.hh[i] = y[2];
            self.nn[i] = y[3];
            if fired {
                spikes.push(i as u32);
            }
        }
    }

    fn var(&self, index: usize) -> &[f64] {
        match index {
            0 => &self.v,
            1 => &self.m,
            2 => &self.hh,
            _ => &self.nn,
        }
    }

    fn var_mut(&mut self, index: usize) -> &mut [f64] {
        match index {
            0 => &mut self.v,
            1 => &mut self.m,
            2 => &mut self.hh,
            _ => &mut self.nn,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::simple::test_util::{kernel, rate_hz, run};

    /// Spike times (ms) of one neuron per current, step of `current` from t = 0.
    fn step_response(currents: &[f64], dt: f64, t_ms: f64) -> Vec<Vec<f64>> {
        let mut k = kernel(&MODEL, &[], currents.len(), dt);
        run(k.as_mut(), dt, t_ms, |_, i| currents[i])
    }

    /// The lowest step current (from rest) that evokes at least one spike, measured by
    /// bisection to 0.005 uA/cm^2 (2.24 uA/cm^2 here), lies in the commonly quoted range
    /// 2.2-2.5 uA/cm^2 for the standard model (it is the "minimal step current for one spike"
    /// of the HH exercise of Gerstner et al. (2014) Neuronal Dynamics, ch. 2; the exercise
    /// asks for it without stating it). This is a single spike: sustained firing starts only
    /// at I_nu ~ 6.3 uA/cm^2, see `f_i_curve_is_type_ii`.
    #[test]
    fn single_spike_rheobase_lies_in_the_published_range() {
        let spikes_at = |i: f64| step_response(&[i], 0.1, 60.0)[0].len();
        let (mut lo, mut hi) = (1.0, 4.0);
        assert_eq!(spikes_at(lo), 0);
        assert!(spikes_at(hi) >= 1);
        while hi - lo > 0.005 {
            let mid = 0.5 * (lo + hi);
            if spikes_at(mid) > 0 {
                hi = mid
            } else {
                lo = mid
            }
        }
        let rheobase = 0.5 * (lo + hi);
        eprintln!("HH single-spike rheobase (60 ms step): {rheobase:.3} uA/cm^2");
        assert!((2.2..=2.5).contains(&rheobase), "rheobase {rheobase}");
    }

    /// Sustained (repetitive) firing needs more current: the standard HH model has a stable
    /// periodic orbit only above I_nu ~ 6.2-6.3 uA/cm^2 (Rinzel 1978 Fed. Proc. 37:2793;
    /// Rinzel & Miller 1980 Math. Biosci. 49:27), where the rate jumps from 0 to ~50 Hz
    /// (type II, Hodgkin's class 2). Between the single-spike rheobase and I_nu the step
    /// evokes one (or a few) spikes, then the cell rests.
    #[test]
    fn f_i_curve_is_type_ii() {
        let currents = [3.0, 5.0, 6.0, 6.5, 7.0, 8.0, 10.0, 15.0, 20.0, 40.0];
        let spikes = step_response(&currents, 0.1, 400.0);
        // Sustained rate: spikes in the last 200 ms of a 400 ms step.
        let rates: Vec<f64> = spikes.iter().map(|s| rate_hz(s, 200.0, 400.0)).collect();
        eprintln!(
            "HH f-I: {:?}",
            currents.iter().zip(&rates).collect::<Vec<_>>()
        );
        for (i, &c) in currents.iter().enumerate() {
            if c <= 6.0 {
                assert_eq!(rates[i], 0.0, "I = {c}: no sustained firing below I_nu");
                assert!(spikes[i].len() <= 3, "I = {c}: only a transient response");
            } else {
                assert!(rates[i] >= 45.0, "I = {c}: rate {} Hz", rates[i]);
            }
        }
        let above: Vec<f64> = rates[3..].to_vec();
        assert!(above[0] < 65.0, "onset rate {}", above[0]);
        for w in above.windows(2) {
            assert!(w[1] > w[0], "f-I not increasing: {above:?}");
        }
    }

    /// Sub-stepping: dt = 1 ms gives the same spike train as dt = 0.01 ms (10 uA/cm^2, 100 ms).
    #[test]
    fn dt_one_ms_matches_fine_dt() {
        let coarse = step_response(&[10.0], 1.0, 100.0);
        let fine = step_response(&[10.0], 0.01, 100.0);
        eprintln!(
            "HH 10 uA/cm^2, 100 ms: {} spikes at dt 1 ms, {} at 0.01 ms",
            coarse[0].len(),
            fine[0].len()
        );
        assert!(coarse[0].len() >= 5);
        assert_eq!(coarse[0].len(), fine[0].len());
        for (a, b) in coarse[0].iter().zip(&fine[0]) {
            assert!((a - b).abs() <= 1.0, "{a} vs {b}");
        }
    }

    /// The first spike time converges as dt shrinks (reported at step resolution): within
    /// one step of a dt = 0.001 ms reference.
    #[test]
    fn first_spike_time_converges() {
        let reference = step_response(&[10.0], 0.001, 20.0)[0][0];
        for &dt in &[0.1, 0.05, 0.025] {
            let t = step_response(&[10.0], dt, 20.0)[0][0];
            assert!(
                t >= reference - 1e-9 && t - reference <= dt + 1e-9,
                "dt {dt}: {t} vs {reference}"
            );
        }
    }

    /// Starting at rest with the gates at steady state and no input, nothing moves.
    #[test]
    fn rest_is_a_fixed_point() {
        let mut k = kernel(&MODEL, &[], 1, 0.1);
        let s = run(k.as_mut(), 0.1, 100.0, |_, _| 0.0);
        assert!(s[0].is_empty());
        assert!((k.var(0)[0] + 65.0).abs() < 0.05, "v = {}", k.var(0)[0]);
    }

    /// A large inhibitory jump (-100 mV) neither blows up nor fires a spurious spike at
    /// dt = 1 ms; the cell returns to rest (anode-break may fire one rebound spike).
    #[test]
    fn survives_large_jumps_at_coarse_dt() {
        let mut k = kernel(&MODEL, &[], 1, 1.0);
        let mut spikes = Vec::new();
        k.step(
            &StepInput {
                jump: &[-100.0],
                current: &[0.0],
            },
            &mut spikes,
        );
        for _ in 0..200 {
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[0.0],
                },
                &mut spikes,
            );
            for j in 0..4 {
                assert!(k.var(j)[0].is_finite());
            }
            for j in 1..4 {
                assert!((0.0..=1.0).contains(&k.var(j)[0]));
            }
        }
        assert!(spikes.len() <= 1);
        assert!((k.var(0)[0] + 65.0).abs() < 1.0);
    }
}
