//! What is written into the printed file as text, where its mark was
//! printed, rather than built as a syntax tree: the variants' doc comments
//! and the long tables (of strings and paths, one element a line; of
//! integers, packed as prettyplease packs them; the message rows). Together
//! they are most of the file, and as `syn` nodes they were most of the
//! renderer's time and memory.
//!
//! Decision (issue 28, measured at 10,000 entries): the variants' docs as
//! attributes, one per line, cost 0.5 s and 170 MB over the model (1.6 GB
//! at 100,000); the text tables as `syn` arrays held the renderer's peak
//! at about 80 MB over the model, and the integer tables and message rows
//! 18 MB and 60 ms more. Each is printed by prettyplease as a mark
//! and written here exactly as prettyplease prints the same syntax; the
//! tests in `mod.rs` hold both to prettyplease's own printing.

use std::borrow::Cow;

use super::literal::{doc_line_texts, push_string_literal};
use super::{Crate, variant_doc};
use crate::model::{Model, Text};
use crate::render::text::absolute_links;

/// Marks, in the printed file, where a variant's documentation goes: a doc
/// line holding this control character and the variant's position. No doc
/// line of the catalog's holds a control character (`doc_lines` writes each
/// as its escape), so no text can pass for a mark.
pub(super) const DOC_MARK: char = '\u{1}';

/// The start of the identifier that marks where a [`TextTable`]'s array
/// goes, followed by its position in the list of marked tables. It is
/// printed as an item's whole initialiser (`= __codegen_table_3;`) at the
/// end of a line: the catalog's texts are printed only inside string
/// literals (which end a line with `",`) and doc comments (skipped), so no
/// text can pass for a mark either.
const TABLE_MARK: &str = "__codegen_table_";

/// Fewer elements than this stay a `syn` array, which prettyplease may
/// print on one line. From this many on, even the shortest elements (`0`,
/// `""`) are wider than any line, so prettyplease breaks the array, which
/// is how [`splice`] writes it.
pub(super) const SPLICED_FROM: usize = 32;

/// prettyplease's line width and the least room it leaves after an indent
/// (its `MARGIN` and `MIN_SPACE`).
const MARGIN: usize = 89;
const MIN_SPACE: usize = 60;

/// A table written in as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Spliced<'m> {
    /// Strings or paths, one element a line.
    Text(TextTable),
    /// Integer literals, as many to a line as fit.
    Integers(Vec<u64>),
    /// `(message, index)` tuples, one a line, each on one line if it fits.
    Rows(Vec<(&'m str, usize)>),
}

/// The tables of a library: each long one marked, to be written in once
/// printed ([`splice`]); a short one stays syntax.
pub(super) struct Tables<'m> {
    /// Tables of fewer elements stay syntax; never fewer than
    /// [`SPLICED_FROM`].
    spliced_from: usize,
    pub(super) marked: Vec<Spliced<'m>>,
}

impl<'m> Tables<'m> {
    pub(super) fn new(spliced_from: usize) -> Self {
        Tables {
            spliced_from: spliced_from.max(SPLICED_FROM),
            marked: Vec::new(),
        }
    }

    /// A table's array: its mark when it is long, else its elements as
    /// syntax.
    pub(super) fn array(&mut self, model: &Model, table: Spliced<'m>) -> Result<syn::Expr, String> {
        if table.len(model) < self.spliced_from {
            return table.syntax(model);
        }
        self.marked.push(table);
        Ok(table_mark(self.marked.len() - 1))
    }
}

impl Spliced<'_> {
    /// The array as syntax, each element parsed from the text [`splice`]
    /// would write for it.
    fn syntax(&self, model: &Model) -> Result<syn::Expr, String> {
        let mut texts = Vec::with_capacity(self.len(model));
        match self {
            Spliced::Text(table) => table.for_each(model, &mut |element| {
                let mut text = String::new();
                element(&mut text);
                texts.push(text);
            }),
            Spliced::Integers(values) => texts.extend(values.iter().map(u64::to_string)),
            Spliced::Rows(rows) => texts.extend(rows.iter().map(|(message, index)| {
                let mut text = String::from("(");
                push_string_literal(&mut text, message);
                text.push_str(&format!(", {index})"));
                text
            })),
        }
        let elements = texts
            .iter()
            .map(|text| {
                syn::parse_str::<syn::Expr>(text).map_err(|error| format!("`{text}`: {error}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(syn::Expr::Array(syn::ExprArray {
            attrs: Vec::new(),
            bracket_token: Default::default(),
            elems: elements,
        }))
    }

    /// How many elements the table has.
    pub(super) fn len(&self, model: &Model) -> usize {
        match self {
            Spliced::Text(table) => table.len(model),
            Spliced::Integers(values) => values.len(),
            Spliced::Rows(rows) => rows.len(),
        }
    }

    /// Writes the elements, for an item at `indent`, as prettyplease
    /// prints a broken array: each line at `indent` and four spaces, each
    /// element followed by a comma.
    /// `spill` is offered `out` after each element.
    fn write(&self, model: &Model, indent: &str, out: &mut String, spill: Spill<'_>) {
        let inner = indent.len() + 4;
        match self {
            Spliced::Text(table) => table.for_each(model, &mut |element| {
                out.push_str(indent);
                out.push_str("    ");
                element(out);
                out.push_str(",\n");
                spill(out);
            }),
            Spliced::Integers(values) => {
                // An inconsistent box: a break is taken only when it and
                // what follows it, up to the next break, do not fit (the
                // last element's comma is printed only because the array
                // broke, so it does not count).
                let room = MARGIN.saturating_sub(inner).max(MIN_SPACE);
                let mut left = room;
                for (position, value) in values.iter().enumerate() {
                    let text = value.to_string();
                    let last = position + 1 == values.len();
                    // The blank before it counts too.
                    let size = 1 + text.len() + usize::from(!last);
                    if position == 0 {
                        out.push_str(indent);
                        out.push_str("    ");
                    } else if size <= left {
                        out.push(' ');
                        left -= 1;
                    } else {
                        out.push('\n');
                        out.push_str(indent);
                        out.push_str("    ");
                        left = room;
                    }
                    out.push_str(&text);
                    out.push(',');
                    left = left.saturating_sub(text.len() + 1);
                    spill(out);
                }
                out.push('\n');
            }
            Spliced::Rows(rows) => {
                let room = MARGIN.saturating_sub(inner).max(MIN_SPACE);
                for (position, (message, index)) in rows.iter().enumerate() {
                    let mut literal = String::new();
                    push_string_literal(&mut literal, message);
                    let index = index.to_string();
                    // The tuple's box holds `"message", index` and is
                    // measured up to the next break: its `)` and, but for
                    // the last row, the comma after it; `(` is printed.
                    let last = position + 1 == rows.len();
                    let size = literal.len() + 2 + index.len() + 1 + usize::from(!last);
                    if size < room {
                        out.push_str(indent);
                        out.push_str("    (");
                        out.push_str(&literal);
                        out.push_str(", ");
                        out.push_str(&index);
                        out.push_str("),\n");
                    } else {
                        for line in [
                            format!("{indent}    (\n"),
                            format!("{indent}        {literal},\n"),
                            format!("{indent}        {index},\n"),
                            format!("{indent}    ),\n"),
                        ] {
                            out.push_str(&line);
                        }
                    }
                    spill(out);
                }
            }
        }
    }
}

/// Offered the text written so far, now and then, to take it away: a
/// long file is written in pieces, never whole in memory.
pub(super) type Spill<'a> = &'a mut dyn FnMut(&mut String);

/// One element of a [`TextTable`]: writes its text.
type Element<'a> = &'a dyn Fn(&mut String);

/// A table whose elements are written as text: each is one string literal
/// or one path, which prettyplease never breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextTable {
    /// `Status::ALL`: `Self::Variant` per entry.
    All,
    /// Each entry's variant name.
    Names,
    /// Each entry's status message.
    Messages,
    /// Each entry's description per language, status-major.
    Descriptions,
    /// Each entry's solution per language, status-major; `""` where none.
    Solutions,
    /// Each entry's aliases, in entry order.
    AliasTexts,
}

impl TextTable {
    /// How many elements the table has.
    pub(super) fn len(self, model: &Model) -> usize {
        match self {
            TextTable::All | TextTable::Names | TextTable::Messages => model.entries.len(),
            TextTable::Descriptions | TextTable::Solutions => {
                model.entries.len() * model.languages.len()
            }
            TextTable::AliasTexts => model.entries.iter().map(|entry| entry.aliases.len()).sum(),
        }
    }

    /// Calls `element` with each element's text, in order.
    fn for_each(self, model: &Model, element: &mut dyn FnMut(Element<'_>)) {
        let entries = &model.entries;
        match self {
            TextTable::All => {
                for entry in entries {
                    element(&|out| {
                        out.push_str("Self::");
                        out.push_str(&entry.names.rust_variant);
                    });
                }
            }
            TextTable::Names => {
                for entry in entries {
                    element(&|out| push_string_literal(out, &entry.names.rust_variant));
                }
            }
            TextTable::Messages => {
                for entry in entries {
                    element(&|out| push_string_literal(out, &entry.message));
                }
            }
            TextTable::Descriptions | TextTable::Solutions => {
                let pick: fn(&Text) -> Option<&str> = if self == TextTable::Descriptions {
                    |text| Some(text.description.as_str())
                } else {
                    |text| text.solution.as_deref()
                };
                for entry in entries {
                    for index in 0..model.languages.len() {
                        let cell = text_cell(model, entry.text(index).and_then(pick), index);
                        element(&|out| push_string_literal(out, &cell));
                    }
                }
            }
            TextTable::AliasTexts => {
                for alias in entries.iter().flat_map(|entry| &entry.aliases) {
                    element(&|out| push_string_literal(out, alias));
                }
            }
        }
    }
}

/// A cell of the text tables: "" where there is no text (validation
/// guarantees texts are never empty). An application shows a text away from
/// the pages: its in-page links point at the published page, where the
/// catalog says where that is.
pub(super) fn text_cell<'a>(model: &Model, text: Option<&'a str>, language: usize) -> Cow<'a, str> {
    match text {
        None => Cow::Borrowed(""),
        Some(text) if model.package.site.is_none() => Cow::Borrowed(text),
        Some(text) => Cow::Owned(absolute_links(model, language, text)),
    }
}

/// The expression printed where the table at `position` of the marked
/// tables goes.
fn table_mark(position: usize) -> syn::Expr {
    let ident = syn::Ident::new(
        &format!("{TABLE_MARK}{position}"),
        proc_macro2::Span::call_site(),
    );
    syn::parse_quote!(#ident)
}

/// `printed` with each variant's doc mark replaced by its documentation,
/// written as prettyplease writes a `#[doc]` attribute of one line (`///`
/// and the line, its trailing spaces trimmed, at the mark's indentation),
/// and each table mark by its array as prettyplease prints one that does
/// not fit on a line: `[`, an element per line with a trailing comma, and
/// `]` at the item's indentation. `spill` is offered `out` after each line
/// and each element of a table.
pub(super) fn splice(
    krate: &Crate,
    printed: &str,
    tables: &[Spliced],
    out: &mut String,
    spill: Spill<'_>,
) -> Result<(), String> {
    let model = krate.model;
    let entries = &model.entries;
    let (mut docs, mut arrays) = (0, 0);
    for line in printed.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        if let Some(mark) = body
            .strip_prefix("///")
            .and_then(|rest| rest.strip_prefix(DOC_MARK))
        {
            let entry = mark
                .trim_end()
                .parse::<usize>()
                .ok()
                .and_then(|position| entries.get(position))
                .ok_or_else(|| format!("a doc mark `{}` names no entry", mark.trim_end()))?;
            push_doc_lines(out, indent, &variant_doc(model, entry));
            spill(out);
            docs += 1;
            continue;
        }
        let table = (!body.starts_with("//"))
            .then(|| table_at_end(body.trim_end()))
            .flatten();
        let Some((before, position)) = table else {
            out.push_str(line);
            spill(out);
            continue;
        };
        let table = tables
            .get(position)
            .ok_or_else(|| format!("a table mark names no table ({position})"))?;
        out.push_str(indent);
        out.push_str(before);
        out.push_str("[\n");
        table.write(model, indent, out, spill);
        out.push_str(indent);
        out.push_str("];\n");
        arrays += 1;
    }
    if docs != entries.len() || arrays != tables.len() {
        return Err(format!(
            "{docs} doc marks for {} variants, {arrays} table marks for {} tables",
            entries.len(),
            tables.len()
        ));
    }
    Ok(())
}

/// A line that ends in a table mark: what comes before the mark, and the
/// table's position.
fn table_at_end(line: &str) -> Option<(&str, usize)> {
    let rest = line.strip_suffix(';')?;
    let at = rest.rfind(TABLE_MARK)?;
    let position = rest[at + TABLE_MARK.len()..].parse().ok()?;
    Some((&rest[..at], position))
}

/// `text` as prettyplease prints its `#[doc]` attributes ([`doc_attributes`],
/// a line each, none starting with `/`): `///` and the line without its
/// trailing spaces.
///
/// [`doc_attributes`]: super::literal::doc_attributes
pub(super) fn push_doc_lines(out: &mut String, indent: &str, text: &str) {
    for line in doc_line_texts(text) {
        out.push_str(indent);
        out.push_str("///");
        out.push_str(line.trim_end_matches(' '));
        out.push('\n');
    }
}
