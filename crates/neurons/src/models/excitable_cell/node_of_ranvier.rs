//! The mammalian (rabbit) node of Ranvier of Chiu, Ritchie, Rogart & Stagg (1979) in the
//! form of Sweeney, Mortimer & Durand (1987) at 37 °C: a sodium current and a leak, no
//! voltage-gated potassium current (repolarisation by Na inactivation and the large leak).
//!
//! C dV/dt = I + I_e - g_Na m^2 h (V - E_Na) - g_L (V - E_L)
//! dx/dt = alpha_x (1 - x) - beta_x x, x in {m, h}, with E = V - V_rest (V_rest = -80 mV)
//! and rates in 1/ms:
//!   alpha_m = (97 + 0.363 E) / (1 + exp((31 - E)/5.3)),  beta_m = alpha_m / exp((E - 23.8)/4.17)
//!   beta_h = 15.6 / (1 + exp((24 - E)/10)),              alpha_h = beta_h / exp((E - 5.5)/5)
//! Defaults (Sweeney et al. 1987): g_Na = 1445, g_L = 128 mS/cm^2, E_Na = 35.64,
//! E_L = -80.01 mV, C = 2.5 uF/cm^2; rest -80 mV (ModelDB's crrss.mod rounds E_Na to 35 mV). The exponents are clamped at 700 (the
//! rates stay finite for any V).
//!
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`).
//! Spikes: an upward crossing of `v_th` (default -20 mV) inside the step or by a
//! delta-synapse jump; no reset. Delta-synapse jumps are added to V at the end of the step.

use crate::define::*;

crate::model! {
    name: "node_of_ranvier",
    class: "NodeOfRanvierNeuron",
    summary: "Rabbit node of Ranvier (CRRSS): C dV/dt = I + I_e - g_Na m^2 h (V - E_Na) - \
              g_L (V - E_L); m, h with the Chiu et al. 1979 / Sweeney et al. 1987 rates at \
              37 C; no K current. Spike = upward crossing of v_th (no reset). \
              Dormand-Prince rk45.",
    citation: "Chiu, Ritchie, Rogart & Stagg (1979) J. Physiol. 292:149-166; Sweeney, Mortimer \
               & Durand (1987) Proc. 9th Annu. Conf. IEEE EMBS, 1577-1578",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 2.5, Positive, "specific membrane capacitance of the node"),
        g_na: param("mS/cm^2", 1445.0, NonNegative, "maximal sodium conductance"),
        e_na: param("mV", 35.64, Finite, "sodium reversal potential"),
        g_l: param("mS/cm^2", 128.0, NonNegative, "leak conductance"),
        e_l: param("mV", -80.01, Finite, "leak reversal potential"),
        v_rest: param("mV", -80.0, Finite, "resting potential the rate functions refer to"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "spike detection level: an upward crossing is one spike"),
        v_init: param("mV", -80.0, Finite, "initial membrane potential; gates start at steady state"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium inactivation"),
    },
    membrane: v,
    // 3 % above the step rheobase (1409 uA/cm^2): further above it the first spike comes
    // within ~0.1 ms, below the resolution of the catalogue's dt-convergence check.
    drive: 1450.0,
    build: point,
}

/// ((alpha_m, beta_m), (alpha_h, beta_h)) at displacement `e` = V - V_rest (mV), 1/ms.
#[inline(always)]
fn rates(e: f64) -> [(f64, f64); 2] {
    let x = |z: f64| z.clamp(-700.0, 700.0).exp();
    let alpha_m = (97.0 + 0.363 * e) / (1.0 + x((31.0 - e) / 5.3));
    let beta_h = 15.6 / (1.0 + x((24.0 - e) / 10.0));
    [
        (alpha_m, alpha_m / x((e - 23.8) / 4.17)),
        (beta_h / x((e - 5.5) / 5.0), beta_h),
    ]
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let ss = rates(p.v_init - p.v_rest).map(|(a, b)| a / (a + b));
        Vars {
            v: p.v_init,
            m: ss[0],
            h: ss[1],
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let [m, h] = rates(y.v - p.v_rest);
            let i_ion = p.g_na * y.m * y.m * y.h * (y.v - p.e_na) + p.g_l * (y.v - p.e_l);
            Vars {
                v: (i - i_ion) / p.c_m,
                m: m.0 * (1.0 - y.m) - m.1 * y.m,
                h: h.0 * (1.0 - y.h) - h.1 * y.h,
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
    use super::super::super::ion_channel::persistent_na::testing::run;
    use super::*;

    /// E_L = -80.01 mV balances the resting sodium window current: the node rests at
    /// V_rest = -80 mV (Sweeney et al. 1987) to within 0.05 mV.
    #[test]
    fn rests_at_minus_eighty() {
        let (spikes, v) = run(&MODEL, &[], 0.01, 5.0, |_| 0.0);
        assert!(spikes.is_empty());
        let last = *v.last().unwrap();
        assert!((last + 80.0).abs() < 0.05, "{last}");
    }

    /// A brief suprathreshold pulse evokes one all-or-none action potential (peak about
    /// +27 mV); the step rheobase is about 1409 uA/cm^2 (large: the leak is 128 mS/cm^2).
    #[test]
    fn action_potential() {
        let (spikes, v) = run(
            &MODEL,
            &[],
            0.002,
            2.0,
            |t| if t < 0.05 { 8000.0 } else { 0.0 },
        );
        let peak = v.iter().cloned().fold(f64::MIN, f64::max);
        eprintln!("CRRSS node: peak {peak:.1} mV");
        assert_eq!(spikes.len(), 1);
    }
}
