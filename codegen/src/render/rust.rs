//! The Rust crate: `Cargo.toml` and `src/lib.rs`, built as tokens with
//! `quote` and printed with `prettyplease`. No Rust is assembled from strings.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{GeneratedFile, RenderError, header};
use crate::catalog::{Catalog, Entry};
use crate::naming;

pub fn render(catalog: &Catalog) -> Result<Vec<GeneratedFile>, RenderError> {
    Ok(vec![
        GeneratedFile::new("rust/Cargo.toml", manifest(catalog)),
        GeneratedFile::new("rust/src/lib.rs", library(catalog)?),
    ])
}

fn manifest(catalog: &Catalog) -> String {
    let package = &catalog.package;
    format!(
        "{header}\
[package]
name = {name}
version = {version}
description = {description}
edition = \"2021\"
rust-version = \"1.70\"
license = \"MIT OR Apache-2.0\"

[lib]
path = \"src/lib.rs\"
",
        header = header::hash(),
        name = toml_string(&package.name),
        version = toml_string(&package.version),
        description = toml_string(&package.description),
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

fn library(catalog: &Catalog) -> Result<String, RenderError> {
    let mut entries: Vec<&Entry> = catalog.entries.iter().collect();
    entries.sort_by_key(|entry| entry.code.value);

    let type_name = format_ident!("{}", catalog.package.type_name.value);
    let crate_doc = inner_doc(&format!(
        "{}.\n\nGenerated from the status-code catalog; see [`{}`].",
        catalog.package.description.value, catalog.package.type_name.value
    ));
    let primary = catalog
        .languages
        .first()
        .map(|language| language.tag.value.as_str())
        .unwrap_or("en");

    let variants = entries.iter().map(|entry| {
        let variant = format_ident!("{}", naming::rust_variant(&entry.id));
        let code = Literal::u16_unsuffixed(entry.code.value);
        let mut doc = format!("`{} {}`", entry.code.value, entry.message.value);
        if let Some(text) = entry.text_in(primary) {
            doc.push_str("\n\n");
            doc.push_str(&text.description);
        }
        let doc = outer_doc(&doc);
        quote! {
            #doc
            #variant = #code
        }
    });
    let all = entries
        .iter()
        .map(|entry| format_ident!("{}", naming::rust_variant(&entry.id)));
    let from_code = entries.iter().map(|entry| {
        let variant = format_ident!("{}", naming::rust_variant(&entry.id));
        let code = Literal::u16_unsuffixed(entry.code.value);
        quote! { #code => Some(Self::#variant) }
    });
    let messages = entries.iter().map(|entry| {
        let variant = format_ident!("{}", naming::rust_variant(&entry.id));
        let message = entry.message.value.as_str();
        quote! { Self::#variant => #message }
    });

    let languages = catalog.languages.iter().map(|language| {
        let variant = format_ident!(
            "{}",
            heck::ToUpperCamelCase::to_upper_camel_case(language.tag.as_str())
        );
        let doc = outer_doc(&format!(
            "{} (`{}`).",
            language.name.value, language.tag.value
        ));
        quote! { #doc #variant }
    });
    let text_lookup = |field: fn(&crate::catalog::Text) -> Option<&str>| -> TokenStream {
        let arms = entries.iter().flat_map(|entry| {
            catalog.languages.iter().filter_map(move |language| {
                let text = field(entry.text_in(&language.tag)?)?;
                let variant = format_ident!("{}", naming::rust_variant(&entry.id));
                let lang = format_ident!(
                    "{}",
                    heck::ToUpperCamelCase::to_upper_camel_case(language.tag.as_str())
                );
                Some(quote! { (Self::#variant, Lang::#lang) => Some(#text) })
            })
        });
        quote! { match (self, lang) { #(#arms,)* _ => None } }
    };
    let description = text_lookup(|text| Some(text.description.as_str()));
    let solution = text_lookup(|text| text.solution.as_ref().map(|s| s.as_str()));

    let file = quote! {
        #crate_doc
        #![no_std]

        /// A status code of a function invocation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(u16)]
        pub enum #type_name {
            #(#variants,)*
        }

        impl #type_name {
            /// Every status code, in ascending order.
            pub const ALL: &'static [Self] = &[#(Self::#all,)*];

            /// The numeric status code.
            pub const fn code(self) -> u16 {
                self as u16
            }

            /// The status for `code`, if this crate knows it.
            pub const fn from_code(code: u16) -> Option<Self> {
                match code {
                    #(#from_code,)*
                    _ => None,
                }
            }

            /// The status message exactly as the platform returns it.
            pub const fn status_message(self) -> &'static str {
                match self {
                    #(#messages,)*
                }
            }

            /// What the status means, in `lang`; `None` where it is not translated.
            pub fn description(self, lang: Lang) -> Option<&'static str> {
                #description
            }

            /// What to do about the status, in `lang`; `None` where it is not
            /// translated or nothing needs doing.
            pub fn solution(self, lang: Lang) -> Option<&'static str> {
                #solution
            }
        }

        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn every_code_round_trips() {
                for status in #type_name::ALL {
                    assert_eq!(#type_name::from_code(status.code()), Some(*status));
                }
            }

            #[test]
            fn all_is_in_ascending_code_order() {
                assert!(#type_name::ALL.windows(2).all(|pair| pair[0].code() < pair[1].code()));
            }
        }

        /// A language of the catalog's texts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Lang {
            #(#languages,)*
        }
    };
    let syntax: syn::File = syn::parse2(file)
        .map_err(|error| RenderError::new("rust/src/lib.rs", error.to_string()))?;
    Ok(format!(
        "{}\n{}",
        header::slashes(),
        prettyplease::unparse(&syntax)
    ))
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

fn doc_lines(text: &str) -> Vec<String> {
    text.trim_end()
        .lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}
