//! Hindmarsh–Rose (1984) three-variable burster, in its dimensionless form:
//!
//! dx/dt' = y - a x^3 + b x^2 - z + I + I_e,  dy/dt' = c - d x^2 - y,
//! dz/dt' = r (s (x - x_r) - z),
//!
//! with t' model time; `time_scale` maps it to the network's time, t' = t / time_scale (t in
//! ms; default 1 ms per unit). x is the membrane-potential-like variable, y the fast recovery
//! and z the slow adaptation current; x, y, z and I are dimensionless (input unit "1").
//! Defaults a = 1, b = 3, c = 1, d = 5, s = 4, x_r = -8/5, r = 0.001 (Hindmarsh & Rose 1984);
//! with them the model rests at I = 0 and bursts at I = 2 (about 9 spikes per burst).
//! Presets: `bursting` (I_e = 2), `chaotic` (r = 0.006, I_e = 3.25, irregular bursts) and
//! `spiking` (r = 0.006, I_e = 4, tonic spiking), the settings used in the literature since.
//!
//! Spikes: an upward crossing of `x_th` (default 1.0, on the upstroke of each spike of a
//! burst) between integrator steps, or by a delta-synapse jump, is one spike; no reset.
//! Delta-synapse jumps are added to x at the end of the step. Initial state: the rest
//! without input, the equilibrium at I = 0 (the root of
//! -a x^3 + (b - d) x^2 - s x + c + s x_r = 0 reached by Newton's method from x_r),
//! y = c - d x^2, z = s (x - x_r).
//!
//! Numerics: Dormand–Prince 5(4) with error control (`Tolerance::DEFAULT`) in model time,
//! its step carried between network steps; spikes are detected between accepted steps. (A
//! fixed RK4 step would diverge under large inputs, where the cubic makes the system stiff.)
//! Inside the right-hand side the fast variable is bounded by 1e6 in magnitude (far outside
//! any trajectory) so that the trial stages of a rejected step cannot overflow.

use crate::define::*;

crate::model! {
    name: "hindmarsh_rose",
    class: "HindmarshRoseNeuron",
    summary: "dx/dt' = y - a x^3 + b x^2 - z + I + I_e, dy/dt' = c - d x^2 - y, dz/dt' = \
              r (s (x - x_r) - z) (dimensionless; t' = t / time_scale, t in ms). Spike = \
              upward crossing of x_th (1.0); no reset. Rests at I = 0, bursts at I = 2 with \
              the 1984 parameters. Adaptive RK45.",
    citation: "Hindmarsh & Rose (1984) Proc. R. Soc. Lond. B 221:87-102",
    input_unit: "1",
    params: {
        a: param("1", 1.0, Positive, "cubic coefficient of the fast equation"),
        b: param("1", 3.0, Finite, "quadratic coefficient of the fast equation"),
        c: param("1", 1.0, Finite, "constant term of the recovery equation"),
        d: param("1", 5.0, Finite, "quadratic coefficient of the recovery equation"),
        r: param("1", 0.001, NonNegative, "rate of the slow adaptation variable z (per model time unit)"),
        s: param("1", 4.0, Finite, "coupling of z to x"),
        x_r: param("1", -1.6, Finite, "resting level of x in the z equation"),
        i_e: standard::i_e_in("1", 0.0),
        time_scale: param("ms", 1.0, Positive, "milliseconds per model time unit"),
        x_th: param("1", 1.0, Finite, "spike detection level on x: an upward crossing is one spike"),
    },
    state: {
        x: ("1", "membrane-potential-like fast variable"),
        y: ("1", "fast recovery variable"),
        z: ("1", "slow adaptation variable"),
    },
    membrane: x,
    presets: [
        crate::Preset {
            name: "bursting",
            doc: "regular bursting (Hindmarsh & Rose 1984 parameters, I = 2)",
            values: &[("i_e", 2.0)],
        },
        crate::Preset {
            name: "chaotic",
            doc: "chaotic (irregular) bursting, r = 0.006, I = 3.25",
            values: &[("r", 0.006), ("i_e", 3.25)],
        },
        crate::Preset {
            name: "spiking",
            doc: "tonic spiking, r = 0.006, I = 4",
            values: &[("r", 0.006), ("i_e", 4.0)],
        },
    ],
    drive: 2.0,
    build: point,
}

/// Bound on the fast variable inside the right-hand side: far outside any trajectory, it
/// keeps the trial stages of a rejected integrator step finite (the shared `rk45` reads a
/// NaN error estimate as acceptable, so an overflowing stage must not happen).
pub(crate) const STAGE_BOUND: f64 = 1e6;

/// Advances `y` over `t` model time units of dy/dt' = f(y) with the Dormand–Prince
/// integrator (`Tolerance::DEFAULT`; `h` carries its step, in model time units); whether
/// `probe` (the fast variable minus its detection level) crossed 0 upward between accepted
/// steps. Error control rather than fixed sub-steps: the cubic terms make these models stiff
/// under large inputs, where a fixed RK4 step would diverge.
#[inline(always)]
pub(crate) fn advance<V: Vector>(
    y: &mut V,
    t: f64,
    h: &mut f64,
    f: impl Fn(V) -> V,
    probe: impl Fn(V) -> f64,
) -> bool {
    let mut fired = false;
    *y = integrate::rk45(*y, t, h, Tolerance::DEFAULT, f, |before, after| {
        fired |= probe(before) < 0.0 && probe(after) >= 0.0;
        None
    });
    fired
}

/// Adds a delta-synapse `jump` to the fast variable `x`; whether it crossed `level` upward.
#[inline(always)]
pub(crate) fn jump_crosses(x: &mut f64, jump: f64, level: f64) -> bool {
    let before = *x;
    *x += jump;
    before < level && *x >= level
}

/// Equilibrium x of the model at input `i` (Newton from x_r; bisection-safe fallback).
fn rest(p: &Parameters, i: f64) -> f64 {
    // g(x) = -a x^3 + (b - d) x^2 - s x + c + s x_r + i.
    let g = |x: f64| -p.a * x * x * x + (p.b - p.d) * x * x - p.s * x + p.c + p.s * p.x_r + i;
    let dg = |x: f64| -3.0 * p.a * x * x + 2.0 * (p.b - p.d) * x - p.s;
    let mut x = p.x_r;
    for _ in 0..100 {
        let d = dg(x);
        if d == 0.0 || !d.is_finite() {
            break;
        }
        let next = x - g(x) / d;
        if !next.is_finite() {
            break;
        }
        if (next - x).abs() < 1e-14 {
            x = next;
            break;
        }
        x = next;
    }
    if x.is_finite() { x } else { p.x_r }
}

impl Dynamics for Model {
    type Consts = (Parameters, Vars);

    fn prepare(p: &Parameters, _dt: f64) -> (Parameters, Vars) {
        let x = rest(p, 0.0);
        let init = Vars {
            x,
            y: p.c - p.d * x * x,
            z: p.s * (x - p.x_r),
        };
        (*p, init)
    }

    fn init((_, init): &(Parameters, Vars)) -> Vars {
        *init
    }

    #[inline(always)]
    fn step((p, _): &(Parameters, Vars), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |v: Vars| {
            let x = v.x.clamp(-STAGE_BOUND, STAGE_BOUND);
            Vars {
                x: v.y - p.a * x * x * x + p.b * x * x - v.z + i,
                y: p.c - p.d * x * x - v.y,
                z: p.r * (p.s * (x - p.x_r) - v.z),
            }
        };
        let fired = advance(s, input.dt / p.time_scale, aux.h, f, |v| v.x - p.x_th);
        jump_crosses(&mut s.x, input.jump, p.x_th) | fired
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{BuildContext, ModelInfo, NeuronKernel, ParamValue, Params, StepInput};

    /// Builds `model` for one neuron with `given` parameters at step `dt` (ms).
    pub(crate) fn kernel(
        model: &'static ModelInfo,
        given: &[(&str, f64)],
        dt: f64,
    ) -> Box<dyn NeuronKernel> {
        let values: Vec<(&str, ParamValue)> = given
            .iter()
            .map(|&(k, v)| (k, ParamValue::Scalar(v)))
            .collect();
        let params = Params::check(model, "test", 1, values.iter().map(|(k, v)| (*k, v)))
            .expect("valid test parameters");
        (model.build)(&BuildContext {
            params: &params,
            n: 1,
            dt_ms: dt,
            seed: 0,
            first_id: 0,
        })
    }

    /// Spike times (end of the step, ms) of one neuron under a constant `current` for `t_ms`.
    pub(crate) fn spikes(k: &mut dyn NeuronKernel, current: f64, dt: f64, t_ms: f64) -> Vec<f64> {
        let mut out = Vec::new();
        let mut s = Vec::new();
        for step in 0..(t_ms / dt).round() as usize {
            s.clear();
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[current],
                },
                &mut s,
            );
            if !s.is_empty() {
                out.push((step + 1) as f64 * dt);
            }
        }
        out
    }

    /// The equilibrium at I = 0 is the real root of the cubic -x^3 - 2 x^2 - 4 x - 5.4 = 0
    /// (a closed form: Cardano), x* = -1.6038...: the model starts and stays there.
    #[test]
    fn rests_at_the_cubic_root() {
        // Depressed cubic x^3 + 2x^2 + 4x + 5.4 = 0 by Cardano's formula.
        let (b, c, d) = (2.0f64, 4.0f64, 5.4f64);
        let p = c - b * b / 3.0;
        let q = 2.0 * b.powi(3) / 27.0 - b * c / 3.0 + d;
        let disc = (q / 2.0).powi(2) + (p / 3.0).powi(3);
        let root = (-q / 2.0 + disc.sqrt()).cbrt() + (-q / 2.0 - disc.sqrt()).cbrt() - b / 3.0;
        let mut k = kernel(&MODEL, &[], 0.1);
        assert!(spikes(k.as_mut(), 0.0, 0.1, 2000.0).is_empty());
        let x = k.var(0)[0];
        assert!((x - root).abs() < 1e-6, "{x} vs {root}");
        assert!((root + 1.6038).abs() < 1e-3, "{root}");
    }

    /// At I = 2 (the bursting setting) the model bursts: long quiet intervals (> 200 model
    /// units) separate bursts of several spikes with intra-burst intervals < 30 units.
    #[test]
    fn bursts_at_i_2() {
        let mut k = kernel(&MODEL, &[], 0.1);
        let t = spikes(k.as_mut(), 2.0, 0.1, 3000.0);
        let isi: Vec<f64> = t.windows(2).map(|w| w[1] - w[0]).collect();
        let long: Vec<usize> = (0..isi.len()).filter(|&i| isi[i] > 200.0).collect();
        assert!(long.len() >= 3, "{isi:?}");
        for w in long.windows(2) {
            let per_burst = w[1] - w[0];
            assert!((5..=12).contains(&per_burst), "{per_burst} spikes: {isi:?}");
            assert!(isi[w[0] + 1..w[1]].iter().all(|&i| i < 30.0));
        }
    }

    /// Every model of the family stays finite under inputs far beyond their ranges.
    #[test]
    fn family_stays_finite_under_huge_inputs() {
        use crate::models::oscillator as o;
        for m in [
            &MODEL,
            &o::fitzhugh_rinzel::MODEL,
            &o::terman_wang::MODEL,
            &o::mckean::MODEL,
            &o::butera_respiratory::MODEL,
            &o::balanced_resonate_and_fire::MODEL,
            &o::sherman_rinzel_keizer::MODEL,
            &o::chay_keizer::MODEL,
        ] {
            for (current, jump) in [(1e4, 0.0), (-1e4, 0.0), (0.0, 1e3), (1e2, -1e3)] {
                let mut k = kernel(m, &[], 0.5);
                let mut s = Vec::new();
                for _ in 0..200 {
                    k.step(
                        &StepInput {
                            jump: &[jump],
                            current: &[current],
                        },
                        &mut s,
                    );
                }
                for (i, spec) in m.state.iter().enumerate() {
                    let x = k.var(i)[0];
                    assert!(
                        x.is_finite(),
                        "{}: {} = {x} at I = {current}",
                        m.name,
                        spec.name
                    );
                }
            }
        }
    }
}
