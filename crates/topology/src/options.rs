//! [`ConnectOptions`]: what a projection allows (autapses, multapses) and whether its
//! sources and targets are the same population.

/// Options of one projection's connectivity.
///
/// The defaults follow NEST 3 (`allow_autapses = True`, `allow_multapses = True`) and
/// describe a projection between two *different* populations (`same_population = false`).
///
/// - `same_population`: sources and targets are the same neurons, so that source `i` and
///   target `i` are one neuron. Only then can a synapse be an autapse, so only then does
///   `allow_autapses` matter; it also requires `n_src == n_tgt`.
/// - `allow_autapses`: with `same_population`, whether `i -> i` may be drawn. When it is
///   `false`, `random` draws each of the `n_src - 1` other sources with the probability,
///   `fixed_indegree` draws its `indegree` sources among the `n_src - 1` others (and
///   `fixed_outdegree` its targets among the `n_tgt - 1` others), and `all_to_all` leaves
///   out the diagonal.
/// - `allow_multapses`: whether one (source, target) pair may be drawn more than once.
///   Only `fixed_indegree` and `fixed_outdegree` can draw a pair twice; with `false` they
///   sample without replacement, so the degree must not exceed the number of candidates.
///
/// `small_world`, `scale_free`, `ring` and `grid` describe a graph without self-loops or
/// repeated edges on one index set; they ignore these options (apart from requiring
/// `n_src == n_tgt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnectOptions {
    /// Whether `i -> i` may be drawn when `same_population` is set (default `true`).
    pub allow_autapses: bool,
    /// Whether a (source, target) pair may be drawn more than once (default `true`).
    pub allow_multapses: bool,
    /// Whether sources and targets are the same population (default `false`).
    pub same_population: bool,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            allow_autapses: true,
            allow_multapses: true,
            same_population: false,
        }
    }
}

impl ConnectOptions {
    /// The defaults for a recurrent projection (a population onto itself): autapses and
    /// multapses allowed, `same_population = true`.
    pub const fn recurrent() -> Self {
        ConnectOptions {
            allow_autapses: true,
            allow_multapses: true,
            same_population: true,
        }
    }

    /// The same options with `allow_autapses` set to `allow`.
    pub const fn autapses(mut self, allow: bool) -> Self {
        self.allow_autapses = allow;
        self
    }

    /// The same options with `allow_multapses` set to `allow`.
    pub const fn multapses(mut self, allow: bool) -> Self {
        self.allow_multapses = allow;
        self
    }

    /// Whether `i -> i` must be left out: one population and autapses disallowed.
    pub(crate) const fn exclude_self(&self) -> bool {
        self.same_population && !self.allow_autapses
    }
}
