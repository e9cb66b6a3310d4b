//! The registry: every model of the catalogue, one line each, alphabetical by key.
//! Adding a model = one file in its family folder + one line here.

use crate::ModelInfo;
use crate::models::*;

/// Every registered model.
pub static MODELS: &[&ModelInfo] = &[
    &integrate_and_fire::adex::ADEX,
    &integrate_and_fire::exp_if::EXP_IF,
    &simple::fitzhugh_nagumo::FITZHUGH_NAGUMO,
    &biophysical::hodgkin_huxley::HODGKIN_HUXLEY,
    &simple::izhikevich::IZHIKEVICH,
    &simple::izhikevich2007::IZHIKEVICH2007,
    &integrate_and_fire::lapicque::LAPICQUE,
    &integrate_and_fire::lif::LIF,
    &point_process::poisson::POISSON,
    &integrate_and_fire::qif::QIF,
    &biophysical::wang_buzsaki::WANG_BUZSAKI,
];

/// The model registered as `name`, or an error listing the known names.
pub fn lookup(name: &str) -> sc_neurocore_core::Result<&'static ModelInfo> {
    MODELS
        .iter()
        .copied()
        .find(|m| m.name == name || m.class_name == name)
        .ok_or_else(|| {
            sc_neurocore_core::Error::unknown(
                "Population",
                "model",
                name,
                MODELS.iter().map(|m| m.name),
            )
        })
}
