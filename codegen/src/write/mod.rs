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
//! - Every decision is made before the first write: a file in the way that
//!   `gen` did not write, or anything but a regular file where a file goes,
//!   refuses the whole run. Existing files are compared and fingerprinted
//!   as they stream by, never read whole.
//! - Each file is written atomically (a temporary file in the same
//!   directory, then a rename) and only when its bytes differ, so an
//!   unchanged file keeps its mtime and downstream builds stay no-ops.
//! - Before the first write the manifest becomes a journal listing the old
//!   files and the new; after the last, it lists the new ones. An
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

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::output::GeneratedFile;
use files::Existing;
use lock::Mode;
use manifest::Manifest;

pub use check::check;
pub use files::write_atomically;
pub use manifest::FILE_NAME as MANIFEST;

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
    write_with(out_dir, files, on_lock, &mut write_atomically)
}

/// How one file's new bytes reach the disk; [`write_atomically`] unless a
/// test injects a failure (a full disk, say).
pub type FileWriter<'a> = dyn FnMut(&Path, &[u8]) -> io::Result<()> + 'a;

/// What to do with one path, decided before anything is written.
enum Action {
    Keep,
    Write { replaces_edit: bool },
    Remove,
    KeepEdited,
}

/// [`write`](fn@write) with the file writer as a seam.
pub fn write_with(
    out_dir: &Path,
    files: &[GeneratedFile],
    on_lock: &mut dyn FnMut(LockNotice),
    write_file: &mut FileWriter,
) -> Result<WriteReport, WriteError> {
    lock_for_writing(out_dir, on_lock)?.write(files, write_file)
}

/// The output directory, created if need be and locked for writing until
/// dropped: for a command that must do more than write under the lock
/// (`release` records the release, then writes).
pub struct Locked<'a> {
    out_dir: &'a Path,
    _lock: lock::DirLock,
}

/// Takes the output directory's write lock, as [`write`](fn@write) does.
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

impl Locked<'_> {
    /// [`write`](fn@write), under this lock.
    pub fn write(
        &self,
        files: &[GeneratedFile],
        write_file: &mut FileWriter,
    ) -> Result<WriteReport, WriteError> {
        self.plan(files)?.apply(write_file)
    }

    /// Every decision [`write`](fn@write) makes before it writes, under
    /// this lock: refuses a directory or a file `gen` does not own, and
    /// touches nothing. [`Plan::apply`] then writes.
    pub fn plan<'a>(&'a self, files: &'a [GeneratedFile]) -> Result<Plan<'a>, WriteError> {
        plan(self.out_dir, files)
    }
}

/// What a run will do to each path, decided with the directory locked and
/// before anything is written (see [`Locked::plan`]).
pub struct Plan<'a> {
    out_dir: &'a Path,
    files: &'a [GeneratedFile],
    previous: Manifest,
    actions: Vec<(String, &'a [u8], Action)>,
}

fn plan<'a>(out_dir: &'a Path, files: &'a [GeneratedFile]) -> Result<Plan<'a>, WriteError> {
    let previous = owned_manifest(out_dir, files)?;

    // Every decision first: a refusal must leave the directory untouched.
    let mut actions = Vec::new();
    for file in files {
        let path = files::resolve(out_dir, &file.path)?;
        let action = match files::inspect(&path, file.contents.as_bytes())? {
            Existing::Absent => Action::Write {
                replaces_edit: false,
            },
            Existing::File { same: true, .. } => Action::Keep,
            Existing::File { fingerprint, .. } if previous.lists(&file.path) => Action::Write {
                replaces_edit: !previous.recorded(&file.path, fingerprint),
            },
            Existing::File { .. } => return Err(WriteError::NotOwned(NotOwned::File { path })),
        };
        actions.push((file.path.clone(), file.contents.as_bytes(), action));
    }
    let current: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for old in previous.paths().filter(|old| !current.contains(old)) {
        let path = files::resolve(out_dir, old)?;
        let action = match files::inspect(&path, &[])? {
            // Gone already: only the directories it leaves empty go.
            Existing::Absent => Action::Remove,
            Existing::File { fingerprint, .. } if previous.recorded(old, fingerprint) => {
                Action::Remove
            }
            Existing::File { .. } => Action::KeepEdited,
        };
        actions.push((old.to_owned(), &[], action));
    }
    Ok(Plan {
        out_dir,
        files,
        previous,
        actions,
    })
}

impl Plan<'_> {
    /// Carries the plan out: the journal, then every file, then the
    /// manifest.
    pub fn apply(self, write_file: &mut FileWriter) -> Result<WriteReport, WriteError> {
        let Plan {
            out_dir,
            files,
            previous,
            actions,
        } = self;
        // Temporaries of killed runs, wherever this run or the last wrote.
        let directories: Vec<&Path> = files
            .iter()
            .map(|file| file.path.as_str())
            .chain(previous.paths())
            .filter_map(|path| Path::new(path).parent())
            .collect();
        files::remove_temporaries(out_dir, directories.into_iter())?;

        let manifest_path = out_dir.join(MANIFEST);
        let writing = |path: &Path, error| WriteError::io("writing", path, error);
        let mut manifest_on_disk = previous.bytes.clone();
        let changes_files = actions
            .iter()
            .any(|(_, _, action)| matches!(action, Action::Write { .. } | Action::Remove));
        if changes_files {
            let journal = previous.journal(files);
            write_file(&manifest_path, journal.contents.as_bytes())
                .map_err(|error| writing(&manifest_path, error))?;
            manifest_on_disk = journal.contents.into_bytes();
        }
        let mut report = WriteReport::default();
        for (path, contents, action) in actions {
            match action {
                Action::Keep => report.unchanged.push(path),
                Action::Write { replaces_edit } => {
                    let target = out_dir.join(&path);
                    write_file(&target, contents).map_err(|error| writing(&target, error))?;
                    if replaces_edit {
                        report.replaced_edits.push(path.clone());
                    }
                    report.written.push(path);
                }
                Action::Remove => {
                    let existed = out_dir.join(&path).exists();
                    files::remove_with_empty_parents(out_dir, &path)?;
                    if existed {
                        report.removed.push(path);
                    }
                }
                Action::KeepEdited => report.kept_edited.push(path),
            }
        }
        // The manifest goes last: until it is replaced, the journal lists every
        // file an interrupted run may have left behind.
        let manifest = manifest::for_files(files);
        let final_bytes = manifest.contents.as_bytes();
        if manifest_on_disk != final_bytes {
            write_file(&manifest_path, final_bytes)
                .map_err(|error| writing(&manifest_path, error))?;
        }
        if previous.bytes == final_bytes {
            report.unchanged.push(MANIFEST.to_owned());
        } else {
            report.written.push(MANIFEST.to_owned());
        }
        Ok(report)
    }
}

/// The manifest of a directory `gen` owns: its own manifest; an empty one
/// for an empty directory, or for one that holds exactly what this run
/// would write there and nothing else (`gen`'s output whose manifest was
/// lost). Anything else is refused.
fn owned_manifest(out_dir: &Path, files: &[GeneratedFile]) -> Result<Manifest, WriteError> {
    if let Some(manifest) = Manifest::read(out_dir)? {
        return Ok(manifest);
    }
    let mut present = Vec::new();
    list_files(out_dir, "", &mut present)
        .map_err(|error| WriteError::io("reading", out_dir, error))?;
    for path in present {
        let expected = files.iter().find(|file| file.path == path);
        let same = match expected {
            Some(file) => {
                let existing = files::inspect(&out_dir.join(&path), file.contents.as_bytes())?;
                matches!(existing, Existing::File { same: true, .. })
            }
            None => false,
        };
        if !same {
            return Err(WriteError::NotOwned(NotOwned::Directory {
                dir: out_dir.to_path_buf(),
            }));
        }
    }
    Ok(Manifest::default())
}

/// Every entry under `dir/prefix` (files, links and anything else, but not
/// directories themselves), by relative path, leaving out what `gen` itself
/// leaves: temporaries and the lock file.
fn list_files(dir: &Path, prefix: &str, found: &mut Vec<String>) -> io::Result<()> {
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
