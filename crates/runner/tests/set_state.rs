//! `NetworkRunner::set_state`: a state variable set between runs is where the next step
//! starts from (Brian2's `group.v = ...` between runs), on every block and thread count, and
//! bad values are rejected without changing anything.

use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{MonitorSpec, Network, NetworkRunner, RunConfig};

/// 30 LIF neurons with drives spread over threshold, initial potentials `v_init`.
fn net(v_init: f64) -> Network {
    let mut net = Network::new(5);
    let i_e: Vec<f64> = (0..30).map(|i| 350.0 + 10.0 * i as f64).collect();
    net.add_population(
        "a",
        "lif",
        30,
        &[
            ("i_e", ParamValue::PerNeuron(i_e)),
            ("v_init", ParamValue::Scalar(v_init)),
        ],
    )
    .unwrap();
    net.add_monitor(MonitorSpec::Spikes { population: 0 })
        .unwrap();
    net
}

#[test]
fn a_state_set_between_runs_is_where_the_next_run_starts() {
    for threads in [1, 3] {
        let config = RunConfig { dt: 1e-4, threads };
        // Reference: from v = -60 mV at t = 0.
        let mut reference = NetworkRunner::new(&net(-60.0), config).unwrap();
        let initial: Vec<Vec<f64>> = ["v", "refractory"]
            .iter()
            .map(|v| reference.state(0, v).unwrap())
            .collect();
        reference.run(0.05).unwrap();
        // Run 20 ms from -70 mV, then set every state variable to the reference's initial
        // state: the next 50 ms are the reference's run, 20 ms later.
        let mut set = NetworkRunner::new(&net(-70.0), config).unwrap();
        set.run(0.02).unwrap();
        let before = set.spike_data(0).unwrap().count();
        assert!(before > 0);
        for (var, values) in ["v", "refractory"].iter().zip(&initial) {
            set.set_state(0, var, values).unwrap();
            assert_eq!(&set.state(0, var).unwrap(), values);
        }
        set.run(0.05).unwrap();
        let want = reference.spike_data(0).unwrap();
        let got = set.spike_data(0).unwrap();
        let later: Vec<(f64, u32)> = got
            .times()
            .iter()
            .zip(got.ids())
            .skip(before)
            .map(|(&t, &i)| (t, i))
            .collect();
        let shifted: Vec<(f64, u32)> = want
            .times()
            .iter()
            .zip(want.ids())
            .map(|(&t, &i)| (t, i))
            .collect();
        assert_eq!(later.len(), shifted.len());
        assert!(!later.is_empty());
        for ((t1, i1), (t0, i0)) in later.iter().zip(&shifted) {
            assert_eq!(i1, i0);
            assert!((t1 - (t0 + 0.02)).abs() < 1e-9, "{t1} vs {t0} + 0.02");
        }
    }
}

#[test]
fn bad_states_are_rejected_and_change_nothing() {
    let config = RunConfig {
        dt: 1e-4,
        threads: 2,
    };
    let mut r = NetworkRunner::new(&net(-70.0), config).unwrap();
    r.run(0.01).unwrap();
    let v = r.state(0, "v").unwrap();
    let check = |e: sc_neurocore_core::Error, want: &str| assert_eq!(e.to_string(), want);
    check(
        r.set_state(0, "w", &[0.0; 30]).unwrap_err(),
        "Population 'a': unknown variable 'w'; known: v, refractory",
    );
    check(
        r.set_state(0, "v", &[0.0; 29]).unwrap_err(),
        "Population 'a': v has size 29, expected 30",
    );
    let mut bad = vec![-65.0; 30];
    bad[7] = f64::NAN;
    check(
        r.set_state(0, "v", &bad).unwrap_err(),
        "Population 'a': v[7] = NaN is out of range; valid range: any finite number",
    );
    check(
        r.set_state(1, "v", &bad).unwrap_err(),
        "NetworkRunner: population = 1 is out of range; valid range: [0, 1)",
    );
    assert_eq!(r.state(0, "v").unwrap(), v);
}
