//! Cost per neuron-step of the models with an adaptive (error-controlled) integrator, at
//! dt = 0.1 ms under regular firing. A measurement, not a check: run it with
//! `cargo test -p sc-neurocore-neurons --release --test timing -- --ignored --nocapture`.

use sc_neurocore_neurons::{BuildContext, Params, StepInput, lookup};
use std::time::Instant;

/// CPU time (user + system) of the calling thread, s, from /proc (Linux; clock ticks of
/// 10 ms): unlike wall time, it does not count the time the thread waited for a core on a
/// loaded machine. `None` elsewhere.
fn thread_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[test]
#[ignore]
fn cost_per_neuron_step() {
    let (n, dt, steps) = (1000usize, 0.1, 2000usize);
    for (name, drive) in [
        ("hodgkin_huxley", 10.0),
        ("wang_buzsaki", 1.0),
        ("adex", 1000.0),
        ("exp_if", 1000.0),
    ] {
        let model = lookup(name).unwrap();
        let params = Params::defaults(model, n);
        let mut k = (model.build)(&BuildContext {
            params: &params,
            n,
            dt_ms: dt,
            seed: 1,
            first_id: 0,
        });
        // Currents spread by +-10 % so that the neurons do not fire in lockstep.
        let current: Vec<f64> = (0..n)
            .map(|i| drive * (0.9 + 0.2 * i as f64 / n as f64))
            .collect();
        let jump = vec![0.0; n];
        let input = StepInput {
            jump: &jump,
            current: &current,
        };
        let mut spikes = Vec::new();
        let mut count = 0;
        let mut best = f64::INFINITY;
        let cpu0 = thread_cpu_s();
        for _ in 0..3 {
            let start = Instant::now();
            for _ in 0..steps {
                spikes.clear();
                k.step(&input, &mut spikes);
                count += spikes.len();
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        let cpu = match (cpu0, thread_cpu_s()) {
            (Some(a), Some(b)) => format!("{:.1}", (b - a) * 1e9 / (3 * n * steps) as f64),
            _ => "?".into(),
        };
        eprintln!(
            "{name}: {:.1} ns per neuron-step at dt = {dt} ms (best wall time of 3; mean CPU \
             time {cpu} ns) ({:.1} Hz mean rate)",
            best * 1e9 / (n * steps) as f64,
            count as f64 / (3.0 * n as f64 * steps as f64 * dt * 1e-3)
        );
    }
}
