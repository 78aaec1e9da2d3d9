//! tighterror (`cargo tighterror`), the generator `gen` is measured beside:
//! from a YAML spec it writes one Rust module of error kinds with their
//! `Display` texts and docs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::model::Model;
use heck::ToShoutySnakeCase as _;

use crate::measure::run_status;

/// The newest release that builds with this workspace's toolchain; also the
/// version of the runtime crate its output depends on.
pub const VERSION: &str = "0.0.22";

/// `cargo-tighterror`, installed under the target directory on first use
/// (never into the repository).
pub fn install(cargo: &str, target: &Path) -> Result<PathBuf, String> {
    let root = target.join("bench-tools");
    let binary = root.join("bin/cargo-tighterror");
    if !binary.is_file() {
        run_status(
            Command::new(cargo)
                .args([
                    "install",
                    "cargo-tighterror",
                    "--version",
                    VERSION,
                    "--locked",
                    "--root",
                ])
                .arg(&root),
        )?;
    }
    Ok(binary)
}

/// tighterror's spec for the catalog, as JSON (which is YAML): one error per
/// entry, named by its identifier in UPPER_SNAKE_CASE, displayed as its
/// message, documented with its English description and solution (the
/// first language with a text where English has none).
///
/// tighterror takes any text for `display` (a string literal) and `doc`;
/// names must be UPPER_SNAKE_CASE of ASCII letters, digits and `_`, which
/// the identifiers' own rules (ASCII, UpperCamelCase) give, and unique
/// ignoring case, which is checked here: two identifiers can differ only in
/// where their words break.
pub fn spec(model: &Model) -> Result<String, String> {
    let english = model
        .languages
        .iter()
        .position(|language| language.tag == "en")
        .unwrap_or(0);
    let mut names = BTreeMap::new();
    let mut errors = Vec::with_capacity(model.entries.len());
    for entry in &model.entries {
        let name = entry.id.to_shouty_snake_case();
        if let Some(other) = names.insert(name.to_lowercase(), &entry.id) {
            return Err(format!(
                "error: {other} and {} are both {name} in tighterror's spec",
                entry.id
            ));
        }
        let doc = entry
            .text_or_fallback(english)
            .map(|(_, text)| match &text.solution {
                Some(solution) => format!("{}\n\n{}", text.description, solution.trim_end()),
                None => text.description.clone(),
            })
            .unwrap_or_default();
        errors.push(serde_json::json!({
            "name": name,
            "display": entry.message,
            "doc": doc,
        }));
    }
    serde_json::to_string_pretty(&serde_json::json!({ "errors": errors }))
        .map_err(|error| format!("error: writing tighterror's spec: {error}"))
}
