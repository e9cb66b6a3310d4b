//! Building the partitioned network: blocks of neurons, their input channels, their
//! incoming synapses (generated once per projection, then split by target block), and the
//! routing of spikes into the delay rings.

use crate::channel::Channel;
use crate::engine::NetworkRunner;
use crate::plastic::{PlasticSynapses, PreTraces};
use crate::spec::{Connectivity, Delay, Network, SynapseKind, relabel};
use rayon::prelude::*;
use sc_neurocore_core::{Csr, Error, Result, TimeGrid};
use sc_neurocore_neurons::{BuildContext, NeuronKernel, StepInput};
use sc_neurocore_stimuli::{InputKind, StimulusBlock};
use sc_neurocore_topology::TargetRows;
use std::ops::Range;

/// Longest delay a projection may have, in steps (the delay rings hold one slot per step).
const MAX_DELAY_STEPS: usize = 1 << 16;

/// Neurons per block aimed at: enough blocks to balance threads, few enough to keep the
/// per-block cost of each spike (one row lookup) negligible.
const BLOCKS_PER_THREAD: usize = 4;

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
    PerSynapse(Vec<u32>),
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
            Delays::PerSynapse(d) => d.capacity() * size_of::<u32>(),
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
        self.jump.iter_mut().for_each(|x| *x = 0.0);
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

    /// The block's spikes of the `i`-th step since the last routing.
    pub fn spikes(&self, i: usize) -> &[u32] {
        &self.history[i]
    }

    /// Forgets the routed steps.
    pub fn clear_pending(&mut self) {
        self.pending = 0;
    }

    /// (4) + (5): routes the spikes emitted in step `emitted` (global ids, ascending) into this
    /// block's delay rings and applies plasticity, with this block's own spikes of that step
    /// (`history` entry `hist`) as the postsynaptic ones. A spike emitted in step k carries the
    /// time (k+1) dt; with a delay of d steps it is consumed in step k + d, so that it acts on
    /// the membrane at (k+1) dt + d dt, exactly the delay later (as NEST does). Routing may
    /// happen up to the minimum delay after the spike (the exchange interval): the rings hold
    /// every due step until it is consumed.
    pub fn route(
        &mut self,
        emitted: u64,
        spikes: &[u64],
        offsets: &[u64],
        pre: &[Option<PreTraces>],
        hist: usize,
    ) {
        let post = &self.history[hist];
        for inc in &mut self.incoming {
            let (lo, hi) = (offsets[inc.src_pop], offsets[inc.src_pop + 1]);
            let a = spikes.partition_point(|&g| g < lo);
            let b = spikes.partition_point(|&g| g < hi);
            let ring = &mut self.channels[inc.channel].ring;
            for &g in &spikes[a..b] {
                let s = (g - lo) as usize;
                let (r0, r1) = (inc.indptr[s] as usize, inc.indptr[s + 1] as usize);
                match (&inc.weights, &inc.delays) {
                    (Weights::Uniform(w), Delays::Uniform(d)) => {
                        let slot = ring.due_mut(emitted + d);
                        for &t in &inc.targets[r0..r1] {
                            slot[t as usize] += w;
                        }
                    }
                    (Weights::PerSynapse(ws), Delays::Uniform(d)) => {
                        let slot = ring.due_mut(emitted + d);
                        for (&t, &w) in inc.targets[r0..r1].iter().zip(&ws[r0..r1]) {
                            slot[t as usize] += w;
                        }
                    }
                    (w, Delays::PerSynapse(ds)) => {
                        for k in r0..r1 {
                            let wk = match w {
                                Weights::Uniform(w) => *w,
                                Weights::PerSynapse(ws) => ws[k],
                            };
                            ring.add(emitted + ds[k] as u64, inc.targets[k] as usize, wk);
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
                pl.apply(&spikes[a..b], lo, &inc.indptr, &inc.targets, post, ws, x);
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
fn channel_kinds(net: &Network, p: usize) -> Vec<SynapseKind> {
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

/// Delay of projection `j` in steps: one value, or one per synapse in CSR order.
fn delay_steps(net: &Network, j: usize, grid: &TimeGrid) -> Result<Delays> {
    let pr = &net.projections[j];
    let object = format!("Projection '{}'", pr.label);
    let check = |d: f64| -> Result<usize> {
        let s = grid
            .delay_steps(d)
            .map_err(|_| Error::out_of_range(&object, "delay", d, "[0, inf) s"))?;
        if s > MAX_DELAY_STEPS {
            return Err(Error::out_of_range(
                &object,
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
    };
    Ok(match &pr.delay {
        Delay::Uniform(d) => Delays::Uniform(check(*d)? as u64),
        Delay::PerSynapse(ds) => Delays::PerSynapse(
            ds.iter()
                .map(|&d| check(d).map(|s| s as u32))
                .collect::<Result<_>>()?,
        ),
    })
}

fn max_delay(d: &Delays) -> usize {
    match d {
        Delays::Uniform(s) => *s as usize,
        Delays::PerSynapse(v) => v.iter().copied().max().unwrap_or(1) as usize,
    }
}

/// The connectivity of projection `j` as a CSR (generated from its own streams).
pub(crate) fn connectivity(net: &Network, j: usize) -> Result<Csr> {
    let pr = &net.projections[j];
    match &pr.connectivity {
        Connectivity::Explicit(csr) => Ok(csr.clone()),
        Connectivity::Generated {
            topology,
            weight,
            options,
        } => {
            let n_src = net.populations[pr.source].n;
            let n_tgt = net.populations[pr.target].n;
            let mut opts = *options;
            opts.same_population = pr.source == pr.target;
            topology
                .generate(n_src, n_tgt, *weight, net.seed, j as u32, opts)
                .map_err(|e| relabel(e, &format!("Projection '{}'", pr.label)))
        }
    }
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
    // Delays first: they size the rings and are cheap to check.
    let delays: Vec<Delays> = (0..net.projections.len())
        .map(|j| delay_steps(net, j, grid))
        .collect::<Result<_>>()?;
    // Stimuli against their targets on this grid: sizes were checked when added; here a step
    // current must also cover at least one step of dt.
    for s in &net.stimuli {
        let pop = &net.populations[s.target];
        s.spec
            .check(&format!("Population '{}'", pop.label), pop.n, grid)
            .map_err(|e| relabel(e, &format!("{} '{}'", s.spec.kind_name(), s.label)))?;
    }

    let mut blocks = Vec::new();
    for (p, pop) in net.populations.iter().enumerate() {
        let kinds = channel_kinds(net, p);
        let ring_len: Vec<usize> = kinds
            .iter()
            .map(|k| {
                net.projections
                    .iter()
                    .enumerate()
                    .filter(|(_, pr)| pr.target == p && pr.synapse == *k)
                    .map(|(j, _)| max_delay(&delays[j]))
                    .max()
                    .unwrap_or(1)
            })
            .collect();
        let part = owned_part(offsets, p, owned);
        if part.is_empty() {
            continue;
        }
        let n_blocks = (part.len() * target_blocks).div_ceil(total);
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
            let channels = kinds
                .iter()
                .zip(&ring_len)
                .map(|(&k, &d)| Channel::new(k, n, d, grid.dt()))
                .collect();
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
                channels,
                incoming: Vec::new(),
                stimuli,
                jump: vec![0.0; n],
                current: vec![0.0; n],
                history: Vec::new(),
                pending: 0,
            });
        }
    }

    let min_delay = delays
        .iter()
        .map(|d| match d {
            Delays::Uniform(s) => *s,
            Delays::PerSynapse(v) => v.iter().copied().min().unwrap_or(u32::MAX) as u64,
        })
        .min();
    let mut n_synapses = 0u64;
    for (j, (pr, delays)) in net.projections.iter().zip(delays).enumerate() {
        let object = format!("Projection '{}'", pr.label);
        let kinds = channel_kinds(net, pr.target);
        let channel = kinds
            .iter()
            .position(|k| *k == pr.synapse)
            .expect("channel of a projection");
        let target_blocks = || blocks.iter().filter(|b| b.pop == pr.target);
        match &pr.connectivity {
            Connectivity::Generated {
                topology,
                weight,
                options,
            } if topology.is_row_local() => {
                // Each block generates its own target rows from their own streams: no global
                // CSR is built, memory stays at the block tables (what an MPI rank does too).
                let plastic = pr
                    .stdp
                    .as_ref()
                    .map(|p| crate::plastic::rule_for(p, &[*weight], grid, &object))
                    .transpose()?;
                let (n_src, n_tgt) = (net.populations[pr.source].n, net.populations[pr.target].n);
                let mut opts = *options;
                opts.same_population = pr.source == pr.target;
                let made: Vec<Result<Incoming>> = blocks
                    .par_iter()
                    .filter(|b| b.pop == pr.target)
                    .map(|b| {
                        let rows = topology
                            .generate_in_rows(
                                n_src,
                                n_tgt,
                                b.range.clone(),
                                net.seed,
                                j as u32,
                                opts,
                            )
                            .map_err(|e| relabel(e, &object))?;
                        Ok(incoming_from_rows(
                            j,
                            pr.source,
                            channel,
                            &rows,
                            *weight,
                            &delays,
                            plastic.as_ref(),
                        ))
                    })
                    .collect();
                let made: Vec<Incoming> = made.into_iter().collect::<Result<_>>()?;
                debug_assert_eq!(made.len(), target_blocks().count());
                let mut made = made.into_iter();
                for b in blocks.iter_mut().filter(|b| b.pop == pr.target) {
                    let inc = made.next().expect("one table per block");
                    n_synapses += inc.targets.len() as u64;
                    b.incoming.push(inc);
                }
            }
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
    let plastic = plastic.map(|rule| {
        PlasticSynapses::new(*rule, s_of(&indptr), &targets, range.len(), Some(csr_pos))
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
        delays: match delays {
            Delays::Uniform(d) => Delays::Uniform(*d),
            Delays::PerSynapse(_) => Delays::PerSynapse(per_delay),
        },
        plastic,
    }
}

/// A block's synapses of one projection from its target rows (row-local topologies), made
/// source-major by a counting sort. For each source, targets come out ascending and the
/// repeated synapses of a pair (multapses) adjacent in draw order, exactly the order of the
/// projection's CSR; so the block tables in block order are the CSR order.
fn incoming_from_rows(
    proj: usize,
    src_pop: usize,
    channel: usize,
    rows: &TargetRows,
    weight: f64,
    delays: &Delays,
    plastic: Option<&crate::plastic::Rule>,
) -> Incoming {
    let n_src = rows.n_src();
    let mut indptr = vec![0u32; n_src + 1];
    for &s in rows.sources() {
        indptr[s as usize + 1] += 1;
    }
    for s in 0..n_src {
        indptr[s + 1] += indptr[s];
    }
    let mut fill = indptr.clone();
    let mut targets = vec![0u32; rows.nnz()];
    for r in 0..rows.targets().len() {
        for &s in rows.row(rows.targets().start + r) {
            targets[fill[s as usize] as usize] = r as u32;
            fill[s as usize] += 1;
        }
    }
    let Delays::Uniform(d) = delays else {
        unreachable!("generated projections have one delay")
    };
    let n = rows.targets().len();
    let plastic = plastic.map(|rule| PlasticSynapses::new(*rule, s_of(&indptr), &targets, n, None));
    Incoming {
        proj,
        src_pop,
        channel,
        weights: if plastic.is_some() {
            Weights::PerSynapse(vec![weight; targets.len()])
        } else {
            Weights::Uniform(weight)
        },
        indptr,
        targets,
        delays: Delays::Uniform(*d),
        plastic,
    }
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
    // Plastic: the weights live in the block tables of every rank. Each rank sends its tables
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
    Ok(())
}
