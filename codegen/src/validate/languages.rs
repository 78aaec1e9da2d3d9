//! Rule 3: the languages, each one's page, and what a page holds besides
//! Markdown.

use std::collections::BTreeMap;

use super::not_empty;
use super::unique::FirstSeen;
use crate::catalog::{COUNT_PLACEHOLDER, Catalog, Located, Page, Pos};
use crate::diagnostic::Diagnostic;
use crate::naming;

pub(super) fn check_languages(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
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
    let mut seen = FirstSeen::new("declared");
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
        seen.record(
            tag,
            || format!("language `{}` is declared twice", tag.value),
            problems,
        );
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
        check_page(catalog, tag, page, problems);
    }
}

/// A page's language is declared, its plain texts are not empty and its
/// concept sections' anchors are well formed and unique.
fn check_page(
    catalog: &Catalog,
    tag: &Located<String>,
    page: &Page,
    problems: &mut Vec<Diagnostic>,
) {
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
        &page.link_copied,
        &page.copy_failed,
        &page.filter_count,
        &page.filter_none,
    ]
    .into_iter()
    .flatten()
    .chain(page.advice.iter().flat_map(|advice| advice.written()))
    {
        not_empty(label, "page label", problems);
    }
    if let Some(count) = &page.filter_count
        && count.matches(COUNT_PLACEHOLDER).count() != 1
    {
        problems.push(Diagnostic::new(
            count.at,
            format!(
                "page label `filter_count` must hold `{COUNT_PLACEHOLDER}` exactly once: the site puts the number of matching codes there (like `Matching codes: {COUNT_PLACEHOLDER}`)"
            ),
        ));
    }
    for heading in [
        &page.columns.status,
        &page.columns.description,
        &page.columns.solution,
    ] {
        not_empty(heading, "column heading", problems);
    }
    not_empty(&page.concepts.heading, "concepts heading", problems);
    let mut anchors = FirstSeen::new("used");
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
        anchors.record(
            anchor,
            || format!("anchor `{}` is used twice on this page", anchor.value),
            problems,
        );
        not_empty(&section.title, "section title", problems);
    }
}

/// `tag` (under `pages` or an entry's `text`) is a declared language.
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
