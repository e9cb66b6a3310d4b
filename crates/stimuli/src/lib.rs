#![doc = include_str!("../README.md")]

mod poisson;
mod spec;
mod step_current;
mod timed_array;
mod values;
mod window;

pub use poisson::{PoissonBlock, PoissonInput, PoissonTable, TABLE_MAX_LAMBDA};
pub use spec::{InputKind, StimulusBlock, StimulusSpec};
pub use step_current::{StepCurrent, StepCurrentBlock};
pub use timed_array::{TimedArray, TimedArrayBlock};
pub use values::ScalarOrVec;
pub use window::Window;

/// The most common imports.
pub mod prelude {
    pub use crate::{PoissonInput, StepCurrent, StimulusSpec, TimedArray};
}
