//! The model files, one per model, grouped in folders by family. `build.rs` finds them:
//! `src/models/<family>/<name>.rs` is the model registered as `<name>`, and must define it
//! with [`model!`](crate::model) (which exports `MODEL`). A family's `mod.rs`, when present,
//! holds what its models share; its items are visible to them as `super::item`.

include!(concat!(env!("OUT_DIR"), "/families.rs"));
