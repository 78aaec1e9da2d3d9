//! How the catalog's texts are written into each kind of output, by their
//! policy (`model::TEXT_FIELDS`): plain text as Markdown that shows it as
//! written, checked Markdown rewritten for rustdoc and JSDoc, and an
//! entry's documentation in generated code.

use crate::links::in_page_links;
use crate::model::{Entry, Model, PageFormat, PageId};

/// Every run of whitespace, line breaks included, as one space: the one
/// way a text is put on one line (Markdown table cells, the search index).
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

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

/// Plain text (a name, a heading, a reason) as Markdown that shows it as
/// written: on one line, with every character that could start emphasis, a
/// link, HTML, an entity, a code span or fence, a heading or a list
/// escaped. Every plain-text field reaches Rust docs and JSDoc through this,
/// so none can become markup or a doctest there.
pub fn plain_markdown(text: &str) -> String {
    let line = one_line(text);
    // A URL is written as an autolink (rustdoc flags a bare one); the text
    // around it is escaped.
    if let Some(start) = bare_url_start(&line) {
        let end = line[start..]
            .find(|c: char| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`')
            })
            .map_or(line.len(), |length| start + length);
        let url = line[start..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let end = start + url.len();
        return format!(
            "{}<{url}>{}",
            escape_plain(&line[..start]),
            plain_markdown(&line[end..])
        );
    }
    escape_plain(&line)
}

/// One line of plain text with every markup character escaped.
fn escape_plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (index, c) in line.chars().enumerate() {
        let starts_block = index == 0 && matches!(c, '#' | '-' | '+' | '=');
        let ends_ordinal = index == digits && digits > 0 && matches!(c, '.' | ')');
        if starts_block
            || ends_ordinal
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!' | '&'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown text of the catalog (checked by validation) rewritten for
/// rustdoc and JSDoc: parsed and written back by pulldown-cmark-to-cmark,
/// so that list continuations are indented, a bracketed word that is no
/// link is escaped (rustdoc would take it for an intra-doc link), a bare
/// URL becomes an autolink (rustdoc's `bare_urls`), an image a link to it,
/// and raw HTML, which validation refuses anyway, is text. The pages keep
/// the text as written.
pub fn doc_markdown(text: &str) -> String {
    use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};
    let mut events: Vec<Event> = Vec::new();
    let mut in_link = false;
    // For each open image: whether it sits inside a link.
    let mut images: Vec<bool> = Vec::new();
    for event in pulldown_cmark::TextMergeStream::new(Parser::new(text)) {
        match event {
            Event::Start(Tag::Link { .. }) => {
                in_link = true;
                events.push(event);
            }
            Event::End(TagEnd::Link) => {
                in_link = false;
                events.push(event);
            }
            Event::Text(text) if !in_link => {
                let mut rest: &str = &text;
                while let Some(start) = bare_url_start(rest) {
                    let end = start
                        + rest[start..]
                            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                            .unwrap_or(rest.len() - start);
                    // A sentence's closing punctuation is not part of the URL.
                    let url =
                        rest[start..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
                    let end = start + url.len();
                    if start > 0 {
                        events.push(Event::Text(CowStr::from(rest[..start].to_owned())));
                    }
                    events.push(Event::Start(Tag::Link {
                        link_type: LinkType::Autolink,
                        dest_url: CowStr::from(url.to_owned()),
                        title: CowStr::Borrowed(""),
                        id: CowStr::Borrowed(""),
                    }));
                    events.push(Event::Text(CowStr::from(url.to_owned())));
                    events.push(Event::End(TagEnd::Link));
                    rest = &rest[end..];
                }
                if !rest.is_empty() {
                    events.push(Event::Text(CowStr::from(rest.to_owned())));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            // An image becomes a link to it (docs show no image from a
            // text), or its alt text alone inside a link (no link in a link).
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                images.push(in_link);
                if !in_link {
                    in_link = true;
                    events.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id: CowStr::Borrowed(""),
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if !images.pop().unwrap_or(true) {
                    in_link = false;
                    events.push(Event::End(TagEnd::Link));
                }
            }
            other => events.push(other),
        }
    }
    let options = pulldown_cmark_to_cmark::Options {
        list_token: '-',
        ..Default::default()
    };
    let mut out = String::with_capacity(text.len() + 16);
    let parser_options = pulldown_cmark::Options::empty();
    match pulldown_cmark_to_cmark::cmark_with_options(events, &mut out, parser_options, options) {
        // The writer ends a hard line break with two spaces, which editors
        // and formatters strip from comments; a backslash survives them.
        Ok(_) => backslash_hard_breaks(&out),
        // Writing to a `String` does not fail; were it to, the text is
        // still safe escaped as plain text.
        Err(_) => plain_markdown(text),
    }
}

/// The writer's hard breaks (two spaces ending a line of text) as
/// backslashes; lines of only spaces (blank lines inside list items) stay.
fn backslash_hard_breaks(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        match line.strip_suffix("  \n") {
            Some(text) if !text.trim().is_empty() => {
                out.push_str(text);
                out.push_str("\\\n");
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Where an `http://` or `https://` URL starts in `text`, wherever it is
/// (rustdoc's `bare_urls` finds one even after a CJK character).
fn bare_url_start(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        let rest = &text[start..];
        if rest.starts_with("https://") || rest.starts_with("http://") {
            return Some(start);
        }
        from = start + 4;
    }
    None
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
                    doc_markdown(&text.description).trim_end()
                ));
                if let Some(solution) = &text.solution {
                    doc.push_str(&format!(
                        "\n\n**{name} · {}**\n\n{}",
                        plain_markdown(&page.columns.solution),
                        doc_markdown(solution).trim_end()
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
