//! A reference implementation of one STDP step on a source-major CSR, in the order the module
//! docs of [`StdpRule`](crate::StdpRule) define. Simple rather than fast (potentiation scans
//! every synapse): the runner has its own target-partitioned loop and is tested against this.

use sc_neurocore_core::Csr;

use crate::StdpRule;

/// Pre- and postsynaptic traces of one plastic projection.
#[derive(Debug, Clone, PartialEq)]
pub struct StdpTraces {
    pre: Vec<f64>,
    post: Vec<f64>,
}

impl StdpTraces {
    /// Zero traces for `n_src` sources and `n_tgt` targets.
    pub fn new(n_src: usize, n_tgt: usize) -> Self {
        StdpTraces {
            pre: vec![0.0; n_src],
            post: vec![0.0; n_tgt],
        }
    }

    /// Presynaptic traces `x`.
    pub fn pre(&self) -> &[f64] {
        &self.pre
    }

    /// Postsynaptic traces `y`.
    pub fn post(&self) -> &[f64] {
        &self.post
    }

    /// One step: decay; depress the synapses of the sources in `pre_spikes`; potentiate the
    /// synapses onto the targets in `post_spikes`; add 1 to the traces of the neurons that
    /// spiked. `csr` has `n_src` rows and `n_tgt` columns; spike ids are in range.
    pub fn step(
        &mut self,
        rule: &StdpRule,
        csr: &mut Csr,
        pre_spikes: &[u32],
        post_spikes: &[u32],
    ) {
        debug_assert_eq!(
            (csr.n_rows(), csr.n_cols()),
            (self.pre.len(), self.post.len())
        );
        rule.decay_traces(&mut self.pre, &mut self.post);
        let indptr = csr.indptr().to_vec();
        let indices = csr.indices().to_vec();
        let weights = csr.weights_mut();
        for &i in pre_spikes {
            let i = i as usize;
            for s in indptr[i]..indptr[i + 1] {
                weights[s] = rule.on_pre(weights[s], self.post[indices[s] as usize]);
            }
        }
        if !post_spikes.is_empty() {
            let mut spiked = vec![false; self.post.len()];
            post_spikes.iter().for_each(|&j| spiked[j as usize] = true);
            for i in 0..self.pre.len() {
                for s in indptr[i]..indptr[i + 1] {
                    if spiked[indices[s] as usize] {
                        weights[s] = rule.on_post(weights[s], self.pre[i]);
                    }
                }
            }
        }
        pre_spikes.iter().for_each(|&i| self.pre[i as usize] += 1.0);
        post_spikes
            .iter()
            .for_each(|&j| self.post[j as usize] += 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{StdpMode, StdpParams, WeightSign, stdp_pair_weight_change};
    use approx::assert_relative_eq;
    use sc_neurocore_core::{RngStream, StreamKind, TimeGrid};

    const DT: f64 = 1e-4;

    fn params() -> StdpParams {
        StdpParams {
            tau_plus: 0.0168,
            tau_minus: 0.0337,
            a_plus: 0.01,
            a_minus: 0.0105,
            w_min: 0.0,
            w_max: 1.0,
            dendritic_delay_fraction: 1.0,
            mode: StdpMode::Additive,
        }
    }

    /// Weight of a single synapse (initially `w0`) after pre spikes at the steps `pre` and post
    /// spikes at the steps `post`.
    fn run(p: &StdpParams, sign: WeightSign, w0: f64, pre: &[u64], post: &[u64]) -> f64 {
        let g = TimeGrid::new(DT).unwrap();
        let rule = StdpRule::new(p, sign, &g).unwrap();
        let mut csr = Csr::new(1, 1, vec![0, 1], vec![0], vec![w0]).unwrap();
        let mut tr = StdpTraces::new(1, 1);
        let last = pre.iter().chain(post).max().copied().unwrap_or(0);
        for k in 0..=last + 1 {
            let a: &[u32] = if pre.contains(&k) { &[0] } else { &[] };
            let b: &[u32] = if post.contains(&k) { &[0] } else { &[] };
            tr.step(&rule, &mut csr, a, b);
        }
        csr.weights()[0]
    }

    /// With spike times on the grid and exact per-step exponentials, a single pair gives the
    /// analytic pair rule to rounding error: d multiplications by exp(−dt/tau) differ from
    /// exp(−d·dt/tau) by about d ulp (d <= 200 here, ~1e-14), and subtracting w0 = 0.5 from
    /// the result costs a factor w0/|Δw| <= 1e2 more, so 1e-9 relative (much tighter than the
    /// 1e-3 a time-discretised rule would need) has a wide margin and still fails on any
    /// off-by-one-step or wrong-constant mistake (>= 0.3 % at dt/tau = 1/168).
    #[test]
    fn single_pairs_reproduce_the_pair_rule() {
        let p = params();
        for d_ms in [5.0f64, 10.0, 20.0, -5.0, -10.0, -20.0] {
            let d = (d_ms * 1e-3 / DT).round() as i64;
            let (pre, post) = if d > 0 {
                (100u64, 100 + d as u64)
            } else {
                (100 + (-d) as u64, 100u64)
            };
            let dw = run(&p, WeightSign::Excitatory, 0.5, &[pre], &[post]) - 0.5;
            let want = stdp_pair_weight_change(d_ms * 1e-3, &p);
            assert_relative_eq!(dw, want, max_relative = 1e-9);
            assert_eq!(dw > 0.0, d_ms > 0.0);
        }
    }

    #[test]
    fn same_step_pairs_do_not_interact() {
        let p = params();
        assert_eq!(run(&p, WeightSign::Excitatory, 0.5, &[50], &[50]), 0.5);
        assert_eq!(stdp_pair_weight_change(0.0, &p), 0.0);
    }

    /// All-to-all: every pair counts, including the same-step pair's neighbours.
    #[test]
    fn all_pairs_add_up() {
        let p = params();
        // pre at 0 and 5 ms, post at 10 ms, pre at 15 ms, post at 15 ms (same step as pre).
        let pre = [0u64, 50, 150];
        let post = [100u64, 150];
        let got = run(&p, WeightSign::Excitatory, 0.5, &pre, &post) - 0.5;
        let mut want = 0.0;
        for &a in &pre {
            for &b in &post {
                want += stdp_pair_weight_change((b as f64 - a as f64) * DT, &p);
            }
        }
        assert_relative_eq!(got, want, max_relative = 1e-9);
    }

    #[test]
    fn multiplicative_change_scales_with_the_distance_to_the_bound() {
        let p = StdpParams {
            mode: StdpMode::Multiplicative,
            w_min: 0.1,
            w_max: 0.9,
            ..params()
        };
        let w0 = 0.3;
        let dw = run(&p, WeightSign::Excitatory, w0, &[0], &[100]) - w0;
        assert_relative_eq!(
            dw,
            p.a_plus * (-0.01f64 / p.tau_plus).exp() * (p.w_max - w0),
            max_relative = 1e-9
        );
        let dw = run(&p, WeightSign::Excitatory, w0, &[100], &[0]) - w0;
        assert_relative_eq!(
            dw,
            -p.a_minus * (-0.01f64 / p.tau_minus).exp() * (w0 - p.w_min),
            max_relative = 1e-9
        );
    }

    /// Random spike trains with amplitudes large enough that unclipped updates would leave the
    /// bounds: every weight stays inside at every step, in both modes and for both signs.
    #[test]
    fn bounds_are_never_crossed_and_signs_are_kept() {
        let g = TimeGrid::new(DT).unwrap();
        for mode in [StdpMode::Additive, StdpMode::Multiplicative] {
            for sign in [WeightSign::Excitatory, WeightSign::Inhibitory] {
                let p = StdpParams {
                    a_plus: 0.6,
                    a_minus: 0.7,
                    w_min: 0.2,
                    w_max: 1.0,
                    mode,
                    ..params()
                };
                let rule = StdpRule::new(&p, sign, &g).unwrap();
                let (lo, hi) = rule.bounds();
                let (n_src, n_tgt) = (6usize, 5usize);
                let rows: Vec<Vec<(u32, f64)>> = (0..n_src)
                    .map(|_| {
                        (0..n_tgt as u32)
                            .map(|j| (j, 0.5 * sign.factor()))
                            .collect()
                    })
                    .collect();
                let mut csr = Csr::from_rows(n_tgt, rows).unwrap();
                rule.check_weights("test", csr.weights()).unwrap();
                let mut tr = StdpTraces::new(n_src, n_tgt);
                let mut rng = RngStream::new(11, StreamKind::Stimulus, 0, 0);
                let (mut reached_lo, mut reached_hi) = (false, false);
                for _ in 0..20_000 {
                    let pre: Vec<u32> =
                        (0..n_src as u32).filter(|_| rng.uniform() < 0.02).collect();
                    let post: Vec<u32> =
                        (0..n_tgt as u32).filter(|_| rng.uniform() < 0.02).collect();
                    tr.step(&rule, &mut csr, &pre, &post);
                    for &w in csr.weights() {
                        assert!((lo..=hi).contains(&w), "{mode:?} {sign:?}: {w}");
                        assert!(w * sign.factor() >= 0.0);
                    }
                    reached_lo |= csr.weights().iter().any(|&w| (w - lo).abs() < 1e-3);
                    reached_hi |= csr.weights().iter().any(|&w| (w - hi).abs() < 1e-3);
                }
                assert!(
                    reached_lo && reached_hi,
                    "{mode:?} {sign:?}: bounds never approached"
                );
            }
        }
    }

    #[test]
    fn inhibitory_potentiation_makes_weights_more_negative() {
        let p = params();
        let w = run(&p, WeightSign::Inhibitory, -0.5, &[0], &[50]);
        assert_relative_eq!(
            w,
            -0.5 - stdp_pair_weight_change(5e-3, &p),
            max_relative = 1e-12
        );
        let w = run(&p, WeightSign::Inhibitory, -0.5, &[50], &[0]);
        assert!(w > -0.5 && w <= 0.0);
        // Depression stops at -w_min = 0 (never becomes excitatory).
        let p0 = StdpParams { a_minus: 5.0, ..p };
        assert_eq!(run(&p0, WeightSign::Inhibitory, -0.5, &[50], &[0]), 0.0);
    }
}
