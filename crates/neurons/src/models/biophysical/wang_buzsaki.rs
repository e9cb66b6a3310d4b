//! Wang–Buzsáki (1996) hippocampal fast-spiking (basket-cell) interneuron.
//!
//! C_m dV/dt = I + I_e - g_Na m_inf(V)^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L)
//! dh/dt = phi (alpha_h (1 - h) - beta_h h), dn/dt = phi (alpha_n (1 - n) - beta_n n),
//! m_inf = alpha_m / (alpha_m + beta_m) (instantaneous activation), with (V in mV, 1/ms)
//!   alpha_m = 0.1 (V + 35) / (1 - exp(-(V + 35)/10)),  beta_m = 4 exp(-(V + 60)/18)
//!   alpha_h = 0.07 exp(-(V + 58)/20),                   beta_h = 1 / (1 + exp(-(V + 28)/10))
//!   alpha_n = 0.01 (V + 34) / (1 - exp(-(V + 34)/10)), beta_n = 0.125 exp(-(V + 44)/80)
//! The removable singularities of alpha_m and alpha_n are evaluated by their limits.
//! Type I excitability: arbitrarily low rates at rheobase (~0.16 uA/cm^2).
//!
//! Numerics: sub-steps not longer than min(0.025 ms, 4 C_m / (g_Na + g_K + g_L),
//! 0.125 ms / phi), exponential midpoint rule (see the family module). Spikes: upward
//! crossing of `v_th` (0 mV), once per crossing; no reset, no imposed refractory period.
//! Delta-synapse jumps are added to V at the end of the step.

use super::{advance, exprel_inv, relax, sub_steps};
use crate::{BuildContext, ModelInfo, NeuronKernel, ParamArray, StateSpec, StepInput};
use sc_neurocore_core::{ParamSpec, ValueRange};

/// Registry entry.
pub static MODEL: ModelInfo = ModelInfo {
    name: "wang_buzsaki",
    class_name: "WangBuzsakiNeuron",
    family: super::FAMILY,
    summary: "C_m dV/dt = I + I_e - g_Na m_inf(V)^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L); \
              dh/dt = phi (alpha_h (1 - h) - beta_h h), dn/dt = phi (alpha_n (1 - n) - beta_n n); \
              instantaneous sodium activation. Spike = upward crossing of v_th (0 mV). \
              Exponential-midpoint sub-steps <= 0.025 ms.",
    citation: "Wang & Buzsaki (1996) J. Neurosci. 16:6402-6413",
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
            default: 35.0,
            range: ValueRange::NonNegative,
            doc: "maximal sodium conductance",
        },
        ParamSpec {
            name: "g_k",
            unit: "mS/cm^2",
            default: 9.0,
            range: ValueRange::NonNegative,
            doc: "maximal (delayed-rectifier) potassium conductance",
        },
        ParamSpec {
            name: "g_l",
            unit: "mS/cm^2",
            default: 0.1,
            range: ValueRange::NonNegative,
            doc: "leak conductance",
        },
        ParamSpec {
            name: "e_na",
            unit: "mV",
            default: 55.0,
            range: ValueRange::Finite,
            doc: "sodium reversal potential",
        },
        ParamSpec {
            name: "e_k",
            unit: "mV",
            default: -90.0,
            range: ValueRange::Finite,
            doc: "potassium reversal potential",
        },
        ParamSpec {
            name: "e_l",
            unit: "mV",
            default: -65.0,
            range: ValueRange::Finite,
            doc: "leak reversal potential",
        },
        ParamSpec {
            name: "phi",
            unit: "1",
            default: 5.0,
            range: ValueRange::Positive,
            doc: "temperature factor multiplying the h and n kinetics",
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
            doc: "initial membrane potential; h and n start at their steady state for it",
        },
    ],
    state: &[
        StateSpec {
            name: "v",
            unit: "mV",
            doc: "membrane potential",
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

/// Largest sub-step at the published parameters, ms.
const H_MAX: f64 = 0.025;

/// (m_inf, alpha_h, beta_h, alpha_n, beta_n) at `v` (mV), rates in 1/ms.
#[inline(always)]
fn rates(v: f64) -> [f64; 5] {
    let am = exprel_inv(-(v + 35.0) / 10.0);
    let bm = 4.0 * (-(v + 60.0) / 18.0).exp();
    [
        am / (am + bm),
        0.07 * (-(v + 58.0) / 20.0).exp(),
        1.0 / (1.0 + (-(v + 28.0) / 10.0).exp()),
        0.1 * exprel_inv(-(v + 34.0) / 10.0),
        0.125 * (-(v + 44.0) / 80.0).exp(),
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
            H_MAX
                .min(4.0 * p.get("c_m").at(i) / g_tot)
                .min(0.125 / p.get("phi").at(i))
        })
        .map(|h_max| sub_steps(ctx.dt_ms, h_max) as u32)
        .collect();
    let v = p.get("v_init").to_vec(n);
    let r: Vec<[f64; 5]> = v.iter().map(|&v| rates(v)).collect();
    Box::new(WangBuzsaki {
        c_m: g("c_m"),
        g_na: g("g_na"),
        g_k: g("g_k"),
        g_l: g("g_l"),
        e_na: g("e_na"),
        e_k: g("e_k"),
        e_l: g("e_l"),
        phi: g("phi"),
        i_e: g("i_e"),
        v_th: g("v_th"),
        n_sub,
        dt: ctx.dt_ms,
        hh: r.iter().map(|r| r[1] / (r[1] + r[2])).collect(),
        nn: r.iter().map(|r| r[3] / (r[3] + r[4])).collect(),
        v,
    })
}

/// Struct-of-arrays state of a Wang–Buzsáki population.
struct WangBuzsaki {
    c_m: ParamArray,
    g_na: ParamArray,
    g_k: ParamArray,
    g_l: ParamArray,
    e_na: ParamArray,
    e_k: ParamArray,
    e_l: ParamArray,
    phi: ParamArray,
    i_e: ParamArray,
    v_th: ParamArray,
    /// Sub-steps per step, per neuron.
    n_sub: Vec<u32>,
    /// Step, ms.
    dt: f64,
    v: Vec<f64>,
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
    phi: f64,
    i: f64,
}

impl Cell {
    /// Advances (v, h, n) by `tau` with the coefficients frozen at `at`.
    #[inline(always)]
    fn advance(&self, y: [f64; 3], at: [f64; 3], tau: f64) -> [f64; 3] {
        let [v, h, n] = at;
        let r = rates(v);
        let m = r[0];
        let gna = self.g_na * m * m * m * h;
        let gk = self.g_k * n * n * n * n;
        let b_v = (gna + gk + self.g_l) / self.c_m;
        let a_v = (gna * self.e_na + gk * self.e_k + self.g_l * self.e_l + self.i) / self.c_m;
        [
            relax(y[0], a_v, b_v, tau),
            relax(y[1], self.phi * r[1], self.phi * (r[1] + r[2]), tau),
            relax(y[2], self.phi * r[3], self.phi * (r[3] + r[4]), tau),
        ]
    }

    /// One exponential-midpoint sub-step.
    #[inline(always)]
    fn sub_step(&self, y: [f64; 3], h: f64) -> [f64; 3] {
        let mid = self.advance(y, y, 0.5 * h);
        self.advance(y, mid, h)
    }
}

impl NeuronKernel for WangBuzsaki {
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
                phi: self.phi.at(i),
                i: input.current[i] + self.i_e.at(i),
            };
            let (y, fired) = advance(
                [self.v[i], self.hh[i], self.nn[i]],
                self.n_sub[i],
                self.dt,
                self.v_th.at(i),
                input.jump[i],
                |y, h| cell.sub_step(y, h),
            );
            self.v[i] = y[0];
            self.hh[i] = y[1];
            self.nn[i] = y[2];
            if fired {
                spikes.push(i as u32);
            }
        }
    }

    fn var(&self, index: usize) -> &[f64] {
        match index {
            0 => &self.v,
            1 => &self.hh,
            _ => &self.nn,
        }
    }

    fn var_mut(&mut self, index: usize) -> &mut [f64] {
        match index {
            0 => &mut self.v,
            1 => &mut self.hh,
            _ => &mut self.nn,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::simple::test_util::{kernel, rate_hz, run};

    fn step_response(currents: &[f64], dt: f64, t_ms: f64) -> Vec<Vec<f64>> {
        let mut k = kernel(&MODEL, &[], currents.len(), dt);
        run(k.as_mut(), dt, t_ms, |_, i| currents[i])
    }

    /// Type I: the cell fires repetitively only above a rheobase of ~0.16 uA/cm^2 and, just
    /// above it, at arbitrarily low rates (< 10 Hz here), rising continuously with I.
    #[test]
    fn type_i_rheobase_and_low_onset_rate() {
        let currents = [0.10, 0.15, 0.17, 0.20, 0.50, 1.0, 2.0];
        let spikes = step_response(&currents, 0.1, 1000.0);
        let rates: Vec<f64> = spikes.iter().map(|s| rate_hz(s, 0.0, 1000.0)).collect();
        eprintln!(
            "WB f-I: {:?}",
            currents.iter().zip(&rates).collect::<Vec<_>>()
        );
        assert!(
            spikes[0].is_empty() && spikes[1].is_empty(),
            "no firing below rheobase"
        );
        assert!(
            rates[2] > 0.0 && rates[2] < 10.0,
            "near rheobase {} Hz",
            rates[2]
        );
        for w in rates[2..].windows(2) {
            assert!(w[1] > w[0], "f-I not increasing: {rates:?}");
        }
        assert!(rates[6] > 60.0, "2 uA/cm^2: {} Hz", rates[6]);
    }

    /// Bisection of the repetitive-firing threshold (2 s steps, >= 2 spikes).
    #[test]
    fn rheobase_is_near_0_16() {
        let fires = |i: f64| step_response(&[i], 0.1, 2000.0)[0].len() >= 2;
        let (mut lo, mut hi) = (0.1, 0.2);
        assert!(!fires(lo) && fires(hi));
        while hi - lo > 0.002 {
            let mid = 0.5 * (lo + hi);
            if fires(mid) { hi = mid } else { lo = mid }
        }
        eprintln!("WB rheobase: {:.4} uA/cm^2", 0.5 * (lo + hi));
        assert!((0.15..=0.18).contains(&lo), "rheobase {lo}");
    }

    /// The first spike time converges as dt shrinks: within one step of a fine reference.
    #[test]
    fn first_spike_time_converges() {
        let reference = step_response(&[1.0], 0.002, 30.0)[0][0];
        for &dt in &[0.1, 0.05, 0.025] {
            let t = step_response(&[1.0], dt, 30.0)[0][0];
            assert!(
                t >= reference - 1e-9 && t - reference <= dt + 1e-9,
                "dt {dt}: {t} vs {reference}"
            );
        }
        let coarse = step_response(&[1.0], 1.0, 200.0)[0].len();
        let fine = step_response(&[1.0], 0.01, 200.0)[0].len();
        assert_eq!(coarse, fine);
    }
}
