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
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&catalogue_json()).expect("JSON of static data")
        );
        return Ok(());
    }
    println!("{} models\n", MODELS.len());
    for m in MODELS {
        println!(
            "{} ({}, {}) — {}",
            m.name, m.class_name, m.family, m.citation
        );
        println!("  input current: {}", m.input_unit);
        for p in m.params {
            println!(
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
            println!("  presets: {}", names.join(", "));
        }
        println!();
    }
    Ok(())
}

/// Prints the zoo: each network's summary, its parameters, what it reproduces (paper,
/// statistics with their published values, the command that measures them) and the outputs
/// a run gives.
pub fn print_zoo() -> Result<(), Error> {
    for z in sc_neurocore_zoo::ZOO {
        println!("{} — {}", z.name, z.summary);
        if let Some(r) = z.reproduces {
            println!("  reproduces {}", r.paper);
            for s in r.statistics {
                let published = s.published.map_or("no number published".to_string(), |v| {
                    sc_neurocore_zoo::docs::with_unit(v, s.unit)
                });
                println!("    {}: {published} ({})", s.name, s.source);
            }
            println!("    measure: {}", r.command(z.name));
        }
        for o in z.outputs {
            println!("  output {}: {}", o.name, o.definition);
        }
        for p in z.params {
            println!(
                "  --set {}={:<10} {:<4} {:<18} {}",
                p.name,
                p.default,
                p.unit,
                p.range.to_string(),
                p.doc
            );
        }
        println!();
    }
    Ok(())
}
