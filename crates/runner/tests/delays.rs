//! Synaptic delays to the step, and the time course of each synapse kind, observed through
//! the membrane of silent LIF targets.
//!
//! Conventions under test (DESIGN.md §2, `build.rs`): a spike emitted while integrating step
//! `k` carries the time `(k+1)·dt`; a delay `D` is rounded to `d = max(1, round(D/dt))` steps
//! and the spike acts on its target at `t_a = (k+1)·dt + d·dt`. A state monitor sample of step
//! `j` holds the state at `j·dt`, before step `j` integrates.
//!
//! Observation. A silent LIF target (`e_l = v_init = -70 mV`, no input) sits at exactly
//! `-70 mV`. Its integrator is exact for a current held over a step, so from two consecutive
//! samples the input of the step between them is recovered exactly (up to rounding):
//! `v[j+1] = v_inf + (v[j] − v_inf)·P + jump`, `P = exp(−h/tau_m)`, `v_inf = e_l + R·I`.
//! With only delta input (`I = 0`) this gives the jump of step `j`; with only current input
//! (no jump) it gives the current `I_j` held over step `j`, i.e. over `[j·dt, (j+1)·dt)`.

use sc_neurocore_core::Csr;
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{
    Connectivity, Delay, MonitorSpec, Network, NetworkRunner, ProjectionSpec, RunConfig,
    SynapseKind,
};
use sc_neurocore_stimuli::StepCurrent;

/// Step, seconds.
const DT: f64 = 1e-4;
/// Step, ms.
const H: f64 = 0.1;
/// Target LIF constants (the model's defaults).
const TAU_M: f64 = 10.0;
const C_M: f64 = 250.0;
const E_L: f64 = -70.0;

/// What a probe run returns.
struct Probe {
    /// Steps in which the source neurons spiked (spike time = (step + 1)·dt), per source.
    source_steps: Vec<Vec<u64>>,
    /// `v` of every target neuron at the start of every step: `v[i][j]` = neuron i at j·dt.
    v: Vec<Vec<f64>>,
}

/// A one-step current pulse into source neuron `i` of `n` (1e5 pA for one step lifts a
/// resting LIF by ~40 mV, far above threshold), so that it spikes in exactly step `k`.
fn pulse(k: u64, i: usize, n: usize) -> StepCurrent {
    let mut amp = vec![0.0; n];
    amp[i] = 1e5;
    StepCurrent::new(k as f64 * DT, (k + 1) as f64 * DT, amp).unwrap()
}

/// Builds `n_src` LIF sources, each fired at the steps `fire[i]` by one-step pulses, projecting
/// through `csr` (`synapse`, `delay`) onto `n_tgt` silent LIF targets; runs `steps` steps
/// with `threads` threads.
fn probe(
    fire: &[Vec<u64>],
    n_tgt: usize,
    csr: Csr,
    synapse: SynapseKind,
    delay: Delay,
    steps: u64,
    threads: usize,
) -> Probe {
    let n_src = fire.len();
    let mut net = Network::new(1);
    let src = net.add_population("src", "lif", n_src, &[]).unwrap();
    let tgt = net
        .add_population(
            "tgt",
            "lif",
            n_tgt,
            &[("v_th", ParamValue::Scalar(1e3))], // never fires: we read its input
        )
        .unwrap();
    net.add_projection(
        ProjectionSpec::new("p", src, tgt, Connectivity::Explicit(csr))
            .synapse(synapse)
            .delay(delay),
    )
    .unwrap();
    for (i, ks) in fire.iter().enumerate() {
        for &k in ks {
            net.add_stimulus(
                &format!("pulse{i}_{k}"),
                pulse(k, i, n_src).into(),
                Some(src),
                SynapseKind::Delta,
            )
            .unwrap();
        }
    }
    let sm = net
        .add_monitor(MonitorSpec::Spikes { population: src })
        .unwrap();
    let vm = net
        .add_monitor(MonitorSpec::State {
            population: tgt,
            variable: "v".into(),
            indices: None,
            interval: None,
        })
        .unwrap();
    let mut r = NetworkRunner::new(&net, RunConfig { dt: DT, threads }).unwrap();
    r.run(steps as f64 * DT).unwrap();
    let spikes = r.spike_data(sm).unwrap();
    let mut source_steps = vec![Vec::new(); n_src];
    for (&t, &i) in spikes.times().iter().zip(spikes.ids()) {
        let k1 = (t / DT).round();
        assert!((t / DT - k1).abs() < 1e-9, "spike time {t} is off the grid");
        source_steps[i as usize].push(k1 as u64 - 1);
    }
    let data = r.state_data(vm).unwrap();
    for (j, &t) in data.times().iter().enumerate() {
        assert!((t - j as f64 * DT).abs() < 1e-15, "sample {j} at {t}");
    }
    let v = (0..n_tgt).map(|i| data.column(i)).collect();
    Probe { source_steps, v }
}

fn decay() -> f64 {
    (-H / TAU_M).exp()
}

/// The jump of each step, from a trace with no current input.
fn jumps(v: &[f64]) -> Vec<f64> {
    let p = decay();
    v.windows(2)
        .map(|w| w[1] - (E_L + (w[0] - E_L) * p))
        .collect()
}

/// The current (pA) held over each step, from a trace with no jump input.
fn currents(v: &[f64]) -> Vec<f64> {
    let p = decay();
    let r = TAU_M / C_M;
    v.windows(2)
        .map(|w| ((w[1] - w[0] * p) / (1.0 - p) - E_L) / r)
        .collect()
}

/// Steps whose value is not (numerically) zero, with the values.
fn nonzero(xs: &[f64], tol: f64) -> Vec<(u64, f64)> {
    xs.iter()
        .enumerate()
        .filter(|(_, x)| x.abs() > tol)
        .map(|(j, &x)| (j as u64, x))
        .collect()
}

fn one_to_one(w: f64) -> Csr {
    Csr::from_rows(1, vec![vec![(0, w)]]).unwrap()
}

/// Proves that a delta synapse with delay D makes the target jump exactly `d` steps after
/// the source's spike time (the first sample showing the jump is at `(k+1)·dt + d·dt`), with
/// `d = round(D/dt)` and at least one step: 1 dt, 1.5 ms, 2.05 ms (→ 2.1 ms: 2.05e-3/1e-4 is
/// exactly 20.5 in f64 and rounds away from zero), 0 (→ one step), 0.04 ms (→ one step).
#[test]
fn delta_jump_arrives_exactly_the_delay_after_the_spike() {
    let k = 37u64; // source spikes in step 37, at t = 3.8 ms
    let w = 2.0;
    for (delay, d) in [
        (1e-4, 1u64),
        (1.5e-3, 15),
        (2.05e-3, 21),
        (0.0, 1),
        (0.04e-3, 1),
        (12.3e-3, 123),
    ] {
        let p = probe(
            &[vec![k]],
            1,
            one_to_one(w),
            SynapseKind::Delta,
            Delay::Uniform(delay),
            k + d + 20,
            1,
        );
        assert_eq!(p.source_steps, vec![vec![k]], "delay {delay}");
        let v = &p.v[0];
        // The first sample that differs from rest is the one at t_spike + d·dt.
        let first = v.iter().position(|&x| x != E_L).expect("a jump");
        assert_eq!(
            first as u64,
            k + 1 + d,
            "delay {delay} s: jump seen at {} ms, spike at {} ms, expected delay {} steps",
            first as f64 * H,
            (k + 1) as f64 * H,
            d
        );
        assert_eq!(v[first], E_L + w, "delay {delay}: the jump is exactly w");
        // One jump only: the recovered jump series has a single entry, in step k + d.
        let js = nonzero(&jumps(v), 1e-12);
        assert_eq!(js.len(), 1, "delay {delay}: {js:?}");
        assert_eq!(js[0].0, k + d);
        assert!((js[0].1 - w).abs() < 1e-12);
    }
}

/// Proves that per-synapse delays (explicit CSR, one delay per stored synapse, including two
/// synapses onto one target) each act at their own rounded delay, whatever the thread count.
#[test]
fn per_synapse_delays_act_each_at_its_own_step() {
    let k = 5u64;
    // (target, weight, delay s, expected steps); target 3 receives two synapses.
    let syn: [(u32, f64, f64, u64); 6] = [
        (0, 1.0, 1e-4, 1),
        (1, 2.0, 0.0, 1),
        (2, 3.0, 2.05e-3, 21),
        (3, 4.0, 3.0e-3, 30),
        (3, 0.5, 0.7e-3, 7),
        (4, -1.5, 25e-3, 250),
    ];
    let csr = Csr::from_rows(5, vec![syn.iter().map(|s| (s.0, s.1)).collect()]).unwrap();
    let delays = Delay::PerSynapse(syn.iter().map(|s| s.2).collect());
    for threads in [1, 3] {
        let p = probe(
            &[vec![k]],
            5,
            csr.clone(),
            SynapseKind::Delta,
            delays.clone(),
            300,
            threads,
        );
        for t in 0..5u32 {
            let mut want: Vec<(u64, f64)> = syn
                .iter()
                .filter(|s| s.0 == t)
                .map(|s| (k + s.3, s.1))
                .collect();
            want.sort_by_key(|x| x.0);
            let got = nonzero(&jumps(&p.v[t as usize]), 1e-9);
            assert_eq!(got.len(), want.len(), "target {t}: {got:?} vs {want:?}");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g.0, w.0, "target {t}: jump in step {} not {}", g.0, w.0);
                assert!((g.1 - w.1).abs() < 1e-9, "target {t}: {} vs {}", g.1, w.1);
            }
        }
    }
}

/// Proves that the delay rings keep every spike in flight when the delay (25 ms) is longer
/// than the interval between spikes: each of a train of source spikes arrives exactly 25 ms
/// later, once, with its weight.
#[test]
fn spikes_in_flight_longer_than_the_interspike_interval() {
    let fire: Vec<u64> = (0..12).map(|i| 10 + 37 * i + (i * i) % 5).collect();
    let d = 250u64;
    let p = probe(
        std::slice::from_ref(&fire),
        1,
        one_to_one(0.25),
        SynapseKind::Delta,
        Delay::Uniform(25e-3),
        fire.last().unwrap() + d + 5,
        1,
    );
    assert_eq!(p.source_steps[0], fire);
    let got = nonzero(&jumps(&p.v[0]), 1e-9);
    let want: Vec<u64> = fire.iter().map(|k| k + d).collect();
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), want);
    assert!(got.iter().all(|g| (g.1 - 0.25).abs() < 1e-9), "{got:?}");
}

/// Proves that the longest accepted delay (2^16 steps = 6.5536 s at dt = 0.1 ms) is kept
/// exactly: the jump arrives 65536 steps after the spike.
#[test]
fn longest_delay_is_exact() {
    let k = 3u64;
    let d = 1u64 << 16;
    let p = probe(
        &[vec![k]],
        1,
        one_to_one(1.0),
        SynapseKind::Delta,
        Delay::Uniform(d as f64 * DT),
        k + d + 3,
        1,
    );
    let first = p.v[0].iter().position(|&x| x != E_L).expect("a jump") as u64;
    assert_eq!(first, k + 1 + d);
}

/// The exact response of a LIF at rest to `I(t) = i0·exp(−t/tau_s)` switched on at t = 0
/// (times in ms): `V − E_L = (i0/C)·tau_m·tau_s/(tau_s − tau_m)·(e^{−t/tau_s} − e^{−t/tau_m})`.
fn lif_exp_psc(t: f64, i0: f64, tau_s: f64) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    i0 / C_M * TAU_M * tau_s / (tau_s - TAU_M) * ((-t / tau_s).exp() - (-t / TAU_M).exp())
}

/// Proves for the exponential synapse: (1) the current starts at the arrival time
/// `t_a = t_spike + d·dt`, not before (the first step carrying current is the step that
/// begins at `t_a`, as the delta jump is first seen at `t_a`); (2) the current held over
/// each step is the exact mean of `w·exp(−(t − t_a)/tau_syn)` over that step (exact charge,
/// `channel.rs`); (3) the target's membrane follows the analytic LIF response to the
/// exponentially decaying current.
///
/// Tolerance of (3): the held current has the exact charge of each step, so the membrane
/// error at a step boundary is the filtered zero-charge residual `I − Ī` of every step.
/// Against the kernel `e^{−(t−s)/tau_m}/C`, whose slope is at most `1/(C·tau_m)`, each step
/// contributes at most `(1/(C·tau_m))·∫|I − Ī|·|s − s_mid| ds ≤ |I'|·h³/(8·C·tau_m)`, and
/// summing `|I'| = I/tau_s` over the steps gives `|ΔV| ≤ w·h²·(1 + h/tau_s)/(8·C·tau_m)`
/// = 2.6e-4 mV for w = 500 pA, tau_s = 2 ms (peak response ~2.7 mV). A current starting one
/// step early or late would be off by ~dV/dt·h ≈ 0.2 mV.
#[test]
fn exponential_current_starts_at_arrival_and_matches_the_analytic_response() {
    let (k, d, w, tau_s) = (20u64, 15u64, 500.0, 2.0);
    let p = probe(
        &[vec![k]],
        1,
        one_to_one(w),
        SynapseKind::Exponential {
            tau_syn: tau_s * 1e-3,
        },
        Delay::Uniform(d as f64 * DT),
        k + d + 600,
        1,
    );
    let v = &p.v[0];
    let arrival = k + 1 + d; // step that begins at t_a
    let i = currents(v);
    let first = i.iter().position(|x| x.abs() > 1e-6).expect("some current") as u64;
    assert_eq!(
        first,
        arrival,
        "the exponential current starts at {} ms; spike at {} ms + delay {} ms = {} ms",
        first as f64 * H,
        (k + 1) as f64 * H,
        d as f64 * H,
        arrival as f64 * H
    );
    // (2) exact step means.
    let mean0 = w * tau_s / H * (1.0 - (-H / tau_s).exp());
    for (j, &x) in i.iter().enumerate().skip(arrival as usize) {
        let n = (j as u64 - arrival) as f64;
        let want = mean0 * (-n * H / tau_s).exp();
        assert!(
            (x - want).abs() <= 1e-9 * mean0,
            "step {j}: current {x} pA, exact step mean {want} pA"
        );
    }
    // (3) membrane vs analytic.
    let t_a = arrival as f64 * H;
    let bound = w * H * H * (1.0 + H / tau_s) / (8.0 * C_M * TAU_M);
    let mut worst: f64 = 0.0;
    for (j, &x) in v.iter().enumerate() {
        let want = E_L + lif_exp_psc(j as f64 * H - t_a, w, tau_s);
        worst = worst.max((x - want).abs());
    }
    let peak = v.iter().cloned().fold(f64::MIN, f64::max) - E_L;
    assert!(peak > 2.0, "peak response {peak} mV");
    assert!(
        worst <= bound,
        "membrane differs from the analytic response by {worst} mV (bound {bound} mV)"
    );
}

/// Proves for the alpha synapse: the current starts at the arrival time, has the shape
/// `w·(s/tau)·e^{1 − s/tau}` (s = time since arrival, sampled at each step's start) and
/// peaks at exactly `w`, `tau_syn` after arrival.
#[test]
fn alpha_current_peaks_at_tau_syn_after_arrival() {
    let (k, d, w, tau_s) = (10u64, 4u64, 300.0, 1.5);
    let p = probe(
        &[vec![k]],
        1,
        one_to_one(w),
        SynapseKind::Alpha {
            tau_syn: tau_s * 1e-3,
        },
        Delay::Uniform(d as f64 * DT),
        k + d + 300,
        2,
    );
    let arrival = k + 1 + d;
    let i = currents(&p.v[0]);
    // Before arrival, nothing; the held current at the arrival step is I(0) = 0.
    assert!(i[..=arrival as usize].iter().all(|x| x.abs() < 1e-6));
    let (j_max, i_max) = i
        .iter()
        .enumerate()
        .fold((0, f64::MIN), |a, (j, &x)| if x > a.1 { (j, x) } else { a });
    let tau_steps = (tau_s / H).round() as u64;
    assert_eq!(
        j_max as u64,
        arrival + tau_steps,
        "alpha current peaks {} ms after arrival, tau_syn = {tau_s} ms",
        (j_max as f64 - arrival as f64) * H
    );
    assert!(
        (i_max - w).abs() < 1e-6 * w,
        "peak {i_max} pA, weight {w} pA"
    );
    for (j, &x) in i.iter().enumerate().skip(arrival as usize) {
        let s = (j as u64 - arrival) as f64 * H;
        let want = w * s / tau_s * (1.0 - s / tau_s).exp();
        assert!((x - want).abs() < 1e-6 * w, "step {j}: {x} vs {want}");
    }
}

/// Proves for the conductance synapse: the conductance starts at the arrival time and the
/// current over each step is `ḡ·(e_rev − V)` with `ḡ` the mean over the step of
/// `g = w·exp(−(t − t_a)/tau_syn)` and `V` the membrane at the step's start.
#[test]
fn conductance_starts_at_arrival_and_drives_towards_e_rev() {
    let (k, d, w, tau_s, e_rev) = (8u64, 30u64, 5.0, 3.0, 0.0);
    let p = probe(
        &[vec![k]],
        1,
        one_to_one(w),
        SynapseKind::Conductance {
            tau_syn: tau_s * 1e-3,
            e_rev,
        },
        Delay::Uniform(d as f64 * DT),
        k + d + 200,
        1,
    );
    let v = &p.v[0];
    let arrival = k + 1 + d;
    let i = currents(v);
    let first = i.iter().position(|x| x.abs() > 1e-6).expect("some current") as u64;
    assert_eq!(first, arrival, "conductance current starts at step {first}");
    for (j, &x) in i.iter().enumerate().skip(arrival as usize) {
        let n = (j as u64 - arrival) as f64;
        let g = w * (-n * H / tau_s).exp();
        let mean = tau_s / H * (1.0 - (-H / tau_s).exp());
        let want = g * mean * (e_rev - v[j]);
        assert!(
            (x - want).abs() < 1e-6 * w * 70.0,
            "step {j}: {x} vs {want}"
        );
    }
}
