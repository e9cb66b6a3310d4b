//! `cargo xtask wheel [--mpi] [--test]`: builds the Python wheel `sc_neurocore`
//! (bindings/python) with maturin into `dist/`; `--mpi` with the MPI backend (links the MPI
//! found through `mpicc`; the default wheel links none). `--test` is the Python half of
//! `cargo xtask ci` ([`test_python`]): a venv at `.venv` with maturin, NumPy, pytest and
//! matplotlib, the package built into it (with the MPI backend when `mpicc` is there, so that
//! the `mpirun` tests run), then pytest.
//!
//! maturin comes from `.venv` when it exists there (else from `PATH`). The build uses the
//! workspace `target/` (release profile).

use crate::util::{root, sh};
use std::path::PathBuf;
use std::process::Command;

/// The bindings crate's manifest, relative to the workspace root.
const MANIFEST: &str = "bindings/python/Cargo.toml";

/// What the test venv needs (maturin 1.16 is the verified version; toolchain.md §3).
const TEST_PACKAGES: [&str; 4] = ["maturin>=1.9.4,<2", "numpy", "pytest", "matplotlib"];

fn venv() -> PathBuf {
    root().join(".venv")
}

fn venv_bin(name: &str) -> PathBuf {
    venv().join("bin").join(name)
}

/// `maturin` from `.venv` if present, else from `PATH`.
fn maturin() -> Result<Command, String> {
    let local = venv_bin("maturin");
    if local.is_file() {
        let mut c = Command::new(local);
        c.env("VIRTUAL_ENV", venv());
        return Ok(c);
    }
    let on_path = Command::new("maturin")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if on_path {
        Ok(Command::new("maturin"))
    } else {
        Err(format!(
            "maturin not found: python3 -m venv {venv} && {venv}/bin/pip install 'maturin>=1.9.4,<2' \
             (or pip install maturin)",
            venv = venv().display()
        ))
    }
}

/// Whether an MPI installation is on `PATH` (its compiler wrapper).
fn have_mpi() -> bool {
    Command::new("mpicc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Builds the release wheel into `dist/` (with the MPI backend if `mpi`) and prints where it
/// is.
pub fn build_wheel(mpi: bool) -> Result<(), String> {
    let dist = root().join("dist");
    let mut cmd = maturin()?;
    cmd.args(["build", "--release", "-m", MANIFEST, "-o"])
        .arg(&dist);
    if mpi {
        cmd.args(["--features", "mpi"]);
    }
    sh(&mut cmd)?;
    let mut wheels: Vec<PathBuf> = std::fs::read_dir(&dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("sc_neurocore-") && n.ends_with(".whl"))
        })
        .collect();
    wheels.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    match wheels.last() {
        Some(w) => {
            eprintln!("wheel: {}", w.display());
            eprintln!("install: pip install {}", w.display());
            Ok(())
        }
        None => Err(format!("maturin built no wheel in {}", dist.display())),
    }
}

/// Creates `.venv` with the test packages if it lacks any of them.
pub fn ensure_venv() -> Result<(), String> {
    let python = venv_bin("python");
    if !python.is_file() && sh(Command::new("python3").arg("-m").arg("venv").arg(venv())).is_err() {
        // Debian's python3 ships venv separately.
        let _ = std::fs::remove_dir_all(venv());
        eprintln!("installing python3-venv (python3 -m venv failed)");
        let _ = sh(Command::new("apt-get").args(["update", "-qq"]));
        sh(Command::new("apt-get")
            .args(["install", "-y", "-qq", "python3-venv"])
            .env("DEBIAN_FRONTEND", "noninteractive"))
        .map_err(|e| format!("{e}\ninstall it by hand: apt-get install python3-venv"))?;
        sh(Command::new("python3").arg("-m").arg("venv").arg(venv()))?;
    }
    let have = Command::new(&python)
        .args(["-c", "import maturin, numpy, pytest, matplotlib"])
        .output()
        .is_ok_and(|o| o.status.success())
        && venv_bin("maturin").is_file();
    if !have {
        sh(Command::new(&python)
            .args(["-m", "pip", "install", "-q"])
            .args(TEST_PACKAGES))?;
    }
    Ok(())
}

/// The Python interpreter of `.venv`.
pub fn venv_python() -> PathBuf {
    venv_bin("python")
}

/// The package built into `.venv` (`maturin develop --release`, an editable install of the
/// Python sources), the venv created first if needed; with the MPI backend if `mpi` and
/// `mpicc` is there.
pub fn develop(mpi: bool) -> Result<(), String> {
    ensure_venv()?;
    let mut develop = maturin()?;
    develop.args(["develop", "--release", "-q", "-m", MANIFEST]);
    if mpi && have_mpi() {
        develop.args(["--features", "mpi"]);
    }
    sh(&mut develop)
}

/// The Python tests: the package built into `.venv` (`maturin develop --release`), then
/// `pytest bindings/python/tests`.
pub fn test_python() -> Result<(), String> {
    develop(true)?;
    sh(Command::new(venv_bin("python"))
        .args(["-m", "pytest", "-q", "bindings/python/tests"])
        .env("MPLBACKEND", "Agg"))
}

pub fn run(args: &[String]) -> Result<(), String> {
    match args {
        [] => build_wheel(false),
        [m] if m == "--mpi" => build_wheel(true),
        [t] if t == "--test" => test_python(),
        _ => Err(format!(
            "usage: cargo xtask wheel [--mpi | --test]\n  (no option)  build the wheel into dist/\n  --mpi         ... with the MPI backend (needs mpicc: Open MPI or MPICH)\n  --test        build into .venv and run pytest\ngot {args:?}"
        )),
    }
}
