//! Deterministic spike response model SRM0 (Gerstner & Kistler 2002, sec. 4.2.3): the
//! membrane potential is the resting potential plus the response to the input since ever
//! (not reset at spikes) plus a refractory kernel of the last spike only,
//!
//! u(t) = E_L + h(t) + eta(t - t_hat),
//! h(t) = int_0^inf kappa(s) I(t - s) ds,  kappa(s) = (1/C_m) exp(-s/tau_m)
//!        (i.e. tau_m dh/dt = -h + (tau_m/C_m)(I + I_e)),
//! eta(s) = -eta_0 exp(-s/tau_refr)   (exponential refractory kernel),
//!
//! with t_hat the last spike time. The neuron fires when u reaches theta = V_th (no noise),
//! and cannot fire during an absolute refractory period t_ref after a spike (the input
//! potential h keeps integrating meanwhile: only the spike is blocked).
//!
//! Numerics: h and eta are integrated exactly over each step (I held); the threshold crossing
//! is located inside the step by linear interpolation of u, and the new refractory kernel
//! starts there, so that spike times are not quantised to the step. Delta-synapse jumps are
//! added to h (a jump of the input potential) at the end of the step.
//!
//! Defaults: tau_m, C_m, E_L, V_th as the catalogue's `lif`; eta_0 = V_th - V_reset of `lif`
//! (15 mV) and tau_refr = 4 ms, t_ref = 2 ms: illustrative values, not from a fit.

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "srm0",
    class: "SRM0Neuron",
    summary: "SRM0: u = E_L + h + eta(t - t_hat), tau_m dh/dt = -h + (tau_m/C_m)(I + I_e) \
              (not reset at spikes), eta(s) = -eta_0 exp(-s/tau_refr) of the last spike; \
              u >= V_th -> spike (none within t_ref). Exact h and eta, crossing located in \
              the step.",
    citation: "Gerstner & Kistler (2002) Spiking Neuron Models, Cambridge University Press, \
               sec. 4.2.3 (SRM0); Gerstner (1995) Phys. Rev. E 51:738-758",
    input_unit: "pA",
    params: {
        tau_m: standard::tau_m(10.0),
        c_m: standard::c_m(250.0),
        e_l: standard::e_l(-70.0),
        v_th: standard::v_th(-55.0),
        eta_0: param("mV", 15.0, NonNegative, "amplitude of the refractory kernel"),
        tau_refr: param("ms", 4.0, Positive, "time constant of the refractory kernel"),
        t_ref: standard::t_ref(2.0),
        i_e: standard::i_e(0.0),
    },
    state: {
        v: ("mV", "membrane potential u = E_L + h + eta"),
        h: ("mV", "input potential (filtered input, not reset at spikes)"),
        eta: ("mV", "refractory kernel of the last spike"),
        refractory: ("ms", "absolute refractory time left"),
    },
    membrane: h,
    drive: 500.0,
    build: point,
}

impl Dynamics for Model {
    /// (parameters, membrane decay, kernel decay, t_ref in whole steps)
    type Consts = (Parameters, f64, f64, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64, f64, f64) {
        (
            *p,
            (-dt / p.tau_m).exp(),
            (-dt / p.tau_refr).exp(),
            whole_steps(p.t_ref, dt),
        )
    }

    fn init((p, ..): &(Parameters, f64, f64, f64)) -> Vars {
        Vars {
            v: p.e_l,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(c: &(Parameters, f64, f64, f64), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let (p, decay, kernel_decay, t_ref) = c;
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let h_inf = p.tau_m / p.c_m * (input.current + p.i_e);
        let u0 = p.e_l + s.h + s.eta;
        s.h = h_inf + (s.h - h_inf) * decay;
        s.eta *= kernel_decay;
        let u1 = p.e_l + s.h + s.eta;
        let fired = !refractory && u1 >= p.v_th;
        if fired {
            let frac = if u1 > u0 {
                ((p.v_th - u0) / (u1 - u0)).clamp(0.0, 1.0)
            } else {
                1.0
            };
            s.eta = -p.eta_0 * (-(1.0 - frac) * input.dt / p.tau_refr).exp();
            s.refractory = *t_ref;
        }
        s.h += input.jump;
        s.v = p.e_l + s.h + s.eta;
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// Under a constant current I: the first spike at t_1 = -tau_m ln(1 - 15 mV / (R I)), the
    /// second at t_1 + T with R I (1 - exp(-(t_1 + T)/tau_m)) - eta_0 exp(-T/tau_refr) = 15 mV
    /// (closed form, solved by bisection), both within one step (0.01 ms) plus 0.005 ms.
    #[test]
    fn spike_times_solve_the_srm0_threshold_equation() {
        let dt = 0.01;
        for i in [500.0, 1000.0] {
            let ri: f64 = 0.04 * i;
            let t1 = -10.0 * (1.0 - 15.0 / ri).ln();
            let g = |t: f64| ri * (1.0 - (-(t1 + t) / 10.0f64).exp()) - 15.0 * (-t / 4.0f64).exp();
            let (mut lo, mut hi) = (2.0, 100.0);
            for _ in 0..100 {
                let mid = 0.5 * (lo + hi);
                if g(mid) >= 15.0 { hi = mid } else { lo = mid }
            }
            assert!(g(2.0) < 15.0);
            let mut k = kernel(&MODEL, &[], 1, dt, 0);
            let s = run(k.as_mut(), 10_000, i, 0.0).remove(0);
            let times: Vec<f64> = s.iter().map(|&k| (k + 1) as f64 * dt).collect();
            for (t, exact) in [(times[0], t1), (times[1], t1 + hi)] {
                assert!(
                    t >= exact - 0.005 && t <= exact + dt + 0.005,
                    "{t} vs {exact}"
                );
            }
        }
    }
}
