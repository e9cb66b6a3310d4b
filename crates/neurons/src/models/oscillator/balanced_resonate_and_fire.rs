//! Balanced resonate-and-fire (BRF) neuron (Higuchi, Kairat, Bohté & Otte 2024): Izhikevich's
//! resonate-and-fire neuron z' = (b + i omega) z + I, discretised by the explicit Euler step
//! delta as the source defines it, with a damping kept at the divergence boundary of that
//! discretisation and a refractory variable q that raises both threshold and damping:
//!
//! u_{n+1} = u_n + delta (b_n u_n - omega v_n + I_n),  v_{n+1} = v_n + delta (omega u_n + b_n v_n),
//! s_{n+1} = H(u_{n+1} - theta - q_n),  q_{n+1} = gamma q_n + s_{n+1},
//! b_n = p(omega) - b_offset - q_n,  p(omega) = (-1 + sqrt(1 - (delta omega)^2)) / delta,
//!
//! (z = u + i v). p(omega) is the damping at which |1 + delta (p + i omega)| = 1: with
//! b_offset = 0 and q = 0 an oscillation keeps its amplitude exactly, with b_offset > 0 it
//! decays by |1 + delta (b + i omega)| per step. There is no reset: the spike raises q, which
//! raises the threshold and the damping (a smooth reset). Defaults from the source: delta =
//! 0.01, theta = 1, gamma = 0.9; omega = 10 and b_offset = 1 (the authors' code's values
//! when they are not trained). The source is dimensionless; `time_scale` (ms per model
//! time unit, default 10) maps it to the network's time, so one Euler step delta lasts
//! delta time_scale = 0.1 ms and omega = 10 is about 159 Hz.
//!
//! Time: one Euler step (iteration) per delta time_scale ms, performed in the network step
//! that contains that instant (the map clock of `rulkov_map`); I_n is the mean of the input
//! (unit "1") over the iteration. A spike is an iteration with s = 1. Delta-synapse jumps are
//! added to u at the end of the step. Initial state: z = 0, q = 0. u and v are bounded by
//! 1e30 in magnitude (reached only when the Euler step is unstable, e.g. huge b_offset).

use crate::define::*;
use crate::models::map::rulkov_map::clock;

crate::model! {
    name: "balanced_resonate_and_fire",
    class: "BalancedResonateAndFireNeuron",
    summary: "Euler-discretised resonator z += delta ((b + i omega) z + I), b = p(omega) - \
              b_offset - q, p(omega) = (-1 + sqrt(1 - (delta omega)^2))/delta; spike s = \
              H(Re z - theta - q), q = gamma q + s (no reset). One Euler step per delta * \
              time_scale ms.",
    citation: "Higuchi, Kairat, Bohte & Otte (2024) Proc. 41st Int. Conf. Machine Learning \
               (ICML 2024), PMLR 235 (Balanced resonate-and-fire neurons); Izhikevich \
               (2001) Neural Netw. 14:883-894 (resonate-and-fire)",
    input_unit: "1",
    params: {
        omega: param("1", 10.0, NonNegative, "angular eigenfrequency (rad per model time unit); delta omega <= 1"),
        b_offset: param("1", 1.0, NonNegative, "damping beyond the divergence boundary (per model time unit)"),
        theta: param("1", 1.0, Finite, "spike threshold on u = Re z"),
        gamma: param("1", 0.9, Closed(0.0, 1.0), "decay factor of the refractory variable q per step"),
        delta: param("1", 0.01, Positive, "Euler step in model time units"),
        time_scale: param("ms", 10.0, Positive, "milliseconds per model time unit"),
    },
    state: {
        u: ("1", "membrane potential (real part of z)"),
        v: ("1", "imaginary part of z"),
        q: ("1", "refractory variable (threshold and damping increment)"),
        elapsed: ("ms", "time since the last Euler step"),
        charge: ("ms", "input integrated since the last Euler step (input unit x ms)"),
    },
    membrane: u,
    validate: validate,
    drive: 100.0,
    build: point,
}

/// Bound on |u| and |v|, so that an unstable discretisation stays finite.
const BOUND: f64 = 1e30;

/// delta omega <= 1 (else p(omega) is not real).
fn validate(p: &crate::Params, object: &str) -> sc_neurocore_core::Result<()> {
    let (omega, delta) = (p.get("omega"), p.get("delta"));
    for i in 0..p.len() {
        let limit = 1.0 / delta.at(i);
        if omega.at(i) > limit {
            let field = match (omega, delta) {
                (crate::ParamArray::Uniform(_), crate::ParamArray::Uniform(_)) => {
                    "omega".to_string()
                }
                _ => format!("omega[{i}]"),
            };
            return Err(sc_neurocore_core::Error::out_of_range(
                object,
                field,
                omega.at(i),
                format!("at most 1/delta = {limit}"),
            ));
        }
    }
    Ok(())
}

/// The divergence boundary p(omega) of the Euler step delta.
pub(crate) fn divergence_boundary(omega: f64, delta: f64) -> f64 {
    (-1.0 + (1.0 - (delta * omega).powi(2)).max(0.0).sqrt()) / delta
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, _dt: f64) -> (Parameters, f64) {
        (*p, divergence_boundary(p.omega, p.delta))
    }

    fn init(_: &(Parameters, f64)) -> Vars {
        Vars {
            u: 0.0,
            v: 0.0,
            q: 0.0,
            elapsed: 0.0,
            charge: 0.0,
        }
    }

    #[inline(always)]
    fn step(
        (p, boundary): &(Parameters, f64),
        s: &mut Vars,
        input: Input,
        _: &mut Aux<'_>,
    ) -> bool {
        let (mut u, mut v, mut q) = (s.u, s.v, s.q);
        let fired = clock(
            &mut s.elapsed,
            &mut s.charge,
            input.dt,
            p.delta * p.time_scale,
            input.current,
            |i| {
                let b = boundary - p.b_offset - q;
                let un = u + p.delta * (b * u - p.omega * v + i);
                // Bounded: an Euler step past its stability limit (delta (b_offset + q)
                // near 2, or gamma = 1 letting q grow) would otherwise overflow.
                v = (v + p.delta * (p.omega * u + b * v)).clamp(-BOUND, BOUND);
                u = un.clamp(-BOUND, BOUND);
                let spike = u - p.theta - q > 0.0;
                q = p.gamma * q + if spike { 1.0 } else { 0.0 };
                spike
            },
        );
        s.u = u + input.jump;
        s.v = v;
        s.q = q;
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::hindmarsh_rose::tests::{kernel, spikes};
    use super::*;

    /// At the divergence boundary (b_offset = 0, no spike) a free oscillation keeps its
    /// amplitude |z| exactly; with b_offset = 1 it decays by |1 + delta (b + i omega)| per
    /// Euler step (closed forms).
    #[test]
    fn amplitude_at_and_beyond_the_divergence_boundary() {
        let boundary = divergence_boundary(10.0, 0.01);
        assert!((boundary + 0.501256).abs() < 1e-6, "{boundary}");
        for b_offset in [0.0, 1.0] {
            let mut k = kernel(&MODEL, &[("b_offset", b_offset), ("theta", 1e9)], 0.1);
            let mut s = Vec::new();
            k.step(
                &crate::StepInput {
                    jump: &[0.5],
                    current: &[0.0],
                },
                &mut s,
            );
            // 1000 more network steps of 0.1 ms = 1000 Euler steps (one per 0.1 ms).
            spikes(k.as_mut(), 0.0, 0.1, 100.0);
            let (u, v) = (k.var(0)[0], k.var(1)[0]);
            let b = boundary - b_offset;
            let factor = ((1.0 + 0.01 * b).powi(2) + (0.01f64 * 10.0).powi(2)).sqrt();
            let expected = 0.5 * factor.powi(1000);
            let amp = (u * u + v * v).sqrt();
            assert!(
                (amp - expected).abs() < 1e-9 * expected.max(1e-12),
                "{amp} vs {expected}"
            );
            if b_offset == 0.0 {
                assert!((amp - 0.5).abs() < 1e-9);
            }
        }
    }

    /// The smooth reset: under a constant strong input the neuron fires, and q rises, so the
    /// spikes do not come every step.
    #[test]
    fn refractory_variable_spaces_spikes() {
        let mut k = kernel(&MODEL, &[], 0.1);
        let t = spikes(k.as_mut(), 100.0, 0.1, 50.0);
        assert!(t.len() >= 2, "{t:?}");
        assert!(t.len() < 250, "{}", t.len());
    }
}
