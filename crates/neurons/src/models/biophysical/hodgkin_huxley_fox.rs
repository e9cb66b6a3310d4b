//! Hodgkin–Huxley membrane with Langevin channel noise (Fox 1997): the 1952 squid-axon
//! equations (modern convention, rest -65 mV, as `hodgkin_huxley`) with a white-noise term
//! on each gating variable whose strength falls with the number of channels in the patch.
//!
//! C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L)
//! dx/dt = alpha_x (1 - x) - beta_x x + xi_x(t),  x in {m, h, n},
//! <xi_x(t) xi_x(t')> = D_x delta(t - t'),  D_x = 2 alpha_x beta_x / (N_x (alpha_x + beta_x)),
//! N_m = N_h = N_Na = rho_Na A, N_n = N_K = rho_K A (Fox 1997; the noise gives
//! each gate the binomial variance x_inf (1 - x_inf) / N of N independent two-state gates).
//! Rates (1/ms, V in mV) as `hodgkin_huxley`:
//!   alpha_m = 0.1 (V + 40) / (1 - exp(-(V + 40)/10)),  beta_m = 4 exp(-(V + 65)/18)
//!   alpha_h = 0.07 exp(-(V + 65)/20),                   beta_h = 1 / (1 + exp(-(V + 35)/10))
//!   alpha_n = 0.01 (V + 55) / (1 - exp(-(V + 55)/10)), beta_n = 0.125 exp(-(V + 65)/80)
//! Channel densities rho_Na = 60 /um^2 and rho_K = 18 /um^2 as Fox (1997) (after Hille);
//! the membrane area A is a parameter: as A grows the noise vanishes and the model is the
//! deterministic HH model. The default A = 100 um^2 is this implementation's choice (a
//! patch where channel noise is visible); conductances and currents are per unit area.
//!
//! Numerics (stochastic): equal sub-steps of at most 0.01 ms. In each, V and every gate make
//! an exponential-Euler step (exact relaxation with the coefficients frozen at the start of
//! the sub-step; the drift is conditionally linear), then each gate receives the
//! Euler–Maruyama noise increment sqrt(D_x h) Z, Z ~ N(0, 1) from the neuron's stream, and
//! is clipped to [0, 1] (the Langevin equation can leave the unit interval; clipping is the
//! usual remedy). Strong order 1/2 in the noise, first order in the drift.
//!
//! Spikes: an upward crossing of `v_th` (0 mV) in a sub-step or by a delta-synapse jump is
//! one spike; no reset. Jumps are added to V at the end of the step. Rate functions read V
//! clamped to +-150 mV (family convention) so that nothing overflows.

use super::traub_miles::vg;
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "hodgkin_huxley_fox",
    class: "HodgkinHuxleyFoxNeuron",
    summary: "C_m dV/dt = I + I_e - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L); \
              dx/dt = alpha_x (1 - x) - beta_x x + xi_x, <xi_x xi_x'> = 2 alpha_x beta_x / \
              (N_x (alpha_x + beta_x)) delta, N_Na = rho_Na A (m, h), N_K = rho_K A (n); \
              HH 1952 rates (rest -65 mV). Spike = upward crossing of v_th (0 mV). \
              Exponential Euler + Euler-Maruyama noise on 0.01 ms sub-steps.",
    citation: "Fox (1997) Biophys. J. 72:2068-2074; Fox & Lu (1994) Phys. Rev. E 49:3421-3431; \
               Hodgkin & Huxley (1952) J. Physiol. 117:500-544",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 120.0, NonNegative, "maximal sodium conductance"),
        g_k: param("mS/cm^2", 36.0, NonNegative, "maximal potassium conductance"),
        g_l: param("mS/cm^2", 0.3, NonNegative, "leak conductance"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -77.0, Finite, "potassium reversal potential"),
        e_l: param("mV", -54.387, Finite, "leak reversal potential (rest at -65 mV)"),
        area: param("um^2", 100.0, Positive, "membrane area of the patch (sets the channel numbers)"),
        rho_na: param("1/um^2", 60.0, Positive, "sodium channel density (Fox 1997)"),
        rho_k: param("1/um^2", 18.0, Positive, "potassium channel density (Fox 1997)"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", 0.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -65.0, Finite,
            "initial membrane potential; m, h, n start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation (fraction of open m gates)"),
        h: ("1", "sodium inactivation (fraction of open h gates)"),
        n: ("1", "potassium activation (fraction of open n gates)"),
    },
    membrane: v,
    drive: 10.0,
    spontaneous: "channel noise: in a small patch (default 100 um^2, 6000 Na and 1800 K \
                  channels) random openings occasionally fire a spike at rest",
    stochastic: true,
    build: point,
}

/// Longest sub-step (ms).
const H_MAX: f64 = 0.01;

/// HH rates (1/ms): (alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n).
#[inline(always)]
fn rates(v: f64) -> [f64; 6] {
    let v = vg(v);
    [
        exprel_inv(-(v + 40.0) / 10.0),
        4.0 * (-(v + 65.0) / 18.0).exp(),
        0.07 * (-(v + 65.0) / 20.0).exp(),
        1.0 / (1.0 + (-(v + 35.0) / 10.0).exp()),
        0.1 * exprel_inv(-(v + 55.0) / 10.0),
        0.125 * (-(v + 65.0) / 80.0).exp(),
    ]
}

/// Per-neuron constants: the parameters, the sub-step and the channel numbers.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    n_sub: usize,
    h: f64,
    n_na: f64,
    n_k: f64,
}

/// Exponential-Euler relaxation of dx/dt = a - b x over `h`.
#[inline(always)]
fn relax_ab(x: f64, a: f64, b: f64, h: f64) -> f64 {
    if b > 1e-12 {
        let x_inf = a / b;
        x_inf + (x - x_inf) * (-b * h).exp()
    } else {
        x + a * h
    }
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        let n_sub = integrate::sub_steps(dt, H_MAX);
        Consts {
            p: *p,
            n_sub,
            h: dt / n_sub as f64,
            n_na: p.rho_na * p.area,
            n_k: p.rho_k * p.area,
        }
    }

    fn init(c: &Consts) -> Vars {
        let r = rates(c.p.v_init);
        Vars {
            v: c.p.v_init,
            m: r[0] / (r[0] + r[1]),
            h: r[2] / (r[2] + r[3]),
            n: r[4] / (r[4] + r[5]),
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let i = input.current + p.i_e;
        let h = c.h;
        let mut fired = false;
        for _ in 0..c.n_sub {
            let r = rates(s.v);
            let g_na = p.g_na * s.m * s.m * s.m * s.h;
            let g_k = p.g_k * s.n.powi(4);
            let g = g_na + g_k + p.g_l;
            let a = i + g_na * p.e_na + g_k * p.e_k + p.g_l * p.e_l;
            let v = relax_ab(s.v, a / p.c_m, g / p.c_m, h);
            let noisy = |x: f64, al: f64, be: f64, n: f64, z: f64| {
                let d = 2.0 * al * be / (n * (al + be));
                (relax_ab(x, al, al + be, h) + (d * h).sqrt() * z).clamp(0.0, 1.0)
            };
            let (zm, zh, zn) = (aux.rng().normal(), aux.rng().normal(), aux.rng().normal());
            s.m = noisy(s.m, r[0], r[1], c.n_na, zm);
            s.h = noisy(s.h, r[2], r[3], c.n_na, zh);
            s.n = noisy(s.n, r[4], r[5], c.n_k, zn);
            fired |= s.v < p.v_th && v >= p.v_th;
            s.v = v;
        }
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::{kernel, rate_hz, run, spikes};
    use super::*;

    /// Fox (1997): as the membrane area grows the channel noise vanishes and the model is
    /// the deterministic HH model. With A = 1e9 um^2 the firing rate at 10 uA/cm^2 (200-1000
    /// ms) equals that of `hodgkin_huxley` (~68 Hz) within 2 %.
    #[test]
    fn noise_free_limit_is_hodgkin_huxley() {
        let dt = 0.05;
        let fox = spikes(&MODEL, &[("area", 1e9)], 10.0, dt, 1000.0);
        let hh = spikes(
            crate::lookup("hodgkin_huxley").unwrap(),
            &[],
            10.0,
            dt,
            1000.0,
        );
        let isi = |s: &[f64]| {
            let late: Vec<f64> = s.iter().cloned().filter(|&t| t >= 200.0).collect();
            (late[late.len() - 1] - late[0]) / (late.len() - 1) as f64
        };
        let (i_fox, i_hh) = (isi(&fox), isi(&hh));
        eprintln!(
            "10 uA/cm^2: Fox (A = 1e9 um^2) ISI {i_fox} ms ({} Hz), HH {i_hh} ms ({} Hz)",
            rate_hz(&fox, 200.0, 1000.0),
            rate_hz(&hh, 200.0, 1000.0)
        );
        assert!(i_hh < 20.0);
        assert!((i_fox - i_hh).abs() <= 0.02 * i_hh, "{i_fox} vs {i_hh}");
    }

    /// Voltage held at rest (no Na, no K conductance, E_L = -65 mV): the n gate fluctuates
    /// about n_inf with the binomial variance n_inf (1 - n_inf) / N_K of N_K = rho_K A
    /// independent gates (the premise of Fox 1997's noise term). A = 10 um^2 (N_K = 180); the
    /// sample mean and variance over 20 s are within 10 % of the closed form.
    #[test]
    fn gate_variance_is_binomial() {
        let given = [("area", 10.0), ("g_na", 0.0), ("g_k", 0.0), ("e_l", -65.0)];
        let dt = 0.1;
        let mut k = kernel(&MODEL, &given, dt);
        let mut xs = Vec::new();
        for step in 0..200_000 {
            run(k.as_mut(), 0, dt, dt, |_| 0.0);
            if step >= 1000 {
                xs.push(k.var(3)[0]);
            }
        }
        let r = rates(-65.0);
        let n_inf = r[4] / (r[4] + r[5]);
        let want = n_inf * (1.0 - n_inf) / 180.0;
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        eprintln!("n: mean {mean} (n_inf {n_inf}), variance {var} (binomial {want})");
        assert!((mean - n_inf).abs() < 0.01 * n_inf);
        assert!((var - want).abs() < 0.1 * want, "{var} vs {want}");
    }
}
