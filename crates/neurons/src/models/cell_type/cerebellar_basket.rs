//! Cerebellar basket cell (molecular-layer interneuron, MLI) as an E-GLIF point neuron
//! (Geminiani et al. 2018, 2019): the E-GLIF equations, escape noise, reset and numerics of
//! [`granule_cell`](super::granule_cell) (shared code), with the published parameters of
//! this cell type, which reproduce (as Geminiani et al. report) its spontaneous firing, a
//! steep f-I curve and spike-frequency adaptation.
//!
//! Parameters (Geminiani et al. 2019, Table 1): C_m = 14.6 pF, tau_m = 9.125 ms, E_L =
//! -68.0 mV, V_th = -53.0 mV, V_reset = -78.0 mV, t_ref = 1.59 ms, k_adap = 2.025 pA/(ms
//! mV), k2 = 1.096 /ms, A2 = 5.863 pA, k1 = 1.887 /ms, A1 = 5.953 pA, I_e = 3.711 pA;
//! lambda_0 = 1.8 /ms and tau_V = 1 mV as in the authors' network configuration (dbbs-lab
//! cerebellar-models, in-vitro `eglif_cond_alpha_multisyn.yaml`, `basket_cell`); V_min =
//! -150 mV and V_init = E_L. Geminiani et al. (2019) fit one MLI parameter set, used for
//! basket and stellate cells alike (`stellate_cell` has the same defaults).

use crate::define::*;

crate::model! {
    name: "cerebellar_basket",
    class: "CerebellarBasketNeuron",
    summary: "E-GLIF cerebellar basket cell (molecular-layer interneuron, MLI): \
              dV/dt = (V - E_L)/tau_m + (I_dep - I_adap + I_e + I)/C_m, \
              dI_adap/dt = k_adap (V - E_L) - k2 I_adap, dI_dep/dt = -k1 I_dep; escape noise \
              lambda = lambda_0 exp((V - V_th)/tau_V); spike -> V = V_reset, I_adap += A2, \
              I_dep = A1, refractory t_ref. Parameters of Geminiani et al. (2019) Table 1. \
              rk45 integration.",
    citation: "Geminiani, Casellato, Locatelli, Prestori, Pedrocchi & D'Angelo (2018) Front. \
               Neuroinform. 12:88 (E-GLIF); Geminiani, Casellato, D'Angelo & Pedrocchi (2019) \
               Front. Comput. Neurosci. 13:35, Table 1 (molecular-layer interneuron)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(14.6),
        tau_m: standard::tau_m(9.125),
        e_l: standard::e_l(-68.0),
        v_th: param("mV", -53.0, Finite, "threshold of the escape rate"),
        v_reset: standard::v_reset(-78.0),
        t_ref: standard::t_ref(1.59),
        k_adap: param("pA/(ms*mV)", 2.025, NonNegative, "coupling of I_adap to V - E_L"),
        k2: param("1/ms", 1.096, Positive, "decay rate of the adaptation current I_adap"),
        a2: param("pA", 5.863, Finite, "spike-triggered increment of I_adap"),
        k1: param("1/ms", 1.887, Positive, "decay rate of the depolarising current I_dep"),
        a1: param("pA", 5.953, Finite, "value I_dep is set to at a spike"),
        i_e: standard::i_e(3.711),
        lambda_0: param("1/ms", 1.8, Positive, "escape rate at V = V_th"),
        tau_v: param("mV", 1.0, Positive, "voltage scale of the escape rate"),
        v_min: param("mV", -150.0, Finite, "lower bound of V"),
        v_init: standard::v_init(-68.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        i_adap: ("pA", "adaptation current (hyperpolarising when positive)"),
        i_dep: ("pA", "spike-triggered depolarising current"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_min < v_reset, v_reset < v_th],
    drive: 30.0,
    spontaneous: "molecular-layer interneurons fire spontaneously: with the published I_e = 3.711 \
                  pA the equilibrium of the subthreshold system sits at V_th (Geminiani et al. \
                  2019)",
    stochastic: true,
    build: point,
}

super::granule_cell::eglif_impl!();

#[cfg(test)]
mod tests {
    use super::super::granule_cell::testing::*;
    use super::*;
    /// Hyperpolarised by 10.0 pA the cell settles at the equilibrium of the E-GLIF linear
    /// system, V* = E_L + ((I_e + I)/C_m)/(k_adap/(C_m k2) - 1/tau_m) = -93.397 mV with the
    /// published parameters (two real negative eigenvalues: no oscillation).
    #[test]
    fn settles_at_the_closed_form_equilibrium() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let rest = eglif_rest(p.c_m, p.tau_m, p.e_l, p.k_adap, p.k2, p.i_e - 10.0);
        assert!((rest - (-93.397)).abs() < 0.01, "closed form {rest}");
        let trace = (p.k2 - 1.0 / p.tau_m, p.k_adap / p.c_m - p.k2 / p.tau_m);
        assert!(trace.0 * trace.0 > 4.0 * trace.1, "overdamped");
        let mut k = kernel(&MODEL, &[], 0.05);
        let (spikes, v) = run(k.as_mut(), 0.05, 1500.0, |_| -10.0);
        assert!(spikes.is_empty());
        assert!(
            (v[v.len() - 1] - rest).abs() < 0.05,
            "{} vs {rest}",
            v[v.len() - 1]
        );
    }

    /// With zero input the published I_e makes the cell fire spontaneously, and a stronger
    /// step raises the rate.
    #[test]
    fn fires_spontaneously_and_faster_when_driven() {
        let rate = |i: f64| {
            let mut k = kernel(&MODEL, &[], 0.05);
            rate_hz(&run(k.as_mut(), 0.05, 2000.0, |_| i).0, 1000.0, 2000.0)
        };
        let (r0, r1) = (rate(0.0), rate(MODEL.drive.unwrap()));
        eprintln!("{}: {r0} Hz spontaneous, {r1} Hz driven", MODEL.name);
        assert!(r0 > 1.0 && r1 > 1.5 * r0);
    }
}
