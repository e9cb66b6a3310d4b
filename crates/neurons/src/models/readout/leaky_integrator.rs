//! NIR leaky integrator (`nir.LI`): the non-spiking readout unit of the Neuromorphic
//! Intermediate Representation (Pedersen et al. 2024, Nat. Commun. 15:8122).
//!
//! tau dv/dt = (v_leak - v) + r I
//!
//! Readout unit: emits no spikes; its state `v` is the output. Integrated exactly for the
//! input I held over the step: v <- v_inf + (v - v_inf) e^{-dt/tau}, v_inf = v_leak + r I;
//! a delta-synapse weight w is added to v at the end of the step. NIR's parameter names
//! (tau, r, v_leak); NIR is unit-free except that its time constants are in seconds: here
//! tau is in ms (tau_ms = 1000 tau_NIR), v and I dimensionless ("1"). NIR gives no
//! defaults: tau = 10 ms, r = 1, v_leak = 0 are ours; v starts at v_leak.

use crate::define::*;

crate::model! {
    name: "leaky_integrator",
    class: "LeakyIntegratorNeuron",
    summary: "Readout unit: emits no spikes; its state v is the output. NIR LI: tau dv/dt = \
              (v_leak - v) + r I, integrated exactly for I held over the step.",
    citation: "Pedersen, Abreu, Jobst, Lenz, Fra, Bauer, Muir, Zhou, Vogginger, Heckel, \
               Urgese, Shankar, Stewart, Sheik & Eshraghian (2024) Neuromorphic \
               intermediate representation: a unified instruction set for interoperable \
               brain-inspired computing, Nat. Commun. 15:8122; nir.LI (nir 1.0)",
    input_unit: "1",
    params: {
        tau: param("ms", 10.0, Positive, "time constant (NIR's tau, in ms here)"),
        r: param("1", 1.0, Finite, "input resistance R"),
        v_leak: param("1", 0.0, Finite, "leak (resting) value; v starts here"),
    },
    state: {
        v: ("1", "integrator value (the output)"),
    },
    membrane: v,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> Self::Consts {
        (*p, (-dt / p.tau).exp())
    }

    fn init((p, _): &Self::Consts) -> Vars {
        Vars { v: p.v_leak }
    }

    #[inline(always)]
    fn step((p, decay): &Self::Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let v_inf = p.v_leak + p.r * input.current;
        s.v = v_inf + (s.v - v_inf) * decay + input.jump;
        false
    }
}

/// Helpers for the family's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    pub(crate) use super::super::super::neuromorphic::loihi_cuba::testing::kernel;
    use crate::{NeuronKernel, StepInput};

    /// Steps `k` `steps` times with constant `current`; state variable `m` at the end, and
    /// whether any step spiked.
    pub(crate) fn hold(
        k: &mut dyn NeuronKernel,
        m: usize,
        current: f64,
        steps: usize,
    ) -> (f64, bool) {
        let mut spikes = Vec::new();
        for _ in 0..steps {
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[current],
                },
                &mut spikes,
            );
        }
        (k.var(m)[0], !spikes.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{hold, kernel};
    use super::*;

    /// Exact relaxation: v(t) = v_leak + r I (1 - e^{-t/tau}); tau = 10 ms, r = 2,
    /// v_leak = -1, I = 0.75, t = 7 ms: v = -1 + 1.5 (1 - e^{-0.7}) = -0.244878, the same at
    /// dt = 0.1 and 1 ms to rounding.
    #[test]
    fn relaxes_exactly() {
        let want = -1.0 + 1.5 * (1.0 - (-0.7f64).exp());
        assert!((want + 0.244_878).abs() < 1e-6);
        for (dt, n) in [(0.1, 70), (1.0, 7)] {
            let mut k = kernel(&MODEL, &[("r", 2.0), ("v_leak", -1.0)], dt);
            let (v, spiked) = hold(k.as_mut(), 0, 0.75, n);
            assert!((v - want).abs() < 1e-12, "dt {dt}: {v} vs {want}");
            assert!(!spiked);
        }
    }
}
