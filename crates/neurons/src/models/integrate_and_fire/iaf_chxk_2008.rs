//! Conductance-based leaky integrate-and-fire neuron with a spike-triggered
//! after-hyperpolarization conductance and no reset (Casti et al. 2008; NEST
//! `iaf_chxk_2008`):
//!
//! C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) - g_ahp (V - E_ahp) + I + I_e
//! alpha conductances: dD_x/dt = -D_x/tau_x, dg_x/dt = D_x - g_x/tau_x (x = ex, in, ahp)
//!
//! An upward crossing of V_th is a spike; V is not reset. At the crossing (located by linear
//! interpolation within the integrator's step, as NEST interpolates within the network
//! step) the AHP starts: D_ahp += G_ahp e/tau_ahp, so that g_ahp peaks at G_ahp tau_ahp
//! later. NEST's `ahp_bug` switch (reproducing the original code's reset of the AHP instead
//! of summation) is not offered: AHPs add up.
//!
//! A weight w (nS) adds |w| e/tau_syn_x to D_x, x = ex if w > 0 and in if w < 0 (NEST's
//! split by sign; the engine sums the weights arriving in one step before the model sees
//! them): a conductance transient of peak |w| at t = tau_syn_x.
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (NEST: GSL RKF45).

use crate::define::*;

crate::model! {
    name: "iaf_chxk_2008",
    class: "IafChxk2008Neuron",
    summary: "C_m dV/dt = -g_L (V - E_L) - g_ex (V - E_ex) - g_in (V - E_in) - g_ahp (V - E_ahp) \
              + I + I_e with alpha conductances; an upward crossing of V_th is a spike (no \
              reset) and starts an alpha AHP conductance of peak G_ahp. rk45 (NEST \
              iaf_chxk_2008).",
    citation: "Casti, Hayot, Xiao & Kaplan (2008) J. Comput. Neurosci. 24:235; NEST \
               iaf_chxk_2008 (defaults)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(1000.0),
        g_l: standard::g_l(100.0),
        e_l: standard::e_l(-60.0),
        v_th: param("mV", -45.0, Finite, "spike detection level (upward crossing; no reset)"),
        e_ex: param("mV", 20.0, Finite, "excitatory reversal potential"),
        e_in: param("mV", -90.0, Finite, "inhibitory reversal potential"),
        tau_syn_ex: param("ms", 1.0, Positive, "excitatory conductance rise time (peak time)"),
        tau_syn_in: param("ms", 1.0, Positive, "inhibitory conductance rise time (peak time)"),
        g_ahp: param("nS", 443.8, NonNegative, "peak AHP conductance"),
        tau_ahp: param("ms", 0.5, Positive, "AHP conductance rise time (peak time)"),
        e_ahp: param("mV", -95.0, Finite, "AHP reversal potential"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-60.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        dg_ex: ("nS/ms", "excitatory alpha-conductance derivative term"),
        g_ex: ("nS", "excitatory synaptic conductance"),
        dg_in: ("nS/ms", "inhibitory alpha-conductance derivative term"),
        g_in: ("nS", "inhibitory synaptic conductance"),
        dg_ahp: ("nS/ms", "AHP alpha-conductance derivative term"),
        g_ahp: ("nS", "AHP conductance"),
    },
    membrane: v,
    delta_input: "adds w e/tau_syn_ex to dg_ex (w > 0) or -w e/tau_syn_in to dg_in (w < 0): \
                  an alpha conductance of peak |w|, nS",
    drive: 3000.0,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i_ext = input.current + p.i_e;
        let e = std::f64::consts::E;
        let mut spiked = false;
        *s = integrate::rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            |y| {
                let v = y.v;
                let i = -p.g_l * (v - p.e_l)
                    - y.g_ex * (v - p.e_ex)
                    - y.g_in * (v - p.e_in)
                    - y.g_ahp * (v - p.e_ahp)
                    + i_ext;
                Vars {
                    v: i / p.c_m,
                    dg_ex: -y.dg_ex / p.tau_syn_ex,
                    g_ex: y.dg_ex - y.g_ex / p.tau_syn_ex,
                    dg_in: -y.dg_in / p.tau_syn_in,
                    g_in: y.dg_in - y.g_in / p.tau_syn_in,
                    dg_ahp: -y.dg_ahp / p.tau_ahp,
                    g_ahp: y.dg_ahp - y.g_ahp / p.tau_ahp,
                }
            },
            |a, b| {
                if !(a.v < p.v_th && b.v >= p.v_th) {
                    return None;
                }
                spiked = true;
                let theta = (p.v_th - a.v) / (b.v - a.v);
                let at = a * (1.0 - theta) + b * theta;
                Some((
                    theta,
                    // V exactly at (not below) threshold, so that the restart is not
                    // taken for a second crossing.
                    Vars {
                        v: at.v.max(p.v_th),
                        dg_ahp: at.dg_ahp + p.g_ahp * e / p.tau_ahp,
                        ..at
                    },
                ))
            },
        );
        s.dg_ex += input.jump.max(0.0) * e / p.tau_syn_ex;
        s.dg_in -= input.jump.min(0.0) * e / p.tau_syn_in;
        spiked
    }
}

#[cfg(test)]
mod tests {
    use super::super::iaf_cond_exp::tests::conductance_peak;
    use super::super::testing::spike_times;
    use super::*;

    /// Before its first spike the model is a LIF without reset: rheobase
    /// g_L (V_th - E_L) = 1500 pA at the NEST defaults, first spike at
    /// tau ln(R I / (R I - (V_th - E_L))), tau = C_m/g_L = 10 ms.
    #[test]
    fn rheobase_and_first_spike_match_the_closed_form() {
        assert!(spike_times(&MODEL, &[], 0.99 * 1500.0, 0.1, 500.0).is_empty());
        let times = spike_times(&MODEL, &[], 1.01 * 1500.0, 0.1, 1000.0);
        assert!(!times.is_empty());
        let dt = 0.01;
        let t1 = spike_times(&MODEL, &[], 3000.0, dt, 50.0)[0];
        let expected = 10.0 * (30.0f64 / 15.0).ln();
        assert!(
            t1 >= expected - 1e-6 && t1 <= expected + dt + 1e-6,
            "{t1} vs {expected}"
        );
    }

    /// A spike starts an AHP conductance that peaks at G_ahp (443.8 nS) tau_ahp after the
    /// crossing.
    #[test]
    fn ahp_peaks_at_g_ahp() {
        let mut k = super::super::testing::kernel(&MODEL, &[], 0.001);
        let fired = super::super::testing::hold(k.as_mut(), 3000.0, 7000);
        assert_eq!(fired.len(), 1, "one spike in 7 ms");
        let mut peak = 0.0f64;
        for _ in 0..1500 {
            assert!(super::super::testing::hold(k.as_mut(), 3000.0, 1).is_empty());
            peak = peak.max(k.var(6)[0]);
        }
        assert!((peak - 443.8).abs() < 0.5, "{peak}");
        let (_, g) = conductance_peak(&MODEL, &[], 2.0, 2, 0.001);
        assert!((g - 2.0).abs() < 1e-4);
    }
}
