//! Recording inside the runner (step (3) of the step order) with the recorders of
//! `sc-neurocore-monitors`, and the results users read: spikes, rates, state variables (a
//! model's own, or the synaptic variables of the population's input channels) and the
//! weights of a projection during the run.

use crate::build::{Block, Weights};
use crate::engine::NetworkRunner;
use crate::spec::{Connectivity, MonitorSpec, Network, relabel};
use sc_neurocore_core::{Error, Result, TimeGrid};
use sc_neurocore_monitors::{
    RateData, RateRecorder, SpikeData, SpikeRecorder, StateData, StateRecorder,
};

/// Where a state monitor reads its variable.
pub(crate) enum StateSource {
    /// The model's state variable of this index.
    Model(usize),
    /// The sum of these input channels' states (a synaptic variable).
    Channels(Vec<usize>),
}

/// The running record of one monitor.
pub(crate) enum MonitorState {
    Spikes {
        pop: usize,
        rec: SpikeRecorder,
    },
    State {
        pop: usize,
        source: StateSource,
        /// Every recorded neuron, in the user's order (this rank records the ones it owns).
        all: Vec<usize>,
        /// Recording interval as the user gave it (for rebuilding the whole record).
        interval: Option<f64>,
        rec: StateRecorder,
        /// (block, index within block) of each recorded neuron, resolved on first use.
        at: Vec<(usize, usize)>,
    },
    Rate {
        pop: usize,
        rec: RateRecorder,
    },
    Weights(WeightRecord),
}

/// The running record of a weight monitor.
pub(crate) struct WeightRecord {
    proj: usize,
    /// Whether the projection is plastic (its weights change during a run).
    plastic: bool,
    /// The synapses as the user selected them (None = all), resolved into `all` once the
    /// synapses exist.
    selected: Option<Vec<usize>>,
    /// Every recorded synapse (CSR indices), in column order.
    all: Vec<usize>,
    /// Synapses of the projection (over all ranks).
    nnz: usize,
    interval: Option<f64>,
    /// This rank's samples: columns are positions in `all` of the synapses it holds.
    rec: StateRecorder,
    /// (block, table, position in the table) of each of this rank's columns.
    at: Vec<(usize, usize, usize)>,
    /// The last step sampled (samples of plastic projections come when the spikes before
    /// them are routed, see [`record_weights`]).
    last: Option<u64>,
}

/// Creates the empty records (checking intervals and bins against the grid).
pub(crate) fn create(
    net: &Network,
    grid: &TimeGrid,
    offsets: &[u64],
    owned: &std::ops::Range<u64>,
) -> Result<Vec<MonitorState>> {
    net.monitors
        .iter()
        .map(|m| {
            Ok(match m {
                MonitorSpec::Spikes { population } => MonitorState::Spikes {
                    pop: *population,
                    rec: SpikeRecorder::new(),
                },
                MonitorSpec::State {
                    population,
                    variable,
                    indices,
                    interval,
                } => {
                    let pop = &net.populations[*population];
                    let object = format!("StateMonitor of '{}'", pop.label);
                    // Checks every index and the interval (on every rank alike).
                    let whole = StateRecorder::new(
                        variable.clone(),
                        indices.clone(),
                        pop.n,
                        *interval,
                        grid,
                    )
                    .map_err(|e| relabel(e, &object))?;
                    let all = whole.indices().to_vec();
                    let part = crate::build::owned_part(offsets, *population, owned);
                    let mine: Vec<usize> =
                        all.iter().copied().filter(|i| part.contains(i)).collect();
                    let source = match pop.model.state_index(variable) {
                        Some(v) => StateSource::Model(v),
                        None => StateSource::Channels(
                            net.synaptic_channels(*population, variable)
                                .map_err(|e| relabel(e, &object))?,
                        ),
                    };
                    MonitorState::State {
                        pop: *population,
                        source,
                        all,
                        interval: *interval,
                        rec: StateRecorder::new(
                            variable.clone(),
                            Some(mine),
                            pop.n,
                            *interval,
                            grid,
                        )
                        .map_err(|e| relabel(e, &object))?,
                        at: Vec::new(),
                    }
                }
                MonitorSpec::Rate { population, bin } => {
                    let pop = &net.populations[*population];
                    MonitorState::Rate {
                        pop: *population,
                        rec: RateRecorder::new(pop.n, *bin, grid, 0)
                            .map_err(|e| relabel(e, &format!("RateMonitor of '{}'", pop.label)))?,
                    }
                }
                MonitorSpec::Weights {
                    projection,
                    synapses,
                    interval,
                } => {
                    let object =
                        format!("WeightMonitor of '{}'", net.projections[*projection].label);
                    // Checks the interval against the grid; the synapses come with the blocks.
                    let rec = StateRecorder::new("weight", Some(Vec::new()), 0, *interval, grid)
                        .map_err(|e| relabel(e, &object))?;
                    MonitorState::Weights(WeightRecord {
                        proj: *projection,
                        plastic: net.projections[*projection].stdp.is_some(),
                        selected: synapses.clone(),
                        all: Vec::new(),
                        nnz: 0,
                        interval: *interval,
                        rec,
                        at: Vec::new(),
                        last: None,
                    })
                }
            })
        })
        .collect()
}

/// Records the spikes emitted in `step` (global ids, ascending).
pub(crate) fn record_spikes(r: &mut NetworkRunner, step: u64, spikes: &[u64]) {
    let mut local = Vec::new();
    for m in &mut r.monitors {
        match m {
            MonitorState::Spikes { pop, rec } => {
                let (lo, hi) = (r.pop_offsets[*pop], r.pop_offsets[*pop + 1]);
                let a = spikes.partition_point(|&g| g < lo);
                let b = spikes.partition_point(|&g| g < hi);
                local.clear();
                local.extend(spikes[a..b].iter().map(|&g| (g - lo) as u32));
                rec.record(step, &local);
            }
            MonitorState::Rate { pop, rec } => {
                let (lo, hi) = (r.pop_offsets[*pop], r.pop_offsets[*pop + 1]);
                let a = spikes.partition_point(|&g| g < lo);
                let b = spikes.partition_point(|&g| g < hi);
                rec.record(step, b - a);
            }
            MonitorState::State { .. } | MonitorState::Weights(_) => {}
        }
    }
}

/// Records state variables at the start of `step` (before its integration), as Brian2's
/// StateMonitor does: the first sample of a run is the initial state, at t = 0.
pub(crate) fn record_state(r: &mut NetworkRunner, step: u64) {
    for m in &mut r.monitors {
        if let MonitorState::State {
            pop,
            source,
            rec,
            at,
            ..
        } = m
        {
            if !rec.wants(step) {
                continue;
            }
            if at.is_empty() {
                for &i in rec.indices() {
                    let (b, blk) = r
                        .blocks
                        .iter()
                        .enumerate()
                        .find(|(_, b)| b.pop == *pop && b.range.contains(&i))
                        .expect("every neuron lies in a block");
                    at.push((b, i - blk.range.start));
                }
            }
            let blocks = &r.blocks;
            let mut col = 0;
            match source {
                StateSource::Model(var) => rec.record_with(step, |_| {
                    let (b, k) = at[col];
                    col += 1;
                    blocks[b].kernel.var(*var)[k]
                }),
                StateSource::Channels(channels) => rec.record_with(step, |_| {
                    let (b, k) = at[col];
                    col += 1;
                    channels
                        .iter()
                        .map(|&c| blocks[b].channel_state(c)[k])
                        .sum()
                }),
            }
        }
    }
}

/// Finds, for every weight monitor, the synapses it records among this rank's tables
/// (a collective under MPI: every rank calls it once the blocks are built), and checks
/// the selected synapse indices against the projection's synapses.
pub(crate) fn resolve_weight_monitors(r: &mut NetworkRunner) -> Result<()> {
    for m in 0..r.monitors.len() {
        let MonitorState::Weights(w) = &r.monitors[m] else {
            continue;
        };
        let (proj, selected, interval) = (w.proj, w.selected.clone(), w.interval);
        let pr = &r.net.projections[proj];
        let object = format!("WeightMonitor of '{}'", pr.label);
        // The CSR index of every synapse of this rank's tables: (k, block, table, position).
        let mut local: Vec<(usize, usize, usize, usize)> = Vec::new();
        let tables: Vec<(usize, usize)> = r
            .blocks
            .iter()
            .enumerate()
            .flat_map(|(b, blk)| {
                blk.incoming
                    .iter()
                    .enumerate()
                    .filter(|(_, inc)| inc.proj == proj)
                    .map(move |(i, _)| (b, i))
            })
            .collect();
        let nnz = if let Connectivity::Explicit(csr) = &pr.connectivity {
            // Each block's table holds, source by source, the CSR's synapses onto the block
            // in CSR order (build::incoming_for_block).
            for &(b, i) in &tables {
                let range = &r.blocks[b].range;
                let (lo, hi) = (range.start as u32, range.end as u32);
                let mut pos = 0;
                for (k, &t) in csr.indices().iter().enumerate() {
                    if t >= lo && t < hi {
                        local.push((k, b, i, pos));
                        pos += 1;
                    }
                }
            }
            csr.nnz()
        } else {
            // Generated: source by source, the tables of every rank in block order are the
            // CSR order (targets ascending); each rank's share of a source's row comes after
            // the shares of the ranks before it.
            let n_src = r.net.populations[pr.source].n;
            let mut counts = vec![0.0; n_src];
            for &(b, i) in &tables {
                let ip = &r.blocks[b].incoming[i].indptr;
                for (s, c) in counts.iter_mut().enumerate() {
                    *c += (ip[s + 1] - ip[s]) as f64;
                }
            }
            let mut all = Vec::new();
            r.comm.all_gather_f64(&counts, &mut all);
            let rank = r.comm.rank();
            let mut row_start = vec![0usize; n_src + 1];
            let mut mine = vec![0usize; n_src];
            for s in 0..n_src {
                let mut before = 0;
                let mut total = 0;
                for (q, part) in all.chunks(n_src).enumerate() {
                    if q < rank {
                        before += part[s] as usize;
                    }
                    total += part[s] as usize;
                }
                row_start[s + 1] = row_start[s] + total;
                mine[s] = row_start[s] + before;
            }
            for &(b, i) in &tables {
                let ip = &r.blocks[b].incoming[i].indptr;
                for s in 0..n_src {
                    for pos in ip[s] as usize..ip[s + 1] as usize {
                        local.push((mine[s], b, i, pos));
                        mine[s] += 1;
                    }
                }
            }
            row_start[n_src]
        };
        let all: Vec<usize> = match selected {
            None => (0..nnz).collect(),
            Some(ix) => {
                if let Some((j, &k)) = ix.iter().enumerate().find(|&(_, &k)| k >= nnz) {
                    return Err(Error::out_of_range(
                        &object,
                        format!("synapses[{j}]"),
                        k,
                        format!("[0, {nnz}) (the projection's synapses)"),
                    ));
                }
                ix
            }
        };
        let mut where_is = std::collections::HashMap::with_capacity(local.len());
        for &(k, b, i, pos) in &local {
            where_is.insert(k, (b, i, pos));
        }
        let mut cols = Vec::new();
        let mut at = Vec::new();
        for (c, k) in all.iter().enumerate() {
            if let Some(&loc) = where_is.get(k) {
                cols.push(c);
                at.push(loc);
            }
        }
        let rec = StateRecorder::new("weight", Some(cols), all.len(), interval, &r.grid)
            .map_err(|e| relabel(e, &object))?;
        let MonitorState::Weights(w) = &mut r.monitors[m] else {
            unreachable!("checked above")
        };
        w.all = all;
        w.nnz = nnz;
        w.rec = rec;
        w.at = at;
    }
    Ok(())
}

/// The weight of synapse `(block, table, position)`.
#[inline]
fn weight_at(blocks: &[Block], (b, i, pos): (usize, usize, usize)) -> f64 {
    match &blocks[b].incoming[i].weights {
        Weights::Uniform(w) => *w,
        Weights::PerSynapse(ws) => ws[pos],
    }
}

/// Takes the weight samples of step `step` that are due: of every weight monitor when
/// `plastic` is None; of those of plastic (`Some(true)`) or static (`Some(false)`)
/// projections otherwise. The sample of step k holds the weights once the spikes of the
/// steps before k are routed (their plasticity applied): static weights do not change
/// during a run, plastic ones are sampled right after the routing of step k - 1.
pub(crate) fn record_weights(r: &mut NetworkRunner, step: u64, plastic: Option<bool>) {
    for m in &mut r.monitors {
        let MonitorState::Weights(w) = m else {
            continue;
        };
        if plastic.is_some_and(|p| p != w.plastic)
            || !w.rec.wants(step)
            || w.last.is_some_and(|l| l >= step)
        {
            continue;
        }
        w.last = Some(step);
        let blocks = &r.blocks;
        let at = &w.at;
        let mut col = 0;
        w.rec.record_with(step, |_| {
            let v = weight_at(blocks, at[col]);
            col += 1;
            v
        });
    }
}

impl NetworkRunner {
    fn monitor(&self, m: usize) -> Result<&MonitorState> {
        self.monitors.get(m).ok_or_else(|| {
            Error::out_of_range(
                "NetworkRunner",
                "monitor",
                m,
                format!("[0, {})", self.monitors.len()),
            )
        })
    }

    /// The spikes recorded so far by spike monitor `m`.
    pub fn spike_data(&self, m: usize) -> Result<SpikeData> {
        match self.monitor(m)? {
            MonitorState::Spikes { pop, rec } => Ok(rec.clone().finish(
                &self.grid,
                self.net.populations[*pop].n,
                0..self.steps_done(),
            )),
            _ => Err(Error::invalid(
                format!("monitor {m}"),
                "is not a spike monitor",
            )),
        }
    }

    /// The samples recorded so far by state monitor `m` (a collective under MPI: every rank
    /// calls it and gets the whole record).
    pub fn state_data(&self, m: usize) -> Result<StateData> {
        let MonitorState::State {
            pop,
            all,
            interval,
            rec,
            ..
        } = self.monitor(m)?
        else {
            return Err(Error::invalid(
                format!("monitor {m}"),
                "is not a state monitor",
            ));
        };
        let (_, size) = self.rank_and_size();
        let local = rec.clone().finish(&self.grid);
        if size == 1 {
            return Ok(local);
        }
        let mut values = Vec::new();
        self.comm.all_gather_f64(local.values(), &mut values);
        // Every rank recorded the same steps, each for the neurons it owns: rebuild the whole
        // record column by column from the known partition.
        let n_steps = local.times().len();
        let mut where_is = std::collections::HashMap::new();
        let mut base = 0;
        for r in 0..size {
            let part = crate::build::owned_part(
                &self.pop_offsets,
                *pop,
                &crate::build::owned_range(*self.pop_offsets.last().unwrap(), r, size),
            );
            let mine: Vec<usize> = all.iter().copied().filter(|i| part.contains(i)).collect();
            for (c, &i) in mine.iter().enumerate() {
                where_is.entry(i).or_insert((base, mine.len(), c));
            }
            base += n_steps * mine.len();
        }
        let n = self.net.populations[*pop].n;
        let mut whole =
            StateRecorder::new(rec.variable(), Some(all.clone()), n, *interval, &self.grid)?;
        for (t, &time) in local.times().iter().enumerate() {
            let step = (time / self.grid.dt()).round() as u64;
            whole.record_with(step, |i| {
                let (b, k, c) = where_is[&i];
                values[b + t * k + c]
            });
        }
        Ok(whole.finish(&self.grid))
    }

    /// The weights recorded so far by weight monitor `m`: one column per recorded synapse,
    /// `indices()` = its index in the projection's CSR order (a collective under MPI: every
    /// rank calls it and gets the whole record).
    pub fn weight_data(&self, m: usize) -> Result<StateData> {
        let MonitorState::Weights(w) = self.monitor(m)? else {
            return Err(Error::invalid(
                format!("monitor {m}"),
                "is not a weight monitor",
            ));
        };
        let local = w.rec.clone().finish(&self.grid);
        // Each rank sends its columns (positions in `all`) and then its samples.
        let cols = w.rec.indices();
        let mut msg = Vec::with_capacity(1 + cols.len() + local.values().len());
        msg.push(cols.len() as f64);
        msg.extend(cols.iter().map(|&c| c as f64));
        msg.extend_from_slice(local.values());
        let mut all = Vec::new();
        self.comm.all_gather_f64(&msg, &mut all);
        let n_steps = local.times().len();
        // Position in `all` -> (offset of that rank's samples, its column count, column).
        let mut where_is = std::collections::HashMap::new();
        let mut at = 0;
        while at < all.len() {
            let k = all[at] as usize;
            let base = at + 1 + k;
            for c in 0..k {
                where_is
                    .entry(all[at + 1 + c] as usize)
                    .or_insert((base, k, c));
            }
            at = base + n_steps * k;
        }
        // A synapse selected twice has one value: its first position serves both columns.
        let mut first = std::collections::HashMap::with_capacity(w.all.len());
        for (p, &k) in w.all.iter().enumerate() {
            first.entry(k).or_insert(p);
        }
        let mut whole =
            StateRecorder::new("weight", Some(w.all.clone()), w.nnz, w.interval, &self.grid)?;
        for (t, &time) in local.times().iter().enumerate() {
            let step = (time / self.grid.dt()).round() as u64;
            whole.record_with(step, |k| {
                let (base, n, c) = where_is[&first[&k]];
                all[base + t * n + c]
            });
        }
        Ok(whole.finish(&self.grid))
    }

    /// Synapses of projection `proj` a weight monitor `m` records (CSR indices, in column
    /// order) and the projection's number of synapses.
    pub fn weight_monitor_synapses(&self, m: usize) -> Result<(&[usize], usize)> {
        match self.monitor(m)? {
            MonitorState::Weights(w) => Ok((&w.all, w.nnz)),
            _ => Err(Error::invalid(
                format!("monitor {m}"),
                "is not a weight monitor",
            )),
        }
    }

    /// The population rate recorded so far by rate monitor `m`.
    pub fn rate_data(&self, m: usize) -> Result<RateData> {
        match self.monitor(m)? {
            MonitorState::Rate { rec, .. } => Ok(rec.clone().finish(&self.grid, self.steps_done())),
            _ => Err(Error::invalid(
                format!("monitor {m}"),
                "is not a rate monitor",
            )),
        }
    }
}
