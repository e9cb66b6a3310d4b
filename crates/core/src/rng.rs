//! Counter-based random streams.
//!
//! Every random draw in the engine comes from a stream keyed by (network seed, kind, object,
//! entity): e.g. (seed, Poisson, input #0, neuron 4711). The key selects a ChaCha8 key and a
//! stream number, so a stream's numbers depend only on its key and on how many numbers it
//! already gave, never on which thread or MPI rank draws them.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What a stream is used for. Distinct kinds never share numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum StreamKind {
    /// Connectivity of one projection, one stream per row.
    Connectivity = 1,
    /// A Poisson input, one stream per target neuron (channel).
    Poisson = 2,
    /// Intrinsic noise of a neuron model, one stream per neuron.
    NeuronNoise = 3,
    /// Random initial state, one stream per neuron.
    InitialState = 4,
    /// Random weights or delays of a projection, one stream per row.
    SynapseParams = 5,
    /// Anything else a stimulus needs, one stream per channel.
    Stimulus = 6,
    /// Stochastic analysis functions (surrogates, generators), keyed by the caller's seed.
    Analysis = 7,
}

/// SplitMix64: a good 64-bit mixer to spread (seed, kind, object) over a ChaCha key.
fn splitmix64(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One deterministic random stream.
#[derive(Debug, Clone)]
pub struct RngStream {
    rng: ChaCha8Rng,
}

impl RngStream {
    /// The stream for (`seed`, `kind`, `object`, `entity`). `object` tells apart entities of
    /// the same kind (the projection or input index); `entity` is e.g. a global neuron id.
    pub fn new(seed: u64, kind: StreamKind, object: u32, entity: u64) -> Self {
        let mut state = seed ^ ((kind as u64) << 56) ^ ((object as u64) << 24);
        let mut key = [0u8; 32];
        for chunk in key.chunks_exact_mut(8) {
            chunk.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
        }
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(entity);
        RngStream { rng }
    }

    /// A uniform `u64`.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// A uniform number in `[0, 1)` with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform number in `(0, 1]` (safe for `ln`).
    #[inline]
    pub fn uniform_open0(&mut self) -> f64 {
        ((self.rng.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform integer in `0..n` (`n > 0`), without modulo bias (Lemire's method).
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let mut m = (self.rng.next_u64() as u128) * (n as u128);
        if (m as u64) < n {
            let t = n.wrapping_neg() % n;
            while (m as u64) < t {
                m = (self.rng.next_u64() as u128) * (n as u128);
            }
        }
        (m >> 64) as u64
    }

    /// A standard normal number (Box–Muller, one value per call for simplicity of state).
    #[inline]
    pub fn normal(&mut self) -> f64 {
        let u1 = self.uniform_open0();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// A Poisson count with mean `lambda` given `exp_neg_lambda = exp(-lambda)`
    /// (Knuth's product method; right for the small means of per-step input).
    /// For `lambda > 30` use [`RngStream::poisson_large`].
    #[inline]
    pub fn poisson_small(&mut self, exp_neg_lambda: f64) -> u32 {
        let mut k = 0u32;
        let mut p = self.uniform_open0();
        while p > exp_neg_lambda {
            k += 1;
            p *= self.uniform_open0();
        }
        k
    }

    /// A Poisson count with mean `lambda` for any `lambda >= 0` (product method below 30,
    /// PTRS transformed rejection of Hörmann 1993 above).
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        if lambda < 30.0 {
            self.poisson_small((-lambda).exp()) as u64
        } else {
            self.poisson_large(lambda)
        }
    }

    /// PTRS (Hörmann 1993) for `lambda >= 10`.
    pub fn poisson_large(&mut self, lambda: f64) -> u64 {
        let slam = lambda.sqrt();
        let loglam = lambda.ln();
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let invalpha = 1.1239 + 1.1328 / (b - 3.4);
        let vr = 0.9277 - 3.6224 / (b - 2.0);
        loop {
            let u = self.uniform() - 0.5;
            let v = self.uniform_open0();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lambda + 0.43).floor();
            if us >= 0.07 && v <= vr {
                return k as u64;
            }
            if k < 0.0 || (us < 0.013 && v > us) {
                continue;
            }
            if (v * invalpha / (a / (us * us) + b)).ln() <= -lambda + k * loglam - ln_factorial(k) {
                return k as u64;
            }
        }
    }

    /// A binomial count: successes in `n` independent trials of probability `p` (`p` in
    /// `[0, 1]`). Inversion (sequential search from 0) when `n min(p, 1 - p) < 10`, else
    /// BTRS, the transformed rejection with squeeze of Hörmann (1993, "The generation of
    /// binomial random variates", J. Stat. Comput. Simul. 46:101), in the form with
    /// Stirling tail corrections that TensorFlow's `random_binomial` uses, which keeps the
    /// acceptance test accurate for `n` up to 2^53. `p > 1/2` draws `n - Binomial(n, 1 - p)`.
    pub fn binomial(&mut self, n: u64, p: f64) -> u64 {
        if n == 0 || p <= 0.0 {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        if p > 0.5 {
            return n - self.binomial(n, 1.0 - p);
        }
        if n as f64 * p < 10.0 {
            self.binomial_inversion(n, p)
        } else {
            self.binomial_btrs(n, p)
        }
    }

    /// Inversion for small means: walk the cumulative distribution from 0 with the ratio
    /// `P(k + 1) / P(k) = (n - k) p / ((k + 1) q)`. A `u` beyond the (rounded) total mass
    /// restarts with a new `u`.
    fn binomial_inversion(&mut self, n: u64, p: f64) -> u64 {
        let q = 1.0 - p;
        let r = p / q;
        let p0 = (n as f64 * (-p).ln_1p()).exp();
        'draw: loop {
            let mut u = self.uniform();
            let mut pk = p0;
            let mut k = 0u64;
            while u >= pk {
                u -= pk;
                if k == n {
                    continue 'draw;
                }
                pk *= r * (n - k) as f64 / (k + 1) as f64;
                k += 1;
                if pk < 1e-300 && u > 0.0 {
                    // Past the tail: the remaining mass is below double precision.
                    continue 'draw;
                }
            }
            return k;
        }
    }

    /// BTRS for `n p >= 10`, `p <= 1/2`.
    fn binomial_btrs(&mut self, n: u64, p: f64) -> u64 {
        let nf = n as f64;
        let q = 1.0 - p;
        let spq = (nf * p * q).sqrt();
        let b = 1.15 + 2.53 * spq;
        let a = -0.0873 + 0.0248 * b + 0.01 * p;
        let c = nf * p + 0.5;
        let v_r = 0.92 - 4.2 / b;
        let r = p / q;
        let alpha = (2.83 + 5.1 / b) * spq;
        let m = ((nf + 1.0) * p).floor();
        loop {
            let u = self.uniform() - 0.5;
            let v = self.uniform();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + c).floor();
            if us >= 0.07 && v <= v_r {
                return k as u64;
            }
            if k < 0.0 || k > nf {
                continue;
            }
            let v = (v * alpha / (a / (us * us) + b)).ln();
            let bound = (m + 0.5) * ((m + 1.0) / (r * (nf - m + 1.0))).ln()
                + (nf + 1.0) * ((nf - m + 1.0) / (nf - k + 1.0)).ln()
                + (k + 0.5) * (r * (nf - k + 1.0) / (k + 1.0)).ln()
                + stirling_tail(m)
                + stirling_tail(nf - m)
                - stirling_tail(k)
                - stirling_tail(nf - k);
            if v <= bound {
                return k as u64;
            }
        }
    }

    /// Position in the stream (ChaCha word position), for checkpoints.
    pub fn word_pos(&self) -> u128 {
        self.rng.get_word_pos()
    }

    /// Moves to a position in the stream (for resuming a checkpoint).
    pub fn set_word_pos(&mut self, pos: u128) {
        self.rng.set_word_pos(pos);
    }
}

/// The tail of Stirling's series, `ln k! - ((k + 1/2) ln(k + 1) - (k + 1) + ln(2 pi) / 2)`:
/// a table below 10, the series in `1 / (k + 1)` above.
fn stirling_tail(k: f64) -> f64 {
    const TABLE: [f64; 10] = [
        0.081_061_466_795_327_2,
        0.041_340_695_955_409_2,
        0.027_677_925_684_998_3,
        0.020_790_672_103_765_09,
        0.016_644_691_189_821_1,
        0.013_876_128_823_070_7,
        0.011_896_709_945_891_7,
        0.010_411_265_261_972_0,
        0.009_255_462_182_712_73,
        0.008_330_563_433_362_87,
    ];
    if k < 10.0 {
        return TABLE[k as usize];
    }
    let k1 = k + 1.0;
    let k2 = k1 * k1;
    (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 / k2) / k2) / k1
}

/// ln(k!) via Stirling's series (exact table below 10).
fn ln_factorial(k: f64) -> f64 {
    const TABLE: [f64; 10] = [
        0.0,
        0.0,
        std::f64::consts::LN_2,
        1.791_759_469_228_055,
        3.178_053_830_347_146,
        4.787_491_742_782_046,
        6.579_251_212_010_101,
        8.525_161_361_065_415,
        10.604_602_902_745_25,
        12.801_827_480_081_469,
    ];
    if k < 10.0 {
        return TABLE[k as usize];
    }
    let k1 = k + 1.0;
    (k1 - 0.5) * k1.ln() - k1 + 0.5 * std::f64::consts::TAU.ln() + 1.0 / (12.0 * k1)
        - 1.0 / (360.0 * k1 * k1 * k1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_depend_only_on_their_key() {
        let mut a = RngStream::new(42, StreamKind::Poisson, 0, 7);
        let mut b = RngStream::new(42, StreamKind::Poisson, 0, 7);
        let xs: Vec<u64> = (0..16).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..16).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        for other in [
            RngStream::new(43, StreamKind::Poisson, 0, 7),
            RngStream::new(42, StreamKind::Connectivity, 0, 7),
            RngStream::new(42, StreamKind::Poisson, 1, 7),
            RngStream::new(42, StreamKind::Poisson, 0, 8),
        ] {
            let mut o = other;
            let zs: Vec<u64> = (0..16).map(|_| o.next_u64()).collect();
            assert_ne!(xs, zs);
        }
    }

    #[test]
    fn poisson_moments_match_for_small_and_large_means() {
        for &lam in &[0.02, 2.0, 12.0, 45.0, 400.0] {
            let mut r = RngStream::new(1, StreamKind::Poisson, 0, 0);
            let n = 200_000;
            let xs: Vec<f64> = (0..n).map(|_| r.poisson(lam) as f64).collect();
            let mean = xs.iter().sum::<f64>() / n as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
            // 5 standard errors for the mean and (roughly) for the variance ratio.
            let se_ratio = (1.0 / (n as f64 * lam)).sqrt() + (2.0 / n as f64).sqrt();
            assert!(
                (mean - lam).abs() < 5.0 * (lam / n as f64).sqrt(),
                "lam {lam} mean {mean}"
            );
            assert!(
                (var / lam - 1.0).abs() < 5.0 * se_ratio,
                "lam {lam} var {var}"
            );
        }
    }

    #[test]
    fn stirling_tail_table_matches_its_definition() {
        let mut ln_fact = 0.0f64;
        for k in 0..30u32 {
            if k > 0 {
                ln_fact += (k as f64).ln();
            }
            let kf = k as f64;
            let want = ln_fact
                - ((kf + 0.5) * (kf + 1.0).ln() - (kf + 1.0) + 0.5 * std::f64::consts::TAU.ln());
            assert!((stirling_tail(kf) - want).abs() < 1e-10, "k {k}");
        }
    }

    #[test]
    fn binomial_moments_match_for_inversion_and_btrs() {
        // (n, p): inversion (n p < 10), BTRS, p > 1/2, and a huge n with a tiny p.
        for &(n, p) in &[
            (20u64, 0.1),
            (1000, 0.004),
            (100, 0.5),
            (5000, 0.3),
            (40, 0.9),
            (45_000_000, 1.0 / 20683.0),
            (3_000_000_000, 0.25),
        ] {
            let mut r = RngStream::new(2, StreamKind::Connectivity, 0, n);
            let trials = 100_000;
            let xs: Vec<f64> = (0..trials).map(|_| r.binomial(n, p) as f64).collect();
            assert!(xs.iter().all(|&x| x <= n as f64));
            let t = trials as f64;
            let mean = xs.iter().sum::<f64>() / t;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / t;
            let (want_m, want_v) = (n as f64 * p, n as f64 * p * (1.0 - p));
            assert!(
                (mean - want_m).abs() < 5.0 * (want_v / t).sqrt(),
                "n {n} p {p}: mean {mean}, want {want_m}"
            );
            assert!(
                (var / want_v - 1.0).abs() < 5.0 * (2.0 / t).sqrt() + 0.01,
                "n {n} p {p}: var {var}, want {want_v}"
            );
        }
    }

    #[test]
    fn binomial_matches_its_probabilities() {
        // Chi-square against the exact probabilities, for an inversion and a BTRS case.
        for &(n, p) in &[(30u64, 0.2), (200, 0.35)] {
            let mut r = RngStream::new(4, StreamKind::Connectivity, 1, n);
            let trials = 200_000usize;
            let mut counts = vec![0usize; n as usize + 1];
            for _ in 0..trials {
                counts[r.binomial(n, p) as usize] += 1;
            }
            let mut pk = (1.0 - p).powi(n as i32);
            let (mut chi2, mut dof) = (0.0, 0);
            for (k, &c) in counts.iter().enumerate() {
                let e = trials as f64 * pk;
                if e >= 5.0 {
                    chi2 += (c as f64 - e).powi(2) / e;
                    dof += 1;
                }
                pk *= p / (1.0 - p) * (n - k as u64) as f64 / (k + 1) as f64;
            }
            // Mean dof, sd sqrt(2 dof): 5 sd.
            let lim = dof as f64 + 5.0 * (2.0 * dof as f64).sqrt();
            assert!(chi2 < lim, "n {n} p {p}: chi2 {chi2} over {dof} cells");
        }
    }

    #[test]
    fn below_is_uniform_and_in_range() {
        let mut r = RngStream::new(3, StreamKind::Connectivity, 0, 0);
        let mut counts = [0u32; 10];
        for _ in 0..100_000 {
            counts[r.below(10) as usize] += 1;
        }
        assert!(
            counts.iter().all(|&c| (9_500..10_500).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn word_position_resumes_a_stream() {
        let mut a = RngStream::new(9, StreamKind::NeuronNoise, 2, 5);
        a.next_u64();
        let pos = a.word_pos();
        let x = a.next_u64();
        let mut b = RngStream::new(9, StreamKind::NeuronNoise, 2, 5);
        b.set_word_pos(pos);
        assert_eq!(b.next_u64(), x);
    }
}
