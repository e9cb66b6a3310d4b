//! Rates and inter-spike-interval statistics of single spike trains.

use sc_neurocore_core::{Error, Result, ValueRange, check_value};

/// Spikes per second over `duration` seconds.
pub fn firing_rate(train: &[f64], duration: f64) -> Result<f64> {
    check_value("firing_rate", "duration", duration, ValueRange::Positive)?;
    if let Some((k, t)) = train.iter().enumerate().find(|(_, t)| !t.is_finite()) {
        return Err(Error::out_of_range(
            "firing_rate",
            format!("spike_times[{k}]"),
            t,
            "any finite number",
        ));
    }
    Ok(train.len() as f64 / duration)
}

/// Inter-spike intervals of an ascending train.
pub fn isi(train: &[f64]) -> Vec<f64> {
    train.windows(2).map(|w| w[1] - w[0]).collect()
}

/// Coefficient of variation of the inter-spike intervals (population standard deviation over
/// mean, as `numpy.std(isi) / numpy.mean(isi)` and Elephant's `cv`). None with fewer than two
/// spikes or a zero mean interval.
pub fn cv_isi(train: &[f64]) -> Option<f64> {
    let d = isi(train);
    if d.is_empty() {
        return None;
    }
    let n = d.len() as f64;
    let mean = d.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return None;
    }
    let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    Some(var.sqrt() / mean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cv_matches_a_hand_computation() {
        // ISIs 1, 2, 3: mean 2, population std sqrt(2/3).
        let cv = cv_isi(&[0.0, 1.0, 3.0, 6.0]).unwrap();
        assert!((cv - (2.0f64 / 3.0).sqrt() / 2.0).abs() < 1e-15);
        assert_eq!(cv_isi(&[]), None);
    }

    #[test]
    fn bad_inputs_are_named() {
        let e = firing_rate(&[0.1], 0.0).unwrap_err().to_string();
        assert_eq!(
            e,
            "firing_rate: duration = 0 is out of range; valid range: (0, inf)"
        );
        let e = firing_rate(&[0.1, f64::NAN], 1.0).unwrap_err().to_string();
        assert!(e.contains("spike_times[1] = NaN"), "{e}");
    }
}
