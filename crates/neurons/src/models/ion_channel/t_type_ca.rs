//! The low-threshold spike (LTS) of thalamic relay neurons from a T-type calcium current and
//! a leak alone: Wang, Rinzel & Rogawski (1991). The T current has m^3 h activation and a
//! two-step inactivation (h <-> s <-> d: fast inactivation, slow recovery), fitted to the
//! voltage-clamp data of Coulter et al. (1989).
//!
//! C dV/dt = I + I_e - g_T m^3 h (V - E_Ca) - g_L (V - E_L)
//! dm/dt = phi_m (m_inf(V) - m) / tau_m(V),  m_inf = 1/(1 + exp(-(V + 63)/7.8)),
//!   tau_m = m_inf(V) (1.7 + exp(-(V + 28.8)/13.5))
//! dh/dt = phi_h alpha_1(V) (s - K(V) h),  dd/dt = phi_h alpha_2(V) (K(V) s - d),  s = 1 - h - d
//!   alpha_1 = exp(-(V + 160.3)/17.8),  K = sqrt(0.25 + exp((V + 83.5)/6.3)) - 0.5,
//!   alpha_2 = (1 + exp((V + 37.4)/30)) / (240 (1 + K))        (rates 1/ms, V in mV)
//! Defaults (current-clamp simulations of the paper, as in ModelDB 53893): g_T = 0.2,
//! g_L = 0.1 mS/cm^2, E_Ca = 120, E_L = -65 mV, C = 1 uF/cm^2, temperature factors
//! phi_m = 5, phi_h = 3 (the kinetics were fitted at 22-24 °C). The resting potential is
//! -63 mV (the paper's abstract). On release from a hyperpolarising step the de-inactivated
//! T current produces a rebound LTS whose amplitude is a sigmoid function of the
//! hyperpolarisation; there is no Na current (the paper shows none is needed for the LTS).
//! The exponents are clamped at 700, so the rates stay finite for any V.
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Events: an upward crossing of `v_th` (default -40 mV, crossed by the LTS after a
//! hyperpolarisation of about 2 uA/cm^2 or more, or by a sustained depolarisation) inside
//! the step or by a delta-synapse jump is one spike; no reset. Delta-synapse jumps are added
//! to V at the end of the step.

use crate::define::*;

crate::model! {
    name: "t_type_ca",
    class: "TTypeCaNeuron",
    summary: "T-current + leak (low-threshold spike): C dV/dt = I + I_e - g_T m^3 h (V - E_Ca) - \
              g_L (V - E_L); m relaxes to m_inf(V); two-step inactivation h <-> s <-> d with \
              Wang-Rinzel-Rogawski rates. Rebound LTS after hyperpolarisation. Spike = upward \
              crossing of v_th (no reset). Dormand-Prince rk45.",
    citation: "Wang, Rinzel & Rogawski (1991) J. Neurophysiol. 66:839-850; current-clamp \
               parameters as in ModelDB 53893",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_t: param("mS/cm^2", 0.2, NonNegative, "maximal T-type calcium conductance"),
        e_ca: param("mV", 120.0, Finite, "calcium reversal potential"),
        g_l: param("mS/cm^2", 0.1, Positive, "leak conductance"),
        e_l: param("mV", -65.0, Finite, "leak reversal potential"),
        phi_m: param("1", 5.0, Positive, "temperature factor of the activation rates"),
        phi_h: param("1", 3.0, Positive, "temperature factor of the inactivation rates"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -40.0, Finite, "event detection level: an upward crossing is one spike"),
        v_init: param("mV", -63.0, Finite, "initial membrane potential; gates start at steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "T-current activation"),
        h: ("1", "T-current availability (open-able state)"),
        d: ("1", "T-current deep (slowly recovering) inactivated state"),
    },
    membrane: v,
    drive: 5.0,
    build: point,
}

/// exp(x) with x clamped at 700.
#[inline(always)]
fn ex(x: f64) -> f64 {
    x.min(700.0).exp()
}

/// m_inf(V), tau_m(V) (ms, before phi_m), alpha_1, K, alpha_2 (1/ms, before phi_h).
#[inline(always)]
fn kinetics(v: f64) -> (f64, f64, f64, f64, f64) {
    let m_inf = 1.0 / (1.0 + ex(-(v + 63.0) / 7.8));
    let tau_m = m_inf * (1.7 + ex(-(v + 28.8) / 13.5));
    let k = (0.25 + ex((v + 83.5) / 6.3)).sqrt() - 0.5;
    let alpha_1 = ex(-(v + 160.3) / 17.8);
    let alpha_2 = (1.0 + ex((v + 37.4) / 30.0)) / (240.0 * (1.0 + k));
    (m_inf, tau_m, alpha_1, k, alpha_2)
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let (m_inf, _, _, k, _) = kinetics(p.v_init);
        let z = 1.0 + k + k * k;
        Vars {
            v: p.v_init,
            m: m_inf,
            h: 1.0 / z,
            d: k * k / z,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let (m_inf, tau_m, alpha_1, k, alpha_2) = kinetics(y.v);
            let open = 1.0 - y.h - y.d;
            Vars {
                v: (i - p.g_t * y.m * y.m * y.m * y.h * (y.v - p.e_ca) - p.g_l * (y.v - p.e_l))
                    / p.c_m,
                m: p.phi_m * (m_inf - y.m) / tau_m,
                h: p.phi_h * alpha_1 * (open - k * y.h),
                d: p.phi_h * alpha_2 * (k * open - y.d),
            }
        };
        let mut fired = false;
        *s = integrate::rk45(*s, input.dt, aux.h, Tolerance::DEFAULT, f, |a, b| {
            fired |= a.v < p.v_th && b.v >= p.v_th;
            None
        });
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::persistent_na::testing::run;
    use super::*;

    /// "With V_L = -65 mV, the calculated resting membrane potential is -63 mV" (Wang et al.
    /// 1991, abstract): from -70 mV the cell settles within 0.5 mV of -63 mV.
    #[test]
    fn rests_at_minus_sixty_three() {
        let (spikes, v) = run(&MODEL, &[("v_init", -70.0)], 0.1, 3000.0, |_| 0.0);
        assert!(spikes.is_empty());
        let last = *v.last().unwrap();
        eprintln!("WRR resting potential: {last:.2} mV");
        assert!((last + 63.0).abs() < 0.5, "{last}");
    }

    /// The rebound LTS after a 500 ms hyperpolarising step grows monotonically with the step
    /// and saturates (a sigmoid, paper's item 6): small after -1, an LTS crossing -40 mV
    /// after -2.5, and nearly the same peak after -6 and -8 uA/cm^2.
    #[test]
    fn rebound_lts_is_a_sigmoid_of_the_hyperpolarisation() {
        let peak = |amp: f64| {
            let dt = 0.05;
            let (spikes, v) = run(
                &MODEL,
                &[],
                dt,
                800.0,
                |t| if t < 500.0 { amp } else { 0.0 },
            );
            let after = &v[(500.0 / dt) as usize..];
            (after.iter().cloned().fold(f64::MIN, f64::max), spikes.len())
        };
        let levels = [-1.0, -2.0, -2.5, -4.0, -6.0, -8.0];
        let peaks: Vec<(f64, usize)> = levels.iter().map(|&a| peak(a)).collect();
        eprintln!("WRR rebound peaks: {peaks:?}");
        for w in peaks.windows(2) {
            assert!(w[1].0 >= w[0].0 - 1e-6);
        }
        assert!(peaks[0].0 < -55.0 && peaks[0].1 == 0);
        assert!(peaks[2].0 > -40.0 && peaks[2].1 == 1);
        assert!((peaks[5].0 - peaks[4].0).abs() < 1.0);
    }
}
