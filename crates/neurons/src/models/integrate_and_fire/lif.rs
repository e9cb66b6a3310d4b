//! Leaky integrate-and-fire neuron with exact integration (NEST `iaf_psc_delta`).
//!
//! tau_m dV/dt = -(V - E_L) + R I(t),  R = tau_m / C_m.
//! Over one step of length h with I held constant, the exact solution is
//! V(t+h) = V_inf + (V(t) - V_inf) exp(-h/tau_m), V_inf = E_L + R (I + I_e).
//! Delta-synapse jumps are added after the propagation; V >= V_th emits a spike, sets
//! V = V_reset and holds it there for t_ref, during which input is discarded (as NEST).

use super::{per_neuron, refractory_clock, refractory_time, select};
use crate::define::*;
use crate::{BuildContext, NeuronKernel, StepInput};

crate::model! {
    name: "lif",
    class: "LIFNeuron",
    summary: "tau_m dV/dt = -(V - E_L) + (tau_m/C_m)(I + I_e); V >= V_th -> spike, V = V_reset, \
              clamped for t_ref. Exact integration over each step (iaf_psc_delta).",
    citation: "Lapicque (1907); Tuckwell (1988) Introduction to Theoretical Neurobiology; \
               Rotter & Diesmann (1999) Biol. Cybern. 81:381 (exact integration)",
    input_unit: "pA",
    params: {
        tau_m: standard::tau_m(10.0),
        c_m: standard::c_m(250.0),
        e_l: param("mV", -70.0, Finite, "resting potential"),
        v_th: standard::v_th(-55.0),
        v_reset: standard::v_reset(-70.0),
        t_ref: standard::t_ref(2.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        refractory: ("ms", "refractory time left"),
    },
    membrane: v,
    require: [v_reset < v_th],
    drive: 500.0,
    build: build,
}

fn build(ctx: &BuildContext<'_>) -> Box<dyn NeuronKernel> {
    let p = ParamArrays::of(ctx.params);
    let h = ctx.dt_ms;
    let n = ctx.n;
    let (decay, t_ref) = (
        p.tau_m.map(|tau| (-h / tau).exp()),
        refractory_time(p.t_ref, h),
    );
    let r = per_neuron(n, |i| p.tau_m.at(i) / p.c_m.at(i));
    let at = |i: usize| Consts {
        decay: decay.at(i),
        r: r.at(i),
        e_l: p.e_l.at(i),
        v_th: p.v_th.at(i),
        v_reset: p.v_reset.at(i),
        i_e: p.i_e.at(i),
        t_ref: t_ref.at(i),
    };
    let uniform = [&decay, &r, p.e_l, p.v_th, p.v_reset, p.i_e, &t_ref]
        .iter()
        .all(|a| a.uniform().is_some());
    Box::new(Lif {
        consts: if uniform {
            PerPopulation::Uniform(at(0))
        } else {
            PerPopulation::PerNeuron((0..n).map(at).collect())
        },
        h,
        v: p.v_init.to_vec(n),
        ref_ms: vec![0.0; n],
        v_next: vec![0.0; n],
        fired: vec![0; n],
    })
}

/// Struct-of-arrays state of a LIF population.
struct Lif {
    consts: PerPopulation,
    h: f64,
    v: Vec<f64>,
    /// Refractory time left, ms.
    ref_ms: Vec<f64>,
    /// Scratch: the potentials being computed (swapped with `v` after each step).
    v_next: Vec<f64>,
    /// Scratch: 1 where the neuron spiked in the step just computed.
    fired: Vec<u8>,
}

/// The neurons' constants: one set when every neuron has the same (the common case, whose
/// step the compiler vectorises with the constants in registers), else one per neuron.
enum PerPopulation {
    Uniform(Consts),
    PerNeuron(Vec<Consts>),
}

/// One neuron's constants, derived from its parameters once.
#[derive(Clone, Copy)]
struct Consts {
    /// exp(-h / tau_m).
    decay: f64,
    /// tau_m / C_m.
    r: f64,
    e_l: f64,
    v_th: f64,
    v_reset: f64,
    i_e: f64,
    /// Refractory time set at a spike (`t_ref` rounded to whole steps), ms.
    t_ref: f64,
}

/// The update of every neuron, without branches so that it vectorises: the same arithmetic,
/// in the same order, as the branchy form (refractory neurons keep V and count down;
/// the others integrate exactly, add their jumps, and reset at threshold), so the results
/// are bit-identical to it. Writes the new potentials to `v_next` (a store back into `v`
/// under a condition would not vectorise) and `fired[i] = 1` for the neurons that spiked.
#[inline(always)]
fn update(
    consts: impl Fn(usize) -> Consts,
    h: f64,
    v: &[f64],
    v_next: &mut [f64],
    ref_ms: &mut [f64],
    input: &StepInput<'_>,
    fired: &mut [u8],
) {
    let n = v.len();
    let (v_next, ref_ms, fired) = (&mut v_next[..n], &mut ref_ms[..n], &mut fired[..n]);
    let (jump, current) = (&input.jump[..n], &input.current[..n]);
    let lanes = v_next
        .iter_mut()
        .zip(ref_ms.iter_mut())
        .zip(fired.iter_mut())
        .zip(v.iter().zip(jump).zip(current));
    for (i, (((v_next, ref_ms), fired), ((&v, &jump), &current))) in lanes.enumerate() {
        let c = consts(i);
        let (refractory, counted_down) = refractory_clock(*ref_ms, h);
        let v_inf = c.e_l + c.r * (current + c.i_e);
        let integrated = v_inf + (v - v_inf) * c.decay + jump;
        let spike = !refractory & (integrated >= c.v_th);
        *v_next = select(refractory, v, select(spike, c.v_reset, integrated));
        // A spike implies not refractory, whose clock is then 0.
        *ref_ms = select(spike, c.t_ref, counted_down);
        *fired = spike as u8;
    }
}

sc_neurocore_core::vectorized_fn!(fn update_fast(
    consts: impl Fn(usize) -> Consts,
    h: f64,
    v: &[f64],
    v_next: &mut [f64],
    ref_ms: &mut [f64],
    input: &StepInput<'_>,
    fired: &mut [u8],
) => update);

impl NeuronKernel for Lif {
    fn len(&self) -> usize {
        self.v.len()
    }

    fn step(&mut self, input: &StepInput<'_>, spikes: &mut Vec<u32>) {
        let (h, v, v_next) = (self.h, &self.v, &mut self.v_next);
        let (ref_ms, fired) = (&mut self.ref_ms, &mut self.fired);
        match &self.consts {
            PerPopulation::Uniform(c) => {
                let c = *c;
                update_fast(|_| c, h, v, v_next, ref_ms, input, fired)
            }
            PerPopulation::PerNeuron(per) => {
                update_fast(|i| per[i], h, v, v_next, ref_ms, input, fired)
            }
        }
        std::mem::swap(&mut self.v, &mut self.v_next);
        crate::point::push_fired(&self.fired, spikes);
    }

    fn var(&self, index: usize) -> &[f64] {
        match index {
            0 => &self.v,
            _ => &self.ref_ms,
        }
    }

    fn var_mut(&mut self, index: usize) -> &mut [f64] {
        match index {
            0 => &mut self.v,
            _ => &mut self.ref_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{hold, kernel, spike_times};
    use super::*;

    /// Below threshold with a constant current, V follows the analytic trajectory
    /// V(t) = V_inf + (V0 - V_inf) exp(-t/tau_m) to machine precision, at any dt.
    #[test]
    fn membrane_follows_the_analytic_trajectory() {
        for &dt in &[0.01, 0.1, 0.5] {
            let mut k = kernel(&MODEL, &[], dt);
            // 200 pA: V_inf = -70 + 40 * 0.2 = -62 mV < v_th
            let steps = (50.0 / dt).round() as usize;
            assert!(hold(k.as_mut(), 200.0, steps).is_empty());
            let t = steps as f64 * dt;
            let expected = -62.0 + (-70.0 - -62.0) * (-t / 10.0f64).exp();
            approx::assert_abs_diff_eq!(k.var(0)[0], expected, epsilon = 1e-9);
        }
    }

    /// Under a constant suprathreshold current the LIF fires periodically with
    /// 1/f = t_ref + tau_m ln((V_inf - V_reset)/(V_inf - V_th)), V_inf = E_L + R I
    /// (for V_reset = E_L: t_ref + tau ln(R I / (R I - (V_th - E_L)))). Spikes are reported
    /// on the step grid, so every interval lies within one step above the analytic one.
    #[test]
    fn firing_rate_matches_the_analytic_rate() {
        let dt = 0.01;
        for &(current, t_ref) in &[(500.0, 2.0), (1000.0, 0.0), (2000.0, 5.0)] {
            let times = spike_times(&MODEL, &[("t_ref", t_ref)], current, dt, 500.0);
            let r_i = 10.0 / 250.0 * current; // R I in mV (R = tau_m / C_m)
            let period = t_ref + 10.0 * (r_i / (r_i - (-55.0 - -70.0))).ln();
            assert!(times.len() > 10, "{current} pA: {} spikes", times.len());
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    isi >= period - 1e-9 && isi <= period + dt + 1e-9,
                    "{current} pA, t_ref {t_ref}: ISI {isi} vs analytic {period}"
                );
            }
        }
    }
    /// The vectorised update equals the per-neuron branchy form of the module doc (V held
    /// and the clock counted down while refractory, exact propagation, jump, reset at
    /// threshold) bit for bit, with uniform and per-neuron parameters, through spikes and
    /// refractory periods, and for a population size that is not a multiple of the vector
    /// width or of the spike scan's eight.
    #[test]
    fn vectorised_update_equals_the_branchy_form() {
        use super::super::refractory_step;
        use crate::{BuildContext, ParamValue, Params, StepInput};
        let n = 37;
        let (h, steps) = (0.1, 400);
        for per_neuron in [false, true] {
            let vary = |base: f64, by: f64| -> ParamValue {
                if per_neuron {
                    ParamValue::PerNeuron((0..n).map(|i| base + by * i as f64).collect())
                } else {
                    ParamValue::Scalar(base)
                }
            };
            let given = [
                ("tau_m", vary(10.0, 0.25)),
                ("t_ref", vary(2.0, 0.05)),
                ("v_th", vary(-55.0, 0.1)),
                ("i_e", vary(300.0, 5.0)),
            ];
            let params = Params::check(&MODEL, "test", n, given.iter().map(|(k, v)| (*k, v)))
                .unwrap_or_else(|e| panic!("{e}"));
            let mut k = (MODEL.build)(&BuildContext {
                params: &params,
                n,
                dt_ms: h,
                seed: 0,
                first_id: 0,
            });
            let p = |name: &str, i: usize| params.get(name).at(i);
            let mut v: Vec<f64> = (0..n).map(|i| p("v_init", i)).collect();
            let mut left = vec![0.0; n];
            let mut total = 0;
            for step in 0..steps {
                let jump: Vec<f64> = (0..n)
                    .map(|i| ((i * 7 + step * 3) % 11) as f64 * 0.3)
                    .collect();
                let current: Vec<f64> = (0..n).map(|i| ((i + step) % 5) as f64 * 20.0).collect();
                let mut spikes = Vec::new();
                k.step(
                    &StepInput {
                        jump: &jump,
                        current: &current,
                    },
                    &mut spikes,
                );
                let mut expected = Vec::new();
                for i in 0..n {
                    if refractory_step(&mut left[i], h) {
                        continue;
                    }
                    let tau = p("tau_m", i);
                    let v_inf = p("e_l", i) + tau / p("c_m", i) * (current[i] + p("i_e", i));
                    v[i] = v_inf + (v[i] - v_inf) * (-h / tau).exp() + jump[i];
                    if v[i] >= p("v_th", i) {
                        v[i] = p("v_reset", i);
                        left[i] = (p("t_ref", i) / h).round() * h;
                        expected.push(i as u32);
                    }
                }
                assert_eq!(spikes, expected, "step {step}, per-neuron {per_neuron}");
                total += spikes.len();
                let bits = |x: &[f64]| x.iter().map(|y| y.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(k.var(0)), bits(&v), "V, step {step}");
                assert_eq!(bits(k.var(1)), bits(&left), "clock, step {step}");
            }
            assert!(
                total > 5 * n,
                "only {total} spikes: the test must cross threshold"
            );
        }
    }
}
