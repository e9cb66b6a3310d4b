//! Times the connectivity of Brunel's (2000) network: 12,500 targets (10,000 excitatory +
//! 2,500 inhibitory neurons), each receiving exactly 1,000 excitatory and 250 inhibitory
//! synapses (fixed in-degree): 12.5 M synapses in two projections.
//!
//! `cargo run --release -p sc-neurocore-topology --example brunel_build`
//! (set `RAYON_NUM_THREADS` to choose the number of threads).

use std::time::Instant;

use sc_neurocore_topology::{ConnectOptions, Csr, Topology};

/// Builds the two projections; returns them with the elapsed seconds.
fn build(opts: ConnectOptions, seed: u64) -> (Vec<Csr>, f64) {
    let start = Instant::now();
    let projections = [(10_000, 1_000, 0.1), (2_500, 250, -0.5)];
    let csrs = projections
        .iter()
        .enumerate()
        .map(|(object, &(n_src, indegree, weight))| {
            Topology::FixedIndegree { indegree }
                .generate(n_src, 12_500, weight, seed, object as u32, opts)
                .expect("valid Brunel connectivity")
        })
        .collect();
    (csrs, start.elapsed().as_secs_f64())
}

fn main() {
    println!("threads: {}", rayon::current_num_threads());
    for (label, opts) in [
        (
            "multapses allowed (NEST default)",
            ConnectOptions::default(),
        ),
        (
            "without multapses",
            ConnectOptions::default().multapses(false),
        ),
    ] {
        let mut times = Vec::new();
        let mut nnz = 0;
        for seed in 0..7 {
            let (csrs, secs) = build(opts, seed);
            nnz = csrs.iter().map(Csr::nnz).sum();
            times.push(secs);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "Brunel fixed_indegree, {label}: {nnz} synapses, median {:.1} ms (min {:.1} ms, max {:.1} ms)",
            times[times.len() / 2] * 1e3,
            times[0] * 1e3,
            times[times.len() - 1] * 1e3,
        );
    }
    // For comparison: the same expected number of synapses as Erdős–Rényi (p = 0.1).
    let start = Instant::now();
    let csr = Topology::Random { probability: 0.1 }
        .generate(12_500, 10_000, 0.1, 0, 0, ConnectOptions::default())
        .expect("valid random connectivity");
    println!(
        "random p = 0.1, 12,500 x 10,000: {} synapses in {:.1} ms",
        csr.nnz(),
        start.elapsed().as_secs_f64() * 1e3
    );
}
