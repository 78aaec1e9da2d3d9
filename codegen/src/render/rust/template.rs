//! The generated `lib.rs` from the template, `codegen/crate-api/src/lib.rs`:
//! a real crate, compiled, linted and tested on a small table, whose items
//! are copied here in order with the catalog's names, and whose
//! catalog-dependent items are replaced by the catalog's (the template's
//! module docs list exactly what changes).

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, Group, Ident, Literal, TokenStream, TokenTree};
use quote::ToTokens;

/// The template, compiled into `codegen` so that rendering reads no file.
const TEMPLATE: &str = include_str!("../../../crate-api/src/lib.rs");

/// The start of the doc line of the fallback methods that names the
/// languages in fallback order: the template's names for its own table.
const FALLBACK_ORDER_LINE: &str = " in the order of [`Lang::ALL`] (";

/// Items of the template that exist only for the template itself.
const TEMPLATE_ONLY: &[&str] = &["type Code", "type Index", "mod template_tests"];

/// What the catalog supplies to the template.
pub(super) struct Splices {
    /// Template name → catalog name: `Status`, `StatusCode`, `Code`,
    /// `Index`, `serialize_u16`.
    pub renames: Vec<(&'static str, String)>,
    /// The crate's `//!` documentation.
    pub crate_docs: Vec<syn::Attribute>,
    /// The catalog's items, each replacing the template's item with the
    /// same [`key`] once renamed (the status enum, `Lang`, `impl Lang`, the
    /// tables).
    pub items: Vec<syn::Item>,
    /// `Status::ALL`.
    pub all: syn::ImplItem,
    /// The line naming the languages in fallback order.
    pub fallback_order: String,
    /// The open code type's documentation.
    pub code_type_docs: Vec<syn::Attribute>,
}

/// The generated crate's `lib.rs` as syntax.
pub(super) fn instantiate(splices: Splices) -> Result<syn::File, String> {
    let mut file = syn::parse_file(TEMPLATE).map_err(|error| format!("the template: {error}"))?;
    let template_attrs = std::mem::take(&mut file.attrs);
    let template_items = std::mem::take(&mut file.items);
    let status = splices
        .renames
        .iter()
        .find(|(from, _)| *from == "Status")
        .map(|(_, to)| to.clone())
        .unwrap_or_default();
    let code_type = format!("{status}Code");
    let mut supplied: BTreeMap<String, syn::Item> = splices
        .items
        .into_iter()
        .filter_map(|item| Some((key(&item)?, item)))
        .collect();
    let mut attrs = splices.crate_docs;
    attrs.extend(template_attrs.into_iter().filter(|attr| !is_doc(attr)));
    let mut items = Vec::with_capacity(template_items.len());
    for item in template_items {
        let key = key(&item);
        if key
            .as_deref()
            .is_some_and(|key| TEMPLATE_ONLY.contains(&key))
        {
            continue;
        }
        let mut item = rename(&item, &splices.renames)?;
        if let Some(replacement) = self::key(&item).and_then(|key| supplied.remove(&key)) {
            items.push(replacement);
            continue;
        }
        match &mut item {
            syn::Item::Impl(block)
                if block.trait_.is_none() && type_is(&block.self_ty, &status) =>
            {
                for member in &mut block.items {
                    match member {
                        syn::ImplItem::Const(constant) if constant.ident == "ALL" => {
                            *member = splices.all.clone();
                        }
                        syn::ImplItem::Fn(function) => {
                            for attr in &mut function.attrs {
                                if doc_text(attr)
                                    .is_some_and(|text| text.starts_with(FALLBACK_ORDER_LINE))
                                {
                                    let line = &splices.fallback_order;
                                    *attr = syn::parse_quote!(#[doc = #line]);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            syn::Item::Struct(structure) if structure.ident == code_type => {
                structure.attrs.retain(|attr| !is_doc(attr));
                let mut docs = splices.code_type_docs.clone();
                docs.append(&mut structure.attrs);
                structure.attrs = docs;
            }
            _ => {}
        }
        items.push(item);
    }
    if let Some(unused) = supplied.keys().next() {
        return Err(format!("the template has no item `{unused}` to replace"));
    }
    file.attrs = attrs;
    file.items = items;
    Ok(file)
}

/// How the template and the catalog name an item that one supplies for the
/// other: `enum Lang`, `impl Lang` (the inherent one), `static NAMES`, ….
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

fn type_is(ty: &syn::Type, name: &str) -> bool {
    matches!(ty, syn::Type::Path(path) if path.path.is_ident(name))
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

/// `item` with the template's names replaced: identifiers, and whole words
/// of doc comments.
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

/// A doc string with the template's names replaced as whole words.
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
            ("Status", "InvokeStatus".to_owned()),
            ("Code", "u16".to_owned()),
        ];
        let literal = rename_in_doc(
            Literal::string(" The error of `Status::try_from(Code)`; StatusCode, Codes, Status."),
            &renames,
        );
        assert_eq!(
            literal.to_string(),
            Literal::string(
                " The error of `InvokeStatus::try_from(u16)`; StatusCode, Codes, InvokeStatus."
            )
            .to_string()
        );
    }

    #[test]
    fn every_template_item_is_known_to_the_renderer_or_copied() {
        // The template parses, and names the items the renderer replaces.
        let template = syn::parse_file(TEMPLATE).unwrap();
        let keys: Vec<String> = template.items.iter().filter_map(key).collect();
        for expected in [
            "enum Status",
            "enum Lang",
            "impl Lang",
            "impl Status",
            "struct StatusCode",
            "static NAMES",
            "const POSITIONS",
            "type Code",
            "mod template_tests",
        ] {
            assert!(
                keys.iter().any(|key| key == expected),
                "no {expected} in the template"
            );
        }
    }
}
