//! One `gen` at a time per output directory.
//!
//! `gen` holds an exclusive lock from before it reads the manifest until
//! the new one is in place; `check` holds a shared one while it reads. The
//! lock is the operating system's advisory file lock (`flock` on Unix, as
//! Cargo locks its build directory), taken on the directory itself, so no
//! lock file appears among the outputs and a killed process never leaves a
//! stale lock behind. Where a directory cannot be locked (not Unix), the
//! lock is taken on [`LOCK_FILE`] inside it instead; on a filesystem that
//! has no locks at all, `gen` goes on without one.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

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
/// `on_wait` is called once and the call blocks until the lock is free.
pub fn lock(dir: &Path, mode: Mode, on_wait: &mut dyn FnMut()) -> io::Result<DirLock> {
    let file = open(dir)?;
    let attempt = match mode {
        Mode::Exclusive => file.try_lock(),
        Mode::Shared => file.try_lock_shared(),
    };
    match attempt {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_wait();
            match mode {
                Mode::Exclusive => file.lock()?,
                Mode::Shared => file.lock_shared()?,
            }
        }
        // Some network filesystems cannot lock; Cargo goes on without a
        // lock there too, rather than refuse to work.
        Err(TryLockError::Error(error)) if error.kind() == io::ErrorKind::Unsupported => {}
        Err(TryLockError::Error(error)) => return Err(error),
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
