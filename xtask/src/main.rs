//! `cargo xtask`: the commands around `catalog.yaml`.
//!
//! Exit status: 0 on success, 1 when the catalog is broken, `generated/` is
//! stale or a step fails, 2 on a usage error.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

mod synth;

use clap::{Args, Parser, Subcommand};
use codegen::diagnostic::render_all;
use codegen::write::{self, Stale};
use codegen::{Failure, coverage};

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
    /// Run every test of the project, the generated crate's included.
    Test,
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

#[derive(Args)]
struct Paths {
    /// The catalog to read [default: catalog.yaml at the workspace root]
    #[arg(long, value_name = "PATH")]
    catalog: Option<PathBuf>,
    /// The output directory [default: generated/ at the workspace root]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

impl Paths {
    fn catalog(&self) -> PathBuf {
        self.catalog
            .clone()
            .unwrap_or_else(|| workspace_root().join("catalog.yaml"))
    }

    fn out(&self) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| workspace_root().join("generated"))
    }

    /// How messages name the output directory.
    fn out_label(&self) -> String {
        match &self.out {
            Some(path) => path.display().to_string(),
            None => "generated/".to_owned(),
        }
    }

    /// How diagnostics name the catalog: as the user gave it, or relative to
    /// the workspace root.
    fn catalog_label(&self) -> String {
        match &self.catalog {
            Some(path) => path.display().to_string(),
            None => "catalog.yaml".to_owned(),
        }
    }
}

fn workspace_root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Task::Gen(paths) => generate(&paths),
        Task::Check(paths) => check(&paths),
        Task::Test => test(),
        Task::Synth { entries, out } => synth::catalog(entries)
            .map_err(|error| format!("error: {error}"))
            .and_then(|text| {
                std::fs::write(&out, text)
                    .map_err(|error| format!("error: writing {}: {error}", out.display()))
            }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::FAILURE
        }
    }
}

fn generate(paths: &Paths) -> Result<(), String> {
    let started = Instant::now();
    let bytes = read_catalog(paths)?;
    let out = paths.out();
    let report = codegen::gen_into(&bytes, &out, codegen::render::RENDERERS)
        .map_err(|failure| explain(failure, paths, &bytes, &out))?;
    for path in &report.written {
        println!("wrote {path}");
    }
    for path in &report.removed {
        println!("removed {path}");
    }
    println!(
        "gen: {} written, {} unchanged, {} removed in {} ms",
        report.written.len(),
        report.unchanged.len(),
        report.removed.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}

fn read_catalog(paths: &Paths) -> Result<Vec<u8>, String> {
    std::fs::read(paths.catalog())
        .map_err(|error| format!("error: cannot read {}: {error}", paths.catalog_label()))
}

/// The message for a failed run: every catalog problem, or the one failure.
fn explain(failure: Failure, paths: &Paths, bytes: &[u8], out: &Path) -> String {
    let label = paths.catalog_label();
    match failure {
        Failure::Catalog(diagnostics) => {
            let source = String::from_utf8_lossy(bytes);
            let count = diagnostics.len();
            format!(
                "{}\nerror: {label} has {count} problem{}; nothing was written",
                render_all(&diagnostics, &label, &source),
                if count == 1 { "" } else { "s" }
            )
        }
        Failure::Render(error) => format!("error: {error}; nothing was written"),
        Failure::Io(error) => format!("error: writing {}: {error}", out.display()),
    }
}

fn check(paths: &Paths) -> Result<(), String> {
    let bytes = read_catalog(paths)?;
    let out = paths.out();
    let (catalog, files) =
        codegen::generate(&bytes).map_err(|failure| explain(failure, paths, &bytes, &out))?;
    let coverage = coverage(&catalog)
        .into_iter()
        .map(|(tag, translated, total)| format!("{tag}: {translated}/{total} entries"))
        .collect::<Vec<_>>()
        .join(", ");
    println!("translation coverage: {coverage}");
    let stale = write::check(&out, &files)
        .map_err(|error| format!("error: reading {}: {error}", out.display()))?;
    if stale.is_empty() {
        println!(
            "check: {} is up to date with {}",
            paths.out_label(),
            paths.catalog_label()
        );
        return Ok(());
    }
    for problem in &stale {
        match problem {
            Stale::Missing { path } => eprintln!("missing: {path}"),
            Stale::Leftover { path } => eprintln!("no longer generated, still present: {path}"),
            Stale::Differs { path, diff } => eprintln!("stale: {path}\n{diff}"),
        }
    }
    Err(format!(
        "error: {} file{} in {} differ from {}; run `cargo xtask gen`",
        stale.len(),
        if stale.len() == 1 { "" } else { "s" },
        paths.out_label(),
        paths.catalog_label()
    ))
}

/// Every test: the workspace's; the generated crate's lints, docs, tests and
/// packaging through its own manifest (it is not a workspace member, see
/// Cargo.toml); a downstream crate that uses it, under each feature set; and
/// the JavaScript tools (pinned in `xtask/js/package-lock.json`) over the
/// generated pages.
fn test() -> Result<(), String> {
    let generated = [
        "--manifest-path",
        "generated/rust/Cargo.toml",
        "--target-dir",
        "target/generated-crate",
    ];
    let downstream = [
        "--manifest-path",
        "xtask/fixtures/downstream-rust/Cargo.toml",
        "--target-dir",
        "target/downstream-rust",
    ];
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let steps: Vec<Step> = vec![
        Step::new(
            "workspace tests",
            &cargo,
            &["test", "--workspace", "--locked"],
        ),
        Step::new(
            "workspace clippy",
            &cargo,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
        ),
        Step::new(
            "generated crate: clippy",
            &cargo,
            &["clippy", "--all-targets", "--all-features"],
        )
        .args(&generated)
        .args(&["--", "-D", "warnings"]),
        Step::new(
            "generated crate: clippy without std",
            &cargo,
            &["clippy", "--no-default-features"],
        )
        .args(&generated)
        .args(&["--", "-D", "warnings"]),
        Step::new(
            "generated crate: docs",
            &cargo,
            &["doc", "--no-deps", "--all-features"],
        )
        .args(&generated)
        .env("RUSTDOCFLAGS", "-D warnings"),
        Step::new(
            "generated crate: tests and doctests",
            &cargo,
            &["test", "--all-features"],
        )
        .args(&generated),
        Step::new(
            "generated crate: cargo package",
            &cargo,
            &["package", "--allow-dirty", "--quiet"],
        )
        .args(&generated),
        Step::new("downstream crate: default features", &cargo, &["test"]).args(&downstream),
        Step::new(
            "downstream crate: serde",
            &cargo,
            &["test", "--features", "serde"],
        )
        .args(&downstream),
        Step::new(
            "downstream crate: no default features",
            &cargo,
            &["test", "--no-default-features"],
        )
        .args(&downstream),
        Step::new(
            "JavaScript tools: npm ci",
            "npm",
            &["ci", "--no-audit", "--no-fund"],
        )
        .dir("xtask/js"),
        Step::new(
            "pages: markdownlint",
            "xtask/js/node_modules/.bin/markdownlint-cli2",
            &[
                "--config",
                "xtask/js/markdownlint.jsonc",
                "generated/docs/**/*.md",
            ],
        ),
    ];
    ensure_npm()?;
    let root = workspace_root();
    for step in steps {
        eprintln!(
            "xtask test: {}: {} {}",
            step.name,
            step.program,
            step.args.join(" ")
        );
        let program = if step.program.contains('/') {
            root.join(&step.program)
        } else {
            PathBuf::from(&step.program)
        };
        let status = Command::new(program)
            .args(&step.args)
            .envs(step.env.iter().copied())
            .current_dir(root.join(step.dir))
            .status()
            .map_err(|error| format!("error: cannot run {}: {error}", step.program))?;
        if !status.success() {
            return Err(format!("error: {} failed", step.name));
        }
    }
    eprintln!("xtask test: every step passed");
    Ok(())
}

/// Node.js comes with the machine image; where it does not, Debian has it.
fn ensure_npm() -> Result<(), String> {
    let works = |program: &str| {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success())
    };
    if works("npm") {
        return Ok(());
    }
    eprintln!("xtask test: npm not found; installing Debian's nodejs and npm");
    let installed = Command::new("apt-get")
        .args(["update", "-qq"])
        .status()
        .is_ok_and(|status| status.success())
        && Command::new("apt-get")
            .args(["install", "-y", "-qq", "nodejs", "npm"])
            .status()
            .is_ok_and(|status| status.success());
    if installed && works("npm") {
        Ok(())
    } else {
        Err(
            "error: the tests need Node.js 20 or newer with npm; install them and run again"
                .to_owned(),
        )
    }
}

/// One command of `cargo xtask test`, run from the workspace root unless
/// `dir` says otherwise.
struct Step {
    name: &'static str,
    program: String,
    args: Vec<&'static str>,
    env: Vec<(&'static str, &'static str)>,
    dir: &'static str,
}

impl Step {
    fn new(name: &'static str, program: &str, args: &[&'static str]) -> Self {
        Step {
            name,
            program: program.to_owned(),
            args: args.to_vec(),
            env: Vec::new(),
            dir: ".",
        }
    }

    fn args(mut self, args: &[&'static str]) -> Self {
        self.args.extend_from_slice(args);
        self
    }

    fn env(mut self, key: &'static str, value: &'static str) -> Self {
        self.env.push((key, value));
        self
    }

    fn dir(mut self, dir: &'static str) -> Self {
        self.dir = dir;
        self
    }
}
