//! NIR integrator (`nir.I`): the non-spiking perfect integrator of the Neuromorphic
//! Intermediate Representation (Pedersen et al. 2024, Nat. Commun. 15:8122).
//!
//! dv/dt = r I
//!
//! Readout unit: emits no spikes; its state `v` is the output. Exact for the input held
//! over the step: v <- v + r I dt; a delta-synapse weight w is added to v at the end of the
//! step. NIR's parameter name r; NIR's time is in seconds, here in ms, so r here is per ms
//! (r_ms = r_NIR / 1000); v and I dimensionless. NIR gives no default: r = 1 per ms is
//! ours; v starts at 0.

use crate::define::*;

crate::model! {
    name: "integrator",
    class: "IntegratorNeuron",
    summary: "Readout unit: emits no spikes; its state v is the output. NIR Integrator: \
              dv/dt = r I, exact for I held over the step.",
    citation: "Pedersen, Abreu, Jobst, Lenz, Fra, Bauer, Muir, Zhou, Vogginger, Heckel, \
               Urgese, Shankar, Stewart, Sheik & Eshraghian (2024) Neuromorphic \
               intermediate representation: a unified instruction set for interoperable \
               brain-inspired computing, Nat. Commun. 15:8122; nir.I (nir 1.0)",
    input_unit: "1",
    params: {
        r: param("1/ms", 1.0, Finite, "input gain R (per ms here; NIR's per s / 1000)"),
    },
    state: {
        v: ("1", "integrated value (the output)"),
    },
    membrane: v,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> Self::Consts {
        (*p, dt)
    }

    fn init(_: &Self::Consts) -> Vars {
        Vars::default()
    }

    #[inline(always)]
    fn step((p, dt): &Self::Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        s.v += p.r * input.current * dt + input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::leaky_integrator::testing::{hold, kernel};
    use super::*;

    /// Linear ramp v(t) = r I t: r = 0.5 per ms, I = 3, t = 25 ms -> v = 37.5, at dt = 0.1
    /// and 0.25 ms (rounding of 250 additions: well under 1e-10).
    #[test]
    fn ramps_linearly() {
        for (dt, n) in [(0.1, 250), (0.25, 100)] {
            let mut k = kernel(&MODEL, &[("r", 0.5)], dt);
            let (v, spiked) = hold(k.as_mut(), 0, 3.0, n);
            assert!((v - 37.5).abs() < 1e-10, "dt {dt}: {v}");
            assert!(!spiked);
        }
    }
}
