//! `cargo xtask import`: HTML status-code tables (pages like the two in
//! `../shared/seeds/`) into `catalog.yaml`.
//!
//! [`page`] reads a page's table into rows with Markdown cells; [`merge`](mod@merge)
//! adds what the catalog lacks and reports every disagreement; a new
//! catalog is written by [`create`] when there is none. Whatever is written
//! is loaded and validated again first, and only a catalog that loads, with
//! every imported text reading back as it was imported, is written.

pub mod merge;
pub mod page;
pub mod yaml;

use std::collections::{BTreeMap, BTreeSet};

use codegen::catalog::Catalog;

use merge::{Page, Report};

/// The catalog text to write and what the import found.
pub struct Outcome {
    pub catalog: String,
    pub report: Report,
}

/// Reads `(tag, html)` pages.
pub fn read_pages(pages: &[(String, String, String)]) -> (Vec<Page>, Vec<String>) {
    let mut read = Vec::new();
    let mut problems = Vec::new();
    for (tag, source, html) in pages {
        let (rows, text, page_problems) = page::read(html);
        problems.extend(
            page_problems
                .into_iter()
                .map(|problem| format!("{source}: {problem}")),
        );
        if rows.is_empty() {
            problems.push(format!("{source}: no status-code table found"));
        }
        read.push(Page {
            tag: tag.clone(),
            source: source.clone(),
            rows,
            text,
        });
    }
    (read, problems)
}

/// Merges `pages` into an existing catalog.
pub fn merge(source: &str, pages: &[Page]) -> Result<Outcome, String> {
    let catalog = codegen::load_catalog(source.as_bytes()).map_err(|problems| {
        describe(
            &problems,
            source,
            "the catalog is broken; fix it before importing",
        )
    })?;
    let (merged, report) = merge::into_catalog(source, &catalog, pages);
    verify(&merged, pages, &report.imported)?;
    Ok(Outcome {
        catalog: merged,
        report,
    })
}

/// A new catalog from `pages` alone: their rows, plus a header whose
/// values the pages cannot give, each marked `TODO`.
pub fn create(pages: &[Page]) -> Result<Outcome, String> {
    let codes: BTreeSet<u32> = pages
        .iter()
        .flat_map(|page| page.rows.iter().map(|row| row.code))
        .collect();
    let (Some(first), Some(last)) = (codes.first(), codes.last()) else {
        return Err("error: the pages have no rows to import".to_owned());
    };
    let mut text = String::from(
        "# yaml-language-server: $schema=generated/catalog.schema.json\n\
         # Written by `cargo xtask import`. Review every value marked TODO, and\n\
         # the identifiers, which are derived from the messages.\n\n\
         package:\n  name: status-codes # TODO\n  version: 0.1.0\n  description: Status codes # TODO\n  type_name: Status # TODO\n  license: MIT OR Apache-2.0 # TODO\n  keywords: []\n  categories: []\n\n",
    );
    text.push_str(&format!(
        "codes:\n  min: {first}\n  max: {last}\n\nlanguages:\n"
    ));
    for page in pages {
        text.push_str(&format!(
            "  - tag: {}\n    name: {} # TODO: the language's name in itself\n",
            page.tag, page.tag
        ));
    }
    text.push_str("\npages:\n");
    let anchors = in_page_anchors(pages);
    for page in pages {
        text.push_str(&format!("  {}:\n", page.tag));
        text.push_str(&yaml::field("title", "Status codes", 4).replacen('\n', " # TODO\n", 1));
        text.push_str(&yaml::field(
            "intro",
            page.text.intro.as_deref().unwrap_or("TODO"),
            4,
        ));
        let column = |index: usize, fallback: &str| {
            page.text
                .columns
                .get(index)
                .cloned()
                .unwrap_or_else(|| fallback.to_owned())
        };
        text.push_str("    columns:\n");
        text.push_str(&yaml::field("status", &column(0, "Status"), 6));
        text.push_str(&yaml::field("description", &column(1, "Description"), 6));
        text.push_str(&yaml::field("solution", &column(2, "Solution"), 6));
        text.push_str("    untranslated: Not yet translated. # TODO\n");
        text.push_str("    other_language: \"Other languages:\" # TODO\n");
        text.push_str("    concepts:\n      heading: Concepts # TODO\n");
        if anchors.is_empty() {
            text.push_str("      sections: []\n");
        } else {
            text.push_str("      sections:\n");
            for anchor in &anchors {
                text.push_str(&format!("        - anchor: {anchor}\n          title: {anchor} # TODO\n          body: TODO\n"));
            }
        }
    }
    text.push_str("\nentries:\n");
    let order: Vec<&str> = pages.iter().map(|page| page.tag.as_str()).collect();
    let mut rows: BTreeMap<u32, BTreeMap<&str, &page::Row>> = BTreeMap::new();
    for page in pages {
        for row in &page.rows {
            rows.entry(row.code)
                .or_default()
                .insert(page.tag.as_str(), row);
        }
    }
    let mut taken = BTreeSet::new();
    let mut report = Report::default();
    for (code, per_language) in &rows {
        let (entry, id) = merge::new_entry(*code, per_language, &order, 2, &mut taken);
        text.push_str(&entry);
        text.push('\n');
        report.added.push(format!("added {code} {id}"));
        report
            .imported
            .extend(per_language.keys().map(|tag| (*code, (*tag).to_owned())));
    }
    verify(&text, pages, &report.imported)?;
    Ok(Outcome {
        catalog: text,
        report,
    })
}

/// `#anchor` links of the imported texts that are not codes: the concept
/// sections a new catalog needs.
fn in_page_anchors(pages: &[Page]) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    for row in pages.iter().flat_map(|page| &page.rows) {
        for text in std::iter::once(&row.description).chain(row.solution.as_ref()) {
            for part in text.split("](#").skip(1) {
                let anchor: String = part.chars().take_while(|c| *c != ')').collect();
                if anchor.parse::<u32>().is_err() && !anchor.is_empty() {
                    anchors.insert(anchor);
                }
            }
        }
    }
    anchors
}

/// The written catalog must load, and every text taken from the pages must
/// read back exactly as it was imported.
fn verify(text: &str, pages: &[Page], imported: &[(u32, String)]) -> Result<(), String> {
    let catalog: Catalog = codegen::load_catalog(text.as_bytes()).map_err(|problems| {
        describe(
            &problems,
            text,
            "the imported catalog would not load; nothing was written",
        )
    })?;
    for (code, tag) in imported {
        let row = pages
            .iter()
            .filter(|page| &page.tag == tag)
            .flat_map(|page| &page.rows)
            .find(|row| row.code == *code);
        let text = catalog
            .entries
            .iter()
            .find(|entry| entry.code.value == *code)
            .and_then(|entry| entry.text_in(tag));
        let (Some(row), Some(text)) = (row, text) else {
            return Err(format!(
                "error: the {tag} text of {code} is missing after the import"
            ));
        };
        let solution = text
            .solution
            .as_ref()
            .map(|solution| solution.value.as_str());
        if text.description.value != row.description || solution != row.solution.as_deref() {
            return Err(format!(
                "error: the {tag} text of {code} does not read back as imported"
            ));
        }
    }
    Ok(())
}

fn describe(problems: &[codegen::diagnostic::Diagnostic], source: &str, what: &str) -> String {
    format!(
        "{}\nerror: {what}",
        codegen::diagnostic::render_all(problems, "catalog.yaml", source)
    )
}
