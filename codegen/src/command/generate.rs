//! `gen`: the outputs brought in line with the catalog.

use std::path::Path;

use super::{CommandError, Outcome, Sources};
use crate::Checked;
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::output::RenderError;
use crate::render::{self, Renderer};
use crate::write::{self, Disk, LockNotice, Locked, Plan, RealDisk, WriteError, WriteReport};

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
/// directory (telling `on_lock`). Takes the sources so that the catalog's
/// bytes are let go once checked, before anything renders.
pub fn generate(
    sources: Sources,
    out_dir: &Path,
    renderers: &[Renderer],
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<GenReport, CommandError> {
    let Checked {
        catalog,
        model,
        translation_warnings,
    } = checked(&sources, Outcome::NothingWritten)?;
    // The renderers need only the model.
    drop(catalog);
    drop(sources);
    let locked = write::lock_for_writing(out_dir, on_lock).map_err(CommandError::Write)?;
    let written = staged(&locked, &model, renderers, &RealDisk)
        .map_err(NotStaged::into_command_error)?
        .apply()
        .map_err(CommandError::Write)?;
    Ok(GenReport {
        written,
        translation_warnings,
    })
}

/// The checked catalog, refused as `gen` refuses: a broken catalog, an
/// unreadable lock, a released code dropped without being retired.
pub(super) fn checked(sources: &Sources, outcome: Outcome) -> Result<Checked, CommandError> {
    let released = sources.released()?;
    let checked = sources.check(released, outcome)?;
    if let Some(unretired) = released.and_then(|released| sources.unretired(released, &checked)) {
        return Err(CommandError::Unretired(unretired, outcome));
    }
    Ok(checked)
}

/// Why the outputs could not be staged; the directory is as it was.
#[derive(Debug)]
pub enum NotStaged {
    /// A renderer failed (a bug here, not in the catalog).
    Render(RenderError),
    /// The directory is not `gen`'s, or could not be read or written.
    Write(WriteError),
}

impl NotStaged {
    fn into_command_error(self) -> CommandError {
        match self {
            NotStaged::Render(error) => CommandError::Render(error),
            NotStaged::Write(error) => CommandError::Write(error),
        }
    }
}

/// Every output of `model` rendered into a staging of `locked`, each file
/// written beside its target as it renders, and the plan that puts them in
/// place ([`Plan::apply`]).
pub fn staged<'a>(
    locked: &'a Locked<'_>,
    model: &Model,
    renderers: &[Renderer],
    disk: &'a dyn Disk,
) -> Result<Plan<'a>, NotStaged> {
    let staging = locked.staging(disk).map_err(NotStaged::Write)?;
    match render::render_all(model, renderers, &staging) {
        Ok(()) => staging.plan().map_err(NotStaged::Write),
        // A renderer stopped because the staging did: the staging's reason.
        Err(error) => Err(match staging.abandon() {
            Some(refusal) => NotStaged::Write(refusal),
            None => NotStaged::Render(error),
        }),
    }
}
