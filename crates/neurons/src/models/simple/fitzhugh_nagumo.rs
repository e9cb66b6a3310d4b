//! FitzHugh–Nagumo model in the standard dimensionless form.
//!
//! dv/dt' = v - v^3/3 - w + I + I_e,  tau dw/dt' = v + a - b w   (a = 0.7, b = 0.8, tau = 12.5)
//! where t' is model time, dimensionless. `time_scale` maps it to the network's time:
//! t' = t / time_scale with t in ms (default 1 ms per model time unit), so the period of
//! ~39.5 model units at I = 0.5 is ~39.5 ms (~25 Hz) by default.
//!
//! v, w and I are dimensionless (input unit "1"). With these a, b, tau the resting state
//! loses stability (Hopf bifurcations) for 0.3313 < I < 1.4187 (trace of the Jacobian
//! 1 - v*^2 - b/tau = 0 at the equilibrium); in that range the model oscillates (relaxation
//! spikes), outside it it rests (below: excitable; above: depolarisation block).
//!
//! Spikes: upward crossing of `v_th` (default 1.0, on the fast upstroke of the relaxation
//! spike) between consecutive sub-steps or by a delta-synapse jump, counted once per crossing;
//! no reset. Delta-synapse jumps are added to v at the end of the step. Initial state: v_init
//! (default -1.1994, the rest at I = 0) and w on its nullcline, w = (v_init + a)/b (on the
//! v-nullcline if b = 0).
//!
//! Numerics: RK4 on equal sub-steps of at most 0.05 model time units.

use super::{rk4, sub_steps};
use crate::define::*;

/// Largest RK4 sub-step, model time units.
const H_MAX: f64 = 0.05;

crate::model! {
    name: "fitzhugh_nagumo",
    class: "FitzHughNagumoNeuron",
    summary: "dv/dt' = v - v^3/3 - w + I + I_e, tau dw/dt' = v + a - b w (dimensionless; \
              t' = t / time_scale, t in ms). Spike = upward crossing of v_th (1.0). \
              Oscillates for 0.3313 < I < 1.4187 at the defaults. RK4 sub-steps <= 0.05 t'.",
    citation: "FitzHugh (1961) Biophys. J. 1:445-466; Nagumo, Arimoto & Yoshizawa (1962) \
               Proc. IRE 50:2061-2070; form and parameters as in Izhikevich & FitzHugh (2006) \
               Scholarpedia 1(9):1349",
    input_unit: "1",
    params: {
        a: param("1", 0.7, Finite, "offset of the w-nullcline"),
        b: param("1", 0.8, NonNegative,
            "slope parameter of the w-nullcline (recovery self-coupling)"),
        tau: param("1", 12.5, Positive,
            "time constant of the recovery variable w, in model time units"),
        i_e: param("1", 0.0, Finite, "constant external stimulus"),
        time_scale: param("ms", 1.0, Positive, "milliseconds per model time unit"),
        v_th: param("1", 1.0, Finite, "spike detection level on v: an upward crossing is one spike"),
        v_init: param("1", -1.1994, Finite,
            "initial v (default: rest at I = 0); w starts at (v_init + a) / b"),
    },
    state: {
        v: ("1", "fast, voltage-like variable"),
        w: ("1", "slow recovery variable"),
    },
    membrane: v,
    // Izhikevich & FitzHugh (2006): I = 0.5 lies inside the oscillatory range
    // 0.3313 < I < 1.4187; relaxation spikes with a period of ~39.5 model units.
    drive: 0.5,
    build: point,
}

impl Dynamics for Model {
    /// The parameters and the number of RK4 sub-steps per network step (counted in model
    /// time: the step is dt / time_scale model units).
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt / p.time_scale, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        let v = p.v_init;
        let w = if p.b > 0.0 {
            (v + p.a) / p.b
        } else {
            // b = 0: the w-nullcline is vertical; start on the v-nullcline instead.
            v - v * v * v / 3.0 + p.i_e
        };
        Vars { v, w }
    }

    #[inline(always)]
    fn step((p, n_sub): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let (a, b) = (p.a, p.b);
        let inv_tau = 1.0 / p.tau;
        let cur = input.current + p.i_e;
        let h = input.dt / p.time_scale / *n_sub as f64;
        let v_th = p.v_th;
        let rhs = |v: f64, w: f64| (v - v * v * v / 3.0 - w + cur, (v + a - b * w) * inv_tau);
        let (mut v, mut w) = (s.v, s.w);
        let mut fired = false;
        for _ in 0..*n_sub {
            let (vn, wn) = rk4(rhs, v, w, h);
            fired |= v < v_th && vn >= v_th;
            (v, w) = (vn, wn);
        }
        let vj = v + input.jump;
        fired |= v < v_th && vj >= v_th;
        (s.v, s.w) = (vj, w);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::simple::test_util::{kernel, rate_hz, run};

    /// Oscillates (sustained spiking) inside the Hopf interval (0.3313, 1.4187) and rests
    /// outside it (after at most one onset spike).
    #[test]
    fn oscillates_only_in_the_known_range() {
        let currents = [-0.5, 0.0, 0.2, 0.3, 0.4, 0.5, 1.0, 1.35, 1.6, 2.0, 3.0];
        let mut k = kernel(&MODEL, &[], currents.len(), 0.1);
        let s = run(k.as_mut(), 0.1, 800.0, |_, i| currents[i]);
        for (i, &c) in currents.iter().enumerate() {
            let late = s[i].iter().filter(|&&t| t > 300.0).count();
            eprintln!(
                "FHN I = {c}: {} spikes, {late} after 300 ms, rate {:.1} Hz",
                s[i].len(),
                rate_hz(&s[i], 300.0, 800.0)
            );
            if (0.34..=1.41).contains(&c) {
                assert!(late >= 5, "I = {c} should oscillate");
            } else {
                assert_eq!(late, 0, "I = {c} should rest");
                assert!(s[i].len() <= 1);
            }
        }
    }

    /// The period at I = 0.5 is ~39.5 model units; `time_scale` stretches it in ms.
    #[test]
    fn time_scale_maps_model_time_to_ms() {
        let rate = |scale: f64| {
            let mut k = kernel(&MODEL, &[("time_scale", scale), ("i_e", 0.5)], 1, 0.1);
            let s = run(k.as_mut(), 0.1, 800.0 * scale, |_, _| 0.0).remove(0);
            rate_hz(&s, 200.0 * scale, 800.0 * scale)
        };
        let (r1, r2) = (rate(1.0), rate(2.0));
        eprintln!("FHN I = 0.5: {r1:.2} Hz at 1 ms/unit, {r2:.2} Hz at 2 ms/unit");
        assert!((1000.0 / r1 - 39.5).abs() < 1.0, "period {}", 1000.0 / r1);
        assert!((r1 / r2 - 2.0).abs() < 0.02);
    }

    /// The default initial state is a fixed point at I = 0.
    #[test]
    fn default_initial_state_is_rest() {
        let mut k = kernel(&MODEL, &[], 1, 0.1);
        let s = run(k.as_mut(), 0.1, 200.0, |_, _| 0.0);
        assert!(s[0].is_empty());
        assert!((k.var(0)[0] + 1.1994).abs() < 1e-3 && (k.var(1)[0] + 0.62425).abs() < 1e-3);
    }

    /// dt convergence of the first spike time (I = 0.5).
    #[test]
    fn first_spike_time_converges() {
        let first = |dt: f64| {
            let mut k = kernel(&MODEL, &[], 1, dt);
            run(k.as_mut(), dt, 100.0, |_, _| 0.5)[0][0]
        };
        let reference = first(0.001);
        for &dt in &[0.1, 0.05, 0.025] {
            let t = first(dt);
            assert!(
                t >= reference - 1e-9 && t - reference <= dt + 1e-9,
                "dt {dt}: {t} vs {reference}"
            );
        }
        assert!((first(1.0) - reference).abs() <= 1.0);
    }
}
