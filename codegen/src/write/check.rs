//! `cargo xtask check`'s question: how does the output directory differ
//! from what the catalog produces? Answered by the rules [`super::write`]
//! follows, without writing anything, under a shared lock.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use imara_diff::{Algorithm, BasicLineDiffPrinter, Diff, InternedInput, UnifiedDiffConfig};

use super::files::{self, Existing};
use super::lock::{self, Mode};
use super::manifest::{self, Manifest};
use super::{LockNotice, NotOwned, Stale, WriteError};
use crate::output::GeneratedFile;

/// Everything in which `out_dir` differs from `files`; empty when fresh.
/// Blocks while a `gen` is writing the directory (telling `on_lock`).
pub fn check(
    out_dir: &Path,
    files: &[GeneratedFile],
    on_lock: &mut dyn FnMut(LockNotice),
) -> Result<Vec<Stale>, WriteError> {
    let _lock = match fs::symlink_metadata(out_dir) {
        Ok(metadata) if metadata.is_dir() => Some(lock::lock(out_dir, Mode::Shared, on_lock)?),
        Ok(_) => {
            return Err(WriteError::NotOwned(NotOwned::NotAFile {
                path: out_dir.to_path_buf(),
            }));
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(WriteError::io("reading", out_dir, error)),
    };
    let on_disk = match &_lock {
        Some(_) => Manifest::read(out_dir)?.unwrap_or_default(),
        None => Manifest::default(),
    };
    // The manifest beside the files, not a copy of every file with it.
    let manifest = manifest::for_files(files);
    let mut stale = Vec::new();
    let mut files: Vec<&GeneratedFile> = files.iter().chain([&manifest]).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    for file in &files {
        let path = files::resolve(out_dir, &file.path)?;
        match files::inspect(&path, file.contents.as_bytes())? {
            Existing::Absent => stale.push(Stale::Missing {
                path: file.path.clone(),
            }),
            Existing::File { same: true, .. } => {}
            Existing::File { same: false, .. } => stale.push(Stale::Differs {
                path: file.path.clone(),
                diff: match files::read_for_diff(&path, DIFF_INPUT_LIMIT)? {
                    Some(old) => short_diff(&file.path, &old, &file.contents),
                    None => format!(
                        "{} is over {DIFF_INPUT_LIMIT} bytes; no diff shown\n",
                        file.path
                    ),
                },
            }),
        }
    }
    let current: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for old in on_disk.paths().filter(|old| !current.contains(old)) {
        let path = files::resolve(out_dir, old)?;
        if let Existing::File { fingerprint, .. } = files::inspect(&path, &[])? {
            stale.push(Stale::Leftover {
                path: old.to_owned(),
                edited: !on_disk.recorded(old, fingerprint),
            });
        }
    }
    if _lock.is_some() {
        let accounted: BTreeSet<&str> = current.iter().copied().chain(on_disk.paths()).collect();
        unaccounted(out_dir, "", &accounted, &mut stale)
            .map_err(|error| WriteError::io("reading", out_dir, error))?;
    }
    Ok(stale)
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
