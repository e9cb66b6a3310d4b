//! Leaky integrate-and-fire neuron with escape noise (Gerstner & Kistler 2002, sec. 5.3;
//! Jolivet, Rauch, Lüscher & Gerstner 2006): the membrane follows the LIF equation
//!
//! tau_m dV/dt = -(V - E_L) + (tau_m / C_m)(I + I_e),
//!
//! and the neuron fires stochastically with the hazard (escape rate)
//!
//! rho(t) = rho_0 exp((V(t) - theta) / delta_u),
//!
//! i.e. with probability 1 - exp(-int rho dt) in a step. After a spike V = V_reset, held
//! for t_ref (input discarded), as the integrate-and-fire family.
//!
//! Numerics: V is integrated exactly (I held over the step); int rho dt over the step uses
//! Simpson's rule on the exact trajectory (V at the start, middle and end). The exponent is
//! clamped at 50 (rho <= rho_0 e^50, a spike within any step) so that a runaway V gives no
//! overflow. Spikes by time rescaling on the neuron's own stream (`aux.rng()`): the state
//! `z` is the integrated hazard left until the next spike. Delta-synapse jumps are added to
//! V at the end of the step (after the spike draw).
//!
//! Defaults: LIF constants of the catalogue's `lif`; rho_0 = 1 kHz (a time constant
//! tau_0 = 1 ms at threshold), delta_u = 2 mV: illustrative values, not a fit.

use super::inhomogeneous_poisson::hazard_step;
use crate::define::*;
use integrate::{refractory_step, whole_steps};

crate::model! {
    name: "escape_rate",
    class: "EscapeRateNeuron",
    summary: "LIF with escape noise: tau_m dV/dt = -(V - E_L) + (tau_m/C_m)(I + I_e); fires \
              with hazard rho_0 exp((V - theta)/delta_u) (probability 1 - exp(-int rho dt) \
              per step); V = V_reset, clamped for t_ref after a spike. Exact V, Simpson \
              hazard.",
    citation: "Gerstner & Kistler (2002) Spiking Neuron Models, Cambridge University Press, \
               sec. 5.3 (escape noise); Jolivet, Rauch, Lüscher & Gerstner (2006) J. Comput. \
               Neurosci. 21:35-49",
    input_unit: "pA",
    params: {
        tau_m: standard::tau_m(10.0),
        c_m: standard::c_m(250.0),
        e_l: standard::e_l(-70.0),
        v_th: param("mV", -55.0, Finite, "soft threshold theta: the hazard is rho_0 there"),
        rho_0: param("Hz", 1000.0, NonNegative, "hazard at V = theta"),
        delta_u: param("mV", 2.0, Positive, "sharpness of the escape: e-fold of the hazard"),
        v_reset: standard::v_reset(-70.0),
        t_ref: standard::t_ref(2.0),
        i_e: standard::i_e(0.0),
        v_init: standard::v_init(-70.0),
    },
    state: {
        v: ("mV", "membrane potential"),
        refractory: ("ms", "refractory time left"),
        z: ("1", "integrated hazard left until the next spike (Exp(1) draw; <= 0: draw anew)"),
    },
    membrane: v,
    require: [v_reset < v_th],
    drive: 500.0,
    spontaneous: "escape noise: the hazard is positive at rest (rho_0 exp((E_L - theta) / \
                  delta_u) = 0.55 Hz at the defaults)",
    stochastic: true,
    build: point,
}

/// Hazard rho_0 exp((v - theta)/delta_u) in Hz, exponent clamped at 50.
#[inline]
fn hazard(p: &Parameters, v: f64) -> f64 {
    p.rho_0 * ((v - p.v_th) / p.delta_u).min(50.0).exp()
}

impl Dynamics for Model {
    /// (parameters, decay over a step, decay over half a step, t_ref in whole steps)
    type Consts = (Parameters, f64, f64, f64);

    fn prepare(p: &Parameters, dt: f64) -> (Parameters, f64, f64, f64) {
        (
            *p,
            (-dt / p.tau_m).exp(),
            (-0.5 * dt / p.tau_m).exp(),
            whole_steps(p.t_ref, dt),
        )
    }

    fn init((p, ..): &(Parameters, f64, f64, f64)) -> Vars {
        Vars {
            v: p.v_init,
            refractory: 0.0,
            z: 0.0,
        }
    }

    #[inline(always)]
    fn step(
        c: &(Parameters, f64, f64, f64),
        s: &mut Vars,
        input: Input,
        aux: &mut Aux<'_>,
    ) -> bool {
        let (p, decay, half, t_ref) = c;
        if refractory_step(&mut s.refractory, input.dt) {
            return false;
        }
        let v_inf = p.e_l + p.tau_m / p.c_m * (input.current + p.i_e);
        let v0 = s.v;
        let v_mid = v_inf + (v0 - v_inf) * half;
        let v1 = v_inf + (v0 - v_inf) * decay;
        let big_h =
            input.dt * 1e-3 / 6.0 * (hazard(p, v0) + 4.0 * hazard(p, v_mid) + hazard(p, v1));
        s.v = v1;
        if hazard_step(&mut s.z, big_h, aux.rng()) {
            s.v = p.v_reset;
            s.refractory = *t_ref;
            return true;
        }
        s.v += input.jump;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// With V held at a constant level (E_L = V_reset = V_init, no input) the train is a
    /// Poisson process with dead time: spike probability p = 1 - exp(-rho dt) per step,
    /// rho = rho_0 exp((E_L - theta)/delta_u), then t_ref/dt dead steps: the mean ISI is
    /// t_ref + dt/p. The count over 300 neurons and 1 s is within 4 sd (~1.5 %).
    #[test]
    fn clamped_membrane_fires_at_the_escape_rate() {
        let (n, dt, steps) = (300, 0.1, 10_000);
        for (e_l, t_ref) in [(-57.0, 2.0), (-60.0, 0.0)] {
            let given = [
                ("e_l", e_l),
                ("v_reset", e_l),
                ("v_init", e_l),
                ("t_ref", t_ref),
            ];
            let mut k = kernel(&MODEL, &given, n, dt, 3);
            let trains = run(k.as_mut(), steps, 0.0, 0.0);
            let total: usize = trains.iter().map(Vec::len).sum();
            let rho = 1000.0 * ((e_l + 55.0) / 2.0f64).exp();
            let p = -(-rho * dt * 1e-3f64).exp_m1();
            let isi = t_ref + dt / p;
            let expected = n as f64 * steps as f64 * dt / isi;
            // Renewal counts: variance = CV^2 mean, CV = (dt/p)/isi at most 1.
            let sd = expected.sqrt();
            assert!(
                (total as f64 - expected).abs() < 4.0 * sd,
                "E_L {e_l}: {total} vs {expected} (rho {rho} Hz)"
            );
        }
    }

    /// Far below threshold the neuron is practically silent; far above it fires at once.
    #[test]
    fn hazard_grows_with_depolarisation() {
        let mut k = kernel(&MODEL, &[], 100, 0.1, 1);
        let quiet: usize = run(k.as_mut(), 1000, 0.0, 0.0).iter().map(Vec::len).sum();
        let mut k = kernel(&MODEL, &[], 100, 0.1, 1);
        let loud: usize = run(k.as_mut(), 1000, 500.0, 0.0).iter().map(Vec::len).sum();
        assert!(quiet < 10 && loud > 100 * 5, "{quiet} {loud}");
    }
}
