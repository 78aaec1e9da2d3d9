//! The TypeScript definitions and their `package.json`, from
//! `templates/definitions.d.ts`.

use std::collections::BTreeSet;

use askama::Template;

use super::{GeneratedFile, RenderError, header};
use crate::catalog::{Catalog, Entry};

pub fn render(catalog: &Catalog) -> Result<Vec<GeneratedFile>, RenderError> {
    let mut entries: Vec<&Entry> = catalog.entries.iter().collect();
    entries.sort_by_key(|entry| entry.code.value);
    let primary = catalog
        .languages
        .first()
        .map(|language| language.tag.value.as_str())
        .unwrap_or("en");
    let messages: BTreeSet<&str> = entries
        .iter()
        .flat_map(|entry| {
            std::iter::once(entry.message.as_str())
                .chain(entry.aliases().iter().map(|alias| alias.as_str()))
        })
        .collect();
    let template = DefinitionsTemplate {
        header: header::slashes(),
        type_name: catalog.package.type_name.value.clone(),
        messages: messages.into_iter().map(string_literal).collect(),
        entries: entries
            .iter()
            .map(|entry| {
                let mut doc = format!("`{} {}`", entry.code.value, entry.message.value);
                if let Some(text) = entry.text_in(primary) {
                    doc.push_str(" — ");
                    doc.push_str(&text.description);
                }
                EntryView {
                    code: entry.code.value,
                    message: string_literal(&entry.message),
                    doc: doc_comment_text(&doc),
                }
            })
            .collect(),
    };
    let path = "typescript/index.d.ts";
    let definitions = template
        .render()
        .map_err(|error| RenderError::new(path, error.to_string()))?;
    Ok(vec![
        GeneratedFile::new("typescript/package.json", package_json(catalog)),
        GeneratedFile::new(path, definitions),
    ])
}

#[derive(Template)]
#[template(path = "definitions.d.ts", escape = "none")]
struct DefinitionsTemplate {
    header: String,
    type_name: String,
    messages: Vec<String>,
    entries: Vec<EntryView>,
}

struct EntryView {
    code: u16,
    message: String,
    doc: String,
}

fn package_json(catalog: &Catalog) -> String {
    let package = &catalog.package;
    format!(
        r#"{{
  "//": {generated},
  "name": {name},
  "version": {version},
  "description": {description},
  "license": "MIT OR Apache-2.0",
  "types": "./index.d.ts",
  "exports": {{
    ".": {{
      "types": "./index.d.ts"
    }}
  }},
  "files": [
    "index.d.ts"
  ]
}}
"#,
        generated = string_literal(header::TEXT),
        name = string_literal(&package.name),
        version = string_literal(&package.version),
        description = string_literal(&package.description),
    )
}

/// A double-quoted string literal valid in both JSON and TypeScript.
pub(crate) fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Line terminators in JavaScript, and invisible controls.
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text that is safe on one line of a `/** … */` comment.
fn doc_comment_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("*/", "*\\/")
}
