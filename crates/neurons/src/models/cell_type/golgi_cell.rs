//! Cerebellar Golgi cell as an E-GLIF point neuron (Geminiani et al. 2018, 2019): the
//! E-GLIF equations, escape noise, reset and numerics of
//! [`granule_cell`](super::granule_cell) (shared code), with the published parameters of
//! this cell type, which reproduce (as Geminiani et al. report) its autorhythmic firing,
//! spike-frequency adaptation, rebound bursts and theta-band subthreshold resonance.
//!
//! Parameters (Geminiani et al. 2019, Table 1): C_m = 145.0 pF, tau_m = 44.0 ms, E_L =
//! -62.0 mV, V_th = -55.0 mV, V_reset = -75.0 mV, t_ref = 2.0 ms, k_adap = 0.217 pA/(ms
//! mV), k2 = 0.023 /ms, A2 = 178.01 pA, k1 = 0.031 /ms, A1 = 259.988 pA, I_e = 16.214 pA;
//! lambda_0 = 1 /ms, tau_V = 0.4 mV, V_min = -150 mV and V_init = E_L as in the Golgi-cell
//! example of the authors' network documentation (BSB, `eglif_cond_alpha_multisyn`).

use crate::define::*;

crate::model! {
    name: "golgi_cell",
    class: "GolgiCellNeuron",
    summary: "E-GLIF cerebellar Golgi cell: \
              dV/dt = (V - E_L)/tau_m + (I_dep - I_adap + I_e + I)/C_m, \
              dI_adap/dt = k_adap (V - E_L) - k2 I_adap, dI_dep/dt = -k1 I_dep; escape noise \
              lambda = lambda_0 exp((V - V_th)/tau_V); spike -> V = V_reset, I_adap += A2, \
              I_dep = A1, refractory t_ref. Parameters of Geminiani et al. (2019) Table 1. \
              rk45 integration.",
    citation: "Geminiani, Casellato, Locatelli, Prestori, Pedrocchi & D'Angelo (2018) Front. \
               Neuroinform. 12:88 (E-GLIF, Golgi cell); Geminiani, Casellato, D'Angelo & Pedrocchi \
               (2019) Front. Comput. Neurosci. 13:35, Table 1 (Golgi cell)",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(145.0),
        tau_m: standard::tau_m(44.0),
        e_l: standard::e_l(-62.0),
        v_th: param("mV", -55.0, Finite, "threshold of the escape rate"),
        v_reset: standard::v_reset(-75.0),
        t_ref: standard::t_ref(2.0),
        k_adap: param("pA/(ms*mV)", 0.217, NonNegative, "coupling of I_adap to V - E_L"),
        k2: param("1/ms", 0.023, Positive, "decay rate of the adaptation current I_adap"),
        a2: param("pA", 178.01, Finite, "spike-triggered increment of I_adap"),
        k1: param("1/ms", 0.031, Positive, "decay rate of the depolarising current I_dep"),
        a1: param("pA", 259.988, Finite, "value I_dep is set to at a spike"),
        i_e: standard::i_e(16.214),
        lambda_0: param("1/ms", 1.0, Positive, "escape rate at V = V_th"),
        tau_v: param("mV", 0.4, Positive, "voltage scale of the escape rate"),
        v_min: param("mV", -150.0, Finite, "lower bound of V"),
        v_init: standard::v_init(-62.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        i_adap: ("pA", "adaptation current (hyperpolarising when positive)"),
        i_dep: ("pA", "spike-triggered depolarising current"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_min < v_reset, v_reset < v_th],
    drive: 100.0,
    spontaneous: "Golgi cells are pacemakers: the published I_e = 16.214 pA (the model of the \
                  intrinsic depolarising currents) makes the cell fire autorhythmically (Geminiani \
                  et al. 2018, 2019)",
    stochastic: true,
    build: point,
}

super::granule_cell::eglif_impl!();

#[cfg(test)]
mod tests {
    use super::super::granule_cell::testing::*;
    use super::*;
    /// Subthreshold (hyperpolarised by I pA, no spikes) the E-GLIF linear system is a damped
    /// oscillator: V oscillates around V* = E_L + ((I_e + I)/C_m)/(k_adap/(C_m k2) - 1/tau_m)
    /// at f = sqrt(det - trace^2/4)/2 pi, with trace = 1/tau_m - k2 and
    /// det = k_adap/C_m - k2/tau_m (4.97 Hz with the published parameters: the cell's
    /// theta-band resonance). The simulated period and final value match the closed forms.
    #[test]
    fn subthreshold_oscillation_matches_the_closed_form() {
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let i = -30.0;
        let f = eglif_oscillation_hz(p.c_m, p.tau_m, p.k_adap, p.k2);
        let rest = eglif_rest(p.c_m, p.tau_m, p.e_l, p.k_adap, p.k2, p.i_e + i);
        assert!((f - 4.97).abs() < 0.01, "closed form {f} Hz");
        let dt = 0.05;
        let mut k = kernel(&MODEL, &[], dt);
        let (spikes, trace) = run(k.as_mut(), dt, 2000.0, |_| i);
        assert!(spikes.is_empty(), "{spikes:?}");
        let hz = 1000.0 / period_ms(&trace[..(2000.0 / dt) as usize], dt, rest, 0.0);
        assert!((hz - f).abs() < 0.02 * f, "{hz} Hz vs {f} Hz");
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
