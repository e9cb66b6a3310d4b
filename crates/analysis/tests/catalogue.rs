//! The catalogue (`sc_neurocore_analysis::catalogue`) is well formed: what the generated
//! Python (`cargo xtask codegen`) needs to be valid and what the docs page promises. That
//! every entry names a function of this crate is checked when the crate compiles
//! (`fn_name!`), and that the binding registers exactly these functions when the binding
//! compiles (`bindings/python/src/analysis.rs`, `functions!`).

use sc_neurocore_analysis::catalogue::{
    FAMILIES, FUNCTIONS, Output, Param, ParamKind, first_missing, function, is_declared, names,
};
use std::collections::HashSet;

#[test]
fn entries_are_numbered_in_order_with_unique_names() {
    assert_eq!(FUNCTIONS.len(), 127);
    let mut seen = HashSet::new();
    for (k, f) in FUNCTIONS.iter().enumerate() {
        assert_eq!(usize::from(f.number), k + 1, "{}", f.name);
        assert!(seen.insert(f.name), "{} is declared twice", f.name);
        assert!(is_identifier(f.name), "{}", f.name);
        assert!(std::ptr::eq(function(f.name).unwrap(), f));
    }
    assert!(function("no_such_function").is_none());
    assert_eq!(names().count(), 127);
}

#[test]
fn families_are_numbered_in_order_and_entries_grouped_by_family() {
    for (k, fam) in FAMILIES.iter().enumerate() {
        assert_eq!(usize::from(fam.number), k + 1, "{}", fam.title);
        assert!(!fam.title.is_empty());
        assert!(
            FUNCTIONS.iter().any(|f| f.family == fam.number),
            "family {} has no function",
            fam.number
        );
        assert_eq!(fam.conventions, fam.conventions.trim(), "{}", fam.title);
    }
    for pair in FUNCTIONS.windows(2) {
        assert!(
            pair[0].family <= pair[1].family,
            "{} (family {}) after {} (family {}): entries are grouped by family",
            pair[1].name,
            pair[1].family,
            pair[0].name,
            pair[0].family
        );
    }
    assert!(FUNCTIONS.iter().all(|f| f.family().number == f.family));
}

#[test]
fn parameters_make_a_valid_python_signature() {
    for f in &FUNCTIONS {
        let mut seen = HashSet::new();
        let mut defaulted = false;
        for p in f.params {
            assert!(is_identifier(p.name), "{}: {}", f.name, p.name);
            assert!(seen.insert(p.name), "{}: {} twice", f.name, p.name);
            // Python: a parameter without a default cannot follow one with a default.
            assert!(
                p.default.is_some() || !defaulted,
                "{}: {} has no default but follows one that has",
                f.name,
                p.name
            );
            defaulted |= p.default.is_some();
            if let Some(d) = p.default {
                assert!(default_fits(p, d), "{}: {} = {d}", f.name, p.name);
            }
        }
    }
}

#[test]
fn defaults_are_python_literals_of_the_declared_kind() {
    let p = |kind, d| Param {
        name: "x",
        kind,
        default: Some(d),
    };
    assert!(default_fits(&p(ParamKind::Float, "1e-4"), "1e-4"));
    assert!(!default_fits(&p(ParamKind::Float, "1"), "1"));
    assert!(default_fits(&p(ParamKind::Int, "None"), "None"));
    assert!(!default_fits(&p(ParamKind::Bool, "true"), "true"));
    assert!(!default_fits(&p(ParamKind::Str, "gaussian"), "gaussian"));
}

#[test]
fn result_types_agree_with_the_documented_returns() {
    for f in &FUNCTIONS {
        let r = f.returns;
        let tuple = r.starts_with('(').then(|| r.matches(',').count() + 1);
        let fits = match f.output {
            Output::Int => r == "int",
            Output::Float => r == "float",
            Output::Array => r.starts_with("ndarray") || r.is_empty(),
            Output::Arrays(n) | Output::Floats(n) => tuple == Some(usize::from(n)),
            Output::ArrayList => r.starts_with("list[ndarray") || r.is_empty(),
            Output::ArrayLists => r.starts_with("list[list[ndarray") || r.is_empty(),
        };
        assert!(fits, "{}: returns {r:?} but output {:?}", f.name, f.output);
        // An empty `returns` leaves the result to the family's conventions (the surrogates
        // return lists, the kernels arrays).
        assert!(
            !r.is_empty() || [6, 8].contains(&f.family),
            "{}: no returns",
            f.name
        );
    }
}

#[test]
fn texts_are_clean() {
    for f in &FUNCTIONS {
        let s = f.summary;
        assert!(
            !s.is_empty() && !s.contains('\n') && s.ends_with('.') && s == s.trim(),
            "{}: summary {s:?}",
            f.name
        );
        assert!(!f.doc.trim().is_empty(), "{}: no documentation", f.name);
        assert_eq!(f.doc, f.doc.trim(), "{}: blank lines at the ends", f.name);
        for line in f.doc.lines() {
            assert_eq!(line, line.trim_end(), "{}: trailing space", f.name);
        }
        assert!(!f.doc.contains("\"\"\""), "{}", f.name);
    }
    let stars = FUNCTIONS.iter().filter(|f| f.star).count();
    assert!(stars > 0 && stars < FUNCTIONS.len());
}

#[test]
fn the_const_checks_find_missing_and_unknown_names() {
    let all: Vec<&str> = names().collect();
    assert_eq!(first_missing(&all), None);
    assert_eq!(first_missing(&all[1..]), Some(all[0]));
    assert_eq!(first_missing(&[]), Some("spike_count"));
    assert!(is_declared("isi_distance"));
    assert!(!is_declared("isi_distanc"));
    assert!(!is_declared(""));
}

fn is_identifier(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && c.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `d` is a Python literal of the parameter's kind (`None` for an optional one).
fn default_fits(p: &Param, d: &str) -> bool {
    if d == "None" {
        return p.is_optional();
    }
    match p.kind {
        // A float literal (so the stub's `float` is exact): has a point or an exponent.
        ParamKind::Float => d.parse::<f64>().is_ok() && d.contains(['.', 'e']),
        ParamKind::Int => d.parse::<i64>().is_ok(),
        ParamKind::Bool => d == "True" || d == "False",
        ParamKind::Str => {
            d.len() >= 2
                && d.starts_with('"')
                && d.ends_with('"')
                && !d[1..d.len() - 1].contains(['"', '\\'])
        }
        ParamKind::Array | ParamKind::Trains | ParamKind::Pair => false,
    }
}
