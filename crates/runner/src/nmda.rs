//! NMDA synapses: the presynaptic gating variables, their jump at a spike, and the Mg2+ block.
//!
//! # The model (Wang 1999, 2002; Brunel & Wang 2001)
//!
//! Each presynaptic neuron `j` drives all its NMDA synapses with one gating variable:
//!
//! ```text
//! dx_j/dt = -x_j / tau_rise + sum_k delta(t - t_j^k)
//! ds_j/dt = -s_j / tau_decay + alpha x_j (1 - s_j)
//! I_NMDA  = g (V - E) / (1 + [Mg2+] exp(-0.062 V) / 3.57) sum_j w_j s_j(t - d_j)
//! ```
//!
//! The saturating term `x_j (1 - s_j)` makes every synapse nonlinear, so the exact model
//! integrates each presynaptic neuron's `s_j` separately (NEST's `iaf_bw_2001_exact` even
//! integrates each synapse).
//!
//! # The approximation (NEST's `iaf_bw_2001`, Skaar & Plesser 2024)
//!
//! Between two spikes of `j`, `s_j` is replaced by a pure exponential decay with
//! `tau_decay`, and each spike makes it jump by
//!
//! ```text
//! Δs_j = k0 + k1 s_j^-,   k1 = exp(-alpha tau_rise) - 1,
//! k0 = (alpha tau_rise)^(tau_rise / tau_decay) γ(1 - tau_rise / tau_decay, alpha tau_rise),
//! ```
//!
//! with `s_j^-` the decayed value just before the spike and γ the lower incomplete gamma
//! function: the jump that makes the exponential equal the exact solution long after the
//! spike, assuming `x_j` has decayed before the next spike (`tau_rise` << inter-spike
//! interval). Since the jump is the same for every target of `j`, it travels with the
//! spike: each synapse adds `w Δs_j` to its target's NMDA conductance, which then decays
//! linearly with `tau_decay`, so a target needs one NMDA channel whatever its number of
//! inputs. Saturation is kept (the jump shrinks as `s_j` grows: `s_j` stays below
//! `k0 / (-k1)`); the rise (2 ms in Wang 2002) is not (the conductance jumps).
//!
//! # Here
//!
//! [`NmdaGating`] keeps `s_j` and the step of `j`'s last spike for one source population and
//! one set of (`tau_rise`, `tau_decay`, `alpha`). The engine advances it once per step, in
//! step order, with the spikes every rank receives, so the jumps are the same on every
//! thread, rank and backend (the Python backend calls this same code); the routing then
//! scales each synapse's weight by its source's jump.

/// Jahr & Stevens (1990) Mg2+ block of the NMDA conductance at `v` mV with `mg` mM of
/// extracellular Mg2+: `1 / (1 + mg exp(-0.062 v) / 3.57)`, as Wang (2002) and NEST's
/// `iaf_bw_2001` use it. The exponent is capped at 700 so that a membrane far below rest
/// (v < -11,290 mV) gives a full block rather than an overflow.
#[inline]
pub fn mg_block(v: f64, mg: f64) -> f64 {
    1.0 / (1.0 + mg * (-0.062 * v).min(700.0).exp() / 3.57)
}

/// The jump constants `(k0, k1)` of the gating (module docs) for `tau_rise < tau_decay`
/// (seconds) and `alpha` (1/s): `k1 = exp(-alpha tau_rise) - 1`,
/// `k0 = (alpha tau_rise)^r γ(1 - r, alpha tau_rise)` with `r = tau_rise / tau_decay`.
pub fn jump_constants(tau_rise: f64, tau_decay: f64, alpha: f64) -> (f64, f64) {
    let x = alpha * tau_rise;
    let r = tau_rise / tau_decay;
    let k1 = (-x).exp_m1();
    let k0 = x.powf(r) * lower_gamma(1.0 - r, x);
    (k0, k1)
}

/// Γ(z) for z in [1, 2] (Lanczos, g = 7, n = 9: relative error below 2e-15 there).
fn gamma_1_2(z: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let z = z - 1.0;
    let mut a = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (z + i as f64);
    }
    let t = z + G + 0.5;
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(z + 0.5) * (-t).exp() * a
}

/// The lower incomplete gamma function γ(a, x) = ∫_0^x t^(a-1) e^(-t) dt for a in (0, 1],
/// x > 0: the series for x < a + 1, else Γ(a) minus the continued fraction of Γ(a, x)
/// (modified Lentz; Press et al., Numerical Recipes, 3rd ed., §6.2). Relative error ~1e-14.
fn lower_gamma(a: f64, x: f64) -> f64 {
    const EPS: f64 = 1e-16;
    const TINY: f64 = 1e-300;
    let prefactor = (a * x.ln() - x).exp();
    if x < a + 1.0 {
        let (mut term, mut sum, mut n) = (1.0 / a, 1.0 / a, a);
        for _ in 0..10_000 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * EPS {
                break;
            }
        }
        sum * prefactor
    } else {
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < EPS {
                break;
            }
        }
        // Γ(a) = Γ(a + 1) / a, with a + 1 in (1, 2].
        gamma_1_2(a + 1.0) / a - prefactor * h
    }
}

/// One NMDA gating group: a source population and the presynaptic parameters of its NMDA
/// synapses (`tau_rise`, `tau_decay` in seconds, `alpha` in 1/s).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GatingGroup {
    pub source: usize,
    pub tau_rise: f64,
    pub tau_decay: f64,
    pub alpha: f64,
}

impl GatingGroup {
    /// Its gating variables, all at zero, on a grid of `dt` seconds.
    pub fn gating(&self, net: &crate::Network, dt: f64) -> NmdaGating {
        let n = net.populations[self.source].n;
        NmdaGating::new(n, self.tau_rise, self.tau_decay, self.alpha, dt)
    }
}

/// The NMDA gating groups of `net`, one per (source population, `tau_rise`, `tau_decay`,
/// `alpha`) among its NMDA projections in order of first use, and each projection's group
/// (`None` for other kinds).
pub(crate) fn groups(net: &crate::Network) -> (Vec<GatingGroup>, Vec<Option<usize>>) {
    let mut groups: Vec<GatingGroup> = Vec::new();
    let mut of_projection = Vec::with_capacity(net.projections.len());
    for pr in &net.projections {
        let crate::SynapseKind::Nmda {
            tau_rise,
            tau_decay,
            alpha,
            ..
        } = pr.synapse
        else {
            of_projection.push(None);
            continue;
        };
        let group = GatingGroup {
            source: pr.source,
            tau_rise,
            tau_decay,
            alpha,
        };
        let g = groups.iter().position(|k| *k == group).unwrap_or_else(|| {
            groups.push(group);
            groups.len() - 1
        });
        of_projection.push(Some(g));
    }
    (groups, of_projection)
}

/// The gating variables of one source population's NMDA synapses of one kind (module docs).
#[derive(Debug, Clone)]
pub struct NmdaGating {
    k0: f64,
    k1: f64,
    /// dt / tau_decay: the decay exponent per step.
    per_step: f64,
    /// Each source's gating just after its last spike.
    s: Vec<f64>,
    /// The step of each source's last spike (0 before the first: `s` is then 0).
    last: Vec<u64>,
}

impl NmdaGating {
    /// Gating variables at zero for `n` sources of NMDA synapses with `tau_rise <
    /// tau_decay` (seconds) and `alpha` (1/s), on a grid of `dt` seconds.
    pub fn new(n: usize, tau_rise: f64, tau_decay: f64, alpha: f64, dt: f64) -> Self {
        let (k0, k1) = jump_constants(tau_rise, tau_decay, alpha);
        NmdaGating {
            k0,
            k1,
            per_step: dt / tau_decay,
            s: vec![0.0; n],
            last: vec![0; n],
        }
    }

    /// `(k0, k1)` of these synapses.
    pub fn constants(&self) -> (f64, f64) {
        (self.k0, self.k1)
    }

    /// The jump of source `i`'s gating at its spike emitted in step `step` (steps ascending
    /// per source), which becomes its new state. Δs = k0 + k1 s^-, with s^- the state
    /// after the last spike decayed over the steps between the two spikes (NEST's
    /// `iaf_bw_2001::update`).
    #[inline]
    pub fn spike(&mut self, step: u64, i: usize) -> f64 {
        let elapsed = step.saturating_sub(self.last[i]) as f64;
        let before = self.s[i] * (-elapsed * self.per_step).exp();
        let jump = self.k0 + self.k1 * before;
        self.s[i] = before + jump;
        self.last[i] = step;
        jump
    }

    /// Each source's gating just after its last spike (not decayed to now).
    pub fn states(&self) -> &[f64] {
        &self.s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// k0 against mpmath (`x**r * gammainc(1 - r, 0, x)` at 30 digits) for Wang's
    /// parameters and others on both branches of `lower_gamma` (x < a + 1 and above).
    #[test]
    fn k0_matches_the_incomplete_gamma_function() {
        let cases = [
            (2e-3, 100e-3, 500.0, 0.648_416_739_116_325_7),
            (1e-3, 50e-3, 2000.0, 0.891_710_663_747_438_8),
            (5e-3, 80e-3, 100.0, 0.423_175_423_204_551_7),
            (2e-3, 100e-3, 100_000.0, 1.125_067_345_909_171_6),
            (0.5e-3, 10e-3, 3000.0, 0.834_362_030_646_693_3),
            (2e-3, 100e-3, 400_000.0, 1.156_697_294_248_463),
            (10e-3, 11e-3, 50.0, 5.297_648_927_901_324),
        ];
        for (tr, td, alpha, k0) in cases {
            let (got, k1) = jump_constants(tr, td, alpha);
            assert!(
                (got / k0 - 1.0).abs() < 1e-12,
                "tau_rise {tr}, tau_decay {td}, alpha {alpha}: k0 = {got}, mpmath {k0}"
            );
            assert!((k1 - (-alpha * tr).exp_m1()).abs() < 1e-15);
        }
    }

    /// The first spike jumps by k0; regular spikes every T steps drive s to the fixed point
    /// of s = (s e^(-T dt / tau) (1 + k1) + k0), i.e. s* = k0 / (1 - (1 + k1) e^(-T dt/tau)),
    /// and the jump to s* (1 - e^(-T dt / tau)): saturation.
    #[test]
    fn regular_spikes_saturate_at_the_fixed_point() {
        let dt = 1e-4;
        let mut g = NmdaGating::new(1, 2e-3, 100e-3, 500.0, dt);
        let (k0, k1) = g.constants();
        assert_eq!(g.spike(10, 0), k0);
        let period = 100; // 10 ms: 100 Hz
        let mut jump = 0.0;
        for n in 1..200 {
            jump = g.spike(10 + n * period, 0);
        }
        let e = (-(period as f64) * dt / 100e-3).exp();
        let s_star = k0 / (1.0 - (1.0 + k1) * e);
        assert!((g.states()[0] / s_star - 1.0).abs() < 1e-12);
        assert!((jump / (s_star * (1.0 - e)) - 1.0).abs() < 1e-12);
        // Saturated: at 100 Hz (s* = 0.972) a spike adds a seventh of the first one's jump.
        assert!(
            (0.97..0.975).contains(&s_star) && jump < 0.15 * k0,
            "{s_star} {jump}"
        );
    }

    #[test]
    fn mg_block_is_jahr_and_stevens() {
        // 1 / (1 + exp(4.34) / 3.57) at -70 mV, 1 mM.
        assert!((mg_block(-70.0, 1.0) - 0.044_470_720_321_356).abs() < 1e-14);
        assert_eq!(mg_block(-20.0, 0.0), 1.0);
        assert!(mg_block(-1e6, 1.0) < 1e-300);
    }
}
