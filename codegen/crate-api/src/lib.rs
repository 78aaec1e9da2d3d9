//! The template of the generated crate: its fixed API, written and checked
//! as real Rust, here compiled and tested against a small table of three
//! codes in two languages.
//!
//! `codegen`'s Rust renderer (`codegen/src/render/rust/template.rs`) copies
//! every item of this file into the generated `lib.rs`, in this order, with
//! these changes and no other:
//!
//! - the placeholder names become the catalog's: `CatalogStatus` its
//!   `type_name`, `CatalogStatusCode` that name and `Code`, `CodeInt` and
//!   `IndexInt` the integer types the catalog needs, `serialize_u16` the
//!   serializer of `CodeInt` (in doc comments too, as whole words; the
//!   placeholders are no English words, so no prose is renamed by chance);
//! - the catalog supplies the data of the items listed in `SUPPLIED` there,
//!   and only the data: the variants of the two enums, the values (and
//!   lengths) of `CatalogStatus::ALL`, `Lang::ALL`, `LANGUAGES` and the
//!   tables, the bodies of `Lang::tag` and `Lang::name`, the doc line
//!   naming the fallback order, the docs of `CatalogStatusCode` (an example
//!   with one of its codes) and of the crate; this file keeps the rest
//!   (signatures, attributes, docs);
//! - the aliases `CodeInt` and `IndexInt` and `mod template_tests` are left
//!   out.
//!
//! The renderer refuses a template whose items and `SUPPLIED` disagree.
//! Plain `//` comments never reach the output.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

use core::fmt;
use core::str::FromStr;

mod message_hash;

/// The integer type of status codes (`u16`, or `u32` for wide catalogs).
type CodeInt = u16;

/// The integer type of positions in the tables.
type IndexInt = u16;

/// A status code of a function invocation, as this version of the catalog knows it.
///
/// Codes are added over time, so the enum is `#[non_exhaustive]`; to keep a code this
/// version does not know, parse responses into the code type of this crate instead.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[repr(u16)]
pub enum CatalogStatus {
    /// `200 Success`
    Success = 200,
    /// `433 TimeLimitReached`
    TimeLimitReached = 433,
    /// `439 User process exit when running`
    UserProcessExit = 439,
}

/// Prints the variant name, as a derived `Debug` would. Written out because a
/// derived one is a `match` with an arm per code, slow to compile for large catalogs.
impl fmt::Debug for CatalogStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(NAMES[self.index()])
    }
}

impl CatalogStatus {
    /// Every status, in ascending code order.
    #[allow(deprecated)]
    pub const ALL: &'static [Self] =
        &[Self::Success, Self::TimeLimitReached, Self::UserProcessExit];

    /// The numeric status code.
    pub const fn code(self) -> CodeInt {
        self as CodeInt
    }

    /// The status with this code, if this version knows it.
    pub const fn from_code(code: CodeInt) -> Option<Self> {
        match index_of_code(code) {
            Some(index) => Some(Self::ALL[index]),
            None => None,
        }
    }

    /// The status with this message, if any. Aliases (other spellings the platform
    /// has used) are accepted. Where several codes share a message, this is the
    /// lowest of them.
    pub fn from_message(message: &str) -> Option<Self> {
        let hash = message_hash::hash(message.as_bytes(), MESSAGE_SEED);
        let pilot = MESSAGE_PILOTS[message_hash::bucket(hash, MESSAGE_PILOTS.len())];
        match BY_MESSAGE[message_hash::slot(hash, pilot, BY_MESSAGE.len())] {
            (known, index) if known == message => Some(Self::ALL[index as usize]),
            _ => None,
        }
    }

    /// The status message exactly as the platform returns it.
    pub fn status_message(self) -> &'static str {
        MESSAGES[self.index()]
    }

    /// Other spellings of the status message that the platform has used.
    pub fn aliases(self) -> &'static [&'static str] {
        let index = self.index() as IndexInt;
        let first = ALIAS_OWNERS.partition_point(|&owner| owner < index);
        let count = ALIAS_OWNERS[first..]
            .iter()
            .take_while(|&&owner| owner == index)
            .count();
        &ALIAS_TEXTS[first..first + count]
    }

    /// What the status means, in `lang`; `None` where it is not translated.
    pub fn description(self, lang: Lang) -> Option<&'static str> {
        text(&DESCRIPTIONS, self.index(), lang)
    }

    /// What to do about the status, in `lang`; `None` where it is not translated
    /// or nothing needs doing.
    pub fn solution(self, lang: Lang) -> Option<&'static str> {
        text(&SOLUTIONS, self.index(), lang)
    }

    /// The description in `lang` or, where it is not translated, in the first language
    /// in the order of [`Lang::ALL`] (English, 中文)
    /// that has one; with the language it is in. Every status has a description in
    /// at least one language.
    pub fn description_or_fallback(self, lang: Lang) -> (Lang, &'static str) {
        let fallback = Lang::ALL
            .iter()
            .find_map(|&other| self.description(other).map(|text| (other, text)));
        match (self.description(lang), fallback) {
            (Some(text), _) => (lang, text),
            (None, Some(found)) => found,
            (None, None) => (lang, ""),
        }
    }

    /// The solution in `lang` or, where it is not translated, in the first language
    /// in the order of [`Lang::ALL`] (English, 中文)
    /// that has one; with the language it is in. `None` where no language has one.
    pub fn solution_or_fallback(self, lang: Lang) -> Option<(Lang, &'static str)> {
        match self.solution(lang) {
            Some(text) => Some((lang, text)),
            None => Lang::ALL
                .iter()
                .find_map(|&other| self.solution(other).map(|text| (other, text))),
        }
    }

    /// Whether the code is in the 2xx range.
    pub const fn is_success(self) -> bool {
        matches!(self.code(), 200..=299)
    }

    /// The position of this status in the code-ordered tables.
    fn index(self) -> usize {
        // Every variant's code is in `ALL` by construction.
        index_of_code(self.code()).unwrap_or(0)
    }
}

/// The code and the status message, separated by a space.
impl fmt::Display for CatalogStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.status_message())
    }
}

impl From<CatalogStatus> for CodeInt {
    fn from(status: CatalogStatus) -> CodeInt {
        status.code()
    }
}

impl TryFrom<CodeInt> for CatalogStatus {
    type Error = UnknownStatusCode;
    fn try_from(code: CodeInt) -> Result<Self, UnknownStatusCode> {
        Self::from_code(code).ok_or(UnknownStatusCode { code })
    }
}

/// Parses a status message (or an alias); see [`from_message`](Self::from_message).
impl FromStr for CatalogStatus {
    type Err = UnknownStatusMessage;
    fn from_str(message: &str) -> Result<Self, UnknownStatusMessage> {
        Self::from_message(message).ok_or(UnknownStatusMessage { _private: () })
    }
}

impl PartialEq<CodeInt> for CatalogStatus {
    fn eq(&self, code: &CodeInt) -> bool {
        self.code() == *code
    }
}

impl PartialEq<CatalogStatus> for CodeInt {
    fn eq(&self, status: &CatalogStatus) -> bool {
        *self == status.code()
    }
}

#[cfg(feature = "std")]
impl std::error::Error for CatalogStatus {}

/// Any status code an invocation can return, known to this version or not.
///
/// The generated crate's documentation of this type shows one of its own
/// codes in an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CatalogStatusCode(CodeInt);

impl CatalogStatusCode {
    /// Wraps any numeric status code.
    pub const fn new(code: CodeInt) -> Self {
        Self(code)
    }

    /// The numeric status code, unchanged.
    pub const fn get(self) -> CodeInt {
        self.0
    }

    /// The status, if this version knows the code.
    pub const fn known(self) -> Option<CatalogStatus> {
        CatalogStatus::from_code(self.0)
    }

    /// The status message, if this version knows the code.
    pub fn status_message(self) -> Option<&'static str> {
        match self.known() {
            Some(status) => Some(status.status_message()),
            None => None,
        }
    }

    /// Whether the code is in the 2xx range, known or not.
    pub const fn is_success(self) -> bool {
        matches!(self.0, 200..=299)
    }

    /// The retired code this is, if the catalog retired it: no status has
    /// it any more, but an older platform may still return it.
    pub fn retired(self) -> Option<RetiredStatus> {
        RETIRED
            .binary_search_by_key(&self.0, |retired| retired.code)
            .ok()
            .map(|index| RETIRED[index])
    }
}

impl fmt::Display for CatalogStatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.known() {
            Some(status) => fmt::Display::fmt(&status, f),
            None => write!(f, "{} <unknown status code>", self.0),
        }
    }
}

impl From<CodeInt> for CatalogStatusCode {
    fn from(code: CodeInt) -> Self {
        Self(code)
    }
}

impl From<CatalogStatusCode> for CodeInt {
    fn from(code: CatalogStatusCode) -> CodeInt {
        code.0
    }
}

impl From<CatalogStatus> for CatalogStatusCode {
    fn from(status: CatalogStatus) -> Self {
        Self(status.code())
    }
}

impl PartialEq<CatalogStatus> for CatalogStatusCode {
    fn eq(&self, status: &CatalogStatus) -> bool {
        self.0 == status.code()
    }
}

impl PartialEq<CatalogStatusCode> for CatalogStatus {
    fn eq(&self, code: &CatalogStatusCode) -> bool {
        self.code() == code.0
    }
}

/// The error of `CatalogStatus::try_from(CodeInt)`: this version does not know the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnknownStatusCode {
    code: CodeInt,
}

impl UnknownStatusCode {
    /// The code that is not known.
    pub const fn code(&self) -> CodeInt {
        self.code
    }
}

impl fmt::Display for UnknownStatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown status code {}", self.code)
    }
}

/// The error of `str::parse::<CatalogStatus>()`: no status has this message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnknownStatusMessage {
    _private: (),
}

impl fmt::Display for UnknownStatusMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown status message")
    }
}

#[cfg(feature = "std")]
impl std::error::Error for UnknownStatusCode {}

#[cfg(feature = "std")]
impl std::error::Error for UnknownStatusMessage {}

/// A code the catalog retired: what it meant, when it went, and what to use
/// instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetiredStatus {
    code: CodeInt,
    message: &'static str,
    retired_in: &'static str,
    replaced_by: Option<CatalogStatus>,
}

impl RetiredStatus {
    /// The numeric status code.
    pub const fn code(&self) -> CodeInt {
        self.code
    }

    /// The status message it had.
    pub const fn status_message(&self) -> &'static str {
        self.message
    }

    /// The version of this crate that retired it.
    pub const fn retired_in(&self) -> &'static str {
        self.retired_in
    }

    /// The status to use instead, if there is one.
    pub const fn replaced_by(&self) -> Option<CatalogStatus> {
        self.replaced_by
    }
}

/// A language of the catalog's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lang {
    /// English (`en`).
    En,
    /// 中文 (`zh`).
    Zh,
}

impl Lang {
    /// Every language, in fallback order.
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Zh];

    /// The language tag, such as `en`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language's name in itself, such as `English`.
    pub const fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// The language with this tag, if the catalog has it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|lang| lang.tag() == tag)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

const LANGUAGES: usize = 2;

/// Variant names, in code order (for `Debug`).
static NAMES: [&str; 3] = ["Success", "TimeLimitReached", "UserProcessExit"];

/// Status messages, in code order.
static MESSAGES: [&str; 3] = [
    "Success",
    "TimeLimitReached",
    "User process exit when running",
];

/// Descriptions: `LANGUAGES` cells per status, in code order; "" where untranslated.
static DESCRIPTIONS: [&str; 6] = [
    "It worked.",
    "成功。",
    "The function timed out.",
    "",
    "",
    "用户进程意外退出。",
];

/// Solutions, laid out as `DESCRIPTIONS`; "" where untranslated or not needed.
static SOLUTIONS: [&str; 6] = ["", "", "See the handler.", "", "", ""];

/// The index of the status each alias belongs to, ascending; see `ALIAS_TEXTS`.
static ALIAS_OWNERS: [IndexInt; 1] = [2];

/// The aliases, parallel to `ALIAS_OWNERS`.
static ALIAS_TEXTS: [&str; 1] = ["User preocess exit when running"];

/// Every accepted message and the index of its status (the lowest code of a
/// shared message), each in the slot `message_hash` gives it under
/// `MESSAGE_SEED` and `MESSAGE_PILOTS`. A slot no message hashes to holds a
/// copy of the first row: a lookup that lands there finds that message
/// or nothing, as anywhere else.
static BY_MESSAGE: [(&str, IndexInt); 5] = [
    ("User process exit when running", 2),
    ("Success", 0),
    ("User process exit when running", 2),
    ("TimeLimitReached", 1),
    ("User preocess exit when running", 2),
];

/// The seed of the message hash, chosen by the generator.
const MESSAGE_SEED: u64 = 0;

/// One pilot per bucket of message hashes, chosen by the generator so that
/// every message of `BY_MESSAGE` has a slot of its own.
static MESSAGE_PILOTS: [u16; 1] = [6];

/// The retired codes, in code order.
#[allow(deprecated)]
static RETIRED: [RetiredStatus; 1] = [RetiredStatus {
    code: 431,
    message: "OldTimeout",
    retired_in: "0.9.0",
    replaced_by: Some(CatalogStatus::TimeLimitReached),
}];

fn text(table: &'static [&'static str], index: usize, lang: Lang) -> Option<&'static str> {
    match table[index * LANGUAGES + lang as usize] {
        "" => None,
        text => Some(text),
    }
}

/// The first code of `POSITIONS`.
const FIRST_CODE: CodeInt = 200;

/// Marks a code no status has in `POSITIONS`.
const NO_STATUS: IndexInt = IndexInt::MAX;

/// For each code from `FIRST_CODE` to the highest, its position in the
/// code-ordered tables, or `NO_STATUS`: a lookup is one index.
#[allow(clippy::large_const_arrays)] // used once, by reference: never copied
const POSITIONS: [IndexInt; 240] = {
    let mut positions = [NO_STATUS; 240];
    positions[0] = 0;
    positions[233] = 1;
    positions[239] = 2;
    positions
};

/// The position of `code` in the code-ordered tables.
const fn index_of_code(code: CodeInt) -> Option<usize> {
    // A reference to the constant, so that it is read in place, not copied.
    let positions: &[IndexInt] = &POSITIONS;
    // `checked_sub`, not `code < FIRST_CODE`: with a first code of 0 that
    // comparison is always false, which clippy refuses.
    let offset = match code.checked_sub(FIRST_CODE) {
        Some(offset) if (offset as usize) < positions.len() => offset as usize,
        _ => return None,
    };
    match positions[offset] {
        NO_STATUS => None,
        index => Some(index as usize),
    }
}

/// Serialized as the numeric code.
#[cfg(feature = "serde")]
impl serde::Serialize for CatalogStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.code())
    }
}

/// Deserialized from the numeric code; a code this version does not know is an error.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CatalogStatus {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <CodeInt as serde::Deserialize>::deserialize(deserializer)?;
        Self::from_code(code).ok_or_else(|| serde::de::Error::custom(UnknownStatusCode { code }))
    }
}

/// Serialized as the numeric code.
#[cfg(feature = "serde")]
impl serde::Serialize for CatalogStatusCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

/// Deserialized from any numeric code, known or not.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CatalogStatusCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <CodeInt as serde::Deserialize>::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_in_ascending_order() {
        assert!(CatalogStatus::ALL
            .windows(2)
            .all(|pair| pair[0].code() < pair[1].code()));
        assert_eq!(CatalogStatus::ALL.len(), MESSAGES.len());
    }

    /// Whether `status` has `message` as its message or as an alias.
    fn owns(status: CatalogStatus, message: &str) -> bool {
        status.status_message() == message || status.aliases().contains(&message)
    }

    #[test]
    fn a_message_finds_only_a_status_that_has_it() {
        for &status in CatalogStatus::ALL {
            let message = status.status_message();
            // Near misses: the message shortened at either end, by each
            // character boundary; what one finds must have it.
            let misses = message
                .char_indices()
                .skip(1)
                .flat_map(|(at, _)| [&message[..at], &message[at..]]);
            let unknown = ["", " ", "NoSuchStatusMessage", "\u{0}"];
            for miss in misses.chain(unknown.iter().copied()) {
                if let Some(found) = CatalogStatus::from_message(miss) {
                    assert!(owns(found, miss), "{:?} found {:?}", miss, found);
                }
            }
        }
    }

    #[test]
    fn every_status_is_found_by_its_code_its_message_and_its_aliases() {
        for &status in CatalogStatus::ALL {
            assert_eq!(CatalogStatus::from_code(status.code()), Some(status));
            for message in
                core::iter::once(status.status_message()).chain(status.aliases().iter().copied())
            {
                // A shared message finds the lowest code that has it.
                let found = CatalogStatus::from_message(message);
                assert!(
                    found.map_or(false, |found| owns(found, message)
                        && found.code() <= status.code()),
                    "{}",
                    message
                );
            }
        }
    }
}

/// The fixed API's behaviour on the template's table; not copied into the
/// generated crate (whose own tests and the downstream crates cover it
/// there).
#[cfg(test)]
mod template_tests {
    extern crate std;
    use super::*;
    use std::string::ToString;

    #[test]
    fn a_retired_code_says_when_it_went_and_what_replaces_it() {
        let retired = CatalogStatusCode::new(431).retired().unwrap();
        assert_eq!(retired.code(), 431);
        assert_eq!(retired.status_message(), "OldTimeout");
        assert_eq!(retired.retired_in(), "0.9.0");
        assert_eq!(retired.replaced_by(), Some(CatalogStatus::TimeLimitReached));
        assert_eq!(CatalogStatusCode::new(433).retired(), None);
        assert_eq!(CatalogStatusCode::new(432).retired(), None);
    }

    #[test]
    fn codes_and_messages_find_their_statuses_and_unknown_ones_do_not() {
        assert_eq!(
            CatalogStatus::from_code(433),
            Some(CatalogStatus::TimeLimitReached)
        );
        assert_eq!(CatalogStatus::from_code(434), None);
        assert_eq!(CatalogStatus::from_code(199), None);
        assert_eq!(CatalogStatus::from_code(CodeInt::MAX), None);
        assert_eq!(
            "User preocess exit when running".parse(),
            Ok(CatalogStatus::UserProcessExit)
        );
        assert_eq!(
            "nothing".parse::<CatalogStatus>(),
            Err(UnknownStatusMessage { _private: () })
        );
        assert_eq!(
            CatalogStatus::try_from(1),
            Err(UnknownStatusCode { code: 1 })
        );
        assert_eq!(
            CatalogStatus::UserProcessExit.aliases(),
            ["User preocess exit when running"]
        );
        assert!(CatalogStatus::Success.aliases().is_empty());
    }

    #[test]
    fn texts_fall_back_in_the_order_of_the_languages() {
        let status = CatalogStatus::UserProcessExit;
        assert_eq!(status.description(Lang::En), None);
        assert_eq!(
            status.description_or_fallback(Lang::En),
            (Lang::Zh, "用户进程意外退出。")
        );
        assert_eq!(status.solution_or_fallback(Lang::Zh), None);
        assert_eq!(
            CatalogStatus::TimeLimitReached.solution_or_fallback(Lang::Zh),
            Some((Lang::En, "See the handler."))
        );
        assert_eq!(Lang::from_tag("zh"), Some(Lang::Zh));
        assert_eq!(Lang::Zh.name(), "中文");
    }

    #[test]
    fn the_open_code_type_keeps_unknown_codes_and_displays_both_kinds() {
        assert_eq!(
            CatalogStatus::TimeLimitReached.to_string(),
            "433 TimeLimitReached"
        );
        assert_eq!(
            CatalogStatusCode::new(461).to_string(),
            "461 <unknown status code>"
        );
        assert_eq!(
            CatalogStatusCode::from(433),
            CatalogStatus::TimeLimitReached
        );
        assert_eq!(CodeInt::from(CatalogStatusCode::new(461)), 461);
        assert!(
            CatalogStatusCode::new(299).is_success() && !CatalogStatusCode::new(300).is_success()
        );
        assert_eq!(std::format!("{:?}", CatalogStatus::Success), "Success");
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_writes_the_numeric_code_and_refuses_unknown_ones_for_the_enum_only() {
        assert_eq!(
            serde_json::to_string(&CatalogStatus::TimeLimitReached).unwrap(),
            "433"
        );
        assert_eq!(
            serde_json::from_str::<CatalogStatus>("200").unwrap(),
            CatalogStatus::Success
        );
        assert!(serde_json::from_str::<CatalogStatus>("461").is_err());
        assert_eq!(
            serde_json::from_str::<CatalogStatusCode>("461").unwrap(),
            CatalogStatusCode::new(461)
        );
    }
}
