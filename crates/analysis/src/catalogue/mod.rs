//! The catalogue of the toolkit: each of the 127 public analysis functions declared once, with
//! its family, parameters (name, kind, default), result and documentation.
//!
//! Everything else is made from this table: `cargo xtask codegen` writes the Python face
//! (`sc_neurocore/analysis/__init__.py`, one function per entry with these parameters,
//! defaults and documentation, handing its arguments to `sc_neurocore._native.analysis`;
//! the stub `__init__.pyi`; the page `docs/analysis.md`), and the binding
//! (`bindings/python/src/analysis.rs`) takes its list of names from here and checks at compile
//! time that it registers exactly these functions. Each `name` is written with `fn_name!`,
//! which fails to compile unless the crate exports a function of that name.
//!
//! The texts of the functions are reStructuredText-flavoured plain text as Python's `help()`
//! shows it (``` ``code`` ```); the family conventions, [`GLOBAL_CONVENTIONS`] (G1–G12, cited
//! by number) and [`REFERENCES`] (what a "Ref:" line means) are Markdown: the docs page shows
//! them as written, the docstrings get the family conventions converted.

/// The name of a function of this crate, as a `&'static str`; compiling fails if the crate
/// does not export a function of that name (so no entry names something that does not exist).
macro_rules! fn_name {
    ($f:ident) => {{
        #[allow(unused_imports)]
        use crate::$f as _;
        stringify!($f)
    }};
}

mod table;

pub use table::{FAMILIES, FUNCTIONS, GLOBAL_CONVENTIONS, REFERENCES};

/// What a parameter accepts (its type in the stub).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// A 1-D array-like of numbers: a spike train, a signal, phases, times.
    Array,
    /// A sequence of spike trains, or a mapping whose values are used in order.
    Trains,
    /// A real number.
    Float,
    /// An integer (counts, sizes, seeds).
    Int,
    /// `True` or `False`.
    Bool,
    /// A name (kernel, window, output).
    Str,
    /// A pair of numbers `(start, stop)`.
    Pair,
}

/// One parameter of a function.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// The name, the same in Rust, in Python and in the documentation.
    pub name: &'static str,
    /// What it accepts.
    pub kind: ParamKind,
    /// The default as Python source (`None`, `0.0`, `1e-4`, `True`, `"gaussian"`), or `None`
    /// when the argument is required. A parameter whose default is `None` is optional
    /// (`Optional[...]` in the stub).
    pub default: Option<&'static str>,
}

impl Param {
    /// Whether `None` is accepted (the default is `None`).
    pub fn is_optional(&self) -> bool {
        self.default == Some("None")
    }
}

/// A required parameter.
pub const fn param(name: &'static str, kind: ParamKind) -> Param {
    Param {
        name,
        kind,
        default: None,
    }
}

/// A parameter with a default (Python source).
pub const fn param_or(name: &'static str, kind: ParamKind, default: &'static str) -> Param {
    Param {
        name,
        kind,
        default: Some(default),
    }
}

/// What a function returns to Python (the stub's return type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// An `int` (counts).
    Int,
    /// A `float`.
    Float,
    /// One NumPy array.
    Array,
    /// A tuple of this many NumPy arrays.
    Arrays(u8),
    /// A tuple of this many floats.
    Floats(u8),
    /// A list of NumPy arrays (surrogates).
    ArrayList,
    /// A list of lists of NumPy arrays (surrogates of several trials).
    ArrayLists,
}

/// One function of the toolkit.
#[derive(Clone, Copy, Debug)]
pub struct Function {
    /// Its number, 1..=127, the position in [`FUNCTIONS`] + 1 (cited as "entry N").
    pub number: u16,
    /// The name of the Rust function (`sc_neurocore_analysis::<name>`) and of the Python one.
    pub name: &'static str,
    /// The number of its family in [`FAMILIES`].
    pub family: u8,
    /// One of the functions simulator users reach for most often (★ in the docs).
    pub star: bool,
    /// The parameters, in order (Python passes them positionally to the binding).
    pub params: &'static [Param],
    /// What it returns, as the docs page writes it (`float`, `ndarray[n_bins]`,
    /// `(edges, counts)`); empty where the family's conventions say it.
    pub returns: &'static str,
    /// The Python type of the result.
    pub output: Output,
    /// One line: the first line of the docstring and the line of the docs page.
    pub summary: &'static str,
    /// The definition, edge cases and reference implementation (the docstring's body).
    pub doc: &'static str,
}

/// A family of functions (a section of the docs page).
#[derive(Clone, Copy, Debug)]
pub struct Family {
    /// 1..=10.
    pub number: u8,
    /// The title.
    pub title: &'static str,
    /// Notation and rules common to the family (Markdown; may be empty).
    pub conventions: &'static str,
}

impl Function {
    /// The family this function belongs to.
    pub fn family(&self) -> &'static Family {
        &FAMILIES[usize::from(self.family) - 1]
    }
}

/// The function named `name`.
pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// The names of every function, in catalogue order.
pub fn names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|f| f.name)
}

/// Whether `name` is declared; usable in constants (the binding's compile-time check).
pub const fn is_declared(name: &str) -> bool {
    let mut k = 0;
    while k < FUNCTIONS.len() {
        if str_eq(FUNCTIONS[k].name, name) {
            return true;
        }
        k += 1;
    }
    false
}

/// `a == b` in a constant.
const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut k = 0;
    while k < a.len() {
        if a[k] != b[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// The first declared function that `names` does not hold; usable in constants (the
/// binding's compile-time check of its registration list).
pub const fn first_missing(names: &[&str]) -> Option<&'static str> {
    let mut k = 0;
    while k < FUNCTIONS.len() {
        let declared = FUNCTIONS[k].name;
        let mut j = 0;
        while j < names.len() && !str_eq(names[j], declared) {
            j += 1;
        }
        if j == names.len() {
            return Some(declared);
        }
        k += 1;
    }
    None
}
