//! GLIF level 5, leaky integrate-and-fire with biologically defined reset rules,
//! after-spike currents and a voltage-dependent threshold (LIF-R-ASC-A; Teeter et al.
//! 2018), with an alpha-shaped synaptic current, as NEST's `glif_psc` at level 5:
//!
//! C_m dV/dt = -g (V - E_L) + I_1 + I_2 + I_syn + I + I_e
//! dI_j/dt = -k_j I_j  (after-spike currents),  dth_s/dt = -b_s th_s,
//! dth_v/dt = a_v (V - E_L) - b_v th_v,  threshold E_L + th_inf + th_s + th_v
//!
//! V above threshold at the end of a step emits a spike. Then (NEST, Teeter et al. 2018
//! Methods) V = E_L + f_v (V_old - E_L) + delta_v (V_old: the potential at the start of the
//! step), th_s = th_s exp(-b_s t_ref) + a_s, I_j = A_j + r_j I_j exp(-k_j t_ref), and the
//! neuron is frozen for t_ref (V, thresholds and after-spike currents held, input
//! discarded) while the synaptic current evolves. The lower levels are the same dynamics
//! with parts removed: `glif_lif` (1), `glif_lif_r` (2), `glif_lif_asc` (3), `glif_lif_r_asc`
//! (4); levels 1 and 3 reset V to V_reset.
//!
//! Synaptic input: delta-synapse weights w (pA) of either sign start an alpha current
//! w (t/tau_syn) e^(1 - t/tau_syn), peaking at w at tau_syn (NEST glif_psc's one receptor
//! port). NEST's glif_psc has no I_e; it is kept here (default 0) as in the rest of the
//! family.
//!
//! Numerics: the dynamics between spikes are linear with I held over the step and are
//! propagated exactly (propagator from `iaf_psc_exp::propagator`); NEST uses the same exact
//! propagators for V, the threshold and the synaptic current but the step-average of the
//! after-spike currents.

use super::iaf_psc_exp::{apply, propagator};
use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "glif_lif_r_asc_a",
    class: "GlifLifRAscANeuron",
    summary: "GLIF 5: C_m dV/dt = -g (V - E_L) + sum_j I_j + I_syn + I + I_e; dI_j/dt = \
              -k_j I_j; dth_s/dt = -b_s th_s; dth_v/dt = a_v (V - E_L) - b_v th_v; V > \
              E_L + th_inf + th_s + th_v -> spike, V = E_L + f_v (V - E_L) + delta_v, \
              th_s += a_s, I_j = A_j + r_j I_j e^(-k_j t_ref), frozen for t_ref. Alpha PSCs. \
              Exact integration (NEST glif_psc level 5).",
    citation: "Teeter et al. (2018) Nat. Commun. 9:709; Mihalas & Niebur (2009) Neural \
               Comput. 21:704; NEST glif_psc (defaults)",
    input_unit: "pA",
    params: {
        g: standard::g_l(9.43),
        e_l: standard::e_l(-78.85),
        v_th: param("mV", -51.68, Finite, "instantaneous threshold th_inf (absolute)"),
        c_m: standard::c_m(58.72),
        t_ref: standard::t_ref(3.75),
        th_spike_add: param("mV", 0.37, Finite, "threshold jump at a spike, a_s"),
        th_spike_decay: param("1/ms", 0.009, Positive, "spike threshold decay rate, b_s"),
        voltage_reset_fraction: param("1", 0.20, Closed(0.0, 1.0), "reset fraction f_v"),
        voltage_reset_add: param("mV", 18.51, Finite, "reset offset delta_v"),
        asc_amp_1: param("pA", -9.18, Finite, "after-spike current 1 jump A_1"),
        asc_amp_2: param("pA", -198.94, Finite, "after-spike current 2 jump A_2"),
        asc_decay_1: param("1/ms", 0.003, Positive, "after-spike current 1 decay rate k_1"),
        asc_decay_2: param("1/ms", 0.1, Positive, "after-spike current 2 decay rate k_2"),
        asc_r_1: param("1", 1.0, Closed(0.0, 1.0), "after-spike current 1 carry-over r_1"),
        asc_r_2: param("1", 1.0, Closed(0.0, 1.0), "after-spike current 2 carry-over r_2"),
        th_voltage_index: param("1/ms", 0.005, Finite, "voltage threshold coupling a_v"),
        th_voltage_decay: param("1/ms", 0.09, Positive, "voltage threshold decay rate b_v"),
        tau_syn: param("ms", 2.0, Positive, "alpha synaptic current rise time (peak time)"),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-78.85),
    },
    state: {
        v: ("mV", "membrane potential"),
        th_s: ("mV", "spike-dependent threshold component"),
        th_v: ("mV", "voltage-dependent threshold component"),
        asc_1: ("pA", "after-spike current 1"),
        asc_2: ("pA", "after-spike current 2"),
        di_syn: ("pA/ms", "alpha synaptic current derivative term"),
        i_syn: ("pA", "synaptic current"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    delta_input: "adds w e/tau_syn to di_syn: an alpha current of peak w (either sign), pA",
    drive: 500.0,
    build: point,
}

/// The GLIF dynamics with every part; the lower levels set the parts they lack to zero.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Glif {
    pub g: f64,
    pub e_l: f64,
    pub v_th: f64,
    pub c_m: f64,
    pub t_ref: f64,
    /// `Some(V_reset)` for levels 1 and 3, `None` for the fraction rule.
    pub v_reset: Option<f64>,
    pub a_s: f64,
    pub b_s: f64,
    pub f_v: f64,
    pub delta_v: f64,
    pub amp: [f64; 2],
    pub k: [f64; 2],
    pub r: [f64; 2],
    pub a_v: f64,
    pub b_v: f64,
    pub tau_syn: f64,
    pub i_e: f64,
}

/// One GLIF neuron's state (the variables of every level).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct GlifState {
    pub v: f64,
    pub th_s: f64,
    pub th_v: f64,
    pub asc: [f64; 2],
    pub di_syn: f64,
    pub i_syn: f64,
    pub refractory: f64,
}

/// A GLIF neuron's per-step constants.
#[derive(Debug, Clone, Copy)]
pub struct GlifConsts {
    m: Glif,
    /// Propagator of (V - E_L, I_1, I_2, th_s, th_v, D_syn, I_syn, I_const).
    prop: [[f64; 8]; 8],
    t_ref: f64,
    /// exp(-k_j t_ref): the after-spike currents' decay over the refractory period.
    asc_decay: [f64; 2],
    /// exp(-b_s t_ref): the spike-threshold component's decay over it.
    th_s_decay: f64,
}

impl Glif {
    /// Constants for steps of `dt` ms. Rates of levels without a part are 1 /ms (the part
    /// stays zero): the propagator needs finite rates.
    pub fn prepare(self, dt: f64) -> GlifConsts {
        let (g, c, t) = (self.g / self.c_m, 1.0 / self.c_m, 1.0 / self.tau_syn);
        let prop = propagator(
            [
                [-g, c, c, 0.0, 0.0, 0.0, c, c],
                [0.0, -self.k[0], 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                [0.0, 0.0, -self.k[1], 0.0, 0.0, 0.0, 0.0, 0.0],
                [0.0, 0.0, 0.0, -self.b_s, 0.0, 0.0, 0.0, 0.0],
                [self.a_v, 0.0, 0.0, 0.0, -self.b_v, 0.0, 0.0, 0.0],
                [0.0, 0.0, 0.0, 0.0, 0.0, -t, 0.0, 0.0],
                [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, -t, 0.0],
                [0.0; 8],
            ],
            dt,
        );
        // The decays at a spike are constants: computed here, the step is arithmetic and
        // selects only, which the population loop vectorises.
        GlifConsts {
            m: self,
            prop,
            t_ref: whole_steps(self.t_ref, dt),
            asc_decay: [0, 1].map(|j| (-self.k[j] * self.t_ref).exp()),
            th_s_decay: (-self.b_s * self.t_ref).exp(),
        }
    }
}

impl GlifConsts {
    /// One network step; whether the neuron spiked.
    #[inline(always)]
    pub(crate) fn step(&self, s: &mut GlifState, input: Input) -> bool {
        let m = &self.m;
        let refractory = refractory_step(&mut s.refractory, input.dt);
        let y = apply(
            &self.prop,
            [
                s.v - m.e_l,
                s.asc[0],
                s.asc[1],
                s.th_s,
                s.th_v,
                s.di_syn,
                s.i_syn,
                input.current + m.i_e,
            ],
        );
        s.di_syn = y[5] + input.jump * std::f64::consts::E / m.tau_syn;
        s.i_syn = y[6];
        if refractory {
            return false;
        }
        let u_old = s.v - m.e_l;
        (s.asc, s.th_s, s.th_v) = ([y[1], y[2]], y[3], y[4]);
        s.v = m.e_l + y[0];
        if y[0] <= m.v_th - m.e_l + s.th_s + s.th_v {
            return false;
        }
        for j in 0..2 {
            s.asc[j] = m.amp[j] + m.r[j] * s.asc[j] * self.asc_decay[j];
        }
        match m.v_reset {
            Some(v_reset) => s.v = v_reset,
            None => {
                s.v = m.e_l + m.f_v * u_old + m.delta_v;
                s.th_s = s.th_s * self.th_s_decay + m.a_s;
            }
        }
        s.refractory = self.t_ref;
        true
    }
}

impl Dynamics for Model {
    type Consts = (GlifConsts, f64);

    fn prepare(p: &Parameters, dt: f64) -> (GlifConsts, f64) {
        let m = Glif {
            g: p.g,
            e_l: p.e_l,
            v_th: p.v_th,
            c_m: p.c_m,
            t_ref: p.t_ref,
            v_reset: None,
            a_s: p.th_spike_add,
            b_s: p.th_spike_decay,
            f_v: p.voltage_reset_fraction,
            delta_v: p.voltage_reset_add,
            amp: [p.asc_amp_1, p.asc_amp_2],
            k: [p.asc_decay_1, p.asc_decay_2],
            r: [p.asc_r_1, p.asc_r_2],
            a_v: p.th_voltage_index,
            b_v: p.th_voltage_decay,
            tau_syn: p.tau_syn,
            i_e: p.i_e,
        };
        (m.prepare(dt), p.v_init)
    }

    fn init(&(_, v): &(GlifConsts, f64)) -> Vars {
        Vars {
            v,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step((c, _): &(GlifConsts, f64), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        let mut g = GlifState {
            v: s.v,
            th_s: s.th_s,
            th_v: s.th_v,
            asc: [s.asc_1, s.asc_2],
            di_syn: s.di_syn,
            i_syn: s.i_syn,
            refractory: s.refractory,
        };
        let fired = c.step(&mut g, input);
        *s = Vars {
            v: g.v,
            th_s: g.th_s,
            th_v: g.th_v,
            asc_1: g.asc[0],
            asc_2: g.asc[1],
            di_syn: g.di_syn,
            i_syn: g.i_syn,
            refractory: g.refractory,
        };
        fired
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// NEST glif_psc defaults, relative to E_L: tau = C_m/g, th_inf, U_inf = I/g.
    pub(crate) const TAU: f64 = 58.72 / 9.43;
    pub(crate) const TH_INF: f64 = -51.68 + 78.85;

    /// The first root in (0, 200] ms of `gap(t)` (membrane minus threshold, negative at
    /// first), by scanning and bisection.
    pub(crate) fn first_crossing(gap: impl Fn(f64) -> f64) -> f64 {
        let mut t = 1e-3;
        while gap(t) < 0.0 {
            t += 0.01;
            assert!(t < 200.0, "no crossing");
        }
        let (mut lo, mut hi) = (t - 0.01, t);
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if gap(mid) < 0.0 { lo = mid } else { hi = mid }
        }
        hi
    }

    /// The first two spike times (ms) of `model` under a constant current `i` from rest,
    /// at dt = 0.001 ms.
    pub(crate) fn first_two(
        model: &'static crate::ModelInfo,
        given: &[(&str, f64)],
        i: f64,
    ) -> (f64, f64) {
        let t = spike_times(model, given, i, 0.001, 200.0);
        assert!(t.len() >= 2);
        (t[0], t[1])
    }

    /// Second interval of a GLIF neuron after a first spike from rest under `i` pA: frozen
    /// for t_ref, then V - E_L = U_inf + (u_r - U_inf) e^(-t/tau) + sum_j I_j(0)/C
    /// (e^(-k_j t) - e^(-t/tau))/(1/tau - k_j) against th_inf + th_s(0) e^(-b_s t) (the
    /// after-spike currents and th_s as set at the spike, decayed over t_ref). Closed form
    /// shared by levels 2-4.
    pub(crate) fn second_interval(i: f64, u_r: f64, th_s0: f64, asc0: [f64; 2]) -> f64 {
        let (u_inf, c, k, b_s) = (i / 9.43, 58.72, [0.003, 0.1], 0.009);
        3.75 + first_crossing(|t| {
            let mut u = u_inf + (u_r - u_inf) * (-t / TAU).exp();
            for j in 0..2 {
                u += asc0[j] / c * ((-k[j] * t).exp() - (-t / TAU).exp()) / (1.0 / TAU - k[j]);
            }
            u - TH_INF - th_s0 * (-b_s * t).exp()
        })
    }

    /// Level 5, from rest under a constant current: V - E_L = U_inf (1 - e^(-t/tau)) and
    /// th_v(t) = a_v U_inf [(1 - e^(-b_v t))/b_v - (e^(-t/tau) - e^(-b_v t))/(b_v - 1/tau)];
    /// the first spike is where V - E_L reaches th_inf + th_v. Then, below threshold, th_v
    /// settles at a_v U_inf / b_v.
    #[test]
    fn voltage_threshold_matches_the_closed_form() {
        let (a_v, b_v, i) = (0.005, 0.09, 500.0);
        let u_inf = i / 9.43;
        let th_v = |t: f64| {
            a_v * u_inf
                * ((1.0 - (-b_v * t).exp()) / b_v
                    - ((-t / TAU).exp() - (-b_v * t).exp()) / (b_v - 1.0 / TAU))
        };
        let t1 = first_crossing(|t| u_inf * (1.0 - (-t / TAU).exp()) - TH_INF - th_v(t));
        let (s1, _) = first_two(&MODEL, &[], i);
        assert!((s1 - t1).abs() < 0.002, "{s1} vs {t1}");
        let mut k = kernel(&MODEL, &[], 0.1);
        assert!(hold(k.as_mut(), 200.0, 5000).is_empty());
        let expected = a_v * 200.0 / 9.43 / b_v;
        assert!(
            (k.var(2)[0] - expected).abs() < 1e-6,
            "{} vs {expected}",
            k.var(2)[0]
        );
    }
}
