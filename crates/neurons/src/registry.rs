//! The registry: every model of the catalogue, found by `build.rs` (one file per model under
//! `src/models/<family>/`), sorted by name.

use crate::ModelInfo;

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

/// The model registered as `name` (or with class name `name`), or an error listing the known
/// names.
pub fn lookup(name: &str) -> sc_neurocore_core::Result<&'static ModelInfo> {
    MODELS
        .iter()
        .copied()
        .find(|m| m.name == name || m.class_name == name)
        .ok_or_else(|| {
            sc_neurocore_core::Error::unknown(
                "Population",
                "model",
                name,
                MODELS.iter().map(|m| m.name),
            )
        })
}
