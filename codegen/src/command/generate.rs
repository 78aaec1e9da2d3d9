//! `gen`: the outputs brought in line with the catalog.

use std::path::Path;

use super::{CommandError, Outcome, Sources};
use crate::diagnostic::Diagnostic;
use crate::output::GeneratedFile;
use crate::render::{self, Renderer};
use crate::write::{self, LockNotice, WriteReport};
use crate::{Checked, translation};

/// What `gen` did.
#[derive(Debug)]
pub struct GenReport {
    pub written: WriteReport,
    /// The translation gate's warnings (`check` lists them).
    pub translation_warnings: Vec<Diagnostic>,
}

/// Renders every output of the catalog with `renderers` and, only if all
/// succeeded and the catalog drops no released code without retiring it,
/// makes `out_dir` hold exactly them. Blocks while another run holds the
/// directory (telling `on_lock`).
pub fn generate(
    sources: &Sources,
    out_dir: &Path,
    renderers: &[Renderer],
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<GenReport, CommandError> {
    let (checked, files) = rendered(sources, renderers, Outcome::NothingWritten)?;
    let written = write::write(out_dir, &files, on_lock).map_err(CommandError::Write)?;
    Ok(GenReport {
        written,
        translation_warnings: translation::review(&checked.catalog),
    })
}

/// The checked catalog and its outputs, refused as `gen` refuses: a broken
/// catalog, an unreadable lock, a released code dropped without being
/// retired, a failed renderer.
pub(super) fn rendered(
    sources: &Sources,
    renderers: &[Renderer],
    outcome: Outcome,
) -> Result<(Checked, Vec<GeneratedFile>), CommandError> {
    let released = sources.released()?;
    let checked = sources.check(released, outcome)?;
    if let Some(unretired) = released.and_then(|released| sources.unretired(released, &checked)) {
        return Err(CommandError::Unretired(unretired, outcome));
    }
    let files = render::render_all(&checked.model, renderers).map_err(CommandError::Render)?;
    Ok((checked, files))
}
