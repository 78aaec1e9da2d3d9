//! The release xtask itself: `check` on the real catalog, and at each size
//! `gen` into an empty directory, the parse floor, a no-op `gen` and peak
//! memory.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::bench::Bench;
use crate::figures::{Check, Generation, Writer};
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
    })
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
