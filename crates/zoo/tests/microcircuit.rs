//! The Potjans & Diesmann (2014) microcircuit at NEST's reduced size (scale = k_scale = 0.1:
//! 7,717 neurons, 3 million synapses) against NEST 3.10 running its own example at that size.
//!
//! Reference: `reference/microcircuit_nest/rates_0.1.json`, written by
//! `scripts/reference/microcircuit_nest.py` (the example, github.com/INM-6/microcircuit-PD14-model
//! `PyNEST/src/microcircuit`, with N_scaling = K_scaling = 0.1 and Poisson background, seeds
//! 1..N). Rate, as the example computes it: the spikes with t in [t_presim, t_presim + t_sim]
//! = [0.5, 1.5] s (ends included) / (n × 1 s), silent neurons included.
//!
//! Tolerance: both simulators draw a population's rate from a seed-to-seed distribution, so
//! the difference of the means over seeds must lie within 3 standard errors of that
//! difference, sqrt(sd_ours² / n_ours + sd_nest² / n_nest). With few seeds each standard
//! deviation is itself uncertain, so each is floored at 2 % of NEST's mean.
//! Runs in 43 s in release on 2 shared cores (load average 8; 4 seeds, each 1.5 s simulated
//! at 7,717 neurons and 3 M synapses); run the suite with `--release` (as `cargo xtask ci`
//! does).

use sc_neurocore_runner::{MonitorSpec, NetworkRunner, RunConfig};
use sc_neurocore_zoo::{MICROCIRCUIT_POPULATIONS, MicrocircuitParams};
use serde_json::Value;

/// Our seeds.
const SEEDS: u64 = 4;
/// Warm-up and end of the rate window (s), as the example's t_presim and t_presim + t_sim.
const WINDOW: (f64, f64) = (0.5, 1.5);

fn rates(seed: u64) -> [f64; 8] {
    let settings = [("scale", 0.1), ("k_scale", 0.1)];
    let mut net =
        (sc_neurocore_zoo::lookup("microcircuit").unwrap().build)(&settings, seed).unwrap();
    assert_eq!(
        net.populations().iter().map(|p| p.n).collect::<Vec<_>>(),
        [2068, 583, 2192, 548, 485, 106, 1440, 295],
        "NEST's num_neurons (np.round: 106.5 -> 106)"
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
    r.run(WINDOW.1).unwrap();
    let eps = 1e-9;
    let mut out = [0.0; 8];
    for (k, &m) in monitors.iter().enumerate() {
        let d = r.spike_data(m).unwrap();
        let n = d
            .times()
            .iter()
            .filter(|&&t| t >= WINDOW.0 - eps && t <= WINDOW.1 + eps)
            .count();
        out[k] = n as f64 / (d.n() as f64 * (WINDOW.1 - WINDOW.0));
    }
    out
}

fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    (m, var.sqrt())
}

#[test]
fn reduced_microcircuit_rates_match_nest() {
    let path = format!(
        "{}/../../reference/microcircuit_nest/rates_0.1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
    )
    .unwrap();
    let n_nest = reference["seeds"].as_array().unwrap().len() as f64;
    assert!(n_nest >= 3.0, "{path}: {n_nest} seeds");
    let runs: Vec<[f64; 8]> = (1..=SEEDS).map(rates).collect();
    let mut report = String::new();
    let mut failed = false;
    for (k, name) in MICROCIRCUIT_POPULATIONS.iter().enumerate() {
        let nest = &reference["rates_hz"][name];
        let (m_nest, sd_nest) = (nest["mean"].as_f64().unwrap(), nest["sd"].as_f64().unwrap());
        let ours: Vec<f64> = runs.iter().map(|r| r[k]).collect();
        let (m_ours, sd_ours) = mean_sd(&ours);
        let floor = 0.02 * m_nest;
        let se = (sd_ours.max(floor).powi(2) / SEEDS as f64 + sd_nest.max(floor).powi(2) / n_nest)
            .sqrt();
        let ok = (m_ours - m_nest).abs() <= 3.0 * se;
        failed |= !ok;
        report += &format!(
            "{name}: ours {m_ours:.3} ± {sd_ours:.3}, NEST {m_nest:.3} ± {sd_nest:.3}, \
             difference {:+.3} (3 se = {:.3}){}\n",
            m_ours - m_nest,
            3.0 * se,
            if ok { "" } else { "  <- FAILS" }
        );
    }
    eprint!("{report}");
    assert!(!failed, "rates (Hz, mean ± sd over seeds):\n{report}");
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
    // NEST's example at N_scaling = K_scaling = 0.1 (its derived values, written by
    // scripts/reference/microcircuit_nest.py to the reference file).
    let path = format!(
        "{}/../../reference/microcircuit_nest/rates_0.1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let reference: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let d = &reference["derived"];
    let nest_sizes: Vec<usize> = serde_json::from_value(d["num_neurons"].clone()).unwrap();
    assert_eq!(p.sizes().to_vec(), nest_sizes);
    let nest_syn: Vec<Vec<usize>> = serde_json::from_value(d["num_synapses"].clone()).unwrap();
    assert_eq!(p.synapses().map(|r| r.to_vec()).to_vec(), nest_syn);
    let (w, w_ext, dc) = p.weights_and_dc();
    let nest_w: Vec<Vec<f64>> = serde_json::from_value(d["weight_matrix_mean_pA"].clone()).unwrap();
    for i in 0..8 {
        for j in 0..8 {
            assert!((w[i][j] - nest_w[i][j]).abs() < 1e-9, "w[{i}][{j}]");
        }
    }
    assert!((w_ext - d["weight_ext_pA"].as_f64().unwrap()).abs() < 1e-9);
    let nest_dc: Vec<f64> = serde_json::from_value(d["DC_amp_pA"].clone()).unwrap();
    for k in 0..8 {
        assert!(
            (dc[k] - nest_dc[k]).abs() < 1e-9 * nest_dc[k].abs(),
            "DC {k}: {} vs {}",
            dc[k],
            nest_dc[k]
        );
        let (m, s) = p.v0(k);
        assert_eq!(m, d["V0_mean"][k].as_f64().unwrap());
        assert_eq!(s, d["V0_std"][k].as_f64().unwrap());
    }
    let n: usize = p.synapses().iter().flatten().sum();
    assert!((n as f64 - total * 0.01).abs() < 64.0, "{n}");
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
