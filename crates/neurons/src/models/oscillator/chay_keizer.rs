//! Chay–Keizer (1983) minimal model of the pancreatic beta-cell: Hodgkin–Huxley-type Ca and
//! K currents with the rate functions shifted by V' and V*, a Ca-activated K current and the
//! intracellular Ca that slowly activates it and ends each burst.
//!
//! C dV/dt = I + I_e + 2 I_Ca + I_K + I_KCa + I_L   (currents inward-positive here:)
//! I_Ca = g_Ca m^3 h (V_Ca - V),  I_K = g_K n^4 (V_K - V),
//! I_KCa = g_KCa Ca/(Ca + K_d) (V_K - V),  I_L = g_L (V_L - V),
//! dx/dt = phi (alpha_x (1 - x) - beta_x x), x in {m, h, n}, phi = 3^((T - 6.3)/10),
//! alpha_m = 0.1 (u - 25)/(1 - exp(-(u - 25)/10)), beta_m = 4 exp(-u/18),
//! alpha_h = 0.07 exp(-u/20), beta_h = 1/(1 + exp(-(u - 30)/10)),  u = V + V',
//! alpha_n = 0.01 (w - 10)/(1 - exp(-(w - 10)/10)), beta_n = 0.125 exp(-w/80),  w = V + V*,
//! dCa/dt = f (3 I_Ca/(r F) - k_Ca Ca),
//!
//! with the values of the Sherman lab's transcription of the original model (ck.ode,
//! "Original Chay-Keizer beta cell, Biophys. J. 42:181-190 '83"), including its factor 2 on
//! I_Ca in the voltage equation: C = 1 uF/cm^2, g_Ca = 6.5, g_K = 12, g_L = 0.04,
//! g_KCa = 0.09 mS/cm^2, V_Ca = 100, V_K = -75, V_L = -40, V' = 50, V* = 30 mV, T = 20 C,
//! r = 8.9e-4 cm, f = 0.004, F = 96487 C/mol, K_d = 1 uM, k_Ca = 0.04 /ms. At these values
//! the cell bursts without input: active phases of spikes between about -38 and -20 mV
//! lasting seconds alternate with silent phases near -58 mV. Input: current density
//! (uA/cm^2). The removable singularities of alpha_m and alpha_n are evaluated by their
//! limits.
//!
//! Spikes: an upward crossing of `v_th` (default -30 mV) between accepted integrator steps or
//! by a delta-synapse jump (added to V at the end of the step); no reset. Initial state: the
//! transcription's (V = -54.774 mV, m = 0.027532, h = 0.086321, n = 0.00044035,
//! Ca = 0.10749 uM).
//!
//! Numerics: Dormand–Prince 5(4) with error control (`Tolerance::DEFAULT`), step carried
//! between network steps. The rate functions see V bounded to +-200 mV (beyond any
//! trajectory under physiological input) so that absurd inputs cannot make them overflow.

use super::hindmarsh_rose::jump_crosses;
use crate::define::*;
use integrate::exprel_inv;

crate::model! {
    name: "chay_keizer",
    class: "ChayKeizerNeuron",
    summary: "C dV/dt = I + 2 g_Ca m^3 h (V_Ca - V) + g_K n^4 (V_K - V) + g_KCa Ca/(Ca + K_d) \
              (V_K - V) + g_L (V_L - V); m, h, n: HH rates shifted by V' = 50 and V* = 30 mV, \
              phi = 3^((T - 6.3)/10); dCa/dt = f (3 I_Ca/(r F) - k_Ca Ca) (beta-cell \
              burster, bursts without input). Spike = upward crossing of v_th (-30 mV). \
              Adaptive RK45.",
    citation: "Chay & Keizer (1983) Biophys. J. 42:181-190",
    input_unit: "uA/cm^2",
    params: {
        c_m: param("uF/cm^2", 1.0, Positive, "specific membrane capacitance"),
        g_ca: param("mS/cm^2", 6.5, NonNegative, "maximal Ca conductance"),
        g_k: param("mS/cm^2", 12.0, NonNegative, "maximal delayed-rectifier K conductance"),
        g_l: param("mS/cm^2", 0.04, NonNegative, "leak conductance"),
        g_kca: param("mS/cm^2", 0.09, NonNegative, "maximal Ca-activated K conductance"),
        v_ca: param("mV", 100.0, Finite, "Ca reversal potential"),
        v_k: param("mV", -75.0, Finite, "K reversal potential"),
        v_l: param("mV", -40.0, Finite, "leak reversal potential"),
        v_prime: param("mV", 50.0, Finite, "shift V' of the Ca-current rate functions"),
        v_star: param("mV", 30.0, Finite, "shift V* of the K-current rate functions"),
        temp: param("C", 20.0, Finite, "temperature (rates scaled by 3^((T - 6.3)/10))"),
        r: param("cm", 8.9e-4, Positive, "cell radius"),
        f: param("1", 0.004, Positive, "fraction of free Ca"),
        k_d: param("uM", 1.0, Positive, "Ca dissociation constant of the K(Ca) channel"),
        k_ca: param("1/ms", 0.04, NonNegative, "Ca removal rate"),
        i_e: standard::i_e_in("uA/cm^2", 0.0),
        v_th: param("mV", -30.0, Finite, "spike detection level: an upward crossing is one spike"),
    },
    state: {
        v: ("mV", "membrane potential"),
        m: ("1", "Ca activation"),
        h: ("1", "Ca inactivation"),
        n: ("1", "K activation"),
        ca: ("uM", "free intracellular Ca concentration"),
    },
    membrane: v,
    drive: 1.0,
    spontaneous: "the Chay-Keizer beta-cell bursts without input at its published parameters",
    build: point,
}

/// Faraday's constant, C/mol.
const FARADAY: f64 = 96487.0;

/// Bound on V inside the rate functions, mV.
const V_GATE: f64 = 200.0;

/// The Ca current I_Ca = g_Ca m^3 h (V_Ca - V) (inward-positive), uA/cm^2.
#[inline(always)]
pub(crate) fn i_ca(p: &Parameters, s: &Vars) -> f64 {
    p.g_ca * s.m * s.m * s.m * s.h * (p.v_ca - s.v)
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, _dt: f64) -> (Parameters, f64) {
        (*p, 3f64.powf((p.temp - 6.3) / 10.0))
    }

    fn init(_: &(Parameters, f64)) -> Vars {
        Vars {
            v: -54.774,
            m: 0.027532,
            h: 0.086321,
            n: 0.00044035,
            ca: 0.10749,
        }
    }

    #[inline(always)]
    fn step((p, phi): &(Parameters, f64), s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let i = input.current + p.i_e;
        let influx = 3.0 / (p.r * FARADAY);
        let f = |y: Vars| {
            let g = y.v.clamp(-V_GATE, V_GATE);
            let u = g + p.v_prime;
            let w = g + p.v_star;
            let a_m = exprel_inv(-(u - 25.0) / 10.0);
            let b_m = 4.0 * (-u / 18.0).exp();
            let a_h = 0.07 * (-u / 20.0).exp();
            let b_h = 1.0 / (1.0 + (-(u - 30.0) / 10.0).exp());
            let a_n = 0.1 * exprel_inv(-(w - 10.0) / 10.0);
            let b_n = 0.125 * (-w / 80.0).exp();
            let ica = i_ca(p, &y);
            let ik = p.g_k * y.n.powi(4) * (p.v_k - y.v);
            let ikca = p.g_kca * y.ca / (y.ca + p.k_d) * (p.v_k - y.v);
            let il = p.g_l * (p.v_l - y.v);
            Vars {
                v: (i + 2.0 * ica + ik + ikca + il) / p.c_m,
                m: phi * (a_m * (1.0 - y.m) - b_m * y.m),
                h: phi * (a_h * (1.0 - y.h) - b_h * y.h),
                n: phi * (a_n * (1.0 - y.n) - b_n * y.n),
                ca: p.f * (influx * ica - p.k_ca * y.ca),
            }
        };
        let mut fired = false;
        *s = integrate::rk45(
            *s,
            input.dt,
            aux.h,
            Tolerance::DEFAULT,
            f,
            |before, after| {
                fired |= before.v < p.v_th && after.v >= p.v_th;
                None
            },
        );
        jump_crosses(&mut s.v, input.jump, p.v_th) | fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::hindmarsh_rose::tests::kernel;
    use super::*;
    use crate::StepInput;

    /// Without input the cell bursts: spikes grouped in active phases separated by silent
    /// phases of seconds. Over whole burst cycles Ca returns to its value, so the mean influx
    /// 3 I_Ca/(r F) equals k_Ca times the mean Ca (the Ca balance, a closed-form identity of
    /// the model), here within 2 %.
    #[test]
    fn bursts_and_balances_calcium_over_cycles() {
        let dt = 0.25;
        let mut k = kernel(&MODEL, &[], dt);
        let p = Parameters::of(&crate::Params::defaults(&MODEL, 1), 0);
        let mut spikes = Vec::new();
        let mut s = Vec::new();
        let mut trace = Vec::new();
        for step in 0..(60_000.0 / dt) as usize {
            s.clear();
            k.step(
                &StepInput {
                    jump: &[0.0],
                    current: &[0.0],
                },
                &mut s,
            );
            if !s.is_empty() {
                spikes.push((step + 1) as f64 * dt);
            }
            let y = Vars {
                v: k.var(0)[0],
                m: k.var(1)[0],
                h: k.var(2)[0],
                n: k.var(3)[0],
                ca: k.var(4)[0],
            };
            trace.push((i_ca(&p, &y), y.ca));
        }
        let isi: Vec<f64> = spikes.windows(2).map(|w| w[1] - w[0]).collect();
        let pauses: Vec<usize> = (0..isi.len()).filter(|&i| isi[i] > 2000.0).collect();
        assert!(pauses.len() >= 3, "{}", pauses.len());
        for w in pauses.windows(2) {
            assert!(w[1] - w[0] >= 20, "{}", w[1] - w[0]);
        }
        let (t0, t1) = (spikes[pauses[0] + 1], spikes[*pauses.last().unwrap() + 1]);
        let (i0, i1) = ((t0 / dt) as usize, (t1 / dt) as usize);
        let n = (i1 - i0) as f64;
        let influx = 3.0 / (p.r * FARADAY) * trace[i0..i1].iter().map(|x| x.0).sum::<f64>() / n;
        let removal = p.k_ca * trace[i0..i1].iter().map(|x| x.1).sum::<f64>() / n;
        assert!(
            (influx / removal - 1.0).abs() < 0.02,
            "{influx} vs {removal}"
        );
    }
}
