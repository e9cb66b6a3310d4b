//! Renderings of the registry written once for every front end: the Markdown catalogue page
//! (`docs/models.md`, written by `cargo xtask codegen`) and the numpydoc text of each
//! model's Python class (the runtime class and its generated `.pyi` stub both use it).

use crate::{MODELS, ModelInfo, OMITTED};
use std::fmt::Write;

/// `v` as Python's `repr(float)` writes it (`281.0`, `0.001`, `1e-06`, `1.5e+16`), so that
/// text generated here reads as Python users see the values.
pub fn py_float(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // Shortest round-trip digits and the decimal exponent, from Rust's `{:e}`.
    let sci = format!("{:e}", v.abs());
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if v < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let s = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            let (a, b) = digits.split_at(point as usize);
            format!("{a}.{b}")
        };
        format!("{sign}{s}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let e = if exp < 0 {
            format!("-{:02}", -exp)
        } else {
            format!("+{exp:02}")
        };
        format!("{sign}{m}e{e}")
    }
}

impl ModelInfo {
    /// What a delta-synapse weight does to the model, in one phrase.
    pub fn delta_input_text(&self) -> String {
        match self.delta_input {
            Some(text) => text.to_string(),
            None => format!("jump `{}`", self.state[self.membrane].name),
        }
    }

    /// The documentation of the model's Python class (numpydoc).
    pub fn numpydoc(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{}\n", self.summary);
        let delta = match self.delta_input {
            Some(text) => format!("delta-synapse weights: {text}"),
            None => format!("delta synapses jump ``{}``", self.state[self.membrane].name),
        };
        let _ = writeln!(
            s,
            "Registry name ``{}``; family ``{}``. Input current unit: ``{}``; {delta}.\n",
            self.name, self.family, self.input_unit
        );
        let _ = writeln!(s, "Source: {}\n", self.citation);
        let _ = writeln!(s, "Parameters\n----------");
        for p in self.params {
            let _ = writeln!(
                s,
                "{} : float or array of n floats, default {}\n    {} [{}]; valid range {}.",
                p.name,
                py_float(p.default),
                p.doc,
                p.unit,
                p.range
            );
        }
        let _ = writeln!(s, "\nState variables\n---------------");
        for (k, v) in self.state.iter().enumerate() {
            let mark = if k == self.membrane {
                " (membrane)"
            } else {
                ""
            };
            let _ = writeln!(s, "{} : {}\n    {}{mark}.", v.name, v.unit, v.doc);
        }
        if !self.presets.is_empty() {
            let _ = writeln!(
                s,
                "\nPresets (``Model.preset(name)``)\n--------------------------------"
            );
            for p in self.presets {
                let values: Vec<String> = p
                    .values
                    .iter()
                    .map(|(k, v)| format!("{k}={}", py_float(*v)))
                    .collect();
                let _ = writeln!(s, "{}\n    {} ({}).", p.name, p.doc, values.join(", "));
            }
        }
        s
    }
}

/// The families in the order of the catalogue page, each with its models.
pub fn families() -> Vec<(&'static str, Vec<&'static ModelInfo>)> {
    let mut out: Vec<(&'static str, Vec<&'static ModelInfo>)> = Vec::new();
    for &m in MODELS {
        match out.iter_mut().find(|(f, _)| *f == m.family) {
            Some((_, models)) => models.push(m),
            None => out.push((m.family, vec![m])),
        }
    }
    out.sort_by_key(|(f, _)| *f);
    out
}

/// The catalogue page (`docs/models.md`): every model grouped by family, with its equations,
/// citation, input, parameters (unit, default, range, meaning), state variables and presets,
/// then the names of the target list that are left out and why.
pub fn catalogue_markdown() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Neuron model catalogue\n");
    let _ = writeln!(
        s,
        "{} models in {} families. Python: `sc_neurocore.neurons.models.<name>.<ClassName>` or the \
         registry name as a string; TOML: `model = \"<name>\"`. Each model's parameters are in the \
         units of its table (ms, mV, pF, pA, nS for point neurons; µA/cm², µF/cm², mS/cm² for the \
         conductance-based ones; `1` for dimensionless models); the network's `dt` is seconds. \
         Every state variable is recordable.\n",
        MODELS.len(),
        families().len()
    );
    for (family, models) in families() {
        let _ = writeln!(
            s,
            "- [{family}](#family-{}) ({})",
            family.replace('_', "-"),
            models.len()
        );
    }
    for (family, models) in families() {
        let _ = writeln!(s, "\n## Family: {family}\n");
        let _ = writeln!(s, "| name | class | input | source |\n|---|---|---|---|");
        for m in &models {
            let _ = writeln!(
                s,
                "| [`{}`](#{}) | `{}` | {} | {} |",
                m.name,
                m.name.replace('_', "-"),
                m.class_name,
                m.input_unit,
                first_source(m.citation)
            );
        }
        for m in models {
            let _ = writeln!(s, "\n### {}\n", m.name);
            let _ = writeln!(s, "`{}`. {}\n", m.class_name, m.summary);
            let _ = writeln!(s, "Source: {}\n", m.citation);
            let drive = match (m.drive, m.no_drive) {
                (Some(i), _) => format!(" Fires under a constant input of {i} {}.", m.input_unit),
                (None, Some(why)) => format!(" No constant input makes it fire: {}.", why.text()),
                (None, None) => String::new(),
            };
            let _ = writeln!(
                s,
                "Input: current in {}; a delta-synapse weight: {}.{drive}{}{}\n",
                m.input_unit,
                m.delta_input_text(),
                if m.stochastic {
                    " Stochastic: draws from the neuron's own random stream (seed, neuron id)."
                } else {
                    ""
                },
                match m.spontaneous {
                    Some(why) => format!(" Fires without input: {why}."),
                    None => String::new(),
                }
            );
            let _ = writeln!(
                s,
                "| parameter | unit | default | valid range | meaning |\n|---|---|---|---|---|"
            );
            for p in m.params {
                let _ = writeln!(
                    s,
                    "| `{}` | {} | {} | {} | {} |",
                    p.name, p.unit, p.default, p.range, p.doc
                );
            }
            for &(a, b) in m.less_than {
                let _ = writeln!(s, "\nRequires `{a}` < `{b}`.");
            }
            let _ = writeln!(s, "\n| state variable | unit | meaning |\n|---|---|---|");
            for v in m.state {
                let _ = writeln!(s, "| `{}` | {} | {} |", v.name, v.unit, v.doc);
            }
            if !m.presets.is_empty() {
                let _ = writeln!(s, "\nPresets:\n");
                for p in m.presets {
                    let values: Vec<String> =
                        p.values.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                    let _ = writeln!(s, "- `{}`: {} ({})", p.name, p.doc, values.join(", "));
                }
            }
        }
    }
    if !OMITTED.is_empty() {
        let _ = writeln!(s, "\n## Names left out\n");
        let _ = writeln!(
            s,
            "Names of the catalogue's target list that are not registered, because no \
             published definition could be recovered or the model is not a point neuron:\n"
        );
        let _ = writeln!(s, "| name | why |\n|---|---|");
        for o in OMITTED {
            let _ = writeln!(s, "| {} | {} |", o.0, o.1);
        }
    }
    s
}

/// The first reference of a citation (up to the first ';').
fn first_source(citation: &str) -> &str {
    citation.split(';').next().unwrap_or(citation).trim()
}

#[cfg(test)]
mod tests {
    use super::py_float;

    /// The values below are what Python 3 prints for `repr(float(x))`.
    #[test]
    fn floats_read_as_python_writes_them() {
        for (v, want) in [
            (281.0, "281.0"),
            (-70.6, "-70.6"),
            (0.0, "0.0"),
            (1e-3, "0.001"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e16, "1e+16"),
            (1.25e16, "1.25e+16"),
            (123456789012345.0, "123456789012345.0"),
            (0.1, "0.1"),
            (-54.387, "-54.387"),
            (2.0 / 3.0, "0.6666666666666666"),
        ] {
            assert_eq!(py_float(v), want, "{v}");
        }
    }
}
