//! The commands around a catalog, as a library: what `cargo xtask gen`,
//! `check`, `release` and `explain` do, with every refusal, returning typed
//! reports. The command line only parses arguments and prints these; a
//! test or another tool calling them gets the same pipeline and the same
//! policy.
//!
//! Every command starts from [`Sources`]: the catalog's bytes and its
//! releases (`catalog.lock` beside it), each read once.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::Checked;
use crate::diagnostic::{Diagnostic, render_all};
use crate::load::limits::MAX_BYTES;
use crate::output::RenderError;
use crate::read::read_limited;
use crate::release::record::{self, FileError};
use crate::release::{self, Lock};
use crate::version::Version;
use crate::write::WriteError;

mod check;
mod explain;
mod generate;
mod releasing;

pub use check::{CheckFailure, CheckReport, check};
pub use explain::{Explanation, Found, explain, explain_in};
pub use generate::{GenReport, NotStaged, generate, staged};
pub use releasing::{ReleaseReport, release};

/// What a command reads: the catalog and the releases recorded beside it.
#[derive(Debug)]
pub struct Sources {
    /// How messages name the catalog (`catalog.yaml`, or the path given).
    pub label: String,
    pub bytes: Vec<u8>,
    /// Where `catalog.lock` and `CHANGELOG.md` are: beside the catalog.
    pub release_dir: PathBuf,
    /// `catalog.lock`, if there is one; an unreadable one is an error for
    /// every command but `check` (which reports it with the rest) and
    /// `explain` (which explains without it).
    pub lock: Result<Option<Lock>, FileError>,
}

impl Sources {
    /// Reads the catalog at `path` (never more than the parser's limit,
    /// whatever the path is: a pipe, a device) and the lock beside it.
    pub fn open(path: &Path, label: &str) -> Result<Sources, CommandError> {
        let bytes = read_limited(path, MAX_BYTES).map_err(|error| {
            if error.kind() == io::ErrorKind::FileTooLarge {
                CommandError::TooLarge {
                    label: label.to_owned(),
                }
            } else {
                CommandError::Unreadable {
                    label: label.to_owned(),
                    error,
                }
            }
        })?;
        let release_dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        Ok(Sources {
            label: label.to_owned(),
            bytes,
            lock: record::read_lock(&release_dir),
            release_dir,
        })
    }

    /// The lock, or the error that stops a command needing it.
    fn released(&self) -> Result<Option<&Lock>, CommandError> {
        match &self.lock {
            Ok(lock) => Ok(lock.as_ref()),
            Err(error) => Err(CommandError::Lock(error.clone())),
        }
    }

    /// `diagnostics` with the catalog's text, ready to print.
    fn problems(&self, diagnostics: Vec<Diagnostic>) -> Problems {
        Problems {
            label: self.label.clone(),
            source: String::from_utf8_lossy(&self.bytes).into_owned(),
            diagnostics,
        }
    }

    /// Checks the catalog against its releases.
    fn check(&self, released: Option<&Lock>, outcome: Outcome) -> Result<Checked, CommandError> {
        crate::check_with(&self.bytes, released)
            .map_err(|diagnostics| CommandError::Catalog(self.problems(diagnostics), outcome))
    }

    /// Released codes that are neither entries nor listed as retired.
    fn unretired(&self, released: &Lock, checked: &Checked) -> Option<Problems> {
        let unretired = release::unretired_removals(released, &checked.catalog);
        (!unretired.is_empty()).then(|| self.problems(unretired))
    }
}

/// Problems found in the catalog, with what is needed to show them: each
/// as `catalog.yaml:LINE:COL: message` with the line underlined.
#[derive(Clone)]
pub struct Problems {
    pub label: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// The diagnostics, without the catalog's whole text.
impl fmt::Debug for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Problems")
            .field("label", &self.label)
            .field("diagnostics", &self.diagnostics)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render_all(&self.diagnostics, &self.label, &self.source))
    }
}

/// What did not happen because a command failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    NothingWritten,
    NothingReleased,
    /// A command that writes nothing anyway (`explain`).
    Nothing,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::NothingWritten => "nothing was written",
            Outcome::NothingReleased => "nothing was released",
            Outcome::Nothing => "",
        })
    }
}

/// Why a command did nothing (or, for `release`, what it left to do).
#[derive(Debug)]
pub enum CommandError {
    /// The catalog is over the parser's limit; it was not read further.
    TooLarge {
        label: String,
    },
    Unreadable {
        label: String,
        error: io::Error,
    },
    /// The catalog is broken: every problem found, in file order.
    Catalog(Problems, Outcome),
    /// `catalog.lock` cannot be read.
    Lock(FileError),
    /// Released codes were dropped without being listed as retired.
    Unretired(Problems, Outcome),
    /// A renderer failed (a bug here, not in the catalog).
    Render(RenderError),
    /// The output directory is not `gen`'s, or could not be read or written.
    Write(WriteError),
    /// `explain --lang` named a language the catalog does not have.
    UnknownLanguage {
        tag: String,
        known: Vec<String>,
    },
    /// `release` refused: see [`release()`].
    Release(ReleaseRefusal),
    /// Writing `CHANGELOG.md` or `catalog.lock` failed part way: running the
    /// release again finishes it.
    ReleaseUnfinished(FileError),
    /// The release was recorded, but the output directory could not be
    /// brought in line with it.
    ReleasedNotWritten {
        version: Version,
        error: WriteError,
    },
}

/// Why `release` recorded nothing.
#[derive(Debug)]
pub enum ReleaseRefusal {
    /// Retired codes whose `since` is not the release that retired them.
    Misdated(Problems),
    /// `package.version` is lower than the changes need.
    TooLow(Problems),
    /// Nothing changed and the version is the released one, or lower.
    NotAbove { version: Version, released: Version },
    /// `CHANGELOG.md` or `catalog.lock` could not be read or written.
    File(FileError),
    /// The output directory cannot be written as `gen` would (not `gen`'s,
    /// or unreadable).
    Output(WriteError),
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::TooLarge { label } => write!(
                f,
                "{label}:1:1: the catalog is over the limit of {MAX_BYTES} bytes; it was not read further"
            ),
            CommandError::Unreadable { label, error } => {
                write!(f, "error: cannot read {label}: {error}")
            }
            CommandError::Catalog(problems, outcome) => {
                let count = problems.diagnostics.len();
                write!(
                    f,
                    "{problems}\nerror: {} has {count} problem{}{}{outcome}",
                    problems.label,
                    plural(count),
                    if *outcome == Outcome::Nothing {
                        ""
                    } else {
                        "; "
                    }
                )
            }
            CommandError::Lock(error) => write!(f, "error: {error}"),
            CommandError::Unretired(problems, outcome) => {
                let count = problems.diagnostics.len();
                write!(
                    f,
                    "{problems}\nerror: {count} released code{} removed without being retired; {outcome}",
                    if count == 1 { " was" } else { "s were" }
                )
            }
            CommandError::Render(error) => {
                write!(f, "error: {error}; {}", Outcome::NothingWritten)
            }
            CommandError::Write(error) => write!(f, "error: {error}"),
            CommandError::UnknownLanguage { tag, known } => write!(
                f,
                "error: the catalog has no language `{tag}`; it has {}",
                known.join(", ")
            ),
            CommandError::Release(refusal) => refusal.fmt(f),
            CommandError::ReleaseUnfinished(error) => write!(
                f,
                "error: {error}; the release is not fully recorded: run `cargo xtask release` again to finish it"
            ),
            CommandError::ReleasedNotWritten { version, error } => write!(
                f,
                "error: release {version} was recorded, but the output directory was not brought in line: {error}; fix that, then run `cargo xtask gen` (with the same --catalog and --out as this release)"
            ),
        }
    }
}

impl fmt::Display for ReleaseRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReleaseRefusal::Misdated(problems) => write!(
                f,
                "{problems}\nerror: a retired code's `since` is not the release that retired it; nothing was released"
            ),
            ReleaseRefusal::TooLow(problems) => write!(
                f,
                "{problems}\nerror: raise package.version in {}, then run `cargo xtask release` again; nothing was released",
                problems.label
            ),
            ReleaseRefusal::NotAbove { version, released } => write!(
                f,
                "error: version {version} is not above the last release, {released}, and nothing changed since; nothing was released"
            ),
            ReleaseRefusal::File(error) => write!(f, "error: {error}; nothing was released"),
            ReleaseRefusal::Output(error) => write!(f, "error: {error}; nothing was released"),
        }
    }
}
