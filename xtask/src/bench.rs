//! `cargo xtask bench [DURATION]`: runs the default Brunel network with the release binary
//! for 1 and 2 threads and prints the table that docs/performance.md records (build time,
//! simulation time, peak memory, synapses), then the Criterion benchmarks
//! (`benches/`: every registered neuron model, Poisson input, connectivity, Brunel steps).

use crate::util::{cargo, root, sh};
use std::process::Command;

pub fn run(args: &[String]) -> Result<(), String> {
    let duration = args.first().map_or("1.0", String::as_str);
    sh(&mut cargo(&[
        "build",
        "--release",
        "-p",
        "sc-neurocore",
        "--bin",
        "sc-neurocore",
    ]))?;
    let bin = root().join("target/release/sc-neurocore");
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
