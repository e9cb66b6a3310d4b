//! Exponential integrate-and-fire neuron (Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel
//! 2003), with the parameter names and defaults of NEST's aeif models without adaptation.
//!
//! C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) + I(t) + I_e
//!
//! V >= V_peak emits a spike, V = V_reset, clamped for t_ref. Under a constant current the
//! model fires repetitively above the rheobase I_rh = g_L (V_T - E_L - Delta_T), where the
//! stable and unstable fixed points merge at V = V_T.
//!
//! Integration: the AdEx dynamics (`adex`) with a = b = 0 and no w, i.e. the Dormand–Prince
//! RK45 with error control, the right-hand side reading min(V, V_peak) and the reset located
//! inside the step; see `adex` for the spike and refractory handling.

use super::adex;
use crate::Params;
use crate::define::*;
use sc_neurocore_core::Result;

crate::model! {
    name: "exp_if",
    class: "ExpIFNeuron",
    summary: "C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) + I + I_e; \
              V >= V_peak -> spike, V = V_reset, clamped for t_ref. Dormand-Prince RK45 with \
              error control (tolerance 1e-6), resets located inside the step.",
    citation: "Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel (2003) J. Neurosci. 23:11628; \
               parameters as NEST aeif_psc_delta without adaptation",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(281.0),
        g_l: standard::g_l(30.0),
        e_l: param("mV", -70.6, Finite, "leak reversal (resting) potential"),
        v_t: param("mV", -50.4, Finite,
            "threshold of the exponential term (NEST V_th), where dV/dt is smallest"),
        delta_t: param("mV", 2.0, Positive, "slope factor (sharpness of spike initiation)"),
        v_peak: param("mV", 0.0, Finite, "spike detection potential"),
        v_reset: standard::v_reset(-60.0),
        t_ref: standard::t_ref(0.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.6),
    },
    state: {
        v: ("mV", "membrane potential"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_reset < v_peak, v_t < v_peak],
    validate: exp_limit,
    drive: 1000.0,
    build: point,
}

/// (V_peak - V_T)/Delta_T <= 500, as `adex`.
fn exp_limit(p: &Params, object: &str) -> Result<()> {
    let q = ParamArrays::of(p);
    adex::check_exp_limit(p.len(), object, q.v_peak, q.v_t, q.delta_t)
}

/// The AdEx model without adaptation: a = b = 0, 1/tau_w = 0, and w stays 0.
impl Dynamics for Model {
    type Consts = adex::Consts;

    fn prepare(p: &Parameters, h: f64) -> adex::Consts {
        let adaptive = adex::Parameters {
            c_m: p.c_m,
            g_l: p.g_l,
            e_l: p.e_l,
            v_t: p.v_t,
            delta_t: p.delta_t,
            tau_w: f64::INFINITY,
            a: 0.0,
            b: 0.0,
            v_reset: p.v_reset,
            v_peak: p.v_peak,
            t_ref: p.t_ref,
            i_e: p.i_e,
            v_init: p.v_init,
            w_init: 0.0,
        };
        <adex::Model as Dynamics>::prepare(&adaptive, h)
    }

    fn init(c: &adex::Consts) -> Vars {
        let s = <adex::Model as Dynamics>::init(c);
        Vars {
            v: s.v,
            refractory: s.refractory,
        }
    }

    #[inline(always)]
    fn step(c: &adex::Consts, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let mut full = adex::Vars {
            v: s.v,
            w: 0.0,
            refractory: s.refractory,
        };
        let fired = <adex::Model as Dynamics>::step(c, &mut full, input, aux);
        (s.v, s.refractory) = (full.v, full.refractory);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// The rheobase of the EIF is I_rh = g_L (V_T - E_L - Delta_T) (the current at which the
    /// two fixed points merge at V = V_T): 1 % below it the neuron never fires, 1 % above it
    /// it fires repetitively. Checked for the defaults and a second parameter set.
    #[test]
    fn rheobase_matches_the_analytic_value() {
        let sets: [&[(&str, f64)]; 2] = [
            &[],
            &[
                ("c_m", 200.0),
                ("g_l", 10.0),
                ("e_l", -65.0),
                ("v_t", -52.0),
                ("delta_t", 3.5),
            ],
        ];
        for given in sets {
            let get = |name: &str| {
                given
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map_or_else(|| MODEL.param(name).unwrap().default, |&(_, v)| v)
            };
            let i_rh = get("g_l") * (get("v_t") - get("e_l") - get("delta_t"));
            let below = spike_times(&MODEL, given, 0.99 * i_rh, 0.1, 2000.0);
            assert!(
                below.is_empty(),
                "{given:?}: fired below rheobase at {below:?}"
            );
            let above = spike_times(&MODEL, given, 1.01 * i_rh, 0.1, 2000.0);
            assert!(above.len() >= 3, "{given:?}: {above:?} above rheobase");
        }
    }

    /// Below rheobase V settles at the stable fixed point of the I-V curve, the root V* < V_T
    /// of -g_L (V - E_L) + g_L Delta_T exp((V - V_T)/Delta_T) + I = 0 (found here by bisection).
    #[test]
    fn settles_at_the_stable_fixed_point_below_rheobase() {
        let current = 400.0; // pA, below I_rh = 30 * 18.2 = 546 pA
        let f = |v: f64| -30.0 * (v + 70.6) + 60.0 * ((v + 50.4) / 2.0).exp() + current;
        let (mut lo, mut hi) = (-70.6, -50.4); // f(lo) > 0 > f(hi)
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if f(mid) > 0.0 { lo = mid } else { hi = mid }
        }
        let mut k = kernel(&MODEL, &[], 0.5);
        assert!(hold(k.as_mut(), current, 1000).is_empty());
        approx::assert_abs_diff_eq!(k.var(0)[0], lo, epsilon = 1e-9);
    }

    /// Repetitive firing converges in dt: the mean interval at dt = 0.1 ms (two 0.05 ms
    /// sub-steps) is within 0.01 ms of the one at dt = 0.005 ms. This needs the reset at the
    /// crossing time inside the sub-step: resetting at the end of the sub-step lengthens each
    /// interval by half a sub-step on average (0.025 ms).
    #[test]
    fn firing_period_converges_in_dt() {
        for current in [700.0, 1000.0] {
            let mean_isi = |dt: f64| {
                let t = spike_times(&MODEL, &[], current, dt, 2000.0);
                (t[t.len() - 1] - t[0]) / (t.len() - 1) as f64
            };
            let (coarse, fine) = (mean_isi(0.1), mean_isi(0.005));
            assert!(
                (coarse - fine).abs() < 0.01,
                "{current} pA: {coarse} vs {fine} ms"
            );
        }
    }
}
