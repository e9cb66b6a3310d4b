//! `NetworkRunner`: builds the partitioned, struct-of-arrays form of a [`Network`] and runs
//! the step loop. The step order of DESIGN.md §2 is written once, in [`NetworkRunner::step`].
//!
//! Layout. Each population is cut into contiguous blocks of neurons. A block owns its neurons'
//! kernel, its input channels (delay rings) and the synapses that *end* on its neurons, stored
//! source-major (for each presynaptic neuron, the block-local targets). Delivering a spike thus
//! writes only the block's own memory: blocks run in parallel without locks or atomics.
//! The result does not depend on the block split: every neuron's inputs are summed in the
//! same order (projection, then source id, then synapse order), whatever the number of blocks
//! or threads.

use crate::build::{self, Block};
use crate::monitors::MonitorState;
use crate::plastic::PreTraces;
use crate::spec::{Network, PopulationId};
use rayon::prelude::*;
use sc_neurocore_core::{Communicator, Error, LocalCommunicator, Result, TimeGrid};
use std::time::Instant;

/// How to run a network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunConfig {
    /// Step, seconds.
    pub dt: f64,
    /// Worker threads (>= 1).
    pub threads: usize,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            dt: 1e-4,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// The shared-memory engine.
pub struct NetworkRunner {
    pub(crate) net: Network,
    pub(crate) grid: TimeGrid,
    pool: rayon::ThreadPool,
    threads: usize,
    pub(crate) blocks: Vec<Block>,
    /// Global id of each population's first neuron; one extra entry = total.
    pub(crate) pop_offsets: Vec<u64>,
    /// Steps done so far (the current time is `step * dt`).
    step: u64,
    /// Spikes of the last step (global ids, ascending), routed at the start of the next step.
    last_spikes: Vec<u64>,
    /// Each block's spikes gathered, before the exchange.
    local_spikes: Vec<u64>,
    pub(crate) pop_spike_counts: Vec<u64>,
    pub(crate) monitors: Vec<MonitorState>,
    pub(crate) pre_traces: Vec<Option<PreTraces>>,
    n_synapses: u64,
    build_seconds: f64,
    pub(crate) comm: Box<dyn Communicator>,
}

impl NetworkRunner {
    /// Builds the engine for `net` (checked again as a whole: stimuli sizes, delays on the grid).
    pub fn new(net: &Network, config: RunConfig) -> Result<Self> {
        Self::with_communicator(net, config, Box::new(LocalCommunicator))
    }

    /// Builds the engine with a given communicator (the MPI backend passes its own).
    pub fn with_communicator(
        net: &Network,
        config: RunConfig,
        comm: Box<dyn Communicator>,
    ) -> Result<Self> {
        let start = Instant::now();
        let grid = TimeGrid::new(config.dt)?;
        if config.threads == 0 || config.threads > 1024 {
            return Err(Error::out_of_range(
                "NetworkRunner",
                "threads",
                config.threads,
                "[1, 1024]",
            ));
        }
        if net.populations.is_empty() {
            return Err(Error::invalid(
                "Network",
                "has no population; add one before running",
            ));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(config.threads)
            .build()
            .map_err(|e| Error::invalid("NetworkRunner", format!("cannot start threads: {e}")))?;
        let mut pop_offsets = vec![0u64];
        for p in &net.populations {
            pop_offsets.push(pop_offsets.last().unwrap() + p.n as u64);
        }
        let owned = build::owned_range(*pop_offsets.last().unwrap(), comm.rank(), comm.size());
        let built =
            pool.install(|| build::build_blocks(net, &grid, config.threads, &pop_offsets, &owned))?;
        let monitors = crate::monitors::create(net, &grid, &pop_offsets, &owned)?;
        let pre_traces = crate::plastic::create_pre_traces(net, &grid);
        let mut runner = NetworkRunner {
            net: net.clone(),
            grid,
            pool,
            threads: config.threads,
            blocks: built.blocks,
            pop_offsets,
            step: 0,
            last_spikes: Vec::new(),
            local_spikes: Vec::new(),
            pop_spike_counts: vec![0; net.populations.len()],
            monitors,
            pre_traces,
            n_synapses: comm.all_sum(built.n_synapses),
            build_seconds: 0.0,
            comm,
        };
        runner.build_seconds = start.elapsed().as_secs_f64();
        Ok(runner)
    }

    /// Runs for `duration` seconds, continuing from where the last run stopped.
    pub fn run(&mut self, duration: f64) -> Result<()> {
        self.run_with_progress(duration, |_, _| {})
    }

    /// Runs for `duration` seconds, calling `progress(done, total)` (steps) about 100 times.
    pub fn run_with_progress(
        &mut self,
        duration: f64,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<()> {
        let steps = self
            .grid
            .steps_for(duration)
            .map_err(|_| Error::out_of_range("Network.run", "duration", duration, "[0, inf) s"))?;
        let every = (steps / 100).max(1);
        for k in 0..steps {
            // (3) for state monitors: the sample of step k is the state before step k
            // integrates, taken only for the steps of this run (the state at the end of the
            // run is the first sample of the next run), as sc-neurocore-monitors documents.
            crate::monitors::record_state(self, self.step);
            self.step();
            if (k + 1) % every == 0 || k + 1 == steps {
                progress(k + 1, steps);
            }
        }
        Ok(())
    }

    /// One step of the network. The order of DESIGN.md §2, with routing and plasticity of the
    /// previous step's spikes done at the start of this step, inside the same parallel pass:
    /// (4) route the last step's spikes into the delay rings, (5) plasticity for them,
    /// (1) read the input due now and add stimuli, (2) integrate and emit spikes;
    /// then, serially: exchange spikes and (3) record.
    fn step(&mut self) {
        let step = self.step;
        let last = &self.last_spikes;
        let offsets = &self.pop_offsets;
        let pre = &self.pre_traces;
        let blocks = &mut self.blocks;
        self.pool.install(|| {
            blocks.par_iter_mut().for_each(|b| {
                if step > 0 {
                    b.route(step - 1, last, offsets, pre);
                }
                b.integrate(step);
            });
        });
        // The last step's spikes were routed with the traces of that step; advance the traces.
        crate::plastic::update_pre_traces(
            &mut self.pre_traces,
            &self.last_spikes,
            &self.pop_offsets,
            &self.net,
        );
        // Gather: blocks are in global-id order and each block's spikes ascend.
        self.local_spikes.clear();
        for b in &self.blocks {
            self.local_spikes
                .extend(b.spikes.iter().map(|&l| b.global_start + l as u64));
        }
        self.comm
            .all_gather_ids(&self.local_spikes, &mut self.last_spikes);
        let spikes = std::mem::take(&mut self.last_spikes);
        for (p, count) in self.pop_spike_counts.iter_mut().enumerate() {
            let (lo, hi) = (self.pop_offsets[p], self.pop_offsets[p + 1]);
            *count +=
                (spikes.partition_point(|&g| g < hi) - spikes.partition_point(|&g| g < lo)) as u64;
        }
        crate::monitors::record_spikes(self, step, &spikes);
        self.last_spikes = spikes;
        self.step += 1;
    }

    /// Steps done so far.
    pub fn steps_done(&self) -> u64 {
        self.step
    }

    /// Simulated time so far, seconds.
    pub fn time(&self) -> f64 {
        self.grid.time_of(self.step)
    }

    /// The time grid.
    pub fn grid(&self) -> &TimeGrid {
        &self.grid
    }

    /// The network description this runner was built from.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// Worker threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Number of synapses built.
    pub fn n_synapses(&self) -> u64 {
        self.n_synapses
    }

    /// Bytes the synapse tables hold (targets, row pointers, and per-synapse weights, delays
    /// and plasticity state where a projection has them), over all ranks (a collective under
    /// MPI). Divide by [`Self::n_synapses`] for the memory per synapse.
    pub fn synapse_bytes(&self) -> u64 {
        let local = self
            .blocks
            .iter()
            .flat_map(|b| &b.incoming)
            .map(|i| i.heap_bytes() as u64)
            .sum();
        self.comm.all_sum(local)
    }

    /// The communicator (for collectives a front end needs, e.g. summing figures over ranks).
    pub fn communicator(&self) -> &dyn Communicator {
        self.comm.as_ref()
    }

    /// This process's rank and the number of ranks (0 and 1 without MPI).
    pub fn rank_and_size(&self) -> (usize, usize) {
        (self.comm.rank(), self.comm.size())
    }

    /// Seconds spent building.
    pub fn build_seconds(&self) -> f64 {
        self.build_seconds
    }

    /// Spikes emitted so far by population `p` (counted whether or not it is monitored).
    pub fn spike_count(&self, p: PopulationId) -> u64 {
        self.pop_spike_counts[p]
    }

    /// Global id of population `p`'s first neuron.
    pub fn population_offset(&self, p: PopulationId) -> u64 {
        self.pop_offsets[p]
    }

    /// Current values of state variable `variable` of every neuron of population `p`
    /// (a collective under MPI: every rank calls it and gets the whole population).
    pub fn state(&self, p: PopulationId, variable: &str) -> Result<Vec<f64>> {
        let pop = self.net.populations.get(p).ok_or_else(|| {
            Error::out_of_range(
                "NetworkRunner",
                "population",
                p,
                format!("[0, {})", self.net.populations.len()),
            )
        })?;
        let var = pop.model.state_index(variable).ok_or_else(|| {
            Error::unknown(
                format!("Population '{}'", pop.label),
                "variable",
                variable,
                pop.model.state.iter().map(|s| s.name),
            )
        })?;
        let mut local = Vec::new();
        for b in self.blocks.iter().filter(|b| b.pop == p) {
            local.extend_from_slice(b.kernel.var(var));
        }
        // Ranks own ascending ranges of ids, so the rank-order concatenation is in id order.
        let mut out = Vec::with_capacity(pop.n);
        self.comm.all_gather_f64(&local, &mut out);
        Ok(out)
    }

    /// Current weights of projection `proj`, in the order of its connectivity CSR.
    pub fn weights(&self, proj: usize) -> Result<Vec<f64>> {
        build::gather_weights(self, proj)
    }

    /// Replaces the weights of projection `proj` (in the order of its connectivity CSR, see
    /// [`Network::connectivity`]) between runs, e.g. after a manual plasticity update. The
    /// run continues with them; a plastic projection's weights must keep its sign and STDP
    /// bounds. Nothing changes on error.
    pub fn set_weights(&mut self, proj: usize, weights: &[f64]) -> Result<()> {
        build::set_weights(self, proj, weights)
    }
}
