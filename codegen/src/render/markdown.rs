//! The reference pages' Markdown, one page (or one per range of codes) per
//! language, from `templates/page.md`. The site's renderer writes each page
//! to `docs/` and converts the same text into the site's HTML, so that a
//! page is rendered once ([`super::site::render`]).
//!
//! Layout: a summary table (code and message, description) whose rows link
//! to a section per code holding the full description and solution. A table
//! cell cannot hold a Markdown list, so the full texts live in the sections,
//! where lists and line breaks survive as written. Every section has a stable
//! anchor, the code itself (`status-codes.md#433`), and opens with the
//! version that first released the code, its deprecation notice, and the
//! advice (who must act, what a retry can do) in the page's words; an axis
//! the entry leaves unset is not shown (no placeholder: the catalog did not
//! say).

use askama::Template;

use super::text::{code_span, one_line, page_links, plain_markdown};
use crate::model::{
    AdviceWords, Columns, ConceptSection, Concepts, Model, Page, PageFormat, PageId,
};
use crate::output::{RenderError, header};

/// The solution cell of a status that needs none (200), as the source pages
/// wrote it. Escaped: a bare `-` line is an empty list item in Markdown.
const NOTHING_TO_DO: &str = "\\-";

/// Where a language's page is written, relative to the output directory.
pub fn page_path(tag: &str, page: PageId) -> String {
    format!("docs/{tag}/{}", page.markdown_path())
}

/// The Markdown of the page at `at` of `pages` ([`Model::pages`]) of the
/// language at `index` of [`Model::languages`] (the site renders it too).
pub fn page(
    model: &Model,
    index: usize,
    pages: &[PageId],
    at: usize,
) -> Result<String, RenderError> {
    let page_id = pages[at];
    let language = &model.languages[index];
    let format = PageFormat::Markdown;
    // The page's plain-text fields as Markdown that shows them as written;
    // its Markdown fields (intro, untranslated, section bodies) as checked,
    // their in-page links pointing at the page that holds each anchor.
    let page = &plain_page(&language.page);
    let links = |markdown: &str| page_links(model, format, page_id, markdown);
    let entries = on_page(model, page_id, &model.entries, |entry| entry.code);
    let rows = entries
        .iter()
        .map(|entry| {
            let text = entry.text(index).map(|text| RowText {
                description: links(text.description.trim_end()),
                solution: text
                    .solution
                    .as_ref()
                    .map_or_else(|| NOTHING_TO_DO.to_owned(), |s| links(s.trim_end())),
            });
            // Escaped already; the notice escapes the label it is given.
            let label = page.deprecated.as_str();
            let deprecation = super::text::deprecation_notice(entry, &language.page.deprecated);
            let summary = match &text {
                Some(text) => text.description.clone(),
                None => links(&page.untranslated),
            };
            let summary_cell = match &deprecation {
                Some(_) => table_cell(&format!("*{label}.* {summary}")),
                None => table_cell(&summary),
            };
            let elsewhere = model
                .languages
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index && entry.text(*other).is_some())
                .map(|(_, other)| LanguageLink {
                    name: plain_markdown(&other.name),
                    href: format!(
                        "{}#{}",
                        Model::language_href(format, page_id, &other.tag, page_id),
                        entry.code
                    ),
                })
                .collect();
            Row {
                code: entry.code,
                since: entry.since.to_string(),
                advice: page
                    .advice
                    .of(entry)
                    .into_iter()
                    .map(|(label, word)| Advice {
                        label: label.to_owned(),
                        word: word.to_owned(),
                    })
                    .collect(),
                message_cell: table_cell(&code_span(&entry.message)),
                message_heading: code_span(&entry.message),
                summary_cell,
                text,
                elsewhere,
                deprecation,
            }
        })
        .collect();
    let is_index = page_id == PageId::Index;
    let template = PageTemplate {
        header: header::html_comment(),
        title: match page_id.codes() {
            Some((first, last)) => format!("{}: {first}–{last}", page.title),
            None => page.title.clone(),
        },
        up: (!is_index).then(|| {
            let href = format!(
                "{}{}",
                page_id.to_language_dir(),
                PageId::Index.markdown_path()
            );
            LanguageLink {
                name: page.title.clone(),
                href,
            }
        }),
        // A range page's neighbours, by the codes they may hold.
        previous: at
            .checked_sub(1)
            .and_then(|before| range_link(pages[before], page_id)),
        next: pages
            .get(at + 1)
            .and_then(|&after| range_link(after, page_id)),
        intro: is_index.then(|| links(&page.intro)),
        untranslated: links(&page.untranslated),
        status_heading: page.columns.status.clone(),
        description_heading: page.columns.description.clone(),
        page,
        other_languages: model
            .languages
            .iter()
            .filter(|other| other.tag != language.tag)
            .map(|other| LanguageLink {
                name: plain_markdown(&other.name),
                href: Model::language_href(format, page_id, &other.tag, page_id),
            })
            .collect(),
        ranges: listed(model, pages, page_id),
        rows,
        retired: on_page(model, page_id, &model.retired, |code| code.code)
            .iter()
            .map(|code| RetiredRow {
                code: code.code,
                message: code_span(&code.message),
                since: code.since.to_string(),
                reason: plain_markdown(&code.reason),
                replacement: code.replaced_by.as_ref().map(|replacement| {
                    format!(
                        "[{} {}]({})",
                        replacement.code,
                        code_span(&replacement.id),
                        model.anchor_href(format, page_id, &replacement.code.to_string())
                    )
                }),
            })
            .collect(),
        concepts: is_index.then(|| Concepts {
            heading: page.concepts.heading.clone(),
            sections: page
                .concepts
                .sections
                .iter()
                .map(|section| ConceptSection {
                    anchor: section.anchor.clone(),
                    title: section.title.clone(),
                    body: links(&section.body),
                })
                .collect(),
        }),
    };
    let mut page = template
        .render()
        .map_err(|error| RenderError::new(&page_path(&language.tag, page_id), error.to_string()))?;
    // One newline at the end, whichever of the template's optional parts
    // (retired codes, concepts) the page ends before.
    page.truncate(page.trim_end().len());
    page.push('\n');
    Ok(page)
}

/// What of `items` (in code order: entries, retired codes) the page holds:
/// a range page's are a slice; the index holds all while there are no range
/// pages, and none after.
fn on_page<'a, T>(
    model: &Model,
    page: PageId,
    items: &'a [T],
    code: impl Fn(&T) -> u32,
) -> &'a [T] {
    match page {
        PageId::Range(_) => codes_within(page, items, code),
        PageId::Index if !model.has_range_pages() => items,
        PageId::Index | PageId::Group(_) => &[],
    }
}

/// What of `items` (in code order) has a code `page` may hold or list.
fn codes_within<T>(page: PageId, items: &[T], code: impl Fn(&T) -> u32) -> &[T] {
    let Some((first, last)) = page.codes() else {
        return items;
    };
    let start = items.partition_point(|item| code(item) < first);
    let end = items.partition_point(|item| code(item) <= last);
    &items[start..end.max(start)]
}

/// The link from the range page (or group) `from` to its neighbour `to`,
/// named by the codes `to` may hold.
fn range_link(to: PageId, from: PageId) -> Option<LanguageLink> {
    let same_kind = matches!(
        (to, from),
        (PageId::Range(_), PageId::Range(_)) | (PageId::Group(_), PageId::Group(_))
    );
    let (first, last) = to.codes().filter(|_| same_kind)?;
    let href = to.markdown_path();
    let name = href.rsplit('/').next().unwrap_or(&href).to_owned();
    Some(LanguageLink {
        name: format!("{first}–{last}"),
        href: name,
    })
}

/// The pages that `page_id` lists, where the catalog has range pages: the
/// index lists the range pages, or their groups where there are too many
/// ([`Model::pages`]); a group lists its range pages. Each with its link,
/// and its first and last codes with their messages.
fn listed(model: &Model, pages: &[PageId], page_id: PageId) -> Vec<RangeRow> {
    let grouped = pages.iter().any(|page| matches!(page, PageId::Group(_)));
    let unit = |code: u32| {
        let range = model.page_of(code);
        if grouped && page_id == PageId::Index {
            range.group().unwrap_or(range)
        } else {
            range
        }
    };
    match page_id {
        PageId::Index if model.has_range_pages() => {}
        PageId::Group(_) => {}
        _ => return Vec::new(),
    }
    let entries = codes_within(page_id, &model.entries, |entry| entry.code);
    let retired = codes_within(page_id, &model.retired, |code| code.code);
    let mut codes: Vec<(u32, &str)> = (entries.iter())
        .map(|entry| (entry.code, entry.message.as_str()))
        .chain(
            retired
                .iter()
                .map(|code| (code.code, code.message.as_str())),
        )
        .collect();
    codes.sort_unstable_by_key(|(code, _)| *code);
    let mut rows: Vec<RangeRow> = Vec::new();
    for (code, message) in codes {
        let page = unit(code);
        let shown = format!("{code} {}", code_span(message));
        match rows.last_mut() {
            Some(row) if row.page == page => {
                row.count += 1;
                row.last = shown;
            }
            _ => {
                let (first, last) = page.codes().unwrap_or((code, code));
                rows.push(RangeRow {
                    page,
                    href: format!("{}{}", page_id.to_language_dir(), page.markdown_path()),
                    range: format!("{first}–{last}"),
                    count: 1,
                    first: shown.clone(),
                    last: shown,
                });
            }
        }
    }
    rows
}

/// A range page, as the index lists it.
struct RangeRow {
    page: PageId,
    href: String,
    /// The codes the page may hold (`4300–4399`).
    range: String,
    /// How many codes it holds.
    count: usize,
    /// Its first and last code, with their messages.
    first: String,
    last: String,
}

#[derive(Template)]
#[template(path = "page.md", escape = "none")]
struct PageTemplate<'a> {
    header: String,
    /// The page's heading: the reference's title, and a range page's codes.
    title: String,
    /// A range page's link to the index.
    up: Option<LanguageLink>,
    /// A range page's links to the range pages before and after it.
    previous: Option<LanguageLink>,
    next: Option<LanguageLink>,
    /// The index's introduction.
    intro: Option<String>,
    /// The mark of an entry without text in the page's language.
    untranslated: String,
    status_heading: String,
    description_heading: String,
    page: &'a Page,
    other_languages: Vec<LanguageLink>,
    /// The index's list of range pages (none while every code is on it).
    ranges: Vec<RangeRow>,
    rows: Vec<Row>,
    retired: Vec<RetiredRow>,
    /// The index's sections explaining the concepts the texts refer to.
    concepts: Option<Concepts>,
}

/// A retired code, findable on the page by its anchor.
struct RetiredRow {
    code: u32,
    message: String,
    since: String,
    reason: String,
    /// A link to the entry that replaces it.
    replacement: Option<String>,
}

struct LanguageLink {
    name: String,
    href: String,
}

struct Row {
    code: u32,
    /// The version that first released the code (a validated version).
    since: String,
    /// Who must act and what a retry can do, in the page's words, for the
    /// axes the entry sets (escaped).
    advice: Vec<Advice>,
    message_cell: String,
    message_heading: String,
    summary_cell: String,
    text: Option<RowText>,
    /// Links to this row on the pages that have its text.
    elsewhere: Vec<LanguageLink>,
    /// The deprecation notice, in this page's word for it.
    deprecation: Option<String>,
}

/// One axis of the advice beside a code: its label and the entry's word.
struct Advice {
    label: String,
    word: String,
}

struct RowText {
    description: String,
    solution: String,
}

/// Markdown that fits in one table cell: one line, `|` escaped.
fn table_cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// `page` with its plain-text fields escaped for Markdown (one line each,
/// markup shown as written), its Markdown fields as they are.
fn plain_page(page: &Page) -> Page {
    Page {
        title: plain_markdown(&page.title),
        intro: page.intro.clone(),
        columns: Columns {
            status: plain_markdown(&page.columns.status),
            description: plain_markdown(&page.columns.description),
            solution: plain_markdown(&page.columns.solution),
        },
        untranslated: page.untranslated.clone(),
        other_language: plain_markdown(&page.other_language),
        deprecated: plain_markdown(&page.deprecated),
        since: plain_markdown(&page.since),
        retired: plain_markdown(&page.retired),
        retired_in: plain_markdown(&page.retired_in),
        // Site-only words, not on the Markdown pages.
        filter: page.filter.clone(),
        copy_link: page.copy_link.clone(),
        link_copied: page.link_copied.clone(),
        copy_failed: page.copy_failed.clone(),
        filter_count: page.filter_count.clone(),
        filter_none: page.filter_none.clone(),
        advice: plain_advice(&page.advice),
        concepts: Concepts {
            heading: plain_markdown(&page.concepts.heading),
            sections: page
                .concepts
                .sections
                .iter()
                .map(|section| ConceptSection {
                    anchor: section.anchor.clone(),
                    title: plain_markdown(&section.title),
                    body: section.body.clone(),
                })
                .collect(),
        },
    }
}

/// The advice's words escaped for Markdown, as `plain_page` escapes the
/// other labels (the site's control label too: the site escapes its own).
fn plain_advice(words: &AdviceWords) -> AdviceWords {
    AdviceWords {
        who_acts: plain_markdown(&words.who_acts),
        nobody: plain_markdown(&words.nobody),
        caller: plain_markdown(&words.caller),
        function: plain_markdown(&words.function),
        account: plain_markdown(&words.account),
        platform: plain_markdown(&words.platform),
        retry: plain_markdown(&words.retry),
        not_needed: plain_markdown(&words.not_needed),
        with_backoff: plain_markdown(&words.with_backoff),
        after_fix: plain_markdown(&words.after_fix),
        caller_decides: plain_markdown(&words.caller_decides),
        // Site-only words, not on the Markdown pages.
        retry_helps: words.retry_helps.clone(),
    }
}
