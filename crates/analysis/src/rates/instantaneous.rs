//! #5 `instantaneous_rate`: Elephant 1.2.1's kernel-convolved rate, step by step
//! (entry 5 of `crate::catalogue`).

use rustfft::{FftPlanner, num_complex::Complex};
use sc_neurocore_core::{Error, Result};

use super::special::erf;
use super::{MAX_BINS, check_bins, finite};
use crate::conventions::{in_window, linspace, positive, sorted_train, window};

const F: &str = "instantaneous_rate";

/// The kernels of `instantaneous_rate` (Elephant's kernel classes; σ is the standard
/// deviation). Same shapes as catalogue family 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKernel {
    /// `1/(2τ)` for `|t| < τ`, `τ = √3 σ`.
    Rectangular,
    /// `(1/τ)(1 - |t|/τ)` for `|t| < τ`, `τ = √6 σ`.
    Triangular,
    /// `3/(4d)(1 - t²/d²)` for `|t| < d`, `d = √5 σ`.
    EpanechnikovLike,
    /// `exp(-t²/(2σ²)) / (σ√(2π))`.
    Gaussian,
    /// `exp(-|t|/τ) / (2τ)`, `τ = σ/√2`.
    Laplacian,
    /// `exp(-t/τ)/τ` for `t >= 0`, `τ = σ`.
    Exponential,
    /// `(t/τ²) exp(-t/τ)` for `t >= 0`, `τ = σ/√2`.
    Alpha,
}

impl RateKernel {
    /// The Python names, in the order of the catalogue.
    pub const NAMES: [&'static str; 7] = [
        "rectangular",
        "triangular",
        "epanechnikov_like",
        "gaussian",
        "laplacian",
        "exponential",
        "alpha",
    ];

    const ALL: [RateKernel; 7] = [
        RateKernel::Rectangular,
        RateKernel::Triangular,
        RateKernel::EpanechnikovLike,
        RateKernel::Gaussian,
        RateKernel::Laplacian,
        RateKernel::Exponential,
        RateKernel::Alpha,
    ];

    /// The kernel called `name` (one of [`RateKernel::NAMES`]); an unknown name is an error.
    pub fn from_name(name: &str) -> Result<Self> {
        Self::NAMES
            .iter()
            .position(|&n| n == name)
            .map(|k| Self::ALL[k])
            .ok_or_else(|| Error::unknown(F, "kernel", name, Self::NAMES))
    }

    /// The Python name.
    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|&k| k == self).unwrap_or(0)]
    }

    /// Elephant's `min_cutoff` (in units of σ).
    fn min_cutoff(self) -> f64 {
        match self {
            RateKernel::Rectangular => 3f64.sqrt(),
            RateKernel::Triangular => 6f64.sqrt(),
            RateKernel::EpanechnikovLike => 5f64.sqrt(),
            _ => 3.0,
        }
    }

    fn is_symmetric(self) -> bool {
        !matches!(self, RateKernel::Exponential | RateKernel::Alpha)
    }

    /// The density at `t` for standard deviation `sigma` (any time unit, result in 1/unit),
    /// computed as Elephant's `_evaluate` does.
    fn pdf(self, t: f64, sigma: f64) -> f64 {
        match self {
            RateKernel::Rectangular => {
                let tau = 3f64.sqrt() * sigma;
                if t.abs() < tau {
                    1.0 / (2.0 * tau)
                } else {
                    0.0
                }
            }
            RateKernel::Triangular => {
                // scipy.stats.triang.pdf(t, c=0.5, loc=-tau, scale=2 tau)
                let tau = 6f64.sqrt() * sigma;
                let scale = 2.0 * tau;
                let x = (t + tau) / scale;
                let p = if !(0.0..=1.0).contains(&x) {
                    0.0
                } else if x < 0.5 {
                    2.0 * x / 0.5
                } else {
                    2.0 * (1.0 - x) / 0.5
                };
                p / scale
            }
            RateKernel::EpanechnikovLike => {
                let tau = 5f64.sqrt() * sigma;
                let r = (t / tau).clamp(-1.0, 1.0);
                3.0 / (4.0 * tau) * (1.0 - r * r).max(0.0)
            }
            RateKernel::Gaussian => {
                let x = t / sigma;
                (-(x * x) / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() / sigma
            }
            RateKernel::Laplacian => {
                let tau = sigma / 2f64.sqrt();
                0.5 * (-(t / tau).abs()).exp() / tau
            }
            RateKernel::Exponential => {
                if t >= 0.0 {
                    (-(t / sigma)).exp() / sigma
                } else {
                    0.0
                }
            }
            RateKernel::Alpha => {
                let tau = sigma / 2f64.sqrt();
                if t >= 0.0 {
                    1.0 / (tau * tau) * t * (-t / tau).exp()
                } else {
                    0.0
                }
            }
        }
    }

    /// CDF of the asymmetric kernels (the symmetric ones never need it).
    fn cdf_asymmetric(self, t: f64, sigma: f64) -> f64 {
        let t = t.max(0.0);
        match self {
            RateKernel::Exponential => 1.0 - (-t / sigma).exp(),
            _ => {
                let tau = sigma / 2f64.sqrt();
                1.0 - (-t / tau).exp() * (t + tau) / tau
            }
        }
    }

    /// Inverse CDF of the asymmetric kernels, `fraction` in [0, 1).
    fn icdf_asymmetric(self, fraction: f64, sigma: f64) -> f64 {
        match self {
            RateKernel::Exponential => -sigma * (1.0 - fraction).ln(),
            _ => {
                // Alpha: 1 - (1 + y) e^{-y} = fraction with y = t/τ; the left side increases
                // from 0 to 1, so bisect to the last representable bracket.
                let tau = sigma / 2f64.sqrt();
                let g = |y: f64| 1.0 - (1.0 + y) * (-y).exp() - fraction;
                let (mut lo, mut hi) = (0.0f64, 1.0f64);
                while g(hi) < 0.0 && hi < 1e3 {
                    hi *= 2.0;
                }
                loop {
                    let mid = 0.5 * (lo + hi);
                    if mid <= lo || mid >= hi {
                        break;
                    }
                    if g(mid) < 0.0 {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let y = if g(hi).abs() < g(lo).abs() { hi } else { lo };
                y * tau
            }
        }
    }

    /// The kernel median (`icdf(0.5)`): 0 for the symmetric kernels.
    fn median(self, sigma: f64) -> f64 {
        if self.is_symmetric() {
            0.0
        } else {
            self.icdf_asymmetric(0.5, sigma)
        }
    }
}

/// #5 `instantaneous_rate(spikes, sampling_period, sigma, kernel="gaussian", t_start=0.0,
/// t_stop=None, cutoff=5.0, center_kernel=True, trim=False, border_correction=False)
/// -> (times, rate)`: the kernel-convolved rate in Hz, equal to
/// `elephant.statistics.instantaneous_rate(neo.SpikeTrain(time_slice(x), t_start, t_stop),
/// sampling_period, kernel=<Name>Kernel(sigma))`:
///
/// * `n = int((t_stop - t_start) / sampling_period)` samples; the histogram is
///   `numpy.histogram(x, bins=n, range=(t_start, t_start + n·sampling_period))`;
/// * `cutoff` is raised to the kernel's minimum (√3, √6, √5 or 3); `hh = ceil(cutoff·σ/sp)`;
///   the kernel is sampled at `linspace(-cutoff·σ/sp + m, cutoff·σ/sp + m, 2hh + 1)` sampling
///   periods, `m` the kernel median when `center_kernel` (σ ln 2 exponential, the root of
///   CDF = 1/2 alpha, 0 otherwise);
/// * `rate = convolve(h, k)` in `"same"` mode, or `"valid"` when `trim` (then the times
///   start at `t_start + median_index·sp` and `2hh + 1 <= n` is required), clipped at 0;
/// * `times = t_start' + k·sp`, the left edges;
/// * `border_correction` (Gaussian only) multiplies by
///   `2 / (erf((t_stop' - t)/(√2σ)) - erf((t_start' - t)/(√2σ)))` and rescales so that
///   `mean(rate)·(t_stop' - t_start') = n_spikes` when there are spikes, where `t_start'`,
///   `t_stop'` are the window Elephant reports (with `trim`:
///   `t_start + median_index·sp` and `t_stop - (2hh + 1 - median_index)·sp`).
///
/// The convolution is computed directly (over the occupied samples) when that is cheaper, else
/// by FFT; both are deterministic.
#[allow(clippy::too_many_arguments)]
pub fn instantaneous_rate(
    spikes: &[f64],
    sampling_period: f64,
    sigma: f64,
    kernel: RateKernel,
    t_start: f64,
    t_stop: Option<f64>,
    cutoff: f64,
    center_kernel: bool,
    trim: bool,
    border_correction: bool,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let x = sorted_train(F, "spikes", spikes)?;
    let sp = positive(F, "sampling_period", sampling_period)?;
    positive(F, "sigma", sigma)?;
    finite(F, "cutoff", cutoff)?;
    if border_correction && kernel != RateKernel::Gaussian {
        return Err(Error::invalid(
            F,
            format!(
                "border_correction = true is implemented for the gaussian kernel only (kernel = '{}')",
                kernel.name()
            ),
        ));
    }
    let (t_start, t_stop) = window(F, t_start, t_stop, &[&x])?;
    let x = in_window(&x, t_start, t_stop);

    // Histogram (plain truncation of the number of samples, not G6).
    let n_f = ((t_stop - t_start) / sp).trunc();
    if n_f < 1.0 {
        return Err(Error::out_of_range(
            F,
            "sampling_period",
            sp,
            format!("(0, t_stop - t_start = {}]", t_stop - t_start),
        ));
    }
    if n_f > MAX_BINS as f64 {
        return Err(Error::out_of_range(
            F,
            "sampling_period",
            sp,
            format!("values giving at most {MAX_BINS} samples (this gives {n_f})"),
        ));
    }
    let n = n_f as usize;
    let hist = numpy_uniform_histogram(x, t_start, t_start + n as f64 * sp, n);

    // Kernel samples, in units of the sampling period.
    let cutoff = cutoff.max(kernel.min_cutoff());
    let hh_f = (cutoff * (sigma / sp)).ceil();
    if 2.0 * hh_f + 1.0 > MAX_BINS as f64 {
        return Err(Error::out_of_range(
            F,
            "sigma",
            sigma,
            format!(
                "values with 2 ceil(cutoff sigma / sampling_period) + 1 <= {MAX_BINS} (kernel length)"
            ),
        ));
    }
    let hh = hh_f as usize;
    let klen = 2 * hh + 1;
    let inv_sp = 1.0 / sp;
    let sigma_u = sigma * inv_sp;
    let cutoff_sigma = cutoff * sigma_u;
    let median = if center_kernel {
        kernel.median(sigma) * inv_sp
    } else {
        0.0
    };
    let u = linspace(-cutoff_sigma + median, cutoff_sigma + median, klen);
    let k: Vec<f64> = u.iter().map(|&t| kernel.pdf(t, sigma_u) * inv_sp).collect();

    if trim && klen > n {
        return Err(Error::invalid(
            F,
            format!(
                "trim = true needs the kernel ({klen} samples) to be no longer than the signal \
                 ({n} samples); use a smaller sigma or cutoff, a larger window or sampling_period, \
                 or trim = false"
            ),
        ));
    }
    check_bins(F, "sampling_period", sp, n + klen)?;
    let mut rate = convolve(&hist, &k, trim);
    for r in &mut rate {
        *r = r.max(0.0);
    }

    let (mut t0, mut t1) = (t_start, t_stop);
    if trim {
        let mid = median_index(kernel, &u, sigma_u);
        t0 = t_start + mid as f64 * sp;
        t1 = t_stop - (klen - mid) as f64 * sp;
    }
    let times: Vec<f64> = (0..rate.len()).map(|i| t0 + i as f64 * sp).collect();

    if border_correction {
        let s2 = 2f64.sqrt() * sigma;
        for (r, &t) in rate.iter_mut().zip(&times) {
            *r *= 2.0 / (erf((t1 - t) / s2) - erf((t0 - t) / s2));
        }
        if !x.is_empty() {
            let mean = rate.iter().sum::<f64>() / rate.len() as f64;
            let f = x.len() as f64 / (mean * (t1 - t0));
            for r in &mut rate {
                *r *= f;
            }
        }
    }
    Ok((times, rate))
}

/// Elephant's `Kernel.median_index(u)`: the first sample at or after the inverse CDF of the
/// mean of the CDFs at the two ends (the middle sample for the symmetric kernels, whose
/// samples are symmetric about their median). Grid points within 1e-9 samples of the
/// threshold count as at it, so rounding in the linspace does not move the index.
fn median_index(kernel: RateKernel, u: &[f64], sigma_u: f64) -> usize {
    if u.len() <= 2 {
        return 0;
    }
    let threshold = if kernel.is_symmetric() {
        // Symmetric kernel, samples symmetric about 0 (its median): CDF mean 1/2, icdf 0.
        0.0
    } else {
        let c = 0.5
            * (kernel.cdf_asymmetric(u[0], sigma_u)
                + kernel.cdf_asymmetric(u[u.len() - 1], sigma_u));
        if c == 0.0 {
            return u.len() / 2;
        }
        kernel.icdf_asymmetric(c, sigma_u)
    };
    let tol = 1e-9 * (u[1] - u[0]);
    u.iter()
        .position(|&v| v >= threshold - tol)
        .unwrap_or(u.len() - 1)
}

/// `numpy.histogram(x, bins=n, range=(a, b))` for ascending `x`: NumPy's uniform-bin
/// algorithm (index from the scaled offset, corrected against the linspace edges; the last
/// bin is closed).
fn numpy_uniform_histogram(x: &[f64], a: f64, b: f64, n: usize) -> Vec<f64> {
    let edges = linspace(a, b, n + 1);
    let mut h = vec![0.0; n];
    let denom = b - a;
    for &t in x {
        if !(t >= a && t <= b) {
            continue;
        }
        let mut i = (((t - a) / denom) * n as f64) as usize;
        if i >= n {
            i = n - 1;
        }
        if t < edges[i] {
            i = i.saturating_sub(1);
        } else if t >= edges[i + 1] && i != n - 1 {
            i += 1;
        }
        h[i] += 1.0;
    }
    h
}

/// `scipy.signal.fftconvolve(h, k, mode)` for odd-length `k`: `"same"` (output length
/// `len(h)`, centred) or `"valid"` (length `len(h) - len(k) + 1`). Direct summation over the
/// occupied samples when that is cheaper than the FFT.
fn convolve(h: &[f64], k: &[f64], valid: bool) -> Vec<f64> {
    let nnz = h.iter().filter(|&&v| v != 0.0).count();
    let size = fft_size(h.len() + k.len() - 1);
    let direct_cost = nnz as f64 * k.len() as f64;
    let fft_cost = 16.0 * size as f64 * (size as f64).log2().max(1.0);
    if direct_cost <= fft_cost {
        convolve_direct(h, k, valid)
    } else {
        convolve_fft(h, k, valid)
    }
}

/// The output offset into the full convolution, and the output length.
fn output_range(n: usize, klen: usize, valid: bool) -> (usize, usize) {
    if valid {
        (klen - 1, n + 1 - klen)
    } else {
        ((klen - 1) / 2, n)
    }
}

fn convolve_direct(h: &[f64], k: &[f64], valid: bool) -> Vec<f64> {
    let klen = k.len();
    let (off, out_len) = output_range(h.len(), klen, valid);
    let mut out = vec![0.0; out_len];
    // full[f] = sum_b h[b] k[f - b]; output index i = f - off.
    for (b, &hb) in h.iter().enumerate() {
        if hb == 0.0 {
            continue;
        }
        let f_lo = b.max(off);
        let f_hi = (b + klen).min(off + out_len);
        for f in f_lo..f_hi {
            out[f - off] += hb * k[f - b];
        }
    }
    out
}

fn convolve_fft(h: &[f64], k: &[f64], valid: bool) -> Vec<f64> {
    let (off, out_len) = output_range(h.len(), k.len(), valid);
    let size = fft_size(h.len() + k.len() - 1);
    let mut planner = FftPlanner::<f64>::new();
    let fwd = planner.plan_fft_forward(size);
    let inv = planner.plan_fft_inverse(size);
    let padded = |v: &[f64]| -> Vec<Complex<f64>> {
        (0..size)
            .map(|i| Complex::new(v.get(i).copied().unwrap_or(0.0), 0.0))
            .collect()
    };
    let (mut a, mut c) = (padded(h), padded(k));
    fwd.process(&mut a);
    fwd.process(&mut c);
    for (p, q) in a.iter_mut().zip(&c) {
        *p *= q;
    }
    inv.process(&mut a);
    let scale = 1.0 / size as f64;
    (0..out_len).map(|i| a[i + off].re * scale).collect()
}

/// The smallest `2^a 3^b 5^c >= n`.
fn fft_size(n: usize) -> usize {
    let mut best = n.next_power_of_two();
    let mut p5 = 1usize;
    while p5 < best {
        let mut p35 = p5;
        while p35 < best {
            let mut m = p35;
            while m < n {
                m *= 2;
            }
            best = best.min(m);
            p35 *= 3;
        }
        p5 *= 5;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fft_and_direct_convolution_agree() {
        let h: Vec<f64> = (0..300).map(|i| ((i * 7) % 5) as f64).collect();
        let k: Vec<f64> = (0..41)
            .map(|i| (-(i as f64 - 20.0).powi(2) / 50.0).exp())
            .collect();
        for valid in [false, true] {
            // The textbook sum, output index i = full index - offset.
            let (off, len): (usize, usize) = if valid { (40, 260) } else { (20, 300) };
            let want: Vec<f64> = (0..len)
                .map(|i| {
                    (0..k.len())
                        .filter_map(|j| {
                            (i + off)
                                .checked_sub(j)
                                .and_then(|b| h.get(b))
                                .map(|hb| hb * k[j])
                        })
                        .sum()
                })
                .collect();
            for got in [convolve_direct(&h, &k, valid), convolve_fft(&h, &k, valid)] {
                assert_eq!(got.len(), want.len());
                for (g, w) in got.iter().zip(&want) {
                    assert!((g - w).abs() < 1e-10, "{g} vs {w}");
                }
            }
        }
    }

    #[test]
    fn fft_sizes_are_5_smooth() {
        assert_eq!(fft_size(1), 1);
        assert_eq!(fft_size(7), 8);
        assert_eq!(fft_size(11), 12);
        assert_eq!(fft_size(1001), 1024);
        assert_eq!(fft_size(1201), 1215);
    }

    #[test]
    fn alpha_median_is_the_cdf_root() {
        let m = RateKernel::Alpha.median(2f64.sqrt());
        // 1 - (1 + y) e^{-y} = 1/2 at y = 1.678346990016661...
        assert!((m - 1.678_346_990_016_661).abs() < 1e-14, "{m}");
        let e = RateKernel::Exponential.median(2.0);
        assert!((e - 2.0 * std::f64::consts::LN_2).abs() < 1e-15);
    }

    #[test]
    fn kernels_integrate_to_one() {
        for kern in RateKernel::ALL {
            let dt = 1e-4;
            let s: f64 = (-100_000..=100_000)
                .map(|i| kern.pdf(i as f64 * dt, 1.0) * dt)
                .sum();
            // (the jump of the exponential kernel at 0 costs dt/2)
            assert!((s - 1.0).abs() < 1e-4, "{kern:?}: {s}");
        }
    }
}
