//! The rules a loaded catalog must pass before anything is rendered.
//!
//! [`crate::load`] already enforces the shape of the file (no unknown,
//! missing, duplicated or mistyped field). The rules here, in the order
//! [`validate`] checks them; every broken rule is reported, not only the
//! first, and a value that must be unique is reported at each repeat, with
//! a note that points at the first (`unique.rs`):
//!
//! 1. `check_package` (`package.rs`): `name` is a valid crate and npm name
//!    (lowercase kebab-case) whose Rust path is no keyword and no crate
//!    Rust provides or the generated crate depends on
//!    ([`naming::RESERVED_CRATE_NAMES`]); `version` is `MAJOR.MINOR.PATCH`;
//!    `description` and `license` are not empty; `repository` is an http(s)
//!    URL; `site` is an http(s) URL of plain characters without a query or
//!    fragment; there are at most 5 `keywords`, as crates.io accepts them;
//!    `categories` are slugs; `type_name` is an UpperCamelCase identifier
//!    none of whose generated names ([`naming::type_names`]) is a keyword in
//!    Rust or TypeScript or a name the outputs already declare or use
//!    ([`naming::fixed_names`]).
//! 2. `check_code_range` (`codes.rs`): `codes.min` is not above
//!    `codes.max`, and the range spans at most [`MAX_CODE_SPAN`] codes (the
//!    generated crate looks codes up in a table as long as the span of the
//!    codes in use).
//! 3. `check_languages` (`languages.rs`): at least one language; tags are
//!    unique, lowercase letters, digits and `-` starting with a letter; each
//!    becomes a distinct `Lang` variant that is no Rust keyword, and is no
//!    subpath the npm package has already ([`naming::NPM_TEXTS_SUBPATH`]);
//!    each has a name and a page. Each page is a declared language's; its
//!    title, plain texts, labels (the advice's words included), column
//!    headings, concepts heading and section titles are not empty; its
//!    `filter_count` holds [`crate::catalog::COUNT_PLACEHOLDER`] exactly
//!    once; its section anchors are unique, ASCII letters, digits, `-` or
//!    `_`, and not a number.
//! 4. `check_codes` (`codes.rs`): at least one entry; each code is unique
//!    and, when the range is valid, within `codes`.
//! 5. `check_lifecycle` (`codes.rs`): a retired code's `id` and `message`
//!    follow an entry's rules, its `reason` is not empty and its `since` is
//!    a version; no code is retired twice, and no entry has a retired code;
//!    a deprecation's `since` is a version and its `reason` is not empty; a
//!    `replaced_by` (of a retired code or a deprecation) is the code of an
//!    entry, and not the deprecated entry's own.
//! 6. `check_ids` (`entries.rs`): each `id` is an UpperCamelCase ASCII
//!    identifier, none of the names generated from it
//!    ([`naming::entry_names`]) is a keyword, and no two entries' names are
//!    the same.
//! 7. `check_messages` (`entries.rs`): messages and aliases are not empty,
//!    have no leading or trailing whitespace and no line break; an entry's
//!    aliases differ from its message and from each other, and no alias is
//!    another entry's message or alias. (Two entries may share a message:
//!    400 and 436 do.)
//! 8. `check_advice` (`entries.rs`): an entry's `who_acts` and `retry`
//!    are words of their vocabularies ([`crate::advice`]).
//! 9. `check_texts` (`texts.rs`): each entry has text in at least one
//!    language; each language under `text` is declared; no text is empty;
//!    texts (and the pages' intro, "untranslated" mark and concept
//!    sections) are CommonMark without raw HTML, code blocks, headings,
//!    thematic breaks or link reference definitions (they end up in table
//!    cells, in sections of the pages and in doc comments, where a code
//!    block would become a doctest and a heading would break the page's
//!    outline); every link and image is an `http(s)` URL or an in-page
//!    anchor that exists (a concepts section's anchor or an entry's code).

use crate::catalog::{Catalog, Located};
use crate::diagnostic::Diagnostic;
#[cfg(doc)]
use crate::naming;

mod codes;
mod entries;
mod languages;
mod package;
mod texts;
mod unique;

pub use codes::MAX_CODE_SPAN;

/// Checks every rule and returns every problem found.
pub fn validate(catalog: &Catalog) -> Vec<Diagnostic> {
    // The texts' rules parse every text's Markdown, about half of
    // validation's time: on a second core, beside the other rules, which
    // share nothing with them but the catalog.
    let check_texts = || {
        let mut problems = Vec::new();
        texts::check_texts(catalog, &mut problems);
        problems
    };
    let (mut problems, text_problems) = std::thread::scope(|scope| {
        let texts = std::thread::Builder::new().spawn_scoped(scope, check_texts);
        let mut problems = Vec::new();
        package::check_package(catalog, &mut problems);
        codes::check_code_range(catalog, &mut problems);
        languages::check_languages(catalog, &mut problems);
        codes::check_codes(catalog, &mut problems);
        codes::check_lifecycle(catalog, &mut problems);
        entries::check_ids(catalog, &mut problems);
        entries::check_messages(catalog, &mut problems);
        entries::check_advice(catalog, &mut problems);
        let text_problems = match texts {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // A thread the system would not make: the rules run here.
            Err(_) => check_texts(),
        };
        (problems, text_problems)
    });
    problems.extend(text_problems);
    problems.sort_by_key(|problem| problem.at);
    problems
}

/// A text is not empty (nor only whitespace). Returns whether it passed.
fn not_empty(text: &Located<String>, what: &str, problems: &mut Vec<Diagnostic>) -> bool {
    let empty = text.trim().is_empty();
    if empty {
        problems.push(Diagnostic::new(text.at, format!("{what} is empty")));
    }
    !empty
}
