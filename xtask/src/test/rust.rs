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
        self.cargo("downstream crate: default features", &with(&["test"]), &[])?;
        self.cargo(
            "downstream crate: serde",
            &with(&["test", "--features", "serde"]),
            &[],
        )?;
        self.cargo(
            "downstream crate: no default features",
            &with(&["test", "--no-default-features"]),
            &[],
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
