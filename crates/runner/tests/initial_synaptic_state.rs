//! A synapse channel's state at t = 0 (`Network::set_initial_synaptic_state`): it drives the
//! membrane from the first step and decays as the channel's own state does, neuron by
//! neuron whatever the block split; bad inputs are rejected with the whole message.

use sc_neurocore_core::Result;
use sc_neurocore_runner::{
    Connectivity, Network, NetworkRunner, ProjectionSpec, RunConfig, SynapseKind,
};
use sc_neurocore_topology::{ConnectOptions, Topology};

const DT: f64 = 1e-4;
const N: usize = 8;
const TAU_SYN: f64 = 5e-3;
const E_REV: f64 = 0.0;

fn conductance() -> SynapseKind {
    SynapseKind::Conductance {
        tau_syn: TAU_SYN,
        e_rev: E_REV,
    }
}

/// `N` LIF neurons (defaults: tau_m 10 ms, C_m 250 pF, E_L = V(0) = -70 mV) receiving
/// conductance synapses from a silent source (a `poisson` neuron with rate 0), so that the
/// channel exists and only its initial state acts.
fn network() -> (Network, usize) {
    let mut net = Network::new(3);
    let src = net
        .add_population("silent", "poisson", 1, &[("rate", 0.0.into())])
        .unwrap();
    let tgt = net.add_population("exc", "lif", N, &[]).unwrap();
    net.add_projection(
        ProjectionSpec::new(
            "silent->exc",
            src,
            tgt,
            Connectivity::Generated {
                topology: Topology::AllToAll,
                weight: 1.0,
                options: ConnectOptions::default(),
            },
        )
        .synapse(conductance()),
    )
    .unwrap();
    (net, tgt)
}

/// Each neuron's conductance at t = 0 acts over the first step as the current ḡ (E - V)
/// held over it, ḡ its mean over the step (the channel's rule), then decays by
/// exp(-dt/tau_syn) per step: V after two steps equals the exact LIF propagation of those
/// currents, for 1 and 3 threads.
#[test]
fn initial_conductances_drive_the_membrane_from_the_first_step() {
    let g0: Vec<f64> = (0..N).map(|i| i as f64 * 1.5).collect();
    for threads in [1, 3] {
        let (mut net, tgt) = network();
        net.set_initial_synaptic_state(tgt, conductance(), g0.clone())
            .unwrap();
        let mut r = NetworkRunner::new(&net, RunConfig { dt: DT, threads }).unwrap();
        let (h, tau_m, r_m) = (DT * 1e3, 10.0, 10.0 / 250.0);
        let decay_syn = (-h / (TAU_SYN * 1e3)).exp();
        let mean = TAU_SYN * 1e3 / h * (1.0 - decay_syn);
        let mut v = [-70.0; N];
        let mut g = g0.clone();
        for step in 0..2 {
            r.run(DT).unwrap();
            for i in 0..N {
                let current = g[i] * mean * (E_REV - v[i]);
                let v_inf = -70.0 + r_m * current;
                v[i] = v_inf + (v[i] - v_inf) * (-h / tau_m).exp();
                g[i] *= decay_syn;
            }
            let got = r.state(tgt, "v").unwrap();
            for i in 0..N {
                assert!(
                    (got[i] - v[i]).abs() < 1e-12,
                    "{threads} threads, step {step}, neuron {i}: V {} vs {}",
                    got[i],
                    v[i]
                );
            }
        }
        assert_eq!(
            r.state(tgt, "v").unwrap()[0],
            -70.0,
            "g = 0 leaves V at rest"
        );
        let v_end = r.state(tgt, "v").unwrap();
        assert!(v_end[N - 1] > -69.9, "g > 0 depolarises: {v_end:?}");
    }
}

#[track_caller]
fn check<T: std::fmt::Debug>(r: Result<T>, want: &str) {
    match r {
        Ok(v) => panic!("expected the error {want:?}, got Ok({v:?})"),
        Err(e) => assert_eq!(e.to_string(), want),
    }
}

#[test]
fn bad_initial_states_are_rejected() {
    let (mut net, tgt) = network();
    check(
        net.set_initial_synaptic_state(5, conductance(), vec![0.0; N]),
        "InitialSynapticState: population = 5 is out of range; valid range: [0, 2)",
    );
    check(
        net.set_initial_synaptic_state(tgt, SynapseKind::Delta, vec![0.0; N]),
        "Initial delta state of 'exc': delta synapses have no state (a spike's jump acts at \
         once); use an exponential, alpha, conductance or nmda synapse",
    );
    check(
        net.set_initial_synaptic_state(tgt, conductance(), vec![0.0; N + 1]),
        "Initial conductance state of 'exc': values = 9 is out of range; valid range: one \
         value per neuron, 8",
    );
    let mut nan = vec![0.0; N];
    nan[3] = f64::NAN;
    check(
        net.set_initial_synaptic_state(tgt, conductance(), nan),
        "Initial conductance state of 'exc': values[3] = NaN is out of range; valid range: \
         finite numbers",
    );
    check(
        net.set_initial_synaptic_state(
            tgt,
            SynapseKind::Conductance {
                tau_syn: -1.0,
                e_rev: 0.0,
            },
            vec![0.0; N],
        ),
        "Initial conductance state of 'exc': tau_syn = -1 is out of range; valid range: (0, inf)",
    );
    // A kind no synapse of the population has: rejected when the runner is built.
    let other = SynapseKind::Exponential { tau_syn: 2e-3 };
    net.set_initial_synaptic_state(tgt, other, vec![1.0; N])
        .unwrap();
    match NetworkRunner::new(&net, RunConfig { dt: DT, threads: 1 }) {
        Ok(_) => panic!("a state for a channel that does not exist was accepted"),
        Err(e) => assert_eq!(
            e.to_string(),
            "Initial exponential state of 'exc': no exponential(tau_syn=0.002) synapses reach \
             'exc' (no projection or spike stimulus of that kind); its synapse kinds: \
             [conductance(tau_syn=0.005, e_rev=0)]"
        ),
    }
}

#[test]
fn setting_a_channel_again_replaces_its_values() {
    let (mut net, tgt) = network();
    net.set_initial_synaptic_state(tgt, conductance(), vec![1.0; N])
        .unwrap();
    net.set_initial_synaptic_state(tgt, conductance(), vec![2.0; N])
        .unwrap();
    assert_eq!(net.initial_synaptic_states().len(), 1);
    assert_eq!(net.initial_synaptic_states()[0].values, vec![2.0; N]);
}
