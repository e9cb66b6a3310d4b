//! The network description (`NetworkSpec`, the runner's `Network`), the shared-memory engine
//! (`Runner`, the runner's `NetworkRunner`), the monitor recorders the Python backend uses,
//! and the grid helpers both backends share.

use crate::convert::{CsrArrays, Number, csr, csr_arrays, f64_vec, number, params as params_of};
use crate::errors::IntoPyResult;
use crate::plasticity::stdp_from_dict;
use crate::stimuli::Stimulus;
use numpy::{PyArray1, PyArray2, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sc_neurocore_core::{Error, TimeGrid};
use sc_neurocore_monitors::{
    RateData, RateRecorder, SpikeData, SpikeRecorder, StateData, StateRecorder,
};
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, NetworkRunner, ProjectionSpec, RunConfig,
    SynapseKind, SynapseOptions, TruncatedNormal,
};
use sc_neurocore_topology::{ConnectOptions, Topology};

/// A synapse kind's options as the Python front end passes them (keyword arguments
/// `tau_syn`, `e_rev`, `tau_rise`, `tau_decay`, `alpha`, `mg`; each None unless given).
#[derive(Debug, Clone, Copy, Default)]
struct SynapseArgs(SynapseOptions);

impl SynapseArgs {
    fn new(
        tau_syn: Option<f64>,
        e_rev: Option<f64>,
        tau_rise: Option<f64>,
        tau_decay: Option<f64>,
        alpha: Option<f64>,
        mg: Option<f64>,
    ) -> Self {
        SynapseArgs(SynapseOptions {
            tau_syn,
            e_rev,
            tau_rise,
            tau_decay,
            alpha,
            mg,
        })
    }
}

fn synapse(py: Python<'_>, object: &str, name: &str, args: SynapseArgs) -> PyResult<SynapseKind> {
    SynapseKind::from_options(object, name, &args.0).py(py)
}

/// Checks a synapse kind with its options (for a stimulus's input spikes when `stimulus`);
/// returns its canonical name.
#[pyfunction]
#[pyo3(signature = (object, name, tau_syn=None, e_rev=None, tau_rise=None, tau_decay=None,
                    alpha=None, mg=None, stimulus=false))]
#[allow(clippy::too_many_arguments)]
fn check_synapse(
    py: Python<'_>,
    object: &str,
    name: &str,
    tau_syn: Option<f64>,
    e_rev: Option<f64>,
    tau_rise: Option<f64>,
    tau_decay: Option<f64>,
    alpha: Option<f64>,
    mg: Option<f64>,
    stimulus: bool,
) -> PyResult<&'static str> {
    let args = SynapseArgs::new(tau_syn, e_rev, tau_rise, tau_decay, alpha, mg);
    let kind = synapse(py, object, name, args)?;
    if stimulus {
        kind.check_for_stimulus(object).py(py)?;
    }
    Ok(kind.name())
}

/// The synapse kind of `name` and options as the engine compares channels: `(name,
/// parameters...)` with the defaults filled in (`("delta",)`, `("exponential", tau_syn)`,
/// `("conductance", tau_syn, e_rev)`, `("nmda", tau_rise, tau_decay, alpha, e_rev, mg)`).
#[pyfunction]
#[pyo3(signature = (name, tau_syn=None, e_rev=None, tau_rise=None, tau_decay=None,
                    alpha=None, mg=None))]
#[allow(clippy::too_many_arguments)]
fn synapse_key<'py>(
    py: Python<'py>,
    name: &str,
    tau_syn: Option<f64>,
    e_rev: Option<f64>,
    tau_rise: Option<f64>,
    tau_decay: Option<f64>,
    alpha: Option<f64>,
    mg: Option<f64>,
) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
    let args = SynapseArgs::new(tau_syn, e_rev, tau_rise, tau_decay, alpha, mg);
    let kind = synapse(py, "Synapse", name, args)?;
    let params: Vec<f64> = match kind {
        SynapseKind::Delta => vec![],
        SynapseKind::Exponential { tau_syn } | SynapseKind::Alpha { tau_syn } => vec![tau_syn],
        SynapseKind::Conductance { tau_syn, e_rev } => vec![tau_syn, e_rev],
        SynapseKind::Nmda {
            tau_rise,
            tau_decay,
            alpha,
            e_rev,
            mg,
        } => vec![tau_rise, tau_decay, alpha, e_rev, mg],
    };
    let mut items: Vec<Bound<'py, PyAny>> = vec![kind.name().into_pyobject(py)?.into_any()];
    for p in params {
        items.push(p.into_pyobject(py)?.into_any());
    }
    pyo3::types::PyTuple::new(py, items)
}

/// The NMDA gating variables of one source population (`sc_neurocore_runner::nmda`), for the
/// Python backend: the same code as the engine's, so the jumps are the same bits.
#[pyclass(module = "sc_neurocore._native")]
struct NmdaGating(sc_neurocore_runner::nmda::NmdaGating);

#[pymethods]
impl NmdaGating {
    /// `n` sources of NMDA synapses with `tau_rise < tau_decay` (s) and `alpha` (1/s) on a
    /// grid of `dt` s (the parameters as `synapse_key` returns them, checked there).
    #[new]
    fn new(n: usize, tau_rise: f64, tau_decay: f64, alpha: f64, dt: f64) -> Self {
        NmdaGating(sc_neurocore_runner::nmda::NmdaGating::new(
            n, tau_rise, tau_decay, alpha, dt,
        ))
    }

    /// The gating jumps of sources `ids` (ascending) at their spikes of step `step`; their
    /// states advance.
    fn spike<'py>(
        &mut self,
        py: Python<'py>,
        step: u64,
        ids: PyReadonlyArray1<'py, i64>,
    ) -> Bound<'py, PyArray1<f64>> {
        let out: Vec<f64> = ids
            .as_slice()
            .expect("contiguous ids")
            .iter()
            .map(|&i| self.0.spike(step, i as usize))
            .collect();
        PyArray1::from_vec(py, out)
    }
}

/// The Mg2+ block 1 / (1 + mg exp(-0.062 v) / 3.57) of each membrane potential `v` (mV), as
/// the engine computes it.
#[pyfunction]
fn nmda_block<'py>(
    py: Python<'py>,
    v: PyReadonlyArray1<'py, f64>,
    mg: f64,
) -> Bound<'py, PyArray1<f64>> {
    let out: Vec<f64> = v
        .as_slice()
        .expect("contiguous membrane")
        .iter()
        .map(|&x| sc_neurocore_runner::nmda::mg_block(x, mg))
        .collect();
    PyArray1::from_vec(py, out)
}

/// Checks a step `dt` (seconds).
#[pyfunction]
fn check_dt(py: Python<'_>, dt: f64) -> PyResult<()> {
    TimeGrid::new(dt).py(py).map(drop)
}

/// Steps in `duration` seconds at `dt`: a whole number of steps, as the runner requires.
#[pyfunction]
fn steps_for(py: Python<'_>, dt: f64, duration: f64) -> PyResult<u64> {
    let g = TimeGrid::new(dt).py(py)?;
    g.steps_for(duration)
        .map_err(|e| match e {
            Error::OutOfRange { range, .. } if duration >= 0.0 && duration.is_finite() => {
                Error::out_of_range("Network.run", "duration", duration, range)
            }
            _ => Error::out_of_range("Network.run", "duration", duration, "[0, inf) s"),
        })
        .py(py)
}

/// Delays of `object` in whole steps of `dt` (each rounded, at least one step, at most
/// 65,536 steps), for a number or a float64 array.
#[pyfunction]
fn delay_steps<'py>(
    py: Python<'py>,
    object: &str,
    dt: f64,
    delay: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let grid = TimeGrid::new(dt).py(py)?;
    let check = |d: f64| -> Result<i64, Error> {
        sc_neurocore_runner::delay_to_steps(object, &grid, d).map(|s| s as i64)
    };
    let out: Vec<i64> = match number(py, delay, "delay")? {
        Number::Scalar(d) => vec![check(d).py(py)?],
        Number::Array(v) => v.into_iter().map(check).collect::<Result<_, _>>().py(py)?,
    };
    Ok(PyArray1::from_vec(py, out))
}

/// A network description: populations, projections, stimuli, monitors and the seed, each
/// checked when added.
#[pyclass(module = "sc_neurocore._native")]
pub struct NetworkSpec {
    pub net: Network,
}

#[pymethods]
impl NetworkSpec {
    /// An empty network with `seed`.
    #[new]
    fn new(seed: u64) -> Self {
        NetworkSpec {
            net: Network::new(seed),
        }
    }

    /// The seed.
    #[getter]
    fn seed(&self) -> u64 {
        self.net.seed()
    }

    /// Total number of neurons.
    #[getter]
    fn n_neurons(&self) -> usize {
        self.net.n_neurons()
    }

    /// Adds a population; returns its index.
    #[pyo3(signature = (label, model, n, params=None))]
    fn add_population(
        &mut self,
        py: Python<'_>,
        label: &str,
        model: &str,
        n: usize,
        params: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<usize> {
        let p = params_of(py, params)?;
        let refs: Vec<(&str, sc_neurocore_neurons::ParamValue)> =
            p.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        self.net.add_population(label, model, n, &refs).py(py)
    }

    /// Adds a projection; returns its index. Connectivity: `topology` (name) with `kwargs`,
    /// `weight` and the autapse/multapse options, or an explicit CSR `indptr, indices, data`.
    #[pyo3(signature = (label, source, target, *, topology=None, kwargs=None, weight=1.0,
                        allow_autapses=true, allow_multapses=true, indptr=None, indices=None,
                        data=None, synapse="delta", tau_syn=None, e_rev=None, tau_rise=None,
                        tau_decay=None, alpha=None, mg=None, delay=None, stdp=None,
                        weight_normal=None, delay_normal=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_projection(
        &mut self,
        py: Python<'_>,
        label: &str,
        source: usize,
        target: usize,
        topology: Option<&str>,
        kwargs: Option<&Bound<'_, PyDict>>,
        weight: f64,
        allow_autapses: bool,
        allow_multapses: bool,
        indptr: Option<&Bound<'_, PyAny>>,
        indices: Option<&Bound<'_, PyAny>>,
        data: Option<&Bound<'_, PyAny>>,
        synapse: &str,
        tau_syn: Option<f64>,
        e_rev: Option<f64>,
        tau_rise: Option<f64>,
        tau_decay: Option<f64>,
        alpha: Option<f64>,
        mg: Option<f64>,
        delay: Option<&Bound<'_, PyAny>>,
        stdp: Option<&Bound<'_, PyDict>>,
        weight_normal: Option<(f64, f64, f64, f64)>,
        delay_normal: Option<(f64, f64, f64, f64)>,
    ) -> PyResult<usize> {
        let object = format!("Projection '{label}'");
        let normal =
            |(mean, sd, min, max): (f64, f64, f64, f64)| TruncatedNormal::new(mean, sd, min, max);
        let size = |p: usize| -> PyResult<usize> {
            self.net
                .populations()
                .get(p)
                .map(|p| p.n)
                .ok_or_else(|| {
                    Error::out_of_range(
                        &object,
                        "population",
                        p,
                        format!("[0, {})", self.net.populations().len()),
                    )
                })
                .py(py)
        };
        let connectivity = match (topology, indptr, indices, data) {
            (Some(name), None, None, None) => {
                let kw = crate::convert::keywords(py, kwargs)?;
                let refs: Vec<(&str, f64)> = kw.iter().map(|(k, v)| (k.as_str(), *v)).collect();
                let topology = Topology::from_name(name, &refs).py(py)?;
                let options = ConnectOptions {
                    allow_autapses,
                    allow_multapses,
                    same_population: false,
                };
                match weight_normal {
                    Some(w) => Connectivity::GeneratedNormal {
                        topology,
                        weight: normal(w),
                        options,
                    },
                    None => Connectivity::Generated {
                        topology,
                        weight,
                        options,
                    },
                }
            }
            (None, Some(_), Some(_), Some(_)) if weight_normal.is_some() => {
                return Err(Error::invalid(
                    &object,
                    "a weight distribution needs a named topology; a CSR carries its weights",
                ))
                .py(py);
            }
            (None, Some(ip), Some(ix), Some(w)) => {
                Connectivity::Explicit(csr(py, size(source)?, size(target)?, ip, ix, w)?)
            }
            _ => {
                return Err(Error::invalid(
                    &object,
                    "give either a topology name or a CSR (indptr, indices, data)",
                ))
                .py(py);
            }
        };
        let args = SynapseArgs::new(tau_syn, e_rev, tau_rise, tau_decay, alpha, mg);
        let mut spec = ProjectionSpec::new(label, source, target, connectivity)
            .synapse(self::synapse(py, &object, synapse, args)?);
        if let Some(d) = delay {
            spec = spec.delay(match number(py, d, "delay")? {
                Number::Scalar(v) => Delay::Uniform(v),
                Number::Array(v) => Delay::PerSynapse(v),
            });
        }
        if let Some(d) = delay_normal {
            spec = spec.delay(Delay::Normal(normal(d)));
        }
        if let Some(s) = stdp {
            spec = spec.stdp(stdp_from_dict(py, s)?);
        }
        self.net.add_projection(spec).py(py)
    }

    /// Adds `stimulus` driving population `target` (None = the first); returns its index.
    #[pyo3(signature = (label, stimulus, target=None, synapse="delta", tau_syn=None, e_rev=None,
                        tau_rise=None, tau_decay=None, alpha=None, mg=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_stimulus(
        &mut self,
        py: Python<'_>,
        label: &str,
        stimulus: &Stimulus,
        target: Option<usize>,
        synapse: &str,
        tau_syn: Option<f64>,
        e_rev: Option<f64>,
        tau_rise: Option<f64>,
        tau_decay: Option<f64>,
        alpha: Option<f64>,
        mg: Option<f64>,
    ) -> PyResult<usize> {
        let object = format!("{} '{label}'", stimulus.spec.kind_name());
        let args = SynapseArgs::new(tau_syn, e_rev, tau_rise, tau_decay, alpha, mg);
        let kind = self::synapse(py, &object, synapse, args)?;
        self.net
            .add_stimulus(label, stimulus.spec.clone(), target, kind)
            .py(py)
    }

    /// Adds a spike monitor of population `population`; returns its index.
    fn add_spike_monitor(&mut self, py: Python<'_>, population: usize) -> PyResult<usize> {
        self.net
            .add_monitor(MonitorSpec::Spikes { population })
            .py(py)
    }

    /// Adds a state monitor; returns its index.
    #[pyo3(signature = (population, variable, indices=None, interval=None))]
    fn add_state_monitor(
        &mut self,
        py: Python<'_>,
        population: usize,
        variable: String,
        indices: Option<Vec<usize>>,
        interval: Option<f64>,
    ) -> PyResult<usize> {
        self.net
            .add_monitor(MonitorSpec::State {
                population,
                variable,
                indices,
                interval,
            })
            .py(py)
    }

    /// Adds a rate monitor with bins of `bin` seconds; returns its index.
    fn add_rate_monitor(&mut self, py: Python<'_>, population: usize, bin: f64) -> PyResult<usize> {
        self.net
            .add_monitor(MonitorSpec::Rate { population, bin })
            .py(py)
    }

    /// Adds a weight monitor of projection `projection` (synapse indices in CSR order, None =
    /// all; every `interval` seconds, None = every step); returns its index.
    #[pyo3(signature = (projection, synapses=None, interval=None))]
    fn add_weight_monitor(
        &mut self,
        py: Python<'_>,
        projection: usize,
        synapses: Option<Vec<usize>>,
        interval: Option<f64>,
    ) -> PyResult<usize> {
        self.net
            .add_monitor(MonitorSpec::Weights {
                projection,
                synapses,
                interval,
            })
            .py(py)
    }

    /// The input channels (in the order both engines keep them) whose states the synaptic
    /// variable `variable` of population `p` sums, for a state monitor (errors name it).
    fn state_monitor_channels(
        &self,
        py: Python<'_>,
        p: usize,
        variable: &str,
    ) -> PyResult<Vec<usize>> {
        let label = self
            .net
            .populations()
            .get(p)
            .map_or(String::new(), |p| p.label.clone());
        self.net
            .synaptic_channels(p, variable)
            .map_err(|e| match e {
                Error::Invalid { message, .. } => Error::Invalid {
                    object: format!("StateMonitor of '{label}'"),
                    message,
                },
                e => e,
            })
            .py(py)
    }

    /// Uniform values in `[low, high)` per synapse of projection `j` (CSR order), from the
    /// streams of its weights, or of its delays with `delay` (`Network::draw_uniform`).
    fn draw_uniform<'py>(
        &self,
        py: Python<'py>,
        j: usize,
        low: f64,
        high: f64,
        delay: bool,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let net = &self.net;
        let v = py.detach(|| net.draw_uniform(j, low, high, delay)).py(py)?;
        Ok(PyArray1::from_vec(py, v))
    }

    /// Values of normal(mean, sd) redrawn outside [min, max] per synapse of projection `j`
    /// (CSR order), from the streams of its weights, or of its delays with `delay`
    /// (`Network::draw_normal`).
    fn draw_normal<'py>(
        &self,
        py: Python<'py>,
        j: usize,
        dist: (f64, f64, f64, f64),
        delay: bool,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let net = &self.net;
        let (mean, sd, min, max) = dist;
        let d = TruncatedNormal::new(mean, sd, min, max);
        let v = py.detach(|| net.draw_normal(j, &d, delay)).py(py)?;
        Ok(PyArray1::from_vec(py, v))
    }

    /// The delay (s, before rounding) of every synapse of projection `j`, in CSR order.
    fn delays<'py>(&self, py: Python<'py>, j: usize) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let net = &self.net;
        let v = py.detach(|| net.delays(j)).py(py)?;
        Ok(PyArray1::from_vec(py, v))
    }

    /// Gives projection `j` one weight per synapse in CSR order
    /// (`Network::set_projection_weights`).
    fn set_projection_weights(
        &mut self,
        py: Python<'_>,
        j: usize,
        weights: PyReadonlyArray1<'_, f64>,
    ) -> PyResult<()> {
        let w: Vec<f64> = weights.as_array().iter().copied().collect();
        self.net.set_projection_weights(j, &w).py(py)
    }

    /// Gives projection `j` one delay (s) per synapse in CSR order
    /// (`Network::set_projection_delays`).
    fn set_projection_delays(
        &mut self,
        py: Python<'_>,
        j: usize,
        delays: PyReadonlyArray1<'_, f64>,
    ) -> PyResult<()> {
        let d: Vec<f64> = delays.as_array().iter().copied().collect();
        self.net.set_projection_delays(j, &d).py(py)
    }

    /// The connectivity of projection `j` as built (generated from the seed, or explicit).
    fn connectivity<'py>(&self, py: Python<'py>, j: usize) -> PyResult<CsrArrays<'py>> {
        let net = &self.net;
        let c = py.detach(|| net.connectivity(j)).py(py)?;
        Ok(csr_arrays(py, c))
    }

    /// The delays (seconds) projection `j` draws from its delay distribution, in the order
    /// of its connectivity; `None` when its delay is not drawn.
    fn drawn_delays<'py>(
        &self,
        py: Python<'py>,
        j: usize,
    ) -> PyResult<Option<Bound<'py, numpy::PyArray1<f64>>>> {
        let net = &self.net;
        let d = py.detach(|| net.drawn_delays(j)).py(py)?;
        Ok(d.map(|d| numpy::PyArray1::from_vec(py, d)))
    }

    /// Sets the state at t = 0 of the channel of `synapse` synapses (with their options)
    /// onto `population`: `values` one per neuron, or one value for all
    /// (`Network::set_initial_synaptic_state`).
    #[pyo3(signature = (population, synapse, values, tau_syn=None, e_rev=None, tau_rise=None,
                        tau_decay=None, alpha=None, mg=None))]
    #[allow(clippy::too_many_arguments)]
    fn set_initial_synaptic_state(
        &mut self,
        py: Python<'_>,
        population: usize,
        synapse: &str,
        values: &Bound<'_, PyAny>,
        tau_syn: Option<f64>,
        e_rev: Option<f64>,
        tau_rise: Option<f64>,
        tau_decay: Option<f64>,
        alpha: Option<f64>,
        mg: Option<f64>,
    ) -> PyResult<()> {
        let pop = self.net.populations().get(population);
        let object = pop.map_or("InitialSynapticState".to_string(), |p| {
            format!("Initial {synapse} state of '{}'", p.label)
        });
        let n = pop.map_or(0, |p| p.n);
        let args = SynapseArgs::new(tau_syn, e_rev, tau_rise, tau_decay, alpha, mg);
        let kind = self::synapse(py, &object, synapse, args)?;
        let values = match number(py, values, "values")? {
            Number::Scalar(v) => vec![v; n],
            Number::Array(v) => v,
        };
        self.net
            .set_initial_synaptic_state(population, kind, values)
            .py(py)
    }

    /// Checks that every initial synaptic state has synapses of its kind onto its population.
    fn check_initial_synaptic_states(&self, py: Python<'_>) -> PyResult<()> {
        self.net.check_initial_synaptic_states().py(py)
    }

    /// The whole description as plain Python values (see `export_network`), from which the
    /// Python layer rebuilds the same network out of its own objects.
    fn export<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        crate::export::export_network(py, &self.net)
    }

    /// `(label, model name, n)` of every population.
    fn populations(&self) -> Vec<(String, &'static str, usize)> {
        self.net
            .populations()
            .iter()
            .map(|p| (p.label.clone(), p.model.name, p.n))
            .collect()
    }
}

/// The engine running a `NetworkSpec`: shared memory, or this process's rank of an MPI job.
#[pyclass(module = "sc_neurocore._native")]
pub struct Runner {
    inner: Option<NetworkRunner>,
}

/// Whether this build has the MPI backend.
#[cfg(feature = "mpi")]
pub const HAS_MPI: bool = true;
/// Whether this build has the MPI backend.
#[cfg(not(feature = "mpi"))]
pub const HAS_MPI: bool = false;

#[cfg(feature = "mpi")]
fn mpi_communicator() -> Result<Box<dyn sc_neurocore_core::Communicator>, Error> {
    let expect = std::env::var("SCN_EXPECT_RANKS")
        .ok()
        .and_then(|v| v.parse().ok());
    Ok(Box::new(sc_neurocore_mpi::MpiCommunicator::init(expect)?))
}

#[cfg(not(feature = "mpi"))]
fn mpi_communicator() -> Result<Box<dyn sc_neurocore_core::Communicator>, Error> {
    Err(Error::invalid(
        "Network.run",
        "backend 'mpi' is not compiled into this build of sc_neurocore",
    ))
}

/// `(times, ids, t_start, t_end)` of a spike record.
type SpikeTuple<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<u32>>,
    f64,
    f64,
);

fn spike_tuple<'py>(py: Python<'py>, d: SpikeData, start: usize) -> SpikeTuple<'py> {
    let start = start.min(d.count());
    (
        PyArray1::from_slice(py, &d.times()[start..]),
        PyArray1::from_slice(py, &d.ids()[start..]),
        d.t_start(),
        d.t_end(),
    )
}

type StateTuple<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray1<i64>>,
);

fn state_tuple<'py>(py: Python<'py>, d: StateData, start: usize) -> PyResult<StateTuple<'py>> {
    let (t, k) = d.shape();
    let start = start.min(t);
    let values = PyArray1::from_slice(py, &d.values()[start * k..]).reshape([t - start, k])?;
    Ok((
        PyArray1::from_slice(py, &d.times()[start..]),
        values,
        PyArray1::from_vec(py, d.indices().iter().map(|&i| i as i64).collect()),
    ))
}

fn rate_tuple<'py>(py: Python<'py>, d: RateData) -> (Bound<'py, PyArray1<u64>>, f64) {
    (PyArray1::from_slice(py, d.counts()), d.bin())
}

#[pymethods]
impl Runner {
    /// Builds the engine for `spec` with step `dt` (seconds) on `threads` threads (None = all
    /// cores); with `mpi`, as this process's rank of the MPI world (MPI starts once per
    /// process and stops when this engine is closed or dropped).
    #[new]
    #[pyo3(signature = (spec, dt, threads=None, mpi=false))]
    fn new(
        py: Python<'_>,
        spec: &NetworkSpec,
        dt: f64,
        threads: Option<usize>,
        mpi: bool,
    ) -> PyResult<Self> {
        let config = RunConfig {
            dt,
            threads: threads.unwrap_or(RunConfig::default().threads),
        };
        let net = spec.net.clone();
        let runner = if mpi {
            let comm = mpi_communicator().py(py)?;
            py.detach(move || NetworkRunner::with_communicator(&net, config, comm))
                .py(py)?
        } else {
            py.detach(move || NetworkRunner::new(&net, config)).py(py)?
        };
        Ok(Runner {
            inner: Some(runner),
        })
    }

    /// Releases the engine (and, for MPI, finalises MPI). Any later call raises.
    fn close(&mut self) {
        self.inner = None;
    }

    /// `(rank, ranks)` of this process (`(0, 1)` without MPI).
    #[getter]
    fn rank_and_size(&self, py: Python<'_>) -> PyResult<(usize, usize)> {
        Ok(self.get(py)?.rank_and_size())
    }

    /// Runs `steps` steps without the interpreter lock, in chunks; between chunks calls
    /// `progress(done, steps)` if given and checks for Ctrl-C (KeyboardInterrupt stops the
    /// run after the current chunk, with the steps done so far kept).
    #[pyo3(signature = (steps, progress=None))]
    fn run_steps(
        &mut self,
        py: Python<'_>,
        steps: u64,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<()> {
        let chunk = (steps / 100).clamp(1, 10_000);
        let dt = self.get(py)?.grid().dt();
        let mut done = 0;
        while done < steps {
            let k = chunk.min(steps - done);
            let r = self.get_mut(py)?;
            // `k * dt` seconds round back to exactly `k` steps (TimeGrid::steps_for).
            py.detach(|| r.run(k as f64 * dt)).py(py)?;
            done += k;
            if let Some(cb) = &progress {
                cb.call1(py, (done, steps))?;
            }
            py.check_signals()?;
        }
        Ok(())
    }

    /// Steps done so far.
    #[getter]
    fn steps_done(&self, py: Python<'_>) -> PyResult<u64> {
        Ok(self.get(py)?.steps_done())
    }

    /// Simulated time so far, seconds.
    #[getter]
    fn time(&self, py: Python<'_>) -> PyResult<f64> {
        Ok(self.get(py)?.time())
    }

    /// Step, seconds.
    #[getter]
    fn dt(&self, py: Python<'_>) -> PyResult<f64> {
        Ok(self.get(py)?.grid().dt())
    }

    /// Worker threads.
    #[getter]
    fn threads(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.get(py)?.threads())
    }

    /// Synapses built.
    #[getter]
    fn n_synapses(&self, py: Python<'_>) -> PyResult<u64> {
        Ok(self.get(py)?.n_synapses())
    }

    /// Seconds spent building.
    #[getter]
    fn build_seconds(&self, py: Python<'_>) -> PyResult<f64> {
        Ok(self.get(py)?.build_seconds())
    }

    /// Spikes of population `p` so far.
    fn spike_count(&self, py: Python<'_>, p: usize) -> PyResult<u64> {
        let r = self.get(py)?;
        if p >= r.network().populations().len() {
            return Err(pyo3::exceptions::PyIndexError::new_err(format!(
                "population {p} out of range"
            )));
        }
        Ok(r.spike_count(p))
    }

    /// `(times, ids, t_start, t_end)` of spike monitor `m`, from record `start` on.
    #[pyo3(signature = (m, start=0))]
    fn spike_data<'py>(
        &self,
        py: Python<'py>,
        m: usize,
        start: usize,
    ) -> PyResult<SpikeTuple<'py>> {
        Ok(spike_tuple(py, self.get(py)?.spike_data(m).py(py)?, start))
    }

    /// `(times, values T × k, indices)` of state monitor `m`, from sample `start` on.
    #[pyo3(signature = (m, start=0))]
    fn state_data<'py>(
        &self,
        py: Python<'py>,
        m: usize,
        start: usize,
    ) -> PyResult<StateTuple<'py>> {
        state_tuple(py, self.get(py)?.state_data(m).py(py)?, start)
    }

    /// `(times, weights T × k, synapse indices)` of weight monitor `m`, from sample `start`
    /// on.
    #[pyo3(signature = (m, start=0))]
    fn weight_data<'py>(
        &self,
        py: Python<'py>,
        m: usize,
        start: usize,
    ) -> PyResult<StateTuple<'py>> {
        state_tuple(py, self.get(py)?.weight_data(m).py(py)?, start)
    }

    /// `(counts per bin, bin seconds)` of rate monitor `m` (bins aligned at t = 0).
    fn rate_data<'py>(
        &self,
        py: Python<'py>,
        m: usize,
    ) -> PyResult<(Bound<'py, PyArray1<u64>>, f64)> {
        Ok(rate_tuple(py, self.get(py)?.rate_data(m).py(py)?))
    }

    /// Current values of state variable `variable` of population `p`.
    fn state<'py>(
        &self,
        py: Python<'py>,
        p: usize,
        variable: &str,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Ok(PyArray1::from_vec(
            py,
            self.get(py)?.state(p, variable).py(py)?,
        ))
    }

    /// Sets state variable `variable` of population `p` (one value per neuron).
    fn set_state(
        &mut self,
        py: Python<'_>,
        p: usize,
        variable: &str,
        values: PyReadonlyArray1<'_, f64>,
    ) -> PyResult<()> {
        let v: Vec<f64> = values.as_array().iter().copied().collect();
        self.get_mut(py)?.set_state(p, variable, &v).py(py)
    }

    /// Current weights of projection `j` (in the order of its CSR).
    fn weights<'py>(&self, py: Python<'py>, j: usize) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Ok(PyArray1::from_vec(py, self.get(py)?.weights(j).py(py)?))
    }

    /// Replaces the weights of projection `j`.
    fn set_weights(
        &mut self,
        py: Python<'_>,
        j: usize,
        weights: PyReadonlyArray1<'_, f64>,
    ) -> PyResult<()> {
        let w: Vec<f64> = weights.as_array().iter().copied().collect();
        self.get_mut(py)?.set_weights(j, &w).py(py)
    }

    /// The connectivity of projection `j` with its current weights.
    fn connectivity<'py>(&self, py: Python<'py>, j: usize) -> PyResult<CsrArrays<'py>> {
        let r = self.get(py)?;
        let mut c = r.network().connectivity(j).py(py)?;
        let w = r.weights(j).py(py)?;
        c.weights_mut().copy_from_slice(&w);
        Ok(csr_arrays(py, c))
    }
}

impl Runner {
    fn get(&self, py: Python<'_>) -> PyResult<&NetworkRunner> {
        self.inner
            .as_ref()
            .ok_or_else(closed)
            .map_err(|e| crate::errors::to_py(py, e))
    }

    fn get_mut(&mut self, py: Python<'_>) -> PyResult<&mut NetworkRunner> {
        self.inner
            .as_mut()
            .ok_or_else(closed)
            .map_err(|e| crate::errors::to_py(py, e))
    }
}

fn closed() -> Error {
    Error::invalid(
        "Network",
        "its engine was closed (the MPI backend finalises MPI at exit); build a new network",
    )
}

/// A monitor record for the Python backend: the recorders of `sc-neurocore-monitors`, so that
/// both backends produce their results with the same code.
#[pyclass(module = "sc_neurocore._native")]
pub struct Recorder {
    kind: RecorderKind,
    n: usize,
    grid: TimeGrid,
    steps_done: u64,
}

enum RecorderKind {
    Spikes(SpikeRecorder),
    State(StateRecorder),
    Rate(RateRecorder),
}

#[pymethods]
impl Recorder {
    /// Spikes of a population of `n`, on a grid of `dt`.
    #[staticmethod]
    fn spikes(py: Python<'_>, n: usize, dt: f64) -> PyResult<Self> {
        Ok(Recorder {
            kind: RecorderKind::Spikes(SpikeRecorder::new()),
            n,
            grid: TimeGrid::new(dt).py(py)?,
            steps_done: 0,
        })
    }

    /// `variable` of neurons `indices` (None = all) of a population `label` of `n`, every
    /// `interval` seconds (None = every step).
    #[staticmethod]
    #[pyo3(signature = (label, variable, n, dt, indices=None, interval=None))]
    fn state(
        py: Python<'_>,
        label: &str,
        variable: String,
        n: usize,
        dt: f64,
        indices: Option<Vec<usize>>,
        interval: Option<f64>,
    ) -> PyResult<Self> {
        let grid = TimeGrid::new(dt).py(py)?;
        let object = format!("StateMonitor of '{label}'");
        if let Some(ix) = &indices
            && let Some((k, &i)) = ix.iter().enumerate().find(|&(_, &i)| i >= n)
        {
            return Err(Error::out_of_range(
                &object,
                format!("indices[{k}]"),
                i,
                format!("[0, {n})"),
            ))
            .py(py);
        }
        if let Some(iv) = interval {
            sc_neurocore_core::check_value(
                &object,
                "interval",
                iv,
                sc_neurocore_core::ValueRange::Positive,
            )
            .py(py)?;
        }
        let rec = StateRecorder::new(variable, indices, n, interval, &grid)
            .map_err(|e| relabel(e, &object))
            .py(py)?;
        Ok(Recorder {
            kind: RecorderKind::State(rec),
            n,
            grid,
            steps_done: 0,
        })
    }

    /// Weights of synapses `synapses` (CSR indices; None = all) of a projection `label` of
    /// `nnz` synapses, every `interval` seconds (None = every step), with the engine's checks
    /// and messages; recorded with `record_state` from the projection's weights.
    #[staticmethod]
    #[pyo3(signature = (label, nnz, dt, synapses=None, interval=None))]
    fn weights(
        py: Python<'_>,
        label: &str,
        nnz: usize,
        dt: f64,
        synapses: Option<Vec<usize>>,
        interval: Option<f64>,
    ) -> PyResult<Self> {
        let grid = TimeGrid::new(dt).py(py)?;
        let object = format!("WeightMonitor of '{label}'");
        if let Some(ix) = &synapses
            && let Some((j, &k)) = ix.iter().enumerate().find(|&(_, &k)| k >= nnz)
        {
            return Err(Error::out_of_range(
                &object,
                format!("synapses[{j}]"),
                k,
                format!("[0, {nnz}) (the projection's synapses)"),
            ))
            .py(py);
        }
        let rec = StateRecorder::new("weight", synapses, nnz, interval, &grid)
            .map_err(|e| relabel(e, &object))
            .py(py)?;
        Ok(Recorder {
            kind: RecorderKind::State(rec),
            n: nnz,
            grid,
            steps_done: 0,
        })
    }

    /// Population rate of a population `label` of `n` in bins of `bin` seconds.
    #[staticmethod]
    fn rate(py: Python<'_>, label: &str, n: usize, dt: f64, bin: f64) -> PyResult<Self> {
        let grid = TimeGrid::new(dt).py(py)?;
        let object = format!("RateMonitor of '{label}'");
        sc_neurocore_core::check_value(
            &object,
            "bin",
            bin,
            sc_neurocore_core::ValueRange::Positive,
        )
        .py(py)?;
        let rec = RateRecorder::new(n, bin, &grid, 0)
            .map_err(|e| relabel(e, &object))
            .py(py)?;
        Ok(Recorder {
            kind: RecorderKind::Rate(rec),
            n,
            grid,
            steps_done: 0,
        })
    }

    /// Whether a state sample is due at `step`.
    fn wants(&self, step: u64) -> bool {
        match &self.kind {
            RecorderKind::State(r) => r.wants(step),
            _ => false,
        }
    }

    /// Records the spikes of step `step` (population-local ids, ascending).
    fn record_spikes(&mut self, step: u64, ids: PyReadonlyArray1<'_, u32>) {
        let ids = ids.as_array();
        match &mut self.kind {
            RecorderKind::Spikes(r) => match ids.as_slice() {
                Some(s) => r.record(step, s),
                None => r.record(step, &ids.to_vec()),
            },
            RecorderKind::Rate(r) => r.record(step, ids.len()),
            RecorderKind::State(_) => {}
        }
        self.steps_done = self.steps_done.max(step + 1);
    }

    /// Records the state sample of step `step` from the whole population's variable.
    fn record_state(
        &mut self,
        py: Python<'_>,
        step: u64,
        values: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let v = f64_vec(py, values, "values")?;
        if v.len() != self.n {
            return Err(Error::shape("StateMonitor", "values", v.len(), self.n)).py(py);
        }
        if let RecorderKind::State(r) = &mut self.kind {
            r.record(step, &v);
        }
        Ok(())
    }

    /// Marks `steps` steps as done (the span of spike and rate records).
    fn set_steps_done(&mut self, steps: u64) {
        self.steps_done = steps;
    }

    /// As `Runner.spike_data`.
    #[pyo3(signature = (start=0))]
    fn spike_data<'py>(&self, py: Python<'py>, start: usize) -> PyResult<SpikeTuple<'py>> {
        match &self.kind {
            RecorderKind::Spikes(r) => Ok(spike_tuple(
                py,
                r.clone().finish(&self.grid, self.n, 0..self.steps_done),
                start,
            )),
            _ => Err(Error::invalid("Recorder", "is not a spike recorder")).py(py),
        }
    }

    /// As `Runner.state_data`.
    #[pyo3(signature = (start=0))]
    fn state_data<'py>(&self, py: Python<'py>, start: usize) -> PyResult<StateTuple<'py>> {
        match &self.kind {
            RecorderKind::State(r) => state_tuple(py, r.clone().finish(&self.grid), start),
            _ => Err(Error::invalid("Recorder", "is not a state recorder")).py(py),
        }
    }

    /// As `Runner.rate_data`.
    fn rate_data<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyArray1<u64>>, f64)> {
        match &self.kind {
            RecorderKind::Rate(r) => Ok(rate_tuple(
                py,
                r.clone().finish(&self.grid, self.steps_done),
            )),
            _ => Err(Error::invalid("Recorder", "is not a rate recorder")).py(py),
        }
    }
}

fn relabel(e: Error, object: &str) -> Error {
    match e {
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
    }
}

/// `(name, unit, doc)` of every synaptic variable a state monitor can record besides a
/// model's state (`sc_neurocore_runner::SYNAPTIC_VARIABLES`).
#[pyfunction]
fn synaptic_variables() -> Vec<(&'static str, &'static str, &'static str)> {
    sc_neurocore_runner::SYNAPTIC_VARIABLES
        .iter()
        .map(|v| (v.name, v.unit, v.doc))
        .collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(synaptic_variables, m)?)?;
    m.add_function(wrap_pyfunction!(check_synapse, m)?)?;
    m.add_function(wrap_pyfunction!(synapse_key, m)?)?;
    m.add_function(wrap_pyfunction!(nmda_block, m)?)?;
    m.add_class::<NmdaGating>()?;
    m.add_function(wrap_pyfunction!(check_dt, m)?)?;
    m.add_function(wrap_pyfunction!(steps_for, m)?)?;
    m.add_function(wrap_pyfunction!(delay_steps, m)?)?;
    m.add_class::<NetworkSpec>()?;
    m.add_class::<Runner>()?;
    m.add_class::<Recorder>()?;
    m.add("HAS_MPI", HAS_MPI)?;
    Ok(())
}
