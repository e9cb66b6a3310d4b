//! Tidy: what reviewers would otherwise forget (DESIGN.md §1, STYLE.md).
//! - the dependency direction core <- leaves <- runner <- mpi <- zoo <- facade <- bindings;
//!   leaves never depend on each other;
//! - `pyo3` only in bindings/python, `mpi` only in crates/mpi;
//! - every neuron model file is listed in the registry.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Names of the `[dependencies]` (normal and build, not dev) of a manifest.
fn deps(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_deps = l == "[dependencies]" || l == "[build-dependencies]";
            continue;
        }
        if in_deps
            && !l.starts_with('#')
            && let Some((name, _)) = l.split_once(['=', '.'])
        {
            out.push(name.trim().to_string());
        }
    }
    out
}

#[test]
fn dependency_direction_holds() {
    const LEAVES: [&str; 6] = [
        "neurons",
        "topology",
        "stimuli",
        "plasticity",
        "monitors",
        "analysis",
    ];
    let allowed = |krate: &str| -> Vec<String> {
        let mut a: Vec<String> = vec!["sc-neurocore-core".into()];
        let all_leaves = || LEAVES.iter().map(|l| format!("sc-neurocore-{l}"));
        match krate {
            "core" => a.clear(),
            l if LEAVES.contains(&l) => {}
            "runner" => a.extend(all_leaves().filter(|l| l != "sc-neurocore-analysis")),
            "mpi" => {
                a.extend(all_leaves());
                a.push("sc-neurocore-runner".into());
            }
            "zoo" => {
                a.extend(all_leaves());
                a.extend(["sc-neurocore-runner".into(), "sc-neurocore-mpi".into()]);
            }
            "sc-neurocore" => {
                a.extend(all_leaves());
                a.extend(
                    [
                        "sc-neurocore-runner",
                        "sc-neurocore-mpi",
                        "sc-neurocore-zoo",
                    ]
                    .map(String::from),
                );
            }
            other => panic!("crate '{other}' is not in DESIGN.md §1: add it to this test"),
        }
        a
    };
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        let krate = dir.file_name().unwrap().to_str().unwrap().to_string();
        let ok = allowed(&krate);
        for d in deps(&dir.join("Cargo.toml")) {
            if d.starts_with("sc-neurocore") {
                assert!(
                    ok.contains(&d),
                    "crates/{krate} must not depend on {d} (DESIGN.md §1)"
                );
            }
            assert!(
                d != "pyo3" && d != "numpy",
                "crates/{krate}: pyo3 belongs in bindings/python only"
            );
            assert!(
                d != "mpi" || krate == "mpi",
                "crates/{krate}: mpi belongs in crates/mpi only"
            );
        }
    }
}
