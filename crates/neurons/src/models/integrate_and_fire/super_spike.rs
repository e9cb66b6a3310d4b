//! The leaky integrate-and-fire neuron of SuperSpike (Zenke & Ganguli 2018), with an
//! exponentially decaying synaptic current.
//!
//! tau_mem dU/dt = (U_rest - U) + I_syn + X,  tau_syn dI_syn/dt = -I_syn
//! (Zenke & Ganguli 2018, Methods, "Neuron model"; currents in mV, i.e. R times the
//! current). U >= theta -> spike, U = U_rest and held there for tau_ref. Delta-synapse
//! weights w (mV) are added to I_syn; X (mV) is the network's held input.
//! Defaults: tau_mem = 10 ms, U_rest = -60 mV, theta = -50 mV, tau_ref = 5 ms (the paper's
//! values, as in its GeNN replication); tau_syn = 5 ms.
//!
//! Numerics: the linear two-variable system is integrated exactly over each step (X held);
//! the threshold is checked at the end of the step. While refractory, U stays at U_rest and
//! I_syn keeps decaying.

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "super_spike",
    class: "SuperSpikeNeuron",
    summary: "tau_mem dU/dt = (U_rest - U) + I_syn + X, tau_syn dI_syn/dt = -I_syn (w -> \
              I_syn += w); U >= theta -> spike, U = U_rest for tau_ref. Exact integration.",
    citation: "Zenke & Ganguli (2018) SuperSpike: supervised learning in multilayer spiking \
               neural networks, Neural Comput. 30(6):1514-1541 (Methods, neuron model and \
               parameters)",
    input_unit: "mV",
    params: {
        tau_mem: standard::tau_m(10.0),
        tau_syn: param("ms", 5.0, Positive, "synaptic current time constant"),
        u_rest: param("mV", -60.0, Finite, "resting and reset potential"),
        theta: standard::v_th(-50.0),
        tau_ref: standard::t_ref(5.0),
        u_init: standard::v_init(-60.0),
    },
    state: {
        u: ("mV", "membrane potential"),
        i_syn: ("mV", "synaptic current (times the membrane resistance)"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: u,
    delta_input: "w (mV) is added to the synaptic current I_syn",
    require: [u_rest < theta, u_init < theta],
    drive: 20.0,
    build: point,
}

/// Constants: parameters and the exact propagator over one step.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    /// exp(-h / tau_mem).
    em: f64,
    /// exp(-h / tau_syn).
    es: f64,
    /// Response of U to I_syn over the step.
    kappa: f64,
    t_ref: f64,
}

/// Response after `h` of U (time constant `tm`) to a unit synaptic current decaying with
/// `ts`: ts/(ts - tm) (e^{-h/ts} - e^{-h/tm}), or (h/tm) e^{-h/tm} when ts = tm.
pub(crate) fn psc_response(h: f64, tm: f64, ts: f64) -> f64 {
    if ((ts - tm) / tm).abs() < 1e-9 {
        h / tm * (-h / tm).exp()
    } else {
        ts / (ts - tm) * ((-h / ts).exp() - (-h / tm).exp())
    }
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, h: f64) -> Consts {
        Consts {
            p: *p,
            em: (-h / p.tau_mem).exp(),
            es: (-h / p.tau_syn).exp(),
            kappa: psc_response(h, p.tau_mem, p.tau_syn),
            t_ref: whole_steps(p.tau_ref, h),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            u: c.p.u_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let i0 = s.i_syn;
        s.i_syn = i0 * c.es + input.jump;
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        let u_inf = c.p.u_rest + input.current;
        s.u = u_inf + (s.u - u_inf) * c.em + i0 * c.kappa;
        if s.u >= c.p.theta {
            s.u = c.p.u_rest;
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

    /// X = 20 mV: U(t) = -60 + 20 (1 - e^{-t/10}) reaches -50 at 10 ln 2 = 6.93 ms; with the
    /// 5 ms refractory period the interval is 11.93 ms (within one step above).
    #[test]
    fn interval_matches_the_closed_form() {
        let dt = 0.01;
        let times = spike_times(&MODEL, &[], 20.0, dt, 200.0);
        let period = 5.0 + 10.0 * 2f64.ln();
        assert!(times.len() > 10);
        for isi in times.windows(2).map(|w| w[1] - w[0]) {
            assert!(isi >= period - 1e-9 && isi <= period + dt + 1e-9, "{isi}");
        }
    }

    /// A synaptic weight of 1 mV gives the PSP ts/(ts - tm)(e^{-t/ts} - e^{-t/tm}); its
    /// peak, at t* = tm ts ln(tm/ts)/(tm - ts) = 10 ln 2 ms, is 0.25 mV for tm = 2 ts.
    #[test]
    fn psp_peak_is_a_quarter() {
        let dt = 0.01;
        let mut k = kernel(&MODEL, &[], dt);
        let mut spikes = Vec::new();
        k.step(
            &StepInput {
                jump: &[1.0],
                current: &[0.0],
            },
            &mut spikes,
        );
        let mut peak: f64 = -60.0;
        for _ in 0..3000 {
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[0.0],
                },
                &mut spikes,
            );
            peak = peak.max(k.var(0)[0]);
        }
        assert!((peak + 60.0 - 0.25).abs() < 1e-4, "{peak}");
    }
}
