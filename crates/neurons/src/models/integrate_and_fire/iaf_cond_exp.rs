//! Conductance-based leaky integrate-and-fire neuron with exponentially decaying synaptic
//! conductances (NEST `iaf_cond_exp`; Meffin, Burkitt & Grayden 2004):
//!
//! C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I + I_e
//! dg_ex/dt = -g_ex / tau_syn_ex,  dg_in/dt = -g_in / tau_syn_in
//!
//! A delta-synapse weight w (nS) adds w to g_ex if w > 0 and -w to g_in if w < 0 (NEST
//! splits them by sign); the engine sums the weights arriving in one step before the model
//! sees them. V >= V_th emits a spike: V = V_reset, held there for t_ref (the currents are
//! evaluated at V_reset meanwhile, as in NEST) while the conductances decay.
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT`, carrying its step between
//! network steps (NEST integrates with GSL's RKF45). The threshold crossing is located in
//! the integrator's step by linear interpolation; V is reset there and clamped for the rest
//! of the network step when t_ref > 0, then for round(t_ref/dt) steps (NEST's counting).

use crate::define::*;
use integrate::{refractory_step, whole_steps};
use std::cell::Cell;

crate::model! {
    name: "iaf_cond_exp",
    class: "IafCondExpNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) + I + I_e; \
              dg_x/dt = -g_x/tau_syn_x; weights (nS) w > 0 -> g_ex += w, w < 0 -> g_in -= w; \
              V >= V_th -> spike, V = V_reset, clamped for t_ref. rk45 (NEST iaf_cond_exp).",
    citation: "Meffin, Burkitt & Grayden (2004) J. Comput. Neurosci. 16:159; NEST iaf_cond_exp \
               (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(250.0),
        g_l: standard::g_l(16.6667),
        e_l: standard::e_l(-70.0),
        e_ex: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_in: param("mV", -85.0, Finite, "inhibitory reversal potential"),
        tau_syn_ex: param("ms", 0.2, Positive, "excitatory conductance decay time"),
        tau_syn_in: param("ms", 2.0, Positive, "inhibitory conductance decay time"),
        v_th: standard::v_th(-55.0),
        v_reset: standard::v_reset(-60.0),
        t_ref: standard::t_ref(2.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        g_ex: ("nS", "excitatory synaptic conductance"),
        g_in: ("nS", "inhibitory synaptic conductance"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w to g_ex (w > 0) or -w to g_in (w < 0), nS",
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

/// One network step of an integrate-and-fire model with `rk45`: `f(y, clamped)` is the
/// right-hand side (with dV/dt = 0 and the currents at V_reset when `clamped`), `v_of` reads
/// the membrane potential, `reset` is the state just after a spike. A crossing of
/// `threshold` is located by linear interpolation within the integrator's step; after it
/// V stays clamped for the rest of the step if `clamp_after`. Returns the state at the end
/// of the step and whether it spiked.
#[allow(clippy::too_many_arguments)]
pub(crate) fn if_rk45<V: Vector>(
    y: V,
    dt: f64,
    h: &mut f64,
    clamped: bool,
    clamp_after: bool,
    threshold: f64,
    v_of: impl Fn(V) -> f64,
    reset: impl Fn(V) -> V,
    f: impl Fn(V, bool) -> V,
) -> (V, bool) {
    let clamped = Cell::new(clamped);
    let spiked = Cell::new(false);
    let y = integrate::rk45(
        y,
        dt,
        h,
        Tolerance::DEFAULT,
        |y| f(y, clamped.get()),
        |a, b| {
            let (va, vb) = (v_of(a), v_of(b));
            if clamped.get() || vb < threshold {
                return None;
            }
            let theta = if vb > va {
                ((threshold - va) / (vb - va)).clamp(0.0, 1.0)
            } else {
                1.0
            };
            spiked.set(true);
            clamped.set(clamp_after);
            Some((theta, reset(a * (1.0 - theta) + b * theta)))
        },
    );
    (y, spiked.get())
}

/// Per-neuron constants: the parameters and t_ref on the step grid.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            t_ref: whole_steps(p.t_ref, dt),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let i_ext = input.current + p.i_e;
        let (y, spiked) = if_rk45(
            *s,
            input.dt,
            aux.h,
            refractory,
            c.t_ref > 0.0,
            p.v_th,
            |y| y.v,
            |y| Vars { v: p.v_reset, ..y },
            |y, clamped| {
                let v = if clamped { p.v_reset } else { y.v };
                let i =
                    -p.g_l * (v - p.e_l) - y.g_ex * (v - p.e_ex) - y.g_in * (v - p.e_in) + i_ext;
                Vars {
                    v: if clamped { 0.0 } else { i / p.c_m },
                    g_ex: -y.g_ex / p.tau_syn_ex,
                    g_in: -y.g_in / p.tau_syn_in,
                    refractory: 0.0,
                }
            },
        );
        *s = y;
        s.g_ex += input.jump.max(0.0);
        s.g_in -= input.jump.min(0.0);
        if spiked {
            s.v = p.v_reset;
            s.refractory = c.t_ref;
        }
        spiked
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// Without synaptic input the model is a LIF with tau = C_m/g_L: rheobase
    /// g_L (V_th - E_L) (250 pA at the NEST defaults) and interval
    /// t_ref + tau ln((V_inf - V_reset)/(V_inf - V_th)), V_inf = E_L + I/g_L.
    pub(crate) fn check_lif_limit(model: &'static crate::ModelInfo) {
        let (c, g, el, th, vr, tr) = (250.0, 16.6667, -70.0, -55.0, -60.0, 2.0);
        let rheobase: f64 = g * (th - el);
        assert!(spike_times(model, &[], rheobase * 0.99, 0.1, 500.0).is_empty());
        assert!(!spike_times(model, &[], rheobase * 1.01, 0.1, 500.0).is_empty());
        for &i in &[300.0f64, 600.0] {
            let v_inf = el + i / g;
            let period = tr + c / g * ((v_inf - vr) / (v_inf - th)).ln();
            let dt = 0.01;
            let times = spike_times(model, &[], i, dt, 300.0);
            assert!(times.len() > 5);
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    (isi - period).abs() <= 2.0 * dt + 1e-4,
                    "{i} pA: {isi} vs {period}"
                );
            }
        }
    }

    /// (time, value) of the maximum of state variable `var` after a weight `w` arrives in
    /// the first step (time from the end of that step), at rest, step `dt`.
    pub(crate) fn conductance_peak(
        model: &'static crate::ModelInfo,
        given: &[(&str, f64)],
        w: f64,
        var: usize,
        dt: f64,
    ) -> (f64, f64) {
        let mut k = super::super::testing::kernel(model, given, dt);
        let mut spikes = Vec::new();
        let mut best = (0.0, f64::MIN);
        for i in 0..(20.0 / dt) as usize {
            let jump = if i == 0 { w } else { 0.0 };
            k.step(
                &crate::StepInput {
                    jump: &[jump],
                    current: &[0.0],
                },
                &mut spikes,
            );
            if k.var(var)[0] > best.1 {
                best = (i as f64 * dt, k.var(var)[0]);
            }
        }
        best
    }

    #[test]
    fn lif_limit_matches_the_closed_form() {
        check_lif_limit(&MODEL);
    }

    /// A weight w > 0 sets g_ex = w, decaying with tau_syn_ex; w < 0 sets g_in = -w.
    #[test]
    fn weights_are_split_by_sign() {
        let (t, g) = conductance_peak(&MODEL, &[], 2.0, 1, 0.01);
        assert!(t == 0.0 && (g - 2.0).abs() < 1e-12);
        let (t, g) = conductance_peak(&MODEL, &[], -3.0, 2, 0.01);
        assert!(t == 0.0 && (g - 3.0).abs() < 1e-12);
    }
}
