//! `cargo xtask <command>`: the project's automation, one file per command.
//!
//! - `ci`: exactly what CI runs (formatting, lints, tests, docs, the CLI contract check).
//! - `bench`: the benchmarks, figures for docs/performance.md.
//! - `codegen [--check]`: generated files (the model catalogue page, the model and configs stubs,
//!   the Python face and docs page of the analysis toolkit).
//! - `gallery [--plot-only] [NAME...]`: the zoo gallery (docs/gallery.md, docs/gallery/*.png), by running
//!   every zoo network as it declares what it reproduces.
//! - `wheel [--mpi | --test]`: the Python wheel (bindings/python) into dist/; `--test` runs pytest.
//! - `train mnist [--evaluate]`: trains the pretrained MNIST classifier with the engine (or
//!   measures the shipped one's held-out accuracy).

mod bench;
mod ci;
mod codegen;
mod codegen_analysis;
mod gallery;
mod train;
mod util;
mod wheel;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("codegen") => codegen::run(&args[1..]),
        Some("gallery") => gallery::run(&args[1..]),
        Some("wheel") => wheel::run(&args[1..]),
        Some("train") => train::run(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <ci | bench | codegen | gallery | wheel | train>\n  ci     fmt --check, clippy -D warnings, tests, docs, CLI contract\n  bench [--peers | --scaling | --models]  benchmarks (figures for docs/performance.md; --peers: against NEST and Brian2; --scaling: Brunel at 1x-8x size; --models [name ...]: neuron-steps per second of every (or the named) model)\n  codegen [--check]  generated files (docs/models.md, the model and configs stubs, sc_neurocore.analysis and docs/analysis.md)\n  gallery [--plot-only] [NAME...]  the zoo gallery: runs each zoo network, docs/gallery.md + docs/gallery/*.png\n  wheel [--mpi | --test]  the Python wheel into dist/ (--mpi: with MPI; --test: into .venv, then pytest)\n  train mnist [--evaluate]  train the pretrained MNIST classifier with the engine (--evaluate: held-out accuracy of the shipped one; docs/mnist.md)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
