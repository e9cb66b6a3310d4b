//! The seam between the engine and the way spikes reach other processes.
//!
//! The shared-memory engine uses [`LocalCommunicator`] (one rank, nothing to exchange); the MPI
//! backend implements the same trait over rsmpi. Engines are written once against the trait.

/// Exchanges spikes (and small reductions) between the ranks of a run.
pub trait Communicator: Send + Sync {
    /// This process's rank, `0..size()`.
    fn rank(&self) -> usize;
    /// Number of ranks.
    fn size(&self) -> usize;
    /// Concatenates every rank's `local` ids, in rank order, into `all` (replacing its content).
    /// Each rank must call it the same number of times.
    fn all_gather_ids(&self, local: &[u64], all: &mut Vec<u64>);
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
    fn all_sum(&self, value: u64) -> u64 {
        value
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
}
