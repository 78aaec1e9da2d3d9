//! `cargo xtask bench` (the xtask runs this package): measures `gen` and its
//! outputs at several catalog sizes, beside tighterror, and what readers of
//! the generated site get in a browser, and writes `BENCHMARKS.md` and the
//! chart `BENCHMARKS.svg`.
//!
//! Whole-process figures are medians of several runs of the release binary,
//! taken in one run of this command so that ratios compare like with like
//! (these machines are shared and noisy). Wall time, CPU time and peak
//! memory are what the kernel reports to this process when it reaps the
//! child (`wait4`); files written by a no-op `gen` are counted from
//! modification times. Nothing is read from `gen`'s messages.
//!
//! The steps measure (`generation`, `readers`, `outputs`, `peer`,
//! `lookups`, `xtask_build`) and return numbers (`figures`); the goals are
//! one table (`goals`); the report alone formats (`report`), and this file
//! alone writes the two files, after every step. `--readers` runs only what
//! readers of the site get and rewrites only that section of the report.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use clap::Parser;

mod baselines;
mod bench;
mod chart;
mod figures;
mod generation;
mod goals;
mod lookups;
mod measure;
mod outputs;
mod peer;
mod readers;
mod report;
mod xtask_build;

use bench::Bench;
use figures::Figures;
use measure::{Progress, as_in_a_fresh_shell, run_status};

#[derive(Parser)]
#[command(
    name = "cargo xtask bench",
    about = "Measure gen and its outputs at several sizes; writes BENCHMARKS.md and BENCHMARKS.svg"
)]
struct Cli {
    /// The workspace to measure
    #[arg(long, value_name = "DIR")]
    root: PathBuf,
    /// Fewer sizes and runs, for trying the command out
    #[arg(long)]
    quick: bool,
    /// Only what readers of the site get (its pages in headless Chromium,
    /// the output's files); rewrites only that section of BENCHMARKS.md
    #[arg(long)]
    readers: bool,
}

/// Catalog sizes: the real catalog, then synthetic ones.
const SIZES: &[usize] = &[30, 1_000, 10_000, 100_000];
const QUICK_SIZES: &[usize] = &[30, 1_000];
/// Sizes at which the generated crate and definitions are compiled, and
/// tighterror is measured.
const COMPILE_SIZES: &[usize] = &[1_000, 10_000];
/// Sizes at which lookups are measured against a hand-written `match`.
const LOOKUP_SIZES: &[usize] = &[30, 1_000, 10_000];
// What readers of the site get is measured at every size.

/// What the bench does, in order; planned first so that progress can say
/// how far along it is.
enum Step {
    Build,
    Check,
    Gen(usize),
    Readers(usize),
    Compile(usize),
    Peer(usize),
    Lookups(usize),
    Writer,
    XtaskBuild,
}

fn plan(quick: bool, readers_only: bool) -> Vec<Step> {
    let sizes = if quick { QUICK_SIZES } else { SIZES };
    let mut steps = vec![Step::Build];
    if readers_only {
        steps.extend(sizes.iter().map(|&size| Step::Readers(size)));
        return steps;
    }
    steps.push(Step::Check);
    for &size in sizes {
        steps.push(Step::Gen(size));
        // Before anything compiles the outputs (which adds files to them).
        steps.push(Step::Readers(size));
        if COMPILE_SIZES.contains(&size) {
            steps.push(Step::Compile(size));
            steps.push(Step::Peer(size));
        }
        if LOOKUP_SIZES.contains(&size) {
            steps.push(Step::Lookups(size));
        }
    }
    steps.push(Step::Writer);
    // Building the xtask from nothing takes a minute or more.
    if !quick {
        steps.push(Step::XtaskBuild);
    }
    steps
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.root, cli.quick, cli.readers) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, quick: bool, readers_only: bool) -> Result<(), String> {
    let bench = Bench::new(root, quick)?;
    let steps = plan(quick, readers_only);
    let mut progress = Progress::new(steps.len());
    let mut figures = Figures::default();
    for step in &steps {
        match *step {
            Step::Build => {
                progress.begin("building the release binary".to_owned());
                run_status(as_in_a_fresh_shell(
                    Command::new(&bench.cargo)
                        .args(["build", "--release", "--locked", "-p", "xtask"])
                        .current_dir(root),
                ))?;
                let _ = fs::remove_dir_all(&bench.work);
                fs::create_dir_all(&bench.work)
                    .map_err(|error| format!("error: {}: {error}", bench.work.display()))?;
            }
            Step::Check => {
                progress.begin("check on the real catalog".to_owned());
                figures.check = Some(generation::check(&bench, &progress)?);
            }
            Step::Gen(size) => {
                progress.begin(format!("gen at {size} entries"));
                let measured = generation::measure(&bench, &progress, size)?;
                figures.generation.insert(size, measured);
            }
            Step::Readers(size) => {
                progress.begin(format!(
                    "the site at {size} entries in headless Chromium, and the output's files"
                ));
                figures.site.insert(size, readers::measure(&bench, size)?);
            }
            Step::Compile(size) => {
                progress.begin(format!("compiling the outputs at {size} entries"));
                let measured = outputs::measure(&bench, &progress, size)?;
                figures.outputs.insert(size, measured);
            }
            Step::Peer(size) => {
                progress.begin(format!("tighterror at {size} entries"));
                let measured = peer::measure(&bench, &progress, size)?;
                figures.peer.insert(size, measured);
            }
            Step::Lookups(size) => {
                progress.begin(format!(
                    "lookups at {size} entries against a hand-written match (divan)"
                ));
                figures
                    .lookups
                    .insert(size, lookups::measure(&bench, size)?);
            }
            Step::Writer => {
                progress.begin(format!("the writer on {} files", generation::WRITER_FILES));
                figures.writer = Some(generation::writer(&bench, &progress)?);
            }
            Step::XtaskBuild => {
                progress.begin("cold build of the xtask".to_owned());
                figures.xtask_build = Some(xtask_build::measure(&bench, &progress)?);
            }
        }
    }
    let run = report::Run {
        quick,
        readers_only,
        date: codegen::release::record::today(),
        cores: std::thread::available_parallelism().map_or(0, |cores| cores.get()),
        memory_bytes: memory_bytes(),
    };
    let path = root.join("BENCHMARKS.md");
    if readers_only {
        let report = fs::read_to_string(&path).unwrap_or_default();
        fs::write(&path, report::with_readers(&report, &figures, &run))
            .map_err(|error| format!("error: {}: {error}", path.display()))?;
        eprintln!("bench: wrote the readers' section of BENCHMARKS.md");
        return Ok(());
    }
    fs::write(&path, report::render(&figures, &run))
        .map_err(|error| format!("error: {}: {error}", path.display()))?;
    // The report first: a chart that cannot be drawn must not lose the run.
    if let Err(message) = chart::write(&root.join("BENCHMARKS.svg"), &chart_series(&figures)) {
        eprintln!("bench: warning: the chart was not drawn: {message}");
    }
    eprintln!("bench: wrote BENCHMARKS.md and BENCHMARKS.svg");
    Ok(())
}

/// The chart's lines: median time against entries.
fn chart_series(figures: &Figures) -> [chart::Series; 3] {
    let series = |name, color, times: BTreeMap<usize, Duration>| chart::Series {
        name,
        color,
        points: (times.into_iter())
            .map(|(size, time)| (size as f64, time.as_secs_f64() * 1000.0))
            .collect(),
    };
    let generation = |pick: fn(&figures::Generation) -> Duration| {
        (figures.generation.iter())
            .map(|(&size, generation)| (size, pick(generation)))
            .collect()
    };
    let peer = (figures.peer.iter())
        .map(|(&size, peer)| (size, peer.generate))
        .collect();
    [
        series("cargo xtask gen", chart::OURS, generation(|g| g.cold)),
        series("tighterror", chart::PEER, peer),
        series(
            "parse only (the floor)",
            chart::FLOOR,
            generation(|g| g.parse),
        ),
    ]
}

/// The machine's physical memory, from `/proc/meminfo`.
fn memory_bytes() -> Option<u64> {
    let info = fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|line| line.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;
    use goals::{GOALS, Measure};

    #[test]
    fn readers_only_runs_the_readers_steps_at_every_size_of_its_run() {
        let sizes = |steps: Vec<Step>| -> Vec<usize> {
            (steps.into_iter())
                .filter_map(|step| match step {
                    Step::Readers(size) => Some(size),
                    Step::Build => None,
                    _ => panic!("a step other than the build and the readers' steps"),
                })
                .collect()
        };
        assert_eq!(sizes(plan(false, true)), SIZES);
        assert_eq!(sizes(plan(true, true)), [30, 1_000]);
    }

    #[test]
    fn a_full_run_measures_every_size_a_goal_names() {
        for goal in GOALS {
            let (size, sizes) = match goal.measure {
                Measure::DevGen(size)
                | Measure::GenOverParse(size)
                | Measure::PeakOverCatalog(size)
                | Measure::Peak(size) => (size, SIZES),
                Measure::CheckOverMatchDesign(size) => (size, COMPILE_SIZES),
                Measure::GenGrowth => (100_000, SIZES),
                Measure::Landing(_, size) => (size, SIZES),
                Measure::LandingOver(_, size, base) => {
                    assert!(SIZES.contains(&base), "{}", goal.prose());
                    (size, SIZES)
                }
                Measure::XtaskBuildCpu
                | Measure::MessageLookup
                | Measure::CodeLookup
                | Measure::NoOpWritten
                | Measure::LargestMarkdown => continue,
            };
            assert!(sizes.contains(&size), "{}", goal.prose());
        }
    }
}
