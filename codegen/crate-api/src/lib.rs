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
//!   lengths) of `CatalogStatus::ALL`, `Lang::ALL`, `LANGUAGES`,
//!   `DOCS_URL` and the tables, the bodies of `Lang::tag` and `Lang::name`, the doc line
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

    /// Who must act for the call to succeed; `None` where the catalog does
    /// not say.
    pub const fn who_acts(self) -> Option<Actor> {
        let who_acts: &[u8] = &WHO_ACTS;
        match who_acts[self.index()] {
            0 => None,
            actor => Some(ACTORS[actor as usize - 1]),
        }
    }

    /// What retrying the same call can do; `None` where the catalog does not
    /// say.
    pub const fn retry(self) -> Option<Retry> {
        let retry: &[u8] = &RETRY;
        match retry[self.index()] {
            0 => None,
            retry => Some(RETRIES[retry as usize - 1]),
        }
    }

    /// Whether retrying the same call later, with backoff, may succeed as it
    /// is: [`retry`](Self::retry) is [`Retry::WithBackoff`]. `false` for every
    /// other answer, and where the catalog does not say.
    pub const fn is_retryable(self) -> bool {
        matches!(self.retry(), Some(Retry::WithBackoff))
    }

    /// The version of this crate that first had this status, such as
    /// `1.2.0`.
    pub const fn since(self) -> &'static str {
        let since: &[IndexInt] = &SINCE;
        VERSIONS[since[self.index()] as usize]
    }

    /// Why this status is deprecated, since when, and what to use instead;
    /// `None` where it is not deprecated.
    pub const fn deprecation(self) -> Option<Deprecation> {
        let index = self.index();
        let (deprecated, deprecations): (&[IndexInt], &[Deprecation]) =
            (&DEPRECATED, &DEPRECATIONS);
        // A binary search, written out because `const fn` cannot call one.
        let (mut low, mut high) = (0, deprecated.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let at = deprecated[middle] as usize;
            if at == index {
                return Some(deprecations[middle]);
            } else if at < index {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        None
    }

    /// Where this status is documented in `lang`: its entry on the
    /// catalog's published reference page. `None` where the catalog does not
    /// say where its pages are published.
    pub fn docs_url(self, lang: Lang) -> Option<DocsUrl> {
        DOCS_URL.map(
            |(before_tag, before_page, range_width, before_code)| DocsUrl {
                before_tag,
                lang,
                before_page,
                range_width,
                before_code,
                code: self.code(),
            },
        )
    }

    /// The position of this status in the code-ordered tables.
    const fn index(self) -> usize {
        // Every variant's code is in `ALL` by construction.
        match index_of_code(self.code()) {
            Some(index) => index,
            None => 0,
        }
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

    /// Who must act for the call to succeed, if this version knows the code
    /// and the catalog says.
    pub const fn who_acts(self) -> Option<Actor> {
        match self.known() {
            Some(status) => status.who_acts(),
            None => None,
        }
    }

    /// What retrying the same call can do, if this version knows the code
    /// and the catalog says.
    pub const fn retry(self) -> Option<Retry> {
        match self.known() {
            Some(status) => status.retry(),
            None => None,
        }
    }

    /// Whether retrying the same call later, with backoff, may succeed as it
    /// is: [`retry`](Self::retry) is [`Retry::WithBackoff`]. `false` for a
    /// code this version does not know.
    pub const fn is_retryable(self) -> bool {
        matches!(self.retry(), Some(Retry::WithBackoff))
    }

    /// The version of this crate that first had this status, if this version
    /// knows the code (for a retired one, see [`retired`](Self::retired)).
    pub const fn since(self) -> Option<&'static str> {
        match self.known() {
            Some(status) => Some(status.since()),
            None => None,
        }
    }

    /// Why this status is deprecated, if this version knows the code and it
    /// is deprecated.
    pub const fn deprecation(self) -> Option<Deprecation> {
        match self.known() {
            Some(status) => status.deprecation(),
            None => None,
        }
    }

    /// Where this status is documented in `lang`, if this version knows the
    /// code and the catalog says where its pages are published.
    pub fn docs_url(self, lang: Lang) -> Option<DocsUrl> {
        self.known().and_then(|status| status.docs_url(lang))
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

/// Why a status is deprecated, since when, and what to use instead (see
/// [`CatalogStatus::deprecation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deprecation {
    since: &'static str,
    reason: &'static str,
    replaced_by: Option<CatalogStatus>,
}

impl Deprecation {
    /// The version of this crate that deprecated it.
    pub const fn since(&self) -> &'static str {
        self.since
    }

    /// Why it is deprecated, in one sentence.
    pub const fn reason(&self) -> &'static str {
        self.reason
    }

    /// The status to use instead, if there is one.
    pub const fn replaced_by(&self) -> Option<CatalogStatus> {
        self.replaced_by
    }
}

/// Where a status is documented in one language: its entry on the catalog's
/// published reference page (see [`CatalogStatus::docs_url`]). Displays as
/// the URL; put together when displayed, so that the crate holds the site's
/// address once.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocsUrl {
    before_tag: &'static str,
    lang: Lang,
    before_page: &'static str,
    range_width: Option<CodeInt>,
    before_code: &'static str,
    code: CodeInt,
}

impl DocsUrl {
    /// The language of the page.
    pub const fn lang(&self) -> Lang {
        self.lang
    }
}

/// The URL.
impl fmt::Display for DocsUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}{}",
            self.before_tag,
            self.lang.tag(),
            self.before_page
        )?;
        // A catalog with range pages: the code's page is the code divided
        // by the range's width.
        if let Some(width) = self.range_width {
            write!(f, "{}", self.code / width)?;
        }
        write!(f, "{}{}", self.before_code, self.code)
    }
}

/// The URL, as `DocsUrl(https://…)`.
impl fmt::Debug for DocsUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DocsUrl")
            .field(&format_args!("{}", self))
            .finish()
    }
}

/// Who must act for a call to succeed: what a service can decide from a
/// status without reading its texts, such as whom to alert. More values may
/// come, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Actor {
    /// The call succeeded: nobody.
    Nobody,
    /// The caller: the request must change (its parameters, payload,
    /// credentials or permissions).
    Caller,
    /// The function's owner: its code or configuration must change.
    Function,
    /// The account's owner: its balance or quota must change.
    Account,
    /// The platform: nothing on the caller's side can fix it.
    Platform,
}

impl Actor {
    /// The catalog's word for it, such as `caller`; what `Display` writes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Actor::Nobody => "nobody",
            Actor::Caller => "caller",
            Actor::Function => "function",
            Actor::Account => "account",
            Actor::Platform => "platform",
        }
    }
}

/// The catalog's word, such as `caller`.
impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What retrying the same call can do: what a service can decide from a
/// status without reading its texts. More values may come, so the enum is
/// `#[non_exhaustive]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Retry {
    /// The call succeeded: there is nothing to retry.
    NotNeeded,
    /// Retrying later, with backoff, may succeed as it is.
    WithBackoff,
    /// The same call fails the same way until something is fixed.
    AfterFix,
    /// The function may have run, partly or wholly, before the failure:
    /// whether to retry is the caller's call.
    CallerDecides,
}

impl Retry {
    /// The catalog's word for it, such as `with_backoff`; what `Display`
    /// writes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::NotNeeded => "not_needed",
            Retry::WithBackoff => "with_backoff",
            Retry::AfterFix => "after_fix",
            Retry::CallerDecides => "caller_decides",
        }
    }
}

/// The catalog's word, such as `with_backoff`.
impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

/// The values of `Actor`, in the order of the generator's vocabulary:
/// `WHO_ACTS` holds a position here plus one.
const ACTORS: [Actor; 5] = [
    Actor::Nobody,
    Actor::Caller,
    Actor::Function,
    Actor::Account,
    Actor::Platform,
];

/// The values of `Retry`, in the order of the generator's vocabulary:
/// `RETRY` holds a position here plus one.
const RETRIES: [Retry; 4] = [
    Retry::NotNeeded,
    Retry::WithBackoff,
    Retry::AfterFix,
    Retry::CallerDecides,
];

/// Who must act, per status in code order: 0 where the catalog does not
/// say, else the actor's position in `ACTORS` plus one. (Constants, not
/// statics, so that `const fn`s can read them.)
#[allow(clippy::large_const_arrays)] // indexed in place: never copied
const WHO_ACTS: [u8; 3] = [1, 3, 0];

/// What a retry can do, per status in code order: 0 where the catalog does
/// not say, else the value's position in `RETRIES` plus one.
#[allow(clippy::large_const_arrays)] // indexed in place: never copied
const RETRY: [u8; 3] = [1, 0, 2];

/// Every version that first released a status, ascending.
#[allow(clippy::large_const_arrays)] // indexed in place: never copied
const VERSIONS: [&str; 2] = ["0.1.0", "0.2.0"];

/// The version that first released each status, in code order, as its
/// position in `VERSIONS`.
#[allow(clippy::large_const_arrays)] // indexed in place: never copied
const SINCE: [IndexInt; 3] = [0, 0, 1];

/// The positions of the deprecated statuses in the code-ordered tables,
/// ascending; see `DEPRECATIONS`.
#[allow(clippy::large_const_arrays)] // indexed in place: never copied
const DEPRECATED: [IndexInt; 1] = [2];

/// The deprecations, parallel to `DEPRECATED`.
#[allow(deprecated)]
#[allow(clippy::large_const_arrays)] // indexed in place: never copied
const DEPRECATIONS: [Deprecation; 1] = [Deprecation {
    since: "0.9.0",
    reason: "Merged into TimeLimitReached.",
    replaced_by: Some(CatalogStatus::TimeLimitReached),
}];

/// Where the catalog's pages are published, if it says: a code's URL is
/// the first part, the language tag, the second part, (where codes have
/// pages by range) the code divided by the range's width, the last part and
/// the code.
const DOCS_URL: Option<(&str, &str, Option<CodeInt>, &str)> = Some((
    "https://example.com/status-codes/",
    "/index.html",
    None,
    "#",
));

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

/// Serialized as the catalog's word, such as `caller`.
#[cfg(feature = "serde")]
impl serde::Serialize for Actor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Serialized as the catalog's word, such as `with_backoff`.
#[cfg(feature = "serde")]
impl serde::Serialize for Retry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
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

    #[test]
    fn every_status_has_its_advice_and_history_in_the_tables() {
        for table in [WHO_ACTS.len(), RETRY.len(), SINCE.len()] {
            assert_eq!(table, CatalogStatus::ALL.len());
        }
        assert_eq!(DEPRECATED.len(), DEPRECATIONS.len());
        assert!(DEPRECATED.windows(2).all(|pair| pair[0] < pair[1]));
        for &status in CatalogStatus::ALL {
            assert_eq!(
                status.is_retryable(),
                status.retry() == Some(Retry::WithBackoff)
            );
            assert!(VERSIONS.contains(&status.since()));
            if let Some(deprecation) = status.deprecation() {
                assert!(DEPRECATED.contains(&(status.index() as IndexInt)));
                assert_ne!(deprecation.replaced_by(), Some(status));
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

    #[test]
    fn advice_and_history_are_as_the_tables_say() {
        let (success, timeout, exit) = (
            CatalogStatus::Success,
            CatalogStatus::TimeLimitReached,
            CatalogStatus::UserProcessExit,
        );
        assert_eq!(
            [success.who_acts(), timeout.who_acts(), exit.who_acts()],
            [Some(Actor::Nobody), Some(Actor::Function), None]
        );
        assert_eq!(
            [success.retry(), timeout.retry(), exit.retry()],
            [Some(Retry::NotNeeded), None, Some(Retry::WithBackoff)]
        );
        assert!(exit.is_retryable() && !success.is_retryable() && !timeout.is_retryable());
        assert_eq!(
            [success.since(), timeout.since(), exit.since()],
            ["0.1.0", "0.1.0", "0.2.0"]
        );
        assert_eq!((success.deprecation(), timeout.deprecation()), (None, None));
        let deprecation = exit.deprecation().unwrap();
        assert_eq!(deprecation.since(), "0.9.0");
        assert_eq!(deprecation.reason(), "Merged into TimeLimitReached.");
        assert_eq!(deprecation.replaced_by(), Some(timeout));
        // Each answer is a constant expression.
        const ANSWERS: (bool, &str, Option<Actor>, bool) = (
            CatalogStatus::UserProcessExit.is_retryable(),
            CatalogStatus::UserProcessExit.since(),
            CatalogStatus::TimeLimitReached.who_acts(),
            CatalogStatus::UserProcessExit.deprecation().is_some(),
        );
        assert_eq!(ANSWERS, (true, "0.2.0", Some(Actor::Function), true));
    }

    #[test]
    fn the_open_code_type_answers_for_known_codes_only() {
        for &status in CatalogStatus::ALL {
            let code = CatalogStatusCode::from(status);
            assert_eq!(code.who_acts(), status.who_acts());
            assert_eq!(code.retry(), status.retry());
            assert_eq!(code.is_retryable(), status.is_retryable());
            assert_eq!(code.since(), Some(status.since()));
            assert_eq!(code.deprecation(), status.deprecation());
            assert_eq!(code.docs_url(Lang::Zh), status.docs_url(Lang::Zh));
        }
        // Unknown, and retired: nothing but `retired` answers.
        for code in [CatalogStatusCode::new(461), CatalogStatusCode::new(431)] {
            assert_eq!((code.who_acts(), code.retry()), (None, None));
            assert!(!code.is_retryable());
            assert_eq!((code.since(), code.deprecation()), (None, None));
            assert_eq!(code.docs_url(Lang::En), None);
        }
    }

    #[test]
    fn a_docs_url_is_the_site_the_language_and_the_code() {
        let url = CatalogStatus::TimeLimitReached.docs_url(Lang::Zh).unwrap();
        assert_eq!(
            url.to_string(),
            "https://example.com/status-codes/zh/index.html#433"
        );
        assert_eq!(url.lang(), Lang::Zh);
        assert_eq!(
            std::format!("{:?}", url),
            "DocsUrl(https://example.com/status-codes/zh/index.html#433)"
        );
        assert_ne!(
            Some(url),
            CatalogStatus::TimeLimitReached.docs_url(Lang::En)
        );
    }

    #[test]
    fn a_docs_url_beyond_one_page_names_the_codes_range_page() {
        // As `DOCS_URL` is for a catalog with pages by range.
        let url = DocsUrl {
            before_tag: "https://example.com/status-codes/",
            lang: Lang::Zh,
            before_page: "/codes/",
            range_width: Some(100),
            before_code: ".html#",
            code: 4337,
        };
        assert_eq!(
            url.to_string(),
            "https://example.com/status-codes/zh/codes/43.html#4337"
        );
    }

    #[test]
    fn advice_displays_as_the_catalogs_words() {
        assert_eq!(Actor::Account.to_string(), "account");
        assert_eq!(Actor::Platform.as_str(), "platform");
        assert_eq!(Retry::CallerDecides.to_string(), "caller_decides");
        assert_eq!(Retry::AfterFix.as_str(), "after_fix");
        // The tables' numbers name each value by its position.
        assert_eq!(ACTORS.len(), 5);
        assert_eq!(RETRIES.len(), 4);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_writes_advice_as_the_catalogs_words() {
        assert_eq!(serde_json::to_string(&Actor::Caller).unwrap(), "\"caller\"");
        assert_eq!(
            serde_json::to_string(&[Retry::WithBackoff, Retry::NotNeeded]).unwrap(),
            "[\"with_backoff\",\"not_needed\"]"
        );
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
