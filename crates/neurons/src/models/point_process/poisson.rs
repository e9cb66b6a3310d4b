//! A Poisson spike source as a neuron: in every step it fires with probability
//! `p = min(rate·dt, 1)`, independently of its past and of its input.
//!
//! # Why a neuron
//!
//! The stimulus `PoissonInput` injects spikes into its target without them being anybody's
//! spikes. Plasticity needs presynaptic spike times, so a plastic network driven by Poisson
//! trains (Song, Miller & Abbott 2000; the `stdp` zoo network) needs the trains to come from
//! neurons: this model, as Brian2's `PoissonGroup` and NEST's `poisson_generator` →
//! `parrot_neuron` provide them.
//!
//! # The spike probability
//!
//! `p = rate·dt` per step, as Brian2's `PoissonGroup` (`rand() < rates*dt`): the mean rate is
//! exactly `rate` for any `dt` with `rate·dt <= 1`; above that the neuron fires in every step
//! (its rate saturates at `1/dt`). The alternative `1 − exp(−rate·dt)`, the probability that a
//! Poisson process has at least one event in the step, would merge the events of a step into
//! one spike and so fire at `(1 − e^{−rate·dt})/dt < rate` (NEST's `parrot_neuron` instead
//! repeats a spike with its multiplicity, which a 0/1 spike per step cannot express). For the
//! rates and steps of spiking networks (`rate·dt` ~ 1e-3) the two differ by `rate·dt/2`
//! relative, 0.075 % at 15 Hz and 0.1 ms.
//!
//! # Algorithm and determinism
//!
//! Spike steps form a Bernoulli process, so the gaps between spikes are geometric: the
//! kernel draws the number of steps to the next spike, `G = 1 + floor(ln U / ln(1 − p))`
//! with `U` uniform in (0, 1] (`P(G > k) = (1 − p)^k`), counts it down, fires when it
//! reaches zero and draws the next gap. That is one draw per spike instead of one per step
//! (the same process as a per-step `U < p` test, drawn 1/p times more cheaply). Neuron `i`
//! draws from `RngStream(seed, NeuronNoise, 0, first_id + i)`: its spikes depend only on the
//! network seed, its global id, `rate` and `dt`, never on how a population is split into
//! blocks, threads or MPI ranks. The first gap is drawn when the kernel is built.
//!
//! State: `wait`, the whole steps left until the next spike (the neuron fires in the step
//! that brings it to 0); setting it through `var_mut` moves the next spike. A neuron with
//! `rate = 0` never fires (`wait` stays at `f64::MAX`). Input (delta jumps and currents) is
//! ignored.

use crate::define::*;
use crate::{BuildContext, NeuronKernel, ParamArray, StepInput};
use sc_neurocore_core::{RngStream, StreamKind};

crate::model! {
    name: "poisson",
    class: "PoissonNeuron",
    summary: "Poisson spike source: fires in each step with probability min(rate dt, 1) \
              (Brian2's PoissonGroup), independently of its past and ignoring its input; \
              geometric gaps between spikes drawn from the neuron's own random stream, so \
              spikes do not depend on threads or ranks.",
    citation: "Dayan & Abbott (2001) Theoretical Neuroscience, MIT Press, sec. 1.4 (Poisson \
               spike generator); as Brian2's PoissonGroup (Stimberg, Brette & Goodman 2019, \
               eLife 8:e47314)",
    input_unit: "pA (ignored)",
    params: {
        rate: param("Hz", 10.0, NonNegative,
            "firing rate (the spike probability per step is min(rate dt, 1))"),
    },
    state: {
        wait: ("steps", "whole steps until the next spike (fires in the step that brings it to 0)"),
    },
    membrane: wait,
    no_drive: NoDrive::IgnoresCurrent,
    spontaneous: "a spike source: fires at `rate` (default 10 Hz) whatever its input",
    stochastic: true,
    build: build,
}

/// Its own kernel rather than the generic one: the first gap is drawn when the kernel is
/// built, so that `wait` is the real time to the first spike before any step (the generic
/// kernel's `init` has no random stream).
fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    let rate = ParamArrays::of(ctx.params).rate;
    let dt_s = ctx.dt_ms * 1e-3;
    // ln(1 - p) per neuron; p = 1 gives -inf (a gap of exactly one step), p = 0 gives 0
    // (never).
    let log_q = rate.map(|r| (-(r * dt_s).min(1.0)).ln_1p());
    let mut rng: Vec<RngStream> = (0..ctx.n)
        .map(|i| {
            RngStream::new(
                ctx.seed,
                StreamKind::NeuronNoise,
                0,
                ctx.first_id + i as u64,
            )
        })
        .collect();
    let wait = (0..ctx.n).map(|i| gap(&mut rng[i], log_q.at(i))).collect();
    Box::new(Poisson { log_q, rng, wait })
}

/// Steps to the next spike (>= 1), geometric with success probability `1 - exp(log_q)`;
/// `f64::MAX` (never) for `log_q = 0` or a gap beyond 2^53 steps.
#[inline]
fn gap(rng: &mut RngStream, log_q: f64) -> f64 {
    if log_q == 0.0 {
        return f64::MAX;
    }
    // ln U <= 0 and log_q < 0: the ratio is >= 0 (0 when U = 1 or p = 1).
    let g = 1.0 + (rng.uniform_open0().ln() / log_q).floor();
    if g < 9.007_199_254_740_992e15 {
        g
    } else {
        f64::MAX
    }
}

/// Struct-of-arrays state of a Poisson population.
struct Poisson {
    /// ln(1 − p) per neuron.
    log_q: ParamArray,
    /// One stream per neuron.
    rng: Vec<RngStream>,
    /// Steps left until the next spike.
    wait: Vec<f64>,
}

impl NeuronKernel for Poisson {
    fn len(&self) -> usize {
        self.wait.len()
    }

    fn step(&mut self, _input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        for (i, w) in self.wait.iter_mut().enumerate() {
            *w -= 1.0;
            if *w < 0.5 {
                spikes.push(i as u32);
                *w = gap(&mut self.rng[i], self.log_q.at(i));
            }
        }
    }

    fn var(&self, _index: usize) -> &[f64] {
        &self.wait
    }

    fn var_mut(&mut self, _index: usize) -> &mut [f64] {
        &mut self.wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ParamValue, Params};

    fn params(rate: ParamValue, n: usize) -> Params {
        Params::check(&MODEL, "test", n, [("rate", &rate)]).unwrap()
    }

    /// Runs `steps` steps of a kernel for `params` and returns each neuron's spike steps.
    fn spike_steps(
        params: &Params,
        dt_ms: f64,
        seed: u64,
        first_id: u64,
        steps: usize,
    ) -> Vec<Vec<u32>> {
        let n = params.len();
        let mut k = (MODEL.build)(&BuildContext {
            params,
            n,
            dt_ms,
            seed,
            first_id,
        });
        // Input is ignored: give some anyway.
        let jump = vec![5.0; n];
        let current = vec![-300.0; n];
        let mut out = vec![Vec::new(); n];
        let mut spikes = Vec::new();
        for s in 0..steps {
            spikes.clear();
            k.step(
                &StepInput {
                    jump: &jump,
                    current: &current,
                },
                &mut spikes,
            );
            assert!(spikes.windows(2).all(|w| w[0] < w[1]));
            for &i in &spikes {
                out[i as usize].push(s as u32);
            }
        }
        out
    }

    /// The total count over n neurons and `steps` steps is Binomial(n·steps, p): it must lie
    /// within 5 standard deviations of n·steps·p, at a coarse and a fine dt (the mean rate is
    /// `rate` at any dt, unlike 1 − exp(−rate dt), which at 1 ms and 40 Hz fires 2 % less, 10
    /// standard deviations here).
    #[test]
    fn empirical_rate_is_rate() {
        for (rate, dt_ms, steps) in [(40.0, 1.0, 20_000usize), (15.0, 0.1, 100_000)] {
            let n = 500;
            let params = params(rate.into(), n);
            let total: usize = spike_steps(&params, dt_ms, 3, 0, steps)
                .iter()
                .map(Vec::len)
                .sum();
            let p: f64 = rate * dt_ms * 1e-3;
            let trials = (n * steps) as f64;
            let (mean, sd) = (trials * p, (trials * p * (1.0 - p)).sqrt());
            assert!(
                (total as f64 - mean).abs() < 5.0 * sd,
                "rate {rate} Hz, dt {dt_ms} ms: {total} spikes, expected {mean} +- {sd}"
            );
        }
    }

    /// Counts per neuron in a window are Binomial(steps, p): Fano factor 1 − p ≈ 1 (the
    /// sample Fano factor of 2000 neurons has a relative standard error of sqrt(2/1999) =
    /// 3.2 %; the bound is 5 of them), and inter-spike intervals have CV ≈ 1 (geometric:
    /// sqrt(1 − p)).
    #[test]
    fn counts_are_poisson() {
        let (n, rate, dt_ms, steps) = (2000, 50.0, 0.1, 20_000);
        let params = params(rate.into(), n);
        let trains = spike_steps(&params, dt_ms, 11, 0, steps);
        let counts: Vec<f64> = trains.iter().map(|t| t.len() as f64).collect();
        let mean = counts.iter().sum::<f64>() / n as f64;
        let var = counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let fano = var / mean;
        assert!((fano - 1.0).abs() < 0.16, "Fano factor {fano}");
        let isis: Vec<f64> = trains
            .iter()
            .flat_map(|t| t.windows(2).map(|w| (w[1] - w[0]) as f64))
            .collect();
        let m = isis.iter().sum::<f64>() / isis.len() as f64;
        let sd = (isis.iter().map(|x| (x - m).powi(2)).sum::<f64>() / isis.len() as f64).sqrt();
        assert!((sd / m - 1.0).abs() < 0.02, "ISI CV {}", sd / m);
        assert!(
            (m - 1.0 / (rate * dt_ms * 1e-3)).abs() < 0.02 * m,
            "mean ISI {m} steps"
        );
    }

    /// A population split into blocks (each kernel with its own first_id) gives each neuron the
    /// spikes it has in the whole population; another seed gives other spikes.
    #[test]
    fn spikes_do_not_depend_on_the_block_split() {
        let rates: Vec<f64> = (0..12).map(|i| 20.0 + 10.0 * i as f64).collect();
        let params = params(rates.clone().into(), 12);
        let whole = spike_steps(&params, 0.1, 5, 100, 20_000);
        for split in [vec![0, 5, 12], vec![0, 1, 2, 7, 12]] {
            let mut parts = Vec::new();
            for w in split.windows(2) {
                let sub = params.slice(w[0]..w[1]);
                parts.extend(spike_steps(&sub, 0.1, 5, 100 + w[0] as u64, 20_000));
            }
            assert_eq!(parts, whole, "split {split:?}");
        }
        assert_ne!(spike_steps(&params, 0.1, 6, 100, 20_000), whole);
        assert!(whole.iter().all(|t| !t.is_empty()));
    }

    #[test]
    fn zero_rate_never_fires_and_saturated_rate_fires_every_step() {
        let params = params(vec![0.0, 1e4, 1e6].into(), 3);
        let t = spike_steps(&params, 0.1, 1, 0, 1000);
        assert!(t[0].is_empty());
        assert_eq!(t[1].len(), 1000);
        assert_eq!(t[2].len(), 1000);
    }

    #[test]
    fn bad_rates_are_rejected_with_full_messages() {
        let o = "Population 'inputs' (poisson)";
        for (v, shown) in [(-1.0, "-1"), (f64::NAN, "NaN"), (f64::INFINITY, "inf")] {
            let e = Params::check(&MODEL, o, 4, [("rate", &ParamValue::Scalar(v))])
                .unwrap_err()
                .to_string();
            assert_eq!(
                e,
                format!("{o}: rate = {shown} is out of range; valid range: [0, inf)")
            );
        }
        let e = Params::check(
            &MODEL,
            o,
            2,
            [("rate", &ParamValue::PerNeuron(vec![5.0, -2.0]))],
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(&format!("{o}: rate[1] = -2 is out of range")),
            "{e}"
        );
    }
}
