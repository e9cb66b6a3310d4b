//! Aliev & Panfilov (1996): a two-variable FitzHugh–Nagumo-type model of the canine
//! ventricular action potential with APD restitution, in the paper's dimensionless units:
//!
//! de/dt = [-k e (e - a)(e - 1) - e r] / T + I
//! dr/dt = eps(e, r) [-r - k e (e - a - 1)] / T,   eps(e, r) = eps0 + mu1 r / (e + mu2)
//!
//! e is the dimensionless transmembrane potential, r the recovery variable, T the time unit.
//! The paper's scaling to physical units: t[ms] = 12.9 t[t.u.] (T = 12.9 ms)
//! and E[mV] = 100 e - 80. Defaults are the paper's: k = 8, a = 0.15, eps0 = 0.002,
//! mu1 = 0.2, mu2 = 0.3 (checked against the pigreads model `aliev1996simple`).
//!
//! Input: a stimulus I in 1/ms (dimensionless potential per ms) added to de/dt; a
//! delta-synapse jump is added to e at the end of the step. An action potential is an
//! upward crossing of `e_th` (default 0.5, i.e. -30 mV), no reset. e = a is the excitation
//! threshold from rest: e0 < a decays back (with time constant T / (k a) = 10.75 ms near
//! rest), e0 > a fires.
//!
//! Guard: eps reads e clamped to >= -mu2 / 2, so that it stays finite for the negative e
//! that no physiological trajectory reaches (only an absurd negative jump does).
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).

use crate::define::*;

crate::model! {
    name: "aliev_panfilov",
    class: "AlievPanfilovNeuron",
    summary: "Aliev-Panfilov 1996 ventricular cell (dimensionless): de/dt = [-k e (e - a)(e - 1) \
              - e r]/T + I, dr/dt = (eps0 + mu1 r/(e + mu2)) [-r - k e (e - a - 1)]/T; \
              T = 12.9 ms, E = 100 e - 80 mV. AP = upward crossing of e_th (no reset). \
              Dormand-Prince rk45.",
    citation: "Aliev & Panfilov (1996) Chaos Solitons Fractals 7:293-301",
    input_unit: "1/ms",
    params: {
        k: param("1", 8.0, Positive, "strength of the cubic excitation term"),
        a: param("1", 0.15, Closed(0.0, 1.0), "excitation threshold"),
        eps0: param("1", 0.002, Positive, "recovery rate at r = 0"),
        mu1: param("1", 0.2, NonNegative, "restitution parameter mu1"),
        mu2: param("1", 0.3, Positive, "restitution parameter mu2"),
        t_unit: param("ms", 12.9, Positive, "the paper's time unit in ms (T)"),
        i_e: standard::i_e_in("1/ms", 0.0),
        e_th: param("1", 0.5, Finite, "AP detection level: an upward crossing of e is one AP"),
        e_init: standard::init("1", 0.0, "initial potential e (r starts at 0)"),
    },
    state: {
        e: ("1", "dimensionless transmembrane potential (E = 100 e - 80 mV)"),
        r: ("1", "recovery variable"),
    },
    membrane: e,
    drive: 0.02,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            e: p.e_init,
            r: 0.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let eps = p.eps0 + p.mu1 * y.r / (y.e.max(-0.5 * p.mu2) + p.mu2);
            Vars {
                e: (-p.k * y.e * (y.e - p.a) * (y.e - 1.0) - y.e * y.r) / p.t_unit + i,
                r: eps * (-y.r - p.k * y.e * (y.e - p.a - 1.0)) / p.t_unit,
            }
        };
        let (y, fired) = super::super::biophysical::traub_miles::crossing_step(
            *s,
            input.dt,
            aux.h,
            f,
            |y| y.e,
            p.e_th,
        );
        *s = y;
        let before = s.e;
        s.e += input.jump;
        fired | (before < p.e_th && s.e >= p.e_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::ion_channel::persistent_na::testing::run;
    use super::*;

    /// Near rest e decays as exp(-k a t / T) (linearisation; the quadratic term and r are
    /// under 1 % at e0 = 0.001): after 10.75 ms (one time constant) e = 0.001/e within 2 %.
    #[test]
    fn subthreshold_decay_time_constant() {
        let dt = 0.05;
        let (spikes, v) = run(&MODEL, &[("e_init", 0.001)], dt, 10.75, |_| 0.0);
        assert!(spikes.is_empty());
        let want = 0.001 * (-1.0f64).exp();
        let got = *v.last().unwrap();
        assert!((got - want).abs() < 0.02 * want, "{got} vs {want}");
    }

    /// The excitation threshold is e = a = 0.15: 0.9 a decays, 1.1 a fires one AP whose
    /// duration (E above -70 mV, e > 0.1) is a few hundred ms.
    #[test]
    fn threshold_is_a() {
        let dt = 0.1;
        let (below, _) = run(&MODEL, &[("e_init", 0.9 * 0.15)], dt, 500.0, |_| 0.0);
        assert!(below.is_empty());
        let (above, v) = run(&MODEL, &[("e_init", 1.1 * 0.15)], dt, 1000.0, |_| 0.0);
        assert_eq!(above.len(), 1);
        let apd = v.iter().filter(|&&e| e > 0.1).count() as f64 * dt;
        eprintln!("Aliev-Panfilov APD (e > 0.1): {apd:.1} ms");
        assert!((100.0..600.0).contains(&apd), "{apd}");
    }
}
