#![doc = include_str!("../README.md")]

mod communicator;

pub use communicator::MpiCommunicator;
