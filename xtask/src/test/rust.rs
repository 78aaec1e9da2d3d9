//! The Rust steps: the workspace, the generated crate, the downstream
//! crate, and the crates of the fixture catalogs.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Runner, copy_tree};

/// Where the generated crate is copied to be built (see
/// [`Runner::generated_crate`]).
const GENERATED_CRATE_COPY: &str = "target/generated-crate/crate";

impl Runner {
    /// The workspace's tests, clippy and docs, warnings as errors.
    pub(super) fn workspace(&self) -> Result<(), String> {
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
        )
    }

    /// The generated crate, built from a copy: Cargo writes Cargo.lock
    /// beside the manifest it builds, and generated/ holds only what gen
    /// writes (`check` reports anything else).
    pub(super) fn generated_crate(&self) -> Result<(), String> {
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
        )
    }

    /// The downstream crate under each feature set.
    pub(super) fn downstream_crate(&self) -> Result<(), String> {
        let downstream = [
            "--manifest-path",
            "xtask/fixtures/downstream-rust/Cargo.toml",
            "--target-dir",
            "target/downstream-rust",
        ];
        let with = |first: &[&'static str]| [first, &downstream[..]].concat();
        // The lookup cases the npm package's tests run too.
        let cases = self.lookup_cases(&self.root.join("catalog.yaml"), "project")?;
        let cases = cases.to_string_lossy();
        let env = [("LOOKUP_CASES", cases.as_ref())];
        self.cargo("downstream crate: default features", &with(&["test"]), &env)?;
        self.cargo(
            "downstream crate: serde",
            &with(&["test", "--features", "serde"]),
            &env,
        )?;
        self.cargo(
            "downstream crate: no default features",
            &with(&["test", "--no-default-features"]),
            &env,
        )
    }

    /// A catalog with codes beyond `u16`: its crate uses `u32` codes and
    /// passes its tests and doctests.
    pub(super) fn wide_codes_catalog(&self) -> Result<(), String> {
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

    /// A synthetic catalog of 20,000 entries (advice on most, a deprecation
    /// every 50th): its crate passes clippy with warnings as errors, so no
    /// lint that only large tables trip (clippy's `large_const_arrays`, at
    /// 16 KiB) is left for a large catalog to find.
    pub(super) fn large_catalog(&self) -> Result<(), String> {
        let out = self.root.join("target/large-generated");
        let catalog = crate::synth::catalog(20_000)?;
        codegen::gen_into(catalog.as_bytes(), &out, codegen::render::RENDERERS)
            .map_err(|failure| format!("error: the large catalog: {failure:?}"))?;
        self.fixture_cargo(
            "large catalog (20,000 entries): generated crate clippy",
            &out,
            &["clippy"],
            &["--", "-D", "warnings"],
        )
    }

    /// A catalog of edge values (the lowest code the range allows, a
    /// deprecated code sharing the next one's message): its crate passes
    /// clippy with warnings as errors, and its tests and doctests.
    pub(super) fn edge_codes_catalog(&self) -> Result<(), String> {
        let out = self.generate_fixture("edge-codes")?;
        self.fixture_cargo(
            "edge-codes catalog: generated crate clippy",
            &out,
            &["clippy", "--all-targets"],
            &["--", "-D", "warnings"],
        )?;
        self.fixture_cargo(
            "edge-codes catalog: generated crate tests",
            &out,
            &["test"],
            &[],
        )
    }

    /// Everyday Markdown that validation accepts (a bracketed word, a bare
    /// URL, a lazily continued list item), then every fixture catalog's
    /// crate documented by rustdoc with warnings as errors.
    pub(super) fn fixture_docs(&self) -> Result<(), String> {
        let out = self.generate_fixture("markdown-edges")?;
        self.fixture_cargo(
            "markdown-edges catalog: generated crate clippy",
            &out,
            &["clippy", "--all-targets"],
            &["--", "-D", "warnings"],
        )?;
        self.fixture_cargo(
            "markdown-edges catalog: generated crate tests",
            &out,
            &["test"],
            &[],
        )?;
        for name in ["markdown-edges", "hostile", "wide-codes", "edge-codes"] {
            let out = self.generate_fixture(name)?;
            let manifest = out.join("rust/Cargo.toml");
            self.cargo(
                &format!("{name} catalog: generated crate rustdoc"),
                &[
                    "doc",
                    "--no-deps",
                    "--all-features",
                    "--manifest-path",
                    &manifest.to_string_lossy(),
                    "--target-dir",
                    "target/hostile-crate",
                ],
                &[("RUSTDOCFLAGS", "-D warnings")],
            )?;
            let catalog = self
                .root
                .join(format!("codegen/tests/fixtures/{name}.yaml"));
            let bytes = fs::read(&catalog)
                .map_err(|error| format!("error: {}: {error}", catalog.display()))?;
            let crate_path = codegen::check(&bytes)
                .map_err(|_| format!("error: {name} catalog is refused"))?
                .model
                .names
                .crate_path;
            eprintln!(
                "xtask test: {name} catalog: rustdoc HTML holds nothing from the catalog but text and safe links"
            );
            scan_rustdoc(&self.root.join("target/hostile-crate/doc").join(crate_path))?;
        }
        Ok(())
    }

    /// `cargo COMMAND --all-features … AFTER` on the crate generated into
    /// `out`; the fixtures' crates share one target directory, so each
    /// fixture names its package differently (Cargo would otherwise take
    /// one crate's build for another's).
    pub(super) fn fixture_cargo(
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
    pub(super) fn generate_fixture(&self, name: &str) -> Result<PathBuf, String> {
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
}

/// Elements and URL schemes that catalog text must never put into a page.
const FORBIDDEN: &[&str] = &[
    "<script",
    "<iframe",
    "<img",
    "<svg",
    "<object",
    "<embed",
    "<style",
    "<form",
    // As attribute values: the words in text are harmless.
    "=\"javascript:",
    "=\"data:",
    "=\"vbscript:",
];

/// The doc comments of a crate's rustdoc pages (rustdoc's `docblock`
/// divisions, where the catalog's texts end up) hold no element, attribute
/// or URL scheme that could run or load something. Rustdoc's own scripts
/// and images, outside the docblocks, are its business.
pub(super) fn scan_rustdoc(dir: &Path) -> Result<(), String> {
    let mut pending = vec![dir.to_path_buf()];
    let (mut pages, mut blocks) = (0, 0);
    while let Some(current) = pending.pop() {
        let items = fs::read_dir(&current)
            .map_err(|error| format!("error: {}: {error}", current.display()))?;
        for item in items {
            let path = item.map_err(|error| error.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "html") {
                continue;
            }
            pages += 1;
            let html = fs::read_to_string(&path)
                .map_err(|error| format!("error: {}: {error}", path.display()))?
                .to_ascii_lowercase();
            for block in docblocks(&html) {
                blocks += 1;
                let found = FORBIDDEN
                    .iter()
                    .find(|bad| block.contains(**bad))
                    .copied()
                    .or_else(|| {
                        block
                            .split('<')
                            .skip(1)
                            .flat_map(|tag| {
                                tag.split('>')
                                    .next()
                                    .unwrap_or("")
                                    .split_whitespace()
                                    .skip(1)
                            })
                            .find(|attribute| attribute.starts_with("on"))
                    });
                if let Some(found) = found {
                    return Err(format!(
                        "error: {}: `{found}` in a doc block:\n{block}",
                        path.display()
                    ));
                }
            }
        }
    }
    if pages == 0 || blocks == 0 {
        return Err(format!(
            "error: {pages} rustdoc pages with {blocks} doc blocks under {}",
            dir.display()
        ));
    }
    Ok(())
}

/// Each `<div class="docblock…">…</div>` of a page, nested divisions
/// included.
fn docblocks(html: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = html;
    // Doc comments, and the deprecation notes rustdoc renders from
    // `#[deprecated(note)]`.
    while let Some(start) = ["<div class=\"docblock", "<div class=\"item-info"]
        .iter()
        .filter_map(|open| rest.find(open))
        .min()
    {
        let block = &rest[start..];
        let (mut depth, mut at) = (0usize, 0usize);
        let end = loop {
            let open = block[at..].find("<div").map(|offset| at + offset);
            let close = block[at..].find("</div>").map(|offset| at + offset);
            match (open, close) {
                (Some(open), Some(close)) if open < close => {
                    depth += 1;
                    at = open + 4;
                }
                (_, Some(close)) => {
                    depth = depth.saturating_sub(1);
                    at = close + 6;
                    if depth == 0 {
                        break at;
                    }
                }
                _ => break block.len(),
            }
        };
        blocks.push(&block[..end]);
        rest = &block[end..];
    }
    blocks
}
