//! Leaky integrate-and-fire neuron with an adaptive (dynamic) threshold: the threshold
//! jumps at each spike and relaxes exponentially to its resting value (Gabbiani & Cox 2017;
//! the "threshold fatigue" model of Chacron, Pakdaman & Longtin 2003).
//!
//! C_m dV/dt = -C_m (V - E_L)/tau_m + I + I_e,  tau_th dth/dt = th_0 - th;
//! V > th -> spike, V = V_reset, th += delta_th.
//! Defaults: Gabbiani & Cox's adaptive-threshold integrate-and-fire simulation:
//! C_m = 2 nF, tau_m = 20 ms, potentials measured from rest (E_L = V_reset = 0 mV),
//! th_0 = 8 mV, delta_th = 4 mV, tau_th = 80 ms (driven there by 2 nA).
//!
//! Numerics: both equations are linear and are integrated exactly over each step with I
//! held; delta-synapse jumps are added to V after the step; the threshold is checked at the
//! end of the step. No refractory period (none in the source).

use crate::define::*;

crate::model! {
    name: "adaptive_threshold_if",
    class: "AdaptiveThresholdIFNeuron",
    summary: "C_m dV/dt = -C_m (V - E_L)/tau_m + I + I_e, tau_th dth/dt = th_0 - th; V > th -> \
              spike, V = V_reset, th += delta_th. Exact integration.",
    citation: "Gabbiani & Cox (2017) Mathematics for Neuroscientists, 2nd ed., Academic \
               Press (adaptive-threshold LIF simulation and its parameters); Chacron, Pakdaman \
               & Longtin (2003) Neural Comput. 15:253-278 (threshold fatigue)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(2000.0),
        tau_m: standard::tau_m(20.0),
        e_l: standard::e_l(0.0),
        v_reset: standard::v_reset(0.0),
        th_0: param("mV", 8.0, Finite, "resting threshold"),
        delta_th: param("mV", 4.0, NonNegative, "threshold increment per spike"),
        tau_th: param("ms", 80.0, Positive, "threshold recovery time constant"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(0.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        th: ("mV", "spike threshold"),
    },
    membrane: v,
    require: [v_reset < th_0, v_init < th_0],
    drive: 2000.0,
    build: point,
}

/// Constants: parameters and the step decays of V and th.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    decay_v: f64,
    decay_th: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            decay_v: (-dt / p.tau_m).exp(),
            decay_th: (-dt / p.tau_th).exp(),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            th: c.p.th_0,
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let v_inf = p.e_l + p.tau_m / p.c_m * (input.current + p.i_e);
        s.v = v_inf + (s.v - v_inf) * c.decay_v + input.jump;
        s.th = p.th_0 + (s.th - p.th_0) * c.decay_th;
        if s.v > s.th {
            s.v = p.v_reset;
            s.th += p.delta_th;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// 2 nA (V_inf = 20 mV): the first spike at tau_m ln(20 / 12) = 10.22 ms; the steady
    /// interval T solves 20 (1 - e^{-T/20}) = 8 + (th_s - 8) e^{-T/80} with th_s = that
    /// value + 4 (the threshold just after a spike), solved here by fixed-point iteration.
    #[test]
    fn first_and_adapted_intervals_match_the_closed_form() {
        let dt = 0.001;
        let times = spike_times(&MODEL, &[], 2000.0, dt, 600.0);
        let t1 = 20.0 * (20.0f64 / 12.0).ln();
        assert!((times[0] - t1).abs() <= dt + 1e-9, "{} vs {t1}", times[0]);
        // Steady state: find T with V(T) = th(T), th_s = th(T) + 4.
        let mut th_s: f64 = 12.0;
        let mut t_ss = 0.0;
        for _ in 0..200 {
            let (mut lo, mut hi) = (0.0, 500.0);
            for _ in 0..80 {
                let m = 0.5 * (lo + hi);
                let gap =
                    20.0 * (1.0 - (-m / 20.0f64).exp()) - 8.0 - (th_s - 8.0) * (-m / 80.0f64).exp();
                if gap > 0.0 { hi = m } else { lo = m }
            }
            t_ss = lo;
            th_s = 8.0 + (th_s - 8.0) * (-t_ss / 80.0f64).exp() + 4.0;
        }
        let isi = times[times.len() - 1] - times[times.len() - 2];
        assert!(t_ss > 1.5 * t1, "adaptation: {t_ss} vs {t1}");
        assert!((isi - t_ss).abs() <= 2.0 * dt, "{isi} vs {t_ss}");
    }
}
