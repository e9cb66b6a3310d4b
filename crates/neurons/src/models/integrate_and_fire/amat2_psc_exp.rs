//! Augmented MAT2 neuron (AMAT2; Yamauchi, Kim & Shinomoto 2011): MAT2 (`mat2_psc_exp`) with
//! a threshold component driven by the membrane potential's rate of change, with
//! exponential synaptic currents, as NEST's `amat2_psc_exp`:
//!
//! C_m dV/dt = -C_m (V - E_L)/tau_m + I_ex + I_in + I + I_e   (V is never reset)
//! theta(t) = E_L + omega + H_1 + H_2 + H_v,  dH_j/dt = -H_j / tau_j,
//! H_v(t) = beta \int_0^inf s exp(-s/tau_v) dV/dt(t - s) ds, i.e.
//! dD_v/dt = -D_v/tau_v + beta dV/dt,  dH_v/dt = D_v - H_v/tau_v.
//!
//! V >= theta at the end of a step (outside the refractory period) emits a spike:
//! H_1 += alpha_1, H_2 += alpha_2; no spike for t_ref (V keeps integrating). Weights w (pA)
//! go to I_ex if w > 0 and to I_in if w < 0 (NEST's split by sign; the engine sums the
//! weights arriving in one step before the model sees them).
//!
//! Numerics: exact integration of the linear system (V, I_ex, I_in, D_v, H_v) with I held
//! over the step, as NEST (propagator from `iaf_psc_exp::propagator`, no singularity when
//! tau_v equals tau_m or a synaptic time constant).

use super::iaf_psc_exp::{apply, propagator};
use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "amat2_psc_exp",
    class: "Amat2PscExpNeuron",
    summary: "MAT2 with a voltage-derivative threshold: C_m dV/dt = -C_m (V - E_L)/tau_m + I_ex \
              + I_in + I + I_e (no reset); threshold E_L + omega + H_1 + H_2 + H_v, \
              dH_j/dt = -H_j/tau_j, H_v = beta (s exp(-s/tau_v)) * dV/dt; V >= threshold -> \
              spike, H_j += alpha_j, no spike for t_ref. Exact integration (NEST \
              amat2_psc_exp).",
    citation: "Yamauchi, Kim & Shinomoto (2011) Front. Comput. Neurosci. 5:42; Kobayashi, \
               Tsubo & Shinomoto (2009) Front. Comput. Neurosci. 3:9; NEST amat2_psc_exp \
               (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(200.0),
        tau_m: standard::tau_m(10.0),
        tau_syn_ex: param("ms", 1.0, Positive, "excitatory synaptic current time constant"),
        tau_syn_in: param("ms", 3.0, Positive, "inhibitory synaptic current time constant"),
        t_ref: param("ms", 2.0, NonNegative, "refractory period (no spike; V not clamped)"),
        e_l: standard::e_l(-70.0),
        omega: param("mV", 5.0, Finite, "resting threshold, relative to E_L"),
        alpha_1: param("mV", 10.0, Finite, "short-time-scale threshold jump"),
        alpha_2: param("mV", 0.0, Finite, "long-time-scale threshold jump"),
        tau_1: param("ms", 10.0, Positive, "short threshold time constant"),
        tau_2: param("ms", 200.0, Positive, "long threshold time constant"),
        beta: param("1/ms", 0.0, Finite, "voltage-derivative threshold coefficient"),
        tau_v: param("ms", 5.0, Positive, "voltage-derivative threshold kernel time constant"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        i_syn_ex: ("pA", "excitatory synaptic current"),
        i_syn_in: ("pA", "inhibitory synaptic current (negative)"),
        h_1: ("mV", "short-time-scale threshold component"),
        h_2: ("mV", "long-time-scale threshold component"),
        d_v: ("mV/ms", "derivative term of the voltage-dependent threshold"),
        h_v: ("mV", "voltage-dependent threshold component"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w to I_syn_ex (w > 0) or to I_syn_in (w < 0), pA",
    drive: 300.0,
    build: point,
}

/// Per-neuron constants: the propagator of (V - E_L, I_ex, I_in, D_v, H_v, I_const), the
/// threshold decays and t_ref on the step grid.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    prop: [[f64; 6]; 6],
    decay_1: f64,
    decay_2: f64,
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let (m, c, v, b) = (1.0 / p.tau_m, 1.0 / p.c_m, 1.0 / p.tau_v, p.beta);
        let a = [
            [-m, c, c, 0.0, 0.0, c],
            [0.0, -1.0 / p.tau_syn_ex, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, -1.0 / p.tau_syn_in, 0.0, 0.0, 0.0],
            [-b * m, b * c, b * c, -v, 0.0, b * c],
            [0.0, 0.0, 0.0, 1.0, -v, 0.0],
            [0.0; 6],
        ];
        Consts {
            p: *p,
            prop: propagator(a, dt),
            decay_1: (-dt / p.tau_1).exp(),
            decay_2: (-dt / p.tau_2).exp(),
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
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let y = [
            s.v - p.e_l,
            s.i_syn_ex,
            s.i_syn_in,
            s.d_v,
            s.h_v,
            input.current + p.i_e,
        ];
        let y = apply(&c.prop, y);
        s.v = p.e_l + y[0];
        s.i_syn_ex = y[1] + input.jump.max(0.0);
        s.i_syn_in = y[2] + input.jump.min(0.0);
        s.d_v = y[3];
        s.h_v = y[4];
        s.h_1 *= c.decay_1;
        s.h_2 *= c.decay_2;
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        if y[0] >= p.omega + s.h_1 + s.h_2 + s.h_v {
            s.h_1 += p.alpha_1;
            s.h_2 += p.alpha_2;
            s.refractory = c.t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::mat2_psc_exp::tests::{late_interval, mat_interval};
    use super::super::testing::{hold, kernel};
    use super::*;

    /// With beta = 0 (the default) AMAT2 is MAT2: 300 pA holds V at E_L + 15 mV
    /// (R = 0.05 GOhm) and the regular interval is the MAT closed form (13.86 ms for
    /// omega = 5, alpha_1 = 10 mV, tau_1 = 10 ms: T = tau_1 ln(1 + alpha_1/(V - omega))).
    #[test]
    fn beta_zero_is_mat2() {
        let t = mat_interval(15.0, 5.0, [(10.0, 10.0), (0.0, 200.0)], 2.0);
        assert!((t - 10.0 * 2f64.ln()).abs() < 1e-9, "{t}");
        let dt = 0.01;
        let isi = late_interval(&MODEL, &[], 300.0, dt, 500.0, 1500.0);
        assert!((isi - t).abs() < 1.5 * dt, "{isi} vs {t}");
    }

    /// After a subthreshold current step I (V = V_inf (1 - exp(-t/tau_m)) relative to E_L),
    /// the voltage-dependent threshold is
    /// H_v(t) = beta (V_inf/tau_m) exp(-t/tau_m) (1 - exp(-a t)(1 + a t))/a^2,
    /// a = 1/tau_v - 1/tau_m (the kernel s exp(-s/tau_v) applied to dV/dt).
    #[test]
    fn voltage_threshold_follows_the_closed_form() {
        let (beta, dt) = (0.5, 0.1);
        let mut k = kernel(&MODEL, &[("beta", beta)], dt);
        let v_inf = 50.0 * 10.0 / 200.0;
        let a: f64 = 1.0 / 5.0 - 1.0 / 10.0;
        for n in 1..=100 {
            assert!(hold(k.as_mut(), 50.0, 1).is_empty());
            let t = n as f64 * dt;
            let h_v =
                beta * v_inf / 10.0 * (-t / 10.0).exp() * (1.0 - (-a * t).exp() * (1.0 + a * t))
                    / (a * a);
            assert!(
                (k.var(6)[0] - h_v).abs() < 1e-9 * (1.0 + h_v.abs()),
                "t {t}: {}",
                k.var(6)[0]
            );
        }
    }
}
