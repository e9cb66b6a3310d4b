//! Names of the catalogue's target list that are not registered, each with the reason:
//! no recoverable published definition, or not a point neuron. The catalogue page lists them.

/// `(name as the target list spells it, why it is left out)`.
pub static OMITTED: &[(&str, &str)] = &[
    (
        "Martinotti",
        "no published parameter set distinct from the low-threshold-spiking cell registered as `sst`",
    ),
    (
        "VIP",
        "no published cell-type point model with recoverable parameters",
    ),
    (
        "Chandelier",
        "no published cell-type point model with recoverable parameters",
    ),
    (
        "AlphaMotor",
        "the published reduced alpha motoneuron (Booth, Rinzel & Kiehn 1997) is `booth_rinzel`; no other with recoverable parameters",
    ),
    ("GammaMotor", "no published point model found"),
    ("UpperMotor", "no published point model found"),
    (
        "Renshaw",
        "Bui et al. (2003) is a compartmental study, not a point model",
    ),
    (
        "RetinalGanglion",
        "the available sources of Fohlmeister & Miller (1997) disagree on the leak, calcium handling and one potassium current",
    ),
    (
        "Merkel",
        "published models are driven by skin mechanics (indentation), not by a current",
    ),
    (
        "Pacinian",
        "published models are driven by capsule mechanics (indentation), not by a current",
    ),
    (
        "Nociceptor",
        "Tigerholm et al. (2014) is multi-compartment; no reduced published version",
    ),
    (
        "OlfactoryReceptor",
        "no reproducible spiking point model (the Rospars/Lánský work is a rate–concentration curve)",
    ),
    ("LugaroCell", "no published point model"),
    (
        "UnipolarBrushCell",
        "the only E-GLIF values are unpublished configuration entries; Masoli's model is multi-compartment",
    ),
    (
        "Ih",
        "no published single-neuron HH + I_h model whose full equations and defaults could be recovered",
    ),
    (
        "ATypeK",
        "Connor, Walter & McKown (1977) is the model registered as `connor_stevens`",
    ),
    (
        "BK",
        "no cited minimal BK-driven neuron model could be recovered",
    ),
    (
        "NMDA",
        "the Jahr & Stevens block is published in synapse models, not as a single-neuron model",
    ),
    (
        "MyelinatedAxon",
        "the recoverable versions are spatial cable or compartmental models",
    ),
    (
        "SmoothMuscleCell",
        "no published excitable smooth-muscle model recoverable with its parameters",
    ),
    (
        "EndocrineBetaCell",
        "the recoverable beta-cell models are registered under their authors' names (`chay_keizer`, `sherman_rinzel_keizer`, `bertram_phantom`)",
    ),
    (
        "TsodyksMarkram",
        "short-term depression is a synapse model; there is no published single-neuron definition",
    ),
    (
        "GradedSynapse",
        "a synapse type (graded transmitter release), not a neuron",
    ),
    (
        "GapJunction",
        "a coupling between two cells that needs the partner's voltage, not a single unit",
    ),
    (
        "AlphaNeuron",
        "no published single-unit definition under that name; the alpha-synapse LIF is `iaf_psc_alpha`",
    ),
];
