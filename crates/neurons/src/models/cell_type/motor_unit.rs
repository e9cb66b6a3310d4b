//! Motor unit discharge model of Fuglevand, Winter & Patla (1993): a motor unit (alpha
//! motoneuron and its muscle fibres) recruited when the excitatory drive E reaches its
//! recruitment threshold RTE, then discharging with a rate that grows linearly with the
//! drive up to a peak rate, with Gaussian inter-spike-interval variability.
//!
//! E = I + I_e (dimensionless excitation, the unit of RTE). For E >= RTE:
//!   FR = min(g_e (E - RTE) + MFR, PFR)   (Hz)
//! A unit that is recruited discharges at once; after each discharge the next one follows
//! after ISI = mu (1 + cv Z), mu = 1000/FR ms evaluated at the discharge, Z ~ N(0, 1) from the
//! neuron's random stream (clamped to at least 0.05 mu so that an extreme draw cannot give a
//! non-positive interval). Below RTE the unit is silent and the next recruitment discharges
//! at once again. Published values (Fuglevand et al. 1993, Methods): g_e = 1 Hz per unit
//! excitation, minimum rate MFR = 8 Hz, peak rate PFR = 35 Hz (the first-recruited unit:
//! PFR_i = 35 Hz - 10 Hz RTE_i/RTE_n in the pool), ISI coefficient of variation 0.2, and
//! RTE = 1 for the first unit of the pool (RTE_i = exp(ln(30) i / n) across a pool of n).
//!
//! The state is the time since the last discharge and the scheduled interval; spikes fall on
//! the step grid (the model is a discrete point process). A delta-synapse weight w adds w to E
//! for that step.

use crate::define::*;

crate::model! {
    name: "motor_unit",
    class: "MotorUnitNeuron",
    summary: "Fuglevand et al. (1993) motor unit: recruited at excitation E = I + I_e >= RTE; \
              rate FR = min(g_e (E - RTE) + MFR, PFR); first discharge at recruitment, then \
              Gaussian intervals ISI = (1000/FR)(1 + cv Z) ms drawn at each discharge.",
    citation: "Fuglevand, Winter & Patla (1993) J. Neurophysiol. 70:2470-2488 (Methods: \
               recruitment, rate coding and discharge variability)",
    input_unit: "1",
    params: {
        rte: param("1", 1.0, Positive, "recruitment threshold excitation"),
        g_e: param("Hz", 1.0, Positive, "rate gain per unit of excitation above RTE"),
        mfr: param("Hz", 8.0, Positive, "minimum (recruitment) firing rate"),
        pfr: param("Hz", 35.0, Positive, "peak firing rate"),
        cv: param("1", 0.2, NonNegative, "coefficient of variation of the intervals"),
        i_e: standard::i_e_in("1", 0.0),
    },
    state: {
        elapsed: ("ms", "time since the last discharge"),
        isi: ("ms", "scheduled interval to the next discharge (0: not recruited)"),
    },
    membrane: elapsed,
    delta_input: "a weight w adds w to the excitation E for the step in which it arrives",
    require: [mfr < pfr],
    drive: 20.0,
    stochastic: true,
    build: point,
}

impl Dynamics for Model {
    type Consts = Parameters;

    fn prepare(p: &Parameters, _: f64) -> Parameters {
        *p
    }

    fn init(_: &Parameters) -> Vars {
        Vars {
            elapsed: 0.0,
            isi: 0.0,
        }
    }

    #[inline(always)]
    fn step(p: &Parameters, s: &mut Vars, input: Input, aux: &mut Aux<'_>) -> bool {
        let e = input.current + p.i_e + input.jump;
        s.elapsed += input.dt;
        if e < p.rte {
            s.isi = 0.0;
            return false;
        }
        if s.isi > 0.0 && s.elapsed < s.isi {
            return false;
        }
        // Recruited now (isi = 0) or the scheduled interval is over: discharge.
        let mu = 1000.0 / (p.g_e * (e - p.rte) + p.mfr).min(p.pfr);
        s.elapsed = if s.isi > 0.0 { s.elapsed - s.isi } else { 0.0 };
        s.isi = (mu * (1.0 + p.cv * aux.rng().normal())).max(0.05 * mu);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::granule_cell::testing::{kernel, rate_hz, run};
    use super::*;

    /// The published rate-coding rule: at E = RTE + 10 the mean rate is g_e 10 + MFR = 18 Hz,
    /// and far above threshold it saturates at PFR = 35 Hz; the intervals' coefficient of
    /// variation is 0.2 (all within 5 % over 100 s of discharge).
    #[test]
    fn rate_coding_follows_the_published_rule() {
        for &(e, rate) in &[(11.0, 18.0), (100.0, 35.0)] {
            let mut k = kernel(&MODEL, &[], 0.1);
            let (t, _) = run(k.as_mut(), 0.1, 100_000.0, |_| e);
            let r = rate_hz(&t, 0.0, 100_000.0);
            assert!(
                (r - rate).abs() < 0.05 * rate,
                "E = {e}: {r} Hz vs {rate} Hz"
            );
            let isi: Vec<f64> = t.windows(2).map(|w| w[1] - w[0]).collect();
            let m = isi.iter().sum::<f64>() / isi.len() as f64;
            let sd = (isi.iter().map(|x| (x - m).powi(2)).sum::<f64>() / isi.len() as f64).sqrt();
            assert!((sd / m - 0.2).abs() < 0.01, "E = {e}: cv {}", sd / m);
        }
    }

    /// Below RTE the unit is silent; it discharges as soon as it is recruited.
    #[test]
    fn recruited_at_threshold() {
        let mut k = kernel(&MODEL, &[], 0.1);
        let (t, _) = run(
            k.as_mut(),
            0.1,
            1000.0,
            |t| if t < 500.0 { 0.99 } else { 1.0 },
        );
        assert!((t[0] - 500.1).abs() < 1e-9, "{t:?}");
        assert!(rate_hz(&t, 500.0, 1000.0) > 4.0);
    }
}
