#![doc = include_str!("../README.md")]

pub mod conventions;
mod rates;

pub use rates::{cv_isi, firing_rate, isi};
