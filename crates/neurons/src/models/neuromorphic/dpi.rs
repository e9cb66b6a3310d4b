//! Differential-pair-integrator (DPI) silicon neuron of the DYNAP-SE chips (Chicca et al.
//! 2014; Moradi et al. 2018), in the current-mode form of the teiili library (Milde et al.
//! 2018), whose equations and default biases are used here.
//!
//! tau (1 + I_th/(I_mem + I_0)) dI_mem/dt = (I_th/I_tau)(I_in + I_a - I_shunt - I_ahp)
//!     - I_th - (1 + (I_shunt + I_ahp - I_a)/I_tau) I_mem,
//! tau = C_mem U_T/(kappa I_tau), kappa = (kappa_n + kappa_p)/2;
//! positive feedback I_a = I_again / (1 + exp(-(I_mem - I_ath)/I_anorm));
//! adaptation tau_ahp (1 + I_thahp/I_ahp) dI_ahp/dt = -I_thahp - I_ahp (+ 2 I_0 when
//! I_ahp <= I_0), tau_ahp = C_ahp U_T/(kappa I_tauahp);
//! I_mem > I_spkthr -> spike, I_mem = I_reset (held for the refractory period), I_ahp +=
//! (I_ca/I_tauahp) I_thahp. As in teiili, below the dark current I_0 the bias currents are
//! replaced by I_0 (I_tau, I_th, I_ahp; I_a by 2 I_0; I_thahp when I_ahp <= I_0), and the
//! input I_in + I_const is clipped below at I_0. The network's current is I_in (pA);
//! delta-synapse weights (pA) are added to I_mem after the step.
//! Defaults: teiili's DPI neuron parameters (C_mem = 1.5 pF, I_tau = 8 pA, I_th = 0.9 pA,
//! I_spkthr = 1 nA, I_reset = 0.6 pA, refractory 1 ms, I_0 = 0.5 pA, U_T = 25 mV,
//! kappa_n = 0.75, kappa_p = 0.66, positive feedback I_again = 50 pA, I_ath = 0.5 nA,
//! I_anorm = 10 pA; adaptation I_ca = 2 pA, I_tauahp = I_thahp = 1 pA, C_ahp = 1 pF).
//!
//! Numerics: Dormand-Prince RK45 with error control (step carried in `aux.h`); the
//! threshold is checked at the end of the step. The positive-feedback exponent is clamped
//! at 700 (it only matters far below I_ath, where I_a vanishes). Not bit-accurate: the chip
//! is analog.

use crate::define::*;
use integrate::{refractory_step, rk45, whole_steps};

crate::model! {
    name: "dpi",
    class: "DPINeuron",
    summary: "DYNAP-SE DPI neuron (teiili form): tau (1 + I_th/I_mem) dI_mem/dt = (I_th/I_tau)\
              (I_in + I_a - I_shunt - I_ahp) - I_th - (1 + (I_shunt + I_ahp - I_a)/I_tau) I_mem, \
              positive feedback I_a, adaptation I_ahp; I_mem > I_spkthr -> spike, I_mem = \
              I_reset, refractory. RK45.",
    citation: "Chicca, Stefanini, Bartolozzi & Indiveri (2014) Proc. IEEE 102:1367-1388 (DPI \
               neuron); Moradi, Qiao, Stefanini & Indiveri (2018) IEEE Trans. Biomed. Circuits \
               Syst. 12:106-122 (DYNAP-SE); Milde et al. (2018) teiili, dpi_neuron equations \
               and parameters",
    input_unit: "pA",
    params: {
        c_mem: param("pF", 1.5, Positive, "membrane capacitance"),
        i_tau: param("pA", 8.0, Positive, "leak bias current"),
        i_th: param("pA", 0.9, Positive, "DPI threshold (gain) current"),
        i_shunt: param("pA", 0.5, NonNegative, "shunting inhibition current"),
        i_const: param("pA", 0.5, NonNegative, "constant injected current"),
        i_spkthr: param("pA", 1000.0, Positive, "spiking threshold current"),
        i_reset: param("pA", 0.6, Positive, "reset current"),
        t_ref: standard::t_ref(1.0),
        i_0: param("pA", 0.5, Positive, "dark (leakage) current"),
        u_t: param("mV", 25.0, Positive, "thermal voltage"),
        kappa_n: param("1", 0.75, Closed(0.01, 1.0), "subthreshold slope factor, nFETs"),
        kappa_p: param("1", 0.66, Closed(0.01, 1.0), "subthreshold slope factor, pFETs"),
        i_again: param("pA", 50.0, NonNegative, "positive-feedback gain current"),
        i_ath: param("pA", 500.0, Positive, "positive-feedback threshold current"),
        i_anorm: param("pA", 10.0, Positive, "positive-feedback slope current"),
        i_ca: param("pA", 2.0, NonNegative, "adaptation (calcium) current per spike"),
        i_tauahp: param("pA", 1.0, Positive, "adaptation leak current"),
        i_thahp: param("pA", 1.0, Positive, "adaptation threshold current"),
        c_ahp: param("pF", 1.0, Positive, "adaptation capacitance"),
    },
    state: {
        i_mem: ("pA", "membrane current (the DPI output)"),
        i_ahp: ("pA", "adaptation current"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: i_mem,
    require: [i_reset < i_spkthr],
    drive: 10000.0,
    build: point,
}

/// Constants: parameters, the two time constants (ms) and the refractory time.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    tau: f64,
    tau_ahp: f64,
    t_ref: f64,
}

/// dI_mem/dt and dI_ahp/dt (pA/ms) for the input `i_in` (pA).
fn rates(c: &Consts, y: Vars, i_in: f64) -> (f64, f64) {
    let p = &c.p;
    let (i0, above) = (p.i_0, y.i_mem > p.i_0);
    let itau = if above { p.i_tau } else { i0 };
    let ith = if above { p.i_th } else { i0 };
    let iahp = if above { y.i_ahp } else { i0 };
    let ia_raw = p.i_again / (1.0 + (-(y.i_mem - p.i_ath) / p.i_anorm).min(700.0).exp());
    let ia = if above { ia_raw } else { 2.0 * i0 };
    let iin = (i_in + p.i_const).max(i0);
    let tau = c.tau * p.i_tau / itau;
    let num = ith / itau * (iin + ia - p.i_shunt - iahp)
        - ith
        - (1.0 + (p.i_shunt + iahp - ia) / itau) * y.i_mem;
    let d_mem = num / (tau * (ith / (y.i_mem + i0) + 1.0));
    let thahp = if y.i_ahp > i0 { p.i_thahp } else { i0 };
    let lift = if y.i_ahp <= i0 { 2.0 * i0 } else { 0.0 };
    let d_ahp = (-thahp - y.i_ahp + lift) / (c.tau_ahp * (thahp / y.i_ahp.max(1e-9) + 1.0));
    (d_mem, d_ahp)
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let kappa = 0.5 * (p.kappa_n + p.kappa_p);
        // C U_T / (kappa I): pF mV / pA = ms.
        Consts {
            p: *p,
            tau: p.c_mem * p.u_t / (kappa * p.i_tau),
            tau_ahp: p.c_ahp * p.u_t / (kappa * p.i_tauahp),
            t_ref: whole_steps(p.t_ref, dt),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            i_mem: c.p.i_0,
            i_ahp: c.p.i_0,
            refractory: 0.0,
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let hold = if refractory { 0.0 } else { 1.0 };
        let y = rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            |y: Vars| {
                let (d_mem, d_ahp) = rates(c, y, input.current);
                Vars {
                    i_mem: hold * d_mem,
                    i_ahp: d_ahp,
                    refractory: 0.0,
                }
            },
            |_, _| None,
        );
        s.i_ahp = y.i_ahp;
        if refractory {
            return false;
        }
        s.i_mem = (y.i_mem + input.jump).max(0.0);
        if s.i_mem > p.i_spkthr {
            s.i_mem = p.i_reset;
            s.i_ahp += p.i_ca / p.i_tauahp * p.i_thahp;
            s.refractory = c.t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::loihi_cuba::testing::{hold, kernel};
    use super::*;

    /// Below threshold and far below I_ath (I_a ~ 0), with I_ahp at rest (I_0), the steady
    /// state is I_mem = ((I_th/I_tau)(I_in + I_const - I_shunt - I_0) - I_th) /
    /// (1 + (I_shunt + I_0)/I_tau): 99.1 pA for I_in = 1 nA.
    #[test]
    fn subthreshold_steady_state() {
        let mut k = kernel(&MODEL, &[], 0.1);
        assert!(hold(k.as_mut(), 1000.0, 2000).is_empty());
        let expected = ((0.9 / 8.0) * (1000.0 + 0.5 - 0.5 - 0.5) - 0.9) / (1.0 + 1.0 / 8.0);
        let got = k.var(0)[0];
        assert!(
            (got - expected).abs() < 1e-3 * expected,
            "{got} vs {expected}"
        );
    }

    /// The membrane time constant C U_T/(kappa I_tau) = 1.5 * 25 / (0.705 * 8) = 6.65 ms,
    /// and a 10 nA input makes it fire repeatedly, with the adaptation current growing.
    #[test]
    fn time_constant_and_firing() {
        let c = <Model as Dynamics>::prepare(
            &Parameters::of(&crate::Params::defaults(&MODEL, 1), 0),
            0.1,
        );
        assert!((c.tau - 6.6489).abs() < 1e-3, "{}", c.tau);
        let mut k = kernel(&MODEL, &[], 0.05);
        let spikes = hold(k.as_mut(), 10000.0, 2000);
        assert!(spikes.len() > 3, "{spikes:?}");
        assert!(k.var(1)[0] > 0.5);
    }
}
