#![doc = include_str!("../README.md")]

mod bernoulli;
mod check;
mod degree;
mod lattice;
mod options;
mod rows;
mod scale_free;
mod small_world;
mod topology;
mod total;

pub use bernoulli::random_connectivity;
pub use lattice::{all_to_all, grid_topology, ring_topology};
pub use options::ConnectOptions;
pub use rows::TargetRows;
pub use sc_neurocore_core::{Csr, Error, Result};
pub use scale_free::scale_free;
pub use small_world::small_world;
pub use topology::Topology;

/// The most common imports: the rule, its options and the tutorial's generators.
pub mod prelude {
    pub use crate::{
        ConnectOptions, Topology, all_to_all, grid_topology, random_connectivity, ring_topology,
        scale_free, small_world,
    };
}
