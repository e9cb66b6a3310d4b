//! `cargo xtask ci`: exactly what CI runs. Installs what a fresh machine lacks (Open MPI and
//! libclang for the MPI backend, from Debian's packages), then: formatting, generated files,
//! lints, every test (the MPI ones launch `mpirun` themselves; the command line's output
//! contract is crates/sc-neurocore/tests/output_contract.rs), the doc build and the release
//! binary. Nothing outside the repository is needed.

use crate::util::{cargo, root, sh};
use std::process::Command;

/// Features every step builds with: the whole engine, the MPI backend included.
const FEATURES: &str = "sc-neurocore/mpi";

/// Debian packages the MPI backend needs to build and run (toolchain.md §2).
const MPI_PACKAGES: [&str; 3] = ["libopenmpi-dev", "openmpi-bin", "libclang-dev"];

/// Installs the MPI packages when they are missing (as root, with apt-get), or says what to
/// install.
fn ensure_mpi() -> Result<(), String> {
    let installed = Command::new("dpkg")
        .arg("-s")
        .args(MPI_PACKAGES)
        .output()
        .is_ok_and(|o| o.status.success());
    if installed {
        return Ok(());
    }
    let has_dpkg = Command::new("dpkg").arg("--version").output().is_ok();
    let mpicc = Command::new("mpicc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_dpkg && mpicc {
        return Ok(()); // not Debian: trust the MPI on PATH
    }
    eprintln!(
        "installing {} (needed by the MPI backend)",
        MPI_PACKAGES.join(" ")
    );
    sh(Command::new("apt-get").args(["update", "-qq"]))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "-qq"])
        .args(MPI_PACKAGES)
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .map_err(|e| {
        format!(
            "{e}\ninstall them by hand: apt-get install {}",
            MPI_PACKAGES.join(" ")
        )
    })
}

/// The model files are modules that `crates/neurons/build.rs` declares (see there), which
/// `cargo fmt` does not reach from the crate root: check them by path.
fn check_model_files_formatted() -> Result<(), String> {
    let models = root().join("crates/neurons/src/models");
    let mut files = Vec::new();
    for family in std::fs::read_dir(&models).map_err(|e| format!("{}: {e}", models.display()))? {
        let dir = family.map_err(|e| e.to_string())?.path();
        if dir.is_dir() {
            for f in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
                let f = f.map_err(|e| e.to_string())?.path();
                if f.extension().is_some_and(|e| e == "rs") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    sh(Command::new("rustfmt")
        .args(["--edition", "2024", "--check"])
        .args(&files))
}

pub fn run_ci() -> Result<(), String> {
    ensure_mpi()?;
    sh(&mut cargo(&["fmt", "--all", "--", "--check"]))?;
    check_model_files_formatted()?;
    crate::codegen::run(&["--check".to_string()])?;
    sh(&mut cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--features",
        FEATURES,
        "--",
        "-D",
        "warnings",
    ]))?;
    sh(&mut cargo(&[
        "test",
        "--workspace",
        "--release",
        "--features",
        FEATURES,
    ]))?;
    // The Python wheel: built into .venv (created if missing), then pytest.
    crate::wheel::test_python()?;
    let mut doc = cargo(&["doc", "--workspace", "--no-deps", "--features", FEATURES]);
    doc.env("RUSTDOCFLAGS", "-D warnings");
    sh(&mut doc)?;
    sh(&mut cargo(&[
        "build",
        "--release",
        "-p",
        "sc-neurocore",
        "--features",
        "mpi",
        "--bin",
        "sc-neurocore",
    ]))?;
    Ok(())
}

pub fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err(format!("ci takes no arguments, got {args:?}"));
    }
    run_ci()
}
