//! Rule 1: the `package` section, names included.

use super::entries::check_identifier;
use super::not_empty;
use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::naming;
use crate::version::Version;

pub(super) fn check_package(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let package = &catalog.package;
    let name = &package.name;
    let kebab = !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
        && !name.contains("--");
    // Doctests and dependents `use` the crate by this name, underscored.
    let crate_path = name.replace('-', "_");
    if kebab && naming::RESERVED_CRATE_NAMES.contains(&crate_path.as_str()) {
        problems.push(Diagnostic::new(
            name.at,
            format!(
                "package name `{}` is the name of a crate Rust provides or the generated crate depends on; code that depends on it could not tell them apart",
                name.value
            ),
        ));
    }
    if kebab && naming::TargetLanguage::Rust.is_keyword(&crate_path) {
        problems.push(Diagnostic::new(
            name.at,
            format!(
                "package name `{}` is the Rust keyword `{crate_path}`; code cannot `use` the crate by it",
                name.value
            ),
        ));
    }
    if !kebab {
        problems.push(Diagnostic::new(
            name.at,
            format!(
                "package name `{}` is not lowercase kebab-case (like `scf-invoke-status`)",
                name.value
            ),
        ));
    }
    if package.version.parse::<Version>().is_err() {
        problems.push(Diagnostic::new(
            package.version.at,
            format!(
                "version `{}` is not MAJOR.MINOR.PATCH (like `1.4.0`)",
                package.version.value
            ),
        ));
    }
    not_empty(&package.description, "package description", problems);
    not_empty(&package.license, "license", problems);
    if let Some(repository) = &package.repository
        && !(repository.starts_with("https://") || repository.starts_with("http://"))
    {
        problems.push(Diagnostic::new(
            repository.at,
            format!("repository `{}` is not an http(s) URL", repository.value),
        ));
    }
    if let Some(site) = &package.site
        && !is_site_url(site)
    {
        problems.push(Diagnostic::new(
            site.at,
            format!(
                "site `{}` is not an http(s) URL of plain characters without a query or fragment (like `https://example.com/status-codes`)",
                site.value
            ),
        ));
    }
    if package.keywords.len() > 5 {
        problems.push(Diagnostic::new(
            package.keywords[5].at,
            format!(
                "{} keywords given; crates.io accepts at most 5",
                package.keywords.len()
            ),
        ));
    }
    for keyword in &package.keywords {
        let valid = (1..=20).contains(&keyword.len())
            && keyword.starts_with(|c: char| c.is_ascii_alphabetic())
            && keyword
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            problems.push(Diagnostic::new(
                keyword.at,
                format!("keyword `{}` must be 1 to 20 ASCII letters, digits, `-` or `_`, starting with a letter", keyword.value),
            ));
        }
    }
    for category in &package.categories {
        let valid = !category.is_empty()
            && category
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ':');
        if !valid {
            problems.push(Diagnostic::new(
                category.at,
                format!(
                    "category `{}` is not a crates.io category slug (like `api-bindings`)",
                    category.value
                ),
            ));
        }
    }
    let type_names = naming::type_names(&package.type_name);
    if check_identifier(
        &package.type_name,
        "type_name",
        type_names.clone(),
        problems,
    ) {
        for generated in type_names {
            if naming::fixed_names(generated.language).contains(&generated.name.as_str()) {
                problems.push(Diagnostic::new(
                    package.type_name.at,
                    format!(
                        "type_name `{}` becomes the {} {} `{}`, a name the generated {} code already declares or uses; choose another",
                        package.type_name.value,
                        generated.language.label(),
                        generated.what,
                        generated.name,
                        generated.language.label(),
                    ),
                ));
            }
        }
    }
}

/// An http(s) URL that a code's documentation URL can be made from: the
/// scheme, a host, and only characters that need no escaping in a URL or in
/// any output's string literal or a Markdown link (no whitespace, quotes,
/// `<`, `>`, `\\`, parentheses, `&`, which Markdown would read as the start of an
/// entity), with no query or fragment to be broken by
/// the path that follows.
fn is_site_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~/:@!$*+,;=%".contains(c))
    })
}
