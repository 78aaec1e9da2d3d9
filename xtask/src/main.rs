//! `cargo xtask`: the commands around `catalog.yaml`.
//!
//! Exit status: 0 on success, 1 when the catalog is broken, `generated/` is
//! stale or a step fails, 2 on a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod explain;
mod packages;
mod paths;
mod report;
mod synth;
mod test;

use clap::{Parser, Subcommand};
use codegen::command;
use codegen::render::RENDERERS;
use packages::{bench, import};
use paths::{Paths, workspace_root};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Generate and check everything derived from catalog.yaml"
)]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate the output directory from the catalog.
    Gen(Paths),
    /// Fail when the output directory differs from what the catalog produces.
    Check(Paths),
    /// Print one entry of the catalog: by code, identifier or status message.
    Explain {
        /// A status code (433), an identifier (TimeLimitReached) or a message
        query: String,
        /// The language to show [default: the catalog's first]
        #[arg(long, value_name = "TAG")]
        lang: Option<String>,
        /// The catalog to read [default: catalog.yaml at the workspace root]
        #[arg(long, value_name = "PATH")]
        catalog: Option<PathBuf>,
    },
    /// Read HTML status-code tables into the catalog (built on first use).
    Import {
        /// A page and the language of its texts, as `--lang en PAGE.html`; repeat per language
        #[arg(long = "lang", num_args = 2, value_names = ["TAG", "PAGE"], required = true)]
        lang: Vec<String>,
        /// The catalog to merge into, or to create [default: catalog.yaml at the workspace root]
        #[arg(long, value_name = "PATH")]
        catalog: Option<PathBuf>,
        /// Where to write the result [default: the catalog itself]
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Report what would be added and what disagrees; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Record a release: prepend its changes to CHANGELOG.md, write
    /// catalog.lock, and bring the output directory in line with it.
    Release(Paths),
    /// Run every test of the project, the generated crate's included.
    Test {
        /// Print the steps, in order, and run nothing
        #[arg(long)]
        list: bool,
        /// Run only step N of `--list` (repeat for several); the steps it
        /// needs (the JavaScript tools, a generated fixture) are not run
        /// for it
        #[arg(long = "step", value_name = "N")]
        steps: Vec<usize>,
    },
    /// Measure gen and its outputs at several sizes, beside tighterror, and
    /// the site in a browser; writes BENCHMARKS.md and BENCHMARKS.svg
    /// (built on first use).
    Bench {
        /// Fewer sizes and runs, for trying the command out
        #[arg(long)]
        quick: bool,
        /// Only what readers of the site get (its pages in headless
        /// Chromium, the output's files); rewrites only that section of
        /// BENCHMARKS.md
        #[arg(long)]
        readers: bool,
    },
    /// Parse a catalog's YAML and nothing else (the floor `bench` compares gen with).
    #[command(hide = true)]
    ParseOnly {
        #[arg(long, value_name = "PATH")]
        catalog: PathBuf,
    },
    /// Write N files of 1 KiB with gen's writer, a hundred to a directory,
    /// and nothing else (what `bench` measures the writer's cost per file
    /// with).
    #[command(hide = true)]
    WriteOnly {
        #[arg(long, value_name = "N")]
        files: usize,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Write a synthetic catalog of N entries shaped like the real one.
    Synth {
        /// Number of entries
        #[arg(long, value_name = "N")]
        entries: usize,
        /// Where to write it
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

/// Why a command failed; `main` exits with status 1 after printing it.
enum Failed {
    /// Already reported on stderr (by the importer's own process).
    Reported,
    /// What to print on stderr.
    Message(String),
}

impl From<String> for Failed {
    fn from(message: String) -> Self {
        Failed::Message(message)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<(), Failed> = match cli.command {
        Task::Gen(paths) => generate(&paths).map_err(Failed::from),
        Task::Check(paths) => check(&paths).map_err(Failed::from),
        Task::Explain {
            query,
            lang,
            catalog,
        } => explain_entry(&Paths { catalog, out: None }, &query, lang.as_deref())
            .map_err(Failed::from),
        Task::Import {
            lang,
            catalog,
            out,
            dry_run,
        } => import(&lang, catalog, out, dry_run),
        Task::Release(paths) => release(&paths).map_err(Failed::from),
        Task::Test { list: true, .. } => {
            print!("{}", test::list());
            Ok(())
        }
        Task::Test { list: false, steps } => workspace_root()
            .and_then(|root| test::run(&root, &steps))
            .map_err(Failed::from),
        Task::Bench { quick, readers } => bench(quick, readers),
        Task::ParseOnly { catalog } => parse_only(&catalog).map_err(Failed::from),
        Task::WriteOnly { files, out } => write_only(files, &out).map_err(Failed::from),
        Task::Synth { entries, out } => synth::catalog(entries)
            .map_err(|error| format!("error: {error}"))
            .and_then(|text| {
                std::fs::write(&out, text)
                    .map_err(|error| format!("error: writing {}: {error}", out.display()))
            })
            .map_err(Failed::from),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed::Reported) => ExitCode::FAILURE,
        Err(Failed::Message(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn generate(paths: &Paths) -> Result<(), String> {
    let started = Instant::now();
    let (sources, out) = (paths.open()?, paths.out()?);
    let report = command::generate(sources, &out, RENDERERS, &mut |notice| {
        report::lock_notice(&out, notice)
    })
    .map_err(|error| error.to_string())?;
    report::generated(&report, started.elapsed());
    Ok(())
}

/// `cargo xtask check`: fails when the output directory is not exactly
/// what the catalog produces, or a released code was dropped.
fn check(paths: &Paths) -> Result<(), String> {
    let (sources, out) = (paths.open()?, paths.out()?);
    let report = command::check(&sources, &out, RENDERERS, &mut |notice| {
        report::lock_notice(&out, notice)
    })
    .map_err(|error| error.to_string())?;
    report::checked(&report, &paths.catalog_label(), &paths.out_label())
}

/// `cargo xtask release`: records the release in CHANGELOG.md and
/// catalog.lock and brings the output directory in line, or says why not.
fn release(paths: &Paths) -> Result<(), String> {
    let (sources, out) = (paths.open()?, paths.out()?);
    let date = codegen::release::record::today();
    let report = command::release(&sources, &out, RENDERERS, &date, &mut |notice| {
        report::lock_notice(&out, notice)
    })
    .map_err(|error| error.to_string())?;
    report::released(&report, &paths.out_label());
    Ok(())
}

fn explain_entry(paths: &Paths, query: &str, lang: Option<&str>) -> Result<(), String> {
    let explanation =
        command::explain(&paths.open()?, query, lang).map_err(|error| error.to_string())?;
    if let Some(error) = &explanation.lock_error {
        eprintln!("error: {error}");
    }
    print!("{}", explain::explain(&explanation)?);
    Ok(())
}

/// `count` files of 1 KiB each, distinct and deterministic, written into
/// `out` by the writer `gen` uses.
fn write_only(count: usize, out: &Path) -> Result<(), String> {
    let files: Vec<codegen::output::GeneratedFile> = (0..count)
        .map(|number| {
            let line = format!("file {number} of {count}\n");
            let contents = line.repeat(1024 / line.len() + 1)[..1024].to_owned();
            codegen::output::GeneratedFile::new(
                format!("files/{}/{number}.txt", number / 100),
                contents,
            )
        })
        .collect();
    codegen::write::write(out, &files, &mut |_| {})
        .map(drop)
        .map_err(|error| format!("error: {error}"))
}

fn parse_only(catalog: &Path) -> Result<(), String> {
    let bytes = codegen::read::read_limited(catalog, codegen::load::limits::MAX_BYTES)
        .map_err(|error| format!("error: {}: {error}", catalog.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|error| format!("error: {}: {error}", catalog.display()))?;
    codegen::load::parse_only(&text)
        .map_err(|problem| format!("{}:{}: {}", catalog.display(), problem.at, problem.message))
}
