//! `sc-neurocore models [--json]` and `sc-neurocore zoo`: the catalogues, from the registries.

use sc_neurocore_core::{Error, ParamSpec};
use sc_neurocore_neurons::MODELS;
use serde_json::{Value, json};

fn param_json(p: &ParamSpec) -> Value {
    json!({
        "name": p.name,
        "unit": p.unit,
        "default": p.default,
        "range": p.range.to_string(),
        "doc": p.doc,
    })
}

/// The catalogue as JSON (one object per model).
pub fn catalogue_json() -> Value {
    Value::Array(
        MODELS
            .iter()
            .map(|m| {
                json!({
                    "name": m.name,
                    "class_name": m.class_name,
                    "family": m.family,
                    "summary": m.summary,
                    "citation": m.citation,
                    "input_unit": m.input_unit,
                    "parameters": m.params.iter().map(param_json).collect::<Vec<_>>(),
                    "state": m.state.iter().map(|s| json!({"name": s.name, "unit": s.unit, "doc": s.doc})).collect::<Vec<_>>(),
                    "presets": m.presets.iter().map(|p| p.name).collect::<Vec<_>>(),
                    "delta_input": m.delta_input_text(),
                    "stochastic": m.stochastic,
                    "drive": m.drive,
                    "no_drive": m.no_drive.map(|why| why.text()),
                    "spontaneous": m.spontaneous,
                    "requires": m.less_than.iter().map(|(a, b)| format!("{a} < {b}")).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// Prints the catalogue.
pub fn print(json: bool) -> Result<(), Error> {
    emit(&if json {
        serde_json::to_string_pretty(&catalogue_json()).expect("JSON of static data") + "\n"
    } else {
        catalogue_text()
    })
}

/// Prints the zoo.
pub fn print_zoo() -> Result<(), Error> {
    emit(&zoo_text())
}

/// Writes a listing to stdout. A reader that closes the pipe early (`sc-neurocore zoo | head`)
/// ends the listing quietly, as for any Unix filter; `println!` would panic there.
fn emit(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            path: "stdout".into(),
            message: format!("writing the listing: {e}"),
        }),
        _ => Ok(()),
    }
}

/// The catalogue as text: each model's name, class, family, citation and parameters.
fn catalogue_text() -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(o, "{} models\n", MODELS.len());
    for m in MODELS {
        let _ = writeln!(
            o,
            "{} ({}, {}) — {}",
            m.name, m.class_name, m.family, m.citation
        );
        let _ = writeln!(o, "  input current: {}", m.input_unit);
        for p in m.params {
            let _ = writeln!(
                o,
                "  {:<12} {:>10} {:<8} {:<22} {}",
                p.name,
                p.default,
                p.unit,
                p.range.to_string(),
                p.doc
            );
        }
        if !m.presets.is_empty() {
            let names: Vec<&str> = m.presets.iter().map(|p| p.name).collect();
            let _ = writeln!(o, "  presets: {}", names.join(", "));
        }
        let _ = writeln!(o);
    }
    o
}

/// The zoo as text: each network's summary, its parameters, what it reproduces (paper,
/// statistics with their published values, the command that measures them) and the outputs
/// a run gives.
fn zoo_text() -> String {
    use std::fmt::Write;
    let mut o = String::new();
    for z in sc_neurocore_zoo::ZOO {
        let _ = writeln!(o, "{} — {}", z.name, z.summary);
        if let Some(r) = z.reproduces {
            let _ = writeln!(o, "  reproduces {}", r.paper);
            for s in r.statistics {
                let published = s.published.map_or("no number published".to_string(), |v| {
                    sc_neurocore_zoo::docs::with_unit(v, s.unit)
                });
                let _ = writeln!(o, "    {}: {published} ({})", s.name, s.source);
            }
            let _ = writeln!(o, "    measure: {}", r.command(z.name));
        }
        for out in z.outputs {
            let _ = writeln!(o, "  output {}: {}", out.name, out.definition);
        }
        for p in z.params {
            let _ = writeln!(
                o,
                "  --set {}={:<10} {:<4} {:<18} {}",
                p.name,
                p.default,
                p.unit,
                p.range.to_string(),
                p.doc
            );
        }
        let _ = writeln!(o);
    }
    o
}
