//! `cargo xtask`: the commands around `catalog.yaml`.
//!
//! Exit status: 0 on success, 1 when the catalog is broken, `generated/` is
//! stale or a step fails, 2 on a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod explain;
mod synth;
mod test;

use clap::{Args, Parser, Subcommand};
use codegen::diagnostic::render_all;
use codegen::write::{self, Stale};
use codegen::{Failure, release};

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
    /// Record a release: prepend its changes to CHANGELOG.md and write catalog.lock.
    Release {
        /// The catalog to release [default: catalog.yaml at the workspace root]
        #[arg(long, value_name = "PATH")]
        catalog: Option<PathBuf>,
    },
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
    /// Measure gen and its outputs at several sizes, beside tighterror;
    /// writes BENCHMARKS.md and BENCHMARKS.svg (built on first use).
    Bench {
        /// Fewer sizes and runs, for trying the command out
        #[arg(long)]
        quick: bool,
    },
    /// Parse a catalog's YAML and nothing else (the floor `bench` compares gen with).
    #[command(hide = true)]
    ParseOnly {
        #[arg(long, value_name = "PATH")]
        catalog: PathBuf,
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
    fn catalog(&self) -> Result<PathBuf, String> {
        match &self.catalog {
            Some(path) => Ok(path.clone()),
            None => Ok(workspace_root()?.join("catalog.yaml")),
        }
    }

    fn out(&self) -> Result<PathBuf, String> {
        match &self.out {
            Some(path) => Ok(path.clone()),
            None => Ok(workspace_root()?.join("generated")),
        }
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

/// The checkout this command was run in, found at run time: `cargo xtask`
/// (an alias of `cargo run`) sets `CARGO_MANIFEST_DIR` to this checkout's
/// `xtask/`. A path compiled in (`env!`) would name whichever checkout
/// built the binary first, and Cargo reuses that binary for every checkout
/// of the workspace that shares a target directory.
fn workspace_root() -> Result<PathBuf, String> {
    let run_it_right = "run this as `cargo xtask …` inside the checkout";
    let xtask_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| format!("error: CARGO_MANIFEST_DIR is not set: {run_it_right}"))?;
    // Inherited from some other cargo process, it would name another package.
    match xtask_dir.parent() {
        Some(root) if xtask_dir.ends_with("xtask") && root.join("Cargo.toml").is_file() => {
            Ok(root.to_path_buf())
        }
        _ => Err(format!(
            "error: CARGO_MANIFEST_DIR ({}) is not the xtask of a workspace: {run_it_right}",
            xtask_dir.display()
        )),
    }
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
        Task::Release { catalog } => release(&Paths { catalog, out: None }).map_err(Failed::from),
        Task::Test { list: true, .. } => {
            print!("{}", test::list());
            Ok(())
        }
        Task::Test { list: false, steps } => workspace_root()
            .and_then(|root| test::run(&root, &steps))
            .map_err(Failed::from),
        Task::Bench { quick } => bench(quick),
        Task::ParseOnly { catalog } => parse_only(&catalog).map_err(Failed::from),
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
    let bytes = read_catalog(paths)?;
    let out = paths.out()?;
    // The releases so far: each code's first version, and the released
    // codes that must stay listed (`check` would refuse the result).
    let released = read_lock(paths)?;
    let (checked, files) =
        codegen::generate_with(&bytes, released.as_ref(), codegen::render::RENDERERS)
            .map_err(|failure| failure_message(failure, paths, &bytes))?;
    let catalog = &checked.catalog;
    if let Some(released) = &released {
        refuse_unretired_removals(paths, &bytes, released, catalog)?;
    }
    let report = write::write(&out, &files, &mut |notice| lock_notice(&out, notice))
        .map_err(|error| failure_message(Failure::Write(error), paths, &bytes))?;
    for path in &report.written {
        println!("wrote {path}");
    }
    for path in &report.removed {
        println!("removed {path}");
    }
    for path in &report.replaced_edits {
        eprintln!(
            "warning: {path} had been edited by hand; it is generated, so gen replaced it (edit the catalog instead)"
        );
    }
    for path in &report.kept_edited {
        eprintln!(
            "warning: {path} is no longer generated but was edited since gen wrote it; gen left it in place and no longer manages it: move or delete it"
        );
    }
    let warnings = codegen::translation::review(catalog).len();
    if warnings > 0 {
        eprintln!(
            "{warnings} translation warning{}: `cargo xtask check` lists them",
            if warnings == 1 { "" } else { "s" }
        );
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

/// What the output directory's lock says, for the person at the terminal.
fn lock_notice(out: &Path, notice: write::LockNotice) {
    match notice {
        write::LockNotice::Waiting => eprintln!(
            "waiting: another `cargo xtask gen` or `check` is using {}",
            out.display()
        ),
        write::LockNotice::Unsupported => eprintln!(
            "warning: the filesystem of {} cannot lock files; going on unlocked, so do not run two gens on it at once",
            out.display()
        ),
    }
}

/// `cargo run` of one of the workspace's packages that the xtask does not
/// link, so that their dependencies are built only for those who use them.
fn package(root: &Path, name: &str) -> std::process::Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = std::process::Command::new(cargo);
    command
        .args(["run", "--quiet", "--package", name, "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .arg("--");
    command
}

/// Runs a package's command; it reports its own failures.
fn run_package(mut command: std::process::Command, what: &str) -> Result<(), Failed> {
    let status = command
        .status()
        .map_err(|error| format!("error: cannot run {what}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failed::Reported)
    }
}

/// Runs the importer (`xtask/import`, whose HTML parser only importing needs).
fn import(
    lang: &[String],
    catalog: Option<PathBuf>,
    out: Option<PathBuf>,
    dry_run: bool,
) -> Result<(), Failed> {
    let root = workspace_root()?;
    let mut command = package(&root, "catalog-import");
    command
        .arg("--catalog")
        .arg(catalog.unwrap_or_else(|| root.join("catalog.yaml")));
    for pair in lang.chunks(2) {
        command.arg("--lang").args(pair);
    }
    if let Some(out) = out {
        command.arg("--out").arg(out);
    }
    if dry_run {
        command.arg("--dry-run");
    }
    run_package(command, "the importer")
}

/// Runs the bench (`xtask/bench`, whose chart library only measuring needs).
fn bench(quick: bool) -> Result<(), Failed> {
    let root = workspace_root()?;
    let mut command = package(&root, "catalog-bench");
    command.arg("--root").arg(&root);
    if quick {
        command.arg("--quick");
    }
    run_package(command, "the bench")
}

/// `catalog.lock` beside the catalog, if there is one.
fn read_lock(paths: &Paths) -> Result<Option<release::Lock>, String> {
    release::record::read_lock(&release_dir(paths)?).map_err(|error| format!("error: {error}"))
}

/// Where the catalog's release files are: beside it.
fn release_dir(paths: &Paths) -> Result<PathBuf, String> {
    let catalog = paths.catalog()?;
    Ok(catalog.parent().unwrap_or(Path::new(".")).to_path_buf())
}

/// Released codes that are neither entries nor listed as retired, as
/// rendered diagnostics with their count; `None` when there are none.
fn unretired_removals(
    paths: &Paths,
    bytes: &[u8],
    released: &release::Lock,
    catalog: &codegen::catalog::Catalog,
) -> Option<(usize, String)> {
    let unretired = release::unretired_removals(released, catalog);
    if unretired.is_empty() {
        return None;
    }
    let source = String::from_utf8_lossy(bytes);
    Some((
        unretired.len(),
        render_all(&unretired, &paths.catalog_label(), &source),
    ))
}

/// `gen` refuses a catalog that dropped a released code.
fn refuse_unretired_removals(
    paths: &Paths,
    bytes: &[u8],
    released: &release::Lock,
    catalog: &codegen::catalog::Catalog,
) -> Result<(), String> {
    match unretired_removals(paths, bytes, released, catalog) {
        None => Ok(()),
        Some((count, rendered)) => Err(format!(
            "{rendered}\nerror: {count} released code{} removed without being retired; nothing was written",
            if count == 1 { " was" } else { "s were" }
        )),
    }
}

/// `cargo xtask release`: records the release in CHANGELOG.md and
/// catalog.lock, or says why not (`codegen::release::record`).
fn release(paths: &Paths) -> Result<(), String> {
    let bytes = read_catalog(paths)?;
    let catalog = codegen::load_catalog(&bytes).map_err(|diagnostics| {
        catalog_problems(diagnostics, paths, &bytes, "nothing was released")
    })?;
    let released = read_lock(paths)?;
    let dir = release_dir(paths)?;
    let source = String::from_utf8_lossy(&bytes);
    let label = paths.catalog_label();
    let section = release::record::record(&dir, released.as_ref(), &catalog, &release::record::today())
        .map_err(|refusal| match refusal {
            release::record::Refusal::Unretired(problems) => format!(
                "{}\nerror: a released code was removed without being retired; nothing was released",
                render_all(&problems, &label, &source)
            ),
            release::record::Refusal::TooLow(problem) => format!(
                "{}\nerror: raise package.version in {label}, then run `cargo xtask release` again; nothing was released",
                render_all(&[problem], &label, &source)
            ),
            release::record::Refusal::NotAbove { version, released } => format!(
                "error: version {version} is not above the last release, {released}, and nothing changed since; nothing was released"
            ),
            release::record::Refusal::File(error) => {
                format!("error: {error}; nothing was released")
            }
        })?;
    println!(
        "release {}: wrote {} and {}",
        catalog.package.version.value,
        release::record::CHANGELOG_FILE,
        release::LOCK_FILE
    );
    print!("{section}");
    Ok(())
}

fn explain_entry(paths: &Paths, query: &str, lang: Option<&str>) -> Result<(), String> {
    let bytes = read_catalog(paths)?;
    // Without a readable lock, the entry is still explained (without the
    // versions that only the lock knows).
    let released = read_lock(paths).unwrap_or_else(|message| {
        eprintln!("{message}");
        None
    });
    let checked = codegen::check_with(&bytes, released.as_ref())
        .map_err(|diagnostics| catalog_problems(diagnostics, paths, &bytes, ""))?;
    print!("{}", explain::explain(&checked.model, query, lang)?);
    Ok(())
}

fn parse_only(catalog: &Path) -> Result<(), String> {
    let bytes = codegen::read::read_limited(catalog, codegen::load::limits::MAX_BYTES)
        .map_err(|error| format!("error: {}: {error}", catalog.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|error| format!("error: {}: {error}", catalog.display()))?;
    codegen::load::parse_only(&text)
        .map_err(|problem| format!("{}:{}: {}", catalog.display(), problem.at, problem.message))
}

/// The catalog's bytes, never more than the parser's limit whatever the
/// path is (a pipe, a device): memory stays bounded by the limit.
fn read_catalog(paths: &Paths) -> Result<Vec<u8>, String> {
    let label = paths.catalog_label();
    let limit = codegen::load::limits::MAX_BYTES;
    codegen::read::read_limited(&paths.catalog()?, limit).map_err(|error| {
        if error.kind() == std::io::ErrorKind::FileTooLarge {
            format!("{label}:1:1: the catalog is over the limit of {limit} bytes; it was not read further")
        } else {
            format!("error: cannot read {label}: {error}")
        }
    })
}

/// Every problem of a broken catalog, then a summary line ending in `outcome`.
fn catalog_problems(
    diagnostics: Vec<codegen::diagnostic::Diagnostic>,
    paths: &Paths,
    bytes: &[u8],
    outcome: &str,
) -> String {
    let label = paths.catalog_label();
    let source = String::from_utf8_lossy(bytes);
    let count = diagnostics.len();
    format!(
        "{}\nerror: {label} has {count} problem{}{}{outcome}",
        render_all(&diagnostics, &label, &source),
        if count == 1 { "" } else { "s" },
        if outcome.is_empty() { "" } else { "; " }
    )
}

/// The message for a failed run: every catalog problem, or the one failure.
fn failure_message(failure: Failure, paths: &Paths, bytes: &[u8]) -> String {
    match failure {
        Failure::Catalog(diagnostics) => {
            catalog_problems(diagnostics, paths, bytes, "nothing was written")
        }
        Failure::Render(error) => format!("error: {error}; nothing was written"),
        Failure::Write(error) => format!("error: {error}"),
    }
}

/// `cargo xtask check`: fails when the output directory is not exactly
/// what the catalog produces, or a released code was dropped; reports
/// translations and the changes since the last release as information.
/// Every reason to fail is reported, each with its fix.
fn check(paths: &Paths) -> Result<(), String> {
    let bytes = read_catalog(paths)?;
    let out = paths.out()?;
    // The releases so far (each code's first version is in the outputs); a
    // lock that cannot be read is reported below, with every other failure.
    let lock = read_lock(paths);
    let (checked, files) = codegen::generate_with(
        &bytes,
        lock.as_ref().ok().and_then(Option::as_ref),
        codegen::render::RENDERERS,
    )
    .map_err(|failure| failure_message(failure, paths, &bytes))?;
    let catalog = &checked.catalog;
    let coverage = checked
        .model
        .coverage()
        .into_iter()
        .map(|(tag, translated, total)| format!("{tag}: {translated}/{total} entries"))
        .collect::<Vec<_>>()
        .join(", ");
    // Errors of the translation gate refused the catalog above; what is
    // left are warnings.
    let warnings = codegen::translation::review(catalog);
    if !warnings.is_empty() {
        let source = String::from_utf8_lossy(&bytes);
        eprintln!("{}", render_all(&warnings, &paths.catalog_label(), &source));
    }
    println!(
        "translation coverage: {coverage}; {} translation warning{}",
        warnings.len(),
        if warnings.len() == 1 { "" } else { "s" }
    );

    let mut failures = Vec::new();
    match &lock {
        Ok(Some(released)) => {
            print!("{}", release::Status::of(released, catalog));
            if let Some((_, rendered)) = unretired_removals(paths, &bytes, released, catalog) {
                eprintln!("{rendered}");
                failures.push(
                    "a released code is neither an entry nor listed under `retired`: list it under `retired`, then run `cargo xtask gen`".to_owned(),
                );
            }
        }
        Ok(None) => {}
        Err(message) => {
            eprintln!("{message}");
            failures.push(format!("{} cannot be read: restore it", release::LOCK_FILE));
        }
    }

    let stale = match write::check(&out, &files, &mut |notice| lock_notice(&out, notice)) {
        Ok(stale) => stale,
        Err(error) => {
            eprintln!("error: {error}");
            failures.push(format!(
                "{} cannot be compared: see above",
                paths.out_label()
            ));
            Vec::new()
        }
    };
    // What gen repairs, and what only the directory's owner can.
    let (for_gen, for_owner): (Vec<_>, Vec<_>) = stale.iter().partition(|problem| {
        !matches!(
            problem,
            Stale::NotGenerated { .. } | Stale::Leftover { edited: true, .. }
        )
    });
    for problem in &stale {
        match problem {
            Stale::Missing { path } => eprintln!("missing: {path}"),
            Stale::Leftover {
                path,
                edited: false,
            } => eprintln!("no longer generated, still present: {path}"),
            Stale::Leftover { path, edited: true } => eprintln!(
                "no longer generated, and edited since gen wrote it (gen keeps it): {path}"
            ),
            Stale::Differs { path, diff } => eprintln!("stale: {path}\n{diff}"),
            Stale::Temporary { path } => eprintln!("left by an interrupted gen: {path}"),
            Stale::NotGenerated { path } => eprintln!("not generated: {path}"),
        }
    }
    let plural = |count: usize| if count == 1 { "" } else { "s" };
    if !for_gen.is_empty() {
        failures.push(format!(
            "{} file{} in {} differ{} from what {} produces: run `cargo xtask gen`",
            for_gen.len(),
            plural(for_gen.len()),
            paths.out_label(),
            if for_gen.len() == 1 { "s" } else { "" },
            paths.catalog_label()
        ));
    }
    if !for_owner.is_empty() {
        failures.push(format!(
            "{} file{} in {} {} not written by gen, or edited since: move {} out ({} holds only what gen writes)",
            for_owner.len(),
            plural(for_owner.len()),
            paths.out_label(),
            if for_owner.len() == 1 { "was" } else { "were" },
            if for_owner.len() == 1 { "it" } else { "them" },
            paths.out_label(),
        ));
    }
    if failures.is_empty() {
        println!(
            "check: {} is up to date with {}",
            paths.out_label(),
            paths.catalog_label()
        );
        return Ok(());
    }
    Err(format!(
        "error: check failed:\n{}",
        failures
            .iter()
            .map(|failure| format!("  - {failure}\n"))
            .collect::<String>()
            .trim_end()
    ))
}
