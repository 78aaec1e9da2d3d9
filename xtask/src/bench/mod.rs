//! `cargo xtask bench`: measures `gen` and its outputs at several catalog
//! sizes and writes `BENCHMARKS.md`.
//!
//! Whole-process figures are medians of several runs of the release binary,
//! taken in one run of this command so that ratios compare like with like
//! (these machines are shared and noisy). Peak memory is the child's
//! maximum resident set as the kernel reports it to this process when it
//! reaps the child (`wait4`); files written by a no-op `gen` are counted
//! from modification times. Nothing is read from `gen`'s messages.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod baselines;

/// Catalog sizes: the real catalog, then synthetic ones.
const SIZES: &[usize] = &[30, 1_000, 10_000, 100_000];
/// Sizes at which the generated crate and definitions are compiled.
const COMPILE_SIZES: &[usize] = &[1_000, 10_000];
/// Sizes at which lookups are measured against a hand-written `match`.
const LOOKUP_SIZES: &[usize] = &[30, 1_000, 10_000];
const RUNS: usize = 5;
/// Runs at 100,000 entries, where one `gen` takes tens of seconds.
const LARGE_RUNS: usize = 3;
const COMPILE_RUNS: usize = 3;

/// Everything measured, for the report.
#[derive(Default)]
struct Figures {
    gen_rows: String,
    compile_rows: String,
    lookups: String,
    /// Median cold `gen` by size, for the growth figure.
    gen_times: Vec<(usize, Duration)>,
    xtask_cold_build: Option<Duration>,
    xtask_crates: usize,
}

pub fn run(root: &Path, quick: bool) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("bench: building the release binary");
    run_status(
        Command::new(&cargo)
            .args(["build", "--release", "--locked", "-p", "xtask"])
            .current_dir(root),
    )?;
    let xtask = root.join("target/release/xtask");
    let work = root.join("target/bench");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).map_err(|error| format!("error: {}: {error}", work.display()))?;
    let sizes: Vec<usize> = if quick {
        vec![30, 1_000]
    } else {
        SIZES.to_vec()
    };
    let mut figures = Figures::default();
    for &size in &sizes {
        let runs = match (quick, size) {
            (true, _) => 3,
            (false, 100_000..) => LARGE_RUNS,
            (false, _) => RUNS,
        };
        let catalog = if size == 30 {
            root.join("catalog.yaml")
        } else {
            let path = work.join(format!("catalog-{size}.yaml"));
            run_status(
                Command::new(&xtask)
                    .args(["synth", "--entries", &size.to_string(), "--out"])
                    .arg(&path),
            )?;
            path
        };
        let out = work.join(format!("out-{size}"));
        eprintln!("bench: {size} entries");
        measure_gen(&xtask, &catalog, &out, size, runs, &mut figures)?;
        if COMPILE_SIZES.contains(&size) {
            let compile_runs = if quick { 1 } else { COMPILE_RUNS };
            measure_compile(
                root,
                &cargo,
                &catalog,
                &out,
                &work,
                size,
                compile_runs,
                &mut figures,
            )?;
        }
        if LOOKUP_SIZES.contains(&size) {
            measure_lookups(root, &cargo, &catalog, &out, &work, size, &mut figures)?;
        }
    }
    if !quick {
        measure_xtask_build(root, &cargo, &work, &mut figures)?;
    }
    let report = report(&figures, quick);
    let path = root.join("BENCHMARKS.md");
    fs::write(&path, report).map_err(|error| format!("error: {}: {error}", path.display()))?;
    eprintln!("bench: wrote BENCHMARKS.md");
    Ok(())
}

/// `gen` into an empty directory, the parse floor, a no-op `gen`, peak memory.
fn measure_gen(
    xtask: &Path,
    catalog: &Path,
    out: &Path,
    size: usize,
    runs: usize,
    figures: &mut Figures,
) -> Result<(), String> {
    let mut cold = Vec::new();
    let mut peak_kb = 0;
    for _ in 0..runs {
        let _ = fs::remove_dir_all(out);
        let (elapsed, peak) = timed_with_peak_memory(
            Command::new(xtask)
                .args(["gen", "--catalog"])
                .arg(catalog)
                .arg("--out")
                .arg(out),
        )?;
        cold.push(elapsed);
        peak_kb = peak_kb.max(peak);
    }
    let mut parse = Vec::new();
    for _ in 0..runs {
        parse.push(
            timed(
                Command::new(xtask)
                    .args(["parse-only", "--catalog"])
                    .arg(catalog),
            )?
            .0,
        );
    }
    let mut no_op = Vec::new();
    let mut written = 0;
    for _ in 0..runs {
        let before = modification_times(out)?;
        let (elapsed, _, _) = timed(
            Command::new(xtask)
                .args(["gen", "--catalog"])
                .arg(catalog)
                .arg("--out")
                .arg(out),
        )?;
        no_op.push(elapsed);
        let after = modification_times(out)?;
        let rewritten = after
            .iter()
            .filter(|(path, modified)| before.get(*path) != Some(modified))
            .count();
        written = written.max(rewritten);
    }
    let (cold, parse, no_op) = (median(cold), median(parse), median(no_op));
    figures.gen_times.push((size, cold));
    let _ = writeln!(
        figures.gen_rows,
        "| {size} | {runs} | {} | {} | {:.1}× | {} | {written} | {:.0} MB |",
        ms(cold),
        ms(parse),
        cold.as_secs_f64() / parse.as_secs_f64(),
        ms(no_op),
        peak_kb as f64 / 1024.0
    );
    Ok(())
}

/// Cold `cargo check` and `cargo build` of the generated crate, `cargo check`
/// of the match-in-every-method design, and `tsc` over the definitions.
#[allow(clippy::too_many_arguments)]
fn measure_compile(
    root: &Path,
    cargo: &str,
    catalog: &Path,
    out: &Path,
    work: &Path,
    size: usize,
    runs: usize,
    figures: &mut Figures,
) -> Result<(), String> {
    let loaded = load(catalog)?;
    let match_design = work.join(format!("match-design-{size}"));
    write_crate(
        &match_design,
        "match-design",
        "",
        &baselines::match_design_library(&loaded),
    )?;
    let cold = |manifest: &Path, verb: &str, target: &Path| -> Result<Duration, String> {
        let _ = fs::remove_dir_all(target);
        Ok(timed(
            Command::new(cargo)
                .args([verb, "--quiet", "--manifest-path"])
                .arg(manifest)
                .arg("--target-dir")
                .arg(target),
        )?
        .0)
    };
    let manifest = out.join("rust/Cargo.toml");
    let target = work.join(format!("crate-target-{size}"));
    let (mut check, mut build, mut match_check) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        check.push(cold(&manifest, "check", &target)?);
        build.push(cold(&manifest, "build", &target)?);
        match_check.push(cold(&match_design.join("Cargo.toml"), "check", &target)?);
    }
    let tsc = root.join("xtask/js/node_modules/typescript-5.8/bin/tsc");
    let mut typescript = Vec::new();
    for _ in 0..runs {
        typescript.push(
            timed(
                Command::new("node")
                    .arg(&tsc)
                    .args([
                        "--noEmit",
                        "--strict",
                        "--skipLibCheck",
                        "false",
                        "index.d.ts",
                    ])
                    .current_dir(out.join("typescript")),
            )?
            .0,
        );
    }
    let (check, match_check) = (median(check), median(match_check));
    let _ = writeln!(
        figures.compile_rows,
        "| {size} | {} | {} | {} | {:.2}× | {} |",
        seconds(check),
        seconds(median(build)),
        seconds(match_check),
        check.as_secs_f64() / match_check.as_secs_f64(),
        seconds(median(typescript))
    );
    Ok(())
}

/// The divan benchmark of `xtask/fixtures/lookup-bench` against this size's
/// generated crate and hand-written baseline.
fn measure_lookups(
    root: &Path,
    cargo: &str,
    catalog: &Path,
    out: &Path,
    work: &Path,
    size: usize,
    figures: &mut Figures,
) -> Result<(), String> {
    eprintln!("bench: lookups at {size} entries against a hand-written match (divan)");
    let loaded = load(catalog)?;
    let crate_name = &loaded.package.name;
    let dir = work.join(format!("lookups-{size}"));
    let dependencies = format!(
        "status = {{ package = {crate_name:?}, path = {:?} }}\n\n[dev-dependencies]\ndivan = \"0.1\"\n\n[[bench]]\nname = \"lookups\"\nharness = false\n",
        out.join("rust").to_string_lossy()
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
    fs::copy(
        root.join("xtask/fixtures/lookup-bench/lookups.rs"),
        benches.join("lookups.rs"),
    )
    .map_err(|error| format!("error: copying the lookup benchmark: {error}"))?;
    let (_, _, divan) = timed(
        Command::new(cargo)
            .args(["bench", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(root.join("target/lookup-bench")),
    )?;
    let table: String = divan
        .lines()
        .skip_while(|line| !line.starts_with("lookups"))
        .take_while(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    let _ = write!(
        figures.lookups,
        "{size} entries:\n\n```text\n{table}```\n\n"
    );
    Ok(())
}

/// A fresh clone's first `cargo xtask`: the xtask and its dependencies built
/// from nothing in the dev profile, and the number of crates in its graph.
fn measure_xtask_build(
    root: &Path,
    cargo: &str,
    work: &Path,
    figures: &mut Figures,
) -> Result<(), String> {
    eprintln!("bench: cold build of the xtask");
    let target = work.join("xtask-cold");
    let _ = fs::remove_dir_all(&target);
    let (elapsed, _, _) = timed(
        Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "--locked",
                "-p",
                "xtask",
                "--target-dir",
            ])
            .arg(&target)
            .current_dir(root),
    )?;
    let _ = fs::remove_dir_all(&target);
    figures.xtask_cold_build = Some(elapsed);
    let (_, _, tree) = timed(
        Command::new(cargo)
            .args([
                "tree", "--locked", "-p", "xtask", "-e", "normal", "--prefix", "none",
            ])
            .current_dir(root),
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

/// A throwaway crate under `target/bench`: its own workspace, `src/lib.rs`.
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
    let time_at = |size: usize| {
        figures
            .gen_times
            .iter()
            .find(|(at, _)| *at == size)
            .map(|(_, time)| time.as_secs_f64())
    };
    let growth = match (time_at(10_000), time_at(100_000)) {
        (Some(ten), Some(hundred)) => format!(
            "From 10,000 to 100,000 entries (10× the entries) `gen` takes {:.1}× the time.\n\n",
            hundred / ten
        ),
        _ => String::new(),
    };
    let xtask_build = match figures.xtask_cold_build {
        Some(time) => format!(
            "## The xtask's own build\n\n\
A fresh clone's first `cargo xtask …` builds the xtask and its dependencies (dev profile, \
`cargo build -p xtask` into an empty target directory): **{}** on this machine. \
Its dependency graph has {} crates (`cargo tree -p xtask -e normal --prefix none | sort -u | wc -l`).\n\n",
            seconds(time),
            figures.xtask_crates
        ),
        None => String::new(),
    };
    format!(
        "# Benchmarks\n\n\
Written by `cargo xtask bench{quick}` on {date}; run it again to refresh every figure. Machine: {cores} cores, {memory} of memory. \
Whole-process times are medians of several runs (the *runs* column) of the release binary, all taken in the same run of the command; \
ratios compare figures of that one run.\n\n\
## `cargo xtask gen`\n\n\
`gen` writes into an empty directory; *parse* is serde-saphyr alone parsing the same catalog (`xtask parse-only --catalog PATH`, the floor); \
*no-op* is a second `gen` with nothing changed, and *written* the number of files it wrote. 30 entries is the real catalog; \
the others come from `cargo xtask synth --entries N` (from 64,537 entries on, codes go beyond `u16`).\n\n\
| entries | runs | gen | parse | gen ÷ parse | no-op gen | written by no-op | peak memory |\n\
| --- | --- | --- | --- | --- | --- | --- | --- |\n\
{gen_rows}\n\
{growth}\
## The generated outputs\n\n\
A cold `cargo check` and `cargo build` of the generated crate (its own target directory each time); a cold `cargo check` of the \
design it replaced, the same enum with a `match` over every status in each method (written by `xtask/src/bench/baselines.rs`, \
with the same variant docs); and `tsc --noEmit --strict` (TypeScript 5.8) over the generated definitions.\n\n\
| entries | cargo check | cargo build | match design: cargo check | check ÷ match design | tsc |\n\
| --- | --- | --- | --- | --- | --- |\n\
{compile_rows}\n\
## Lookups in the generated crate\n\n\
Each size's generated crate against a hand-written `match` over the same codes and messages \
(`xtask/fixtures/lookup-bench/lookups.rs`, divan, release build). Times are per batch: 32 known codes spread over the table \
and 4 unknown ones; 8 messages and 1 unknown; one `Display`.\n\n\
{lookups}\
{xtask_build}",
        quick = if quick { " --quick" } else { "" },
        date = codegen::release::record::today(),
        gen_rows = figures.gen_rows,
        compile_rows = figures.compile_rows,
        lookups = figures.lookups,
    )
}

fn timed(command: &mut Command) -> Result<(Duration, String, String), String> {
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|error| format!("error: cannot run {command:?}: {error}"))?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "error: {command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok((
        elapsed,
        String::from_utf8_lossy(&output.stderr).into_owned(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

fn run_status(command: &mut Command) -> Result<(), String> {
    timed(command).map(drop)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> String {
    format!("{:.0} ms", duration.as_secs_f64() * 1000.0)
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

/// Runs `command` to its end, as [`timed`], and returns its wall time and
/// its peak resident memory in kB, which the kernel reports to the parent
/// that reaps it (`wait4`): measured from outside, so `gen` carries no hook.
fn timed_with_peak_memory(command: &mut Command) -> Result<(Duration, u64), String> {
    use std::process::Stdio;
    let started = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("error: cannot run {command:?}: {error}"))?;
    let pid = libc::pid_t::try_from(child.id()).map_err(|error| error.to_string())?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in; all-zero bytes
    // are a valid value of it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for (`child` is only
    // dropped, never waited on), and both pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    drop(child);
    if reaped != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("error: {command:?} failed (status {status})"));
    }
    // Linux reports `ru_maxrss` in kilobytes.
    Ok((elapsed, u64::try_from(usage.ru_maxrss).unwrap_or(0)))
}

/// Every file under `dir` with its modification time.
fn modification_times(
    dir: &Path,
) -> Result<std::collections::BTreeMap<PathBuf, std::time::SystemTime>, String> {
    let mut times = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let items = fs::read_dir(&current)
            .map_err(|error| format!("error: {}: {error}", current.display()))?;
        for item in items {
            let path = item.map_err(|error| error.to_string())?.path();
            let metadata = fs::metadata(&path)
                .map_err(|error| format!("error: {}: {error}", path.display()))?;
            if metadata.is_dir() {
                pending.push(path);
            } else if let Ok(modified) = metadata.modified() {
                times.insert(path, modified);
            }
        }
    }
    Ok(times)
}
