//! NIR current-based leaky integrator (`nir.CubaLI`): the non-spiking readout unit with an
//! exponential synaptic current, from the Neuromorphic Intermediate Representation
//! (Pedersen et al. 2024, Nat. Commun. 15:8122).
//!
//! tau_syn dI/dt = -I + w_in S;  tau_mem dv/dt = (v_leak - v) + r I
//!
//! Readout unit: emits no spikes; its state `v` is the output. S is the input: the network
//! current x held over the step (S = x), and delta-synapse weights w as Dirac pulses
//! w delta(t), which make I jump by w_in w / tau_syn. Integrated exactly for x held over
//! the step h (I_inf = w_in x, D = I - I_inf, v_inf = v_leak + r I_inf):
//! I <- I_inf + D e^{-h/tau_syn},
//! v <- v_inf + (v - v_inf) e^{-h/tau_mem} + r D tau_syn/(tau_syn - tau_mem)
//! (e^{-h/tau_syn} - e^{-h/tau_mem}) (its limit r D (h/tau) e^{-h/tau} when the time
//! constants are equal, evaluated stably). NIR's parameter names; NIR's time constants are
//! in seconds, here in ms (tau_ms = 1000 tau_NIR); r, v_leak, w_in and v dimensionless.
//! Defaults: w_in = 1 (NIR's); NIR gives none for the others: tau_syn = 5 ms, tau_mem = 10
//! ms, r = 1, v_leak = 0 are ours. v starts at v_leak, I at 0.

use crate::define::*;

crate::model! {
    name: "cuba_leaky_integrator",
    class: "CubaLeakyIntegratorNeuron",
    summary: "Readout unit: emits no spikes; its state v is the output. NIR CubaLI: tau_syn \
              dI/dt = -I + w_in S; tau_mem dv/dt = (v_leak - v) + r I; exact for S held \
              over the step.",
    citation: "Pedersen, Abreu, Jobst, Lenz, Fra, Bauer, Muir, Zhou, Vogginger, Heckel, \
               Urgese, Shankar, Stewart, Sheik & Eshraghian (2024) Neuromorphic \
               intermediate representation: a unified instruction set for interoperable \
               brain-inspired computing, Nat. Commun. 15:8122; nir.CubaLI (nir 1.0; \
               w_in = 1)",
    input_unit: "1",
    params: {
        tau_syn: param("ms", 5.0, Positive, "synaptic time constant (NIR's, in ms here)"),
        tau_mem: param("ms", 10.0, Positive, "membrane time constant (NIR's, in ms here)"),
        r: param("1", 1.0, Finite, "input resistance R"),
        v_leak: param("1", 0.0, Finite, "leak (resting) value; v starts here"),
        w_in: param("1", 1.0, Finite, "input current weight"),
    },
    state: {
        v: ("1", "integrator value (the output)"),
        i_syn: ("1", "synaptic current I"),
    },
    membrane: v,
    delta_input: "a Dirac pulse w delta(t) of the input S: I jumps by w_in w / tau_syn",
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// tau_s/(tau_s - tau_m) (e^{-h/tau_s} - e^{-h/tau_m}), stable for tau_s near tau_m.
pub(crate) fn cross(h: f64, tau_s: f64, tau_m: f64) -> f64 {
    let y = h * (1.0 / tau_m - 1.0 / tau_s);
    if y.abs() > 1.0 {
        tau_s / (tau_s - tau_m) * ((-h / tau_s).exp() - (-h / tau_m).exp())
    } else {
        (-h / tau_m).exp() * (h / tau_m) / integrate::exprel_inv(y)
    }
}

/// Per-neuron propagators for steps of h ms.
#[derive(Clone, Copy)]
pub struct Consts {
    p: Parameters,
    e_syn: f64,
    e_mem: f64,
    cross: f64,
}

impl Dynamics for Model {
    type Consts = Consts;

    fn prepare(p: &Parameters, dt: f64) -> Consts {
        Consts {
            p: *p,
            e_syn: (-dt / p.tau_syn).exp(),
            e_mem: (-dt / p.tau_mem).exp(),
            cross: cross(dt, p.tau_syn, p.tau_mem),
        }
    }

    fn init(c: &Consts) -> Vars {
        Vars {
            v: c.p.v_leak,
            i_syn: 0.0,
        }
    }

    #[inline(always)]
    fn step(c: &Consts, s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let p = &c.p;
        let i_inf = p.w_in * input.current;
        let d = s.i_syn - i_inf;
        let v_inf = p.v_leak + p.r * i_inf;
        s.v = v_inf + (s.v - v_inf) * c.e_mem + p.r * d * c.cross;
        s.i_syn = i_inf + d * c.e_syn + p.w_in * input.jump / p.tau_syn;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::leaky_integrator::testing::{hold, kernel};
    use super::*;

    /// From rest with S = x constant: I(t) = w_in x (1 - e^{-t/tau_syn}) and v(t) = v_leak +
    /// r w_in x [1 - (tau_mem e^{-t/tau_mem} - tau_syn e^{-t/tau_syn})/(tau_mem -
    /// tau_syn)]; defaults, x = 1, t = 20 ms: v = 1 - 2 e^{-2} + e^{-4} = 0.747645.
    #[test]
    fn relaxes_exactly() {
        let want = 1.0 - 2.0 * (-2.0f64).exp() + (-4.0f64).exp();
        assert!((want - 0.747_645).abs() < 1e-6);
        for (dt, n) in [(0.1, 200), (2.0, 10)] {
            let mut k = kernel(&MODEL, &[], dt);
            let (v, spiked) = hold(k.as_mut(), 0, 1.0, n);
            assert!((v - want).abs() < 1e-12, "dt {dt}: {v} vs {want}");
            assert!((k.var(1)[0] - (1.0 - (-4.0f64).exp())).abs() < 1e-12);
            assert!(!spiked);
        }
    }

    /// Equal time constants tau: v(t) = r w_in x [1 - e^{-t/tau} (1 + t/tau)]; tau = 8
    /// ms, r = 2, w_in = 0.5, x = 3, t = 12 ms: v = 3 [1 - 2.5 e^{-1.5}] = 1.326524; the
    /// near-equal case (tau_syn = 8 + 1e-9) agrees.
    #[test]
    fn equal_time_constants() {
        let want = 3.0 * (1.0 - 2.5 * (-1.5f64).exp());
        assert!((want - 1.326_524).abs() < 1e-6);
        for ts in [8.0, 8.0 + 1e-9] {
            let given = [("tau_syn", ts), ("tau_mem", 8.0), ("r", 2.0), ("w_in", 0.5)];
            let mut k = kernel(&MODEL, &given, 0.5);
            let (v, _) = hold(k.as_mut(), 0, 3.0, 24);
            assert!((v - want).abs() < 1e-9, "tau_syn {ts}: {v} vs {want}");
        }
    }
}
