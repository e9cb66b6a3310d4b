//! One point of an Amari neural field (Amari 1977): the average membrane potential u of the
//! neurons at one location,
//!
//! tau du/dt = -u + h + s(t),   output f(u) = 1(u) = 1 if u > 0, else 0,
//!
//! with h < 0 the resting level and s the input (input unit "1"). The field equation adds
//! the lateral input int w(x - y) f(u(y)) dy, which needs the lattice of the other points:
//! a single unit is the point model, and lateral coupling enters as its input (delta-synapse
//! weights add to u; currents to s). The output is Amari's step (Heaviside) firing-rate
//! function, as in the source. Rate unit: emits no spikes; its state `f` (the output, 0 or 1)
//! and `u` are recordable.
//!
//! Numerics: exact exponential update (s held over the step).
//!
//! Defaults: tau = 10 ms and h = -0.5 are illustrative (Amari measures time in units of tau
//! and leaves h < 0 free).

use crate::define::*;

crate::model! {
    name: "amari_field",
    class: "AmariFieldNeuron",
    summary: "Rate unit (emits no spikes; its state f = 1(u) is the output): one point of an \
              Amari field, tau du/dt = -u + h + s, f(u) = 1 if u > 0 else 0; lateral field \
              input arrives as input. Exact update.",
    citation: "Amari (1977) Biol. Cybern. 27:77-87",
    input_unit: "1",
    params: {
        tau: param("ms", 10.0, Positive, "time constant of the field"),
        h: param("1", -0.5, Finite, "resting level (negative in Amari's analysis)"),
        u_init: standard::init("1", -0.5, "initial potential"),
    },
    state: {
        u: ("1", "average membrane potential"),
        f: ("1", "output 1(u): 1 if u > 0, else 0"),
    },
    membrane: u,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64) {
        (*p, (-dt / p.tau).exp())
    }

    fn init((p, _): &(Parameters, f64)) -> Vars {
        Vars {
            u: p.u_init,
            f: if p.u_init > 0.0 { 1.0 } else { 0.0 },
        }
    }

    #[inline(always)]
    fn step((p, decay): &(Parameters, f64), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let target = p.h + input.current;
        s.u = target + (s.u - target) * decay + input.jump;
        s.f = if s.u > 0.0 { 1.0 } else { 0.0 };
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// From rest (u = h) under an input s: u(t) = h + s (1 - exp(-t/tau)) exactly, and the
    /// output switches on in the step containing t* = -tau ln(1 + h/s) (s > -h).
    #[test]
    fn potential_and_switch_on_time_follow_the_closed_form() {
        let s: f64 = 2.0;
        let t_star = -10.0 * (1.0 - 0.5 / s).ln();
        let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
        let mut on = None;
        for step in 1..=1000 {
            run(k.as_mut(), 1, s, 0.0);
            let t = step as f64 * 0.1;
            assert!((k.var(0)[0] - (-0.5 + s * (1.0 - (-t / 10.0f64).exp()))).abs() < 1e-12);
            if on.is_none() && k.var(1)[0] == 1.0 {
                on = Some(t);
            }
        }
        let on = on.unwrap();
        assert!(on >= t_star && on < t_star + 0.1, "{on} vs {t_star}");
        // Below -h the output stays off.
        let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
        run(k.as_mut(), 5000, 0.49, 0.0);
        assert_eq!(k.var(1)[0], 0.0);
    }
}
