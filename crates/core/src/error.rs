//! The error type shared by the engine's crates.
//!
//! Every variant names the object the user built, the field, the offending value and what
//! would have been valid, because the user reads this message, not the code.

/// Result with [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can be wrong with what a user asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value outside its valid range (NaN and infinities included).
    #[error("{object}: {field} = {value} is out of range; valid range: {range}")]
    OutOfRange {
        /// What the user built, e.g. `Population 'exc' (lif)`.
        object: String,
        /// The parameter or argument.
        field: String,
        /// The value given, as the user would write it.
        value: String,
        /// The valid range, e.g. `(0, inf)`.
        range: String,
    },
    /// A name that is not known (model, parameter, variable, topology, zoo network...).
    #[error("{object}: unknown {what} '{name}'; known: {known}")]
    Unknown {
        /// What the user built.
        object: String,
        /// What kind of name, e.g. `parameter`.
        what: String,
        /// The name given.
        name: String,
        /// The names that would have been accepted.
        known: String,
    },
    /// An array or size that does not fit.
    #[error("{object}: {field} has size {got}, expected {expected}")]
    ShapeMismatch {
        /// What the user built.
        object: String,
        /// The argument.
        field: String,
        /// The size given.
        got: usize,
        /// The size required.
        expected: String,
    },
    /// An option that cannot be combined with the rest of the request.
    #[error("{object}: {message}")]
    Invalid {
        /// What the user built.
        object: String,
        /// What is wrong and what to do instead.
        message: String,
    },
    /// An input/output failure (files the engine was asked to read or write).
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// Shorthand for [`Error::OutOfRange`].
    pub fn out_of_range(
        object: impl Into<String>,
        field: impl Into<String>,
        value: impl std::fmt::Display,
        range: impl std::fmt::Display,
    ) -> Self {
        Error::OutOfRange {
            object: object.into(),
            field: field.into(),
            value: value.to_string(),
            range: range.to_string(),
        }
    }

    /// Shorthand for [`Error::Unknown`]; `known` is joined with commas.
    pub fn unknown<S: AsRef<str>>(
        object: impl Into<String>,
        what: impl Into<String>,
        name: impl Into<String>,
        known: impl IntoIterator<Item = S>,
    ) -> Self {
        let known: Vec<String> = known.into_iter().map(|s| s.as_ref().to_string()).collect();
        Error::Unknown {
            object: object.into(),
            what: what.into(),
            name: name.into(),
            known: known.join(", "),
        }
    }

    /// Shorthand for [`Error::ShapeMismatch`].
    pub fn shape(
        object: impl Into<String>,
        field: impl Into<String>,
        got: usize,
        expected: impl std::fmt::Display,
    ) -> Self {
        Error::ShapeMismatch {
            object: object.into(),
            field: field.into(),
            got,
            expected: expected.to_string(),
        }
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(object: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            object: object.into(),
            message: message.into(),
        }
    }
}
