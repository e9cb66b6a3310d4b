//! Poisson spike-train input: one independent Poisson process per channel (target neuron),
//! each input spike adding `weight` to its neuron.
//!
//! # Algorithm
//!
//! The number of input spikes of channel `c` in step `k` is Poisson(`rate_c · dt`). For a
//! per-step mean `lambda <= TABLE_MAX_LAMBDA` (30) the count is drawn by **inversion of a
//! precomputed cumulative table** with a guide table (the "indexed search" of Chen & Asau,
//! 1974; Devroye 1986, §III.2.4): exactly one 53-bit uniform per draw and on average fewer
//! than two comparisons, whatever `lambda`. The table holds the CDF up to
//! `k = ceil(lambda + 12 sqrt(lambda) + 12)`, where the remaining tail mass is below 1e-18
//! (smaller than the resolution of the uniform), and the last entry is a sentinel that lumps
//! that tail into the last count. For `lambda > 30` the count comes from
//! [`RngStream::poisson_large`] (PTRS, Hörmann 1993).
//!
//! # Window
//!
//! An input acts only in the steps of its [`Window`] (`with_window(onset, offset)`, NEST's
//! `start`/`stop` of a `poisson_generator`; default: always). The count of a step does not
//! depend on the window, only whether it is added.
//!
//! # Streams and determinism
//!
//! Channel `c` draws from `RngStream::new(seed, StreamKind::Poisson, object, c)`, where `seed`
//! is the input's own seed if it has one and otherwise the network's, and `object` is the
//! input's index among the network's stimuli. The count of (channel, step) is a pure function
//! of `(seed, object, c, k)`:
//!
//! - a table channel uses the `k`-th `u64` of its stream (32-bit word position `2k`), drawn
//!   32 steps ahead (see [`PoissonBlock`]);
//! - a large-mean channel starts step `k` at word position `k · 128` (64 `u64`s reserved per
//!   step; PTRS needs about 2.3 on average, and on the rare overflow it reads on into the next
//!   step's reserve, which is still deterministic).
//!
//! So results do not depend on how the channels are split into blocks, on the number of
//! threads or ranks, or on whether a block was rebuilt in the middle of a run: a block asked
//! for a step other than the one after its last positions its streams there. Checkpoints need
//! no stream positions, only the step number.

use std::ops::Range;

use sc_neurocore_core::{Error, Result, RngStream, StreamKind, TimeGrid, ValueRange, check_value};

use crate::values::ScalarOrVec;
use crate::window::Window;

/// Largest per-step mean (`rate · dt`) drawn by table inversion; larger means use PTRS.
pub const TABLE_MAX_LAMBDA: f64 = 30.0;

/// Stream words (32-bit) reserved per step for a channel with a large per-step mean.
const LARGE_WORDS_PER_STEP: u128 = 128;

/// A validated Poisson input specification (user-facing).
///
/// ```
/// use sc_neurocore_stimuli::PoissonInput;
///
/// let drive = PoissonInput::new(80, 100.0, 2.0).unwrap().with_seed(42);
/// assert_eq!(drive.n(), 80);
/// assert_eq!(drive.seed(), Some(42));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PoissonInput {
    n: usize,
    rate_hz: ScalarOrVec,
    weight: f64,
    seed: Option<u64>,
    window: Window,
}

const OBJ: &str = "PoissonInput";

impl PoissonInput {
    /// `n` channels (one per target neuron, `n >= 1`), each a Poisson process of `rate_hz`
    /// (one value for all channels or one per channel; each finite and `>= 0`), every input
    /// spike adding `weight` (finite) to its neuron.
    pub fn new(n: usize, rate_hz: impl Into<ScalarOrVec>, weight: f64) -> Result<Self> {
        if n == 0 {
            return Err(Error::out_of_range(OBJ, "n", n, "[1, inf)"));
        }
        let rate_hz = rate_hz.into();
        rate_hz.check(OBJ, "rate_hz", ValueRange::NonNegative, Some(n))?;
        check_value(OBJ, "weight", weight, ValueRange::Finite)?;
        Ok(PoissonInput {
            n,
            rate_hz,
            weight,
            seed: None,
            window: Window::ALWAYS,
        })
    }

    /// Uses its own seed instead of the network's.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Acts only from `onset` to `offset` seconds (`0 <= onset < offset`, `offset = inf`: for
    /// ever; rounded to the grid as a [`Window`]). Input spikes first reach the target at
    /// `onset`: a generator that NEST starts at 0 and connects with delay `D` is `onset = D`.
    pub fn with_window(mut self, onset: f64, offset: f64) -> Result<Self> {
        self.window = Window::new(OBJ, onset, offset)?;
        Ok(self)
    }

    /// The window in which it acts.
    pub fn window(&self) -> Window {
        self.window
    }

    /// Replaces the rates (checked as in [`PoissonInput::new`]).
    pub fn with_rate_hz(mut self, rate_hz: impl Into<ScalarOrVec>) -> Result<Self> {
        let rate_hz = rate_hz.into();
        rate_hz.check(OBJ, "rate_hz", ValueRange::NonNegative, Some(self.n))?;
        self.rate_hz = rate_hz;
        Ok(self)
    }

    /// Replaces the weight (finite).
    pub fn with_weight(mut self, weight: f64) -> Result<Self> {
        self.weight = check_value(OBJ, "weight", weight, ValueRange::Finite)?;
        Ok(self)
    }

    /// Number of channels.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Rates in Hz.
    pub fn rate_hz(&self) -> &ScalarOrVec {
        &self.rate_hz
    }

    /// Value added to a neuron per input spike.
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Own seed, if any.
    pub fn seed(&self) -> Option<u64> {
        self.seed
    }

    /// The runtime block for `channels` (a sub-range of `0..n`). `network_seed` is used
    /// unless the input has its own seed; `object` is the input's index among the network's
    /// stimuli (distinct inputs get distinct streams).
    ///
    /// # Panics
    /// If `channels` is not inside `0..n` (a bug of the caller, not a user error).
    pub fn block(
        &self,
        network_seed: u64,
        object: u32,
        channels: Range<usize>,
        grid: &TimeGrid,
    ) -> PoissonBlock {
        assert!(
            channels.start <= channels.end && channels.end <= self.n,
            "PoissonInput::block: channels {channels:?} outside 0..{}",
            self.n
        );
        let seed = self.seed.unwrap_or(network_seed);
        let dt = grid.dt();
        let mut tables: Vec<(u64, PoissonTable)> = Vec::new();
        let mut draws = Vec::with_capacity(channels.len());
        for c in channels.clone() {
            let lambda = self.rate_hz.get(c) * dt;
            let draw = if lambda == 0.0 {
                Draw::Zero
            } else if lambda <= TABLE_MAX_LAMBDA {
                let key = lambda.to_bits();
                let idx = match tables.iter().position(|(k, _)| *k == key) {
                    Some(i) => i,
                    None => {
                        tables.push((key, PoissonTable::new(lambda)));
                        tables.len() - 1
                    }
                };
                Draw::Table(idx as u32)
            } else {
                Draw::Large(lambda)
            };
            draws.push(draw);
        }
        let streams = channels
            .clone()
            .map(|c| RngStream::new(seed, StreamKind::Poisson, object, c as u64))
            .collect();
        let large = draws
            .iter()
            .enumerate()
            .filter_map(|(j, d)| match d {
                Draw::Large(lambda) => Some((j, *lambda)),
                _ => None,
            })
            .collect();
        PoissonBlock {
            active: self.window.step_range(grid),
            weight: self.weight,
            chunk: vec![0; CHUNK_STEPS as usize * channels.len()],
            chunk_start: None,
            stream_step: 0,
            channels,
            streams,
            draws,
            tables: tables.into_iter().map(|(_, t)| t).collect(),
            large,
        }
    }
}

/// How a channel draws its count.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Draw {
    /// Rate 0: never spikes, draws nothing.
    Zero,
    /// Inversion with `tables[i]`.
    Table(u32),
    /// PTRS with this mean.
    Large(f64),
}

/// Steps drawn ahead per refill: 32 `u64`s, exactly one buffer of the ChaCha generator.
const CHUNK_STEPS: u64 = 32;

/// The runtime part of a [`PoissonInput`] for one contiguous block of channels.
///
/// Table channels are drawn 32 steps ahead into a step-major `u8` buffer (a
/// table count never exceeds 108), so that each channel's stream is touched once per 32
/// steps and the per-step work is one contiguous, vectorisable pass over the block.
#[derive(Debug, Clone)]
pub struct PoissonBlock {
    channels: Range<usize>,
    /// The steps of the input's window.
    active: Range<u64>,
    weight: f64,
    streams: Vec<RngStream>,
    draws: Vec<Draw>,
    tables: Vec<PoissonTable>,
    /// `(index in the block, lambda)` of the PTRS channels.
    large: Vec<(usize, f64)>,
    /// Counts of table channels: `chunk[(k - chunk_start) * len + j]` for steps
    /// `chunk_start .. chunk_start + CHUNK_STEPS`.
    chunk: Vec<u8>,
    chunk_start: Option<u64>,
    /// The step the table channels' streams are positioned for.
    stream_step: u64,
}

impl PoissonBlock {
    /// The channels (target neurons) of this block.
    pub fn channels(&self) -> Range<usize> {
        self.channels.clone()
    }

    /// Adds `weight × (number of input spikes in step `step`)` to `out[j]` for channel
    /// `channels().start + j`. `out` has one entry per channel of the block. Calling it for
    /// consecutive steps is fastest; any other step is positioned exactly (see the module
    /// docs), so the result never depends on the call history.
    pub fn add(&mut self, step: u64, out: &mut [f64]) {
        debug_assert_eq!(out.len(), self.streams.len());
        if !self.active.contains(&step) {
            return;
        }
        let start = step - step % CHUNK_STEPS;
        if self.chunk_start != Some(start) {
            self.refill(start);
        }
        let len = self.streams.len();
        let row = ((step - start) as usize) * len;
        let w = self.weight;
        // Branch-free so that it vectorises; adding 0.0 changes nothing.
        for (o, &k) in out.iter_mut().zip(&self.chunk[row..row + len]) {
            *o += w * f64::from(k);
        }
        for &(j, lambda) in &self.large {
            let s = &mut self.streams[j];
            s.set_word_pos(step as u128 * LARGE_WORDS_PER_STEP);
            let k = s.poisson_large(lambda);
            if let Some(o) = out.get_mut(j) {
                *o += w * k as f64;
            }
        }
    }

    /// Draws the counts of the table channels for steps `start .. start + CHUNK_STEPS`.
    fn refill(&mut self, start: u64) {
        let len = self.streams.len();
        let seek = self.stream_step != start;
        for (j, (s, d)) in self.streams.iter_mut().zip(&self.draws).enumerate() {
            match *d {
                Draw::Table(t) => {
                    if seek {
                        s.set_word_pos(2 * start as u128);
                    }
                    let table = &self.tables[t as usize];
                    for i in 0..CHUNK_STEPS as usize {
                        self.chunk[i * len + j] = table.sample(s.uniform()) as u8;
                    }
                }
                Draw::Zero | Draw::Large(_) => {
                    for i in 0..CHUNK_STEPS as usize {
                        self.chunk[i * len + j] = 0;
                    }
                }
            }
        }
        self.chunk_start = Some(start);
        self.stream_step = start + CHUNK_STEPS;
    }
}

/// Poisson(`lambda`) by inversion of a cumulative table with a guide table; see the module
/// docs. Public so that other engines (and tests) draw exactly the same counts.
#[derive(Debug, Clone, PartialEq)]
pub struct PoissonTable {
    lambda: f64,
    /// `cdf[k] = P(X <= k)`; the last entry is `+inf`.
    cdf: Box<[f64]>,
    /// `guide[j]` = the smallest `k` with `cdf[k] > j / guide.len()`.
    guide: Box<[u32]>,
}

impl PoissonTable {
    /// The table for mean `lambda`, `0 <= lambda <= TABLE_MAX_LAMBDA`.
    ///
    /// # Panics
    /// If `lambda` is outside that range.
    pub fn new(lambda: f64) -> Self {
        assert!(
            (0.0..=TABLE_MAX_LAMBDA).contains(&lambda),
            "PoissonTable: lambda = {lambda} outside [0, {TABLE_MAX_LAMBDA}]"
        );
        let kmax = (lambda + 12.0 * lambda.sqrt() + 12.0).ceil() as usize;
        let mut cdf = Vec::with_capacity(kmax + 1);
        let mut p = (-lambda).exp();
        let mut acc = 0.0;
        for k in 0..kmax {
            acc += p;
            cdf.push(acc);
            p *= lambda / (k + 1) as f64;
        }
        cdf.push(f64::INFINITY);
        let m = cdf.len();
        let mut guide = Vec::with_capacity(m);
        let mut k = 0usize;
        for j in 0..m {
            let threshold = j as f64 / m as f64;
            while cdf[k] <= threshold {
                k += 1;
            }
            guide.push(k as u32);
        }
        PoissonTable {
            lambda,
            cdf: cdf.into_boxed_slice(),
            guide: guide.into_boxed_slice(),
        }
    }

    /// The mean.
    pub fn lambda(&self) -> f64 {
        self.lambda
    }

    /// The count for a uniform `u` in `[0, 1)`: the smallest `k` with `P(X <= k) > u`.
    #[inline]
    pub fn sample(&self, u: f64) -> u32 {
        let m = self.guide.len();
        let j = ((u * m as f64) as usize).min(m - 1);
        let mut k = self.guide[j] as usize;
        while u >= self.cdf[k] {
            k += 1;
        }
        k as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StimulusSpec;

    fn grid() -> TimeGrid {
        TimeGrid::new(1e-4).unwrap()
    }

    /// ln P(X = k) for Poisson(lambda), exactly enough for the tests.
    fn ln_pmf(lambda: f64, k: u64) -> f64 {
        let ln_fact: f64 = (1..=k).map(|i| (i as f64).ln()).sum();
        -lambda + k as f64 * lambda.ln() - ln_fact
    }

    /// Upper `p = 1e-4` quantile of chi-square with `df` degrees of freedom
    /// (Wilson–Hilferty; accurate to a few percent for df >= 2, far within the margin).
    fn chi2_crit(df: usize) -> f64 {
        let z = 3.719; // standard normal upper 1e-4 quantile
        let d = df as f64;
        let a = 2.0 / (9.0 * d);
        d * (1.0 - a + z * a.sqrt()).powi(3)
    }

    /// Pearson chi-square of observed counts against the exact pmf. Neighbouring counts are
    /// merged greedily until each bin expects >= 5 (both tails lumped), the standard validity
    /// condition. Returns (statistic, degrees of freedom = bins - 1).
    fn chi_square(samples: &[u64], lambda: f64) -> (f64, usize) {
        let n = samples.len() as f64;
        let kmax = (*samples.iter().max().unwrap() as f64).max(lambda + 20.0 * lambda.sqrt() + 20.0)
            as usize
            + 1;
        let mut counts = vec![0u64; kmax + 1];
        for &s in samples {
            counts[s as usize] += 1;
        }
        let mut bins: Vec<(f64, f64)> = Vec::new(); // (expected, observed)
        let (mut e, mut o) = (0.0, 0.0);
        for (k, &c) in counts.iter().enumerate() {
            e += n * ln_pmf(lambda, k as u64).exp();
            o += c as f64;
            if e >= 5.0 {
                bins.push((e, o));
                (e, o) = (0.0, 0.0);
            }
        }
        // The remainder (expected < 5, tail mass beyond kmax negligible) joins the last bin.
        let last = bins.last_mut().unwrap();
        last.0 += e;
        last.1 += o;
        let stat = bins.iter().map(|(e, o)| (o - e).powi(2) / e).sum();
        (stat, bins.len() - 1)
    }

    fn draw_one_channel(rate_hz: f64, steps: u64, seed: u64) -> Vec<u64> {
        let input = PoissonInput::new(1, rate_hz, 1.0).unwrap();
        let mut b = input.block(seed, 0, 0..1, &grid());
        (0..steps)
            .map(|k| {
                let mut out = [0.0];
                b.add(k, &mut out);
                out[0] as u64
            })
            .collect()
    }

    /// Counts match the exact Poisson pmf: chi-square at the 1e-4 level, and mean, variance
    /// and P(0) within 5 standard errors. Table means (0.005, 0.1, 2 = Brunel's 20 kHz at
    /// 0.1 ms, 25) and a PTRS mean (100).
    #[test]
    fn counts_follow_the_exact_poisson_distribution() {
        for &(rate, seed) in &[
            (50.0, 1u64),
            (1_000.0, 2),
            (20_000.0, 3),
            (250_000.0, 4),
            (1_000_000.0, 5),
        ] {
            let lambda = rate * 1e-4;
            let n = 200_000;
            let xs = draw_one_channel(rate, n, seed);
            let nf = n as f64;
            let mean = xs.iter().sum::<u64>() as f64 / nf;
            let var = xs.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / nf;
            let p0 = xs.iter().filter(|&&x| x == 0).count() as f64 / nf;
            let exact_p0 = (-lambda).exp();
            // SE of the mean sqrt(l/n); of the sample variance sqrt((l + 2 l^2)/n) (4th
            // central moment of Poisson is l + 3 l^2); of P(0) sqrt(p(1-p)/n).
            assert!(
                (mean - lambda).abs() < 5.0 * (lambda / nf).sqrt(),
                "lambda {lambda}: mean {mean}"
            );
            assert!(
                (var - lambda).abs() < 5.0 * ((lambda + 2.0 * lambda * lambda) / nf).sqrt(),
                "lambda {lambda}: var {var}"
            );
            assert!(
                (p0 - exact_p0).abs() < 5.0 * (exact_p0 * (1.0 - exact_p0) / nf).sqrt() + 1e-12,
                "lambda {lambda}: P(0) {p0} vs {exact_p0}"
            );
            let (stat, df) = chi_square(&xs, lambda);
            eprintln!("lambda {lambda}: mean {mean} var {var} P(0) {p0} chi2 {stat:.1} df {df}");
            assert!(df >= 1, "lambda {lambda}: too few bins");
            assert!(
                stat < chi2_crit(df),
                "lambda {lambda}: chi2 {stat} with {df} df >= {}",
                chi2_crit(df)
            );
        }
    }

    /// The chi-square check is sharp enough to notice a 5 % error in the rate, so the test
    /// above can fail.
    #[test]
    fn chi_square_check_rejects_a_wrong_mean() {
        let xs = draw_one_channel(21_000.0, 200_000, 9); // lambda 2.1
        let (stat, df) = chi_square(&xs, 2.0);
        assert!(stat > chi2_crit(df), "chi2 {stat} df {df}");
    }

    #[test]
    fn table_matches_the_cdf_at_its_edges() {
        let t = PoissonTable::new(2.0);
        let p0 = (-2.0f64).exp();
        assert_eq!(t.sample(0.0), 0);
        assert_eq!(t.sample(p0 * (1.0 - 1e-12)), 0);
        assert_eq!(t.sample(p0 * (1.0 + 1e-12)), 1);
        assert_eq!(t.sample(p0 + 2.0 * p0 * (1.0 + 1e-12)), 2);
        assert!(t.sample(1.0 - f64::EPSILON) > 10);
        let z = PoissonTable::new(0.0);
        assert_eq!(z.sample(0.999_999), 0);
    }

    /// Guide-table search equals a plain linear search for many uniforms and means.
    #[test]
    fn guide_search_equals_linear_search() {
        for &lambda in &[1e-6, 0.02, 0.7, 2.0, 9.5, 30.0] {
            let t = PoissonTable::new(lambda);
            let mut r = RngStream::new(5, StreamKind::Stimulus, 0, 0);
            for _ in 0..20_000 {
                let u = r.uniform();
                let linear = t.cdf.iter().position(|&c| u < c).unwrap() as u32;
                assert_eq!(t.sample(u), linear, "lambda {lambda} u {u}");
            }
        }
    }

    fn run(input: &PoissonInput, blocks: &[(usize, usize)], steps: Range<u64>) -> Vec<Vec<f64>> {
        let g = grid();
        let mut bs: Vec<PoissonBlock> = blocks
            .iter()
            .map(|&(a, b)| input.block(7, 3, a..b, &g))
            .collect();
        steps
            .map(|k| {
                let mut out = vec![0.0; input.n()];
                for b in &mut bs {
                    let r = b.channels();
                    b.add(k, &mut out[r]);
                }
                out
            })
            .collect()
    }

    #[test]
    fn results_do_not_depend_on_the_block_split() {
        // Per-channel rates mixing zero, table and PTRS channels.
        let rates: Vec<f64> = (0..10)
            .map(|c| match c {
                3 => 0.0,
                7 => 500_000.0,
                _ => 2_000.0 * (c + 1) as f64,
            })
            .collect();
        let input = PoissonInput::new(10, rates, 0.5).unwrap();
        let one = run(&input, &[(0, 10)], 0..300);
        let two = run(&input, &[(0, 5), (5, 10)], 0..300);
        let three = run(&input, &[(0, 1), (1, 7), (7, 10)], 0..300);
        assert_eq!(one, two);
        assert_eq!(one, three);
        assert!(one.iter().all(|row| row[3] == 0.0));
        assert!(one.iter().any(|row| row[0] != 0.0));
        // Scalar rate (the fast path) too.
        let scalar = PoissonInput::new(10, 20_000.0, 0.1).unwrap();
        assert_eq!(
            run(&scalar, &[(0, 10)], 0..200),
            run(&scalar, &[(0, 5), (5, 10)], 0..200)
        );
    }

    #[test]
    fn seeds_and_objects_select_distinct_streams() {
        let g = grid();
        let input = PoissonInput::new(4, 20_000.0, 1.0).unwrap();
        let collect = |mut b: PoissonBlock| -> Vec<f64> {
            let mut all = Vec::new();
            for k in 0..100 {
                let mut out = [0.0; 4];
                b.add(k, &mut out);
                all.extend(out);
            }
            all
        };
        let a = collect(input.block(1, 0, 0..4, &g));
        assert_eq!(a, collect(input.block(1, 0, 0..4, &g)));
        assert_ne!(a, collect(input.block(2, 0, 0..4, &g)));
        assert_ne!(a, collect(input.block(1, 1, 0..4, &g)));
        // Own seed overrides the network seed.
        let own = input.clone().with_seed(99);
        assert_eq!(
            collect(own.block(1, 0, 0..4, &g)),
            collect(own.block(2, 0, 0..4, &g))
        );
        assert_eq!(
            collect(own.block(1, 0, 0..4, &g)),
            collect(input.block(99, 0, 0..4, &g))
        );
    }

    /// A fresh block asked for step k (a resumed run) gives what a block that ran all the
    /// steps before gives, for table and PTRS channels.
    #[test]
    fn any_step_can_be_drawn_directly() {
        let input = PoissonInput::new(3, vec![20_000.0, 600_000.0, 0.0], 1.0).unwrap();
        let all = run(&input, &[(0, 3)], 0..120);
        let g = grid();
        let mut fresh = input.block(7, 3, 0..3, &g);
        for k in [100u64, 101, 119, 5] {
            let mut out = vec![0.0; 3];
            fresh.add(k, &mut out);
            assert_eq!(out, all[k as usize], "step {k}");
        }
    }

    #[test]
    fn weight_scales_the_count() {
        let a = run(
            &PoissonInput::new(2, 20_000.0, 1.0).unwrap(),
            &[(0, 2)],
            0..50,
        );
        let b = run(
            &PoissonInput::new(2, 20_000.0, -2.5).unwrap(),
            &[(0, 2)],
            0..50,
        );
        for (x, y) in a.iter().flatten().zip(b.iter().flatten()) {
            assert_eq!(*y, -2.5 * x);
        }
    }

    /// A window keeps the counts of its steps (the same as without it) and adds nothing
    /// outside them: steps round(onset/dt) <= k < round(offset/dt).
    #[test]
    fn window_gates_steps_without_changing_their_counts() {
        let always = PoissonInput::new(2, 20_000.0, 1.0).unwrap();
        let gated = always.clone().with_window(1.5e-3, 4.04e-3).unwrap();
        let (a, b) = (
            run(&always, &[(0, 2)], 0..60),
            run(&gated, &[(0, 1), (1, 2)], 0..60),
        );
        for k in 0..60 {
            let expect = if (15..40).contains(&k) {
                a[k].clone()
            } else {
                vec![0.0; 2]
            };
            assert_eq!(b[k], expect, "step {k}");
        }
        assert!(a[15..40].iter().flatten().sum::<f64>() > 0.0);
        let w = gated.window();
        assert_eq!((w.onset(), w.offset()), (1.5e-3, 4.04e-3));
        assert_eq!(always.window(), Window::ALWAYS);
    }

    #[test]
    fn a_window_that_covers_no_step_or_runs_backwards_is_rejected() {
        let p = PoissonInput::new(3, 1.0, 1.0).unwrap();
        assert_eq!(
            p.clone().with_window(0.2, 0.1).unwrap_err().to_string(),
            "PoissonInput: offset = 0.1 is out of range; valid range: (0.2, inf] s (after \
             onset = 0.2 s; inf = for ever)"
        );
        assert_eq!(
            p.clone().with_window(-1e-3, 0.1).unwrap_err().to_string(),
            "PoissonInput: onset = -0.001 is out of range; valid range: [0, inf)"
        );
        let short = StimulusSpec::from(p.with_window(0.1, 0.10003).unwrap());
        assert_eq!(
            short
                .check("Population 'exc'", 3, &grid())
                .unwrap_err()
                .to_string(),
            "PoissonInput: offset = 0.10003 is out of range; valid range: [0.10005, inf] s \
             at dt = 0.0001 s (onset = 0.1 s rounds to step 1000, and the stimulus must \
             cover at least one step)"
        );
    }

    #[test]
    fn bad_inputs_name_object_field_value_and_range() {
        let msg = |r: Result<PoissonInput>| r.unwrap_err().to_string();
        assert_eq!(
            msg(PoissonInput::new(0, 1.0, 1.0)),
            "PoissonInput: n = 0 is out of range; valid range: [1, inf)"
        );
        assert_eq!(
            msg(PoissonInput::new(3, -5.0, 1.0)),
            "PoissonInput: rate_hz = -5 is out of range; valid range: [0, inf)"
        );
        assert_eq!(
            msg(PoissonInput::new(3, f64::INFINITY, 1.0)),
            "PoissonInput: rate_hz = inf is out of range; valid range: [0, inf)"
        );
        assert_eq!(
            msg(PoissonInput::new(3, vec![1.0, f64::NAN, 2.0], 1.0)),
            "PoissonInput: rate_hz[1] = NaN is out of range; valid range: [0, inf)"
        );
        assert_eq!(
            msg(PoissonInput::new(3, vec![1.0, 2.0], 1.0)),
            "PoissonInput: rate_hz has size 2, expected 3 (one per neuron, n = 3)"
        );
        assert_eq!(
            msg(PoissonInput::new(3, 1.0, f64::NAN)),
            "PoissonInput: weight = NaN is out of range; valid range: any finite number"
        );
        let ok = PoissonInput::new(3, 1.0, 1.0).unwrap();
        assert_eq!(
            msg(ok.clone().with_weight(f64::NEG_INFINITY)),
            "PoissonInput: weight = -inf is out of range; valid range: any finite number"
        );
        assert_eq!(
            msg(ok.with_rate_hz(vec![1.0; 4])),
            "PoissonInput: rate_hz has size 4, expected 3 (one per neuron, n = 3)"
        );
    }
}
