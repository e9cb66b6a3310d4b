#![doc = include_str!("../README.md")]

mod rates;

pub use rates::{cv_isi, firing_rate, isi};
