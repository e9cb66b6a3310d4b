//! Finds the model files: every `src/models/<family>/<name>.rs` (other than the family's
//! `mod.rs`) is a model, registered as `<name>`. Writes `$OUT_DIR/families.rs` (the family
//! modules and their model modules) and `$OUT_DIR/registry.rs` (`MODELS`, sorted by name),
//! so that adding a model is adding its file: no `mod` line, no registry line.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time: `env!` would fix the path when the build script is compiled, and a
    // build script reused from another checkout would then read that checkout's models.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("src/models");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut families: Vec<(String, Vec<String>)> = Vec::new();
    for entry in std::fs::read_dir(&root).expect("src/models") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        println!("cargo::rerun-if-changed={}", dir.display());
        let family = dir.file_name().unwrap().to_str().unwrap().to_string();
        let mut models: Vec<String> = std::fs::read_dir(&dir)
            .expect("family folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
            .filter(|stem| stem != "mod")
            .collect();
        models.sort();
        families.push((family, models));
    }
    families.sort();

    let mut f = String::new();
    let mut all: Vec<(String, String)> = Vec::new();
    for (family, models) in &families {
        let dir = root.join(family);
        writeln!(
            f,
            "/// The `{family}` family (folder `src/models/{family}`)."
        )
        .unwrap();
        writeln!(f, "pub mod {family} {{").unwrap();
        writeln!(f, "    /// Family name, as `ModelInfo::family` gives it.").unwrap();
        writeln!(f, "    pub const FAMILY: &str = \"{family}\";").unwrap();
        if dir.join("mod.rs").is_file() {
            writeln!(
                f,
                "    #[path = {:?}]",
                dir.join("mod.rs").display().to_string()
            )
            .unwrap();
            writeln!(f, "    mod shared;").unwrap();
            writeln!(f, "    #[allow(unused_imports)]").unwrap();
            writeln!(f, "    pub(crate) use shared::*;").unwrap();
        }
        for m in models {
            let path = dir.join(format!("{m}.rs"));
            writeln!(f, "    #[path = {:?}]", path.display().to_string()).unwrap();
            // A model's docs are its equations, where `[Na]_o` or `u[t]` is notation, not a
            // link or an HTML tag.
            writeln!(
                f,
                "    #[allow(rustdoc::broken_intra_doc_links, rustdoc::private_intra_doc_links, rustdoc::invalid_html_tags)]"
            )
            .unwrap();
            writeln!(f, "    pub mod {m};").unwrap();
            all.push((m.clone(), family.clone()));
        }
        writeln!(f, "}}").unwrap();
    }
    all.sort();
    let mut r = String::from(
        "/// Every registered model, sorted by name.\npub static MODELS: &[&ModelInfo] = &[\n",
    );
    for (m, family) in &all {
        writeln!(r, "    &crate::models::{family}::{m}::MODEL,").unwrap();
    }
    r.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("families.rs"), f).unwrap();
    std::fs::write(out.join("registry.rs"), r).unwrap();
}
