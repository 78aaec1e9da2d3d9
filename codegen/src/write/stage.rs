//! `gen`'s side of the writer, in two steps so that no run holds every
//! output at once:
//!
//! 1. [`Staging`] is the [`Sink`] renderers put their files into. Each file
//!    is compared with the disk as it arrives, refused if it is in the way
//!    of a file `gen` does not own, and, when its bytes are new, written to
//!    a temporary file beside its target. Only its path, fingerprint and
//!    temporary are kept. (In a directory without a manifest nothing is
//!    written until it is known to be `gen`'s: the new bytes wait in
//!    memory.) A file put in pieces ([`Sink::put_streamed`], the files
//!    that grow with the catalog) is compared and written a piece at a
//!    time ([`Pieces`]), never whole in memory.
//! 2. Once every output rendered, [`Staging::plan`] makes the decisions
//!    that need all of them (a directory whose manifest was lost, files no
//!    longer produced) and decides each new file again (something may have
//!    appeared at its target while the run rendered); [`Plan::apply`] puts
//!    the temporaries in place under the journal.
//!
//! A run that ends any other way (a renderer failed, a refusal, a panic)
//! removes its temporaries and the directories it created for them: the
//! output directory is as it was. A run that is killed leaves temporaries
//! (and directories holding only temporaries), which `check` reports and
//! the next `gen` removes, whatever its catalog.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read as _, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::files::{self, Disk, Durable, Existing};
use super::manifest::{self, Manifest};
use super::{Locked, MANIFEST, NotOwned, WriteError, WriteReport, list_files};
use crate::fingerprint;
use crate::output::{self, GeneratedFile, RenderError, Sink, Stopped, WriteBody};

/// A `gen` under way in a locked output directory: see the module's
/// comment.
pub struct Staging<'a> {
    out_dir: &'a Path,
    disk: &'a dyn Disk,
    previous: Manifest,
    /// When the directory holds files but no manifest: those files. Each
    /// must be produced byte for byte (it is `gen`'s output whose manifest
    /// was lost), or the directory is not `gen`'s.
    adopting: Option<BTreeSet<String>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    staged: Staged,
    /// Why the run stopped, the first reason only.
    failure: Option<WriteError>,
}

/// What a run has put in the directory and not yet in place. Whatever is
/// still here when it is dropped is removed.
#[derive(Default)]
struct Staged {
    files: Vec<StagedFile>,
    /// Directories created for temporaries, outermost first.
    directories: Vec<PathBuf>,
}

struct StagedFile {
    path: String,
    fingerprint: u64,
    change: Change,
}

enum Change {
    /// The file on disk has these bytes already.
    None,
    /// New bytes, waiting to be put in place.
    Write { bytes: Pending, replaces_edit: bool },
}

/// Where new bytes wait.
enum Pending {
    /// In a temporary file beside the target.
    Temporary(PathBuf),
    /// In memory: the directory has no manifest, and until every file is
    /// known to be what it holds (`gen`'s output whose manifest was lost),
    /// nothing may be written into it.
    InMemory(String),
    /// In place.
    Done,
}

impl Drop for Staged {
    fn drop(&mut self) {
        for file in &mut self.files {
            if let Change::Write {
                bytes: Pending::Temporary(temporary),
                ..
            } = &file.change
            {
                let _ = fs::remove_file(temporary);
            }
        }
        // The deepest first; fails, harmlessly, for a directory that now
        // holds a file.
        self.directories
            .sort_by_key(|directory| std::cmp::Reverse(directory.components().count()));
        for directory in &self.directories {
            let _ = fs::remove_dir(directory);
        }
    }
}

impl Locked<'_> {
    /// Starts a run in this locked directory: refuses one `gen` does not
    /// own (a foreign manifest) before anything is rendered.
    pub fn staging<'a>(&'a self, disk: &'a dyn Disk) -> Result<Staging<'a>, WriteError> {
        let (previous, adopting) = match Manifest::read(self.out_dir)? {
            Some(manifest) => (manifest, None),
            None => {
                let mut present = Vec::new();
                list_files(self.out_dir, "", &mut present)
                    .map_err(|error| WriteError::io("reading", self.out_dir, error))?;
                let adopting = (!present.is_empty()).then(|| present.into_iter().collect());
                (Manifest::default(), adopting)
            }
        };
        Ok(Staging {
            out_dir: self.out_dir,
            disk,
            previous,
            adopting,
            state: Mutex::default(),
        })
    }
}

impl Sink for Staging<'_> {
    fn put(&self, file: GeneratedFile) -> Result<(), Stopped> {
        if self.state().failure.is_some() {
            return Err(Stopped);
        }
        let staged = self.stage(file);
        self.took(staged)
    }

    fn put_streamed(&self, path: &str, write: WriteBody<'_>) -> Result<(), RenderError> {
        if self.adopting.is_some() {
            // Nothing may be written here yet: the bytes wait in memory.
            self.put(output::collect_streamed(path, write)?)?;
            return Ok(());
        }
        if self.state().failure.is_some() {
            return Err(Stopped.into());
        }
        let mut pieces = match Pieces::start(self, path) {
            Ok(pieces) => pieces,
            Err(error) => return Err(self.took(Err(error)).unwrap_err().into()),
        };
        let written = write(&mut pieces);
        // The staging's own failure first: the renderer saw only its echo.
        if let Some(error) = pieces.failure.take() {
            return Err(self.took(Err(error)).unwrap_err().into());
        }
        written?;
        self.took(pieces.finish())?;
        Ok(())
    }
}

impl<'a> Staging<'a> {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps a staged file, or the first reason the run stopped.
    fn took(&self, staged: Result<StagedFile, WriteError>) -> Result<(), Stopped> {
        let mut state = self.state();
        match staged {
            Ok(staged) => {
                state.staged.files.push(staged);
                Ok(())
            }
            Err(error) => {
                state.failure.get_or_insert(error);
                Err(Stopped)
            }
        }
    }

    /// Compares one file with the disk and, if its bytes are new, writes
    /// them beside their target.
    fn stage(&self, file: GeneratedFile) -> Result<StagedFile, WriteError> {
        let path = files::resolve(self.out_dir, &file.path)?;
        let contents = file.contents.as_bytes();
        let existing = match files::inspect(&path, contents)? {
            Existing::File {
                same: true,
                fingerprint,
            } => {
                return Ok(StagedFile {
                    path: file.path,
                    fingerprint,
                    change: Change::None,
                });
            }
            Existing::File { fingerprint, .. } => Some(fingerprint),
            Existing::Absent => None,
        };
        let replaces_edit = decide(
            &self.previous,
            self.adopting.is_some(),
            self.out_dir,
            &file.path,
            existing,
        )?;
        let fingerprint = fingerprint::of(contents);
        let bytes = if self.adopting.is_some() {
            Pending::InMemory(file.contents)
        } else {
            self.create_parent(&path)?;
            let temporary = files::stage(self.disk, &path, contents, Durable::No)
                .map_err(|error| WriteError::io("writing", &path, error))?;
            Pending::Temporary(temporary)
        };
        Ok(StagedFile {
            path: file.path,
            fingerprint,
            change: Change::Write {
                bytes,
                replaces_edit,
            },
        })
    }

    /// Creates the directories missing on the way to `path`, noting each
    /// so that an abandoned run removes it again.
    fn create_parent(&self, path: &Path) -> Result<(), WriteError> {
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        // Under the lock: what this thread finds missing is what it makes.
        let mut state = self.state();
        let missing: Vec<PathBuf> = parent
            .ancestors()
            .take_while(|directory| !directory.exists())
            .map(Path::to_path_buf)
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let created = fs::create_dir_all(parent);
        // Those made go with an abandoned run, even when the call failed
        // part way.
        (state.staged.directories)
            .extend(missing.into_iter().filter(|directory| directory.exists()));
        created.map_err(|error| WriteError::io("creating", parent, error))
    }

    /// Ends a run whose rendering failed: removes what it staged, and says
    /// why the staging itself stopped, if it did (then that is the error to
    /// report, a renderer only stopped because of it).
    pub fn abandon(self) -> Option<WriteError> {
        let State { staged, failure } = self
            .state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        drop(staged);
        failure
    }

    /// Every decision that needs all the outputs, once they rendered:
    /// refuses a directory `gen` does not own, having touched nothing but
    /// its own temporaries (removed again). [`Plan::apply`] then writes.
    pub fn plan(self) -> Result<Plan<'a>, WriteError> {
        let Staging {
            out_dir,
            disk,
            previous,
            adopting,
            state,
        } = self;
        let State {
            mut staged,
            failure,
        } = state.into_inner().unwrap_or_else(PoisonError::into_inner);
        if let Some(failure) = failure {
            return Err(failure);
        }
        staged.files.sort_by(|a, b| a.path.cmp(&b.path));
        // Decided again now that everything rendered: a file may have
        // appeared, or been edited, at a target while the run rendered.
        for file in &mut staged.files {
            let Change::Write { replaces_edit, .. } = &mut file.change else {
                continue;
            };
            let path = files::resolve(out_dir, &file.path)?;
            let existing = match files::inspect(&path, &[])? {
                Existing::File { fingerprint, .. } => Some(fingerprint),
                Existing::Absent => None,
            };
            if existing == Some(file.fingerprint) {
                // The same bytes got there: nothing to put in place.
                if let Change::Write {
                    bytes: Pending::Temporary(temporary),
                    ..
                } = std::mem::replace(&mut file.change, Change::None)
                {
                    let _ = fs::remove_file(temporary);
                }
                continue;
            }
            *replaces_edit = decide(&previous, adopting.is_some(), out_dir, &file.path, existing)?;
        }
        let current: BTreeMap<&str, &StagedFile> = staged
            .files
            .iter()
            .map(|file| (file.path.as_str(), file))
            .collect();
        if let Some(present) = &adopting {
            let produced_as_is = |path: &String| {
                current
                    .get(path.as_str())
                    .is_some_and(|file| matches!(file.change, Change::None))
            };
            if !present.iter().all(produced_as_is) {
                return Err(WriteError::NotOwned(NotOwned::Directory {
                    dir: out_dir.to_path_buf(),
                }));
            }
        }
        let mut removals = Vec::new();
        for old in previous.paths().filter(|old| !current.contains_key(old)) {
            let path = files::resolve(out_dir, old)?;
            let removal = match files::inspect(&path, &[])? {
                // Gone already: only the directories it leaves empty go.
                Existing::Absent => Removal::Remove,
                Existing::File { fingerprint, .. } if previous.recorded(old, fingerprint) => {
                    Removal::Remove
                }
                Existing::File { .. } => Removal::KeepEdited,
            };
            removals.push((old.to_owned(), removal));
        }
        Ok(Plan {
            out_dir,
            disk,
            previous,
            staged,
            removals,
        })
    }
}

/// How many bytes [`Pieces`] gathers before comparing or writing them.
const PIECE: usize = 64 * 1024;

/// A file staged as its renderer writes it ([`Sink::put_streamed`]):
/// fingerprinted and compared with the file on disk a piece at a time, and
/// written to a temporary only from where it differs, so that neither it
/// nor the file it replaces is ever whole in memory. Dropped unfinished,
/// it removes its temporary.
struct Pieces<'s, 'a> {
    staging: &'s Staging<'a>,
    relative: String,
    path: PathBuf,
    gathered: Vec<u8>,
    /// Of the bytes handed on so far, and how many there were.
    fingerprint: fingerprint::Hasher,
    handed_on: u64,
    /// The file on disk, if there is one, read alongside while the bytes
    /// handed on are its first bytes.
    on_disk: Option<Reading>,
    /// Where the new bytes go once they differ from the disk's (at once
    /// where nothing is there).
    temporary: Option<(PathBuf, Box<dyn Write + Send>)>,
    /// Why the staging stopped (the renderer gets an I/O error, which it
    /// reports as its own).
    failure: Option<WriteError>,
}

/// A file on disk being read through, and its fingerprint so far.
struct Reading {
    file: fs::File,
    fingerprint: fingerprint::Hasher,
}

impl Reading {
    /// Up to `into.len()` bytes, fewer only at the end of the file.
    fn read(&mut self, into: &mut [u8]) -> io::Result<usize> {
        let mut filled = 0;
        while filled < into.len() {
            match self.file.read(&mut into[filled..]) {
                Ok(0) => break,
                Ok(read) => filled += read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        self.fingerprint.update(&into[..filled]);
        Ok(filled)
    }

    /// Reads the rest: whether there was any, and the whole fingerprint.
    fn finish(mut self) -> io::Result<(bool, u64)> {
        let mut buffer = vec![0; PIECE];
        let mut more = false;
        loop {
            let read = self.read(&mut buffer)?;
            more |= read > 0;
            if read < buffer.len() {
                return Ok((more, self.fingerprint.finish()));
            }
        }
    }
}

impl<'s, 'a> Pieces<'s, 'a> {
    fn start(staging: &'s Staging<'a>, relative: &str) -> Result<Self, WriteError> {
        let path = files::resolve(staging.out_dir, relative)?;
        let mut pieces = Pieces {
            staging,
            relative: relative.to_owned(),
            path,
            gathered: Vec::with_capacity(PIECE),
            fingerprint: fingerprint::Hasher::default(),
            handed_on: 0,
            on_disk: None,
            temporary: None,
            failure: None,
        };
        let path = &pieces.path;
        match fs::symlink_metadata(path) {
            Ok(metadata) if metadata.is_file() => {
                let file =
                    fs::File::open(path).map_err(|error| WriteError::io("reading", path, error))?;
                pieces.on_disk = Some(Reading {
                    file,
                    fingerprint: fingerprint::Hasher::default(),
                });
            }
            Ok(_) => {
                return Err(WriteError::NotOwned(NotOwned::NotAFile {
                    path: path.clone(),
                }));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                staging.create_parent(path)?;
                let temporary = files::stage_in_pieces(staging.disk, path)
                    .map_err(|error| WriteError::io("writing", path, error))?;
                pieces.temporary = Some(temporary);
            }
            Err(error) => return Err(WriteError::io("reading", path, error)),
        }
        Ok(pieces)
    }

    /// Compares the gathered bytes with the disk's, or writes them.
    fn hand_on(&mut self) -> Result<(), WriteError> {
        let piece = std::mem::take(&mut self.gathered);
        let before = self.fingerprint;
        self.fingerprint.update(&piece);
        if let (None, Some(on_disk)) = (&self.temporary, &mut self.on_disk) {
            let mut read_back = vec![0; piece.len()];
            let read = on_disk
                .read(&mut read_back)
                .map_err(|error| WriteError::io("reading", &self.path, error))?;
            if read_back[..read] != piece[..] {
                self.differs(before)?;
            }
        }
        if let Some((_, into)) = &mut self.temporary {
            into.write_all(&piece)
                .map_err(|error| WriteError::io("writing", &self.path, error))?;
        }
        self.handed_on += piece.len() as u64;
        self.gathered = piece;
        self.gathered.clear();
        Ok(())
    }

    /// The new bytes differ from the disk's after the ones handed on, whose
    /// fingerprint is `before`: they go to a temporary that starts with
    /// those (copied from the disk), unless the file is not `gen`'s.
    fn differs(&mut self, before: fingerprint::Hasher) -> Result<(), WriteError> {
        if !self.staging.previous.lists(&self.relative) {
            return Err(WriteError::NotOwned(NotOwned::File {
                path: self.path.clone(),
            }));
        }
        let path = &self.path;
        let (temporary, mut into) = files::stage_in_pieces(self.staging.disk, path)
            .map_err(|error| WriteError::io("writing", path, error))?;
        let mut copied = fingerprint::Hasher::default();
        let reading = |error| WriteError::io("reading", path, error);
        let copy = (|| {
            let mut from = fs::File::open(path).map_err(reading)?.take(self.handed_on);
            let mut buffer = vec![0; PIECE];
            loop {
                let read = match from.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(read) => read,
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                    Err(error) => return Err(reading(error)),
                };
                copied.update(&buffer[..read]);
                into.write_all(&buffer[..read])
                    .map_err(|error| WriteError::io("writing", path, error))?;
            }
            // Else the file changed as it was read: what was copied is not
            // what was compared.
            (copied.finish() == before.finish())
                .then_some(())
                .ok_or_else(|| {
                    reading(io::Error::other(
                        "it changed while gen read it; run gen again",
                    ))
                })
        })();
        if let Err(error) = copy {
            drop(into);
            let _ = fs::remove_file(&temporary);
            return Err(error);
        }
        self.temporary = Some((temporary, into));
        Ok(())
    }

    /// The file written to its end: staged, or the same as the disk's.
    fn finish(mut self) -> Result<StagedFile, WriteError> {
        self.hand_on()?;
        let existing = match self.on_disk.take() {
            Some(on_disk) => {
                let (more, fingerprint) = on_disk
                    .finish()
                    .map_err(|error| WriteError::io("reading", &self.path, error))?;
                // The disk's is longer: the new bytes are its first ones.
                if more && self.temporary.is_none() {
                    self.differs(self.fingerprint)?;
                }
                Some(fingerprint)
            }
            None => None,
        };
        let fingerprint = self.fingerprint.finish();
        let relative = std::mem::take(&mut self.relative);
        let Some((temporary, mut into)) = self.temporary.take() else {
            return Ok(StagedFile {
                path: relative,
                fingerprint,
                change: Change::None,
            });
        };
        let flushed = into.flush();
        drop(into);
        let staged = flushed
            .map_err(|error| WriteError::io("writing", &self.path, error))
            .and_then(|()| {
                decide(
                    &self.staging.previous,
                    false,
                    self.staging.out_dir,
                    &relative,
                    existing,
                )
            });
        match staged {
            Ok(replaces_edit) => Ok(StagedFile {
                path: relative,
                fingerprint,
                change: Change::Write {
                    bytes: Pending::Temporary(temporary),
                    replaces_edit,
                },
            }),
            Err(error) => {
                let _ = fs::remove_file(&temporary);
                Err(error)
            }
        }
    }
}

impl Write for Pieces<'_, '_> {
    /// Takes at most the rest of a piece, so that a piece is never longer
    /// than [`PIECE`] however much the renderer writes at once.
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.failure.is_some() {
            return Err(io::Error::other("the output stopped"));
        }
        let taken = bytes.len().min(PIECE - self.gathered.len());
        self.gathered.extend_from_slice(&bytes[..taken]);
        if self.gathered.len() == PIECE {
            // Another renderer's failure ends the run: no need to go on.
            let handed_on = match self.staging.state().failure {
                Some(_) => Err(WriteError::io(
                    "writing",
                    &self.path,
                    io::Error::other("the run stopped"),
                )),
                None => Ok(()),
            }
            .and_then(|()| self.hand_on());
            if let Err(error) = handed_on {
                let echo = io::Error::other(error.to_string());
                self.failure = Some(error);
                return Err(echo);
            }
        }
        Ok(taken)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Pieces<'_, '_> {
    fn drop(&mut self) {
        if let Some((temporary, into)) = self.temporary.take() {
            drop(into);
            let _ = fs::remove_file(temporary);
        }
    }
}

/// Whether putting a new file at `path` replaces a hand edit, given the
/// fingerprint of what is there (`None`: nothing). Refuses a file `gen`
/// did not write: in a directory without a manifest (`adopting`), the
/// whole directory; else the file.
fn decide(
    previous: &Manifest,
    adopting: bool,
    out_dir: &Path,
    path: &str,
    existing: Option<u64>,
) -> Result<bool, WriteError> {
    match existing {
        None => Ok(false),
        Some(_) if adopting => Err(WriteError::NotOwned(NotOwned::Directory {
            dir: out_dir.to_path_buf(),
        })),
        Some(fingerprint) if previous.lists(path) => Ok(!previous.recorded(path, fingerprint)),
        Some(_) => Err(WriteError::NotOwned(NotOwned::File {
            path: out_dir.join(path),
        })),
    }
}

/// What happens to a file an earlier run produced and this one does not.
enum Removal {
    Remove,
    /// Edited since: left in place, no longer listed.
    KeepEdited,
}

/// A run every output of which is staged and every decision made (see
/// [`Staging::plan`]); dropped without [`Plan::apply`], it removes what it
/// staged.
pub struct Plan<'a> {
    out_dir: &'a Path,
    disk: &'a dyn Disk,
    previous: Manifest,
    staged: Staged,
    removals: Vec<(String, Removal)>,
}

impl Plan<'_> {
    /// Puts the run in place: the journal, then every staged file and
    /// removal in path order, then the manifest.
    pub fn apply(mut self) -> Result<WriteReport, WriteError> {
        let Plan {
            out_dir,
            disk,
            ref previous,
            ref mut staged,
            ref removals,
        } = self;
        let ours: BTreeSet<&Path> = staged
            .files
            .iter()
            .filter_map(|file| match &file.change {
                Change::Write {
                    bytes: Pending::Temporary(temporary),
                    ..
                } => Some(temporary.as_path()),
                _ => None,
            })
            .collect();
        // What killed runs left, wherever this run or the last wrote, and
        // directories made by a killed run and holding only temporaries.
        let accounted: BTreeSet<&str> = staged
            .files
            .iter()
            .map(|file| file.path.as_str())
            .chain(previous.paths())
            .chain([MANIFEST])
            .collect();
        files::sweep_killed_runs(out_dir, &accounted, &ours)?;

        let manifest_path = out_dir.join(MANIFEST);
        let writing = |path: &Path, error| WriteError::io("writing", path, error);
        let lines: Vec<(String, u64)> = staged
            .files
            .iter()
            .map(|file| (file.path.clone(), file.fingerprint))
            .collect();
        let mut manifest_on_disk = previous.bytes.clone();
        let changes_files = staged
            .files
            .iter()
            .any(|file| matches!(file.change, Change::Write { .. }))
            || removals
                .iter()
                .any(|(_, removal)| matches!(removal, Removal::Remove));
        if changes_files {
            let journal = previous.journal(&lines);
            files::write_atomically_on(disk, &manifest_path, journal.contents.as_bytes())
                .map_err(|error| writing(&manifest_path, error))?;
            manifest_on_disk = journal.contents.into_bytes();
        }
        // Staged files and removals in one path order, as the report lists
        // them.
        let mut report = WriteReport::default();
        for file in &mut staged.files {
            match &mut file.change {
                Change::None => report.unchanged.push(file.path.clone()),
                Change::Write {
                    bytes,
                    replaces_edit,
                } => {
                    let target = out_dir.join(&file.path);
                    match bytes {
                        Pending::Temporary(from) => disk
                            .rename(from, &target)
                            .map_err(|error| writing(&target, error))?,
                        Pending::InMemory(contents) => {
                            files::write_atomically_on(disk, &target, contents.as_bytes())
                                .map_err(|error| writing(&target, error))?;
                        }
                        Pending::Done => {}
                    }
                    *bytes = Pending::Done;
                    if *replaces_edit {
                        report.replaced_edits.push(file.path.clone());
                    }
                    report.written.push(file.path.clone());
                }
            }
        }
        // The directories now hold their files.
        staged.directories.clear();
        for (path, removal) in removals {
            match removal {
                Removal::Remove => {
                    let existed = out_dir.join(path).exists();
                    files::remove_with_empty_parents(out_dir, path)?;
                    if existed {
                        report.removed.push(path.clone());
                    }
                }
                Removal::KeepEdited => report.kept_edited.push(path.clone()),
            }
        }
        // The manifest goes last: until it is replaced, the journal lists
        // every file an interrupted run may have left behind.
        let manifest = manifest::for_lines(lines);
        let final_bytes = manifest.contents.as_bytes();
        if manifest_on_disk != final_bytes {
            files::write_atomically_on(disk, &manifest_path, final_bytes)
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
