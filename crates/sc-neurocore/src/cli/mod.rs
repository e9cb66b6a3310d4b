//! The command line's pieces: `run`, `models`, the TOML network format and the output files.

pub mod models;
pub mod network_toml;
pub mod output;
pub mod run;
