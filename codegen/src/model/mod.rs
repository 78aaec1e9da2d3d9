//! The checked model: the catalog after every rule of [`crate::validate`]
//! has passed, in the shape the renderers need. It is built once, by
//! [`build()`], and every renderer reads only it.
//!
//! What the loaded [`crate::catalog::Catalog`] leaves open is decided here,
//! once: entries are in code order; every name the outputs declare comes
//! from [`Names`] and each entry's [`EntryNames`] (the same functions
//! validation checks, [`crate::naming`]); a deprecation's replacement is
//! resolved to its entry; the integer widths are [`Width`]s; each entry's
//! texts are indexed like [`Model::languages`], with the fallback a reader
//! gets where a language has none. Values carry no positions: diagnostics
//! are validation's business, not the renderers'.
//!
//! Every field is public but a text's documentation forms, made from the
//! text itself ([`Text::new`]), so that a model can be built by hand (tests
//! and inputs other than YAML need no YAML string).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::advice::{Actor, Retry};
use crate::version::Version;

mod build;
mod layout;

pub use build::build;
pub use layout::{DocsUrlParts, ONE_PAGE_MOST, PageFormat, PageId, RANGE_WIDTH};

/// A catalog that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Model {
    pub package: Package,
    pub names: Names,
    /// The integer type of codes in generated code.
    pub code_width: Width,
    /// The integer type of positions in the generated crate's tables; its
    /// maximum marks "no status".
    pub index_width: Width,
    /// In fallback order: the first is the primary language. Never empty.
    pub languages: Vec<Language>,
    /// In ascending code order. Never empty.
    pub entries: Vec<Entry>,
    /// In ascending code order.
    pub retired: Vec<Retired>,
}

/// How a text of the model may reach an output. Each renderer applies the
/// policy of the fields it writes; [`TEXT_FIELDS`] says which is which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPolicy {
    /// Checked Markdown (`validate/texts.rs`): the pages show it as written,
    /// the site through its HTML filter, Rust docs and JSDoc through
    /// `markup::doc_markdown` ([`Text::doc_description`]).
    Markdown,
    /// Any text: into Markdown through `markup::plain_markdown` or
    /// `render::text::code_span`, into HTML through askama's escaping, into code
    /// through each language's string literal.
    Plain,
    /// A name, tag or version that validation restricts to ASCII letters,
    /// digits, `-`, `_` and `.`: written as it is.
    Name,
}

/// Every text field of the model, as a path (`[]` for each element of a
/// list), with its policy. A test fails when the model has a text field
/// that is not listed here, or this lists one it no longer has.
pub const TEXT_FIELDS: &[(&str, TextPolicy)] = &[
    ("package.name", TextPolicy::Name),
    ("package.version", TextPolicy::Name),
    ("package.description", TextPolicy::Plain),
    ("package.license", TextPolicy::Plain),
    ("package.repository", TextPolicy::Plain),
    ("package.site", TextPolicy::Plain),
    ("package.keywords[]", TextPolicy::Name),
    ("package.categories[]", TextPolicy::Name),
    ("names.crate_path", TextPolicy::Name),
    ("names.status", TextPolicy::Name),
    ("names.code", TextPolicy::Name),
    ("code_width", TextPolicy::Name),
    ("index_width", TextPolicy::Name),
    ("languages[].tag", TextPolicy::Name),
    ("languages[].name", TextPolicy::Plain),
    ("languages[].rust_variant", TextPolicy::Name),
    ("languages[].page.title", TextPolicy::Plain),
    ("languages[].page.intro", TextPolicy::Markdown),
    ("languages[].page.columns.status", TextPolicy::Plain),
    ("languages[].page.columns.description", TextPolicy::Plain),
    ("languages[].page.columns.solution", TextPolicy::Plain),
    ("languages[].page.untranslated", TextPolicy::Markdown),
    ("languages[].page.other_language", TextPolicy::Plain),
    ("languages[].page.deprecated", TextPolicy::Plain),
    ("languages[].page.since", TextPolicy::Plain),
    ("languages[].page.retired", TextPolicy::Plain),
    ("languages[].page.retired_in", TextPolicy::Plain),
    ("languages[].page.filter", TextPolicy::Plain),
    ("languages[].page.copy_link", TextPolicy::Plain),
    ("languages[].page.link_copied", TextPolicy::Plain),
    ("languages[].page.copy_failed", TextPolicy::Plain),
    ("languages[].page.filter_count", TextPolicy::Plain),
    ("languages[].page.filter_none", TextPolicy::Plain),
    ("languages[].page.advice.who_acts", TextPolicy::Plain),
    ("languages[].page.advice.nobody", TextPolicy::Plain),
    ("languages[].page.advice.caller", TextPolicy::Plain),
    ("languages[].page.advice.function", TextPolicy::Plain),
    ("languages[].page.advice.account", TextPolicy::Plain),
    ("languages[].page.advice.platform", TextPolicy::Plain),
    ("languages[].page.advice.retry", TextPolicy::Plain),
    ("languages[].page.advice.not_needed", TextPolicy::Plain),
    ("languages[].page.advice.with_backoff", TextPolicy::Plain),
    ("languages[].page.advice.after_fix", TextPolicy::Plain),
    ("languages[].page.advice.caller_decides", TextPolicy::Plain),
    ("languages[].page.advice.retry_helps", TextPolicy::Plain),
    ("languages[].page.concepts.heading", TextPolicy::Plain),
    (
        "languages[].page.concepts.sections[].anchor",
        TextPolicy::Name,
    ),
    (
        "languages[].page.concepts.sections[].title",
        TextPolicy::Plain,
    ),
    (
        "languages[].page.concepts.sections[].body",
        TextPolicy::Markdown,
    ),
    ("entries[].id", TextPolicy::Name),
    ("entries[].names.rust_variant", TextPolicy::Name),
    ("entries[].names.typescript_member", TextPolicy::Name),
    ("entries[].message", TextPolicy::Plain),
    ("entries[].aliases[]", TextPolicy::Plain),
    ("entries[].texts[].description", TextPolicy::Markdown),
    ("entries[].texts[].solution", TextPolicy::Markdown),
    ("entries[].since", TextPolicy::Name),
    ("entries[].who_acts", TextPolicy::Name),
    ("entries[].retry", TextPolicy::Name),
    ("entries[].deprecation.since", TextPolicy::Name),
    ("entries[].deprecation.reason", TextPolicy::Plain),
    ("entries[].deprecation.replaced_by.id", TextPolicy::Name),
    (
        "entries[].deprecation.replaced_by.rust_variant",
        TextPolicy::Name,
    ),
    ("retired[].id", TextPolicy::Name),
    ("retired[].message", TextPolicy::Plain),
    ("retired[].since", TextPolicy::Name),
    ("retired[].reason", TextPolicy::Plain),
    ("retired[].replaced_by.id", TextPolicy::Name),
    ("retired[].replaced_by.rust_variant", TextPolicy::Name),
];

/// Names and version of the generated packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    /// The crate's and the npm package's name (kebab-case).
    pub name: String,
    pub version: Version,
    pub description: String,
    pub license: String,
    pub repository: Option<String>,
    /// Where the site is published (no trailing `/`), if it is.
    pub site: Option<String>,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
}

/// The names generated code declares for the catalog as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Names {
    /// The crate as a Rust path (`scf_invoke_status`).
    pub crate_path: String,
    /// The status enum (Rust) and the prefix of the TypeScript types
    /// (`InvokeStatus`).
    pub status: String,
    /// The open code type (Rust) and the union of codes (TypeScript)
    /// (`InvokeStatusCode`).
    pub code: String,
}

/// An integer type of the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Width {
    U16,
    U32,
}

impl Width {
    /// The narrowest width that holds `value`.
    pub fn holding(value: u64) -> Width {
        if u16::try_from(value).is_ok() {
            Width::U16
        } else {
            Width::U32
        }
    }

    /// The Rust type: `u16` or `u32`.
    pub fn rust(self) -> &'static str {
        match self {
            Width::U16 => "u16",
            Width::U32 => "u32",
        }
    }

    pub fn max(self) -> u64 {
        match self {
            Width::U16 => u64::from(u16::MAX),
            Width::U32 => u64::from(u32::MAX),
        }
    }
}

/// What the releases so far say about each code, for the outputs (built by
/// [`crate::release::history`] from `catalog.lock`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// The version being prepared: a code not released yet first appears
    /// in it.
    pub prepared: Version,
    /// Each released code's first version.
    pub first_released: BTreeMap<u32, Version>,
}

/// A language of the texts, with its page's prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    /// BCP 47 tag (`en`).
    pub tag: String,
    /// The language's name in itself (`English`).
    pub name: String,
    pub required: bool,
    /// Its variant of the Rust crate's `Lang` enum (`zh-hant` → `ZhHant`).
    pub rust_variant: String,
    pub page: Page,
}

/// The prose of one language's reference page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    pub title: String,
    pub intro: String,
    pub columns: Columns,
    pub untranslated: String,
    pub other_language: String,
    /// The word that marks a deprecated code (`Deprecated` unless the
    /// catalog says otherwise).
    pub deprecated: String,
    /// The label before the version that first released a code.
    pub since: String,
    /// The heading of the list of retired codes.
    pub retired: String,
    /// The label before the version that retired a code.
    pub retired_in: String,
    /// The label of the site's filter box.
    pub filter: String,
    /// The accessible name of a copy-link button, before the code.
    pub copy_link: String,
    /// Announced once a code's link is copied.
    pub link_copied: String,
    /// Announced when a code's link could not be copied.
    pub copy_failed: String,
    /// What the filter says of the codes that match: holds
    /// [`crate::catalog::COUNT_PLACEHOLDER`] exactly once, where their
    /// number goes.
    pub filter_count: String,
    /// What the filter says when no code matches.
    pub filter_none: String,
    /// The words of the advice beside each code.
    pub advice: AdviceWords,
    pub concepts: Concepts,
}

/// How a page words who must act and what a retry can do: a label per axis
/// (with its punctuation) and a word per value of each vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdviceWords {
    /// The label before who must act (`Who must act:`).
    pub who_acts: String,
    pub nobody: String,
    pub caller: String,
    pub function: String,
    pub account: String,
    pub platform: String,
    /// The label before what a retry can do (`Retry:`).
    pub retry: String,
    pub not_needed: String,
    pub with_backoff: String,
    pub after_fix: String,
    pub caller_decides: String,
    /// The label of the site's control that narrows the page to the codes
    /// a retry can help ([`Retry::can_help`]).
    pub retry_helps: String,
}

impl AdviceWords {
    /// The page's word for `actor`.
    pub fn actor(&self, actor: Actor) -> &str {
        match actor {
            Actor::Nobody => &self.nobody,
            Actor::Caller => &self.caller,
            Actor::Function => &self.function,
            Actor::Account => &self.account,
            Actor::Platform => &self.platform,
        }
    }

    /// The page's word for `retry`.
    pub fn retry_advice(&self, retry: Retry) -> &str {
        match retry {
            Retry::NotNeeded => &self.not_needed,
            Retry::WithBackoff => &self.with_backoff,
            Retry::AfterFix => &self.after_fix,
            Retry::CallerDecides => &self.caller_decides,
        }
    }

    /// What the page shows beside an entry, as `(label, word)` for each
    /// axis the entry sets, who must act first; nothing for an axis it
    /// leaves unset.
    pub fn of(&self, entry: &Entry) -> Vec<(&str, &str)> {
        let mut shown = Vec::new();
        if let Some(actor) = entry.who_acts {
            shown.push((self.who_acts.as_str(), self.actor(actor)));
        }
        if let Some(retry) = entry.retry {
            shown.push((self.retry.as_str(), self.retry_advice(retry)));
        }
        shown
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Columns {
    pub status: String,
    pub description: String,
    pub solution: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concepts {
    pub heading: String,
    pub sections: Vec<ConceptSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConceptSection {
    pub anchor: String,
    pub title: String,
    pub body: String,
}

/// One status code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub code: u32,
    /// The version that first released the code, or the version being
    /// prepared where it is not released yet.
    pub since: Version,
    /// The identifier as the catalog writes it (UpperCamelCase).
    pub id: String,
    pub names: EntryNames,
    pub message: String,
    pub aliases: Vec<String>,
    /// One per language of [`Model::languages`], in that order; `None`
    /// where the entry is not translated.
    pub texts: Vec<Option<Text>>,
    pub deprecation: Option<Deprecation>,
    /// Who must act for the call to succeed; `None` where the catalog does
    /// not say.
    pub who_acts: Option<Actor>,
    /// What retrying the same call can do; `None` where the catalog does
    /// not say.
    pub retry: Option<Retry>,
}

/// The names generated code gives one entry ([`crate::naming`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryNames {
    /// The status enum's variant (`TimeLimitReached`).
    pub rust_variant: String,
    /// The TypeScript property of the identifier map (`TimeLimitReached`).
    pub typescript_member: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Text {
    /// Markdown.
    pub description: String,
    /// Markdown; `None` where there is nothing to do.
    pub solution: Option<String>,
    /// The two as generated code's documentation writes them
    /// ([`Text::docs`]); `None` where both are the text as written.
    #[serde(skip)]
    docs: OnceLock<Option<Box<TextDocs>>>,
}

/// A text's description and solution as rustdoc and JSDoc read them
/// ([`crate::markup::doc_markdown`]), trimmed at the end: `None` where that
/// is the text as written. Most texts are written back as they are, so a
/// text holds a pointer's worth until asked, and afterwards a second copy
/// only of what reads differently in docs (at most the catalog's texts
/// again, for a catalog where every text does).
#[derive(Debug, Clone, PartialEq, Eq)]
struct TextDocs {
    description: Option<String>,
    solution: Option<String>,
}

impl Text {
    pub fn new(description: impl Into<String>, solution: Option<String>) -> Self {
        Text {
            description: description.into(),
            solution,
            docs: OnceLock::new(),
        }
    }

    /// The description as generated code's documentation writes it.
    pub fn doc_description(&self) -> &str {
        self.docs()
            .and_then(|docs| docs.description.as_deref())
            .unwrap_or(self.description.trim_end())
    }

    /// The solution as generated code's documentation writes it.
    pub fn doc_solution(&self) -> Option<&str> {
        let solution = self.solution.as_deref()?;
        Some(
            self.docs()
                .and_then(|docs| docs.solution.as_deref())
                .unwrap_or(solution.trim_end()),
        )
    }

    /// Makes the documentation forms now, if they are not made yet:
    /// `render_all` makes them a share of the texts on each thread before
    /// the renderers start.
    pub fn make_docs(&self) {
        self.docs();
    }

    /// Made the first time they are asked for, and shared from then on (the
    /// Rust crate and the npm package both show every text): made in the
    /// check instead, every text's round trip through the Markdown writer
    /// would run on one core before rendering starts, and for `explain` too.
    fn docs(&self) -> Option<&TextDocs> {
        self.docs
            .get_or_init(|| {
                let doc = |markdown: &str| {
                    let doc = crate::markup::doc_markdown(markdown);
                    (doc.trim_end() != markdown.trim_end()).then(|| doc.trim_end().to_owned())
                };
                let docs = TextDocs {
                    description: doc(&self.description),
                    solution: self.solution.as_deref().and_then(doc),
                };
                (docs.description.is_some() || docs.solution.is_some()).then(|| Box::new(docs))
            })
            .as_deref()
    }
}

/// Texts are equal when they say the same: whether their documentation
/// forms are made yet does not matter.
impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        (&self.description, &self.solution) == (&other.description, &other.solution)
    }
}

impl Eq for Text {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deprecation {
    pub since: Version,
    /// One sentence, trimmed.
    pub reason: String,
    pub replaced_by: Option<Replacement>,
}

/// The entry that replaces a deprecated one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replacement {
    pub code: u32,
    pub id: String,
    pub rust_variant: String,
}

/// A code no longer in the catalog, never to be reused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retired {
    pub code: u32,
    pub id: String,
    pub message: String,
    /// The version that retired it.
    pub since: Version,
    pub reason: String,
    /// The entry to use instead, if any.
    pub replaced_by: Option<Replacement>,
}

impl Model {
    /// The primary language, first in fallback order.
    pub fn primary(&self) -> &Language {
        &self.languages[0]
    }

    /// The position of `tag` in [`Model::languages`].
    pub fn language_index(&self, tag: &str) -> Option<usize> {
        self.languages
            .iter()
            .position(|language| language.tag == tag)
    }

    /// The entry with `code`.
    pub fn entry(&self, code: u32) -> Option<&Entry> {
        self.entry_index(code).map(|index| &self.entries[index])
    }

    /// The position of the entry with `code` in [`Model::entries`].
    pub fn entry_index(&self, code: u32) -> Option<usize> {
        self.entries
            .binary_search_by_key(&code, |entry| entry.code)
            .ok()
    }

    /// Every message a lookup by message accepts (each entry's message,
    /// then its aliases, entries in code order), in the order they first
    /// appear, with the codes that accept it in ascending order. The first
    /// code is the one a lookup answers: a shared message names the lowest.
    pub fn accepted_messages(&self) -> Vec<AcceptedMessage<'_>> {
        let mut messages: Vec<AcceptedMessage> = Vec::new();
        let mut position: BTreeMap<&str, usize> = BTreeMap::new();
        for entry in &self.entries {
            for text in entry.accepted_messages() {
                let at = *position.entry(text).or_insert_with(|| {
                    messages.push(AcceptedMessage {
                        text,
                        codes: Vec::new(),
                    });
                    messages.len() - 1
                });
                let codes = &mut messages[at].codes;
                if codes.last() != Some(&entry.code) {
                    codes.push(entry.code);
                }
            }
        }
        messages
    }

    /// The entry a lookup by `message` (or alias) answers: the lowest code
    /// that accepts it.
    pub fn owner_of_message(&self, message: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| {
            entry
                .accepted_messages()
                .any(|accepted| accepted == message)
        })
    }

    /// The entry examples show: the first that is neither a success nor
    /// deprecated, and that a lookup by its message finds (no lower code
    /// shares the message); or else the first of all.
    pub fn example(&self) -> &Entry {
        self.entries
            .iter()
            .find(|entry| {
                !(200..300).contains(&entry.code)
                    && entry.deprecation.is_none()
                    && self
                        .owner_of_message(&entry.message)
                        .is_some_and(|owner| owner.code == entry.code)
            })
            .unwrap_or(&self.entries[0])
    }

    /// A code that examples of an unknown code can show: the first above
    /// every code in use (entries and retired codes), wrapping round the
    /// code type's range; `None` when the catalog uses every code the type
    /// holds.
    pub fn unknown_example_code(&self) -> Option<u32> {
        let used = |code: u32| {
            self.entry(code).is_some() || self.retired.iter().any(|retired| retired.code == code)
        };
        let highest = self
            .entries
            .iter()
            .map(|entry| entry.code)
            .chain(self.retired.iter().map(|retired| retired.code))
            .max()
            .unwrap_or(0);
        let max = u32::try_from(self.code_width.max()).unwrap_or(u32::MAX);
        // At most one more candidate than there are codes in use is tried.
        let in_use = self.entries.len() + self.retired.len();
        (highest.saturating_add(1)..=max)
            .chain(0..highest)
            .take(in_use + 1)
            .find(|&code| !used(code))
    }

    /// What renderers rely on and [`build()`] guarantees, checked for a model
    /// built some other way: at least one language and one entry, entries
    /// in strictly ascending code order, one text slot per language.
    pub fn check(&self) -> Result<(), Unchecked> {
        if self.languages.is_empty() || self.entries.is_empty() {
            return Err(Unchecked(
                "a model needs a language and an entry".to_owned(),
            ));
        }
        if self
            .entries
            .windows(2)
            .any(|pair| pair[0].code >= pair[1].code)
        {
            return Err(Unchecked(
                "entries are not in ascending code order".to_owned(),
            ));
        }
        if let Some(entry) = self
            .entries
            .iter()
            .find(|entry| entry.texts.len() != self.languages.len())
        {
            return Err(Unchecked(format!(
                "entry {} has {} text slots for {} languages",
                entry.code,
                entry.texts.len(),
                self.languages.len()
            )));
        }
        Ok(())
    }

    /// How many entries have text in each language, in fallback order.
    pub fn coverage(&self) -> Vec<(&str, usize, usize)> {
        self.languages
            .iter()
            .enumerate()
            .map(|(index, language)| {
                let translated = self
                    .entries
                    .iter()
                    .filter(|entry| entry.texts[index].is_some())
                    .count();
                (language.tag.as_str(), translated, self.entries.len())
            })
            .collect()
    }
}

impl Entry {
    /// The text in the language at `index` of [`Model::languages`].
    pub fn text(&self, index: usize) -> Option<&Text> {
        self.texts.get(index).and_then(Option::as_ref)
    }

    /// The text in the language at `index`, or else in the first language
    /// (in fallback order) that has one, with that language's index. Every
    /// entry has text in at least one language.
    pub fn text_or_fallback(&self, index: usize) -> Option<(usize, &Text)> {
        match self.text(index) {
            Some(text) => Some((index, text)),
            None => self
                .texts
                .iter()
                .enumerate()
                .find_map(|(index, text)| text.as_ref().map(|text| (index, text))),
        }
    }

    /// The message and every alias: everything a lookup by message accepts.
    pub fn accepted_messages(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.message.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A message a lookup accepts, with every code that accepts it (see
/// [`Model::accepted_messages`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedMessage<'a> {
    pub text: &'a str,
    /// Ascending; never empty. The first is the code a lookup answers.
    pub codes: Vec<u32>,
}

/// Something validation guarantees did not hold; a bug, reported rather
/// than a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unchecked(pub String);
