//! Rules 6, 7 and 8: each entry's `id` and the names generated from it,
//! its message and aliases, and its advice. A retired code's `id` and message follow the
//! same rules (`codes.rs`), and `type_name` the identifier rule
//! (`package.rs`).

use std::collections::BTreeMap;

use super::unique::FirstSeen;
use crate::advice::{Actor, Retry, Vocabulary};
use crate::catalog::{Catalog, Located};
use crate::diagnostic::Diagnostic;
use crate::naming::{self, GeneratedName};

pub(super) fn check_ids(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
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
pub(super) fn check_identifier(
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

pub(super) fn check_messages(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    // Message -> where an entry wrote it (messages may repeat across entries).
    let messages: BTreeMap<&str, &Located<String>> = catalog
        .entries
        .iter()
        .map(|entry| (entry.message.as_str(), &entry.message))
        .collect();
    let mut aliases_seen = FirstSeen::new("given");
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
            } else {
                aliases_seen.record(
                    alias,
                    || format!("alias `{}` is given twice", alias.value),
                    problems,
                );
            }
        }
    }
}

pub(super) fn check_message_text(
    text: &Located<String>,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) -> bool {
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

/// An entry's `who_acts` and `retry` are words of their vocabularies.
pub(super) fn check_advice(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    for entry in &catalog.entries {
        check_word::<Actor>(entry.who_acts.as_ref(), problems);
        check_word::<Retry>(entry.retry.as_ref(), problems);
    }
}

fn check_word<V: Vocabulary>(word: Option<&Located<String>>, problems: &mut Vec<Diagnostic>) {
    let Some(word) = word else {
        return;
    };
    if V::from_key(word).is_none() {
        let words = V::keys();
        let (last, rest) = words.split_last().unwrap_or((&"", &[]));
        problems.push(Diagnostic::new(
            word.at,
            format!(
                "{} `{}` is not one of {} or {last}",
                V::FIELD,
                word.value,
                rest.join(", ")
            ),
        ));
    }
}
