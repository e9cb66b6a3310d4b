//! The seam between the engine and the way spikes reach other processes.
//!
//! The shared-memory engine uses [`LocalCommunicator`] (one rank, nothing to exchange); the MPI
//! backend implements the same trait over rsmpi; [`ThreadRanks`] runs N ranks as N threads of
//! one process, so that the distributed scenarios are tested without MPI (Arbor's dry-run
//! idea). Engines are written once against the trait.

use std::sync::{Arc, Barrier, Mutex};

/// Exchanges spikes (and small reductions) between the ranks of a run. Every method is a
/// collective: each rank must call it, in the same order.
pub trait Communicator: Send + Sync {
    /// This process's rank, `0..size()`.
    fn rank(&self) -> usize;
    /// Number of ranks.
    fn size(&self) -> usize;
    /// Whether the collectives must be called from the thread that created the
    /// communicator (MPI initialised with `MPI_THREAD_FUNNELED`); otherwise the engine may
    /// call them from one of its worker threads.
    fn calling_thread_only(&self) -> bool {
        false
    }
    /// Concatenates every rank's `local` ids, in rank order, into `all` (replacing its content).
    fn all_gather_ids(&self, local: &[u64], all: &mut Vec<u64>);
    /// Concatenates every rank's `local` values, in rank order, into `all`.
    fn all_gather_f64(&self, local: &[f64], all: &mut Vec<f64>);
    /// Sum of `value` over ranks.
    fn all_sum(&self, value: u64) -> u64;
}

/// The single-process communicator.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalCommunicator;

impl Communicator for LocalCommunicator {
    fn rank(&self) -> usize {
        0
    }
    fn size(&self) -> usize {
        1
    }
    fn all_gather_ids(&self, local: &[u64], all: &mut Vec<u64>) {
        all.clear();
        all.extend_from_slice(local);
    }
    fn all_gather_f64(&self, local: &[f64], all: &mut Vec<f64>) {
        all.clear();
        all.extend_from_slice(local);
    }
    fn all_sum(&self, value: u64) -> u64 {
        value
    }
}

/// State shared by the ranks of a [`ThreadRanks`] group.
struct Shared {
    barrier: Barrier,
    ids: Mutex<Vec<Vec<u64>>>,
    values: Mutex<Vec<Vec<f64>>>,
}

/// One rank of a group of ranks that live as threads of one process (for tests of the
/// distributed engine without MPI). Create the group with [`ThreadRanks::group`] and move one
/// member into each thread.
#[derive(Clone)]
pub struct ThreadRanks {
    rank: usize,
    size: usize,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for ThreadRanks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ThreadRanks({}/{})", self.rank, self.size)
    }
}

impl ThreadRanks {
    /// `size` communicators, ranks `0..size`.
    pub fn group(size: usize) -> Vec<ThreadRanks> {
        let shared = Arc::new(Shared {
            barrier: Barrier::new(size),
            ids: Mutex::new(vec![Vec::new(); size]),
            values: Mutex::new(vec![Vec::new(); size]),
        });
        (0..size)
            .map(|rank| ThreadRanks {
                rank,
                size,
                shared: shared.clone(),
            })
            .collect()
    }

    fn gather<T: Clone>(&self, slots: &Mutex<Vec<Vec<T>>>, local: &[T], all: &mut Vec<T>) {
        slots.lock().expect("no rank panicked")[self.rank] = local.to_vec();
        self.shared.barrier.wait();
        all.clear();
        for part in slots.lock().expect("no rank panicked").iter() {
            all.extend_from_slice(part);
        }
        // Nobody may overwrite a slot before everyone has read it.
        self.shared.barrier.wait();
    }
}

impl Communicator for ThreadRanks {
    fn rank(&self) -> usize {
        self.rank
    }
    fn size(&self) -> usize {
        self.size
    }
    fn all_gather_ids(&self, local: &[u64], all: &mut Vec<u64>) {
        self.gather(&self.shared.ids, local, all);
    }
    fn all_gather_f64(&self, local: &[f64], all: &mut Vec<f64>) {
        self.gather(&self.shared.values, local, all);
    }
    fn all_sum(&self, value: u64) -> u64 {
        let mut all = Vec::new();
        self.gather(&self.shared.ids, &[value], &mut all);
        all.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_gather_is_identity() {
        let c = LocalCommunicator;
        let mut all = vec![9];
        c.all_gather_ids(&[3, 1, 2], &mut all);
        assert_eq!(all, vec![3, 1, 2]);
        assert_eq!((c.rank(), c.size(), c.all_sum(5)), (0, 1, 5));
    }

    #[test]
    fn thread_ranks_gather_in_rank_order() {
        let handles: Vec<_> = ThreadRanks::group(3)
            .into_iter()
            .map(|c| {
                std::thread::spawn(move || {
                    let mut ids = Vec::new();
                    let mut vals = Vec::new();
                    let r = c.rank() as u64;
                    c.all_gather_ids(&vec![r; r as usize + 1], &mut ids);
                    c.all_gather_f64(&[r as f64 * 0.5], &mut vals);
                    (ids, vals, c.all_sum(r + 1))
                })
            })
            .collect();
        for h in handles {
            let (ids, vals, sum) = h.join().unwrap();
            assert_eq!(ids, vec![0, 1, 1, 2, 2, 2]);
            assert_eq!(vals, vec![0.0, 0.5, 1.0]);
            assert_eq!(sum, 6);
        }
    }
}
