//! The generated reference pages, read back with a GFM parser: one table row
//! and one section per code, every in-page link lands on an anchor of the
//! same page, links to the other language land on a page that exists, and
//! the only raw HTML is the anchors the renderer emits, and each code's
//! section shows who must act and what a retry can do in the page's words
//! (nothing for an axis the entry leaves unset). Checked for the real
//! catalog, for one whose texts try to break the page, and for one with a
//! published site and advice words written with markup.

use std::collections::{BTreeMap, BTreeSet};

use codegen::catalog::Catalog;
use codegen::render::GeneratedFile;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

const CATALOG: &[u8] = include_bytes!("../../catalog.yaml");
const HOSTILE: &[u8] = include_bytes!("fixtures/hostile.yaml");
const SITE_AND_ADVICE: &[u8] = include_bytes!("fixtures/accepted/51-site-and-advice.yaml");

/// What a page is made of, as a GFM parser sees it.
#[derive(Debug, Default)]
struct PageStructure {
    /// Cells of each table body row.
    rows: Vec<Vec<String>>,
    /// Columns of the table header.
    header_cells: usize,
    /// Text of each level-2 heading.
    sections: Vec<String>,
    /// Every `id` of an `<a id="…"></a>` anchor.
    anchors: BTreeSet<String>,
    /// Every link and image target.
    links: Vec<String>,
    /// Raw HTML that is not an anchor or the generated notice.
    foreign_html: Vec<String>,
    /// List items without any text (a stray `-` line renders as one).
    empty_list_items: usize,
}

fn structure(markdown: &str) -> PageStructure {
    let mut page = PageStructure::default();
    let mut in_head = false;
    let mut in_heading2 = false;
    let mut cell: Option<String> = None;
    let mut item_text: Vec<usize> = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        if let Event::Text(_) | Event::Code(_) = &event
            && let Some(count) = item_text.last_mut()
        {
            *count += 1;
        }
        match event {
            Event::Start(Tag::Item) => item_text.push(0),
            Event::End(TagEnd::Item) => {
                page.empty_list_items += usize::from(item_text.pop() == Some(0))
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => page.rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let text = cell.take().unwrap_or_default();
                if in_head {
                    page.header_cells += 1;
                } else if let Some(row) = page.rows.last_mut() {
                    row.push(text);
                }
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                in_heading2 = true;
                page.sections.push(String::new());
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => in_heading2 = false,
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = &mut cell {
                    cell.push_str(&text);
                }
                if in_heading2 && let Some(section) = page.sections.last_mut() {
                    section.push_str(&text);
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                page.links.push(dest_url.to_string())
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for piece in html
                    .split_inclusive('>')
                    .map(str::trim)
                    .filter(|piece| !piece.is_empty())
                {
                    if let Some(id) = piece
                        .strip_prefix("<a id=\"")
                        .and_then(|rest| rest.strip_suffix("\">"))
                    {
                        page.anchors.insert(id.to_owned());
                    } else if piece != "</a>"
                        && !(piece.starts_with("<!-- @generated") && piece.ends_with("-->"))
                    {
                        page.foreign_html.push(piece.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    page
}

/// The text a reader sees of a piece of Markdown.
fn plain_text(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.into_string()),
            _ => None,
        })
        .collect()
}

/// Without whitespace: a table cell joins lines that the text breaks.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages(source: &[u8]) -> (Catalog, BTreeMap<String, String>) {
    let (catalog, files) =
        codegen::generate(source).unwrap_or_else(|failure| panic!("{failure:?}"));
    let pages = files
        .into_iter()
        .filter(|file: &GeneratedFile| file.path.starts_with("docs/"))
        .map(|file| (file.path, file.contents))
        .collect();
    (catalog.catalog, pages)
}

/// The text of each paragraph of `code`'s section on a page (from its
/// anchor to the next), as a reader sees it.
fn section_paragraphs(page: &str, code: u32) -> Vec<String> {
    let anchor = format!("<a id=\"{code}\"></a>");
    let start = page
        .find(&anchor)
        .unwrap_or_else(|| panic!("no anchor for {code}"))
        + anchor.len();
    let end = page[start..]
        .find("<a id=")
        .map_or(page.len(), |offset| start + offset);
    let mut paragraphs = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(&page[start..end], Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Paragraph) => current = Some(String::new()),
            Event::End(TagEnd::Paragraph) => paragraphs.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(paragraph) = &mut current {
                    paragraph.push_str(&text);
                }
            }
            _ => {}
        }
    }
    paragraphs
}

/// Each section shows the entry's advice, as the model words it on that
/// page, on one line: `label word`, who must act first, ` · ` between; no
/// line where the entry sets neither axis, and never a label without its
/// word.
fn check_advice(source: &[u8], pages: &BTreeMap<String, String>) {
    let model = codegen::check(source).unwrap().model;
    for language in &model.languages {
        let page = &pages
            [&codegen::render::markdown::page_path(&language.tag, codegen::model::PageId::Index)];
        let words = &language.page.advice;
        for entry in &model.entries {
            let mut parts = Vec::new();
            if let Some(actor) = entry.who_acts {
                parts.push(format!("{} {}", words.who_acts, words.actor(actor)));
            }
            if let Some(retry) = entry.retry {
                parts.push(format!("{} {}", words.retry, words.retry_advice(retry)));
            }
            let paragraphs = section_paragraphs(page, entry.code);
            let labelled: Vec<&String> = paragraphs
                .iter()
                .filter(|paragraph| {
                    paragraph.starts_with(&words.who_acts) || paragraph.starts_with(&words.retry)
                })
                .collect();
            if parts.is_empty() {
                assert_eq!(
                    labelled,
                    Vec::<&String>::new(),
                    "{} {}",
                    language.tag,
                    entry.code
                );
            } else {
                assert_eq!(
                    labelled,
                    [&parts.join(" · ")],
                    "{} {}",
                    language.tag,
                    entry.code
                );
            }
        }
    }
}

fn check_pages(source: &[u8]) {
    check_advice(source, &pages(source).1);
    let (catalog, pages) = pages(source);
    assert_eq!(pages.len(), catalog.languages.len());
    let mut codes: Vec<u32> = catalog
        .entries
        .iter()
        .map(|entry| entry.code.value)
        .collect();
    codes.sort_unstable();
    let structures: BTreeMap<&String, PageStructure> = pages
        .iter()
        .map(|(path, text)| (path, structure(text)))
        .collect();
    for (path, page) in &structures {
        assert_eq!(page.header_cells, 2, "{path}: the table has two columns");
        assert_eq!(
            page.rows.len(),
            codes.len(),
            "{path}: one table row per code"
        );
        let tag = path.trim_start_matches("docs/").split('/').next().unwrap();
        let page_prose = catalog.page(tag).unwrap();
        for (row, code) in page.rows.iter().zip(&codes) {
            assert_eq!(row.len(), 2, "{path}: row of {code} has two cells: {row:?}");
            let entry = catalog
                .entries
                .iter()
                .find(|entry| entry.code.value == *code)
                .unwrap();
            // A cell that swallowed a `|` loses the rest of its text (GFM drops
            // surplus cells), so compare the whole text, not just the count.
            assert_eq!(
                row[0],
                format!("{code} {}", entry.message.value),
                "{path}: first cell of {code}"
            );
            let summary = entry
                .text_in(tag)
                .map_or(page_prose.untranslated.as_str(), |text| {
                    text.description.as_str()
                });
            // A deprecated code's summary starts with the page's word for it.
            let mark = match &entry.deprecated {
                Some(_) => format!(
                    "{}.",
                    page_prose
                        .deprecated
                        .as_ref()
                        .map_or("Deprecated", |word| word.as_str())
                ),
                None => String::new(),
            };
            assert_eq!(
                squeeze(&row[1]),
                squeeze(&format!("{mark}{}", plain_text(summary))),
                "{path}: second cell of {code}"
            );
        }
        let section_codes: Vec<u32> = page
            .sections
            .iter()
            .filter_map(|section| section.split(' ').next()?.parse().ok())
            .collect();
        assert_eq!(
            section_codes, codes,
            "{path}: one section per code, in code order"
        );
        for code in &codes {
            assert!(
                page.anchors.contains(&code.to_string()),
                "{path}: no anchor for {code}"
            );
        }
        assert_eq!(
            page.foreign_html,
            Vec::<String>::new(),
            "{path}: raw HTML the renderer did not emit"
        );
        assert_eq!(page.empty_list_items, 0, "{path}: empty list items");
        for link in &page.links {
            if let Some(anchor) = link.strip_prefix('#') {
                assert!(
                    page.anchors.contains(anchor),
                    "{path}: link {link} has no anchor on the page"
                );
            } else if let Some(relative) = link.strip_prefix("../") {
                let (file, fragment) = relative.split_once('#').unwrap_or((relative, ""));
                let target = format!("docs/{file}");
                let other = structures
                    .get(&target)
                    .unwrap_or_else(|| panic!("{path}: {link} leads to no page"));
                assert!(
                    fragment.is_empty() || other.anchors.contains(fragment),
                    "{path}: {link} has no anchor there"
                );
            } else {
                assert!(
                    link.starts_with("https://") || link.starts_with("http://"),
                    "{path}: unexpected link {link}"
                );
            }
        }
    }
}

#[test]
fn the_real_pages_have_a_row_and_a_section_per_code_and_working_links() {
    check_pages(CATALOG);
}

#[test]
fn hostile_text_does_not_break_the_pages() {
    check_pages(HOSTILE);
}

#[test]
fn a_catalog_with_a_site_and_advice_words_in_markup_keeps_its_pages_relative() {
    check_pages(SITE_AND_ADVICE);
    let (catalog, pages) = pages(SITE_AND_ADVICE);
    let site = catalog.package.site.as_ref().unwrap().trim_end_matches('/');
    for (path, page) in &pages {
        let links = structure(page).links;
        assert!(
            links.iter().all(|link| !link.starts_with(site)),
            "{path}: a link to the published site: {links:?}"
        );
        assert!(links.contains(&"#handler".to_owned()), "{path}: {links:?}");
    }
}

#[test]
fn the_real_pages_show_the_advice_in_their_language() {
    let (_, pages) = pages(CATALOG);
    let english = &pages["docs/en/status-codes.md"];
    let chinese = &pages["docs/zh/status-codes.md"];
    assert!(
        section_paragraphs(english, 433)
            .contains(&"Who must act: the function's owner · Retry: only after a fix".to_owned())
    );
    // 429 says what a retry can do, not who must act: one axis shown.
    assert!(
        section_paragraphs(english, 429)
            .contains(&"Retry: may succeed later, with backoff".to_owned())
    );
    assert!(section_paragraphs(chinese, 429).contains(&"重试： 稍后可能成功（请退避）".to_owned()));
    assert!(
        section_paragraphs(chinese, 200)
            .contains(&"需要处理的一方： 无需处理 · 重试： 不需要".to_owned())
    );
}

#[test]
fn the_handler_anchor_exists_and_437_links_to_it() {
    let (_, pages) = pages(CATALOG);
    let english = structure(&pages["docs/en/status-codes.md"]);
    assert!(english.anchors.contains("handler"));
    assert!(english.links.iter().any(|link| link == "#handler"));
}

#[test]
fn untranslated_codes_are_marked_and_link_to_the_other_language() {
    let (_, pages) = pages(CATALOG);
    let english = &pages["docs/en/status-codes.md"];
    let section = &english
        [english.find("<a id=\"405\"></a>").unwrap()..english.find("<a id=\"406\"></a>").unwrap()];
    assert!(
        section.contains("## 405 `ContainerStateExited`"),
        "{section}"
    );
    // Every code has English now (405 by translation): no mark is left.
    assert!(section.contains("The container exited."), "{section}");
    assert!(!english.contains("Not yet translated"), "{english}");
    let chinese = &pages["docs/zh/status-codes.md"];
    let section = &chinese
        [chinese.find("<a id=\"440\"></a>").unwrap()..chinese.find("<a id=\"441\"></a>").unwrap()];
    assert!(
        section.contains("*尚未翻译为中文。* [English](../en/status-codes.md#440)"),
        "{section}"
    );
}

#[test]
fn each_page_links_to_the_other_language() {
    let (_, pages) = pages(CATALOG);
    assert!(
        structure(&pages["docs/en/status-codes.md"])
            .links
            .contains(&"../zh/status-codes.md".to_owned())
    );
    assert!(
        structure(&pages["docs/zh/status-codes.md"])
            .links
            .contains(&"../en/status-codes.md".to_owned())
    );
}
