//! The workspace's packages that the xtask runs instead of linking, so that
//! their dependencies are built only for those who use them: the importer
//! (an HTML parser) and the bench (a chart library).

use std::path::{Path, PathBuf};

use crate::Failed;
use crate::paths::workspace_root;

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
pub fn import(
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
pub fn bench(quick: bool, readers: bool) -> Result<(), Failed> {
    let root = workspace_root()?;
    let mut command = package(&root, "catalog-bench");
    command.arg("--root").arg(&root);
    if quick {
        command.arg("--quick");
    }
    if readers {
        command.arg("--readers");
    }
    run_package(command, "the bench")
}
