//! Where the commands read and write: the paths given on the command line,
//! or the checkout's own.

use std::path::PathBuf;

use clap::Args;
use codegen::command::Sources;

#[derive(Args)]
pub struct Paths {
    /// The catalog to read [default: catalog.yaml at the workspace root]
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
    /// The output directory [default: generated/ at the workspace root]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl Paths {
    pub fn catalog(&self) -> Result<PathBuf, String> {
        match &self.catalog {
            Some(path) => Ok(path.clone()),
            None => Ok(workspace_root()?.join("catalog.yaml")),
        }
    }

    pub fn out(&self) -> Result<PathBuf, String> {
        match &self.out {
            Some(path) => Ok(path.clone()),
            None => Ok(workspace_root()?.join("generated")),
        }
    }

    /// How messages name the output directory.
    pub fn out_label(&self) -> String {
        match &self.out {
            Some(path) => path.display().to_string(),
            None => "generated/".to_owned(),
        }
    }

    /// The catalog and its releases, read once.
    pub fn open(&self) -> Result<Sources, String> {
        Sources::open(&self.catalog()?, &self.catalog_label()).map_err(|error| error.to_string())
    }

    /// How diagnostics name the catalog: as the user gave it, or relative to
    /// the workspace root.
    pub fn catalog_label(&self) -> String {
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
pub fn workspace_root() -> Result<PathBuf, String> {
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
