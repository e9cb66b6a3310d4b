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
use crate::define::*;

crate::model! {
    name: "hodgkin_huxley",
    class: "HodgkinHuxleyNeuron",
    summary: "C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L); \
              dx/dt = alpha_x(V)(1 - x) - beta_x(V) x for x = m, h, n with the 1952 rate \
              functions (modern convention: rest -65 mV, 6.3 C). Spike = upward crossing of \
              v_th (0 mV). Exponential-midpoint sub-steps <= 0.025 ms.",
    citation: "Hodgkin & Huxley (1952) J. Physiol. 117:500-544; modern-convention parameters as \
               in Dayan & Abbott (2001) Theoretical Neuroscience, ch. 5, and NEST hh_psc_alpha",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 120.0, NonNegative, "maximal sodium conductance"),
        g_k: param("mS/cm^2", 36.0, NonNegative,
            "maximal (delayed-rectifier) potassium conductance"),
        g_l: param("mS/cm^2", 0.3, NonNegative, "leak conductance"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -77.0, Finite, "potassium reversal potential"),
        e_l: param("mV", -54.387, Finite, "leak reversal potential (sets the rest at -65 mV)"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", 0.0, Finite,
            "spike detection level: an upward crossing is one spike (no reset)"),
        v_init: param("mV", -65.0, Finite,
            "initial membrane potential; m, h, n start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "potassium activation"),
    },
    membrane: v,
    build: point,
}

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

/// One neuron's constants: its parameters and sub-steps per network step.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    n_sub: u32,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let h_max = H_MAX.min(4.0 * p.c_m / (p.g_na + p.g_k + p.g_l));
        Consts {
            p: *p,
            n_sub: sub_steps(dt, h_max) as u32,
        }
    }

    fn init(c: &Consts) -> Vars {
        let [m, h, n] = steady_state(c.p.v_init);
        Vars {
            v: c.p.v_init,
            m,
            h,
            n,
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
            i: input.current + p.i_e,
        };
        let (y, fired) = advance(
            [s.v, s.m, s.h, s.n],
            c.n_sub,
            input.dt,
            p.v_th,
            input.jump,
            |y, h| cell.sub_step(y, h),
        );
        [s.v, s.m, s.h, s.n] = y;
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StepInput;
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
