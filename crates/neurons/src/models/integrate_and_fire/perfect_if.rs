//! Perfect (non-leaky) integrate-and-fire neuron: the membrane integrates its input without
//! loss, C_m dV/dt = I + I_e (Lapicque's model without the leak; Gerstner & Kistler 2002,
//! §4.1; NEST's `iaf_psc_delta` in the limit tau_m -> inf).
//!
//! Numerics: with I held over the step the update V += h (I + I_e) / C_m is exact.
//! Delta-synapse jumps are added after the step; V >= V_th emits a spike, sets V = V_reset
//! and holds it there for t_ref, during which input is discarded (the family's conventions).

use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "perfect_if",
    class: "PerfectIFNeuron",
    summary: "C_m dV/dt = I + I_e (no leak); V >= V_th -> spike, V = V_reset, clamped for \
              t_ref. Exact update over each step.",
    citation: "Lapicque (1907) J. Physiol. Pathol. Gen. 9:620; Gerstner & Kistler (2002) \
               Spiking Neuron Models, Cambridge University Press, sec. 4.1",
    input_unit: "pA",
    params: {
        c_m: standard::c_m(250.0),
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
    build: point,
}

impl Dynamics for Model {
    type Consts = (Parameters, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64) {
        (*p, whole_steps(p.t_ref, dt))
    }

    fn init((p, _): &(Parameters, f64)) -> Vars {
        Vars {
            v: p.v_init,
            refractory: 0.0,
        }
    }

    #[inline(always)]
    fn step((p, t_ref): &(Parameters, f64), s: &mut Vars, input: Input, _: &mut Aux<'_>) -> bool {
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        s.v += input.dt * (input.current + p.i_e) / p.c_m + input.jump;
        if s.v >= p.v_th {
            s.v = p.v_reset;
            s.refractory = *t_ref;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::spike_times;
    use super::*;

    /// Under a constant current I the interval is t_ref + C_m (V_th - V_reset) / (I + I_e),
    /// on the step grid: every interval within one step above it.
    #[test]
    fn interval_is_the_charging_time() {
        let dt = 0.01;
        for &(i, t_ref) in &[(500.0, 2.0), (100.0, 0.0)] {
            let times = spike_times(&MODEL, &[("t_ref", t_ref)], i, dt, 300.0);
            let period = t_ref + 250.0 * 15.0 / i;
            assert!(times.len() > 5);
            for isi in times.windows(2).map(|w| w[1] - w[0]) {
                assert!(
                    isi >= period - 1e-9 && isi <= period + dt + 1e-9,
                    "{isi} vs {period}"
                );
            }
        }
    }
}
