//! Galves–Löcherbach neuron: the discrete-time stochastic neuron with variable-length memory
//! of Galves & Löcherbach (2013), in the leaky form of Brochini et al. (2016). Time advances
//! in map steps of `period` ms; at every map step t the neuron fires (X[t] = 1) with
//! probability Phi(V[t]), and
//!
//! V[t+1] = 0                        if X[t] = 1   (the memory starts again at a spike),
//! V[t+1] = mu V[t] + I[t] + S[t]    otherwise,
//!
//! Phi(V) = min(1, max(0, gamma (V - theta)))   (the piecewise-linear firing function of
//! Brochini et al.), where I is the input current held over the network step in which the
//! map step ends (input unit "1": potential per map step; I_e added) and S the summed
//! delta-synapse weights received since the last map step (the W X_j[t] of the source).
//!
//! Map steps happen at t = k period, counted with the network's dt (a network step spanning
//! several map steps performs each, with that step's input); a spike is emitted in the network
//! step in which its map step ends. Draws come from the neuron's own stream (`aux.rng()`):
//! the trial of each map step (probability Phi) is made by a hazard clock, `z` the summed
//! hazard -ln(1 - Phi) left until the next spike, drawn Exp(1) at each spike.
//! Defaults: mu = 0.9, gamma = 1, theta = 0, period = 1 ms (illustrative; the source leaves
//! mu, Phi and the time unit free).

use super::inhomogeneous_poisson::hazard_step;
use crate::define::*;

crate::model! {
    name: "galves_locherbach",
    class: "GalvesLocherbachNeuron",
    summary: "Discrete-time stochastic neuron, one map step per `period` ms: fires with \
              probability Phi(V) = min(1, [gamma (V - theta)]_+); V -> 0 after a spike, else \
              V -> mu V + I + I_e + S (S: delta-synapse weights since the last map step).",
    citation: "Galves & Löcherbach (2013) J. Stat. Phys. 151:896-921; Brochini, de Andrade \
               Costa, Abadi, Roque, Stolfi & Kinouchi (2016) Sci. Rep. 6:35831 (leaky form)",
    input_unit: "1",
    params: {
        mu: param("1", 0.9, Closed(0.0, 1.0), "leak factor of V per map step"),
        gamma: param("1", 1.0, NonNegative, "slope of the firing function per unit V"),
        theta: param("1", 0.0, Finite, "threshold of the firing function"),
        period: param("ms", 1.0, Positive, "map step"),
        i_e: standard::i_e_in("1", 0.0),
        v_init: standard::init("1", 0.0, "initial V"),
    },
    state: {
        v: ("1", "membrane potential V"),
        s: ("1", "delta-synapse weights received since the last map step"),
        elapsed: ("ms", "time since the last map step"),
        z: ("1", "integrated hazard -sum ln(1 - Phi) left until the next spike (Exp(1) draw)"),
    },
    membrane: v,
    delta_input: "a weight w adds w to the input S of the next map step",
    drive: 0.5,
    stochastic: true,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(p: &Parameters) -> Vars {
        Vars {
            v: p.v_init,
            ..Vars::default()
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, st: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        st.s += input.jump;
        st.elapsed += input.dt;
        let mut fired = false;
        while st.elapsed >= p.period * (1.0 - 1e-9) {
            st.elapsed -= p.period;
            let phi = (p.gamma * (st.v - p.theta)).clamp(0.0, 1.0);
            // Probability phi as a hazard -ln(1 - phi) (infinite at phi = 1).
            let x = hazard_step(&mut st.z, -(-phi).ln_1p(), aux.rng());
            st.v = if x {
                0.0
            } else {
                p.mu * st.v + input.current + p.i_e + st.s
            };
            st.s = 0.0;
            fired |= x;
        }
        st.elapsed = st.elapsed.max(0.0);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rate::sigmoid_rate::testing::{kernel, run};
    use super::*;

    /// The ISI distribution is the closed form of the renewal process: after a spike
    /// V_1 = 0, V_j = I (1 - mu^(j-1)) / (1 - mu), P(ISI = k) = Phi(V_k) prod_{j<k} (1 -
    /// Phi(V_j)); the stationary rate 1 / E[ISI] is compared over 2000 neurons from a spike
    /// (v_init large: Phi = 1 at the first map step), within 4 sd.
    #[test]
    fn rate_is_one_over_the_renewal_mean_interval() {
        let (n, mu, gamma, i): (usize, f64, f64, f64) = (2000, 0.8, 0.25, 0.3);
        let mut mean = 0.0;
        let mut survive = 1.0;
        for k in 1..10_000 {
            let v = i * (1.0 - mu.powi(k - 1)) / (1.0 - mu);
            let phi = (gamma * v).clamp(0.0, 1.0);
            mean += k as f64 * survive * phi;
            survive *= 1.0 - phi;
        }
        let given = [("mu", mu), ("gamma", gamma), ("v_init", 10.0)];
        let mut k = kernel(&MODEL, &given, n, 0.5, 3);
        // 2000 map steps of 1 ms at dt = 0.5 ms.
        let trains = run(k.as_mut(), 4000, i, 0.0);
        // Renewal from a spike at map step 1: expected count ~ 1 + (T - 1) / E[ISI].
        let total: usize = trains.iter().map(Vec::len).sum();
        let expected = n as f64 * (1.0 + 1999.0 / mean);
        assert!(
            (total as f64 - expected).abs() < 4.0 * expected.sqrt(),
            "{total} vs {expected} (mean ISI {mean} map steps)"
        );
        // Spikes only at the ends of map steps (odd network steps).
        assert!(trains.iter().flatten().all(|s| s % 2 == 1));
    }
}
