//! The template of the generated crate: its fixed API, written and checked
//! as real Rust, here compiled and tested against the small table of
//! `codegen/tests/fixtures/minimal.yaml`.
//!
//! `codegen`'s Rust renderer (`codegen/src/render/rust/`) copies every item
//! of this file into the generated `lib.rs`, in this order, with three kinds
//! of change and no other:
//!
//! - the names: `Status` becomes the catalog's `type_name`, `StatusCode`
//!   that name and `Code`, `Code` and `Index` the integer types the catalog
//!   needs (the aliases below are dropped), `serialize_u16` the serializer
//!   of `Code`; in doc comments too, as whole words;
//! - the catalog's items replace those of the same name here: the crate
//!   docs, the `Status` and `Lang` enums, `Status::ALL`, `impl Lang`, the
//!   docs of `StatusCode`, the doc line naming the fallback order, and the
//!   tables (`LANGUAGES`, `NAMES` … `BY_MESSAGE`, `FIRST_CODE`,
//!   `POSITIONS`);
//! - `mod template_tests` is left out.
//!
//! So everything else is written once, here, where rustfmt, clippy and an
//! IDE see it. Comments like this one (`//`) do not reach the output.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

use core::fmt;
use core::str::FromStr;

/// The integer type of status codes (`u16`, or `u32` for wide catalogs).
type Code = u16;

/// The integer type of positions in the tables.
type Index = u16;

/// A status code of a function invocation, as this version of the catalog knows it.
///
/// Codes are added over time, so the enum is `#[non_exhaustive]`; to keep a code this
/// version does not know, parse responses into the code type of this crate instead.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[repr(u16)]
pub enum Status {
    /// `200 Success`
    Success = 200,
    /// `433 TimeLimitReached`
    TimeLimitReached = 433,
    /// `439 User process exit when running`
    UserProcessExit = 439,
}

/// Prints the variant name, as a derived `Debug` would. Written out because a
/// derived one is a `match` with an arm per code, slow to compile for large catalogs.
impl fmt::Debug for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(NAMES[self.index()])
    }
}

impl Status {
    /// Every status, in ascending code order.
    #[allow(deprecated)]
    pub const ALL: &'static [Self] =
        &[Self::Success, Self::TimeLimitReached, Self::UserProcessExit];

    /// The numeric status code.
    pub const fn code(self) -> Code {
        self as Code
    }

    /// The status with this code, if this version knows it.
    pub const fn from_code(code: Code) -> Option<Self> {
        match index_of_code(code) {
            Some(index) => Some(Self::ALL[index]),
            None => None,
        }
    }

    /// The status with this message, if any. Aliases (other spellings the platform
    /// has used) are accepted. Where several codes share a message, this is the
    /// lowest of them.
    pub fn from_message(message: &str) -> Option<Self> {
        let first = BY_MESSAGE.partition_point(|&(known, _)| known < message);
        match BY_MESSAGE.get(first) {
            Some(&(known, index)) if known == message => Some(Self::ALL[index as usize]),
            _ => None,
        }
    }

    /// The status message exactly as the platform returns it.
    pub fn status_message(self) -> &'static str {
        MESSAGES[self.index()]
    }

    /// Other spellings of the status message that the platform has used.
    pub fn aliases(self) -> &'static [&'static str] {
        let index = self.index() as Index;
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

/// `433 TimeLimitReached`: the code and the status message.
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.status_message())
    }
}

impl From<Status> for Code {
    fn from(status: Status) -> Code {
        status.code()
    }
}

impl TryFrom<Code> for Status {
    type Error = UnknownStatusCode;
    fn try_from(code: Code) -> Result<Self, UnknownStatusCode> {
        Self::from_code(code).ok_or(UnknownStatusCode { code })
    }
}

/// Parses a status message (or an alias); see [`from_message`](Self::from_message).
impl FromStr for Status {
    type Err = UnknownStatusMessage;
    fn from_str(message: &str) -> Result<Self, UnknownStatusMessage> {
        Self::from_message(message).ok_or(UnknownStatusMessage { _private: () })
    }
}

impl PartialEq<Code> for Status {
    fn eq(&self, code: &Code) -> bool {
        self.code() == *code
    }
}

impl PartialEq<Status> for Code {
    fn eq(&self, status: &Status) -> bool {
        *self == status.code()
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Status {}

/// Any status code an invocation can return, known to this version or not.
///
/// The generated crate's documentation of this type shows one of its own
/// codes in an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatusCode(Code);

impl StatusCode {
    /// Wraps any numeric status code.
    pub const fn new(code: Code) -> Self {
        Self(code)
    }

    /// The numeric status code, unchanged.
    pub const fn get(self) -> Code {
        self.0
    }

    /// The status, if this version knows the code.
    pub const fn known(self) -> Option<Status> {
        Status::from_code(self.0)
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
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.known() {
            Some(status) => fmt::Display::fmt(&status, f),
            None => write!(f, "{} <unknown status code>", self.0),
        }
    }
}

impl From<Code> for StatusCode {
    fn from(code: Code) -> Self {
        Self(code)
    }
}

impl From<StatusCode> for Code {
    fn from(code: StatusCode) -> Code {
        code.0
    }
}

impl From<Status> for StatusCode {
    fn from(status: Status) -> Self {
        Self(status.code())
    }
}

impl PartialEq<Status> for StatusCode {
    fn eq(&self, status: &Status) -> bool {
        self.0 == status.code()
    }
}

impl PartialEq<StatusCode> for Status {
    fn eq(&self, code: &StatusCode) -> bool {
        self.code() == code.0
    }
}

/// The error of `Status::try_from(Code)`: this version does not know the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnknownStatusCode {
    code: Code,
}

impl UnknownStatusCode {
    /// The code that is not known.
    pub const fn code(&self) -> Code {
        self.code
    }
}

impl fmt::Display for UnknownStatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown status code {}", self.code)
    }
}

/// The error of `str::parse::<Status>()`: no status has this message.
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
static ALIAS_OWNERS: [Index; 1] = [2];

/// The aliases, parallel to `ALIAS_OWNERS`.
static ALIAS_TEXTS: [&str; 1] = ["User preocess exit when running"];

/// Every accepted message and the index of its status, sorted by message, then code.
static BY_MESSAGE: [(&str, Index); 4] = [
    ("Success", 0),
    ("TimeLimitReached", 1),
    ("User preocess exit when running", 2),
    ("User process exit when running", 2),
];

fn text(table: &'static [&'static str], index: usize, lang: Lang) -> Option<&'static str> {
    match table[index * LANGUAGES + lang as usize] {
        "" => None,
        text => Some(text),
    }
}

/// The first code of `POSITIONS`.
const FIRST_CODE: Code = 200;

/// Marks a code no status has in `POSITIONS`.
const NO_STATUS: Index = Index::MAX;

/// For each code from `FIRST_CODE` to the highest, its position in the
/// code-ordered tables, or `NO_STATUS`: a lookup is one index. (Here only
/// the three codes of the template's table; the renderer writes one slot per
/// code of the catalog's span.)
const POSITIONS: [Index; 240] = {
    let mut positions = [NO_STATUS; 240];
    positions[0] = 0;
    positions[233] = 1;
    positions[239] = 2;
    positions
};

/// The position of `code` in the code-ordered tables.
const fn index_of_code(code: Code) -> Option<usize> {
    // A reference to the constant, so that it is read in place, not copied.
    let positions: &[Index] = &POSITIONS;
    if code < FIRST_CODE || (code - FIRST_CODE) as usize >= positions.len() {
        return None;
    }
    match positions[(code - FIRST_CODE) as usize] {
        NO_STATUS => None,
        index => Some(index as usize),
    }
}

/// Serialized as the numeric code.
#[cfg(feature = "serde")]
impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.code())
    }
}

/// Deserialized from the numeric code; a code this version does not know is an error.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <Code as serde::Deserialize>::deserialize(deserializer)?;
        Self::from_code(code).ok_or_else(|| serde::de::Error::custom(UnknownStatusCode { code }))
    }
}

/// Serialized as the numeric code.
#[cfg(feature = "serde")]
impl serde::Serialize for StatusCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

/// Deserialized from any numeric code, known or not.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for StatusCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <Code as serde::Deserialize>::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_in_ascending_order() {
        assert!(Status::ALL
            .windows(2)
            .all(|pair| pair[0].code() < pair[1].code()));
        assert_eq!(Status::ALL.len(), MESSAGES.len());
    }

    #[test]
    fn messages_are_sorted_for_binary_search() {
        assert!(BY_MESSAGE.windows(2).all(|pair| pair[0] <= pair[1]));
    }

    #[test]
    fn every_status_is_found_by_its_code_its_message_and_its_aliases() {
        for &status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(status));
            for message in
                core::iter::once(status.status_message()).chain(status.aliases().iter().copied())
            {
                let found = Status::from_message(message).map(|found| found.code());
                // A shared message finds the lowest code that has it.
                assert!(
                    found.is_some_and(|code| code <= status.code()),
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
    fn codes_and_messages_find_their_statuses_and_unknown_ones_do_not() {
        assert_eq!(Status::from_code(433), Some(Status::TimeLimitReached));
        assert_eq!(Status::from_code(434), None);
        assert_eq!(Status::from_code(199), None);
        assert_eq!(Status::from_code(Code::MAX), None);
        assert_eq!(
            "User preocess exit when running".parse(),
            Ok(Status::UserProcessExit)
        );
        assert_eq!(
            "nothing".parse::<Status>(),
            Err(UnknownStatusMessage { _private: () })
        );
        assert_eq!(Status::try_from(1), Err(UnknownStatusCode { code: 1 }));
        assert_eq!(
            Status::UserProcessExit.aliases(),
            ["User preocess exit when running"]
        );
        assert!(Status::Success.aliases().is_empty());
    }

    #[test]
    fn texts_fall_back_in_the_order_of_the_languages() {
        let status = Status::UserProcessExit;
        assert_eq!(status.description(Lang::En), None);
        assert_eq!(
            status.description_or_fallback(Lang::En),
            (Lang::Zh, "用户进程意外退出。")
        );
        assert_eq!(status.solution_or_fallback(Lang::Zh), None);
        assert_eq!(
            Status::TimeLimitReached.solution_or_fallback(Lang::Zh),
            Some((Lang::En, "See the handler."))
        );
        assert_eq!(Lang::from_tag("zh"), Some(Lang::Zh));
        assert_eq!(Lang::Zh.name(), "中文");
    }

    #[test]
    fn the_open_code_type_keeps_unknown_codes_and_displays_both_kinds() {
        assert_eq!(Status::TimeLimitReached.to_string(), "433 TimeLimitReached");
        assert_eq!(
            StatusCode::new(461).to_string(),
            "461 <unknown status code>"
        );
        assert_eq!(StatusCode::from(433), Status::TimeLimitReached);
        assert_eq!(Code::from(StatusCode::new(461)), 461);
        assert!(StatusCode::new(299).is_success() && !StatusCode::new(300).is_success());
        assert_eq!(std::format!("{:?}", Status::Success), "Success");
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_writes_the_numeric_code_and_refuses_unknown_ones_for_the_enum_only() {
        assert_eq!(
            serde_json::to_string(&Status::TimeLimitReached).unwrap(),
            "433"
        );
        assert_eq!(
            serde_json::from_str::<Status>("200").unwrap(),
            Status::Success
        );
        assert!(serde_json::from_str::<Status>("461").is_err());
        assert_eq!(
            serde_json::from_str::<StatusCode>("461").unwrap(),
            StatusCode::new(461)
        );
    }
}
