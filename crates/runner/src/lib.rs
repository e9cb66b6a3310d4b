#![doc = include_str!("../README.md")]

mod build;
mod channel;
mod engine;
mod monitors;
pub mod nmda;
mod plastic;
mod schedule;
mod spec;

pub use build::{MAX_DELAY_STEPS, delay_to_steps};
pub use engine::{NetworkRunner, RunConfig};
pub use spec::{
    Connectivity, Delay, InitialSynapticState, MAX_REDRAWS, MonitorSpec, Network, PopulationId,
    PopulationSpec, ProjectionSpec, StimulusEntry, SynapseKind, SynapseOptions, TruncatedNormal,
};

/// The most common imports.
pub mod prelude {
    pub use crate::{
        Connectivity, Delay, MonitorSpec, Network, NetworkRunner, ProjectionSpec, RunConfig,
        SynapseKind, TruncatedNormal,
    };
}
