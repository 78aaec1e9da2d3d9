//! The only code that touches the output directory.
//!
//! [`write`](fn@write) brings the directory in line with a set of rendered
//! files, and [`check()`] answers "is it stale?" by the same rules without
//! writing. What `gen` may touch is exactly what it wrote: the
//! [`MANIFEST`](manifest) lists each file with a fingerprint of its bytes.
//!
//! - A directory that is not empty and holds no manifest of `gen`'s (or a
//!   `MANIFEST` of someone else's) is refused before anything is touched,
//!   unless it holds exactly what this run would write (`gen`'s output
//!   whose manifest was lost).
//! - Files are taken as they are rendered, never all held at once
//!   (`stage.rs`): each is compared with the disk as it arrives and, when
//!   its bytes differ, written to a temporary file beside its target. A
//!   file in the way that `gen` did not write, or anything but a regular
//!   file where a file goes, refuses the whole run, and a run that fails
//!   in any way removes its temporaries: nothing is put in place until
//!   every output rendered. Existing files are compared and fingerprinted
//!   as they stream by, never read whole.
//! - Each file is then put in place atomically (a rename) and only when
//!   its bytes differ, so an unchanged file keeps its mtime and downstream
//!   builds stay no-ops.
//! - Before the first rename the manifest becomes a journal listing the
//!   old files and the new; after the last, it lists the new ones. An
//!   interrupted run therefore leaves every file old or new and known.
//! - Files an earlier run produced and this one does not are removed, with
//!   the directories they leave empty, unless they were edited since (then
//!   they are kept and reported); a file `gen` manages that was edited by
//!   hand is replaced and reported.
//! - One run at a time per directory (`lock.rs`): writers exclusively,
//!   `check` shared.

mod check;
mod files;
mod lock;
pub mod manifest;
mod stage;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::output::{GeneratedFile, Sink as _};
use lock::Mode;

pub use check::{Comparison, check};
pub use files::{Disk, Durable, RealDisk, write_atomically};
pub use manifest::FILE_NAME as MANIFEST;
pub use stage::{Plan, Staging};

/// What [`write`](fn@write) did, by relative path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
    /// Files `gen` manages that were not as it last wrote them (edited by
    /// hand, or listed by a manifest without fingerprints); now rewritten.
    pub replaced_edits: Vec<String>,
    /// Files no longer produced but not as `gen` last wrote them: left in
    /// place, no longer listed, for their owner to move or delete.
    pub kept_edited: Vec<String>,
}

/// A way in which the output directory differs from what the catalog produces.
#[derive(Debug, PartialEq, Eq)]
pub enum Stale {
    Missing {
        path: String,
    },
    Differs {
        path: String,
        diff: String,
    },
    /// Produced by an earlier run, no longer produced, still present;
    /// `edited` if it is not as that run wrote it (then `gen` keeps it).
    Leftover {
        path: String,
        edited: bool,
    },
    /// A file (or a whole directory, its path ending in `/`) that no
    /// manifest accounts for: `gen` did not write it.
    NotGenerated {
        path: String,
    },
    /// A temporary file of a `gen` that was interrupted.
    Temporary {
        path: String,
    },
}

impl Stale {
    pub fn path(&self) -> &str {
        match self {
            Stale::Missing { path }
            | Stale::Differs { path, .. }
            | Stale::Leftover { path, .. }
            | Stale::NotGenerated { path }
            | Stale::Temporary { path } => path,
        }
    }
}

/// Why `gen` will not write into a directory, or `check` cannot read it.
/// Nothing was touched.
#[derive(Debug, PartialEq, Eq)]
pub enum NotOwned {
    /// The directory has files and no manifest.
    Directory { dir: PathBuf },
    /// Its `MANIFEST` does not carry the generated notice.
    ForeignManifest { dir: PathBuf },
    /// A file `gen` would write already exists and is not listed.
    File { path: PathBuf },
    /// Something other than a regular file (a directory, a FIFO, a device)
    /// where `gen` reads or writes a file.
    NotAFile { path: PathBuf },
    /// A symbolic link on the way to a file.
    Link { path: PathBuf },
    /// A path that is not plain and relative (from a hand-edited manifest).
    Outside { path: String },
}

impl fmt::Display for NotOwned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotOwned::Directory { dir } => write!(
                f,
                "{} is not empty and has no MANIFEST written by `cargo xtask gen`, so gen does not own it; nothing was touched. Choose a new or empty directory with --out, or empty this one (if it is gen's output and only its MANIFEST was lost, restore the MANIFEST from version control)",
                dir.display()
            ),
            NotOwned::ForeignManifest { dir } => write!(
                f,
                "{} has a MANIFEST that `cargo xtask gen` did not write (its first line is not the generated notice); nothing was touched. Choose another directory with --out",
                dir.join(MANIFEST).display()
            ),
            NotOwned::File { path } => write!(
                f,
                "{} exists and was not written by `cargo xtask gen`; nothing was touched. Move it away and run gen again",
                path.display()
            ),
            NotOwned::NotAFile { path } => write!(
                f,
                "{} is not a regular file; gen reads and writes only regular files in its output directory. Move it away and run gen again",
                path.display()
            ),
            NotOwned::Link { path } => write!(
                f,
                "{} is a symbolic link; gen neither follows nor replaces links in its output directory, so that it cannot be led to write elsewhere. Remove the link and run gen again",
                path.display()
            ),
            NotOwned::Outside { path } => write!(
                f,
                "refusing to touch `{path}`: not a plain relative path inside the output directory"
            ),
        }
    }
}

/// Why [`write`](fn@write) or [`check()`] failed.
#[derive(Debug)]
pub enum WriteError {
    NotOwned(NotOwned),
    /// An operation on a path failed.
    Io {
        action: &'static str,
        path: PathBuf,
        error: io::Error,
    },
}

impl WriteError {
    pub(crate) fn io(action: &'static str, path: &Path, error: io::Error) -> Self {
        WriteError::Io {
            action,
            path: path.to_path_buf(),
            error,
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotOwned(not_owned) => not_owned.fmt(f),
            WriteError::Io {
                action,
                path,
                error,
            } => write!(f, "{action} {}: {error}", path.display()),
        }
    }
}

/// What the lock on the output directory tells the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockNotice {
    /// Another `gen` or `check` holds the directory; this one waits.
    Waiting,
    /// The filesystem cannot lock; this run goes on unlocked.
    Unsupported,
}

/// The files to write, the manifest among them, sorted by path.
pub fn with_manifest(files: &[GeneratedFile]) -> Vec<GeneratedFile> {
    let mut all = files.to_vec();
    all.push(manifest::for_files(files));
    all.sort_by(|a, b| a.path.cmp(&b.path));
    all
}

/// Makes `out_dir` hold exactly `files` (plus anything `gen` never managed).
/// Blocks while another run holds the directory (telling `on_lock`).
pub fn write(
    out_dir: &Path,
    files: &[GeneratedFile],
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<WriteReport, WriteError> {
    write_with(out_dir, files, on_lock, &RealDisk)
}

/// [`write`](fn@write) on a given [`Disk`] (a test injects failures).
pub fn write_with(
    out_dir: &Path,
    files: &[GeneratedFile],
    on_lock: &mut dyn FnMut(LockNotice),
    disk: &dyn Disk,
) -> Result<WriteReport, WriteError> {
    let locked = lock_for_writing(out_dir, on_lock)?;
    let staging = locked.staging(disk)?;
    for file in files {
        if staging.put(file.clone()).is_err() {
            // The staging keeps the reason it stopped.
            return Err(staging.abandon().unwrap_or_else(|| {
                WriteError::io("writing", out_dir, io::ErrorKind::Other.into())
            }));
        }
    }
    staging.plan()?.apply()
}

/// The output directory, created if need be and locked for writing until
/// dropped: [`Locked::staging`] starts a run in it.
pub struct Locked<'a> {
    out_dir: &'a Path,
    _lock: lock::DirLock,
}

/// Takes the output directory's write lock, creating the directory if
/// need be.
pub fn lock_for_writing<'a>(
    out_dir: &'a Path,
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<Locked<'a>, WriteError> {
    fs::create_dir_all(out_dir).map_err(|error| WriteError::io("creating", out_dir, error))?;
    let lock = lock::lock(out_dir, Mode::Exclusive, on_lock)?;
    Ok(Locked {
        out_dir,
        _lock: lock,
    })
}

/// Every entry under `dir/prefix` (files, links and anything else, but not
/// directories themselves), by relative path, leaving out what `gen` itself
/// leaves: temporaries and the lock file.
pub(super) fn list_files(dir: &Path, prefix: &str, found: &mut Vec<String>) -> io::Result<()> {
    for item in fs::read_dir(dir.join(prefix))? {
        let item = item?;
        let name = item.file_name().to_string_lossy().into_owned();
        if files::is_temporary(&name) || (prefix.is_empty() && lock::is_lock_file(&name)) {
            continue;
        }
        let path = format!("{prefix}{name}");
        if item.file_type()?.is_dir() {
            list_files(dir, &format!("{path}/"), found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}
