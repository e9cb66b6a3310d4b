//! Beeler & Reuter (1977): the mammalian ventricular myocyte, with four currents — fast
//! sodium (with a slow inactivation j), slow inward (calcium) current i_s with intracellular
//! calcium, time-dependent outward i_x1 and time-independent outward i_K1:
//!
//! C dV/dt = I + I_e - i_Na - i_s - i_x1 - i_K1            (uA/cm^2, uF/cm^2, mV, ms)
//! i_Na = (g_Na m^3 h j + g_NaC)(V - E_Na),   i_s = g_s d f (V - E_s),
//! E_s = -82.3 - 13.0287 ln([Ca]_i / 1 M),
//! i_x1 = x1 0.8 (exp(0.04 (V + 77)) - 1) / exp(0.04 (V + 35)),
//! i_K1 = 0.35 [4 (exp(0.04 (V + 85)) - 1) / (exp(0.08 (V + 53)) + exp(0.04 (V + 53)))
//!        + 0.2 (V + 23) / (1 - exp(-0.04 (V + 23)))],
//! d[Ca]_i/dt = -1e-4 i_s + 0.07 (1e-4 - [Ca]_i)   ([Ca]_i in mM, i_s in uA/cm^2),
//! dy/dt = alpha_y (1 - y) - beta_y y for y in {m, h, j, d, f, x1}, with the paper's rate
//! functions (its Table 1; rates in 1/ms):
//!   alpha_m = (V + 47) / (1 - exp(-0.1 (V + 47))),        beta_m = 40 exp(-0.056 (V + 72))
//!   alpha_h = 0.126 exp(-0.25 (V + 77)),                  beta_h = 1.7 / (1 + exp(-0.082 (V + 22.5)))
//!   alpha_j = 0.055 exp(-0.25 (V + 78)) / (1 + exp(-0.2 (V + 78))), beta_j = 0.3 / (1 + exp(-0.1 (V + 32)))
//!   alpha_d = 0.095 exp(-0.01 (V - 5)) / (1 + exp(-0.072 (V - 5))), beta_d = 0.07 exp(-0.017 (V + 44)) / (1 + exp(0.05 (V + 44)))
//!   alpha_f = 0.012 exp(-0.008 (V + 28)) / (1 + exp(0.15 (V + 28))), beta_f = 0.0065 exp(-0.02 (V + 30)) / (1 + exp(-0.2 (V + 30)))
//!   alpha_x1 = 0.0005 exp(0.083 (V + 50)) / (1 + exp(0.057 (V + 50))), beta_x1 = 0.0013 exp(-0.06 (V + 20)) / (1 + exp(-0.04 (V + 20)))
//! Defaults (the paper's): C = 1 uF/cm^2, g_Na = 4, g_NaC = 0.003, g_s = 0.09 mS/cm^2,
//! E_Na = 50 mV. Equations and constants checked against the CellML-derived pigreads model
//! `beeler1977reconstruction` and ibiblio.org/e-notes/html5/br.html.
//!
//! The cell is quiescent at rest (about -84.6 mV); a stimulus current fires one action
//! potential with a plateau of about 0.3 s. Spikes: an upward crossing of `v_th` (default
//! -20 mV), no reset; delta-synapse jumps are added to V at the end of the step.
//! Numerics: Dormand–Prince `rk45` with `Tolerance::DEFAULT` (step carried in `aux.h`); the
//! rate functions read V clamped to [-120, 150] mV and the currents' exponentials to +-150
//! mV (no overflow, no gate faster than ~6e3 /ms for absurd inputs), and [Ca]_i is read at
//! >= 1e-12 mM in the logarithm.

use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "beeler_reuter",
    class: "BeelerReuterNeuron",
    summary: "Beeler-Reuter 1977 ventricular myocyte: C dV/dt = I + I_e - i_Na - i_s - i_x1 - \
              i_K1; i_Na = (4 m^3 h j + 0.003)(V - 50), slow inward i_s = 0.09 d f (V - E_s(Ca)), \
              d[Ca]/dt = -1e-4 i_s + 0.07 (1e-4 - [Ca]); gates m, h, j, d, f, x1 with the \
              paper's rates. AP = upward crossing of v_th (no reset). Dormand-Prince rk45.",
    citation: "Beeler & Reuter (1977) J. Physiol. 268:177-210",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_na: param("mS/cm^2", 4.0, NonNegative, "maximal fast sodium conductance"),
        g_nac: param("mS/cm^2", 0.003, NonNegative, "steady sodium (background) conductance"),
        e_na: param("mV", 50.0, Finite, "sodium reversal potential"),
        g_s: param("mS/cm^2", 0.09, NonNegative, "maximal slow inward conductance"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -20.0, Finite, "AP detection level: an upward crossing is one AP"),
        v_init: param("mV", -84.6, Finite,
            "initial membrane potential; gates start at steady state, [Ca]_i at 1e-4 mM"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "sodium activation"),
        h: ("1", "sodium fast inactivation"),
        j: ("1", "sodium slow inactivation"),
        d: ("1", "slow inward activation"),
        f: ("1", "slow inward inactivation"),
        x1: ("1", "time-dependent outward activation"),
        ca: ("mM", "intracellular calcium concentration"),
    },
    membrane: v,
    drive: 10.0,
    build: point,
}

/// (alpha, beta) of m, h, j, d, f, x1 at `v` (mV), 1/ms.
#[inline(always)]
fn rates(v: f64) -> [(f64, f64); 6] {
    // alpha_h = 0.126 exp(-0.25 (V + 77)) reaches 1e7 /ms at -150 mV, too stiff for any
    // step: the rates read V within [-120, 150] mV (at most ~6e3 /ms).
    let v = v.clamp(-120.0, 150.0);
    let e = f64::exp;
    [
        (
            10.0 * exprel_inv(-0.1 * (v + 47.0)),
            40.0 * e(-0.056 * (v + 72.0)),
        ),
        (
            0.126 * e(-0.25 * (v + 77.0)),
            1.7 / (1.0 + e(-0.082 * (v + 22.5))),
        ),
        (
            0.055 * e(-0.25 * (v + 78.0)) / (1.0 + e(-0.2 * (v + 78.0))),
            0.3 / (1.0 + e(-0.1 * (v + 32.0))),
        ),
        (
            0.095 * e(-0.01 * (v - 5.0)) / (1.0 + e(-0.072 * (v - 5.0))),
            0.07 * e(-0.017 * (v + 44.0)) / (1.0 + e(0.05 * (v + 44.0))),
        ),
        (
            0.012 * e(-0.008 * (v + 28.0)) / (1.0 + e(0.15 * (v + 28.0))),
            0.0065 * e(-0.02 * (v + 30.0)) / (1.0 + e(-0.2 * (v + 30.0))),
        ),
        (
            0.0005 * e(0.083 * (v + 50.0)) / (1.0 + e(0.057 * (v + 50.0))),
            0.0013 * e(-0.06 * (v + 20.0)) / (1.0 + e(-0.04 * (v + 20.0))),
        ),
    ]
}

#[inline(always)]
fn gate(x: f64, (a, b): (f64, f64)) -> f64 {
    a * (1.0 - x) - b * x
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        let ss = rates(p.v_init).map(|(a, b)| a / (a + b));
        Vars {
            v: p.v_init,
            m: ss[0],
            h: ss[1],
            j: ss[2],
            d: ss[3],
            f: ss[4],
            x1: ss[5],
            ca: 1e-4,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let f = |y: Vars| {
            let r = rates(y.v);
            let v = super::super::biophysical::traub_miles::vg(y.v);
            let i_na = (p.g_na * y.m * y.m * y.m * y.h * y.j + p.g_nac) * (y.v - p.e_na);
            let e_s = -82.3 - 13.0287 * (y.ca.max(1e-12) * 1e-3).ln();
            let i_s = p.g_s * y.d * y.f * (y.v - e_s);
            let i_x1 = y.x1 * 0.8 * (0.04 * (v + 77.0)).exp_m1() / (0.04 * (v + 35.0)).exp();
            let i_k1 = 0.35
                * (4.0 * (0.04 * (v + 85.0)).exp_m1()
                    / ((0.08 * (v + 53.0)).exp() + (0.04 * (v + 53.0)).exp())
                    + 5.0 * exprel_inv(-0.04 * (v + 23.0)));
            Vars {
                v: (i - i_na - i_s - i_x1 - i_k1) / p.c_m,
                m: gate(y.m, r[0]),
                h: gate(y.h, r[1]),
                j: gate(y.j, r[2]),
                d: gate(y.d, r[3]),
                f: gate(y.f, r[4]),
                x1: gate(y.x1, r[5]),
                ca: -1e-4 * i_s + 0.07 * (1e-4 - y.ca),
            }
        };
        let (y, fired) = super::super::biophysical::traub_miles::crossing_step(
            *s,
            input.dt,
            aux.h,
            f,
            |y| y.v,
            p.v_th,
        );
        *s = y;
        let before = s.v;
        s.v += input.jump;
        fired | (before < p.v_th && s.v >= p.v_th)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::ion_channel::persistent_na::testing::run;
    use super::*;

    /// The resting potential, where the currents balance: -84.6 mV (the initial state of the
    /// CellML version, -84.624 mV), within 0.5 mV after 2 s without input from -80 mV.
    /// Then a 2 ms, 40 uA/cm^2 stimulus fires one AP: APD90 printed, overshoot above +20 mV.
    #[test]
    fn rest_and_action_potential() {
        let dt = 0.05;
        let (spikes, v) = run(&MODEL, &[("v_init", -80.0)], dt, 2000.0, |_| 0.0);
        assert!(spikes.is_empty());
        let rest = *v.last().unwrap();
        assert!((rest + 84.62).abs() < 0.5, "rest {rest}");
        let stim = |t: f64| if (10.0..12.0).contains(&t) { 40.0 } else { 0.0 };
        let (spikes, v) = run(&MODEL, &[], dt, 800.0, stim);
        assert_eq!(spikes.len(), 1);
        let (lo, hi) = (v[0], v.iter().cloned().fold(f64::MIN, f64::max));
        let level = hi - 0.9 * (hi - lo);
        let apd90 = v.iter().filter(|&&x| x > level).count() as f64 * dt;
        eprintln!("Beeler-Reuter: rest {rest:.2} mV, peak {hi:.1} mV, APD90 {apd90:.1} ms");
        assert!(hi > 20.0 && (200.0..400.0).contains(&apd90));
    }
}

#[cfg(test)]
mod robustness {
    use crate::StepInput;

    /// The cardiac, VCN and NEST models of this batch stay finite under absurd but finite
    /// input: currents of +-1e3 (input unit) and jumps of +-200 mV (+-2 for the dimensionless
    /// models) at dt = 1 ms.
    #[test]
    fn extreme_inputs_stay_finite() {
        let names = [
            ("beeler_reuter", 200.0),
            ("luo_rudy_1991", 200.0),
            ("aliev_panfilov", 2.0),
            ("mitchell_schaeffer", 2.0),
            ("fenton_karma", 2.0),
            ("bueno_orovio", 2.0),
            ("rothman_manis", 200.0),
            ("hh_psc_alpha_gap", 200.0),
            ("iaf_chs_2007", 200.0),
            ("astrocyte_lr_1994", 200.0),
        ];
        for (name, big) in names {
            let m = crate::lookup(name).unwrap();
            for (current, jump) in [(1e3, 0.0), (-1e3, 0.0), (0.0, big), (0.0, -big)] {
                let mut k = crate::models::biophysical::traub_miles::testing::kernel(m, &[], 1.0);
                let mut s = Vec::new();
                for step in 0..50 {
                    let j = if step % 10 == 0 { jump } else { 0.0 };
                    k.step(
                        &StepInput {
                            jump: &[j],
                            current: &[current],
                        },
                        &mut s,
                    );
                    for v in 0..m.state.len() {
                        let x = k.var(v)[0];
                        assert!(
                            x.is_finite(),
                            "{name}: {} = {x} (I {current}, jump {jump})",
                            m.state[v].name
                        );
                    }
                }
            }
        }
    }
}
