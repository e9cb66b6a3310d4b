//! Parametric leaky integrate-and-fire neuron (PLIF; Fang et al. 2021), in continuous time.
//!
//! Fang et al. (2021, Sec. 3) define the neuron by tau dV/dt = -(V - V_reset) + X(t) with a
//! learnable membrane time constant parameterised as 1/tau = k(a) = sigmoid(a) = 1/(1 +
//! e^-a) (tau > 1 in units of the network's time step), and fire when V >= V_th,
//! after which V = V_reset (hard reset). Their network iterates the Euler form
//! H[t] = V[t-1] + k(a) (X[t] - (V[t-1] - V_reset)) with one step per time step. Here the
//! continuous equation is integrated exactly over each network step with X held, with the
//! time unit of the paper's step mapped to `t_step` ms: tau_m = t_step / sigmoid(a) ms.
//! Defaults: V_th = 1, V_reset = 0, a = 0 (tau = 2 steps, the paper's initial value;
//! SpikingJelly `ParametricLIFNode(init_tau = 2)`). Input X is dimensionless (in units of
//! the threshold scale); delta-synapse jumps are added to V at the end of the step.

use crate::define::*;

crate::model! {
    name: "parametric_lif",
    class: "ParametricLIFNeuron",
    summary: "PLIF: tau dV/dt = -(V - V_reset) + X, 1/tau = sigmoid(a) per t_step ms (tau_m = \
              t_step / sigmoid(a)); V >= V_th -> spike, V = V_reset. Exact integration in \
              continuous time.",
    citation: "Fang, Yu, Chen, Masquelier, Huang & Tian (2021) Incorporating learnable \
               membrane time constant to enhance learning of spiking neural networks, Proc. \
               IEEE/CVF ICCV 2021, pp. 2661-2671 (Sec. 3: neuron equation and 1/tau = sigmoid(a); initial tau = 2)",
    input_unit: "1",
    params: {
        a: param("1", 0.0, Finite, "learnable parameter: 1/tau = sigmoid(a) per time step"),
        t_step: param("ms", 1.0, Positive, "duration of the paper's time step"),
        v_th: param("1", 1.0, Finite, "firing threshold"),
        v_reset: param("1", 0.0, Finite, "reset (and resting) potential"),
        v_init: param("1", 0.0, Finite, "initial potential"),
    },
    state: {
        v: ("1", "membrane potential"),
    },
    membrane: v,
    require: [v_reset < v_th, v_init < v_th],
    drive: 2.0,
    build: point,
}

/// Constants: the parameters and the step's decay exp(-dt / tau_m).
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    decay: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let k = 1.0 / (1.0 + (-p.a).exp());
        Consts {
            p: *p,
            decay: (-dt * k / p.t_step).exp(),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars { v: c.p.v_init }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let v_inf = c.p.v_reset + input.current;
        s.v = v_inf + (s.v - v_inf) * c.decay + input.jump;
        if s.v >= c.p.v_th {
            s.v = c.p.v_reset;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// With tau = 2 steps of 1 ms and X = 2, V(t) = 2 (1 - e^{-t/2}) reaches 1 at
    /// t = 2 ln 2 = 1.386 ms: the interval, within one step above it.
    #[test]
    fn interval_is_tau_ln2() {
        let dt = 0.001;
        let times = spike_times(&MODEL, &[], 2.0, dt, 20.0);
        let period = 2.0 * 2f64.ln();
        assert!(times.len() > 10);
        for isi in times.windows(2).map(|w| w[1] - w[0]) {
            assert!(isi >= period - 1e-9 && isi <= period + dt + 1e-9, "{isi}");
        }
    }

    /// a = ln 3: sigmoid = 3/4, tau = 4/3 steps; with t_step = 2 ms, tau_m = 8/3 ms and the
    /// interval at X = 2 is (8/3) ln 2.
    #[test]
    fn learnable_time_constant_sets_the_interval() {
        let dt = 0.001;
        let times = spike_times(&MODEL, &[("a", 3f64.ln()), ("t_step", 2.0)], 2.0, dt, 20.0);
        let period = 8.0 / 3.0 * 2f64.ln();
        let isi = times[1] - times[0];
        assert!((isi - period).abs() <= dt + 1e-9, "{isi} vs {period}");
    }
}
