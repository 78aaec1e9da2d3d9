//! Rule 9: the texts. Each entry has text in at least one declared
//! language, and every Markdown text (entry texts, page intros, the
//! "untranslated" mark, concept sections) is
//! CommonMark without raw HTML, code blocks, headings, thematic breaks or
//! link reference definitions, whose links are http(s) URLs or anchors that
//! exist on the page.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Parser, Tag};

use super::languages::undeclared_language;
use super::not_empty;
use crate::catalog::{Catalog, Located};
use crate::diagnostic::Diagnostic;
use crate::links::in_page_links;
use crate::markup::plain_line;

pub(super) fn check_texts(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let mut anchors: BTreeSet<String> = catalog
        .entries
        .iter()
        .map(|entry| entry.code.value.to_string())
        .collect();
    for page in catalog.pages.values() {
        anchors.extend(
            page.concepts
                .sections
                .iter()
                .map(|section| section.anchor.value.clone()),
        );
    }
    for entry in catalog.entries.iter() {
        if entry.text.is_empty() {
            problems.push(Diagnostic::new(
                entry.text.at,
                format!(
                    "entry {} has no text in any language; give it at least a description",
                    entry.code.value
                ),
            ));
        }
        for (tag, text) in entry.text.iter() {
            undeclared_language(catalog, tag, problems);
            check_markdown(&text.description, "description", &anchors, problems);
            if let Some(solution) = &text.solution {
                check_markdown(solution, "solution", &anchors, problems);
            }
        }
    }
    for page in catalog.pages.values() {
        check_markdown(&page.intro, "intro", &anchors, problems);
        check_markdown(&page.untranslated, "untranslated", &anchors, problems);
        for section in &page.concepts.sections {
            check_markdown(&section.body, "section body", &anchors, problems);
        }
    }
}

fn check_markdown(
    text: &Located<String>,
    what: &str,
    anchors: &BTreeSet<String>,
    problems: &mut Vec<Diagnostic>,
) {
    if !not_empty(text, what, problems) {
        return;
    }
    // A line of plain prose holds nothing these rules look for.
    if plain_line(text).is_some() {
        return;
    }
    let mut parser = Parser::new(text);
    for event in parser.by_ref() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => problems.push(
                Diagnostic::new(text.at, format!("{what} contains raw HTML `{}`", html.trim()))
                    .with_note("write Markdown instead: `**bold**`, `- item`, a backslash at the end of a line for a line break"),
            ),
            Event::Start(Tag::Heading { .. }) | Event::Rule => problems.push(
                Diagnostic::new(text.at, format!("{what} contains a heading or a thematic break"))
                    .with_note("the page's headings come from its layout; use **bold** for emphasis, and escape a leading `#` or `---` as `\\#` or `\\---`"),
            ),
            Event::Start(Tag::CodeBlock(_)) => problems.push(
                Diagnostic::new(text.at, format!("{what} contains a code block"))
                    .with_note("use inline code (`like this`) instead; texts end up in table cells and doc comments"),
            ),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if let Some(problem) = link_problem(&dest_url, anchors) {
                    problems.push(Diagnostic::new(text.at, format!("{what} links to `{dest_url}`: {problem}")));
                }
            }
            _ => {}
        }
    }
    // Outputs away from the pages make in-page links absolute where they
    // are written (`render::text::absolute_links`): an escaped one would
    // stay relative there.
    for link in in_page_links(text) {
        if link.written_at.is_none() {
            let destination = link.destination;
            problems.push(
                Diagnostic::new(
                    text.at,
                    format!("{what} writes the in-page link `{destination}` escaped"),
                )
                .with_note(format!("write it as it is: `({destination})`")),
            );
        }
    }
    // A definition here would give a link target to a `[label]` of any
    // other text it is joined with on a page or in a doc comment, where
    // this check cannot see it: links are written inline.
    if let Some((label, _)) = parser.reference_definitions().iter().next() {
        problems.push(
            Diagnostic::new(
                text.at,
                format!("{what} defines the link reference `[{label}]`"),
            )
            .with_note("write the link inline, as `[text](https://…)`: a definition would apply to the other texts it is shown with"),
        );
    }
}

fn link_problem(target: &str, anchors: &BTreeSet<String>) -> Option<String> {
    if let Some(anchor) = target.strip_prefix('#') {
        return (!anchors.contains(anchor)).then(|| {
            let known = anchors
                .iter()
                .filter(|a| !a.chars().all(|c| c.is_ascii_digit()))
                .map(|a| format!("#{a}"))
                .collect::<Vec<_>>();
            format!(
                "no such anchor on the page (anchors are the codes, like #433, and {})",
                known.join(", ")
            )
        });
    }
    let rest = target
        .strip_prefix("https://")
        .or_else(|| target.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with('/')
                && !target.contains(char::is_whitespace) =>
        {
            None
        }
        Some(_) => Some("not a well-formed URL".to_owned()),
        None => Some("a link must be an http(s) URL or an in-page anchor like #handler".to_owned()),
    }
}
