#![doc = include_str!("../README.md")]

mod brunel;
mod coba;
mod compte_ring;
mod cuba;
pub mod define;
pub mod docs;
mod half_centre;
mod microcircuit;
pub mod mnist_classifier;
mod ping;
mod polychronization;
pub mod reproduce;
mod stdp;
mod synfire;
mod wang_decision;

pub use brunel::{
    BRUNEL, BRUNEL_AI, BRUNEL_SI_FAST, BRUNEL_SI_SLOW, BRUNEL_SR, BrunelParams, brunel,
};
pub use coba::{COBA, CobaParams, coba};
pub use compte_ring::{
    COMPTE_RING, CompteRingParams, angular_distance, compte_ring, pops as compte_pops,
};
pub use cuba::{CUBA, CubaParams, cuba};
pub use half_centre::{HALF_CENTRE, HalfCentreParams, half_centre};
pub use microcircuit::{
    CONN_PROBS, FULL_MEAN_RATES, K_EXT, MICROCIRCUIT, MICROCIRCUIT_POPULATIONS, MicrocircuitParams,
    N_FULL, V0_MEAN_OPTIMIZED, V0_SD_OPTIMIZED, microcircuit,
};
pub use mnist_classifier::{MNIST_CLASSIFIER, MnistClassifierParams, mnist_classifier};
pub use ping::{PING, PingParams, ping};
pub use polychronization::{POLYCHRONIZATION, PolychronizationParams, polychronization};
pub use reproduce::{Outcome, Output, Reproduction, Statistic};
pub use stdp::{STDP, StdpNetParams, stdp};
pub use synfire::{SYNFIRE, SynfireParams, synfire};
pub use wang_decision::{WANG_DECISION, WangDecisionParams, pops as wang_pops, wang_decision};

use sc_neurocore_core::{Error, ParamSpec, Result};
use sc_neurocore_runner::Network;

/// One setting given to a zoo network (`--set key=value`).
pub type ZooSetting<'a> = (&'a str, f64);

/// A zoo network: its name, what it is, its settable parameters, what it reproduces and its
/// builder.
#[derive(Debug, Clone, Copy)]
pub struct ZooEntry {
    /// Name (`brunel`).
    pub name: &'static str,
    /// One paragraph on what it is and where it comes from.
    pub summary: &'static str,
    /// Settable parameters.
    pub params: &'static [ParamSpec],
    /// Whether each parameter (in the order of `params`) is a count, whose settings must be
    /// whole numbers.
    pub whole: &'static [bool],
    /// Suggested run settings: (duration s, dt s).
    pub default_run: (f64, f64),
    /// Settings over the defaults that make a small instance (a few hundred neurons, built and
    /// run in a fraction of a second) for quick checks: tests and examples. Empty when the
    /// defaults are small already.
    pub small: &'static [ZooSetting<'static>],
    /// What the network reproduces (paper, statistics and their published values, the run
    /// that shows them), if declared.
    pub reproduces: Option<&'static Reproduction>,
    /// What a run gives item by item beside the statistics (a classifier's labels), if
    /// declared; `sc-neurocore run` prints them and writes them to `summary.json`.
    pub outputs: &'static [Output],
    /// Builds the network with `settings` over the defaults, seeded with `seed`.
    pub build: fn(&[ZooSetting<'_>], u64) -> Result<Network>,
}

/// Every zoo network.
pub static ZOO: &[&ZooEntry] = &[
    &BRUNEL,
    &BRUNEL_SR,
    &BRUNEL_AI,
    &BRUNEL_SI_FAST,
    &BRUNEL_SI_SLOW,
    &CUBA,
    &COBA,
    &MICROCIRCUIT,
    &STDP,
    &SYNFIRE,
    &PING,
    &HALF_CENTRE,
    &POLYCHRONIZATION,
    &WANG_DECISION,
    &COMPTE_RING,
    &MNIST_CLASSIFIER,
];

/// The zoo network called `name`.
pub fn lookup(name: &str) -> Result<&'static ZooEntry> {
    ZOO.iter()
        .copied()
        .find(|z| z.name == name)
        .ok_or_else(|| Error::unknown("zoo", "network", name, ZOO.iter().map(|z| z.name)))
}
