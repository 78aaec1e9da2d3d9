//! How the catalog's texts are written into each kind of output, by their
//! policy (`model::TEXT_FIELDS`): plain text as Markdown that shows it as
//! written, checked Markdown rewritten for rustdoc and JSDoc, and an
//! entry's documentation in generated code.

use crate::links::in_page_links;
pub use crate::markup::{doc_markdown, one_line, plain_markdown};
use crate::model::{Entry, Model, PageFormat, PageId};

/// A checked Markdown text of the language at `index` as an application
/// shows it, away from the pages: its in-page links (`#433`, `#handler`)
/// made absolute against the published page that holds each anchor in that
/// language, where the catalog says where the site is (`package.site`);
/// otherwise as written. Only link destinations change; validation allows
/// no other kind of link (no reference definitions, no raw HTML).
pub fn absolute_links(model: &Model, index: usize, markdown: &str) -> String {
    if model.package.site.is_none() {
        return markdown.to_owned();
    }
    before_anchors(markdown, |anchor| {
        model.anchor_page_url(index, anchor).unwrap_or_default()
    })
}

/// A checked Markdown text as the page `from` shows it: each in-page link
/// (`#433`) to an anchor on another of the language's pages points at that
/// page (`codes/4.md#433`, `../status-codes.md#handler`).
pub fn page_links(model: &Model, format: PageFormat, from: PageId, markdown: &str) -> String {
    if !model.has_range_pages() {
        return markdown.to_owned();
    }
    before_anchors(markdown, |anchor| {
        let href = model.anchor_href(format, from, anchor);
        href[..href.len() - anchor.len() - 1].to_owned()
    })
}

/// `markdown` with what `page` gives for each in-page link's anchor written
/// before its `#`, where the link is written. Validation refused every
/// in-page link not written as it is.
fn before_anchors(markdown: &str, page: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut copied = 0;
    for link in in_page_links(markdown) {
        let Some(at) = link.written_at else { continue };
        out.push_str(&markdown[copied..at]);
        out.push_str(&page(&link.destination[1..]));
        copied = at;
    }
    out.push_str(&markdown[copied..]);
    out
}

/// Text as an inline code span, with a fence longer than any run of
/// backticks inside it.
pub fn code_span(text: &str) -> String {
    // One line, whatever the text: a line break inside a code span lets the
    // next line start a block (an HTML block, a heading, a list item).
    let text = &text.replace(['\n', '\r'], " ");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `**Deprecated** (since 0.2.0): reason → `436 InvalidInvokeParameter``,
/// with `label` as the first word.
pub fn deprecation_notice(entry: &Entry, label: &str) -> Option<String> {
    let deprecation = entry.deprecation.as_ref()?;
    let mut notice = format!(
        "**{}** (since {}): {}",
        plain_markdown(label),
        deprecation.since,
        plain_markdown(&deprecation.reason)
    );
    if let Some(replacement) = &deprecation.replaced_by {
        notice.push_str(&format!(" → `{} {}`", replacement.code, replacement.id));
    }
    Some(notice)
}

/// The documentation of an entry in generated code, as Markdown: code and
/// message (and aliases), then each language's description and solution
/// under labels in that language (the page's column headings), or the
/// page's "not yet translated" mark. Rust doc comments and TypeScript JSDoc
/// both show it. (Public for `cargo xtask bench`, whose baselines carry the
/// same documentation.)
pub fn entry_doc(model: &Model, entry: &Entry) -> String {
    let mut doc = code_span(&format!("{} {}", entry.code, entry.message));
    if let Some(notice) = deprecation_notice(entry, "Deprecated") {
        doc = format!("{doc}\n\n{notice}");
    }
    if !entry.aliases.is_empty() {
        let aliases = entry
            .aliases
            .iter()
            .map(|alias| code_span(alias))
            .collect::<Vec<_>>();
        doc.push_str(&format!(" (also: {})", aliases.join(", ")));
    }
    for (index, language) in model.languages.iter().enumerate() {
        let (name, page) = (plain_markdown(&language.name), &language.page);
        match entry.text(index) {
            Some(text) => {
                doc.push_str(&format!(
                    "\n\n**{name} · {}**\n\n{}",
                    plain_markdown(&page.columns.description),
                    text.doc_description()
                ));
                if let Some(solution) = text.doc_solution() {
                    doc.push_str(&format!(
                        "\n\n**{name} · {}**\n\n{}",
                        plain_markdown(&page.columns.solution),
                        solution
                    ));
                }
            }
            // Markdown, checked by validation like the entry texts.
            // In a paragraph of its own: Markdown joined onto a line could
            // change meaning (a list marker becoming text, its indented
            // continuation a code block).
            None => doc.push_str(&format!(
                "\n\n**{name}:**\n\n{}",
                doc_markdown(&page.untranslated).trim_end()
            )),
        }
    }
    doc
}

/// Characters that reorder the text around them when displayed (the
/// "Trojan Source" characters). Generated code shows them as escapes, so
/// that what a reviewer sees is what the compiler reads; rustc refuses them
/// in comments outright.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model_with_site(site: Option<&str>) -> Model {
        let source = include_str!("../../tests/fixtures/minimal.yaml");
        let mut model = crate::check(source.as_bytes())
            .expect("minimal loads")
            .model;
        model.package.site = site.map(str::to_owned);
        model
    }

    #[test]
    fn in_page_links_become_absolute_only_where_the_site_is_known() {
        let text = "See [the handler](#handler), [433](<#433> \"t\"), [docs](https://x.test/#a) and `](#433)`.";
        assert_eq!(absolute_links(&model_with_site(None), 0, text), text);
        let model = model_with_site(Some("https://codes.example/scf"));
        assert_eq!(
            absolute_links(&model, 1, text),
            "See [the handler](https://codes.example/scf/zh/index.html#handler), \
[433](<https://codes.example/scf/zh/index.html#433> \"t\"), [docs](https://x.test/#a) and `](#433)`."
        );
    }
}
