//! The declarative model definition: [`model!`](crate::model) turns one model file's
//! declaration (parameters, state variables, citation, equations in words) into the
//! registry entry and the typed items the file's dynamics use, and [`param`] /
//! [`standard`] give the parameter metadata.
//!
//! ```ignore
//! use crate::define::*;
//!
//! crate::model! {
//!     name: "lif",
//!     class: "LIFNeuron",
//!     summary: "tau_m dV/dt = -(V - E_L) + R I ...",
//!     citation: "Lapicque (1907) ...",
//!     input_unit: "pA",
//!     params: {
//!         tau_m: standard::tau_m(10.0),
//!         c_m: param("pF", 250.0, Positive, "membrane capacitance"),
//!         ...
//!     },
//!     state: {
//!         v: ("mV", "membrane potential"),
//!         refractory: ("ms", "refractory time left"),
//!     },
//!     membrane: v,
//!     require: [v_reset < v_th],
//!     drive: 500.0,             // or `no_drive: NoDrive::EmitsNoSpikes` (why there is none)
//!     build: point,
//! }
//! ```
//!
//! generates, in the model's module:
//! - `MODEL`, the [`ModelInfo`](crate::ModelInfo) the registry lists (name, family from the
//!   folder, parameters in declaration order, state variables, presets, checks);
//! - `Parameters`, one neuron's parameters as typed fields (`p.tau_m`: a misspelt name does
//!   not compile), with `Parameters::of(&params, i)`;
//! - `ParamArrays`, the same fields as [`ParamArray`](crate::ParamArray)s for kernels that
//!   derive per-population constants;
//! - `Vars`, one neuron's state as typed fields, a [`Vector`] for
//!   the integrators, `State`, the population's state as one array per variable, and
//!   `StateSlices`, the same arrays as slices for the kernel's loop;
//! - `Model`, the type on which the file implements [`Dynamics`]
//!   when it uses the generic point-neuron kernel (`build: point`); a model with a kernel of
//!   its own names its build function instead (`build: build`).

pub use crate::NoDrive;
pub use crate::integrate::{self, Tolerance, Vector};
pub use crate::point::{Aux, Dynamics, Input};
pub use sc_neurocore_core::ParamSpec;
pub use sc_neurocore_core::ValueRange::{
    self, Above, AtLeast, Closed, Finite, NonNegative, Positive,
};

/// A parameter's metadata; its name is the field name given to [`model!`](crate::model).
pub const fn param(
    unit: &'static str,
    default: f64,
    range: ValueRange,
    doc: &'static str,
) -> ParamSpec {
    ParamSpec {
        name: "",
        unit,
        default,
        range,
        doc,
    }
}

/// The parameters many models share, defined once (units as the integrate-and-fire family
/// uses them: ms, mV, pF, pA, nS). Each takes the model's default.
pub mod standard {
    use super::*;

    /// Absolute refractory period, ms.
    pub const fn t_ref(default: f64) -> ParamSpec {
        param("ms", default, NonNegative, "absolute refractory period")
    }
    /// Membrane time constant, ms.
    pub const fn tau_m(default: f64) -> ParamSpec {
        param("ms", default, Positive, "membrane time constant")
    }
    /// Membrane capacitance, pF.
    pub const fn c_m(default: f64) -> ParamSpec {
        param("pF", default, Positive, "membrane capacitance")
    }
    /// Leak conductance, nS.
    pub const fn g_l(default: f64) -> ParamSpec {
        param("nS", default, Positive, "leak conductance")
    }
    /// Resting (leak reversal) potential, mV.
    pub const fn e_l(default: f64) -> ParamSpec {
        param("mV", default, Finite, "resting (leak reversal) potential")
    }
    /// Spike threshold, mV.
    pub const fn v_th(default: f64) -> ParamSpec {
        param("mV", default, Finite, "spike threshold")
    }
    /// Reset potential, mV.
    pub const fn v_reset(default: f64) -> ParamSpec {
        param("mV", default, Finite, "reset potential")
    }
    /// Constant external (bias) current, pA.
    pub const fn i_e(default: f64) -> ParamSpec {
        param("pA", default, Finite, "constant external current")
    }
    /// Constant external (bias) input in the model's own unit.
    pub const fn i_e_in(unit: &'static str, default: f64) -> ParamSpec {
        param(unit, default, Finite, "constant external input")
    }
    /// Initial membrane potential, mV.
    pub const fn v_init(default: f64) -> ParamSpec {
        param("mV", default, Finite, "initial membrane potential")
    }
    /// Initial value of a state variable in the model's own unit.
    pub const fn init(unit: &'static str, default: f64, doc: &'static str) -> ParamSpec {
        param(unit, default, Finite, doc)
    }
}

/// Declares a model (see the [module docs](crate::define)).
#[macro_export]
macro_rules! model {
    (
        name: $name:literal,
        class: $class:literal,
        summary: $summary:expr,
        citation: $citation:expr,
        input_unit: $input:literal,
        params: { $($p:ident: $pspec:expr),* $(,)? },
        state: { $($s:ident: ($sunit:literal, $sdoc:expr)),* $(,)? },
        membrane: $membrane:ident,
        $(delta_input: $delta_input:expr,)?
        $(presets: [$($preset:expr),* $(,)?],)?
        $(require: [$($lo:ident < $hi:ident),* $(,)?],)?
        $(validate: $validate:path,)?
        $(drive: $drive:expr,)?
        $(no_drive: $no_drive:expr,)?
        $(spontaneous: $spont:expr,)?
        $(stochastic: $stoch:literal,)?
        build: $build:ident $(,)?
    ) => {
        /// Registry entry (generated by `model!`).
        pub static MODEL: $crate::ModelInfo = $crate::ModelInfo {
            name: $name,
            class_name: $class,
            family: super::FAMILY,
            summary: $summary,
            citation: $citation,
            params: &[$($crate::define::ParamSpec { name: stringify!($p), ..$pspec }),*],
            state: &[$($crate::StateSpec { name: stringify!($s), unit: $sunit, doc: $sdoc }),*],
            membrane: StateIndex::$membrane as usize,
            input_unit: $input,
            presets: &[$($($preset),*)?],
            validate: __validate,
            delta_input: $crate::model!(@option $($delta_input)?),
            less_than: &[$($((stringify!($lo), stringify!($hi))),*)?],
            build: $crate::model!(@build $build),
            drive: $crate::model!(@option $($drive)?),
            no_drive: $crate::model!(@option $($no_drive)?),
            spontaneous: $crate::model!(@option $($spont)?),
            stochastic: $crate::model!(@flag $($stoch)?),
            module: module_path!(),
        };

        const _: () = assert!(
            $crate::model!(@given $($drive)?) != $crate::model!(@given $($no_drive)?),
            concat!(
                "model '", $name, "': declare its `drive` (a constant input that makes it fire) \
                 or, if no input does, `no_drive` (why)"
            )
        );

        /// Position of each parameter in `MODEL.params` (generated).
        #[allow(non_camel_case_types, dead_code, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        enum ParamIndex { $($p),* }

        /// Position of each state variable in `MODEL.state` (generated).
        #[allow(non_camel_case_types, dead_code, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        enum StateIndex { $($s),* }

        /// One neuron's parameters (generated from the declaration; units as declared).
        #[derive(Debug, Clone, Copy, PartialEq)]
        #[allow(dead_code)]
        pub struct Parameters {
            $(#[doc = stringify!($p)] pub $p: f64,)*
        }

        impl Parameters {
            /// The parameters of neuron `i` (local index).
            #[inline]
            #[allow(dead_code)]
            pub fn of(p: &$crate::Params, i: usize) -> Self {
                Parameters { $($p: p.value(ParamIndex::$p as usize).at(i),)* }
            }
        }

        /// The population's parameters, one [`ParamArray`]($crate::ParamArray) per field
        /// (generated).
        #[derive(Debug, Clone, Copy)]
        #[allow(dead_code)]
        pub struct ParamArrays<'a> {
            $(#[doc = stringify!($p)] pub $p: &'a $crate::ParamArray,)*
            /// Ties the lifetime for a model without parameters.
            _params: ::std::marker::PhantomData<&'a $crate::Params>,
        }

        impl<'a> ParamArrays<'a> {
            /// The arrays of `p`.
            #[allow(dead_code)]
            pub fn of(p: &'a $crate::Params) -> Self {
                ParamArrays {
                    $($p: p.value(ParamIndex::$p as usize),)*
                    _params: ::std::marker::PhantomData,
                }
            }
        }

        /// One neuron's state (generated; units as declared).
        #[derive(Debug, Clone, Copy, PartialEq, Default)]
        #[allow(dead_code)]
        pub struct Vars {
            $(#[doc = $sdoc] pub $s: f64,)*
        }

        impl ::std::ops::Add for Vars {
            type Output = Vars;
            #[inline(always)]
            fn add(self, o: Vars) -> Vars {
                Vars { $($s: self.$s + o.$s,)* }
            }
        }

        impl ::std::ops::Mul<f64> for Vars {
            type Output = Vars;
            #[inline(always)]
            fn mul(self, k: f64) -> Vars {
                Vars { $($s: self.$s * k,)* }
            }
        }

        impl $crate::integrate::Vector for Vars {
            #[inline(always)]
            fn error_norm(self, scale: Vars, atol: f64, rtol: f64) -> f64 {
                // NaN propagates (f64::max would drop it and accept a diverged step).
                let (mut norm, mut nan) = (0.0f64, false);
                $(
                    let e = self.$s.abs() / (atol + rtol * scale.$s.abs());
                    nan |= e.is_nan();
                    norm = norm.max(e);
                )*
                if nan { f64::NAN } else { norm }
            }
            #[inline(always)]
            fn is_finite(self) -> bool {
                true $(&& self.$s.is_finite())*
            }
        }

        /// The population's state, one array per variable (generated).
        #[derive(Debug, Clone, Default)]
        #[allow(dead_code)]
        pub struct State {
            $(#[doc = $sdoc] pub $s: Vec<f64>,)*
        }

        impl $crate::point::StateArrays for State {
            type Vars = Vars;
            fn with_len(n: usize) -> Self {
                State { $($s: vec![0.0; n],)* }
            }
            #[inline(always)]
            fn load(&self, i: usize) -> Vars {
                Vars { $($s: self.$s[i],)* }
            }
            #[inline(always)]
            fn store(&mut self, i: usize, v: Vars) {
                $(self.$s[i] = v.$s;)*
            }
            type Slices<'a> = StateSlices<'a>;
            #[inline(always)]
            fn slices(&mut self, n: usize) -> StateSlices<'_> {
                StateSlices { $($s: &mut self.$s[..n],)* }
            }
            fn var(&self, k: usize) -> &[f64] {
                [$(&self.$s[..]),*][k]
            }
            fn var_mut(&mut self, k: usize) -> &mut [f64] {
                let all = [$(&mut self.$s[..]),*];
                all.into_iter().nth(k).expect("state index from ModelInfo::state")
            }
        }

        /// The first `n` neurons of the population's state, one slice of exactly `n` values
        /// per variable (generated): indexing them in a loop over `0..n` needs no bounds
        /// check, which would keep the loop from being vectorised.
        #[allow(dead_code)]
        pub struct StateSlices<'a> {
            $(#[doc = $sdoc] pub $s: &'a mut [f64],)*
        }

        impl $crate::point::Slices for StateSlices<'_> {
            type Vars = Vars;
            #[inline(always)]
            fn load(&self, i: usize) -> Vars {
                Vars { $($s: self.$s[i],)* }
            }
            #[inline(always)]
            fn store(&mut self, i: usize, v: Vars) {
                $(self.$s[i] = v.$s;)*
            }
        }

        /// The model, as a type (generated): the generic kernel's `Dynamics` are implemented
        /// on it.
        #[derive(Debug, Clone, Copy)]
        #[allow(dead_code)]
        pub struct Model;

        impl $crate::point::Declared for Model {
            type Params = Parameters;
            type Vars = Vars;
            type State = State;
            fn info() -> &'static $crate::ModelInfo {
                &MODEL
            }
            #[inline]
            fn params(p: &$crate::Params, i: usize) -> Parameters {
                Parameters::of(p, i)
            }
        }

        fn __validate(p: &$crate::Params, object: &str) -> ::sc_neurocore_core::Result<()> {
            let _ = (p, object);
            $($(
                let _ = (ParamIndex::$lo, ParamIndex::$hi);
                p.require_less(object, stringify!($lo), stringify!($hi))?;
            )*)?
            $($validate(p, object)?;)?
            Ok(())
        }
    };
    (@build point) => { $crate::point::build::<Model> };
    (@build $f:ident) => { $f };
    (@option) => { None };
    (@option $e:expr) => { Some($e) };
    (@given) => { false };
    (@given $e:expr) => { true };
    (@flag) => { false };
    (@flag $b:literal) => { $b };
}
