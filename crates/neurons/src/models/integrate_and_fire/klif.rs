//! KLIF neuron (Jiang & Zhang 2023): a discrete-time leaky integrate-and-fire unit whose
//! membrane potential is passed through a learnable scaled rectifier before firing.
//!
//! Per time step (the paper's eqs., decay_input form, hard reset):
//! H[t] = V[t-1] + (X[t] - (V[t-1] - V_reset)) / tau,
//! F[t] = ReLU(k H[t]),  S[t] = Theta(F[t] - V_th),
//! V[t] = F[t] (1 - S[t]) + V_reset S[t].
//! Defaults: tau = 2, V_th = 1, V_reset = 0, k = 1 (the initial k of the paper and of
//! SpikingJelly's `KLIFNode`).
//!
//! The paper defines the neuron per time step only (no continuous form), so the map is
//! iterated on its own step period `t_step` (ms): once per `t_step` of accumulated network
//! time, at the first network step of each period, with X = the network input of that step
//! plus the delta-synapse weights received since the previous iterate. A spike is reported
//! in the network step of the iterate that produced it.

use super::super::neuromorphic::loihi_cuba::ticks;
use crate::define::*;

crate::model! {
    name: "klif",
    class: "KLIFNeuron",
    summary: "KLIF map: H = V + (X - (V - V_reset))/tau; F = ReLU(k H); S = [F >= V_th]; \
              V = S ? V_reset : F. One iterate per t_step ms of network time.",
    citation: "Jiang & Zhang (2023) KLIF: an optimized spiking neuron unit for tuning \
               surrogate gradient slope and membrane potential, Proc. IEEE ICASSP 2023 \
               (arXiv:2302.09238), neuron eqs.; SpikingJelly KLIFNode",
    input_unit: "1",
    params: {
        tau: param("1", 2.0, AtLeast(1.0), "membrane time constant in time steps"),
        k: param("1", 1.0, Positive, "learnable scaling of the rectified potential"),
        v_th: param("1", 1.0, Positive, "firing threshold"),
        v_reset: param("1", 0.0, Finite, "reset potential"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one time step"),
    },
    state: {
        v: ("1", "membrane potential after the last iterate"),
        x: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: v,
    delta_input: "w is added to the input X of the next iterate",
    require: [v_reset < v_th],
    drive: 3.0,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_reset,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        s.x += input.jump;
        let mut fired = false;
        for _ in 0..ticks(&mut s.clock, p.t_step, input.dt) {
            let h = s.v + (input.current + s.x - (s.v - p.v_reset)) / p.tau;
            s.x = 0.0;
            let f = (p.k * h).max(0.0);
            if f >= p.v_th {
                s.v = p.v_reset;
                fired = true;
            } else {
                s.v = f;
            }
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// X = 1.5, tau = 2, k = 1: H1 = 0.75, H2 = 0.75 + (1.5 - 0.75)/2 = 1.125 >= 1: a
    /// spike every second iterate (iterates at t = 0, 1, 2, ... ms; spikes at 1, 3, 5 ms,
    /// reported at the end of the network step holding the iterate).
    #[test]
    fn iterates_match_the_map() {
        let dt = 0.25;
        let times = spike_times(&MODEL, &[], 1.5, dt, 8.0);
        assert_eq!(times, [1.25, 3.25, 5.25, 7.25]);
    }

    /// k = 2 doubles the rectified potential: X = 0.8 gives F1 = 2 * 0.4 = 0.8 < 1, then
    /// F2 = 2 (0.8 + (0.8 - 0.8)/2) = 1.6 >= 1: spikes at iterates 1, 3, ...
    #[test]
    fn k_scales_the_potential() {
        let times = spike_times(&MODEL, &[("k", 2.0)], 0.8, 1.0, 6.0);
        assert_eq!(times, [2.0, 4.0, 6.0]);
    }
}
