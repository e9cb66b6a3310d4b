//! Per-synapse weight and delay distributions of generated projections
//! (`Connectivity::GeneratedNormal`, `Delay::Normal`): the engine's tables hold exactly the
//! weights `Network::connectivity` describes, the draws follow the truncated normal, the
//! tables cost 14 bytes per synapse, and bad distributions are rejected with exact messages.
//! (Thread and rank invariance: the mixed network of `determinism.rs` has both kinds.)

use sc_neurocore_core::Result;
use sc_neurocore_plasticity::StdpParams;
use sc_neurocore_runner::{
    Connectivity, Delay, Network, NetworkRunner, ProjectionSpec, RunConfig, TruncatedNormal,
};
use sc_neurocore_topology::{ConnectOptions, Topology};
use statrs::distribution::{Continuous, ContinuousCDF, Normal};

const CFG: RunConfig = RunConfig {
    dt: 1e-4,
    threads: 2,
};

fn net_with(topology: Topology, weight: TruncatedNormal, delay: Delay) -> Result<Network> {
    let mut net = Network::new(5);
    let a = net.add_population("a", "lif", 900, &[])?;
    let b = net.add_population("b", "lif", 1100, &[])?;
    net.add_projection(
        ProjectionSpec::new(
            "a->b",
            a,
            b,
            Connectivity::GeneratedNormal {
                topology,
                weight,
                options: ConnectOptions::default(),
            },
        )
        .delay(delay),
    )?;
    Ok(net)
}

fn moments(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    (
        m,
        (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / n).sqrt(),
    )
}

#[test]
fn tables_hold_the_described_weights() {
    let w = TruncatedNormal::new(2.0, 0.5, 1.0, 3.5);
    let d = Delay::Normal(TruncatedNormal::new(
        1.5e-3,
        0.75e-3,
        0.05e-3,
        f64::INFINITY,
    ));
    for topology in [
        Topology::FixedTotalNumber { total: 200_000 },
        Topology::FixedIndegree { indegree: 150 },
        Topology::Random { probability: 0.2 },
        Topology::FixedOutdegree { outdegree: 200 },
    ] {
        let net = net_with(topology, w, d.clone()).unwrap();
        let csr = net.connectivity(0).unwrap();
        for threads in [1, 2, 3] {
            let r = NetworkRunner::new(&net, RunConfig { dt: 1e-4, threads }).unwrap();
            assert_eq!(r.n_synapses(), csr.nnz() as u64);
            assert_eq!(r.weights(0).unwrap(), csr.weights(), "{topology} {threads}");
        }
        let ws = csr.weights();
        assert!(ws.iter().all(|&x| (1.0..=3.5).contains(&x)));
        // A normal(2, 0.5) truncated to [1, 3.5] (alpha = -2, beta = 3): mean 2.0271, sd
        // 0.4656 (from the standard formulas with phi and Phi).
        let (m, sd) = moments(ws);
        let se = 0.4656 / (ws.len() as f64).sqrt();
        assert!((m - 2.0271).abs() < 5.0 * se + 1e-4, "{topology}: mean {m}");
        assert!((sd / 0.4656 - 1.0).abs() < 0.01, "{topology}: sd {sd}");
    }
}

#[test]
fn keeping_sign_and_constant_distributions() {
    let net = net_with(
        Topology::FixedTotalNumber { total: 50_000 },
        TruncatedNormal::keeping_sign(-1.0, 1.0),
        Delay::Uniform(1e-3),
    )
    .unwrap();
    let csr = net.connectivity(0).unwrap();
    assert!(csr.weights().iter().all(|&x| x <= 0.0));
    assert_eq!(csr.nnz(), 50_000);
    // sd = 0: every weight is the mean.
    let net = net_with(
        Topology::FixedIndegree { indegree: 10 },
        TruncatedNormal::new(0.25, 0.0, 0.0, 1.0),
        Delay::Uniform(1e-3),
    )
    .unwrap();
    let r = NetworkRunner::new(&net, CFG).unwrap();
    assert!(r.weights(0).unwrap().iter().all(|&x| x == 0.25));
}

#[test]
fn drawn_delays_cost_two_bytes_per_synapse() {
    let total = 400_000;
    let w = TruncatedNormal::new(1.0, 0.1, 0.0, f64::INFINITY);
    let bytes = |delay: Delay| {
        let net = net_with(Topology::FixedTotalNumber { total }, w, delay).unwrap();
        NetworkRunner::new(&net, CFG).unwrap().synapse_bytes() as f64 / total as f64
    };
    let uniform = bytes(Delay::Uniform(1e-3));
    let drawn = bytes(Delay::Normal(TruncatedNormal::new(
        1e-3,
        0.5e-3,
        0.05e-3,
        f64::INFINITY,
    )));
    // A u32 target and an f64 weight (plus row pointers), and a u16 delay.
    assert!((12.0..12.5).contains(&uniform), "{uniform}");
    assert!((drawn - uniform - 2.0).abs() < 1e-9, "{drawn} {uniform}");
}

#[test]
fn drawn_delays_act_at_their_rounded_steps() {
    // One source, 400 synapses onto 400 targets with delays ~ U-ish normal in [0.05, 5] ms:
    // each target's input arrives at its own delay. Targets fire once from a large weight;
    // the first spike time of each target, minus the source's, spans the drawn delays.
    let mut net = Network::new(9);
    let a = net
        .add_population("a", "lif", 1, &[("i_e", 2000.0.into())])
        .unwrap();
    let b = net.add_population("b", "lif", 400, &[]).unwrap();
    net.add_projection(
        ProjectionSpec::new(
            "a->b",
            a,
            b,
            Connectivity::GeneratedNormal {
                topology: Topology::AllToAll,
                weight: TruncatedNormal::new(100.0, 0.0, 100.0, 100.0),
                options: ConnectOptions::default(),
            },
        )
        .delay(Delay::Normal(TruncatedNormal::new(
            2e-3, 1e-3, 0.05e-3, 5e-3,
        ))),
    )
    .unwrap();
    let ma = net
        .add_monitor(sc_neurocore_runner::MonitorSpec::Spikes { population: a })
        .unwrap();
    let mb = net
        .add_monitor(sc_neurocore_runner::MonitorSpec::Spikes { population: b })
        .unwrap();
    let mut r = NetworkRunner::new(&net, CFG).unwrap();
    r.run(0.02).unwrap();
    let t0 = r.spike_data(ma).unwrap().times()[0];
    let sb = r.spike_data(mb).unwrap();
    let mut first = vec![f64::INFINITY; 400];
    for (&t, &i) in sb.times().iter().zip(sb.ids()) {
        let i = i as usize;
        first[i] = first[i].min(t);
    }
    let lags: Vec<f64> = first.iter().map(|t| (t - t0) * 1e3).collect();
    assert!(
        lags.iter().all(|&l| l.is_finite()),
        "every target is reached"
    );
    let steps: Vec<i64> = lags.iter().map(|l| (l * 10.0).round() as i64).collect();
    assert!(steps.iter().all(|&s| (1..=50).contains(&s)), "{steps:?}");
    let distinct: std::collections::BTreeSet<i64> = steps.iter().copied().collect();
    assert!(distinct.len() > 20, "delays vary: {distinct:?}");
    // The delays are normal(2, 1) ms truncated to [0.05, 5] ms, whose mean is
    // 2 + (phi(a) - phi(b)) / (Phi(b) - Phi(a)) = 2.0567 ms (a = -1.95, b = 3) and sd
    // 0.925 ms; each is rounded to the 0.1 ms grid (no bias for a smooth density, to
    // O(dt^2)). The mean over 400 targets within 5 standard errors (0.046 ms each).
    let unit = Normal::standard();
    let (a, b) = (-1.95, 3.0);
    let z = unit.cdf(b) - unit.cdf(a);
    let shift = (unit.pdf(a) - unit.pdf(b)) / z;
    let var = 1.0 + (a * unit.pdf(a) - b * unit.pdf(b)) / z - shift * shift;
    let (mean, se) = (2.0 + shift, var.sqrt() / (lags.len() as f64).sqrt());
    let (m, _) = moments(&lags);
    assert!(
        (m - mean).abs() < 5.0 * se,
        "mean lag {m} ms, truncated normal {mean} ms (se {se})"
    );
}

#[test]
fn bad_distributions_are_rejected() {
    let fi = Topology::FixedIndegree { indegree: 10 };
    let ok_w = TruncatedNormal::new(1.0, 0.1, 0.0, 2.0);
    let d1 = Delay::Uniform(1e-3);
    let cases: Vec<(Result<Network>, &str)> = vec![
        (
            net_with(fi, TruncatedNormal::new(1.0, -0.1, 0.0, 2.0), d1.clone()),
            "Projection 'a->b': weight.sd = -0.1 is out of range; valid range: [0, inf)",
        ),
        (
            net_with(
                fi,
                TruncatedNormal::new(f64::NAN, 0.1, 0.0, 2.0),
                d1.clone(),
            ),
            "Projection 'a->b': weight.mean = NaN is out of range; valid range: \
             any finite number",
        ),
        (
            net_with(fi, TruncatedNormal::new(3.0, 0.1, 0.0, 2.0), d1.clone()),
            "Projection 'a->b': weight.mean = 3 is out of range; valid range: \
             [weight.min, weight.max] = [0, 2]",
        ),
        (
            net_with(
                fi,
                TruncatedNormal::new(1.0, 0.1, f64::NAN, 2.0),
                d1.clone(),
            ),
            "Projection 'a->b': weight.min = NaN is out of range; valid range: [-inf, inf]",
        ),
        (
            net_with(fi, TruncatedNormal::new(1.0, 0.1, 1.0, 1.0), d1.clone()),
            "Projection 'a->b': weight: min = max = 1 leaves nothing to draw for sd = 0.1 > 0; \
             use sd = 0 for a constant",
        ),
        (
            net_with(
                fi,
                ok_w,
                Delay::Normal(TruncatedNormal::new(-1e-3, 1e-3, -2e-3, 1.0)),
            ),
            "Projection 'a->b': delay.min = -0.002 is out of range; valid range: [0, inf)",
        ),
        (
            net_with(
                fi,
                ok_w,
                Delay::Normal(TruncatedNormal::new(1e-3, 1e-3, 2e-3, 1.0)),
            ),
            "Projection 'a->b': delay.mean = 0.001 is out of range; valid range: \
             [delay.min, delay.max] = [0.002, 1]",
        ),
    ];
    for (got, want) in cases {
        match got {
            Ok(_) => panic!("expected {want:?}"),
            Err(e) => assert_eq!(e.to_string(), want),
        }
    }
    // STDP needs one initial weight.
    let mut net = net_with(fi, ok_w, d1.clone()).unwrap();
    let e = net
        .add_projection(
            ProjectionSpec::new(
                "plastic",
                0,
                1,
                Connectivity::GeneratedNormal {
                    topology: fi,
                    weight: ok_w,
                    options: ConnectOptions::default(),
                },
            )
            .stdp(StdpParams::default()),
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Projection 'plastic': online STDP needs one initial weight or explicit weights, \
         not a weight distribution"
    );
    // Checked when the runner is built: a window nobody can hit, a delay beyond the rings.
    let tiny = TruncatedNormal::new(0.0, 1e6, -1.0, 1.0);
    let net = net_with(fi, tiny, d1).unwrap();
    let e = NetworkRunner::new(&net, CFG).err().unwrap();
    assert_eq!(
        e.to_string(),
        "Projection 'a->b': weight: 1000 draws of normal(0, 1000000) in a row fell outside \
         [-1, 1]; widen the interval or lower the sd"
    );
    let long = Delay::Normal(TruncatedNormal::new(7.0, 0.0, 7.0, 7.0));
    let net = net_with(fi, ok_w, long).unwrap();
    let e = NetworkRunner::new(&net, CFG).err().unwrap();
    assert_eq!(
        e.to_string(),
        "Projection 'a->b': delay = 7 is out of range; valid range: [0, 6.5536] s at dt = 0.0001 s"
    );
}

#[test]
fn set_weights_keeps_the_drawn_delays() {
    // After set_weights the description is explicit, with the delays that were drawn: a
    // runner built from it gives the same spikes as the one whose weights were set.
    let mut net = Network::new(4);
    let a = net
        .add_population("a", "lif", 300, &[("i_e", 1000.0.into())])
        .unwrap();
    net.add_projection(
        ProjectionSpec::new(
            "a->a",
            a,
            a,
            Connectivity::GeneratedNormal {
                topology: Topology::FixedTotalNumber { total: 6000 },
                weight: TruncatedNormal::keeping_sign(0.5, 0.1),
                options: ConnectOptions::default(),
            },
        )
        .delay(Delay::Normal(TruncatedNormal::new(
            2e-3,
            1e-3,
            0.05e-3,
            f64::INFINITY,
        ))),
    )
    .unwrap();
    let m = net
        .add_monitor(sc_neurocore_runner::MonitorSpec::Spikes { population: a })
        .unwrap();
    let mut r = NetworkRunner::new(&net, CFG).unwrap();
    let w: Vec<f64> = r.weights(0).unwrap().iter().map(|w| 2.0 * w).collect();
    r.set_weights(0, &w).unwrap();
    assert!(matches!(
        r.network().projections()[0].delay,
        Delay::PerSynapse(_)
    ));
    let mut again = NetworkRunner::new(r.network(), CFG).unwrap();
    r.run(0.05).unwrap();
    again.run(0.05).unwrap();
    let (x, y) = (r.spike_data(m).unwrap(), again.spike_data(m).unwrap());
    assert!(x.count() > 100, "{}", x.count());
    assert_eq!(x.times(), y.times());
    assert_eq!(x.ids(), y.ids());
}
