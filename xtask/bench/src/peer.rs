//! tighterror (`cargo tighterror`), the generator `gen` is measured beside:
//! from a YAML spec it writes one Rust module of error kinds with their
//! `Display` texts and docs. Measured on the same catalogs: the generator's
//! time as `gen`'s, and a cold `cargo check` of the crate around its output.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::model::Model;
use heck::ToShoutySnakeCase as _;

use crate::bench::{Bench, write_crate};
use crate::figures::Peer;
use crate::measure::{Progress, median, run_status, timed_usage};

/// The newest release that builds with this workspace's toolchain; also the
/// version of the runtime crate its output depends on.
pub const VERSION: &str = "0.0.22";

/// tighterror on the catalog of `size` entries converted to its spec.
pub fn measure(bench: &Bench, progress: &Progress, size: usize) -> Result<Peer, String> {
    let binary = install(&bench.cargo, &bench.target)?;
    let dir = bench.work.join(format!("tighterror-{size}"));
    let spec_path = dir.join("tighterror.yaml");
    let library = dir.join("src/lib.rs");
    write_crate(
        &dir,
        "tighterror-errors",
        &format!("tighterror = \"={VERSION}\"\n"),
        "",
    )?;
    fs::write(&spec_path, spec(&bench.load(size)?)?)
        .map_err(|error| format!("error: {}: {error}", spec_path.display()))?;
    let runs = bench.peer_runs(size);
    let mut times = Vec::new();
    for run in 1..=runs {
        progress.run("tighterror into an empty place", run, runs);
        let _ = fs::remove_file(&library);
        times.push(
            timed_usage(
                Command::new(&binary)
                    .args(["tighterror", "--spec"])
                    .arg(&spec_path)
                    .arg("--output")
                    .arg(&library),
            )?
            .wall,
        );
    }
    let manifest = dir.join("Cargo.toml");
    // Resolved and downloaded once, outside the timed checks.
    run_status(
        Command::new(&bench.cargo)
            .args(["fetch", "--quiet", "--manifest-path"])
            .arg(&manifest),
    )?;
    let target = bench.work.join(format!("tighterror-target-{size}"));
    let compile_runs = bench.compile_runs();
    let mut checks = Vec::new();
    for run in 1..=compile_runs {
        progress.run("cargo check of its crate", run, compile_runs);
        checks.push(bench.cold_cargo("check", &manifest, &target)?);
    }
    Ok(Peer {
        runs,
        generate: median(times),
        crate_check: median(checks),
    })
}

/// `cargo-tighterror`, installed under the target directory on first use
/// (never into the repository).
fn install(cargo: &str, target: &Path) -> Result<PathBuf, String> {
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
