//! Connor–Stevens (1977) model of a crab/mollusc walking-leg axon soma with the transient
//! A-type potassium current, as given by Dayan & Abbott (2001), sec. 6.2 (eq. 6.1-6.2) and
//! its appendix.
//!
//! C_m dV/dt = I + I_e - g_L (V - E_L) - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K)
//!             - g_A a^3 b (V - E_A)
//! dx/dt = alpha_x (1 - x) - beta_x x for x = m, h, n; dx/dt = (x_inf - x) / tau_x for a, b
//! (V in mV, rates in 1/ms):
//!   alpha_m = 0.38 (V + 29.7) / (1 - exp(-0.1 (V + 29.7))),  beta_m = 15.2 exp(-0.0556 (V + 54.7))
//!   alpha_h = 0.266 exp(-0.05 (V + 48)),                      beta_h = 3.8 / (1 + exp(-0.1 (V + 18)))
//!   alpha_n = 0.02 (V + 45.7) / (1 - exp(-0.1 (V + 45.7))),   beta_n = 0.25 exp(-0.0125 (V + 55.7))
//!   a_inf = (0.0761 exp(0.0314 (V + 94.22)) / (1 + exp(0.0346 (V + 1.17))))^(1/3)
//!   tau_a = 0.3632 + 1.158 / (1 + exp(0.0497 (V + 55.96)))
//!   b_inf = (1 + exp(0.0688 (V + 53.3)))^(-4),  tau_b = 1.24 + 2.678 / (1 + exp(0.0624 (V + 50)))
//! Parameters (Dayan & Abbott, per mm^2, here per cm^2): c_m = 10 nF/mm^2 = 1 uF/cm^2,
//! g_L = 0.3, g_Na = 120, g_K = 20, g_A = 47.7 mS/cm^2, E_L = -17, E_Na = 55, E_K = -72,
//! E_A = -75 mV. The A-current delays spiking and lets the rate start from zero at
//! rheobase (type I), unlike Hodgkin–Huxley.
//!
//! Spikes: upward crossing of `v_th` (0 mV), no reset; delta-synapse jumps are added to V at
//! the end of the step. Numerics: Dormand–Prince rk45 (`Tolerance::DEFAULT`, carried step).

use super::traub_miles::{crossing_step, vg};
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "connor_stevens",
    class: "ConnorStevensNeuron",
    summary: "C_m dV/dt = I + I_e - g_L (V - E_L) - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) \
              - g_A a^3 b (V - E_A); HH-type m, h, n and A-current a, b kinetics of Dayan & \
              Abbott (2001) sec. 6.2. Type I: firing starts at zero rate. Spike = upward \
              crossing of v_th (0 mV). rk45.",
    citation: "Connor & Stevens (1971) J. Physiol. 213:31-53; Connor, Walter & McKown (1977) \
               Biophys. J. 18:81-102; form and parameters of Dayan & Abbott (2001) Theoretical \
               Neuroscience, MIT Press, sec. 6.2 and appendix A",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 120.0, NonNegative, "maximal sodium conductance"),
        g_k: param("mS/cm^2", 20.0, NonNegative, "maximal delayed-rectifier potassium conductance"),
        g_a: param("mS/cm^2", 47.7, NonNegative, "maximal A-type potassium conductance"),
        g_l: param("mS/cm^2", 0.3, NonNegative, "leak conductance"),
        e_na: param("mV", 55.0, Finite, "sodium reversal potential"),
        e_k: param("mV", -72.0, Finite, "delayed-rectifier potassium reversal potential"),
        e_a: param("mV", -75.0, Finite, "A-current reversal potential"),
        e_l: param("mV", -17.0, Finite, "leak reversal potential"),
        i_e: param("uA/cm^2", 0.0, Finite, "constant external current density"),
        v_th: param("mV", 0.0, Finite,
            "spike detection level: an upward crossing is one spike (no reset)"),
        v_init: param("mV", -68.0, Finite,
            "initial membrane potential; the gates start at their steady state for it"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
        n: ("1", "delayed-rectifier activation"),
        a: ("1", "A-current activation"),
        b: ("1", "A-current inactivation"),
    },
    membrane: v,
    drive: 20.0,
    build: point,
}

/// alpha/beta of m, h, n and (a_inf, tau_a, b_inf, tau_b) at `v` (mV).
#[inline(always)]
fn rates(v: f64) -> ([f64; 6], [f64; 4]) {
    let v = vg(v);
    (
        [
            3.8 * exprel_inv(-0.1 * (v + 29.7)),
            15.2 * (-0.0556 * (v + 54.7)).exp(),
            0.266 * (-0.05 * (v + 48.0)).exp(),
            3.8 / (1.0 + (-0.1 * (v + 18.0)).exp()),
            0.2 * exprel_inv(-0.1 * (v + 45.7)),
            0.25 * (-0.0125 * (v + 55.7)).exp(),
        ],
        [
            (0.0761 * (0.0314 * (v + 94.22)).exp() / (1.0 + (0.0346 * (v + 1.17)).exp())).cbrt(),
            0.3632 + 1.158 / (1.0 + (0.0497 * (v + 55.96)).exp()),
            (1.0 + (0.0688 * (v + 53.3)).exp()).powi(-4),
            1.24 + 2.678 / (1.0 + (0.0624 * (v + 50.0)).exp()),
        ],
    )
}

fn derivs(p: &Parameters, i: f64, y: Vars) -> Vars {
    let (r, a) = rates(y.v);
    let i_ion = p.g_l * (y.v - p.e_l)
        + p.g_na * y.m.powi(3) * y.h * (y.v - p.e_na)
        + p.g_k * y.n.powi(4) * (y.v - p.e_k)
        + p.g_a * y.a.powi(3) * y.b * (y.v - p.e_a);
    Vars {
        v: (i - i_ion) / p.c_m,
        m: r[0] * (1.0 - y.m) - r[1] * y.m,
        h: r[2] * (1.0 - y.h) - r[3] * y.h,
        n: r[4] * (1.0 - y.n) - r[5] * y.n,
        a: (a[0] - y.a) / a[1],
        b: (a[2] - y.b) / a[3],
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _dt: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let (r, a) = rates(p.v_init);
        Vars {
            v: p.v_init,
            m: r[0] / (r[0] + r[1]),
            h: r[2] / (r[2] + r[3]),
            n: r[4] / (r[4] + r[5]),
            a: a[0],
            b: a[2],
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let (y, fired) = crossing_step(*s, input.dt, aux.h, |y| derivs(p, i, y), |y| y.v, p.v_th);
        *s = y;
        let before = s.v;
        s.v += input.jump;
        fired || (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::{rate_hz, spikes, threshold};
    use super::*;

    /// Dayan & Abbott (2001) Fig. 6.1/6.2: the Connor–Stevens model rests near -68 mV and
    /// its firing rate rises continuously from zero at rheobase (the A-current makes it
    /// type I), whereas Hodgkin–Huxley jumps to ~50 Hz. Just above rheobase (+1 %) the rate
    /// is below 10 Hz; at twice rheobase it is well above that.
    #[test]
    fn rest_and_near_zero_onset_rate() {
        let mut k = super::super::traub_miles::testing::kernel(&MODEL, &[("v_init", -60.0)], 0.1);
        let (_, trace) =
            super::super::traub_miles::testing::run(k.as_mut(), 0, 0.1, 500.0, |_| 0.0);
        let rest = *trace.last().unwrap();
        eprintln!("connor_stevens rest {rest:.2} mV");
        assert!((rest + 68.0).abs() < 1.0, "rest {rest}");
        let fires = |i: f64| spikes(&MODEL, &[], i, 0.1, 3000.0).len() >= 3;
        let rheobase = threshold(0.0, 20.0, 0.005, fires);
        let near = spikes(&MODEL, &[], rheobase * 1.01, 0.1, 4000.0);
        let r_near = rate_hz(&near, 1000.0, 4000.0);
        let far = spikes(&MODEL, &[], rheobase * 2.0, 0.1, 2000.0);
        let r_far = rate_hz(&far, 1000.0, 2000.0);
        eprintln!("rheobase {rheobase:.3} uA/cm^2: {r_near:.2} Hz at +1 %, {r_far:.1} Hz at 2x");
        assert!(r_near > 0.0 && r_near < 10.0, "rate near rheobase {r_near}");
        assert!(
            r_far > 3.0 * r_near.max(10.0),
            "rate at 2x rheobase {r_far}"
        );
    }
}
