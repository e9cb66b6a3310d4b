//! Neuron-steps per second of every registered model: 10,000 neurons with default
//! parameters on one thread, each driven by the model's `drive` (its suprathreshold input;
//! models without one declare why), at dt = 0.1 ms. Prints a Markdown table (the one in
//! docs/performance.md). Run: `cargo xtask bench --models [name ...]` (a release build; the
//! names, if given, select models).
//!
//! The rates are per second of the thread's CPU time (Linux `/proc`; wall time elsewhere):
//! on a machine shared with other work, wall time also counts the time the thread waited for
//! a core, which made a run at a load average of 9 on 2 cores read up to 4x slower.

use sc_neurocore::neurons::{BuildContext, MODELS, Params, StepInput, lookup};
use std::time::Instant;

const N: usize = 10_000;
const DT_MS: f64 = 0.1;
/// Each model is stepped until its thread has used this much CPU time (after 100 warm-up
/// steps); /proc counts in ticks of 10 ms, so this is 1 % resolution.
const MIN_SECONDS: f64 = 1.0;

/// CPU time (user + system) of the calling thread, s: from /proc on Linux (ticks of 10 ms),
/// else the wall time since the first call.
fn thread_cpu_s() -> f64 {
    fn from_proc() -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
        let rest = &stat[stat.rfind(')')? + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    from_proc().unwrap_or_else(|| START.get_or_init(Instant::now).elapsed().as_secs_f64())
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    for name in &only {
        if let Err(e) = lookup(name) {
            eprintln!("model_steps: {e}");
            std::process::exit(2);
        }
    }
    println!(
        "| model | family | neuron-steps per s | ns per neuron-step | spikes per neuron-step |"
    );
    println!("|---|---|---|---|---|");
    for m in MODELS
        .iter()
        .filter(|m| only.is_empty() || only.iter().any(|name| name == m.name))
    {
        let params = Params::defaults(m, N);
        let mut k = (m.build)(&BuildContext {
            params: &params,
            n: N,
            dt_ms: DT_MS,
            seed: 1,
            first_id: 0,
        });
        let jump = vec![0.0; N];
        let current = vec![m.drive.unwrap_or(0.0); N];
        let input = StepInput {
            jump: &jump,
            current: &current,
        };
        let mut spikes = Vec::new();
        for _ in 0..100 {
            spikes.clear();
            k.step(&input, &mut spikes);
        }
        let (mut steps, mut fired) = (0u64, 0usize);
        let start = thread_cpu_s();
        while thread_cpu_s() - start < MIN_SECONDS {
            for _ in 0..10 {
                spikes.clear();
                k.step(&input, &mut spikes);
                fired += spikes.len();
            }
            steps += 10;
        }
        let seconds = thread_cpu_s() - start;
        let neuron_steps = (steps as f64) * N as f64;
        println!(
            "| {} | {} | {:.3e} | {:.1} | {:.4} |",
            m.name,
            m.family,
            neuron_steps / seconds,
            seconds / neuron_steps * 1e9,
            fired as f64 / neuron_steps
        );
    }
}
