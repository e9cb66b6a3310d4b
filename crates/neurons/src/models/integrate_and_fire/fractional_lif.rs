//! Fractional-order leaky integrate-and-fire neuron (Teka, Marinov & Santamaria 2014): the
//! membrane derivative is a Caputo fractional derivative of order alpha in (0, 1], so the
//! potential depends on its whole past (a power-law "voltage memory trace").
//!
//! tau_m D^alpha V = -(V - V_rest) + R_m (I + I_e);  V > V_th -> spike.
//! At a spike the potential is recorded as V_peak for that step, then held at V_rest for the
//! refractory period (at least one step: the reset), and these values stay in the memory
//! trace, which makes the intervals depend on the firing history (the authors' code). alpha = 1 is the LIF.
//!
//! Numerics: the L1 scheme of the paper (Teka et al. 2014, Methods; the authors' ModelDB
//! code), on the network's step h:
//! V_{N+1} = V_N + h^alpha Gamma(2 - alpha) f(V_N) - sum_{k=0}^{N-1} (V_{k+1} - V_k)
//! ((N + 1 - k)^{1-alpha} - (N - k)^{1-alpha}), f = (-(V - V_rest) + R_m I)/tau_m,
//! which converges with order 2 - alpha. (The authors' code takes a plain Euler first step;
//! here the L1 formula is used from the first step, its consistent form.) The whole voltage
//! history is kept per neuron: memory and cost per step grow with simulated time (the model
//! has no finite-dimensional state). Delta-synapse jumps are added to V after the step.
//! Defaults: the authors' code for the paper (R_m = 40 MOhm, tau_m = 20 ms, V_rest = -70
//! mV, V_th = -50 mV, V_peak = 30 mV, t_ref = 8 ms, 3 nA drive); alpha = 0.8, one of the
//! paper's values (1, 0.8, ..., 0.2).

use super::refractory_step;
use crate::define::*;
use crate::point::StateArrays;
use crate::{BuildContext, NeuronKernel, StepInput};

crate::model! {
    name: "fractional_lif",
    class: "FractionalLIFNeuron",
    summary: "tau_m D^alpha V = -(V - V_rest) + R_m (I + I_e) (Caputo derivative, 0 < alpha <= 1); \
              V > V_th -> spike (V_peak for the step), V = V_rest for t_ref; the reset stays in \
              the voltage memory. L1 scheme with the full history.",
    citation: "Teka, Marinov & Santamaria (2014) Neuronal spike timing adaptation described \
               with a fractional leaky integrate-and-fire model, PLoS Comput. Biol. \
               10(3):e1003526 (model, L1 scheme; parameters of the authors' ModelDB code \
               155856)",
    input_unit: "pA",
    params: {
        alpha: param("1", 0.8, Closed(0.05, 1.0), "order of the fractional derivative"),
        tau_m: param("ms^alpha", 20.0, Positive, "membrane time constant (ms at alpha = 1)"),
        r_m: param("MOhm", 40.0, Positive, "membrane resistance"),
        v_rest: param("mV", -70.0, Finite, "resting and reset potential"),
        v_th: standard::v_th(-50.0),
        v_peak: param("mV", 30.0, Finite, "potential recorded in the spike step"),
        t_ref: standard::t_ref(8.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_rest < v_th, v_init < v_th],
    drive: 3000.0,
    build: build,
}

/// Gamma(x) for x > 0 (Lanczos approximation, g = 7, relative error ~1e-15).
pub(crate) fn gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        return std::f64::consts::PI / ((std::f64::consts::PI * x).sin() * gamma(1.0 - x));
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let sum = (1..9).fold(G[0], |s, k| s + G[k] / (x + k as f64));
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(x + 0.5) * (-t).exp() * sum
}

/// One neuron's constants.
#[derive(Clone, Copy)]
struct Consts {
    p: Parameters,
    /// h^alpha Gamma(2 - alpha).
    kr: f64,
    /// Refractory time set at a spike: t_ref on the step grid, at least one step.
    t_ref: f64,
}

/// The kernel: per-neuron constants, voltage histories and memory weights.
struct FractionalLif {
    consts: Vec<Consts>,
    h: f64,
    state: State,
    /// V_0, V_1, ..., V_N of each neuron.
    history: Vec<Vec<f64>>,
    /// w_j = (j + 1)^{1-alpha} - j^{1-alpha}, grown as needed, per neuron.
    weights: Vec<Vec<f64>>,
}

fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    let h = ctx.dt_ms;
    let consts: Vec<Consts> = (0..ctx.n)
        .map(|i| {
            let p = Parameters::of(ctx.params, i);
            Consts {
                p,
                kr: h.powf(p.alpha) * gamma(2.0 - p.alpha),
                t_ref: ((p.t_ref / h).round() * h).max(h),
            }
        })
        .collect();
    let mut state = State::with_len(ctx.n);
    for (i, c) in consts.iter().enumerate() {
        state.v[i] = c.p.v_init;
    }
    Box::new(FractionalLif {
        history: consts.iter().map(|c| vec![c.p.v_init]).collect(),
        weights: vec![Vec::new(); ctx.n],
        consts,
        h,
        state,
    })
}

impl NeuronKernel for FractionalLif {
    fn len(&self) -> usize {
        self.consts.len()
    }

    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        let h = self.h;
        for (i, c) in self.consts.iter().enumerate() {
            let p = &c.p;
            let hist = &mut self.history[i];
            // A value set through var_mut is the current potential.
            *hist.last_mut().expect("history starts with V_0") = self.state.v[i];
            if refractory_step(&mut self.state.refractory[i], h) {
                self.state.v[i] = p.v_rest;
                hist.push(p.v_rest);
                continue;
            }
            let n = hist.len() - 1;
            let w = &mut self.weights[i];
            while w.len() <= n {
                let j = w.len() as f64;
                w.push((j + 1.0).powf(1.0 - p.alpha) - j.powf(1.0 - p.alpha));
            }
            let memory: f64 = (0..n).map(|k| (hist[k + 1] - hist[k]) * w[n - k]).sum();
            let v = hist[n];
            let f = (-(v - p.v_rest) + p.r_m * (input.current[i] + p.i_e) / 1000.0) / p.tau_m;
            let mut next = v + c.kr * f - memory + input.jump[i];
            if !next.is_finite() {
                next = p.v_rest;
            }
            if next > p.v_th {
                next = p.v_peak;
                self.state.refractory[i] = c.t_ref;
                spikes.push(i as u32);
            }
            self.state.v[i] = next;
            hist.push(next);
        }
    }

    fn var(&self, index: usize) -> &[f64] {
        self.state.var(index)
    }

    fn var_mut(&mut self, index: usize) -> &mut [f64] {
        self.state.var_mut(index)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// Mittag-Leffler function E_alpha(-z) by its series (moderate z).
    fn mittag_leffler(alpha: f64, z: f64) -> f64 {
        (0..200)
            .map(|k| (-z).powi(k) / gamma(alpha * k as f64 + 1.0))
            .take_while(|t| t.is_finite())
            .sum()
    }

    #[test]
    fn gamma_matches_known_values() {
        assert!((gamma(1.5) - std::f64::consts::PI.sqrt() / 2.0).abs() < 1e-13);
        assert!((gamma(5.0) - 24.0).abs() < 1e-10);
    }

    /// Below threshold the Caputo equation has the closed-form response V(t) = V_rest +
    /// R I (1 - E_alpha(-t^alpha / tau_m)) (Mittag-Leffler; the paper's power-law subthreshold
    /// response, Fig. 1B-C): alpha = 0.5, 0.3 nA (the paper's subthreshold current), t = 20 ms.
    #[test]
    fn subthreshold_response_is_mittag_leffler() {
        let dt = 0.01;
        let mut k = kernel(&MODEL, &[("alpha", 0.5)], dt);
        assert!(hold(k.as_mut(), 300.0, 2000).is_empty());
        let expected = -70.0 + 12.0 * (1.0 - mittag_leffler(0.5, 20f64.sqrt() / 20.0));
        let got = k.var(0)[0];
        assert!((got - expected).abs() < 0.02, "{got} vs {expected}");
    }

    /// alpha = 1 is the LIF (the L1 scheme is then the Euler step): with 3 nA (R I = 120 mV)
    /// the first spike is at tau ln(120/100) = 3.65 ms.
    #[test]
    fn alpha_one_is_the_lif() {
        let dt = 0.001;
        let times = spike_times(&MODEL, &[("alpha", 1.0)], 3000.0, dt, 10.0);
        let t1 = 20.0 * (120.0f64 / 100.0).ln();
        assert!((times[0] - t1).abs() < 0.01, "{} vs {t1}", times[0]);
    }

    /// The memory slows the first spike (the paper's longer first-spike latency for smaller
    /// alpha, Fig. 1E), and the intervals shorten over time under a constant 3 nA (Fig. 1G:
    /// "the inter-spike intervals decrease over time"), whereas the LIF's are constant.
    #[test]
    fn smaller_alpha_fires_later_and_intervals_shorten() {
        let dt = 0.05;
        let one = spike_times(&MODEL, &[("alpha", 1.0)], 3000.0, dt, 200.0);
        let frac = spike_times(&MODEL, &[], 3000.0, dt, 200.0);
        assert!(frac[0] > one[0], "{} vs {}", frac[0], one[0]);
        let isi: Vec<f64> = frac.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            isi.len() > 3 && isi[isi.len() - 1] < isi[0] - dt / 2.0,
            "{isi:?}"
        );
        let lif: Vec<f64> = one.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(lif.iter().all(|x| (x - lif[0]).abs() < dt / 2.0), "{lif:?}");
    }
}
