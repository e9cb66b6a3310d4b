//! `cargo xtask bench [DURATION]`: runs the default Brunel network with the release binary
//! for 1 and 2 threads and prints the table that docs/performance.md records (build time,
//! simulation time, peak memory, synapses), then the Criterion benchmarks
//! (`benches/`: every registered neuron model, Poisson input, connectivity, Brunel steps).
//!
//! `cargo xtask bench --peers [DRIVER ARGS]`: the side-by-side comparison with NEST 3.10 and
//! Brian2 (runtime and C++ standalone) on the brunel, cuba and coba networks. It installs
//! the peers from PyPI into a venv (`/tmp/peers-venv`, or `$SCN_PEERS_VENV`): nest-simulator
//! 3.10.0, brian2 2.9.0 and numpy 2.3.5 (what brian2 2.9.0 needs on Python 3.11; NEST 3.10
//! accepts it, so one venv holds both), builds our release binary and runs
//! `scripts/peers/driver.py`, which runs every network in our engine (threads = cores) and in
//! each peer, best of 3, and prints one table. Arguments after `--peers` go to the driver
//! (e.g. `--nets cuba --repeat 1`).

use crate::util::{cargo, root, sh};
use std::path::PathBuf;
use std::process::Command;

/// The peers, pinned.
const PEER_PACKAGES: [&str; 3] = ["nest-simulator==3.10.0", "brian2==2.9.0", "numpy==2.3.5"];

/// Where cargo puts the release binary (honours `CARGO_TARGET_DIR`).
fn release_binary() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|d| if d.is_relative() { root().join(d) } else { d })
        .unwrap_or_else(|| root().join("target"))
        .join("release/sc-neurocore")
}

fn build_release() -> Result<(), String> {
    sh(&mut cargo(&[
        "build",
        "--release",
        "-p",
        "sc-neurocore",
        "--bin",
        "sc-neurocore",
    ]))
}

/// `--peers`: install the peers into a venv, build, run the driver.
fn peers(args: &[String]) -> Result<(), String> {
    let venv = PathBuf::from(
        std::env::var_os("SCN_PEERS_VENV").unwrap_or_else(|| "/tmp/peers-venv".into()),
    );
    let python = venv.join("bin/python");
    if !python.exists() {
        sh(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    sh(Command::new(&python)
        .args(["-m", "pip", "install", "-q"])
        .args(PEER_PACKAGES))?;
    build_release()?;
    sh(Command::new(&python)
        .arg(root().join("scripts/peers/driver.py"))
        .arg("--ours")
        .arg(release_binary())
        .args(args))
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("--peers") {
        return peers(&args[1..]);
    }
    let duration = args.first().map_or("1.0", String::as_str);
    build_release()?;
    let bin = release_binary();
    println!(
        "| threads | neurons | synapses | build s | sim s per {duration} s | peak RSS MiB | spikes |"
    );
    println!("|---|---|---|---|---|---|---|");
    for threads in ["1", "2"] {
        let out = std::env::temp_dir().join(format!("scn-bench-{threads}"));
        let o = Command::new(&bin)
            .args([
                "run",
                "--duration",
                duration,
                "--threads",
                threads,
                "--seed",
                "1",
                "--out",
            ])
            .arg(&out)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        if !o.status.success() {
            return Err(String::from_utf8_lossy(&o.stderr).into_owned());
        }
        let s = std::fs::read_to_string(out.join("summary.json")).map_err(|e| e.to_string())?;
        let field = |k: &str| -> String {
            let key = format!("\"{k}\": ");
            s.find(&key)
                .map(|i| {
                    s[i + key.len()..]
                        .split([',', '\n'])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string()
                })
                .unwrap_or_default()
        };
        let rss: f64 = field("peak_rss_bytes").parse().unwrap_or(0.0);
        println!(
            "| {threads} | {} | {} | {} | {} | {:.0} | {} |",
            field("neurons"),
            field("synapses"),
            field("build_s"),
            field("sim_s"),
            rss / (1 << 20) as f64,
            field("spikes")
        );
    }
    sh(&mut cargo(&["bench", "-p", "sc-neurocore-benches"]))
}
