//! The codimension-3 Epileptor of Saggio, Spiegler, Bernard & Jirsa (2017): a planar fast
//! subsystem, the unfolding of the degenerate Takens–Bogdanov singularity of codimension 3,
//! steered by a slow variable z along a path (a great arc of the sphere of radius R in the
//! unfolding parameters (mu2, -mu1, nu)) so that it bursts, as The Virtual Brain's
//! `EpileptorCodim3`:
//!
//! dx/dt = -y,
//! dy/dt = x^3 - mu2 x - mu1 - y (nu + b x + x^2),
//! dz/dt = -c (sqrt((x - x_s)^2 + y^2) - d* + k_mod (z - 0.5)^7 + K_s I),
//! (mu2, -mu1, nu) = R (E cos z + F sin z),
//!
//! with E = A/|A|, F = ((A x B) x A)/|(A x B) x A| for the path's offset point
//! A = (mu2, -mu1, nu)_start and onset point B = (mu2, -mu1, nu)_stop (Saggio et al. 2017,
//! Eqs. 4 and 7), and x_s the x of the resting state as TVB computes it (branch N = 1):
//! the real part of Cardano's formula with principal complex cube roots,
//! x_s = Re[(mu1/2 + sqrt(D))^(1/3) + (mu1/2 - sqrt(D))^(1/3)], D = mu1^2/4 - mu2^3/27.
//! Where the cubic x^3 - mu2 x - mu1 has three real roots (D < 0) this is the largest (the
//! resting state); past the saddle-node (D > 0) it continues the vanished resting state's
//! position continuously from the fold (it is then not a root).
//!
//! Defaults: TVB's, its path for burster class c2s of Saggio et al. (2017) (saddle-node
//! onset, saddle-homoclinic offset), given as (mu2, -mu1, nu): A = (0.3448, 0.02285, 0.2014),
//! B = (0.3351, 0.07465, 0.2053), b = 1 (focus unfolding), R = 0.4, c = 0.001, d* = 0.3;
//! TVB's stabilising term k_mod (z - 0.5)^7 with k_mod = 0.1 (TVB's `modification = True`;
//! k_mod = 0 gives the paper's equation). Time in TVB's unit taken as 1 ms. At rest z climbs
//! at c d* to the onset B, where the resting state meets the saddle-node; during the burst
//! the distance from x_s exceeds d* and z falls back to the offset A (z = 0).
//!
//! The node input I enters the slow equation with gain K_s (TVB's permittivity coupling;
//! TVB's default K_s = 0 leaves the node uncoupled). Delta-synapse jumps are added to x at
//! the end of the step. Rate (field) unit: emits no spikes; its state `x` is the output.
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT`.

use crate::define::*;

crate::model! {
    name: "epileptor_codim3",
    class: "EpileptorCodim3Neuron",
    summary: "Codimension-3 burster (Saggio et al. 2017; TVB EpileptorCodim3): dx/dt = -y, \
              dy/dt = x^3 - mu2 x - mu1 - y (nu + b x + x^2), dz/dt = -c (|(x - x_s, y)| - d* \
              + k_mod (z - 0.5)^7 + K_s I), (mu2, -mu1, nu) on the great arc from A to B; \
              class c2s path by default. Rate (field) unit: emits no spikes; its state x is \
              the output. Dormand-Prince rk45.",
    citation: "Saggio, Spiegler, Bernard & Jirsa (2017) J. Math. Neurosci. 7:7; as The \
               Virtual Brain's EpileptorCodim3",
    input_unit: "1",
    params: {
        mu1_start: param("1", -0.02285, Finite, "mu1 at the offset point A (class c2s)"),
        mu2_start: param("1", 0.3448, Finite, "mu2 at the offset point A (class c2s)"),
        nu_start: param("1", 0.2014, Finite, "nu at the offset point A (class c2s)"),
        mu1_stop: param("1", -0.07465, Finite, "mu1 at the onset point B (class c2s)"),
        mu2_stop: param("1", 0.3351, Finite, "mu2 at the onset point B (class c2s)"),
        nu_stop: param("1", 0.2053, Finite, "nu at the onset point B (class c2s)"),
        b: param("1", 1.0, Finite, "unfolding type (1: focus)"),
        r_sphere: param("1", 0.4, Positive, "radius R of the path's sphere"),
        c: param("1/ms", 0.001, Positive, "speed of the slow variable"),
        d_star: param("1", 0.3, Finite, "distance threshold of the slow variable's reversal"),
        k_mod: param("1", 0.1, NonNegative, "TVB's stabilising (z - 0.5)^7 term (0: paper)"),
        k_s: param("1", 0.0, Finite, "gain of the node input into the slow equation"),
        z_init: standard::init("1", 0.0, "initial z; (x, y) start at the resting state"),
    },
    state: {
        x: ("1", "fast variable: the output"),
        y: ("1", "fast variable"),
        z: ("1", "slow variable (position on the path, rad)"),
    },
    membrane: x,
    validate: check_path,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// The path's unit vectors E, F and its radius R.
#[derive(Debug, Clone, Copy)]
pub struct Path {
    /// The offset point's direction.
    pub e: [f64; 3],
    /// The unit vector orthogonal to E in the plane of A and B, towards B.
    pub f: [f64; 3],
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

fn unit(a: [f64; 3]) -> [f64; 3] {
    let n = (a[0] * a[0] + a[1] * a[1] + a[2] * a[2]).sqrt();
    [a[0] / n, a[1] / n, a[2] / n]
}

fn points(p: &Parameters) -> ([f64; 3], [f64; 3]) {
    (
        [p.mu2_start, -p.mu1_start, p.nu_start],
        [p.mu2_stop, -p.mu1_stop, p.nu_stop],
    )
}

fn path(p: &Parameters) -> Path {
    let (a, b) = points(p);
    Path {
        e: unit(a),
        f: unit(cross(cross(a, b), a)),
    }
}

/// A and B must be non-zero and not parallel (else the arc is undefined).
fn check_path(params: &crate::Params, object: &str) -> sc_neurocore_core::Result<()> {
    for i in 0..params.len() {
        let (a, b) = points(&Parameters::of(params, i));
        let n = |v: [f64; 3]| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
        if n(a) == 0.0 || n(cross(a, b)) <= 1e-12 * n(a) * n(b) {
            return Err(sc_neurocore_core::Error::Invalid {
                object: object.to_string(),
                message: "the start and stop points of the path must be non-zero and not \
                          parallel"
                    .to_string(),
            });
        }
    }
    Ok(())
}

/// x of the resting state as TVB computes it: Re of Cardano's formula with principal
/// complex cube roots (the largest root where there are three real roots).
pub(crate) fn resting_x(mu1: f64, mu2: f64) -> f64 {
    let disc = mu1 * mu1 / 4.0 - mu2 * mu2 * mu2 / 27.0;
    if disc < 0.0 {
        // Conjugate terms: 2 Re of the principal cube root of mu1/2 + i sqrt(-D), whose
        // modulus is (mu2/3)^(3/2).
        2.0 * (mu2 / 3.0).sqrt() * ((-disc).sqrt().atan2(mu1 / 2.0) / 3.0).cos()
    } else {
        // Real terms; the principal cube root of w < 0 is |w|^(1/3) e^(i pi/3).
        let re_cbrt = |w: f64| {
            if w >= 0.0 {
                w.cbrt()
            } else {
                0.5 * (-w).cbrt()
            }
        };
        let s = disc.sqrt();
        re_cbrt(mu1 / 2.0 + s) + re_cbrt(mu1 / 2.0 - s)
    }
}

/// (mu1, mu2, nu) at position z of the path.
fn unfolding(p: &Parameters, w: &Path, z: f64) -> (f64, f64, f64) {
    let (c, s) = (z.cos(), z.sin());
    let r = p.r_sphere;
    (
        -r * (w.e[1] * c + w.f[1] * s),
        r * (w.e[0] * c + w.f[0] * s),
        r * (w.e[2] * c + w.f[2] * s),
    )
}

impl Dynamics for Model {
    type Consts = (Parameters, Path);

    fn prepare(p: &Parameters, _: f64) -> (Parameters, Path) {
        (*p, path(p))
    }

    fn init((p, w): &(Parameters, Path)) -> Vars {
        let (mu1, mu2, _) = unfolding(p, w, p.z_init);
        Vars {
            x: resting_x(mu1, mu2),
            y: 0.0,
            z: p.z_init,
        }
    }

    #[inline(always)]
    fn step((p, w): &(Parameters, Path), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current;
        let f = |v: Vars| {
            let (mu1, mu2, nu) = unfolding(p, w, v.z);
            let xs = resting_x(mu1, mu2);
            let dist = ((v.x - xs) * (v.x - xs) + v.y * v.y).sqrt();
            Vars {
                x: -v.y,
                y: v.x * v.x * v.x - mu2 * v.x - mu1 - v.y * (nu + p.b * v.x + v.x * v.x),
                z: -p.c * (dist - p.d_star + p.k_mod * (v.z - 0.5).powi(7) + p.k_s * i),
            }
        };
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, |_, _| None);
        s.x += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// The published c2s path: its onset point B lies on the saddle-node curve of the fast
    /// subsystem, 4 mu2^3 = 27 mu1^2 (within 0.1 %), and both A and B on the sphere R = 0.4
    /// (within 0.1 %). The burster's slow variable then swings between the offset (z = 0)
    /// and the onset z_B = angle(A, B) = 0.1322 rad: its maxima over the bursts are within
    /// 10 % of z_B (0.1416: the slow passage past the fold), its minima within 0.1 z_B of
    /// the offset z = 0, and it bursts (distance of (x, y) from rest above d*).
    #[test]
    fn bursts_between_the_published_onset_and_offset() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let (a, b) = points(&p);
        let sn = 4.0 * p.mu2_stop.powi(3) / (27.0 * p.mu1_stop * p.mu1_stop);
        assert!((sn - 1.0).abs() < 1e-3, "{sn}");
        let n = |v: [f64; 3]| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
        assert!((n(a) - 0.4).abs() < 4e-4 && (n(b) - 0.4).abs() < 4e-4);
        let z_b = ((a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (n(a) * n(b))).acos();
        let mut k = kernel(&MODEL, &[], 1, 0.5, 0);
        // Cycles of z: a maximum is recorded when z has fallen 0.02 below its running
        // maximum, a minimum when it has risen 0.02 above its running minimum.
        let (mut hi, mut lo, mut rising) = (f64::MIN, f64::MAX, true);
        let (mut maxima, mut minima, mut dist_max) = (Vec::new(), Vec::new(), 0.0f64);
        for _ in 0..40_000 {
            run(k.as_mut(), 1, 0.0, 0.0);
            let (x, y, z) = (k.var(0)[0], k.var(1)[0], k.var(2)[0]);
            assert!(x.is_finite() && z.is_finite());
            let (mu1, mu2, _) = unfolding(&p, &path(&p), z);
            dist_max = dist_max.max(((x - resting_x(mu1, mu2)).powi(2) + y * y).sqrt());
            if rising {
                hi = hi.max(z);
                if z < hi - 0.02 {
                    (maxima, rising, lo) = ([maxima, vec![hi]].concat(), false, z);
                }
            } else {
                lo = lo.min(z);
                if z > lo + 0.02 {
                    (minima, rising, hi) = ([minima, vec![lo]].concat(), true, z);
                }
            }
        }
        eprintln!("codim3 c2s: z_B = {z_b}, maxima {maxima:?}, minima {minima:?}, dist {dist_max}");
        assert!(maxima.len() >= 2 && minima.len() >= 2, "{maxima:?}");
        assert!(dist_max > p.d_star);
        for m in &maxima {
            assert!((m - z_b).abs() < 0.1 * z_b, "{m} vs {z_b}");
        }
        for m in &minima {
            assert!(m.abs() < 0.1 * z_b, "{m} vs offset 0");
        }
    }
}
