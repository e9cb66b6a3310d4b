//! `MpiCommunicator`: the runner's `Communicator` over rsmpi.

use mpi::Count;
use mpi::datatype::PartitionMut;
use mpi::environment::Universe;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use sc_neurocore_core::{Communicator as EngineCommunicator, Error, Result};

/// The MPI world as the runner's communicator. Holds the MPI environment: MPI is finalised
/// when it is dropped (and can then not be started again in the same process).
pub struct MpiCommunicator {
    world: SimpleCommunicator,
    _universe: Universe,
}

// SAFETY: the runner calls the communicator only from the thread that steps the network
// (its worker threads never touch it), which is what MPI's `Threading::Funneled` level
// requires; the fields are plain MPI handles that may move between threads. rsmpi lacks the
// markers only because the handles are raw pointers.
#[allow(unsafe_code)]
unsafe impl Send for MpiCommunicator {}
// SAFETY: see above; no method is called concurrently by the runner.
#[allow(unsafe_code)]
unsafe impl Sync for MpiCommunicator {}

impl std::fmt::Debug for MpiCommunicator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "MpiCommunicator({}/{})",
            self.world.rank(),
            self.world.size()
        )
    }
}

/// Environment variables through which the common launchers announce the job size.
const LAUNCHER_SIZE_VARS: [&str; 4] = [
    "OMPI_COMM_WORLD_SIZE",
    "PMI_SIZE",
    "PMIX_SIZE",
    "MPI_LOCALNRANKS",
];

impl MpiCommunicator {
    /// Starts MPI (once per process). `expect_ranks`, when given, must equal the size of
    /// the world. A launcher that belongs to another MPI than the one this program is linked
    /// against starts N independent single-rank worlds; that is detected from the launcher's
    /// environment and reported instead of silently running N copies.
    pub fn init(expect_ranks: Option<usize>) -> Result<Self> {
        let (universe, _) = mpi::initialize_with_threading(mpi::Threading::Funneled).ok_or_else(|| {
            Error::invalid("MPI", "cannot initialise MPI: it was already initialised (and finalised) in this process")
        })?;
        let world = universe.world();
        let size = world.size() as usize;
        if let Some(n) = expect_ranks
            && n != size
        {
            return Err(Error::invalid(
                "MPI",
                format!(
                    "expected {n} ranks but the MPI world has {size}: is the launcher (mpirun) the one of the MPI this program was built with?"
                ),
            ));
        }
        for var in LAUNCHER_SIZE_VARS {
            if let Some(n) = std::env::var(var)
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                && n != size
            {
                return Err(Error::invalid(
                    "MPI",
                    format!(
                        "the launcher started {n} processes ({var}) but this MPI world has {size} rank(s): the launcher belongs to another MPI installation than the one this program is linked against (e.g. mpiexec.mpich with an Open MPI build)"
                    ),
                ));
            }
        }
        Ok(MpiCommunicator {
            world,
            _universe: universe,
        })
    }

    fn counts(&self, len: usize) -> (Vec<Count>, Vec<Count>) {
        let size = self.world.size() as usize;
        let mut counts = vec![0 as Count; size];
        self.world.all_gather_into(&(len as Count), &mut counts[..]);
        let displs = counts
            .iter()
            .scan(0, |acc, &c| {
                let d = *acc;
                *acc += c;
                Some(d)
            })
            .collect();
        (counts, displs)
    }
}

impl EngineCommunicator for MpiCommunicator {
    fn rank(&self) -> usize {
        self.world.rank() as usize
    }

    fn size(&self) -> usize {
        self.world.size() as usize
    }

    fn calling_thread_only(&self) -> bool {
        true // initialised with Threading::Funneled
    }

    fn all_gather_ids(&self, local: &[u64], all: &mut Vec<u64>) {
        let (counts, displs) = self.counts(local.len());
        let total: Count = counts.iter().sum();
        all.clear();
        all.resize(total as usize, 0);
        let mut part = PartitionMut::new(&mut all[..], counts, displs);
        self.world.all_gather_varcount_into(local, &mut part);
    }

    fn all_gather_f64(&self, local: &[f64], all: &mut Vec<f64>) {
        let (counts, displs) = self.counts(local.len());
        let total: Count = counts.iter().sum();
        all.clear();
        all.resize(total as usize, 0.0);
        let mut part = PartitionMut::new(&mut all[..], counts, displs);
        self.world.all_gather_varcount_into(local, &mut part);
    }

    fn all_sum(&self, value: u64) -> u64 {
        let mut sum = 0u64;
        self.world
            .all_reduce_into(&value, &mut sum, mpi::collective::SystemOperation::sum());
        sum
    }
}
