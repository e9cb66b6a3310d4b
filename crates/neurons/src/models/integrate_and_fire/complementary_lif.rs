//! Complementary leaky integrate-and-fire neuron (CLIF; Huang et al. 2024): a discrete-time
//! LIF with a second, complementary potential m that records recent firing and deepens the
//! reset.
//!
//! Per time step (the paper's update and the authors' `CLIFSpike`):
//! u[t] = gamma u[t-1] + X[t], gamma = 1 - 1/tau;  S[t] = Theta(u[t] - V_th);
//! m[t] = m[t-1] sigmoid(u[t] / tau) + S[t];  u[t] -= S[t] (V_th + sigmoid(m[t])).
//! Defaults: tau = 2, V_th = 1 (the paper's; it has no other parameters).
//!
//! The paper defines the neuron per time step only, so the map is iterated on its own step
//! period `t_step` (ms): once per `t_step` of accumulated network time, at the first network
//! step of each period, with X = the network input of that step plus the delta-synapse
//! weights received since the previous iterate.

use super::super::neuromorphic::loihi_cuba::ticks;
use crate::define::*;

crate::model! {
    name: "complementary_lif",
    class: "ComplementaryLIFNeuron",
    summary: "CLIF map: u = (1 - 1/tau) u + X; S = [u >= V_th]; m = m sigmoid(u/tau) + S; \
              u -= S (V_th + sigmoid(m)). One iterate per t_step ms.",
    citation: "Huang et al. (2024) CLIF: complementary leaky \
               integrate-and-fire neuron for spiking neural networks, Proc. 41st ICML, PMLR \
               235 (neuron equations; authors' code CLIFSpike)",
    input_unit: "1",
    params: {
        tau: param("1", 2.0, Above(1.0), "membrane time constant in time steps"),
        v_th: param("1", 1.0, Positive, "firing threshold"),
        t_step: param("ms", 1.0, AtLeast(1e-3), "duration of one time step"),
    },
    state: {
        u: ("1", "membrane potential"),
        m: ("1", "complementary potential"),
        x: ("1", "delta-synapse input received since the last iterate"),
        clock: ("ms", "network time until the next iterate"),
    },
    membrane: u,
    delta_input: "w is added to the input X of the next iterate",
    drive: 1.5,
    build: point,
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// One CLIF iterate with input `x`; whether it spiked.
fn iterate(p: &Parameters, s: &mut Vars, x: f64) -> bool {
    s.u = (1.0 - 1.0 / p.tau) * s.u + x;
    let spike = s.u >= p.v_th;
    let sp = f64::from(spike);
    s.m = s.m * sigmoid(s.u / p.tau) + sp;
    s.u -= sp * (p.v_th + sigmoid(s.m));
    spike
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(_: &Parameters) -> Vars {
        Vars::default()
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        s.x += input.jump;
        let mut fired = false;
        for _ in 0..ticks(&mut s.clock, p.t_step, input.dt) {
            let x = input.current + s.x;
            s.x = 0.0;
            fired |= iterate(p, s, x);
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// X = 1.5: u1 = 1.5 (spike), m1 = 0 + 1 = 1, u1 = 1.5 - (1 + sigmoid(1)) = -0.231059;
    /// u2 = -0.115529 + 1.5 = 1.384471 (spike), m2 = sigmoid(0.692236) + 1 = 1.666463,
    /// u2 = 1.384471 - 1 - sigmoid(1.666463) = -0.456...
    #[test]
    fn iterates_follow_the_published_update() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let mut s = Vars::default();
        assert!(iterate(&p, &mut s, 1.5));
        assert!((s.m - 1.0).abs() < 1e-12);
        assert!((s.u - (0.5 - sigmoid(1.0))).abs() < 1e-12);
        assert!(iterate(&p, &mut s, 1.5));
        let u2 = 0.5 * (0.5 - sigmoid(1.0)) + 1.5;
        let m2 = sigmoid(u2 / 2.0) + 1.0;
        assert!((s.m - m2).abs() < 1e-12);
        assert!((s.u - (u2 - 1.0 - sigmoid(m2))).abs() < 1e-12);
    }

    /// Below threshold CLIF is the LIF map: X = 0.4 converges to u = X / (1 - gamma) = 0.8
    /// and never fires.
    #[test]
    fn subthreshold_fixed_point() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let mut s = Vars::default();
        for _ in 0..100 {
            assert!(!iterate(&p, &mut s, 0.4));
        }
        assert!((s.u - 0.8).abs() < 1e-12);
    }
}
