//! `release`: the release recorded (`CHANGELOG.md`, `catalog.lock`) and the
//! outputs brought in line with it, so that the tree it leaves passes
//! `check`.

use std::path::Path;

use super::generate::{NotStaged, checked, staged};
use super::{CommandError, Outcome, ReleaseRefusal, Sources};
use crate::Checked;
use crate::release::record::{self, Refusal};
use crate::render::Renderer;
use crate::version::Version;
use crate::write::{self, LockNotice, RealDisk, WriteReport};

/// What `release` did.
#[derive(Debug)]
pub struct ReleaseReport {
    pub version: Version,
    /// The changelog section it wrote.
    pub section: String,
    /// How the output directory was brought in line.
    pub written: WriteReport,
}

/// Records the release of the catalog as it is, dated `date`, and
/// regenerates `out_dir`, all under the directory's write lock (one `gen`
/// at a time). Everything that can refuse is decided before anything is
/// written: the catalog and its outputs, the release's own rules
/// ([`record::prepare`]: no released code dropped, retirements dated by the
/// release that retires them, a version high enough for the changes, a
/// readable changelog), and the writer's (a directory or file `gen` does
/// not own). Only a failure to write a file can leave the release recorded
/// and the outputs not yet in line.
pub fn release(
    sources: &Sources,
    out_dir: &Path,
    renderers: &[Renderer],
    date: &str,
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<ReleaseReport, CommandError> {
    let released = sources.released()?;
    let checked = checked(sources, Outcome::NothingReleased)?;
    // Every refusal of the release's own (the changelog read included)
    // before the output directory is locked or created, then every refusal
    // of the writer's before anything is written.
    let refused = |refusal| {
        CommandError::Release(match refusal {
            Refusal::Unretired(problems) => {
                return CommandError::Unretired(
                    sources.problems(problems),
                    Outcome::NothingReleased,
                );
            }
            Refusal::Misdated(problems) => ReleaseRefusal::Misdated(sources.problems(problems)),
            Refusal::TooLow(problem) => ReleaseRefusal::TooLow(sources.problems(vec![problem])),
            Refusal::NotAbove { version, released } => {
                ReleaseRefusal::NotAbove { version, released }
            }
            Refusal::File(error) => ReleaseRefusal::File(error),
        })
    };
    let prepared =
        record::prepare(&sources.release_dir, released, &checked.catalog, date).map_err(refused)?;
    let not_written = |error| CommandError::Release(ReleaseRefusal::Output(error));
    let locked = write::lock_for_writing(out_dir, on_lock).map_err(not_written)?;
    let Checked { catalog, model, .. } = checked;
    // The renderers need only the model.
    drop(catalog);
    let plan = staged(&locked, &model, renderers, &RealDisk).map_err(|error| match error {
        NotStaged::Render(error) => CommandError::Render(error),
        NotStaged::Write(error) => not_written(error),
    })?;
    let version = model.package.version;
    let section = prepared.write().map_err(CommandError::ReleaseUnfinished)?;
    let written = plan
        .apply()
        .map_err(|error| CommandError::ReleasedNotWritten { version, error })?;
    Ok(ReleaseReport {
        version,
        section,
        written,
    })
}
