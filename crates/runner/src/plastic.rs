//! Online pair-based STDP inside the step loop (step (5) of the step order).
//!
//! All-to-all pair interaction with traces (Morrison, Diesmann & Gerstner 2008): each source
//! neuron of a plastic projection has a trace x (decay tau_plus), each target a trace y (decay
//! tau_minus); x(k) and y(k) count the spikes of steps strictly before k.
//!
//! **Where the delay lies.** A synapse of delay d steps sees a presynaptic spike emitted in
//! step k at k + d_ax and a postsynaptic spike of step k at k + d_dend, where
//! d_dend = round(f·d) and d_ax = d − d_dend for the rule's `dendritic_delay_fraction` f
//! (1, NEST's convention, by default; 0 is Brian2's and Izhikevich's). At the synapse, in
//! step k: a presynaptic arrival depresses the weight by the rule's depression at the
//! postsynaptic trace the synapse sees, y(k − d_dend); a postsynaptic arrival potentiates it
//! at the presynaptic trace it sees, x(k − d_ax). A pair thus changes the weight by exactly
//! A+ exp(−Δt/tau_plus) or −A− exp(Δt/tau_minus) with Δt = t_post − t_pre + (2f − 1)·d (in
//! whole steps), and a pair that meets at the synapse in the same step changes nothing.
//! Arrivals still to come wait in rings of synapse indices, one slot per step, and the
//! traces keep as many past steps as the longest delay part needs.
//!
//! The weight a spike delivers is the one at its routing (before its own depression):
//! delivery is not delayed with the plasticity. With d_ax > 0 the weight is read at the
//! spike's emission, not at its arrival (where Brian2 reads it); the two differ only by the
//! potentiation of postsynaptic spikes in between.

use crate::spec::Network;
use sc_neurocore_core::{Error, Result, TimeGrid};
use sc_neurocore_plasticity::{StdpParams, StdpRule, WeightSign};

/// The rule of one projection, with the sign its weights keep.
pub(crate) type Rule = StdpRule;

/// Builds the rule for a projection from its parameters and the sign of its weights, and
/// checks the initial weights against its bounds.
pub(crate) fn rule_for(
    p: &StdpParams,
    weights: &[f64],
    grid: &TimeGrid,
    object: &str,
) -> Result<Rule> {
    let sign = WeightSign::of(object, weights)?;
    let rule = StdpRule::new(p, sign, grid).map_err(|e| match e {
        Error::OutOfRange {
            field,
            value,
            range,
            ..
        } => Error::OutOfRange {
            object: object.into(),
            field,
            value,
            range,
        },
        e => e,
    })?;
    rule.check_weights(object, weights)?;
    Ok(rule)
}

/// A ring of past trace values: `row(m)` holds the traces of step m for the last `depth`
/// steps. Before step 0 every trace is 0.
struct TraceHistory {
    rows: Vec<Vec<f64>>,
    /// The step whose traces `rows[step % depth]` holds (the newest).
    step: u64,
}

impl TraceHistory {
    fn new(n: usize, depth: usize) -> Self {
        TraceHistory {
            rows: vec![vec![0.0; n]; depth.max(1)],
            step: 0,
        }
    }

    /// The trace of neuron `i` `back` steps before the newest (0 before step 0).
    #[inline]
    fn back(&self, i: usize, back: u64) -> f64 {
        if back > self.step {
            return 0.0;
        }
        let depth = self.rows.len() as u64;
        debug_assert!(back < depth, "trace history too short");
        self.rows[((self.step - back) % depth) as usize][i]
    }

    /// Advances one step: the new traces are the newest plus `spiked`, decayed by `decay`.
    fn advance(&mut self, spiked: impl Iterator<Item = usize>, decay: f64) {
        let depth = self.rows.len();
        let (now, next) = (
            (self.step % depth as u64) as usize,
            ((self.step + 1) % depth as u64) as usize,
        );
        if now != next {
            let (src, dst) = if now < next {
                let (a, b) = self.rows.split_at_mut(next);
                (&a[now], &mut b[0])
            } else {
                let (a, b) = self.rows.split_at_mut(now);
                (&b[0], &mut a[next])
            };
            dst.copy_from_slice(src);
        }
        let row = &mut self.rows[next];
        for i in spiked {
            row[i] += 1.0;
        }
        row.iter_mut().for_each(|x| *x *= decay);
        self.step += 1;
    }

    fn heap_bytes(&self) -> usize {
        self.rows.iter().map(|r| r.capacity()).sum::<usize>() * std::mem::size_of::<f64>()
    }
}

/// Presynaptic traces of one plastic projection: one per source neuron, with as many past
/// steps as the longest axonal delay part of its synapses on this rank.
pub(crate) struct PreTraces {
    x: TraceHistory,
    decay: f64,
}

/// The presynaptic traces of every plastic projection, deep enough for the axonal delay parts
/// of the synapses in `blocks`.
pub(crate) fn create_pre_traces(
    net: &Network,
    grid: &TimeGrid,
    blocks: &[crate::build::Block],
) -> Vec<Option<PreTraces>> {
    net.projections
        .iter()
        .enumerate()
        .map(|(j, p)| {
            p.stdp.as_ref().map(|s| {
                let depth = blocks
                    .iter()
                    .flat_map(|b| b.incoming.iter().filter(|i| i.proj == j))
                    .filter_map(|i| i.plastic.as_ref().map(|pl| pl.max_axonal))
                    .max()
                    .unwrap_or(0);
                PreTraces {
                    x: TraceHistory::new(net.populations[p.source].n, depth as usize + 1),
                    decay: (-grid.dt() / s.tau_plus).exp(),
                }
            })
        })
        .collect()
}

/// Advances every presynaptic trace from step k to k + 1 given the spikes of step k.
pub(crate) fn update_pre_traces(
    pre: &mut [Option<PreTraces>],
    spikes: &[u64],
    offsets: &[u64],
    net: &Network,
) {
    for (j, tr) in pre.iter_mut().enumerate() {
        let Some(tr) = tr else { continue };
        let src = net.projections[j].source;
        let (lo, hi) = (offsets[src], offsets[src + 1]);
        let a = spikes.partition_point(|&g| g < lo);
        let b = spikes.partition_point(|&g| g < hi);
        tr.x.advance(spikes[a..b].iter().map(|&g| (g - lo) as usize), tr.decay);
    }
}

/// Synapse indices waiting for an arrival: `slots[k % len]` holds those due in step k.
struct DueRing {
    slots: Vec<Vec<u32>>,
}

impl DueRing {
    fn new(max_delay: u64) -> Self {
        DueRing {
            slots: vec![Vec::new(); max_delay as usize + 1],
        }
    }

    #[inline]
    fn push(&mut self, step: u64, synapse: usize) {
        let n = self.slots.len() as u64;
        self.slots[(step % n) as usize].push(synapse as u32);
    }

    /// Takes the synapses due in `step` (the slot is left empty, its memory kept).
    fn take(&mut self, step: u64) -> Vec<u32> {
        let n = self.slots.len() as u64;
        std::mem::take(&mut self.slots[(step % n) as usize])
    }

    /// Gives a drained slot's memory back.
    fn give_back(&mut self, step: u64, mut v: Vec<u32>) {
        let n = self.slots.len() as u64;
        v.clear();
        self.slots[(step % n) as usize] = v;
    }

    fn heap_bytes(&self) -> usize {
        self.slots.iter().map(|s| s.capacity()).sum::<usize>() * std::mem::size_of::<u32>()
            + self.slots.capacity() * std::mem::size_of::<Vec<u32>>()
    }
}

/// The plastic state of one projection's synapses in one block.
pub(crate) struct PlasticSynapses {
    rule: Rule,
    /// Source of each synapse.
    sources: Vec<u32>,
    /// Synapses of each block-local target: `post_syn[post_ptr[t]..post_ptr[t+1]]`.
    post_ptr: Vec<u32>,
    post_syn: Vec<u32>,
    /// Dendritic and axonal part of each synapse's delay, in steps (one pair for all when
    /// the projection's delay is uniform).
    split: DelaySplit,
    /// The longest axonal part (the presynaptic traces keep this many past steps).
    pub max_axonal: u64,
    /// Postsynaptic traces of the block's targets, with past steps for the dendritic parts.
    y: TraceHistory,
    y_decay: f64,
    /// Presynaptic spikes on their way to the synapse (axonal part), and postsynaptic spikes
    /// on their way back (dendritic part).
    pre_due: DueRing,
    post_due: DueRing,
    /// Position of each synapse in the projection's explicit CSR (to report weights in that
    /// order); None for generated projections, whose block order is the CSR order.
    pub csr_pos: Option<Vec<u64>>,
}

/// How the delays split into dendritic and axonal parts.
enum DelaySplit {
    Uniform(u64, u64),
    /// Per synapse `(dendritic, axonal)`, in steps (delays are at most 2^16 steps).
    PerSynapse(Vec<(u16, u16)>),
}

impl DelaySplit {
    #[inline]
    fn of(&self, k: usize) -> (u64, u64) {
        match self {
            DelaySplit::Uniform(d, a) => (*d, *a),
            DelaySplit::PerSynapse(v) => (v[k].0 as u64, v[k].1 as u64),
        }
    }
}

impl PlasticSynapses {
    pub fn new(
        rule: Rule,
        sources: Vec<u32>,
        targets: &[u32],
        delays: &crate::build::Delays,
        n: usize,
        csr_pos: Option<Vec<u64>>,
    ) -> Self {
        use crate::build::{Delays, steps_of};
        let mut post_ptr = vec![0u32; n + 1];
        for &t in targets {
            post_ptr[t as usize + 1] += 1;
        }
        for i in 0..n {
            post_ptr[i + 1] += post_ptr[i];
        }
        let mut fill = post_ptr.clone();
        let mut post_syn = vec![0u32; targets.len()];
        for (k, &t) in targets.iter().enumerate() {
            post_syn[fill[t as usize] as usize] = k as u32;
            fill[t as usize] += 1;
        }
        let params = *rule.params();
        let split = match delays {
            Delays::Uniform(d) => {
                let (dd, da) = params.split_delay(*d);
                DelaySplit::Uniform(dd, da)
            }
            Delays::PerSynapse(ds) => DelaySplit::PerSynapse(
                ds.iter()
                    .map(|&d| {
                        let (dd, da) = params.split_delay(steps_of(d));
                        (dd as u16, da as u16)
                    })
                    .collect(),
            ),
        };
        let (max_dendritic, max_axonal) = match &split {
            DelaySplit::Uniform(d, a) => (*d, *a),
            DelaySplit::PerSynapse(v) => v.iter().fold((0, 0), |(md, ma), &(d, a)| {
                (md.max(d as u64), ma.max(a as u64))
            }),
        };
        let y_decay = rule.decay().1;
        PlasticSynapses {
            rule,
            sources,
            post_ptr,
            post_syn,
            split,
            max_axonal,
            y: TraceHistory::new(n, max_dendritic as usize + 1),
            y_decay,
            pre_due: DueRing::new(max_axonal),
            post_due: DueRing::new(max_dendritic),
            csr_pos,
        }
    }

    /// Bytes of plastic state (sources, post index, delay parts, traces, pending arrivals,
    /// CSR positions).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        (self.sources.capacity() + self.post_ptr.capacity() + self.post_syn.capacity())
            * size_of::<u32>()
            + match &self.split {
                DelaySplit::Uniform(..) => 0,
                DelaySplit::PerSynapse(v) => v.capacity() * size_of::<(u16, u16)>(),
            }
            + self.y.heap_bytes()
            + self.pre_due.heap_bytes()
            + self.post_due.heap_bytes()
            + self
                .csr_pos
                .as_ref()
                .map_or(0, |c| c.capacity() * size_of::<u64>())
    }

    /// Applies the rule for step `step`: `pre` are the sources that spiked in it (global ids,
    /// `lo` = the source population's first id), `post` the block's own spiking neurons; `x`
    /// the projection's presynaptic traces, not yet advanced past `step`.
    #[allow(clippy::too_many_arguments)] // the block's synapse table, passed by parts
    pub fn apply(
        &mut self,
        step: u64,
        pre: &[u64],
        lo: u64,
        indptr: &[u32],
        targets: &[u32],
        post: &[u32],
        w: &mut [f64],
        x: &PreTraces,
    ) {
        debug_assert_eq!(x.x.step, step, "presynaptic traces out of step");
        debug_assert_eq!(self.y.step, step, "postsynaptic traces out of step");
        // Spikes of this step set off towards the synapses.
        for &g in pre {
            let s = (g - lo) as usize;
            for k in indptr[s] as usize..indptr[s + 1] as usize {
                self.pre_due.push(step + self.split.of(k).1, k);
            }
        }
        for &t in post {
            let (a, b) = (
                self.post_ptr[t as usize] as usize,
                self.post_ptr[t as usize + 1] as usize,
            );
            for &k in &self.post_syn[a..b] {
                self.post_due
                    .push(step + self.split.of(k as usize).0, k as usize);
            }
        }
        // What arrives now: presynaptic spikes depress, postsynaptic ones potentiate.
        let arrived = self.pre_due.take(step);
        for &k in &arrived {
            let k = k as usize;
            let y = self.y.back(targets[k] as usize, self.split.of(k).0);
            w[k] = self.rule.on_pre(w[k], y);
        }
        self.pre_due.give_back(step, arrived);
        let arrived = self.post_due.take(step);
        for &k in &arrived {
            let k = k as usize;
            let xk = x.x.back(self.sources[k] as usize, self.split.of(k).1);
            w[k] = self.rule.on_post(w[k], xk);
        }
        self.post_due.give_back(step, arrived);
        self.y
            .advance(post.iter().map(|&t| t as usize), self.y_decay);
    }
}
