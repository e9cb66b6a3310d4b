//! Binary neuron with an error-function gain: NEST's `erfc_neuron` (`binary_neuron` with
//! `gainfunction_erfc`): a McCulloch–Pitts unit with Gaussian noise of standard deviation
//! sigma on its input (Ginzburg & Sompolinsky 1994; McCulloch & Pitts 1943).
//!
//! The state y is 0 or 1, updated at Poisson times of mean interval tau_m (the neuron's
//! random stream); at each update y = 1 with probability
//!   g(h) = erfc(-(h - theta) / (sqrt(2) sigma)) / 2   (NEST's code: increasing in h),
//! else 0. A 0 -> 1 transition is a spike. Input h = h_syn + I as in `ginzburg_neuron`
//! (shared update, [`binary_step`](super::ginzburg_neuron)): `input.current` is held over
//! the step, a delta-synapse weight w adds w to the persistent field h_syn.
//!
//! erfc is computed with the Chebyshev fit of Press et al. (Numerical Recipes, 2nd ed.,
//! sec. 6.2, `erfcc`; fractional error below 1.2e-7 everywhere).
//!
//! At h = theta = 0 the default gain is 1/2: declared `spontaneous`.

use super::ginzburg_neuron::binary_step;
use crate::define::*;

crate::model! {
    name: "erfc_neuron",
    class: "ErfcNeuron",
    summary: "Binary unit y in {0, 1} updated at Poisson times of mean interval tau_m: y = 1 \
              with probability g(h) = erfc(-(h - theta)/(sqrt(2) sigma))/2; a 0 -> 1 \
              transition is a spike (NEST erfc_neuron).",
    citation: "Ginzburg & Sompolinsky (1994) Phys. Rev. E 50:3171; McCulloch & Pitts (1943) \
               Bull. Math. Biophys. 5:115; NEST 3.10 erfc_neuron (defaults)",
    input_unit: "1",
    params: {
        tau_m: param("ms", 10.0, Positive, "mean interval between updates"),
        theta: param("1", 0.0, Finite, "threshold of the gain function"),
        sigma: param("1", 1.0, Positive, "standard deviation of the input noise"),
    },
    state: {
        y: ("1", "binary state (0 or 1)"),
        h: ("1", "summed synaptic input field h_syn"),
        t_next: ("ms", "time to the next update (negative: not yet drawn)"),
    },
    membrane: y,
    delta_input: "added to the persistent input field h (NEST sends +w at a presynaptic 0 -> 1 \
                  and -w at a 1 -> 0 transition)",
    no_drive: NoDrive::BinaryUnit,
    spontaneous: "binary unit: with no input it becomes active with probability g(0) = 1/2 at \
                  each of its Poisson update times",
    stochastic: true,
    build: point,
}

/// The complementary error function (Numerical Recipes `erfcc`, fractional error < 1.2e-7).
pub(crate) fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(_: &Parameters) -> Vars {
        Vars {
            y: 0.0,
            h: 0.0,
            t_next: -1.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let scale = -1.0 / (std::f64::consts::SQRT_2 * p.sigma);
        let gain = |h: f64| 0.5 * erfc(scale * (h - p.theta));
        binary_step(
            p.tau_m,
            gain,
            (&mut s.y, &mut s.h, &mut s.t_next),
            input,
            aux,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::lin_rate::testing::{kernel, run};
    use super::*;

    /// erfc against tabulated values (Abramowitz & Stegun Table 7.1: erf 0.5 = 0.5204999,
    /// erf 1 = 0.8427008, erf 2 = 0.9953223).
    #[test]
    fn erfc_matches_the_table() {
        for &(x, erf) in &[(0.5, 0.520_499_9), (1.0, 0.842_700_8), (2.0, 0.995_322_3)] {
            assert!((erfc(x) - (1.0 - erf)).abs() < 1e-6, "{x}");
            assert!((erfc(-x) - (1.0 + erf)).abs() < 1e-6, "{x}");
        }
    }

    /// The time average of y is g(h) = Phi((h - theta)/sigma), the normal CDF: 0.84134 at
    /// h = sigma (one standard deviation above threshold), 0.15866 at h = -sigma.
    #[test]
    fn mean_activity_is_the_normal_cdf() {
        for &(h, g) in &[(1.0, 0.841_345), (-1.0, 0.158_655)] {
            let mut k = kernel(&MODEL, &[], 0.2, 9);
            let (_, mean) = run(k.as_mut(), h, 1_000_000);
            assert!((mean - g).abs() < 0.015, "h = {h}: mean {mean} vs {g}");
        }
    }
}
