//! Recording inside the runner (step (3) of the step order) with the recorders of
//! `sc-neurocore-monitors`, and the results users read.

use crate::engine::NetworkRunner;
use crate::spec::{MonitorSpec, Network, relabel};
use sc_neurocore_core::{Error, Result, TimeGrid};
use sc_neurocore_monitors::{
    RateData, RateRecorder, SpikeData, SpikeRecorder, StateData, StateRecorder,
};

/// The running record of one monitor.
pub(crate) enum MonitorState {
    Spikes {
        pop: usize,
        rec: SpikeRecorder,
    },
    State {
        pop: usize,
        var: usize,
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
                    MonitorState::State {
                        pop: *population,
                        var: pop.model.state_index(variable).expect("checked when added"),
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
            MonitorState::State { .. } => {}
        }
    }
}

/// Records state variables at the start of `step` (before its integration), as Brian2's
/// StateMonitor does: the first sample of a run is the initial state, at t = 0.
pub(crate) fn record_state(r: &mut NetworkRunner, step: u64) {
    for m in &mut r.monitors {
        if let MonitorState::State {
            pop, var, rec, at, ..
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
            rec.record_with(step, |_| {
                let (b, k) = at[col];
                col += 1;
                blocks[b].kernel.var(*var)[k]
            });
        }
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
