//! The release xtask itself: `check` on the real catalog, and at each size
//! `gen` into an empty directory, the parse floor, a no-op `gen` and peak
//! memory; and, in this process, `gen`'s files written again by its writer
//! with nothing rendered (what the bytes alone cost).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::output::{GeneratedFile, RenderError, Sink as _};
use codegen::write::{MANIFEST, RealDisk};

use crate::bench::Bench;
use crate::figures::{Bytes, Check, Generation, Writer};
use crate::measure::{self, Progress, median, run_status, timed, timed_usage};

/// `cargo xtask check` once built (what CI pays): the release binary run
/// from the workspace root on the real catalog and `generated/`.
pub fn check(bench: &Bench, progress: &Progress) -> Result<Check, String> {
    let runs = bench.runs(30);
    let mut times = Vec::new();
    for run in 1..=runs {
        progress.run("check", run, runs);
        times.push(
            timed(
                Command::new(&bench.xtask)
                    .arg("check")
                    // As `cargo xtask` sets it: how the xtask finds its checkout.
                    .env("CARGO_MANIFEST_DIR", bench.root.join("xtask"))
                    .current_dir(&bench.root),
            )?
            .0,
        );
    }
    Ok(Check {
        median: median(times),
        runs,
    })
}

/// `gen` at `size` entries, on a synthetic catalog written first unless the
/// size is the real catalog's.
pub fn measure(bench: &Bench, progress: &Progress, size: usize) -> Result<Generation, String> {
    let (catalog, out, runs) = (bench.catalog(size), bench.out(size), bench.runs(size));
    synth(bench, size)?;
    let gen_command = || gen_command(bench, size);
    let mut cold = Vec::new();
    let mut peak_kb = 0;
    for run in 1..=runs {
        progress.run("gen into an empty directory", run, runs);
        let _ = fs::remove_dir_all(&out);
        let usage = timed_usage(&mut gen_command())?;
        cold.push(usage.wall);
        peak_kb = peak_kb.max(usage.peak_kb);
    }
    let mut parse = Vec::new();
    for run in 1..=runs {
        progress.run("parse only", run, runs);
        parse.push(
            timed(
                Command::new(&bench.xtask)
                    .args(["parse-only", "--catalog"])
                    .arg(&catalog),
            )?
            .0,
        );
    }
    // Before the no-op runs, which may not leave the files as they were.
    let bytes = bytes_alone(bench, progress, &out, runs)?;
    let mut no_op = Vec::new();
    let mut written = 0;
    for run in 1..=runs {
        progress.run("no-op gen", run, runs);
        let before = measure::modification_times(&out)?;
        no_op.push(timed(&mut gen_command())?.0);
        let after = measure::modification_times(&out)?;
        let rewritten = after
            .iter()
            .filter(|(path, modified)| before.get(*path) != Some(modified))
            .count();
        written = written.max(rewritten);
    }
    let catalog_bytes = fs::metadata(&catalog)
        .map_err(|error| format!("error: {}: {error}", catalog.display()))?
        .len();
    Ok(Generation {
        runs,
        cold: median(cold),
        parse: median(parse),
        no_op: median(no_op),
        no_op_written: written,
        peak_bytes: peak_kb * 1024,
        catalog_bytes,
        bytes: Some(bytes),
    })
}

/// `gen`'s files at `out` (all but the manifest, which the writer makes
/// itself) written again by `gen`'s writer into an empty directory,
/// rendering nothing: in as many shares of about the same size as `gen`
/// has rendering threads (one per core, at most one per renderer), each
/// on a thread of its own, the files over one piece in pieces (as `gen`
/// writes its long files). And their fingerprints alone, on one thread.
/// Both timed in this process, the files read beforehand (and copied
/// before each run, as a renderer hands each over by value: at 100,000
/// entries twice their 0.75 GB in memory). Since every output must stay
/// byte for byte what it is, this is work `gen` cannot shed.
fn bytes_alone(
    bench: &Bench,
    progress: &Progress,
    out: &Path,
    runs: usize,
) -> Result<Bytes, String> {
    let mut files = Vec::new();
    read_tree(out, "", &mut files).map_err(|error| format!("error: {}: {error}", out.display()))?;
    files.sort_by_key(|file| std::cmp::Reverse(file.contents.len()));
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, codegen::render::RENDERERS.len());
    // Each file to the share that is smallest so far.
    let mut shares: Vec<(usize, Vec<&GeneratedFile>)> = vec![(0, Vec::new()); threads];
    for file in &files {
        let smallest = (shares.iter_mut())
            .min_by_key(|(size, _)| *size)
            .expect("at least one share");
        smallest.0 += file.contents.len();
        smallest.1.push(file);
    }
    let into = bench.work.join("bytes-alone");
    let (mut writing, mut fingerprinting) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        progress.run("gen's files written alone", run, runs);
        let _ = fs::remove_dir_all(&into);
        // Each file is handed over by value, as a renderer does: copied
        // before the clock starts.
        let shares: Vec<Vec<GeneratedFile>> = (shares.iter())
            .map(|(_, share)| share.iter().map(|&file| file.clone()).collect())
            .collect();
        let started = Instant::now();
        write_alone(&into, shares)
            .map_err(|error| format!("error: {}: {error}", into.display()))?;
        writing.push(started.elapsed());
        let started = Instant::now();
        let folded = (files.iter()).fold(0, |folded, file| {
            folded ^ codegen::fingerprint::of(file.contents.as_bytes())
        });
        fingerprinting.push(started.elapsed());
        std::hint::black_box(folded);
    }
    let _ = fs::remove_dir_all(&into);
    Ok(Bytes {
        files: files.len(),
        total: files.iter().map(|file| file.contents.len() as u64).sum(),
        writing: median(writing),
        fingerprinting: median(fingerprinting),
    })
}

/// Size of the pieces `bytes_alone` writes a long file in (the writer's).
const PIECE: usize = 64 * 1024;

fn write_alone(into: &Path, shares: Vec<Vec<GeneratedFile>>) -> Result<(), String> {
    let locked = codegen::write::lock_for_writing(into, &mut |_| {}).map_err(|e| e.to_string())?;
    let staging = locked.staging(&RealDisk).map_err(|e| e.to_string())?;
    let put_share = |share: Vec<GeneratedFile>| -> Result<(), RenderError> {
        for file in share {
            if file.contents.len() <= PIECE {
                staging.put(file)?;
                continue;
            }
            staging.put_streamed(&file.path, &mut |sink| {
                for piece in file.contents.as_bytes().chunks(PIECE) {
                    sink.write_all(piece)
                        .map_err(|error| RenderError::writing(&file.path, &error))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    };
    let results: Vec<_> = std::thread::scope(|scope| {
        let threads: Vec<_> = (shares.into_iter())
            .map(|share| scope.spawn(|| put_share(share)))
            .collect();
        threads.into_iter().map(|thread| thread.join()).collect()
    });
    for result in results {
        match result {
            Ok(Ok(())) => {}
            Ok(Err(error)) => return Err(error.to_string()),
            Err(_) => return Err("a writing thread panicked".to_owned()),
        }
    }
    let plan = staging.plan().map_err(|e| e.to_string())?;
    plan.apply().map(drop).map_err(|e| e.to_string())
}

/// Every file under `dir/prefix`, read, but the manifest.
fn read_tree(dir: &Path, prefix: &str, files: &mut Vec<GeneratedFile>) -> std::io::Result<()> {
    for item in fs::read_dir(dir.join(prefix))? {
        let item = item?;
        let path = format!("{prefix}{}", item.file_name().to_string_lossy());
        if item.file_type()?.is_dir() {
            read_tree(dir, &format!("{path}/"), files)?;
        } else if path != MANIFEST {
            let contents = fs::read_to_string(item.path())?;
            files.push(GeneratedFile::new(path, contents));
        }
    }
    Ok(())
}

/// How many files the writer is measured on: the order of the site's files
/// at 100,000 entries (5,211) and more.
pub const WRITER_FILES: usize = 20_000;

/// The writer alone: [`Writer`].
pub fn writer(bench: &Bench, progress: &Progress) -> Result<Writer, String> {
    let runs = bench.runs(WRITER_FILES);
    let out = bench.work.join("writer");
    let write = |files: usize| {
        let mut command = Command::new(&bench.xtask);
        command
            .args(["write-only", "--files", &files.to_string(), "--out"])
            .arg(&out);
        command
    };
    let (mut none, mut fresh, mut no_op) = (Vec::new(), Vec::new(), Vec::new());
    for run in 1..=runs {
        progress.run("the writer", run, runs);
        let _ = fs::remove_dir_all(&out);
        none.push(timed(&mut write(0))?.0);
        let _ = fs::remove_dir_all(&out);
        fresh.push(timed(&mut write(WRITER_FILES))?.0);
        no_op.push(timed(&mut write(WRITER_FILES))?.0);
    }
    let _ = fs::remove_dir_all(&out);
    Ok(Writer {
        files: WRITER_FILES,
        runs,
        none: median(none),
        fresh: median(fresh),
        no_op: median(no_op),
    })
}

/// The outputs at `size`, for a step that reads them without timing `gen`:
/// from this run's `gen` at that size when it ran (the first step empties
/// the bench's directory, so whatever is there is this run's), else the
/// synthetic catalog is written and `gen` run once.
pub fn outputs(bench: &Bench, size: usize) -> Result<PathBuf, String> {
    let out = bench.out(size);
    if !out.exists() {
        synth(bench, size)?;
        run_status(&mut gen_command(bench, size))?;
    }
    Ok(out)
}

/// Writes the synthetic catalog of `size` entries, unless `size` is the
/// real catalog's.
fn synth(bench: &Bench, size: usize) -> Result<(), String> {
    if size == 30 {
        return Ok(());
    }
    run_status(
        Command::new(&bench.xtask)
            .args(["synth", "--entries", &size.to_string(), "--out"])
            .arg(bench.catalog(size)),
    )
}

/// `gen` of the catalog of `size` entries into its output directory.
fn gen_command(bench: &Bench, size: usize) -> Command {
    let mut command = Command::new(&bench.xtask);
    command
        .args(["gen", "--catalog"])
        .arg(bench.catalog(size))
        .arg("--out")
        .arg(bench.out(size));
    command
}
