//! The `brunel` network's spikes, pinned: a seeded run of the default network (and of a
//! small one) gives exactly these spikes. Any change to how `brunel` is built (its parameters,
//! its order of projections and stimuli, its random streams) that changes them fails here;
//! the values were recorded before the network gained its `n_exc` / `n_inh` parameters (which
//! left them unchanged), and re-recorded when the Poisson drive started at t = D as NEST's
//! example has it (fewer spikes in the first 30-50 ms, as expected: no input before 1.5 ms).

use sc_neurocore_runner::{MonitorSpec, NetworkRunner, RunConfig};

/// (spike count, FNV-1a hash of every (time bits, id)) of each population after `steps`.
fn fingerprint(settings: &[(&str, f64)], seed: u64, steps: u64) -> Vec<(usize, u64)> {
    let entry = sc_neurocore_zoo::lookup("brunel").unwrap();
    let mut net = (entry.build)(settings, seed).unwrap();
    let monitors: Vec<usize> = (0..net.populations().len())
        .map(|p| {
            net.add_monitor(MonitorSpec::Spikes { population: p })
                .unwrap()
        })
        .collect();
    let mut r = NetworkRunner::new(
        &net,
        RunConfig {
            dt: 1e-4,
            threads: 2,
        },
    )
    .unwrap();
    r.run(steps as f64 * 1e-4).unwrap();
    monitors
        .iter()
        .map(|&m| {
            let d = r.spike_data(m).unwrap();
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for (t, i) in d.times().iter().zip(d.ids()) {
                for x in [t.to_bits(), u64::from(*i)] {
                    h ^= x;
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
            (d.count(), h)
        })
        .collect()
}

#[test]
fn default_brunel_spikes_are_pinned() {
    let got = fingerprint(&[], 1, 300);
    assert_eq!(got, PINNED_DEFAULT);
}

#[test]
fn small_brunel_spikes_are_pinned() {
    let got = fingerprint(&[("order", 50.0)], 4, 500);
    assert_eq!(got, PINNED_SMALL);
}

const PINNED_DEFAULT: [(usize, u64); 2] =
    [(8545, 5689979564421859710), (2118, 5441800480070988152)];
const PINNED_SMALL: [(usize, u64); 2] = [(575, 5695166739154288234), (140, 13906451280287404789)];
