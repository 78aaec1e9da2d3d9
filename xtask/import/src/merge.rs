//! Imported rows + the catalog → the catalog with what was missing added,
//! and every disagreement reported.
//!
//! The catalog's text is kept byte for byte: additions are inserted as new
//! lines (a language's text into an entry, a new entry at the end of
//! `entries`), so comments and layout survive, and nothing curated
//! (identifiers, messages, aliases, texts) is ever overwritten. Where the
//! pages and the catalog disagree, the catalog wins and the disagreement is
//! reported.

use std::collections::{BTreeMap, BTreeSet};

use codegen::catalog::{Catalog, Entry};

use crate::page::{PageText, Row};
use crate::yaml;

/// One language's page, read.
pub struct Page {
    pub tag: String,
    pub source: String,
    pub rows: Vec<Row>,
    pub text: PageText,
}

/// What an import did and found.
#[derive(Debug, Default)]
pub struct Report {
    /// `added 433 TimeLimitReached: zh text`, …
    pub added: Vec<String>,
    /// Disagreements, each kept as the catalog has it.
    pub conflicts: Vec<String>,
    /// The texts taken from the pages, as (code, language tag).
    pub imported: Vec<(u32, String)>,
}

/// Rows by code, per language tag.
type Rows<'a> = BTreeMap<u32, BTreeMap<&'a str, &'a Row>>;

fn by_code(pages: &[Page]) -> Rows<'_> {
    let mut rows: Rows = BTreeMap::new();
    for page in pages {
        for row in &page.rows {
            rows.entry(row.code)
                .or_default()
                .insert(page.tag.as_str(), row);
        }
    }
    rows
}

/// Disagreements between the pages themselves: a message spelled
/// differently per language, a code on some pages only.
fn between_pages(pages: &[Page], rows: &Rows, report: &mut Report) {
    for (code, per_language) in rows {
        let messages: BTreeSet<&str> = per_language
            .values()
            .map(|row| row.message.as_str())
            .collect();
        if messages.len() > 1 {
            let spelled: Vec<String> = per_language
                .iter()
                .map(|(tag, row)| format!("the {tag} page `{}`", row.message))
                .collect();
            report.conflicts.push(format!(
                "{code}: the pages spell the message differently: {}",
                spelled.join(", ")
            ));
        }
        if per_language.len() < pages.len() {
            let on: Vec<&str> = per_language.keys().copied().collect();
            report
                .conflicts
                .push(format!("{code}: on the {} page only", on.join(" and ")));
        }
    }
}

/// Merges `pages` into the catalog `source` (already loaded as `catalog`).
pub fn into_catalog(source: &str, catalog: &Catalog, pages: &[Page]) -> (String, Report) {
    let rows = by_code(pages);
    let mut report = Report::default();
    between_pages(pages, &rows, &mut report);
    let lines: Vec<&str> = source.lines().collect();
    // Insertions: after 0-based line index → text (several may share one).
    let mut insertions: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let known: BTreeMap<u32, &Entry> = catalog
        .entries
        .iter()
        .map(|entry| (entry.code.value, entry))
        .collect();
    let item_indent = catalog
        .entries
        .first()
        .and_then(|entry| lines.get(entry.code.at.line as usize - 1))
        .and_then(|line| line.find('-'))
        .unwrap_or(2);
    for entry in catalog.entries.iter() {
        if !rows.contains_key(&entry.code.value) {
            report.conflicts.push(format!(
                "{} {}: in the catalog, on no page",
                entry.code.value, entry.id.value
            ));
        }
    }
    let mut new_entries = Vec::new();
    for (code, per_language) in &rows {
        match known.get(code) {
            Some(entry) => {
                merge_entry(entry, per_language, &lines, &mut insertions, &mut report);
            }
            None => new_entries.push((*code, per_language)),
        }
    }
    if !new_entries.is_empty() {
        let ids: BTreeSet<String> = catalog
            .entries
            .iter()
            .map(|entry| entry.id.value.clone())
            .collect();
        let mut taken = ids;
        let mut block = String::new();
        let primary: Vec<&str> = catalog.language_tags().collect();
        for (code, per_language) in new_entries {
            let (text, id) = new_entry(code, per_language, &primary, item_indent, &mut taken);
            report
                .imported
                .extend(per_language.keys().map(|tag| (code, (*tag).to_owned())));
            report.added.push(format!(
                "added {code} {id}: a new entry (its id is derived from the message; review it)"
            ));
            block.push('\n');
            block.push_str(&text);
        }
        let end = end_of_entries(&lines, catalog);
        insertions
            .entry(end)
            .or_default()
            .push(block.trim_end().to_owned());
    }
    let mut out = String::with_capacity(source.len() + 1024);
    if lines.is_empty() {
        for texts in insertions.values() {
            for text in texts {
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    for (index, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        if let Some(texts) = insertions.get(&index) {
            for text in texts {
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    (out, report)
}

fn merge_entry(
    entry: &Entry,
    per_language: &BTreeMap<&str, &Row>,
    lines: &[&str],
    insertions: &mut BTreeMap<usize, Vec<String>>,
    report: &mut Report,
) {
    let name = format!("{} {}", entry.code.value, entry.id.value);
    for (tag, row) in per_language {
        let accepted = row.message == entry.message.value
            || entry
                .aliases()
                .iter()
                .any(|alias| alias.value == row.message);
        if !accepted {
            report.conflicts.push(format!(
                "{name}: the {tag} page's message `{}` is neither the catalog's `{}` nor an alias (kept)",
                row.message, entry.message.value
            ));
        }
        match entry.text_in(tag) {
            Some(text) => {
                if text.description.value != row.description {
                    report.conflicts.push(format!(
                        "{name}: the {tag} description differs from the catalog's (kept)\n    catalog: {}\n    page:    {}",
                        shown(&text.description.value),
                        shown(&row.description)
                    ));
                }
                let catalog_solution = text
                    .solution
                    .as_ref()
                    .map(|solution| solution.value.as_str());
                if catalog_solution != row.solution.as_deref() {
                    report.conflicts.push(format!(
                        "{name}: the {tag} solution differs from the catalog's (kept)\n    catalog: {}\n    page:    {}",
                        shown(catalog_solution.unwrap_or("(none)")),
                        shown(row.solution.as_deref().unwrap_or("(none)"))
                    ));
                }
            }
            None => {
                let key_column = entry.text.at.column.saturating_sub(1) as usize;
                let last = end_of_block(lines, entry.text.at.line as usize - 1, key_column);
                insertions
                    .entry(last)
                    .or_default()
                    .push(text_block(tag, row, key_column));
                report.added.push(format!("added {name}: {tag} text"));
                report.imported.push((entry.code.value, (*tag).to_owned()));
            }
        }
    }
}

/// A text in a conflict line: its further lines under its first.
fn shown(text: &str) -> String {
    text.trim_end().replace('\n', "\n             ")
}

/// A language's text under `text:`, its key at `indent` spaces.
fn text_block(tag: &str, row: &Row, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let field = indent + 2;
    let mut block = format!(
        "{pad}{tag}:\n{}",
        yaml::field("description", &row.description, field)
    );
    if let Some(solution) = &row.solution {
        block.push_str(&yaml::field("solution", solution, field));
    }
    block.trim_end().to_owned()
}

/// The entry for a code the catalog lacks, and its identifier.
pub fn new_entry(
    code: u32,
    per_language: &BTreeMap<&str, &Row>,
    language_order: &[&str],
    item_indent: usize,
    taken: &mut BTreeSet<String>,
) -> (String, String) {
    // The message of the first language (in the catalog's order) that has one.
    let first = language_order
        .iter()
        .find_map(|tag| per_language.get(tag))
        .or_else(|| per_language.values().next())
        .expect("a code comes from at least one page");
    let mut id = identifier(&first.message);
    if id.is_empty() {
        id = format!("Status{code}");
    }
    if taken.contains(&id) {
        id = format!("{id}{code}");
    }
    taken.insert(id.clone());
    let pad = " ".repeat(item_indent);
    let key = item_indent + 2;
    let mut text = format!(
        "{pad}- code: {code}\n{}{}{}text:\n",
        yaml::field("id", &id, key),
        yaml::field("message", &first.message, key),
        " ".repeat(key),
    );
    for (tag, row) in per_language {
        text.push_str(&text_block(tag, row, key + 2));
        text.push('\n');
    }
    (text, id)
}

/// An UpperCamelCase identifier from a message: its ASCII words.
pub fn identifier(message: &str) -> String {
    use heck::ToUpperCamelCase as _;
    let ascii: String = message
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let id = ascii.to_upper_camel_case();
    if id.starts_with(|c: char| c.is_ascii_uppercase()) {
        id
    } else {
        String::new()
    }
}

/// The 0-based index of the last line of the block that starts at `start`
/// with its keys at `key_column` spaces: it runs on while lines are blank or
/// indented at least that much.
fn end_of_block(lines: &[&str], start: usize, key_column: usize) -> usize {
    let mut last = start;
    for (index, line) in lines.iter().enumerate().skip(start + 1) {
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent < key_column {
            break;
        }
        last = index;
    }
    last
}

/// The 0-based index of the last line of `entries`: before the next
/// top-level key, or the file's last line.
fn end_of_entries(lines: &[&str], catalog: &Catalog) -> usize {
    let start = catalog.entries.at.line as usize;
    let mut last = start.saturating_sub(1);
    for (index, line) in lines.iter().enumerate().skip(start) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') && !line.starts_with('-') {
            break;
        }
        last = index;
    }
    last
}
