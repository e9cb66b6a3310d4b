//! Online pair-based STDP inside the step loop (step (5) of the step order).
//!
//! All-to-all pair interaction with traces (Morrison, Diesmann & Gerstner 2008): each source
//! neuron of a plastic projection has a trace x (decay tau_plus), each target a trace y (decay
//! tau_minus). For the spikes of step k: a presynaptic spike depresses its synapses by the
//! rule's depression at y_j(k), a postsynaptic spike potentiates its incoming synapses by the
//! potentiation at x_i(k), where the traces count spikes of steps strictly before k (a pre and
//! a post spike in the same step change nothing); then x_i += 1, y_j += 1 and both decay by one
//! step. Spike times are emission times (delays do not enter the rule). A pair at distance
//! Δt = n dt thus changes the weight by exactly A+ exp(-Δt/tau_plus) or -A- exp(-Δt/tau_minus).

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

/// Presynaptic traces of one plastic projection: one per source neuron.
pub(crate) struct PreTraces {
    x: Vec<f64>,
    decay: f64,
}

impl PreTraces {
    #[inline]
    pub fn get(&self, s: usize) -> f64 {
        self.x[s]
    }
}

pub(crate) fn create_pre_traces(net: &Network, grid: &TimeGrid) -> Vec<Option<PreTraces>> {
    net.projections
        .iter()
        .map(|p| {
            p.stdp.as_ref().map(|s| PreTraces {
                x: vec![0.0; net.populations[p.source].n],
                decay: (-grid.dt() / s.tau_plus).exp(),
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
        for &g in &spikes[a..b] {
            tr.x[(g - lo) as usize] += 1.0;
        }
        tr.x.iter_mut().for_each(|x| *x *= tr.decay);
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
    /// Postsynaptic trace of each block-local target.
    y: Vec<f64>,
    y_decay: f64,
    /// Position of each synapse in the projection's explicit CSR (to report weights in that
    /// order); None for generated projections, whose block order is the CSR order.
    pub csr_pos: Option<Vec<u64>>,
}

impl PlasticSynapses {
    pub fn new(
        rule: Rule,
        sources: Vec<u32>,
        targets: &[u32],
        n: usize,
        csr_pos: Option<Vec<u64>>,
    ) -> Self {
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
        let y_decay = rule.decay().1;
        PlasticSynapses {
            rule,
            sources,
            post_ptr,
            post_syn,
            y: vec![0.0; n],
            y_decay,
            csr_pos,
        }
    }

    /// Bytes of plastic state (sources, post index, traces, CSR positions).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        (self.sources.capacity() + self.post_ptr.capacity() + self.post_syn.capacity())
            * size_of::<u32>()
            + self.y.capacity() * size_of::<f64>()
            + self
                .csr_pos
                .as_ref()
                .map_or(0, |c| c.capacity() * size_of::<u64>())
    }

    /// Applies the rule for the spikes of one step: `pre` are the spiking sources (global ids,
    /// `lo` = the source population's first id), `post` the block's own spiking neurons.
    #[allow(clippy::too_many_arguments)] // the block's synapse table, passed by parts
    pub fn apply(
        &mut self,
        pre: &[u64],
        lo: u64,
        indptr: &[u32],
        targets: &[u32],
        post: &[u32],
        w: &mut [f64],
        x: &PreTraces,
    ) {
        for &g in pre {
            let s = (g - lo) as usize;
            for k in indptr[s] as usize..indptr[s + 1] as usize {
                w[k] = self.rule.on_pre(w[k], self.y[targets[k] as usize]);
            }
        }
        for &t in post {
            let (a, b) = (
                self.post_ptr[t as usize] as usize,
                self.post_ptr[t as usize + 1] as usize,
            );
            for &k in &self.post_syn[a..b] {
                let k = k as usize;
                w[k] = self.rule.on_post(w[k], x.get(self.sources[k] as usize));
            }
        }
        for &t in post {
            self.y[t as usize] += 1.0;
        }
        let d = self.y_decay;
        self.y.iter_mut().for_each(|y| *y *= d);
    }
}
