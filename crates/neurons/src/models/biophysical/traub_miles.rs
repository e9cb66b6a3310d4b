//! Traub–Miles hippocampal pyramidal cell reduced to a point neuron with exponential
//! conductance synapses, as NEST's `hh_cond_exp_traub` and the COBAHH benchmark of Brette et
//! al. (2007) define it (Traub & Miles 1991 kinetics; Na and K only, no Ca).
//!
//! C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L)
//!             - g_ex (V - E_ex) - g_in (V - E_in)
//! dx/dt = alpha_x (1 - x) - beta_x x (x = m, h, n), dg_ex/dt = -g_ex / tau_syn_ex,
//! dg_in/dt = -g_in / tau_syn_in, with u = V - V_T (mV, rates 1/ms):
//!   alpha_m = 0.32 (13 - u) / (exp((13 - u)/4) - 1),  beta_m = 0.28 (u - 40) / (exp((u - 40)/5) - 1)
//!   alpha_h = 0.128 exp((17 - u)/18),                 beta_h = 4 / (1 + exp((40 - u)/5))
//!   alpha_n = 0.032 (15 - u) / (exp((15 - u)/5) - 1), beta_n = 0.5 exp((10 - u)/40)
//! Point-neuron units as NEST: pF, nS, pA (the COBAHH cell: 20000 um^2, 1 uF/cm^2,
//! g_Na = 100, g_K = 30, g_L = 0.05 mS/cm^2). Defaults are NEST's (= COBAHH).
//!
//! With these defaults the sodium window current at E_L exceeds the leak: the cell fires
//! tonically (~14 Hz) without input, as in Brian2's COBAHH example (declared `spontaneous`).
//!
//! Delta-synapse input: a weight w > 0 (nS) adds w to g_ex, w < 0 adds -w to g_in at the end
//! of the step (NEST: an event of weight 1 gives a 1 nS conductance peak).
//!
//! Spikes: an upward crossing of V_T + 30 mV (NEST's detection level) is one spike; there
//! is no reset. NEST reports the local maximum above that level and then ignores 2 ms
//! (t_ref); the crossing is the same event ~0.1 ms earlier and needs no refractory window.
//!
//! Numerics: Dormand–Prince 5(4) with error control (`integrate::rk45`,
//! `Tolerance::DEFAULT`, step carried between network steps). The rate functions read V
//! clamped to +-150 mV so that no rate overflows (or becomes
//! too stiff to integrate) however large the input.
//!
//! The helpers `crossing_step` and `vg` are shared by the family's conductance-based models.

use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "traub_miles",
    class: "TraubMilesNeuron",
    summary: "C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L) \
              - g_ex (V - E_ex) - g_in (V - E_in); Traub-Miles rates in u = V - V_T; \
              exponential synaptic conductances (w > 0 -> g_ex += w, w < 0 -> g_in += -w). \
              Spike = upward crossing of V_T + 30 mV, no reset (NEST hh_cond_exp_traub, \
              COBAHH). Dormand-Prince rk45.",
    citation: "Traub & Miles (1991) Neuronal Networks of the Hippocampus, Cambridge University \
               Press; Brette et al. (2007) J. Comput. Neurosci. 23:349-398 (COBAHH benchmark); \
               NEST hh_cond_exp_traub (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(200.0),
        g_na: param("nS", 20000.0, NonNegative, "maximal sodium conductance"),
        g_k: param("nS", 6000.0, NonNegative, "maximal delayed-rectifier potassium conductance"),
        g_l: param("nS", 10.0, NonNegative, "leak conductance"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -90.0, Finite, "potassium reversal potential"),
        e_l: standard::e_l(-60.0),
        v_t: param("mV", -63.0, Finite,
            "voltage offset of the rate functions (threshold near -50 mV at -63 mV)"),
        e_ex: param("mV", 0.0, Finite, "excitatory synaptic reversal potential"),
        e_in: param("mV", -80.0, Finite, "inhibitory synaptic reversal potential"),
        tau_syn_ex: param("ms", 5.0, Positive, "excitatory conductance decay time constant"),
        tau_syn_in: param("ms", 10.0, Positive, "inhibitory conductance decay time constant"),
        i_e: standard::i_e(0.0),
        v_init: param("mV", -60.0, Finite,
            "initial membrane potential; m, h, n start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "potassium activation"),
        g_ex: ("nS", "excitatory synaptic conductance"),
        g_in: ("nS", "inhibitory synaptic conductance"),
    },
    membrane: v,
    delta_input: "w > 0: g_ex += w (nS); w < 0: g_in += -w (nS), at the end of the step",
    drive: 500.0,
    spontaneous: "with the NEST/COBAHH defaults the sodium window current at E_L = -60 mV \
                  exceeds the leak, so the cell fires tonically (~14 Hz) without input, as \
                  Brian2's COBAHH example does (brian-team/brian2 issue 744)",
    build: point,
}

/// Largest |V| (mV) the rate functions see: they read V clamped to +-150 mV, so that the
/// rates stay finite and the system stays integrable however far an absurd input drives V.
pub(crate) const V_GUARD: f64 = 150.0;

/// `v` clamped to +-[`V_GUARD`]: what the family's rate functions read, so that no
/// exponential overflows for finite but absurd states.
#[inline(always)]
pub(crate) fn vg(v: f64) -> f64 {
    v.clamp(-V_GUARD, V_GUARD)
}

/// One network step `dt` of a conductance-based model with `rk45` (`Tolerance::DEFAULT`,
/// step carried in `h`): the new state and whether the membrane (`v_of`) crossed `level`
/// upwards during the step.
#[inline]
pub(crate) fn crossing_step<V: Vector>(
    y: V,
    dt: f64,
    h: &mut f64,
    f: impl Fn(V) -> V,
    v_of: impl Fn(&V) -> f64,
    level: f64,
) -> (V, bool) {
    let mut fired = false;
    let y = integrate::rk45(y, dt, h, Tolerance::DEFAULT, f, |a, b| {
        fired |= v_of(&a) < level && v_of(&b) >= level;
        None
    });
    (y, fired)
}

/// (alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n) at `v` (mV) with offset `v_t`.
#[inline(always)]
pub(crate) fn rates(v: f64, v_t: f64) -> [f64; 6] {
    let u = vg(v) - v_t;
    [
        1.28 * exprel_inv((13.0 - u) / 4.0),
        1.4 * exprel_inv((u - 40.0) / 5.0),
        0.128 * ((17.0 - u) / 18.0).exp(),
        4.0 / (1.0 + ((40.0 - u) / 5.0).exp()),
        0.16 * exprel_inv((15.0 - u) / 5.0),
        0.5 * ((10.0 - u) / 40.0).exp(),
    ]
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let r = rates(y.v, p.v_t);
    let i_ion = p.g_na * y.m.powi(3) * y.h * (y.v - p.e_na)
        + p.g_k * y.n.powi(4) * (y.v - p.e_k)
        + p.g_l * (y.v - p.e_l)
        + y.g_ex * (y.v - p.e_ex)
        + y.g_in * (y.v - p.e_in);
    Vars {
        v: (i - i_ion) / p.c_m,
        m: r[0] * (1.0 - y.m) - r[1] * y.m,
        h: r[2] * (1.0 - y.h) - r[3] * y.h,
        n: r[4] * (1.0 - y.n) - r[5] * y.n,
        g_ex: -y.g_ex / p.tau_syn_ex,
        g_in: -y.g_in / p.tau_syn_in,
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let r = rates(p.v_init, p.v_t);
        Vars {
            v: p.v_init,
            m: r[0] / (r[0] + r[1]),
            h: r[2] / (r[2] + r[3]),
            n: r[4] / (r[4] + r[5]),
            g_ex: 0.0,
            g_in: 0.0,
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
        if input.jump > 0.0 {
            s.g_ex += input.jump;
        } else {
            s.g_in -= input.jump;
        }
        fired
    }
}

/// Helpers for the family's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// A one-neuron kernel of `model` with `given` parameters (checked) at step `dt` ms.
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
            seed: 0,
            first_id: 0,
        })
    }

    /// Runs a one-neuron kernel for `t_ms` with current `current(t)` (t in ms, start of the
    /// step); spike times (end of the step) and the membrane trace (after each step).
    pub(crate) fn run(
        k: &mut dyn NeuronKernel,
        membrane: usize,
        dt: f64,
        t_ms: f64,
        current: impl Fn(f64) -> f64,
    ) -> (Vec<f64>, Vec<f64>) {
        let mut spikes = Vec::new();
        let mut times = Vec::new();
        let mut trace = Vec::new();
        for step in 0..(t_ms / dt).round() as usize {
            let c = [current(step as f64 * dt)];
            spikes.clear();
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &c,
                },
                &mut spikes,
            );
            if !spikes.is_empty() {
                times.push((step + 1) as f64 * dt);
            }
            trace.push(k.var(membrane)[0]);
        }
        (times, trace)
    }

    /// Spike times of `model` with `given` parameters under a constant `current`.
    pub(crate) fn spikes(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        current: f64,
        dt: f64,
        t_ms: f64,
    ) -> Vec<f64> {
        let mut k = kernel(model, given, dt);
        run(k.as_mut(), model.membrane, dt, t_ms, |_| current).0
    }

    /// Firing rate (Hz) of the spikes in [t0, t1) ms.
    pub(crate) fn rate_hz(spikes: &[f64], t0: f64, t1: f64) -> f64 {
        spikes.iter().filter(|&&t| t >= t0 && t < t1).count() as f64 * 1000.0 / (t1 - t0)
    }

    /// Smallest constant current in [lo, hi] for which `fires` holds, by bisection to `tol`
    /// (`fires(lo)` false and `fires(hi)` true are asserted).
    pub(crate) fn threshold(
        mut lo: f64,
        mut hi: f64,
        tol: f64,
        fires: impl Fn(f64) -> bool,
    ) -> f64 {
        assert!(!fires(lo), "fires at the lower bound {lo}");
        assert!(fires(hi), "silent at the upper bound {hi}");
        while hi - lo > tol {
            let mid = 0.5 * (lo + hi);
            if fires(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        0.5 * (lo + hi)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{kernel, run};
    use super::*;

    /// NEST's documentation of hh_cond_exp_traub: "V_T = -63 mV results in a threshold
    /// around -50 mV". The voltage threshold (V where dV/dt first exceeds 10 mV/ms on the way
    /// to the first spike) lies within 5 mV of -50 mV, both for the spontaneous spike and at
    /// 200 pA.
    #[test]
    fn voltage_threshold_is_near_minus_50() {
        let dt = 0.01;
        for i in [0.0, 200.0] {
            let mut k = kernel(&MODEL, &[], dt);
            let (times, trace) = run(k.as_mut(), 0, dt, 100.0, |_| i);
            assert!(!times.is_empty());
            let k0 = trace
                .windows(2)
                .position(|w| (w[1] - w[0]) / dt > 10.0)
                .expect("an upstroke");
            let v_thr = trace[k0];
            eprintln!("traub_miles at {i} pA: voltage threshold {v_thr:.2} mV");
            assert!((v_thr + 50.0).abs() < 5.0, "threshold {v_thr}");
        }
    }

    /// An excitatory weight opens g_ex by w nS, decaying with tau_syn_ex; an inhibitory one
    /// g_in: the exponential decay is exact to the integrator's tolerance.
    #[test]
    fn synaptic_conductances_decay_exponentially() {
        use crate::StepInput;
        let mut k = kernel(&MODEL, &[], 0.1);
        let mut s = Vec::new();
        k.step(
            &StepInput {
                jump: &[2.0],
                current: &[0.0],
            },
            &mut s,
        );
        k.step(
            &StepInput {
                jump: &[-3.0],
                current: &[0.0],
            },
            &mut s,
        );
        for _ in 0..100 {
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[0.0],
                },
                &mut s,
            );
        }
        let g_ex = k.var(4)[0];
        let g_in = k.var(5)[0];
        let want_ex = 2.0 * (-10.1f64 / 5.0).exp();
        let want_in = 3.0 * (-10.0f64 / 10.0).exp();
        assert!(
            (g_ex - want_ex).abs() < 1e-5 * want_ex,
            "{g_ex} vs {want_ex}"
        );
        assert!(
            (g_in - want_in).abs() < 1e-5 * want_in,
            "{g_in} vs {want_in}"
        );
    }
}

#[cfg(test)]
mod robustness {
    use crate::StepInput;

    /// The family's rk45 models stay finite under absurd but finite input: currents of
    /// +-1e4 (input unit) and membrane jumps of +-200 at dt = 1 ms.
    #[test]
    fn extreme_inputs_stay_finite() {
        let names = [
            "traub_miles",
            "morris_lecar",
            "connor_stevens",
            "golomb_fs",
            "pospischil",
            "pinsky_rinzel",
            "hill_tononi",
            "destexhe_thalamic",
        ];
        for name in names {
            let m = crate::lookup(name).unwrap();
            for (current, jump) in [(1e4, 0.0), (-1e4, 0.0), (0.0, 200.0), (0.0, -200.0)] {
                let mut k = super::testing::kernel(m, &[], 1.0);
                let mut s = Vec::new();
                for step in 0..50 {
                    let j = if step % 10 == 0 { jump } else { 0.0 };
                    k.step(
                        &StepInput {
                            jump: &[j],
                            current: &[current],
                        },
                        &mut s,
                    );
                    for v in 0..m.state.len() {
                        let x = k.var(v)[0];
                        assert!(
                            x.is_finite(),
                            "{name}: {} = {x} (I {current}, jump {jump})",
                            m.state[v].name
                        );
                    }
                }
            }
        }
    }
}
