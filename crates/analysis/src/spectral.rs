//! Family 4 of the catalogue: spectral estimates of binned spike trains
//! (entries 64–69 of `crate::catalogue`), and the Welch machinery shared with family 7
//! (`spike_field_coherence`).
//!
//! The signal is the binned rate `r[k] = b[k]/bin_size` (G6 counts), sampled at
//! `fs = 1/bin_size`. The Welch estimates transcribe `scipy.signal.csd` / `welch`
//! (`detrend='constant'`, `scaling='density'`, one-sided, `average='mean'`): segments of
//! `nperseg` samples every `nperseg − noverlap`, each mean-subtracted, windowed (periodic
//! window, `sym=False`), transformed (rustfft), `conj(X)·Y` scaled by `1/(fs·Σw²)`, every bin
//! except DC (and the Nyquist bin for even `nperseg`) doubled, then averaged over segments.
//! The multitaper estimates use DPSS tapers computed like `scipy.signal.windows.dpss(L, nw, K,
//! sym=False)` (unit-norm eigenvectors of the (L+1)-point tridiagonal problem by bisection and
//! inverse iteration, truncated to L points).

use std::sync::Arc;

use rustfft::num_complex::Complex;
use rustfft::{Fft, FftPlanner};
use sc_neurocore_core::{Error, Result};

use crate::conventions::{Binning, linspace, sorted_train, window};
use crate::rates::check_bins;

/// Complex numbers of the cross-spectra (`rustfft::num_complex::Complex<f64>`).
pub type Complex64 = Complex<f64>;

// ------------------------------------------------------------------ windows

/// The data windows of the Welch estimates: SciPy's `get_window(name, n, fftbins=True)`
/// (periodic, i.e. `sym=False`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpectralWindow {
    /// `"boxcar"`: all ones.
    Boxcar,
    /// `"hann"`: `0.5 − 0.5 cos(2πn/N)`.
    Hann,
    /// `"hamming"`: `0.54 − 0.46 cos(2πn/N)`.
    Hamming,
    /// `"blackman"`: `0.42 − 0.5 cos(2πn/N) + 0.08 cos(4πn/N)`.
    Blackman,
    /// `"bartlett"`: `1 − |2n/N − 1|`.
    Bartlett,
    /// `"flattop"`: SciPy's five-term flat-top window.
    Flattop,
}

impl SpectralWindow {
    /// The accepted names (SciPy's), in the order of the variants.
    pub const NAMES: [&'static str; 6] = [
        "boxcar", "hann", "hamming", "blackman", "bartlett", "flattop",
    ];

    const ALL: [SpectralWindow; 6] = [
        SpectralWindow::Boxcar,
        SpectralWindow::Hann,
        SpectralWindow::Hamming,
        SpectralWindow::Blackman,
        SpectralWindow::Bartlett,
        SpectralWindow::Flattop,
    ];

    /// The window called `name`; an unknown name is an error starting with `window`.
    pub fn from_name(name: &str) -> Result<Self> {
        Self::parse("window", name)
    }

    /// [`SpectralWindow::from_name`] with the calling function `object` named in the error.
    pub fn parse(object: &str, name: &str) -> Result<Self> {
        Self::NAMES
            .iter()
            .position(|&n| n == name)
            .map(|k| Self::ALL[k])
            .ok_or_else(|| Error::unknown(object, "window", name, Self::NAMES))
    }

    /// The SciPy name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// `n` samples of the periodic window (SciPy: the `n + 1`-point symmetric window without
    /// its last sample; `n <= 1` gives ones).
    pub fn samples(self, n: usize) -> Vec<f64> {
        if n <= 1 {
            return vec![1.0; n];
        }
        let m = n + 1;
        let cosine = |a: &[f64]| -> Vec<f64> {
            // scipy general_cosine: Σ a_k cos(k·fac), fac = linspace(−π, π, m)
            let fac = linspace(-std::f64::consts::PI, std::f64::consts::PI, m);
            fac[..n]
                .iter()
                .map(|&f| {
                    a.iter()
                        .enumerate()
                        .fold(0.0, |w, (k, &ak)| w + ak * (k as f64 * f).cos())
                })
                .collect()
        };
        match self {
            SpectralWindow::Boxcar => vec![1.0; n],
            SpectralWindow::Hann => cosine(&[0.5, 1.0 - 0.5]),
            SpectralWindow::Hamming => cosine(&[0.54, 1.0 - 0.54]),
            SpectralWindow::Blackman => cosine(&[0.42, 0.50, 0.08]),
            SpectralWindow::Flattop => cosine(&[
                0.215_578_95,
                0.416_631_58,
                0.277_263_158,
                0.083_578_947,
                0.006_947_368,
            ]),
            SpectralWindow::Bartlett => (0..n)
                .map(|i| {
                    let x = 2.0 * i as f64 / (m - 1) as f64;
                    if i as f64 <= (m - 1) as f64 / 2.0 {
                        x
                    } else {
                        2.0 - x
                    }
                })
                .collect(),
        }
    }
}

// ------------------------------------------------------------------ FFT helpers

/// A forward FFT of one length, reused across segments.
pub(crate) struct RealFft {
    fft: Arc<dyn Fft<f64>>,
    n: usize,
}

impl RealFft {
    pub(crate) fn new(n: usize) -> Self {
        RealFft {
            fft: FftPlanner::new().plan_fft_forward(n),
            n,
        }
    }

    /// The first `n/2 + 1` bins of the DFT of the real sequence `x` (length `n`).
    pub(crate) fn rfft(&self, x: &[f64]) -> Vec<Complex64> {
        let mut buf: Vec<Complex64> = x.iter().map(|&v| Complex::new(v, 0.0)).collect();
        buf.resize(self.n, Complex::new(0.0, 0.0));
        self.fft.process(&mut buf);
        buf.truncate(self.n / 2 + 1);
        buf
    }
}

/// `numpy.fft.rfftfreq(n, 1/fs)`: `k·fs/n`, computed as NumPy does (`k · (1/(n·d))`).
pub(crate) fn rfftfreq(n: usize, fs: f64) -> Vec<f64> {
    let d = 1.0 / fs;
    let val = 1.0 / (n as f64 * d);
    (0..n / 2 + 1).map(|k| k as f64 * val).collect()
}

// ------------------------------------------------------------------ Welch

/// Welch parameters: segment length, overlap, window samples, sampling rate.
pub(crate) struct Welch {
    pub(crate) nperseg: usize,
    pub(crate) noverlap: usize,
    pub(crate) window: Vec<f64>,
    pub(crate) fs: f64,
}

impl Welch {
    pub(crate) fn new(nperseg: usize, noverlap: usize, window: SpectralWindow, fs: f64) -> Self {
        Welch {
            nperseg,
            noverlap,
            window: window.samples(nperseg),
            fs,
        }
    }

    /// The windowed, mean-subtracted segment transforms of `x` (`len(x) >= nperseg`).
    fn segments(&self, x: &[f64], fft: &RealFft) -> Vec<Vec<Complex64>> {
        let step = self.nperseg - self.noverlap;
        let count = (x.len() - self.nperseg) / step + 1;
        (0..count)
            .map(|s| {
                let seg = &x[s * step..s * step + self.nperseg];
                let mean = seg.iter().sum::<f64>() / self.nperseg as f64;
                let w: Vec<f64> = seg
                    .iter()
                    .zip(&self.window)
                    .map(|(&v, &w)| w * (v - mean))
                    .collect();
                fft.rfft(&w)
            })
            .collect()
    }

    /// `scipy.signal.csd(x, y)` (with `y = None`: `welch(x)`, still complex): the frequencies
    /// and the one-sided averaged density.
    pub(crate) fn csd(&self, x: &[f64], y: Option<&[f64]>) -> (Vec<f64>, Vec<Complex64>) {
        let fft = RealFft::new(self.nperseg);
        let sx = self.segments(x, &fft);
        let sy = y.map(|y| self.segments(y, &fft));
        let scale = 1.0 / (self.fs * self.window.iter().map(|w| w * w).sum::<f64>());
        let nf = self.nperseg / 2 + 1;
        let last_doubled = if self.nperseg % 2 == 1 { nf } else { nf - 1 };
        let mut acc = vec![Complex::new(0.0, 0.0); nf];
        for (k, xs) in sx.iter().enumerate() {
            let ys = sy.as_ref().map_or(xs, |s| &s[k]);
            for (f, a) in acc.iter_mut().enumerate() {
                let mut v = xs[f].conj() * ys[f] * scale;
                if f >= 1 && f < last_doubled {
                    v *= 2.0;
                }
                *a += v;
            }
        }
        let n = sx.len() as f64;
        for a in &mut acc {
            *a /= n;
        }
        (rfftfreq(self.nperseg, self.fs), acc)
    }

    /// `scipy.signal.welch(x)`: the real one-sided density.
    pub(crate) fn psd(&self, x: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let (f, p) = self.csd(x, None);
        (f, p.into_iter().map(|c| c.re).collect())
    }

    /// `scipy.signal.coherence`-style magnitude-squared coherence `|Pxy|²/(Pxx·Pyy)` and the
    /// phase `angle(Pxy)` (NaN where a PSD is 0).
    pub(crate) fn coherence(&self, x: &[f64], y: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let (f, pxx) = self.psd(x);
        let (_, pyy) = self.psd(y);
        let (_, pxy) = self.csd(x, Some(y));
        let coh = pxy
            .iter()
            .zip(pxx.iter().zip(&pyy))
            .map(|(c, (a, b))| c.norm_sqr() / (a * b))
            .collect();
        let phase = pxy.iter().map(|c| c.im.atan2(c.re)).collect();
        (f, coh, phase)
    }
}

// ------------------------------------------------------------------ binned rates

/// The G5 window over the given trains and the binned rates `b[k]/bin_size` (G6) of each.
fn binned_rates(
    object: &str,
    trains: &[(&str, &[f64])],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
) -> Result<(Vec<Vec<f64>>, f64)> {
    let sorted: Vec<Vec<f64>> = trains
        .iter()
        .map(|(field, x)| sorted_train(object, field, x))
        .collect::<Result<_>>()?;
    let refs: Vec<&[f64]> = sorted.iter().map(Vec::as_slice).collect();
    let (a, b) = window(object, t_start, t_stop, &refs)?;
    let binning = Binning::new(object, a, b, bin_size)?;
    check_bins(object, "bin_size", bin_size, binning.n_bins)?;
    let rates = sorted
        .iter()
        .map(|x| {
            binning
                .counts(x)
                .into_iter()
                .map(|c| c as f64 / bin_size)
                .collect()
        })
        .collect();
    Ok((rates, 1.0 / bin_size))
}

/// Elephant's `n_segments` rule: `nperseg = int(L/(n − overlap·(n−1)))`,
/// `noverlap = int(nperseg·overlap)`; `L >= n_segments >= 1`, `0 <= overlap < 1`.
fn welch_segments(
    object: &str,
    len: usize,
    n_segments: usize,
    overlap: f64,
) -> Result<(usize, usize)> {
    if !(0.0..1.0).contains(&overlap) {
        return Err(Error::out_of_range(object, "overlap", overlap, "[0, 1)"));
    }
    if n_segments < 1 || n_segments > len {
        return Err(Error::out_of_range(
            object,
            "n_segments",
            n_segments,
            format!("[1, {len}] (at most the number of bins)"),
        ));
    }
    let n = n_segments as f64;
    let nperseg = (len as f64 / (n - overlap * (n - 1.0))) as usize;
    let noverlap = (nperseg as f64 * overlap) as usize;
    Ok((nperseg.clamp(1, len), noverlap))
}

// ------------------------------------------------------------------ 64–67: Welch family

/// #64 `spike_train_psd(spikes, bin_size, t_start=0.0, t_stop=None, n_segments=8,
/// overlap=0.5, window="hann") -> (freqs, psd)`: the one-sided Welch PSD (Hz²/Hz) of the
/// binned rate, with Elephant's segment rule. An empty train gives zeros.
/// Errors: non-finite spikes, a bad window or bin size, `n_segments` not in [1, n_bins],
/// `overlap` not in [0, 1). Reference: `elephant.spectral.welch_psd` (`scipy.signal.welch`).
pub fn spike_train_psd(
    spikes: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    n_segments: usize,
    overlap: f64,
    window: SpectralWindow,
) -> Result<(Vec<f64>, Vec<f64>)> {
    const F: &str = "spike_train_psd";
    let (r, fs) = binned_rates(F, &[("spikes", spikes)], bin_size, t_start, t_stop)?;
    let (nperseg, noverlap) = welch_segments(F, r[0].len(), n_segments, overlap)?;
    Ok(Welch::new(nperseg, noverlap, window, fs).psd(&r[0]))
}

/// #65 `spike_train_periodogram(spikes, bin_size, t_start=0.0, t_stop=None,
/// window="boxcar") -> (freqs, psd)`: `scipy.signal.periodogram` of the binned rate (one
/// segment of all bins, constant detrend, density scaling).
pub fn spike_train_periodogram(
    spikes: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    window: SpectralWindow,
) -> Result<(Vec<f64>, Vec<f64>)> {
    const F: &str = "spike_train_periodogram";
    let (r, fs) = binned_rates(F, &[("spikes", spikes)], bin_size, t_start, t_stop)?;
    Ok(Welch::new(r[0].len(), 0, window, fs).psd(&r[0]))
}

/// #66 `spike_train_coherence(spikes_a, spikes_b, bin_size, t_start=0.0, t_stop=None,
/// n_segments=8, overlap=0.5, window="hann") -> (freqs, coherence, phase_lag)`: Welch
/// magnitude-squared coherence `|Pab|²/(Paa·Pbb)` and the phase lag `angle(Pab)` (radians,
/// `Pab = mean conj(A)·B`); NaN where a PSD is 0 (e.g. an empty train). `t_stop = None` is
/// the last spike of both trains. Reference: `elephant.spectral.welch_coherence`.
#[allow(clippy::too_many_arguments)]
pub fn spike_train_coherence(
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    n_segments: usize,
    overlap: f64,
    window: SpectralWindow,
) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    const F: &str = "spike_train_coherence";
    let trains = [("spikes_a", spikes_a), ("spikes_b", spikes_b)];
    let (r, fs) = binned_rates(F, &trains, bin_size, t_start, t_stop)?;
    let (nperseg, noverlap) = welch_segments(F, r[0].len(), n_segments, overlap)?;
    Ok(Welch::new(nperseg, noverlap, window, fs).coherence(&r[0], &r[1]))
}

/// #67 `spike_train_csd(spikes_a, spikes_b, bin_size, t_start=0.0, t_stop=None,
/// n_segments=8, overlap=0.5, window="hann") -> (freqs, csd)`: the complex one-sided Welch
/// cross-spectral density `mean conj(A)·B` (doubled except DC and even-length Nyquist).
/// Reference: `scipy.signal.csd` with Elephant's segment rule.
#[allow(clippy::too_many_arguments)]
pub fn spike_train_csd(
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    n_segments: usize,
    overlap: f64,
    window: SpectralWindow,
) -> Result<(Vec<f64>, Vec<Complex64>)> {
    const F: &str = "spike_train_csd";
    let trains = [("spikes_a", spikes_a), ("spikes_b", spikes_b)];
    let (r, fs) = binned_rates(F, &trains, bin_size, t_start, t_stop)?;
    let (nperseg, noverlap) = welch_segments(F, r[0].len(), n_segments, overlap)?;
    Ok(Welch::new(nperseg, noverlap, window, fs).csd(&r[0], Some(&r[1])))
}

// ------------------------------------------------------------------ DPSS

/// Number of eigenvalues of the symmetric tridiagonal (d, e) that are `< x` (Sturm count).
fn sturm_count(d: &[f64], e: &[f64], x: f64) -> usize {
    let mut count = 0;
    let mut q = 1.0f64;
    for i in 0..d.len() {
        let off = if i == 0 { 0.0 } else { e[i - 1] * e[i - 1] / q };
        q = d[i] - x - off;
        if q == 0.0 {
            q = -f64::EPSILON * (d[i].abs() + x.abs() + 1.0);
        }
        if q < 0.0 {
            count += 1;
        }
    }
    count
}

/// The eigenvalue of rank `k` (0 = smallest) by bisection to the last representable bracket.
fn eigenvalue(d: &[f64], e: &[f64], k: usize) -> f64 {
    // Gershgorin bounds.
    let n = d.len();
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in 0..n {
        let r = if i > 0 { e[i - 1].abs() } else { 0.0 } + if i + 1 < n { e[i].abs() } else { 0.0 };
        lo = lo.min(d[i] - r);
        hi = hi.max(d[i] + r);
    }
    let pad = f64::EPSILON * (lo.abs().max(hi.abs()) + 1.0) * n as f64;
    lo -= pad;
    hi += pad;
    loop {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            return mid;
        }
        if sturm_count(d, e, mid) > k {
            hi = mid;
        } else {
            lo = mid;
        }
    }
}

/// An eigenvector for eigenvalue `lambda` by inverse iteration: solves `(T − λI) v = b`
/// with a tridiagonal LU with partial pivoting (LAPACK `dgttrf`/`dgttrs`), three times.
fn eigenvector(d: &[f64], e: &[f64], lambda: f64) -> Vec<f64> {
    let n = d.len();
    let scale = d
        .iter()
        .chain(e)
        .fold(0.0f64, |m, v| m.max(v.abs()))
        .max(1.0);
    let tiny = f64::EPSILON * scale;
    // Factor (T − λI) = P L U; U has the diagonal u0 and two superdiagonals u1, u2.
    let mut u0: Vec<f64> = d.iter().map(|&v| v - lambda).collect();
    let mut u1: Vec<f64> = e.to_vec();
    u1.push(0.0);
    let mut u2 = vec![0.0; n];
    let mut lower = vec![0.0; n]; // multipliers
    let mut swapped = vec![false; n];
    let mut sub: Vec<f64> = e.to_vec(); // subdiagonal, consumed
    for i in 0..n.saturating_sub(1) {
        if u0[i].abs() >= sub[i].abs() {
            if u0[i] == 0.0 {
                u0[i] = tiny;
            }
            let m = sub[i] / u0[i];
            lower[i] = m;
            u0[i + 1] -= m * u1[i];
        } else {
            // Swap rows i and i+1.
            swapped[i] = true;
            let m = u0[i] / sub[i];
            lower[i] = m;
            u0[i] = sub[i];
            let t = u1[i];
            u1[i] = u0[i + 1];
            u0[i + 1] = t - m * u0[i + 1];
            if i + 1 < n - 1 {
                u2[i] = u1[i + 1];
                u1[i + 1] *= -m;
            }
        }
        sub[i] = 0.0;
    }
    if u0[n - 1] == 0.0 {
        u0[n - 1] = tiny;
    }
    for v in u0.iter_mut() {
        if v.abs() < tiny {
            *v = if *v < 0.0 { -tiny } else { tiny };
        }
    }
    let solve = |b: &mut [f64]| {
        for i in 0..n.saturating_sub(1) {
            if swapped[i] {
                b.swap(i, i + 1);
            }
            b[i + 1] -= lower[i] * b[i];
        }
        for i in (0..n).rev() {
            let mut s = b[i];
            if i + 1 < n {
                s -= u1[i] * b[i + 1];
            }
            if i + 2 < n {
                s -= u2[i] * b[i + 2];
            }
            b[i] = s / u0[i];
        }
    };
    // A start vector with no special symmetry.
    let mut v: Vec<f64> = (0..n)
        .map(|i| 1.0 + 0.1 * ((i * 7919) % 101) as f64 / 101.0)
        .collect();
    for _ in 0..4 {
        solve(&mut v);
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        for x in &mut v {
            *x /= norm;
        }
    }
    v
}

/// `scipy.signal.windows.dpss(m, nw, k, sym=False)` (norm 2): the `k` tapers of the
/// `m + 1`-point problem with the largest eigenvalues, unit L2 norm, the last point dropped,
/// with SciPy's sign convention (even tapers sum > 0, odd tapers start with a positive lobe).
/// `1 <= k <= m`, `0 < nw < m/2` (checked by the callers).
pub(crate) fn dpss(m: usize, nw: f64, k: usize) -> Vec<Vec<f64>> {
    let mut v = dpss_symmetric(m + 1, nw, k);
    for t in &mut v {
        t.truncate(m);
    }
    v
}

/// The `k` unit-norm `mm`-point DPSS tapers (SciPy's `sym=True`, norm 2, signs fixed).
fn dpss_symmetric(mm: usize, nw: f64, k: usize) -> Vec<Vec<f64>> {
    let w = nw / mm as f64;
    let c = (2.0 * std::f64::consts::PI * w).cos();
    let d: Vec<f64> = (0..mm)
        .map(|i| {
            let h = (mm as f64 - 1.0 - 2.0 * i as f64) / 2.0;
            h * h * c
        })
        .collect();
    let e: Vec<f64> = (1..mm).map(|i| i as f64 * (mm - i) as f64 / 2.0).collect();
    let thresh = (1e-7f64).max(1.0 / mm as f64);
    (0..k)
        .map(|j| {
            let lambda = eigenvalue(&d, &e, mm - 1 - j);
            let mut v = eigenvector(&d, &e, lambda);
            let flip = if j % 2 == 0 {
                v.iter().sum::<f64>() < 0.0
            } else {
                v.iter()
                    .find(|&&x| x * x > thresh)
                    .is_some_and(|&x| x < 0.0)
            };
            if flip {
                for x in &mut v {
                    *x = -*x;
                }
            }
            v
        })
        .collect()
}

/// Checks `nw` and `num_tapers` (default `floor(2·nw) − 1`) for `len` samples.
fn tapers(object: &str, len: usize, nw: f64, num_tapers: Option<usize>) -> Result<Vec<Vec<f64>>> {
    if !(nw.is_finite() && nw > 0.0 && nw < len as f64 / 2.0) {
        return Err(Error::out_of_range(
            object,
            "nw",
            nw,
            format!("(0, n_bins/2 = {})", len as f64 / 2.0),
        ));
    }
    let k = match num_tapers {
        Some(k) => k,
        None => {
            let k = (2.0 * nw).floor() - 1.0;
            if k < 1.0 {
                return Err(Error::out_of_range(
                    object,
                    "nw",
                    nw,
                    "[1, n_bins/2) when num_tapers = None (floor(2 nw) - 1 tapers)",
                ));
            }
            k as usize
        }
    };
    if k < 1 || k > len {
        return Err(Error::out_of_range(
            object,
            "num_tapers",
            k,
            format!("[1, n_bins = {len}]"),
        ));
    }
    Ok(dpss(len, nw, k))
}

/// The tapered spectra `rfft(x·v_k)` for every taper.
fn tapered(x: &[f64], tapers: &[Vec<f64>], fft: &RealFft) -> Vec<Vec<Complex64>> {
    tapers
        .iter()
        .map(|v| {
            let y: Vec<f64> = x.iter().zip(v).map(|(a, b)| a * b).collect();
            fft.rfft(&y)
        })
        .collect()
}

// ------------------------------------------------------------------ 68–69: multitaper

/// #68 `multitaper_psd(spikes, bin_size, t_start=0.0, t_stop=None, nw=4.0, num_tapers=None)
/// -> (freqs, psd)`: the DPSS multitaper PSD of the binned rate, without detrending:
/// `psd = mean_k |rfft(r·v_k)|² / fs`, every bin except DC doubled (Nyquist included),
/// `freqs = rfftfreq(L, 1/fs)`; `num_tapers = None` means `floor(2·nw) − 1`.
/// Errors: non-finite spikes, a bad window or bin size, `nw` not in (0, n_bins/2) (and
/// `>= 1` without `num_tapers`), `num_tapers` not in [1, n_bins].
/// Reference: `elephant.spectral.multitaper_psd(r, fs=fs, nw=nw)`.
pub fn multitaper_psd(
    spikes: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    nw: f64,
    num_tapers: Option<usize>,
) -> Result<(Vec<f64>, Vec<f64>)> {
    const F: &str = "multitaper_psd";
    let (r, fs) = binned_rates(F, &[("spikes", spikes)], bin_size, t_start, t_stop)?;
    let l = r[0].len();
    let v = tapers(F, l, nw, num_tapers)?;
    let fft = RealFft::new(l);
    let spectra = tapered(&r[0], &v, &fft);
    let k = v.len() as f64;
    let psd = (0..l / 2 + 1)
        .map(|f| {
            let s = spectra
                .iter()
                .map(|x| {
                    let p = x[f].norm_sqr();
                    if f >= 1 { 2.0 * p } else { p }
                })
                .sum::<f64>();
            s / k / fs
        })
        .collect();
    Ok((rfftfreq(l, fs), psd))
}

/// #69 `multitaper_coherence(spikes_a, spikes_b, bin_size, t_start=0.0, t_stop=None, nw=4.0,
/// num_tapers=None) -> (freqs, coherence, phase_lag)`: with the tapered spectra `A_k`, `B_k`
/// of the two binned rates, `Sab = mean_k conj(A_k)·B_k / fs` (and `Saa`, `Sbb` likewise),
/// coherence `|Sab|²/(Saa·Sbb)` and phase lag `angle(Sab)`; NaN where a spectrum is 0.
/// Computed in double precision (Elephant averages in complex64, so it agrees to ~1e-7).
/// Reference: `elephant.spectral.multitaper_coherence(r_a, r_b, fs=fs, nw=nw)` (one segment).
pub fn multitaper_coherence(
    spikes_a: &[f64],
    spikes_b: &[f64],
    bin_size: f64,
    t_start: f64,
    t_stop: Option<f64>,
    nw: f64,
    num_tapers: Option<usize>,
) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    const F: &str = "multitaper_coherence";
    let trains = [("spikes_a", spikes_a), ("spikes_b", spikes_b)];
    let (r, fs) = binned_rates(F, &trains, bin_size, t_start, t_stop)?;
    let l = r[0].len();
    let v = tapers(F, l, nw, num_tapers)?;
    let fft = RealFft::new(l);
    let a = tapered(&r[0], &v, &fft);
    let b = tapered(&r[1], &v, &fft);
    let k = v.len() as f64;
    let nf = l / 2 + 1;
    let (mut coh, mut phase) = (Vec::with_capacity(nf), Vec::with_capacity(nf));
    for f in 0..nf {
        let mut sab = Complex::new(0.0, 0.0);
        let (mut saa, mut sbb) = (0.0, 0.0);
        for (x, y) in a.iter().zip(&b) {
            sab += x[f].conj() * y[f];
            saa += x[f].norm_sqr();
            sbb += y[f].norm_sqr();
        }
        let (sab, saa, sbb) = (sab / k / fs, saa / k / fs, sbb / k / fs);
        coh.push(sab.norm_sqr() / (saa * sbb));
        phase.push(sab.im.atan2(sab.re));
    }
    Ok((rfftfreq(l, fs), coh, phase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_match_scipy_closed_forms() {
        let n = 16;
        let hann = SpectralWindow::Hann.samples(n);
        for (i, w) in hann.iter().enumerate() {
            let want = 0.5 - 0.5 * (2.0 * std::f64::consts::PI * i as f64 / n as f64).cos();
            assert!((w - want).abs() < 1e-15, "{i}");
        }
        let b = SpectralWindow::Bartlett.samples(4);
        assert_eq!(b, vec![0.0, 0.5, 1.0, 0.5]);
        assert_eq!(SpectralWindow::Boxcar.samples(3), vec![1.0; 3]);
        assert_eq!(SpectralWindow::Hann.samples(1), vec![1.0]);
    }

    #[test]
    fn dpss_tapers_are_orthonormal_eigenvectors() {
        for (mm, nw) in [(201, 4.0), (64, 2.5), (1001, 9.0)] {
            let k = (2.0f64 * nw).floor() as usize - 1;
            let v = dpss_symmetric(mm, nw, k);
            for i in 0..k {
                for j in 0..k {
                    let dot: f64 = v[i].iter().zip(&v[j]).map(|(a, b)| a * b).sum();
                    let want = if i == j { 1.0 } else { 0.0 };
                    assert!((dot - want).abs() < 1e-12, "{mm} {i} {j}: {dot}");
                }
                // Even tapers are symmetric, odd ones antisymmetric; signs by convention.
                let sign = if i % 2 == 0 { 1.0 } else { -1.0 };
                for n in 0..mm {
                    assert!((v[i][n] - sign * v[i][mm - 1 - n]).abs() < 1e-12, "{i} {n}");
                }
                if i % 2 == 0 {
                    assert!(v[i].iter().sum::<f64>() > 0.0);
                }
            }
            assert_eq!(dpss(mm - 1, nw, k)[0].len(), mm - 1);
        }
    }
}
