//! The rules a loaded catalog must pass before anything is rendered.
//!
//! [`crate::load`] already enforces the shape of the file (no unknown,
//! missing, duplicated or mistyped field). The rules here, in the order they
//! are checked; every broken rule is reported, not only the first:
//!
//! 1. `package`: `name` is a valid crate and npm name (lowercase kebab-case)
//!    whose Rust path is no keyword,
//!    `version` is `MAJOR.MINOR.PATCH`, `type_name` is an UpperCamelCase
//!    identifier that is no keyword in Rust or TypeScript and none of whose
//!    generated names ([`naming::type_names`]) is one the outputs already
//!    declare or use ([`naming::fixed_names`]), `license` is not
//!    empty, `repository` is an http(s) URL, there are at most 5 `keywords`
//!    as crates.io accepts them, and `categories` are slugs.
//! 2. `codes`: `min` is not above `max`, and the range spans at most
//!    [`MAX_CODE_SPAN`] codes (the generated crate looks codes up in a table
//!    as long as the span of the codes in use).
//! 3. `languages`: at least one; tags are unique, lowercase letters,
//!    digits and `-` starting with a letter; each becomes a distinct `Lang`
//!    variant that is no Rust keyword and is no subpath the npm package
//!    has already ([`naming::NPM_TEXTS_SUBPATH`]); each has a page; `pages` has no
//!    undeclared language.
//! 4. Entries: at least one; each code is unique and within `codes`; each
//!    `id` is unique, UpperCamelCase ASCII, and none of the names generated
//!    from it ([`crate::naming`]) is a keyword or clashes with another's.
//! 5. Messages and aliases: not empty, no leading or trailing whitespace, no
//!    line break; an entry's aliases differ from its message and from each
//!    other, and no alias is another entry's message or alias. (Two entries
//!    may share a message: 400 and 436 do.)
//! 6. Texts: each entry has text in at least one language; each language
//!    under `text` is declared; no text is empty; texts (and the pages'
//!    intro, "untranslated" mark and concept sections) are CommonMark
//!    without raw HTML, code blocks, headings, thematic breaks or link
//!    reference definitions (they end up
//!    in table cells, in sections of the pages and in doc comments, where a
//!    code block would become a doctest and a heading would break the page's
//!    outline); every link and image is an `http(s)` URL or an in-page
//!    anchor that exists (a concepts section's anchor or an entry's code).
//!    (`texts.rs`)

use std::collections::BTreeMap;

use crate::catalog::{Catalog, Located, Pos};
use crate::diagnostic::Diagnostic;
use crate::model::Version;
use crate::naming::{self, GeneratedName};
use texts::check_texts;

mod texts;

/// Checks every rule and returns every problem found.
pub fn validate(catalog: &Catalog) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    check_package(catalog, &mut problems);
    check_code_range(catalog, &mut problems);
    check_languages(catalog, &mut problems);
    check_codes(catalog, &mut problems);
    check_lifecycle(catalog, &mut problems);
    check_ids(catalog, &mut problems);
    check_messages(catalog, &mut problems);
    check_texts(catalog, &mut problems);
    problems.sort_by_key(|problem| problem.at);
    problems
}

fn check_package(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
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

/// The widest `codes` range: 2^20 codes. The generated crate finds a
/// status by indexing a table with one slot per code of the range in use,
/// at most 4 MiB at this span.
pub const MAX_CODE_SPAN: u32 = 1 << 20;

fn check_code_range(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let range = &catalog.codes;
    if range.min.value > range.max.value {
        problems.push(Diagnostic::new(
            range.min.at,
            format!(
                "codes.min ({}) is above codes.max ({})",
                range.min.value, range.max.value
            ),
        ));
    } else if range.max.value - range.min.value >= MAX_CODE_SPAN {
        problems.push(Diagnostic::new(
            range.max.at,
            format!(
                "codes {}..={} spans {} codes; at most {MAX_CODE_SPAN} are allowed (the generated crate keeps a lookup table as wide as the codes in use)",
                range.min.value,
                range.max.value,
                u64::from(range.max.value - range.min.value) + 1
            ),
        ));
    }
}

fn check_languages(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    if catalog.languages.is_empty() {
        problems.push(Diagnostic::new(
            Pos {
                line: 1,
                column: 1,
                len: 1,
            },
            "no language is declared under `languages`",
        ));
    }
    let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
    let mut variants: BTreeMap<String, (&str, Pos)> = BTreeMap::new();
    for language in &catalog.languages {
        let tag = &language.tag;
        let well_formed = !tag.is_empty()
            && tag.starts_with(|c: char| c.is_ascii_lowercase())
            && tag
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            problems.push(Diagnostic::new(
                tag.at,
                format!(
                    "language tag `{}` is not a lowercase tag like `en` or `zh-hant`",
                    tag.value
                ),
            ));
        }
        if tag.value == naming::NPM_TEXTS_SUBPATH {
            problems.push(Diagnostic::new(
                tag.at,
                format!(
                    "language tag `{}` is the npm package's subpath for the texts of all languages, so it cannot be a language's subpath; choose another tag",
                    tag.value
                ),
            ));
        }
        if let Some(&first) = seen.get(tag.as_str()) {
            problems.push(
                Diagnostic::new(
                    tag.at,
                    format!("language `{}` is declared twice", tag.value),
                )
                .with_note(format!("first declared at {first}")),
            );
        } else {
            seen.insert(tag.as_str(), tag.at);
        }
        // Each tag is a variant of the crate's `Lang` enum.
        let variant = naming::rust_language_variant(tag);
        let invalid = naming::TargetLanguage::Rust.is_keyword(&variant)
            || syn::parse_str::<syn::Ident>(&variant).is_err();
        if well_formed && invalid {
            problems.push(Diagnostic::new(
                tag.at,
                format!(
                    "language tag `{}` becomes the Rust variant `Lang::{variant}`, which is a keyword or not an identifier there",
                    tag.value
                ),
            ));
        } else if well_formed {
            match variants.get(variant.as_str()) {
                Some((other, at)) if *other != tag.as_str() => problems.push(
                    Diagnostic::new(
                        tag.at,
                        format!(
                            "language tags `{}` and `{other}` both become the Rust variant `Lang::{variant}`",
                            tag.value
                        ),
                    )
                    .with_note(format!("`{other}` is declared at {at}")),
                ),
                Some(_) => {}
                None => {
                    variants.insert(variant, (tag.as_str(), tag.at));
                }
            }
        }
        not_empty(&language.name, "language name", problems);
        if catalog.page(tag).is_none() {
            problems.push(Diagnostic::new(
                tag.at,
                format!("language `{}` has no entry under `pages`", tag.value),
            ));
        }
    }
    for (tag, page) in &catalog.pages {
        undeclared_language(catalog, tag, problems);
        for text in [
            &page.title,
            &page.intro,
            &page.untranslated,
            &page.other_language,
        ] {
            not_empty(text, "page text", problems);
        }
        for label in [
            &page.deprecated,
            &page.since,
            &page.retired,
            &page.retired_in,
            &page.filter,
            &page.copy_link,
        ]
        .into_iter()
        .flatten()
        {
            not_empty(label, "page label", problems);
        }
        for heading in [
            &page.columns.status,
            &page.columns.description,
            &page.columns.solution,
        ] {
            not_empty(heading, "column heading", problems);
        }
        not_empty(&page.concepts.heading, "concepts heading", problems);
        let mut anchors: BTreeMap<&str, Pos> = BTreeMap::new();
        for section in &page.concepts.sections {
            let anchor = &section.anchor;
            let well_formed = !anchor.is_empty()
                && anchor
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && !anchor.chars().all(|c| c.is_ascii_digit());
            if !well_formed {
                problems.push(Diagnostic::new(
                    anchor.at,
                    format!(
                        "anchor `{}` must be ASCII letters, digits, `-` or `_`, and not a number (numbers are the codes' anchors)",
                        anchor.value
                    ),
                ));
            }
            if let Some(&first) = anchors.get(anchor.as_str()) {
                problems.push(
                    Diagnostic::new(
                        anchor.at,
                        format!("anchor `{}` is used twice on this page", anchor.value),
                    )
                    .with_note(format!("first used at {first}")),
                );
            } else {
                anchors.insert(anchor.as_str(), anchor.at);
            }
            not_empty(&section.title, "section title", problems);
        }
    }
}

/// A `replaced_by` names an entry.
fn check_replacement(
    catalog: &Catalog,
    replacement: &Located<u32>,
    problems: &mut Vec<Diagnostic>,
) {
    if !catalog
        .entries
        .iter()
        .any(|entry| entry.code.value == replacement.value)
    {
        problems.push(Diagnostic::new(
            replacement.at,
            format!("replaced_by {}: no entry has this code", replacement.value),
        ));
    }
}

/// Deprecations and retired codes: versions are `MAJOR.MINOR.PATCH`, a
/// replacement is another entry (a retired code's, an entry), and no entry
/// has a retired code.
fn check_lifecycle(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let version_ok = |version: &str| version.parse::<Version>().is_ok();
    let mut retired: BTreeMap<u32, Pos> = BTreeMap::new();
    for code in catalog.retired.iter().flatten() {
        // The pages list it: its fields follow the rules of an entry's.
        check_identifier(&code.id, "id", naming::entry_names(&code.id), problems);
        check_message_text(&code.message, "message", problems);
        if code.reason.trim().is_empty() {
            problems.push(Diagnostic::new(code.reason.at, "reason is empty"));
        }
        if !version_ok(&code.since) {
            problems.push(Diagnostic::new(
                code.since.at,
                format!("since `{}` is not a version like 1.2.0", code.since.value),
            ));
        }
        if let Some(replacement) = &code.replaced_by {
            check_replacement(catalog, replacement, problems);
        }
        if let Some(&first) = retired.get(&code.code.value) {
            problems.push(
                Diagnostic::new(
                    code.code.at,
                    format!("code {} is retired twice", code.code.value),
                )
                .with_note(format!("first retired at {first}")),
            );
        } else {
            retired.insert(code.code.value, code.code.at);
        }
    }
    for entry in catalog.entries.iter() {
        if let Some(at) = retired.get(&entry.code.value) {
            problems.push(
                Diagnostic::new(
                    entry.code.at,
                    format!("code {} was retired and is never reused: consumers may still receive it with its old meaning", entry.code.value),
                )
                .with_note(format!("retired at {at}")),
            );
        }
        let Some(deprecation) = &entry.deprecated else {
            continue;
        };
        if !version_ok(&deprecation.since) {
            problems.push(Diagnostic::new(
                deprecation.since.at,
                format!(
                    "since `{}` is not a version like 1.2.0",
                    deprecation.since.value
                ),
            ));
        }
        if deprecation.reason.trim().is_empty() {
            problems.push(Diagnostic::new(deprecation.reason.at, "reason is empty"));
        }
        if let Some(replacement) = &deprecation.replaced_by {
            if replacement.value == entry.code.value {
                problems.push(Diagnostic::new(
                    replacement.at,
                    format!("{} cannot replace itself", replacement.value),
                ));
            } else {
                check_replacement(catalog, replacement, problems);
            }
        }
    }
}

fn check_codes(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    if catalog.entries.is_empty() {
        problems.push(Diagnostic::new(
            catalog.entries.at,
            "the catalog has no entries",
        ));
    }
    let (min, max) = (catalog.codes.min.value, catalog.codes.max.value);
    // An upside-down range is reported once, not once per code.
    let range_is_valid = min <= max;
    let mut seen: BTreeMap<u32, Pos> = BTreeMap::new();
    for entry in catalog.entries.iter() {
        let code = &entry.code;
        if range_is_valid && (code.value < min || code.value > max) {
            problems.push(Diagnostic::new(
                code.at,
                format!(
                    "code {} is outside the declared range {min}..={max}",
                    code.value
                ),
            ));
        }
        if let Some(&first) = seen.get(&code.value) {
            problems.push(
                Diagnostic::new(code.at, format!("duplicate code {}", code.value))
                    .with_note(format!("first used at {first}")),
            );
        } else {
            seen.insert(code.value, code.at);
        }
    }
}

fn check_ids(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    // Generated name -> where the id that produced it was written.
    let mut taken: BTreeMap<(naming::TargetLanguage, String), &Located<String>> = BTreeMap::new();
    for entry in catalog.entries.iter() {
        let id = &entry.id;
        let names = naming::entry_names(id);
        if !check_identifier(id, "id", names.clone(), problems) {
            continue;
        }
        let mut clash_reported = false;
        for generated in names {
            let key = (generated.language, generated.name.clone());
            match taken.get(&key) {
                Some(first) if !clash_reported => {
                    clash_reported = true;
                    let message = if first.value == id.value {
                        format!("duplicate id `{}`", id.value)
                    } else {
                        format!(
                            "id `{}` clashes with id `{}`: both become the {} {} `{}`",
                            id.value,
                            first.value,
                            generated.language.label(),
                            generated.what,
                            generated.name
                        )
                    };
                    problems.push(
                        Diagnostic::new(id.at, message)
                            .with_note(format!("first used at {}", first.at)),
                    );
                }
                Some(_) => {}
                None => {
                    taken.insert(key, id);
                }
            }
        }
    }
}

/// Checks that `ident` is an UpperCamelCase ASCII identifier and that no name
/// generated from it is a keyword or invalid. Returns whether it passed.
fn check_identifier(
    ident: &Located<String>,
    field: &str,
    names: Vec<GeneratedName>,
    problems: &mut Vec<Diagnostic>,
) -> bool {
    let value = ident.as_str();
    let shaped = value.starts_with(|c: char| c.is_ascii_uppercase())
        && value.chars().all(|c| c.is_ascii_alphanumeric());
    if !shaped {
        problems.push(Diagnostic::new(
            ident.at,
            format!("{field} `{value}` is not an identifier: use ASCII letters and digits, starting with an uppercase letter"),
        ));
        return false;
    }
    if naming::rust_variant(value) != value {
        problems.push(Diagnostic::new(
            ident.at,
            format!(
                "{field} `{value}` is not UpperCamelCase; write `{}` (acronyms as words, as in `InvalidSubnetId`)",
                naming::rust_variant(value)
            ),
        ));
        return false;
    }
    let mut ok = true;
    for generated in names {
        let invalid_in_rust = generated.language == naming::TargetLanguage::Rust
            && syn::parse_str::<syn::Ident>(&generated.name).is_err();
        if generated.language.is_keyword(&generated.name) || invalid_in_rust {
            problems.push(Diagnostic::new(
                ident.at,
                format!(
                    "{field} `{value}` becomes the {} {} `{}`, which is a keyword there",
                    generated.language.label(),
                    generated.what,
                    generated.name
                ),
            ));
            ok = false;
        }
    }
    ok
}

fn check_messages(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    // Alias -> where it was written; messages may repeat across entries.
    let messages: BTreeMap<&str, &Located<String>> = catalog
        .entries
        .iter()
        .map(|entry| (entry.message.as_str(), &entry.message))
        .collect();
    let mut aliases_seen: BTreeMap<&str, Pos> = BTreeMap::new();
    for entry in catalog.entries.iter() {
        check_message_text(&entry.message, "message", problems);
        for alias in entry.aliases() {
            if !check_message_text(alias, "alias", problems) {
                continue;
            }
            if alias.value == entry.message.value {
                problems.push(Diagnostic::new(
                    alias.at,
                    format!("alias `{}` is the entry's own message", alias.value),
                ));
            } else if let Some(message) = messages.get(alias.as_str()) {
                problems.push(
                    Diagnostic::new(
                        alias.at,
                        format!("alias `{}` is the message of another entry", alias.value),
                    )
                    .with_note(format!("that message is at {}", message.at)),
                );
            } else if let Some(&first) = aliases_seen.get(alias.as_str()) {
                problems.push(
                    Diagnostic::new(alias.at, format!("alias `{}` is given twice", alias.value))
                        .with_note(format!("first given at {first}")),
                );
            } else {
                aliases_seen.insert(alias.as_str(), alias.at);
            }
        }
    }
}

fn check_message_text(text: &Located<String>, what: &str, problems: &mut Vec<Diagnostic>) -> bool {
    let problem = if text.trim().is_empty() {
        Some(format!("{what} is empty"))
    } else if text.trim() != text.as_str() {
        Some(format!(
            "{what} `{}` has leading or trailing whitespace",
            text.value.escape_debug()
        ))
    } else if text.contains(['\n', '\r']) {
        Some(format!(
            "{what} spans several lines; a status message is one line"
        ))
    } else {
        None
    };
    let ok = problem.is_none();
    if let Some(problem) = problem {
        problems.push(Diagnostic::new(text.at, problem));
    }
    ok
}

pub(super) fn undeclared_language(
    catalog: &Catalog,
    tag: &Located<String>,
    problems: &mut Vec<Diagnostic>,
) {
    if !catalog
        .language_tags()
        .any(|declared| declared == tag.as_str())
    {
        let declared = catalog.language_tags().collect::<Vec<_>>().join(", ");
        problems.push(Diagnostic::new(
            tag.at,
            format!(
                "language `{}` is not declared under `languages` (declared: {declared})",
                tag.value
            ),
        ));
    }
}

pub(super) fn not_empty(
    text: &Located<String>,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) -> bool {
    let empty = text.trim().is_empty();
    if empty {
        problems.push(Diagnostic::new(text.at, format!("{what} is empty")));
    }
    !empty
}
