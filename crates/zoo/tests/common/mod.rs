//! Helpers shared by the zoo's network tests.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f(job)` for every job, on `workers` threads; the results in job order. Each job builds
/// its own network, so the results do not depend on the number of workers.
pub fn parallel<J: Sync, T: Send>(
    jobs: &[J],
    workers: usize,
    f: impl Fn(&J) -> T + Sync,
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let out: Vec<Mutex<Option<T>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.max(1) {
            s.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= jobs.len() {
                        break;
                    }
                    *out[k].lock().unwrap() = Some(f(&jobs[k]));
                }
            });
        }
    });
    out.into_iter()
        .map(|m| m.into_inner().unwrap().expect("every job ran"))
        .collect()
}

/// Worker threads for the long tests: `SCN_WORKERS`, default 2.
pub fn workers() -> usize {
    std::env::var("SCN_WORKERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}
