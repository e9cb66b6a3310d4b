#![doc = include_str!("../README.md")]

mod rate;
mod spikes;
mod state;
mod steps;

pub use rate::{RateData, RateRecorder};
pub use spikes::{SpikeData, SpikeRecorder};
pub use state::{StateData, StateRecorder, check_variable};

/// The most common imports.
pub mod prelude {
    pub use crate::{RateData, SpikeData, StateData};
}
