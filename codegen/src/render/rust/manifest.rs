//! The generated crate's `Cargo.toml`.

use super::RenderError;
use crate::model::Model;
use crate::output::header;

/// The oldest Rust the generated crate supports: `dep:` features (1.60).
const RUST_VERSION: &str = "1.60";

/// `[package]` of the generated crate's `Cargo.toml`, serialized by the
/// `toml` crate, which quotes and escapes every value by TOML's rules.
#[derive(serde::Serialize)]
struct ManifestPackage<'a> {
    name: &'a str,
    version: String,
    description: &'a str,
    license: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    repository: Option<&'a str>,
    readme: &'a str,
    keywords: &'a [String],
    categories: &'a [String],
    edition: &'a str,
    #[serde(rename = "rust-version")]
    rust_version: &'a str,
    /// Only what `gen` wrote is the crate: a `build.rs`, a test, a binary
    /// or an example that someone drops beside it is neither built nor
    /// packaged.
    build: bool,
    autobins: bool,
    autoexamples: bool,
    autotests: bool,
    autobenches: bool,
    include: &'a [&'a str],
}

#[derive(serde::Serialize)]
struct ManifestHead<'a> {
    package: ManifestPackage<'a>,
}

/// What follows `[package]`: the same for every catalog.
const MANIFEST_TAIL: &str = "
[features]
default = [\"std\"]
# `std::error::Error` for the error types and the status enum.
std = []
# Serialize statuses as the numeric code (deserializing an unknown code is an
# error), and the advice as the catalog's words.
serde = [\"dep:serde\"]

[dependencies]
serde = { version = \"1.0.100\", optional = true, default-features = false }

[package.metadata.docs.rs]
all-features = true

# Its own workspace wherever it is generated to, so that it never joins (or
# breaks) the workspace of the directory it sits in.
[workspace]
";

/// The manifest of a crate made of `files` (relative to the crate).
pub(super) fn manifest(model: &Model, files: &[&str]) -> Result<String, RenderError> {
    let package = &model.package;
    let head = ManifestHead {
        package: ManifestPackage {
            name: &package.name,
            version: package.version.to_string(),
            description: &package.description,
            license: &package.license,
            repository: package.repository.as_deref(),
            readme: "README.md",
            keywords: &package.keywords,
            categories: &package.categories,
            edition: "2021",
            rust_version: RUST_VERSION,
            build: false,
            autobins: false,
            autoexamples: false,
            autotests: false,
            autobenches: false,
            include: files,
        },
    };
    let head = toml::to_string(&head)
        .map_err(|error| RenderError::new("rust/Cargo.toml", error.to_string()))?;
    Ok(format!("{}{head}{MANIFEST_TAIL}", header::hash()))
}
