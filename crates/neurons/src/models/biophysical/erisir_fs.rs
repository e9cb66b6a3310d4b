//! Fast-spiking neocortical interneuron of Erisir, Lau, Rudy & Leonard (1999), in the
//! single-compartment form of Börgers (2017), sec. 5.3 (instantaneous Na activation).
//!
//! C dV/dt = I + I_e - g_Na m_inf(V)^3 h (V - E_Na) - g_K n^2 (V - E_K) - g_L (V - E_L)
//! dh/dt = alpha_h (1 - h) - beta_h h,  dn/dt = alpha_n (1 - n) - beta_n n
//! m_inf = alpha_m / (alpha_m + beta_m), with (V in mV, rates in 1/ms)
//!   alpha_m = 40 (75.5 - V) / (exp((75.5 - V)/13.5) - 1),  beta_m = 1.2262 exp(-V/42.248)
//!   alpha_h = 0.0035 exp(-V/24.186),  beta_h = -0.017 (V + 51.25) / (exp(-(V + 51.25)/5.2) - 1)
//!   alpha_n = (95 - V) / (exp((95 - V)/11.8) - 1),  beta_n = 0.025 exp(-V/22.222)
//! The K current (n^2) is the Kv3.1-Kv3.2 current that gives these cells their brief spikes
//! and high rates. Defaults (Erisir et al. 1999; Börgers 2017): C = 1 uF/cm^2, g_Na = 112,
//! g_K = 224, g_L = 0.5 mS/cm^2, E_Na = 60, E_K = -90, E_L = -70 mV. The removable
//! singularities of alpha_m, beta_h and alpha_n are evaluated by their limits; exponents
//! are clamped to 700.
//!
//! Rest -69.83 mV. The rest loses stability at I_c = 7.01 uA/cm^2 (Andronov–Hopf; the
//! Routh–Hurwitz condition on the linearisation) and below it coexists with a spiking limit
//! cycle, so that a step from rest already gives sustained firing at ~38 Hz from about
//! 6.5 uA/cm^2 (class 2 onset); 10 uA/cm^2 gives 113.6 Hz.
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Spikes: an upward crossing of `v_th` (-20 mV) inside the step or by a delta-synapse jump
//! is one spike; no reset. Jumps are added to V at the end of the step.

use crate::define::*;
use crate::integrate::exprel_inv;

crate::model! {
    name: "erisir_fs",
    class: "ErisirFsNeuron",
    summary: "Erisir fast-spiking interneuron: C dV/dt = I + I_e - g_Na m_inf^3 h (V - E_Na) - \
              g_K n^2 (V - E_K) - g_L (V - E_L); dh/dt, dn/dt first-order with the Erisir \
              1999 rates; instantaneous m. Class 2, Hopf at 7.01 uA/cm^2. Spike = upward \
              crossing of v_th (no reset). Dormand-Prince rk45.",
    citation: "Erisir, Lau, Rudy & Leonard (1999) J. Neurophysiol. 82:2476-2489; \
               single-compartment form of Börgers (2017) An Introduction to Modeling Neuronal \
               Dynamics, Springer, sec. 5.3",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 112.0, NonNegative, "Na conductance"),
        g_k: param("mS/cm^2", 224.0, NonNegative, "Kv3 potassium conductance"),
        g_l: param("mS/cm^2", 0.5, NonNegative, "leak conductance"),
        e_na: param("mV", 60.0, Finite, "Na reversal potential"),
        e_k: param("mV", -90.0, Finite, "K reversal potential"),
        e_l: param("mV", -70.0, Finite, "leak reversal potential"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -69.83, Finite, "initial V (default: rest); h, n start at their steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        h: ("1", "Na inactivation"),
        n: ("1", "K activation"),
    },
    membrane: v,
    drive: 10.0,
    build: point,
}

/// (m_inf, alpha_h, beta_h, alpha_n, beta_n) at `v`.
#[inline(always)]
fn rates(v: f64) -> [f64; 5] {
    let e = |x: f64| x.min(700.0).exp();
    let am = 40.0 * 13.5 * exprel_inv((75.5 - v) / 13.5);
    let bm = 1.2262 * e(-v / 42.248);
    [
        am / (am + bm),
        0.0035 * e(-v / 24.186),
        0.017 * 5.2 * exprel_inv(-(v + 51.25) / 5.2),
        11.8 * exprel_inv((95.0 - v) / 11.8),
        0.025 * e(-v / 22.222),
    ]
}

fn rhs(p: &Parameters, y: Vars, i: f64) -> Vars {
    let [m, ah, bh, an, bn] = rates(y.v);
    Vars {
        v: (i
            - p.g_na * m * m * m * y.h * (y.v - p.e_na)
            - p.g_k * y.n * y.n * (y.v - p.e_k)
            - p.g_l * (y.v - p.e_l))
            / p.c_m,
        h: ah * (1.0 - y.h) - bh * y.h,
        n: an * (1.0 - y.n) - bn * y.n,
    }
}

/// The state at rest at `v`: gates at their steady state.
fn at_rest(v: f64) -> Vars {
    let [_, ah, bh, an, bn] = rates(v);
    Vars {
        v,
        h: ah / (ah + bh),
        n: an / (an + bn),
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        at_rest(p.v_init)
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let mut fired = false;
        *s = integrate::rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            |y| rhs(p, y, i),
            |a, b| {
                fired |= a.v < p.v_th && b.v >= p.v_th;
                None
            },
        );
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ion_channel::persistent_na::testing::run;

    fn defaults() -> Parameters {
        Parameters::of(&crate::Params::defaults(&MODEL, 1), 0)
    }

    /// The current that holds the membrane at `v` at steady state.
    fn i_inf(p: &Parameters, v: f64) -> f64 {
        -rhs(p, at_rest(v), 0.0).v * p.c_m
    }

    /// The equilibrium potential at current `i` (I_inf is increasing here).
    fn v_star(p: &Parameters, i: f64) -> f64 {
        let (mut lo, mut hi) = (-90.0, -40.0);
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if i_inf(p, mid) < i {
                lo = mid
            } else {
                hi = mid
            }
        }
        0.5 * (lo + hi)
    }

    /// Whether the equilibrium at current `i` is stable (Routh–Hurwitz on the 3 x 3
    /// Jacobian, by central differences).
    fn stable(p: &Parameters, i: f64) -> bool {
        let y = at_rest(v_star(p, i));
        let comp = |v: Vars| [v.v, v.h, v.n];
        let mut j = [[0.0; 3]; 3];
        for k in 0..3 {
            let (mut a, mut b) = (comp(y), comp(y));
            a[k] += 1e-6;
            b[k] -= 1e-6;
            let to = |c: [f64; 3]| Vars {
                v: c[0],
                h: c[1],
                n: c[2],
            };
            let (fa, fb) = (comp(rhs(p, to(a), i)), comp(rhs(p, to(b), i)));
            for r in 0..3 {
                j[r][k] = (fa[r] - fb[r]) / 2e-6;
            }
        }
        let tr = j[0][0] + j[1][1] + j[2][2];
        let minors = j[0][0] * j[1][1] - j[0][1] * j[1][0] + j[0][0] * j[2][2] - j[0][2] * j[2][0]
            + j[1][1] * j[2][2]
            - j[1][2] * j[2][1];
        let det = j[0][0] * (j[1][1] * j[2][2] - j[1][2] * j[2][1])
            - j[0][1] * (j[1][0] * j[2][2] - j[1][2] * j[2][0])
            + j[0][2] * (j[1][0] * j[2][1] - j[1][1] * j[2][0]);
        let (a2, a1, a0) = (-tr, minors, -det);
        a2 > 0.0 && a0 > 0.0 && a2 * a1 > a0
    }

    /// The rest loses stability at the Hopf current I_c = 7.01 uA/cm^2 (Routh–Hurwitz); the
    /// simulated cell, started at its equilibrium nudged by 0.5 mV, stays silent 3 % below
    /// I_c and fires repetitively 3 % above it.
    #[test]
    fn hopf_current_and_onset() {
        let p = defaults();
        let (mut lo, mut hi) = (0.0, 20.0);
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if stable(&p, mid) { lo = mid } else { hi = mid }
        }
        eprintln!(
            "Erisir Hopf current {lo:.3} uA/cm^2 at V = {:.2} mV",
            v_star(&p, lo)
        );
        assert!((lo - 7.01).abs() < 0.02, "{lo}");
        for (scale, fires) in [(0.97, false), (1.03, true)] {
            let i = lo * scale;
            let v0 = v_star(&p, i) + 0.5;
            let (times, _) = run(&MODEL, &[("v_init", v0)], 0.05, 400.0, |_| i);
            assert_eq!(times.len() > 10, fires, "I = {i}: {} spikes", times.len());
        }
    }

    /// f-I points from rest (steps): 10 uA/cm^2 gives an inter-spike interval of 8.80 ms
    /// (113.6 Hz) and 6.5 uA/cm^2, below I_c, already sustained firing with an interval of
    /// 26.0 ms (38.5 Hz): the values of an independent RK4 integration (0.005 ms) of the
    /// same equations.
    #[test]
    fn f_i_points_from_rest() {
        for (i, isi) in [(10.0, 8.80), (6.5, 26.0)] {
            let (t, _) = run(&MODEL, &[], 0.01, 300.0, |_| i);
            let n = t.len();
            assert!(n >= 5, "I = {i}: {t:?}");
            let got = t[n - 1] - t[n - 2];
            assert!(
                (got - isi).abs() < 0.05 * isi,
                "I = {i}: ISI {got} vs {isi}"
            );
        }
        assert!(run(&MODEL, &[], 0.05, 300.0, |_| 0.0).0.is_empty());
    }
}
