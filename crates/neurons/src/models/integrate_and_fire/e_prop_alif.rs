//! Adaptive leaky integrate-and-fire neuron of e-prop (ALIF; Bellec et al. 2020), in
//! continuous time.
//!
//! Bellec et al. (2020, Methods, "Neuron models") define the ALIF by the exact propagator
//! of tau_m dv/dt = -v with inputs as jumps, v^{t+1} = alpha v^t + sum W z + sum W x -
//! z^t v_th, alpha = exp(-dt/tau_m), an adaptive threshold A^t = v_th + beta a^t,
//! a^{t+1} = rho a^t + z^t, rho = exp(-dt/tau_a), and a spike z = H(v - A) that is
//! suppressed for a refractory period (v keeps integrating). In continuous time:
//! dv/dt = -v/tau_m + I (I: held input, 1/ms; delta-synapse weights jump v),
//! tau_a da/dt = -a; v > v_th + beta a (not refractory) -> spike, v -= v_th, a += 1,
//! no spike for t_ref. Both linear equations are integrated exactly over each step; the
//! threshold is checked at the end of the step (after the jumps), and the reset by
//! subtraction and the threshold jump act there.
//! Defaults: the published evidence-accumulation task (Fig. 3; code of the paper): tau_m =
//! 20 ms, tau_a = 2000 ms, v_th = 0.6, refractory 5 ms, beta = 1.7 (1 - rho)/(1 - alpha) =
//! 0.0174 at dt = 1 ms.

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "e_prop_alif",
    class: "EPropALIFNeuron",
    summary: "ALIF (e-prop): dv/dt = -v/tau_m + I, tau_a da/dt = -a; v > v_th + beta a -> \
              spike, v -= v_th, a += 1, no spike for t_ref (v keeps integrating). Exact \
              integration.",
    citation: "Bellec, Scherr, Subramoney, Hajek, Salaj, Legenstein & Maass (2020) A solution \
               to the learning dilemma for recurrent networks of spiking neurons, Nat. \
               Commun. 11:3625 (Methods, ALIF; Fig. 3 parameters, code of the paper)",
    input_unit: "1/ms",
    params: {
        tau_m: standard::tau_m(20.0),
        tau_a: param("ms", 2000.0, Positive, "threshold adaptation time constant"),
        v_th: param("1", 0.6, Positive, "baseline threshold (and reset decrement)"),
        beta: param("1", 0.0174, NonNegative, "threshold increase per unit of a"),
        t_ref: standard::t_ref(5.0),
        v_init: param("1", 0.0, Finite, "initial potential"),
    },
    state: {
        v: ("1", "membrane potential"),
        a: ("1", "threshold adaptation variable"),
        refractory: ("ms", "refractory time left (no spikes)"),
    },
    membrane: v,
    drive: 0.1,
    build: point,
}

/// Constants: parameters, step decays of v and a, refractory time on the step grid.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    decay_v: f64,
    decay_a: f64,
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            decay_v: (-dt / p.tau_m).exp(),
            decay_a: (-dt / p.tau_a).exp(),
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
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let v_inf = p.tau_m * input.current;
        s.v = v_inf + (s.v - v_inf) * c.decay_v + input.jump;
        s.a *= c.decay_a;
        if !refractory && s.v > p.v_th + p.beta * s.a {
            s.v -= p.v_th;
            s.a += 1.0;
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

    /// I = 0.1/ms (v_inf = 2): the first spike at tau_m ln(2 / 1.4) = 7.13 ms; the second
    /// where v(t) = 2 - (2 - v0) e^{-t/tau_m} meets v_th + beta e^{-t/tau_a}, v0 = v_1 - v_th
    /// (solved by bisection).
    #[test]
    fn first_two_spikes_match_the_closed_form() {
        let dt = 0.001;
        let times = spike_times(&MODEL, &[], 0.1, dt, 40.0);
        let t1 = 20.0 * (2.0f64 / 1.4).ln();
        assert!((times[0] - t1).abs() <= dt + 1e-9, "{} vs {t1}", times[0]);
        let v0 = 0.0; // reset from v = v_th (to within the step) by subtracting v_th
        let gap = |t: f64| {
            2.0 - (2.0 - v0) * (-t / 20.0f64).exp() - 0.6 - 0.0174 * (-t / 2000.0f64).exp()
        };
        let (mut lo, mut hi) = (0.0, 30.0);
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if gap(mid) > 0.0 { hi = mid } else { lo = mid }
        }
        let isi = times[1] - times[0];
        assert!((isi - lo).abs() < 0.01, "{isi} vs {lo}");
        assert!(lo > t1, "adaptation lengthens the second interval");
    }

    /// Refractoriness suppresses spikes for 5 ms but v keeps integrating: with a strong
    /// drive (v_inf = 20) every interval is the refractory period plus one step.
    #[test]
    fn refractory_period_bounds_the_rate() {
        let dt = 0.1;
        let times = spike_times(&MODEL, &[], 1.0, dt, 100.0);
        for isi in times.windows(2).map(|w| w[1] - w[0]) {
            assert!((isi - 5.1).abs() < 1e-6, "{isi}");
        }
    }
}
