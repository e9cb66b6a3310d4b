//! `cargo xtask bench [DURATION]`: runs the default Brunel network with the release binary
//! for 1 and 2 threads and prints the table that docs/performance.md records (build time,
//! simulation time, peak memory, synapses), then the Criterion benchmarks
//! (`benches/`: every registered neuron model, Poisson input, connectivity, Brunel steps).
//!
//! `cargo xtask bench --peers [DRIVER ARGS]`: the side-by-side comparison with NEST 3.10 and
//! Brian2 (runtime and C++ standalone) on the brunel, cuba, coba and stdp networks. It installs
//! the peers from PyPI into a venv (`/tmp/peers-venv`, or `$SCN_PEERS_VENV`): nest-simulator
//! 3.10.0, brian2 2.9.0 and numpy 2.3.5 (what brian2 2.9.0 needs on Python 3.11; NEST 3.10
//! accepts it, so one venv holds both), builds our release binary and runs
//! `scripts/peers/driver.py`, which runs every network in our engine (threads = cores) and in
//! each peer, best of 3, and prints one table. Arguments after `--peers` go to the driver
//! (e.g. `--nets cuba --repeat 1`).
//!
//! `cargo xtask bench --scaling [DURATION]`: the cost against network size. Brunel's network
//! at 1, 2, 4 and 8 times the default size with the in-degree held (C_E = 1000, C_I = 250,
//! `epsilon` divided by the factor), so every neuron sees the same input and fires at the
//! same rate, and synapses and synaptic events grow in proportion to the size: the table
//! shows the simulation cost per synaptic event, which stays flat if the engine scales
//! linearly.

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

/// Runs the release binary with `args` and returns summary.json's text.
fn summary(bin: &std::path::Path, name: &str, args: &[&str]) -> Result<String, String> {
    let out = std::env::temp_dir().join(format!("scn-bench-{name}"));
    let o = Command::new(bin)
        .arg("run")
        .args(args)
        .arg("--out")
        .arg(&out)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).into_owned());
    }
    std::fs::read_to_string(out.join("summary.json")).map_err(|e| e.to_string())
}

/// The value of the first `"key": value` in summary.json's text (as printed).
fn field(s: &str, k: &str) -> String {
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
}

/// `--scaling`: Brunel at 1x, 2x, 4x, 8x size with the in-degree held.
fn scaling(duration: &str) -> Result<(), String> {
    build_release()?;
    let bin = release_binary();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("Brunel, in-degree held (C_E = 1000, C_I = 250), {duration} s, {threads} threads");
    println!(
        "| size | neurons | synapses | build s | sim s per simulated s | synaptic events per s \
         | ns per event (wall) | peak RSS MiB | rate Hz |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for factor in [1u32, 2, 4, 8] {
        let order = format!("order={}", 2500 * factor);
        let epsilon = format!("epsilon={}", 0.1 / f64::from(factor));
        let t = threads.to_string();
        let s = summary(
            &bin,
            &format!("scaling-{factor}"),
            &[
                "--set",
                &order,
                "--set",
                &epsilon,
                "--duration",
                duration,
                "--threads",
                &t,
                "--seed",
                "1",
            ],
        )?;
        let num = |k: &str| field(&s, k).parse::<f64>().unwrap_or(f64::NAN);
        let (neurons, synapses, spikes) = (num("neurons"), num("synapses"), num("spikes"));
        let simulated = num("duration_s");
        // Every neuron has the same in-degree, so each spike reaches synapses / neurons
        // targets on average (exactly, summed over the populations).
        let events = spikes * synapses / neurons / simulated;
        let sim_per_s = num("sim_s") / simulated;
        println!(
            "| {factor}x | {neurons} | {synapses} | {:.2} | {sim_per_s:.3} | {events:.3e} | {:.2} \
             | {:.0} | {:.2} |",
            num("build_s"),
            sim_per_s / events * 1e9,
            num("peak_rss_bytes") / (1 << 20) as f64,
            spikes / neurons / simulated,
        );
    }
    Ok(())
}

pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("--peers") => return peers(&args[1..]),
        Some("--scaling") => return scaling(args.get(1).map_or("1.0", String::as_str)),
        Some("--models") => {
            let mut run = vec![
                "run",
                "--release",
                "-q",
                "-p",
                "sc-neurocore-benches",
                "--bin",
                "model_steps",
                "--",
            ];
            run.extend(args[1..].iter().map(String::as_str));
            return sh(&mut cargo(&run));
        }
        _ => {}
    }
    let duration = args.first().map_or("1.0", String::as_str);
    build_release()?;
    let bin = release_binary();
    println!(
        "| threads | neurons | synapses | build s | sim s per {duration} s | peak RSS MiB | spikes |"
    );
    println!("|---|---|---|---|---|---|---|");
    for threads in ["1", "2"] {
        let s = summary(
            &bin,
            threads,
            &["--duration", duration, "--threads", threads, "--seed", "1"],
        )?;
        let rss: f64 = field(&s, "peak_rss_bytes").parse().unwrap_or(0.0);
        println!(
            "| {threads} | {} | {} | {} | {} | {:.0} | {} |",
            field(&s, "neurons"),
            field(&s, "synapses"),
            field(&s, "build_s"),
            field(&s, "sim_s"),
            rss / (1 << 20) as f64,
            field(&s, "spikes")
        );
    }
    sh(&mut cargo(&["bench", "-p", "sc-neurocore-benches"]))
}
