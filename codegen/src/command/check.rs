//! `check`: is the output directory exactly what the catalog produces, and
//! what does the catalog owe its translators and its next release?

use std::path::Path;

use super::{CommandError, Outcome, Problems, Sources};
use crate::release::Status;
use crate::release::record::FileError;
use crate::render::{self, Renderer};
use crate::write::{Comparison, LockNotice, Stale, WriteError};
use crate::{Checked, advice};

/// Everything `check` found. It fails ([`CheckReport::passed`]) when the
/// directory is stale, the lock cannot be read, or a released code was
/// dropped; translations and the release status are information.
#[derive(Debug)]
pub struct CheckReport {
    /// Per language, in fallback order: entries with text, and all entries.
    pub coverage: Vec<(String, usize, usize)>,
    /// The translation gate's warnings (its errors refuse the catalog).
    pub translation_warnings: Problems,
    /// Entries that do not say who must act or what a retry can do
    /// (warnings), and how many entries there are.
    pub unclassified: Problems,
    pub entries: usize,
    /// The changes since the last release, if there was one.
    pub release: Option<Status>,
    /// Released codes that are neither entries nor retired.
    pub unretired: Option<Problems>,
    /// `catalog.lock` could not be read.
    pub lock_error: Option<FileError>,
    /// How the directory differs from the outputs.
    pub stale: Vec<Stale>,
    /// The directory could not be compared at all.
    pub compare_error: Option<WriteError>,
}

/// Why `check` fails, each with its own fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFailure {
    /// A released code is neither an entry nor retired.
    Unretired,
    /// `catalog.lock` cannot be read.
    LockUnreadable,
    /// The output directory cannot be compared at all.
    NotComparable,
    /// Files that `gen` would write differently (or remove, or write anew).
    Stale { files: usize },
    /// Files `gen` did not write, or that were edited and are no longer
    /// generated: only the directory's owner can move them.
    NotGenerated { files: usize },
}

impl CheckReport {
    /// Every reason `check` fails, in the order they are reported.
    pub fn failures(&self) -> Vec<CheckFailure> {
        let (for_gen, for_owner) = self.stale_by_fixer();
        [
            self.unretired.is_some().then_some(CheckFailure::Unretired),
            self.lock_error
                .is_some()
                .then_some(CheckFailure::LockUnreadable),
            self.compare_error
                .is_some()
                .then_some(CheckFailure::NotComparable),
            (!for_gen.is_empty()).then_some(CheckFailure::Stale {
                files: for_gen.len(),
            }),
            (!for_owner.is_empty()).then_some(CheckFailure::NotGenerated {
                files: for_owner.len(),
            }),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    pub fn passed(&self) -> bool {
        self.failures().is_empty()
    }

    /// The stale files that `gen` repairs, and those only the directory's
    /// owner can deal with (files `gen` did not write, or that were edited
    /// since and are no longer generated).
    pub fn stale_by_fixer(&self) -> (Vec<&Stale>, Vec<&Stale>) {
        self.stale.iter().partition(|problem| {
            !matches!(
                problem,
                Stale::NotGenerated { .. } | Stale::Leftover { edited: true, .. }
            )
        })
    }
}

/// Renders everything as `gen` would and compares it with `out_dir`, under
/// a shared lock, without writing. Only a catalog that cannot be checked
/// or rendered is an error: every other finding is in the report.
pub fn check(
    sources: &Sources,
    out_dir: &Path,
    renderers: &[Renderer],
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<CheckReport, CommandError> {
    // The releases so far (each code's first version is in the outputs); a
    // lock that cannot be read is reported with every other failure.
    let released = sources.lock.as_ref().ok().and_then(Option::as_ref);
    let mut checked = sources.check(released, Outcome::NothingWritten)?;
    // Everything the catalog as written tells, before it is dropped: the
    // renderers need only the model.
    let mut report = CheckReport {
        coverage: checked
            .model
            .coverage()
            .into_iter()
            .map(|(tag, translated, total)| (tag.to_owned(), translated, total))
            .collect(),
        translation_warnings: sources.problems(std::mem::take(&mut checked.translation_warnings)),
        unclassified: sources.problems(advice::review(&checked.catalog)),
        entries: checked.model.entries.len(),
        release: released.map(|released| Status::of(released, &checked.catalog)),
        unretired: released.and_then(|released| sources.unretired(released, &checked)),
        lock_error: sources.lock.as_ref().err().cloned(),
        stale: Vec::new(),
        compare_error: None,
    };
    let Checked { catalog, model, .. } = checked;
    drop(catalog);
    let compared = match Comparison::start(out_dir, on_lock) {
        Ok(comparison) => match render::render_all(&model, renderers, &comparison) {
            Ok(()) => comparison.finish(),
            // A renderer stopped because the comparison did: its reason.
            Err(error) => Err(comparison.failure().ok_or(CommandError::Render(error))?),
        },
        Err(error) => Err(error),
    };
    match compared {
        Ok(stale) => report.stale = stale,
        Err(error) => report.compare_error = Some(error),
    }
    Ok(report)
}
