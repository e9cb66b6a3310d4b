//! Leaky integrate-and-fire neuron with exponential postsynaptic currents and separate
//! absolute and total refractory periods: NEST's `iaf_psc_exp_htum` (the model of Tsodyks,
//! Uziel & Markram 2000 as used by Hill & Tononi 2005).
//!
//! C_m dV/dt = -(C_m/tau_m) (V - E_L) + I_syn,ex + I_syn,in + I_e + I
//! dI_syn,X/dt = -I_syn,X / tau_syn,X
//!
//! At the end of a step V >= V_th emits a spike and sets V = V_reset unless the neuron is
//! within its total refractory period. After a spike V is held at V_reset for t_ref_abs
//! (absolute refractoriness); during t_ref_tot >= t_ref_abs no spike is emitted, though V
//! evolves freely after t_ref_abs (so V may pass threshold and spike as soon as t_ref_tot
//! ends). With t_ref_abs = t_ref_tot the model is NEST's `iaf_psc_exp`.
//!
//! Numerics (NEST): exact integration of the linear system with the current held over the
//! step (propagators P22 = e^{-h/tau_m}, P20 = tau_m/C_m (1 - P22), P21 for the synaptic
//! currents, with its tau_m = tau_syn limit); spikes are on the step grid (NEST's grid
//! model). Both refractory clocks count whole steps (NEST's step counting).

use crate::define::*;
use integrate::{refractory_step, whole_steps};
use sc_neurocore_core::{Error, Result};

crate::model! {
    name: "iaf_psc_exp_htum",
    class: "IafPscExpHtumNeuron",
    summary: "C_m dV/dt = -(C_m/tau_m)(V - E_L) + I_syn,ex + I_syn,in + I_e + I, exponential \
              PSCs; V >= V_th -> spike, V = V_reset held for t_ref_abs, no spike during \
              t_ref_tot >= t_ref_abs (NEST iaf_psc_exp_htum). Exact integration on the grid.",
    citation: "Tsodyks, Uziel & Markram (2000) J. Neurosci. 20:RC50; Hill & Tononi (2005) \
               J. Neurophysiol. 93:1671; NEST 3.10 iaf_psc_exp_htum (defaults)",
    input_unit: "pA",
    params: {
        tau_m: standard::tau_m(10.0),
        c_m: standard::c_m(250.0),
        e_l: standard::e_l(-70.0),
        v_th: standard::v_th(-55.0),
        v_reset: standard::v_reset(-70.0),
        t_ref_abs: param("ms", 2.0, NonNegative, "absolute refractory period (V held at V_reset)"),
        t_ref_tot: param("ms", 2.0, NonNegative, "total refractory period (no spike)"),
        tau_syn_ex: param("ms", 2.0, Positive, "decay time of excitatory synaptic currents"),
        tau_syn_in: param("ms", 2.0, Positive, "decay time of inhibitory synaptic currents"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        i_syn_ex: ("pA", "excitatory synaptic current"),
        i_syn_in: ("pA", "inhibitory synaptic current"),
        ref_abs: ("ms", "absolute refractory time left"),
        ref_tot: ("ms", "total refractory time left"),
    },
    membrane: v,
    delta_input: "a weight w in pA is added to the excitatory (w > 0) or inhibitory (w < 0) \
                  synaptic current at the end of the step, as NEST's spike input",
    require: [v_reset < v_th],
    validate: validate,
    drive: 500.0,
    build: point,
}

/// t_ref_abs <= t_ref_tot (NEST's rule).
fn validate(p: &crate::Params, object: &str) -> Result<()> {
    let (abs, tot) = (p.get("t_ref_abs"), p.get("t_ref_tot"));
    for i in 0..p.len() {
        if abs.at(i) > tot.at(i) {
            let field = match (abs, tot) {
                (crate::ParamArray::Uniform(_), crate::ParamArray::Uniform(_)) => {
                    "t_ref_abs".to_string()
                }
                _ => format!("t_ref_abs[{i}]"),
            };
            let range = format!("at most t_ref_tot = {}", tot.at(i));
            return Err(Error::out_of_range(object, field, abs.at(i), range));
        }
    }
    Ok(())
}

/// The propagator from a synaptic current (decay `tau_s`) to V over `h`, for
/// C dV/dt = -(C/tau_m) V + I_s: (tau_m tau_s / (C (tau_m - tau_s))) (e^{-h/tau_m} -
/// e^{-h/tau_s}), written with expm1 so that tau_s -> tau_m gives its limit (h/C) e^{-h/tau}.
pub(crate) fn p21(tau_m: f64, tau_s: f64, c_m: f64, h: f64) -> f64 {
    let beta = 1.0 / tau_s - 1.0 / tau_m;
    if (beta * h).abs() < 1e-10 {
        h / c_m * (-h / tau_m).exp()
    } else {
        // e^{-h/tau_m} (1 - e^{-beta h}) / (C beta)
        -(-h / tau_m).exp() * (-beta * h).exp_m1() / (c_m * beta)
    }
}

/// Propagators and parameters of one neuron.
#[derive(Debug, Clone, Copy)]
pub struct Consts {
    p: Parameters,
    p22: f64,
    p20: f64,
    p21_ex: f64,
    p21_in: f64,
    p11_ex: f64,
    p11_in: f64,
    t_abs: f64,
    t_tot: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, h: f64) -> Consts {
        let p22 = (-h / p.tau_m).exp();
        Consts {
            p: *p,
            p22,
            p20: -p.tau_m / p.c_m * (-h / p.tau_m).exp_m1(),
            p21_ex: p21(p.tau_m, p.tau_syn_ex, p.c_m, h),
            p21_in: p21(p.tau_m, p.tau_syn_in, p.c_m, h),
            p11_ex: (-h / p.tau_syn_ex).exp(),
            p11_in: (-h / p.tau_syn_in).exp(),
            t_abs: whole_steps(p.t_ref_abs, h),
            t_tot: whole_steps(p.t_ref_tot, h),
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
        if !refractory_step(&mut s.ref_abs, input.dt) {
            s.v = p.e_l
                + (s.v - p.e_l) * c.p22
                + s.i_syn_ex * c.p21_ex
                + s.i_syn_in * c.p21_in
                + (p.i_e + input.current) * c.p20;
        }
        s.i_syn_ex *= c.p11_ex;
        s.i_syn_in *= c.p11_in;
        if input.jump > 0.0 {
            s.i_syn_ex += input.jump;
        } else {
            s.i_syn_in += input.jump;
        }
        if !refractory_step(&mut s.ref_tot, input.dt) && s.v >= p.v_th {
            s.v = p.v_reset;
            s.ref_abs = c.t_abs;
            s.ref_tot = c.t_tot;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// Under a constant current I the interval is max(t_ref_tot, t_ref_abs + T), T = tau_m
    /// ln((R I - (V_reset - E_L)) / (R I - (V_th - E_L))), R = tau_m / C_m, on the step grid.
    /// With the defaults and I = 500 pA: T = 10 ln 4 = 13.863 ms, interval 15.863 ms; with
    /// t_ref_tot = 25 ms the total refractoriness sets the interval: 25 ms.
    #[test]
    fn interval_is_the_charging_time_or_the_total_refractoriness() {
        let dt = 0.01;
        let t = 10.0 * 4f64.ln();
        for &(tot, period) in &[(2.0, 2.0 + t), (25.0, 25.0)] {
            let times = spike_times(&MODEL, &[("t_ref_tot", tot)], 500.0, dt, 300.0);
            assert!(times.len() > 5);
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    isi >= period - dt - 1e-9 && isi <= period + dt + 1e-9,
                    "{isi} vs {period}"
                );
            }
        }
    }

    /// The synaptic propagator against its closed form for unequal and equal time constants.
    #[test]
    fn p21_has_its_closed_form_and_limit() {
        let (tm, ts, c, h) = (10.0f64, 2.0f64, 250.0, 0.1);
        let exact = tm * ts / (c * (tm - ts)) * ((-h / tm).exp() - (-h / ts).exp());
        assert!((p21(tm, ts, c, h) - exact).abs() < 1e-15);
        assert!((p21(tm, tm, c, h) - h / c * (-h / tm).exp()).abs() < 1e-15);
    }
}
