#![doc = include_str!("../README.md")]

mod manual;
mod params;
mod rule;
mod traces;

pub use manual::{ManualStdp, SpikeFlag};
pub use params::{STDP_PARAMS, StdpMode, StdpParams};
pub use rule::{StdpRule, WeightSign, stdp_pair_weight_change};
pub use traces::StdpTraces;

/// The most common imports.
pub mod prelude {
    pub use crate::{ManualStdp, StdpMode, StdpParams, StdpRule, WeightSign};
}
