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
use crate::define::*;

crate::model! {
    name: "wang_buzsaki",
    class: "WangBuzsakiNeuron",
    summary: "C_m dV/dt = I + I_e - g_Na m_inf(V)^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L); \
              dh/dt = phi (alpha_h (1 - h) - beta_h h), dn/dt = phi (alpha_n (1 - n) - beta_n n); \
              instantaneous sodium activation. Spike = upward crossing of v_th (0 mV). \
              Exponential-midpoint sub-steps <= 0.025 ms.",
    citation: "Wang & Buzsaki (1996) J. Neurosci. 16:6402-6413",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 35.0, NonNegative, "maximal sodium conductance"),
        g_k: param("mS/cm^2", 9.0, NonNegative,
            "maximal (delayed-rectifier) potassium conductance"),
        g_l: param("mS/cm^2", 0.1, NonNegative, "leak conductance"),
        e_na: param("mV", 55.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -90.0, Finite, "potassium reversal potential"),
        e_l: param("mV", -65.0, Finite, "leak reversal potential"),
        phi: param("1", 5.0, Positive, "temperature factor multiplying the h and n kinetics"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", 0.0, Finite,
            "spike detection level: an upward crossing is one spike (no reset)"),
        v_init: param("mV", -65.0, Finite,
            "initial membrane potential; h and n start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        h: ("1", "sodium inactivation"),
        n: ("1", "potassium activation"),
    },
    membrane: v,
    build: point,
}

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

/// One neuron's constants: its parameters and sub-steps per network step.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    n_sub: u32,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let g_tot = p.g_na + p.g_k + p.g_l;
        let h_max = H_MAX.min(4.0 * p.c_m / g_tot).min(0.125 / p.phi);
        Consts {
            p: *p,
            n_sub: sub_steps(dt, h_max) as u32,
        }
    }

    fn init(c: &Consts) -> Vars {
        let r = rates(c.p.v_init);
        Vars {
            v: c.p.v_init,
            h: r[1] / (r[1] + r[2]),
            n: r[3] / (r[3] + r[4]),
        }
    }

    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let cell = Cell {
            c_m: p.c_m,
            g_na: p.g_na,
            g_k: p.g_k,
            g_l: p.g_l,
            e_na: p.e_na,
            e_k: p.e_k,
            e_l: p.e_l,
            phi: p.phi,
            i: input.current + p.i_e,
        };
        let (y, fired) = advance(
            [s.v, s.h, s.n],
            c.n_sub,
            input.dt,
            p.v_th,
            input.jump,
            |y, h| cell.sub_step(y, h),
        );
        [s.v, s.h, s.n] = y;
        fired
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
