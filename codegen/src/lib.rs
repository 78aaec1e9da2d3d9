//! Loads the status-code catalog, validates it, and renders every artifact
//! derived from it. See `ARCHITECTURE.md` for how the pieces fit.
//!
//! The data flows one way: catalog text → [`load`] (the file's shape) →
//! [`validate`] (every rule) → [`model`] (the checked model, built once) →
//! [`render`] (every file in memory) → [`write`](mod@write) (the only code
//! that touches the output directory).

pub mod advice;
pub mod catalog;
pub mod command;
pub mod diagnostic;
pub mod fingerprint;
pub mod links;
pub mod load;
pub mod markup;
pub mod model;
pub mod naming;
pub mod output;
pub mod read;
pub mod release;
pub mod render;
pub mod translation;
pub mod validate;
pub mod version;
pub mod write;

use catalog::{Catalog, Pos};
use diagnostic::Diagnostic;
use model::Model;
use output::{GeneratedFile, RenderError};
use render::Renderer;

/// A catalog that passed every rule: as written, with the positions that
/// diagnostics, the translation gate and releases point at, and as the
/// checked model that renderers read.
#[derive(Debug)]
pub struct Checked {
    pub catalog: Catalog,
    pub model: Model,
    /// The translation gate's warnings (a language's missing or stale text
    /// where it is not required), for `check` to list and `gen` to count.
    pub translation_warnings: Vec<Diagnostic>,
}

/// Why no files could be produced.
#[derive(Debug)]
pub enum Failure {
    /// The catalog is broken: every problem found, in file order.
    Catalog(Vec<Diagnostic>),
    /// A renderer failed (a bug here, not in the catalog).
    Render(RenderError),
    /// The output directory is not `gen`'s, or could not be read or written.
    Write(write::WriteError),
}

/// [`command::generate`] for a catalog in memory that has no releases (no
/// `catalog.lock`), with nobody to tell about waiting for the lock: what
/// tests and fuzzing call.
pub fn gen_into(
    bytes: &[u8],
    out_dir: &std::path::Path,
    renderers: &[Renderer],
) -> Result<write::WriteReport, Failure> {
    let checked = check(bytes).map_err(Failure::Catalog)?;
    let locked = write::lock_for_writing(out_dir, &mut |_| {}).map_err(Failure::Write)?;
    command::staged(&locked, &checked.model, renderers, &write::RealDisk)
        .map_err(|error| match error {
            command::NotStaged::Render(error) => Failure::Render(error),
            command::NotStaged::Write(error) => Failure::Write(error),
        })?
        .apply()
        .map_err(Failure::Write)
}

/// Reads catalog bytes into a [`Checked`] catalog: every problem of the
/// file, or the catalog and its model.
pub fn check(bytes: &[u8]) -> Result<Checked, Vec<Diagnostic>> {
    check_with(bytes, None)
}

/// As [`check`], with the catalog's releases so far (`catalog.lock`): the
/// model then knows the version that first released each code.
pub fn check_with(
    bytes: &[u8],
    released: Option<&release::Lock>,
) -> Result<Checked, Vec<Diagnostic>> {
    let source = decode(bytes).map_err(|diagnostic| vec![diagnostic])?;
    let (catalog, mut problems) = load::load(source);
    let Some(catalog) = catalog else {
        return Err(problems);
    };
    // Validation sees placeholders where the shape was wrong; what it says
    // about those places repeats a problem already reported.
    let shape_problems: Vec<Pos> = problems.iter().map(|problem| problem.at).collect();
    problems.extend(validate::validate(&catalog).into_iter().filter(|problem| {
        problem.at.line != 0
            && !shape_problems
                .iter()
                .any(|at| (at.line, at.column) == (problem.at.line, problem.at.column))
    }));
    // The translation gate's errors (a required language's missing or stale
    // text, a malformed record); its warnings are for `check` to print.
    let mut translation_warnings = Vec::new();
    if problems.is_empty() {
        let (warnings, errors) = translation::review(&catalog)
            .into_iter()
            .partition(Diagnostic::is_warning);
        translation_warnings = warnings;
        problems.extend(errors);
    }
    problems.sort_by_key(|problem| problem.at);
    if !problems.is_empty() {
        return Err(problems);
    }
    let history = release::history(released, &catalog);
    match history.map(|history| model::build(&catalog, &history)) {
        Some(Ok(model)) => Ok(Checked {
            catalog,
            model,
            translation_warnings,
        }),
        None => internal_error("package.version is no version".to_owned()),
        Some(Err(model::Unchecked(message))) => internal_error(message),
    }
}

/// Validation passed something it should have refused: a bug, reported at
/// the top of the file rather than a panic.
fn internal_error(message: String) -> Result<Checked, Vec<Diagnostic>> {
    Err(vec![Diagnostic::new(
        Pos {
            line: 1,
            column: 1,
            len: 1,
        },
        format!("internal error: validation passed a catalog it should not have: {message}"),
    )])
}

/// The loaded catalog, if it passes every rule (see [`check`]).
pub fn load_catalog(bytes: &[u8]) -> Result<Catalog, Vec<Diagnostic>> {
    check(bytes).map(|checked| checked.catalog)
}

/// Loads, validates and renders with every renderer.
pub fn generate(bytes: &[u8]) -> Result<(Checked, Vec<GeneratedFile>), Failure> {
    generate_with(bytes, None, render::RENDERERS)
}

/// As [`generate`], after the releases recorded in `released` (see
/// [`check_with`]), with a chosen set of renderers (tests use this to
/// inject a failing one).
pub fn generate_with(
    bytes: &[u8],
    released: Option<&release::Lock>,
    renderers: &[Renderer],
) -> Result<(Checked, Vec<GeneratedFile>), Failure> {
    let checked = check_with(bytes, released).map_err(Failure::Catalog)?;
    let files = render::render_in_memory(&checked.model, renderers).map_err(Failure::Render)?;
    Ok((checked, files))
}

/// The catalog must be UTF-8; the error points at the first invalid byte.
fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        // Valid up to here by construction.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .unwrap_or_default()
            .chars()
            .count()
            + 1;
        Diagnostic::new(
            Pos {
                line: clamp(line),
                column: clamp(column),
                len: 1,
            },
            format!(
                "the catalog is not valid UTF-8 (byte 0x{:02X} at offset {}); save it as UTF-8",
                bytes[error.valid_up_to()],
                error.valid_up_to()
            ),
        )
    })
}

fn clamp(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
