//! The Python face of the zoo, generated from the entries' metadata: the docstring, the
//! parameter types and the defaults of `sc_neurocore.model_zoo.configs.NAME(...)` (one
//! function per entry, made when the package is imported) and of
//! `configs.brunel_balanced_network(n_exc, n_inh, ...)`. The runtime functions (through
//! `_native.zoo_python_docs()`) and the `.pyi` stub that `cargo xtask codegen` writes
//! (`bindings/python/python/sc_neurocore/model_zoo/configs.pyi`) both read this text.

use crate::reproduce::Reproduction;
use crate::{BRUNEL, ZOO, ZooEntry};
use std::fmt::Write;

/// The name of the Python function that sizes Brunel's network by its populations (the
/// tutorial's `brunel_balanced_network(n_exc=800, n_inh=200)`).
pub const BRUNEL_BALANCED: &str = "brunel_balanced_network";

/// The `brunel` parameters `brunel_balanced_network` does not take (its `n_exc` and `n_inh`
/// come first, positionally, instead of `order`).
pub const BRUNEL_BALANCED_SKIPS: [&str; 3] = ["order", "n_exc", "n_inh"];

/// The defaults of `brunel_balanced_network`'s `n_exc` and `n_inh`: 4·order and order at
/// `brunel`'s default order.
pub fn brunel_balanced_sizes() -> (usize, usize) {
    let order = BRUNEL
        .params
        .iter()
        .find(|p| p.name == "order")
        .map_or(0, |p| p.default as usize);
    (4 * order, order)
}

/// `int` for a count, `float` otherwise: the Python type of parameter `k` of `entry`.
pub fn python_type(entry: &ZooEntry, k: usize) -> &'static str {
    if entry.whole[k] { "int" } else { "float" }
}

/// The Python literal of parameter `k`'s default (`2500`, `0.1`, `-65.0`).
pub fn python_default(entry: &ZooEntry, k: usize) -> String {
    let v = entry.params[k].default;
    if entry.whole[k] {
        format!("{}", v as i64)
    } else {
        format!("{v:?}")
    }
}

/// The numpydoc entry of parameter `k` of `entry`, indented for a docstring.
fn param_doc(entry: &ZooEntry, k: usize) -> String {
    let p = &entry.params[k];
    let unit = match p.unit {
        "1" => String::new(),
        u => format!(", in {u}"),
    };
    let range = if entry.whole[k] {
        format!("whole numbers in {}", p.range)
    } else {
        p.range.to_string()
    };
    format!(
        "{} : {}, default {}\n    {}{unit}. Valid range: {range}.\n",
        p.name,
        python_type(entry, k),
        python_default(entry, k),
        p.doc
    )
}

/// `seed` and `record`, as every configuration takes them.
const COMMON_PARAMS: &str = "seed : int, default 1
    Seed of every random stream: connectivity, Poisson inputs, and the initial values the
    zoo draws when it builds the network (these are fixed in the returned network; build
    again with another seed for others).
record : bool, default True
    Add a ``SpikeMonitor`` labelled ``<population>_spikes`` to every population.
";

/// The units paragraph every configuration's Notes start with.
fn units_note(entry: &ZooEntry) -> String {
    format!(
        "Parameters are in the units the zoo declares for them (ms, mV, pA, nS, Hz; a bare \
         number where no unit is given), the units of ``sc-neurocore run --zoo {name} --set \
         KEY=VALUE``, not the seconds of network times (projection delays, ``run``'s \
         ``duration`` and ``dt``): ``delay=1.5`` is 1.5 ms. A nonzero value below 0.01 ms \
         for a parameter in ms is refused as seconds given by mistake. Counts must be whole \
         numbers. An unknown keyword raises an error that lists the valid ones.\n\n\
         Suggested run: ``net.run(duration={d}, dt={dt})`` (seconds).\n",
        name = entry.name,
        d = entry.default_run.0,
        dt = entry.default_run.1
    )
}

/// What the entry reproduces, for the Notes.
fn reproduces_note(entry: &ZooEntry, r: &Reproduction) -> String {
    let mut s = format!("Reproduces {}.", r.paper);
    for st in r.statistics {
        let published = st
            .published
            .map_or("no number published".to_string(), |v| with_unit(v, st.unit));
        let _ = write!(
            s,
            " {}{}: {}; published {} ({}).",
            capitalise(st.name),
            if st.unit == "1" {
                String::new()
            } else {
                format!(" ({})", st.unit)
            },
            st.definition,
            published,
            st.source
        );
    }
    let _ = write!(
        s,
        " Measured by ``{}`` (``docs/gallery.md``){}",
        r.command(entry.name),
        if r.note.is_empty() {
            ".".to_string()
        } else {
            format!(", {}.", r.note)
        }
    );
    wrap(&s, 88)
}

/// `v` with its unit (`37.5 Hz`; a bare number for unit `1`).
pub fn with_unit(v: f64, unit: &str) -> String {
    if unit == "1" {
        format!("{v}")
    } else {
        format!("{v} {unit}")
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// `text` broken into lines of at most `width` characters at spaces (a word longer than
/// `width` stays whole).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The docstring of `configs.NAME` for `entry`.
pub fn python_doc(entry: &ZooEntry) -> String {
    let mut s = wrap(entry.summary, 88);
    s.push('\n');
    s.push_str(&wrap(
        &format!(
            "Built from the zoo's one definition of ``{name}`` (the one ``sc-neurocore run \
             --zoo {name}`` and Rust's ``sc_neurocore_zoo::lookup(\"{name}\")`` build) and \
             returned as an ordinary :class:`~sc_neurocore.network.network.Network`: its \
             populations (model and per-neuron parameters), projections (connectivity, \
             weights, delays, synapse kind, plasticity), stimuli and initial synaptic states \
             are the objects of :mod:`sc_neurocore.network`, to inspect, extend and run on \
             any backend; for one seed it gives the spikes the command line gives.",
            name = entry.name
        ),
        88,
    ));
    s.push_str("\nParameters\n----------\n");
    for k in 0..entry.params.len() {
        s.push_str(&param_doc(entry, k));
    }
    s.push_str(COMMON_PARAMS);
    s.push_str("\nReturns\n-------\nNetwork\n    The network, not yet run.\n");
    s.push_str("\nNotes\n-----\n");
    s.push_str(&wrap_paragraphs(&units_note(entry)));
    if let Some(r) = entry.reproduces {
        s.push('\n');
        s.push_str(&reproduces_note(entry, r));
    }
    s
}

fn wrap_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| wrap(p, 88))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The docstring of `configs.brunel_balanced_network`.
pub fn brunel_balanced_doc() -> String {
    let e = &BRUNEL;
    let mut s = wrap(
        "Brunel's (2000) sparse balanced network of LIF neurons (model A), as NEST's \
         ``brunel_delta_nest.py`` builds it, with ``n_exc`` excitatory and ``n_inh`` \
         inhibitory neurons: the zoo's ``brunel`` network (``configs.brunel``) sized by its \
         populations instead of ``order``.",
        88,
    );
    s.push('\n');
    s.push_str(&wrap(
        "Each neuron receives ``C_E = int(epsilon·n_exc)`` excitatory and ``C_I = \
         int(epsilon·n_inh)`` inhibitory synapses (fixed in-degree, autapses and multapses \
         allowed), delta synapses of ``j`` mV (``-g·j`` inhibitory) with one ``delay`` (ms), \
         and independent Poisson drive of rate ``eta·nu_th·C_E`` with ``nu_th = theta / \
         (j·C_E·tau_m)``, each input spike ``j`` mV. Brunel's Fig. 8 regimes, with \
         ``v_reset=10``: A (g 3, eta 2, ``configs.brunel_sr``), B (g 6, eta 4, \
         ``brunel_si_fast``), C (g 5, eta 2, ``brunel_ai``), D (g 4.5, eta 0.9, \
         ``brunel_si_slow``). The populations are ``net[\"exc\"]`` and ``net[\"inh\"]``; with \
         ``record=True`` the spike monitors ``net[\"exc_spikes\"]`` and \
         ``net[\"inh_spikes\"]``.",
        88,
    ));
    s.push_str("\nParameters\n----------\n");
    let sizes = brunel_balanced_sizes();
    let n = |k: usize| -> String {
        format!(
            "{} : int, default {}\n    {}. Valid range: whole numbers in [1, {}].\n",
            ["n_exc", "n_inh"][k],
            [sizes.0, sizes.1][k],
            ["Excitatory neurons", "Inhibitory neurons"][k],
            1e9
        )
    };
    s.push_str(&n(0));
    s.push_str(&n(1));
    for k in 0..e.params.len() {
        if !BRUNEL_BALANCED_SKIPS.contains(&e.params[k].name) {
            s.push_str(&param_doc(e, k));
        }
    }
    s.push_str(COMMON_PARAMS);
    s.push_str("\nReturns\n-------\nNetwork\n    The network, not yet run.\n");
    s.push_str("\nNotes\n-----\n");
    s.push_str(&wrap_paragraphs(&units_note(e)));
    s
}

/// `(function name, docstring)` of every generated configuration function:
/// `brunel_balanced_network`, then one per entry of [`ZOO`].
pub fn python_docs() -> Vec<(&'static str, String)> {
    std::iter::once((BRUNEL_BALANCED, brunel_balanced_doc()))
        .chain(ZOO.iter().map(|z| (z.name, python_doc(z))))
        .collect()
}
