//! Every registered model runs by name in a network, with its parameters given per
//! population and per neuron, and gives the same spikes and final state on 1 and 2 threads
//! and on 2 in-process ranks (`ThreadRanks`, the distributed engine's logic without MPI).
//! The models' own dynamics are tested in `crates/neurons`; this proves that the engine
//! runs each of them, whoever added it.

use sc_neurocore_neurons::{MODELS, ModelInfo, ParamValue};
use sc_neurocore_runner::{MonitorSpec, Network, NetworkRunner, RunConfig, SynapseKind};
use sc_neurocore_stimuli::StepCurrent;

const N: usize = 6;
const DT: f64 = 1e-4;
/// Long enough for every model to fire at its `drive` ("within tens of ms").
const DURATION: f64 = 0.1;

/// Spike times (bits), spike ids, and the final state of every variable (bits).
type Outcome = (Vec<u64>, Vec<u32>, Vec<Vec<u64>>);

/// One population of `model` whose parameters are all given: every other one as one value
/// for the population, the rest as arrays of per-neuron values equal to the default; driven
/// by a current at the model's `drive` for the whole run, recorded by a spike monitor.
fn network(model: &'static ModelInfo) -> Network {
    let mut net = Network::new(11);
    let params: Vec<(&str, ParamValue)> = model
        .params
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let v = if k % 2 == 0 {
                ParamValue::Scalar(p.default)
            } else {
                ParamValue::PerNeuron(vec![p.default; N])
            };
            (p.name, v)
        })
        .collect();
    let pop = net
        .add_population("p", model.name, N, &params)
        .unwrap_or_else(|e| panic!("{}: {e}", model.name));
    if let Some(drive) = model.drive {
        net.add_stimulus(
            "drive",
            StepCurrent::new(0.0, DURATION, drive).unwrap().into(),
            Some(pop),
            SynapseKind::Delta,
        )
        .unwrap();
    }
    net.add_monitor(MonitorSpec::Spikes { population: pop })
        .unwrap();
    net
}

fn outcome(r: &NetworkRunner, model: &ModelInfo) -> Outcome {
    let d = r.spike_data(0).unwrap();
    let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    let state = model
        .state
        .iter()
        .map(|s| bits(&r.state(0, s.name).unwrap()))
        .collect();
    (bits(d.times()), d.ids().to_vec(), state)
}

fn run(model: &'static ModelInfo, threads: usize) -> Outcome {
    let mut r = NetworkRunner::new(&network(model), RunConfig { dt: DT, threads })
        .unwrap_or_else(|e| panic!("{}: {e}", model.name));
    r.run(DURATION).unwrap();
    outcome(&r, model)
}

#[test]
fn every_model_runs_by_name_identically_on_threads_and_ranks() {
    for m in MODELS {
        let one = run(m, 1);
        // A drive makes a model fire within tens of ms (spontaneous models may take longer,
        // e.g. slow bursters, and are not asked to).
        if m.drive.is_some() {
            assert!(
                !one.0.is_empty(),
                "{}: no spike in {DURATION} s with drive {:?}",
                m.name,
                m.drive
            );
        }
        assert_eq!(one, run(m, 2), "{}: 1 vs 2 threads", m.name);
        let handles: Vec<_> = sc_neurocore_core::ThreadRanks::group(2)
            .into_iter()
            .map(|comm| {
                std::thread::spawn(move || {
                    let mut r = NetworkRunner::with_communicator(
                        &network(m),
                        RunConfig { dt: DT, threads: 1 },
                        Box::new(comm),
                    )
                    .unwrap();
                    r.run(DURATION).unwrap();
                    outcome(&r, m)
                })
            })
            .collect();
        for (rank, h) in handles.into_iter().enumerate() {
            assert_eq!(
                one,
                h.join().unwrap(),
                "{}: 1 rank vs rank {rank} of 2",
                m.name
            );
        }
    }
}
