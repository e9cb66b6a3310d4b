//! [`Topology`]: a connectivity rule by name and parameters, its validation, and the one
//! entry point [`Topology::generate`] (plus [`Topology::generate_in_rows`] for building
//! only some targets, as an MPI rank does).

use std::fmt;
use std::ops::Range;

use sc_neurocore_core::{Csr, Error, ValueRange, check_value};

use crate::check::{self, MAX_SIZE, object};
use crate::{
    ConnectOptions, Result, TargetRows, bernoulli, degree, lattice, scale_free, small_world, total,
};

/// A connectivity rule with its parameters. Build it in Rust directly or by name with
/// [`Topology::from_name`]; [`Topology::generate`] turns it into a [`Csr`].
///
/// Parameter names are the tutorial's. Integer parameters are `usize` here and whole
/// numbers (as `f64`) on the by-name route.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Topology {
    /// `"random"`: Erdős–Rényi, each pair a synapse with `probability` in `[0, 1]`.
    Random {
        /// Connection probability of each (source, target) pair.
        probability: f64,
    },
    /// `"fixed_indegree"`: each target draws exactly `indegree` sources.
    FixedIndegree {
        /// Synapses per target.
        indegree: usize,
    },
    /// `"fixed_outdegree"`: each source draws exactly `outdegree` targets.
    FixedOutdegree {
        /// Synapses per source.
        outdegree: usize,
    },
    /// `"fixed_total_number"`: exactly `total` synapses, each source and target drawn
    /// uniformly (NEST's rule of the same name, whose `N` is `total`). Autapses and
    /// multapses follow [`ConnectOptions`]; without multapses (which NEST does not offer
    /// here) the synapses are `total` distinct pairs, uniformly.
    FixedTotalNumber {
        /// Synapses of the projection.
        total: usize,
    },
    /// `"small_world"`: Watts–Strogatz, undirected (stored both ways).
    SmallWorld {
        /// Lattice neighbours per neuron (even, `2 <= k <= n - 1`).
        k: usize,
        /// Probability of rewiring each lattice edge, in `[0, 1]`.
        p_rewire: f64,
    },
    /// `"scale_free"`: Barabási–Albert, undirected (stored both ways).
    ScaleFree {
        /// Edges per new neuron (`1 <= m <= n - 1`).
        m: usize,
    },
    /// `"ring"`: each neuron to its `k` nearest neighbours on a ring.
    Ring {
        /// Neighbours per neuron (even, `2 <= k <= n - 1`), `k/2` on each side.
        k: usize,
    },
    /// `"grid"`: a `rows_count × cols_count` lattice, neighbours within `radius`.
    Grid {
        /// Rows of the lattice (at least 1).
        rows_count: usize,
        /// Columns of the lattice (at least 1).
        cols_count: usize,
        /// Largest Euclidean distance of a connection, in lattice units (`>= 0`).
        radius: f64,
    },
    /// `"all_to_all"`: every source to every target.
    AllToAll,
}

/// Every name with its keywords and, for messages, each keyword's valid range.
const KEYWORDS: &[(&str, &[(&str, &str)])] = &[
    ("random", &[("probability", "[0, 1]")]),
    (
        "fixed_indegree",
        &[("indegree", "integers in [0, 4294967295]")],
    ),
    (
        "fixed_outdegree",
        &[("outdegree", "integers in [0, 4294967295]")],
    ),
    (
        "small_world",
        &[("k", "even integers in [2, n - 1]"), ("p_rewire", "[0, 1]")],
    ),
    (
        "fixed_total_number",
        &[("total", "integers in [0, 4294967295]")],
    ),
    ("scale_free", &[("m", "integers in [1, n - 1]")]),
    ("ring", &[("k", "even integers in [2, n - 1]")]),
    (
        "grid",
        &[
            ("rows_count", "integers in [1, 4294967295]"),
            ("cols_count", "integers in [1, 4294967295]"),
            ("radius", "[0, inf)"),
        ],
    ),
    ("all_to_all", &[]),
];

impl Topology {
    /// The names [`Topology::from_name`] accepts, in the tutorial's order.
    pub const NAMES: [&'static str; 9] = [
        "random",
        "fixed_indegree",
        "fixed_outdegree",
        "fixed_total_number",
        "small_world",
        "scale_free",
        "ring",
        "grid",
        "all_to_all",
    ];

    /// Builds a topology from its name and keyword arguments, as the Python and TOML front
    /// ends pass them: `"random"` (`probability`), `"fixed_indegree"` (`indegree`),
    /// `"fixed_outdegree"` (`outdegree`), `"fixed_total_number"` (`total`),
    /// `"small_world"` (`k`, `p_rewire`),
    /// `"scale_free"` (`m`), `"ring"` (`k`), `"grid"` (`rows_count`, `cols_count`,
    /// `radius`), `"all_to_all"` (none). Every keyword is required; integers must be whole
    /// numbers.
    ///
    /// Errors name `Projection` for an unknown topology name, and `Topology '<name>'`
    /// for an unknown, repeated or missing keyword and for a value out of range. Checks
    /// that need the population sizes (e.g. `k <= n - 1`) happen in [`Topology::generate`].
    ///
    /// ```
    /// use sc_neurocore_topology::Topology;
    /// let t = Topology::from_name("random", &[("probability", 0.1)]).unwrap();
    /// assert_eq!(t, Topology::Random { probability: 0.1 });
    /// let e = Topology::from_name("random", &[("probability", 1.5)]).unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "Topology 'random': probability = 1.5 is out of range; valid range: [0, 1]"
    /// );
    /// ```
    pub fn from_name(name: &str, kwargs: &[(&str, f64)]) -> Result<Topology> {
        let Some(&(name, keywords)) = KEYWORDS.iter().find(|(n, _)| *n == name) else {
            return Err(Error::unknown(
                "Projection",
                "topology",
                name,
                Topology::NAMES,
            ));
        };
        let obj = object(name);
        for (i, &(key, _)) in kwargs.iter().enumerate() {
            if !keywords.iter().any(|&(k, _)| k == key) {
                // A keyword of another topology (`probability` without `topology =
                // "random"`): say which one, rather than only that it is unknown here.
                let owners: Vec<&str> = KEYWORDS
                    .iter()
                    .filter(|(_, kws)| kws.iter().any(|&(k, _)| k == key))
                    .map(|&(n, _)| n)
                    .collect();
                if let Some(first) = owners.first() {
                    let takes = if keywords.is_empty() {
                        "takes no keyword".to_string()
                    } else {
                        let ks: Vec<&str> = keywords.iter().map(|&(k, _)| k).collect();
                        format!("takes {}", ks.join(", "))
                    };
                    return Err(Error::invalid(
                        obj,
                        format!(
                            "'{key}' is a keyword of topology {}, not of '{name}' (which \
                             {takes}); choose the topology that takes it, e.g. topology = \
                             \"{first}\" with {key}",
                            owners
                                .iter()
                                .map(|o| format!("'{o}'"))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ),
                    ));
                }
                let known: Vec<&str> = keywords.iter().map(|&(k, _)| k).collect();
                let known = if known.is_empty() {
                    vec!["(none)"]
                } else {
                    known
                };
                return Err(Error::unknown(obj, "keyword", key, known));
            }
            if kwargs[..i].iter().any(|&(k, _)| k == key) {
                return Err(Error::invalid(
                    obj,
                    format!("keyword '{key}' is given twice"),
                ));
            }
        }
        let get = |key: &str| -> Result<f64> {
            match kwargs.iter().find(|&&(k, _)| k == key) {
                Some(&(_, v)) => Ok(v),
                None => {
                    let range = keywords
                        .iter()
                        .find(|&&(k, _)| k == key)
                        .map_or("", |k| k.1);
                    Err(Error::invalid(
                        &obj,
                        format!("missing keyword '{key}' (valid range: {range})"),
                    ))
                }
            }
        };
        let whole =
            |key: &str, lo: usize| -> Result<usize> { check::whole(&obj, key, get(key)?, lo) };
        let topology = match name {
            "random" => Topology::Random {
                probability: get("probability")?,
            },
            "fixed_indegree" => Topology::FixedIndegree {
                indegree: whole("indegree", 0)?,
            },
            "fixed_outdegree" => Topology::FixedOutdegree {
                outdegree: whole("outdegree", 0)?,
            },
            "fixed_total_number" => Topology::FixedTotalNumber {
                total: whole("total", 0)?,
            },
            "small_world" => {
                let k = whole("k", 0)?;
                check::even_k(&obj, k, None)?;
                Topology::SmallWorld {
                    k,
                    p_rewire: get("p_rewire")?,
                }
            }
            "scale_free" => Topology::ScaleFree { m: whole("m", 1)? },
            "ring" => Topology::Ring { k: whole("k", 0)? },
            "grid" => Topology::Grid {
                rows_count: whole("rows_count", 1)?,
                cols_count: whole("cols_count", 1)?,
                radius: get("radius")?,
            },
            _ => Topology::AllToAll,
        };
        topology.validate()?;
        Ok(topology)
    }

    /// The name of this topology (one of [`Topology::NAMES`]).
    pub fn name(&self) -> &'static str {
        match self {
            Topology::Random { .. } => "random",
            Topology::FixedIndegree { .. } => "fixed_indegree",
            Topology::FixedOutdegree { .. } => "fixed_outdegree",
            Topology::FixedTotalNumber { .. } => "fixed_total_number",
            Topology::SmallWorld { .. } => "small_world",
            Topology::ScaleFree { .. } => "scale_free",
            Topology::Ring { .. } => "ring",
            Topology::Grid { .. } => "grid",
            Topology::AllToAll => "all_to_all",
        }
    }

    /// The keyword arguments that [`Topology::from_name`] takes to rebuild this topology.
    pub fn params(&self) -> Vec<(&'static str, f64)> {
        match *self {
            Topology::Random { probability } => vec![("probability", probability)],
            Topology::FixedIndegree { indegree } => vec![("indegree", indegree as f64)],
            Topology::FixedOutdegree { outdegree } => vec![("outdegree", outdegree as f64)],
            Topology::FixedTotalNumber { total } => vec![("total", total as f64)],
            Topology::SmallWorld { k, p_rewire } => vec![("k", k as f64), ("p_rewire", p_rewire)],
            Topology::ScaleFree { m } => vec![("m", m as f64)],
            Topology::Ring { k } => vec![("k", k as f64)],
            Topology::Grid {
                rows_count,
                cols_count,
                radius,
            } => vec![
                ("rows_count", rows_count as f64),
                ("cols_count", cols_count as f64),
                ("radius", radius),
            ],
            Topology::AllToAll => vec![],
        }
    }

    /// Whether each target row can be generated alone, at a cost proportional to its own
    /// synapses: `random`, `fixed_indegree` and `fixed_total_number` (one stream per target
    /// row, plus one O(`n_tgt`) in-degree stream for the last) and the
    /// deterministic `ring`, `grid` and `all_to_all`. For the others (`fixed_outdegree`,
    /// `small_world`, `scale_free`), [`Topology::generate_in_rows`] builds the whole graph
    /// and keeps the requested rows.
    pub fn is_row_local(&self) -> bool {
        matches!(
            self,
            Topology::Random { .. }
                | Topology::FixedIndegree { .. }
                | Topology::FixedTotalNumber { .. }
                | Topology::Ring { .. }
                | Topology::Grid { .. }
                | Topology::AllToAll
        )
    }

    /// Checks the parameters that do not depend on population sizes.
    pub fn validate(&self) -> Result<()> {
        let obj = object(self.name());
        match *self {
            Topology::Random { probability } => {
                check::probability(&obj, "probability", probability)?;
            }
            Topology::FixedIndegree { indegree: d }
            | Topology::FixedOutdegree { outdegree: d }
            | Topology::FixedTotalNumber { total: d } => {
                let field = self.params()[0].0;
                if d > MAX_SIZE {
                    return Err(Error::out_of_range(
                        obj,
                        field,
                        d,
                        format!("integers in [0, {MAX_SIZE}]"),
                    ));
                }
            }
            Topology::SmallWorld { k, p_rewire } => {
                check::even_k(&obj, k, None)?;
                check::probability(&obj, "p_rewire", p_rewire)?;
            }
            Topology::ScaleFree { m } => {
                if m == 0 || m > MAX_SIZE {
                    return Err(Error::out_of_range(
                        obj,
                        "m",
                        m,
                        format!("integers in [1, {MAX_SIZE}]"),
                    ));
                }
            }
            Topology::Ring { k } => check::even_k(&obj, k, None)?,
            Topology::Grid {
                rows_count,
                cols_count,
                radius,
            } => {
                for (field, v) in [("rows_count", rows_count), ("cols_count", cols_count)] {
                    if v == 0 || v > MAX_SIZE {
                        return Err(Error::out_of_range(
                            obj,
                            field,
                            v,
                            format!("integers in [1, {MAX_SIZE}]"),
                        ));
                    }
                }
                check_value(&obj, "radius", radius, ValueRange::NonNegative)?;
            }
            Topology::AllToAll => {}
        }
        Ok(())
    }

    /// Checks parameters, sizes and options together; returns the object name for errors.
    fn check(&self, n_src: usize, n_tgt: usize, opts: ConnectOptions) -> Result<String> {
        self.validate()?;
        let name = self.name();
        let obj = object(name);
        check::size(&obj, "n_src", n_src)?;
        check::size(&obj, "n_tgt", n_tgt)?;
        if opts.same_population && n_src != n_tgt {
            return Err(Error::shape(
                obj,
                "n_tgt",
                n_tgt,
                format!("{n_src} (= n_src, since same_population is set)"),
            ));
        }
        let too_many = |field: &str, a: usize, b: usize| {
            a.checked_mul(b).map(|_| ()).ok_or_else(|| {
                Error::out_of_range(
                    &obj,
                    field,
                    format!("{a} * {b}"),
                    "at most usize::MAX synapses",
                )
            })
        };
        match *self {
            Topology::Random { .. } => {}
            Topology::FixedIndegree { indegree: d } | Topology::FixedOutdegree { outdegree: d } => {
                let (field, pool, pool_name, other) = match self {
                    Topology::FixedIndegree { .. } => ("indegree", n_src, "n_src", n_tgt),
                    _ => ("outdegree", n_tgt, "n_tgt", n_src),
                };
                too_many("synapses", other, d)?;
                let autapse = usize::from(opts.exclude_self() && pool > 0);
                let candidates = pool - autapse;
                let without = if autapse == 1 {
                    ", autapses excluded"
                } else {
                    ""
                };
                if !opts.allow_multapses && d > candidates {
                    return Err(Error::out_of_range(
                        obj,
                        field,
                        d,
                        format!(
                            "[0, {candidates}] without multapses ({pool_name} = {pool}{without})"
                        ),
                    ));
                }
                if d > 0 && candidates == 0 && other > 0 {
                    return Err(Error::out_of_range(
                        obj,
                        field,
                        d,
                        format!("[0, 0]: no neuron to draw from ({pool_name} = {pool}{without})"),
                    ));
                }
            }
            Topology::FixedTotalNumber { total } => {
                let autapse = usize::from(opts.exclude_self() && n_src > 0);
                let candidates = n_src - autapse;
                let without = if autapse == 1 {
                    ", autapses excluded"
                } else {
                    ""
                };
                if total > 0 && (candidates == 0 || n_tgt == 0) {
                    return Err(Error::out_of_range(
                        obj,
                        "total",
                        total,
                        format!(
                            "[0, 0]: no pair to draw from (n_src = {n_src}, n_tgt = {n_tgt}{without})"
                        ),
                    ));
                }
                let pairs = candidates.saturating_mul(n_tgt);
                if !opts.allow_multapses && total > pairs {
                    return Err(Error::out_of_range(
                        obj,
                        "total",
                        total,
                        format!(
                            "[0, {pairs}] without multapses (n_src = {n_src}, n_tgt = {n_tgt}{without})"
                        ),
                    ));
                }
            }
            Topology::SmallWorld { k, .. } | Topology::Ring { k } => {
                check::one_population(&obj, name, n_src, n_tgt)?;
                check::even_k(&obj, k, Some(n_src))?;
            }
            Topology::ScaleFree { m } => {
                check::one_population(&obj, name, n_src, n_tgt)?;
                if m >= n_src {
                    let range = if n_src >= 2 {
                        format!("integers in [1, {}] for n = {n_src}", n_src - 1)
                    } else {
                        format!("integers in [1, n - 1], none for n = {n_src}")
                    };
                    return Err(Error::out_of_range(obj, "m", m, range));
                }
            }
            Topology::Grid {
                rows_count,
                cols_count,
                ..
            } => {
                check::one_population(&obj, name, n_src, n_tgt)?;
                let cells = rows_count.checked_mul(cols_count);
                if cells != Some(n_src) {
                    return Err(Error::shape(
                        obj,
                        "rows_count * cols_count",
                        cells.unwrap_or(usize::MAX),
                        format!("{n_src} (the population size)"),
                    ));
                }
            }
            Topology::AllToAll => too_many("synapses", n_src, n_tgt)?,
        }
        Ok(obj)
    }

    /// Generates the connectivity of one projection from `n_src` sources to `n_tgt`
    /// targets as a source-major [`Csr`] (row `i` = the targets of source `i`, ascending;
    /// multapses adjacent), every synapse with `weight`.
    ///
    /// - `seed`: the network seed; `object`: the projection's index, so that projections
    ///   of one network draw from distinct streams. Random rows use
    ///   `RngStream::new(seed, StreamKind::Connectivity, object, row)`, where `row` is the
    ///   target's index within its population (`random`, `fixed_indegree`), the source's
    ///   (`fixed_outdegree`), or 0 for the whole-graph models (`small_world`,
    ///   `scale_free`). `ring`, `grid` and `all_to_all` draw nothing.
    /// - `opts`: autapses, multapses, and whether sources and targets are one population
    ///   (see [`ConnectOptions`]).
    ///
    /// The result is identical for any number of threads.
    ///
    /// # Errors
    /// A parameter out of range, a size that does not fit (`n_src != n_tgt` for the
    /// one-population topologies, `rows_count * cols_count != n`, `k > n - 1`, a degree
    /// above the candidates without multapses), a non-finite `weight`. Every message names
    /// `Topology '<name>'`, the field, the value and the valid range.
    pub fn generate(
        &self,
        n_src: usize,
        n_tgt: usize,
        weight: f64,
        seed: u64,
        object: u32,
        opts: ConnectOptions,
    ) -> Result<Csr> {
        let obj = self.check(n_src, n_tgt, opts)?;
        check::weight(&obj, weight)?;
        match *self {
            Topology::Random { .. }
            | Topology::FixedIndegree { .. }
            | Topology::FixedTotalNumber { .. } => self
                .rows_checked(n_src, n_tgt, 0..n_tgt, seed, object, opts)?
                .to_csr(weight),
            Topology::FixedOutdegree { outdegree } => {
                degree::outdegree_csr(n_src, n_tgt, outdegree, weight, seed, object, opts)
            }
            Topology::SmallWorld { k, p_rewire } => {
                small_world::small_world_csr(n_src, k, p_rewire, weight, seed, object)
            }
            Topology::ScaleFree { m } => scale_free::scale_free_csr(n_src, m, weight, seed, object),
            // Symmetric graphs: the target rows are the source rows.
            Topology::Ring { .. } | Topology::Grid { .. } => lattice::symmetric_csr(
                self.rows_checked(n_src, n_tgt, 0..n_tgt, seed, object, opts)?,
                weight,
            ),
            Topology::AllToAll => {
                lattice::all_to_all_csr(n_src, n_tgt, weight, opts.exclude_self())
            }
        }
    }

    /// The sources of each target in `targets` (indices within the target population), as
    /// [`Topology::generate`] would connect them: `generate_in_rows(.., 0..n_tgt, ..)
    /// .to_csr(weight)` equals `generate(..)`, and the rows of any sub-range equal the
    /// same rows of the whole projection. This is how an MPI rank builds only its targets.
    ///
    /// For [row-local](Topology::is_row_local) topologies only the requested rows are
    /// generated (in parallel; `random` and `fixed_indegree` with one stream per row); the
    /// others are generated whole and the requested rows kept.
    ///
    /// Within a row, sources are ascending, except `fixed_indegree` with multapses and
    /// `fixed_total_number`, whose rows keep the draw order.
    pub fn generate_in_rows(
        &self,
        n_src: usize,
        n_tgt: usize,
        targets: Range<usize>,
        seed: u64,
        object: u32,
        opts: ConnectOptions,
    ) -> Result<TargetRows> {
        let obj = self.check(n_src, n_tgt, opts)?;
        if targets.start > targets.end || targets.end > n_tgt {
            return Err(Error::out_of_range(
                obj,
                "targets",
                format!("{}..{}", targets.start, targets.end),
                format!("sub-ranges of 0..{n_tgt}"),
            ));
        }
        self.rows_checked(n_src, n_tgt, targets, seed, object, opts)
    }

    /// Target rows (parameters, sizes and `targets` already checked).
    fn rows_checked(
        &self,
        n_src: usize,
        n_tgt: usize,
        targets: Range<usize>,
        seed: u64,
        object: u32,
        opts: ConnectOptions,
    ) -> Result<TargetRows> {
        Ok(match *self {
            Topology::Random { probability } => {
                bernoulli::rows(n_src, n_tgt, targets, probability, seed, object, opts)
            }
            Topology::FixedIndegree { indegree } => {
                degree::indegree_rows(n_src, n_tgt, targets, indegree, seed, object, opts)
            }
            Topology::FixedTotalNumber { total } => {
                total::rows(n_src, n_tgt, targets, total, seed, object, opts)
            }
            Topology::Ring { k } => TargetRows::generate(n_src, n_tgt, targets, |i, row| {
                lattice::ring_row(n_src, k, i, row)
            }),
            Topology::Grid {
                rows_count,
                cols_count,
                radius,
            } => {
                let offsets = lattice::grid_offsets(rows_count, cols_count, radius);
                TargetRows::generate(n_src, n_tgt, targets, |i, row| {
                    lattice::grid_row(rows_count, cols_count, &offsets, i, row)
                })
            }
            Topology::AllToAll => {
                let exclude_self = opts.exclude_self();
                TargetRows::generate(n_src, n_tgt, targets, |t, row| {
                    lattice::all_to_all_row(n_src, exclude_self, t, row)
                })
            }
            Topology::FixedOutdegree { .. }
            | Topology::SmallWorld { .. }
            | Topology::ScaleFree { .. } => {
                let csr = self.generate(n_src, n_tgt, 0.0, seed, object, opts)?;
                TargetRows::from_csr(&csr, targets)
            }
        })
    }
}

impl fmt::Display for Topology {
    /// `name(key=value, ...)`, e.g. `small_world(k=4, p_rewire=0.1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.name())?;
        for (i, (k, v)) in self.params().into_iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{k}={v}")?;
        }
        write!(f, ")")
    }
}
