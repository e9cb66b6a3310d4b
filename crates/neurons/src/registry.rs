//! The registry: every model of the catalogue, found by `build.rs` (one file per model under
//! `src/models/<family>/`), sorted by name.

use crate::ModelInfo;

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

/// The model registered as `name` (or with class name `name`), or an error naming the
/// registered models closest to `name` (the whole catalogue is too long for a message) and
/// where to find the rest.
pub fn lookup(name: &str) -> sc_neurocore_core::Result<&'static ModelInfo> {
    MODELS
        .iter()
        .copied()
        .find(|m| m.name == name || m.class_name == name)
        .ok_or_else(|| {
            let mut near: Vec<&str> = MODELS.iter().map(|m| m.name).collect();
            let key = name.to_ascii_lowercase();
            // Names the key contains or that contain it first (`lif_neuron` -> `lif`), then
            // by edit distance.
            near.sort_by_key(|m| {
                let related = key.contains(*m) || m.contains(key.as_str());
                (!related, edit_distance(&key, m), *m)
            });
            const SHOWN: usize = 8;
            let mut known: Vec<String> = near.iter().take(SHOWN).map(|s| s.to_string()).collect();
            if MODELS.len() > SHOWN {
                known.push(format!(
                    "and {} more (`sc-neurocore models` or sc_neurocore.neurons.catalogue() lists them)",
                    MODELS.len() - SHOWN
                ));
            }
            sc_neurocore_core::Error::unknown("Population", "model", name, known)
        })
}

/// Levenshtein distance between `a` and `b` (bytes), to suggest the closest names.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_model_is_answered_with_the_closest_names() {
        let e = lookup("hodgkin_huxly").unwrap_err().to_string();
        assert!(
            e.starts_with("Population: unknown model 'hodgkin_huxly'; known: hodgkin_huxley, "),
            "{e}"
        );
        assert!(
            e.ends_with(
                "more (`sc-neurocore models` or sc_neurocore.neurons.catalogue() lists them)"
            ),
            "{e}"
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
