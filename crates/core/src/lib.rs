#![doc = include_str!("../README.md")]

mod comm;
mod csr;
mod error;
mod params;
mod ring;
mod rng;
mod time;
mod vector;

pub use comm::{Communicator, LocalCommunicator, ThreadRanks};
pub use csr::Csr;
pub use error::{Error, Result};
pub use params::{ParamSpec, ValueRange, check_value};
pub use ring::DelayRing;
pub use rng::{RngStream, StreamKind};
pub use time::TimeGrid;

/// Global neuron index across every population of a network (populations are numbered
/// consecutively in the order they were added).
pub type NeuronId = u64;

/// The most common imports.
pub mod prelude {
    pub use crate::{Csr, Error, Result, TimeGrid};
}
