//! The generated `lib.rs` from the template, `codegen/crate-api/src/lib.rs`:
//! a real crate, compiled, linted and tested on a small table, whose items
//! are copied here in order with the catalog's names, the catalog supplying
//! only the data of the items in [`SUPPLIED`] (the template's module docs
//! say what that is). The template keeps every signature, attribute and doc
//! comment; a disagreement between it and the renderer is an error, never a
//! silently dropped or stale item.

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, Group, Ident, Literal, TokenStream, TokenTree};
use quote::ToTokens;

/// The template, compiled into `codegen` so that rendering reads no file.
const TEMPLATE: &str = include_str!("../../../crate-api/src/lib.rs");

/// The template's items whose data the catalog supplies, by [`key`] (in
/// the template's names). Each must be supplied, exactly once.
pub(super) const SUPPLIED: &[&str] = &[
    "enum CatalogStatus",
    "impl CatalogStatus",
    "struct CatalogStatusCode",
    "enum Lang",
    "impl Lang",
    "const LANGUAGES",
    "static NAMES",
    "static MESSAGES",
    "static DESCRIPTIONS",
    "static SOLUTIONS",
    "static ALIAS_OWNERS",
    "static ALIAS_TEXTS",
    "static BY_MESSAGE",
    "const MESSAGE_SEED",
    "static MESSAGE_PILOTS",
    "static RETIRED",
    "const WHO_ACTS",
    "const RETRY",
    "const VERSIONS",
    "const SINCE",
    "const DEPRECATED",
    "const DEPRECATIONS",
    "const DOCS_URL",
    "const FIRST_CODE",
    "const POSITIONS",
];

/// Items of the template that exist only for the template itself.
const TEMPLATE_ONLY: &[&str] = &["type CodeInt", "type IndexInt", "mod template_tests"];

/// The start of the doc line of the fallback methods that names the
/// languages in fallback order (the template's names for its own table).
const FALLBACK_ORDER_LINE: &str = " in the order of [`Lang::ALL`] (";

/// What the catalog supplies to the template.
pub(super) struct Splices {
    /// Placeholder → the catalog's name: `CatalogStatus`,
    /// `CatalogStatusCode`, `CodeInt`, `IndexInt`, `serialize_u16`.
    pub renames: Vec<(&'static str, String)>,
    /// The crate's `//!` documentation.
    pub crate_docs: Vec<syn::Attribute>,
    /// For each key of [`SUPPLIED`], an item of the same kind holding the
    /// data: enum variants (and `repr`), a constant's or static's type and
    /// value, the named constants and function bodies of an `impl`, a
    /// struct's doc comments.
    pub items: Vec<(&'static str, syn::Item)>,
    /// The doc line naming the languages in fallback order.
    pub fallback_order: syn::Attribute,
}

/// The generated crate's `lib.rs` as syntax.
pub(super) fn instantiate(splices: Splices) -> Result<syn::File, String> {
    let mut file = syn::parse_file(TEMPLATE).map_err(|error| format!("the template: {error}"))?;
    let mut supplied: BTreeMap<&str, syn::Item> = BTreeMap::new();
    for (key, item) in splices.items {
        if !SUPPLIED.contains(&key) || supplied.insert(key, item).is_some() {
            return Err(format!("`{key}` is supplied twice or is not in SUPPLIED"));
        }
    }
    let mut attrs = splices.crate_docs;
    attrs.extend(
        std::mem::take(&mut file.attrs)
            .into_iter()
            .filter(|attr| !is_doc(attr)),
    );
    let mut items = Vec::new();
    let mut fallback_lines = 0;
    for item in std::mem::take(&mut file.items) {
        let key = key(&item);
        if key
            .as_deref()
            .is_some_and(|key| TEMPLATE_ONLY.contains(&key))
        {
            continue;
        }
        let mut item = rename(&item, &splices.renames)?;
        if let Some(data) = key.as_deref().and_then(|key| supplied.remove(key)) {
            splice(&mut item, data)
                .map_err(|problem| format!("`{}`: {problem}", key.unwrap_or_default()))?;
        }
        if let syn::Item::Impl(block) = &mut item {
            fallback_lines += replace_fallback_lines(block, &splices.fallback_order);
        }
        items.push(item);
    }
    if let Some(missing) = SUPPLIED.iter().find(|key| supplied.contains_key(*key)) {
        return Err(format!("the template has no item `{missing}`"));
    }
    if fallback_lines != 2 {
        return Err(format!(
            "the template has {fallback_lines} fallback-order doc lines, not 2"
        ));
    }
    file.attrs = attrs;
    file.items = items;
    Ok(file)
}

/// Puts the catalog's data into the template's item, keeping the template's
/// signature, attributes and docs.
fn splice(template: &mut syn::Item, data: syn::Item) -> Result<(), String> {
    match (template, data) {
        (syn::Item::Enum(template), syn::Item::Enum(data)) => {
            template.variants = data.variants;
            if let Some(repr) = data
                .attrs
                .into_iter()
                .find(|attr| attr.path().is_ident("repr"))
            {
                let slot = template
                    .attrs
                    .iter_mut()
                    .find(|attr| attr.path().is_ident("repr"))
                    .ok_or("the template's enum has no #[repr]")?;
                *slot = repr;
            }
        }
        (syn::Item::Const(template), syn::Item::Const(data)) => {
            template.ty = data.ty;
            template.expr = data.expr;
        }
        (syn::Item::Static(template), syn::Item::Static(data)) => {
            template.ty = data.ty;
            template.expr = data.expr;
        }
        (syn::Item::Struct(template), syn::Item::Struct(data)) => {
            template.attrs.retain(|attr| !is_doc(attr));
            let mut docs: Vec<syn::Attribute> = data.attrs.into_iter().filter(is_doc).collect();
            docs.append(&mut template.attrs);
            template.attrs = docs;
        }
        (syn::Item::Impl(template), syn::Item::Impl(data)) => {
            for member in data.items {
                let slot = template
                    .items
                    .iter_mut()
                    .find(|slot| same_name(slot, &member));
                match (slot, member) {
                    (Some(syn::ImplItem::Const(slot)), syn::ImplItem::Const(member)) => {
                        slot.ty = member.ty;
                        slot.expr = member.expr;
                    }
                    (Some(syn::ImplItem::Fn(slot)), syn::ImplItem::Fn(member)) => {
                        slot.block = member.block;
                    }
                    _ => return Err("a supplied member has no counterpart".to_owned()),
                }
            }
        }
        _ => return Err("the supplied item is of another kind".to_owned()),
    }
    Ok(())
}

fn same_name(slot: &syn::ImplItem, member: &syn::ImplItem) -> bool {
    match (slot, member) {
        (syn::ImplItem::Const(slot), syn::ImplItem::Const(member)) => slot.ident == member.ident,
        (syn::ImplItem::Fn(slot), syn::ImplItem::Fn(member)) => slot.sig.ident == member.sig.ident,
        _ => false,
    }
}

/// Replaces the doc lines naming the fallback order in `block`'s methods;
/// returns how many there were.
fn replace_fallback_lines(block: &mut syn::ItemImpl, line: &syn::Attribute) -> usize {
    let mut replaced = 0;
    for member in &mut block.items {
        if let syn::ImplItem::Fn(function) = member {
            for attr in &mut function.attrs {
                if doc_text(attr).is_some_and(|text| text.starts_with(FALLBACK_ORDER_LINE)) {
                    *attr = line.clone();
                    replaced += 1;
                }
            }
        }
    }
    replaced
}

/// How the template names an item: `enum Lang`, `impl Lang` (the inherent
/// one), `static NAMES`, …
fn key(item: &syn::Item) -> Option<String> {
    Some(match item {
        syn::Item::Enum(item) => format!("enum {}", item.ident),
        syn::Item::Struct(item) => format!("struct {}", item.ident),
        syn::Item::Static(item) => format!("static {}", item.ident),
        syn::Item::Const(item) => format!("const {}", item.ident),
        syn::Item::Type(item) => format!("type {}", item.ident),
        syn::Item::Mod(item) => format!("mod {}", item.ident),
        syn::Item::Impl(item) if item.trait_.is_none() => match &*item.self_ty {
            syn::Type::Path(path) => format!("impl {}", path.path.get_ident()?),
            _ => return None,
        },
        _ => return None,
    })
}

fn is_doc(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("doc")
}

/// The text of a `#[doc = "…"]` attribute.
fn doc_text(attr: &syn::Attribute) -> Option<String> {
    match &attr.meta {
        syn::Meta::NameValue(pair) if pair.path.is_ident("doc") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Some(text.value()),
            _ => None,
        },
        _ => None,
    }
}

/// `item` with the template's placeholder names replaced: identifiers, and
/// whole words of doc comments.
fn rename(item: &syn::Item, renames: &[(&'static str, String)]) -> Result<syn::Item, String> {
    let tokens = rename_tokens(item.to_token_stream(), renames);
    syn::parse2(tokens).map_err(|error| format!("a renamed template item: {error}"))
}

fn rename_tokens(tokens: TokenStream, renames: &[(&'static str, String)]) -> TokenStream {
    let is_doc_attribute = |stream: &TokenStream| {
        let mut tokens = stream.clone().into_iter();
        matches!(
            (tokens.next(), tokens.next(), tokens.next(), tokens.next()),
            (Some(TokenTree::Ident(name)), Some(TokenTree::Punct(equals)), Some(TokenTree::Literal(_)), None)
                if name == "doc" && equals.as_char() == '='
        )
    };
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Ident(ident) => match renames.iter().find(|(from, _)| ident == from) {
                Some((_, to)) => TokenTree::Ident(Ident::new(to, ident.span())),
                None => TokenTree::Ident(ident),
            },
            TokenTree::Group(group)
                if group.delimiter() == Delimiter::Bracket && is_doc_attribute(&group.stream()) =>
            {
                let stream = group
                    .stream()
                    .into_iter()
                    .map(|token| match token {
                        TokenTree::Literal(literal) => {
                            TokenTree::Literal(rename_in_doc(literal, renames))
                        }
                        other => other,
                    })
                    .collect();
                TokenTree::Group(Group::new(Delimiter::Bracket, stream))
            }
            TokenTree::Group(group) => {
                let mut renamed =
                    Group::new(group.delimiter(), rename_tokens(group.stream(), renames));
                renamed.set_span(group.span());
                TokenTree::Group(renamed)
            }
            other => other,
        })
        .collect()
}

/// A doc string with the template's placeholder names replaced as whole
/// words.
fn rename_in_doc(literal: Literal, renames: &[(&'static str, String)]) -> Literal {
    let Ok(text) = syn::parse2::<syn::LitStr>(TokenTree::Literal(literal.clone()).into()) else {
        return literal;
    };
    let text = text.value();
    let mut renamed = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, renamed: &mut String| {
        match renames.iter().find(|(from, _)| from == word) {
            Some((_, to)) => renamed.push_str(to),
            None => renamed.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut renamed);
            renamed.push(c);
        }
    }
    flush(&mut word, &mut renamed);
    Literal::string(&renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_words_are_renamed_whole() {
        let renames = [
            ("CatalogStatus", "InvokeStatus".to_owned()),
            ("CodeInt", "u16".to_owned()),
        ];
        let literal = rename_in_doc(
            Literal::string(
                " The error of `CatalogStatus::try_from(CodeInt)`; CatalogStatusCode, Status.",
            ),
            &renames,
        );
        assert_eq!(
            literal.to_string(),
            Literal::string(
                " The error of `InvokeStatus::try_from(u16)`; CatalogStatusCode, Status."
            )
            .to_string()
        );
    }

    /// The variants of `enum name` in `file`, each with its doc lines.
    fn variants(file: &syn::File, name: &str) -> Vec<(String, Vec<String>)> {
        file.items
            .iter()
            .find_map(|item| match item {
                syn::Item::Enum(item) if item.ident == name => Some(item),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no enum {name}"))
            .variants
            .iter()
            .map(|variant| {
                let docs = variant.attrs.iter().filter_map(doc_text).collect();
                (variant.ident.to_string(), docs)
            })
            .collect()
    }

    /// The crate's `Actor` and `Retry` are the generator's vocabulary: the
    /// same values in the same order (the tables number them by position),
    /// the same docs, and `as_str` the catalog's words.
    fn check_vocabulary<V: crate::advice::Vocabulary + std::fmt::Debug>(name: &str, table: &str) {
        let template = syn::parse_file(TEMPLATE).unwrap();
        let advice = syn::parse_file(include_str!("../../advice.rs")).unwrap();
        let in_template = variants(&template, name);
        assert_eq!(in_template, variants(&advice, name), "the docs of {name}");
        let expected: Vec<String> = V::ALL.iter().map(|value| format!("{value:?}")).collect();
        let names: Vec<&String> = in_template.iter().map(|(name, _)| name).collect();
        assert_eq!(names, expected.iter().collect::<Vec<_>>());
        // Each value's doc is its meaning, the one every other output shows.
        for ((_, docs), value) in in_template.iter().zip(V::ALL) {
            let doc = docs
                .iter()
                .map(|line| line.trim())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(doc, value.meaning(), "the doc of {name}::{value:?}");
        }
        // `const ACTORS`: the values in the vocabulary's order.
        let values = template.items.iter().find_map(|item| match item {
            syn::Item::Const(item) if item.ident == table => Some(&item.expr),
            _ => None,
        });
        let Some(syn::Expr::Array(values)) = values.map(|expr| &**expr) else {
            panic!("no const {table} array");
        };
        let values: Vec<String> = values
            .elems
            .iter()
            .map(|value| match value {
                syn::Expr::Path(path) => path.path.segments.last().unwrap().ident.to_string(),
                _ => panic!("{table} holds something else than a path"),
            })
            .collect();
        assert_eq!(values, expected, "{table}");
        // `as_str`: each value's word.
        let as_str = template
            .items
            .iter()
            .filter(|item| key(item).is_some_and(|key| key == format!("impl {name}")))
            .find_map(|item| match item {
                syn::Item::Impl(item) => item.items.iter().find_map(|member| match member {
                    syn::ImplItem::Fn(function) if function.sig.ident == "as_str" => {
                        Some(function.block.to_token_stream().to_string())
                    }
                    _ => None,
                }),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no {name}::as_str"));
        for value in V::ALL {
            let arm = format!("{name} :: {value:?} => {:?}", value.key());
            assert!(as_str.contains(&arm), "{arm} not in {as_str}");
        }
    }

    #[test]
    fn the_crates_advice_is_the_generators_vocabulary() {
        check_vocabulary::<crate::advice::Actor>("Actor", "ACTORS");
        check_vocabulary::<crate::advice::Retry>("Retry", "RETRIES");
    }

    #[test]
    fn the_template_has_every_supplied_and_template_only_item() {
        let template = syn::parse_file(TEMPLATE).unwrap();
        let keys: Vec<String> = template.items.iter().filter_map(key).collect();
        for expected in SUPPLIED.iter().chain(TEMPLATE_ONLY) {
            assert_eq!(
                keys.iter().filter(|key| key == expected).count(),
                1,
                "`{expected}` is not in the template exactly once"
            );
        }
    }
}
