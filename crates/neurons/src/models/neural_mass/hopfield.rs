//! The continuous Hopfield unit as The Virtual Brain's `Hopfield` node model implements it
//! (static-threshold form): the graded-response neuron of Hopfield (1984) whose state x
//! relaxes with time constant tau_x towards its input,
//!
//! tau_x dx/dt = -x + I,
//!
//! where I (unit "1") is what TVB's coupling delivers: the weighted sum of the other nodes'
//! sigmoid outputs (TVB's `PostSigmoidal`/`PreSigmoidal` coupling carries the sigmoid, the
//! node itself is linear). Defaults: TVB's `taux` = 1 (TVB's time unit, ms). TVB's optional
//! dynamic threshold (`dynamic = 1`: tau_theta dtheta/dt = -theta + c_1, with c_1 a second
//! coupling term) needs a second input the single-input node does not receive and is not
//! included.
//!
//! Rate unit: emits no spikes; its state `x` is the output. A delta-synapse weight w adds w
//! to x at the end of the step. Numerics: exact (exponential) update, the input held over
//! the step.

use crate::define::*;

crate::model! {
    name: "hopfield",
    class: "HopfieldNeuron",
    summary: "Rate unit (emits no spikes; its state x is the output): continuous Hopfield \
              (1984) unit as TVB's Hopfield node, tau_x dx/dt = -x + I, I the (already \
              sigmoid-transformed) input. Exact exponential update.",
    citation: "Hopfield (1984) Proc. Natl. Acad. Sci. USA 81:3088-3092; as The Virtual \
               Brain's Hopfield model (Sanz-Leon et al. 2015 NeuroImage 111:385-430)",
    input_unit: "1",
    params: {
        tau_x: param("ms", 1.0, Positive, "relaxation time constant of x (TVB taux)"),
        i_e: standard::i_e_in("1", 0.0),
        x_init: standard::init("1", 0.0, "initial state x"),
    },
    state: {
        x: ("1", "unit state (the output)"),
    },
    membrane: x,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars { x: p.x_init }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let target = input.current + p.i_e;
        s.x = integrate::relax(s.x, target / p.tau_x, 1.0 / p.tau_x, input.dt);
        s.x += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// The unit relaxes as x(t) = I + (x0 - I) exp(-t / tau_x): after t = tau_x, 2 tau_x
    /// and 5 tau_x from x0 = 0 with I = 0.8 and tau_x = 2 ms, x = 0.8 (1 - e^-1) = 0.5057,
    /// 0.6917 and 0.7946, within 1e-9.
    #[test]
    fn relaxes_exponentially_to_its_input() {
        let mut k = kernel(&MODEL, &[("tau_x", 2.0)], 1, 0.1, 0);
        let mut t = 0.0;
        for n in [1.0f64, 2.0, 5.0] {
            let steps = ((n * 2.0 - t) / 0.1f64).round() as usize;
            run(k.as_mut(), steps, 0.8, 0.0);
            t = n * 2.0;
            let expected = 0.8 * (1.0 - (-n).exp());
            let x = k.var(0)[0];
            assert!((x - expected).abs() < 1e-9, "t = {t}: {x} vs {expected}");
        }
    }
}
