//! Helpers shared by the integration tests of this crate (`mod common;` in each test file).
//!
//! * [`Reference`]: the case file `reference/analysis/<family>.json` written by
//!   `scripts/reference/analysis/<family>.py`, read once per test binary: its cases, the
//!   trains that arguments name as `"@k"`, and runners that check every case of a function.
//! * Values: [`num`] (a JSON number or one of the strings "nan", "inf", "-inf"), [`opt`]
//!   (null is `None`), [`nums`], [`opts`], [`ints`], [`usize_of`], [`rows`].
//! * The G11 comparison: [`close`] / [`all_close`] with the tolerances as parameters, and
//!   [`angle_close`] for phases.
//! * Test trains: [`lcg_uniform`] draws, [`shuffled`]; [`same_or_nan`].
//! * [`err`]: the message of an expected error.
//!
//! Every test binary compiles its own copy and uses only part of it.
#![allow(dead_code)]

use std::sync::OnceLock;

use serde_json::Value;

// ------------------------------------------------------------------ reference data

/// The parsed case file of one family.
#[derive(Clone, Copy)]
pub struct Reference {
    root: &'static Value,
}

impl Reference {
    /// `reference/analysis/<family>.json`, read on the first call. `env_var`, when given, is
    /// an environment variable that may name another case file (e.g. from a `--fuzz` run).
    pub fn load(family: &str, env_var: Option<&str>) -> Self {
        static DATA: OnceLock<(String, Value)> = OnceLock::new();
        let (loaded, root) = DATA.get_or_init(|| (family.to_string(), read(family, env_var)));
        assert_eq!(loaded, family, "one reference family per test binary");
        Reference { root }
    }

    /// The cases of function `name` (at least one).
    pub fn cases(self, name: &str) -> &'static Vec<Value> {
        let c = self.root[name]
            .as_array()
            .unwrap_or_else(|| panic!("no cases for {name}"));
        assert!(!c.is_empty(), "{name}: no cases");
        c
    }

    /// `"@k"`: train (or array) k of the table `"trains"`.
    pub fn train(self, v: &Value) -> Vec<f64> {
        let key = v.as_str().expect("a train reference \"@k\"");
        let k: usize = key[1..].parse().expect("@index");
        nums(&self.root["trains"][k])
    }

    /// A list of `"@k"`.
    pub fn trains(self, v: &Value) -> Vec<Vec<f64>> {
        v.as_array()
            .expect("a list of trains")
            .iter()
            .map(|t| self.train(t))
            .collect()
    }

    /// Runs every case of `name` through `check` (`None` or `Ok(())` when the case matches,
    /// else a description) and asserts that all match; returns the number of cases.
    pub fn each<O: Outcome>(self, name: &str, check: impl Fn(&Value, &Value) -> O) -> usize {
        let cases = self.cases(name);
        let bad: Vec<String> = cases
            .iter()
            .enumerate()
            .filter_map(|(k, c)| {
                check(&c["args"], &c["expected"]).mismatch().map(|m| {
                    let tag = c.get("tag").map(|t| format!(" {t}")).unwrap_or_default();
                    format!("{name}[{k}]{tag} ({}): {m}", c["args"])
                })
            })
            .collect();
        assert!(
            bad.is_empty(),
            "{} of {} cases differ:\n{}",
            bad.len(),
            cases.len(),
            bad.join("\n")
        );
        cases.len()
    }

    /// Runs every case of `name` through `f` and compares its rows with `shape(expected)`
    /// value by value ([`close`] at `rtol`/`atol`); prints the largest difference; returns
    /// the number of cases.
    pub fn run_rows(
        self,
        name: &str,
        rtol: f64,
        atol: f64,
        shape: impl Fn(&Value) -> Vec<Vec<f64>>,
        f: impl Fn(&Value) -> Vec<Vec<f64>>,
    ) -> usize {
        let cases = self.cases(name);
        let mut worst = 0.0f64;
        for (k, case) in cases.iter().enumerate() {
            let args = &case["args"];
            let want = shape(&case["expected"]);
            let got = f(args);
            assert_eq!(
                got.iter().map(Vec::len).collect::<Vec<_>>(),
                want.iter().map(Vec::len).collect::<Vec<_>>(),
                "{name} case {k}: shape; args {args}"
            );
            for (gr, wr) in got.iter().zip(&want) {
                for (&g, &w) in gr.iter().zip(wr) {
                    assert!(
                        close(g, w, rtol, atol),
                        "{name} case {k}: got {g}, expected {w}; args {args}"
                    );
                    if w.is_finite() {
                        worst = worst.max((g - w).abs());
                    }
                }
            }
        }
        eprintln!(
            "{name}: {} cases, max |got - expected| = {worst:e}",
            cases.len()
        );
        cases.len()
    }
}

fn read(family: &str, env_var: Option<&str>) -> Value {
    let path = env_var
        .and_then(|v| std::env::var(v).ok())
        .unwrap_or_else(|| {
            format!(
                "{}/../../reference/analysis/{family}.json",
                env!("CARGO_MANIFEST_DIR")
            )
        });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("valid JSON")
}

/// The result of checking one case: `None` / `Ok(())` for a match, else a description.
pub trait Outcome {
    fn mismatch(self) -> Option<String>;
}

impl Outcome for Option<String> {
    fn mismatch(self) -> Option<String> {
        self
    }
}

impl Outcome for Result<(), String> {
    fn mismatch(self) -> Option<String> {
        self.err()
    }
}

// ------------------------------------------------------------------ values

/// A number, or one of the strings "nan", "inf", "-inf".
pub fn num(v: &Value) -> f64 {
    opt(v).unwrap_or_else(|| panic!("not a number: {v}"))
}

/// A number as [`num`]; null is `None`.
pub fn opt(v: &Value) -> Option<f64> {
    match v {
        Value::Null => None,
        Value::Number(n) => Some(n.as_f64().unwrap()),
        Value::String(s) => Some(match s.as_str() {
            "nan" => f64::NAN,
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            _ => panic!("not a number: {s}"),
        }),
        _ => panic!("not a number: {v}"),
    }
}

/// An array of [`num`].
pub fn nums(v: &Value) -> Vec<f64> {
    v.as_array().expect("an array").iter().map(num).collect()
}

/// An array of [`opt`] (null entries are not compared).
pub fn opts(v: &Value) -> Vec<Option<f64>> {
    v.as_array().expect("an array").iter().map(opt).collect()
}

/// An array of integers.
pub fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_i64().expect("an integer"))
        .collect()
}

pub fn usize_of(v: &Value) -> usize {
    v.as_u64().expect("a non-negative integer") as usize
}

/// An expected value as rows: a scalar is `[[x]]`, an array its rows (a matrix, or the
/// arrays of a profile).
pub fn rows(v: &Value) -> Vec<Vec<f64>> {
    match v {
        Value::Array(a) => a.iter().map(nums).collect(),
        _ => vec![vec![num(v)]],
    }
}

// ------------------------------------------------------------------ G11 comparison

/// `got` matches `want` within `atol + rtol·|want|`; NaN matches only NaN, an infinity only
/// itself.
pub fn close(got: f64, want: f64, rtol: f64, atol: f64) -> bool {
    if want.is_nan() {
        return got.is_nan();
    }
    if want.is_infinite() {
        return got == want;
    }
    (got - want).abs() <= atol + rtol * want.abs()
}

/// Same length and [`close`] element by element.
pub fn all_close(got: &[f64], want: &[f64], rtol: f64, atol: f64) -> bool {
    got.len() == want.len() && got.iter().zip(want).all(|(&g, &w)| close(g, w, rtol, atol))
}

/// The distance of two angles on the circle, in [0, π].
pub fn angle_diff(got: f64, want: f64) -> f64 {
    let d = (got - want).rem_euclid(std::f64::consts::TAU);
    d.min(std::f64::consts::TAU - d)
}

/// Angles: the wrapped difference within `atol`; NaN matches only NaN.
pub fn angle_close(got: f64, want: f64, atol: f64) -> bool {
    if want.is_nan() {
        return got.is_nan();
    }
    angle_diff(got, want) <= atol
}

// ------------------------------------------------------------------ test trains

/// `n` deterministic draws in [0, 1) from a 64-bit LCG (no extra dependency).
pub fn lcg_uniform(seed: u64, n: usize) -> Vec<f64> {
    let step = |s: u64| {
        s.wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
    };
    let mut s = step(seed);
    (0..n)
        .map(|_| {
            s = step(s);
            (s >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

/// The train reversed and rotated (not sorted).
pub fn shuffled(x: &[f64]) -> Vec<f64> {
    let mut y: Vec<f64> = x.iter().rev().copied().collect();
    y.rotate_left(x.len() / 3);
    y
}

/// Equal, or both NaN.
pub fn same_or_nan(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

// ------------------------------------------------------------------ errors

/// The message of the error that `r` must be.
pub fn err<T: std::fmt::Debug>(r: sc_neurocore_core::Result<T>) -> String {
    r.expect_err("expected an error").to_string()
}
