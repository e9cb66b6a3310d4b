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
        "no published reduced alpha-motoneuron model with recoverable parameters (Booth, Rinzel & Kiehn 1997 could not be recovered either)",
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
    (
        "MainenSejnowski",
        "the reduced two-compartment parameters appear only in a third-party port, with no published number to test against",
    ),
    (
        "Prescott",
        "the type 1/2/3 settings of Prescott et al. (2008) could not be confirmed against the paper's table",
    ),
    (
        "Dendrify",
        "a modelling framework (Pagkalos et al. 2023), not a single model with a parameter table",
    ),
    (
        "RallCable",
        "a passive cable needs space; there is no published point definition",
    ),
    (
        "HayL5Pyramidal",
        "hundreds of compartments; no verified reduced version was implemented",
    ),
    (
        "DeSchutterPurkinje",
        "about 1,600 compartments; no verified reduced published Purkinje cell",
    ),
    (
        "BendaHerz",
        "a generic rate reduction whose f0(I) and A(f) are measured per neuron; no canonical neuron without inventing them",
    ),
    (
        "NonlinearLIF",
        "the published nonlinear IF family (Fourcaud-Trocmé et al. 2003) is registered as `qif` and `exp_if`",
    ),
    ("EnergyLIF", "no published definition under this name"),
    ("InhibitoryLIF", "no published definition under this name"),
    ("NonResettingLIF", "no published definition under this name"),
    (
        "IntegerQIF",
        "no hardware paper documenting a fixed-point QIF update",
    ),
    (
        "SpiNNaker2",
        "its neurons are software (float32 on ARM); no vendor-documented neuron arithmetic",
    ),
    (
        "BrainScaleSAdEx",
        "an analog emulation of the AdEx equations (registered as `adex`) set by per-chip calibration values",
    ),
    (
        "Akida",
        "proprietary; its neuron arithmetic is undocumented",
    ),
    (
        "NeuroGrid",
        "Benjamin et al. (2014) describe circuits, not a parameterised model",
    ),
    (
        "WilsonHR",
        "the reversal potentials, time constant and RS/FS/IB conductances of Wilson (1999) could not be recovered",
    ),
    (
        "Chay",
        "the equations and parameters of Chay (1985) could not be confirmed",
    ),
    (
        "Pernarowski",
        "the equations of the 1994 model could not be found",
    ),
    (
        "MedvedevMap",
        "Medvedev (2005) reduces another model to a 1-D map; not a standalone neuron map with published parameters",
    ),
    ("IbarzTanakaMap", "no citable definition found"),
    (
        "CazellesMap",
        "the 2001 map could not be confirmed and may be the Courbage-Nekorkin map (registered)",
    ),
    (
        "AvRonCardiac",
        "the parameter table of Av-Ron, Parnas & Segel (1991) could not be recovered",
    ),
    (
        "MarderSTG",
        "the eight channels' kinetics of Liu et al. (1998) / Prinz et al. (2004) could not be checked against the papers, and no published number was at hand to test them",
    ),
    (
        "BoothRinzel",
        "the parameter table of Booth & Rinzel (1995) could not be recovered",
    ),
    (
        "CompteWM",
        "the pyramidal-cell parameter table of Compte et al. (2000) could not be recovered; its interneuron is `wang_buzsaki`",
    ),
    (
        "GutkinErmentrout",
        "the parameter table of Gutkin & Ermentrout (1998) could not be recovered",
    ),
    (
        "DurstewitzDopamine",
        "the parameter table of Durstewitz, Seamans & Sejnowski (2000) could not be recovered",
    ),
    (
        "Yamada",
        "the parameter table of Yamada, Koch & Adams (1989) could not be recovered",
    ),
];
