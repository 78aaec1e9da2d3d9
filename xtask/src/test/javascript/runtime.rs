//! The npm package's runtime under Node.js: the lookup cases of the
//! project's catalog and of three fixtures in both module formats, esbuild
//! bundles that carry only the texts they import, and the README's
//! examples (its Python ones too, which read the JSON data).

use std::fs;
use std::process::Command;

use crate::test::{Runner, copy_tree, read, write_file};

impl Runner {
    /// The npm package's runtime, packed and installed into a scratch
    /// project, run by Node's test runner as CommonJS and as ES module
    /// against the lookup cases the Rust crate's tests run too: for the
    /// project's catalog and for three fixtures (a deprecated code sharing a
    /// message and code 0; codes beyond 16 bits; hostile texts, and aliases
    /// named like `__proto__`). Then the project's package
    /// bundled by esbuild, checking that each bundle carries only the texts
    /// it imports.
    pub(in crate::test) fn npm_runtime(&self) -> Result<(), String> {
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
            installed.push(serde_json::json!({ "dir": dir, "cases": cases }));
            self.run(
                &format!("npm runtime ({name} catalog): node --test, CommonJS and ESM"),
                self.command("node", &["--test", "lookups.test.cjs", "lookups.test.mjs"])
                    .env("LOOKUP_CASES", &cases)
                    .current_dir(&work),
            )?;
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

    /// The README's JavaScript examples, run by Node as ES modules in the
    /// scratch project where `npm_runtime` installed the packed package,
    /// and its Python examples, run by Python at the repository's root.
    pub(in crate::test) fn readme_examples(&self) -> Result<(), String> {
        let readme = read(&self.root.join("README.md"))?;
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
                    self.run(&name, Command::new("node").arg(&file).current_dir(&project))?;
                } else {
                    self.run(&name, &mut self.command("python3", &["-c", block]))?;
                }
            }
        }
        Ok(())
    }
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
