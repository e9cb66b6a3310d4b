//! What a neuron model is to the engine: static metadata ([`ModelInfo`]) and a population
//! kernel ([`NeuronKernel`]) that advances struct-of-arrays state by one step.

use crate::Params;
use sc_neurocore_core::{ParamSpec, Result};

/// A state variable of a model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateSpec {
    /// Name (`v`, `u`, `m`, `h`, `n`, `w`, ...).
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// One line on what it is.
    pub doc: &'static str,
}

/// A named parameter set (values for some parameters; the rest keep their defaults).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preset {
    /// Name as the source spells it, snake_case (`regular_spiking`, `chattering`).
    pub name: &'static str,
    /// What it reproduces.
    pub doc: &'static str,
    /// Parameter values.
    pub values: &'static [(&'static str, f64)],
}

/// Why a model declares no `drive`: what a constant input current does to it. The
/// catalogue-wide tests check the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoDrive {
    /// A rate unit, neural mass or readout: it emits no spikes whatever its input; its state
    /// is the output.
    EmitsNoSpikes,
    /// Its spikes do not depend on the input current: a spike source (its own clock or random
    /// process) or a unit driven only by delta-synapse input (a relay, a McCulloch–Pitts
    /// unit).
    IgnoresCurrent,
    /// A binary unit whose spikes are its 0 -> 1 transitions, made at random update times
    /// with probability g(h): transitions are most frequent at g = 1/2, which the default
    /// threshold puts at zero input, so a constant input makes it fire less, not more.
    BinaryUnit,
}

impl NoDrive {
    /// One sentence for the docs.
    pub fn text(self) -> &'static str {
        match self {
            NoDrive::EmitsNoSpikes => "emits no spikes (its state is the output)",
            NoDrive::IgnoresCurrent => "its spikes do not depend on the input current",
            NoDrive::BinaryUnit => {
                "binary unit: its 0 -> 1 transitions (spikes) are most frequent at gain 1/2, \
                 at zero input by default; a constant input makes it fire less"
            }
        }
    }
}

/// Everything a kernel needs when it is built for a run.
#[derive(Debug, Clone)]
pub struct BuildContext<'a> {
    /// Checked parameters for exactly the neurons of this kernel.
    pub params: &'a Params,
    /// Number of neurons.
    pub n: usize,
    /// The network's step, in milliseconds (models integrate in ms).
    pub dt_ms: f64,
    /// Network seed (for models with intrinsic noise; draw via `RngStream` keyed by
    /// `StreamKind::NeuronNoise` and the neuron's global id).
    pub seed: u64,
    /// Global id of the kernel's first neuron.
    pub first_id: u64,
}

/// Static description of a model: the single source for docs, `sc-neurocore models`, the
/// Python classes and the catalogue-wide tests.
#[derive(Debug, Clone, Copy)]
pub struct ModelInfo {
    /// Registry key, snake_case (`lif`, `hodgkin_huxley`).
    pub name: &'static str,
    /// Python class name (`HodgkinHuxleyNeuron`), in module `sc_neurocore.neurons.models.<name>`.
    pub class_name: &'static str,
    /// Family (`integrate_and_fire`, `biophysical`, `simple`, `oscillator`).
    pub family: &'static str,
    /// Equations in one paragraph.
    pub summary: &'static str,
    /// Published source.
    pub citation: &'static str,
    /// Parameters with unit, default, range and doc.
    pub params: &'static [ParamSpec],
    /// State variables; all are recordable.
    pub state: &'static [StateSpec],
    /// Index in `state` of the membrane variable that delta synapses jump and conductance
    /// synapses read.
    pub membrane: usize,
    /// Unit of the input current the model takes (`pA`, `uA/cm^2`, `1`).
    pub input_unit: &'static str,
    /// Named parameter sets from the model's source (e.g. Izhikevich's firing patterns).
    pub presets: &'static [Preset],
    /// Cross-parameter checks beyond each parameter's range (e.g. `v_reset < v_th`); they
    /// include the `less_than` pairs.
    pub validate: fn(&Params, &str) -> Result<()>,
    /// What a delta-synapse weight does to this model when it is not a jump of the membrane
    /// variable (e.g. "adds w to g_ex (w > 0) or -w to g_in (w < 0), nS" for a model with
    /// its own synaptic conductances); `None`: the membrane variable jumps by the weight.
    pub delta_input: Option<&'static str>,
    /// Pairs `(a, b)` of parameters for which `validate` requires `a < b` for every neuron.
    pub less_than: &'static [(&'static str, &'static str)],
    /// Builds a kernel for a run.
    pub build: fn(&BuildContext<'_>) -> Box<dyn NeuronKernel>,
    /// A constant input (in `input_unit`) well above rheobase, which makes the model fire
    /// within tens of ms at default parameters (the catalogue-wide tests, the runner's and the
    /// benchmark drive the model with it); `None` exactly when `no_drive` says why.
    pub drive: Option<f64>,
    /// Why no constant input is the model's `drive` (rate units, spike sources, binary
    /// units); `None` exactly when it has a `drive`.
    pub no_drive: Option<NoDrive>,
    /// Why the model fires at rest with default parameters (spike sources, pacemakers,
    /// intrinsically noisy models), or `None` when it stays silent without input.
    pub spontaneous: Option<&'static str>,
    /// Whether the model draws random numbers (intrinsic noise, point processes): its output
    /// then depends on the network seed.
    pub stochastic: bool,
    /// The Rust module that defines the model (`module_path!()` of its file).
    pub module: &'static str,
}

impl ModelInfo {
    /// The spec of parameter `name`, if the model has it.
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The preset called `name`, if the model has it.
    pub fn preset(&self, name: &str) -> Option<&'static Preset> {
        self.presets.iter().find(|p| p.name == name)
    }

    /// Index of state variable `name`, if the model has it.
    pub fn state_index(&self, name: &str) -> Option<usize> {
        self.state.iter().position(|s| s.name == name)
    }
}

/// Input for one step, per neuron of the kernel.
#[derive(Debug, Clone, Copy)]
pub struct StepInput<'a> {
    /// Instantaneous jumps of the membrane variable due at this step (delta synapses), in the
    /// membrane variable's unit. Models ignore them while refractory, as NEST does.
    pub jump: &'a [f64],
    /// Current held constant over the step (stimuli, current-based and conductance synapses),
    /// in the model's `input_unit`.
    pub current: &'a [f64],
}

/// A population's (or a slice of it) state and parameters, advanced one step at a time.
///
/// The step never fails: everything was checked when the kernel was built.
pub trait NeuronKernel: Send + Sync {
    /// Number of neurons.
    fn len(&self) -> usize;
    /// Whether the kernel has no neuron.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Advances every neuron from t to t + dt and appends the local indices of the neurons
    /// that spiked, in ascending order.
    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>);
    /// State variable `index` (as in `ModelInfo::state`), one value per neuron.
    fn var(&self, index: usize) -> &[f64];
    /// Mutable state variable `index` (to set initial conditions).
    fn var_mut(&mut self, index: usize) -> &mut [f64];
}
