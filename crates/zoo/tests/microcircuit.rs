//! The Potjans & Diesmann (2014) microcircuit at NEST's reduced size (scale = k_scale = 0.1:
//! 7,718 neurons, 3 million synapses): every population fires within the published range.
//!
//! Reference: the mean rates of the full-scale network that NEST's Potjans_2014 example
//! records in `full_mean_rates` (0.971, 2.868, 4.746, 5.396, 8.142, 9.078, 0.991, 7.523 Hz for
//! L2/3E … L6I; Potjans & Diesmann 2014, Fig. 6, show the same ordering and magnitudes). The
//! reduced network keeps the mean input of the full one (weights / sqrt(k_scale) and a DC
//! current), not its fluctuations, so its rates match only roughly: each population's rate
//! over 1 s (the initial transient included) must lie within a factor of 2 of the full-scale
//! rate, and the layer ordering of the paper must hold (L2/3E and L6E the quietest, below
//! 2 Hz; every inhibitory population faster than the excitatory one of its layer, apart from
//! L5, where the paper's rates are close; L5E the fastest excitatory population).
//! Runs in about 7 s in release on 2 cores (build 3 s, simulation 4 s).

use sc_neurocore_runner::{MonitorSpec, NetworkRunner, RunConfig};
use sc_neurocore_zoo::{FULL_MEAN_RATES, MICROCIRCUIT_POPULATIONS, MicrocircuitParams};

#[test]
fn reduced_microcircuit_rates_are_in_the_published_ranges() {
    let settings = [("scale", 0.1), ("k_scale", 0.1)];
    let mut net = (sc_neurocore_zoo::lookup("microcircuit").unwrap().build)(&settings, 1).unwrap();
    assert_eq!(
        net.populations().iter().map(|p| p.n).collect::<Vec<_>>(),
        [2068, 583, 2192, 548, 485, 107, 1440, 295]
    );
    let monitors: Vec<usize> = (0..8)
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
    r.run(1.0).unwrap();
    let rates: Vec<f64> = monitors
        .iter()
        .map(|&m| {
            let d = r.spike_data(m).unwrap();
            d.count() as f64 / d.n() as f64
        })
        .collect();
    for (k, name) in MICROCIRCUIT_POPULATIONS.iter().enumerate() {
        let (ours, full) = (rates[k], FULL_MEAN_RATES[k]);
        assert!(
            ours >= 0.5 * full && ours <= 2.0 * full,
            "{name}: {ours:.3} Hz, full-scale network {full} Hz (all: {rates:.3?})"
        );
    }
    assert!(rates[0] < 2.0 && rates[6] < 2.0, "{rates:.3?}");
    for layer in [0, 2, 6] {
        assert!(rates[layer + 1] > rates[layer], "{rates:.3?}");
    }
    assert!(
        rates[4] > rates[0] && rates[4] > rates[2] && rates[4] > rates[6],
        "{rates:.3?}"
    );
}

#[test]
fn scaling_follows_nest_example() {
    // NEST's PSC for a 0.15 mV PSP with C_m 250 pF, tau_m 10 ms, tau_syn 0.5 ms: 87.8 pA.
    let psc = 0.15 * MicrocircuitParams::psc_over_psp();
    assert!((psc - 87.81).abs() < 0.01, "{psc}");
    // Full-scale synapse count: about 0.3 billion.
    let total: f64 = MicrocircuitParams::full_synapses().iter().flatten().sum();
    assert!((2.9e8..3.1e8).contains(&total), "{total}");
    let p = MicrocircuitParams {
        scale: 0.1,
        k_scale: 0.1,
        ..Default::default()
    };
    let n: usize = p.synapses().iter().flatten().sum();
    assert!((n as f64 - total * 0.01).abs() < 64.0, "{n}");
    let (w, w_ext, dc) = p.weights_and_dc();
    assert!((w_ext - psc / 0.1f64.sqrt()).abs() < 1e-9);
    assert!(
        (w[0][2] - 2.0 * w_ext).abs() < 1e-9,
        "L4E -> L2/3E is doubled"
    );
    assert!((w[0][1] + 4.0 * w_ext).abs() < 1e-9, "g = -4");
    assert!(dc.iter().all(|&d| d > 0.0), "{dc:?}");
    // The defaults are NEST's reduced size; scale = k_scale = 1 is the full network.
    let default = MicrocircuitParams::default();
    assert_eq!((default.scale, default.k_scale), (0.1, 0.1));
    let full = MicrocircuitParams {
        scale: 1.0,
        k_scale: 1.0,
        ..Default::default()
    };
    assert_eq!(full.weights_and_dc().2, [0.0; 8]);
    assert_eq!(full.sizes().iter().sum::<usize>(), 77_169);
}
