//! Literals of the generated Rust: doc lines and string literals, spelled
//! as `proc-macro2` spells them but without its Unicode-table lookups for
//! the characters catalogs are made of.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// The crate's `//!` documentation, one `#![doc]` attribute per line.
pub(super) fn inner_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#![doc = #lines])* }
}

pub(super) fn doc_lines(text: &str) -> Vec<Literal> {
    doc_line_texts(text)
        .map(|line| string_literal(&line))
        .collect()
}

/// The text of each doc line of `text`, as a `#[doc]` attribute holds it:
/// a space before a line that is not empty, and no control character (each
/// is written as its escape).
pub(super) fn doc_line_texts(text: &str) -> impl Iterator<Item = String> + '_ {
    text.trim_end().lines().map(|line| {
        let mut visible = String::with_capacity(line.len() + 1);
        if !line.is_empty() {
            visible.push(' ');
        }
        for c in line.chars() {
            if crate::render::text::is_bidi_control(c) {
                visible.push_str(&format!("\\u{{{:04X}}}", c as u32));
            } else if c.is_control() {
                // Shown as its escape: rustc refuses a lone carriage
                // return in a doc comment, clippy a tab, and a space in
                // its place could indent a line into a code block.
                visible.push_str(&format!("\\u{{{:X}}}", c as u32));
            } else {
                visible.push(c);
            }
        }
        visible
    })
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
pub(super) fn string_literal(text: &str) -> Literal {
    let mut repr = String::with_capacity(text.len() + 2);
    push_string_literal(&mut repr, text);
    // What was built is a well-formed literal; should lexing it ever fail,
    // the slower constructor gives the same token.
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

/// Appends the spelling of [`string_literal`] (the token's text) to `repr`.
pub(super) fn push_string_literal(repr: &mut String, text: &str) {
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
}

/// `#[doc = "…"]` attributes, one per line, as syntax.
pub(super) fn doc_attributes(text: &str) -> Vec<syn::Attribute> {
    let doc = syn::Path::from(format_ident!("doc"));
    doc_lines(text)
        .into_iter()
        .map(|line| syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: syn::Meta::NameValue(syn::MetaNameValue {
                path: doc.clone(),
                eq_token: Default::default(),
                value: syn::Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::new(line),
                }),
            }),
        })
        .collect()
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
