//! Integrate-and-fire family.

pub mod lif;
