//! Cerebellar granule cell as an E-GLIF point neuron (extended generalised leaky
//! integrate-and-fire; Geminiani et al. 2018, 2019), with the granule-cell parameters of
//! Geminiani et al. (2019) Table 1.
//!
//! E-GLIF (Geminiani et al. 2018, eqs. 1-4), as published and as in its NEST implementation
//! (`eglif_cond_alpha_multisyn`), I = I_e + input:
//!   dV/dt      = (V - E_L)/tau_m - I_adap/C_m + I_dep/C_m + I/C_m
//!   dI_adap/dt = k_adap (V - E_L) - k2 I_adap
//!   dI_dep/dt  = -k1 I_dep
//! The leak term has a positive sign in the published model: the fitted k_adap, k2 make
//! I_adap the restoring current (the linear system is stable when k2 > 1/tau_m and
//! k_adap > C_m k2 / tau_m). V is bounded below by V_min (the RHS uses max(V, V_min), as the
//! NEST model does). Spikes are stochastic (escape noise): at the end of each step a spike
//! is emitted with probability 1 - exp(-lambda dt), lambda = lambda_0 exp((V - V_th)/tau_V)
//! (exponent capped at 50 so that lambda stays finite). At a spike V = V_reset,
//! I_adap += A2, I_dep = A1, and V is held at V_reset for t_ref (whole steps).
//!
//! Granule-cell parameters (Geminiani et al. 2019, Table 1): C_m = 7 pF, tau_m = 24.15 ms,
//! E_L = -62 mV, V_th = -41 mV, V_reset = -70 mV, t_ref = 1.5 ms, k_adap = 0.022 pA/(ms mV),
//! k2 = 0.041407868 /ms (= 1/tau_m: the subthreshold oscillation is undamped, the GrC's
//! theta-band resonance), A2 = -0.94 pA, k1 = 0.311 /ms, A1 = 0.01 pA, I_e = -0.888 pA;
//! lambda_0 = 1 /ms, tau_V = 0.3 mV and V_min = -150 mV as in the authors' network
//! configuration (dbbs-lab cerebellar-models, in-vitro `eglif_cond_alpha_multisyn.yaml`).
//!
//! Numerics: the linear ODE is integrated with Dormand-Prince `rk45` (Tolerance::DEFAULT,
//! step carried in `aux.h`) over each network step; the escape test, refractory clamp and
//! delta-synapse jumps (added to V at the end of the step, discarded while refractory) follow
//! the NEST update order. The other E-GLIF cell types of this family reuse this code
//! (`eglif_step` through the `eglif_impl!` macro).

use crate::define::*;

crate::model! {
    name: "granule_cell",
    class: "GranuleCellNeuron",
    summary: "E-GLIF cerebellar granule cell: dV/dt = (V - E_L)/tau_m + (I_dep - I_adap + I_e + \
              I)/C_m, dI_adap/dt = k_adap (V - E_L) - k2 I_adap, dI_dep/dt = -k1 I_dep; escape \
              noise lambda = lambda_0 exp((V - V_th)/tau_V); spike -> V = V_reset, I_adap += \
              A2, I_dep = A1, refractory t_ref. Granule-cell parameters of Geminiani et al. \
              (2019) Table 1. rk45 integration.",
    citation: "Geminiani, Casellato, Locatelli, Prestori, Pedrocchi & D'Angelo (2018) Front. \
               Neuroinform. 12:88 (E-GLIF); Geminiani, Casellato, D'Angelo & Pedrocchi (2019) \
               Front. Comput. Neurosci. 13:35, Table 1 (granule cell)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(7.0),
        tau_m: standard::tau_m(24.15),
        e_l: standard::e_l(-62.0),
        v_th: param("mV", -41.0, Finite, "threshold of the escape rate"),
        v_reset: standard::v_reset(-70.0),
        t_ref: standard::t_ref(1.5),
        k_adap: param("pA/(ms*mV)", 0.022, NonNegative, "coupling of I_adap to V - E_L"),
        k2: param("1/ms", 0.041407868, Positive, "decay rate of the adaptation current I_adap"),
        a2: param("pA", -0.94, Finite, "spike-triggered increment of I_adap"),
        k1: param("1/ms", 0.311, Positive, "decay rate of the depolarising current I_dep"),
        a1: param("pA", 0.01, Finite, "value I_dep is set to at a spike"),
        i_e: standard::i_e(-0.888),
        lambda_0: param("1/ms", 1.0, Positive, "escape rate at V = V_th"),
        tau_v: param("mV", 0.3, Positive, "voltage scale of the escape rate"),
        v_min: param("mV", -150.0, Finite, "lower bound of V"),
        v_init: standard::v_init(-62.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        i_adap: ("pA", "adaptation current (hyperpolarising when positive)"),
        i_dep: ("pA", "spike-triggered depolarising current"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_min < v_reset, v_reset < v_th],
    drive: 20.0,
    stochastic: true,
    build: point,
}

/// One E-GLIF neuron's constants (units as the parameters of [`MODEL`]).
#[derive(Debug, Clone, Copy)]
pub struct Eglif {
    /// Membrane capacitance, pF.
    pub c_m: f64,
    /// Membrane time constant, ms.
    pub tau_m: f64,
    /// Leak reversal, mV.
    pub e_l: f64,
    /// Threshold of the escape rate, mV.
    pub v_th: f64,
    /// Reset potential, mV.
    pub v_reset: f64,
    /// t_ref rounded to whole steps, ms.
    pub t_ref: f64,
    /// Coupling of I_adap to V - E_L, pA/(ms mV).
    pub k_adap: f64,
    /// Decay rate of I_adap, 1/ms.
    pub k2: f64,
    /// Spike-triggered increment of I_adap, pA.
    pub a2: f64,
    /// Decay rate of I_dep, 1/ms.
    pub k1: f64,
    /// Value of I_dep after a spike, pA.
    pub a1: f64,
    /// Constant current, pA.
    pub i_e: f64,
    /// Escape rate at threshold, 1/ms.
    pub lambda_0: f64,
    /// Voltage scale of the escape rate, mV.
    pub tau_v: f64,
    /// Lower bound of V, mV.
    pub v_min: f64,
    /// Initial V, mV.
    pub v_init: f64,
}

/// E-GLIF state: (V, I_adap, I_dep) as the integrators' vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Y(f64, f64, f64);

impl std::ops::Add for Y {
    type Output = Y;
    fn add(self, o: Y) -> Y {
        Y(self.0 + o.0, self.1 + o.1, self.2 + o.2)
    }
}

impl std::ops::Mul<f64> for Y {
    type Output = Y;
    fn mul(self, k: f64) -> Y {
        Y(self.0 * k, self.1 * k, self.2 * k)
    }
}

impl Vector for Y {
    fn error_norm(self, s: Y, atol: f64, rtol: f64) -> f64 {
        let e = |x: f64, s: f64| x.abs() / (atol + rtol * s.abs());
        e(self.0, s.0).max(e(self.1, s.1)).max(e(self.2, s.2))
    }
    fn is_finite(self) -> bool {
        self.0.is_finite() && self.1.is_finite() && self.2.is_finite()
    }
}

/// One E-GLIF step of neuron `c` (state `v`, `i_adap`, `i_dep`, `refractory`); whether it
/// spiked.
pub(crate) fn eglif_step(
    c: &Eglif,
    (v, i_adap, i_dep, refractory): (&mut f64, &mut f64, &mut f64, &mut f64),
    input: Input,
    aux: &mut Aux<'_>,
) -> bool {
    let i = c.i_e + input.current;
    let f = |y: Y| {
        let vm = y.0.max(c.v_min) - c.e_l;
        Y(
            vm / c.tau_m + (i - y.1 + y.2) / c.c_m,
            c.k_adap * vm - c.k2 * y.1,
            -c.k1 * y.2,
        )
    };
    let y = integrate::rk45(
        Y(*v, *i_adap, *i_dep),
        input.dt,
        aux.h,
        Tolerance::DEFAULT,
        f,
        |_, _| None,
    );
    (*v, *i_adap, *i_dep) = (y.0, y.1, y.2);
    if integrate::refractory_step(refractory, input.dt) {
        *v = c.v_reset;
        return false;
    }
    *v = (*v + input.jump).max(c.v_min);
    let lambda = c.lambda_0 * ((*v - c.v_th) / c.tau_v).min(50.0).exp();
    if aux.rng().uniform() < -(-lambda * input.dt).exp_m1() {
        *v = c.v_reset;
        *i_adap += c.a2;
        *i_dep = c.a1;
        *refractory = c.t_ref;
        return true;
    }
    false
}

/// Implements `Dynamics` for an E-GLIF cell-type model whose `model!` declares the
/// parameters and state of [`granule_cell`](self) (same names).
macro_rules! eglif_impl {
    () => {
        impl Dynamics for Model {
            type Consts = super::granule_cell::Eglif;

            fn prepare(p: &Parameters, dt: f64) -> Self::Consts {
                super::granule_cell::Eglif {
                    c_m: p.c_m,
                    tau_m: p.tau_m,
                    e_l: p.e_l,
                    v_th: p.v_th,
                    v_reset: p.v_reset,
                    t_ref: integrate::whole_steps(p.t_ref, dt),
                    k_adap: p.k_adap,
                    k2: p.k2,
                    a2: p.a2,
                    k1: p.k1,
                    a1: p.a1,
                    i_e: p.i_e,
                    lambda_0: p.lambda_0,
                    tau_v: p.tau_v,
                    v_min: p.v_min,
                    v_init: p.v_init,
                }
            }

            fn init(c: &Self::Consts) -> Vars {
                Vars {
                    v: c.v_init,
                    i_adap: 0.0,
                    i_dep: 0.0,
                    refractory: 0.0,
                }
            }

            #[inline(always)]
            fn step(c: &Self::Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
                super::granule_cell::eglif_step(
                    c,
                    (&mut s.v, &mut s.i_adap, &mut s.i_dep, &mut s.refractory),
                    input,
                    aux,
                )
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use eglif_impl;

eglif_impl!();

/// Helpers for the family's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// A one-neuron kernel of `model` with parameters `given` (checked) at step `dt` ms.
    pub(crate) fn kernel(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        dt: f64,
    ) -> Box<dyn NeuronKernel> {
        let values: Vec<(&str, ParamValue)> = given
            .iter()
            .map(|&(k, v)| (k, ParamValue::Scalar(v)))
            .collect();
        let params = Params::check(model, "test", 1, values.iter().map(|(k, v)| (*k, v)))
            .unwrap_or_else(|e| panic!("{e}"));
        (model.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: dt,
            seed: 1,
            first_id: 0,
        })
    }

    /// Runs `k` for `t_end` ms at step `dt` with input `current(t)`; returns the spike times
    /// (end of the spiking step) and the membrane trace (one value per step).
    pub(crate) fn run(
        k: &mut dyn NeuronKernel,
        dt: f64,
        t_end: f64,
        current: impl Fn(f64) -> f64,
    ) -> (Vec<f64>, Vec<f64>) {
        let (mut times, mut trace, mut spikes) = (Vec::new(), Vec::new(), Vec::new());
        for n in 0..(t_end / dt).round() as usize {
            spikes.clear();
            let c = [current(n as f64 * dt)];
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &c,
                },
                &mut spikes,
            );
            if !spikes.is_empty() {
                times.push((n + 1) as f64 * dt);
            }
            trace.push(k.var(0)[0]);
        }
        (times, trace)
    }

    /// Mean firing rate (Hz) of `times` in [t0, t1) ms.
    pub(crate) fn rate_hz(times: &[f64], t0: f64, t1: f64) -> f64 {
        times.iter().filter(|&&t| t >= t0 && t < t1).count() as f64 * 1000.0 / (t1 - t0)
    }

    /// Equilibrium of the E-GLIF subthreshold system (I_dep = 0) under total current `i`:
    /// V* = E_L + (i / C_m) / (k_adap / (C_m k2) - 1/tau_m).
    pub(crate) fn eglif_rest(c_m: f64, tau_m: f64, e_l: f64, k_adap: f64, k2: f64, i: f64) -> f64 {
        e_l + (i / c_m) / (k_adap / (c_m * k2) - 1.0 / tau_m)
    }

    /// Frequency (Hz) of the subthreshold E-GLIF oscillation: the imaginary part of the
    /// eigenvalues of [[1/tau_m, -1/C_m], [k_adap, -k2]] over 2 pi.
    pub(crate) fn eglif_oscillation_hz(c_m: f64, tau_m: f64, k_adap: f64, k2: f64) -> f64 {
        let trace = 1.0 / tau_m - k2;
        let det = k_adap / c_m - k2 / tau_m;
        (det - 0.25 * trace * trace).sqrt() / (2.0 * std::f64::consts::PI) * 1000.0
    }

    /// Mean period (ms) of the upward crossings of `level` in `trace` (step `dt`) after
    /// `skip` ms.
    pub(crate) fn period_ms(trace: &[f64], dt: f64, level: f64, skip: f64) -> f64 {
        let start = (skip / dt) as usize;
        let ups: Vec<f64> = (start + 1..trace.len())
            .filter(|&n| trace[n - 1] < level && trace[n] >= level)
            .map(|n| {
                let th = (level - trace[n - 1]) / (trace[n] - trace[n - 1]);
                (n as f64 - 1.0 + th) * dt
            })
            .collect();
        assert!(ups.len() >= 3, "{} crossings", ups.len());
        (ups[ups.len() - 1] - ups[0]) / (ups.len() - 1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    /// With its published parameters the granule cell's subthreshold dynamics oscillate
    /// (k2 = 1/tau_m: no damping) around V* = E_L + (I_e/C_m)/(k_adap/(C_m k2) - 1/tau_m)
    /// = -65.68 mV at f = sqrt(k_adap/C_m - k2/tau_m)/2 pi = 6.0 Hz, the theta-band
    /// resonance of granule cells (D'Angelo et al. 2001 J. Neurosci. 21:759, ~6 Hz) that
    /// Geminiani et al. (2019) fit. Checked: frequency and centre from the simulation.
    #[test]
    fn subthreshold_theta_oscillation() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let f = eglif_oscillation_hz(p.c_m, p.tau_m, p.k_adap, p.k2);
        let rest = eglif_rest(p.c_m, p.tau_m, p.e_l, p.k_adap, p.k2, p.i_e);
        assert!((f - 6.0).abs() < 0.1, "closed form {f} Hz");
        assert!((rest + 65.68).abs() < 0.01, "closed form {rest} mV");
        let dt = 0.05;
        let mut k = kernel(&MODEL, &[], dt);
        let (spikes, trace) = run(k.as_mut(), dt, 2000.0, |_| 0.0);
        assert!(spikes.is_empty());
        let period = period_ms(&trace, dt, rest, 0.0);
        assert!(
            (1000.0 / period - f).abs() < 0.02 * f,
            "{} Hz",
            1000.0 / period
        );
        let (lo, hi) = trace
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        assert!(
            (0.5 * (lo + hi) - rest).abs() < 0.1,
            "centre {}",
            0.5 * (lo + hi)
        );
    }

    /// Repetitive firing under depolarising steps, rate increasing with current.
    #[test]
    fn fires_repetitively_with_increasing_rate() {
        let rates: Vec<f64> = [10.0, 20.0, 30.0]
            .iter()
            .map(|&i| {
                let mut k = kernel(&MODEL, &[], 0.05);
                rate_hz(&run(k.as_mut(), 0.05, 1000.0, |_| i).0, 0.0, 1000.0)
            })
            .collect();
        eprintln!("GrC f-I at 10, 20, 30 pA: {rates:?} Hz");
        assert!(rates[0] > 0.0 && rates[0] < rates[1] && rates[1] < rates[2]);
    }
}
