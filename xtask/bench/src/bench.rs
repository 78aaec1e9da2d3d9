//! Where the bench works and how many runs it takes, for every step: the
//! workspace, its target directory, the release xtask, and the throwaway
//! catalogs, outputs and crates under `target/bench`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use codegen::model::Model;

use crate::measure::timed;

const RUNS: usize = 5;
const QUICK_RUNS: usize = 3;
/// Runs at 100,000 entries, where one `gen` takes tens of seconds.
const LARGE_RUNS: usize = 3;
const COMPILE_RUNS: usize = 3;
/// Loads of each page a reader lands on in a browser: from 10,000 entries
/// on, one load takes seconds and its typing half a minute or more.
const READER_RUNS: usize = 5;
const LARGE_READER_RUNS: usize = 1;

pub struct Bench {
    pub root: PathBuf,
    pub cargo: String,
    /// The workspace's target directory, wherever Cargo's configuration puts it.
    pub target: PathBuf,
    /// The release xtask, which the first step builds.
    pub xtask: PathBuf,
    /// Everything the bench writes: `target/bench`.
    pub work: PathBuf,
    pub quick: bool,
}

impl Bench {
    pub fn new(root: &Path, quick: bool) -> Result<Self, String> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let target = target_dir(&cargo, root)?;
        Ok(Bench {
            root: root.to_path_buf(),
            xtask: target.join("release/xtask"),
            work: target.join("bench"),
            target,
            cargo,
            quick,
        })
    }

    /// The catalog of `size` entries: the real one, or a synthetic one.
    pub fn catalog(&self, size: usize) -> PathBuf {
        if size == 30 {
            self.root.join("catalog.yaml")
        } else {
            self.work.join(format!("catalog-{size}.yaml"))
        }
    }

    /// Where `gen` writes the outputs of the catalog of `size` entries.
    pub fn out(&self, size: usize) -> PathBuf {
        self.work.join(format!("out-{size}"))
    }

    /// The model of the catalog of `size` entries, for the crates written
    /// beside its outputs.
    pub fn load(&self, size: usize) -> Result<Model, String> {
        let catalog = self.catalog(size);
        let bytes =
            fs::read(&catalog).map_err(|error| format!("error: {}: {error}", catalog.display()))?;
        codegen::check(&bytes)
            .map(|checked| checked.model)
            .map_err(|_| format!("error: {} is broken", catalog.display()))
    }

    pub fn runs(&self, size: usize) -> usize {
        match (self.quick, size) {
            (true, _) => QUICK_RUNS,
            (false, 100_000..) => LARGE_RUNS,
            (false, _) => RUNS,
        }
    }

    /// tighterror's time grows with the square of the entries (about 90 s
    /// at 10,000 on two cores): fewer runs there.
    pub fn peer_runs(&self, size: usize) -> usize {
        match (self.quick, size) {
            (true, _) => QUICK_RUNS,
            (false, 10_000..) => LARGE_RUNS,
            (false, _) => RUNS,
        }
    }

    pub fn reader_runs(&self, size: usize) -> usize {
        match (self.quick, size) {
            (true, _) => QUICK_RUNS,
            (false, 10_000..) => LARGE_READER_RUNS,
            (false, _) => READER_RUNS,
        }
    }

    pub fn compile_runs(&self) -> usize {
        if self.quick { 1 } else { COMPILE_RUNS }
    }

    /// A cold `cargo` command on `manifest` in its own, emptied, target
    /// directory.
    pub fn cold_cargo(
        &self,
        verb: &str,
        manifest: &Path,
        target: &Path,
    ) -> Result<Duration, String> {
        let _ = fs::remove_dir_all(target);
        Ok(timed(
            Command::new(&self.cargo)
                .args([verb, "--quiet", "--manifest-path"])
                .arg(manifest)
                .arg("--target-dir")
                .arg(target),
        )?
        .0)
    }
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

/// A throwaway crate under the bench's directory: its own workspace, `src/lib.rs`.
pub fn write_crate(
    dir: &Path,
    name: &str,
    dependencies: &str,
    library: &str,
) -> Result<(), String> {
    let source = dir.join("src");
    fs::create_dir_all(&source).map_err(|error| format!("error: {}: {error}", source.display()))?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{dependencies}"
    );
    fs::write(dir.join("Cargo.toml"), manifest)
        .and_then(|()| fs::write(source.join("lib.rs"), library))
        .map_err(|error| format!("error: {}: {error}", dir.display()))
}
