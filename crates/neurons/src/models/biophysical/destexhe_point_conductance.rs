//! Destexhe, Rudolph, Fellous & Sejnowski (2001) point-conductance model: a single
//! compartment with Traub–Miles Na/K spikes, a slow non-inactivating K (M) current and
//! synaptic background activity as two fluctuating conductances, each an
//! Ornstein–Uhlenbeck process:
//!
//! C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_M p (V - E_K)
//!             - g_L (V - E_L) - g_e (V - E_e) - g_i (V - E_i)
//! dg_e/dt = -(g_e - g_e0)/tau_e + sqrt(D_e) xi_e(t),  D_e = 2 sigma_e^2 / tau_e
//! dg_i/dt = -(g_i - g_i0)/tau_i + sqrt(D_i) xi_i(t),  D_i = 2 sigma_i^2 / tau_i
//! (Destexhe et al. 2001): stationary mean g_0 and variance sigma^2.
//! Gates as `traub_miles` with u = V - V_T, and the M current
//!   alpha_p = 0.0001 (V + 30)/(1 - exp(-(V + 30)/9)), beta_p = -0.0001 (V + 30)/(1 - exp((V + 30)/9)).
//! Defaults: NEST's `hh_cond_exp_destexhe` (the paper's cell, area 34636 um^2 at
//! 1 uF/cm^2 = 346.36 pF; g_Na 50, g_K 10, g_M 0.5, g_L 0.045 mS/cm^2 in nS; E_L = -80,
//! E_Na = 60, E_K = -90, V_T = -58 mV) with the paper's background (Destexhe et al. 2001,
//! single-compartment model: g_e0 = 0.012 uS, g_i0 = 0.057 uS, sigma_e = 0.003 uS,
//! sigma_i = 0.0066 uS, tau_e = 2.7 ms, tau_i = 10.5 ms, E_e = 0, E_i = -75 mV), here in
//! nS. Point-neuron units (pA, pF, nS).
//!
//! Numerics (stochastic): the conductances take the exact OU update over the network step
//! (Gillespie 1996, as Destexhe et al. 2001 give it):
//! g <- g_0 + (g - g_0) exp(-dt/tau) + sigma sqrt(1 - exp(-2 dt/tau)) Z,
//! Z ~ N(0, 1) from the neuron's stream. The conductances are held
//! at their value at the start of the step while the membrane and gates are integrated
//! with Dormand–Prince rk45 (`Tolerance::DEFAULT`, carried step), as NEST does. The OU
//! process is Gaussian: g may become negative, as in the paper's model.
//!
//! Spikes: an upward crossing of V_T + 30 mV (NEST's level) is one spike; no reset.
//! Delta-synapse jumps are added to V at the end of the step. Rate functions read V
//! clamped to +-150 mV (family convention).

use super::traub_miles::{crossing_step, rates, vg};
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "destexhe_point_conductance",
    class: "DestexhePointConductanceNeuron",
    summary: "C_m dV/dt = I + I_e - I_Na - I_K - g_M p (V - E_K) - g_L (V - E_L) - g_e (V - E_e) \
              - g_i (V - E_i) (Traub-Miles Na/K in V - V_T, M current); g_e, g_i Ornstein-\
              Uhlenbeck: dg/dt = -(g - g_0)/tau + sqrt(2 sigma^2/tau) xi, exact update per \
              step. Spike = upward crossing of V_T + 30 mV. rk45 for V and gates.",
    citation: "Destexhe, Rudolph, Fellous & Sejnowski (2001) Neuroscience 107:13-24; \
               NEST hh_cond_exp_destexhe (cell defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(346.36),
        g_na: param("nS", 17318.0, NonNegative, "maximal sodium conductance"),
        g_k: param("nS", 3463.6, NonNegative, "maximal delayed-rectifier conductance"),
        g_m: param("nS", 173.18, NonNegative, "maximal M (slow non-inactivating K) conductance"),
        g_l: param("nS", 15.5862, NonNegative, "leak conductance"),
        e_na: param("mV", 60.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -90.0, Finite, "potassium reversal potential"),
        e_l: standard::e_l(-80.0),
        v_t: param("mV", -58.0, Finite, "voltage offset of the Na/K rate functions"),
        e_e: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_i: param("mV", -75.0, Finite, "inhibitory reversal potential"),
        g_e0: param("nS", 12.0, Finite, "mean excitatory conductance"),
        g_i0: param("nS", 57.0, Finite, "mean inhibitory conductance"),
        sigma_e: param("nS", 3.0, NonNegative, "standard deviation of the excitatory conductance"),
        sigma_i: param("nS", 6.6, NonNegative, "standard deviation of the inhibitory conductance"),
        tau_e: param("ms", 2.7, Positive, "excitatory correlation time"),
        tau_i: param("ms", 10.5, Positive, "inhibitory correlation time"),
        i_e: standard::i_e(0.0),
        v_init: param("mV", -80.0, Finite,
            "initial membrane potential; gates at their steady state, g at its mean"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "potassium activation"),
        p: ("1", "M-current activation"),
        g_e: ("nS", "excitatory background conductance"),
        g_i: ("nS", "inhibitory background conductance"),
    },
    membrane: v,
    drive: 3000.0,
    spontaneous: "the background conductances fluctuate: with the paper's values the membrane \
                  sits near -65 mV and fluctuations can reach threshold",
    stochastic: true,
    build: point,
}

/// (alpha_p, beta_p) of the M current (1/ms).
#[inline(always)]
fn rates_p(v: f64) -> (f64, f64) {
    let x = (vg(v) + 30.0) / 9.0;
    (0.0009 * exprel_inv(-x), 0.0009 * exprel_inv(x))
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let r = rates(y.v, p.v_t);
    let (ap, bp) = rates_p(y.v);
    let i_ion = p.g_na * y.m.powi(3) * y.h * (y.v - p.e_na)
        + (p.g_k * y.n.powi(4) + p.g_m * y.p) * (y.v - p.e_k)
        + p.g_l * (y.v - p.e_l)
        + y.g_e * (y.v - p.e_e)
        + y.g_i * (y.v - p.e_i);
    Vars {
        v: (i - i_ion) / p.c_m,
        m: r[0] * (1.0 - y.m) - r[1] * y.m,
        h: r[2] * (1.0 - y.h) - r[3] * y.h,
        n: r[4] * (1.0 - y.n) - r[5] * y.n,
        p: ap * (1.0 - y.p) - bp * y.p,
        g_e: 0.0,
        g_i: 0.0,
    }
}

/// Exact OU update of `g` over `dt` (mean `g0`, standard deviation `sigma`, time `tau`).
#[inline(always)]
pub(crate) fn ou(g: f64, g0: f64, sigma: f64, tau: f64, dt: f64, z: f64) -> f64 {
    let e = (-dt / tau).exp();
    g0 + (g - g0) * e + sigma * (-(-2.0 * dt / tau).exp_m1()).sqrt() * z
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let r = rates(p.v_init, p.v_t);
        let (ap, bp) = rates_p(p.v_init);
        Vars {
            v: p.v_init,
            m: r[0] / (r[0] + r[1]),
            h: r[2] / (r[2] + r[3]),
            n: r[4] / (r[4] + r[5]),
            p: ap / (ap + bp),
            g_e: p.g_e0,
            g_i: p.g_i0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let (y, fired) = crossing_step(
            *s,
            input.dt,
            aux.h,
            |y| derivs(p, i, y),
            |y| y.v,
            p.v_t + 30.0,
        );
        *s = y;
        let (ze, zi) = (aux.rng().normal(), aux.rng().normal());
        s.g_e = ou(s.g_e, p.g_e0, p.sigma_e, p.tau_e, input.dt, ze);
        s.g_i = ou(s.g_i, p.g_i0, p.sigma_i, p.tau_i, input.dt, zi);
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_t + 30.0 && s.v >= p.v_t + 30.0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::{kernel, run};
    use super::*;

    /// Destexhe et al. (2001): the exact update keeps the OU process at its
    /// stationary mean g_0 and variance sigma^2 = D tau / 2 whatever dt. Over 20 s at
    /// dt = 0.5 ms, the sample mean and variance of g_e (12 nS, 9 nS^2) and g_i (57 nS,
    /// 43.56 nS^2) are within 10 % of these (the means within 2 %).
    #[test]
    fn ou_conductances_have_the_published_mean_and_variance() {
        let dt = 0.5;
        let mut k = kernel(&MODEL, &[], dt);
        let (mut ge, mut gi) = (Vec::new(), Vec::new());
        for _ in 0..40_000 {
            run(k.as_mut(), 0, dt, dt, |_| 0.0);
            ge.push(k.var(5)[0]);
            gi.push(k.var(6)[0]);
        }
        let stats = |x: &[f64]| {
            let m = x.iter().sum::<f64>() / x.len() as f64;
            (
                m,
                x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / x.len() as f64,
            )
        };
        let (me, ve) = stats(&ge);
        let (mi, vi) = stats(&gi);
        eprintln!("g_e: mean {me} nS var {ve} nS^2; g_i: mean {mi} nS var {vi} nS^2");
        assert!((me - 12.0).abs() < 0.02 * 12.0 && (mi - 57.0).abs() < 0.02 * 57.0);
        assert!((ve - 9.0).abs() < 0.9, "{ve}");
        assert!((vi - 43.56).abs() < 4.356, "{vi}");
    }

    /// The declared drive (3 nA, well above the ~1.7 nA that lifts the mean membrane
    /// potential to the Na threshold) fires the cell within 50 ms, for every seed.
    #[test]
    fn drive_fires_within_50_ms() {
        for seed in 0..5u64 {
            use crate::{BuildContext, Params, StepInput};
            let params = Params::defaults(&MODEL, 1);
            let mut k = (MODEL.build)(&BuildContext {
                params: &params,
                n: 1,
                dt_ms: 0.1,
                seed,
                first_id: 0,
            });
            let mut s = Vec::new();
            for _ in 0..500 {
                k.step(
                    &StepInput {
                        jump: &[0.0],
                        current: &[MODEL.drive.unwrap()],
                    },
                    &mut s,
                );
            }
            assert!(!s.is_empty(), "seed {seed}: silent");
        }
    }

    /// The update is exact: from g = g_0 + 10 nS with sigma = 0 the excitatory conductance
    /// relaxes as g_0 + 10 exp(-t / tau_e) (to 1e-12).
    #[test]
    fn ou_relaxation_is_exact() {
        let g = (0..37).fold(22.0, |g, _| ou(g, 12.0, 0.0, 2.7, 0.1, 1.0));
        let want = 12.0 + 10.0 * (-3.7f64 / 2.7).exp();
        assert!((g - want).abs() < 1e-12, "{g} vs {want}");
    }
}
