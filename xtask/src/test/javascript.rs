//! The JavaScript-side steps: the tools, the pages, the schema, the
//! TypeScript package and its consumer, the hostile catalog's outputs, the
//! site in Chromium.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Runner, copy};

/// TypeScript versions the definitions are checked with: the oldest they
/// support, the first with `erasableSyntaxOnly`, the newest 6.x and 7.x.
/// Each is an npm alias in `xtask/js/package.json`.
const TYPESCRIPTS: &[TypeScript] = &[
    TypeScript {
        package: "typescript-5.0",
        erasable_syntax_only: false,
        node10: Node10::Supported,
    },
    TypeScript {
        package: "typescript-5.8",
        erasable_syntax_only: true,
        node10: Node10::Supported,
    },
    TypeScript {
        package: "typescript-6",
        erasable_syntax_only: true,
        node10: Node10::Deprecated,
    },
    TypeScript {
        package: "typescript-7",
        erasable_syntax_only: true,
        node10: Node10::Removed,
    },
];

struct TypeScript {
    package: &'static str,
    erasable_syntax_only: bool,
    node10: Node10,
}

/// `moduleResolution: node10` is deprecated in TypeScript 6 and gone in 7.
#[derive(PartialEq)]
enum Node10 {
    Supported,
    Deprecated,
    Removed,
}

/// The code 433, and phrases of its texts in English and Chinese that no
/// other code's texts hold (two of them run across a link): filtering
/// either page by each must leave 433 alone.
const SITE_FILTER_PHRASES: &[&str] = &[
    "433",
    "#433",
    "execution times out",
    // Across a link, as a reader copies it from the page.
    "you can submit a ticket to increase the timeout",
    "范围内没有执行完成",
    "配置的 执行超时时间 范围内",
];

/// Module resolution modes the consumer is compiled under, by tsconfig.
const RESOLUTIONS: &[&str] = &["node10", "node16", "bundler"];

impl Runner {
    /// `npm ci` in `xtask/js`, after making sure npm is there.
    pub(super) fn javascript_tools(&self) -> Result<(), String> {
        ensure_npm()?;
        self.run(
            "JavaScript tools: npm ci",
            self.command("npm", &["ci", "--no-audit", "--no-fund"])
                .current_dir(self.root.join("xtask/js")),
        )
    }

    /// The project's pages, and the edge-codes fixture's (which have a
    /// deprecated code and a list of retired codes).
    pub(super) fn markdownlint(&self) -> Result<(), String> {
        self.generate_fixture("edge-codes")?;
        self.run(
            "pages: markdownlint",
            self.tool("markdownlint-cli2").args([
                "--config",
                "xtask/js/markdownlint.jsonc",
                "generated/docs/**/*.md",
                "target/edge-codes-generated/docs/**/*.md",
            ]),
        )
    }

    /// `npm pack` ships every file gen wrote for the package; attw and
    /// publint find no problem.
    pub(super) fn typescript_package(&self) -> Result<(), String> {
        let package = self.root.join("generated/typescript");
        let listing = self.output(
            "npm package: npm pack --dry-run",
            self.command("npm", &["pack", "--dry-run", "--json"])
                .current_dir(&package),
        )?;
        let listed: serde_json::Value = serde_json::from_str(&listing)
            .map_err(|error| format!("error: npm pack --dry-run --json: {error}"))?;
        let paths: Vec<&str> = listed[0]["files"]
            .as_array()
            .map(|files| {
                files
                    .iter()
                    .filter_map(|file| file["path"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        // Every file gen wrote for the package ships in it.
        let mut generated = Vec::new();
        super::walk_files(&package, &package, &mut generated)?;
        if generated.len() < 10 {
            return Err(format!(
                "error: only {} files in {}",
                generated.len(),
                package.display()
            ));
        }
        for file in &generated {
            if !paths.contains(&file.as_str()) {
                return Err(format!(
                    "error: npm pack does not include {file}:\n{listing}"
                ));
            }
        }
        self.run(
            "npm package: attw --pack",
            self.tool("attw").args(["--pack", "generated/typescript"]),
        )?;
        self.run(
            "npm package: publint --strict",
            self.tool("publint")
                .args(["--strict", "generated/typescript"]),
        )
    }

    /// The consumer fixture against the packed package, by every TypeScript
    /// under every module resolution mode.
    pub(super) fn typescript_consumer(&self) -> Result<(), String> {
        let work = self.root.join("target/downstream-ts");
        let _ = fs::remove_dir_all(&work);
        fs::create_dir_all(&work).map_err(|error| format!("error: {}: {error}", work.display()))?;
        let fixture = self.root.join("xtask/fixtures/downstream-ts");
        for item in fs::read_dir(&fixture)
            .map_err(|error| format!("error: {}: {error}", fixture.display()))?
        {
            let path = item.map_err(|error| error.to_string())?.path();
            copy(&path, &work.join(path.file_name().unwrap_or_default()))?;
        }
        // The same consumer as a CommonJS and as an ES module, for node16;
        // the runtime's as an ES module (a CommonJS module that imports
        // values needs `import … = require`, which erasableSyntaxOnly forbids).
        copy(&fixture.join("consumer.ts"), &work.join("consumer.cts"))?;
        copy(&fixture.join("consumer.ts"), &work.join("consumer.mts"))?;
        copy(&fixture.join("runtime.ts"), &work.join("runtime.mts"))?;
        self.install_packed(&self.root.join("generated/typescript"), &work)?;
        for typescript in TYPESCRIPTS {
            for resolution in RESOLUTIONS {
                let mut args = vec!["-p".to_owned(), format!("tsconfig.{resolution}.json")];
                if *resolution == "node10" {
                    match typescript.node10 {
                        Node10::Supported => {}
                        Node10::Deprecated => {
                            args.extend(["--ignoreDeprecations".to_owned(), "6.0".to_owned()])
                        }
                        Node10::Removed => continue,
                    }
                }
                if typescript.erasable_syntax_only {
                    args.push("--erasableSyntaxOnly".to_owned());
                }
                let name = format!("consumer: {} with {resolution}", typescript.package);
                self.run(&name, self.tsc(typescript).args(&args).current_dir(&work))?;
            }
        }
        Ok(())
    }

    /// The npm package's runtime, packed and installed into a scratch
    /// project, run by Node's test runner as CommonJS and as ES module
    /// against the lookup cases the Rust crate's tests run too: for the
    /// project's catalog and for three fixtures (a deprecated code sharing a
    /// message and code 0; codes beyond 16 bits; hostile texts, and aliases
    /// named like `__proto__`). Then the project's package
    /// bundled by esbuild, checking that each bundle carries only the texts
    /// it imports.
    pub(super) fn npm_runtime(&self) -> Result<(), String> {
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
            super::copy_tree(&tests, &work)?;
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

    /// No catalog text became a JSDoc tag in the declaration files of
    /// `packages` (`{ dir, cases }`, listed in the file `list`).
    pub(super) fn jsdoc_tags(
        &self,
        packages: &[serde_json::Value],
        list: &Path,
    ) -> Result<(), String> {
        super::write_file(
            list,
            &serde_json::Value::from(packages.to_vec()).to_string(),
        )?;
        self.run(
            "npm packages: JSDoc holds only the generator's tags, read by TypeScript's parser",
            Command::new("node")
                .arg(self.root.join("xtask/js/jsdoc-tags.mjs"))
                .arg(list),
        )
    }

    /// The README's JavaScript examples, run by Node as ES modules in the
    /// scratch project where `npm_runtime` installed the packed package,
    /// and its Python examples, run by Python at the repository's root.
    pub(super) fn readme_examples(&self) -> Result<(), String> {
        let readme = super::read(&self.root.join("README.md"))?;
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
                    super::write_file(&file, block)?;
                    self.run(&name, Command::new("node").arg(&file).current_dir(&project))?;
                } else {
                    self.run(&name, &mut self.command("python3", &["-c", block]))?;
                }
            }
        }
        Ok(())
    }

    /// Packs the npm package in `package` with `npm pack` (so that only what
    /// it publishes is used) and unpacks it into `project`'s `node_modules`.
    fn install_packed(&self, package: &Path, project: &Path) -> Result<PathBuf, String> {
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

    /// A catalog whose texts try to break every output: the crate still
    /// passes its tests and doctests, and every TypeScript accepts every
    /// declaration file of its npm package (its runtime is run by
    /// `npm_runtime`).
    pub(super) fn hostile_catalog(&self) -> Result<(), String> {
        let out = self.generate_fixture("hostile")?;
        self.fixture_cargo(
            "hostile catalog: generated crate tests",
            &out,
            &["test"],
            &[],
        )?;
        let package = out.join("typescript");
        let mut declarations = Vec::new();
        super::walk_files(&package, &package, &mut declarations)?;
        declarations.retain(|file| file.ends_with(".d.ts") || file.ends_with(".d.mts"));
        for typescript in TYPESCRIPTS {
            let mut args = vec![
                "--noEmit",
                "--strict",
                "--skipLibCheck",
                "false",
                "--isolatedModules",
                "--verbatimModuleSyntax",
            ];
            if typescript.erasable_syntax_only {
                args.push("--erasableSyntaxOnly");
            }
            args.extend(["--module", "esnext", "--moduleResolution", "bundler"]);
            args.extend(declarations.iter().map(String::as_str));
            let name = format!(
                "hostile catalog: {} accepts every declaration file",
                typescript.package
            );
            self.run(
                &name,
                self.tsc(typescript)
                    .args(&args)
                    .current_dir(out.join("typescript")),
            )?;
        }
        Ok(())
    }

    /// The generated JSON Schema, applied the way an editor applies it: it
    /// accepts every valid catalog of the project, and rejects every broken
    /// catalog of the corpus whose problems include one of shape (a missing
    /// or unknown field, a value of the wrong type).
    pub(super) fn catalog_schema(&self) -> Result<(), String> {
        let fixtures = self.root.join("codegen/tests/fixtures");
        let mut args = vec![
            self.root.join("generated/catalog.schema.json"),
            PathBuf::from("--valid"),
            self.root.join("catalog.yaml"),
        ];
        for valid in [
            "minimal.yaml",
            "hostile.yaml",
            "wide-codes.yaml",
            "edge-codes.yaml",
        ] {
            args.push(fixtures.join(valid));
        }
        args.extend(super::corpus::yaml_files(
            &self.root.join(super::corpus::ACCEPTED),
        )?);
        args.push(PathBuf::from("--invalid"));
        let corpus = fixtures.join("broken");
        // A case of shape: the loader reports problems and still builds a
        // catalog (syntax errors build none); asked of the library, not read
        // from messages.
        let mut shape_cases = Vec::new();
        for item in fs::read_dir(&corpus)
            .map_err(|error| format!("error: {}: {error}", corpus.display()))?
        {
            let path = item
                .map_err(|error| format!("error: {}: {error}", corpus.display()))?
                .path();
            if path.extension().is_none_or(|extension| extension != "yaml") {
                continue;
            }
            let bytes =
                fs::read(&path).map_err(|error| format!("error: {}: {error}", path.display()))?;
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let (catalog, problems) = codegen::load::load(text);
            if catalog.is_some() && !problems.is_empty() {
                shape_cases.push(path);
            }
        }
        shape_cases.sort();
        if shape_cases.len() < 10 {
            return Err(format!(
                "error: only {} shape cases found in {}",
                shape_cases.len(),
                corpus.display()
            ));
        }
        args.extend(shape_cases);
        self.run(
            "catalog schema: valid catalogs accepted, shape errors of the corpus rejected",
            Command::new("node")
                .arg(self.root.join("xtask/js/validate-schema.mjs"))
                .args(&args),
        )?;
        self.data_schema()
    }

    /// The JSON data against its own generated schema: the project's file
    /// is accepted, and copies of it broken in shape are not.
    fn data_schema(&self) -> Result<(), String> {
        let data_path = self
            .root
            .join("generated")
            .join(codegen::render::data::PATH);
        let data: serde_json::Value = serde_json::from_str(&super::read(&data_path)?)
            .map_err(|error| format!("error: {}: {error}", data_path.display()))?;
        let broken_dir = self.root.join("target/data-schema");
        let _ = fs::remove_dir_all(&broken_dir);
        fs::create_dir_all(&broken_dir)
            .map_err(|error| format!("error: {}: {error}", broken_dir.display()))?;
        // Each break: a field (as a JSON pointer) given a value of the wrong
        // type, or removed.
        let breaks = [
            (
                "code-as-text",
                "/entries/0/code",
                Some(serde_json::json!("200")),
            ),
            ("no-message", "/entries/0/message", None),
            (
                "description-as-number",
                "/entries/0/texts/en/description",
                Some(serde_json::json!(1)),
            ),
            ("no-entries", "/entries", None),
            (
                "code-beyond-u32",
                "/entries/0/code",
                Some(serde_json::json!(5_000_000_000u64)),
            ),
            (
                "unknown-field",
                "/entries/0/note",
                Some(serde_json::json!("extra")),
            ),
            (
                "solution-null",
                "/entries/1/texts/en/solution",
                Some(serde_json::Value::Null),
            ),
        ];
        let mut args = vec![
            self.root
                .join("generated")
                .join(codegen::render::data::SCHEMA_PATH),
            PathBuf::from("--valid"),
            data_path,
            PathBuf::from("--invalid"),
        ];
        for (name, pointer, value) in breaks {
            let mut broken = data.clone();
            let (parent, field) = pointer.rsplit_once('/').unwrap_or(("", pointer));
            let object = broken
                .pointer_mut(parent)
                .and_then(serde_json::Value::as_object_mut)
                .ok_or_else(|| format!("error: the data has no {parent}"))?;
            match value {
                Some(value) => object.insert(field.to_owned(), value),
                None => object.remove(field),
            };
            let path = broken_dir.join(format!("{name}.json"));
            super::write_file(&path, &broken.to_string())?;
            args.push(path);
        }
        self.run(
            "JSON data: valid against its schema; copies broken in shape rejected",
            Command::new("node")
                .arg(self.root.join("xtask/js/validate-schema.mjs"))
                .args(&args),
        )
    }

    /// The generated site in headless Chromium: every page loads, its table
    /// shows every code, `#433` lands on 433, the language switch works.
    /// Screenshots are kept in `target/site-screenshots/`.
    pub(super) fn docs_site(&self) -> Result<(), String> {
        let chromium = ensure_chromium()?;
        let catalog_path = self.root.join("catalog.yaml");
        let bytes = fs::read(&catalog_path)
            .map_err(|error| format!("error: {}: {error}", catalog_path.display()))?;
        let catalog = codegen::load_catalog(&bytes)
            .map_err(|_| "error: catalog.yaml is broken".to_owned())?;
        let mut codes: Vec<u32> = catalog
            .entries
            .iter()
            .map(|entry| entry.code.value)
            .collect();
        codes.sort_unstable();
        let codes = codes
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let mut command = Command::new("node");
        command
            .arg(self.root.join("xtask/js/site-test.mjs"))
            .arg(self.root.join("generated/site"))
            .arg(self.root.join("target/site-screenshots"))
            .arg(&chromium)
            .arg(codes)
            .arg(serde_json::json!(SITE_FILTER_PHRASES).to_string())
            .args(catalog.language_tags());
        self.run("docs site: headless Chromium", &mut command)?;
        // A site with a deprecated code, a retired one and an untranslated
        // language: the same checks, axe-core included.
        let edge = self.generate_fixture("edge-codes")?;
        let mut command = Command::new("node");
        command
            .arg(self.root.join("xtask/js/site-test.mjs"))
            .arg(edge.join("site"))
            .arg(self.root.join("target/site-screenshots/edge-codes"))
            .arg(&chromium)
            .arg("0,432,433,439")
            .arg(serde_json::json!(["the handler and the docs"]).to_string())
            .args(["en", "zh"]);
        self.run(
            "docs site (edge-codes fixture): headless Chromium",
            &mut command,
        )
    }

    fn tsc(&self, typescript: &TypeScript) -> Command {
        let mut command = Command::new("node");
        command.arg(
            self.root
                .join("xtask/js/node_modules")
                .join(typescript.package)
                .join("bin/tsc"),
        );
        command
    }
}

/// Chromium and a CJK font come from Debian when the machine lacks them.
fn ensure_chromium() -> Result<PathBuf, String> {
    let found = || {
        ["chromium", "chromium-browser"].iter().find_map(|name| {
            Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()
                .filter(|output| output.status.success())
                .map(|output| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
        })
    };
    let has_cjk_font = Command::new("sh")
        .args(["-c", "fc-list :lang=zh | grep -q ."])
        .status()
        .is_ok_and(|status| status.success());
    if let (Some(chromium), true) = (found(), has_cjk_font) {
        return Ok(chromium);
    }
    eprintln!("xtask test: installing Debian's chromium and fonts-wqy-zenhei");
    let installed = Command::new("apt-get")
        .args(["update", "-qq"])
        .status()
        .is_ok_and(|status| status.success())
        && Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "fonts-wqy-zenhei"])
            .status()
            .is_ok_and(|status| status.success());
    match found() {
        Some(chromium) if installed || has_cjk_font => Ok(chromium),
        _ => Err("error: the site test needs Chromium (Debian: chromium) and a CJK font (fonts-wqy-zenhei)".to_owned()),
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
