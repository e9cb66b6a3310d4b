//! The two-dimensional Epileptor of Proix et al. (2014): the slow-time-scale reduction of
//! the Epileptor (`epileptor`, Jirsa et al. 2014) to its first fast variable x1 and the
//! permittivity z, as The Virtual Brain's `Epileptor2D`:
//!
//! dx1/dt = c - z + I_ext + I - f(x1, z) x1,
//! f = a x1^2 + (d - b) x1                     for x1 < 0,
//! f = -slope - 0.6 (z - 4)^2 + d x1           for x1 >= 0,
//! dz/dt  = r (4 (x1 - x0) - z).
//!
//! With the defaults (a = 1, b = 3, c = 1, d = 5) the x1 equation for x1 < 0 is
//! -x1^3 - 2 x1^2 + 1 + I_ext - z, as in Proix et al. (2014). Defaults: TVB's, from Proix et
//! al. (2014): r = 0.00035, x0 = -1.6, I_ext = 3.1, slope = 0; time in TVB's unit taken as
//! 1 ms. TVB's options not in the paper's equations are not included: the z^7 term for
//! z < 0, the sigmoidal `modification` of the z equation, the time scaling tt (= 1) and the
//! network gains Kvf, Ks (the node input I enters the x1 equation, as TVB's Kvf coupling
//! with Kvf = 1).
//!
//! For x0 below x0_c = -2.062 (the fold of x1' = -x1^3 - 2 x1^2 + 4.1 - z at x1 = -4/3,
//! on the z-nullcline) the node rests; above it z relaxes to and fro between the fold and
//! the return and the node produces recurrent seizure-like events.
//!
//! Rate (field) unit: emits no spikes; its state `x1` is the output. Delta-synapse jumps are
//! added to x1 at the end of the step. Numerics: Dormand–Prince `rk45` with
//! `Tolerance::DEFAULT`.

use crate::define::*;

crate::model! {
    name: "epileptor_2d",
    class: "Epileptor2DNeuron",
    summary: "2D Epileptor (Proix et al. 2014; TVB Epileptor2D): dx1/dt = c - z + I_ext + I - \
              f x1 with f = a x1^2 + (d - b) x1 (x1 < 0) or -slope - 0.6 (z - 4)^2 + d x1, \
              dz/dt = r (4 (x1 - x0) - z); seizure-like events for x0 > -2.06. Rate (field) \
              unit: emits no spikes; its state x1 is the output. Dormand-Prince rk45.",
    citation: "Proix, Bartolomei, Chauvel, Bernard & Jirsa (2014) J. Neurosci. 34:15009-15021; \
               as The Virtual Brain's Epileptor2D",
    input_unit: "1",
    params: {
        a: param("1", 1.0, Finite, "cubic coefficient of x1 for x1 < 0"),
        b: param("1", 3.0, Finite, "quadratic coefficient of x1 for x1 < 0"),
        c: param("1", 1.0, Finite, "constant term (y0 of the full Epileptor)"),
        d: param("1", 5.0, Finite, "quadratic coefficient of the eliminated y1"),
        r: param("1/ms", 0.00035, Positive, "slow time scale 1/tau0 of z"),
        x0: param("1", -1.6, Finite, "excitability: seizure-like events for x0 > -2.06"),
        i_ext: param("1", 3.1, Finite, "baseline input"),
        slope: param("1", 0.0, Finite, "offset in f for x1 >= 0"),
        x1_init: standard::init("1", -1.8, "initial x1"),
        z_init: standard::init("1", 3.5, "initial permittivity z"),
    },
    state: {
        x1: ("1", "fast variable: the output"),
        z: ("1", "slow permittivity variable"),
    },
    membrane: x1,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            x1: p.x1_init,
            z: p.z_init,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = p.c + p.i_ext + input.current;
        let f = |y: Vars| {
            let k = if y.x1 < 0.0 {
                p.a * y.x1 * y.x1 + (p.d - p.b) * y.x1
            } else {
                -p.slope - 0.6 * (y.z - 4.0) * (y.z - 4.0) + p.d * y.x1
            };
            Vars {
                x1: i - y.z - k * y.x1,
                z: p.r * (4.0 * (y.x1 - p.x0) - y.z),
            }
        };
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, |_, _| None);
        s.x1 += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// Number of times z turns from falling to rising (by more than 0.1) in `t_ms` at `x0`.
    fn turns(x0: f64, t_ms: f64) -> usize {
        let mut k = kernel(&MODEL, &[("x0", x0)], 1, 1.0, 0);
        let (mut lo, mut hi, mut falling, mut n) = (f64::MAX, f64::MIN, true, 0);
        for _ in 0..t_ms as usize {
            run(k.as_mut(), 1, 0.0, 0.0);
            let z = k.var(1)[0];
            assert!(z.is_finite());
            if falling {
                lo = lo.min(z);
                if z > lo + 0.1 {
                    (falling, hi, n) = (false, z, n + 1);
                }
            } else {
                hi = hi.max(z);
                if z < hi - 0.1 {
                    (falling, lo) = (true, z);
                }
            }
        }
        n
    }

    /// The onset of seizure-like events is at x0_c = -2.062 (the fold x1 = -4/3,
    /// z = 4.1 - 32/27 meeting z = 4 (x1 - x0)): 10 % above it (x0 = -1.86) events recur,
    /// 10 % below (x0 = -2.27) the node rests, at the stable root of
    /// -x1^3 - 2 x1^2 + 4.1 - 4 (x1 - x0) = 0 (within 1e-4).
    #[test]
    fn seizure_onset_at_the_fold() {
        let x1: f64 = -4.0 / 3.0;
        let x0c = x1 - (-x1 * x1 * x1 - 2.0 * x1 * x1 + 4.1) / 4.0;
        assert!((x0c + 2.062).abs() < 1e-3, "{x0c}");
        let above = turns(0.9 * x0c, 40_000.0);
        let below = turns(1.1 * x0c, 40_000.0);
        eprintln!("Epileptor2D: {above} events above x0_c, {below} below");
        assert!(above >= 2 && below == 0, "{above} {below}");
        let x0 = 1.1 * x0c;
        let h = |x: f64| -x * x * x - 2.0 * x * x + 4.1 - 4.0 * (x - x0);
        let (mut lo, mut hi) = (-3.0, -4.0 / 3.0);
        for _ in 0..200 {
            let m = 0.5 * (lo + hi);
            if h(m) > 0.0 { lo = m } else { hi = m }
        }
        let mut k = kernel(&MODEL, &[("x0", x0)], 1, 1.0, 0);
        run(k.as_mut(), 40_000, 0.0, 0.0);
        let got = k.var(0)[0];
        eprintln!("Epileptor2D rest at x0 = {x0}: x1 = {got} vs {lo}");
        assert!((got - lo).abs() < 1e-4, "{got} vs {lo}");
    }
}
