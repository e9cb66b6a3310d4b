//! What one parallel pass per step costs on this machine, for a small network's step:
//! six blocks of 4,000 f64 updated element-wise (about the memory a 4,000-neuron network's
//! step touches), on one thread, with rayon's `par_iter_mut` inside the pool (what the
//! engine does), and with two threads that own three blocks each for the whole run and meet
//! at a spinning barrier every step. The last is what the engine would need to halve a
//! small network's step (docs/performance.md, "Why cuba is at the edge"). Run:
//! `cargo bench -p sc-neurocore-benches --bench step_sync`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

const BLOCKS: usize = 6;
const PER_BLOCK: usize = 4_000;
/// Steps per measured iteration. The spinning team is started once per iteration: with
/// 1,000 steps per start it only matched the serial loop (the new thread first has to be
/// placed on the other core), so a team has to live for a whole run.
const STEPS: u64 = 10_000;

fn update(block: &mut [f64]) {
    for x in block.iter_mut() {
        *x = *x * 0.999 + 0.001;
    }
}

fn blocks() -> Vec<Vec<f64>> {
    (0..BLOCKS).map(|_| vec![1.0; PER_BLOCK]).collect()
}

/// Two threads, each owning half of the blocks, one spinning barrier per step.
fn spinning_team(blocks: &mut [Vec<f64>]) {
    let (mine, theirs) = blocks.split_at_mut(BLOCKS / 2);
    let (go, done) = (AtomicU64::new(0), AtomicU64::new(0));
    let theirs = Mutex::new(theirs);
    std::thread::scope(|s| {
        s.spawn(|| {
            for k in 1..=STEPS {
                while go.load(Ordering::Acquire) < k {
                    std::hint::spin_loop();
                }
                theirs
                    .lock()
                    .expect("not poisoned")
                    .iter_mut()
                    .for_each(|b| update(b));
                done.store(k, Ordering::Release);
            }
        });
        for k in 1..=STEPS {
            go.store(k, Ordering::Release);
            mine.iter_mut().for_each(|b| update(b));
            while done.load(Ordering::Acquire) < k {
                std::hint::spin_loop();
            }
        }
    });
}

fn step_sync(c: &mut Criterion) {
    let mut g = c.benchmark_group("step_sync_10000_steps");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a pool");
    let mut b = blocks();
    g.bench_function("serial", |bench| {
        bench.iter(|| (0..STEPS).for_each(|_| b.iter_mut().for_each(|b| update(b))))
    });
    g.bench_function("rayon_par_iter", |bench| {
        bench.iter(|| {
            pool.install(|| (0..STEPS).for_each(|_| b.par_iter_mut().for_each(|b| update(b))))
        })
    });
    g.bench_function("spinning_team", |bench| {
        bench.iter(|| spinning_team(&mut b))
    });
    g.finish();
}

criterion_group!(benches, step_sync);
criterion_main!(benches);
