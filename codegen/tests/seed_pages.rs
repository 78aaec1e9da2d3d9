//! `catalog.yaml` against the two pages it replaces (copied into
//! `fixtures/seeds/`): every row of each page is in the catalog with the same
//! text and the same link targets, and each code a page lacks is recorded as
//! untranslated in that language, never filled in.

use std::collections::BTreeMap;

use codegen::catalog::Catalog;
use pulldown_cmark::{Event, Parser, Tag};

const CATALOG: &[u8] = include_bytes!("../../catalog.yaml");
const ENGLISH_PAGE: &str = include_str!("fixtures/seeds/en.html");
const CHINESE_PAGE: &str = include_str!("fixtures/seeds/zh.html");

/// One row of a seed page's table.
#[derive(Debug)]
struct SeedRow {
    message: String,
    description: Cell,
    /// `None` where the page writes `-`.
    solution: Option<Cell>,
}

/// A cell's text and link targets, comparable with the catalog's Markdown.
#[derive(Debug, PartialEq, Eq)]
struct Cell {
    text: String,
    links: Vec<String>,
}

/// The rows of the table, by code. Rows whose `<tr>` is missing (450 and 499
/// on the pages) count all the same: cells are taken three at a time.
fn seed_rows(page: &str) -> BTreeMap<u32, SeedRow> {
    let body = &page[page.find("<tbody>").unwrap()..page.find("</tbody>").unwrap()];
    let mut cells = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("<td>") {
        let end = rest[start..].find("</td>").unwrap() + start;
        cells.push(&rest[start + "<td>".len()..end]);
        rest = &rest[end..];
    }
    assert_eq!(cells.len() % 3, 0, "every row has three cells");
    cells
        .chunks(3)
        .map(|row| {
            let (code, message) = row[0].split_once("<br>").unwrap();
            let solution = (row[2].trim() != "-").then(|| html_cell(row[2]));
            (
                code.trim().parse().unwrap(),
                SeedRow {
                    message: message.trim().to_owned(),
                    description: html_cell(row[1]),
                    solution,
                },
            )
        })
        .collect()
}

fn html_cell(html: &str) -> Cell {
    let mut text = String::new();
    let mut links = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').unwrap() + open;
        let tag = &rest[open..=close];
        if let Some(href) = tag.split("href=\"").nth(1) {
            links.push(href[..href.find('"').unwrap()].to_owned());
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    // The pages write Markdown bold and code spans inside HTML, where they
    // show literally; the catalog writes them as Markdown, whose plain text
    // has neither the asterisks nor the backticks.
    Cell {
        text: comparable(&text.replace("**", "").replace('`', "")),
        links,
    }
}

fn markdown_cell(markdown: &str) -> Cell {
    let mut text = String::new();
    let mut links = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(fragment) | Event::Code(fragment) => text.push_str(&fragment),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            _ => {}
        }
    }
    Cell {
        text: comparable(&text),
        links,
    }
}

/// Spacing differs between the pages' HTML and Markdown (around links, at
/// line breaks) without changing a word, so whitespace is left out of the
/// comparison; every other character must match.
fn comparable(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn catalog() -> Catalog {
    codegen::load_catalog(CATALOG).expect("catalog.yaml is valid")
}

fn check_page(catalog: &Catalog, page: &str, tag: &str, expected_rows: usize) {
    let rows = seed_rows(page);
    assert_eq!(rows.len(), expected_rows, "rows on the {tag} page");
    for (code, row) in rows.iter() {
        let entry = catalog
            .entries
            .iter()
            .find(|entry| entry.code.value == *code)
            .unwrap_or_else(|| panic!("{code} from the {tag} page is not in the catalog"));
        let known_messages: Vec<&str> = std::iter::once(entry.message.as_str())
            .chain(entry.aliases().iter().map(|alias| alias.as_str()))
            .collect();
        assert!(
            known_messages.contains(&row.message.as_str()),
            "{code}: the {tag} page's message `{}` is not the catalog's message or an alias",
            row.message
        );
        let text = entry
            .text_in(tag)
            .unwrap_or_else(|| panic!("{code} has no {tag} text in the catalog"));
        assert_eq!(
            markdown_cell(&text.description),
            row.description,
            "{code} {tag} description"
        );
        assert_eq!(
            text.solution
                .as_deref()
                .map(|solution| markdown_cell(solution)),
            row.solution,
            "{code} {tag} solution"
        );
    }
    // A code the page lacks has text in this language only as a reviewed
    // translation (it records what it was translated from), never copied.
    for entry in &catalog.entries {
        let on_page = rows.contains_key(&entry.code.value);
        match entry.text_in(tag) {
            None => assert!(!on_page, "{} is on the {tag} page", entry.code.value),
            Some(text) if !on_page => assert!(
                text.translated_from.is_some(),
                "{} is not on the {tag} page, so its {tag} text must be a translation that records its source",
                entry.code.value
            ),
            Some(_) => {}
        }
    }
}

#[test]
fn every_english_row_is_in_the_catalog() {
    check_page(&catalog(), ENGLISH_PAGE, "en", 22);
}

#[test]
fn every_chinese_row_is_in_the_catalog() {
    check_page(&catalog(), CHINESE_PAGE, "zh", 29);
}

#[test]
fn the_catalog_has_the_thirty_codes_of_both_pages() {
    let catalog = catalog();
    let mut codes: Vec<u32> = seed_rows(ENGLISH_PAGE)
        .into_keys()
        .chain(seed_rows(CHINESE_PAGE).into_keys())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 30);
    let mut catalog_codes: Vec<u32> = catalog
        .entries
        .iter()
        .map(|entry| entry.code.value)
        .collect();
    catalog_codes.sort_unstable();
    assert_eq!(catalog_codes, codes);
}

#[test]
fn the_concepts_sections_keep_the_pages_links_and_images() {
    let catalog = catalog();
    for (page, tag) in [(ENGLISH_PAGE, "en"), (CHINESE_PAGE, "zh")] {
        let concepts = &page[page.find("</table>").unwrap()..];
        let section = &catalog.page(tag).unwrap().concepts.sections[0];
        assert_eq!(
            section.anchor.as_str(),
            "handler",
            "the 437 row links to #handler"
        );
        let mut targets = Vec::new();
        for piece in concepts.split("](").skip(1) {
            targets.push(&piece[..piece.find(')').unwrap()]);
        }
        assert_eq!(targets.len(), 2, "{tag}: the image and one link");
        for target in targets {
            assert!(
                section.body.contains(&format!("]({target})")),
                "{tag}: {target} is missing from the concepts section"
            );
        }
    }
}

/// The section of `code` on a generated page: from its anchor to the next.
fn page_section(page: &str, code: u32) -> &str {
    let start = page
        .find(&format!("<a id=\"{code}\"></a>"))
        .unwrap_or_else(|| panic!("no anchor for {code}"));
    let rest = &page[start + 1..];
    let end = rest
        .find("<a id=")
        .map_or(page.len(), |offset| start + 1 + offset);
    &page[start..end]
}

fn check_generated_page(page_path: &str, seed: &str) {
    let (_, files) = codegen::generate(CATALOG).unwrap();
    let page = &files
        .iter()
        .find(|file| file.path == page_path)
        .unwrap()
        .contents;
    for (code, row) in seed_rows(seed) {
        let section = markdown_cell(page_section(page, code));
        assert!(
            section.text.contains(&row.description.text),
            "{page_path} {code}: description `{}` not in the section",
            row.description.text
        );
        let mut links = row.description.links.clone();
        if let Some(solution) = &row.solution {
            assert!(
                section.text.contains(&solution.text),
                "{page_path} {code}: solution `{}` not in the section",
                solution.text
            );
            links.extend(solution.links.iter().cloned());
        }
        for link in links {
            assert!(
                section.links.contains(&link),
                "{page_path} {code}: link {link} not in the section"
            );
        }
    }
}

#[test]
fn every_english_row_is_on_the_generated_english_page() {
    check_generated_page("docs/en/status-codes.md", ENGLISH_PAGE);
}

#[test]
fn every_chinese_row_is_on_the_generated_chinese_page() {
    check_generated_page("docs/zh/status-codes.md", CHINESE_PAGE);
}
