//! The commands' reports, worded for the person at the terminal: what was
//! done on stdout, warnings and failures on stderr.

use std::path::Path;
use std::time::Duration;

use codegen::command::{CheckFailure, CheckReport, GenReport, ReleaseReport};
use codegen::write::{LockNotice, Stale, WriteReport};

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// What the output directory's lock says.
pub fn lock_notice(out: &Path, notice: LockNotice) {
    match notice {
        LockNotice::Waiting => eprintln!(
            "waiting: another `cargo xtask gen` or `check` is using {}",
            out.display()
        ),
        LockNotice::Unsupported => eprintln!(
            "warning: the filesystem of {} cannot lock files; going on unlocked, so do not run two gens on it at once",
            out.display()
        ),
    }
}

/// Each file written or removed, and the edits `gen` replaced or left.
fn written(report: &WriteReport) {
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
}

pub fn generated(report: &GenReport, took: Duration) {
    written(&report.written);
    let warnings = report.translation_warnings.len();
    if warnings > 0 {
        eprintln!(
            "{warnings} translation warning{}: `cargo xtask check` lists them",
            plural(warnings)
        );
    }
    let files = &report.written;
    println!(
        "gen: {} written, {} unchanged, {} removed in {} ms",
        files.written.len(),
        files.unchanged.len(),
        files.removed.len(),
        took.as_millis()
    );
}

pub fn released(report: &ReleaseReport, out: &str) {
    written(&report.written);
    println!(
        "release {}: wrote {} and {}; {out} is up to date with it",
        report.version,
        codegen::release::record::CHANGELOG_FILE,
        codegen::release::LOCK_FILE,
    );
    print!("{}", report.section);
}

/// Prints everything `check` found; every reason it failed, each with its
/// fix, is the error.
pub fn checked(report: &CheckReport, catalog: &str, out: &str) -> Result<(), String> {
    let coverage = report
        .coverage
        .iter()
        .map(|(tag, translated, total)| format!("{tag}: {translated}/{total} entries"))
        .collect::<Vec<_>>()
        .join(", ");
    let warnings = &report.translation_warnings;
    if !warnings.diagnostics.is_empty() {
        eprintln!("{warnings}");
    }
    println!(
        "translation coverage: {coverage}; {} translation warning{}",
        warnings.diagnostics.len(),
        plural(warnings.diagnostics.len())
    );

    let unclassified = &report.unclassified;
    if !unclassified.diagnostics.is_empty() {
        eprintln!("{unclassified}");
    }
    println!(
        "advice: {}/{} entries say who must act and what a retry can do",
        report.entries - unclassified.diagnostics.len(),
        report.entries
    );

    if let Some(status) = &report.release {
        print!("{status}");
    }
    if let Some(unretired) = &report.unretired {
        eprintln!("{unretired}");
    }
    if let Some(error) = &report.lock_error {
        eprintln!("error: {error}");
    }
    if let Some(error) = &report.compare_error {
        eprintln!("error: {error}");
    }
    for problem in &report.stale {
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
    let failures: Vec<String> = report
        .failures()
        .into_iter()
        .map(|failure| match failure {
            CheckFailure::Unretired => "a released code is neither an entry nor listed under `retired`: list it under `retired`, then run `cargo xtask gen`".to_owned(),
            CheckFailure::LockUnreadable => format!(
                "{} cannot be read: restore it",
                codegen::release::LOCK_FILE
            ),
            CheckFailure::NotComparable => format!("{out} cannot be compared: see above"),
            CheckFailure::Stale { files } => format!(
                "{files} file{} in {out} differ{} from what {catalog} produces: run `cargo xtask gen`",
                plural(files),
                if files == 1 { "s" } else { "" },
            ),
            CheckFailure::NotGenerated { files } => {
                let one = files == 1;
                format!(
                    "{files} file{} in {out} {} not written by gen, or edited since: move {} out ({out} holds only what gen writes)",
                    plural(files),
                    if one { "was" } else { "were" },
                    if one { "it" } else { "them" },
                )
            }
        })
        .collect();
    if failures.is_empty() {
        println!("check: {out} is up to date with {catalog}");
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
