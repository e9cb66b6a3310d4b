//! Recording beyond spikes: the synaptic variables of a population's input channels
//! (`gsyn_exc`, `gsyn_inh`, `gsyn_nmda`, `isyn`) and the weights of a projection during a
//! run (`MonitorSpec::Weights`), checked against computations that do not use the monitors:
//! the recorded conductances and currents against the analytic sum of each arrival's
//! kernel at the recorded spike times, the recorded weights against the weights read after
//! each step of a run cut into one-step runs. Both are the same for any number of threads
//! or ranks, and every state variable of every catalogue model is recordable.

use sc_neurocore_core::{Csr, ThreadRanks};
use sc_neurocore_neurons::{MODELS, ParamValue};
use sc_neurocore_plasticity::StdpParams;
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, NetworkRunner, ProjectionSpec, RunConfig,
    SynapseKind, TruncatedNormal,
};
use sc_neurocore_stimuli::PoissonInput;
use sc_neurocore_topology::{ConnectOptions, Topology};

const DT: f64 = 1e-4;

fn all_to_all(weight: f64) -> Connectivity {
    Connectivity::Generated {
        topology: Topology::AllToAll,
        weight,
        options: ConnectOptions::default(),
    }
}

/// One synapse's kernel at `t` seconds after its arrival.
type Kernel = fn(f64) -> f64;

/// Sources firing regularly onto a silent target through two conductance kinds (excitatory
/// and inhibitory reversal potentials), an exponential and an alpha current.
struct Channels {
    net: Network,
    /// (source population's spike monitor, weight, delay s, kernel, synaptic variable).
    inputs: Vec<(usize, f64, f64, Kernel, &'static str)>,
    /// State monitor of each synaptic variable, in `VARS` order.
    monitors: Vec<usize>,
}

const VARS: [&str; 3] = ["gsyn_exc", "gsyn_inh", "isyn"];

fn channels() -> Channels {
    let mut net = Network::new(5);
    let drive = |i_e: f64| [("i_e", ParamValue::Scalar(i_e))];
    let e = net.add_population("e", "lif", 2, &drive(600.0)).unwrap();
    let i = net.add_population("i", "lif", 3, &drive(800.0)).unwrap();
    // Heavy leak-free silence: the target never fires, its channels only integrate.
    let tgt = net.add_population("tgt", "lif", 4, &[]).unwrap();
    let add = |net: &mut Network, src, w: f64, d: f64, kind| {
        net.add_projection(
            ProjectionSpec::new(
                format!("p{}", net.projections().len()),
                src,
                tgt,
                all_to_all(w),
            )
            .synapse(kind)
            .delay(Delay::Uniform(d)),
        )
        .unwrap();
    };
    add(
        &mut net,
        e,
        2.0,
        1.5e-3,
        SynapseKind::Conductance {
            tau_syn: 5e-3,
            e_rev: 0.0,
        },
    );
    add(
        &mut net,
        i,
        3.0,
        1e-3,
        SynapseKind::Conductance {
            tau_syn: 10e-3,
            e_rev: -80.0,
        },
    );
    add(
        &mut net,
        e,
        40.0,
        0.7e-3,
        SynapseKind::Exponential { tau_syn: 2e-3 },
    );
    add(
        &mut net,
        i,
        -25.0,
        2e-3,
        SynapseKind::Alpha { tau_syn: 3e-3 },
    );
    let se = net
        .add_monitor(MonitorSpec::Spikes { population: e })
        .unwrap();
    let si = net
        .add_monitor(MonitorSpec::Spikes { population: i })
        .unwrap();
    let monitors = VARS
        .iter()
        .map(|v| {
            net.add_monitor(MonitorSpec::State {
                population: tgt,
                variable: v.to_string(),
                indices: Some(vec![3, 0]),
                interval: None,
            })
            .unwrap()
        })
        .collect();
    Channels {
        net,
        inputs: vec![
            (se, 2.0, 1.5e-3, |t| (-t / 5e-3).exp(), "gsyn_exc"),
            (si, 3.0, 1e-3, |t| (-t / 10e-3).exp(), "gsyn_inh"),
            (se, 40.0, 0.7e-3, |t| (-t / 2e-3).exp(), "isyn"),
            (
                si,
                -25.0,
                2e-3,
                |t| t / 3e-3 * (1.0 - t / 3e-3).exp(),
                "isyn",
            ),
        ],
        monitors,
    }
}

/// A recorded conductance or current is the sum, over the spikes of every source (all to
/// all), of the weight times the kernel at the time since the spike's arrival (its time
/// plus the delay): NEST's and Brian2's exact solution, sampled at the start of each step.
#[test]
fn synaptic_variables_are_the_sum_of_each_arrivals_kernel() {
    let c = channels();
    let mut r = NetworkRunner::new(&c.net, RunConfig { dt: DT, threads: 2 }).unwrap();
    r.run(0.03).unwrap();
    r.run(0.02).unwrap(); // records continue across runs
    for (v, &m) in VARS.iter().zip(&c.monitors) {
        let data = r.state_data(m).unwrap();
        assert_eq!(data.shape(), (500, 2), "{v}");
        assert_eq!(data.indices(), &[3, 0]);
        let mut largest: f64 = 0.0;
        for (row, &t) in data.times().iter().enumerate() {
            let mut want = 0.0;
            for &(mon, w, d, kernel, var) in &c.inputs {
                if var != *v {
                    continue;
                }
                for &ts in r.spike_data(mon).unwrap().times() {
                    let since = t - (ts + d);
                    if since >= -DT / 2.0 {
                        want += w * kernel(since.max(0.0));
                    }
                }
            }
            largest = largest.max(want.abs());
            for col in 0..2 {
                let got = data.values()[row * 2 + col];
                assert!(
                    (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                    "{v} at t = {t}: recorded {got}, analytic {want}"
                );
            }
        }
        assert!(
            largest > 1.0,
            "{v}: the sources drove the channel ({largest})"
        );
    }
    // The population's current state is the next run's first sample.
    let now = r.state(2, "gsyn_inh").unwrap();
    let mut more = r;
    more.run(DT).unwrap();
    let last = more.state_data(c.monitors[1]).unwrap();
    assert_eq!(last.values()[500 * 2..], [now[3], now[0]]);
}

#[test]
fn synaptic_variables_do_not_depend_on_threads_or_ranks() {
    let record = |r: &NetworkRunner, c: &Channels| -> Vec<Vec<f64>> {
        c.monitors
            .iter()
            .map(|&m| r.state_data(m).unwrap().values().to_vec())
            .collect()
    };
    let c = channels();
    let mut one = NetworkRunner::new(&c.net, RunConfig { dt: DT, threads: 1 }).unwrap();
    one.run(0.02).unwrap();
    let want = record(&one, &c);
    let handles: Vec<_> = ThreadRanks::group(3)
        .into_iter()
        .map(|comm| {
            std::thread::spawn(move || {
                let c = channels();
                let mut r = NetworkRunner::with_communicator(
                    &c.net,
                    RunConfig { dt: DT, threads: 2 },
                    Box::new(comm),
                )
                .unwrap();
                r.run(0.02).unwrap();
                record(&r, &c)
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), want);
    }
}

#[test]
fn nmda_conductance_is_recordable() {
    let mut net = Network::new(2);
    let src = net
        .add_population("src", "lif", 3, &[("i_e", ParamValue::Scalar(700.0))])
        .unwrap();
    let tgt = net.add_population("tgt", "lif", 2, &[]).unwrap();
    net.add_projection(
        ProjectionSpec::new("nmda", src, tgt, all_to_all(0.5)).synapse(SynapseKind::NMDA_WANG_2002),
    )
    .unwrap();
    let m = net
        .add_monitor(MonitorSpec::State {
            population: tgt,
            variable: "gsyn_nmda".into(),
            indices: None,
            interval: Some(1e-3),
        })
        .unwrap();
    let mut r = NetworkRunner::new(&net, RunConfig { dt: DT, threads: 1 }).unwrap();
    r.run(0.1).unwrap();
    let d = r.state_data(m).unwrap();
    assert_eq!(d.shape(), (100, 2));
    // Every target gets the same input; the conductance builds up from zero.
    assert_eq!(d.values()[0], 0.0);
    assert!(d.column(0).iter().any(|&g| g > 0.1));
    assert_eq!(d.column(0), d.column(1));
}

#[test]
fn every_state_variable_of_every_catalogue_model_is_recordable() {
    for model in MODELS.iter() {
        let mut net = Network::new(1);
        let p = net.add_population("p", model.name, 2, &[]).unwrap();
        let monitors: Vec<usize> = model
            .state
            .iter()
            .map(|s| {
                net.add_monitor(MonitorSpec::State {
                    population: p,
                    variable: s.name.into(),
                    indices: None,
                    interval: None,
                })
                .unwrap()
            })
            .collect();
        let mut r = NetworkRunner::new(&net, RunConfig { dt: DT, threads: 1 }).unwrap();
        r.run(3.0 * DT).unwrap();
        // The state now is the next run's first sample: the samples are the kernel's own
        // values, read where it keeps them.
        let before: Vec<Vec<f64>> = model
            .state
            .iter()
            .map(|s| r.state(p, s.name).unwrap())
            .collect();
        r.run(DT).unwrap();
        for ((s, &m), now) in model.state.iter().zip(&monitors).zip(&before) {
            let d = r.state_data(m).unwrap();
            assert_eq!(d.shape(), (4, 2), "{}.{}", model.name, s.name);
            let last = &d.values()[6..];
            // NaN-safe comparison of the bits.
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(last), bits(now), "{}.{}", model.name, s.name);
        }
    }
}

#[test]
fn synaptic_variable_errors_name_the_population_and_what_it_can_record() {
    let mut net = Network::new(1);
    let a = net.add_population("exc", "lif", 3, &[]).unwrap();
    let e = net
        .add_monitor(MonitorSpec::State {
            population: a,
            variable: "ge".into(),
            indices: None,
            interval: None,
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "StateMonitor of 'exc': unknown variable 'ge'; known: v, refractory, gsyn_exc, \
         gsyn_inh, gsyn_nmda, isyn"
    );
    net.add_projection(ProjectionSpec::new("ee", a, a, all_to_all(1.0)).synapse(
        SynapseKind::Conductance {
            tau_syn: 5e-3,
            e_rev: 0.0,
        },
    ))
    .unwrap();
    net.add_monitor(MonitorSpec::State {
        population: a,
        variable: "gsyn_inh".into(),
        indices: None,
        interval: None,
    })
    .unwrap();
    let e = NetworkRunner::new(&net, RunConfig { dt: DT, threads: 1 })
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        "StateMonitor of 'exc': no synapses onto it make 'gsyn_inh' (conductance of the \
         `conductance` synapses with e_rev <= -40 mV (inhibitory)); its synaptic variables: \
         [gsyn_exc]"
    );
}

/// Pre and post populations driven by Poisson input, three projections: plastic generated
/// (delay 0.3 ms: spikes are routed three steps at a time), plastic explicit, static drawn.
fn plastic_net(seed: u64) -> (Network, Vec<usize>) {
    let mut net = Network::new(seed);
    let pre = net.add_population("pre", "lif", 30, &[]).unwrap();
    let post = net.add_population("post", "lif", 20, &[]).unwrap();
    for (p, n) in [(pre, 30), (post, 20)] {
        net.add_stimulus(
            &format!("drive{p}"),
            PoissonInput::new(n, 900.0, 4.0).unwrap().into(),
            Some(p),
            SynapseKind::Delta,
        )
        .unwrap();
    }
    let stdp = StdpParams {
        a_plus: 0.05,
        a_minus: 0.06,
        ..StdpParams::default()
    };
    net.add_projection(
        ProjectionSpec::new(
            "gen",
            pre,
            post,
            Connectivity::Generated {
                topology: Topology::Random { probability: 0.3 },
                weight: 0.5,
                options: ConnectOptions::default(),
            },
        )
        .delay(Delay::Uniform(3e-4))
        .stdp(stdp),
    )
    .unwrap();
    // Rows whose targets are not sorted: table order differs from a sorted walk.
    let rows: Vec<Vec<(u32, f64)>> = (0..30)
        .map(|s| {
            (0..5)
                .map(|k| (((s * 7 + 13 * k) % 20) as u32, 0.4))
                .collect()
        })
        .collect();
    net.add_projection(
        ProjectionSpec::new(
            "csr",
            pre,
            post,
            Connectivity::Explicit(Csr::from_rows(20, rows).unwrap()),
        )
        .delay(Delay::Uniform(1e-4))
        .stdp(stdp),
    )
    .unwrap();
    net.add_projection(ProjectionSpec::new(
        "static",
        pre,
        post,
        Connectivity::GeneratedNormal {
            topology: Topology::FixedIndegree { indegree: 4 },
            weight: TruncatedNormal::new(0.2, 0.05, 0.0, f64::INFINITY),
            options: ConnectOptions::default(),
        },
    ))
    .unwrap();
    let monitors = (0..3)
        .map(|j| {
            net.add_monitor(MonitorSpec::Weights {
                projection: j,
                synapses: None,
                interval: None,
            })
            .unwrap()
        })
        .collect();
    (net, monitors)
}

const STEPS: usize = 300;

/// The sample of step k equals the weights read after a run of k steps (a run ends with
/// every spike routed): the recorded weights are those users got by running in chunks.
#[test]
fn recorded_weights_are_the_weights_after_each_step() {
    let (net, monitors) = plastic_net(11);
    let mut chunked = NetworkRunner::new(&net, RunConfig { dt: DT, threads: 1 }).unwrap();
    let mut after: Vec<Vec<Vec<f64>>> = vec![
        (0..3)
            .map(|j| net.connectivity(j).unwrap().weights().to_vec())
            .collect(),
    ];
    for _ in 0..STEPS {
        chunked.run(DT).unwrap();
        after.push((0..3).map(|j| chunked.weights(j).unwrap()).collect());
    }
    let mut whole = NetworkRunner::new(&net, RunConfig { dt: DT, threads: 2 }).unwrap();
    whole.run(STEPS as f64 * DT / 2.0).unwrap();
    whole.run(STEPS as f64 * DT / 2.0).unwrap();
    for j in 0..3 {
        let d = whole.weight_data(monitors[j]).unwrap();
        let nnz = net.connectivity(j).unwrap().nnz();
        assert_eq!(d.shape(), (STEPS, nnz), "projection {j}");
        assert_eq!(d.indices(), (0..nnz).collect::<Vec<_>>());
        for (k, (sample, want)) in d.values().chunks(nnz).zip(&after).enumerate() {
            assert_eq!(sample, &want[j][..], "projection {j}, step {k}");
        }
        // The weights at the end are the next run's first sample.
        let end = whole.weights(j).unwrap();
        assert_eq!(end, after[STEPS][j]);
    }
    // Plasticity moved the weights (the test would not see a wrong sampling step else).
    let d = whole.weight_data(monitors[0]).unwrap();
    assert_ne!(
        d.values()[..d.shape().1],
        d.values()[(STEPS - 1) * d.shape().1..]
    );
}

#[test]
fn a_selection_and_an_interval_record_those_columns_on_any_split() {
    let run = |comm: Option<ThreadRanks>, threads| {
        let (mut net, _) = plastic_net(4);
        let pick = vec![7, 0, 7, 133];
        let m = net
            .add_monitor(MonitorSpec::Weights {
                projection: 1,
                synapses: Some(pick.clone()),
                interval: Some(5e-4),
            })
            .unwrap();
        let all = net
            .add_monitor(MonitorSpec::Weights {
                projection: 0,
                synapses: None,
                interval: Some(5e-4),
            })
            .unwrap();
        let config = RunConfig { dt: DT, threads };
        let mut r = match comm {
            Some(c) => NetworkRunner::with_communicator(&net, config, Box::new(c)).unwrap(),
            None => NetworkRunner::new(&net, config).unwrap(),
        };
        r.run(0.02).unwrap();
        let full = r.weight_data(all).unwrap();
        let d = r.weight_data(m).unwrap();
        assert_eq!(d.indices(), &pick[..]);
        assert_eq!(d.shape(), (40, 4));
        assert_eq!(d.column(0), d.column(2));
        (
            d.values().to_vec(),
            full.values().to_vec(),
            r.weights(1).unwrap(),
        )
    };
    let one = run(None, 1);
    let handles: Vec<_> = ThreadRanks::group(2)
        .into_iter()
        .map(|c| std::thread::spawn(move || run(Some(c), 2)))
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), one);
    }
}

#[test]
fn weight_monitor_errors() {
    let (mut net, _) = plastic_net(1);
    net.add_monitor(MonitorSpec::Weights {
        projection: 1,
        synapses: Some(vec![0, 150]),
        interval: None,
    })
    .unwrap();
    let e = NetworkRunner::new(&net, RunConfig { dt: DT, threads: 1 })
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        "WeightMonitor of 'csr': synapses[1] = 150 is out of range; valid range: [0, 150) \
         (the projection's synapses)"
    );
    let e = net
        .add_monitor(MonitorSpec::Weights {
            projection: 3,
            synapses: None,
            interval: None,
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "WeightMonitor: projection = 3 is out of range; valid range: [0, 3)"
    );
    let e = net
        .add_monitor(MonitorSpec::Weights {
            projection: 0,
            synapses: None,
            interval: Some(-1.0),
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "WeightMonitor of 'gen': interval = -1 is out of range; valid range: (0, inf)"
    );
    let (mut net, _) = plastic_net(1);
    net.add_monitor(MonitorSpec::Weights {
        projection: 0,
        synapses: None,
        interval: Some(2.5e-4),
    })
    .unwrap();
    let e = NetworkRunner::new(&net, RunConfig { dt: DT, threads: 1 })
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        "WeightMonitor of 'gen': interval = 0.00025 is out of range; valid range: a whole \
         number (>= 1) of steps of dt = 0.0001 s"
    );
}

/// Per-synapse values given after the fact (`Network::set_projection_weights` /
/// `set_projection_delays`, what the Python front end does with arrays and functions) and
/// uniform draws from the projection's own streams.
#[test]
fn per_synapse_weights_and_delays_and_uniform_draws() {
    let (net, _) = plastic_net(9);
    let nnz = net.connectivity(2).unwrap().nnz();
    let u = net.draw_uniform(2, 0.1, 0.3, false).unwrap();
    assert_eq!(u.len(), nnz);
    assert!(u.iter().all(|&w| (0.1..0.3).contains(&w)));
    let mean = u.iter().sum::<f64>() / nnz as f64;
    // 80 draws of U(0.1, 0.3): standard error 0.2 / sqrt(12 * 80) = 0.0065.
    assert!((mean - 0.2).abs() < 4.0 * 0.0065, "mean {mean}");
    assert_eq!(u, net.draw_uniform(2, 0.1, 0.3, false).unwrap());
    assert_ne!(u, net.draw_uniform(2, 0.1, 0.3, true).unwrap());
    let mut with = net.clone();
    with.set_projection_weights(2, &u).unwrap();
    let csr = with.connectivity(2).unwrap();
    assert_eq!(csr.weights(), &u[..]);
    assert_eq!(csr.indices(), net.connectivity(2).unwrap().indices());
    let e = with.set_projection_weights(2, &u[1..]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "Projection 'static': weights has size {}, expected {nnz} (one per synapse, in the \
             order of its CSR)",
            nnz - 1
        )
    );
    let e = with
        .set_projection_weights(0, &vec![2.0; net.connectivity(0).unwrap().nnz()])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Projection 'gen': weights[0] = 2 is out of range; valid range: [0, 1] (the STDP bounds)"
    );
    let mut d = vec![1e-3; nnz];
    d[3] = -1.0;
    let e = with.set_projection_delays(2, &d).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Projection 'static': delays[3] = -1 is out of range; valid range: [0, inf)"
    );
    d[3] = 2e-3;
    with.set_projection_delays(2, &d).unwrap();
    assert_eq!(with.projections()[2].delay, Delay::PerSynapse(d));
    let mut r = NetworkRunner::new(&with, RunConfig { dt: DT, threads: 2 }).unwrap();
    r.run(0.01).unwrap();
    assert_eq!(r.weights(2).unwrap(), u);
}
