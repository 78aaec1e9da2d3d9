//! The accepted corpus (`codegen/tests/fixtures/accepted/`): catalogs that
//! validation accepts and that try every way of breaking an output (markup
//! and code in each field, names next to the outputs' own, everyday and
//! exotic Markdown, edge codes). Every one's crate is linted, tested with
//! its doctests and documented, warnings as errors, in one scratch
//! workspace (one cargo run each, not one per crate); its rustdoc HTML is
//! scanned; its TypeScript is checked by one `tsc` run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::Runner;
use super::rust::scan_rustdoc;

/// The accepted corpus, relative to the workspace.
pub(super) const ACCEPTED: &str = "codegen/tests/fixtures/accepted";

/// The `.yaml` files of `dir`, sorted.
pub(super) fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|error| format!("error: {}: {error}", dir.display()))?
        .filter_map(|item| item.ok().map(|item| item.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Where the corpus is generated and built.
const WORK: &str = "target/accepted";

impl Runner {
    pub(super) fn accepted_corpus(&self) -> Result<(), String> {
        let corpus = self.root.join(ACCEPTED);
        let catalogs = yaml_files(&corpus)?;
        if catalogs.len() < 40 {
            return Err(format!(
                "error: only {} catalogs in {}",
                catalogs.len(),
                corpus.display()
            ));
        }
        let work = self.root.join(WORK);
        let workspace = work.join("workspace");
        let _ = fs::remove_dir_all(&workspace);
        let mut members = Vec::new();
        let mut crate_paths = Vec::new();
        let mut definitions = Vec::new();
        // The npm packages, with their lookup cases, for one run of the
        // oldest Node.js they claim.
        let oldest = self.oldest_node()?;
        let mut packages = Vec::new();
        for catalog in &catalogs {
            let name = catalog
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = fs::read(catalog)
                .map_err(|error| format!("error: {}: {error}", catalog.display()))?;
            let out = work.join("generated").join(&name);
            let checked = codegen::check(&bytes).map_err(|problems| {
                format!("error: accepted corpus: {name} is refused: {problems:?}")
            })?;
            codegen::gen_into(&bytes, &out, codegen::render::RENDERERS)
                .map_err(|failure| format!("error: accepted corpus: {name}: {failure:?}"))?;
            // A member of the scratch workspace, without the `[workspace]`
            // table that makes the generated crate its own workspace.
            copy_crate(&out.join("rust"), &workspace.join(&name))?;
            members.push(format!("{name:?}"));
            crate_paths.push(checked.model.names.crate_path);
            let mut files = Vec::new();
            super::walk_files(&out, &out.join("typescript"), &mut files)?;
            definitions.extend(
                files
                    .iter()
                    .filter(|file| file.ends_with(".d.ts") || file.ends_with(".d.mts"))
                    .map(|file| out.join(file)),
            );
            let cases = self.lookup_cases(catalog, &format!("accepted-{name}"))?;
            oldest.check_claim(&out.join("typescript"))?;
            packages.push(serde_json::json!({
                "dir": out.join("typescript"),
                "cases": cases,
            }));
        }
        fs::write(
            workspace.join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        )
        .map_err(|error| format!("error: {}: {error}", workspace.display()))?;
        let manifest = workspace.join("Cargo.toml");
        let manifest = manifest.to_string_lossy();
        let target = work.join("target");
        let target = target.to_string_lossy();
        let common = [
            "--workspace",
            "--all-features",
            "--manifest-path",
            &manifest,
            "--target-dir",
            &target,
        ];
        let with = |first: &[&'static str], last: &[&'static str]| -> Vec<&str> {
            first
                .iter()
                .copied()
                .chain(common)
                .chain(last.iter().copied())
                .collect()
        };
        self.cargo(
            "accepted corpus: clippy, warnings as errors",
            &with(&["clippy", "--all-targets"], &["--", "-D", "warnings"]),
            &[],
        )?;
        self.cargo(
            "accepted corpus: tests and doctests",
            &with(&["test"], &[]),
            &[],
        )?;
        self.cargo(
            "accepted corpus: rustdoc, warnings as errors",
            &with(&["doc", "--no-deps"], &[]),
            &[("RUSTDOCFLAGS", "-D warnings")],
        )?;
        eprintln!(
            "xtask test: accepted corpus: rustdoc HTML holds nothing from the catalogs but text and safe links"
        );
        for crate_path in &crate_paths {
            scan_rustdoc(&work.join("target/doc").join(crate_path))?;
        }
        let mut tsc = Command::new("node");
        tsc.arg(
            self.root
                .join("xtask/js/node_modules/typescript-5.8/bin/tsc"),
        )
        .args([
            "--noEmit",
            "--strict",
            "--skipLibCheck",
            "false",
            "--isolatedModules",
            "--verbatimModuleSyntax",
            "--erasableSyntaxOnly",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
        ])
        .args(&definitions);
        self.run(
            "accepted corpus: TypeScript 5.8 accepts every declaration file",
            &mut tsc,
        )?;
        let list = work.join("npm-packages.json");
        self.jsdoc_tags(&packages, &list)?;
        self.run(
            &format!(
                "accepted corpus: every npm runtime loads as CommonJS and ESM under Node.js {} and answers its lookup cases",
                oldest.version()
            ),
            oldest
                .command()
                .args(["--test", "--test-reporter=dot"])
                .arg(self.root.join("xtask/fixtures/downstream-js/corpus.test.mjs"))
                .env("CORPUS", &list)
                .current_dir(&self.root),
        )
    }
}

/// Copies a generated crate, leaving out its `[workspace]` table.
fn copy_crate(from: &Path, to: &Path) -> Result<(), String> {
    super::copy_tree(from, to)?;
    let manifest = to.join("Cargo.toml");
    let text = fs::read_to_string(&manifest)
        .map_err(|error| format!("error: {}: {error}", manifest.display()))?;
    let own_workspace = text
        .find("\n[workspace]\n")
        .ok_or_else(|| format!("error: {}: no [workspace] table", manifest.display()))?;
    fs::write(&manifest, &text[..own_workspace + 1])
        .map_err(|error| format!("error: {}: {error}", manifest.display()))
}
