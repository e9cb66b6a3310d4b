//! Leaky integrate-and-fire neuron with exponentially decaying synaptic currents (NEST
//! `iaf_psc_exp`; Tsodyks, Uziel & Markram 2000 used it with exponential PSCs):
//!
//! C_m dV/dt = -C_m (V - E_L)/tau_m + I_ex + I_in + I + I_e
//! dI_ex/dt = -I_ex / tau_syn_ex,  dI_in/dt = -I_in / tau_syn_in
//!
//! A delta-synapse weight w (pA) arriving in a step is added to I_ex if w > 0 and to I_in if
//! w < 0 (NEST splits the two by sign); the engine sums the weights arriving in one step
//! before the model sees them, so only their net sign decides which current takes them.
//! V >= V_th at the end of a step emits a spike: V = V_reset, clamped for t_ref while the
//! synaptic currents keep decaying (NEST's step counting).
//!
//! Numerics: the system is linear with I held over the step, so it is propagated exactly
//! (Rotter & Diesmann 1999): the step's propagator exp(A h) is computed once per neuron by
//! [`propagator`] (scaling and squaring of the Taylor series, exact to rounding, with no
//! singularity at tau_syn = tau_m). NEST's escape noise (rho, delta) and its filtered
//! current port are not part of this model.

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "iaf_psc_exp",
    class: "IafPscExpNeuron",
    summary: "C_m dV/dt = -C_m (V - E_L)/tau_m + I_ex + I_in + I + I_e; dI_x/dt = -I_x/tau_syn_x; \
              weights w (pA) add to I_ex (w > 0) or I_in (w < 0); V >= V_th -> spike, \
              V = V_reset, clamped for t_ref. Exact integration (NEST iaf_psc_exp).",
    citation: "Tsodyks, Uziel & Markram (2000) J. Neurosci. 20:RC50; Rotter & Diesmann (1999) \
               Biol. Cybern. 81:381 (exact integration); NEST iaf_psc_exp (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(250.0),
        tau_m: standard::tau_m(10.0),
        tau_syn_ex: param("ms", 2.0, Positive, "excitatory synaptic current time constant"),
        tau_syn_in: param("ms", 2.0, Positive, "inhibitory synaptic current time constant"),
        t_ref: standard::t_ref(2.0),
        e_l: standard::e_l(-70.0),
        v_reset: standard::v_reset(-70.0),
        v_th: standard::v_th(-55.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        i_syn_ex: ("pA", "excitatory synaptic current"),
        i_syn_in: ("pA", "inhibitory synaptic current (negative)"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w to I_syn_ex (w > 0) or to I_syn_in (w < 0), pA",
    require: [v_reset < v_th],
    drive: 500.0,
    build: point,
}

/// exp(A h) of a linear system dy/dt = A y, to rounding: Taylor series of A h / 2^s with
/// ||A h|| / 2^s <= 1/4, then s squarings. A constant input is a state component with zero
/// derivative.
pub(crate) fn propagator<const N: usize>(a: [[f64; N]; N], h: f64) -> [[f64; N]; N] {
    let norm = a
        .iter()
        .map(|r| r.iter().map(|x| x.abs()).sum::<f64>())
        .fold(0.0, f64::max)
        * h;
    let s = if norm > 0.25 {
        (norm / 0.25).log2().ceil() as i32
    } else {
        0
    };
    let scale = h / 2f64.powi(s);
    let mut term = [[0.0; N]; N];
    let mut sum = [[0.0; N]; N];
    for i in 0..N {
        term[i][i] = 1.0;
        sum[i][i] = 1.0;
    }
    for k in 1..30 {
        term = mat_mul(&term, &a);
        for row in term.iter_mut() {
            for x in row.iter_mut() {
                *x *= scale / k as f64;
            }
        }
        for i in 0..N {
            for j in 0..N {
                sum[i][j] += term[i][j];
            }
        }
    }
    for _ in 0..s {
        sum = mat_mul(&sum, &sum);
    }
    sum
}

fn mat_mul<const N: usize>(x: &[[f64; N]; N], y: &[[f64; N]; N]) -> [[f64; N]; N] {
    let mut z = [[0.0; N]; N];
    for i in 0..N {
        for k in 0..N {
            for j in 0..N {
                z[i][j] += x[i][k] * y[k][j];
            }
        }
    }
    z
}

/// `m y`.
#[inline(always)]
pub(crate) fn apply<const N: usize>(m: &[[f64; N]; N], y: [f64; N]) -> [f64; N] {
    let mut z = [0.0; N];
    for i in 0..N {
        for j in 0..N {
            z[i] += m[i][j] * y[j];
        }
    }
    z
}

/// Per-neuron constants: parameters, the propagator of (V - E_L, I_ex, I_in, I_const), and
/// t_ref on the step grid.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    prop: [[f64; 4]; 4],
    t_ref: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let a = [
            [-1.0 / p.tau_m, 1.0 / p.c_m, 1.0 / p.c_m, 1.0 / p.c_m],
            [0.0, -1.0 / p.tau_syn_ex, 0.0, 0.0],
            [0.0, 0.0, -1.0 / p.tau_syn_in, 0.0],
            [0.0; 4],
        ];
        Consts {
            p: *p,
            prop: propagator(a, dt),
            t_ref: whole_steps(p.t_ref, dt),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let y = [s.v - p.e_l, s.i_syn_ex, s.i_syn_in, input.current + p.i_e];
        let y = apply(&c.prop, y);
        s.i_syn_ex = y[1] + input.jump.max(0.0);
        s.i_syn_in = y[2] + input.jump.min(0.0);
        if refractory {
            s.v = p.v_reset;
            return false;
        }
        s.v = p.e_l + y[0];
        if s.v >= p.v_th {
            s.v = p.v_reset;
            s.refractory = c.t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kernel, spike_times};
    use super::*;
    use crate::StepInput;

    /// Membrane potential trace (mV) after a weight `w` arrives in the first step.
    fn psp(model: &'static crate::ModelInfo, w: f64, dt: f64, t: f64) -> Vec<f64> {
        let mut k = kernel(model, &[], dt);
        let mut spikes = Vec::new();
        (0..(t / dt).round() as usize)
            .map(|i| {
                let jump = if i == 0 { w } else { 0.0 };
                k.step(
                    &StepInput {
                        jump: &[jump],
                        current: &[0.0],
                    },
                    &mut spikes,
                );
                k.var(0)[0]
            })
            .collect()
    }

    /// The PSP of an exponential PSC of amplitude w: V(t) - E_L = w tau_s tau_m /
    /// (C (tau_m - tau_s)) (exp(-t/tau_m) - exp(-t/tau_s)), peaking at
    /// t* = ln(tau_m/tau_s) tau_m tau_s / (tau_m - tau_s) (Rotter & Diesmann 1999, eq. for the
    /// exponential PSC): with the defaults and w = 100 pA, 0.5350 mV at 4.024 ms.
    #[test]
    fn psp_matches_the_closed_form() {
        let (w, c, tm, ts): (f64, f64, f64, f64) = (100.0, 250.0, 10.0, 2.0);
        let t_peak = (tm / ts).ln() * tm * ts / (tm - ts);
        let v = |t: f64| w * ts * tm / (c * (tm - ts)) * ((-t / tm).exp() - (-t / ts).exp());
        let dt = 0.001;
        let trace = psp(&MODEL, w, dt, 20.0);
        let (i_max, v_max) = trace
            .iter()
            .enumerate()
            .fold((0, f64::MIN), |a, (i, &x)| if x > a.1 { (i, x) } else { a });
        assert!((v_max + 70.0 - v(t_peak)).abs() < 1e-6, "{v_max}");
        assert!((0.534..0.536).contains(&v(t_peak)));
        assert!((i_max as f64 * dt - t_peak).abs() < 2.0 * dt);
        // The exact propagator gives the same numbers at a coarse step, on its grid.
        let coarse = psp(&MODEL, w, 0.5, 20.0);
        for (i, x) in coarse.iter().enumerate() {
            let t = (i as f64) * 0.5;
            assert!((x + 70.0 - v(t)).abs() < 1e-9, "t = {t}: {x}");
        }
    }

    /// A negative weight goes to the inhibitory current: the PSP is the mirror image.
    #[test]
    fn negative_weights_are_inhibitory() {
        let exc = psp(&MODEL, 50.0, 0.1, 10.0);
        let inh = psp(&MODEL, -50.0, 0.1, 10.0);
        for (e, i) in exc.iter().zip(&inh) {
            assert!((e + 70.0 + i + 70.0).abs() < 1e-12);
        }
    }

    /// Constant current: the LIF interval t_ref + tau_m ln(R I / (R I - (V_th - E_L))),
    /// on the step grid.
    #[test]
    fn interval_matches_the_lif_closed_form() {
        let dt = 0.01;
        let times = spike_times(&MODEL, &[], 500.0, dt, 200.0);
        let period = 2.0 + 10.0 * (20.0f64 / 5.0).ln();
        assert!(times.len() > 5);
        for isi in times.windows(2).map(|w| w[1] - w[0]) {
            assert!(isi >= period - 1e-9 && isi <= period + dt + 1e-9, "{isi}");
        }
    }
}
