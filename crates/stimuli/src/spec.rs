//! One type over every stimulus, so that the engine handles them uniformly: check against the
//! target population, build one runtime block per neuron block, call `add` every step.

use std::ops::Range;

use sc_neurocore_core::{Error, Result, TimeGrid};

use crate::{
    PoissonBlock, PoissonInput, StepCurrent, StepCurrentBlock, TimedArray, TimedArrayBlock,
};

/// Which input of the target neurons a stimulus drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Instantaneous jumps of the membrane variable, like delta synapses (Poisson input:
    /// `weight` per input spike, in the membrane variable's unit).
    Jump,
    /// A current held over the step, in the target model's input unit (step currents and
    /// timed arrays).
    Current,
}

/// Any stimulus specification.
#[derive(Debug, Clone, PartialEq)]
pub enum StimulusSpec {
    /// Poisson spike-train input.
    Poisson(PoissonInput),
    /// A current switched on and off.
    Step(StepCurrent),
    /// A sampled time-varying current.
    Timed(TimedArray),
}

impl From<PoissonInput> for StimulusSpec {
    fn from(s: PoissonInput) -> Self {
        StimulusSpec::Poisson(s)
    }
}

impl From<StepCurrent> for StimulusSpec {
    fn from(s: StepCurrent) -> Self {
        StimulusSpec::Step(s)
    }
}

impl From<TimedArray> for StimulusSpec {
    fn from(s: TimedArray) -> Self {
        StimulusSpec::Timed(s)
    }
}

impl StimulusSpec {
    /// The class name users know it by (`PoissonInput`, `StepCurrent`, `TimedArray`).
    pub fn kind_name(&self) -> &'static str {
        match self {
            StimulusSpec::Poisson(_) => "PoissonInput",
            StimulusSpec::Step(_) => "StepCurrent",
            StimulusSpec::Timed(_) => "TimedArray",
        }
    }

    /// The number of neurons it is for, or `None` when it fits a population of any size.
    pub fn n(&self) -> Option<usize> {
        match self {
            StimulusSpec::Poisson(s) => Some(s.n()),
            StimulusSpec::Step(s) => s.n(),
            StimulusSpec::Timed(s) => s.n(),
        }
    }

    /// Which input of the target it adds to.
    pub fn input_kind(&self) -> InputKind {
        match self {
            StimulusSpec::Poisson(_) => InputKind::Jump,
            StimulusSpec::Step(_) | StimulusSpec::Timed(_) => InputKind::Current,
        }
    }

    /// Build-time check against the target population (`target` names it in messages, e.g.
    /// `Population 'exc'`) of `target_n` neurons on `grid`: the sizes must match (a stimulus
    /// is never broadcast) and a step current's or Poisson input's window must cover at least one
    /// step.
    pub fn check(&self, target: &str, target_n: usize, grid: &TimeGrid) -> Result<()> {
        if let Some(n) = self.n()
            && n != target_n
        {
            return Err(Error::shape(
                format!("{} -> {target}", self.kind_name()),
                "n",
                n,
                format!(
                    "{target_n} (the size of {target}; a stimulus is not broadcast to another \
                     size)"
                ),
            ));
        }
        match self {
            StimulusSpec::Step(s) => s.check_grid(grid),
            StimulusSpec::Poisson(s) => s.window().check_grid("PoissonInput", grid),
            StimulusSpec::Timed(_) => Ok(()),
        }
    }

    /// The runtime block for `neurons` of the target (after [`StimulusSpec::check`]).
    /// `network_seed` and `object` (the stimulus's index in the network) key the random
    /// streams of a Poisson input and are ignored by deterministic stimuli.
    pub fn block(
        &self,
        network_seed: u64,
        object: u32,
        neurons: Range<usize>,
        grid: &TimeGrid,
    ) -> StimulusBlock {
        match self {
            StimulusSpec::Poisson(s) => {
                StimulusBlock::Poisson(s.block(network_seed, object, neurons, grid))
            }
            StimulusSpec::Step(s) => StimulusBlock::Step(s.block(neurons, grid)),
            StimulusSpec::Timed(s) => StimulusBlock::Timed(s.block(neurons, grid)),
        }
    }
}

/// The runtime part of any stimulus for one contiguous block of neurons.
#[derive(Debug, Clone)]
pub enum StimulusBlock {
    /// See [`PoissonBlock`].
    Poisson(PoissonBlock),
    /// See [`StepCurrentBlock`].
    Step(StepCurrentBlock),
    /// See [`TimedArrayBlock`].
    Timed(TimedArrayBlock),
}

impl StimulusBlock {
    /// The neurons of the target this block drives.
    pub fn neurons(&self) -> Range<usize> {
        match self {
            StimulusBlock::Poisson(b) => b.channels(),
            StimulusBlock::Step(b) => b.neurons(),
            StimulusBlock::Timed(b) => b.neurons(),
        }
    }

    /// Adds this step's input for the block's neurons to `out` (one entry per neuron of the
    /// block). Never fails.
    #[inline]
    pub fn add(&mut self, step: u64, out: &mut [f64]) {
        match self {
            StimulusBlock::Poisson(b) => b.add(step, out),
            StimulusBlock::Step(b) => b.add(step, out),
            StimulusBlock::Timed(b) => b.add(step, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_must_match_the_target() {
        let g = TimeGrid::new(1e-3).unwrap();
        let p: StimulusSpec = PoissonInput::new(80, 100.0, 2.0).unwrap().into();
        assert_eq!((p.kind_name(), p.n()), ("PoissonInput", Some(80)));
        assert_eq!(p.input_kind(), InputKind::Jump);
        assert!(p.check("Population 'exc'", 80, &g).is_ok());
        assert_eq!(
            p.check("Population 'inh'", 20, &g).unwrap_err().to_string(),
            "PoissonInput -> Population 'inh': n has size 80, expected 20 (the size of \
             Population 'inh'; a stimulus is not broadcast to another size)"
        );
        let s: StimulusSpec = StepCurrent::new(0.1, 0.4, 5.0).unwrap().into();
        assert_eq!((s.n(), s.input_kind()), (None, InputKind::Current));
        assert!(s.check("Population 'inh'", 20, &g).is_ok());
        let t: StimulusSpec = TimedArray::per_neuron(vec![0.0; 6], 3, 1e-3)
            .unwrap()
            .into();
        assert_eq!((t.kind_name(), t.n()), ("TimedArray", Some(3)));
        assert!(
            t.check("Population 'x'", 4, &g)
                .unwrap_err()
                .to_string()
                .starts_with("TimedArray -> Population 'x': n has size 3, expected 4")
        );
        let short: StimulusSpec = StepCurrent::new(0.1, 0.1001, 5.0).unwrap().into();
        assert!(short.check("Population 'exc'", 80, &g).is_err());
    }

    #[test]
    fn blocks_add_through_the_common_interface() {
        let g = TimeGrid::new(1e-3).unwrap();
        let specs: Vec<StimulusSpec> = vec![
            StepCurrent::new(0.0, 0.002, 1.0).unwrap().into(),
            TimedArray::new(vec![10.0, 20.0], 1e-3).unwrap().into(),
            PoissonInput::new(4, 0.0, 1.0).unwrap().into(),
        ];
        let mut blocks: Vec<StimulusBlock> = specs
            .iter()
            .enumerate()
            .map(|(i, s)| s.block(1, i as u32, 2..4, &g))
            .collect();
        let mut got = Vec::new();
        for k in 0..3 {
            let mut out = [0.0; 2];
            for b in &mut blocks {
                assert_eq!(b.neurons(), 2..4);
                b.add(k, &mut out);
            }
            got.push(out);
        }
        assert_eq!(got, [[11.0, 11.0], [21.0, 21.0], [20.0, 20.0]]);
    }
}
