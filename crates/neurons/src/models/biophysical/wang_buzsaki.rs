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
//! Numerics: the Dormand–Prince 5(4) pair with error control (`Tolerance::DEFAULT`), its step
//! carried between network steps (see the family module); spike times converge with dt and
//! the tolerance (the former fixed 0.025 ms exponential-midpoint sub-steps drifted by ~1 ms
//! per second of regular firing). Spikes: upward crossing of `v_th` (0 mV) between accepted
//! steps, once per crossing; no reset, no imposed refractory period.
//! Delta-synapse jumps are added to V at the end of the step.

use super::{detect, exprel_inv};
use crate::define::*;

crate::model! {
    name: "wang_buzsaki",
    class: "WangBuzsakiNeuron",
    summary: "C_m dV/dt = I + I_e - g_Na m_inf(V)^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L); \
              dh/dt = phi (alpha_h (1 - h) - beta_h h), dn/dt = phi (alpha_n (1 - n) - beta_n n); \
              instantaneous sodium activation. Spike = upward crossing of v_th (0 mV). \
              Dormand-Prince RK45 with error control (tolerance 1e-6).",
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
    // Tonic firing at 59 Hz, six times the rheobase of ~0.16 uA/cm^2 (test below); the
    // current of the spike-timing test against a fine fixed-step RK4 reference.
    drive: 1.0,
    build: point,
}

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

/// dy/dt at `y` with a total current density `i` (uA/cm^2).
#[inline(always)]
fn derivative(p: &Parameters, i: f64, y: Vars) -> Vars {
    let r = rates(y.v);
    let m = r[0];
    let g_na = p.g_na * m * m * m * y.h;
    let g_k = p.g_k * y.n * y.n * y.n * y.n;
    let i_ion = g_na * (y.v - p.e_na) + g_k * (y.v - p.e_k) + p.g_l * (y.v - p.e_l);
    Vars {
        v: (i - i_ion) / p.c_m,
        h: p.phi * (r[1] * (1.0 - y.h) - r[2] * y.h),
        n: p.phi * (r[3] * (1.0 - y.n) - r[4] * y.n),
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let r = rates(p.v_init);
        Vars {
            v: p.v_init,
            h: r[1] / (r[1] + r[2]),
            n: r[3] / (r[3] + r[4]),
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        advance(p, s, input, aux.h, Tolerance::DEFAULT)
    }
}

/// One network step at tolerance `tol` (`h`: the integrator's carried step); whether V
/// crossed `v_th` upwards in it.
fn advance(p: &Parameters, s: &mut Vars, input: Input, h: &mut f64, tol: Tolerance) -> bool {
    let i = input.current + p.i_e;
    let (mut y, mut fired) = detect(
        *s,
        input.dt,
        h,
        tol,
        p.v_th,
        |y| y.v,
        |y| derivative(p, i, y),
    );
    let before = y.v;
    y.v += input.jump;
    fired |= before < p.v_th && y.v >= p.v_th;
    *s = y;
    fired
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

    /// Spike times over 1 s of regular firing at 1.0 uA/cm^2, located inside the step, against
    /// an independent reference (fixed-step RK4 at 1e-3 ms on the same equations): within
    /// 0.01 ms at dt = 0.1 ms; they converge as the tolerance shrinks (1e-3 ... 1e-8) and
    /// do not depend on dt (0.2, 0.1, 0.05 ms). The former fixed 0.025 ms exponential-midpoint
    /// sub-steps were ~1 ms off after 1 s whatever dt.
    #[test]
    fn spike_times_match_a_fine_reference() {
        use crate::integrate::accuracy::{located_spike_times, max_gap, reference_spike_times};
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let y0 = <Model as Dynamics>::init(&p);
        let current = 1.0;
        let reference = reference_spike_times(
            y0,
            1000.0,
            |_| 1e-3,
            |y| derivative(&p, current, y),
            |y| y.v,
            p.v_th,
            |_| None,
        );
        let located = |dt: f64, tol: Tolerance| {
            located_spike_times(y0, dt, 1000.0, |s, dt, h| {
                let input = Input {
                    jump: 0.0,
                    current,
                    dt,
                };
                advance(&p, s, input, h, tol)
            })
        };
        let tol = |t: f64| Tolerance {
            atol: t,
            rtol: t,
            h_min: 1e-6,
        };
        let by_tol: Vec<f64> = [1e-3, 1e-4, 1e-5, 1e-6, 1e-8]
            .iter()
            .map(|&t| max_gap(&located(0.1, tol(t)), &reference))
            .collect();
        let by_dt: Vec<f64> = [0.2, 0.1, 0.05]
            .iter()
            .map(|&dt| max_gap(&located(dt, Tolerance::DEFAULT), &reference))
            .collect();
        eprintln!(
            "{}: {} spikes in 1 s; max error (ms) at tolerance 1e-3..1e-8: {by_tol:?}; \
             at dt 0.2, 0.1, 0.05 ms: {by_dt:?}",
            MODEL.name,
            reference.len()
        );
        assert!(by_dt.iter().all(|&e| e < 0.01), "{by_dt:?}");
        assert!(
            by_tol[3] < 0.01 && by_tol[4] < 0.1 * by_tol[0],
            "{by_tol:?}"
        );
    }
}
