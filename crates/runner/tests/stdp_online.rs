//! Online STDP inside the step loop against the analytic pair rule.
//!
//! Spike times are set by one-step current pulses (1e5 pA for one step lifts a resting LIF by
//! ~40 mV, far above threshold; `t_ref = 0` so that any step can be chosen): a pulse in step
//! `k` makes the neuron spike in step `k`, at `(k+1)·dt`. The monitors confirm every spike
//! time before the weights are checked. With additive STDP and weights that stay inside the
//! bounds, the all-to-all rule must change each synapse by exactly
//! `Σ_pre Σ_post stdp_pair_weight_change(t_post − t_pre)` (to rounding: 1e-9 relative).

use sc_neurocore_core::{Csr, TimeGrid};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_plasticity::{StdpMode, StdpParams, stdp_pair_weight_change};
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, NetworkRunner, ProjectionSpec, RunConfig,
    SynapseKind,
};
use sc_neurocore_stimuli::StepCurrent;

const DT: f64 = 1e-4;

/// Asymmetric time constants, so that swapping them would be seen.
fn params() -> StdpParams {
    StdpParams {
        tau_plus: 16.8e-3,
        tau_minus: 33.7e-3,
        a_plus: 0.01,
        a_minus: 0.0105,
        w_min: 0.0,
        w_max: 1.0,
        dendritic_delay_fraction: 1.0,
        mode: StdpMode::Additive,
    }
}

/// A pre and a post population, each neuron fired at chosen steps, one plastic projection.
struct Case {
    /// Spike steps of each presynaptic neuron.
    pre: Vec<Vec<u64>>,
    /// Spike steps of each postsynaptic neuron.
    post: Vec<Vec<u64>>,
    csr: Csr,
    stdp: StdpParams,
    delay: Delay,
    threads: usize,
}

/// Weights of the plastic projection after every `chunk` steps (the last entry is final).
struct Outcome {
    weights: Vec<Vec<f64>>,
}

fn pulses(net: &mut Network, pop: usize, fire: &[Vec<u64>], tag: &str) {
    let n = fire.len();
    for (i, ks) in fire.iter().enumerate() {
        for &k in ks {
            let mut amp = vec![0.0; n];
            amp[i] = 1e5;
            net.add_stimulus(
                &format!("{tag}{i}_{k}"),
                StepCurrent::new(k as f64 * DT, (k + 1) as f64 * DT, amp)
                    .unwrap()
                    .into(),
                Some(pop),
                SynapseKind::Delta,
            )
            .unwrap();
        }
    }
}

/// Spike steps per neuron recorded by spike monitor `m`.
fn observed(r: &NetworkRunner, m: usize, n: usize) -> Vec<Vec<u64>> {
    let d = r.spike_data(m).unwrap();
    let mut out = vec![Vec::new(); n];
    for (&t, &i) in d.times().iter().zip(d.ids()) {
        out[i as usize].push((t / DT).round() as u64 - 1);
    }
    out
}

fn run_case(c: &Case, chunk: u64) -> Outcome {
    let last = c
        .pre
        .iter()
        .chain(&c.post)
        .flatten()
        .max()
        .copied()
        .unwrap_or(0);
    // The spikes of the last step act when they reach the synapse: up to 7 ms (70 steps)
    // later, plus one step for routing.
    let steps = last + 80;
    let mut net = Network::new(3);
    let lif = [("t_ref", ParamValue::Scalar(0.0))];
    let pre = net.add_population("pre", "lif", c.pre.len(), &lif).unwrap();
    let post = net
        .add_population("post", "lif", c.post.len(), &lif)
        .unwrap();
    net.add_projection(
        ProjectionSpec::new("plastic", pre, post, Connectivity::Explicit(c.csr.clone()))
            .delay(c.delay.clone())
            .stdp(c.stdp),
    )
    .unwrap();
    pulses(&mut net, pre, &c.pre, "pre");
    pulses(&mut net, post, &c.post, "post");
    let m_pre = net
        .add_monitor(MonitorSpec::Spikes { population: pre })
        .unwrap();
    let m_post = net
        .add_monitor(MonitorSpec::Spikes { population: post })
        .unwrap();
    let mut r = NetworkRunner::new(
        &net,
        RunConfig {
            dt: DT,
            threads: c.threads,
        },
    )
    .unwrap();
    let mut weights = Vec::new();
    let mut done = 0;
    while done < steps {
        let k = chunk.min(steps - done);
        r.run(k as f64 * DT).unwrap();
        done += k;
        weights.push(r.weights(0).unwrap());
    }
    assert_eq!(
        observed(&r, m_pre, c.pre.len()),
        c.pre,
        "presynaptic spikes"
    );
    assert_eq!(
        observed(&r, m_post, c.post.len()),
        c.post,
        "postsynaptic spikes"
    );
    Outcome { weights }
}

/// Delay of synapse `k` in steps, as the grid rounds it (at least one step).
fn delay_steps(c: &Case, k: usize) -> u64 {
    let d = match &c.delay {
        Delay::Uniform(d) => *d,
        Delay::PerSynapse(v) => v[k],
        other => panic!("no fixed delay: {other:?}"),
    };
    TimeGrid::new(DT).unwrap().delay_steps(d).unwrap() as u64
}

/// The analytic all-to-all change of synapse `k` (s -> t): each pair at its time difference
/// where the two spikes meet at the synapse, `t_post + d_dend − (t_pre + d_ax)`.
fn expected_change(c: &Case, k: usize, s: usize, t: usize) -> f64 {
    let (d_dend, d_ax) = c.stdp.split_delay(delay_steps(c, k));
    let mut dw = 0.0;
    for &kp in &c.pre[s] {
        for &kq in &c.post[t] {
            let steps = (kq + d_dend) as f64 - (kp + d_ax) as f64;
            dw += stdp_pair_weight_change(steps * DT, &c.stdp);
        }
    }
    dw
}

/// Checks every synapse's final weight against `w0 + expected_change` (1e-9 relative).
fn check_against_pairs(c: &Case, out: &Outcome) {
    let fin = out.weights.last().unwrap();
    let (ptr, idx, w0) = (c.csr.indptr(), c.csr.indices(), c.csr.weights());
    for s in 0..c.csr.n_rows() {
        for k in ptr[s]..ptr[s + 1] {
            let t = idx[k] as usize;
            let want = expected_change(c, k, s, t) * if w0[k] < 0.0 { -1.0 } else { 1.0 };
            let got = fin[k] - w0[k];
            assert!(
                want != 0.0 || got == 0.0,
                "synapse {k} ({s} -> {t}): no pair, but changed by {got}"
            );
            assert!(
                (got - want).abs() <= 1e-9 * want.abs(),
                "synapse {k} ({s} -> {t}): weight change {got:e}, pair sum {want:e}"
            );
        }
    }
}

fn one_to_one(w0: f64) -> Csr {
    Csr::from_rows(1, vec![vec![(0, w0)]]).unwrap()
}

fn single(pre: u64, post: u64, w0: f64, stdp: StdpParams) -> Case {
    Case {
        pre: vec![vec![pre]],
        post: vec![vec![post]],
        csr: one_to_one(w0),
        stdp,
        delay: Delay::Uniform(1e-3),
        threads: 1,
    }
}

/// Proves the sign and size of one pair at Δt = ±10 ms at the synapse: potentiation by
/// exactly `a_plus·e^{−10/16.8}`, depression by exactly `a_minus·e^{−10/33.7}` (the windows
/// are not swapped), and nothing for spikes that meet at the synapse in the same step. The
/// delay is 1 ms; with the default (NEST's) convention the synapse sees the postsynaptic spike
/// 1 ms late, so the emission times differ by 9 ms.
#[test]
fn one_pair_potentiates_or_depresses_by_the_pair_rule() {
    let p = params();
    let w0 = 0.5;
    let fin = |c: &Case| {
        *run_case(c, u64::MAX)
            .weights
            .last()
            .unwrap()
            .first()
            .unwrap()
    };

    let c = single(100, 190, w0, p); // post 9 ms after pre, seen 10 ms after it
    let dw = fin(&c) - w0;
    let want = p.a_plus * (-10.0 / 16.8f64).exp();
    assert!(dw > 0.0, "Δt = +10 ms must potentiate, got {dw}");
    assert!((dw - want).abs() <= 1e-9 * want, "{dw} vs {want}");
    check_against_pairs(&c, &run_case(&c, u64::MAX));

    let c = single(210, 100, w0, p); // post 11 ms before pre, seen 10 ms before it
    let dw = fin(&c) - w0;
    let want = -p.a_minus * (-10.0 / 33.7f64).exp();
    assert!(dw < 0.0, "Δt = −10 ms must depress, got {dw}");
    assert!((dw - want).abs() <= 1e-9 * want.abs(), "{dw} vs {want}");

    let c = single(150, 140, w0, p); // post 1 ms before pre: they meet in the same step
    assert_eq!(fin(&c), w0, "Δt = 0 at the synapse changes nothing");
}

/// The other conventions: with `dendritic_delay_fraction = 0` (Brian2's, Izhikevich's) the
/// synapse sees the presynaptic spike when it arrives, so a pre spike 10 ms + delay before the
/// post potentiates as Δt = 10 ms, and spikes with t_post = t_pre + delay meet in the same
/// step; with 0.5 a 3-step delay splits into 2 dendritic and 1 axonal steps.
#[test]
fn the_delay_fraction_moves_the_pair_by_the_delay() {
    let w0 = 0.5;
    let fin = |c: &Case| {
        *run_case(c, u64::MAX)
            .weights
            .last()
            .unwrap()
            .first()
            .unwrap()
    };
    let axonal = StdpParams {
        dendritic_delay_fraction: 0.0,
        ..params()
    };
    let c = single(100, 210, w0, axonal);
    let want = axonal.a_plus * (-10.0 / 16.8f64).exp();
    assert!((fin(&c) - w0 - want).abs() <= 1e-9 * want);
    let c = single(200, 110, w0, axonal); // pre arrives 10 ms after the post spike
    let want = -axonal.a_minus * (-10.0 / 33.7f64).exp();
    assert!((fin(&c) - w0 - want).abs() <= 1e-9 * want.abs());
    assert_eq!(
        fin(&single(150, 160, w0, axonal)),
        w0,
        "arrival in the post spike's step"
    );

    let half = StdpParams {
        dendritic_delay_fraction: 0.5,
        ..params()
    };
    let mut c = single(100, 200, w0, half);
    c.delay = Delay::Uniform(3e-4);
    // Seen at 100 + 1 and 200 + 2: Δt = 101 steps.
    let want = half.a_plus * (-10.1 / 16.8f64).exp();
    assert!((fin(&c) - w0 - want).abs() <= 1e-9 * want);
    check_against_pairs(&c, &run_case(&c, 7));
}

/// Several spikes per neuron and a 2 x 3 projection (5 synapses, CSR order not by target):
/// every synapse changes by the all-to-all sum over its own pairs, including pairs at Δt = 0
/// and pairs far apart, with delays of 1 ms or per-synapse up to 7 ms, in both delay
/// conventions; with 1 or 2 threads (the post population split into blocks) and in chunked
/// runs, the weights are bit-identical.
#[test]
fn spike_trains_change_each_synapse_by_the_sum_over_all_pairs() {
    let csr = Csr::from_rows(
        3,
        vec![
            vec![(2, 0.3), (0, 0.5), (1, 0.45)],
            vec![(1, 0.6), (2, 0.2)],
        ],
    )
    .unwrap();
    let mut c = Case {
        pre: vec![vec![50, 180, 300, 420, 700], vec![90, 300, 310, 800]],
        post: vec![
            vec![120, 300, 450],
            vec![60, 200, 301, 690, 900],
            vec![30, 500, 520],
        ],
        csr,
        stdp: params(),
        delay: Delay::Uniform(1e-3),
        threads: 1,
    };
    check_against_pairs(&c, &run_case(&c, u64::MAX));
    for fraction in [1.0, 0.0] {
        c.stdp.dendritic_delay_fraction = fraction;
        c.delay = Delay::PerSynapse(vec![1e-4, 7e-3, 2.5e-3, 0.0, 4e-3]);
        c.threads = 1;
        let base = run_case(&c, u64::MAX);
        check_against_pairs(&c, &base);
        c.threads = 2;
        let other = run_case(&c, 37);
        assert_eq!(
            base.weights.last().unwrap(),
            other.weights.last().unwrap(),
            "threads/chunked runs changed the weights"
        );
    }
}

/// Proves the hard bounds of additive STDP: strong potentiation stops exactly at `w_max`,
/// strong depression exactly at `w_min`, and no weight ever leaves `[w_min, w_max]` (checked
/// every 2 ms of the run). One-sided amplitudes (the other is 0), since with all-to-all pairs
/// a regular train also meets the previous cycle's spikes the other way round.
#[test]
fn weights_stay_inside_the_bounds() {
    // Post 2 ms after pre, 20 times; synapse 0 -> 0 starts low, 1 -> 1 high.
    let pre: Vec<u64> = (0..20).map(|i| 100 + 50 * i).collect();
    let post: Vec<u64> = pre.iter().map(|k| k + 20).collect();
    for (a_plus, a_minus, end) in [(0.2, 0.0, 0.8), (0.0, 0.2, 0.1)] {
        let c = Case {
            pre: vec![pre.clone(), pre.clone()],
            post: vec![post.clone(), post.clone()],
            csr: Csr::from_rows(2, vec![vec![(0, 0.15)], vec![(1, 0.75)]]).unwrap(),
            stdp: StdpParams {
                a_plus,
                a_minus,
                w_min: 0.1,
                w_max: 0.8,
                ..params()
            },
            delay: Delay::Uniform(1e-3),
            threads: 2,
        };
        let out = run_case(&c, 20);
        for w in &out.weights {
            assert!(w.iter().all(|&x| (0.1..=0.8).contains(&x)), "{w:?}");
        }
        assert_eq!(out.weights.last().unwrap(), &vec![end, end]);
    }
}

/// Proves that inhibitory weights keep their sign: the rule works on |w|, so Δt = +10 ms
/// makes w more negative by the pair rule, Δt = −10 ms less negative, and strong depression
/// stops at −w_min; no weight ever becomes positive or leaves [−w_max, −w_min].
#[test]
fn inhibitory_weights_stay_inhibitory() {
    let p = params();
    let c = single(100, 200, -0.5, p);
    let out = run_case(&c, u64::MAX);
    check_against_pairs(&c, &out);
    assert!(out.weights.last().unwrap()[0] < -0.5);
    let c = single(200, 100, -0.5, p);
    let out = run_case(&c, u64::MAX);
    check_against_pairs(&c, &out);
    assert!(out.weights.last().unwrap()[0] > -0.5);

    let strong = StdpParams {
        a_minus: 0.3,
        w_min: 0.05,
        ..p
    };
    let post: Vec<u64> = (0..15).map(|i| 100 + 40 * i).collect();
    // Pre 2 ms after post: 1 ms after the synapse sees the post spike (the 1 ms delay).
    let pre: Vec<u64> = post.iter().map(|k| k + 20).collect();
    let c = Case {
        pre: vec![pre],
        post: vec![post],
        csr: one_to_one(-0.4),
        stdp: strong,
        delay: Delay::Uniform(1e-3),
        threads: 1,
    };
    let out = run_case(&c, 10);
    for w in &out.weights {
        assert!((-1.0..=-0.05).contains(&w[0]), "{w:?}");
    }
    assert_eq!(out.weights.last().unwrap()[0], -0.05);
}

/// Proves the multiplicative (soft-bound) mode for one pair of each sign:
/// potentiation adds `a_plus·e^{−Δt/τ+}·(w_max − w)`, depression subtracts
/// `a_minus·e^{Δt/τ−}·(w − w_min)`.
#[test]
fn multiplicative_mode_scales_by_the_distance_to_the_bound() {
    let p = StdpParams {
        mode: StdpMode::Multiplicative,
        a_plus: 0.2,
        a_minus: 0.3,
        w_min: 0.1,
        w_max: 0.9,
        ..params()
    };
    let w0 = 0.4;
    // The synapse sees the post spike 1 ms (the delay) late: Δt = ±8 ms there.
    let got = run_case(&single(100, 170, w0, p), u64::MAX).weights[0][0];
    let want = w0 + 0.2 * (-8.0 / 16.8f64).exp() * (0.9 - w0);
    assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    let got = run_case(&single(190, 100, w0, p), u64::MAX).weights[0][0];
    let want = w0 - 0.3 * (-8.0 / 33.7f64).exp() * (w0 - 0.1);
    assert!((got - want).abs() < 1e-12, "{got} vs {want}");
}
