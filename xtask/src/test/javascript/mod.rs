//! The JavaScript-side steps, by subject: `pages.rs` (markdownlint, the
//! site in Chromium, the site search's tokenizer), `schema.rs` (the JSON
//! Schemas by ajv), `package.rs` (npm pack, attw, publint), `typescript.rs`
//! (the TypeScript versions and module resolutions, the consumer fixture,
//! the hostile catalog's declarations, JSDoc), `runtime.rs` (the runtime
//! under Node.js, esbuild, the README's examples). This module installs the
//! tools they share (and the oldest Node.js the package claims) and the
//! packed package they consume.

mod package;
mod pages;
mod runtime;
mod scale;
mod schema;
mod typescript;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::test::{Runner, read, write_file};

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

/// Where the project's catalog is published in its variant with a site
/// (trailing `/` included, which the catalog may write).
const SITE: &str = "https://status.example/scf/";

impl Runner {
    /// The project's catalog as it would be with a published site
    /// (`package.site`, which it does not set), generated without
    /// releases: the catalog's path and its npm package's. Its package
    /// answers documentation URLs and gives the texts' in-page links
    /// absolute.
    pub(super) fn site_catalog(&self) -> Result<(PathBuf, PathBuf), String> {
        let original = read(&self.root.join("catalog.yaml"))?;
        let with_site =
            original.replacen("\npackage:\n", &format!("\npackage:\n  site: {SITE}\n"), 1);
        if with_site == original || original.contains("\n  site:") {
            return Err(
                "error: catalog.yaml: no `package:` line to add `site:` under, or a site already"
                    .to_owned(),
            );
        }
        let dir = self.root.join("target/site-catalog");
        fs::create_dir_all(&dir).map_err(|error| format!("error: {}: {error}", dir.display()))?;
        let catalog = dir.join("catalog.yaml");
        write_file(&catalog, &with_site)?;
        let out = dir.join("generated");
        codegen::gen_into(with_site.as_bytes(), &out, codegen::render::RENDERERS)
            .map_err(|failure| format!("error: the catalog with a site: {failure:?}"))?;
        Ok((catalog, out.join("typescript")))
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
