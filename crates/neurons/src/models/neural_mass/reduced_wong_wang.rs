//! The single-population reduced Wong–Wang model of Deco et al. (2013), the NMDA gating S of
//! an excitatory pool with its own recurrence, as The Virtual Brain's `ReducedWongWang`:
//!
//! x = w J_N S + I_0 + I,
//! H(x) = (a x - b) / (1 - exp(-d (a x - b))),
//! dS/dt = -S / tau_s + (1 - S) gamma H(x).
//!
//! Currents in nA, H in Hz, t in ms. Defaults: a = 270 /nC, b = 108 Hz, d = 0.154 s,
//! gamma = 0.641 per second of rate (0.641e-3 here), tau_s = 100 ms, J_N = 0.2609 nA (Deco
//! et al. 2013, as TVB: a = 0.270, b = 0.108 kHz, d = 154 ms, gamma = 0.641 in TVB's kHz
//! units), and TVB's w = 0.6 and I_0 = 0.33 nA (TVB's defaults; Deco et al. 2013 use
//! w = 0.9 and I_0 = 0.3 nA). Distinct from `reduced_wong_wang_exc_inh` (Deco et al. 2014:
//! separate E and I pools).
//!
//! The input I (nA, held over the step; in a network J_N sum_j C_ij S_j, TVB's coupling
//! times J_N) is added to x. The removable singularity of H at a x = b is evaluated by its
//! limit 1/d (`exprel_inv`). Delta-synapse jumps are added to S at the end of the step and S
//! is kept in [0, 1] (TVB's state boundaries). Rate unit: emits no spikes; its state `s` is
//! the output. Numerics: RK4 on equal sub-steps of at most 0.1 ms.

use crate::define::*;
use integrate::{exprel_inv, rk4_steps, sub_steps};

crate::model! {
    name: "reduced_wong_wang",
    class: "ReducedWongWangNeuron",
    summary: "Rate unit (emits no spikes; its state S is the output): single-pool reduced \
              Wong-Wang (TVB ReducedWongWang), x = w J_N S + I_0 + I, H = (a x - b)/(1 - \
              exp(-d (a x - b))), dS/dt = -S/tau_s + (1 - S) gamma H. RK4 sub-steps <= 0.1 ms.",
    citation: "Deco, Ponce-Alvarez, Mantini, Romani, Hagmann & Corbetta (2013) J. Neurosci. \
               33:11239-11252; as The Virtual Brain's ReducedWongWang (TVB's w, I_0)",
    input_unit: "nA",
    params: {
        a: param("1/nC", 270.0, Positive, "gain of the transfer function"),
        b: param("Hz", 108.0, Finite, "threshold of the transfer function"),
        d: param("s", 0.154, Positive, "curvature of the transfer function"),
        gamma: param("1/(ms Hz)", 0.641e-3, Positive, "kinetic factor (0.641 per second of rate)"),
        tau_s: param("ms", 100.0, Positive, "NMDA decay time"),
        w: param("1", 0.6, NonNegative, "recurrent excitation weight (TVB; 0.9 in Deco 2013)"),
        j_n: param("nA", 0.2609, NonNegative, "NMDA coupling J_N"),
        i_0: param("nA", 0.33, Finite, "effective external input (TVB; 0.3 in Deco 2013)"),
        s_init: param("1", 0.0, Closed(0.0, 1.0), "initial NMDA gating"),
    },
    state: {
        s: ("1", "NMDA gating variable: the output"),
    },
    membrane: s,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, ms.
const H_MAX: f64 = 0.1;

/// The transfer function H (Hz) at current `x` (nA).
#[inline(always)]
fn rate(p: &Parameters, x: f64) -> f64 {
    exprel_inv(-p.d * (p.a * x - p.b)) / p.d
}

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        Vars { s: p.s_init }
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), st: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let ext = p.i_0 + input.current;
        let f = |y: Vars| Vars {
            s: -y.s / p.tau_s + (1.0 - y.s) * p.gamma * rate(p, p.w * p.j_n * y.s + ext),
        };
        *st = rk4_steps(*st, input.dt, *n, f);
        st.s = (st.s + input.jump).clamp(0.0, 1.0);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// The fixed point S* solves S / tau_s = (1 - S) gamma H(w J_N S + I_0 + I); found by
    /// bisection on [0, 1] (one root: the right-hand side falls from gamma H(I_0 + I) > 0 to
    /// -1/tau_s). With TVB's defaults and with I = 0.1 nA the node settles there within
    /// 1e-6 relative (S* = 0.0980 at the defaults).
    #[test]
    fn settles_at_the_fixed_point() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        for input in [0.0, 0.1] {
            let g = |s: f64| {
                -s / p.tau_s + (1.0 - s) * p.gamma * rate(&p, p.w * p.j_n * s + p.i_0 + input)
            };
            let (mut lo, mut hi) = (0.0, 1.0);
            for _ in 0..200 {
                let m = 0.5 * (lo + hi);
                if g(m) > 0.0 { lo = m } else { hi = m }
            }
            let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
            run(k.as_mut(), 60_000, input, 0.0);
            let s = k.var(0)[0];
            eprintln!("reduced Wong-Wang I = {input}: S = {s} vs {lo}");
            assert!((s - lo).abs() < 1e-6 * lo, "{s} vs {lo}");
        }
    }
}
