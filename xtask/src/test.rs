//! `cargo xtask test`: every test the project has, in one command that also
//! installs what the tests need (the JavaScript tools, pinned in
//! `xtask/js/package-lock.json`, with `npm ci`).
//!
//! In order (README, "The two commands", lists the same): the workspace's
//! tests, lints and docs; the generated crate's lints, docs, tests and
//! packaging through its own manifest, from a copy (it is not a workspace
//! member, see Cargo.toml); a downstream crate using it under each feature
//! set; two checkouts sharing one target directory;
//! markdownlint over the generated pages; the catalog schema against valid
//! and broken catalogs; the TypeScript package through `npm pack`, attw and
//! publint; a consumer compiled by every supported TypeScript under every
//! module resolution mode; the outputs of a catalog of hostile texts; the
//! crate of a catalog with codes beyond `u16` and a deprecated entry; and
//! the docs site in headless Chromium.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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

pub fn run_all(root: &Path) -> Result<(), String> {
    let runner = Runner {
        root: root.to_path_buf(),
        cargo: std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
    };
    runner.rust()?;
    runner.two_checkouts()?;
    ensure_npm()?;
    runner.run(
        "JavaScript tools: npm ci",
        runner
            .command("npm", &["ci", "--no-audit", "--no-fund"])
            .current_dir(root.join("xtask/js")),
    )?;
    runner.run(
        "pages: markdownlint",
        runner.tool("markdownlint-cli2").args([
            "--config",
            "xtask/js/markdownlint.jsonc",
            "generated/docs/**/*.md",
        ]),
    )?;
    runner.catalog_schema()?;
    runner.typescript_package()?;
    runner.typescript_consumer()?;
    runner.hostile_catalog()?;
    runner.wide_codes_catalog()?;
    runner.docs_site()?;
    eprintln!("xtask test: every step passed");
    Ok(())
}

struct Runner {
    root: PathBuf,
    cargo: String,
}

impl Runner {
    fn rust(&self) -> Result<(), String> {
        // The generated crate is built from a copy: Cargo writes Cargo.lock
        // beside the manifest it builds, and generated/ holds only what gen
        // writes (`check` reports anything else).
        let copy = self.root.join(GENERATED_CRATE_COPY);
        let _ = fs::remove_dir_all(&copy);
        copy_tree(&self.root.join("generated/rust"), &copy)?;
        let manifest = format!("{GENERATED_CRATE_COPY}/Cargo.toml");
        let generated = [
            "--manifest-path",
            manifest.as_str(),
            "--target-dir",
            "target/generated-crate/target",
        ];
        let downstream = [
            "--manifest-path",
            "xtask/fixtures/downstream-rust/Cargo.toml",
            "--target-dir",
            "target/downstream-rust",
        ];
        self.cargo("workspace tests", &["test", "--workspace", "--locked"], &[])?;
        self.cargo(
            "workspace clippy",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
            &[],
        )?;
        self.cargo(
            "workspace docs",
            &[
                "doc",
                "--workspace",
                "--no-deps",
                "--document-private-items",
                "--locked",
            ],
            &[("RUSTDOCFLAGS", "-D warnings")],
        )?;
        let clippy = |name, flags: &[&str]| {
            let mut args = vec!["clippy"];
            args.extend_from_slice(flags);
            args.extend_from_slice(&generated);
            args.extend_from_slice(&["--", "-D", "warnings"]);
            self.cargo(name, &args, &[])
        };
        clippy(
            "generated crate: clippy",
            &["--all-targets", "--all-features"],
        )?;
        clippy(
            "generated crate: clippy without std",
            &["--no-default-features"],
        )?;
        let with = |first: &[&'static str]| [first, &generated[..]].concat();
        self.cargo(
            "generated crate: docs",
            &with(&["doc", "--no-deps", "--all-features"]),
            &[("RUSTDOCFLAGS", "-D warnings")],
        )?;
        self.cargo(
            "generated crate: tests and doctests",
            &with(&["test", "--all-features"]),
            &[],
        )?;
        self.cargo(
            "generated crate: cargo publish --dry-run",
            &with(&["publish", "--dry-run", "--allow-dirty", "--quiet"]),
            &[],
        )?;
        let downstream_with = |first: &[&'static str]| [first, &downstream[..]].concat();
        self.cargo(
            "downstream crate: default features",
            &downstream_with(&["test"]),
            &[],
        )?;
        self.cargo(
            "downstream crate: serde",
            &downstream_with(&["test", "--features", "serde"]),
            &[],
        )?;
        self.cargo(
            "downstream crate: no default features",
            &downstream_with(&["test", "--no-default-features"]),
            &[],
        )
    }

    /// Two checkouts of the workspace that share one target directory (the
    /// one this xtask was built in), as git worktrees or two clones with a
    /// global `CARGO_TARGET_DIR` do: Cargo runs the same xtask binary for
    /// both, and each must act on its own checkout. Then the daily loop in
    /// the second: an edited text, `gen`, and `check` passes, naming the
    /// release the edit needs, which `release` refuses at the old version.
    fn two_checkouts(&self) -> Result<(), String> {
        let name = "two checkouts sharing one target directory";
        eprintln!("xtask test: {name}");
        // Outside the target directory: Cargo records the source files of a
        // build under its target directory by their path there, so copies
        // inside it would stay the sources of this workspace's builds.
        let base = ScratchDir(
            std::env::temp_dir().join(format!("xtask-two-checkouts-{}", std::process::id())),
        );
        let base = &base.0;
        let _ = fs::remove_dir_all(base);
        let listed = self.output(
            "two checkouts: git ls-files",
            &mut self.command(
                "git",
                &[
                    "ls-files",
                    "-z",
                    "--cached",
                    "--others",
                    "--exclude-standard",
                ],
            ),
        )?;
        let (first, second) = (base.join("first"), base.join("second"));
        for checkout in [&first, &second] {
            for file in listed.split('\0').filter(|file| !file.is_empty()) {
                let from = self.root.join(file);
                if from.is_file() {
                    copy_keeping_mtime(&from, &checkout.join(file))?;
                }
            }
        }
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| self.root.join("target"), PathBuf::from);
        let xtask = |checkout: &Path, args: &[&str]| {
            let mut command = Command::new(&self.cargo);
            command
                .arg("xtask")
                .args(args)
                .current_dir(checkout)
                .env("CARGO_TARGET_DIR", &target_dir)
                .env_remove("CARGO_MANIFEST_DIR");
            command
                .output()
                .map_err(|error| format!("error: {name}: cannot run cargo: {error}"))
        };
        let fail = |what: &str, output: &std::process::Output| {
            Err(format!(
                "error: {name}: {what}\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        };

        let output = xtask(&first, &["gen"])?;
        if !output.status.success() {
            return fail("`cargo xtask gen` failed in the first checkout", &output);
        }
        // The trap needs Cargo to run the first checkout's binary for the
        // second; were it rebuilt, this step would prove nothing.
        let binary = target_dir.join("debug/xtask");
        let built = |binary: &Path| fs::metadata(binary).and_then(|m| m.modified()).ok();
        let first_binary = built(&binary);
        let untouched = [&self.root, &first].map(|checkout| tree_digest(checkout));
        let catalog = second.join("catalog.yaml");
        let original = read(&catalog)?;
        let (from, to) = (
            "description: The function execution times out.",
            "description: The function ran out of time.",
        );
        if original.matches(from).count() != 1 {
            return Err(format!(
                "error: {name}: catalog.yaml no longer says `{from}` once"
            ));
        }
        write_file(&catalog, &original.replacen(from, to, 1))?;
        let output = xtask(&second, &["gen"])?;
        if !output.status.success() {
            return fail("`cargo xtask gen` failed in the second checkout", &output);
        }
        if first_binary.is_none() || built(&binary) != first_binary {
            return fail(
                "Cargo rebuilt the xtask for the second checkout, so the shared binary was not tested",
                &output,
            );
        }
        if !read(&second.join("generated/docs/en/status-codes.md"))?.contains("ran out of time") {
            return fail(
                "gen in the second checkout did not write the second checkout's pages",
                &output,
            );
        }
        if [&self.root, &first].map(|checkout| tree_digest(checkout)) != untouched {
            return fail(
                "gen in the second checkout changed another checkout",
                &output,
            );
        }
        let output = xtask(&second, &["check"])?;
        let said = String::from_utf8_lossy(&output.stdout);
        if !output.status.success()
            || !said.contains("  433 TimeLimitReached: texts changed (patch)\n")
            || !said.contains("the next release must be at least 0.1.1")
        {
            return fail(
                "after an edit and gen, check must pass and name the release it needs",
                &output,
            );
        }
        let output = xtask(&second, &["release"])?;
        if output.status.code() != Some(1)
            || !String::from_utf8_lossy(&output.stderr)
                .contains("they need a patch release, 0.1.1 or later")
        {
            return fail("release at 0.1.0 must be refused, naming 0.1.1", &output);
        }
        write_file(&catalog, &original)?;
        let output = xtask(&second, &["check"])?;
        if output.status.code() != Some(1)
            || !String::from_utf8_lossy(&output.stderr).contains("stale: docs/en/status-codes.md")
        {
            return fail(
                "check in the second checkout must see its own stale files",
                &output,
            );
        }
        let output = xtask(&first, &["check"])?;
        if !output.status.success() {
            return fail("check in the first checkout must pass", &output);
        }
        Ok(())
    }

    /// `npm pack` lists the definitions; attw and publint find no problem.
    fn typescript_package(&self) -> Result<(), String> {
        let package = self.root.join("generated/typescript");
        let listing = self.output(
            "types package: npm pack --dry-run",
            self.command("npm", &["pack", "--dry-run", "--json"])
                .current_dir(&package),
        )?;
        for file in ["index.d.ts", "index.d.mts", "package.json"] {
            if !listing.contains(&format!("\"path\": \"{file}\"")) {
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
    fn typescript_consumer(&self) -> Result<(), String> {
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
        let tarball = self.output(
            "types package: npm pack",
            self.command("npm", &["pack", "--pack-destination"])
                .arg(&work)
                .current_dir(self.root.join("generated/typescript")),
        )?;
        let tarball = work.join(tarball.lines().last().unwrap_or_default().trim());
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
    fn hostile_catalog(&self) -> Result<(), String> {
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
    fn catalog_schema(&self) -> Result<(), String> {
        let fixtures = self.root.join("codegen/tests/fixtures");
        let mut args = vec![
            self.root.join("generated/catalog.schema.json"),
            PathBuf::from("--valid"),
            self.root.join("catalog.yaml"),
        ];
        for valid in ["minimal.yaml", "hostile.yaml", "wide-codes.yaml"] {
            args.push(fixtures.join(valid));
        }
        args.push(PathBuf::from("--invalid"));
        let corpus = fixtures.join("broken");
        let mut shape_cases = Vec::new();
        for item in fs::read_dir(&corpus)
            .map_err(|error| format!("error: {}: {error}", corpus.display()))?
        {
            let path = item
                .map_err(|error| format!("error: {}: {error}", corpus.display()))?
                .path();
            if path
                .extension()
                .is_some_and(|extension| extension == "expected")
            {
                let expected = fs::read_to_string(&path)
                    .map_err(|error| format!("error: {}: {error}", path.display()))?;
                if expected.lines().any(is_shape_problem) {
                    shape_cases.push(path.with_extension("yaml"));
                }
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
    fn docs_site(&self) -> Result<(), String> {
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

    /// A catalog with codes beyond `u16`: its crate uses `u32` codes and
    /// passes its tests and doctests.
    fn wide_codes_catalog(&self) -> Result<(), String> {
        let out = self.generate_fixture("wide-codes")?;
        self.fixture_cargo(
            "wide-codes catalog: generated crate clippy (a deprecated variant, no warning)",
            &out,
            &["clippy", "--all-targets"],
            &["--", "-D", "warnings"],
        )?;
        self.fixture_cargo(
            "wide-codes catalog: generated crate tests",
            &out,
            &["test"],
            &[],
        )
    }

    /// `cargo COMMAND --all-features … AFTER` on the crate generated into
    /// `out`; the fixtures' crates share one target directory.
    fn fixture_cargo(
        &self,
        name: &str,
        out: &Path,
        command: &[&str],
        after: &[&str],
    ) -> Result<(), String> {
        let manifest = out.join("rust/Cargo.toml");
        let manifest = manifest.to_string_lossy();
        let mut args = command.to_vec();
        args.extend([
            "--all-features",
            "--manifest-path",
            &manifest,
            "--target-dir",
            "target/hostile-crate",
        ]);
        args.extend(after);
        self.cargo(name, &args, &[])
    }

    /// Runs `gen` on `codegen/tests/fixtures/NAME.yaml` into
    /// `target/NAME-generated`, and returns that directory.
    fn generate_fixture(&self, name: &str) -> Result<PathBuf, String> {
        let out = self.root.join(format!("target/{name}-generated"));
        let catalog = self
            .root
            .join(format!("codegen/tests/fixtures/{name}.yaml"));
        let bytes =
            fs::read(&catalog).map_err(|error| format!("error: {}: {error}", catalog.display()))?;
        codegen::gen_into(&bytes, &out, codegen::render::RENDERERS)
            .map_err(|failure| format!("error: {name} catalog: {failure:?}"))?;
        Ok(out)
    }

    fn cargo(&self, name: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
        let mut command = self.command(&self.cargo, args);
        command.envs(env.iter().copied());
        self.run(name, &mut command)
    }

    fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        command.args(args).current_dir(&self.root);
        command
    }

    /// A tool installed by `npm ci` in `xtask/js`.
    fn tool(&self, name: &str) -> Command {
        let mut command = Command::new(self.root.join("xtask/js/node_modules/.bin").join(name));
        command.current_dir(&self.root);
        command
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

    fn run(&self, name: &str, command: &mut Command) -> Result<(), String> {
        eprintln!("xtask test: {name}");
        let status = command
            .status()
            .map_err(|error| format!("error: {name}: cannot start: {error}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("error: {name} failed"))
        }
    }

    fn output(&self, name: &str, command: &mut Command) -> Result<String, String> {
        eprintln!("xtask test: {name}");
        let output = command
            .output()
            .map_err(|error| format!("error: {name}: cannot start: {error}"))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(format!(
                "error: {name} failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ))
        }
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

/// Whether an expected problem (`LINE:COL: message`) is about the shape of
/// the file, which a JSON Schema describes.
fn is_shape_problem(line: &str) -> bool {
    let message = line.splitn(3, ':').nth(2).unwrap_or("").trim_start();
    ["expected ", "missing field ", "unknown field "]
        .iter()
        .any(|prefix| message.starts_with(prefix))
}

/// A directory removed when dropped.
struct ScratchDir(PathBuf);

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Where the generated crate is copied to be built (see [`Runner::rust`]).
const GENERATED_CRATE_COPY: &str = "target/generated-crate/crate";

/// Copies the files under `from` to `to`.
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    let items =
        fs::read_dir(from).map_err(|error| format!("error: {}: {error}", from.display()))?;
    for item in items {
        let path = item.map_err(|error| error.to_string())?.path();
        let destination = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &destination)?;
        } else {
            if let Some(parent) = destination.parent() {
                fs::create_dir_all(parent)
                    .map_err(|error| format!("error: {}: {error}", parent.display()))?;
            }
            copy(&path, &destination)?;
        }
    }
    Ok(())
}

/// A copy with the original's mtime, as a clone of the same commit would
/// look to Cargo's freshness check.
fn copy_keeping_mtime(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)
            .map_err(|error| format!("error: {}: {error}", parent.display()))?;
    }
    copy(from, to)?;
    let modified = fs::metadata(from)
        .and_then(|metadata| metadata.modified())
        .map_err(|error| format!("error: {}: {error}", from.display()))?;
    fs::File::options()
        .write(true)
        .open(to)
        .and_then(|file| file.set_modified(modified))
        .map_err(|error| format!("error: {}: {error}", to.display()))
}

/// The bytes and mtimes of a checkout's catalog and generated files.
fn tree_digest(checkout: &Path) -> Vec<(PathBuf, Vec<u8>, Option<std::time::SystemTime>)> {
    let mut files = Vec::new();
    let mut pending = vec![checkout.join("generated"), checkout.join("catalog.yaml")];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            if let Ok(items) = fs::read_dir(&path) {
                pending.extend(items.flatten().map(|item| item.path()));
            }
        } else {
            let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
            files.push((path.clone(), fs::read(&path).unwrap_or_default(), modified));
        }
    }
    files.sort();
    files
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|error| format!("error: {}: {error}", path.display()))
}

fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    fs::write(path, contents).map_err(|error| format!("error: {}: {error}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to).map(drop).map_err(|error| {
        format!(
            "error: copying {} to {}: {error}",
            from.display(),
            to.display()
        )
    })
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
