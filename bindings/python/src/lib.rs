//! The compiled part of the `sc_neurocore` wheel: the private module `sc_neurocore._native`.
//!
//! It is thin on purpose. It hands the engine's objects to Python (the model registry and its
//! kernels, topology generators, stimuli, manual STDP, the network description, the
//! shared-memory runner and, in the submodule `analysis`, the analysis toolkit) and converts
//! at the boundary: NumPy arrays cross as whole buffers, never element by element in Python,
//! and every engine `Error` becomes an exception of the hierarchy in `sc_neurocore/errors.py`.
//! Nothing panics across the boundary: every input is checked by the engine's own validation
//! before it reaches code that could panic (and the analysis functions also run under
//! `catch_unwind`).
//!
//! The public API is the Python package (`bindings/python/python/sc_neurocore`); this module's
//! names may change without notice. Its stub is `sc_neurocore/_native.pyi`.

mod analysis;
mod convert;
mod errors;
mod export;
mod mnist;
mod models;
mod network;
mod plasticity;
mod stimuli;
mod topology;
mod zoo;

use pyo3::prelude::*;

/// The module `sc_neurocore._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    models::register(m)?;
    topology::register(m)?;
    stimuli::register(m)?;
    plasticity::register(m)?;
    network::register(m)?;
    zoo::register(m)?;
    mnist::register(m)?;
    analysis::register(m)?;
    Ok(())
}
