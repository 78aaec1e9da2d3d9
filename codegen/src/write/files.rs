//! Single files of the output directory: resolving a relative path without
//! following links, looking at what is there without reading it whole,
//! writing atomically, and the temporary files that writing leaves behind
//! when it is killed.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Read as _, Write};
use std::path::{Component, Path, PathBuf};

use super::{NotOwned, WriteError};
use crate::fingerprint;

/// `out_dir/relative`, refusing a path that climbs out of the directory or
/// passes through a symbolic link (which could lead a write elsewhere).
pub(super) fn resolve(out_dir: &Path, relative: &str) -> Result<PathBuf, WriteError> {
    if !is_plain_relative(relative) {
        return Err(WriteError::NotOwned(NotOwned::Outside {
            path: relative.to_owned(),
        }));
    }
    let mut path = out_dir.to_path_buf();
    for component in Path::new(relative).components() {
        path.push(component);
        match fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return Err(WriteError::NotOwned(NotOwned::Link { path }));
            }
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => break,
            Err(error) => return Err(WriteError::io("reading", &path, error)),
        }
    }
    Ok(out_dir.join(relative))
}

/// What is at a path of the output directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Existing {
    Absent,
    File {
        /// Its bytes are exactly the ones compared with.
        same: bool,
        fingerprint: u64,
    },
}

/// Looks at the regular file at `path`, comparing it with `expected` and
/// fingerprinting it as it streams by, so that no file is read whole into
/// memory. Anything but a regular file (a directory, a FIFO that would block
/// the reader, a device) is not `gen`'s.
pub(super) fn inspect(path: &Path, expected: &[u8]) -> Result<Existing, WriteError> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_file() => {}
        Ok(_) => {
            return Err(WriteError::NotOwned(NotOwned::NotAFile {
                path: path.to_path_buf(),
            }));
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Existing::Absent),
        Err(error) => return Err(WriteError::io("reading", path, error)),
    }
    let reading = |error| WriteError::io("reading", path, error);
    let mut file = fs::File::open(path).map_err(reading)?;
    let mut hasher = fingerprint::Hasher::default();
    let mut buffer = vec![0; 64 * 1024];
    let mut compared = 0;
    let mut same = true;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(reading(error)),
        };
        let chunk = &buffer[..read];
        hasher.update(chunk);
        same = same && expected.get(compared..compared + read) == Some(chunk);
        compared += read;
    }
    Ok(Existing::File {
        same: same && compared == expected.len(),
        fingerprint: hasher.finish(),
    })
}

/// The text of a file for a diff, or `None` when it is larger than
/// `limit` bytes (a diff of it would not help anyone).
pub(super) fn read_for_diff(path: &Path, limit: usize) -> Result<Option<String>, WriteError> {
    match crate::read::read_limited(path, limit) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(error) if error.kind() == io::ErrorKind::FileTooLarge => Ok(None),
        Err(error) => Err(WriteError::io("reading", path, error)),
    }
}

/// Removes a file `gen` wrote (if it is still there), and the directories
/// that held only it.
pub(super) fn remove_with_empty_parents(out_dir: &Path, relative: &str) -> Result<(), WriteError> {
    let path = out_dir.join(relative);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(WriteError::io("removing", &path, error)),
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

/// Prefix and suffix of the temporary files [`stage`] creates:
/// `.gen-PID-N.tmp`.
const TEMPORARY: (&str, &str) = (".gen-", ".tmp");

/// Whether `name` is one of [`stage`]'s temporary files.
pub(super) fn is_temporary(name: &str) -> bool {
    let Some(middle) = name
        .strip_prefix(TEMPORARY.0)
        .and_then(|rest| rest.strip_suffix(TEMPORARY.1))
    else {
        return false;
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    middle
        .split_once('-')
        .is_some_and(|(pid, number)| digits(pid) && digits(number))
}

/// Removes what killed runs left behind: their temporary files wherever
/// `gen` manages files (the directories of the `accounted` paths, those of
/// this run and of the manifest), and every directory no manifest accounts
/// for that holds nothing but temporaries (made by a run killed while it
/// rendered a catalog that has changed since). This run's own (`keep`)
/// stay. Called only under the exclusive lock, so no other live run has
/// any.
pub(super) fn sweep_killed_runs(
    out_dir: &Path,
    accounted: &BTreeSet<&str>,
    keep: &BTreeSet<&Path>,
) -> Result<(), WriteError> {
    let managed = managed_directories(accounted);
    sweep(out_dir, "", accounted, &managed, keep)
}

/// Every directory (`a/`, `a/b/`) on the way to an `accounted` path.
pub(super) fn managed_directories<'a>(accounted: &BTreeSet<&'a str>) -> BTreeSet<&'a str> {
    let mut managed = BTreeSet::new();
    for path in accounted {
        for (end, _) in path.match_indices('/') {
            managed.insert(&path[..=end]);
        }
    }
    managed
}

fn sweep(
    out_dir: &Path,
    prefix: &str,
    accounted: &BTreeSet<&str>,
    managed: &BTreeSet<&str>,
    keep: &BTreeSet<&Path>,
) -> Result<(), WriteError> {
    let directory = out_dir.join(prefix);
    let reading = |error| WriteError::io("reading", &directory, error);
    let items = match fs::read_dir(&directory) {
        Ok(items) => items,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(reading(error)),
    };
    for item in items {
        let item = item.map_err(reading)?;
        let name = item.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        let kind = item.file_type().map_err(reading)?;
        if kind.is_dir() {
            let inner = format!("{path}/");
            if managed.contains(inner.as_str()) {
                sweep(out_dir, &inner, accounted, managed, keep)?;
            } else if only_temporaries(&item.path()).map_err(reading)? {
                remove_temporaries_and_directory(&item.path())
                    .map_err(|error| WriteError::io("removing", &item.path(), error))?;
            }
        } else if kind.is_file()
            && is_temporary(&name)
            && !accounted.contains(path.as_str())
            && !keep.contains(item.path().as_path())
        {
            fs::remove_file(item.path())
                .map_err(|error| WriteError::io("removing", &item.path(), error))?;
        }
    }
    Ok(())
}

/// Whether `directory` holds `gen`'s temporary files and nothing else, in
/// it or in directories of the same kind: what a killed run leaves where it
/// made directories. An empty directory does not qualify (it may be
/// someone's).
pub(super) fn only_temporaries(directory: &Path) -> io::Result<bool> {
    Ok(count_temporaries(directory)?.is_some_and(|count| count > 0))
}

/// How many temporaries `directory` holds, `None` if it holds anything
/// else.
fn count_temporaries(directory: &Path) -> io::Result<Option<usize>> {
    let mut count = 0;
    for item in fs::read_dir(directory)? {
        let item = item?;
        let kind = item.file_type()?;
        if kind.is_dir() {
            match count_temporaries(&item.path())? {
                Some(inside) => count += inside,
                None => return Ok(None),
            }
        } else if kind.is_file() && is_temporary(&item.file_name().to_string_lossy()) {
            count += 1;
        } else {
            return Ok(None);
        }
    }
    Ok(Some(count))
}

/// Removes a directory that [`only_temporaries`] found to hold nothing
/// but temporaries.
fn remove_temporaries_and_directory(directory: &Path) -> io::Result<()> {
    for item in fs::read_dir(directory)? {
        let item = item?;
        if item.file_type()?.is_dir() {
            remove_temporaries_and_directory(&item.path())?;
        } else {
            fs::remove_file(item.path())?;
        }
    }
    fs::remove_dir(directory)
}

/// How the writer's bytes and renames reach the disk: [`RealDisk`], unless
/// a test injects a failure (a full disk, say) at a chosen step. Files are
/// staged from several rendering threads at once.
pub trait Disk: Sync {
    /// Creates `path`, which must not exist yet (else `AlreadyExists`),
    /// holding `bytes` with the permission bits `mode` (on Unix), and
    /// flushed to the disk if `durable`. On failure nothing is left at
    /// `path`.
    fn create(&self, path: &Path, bytes: &[u8], mode: u32, durable: Durable) -> io::Result<()>;
    /// Creates `path`, which must not exist yet, with the permission bits
    /// `mode`, for bytes written in pieces, never flushed (a generated
    /// file: see [`Durable`]). Whoever fails to write it removes it.
    fn create_for_pieces(&self, path: &Path, mode: u32) -> io::Result<Box<dyn Write + Send>>;
    /// Renames `from` over `to`, atomically.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
}

/// Whether a file is flushed to the disk before it is renamed into place.
///
/// Decision (issue 28): only the manifest is. A flush per generated file
/// was a tenth of `gen`'s time at 10,000 entries (612 files), and more the
/// more files there are, to guard against a power cut only: a killed
/// process loses nothing that reached the page cache. After a power cut a
/// generated file may be empty or old while the manifest lists its new
/// fingerprint; `check` reports it and the next `gen` rewrites it (as a
/// file edited by hand). The manifest is flushed, so that it is always
/// `gen`'s, whole, and lists every file a run may have touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durable {
    Yes,
    No,
}

/// The disk itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealDisk;

impl Disk for RealDisk {
    fn create(&self, path: &Path, bytes: &[u8], mode: u32, durable: Durable) -> io::Result<()> {
        // `create_new` neither follows nor reuses anything already there.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        let written = (|| {
            file.write_all(bytes)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                file.set_permissions(fs::Permissions::from_mode(mode))?;
            }
            #[cfg(not(unix))]
            let _ = mode;
            match durable {
                Durable::Yes => file.sync_all(),
                Durable::No => Ok(()),
            }
        })();
        if written.is_err() {
            let _ = fs::remove_file(path);
        }
        written
    }

    fn create_for_pieces(&self, path: &Path, mode: u32) -> io::Result<Box<dyn Write + Send>> {
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            if let Err(error) = file.set_permissions(fs::Permissions::from_mode(mode)) {
                let _ = fs::remove_file(path);
                return Err(error);
            }
        }
        #[cfg(not(unix))]
        let _ = mode;
        Ok(Box::new(file))
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
}

/// Writes `bytes` to a new temporary file in `path`'s directory (which
/// exists), to be renamed over `path`: its path. A generated file is as
/// readable as the one it replaces, or as a newly created file would be.
pub(super) fn stage(
    disk: &dyn Disk,
    path: &Path,
    bytes: &[u8],
    durable: Durable,
) -> io::Result<PathBuf> {
    temporary_beside(path, |temporary, mode| {
        disk.create(temporary, bytes, mode, durable)
    })
    .map(|(temporary, ())| temporary)
}

/// A new temporary file beside `path` as [`stage`] makes one, open for
/// its bytes to be written in pieces.
pub(super) fn stage_in_pieces(
    disk: &dyn Disk,
    path: &Path,
) -> io::Result<(PathBuf, Box<dyn Write + Send>)> {
    temporary_beside(path, |temporary, mode| {
        disk.create_for_pieces(temporary, mode)
    })
}

/// Creates a temporary file in `path`'s directory with `create`, given its
/// path and permission bits; its path and what `create` returned.
fn temporary_beside<T>(
    path: &Path,
    mut create: impl FnMut(&Path, u32) -> io::Result<T>,
) -> io::Result<(PathBuf, T)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    // Unique within the process (a counter) and across processes (the pid).
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt as _;
        fs::metadata(path).map_or(0o644, |existing| existing.permissions().mode() & 0o777)
    };
    #[cfg(not(unix))]
    let mode = 0o644;
    loop {
        let number = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!(
            "{}{}-{number}{}",
            TEMPORARY.0,
            std::process::id(),
            TEMPORARY.1
        );
        let temporary = dir.join(name);
        match create(&temporary, mode) {
            Ok(created) => return Ok((temporary, created)),
            // Left by an earlier process that had the same pid.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
}

/// Writes through a temporary file in the same directory and renames it
/// over `path`, so that a reader sees the old bytes or the new, never a mix.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomically_on(&RealDisk, path, contents)
}

/// [`write_atomically`] on a given disk, flushed before the rename.
pub(super) fn write_atomically_on(disk: &dyn Disk, path: &Path, contents: &[u8]) -> io::Result<()> {
    fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    let temporary = stage(disk, path, contents, Durable::Yes)?;
    disk.rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// A path of plain names, nothing that climbs out or starts at the root.
pub(super) fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::is_temporary;

    #[test]
    fn only_gens_own_temporary_names_count_as_temporaries() {
        assert!(is_temporary(".gen-1234-0.tmp"));
        assert!(is_temporary(".gen-1-99.tmp"));
        for name in [
            ".gen-notes.tmp",
            ".gen-1234.tmp",
            ".gen--0.tmp",
            ".gen-1-x.tmp",
            "gen-1-0.tmp",
            ".gen-1-0.tmp~",
        ] {
            assert!(!is_temporary(name), "{name}");
        }
    }
}
