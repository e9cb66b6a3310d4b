//! Family 7 of the catalogue: spike-triggered and spike–signal measures
//! (entries 93–100 of `crate::catalogue`).
//!
//! A *signal* is sampled at `sampling_rate` Hz (`fs`), sample k at `signal_t_start + k/fs`,
//! and spans `[signal_t_start, signal_t_start + len/fs)`. Signals, spikes and phases must be
//! finite (G4); spikes are sorted first (G3), so results do not depend on their order.

use std::f64::consts::PI;

use rustfft::FftPlanner;
use rustfft::num_complex::Complex;
use sc_neurocore_core::{Error, Result};

use crate::conventions::{Binning, check_finite, positive, sorted_train};
use crate::spectral::{SpectralWindow, Welch};

/// Checks a signal (finite, at least one sample), its sampling rate and start time.
fn signal_args(object: &str, signal: &[f64], fs: f64, t0: f64) -> Result<f64> {
    check_finite(object, "signal", signal)?;
    if signal.is_empty() {
        return Err(Error::shape(object, "signal", 0, "at least 1 sample"));
    }
    let fs = positive(object, "sampling_rate", fs)?;
    if !t0.is_finite() {
        return Err(Error::out_of_range(
            object,
            "signal_t_start",
            t0,
            "a finite number",
        ));
    }
    Ok(fs)
}

/// The STA window: `w0 < w1`, both finite, no longer than the signal; returns
/// `nb = ceil((w1 − w0)·fs)`.
fn sta_window(object: &str, window: (f64, f64), fs: f64, len: usize) -> Result<usize> {
    let (w0, w1) = window;
    if !(w0.is_finite() && w1.is_finite() && w0 < w1) {
        return Err(Error::out_of_range(
            object,
            "window",
            format!("({w0}, {w1})"),
            "(w0, w1) with finite w0 < w1",
        ));
    }
    let span = len as f64 / fs;
    if w1 - w0 > span {
        return Err(Error::out_of_range(
            object,
            "window",
            format!("({w0}, {w1})"),
            format!("a window no longer than the signal ({span} s)"),
        ));
    }
    Ok(((w1 - w0) * fs).ceil() as usize)
}

/// The start samples of the segments of the used spikes (Elephant's rule: `s + w0 >= t0`,
/// `s + w1 <= t0 + len/fs`, `start = floor((s + w0 − t0)·fs)`; a segment that would still run
/// past the end by rounding is not used).
fn segment_starts(
    x: &[f64],
    window: (f64, f64),
    fs: f64,
    t0: f64,
    len: usize,
    nb: usize,
) -> Vec<usize> {
    let t_end = t0 + len as f64 / fs;
    x.iter()
        .filter(|&&s| s + window.0 >= t0 && s + window.1 <= t_end)
        .map(|&s| ((s + window.0 - t0) * fs).floor().max(0.0) as usize)
        .filter(|&start| start.saturating_add(nb) <= len)
        .collect()
}

/// #93 `spike_triggered_average(signal, sampling_rate, spikes, window, signal_t_start=0.0)
/// -> (lags, sta)`: the mean of `signal[start:start+nb]` over the used spikes, with
/// `window = (w0, w1)` relative to the spike, `nb = ceil((w1 − w0)·fs)`, a spike used when
/// `s + w0 >= t0` and `s + w1 <= t0 + len/fs`, `start = floor((s + w0 − t0)·fs)`;
/// `lags = w0 + k/fs`. No used spike gives an all-NaN `sta`.
/// Errors: a non-finite signal or spike, an empty signal, `sampling_rate` not in (0, inf),
/// a window with `w0 >= w1` or longer than the signal.
/// Reference: `elephant.sta.spike_triggered_average`.
pub fn spike_triggered_average(
    signal: &[f64],
    sampling_rate: f64,
    spikes: &[f64],
    window: (f64, f64),
    signal_t_start: f64,
) -> Result<(Vec<f64>, Vec<f64>)> {
    const F: &str = "spike_triggered_average";
    let fs = signal_args(F, signal, sampling_rate, signal_t_start)?;
    let x = sorted_train(F, "spikes", spikes)?;
    let nb = sta_window(F, window, fs, signal.len())?;
    let starts = segment_starts(&x, window, fs, signal_t_start, signal.len(), nb);
    let mut sta = vec![0.0; nb];
    for &s in &starts {
        for (a, v) in sta.iter_mut().zip(&signal[s..s + nb]) {
            *a += v;
        }
    }
    let n = starts.len() as f64;
    for a in &mut sta {
        *a /= n; // 0/0 = NaN without used spikes (G8)
    }
    let lags = (0..nb).map(|k| window.0 + k as f64 / fs).collect();
    Ok((lags, sta))
}

/// #94 `spike_triggered_covariance(signal, sampling_rate, spikes, window,
/// signal_t_start=0.0) -> ndarray[nb, nb]`: `np.cov` (ddof = 1, variables = lags) of the
/// segments that [`spike_triggered_average`] uses; fewer than 2 used spikes give all NaN.
/// Errors as for the STA.
pub fn spike_triggered_covariance(
    signal: &[f64],
    sampling_rate: f64,
    spikes: &[f64],
    window: (f64, f64),
    signal_t_start: f64,
) -> Result<Vec<Vec<f64>>> {
    const F: &str = "spike_triggered_covariance";
    let fs = signal_args(F, signal, sampling_rate, signal_t_start)?;
    let x = sorted_train(F, "spikes", spikes)?;
    let nb = sta_window(F, window, fs, signal.len())?;
    let starts = segment_starts(&x, window, fs, signal_t_start, signal.len(), nb);
    if starts.len() < 2 {
        return Ok(vec![vec![f64::NAN; nb]; nb]);
    }
    let n = starts.len() as f64;
    let mut mean = vec![0.0; nb];
    for &s in &starts {
        for (m, v) in mean.iter_mut().zip(&signal[s..s + nb]) {
            *m += v;
        }
    }
    for m in &mut mean {
        *m /= n;
    }
    let centred: Vec<Vec<f64>> = starts
        .iter()
        .map(|&s| {
            signal[s..s + nb]
                .iter()
                .zip(&mean)
                .map(|(v, m)| v - m)
                .collect()
        })
        .collect();
    let mut cov = vec![vec![0.0; nb]; nb];
    for i in 0..nb {
        for j in i..nb {
            let c = centred.iter().map(|row| row[i] * row[j]).sum::<f64>() / (n - 1.0);
            cov[i][j] = c;
            cov[j][i] = c;
        }
    }
    Ok(cov)
}

/// #95 `spike_field_coherence(signal, sampling_rate, spikes, signal_t_start=0.0,
/// nperseg=256, window="hann") -> (freqs, coherence)`: the spikes are binned (G6) at
/// `bin_size = 1/fs` over the signal span `[t0, t0 + len/fs]` (spikes outside ignored),
/// giving a count vector of the signal's length, and the result is
/// `scipy.signal.coherence(counts, signal, fs, nperseg=nperseg, window=window)` (Welch,
/// `noverlap = nperseg // 2`; `nperseg` is cut to the signal length as SciPy does). NaN where
/// a PSD is 0 (e.g. no spike). Errors: as for the STA, `nperseg < 1`.
/// Reference: `elephant.sta.spike_field_coherence`.
pub fn spike_field_coherence(
    signal: &[f64],
    sampling_rate: f64,
    spikes: &[f64],
    signal_t_start: f64,
    nperseg: usize,
    window: SpectralWindow,
) -> Result<(Vec<f64>, Vec<f64>)> {
    const F: &str = "spike_field_coherence";
    let fs = signal_args(F, signal, sampling_rate, signal_t_start)?;
    let x = sorted_train(F, "spikes", spikes)?;
    if nperseg < 1 {
        return Err(Error::out_of_range(F, "nperseg", nperseg, "[1, inf)"));
    }
    let len = signal.len();
    let t_end = signal_t_start + len as f64 / fs;
    let binning = Binning::new(F, signal_t_start, t_end, 1.0 / fs)?;
    let mut counts: Vec<f64> = binning.counts(&x).into_iter().map(|c| c as f64).collect();
    counts.resize(len, 0.0);
    let nperseg = nperseg.min(len);
    let welch = Welch::new(nperseg, nperseg / 2, window, fs);
    let (f, coh, _) = welch.coherence(&counts, signal);
    Ok((f, coh))
}

/// Elephant's `hilbert(signal, padding='nextpow')`: `scipy.signal.hilbert` zero-padded to
/// `n = 2^(int(log2(len − 1)) + 1)` (len itself when it is 1), truncated back to `len`.
fn analytic_signal(signal: &[f64]) -> Vec<Complex<f64>> {
    let len = signal.len();
    let n = if len <= 1 {
        len
    } else {
        1usize << ((((len - 1) as f64).log2() as u32) + 1)
    };
    let mut buf: Vec<Complex<f64>> = signal.iter().map(|&v| Complex::new(v, 0.0)).collect();
    buf.resize(n, Complex::new(0.0, 0.0));
    let mut planner = FftPlanner::new();
    planner.plan_fft_forward(n).process(&mut buf);
    // h: 1 at DC (and Nyquist for even n), 2 for positive frequencies, 0 for negative.
    for (k, v) in buf.iter_mut().enumerate() {
        let h = if k == 0 || (n % 2 == 0 && k == n / 2) {
            1.0
        } else if k < n.div_ceil(2) {
            2.0
        } else {
            0.0
        };
        *v *= h;
    }
    planner.plan_fft_inverse(n).process(&mut buf);
    let scale = 1.0 / n as f64;
    buf.truncate(len);
    for v in &mut buf {
        *v *= scale;
    }
    buf
}

/// #96 `spike_triggered_phase(signal, sampling_rate, spikes, signal_t_start=0.0,
/// interpolate=True) -> ndarray`: the phase (radians) of the analytic signal (Elephant's
/// `hilbert(padding='nextpow')`) at each spike in `[t0, t0 + len/fs)`, in time order: with
/// `i = int((s − t0)·fs)`, `angle((1−z)e^{iφ_i} + z e^{iφ_{i+1}})` with `z = (s − t_i)·fs`
/// when `interpolate` and `i + 1 < len`, else `φ_i`.
/// Errors: a non-finite signal or spike, an empty signal, `sampling_rate` not in (0, inf).
/// Reference: `elephant.phase_analysis.spike_triggered_phase`.
pub fn spike_triggered_phase(
    signal: &[f64],
    sampling_rate: f64,
    spikes: &[f64],
    signal_t_start: f64,
    interpolate: bool,
) -> Result<Vec<f64>> {
    const F: &str = "spike_triggered_phase";
    let fs = signal_args(F, signal, sampling_rate, signal_t_start)?;
    let x = sorted_train(F, "spikes", spikes)?;
    let t0 = signal_t_start;
    let len = signal.len();
    let t_end = t0 + len as f64 / fs;
    let z = analytic_signal(signal);
    let phase: Vec<f64> = z.iter().map(|c| c.im.atan2(c.re)).collect();
    Ok(x.iter()
        .filter(|&&s| s >= t0 && s < t_end)
        .map(|&s| {
            let i = (((s - t0) * fs) as usize).min(len - 1);
            if interpolate && i + 1 < len {
                let w = (s - (t0 + i as f64 / fs)) * fs;
                let p =
                    Complex::from_polar(1.0 - w, phase[i]) + Complex::from_polar(w, phase[i + 1]);
                p.im.atan2(p.re)
            } else {
                phase[i]
            }
        })
        .collect())
}

/// `(Σ cos φ, Σ sin φ)` of the phases.
fn resultant(phases: impl Iterator<Item = f64>) -> (f64, f64, usize) {
    phases.fold((0.0, 0.0, 0), |(c, s, n), p| {
        (c + p.cos(), s + p.sin(), n + 1)
    })
}

/// #97 `phase_locking_value(phases_a, phases_b) -> float`: `|mean(exp(i(φ_a − φ_b)))|`; NaN
/// for empty input. Errors: non-finite phases, different lengths.
/// Reference: `elephant.phase_analysis.phase_locking_value`.
pub fn phase_locking_value(phases_a: &[f64], phases_b: &[f64]) -> Result<f64> {
    const F: &str = "phase_locking_value";
    check_finite(F, "phases_a", phases_a)?;
    check_finite(F, "phases_b", phases_b)?;
    if phases_a.len() != phases_b.len() {
        return Err(Error::shape(
            F,
            "phases_b",
            phases_b.len(),
            format!("{} (the length of phases_a)", phases_a.len()),
        ));
    }
    let (c, s, n) = resultant(phases_a.iter().zip(phases_b).map(|(a, b)| a - b));
    Ok((c / n as f64).hypot(s / n as f64))
}

/// #98 `mean_phase_vector(phases) -> (angle, length)`: the angle and modulus of
/// `mean(exp(iφ))`; `(NaN, NaN)` for empty input. Errors: non-finite phases.
/// Reference: `elephant.phase_analysis.mean_phase_vector`.
pub fn mean_phase_vector(phases: &[f64]) -> Result<(f64, f64)> {
    check_finite("mean_phase_vector", "phases", phases)?;
    if phases.is_empty() {
        return Ok((f64::NAN, f64::NAN));
    }
    let (c, s, n) = resultant(phases.iter().copied());
    let (c, s) = (c / n as f64, s / n as f64);
    Ok((s.atan2(c), c.hypot(s)))
}

/// #99 `vector_strength(spikes, period) -> (strength, phase)`: `|mean(exp(2πi t/period))|`
/// and its angle (the angle computed as SciPy does, `(2π/period)·t`); `(NaN, NaN)` for an
/// empty train. Errors: non-finite spikes, `period` not in (0, inf).
/// Reference: `scipy.signal.vectorstrength`.
pub fn vector_strength(spikes: &[f64], period: f64) -> Result<(f64, f64)> {
    const F: &str = "vector_strength";
    let x = sorted_train(F, "spikes", spikes)?;
    let period = positive(F, "period", period)?;
    if x.is_empty() {
        return Ok((f64::NAN, f64::NAN));
    }
    let w = 2.0 * PI / period;
    let (c, s, n) = resultant(x.iter().map(|&t| w * t));
    let (c, s) = (c / n as f64, s / n as f64);
    Ok((c.hypot(s), s.atan2(c)))
}

/// #100 `rayleigh_test(phases) -> (z, p)`: Rayleigh's test of uniformity (Zar 1999): with
/// `R = |Σ exp(iφ)|` and n phases, `z = R²/n` and
/// `p = exp(sqrt(1 + 4n + 4(n² − R²)) − (1 + 2n))` clipped to [0, 1]; `(NaN, NaN)` for n = 0.
/// Errors: non-finite phases.
pub fn rayleigh_test(phases: &[f64]) -> Result<(f64, f64)> {
    check_finite("rayleigh_test", "phases", phases)?;
    if phases.is_empty() {
        return Ok((f64::NAN, f64::NAN));
    }
    let (c, s, n) = resultant(phases.iter().copied());
    let n = n as f64;
    let r2 = c * c + s * s;
    let z = r2 / n;
    let p = ((1.0 + 4.0 * n + 4.0 * (n * n - r2)).sqrt() - (1.0 + 2.0 * n))
        .exp()
        .clamp(0.0, 1.0);
    Ok((z, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analytic_signal_of_a_cosine_is_the_complex_exponential() {
        // 64 samples (a power of two: no padding), 4 whole periods.
        let n = 64;
        let x: Vec<f64> = (0..n)
            .map(|k| (2.0 * PI * 4.0 * k as f64 / n as f64).cos())
            .collect();
        let z = analytic_signal(&x);
        for (k, c) in z.iter().enumerate() {
            let ph = 2.0 * PI * 4.0 * k as f64 / n as f64;
            assert!((c.re - ph.cos()).abs() < 1e-12 && (c.im - ph.sin()).abs() < 1e-12);
        }
        assert_eq!(analytic_signal(&[2.0]), vec![Complex::new(2.0, 0.0)]);
    }
}
