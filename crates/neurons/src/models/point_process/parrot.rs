//! Parrot (relay) neuron, as NEST's `parrot_neuron`: it repeats its input spikes. NEST's
//! parrot emits, in each step, one spike event whose multiplicity is the number of spikes it
//! received, ignoring the connection weights.
//!
//! Here the engine delivers one summed delta-synapse weight per neuron and step, so the
//! parrot fires exactly once in every step whose summed delta input is positive (> 0): with
//! positive weights (the use: relaying a spike source through plastic synapses) that is
//! every step in which at least one input spike arrives; several input spikes in one step
//! give one spike (no multiplicity); negative weights can cancel positive ones. The input
//! current is ignored. The state `input` is the summed delta input of the last step.

use crate::{
    BuildContext, ModelInfo, NeuronKernel, NoDrive, StateSpec, StepInput, no_cross_checks,
};

// Written out rather than with `model!`, which needs at least one parameter (its
// `ParamArrays<'a>` has no field, and so an unused lifetime, for a model without any).

/// Registry entry.
pub static MODEL: ModelInfo = ModelInfo {
    name: "parrot",
    class_name: "ParrotNeuron",
    family: super::FAMILY,
    summary: "Relay neuron (NEST parrot_neuron): fires once in every step whose summed \
              delta-synapse input is positive; several input spikes in a step give one \
              spike; the input current is ignored.",
    citation: "NEST parrot_neuron (NEST Initiative; Gewaltig & Diesmann 2007, Scholarpedia \
               2(4):1430)",
    params: &[],
    state: &[StateSpec {
        name: "input",
        unit: "1",
        doc: "summed delta-synapse input of the last step",
    }],
    membrane: 0,
    input_unit: "pA (ignored)",
    presets: &[],
    validate: no_cross_checks,
    build,
    delta_input: Some(
        "a step whose summed weights are positive emits one spike; weights are otherwise \
         ignored",
    ),
    less_than: &[],
    drive: None,
    no_drive: Some(NoDrive::IgnoresCurrent),
    spontaneous: None,
    stochastic: false,
    module: module_path!(),
};

fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    Box::new(Parrot {
        input: vec![0.0; ctx.n],
    })
}

/// A parrot population: the last step's summed delta input per neuron.
struct Parrot {
    input: Vec<f64>,
}

impl NeuronKernel for Parrot {
    fn len(&self) -> usize {
        self.input.len()
    }

    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        let n = self.input.len();
        self.input.copy_from_slice(&input.jump[..n]);
        for (i, &j) in self.input.iter().enumerate() {
            if j > 0.0 {
                spikes.push(i as u32);
            }
        }
    }

    fn var(&self, _: usize) -> &[f64] {
        &self.input
    }

    fn var_mut(&mut self, _: usize) -> &mut [f64] {
        &mut self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Params;

    /// Fires in exactly the steps with positive summed input, whatever the current.
    #[test]
    fn repeats_its_input_spikes() {
        let params = Params::defaults(&MODEL, 1);
        let mut k = (MODEL.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: 0.1,
            seed: 0,
            first_id: 0,
        });
        let jumps = [0.0, 1.0, 0.0, 2.5, -1.0, 0.3, 0.0];
        let mut fired = Vec::new();
        for &j in &jumps {
            let mut s = Vec::new();
            k.step(
                &StepInput {
                    jump: &[j],
                    current: &[1e4],
                },
                &mut s,
            );
            fired.push(!s.is_empty());
        }
        assert_eq!(fired, [false, true, false, true, false, true, false]);
        assert_eq!(k.var(0)[0], 0.0);
    }
}
