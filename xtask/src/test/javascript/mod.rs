//! The JavaScript-side steps, by subject: `pages.rs` (markdownlint, the
//! site in Chromium), `schema.rs` (the JSON Schemas by ajv), `package.rs`
//! (npm pack, attw, publint), `typescript.rs` (the TypeScript versions and
//! module resolutions, the consumer fixture, the hostile catalog's
//! declarations, JSDoc), `runtime.rs` (the runtime under Node.js, esbuild,
//! the README's examples). This module installs the tools they share (and
//! the oldest Node.js the package claims) and the packed package they
//! consume.

mod package;
mod pages;
mod runtime;
mod schema;
mod typescript;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::test::Runner;

/// The npm project that pins the oldest Node.js the package claims, apart
/// from the tools so that its `node` is never theirs.
const OLDEST_NODE_PROJECT: &str = "xtask/js/oldest-node";

impl Runner {
    /// `npm ci` in `xtask/js` and in `xtask/js/oldest-node`, after making
    /// sure npm is there.
    pub(in crate::test) fn javascript_tools(&self) -> Result<(), String> {
        ensure_npm()?;
        self.run(
            "JavaScript tools: npm ci",
            self.command("npm", &["ci", "--no-audit", "--no-fund"])
                .current_dir(self.root.join("xtask/js")),
        )?;
        self.run(
            "the oldest Node.js the npm package claims: npm ci",
            self.command("npm", &["ci", "--no-audit", "--no-fund"])
                .current_dir(self.root.join(OLDEST_NODE_PROJECT)),
        )
    }

    /// Packs the npm package in `package` with `npm pack` (so that only what
    /// it publishes is used) and unpacks it into `project`'s `node_modules`.
    pub(super) fn install_packed(&self, package: &Path, project: &Path) -> Result<PathBuf, String> {
        let packed = self.output(
            &format!("npm pack {}", package.display()),
            self.command("npm", &["pack", "--json", "--pack-destination"])
                .arg(project)
                .current_dir(package),
        )?;
        let packed: serde_json::Value = serde_json::from_str(&packed)
            .map_err(|error| format!("error: npm pack --json: {error}"))?;
        let (Some(tarball), Some(name)) =
            (packed[0]["filename"].as_str(), packed[0]["name"].as_str())
        else {
            return Err("error: npm pack --json named no file or package".to_owned());
        };
        let installed = project.join("node_modules").join(name);
        fs::create_dir_all(&installed)
            .map_err(|error| format!("error: {}: {error}", installed.display()))?;
        self.run(
            &format!("unpack {tarball} into {}", installed.display()),
            Command::new("tar")
                .arg("-xzf")
                .arg(project.join(tarball))
                .arg("-C")
                .arg(&installed)
                .arg("--strip-components=1"),
        )?;
        Ok(installed)
    }
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
