//! Carandini, Horton & Sincich (2007): the spike-response model of an LGN relay cell driven
//! by retinal EPSPs, as NEST's `iaf_chs_2007` implements it (normalised potential: rest 0,
//! threshold 1):
//!
//! V_m = V_syn + V_spike,
//! di/dt = -i / tau_epsp + (inputs),   dV_syn/dt = -V_syn / tau_epsp + (U_epsp e / tau_epsp) i,
//! dV_spike/dt = -V_spike / tau_reset,
//! so that one input of weight 1 gives the alpha-shaped EPSP U_epsp (t/tau_epsp) e^(1 - t/tau_epsp)
//! (peak U_epsp at t = tau_epsp). When V_m >= U_th = 1 the cell spikes and V_spike -= U_reset
//! (the reset is an after-hyperpolarisation recovering with tau_reset; no refractory period).
//! Defaults (NEST's, from the paper's fits): tau_epsp = 8.5 ms, tau_reset = 15.4 ms,
//! U_epsp = 0.77, U_reset = 2.31.
//!
//! Input: a delta-synapse weight w >= 0 adds w to i at the end of the step (a retinal spike
//! of weight w: an EPSP of peak w U_epsp); w < 0 is ignored, as in NEST (the model has only
//! excitatory input). NEST's model takes no current; here `input.current` (unit 1/ms) is a
//! continuous synaptic drive, di/dt += c, i.e. a steady stream of unit EPSPs at c per ms:
//! V_syn then settles at c U_epsp e tau_epsp and a cell above threshold fires regularly
//! with period T = tau_reset ln(1 + U_reset / (V_ss - 1)), V_ss = c U_epsp e tau_epsp (the
//! resets accumulate: V_spike after a spike is -U_reset / (1 - e^(-T/tau_reset))).
//! NEST's noise term (an external noise signal scaled by U_noise) is left out: it needs a
//! pre-recorded signal per neuron.
//!
//! Numerics: exact integration of the linear system over each step (NEST's propagators,
//! extended by the constant drive); the threshold is checked at the end of the step, as
//! NEST does (spikes on the step grid).

use crate::define::*;

crate::model! {
    name: "iaf_chs_2007",
    class: "IafChs2007Neuron",
    summary: "Carandini-Horton-Sincich 2007 LGN relay cell (NEST iaf_chs_2007): V_m = V_syn + \
              V_spike, alpha EPSPs of peak U_epsp (time to peak tau_epsp), spike at V_m >= 1 \
              then V_spike -= U_reset decaying with tau_reset. Normalised units; exact \
              integration; excitatory input only.",
    citation: "Carandini, Horton & Sincich (2007) J. Vis. 7(14):20, 1-11; NEST iaf_chs_2007",
    input_unit: "1/ms",
    params: {
        tau_epsp: param("ms", 8.5, Positive, "EPSP time to peak (synaptic/membrane time constant)"),
        tau_reset: param("ms", 15.4, Positive, "recovery time constant of the reset"),
        u_epsp: param("1", 0.77, NonNegative, "peak EPSP amplitude of a unit input (normalised)"),
        u_reset: param("1", 2.31, NonNegative, "magnitude of the reset (normalised)"),
        u_th: param("1", 1.0, Finite, "threshold (normalised; rest is 0)"),
    },
    state: {
        v_m: ("1", "membrane potential V_syn + V_spike (normalised)"),
        i_syn: ("1", "synaptic input variable (unit inputs)"),
        v_syn: ("1", "summed EPSP waveform"),
        v_spike: ("1", "after-spike reset waveform"),
    },
    membrane: v_m,
    delta_input: "w >= 0: i_syn += w at the end of the step (an EPSP of peak w u_epsp); \
                  w < 0 ignored (excitatory input only, as NEST)",
    drive: 0.1,
    build: point,
}

/// Propagators for one step.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    dt: f64,
    /// exp(-dt/tau_epsp)
    e1: f64,
    /// exp(-dt/tau_reset)
    e3: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            dt,
            e1: (-dt / p.tau_epsp).exp(),
            e3: (-dt / p.tau_reset).exp(),
        }
    }

    fn init(_: &Consts) -> Vars {
        Vars::default()
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let (p, tau) = (&c.p, c.p.tau_epsp);
        let k = p.u_epsp * std::f64::consts::E / tau;
        let x = c.dt / tau;
        // Constant drive: i relaxes to r tau, V_syn (from 0) to k r tau^2 (1 - e - x e).
        let r = input.current.max(0.0);
        let v_drive = k * r * tau * tau * (1.0 - c.e1 - x * c.e1);
        s.v_syn = s.v_syn * c.e1 + k * s.i_syn * c.dt * c.e1 + v_drive;
        s.i_syn = s.i_syn * c.e1 + r * tau * (1.0 - c.e1);
        s.v_spike *= c.e3;
        s.v_m = s.v_syn + s.v_spike;
        let fired = s.v_m >= p.u_th;
        if fired {
            s.v_spike -= p.u_reset;
            s.v_m -= p.u_reset;
        }
        s.i_syn += input.jump.max(0.0);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::{kernel, spikes};
    use super::*;
    use crate::StepInput;

    /// One input of weight 1: the EPSP peaks at tau_epsp = 8.5 ms with height U_epsp = 0.77
    /// (NEST's documentation of the model), to the step and 1e-6.
    #[test]
    fn unit_epsp_peaks_at_u_epsp() {
        let dt = 0.01;
        let mut k = kernel(&MODEL, &[], dt);
        let mut peak = (0.0, 0.0);
        let mut s = Vec::new();
        for step in 0..3000 {
            let jump = if step == 0 { 1.0 } else { 0.0 };
            k.step(
                &StepInput {
                    jump: &[jump],
                    current: &[0.0],
                },
                &mut s,
            );
            let v = k.var(0)[0];
            if v > peak.1 {
                peak = (step as f64 * dt, v);
            }
        }
        assert!(
            (peak.0 - 8.5).abs() < 0.02 && (peak.1 - 0.77).abs() < 1e-6,
            "{peak:?}"
        );
    }

    /// Constant drive c: the period is tau_reset ln(1 + U_reset / (V_ss - 1)) with
    /// V_ss = c U_epsp e tau_epsp, within 1 % (21.2 ms at c = 0.1, 9.7 ms at c = 0.2).
    #[test]
    fn period_is_the_closed_form() {
        let dt = 0.01;
        for c in [0.1, 0.2] {
            let v_ss = c * 0.77 * std::f64::consts::E * 8.5;
            let want = 15.4 * (1.0 + 2.31 / (v_ss - 1.0)).ln();
            let t = spikes(&MODEL, &[], c, dt, 500.0);
            let n = t.len();
            let got = (t[n - 1] - t[n - 11]) / 10.0;
            assert!((got - want).abs() < 0.01 * want, "c {c}: {got} vs {want}");
        }
    }
}
