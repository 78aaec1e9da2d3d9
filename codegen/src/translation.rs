//! The translation gate: which texts are missing in which language, and
//! which translations are stale because the text they were translated from
//! has changed since.
//!
//! Staleness is tracked per text. A translated text records where it came
//! from: `translated_from: zh 1a2b3c4d`, the source language's tag and the
//! [`fingerprint`] of that language's text (description and solution) when
//! the translation was last reviewed. `gen` never writes it; the editor
//! does, after reviewing, and every message below prints the line to write.
//! It cannot be forgotten silently: an entry with texts in two languages and
//! no record of which was translated from which is itself reported.
//!
//! Findings are warnings, except for a language the catalog marks
//! `required: true`: its missing or stale texts are errors, and `gen` and
//! `check` refuse the catalog until they are fixed. Malformed records are
//! always errors.

use crate::catalog::{Catalog, Entry, Located, Text};
use crate::diagnostic::Diagnostic;

/// Every finding, in file order: errors and warnings
/// ([`Diagnostic::is_warning`]).
pub fn review(catalog: &Catalog) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for entry in catalog.entries.iter() {
        missing_texts(catalog, entry, &mut findings);
        stale_texts(catalog, entry, &mut findings);
    }
    findings.sort_by_key(|finding| finding.at);
    findings
}

/// Eight hex digits that change whenever the text's description or solution
/// does: the 64-bit FNV-1a hash of both, folded to 32 bits. Not a security
/// measure; a reminder to review.
pub fn fingerprint(text: &Text) -> String {
    fingerprint_of(
        &text.description,
        text.solution.as_ref().map(|solution| solution.as_str()),
    )
}

/// [`fingerprint`] of a description and solution given as strings.
pub fn fingerprint_of(description: &str, solution: Option<&str>) -> String {
    let hash = crate::fingerprint::Hasher::default()
        .update(description.as_bytes())
        .update(&[0])
        .update(solution.unwrap_or("").as_bytes())
        .finish();
    crate::fingerprint::short_hex(hash)
}

/// `445 ContainerInitError`, as findings name an entry.
fn name(entry: &Entry) -> String {
    format!("{} {}", entry.code.value, entry.id.value)
}

fn is_required(catalog: &Catalog, tag: &str) -> bool {
    catalog
        .languages
        .iter()
        .find(|language| language.tag.as_str() == tag)
        .and_then(|language| language.required.as_ref())
        .is_some_and(|required| required.value)
}

/// A warning, or an error where `tag` is a required language.
fn finding(catalog: &Catalog, tag: &str, diagnostic: Diagnostic) -> Diagnostic {
    if is_required(catalog, tag) {
        diagnostic
    } else {
        diagnostic.into_warning()
    }
}

fn missing_texts(catalog: &Catalog, entry: &Entry, findings: &mut Vec<Diagnostic>) {
    let any_solution = entry.text.values().any(|text| text.solution.is_some());
    for language in &catalog.languages {
        let tag = language.tag.as_str();
        let text = entry.text_in(tag);
        let mut missing = Vec::new();
        if text.is_none() {
            missing.push("description");
        }
        if any_solution && text.is_none_or(|text| text.solution.is_none()) {
            missing.push("solution");
        }
        if !missing.is_empty() {
            findings.push(finding(
                catalog,
                tag,
                Diagnostic::new(
                    entry.text.at,
                    format!("{} has no {tag} {}", name(entry), missing.join(" or ")),
                ),
            ));
        }
    }
}

fn stale_texts(catalog: &Catalog, entry: &Entry, findings: &mut Vec<Diagnostic>) {
    let texts: Vec<(&Located<String>, &Text)> = entry.text.iter().collect();
    for &(tag, text) in &texts {
        let Some(record) = &text.translated_from else {
            continue;
        };
        let Some((source_tag, recorded)) = parse_record(record) else {
            findings.push(Diagnostic::new(
                record.at,
                format!(
                    "`translated_from` is `{}`; write the source language's tag and the fingerprint of its text, like `zh 1a2b3c4d`",
                    record.value
                ),
            ));
            continue;
        };
        if source_tag == tag.as_str() {
            findings.push(Diagnostic::new(
                record.at,
                format!(
                    "the {tag} text of {} says it was translated from itself",
                    name(entry)
                ),
            ));
            continue;
        }
        let Some(source) = entry.text_in(source_tag) else {
            findings.push(Diagnostic::new(
                record.at,
                format!(
                    "the {tag} text of {} says it was translated from {source_tag}, but the entry has no {source_tag} text",
                    name(entry)
                ),
            ));
            continue;
        };
        if source
            .translated_from
            .as_ref()
            .and_then(parse_record)
            .is_some_and(|(back, _)| back == tag.as_str())
        {
            findings.push(Diagnostic::new(
                record.at,
                format!(
                    "the {tag} and {source_tag} texts of {} each say they were translated from the other; keep `translated_from` on the translation only",
                    name(entry)
                ),
            ));
            continue;
        }
        let current = fingerprint(source);
        if recorded != current {
            findings.push(finding(
                catalog,
                tag,
                Diagnostic::new(
                    record.at,
                    format!(
                        "the {tag} text of {} is stale: its {source_tag} source has changed since it was translated (fingerprint {recorded}, now {current})",
                        name(entry)
                    ),
                )
                .with_note(format!(
                    "review the {tag} text against the {source_tag} text, then write `translated_from: {source_tag} {current}`"
                )),
            ));
        }
    }
    // One text may be the original; every other must say where it came
    // from, or the moment it was translated went unrecorded.
    let unrecorded: Vec<(&Located<String>, &Text)> = texts
        .iter()
        .copied()
        .filter(|(_, text)| text.translated_from.is_none())
        .collect();
    if unrecorded.len() > 1 {
        let tags: Vec<&str> = unrecorded.iter().map(|(tag, _)| tag.as_str()).collect();
        let mut diagnostic = Diagnostic::new(
            entry.text.at,
            format!(
                "{} has {} texts and none of them records the text it was translated from",
                name(entry),
                tags.join(" and ")
            ),
        );
        for &(translation, _) in &unrecorded {
            for &(source_tag, source) in &unrecorded {
                if source_tag != translation {
                    diagnostic = diagnostic.with_note(format!(
                        "review the {translation} text against the {source_tag} text; once it says the same, add to it `translated_from: {source_tag} {}`",
                        fingerprint(source)
                    ));
                }
            }
        }
        let required = tags.iter().any(|tag| is_required(catalog, tag));
        findings.push(if required {
            diagnostic
        } else {
            diagnostic.into_warning()
        });
    }
}

/// `zh 1a2b3c4d` as (`zh`, `1a2b3c4d`).
fn parse_record(record: &Located<String>) -> Option<(&str, &str)> {
    let (tag, fingerprint) = record.split_once(' ')?;
    let well_formed = !tag.is_empty()
        && fingerprint.len() == 8
        && fingerprint
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
    well_formed.then_some((tag, fingerprint))
}
