//! The declarative zoo-network definition: [`zoo_network!`](crate::zoo_network) turns one
//! network file's declaration of its parameters (name, type, unit, default, range, doc) into
//! the typed parameter struct the file's builder reads (`p.g`, `p.order`: a misspelt name
//! does not compile, and nothing is looked up by position), the [`ZooEntry`](crate::ZooEntry)
//! that `ZOO`, `sc-neurocore zoo`, `sc-neurocore run --zoo NAME --set KEY=VALUE` and Python's
//! `zoo_entries()` / `zoo_network()` read, and named variants: further entries with other
//! defaults (Brunel's Fig. 8 regimes are `brunel_sr`, `brunel_ai`, ...).
//!
//! ```ignore
//! crate::zoo_network! {
//!     /// Parameters of the Brunel network.
//!     params: BrunelParams,
//!     /// The zoo entry.
//!     entry: BRUNEL,
//!     name: "brunel",
//!     summary: "Brunel (2000) ...",
//!     default_run: (1.0, 1e-4),
//!     build: brunel,                      // fn brunel(&BrunelParams, seed: u64) -> Result<Network>
//!     fields: {
//!         order: usize = ("1", 2500.0, Closed(1.0, 1e8), "N_E = 4 order, N_I = order"),
//!         g: f64 = ("1", 5.0, NonNegative, "relative inhibitory strength"),
//!     },
//!     small: { order: 40.0 },             // optional: a small instance for quick checks
//!     reproduces: Reproduction { ... },    // optional: paper, statistics, the run showing them
//!     outputs: &[Output { ... }],          // optional: per-item results of a run (labels)
//!     variants: {
//!         /// Fig. 8A.
//!         BRUNEL_SR = "brunel_sr" {
//!             summary: "Brunel (2000) Fig. 8A ...",
//!             set: { g: 3.0, v_reset: 10.0 },
//!             reproduces: Reproduction { ... },   // optional, the variant's own
//!         },
//!     },
//! }
//! ```
//!
//! generates `BrunelParams` (one public field per parameter, of the declared type, with
//! `Default` = the declared defaults), `BrunelParams::resolve(entry, settings)` (the entry's
//! defaults overridden by checked settings; an unknown name or a value outside its range is an
//! error naming `zoo 'NAME'`), `BrunelParams::settings()` (the values back as
//! `(name, value)` pairs), `BRUNEL` and one entry per variant (the same parameters, the
//! variant's defaults; a variant naming an unknown parameter fails to compile, and so does a
//! `small` setting).
//!
//! A setting is checked against its range, must be a whole number for a count (a `usize`
//! field), and must not look like seconds where milliseconds are declared: a nonzero value
//! of an `ms` parameter below [`MS_FLOOR`] (10 µs) is an error that says so (the unit trap of
//! passing `delay=0.0015` meaning 1.5 ms; network times are seconds at the runner's API, zoo
//! parameters are in their declared units).

pub use crate::reproduce::{Outcome, Output, Reproduction, Statistic};
pub use sc_neurocore_core::ValueRange::{
    self, Above, AtLeast, Closed, Finite, NonNegative, Positive,
};
use sc_neurocore_core::{Error, ParamSpec, Result};

/// The smallest nonzero magnitude (ms) a parameter declared in `ms` accepts: below it the
/// value is taken for seconds given by mistake (0.0015 for 1.5 ms) and rejected.
pub const MS_FLOOR: f64 = 1e-2;

/// Checks one setting of `spec` for `object` (`zoo 'NAME'`): within its range, a whole
/// number if `whole` (a count), and, for a parameter in `ms`, zero or at least [`MS_FLOOR`]
/// in magnitude. Returns the value.
pub fn check_setting(object: &str, spec: &ParamSpec, whole: bool, v: f64) -> Result<f64> {
    let v = spec.check(object, v)?;
    if whole && v.fract() != 0.0 {
        return Err(Error::out_of_range(
            object,
            spec.name,
            v,
            format!("whole numbers in {} (a count)", spec.range),
        ));
    }
    if spec.unit == "ms" && v != 0.0 && v.abs() < MS_FLOOR {
        return Err(Error::out_of_range(
            object,
            spec.name,
            v,
            format!(
                "0 or at least {MS_FLOOR} ms in magnitude; {name} is in ms and {v} looks like \
                 seconds ({name} = {ms} for {v} s)",
                name = spec.name,
                ms = v * 1e3
            ),
        ));
    }
    Ok(v)
}

/// A type a zoo parameter may have: numbers given as `f64` (`--set key=value`).
pub trait ZooValue: Copy {
    /// Whether settings must be whole numbers (a count).
    const WHOLE: bool;
    /// From the checked setting (a count truncates, as `value as usize`).
    fn from_value(v: f64) -> Self;
    /// Back to the setting.
    fn to_value(self) -> f64;
}

impl ZooValue for f64 {
    const WHOLE: bool = false;
    fn from_value(v: f64) -> Self {
        v
    }
    fn to_value(self) -> f64 {
        self
    }
}

impl ZooValue for usize {
    const WHOLE: bool = true;
    /// From a checked (whole, in-range) setting.
    fn from_value(v: f64) -> Self {
        v as usize
    }
    fn to_value(self) -> f64 {
        self as f64
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `base` with the defaults of the parameters named in `defaults` replaced (at compile time:
/// an unknown name fails the build).
pub const fn with_defaults<const N: usize>(
    base: &[ParamSpec],
    defaults: &[(&str, f64)],
) -> [ParamSpec; N] {
    assert!(base.len() == N, "with_defaults: wrong length");
    let mut out = [ParamSpec {
        name: "",
        unit: "",
        default: 0.0,
        range: ValueRange::Finite,
        doc: "",
    }; N];
    let mut i = 0;
    while i < N {
        out[i] = base[i];
        i += 1;
    }
    let mut k = 0;
    while k < defaults.len() {
        let mut j = 0;
        let mut found = false;
        while j < N {
            if str_eq(out[j].name, defaults[k].0) {
                out[j].default = defaults[k].1;
                found = true;
            }
            j += 1;
        }
        assert!(found, "zoo variant: unknown parameter");
        k += 1;
    }
    out
}

/// Whether every name of `settings` is a parameter of `base` (at compile time, for the
/// `small` settings of [`zoo_network!`](crate::zoo_network)).
pub const fn names_known(base: &[ParamSpec], settings: &[(&str, f64)]) -> bool {
    let mut k = 0;
    while k < settings.len() {
        let mut j = 0;
        let mut found = false;
        while j < base.len() {
            if str_eq(base[j].name, settings[k].0) {
                found = true;
            }
            j += 1;
        }
        if !found {
            return false;
        }
        k += 1;
    }
    true
}

/// `Some(&reproduction)` when one is given, `None` otherwise (for [`zoo_network!`](crate::zoo_network)).
#[doc(hidden)]
#[macro_export]
macro_rules! __zoo_reproduces {
    () => {
        None
    };
    ($r:expr) => {
        Some(&$r)
    };
}

/// The declared outputs, or none (for [`zoo_network!`](crate::zoo_network)).
#[doc(hidden)]
#[macro_export]
macro_rules! __zoo_outputs {
    () => {
        &[]
    };
    ($o:expr) => {
        $o
    };
}

/// Declares a zoo network (see the [module docs](crate::define)).
#[macro_export]
macro_rules! zoo_network {
    (
        $(#[$pmeta:meta])*
        params: $P:ident,
        $(#[$emeta:meta])*
        entry: $ENTRY:ident,
        name: $name:literal,
        summary: $summary:expr,
        default_run: $run:expr,
        build: $build:path,
        fields: {
            $($f:ident: $t:ty = ($unit:literal, $default:expr, $range:expr, $doc:literal)),* $(,)?
        }
        $(, small: { $($sf:ident: $sv:expr),* $(,)? })?
        $(, reproduces: $repro:expr)?
        $(, outputs: $outputs:expr)?
        $(, variants: {
            $($(#[$vmeta:meta])* $V:ident = $vname:literal {
                summary: $vsummary:expr,
                set: { $($vf:ident: $vd:expr),* $(,)? }
                $(, reproduces: $vrepro:expr)? $(,)?
            }),* $(,)?
        })? $(,)?
    ) => {
        /// The parameters' metadata, in declaration order (generated by `zoo_network!`).
        const SPECS: &[::sc_neurocore_core::ParamSpec] = &[$(::sc_neurocore_core::ParamSpec {
            name: stringify!($f),
            unit: $unit,
            default: $default,
            range: $range,
            doc: $doc,
        }),*];

        /// Whether each parameter is a count (generated by `zoo_network!`).
        const WHOLE: &[bool] = &[$(<$t as $crate::define::ZooValue>::WHOLE),*];

        /// The small instance's settings (generated by `zoo_network!`).
        const SMALL: &[$crate::ZooSetting<'static>] = &[$($((stringify!($sf), $sv)),*)?];
        const _: () = assert!(
            $crate::define::names_known(SPECS, SMALL),
            "zoo_network!: a `small` setting names an unknown parameter"
        );

        /// The declared outputs (generated by `zoo_network!`).
        const OUTPUTS: &[$crate::Output] = $crate::__zoo_outputs!($($outputs)?);

        /// Position of each parameter in `SPECS` (generated).
        #[allow(non_camel_case_types, dead_code, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        enum ParamIndex { $($f),* }

        $(#[$emeta])*
        pub static $ENTRY: $crate::ZooEntry = $crate::ZooEntry {
            name: $name,
            summary: $summary,
            params: SPECS,
            whole: WHOLE,
            default_run: $run,
            small: SMALL,
            reproduces: $crate::__zoo_reproduces!($($repro)?),
            outputs: OUTPUTS,
            build: |settings, seed| $build(&$P::resolve(&$ENTRY, settings)?, seed),
        };

        $($(
            $(#[$vmeta])*
            pub static $V: $crate::ZooEntry = $crate::ZooEntry {
                name: $vname,
                summary: $vsummary,
                params: &$crate::define::with_defaults::<{ SPECS.len() }>(
                    SPECS,
                    &[$((stringify!($vf), $vd)),*],
                ),
                whole: WHOLE,
                default_run: $run,
                small: SMALL,
                reproduces: $crate::__zoo_reproduces!($($vrepro)?),
                outputs: OUTPUTS,
                build: |settings, seed| $build(&$P::resolve(&$V, settings)?, seed),
            };
        )*)?

        $(#[$pmeta])*
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct $P {
            $(#[doc = concat!($doc, " (", $unit, ")")] pub $f: $t,)*
        }

        impl Default for $P {
            /// The declared defaults.
            fn default() -> Self {
                $P { $($f: <$t as $crate::define::ZooValue>::from_value($default),)* }
            }
        }

        impl $P {
            /// `entry`'s defaults (this network's entry or one of its variants) overridden by
            /// `settings`, each checked (`define::check_setting`: range, whole numbers for
            /// counts, no seconds where ms are declared); an unknown name is an error that
            /// lists the known ones.
            pub fn resolve(
                entry: &$crate::ZooEntry,
                settings: &[$crate::ZooSetting<'_>],
            ) -> ::sc_neurocore_core::Result<Self> {
                let object = format!("zoo '{}'", entry.name);
                let specs = entry.params;
                debug_assert_eq!(specs.len(), SPECS.len());
                let mut p = $P {
                    $($f: <$t as $crate::define::ZooValue>::from_value(
                        specs[ParamIndex::$f as usize].default,
                    ),)*
                };
                for &(name, v) in settings {
                    $(
                        if name == stringify!($f) {
                            let v = $crate::define::check_setting(
                                &object,
                                &specs[ParamIndex::$f as usize],
                                WHOLE[ParamIndex::$f as usize],
                                v,
                            )?;
                            p.$f = <$t as $crate::define::ZooValue>::from_value(v);
                            continue;
                        }
                    )*
                    return Err(::sc_neurocore_core::Error::unknown(
                        &object,
                        "parameter",
                        name,
                        specs.iter().map(|s| s.name),
                    ));
                }
                Ok(p)
            }

            /// The values as `(name, value)` settings, in declaration order.
            pub fn settings(&self) -> Vec<(&'static str, f64)> {
                vec![$((stringify!($f), $crate::define::ZooValue::to_value(self.$f))),*]
            }
        }
    };
}
