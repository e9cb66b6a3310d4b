//! The MPI backend under a real launcher (`mpirun`, Open MPI): the command line run with
//! `--backend mpi` on 1, 2, 3 and 4 ranks writes spikes bit-identical to the shared-memory
//! run of the same seed, for the Brunel network and for the TOML example that uses every
//! synapse kind, STDP, stimuli and monitors. Each run asserts the rank count it expects
//! (`SCN_EXPECT_RANKS`), so a launcher of another MPI (which would start N single-rank copies)
//! fails instead of passing. Needs `--features mpi` and Open MPI (installed by `cargo xtask
//! ci`). The launcher can be overridden with `SCN_MPIEXEC`.
#![cfg(feature = "mpi")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_sc-neurocore");

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("scn-mpi-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn mpirun(ranks: usize, args: &[&str]) -> Output {
    let launcher = std::env::var("SCN_MPIEXEC").unwrap_or_else(|_| "mpirun".into());
    Command::new(launcher)
        .args(["--oversubscribe", "-n", &ranks.to_string(), BIN])
        .args(args)
        .env("SCN_EXPECT_RANKS", ranks.to_string())
        // Running as root (CI) is fine for these tests.
        .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
        .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
        .output()
        .expect("mpirun starts (install Open MPI: libopenmpi-dev openmpi-bin)")
}

fn read(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{}/{file}: {e}", dir.display()))
}

fn summary(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&read(dir, "summary.json")).unwrap()
}

fn check_network(name: &str, args: &[&str]) {
    let reference = tmp(&format!("{name}-rust"));
    let mut a = args.to_vec();
    let out_ref = reference.to_str().unwrap().to_string();
    a.extend(["--out", &out_ref]);
    let o = Command::new(BIN).args(&a).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let spikes = read(&reference, "spikes.npz");
    assert!(
        summary(&reference)["spikes"].as_u64().unwrap() > 100,
        "{name}: too few spikes to compare"
    );
    for ranks in 1..=4 {
        let dir = tmp(&format!("{name}-{ranks}"));
        let out = dir.to_str().unwrap().to_string();
        let mut a = args.to_vec();
        a.extend(["--backend", "mpi", "--threads", "1", "--out", &out]);
        let o = mpirun(ranks, &a);
        assert!(
            o.status.success(),
            "{name}, {ranks} ranks: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let s = summary(&dir);
        assert_eq!(s["ranks"], ranks, "{name}: summary.json reports the ranks");
        assert_eq!(s["backend"], "mpi");
        assert_eq!(
            s["synapses"],
            summary(&reference)["synapses"],
            "{name}: synapses over all ranks"
        );
        assert!(
            read(&dir, "spikes.npz") == spikes,
            "{name}: spikes of {ranks} ranks differ from the shared-memory run"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
    let _ = std::fs::remove_dir_all(reference);
}

#[test]
fn brunel_spikes_are_identical_for_1_to_4_ranks() {
    check_network(
        "brunel",
        &[
            "run",
            "--set",
            "order=400",
            "--duration",
            "0.2",
            "--seed",
            "5",
        ],
    );
}

#[test]
fn every_feature_of_the_toml_example_is_identical_for_1_to_4_ranks() {
    let example = format!(
        "{}/../../examples/two_populations.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    check_network("toml", &["run", &example, "--duration", "0.2"]);
}

#[test]
fn a_launcher_of_another_mpi_is_detected() {
    // What a foreign launcher looks like to this program: its environment announces 3
    // processes, but the world this process joins has 1 rank.
    let o = Command::new(BIN)
        .args([
            "run",
            "--backend",
            "mpi",
            "--set",
            "order=10",
            "--duration",
            "0.01",
        ])
        .env("OMPI_COMM_WORLD_SIZE", "3")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the launcher started 3 processes (OMPI_COMM_WORLD_SIZE) but this MPI world has 1 rank(s)"), "{err}");
}

#[test]
fn an_unexpected_rank_count_is_an_error() {
    let o = Command::new(BIN)
        .args([
            "run",
            "--backend",
            "mpi",
            "--set",
            "order=10",
            "--duration",
            "0.01",
        ])
        .env("SCN_EXPECT_RANKS", "2")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("expected 2 ranks but the MPI world has 1"),
        "{err}"
    );
}
