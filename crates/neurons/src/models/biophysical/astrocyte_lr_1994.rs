//! Astrocytic calcium dynamics with IP3 (NEST's `astrocyte_lr_1994`): the Li & Rinzel (1994)
//! two-variable reduction of the De Young–Keizer IP3-receptor model, with the IP3 dynamics
//! and parameters of Nadkarni & Jung (2003), all concentrations in uM:
//!
//! dIP3/dt = (IP3_0 - IP3) / tau_IP3
//! dCa/dt = J_channel - J_pump + J_leak + J_noise
//! dh/dt = alpha_h (1 - h) - beta_h h
//! J_channel = r_ER r_IP3R m_inf^3 n_inf^3 h^3 (Ca_ER - Ca),  J_leak = r_ER r_L (Ca_ER - Ca),
//! J_pump = v_SERCA Ca^2 / (K_SERCA^2 + Ca^2),  Ca_ER = (Ca_tot - Ca) / r_ER,
//! m_inf = IP3 / (IP3 + d1),  n_inf = Ca / (Ca + d5),
//! alpha_h = k_IP3R d2 (IP3 + d1) / (IP3 + d3),  beta_h = k_IP3R Ca.
//! Defaults are NEST's (Nadkarni & Jung 2003): Ca_tot = 2, IP3_0 = 0.16, d1 = 0.13,
//! d3 = 0.9434, d5 = 0.08234, d2 = 1.049, K_SERCA = 0.1 uM, k_IP3R = 0.0002 /(uM ms),
//! r_IP3R = 0.006, r_L = 0.00011 /ms, v_SERCA = 0.0009 uM/ms, r_ER = 0.185,
//! tau_IP3 = 7142 ms, delta_IP3 = 0.0002 uM; initial Ca = 0.073 uM, h = 0.793, IP3 = IP3_0.
//!
//! Rate unit: emits no spikes. Its output in NEST is the slow inward current (SIC) it sends
//! to neurons, SIC = ln((Ca - SIC_th) / 1 nM) SIC_scale when Ca - SIC_th > 1 nM, else 0
//! (Nadkarni & Jung 2003; SIC_th = 0.19669 uM): recorded here as the state `sic` (pA with
//! SIC_scale = 1). Input: a delta-synapse weight w adds delta_IP3 w to IP3 at the end of the
//! step (NEST: excitatory spikes raise IP3); `input.current` (uM/ms) is NEST's J_noise,
//! added to dCa/dt. Ca is read within [0, Ca_tot] in the fluxes and clamped to it after each
//! step, as NEST does. Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step
//! carried in `aux.h`).

use crate::define::*;

crate::model! {
    name: "astrocyte_lr_1994",
    class: "AstrocyteLr1994Neuron",
    summary: "Li-Rinzel 1994 astrocyte Ca2+ with IP3 (NEST astrocyte_lr_1994, Nadkarni & Jung \
              2003 parameters): dCa/dt = J_channel - J_pump + J_leak + J_noise, IP3R gate h, \
              IP3 relaxing to IP3_0 and raised by delta_IP3 per input spike. Rate unit: emits \
              no spikes; its output is the slow inward current `sic` = ln((Ca - SIC_th)/1 nM) \
              SIC_scale. Dormand-Prince rk45.",
    citation: "Li & Rinzel (1994) J. Theor. Biol. 166:461-473; Nadkarni & Jung (2003) Phys. \
               Rev. Lett. 91:268101; NEST astrocyte_lr_1994",
    input_unit: "uM/ms",
    params: {
        ca_tot: param("uM", 2.0, Positive, "total free calcium in terms of cytosolic volume (c0)"),
        ip3_0: param("uM", 0.16, NonNegative, "baseline IP3 concentration"),
        kd_ip3_1: param("uM", 0.13, Positive, "first IP3R dissociation constant of IP3 (d1)"),
        kd_ip3_2: param("uM", 0.9434, Positive, "second IP3R dissociation constant of IP3 (d3)"),
        kd_act: param("uM", 0.08234, Positive, "IP3R dissociation constant of Ca activation (d5)"),
        kd_inh: param("uM", 1.049, Positive, "IP3R dissociation constant of Ca inhibition (d2)"),
        km_serca: param("uM", 0.1, Positive, "half-activation of the SERCA pump"),
        sic_scale: param("pA", 1.0, NonNegative, "scale of the slow inward current"),
        sic_th: param("uM", 0.19669, NonNegative, "calcium threshold of the slow inward current"),
        delta_ip3: param("uM", 0.0002, NonNegative, "IP3 increase per unit input weight"),
        k_ip3r: param("1/(uM ms)", 0.0002, Positive, "IP3R binding rate of Ca inhibition (a2)"),
        rate_ip3r: param("1/ms", 0.006, NonNegative, "maximal IP3R channel flux rate (v1)"),
        rate_l: param("1/ms", 0.00011, NonNegative, "ER leak rate (v2)"),
        rate_serca: param("uM/ms", 0.0009, NonNegative, "maximal SERCA pump rate (v3)"),
        ratio_er_cyt: param("1", 0.185, Positive, "ER to cytosol volume ratio (c1)"),
        tau_ip3: param("ms", 7142.0, Positive, "IP3 relaxation time constant"),
        ca_init: standard::init("uM", 0.073, "initial cytosolic calcium"),
        h_init: standard::init("1", 0.793, "initial IP3R inactivation gate"),
    },
    state: {
        ca: ("uM", "cytosolic calcium concentration"),
        ip3: ("uM", "IP3 concentration"),
        h: ("1", "fraction of IP3 receptors not inactivated by Ca"),
        sic: ("pA", "slow inward current sent to neurons (output)"),
    },
    membrane: ca,
    delta_input: "w: IP3 += delta_ip3 w at the end of the step (NEST: spikes raise IP3)",
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

fn derivs(p: &Parameters, j_noise: f64, y: Vars) -> Vars {
    let ca = y.ca.clamp(0.0, p.ca_tot);
    let ip3 = y.ip3.max(0.0);
    let alpha_h = p.k_ip3r * p.kd_inh * (ip3 + p.kd_ip3_1) / (ip3 + p.kd_ip3_2);
    let beta_h = p.k_ip3r * ca;
    let j_pump = p.rate_serca * ca * ca / (p.km_serca * p.km_serca + ca * ca);
    let m_inf = ip3 / (ip3 + p.kd_ip3_1);
    let n_inf = ca / (ca + p.kd_act);
    let ca_er = (p.ca_tot - ca) / p.ratio_er_cyt;
    let j_leak = p.ratio_er_cyt * p.rate_l * (ca_er - ca);
    let j_channel = p.ratio_er_cyt * p.rate_ip3r * (m_inf * n_inf * y.h).powi(3) * (ca_er - ca);
    Vars {
        ca: j_channel - j_pump + j_leak + j_noise,
        ip3: (p.ip3_0 - y.ip3) / p.tau_ip3,
        h: alpha_h * (1.0 - y.h) - beta_h * y.h,
        sic: 0.0,
    }
}

fn sic(p: &Parameters, ca: f64) -> f64 {
    let above = (ca - p.sic_th) * 1000.0;
    if above > 1.0 {
        above.ln() * p.sic_scale
    } else {
        0.0
    }
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            ca: p.ca_init,
            ip3: p.ip3_0,
            h: p.h_init,
            sic: sic(p, p.ca_init),
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let j = input.current;
        *s = integrate::rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            |y| derivs(p, j, y),
            |_, _| None,
        );
        s.ca = s.ca.clamp(0.0, p.ca_tot);
        s.ip3 += p.delta_ip3 * input.jump;
        s.sic = sic(p, s.ca);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::traub_miles::testing::kernel;
    use super::*;
    use crate::StepInput;

    /// IP3 relaxes to IP3_0 with tau_IP3: after 100 inputs of weight 100 (IP3 = 0.16 + 2 uM)
    /// the excess decays as exp(-t / 7142 ms), within 1e-4 relative after 5 s.
    #[test]
    fn ip3_relaxes_with_tau_ip3() {
        let dt = 1.0;
        let mut k = kernel(&MODEL, &[], dt);
        let mut s = Vec::new();
        for _ in 0..100 {
            k.step(
                &StepInput {
                    jump: &[100.0],
                    current: &[0.0],
                },
                &mut s,
            );
        }
        let excess0 = k.var(1)[0] - 0.16;
        for _ in 0..5000 {
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[0.0],
                },
                &mut s,
            );
            assert!(s.is_empty());
        }
        let want = excess0 * (-5000.0f64 / 7142.0).exp();
        let got = k.var(1)[0] - 0.16;
        assert!((got - want).abs() < 1e-4 * want, "{got} vs {want}");
    }

    /// With IP3 held high (IP3_0 = 0.5 uM) the Li-Rinzel model oscillates: calcium spikes
    /// above SIC_th that produce slow inward currents, between troughs below 0.1 uM; at
    /// baseline IP3 (0.16 uM) calcium settles low and produces none.
    #[test]
    fn calcium_oscillates_at_high_ip3() {
        let run = |ip3: f64| {
            let mut k = kernel(&MODEL, &[("ip3_0", ip3)], 10.0);
            let mut s = Vec::new();
            let mut ca = Vec::new();
            for _ in 0..6000 {
                k.step(
                    &StepInput {
                        jump: &[0.0],
                        current: &[0.0],
                    },
                    &mut s,
                );
                ca.push((k.var(0)[0], k.var(3)[0]));
            }
            let tail = &ca[3000..];
            let hi = tail.iter().map(|x| x.0).fold(f64::MIN, f64::max);
            let lo = tail.iter().map(|x| x.0).fold(f64::MAX, f64::min);
            let sic = tail.iter().map(|x| x.1).fold(0.0, f64::max);
            (lo, hi, sic)
        };
        let (lo, hi, sic) = run(0.5);
        eprintln!("astrocyte, IP3 0.5 uM: Ca in [{lo:.3}, {hi:.3}] uM, max SIC {sic:.2}");
        assert!(hi > 0.3 && lo < 0.15 && sic > 0.0);
        let (_, hi, sic) = run(0.16);
        assert!(hi < 0.19669 && sic == 0.0, "{hi}");
    }
}
