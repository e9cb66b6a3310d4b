//! Every entry of `ZOO`, whatever it is: its metadata is complete, its small instance and
//! its showcase run build, its statistics can be measured, its name is a Python identifier
//! (Python makes `configs.NAME` from it), and settings are checked with clear messages.
//! Where the showcase run is cheap (PING, the synfire chain), the declared statistic is
//! measured there and compared with the declared published value at the tolerance of the
//! network's own test.

use sc_neurocore_runner::{MonitorSpec, NetworkRunner, RunConfig};
use sc_neurocore_zoo::{Outcome, ZOO, ZooEntry, lookup};

const PYTHON_KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Networks whose size is fixed by their trained weights, with that size: their small
/// instance is small in what it runs (one image), not in neurons.
const FIXED_SIZE: [(&str, usize); 1] = [("mnist_classifier", 784 + 4000 + 10)];

/// Runs `entry` built with `settings` for `duration` s at `dt`, every population recorded.
fn run(
    entry: &ZooEntry,
    settings: &[(&str, f64)],
    duration: f64,
    dt: f64,
) -> (NetworkRunner, Vec<usize>) {
    let mut net = (entry.build)(settings, 1).unwrap();
    let monitors: Vec<usize> = (0..net.populations().len())
        .map(|p| {
            net.add_monitor(MonitorSpec::Spikes { population: p })
                .unwrap()
        })
        .collect();
    let mut r = NetworkRunner::new(&net, RunConfig { dt, threads: 2 }).unwrap();
    r.run(duration).unwrap();
    (r, monitors)
}

#[test]
fn metadata_is_complete_and_names_are_python_identifiers() {
    let mut names = std::collections::HashSet::new();
    for z in ZOO {
        assert!(names.insert(z.name), "{}: duplicate name", z.name);
        let ident = z
            .name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
            && z.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        assert!(ident && !PYTHON_KEYWORDS.contains(&z.name), "{}", z.name);
        assert!(!z.summary.is_empty(), "{}", z.name);
        assert_eq!(z.whole.len(), z.params.len(), "{}", z.name);
        for p in z.params {
            assert!(
                !p.doc.is_empty() && !p.unit.is_empty(),
                "{} {}",
                z.name,
                p.name
            );
            assert!(
                !["seed", "record"].contains(&p.name),
                "{}: Python's keyword",
                z.name
            );
        }
        assert!(z.default_run.0 > 0.0 && z.default_run.1 > 0.0, "{}", z.name);
        if let Some(r) = z.reproduces {
            assert!(
                !r.paper.is_empty() && !r.statistics.is_empty(),
                "{}",
                z.name
            );
            assert!(r.run.0 > 0.0 && r.run.1 > 0.0, "{}", z.name);
            assert!(
                0.0 <= r.window.0 && r.window.0 < r.window.1 && r.window.1 <= r.run.0,
                "{}: window {:?} outside the run {:?}",
                z.name,
                r.window,
                r.run
            );
            for s in r.statistics {
                assert!(!s.name.is_empty() && !s.unit.is_empty() && !s.source.is_empty());
                assert!(
                    s.published.is_none_or(f64::is_finite),
                    "{} {}",
                    z.name,
                    s.name
                );
            }
            // The showcase settings are valid: the description builds.
            (z.build)(r.settings, 1).unwrap();
        }
    }
}

#[test]
fn small_instances_are_small_and_their_statistics_can_be_measured() {
    for z in ZOO {
        let net = (z.build)(z.small, 1).unwrap();
        let limit = FIXED_SIZE
            .iter()
            .find(|f| f.0 == z.name)
            .map_or(2000, |f| f.1);
        assert!(
            net.n_neurons() <= limit,
            "{}: the small instance has {} neurons; declare `small: {{ ... }}` in its \
             zoo_network! (settings for a few hundred neurons)",
            z.name,
            net.n_neurons()
        );
        let (r, monitors) = run(z, z.small, 0.05, z.default_run.1);
        let o = Outcome::new(z, z.small, &r, &monitors).unwrap();
        if let Some(rep) = z.reproduces {
            for (s, v) in rep.statistics.iter().zip(o.measure(rep)) {
                assert!(v.is_none_or(f64::is_finite), "{} {}: {v:?}", z.name, s.name);
            }
        }
    }
}

/// The declared headline statistic of `name`'s showcase run, seed 1.
fn headline(name: &str) -> (f64, f64) {
    let z = lookup(name).unwrap();
    let rep = z.reproduces.unwrap();
    let (r, monitors) = run(z, rep.settings, rep.run.0, rep.run.1);
    let o = Outcome::new(z, rep.settings, &r, &monitors).unwrap();
    let s = &rep.statistics[0];
    ((s.measure)(&o).unwrap(), s.published.unwrap())
}

#[test]
fn ping_rhythm_is_its_declared_value() {
    // tests/ping.rs: every seed within 10 % of the synchronous solution's frequency.
    let (measured, published) = headline("ping");
    assert!(
        (measured - published).abs() <= 0.1 * published,
        "PING: {measured} Hz, declared {published} Hz"
    );
}

#[test]
fn synfire_packet_is_its_declared_value() {
    // tests/synfire.rs: every run's packet size in the last groups within [80, 115].
    let (measured, published) = headline("synfire");
    assert_eq!(published, 100.0);
    assert!(
        (80.0..=115.0).contains(&measured),
        "synfire: {measured} spikes"
    );
}

#[test]
fn settings_are_checked_with_clear_messages() {
    let brunel = lookup("brunel").unwrap();
    let err = |s: &[(&str, f64)]| (brunel.build)(s, 1).unwrap_err().to_string();
    assert_eq!(
        err(&[("gain", 1.0)]),
        "zoo 'brunel': unknown parameter 'gain'; known: order, n_exc, n_inh, epsilon, g, eta, \
         j, delay, tau_m, theta, v_reset, t_ref"
    );
    assert_eq!(
        err(&[("order", 50.5)]),
        "zoo 'brunel': order = 50.5 is out of range; valid range: whole numbers in [1, \
         100000000] (a count)"
    );
    assert_eq!(
        err(&[("delay", 0.0015)]),
        "zoo 'brunel': delay = 0.0015 is out of range; valid range: 0 or at least 0.01 ms in \
         magnitude; delay is in ms and 0.0015 looks like seconds (delay = 1.5 for 0.0015 s)"
    );
    assert_eq!(
        err(&[("g", -1.0)]),
        "zoo 'brunel': g = -1 is out of range; valid range: [0, inf)"
    );
    // Zero and values from 0.01 ms on are fine.
    (brunel.build)(&[("order", 20.0), ("delay", 0.0), ("t_ref", 0.01)], 1).unwrap();
}

#[test]
fn brunel_sizes_are_settable_directly() {
    let brunel = lookup("brunel").unwrap();
    let net = (brunel.build)(&[("n_exc", 300.0), ("n_inh", 70.0)], 1).unwrap();
    let sizes: Vec<usize> = net.populations().iter().map(|p| p.n).collect();
    assert_eq!(sizes, [300, 70]);
    // One of them set: the other from `order`.
    let net = (brunel.build)(&[("order", 30.0), ("n_inh", 7.0)], 1).unwrap();
    let sizes: Vec<usize> = net.populations().iter().map(|p| p.n).collect();
    assert_eq!(sizes, [120, 7]);
    // Explicit sizes in the 4:1 ratio build the `order` network (brunel_pinned.rs pins it).
    let a = (brunel.build)(&[("order", 50.0)], 4).unwrap();
    let b = (brunel.build)(&[("n_exc", 200.0), ("n_inh", 50.0)], 4).unwrap();
    for j in 0..a.projections().len() {
        let (ca, cb) = (a.connectivity(j).unwrap(), b.connectivity(j).unwrap());
        assert_eq!(ca.indptr(), cb.indptr());
        assert_eq!(ca.indices(), cb.indices());
        assert_eq!(ca.weights(), cb.weights());
    }
}
