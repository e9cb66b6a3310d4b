//! Leaky integrate-and-fire neuron with a spike-rate adaptation (SRA) conductance (Dayan &
//! Abbott 2001, sec. 5.4, spike-rate adaptation, and Fig. 5.6).
//!
//! tau_m dV/dt = E_L - V - r_m g_sra (V - E_K) + r_m (I + I_e),
//! tau_sra dg/dt = -g with g = r_m g_sra (dimensionless);
//! V >= V_th -> spike, V = V_reset, g += delta_g.
//! Defaults: Dayan & Abbott Fig. 5.6: tau_m = 10 ms, E_L = -70 mV, V_th = -54 mV,
//! V_reset = -80 mV, E_K = -70 mV, r_m delta g_sra = 0.06, tau_sra = 100 ms, r_m = 10 MOhm.
//!
//! Numerics: classical Runge-Kutta on equal sub-steps of at most 0.05 ms (the system is
//! smooth; its fastest rate is (1 + g)/tau_m); the threshold is checked at the end of each
//! network step, after the delta-synapse jumps are added to V. No refractory period.

use crate::define::*;
use integrate::{rk4_steps, sub_steps};

crate::model! {
    name: "sfa",
    class: "SFANeuron",
    summary: "tau_m dV/dt = E_L - V - g (V - E_K) + r_m (I + I_e), tau_sra dg/dt = -g; \
              V >= V_th -> spike, V = V_reset, g += delta_g. RK4 sub-steps <= 0.05 ms.",
    citation: "Dayan & Abbott (2001) Theoretical Neuroscience, MIT Press, sec. 5.4 \
               (spike-rate adaptation) and Fig. 5.6 (parameters)",
    input_unit: "pA",
    params: {
        tau_m: standard::tau_m(10.0),
        r_m: param("MOhm", 10.0, Positive, "membrane resistance"),
        e_l: standard::e_l(-70.0),
        e_k: param("mV", -70.0, Finite, "reversal potential of the adaptation conductance"),
        v_th: standard::v_th(-54.0),
        v_reset: standard::v_reset(-80.0),
        delta_g: param("1", 0.06, NonNegative, "r_m times the conductance increment per spike"),
        tau_sra: param("ms", 100.0, Positive, "adaptation time constant"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        g: ("1", "adaptation conductance relative to the leak (r_m g_sra)"),
    },
    membrane: v,
    require: [v_reset < v_th, v_init < v_th],
    drive: 2500.0,
    build: point,
}

/// Longest RK4 sub-step, ms.
const H_MAX: f64 = 0.05;

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        Vars {
            v: p.v_init,
            g: 0.0,
        }
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let drive = p.e_l + p.r_m * (input.current + p.i_e) / 1000.0;
        *s = rk4_steps(*s, input.dt, *n, |y: Vars| Vars {
            v: (drive - y.v - y.g * (y.v - p.e_k)) / p.tau_m,
            g: -y.g / p.tau_sra,
        });
        s.v += input.jump;
        if s.v >= p.v_th {
            s.v = p.v_reset;
            s.g += p.delta_g;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// 2.5 nA (r_m I = 25 mV): the first interval from rest is the LIF's, tau_m ln(25 / 9)
    /// = 10.22 ms; later intervals lengthen (adaptation), and the late rate is lower than the
    /// first (Dayan & Abbott Fig. 5.6).
    #[test]
    fn first_spike_is_the_lif_time_and_intervals_lengthen() {
        let dt = 0.005;
        let times = spike_times(&MODEL, &[], 2500.0, dt, 500.0);
        let t1 = 10.0 * (25.0f64 / 9.0).ln();
        assert!((times[0] - t1).abs() <= dt + 1e-6, "{} vs {t1}", times[0]);
        let first = times[1] - times[0];
        let last = times[times.len() - 1] - times[times.len() - 2];
        assert!(last > 1.2 * first, "{first} -> {last}");
        // Without adaptation, every interval is the LIF interval from V_reset:
        // 10 ln((25 + 10) / 9) = 13.58 ms.
        let plain = spike_times(&MODEL, &[("delta_g", 0.0)], 2500.0, dt, 100.0);
        let lif = 10.0 * (35.0f64 / 9.0).ln();
        assert!((plain[2] - plain[1] - lif).abs() <= dt + 1e-6);
    }
}
