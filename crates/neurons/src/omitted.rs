//! Names of the catalogue's target list that are not registered, each with the reason:
//! no recoverable published definition, or not a point neuron. The catalogue page lists them.

/// `(name as the target list spells it, why it is left out)`.
pub static OMITTED: &[(&str, &str)] = &[];
