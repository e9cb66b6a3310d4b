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
use crate::{BuildContext, ModelInfo, NeuronKernel, ParamArray, StateSpec, StepInput};
use sc_neurocore_core::{ParamSpec, ValueRange};

/// Registry entry.
pub static MODEL: ModelInfo = ModelInfo {
    name: "fitzhugh_nagumo",
    class_name: "FitzHughNagumoNeuron",
    family: super::FAMILY,
    summary: "dv/dt' = v - v^3/3 - w + I + I_e, tau dw/dt' = v + a - b w (dimensionless; \
              t' = t / time_scale, t in ms). Spike = upward crossing of v_th (1.0). \
              Oscillates for 0.3313 < I < 1.4187 at the defaults. RK4 sub-steps <= 0.05 t'.",
    citation: "FitzHugh (1961) Biophys. J. 1:445-466; Nagumo, Arimoto & Yoshizawa (1962) \
               Proc. IRE 50:2061-2070; form and parameters as in Izhikevich & FitzHugh (2006) \
               Scholarpedia 1(9):1349",
    params: &[
        ParamSpec {
            name: "a",
            unit: "1",
            default: 0.7,
            range: ValueRange::Finite,
            doc: "offset of the w-nullcline",
        },
        ParamSpec {
            name: "b",
            unit: "1",
            default: 0.8,
            range: ValueRange::NonNegative,
            doc: "slope parameter of the w-nullcline (recovery self-coupling)",
        },
        ParamSpec {
            name: "tau",
            unit: "1",
            default: 12.5,
            range: ValueRange::Positive,
            doc: "time constant of the recovery variable w, in model time units",
        },
        ParamSpec {
            name: "i_e",
            unit: "1",
            default: 0.0,
            range: ValueRange::Finite,
            doc: "constant external stimulus",
        },
        ParamSpec {
            name: "time_scale",
            unit: "ms",
            default: 1.0,
            range: ValueRange::Positive,
            doc: "milliseconds per model time unit",
        },
        ParamSpec {
            name: "v_th",
            unit: "1",
            default: 1.0,
            range: ValueRange::Finite,
            doc: "spike detection level on v: an upward crossing is one spike",
        },
        ParamSpec {
            name: "v_init",
            unit: "1",
            default: -1.1994,
            range: ValueRange::Finite,
            doc: "initial v (default: rest at I = 0); w starts at (v_init + a) / b",
        },
    ],
    state: &[
        StateSpec {
            name: "v",
            unit: "1",
            doc: "fast, voltage-like variable",
        },
        StateSpec {
            name: "w",
            unit: "1",
            doc: "slow recovery variable",
        },
    ],
    membrane: 0,
    input_unit: "1",
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

/// Largest RK4 sub-step, model time units.
const H_MAX: f64 = 0.05;

fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    let p = ctx.params;
    let n = ctx.n;
    let g = |name: &str| p.get(name).clone();
    // Sub-steps are counted in model time: the step is dt / time_scale model units.
    let mut n_sub = 1;
    for i in 0..n {
        n_sub = n_sub.max(sub_steps(ctx.dt_ms / p.get("time_scale").at(i), H_MAX));
    }
    let v = p.get("v_init").to_vec(n);
    let w = (0..n)
        .map(|i| {
            let (v, b) = (v[i], p.get("b").at(i));
            if b > 0.0 {
                (v + p.get("a").at(i)) / b
            } else {
                // b = 0: the w-nullcline is vertical; start on the v-nullcline instead.
                v - v * v * v / 3.0 + p.get("i_e").at(i)
            }
        })
        .collect();
    Box::new(FitzHughNagumo {
        a: g("a"),
        b: g("b"),
        tau: g("tau"),
        i_e: g("i_e"),
        time_scale: g("time_scale"),
        v_th: g("v_th"),
        n_sub,
        dt: ctx.dt_ms,
        v,
        w,
    })
}

/// Struct-of-arrays state of a FitzHugh–Nagumo population.
struct FitzHughNagumo {
    a: ParamArray,
    b: ParamArray,
    tau: ParamArray,
    i_e: ParamArray,
    time_scale: ParamArray,
    v_th: ParamArray,
    n_sub: usize,
    /// Network step, ms.
    dt: f64,
    v: Vec<f64>,
    w: Vec<f64>,
}

impl NeuronKernel for FitzHughNagumo {
    fn len(&self) -> usize {
        self.v.len()
    }

    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        for i in 0..self.v.len() {
            let (a, b) = (self.a.at(i), self.b.at(i));
            let inv_tau = 1.0 / self.tau.at(i);
            let cur = input.current[i] + self.i_e.at(i);
            let h = self.dt / self.time_scale.at(i) / self.n_sub as f64;
            let v_th = self.v_th.at(i);
            let rhs = |v: f64, w: f64| (v - v * v * v / 3.0 - w + cur, (v + a - b * w) * inv_tau);
            let (mut v, mut w) = (self.v[i], self.w[i]);
            let mut fired = false;
            for _ in 0..self.n_sub {
                let (vn, wn) = rk4(rhs, v, w, h);
                fired |= v < v_th && vn >= v_th;
                (v, w) = (vn, wn);
            }
            let vj = v + input.jump[i];
            fired |= v < v_th && vj >= v_th;
            self.v[i] = vj;
            self.w[i] = w;
            if fired {
                spikes.push(i as u32);
            }
        }
    }

    fn var(&self, index: usize) -> &[f64] {
        match index {
            0 => &self.v,
            _ => &self.w,
        }
    }

    fn var_mut(&mut self, index: usize) -> &mut [f64] {
        match index {
            0 => &mut self.v,
            _ => &mut self.w,
        }
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
