//! Every kind of bad input through the runner API (DESIGN.md §2 "Validation at build time"):
//! each is rejected when the object is added or the runner is built, never later, with a
//! message naming the object, the field, the value and the valid range. Each test compares
//! the whole message, so a message that loses any of the four fails.
//!
//! `n` is a `usize` in the Rust API, so a negative size cannot be written; the front ends
//! convert before calling (`n = 0` and `n > u32::MAX` are the sizes this API can get wrong).

use sc_neurocore_core::{Csr, Result};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_plasticity::StdpParams;
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, NetworkRunner, ProjectionSpec, RunConfig,
    SynapseKind, SynapseOptions,
};
use sc_neurocore_stimuli::{PoissonInput, StepCurrent, TimedArray};
use sc_neurocore_topology::{ConnectOptions, Topology};

/// The error message of `r`, which must be an error.
#[track_caller]
fn check<T: std::fmt::Debug>(r: Result<T>, want: &str) {
    match r {
        Ok(v) => panic!("expected the error {want:?}, got Ok({v:?})"),
        Err(e) => assert_eq!(e.to_string(), want),
    }
}

/// `check` for a runner build (the runner is not `Debug`).
#[track_caller]
fn check_build(net: &Network, config: RunConfig, want: &str) {
    match NetworkRunner::new(net, config) {
        Ok(_) => panic!("expected the error {want:?}, got a runner"),
        Err(e) => assert_eq!(e.to_string(), want),
    }
}

const CFG: RunConfig = RunConfig {
    dt: 1e-4,
    threads: 1,
};

/// A network with `exc` (lif, 10) and `inh` (lif, 4).
fn two_pops() -> Network {
    let mut net = Network::new(1);
    net.add_population("exc", "lif", 10, &[]).unwrap();
    net.add_population("inh", "lif", 4, &[]).unwrap();
    net
}

fn random(p: f64, w: f64) -> Connectivity {
    Connectivity::Generated {
        topology: Topology::Random { probability: p },
        weight: w,
        options: ConnectOptions::default(),
    }
}

/// exc -> inh, explicit: 10 x 4 with one synapse per source.
fn csr_10x4(w: f64) -> Csr {
    Csr::from_rows(4, (0..10).map(|i| vec![(i % 4, w)]).collect()).unwrap()
}

#[test]
fn unknown_model() {
    let e = Network::new(1)
        .add_population("inh", "lif_neuron", 5, &[])
        .unwrap_err()
        .to_string();
    // The closest names first, then where to find the rest of the catalogue.
    assert!(
        e.starts_with("Population 'inh': unknown model 'lif_neuron'; known: "),
        "{e}"
    );
    assert!(e.contains("known: lif, "), "{e}");
    assert!(e.ends_with("lists them)"), "{e}");
}

#[test]
fn unknown_parameter() {
    check(
        Network::new(1).add_population("exc", "lif", 5, &[("tau", 10.0.into())]),
        "Population 'exc' (lif): unknown parameter 'tau'; known: tau_m, c_m, e_l, v_th, \
         v_reset, t_ref, i_e, v_init",
    );
}

#[test]
fn nan_and_infinite_parameters() {
    let mut net = Network::new(1);
    check(
        net.add_population("exc", "lif", 5, &[("tau_m", f64::NAN.into())]),
        "Population 'exc' (lif): tau_m = NaN is out of range; valid range: (0, inf)",
    );
    check(
        net.add_population("exc", "lif", 5, &[("e_l", f64::INFINITY.into())]),
        "Population 'exc' (lif): e_l = inf is out of range; valid range: any finite number",
    );
    check(
        net.add_population(
            "exc",
            "lif",
            3,
            &[("c_m", vec![250.0, f64::NAN, 1.0].into())],
        ),
        "Population 'exc' (lif): c_m[1] = NaN is out of range; valid range: (0, inf)",
    );
    check(
        net.add_population("exc", "lif", 3, &[("t_ref", (-1.0).into())]),
        "Population 'exc' (lif): t_ref = -1 is out of range; valid range: [0, inf)",
    );
    assert!(net.populations().is_empty(), "nothing was added");
}

#[test]
fn population_size() {
    let mut net = Network::new(1);
    check(
        net.add_population("exc", "lif", 0, &[]),
        "Population 'exc' (lif): n = 0 is out of range; valid range: [1, 4294967295]",
    );
    check(
        net.add_population("exc", "lif", 1 << 33, &[]),
        "Population 'exc' (lif): n = 8589934592 is out of range; valid range: [1, 4294967295]",
    );
    net.add_population("exc", "lif", 3, &[]).unwrap();
    check(
        net.add_population("exc", "izhikevich", 3, &[]),
        "Population 'exc' (izhikevich): label 'exc' is already used",
    );
}

#[test]
fn per_neuron_array_of_wrong_length() {
    check(
        Network::new(1).add_population("exc", "lif", 5, &[("v_init", vec![-70.0; 3].into())]),
        "Population 'exc' (lif): v_init has size 3, expected 5",
    );
}

#[test]
fn cross_parameter_rule() {
    check(
        Network::new(1).add_population("exc", "lif", 5, &[("v_reset", ParamValue::Scalar(-50.0))]),
        "Population 'exc' (lif): v_reset = -50 is out of range; valid range: below v_th = -55",
    );
}

#[test]
fn probability_above_one() {
    check(
        Topology::from_name("random", &[("probability", 1.5)]),
        "Topology 'random': probability = 1.5 is out of range; valid range: [0, 1]",
    );
    // Built directly, the projection is rejected when the runner generates it.
    let mut net = two_pops();
    net.add_projection(ProjectionSpec::new("ei", 0, 1, random(1.5, 1.0)))
        .unwrap();
    check_build(
        &net,
        CFG,
        "Projection 'ei': probability = 1.5 is out of range; valid range: [0, 1]",
    );
}

#[test]
fn nan_weights() {
    let mut net = two_pops();
    check(
        net.add_projection(ProjectionSpec::new("ei", 0, 1, random(0.1, f64::NAN))),
        "Projection 'ei': weight = NaN is out of range; valid range: any finite number",
    );
    check(
        Csr::from_rows(4, vec![vec![(0, 1.0), (1, f64::NAN)]]),
        "Csr: data[1] = NaN is out of range; valid range: any finite number",
    );
    // A CSR made non-finite after it was checked (weights_mut is public).
    let mut csr = csr_10x4(1.0);
    csr.weights_mut()[3] = f64::NEG_INFINITY;
    check(
        net.add_projection(ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr))),
        "Projection 'ei': weights[3] = -inf is out of range; valid range: any finite number",
    );
    assert!(net.projections().is_empty());
}

#[test]
fn bad_delays() {
    let mut net = two_pops();
    let p = |d| ProjectionSpec::new("ei", 0, 1, random(0.1, 1.0)).delay(d);
    check(
        net.add_projection(p(Delay::Uniform(-1e-3))),
        "Projection 'ei': delay = -0.001 is out of range; valid range: [0, inf)",
    );
    check(
        net.add_projection(p(Delay::Uniform(f64::NAN))),
        "Projection 'ei': delay = NaN is out of range; valid range: [0, inf)",
    );
    let explicit = |ds: Vec<f64>| {
        ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr_10x4(1.0)))
            .delay(Delay::PerSynapse(ds))
    };
    let mut ds = vec![1e-3; 10];
    ds[7] = -2e-3;
    check(
        net.add_projection(explicit(ds)),
        "Projection 'ei': delay[7] = -0.002 is out of range; valid range: [0, inf)",
    );
    check(
        net.add_projection(explicit(vec![1e-3; 9])),
        "Projection 'ei': delay has size 9, expected 10",
    );
    check(
        net.add_projection(p(Delay::PerSynapse(vec![1e-3; 10]))),
        "Projection 'ei': per-synapse delays need explicit connectivity (a CSR); a generated \
         topology takes one delay or a delay distribution",
    );
    assert!(net.projections().is_empty());
}

#[test]
fn delay_too_long_for_the_rings() {
    // 2^16 steps is the longest delay; one step more is rejected when dt is known.
    let mut net = two_pops();
    net.add_projection(
        ProjectionSpec::new("ei", 0, 1, random(0.1, 1.0)).delay(Delay::Uniform(6.5537)),
    )
    .unwrap();
    check_build(
        &net,
        CFG,
        "Projection 'ei': delay = 6.5537 is out of range; valid range: [0, 6.5536] s at dt = \
         0.0001 s",
    );
    let mut net = two_pops();
    let mut ds = vec![1e-3; 10];
    ds[4] = 100.0;
    net.add_projection(
        ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr_10x4(1.0)))
            .delay(Delay::PerSynapse(ds)),
    )
    .unwrap();
    check_build(
        &net,
        RunConfig { dt: 1e-3, ..CFG },
        "Projection 'ei': delay = 100 is out of range; valid range: [0, 65.536] s at dt = \
         0.001 s",
    );
}

#[test]
fn explicit_csr_of_wrong_shape() {
    let mut net = two_pops();
    let csr = Csr::from_rows(4, vec![vec![(0, 1.0)]; 9]).unwrap();
    check(
        net.add_projection(ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr))),
        "Projection 'ei': csr rows (sources) has size 9, expected 10",
    );
    let csr = Csr::from_rows(5, vec![vec![(0, 1.0)]; 10]).unwrap();
    check(
        net.add_projection(ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr))),
        "Projection 'ei': csr columns (targets) has size 5, expected 4",
    );
}

#[test]
fn projection_between_unknown_populations() {
    let mut net = two_pops();
    check(
        net.add_projection(ProjectionSpec::new("x", 0, 2, random(0.1, 1.0))),
        "Projection 'x': target = 2 is out of range; valid range: [0, 2)",
    );
    check(
        net.add_projection(ProjectionSpec::new("x", 5, 0, random(0.1, 1.0))),
        "Projection 'x': source = 5 is out of range; valid range: [0, 2)",
    );
}

#[test]
fn topology_that_does_not_fit_the_populations() {
    let mut net = two_pops();
    net.add_projection(ProjectionSpec::new(
        "ei",
        0,
        1,
        Connectivity::Generated {
            topology: Topology::FixedIndegree { indegree: 11 },
            weight: 1.0,
            options: ConnectOptions::default().multapses(false),
        },
    ))
    .unwrap();
    match NetworkRunner::new(&net, CFG) {
        Ok(_) => panic!("indegree 11 from 10 sources without multapses was accepted"),
        Err(e) => {
            let e = e.to_string();
            assert!(
                e.starts_with("Projection 'ei': indegree = 11 is out of range"),
                "{e}"
            );
        }
    }
}

#[test]
fn synapse_kinds() {
    check(
        SynapseKind::from_name("Projection 'ei'", "conductance", Some(5e-3), None),
        "Projection 'ei': synapse 'conductance' needs e_rev (reversal potential, mV)",
    );
    check(
        SynapseKind::from_name("Projection 'ei'", "gap", None, None),
        "Projection 'ei': unknown synapse kind 'gap'; known: delta, exponential, alpha, \
         conductance, nmda",
    );
    check(
        SynapseKind::from_name("Projection 'ei'", "alpha", Some(-1e-3), None),
        "Projection 'ei': tau_syn = -0.001 is out of range; valid range: (0, inf)",
    );
    check(
        SynapseKind::from_name("Projection 'ei'", "conductance", None, Some(f64::NAN)),
        "Projection 'ei': e_rev = NaN is out of range; valid range: any finite number",
    );
    let mut net = two_pops();
    check(
        net.add_projection(
            ProjectionSpec::new("ei", 0, 1, random(0.1, 1.0))
                .synapse(SynapseKind::Exponential { tau_syn: 0.0 }),
        ),
        "Projection 'ei': tau_syn = 0 is out of range; valid range: (0, inf)",
    );
}

/// NMDA synapses: every number checked, options of other kinds refused, no stimulus.
#[test]
fn nmda_synapses() {
    let obj = "Projection 'ee'";
    let nmda = |o: SynapseOptions| SynapseKind::from_options(obj, "nmda", &o);
    assert_eq!(
        nmda(SynapseOptions::default()).unwrap(),
        SynapseKind::NMDA_WANG_2002
    );
    check(
        nmda(SynapseOptions {
            tau_rise: Some(-2e-3),
            ..Default::default()
        }),
        "Projection 'ee': tau_rise = -0.002 is out of range; valid range: (0, inf)",
    );
    check(
        nmda(SynapseOptions {
            tau_decay: Some(0.0),
            ..Default::default()
        }),
        "Projection 'ee': tau_decay = 0 is out of range; valid range: (0, inf)",
    );
    check(
        nmda(SynapseOptions {
            tau_rise: Some(0.2),
            ..Default::default()
        }),
        "Projection 'ee': tau_rise = 0.2 is out of range; valid range: (0, tau_decay = 0.1) s",
    );
    check(
        nmda(SynapseOptions {
            alpha: Some(f64::INFINITY),
            ..Default::default()
        }),
        "Projection 'ee': alpha = inf is out of range; valid range: (0, inf)",
    );
    check(
        nmda(SynapseOptions {
            mg: Some(-1.0),
            ..Default::default()
        }),
        "Projection 'ee': mg = -1 is out of range; valid range: [0, inf)",
    );
    check(
        nmda(SynapseOptions {
            e_rev: Some(f64::NAN),
            ..Default::default()
        }),
        "Projection 'ee': e_rev = NaN is out of range; valid range: any finite number",
    );
    check(
        nmda(SynapseOptions {
            tau_syn: Some(5e-3),
            ..Default::default()
        }),
        "Projection 'ee': synapse 'nmda' takes no tau_syn; its options: tau_rise, tau_decay, \
         alpha, e_rev, mg (tau_syn is for exponential, alpha and conductance synapses)",
    );
    check(
        SynapseKind::from_options(
            obj,
            "conductance",
            &SynapseOptions {
                e_rev: Some(0.0),
                tau_decay: Some(0.1),
                mg: Some(1.0),
                ..Default::default()
            },
        ),
        "Projection 'ee': synapse 'conductance' takes no tau_decay, mg; its options: tau_syn, \
         e_rev (tau_rise, tau_decay, alpha and mg are for nmda synapses)",
    );
    // Built directly, checked when added.
    let mut net = two_pops();
    check(
        net.add_projection(ProjectionSpec::new("ee", 0, 0, random(0.1, 1.0)).synapse(
            SynapseKind::Nmda {
                tau_rise: 2e-3,
                tau_decay: 0.1,
                alpha: -500.0,
                e_rev: 0.0,
                mg: 1.0,
            },
        )),
        "Projection 'ee': alpha = -500 is out of range; valid range: (0, inf)",
    );
    check(
        net.add_stimulus(
            "drive",
            PoissonInput::new(10, 100.0, 1.0).unwrap().into(),
            Some(0),
            SynapseKind::NMDA_WANG_2002,
        ),
        "PoissonInput 'drive': NMDA synapses need presynaptic neurons (each spike's gating \
         jump depends on its source's earlier spikes); drive the target from a 'poisson' \
         population through an nmda projection instead",
    );
}

#[test]
fn stimulus_of_the_wrong_size() {
    let mut net = two_pops();
    check(
        net.add_stimulus(
            "drive",
            PoissonInput::new(4, 100.0, 1.0).unwrap().into(),
            None, // the first population, exc (10)
            SynapseKind::Delta,
        ),
        "PoissonInput 'drive': n has size 4, expected 10 (the size of target population 'exc')",
    );
    check(
        net.add_stimulus(
            "pulse",
            StepCurrent::new(0.0, 0.01, vec![1.0; 10]).unwrap().into(),
            Some(1),
            SynapseKind::Delta,
        ),
        "StepCurrent 'pulse': n has size 10, expected 4 (the size of target population 'inh')",
    );
    check(
        net.add_stimulus(
            "wave",
            TimedArray::per_neuron(vec![0.0; 6], 3, 1e-3)
                .unwrap()
                .into(),
            Some(1),
            SynapseKind::Delta,
        ),
        "TimedArray 'wave': n has size 3, expected 4 (the size of target population 'inh')",
    );
    check(
        net.add_stimulus(
            "drive",
            PoissonInput::new(4, 100.0, 1.0).unwrap().into(),
            Some(2),
            SynapseKind::Delta,
        ),
        "PoissonInput 'drive': target = 2 is out of range; valid range: [0, 2)",
    );
    check(
        Network::new(1).add_stimulus(
            "drive",
            PoissonInput::new(4, 100.0, 1.0).unwrap().into(),
            None,
            SynapseKind::Delta,
        ),
        "PoissonInput 'drive': no target given and the network has no population",
    );
    assert!(net.stimuli().is_empty());
}

/// A step current that rounds to no step of the grid (on at step 1000, off at
/// round(1000.4) = 1000) would inject nothing: it is rejected when the runner is built
/// (`StimulusSpec::check`), naming the stimulus, its offset and the smallest valid offset.
#[test]
fn step_current_shorter_than_one_step() {
    let mut net = two_pops();
    net.add_stimulus(
        "blip",
        StepCurrent::new(0.1, 0.10004, 500.0).unwrap().into(),
        Some(1),
        SynapseKind::Delta,
    )
    .unwrap();
    check_build(
        &net,
        CFG,
        "StepCurrent 'blip': offset = 0.10004 is out of range; valid range: [0.10005, inf] s \
         at dt = 0.0001 s (onset = 0.1 s rounds to step 1000, and the stimulus must cover at \
         least one step)",
    );
    // At a finer step the same pulse covers steps: accepted.
    assert!(NetworkRunner::new(&net, RunConfig { dt: 1e-5, ..CFG }).is_ok());
}

#[test]
fn state_monitor_of_an_unknown_variable() {
    let mut net = two_pops();
    let m = |variable: &str, indices, interval| MonitorSpec::State {
        population: 0,
        variable: variable.into(),
        indices,
        interval,
    };
    check(
        net.add_monitor(m("w", None, None)),
        "StateMonitor of 'exc': unknown variable 'w'; known: v, refractory, gsyn_exc, gsyn_inh, \
         gsyn_nmda, isyn",
    );
    check(
        net.add_monitor(m("v", Some(vec![0, 3, 10]), None)),
        "StateMonitor of 'exc': indices[2] = 10 is out of range; valid range: [0, 10)",
    );
    check(
        net.add_monitor(m("v", None, Some(-1e-3))),
        "StateMonitor of 'exc': interval = -0.001 is out of range; valid range: (0, inf)",
    );
    check(
        net.add_monitor(MonitorSpec::Spikes { population: 3 }),
        "SpikeMonitor: population = 3 is out of range; valid range: [0, 2)",
    );
    check(
        net.add_monitor(MonitorSpec::Rate {
            population: 1,
            bin: 0.0,
        }),
        "RateMonitor of 'inh': bin = 0 is out of range; valid range: (0, inf)",
    );
    assert!(net.monitors().is_empty());
}

#[test]
fn monitor_interval_not_a_multiple_of_dt() {
    let mut net = two_pops();
    net.add_monitor(MonitorSpec::State {
        population: 1,
        variable: "v".into(),
        indices: None,
        interval: Some(1.5e-4),
    })
    .unwrap();
    check_build(
        &net,
        CFG,
        "StateMonitor of 'inh': interval = 0.00015 is out of range; valid range: a whole \
         number (>= 1) of steps of dt = 0.0001 s",
    );
    let mut net = two_pops();
    net.add_monitor(MonitorSpec::Rate {
        population: 0,
        bin: 5e-5,
    })
    .unwrap();
    check_build(
        &net,
        CFG,
        "RateMonitor of 'exc': bin = 0.00005 is out of range; valid range: a whole number \
         (>= 1) of steps of dt = 0.0001 s",
    );
}

#[test]
fn bad_run_configuration() {
    let net = two_pops();
    check_build(
        &net,
        RunConfig { dt: 0.0, ..CFG },
        "TimeGrid: dt = 0 is out of range; valid range: (0, inf)",
    );
    check_build(
        &net,
        RunConfig {
            dt: f64::NAN,
            ..CFG
        },
        "TimeGrid: dt = NaN is out of range; valid range: (0, inf)",
    );
    check_build(
        &net,
        RunConfig { dt: -1e-4, ..CFG },
        "TimeGrid: dt = -0.0001 is out of range; valid range: (0, inf)",
    );
    check_build(
        &net,
        RunConfig { threads: 0, ..CFG },
        "NetworkRunner: threads = 0 is out of range; valid range: [1, 1024]",
    );
    let mut r = NetworkRunner::new(&net, CFG).unwrap();
    match r.run(-0.1) {
        Ok(()) => panic!("a negative duration ran"),
        Err(e) => assert_eq!(
            e.to_string(),
            "Network.run: duration = -0.1 is out of range; valid range: [0, inf) s"
        ),
    }
    assert_eq!(r.steps_done(), 0);
}

#[test]
fn network_without_population() {
    check_build(
        &Network::new(1),
        CFG,
        "Network: has no population; add one before running",
    );
}

#[test]
fn stdp_on_mixed_sign_weights() {
    let mut net = two_pops();
    let mut csr = csr_10x4(0.5);
    csr.weights_mut()[6] = -0.5;
    check(
        net.add_projection(
            ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr))
                .stdp(StdpParams::default()),
        ),
        "Projection 'ei': weights mix signs (weights[0] = 0.5 and weights[6] = -0.5); \
         plasticity keeps a projection's sign, so its weights must be all >= 0 or all <= 0",
    );
}

#[test]
fn stdp_initial_weights_outside_the_bounds() {
    // Explicit weights: rejected when the projection is added.
    let mut net = two_pops();
    let mut csr = csr_10x4(0.5);
    csr.weights_mut()[2] = 1.5;
    check(
        net.add_projection(
            ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr))
                .stdp(StdpParams::default()),
        ),
        "Projection 'ei': weights[2] = 1.5 is out of range; valid range: [0, 1] (the STDP \
         bounds)",
    );
    // A generated inhibitory weight: magnitudes within [w_min, w_max] = [0.2, 1], so weights
    // within [-1, -0.2]; rejected when the projection is added too.
    check(
        net.add_projection(
            ProjectionSpec::new("ie", 1, 0, random(0.5, -0.1)).stdp(StdpParams {
                w_min: 0.2,
                ..StdpParams::default()
            }),
        ),
        "Projection 'ie': weight = -0.1 is out of range; valid range: [-1, -0.2] (the STDP \
         bounds)",
    );
    // A weight above w_max (issue 19: accepted until the run).
    check(
        net.add_projection(
            ProjectionSpec::new("ee", 0, 0, random(0.5, 100.0)).stdp(StdpParams::default()),
        ),
        "Projection 'ee': weight = 100 is out of range; valid range: [0, 1] (the STDP bounds)",
    );
}

/// The range every negative conductance reports.
const CONDUCTANCE_RANGE: &str = "valid range: [0, inf) nS (a conductance is never negative: \
     write inhibition as a positive conductance with an inhibitory reversal potential, e.g. \
     weight = 2 nS with e_rev = -80 mV)";

#[test]
fn negative_conductance_weights() {
    let mut net = two_pops();
    let cond = SynapseKind::Conductance {
        tau_syn: 5e-3,
        e_rev: -80.0,
    };
    check(
        net.add_projection(ProjectionSpec::new("ie", 1, 0, random(0.5, -2.0)).synapse(cond)),
        &format!("Projection 'ie': weight = -2 is out of range; {CONDUCTANCE_RANGE}"),
    );
    let mut csr = csr_10x4(2.0);
    csr.weights_mut()[3] = -2.0;
    check(
        net.add_projection(
            ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr)).synapse(cond),
        ),
        &format!("Projection 'ei': weights[3] = -2 is out of range; {CONDUCTANCE_RANGE}"),
    );
    let normal = Connectivity::GeneratedNormal {
        topology: Topology::Random { probability: 0.5 },
        weight: sc_neurocore_runner::TruncatedNormal::new(
            2.0,
            1.0,
            f64::NEG_INFINITY,
            f64::INFINITY,
        ),
        options: ConnectOptions::default(),
    };
    check(
        net.add_projection(
            ProjectionSpec::new("ee", 0, 0, normal).synapse(SynapseKind::NMDA_WANG_2002),
        ),
        &format!("Projection 'ee': weight.min = -inf is out of range; {CONDUCTANCE_RANGE}"),
    );
    check(
        net.add_stimulus(
            "bg",
            PoissonInput::new(10, 100.0, -1.0).unwrap().into(),
            Some(0),
            cond,
        ),
        &format!("PoissonInput 'bg': weight = -1 is out of range; {CONDUCTANCE_RANGE}"),
    );
    // Inhibition as it should be written, and a negative current-based weight, are fine.
    net.add_projection(ProjectionSpec::new("ie", 1, 0, random(0.5, 2.0)).synapse(cond))
        .unwrap();
    net.add_projection(
        ProjectionSpec::new("ie_cur", 1, 0, random(0.5, -2.0))
            .synapse(SynapseKind::Exponential { tau_syn: 5e-3 }),
    )
    .unwrap();
}

/// A conductance synapse's current is nS x mV = pA: onto a model whose input is in another
/// unit (hodgkin_huxley: uA/cm^2) it would be read in that unit, so it is refused, for
/// projections and Poisson stimuli alike; current synapses in the model's unit are fine.
#[test]
fn conductance_synapses_need_a_target_that_takes_pa() {
    let mut net = Network::new(1);
    net.add_population("exc", "lif", 10, &[]).unwrap();
    net.add_population("hh", "hodgkin_huxley", 4, &[]).unwrap();
    let cond = SynapseKind::Conductance {
        tau_syn: 5e-3,
        e_rev: -80.0,
    };
    let why = "synapse injects g (e_rev - V) in pA, but model 'hodgkin_huxley' of target \
               population 'hh' takes its input in uA/cm^2; use an exponential or alpha \
               (current) synapse with weights in uA/cm^2, or a target model whose input is in pA";
    check(
        net.add_projection(ProjectionSpec::new("e_hh", 0, 1, random(0.5, 5.0)).synapse(cond)),
        &format!("Projection 'e_hh': a conductance {why}"),
    );
    check(
        net.add_projection(
            ProjectionSpec::new("n_hh", 0, 1, random(0.5, 5.0))
                .synapse(SynapseKind::NMDA_WANG_2002),
        ),
        &format!("Projection 'n_hh': an nmda {why}"),
    );
    check(
        net.add_stimulus(
            "bg",
            PoissonInput::new(4, 100.0, 1.0).unwrap().into(),
            Some(1),
            cond,
        ),
        &format!("PoissonInput 'bg': a conductance {why}"),
    );
    net.add_projection(ProjectionSpec::new("e_e", 0, 0, random(0.5, 5.0)).synapse(cond))
        .unwrap();
    net.add_projection(
        ProjectionSpec::new("e_hh_cur", 0, 1, random(0.5, 0.1))
            .synapse(SynapseKind::Exponential { tau_syn: 5e-3 }),
    )
    .unwrap();
}

#[test]
fn cross_parameter_rule_blames_the_given_parameter() {
    // Only v_th given: the error names v_th and the relation, not the default v_reset.
    check(
        Network::new(1).add_population("exc", "lif", 5, &[("v_th", ParamValue::Scalar(-1e9))]),
        "Population 'exc' (lif): v_th = -1000000000 is out of range; valid range: above \
         v_reset = -70 (the model requires v_reset < v_th)",
    );
    // Per neuron: the index stays.
    let v_th = ParamValue::PerNeuron(vec![-50.0, -80.0, -50.0]);
    check(
        Network::new(1).add_population("exc", "lif", 3, &[("v_th", v_th)]),
        "Population 'exc' (lif): v_th[1] = -80 is out of range; valid range: above v_reset = \
         -70 (the model requires v_reset < v_th)",
    );
}

#[test]
fn stdp_parameters_out_of_range() {
    let mut net = two_pops();
    let bad = StdpParams {
        tau_plus: 0.0,
        ..StdpParams::default()
    };
    check(
        net.add_projection(ProjectionSpec::new("ei", 0, 1, random(0.5, 0.1)).stdp(bad)),
        "Projection 'ei': tau_plus = 0 is out of range; valid range: (0, inf)",
    );
    check(
        net.add_projection(
            ProjectionSpec::new("ei", 0, 1, Connectivity::Explicit(csr_10x4(0.5))).stdp(
                StdpParams {
                    w_min: 2.0,
                    ..StdpParams::default()
                },
            ),
        ),
        "Projection 'ei': w_max = 1 is out of range; valid range: [w_min = 2, inf)",
    );
    assert!(net.projections().is_empty());
}
