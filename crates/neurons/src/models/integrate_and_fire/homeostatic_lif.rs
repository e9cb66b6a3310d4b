//! Conductance-based leaky integrate-and-fire neuron with a homeostatic adaptive threshold:
//! the excitatory neuron of Diehl & Cook (2015).
//!
//! tau dV/dt = (E_rest - V) + g_e (E_exc - V) + g_i (E_inh - V) + X,
//! tau_ge dg_e/dt = -g_e,  tau_gi dg_i/dt = -g_i,  tau_theta dtheta/dt = -theta;
//! V > V_thresh + theta -> spike, V = V_reset (held for t_ref), theta += theta_plus.
//! The threshold rises by theta_plus at every spike and decays very slowly, so that a
//! neuron that fires much raises its own threshold (homeostasis). Conductances are relative
//! to the leak (dimensionless); delta-synapse weights w > 0 add to g_e, w < 0 add -w to
//! g_i; X (mV) is the network's held input.
//! Defaults: Diehl & Cook (2015), excitatory neurons (Methods and the authors' Brian code):
//! E_rest = V_reset = -65 mV, V_thresh = -52 mV, E_exc = 0 mV, E_inh = -100 mV,
//! tau = 100 ms, tau_ge = 1 ms, tau_gi = 2 ms, t_ref = 5 ms, theta_plus = 0.05 mV,
//! tau_theta = 1e7 ms.
//!
//! Numerics: Dormand-Prince RK45 with error control (V, g_e, g_i; the step size carried in
//! `aux.h`); theta decays exactly; the threshold is checked at the end of the step. While
//! refractory V is held at V_reset and the conductances keep decaying.

use crate::define::*;
use integrate::{refractory_step, rk45, whole_steps};

crate::model! {
    name: "homeostatic_lif",
    class: "HomeostaticLIFNeuron",
    summary: "tau dV/dt = (E_rest - V) + g_e (E_exc - V) + g_i (E_inh - V) + X; g_e, g_i decay \
              (w > 0 -> g_e += w, w < 0 -> g_i -= w); V > V_thresh + theta -> spike, V = \
              V_reset for t_ref, theta += theta_plus, tau_theta dtheta/dt = -theta. RK45.",
    citation: "Diehl & Cook (2015) Unsupervised learning of digit recognition using \
               spike-timing-dependent plasticity, Front. Comput. Neurosci. 9:99 (Methods: \
               neuron model, adaptive threshold and parameters)",
    input_unit: "mV",
    params: {
        tau: standard::tau_m(100.0),
        e_rest: param("mV", -65.0, Finite, "resting potential"),
        v_reset: standard::v_reset(-65.0),
        v_thresh: standard::v_th(-52.0),
        e_exc: param("mV", 0.0, Finite, "excitatory reversal potential"),
        e_inh: param("mV", -100.0, Finite, "inhibitory reversal potential"),
        tau_ge: param("ms", 1.0, Positive, "excitatory conductance time constant"),
        tau_gi: param("ms", 2.0, Positive, "inhibitory conductance time constant"),
        t_ref: standard::t_ref(5.0),
        theta_plus: param("mV", 0.05, NonNegative, "threshold increase per spike"),
        tau_theta: param("ms", 1e7, Positive, "threshold decay time constant"),
        theta_init: param("mV", 0.0, Finite, "initial threshold increase"),
        v_init: standard::v_init(-65.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        g_e: ("1", "excitatory conductance relative to the leak"),
        g_i: ("1", "inhibitory conductance relative to the leak"),
        theta: ("mV", "homeostatic threshold increase"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "w > 0 -> g_e += w; w < 0 -> g_i += -w (conductances relative to the leak)",
    require: [v_reset < v_thresh, v_init < v_thresh],
    drive: 40.0,
    build: point,
}

/// Constants: parameters, the threshold decay per step and the refractory time.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    decay_theta: f64,
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            decay_theta: (-dt / p.tau_theta).exp(),
            t_ref: whole_steps(p.t_ref, dt),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            theta: c.p.theta_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let x = input.current;
        let clamp = if refractory { 0.0 } else { 1.0 };
        let y = rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            |y: Vars| Vars {
                v: clamp
                    * ((p.e_rest - y.v) + y.g_e * (p.e_exc - y.v) + y.g_i * (p.e_inh - y.v) + x)
                    / p.tau,
                g_e: -y.g_e / p.tau_ge,
                g_i: -y.g_i / p.tau_gi,
                ..Vars::default()
            },
            |_, _| None,
        );
        s.v = y.v;
        s.g_e = y.g_e + input.jump.max(0.0);
        s.g_i = y.g_i + (-input.jump).max(0.0);
        s.theta *= c.decay_theta;
        if !refractory && s.v > p.v_thresh + s.theta {
            s.v = p.v_reset;
            s.theta += p.theta_plus;
            s.refractory = c.t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// X = 40 mV, no synaptic input: V(t) = -25 - 40 e^{-t/100} crosses -52 + n 0.05 mV
    /// after n spikes: interval n is t_ref + 100 ln(40 / (27 - 0.05 n)) (theta hardly decays:
    /// tau_theta = 1e7 ms). The first spike is at 100 ln(40/27) = 39.3 ms and the threshold
    /// has risen by 0.05 mV per spike.
    #[test]
    fn intervals_grow_with_the_homeostatic_threshold() {
        let dt = 0.01;
        let times = spike_times(&MODEL, &[], 40.0, dt, 1000.0);
        let t1 = 100.0 * (40.0f64 / 27.0).ln();
        assert!((times[0] - t1).abs() <= dt + 1e-6, "{} vs {t1}", times[0]);
        for (n, w) in times.windows(2).enumerate().take(10) {
            let th = 0.05 * (n + 1) as f64;
            let isi = 5.0 + 100.0 * (40.0 / (27.0 - th)).ln();
            assert!(
                (w[1] - w[0] - isi).abs() <= dt + 1e-3,
                "{} vs {isi}",
                w[1] - w[0]
            );
        }
    }
}
