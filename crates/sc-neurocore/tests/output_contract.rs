//! The output contract of `sc-neurocore run --out DIR` (README.md, "--out DIR writes"): what
//! scripts that read our results may rely on. The default network runs twice
//! with the same seed, on one and on two threads; each run must write
//!
//! * `summary.json` with every documented field, of its documented JSON type, whose
//!   per-population figures add up to the totals and whose `duration_s` is the one asked for;
//! * `spikes.npz` with the 1-D arrays `t` (float64, s), `i` (uint64, global id) and `pop`
//!   (uint32, population index), one entry per spike, sorted by (t, i), times inside the run,
//!   ids and population indices inside the network;
//! * `raster.png`, a PNG;
//!
//! and the two runs' spikes must be identical (same seed, same spikes for any thread count).
//! It checks the format, not the network's statistics (crates/zoo/tests do).

use ndarray::Array1;
use ndarray_npy::NpzReader;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const DURATION: f64 = 0.2;

/// The JSON type a field must have.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A whole number.
    Count,
    /// Any number (a whole number is a valid float in JSON).
    Number,
    Text,
    List,
    /// A number or null (an ISI CV needs two spikes of one neuron).
    NumberOrNull,
}

const SUMMARY: [(&str, Kind); 13] = [
    ("neurons", Kind::Count),
    ("synapses", Kind::Count),
    ("spikes", Kind::Count),
    ("duration_s", Kind::Number),
    ("dt_s", Kind::Number),
    ("seed", Kind::Count),
    ("threads", Kind::Count),
    ("ranks", Kind::Count),
    ("backend", Kind::Text),
    ("build_s", Kind::Number),
    ("sim_s", Kind::Number),
    ("peak_rss_bytes", Kind::Count),
    ("populations", Kind::List),
];

const POPULATION: [(&str, Kind); 6] = [
    ("label", Kind::Text),
    ("model", Kind::Text),
    ("n", Kind::Count),
    ("spikes", Kind::Count),
    ("rate_hz", Kind::Number),
    ("cv_isi", Kind::NumberOrNull),
];

fn check_kind(object: &str, field: &str, value: Option<&Value>, kind: Kind) {
    let v = value.unwrap_or_else(|| panic!("{object} lacks '{field}'"));
    let ok = match kind {
        Kind::Count => v.is_u64(),
        Kind::Number => v.is_number(),
        Kind::Text => v.is_string(),
        Kind::List => v.is_array(),
        Kind::NumberOrNull => v.is_number() || v.is_null(),
    };
    assert!(ok, "{object} '{field}' = {v} is not {kind:?}");
}

/// Runs the default network into a fresh directory; returns it.
fn run(threads: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "scn-output-contract-{}-{threads}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_sc-neurocore"))
        .args(["run", "--seed", "5", "--threads", &threads.to_string()])
        .args(["--duration", &DURATION.to_string(), "--out"])
        .arg(&dir)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

struct Spikes {
    t: Array1<f64>,
    i: Array1<u64>,
    pop: Array1<u32>,
}

/// Checks one run's directory against the contract; returns its summary and spikes.
fn check_outputs(dir: &Path) -> (Value, Spikes) {
    for f in ["summary.json", "spikes.npz", "raster.png"] {
        let len = std::fs::metadata(dir.join(f)).map_or(0, |m| m.len());
        assert!(len > 0, "{f} missing or empty in {}", dir.display());
    }
    let s: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    for (field, kind) in SUMMARY {
        check_kind("summary.json", field, s.get(field), kind);
    }
    let pops = s["populations"].as_array().unwrap();
    for p in pops {
        for (field, kind) in POPULATION {
            check_kind("a population in summary.json", field, p.get(field), kind);
        }
    }
    let total = |f: &str| pops.iter().map(|p| p[f].as_u64().unwrap()).sum::<u64>();
    assert_eq!(
        total("n"),
        s["neurons"].as_u64().unwrap(),
        "population sizes"
    );
    assert_eq!(
        total("spikes"),
        s["spikes"].as_u64().unwrap(),
        "spike counts"
    );
    assert_eq!(s["duration_s"].as_f64().unwrap(), DURATION);

    let png = std::fs::read(dir.join("raster.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "raster.png is not a PNG");

    // Reading each array with its declared type checks its dtype and that it is 1-D.
    let mut npz = NpzReader::new(std::fs::File::open(dir.join("spikes.npz")).unwrap()).unwrap();
    let mut names = npz.names().unwrap();
    names.sort();
    assert_eq!(names, ["i", "pop", "t"]);
    let spikes = Spikes {
        t: npz.by_name("t").expect("t: 1-D float64"),
        i: npz.by_name("i").expect("i: 1-D uint64"),
        pop: npz.by_name("pop").expect("pop: 1-D uint32"),
    };
    let n = s["spikes"].as_u64().unwrap() as usize;
    assert_eq!(
        (spikes.t.len(), spikes.i.len(), spikes.pop.len()),
        (n, n, n)
    );
    assert!(n > 0, "the default network is active");
    for k in 1..n {
        assert!(
            (spikes.t[k - 1], spikes.i[k - 1]) <= (spikes.t[k], spikes.i[k]),
            "spikes not sorted by (t, i) at {k}"
        );
    }
    assert!(spikes.t.iter().all(|&t| (0.0..=DURATION).contains(&t)));
    let neurons = s["neurons"].as_u64().unwrap();
    assert!(spikes.i.iter().all(|&i| i < neurons));
    assert!(spikes.pop.iter().all(|&p| (p as usize) < pops.len()));
    // A spike's population is the one whose id range holds its neuron.
    let mut first = vec![0u64];
    for p in pops {
        first.push(first.last().unwrap() + p["n"].as_u64().unwrap());
    }
    for (&i, &p) in spikes.i.iter().zip(&spikes.pop) {
        assert!(
            (first[p as usize]..first[p as usize + 1]).contains(&i),
            "neuron {i} in population {p}"
        );
    }
    (s, spikes)
}

#[test]
fn run_outputs_keep_their_contract_and_do_not_depend_on_threads() {
    let (one, two) = (run(1), run(2));
    let (s1, a) = check_outputs(&one);
    let (s2, b) = check_outputs(&two);
    assert_eq!(
        (s1["threads"].as_u64(), s2["threads"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(a.t, b.t);
    assert_eq!(a.i, b.i);
    assert_eq!(a.pop, b.pop);
    let _ = std::fs::remove_dir_all(one);
    let _ = std::fs::remove_dir_all(two);
}
