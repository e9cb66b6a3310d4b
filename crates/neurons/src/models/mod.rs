//! The model files, one per model, grouped in folders by family. Each file exports a
//! `pub static INFO: ModelInfo` (named after the model in upper case) and its kernel; the
//! registry lists them.

pub mod biophysical;
pub mod integrate_and_fire;
pub mod point_process;
pub mod simple;
