//! `cargo xtask ci`: formatting, lints, every test, the doc build, and the command line's
//! output contract (`../shared/checks/cli_contract.py`) on the release binary.

use crate::util::{cargo, root, sh};
use std::process::Command;

pub fn run_ci() -> Result<(), String> {
    sh(&mut cargo(&["fmt", "--all", "--", "--check"]))?;
    crate::codegen::run(&["--check".to_string()])?;
    sh(&mut cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    sh(&mut cargo(&["test", "--workspace", "--release"]))?;
    let mut doc = cargo(&["doc", "--workspace", "--no-deps"]);
    doc.env("RUSTDOCFLAGS", "-D warnings");
    sh(&mut doc)?;
    sh(&mut cargo(&[
        "build",
        "--release",
        "-p",
        "sc-neurocore",
        "--bin",
        "sc-neurocore",
    ]))?;
    let contract = root().join("../shared/checks/cli_contract.py");
    let bin = root().join("target/release/sc-neurocore");
    if contract.is_file() {
        sh(Command::new("python3")
            .arg(&contract)
            .arg(&bin)
            .args(["--duration", "0.2"]))?;
    } else {
        return Err(format!(
            "{} is missing: CI needs shared/ beside the checkout",
            contract.display()
        ));
    }
    Ok(())
}

pub fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err(format!("ci takes no arguments, got {args:?}"));
    }
    run_ci()
}
