//! The Rust crate: `Cargo.toml`, `README.md` and `src/lib.rs`.
//!
//! `lib.rs` is the template crate (`codegen/crate-api/src/lib.rs`, real
//! source that the workspace compiles, lints and tests) with the catalog's
//! names and items spliced in (`template.rs`). This module writes only what
//! depends on the catalog: the crate docs, the status enum (its variants
//! directly as `syn` nodes), `Status::ALL`, the `Lang` enum and the tables,
//! as tokens with `quote`; `literal.rs` spells their literals. `docs.rs`
//! writes the crate's prose (README, crate docs, the open code type's docs)
//! and `manifest.rs` its `Cargo.toml`. No Rust is assembled from strings;
//! the whole file is printed with `prettyplease`, and only the variants'
//! doc comments and the long tables, most of the file, are then
//! written in as text where their marks were printed (`splice.rs`, held to
//! prettyplease's own printing by the tests here).
//!
//! Design, chosen by measurement (see BENCHMARKS.md and the note on issue 4):
//! the enum has one variant per code with the code as discriminant, and
//! everything else about a status lives in static tables in code order. Code
//! → status is one index into a dense table of positions; message → status
//! is a perfect hash placed at gen time (`message_table.rs`). Advice is a
//! byte per status (the value's place in `crate::advice`'s vocabulary, plus
//! one), each version that first released a status is written once and
//! numbered, and the site's address is one constant from which a code's
//! documentation URL is put together when displayed. No method
//! holds a `match` with an arm per code, and the only constant naming every
//! variant is `ALL`, whose cost to rustc grows
//! with the number of written discriminants (see `status_variants`): at
//! 10,000 consecutive codes the crate checks in about 3 s, against 12 s for
//! the same enum with a `match` in each method (BENCHMARKS.md).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use syn::Token;
use syn::punctuated::Punctuated;

mod docs;
mod literal;
mod manifest;
mod message_table;
mod splice;
mod template;

use std::collections::BTreeSet;

use super::text::plain_markdown;
use crate::advice::Vocabulary;
use crate::model::{Entry, Language, Model};
use crate::output::{GeneratedFile, RenderError, Sink, header};
use literal::{doc_attributes, doc_lines, string_literal};
use splice::{DOC_MARK, Spliced, Tables, TextTable};

/// The crate's files besides `Cargo.toml`, relative to it: the manifest's
/// `include` list, so that the crate is these and nothing else.
const FILES: [&str; 3] = ["README.md", "src/lib.rs", "src/message_hash.rs"];

pub fn render(model: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    let [readme, lib, message_hash] = FILES;
    let mut included = vec!["Cargo.toml"];
    included.extend(FILES);
    let path = |file: &str| format!("rust/{file}");
    sink.put(GeneratedFile::new(
        path("Cargo.toml"),
        manifest::manifest(model, &included)?,
    ))?;
    sink.put(GeneratedFile::new(path(readme), docs::readme(model)))?;
    sink.put_streamed(&path(lib), &mut |into| {
        library_into(model, splice::SPLICED_FROM, into)
    })?;
    sink.put(GeneratedFile::new(
        path(message_hash),
        format!("{}\n{}", header::slashes(), message_table::source()),
    ))?;
    Ok(())
}

/// The model with the identifiers the library's items are built from.
struct Crate<'a> {
    model: &'a Model,
    status: Ident,
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

/// The library whole, as the tests read it.
#[cfg(test)]
fn library(model: &Model) -> Result<String, RenderError> {
    library_with(model, splice::SPLICED_FROM)
}

/// [`library`], with the tables of `spliced_from` elements or more written
/// in as text (the tests compare it with every table as syntax).
#[cfg(test)]
fn library_with(model: &Model, spliced_from: usize) -> Result<String, RenderError> {
    let file = crate::output::collect_streamed("rust/src/lib.rs", &mut |into| {
        library_into(model, spliced_from, into)
    })?;
    Ok(file.contents)
}

/// How much of the library is gathered before it is written on: a file
/// that grows with the catalog is never whole in memory. Small in the unit
/// tests, so that every library they compare is written in many pieces.
const SPILL_AT: usize = if cfg!(test) { 256 } else { 64 * 1024 };

/// Writes the library into `into`, in pieces, with the tables of
/// `spliced_from` elements or more written in as text.
fn library_into(
    model: &Model,
    spliced_from: usize,
    into: &mut dyn std::io::Write,
) -> Result<(), RenderError> {
    let failed = |message: String| RenderError::new("rust/src/lib.rs", message);
    let krate = Crate {
        model,
        status: format_ident!("{}", model.names.status),
        code_int: format_ident!("{}", model.code_width.rust()),
        index_int: format_ident!("{}", model.index_width.rust()),
    };
    let parse = |tokens: TokenStream| -> Result<syn::Item, RenderError> {
        syn::parse2(tokens).map_err(|error| failed(error.to_string()))
    };
    // The data of the template's catalog-dependent items (`template::SUPPLIED`),
    // each as an item of the same kind; the template keeps docs and attributes.
    let code_int = &krate.code_int;
    let mut status_enum = parse(quote! { #[repr(#code_int)] enum CatalogStatus {} })?;
    if let syn::Item::Enum(status_enum) = &mut status_enum {
        status_enum.variants = status_variants(&krate);
    }
    // The long tables are written in as text once printed (`splice.rs`).
    let mut tables = Tables::new(spliced_from);
    let all = tables
        .array(krate.model, Spliced::Text(TextTable::All))
        .map_err(failed)?;
    let mut code_type = parse(quote! { struct CatalogStatusCode; })?;
    if let syn::Item::Struct(code_type) = &mut code_type {
        code_type.attrs = docs::code_type_docs(krate.model);
    }
    let mut items = vec![
        ("enum CatalogStatus", status_enum),
        (
            "impl CatalogStatus",
            parse(quote! { impl CatalogStatus { const ALL: &'static [Self] = &#all; } })?,
        ),
        ("struct CatalogStatusCode", code_type),
    ];
    items.extend(language_items(&krate, &parse)?);
    items.extend(table_items(&krate, &parse, &mut tables)?);
    let crate_docs = docs::crate_docs(krate.model);
    let crate_docs: syn::File =
        syn::parse2(quote! { #crate_docs }).map_err(|error| failed(error.to_string()))?;
    let fallback_order = krate
        .model
        .languages
        .iter()
        .map(|language| plain_markdown(&language.name))
        .collect::<Vec<_>>()
        .join(", ");
    // One line: the names went through `plain_markdown`.
    let fallback_line =
        doc_attributes(&format!("in the order of [`Lang::ALL`] ({fallback_order})"))
            .into_iter()
            .next()
            .ok_or_else(|| failed("no fallback-order line".to_owned()))?;
    let syntax = template::instantiate(template::Splices {
        renames: vec![
            ("CatalogStatus", model.names.status.clone()),
            ("CatalogStatusCode", model.names.code.clone()),
            ("CodeInt", model.code_width.rust().to_owned()),
            ("IndexInt", model.index_width.rust().to_owned()),
            (
                "serialize_u16",
                format!("serialize_{}", model.code_width.rust()),
            ),
        ],
        crate_docs: crate_docs.attrs,
        items,
        fallback_order: fallback_line,
    })
    .map_err(failed)?;
    let printed = prettyplease::unparse(&syntax);
    drop(syntax);
    let mut pending = String::with_capacity(2 * SPILL_AT);
    pending.push_str(&header::slashes());
    pending.push('\n');
    // The first failure to write on; nothing more is gathered after it.
    let mut written = Ok(());
    let mut spill = |text: &mut String| {
        if text.len() >= SPILL_AT {
            if written.is_ok() {
                written = into.write_all(text.as_bytes());
            }
            text.clear();
        }
    };
    splice::splice(&krate, &printed, &tables.marked, &mut pending, &mut spill).map_err(failed)?;
    written
        .and_then(|()| into.write_all(pending.as_bytes()))
        .map_err(|error| RenderError::writing("rust/src/lib.rs", &error))
}

/// A variant's documentation: the entry's ([`super::text::entry_doc`]),
/// then the version that first released it, in the primary language's
/// words.
fn variant_doc(model: &Model, entry: &Entry) -> String {
    format!(
        "{}\n\n{} {}.",
        super::text::entry_doc(model, entry),
        plain_markdown(&model.primary().page.since),
        entry.since
    )
}

/// The variants of the status enum, built as syntax rather than as tokens
/// (parsing 10,000 of them back from tokens took as long as building them),
/// each with a mark where its documentation goes once printed
/// ([`splice::splice`]).
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
        .enumerate()
        .map(|(position, entry)| {
            let code = entry.code;
            let follows = previous.is_some_and(|previous| previous.checked_add(1) == Some(code));
            previous = Some(code);
            // Its documentation goes where this mark is printed
            // (`splice::splice`).
            let mark = format!("{DOC_MARK}{position}");
            let mut attrs: Vec<syn::Attribute> = vec![syn::parse_quote!(#[doc = #mark])];
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
    // rustdoc renders the note as Markdown: the reason is plain text.
    let reason = plain_markdown(&deprecation.reason);
    match &deprecation.replaced_by {
        Some(other) => format!(
            "{reason} Use `{}::{}` ({}) instead.",
            krate.status, other.rust_variant, other.code
        ),
        None => reason,
    }
}

/// The data of `enum Lang`, `impl Lang` and `LANGUAGES`.
fn language_items(
    krate: &Crate,
    parse: &dyn Fn(TokenStream) -> Result<syn::Item, RenderError>,
) -> Result<Vec<(&'static str, syn::Item)>, RenderError> {
    let languages = &krate.model.languages;
    let variants = languages.iter().map(|language| {
        let variant = Crate::language_variant(language);
        let doc = doc_lines(&format!(
            "{} (`{}`).",
            plain_markdown(&language.name),
            language.tag
        ));
        quote! { #(#[doc = #doc])* #variant }
    });
    let all = languages.iter().map(Crate::language_variant);
    let tags = languages.iter().map(|language| {
        let variant = Crate::language_variant(language);
        let tag = string_literal(&language.tag);
        quote! { Lang::#variant => #tag }
    });
    let names = languages.iter().map(|language| {
        let variant = Crate::language_variant(language);
        let name = string_literal(&language.name);
        quote! { Lang::#variant => #name }
    });
    let count = Literal::usize_unsuffixed(languages.len());
    Ok(vec![
        ("enum Lang", parse(quote! { enum Lang { #(#variants,)* } })?),
        (
            "impl Lang",
            parse(quote! {
                impl Lang {
                    const ALL: &'static [Lang] = &[#(Lang::#all,)*];
                    const fn tag(self) -> &'static str { match self { #(#tags,)* } }
                    const fn name(self) -> &'static str { match self { #(#names,)* } }
                }
            })?,
        ),
        (
            "const LANGUAGES",
            parse(quote! { const LANGUAGES: usize = #count; })?,
        ),
    ])
}

/// The data of the tables: one item per `static` or `const` of the
/// template that holds catalog data.
/// A table's item (`quote`d with an empty array) with its array: marked
/// in `tables` to be written in once printed when it is long, else as
/// syntax, built rather than parsed back from tokens (at 10,000 entries
/// that parse was most of the renderer's time).
fn table_item<'m>(
    model: &'m Model,
    parse: &dyn Fn(TokenStream) -> Result<syn::Item, RenderError>,
    tables: &mut Tables<'m>,
    item: TokenStream,
    table: Spliced<'m>,
) -> Result<syn::Item, RenderError> {
    let failed = |message: String| RenderError::new("rust/src/lib.rs", message);
    let array = tables.array(model, table).map_err(failed)?;
    let mut item = parse(item)?;
    match &mut item {
        syn::Item::Static(item) => *item.expr = array,
        syn::Item::Const(item) => *item.expr = array,
        _ => {
            return Err(failed(
                "a table is neither a static nor a constant".to_owned(),
            ));
        }
    }
    Ok(item)
}

fn table_items<'m>(
    krate: &Crate<'m>,
    parse: &dyn Fn(TokenStream) -> Result<syn::Item, RenderError>,
    tables: &mut Tables<'m>,
) -> Result<Vec<(&'static str, syn::Item)>, RenderError> {
    let (code_int, index_int) = (&krate.code_int, &krate.index_int);
    let languages = &krate.model.languages;
    let count = Literal::usize_unsuffixed(krate.model.entries.len());
    let model = krate.model;
    // One cell per status and language, status-major (`TextTable`).
    let text_count = Literal::usize_unsuffixed(model.entries.len() * languages.len());
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
    let alias_owners = aliases.iter().map(|&(owner, _)| owner as u64).collect();
    // Every accepted message with the index of the status a lookup answers
    // (the model's owner), each in its slot of the perfect hash; a slot no
    // message hashes to repeats the first row.
    let accepted = krate.model.accepted_messages();
    let mut keys = Vec::with_capacity(accepted.len());
    for message in &accepted {
        let owner = krate
            .model
            .entry_index(message.codes[0])
            .ok_or_else(|| RenderError::new("rust/src/lib.rs", "a message without its entry"))?;
        keys.push((message.text, owner));
    }
    keys.sort_unstable();
    let table = message_table::build(&keys)
        .map_err(|message| RenderError::new("rust/src/lib.rs", message))?;
    let slot_count = Literal::usize_unsuffixed(table.slots.len());
    let message_rows = table.rows().collect();
    let seed = Literal::u64_unsuffixed(table.seed);
    let bucket_count = Literal::usize_unsuffixed(table.pilots.len());
    let pilots = table.pilots.iter().map(|&pilot| u64::from(pilot)).collect();
    // The retired codes (in code order, as the model keeps them), each with
    // the status that replaces it.
    let status = &krate.status;
    let retired_count = Literal::usize_unsuffixed(krate.model.retired.len());
    let retired_rows = krate.model.retired.iter().map(|retired| {
        let code = Literal::u32_unsuffixed(retired.code);
        let message = string_literal(&retired.message);
        let retired_in = string_literal(&retired.since.to_string());
        let replaced_by = match &retired.replaced_by {
            Some(replacement) => {
                let variant = format_ident!("{}", replacement.rust_variant);
                quote! { Some(#status::#variant) }
            }
            None => quote! { None },
        };
        quote! {
            RetiredStatus { code: #code, message: #message, retired_in: #retired_in, replaced_by: #replaced_by }
        }
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
    let positions = position_table;
    let first_code = Literal::u32_unsuffixed(first_code);
    let advice = advice_items(krate, parse, tables)?;
    let history = history_items(krate, parse, tables)?;
    let mut table =
        |item: TokenStream, table: Spliced<'m>| table_item(model, parse, tables, item, table);
    // Flat arrays of string literals: rustc handles them far faster than an
    // array of structs or of `Option`s (measured: 15 s against 0.5 s at
    // 10,000 codes).
    Ok(vec![
        (
            "static NAMES",
            table(
                quote! { static NAMES: [&str; #count] = []; },
                Spliced::Text(TextTable::Names),
            )?,
        ),
        (
            "static MESSAGES",
            table(
                quote! { static MESSAGES: [&str; #count] = []; },
                Spliced::Text(TextTable::Messages),
            )?,
        ),
        (
            "static DESCRIPTIONS",
            table(
                quote! { static DESCRIPTIONS: [&str; #text_count] = []; },
                Spliced::Text(TextTable::Descriptions),
            )?,
        ),
        (
            "static SOLUTIONS",
            table(
                quote! { static SOLUTIONS: [&str; #text_count] = []; },
                Spliced::Text(TextTable::Solutions),
            )?,
        ),
        (
            "static ALIAS_OWNERS",
            table(
                quote! { static ALIAS_OWNERS: [#index_int; #alias_count] = []; },
                Spliced::Integers(alias_owners),
            )?,
        ),
        (
            "static ALIAS_TEXTS",
            table(
                quote! { static ALIAS_TEXTS: [&str; #alias_count] = []; },
                Spliced::Text(TextTable::AliasTexts),
            )?,
        ),
        (
            "static BY_MESSAGE",
            table(
                quote! { static BY_MESSAGE: [(&str, #index_int); #slot_count] = []; },
                Spliced::Rows(message_rows),
            )?,
        ),
        (
            "const MESSAGE_SEED",
            parse(quote! { const MESSAGE_SEED: u64 = #seed; })?,
        ),
        (
            "static MESSAGE_PILOTS",
            table(
                quote! { static MESSAGE_PILOTS: [u16; #bucket_count] = []; },
                Spliced::Integers(pilots),
            )?,
        ),
        (
            "static RETIRED",
            parse(
                quote! { static RETIRED: [RetiredStatus; #retired_count] = [#(#retired_rows),*]; },
            )?,
        ),
        (
            "const FIRST_CODE",
            parse(quote! { const FIRST_CODE: #code_int = #first_code; })?,
        ),
        (
            "const POSITIONS",
            table(
                quote! { const POSITIONS: [#index_int; #span] = []; },
                Spliced::Integers(positions),
            )?,
        ),
    ]
    .into_iter()
    .chain(advice)
    .chain(history)
    .collect())
}

/// A value of the vocabulary as the crate's tables hold it: 0 where the
/// catalog does not say, else its position in the vocabulary plus one (the
/// template's `ACTORS` and `RETRIES` list the values in the same order).
fn vocabulary_number<V: Vocabulary + PartialEq>(value: Option<V>) -> u64 {
    let position = value.and_then(|value| V::ALL.iter().position(|&known| known == value));
    position.map_or(0, |position| position as u64 + 1)
}

/// A table of integer literals: `const NAME: [TYPE; N] = [...];`.
fn integer_table<'m>(
    model: &'m Model,
    parse: &dyn Fn(TokenStream) -> Result<syn::Item, RenderError>,
    tables: &mut Tables<'m>,
    name: &str,
    element: TokenStream,
    values: Vec<u64>,
) -> Result<syn::Item, RenderError> {
    let name = format_ident!("{name}");
    let count = Literal::usize_unsuffixed(values.len());
    table_item(
        model,
        parse,
        tables,
        quote! { const #name: [#element; #count] = []; },
        Spliced::Integers(values),
    )
}

/// The data of `WHO_ACTS` and `RETRY`: one byte per status, in code order.
fn advice_items<'m>(
    krate: &Crate<'m>,
    parse: &dyn Fn(TokenStream) -> Result<syn::Item, RenderError>,
    tables: &mut Tables<'m>,
) -> Result<Vec<(&'static str, syn::Item)>, RenderError> {
    let entries = &krate.model.entries;
    let who_acts = entries
        .iter()
        .map(|entry| vocabulary_number(entry.who_acts))
        .collect();
    let retry = entries
        .iter()
        .map(|entry| vocabulary_number(entry.retry))
        .collect();
    Ok(vec![
        (
            "const WHO_ACTS",
            integer_table(krate.model, parse, tables, "WHO_ACTS", quote!(u8), who_acts)?,
        ),
        (
            "const RETRY",
            integer_table(krate.model, parse, tables, "RETRY", quote!(u8), retry)?,
        ),
    ])
}

/// The data of `VERSIONS`, `SINCE`, `DEPRECATED`, `DEPRECATIONS` and
/// `DOCS_URL`.
fn history_items<'m>(
    krate: &Crate<'m>,
    parse: &dyn Fn(TokenStream) -> Result<syn::Item, RenderError>,
    tables: &mut Tables<'m>,
) -> Result<Vec<(&'static str, syn::Item)>, RenderError> {
    let (status, index_int, code_int) = (&krate.status, &krate.index_int, &krate.code_int);
    let entries = &krate.model.entries;
    // Each version once, ascending; each status names its own by position.
    let versions: Vec<_> = entries
        .iter()
        .map(|entry| entry.since)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let since = entries
        .iter()
        .map(|entry| versions.binary_search(&entry.since).unwrap_or(0) as u64)
        .collect();
    let version_count = Literal::usize_unsuffixed(versions.len());
    let versions = versions
        .iter()
        .map(|version| string_literal(&version.to_string()));
    let deprecated: Vec<(usize, &crate::model::Deprecation)> = entries
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| entry.deprecation.as_ref().map(|found| (index, found)))
        .collect();
    let deprecated_positions = deprecated.iter().map(|&(index, _)| index as u64).collect();
    let deprecation_count = Literal::usize_unsuffixed(deprecated.len());
    let deprecation_rows = deprecated.iter().map(|(_, deprecation)| {
        let since = string_literal(&deprecation.since.to_string());
        let reason = string_literal(&deprecation.reason);
        let replaced_by = match &deprecation.replaced_by {
            Some(replacement) => {
                let variant = format_ident!("{}", replacement.rust_variant);
                quote! { Some(#status::#variant) }
            }
            None => quote! { None },
        };
        quote! { Deprecation { since: #since, reason: #reason, replaced_by: #replaced_by } }
    });
    let docs_url = match krate.model.docs_url_parts() {
        Some(parts) => {
            let before_tag = string_literal(&parts.before_tag);
            let before_page = string_literal(&parts.before_page);
            let before_code = string_literal(&parts.before_code);
            let range_width = match parts.range_width {
                Some(width) => {
                    let width = Literal::u32_unsuffixed(width);
                    quote! { Some(#width) }
                }
                None => quote! { None },
            };
            quote! { Some((#before_tag, #before_page, #range_width, #before_code)) }
        }
        None => quote! { None },
    };
    Ok(vec![
        (
            "const VERSIONS",
            parse(quote! { const VERSIONS: [&str; #version_count] = [#(#versions),*]; })?,
        ),
        (
            "const SINCE",
            integer_table(
                krate.model,
                parse,
                tables,
                "SINCE",
                quote!(#index_int),
                since,
            )?,
        ),
        (
            "const DEPRECATED",
            integer_table(
                krate.model,
                parse,
                tables,
                "DEPRECATED",
                quote!(#index_int),
                deprecated_positions,
            )?,
        ),
        (
            "const DEPRECATIONS",
            parse(quote! {
                const DEPRECATIONS: [Deprecation; #deprecation_count] = [#(#deprecation_rows),*];
            })?,
        ),
        (
            "const DOCS_URL",
            parse(quote! {
                const DOCS_URL: Option<(&str, &str, Option<#code_int>, &str)> = #docs_url;
            })?,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advice::{Actor, Retry};
    use crate::model::{Deprecation, Replacement};

    /// The library of `minimal.yaml` with a site, advice on two codes, the
    /// last deprecated, and the first two released in an earlier version.
    #[test]
    fn spliced_docs_are_what_prettyplease_prints_for_the_doc_attributes() {
        let fixtures = [
            include_str!("../../../tests/fixtures/hostile.yaml"),
            include_str!("../../../tests/fixtures/markdown-edges.yaml"),
            include_str!("../../../tests/fixtures/edge-codes.yaml"),
            include_str!("../../../../catalog.yaml"),
        ];
        for source in fixtures {
            let model = crate::check(source.as_bytes())
                .expect("the fixture loads")
                .model;

            let krate = Crate {
                model: &model,
                status: format_ident!("{}", model.names.status),
                code_int: format_ident!("{}", model.code_width.rust()),
                index_int: format_ident!("{}", model.index_width.rust()),
            };
            let enum_of = |variants: Punctuated<syn::Variant, Token![,]>| {
                let mut item: syn::ItemEnum = syn::parse_quote!(
                    pub enum Status {}
                );
                item.variants = variants;
                let mut file: syn::File = syn::parse_quote!();
                file.items.push(syn::Item::Enum(item));
                prettyplease::unparse(&file)
            };
            let marked = status_variants(&krate);
            // The same variants with their docs as attributes, a line each.
            let mut attributed = marked.clone();
            for (variant, entry) in attributed.iter_mut().zip(&model.entries) {
                let mut attrs = doc_attributes(&variant_doc(&model, entry));
                attrs.extend(variant.attrs.drain(..).skip(1));
                variant.attrs = attrs;
            }
            let mut spliced = String::new();
            splice::splice(&krate, &enum_of(marked), &[], &mut spliced, &mut |_| {}).unwrap();
            assert_eq!(spliced, enum_of(attributed), "{}", model.package.name);
        }
    }

    /// The tables written in as text are what prettyplease prints for the
    /// same tables as syntax: on fixtures with hostile and edge texts, the
    /// real catalog, and one of 40 entries whose every table is long.
    #[test]
    fn spliced_tables_are_what_prettyplease_prints_for_the_arrays() {
        let fixtures = [
            include_str!("../../../tests/fixtures/hostile.yaml"),
            include_str!("../../../tests/fixtures/markdown-edges.yaml"),
            include_str!("../../../tests/fixtures/edge-codes.yaml"),
            include_str!("../../../../catalog.yaml"),
        ];
        let mut models: Vec<Model> = fixtures
            .iter()
            .map(|source| crate::check(source.as_bytes()).expect("loads").model)
            .collect();
        let mut long = models[3].clone();
        let template = long.entries[1].clone();
        let last_code = long.entries.last().expect("entries").code;
        for n in 1..=40u32 {
            let mut entry = template.clone();
            entry.code = last_code + n;
            entry.names.rust_variant = format!("Extra{n}");
            // Around the width at which a row of `BY_MESSAGE` breaks.
            entry.message = format!(
                "Extra message {n} \"quoted\" \\ {{}} {}",
                "x".repeat(40 + n as usize)
            );
            entry.aliases = vec![format!("extra alias {n}")];
            long.entries.push(entry);
        }
        models.push(long);
        for model in &models {
            let spliced = library_with(model, splice::SPLICED_FROM).unwrap();
            let whole = library_with(model, usize::MAX).unwrap();
            if let Some((line, (a, b))) = spliced
                .lines()
                .zip(whole.lines())
                .enumerate()
                .find(|(_, (a, b))| a != b)
            {
                panic!(
                    "{}: line {}:\nspliced: {a}\nprinted: {b}",
                    model.package.name,
                    line + 1
                );
            }
            assert!(spliced == whole, "{}", model.package.name);
        }
        // Rows of `BY_MESSAGE` on one line and broken, and integers several
        // to a line, were all compared.
        let long = library_with(models.last().unwrap(), usize::MAX).unwrap();
        assert!(
            long.contains("    (\"Extra message 1 "),
            "a row on one line"
        );
        assert!(
            long.contains("    (\n        \"Extra message 39 "),
            "a broken row"
        );
        assert!(
            long.contains("= [\n    0, 0, 0, 0, 0, 0,"),
            "integers packed"
        );
        // The long one exercised every kind of table.
        let last = models.last().unwrap();
        let mut tables = Tables::new(splice::SPLICED_FROM);
        for table in [
            TextTable::All,
            TextTable::Names,
            TextTable::Messages,
            TextTable::Descriptions,
            TextTable::Solutions,
            TextTable::AliasTexts,
        ] {
            tables.array(last, Spliced::Text(table)).unwrap();
            assert_eq!(tables.marked.len(), 1 + table as usize, "{table:?}");
        }
    }

    #[test]
    fn doc_lines_are_pushed_as_prettyplease_prints_them() {
        let text = "ends in spaces  \n\n  indented \ttab \u{202E} `code`   \n/ slash\n*";
        let attrs = doc_attributes(text);
        let mut file: syn::File = syn::parse_quote!(
            mod m {
                pub enum E {
                    V,
                }
            }
        );
        if let syn::Item::Mod(module) = &mut file.items[0]
            && let Some((_, items)) = &mut module.content
            && let syn::Item::Enum(item) = &mut items[0]
        {
            item.variants[0].attrs = attrs;
        }
        let printed = prettyplease::unparse(&file);
        let mut pushed = String::new();
        splice::push_doc_lines(&mut pushed, "        ", text);
        assert!(printed.contains(&pushed), "{printed}\n---\n{pushed}");
    }

    fn library_with_site() -> String {
        let source = include_str!("../../../tests/fixtures/minimal.yaml");
        let mut model = crate::check(source.as_bytes())
            .expect("minimal loads")
            .model;
        model.package.site = Some("https://codes.example/scf".to_owned());
        model.entries[0].who_acts = Some(Actor::Nobody);
        model.entries[0].retry = Some(Retry::NotNeeded);
        model.entries[1].who_acts = Some(Actor::Platform);
        model.entries[1].retry = Some(Retry::CallerDecides);
        for entry in &mut model.entries[..2] {
            entry.since = "0.1.0".parse().unwrap();
        }
        model.entries[2].since = "0.3.0".parse().unwrap();
        model.entries[2].deprecation = Some(Deprecation {
            since: "0.3.0".parse().unwrap(),
            reason: "Say \"why\" \\ */".to_owned(),
            replaced_by: Some(Replacement {
                code: 433,
                id: "TimeLimitReached".to_owned(),
                rust_variant: "TimeLimitReached".to_owned(),
            }),
        });
        library(&model).unwrap()
    }

    #[test]
    fn the_tables_hold_advice_history_and_the_site() {
        // Compared without whitespace: prettyplease breaks lines where it will.
        let packed = |text: &str| text.split_whitespace().collect::<String>();
        let library = packed(&library_with_site());
        for expected in [
            // Nobody and not_needed are first in the vocabulary, platform
            // and caller_decides last.
            "const WHO_ACTS: [u8; 3] = [1, 5, 0];",
            "const RETRY: [u8; 3] = [1, 4, 0];",
            "const VERSIONS: [&str; 2] = [\"0.1.0\", \"0.3.0\"];",
            "const SINCE: [u16; 3] = [0, 0, 1];",
            "const DEPRECATED: [u16; 1] = [2];",
            "reason: \"Say \\\"why\\\" \\\\ */\"",
            "replaced_by: Some(DemoStatus::TimeLimitReached)",
            // The model's layout, cut where the tag, the page and the code go.
            "const DOCS_URL: Option<(&str, &str, Option<u16>, &str)> = Some((\"https://codes.example/scf/\", \"/index.html\", None, \"#\"",
        ] {
            assert!(library.contains(&packed(expected)), "{expected}");
        }
    }

    #[test]
    fn texts_link_to_the_published_page_and_docs_keep_the_anchor() {
        let library = library_with_site();
        assert!(library.contains(
            "\"See [the handler](https://codes.example/scf/en/index.html#handler) and [the docs](https://example.com/docs#limits).\""
        ));
        assert!(library.contains("/// See [the handler](#handler)"));
    }
}
