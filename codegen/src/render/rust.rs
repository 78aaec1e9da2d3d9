//! The Rust crate: `Cargo.toml`, `README.md` and `src/lib.rs`. The library
//! is built as tokens with `quote` (the status enum's variants directly as
//! `syn` nodes) and printed with `prettyplease`; no Rust is assembled from
//! strings.
//!
//! Design, chosen by measurement (see BENCHMARKS.md and the note on issue 4):
//! the enum has one variant per code with the code as discriminant, and
//! everything else about a status lives in static tables in code order. Code
//! → status is one index into a dense table of positions; message → status is
//! a binary search. No method holds a `match` with an arm per code, and the
//! only constant naming every variant is `ALL`, whose cost to rustc grows
//! with the number of written discriminants (see `status_variants`): at
//! 10,000 consecutive codes the crate checks in about 3 s, against 12 s for
//! the same enum with a `match` in each method (BENCHMARKS.md).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use syn::Token;
use syn::punctuated::Punctuated;

use super::{GeneratedFile, RenderError, header};
use crate::model::{Entry, Language, Model, Text};

pub fn render(model: &Model) -> Result<Vec<GeneratedFile>, RenderError> {
    Ok(vec![
        GeneratedFile::new("rust/Cargo.toml", manifest(model)),
        GeneratedFile::new("rust/README.md", readme(model)),
        GeneratedFile::new("rust/src/lib.rs", library(model)?),
    ])
}

/// The oldest Rust the generated crate supports: `dep:` features (1.60).
const RUST_VERSION: &str = "1.60";

fn manifest(model: &Model) -> String {
    let package = &model.package;
    let list = |items: &[String]| {
        items
            .iter()
            .map(|item| toml_string(item))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let repository = package
        .repository
        .as_ref()
        .map(|url| format!("repository = {}\n", toml_string(url)))
        .unwrap_or_default();
    format!(
        "{header}\
[package]
name = {name}
version = {version}
description = {description}
license = {license}
{repository}readme = \"README.md\"
keywords = [{keywords}]
categories = [{categories}]
edition = \"2021\"
rust-version = \"{RUST_VERSION}\"

[features]
default = [\"std\"]
# `std::error::Error` for the error types and the status enum.
std = []
# Serialize as the numeric code; deserializing an unknown code is an error.
serde = [\"dep:serde\"]

[dependencies]
serde = {{ version = \"1.0.100\", optional = true, default-features = false }}

[package.metadata.docs.rs]
all-features = true

# Its own workspace wherever it is generated to, so that it never joins (or
# breaks) the workspace of the directory it sits in.
[workspace]
",
        header = header::hash(),
        name = toml_string(&package.name),
        version = toml_string(&package.version.to_string()),
        description = toml_string(&package.description),
        license = toml_string(&package.license),
        keywords = list(&package.keywords),
        categories = list(&package.categories),
    )
}

fn readme(model: &Model) -> String {
    let package = &model.package;
    format!(
        "{header}\n# {name}\n\n{description}.\n\n\
`{type_name}` names every status code with its message, and its description and solution in {languages}; \
`{type_name}Code` holds any code, including ones this version does not know. See the crate documentation \
for the API and an example.\n\n\
Features: `std` (default) implements `std::error::Error`; `serde` serializes statuses as their numeric code.\n",
        header = header::html_comment(),
        name = package.name,
        description = package.description,
        type_name = model.names.status,
        languages = model
            .languages
            .iter()
            .map(|language| language.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// A TOML basic string. `{:?}` would do for ASCII, but TOML and Rust
/// disagree on some escapes (`\u{…}`), so escape by TOML's rules.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The model with the identifiers the library's items are built from.
struct Crate<'a> {
    model: &'a Model,
    status: Ident,
    code_type: Ident,
    /// The integer type of codes.
    code_int: Ident,
    /// The integer type of positions in the tables; its maximum marks "no
    /// status", so `u16` holds up to 65,534 entries.
    index_int: Ident,
}

impl Crate<'_> {
    fn variant(entry: &Entry) -> Ident {
        format_ident!("{}", entry.names.rust_variant)
    }

    fn language_variant(language: &Language) -> Ident {
        format_ident!("{}", language.rust_variant)
    }
}

fn library(model: &Model) -> Result<String, RenderError> {
    let krate = Crate {
        model,
        status: format_ident!("{}", model.names.status),
        code_type: format_ident!("{}", model.names.code),
        code_int: format_ident!("{}", model.code_width.rust()),
        index_int: format_ident!("{}", model.index_width.rust()),
    };
    let crate_docs = crate_docs(&krate);
    let status_enum = status_enum(&krate);
    let status_impl = status_impl(&krate);
    let tables = tables(&krate);
    let code_type = code_type(&krate);
    let errors = errors(&krate);
    let language = language_enum(&krate);
    let serde_impls = serde_impls(&krate);
    let tests = tests(&krate);
    let file = quote! {
        #crate_docs
        #![no_std]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #[cfg(feature = "std")]
        extern crate std;

        use core::fmt;
        use core::str::FromStr;

        #status_enum
        #status_impl
        #code_type
        #errors
        #language
        #tables
        #serde_impls
        #tests
    };
    let mut syntax: syn::File = syn::parse2(file)
        .map_err(|error| RenderError::new("rust/src/lib.rs", error.to_string()))?;
    let status_enum = syntax.items.iter_mut().find_map(|item| match item {
        syn::Item::Enum(item) if item.ident == krate.status => Some(item),
        _ => None,
    });
    match status_enum {
        Some(status_enum) => status_enum.variants = status_variants(&krate),
        None => {
            return Err(RenderError::new(
                "rust/src/lib.rs",
                "the status enum is missing",
            ));
        }
    }
    Ok(format!(
        "{}\n{}",
        header::slashes(),
        prettyplease::unparse(&syntax)
    ))
}

fn crate_docs(krate: &Crate) -> TokenStream {
    let model = krate.model;
    let crate_name = &model.names.crate_path;
    let status = &krate.status;
    let code_type = &krate.code_type;
    let code_int = &krate.code_int;
    let example = model.example();
    // A code the catalog does not use, for the example: the first after the
    // highest code, wrapping around.
    let used: std::collections::BTreeSet<u32> =
        model.entries.iter().map(|entry| entry.code).collect();
    let highest = used.last().copied().unwrap_or(0);
    let code_max = u32::try_from(model.code_width.max()).unwrap_or(u32::MAX);
    let unknown = (highest.saturating_add(1)..=code_max)
        .chain(1..highest)
        .find(|code| !used.contains(code))
        .unwrap_or(1);
    let lang = Crate::language_variant(model.primary());
    let text = format!(
        "{description}.\n\n\
[`{status}`] names every status code of the catalog, with its status message and, per\n\
language, its description and solution. [`{code_type}`] holds any status code, including\n\
codes that a newer platform returns and this version does not know, and keeps them\n\
unchanged.\n\n\
```\n\
use {crate_name}::{{{status}, {code_type}, Lang}};\n\n\
let status = {status}::from_code({code}).unwrap();\n\
assert_eq!(status, {status}::{variant});\n\
assert_eq!(status.status_message(), {message:?});\n\
assert_eq!(status.to_string(), {display:?});\n\
assert_eq!({message:?}.parse::<{status}>(), Ok(status));\n\
let (_lang, description) = status.description_or_fallback(Lang::{lang});\n\
assert!(!description.is_empty());\n\n\
// A code this version does not know is kept as it is.\n\
let newer = {code_type}::new({unknown});\n\
assert_eq!(newer.known(), None);\n\
assert_eq!({code_int}::from(newer), {unknown});\n\
```\n\n\
Generated from the status-code catalog: {languages}.",
        description = model.package.description,
        code = example.code,
        variant = example.names.rust_variant,
        message = example.message,
        display = format!("{} {}", example.code, example.message),
        languages = model
            .languages
            .iter()
            .map(|language| format!("{} (`{}`)", language.name, language.tag))
            .collect::<Vec<_>>()
            .join(", "),
    );
    inner_doc(&text)
}

fn status_enum(krate: &Crate) -> TokenStream {
    let status = &krate.status;
    let code_int = &krate.code_int;
    // The variants are added as syntax by `status_variants` after parsing.
    quote! {
        /// A status code of a function invocation, as this version of the catalog knows it.
        ///
        /// Codes are added over time, so the enum is `#[non_exhaustive]`; to keep a code this
        /// version does not know, parse responses into the code type of this crate instead.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(#code_int)]
        pub enum #status {}

        /// Prints the variant name, as a derived `Debug` would. Written out because a
        /// derived one is a `match` with an arm per code, slow to compile for large catalogs.
        impl fmt::Debug for #status {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(NAMES[self.index()])
            }
        }
    }
}

/// The variants of the status enum, built as syntax rather than as tokens:
/// with a `#[doc]` attribute per documentation line, they are most of the
/// file, and parsing them back from tokens took about as long as building
/// them (measured at 10,000 codes: 0.6 s of tokens, 0.5 s of parsing).
///
/// A variant's code is written only where it does not follow the previous
/// code (`Success = 200`, then `InvalidParameterValue = 400`,
/// `InvalidCredentials` is 401): rustc's cost of checking `ALL` grows with
/// the number of variants times the number of written discriminants
/// (measured at 10,000 consecutive codes: 4.7 s written on every variant,
/// 0.5 s on the first only). Every variant's doc starts with its code.
fn status_variants(krate: &Crate) -> Punctuated<syn::Variant, Token![,]> {
    let mut previous: Option<u32> = None;
    krate
        .model
        .entries
        .iter()
        .map(|entry| {
            let code = entry.code;
            let follows = previous.is_some_and(|previous| previous.checked_add(1) == Some(code));
            previous = Some(code);
            let mut attrs = doc_attributes(&super::entry_doc(krate.model, entry));
            if let Some(deprecation) = &entry.deprecation {
                let since = deprecation.since.to_string();
                let note = deprecation_note(krate, entry);
                attrs.push(syn::parse_quote!(#[deprecated(since = #since, note = #note)]));
            }
            syn::Variant {
                attrs,
                ident: Crate::variant(entry),
                fields: syn::Fields::Unit,
                discriminant: (!follows).then(|| {
                    (
                        Default::default(),
                        syn::Expr::Lit(syn::ExprLit {
                            attrs: Vec::new(),
                            lit: syn::Lit::Int(syn::LitInt::new(
                                &code.to_string(),
                                Span::call_site(),
                            )),
                        }),
                    )
                }),
            }
        })
        .collect()
}

/// The note of a variant's `#[deprecated]`: the reason, and what to use.
fn deprecation_note(krate: &Crate, entry: &Entry) -> String {
    let Some(deprecation) = &entry.deprecation else {
        return String::new();
    };
    match &deprecation.replaced_by {
        Some(other) => format!(
            "{} Use `{}::{}` ({}) instead.",
            deprecation.reason, krate.status, other.rust_variant, other.code
        ),
        None => deprecation.reason.clone(),
    }
}

/// `#[doc = "…"]` attributes, one per line, as syntax.
fn doc_attributes(text: &str) -> Vec<syn::Attribute> {
    doc_lines(text)
        .into_iter()
        .map(|line| syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: syn::Meta::NameValue(syn::MetaNameValue {
                path: syn::Path::from(format_ident!("doc")),
                eq_token: Default::default(),
                value: syn::Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::new(line),
                }),
            }),
        })
        .collect()
}

fn status_impl(krate: &Crate) -> TokenStream {
    let status = &krate.status;
    let (code_int, index_int) = (&krate.code_int, &krate.index_int);
    let all = krate.model.entries.iter().map(Crate::variant);
    let fallback_order = krate
        .model
        .languages
        .iter()
        .map(|language| language.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let fallback_doc = format!(" in the order of [`Lang::ALL`] ({fallback_order})");
    quote! {
        impl #status {
            /// Every status, in ascending code order.
            #[allow(deprecated)]
            pub const ALL: &'static [Self] = &[#(Self::#all,)*];

            /// The numeric status code.
            pub const fn code(self) -> #code_int {
                self as #code_int
            }

            /// The status with this code, if this version knows it.
            pub const fn from_code(code: #code_int) -> Option<Self> {
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
                let index = self.index() as #index_int;
                let first = ALIAS_OWNERS.partition_point(|&owner| owner < index);
                let count = ALIAS_OWNERS[first..].iter().take_while(|&&owner| owner == index).count();
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

            #[doc = " The description in `lang` or, where it is not translated, in the first language"]
            #[doc = #fallback_doc]
            #[doc = " that has one; with the language it is in. Every status has a description in"]
            #[doc = " at least one language."]
            pub fn description_or_fallback(self, lang: Lang) -> (Lang, &'static str) {
                let fallback = Lang::ALL.iter().find_map(|&other| self.description(other).map(|text| (other, text)));
                match (self.description(lang), fallback) {
                    (Some(text), _) => (lang, text),
                    (None, Some(found)) => found,
                    (None, None) => (lang, ""),
                }
            }

            #[doc = " The solution in `lang` or, where it is not translated, in the first language"]
            #[doc = #fallback_doc]
            #[doc = " that has one; with the language it is in. `None` where no language has one."]
            pub fn solution_or_fallback(self, lang: Lang) -> Option<(Lang, &'static str)> {
                match self.solution(lang) {
                    Some(text) => Some((lang, text)),
                    None => Lang::ALL.iter().find_map(|&other| self.solution(other).map(|text| (other, text))),
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
        impl fmt::Display for #status {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} {}", self.code(), self.status_message())
            }
        }

        impl From<#status> for #code_int {
            fn from(status: #status) -> #code_int {
                status.code()
            }
        }

        impl TryFrom<#code_int> for #status {
            type Error = UnknownStatusCode;
            fn try_from(code: #code_int) -> Result<Self, UnknownStatusCode> {
                Self::from_code(code).ok_or(UnknownStatusCode { code })
            }
        }

        /// Parses a status message (or an alias); see [`from_message`](Self::from_message).
        impl FromStr for #status {
            type Err = UnknownStatusMessage;
            fn from_str(message: &str) -> Result<Self, UnknownStatusMessage> {
                Self::from_message(message).ok_or(UnknownStatusMessage { _private: () })
            }
        }

        impl PartialEq<#code_int> for #status {
            fn eq(&self, code: &#code_int) -> bool {
                self.code() == *code
            }
        }

        impl PartialEq<#status> for #code_int {
            fn eq(&self, status: &#status) -> bool {
                *self == status.code()
            }
        }

        #[cfg(feature = "std")]
        impl std::error::Error for #status {}
    }
}

fn code_type(krate: &Crate) -> TokenStream {
    let status = &krate.status;
    let code_int = &krate.code_int;
    let code_type = &krate.code_type;
    let doc = outer_doc(&format!(
        "Any status code an invocation can return, known to this version or not.\n\n\
Parse responses into this type: a code that a newer platform added is kept as it is and\n\
converts back to the same number, and [`known`](Self::known) tells whether this version\n\
knows it. Displays as `433 TimeLimitReached`, or as `461 <unknown status code>`.\n\n\
```\n\
use {}::{{{status}, {code_type}}};\n\n\
let code = {code_type}::from({code});\n\
assert_eq!(code.known(), Some({status}::{variant}));\n\
assert_eq!(code, {status}::{variant});\n\
```",
        krate.model.package.name.replace('-', "_"),
        code = krate.model.entries[0].code,
        variant = krate.model.entries[0].names.rust_variant,
    ));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #code_type(#code_int);

        impl #code_type {
            /// Wraps any numeric status code.
            pub const fn new(code: #code_int) -> Self {
                Self(code)
            }

            /// The numeric status code, unchanged.
            pub const fn get(self) -> #code_int {
                self.0
            }

            /// The status, if this version knows the code.
            pub const fn known(self) -> Option<#status> {
                #status::from_code(self.0)
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

        impl fmt::Display for #code_type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.known() {
                    Some(status) => fmt::Display::fmt(&status, f),
                    None => write!(f, "{} <unknown status code>", self.0),
                }
            }
        }

        impl From<#code_int> for #code_type {
            fn from(code: #code_int) -> Self {
                Self(code)
            }
        }

        impl From<#code_type> for #code_int {
            fn from(code: #code_type) -> #code_int {
                code.0
            }
        }

        impl From<#status> for #code_type {
            fn from(status: #status) -> Self {
                Self(status.code())
            }
        }

        impl PartialEq<#status> for #code_type {
            fn eq(&self, status: &#status) -> bool {
                self.0 == status.code()
            }
        }

        impl PartialEq<#code_type> for #status {
            fn eq(&self, code: &#code_type) -> bool {
                self.code() == code.0
            }
        }
    }
}

fn errors(krate: &Crate) -> TokenStream {
    let status = &krate.status;
    let code_int = &krate.code_int;
    let code_doc = format!(
        " The error of `{status}::try_from({code_int})`: this version does not know the code."
    );
    let message_doc =
        format!(" The error of `str::parse::<{status}>()`: no status has this message.");
    quote! {
        #[doc = #code_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct UnknownStatusCode {
            code: #code_int,
        }

        impl UnknownStatusCode {
            /// The code that is not known.
            pub const fn code(&self) -> #code_int {
                self.code
            }
        }

        impl fmt::Display for UnknownStatusCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "unknown status code {}", self.code)
            }
        }

        #[doc = #message_doc]
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
    }
}

fn language_enum(krate: &Crate) -> TokenStream {
    let languages = &krate.model.languages;
    let variants = languages.iter().map(|language| {
        let variant = Crate::language_variant(language);
        let doc = format!(" {} (`{}`).", language.name, language.tag);
        quote! { #[doc = #doc] #variant }
    });
    let all = languages.iter().map(Crate::language_variant);
    let tags = languages.iter().map(|language| {
        let variant = Crate::language_variant(language);
        let tag = language.tag.as_str();
        quote! { Lang::#variant => #tag }
    });
    let names = languages.iter().map(|language| {
        let variant = Crate::language_variant(language);
        let name = language.name.as_str();
        quote! { Lang::#variant => #name }
    });
    let count = Literal::usize_unsuffixed(languages.len());
    quote! {
        /// A language of the catalog's texts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Lang {
            #(#variants,)*
        }

        impl Lang {
            /// Every language, in fallback order.
            pub const ALL: &'static [Lang] = &[#(Lang::#all,)*];

            /// The language tag, such as `en`.
            pub const fn tag(self) -> &'static str {
                match self {
                    #(#tags,)*
                }
            }

            /// The language's name in itself, such as `English`.
            pub const fn name(self) -> &'static str {
                match self {
                    #(#names,)*
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

        const LANGUAGES: usize = #count;
    }
}

fn tables(krate: &Crate) -> TokenStream {
    let (code_int, index_int) = (&krate.code_int, &krate.index_int);
    let languages = &krate.model.languages;
    let count = Literal::usize_unsuffixed(krate.model.entries.len());
    let names = krate
        .model
        .entries
        .iter()
        .map(|entry| entry.names.rust_variant.as_str());
    let messages = krate
        .model
        .entries
        .iter()
        .map(|entry| string_literal(&entry.message));
    // One cell per status and language, status-major; "" where there is no
    // text (validation guarantees texts are never empty).
    let cells = |pick: fn(&Text) -> Option<&str>| -> Vec<&str> {
        krate
            .model
            .entries
            .iter()
            .flat_map(|entry| {
                (0..languages.len())
                    .map(move |index| entry.text(index).and_then(pick).unwrap_or(""))
            })
            .collect()
    };
    let descriptions = cells(|text| Some(text.description.as_str()));
    let solutions = cells(|text| text.solution.as_deref());
    let text_count = Literal::usize_unsuffixed(descriptions.len());
    let descriptions = descriptions.into_iter().map(string_literal);
    let solutions = solutions.into_iter().map(string_literal);
    // Aliases by the index of their status.
    let aliases: Vec<(usize, &str)> = krate
        .model
        .entries
        .iter()
        .enumerate()
        .flat_map(|(index, entry)| {
            entry
                .aliases
                .iter()
                .map(move |alias| (index, alias.as_str()))
        })
        .collect();
    let alias_count = Literal::usize_unsuffixed(aliases.len());
    let alias_owners = aliases
        .iter()
        .map(|(owner, _)| Literal::usize_unsuffixed(*owner));
    let alias_texts = aliases.iter().map(|(_, alias)| string_literal(alias));
    // Every accepted message with the index of its status, by message, then
    // by code, so that a shared message finds the lowest code first.
    let mut by_message: Vec<(&str, usize)> = krate
        .model
        .entries
        .iter()
        .enumerate()
        .flat_map(|(index, entry)| {
            entry
                .accepted_messages()
                .map(move |message| (message, index))
        })
        .collect();
    by_message.sort();
    let message_count = Literal::usize_unsuffixed(by_message.len());
    let message_rows = by_message.iter().map(|(message, index)| {
        let message = string_literal(message);
        let index = Literal::usize_unsuffixed(*index);
        quote! { (#message, #index) }
    });
    // Dense code → position table over the codes' span (bounded by
    // validation), `NO_STATUS` (the index type's maximum) in the gaps.
    let first_code = krate.model.entries.first().map_or(0, |entry| entry.code);
    let last_code = krate.model.entries.last().map_or(0, |entry| entry.code);
    let no_status = krate.model.index_width.max();
    let mut position_table = vec![no_status; (last_code - first_code) as usize + 1];
    for (index, entry) in krate.model.entries.iter().enumerate() {
        position_table[(entry.code - first_code) as usize] = index as u64;
    }
    let span = Literal::usize_unsuffixed(position_table.len());
    let positions = position_table
        .iter()
        .map(|&position| Literal::u64_unsuffixed(position));
    let first_code = Literal::u32_unsuffixed(first_code);
    // Flat arrays of string literals: rustc handles them far faster than an
    // array of structs or of `Option`s (measured: 15 s against 0.5 s at
    // 10,000 codes).
    quote! {
        /// Variant names, in code order (for `Debug`).
        static NAMES: [&str; #count] = [#(#names),*];

        /// Status messages, in code order.
        static MESSAGES: [&str; #count] = [#(#messages),*];

        /// Descriptions: `LANGUAGES` cells per status, in code order; "" where untranslated.
        static DESCRIPTIONS: [&str; #text_count] = [#(#descriptions),*];

        /// Solutions, laid out as `DESCRIPTIONS`; "" where untranslated or not needed.
        static SOLUTIONS: [&str; #text_count] = [#(#solutions),*];

        /// The index of the status each alias belongs to, ascending; see `ALIAS_TEXTS`.
        static ALIAS_OWNERS: [#index_int; #alias_count] = [#(#alias_owners),*];

        /// The aliases, parallel to `ALIAS_OWNERS`.
        static ALIAS_TEXTS: [&str; #alias_count] = [#(#alias_texts),*];

        /// Every accepted message and the index of its status, sorted by message, then code.
        static BY_MESSAGE: [(&str, #index_int); #message_count] = [#(#message_rows,)*];

        fn text(table: &'static [&'static str], index: usize, lang: Lang) -> Option<&'static str> {
            match table[index * LANGUAGES + lang as usize] {
                "" => None,
                text => Some(text),
            }
        }

        /// The first code of `POSITIONS`.
        const FIRST_CODE: #code_int = #first_code;

        /// Marks a code no status has in `POSITIONS`.
        const NO_STATUS: #index_int = #index_int::MAX;

        /// For each code from `FIRST_CODE` to the highest, its position in the
        /// code-ordered tables, or `NO_STATUS`: a lookup is one index.
        #[allow(clippy::large_const_arrays)] // used once, by reference: never copied
        const POSITIONS: [#index_int; #span] = [#(#positions),*];

        /// The position of `code` in the code-ordered tables.
        const fn index_of_code(code: #code_int) -> Option<usize> {
            // A reference to the constant, so that it is read in place, not copied.
            let positions: &[#index_int] = &POSITIONS;
            if code < FIRST_CODE || (code - FIRST_CODE) as usize >= positions.len() {
                return None;
            }
            match positions[(code - FIRST_CODE) as usize] {
                NO_STATUS => None,
                index => Some(index as usize),
            }
        }
    }
}

fn serde_impls(krate: &Crate) -> TokenStream {
    let status = &krate.status;
    let code_int = &krate.code_int;
    let serialize_code = format_ident!("serialize_{}", krate.code_int);
    let code_type = &krate.code_type;
    quote! {
        /// Serialized as the numeric code.
        #[cfg(feature = "serde")]
        impl serde::Serialize for #status {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.#serialize_code(self.code())
            }
        }

        /// Deserialized from the numeric code; a code this version does not know is an error.
        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for #status {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <#code_int as serde::Deserialize>::deserialize(deserializer)?;
                Self::from_code(code).ok_or_else(|| serde::de::Error::custom(UnknownStatusCode { code }))
            }
        }

        /// Serialized as the numeric code.
        #[cfg(feature = "serde")]
        impl serde::Serialize for #code_type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.#serialize_code(self.0)
            }
        }

        /// Deserialized from any numeric code, known or not.
        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for #code_type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <#code_int as serde::Deserialize>::deserialize(deserializer).map(Self)
            }
        }
    }
}

/// Checks of the tables' invariants that the lookups rely on.
fn tests(krate: &Crate) -> TokenStream {
    let status = &krate.status;
    quote! {
        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn codes_are_in_ascending_order() {
                assert!(#status::ALL.windows(2).all(|pair| pair[0].code() < pair[1].code()));
                assert_eq!(#status::ALL.len(), MESSAGES.len());
            }

            #[test]
            fn messages_are_sorted_for_binary_search() {
                assert!(BY_MESSAGE.windows(2).all(|pair| pair[0] <= pair[1]));
            }

            #[test]
            fn every_status_is_found_by_its_code_its_message_and_its_aliases() {
                for &status in #status::ALL {
                    assert_eq!(#status::from_code(status.code()), Some(status));
                    for message in core::iter::once(status.status_message()).chain(status.aliases().iter().copied()) {
                        let found = #status::from_message(message).map(|found| found.code());
                        // A shared message finds the lowest code that has it.
                        assert!(found.is_some_and(|code| code <= status.code()), "{}", message);
                    }
                }
            }
        }
    }
}

/// One `#[doc]` attribute per line, so that prettyplease prints `///` lines
/// rather than a `/** */` block.
fn outer_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#[doc = #lines])* }
}

/// As [`outer_doc`], for the crate's `//!` documentation.
fn inner_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#![doc = #lines])* }
}

fn doc_lines(text: &str) -> Vec<Literal> {
    text.trim_end()
        .lines()
        .map(|line| {
            let mut visible = String::with_capacity(line.len() + 1);
            if !line.is_empty() {
                visible.push(' ');
            }
            for c in line.chars() {
                if super::is_bidi_control(c) {
                    visible.push_str(&format!("\\u{{{:04X}}}", c as u32));
                } else {
                    visible.push(c);
                }
            }
            string_literal(&visible)
        })
        .collect()
}

/// Characters that `char::escape_debug` leaves as they are, checked without
/// its Unicode tables: printable ASCII but quotes and the backslash, CJK
/// ideographs, common CJK punctuation and fullwidth forms. A test proves
/// each range.
const PLAIN_RANGES: &[(char, char)] = &[
    (' ', '!'),
    ('#', '&'),
    ('(', '['),
    (']', '~'),
    ('\u{3001}', '\u{3011}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{FF01}', '\u{FF5E}'),
];

/// A string literal token spelled exactly as `Literal::string` spells it.
/// That function asks the Unicode tables about every character, which made
/// it the Rust renderer's largest cost at 10,000 entries of mostly CJK and
/// ASCII text; here those characters take a range check.
fn string_literal(text: &str) -> Literal {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // The single quote needs no escape in a string (as proc-macro2).
        if c == '\''
            || PLAIN_RANGES
                .iter()
                .any(|&(low, high)| (low..=high).contains(&c))
        {
            repr.push(c);
        } else if c == '\0' {
            // As proc-macro2: `\0` followed by a digit would read as octal.
            let digit_follows = chars.peek().is_some_and(|next| ('0'..='7').contains(next));
            repr.push_str(if digit_follows { r"\x00" } else { r"\0" });
        } else {
            repr.extend(c.escape_debug());
        }
    }
    repr.push('"');
    // What was built is a well-formed literal; should lexing it ever fail,
    // the slower constructor gives the same token.
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ranges_are_what_escape_debug_leaves_alone() {
        for &(low, high) in PLAIN_RANGES {
            for c in low..=high {
                assert!(c.escape_debug().eq([c]), "{c:?} is escaped by escape_debug");
            }
        }
    }

    #[test]
    fn string_literal_spells_literals_as_proc_macro2_does() {
        let samples = [
            "",
            "plain ASCII, with 'quotes' and \"double quotes\" and \\",
            "函数执行超时。请检查「配置」，（全角）！",
            "tab\tnewline\nreturn\r nul\0 nul-digit\u{0}7 bell\u{7}",
            "bidi \u{202E} zero-width \u{200B} line separator \u{2028}",
            "combining e\u{301} at start: \u{301}x; emoji 😀; Hangul 한국어",
            "ideographic space\u{3000}, Ext-A \u{3400}, Ext-B \u{20000}",
        ];
        for sample in samples {
            assert_eq!(
                string_literal(sample).to_string(),
                Literal::string(sample).to_string(),
                "{sample:?}"
            );
        }
    }
}
