//! `release`: the release recorded (`CHANGELOG.md`, `catalog.lock`) and the
//! outputs brought in line with it, so that the tree it leaves passes
//! `check`.

use std::path::Path;

use super::generate::rendered;
use super::{CommandError, Outcome, ReleaseRefusal, Sources};
use crate::release::record::{self, Refusal};
use crate::render::Renderer;
use crate::version::Version;
use crate::write::{self, LockNotice, WriteReport, write_atomically};

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
/// written: the catalog, its outputs, and the release's own rules
/// ([`record::record`]: no released code dropped, retirements dated by the
/// release that retires them, a version high enough for the changes).
pub fn release(
    sources: &Sources,
    out_dir: &Path,
    renderers: &[Renderer],
    date: &str,
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<ReleaseReport, CommandError> {
    let released = sources.released()?;
    let (checked, files) = rendered(sources, renderers, Outcome::NothingReleased)?;
    // Every refusal before the output directory is locked (or created).
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
    record::refusal(released, &checked.catalog).map_err(refused)?;
    let locked = write::lock_for_writing(out_dir, on_lock).map_err(CommandError::Write)?;
    let section =
        record::record(&sources.release_dir, released, &checked.catalog, date).map_err(refused)?;
    let version = checked.model.package.version;
    let written = locked
        .write(&files, &mut write_atomically)
        .map_err(|error| CommandError::ReleasedNotWritten { version, error })?;
    Ok(ReleaseReport {
        version,
        section,
        written,
    })
}
