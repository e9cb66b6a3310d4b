//! Building the partitioned network: blocks of neurons, their input channels, their
//! incoming synapses (generated once per projection, then split by target block), and the
//! routing of spikes into the delay rings.

use crate::channel::Channel;
use crate::engine::{NetworkRunner, StepSpikes};
use crate::plastic::{PlasticSynapses, PreTraces};
use crate::spec::{Connectivity, Delay, Network, Normals, SynapseKind, TruncatedNormal, relabel};
use rayon::prelude::*;
use sc_neurocore_core::{Csr, Error, Result, RngStream, StreamKind, TimeGrid};
use sc_neurocore_neurons::{BuildContext, NeuronKernel, StepInput};
use sc_neurocore_stimuli::{InputKind, StimulusBlock};
use sc_neurocore_topology::TargetRows;
use std::ops::Range;

/// Longest delay a projection may have, in steps (the delay rings hold one slot per step).
pub const MAX_DELAY_STEPS: usize = 1 << 16;

/// Neurons per block aimed at: enough blocks to balance threads, few enough to keep the
/// per-block cost of each spike (one row lookup) negligible.
const BLOCKS_PER_THREAD: usize = 4;

/// Fewest neurons in a block, unless that leaves a population fewer blocks than threads:
/// each block adds a fixed cost per step (its own loops over its channels, a row lookup per
/// spike and projection), which small blocks of a small network would not amortise.
const MIN_BLOCK_NEURONS: usize = 1024;

/// Weights of a block's incoming synapses of one projection.
pub(crate) enum Weights {
    /// The same weight for every synapse (generated topologies): nothing stored per synapse.
    Uniform(f64),
    /// One weight per synapse.
    PerSynapse(Vec<f64>),
}

/// Delays of a block's incoming synapses of one projection, in steps.
pub(crate) enum Delays {
    Uniform(u64),
    /// One delay per synapse, stored as `steps - 1` (delays are 1 to [`MAX_DELAY_STEPS`]
    /// steps, so two bytes hold them exactly).
    PerSynapse(Vec<u16>),
}

/// The stream entity of the `k`-th row's delays (weights use `k` itself): rows are below
/// 2^32, so the two never meet.
const DELAY_ENTITY: u64 = 1 << 32;

/// A stored per-synapse delay back in steps.
#[inline]
pub(crate) fn steps_of(d: u16) -> u64 {
    d as u64 + 1
}

/// Delays of one projection as described, in steps (checked against the grid).
enum DelayPlan {
    Uniform(u64),
    /// Given per synapse, in the order of the connectivity's CSR (`steps - 1`).
    PerSynapse(Vec<u16>),
    /// Drawn per synapse when the tables are built.
    Normal(TruncatedNormal),
}

/// The synapses of one projection that end on one block, source-major.
pub(crate) struct Incoming {
    pub proj: usize,
    pub src_pop: usize,
    pub channel: usize,
    /// `indptr[s]..indptr[s+1]` are the synapses from source `s` (local to its population).
    pub indptr: Vec<u32>,
    /// Block-local target of each synapse.
    pub targets: Vec<u32>,
    pub weights: Weights,
    pub delays: Delays,
    pub plastic: Option<PlasticSynapses>,
    /// The NMDA gating group of the projection (`crate::nmda::groups`): each spike's weight
    /// is scaled by its source's gating jump. `None` for other kinds.
    pub nmda: Option<usize>,
}

impl Incoming {
    /// Bytes this table holds (the synapse storage of the engine).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let weights = match &self.weights {
            Weights::Uniform(_) => 0,
            Weights::PerSynapse(w) => w.capacity() * size_of::<f64>(),
        };
        let delays = match &self.delays {
            Delays::Uniform(_) => 0,
            Delays::PerSynapse(d) => d.capacity() * size_of::<u16>(),
        };
        self.indptr.capacity() * size_of::<u32>()
            + self.targets.capacity() * size_of::<u32>()
            + weights
            + delays
            + self.plastic.as_ref().map_or(0, |p| p.heap_bytes())
    }
}

/// A stimulus as one block runs it.
pub(crate) enum BlockStimulus {
    /// Adds a current.
    Current(StimulusBlock),
    /// Adds input spikes (weight × count) into a channel, due now.
    Spikes(StimulusBlock, usize),
}

/// A contiguous range of one population's neurons and everything that acts on them.
pub(crate) struct Block {
    pub pop: usize,
    pub range: Range<usize>,
    pub global_start: u64,
    pub kernel: Box<dyn NeuronKernel>,
    membrane: usize,
    channels: Vec<Channel>,
    pub incoming: Vec<Incoming>,
    stimuli: Vec<BlockStimulus>,
    jump: Vec<f64>,
    /// Whether a channel writes `jump` (a delta channel); without one it stays all zero and
    /// needs no clearing.
    has_jumps: bool,
    current: Vec<f64>,
    /// Local ids that spiked in each integrated step not yet routed, ascending: entry `i`
    /// is the `i`-th step since the last routing. Vectors are reused between batches.
    history: Vec<Vec<u32>>,
    /// How many entries of `history` are in use.
    pub pending: usize,
}

impl Block {
    /// (1) + (2): input due at `step` plus stimuli, then integration from t to t + dt.
    pub fn integrate(&mut self, step: u64) {
        if self.has_jumps {
            self.jump.iter_mut().for_each(|x| *x = 0.0);
        }
        self.current.iter_mut().for_each(|x| *x = 0.0);
        for s in &mut self.stimuli {
            match s {
                BlockStimulus::Current(b) => b.add(step, &mut self.current),
                BlockStimulus::Spikes(b, ch) => b.add(step, self.channels[*ch].ring.due_mut(step)),
            }
        }
        let v = self.kernel.var(self.membrane);
        for ch in &mut self.channels {
            ch.apply(step, v, &mut self.jump, &mut self.current);
        }
        if self.history.len() == self.pending {
            self.history.push(Vec::new());
        }
        let spikes = &mut self.history[self.pending];
        spikes.clear();
        let input = StepInput {
            jump: &self.jump,
            current: &self.current,
        };
        self.kernel.step(&input, spikes);
        self.pending += 1;
    }

    /// The state of input channel `c` (see [`Channel::state`]).
    pub fn channel_state(&self, c: usize) -> &[f64] {
        self.channels[c].state()
    }

    /// The block's spikes of the `i`-th step since the last routing.
    pub fn spikes(&self, i: usize) -> &[u32] {
        &self.history[i]
    }

    /// Forgets the routed steps.
    pub fn clear_pending(&mut self) {
        self.pending = 0;
    }

    /// (4) + (5): routes the spikes of one step (global ids, ascending) into this block's
    /// delay rings and applies plasticity, with this block's own spikes of that step
    /// (`history` entry `hist`) as the postsynaptic ones. A spike emitted in step k carries the
    /// time (k+1) dt; with a delay of d steps it is consumed in step k + d, so that it acts on
    /// the membrane at (k+1) dt + d dt, exactly the delay later (as NEST does). Routing may
    /// happen up to the minimum delay after the spike (the exchange interval): the rings hold
    /// every due step until it is consumed. An NMDA synapse delivers its weight times its
    /// source's gating jump.
    pub fn route(
        &mut self,
        step_spikes: &StepSpikes,
        offsets: &[u64],
        pre: &[Option<PreTraces>],
        hist: usize,
    ) {
        let (emitted, spikes) = (step_spikes.step, &step_spikes.ids[..]);
        let post = &self.history[hist];
        for inc in &mut self.incoming {
            let (lo, hi) = (offsets[inc.src_pop], offsets[inc.src_pop + 1]);
            let a = spikes.partition_point(|&g| g < lo);
            let b = spikes.partition_point(|&g| g < hi);
            let ring = &mut self.channels[inc.channel].ring;
            let jumps = inc.nmda.map(|g| &step_spikes.nmda_jumps[g][..]);
            for (i, &g) in spikes[a..b].iter().enumerate() {
                let s = (g - lo) as usize;
                let (r0, r1) = (inc.indptr[s] as usize, inc.indptr[s + 1] as usize);
                // Other kinds deliver the weight itself (times 1, exactly).
                let scale = jumps.map_or(1.0, |j| j[i]);
                match (&inc.weights, &inc.delays) {
                    (Weights::Uniform(w), Delays::Uniform(d)) => {
                        let slot = ring.due_mut(emitted + d);
                        let w = w * scale;
                        for &t in &inc.targets[r0..r1] {
                            slot[t as usize] += w;
                        }
                    }
                    (Weights::PerSynapse(ws), Delays::Uniform(d)) => {
                        let slot = ring.due_mut(emitted + d);
                        for (&t, &w) in inc.targets[r0..r1].iter().zip(&ws[r0..r1]) {
                            slot[t as usize] += w * scale;
                        }
                    }
                    (w, Delays::PerSynapse(ds)) => {
                        for k in r0..r1 {
                            let wk = match w {
                                Weights::Uniform(w) => *w,
                                Weights::PerSynapse(ws) => ws[k],
                            };
                            ring.add(
                                emitted + steps_of(ds[k]),
                                inc.targets[k] as usize,
                                wk * scale,
                            );
                        }
                    }
                }
            }
            if let Some(pl) = &mut inc.plastic {
                let Weights::PerSynapse(ws) = &mut inc.weights else {
                    unreachable!("plastic projections store per-synapse weights")
                };
                let x = pre[inc.proj]
                    .as_ref()
                    .expect("pre traces of a plastic projection");
                pl.apply(
                    emitted,
                    &spikes[a..b],
                    lo,
                    &inc.indptr,
                    &inc.targets,
                    post,
                    ws,
                    x,
                );
            }
        }
    }
}

/// Blocks, synapse count and the shortest delay.
pub(crate) struct Built {
    pub blocks: Vec<Block>,
    pub n_synapses: u64,
    /// The shortest delay of any projection, in steps (None without projections): spikes
    /// need to reach other blocks and ranks only this often.
    pub min_delay: Option<u64>,
}

/// Splits `n` neurons into `k` near-equal contiguous ranges.
fn split(n: usize, k: usize) -> Vec<Range<usize>> {
    let k = k.clamp(1, n.max(1));
    (0..k).map(|i| (i * n / k)..((i + 1) * n / k)).collect()
}

/// The synapse kinds acting on population `p`, in order of first use.
pub(crate) fn channel_kinds(net: &Network, p: usize) -> Vec<SynapseKind> {
    let mut kinds: Vec<SynapseKind> = Vec::new();
    let uses = net
        .projections
        .iter()
        .filter(|pr| pr.target == p)
        .map(|pr| pr.synapse)
        .chain(
            net.stimuli
                .iter()
                .filter(|s| s.target == p && s.spec.input_kind() == InputKind::Jump)
                .map(|s| s.synapse),
        );
    for k in uses {
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    kinds
}

/// A delay `d` (seconds) in whole steps of `grid`, checked: finite, not negative, and at most
/// [`MAX_DELAY_STEPS`] steps (the error names `object`'s `delay`). Front ends that convert
/// delays themselves (the Python reference backend) use this to agree with the engine.
pub fn delay_to_steps(object: &str, grid: &TimeGrid, d: f64) -> Result<usize> {
    let s = grid
        .delay_steps(d)
        .map_err(|_| Error::out_of_range(object, "delay", d, "[0, inf) s"))?;
    if s > MAX_DELAY_STEPS {
        return Err(Error::out_of_range(
            object,
            "delay",
            d,
            format!(
                "[0, {}] s at dt = {} s",
                MAX_DELAY_STEPS as f64 * grid.dt(),
                grid.dt()
            ),
        ));
    }
    Ok(s)
}

/// Delay of projection `j` in steps: one value, one per synapse in CSR order, or a
/// distribution to draw from.
fn delay_plan(net: &Network, j: usize, grid: &TimeGrid) -> Result<DelayPlan> {
    let pr = &net.projections[j];
    let object = format!("Projection '{}'", pr.label);
    Ok(match &pr.delay {
        Delay::Uniform(d) => DelayPlan::Uniform(delay_to_steps(&object, grid, *d)? as u64),
        Delay::PerSynapse(ds) => DelayPlan::PerSynapse(
            ds.iter()
                .map(|&d| delay_to_steps(&object, grid, d).map(|s| (s - 1) as u16))
                .collect::<Result<_>>()?,
        ),
        Delay::Normal(dist) => {
            // The shortest possible delay must fit the grid too.
            delay_to_steps(&object, grid, dist.min)?;
            DelayPlan::Normal(*dist)
        }
    })
}

/// The largest delay of a table, in steps.
fn max_delay(d: &Delays) -> usize {
    match d {
        Delays::Uniform(s) => *s as usize,
        Delays::PerSynapse(v) => v.iter().copied().max().map_or(1, steps_of) as usize,
    }
}

/// The `k`-th values of target row `t`'s stream of projection `proj`: weights
/// (`entity = t`) or delays (`entity = 2^32 + t`).
fn row_stream(seed: u64, proj: usize, entity: u64) -> Normals {
    Normals::new(RngStream::new(
        seed,
        StreamKind::SynapseParams,
        proj as u32,
        entity,
    ))
}

/// Fills `out` (one target row, in row order) with draws of `dist` from `rng`.
fn draw_into(
    dist: &TruncatedNormal,
    rng: &mut Normals,
    out: &mut [f64],
    object: &str,
    field: &str,
) -> Result<()> {
    for o in out {
        *o = dist
            .draw(rng)
            .ok_or_else(|| dist.exhausted(object, field))?;
    }
    Ok(())
}

/// Per-synapse values of `rows` in row order: `fill(target, row_values)` for every row,
/// in parallel over blocks of rows (each row from its own stream, so the split does not
/// matter).
fn per_row<T, F>(rows: &TargetRows, fill: F) -> Result<Vec<T>>
where
    T: Copy + Default + Send,
    F: Fn(usize, &mut [T]) -> Result<()> + Sync,
{
    const ROWS: usize = 256;
    let ip = rows.indptr();
    let start = rows.targets().start;
    let n_rows = rows.targets().len();
    let mut out = vec![T::default(); rows.nnz()];
    let mut chunks = Vec::with_capacity(n_rows.div_ceil(ROWS));
    let mut rest: &mut [T] = &mut out;
    for r0 in (0..n_rows).step_by(ROWS) {
        let r1 = (r0 + ROWS).min(n_rows);
        let (chunk, tail) = rest.split_at_mut(ip[r1] - ip[r0]);
        chunks.push((r0..r1, chunk));
        rest = tail;
    }
    chunks.into_par_iter().try_for_each(|(rr, chunk)| {
        let base = ip[rr.start];
        for r in rr {
            fill(start + r, &mut chunk[ip[r] - base..ip[r + 1] - base])?;
        }
        Ok(())
    })?;
    Ok(out)
}

/// Weights drawn from `dist` for every synapse of `rows`, in row order.
fn row_weights(
    rows: &TargetRows,
    dist: &TruncatedNormal,
    seed: u64,
    proj: usize,
    object: &str,
) -> Result<Vec<f64>> {
    per_row(rows, |t, out| {
        let mut rng = row_stream(seed, proj, t as u64);
        draw_into(dist, &mut rng, out, object, "weight")
    })
}

/// Delays drawn from `dist` for every synapse of `rows`, in row order, in seconds.
fn row_delays(
    rows: &TargetRows,
    dist: &TruncatedNormal,
    seed: u64,
    proj: usize,
    object: &str,
) -> Result<Vec<f64>> {
    per_row(rows, |t, out| {
        let mut rng = row_stream(seed, proj, DELAY_ENTITY + t as u64);
        draw_into(dist, &mut rng, out, object, "delay")
    })
}

/// Values given in the target-row order of `rows = TargetRows::from_csr(csr, ..)` (sources
/// ascending, multapses in CSR order) moved to the order of `csr`.
fn csr_order<T: Copy + Default>(csr: &Csr, rows: &TargetRows, vals: &[T]) -> Vec<T> {
    let mut next: Vec<usize> = rows.indptr()[..rows.targets().len()].to_vec();
    let mut out = vec![T::default(); csr.nnz()];
    for (o, &t) in out.iter_mut().zip(csr.indices()) {
        let slot = &mut next[t as usize];
        *o = vals[*slot];
        *slot += 1;
    }
    out
}

/// Values given in the row order of `rows` moved to the order of `rows.to_csr(..)` (a
/// stable counting sort by source, as the transpose does).
fn rows_to_csr_order<T: Copy + Default>(rows: &TargetRows, vals: &[T]) -> Vec<T> {
    let n_src = rows.n_src();
    let mut next = vec![0usize; n_src + 1];
    for &s in rows.sources() {
        next[s as usize + 1] += 1;
    }
    for s in 0..n_src {
        next[s + 1] += next[s];
    }
    let mut out = vec![T::default(); vals.len()];
    for (&s, &v) in rows.sources().iter().zip(vals) {
        let slot = &mut next[s as usize];
        out[*slot] = v;
        *slot += 1;
    }
    out
}

/// The connectivity of projection `j` as a CSR (generated from its own streams, with its
/// drawn weights).
pub(crate) fn connectivity(net: &Network, j: usize) -> Result<Csr> {
    let pr = &net.projections[j];
    let object = format!("Projection '{}'", pr.label);
    let n_src = net.populations[pr.source].n;
    let n_tgt = net.populations[pr.target].n;
    let opts_of = |options: &sc_neurocore_topology::ConnectOptions| {
        let mut opts = *options;
        opts.same_population = pr.source == pr.target;
        opts
    };
    match &pr.connectivity {
        Connectivity::Explicit(csr) => Ok(csr.clone()),
        Connectivity::Generated {
            topology,
            weight,
            options,
        } => topology
            .generate(n_src, n_tgt, *weight, net.seed, j as u32, opts_of(options))
            .map_err(|e| relabel(e, &object)),
        Connectivity::GeneratedNormal {
            topology,
            weight,
            options,
        } => {
            let opts = opts_of(options);
            if topology.is_row_local() {
                let rows = topology
                    .generate_in_rows(n_src, n_tgt, 0..n_tgt, net.seed, j as u32, opts)
                    .map_err(|e| relabel(e, &object))?;
                let ws = row_weights(&rows, weight, net.seed, j, &object)?;
                let mut csr = rows.to_csr(0.0)?;
                csr.weights_mut()
                    .copy_from_slice(&rows_to_csr_order(&rows, &ws));
                Ok(csr)
            } else {
                let mut csr = topology
                    .generate(n_src, n_tgt, 0.0, net.seed, j as u32, opts)
                    .map_err(|e| relabel(e, &object))?;
                let rows = TargetRows::from_csr(&csr, 0..n_tgt);
                let ws = row_weights(&rows, weight, net.seed, j, &object)?;
                let ws = csr_order(&csr, &rows, &ws);
                csr.weights_mut().copy_from_slice(&ws);
                Ok(csr)
            }
        }
    }
}

/// The drawn delays (seconds) of projection `j` with `Delay::Normal(dist)`, in the order of
/// its connectivity's CSR: what the tables hold, before rounding to steps.
pub(crate) fn drawn_delays(net: &Network, j: usize, dist: &TruncatedNormal) -> Result<Vec<f64>> {
    let pr = &net.projections[j];
    let object = format!("Projection '{}'", pr.label);
    let (n_src, n_tgt) = (net.populations[pr.source].n, net.populations[pr.target].n);
    match pr.connectivity.generated() {
        Some((topology, _, options)) if topology.is_row_local() => {
            let mut opts = options;
            opts.same_population = pr.source == pr.target;
            let rows = topology
                .generate_in_rows(n_src, n_tgt, 0..n_tgt, net.seed, j as u32, opts)
                .map_err(|e| relabel(e, &object))?;
            let ds = row_delays(&rows, dist, net.seed, j, &object)?;
            Ok(rows_to_csr_order(&rows, &ds))
        }
        _ => {
            let csr = connectivity(net, j)?;
            let rows = TargetRows::from_csr(&csr, 0..n_tgt);
            let ds = row_delays(&rows, dist, net.seed, j, &object)?;
            Ok(csr_order(&csr, &rows, &ds))
        }
    }
}

/// Values of `dist` for every synapse of projection `j`, in the order of its connectivity's
/// CSR, from the streams of its weights (`delay = false`) or delays.
pub(crate) fn drawn_normal(
    net: &Network,
    j: usize,
    dist: &TruncatedNormal,
    delay: bool,
) -> Result<Vec<f64>> {
    let object = format!("Projection '{}'", net.projections[j].label);
    let csr = connectivity(net, j)?;
    let n_tgt = net.populations[net.projections[j].target].n;
    let rows = TargetRows::from_csr(&csr, 0..n_tgt);
    let vals = if delay {
        row_delays(&rows, dist, net.seed, j, &object)?
    } else {
        row_weights(&rows, dist, net.seed, j, &object)?
    };
    Ok(csr_order(&csr, &rows, &vals))
}

/// Uniform values in `[low, high)` for every synapse of projection `j`, in the order of its
/// connectivity's CSR, from the streams of its weights (`delay = false`) or delays.
pub(crate) fn drawn_uniform(
    net: &Network,
    j: usize,
    low: f64,
    high: f64,
    delay: bool,
) -> Result<Vec<f64>> {
    let csr = connectivity(net, j)?;
    let n_tgt = net.populations[net.projections[j].target].n;
    let rows = TargetRows::from_csr(&csr, 0..n_tgt);
    let base = if delay { DELAY_ENTITY } else { 0 };
    let vals = per_row(&rows, |t, out: &mut [f64]| {
        let mut rng = RngStream::new(
            net.seed,
            StreamKind::SynapseParams,
            j as u32,
            base + t as u64,
        );
        for o in out {
            *o = low + (high - low) * rng.uniform();
        }
        Ok(())
    })?;
    Ok(csr_order(&csr, &rows, &vals))
}

/// The global ids this rank owns: ranks own contiguous, near-equal ranges of all neurons
/// (neuron-level partitioning across populations), in rank order.
pub(crate) fn owned_range(n_neurons: u64, rank: usize, size: usize) -> Range<u64> {
    let (r, s) = (rank as u64, size as u64);
    (n_neurons * r / s)..(n_neurons * (r + 1) / s)
}

/// The part of population `p` (local indices) that lies in `owned` (global ids).
pub(crate) fn owned_part(offsets: &[u64], p: usize, owned: &Range<u64>) -> Range<usize> {
    let lo = offsets[p].max(owned.start).min(offsets[p + 1]);
    let hi = offsets[p + 1].min(owned.end).max(lo);
    (lo - offsets[p]) as usize..(hi - offsets[p]) as usize
}

pub(crate) fn build_blocks(
    net: &Network,
    grid: &TimeGrid,
    threads: usize,
    offsets: &[u64],
    owned: &Range<u64>,
) -> Result<Built> {
    let total = (owned.end - owned.start).max(1) as usize;
    let target_blocks = threads * BLOCKS_PER_THREAD;
    // Delays first: they are cheap to check, and all but drawn ones size the rings.
    let plans: Vec<DelayPlan> = (0..net.projections.len())
        .map(|j| delay_plan(net, j, grid))
        .collect::<Result<_>>()?;
    // Stimuli against their targets on this grid: sizes were checked when added; here a step
    // current must also cover at least one step of dt.
    for s in &net.stimuli {
        let pop = &net.populations[s.target];
        s.spec
            .check(&format!("Population '{}'", pop.label), pop.n, grid)
            .map_err(|e| relabel(e, &format!("{} '{}'", s.spec.kind_name(), s.label)))?;
    }

    net.check_initial_synaptic_states()?;

    let mut blocks = Vec::new();
    for (p, pop) in net.populations.iter().enumerate() {
        let kinds = channel_kinds(net, p);
        let part = owned_part(offsets, p, owned);
        if part.is_empty() {
            continue;
        }
        let n_blocks = (part.len() * target_blocks)
            .div_ceil(total)
            .min(part.len().div_ceil(MIN_BLOCK_NEURONS))
            .max(threads.min(part.len()));
        for range in split(part.len(), n_blocks) {
            let range = part.start + range.start..part.start + range.end;
            let n = range.len();
            let params = pop.params.slice(range.clone());
            let kernel = (pop.model.build)(&BuildContext {
                params: &params,
                n,
                dt_ms: grid.dt_ms(),
                seed: net.seed,
                first_id: offsets[p] + range.start as u64,
            });
            let stimuli = net
                .stimuli
                .iter()
                .enumerate()
                .filter(|(_, s)| s.target == p)
                .map(|(i, s)| {
                    let b = s.spec.block(net.seed, i as u32, range.clone(), grid);
                    if s.spec.input_kind() == InputKind::Jump {
                        let ch = kinds
                            .iter()
                            .position(|k| *k == s.synapse)
                            .expect("channel of a stimulus");
                        BlockStimulus::Spikes(b, ch)
                    } else {
                        BlockStimulus::Current(b)
                    }
                })
                .collect();
            blocks.push(Block {
                pop: p,
                global_start: offsets[p] + range.start as u64,
                range,
                kernel,
                membrane: pop.model.membrane,
                // Made once the synapses are known (drawn delays size the rings).
                channels: Vec::new(),
                incoming: Vec::new(),
                stimuli,
                jump: vec![0.0; n],
                has_jumps: false,
                current: vec![0.0; n],
                history: Vec::new(),
                pending: 0,
            });
        }
    }

    // The shortest delay, from the description alone so that every rank agrees: a drawn
    // delay is never shorter than its distribution's `min`.
    let min_delay = plans
        .iter()
        .map(|d| match d {
            DelayPlan::Uniform(s) => *s,
            DelayPlan::PerSynapse(v) => v.iter().copied().min().map_or(u32::MAX as u64, steps_of),
            DelayPlan::Normal(dist) => grid.delay_steps(dist.min).unwrap_or(1) as u64,
        })
        .min();
    let mut n_synapses = 0u64;
    // Row-local generated projections: every (projection, target block) table is one task,
    // all in parallel (each from its own streams, so the schedule changes nothing).
    let mut tasks: Vec<RowTask<'_>> = Vec::new();
    for (j, (pr, plan)) in net.projections.iter().zip(&plans).enumerate() {
        let Some((topology, dist, options)) = pr.connectivity.generated() else {
            continue;
        };
        if !topology.is_row_local() {
            continue;
        }
        let object = format!("Projection '{}'", pr.label);
        let channel = channel_kinds(net, pr.target)
            .iter()
            .position(|k| *k == pr.synapse)
            .expect("channel of a projection");
        let weight = match &pr.connectivity {
            Connectivity::GeneratedNormal { .. } => WeightPlan::Normal(dist),
            _ => WeightPlan::Uniform(dist.mean),
        };
        let plastic = pr
            .stdp
            .as_ref()
            .map(|p| crate::plastic::rule_for(p, &[dist.mean], grid, &object))
            .transpose()?;
        let mut opts = options;
        opts.same_population = pr.source == pr.target;
        tasks.push(RowTask {
            topology,
            n_src: net.populations[pr.source].n,
            n_tgt: net.populations[pr.target].n,
            target: pr.target,
            opts,
            ctx: RowsContext {
                proj: j,
                src_pop: pr.source,
                channel,
                seed: net.seed,
                grid,
                object,
            },
            weight,
            plan,
            plastic,
        });
    }
    let jobs: Vec<(usize, usize)> = tasks
        .iter()
        .enumerate()
        .flat_map(|(k, task)| {
            blocks
                .iter()
                .enumerate()
                .filter(move |(_, b)| b.pop == task.target)
                .map(move |(bi, _)| (k, bi))
        })
        .collect();
    let made: Vec<Result<Incoming>> = jobs
        .par_iter()
        .map(|&(k, bi)| {
            let task = &tasks[k];
            let rows = task
                .topology
                .generate_in_rows(
                    task.n_src,
                    task.n_tgt,
                    blocks[bi].range.clone(),
                    net.seed,
                    task.ctx.proj as u32,
                    task.opts,
                )
                .map_err(|e| relabel(e, &task.ctx.object))?;
            incoming_from_rows(
                &task.ctx,
                rows,
                &task.weight,
                task.plan,
                task.plastic.as_ref(),
            )
        })
        .collect();
    drop(tasks);
    for (&(_, bi), inc) in jobs.iter().zip(made) {
        let inc = inc?;
        n_synapses += inc.targets.len() as u64;
        blocks[bi].incoming.push(inc);
    }
    // The others, from the projection's CSR.
    for (j, (pr, plan)) in net.projections.iter().zip(&plans).enumerate() {
        let object = format!("Projection '{}'", pr.label);
        let kinds = channel_kinds(net, pr.target);
        let channel = kinds
            .iter()
            .position(|k| *k == pr.synapse)
            .expect("channel of a projection");
        match pr.connectivity.generated() {
            Some((topology, _, _)) if topology.is_row_local() => {}
            _ => {
                let csr = connectivity(net, j)?;
                n_synapses += csr.nnz() as u64;
                let uniform_weight = match &pr.connectivity {
                    Connectivity::Generated { weight, .. } if pr.stdp.is_none() => Some(*weight),
                    _ => None,
                };
                let plastic = pr
                    .stdp
                    .as_ref()
                    .map(|p| crate::plastic::rule_for(p, csr.weights(), grid, &object))
                    .transpose()?;
                let delays = match plan {
                    DelayPlan::Uniform(d) => Delays::Uniform(*d),
                    DelayPlan::PerSynapse(v) => Delays::PerSynapse(v.clone()),
                    DelayPlan::Normal(dist) => {
                        let n_tgt = net.populations[pr.target].n;
                        let rows = TargetRows::from_csr(&csr, 0..n_tgt);
                        let ds = row_delays(&rows, dist, net.seed, j, &object)?;
                        Delays::PerSynapse(
                            csr_order(&csr, &rows, &ds)
                                .into_iter()
                                .map(|d| delay_to_steps(&object, grid, d).map(|s| (s - 1) as u16))
                                .collect::<Result<_>>()?,
                        )
                    }
                };
                blocks
                    .par_iter_mut()
                    .filter(|b| b.pop == pr.target)
                    .for_each(|b| {
                        let inc = incoming_for_block(
                            j,
                            pr.source,
                            channel,
                            &csr,
                            &delays,
                            uniform_weight,
                            b.range.clone(),
                            plastic.as_ref(),
                        );
                        b.incoming.push(inc);
                    });
            }
        }
    }

    // Tables in projection order: each neuron sums its inputs in the same order whatever
    // the split (projection, then source, then synapse).
    let (_, nmda_of) = crate::nmda::groups(net);
    for b in &mut blocks {
        b.incoming.sort_by_key(|i| i.proj);
        for inc in &mut b.incoming {
            inc.nmda = nmda_of[inc.proj];
        }
    }
    // Delay rings: as long as the longest delay of the projections onto each channel (all
    // synapses of a described delay; a block's own synapses of a drawn one).
    for b in &mut blocks {
        let kinds = channel_kinds(net, b.pop);
        let n = b.range.len();
        let mut channels = Vec::with_capacity(kinds.len());
        for (c, &k) in kinds.iter().enumerate() {
            let described = net
                .projections
                .iter()
                .zip(&plans)
                .filter(|(pr, _)| pr.target == b.pop && pr.synapse == k)
                .map(|(_, plan)| match plan {
                    DelayPlan::Uniform(s) => *s as usize,
                    DelayPlan::PerSynapse(v) => {
                        v.iter().copied().max().map_or(1, steps_of) as usize
                    }
                    DelayPlan::Normal(_) => 1,
                });
            let drawn = b
                .incoming
                .iter()
                .filter(|i| i.channel == c)
                .map(|i| max_delay(&i.delays));
            let len = described.chain(drawn).max().unwrap_or(1);
            let mut channel = Channel::new(k, n, len, grid.dt());
            if let Some(init) = net
                .initial_synaptic
                .iter()
                .find(|s| s.population == b.pop && s.synapse == k)
            {
                channel.set_state(&init.values[b.range.clone()]);
            }
            channels.push(channel);
        }
        b.has_jumps = channels.iter().any(|c| c.kind == SynapseKind::Delta);
        b.channels = channels;
    }
    Ok(Built {
        blocks,
        n_synapses,
        min_delay,
    })
}

/// The synapses of `csr` whose target lies in `range`, re-indexed to the block.
#[allow(clippy::too_many_arguments)]
fn incoming_for_block(
    proj: usize,
    src_pop: usize,
    channel: usize,
    csr: &Csr,
    delays: &Delays,
    uniform_weight: Option<f64>,
    range: Range<usize>,
    plastic: Option<&crate::plastic::Rule>,
) -> Incoming {
    let mut indptr = Vec::with_capacity(csr.n_rows() + 1);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut per_delay = Vec::new();
    let mut csr_pos = Vec::new();
    indptr.push(0u32);
    let (lo, hi) = (range.start as u32, range.end as u32);
    for s in 0..csr.n_rows() {
        let (a, b) = (csr.indptr()[s], csr.indptr()[s + 1]);
        for k in a..b {
            let t = csr.indices()[k];
            if t >= lo && t < hi {
                targets.push(t - lo);
                if uniform_weight.is_none() {
                    weights.push(csr.weights()[k]);
                }
                if let Delays::PerSynapse(ds) = delays {
                    per_delay.push(ds[k]);
                }
                if plastic.is_some() {
                    csr_pos.push(k as u64);
                }
            }
        }
        indptr.push(targets.len() as u32);
    }
    let delays = match delays {
        Delays::Uniform(d) => Delays::Uniform(*d),
        Delays::PerSynapse(_) => Delays::PerSynapse(per_delay),
    };
    let plastic = plastic.map(|rule| {
        PlasticSynapses::new(
            *rule,
            s_of(&indptr),
            &targets,
            &delays,
            range.len(),
            Some(csr_pos),
        )
    });
    Incoming {
        proj,
        src_pop,
        channel,
        indptr,
        targets,
        weights: match uniform_weight {
            Some(w) => Weights::Uniform(w),
            None => Weights::PerSynapse(weights),
        },
        delays,
        plastic,
        nmda: None,
    }
}

/// Weights of a generated projection: one value, or drawn per synapse.
enum WeightPlan {
    Uniform(f64),
    Normal(TruncatedNormal),
}

/// What [`incoming_from_rows`] needs to know about its projection.
struct RowsContext<'a> {
    proj: usize,
    src_pop: usize,
    channel: usize,
    seed: u64,
    grid: &'a TimeGrid,
    object: String,
}

/// One row-local projection to build, block by block.
struct RowTask<'a> {
    topology: sc_neurocore_topology::Topology,
    n_src: usize,
    n_tgt: usize,
    target: usize,
    opts: sc_neurocore_topology::ConnectOptions,
    ctx: RowsContext<'a>,
    weight: WeightPlan,
    plan: &'a DelayPlan,
    plastic: Option<crate::plastic::Rule>,
}

/// A block's synapses of one projection from its target rows (row-local topologies), made
/// source-major by a counting sort, with their weights and delays (drawn in row order from
/// the rows' streams, then moved along). For each source, targets come out ascending and
/// the repeated synapses of a pair (multapses) adjacent in row order, exactly the order of
/// the projection's CSR; so the block tables in block order are the CSR order.
fn incoming_from_rows(
    ctx: &RowsContext<'_>,
    rows: TargetRows,
    weight: &WeightPlan,
    delays: &DelayPlan,
    plastic: Option<&crate::plastic::Rule>,
) -> Result<Incoming> {
    // Per-synapse values in row order, drawn before the rows are consumed.
    let row_w = match weight {
        WeightPlan::Normal(dist) => {
            Some(row_weights(&rows, dist, ctx.seed, ctx.proj, &ctx.object)?)
        }
        WeightPlan::Uniform(_) => None,
    };
    let row_d = match delays {
        DelayPlan::Normal(dist) => {
            let grid = ctx.grid;
            let object = ctx.object.as_str();
            Some(per_row(&rows, |t, out: &mut [u16]| {
                let mut rng = row_stream(ctx.seed, ctx.proj, DELAY_ENTITY + t as u64);
                for o in out {
                    let d = dist
                        .draw(&mut rng)
                        .ok_or_else(|| dist.exhausted(object, "delay"))?;
                    *o = (delay_to_steps(object, grid, d)? - 1) as u16;
                }
                Ok(())
            })?)
        }
        DelayPlan::Uniform(_) => None,
        DelayPlan::PerSynapse(_) => unreachable!("generated projections take no delay list"),
    };
    let n = rows.targets().len();
    let n_src = rows.n_src();
    let (_, _, _, row_ptr, sources) = rows.into_parts();
    let mut indptr = vec![0u32; n_src + 1];
    for &s in &sources {
        indptr[s as usize + 1] += 1;
    }
    for s in 0..n_src {
        indptr[s + 1] += indptr[s];
    }
    let nnz = sources.len();
    let mut fill = indptr.clone();
    let mut targets = vec![0u32; nnz];
    let mut ws = if row_w.is_some() {
        vec![0.0; nnz]
    } else {
        Vec::new()
    };
    let mut ds = if row_d.is_some() {
        vec![0u16; nnz]
    } else {
        Vec::new()
    };
    for r in 0..n {
        for k in row_ptr[r]..row_ptr[r + 1] {
            let slot = &mut fill[sources[k] as usize];
            let at = *slot as usize;
            *slot += 1;
            targets[at] = r as u32;
            if let Some(w) = &row_w {
                ws[at] = w[k];
            }
            if let Some(d) = &row_d {
                ds[at] = d[k];
            }
        }
    }
    drop(sources);
    let delays = match delays {
        DelayPlan::Uniform(d) => Delays::Uniform(*d),
        _ => Delays::PerSynapse(ds),
    };
    let plastic =
        plastic.map(|rule| PlasticSynapses::new(*rule, s_of(&indptr), &targets, &delays, n, None));
    Ok(Incoming {
        proj: ctx.proj,
        src_pop: ctx.src_pop,
        channel: ctx.channel,
        weights: match (weight, &plastic) {
            (WeightPlan::Normal(_), _) => Weights::PerSynapse(ws),
            (WeightPlan::Uniform(w), Some(_)) => Weights::PerSynapse(vec![*w; targets.len()]),
            (WeightPlan::Uniform(w), None) => Weights::Uniform(*w),
        },
        indptr,
        targets,
        delays,
        plastic,
        nmda: None,
    })
}

/// Source (row) of each synapse of a source-major table.
fn s_of(indptr: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(*indptr.last().unwrap_or(&0) as usize);
    for s in 0..indptr.len().saturating_sub(1) {
        out.extend(std::iter::repeat_n(
            s as u32,
            (indptr[s + 1] - indptr[s]) as usize,
        ));
    }
    out
}

/// Current weights of projection `proj` in the order of its connectivity CSR.
pub(crate) fn gather_weights(r: &NetworkRunner, proj: usize) -> Result<Vec<f64>> {
    let pr = r.net.projections.get(proj).ok_or_else(|| {
        Error::out_of_range(
            "NetworkRunner",
            "projection",
            proj,
            format!("[0, {})", r.net.projections.len()),
        )
    })?;
    let tables: Vec<&Incoming> = r
        .blocks
        .iter()
        .flat_map(|b| &b.incoming)
        .filter(|i| i.proj == proj)
        .collect();
    if let (Connectivity::Generated { weight, .. }, None) = (&pr.connectivity, &pr.stdp) {
        let local: usize = tables.iter().map(|i| i.targets.len()).sum();
        return Ok(vec![*weight; r.comm.all_sum(local as u64) as usize]);
    }
    if let (None, Connectivity::Explicit(csr)) = (&pr.stdp, &pr.connectivity) {
        return Ok(csr.weights().to_vec());
    }
    // Plastic or drawn: the weights live in the block tables of every rank. Each rank sends its tables
    // (row pointers, weights, and CSR positions where kept) as one self-delimiting message;
    // the rank-order concatenation lists every table in global block order.
    let mut msg = vec![tables.len() as f64];
    for inc in &tables {
        let Weights::PerSynapse(ws) = &inc.weights else {
            unreachable!("plastic projections store per-synapse weights")
        };
        let pos = inc.plastic.as_ref().and_then(|p| p.csr_pos.as_ref());
        msg.push(if pos.is_some() { 1.0 } else { 0.0 });
        msg.extend(inc.indptr.iter().map(|&x| x as f64));
        msg.extend_from_slice(ws);
        if let Some(pos) = pos {
            msg.extend(pos.iter().map(|&k| k as f64));
        }
    }
    let mut all = Vec::new();
    r.comm.all_gather_f64(&msg, &mut all);
    let n_src = r.net.populations[pr.source].n;
    /// Row pointers, weights and (explicit CSRs only) CSR positions of one received table.
    type Table<'a> = (Vec<usize>, &'a [f64], Option<&'a [f64]>);
    // Every table, in global block order.
    let mut parsed: Vec<Table<'_>> = Vec::new();
    let mut at = 0;
    while at < all.len() {
        let n_tables = all[at] as usize;
        at += 1;
        for _ in 0..n_tables {
            let has_pos = all[at] == 1.0;
            at += 1;
            let indptr: Vec<usize> = all[at..at + n_src + 1]
                .iter()
                .map(|&x| x as usize)
                .collect();
            at += n_src + 1;
            let nnz = indptr[n_src];
            let ws = &all[at..at + nnz];
            at += nnz;
            let pos = has_pos.then(|| &all[at..at + nnz]);
            if has_pos {
                at += nnz;
            }
            parsed.push((indptr, ws, pos));
        }
    }
    let nnz: usize = parsed.iter().map(|t| t.1.len()).sum();
    let mut out = vec![0.0; nnz];
    if parsed.iter().any(|t| t.2.is_some()) {
        // Tables split from an explicit CSR remember each synapse's position in it.
        for (_, ws, pos) in &parsed {
            for (&k, &w) in pos
                .expect("positions kept for every table")
                .iter()
                .zip(ws.iter())
            {
                out[k as usize] = w;
            }
        }
    } else {
        // Generated tables: source by source, blocks in target order, is the CSR order.
        let mut k = 0;
        for s in 0..n_src {
            for (indptr, ws, _) in &parsed {
                let (a, b) = (indptr[s], indptr[s + 1]);
                out[k..k + b - a].copy_from_slice(&ws[a..b]);
                k += b - a;
            }
        }
    }
    Ok(out)
}

/// Replaces the weights of projection `proj` (in the order of its connectivity CSR) in the
/// running network. The structure and delays stay; a plastic projection's weights must keep
/// its sign and lie within its STDP bounds. Nothing changes on error.
pub(crate) fn set_weights(r: &mut NetworkRunner, proj: usize, weights: &[f64]) -> Result<()> {
    let old = gather_weights(r, proj)?;
    let pr = &r.net.projections[proj];
    let object = format!("Projection '{}'", pr.label);
    if weights.len() != old.len() {
        return Err(Error::shape(&object, "weights", weights.len(), old.len()));
    }
    if let Some((k, &w)) = weights.iter().enumerate().find(|(_, w)| !w.is_finite()) {
        return Err(Error::out_of_range(
            &object,
            format!("weights[{k}]"),
            w,
            "any finite number",
        ));
    }
    if let Some(p) = &pr.stdp {
        let sign = sc_neurocore_plasticity::WeightSign::of(&object, &old)?;
        sc_neurocore_plasticity::StdpRule::new(p, sign, &r.grid)
            .map_err(|e| relabel(e, &object))?
            .check_weights(&object, weights)?;
    }
    let mut csr = connectivity(&r.net, proj)?;
    csr.weights_mut().copy_from_slice(weights);
    // The description becomes explicit: drawn delays become the per-synapse delays they
    // were drawn as (in the CSR's order), so that the description still builds this network.
    let drawn = match &pr.delay {
        Delay::Normal(dist) => Some(drawn_delays(&r.net, proj, dist)?),
        _ => None,
    };
    for b in r.blocks.iter_mut() {
        let range = b.range.clone();
        let (lo, hi) = (range.start as u32, range.end as u32);
        for inc in b.incoming.iter_mut().filter(|i| i.proj == proj) {
            let mut ws = Vec::with_capacity(inc.targets.len());
            for s in 0..csr.n_rows() {
                let (idx, w) = csr.row(s);
                ws.extend(
                    idx.iter()
                        .zip(w)
                        .filter(|&(&t, _)| t >= lo && t < hi)
                        .map(|(_, &w)| w),
                );
            }
            debug_assert_eq!(ws.len(), inc.targets.len());
            inc.weights = Weights::PerSynapse(ws);
        }
    }
    r.net.projections[proj].connectivity = Connectivity::Explicit(csr);
    if let Some(ds) = drawn {
        r.net.projections[proj].delay = Delay::PerSynapse(ds);
    }
    Ok(())
}
