//! Criterion benchmarks: each neuron model of the registry (so a new model is benchmarked for
//! free), Poisson input, connectivity generation, and steps of the full Brunel network.
//! Figures go to docs/performance.md with the machine and the command.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sc_neurocore::core::TimeGrid;
use sc_neurocore::neurons::{BuildContext, MODELS, Params, StepInput};
use sc_neurocore::prelude::*;
use sc_neurocore::stimuli::PoissonInput;
use sc_neurocore::topology::{ConnectOptions, Topology};
use std::hint::black_box;

const N: usize = 10_000;

fn neuron_kernels(c: &mut Criterion) {
    let mut g = c.benchmark_group("neuron_step_10k");
    g.throughput(Throughput::Elements(N as u64));
    for m in MODELS {
        let params = Params::defaults(m, N);
        let mut k = (m.build)(&BuildContext {
            params: &params,
            n: N,
            dt_ms: 0.1,
            seed: 1,
            first_id: 0,
        });
        let jump = vec![0.0; N];
        let current = vec![0.0; N];
        let mut spikes = Vec::new();
        g.bench_function(m.name, |b| {
            b.iter(|| {
                spikes.clear();
                k.step(
                    &StepInput {
                        jump: &jump,
                        current: &current,
                    },
                    &mut spikes,
                );
                black_box(&spikes);
            })
        });
    }
    g.finish();
}

fn poisson_input(c: &mut Criterion) {
    let grid = TimeGrid::new(1e-4).unwrap();
    let input = PoissonInput::new(12_500, 20_000.0, 0.1).unwrap();
    let mut block = input.block(1, 0, 0..12_500, &grid);
    let mut out = vec![0.0; 12_500];
    let mut step = 0;
    let mut g = c.benchmark_group("poisson");
    g.throughput(Throughput::Elements(12_500));
    g.bench_function("brunel_drive_one_step", |b| {
        b.iter(|| {
            block.add(step, &mut out);
            step += 1;
        })
    });
    g.finish();
}

fn connectivity(c: &mut Criterion) {
    let mut g = c.benchmark_group("connectivity");
    g.sample_size(10);
    g.throughput(Throughput::Elements(10_000 * 1_000));
    g.bench_function("fixed_indegree_10k_x_1000", |b| {
        b.iter(|| {
            Topology::FixedIndegree { indegree: 1000 }
                .generate(10_000, 10_000, 0.1, 1, 0, ConnectOptions::recurrent())
                .unwrap()
        })
    });
    g.finish();
}

fn brunel(c: &mut Criterion) {
    let net = sc_neurocore::zoo::brunel(&Default::default(), 1).unwrap();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut g = c.benchmark_group("brunel_12500");
    g.sample_size(10);
    g.bench_function("build", |b| {
        b.iter(|| NetworkRunner::new(&net, RunConfig { dt: 1e-4, threads }).unwrap())
    });
    let mut runner = NetworkRunner::new(&net, RunConfig { dt: 1e-4, threads }).unwrap();
    runner.run(0.1).unwrap(); // past the initial synchronous volley
    g.bench_function("simulate_10ms", |b| b.iter(|| runner.run(0.01).unwrap()));
    g.finish();
}

criterion_group!(benches, neuron_kernels, poisson_input, connectivity, brunel);
criterion_main!(benches);
