//! The only code that touches the output directory.
//!
//! [`write`](fn@write) brings the directory in line with a set of rendered files:
//! each file is written atomically (a temporary file in the same directory,
//! then a rename) and only when its bytes differ, so an unchanged file keeps
//! its mtime and downstream builds stay no-ops. Files that an earlier run
//! produced and this one does not are removed; they are known from the
//! [`MANIFEST`] that every run writes last. Nothing else in the directory is
//! touched. [`check`] answers "is the directory stale?" by the same rules
//! without writing anything.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use imara_diff::{Algorithm, BasicLineDiffPrinter, Diff, InternedInput, UnifiedDiffConfig};

use crate::render::{GeneratedFile, header};

/// The list of files the last `gen` wrote, relative to the output directory.
pub const MANIFEST: &str = "MANIFEST";

/// What [`write`](fn@write) did, by relative path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
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
}

impl Stale {
    pub fn path(&self) -> &str {
        match self {
            Stale::Missing { path } | Stale::Differs { path, .. } | Stale::Leftover { path } => {
                path
            }
        }
    }
}

/// The files to write, the manifest among them, sorted by path.
pub fn with_manifest(files: &[GeneratedFile]) -> Vec<GeneratedFile> {
    let mut all = files.to_vec();
    let mut manifest = format!(
        "# {}\n# The files `cargo xtask gen` manages in this directory; it removes those it no longer produces.\n",
        header::TEXT
    );
    for file in files {
        manifest.push_str(&file.path);
        manifest.push('\n');
    }
    all.push(GeneratedFile::new(MANIFEST, manifest));
    all.sort_by(|a, b| a.path.cmp(&b.path));
    all
}

/// Makes `out_dir` hold exactly `files` (plus anything `gen` never managed).
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<WriteReport> {
    write_with(out_dir, files, &mut write_atomically)
}

/// How one file's new bytes reach the disk; [`write_atomically`] unless a
/// test injects a failure (a full disk, say).
pub type FileWriter<'a> = dyn FnMut(&Path, &[u8]) -> io::Result<()> + 'a;

/// [`write`](fn@write) with the file writer as a seam.
pub fn write_with(
    out_dir: &Path,
    files: &[GeneratedFile],
    write_file: &mut FileWriter,
) -> io::Result<WriteReport> {
    let files = with_manifest(files);
    let previous = read_manifest(out_dir)?;
    remove_temporaries(out_dir, &files)?;
    let mut report = WriteReport::default();
    // The manifest goes last: until it is replaced, the old one still lists
    // every file an interrupted run may have left behind.
    let (manifest, contents): (Vec<_>, Vec<_>) =
        files.iter().partition(|file| file.path == MANIFEST);
    for file in contents.iter().chain(manifest.iter()) {
        let path = resolve(out_dir, &file.path)?;
        if fs::read(&path).is_ok_and(|existing| existing == file.contents.as_bytes()) {
            report.unchanged.push(file.path.clone());
        } else {
            write_file(&path, file.contents.as_bytes())?;
            report.written.push(file.path.clone());
        }
    }
    let current: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for old in previous
        .iter()
        .filter(|old| !current.contains(old.as_str()))
    {
        let path = resolve(out_dir, old)?;
        match fs::remove_file(&path) {
            Ok(()) => report.removed.push(old.clone()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
    }
    Ok(report)
}

/// Everything in which `out_dir` differs from `files`; empty when fresh.
pub fn check(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<Vec<Stale>> {
    let files = with_manifest(files);
    let mut stale = Vec::new();
    for file in &files {
        let path = resolve(out_dir, &file.path)?;
        match fs::read(&path) {
            Ok(existing) if existing == file.contents.as_bytes() => {}
            Ok(existing) => stale.push(Stale::Differs {
                path: file.path.clone(),
                diff: short_diff(
                    &file.path,
                    &String::from_utf8_lossy(&existing),
                    &file.contents,
                ),
            }),
            Err(error) if error.kind() == io::ErrorKind::NotFound => stale.push(Stale::Missing {
                path: file.path.clone(),
            }),
            Err(error) => return Err(error),
        }
    }
    let current: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for old in read_manifest(out_dir)? {
        if !current.contains(old.as_str()) && resolve(out_dir, &old)?.exists() {
            stale.push(Stale::Leftover { path: old });
        }
    }
    Ok(stale)
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

/// Paths of the previous run's files. A missing manifest means none.
fn read_manifest(out_dir: &Path) -> io::Result<Vec<String>> {
    match fs::read_to_string(out_dir.join(MANIFEST)) {
        Ok(text) => Ok(text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            // A hand-edited manifest must not make `gen` delete outside its directory.
            .filter(|line| is_plain_relative(line))
            .map(str::to_owned)
            .collect()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(error) => Err(error),
    }
}

fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
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

/// Removes temporary files that a killed run left in the directories this
/// run writes to. (A process killed between creating one and renaming it
/// cannot remove it itself.)
fn remove_temporaries(out_dir: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    let directories: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|file| out_dir.join(&file.path).parent().map(Path::to_path_buf))
        .collect();
    for directory in directories {
        let Ok(items) = fs::read_dir(&directory) else {
            continue;
        };
        for item in items {
            let item = item?;
            let name = item.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(TEMPORARY.0)
                && name.ends_with(TEMPORARY.1)
                && item.file_type()?.is_file()
            {
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
