//! Cortical low-threshold spiking (LTS) interneuron, the somatostatin-positive (SST) class:
//! Izhikevich's simple model with the LTS cell's u-dependent cut-off and reset (Izhikevich
//! 2007, Dynamical Systems in Neuroscience, sec. 8.2.5, Fig. 8.25).
//!
//! C dv/dt = k (v - v_r)(v - v_t) - u + I + I_e,  du/dt = a (b (v - v_r) - u)
//! v >= v_peak - 0.1 u -> spike, v = c + 0.04 u, u = min(u + d, 670)
//! (the coefficients 0.1 mV/pA and 0.04 mV/pA and the cap 670 pA are the book's, here the
//! parameters `peak_slope`, `reset_slope`, `u_max`). Book values (Fig. 8.25 and its code):
//! C = 100 pF, k = 1 nS/mV, v_r = -56 mV, v_t = -42 mV, v_peak = 40 mV, a = 0.03 /ms,
//! b = 8 nS, c = -53 mV, d = 20 pA; the cell starts at rest (v = v_r, u = 0). The large
//! b makes u a strong recovery current: spike-frequency adaptation, with the spike height
//! (v_peak - 0.1 u) decreasing and the reset (c + 0.04 u) rising as u grows.
//!
//! Numerics as `pv_fast_spiking` (shared `cut_off_step`: rk45, cut-off crossing located by
//! linear interpolation of v - v_peak + 0.1 u inside the step). If u reaches u_max the reset
//! lies above the cut-off (the book's model fires at every step then); currents that drive
//! u there (several nA) are outside the model's fitted range.

use super::pv_fast_spiking::{V_CAP, Vu, cut_off_step};
use crate::define::*;

crate::model! {
    name: "sst",
    class: "SSTNeuron",
    summary: "Izhikevich (2007) low-threshold spiking (SST) interneuron: C dv/dt = k (v - v_r)(v - \
              v_t) - u + I + I_e, du/dt = a (b (v - v_r) - u); v >= v_peak - 0.1 u -> spike, \
              v = c + 0.04 u, u = min(u + d, 670). Book's LTS values (Fig. 8.25). rk45 with the \
              cut-off located inside the step.",
    citation: "Izhikevich (2007) Dynamical Systems in Neuroscience: The Geometry of \
               Excitability and Bursting, MIT Press, sec. 8.2.5, Fig. 8.25 (low-threshold \
               spiking interneuron)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(100.0),
        k: param("nS/mV", 1.0, Positive, "gain of the quadratic term"),
        v_r: param("mV", -56.0, Finite, "resting membrane potential"),
        v_t: param("mV", -42.0, Finite, "instantaneous threshold potential"),
        v_peak: param("mV", 40.0, Finite, "spike cut-off at u = 0"),
        a: param("1/ms", 0.03, Positive, "rate of the recovery current u"),
        b: param("nS", 8.0, Finite, "sensitivity of u to v - v_r"),
        c: param("mV", -53.0, Finite, "after-spike reset of v at u = 0"),
        d: param("pA", 20.0, Finite, "after-spike increment of u"),
        peak_slope: param("mV/pA", 0.1, NonNegative, "decrease of the cut-off per pA of u"),
        reset_slope: param("mV/pA", 0.04, NonNegative, "increase of the reset per pA of u"),
        u_max: param("pA", 670.0, Finite, "cap of u after a spike"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-56.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        u: ("pA", "recovery current"),
    },
    membrane: v,
    require: [c < v_peak, v_init < v_peak],
    drive: 250.0,
    build: point,
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
            Vu(
                (p.k * (v - p.v_r) * (v - p.v_t) - y.1 + i) / p.c_m,
                p.a * (p.b * (v - p.v_r) - y.1),
            )
        };
        let (y, fired) = cut_off_step(
            Vu(s.v, s.u),
            input,
            aux.h,
            f,
            |u| p.v_peak - p.peak_slope * u,
            |u| Vu(p.c + p.reset_slope * u, (u + p.d).min(p.u_max)),
        );
        (s.v, s.u) = (y.0, y.1);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::granule_cell::testing::{kernel, run};
    use super::super::pv_fast_spiking::testing::onset_current;
    use super::*;

    /// The rest state (u* = b (v - v_r)) loses stability where the Jacobian's trace
    /// vanishes, k (2 v - v_r - v_t)/C = a, i.e. v - v_r = 8.5 mV, at
    /// I_H = b (v - v_r) - k (v - v_r)(v - v_t) = 114.75 pA (before the saddle-node at
    /// 121 pA, where 2 v - v_r - v_t = b/k). Repetitive firing starts within 10 % of it.
    #[test]
    fn firing_starts_at_the_closed_form_bifurcation() {
        let x: f64 = (0.03 * 100.0 / 1.0 + 14.0) / 2.0;
        let i_h = 8.0 * x - x * (x - 14.0);
        assert!((i_h - 114.75).abs() < 1e-9, "{i_h}");
        let onset = onset_current(&MODEL, 60.0, 250.0);
        eprintln!("LTS onset {onset} pA (bifurcation {i_h} pA)");
        assert!((onset - i_h).abs() < 0.1 * i_h, "onset {onset} pA");
    }

    /// Under a strong step the LTS cell adapts: u accumulates by d per spike, so the
    /// intervals lengthen (by ~25 % at 300 pA) before settling.
    #[test]
    fn adapts_under_a_strong_step() {
        let mut k = kernel(&MODEL, &[], 0.05);
        let (t, _) = run(k.as_mut(), 0.05, 500.0, |_| 300.0);
        let isi: Vec<f64> = t.windows(2).map(|w| w[1] - w[0]).collect();
        eprintln!("LTS 300 pA ISIs {isi:?}");
        assert!(
            isi.len() >= 4 && isi[isi.len() - 1] > 1.2 * isi[0],
            "{isi:?}"
        );
    }
}
