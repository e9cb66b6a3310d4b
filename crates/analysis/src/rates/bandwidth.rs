//! #6 `optimal_kernel_bandwidth`: Shimazaki & Shinomoto (2010), transcribed from Elephant
//! 1.2.1's `optimal_kernel_bandwidth(x)['optw']` (times=None, bandwidth=None, no bootstrap).

use rustfft::{FftPlanner, num_complex::Complex};
use sc_neurocore_core::Result;

use super::histogram_with_edges;
use crate::conventions::{linspace, sorted_train};

/// #6 `optimal_kernel_bandwidth(spikes)`: the Shimazaki–Shinomoto (2010) optimal Gaussian
/// kernel bandwidth (s), as Elephant computes it: a histogram of at most 1000 bins over
/// `[min, max]` (bin width at least the smallest positive ISI), the cost
/// `C(w) = N²(Σ ŷ² dt - 2 Σ ŷ y dt + 2/(√(2π) w N))` with `ŷ` the FFT-smoothed histogram
/// (padded to the next power of two), minimised by a golden-section search on the
/// `log(1 + e^w)` scale (at most 20 iterations, tolerance 1e-5). NaN for fewer than three
/// distinct spike times.
pub fn optimal_kernel_bandwidth(spikes: &[f64]) -> Result<f64> {
    let x = sorted_train("optimal_kernel_bandwidth", "spikes", spikes)?;
    let positive_isis: Vec<f64> = x
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|&d| d > 0.0)
        .collect();
    if positive_isis.len() < 2 {
        return Ok(f64::NAN); // fewer than three distinct spike times
    }
    let (lo, hi) = (x[0], x[x.len() - 1]);
    let time = hi - lo;
    let dt = positive_isis.iter().copied().fold(f64::INFINITY, f64::min);
    let nt = ((time / dt + 0.5) as usize).min(1000);
    let t = linspace(lo, hi, nt);
    if t.len() < 2 {
        return Ok(f64::NAN);
    }
    let dt = t
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    let mut edges: Vec<f64> = t.iter().map(|&v| v - dt / 2.0).collect();
    edges.push(t[t.len() - 1] + dt / 2.0);
    let counts = histogram_with_edges(&x, &edges);
    let n_spikes = counts.iter().sum::<i64>() as f64;
    let yhist: Vec<f64> = counts.iter().map(|&c| c as f64 / (n_spikes * dt)).collect();
    let mut smoother = Smoother::new(yhist.len());
    let mut cost = |w: f64| -> f64 {
        let yh = smoother.smooth(&yhist, w / dt);
        let s1: f64 = yh.iter().map(|v| v * v).sum();
        let s2: f64 = yh.iter().zip(&yhist).map(|(a, b)| a * b).sum();
        let c = s1 * dt - 2.0 * s2 * dt + 2.0 / (2.0 * std::f64::consts::PI).sqrt() / w / n_spikes;
        c * n_spikes * n_spikes
    };

    // Golden-section search on the log-exp scale (Elephant's loop, verbatim).
    let wmin = 2.0 * dt;
    let wmax = time;
    let imax = 20;
    let tolerance = 1e-5;
    let phi = 0.5 * (5f64.sqrt() + 1.0);
    let mut a = ilogexp(wmin);
    let mut b = ilogexp(wmax);
    let mut c1 = (phi - 1.0) * a + (2.0 - phi) * b;
    let mut c2 = (2.0 - phi) * a + (phi - 1.0) * b;
    let mut f1 = cost(logexp(c1));
    let mut f2 = cost(logexp(c2));
    let mut optw = f64::NAN;
    let mut k = 0;
    while (b - a).abs() > tolerance * (c1.abs() + c2.abs()) && k < imax {
        if f1 < f2 {
            b = c2;
            c2 = c1;
            c1 = (phi - 1.0) * a + (2.0 - phi) * b;
            f2 = f1;
            f1 = cost(logexp(c1));
            optw = logexp(c1);
        } else {
            a = c1;
            c1 = c2;
            c2 = (2.0 - phi) * a + (phi - 1.0) * b;
            f1 = f2;
            f2 = cost(logexp(c2));
            optw = logexp(c2);
        }
        k += 1;
    }
    Ok(optw)
}

fn logexp(x: f64) -> f64 {
    if x < 1e2 { (1.0 + x.exp()).ln() } else { x }
}

fn ilogexp(x: f64) -> f64 {
    if x < 1e2 { (x.exp() - 1.0).ln() } else { x }
}

/// Elephant's `fftkernel(x, w)`: Gaussian smoothing (`w` in bins) by FFT over
/// `nextpow2(len(x) + 3w)` points (circular), returning `|y[:len(x)]|`.
struct Smoother {
    planner: FftPlanner<f64>,
    len: usize,
}

impl Smoother {
    fn new(len: usize) -> Self {
        Smoother {
            planner: FftPlanner::new(),
            len,
        }
    }

    fn smooth(&mut self, x: &[f64], w: f64) -> Vec<f64> {
        let l_max = self.len as f64 + 3.0 * w;
        let n = 2f64.powf(l_max.log2().ceil()) as usize;
        let mut buf: Vec<Complex<f64>> = (0..n)
            .map(|i| Complex::new(x.get(i).copied().unwrap_or(0.0), 0.0))
            .collect();
        self.planner.plan_fft_forward(n).process(&mut buf);
        let c = w * 2.0 * std::f64::consts::PI;
        let half = n / 2;
        for (i, v) in buf.iter_mut().enumerate() {
            // f = [0, -1/n, ..., -(n/2 - 1)/n, 1/2, (n/2 - 1)/n, ..., 1/n]
            let f = if i < half {
                -(i as f64 / n as f64)
            } else {
                (n - i) as f64 / n as f64
            };
            let g = c * f;
            *v *= (-0.5 * (g * g)).exp();
        }
        self.planner.plan_fft_inverse(n).process(&mut buf);
        let scale = 1.0 / n as f64;
        buf[..self.len]
            .iter()
            .map(|v| (v.re * scale).hypot(v.im * scale))
            .collect()
    }
}
