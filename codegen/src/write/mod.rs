//! The only code that touches the output directory.
//!
//! [`write`](fn@write) brings the directory in line with a set of rendered
//! files, and [`check`] answers "is it stale?" by the same rules without
//! writing. What `gen` may touch is exactly what it wrote: the
//! [`MANIFEST`](manifest) lists each file with a fingerprint of its bytes.
//!
//! - A directory that is not empty and holds no manifest of `gen`'s (or a
//!   `MANIFEST` of someone else's) is refused before anything is touched.
//! - Every decision is made before the first write: a file in the way that
//!   `gen` did not write refuses the whole run.
//! - Each file is written atomically (a temporary file in the same
//!   directory, then a rename) and only when its bytes differ, so an
//!   unchanged file keeps its mtime and downstream builds stay no-ops.
//! - Before the first write the manifest becomes a journal listing the old
//!   files and the new; after the last, it lists the new ones. An
//!   interrupted run therefore leaves every file old or new and known.
//! - Files an earlier run produced and this one does not are removed, unless
//!   they were edited since (then they are kept and reported); a file `gen`
//!   manages that was edited by hand is replaced and reported.
//! - One run at a time per directory (`lock.rs`): writers exclusively,
//!   `check` shared.

mod lock;
pub mod manifest;

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use imara_diff::{Algorithm, BasicLineDiffPrinter, Diff, InternedInput, UnifiedDiffConfig};

use crate::render::GeneratedFile;
use lock::Mode;
use manifest::{Manifest, is_plain_relative};

pub use manifest::FILE_NAME as MANIFEST;

/// What [`write`](fn@write) did, by relative path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
    /// Files `gen` manages that had been edited by hand; now rewritten.
    pub replaced_edits: Vec<String>,
    /// Files no longer produced but edited since `gen` wrote them: left in
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
    /// Produced by an earlier run, no longer produced, still present.
    Leftover {
        path: String,
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
            | Stale::Leftover { path }
            | Stale::NotGenerated { path }
            | Stale::Temporary { path } => path,
        }
    }
}

/// Why `gen` will not write into a directory. Nothing was touched.
#[derive(Debug, PartialEq, Eq)]
pub enum NotOwned {
    /// The directory has files and no manifest.
    Directory { dir: PathBuf },
    /// Its `MANIFEST` does not carry the generated notice.
    ForeignManifest { dir: PathBuf },
    /// A file `gen` would write already exists and is not listed.
    File { path: PathBuf },
}

impl fmt::Display for NotOwned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotOwned::Directory { dir } => write!(
                f,
                "{} is not empty and has no MANIFEST written by `cargo xtask gen`, so gen does not own it; nothing was touched. Choose a new or empty directory with --out, or empty this one",
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
        }
    }
}

/// Why [`write`](fn@write) or [`check`] failed.
#[derive(Debug)]
pub enum WriteError {
    NotOwned(NotOwned),
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError::Io(error)
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotOwned(not_owned) => not_owned.fmt(f),
            WriteError::Io(error) => error.fmt(f),
        }
    }
}

/// The files to write, the manifest among them, sorted by path.
pub fn with_manifest(files: &[GeneratedFile]) -> Vec<GeneratedFile> {
    let mut all = files.to_vec();
    all.push(manifest::for_files(files));
    all.sort_by(|a, b| a.path.cmp(&b.path));
    all
}

/// Makes `out_dir` hold exactly `files` (plus anything `gen` never managed).
/// Blocks while another run holds the directory, calling `on_wait` first.
pub fn write(
    out_dir: &Path,
    files: &[GeneratedFile],
    on_wait: &mut dyn FnMut(),
) -> Result<WriteReport, WriteError> {
    write_with(out_dir, files, on_wait, &mut write_atomically)
}

/// How one file's new bytes reach the disk; [`write_atomically`] unless a
/// test injects a failure (a full disk, say).
pub type FileWriter<'a> = dyn FnMut(&Path, &[u8]) -> io::Result<()> + 'a;

/// What to do with one path, decided before anything is written.
enum Action {
    Keep,
    Write { hand_edited: bool },
    Remove,
    KeepEdited,
}

/// [`write`](fn@write) with the file writer as a seam.
pub fn write_with(
    out_dir: &Path,
    files: &[GeneratedFile],
    on_wait: &mut dyn FnMut(),
    write_file: &mut FileWriter,
) -> Result<WriteReport, WriteError> {
    fs::create_dir_all(out_dir)?;
    let _lock = lock::lock(out_dir, Mode::Exclusive, on_wait)?;
    let previous = owned_manifest(out_dir)?;

    // Every decision first: a refusal must leave the directory untouched.
    let mut plan = Vec::new();
    for file in files {
        let path = resolve(out_dir, &file.path)?;
        let action = match read_if_exists(&path)? {
            Some(existing) if existing == file.contents.as_bytes() => Action::Keep,
            Some(existing) if previous.lists(&file.path) => Action::Write {
                hand_edited: !previous.wrote(&file.path, &existing),
            },
            Some(_) => return Err(WriteError::NotOwned(NotOwned::File { path })),
            None => Action::Write { hand_edited: false },
        };
        plan.push((file.path.as_str(), file.contents.as_bytes(), action));
    }
    let current: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for old in previous.paths().filter(|old| !current.contains(old)) {
        let path = resolve(out_dir, old)?;
        match read_if_exists(&path)? {
            None => {}
            Some(existing) if previous.wrote(old, &existing) => {
                plan.push((old, &[], Action::Remove))
            }
            Some(_) => plan.push((old, &[], Action::KeepEdited)),
        }
    }

    let mut report = WriteReport::default();
    let manifest_path = out_dir.join(MANIFEST);
    let manifest_before = read_if_exists(&manifest_path)?;
    let final_manifest = manifest::for_files(files);
    remove_temporaries(out_dir, files)?;
    let changes_files = plan
        .iter()
        .any(|(_, _, action)| matches!(action, Action::Write { .. } | Action::Remove));
    if changes_files {
        write_file(&manifest_path, previous.journal(files).contents.as_bytes())?;
    }
    for (path, contents, action) in plan {
        match action {
            Action::Keep => report.unchanged.push(path.to_owned()),
            Action::Write { hand_edited } => {
                write_file(&out_dir.join(path), contents)?;
                report.written.push(path.to_owned());
                if hand_edited {
                    report.replaced_edits.push(path.to_owned());
                }
            }
            Action::Remove => {
                remove_file_and_empty_parents(out_dir, path)?;
                report.removed.push(path.to_owned());
            }
            Action::KeepEdited => report.kept_edited.push(path.to_owned()),
        }
    }
    // The manifest goes last: until it is replaced, the journal lists every
    // file an interrupted run may have left behind.
    let final_bytes = final_manifest.contents.as_bytes();
    if read_if_exists(&manifest_path)?.as_deref() != Some(final_bytes) {
        write_file(&manifest_path, final_bytes)?;
    }
    if manifest_before.as_deref() == Some(final_bytes) {
        report.unchanged.push(MANIFEST.to_owned());
    } else {
        report.written.push(MANIFEST.to_owned());
    }
    Ok(report)
}

/// Removes a file `gen` wrote, and the directories that held only it.
fn remove_file_and_empty_parents(out_dir: &Path, relative: &str) -> io::Result<()> {
    match fs::remove_file(out_dir.join(relative)) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    let mut parent = Path::new(relative).parent();
    while let Some(directory) = parent.filter(|directory| !directory.as_os_str().is_empty()) {
        // Fails, harmlessly, as soon as a directory holds anything else.
        if fs::remove_dir(out_dir.join(directory)).is_err() {
            break;
        }
        parent = directory.parent();
    }
    Ok(())
}

/// The manifest of a directory `gen` owns: its own manifest, or an empty
/// one for an empty directory. Anything else is refused.
fn owned_manifest(out_dir: &Path) -> Result<Manifest, WriteError> {
    match Manifest::read(out_dir) {
        Ok(Some(manifest)) => Ok(manifest),
        Ok(None) if is_empty(out_dir)? => Ok(Manifest::default()),
        Ok(None) => Err(WriteError::NotOwned(NotOwned::Directory {
            dir: out_dir.to_path_buf(),
        })),
        Err(manifest::ReadError::Foreign) => Err(WriteError::NotOwned(NotOwned::ForeignManifest {
            dir: out_dir.to_path_buf(),
        })),
        Err(manifest::ReadError::Io(error)) => Err(error.into()),
    }
}

/// Empty but for what `gen` itself leaves: temporaries of a run killed
/// before its first manifest, and the lock file where there is one.
fn is_empty(dir: &Path) -> io::Result<bool> {
    for item in fs::read_dir(dir)? {
        let name = item?.file_name();
        let name = name.to_string_lossy();
        if !is_temporary(&name) && !lock::is_lock_file(&name) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A file's bytes, or `None` when there is no file.
fn read_if_exists(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Everything in which `out_dir` differs from `files`; empty when fresh.
/// Blocks while a `gen` is writing the directory, calling `on_wait` first.
pub fn check(
    out_dir: &Path,
    files: &[GeneratedFile],
    on_wait: &mut dyn FnMut(),
) -> Result<Vec<Stale>, WriteError> {
    let _lock = match fs::metadata(out_dir) {
        Ok(_) => Some(lock::lock(out_dir, Mode::Shared, on_wait)?),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error.into()),
    };
    let on_disk = match Manifest::read(out_dir) {
        Ok(manifest) => manifest.unwrap_or_default(),
        Err(manifest::ReadError::Foreign) => {
            return Err(WriteError::NotOwned(NotOwned::ForeignManifest {
                dir: out_dir.to_path_buf(),
            }));
        }
        Err(manifest::ReadError::Io(error)) => return Err(error.into()),
    };
    let files = with_manifest(files);
    let mut stale = Vec::new();
    for file in &files {
        let path = resolve(out_dir, &file.path)?;
        match read_if_exists(&path)? {
            Some(existing) if existing == file.contents.as_bytes() => {}
            Some(existing) => stale.push(Stale::Differs {
                path: file.path.clone(),
                diff: short_diff(
                    &file.path,
                    &String::from_utf8_lossy(&existing),
                    &file.contents,
                ),
            }),
            None => stale.push(Stale::Missing {
                path: file.path.clone(),
            }),
        }
    }
    let current: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for old in on_disk.paths() {
        if !current.contains(old) && resolve(out_dir, old)?.exists() {
            stale.push(Stale::Leftover {
                path: old.to_owned(),
            });
        }
    }
    let accounted: BTreeSet<&str> = current.iter().copied().chain(on_disk.paths()).collect();
    if fs::metadata(out_dir).is_ok() {
        unaccounted(out_dir, "", &accounted, &mut stale)?;
    }
    Ok(stale)
}

/// Files under `dir/prefix` that no manifest lists. A directory holding
/// nothing `gen` wrote is reported once, as a whole.
fn unaccounted(
    out_dir: &Path,
    prefix: &str,
    accounted: &BTreeSet<&str>,
    stale: &mut Vec<Stale>,
) -> io::Result<()> {
    let mut items: Vec<_> = fs::read_dir(out_dir.join(prefix))?.collect::<Result<_, _>>()?;
    items.sort_by_key(fs::DirEntry::file_name);
    for item in items {
        let name = item.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        if accounted.contains(path.as_str()) || (prefix.is_empty() && lock::is_lock_file(&name)) {
            continue;
        }
        if item.file_type()?.is_dir() {
            let inner = format!("{path}/");
            if accounted.iter().any(|known| known.starts_with(&inner)) {
                unaccounted(out_dir, &inner, accounted, stale)?;
            } else {
                stale.push(Stale::NotGenerated { path: inner });
            }
        } else if is_temporary(&name) {
            stale.push(Stale::Temporary { path });
        } else {
            stale.push(Stale::NotGenerated { path });
        }
    }
    Ok(())
}

/// At most this many lines of diff per file: enough to see what changed.
const DIFF_LINES: usize = 40;

fn short_diff(path: &str, old: &str, new: &str) -> String {
    let input = InternedInput::new(old, new);
    let mut diff = Diff::compute(Algorithm::Histogram, &input);
    diff.postprocess_lines(&input);
    let mut config = UnifiedDiffConfig::default();
    config.context_len(2);
    let printer = BasicLineDiffPrinter(&input.interner);
    let hunks = diff.unified_diff(&printer, config, &input);
    let diff = format!("--- {path} (on disk)\n+++ {path} (from catalog)\n{hunks}");
    let total = diff.lines().count();
    let mut shown: String = diff
        .lines()
        .take(DIFF_LINES)
        .map(|line| format!("{line}\n"))
        .collect();
    if total > DIFF_LINES {
        shown.push_str(&format!("… {} more lines of diff\n", total - DIFF_LINES));
    }
    shown
}

fn resolve(out_dir: &Path, relative: &str) -> io::Result<PathBuf> {
    if !is_plain_relative(relative) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to touch `{relative}`: not a plain relative path"),
        ));
    }
    // A symlink inside the output directory could lead a write elsewhere.
    let mut path = out_dir.to_path_buf();
    for component in Path::new(relative).components() {
        path.push(component);
        match fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "refusing to write through the symbolic link {}",
                        path.display()
                    ),
                ));
            }
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => break,
            Err(error) => return Err(error),
        }
    }
    Ok(out_dir.join(relative))
}

/// Prefix and suffix of the temporary files [`write_atomically`] creates.
const TEMPORARY: (&str, &str) = (".gen-", ".tmp");

fn is_temporary(name: &str) -> bool {
    name.starts_with(TEMPORARY.0) && name.ends_with(TEMPORARY.1)
}

/// Removes temporary files that a killed run left in the directories this
/// run writes to. (A process killed between creating one and renaming it
/// cannot remove it itself.)
fn remove_temporaries(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    let directories: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|file| out_dir.join(&file.path).parent().map(Path::to_path_buf))
        .chain([out_dir.to_path_buf()])
        .collect();
    for directory in directories {
        let Ok(items) = fs::read_dir(&directory) else {
            continue;
        };
        for item in items {
            let item = item?;
            let name = item.file_name();
            let name = name.to_string_lossy();
            if is_temporary(&name) && item.file_type()?.is_file() {
                fs::remove_file(item.path())?;
            }
        }
    }
    Ok(())
}

/// Writes through a temporary file in the same directory and renames it
/// over `path`, so that a reader sees the old bytes or the new, never a mix.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let temporary = TemporaryFile::create_in(dir)?;
    let mut file = &temporary.file;
    file.write_all(contents)?;
    // A generated file is as readable as the one it replaces, or as a newly
    // created file would be.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode =
            fs::metadata(path).map_or(0o644, |existing| existing.permissions().mode() & 0o777);
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    file.sync_all()?;
    fs::rename(&temporary.path, path)?;
    temporary.disarm();
    Ok(())
}

/// A `.gen-*.tmp` file that removes itself unless it was renamed into place.
///
/// The name is unique within the process (a counter) and across processes
/// (the pid); `create_new` refuses to follow or reuse anything already there.
/// Leftovers of a killed run are swept by [`remove_temporaries`].
struct TemporaryFile {
    path: PathBuf,
    file: fs::File,
    armed: bool,
}

impl TemporaryFile {
    fn create_in(dir: &Path) -> io::Result<Self> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        loop {
            let number = NEXT.fetch_add(1, Ordering::Relaxed);
            let name = format!(
                "{}{}-{number}{}",
                TEMPORARY.0,
                std::process::id(),
                TEMPORARY.1
            );
            let path = dir.join(name);
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    return Ok(Self {
                        path,
                        file,
                        armed: true,
                    });
                }
                // Left by an earlier process that had the same pid.
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(error) => return Err(error),
            }
        }
    }

    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for TemporaryFile {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}
