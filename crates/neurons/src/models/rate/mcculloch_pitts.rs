//! McCulloch–Pitts binary threshold unit (McCulloch & Pitts 1943).
//!
//! Time is discrete, in periods of `period` ms (McCulloch & Pitts' synaptic delay). At the
//! end of every period the unit's output becomes
//!
//! y = 1 if S >= theta, else 0,
//!
//! where S is the summed weight of the delta-synapse spikes it received during that period
//! (the all-or-none activity of its afferents at the previous instant). Output 1 is a spike,
//! emitted in the network step in which the period ends; between updates the unit is silent.
//! The period is counted from t = 0 with the network's dt (updates at t = k period; a step
//! that spans several period ends updates once per end, input then counting for the first).
//!
//! Inputs: only delta-synapse spikes count (the 1943 unit's inputs are the spikes of other
//! units); the held input current is ignored, so a constant current never makes it fire.
//! Inhibition is relative: an inhibitory weight subtracts from S (McCulloch & Pitts show nets
//! with absolute inhibition and with relative inhibition equivalent).

use crate::define::*;

crate::model! {
    name: "mcculloch_pitts",
    class: "McCullochPittsNeuron",
    summary: "Binary threshold unit updated every `period` ms: y = 1 (a spike) if the summed \
              delta-synapse weights received during the period reach theta, else 0. The \
              input current is ignored.",
    citation: "McCulloch & Pitts (1943) Bull. Math. Biophys. 5:115-133",
    input_unit: "1 (ignored: the inputs are delta-synapse spikes)",
    params: {
        theta: param("1", 1.0, Finite, "threshold on the summed input weights of a period"),
        period: param("ms", 1.0, Positive, "update period (the synaptic delay of the 1943 net)"),
    },
    state: {
        y: ("1", "output of the last update (1 = spike, 0 = silent)"),
        s: ("1", "summed delta-synapse weights received since the last update"),
        elapsed: ("ms", "time since the last update"),
    },
    membrane: s,
    delta_input: "a spike of weight w adds w to the sum S of the current period",
    no_drive: NoDrive::IgnoresCurrent,
    build: point,
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
    fn step(p: &Parameters, st: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        st.s += input.jump;
        st.elapsed += input.dt;
        let mut fired = false;
        // A relative tolerance so that a period made of whole steps ends on its last step.
        while st.elapsed >= p.period * (1.0 - 1e-9) {
            st.y = if st.s >= p.theta { 1.0 } else { 0.0 };
            fired |= st.y == 1.0;
            st.s = 0.0;
            st.elapsed -= p.period;
        }
        st.elapsed = st.elapsed.max(0.0);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::sigmoid_rate::testing::kernel;
    use super::*;
    use crate::StepInput;

    /// Spike steps of a unit given (step, weight) inputs, at dt = 0.1 ms for 3 ms.
    fn fire(theta: f64, inputs: &[(usize, f64)]) -> Vec<usize> {
        let mut k = kernel(&MODEL, &[("theta", theta)], 1, 0.1, 0);
        let mut out = Vec::new();
        for step in 0..30 {
            let j: f64 = inputs.iter().filter(|x| x.0 == step).map(|x| x.1).sum();
            let mut s = Vec::new();
            k.step(
                &StepInput {
                    jump: &[j],
                    current: &[1e6],
                },
                &mut s,
            );
            if !s.is_empty() {
                out.push(step);
            }
        }
        out
    }

    /// The logical functions of McCulloch & Pitts' Fig. 1: with two unit-weight inputs in the
    /// same period, theta = 2 is AND and theta = 1 is OR; an inhibitory input vetoes; the
    /// output comes at the end of the period (t = 1 ms is step 9, t = 2 ms step 19).
    #[test]
    fn computes_the_logical_functions_on_its_period() {
        let both = [(2, 1.0), (5, 1.0)];
        assert_eq!(fire(2.0, &both), vec![9]);
        assert_eq!(fire(2.0, &[(2, 1.0)]), Vec::<usize>::new());
        assert_eq!(fire(1.0, &[(12, 1.0)]), vec![19]);
        assert_eq!(fire(1.0, &[(12, 1.0), (13, -1.0)]), Vec::<usize>::new());
        // Inputs of two periods do not add.
        assert_eq!(fire(2.0, &[(8, 1.0), (10, 1.0)]), Vec::<usize>::new());
        // A constant current is ignored.
        assert_eq!(fire(1.0, &[]), Vec::<usize>::new());
    }
}
