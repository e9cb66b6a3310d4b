#![doc = include_str!("../README.md")]

pub use sc_neurocore_core as core;
pub use sc_neurocore_neurons as neurons;
pub use sc_neurocore_runner as runner;

#[cfg(feature = "analysis")]
pub use sc_neurocore_analysis as analysis;
#[cfg(feature = "monitors")]
pub use sc_neurocore_monitors as monitors;
#[cfg(feature = "mpi")]
pub use sc_neurocore_mpi as mpi;
#[cfg(feature = "plasticity")]
pub use sc_neurocore_plasticity as plasticity;
#[cfg(feature = "stimuli")]
pub use sc_neurocore_stimuli as stimuli;
#[cfg(feature = "topology")]
pub use sc_neurocore_topology as topology;
#[cfg(feature = "zoo")]
pub use sc_neurocore_zoo as zoo;

/// Everything a typical program needs.
pub mod prelude {
    pub use sc_neurocore_core::prelude::*;
    pub use sc_neurocore_neurons::prelude::*;
    pub use sc_neurocore_runner::prelude::*;
}
