//! Cortical fast-spiking (FS, parvalbumin-positive basket) interneuron: Izhikevich's simple
//! model with the FS cell's nonlinear recovery nullcline (Izhikevich 2007, Dynamical Systems
//! in Neuroscience, sec. 8.2.6, Fig. 8.27).
//!
//! C dv/dt = k (v - v_r)(v - v_t) - u + I + I_e
//! du/dt   = a (U(v) - u),  U(v) = 0 for v < v_b,  U(v) = b (v - v_b)^3 for v >= v_b
//! v >= v_peak -> spike, v = c (u unchanged).
//! Book values (Fig. 8.27 and its code): C = 20 pF, k = 1 nS/mV, v_r = -55 mV, v_t = -40 mV,
//! v_peak = 25 mV, a = 0.2 /ms, b = 0.025 pA/mV^3, v_b = -55 mV, c = -45 mV; the cell starts
//! at rest (v = v_r, u = 0). The cubic nullcline makes the FS cell a resonator: it starts
//! firing through an Andronov-Hopf bifurcation, at a high rate (class 2 excitability).
//!
//! Numerics (shared with `sst`): Dormand-Prince `rk45` (Tolerance::DEFAULT, step carried in
//! `aux.h`) over each network step, the crossing of the cut-off located by linear
//! interpolation inside the accepted step and the integration restarted from the reset
//! state, so spike times are not quantised to the integrator's steps. The right-hand side
//! uses min(v, 1000 mV) (beyond any cut-off) so that a trial step past the spike stays
//! finite. Delta-synapse jumps are added to v at the end of the step; a jump to the cut-off
//! fires (and resets) at once.

use crate::define::*;

crate::model! {
    name: "pv_fast_spiking",
    class: "PVFastSpikingNeuron",
    summary: "Izhikevich (2007) fast-spiking (PV basket) interneuron: C dv/dt = k (v - v_r)(v - \
              v_t) - u + I + I_e, du/dt = a (U(v) - u), U = b (v - v_b)^3 for v >= v_b else 0; \
              v >= v_peak -> spike, v = c. Book's FS values (Fig. 8.27). rk45 with the \
              cut-off located inside the step.",
    citation: "Izhikevich (2007) Dynamical Systems in Neuroscience: The Geometry of \
               Excitability and Bursting, MIT Press, sec. 8.2.6, Fig. 8.27 (fast-spiking \
               interneuron)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(20.0),
        k: param("nS/mV", 1.0, Positive, "gain of the quadratic term"),
        v_r: param("mV", -55.0, Finite, "resting membrane potential"),
        v_t: param("mV", -40.0, Finite, "instantaneous threshold potential"),
        v_peak: param("mV", 25.0, Finite, "spike cut-off: v >= v_peak is a spike"),
        a: param("1/ms", 0.2, Positive, "rate of the recovery current u"),
        b: param("pA/mV^3", 0.025, NonNegative, "scale of the cubic u-nullcline above v_b"),
        v_b: param("mV", -55.0, Finite, "onset of the cubic u-nullcline"),
        c: param("mV", -45.0, Finite, "after-spike reset value of v"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-55.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        u: ("pA", "recovery current"),
    },
    membrane: v,
    require: [c < v_peak, v_init < v_peak],
    drive: 150.0,
    build: point,
}

/// Largest membrane potential the right-hand sides see, mV (see the module docs).
pub(crate) const V_CAP: f64 = 1000.0;

/// (v, u) as the integrators' vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vu(pub f64, pub f64);

impl std::ops::Add for Vu {
    type Output = Vu;
    fn add(self, o: Vu) -> Vu {
        Vu(self.0 + o.0, self.1 + o.1)
    }
}

impl std::ops::Mul<f64> for Vu {
    type Output = Vu;
    fn mul(self, k: f64) -> Vu {
        Vu(self.0 * k, self.1 * k)
    }
}

impl Vector for Vu {
    fn error_norm(self, s: Vu, atol: f64, rtol: f64) -> f64 {
        (self.0.abs() / (atol + rtol * s.0.abs())).max(self.1.abs() / (atol + rtol * s.1.abs()))
    }
    fn is_finite(self) -> bool {
        self.0.is_finite() && self.1.is_finite()
    }
}

/// One step of an Izhikevich-type (v, u) model with a cut-off `peak(u)` and a reset
/// `reset(u) -> (v, u)` taken at the crossing: `rk45` with the crossing of v = peak(u)
/// located by linear interpolation in the accepted step; then the delta-synapse `jump`.
/// Returns the state and whether it spiked.
pub(crate) fn cut_off_step(
    y: Vu,
    input: Input,
    h: &mut f64,
    f: impl Fn(Vu) -> Vu,
    peak: impl Fn(f64) -> f64,
    reset: impl Fn(f64) -> Vu,
) -> (Vu, bool) {
    let mut fired = false;
    let mut y = integrate::rk45(y, input.dt, h, Tolerance::DEFAULT, f, |b, a| {
        let (gb, ga) = (b.0 - peak(b.1), a.0 - peak(a.1));
        (ga >= 0.0).then(|| {
            fired = true;
            let theta = if gb < 0.0 { gb / (gb - ga) } else { 0.0 };
            (theta, reset(b.1 + theta * (a.1 - b.1)))
        })
    });
    y.0 += input.jump;
    if y.0 >= peak(y.1) {
        y = reset(y.1);
        fired = true;
    }
    (y, fired)
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            u: 0.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vu| {
            let v = y.0.min(V_CAP);
            let x = (v - p.v_b).max(0.0);
            Vu(
                (p.k * (v - p.v_r) * (v - p.v_t) - y.1 + i) / p.c_m,
                p.a * (p.b * x * x * x - y.1),
            )
        };
        let (y, fired) = cut_off_step(Vu(s.v, s.u), input, aux.h, f, |_| p.v_peak, |u| Vu(p.c, u));
        (s.v, s.u) = (y.0, y.1);
        fired
    }
}

/// Helpers for this family's Izhikevich-type tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::super::granule_cell::testing::{kernel, run};
    use crate::ModelInfo;

    /// Number of spikes of `model` (defaults) in the last 500 ms of a 1 s step of `i` pA.
    pub(crate) fn sustained_spikes(model: &'static ModelInfo, i: f64) -> usize {
        let mut k = kernel(model, &[], 0.05);
        let (t, _) = run(k.as_mut(), 0.05, 1000.0, |_| i);
        t.iter().filter(|&&t| t >= 500.0).count()
    }

    /// The lowest current (pA, to 0.1 pA) in [lo, hi] at which `model` fires repetitively.
    pub(crate) fn onset_current(model: &'static ModelInfo, mut lo: f64, mut hi: f64) -> f64 {
        assert_eq!(sustained_spikes(model, lo), 0);
        assert!(sustained_spikes(model, hi) > 2);
        while hi - lo > 0.1 {
            let mid = 0.5 * (lo + hi);
            if sustained_spikes(model, mid) > 2 {
                hi = mid
            } else {
                lo = mid
            }
        }
        0.5 * (lo + hi)
    }
}

#[cfg(test)]
mod tests {
    use super::super::granule_cell::testing::{kernel, rate_hz, run};
    use super::testing::onset_current;
    use super::*;

    /// The rest state loses stability through an Andronov-Hopf bifurcation where the trace of
    /// the Jacobian vanishes: k (2 v - v_r - v_t)/C = a, i.e. v = -45.5 mV, at the current
    /// I_H = b (v - v_b)^3 - k (v - v_r)(v - v_t) = 73.68 pA (the determinant is positive
    /// there: a Hopf point, not a saddle-node). Repetitive firing starts within 10 % of I_H
    /// and at a non-zero rate (class 2: no arbitrarily slow firing).
    #[test]
    fn firing_starts_at_the_hopf_current_at_a_high_rate() {
        let v = (0.2 * 20.0 / 1.0 + (-55.0 - 40.0)) / 2.0;
        let i_h = 0.025 * (v + 55.0f64).powi(3) - (v + 55.0) * (v + 40.0);
        assert!(
            (v + 45.5).abs() < 1e-9 && (i_h - 73.68).abs() < 0.01,
            "{v} {i_h}"
        );
        let onset = onset_current(&MODEL, 40.0, 150.0);
        eprintln!("FS onset {onset} pA (Hopf {i_h} pA)");
        assert!((onset - i_h).abs() < 0.1 * i_h, "onset {onset} pA");
        let mut k = kernel(&MODEL, &[], 0.05);
        let (t, _) = run(k.as_mut(), 0.05, 1000.0, |_| onset + 1.0);
        let rate = rate_hz(&t, 500.0, 1000.0);
        eprintln!("FS rate just above onset: {rate} Hz");
        assert!(rate > 20.0, "{rate} Hz");
    }
}
