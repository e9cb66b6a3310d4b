#![doc = include_str!("../README.md")]

pub mod define;
pub mod docs;
pub mod integrate;
mod model;
mod models;
mod omitted;
mod params;
pub mod point;
mod registry;

pub use model::{BuildContext, ModelInfo, NeuronKernel, NoDrive, Preset, StateSpec, StepInput};
pub use models::*;
pub use omitted::OMITTED;
pub use params::{ParamArray, ParamValue, Params, no_cross_checks};
pub use registry::{MODELS, lookup};

/// The most common imports.
pub mod prelude {
    pub use crate::{ModelInfo, ParamValue, Params, lookup};
}
