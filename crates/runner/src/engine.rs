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

/// The longest exchange interval, in steps (bounds the spikes held between exchanges when
/// delays are long or there is no projection).
const MAX_INTERVAL: usize = 64;
use crate::monitors::MonitorState;
use crate::nmda::NmdaGating;
use crate::plastic::PreTraces;
use crate::schedule::Schedule;
use crate::spec::{Network, PopulationId};
use rayon::prelude::*;
use sc_neurocore_core::{Communicator, Error, LocalCommunicator, Result, TimeGrid, ValueRange};
use std::time::Instant;

/// Runs `f` on every block: in parallel on the pool, or on the calling thread when
/// `parallel` is false (one thread, or a network whose step costs less than a parallel
/// pass's synchronisation: see [`crate::schedule`]). Blocks are independent, so both give
/// the same result.
fn for_each_block(
    pool: &rayon::ThreadPool,
    parallel: bool,
    blocks: &mut [Block],
    f: impl Fn(&mut Block) + Send + Sync,
) {
    if parallel {
        pool.install(|| blocks.par_iter_mut().for_each(f));
    } else {
        blocks.iter_mut().for_each(f);
    }
}

/// What each pool worker does when it starts: with one rank in the process and at most one
/// worker per core the process may use, worker `i` stays on core `i`. Unpinned, the
/// scheduler sometimes kept both workers of a 2-thread run on one core for the whole run
/// (a small network's parallel step then took 12 µs instead of 5; serial: 7). Several ranks
/// (MPI processes, whose launcher binds them, or in-process ranks) are left to the
/// launcher and the operating system, as are pools with more workers than cores.
fn worker_pinning(threads: usize, ranks: usize) -> impl Fn(usize) + Send + Sync + 'static {
    let cores = core_affinity::get_core_ids().unwrap_or_default();
    let pin = ranks == 1 && threads > 1 && threads <= cores.len();
    move |worker| {
        if pin {
            core_affinity::set_for_current(cores[worker]);
        }
    }
}

/// The spikes of one step, exchanged and not yet routed.
pub(crate) struct StepSpikes {
    /// The step they were emitted in.
    pub step: u64,
    /// Their global ids, ascending.
    pub ids: Vec<u64>,
    /// Per NMDA group, the gating jump of each of its population's spikes among `ids`.
    pub nmda_jumps: Vec<Vec<f64>>,
}

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
    pool: std::sync::Arc<rayon::ThreadPool>,
    threads: usize,
    /// Whether the current steps run their blocks in parallel (chosen by `schedule`).
    parallel: bool,
    schedule: Schedule,
    pub(crate) blocks: Vec<Block>,
    /// Global id of each population's first neuron; one extra entry = total.
    pub(crate) pop_offsets: Vec<u64>,
    /// Steps done so far (the current time is `step * dt`).
    step: u64,
    /// Steps integrated since the last exchange of spikes.
    unsent_steps: Vec<u64>,
    /// This rank's spikes of those steps, as sent: per step, the count then the global ids.
    unsent: Vec<u64>,
    /// Exchanged spikes not yet routed, in step order.
    unrouted: Vec<StepSpikes>,
    /// Steps between exchanges: the shortest delay (capped), so that every spike is routed
    /// before any target needs it.
    interval: usize,
    /// Whether any projection is plastic (routing then goes step by step, with the
    /// presynaptic traces advanced in between).
    plastic: bool,
    pub(crate) pop_spike_counts: Vec<u64>,
    pub(crate) monitors: Vec<MonitorState>,
    pub(crate) pre_traces: Vec<Option<PreTraces>>,
    /// The NMDA gating of each (source population, kind) group (`crate::nmda::groups`),
    /// advanced with every exchanged step's spikes, the same on every rank.
    nmda: Vec<(PopulationId, NmdaGating)>,
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
            .start_handler(worker_pinning(config.threads, comm.size()))
            .build()
            .map_err(|e| Error::invalid("NetworkRunner", format!("cannot start threads: {e}")))?;
        let mut pop_offsets = vec![0u64];
        for p in &net.populations {
            pop_offsets.push(pop_offsets.last().unwrap() + p.n as u64);
        }
        let owned = build::owned_range(*pop_offsets.last().unwrap(), comm.rank(), comm.size());
        let built =
            pool.install(|| build::build_blocks(net, &grid, config.threads, &pop_offsets, &owned))?;
        let nmda = crate::nmda::groups(net)
            .0
            .iter()
            .map(|g| (g.source, g.gating(net, grid.dt())))
            .collect();
        let monitors = crate::monitors::create(net, &grid, &pop_offsets, &owned)?;
        let pre_traces = crate::plastic::create_pre_traces(net, &grid, &built.blocks);
        let mut runner = NetworkRunner {
            net: net.clone(),
            grid,
            pool: std::sync::Arc::new(pool),
            threads: config.threads,
            parallel: config.threads > 1,
            schedule: Schedule::new(config.threads),
            blocks: built.blocks,
            pop_offsets,
            step: 0,
            unsent_steps: Vec::new(),
            unsent: Vec::new(),
            unrouted: Vec::new(),
            interval: built
                .min_delay
                .unwrap_or(MAX_INTERVAL as u64)
                .min(MAX_INTERVAL as u64) as usize,
            plastic: net.projections.iter().any(|p| p.stdp.is_some()),
            pop_spike_counts: vec![0; net.populations.len()],
            monitors,
            pre_traces,
            nmda,
            n_synapses: comm.all_sum(built.n_synapses),
            build_seconds: 0.0,
            comm,
        };
        crate::monitors::resolve_weight_monitors(&mut runner)?;
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
        let steps = self.grid.steps_for(duration).map_err(|e| match e {
            // A whole number of steps is asked of a valid duration only.
            Error::OutOfRange { range, .. } if duration >= 0.0 && duration.is_finite() => {
                Error::out_of_range("Network.run", "duration", duration, range)
            }
            _ => Error::out_of_range("Network.run", "duration", duration, "[0, inf) s"),
        })?;
        let every = (steps / 100).max(1);
        let mut done = 0;
        while done < steps {
            // Up to the next multiple of `every` (or the end): where progress is reported.
            let slice = ((done / every + 1) * every - done).min(steps - done);
            let mut left = slice;
            while left > 0 {
                let (parallel, max) = self.schedule.next_run();
                let run = max.min(left);
                self.parallel = parallel;
                let started = Instant::now();
                self.on_pool_worker(|runner| {
                    for _ in 0..run {
                        runner.step_recorded();
                    }
                });
                self.schedule.record(parallel, run, started.elapsed());
                left -= run;
            }
            done += slice;
            progress(done, steps);
        }
        self.parallel = self.threads > 1;
        self.flush();
        Ok(())
    }

    /// Runs `f`, on a pool worker when the run has several threads and the communicator
    /// may be called from any thread: each step's parallel pass then only wakes the other
    /// workers, which are still spinning from the last step, instead of handing the step
    /// from this thread to the pool and back (which costs more than a small network's
    /// whole step). MPI (initialised funneled) keeps the calling thread.
    fn on_pool_worker(&mut self, f: impl FnOnce(&mut Self) + Send) {
        if self.parallel && !self.comm.calling_thread_only() {
            let pool = self.pool.clone();
            pool.install(|| f(self));
        } else {
            f(self);
        }
    }

    /// (3) for state monitors, then one step: the sample of step k is the state before
    /// step k integrates, taken only for the steps of this run (the state at the end of the
    /// run is the first sample of the next run), as sc-neurocore-monitors documents.
    ///
    /// Weight samples of step k hold the weights once the spikes before k are routed: static
    /// projections' now (their weights do not change during a run), plastic ones' now only
    /// if nothing is left to route (at the start of a run), else when the routing of step
    /// k - 1 applies its plasticity (in [`Self::step`] or [`Self::flush`]).
    fn step_recorded(&mut self) {
        crate::monitors::record_state(self, self.step);
        let routed = self.unrouted.is_empty() && self.unsent_steps.is_empty();
        crate::monitors::record_weights(self, self.step, if routed { None } else { Some(false) });
        self.step();
    }

    /// One step of the network, in the order of DESIGN.md §2: (1) read the input due now and
    /// add stimuli, (2) integrate and emit spikes, (3) record, (4) route spikes into the delay
    /// rings, (5) plasticity. Spikes are exchanged between ranks once per `interval` steps
    /// (the shortest delay), and routed with their plasticity at the start of the step after
    /// the exchange: no spike is due before then, so the result is the same as routing every
    /// step, with one collective per interval instead of per step.
    fn step(&mut self) {
        let step = self.step;
        if self.plastic {
            // Plasticity needs the presynaptic traces of each step: route step by step.
            let unrouted = std::mem::take(&mut self.unrouted);
            let routed_any = !unrouted.is_empty();
            for (i, spikes) in unrouted.into_iter().enumerate() {
                let (offsets, pre, blocks) =
                    (&self.pop_offsets, &self.pre_traces, &mut self.blocks);
                for_each_block(&self.pool, self.parallel, blocks, |b| {
                    b.route(&spikes, offsets, pre, i)
                });
                crate::plastic::update_pre_traces(
                    &mut self.pre_traces,
                    &spikes.ids,
                    &self.pop_offsets,
                    &self.net,
                );
                // Spikes before `step` only: their samples belong to this step or earlier.
                crate::monitors::record_weights(self, spikes.step + 1, Some(true));
            }
            if routed_any {
                self.blocks.iter_mut().for_each(Block::clear_pending);
            }
            for_each_block(&self.pool, self.parallel, &mut self.blocks, |b| {
                b.integrate(step)
            });
        } else {
            // One parallel pass: route what was exchanged, then integrate.
            let unrouted = std::mem::take(&mut self.unrouted);
            let (offsets, pre, blocks) = (&self.pop_offsets, &self.pre_traces, &mut self.blocks);
            for_each_block(&self.pool, self.parallel, blocks, |b| {
                for (i, spikes) in unrouted.iter().enumerate() {
                    b.route(spikes, offsets, pre, i);
                }
                if !unrouted.is_empty() {
                    b.clear_pending();
                }
                b.integrate(step);
            });
        }
        // This rank's spikes of the step: blocks are in global-id order and ascend inside.
        let at = self.unsent.len();
        self.unsent.push(0);
        for b in &self.blocks {
            let base = b.global_start;
            self.unsent
                .extend(b.spikes(b.pending - 1).iter().map(|&l| base + l as u64));
        }
        self.unsent[at] = (self.unsent.len() - at - 1) as u64;
        self.unsent_steps.push(step);
        self.step += 1;
        if self.unsent_steps.len() >= self.interval {
            self.exchange();
        }
    }

    /// Exchanges the spikes of the steps since the last exchange, counts and records them
    /// (step (3) for spike and rate monitors), and queues them for routing.
    fn exchange(&mut self) {
        if self.unsent_steps.is_empty() {
            return;
        }
        let mut all = Vec::new();
        self.comm.all_gather_ids(&self.unsent, &mut all);
        // Each rank's message holds, per step, the count and then the ids; ranks own
        // ascending id ranges, so concatenating in rank order keeps every step's ids ascending.
        let n = self.unsent_steps.len();
        let mut per_step: Vec<Vec<u64>> = vec![Vec::new(); n];
        let mut at = 0;
        while at < all.len() {
            for ids in per_step.iter_mut() {
                let c = all[at] as usize;
                ids.extend_from_slice(&all[at + 1..at + 1 + c]);
                at += 1 + c;
            }
        }
        let steps = std::mem::take(&mut self.unsent_steps);
        self.unsent.clear();
        for (m, spikes) in steps.into_iter().zip(per_step) {
            for (p, count) in self.pop_spike_counts.iter_mut().enumerate() {
                let (lo, hi) = (self.pop_offsets[p], self.pop_offsets[p + 1]);
                *count += (spikes.partition_point(|&g| g < hi)
                    - spikes.partition_point(|&g| g < lo)) as u64;
            }
            crate::monitors::record_spikes(self, m, &spikes);
            let nmda_jumps = self.nmda_jumps(m, &spikes);
            self.unrouted.push(StepSpikes {
                step: m,
                ids: spikes,
                nmda_jumps,
            });
        }
    }

    /// The gating jumps of the NMDA sources that spiked in step `m` (global ids `spikes`,
    /// ascending), one vector per NMDA group, in the order of that group's population's
    /// spikes; the groups' states advance. Called once per step, in step order, with the
    /// spikes every rank has: the jumps are the same everywhere.
    fn nmda_jumps(&mut self, m: u64, spikes: &[u64]) -> Vec<Vec<f64>> {
        self.nmda
            .iter_mut()
            .map(|(p, gating)| {
                let (lo, hi) = (self.pop_offsets[*p], self.pop_offsets[*p + 1]);
                let a = spikes.partition_point(|&g| g < lo);
                let b = spikes.partition_point(|&g| g < hi);
                spikes[a..b]
                    .iter()
                    .map(|&g| gating.spike(m, (g - lo) as usize))
                    .collect()
            })
            .collect()
    }

    /// Exchanges and routes everything pending (at the end of a run), so that monitors,
    /// weights and plasticity are complete and the next run starts with nothing in flight
    /// but the delay rings.
    fn flush(&mut self) {
        self.exchange();
        let unrouted = std::mem::take(&mut self.unrouted);
        for (i, spikes) in unrouted.into_iter().enumerate() {
            let (offsets, pre, blocks) = (&self.pop_offsets, &self.pre_traces, &mut self.blocks);
            for_each_block(&self.pool, self.parallel, blocks, |b| {
                b.route(&spikes, offsets, pre, i)
            });
            crate::plastic::update_pre_traces(
                &mut self.pre_traces,
                &spikes.ids,
                &self.pop_offsets,
                &self.net,
            );
            // The sample of the step after the run is the next run's first.
            if spikes.step + 1 < self.step {
                crate::monitors::record_weights(self, spikes.step + 1, Some(true));
            }
        }
        self.blocks.iter_mut().for_each(Block::clear_pending);
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

    /// Current values of state variable `variable` of every neuron of population `p`: a
    /// model's state variable or a synaptic variable ([`crate::SYNAPTIC_VARIABLES`]) (a
    /// collective under MPI: every rank calls it and gets the whole population).
    pub fn state(&self, p: PopulationId, variable: &str) -> Result<Vec<f64>> {
        let pop = self.net.populations.get(p).ok_or_else(|| {
            Error::out_of_range(
                "NetworkRunner",
                "population",
                p,
                format!("[0, {})", self.net.populations.len()),
            )
        })?;
        let mut local = Vec::new();
        match pop.model.state_index(variable) {
            Some(var) => {
                for b in self.blocks.iter().filter(|b| b.pop == p) {
                    local.extend_from_slice(b.kernel.var(var));
                }
            }
            None => {
                // A synaptic variable: the sum of its channels.
                let channels = self.net.synaptic_channels(p, variable)?;
                for b in self.blocks.iter().filter(|b| b.pop == p) {
                    let mut sum = vec![0.0; b.range.len()];
                    for &c in &channels {
                        for (s, x) in sum.iter_mut().zip(b.channel_state(c)) {
                            *s += x;
                        }
                    }
                    local.extend_from_slice(&sum);
                }
            }
        }
        // Ranks own ascending ranges of ids, so the rank-order concatenation is in id order.
        let mut out = Vec::with_capacity(pop.n);
        self.comm.all_gather_f64(&local, &mut out);
        Ok(out)
    }

    /// Sets state variable `variable` of every neuron of population `p` between runs (one
    /// value per neuron of the whole population, in id order; under MPI every rank passes
    /// all of them and keeps its own). The next step integrates from these values, as
    /// Brian2's `group.v = ...` between runs; the model's other state (refractory clocks,
    /// gating variables) and its parameters are unchanged. Nothing changes on error.
    pub fn set_state(&mut self, p: PopulationId, variable: &str, values: &[f64]) -> Result<()> {
        let pop = self.net.populations.get(p).ok_or_else(|| {
            Error::out_of_range(
                "NetworkRunner",
                "population",
                p,
                format!("[0, {})", self.net.populations.len()),
            )
        })?;
        let object = format!("Population '{}'", pop.label);
        let var = pop.model.state_index(variable).ok_or_else(|| {
            Error::unknown(
                &object,
                "variable",
                variable,
                pop.model.state.iter().map(|s| s.name),
            )
        })?;
        if values.len() != pop.n {
            return Err(Error::shape(&object, variable, values.len(), pop.n));
        }
        if let Some((k, &v)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(Error::out_of_range(
                &object,
                format!("{variable}[{k}]"),
                v,
                ValueRange::Finite,
            ));
        }
        for b in self.blocks.iter_mut().filter(|b| b.pop == p) {
            b.kernel
                .var_mut(var)
                .copy_from_slice(&values[b.range.clone()]);
        }
        Ok(())
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
