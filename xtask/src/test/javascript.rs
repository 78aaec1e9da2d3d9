//! The JavaScript-side steps: the tools, the pages, the schema, the
//! TypeScript package and its consumer, the hostile catalog's outputs, the
//! site in Chromium.

use std::fs;
use std::path::PathBuf;
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

    pub(super) fn markdownlint(&self) -> Result<(), String> {
        self.run(
            "pages: markdownlint",
            self.tool("markdownlint-cli2").args([
                "--config",
                "xtask/js/markdownlint.jsonc",
                "generated/docs/**/*.md",
            ]),
        )
    }

    /// `npm pack` lists the definitions; attw and publint find no problem.
    pub(super) fn typescript_package(&self) -> Result<(), String> {
        let package = self.root.join("generated/typescript");
        let listing = self.output(
            "types package: npm pack --dry-run",
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
        for file in ["index.d.ts", "index.d.mts", "package.json"] {
            if !paths.contains(&file) {
                return Err(format!(
                    "error: npm pack does not include {file}:\n{listing}"
                ));
            }
        }
        self.run(
            "types package: attw --pack",
            self.tool("attw").args(["--pack", "generated/typescript"]),
        )?;
        self.run(
            "types package: publint --strict",
            self.tool("publint")
                .args(["--strict", "generated/typescript"]),
        )
    }

    /// The consumer fixture against the packed package, by every TypeScript
    /// under every module resolution mode.
    pub(super) fn typescript_consumer(&self) -> Result<(), String> {
        let work = self.root.join("target/downstream-ts");
        let _ = fs::remove_dir_all(&work);
        let installed = work.join("node_modules/scf-invoke-status");
        fs::create_dir_all(&installed)
            .map_err(|error| format!("error: {}: {error}", installed.display()))?;
        let fixture = self.root.join("xtask/fixtures/downstream-ts");
        for item in fs::read_dir(&fixture)
            .map_err(|error| format!("error: {}: {error}", fixture.display()))?
        {
            let path = item.map_err(|error| error.to_string())?.path();
            copy(&path, &work.join(path.file_name().unwrap_or_default()))?;
        }
        // The same consumer as a CommonJS and as an ES module, for node16.
        copy(&fixture.join("consumer.ts"), &work.join("consumer.cts"))?;
        copy(&fixture.join("consumer.ts"), &work.join("consumer.mts"))?;
        let packed = self.output(
            "types package: npm pack",
            self.command("npm", &["pack", "--json", "--pack-destination"])
                .arg(&work)
                .current_dir(self.root.join("generated/typescript")),
        )?;
        let packed: serde_json::Value = serde_json::from_str(&packed)
            .map_err(|error| format!("error: npm pack --json: {error}"))?;
        let tarball = packed[0]["filename"]
            .as_str()
            .ok_or("error: npm pack --json named no file")?;
        let tarball = work.join(tarball);
        self.run(
            "types package: unpack into the consumer's node_modules",
            Command::new("tar")
                .arg("-xzf")
                .arg(&tarball)
                .arg("-C")
                .arg(&installed)
                .arg("--strip-components=1"),
        )?;
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

    /// A catalog whose texts try to break every output: the crate still
    /// passes its tests and doctests, and every TypeScript accepts the
    /// definitions.
    pub(super) fn hostile_catalog(&self) -> Result<(), String> {
        let out = self.generate_fixture("hostile")?;
        self.fixture_cargo(
            "hostile catalog: generated crate tests",
            &out,
            &["test"],
            &[],
        )?;
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
            args.extend([
                "--module",
                "esnext",
                "--moduleResolution",
                "bundler",
                "index.d.ts",
                "index.d.mts",
            ]);
            let name = format!(
                "hostile catalog: {} accepts the definitions",
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
            .arg(chromium)
            .arg(codes)
            .args(catalog.language_tags());
        self.run("docs site: headless Chromium", &mut command)
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
