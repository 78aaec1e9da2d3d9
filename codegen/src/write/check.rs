//! `cargo xtask check`'s question: how does the output directory differ
//! from what the catalog produces? Answered by the rules [`super::write`]
//! follows, without writing anything, under a shared lock.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use imara_diff::{Algorithm, BasicLineDiffPrinter, Diff, InternedInput, UnifiedDiffConfig};

use super::files::{self, Existing};
use super::lock::{self, Mode};
use super::manifest::{self, Manifest};
use super::{LockNotice, MANIFEST, NotOwned, Stale, WriteError};
use crate::fingerprint;
use crate::output::{GeneratedFile, Sink, Stopped};

/// Everything in which `out_dir` differs from `files`; empty when fresh.
/// Blocks while a `gen` is writing the directory (telling `on_lock`).
pub fn check(
    out_dir: &Path,
    files: &[GeneratedFile],
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<Vec<Stale>, WriteError> {
    let comparison = Comparison::start(out_dir, on_lock)?;
    for file in files {
        if comparison.put(file.clone()).is_err() {
            break;
        }
    }
    comparison.finish()
}

/// `check` under way: the [`Sink`] renderers put their files into, each
/// compared with the disk as it arrives and then dropped, under a shared
/// lock on the directory.
pub struct Comparison<'a> {
    out_dir: &'a Path,
    lock: Option<lock::DirLock>,
    on_disk: Manifest,
    state: Mutex<Compared>,
}

#[derive(Default)]
struct Compared {
    stale: Vec<Stale>,
    /// Every file produced, by path and fingerprint: the manifest to
    /// compare at the end.
    produced: Vec<(String, u64)>,
    /// Why the comparison stopped, the first reason only.
    failure: Option<WriteError>,
}

impl Sink for Comparison<'_> {
    fn put(&self, file: GeneratedFile) -> Result<(), Stopped> {
        if self.state().failure.is_some() {
            return Err(Stopped);
        }
        let compared = self.compare(&file);
        let mut state = self.state();
        match compared {
            Ok((stale, fingerprint)) => {
                state.stale.extend(stale);
                state.produced.push((file.path, fingerprint));
                Ok(())
            }
            Err(error) => {
                state.failure.get_or_insert(error);
                Err(Stopped)
            }
        }
    }
}

impl<'a> Comparison<'a> {
    /// Takes a shared lock on `out_dir` (if it exists) and reads its
    /// manifest.
    pub fn start(
        out_dir: &'a Path,
        on_lock: &mut dyn FnMut(LockNotice),
    ) -> Result<Self, WriteError> {
        let lock = match fs::symlink_metadata(out_dir) {
            Ok(metadata) if metadata.is_dir() => Some(lock::lock(out_dir, Mode::Shared, on_lock)?),
            Ok(_) => {
                return Err(WriteError::NotOwned(NotOwned::NotAFile {
                    path: out_dir.to_path_buf(),
                }));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(WriteError::io("reading", out_dir, error)),
        };
        let on_disk = match &lock {
            Some(_) => Manifest::read(out_dir)?.unwrap_or_default(),
            None => Manifest::default(),
        };
        Ok(Comparison {
            out_dir,
            lock,
            on_disk,
            state: Mutex::default(),
        })
    }

    fn state(&self) -> MutexGuard<'_, Compared> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How one file differs from the disk, and its fingerprint.
    fn compare(&self, file: &GeneratedFile) -> Result<(Option<Stale>, u64), WriteError> {
        let path = files::resolve(self.out_dir, &file.path)?;
        let stale = match files::inspect(&path, file.contents.as_bytes())? {
            Existing::File {
                same: true,
                fingerprint,
            } => return Ok((None, fingerprint)),
            Existing::Absent => Stale::Missing {
                path: file.path.clone(),
            },
            Existing::File { same: false, .. } => Stale::Differs {
                path: file.path.clone(),
                diff: match files::read_for_diff(&path, DIFF_INPUT_LIMIT)? {
                    Some(old) => short_diff(&file.path, &old, &file.contents),
                    None => format!(
                        "{} is over {DIFF_INPUT_LIMIT} bytes; no diff shown\n",
                        file.path
                    ),
                },
            },
        };
        Ok((Some(stale), fingerprint::of(file.contents.as_bytes())))
    }

    /// Why the comparison stopped early, if it did (a renderer then only
    /// stopped because of it).
    pub fn failure(self) -> Option<WriteError> {
        self.state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .failure
    }

    /// Everything in which the directory differs from the files put, in
    /// path order, then what an earlier run left and what no run wrote.
    pub fn finish(self) -> Result<Vec<Stale>, WriteError> {
        let Comparison {
            out_dir,
            lock,
            on_disk,
            state,
        } = self;
        let Compared {
            mut stale,
            produced,
            failure,
        } = state.into_inner().unwrap_or_else(PoisonError::into_inner);
        if let Some(failure) = failure {
            return Err(failure);
        }
        let current: BTreeSet<String> = produced
            .iter()
            .map(|(path, _)| path.clone())
            .chain([MANIFEST.to_owned()])
            .collect();
        // The manifest beside the files, compared as one of them.
        let manifest = manifest::for_lines(produced);
        let comparison = Comparison {
            out_dir,
            lock: None,
            on_disk: Manifest::default(),
            state: Mutex::default(),
        };
        stale.extend(comparison.compare(&manifest)?.0);
        stale.sort_by(|a, b| a.path().cmp(b.path()));
        for old in on_disk.paths().filter(|old| !current.contains(*old)) {
            let path = files::resolve(out_dir, old)?;
            if let Existing::File { fingerprint, .. } = files::inspect(&path, &[])? {
                stale.push(Stale::Leftover {
                    path: old.to_owned(),
                    edited: !on_disk.recorded(old, fingerprint),
                });
            }
        }
        if lock.is_some() {
            let accounted: BTreeSet<&str> = current
                .iter()
                .map(String::as_str)
                .chain(on_disk.paths())
                .collect();
            unaccounted(out_dir, "", &accounted, &mut stale)
                .map_err(|error| WriteError::io("reading", out_dir, error))?;
        }
        Ok(stale)
    }
}

/// Files under `out_dir/prefix` that no manifest lists. A directory holding
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
            } else if files::only_temporaries(&item.path())? {
                // Made by a killed run: the next `gen` removes it.
                stale.push(Stale::Temporary { path: inner });
            } else {
                stale.push(Stale::NotGenerated { path: inner });
            }
        } else if files::is_temporary(&name) {
            stale.push(Stale::Temporary { path });
        } else {
            stale.push(Stale::NotGenerated { path });
        }
    }
    Ok(())
}

/// Files larger than this get no diff: reading them would cost more than
/// the diff could show.
const DIFF_INPUT_LIMIT: usize = 16 << 20;

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
