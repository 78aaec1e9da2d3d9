//! One `gen` at a time per output directory.
//!
//! `gen` holds an exclusive lock from before it reads the manifest until
//! the new one is in place; `check` holds a shared one while it reads. The
//! lock is the operating system's advisory file lock (`flock` on Unix, the
//! kind Cargo takes on its `.cargo-lock` file), taken on the directory
//! itself, so no lock file appears among the outputs and a killed process
//! never leaves a stale lock behind. Where a directory cannot be locked
//! (not Unix), the lock is taken on [`LOCK_FILE`] inside it instead. On a
//! filesystem that has no locks at all (some network filesystems), the run
//! goes on unlocked, as Cargo's does, and says so.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

use super::{LockNotice, WriteError};

/// The lock file used where a directory itself cannot be locked.
pub const LOCK_FILE: &str = ".gen.lock";

/// Held until dropped.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// For writing: no other holder at all.
    Exclusive,
    /// For reading: no writer.
    Shared,
}

/// Locks `dir`, which must exist. If another process holds the lock,
/// `on_lock` hears [`LockNotice::Waiting`] and the call blocks until the
/// lock is free; where the filesystem cannot lock, it hears
/// [`LockNotice::Unsupported`] and the run goes on unlocked.
pub fn lock(
    dir: &Path,
    mode: Mode,
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<DirLock, WriteError> {
    let locking = |error| WriteError::io("locking", dir, error);
    let file = open(dir).map_err(locking)?;
    let attempt = match mode {
        Mode::Exclusive => file.try_lock(),
        Mode::Shared => file.try_lock_shared(),
    };
    match attempt {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_lock(LockNotice::Waiting);
            match mode {
                Mode::Exclusive => file.lock(),
                Mode::Shared => file.lock_shared(),
            }
            .map_err(locking)?;
        }
        Err(TryLockError::Error(error)) if error.kind() == io::ErrorKind::Unsupported => {
            on_lock(LockNotice::Unsupported);
        }
        Err(TryLockError::Error(error)) => return Err(locking(error)),
    }
    Ok(DirLock { _file: file })
}

#[cfg(unix)]
fn open(dir: &Path) -> io::Result<File> {
    File::open(dir)
}

#[cfg(not(unix))]
fn open(dir: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
}

/// Whether `name` is the lock file (which belongs to no run's outputs).
pub fn is_lock_file(name: &str) -> bool {
    cfg!(not(unix)) && name == LOCK_FILE
}
