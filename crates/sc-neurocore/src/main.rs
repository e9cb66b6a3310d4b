//! The `sc-neurocore` command line (DESIGN.md §6).

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cli;

/// sc-neurocore: simulate spiking neural networks.
#[derive(Debug, Parser)]
#[command(name = "sc-neurocore", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a network: a TOML description, or a zoo network (default: brunel).
    Run(cli::run::RunArgs),
    /// List the neuron model catalogue.
    Models {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// List the zoo networks and their settable parameters.
    Zoo,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => cli::run::run(args),
        Command::Models { json } => cli::models::print(json),
        Command::Zoo => cli::models::print_zoo(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
