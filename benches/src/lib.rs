//! Benchmarks of sc-neurocore live in `benches/` (run with `cargo bench -p
//! sc-neurocore-benches` or `cargo xtask bench`). This library is empty.
