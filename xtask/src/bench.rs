//! `cargo xtask bench`: measures `gen` and its outputs at several catalog
//! sizes and writes `BENCHMARKS.md`.
//!
//! Whole-process figures are medians of several runs of the release binary,
//! taken in one run of this command so that ratios compare like with like
//! (these machines are shared and noisy). Peak memory is the child's own
//! `VmHWM`, which it prints when `XTASK_REPORT_PEAK_MEMORY` is set.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Catalog sizes: the real catalog, then synthetic ones.
const SIZES: &[usize] = &[30, 1_000, 10_000];
/// Sizes at which the generated crate and definitions are compiled.
const COMPILE_SIZES: &[usize] = &[1_000, 10_000];
const RUNS: usize = 5;
const COMPILE_RUNS: usize = 3;

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
    let runs = if quick { 3 } else { RUNS };

    let mut gen_rows = String::new();
    let mut compile_rows = String::new();
    for &size in &sizes {
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
        let mut cold = Vec::new();
        let mut peak_kb = 0;
        for _ in 0..runs {
            let _ = fs::remove_dir_all(&out);
            let (elapsed, stderr, _) = timed(
                Command::new(&xtask)
                    .args(["gen", "--catalog"])
                    .arg(&catalog)
                    .arg("--out")
                    .arg(&out)
                    .env("XTASK_REPORT_PEAK_MEMORY", "1"),
            )?;
            cold.push(elapsed);
            peak_kb = peak_kb.max(peak_memory_kb(&stderr));
        }
        let mut parse = Vec::new();
        for _ in 0..runs {
            parse.push(
                timed(
                    Command::new(&xtask)
                        .args(["parse-only", "--catalog"])
                        .arg(&catalog),
                )?
                .0,
            );
        }
        let mut no_op = Vec::new();
        let mut written = 0;
        for _ in 0..runs {
            let (elapsed, _, stdout) = timed(
                Command::new(&xtask)
                    .args(["gen", "--catalog"])
                    .arg(&catalog)
                    .arg("--out")
                    .arg(&out),
            )?;
            no_op.push(elapsed);
            written = written.max(files_written(&stdout));
        }
        let (cold, parse, no_op) = (median(cold), median(parse), median(no_op));
        let _ = writeln!(
            gen_rows,
            "| {size} | {} | {} | {:.1}× | {} | {written} | {:.0} MB |",
            ms(cold),
            ms(parse),
            cold.as_secs_f64() / parse.as_secs_f64(),
            ms(no_op),
            peak_kb as f64 / 1024.0
        );
        if COMPILE_SIZES.contains(&size) {
            let compile_runs = if quick { 1 } else { COMPILE_RUNS };
            let manifest = out.join("rust/Cargo.toml");
            let target = work.join(format!("crate-target-{size}"));
            let mut check = Vec::new();
            let mut build = Vec::new();
            for _ in 0..compile_runs {
                for (times, verb) in [(&mut check, "check"), (&mut build, "build")] {
                    let _ = fs::remove_dir_all(&target);
                    times.push(
                        timed(
                            Command::new(&cargo)
                                .args([verb, "--quiet", "--manifest-path"])
                                .arg(&manifest)
                                .arg("--target-dir")
                                .arg(&target),
                        )?
                        .0,
                    );
                }
            }
            let tsc = root.join("xtask/js/node_modules/typescript-5.8/bin/tsc");
            let mut typescript = Vec::new();
            for _ in 0..compile_runs {
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
            let _ = writeln!(
                compile_rows,
                "| {size} | {} | {} | {} |",
                seconds(median(check)),
                seconds(median(build)),
                seconds(median(typescript))
            );
        }
    }
    eprintln!("bench: lookups against a hand-written match (divan)");
    let (_, _, divan) = timed(
        Command::new(&cargo)
            .args([
                "bench",
                "--quiet",
                "--manifest-path",
                "xtask/fixtures/lookup-bench/Cargo.toml",
                "--target-dir",
                "target/lookup-bench",
            ])
            .current_dir(root),
    )?;
    let lookups: String = divan
        .lines()
        .skip_while(|line| !line.starts_with("lookups"))
        .take_while(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    let report = report(&gen_rows, &compile_rows, &lookups, runs, quick);
    let path = root.join("BENCHMARKS.md");
    fs::write(&path, report).map_err(|error| format!("error: {}: {error}", path.display()))?;
    eprintln!("bench: wrote BENCHMARKS.md");
    Ok(())
}

fn report(gen_rows: &str, compile_rows: &str, lookups: &str, runs: usize, quick: bool) -> String {
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
    format!(
        "# Benchmarks\n\n\
Written by `cargo xtask bench{quick}` on {date}; run it again to refresh every figure. Machine: {cores} cores, {memory} of memory. \
Whole-process times are medians of {runs} runs of the release binary, all taken in the same run of the command.\n\n\
## `cargo xtask gen`\n\n\
`gen` writes into an empty directory; *parse* is serde-saphyr alone parsing the same catalog (`xtask parse-only`, the floor); \
*no-op* is a second `gen` with nothing changed, and *written* the number of files it wrote. 30 entries is the real catalog; \
the others come from `cargo xtask synth --entries N`.\n\n\
| entries | gen | parse | gen ÷ parse | no-op gen | written by no-op | peak memory |\n\
| --- | --- | --- | --- | --- | --- | --- |\n\
{gen_rows}\n\
## The generated outputs\n\n\
A cold `cargo check` and `cargo build` of the generated crate (its own target directory each time), and \
`tsc --noEmit --strict` (TypeScript 5.8) over the generated definitions.\n\n\
| entries | cargo check | cargo build | tsc |\n\
| --- | --- | --- | --- |\n\
{compile_rows}\n\
## Lookups in the generated crate\n\n\
The real catalog's crate against a hand-written `match` over the same codes \
(`xtask/fixtures/lookup-bench`, divan; times are per batch: 34 codes, 5 messages, 1 `Display`).\n\n\
```text\n{lookups}```\n\n\
Not measured yet (issue 8): 100,000 entries (codes are `u16`, so a catalog holds at most 65,536), \
lookups at 1,000 and 10,000 codes, and the cold build of the xtask.\n",
        quick = if quick { " --quick" } else { "" },
        date = today(),
    )
}

/// Today's date as `YYYY-MM-DD` (UTC), from `date`.
fn today() -> String {
    Command::new("date")
        .args(["-u", "+%F"])
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_else(|_| "an unknown date".to_owned())
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

/// `peak memory: N kB` as printed by a child run with `XTASK_REPORT_PEAK_MEMORY`.
fn peak_memory_kb(stderr: &str) -> u64 {
    stderr
        .lines()
        .find_map(|line| {
            line.strip_prefix("peak memory: ")?
                .strip_suffix(" kB")?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// `gen: W written, …` from `gen`'s summary line.
fn files_written(stdout: &str) -> usize {
    stdout
        .lines()
        .find_map(|line| line.strip_prefix("gen: ")?.split(' ').next()?.parse().ok())
        .unwrap_or(usize::MAX)
}

/// This process's peak resident memory, from `/proc/self/status`.
pub fn own_peak_memory_kb() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
