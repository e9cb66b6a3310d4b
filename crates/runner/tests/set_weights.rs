//! `NetworkRunner::set_weights` and `Network::connectivity`: weights replaced between runs
//! (what the Python bindings' manual STDP does) act from the next step on, exactly as if the
//! network had been built with them, and bad weights are rejected without changing anything.

use sc_neurocore_neurons::ParamValue;
use sc_neurocore_plasticity::StdpParams;
use sc_neurocore_runner::{
    Connectivity, MonitorSpec, Network, NetworkRunner, ProjectionSpec, RunConfig,
};
use sc_neurocore_stimuli::PoissonInput;
use sc_neurocore_topology::{ConnectOptions, Topology};

fn net(weight: f64, stdp: bool) -> (Network, usize) {
    let mut net = Network::new(3);
    let a = net
        .add_population("a", "lif", 40, &[("i_e", ParamValue::Scalar(300.0))])
        .unwrap();
    let mut p = ProjectionSpec::new(
        "a->a",
        a,
        a,
        Connectivity::Generated {
            topology: Topology::Random { probability: 0.2 },
            weight,
            options: ConnectOptions::default(),
        },
    );
    if stdp {
        p = p.stdp(StdpParams::default());
    }
    net.add_projection(p).unwrap();
    net.add_stimulus(
        "drive",
        PoissonInput::new(40, 800.0, 2.0).unwrap().into(),
        None,
        sc_neurocore_runner::SynapseKind::Delta,
    )
    .unwrap();
    let m = net
        .add_monitor(MonitorSpec::Spikes { population: a })
        .unwrap();
    (net, m)
}

#[test]
fn new_weights_act_as_if_built_with_them() {
    let config = RunConfig {
        dt: 1e-4,
        threads: 2,
    };
    // Reference: built with weights 0.5 from the start.
    let (n1, m1) = net(0.5, false);
    let mut reference = NetworkRunner::new(&n1, config).unwrap();
    reference.run(0.05).unwrap();
    // Built with 0.1, switched to 0.5 before the first step.
    let (n2, m2) = net(0.1, false);
    let mut switched = NetworkRunner::new(&n2, config).unwrap();
    let csr = n2.connectivity(0).unwrap();
    assert_eq!(csr, n1.connectivity(0).unwrap().clone().tap_weights(0.1));
    switched.set_weights(0, &vec![0.5; csr.nnz()]).unwrap();
    switched.run(0.05).unwrap();
    assert_eq!(
        reference.spike_data(m1).unwrap(),
        switched.spike_data(m2).unwrap()
    );
    assert_eq!(switched.weights(0).unwrap(), vec![0.5; csr.nnz()]);
    assert!(reference.spike_data(m1).unwrap().count() > 0);
}

#[test]
fn bad_weights_are_rejected_and_change_nothing() {
    let (n, _) = net(0.1, true);
    let mut r = NetworkRunner::new(
        &n,
        RunConfig {
            dt: 1e-4,
            threads: 1,
        },
    )
    .unwrap();
    let nnz = n.connectivity(0).unwrap().nnz();
    let e = r.set_weights(0, &[0.1]).unwrap_err().to_string();
    assert_eq!(
        e,
        format!("Projection 'a->a': weights has size 1, expected {nnz}")
    );
    let mut w = vec![0.2; nnz];
    w[3] = f64::NAN;
    let e = r.set_weights(0, &w).unwrap_err().to_string();
    assert!(e.contains("weights[3] = NaN is out of range"), "{e}");
    w[3] = 2.0;
    let e = r.set_weights(0, &w).unwrap_err().to_string();
    assert!(
        e.contains("weights[3] = 2 is out of range; valid range: [0, 1] (the STDP bounds)"),
        "{e}"
    );
    w[3] = -0.2;
    assert!(r.set_weights(0, &w).is_err());
    assert_eq!(r.weights(0).unwrap(), vec![0.1; nnz]);
    assert!(n.connectivity(1).is_err());
    // A plastic projection keeps learning from the new weights.
    r.set_weights(0, &vec![0.3; nnz]).unwrap();
    r.run(0.05).unwrap();
    let after = r.weights(0).unwrap();
    assert!(after.iter().any(|&x| x != 0.3));
    assert!(after.iter().all(|&x| (0.0..=1.0).contains(&x)));
}

trait TapWeights {
    fn tap_weights(self, w: f64) -> Self;
}

impl TapWeights for sc_neurocore_core::Csr {
    fn tap_weights(mut self, w: f64) -> Self {
        self.fill_weights(w);
        self
    }
}
