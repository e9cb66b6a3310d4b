//! Larter–Breakspear neural mass (Larter, Speelman & Worth 1999; Breakspear, Terry &
//! Friston 2003): a Morris–Lecar-type population of pyramidal cells (mean potential V,
//! fraction of open K channels W) with an inhibitory interneuron population (Z),
//!
//! dV/dt = -(g_Ca + r_NMDA a_ee Q_V) m_Ca (V - V_Ca) - g_K W (V - V_K) - g_L (V - V_L)
//!         - (g_Na m_Na + a_ee Q_V)(V - V_Na) - a_ie Z Q_Z + a_ne I,
//! dW/dt = phi (m_K - W) / tau_K,
//! dZ/dt = b (a_ni I + a_ei V Q_V),
//! m_ion = (1 + tanh((V - T_ion) / delta_ion)) / 2,
//! Q_V = Q_V,max (1 + tanh((V - V_T) / delta_V)) / 2,  Q_Z = Q_Z,max (1 + tanh((Z - Z_T) /
//! delta_Z)) / 2,
//!
//! for one isolated column (the source's inter-column coupling C = 0: coupling is input).
//! All variables and parameters are dimensionless as in the source; `time_scale` maps model
//! time to ms (t' = t / time_scale). The input (unit "1") adds to the non-specific
//! (subcortical) input I, which drives both populations. Rate unit: emits no spikes; its
//! state `v` (and the firing rate `q_v`) is the output and is recordable. A delta-synapse
//! weight w adds w to V.
//!
//! Defaults: Breakspear, Terry & Friston (2003), Table 1, with the values of The Virtual
//! Brain's implementation (a_ee = 0.4, delta_Z = 0.7, Q_max = 1, I = 0.3); delta_V = 0.65
//! gives the chaotic regime; below delta_V ~ 0.55 an isolated column has a stable fixed
//! point. Initial state V = W = Z = 0.
//!
//! Numerics: RK4 on equal sub-steps of at most 0.01 model time units.

use crate::define::*;
use integrate::{rk4_steps, sub_steps};

crate::model! {
    name: "larter_breakspear",
    class: "LarterBreakspearNeuron",
    summary: "Rate unit (emits no spikes; its state v is the output): Larter-Breakspear \
              column, dV/dt = -(g_Ca + r_NMDA a_ee Q_V) m_Ca (V - V_Ca) - g_K W (V - V_K) - \
              g_L (V - V_L) - (g_Na m_Na + a_ee Q_V)(V - V_Na) - a_ie Z Q_Z + a_ne I, dW/dt = \
              phi (m_K - W)/tau_K, dZ/dt = b (a_ni I + a_ei V Q_V); tanh activations. RK4.",
    citation: "Breakspear, Terry & Friston (2003) Network: Comput. Neural Syst. 14:703-732; \
               Larter, Speelman & Worth (1999) Chaos 9:795-804",
    input_unit: "1",
    params: {
        g_ca: param("1", 1.1, NonNegative, "Ca conductance"),
        g_k: param("1", 2.0, NonNegative, "K conductance"),
        g_l: param("1", 0.5, NonNegative, "leak conductance"),
        g_na: param("1", 6.7, NonNegative, "Na conductance"),
        v_ca: param("1", 1.0, Finite, "Ca reversal potential"),
        v_k: param("1", -0.7, Finite, "K reversal potential"),
        v_l: param("1", -0.5, Finite, "leak reversal potential"),
        v_na: param("1", 0.53, Finite, "Na reversal potential"),
        t_ca: param("1", -0.01, Finite, "threshold of the Ca channels"),
        t_k: param("1", 0.0, Finite, "threshold of the K channels"),
        t_na: param("1", 0.3, Finite, "threshold of the Na channels"),
        d_ca: param("1", 0.15, Positive, "spread of the Ca channel thresholds"),
        d_k: param("1", 0.3, Positive, "spread of the K channel thresholds"),
        d_na: param("1", 0.15, Positive, "spread of the Na channel thresholds"),
        phi: param("1", 0.7, Positive, "temperature scaling factor of W"),
        tau_k: param("1", 1.0, Positive, "relaxation time of W, model time units"),
        a_ee: param("1", 0.4, NonNegative, "excitatory-to-excitatory strength"),
        a_ei: param("1", 2.0, NonNegative, "excitatory-to-inhibitory strength"),
        a_ie: param("1", 2.0, NonNegative, "inhibitory-to-excitatory strength"),
        a_ne: param("1", 1.0, NonNegative, "non-specific-to-excitatory strength"),
        a_ni: param("1", 0.4, NonNegative, "non-specific-to-inhibitory strength"),
        r_nmda: param("1", 0.25, NonNegative, "ratio of NMDA to AMPA receptors"),
        b: param("1", 0.1, Positive, "time scale of the inhibitory population"),
        v_t: param("1", 0.0, Finite, "mean threshold of the excitatory cells"),
        d_v: param("1", 0.65, Positive, "spread of the excitatory thresholds"),
        z_t: param("1", 0.0, Finite, "mean threshold of the inhibitory cells"),
        d_z: param("1", 0.7, Positive, "spread of the inhibitory thresholds"),
        qv_max: param("1", 1.0, NonNegative, "maximal rate of the excitatory population"),
        qz_max: param("1", 1.0, NonNegative, "maximal rate of the inhibitory population"),
        i_ext: param("1", 0.3, Finite, "non-specific (subcortical) input I"),
        time_scale: param("ms", 1.0, Positive, "milliseconds per model time unit"),
    },
    state: {
        v: ("1", "mean membrane potential of the pyramidal cells (the output)"),
        w: ("1", "fraction of open K channels"),
        z: ("1", "mean membrane potential of the inhibitory interneurons"),
        q_v: ("1", "firing rate Q_V of the pyramidal cells"),
    },
    membrane: v,
    no_drive: NoDrive::EmitsNoSpikes,
    build: point,
}

/// Largest RK4 sub-step, model time units.
const H_MAX: f64 = 0.01;

#[inline]
fn act(x: f64, t: f64, d: f64) -> f64 {
    0.5 * (1.0 + ((x - t) / d).tanh())
}

/// (dV, dW, dZ) per model time unit at input I.
#[inline]
fn derivatives(p: &Parameters, y: Vars, i: f64) -> Vars {
    let m_ca = act(y.v, p.t_ca, p.d_ca);
    let m_na = act(y.v, p.t_na, p.d_na);
    let m_k = act(y.v, p.t_k, p.d_k);
    let q_v = p.qv_max * act(y.v, p.v_t, p.d_v);
    let q_z = p.qz_max * act(y.z, p.z_t, p.d_z);
    Vars {
        v: -(p.g_ca + p.r_nmda * p.a_ee * q_v) * m_ca * (y.v - p.v_ca)
            - p.g_k * y.w * (y.v - p.v_k)
            - p.g_l * (y.v - p.v_l)
            - (p.g_na * m_na + p.a_ee * q_v) * (y.v - p.v_na)
            - p.a_ie * y.z * q_z
            + p.a_ne * i,
        w: p.phi * (m_k - y.w) / p.tau_k,
        z: p.b * (p.a_ni * i + p.a_ei * y.v * q_v),
        q_v: 0.0,
    }
}

impl Dynamics for Model {
    type Consts = (Parameters, usize);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, usize) {
        (*p, sub_steps(dt / p.time_scale, H_MAX))
    }

    fn init((p, _): &(Parameters, usize)) -> Vars {
        Vars {
            q_v: p.qv_max * act(0.0, p.v_t, p.d_v),
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step((p, n): &(Parameters, usize), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let i = p.i_ext + input.current;
        *s = rk4_steps(*s, input.dt / p.time_scale, *n, |y| derivatives(p, y, i));
        s.v += input.jump;
        s.q_v = p.qv_max * act(s.v, p.v_t, p.d_v);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    fn bisect(mut lo: f64, mut hi: f64, f: impl Fn(f64) -> f64) -> f64 {
        let s = f(lo).signum();
        assert!(s != f(hi).signum(), "no sign change in [{lo}, {hi}]");
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if f(mid).signum() == s {
                lo = mid
            } else {
                hi = mid
            }
        }
        0.5 * (lo + hi)
    }

    /// Below delta_V ~ 0.55 an isolated column settles at a fixed point (Breakspear et al.
    /// 2003), which solves: V Q_V(V) = -a_ni I / a_ei (dZ/dt = 0), W = m_K(V), and
    /// a_ie Z Q_Z(Z) = the rest of dV/dt (closed form up to two bisections). The simulated
    /// state matches it to 1e-6.
    #[test]
    fn settles_at_the_analytic_fixed_point_below_the_chaotic_regime() {
        let mut k = kernel(&MODEL, &[("d_v", 0.5)], 1, 0.1, 0);
        run(k.as_mut(), 50_000, 0.0, 0.0);
        let (v, w, z) = (k.var(0)[0], k.var(1)[0], k.var(2)[0]);
        let p = Parameters {
            d_v: 0.5,
            ..Parameters::of(&crate::Params::defaults(&MODEL, 1), 0)
        };
        let i = 0.3;
        let vq = |v: f64| v * p.qv_max * act(v, p.v_t, p.d_v) + p.a_ni * i / p.a_ei;
        let v_star = bisect(-0.3, 0.0, vq);
        let w_star = act(v_star, p.t_k, p.d_k);
        let rest = derivatives(
            &p,
            Vars {
                v: v_star,
                w: w_star,
                z: 0.0,
                q_v: 0.0,
            },
            i,
        )
        .v;
        let z_star = bisect(0.0, 5.0, |z| {
            p.a_ie * z * p.qz_max * act(z, p.z_t, p.d_z) - rest
        });
        eprintln!("Larter-Breakspear: ({v}, {w}, {z}) vs ({v_star}, {w_star}, {z_star})");
        for (a, b) in [(v, v_star), (w, w_star), (z, z_star)] {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
    }

    /// At the default delta_V = 0.65 the column does not settle (chaotic regime).
    #[test]
    fn default_spread_does_not_settle() {
        let mut k = kernel(&MODEL, &[], 1, 0.1, 0);
        run(k.as_mut(), 20_000, 0.0, 0.0);
        let mut v = Vec::new();
        for _ in 0..20_000 {
            run(k.as_mut(), 1, 0.0, 0.0);
            v.push(k.var(0)[0]);
        }
        let (lo, hi) = v
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        assert!(hi - lo > 0.1, "[{lo}, {hi}]");
    }
}
