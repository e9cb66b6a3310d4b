//! Determinism of the shared-memory engine (DESIGN.md §2 "Determinism"): one mixed network
//! using every synapse kind (NMDA included, whose gating jumps the engine computes from each
//! source's spike history), explicit and generated connectivity, per-synapse delays, every
//! stimulus, online STDP of both signs and every monitor gives bit-identical spikes, recorded
//! states, rates and final weights whatever the number of threads (which changes the block
//! split: these small populations get one block per thread), for one seed; a different seed changes the spikes; and a run
//! cut into pieces continues exactly where the previous piece stopped.

use sc_neurocore_core::Csr;
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_plasticity::StdpParams;
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, NetworkRunner, ProjectionSpec, RunConfig,
    SynapseKind, TruncatedNormal,
};
use sc_neurocore_stimuli::{PoissonInput, StepCurrent, TimedArray};
use sc_neurocore_topology::{ConnectOptions, Topology};

const DT: f64 = 1e-4;
const N_EXC: usize = 800;
const N_INH: usize = 200;
const N_IZH: usize = 100;
const N_HH: usize = 10;

/// A small deterministic generator for the explicit connectivity (independent of the
/// network seed, so that only the engine's own streams change with the seed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Explicit CSR: each of `n_src` sources to each of `n_tgt` targets with probability `p`,
/// weights uniform in `[w0, w1)`.
fn random_csr(rng: &mut Lcg, n_src: usize, n_tgt: usize, p: f64, w0: f64, w1: f64) -> Csr {
    let mut rows = vec![Vec::new(); n_src];
    for row in &mut rows {
        for t in 0..n_tgt as u32 {
            if rng.next() < p {
                row.push((t, w0 + (w1 - w0) * rng.next()));
            }
        }
    }
    Csr::from_rows(n_tgt, rows).unwrap()
}

/// Handles of the monitors and plastic projections of [`mixed_network`].
struct Ids {
    spikes: Vec<usize>,
    states: Vec<usize>,
    rates: Vec<usize>,
    n_projections: usize,
    plastic: Vec<usize>,
}

/// Two LIF populations, one Izhikevich and one Hodgkin–Huxley population; delta,
/// exponential, alpha, conductance and NMDA projections with different delays; explicit CSRs with
/// per-synapse delays; excitatory and inhibitory STDP; Poisson (delta and exponential),
/// step-current and timed-array stimuli; spike, state and rate monitors.
fn mixed_network(seed: u64) -> (Network, Ids) {
    let mut net = Network::new(seed);
    let v_init: Vec<f64> = (0..N_EXC)
        .map(|i| -70.0 + 14.0 * ((i as f64 * 0.618_033_988_7).fract()))
        .collect();
    let exc = net
        .add_population("exc", "lif", N_EXC, &[("v_init", v_init.into())])
        .unwrap();
    let i_e: Vec<f64> = (0..N_INH).map(|i| 100.0 + i as f64).collect();
    let inh = net
        .add_population(
            "inh",
            "lif",
            N_INH,
            &[
                ("i_e", i_e.into()),
                ("tau_m", ParamValue::Scalar(8.0)),
                ("t_ref", ParamValue::Scalar(1.0)),
            ],
        )
        .unwrap();
    let izh = net.add_population("izh", "izhikevich", N_IZH, &[]).unwrap();
    let hh = net
        .add_population("hh", "hodgkin_huxley", N_HH, &[])
        .unwrap();

    let mut rng = Lcg(12345);
    let mut add = |p: ProjectionSpec| net.add_projection(p).unwrap();
    add(ProjectionSpec::new(
        "ee",
        exc,
        exc,
        Connectivity::Generated {
            topology: Topology::Random { probability: 0.05 },
            weight: 0.1,
            options: ConnectOptions::recurrent(),
        },
    )
    .delay(Delay::Uniform(1.5e-3)));
    add(ProjectionSpec::new(
        "ei",
        exc,
        inh,
        Connectivity::Generated {
            topology: Topology::FixedIndegree { indegree: 40 },
            weight: 15.0,
            options: ConnectOptions::default(),
        },
    )
    .synapse(SynapseKind::Exponential { tau_syn: 3e-3 })
    .delay(Delay::Uniform(0.8e-3)));
    add(ProjectionSpec::new(
        "ie",
        inh,
        exc,
        Connectivity::Generated {
            topology: Topology::Random { probability: 0.1 },
            weight: -40.0,
            options: ConnectOptions::default(),
        },
    )
    .synapse(SynapseKind::Alpha { tau_syn: 1e-3 })
    .delay(Delay::Uniform(2e-3)));
    // Conductance and NMDA synapses onto LIF cells (their current is in pA, the unit LIF
    // takes; the Izhikevich and HH models take other units and get current synapses).
    let e_cond = random_csr(&mut rng, N_EXC, N_INH, 0.05, 0.05, 0.15);
    let delays: Vec<f64> = (0..e_cond.nnz())
        .map(|_| 1e-4 + 5e-3 * rng.next())
        .collect();
    add(
        ProjectionSpec::new("e_inh_cond", exc, inh, Connectivity::Explicit(e_cond))
            .synapse(SynapseKind::Conductance {
                tau_syn: 5e-3,
                e_rev: 0.0,
            })
            .delay(Delay::PerSynapse(delays)),
    );
    let stdp = StdpParams {
        tau_plus: 16.8e-3,
        tau_minus: 33.7e-3,
        a_plus: 0.01,
        a_minus: 0.012,
        w_min: 0.0,
        w_max: 1.0,
        ..StdpParams::default()
    };
    let e_inh = random_csr(&mut rng, N_EXC, N_INH, 0.1, 0.1, 0.5);
    let delays: Vec<f64> = (0..e_inh.nnz()).map(|_| 2e-4 + 3e-3 * rng.next()).collect();
    let p_exc = add(
        ProjectionSpec::new("stdp_ei", exc, inh, Connectivity::Explicit(e_inh))
            .delay(Delay::PerSynapse(delays))
            .stdp(stdp),
    );
    let p_inh = add(ProjectionSpec::new(
        "istdp",
        inh,
        izh,
        Connectivity::Generated {
            topology: Topology::Random { probability: 0.2 },
            weight: -0.5,
            options: ConnectOptions::default(),
        },
    )
    .delay(Delay::Uniform(1e-3))
    .stdp(stdp));
    add(ProjectionSpec::new(
        "izh_hh",
        izh,
        hh,
        Connectivity::Generated {
            topology: Topology::FixedIndegree { indegree: 10 },
            weight: 0.5,
            options: ConnectOptions::default(),
        },
    )
    .synapse(SynapseKind::Exponential { tau_syn: 2e-3 })
    .delay(Delay::Uniform(0.5e-3)));
    // Drawn weights and delays: row-local (fixed_total_number) and not (fixed_outdegree).
    add(ProjectionSpec::new(
        "ie_total",
        inh,
        exc,
        Connectivity::GeneratedNormal {
            topology: Topology::FixedTotalNumber { total: 3000 },
            weight: TruncatedNormal::keeping_sign(-0.5, 0.2),
            options: ConnectOptions::default(),
        },
    )
    .delay(Delay::Normal(TruncatedNormal::new(
        1.2e-3,
        0.6e-3,
        0.05e-3,
        f64::INFINITY,
    ))));
    add(ProjectionSpec::new(
        "ee_out",
        exc,
        exc,
        Connectivity::GeneratedNormal {
            topology: Topology::FixedOutdegree { outdegree: 8 },
            weight: TruncatedNormal::new(0.05, 0.02, 0.0, 0.1),
            options: ConnectOptions::recurrent(),
        },
    )
    .delay(Delay::Normal(TruncatedNormal::new(
        2e-3, 1e-3, 0.5e-3, 4e-3,
    ))));
    // NMDA: one gating group per source and kind, uniform and per-synapse weights and
    // delays, and plastic weights (each spike's weight times its source's gating jump).
    add(ProjectionSpec::new(
        "ei_nmda",
        exc,
        inh,
        Connectivity::Generated {
            topology: Topology::Random { probability: 0.1 },
            weight: 0.5,
            options: ConnectOptions::default(),
        },
    )
    .synapse(SynapseKind::NMDA_WANG_2002)
    .delay(Delay::Uniform(1.2e-3)));
    let e_inh_nmda = random_csr(&mut rng, N_EXC, N_INH, 0.05, 0.01, 0.03);
    let delays: Vec<f64> = (0..e_inh_nmda.nnz())
        .map(|_| 3e-4 + 2e-3 * rng.next())
        .collect();
    add(
        ProjectionSpec::new("e_inh_nmda", exc, inh, Connectivity::Explicit(e_inh_nmda))
            .synapse(SynapseKind::Nmda {
                tau_rise: 1e-3,
                tau_decay: 50e-3,
                alpha: 1000.0,
                e_rev: 0.0,
                mg: 1.5,
            })
            .delay(Delay::PerSynapse(delays))
            .stdp(stdp),
    );
    let n_projections = 11;

    let rates: Vec<f64> = (0..N_EXC).map(|i| 8000.0 + 4.0 * i as f64).collect();
    net.add_stimulus(
        "drive_exc",
        PoissonInput::new(N_EXC, rates, 0.2).unwrap().into(),
        Some(exc),
        SynapseKind::Delta,
    )
    .unwrap();
    net.add_stimulus(
        "drive_izh",
        PoissonInput::new(N_IZH, 500.0, 1.0).unwrap().into(),
        Some(izh),
        SynapseKind::Exponential { tau_syn: 2e-3 },
    )
    .unwrap();
    net.add_stimulus(
        "step_inh",
        StepCurrent::new(0.02, 0.07, 250.0).unwrap().into(),
        Some(inh),
        SynapseKind::Delta,
    )
    .unwrap();
    let wave: Vec<f64> = (0..100)
        .map(|i| 3.0 + 3.0 * (i as f64 * 0.2).sin())
        .collect();
    net.add_stimulus(
        "wave_izh",
        TimedArray::new(wave, 1e-3).unwrap().into(),
        Some(izh),
        SynapseKind::Delta,
    )
    .unwrap();
    let hh_wave: Vec<f64> = (0..50 * N_HH)
        .map(|k| 4.0 + (k % N_HH) as f64 + 2.0 * ((k / N_HH) as f64 * 0.3).cos())
        .collect();
    net.add_stimulus(
        "wave_hh",
        TimedArray::per_neuron(hh_wave, N_HH, 2e-3).unwrap().into(),
        Some(hh),
        SynapseKind::Delta,
    )
    .unwrap();

    let mut m = |spec| net.add_monitor(spec).unwrap();
    let spikes = [exc, inh, izh, hh]
        .map(|p| m(MonitorSpec::Spikes { population: p }))
        .to_vec();
    let state = |population, variable: &str, indices, interval| MonitorSpec::State {
        population,
        variable: variable.into(),
        indices,
        interval,
    };
    let states = vec![
        m(state(exc, "v", Some(vec![0, 7, 399, 799, 7]), None)),
        m(state(inh, "v", None, Some(5e-4))),
        m(state(izh, "u", Some(vec![3, 50, 99]), None)),
        m(state(hh, "m", None, Some(2e-4))),
    ];
    let rates = vec![
        m(MonitorSpec::Rate {
            population: exc,
            bin: 1e-3,
        }),
        m(MonitorSpec::Rate {
            population: inh,
            bin: 5e-3,
        }),
    ];
    (
        net,
        Ids {
            spikes,
            states,
            rates,
            n_projections,
            plastic: vec![p_exc, p_inh],
        },
    )
}

/// Everything a run produces, as bit patterns so that equality is bit-identity.
#[derive(Debug, PartialEq)]
struct Outcome {
    /// Per spike monitor: (times, ids).
    spikes: Vec<(Vec<u64>, Vec<u32>)>,
    /// Per state monitor: (times, values).
    states: Vec<(Vec<u64>, Vec<u64>)>,
    /// Per rate monitor: counts.
    rates: Vec<Vec<u64>>,
    /// Weights of every projection, CSR order.
    weights: Vec<Vec<u64>>,
    /// Final membrane of every population.
    final_v: Vec<Vec<u64>>,
    spike_counts: Vec<u64>,
}

fn bits(x: &[f64]) -> Vec<u64> {
    x.iter().map(|v| v.to_bits()).collect()
}

fn outcome(r: &NetworkRunner, ids: &Ids) -> Outcome {
    Outcome {
        spikes: ids
            .spikes
            .iter()
            .map(|&m| {
                let d = r.spike_data(m).unwrap();
                (bits(d.times()), d.ids().to_vec())
            })
            .collect(),
        states: ids
            .states
            .iter()
            .map(|&m| {
                let d = r.state_data(m).unwrap();
                (bits(d.times()), bits(d.values()))
            })
            .collect(),
        rates: ids
            .rates
            .iter()
            .map(|&m| r.rate_data(m).unwrap().counts().to_vec())
            .collect(),
        weights: (0..ids.n_projections)
            .map(|j| bits(&r.weights(j).unwrap()))
            .collect(),
        final_v: (0..4).map(|p| bits(&r.state(p, "v").unwrap())).collect(),
        spike_counts: (0..4).map(|p| r.spike_count(p)).collect(),
    }
}

/// Runs the mixed network for the given pieces of time (seconds, one `run` each).
fn run(seed: u64, threads: usize, pieces: &[f64]) -> (Outcome, NetworkRunner, Ids) {
    let (net, ids) = mixed_network(seed);
    let mut r = NetworkRunner::new(&net, RunConfig { dt: DT, threads }).unwrap();
    for &t in pieces {
        r.run(t).unwrap();
    }
    (outcome(&r, &ids), r, ids)
}

/// Field-by-field comparison, so that a failure says what differs.
fn assert_same(a: &Outcome, b: &Outcome, what: &str) {
    for (k, (x, y)) in a.spikes.iter().zip(&b.spikes).enumerate() {
        assert_eq!(
            x.1.len(),
            y.1.len(),
            "{what}: spike count of population {k}"
        );
        assert!(x == y, "{what}: spikes of population {k} differ");
    }
    for (k, (x, y)) in a.states.iter().zip(&b.states).enumerate() {
        assert_eq!(x.0, y.0, "{what}: times of state monitor {k}");
        assert!(x.1 == y.1, "{what}: values of state monitor {k} differ");
    }
    assert_eq!(a.rates, b.rates, "{what}: rates");
    for (k, (x, y)) in a.weights.iter().zip(&b.weights).enumerate() {
        assert!(x == y, "{what}: weights of projection {k} differ");
    }
    assert!(a.final_v == b.final_v, "{what}: final membrane");
    assert_eq!(a.spike_counts, b.spike_counts, "{what}: spike counts");
    assert!(a == b, "{what}");
}

/// Proves bit-identity across 1, 2 and 8 threads (4, 8 and 32 blocks per run, so every
/// population is split differently), and that the network is not trivially quiet: every
/// population spikes and both STDP projections change weights (otherwise identity would
/// prove nothing about routing, summation order or plasticity). A run of 0.1 s is 1,000
/// steps: with several threads the engine's schedule starts with a trial that alternates
/// runs of 50 steps on one thread and in parallel, so both ways are in every comparison.
#[test]
fn threads_do_not_change_spikes_states_or_weights() {
    let (one, r, ids) = run(7, 1, &[0.1]);
    let counts = &one.spike_counts;
    assert!(
        counts[0] > 1500 && counts[1] > 500 && counts[2] > 50 && counts[3] > 5,
        "spike counts exc/inh/izh/hh {counts:?}"
    );
    let net = r.network();
    for &j in &ids.plastic {
        let before: Vec<f64> = match &net.projections()[j].connectivity {
            Connectivity::Explicit(csr) => csr.weights().to_vec(),
            Connectivity::Generated { weight, .. } => vec![*weight; r.weights(j).unwrap().len()],
            Connectivity::GeneratedNormal { .. } => unreachable!("plastic projections"),
        };
        let after = r.weights(j).unwrap();
        let changed = before.iter().zip(&after).filter(|(a, b)| a != b).count();
        assert!(
            changed * 2 > after.len(),
            "projection {j}: {changed} of {} weights changed",
            after.len()
        );
        let sign = before[0].signum();
        assert!(after.iter().all(|w| w * sign >= 0.0 && w.abs() <= 1.0));
    }
    for threads in [2, 8] {
        let (other, _, _) = run(7, threads, &[0.1]);
        assert_same(&one, &other, &format!("1 vs {threads} threads"));
    }
}

/// Proves that the engine keeps no hidden state between builds: the same seed twice gives
/// the same result, also when one runner is built from the network another runner used.
#[test]
fn same_seed_same_result() {
    let (a, r, ids) = run(11, 2, &[0.1]);
    let (b, _, _) = run(11, 2, &[0.1]);
    assert_same(&a, &b, "seed 11 twice");
    let mut again = NetworkRunner::new(r.network(), RunConfig { dt: DT, threads: 3 }).unwrap();
    again.run(0.1).unwrap();
    assert_same(&a, &outcome(&again, &ids), "rebuilt from runner.network()");
}

/// Proves that the seed reaches the random streams (Poisson inputs and generated
/// connectivity): another seed gives other spikes in every population the streams drive.
#[test]
fn another_seed_other_spikes() {
    let (a, _, _) = run(7, 2, &[0.1]);
    let (b, _, _) = run(8, 2, &[0.1]);
    for k in 0..3 {
        assert_ne!(
            a.spikes[k], b.spikes[k],
            "population {k}: same spikes for seeds 7, 8"
        );
    }
    assert_ne!(a.weights[0].len(), 0);
    assert_ne!(a.weights[0].len(), b.weights[0].len(), "ee synapse count");
}

/// Proves continuation in time: two runs of 0.05 s (and three uneven pieces) equal one run
/// of 0.1 s bit for bit, including the state samples, which follow Brian2's convention: a run
/// of N steps records the N samples at 0, dt, …, (N−1)·dt, and the state at the end of a run
/// is the first sample of the next run (no sample is duplicated or lost at the seam).
#[test]
fn runs_continue_in_time() {
    let (whole, r, ids) = run(7, 2, &[0.1]);
    assert_eq!(r.steps_done(), 1000);
    let exc_v = r.state_data(ids.states[0]).unwrap();
    assert_eq!(exc_v.shape(), (1000, 5), "samples of a 1000-step run");
    assert!(
        exc_v
            .times()
            .iter()
            .enumerate()
            .all(|(k, &t)| (t - k as f64 * DT).abs() < 1e-12)
    );
    let inh_v = r.state_data(ids.states[1]).unwrap();
    assert_eq!(inh_v.shape(), (200, N_INH), "every 5th step of 1000");
    let (halves, _, _) = run(7, 2, &[0.05, 0.05]);
    assert_same(&whole, &halves, "0.1 s vs 2 x 0.05 s");
    let (pieces, r3, _) = run(7, 8, &[0.0123, 0.0377, 0.0, 0.05]);
    assert_eq!(r3.steps_done(), 1000);
    assert_same(&whole, &pieces, "0.1 s vs 12.3 + 37.7 + 0 + 50 ms");
}

/// Proves DESIGN.md's "same seed, same spikes whatever the number of ranks" for the
/// distributed engine's logic, without MPI: 2, 3 and 4 ranks run as threads of this process
/// (`ThreadRanks`), each building only its own slice of neurons and synapses and exchanging
/// spikes through the communicator. Every rank's spikes, recorded states, rates, weights and
/// final membranes (gathered by the collective accessors) equal the one-rank run bit for bit.
#[test]
fn ranks_do_not_change_spikes_states_or_weights() {
    let (one, _, _) = run(7, 1, &[0.1]);
    for (ranks, threads) in [(2, 1), (3, 2), (4, 1)] {
        let handles: Vec<_> = sc_neurocore_core::ThreadRanks::group(ranks)
            .into_iter()
            .map(|comm| {
                std::thread::spawn(move || {
                    let (net, ids) = mixed_network(7);
                    let mut r = NetworkRunner::with_communicator(
                        &net,
                        RunConfig { dt: DT, threads },
                        Box::new(comm),
                    )
                    .unwrap();
                    r.run(0.04).unwrap();
                    r.run(0.06).unwrap();
                    outcome(&r, &ids)
                })
            })
            .collect();
        for (rank, h) in handles.into_iter().enumerate() {
            let other = h.join().unwrap();
            assert_same(&one, &other, &format!("1 rank vs rank {rank} of {ranks}"));
        }
    }
}
