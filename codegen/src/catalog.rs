//! The catalog model: what `catalog.yaml` says, as Rust types.
//!
//! These types are deserialized by [`crate::load`] and checked by
//! [`crate::validate`]. A [`Catalog`] that reaches a renderer has passed every
//! rule, so renderers never re-check anything and never read the YAML.
//!
//! Values that a diagnostic may point at are [`Located`]: they carry the
//! line and column where the catalog wrote them.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;

use schemars::JsonSchema;
use serde::Deserialize;

/// A place in the catalog file: 1-based line and column (in characters), and
/// the length in characters of the value there (for the `^^^` underline).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub len: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A value and where the catalog wrote it. Compares, orders and hashes by
/// value only, so `Located<String>` works as a map key.
#[derive(Clone, Debug)]
pub struct Located<T> {
    pub value: T,
    pub at: Pos,
}

impl<T> Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// `for item in &located_list` iterates the list.
impl<'a, T> IntoIterator for &'a Located<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        (&self.value).into_iter()
    }
}

/// In the schema a located value is just its value.
impl<T: JsonSchema> JsonSchema for Located<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<T: fmt::Display> fmt::Display for Located<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for Located<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl<T: Eq> Eq for Located<T> {}
impl<T: Ord> PartialOrd for Located<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T: Ord> Ord for Located<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

/// The whole catalog file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub package: Package,
    /// The range every `code` must fall in.
    pub codes: CodeRange,
    /// Declared languages, in fallback order: the first is the primary one.
    pub languages: Vec<Language>,
    /// The reference page's own words, per language tag.
    pub pages: BTreeMap<Located<String>, Page>,
    pub entries: Located<Vec<Entry>>,
    /// Codes removed from the catalog. A retired code is never given to a
    /// new entry: consumers may still receive it from old platforms.
    pub retired: Option<Vec<Retired>>,
}

/// A code that is no longer in the catalog, kept so that it is never reused.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retired {
    pub code: Located<u32>,
    /// The identifier it had.
    pub id: Located<String>,
    /// The status message it had.
    pub message: Located<String>,
    /// The version of the generated packages that removed it.
    pub since: Located<String>,
    /// Why it was removed.
    pub reason: Located<String>,
    /// The code to use instead, if there is one (an entry).
    pub replaced_by: Option<Located<u32>>,
}

/// An entry that consumers should stop relying on; it stays in the outputs,
/// marked, until it is retired.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// The version of the generated packages that deprecated it.
    pub since: Located<String>,
    /// Why, in a sentence.
    pub reason: Located<String>,
    /// The code to use instead, if there is one.
    pub replaced_by: Option<Located<u32>>,
}

/// Names and version of the generated packages.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// Name of the Rust crate and of the npm package (kebab-case).
    #[schemars(regex(pattern = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"))]
    pub name: Located<String>,
    /// Semantic version of both generated packages.
    #[schemars(regex(pattern = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"))]
    pub version: Located<String>,
    /// One line saying what the packages are, for their manifests.
    pub description: Located<String>,
    /// Name of the generated Rust enum and TypeScript types (UpperCamelCase).
    pub type_name: Located<String>,
    /// SPDX license expression of the generated packages.
    pub license: Located<String>,
    /// Where the generated packages' source lives, if it is published.
    pub repository: Option<Located<String>>,
    /// Where the site (`generated/site/`) is published, if it is: an
    /// http(s) URL, from which every code gets a documentation URL per
    /// language and the texts' in-page links are made absolute in the
    /// runtimes.
    pub site: Option<Located<String>>,
    /// Search keywords for crates.io and npm (at most 5).
    #[schemars(length(max = 5))]
    pub keywords: Vec<Located<String>>,
    /// crates.io category slugs.
    pub categories: Vec<Located<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeRange {
    #[schemars(range(max = 4_294_967_295u32))]
    pub min: Located<u32>,
    #[schemars(range(max = 4_294_967_295u32))]
    pub max: Located<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 tag, such as `en` or `zh`.
    pub tag: Located<String>,
    /// The language's name in itself, such as `English` or `简体中文`.
    pub name: Located<String>,
    /// Whether every entry must have current text in this language: its
    /// missing and stale texts are errors rather than warnings.
    pub required: Option<Located<bool>>,
}

/// Where [`Page::filter_count`] puts the number of matching codes.
pub const COUNT_PLACEHOLDER: &str = "{count}";

/// The prose of one language's reference page. Every word a reader sees
/// comes from here; templates hold layout only.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: Located<String>,
    pub intro: Located<String>,
    pub columns: Columns,
    /// Shown in place of text that has not been translated into this language.
    pub untranslated: Located<String>,
    /// Label of the link to the same page in another language.
    pub other_language: Located<String>,
    /// The word that marks a deprecated code [default: `Deprecated`].
    pub deprecated: Option<Located<String>>,
    /// The label before the version that first released a code
    /// [default: `Since`].
    pub since: Option<Located<String>>,
    /// The heading of the list of retired codes [default: `Retired codes`].
    pub retired: Option<Located<String>>,
    /// The label before the version that retired a code [default: `Retired in`].
    pub retired_in: Option<Located<String>>,
    /// The label of the site's filter box [default: `Filter by code, name or words`].
    pub filter: Option<Located<String>>,
    /// The accessible name of a code's copy-link button on the site, before
    /// the code [default: `Copy the link to`].
    pub copy_link: Option<Located<String>>,
    /// Announced on the site once a code's link is copied [default: `Link copied`].
    pub link_copied: Option<Located<String>>,
    /// Announced on the site when a code's link could not be copied
    /// [default: `Could not copy the link`].
    pub copy_failed: Option<Located<String>>,
    /// What the site's filter says of the codes that match, with
    /// [`COUNT_PLACEHOLDER`] once where their number goes
    /// [default: `Matching codes: {count}`].
    pub filter_count: Option<Located<String>>,
    /// What the site's filter says when no code matches [default: `No code matches`].
    pub filter_none: Option<Located<String>>,
    /// The words of the advice shown beside each code [default: English].
    pub advice: Option<AdviceWords>,
    pub concepts: Concepts,
}

/// How a page words the advice beside each code: a label per axis (with
/// its punctuation, as the page shows it before the word) and a word for
/// each value of its vocabulary ([`crate::advice`]), under the value's own
/// key. Each is optional, with an English default.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdviceWords {
    /// The label before who must act [default: `Who must act:`].
    pub who_acts: Option<Located<String>>,
    /// The word for `who_acts: nobody` [default: `nobody`].
    pub nobody: Option<Located<String>>,
    /// The word for `who_acts: caller` [default: `the caller`].
    pub caller: Option<Located<String>>,
    /// The word for `who_acts: function` [default: `the function's owner`].
    pub function: Option<Located<String>>,
    /// The word for `who_acts: account` [default: `the account's owner`].
    pub account: Option<Located<String>>,
    /// The word for `who_acts: platform` [default: `the platform`].
    pub platform: Option<Located<String>>,
    /// The label before what a retry can do [default: `Retry:`].
    pub retry: Option<Located<String>>,
    /// The word for `retry: not_needed` [default: `not needed`].
    pub not_needed: Option<Located<String>>,
    /// The word for `retry: with_backoff` [default: `may succeed later, with backoff`].
    pub with_backoff: Option<Located<String>>,
    /// The word for `retry: after_fix` [default: `only after a fix`].
    pub after_fix: Option<Located<String>>,
    /// The word for `retry: caller_decides` [default: `the caller decides`].
    pub caller_decides: Option<Located<String>>,
    /// The label of the site's control that narrows the page to the codes a
    /// retry can help [default: `Only codes a retry can help`].
    pub retry_helps: Option<Located<String>>,
}

impl AdviceWords {
    /// Every label and word the catalog wrote.
    pub fn written(&self) -> impl Iterator<Item = &Located<String>> {
        [
            &self.who_acts,
            &self.nobody,
            &self.caller,
            &self.function,
            &self.account,
            &self.platform,
            &self.retry,
            &self.not_needed,
            &self.with_backoff,
            &self.after_fix,
            &self.caller_decides,
            &self.retry_helps,
        ]
        .into_iter()
        .flatten()
    }
}

/// Column headings of the status table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub status: Located<String>,
    pub description: Located<String>,
    pub solution: Located<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Concepts {
    pub heading: Located<String>,
    pub sections: Vec<ConceptSection>,
}

/// A section of the concepts part of the page, reachable as `#anchor`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConceptSection {
    pub anchor: Located<String>,
    pub title: Located<String>,
    /// Markdown.
    pub body: Located<String>,
}

/// One status code.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The status code.
    #[schemars(range(max = 4_294_967_295u32))]
    pub code: Located<u32>,
    /// UpperCamelCase name used in generated code.
    #[schemars(regex(pattern = r"^[A-Z][A-Za-z0-9]*$"))]
    pub id: Located<String>,
    /// The status message exactly as the platform returns it.
    pub message: Located<String>,
    /// Other spellings of the message that lookups must also accept.
    pub aliases: Option<Vec<Located<String>>>,
    /// Description and solution per language tag. A language that is absent
    /// here is untranslated for this entry.
    #[schemars(with = "BTreeMap<Located<String>, Text>")]
    pub text: Located<Texts>,
    /// Set when consumers should stop relying on this code.
    pub deprecated: Option<Deprecation>,
    /// Who must act for the call to succeed (`crate::advice::Actor`); left
    /// out where the texts do not say.
    #[schemars(extend("enum" = ["nobody", "caller", "function", "account", "platform"]))]
    pub who_acts: Option<Located<String>>,
    /// What retrying the same call can do (`crate::advice::Retry`); left
    /// out where the texts do not say.
    #[schemars(extend("enum" = ["not_needed", "with_backoff", "after_fix", "caller_decides"]))]
    pub retry: Option<Located<String>>,
}

/// An entry's texts by language tag, in tag order (as a `BTreeMap`
/// iterates them), kept as a sorted slice: an entry has a handful, and a
/// `BTreeMap`'s node of eleven would be most of the catalog's memory
/// (about 1.8 KB an entry).
#[derive(Debug)]
pub struct Texts(Box<[(Located<String>, Text)]>);

impl Texts {
    pub fn iter(&self) -> impl Iterator<Item = (&Located<String>, &Text)> {
        self.0.iter().map(|(tag, text)| (tag, text))
    }

    pub fn values(&self) -> impl Iterator<Item = &Text> {
        self.0.iter().map(|(_, text)| text)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let texts = BTreeMap::<Located<String>, Text>::deserialize(deserializer)?;
        Ok(Texts(texts.into_iter().collect()))
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Markdown.
    pub description: Located<String>,
    /// Markdown. Absent when there is nothing to do (as for 200 Success).
    pub solution: Option<Located<String>>,
    /// For a translation: the source language's tag and the fingerprint of
    /// its text when this one was last reviewed, like `zh 1a2b3c4d` (see
    /// [`crate::translation`]).
    #[schemars(regex(pattern = r"^[a-z-]+ [0-9a-f]{8}$"))]
    pub translated_from: Option<Located<String>>,
}

impl Catalog {
    /// Language tags in declaration (fallback) order.
    pub fn language_tags(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|language| language.tag.as_str())
    }

    /// The page prose for `tag`. Validation guarantees every declared
    /// language has one.
    pub fn page(&self, tag: &str) -> Option<&Page> {
        self.pages
            .iter()
            .find(|(key, _)| key.as_str() == tag)
            .map(|(_, page)| page)
    }
}

impl Entry {
    pub fn text_in(&self, tag: &str) -> Option<&Text> {
        self.text
            .iter()
            .find(|(key, _)| key.as_str() == tag)
            .map(|(_, text)| text)
    }

    pub fn aliases(&self) -> &[Located<String>] {
        self.aliases.as_deref().unwrap_or_default()
    }
}
