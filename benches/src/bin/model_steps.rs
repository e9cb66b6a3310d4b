//! Neuron-steps per second of every registered model: 10,000 neurons with default
//! parameters on one thread, each driven by the model's `drive` (its suprathreshold input;
//! models without one declare why), at dt = 0.1 ms. Prints a Markdown table (the one in
//! docs/performance.md). Run: `cargo xtask bench --models [name ...]` (a release build; the
//! names, if given, select models).

use sc_neurocore::neurons::{BuildContext, MODELS, Params, StepInput, lookup};
use std::time::Instant;

const N: usize = 10_000;
const DT_MS: f64 = 0.1;
/// Each model is stepped until this much time has passed (after 100 warm-up steps).
const MIN_SECONDS: f64 = 0.3;

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
        let start = Instant::now();
        while start.elapsed().as_secs_f64() < MIN_SECONDS {
            for _ in 0..10 {
                spikes.clear();
                k.step(&input, &mut spikes);
                fired += spikes.len();
            }
            steps += 10;
        }
        let seconds = start.elapsed().as_secs_f64();
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
