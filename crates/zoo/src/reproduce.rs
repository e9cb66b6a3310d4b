//! What a zoo network reproduces, declared once with the network (`reproduces:` in
//! [`zoo_network!`](crate::zoo_network)): the paper, the statistics the network is known by
//! with their published values, and the run that shows them. `sc-neurocore zoo` lists it,
//! `sc-neurocore run --zoo NAME` measures the statistics on whatever it ran (`statistics` in
//! its summary), `cargo xtask gallery` runs the declared run and draws it beside the
//! published values (docs/gallery.md), and Python's `configs.NAME.__doc__` states it.
//!
//! A statistic is a plain function of a finished run ([`Outcome`]: the spikes of every
//! population, the weights of every projection, the network's parameters); the helpers here
//! (windowed rates, ISI CV, population-count CV, spectral peak, weight fractions) compute
//! them as the zoo's tests and the reference scripts do.

use crate::{ZooEntry, ZooSetting};
use sc_neurocore_core::{Error, Result};
use sc_neurocore_monitors::{SpikeData, StateData};
use sc_neurocore_runner::{MonitorSpec, Network, NetworkRunner, ProjectionSpec};

/// What a zoo network reproduces and the run that shows it.
#[derive(Debug, Clone, Copy)]
pub struct Reproduction {
    /// The paper (and figure) whose result the network reproduces, and the code it follows.
    pub paper: &'static str,
    /// Settings over the entry's defaults for the run that shows it.
    pub settings: &'static [ZooSetting<'static>],
    /// Simulated time (s) and step (s) of that run.
    pub run: (f64, f64),
    /// How that run differs from the published one (reduced size, shorter), or "".
    pub note: &'static str,
    /// The stretch of that run (start s, end s) a raster should show.
    pub window: (f64, f64),
    /// The statistics, the headline first.
    pub statistics: &'static [Statistic],
}

impl Reproduction {
    /// The command line that makes this run of entry `name` (seed 1):
    /// `sc-neurocore run --zoo NAME [--set KEY=VALUE]... --duration S --dt S --seed 1`.
    pub fn command(&self, name: &str) -> String {
        let mut c = format!("sc-neurocore run --zoo {name}");
        for (k, v) in self.settings {
            c.push_str(&format!(" --set {k}={v}"));
        }
        c.push_str(&format!(
            " --duration {} --dt {} --seed 1",
            self.run.0, self.run.1
        ));
        c
    }
}

/// One statistic of a run and its published value.
#[derive(Debug, Clone, Copy)]
pub struct Statistic {
    /// Short name (`rate of exc`).
    pub name: &'static str,
    /// Unit of the value (`Hz`, `1`, `ms`, `spikes`).
    pub unit: &'static str,
    /// How it is measured (window, bins, which neurons), in one line.
    pub definition: &'static str,
    /// The published value, when the source gives a number.
    pub published: Option<f64>,
    /// Where the published value comes from (with its spread), or what the source says
    /// when it gives no number.
    pub source: &'static str,
    /// Measures it on a finished run; `None` when the run does not allow it (too short,
    /// population missing, no spikes).
    pub measure: fn(&Outcome<'_>) -> Option<f64>,
}

/// What a run of a zoo network gives beside its statistics: one number per item of the run
/// (the label of each image a classifier was shown), declared once with the network
/// (`outputs:` in [`zoo_network!`](crate::zoo_network)). `sc-neurocore run --zoo NAME`
/// prints them and writes them to `summary.json` (`outputs`).
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// Short name (`labels`).
    pub name: &'static str,
    /// What each value is, in one line.
    pub definition: &'static str,
    /// Reads the values off a finished run; `None` when the run does not allow it.
    pub measure: fn(&Outcome<'_>) -> Option<Vec<f64>>,
}

/// A finished run of a zoo network, as the statistics read it.
pub struct Outcome<'a> {
    runner: &'a NetworkRunner,
    spikes: Vec<SpikeData>,
    params: Vec<(&'static str, f64)>,
}

impl<'a> Outcome<'a> {
    /// The run of `entry` built with `settings`, its populations' spikes recorded by
    /// `spike_monitors` (one monitor index per population, in order).
    pub fn new(
        entry: &ZooEntry,
        settings: &[ZooSetting<'_>],
        runner: &'a NetworkRunner,
        spike_monitors: &[usize],
    ) -> Result<Self> {
        let n_pops = runner.network().populations().len();
        if spike_monitors.len() != n_pops {
            return Err(Error::shape(
                format!("zoo '{}' outcome", entry.name),
                "spike_monitors",
                spike_monitors.len(),
                n_pops,
            ));
        }
        let spikes = spike_monitors
            .iter()
            .map(|&m| runner.spike_data(m))
            .collect::<Result<Vec<_>>>()?;
        let params = entry
            .params
            .iter()
            .map(|p| {
                let given = settings.iter().rev().find(|s| s.0 == p.name);
                (p.name, given.map_or(p.default, |s| s.1))
            })
            .collect();
        Ok(Outcome {
            runner,
            spikes,
            params,
        })
    }

    /// Simulated time, seconds.
    pub fn duration(&self) -> f64 {
        self.runner.time()
    }

    /// The network description.
    pub fn network(&self) -> &Network {
        self.runner.network()
    }

    /// The spikes of the population labelled `population`.
    pub fn spikes(&self, population: &str) -> Option<&SpikeData> {
        let p = self.network().population_id(population).ok()?;
        self.spikes.get(p)
    }

    /// The projection labelled `projection` and its current weights (in CSR order).
    pub fn weights(&self, projection: &str) -> Option<(&ProjectionSpec, Vec<f64>)> {
        let j = self
            .network()
            .projections()
            .iter()
            .position(|p| p.label == projection)?;
        let w = self.runner.weights(j).ok()?;
        Some((&self.network().projections()[j], w))
    }

    /// The step of the run, seconds.
    pub fn dt(&self) -> f64 {
        self.runner.grid().dt()
    }

    /// Steps simulated.
    pub fn steps(&self) -> u64 {
        self.runner.steps_done()
    }

    /// The samples of `variable` of every neuron of `population` taken by the network's own
    /// state monitor of it (one the network declares, recording every neuron), if any.
    pub fn state_samples(&self, population: &str, variable: &str) -> Option<StateData> {
        let p = self.network().population_id(population).ok()?;
        let m = self.network().monitors().iter().position(|m| {
            matches!(m, MonitorSpec::State { population, variable: v, indices: None, .. }
                if *population == p && v == variable)
        })?;
        self.runner.state_data(m).ok()
    }

    /// The current value (at the end of the run) of `variable` of every neuron of
    /// `population`.
    pub fn state_now(&self, population: &str, variable: &str) -> Option<Vec<f64>> {
        let p = self.network().population_id(population).ok()?;
        self.runner.state(p, variable).ok()
    }

    /// The value of the network's parameter `name` in this run.
    pub fn param(&self, name: &str) -> Option<f64> {
        self.params.iter().find(|p| p.0 == name).map(|p| p.1)
    }

    /// Every statistic of `r`, measured on this run.
    pub fn measure(&self, r: &Reproduction) -> Vec<Option<f64>> {
        r.statistics.iter().map(|s| (s.measure)(self)).collect()
    }
}

/// `[from, to]` clipped to the run, or `None` when empty.
fn window(o: &Outcome<'_>, from: f64, to: f64) -> Option<(f64, f64)> {
    let to = to.min(o.duration());
    (to > from).then_some((from, to))
}

/// Spikes per neuron per second of `d` with t in `[from, to]` (ends included; `to` clipped
/// to the run), over the neurons `ids` (None = all), silent neurons included.
pub fn rate_hz(
    o: &Outcome<'_>,
    d: &SpikeData,
    ids: Option<std::ops::Range<u32>>,
    from: f64,
    to: f64,
) -> Option<f64> {
    let (from, to) = window(o, from, to)?;
    let keep = |i: u32| ids.as_ref().is_none_or(|r| r.contains(&i));
    let n = ids.as_ref().map_or(d.n(), |r| {
        r.end.min(d.n() as u32).saturating_sub(r.start) as usize
    });
    if n == 0 {
        return None;
    }
    let count = d
        .times()
        .iter()
        .zip(d.ids())
        .filter(|&(&t, &i)| t >= from && t <= to && keep(i))
        .count();
    Some(count as f64 / (n as f64 * (to - from)))
}

/// Mean over the neurons of `d` with at least 3 spikes in `[from, to]` of their ISI
/// coefficient of variation (std / mean, ddof 0), as the NEST and Brian2 reference scripts
/// compute it.
pub fn mean_cv(o: &Outcome<'_>, d: &SpikeData, from: f64, to: f64) -> Option<f64> {
    let (from, to) = window(o, from, to)?;
    let cvs: Vec<f64> = d
        .spike_trains()
        .into_iter()
        .map(|t| {
            t.into_iter()
                .filter(|&x| x >= from && x <= to)
                .collect::<Vec<f64>>()
        })
        .filter(|t| t.len() >= 3)
        .filter_map(|t| sc_neurocore_analysis::coefficient_of_variation(&t).ok())
        .filter(|cv| cv.is_finite())
        .collect();
    (!cvs.is_empty()).then(|| cvs.iter().sum::<f64>() / cvs.len() as f64)
}

/// Spike counts of `times` in bins of `bin` seconds over `[from, to)`.
fn counts(times: impl Iterator<Item = f64>, from: f64, to: f64, bin: f64) -> Vec<f64> {
    let bins = ((to - from) / bin).round() as usize;
    let mut c = vec![0.0; bins];
    for t in times {
        if t >= from && t < to && bins > 0 {
            c[(((t - from) / bin) as usize).min(bins - 1)] += 1.0;
        }
    }
    c
}

/// The spike times of every population named in `populations`, together.
pub fn times_of(o: &Outcome<'_>, populations: &[&str]) -> Option<Vec<f64>> {
    let mut all = Vec::new();
    for p in populations {
        all.extend_from_slice(o.spikes(p)?.times());
    }
    Some(all)
}

/// Coefficient of variation (std / mean, ddof 0) of the spike counts of `times` in bins of
/// `bin` seconds over `[from, to)`: about 0.1–0.5 for asynchronous activity of thousands of
/// neurons, larger with synchrony or a global oscillation (NEST reference's
/// `pop_rate_cv_1ms`).
pub fn count_cv(o: &Outcome<'_>, times: &[f64], from: f64, to: f64, bin: f64) -> Option<f64> {
    let (from, to) = window(o, from, to)?;
    let c = counts(times.iter().copied(), from, to, bin);
    let n = c.len() as f64;
    let mean = c.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return None;
    }
    let var = c.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    Some(var.sqrt() / mean)
}

/// The frequency (Hz) of the highest peak in `[f_lo, f_hi]` of the power spectrum of the
/// spike counts of `times` in bins of `bin` seconds over `[from, to)` (a direct DFT of the
/// mean-free counts; resolution 1 / (to - from)).
pub fn peak_frequency(
    o: &Outcome<'_>,
    times: &[f64],
    (from, to): (f64, f64),
    bin: f64,
    (f_lo, f_hi): (f64, f64),
) -> Option<f64> {
    let (from, to) = window(o, from, to)?;
    let c = counts(times.iter().copied(), from, to, bin);
    let n = c.len();
    let mean = c.iter().sum::<f64>() / n as f64;
    let df = 1.0 / (n as f64 * bin);
    let (k_lo, k_hi) = (
        (f_lo / df).ceil() as usize,
        ((f_hi / df) as usize).min(n / 2),
    );
    let mut best: Option<(f64, f64)> = None;
    for k in k_lo.max(1)..=k_hi {
        let w = 2.0 * std::f64::consts::PI * k as f64 / n as f64;
        let (mut re, mut im) = (0.0, 0.0);
        for (i, x) in c.iter().enumerate() {
            re += (x - mean) * (w * i as f64).cos();
            im += (x - mean) * (w * i as f64).sin();
        }
        let p = re * re + im * im;
        if best.is_none_or(|b| p > b.1) {
            best = Some((k as f64 * df, p));
        }
    }
    best.filter(|b| b.1 > 0.0).map(|b| b.0)
}

/// The fraction of the weights of projection `projection` whose magnitude lies in
/// `[lo, hi]` times its STDP upper bound `w_max` (None without STDP).
pub fn weight_fraction(o: &Outcome<'_>, projection: &str, lo: f64, hi: f64) -> Option<f64> {
    let (spec, w) = o.weights(projection)?;
    let w_max = spec.stdp.as_ref()?.w_max;
    if w.is_empty() {
        return None;
    }
    let k = w
        .iter()
        .filter(|x| (lo * w_max..=hi * w_max).contains(&x.abs()))
        .count();
    Some(k as f64 / w.len() as f64)
}
