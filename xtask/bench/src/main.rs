//! `cargo xtask bench` (the xtask runs this package): measures `gen` and its
//! outputs at several catalog sizes, beside tighterror, and writes
//! `BENCHMARKS.md` and the chart `BENCHMARKS.svg`.
//!
//! Whole-process figures are medians of several runs of the release binary,
//! taken in one run of this command so that ratios compare like with like
//! (these machines are shared and noisy). Wall time, CPU time and peak
//! memory are what the kernel reports to this process when it reaps the
//! child (`wait4`); files written by a no-op `gen` are counted from
//! modification times. Nothing is read from `gen`'s messages.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use clap::Parser;

mod baselines;
mod chart;
mod measure;
mod peer;

use measure::{Progress, median, ms, run_status, seconds, timed, timed_usage};

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
}

/// Catalog sizes: the real catalog, then synthetic ones.
const SIZES: &[usize] = &[30, 1_000, 10_000, 100_000];
const QUICK_SIZES: &[usize] = &[30, 1_000];
/// Sizes at which the generated crate and definitions are compiled, and
/// tighterror is measured.
const COMPILE_SIZES: &[usize] = &[1_000, 10_000];
/// Sizes at which lookups are measured against a hand-written `match`.
const LOOKUP_SIZES: &[usize] = &[30, 1_000, 10_000];
const RUNS: usize = 5;
const QUICK_RUNS: usize = 3;
/// Runs at 100,000 entries, where one `gen` takes tens of seconds.
const LARGE_RUNS: usize = 3;
const COMPILE_RUNS: usize = 3;
/// The most a fresh clone's first `cargo xtask` may cost (issue 19).
const XTASK_BUILD_GOAL: Duration = Duration::from_secs(60);

/// What the bench does, in order; planned first so that progress can say
/// how far along it is.
enum Step {
    Build,
    Check,
    Gen(usize),
    Compile(usize),
    Peer(usize),
    Lookups(usize),
    XtaskBuild,
}

fn plan(quick: bool) -> Vec<Step> {
    let mut steps = vec![Step::Build, Step::Check];
    for &size in if quick { QUICK_SIZES } else { SIZES } {
        steps.push(Step::Gen(size));
        if COMPILE_SIZES.contains(&size) {
            steps.push(Step::Compile(size));
            steps.push(Step::Peer(size));
        }
        if LOOKUP_SIZES.contains(&size) {
            steps.push(Step::Lookups(size));
        }
    }
    // Building the xtask from nothing takes a minute or more.
    if !quick {
        steps.push(Step::XtaskBuild);
    }
    steps
}

/// Where things are, for every step.
struct Bench {
    root: PathBuf,
    cargo: String,
    /// The workspace's target directory, wherever Cargo's configuration puts it.
    target: PathBuf,
    xtask: PathBuf,
    work: PathBuf,
    quick: bool,
}

impl Bench {
    fn catalog(&self, size: usize) -> PathBuf {
        if size == 30 {
            self.root.join("catalog.yaml")
        } else {
            self.work.join(format!("catalog-{size}.yaml"))
        }
    }

    fn out(&self, size: usize) -> PathBuf {
        self.work.join(format!("out-{size}"))
    }

    fn runs(&self, size: usize) -> usize {
        match (self.quick, size) {
            (true, _) => QUICK_RUNS,
            (false, 100_000..) => LARGE_RUNS,
            (false, _) => RUNS,
        }
    }

    /// tighterror's time grows with the square of the entries (about 90 s
    /// at 10,000 on two cores): fewer runs there.
    fn peer_runs(&self, size: usize) -> usize {
        match (self.quick, size) {
            (true, _) => QUICK_RUNS,
            (false, 10_000..) => LARGE_RUNS,
            (false, _) => RUNS,
        }
    }

    fn compile_runs(&self) -> usize {
        if self.quick { 1 } else { COMPILE_RUNS }
    }
}

/// Everything measured, for the report and the chart.
#[derive(Default)]
struct Figures {
    gen_rows: String,
    compile_rows: String,
    peer_rows: String,
    lookups: String,
    /// Median cold `gen` by size.
    gen_times: BTreeMap<usize, Duration>,
    /// Median parse-only by size.
    parse_times: BTreeMap<usize, Duration>,
    /// Median cold tighterror by size.
    peer_times: BTreeMap<usize, Duration>,
    /// Median cold `cargo check` of the generated crate by size.
    crate_checks: BTreeMap<usize, Duration>,
    /// Median `xtask check` on the real catalog, and its runs.
    check: Option<(Duration, usize)>,
    /// The median cold build of the xtask (by CPU time), and the least and
    /// most CPU time of its runs.
    xtask_build: Option<measure::Usage>,
    xtask_build_range: Option<(Duration, Duration)>,
    xtask_build_runs: usize,
    xtask_crates: usize,
    /// Peak memory of `gen` and the catalog's size, in bytes, by size.
    peaks: BTreeMap<usize, (u64, u64)>,
    /// Median dev-profile `gen` (the freshly built xtask) by size.
    dev_gen_times: BTreeMap<usize, Duration>,
    /// Generated ÷ hand-written median, message → status and code →
    /// status, by size.
    lookup_ratios: BTreeMap<usize, (f64, f64)>,
    /// The most files a no-op `gen` wrote, at any size.
    no_op_written: usize,
    /// Cold `cargo check` of the generated crate ÷ that of the match
    /// design, by size.
    check_vs_match: BTreeMap<usize, f64>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.root, cli.quick) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, quick: bool) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = target_dir(&cargo, root)?;
    let bench = Bench {
        root: root.to_path_buf(),
        xtask: target.join("release/xtask"),
        work: target.join("bench"),
        target,
        cargo,
        quick,
    };
    let steps = plan(quick);
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
                measure_check(&bench, &progress, &mut figures)?;
            }
            Step::Gen(size) => {
                progress.begin(format!("gen at {size} entries"));
                if size != 30 {
                    run_status(
                        Command::new(&bench.xtask)
                            .args(["synth", "--entries", &size.to_string(), "--out"])
                            .arg(bench.catalog(size)),
                    )?;
                }
                measure_gen(&bench, &progress, size, &mut figures)?;
            }
            Step::Compile(size) => {
                progress.begin(format!("compiling the outputs at {size} entries"));
                measure_compile(&bench, &progress, size, &mut figures)?;
            }
            Step::Peer(size) => {
                progress.begin(format!("tighterror at {size} entries"));
                measure_peer(&bench, &progress, size, &mut figures)?;
            }
            Step::Lookups(size) => {
                progress.begin(format!(
                    "lookups at {size} entries against a hand-written match (divan)"
                ));
                measure_lookups(&bench, size, &mut figures)?;
            }
            Step::XtaskBuild => {
                progress.begin("cold build of the xtask".to_owned());
                measure_xtask_build(&bench, &progress, &mut figures)?;
            }
        }
    }
    let series = |name, color, times: &BTreeMap<usize, Duration>| chart::Series {
        name,
        color,
        points: times
            .iter()
            .map(|(&size, time)| (size as f64, time.as_secs_f64() * 1000.0))
            .collect(),
    };
    let path = root.join("BENCHMARKS.md");
    fs::write(&path, report(&figures, quick))
        .map_err(|error| format!("error: {}: {error}", path.display()))?;
    let svg = root.join("BENCHMARKS.svg");
    // The report first: a chart that cannot be drawn must not lose the run.
    if let Err(message) = chart::write(
        &svg,
        &[
            series("cargo xtask gen", chart::OURS, &figures.gen_times),
            series("tighterror", chart::PEER, &figures.peer_times),
            series("parse only (the floor)", chart::FLOOR, &figures.parse_times),
        ],
    ) {
        eprintln!("bench: warning: the chart was not drawn: {message}");
    }
    eprintln!("bench: wrote BENCHMARKS.md and BENCHMARKS.svg");
    Ok(())
}

/// `command` (a build) without the settings a developer may have exported
/// that change what is built or hide its cost: a profile, incremental
/// state, compiler flags, a compiler wrapper such as a build cache.
fn as_in_a_fresh_shell(command: &mut Command) -> &mut Command {
    const SETTINGS: &[&str] = &[
        "CARGO_INCREMENTAL",
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_BUILD_RUSTC_WRAPPER",
        "CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER",
    ];
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PROFILE_") || SETTINGS.contains(&name.as_ref()) {
            command.env_remove(name.as_ref());
        }
    }
    command
}

/// The target directory Cargo uses for this workspace (`CARGO_TARGET_DIR`
/// and `.cargo/config.toml` included).
fn target_dir(cargo: &str, root: &Path) -> Result<PathBuf, String> {
    let (_, _, metadata) = timed(
        Command::new(cargo)
            .args(["metadata", "--format-version", "1", "--no-deps", "--locked"])
            .current_dir(root),
    )?;
    serde_json::from_str::<serde_json::Value>(&metadata)
        .ok()
        .and_then(|metadata| metadata["target_directory"].as_str().map(PathBuf::from))
        .ok_or_else(|| "error: cargo metadata names no target directory".to_owned())
}

/// `cargo xtask check` once built (what CI pays): the release binary run
/// from the workspace root on the real catalog and `generated/`.
fn measure_check(bench: &Bench, progress: &Progress, figures: &mut Figures) -> Result<(), String> {
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
    figures.check = Some((median(times), runs));
    Ok(())
}

/// `gen` into an empty directory, the parse floor, a no-op `gen`, peak memory.
fn measure_gen(
    bench: &Bench,
    progress: &Progress,
    size: usize,
    figures: &mut Figures,
) -> Result<(), String> {
    let (catalog, out, runs) = (bench.catalog(size), bench.out(size), bench.runs(size));
    let gen_command = || {
        let mut command = Command::new(&bench.xtask);
        command
            .args(["gen", "--catalog"])
            .arg(&catalog)
            .arg("--out")
            .arg(&out);
        command
    };
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
    figures.no_op_written = figures.no_op_written.max(written);
    let (cold, parse, no_op) = (median(cold), median(parse), median(no_op));
    let catalog_bytes = fs::metadata(&catalog)
        .map_err(|error| format!("error: {}: {error}", catalog.display()))?
        .len();
    figures.peaks.insert(size, (peak_kb * 1024, catalog_bytes));
    figures.gen_times.insert(size, cold);
    figures.parse_times.insert(size, parse);
    let _ = writeln!(
        figures.gen_rows,
        "| {size} | {runs} | {} | {} | {:.1}× | {} | {written} | {:.0} MB | {:.0}× |",
        ms(cold),
        ms(parse),
        cold.as_secs_f64() / parse.as_secs_f64(),
        ms(no_op),
        (peak_kb * 1024) as f64 / 1e6,
        (peak_kb * 1024) as f64 / catalog_bytes as f64
    );
    Ok(())
}

/// A cold `cargo` command on `manifest` in its own, emptied, target directory.
fn cold_cargo(
    bench: &Bench,
    verb: &str,
    manifest: &Path,
    target: &Path,
) -> Result<Duration, String> {
    let _ = fs::remove_dir_all(target);
    Ok(timed(
        Command::new(&bench.cargo)
            .args([verb, "--quiet", "--manifest-path"])
            .arg(manifest)
            .arg("--target-dir")
            .arg(target),
    )?
    .0)
}

/// Cold `cargo check` and `cargo build` of the generated crate, `cargo check`
/// of the match-in-every-method design, `tsc` over the npm package's
/// declarations, and the package's size as `npm pack` reports it.
fn measure_compile(
    bench: &Bench,
    progress: &Progress,
    size: usize,
    figures: &mut Figures,
) -> Result<(), String> {
    let (out, runs) = (bench.out(size), bench.compile_runs());
    let loaded = load(&bench.catalog(size))?;
    let match_design = bench.work.join(format!("match-design-{size}"));
    write_crate(
        &match_design,
        "match-design",
        "",
        &baselines::match_design_library(&loaded),
    )?;
    let manifest = out.join("rust/Cargo.toml");
    let target = bench.work.join(format!("crate-target-{size}"));
    let (mut check, mut build, mut match_check) = (Vec::new(), Vec::new(), Vec::new());
    for run in 1..=runs {
        progress.run("cargo check, cargo build, match design", run, runs);
        check.push(cold_cargo(bench, "check", &manifest, &target)?);
        build.push(cold_cargo(bench, "build", &manifest, &target)?);
        match_check.push(cold_cargo(
            bench,
            "check",
            &match_design.join("Cargo.toml"),
            &target,
        )?);
    }
    let typescript = out.join("typescript");
    let declarations = declaration_files(&typescript)?;
    let tsc = bench
        .root
        .join("xtask/js/node_modules/typescript-5.8/bin/tsc");
    let mut tsc_times = Vec::new();
    for run in 1..=runs {
        progress.run("tsc", run, runs);
        tsc_times.push(
            timed(
                Command::new("node")
                    .arg(&tsc)
                    .args(["--noEmit", "--strict", "--skipLibCheck", "false"])
                    .args(&declarations)
                    .current_dir(&typescript),
            )?
            .0,
        );
    }
    let (_, _, pack) = timed(
        Command::new("npm")
            .args(["pack", "--dry-run", "--json"])
            .current_dir(&typescript),
    )?;
    let pack: serde_json::Value = serde_json::from_str(&pack)
        .map_err(|error| format!("error: reading `npm pack --json`: {error}"))?;
    let kib = |field: &str| pack[0][field].as_f64().unwrap_or(0.0) / 1024.0;
    let (check, match_check) = (median(check), median(match_check));
    figures
        .check_vs_match
        .insert(size, check.as_secs_f64() / match_check.as_secs_f64());
    figures.crate_checks.insert(size, check);
    let _ = writeln!(
        figures.compile_rows,
        "| {size} | {} | {} | {} | {:.2}× | {} | {:.0} KiB | {:.0} KiB |",
        seconds(check),
        seconds(median(build)),
        seconds(match_check),
        check.as_secs_f64() / match_check.as_secs_f64(),
        seconds(median(tsc_times)),
        kib("size"),
        kib("unpackedSize"),
    );
    Ok(())
}

/// Every declaration file of the npm package, relative to it, in a stable order.
fn declaration_files(package: &Path) -> Result<Vec<PathBuf>, String> {
    let files = measure::modification_times(package)?;
    Ok(files
        .into_keys()
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".d.ts") || name.ends_with(".d.mts")
        })
        .filter_map(|path| path.strip_prefix(package).ok().map(Path::to_path_buf))
        .collect())
}

/// tighterror on the same catalog converted to its spec: the generator's
/// time measured as `gen`'s, and a cold `cargo check` of the crate around
/// its output.
fn measure_peer(
    bench: &Bench,
    progress: &Progress,
    size: usize,
    figures: &mut Figures,
) -> Result<(), String> {
    let binary = peer::install(&bench.cargo, &bench.target)?;
    let dir = bench.work.join(format!("tighterror-{size}"));
    let spec = dir.join("tighterror.yaml");
    let library = dir.join("src/lib.rs");
    write_crate(
        &dir,
        "tighterror-errors",
        &format!("tighterror = \"={}\"\n", peer::VERSION),
        "",
    )?;
    fs::write(&spec, peer::spec(&load(&bench.catalog(size))?)?)
        .map_err(|error| format!("error: {}: {error}", spec.display()))?;
    let peer_runs = bench.peer_runs(size);
    let mut times = Vec::new();
    for run in 1..=peer_runs {
        progress.run("tighterror into an empty place", run, peer_runs);
        let _ = fs::remove_file(&library);
        times.push(
            timed_usage(
                Command::new(&binary)
                    .args(["tighterror", "--spec"])
                    .arg(&spec)
                    .arg("--output")
                    .arg(&library),
            )?
            .wall,
        );
    }
    let manifest = dir.join("Cargo.toml");
    // Resolved and downloaded once, outside the timed checks.
    run_status(
        Command::new(&bench.cargo)
            .args(["fetch", "--quiet", "--manifest-path"])
            .arg(&manifest),
    )?;
    let target = bench.work.join(format!("tighterror-target-{size}"));
    let runs = bench.compile_runs();
    let mut checks = Vec::new();
    for run in 1..=runs {
        progress.run("cargo check of its crate", run, runs);
        checks.push(cold_cargo(bench, "check", &manifest, &target)?);
    }
    let (peer, check) = (median(times), median(checks));
    figures.peer_times.insert(size, peer);
    let ours = |times: &BTreeMap<usize, Duration>| times.get(&size).copied().unwrap_or_default();
    let gen_time = ours(&figures.gen_times);
    let _ = writeln!(
        figures.peer_rows,
        "| {size} | {peer_runs} | {} | {} | {:.1}× | {} | {} |",
        ms(peer),
        ms(gen_time),
        peer.as_secs_f64() / gen_time.as_secs_f64(),
        seconds(check),
        seconds(ours(&figures.crate_checks)),
    );
    Ok(())
}

/// The divan benchmark of `xtask/bench/lookup-bench` against this size's
/// generated crate and hand-written baseline.
fn measure_lookups(bench: &Bench, size: usize, figures: &mut Figures) -> Result<(), String> {
    let loaded = load(&bench.catalog(size))?;
    let crate_name = &loaded.package.name;
    let dir = bench.work.join(format!("lookups-{size}"));
    let dependencies = format!(
        "status = {{ package = {crate_name:?}, path = {:?} }}\n\n[dev-dependencies]\ndivan = \"0.1\"\n\n[[bench]]\nname = \"lookups\"\nharness = false\n",
        bench.out(size).join("rust").to_string_lossy()
    );
    write_crate(
        &dir,
        "lookup-bench",
        &dependencies,
        &baselines::lookup_library(&loaded, "status"),
    )?;
    let benches = dir.join("benches");
    fs::create_dir_all(&benches)
        .map_err(|error| format!("error: {}: {error}", benches.display()))?;
    // The benchmark, and its lock file, so that divan's version is pinned.
    fs::copy(
        bench.root.join("xtask/bench/lookup-bench/lookups.rs"),
        benches.join("lookups.rs"),
    )
    .and_then(|_| {
        fs::copy(
            bench.root.join("xtask/bench/lookup-bench/Cargo.lock"),
            dir.join("Cargo.lock"),
        )
    })
    .map_err(|error| format!("error: copying the lookup benchmark: {error}"))?;
    let (_, _, divan) = timed(
        Command::new(&bench.cargo)
            .args(["bench", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(bench.target.join("lookup-bench")),
    )?;
    let table: String = divan
        .lines()
        .skip_while(|line| !line.starts_with("lookups"))
        .take_while(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    let median_of = |name: &str| {
        table
            .lines()
            .find(|line| line.split_whitespace().nth(1) == Some(name))
            .and_then(divan_median)
    };
    let (Some(message), Some(message_by_hand), Some(code), Some(code_by_hand)) = (
        median_of("message_to_entry_generated"),
        median_of("message_to_entry_hand_written"),
        median_of("code_to_entry_generated"),
        median_of("code_to_entry_hand_written"),
    ) else {
        return Err(format!(
            "error: cannot read the lookup medians from divan's output at {size} entries:\n{divan}"
        ));
    };
    figures
        .lookup_ratios
        .insert(size, (message / message_by_hand, code / code_by_hand));
    let _ = write!(
        figures.lookups,
        "{size} entries:\n\n```text\n{table}```\n\n"
    );
    Ok(())
}

/// The median column of a divan result line (`├─ name  fastest │ slowest │
/// median │ …`), in nanoseconds.
fn divan_median(line: &str) -> Option<f64> {
    let cell = line.split('│').nth(2)?;
    let mut parts = cell.split_whitespace();
    let value: f64 = parts.next()?.parse().ok()?;
    let scale = match parts.next()? {
        "ps" => 0.001,
        "ns" => 1.0,
        "µs" => 1_000.0,
        "ms" => 1_000_000.0,
        "s" => 1_000_000_000.0,
        _ => return None,
    };
    Some(value * scale)
}

/// A fresh clone's first `cargo xtask`: the xtask and its dependencies built
/// from nothing in the dev profile, and the number of crates in its graph.
fn measure_xtask_build(
    bench: &Bench,
    progress: &Progress,
    figures: &mut Figures,
) -> Result<(), String> {
    let target = bench.work.join("xtask-cold");
    // Several builds: one varies by a tenth here from run to run.
    let runs = bench.compile_runs();
    let mut builds = Vec::new();
    for run in 1..=runs {
        progress.run("cargo build into an empty target directory", run, runs);
        let _ = fs::remove_dir_all(&target);
        builds.push(timed_usage(as_in_a_fresh_shell(
            Command::new(&bench.cargo)
                .args([
                    "build",
                    "--quiet",
                    "--locked",
                    "-p",
                    "xtask",
                    "--target-dir",
                ])
                .arg(&target)
                .current_dir(&bench.root),
        ))?);
    }
    builds.sort_by_key(|usage| usage.cpu);
    figures.xtask_build_range = builds
        .first()
        .zip(builds.last())
        .map(|(least, most)| (least.cpu, most.cpu));
    figures.xtask_build = builds.get(builds.len() / 2).copied();
    figures.xtask_build_runs = runs;
    // What `cargo xtask gen` then costs: the dev-profile binary just built.
    let dev_xtask = target.join("debug/xtask");
    for size in [30, 10_000] {
        let catalog = bench.catalog(size);
        if !catalog.exists() {
            continue;
        }
        let out = bench.work.join(format!("dev-out-{size}"));
        let runs = bench.runs(size);
        let mut times = Vec::new();
        for run in 1..=runs {
            progress.run(&format!("dev-profile gen at {size} entries"), run, runs);
            let _ = fs::remove_dir_all(&out);
            times.push(
                timed(
                    Command::new(&dev_xtask)
                        .args(["gen", "--catalog"])
                        .arg(&catalog)
                        .arg("--out")
                        .arg(&out),
                )?
                .0,
            );
        }
        let _ = fs::remove_dir_all(&out);
        figures.dev_gen_times.insert(size, median(times));
    }
    let _ = fs::remove_dir_all(&target);
    let (_, _, tree) = timed(
        Command::new(&bench.cargo)
            .args([
                "tree", "--locked", "-p", "xtask", "-e", "normal", "--prefix", "none",
            ])
            .current_dir(&bench.root),
    )?;
    let lines: std::collections::BTreeSet<&str> = tree.lines().collect();
    figures.xtask_crates = lines.len();
    Ok(())
}

fn load(catalog: &Path) -> Result<codegen::model::Model, String> {
    let bytes =
        fs::read(catalog).map_err(|error| format!("error: {}: {error}", catalog.display()))?;
    codegen::check(&bytes)
        .map(|checked| checked.model)
        .map_err(|_| format!("error: {} is broken", catalog.display()))
}

/// A throwaway crate under the bench's directory: its own workspace, `src/lib.rs`.
fn write_crate(dir: &Path, name: &str, dependencies: &str, library: &str) -> Result<(), String> {
    let source = dir.join("src");
    fs::create_dir_all(&source).map_err(|error| format!("error: {}: {error}", source.display()))?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{dependencies}"
    );
    fs::write(dir.join("Cargo.toml"), manifest)
        .and_then(|()| fs::write(source.join("lib.rs"), library))
        .map_err(|error| format!("error: {}: {error}", dir.display()))
}
/// The goals of issue 19, each with this run's figure and whether it is met.
fn goals(figures: &Figures) -> String {
    let mut rows = String::new();
    let mut row = |goal: &str, figure: Option<(String, bool)>| {
        let (figure, verdict) = match figure {
            Some((figure, met)) => (figure, if met { "met" } else { "**missed**" }),
            None => ("not measured in this run".to_owned(), "—"),
        };
        let _ = writeln!(rows, "| {goal} | {figure} | {verdict} |");
    };
    row(
        "cold dev build of the xtask: at most 60 CPU-seconds",
        figures.xtask_build.map(|usage| {
            (
                format!(
                    "{:.1} CPU-s ({} wall), median of {} builds",
                    usage.cpu.as_secs_f64(),
                    seconds(usage.wall),
                    figures.xtask_build_runs
                ),
                usage.cpu <= XTASK_BUILD_GOAL,
            )
        }),
    );
    let dev = |size: usize| figures.dev_gen_times.get(&size).copied();
    row(
        "dev-profile `gen` on the real catalog: under 100 ms",
        dev(30).map(|time| (ms(time), time < Duration::from_millis(100))),
    );
    row(
        "dev-profile `gen` at 10,000 entries: at most 4.9 s",
        dev(10_000).map(|time| (seconds(time), time <= Duration::from_millis(4_900))),
    );
    let ratio = |size: usize| {
        Some(
            figures.gen_times.get(&size)?.as_secs_f64()
                / figures.parse_times.get(&size)?.as_secs_f64(),
        )
    };
    row(
        "`gen` at 10,000 entries: at most 2.5× the parse floor",
        ratio(10_000).map(|ratio| (format!("{ratio:.1}×"), ratio <= 2.5)),
    );
    let memory = |size: usize| {
        figures
            .peaks
            .get(&size)
            .map(|&(peak, catalog)| (peak, peak as f64 / catalog as f64))
    };
    row(
        "peak memory at 10,000 entries: at most 15× the catalog's size",
        memory(10_000).map(|(_, times)| (format!("{times:.0}×"), times <= 15.0)),
    );
    let growth = match (
        figures.gen_times.get(&10_000),
        figures.gen_times.get(&100_000),
    ) {
        (Some(ten), Some(hundred)) => Some(hundred.as_secs_f64() / ten.as_secs_f64()),
        _ => None,
    };
    row(
        "`gen` at 100,000 entries: at most 12× the time at 10,000",
        growth.map(|growth| (format!("{growth:.1}×"), growth <= 12.0)),
    );
    row(
        "peak memory at 100,000 entries: under 1.5 GB",
        memory(100_000)
            .map(|(peak, _)| (format!("{:.0} MB", peak as f64 / 1e6), peak < 1_500_000_000)),
    );
    let lookups = |pick: fn(&(f64, f64)) -> f64, limit: f64| {
        (!figures.lookup_ratios.is_empty()).then(|| {
            let figures_by_size: Vec<String> = figures
                .lookup_ratios
                .iter()
                .map(|(size, ratios)| format!("{:.2}× at {size}", pick(ratios)))
                .collect();
            let met = figures
                .lookup_ratios
                .values()
                .all(|ratios| pick(ratios) <= limit);
            (figures_by_size.join(", "), met)
        })
    };
    row(
        "message → status: within 1.5× of a hand-written `match`",
        lookups(|ratios| ratios.0, 1.5),
    );
    row(
        "code → status: within 1.2× of a hand-written `match`",
        lookups(|ratios| ratios.1, 1.2),
    );
    row(
        "a no-op `gen` writes no file, at every size",
        (!figures.gen_times.is_empty()).then(|| {
            (
                format!("at most {} written", figures.no_op_written),
                figures.no_op_written == 0,
            )
        }),
    );
    row(
        "the crate at 10,000 codes checks faster than the match design",
        figures
            .check_vs_match
            .get(&10_000)
            .map(|&ratio| (format!("{ratio:.2}× its time"), ratio < 1.0)),
    );
    format!(
        "## Goals\n\n\
The speed goals of the project (issue 19), against this run's figures (the sections below say how each was taken).\n\n\
| goal | this run | |\n| --- | --- | --- |\n{rows}\n"
    )
}

fn report(figures: &Figures, quick: bool) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |cores| cores.get());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("MemTotal:"))
                .map(|line| line.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or_else(
            || "unknown".to_owned(),
            |kb| format!("{:.0} GiB", kb / 1024.0 / 1024.0),
        );
    let time_at = |size: usize| figures.gen_times.get(&size).map(Duration::as_secs_f64);
    let growth = match (time_at(10_000), time_at(100_000)) {
        (Some(ten), Some(hundred)) => format!(
            "From 10,000 to 100,000 entries (10× the entries) `gen` takes {:.1}× the time.\n\n",
            hundred / ten
        ),
        _ => String::new(),
    };
    let check = match figures.check {
        Some((time, runs)) => format!(
            "## `cargo xtask check`\n\n\
What CI pays once the xtask is built: the release binary's `check` run from the workspace root on the real catalog, \
comparing everything it generates with the committed `generated/` (median of {runs} runs): **{}**.\n\n",
            ms(time)
        ),
        None => String::new(),
    };
    let xtask_build = match figures.xtask_build {
        Some(usage) => format!(
            "## The xtask's own build\n\n\
A fresh clone's first `cargo xtask …` builds the xtask and its dependencies (dev profile, \
`cargo build -p xtask` into an empty target directory, {} runs; the figures are those of the run of median CPU time). \
The goal is at most 60 CPU-seconds; it took \
**{:.1} CPU-seconds** ({}; the runs took {}), {} wall time on {cores} cores. CPU time is the user and system time of `cargo` and of every \
compiler it waited for, as the kernel reports it when the build is reaped. \
The bench and the importer are packages of their own, left out of this build. \
The xtask's dependency graph has {} crates (`cargo tree -p xtask -e normal --prefix none | sort -u | wc -l`). \
The build runs without the settings a shell may export (`CARGO_PROFILE_*`, `CARGO_INCREMENTAL`, `RUSTFLAGS`, a compiler wrapper). \
Right after it, the dev-profile binary it built runs `gen` into an empty directory, as `cargo xtask gen` does once built \
(median of as many runs as the release binary's at that size): {}.\n\n",
            figures.xtask_build_runs,
            usage.cpu.as_secs_f64(),
            if usage.cpu <= XTASK_BUILD_GOAL {
                "within the goal"
            } else {
                "over the goal"
            },
            figures
                .xtask_build_range
                .map(|(least, most)| format!(
                    "{:.1} to {:.1}",
                    least.as_secs_f64(),
                    most.as_secs_f64()
                ))
                .unwrap_or_default(),
            seconds(usage.wall),
            figures.xtask_crates,
            figures
                .dev_gen_times
                .iter()
                .map(|(size, time)| format!("{} at {size} entries", ms(*time)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => String::new(),
    };
    format!(
        "# Benchmarks\n\n\
Written by `cargo xtask bench{quick}` on {date}; run it again to refresh every figure. Machine: {cores} cores, {memory} of memory. \
Whole-process times are medians of several runs (the *runs* column) of the release binary, all taken in the same run of the command; \
ratios compare figures of that one run.\n\n\
{goals}\
## `cargo xtask gen`\n\n\
`gen` writes into an empty directory; *parse* is serde-saphyr alone parsing the same catalog (`xtask parse-only --catalog PATH`, the floor); \
*no-op* is a second `gen` with nothing changed, and *written* the number of files it wrote. 30 entries is the real catalog; \
the others come from `cargo xtask synth --entries N` (from 64,537 entries on, codes go beyond `u16`).\n\n\
| entries | runs | gen | parse | gen ÷ parse | no-op gen | written by no-op | peak memory (highest run) | peak ÷ catalog size |\n\
| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n\
{gen_rows}\n\
{growth}\
![gen, tighterror and the parse floor: median time against entries, log–log](BENCHMARKS.svg)\n\n\
{check}\
## Beside tighterror\n\n\
[tighterror](https://crates.io/crates/tighterror) ({peer_version}, `cargo tighterror`) generates Rust only: from a YAML spec, \
one module of error kinds with their `Display` texts and docs, in one language, and no documentation pages. \
`gen` writes the Rust crate, a Markdown page and a site page per language, the npm package, and the JSON data and schemas. \
Each synthetic catalog is converted to tighterror's spec: one error per entry, named by its identifier in UPPER_SNAKE_CASE, \
displayed as its message, documented with its English description and solution (the Chinese text for the entries without English). \
Both generators are timed alike: the median of several runs (the *runs* column) of each release binary, writing into an empty place, wall time \
(`gen`'s figures are those of the `cargo xtask gen` table). \
Each generated crate then gets a cold `cargo check` in an empty target directory; tighterror's crate is its output as `src/lib.rs` \
with its runtime crate `tighterror` as the one dependency (built in that check too).\n\n\
| entries | runs | tighterror | gen | tighterror ÷ gen | tighterror's crate: cargo check | our crate: cargo check |\n\
| --- | --- | --- | --- | --- | --- | --- |\n\
{peer_rows}\n\
## The generated outputs\n\n\
A cold `cargo check` and `cargo build` of the generated crate (its own target directory each time); a cold `cargo check` of the \
design it replaced, the same enum with a `match` over every status in each method (written by `xtask/bench/src/baselines.rs`, \
with the same variant docs); `tsc --noEmit --strict` (TypeScript 5.8) over every declaration file of the npm package; \
and the package's size as `npm pack --dry-run --json` reports it, packed and unpacked.\n\n\
| entries | cargo check | cargo build | match design: cargo check | check ÷ match design | tsc | npm package | unpacked |\n\
| --- | --- | --- | --- | --- | --- | --- | --- |\n\
{compile_rows}\n\
## Lookups in the generated crate\n\n\
Each size's generated crate against a hand-written `match` over the same codes and messages \
(`xtask/bench/lookup-bench/lookups.rs`, divan, release build). Times are per batch: 32 known codes spread over the table \
and 4 unknown ones; 8 messages and 1 unknown; one `Display`. The goals table divides the generated crate's median by the \
hand-written one's.\n\n\
{lookups}\
{xtask_build}",
        quick = if quick { " --quick" } else { "" },
        goals = goals(figures),
        date = codegen::release::record::today(),
        peer_version = peer::VERSION,
        gen_rows = figures.gen_rows,
        peer_rows = figures.peer_rows,
        compile_rows = figures.compile_rows,
        lookups = figures.lookups,
    )
}
